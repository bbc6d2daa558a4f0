"""List every Zoom OAuth connection, and delete the disconnected ones.

    python examples/list_and_delete.py            # dry run: only lists
    python examples/list_and_delete.py --delete   # deletes the disconnected ones

Without ATTENDEE_API_KEY it runs against the embedded fake, seeded with a few connections.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from attendee_client import AttendeeClient, NotFoundError, ZoomOAuthConnectionState
from attendee_client.testing import FakeAttendeeServer


@contextlib.contextmanager
def connect(**seed: int) -> Iterator[tuple[AttendeeClient, FakeAttendeeServer | None]]:
    """The real API when ATTENDEE_API_KEY is set (ATTENDEE_BASE_URL for a self-hosted one),
    else the SDK's fake Attendee server on 127.0.0.1, so that this runs offline."""
    if os.environ.get("ATTENDEE_API_KEY"):
        with AttendeeClient() as client:
            yield client, None
        return
    with FakeAttendeeServer(api_key="demo-key") as server:
        server.add_connections(seed.get("connections", 0))
        print(f"No ATTENDEE_API_KEY set: using the embedded fake server at {server.base_url}\n")
        with AttendeeClient(api_key=server.api_key, base_url=server.base_url) as client:
            yield client, server


def main(argv: list[str]) -> int:
    delete = "--delete" in argv
    with connect(connections=30) as (client, server):
        if server is not None:
            server.add_connection(state="disconnected")
        stale = []
        total = 0
        # Pages are fetched lazily, 25 at a time; only one page is held in memory.
        for conn in client.zoom_oauth_connections.list():
            total += 1
            if conn.state is ZoomOAuthConnectionState.DISCONNECTED:
                stale.append(conn.id)
        print(f"{total} connections, {len(stale)} disconnected")
        for connection_id in stale:
            if not delete:
                print(f"  would delete {connection_id} (pass --delete)")
                continue
            # Deleted meanwhile by someone else: the outcome we wanted.
            with contextlib.suppress(NotFoundError):
                client.zoom_oauth_connections.delete(connection_id)
            print(f"  deleted {connection_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
