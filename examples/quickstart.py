"""List the account's Zoom OAuth connections and show the first one.

    python examples/quickstart.py

With ATTENDEE_API_KEY set it talks to the real API (ATTENDEE_BASE_URL for a self-hosted
one); without it, to the SDK's fake server, started on 127.0.0.1, so it runs offline.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from datetime import datetime

from attendee_client import AttendeeClient, AttendeeError
from attendee_client.testing import FakeAttendeeServer


@contextlib.contextmanager
def connect() -> Iterator[AttendeeClient]:
    """The real API when ATTENDEE_API_KEY is set, else the fake server on 127.0.0.1."""
    if os.environ.get("ATTENDEE_API_KEY"):
        with AttendeeClient() as client:
            yield client
        return
    with FakeAttendeeServer(api_key="demo-key") as server:
        print(f"No ATTENDEE_API_KEY set: using the embedded fake server at {server.base_url}\n")
        with AttendeeClient(api_key=server.api_key, base_url=server.base_url) as client:
            yield client


def when(moment: datetime | None) -> str:
    """A date-time as the demo prints every one: to the second, with its UTC offset."""
    return "never" if moment is None else moment.isoformat(sep=" ", timespec="seconds")


def main() -> int:
    with connect() as client:
        try:
            page = client.zoom_oauth_connections.list_page()
        except AttendeeError as error:
            print(f"Attendee call failed: {error}")
            return 1
        if not page.items:
            print("This account has no Zoom OAuth connections yet.")
            return 0
        more = " (and more)" if page.has_next else ""
        print(f"{len(page.items)} Zoom OAuth connection(s){more}; the first:\n")
        conn = page.items[0]
    print(f"Zoom OAuth connection {conn.id}")
    print(f"  state            {conn.state}")
    print(f"  zoom user        {conn.user_id} (account {conn.account_id})")
    print(f"  app              {conn.zoom_oauth_app_id}")
    print(f"  metadata         {conn.metadata}")
    print(f"  local recording  {conn.is_local_recording_token_supported}")
    print(f"  on behalf        {conn.is_onbehalf_token_supported}")
    print(f"  created          {when(conn.created_at)}")
    print(f"  last synced      {when(conn.last_successful_sync_at)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
