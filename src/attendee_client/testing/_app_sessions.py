"""The app sessions (Zoom RTMS) of the fake: create, end, media and participant events
(transcripts are ``_transcriptions``'), answering as the real server does
(``shared/api/app-sessions.md``). An app session is stored as a bot, as the server stores
it: ``GET /bots`` lists it and the bot routes answer for it."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from attendee_client.testing._app import (
    FakeRequest,
    FakeResponse,
    Refusal,
    check_fields,
    new_id,
    read_json,
    unexpected_fields,
)
from attendee_client.testing._bot_checks import check_create
from attendee_client.testing._bot_records import BotRecords
from attendee_client.testing._bots import Bots, settings_of
from attendee_client.testing._settings import ZOOM_RTMS, schema_error, webhook_refusal
from attendee_client.testing._states import FINAL
from attendee_client.testing._surface import body_fields, record_fields

__all__ = ["APP_SESSION_FIELDS", "AppSessions"]

CREATE_SESSION_FIELDS = body_fields("CreateAppSessionRequest")
APP_SESSION_FIELDS = record_fields("AppSession")
DISCONNECT_FROM = ("connected", "connecting")


class AppSessions:
    """The app-session handlers; the sessions themselves are in ``bots``, their stream ids
    here."""

    def __init__(self, bots: Bots, records: BotRecords) -> None:
        self.bots = bots
        self.records = records
        self.stream_ids: dict[str, str | None] = {}

    def all(self) -> list[dict[str, Any]]:
        """The app sessions, oldest first, as the API serves them."""
        return [
            self.as_json(bot) for bot in self.bots.by_id.values() if bot["id"] in self.stream_ids
        ]

    def as_json(self, bot: Mapping[str, Any]) -> dict[str, Any]:
        """An app session as the server serializes it (a bot without meeting, with its
        stream id)."""
        data = {name: bot[name] for name in APP_SESSION_FIELDS if name != "zoom_rtms_stream_id"}
        data["zoom_rtms_stream_id"] = self.stream_ids.get(bot["id"])
        return data

    def new(
        self, fields: Mapping[str, Any], settings: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """A new app session, ``connecting``, ``fields`` replacing the plausible values."""
        fields = check_fields(fields, APP_SESSION_FIELDS, "an app session")
        stream_id = fields.pop("zoom_rtms_stream_id", None) or new_id("stream-")
        now = self.bots.state.tick()
        defaults = {
            "id": new_id("app_"),
            "meeting_url": "app_session",
            "state": "connecting",
            "events": [{"type": "app_session_connection_requested", "created_at": now}],
        }
        bot = self.bots.new({**defaults, **copy.deepcopy(fields)}, settings)
        self.stream_ids[bot["id"]] = stream_id
        return bot

    def create(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        if not isinstance(data, dict):
            raise Refusal(400, {"non_field_errors": ["Invalid data. Expected a dictionary."]})
        errors = check_create(data, self.bots.state.clock, app_session=True)
        if "zoom_rtms" not in data:
            errors["zoom_rtms"] = ["This field is required."]
        elif data["zoom_rtms"] is None:
            errors["zoom_rtms"] = ["This field may not be null."]
        else:
            problem = schema_error(data["zoom_rtms"], ZOOM_RTMS)
            if problem:
                errors["zoom_rtms"] = [problem]
        if errors:
            raise Refusal(400, errors)
        unknown = sorted(set(data) - set(CREATE_SESSION_FIELDS))
        if unknown:
            raise unexpected_fields(unknown, CREATE_SESSION_FIELDS)
        key = data.get("deduplication_key")
        if key is not None and any(
            bot["deduplication_key"] == key and bot["state"] not in FINAL
            for bot in self.bots.by_id.values()
        ):
            raise Refusal.error(
                400,
                "Deduplication key already in use. A app session in a non-terminal state with "
                "this deduplication key already exists. Please use a different deduplication "
                "key or wait for that app session to terminate.",
            )
        refusal = webhook_refusal(data.get("webhooks"))
        if refusal is not None:
            raise Refusal.error(400, refusal)
        settings = settings_of(data)
        settings.setdefault("transcription_settings", {"meeting_closed_captions": {}})
        settings["recording_settings"] = {**(settings.get("recording_settings") or {})}
        settings["recording_settings"]["resolution"] = "720p"
        bot = self.new(
            {
                "metadata": data.get("metadata"),
                "deduplication_key": key,
                "zoom_rtms_stream_id": data["zoom_rtms"]["rtms_stream_id"],
            },
            settings,
        )
        return FakeResponse(201, self.as_json(bot))

    def end(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        # The server reads request.data.get("zoom_rtms").get("rtms_stream_id") unguarded:
        # a body without that object crashes its view.
        rtms = data.get("zoom_rtms") if isinstance(data, dict) else None
        if not isinstance(rtms, dict):
            raise Refusal.server_error()
        stream_id = rtms.get("rtms_stream_id")
        if isinstance(stream_id, (dict, list)):
            raise Refusal.server_error()
        wanted = None if stream_id is None else str(stream_id)
        # Bot.objects.get(zoom_rtms_stream_id=...): every bot of the project, a null id
        # matching the bots that are not app sessions.
        found = [
            bot for bot in self.bots.by_id.values() if self.stream_ids.get(bot["id"]) == wanted
        ]
        if not found:
            raise Refusal.error(404, "App session not found")
        if len(found) > 1:
            raise Refusal.server_error()  # MultipleObjectsReturned
        (session,) = found
        if session["state"] not in DISCONNECT_FROM:
            raise Refusal.error(
                400,
                "Event app_session_disconnect_requested not allowed when bot is in state "
                f"{session['state']}. It is only allowed in these states: "
                f"{', '.join(DISCONNECT_FROM)}",
            )
        self.bots.move(session, "disconnecting", "app_session_disconnect_requested")
        return FakeResponse(200, self.as_json(session))

    def media(self, request: FakeRequest) -> FakeResponse:
        session = self.bots.by_id.get(request.params["bot_id"])
        if session is None or session["id"] not in self.stream_ids:
            raise Refusal.error(404, "App session not found")
        answer = self.records.signed_url(session)
        if answer is None:
            raise Refusal.error(404, "No media file found for app session")
        return answer
