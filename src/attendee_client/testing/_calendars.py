"""The calendars and calendar events of the fake: their records and handlers
(``shared/api/calendars.md``).

``Calendars.on_state_change`` is called with the calendar after each change of its state
(webhooks listen there)."""

from __future__ import annotations

import copy
import operator
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from attendee_client.testing._app import (
    ApiState,
    FakeRequest,
    FakeResponse,
    Refusal,
    check_fields,
    new_id,
    paginate,
    read_json,
    unexpected_fields,
)
from attendee_client.testing._bots import Bots
from attendee_client.testing._surface import body_fields, record_fields

__all__ = ["CalendarListener", "Calendars"]
CREATE_FIELDS = body_fields("CreateCalendarRequest")
PATCH_FIELDS = body_fields("PatchedPatchCalendarRequest")
CALENDAR_FIELDS = record_fields("Calendar")
EVENT_FIELDS = record_fields("CalendarEvent")
# In the order the server's message lists them (the schema sorts them).
ORDERINGS = (
    "-updated_at",
    "updated_at",
    "start_time",
    "-start_time",
    "end_time",
    "-end_time",
    "created_at",
    "-created_at",
)


def _parse_bound(value: str) -> datetime | None:
    text = value if "T" in value else value + "T00:00:00+00:00"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


CalendarListener = Callable[[dict[str, Any]], None]


