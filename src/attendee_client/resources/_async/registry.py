"""Where resources register: the client's accessors (``client.bots``, ...) and those of
``client.with_raw_response``.

Each resource is made on first use, and its module imported then, so that importing the
package and making a client stay cheap however large the API grows. Adding a resource is
one accessor in each class below; the clients inherit them and change not at all.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from attendee_client._async.resource import AsyncTransport

if TYPE_CHECKING:
    from attendee_client.resources._async.app_sessions import (
        AsyncAppSessions,
        AsyncAppSessionsWithRawResponse,
    )
    from attendee_client.resources._async.bots import AsyncBots, AsyncBotsWithRawResponse
    from attendee_client.resources._async.calendars import (
        AsyncCalendarEvents,
        AsyncCalendarEventsWithRawResponse,
        AsyncCalendars,
        AsyncCalendarsWithRawResponse,
    )
    from attendee_client.resources._async.zoom_oauth_connections import (
        AsyncZoomOAuthConnections,
        AsyncZoomOAuthConnectionsWithRawResponse,
    )

__all__ = ["AsyncRawResources", "AsyncResources"]


class AsyncResources(AsyncTransport):
    """The resources of a client."""

    @cached_property
    def bots(self) -> AsyncBots:
        """Bots: send to meetings, steer, read what they recorded."""
        from attendee_client.resources._async.bots import AsyncBots

        return AsyncBots(self)

    @cached_property
    def calendars(self) -> AsyncCalendars:
        """Calendars: connect, read, update, delete."""
        from attendee_client.resources._async.calendars import AsyncCalendars

        return AsyncCalendars(self)

    @cached_property
    def calendar_events(self) -> AsyncCalendarEvents:
        """Calendar events found by syncs: list."""
        from attendee_client.resources._async.calendars import AsyncCalendarEvents

        return AsyncCalendarEvents(self)

    @cached_property
    def zoom_oauth_connections(self) -> AsyncZoomOAuthConnections:
        """Zoom OAuth connections: get, list, create, delete."""
        from attendee_client.resources._async.zoom_oauth_connections import (
            AsyncZoomOAuthConnections,
        )

        return AsyncZoomOAuthConnections(self)

    @cached_property
    def app_sessions(self) -> AsyncAppSessions:
        """App sessions (Zoom RTMS): create from the webhook, end, read what they recorded."""
        from attendee_client.resources._async.app_sessions import AsyncAppSessions

        return AsyncAppSessions(self)

    @cached_property
    def with_raw_response(self) -> AsyncRawResources:
        """The same resources, whose methods return a ``RawResponse``: the HTTP response of
        the exchange that produced the result (status, headers, the ``httpx.Response``),
        and ``parse()`` for the result itself."""
        return AsyncRawResources(self)


class AsyncRawResources:
    """``client.with_raw_response``: each resource, its methods returning ``RawResponse``."""

    def __init__(self, client: AsyncResources) -> None:
        self._client = client

    @cached_property
    def bots(self) -> AsyncBotsWithRawResponse:
        """Bots, returning raw responses."""
        from attendee_client.resources._async.bots import AsyncBotsWithRawResponse

        return AsyncBotsWithRawResponse(self._client.bots)

    @cached_property
    def calendars(self) -> AsyncCalendarsWithRawResponse:
        """Calendars, returning raw responses."""
        from attendee_client.resources._async.calendars import AsyncCalendarsWithRawResponse

        return AsyncCalendarsWithRawResponse(self._client.calendars)

    @cached_property
    def calendar_events(self) -> AsyncCalendarEventsWithRawResponse:
        """Calendar events found by syncs, returning raw responses."""
        from attendee_client.resources._async.calendars import (
            AsyncCalendarEventsWithRawResponse,
        )

        return AsyncCalendarEventsWithRawResponse(self._client.calendar_events)

    @cached_property
    def zoom_oauth_connections(self) -> AsyncZoomOAuthConnectionsWithRawResponse:
        """Zoom OAuth connections, returning raw responses."""
        from attendee_client.resources._async.zoom_oauth_connections import (
            AsyncZoomOAuthConnectionsWithRawResponse,
        )

        return AsyncZoomOAuthConnectionsWithRawResponse(self._client.zoom_oauth_connections)

    @cached_property
    def app_sessions(self) -> AsyncAppSessionsWithRawResponse:
        """App sessions, returning raw responses."""
        from attendee_client.resources._async.app_sessions import AsyncAppSessionsWithRawResponse

        return AsyncAppSessionsWithRawResponse(self._client.app_sessions)
