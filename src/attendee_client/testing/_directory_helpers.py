"""The ``FakeAttendeeServer`` helpers that seed Zoom OAuth connections and calendars."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, cast

from attendee_client.testing._app import ApiState, check_fields
from attendee_client.testing._calendars import CalendarStore
from attendee_client.testing._connections import DOCUMENTED_EXAMPLE, ConnectionStore
from attendee_client.testing._records import (
    CalendarEventFields,
    CalendarEventRecord,
    CalendarFields,
    CalendarRecord,
    ConnectionFields,
    ConnectionRecord,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["DirectoryHelpers"]


class DirectoryHelpers:
    """Mixed into ``FakeAttendeeServer``."""

    _state: ApiState
    _connections: ConnectionStore
    _calendars: CalendarStore

    # --- Zoom OAuth connections ------------------------------------------------------------

    def add_connection(self, **fields: Unpack[ConnectionFields]) -> ConnectionRecord:
        """Store a new connection (newest of all) and return its JSON object.

        Fields not given get plausible values: a fresh ``zoc_`` id, ``connected``, ...;
        a datetime value is written as the server writes it. Raises TypeError for a field a
        connection does not have.
        """
        with self._state.lock:
            connection = self._connections.new(fields)
            self._connections.put(connection)
            return cast("ConnectionRecord", copy.deepcopy(connection))

    def add_connections(self, count: int) -> list[ConnectionRecord]:
        """Store ``count`` new connections; returns them oldest first."""
        return [self.add_connection() for _ in range(count)]

    def add_authorization_code(self, code: str, **fields: Unpack[ConnectionFields]) -> None:
        """Let one create exchange ``code``; the new connection gets ``fields`` (checked as
        ``add_connection`` checks them)."""
        with self._state.lock:
            checked = check_fields(fields, DOCUMENTED_EXAMPLE, "a Zoom OAuth connection")
            self._connections.codes[code] = checked

    @property
    def connections(self) -> list[ConnectionRecord]:
        """The stored connections, newest first."""
        with self._state.lock:
            return cast("list[ConnectionRecord]", copy.deepcopy(self._connections.newest_first()))

    def disconnect_connection(self, connection_id: str, reason: str = "invalid_grant") -> None:
        """Turn a connection ``disconnected``, as a failed token refresh does."""
        with self._state.lock:
            self._connections.disconnect(connection_id, reason)

    # --- calendars -----------------------------------------------------------------------

    def add_calendar(self, **fields: Unpack[CalendarFields]) -> CalendarRecord:
        """Store a new calendar (``connected``) and return its JSON object. Raises TypeError
        for a field a calendar does not have; datetimes are accepted."""
        with self._state.lock:
            return cast("CalendarRecord", copy.deepcopy(self._calendars.new(fields)))

    @property
    def calendars(self) -> list[CalendarRecord]:
        """The stored calendars, newest first."""
        with self._state.lock:
            calendars = list(reversed(self._calendars.by_id.values()))
            return cast("list[CalendarRecord]", copy.deepcopy(calendars))

    def add_calendar_event(
        self, calendar_id: str, **fields: Unpack[CalendarEventFields]
    ) -> CalendarEventRecord:
        """Store an event of a calendar, as a sync would find it; returns it. Raises
        TypeError for a field an event does not have, KeyError for an unknown calendar."""
        with self._state.lock:
            event = self._calendars.new_event(calendar_id, fields)
            return cast("CalendarEventRecord", copy.deepcopy(event))

    def disconnect_calendar(self, calendar_id: str, error: str = "invalid_grant") -> CalendarRecord:
        """Turn a calendar ``disconnected``, as a sync whose credentials fail does."""
        with self._state.lock:
            calendar = self._calendars.by_id[calendar_id]
            failure = {
                "error": f"Google Authentication error: {{'error': '{error}'}}",
                "timestamp": self._state.clock.isoformat(),
            }
            self._calendars.set_state(calendar, "disconnected", failure)
            return cast("CalendarRecord", copy.deepcopy(calendar))
