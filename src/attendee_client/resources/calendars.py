"""``client.calendars`` and ``client.calendar_events``: connected calendars and the events
their syncs find.

Both flavours by their public names; the source is ``_async/calendars.py``.
"""

from attendee_client.resources._async.calendars import (
    AsyncCalendarEvents,
    AsyncCalendarEventsWithRawResponse,
    AsyncCalendars,
    AsyncCalendarsWithRawResponse,
)
from attendee_client.resources._sync.calendars import (
    CalendarEvents,
    CalendarEventsWithRawResponse,
    Calendars,
    CalendarsWithRawResponse,
)

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
