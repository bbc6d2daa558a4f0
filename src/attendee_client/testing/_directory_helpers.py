"""The ``FakeAttendeeServer`` helpers that seed Zoom OAuth connections and calendars."""

from __future__ import annotations

import copy
from typing import Any

from attendee_client.testing._app import ApiState, check_fields
from attendee_client.testing._calendars import CalendarStore
from attendee_client.testing._connections import DOCUMENTED_EXAMPLE, ConnectionStore

__all__ = ["DirectoryHelpers"]


class DirectoryHelpers:
    """Mixed into ``FakeAttendeeServer``."""

    _state: ApiState
    _connections: ConnectionStore
    _calendars: CalendarStore

    # --- Zoom OAuth connections ------------------------------------------------------------

    def add_connection(self, **fields: Any) -> dict[str, Any]:
        """Store a new connection (newest of all) and return its JSON object.

        Fields not given get plausible values: a fresh ``zoc_`` id, ``connected``, ...;
        a datetime value is written as the server writes it. Raises TypeError for a field a
        connection does not have.
        """
        with self._state.lock:
            connection = self._connections.new(fields)
            self._connections.put(connection)
            return copy.deepcopy(connection)

    def add_connections(self, count: int) -> list[dict[str, Any]]:
        """Store ``count`` new connections; returns them oldest first."""
        return [self.add_connection() for _ in range(count)]

    def add_authorization_code(self, code: str, **fields: Any) -> None:
        """Let one create exchange ``code``; the new connection gets ``fields`` (checked as
        ``add_connection`` checks them)."""
        with self._state.lock:
            fields = check_fields(fields, DOCUMENTED_EXAMPLE, "a Zoom OAuth connection")
            self._connections.codes[code] = fields

    @property
    def connections(self) -> list[dict[str, Any]]:
        """The stored connections, newest first."""
        with self._state.lock:
            return copy.deepcopy(self._connections.newest_first())

    def disconnect_connection(self, connection_id: str, reason: str = "invalid_grant") -> None:
        """Turn a connection ``disconnected``, as a failed token refresh does."""
        with self._state.lock:
            self._connections.disconnect(connection_id, reason)

    # --- calendars -----------------------------------------------------------------------

    def add_calendar(self, **fields: Any) -> dict[str, Any]:
        """Store a new calendar (``connected``) and return its JSON object."""
        with self._state.lock:
            return copy.deepcopy(self._calendars.new(fields))

    @property
    def calendars(self) -> list[dict[str, Any]]:
        """The stored calendars, newest first."""
        with self._state.lock:
            return copy.deepcopy(list(reversed(self._calendars.by_id.values())))

    def add_calendar_event(self, calendar_id: str, **fields: Any) -> dict[str, Any]:
        """Store an event of a calendar, as a sync would find it; returns it."""
        with self._state.lock:
            return copy.deepcopy(self._calendars.new_event(calendar_id, fields))

    def disconnect_calendar(self, calendar_id: str, error: str = "invalid_grant") -> dict[str, Any]:
        """Turn a calendar ``disconnected``, as a sync whose credentials fail does."""
        with self._state.lock:
            calendar = self._calendars.by_id[calendar_id]
            failure = {
                "error": f"Google Authentication error: {{'error': '{error}'}}",
                "timestamp": self._state.clock.isoformat(),
            }
            self._calendars.set_state(calendar, "disconnected", failure)
            return copy.deepcopy(calendar)
