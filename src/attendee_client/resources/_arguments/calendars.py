"""What ``client.calendars`` and ``client.calendar_events`` check and send, the same for
both flavours."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from attendee_client import _argument_checks as check
from attendee_client.types.calendars import CalendarPlatform

if TYPE_CHECKING:
    pass

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

CREATE_HINT = (
    "the calendar may exist: list calendars with deduplication_key=... to check before trying again"
)


def create_body(
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


def update_body(
    client_secret: str | None, refresh_token: str | None, metadata: Mapping[str, str] | None
) -> dict[str, Any]:
    return check.body(
        client_secret=(client_secret, check.require_text),
        refresh_token=(refresh_token, check.require_text),
        metadata=(metadata, check.require_metadata),
    )


def events_query(
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
