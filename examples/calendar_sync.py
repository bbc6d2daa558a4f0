"""Connect a Google calendar, list the meetings its sync found, and send a bot to each.

    python examples/calendar_sync.py

With ATTENDEE_API_KEY set, also GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and
GOOGLE_REFRESH_TOKEN: it talks to the real API. Without a key it runs offline against the
SDK's fake server, which plays the sync by adding two events to the calendar.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from attendee_client import AttendeeClient, AttendeeError, CalendarState
from attendee_client.testing import FakeAttendeeServer


@contextlib.contextmanager
def connect() -> Iterator[tuple[AttendeeClient, FakeAttendeeServer | None]]:
    """The real API when ATTENDEE_API_KEY is set, else a fake on 127.0.0.1."""
    if os.environ.get("ATTENDEE_API_KEY"):
        with AttendeeClient() as client:
            yield client, None
        return
    with FakeAttendeeServer(api_key="demo-key") as fake:
        print(f"No ATTENDEE_API_KEY: using a fake Attendee server at {fake.base_url}")
        with AttendeeClient(api_key=fake.api_key, base_url=fake.base_url) as client:
            yield client, fake


def main() -> int:
    with connect() as (client, fake):
        try:
            calendar = client.calendars.create(
                platform="google",
                client_id=os.environ.get("GOOGLE_CLIENT_ID", "demo-client-id"),
                client_secret=os.environ.get("GOOGLE_CLIENT_SECRET", "demo-secret"),
                refresh_token=os.environ.get("GOOGLE_REFRESH_TOKEN", "demo-refresh-token"),
                deduplication_key="examples-calendar-sync",
                metadata={"user": "ada@example.com"},
            )
            print(f"Calendar {calendar.id} is {calendar.state}")
            if fake is not None:
                # Offline, the fake plays the sync that would find the user's meetings.
                start = datetime.now(timezone.utc) + timedelta(days=1)
                for hour, name in ((9, "Standup"), (14, "Design review")):
                    begins = start.replace(hour=hour, minute=0, second=0, microsecond=0)
                    fake.add_calendar_event(
                        calendar.id,
                        name=name,
                        start_time=begins,
                        end_time=begins + timedelta(hours=1),
                    )
            now = datetime.now(timezone.utc)
            for event in client.calendar_events.list(
                calendar_id=calendar.id, start_time_gte=now, ordering="start_time"
            ):
                if event.is_deleted or event.meeting_url is None:
                    continue
                # The bot takes its meeting URL and join time from the event, and follows
                # it when the event moves.
                bot = client.bots.create(
                    calendar_event_id=event.id,
                    bot_name="Notetaker",
                    deduplication_key=f"{event.id}-{event.start_time.isoformat()}",
                )
                print(f"  {event.start_time:%Y-%m-%d %H:%M} {event.name}: bot {bot.id} {bot.state}")
            calendar = client.calendars.get(calendar.id)
            if calendar.state is CalendarState.DISCONNECTED:
                print(f"The calendar disconnected: {calendar.connection_failure_data}")
            client.calendars.delete(calendar.id)  # also cancels the scheduled bots
            print("Calendar disconnected again, its scheduled bots cancelled")
        except AttendeeError as error:
            print(f"Attendee call failed: {error}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
