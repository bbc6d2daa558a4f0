"""``client.calendars`` and ``client.calendar_events``: connected calendars and the events
their syncs find."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from attendee_client import _validation as check
from attendee_client._request import RequestOptions, path
from attendee_client._resource import (
    NOTHING,
    AsyncAPIResource,
    RawResource,
    SyncAPIResource,
    async_raw,
    model,
    raw,
)
from attendee_client._retry import Retry
from attendee_client.pagination import AsyncPager, Page, SyncPager
from attendee_client.types.calendars import Calendar, CalendarEvent, CalendarPlatform

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "AsyncCalendarEvents",
    "AsyncCalendarEventsWithRawResponse",
    "AsyncCalendars",
    "AsyncCalendarsWithRawResponse",
    "CalendarEvents",
    "CalendarEventsWithRawResponse",
    "Calendars",
    "CalendarsWithRawResponse",
]

CALENDARS = "/api/v1/calendars"
CALENDAR = CALENDARS + "/{calendar_id}"
EVENTS = "/api/v1/calendar_events"

EventOrdering = Literal[
    "-updated_at",
    "updated_at",
    "start_time",
    "-start_time",
    "end_time",
    "-end_time",
    "created_at",
    "-created_at",
]

_CREATE_HINT = (
    "the calendar may exist: list calendars with deduplication_key=... to check before trying again"
)


def _create_body(
    platform: CalendarPlatform | str,
    client_id: str,
    client_secret: str,
    refresh_token: str,
    platform_uuid: str | None,
    metadata: Mapping[str, str] | None,
    deduplication_key: str | None,
) -> dict[str, Any]:
    return check.body(
        platform=(platform, check.one_of("google", "microsoft")),
        client_id=(client_id, check.require_text),
        client_secret=(client_secret, check.require_text),
        refresh_token=(refresh_token, check.require_text),
        platform_uuid=(platform_uuid, check.require_text),
        metadata=(metadata, check.require_metadata),
        deduplication_key=(deduplication_key, check.require_text),
    )


def _update_body(
    client_secret: str | None, refresh_token: str | None, metadata: Mapping[str, str] | None
) -> dict[str, Any]:
    return check.body(
        client_secret=(client_secret, check.require_text),
        refresh_token=(refresh_token, check.require_text),
        metadata=(metadata, check.require_metadata),
    )


def _events_query(
    calendar_id: str | None,
    calendar_deduplication_key: str | None,
    event_id: str | None,
    updated_at_gte: datetime | None,
    start_time_gte: datetime | None,
    end_time_lte: datetime | None,
    ordering: EventOrdering | None,
) -> dict[str, object]:
    # An empty value is not ignored by this list (it matches nothing), so refuse it.
    for name, value in (
        ("calendar_id", calendar_id),
        ("calendar_deduplication_key", calendar_deduplication_key),
        ("event_id", event_id),
    ):
        if value is not None:
            check.require_text(value, name)
    if ordering is not None:
        check.one_of(*typing.get_args(EventOrdering))(ordering, "ordering")
    return {
        "calendar_id": calendar_id,
        "calendar_deduplication_key": calendar_deduplication_key,
        "event_id": event_id,
        "updated_at_gte": updated_at_gte,
        "start_time_gte": start_time_gte,
        "end_time_lte": end_time_lte,
        "ordering": ordering,
    }


class Calendars(SyncAPIResource):
    """The Google and Microsoft calendars Attendee syncs for the project."""

    def create(
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
        body = _create_body(
            platform,
            client_id,
            client_secret,
            refresh_token,
            platform_uuid,
            metadata,
            deduplication_key,
        )
        return self._send(
            "POST", CALENDARS, model(Calendar), options, body=body, outcome_hint=_CREATE_HINT
        )

    def get(self, calendar_id: str, **options: Unpack[RequestOptions]) -> Calendar:
        """Fetch one calendar; NotFoundError (``Calendar not found``) for an unknown id."""
        return self._get(path(CALENDAR, calendar_id=calendar_id), model(Calendar), options)

    def list_page(
        self,
        *,
        cursor: str | None = None,
        deduplication_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Page[Calendar]:
        """One page of up to 25 calendars, newest first."""
        return self._page(
            CALENDARS, Calendar, cursor, options, {"deduplication_key": deduplication_key}
        )

    def list(
        self, *, deduplication_key: str | None = None, **options: Unpack[RequestOptions]
    ) -> SyncPager[Calendar]:
        """Every calendar, newest first, a page at a time."""
        return self._pager(CALENDARS, Calendar, options, {"deduplication_key": deduplication_key})

    def update(
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
        body = _update_body(client_secret, refresh_token, metadata)
        return self._send(
            "PATCH", path(CALENDAR, calendar_id=calendar_id), model(Calendar), options, body=body
        )

    def delete(self, calendar_id: str, **options: Unpack[RequestOptions]) -> None:
        """Disconnect a calendar, with its events and its still-scheduled bots. A retry that
        meets 404 after an attempt that may have deleted it counts as success."""
        return self._send(
            "DELETE", path(CALENDAR, calendar_id=calendar_id), NOTHING, options, retry=Retry.SAFE
        )


class AsyncCalendars(AsyncAPIResource):
    """The calendars of the project, for asyncio; see ``Calendars``."""

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
        body = _create_body(
            platform,
            client_id,
            client_secret,
            refresh_token,
            platform_uuid,
            metadata,
            deduplication_key,
        )
        return await self._send(
            "POST", CALENDARS, model(Calendar), options, body=body, outcome_hint=_CREATE_HINT
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
        body = _update_body(client_secret, refresh_token, metadata)
        return await self._send(
            "PATCH", path(CALENDAR, calendar_id=calendar_id), model(Calendar), options, body=body
        )

    async def delete(self, calendar_id: str, **options: Unpack[RequestOptions]) -> None:
        """Disconnect a calendar, with its events and its still-scheduled bots. A retry that
        meets 404 after an attempt that may have deleted it counts as success."""
        return await self._send(
            "DELETE", path(CALENDAR, calendar_id=calendar_id), NOTHING, options, retry=Retry.SAFE
        )


class CalendarEvents(SyncAPIResource):
    """The events calendar syncs found (read only; up to 100 a page)."""

    def list_page(
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
        query = _events_query(
            calendar_id,
            calendar_deduplication_key,
            event_id,
            updated_at_gte,
            start_time_gte,
            end_time_lte,
            ordering,
        )
        return self._page(EVENTS, CalendarEvent, cursor, options, query)

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
    ) -> SyncPager[CalendarEvent]:
        """Every matching event, a page at a time."""
        query = _events_query(
            calendar_id,
            calendar_deduplication_key,
            event_id,
            updated_at_gte,
            start_time_gte,
            end_time_lte,
            ordering,
        )
        return self._pager(EVENTS, CalendarEvent, options, query)


class AsyncCalendarEvents(AsyncAPIResource):
    """Calendar events, for asyncio; see ``CalendarEvents``."""

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
        query = _events_query(
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
        query = _events_query(
            calendar_id,
            calendar_deduplication_key,
            event_id,
            updated_at_gte,
            start_time_gte,
            end_time_lte,
            ordering,
        )
        return self._pager(EVENTS, CalendarEvent, options, query)


class CalendarsWithRawResponse(RawResource[Calendars]):
    """``Calendars`` whose methods return a ``RawResponse``."""

    create = raw(Calendars.create)
    get = raw(Calendars.get)
    list_page = raw(Calendars.list_page)
    update = raw(Calendars.update)
    delete = raw(Calendars.delete)


class AsyncCalendarsWithRawResponse(RawResource[AsyncCalendars]):
    """``AsyncCalendars`` whose methods return a ``RawResponse``."""

    create = async_raw(AsyncCalendars.create)
    get = async_raw(AsyncCalendars.get)
    list_page = async_raw(AsyncCalendars.list_page)
    update = async_raw(AsyncCalendars.update)
    delete = async_raw(AsyncCalendars.delete)


class CalendarEventsWithRawResponse(RawResource[CalendarEvents]):
    """``CalendarEvents`` whose methods return a ``RawResponse``."""

    list_page = raw(CalendarEvents.list_page)


class AsyncCalendarEventsWithRawResponse(RawResource[AsyncCalendarEvents]):
    """``AsyncCalendarEvents`` whose methods return a ``RawResponse``."""

    list_page = async_raw(AsyncCalendarEvents.list_page)