class Calendars:
    """The calendars (oldest first) and their events; the handlers of ``/calendars`` and
    ``/calendar_events``."""

    def __init__(
        self, state: ApiState, bots: Bots, *, page_size: int, next_host: str | None
    ) -> None:
        self.state = state
        self.bots = bots
        self.page_size = page_size
        self.next_host = next_host
        self.by_id: dict[str, dict[str, Any]] = {}
        self.events: dict[str, dict[str, Any]] = {}
        self.on_state_change: list[CalendarListener] = []

    def new(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        fields = check_fields(fields, CALENDAR_FIELDS, "a calendar")
        now = self.state.tick()
        calendar: dict[str, Any] = {
            "id": new_id("cal_"),
            "platform": "google",
            "client_id": "client-id",
            "platform_uuid": None,
            "state": "connected",
            "metadata": None,
            "deduplication_key": None,
            "connection_failure_data": None,
            "created_at": now,
            "updated_at": now,
            "last_successful_sync_at": None,
            "last_attempted_sync_at": None,
            **copy.deepcopy(fields),
        }
        self.by_id[calendar["id"]] = calendar
        return calendar

    def new_event(self, calendar_id: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        self.known(calendar_id)
        fields = check_fields(fields, EVENT_FIELDS, "a calendar event")
        now = self.state.tick()
        event: dict[str, Any] = {
            "id": new_id("evt_"),
            "calendar_id": calendar_id,
            "platform_uuid": new_id("g"),
            "meeting_url": "https://meet.google.com/abc-defg-hij",
            "start_time": "2025-03-01T10:00:00Z",
            "end_time": "2025-03-01T11:00:00Z",
            "is_deleted": False,
            "attendees": [{"email": "user1@example.com", "name": "John Doe"}],
            "ical_uid": None,
            "name": "Weekly sync",
            "raw": {},
            "bots": [],
            "created_at": now,
            "updated_at": now,
            **copy.deepcopy(fields),
        }
        self.events[event["id"]] = event
        return event

    def disconnect(self, calendar_id: str, error: str) -> dict[str, Any]:
        """Turn a calendar ``disconnected``, as a sync whose credentials fail does."""
        calendar = self.known(calendar_id)
        failure = {
            "error": f"Google Authentication error: {{'error': '{error}'}}",
            "timestamp": self.state.clock.isoformat(),
        }
        self.set_state(calendar, "disconnected", failure)
        return calendar

    def set_state(self, calendar: dict[str, Any], state: str, failure: Any = None) -> None:
        calendar["state"] = state
        calendar["connection_failure_data"] = failure
        calendar["updated_at"] = calendar["last_attempted_sync_at"] = self.state.tick()
        for listener in self.on_state_change:
            listener(calendar)

    def known(self, calendar_id: str) -> dict[str, Any]:
        """The calendar ``calendar_id``; a KeyError naming it when the fake has none."""
        calendar = self.by_id.get(calendar_id)
        if calendar is None:
            raise KeyError(f"the fake has no calendar {calendar_id!r}")
        return calendar

    def newest_first(self) -> list[dict[str, Any]]:
        return list(reversed(self.by_id.values()))

    # --- handlers ----------------------------------------------------------------------

    def find(self, request: FakeRequest) -> dict[str, Any]:
        calendar = self.by_id.get(request.params["calendar_id"])
        if calendar is None:
            raise Refusal.error(404, "Calendar not found")
        return calendar

    def list_calendars(self, request: FakeRequest) -> FakeResponse:
        calendars = list(reversed(self.by_id.values()))
        if "deduplication_key" in request.query:
            key = request.arg("deduplication_key")
            calendars = [c for c in calendars if c["deduplication_key"] == key]
        return paginate(request, calendars, self.page_size, self.next_host)

    def get(self, request: FakeRequest) -> FakeResponse:
        calendar = self.find(request)
        return FakeResponse(200, calendar)

    def create(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        errors: dict[str, list[str]] = {}
        for field in ("client_id", "client_secret", "refresh_token"):
            if field not in data:
                errors[field] = ["This field is required."]
            elif not str(data[field]).strip():
                errors[field] = ["This field may not be blank."]
        if data.get("platform") not in ("google", "microsoft"):
            errors["platform"] = [f'"{data.get("platform")}" is not a valid choice.']
        metadata = data.get("metadata")
        if metadata is not None:
            bad = (
                [k for k, v in metadata.items() if not isinstance(v, str)]
                if isinstance(metadata, dict)
                else ["?"]
            )
            if bad:
                errors["metadata"] = [f"Value for key '{bad[0]}' must be a string"]
        key = data.get("deduplication_key")
        if key is not None and not str(key).strip():
            errors["deduplication_key"] = ["This field may not be blank."]
        elif key is not None and any(c["deduplication_key"] == key for c in self.by_id.values()):
            errors["deduplication_key"] = [
                "A calendar with this deduplication key already exists in this project."
            ]
        if errors:
            raise Refusal(400, errors)
        unknown = sorted(set(data) - set(CREATE_FIELDS))
        if unknown:
            raise unexpected_fields(unknown, CREATE_FIELDS)
        calendar = self.new(
            {
                name: data.get(name)
                for name in (
                    "platform",
                    "client_id",
                    "platform_uuid",
                    "metadata",
                    "deduplication_key",
                )
            }
        )
        return FakeResponse(201, calendar)

    def patch(self, request: FakeRequest) -> FakeResponse:
        calendar = self.find(request)
        data = read_json(request)
        unknown = sorted(set(data) - set(PATCH_FIELDS))
        if unknown:
            raise unexpected_fields(unknown, PATCH_FIELDS)
        for field in ("client_secret", "refresh_token"):
            if field in data and not str(data[field]).strip():
                raise Refusal(400, {field: ["This field may not be blank."]})
        if "metadata" in data:
            if data["metadata"] is None:
                raise Refusal(400, {"metadata": ["This field may not be null."]})
            calendar["metadata"] = data["metadata"]
        calendar["updated_at"] = self.state.tick()
        return FakeResponse(200, calendar)

    def delete(self, request: FakeRequest) -> FakeResponse:
        calendar = self.find(request)
        del self.by_id[calendar["id"]]
        for event_id in [i for i, e in self.events.items() if e["calendar_id"] == calendar["id"]]:
            for bot in self.events[event_id]["bots"]:
                if self.bots.by_id.get(bot["id"], {}).get("state") == "scheduled":
                    del self.bots.by_id[bot["id"]]
            del self.events[event_id]
        return FakeResponse(200)

    def list_events(self, request: FakeRequest) -> FakeResponse:
        events = list(self.events.values())
        if "calendar_id" in request.query:
            events = [e for e in events if e["calendar_id"] == request.arg("calendar_id")]
        if "calendar_deduplication_key" in request.query:
            key = request.arg("calendar_deduplication_key")
            ids = {c["id"] for c in self.by_id.values() if c["deduplication_key"] == key}
            events = [e for e in events if e["calendar_id"] in ids]
        if "event_id" in request.query:
            events = [e for e in events if e["id"] == request.arg("event_id")]
        filters = (
            ("updated_at_gte", "updated_at", operator.ge, "2025-01-13T10:30:00Z"),
            ("start_time_gte", "start_time", operator.ge, "2025-01-13T10:30:00Z"),
            ("end_time_lte", "end_time", operator.le, "2025-01-13T18:00:00Z"),
        )
        for name, field, keep, example in filters:
            if name in request.query:
                bound = _parse_bound(request.arg(name) or "")
                if bound is None:
                    raise Refusal.error(
                        400, f"Invalid {name} format. Use ISO 8601 format (e.g., {example})"
                    )
                events = [e for e in events if keep(_time(e[field]), bound)]
        ordering = request.arg("ordering") or "-updated_at"
        if ordering not in ORDERINGS:
            raise Refusal.error(400, f"Invalid ordering. Allowed values: {', '.join(ORDERINGS)}")
        key = ordering.lstrip("-")
        events.sort(key=lambda e: (_time(e[key]), e["id"]), reverse=ordering.startswith("-"))
        return paginate(request, events, 100, self.next_host)
