"""``client.calendars`` and ``client.calendar_events``: connected calendars and the events
their syncs find.

Written once, for asyncio: ``scripts/unasync.py`` writes the synchronous twin from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from attendee_client._async.raw import async_raw, async_raw_pager
from attendee_client._async.resource import AsyncAPIResource
from attendee_client._raw import RawResource
from attendee_client._request import RequestOptions, path
from attendee_client._resource import NOTHING, model
from attendee_client._retry import Retry
from attendee_client.pagination import AsyncPager, Page
from attendee_client.resources._arguments.calendars import (
    CALENDAR,
    CALENDARS,
    CREATE_HINT,
    EVENTS,
    EventOrdering,
    create_body,
    events_query,
    update_body,
)
from attendee_client.types.calendars import Calendar, CalendarEvent, CalendarPlatform

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "AsyncCalendarEvents",
    "AsyncCalendarEventsWithRawResponse",
    "AsyncCalendars",
    "AsyncCalendarsWithRawResponse",
]


class AsyncCalendars(AsyncAPIResource):
    """``client.calendars``: the Google and Microsoft calendars Attendee syncs for the project."""

    async def create(
        self,
        *,
        platform: CalendarPlatform | Literal["google", "microsoft"],
        client_id: str,
        client_secret: str,
        refresh_token: str,
        platform_uuid: str | None = None,
        metadata: Mapping[str, str] | None = None,
        deduplication_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Calendar:
        """Connect a calendar. The server does not check the credentials now: a later sync
        turns the calendar ``disconnected`` if they fail (watch ``state`` or the
        ``calendar.state_change`` webhook). Sent once (retried only when it surely never
        arrived, or on 429). Raises BadRequestError with ``field_errors`` (a duplicate
        ``deduplication_key`` among them), ValueError/TypeError for a bad argument."""
        body = create_body(
            platform,
            client_id,
            client_secret,
            refresh_token,
            platform_uuid,
            metadata,
            deduplication_key,
        )
        return await self._send(
            "POST", CALENDARS, model(Calendar), options, body=body, outcome_hint=CREATE_HINT
        )

    async def get(self, calendar_id: str, **options: Unpack[RequestOptions]) -> Calendar:
        """Fetch one calendar; NotFoundError (``Calendar not found``) for an unknown id."""
        return await self._get(path(CALENDAR, calendar_id=calendar_id), model(Calendar), options)

    async def list_page(
        self,
        *,
        cursor: str | None = None,
        deduplication_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Page[Calendar]:
        """One page of up to 25 calendars, newest first."""
        return await self._page(
            CALENDARS, Calendar, cursor, options, {"deduplication_key": deduplication_key}
        )

    def list(
        self, *, deduplication_key: str | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Calendar]:
        """Every calendar, newest first, a page at a time."""
        return self._pager(CALENDARS, Calendar, options, {"deduplication_key": deduplication_key})

    async def update(
        self,
        calendar_id: str,
        *,
        client_secret: str | None = None,
        refresh_token: str | None = None,
        metadata: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Calendar:
        """Replace the credentials or the metadata (only the fields given are sent); the
        server re-syncs the calendar. Other fields cannot change."""
        body = update_body(client_secret, refresh_token, metadata)
        return await self._send(
            "PATCH", path(CALENDAR, calendar_id=calendar_id), model(Calendar), options, body=body
        )

    async def delete(self, calendar_id: str, **options: Unpack[RequestOptions]) -> None:
        """Disconnect a calendar, with its events and its still-scheduled bots. A retry that
        meets 404 after an attempt that may have deleted it counts as success."""
        return await self._send(
            "DELETE", path(CALENDAR, calendar_id=calendar_id), NOTHING, options, retry=Retry.SAFE
        )


class AsyncCalendarEvents(AsyncAPIResource):
    """``client.calendar_events``: the events calendar syncs found (read only; 100 a page)."""

    async def list_page(
        self,
        *,
        cursor: str | None = None,
        calendar_id: str | None = None,
        calendar_deduplication_key: str | None = None,
        event_id: str | None = None,
        updated_at_gte: datetime | None = None,
        start_time_gte: datetime | None = None,
        end_time_lte: datetime | None = None,
        ordering: EventOrdering | None = None,
        **options: Unpack[RequestOptions],
    ) -> Page[CalendarEvent]:
        """One page of events (bounds inclusive; default order ``-updated_at``; keep the
        same ``ordering`` on every page). Deleted events are listed with ``is_deleted``."""
        query = events_query(
            calendar_id,
            calendar_deduplication_key,
            event_id,
            updated_at_gte,
            start_time_gte,
            end_time_lte,
            ordering,
        )
        return await self._page(EVENTS, CalendarEvent, cursor, options, query)

    def list(
        self,
        *,
        calendar_id: str | None = None,
        calendar_deduplication_key: str | None = None,
        event_id: str | None = None,
        updated_at_gte: datetime | None = None,
        start_time_gte: datetime | None = None,
        end_time_lte: datetime | None = None,
        ordering: EventOrdering | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[CalendarEvent]:
        """Every matching event, a page at a time."""
        query = events_query(
            calendar_id,
            calendar_deduplication_key,
            event_id,
            updated_at_gte,
            start_time_gte,
            end_time_lte,
            ordering,
        )
        return self._pager(EVENTS, CalendarEvent, options, query)


class AsyncCalendarsWithRawResponse(RawResource[AsyncCalendars]):
    """``AsyncCalendars`` whose methods return a ``RawResponse``."""

    create = async_raw(AsyncCalendars.create)
    get = async_raw(AsyncCalendars.get)
    list_page = async_raw(AsyncCalendars.list_page)
    list = async_raw_pager(AsyncCalendars.list)
    update = async_raw(AsyncCalendars.update)
    delete = async_raw(AsyncCalendars.delete)


class AsyncCalendarEventsWithRawResponse(RawResource[AsyncCalendarEvents]):
    """``AsyncCalendarEvents`` whose methods return a ``RawResponse``."""

    list_page = async_raw(AsyncCalendarEvents.list_page)
    list = async_raw_pager(AsyncCalendarEvents.list)
