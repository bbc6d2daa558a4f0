"""The bots of the fake: their records, their state changes and the handlers of the bot
itself (list, create, get, patch, delete, leave, delete data), answering with the real
server's status codes and error bodies (``shared/api/bots.md``). What a bot is asked to do
is in ``_bot_actions``; what it recorded, in ``_bot_records``.

``Bots.on_state_change`` is where behaviour that follows a bot's meeting plugs in: every
state change calls each listener with the bot, its old state and the event recorded
(webhooks, the recording file, and whatever a bot should do once it has joined).
"""

from __future__ import annotations

import copy
import operator
from collections.abc import Callable, Mapping
from typing import Any

from attendee_client.testing._app import (
    ApiState,
    FakeRequest,
    FakeResponse,
    Refusal,
    check_fields,
    format_time,
    new_id,
    paginate,
    read_json,
    unexpected_fields,
)
from attendee_client.testing._bot_checks import (
    BOT_FIELDS,
    CREATE_FIELDS,
    bad_time,
    check_create,
    check_metadata,
    normalize_meeting_url,
    parse_time,
)
from attendee_client.testing._settings import webhook_refusal
from attendee_client.testing._states import (
    FINAL,
    HAPPY_PATH,
    LEAVE_ALLOWED,
    STATES,
    BotFailure,
    path_from,
)

__all__ = ["Bots", "StateListener", "settings_of"]


def settings_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """The settings objects of a create body."""
    return {name: value for name, value in data.items() if name.endswith("_settings")}


StateListener = Callable[[dict[str, Any], str, str | None, str | None], None]
"""Called with (the bot, its old state, the event type, its sub-type) after a change."""


