# Generated from _async/registry.py by scripts/unasync.py; edit that file instead.
"""Where resources register: the client's accessors (``client.bots``, ...) and those of
``client.with_raw_response``.

Each resource is made on first use, and its module imported then, so that importing the
package and making a client stay cheap however large the API grows. Adding a resource is
one accessor in each class below; the clients inherit them and change not at all.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from attendee_client._sync.resource import SyncTransport

if TYPE_CHECKING:
    from attendee_client.resources._sync.app_sessions import (
        AppSessions,
        AppSessionsWithRawResponse,
    )
    from attendee_client.resources._sync.bots import Bots, BotsWithRawResponse
    from attendee_client.resources._sync.calendars import (
        CalendarEvents,
        CalendarEventsWithRawResponse,
        Calendars,
        CalendarsWithRawResponse,
    )
    from attendee_client.resources._sync.zoom_oauth_connections import (
        ZoomOAuthConnections,
        ZoomOAuthConnectionsWithRawResponse,
    )

__all__ = ["RawResources", "Resources"]


class Resources(SyncTransport):
    """The resources of a client."""

    @cached_property
    def bots(self) -> Bots:
        """Bots: send to meetings, steer, read what they recorded."""
        from attendee_client.resources._sync.bots import Bots

        return Bots(self)

    @cached_property
    def calendars(self) -> Calendars:
        """Calendars: connect, read, update, delete."""
        from attendee_client.resources._sync.calendars import Calendars

        return Calendars(self)

    @cached_property
    def calendar_events(self) -> CalendarEvents:
        """Calendar events found by syncs: list."""
        from attendee_client.resources._sync.calendars import CalendarEvents

        return CalendarEvents(self)

    @cached_property
    def zoom_oauth_connections(self) -> ZoomOAuthConnections:
        """Zoom OAuth connections: get, list, create, delete."""
        from attendee_client.resources._sync.zoom_oauth_connections import (
            ZoomOAuthConnections,
        )

        return ZoomOAuthConnections(self)

    @cached_property
    def app_sessions(self) -> AppSessions:
        """App sessions (Zoom RTMS): create from the webhook, end, read what they recorded."""
        from attendee_client.resources._sync.app_sessions import AppSessions

        return AppSessions(self)

    @cached_property
    def with_raw_response(self) -> RawResources:
        """The same resources, whose methods return a ``RawResponse``: the HTTP response of
        the exchange that produced the result (status, headers, the ``httpx.Response``),
        and ``parse()`` for the result itself."""
        return RawResources(self)


class RawResources:
    """``client.with_raw_response``: each resource, its methods returning ``RawResponse``."""

    def __init__(self, client: Resources) -> None:
        self._client = client

    @cached_property
    def bots(self) -> BotsWithRawResponse:
        """Bots, returning raw responses."""
        from attendee_client.resources._sync.bots import BotsWithRawResponse

        return BotsWithRawResponse(self._client.bots)

    @cached_property
    def calendars(self) -> CalendarsWithRawResponse:
        """Calendars, returning raw responses."""
        from attendee_client.resources._sync.calendars import CalendarsWithRawResponse

        return CalendarsWithRawResponse(self._client.calendars)

    @cached_property
    def calendar_events(self) -> CalendarEventsWithRawResponse:
        """Calendar events found by syncs, returning raw responses."""
        from attendee_client.resources._sync.calendars import (
            CalendarEventsWithRawResponse,
        )

        return CalendarEventsWithRawResponse(self._client.calendar_events)

    @cached_property
    def zoom_oauth_connections(self) -> ZoomOAuthConnectionsWithRawResponse:
        """Zoom OAuth connections, returning raw responses."""
        from attendee_client.resources._sync.zoom_oauth_connections import (
            ZoomOAuthConnectionsWithRawResponse,
        )

        return ZoomOAuthConnectionsWithRawResponse(self._client.zoom_oauth_connections)

    @cached_property
    def app_sessions(self) -> AppSessionsWithRawResponse:
        """App sessions, returning raw responses."""
        from attendee_client.resources._sync.app_sessions import AppSessionsWithRawResponse

        return AppSessionsWithRawResponse(self._client.app_sessions)
