"""List every Zoom OAuth connection, and delete the disconnected ones.

    python examples/list_and_delete.py            # dry run: only lists
    python examples/list_and_delete.py --delete   # deletes the disconnected ones

Without ATTENDEE_API_KEY it runs against the embedded fake, seeded with a few connections.
"""

from __future__ import annotations

import contextlib
import sys

from _local import connect

from attendee_client import NotFoundError, ZoomOAuthConnectionState


def main(argv: list[str]) -> int:
    delete = "--delete" in argv
    with connect(demo_connections=30) as (client, server):
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
