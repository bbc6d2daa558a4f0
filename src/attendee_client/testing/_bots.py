"""The bots of the fake: their store, their state machine and their routes, answering with
the real server's status codes and error bodies (``shared/api/bots.md``)."""

from __future__ import annotations

import base64
import binascii
import copy
import operator
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from attendee_client.testing._app import (
    ApiState,
    FakeRequest,
    FakeResponse,
    Route,
    check_fields,
    error,
    format_time,
    new_id,
    paginate,
    read_json,
    unexpected_fields,
)

__all__ = ["BotStore"]

BOTS = "/api/v1/bots"
BOT = BOTS + "/{bot_id}"

STATES = [
    "ready",
    "joining",
    "joined_not_recording",
    "joined_recording",
    "leaving",
    "post_processing",
    "fatal_error",
    "waiting_room",
    "ended",
    "data_deleted",
    "scheduled",
    "staged",
    "joined_recording_paused",
    "joining_breakout_room",
    "leaving_breakout_room",
    "joined_recording_permission_denied",
    "connecting",
    "connected",
    "disconnecting",
]
FINAL = ("fatal_error", "ended", "data_deleted")
IN_MEETING = (
    "joined_not_recording",
    "joined_recording",
    "joined_recording_paused",
    "joined_recording_permission_denied",
)
LEAVE_ALLOWED = (
    "joined_recording_paused",
    "joined_recording",
    "joined_not_recording",
    "joined_recording_permission_denied",
    "waiting_room",
    "joining",
    "joining_breakout_room",
    "leaving_breakout_room",
)
CREATE_FIELDS = sorted(
    [
        "automatic_leave_settings",
        "bot_chat_message",
        "bot_image",
        "bot_name",
        "calendar_event_id",
        "callback_settings",
        "debug_settings",
        "deduplication_key",
        "external_media_storage_settings",
        "google_meet_settings",
        "join_at",
        "kubernetes_settings",
        "meeting_url",
        "metadata",
        "recording_settings",
        "rtmp_settings",
        "teams_settings",
        "transcription_settings",
        "voice_agent_settings",
        "webhooks",
        "websocket_settings",
        "zoom_settings",
    ]
)
BOT_FIELDS = [
    "id",
    "metadata",
    "meeting_url",
    "state",
    "events",
    "transcription_state",
    "recording_state",
    "join_at",
    "deduplication_key",
]
MEETING_HOSTS = ("zoom.us", "meet.google.com", "teams.microsoft.com", "teams.live.com")

# The happy path ``advance_bot`` walks: state -> (next state, events to add).
_NEXT: dict[str, tuple[str, tuple[str, ...]]] = {
    "scheduled": ("joining", ("join_requested",)),
    "ready": ("joining", ("join_requested",)),
    "staged": ("joining", ("join_requested",)),
    "joining": ("joined_recording", ("joined_meeting", "recording_permission_granted")),
    "waiting_room": ("joined_recording", ("joined_meeting", "recording_permission_granted")),
    "joined_not_recording": ("post_processing", ("meeting_ended",)),
    "joined_recording": ("post_processing", ("meeting_ended",)),
    "joined_recording_paused": ("post_processing", ("meeting_ended",)),
    "joined_recording_permission_denied": ("post_processing", ("meeting_ended",)),
    "leaving": ("post_processing", ("left_meeting",)),
    "post_processing": ("ended", ("post_processing_completed",)),
}


def _bad_time(name: str) -> str:
    return f"Invalid {name} format. Use ISO 8601 format (e.g., 2024-01-18T12:34:56Z)"


def _bad(field: str, message: str) -> FakeResponse:
    return FakeResponse(400, {field: [message]})


def _check_metadata(metadata: object) -> str | None:
    if not isinstance(metadata, dict):
        return "Metadata must be an object not an array or other type"
    if not metadata:
        return "Metadata must have at least one key"
    for key, value in metadata.items():
        if not isinstance(value, str):
            return f"Value for key '{key}' must be a string"
    return None


def _normalize_meeting_url(url: str) -> str | None:
    split = urlsplit(url)
    host = (split.hostname or "").lower()
    if split.scheme not in ("http", "https") or not any(
        host == known or host.endswith("." + known) for known in MEETING_HOSTS
    ):
        return None
    if host == "meet.google.com":
        return f"https://meet.google.com{split.path}"
    return url


