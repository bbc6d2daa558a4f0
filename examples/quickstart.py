"""Fetch one Zoom OAuth connection and print it.

    python examples/quickstart.py [zoc_...]

With ATTENDEE_API_KEY set it talks to the real API (ATTENDEE_BASE_URL for a self-hosted
one); without it, to the embedded fake server, so it runs offline.
"""

from __future__ import annotations

import sys

from _local import connect

from attendee_client import AttendeeError, NotFoundError


def main(argv: list[str]) -> int:
    connection_id = argv[1] if len(argv) > 1 else "zoc_abcdef1234567890"
    with connect() as (client, _server):
        try:
            conn = client.zoom_oauth_connections.get(connection_id)
        except NotFoundError as error:
            print(f"No such connection: {error}")
            return 1
        except AttendeeError as error:
            print(f"Attendee call failed: {error}")
            return 1
    print(f"Zoom OAuth connection {conn.id}")
    print(f"  state            {conn.state}")
    print(f"  zoom user        {conn.user_id} (account {conn.account_id})")
    print(f"  app              {conn.zoom_oauth_app_id}")
    print(f"  metadata         {conn.metadata}")
    print(f"  local recording  {conn.is_local_recording_token_supported}")
    print(f"  on behalf        {conn.is_onbehalf_token_supported}")
    print(f"  created          {conn.created_at.isoformat()}")
    print(f"  last synced      {conn.last_successful_sync_at}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