class Bots:
    """The bots (app sessions included), oldest first, and the settings each was created
    with; the state machine that moves them; the handlers of ``/bots`` and ``/bots/{id}``."""

    def __init__(self, state: ApiState, *, page_size: int, next_host: str | None) -> None:
        self.state = state
        self.page_size = page_size
        self.next_host = next_host
        self.auto_advance = False
        self.by_id: dict[str, dict[str, Any]] = {}
        # What each fetch of a bot shows next (``FakeAttendeeServer.schedule_bot``).
        self.schedules: dict[str, list[str | BotFailure]] = {}
        # The settings objects each bot (or app session) was created with.
        self.settings: dict[str, dict[str, Any]] = {}
        # The calendar events by id (the calendars' own dict), for bots made for an event.
        self.calendar_events: dict[str, dict[str, Any]] = {}
        # Called on every state change, in order (see the module's docstring).
        self.on_state_change: list[StateListener] = []

    # --- the records and their state machine -------------------------------------------

    def new(
        self, fields: Mapping[str, Any], settings: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """A new bot in ``joining`` (``scheduled`` with a ``join_at``), ``fields`` replacing
        the plausible values; ``settings``: the settings objects it was created with."""
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
        self.settings[bot["id"]] = copy.deepcopy(dict(settings or {}))
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
        if state in ("joined_recording", "connected"):
            bot["recording_state"] = "in_progress"
            bot["transcription_state"] = "in_progress"
        elif state == "joined_recording_paused":
            bot["recording_state"] = "paused"
        elif state == "ended":
            for key in ("recording_state", "transcription_state"):
                if bot[key] == "in_progress" or bot[key] == "paused":
                    bot[key] = "complete"
        elif state == "fatal_error" and old not in FINAL:
            # The server ends what was under way: a recording without a file has failed.
            if bot["recording_state"] in ("in_progress", "paused"):
                bot["recording_state"] = "failed"
            if bot["transcription_state"] == "in_progress":
                bot["transcription_state"] = "complete"
        for listener in self.on_state_change:
            listener(bot, old, events[-1] if events else None, sub_type)

    def advance(self, bot: dict[str, Any]) -> None:
        """One step along the happy path (scheduled, joining, recording, post-processing,
        ended); nothing once the bot is final."""
        step = HAPPY_PATH.get(bot["state"])
        if step is not None:
            self.move(bot, step[0], *step[1])

    def advance_to(self, bot: dict[str, Any], state: str) -> None:
        """Along the happy path until ``state``; ValueError when that path does not pass
        it (nothing is changed then)."""
        path = path_from(bot["state"])
        if state not in path:
            raise ValueError(
                f"a bot in state {bot['state']} does not reach {state} along a meeting "
                f"({' -> '.join(path)}); use fail_bot or set_bot_state"
            )
        while bot["state"] != state:
            self.advance(bot)

    def fail(self, bot: dict[str, Any], failure: BotFailure) -> None:
        """Into ``fatal_error`` by ``failure``'s event; ValueError from a state the server
        does not allow it from."""
        refusal = failure.refusal(bot["state"])
        if refusal is not None:
            raise ValueError(refusal)
        self.move(bot, "fatal_error", failure.event_type, sub_type=failure.sub_type)

    def schedule(self, bot: dict[str, Any], steps: list[str | BotFailure]) -> None:
        """Show ``steps`` at the next fetches of ``bot``, one per fetch; ValueError for a
        step the previous one cannot lead to."""
        state = bot["state"]
        for number, step in enumerate(steps, start=1):
            if isinstance(step, BotFailure):
                refusal = step.refusal(state)
                if refusal is not None:
                    raise ValueError(f"step {number}: {refusal}")
                state = "fatal_error"
            elif step not in path_from(state):
                raise ValueError(
                    f"step {number}: a bot in state {state} does not reach {step} along a "
                    f"meeting ({' -> '.join(path_from(state))})"
                )
            else:
                state = step
        self.schedules[bot["id"]] = list(steps)

    def polled(self, bot: dict[str, Any]) -> None:
        """A fetch of ``bot``: its next scheduled step, or one step with auto-advance.

        A step the bot cannot take any more (the code under test made it leave, say) is
        skipped: what the API did wins over the schedule.
        """
        steps = self.schedules.get(bot["id"])
        if steps:
            step = steps.pop(0)
            if isinstance(step, BotFailure):
                if step.refusal(bot["state"]) is None:
                    self.fail(bot, step)
            elif step in path_from(bot["state"]):
                self.advance_to(bot, step)
        elif self.auto_advance:
            self.advance(bot)

    def find(self, request: FakeRequest) -> dict[str, Any]:
        """The bot of the request's path; raises the server's 404."""
        bot = self.by_id.get(request.params["bot_id"])
        if bot is None:
            raise Refusal.error(404, "Bot not found")
        return bot

    def known(self, bot_id: str) -> dict[str, Any]:
        """The bot ``bot_id``; a KeyError naming it when the fake has no such bot."""
        bot = self.by_id.get(bot_id)
        if bot is None:
            raise KeyError(f"the fake has no bot {bot_id!r}")
        return bot

    # --- handlers ----------------------------------------------------------------------

    def list_bots(self, request: FakeRequest) -> FakeResponse:
        bots = list(self.by_id.values())
        for name in ("meeting_url", "deduplication_key"):
            value = request.arg(name)
            if value:
                bots = [bot for bot in bots if bot[name] == value]
        states = [s for s in request.query.get("states", []) if s]
        for state in states:
            if state not in STATES:
                raise Refusal.error(
                    400, f"Invalid state: {state}. Valid states are: {', '.join(STATES)}"
                )
        if states:
            bots = [bot for bot in bots if bot["state"] in states]
        for name, keep in (
            ("join_at_after", operator.gt),
            ("join_at_before", operator.lt),
        ):
            value = request.arg(name)
            if not value:
                continue
            bound = parse_time(value if "T" in value else value + "T00:00:00+00:00")
            if bound is None:
                raise Refusal.error(400, bad_time(name))
            bots = [
                bot
                for bot in bots
                if bot["join_at"] and keep(parse_time(bot["join_at"]) or bound, bound)
            ]
        return paginate(request, bots, self.page_size, self.next_host)

    def get(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        self.polled(bot)
        return FakeResponse(200, bot)

    def create(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        if not isinstance(data, dict):
            raise Refusal(400, {"non_field_errors": ["Invalid data. Expected a dictionary."]})
        errors = check_create(data, self.state.clock)
        if errors:
            raise Refusal(400, errors)
        unknown = sorted(set(data) - set(CREATE_FIELDS))
        if unknown:
            raise unexpected_fields(unknown, CREATE_FIELDS)
        via_event = data.get("calendar_event_id") is not None
        event = self.calendar_events.get(data["calendar_event_id"]) if via_event else None
        if via_event and event is None:
            raise Refusal.error(
                400,
                f"Calendar event with id {data['calendar_event_id']} does not exist "
                "in this project.",
            )
        key = data.get("deduplication_key")
        if key is not None and any(
            bot["deduplication_key"] == key and bot["state"] not in FINAL
            for bot in self.by_id.values()
        ):
            raise Refusal.error(
                400,
                "Deduplication key already in use. A bot in a non-terminal state with this "
                "deduplication key already exists. Please use a different deduplication key or "
                "wait for that bot to terminate.",
            )
        refusal = webhook_refusal(data.get("webhooks"))
        if refusal is not None:
            raise Refusal.error(400, refusal)
        url = data.get("meeting_url")
        normalized = normalize_meeting_url(url) if isinstance(url, str) else None
        join_at = parse_time(data["join_at"]) if data.get("join_at") is not None else None
        if event is not None:
            # A bot for a calendar event takes its meeting and its time from the event.
            normalized, join_at = event["meeting_url"], parse_time(event["start_time"])
        bot = self.new(
            {
                "meeting_url": normalized,
                "metadata": data.get("metadata"),
                "join_at": format_time(join_at) if join_at else None,
                "deduplication_key": key,
            },
            settings_of(data),
        )
        if event is not None:
            event["bots"].append(bot)
        return FakeResponse(201, bot)

    def patch(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        data = read_json(request)
        errors: dict[str, list[str]] = {}
        if "join_at" in data:
            join_at = parse_time(data["join_at"])
            if join_at is None:
                errors["join_at"] = ["Datetime has wrong format."]
            elif join_at < self.state.clock:
                errors["join_at"] = ["join_at cannot be in the past"]
        if "metadata" in data:
            problem = check_metadata(data["metadata"])
            if problem:
                errors["metadata"] = [problem]
        if errors:
            raise Refusal(400, errors)
        locked = {"join_at", "meeting_url", "bot_name", "bot_image", "recording_settings"}
        if locked & set(data) and bot["state"] != "scheduled":
            raise Refusal.error(
                400,
                f"Bot is in state {bot['state']} but join_at, meeting_url, bot_name, bot_image "
                "and recording_settings can only be updated when in the scheduled state",
            )
        if "metadata" in data:
            bot["metadata"] = data["metadata"]
        if "join_at" in data:
            bot["join_at"] = format_time(parse_time(data["join_at"]))  # type: ignore[arg-type]
        if "meeting_url" in data:
            bot["meeting_url"] = data["meeting_url"]
        return FakeResponse(200, bot)

    def delete(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if bot["state"] != "scheduled":
            raise Refusal.error(
                400,
                f"Bot is in state {bot['state']} but can only be deleted when in scheduled state",
            )
        del self.by_id[bot["id"]]
        return FakeResponse(200)

    def leave(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if bot["state"] not in LEAVE_ALLOWED:
            raise Refusal.error(
                400,
                f"Event leave_requested not allowed when bot is in state {bot['state']}. "
                f"It is only allowed in these states: {', '.join(LEAVE_ALLOWED)}",
            )
        self.move(bot, "leaving", "leave_requested", sub_type="user_requested")
        return FakeResponse(200, bot)

    def delete_data(self, request: FakeRequest) -> FakeResponse:
        bot = self.find(request)
        if bot["state"] not in FINAL or bot["state"] == "data_deleted":
            raise Refusal.error(
                400, "Bot is not in a state where the data deleted event can be created"
            )
        self.move(bot, "data_deleted", "data_deleted")  # the records forget what it saw
        return FakeResponse(200, bot)
