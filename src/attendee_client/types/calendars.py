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
    """Google Calendar."""
    MICROSOFT = "microsoft"
    """Microsoft (Outlook) calendar."""


class CalendarState(ExtensibleEnum):
    """Whether Attendee can still sync the calendar."""

    CONNECTED = "connected"
    """Syncing (also right after ``create``: the credentials are checked by the first sync)."""
    DISCONNECTED = "disconnected"
    """A sync failed to authenticate; ``connection_failure_data`` says why."""


@attrs.frozen(kw_only=True)
class Calendar(Model):
    """A Google or Microsoft calendar Attendee syncs.

    ``client_secret`` and ``refresh_token`` are write-only: they never come back.
    """

    id: str
    """``cal_`` and 16 letters or digits."""
    platform: CalendarPlatform | str
    """Whose calendar: a ``CalendarPlatform`` member, or the plain string of a new one."""
    client_id: str
    """The OAuth client id, as given at ``create``."""
    platform_uuid: str | None
    """The calendar's id at Google or Microsoft; None for the primary calendar."""
    state: CalendarState | str | None
    """A ``CalendarState`` member, or the plain string of a new one; None for a state the server
    cannot name."""
    metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    """Your string keys and values; None when never set."""
    deduplication_key: str | None
    """The key unique among the project's calendars; None when not given."""
    connection_failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    """Why the last sync failed (``error``, ``timestamp``); None when it did not."""
    created_at: datetime
    """When it was created (aware, UTC)."""
    updated_at: datetime
    """When it last changed (aware, UTC)."""
    last_successful_sync_at: datetime | None
    """When a sync last succeeded (aware, UTC); None until one has."""
    last_attempted_sync_at: datetime | None
    """When a sync was last tried (aware, UTC); None until one has run."""


@attrs.frozen(kw_only=True)
class CalendarEvent(Model):
    """An event found by a calendar sync; ``bots`` are those created for it."""

    id: str
    """``evt_`` and an id; pass it as ``calendar_event_id`` to ``bots.create``."""
    calendar_id: str
    """The calendar it was found in (``cal_…``)."""
    platform_uuid: str
    """The event's id at Google or Microsoft."""
    meeting_url: str | None
    """The Zoom, Google Meet or Teams link found in it; None when there is none."""
    start_time: datetime
    """When it starts (aware)."""
    end_time: datetime
    """When it ends (aware)."""
    is_deleted: bool
    """Whether it was deleted in the calendar (deleted events stay listed)."""
    attendees: list[Mapping[str, Any]] | None = attrs.field(hash=False)
    """Who is invited (``[{"email": ..., "name": ...}]``); None when the provider gives none."""
    ical_uid: str | None
    """Its iCalendar UID; None when there is none."""
    name: str | None
    """Its title; None when it has none."""
    raw: Any = attrs.field(hash=False)
    """The provider's event, as received."""
    bots: list[Bot] = attrs.field(hash=False)
    """The bots created for it (with ``calendar_event_id``)."""
    created_at: datetime
    """When Attendee first found it (aware, UTC)."""
    updated_at: datetime
    """When a sync last changed it (aware, UTC); filter with ``updated_at_gte``."""