def _parse_time(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


class BotStore:
    """The bots, oldest first, with what they recorded and what they were asked to do."""

    def __init__(self, state: ApiState, *, page_size: int, next_host: str | None) -> None:
        self.state = state
        self.page_size = page_size
        self.next_host = next_host
        self.auto_advance = False
        self.by_id: dict[str, dict[str, Any]] = {}
        self.utterances: dict[str, list[dict[str, Any]]] = {}
        self.chat_messages: dict[str, list[dict[str, Any]]] = {}
        self.participants: dict[str, list[dict[str, Any]]] = {}
        self.participant_events: dict[str, list[dict[str, Any]]] = {}
        self.actions: dict[str, list[tuple[str, Any]]] = {}
        # The calendar events by id (the calendar store's), for bots made for an event.
        self.calendar_events: dict[str, dict[str, Any]] = {}
        # Called with (bot, old state, event) on every state change (webhook deliveries).
        self.on_state_change: list[Any] = []

    # --- the store ---------------------------------------------------------------------

    def new(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """A new bot in ``joining`` (``scheduled`` with a ``join_at``), ``fields`` replacing
        the plausible values."""
        fields = check_fields(fields, BOT_FIELDS, "a bot")
        now = self.state.tick()
        scheduled = fields.get("join_at") is not None and "state" not in fields
        bot: dict[str, Any] = {
            "id": new_id("bot_"),
            "metadata": None,
            "meeting_url": "https://meet.google.com/abc-defg-hij",
            "state": "scheduled" if scheduled else "joining",
            "events": [] if scheduled else [{"type": "join_requested", "created_at": now}],
            "transcription_state": "not_started",
            "recording_state": "not_started",
            "join_at": None,
            "deduplication_key": None,
        }
        bot.update(copy.deepcopy(fields))
        self.by_id[bot["id"]] = bot
        for store in (
            self.utterances,
            self.chat_messages,
            self.participants,
            self.participant_events,
            self.actions,
        ):
            store[bot["id"]] = []
        return bot

    def move(
        self, bot: dict[str, Any], state: str, *events: str, sub_type: str | None = None
    ) -> None:
        """Put ``bot`` in ``state``, recording ``events`` (the last with ``sub_type``)."""
        old = bot["state"]
        bot["state"] = state
        for index, event_type in enumerate(events):
            event: dict[str, Any] = {"type": event_type, "created_at": self.state.tick()}
            if sub_type is not None and index == len(events) - 1:
                event["sub_type"] = sub_type
            bot["events"].append(event)
        if state in ("joined_recording",):
            bot["recording_state"] = "in_progress"
            bot["transcription_state"] = "in_progress"
        elif state == "joined_recording_paused":
            bot["recording_state"] = "paused"
        elif state == "ended":
            for key in ("recording_state", "transcription_state"):
                if bot[key] == "in_progress" or bot[key] == "paused":
                    bot[key] = "complete"
        for listener in self.on_state_change:
            listener(bot, old, events[-1] if events else None, sub_type)

    def advance(self, bot: dict[str, Any]) -> None:
        """One step along the happy path (scheduled, joining, recording, post-processing,
        ended); nothing once the bot is final."""
        step = _NEXT.get(bot["state"])
        if step is not None:
            self.move(bot, step[0], *step[1])

    def find(self, request: FakeRequest) -> dict[str, Any] | FakeResponse:
        bot = self.by_id.get(request.params["bot_id"])
        return error(404, "Bot not found") if bot is None else bot

    # --- routes ------------------------------------------------------------------------

    def routes(self) -> list[Route]:
        def action(name: str) -> str:
            return f"{BOT}/{name}"

        return [
            Route("GET", BOTS, self.list_bots),
            Route("POST", BOTS, self.create),
            Route("GET", BOT, self.get),
            Route("PATCH", BOT, self.patch),
            Route("DELETE", BOT, self.delete),
            Route("POST", action("leave"), self.leave),
            Route("POST", action("delete_data"), self.delete_data),
            Route("POST", action("pause_recording"), self.pause_recording),
            Route("POST", action("resume_recording"), self.resume_recording),
            Route("POST", action("admit_from_waiting_room"), self.admit),
            Route("POST", action("change_gallery_view_page"), self.gallery),
            Route("POST", action("send_chat_message"), self.send_chat_message),
            Route("POST", action("speech"), self.speech),
            Route("POST", action("output_audio"), self.output_audio),
            Route("POST", action("output_image"), self.output_image),
            Route("POST", action("output_video"), self.output_video),
            Route("PATCH", action("transcription_settings"), self.transcription_settings),
            Route("PATCH", action("voice_agent_settings"), self.voice_agent_settings),
            Route("GET", action("transcript"), self.transcript),
            Route("GET", action("recording"), self.recording),
            Route(
                "GET",
                action("chat_messages"),
                self.sub_list(self.chat_messages, "updated_after", "timestamp"),
            ),
            Route("GET", action("participants"), self.participant_list),
            Route("GET", action("participant_events"), self.participant_event_list),
        ]

    def list_bots(self, request: FakeRequest) -> FakeResponse:
        bots = list(self.by_id.values())
        for name in ("meeting_url", "deduplication_key"):
            value = request.arg(name)
            if value:
                bots = [bot for bot in bots if bot[name] == value]
        states = [s for s in request.query.get("states", []) if s]
        for state in states:
            if state not in STATES:
                return error(400, f"Invalid state: {state}. Valid states are: {', '.join(STATES)}")
        if states:
            bots = [bot for bot in bots if bot["state"] in states]
        for name, keep in (
            ("join_at_after", operator.gt),
            ("join_at_before", operator.lt),
        ):
            value = request.arg(name)
            if not value:
                continue
            bound = _parse_time(value if "T" in value else value + "T00:00:00+00:00")
            if bound is None:
                return error(400, _bad_time(name))
            bots = [
                bot
                for bot in bots
                if bot["join_at"] and keep(_parse_time(bot["join_at"]) or bound, bound)
            ]
        return paginate(request, bots, self.page_size, self.next_host)

    def get(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if self.auto_advance:
            self.advance(bot)
        return FakeResponse(200, bot)

    def create(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        if isinstance(data, FakeResponse):
            return data
        if not isinstance(data, dict):
            return FakeResponse(400, {"non_field_errors": ["Invalid data. Expected a dictionary."]})
        errors: dict[str, Any] = {}
        via_event = data.get("calendar_event_id") is not None
        for field in ("meeting_url", "bot_name") if not via_event else ("bot_name",):
            if field not in data:
                errors[field] = ["This field is required."]
        url = data.get("meeting_url")
        normalized = _normalize_meeting_url(url) if isinstance(url, str) else None
        if "meeting_url" in data and normalized is None:
            errors["meeting_url"] = ["Invalid meeting URL"]
        name = data.get("bot_name")
        if isinstance(name, str) and any(ord(c) > 0xFFFF for c in name):
            errors["bot_name"] = ["Bot name cannot contain emojis or rare script characters."]
        join_at = None
        if data.get("join_at") is not None:
            join_at = _parse_time(data["join_at"])
            if join_at is None:
                errors["join_at"] = [
                    "Datetime has wrong format. Use one of these formats instead: "
                    "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
                ]
            elif join_at < self.state.clock:
                errors["join_at"] = ["join_at cannot be in the past"]
        if "metadata" in data:
            problem = _check_metadata(data["metadata"])
            if problem:
                errors["metadata"] = [problem]
        image = data.get("bot_image")
        if isinstance(image, dict) and image.get("type") not in ("image/png", "image/jpeg"):
            errors["bot_image"] = {"type": [f'"{image.get("type")}" is not a valid choice.']}
        if isinstance(data.get("recording_settings"), dict):
            form = data["recording_settings"].get("format", "mp4")
            if form not in ("mp4", "mp3", "none"):
                errors["recording_settings"] = {"format": "Format must be mp4 or mp3 or 'none'"}
        if errors:
            return FakeResponse(400, errors)
        unknown = sorted(set(data) - set(CREATE_FIELDS))
        if unknown:
            return unexpected_fields(unknown, CREATE_FIELDS)
        event = self.calendar_events.get(data["calendar_event_id"]) if via_event else None
        if via_event and event is None:
            return error(
                400,
                f"Calendar event with id {data['calendar_event_id']} does not exist "
                "in this project.",
            )
        key = data.get("deduplication_key")
        if key is not None and any(
            bot["deduplication_key"] == key and bot["state"] not in FINAL
            for bot in self.by_id.values()
        ):
            return error(
                400,
                "Deduplication key already in use. A bot in a non-terminal state with this "
                "deduplication key already exists. Please use a different deduplication key or "
                "wait for that bot to terminate.",
            )
        if event is not None:
            # A bot for a calendar event takes its meeting and its time from the event.
            normalized, join_at = event["meeting_url"], _parse_time(event["start_time"])
        bot = self.new(
            {
                "meeting_url": normalized,
                "metadata": data.get("metadata"),
                "join_at": format_time(join_at) if join_at else None,
                "deduplication_key": key,
            }
        )
        if event is not None:
            event["bots"].append(bot)
        return FakeResponse(201, bot)

    def patch(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        data = read_json(request)
        if isinstance(data, FakeResponse):
            return data
        errors: dict[str, list[str]] = {}
        if "join_at" in data:
            join_at = _parse_time(data["join_at"])
            if join_at is None:
                errors["join_at"] = ["Datetime has wrong format."]
            elif join_at < self.state.clock:
                errors["join_at"] = ["join_at cannot be in the past"]
        if "metadata" in data:
            problem = _check_metadata(data["metadata"])
            if problem:
                errors["metadata"] = [problem]
        if errors:
            return FakeResponse(400, errors)
        locked = {"join_at", "meeting_url", "bot_name", "bot_image", "recording_settings"}
        if locked & set(data) and bot["state"] != "scheduled":
            return error(
                400,
                f"Bot is in state {bot['state']} but join_at, meeting_url, bot_name, bot_image "
                "and recording_settings can only be updated when in the scheduled state",
            )
        if "metadata" in data:
            bot["metadata"] = data["metadata"]
        if "join_at" in data:
            bot["join_at"] = format_time(_parse_time(data["join_at"]))  # type: ignore[arg-type]
        if "meeting_url" in data:
            bot["meeting_url"] = data["meeting_url"]
        return FakeResponse(200, bot)

    def delete(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if bot["state"] != "scheduled":
            return error(
                400,
                f"Bot is in state {bot['state']} but can only be deleted when in scheduled state",
            )
        del self.by_id[bot["id"]]
        return FakeResponse(200)

    def leave(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if bot["state"] not in LEAVE_ALLOWED:
            return error(
                400,
                f"Event leave_requested not allowed when bot is in state {bot['state']}. "
                f"It is only allowed in these states: {', '.join(LEAVE_ALLOWED)}",
            )
        self.move(bot, "leaving", "leave_requested", sub_type="user_requested")
        return FakeResponse(200, bot)

    def delete_data(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if bot["state"] not in FINAL or bot["state"] == "data_deleted":
            return error(400, "Bot is not in a state where the data deleted event can be created")
        self.move(bot, "data_deleted", "data_deleted")
        for store in (
            self.utterances,
            self.chat_messages,
            self.participants,
            self.participant_events,
        ):
            store[bot["id"]] = []
        return FakeResponse(200, bot)

    def pause_recording(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if bot["state"] != "joined_recording":
            return error(400, f"Bot is in state {bot['state']} and cannot pause recording")
        self.move(bot, "joined_recording_paused", "recording_paused")
        return FakeResponse(200, bot)

    def resume_recording(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if bot["state"] != "joined_recording_paused":
            return error(400, f"Bot is in state {bot['state']} and cannot resume recording.")
        self.move(bot, "joined_recording", "recording_resumed")
        return FakeResponse(200, bot)

    def _in_meeting(self, request: FakeRequest, doing: str) -> dict[str, Any] | FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if bot["state"] not in IN_MEETING:
            return error(400, f"Bot is in state {bot['state']} and cannot {doing}")
        return bot

    def _record(self, bot: dict[str, Any], name: str, data: Any) -> FakeResponse:
        self.actions[bot["id"]].append((name, data))
        return FakeResponse(200)

    def admit(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if "zoom.us" not in bot["meeting_url"]:
            return error(400, "Admitting from waiting room is not supported for this meeting type")
        bot = self._in_meeting(request, "admit from waiting room")
        return (
            bot
            if isinstance(bot, FakeResponse)
            else self._record(bot, "admit_from_waiting_room", None)
        )

    def gallery(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if "zoom.us" not in bot["meeting_url"]:
            return error(400, "Changing gallery view page is not supported for this meeting type")
        bot = self._in_meeting(request, "change gallery view page")
        if isinstance(bot, FakeResponse):
            return bot
        data = read_json(request)
        direction = data.get("direction", "next") if isinstance(data, dict) else "next"
        return self._record(
            bot, "change_gallery_view_page", "next" if direction == "next" else "previous"
        )

    def send_chat_message(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        if isinstance(data, FakeResponse):
            return data
        message = data.get("message")
        if not isinstance(message, str) or not message:
            return _bad("message", "This field is required.")
        if any(ord(c) > 0xFFFF for c in message):
            return _bad("message", "Message cannot contain emojis or rare script characters.")
        to = data.get("to", "everyone")
        if to not in ("everyone", "specific_user", "everyone_but_host"):
            return _bad("to", f'"{to}" is not a valid choice.')
        if to == "specific_user" and not data.get("to_user_uuid"):
            return _bad(
                "to_user_uuid", "This field is required when the 'to' value is 'specific_user'."
            )
        bot = self._in_meeting(request, "send chat messages")
        return (
            bot if isinstance(bot, FakeResponse) else self._record(bot, "send_chat_message", data)
        )

    def speech(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        if isinstance(data, FakeResponse):
            return data
        errors = {
            k: ["This field is required."]
            for k in ("text", "text_to_speech_settings")
            if k not in data
        }
        if errors:
            return FakeResponse(400, errors)
        google = data["text_to_speech_settings"].get("google", {})
        for key in ("voice_language_code", "voice_name"):
            if key not in google:
                return _bad("text_to_speech_settings", f"'{key}' is a required property")
        bot = self._in_meeting(request, "play media")
        return bot if isinstance(bot, FakeResponse) else self._record(bot, "speech", data)

    def output_audio(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        if isinstance(data, FakeResponse):
            return data
        if not data.get("type") or not data.get("data"):
            return error(400, "Both type and data are required")
        if data["type"] != "audio/mp3":
            return error(400, "Invalid audio content type")
        try:
            base64.b64decode(data["data"], validate=True)
        except (ValueError, binascii.Error):
            return error(400, "Invalid base64 encoded data")
        bot = self._in_meeting(request, "play media")
        return bot if isinstance(bot, FakeResponse) else self._record(bot, "output_audio", data)

    def output_image(self, request: FakeRequest) -> FakeResponse:
        bot = self._in_meeting(request, "play media")
        if isinstance(bot, FakeResponse):
            return bot
        data = read_json(request)
        if isinstance(data, FakeResponse):
            return data
        if data.get("type") not in ("image/png", "image/jpeg") or not data.get("data"):
            return error(400, "Invalid image content type or data")
        return self._record(bot, "output_image", data)

    def output_video(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        if isinstance(data, FakeResponse):
            return data
        url = data.get("url", "")
        if not isinstance(url, str) or not url.startswith("https://"):
            return _bad("url", "URL must start with https://")
        if not url.endswith(".mp4"):
            return _bad("url", "URL must end with .mp4")
        bot = self._in_meeting(request, "play media")
        return bot if isinstance(bot, FakeResponse) else self._record(bot, "output_video", data)

    def transcription_settings(self, request: FakeRequest) -> FakeResponse:
        bot = self._in_meeting(request, "update transcription settings")
        if isinstance(bot, FakeResponse):
            return bot
        return self._record(bot, "transcription_settings", read_json(request))

    def voice_agent_settings(self, request: FakeRequest) -> FakeResponse:
        bot = self._in_meeting(request, "update voice agent settings")
        if isinstance(bot, FakeResponse):
            return bot
        return self._record(bot, "voice_agent_settings", read_json(request))

    def transcript(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        utterances = self.utterances[bot["id"]]
        value = request.arg("updated_after")
        if value:
            bound = _parse_time(value)
            if bound is None:
                return error(
                    400,
                    _bad_time("updated_after"),
                )
            utterances = [u for u in utterances if u["_updated_at"] > bound]
        visible = [
            {k: v for k, v in u.items() if not k.startswith("_")}
            for u in sorted(utterances, key=lambda u: u["timestamp_ms"])
            if (u.get("transcription") or {}).get("transcript")
        ]
        return FakeResponse(200, visible)

    def recording(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        if bot["state"] != "ended":
            return error(404, "No recording file found for bot")
        return FakeResponse(
            200,
            {
                "url": f"https://storage.example.com/{bot['id']}.mp4?signature=fake",
                "start_timestamp_ms": 1700000000000,
            },
        )

    def sub_list(self, store: dict[str, list[dict[str, Any]]], after_name: str, field: str) -> Any:
        def handler(request: FakeRequest) -> FakeResponse:
            bot = self.find(request)
            if isinstance(bot, FakeResponse):
                return bot
            items = store[bot["id"]]
            value = request.arg(after_name)
            if value:
                bound = _parse_time(value)
                if bound is None:
                    return error(
                        400,
                        _bad_time(after_name),
                    )
                items = [i for i in items if datetime.fromtimestamp(i[field], bound.tzinfo) > bound]
            return paginate(request, items, self.page_size, self.next_host)

        return handler

    def participant_list(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        items = self.participants[bot["id"]]
        is_host = request.arg("is_host")
        if is_host:
            if is_host.lower() not in ("true", "false"):
                return error(400, "Invalid is_host value. Use true or false.")
            items = [p for p in items if p["is_host"] == (is_host.lower() == "true")]
        wanted = request.arg("id")
        if wanted:
            items = [p for p in items if p["id"] == wanted]
        return paginate(request, items, self.page_size, self.next_host)

    def participant_event_list(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if isinstance(bot, FakeResponse):
            return bot
        items = self.participant_events[bot["id"]]
        for name, keep in (("after", operator.gt), ("before", operator.lt)):
            value = request.arg(name)
            if value:
                bound = _parse_time(value)
                if bound is None:
                    return error(
                        400,
                        _bad_time(name),
                    )
                items = [
                    e
                    for e in items
                    if keep(datetime.fromtimestamp(e["timestamp_ms"] / 1000, bound.tzinfo), bound)
                ]
        return paginate(request, items, self.page_size, self.next_host)

    # --- seeding -----------------------------------------------------------------------

    def add_utterance(self, bot_id: str, text: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        known = (
            "speaker_name",
            "speaker_uuid",
            "speaker_user_uuid",
            "speaker_is_host",
            "timestamp_ms",
            "duration_ms",
            "transcription",
        )
        fields = check_fields(fields, known, "an utterance")
        existing = self.utterances[self._known(bot_id)]
        start = (
            existing[-1]["timestamp_ms"] + existing[-1]["duration_ms"]
            if existing
            else 1700000000000
        )
        utterance = {
            "speaker_name": "Alice",
            "speaker_uuid": "16778240",
            "speaker_user_uuid": None,
            "speaker_is_host": True,
            "timestamp_ms": start,
            "duration_ms": 2300,
            "transcription": {"transcript": text, "words": []},
            **copy.deepcopy(fields),
        }
        self.state.tick()
        existing.append({**utterance, "_updated_at": self.state.clock})
        return utterance

    def add_chat_message(self, bot_id: str, text: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        known = (
            "id",
            "text",
            "timestamp",
            "to",
            "sender_name",
            "sender_uuid",
            "sender_user_uuid",
            "additional_data",
        )
        fields = check_fields(fields, known, "a chat message")
        self.state.tick()
        seconds = int(self.state.clock.timestamp())
        message = {
            "id": new_id("msg_"),
            "text": text,
            "timestamp_ms": seconds * 1000,
            "timestamp": seconds,
            "to": "everyone",
            "sender_name": "Alice",
            "sender_uuid": "16778240",
            "sender_user_uuid": None,
            "additional_data": {},
            **copy.deepcopy(fields),
        }
        message["timestamp_ms"] = message["timestamp"] * 1000
        self.chat_messages[self._known(bot_id)].append(message)
        return message

    def add_participant(self, bot_id: str, name: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        fields = check_fields(fields, ("id", "uuid", "user_uuid", "is_host"), "a participant")
        participant = {
            "id": new_id("par_"),
            "name": name,
            "uuid": str(16778240 + len(self.participants[self._known(bot_id)])),
            "user_uuid": None,
            "is_host": False,
            **copy.deepcopy(fields),
        }
        self.participants[bot_id].append(participant)
        self.add_participant_event(bot_id, participant, "join", {})
        return participant

    def add_participant_event(
        self, bot_id: str, participant: Mapping[str, Any], event_type: str, event_data: Any
    ) -> dict[str, Any]:
        self.state.tick()
        event = {
            "id": new_id("pe_"),
            "participant_name": participant["name"],
            "participant_uuid": participant["uuid"],
            "participant_user_uuid": participant["user_uuid"],
            "participant_is_host": participant["is_host"],
            "event_type": event_type,
            "event_data": event_data,
            "timestamp_ms": int(self.state.clock.timestamp() * 1000),
        }
        self.participant_events[self._known(bot_id)].append(event)
        return event

    def _known(self, bot_id: str) -> str:
        if bot_id not in self.by_id:
            raise KeyError(f"the fake has no bot {bot_id!r}")
        return bot_id
