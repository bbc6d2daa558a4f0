"""Fetch several connections concurrently with the async client.

    python examples/async_quickstart.py

Without ATTENDEE_API_KEY it runs against the embedded fake server.
"""

from __future__ import annotations

import asyncio
import os
import sys

from attendee_client import AsyncAttendeeClient, NotFoundError
from attendee_client.testing import FakeAttendeeServer


async def show(client: AsyncAttendeeClient, ids: list[str]) -> None:
    results = await asyncio.gather(
        *(client.zoom_oauth_connections.get(i) for i in ids), return_exceptions=True
    )
    for connection_id, result in zip(ids, results, strict=True):
        if isinstance(result, NotFoundError):
            print(f"{connection_id}: not found")
        elif isinstance(result, BaseException):
            raise result
        else:
            print(f"{connection_id}: {result.state}, user {result.user_id}")
    async for conn in client.zoom_oauth_connections.list():
        print(f"listed {conn.id} created {conn.created_at:%Y-%m-%d %H:%M:%S}")


async def main() -> int:
    if os.environ.get("ATTENDEE_API_KEY"):
        async with AsyncAttendeeClient() as client:
            await show(client, sys.argv[1:])
        return 0
    with FakeAttendeeServer(api_key="demo-key") as server:
        extra = server.add_connection()
        print(f"No ATTENDEE_API_KEY set: using the embedded fake server at {server.base_url}\n")
        async with AsyncAttendeeClient(api_key="demo-key", base_url=server.base_url) as client:
            await show(client, [server.example_connection_id, extra["id"], "zoc_missing"])
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
