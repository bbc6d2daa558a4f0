"""The calendar models: a connected Google or Microsoft calendar, and its events."""

# No ``from __future__ import annotations``: the structure functions read these annotations
# at run time.

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from attendee_client._models import ExtensibleEnum, Model
from attendee_client.types.bots import Bot

__all__ = ["Calendar", "CalendarEvent", "CalendarPlatform", "CalendarState"]


class CalendarPlatform(ExtensibleEnum):
    """Whose calendar it is."""

    GOOGLE = "google"
    MICROSOFT = "microsoft"


class CalendarState(ExtensibleEnum):
    """Whether Attendee can still sync the calendar."""

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"


@attrs.frozen(kw_only=True)
class Calendar(Model):
    """A calendar Attendee syncs. ``client_secret`` and ``refresh_token`` are write-only
    and never come back. ``platform_uuid`` None means the primary calendar."""

    id: str
    platform: CalendarPlatform | str
    client_id: str
    platform_uuid: str | None
    state: CalendarState | str | None
    metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    deduplication_key: str | None
    connection_failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    created_at: datetime
    updated_at: datetime
    last_successful_sync_at: datetime | None
    last_attempted_sync_at: datetime | None


@attrs.frozen(kw_only=True)
class CalendarEvent(Model):
    """An event found by a calendar sync; ``bots`` are those created for it."""

    id: str
    calendar_id: str
    platform_uuid: str
    meeting_url: str | None
    start_time: datetime
    end_time: datetime
    is_deleted: bool
    attendees: list[Mapping[str, Any]] | None = attrs.field(hash=False)
    ical_uid: str | None
    name: str | None
    raw: Any = attrs.field(hash=False)
    bots: list[Bot] = attrs.field(hash=False)
    created_at: datetime
    updated_at: datetime
