"""Shared by the examples: the real API when ATTENDEE_API_KEY is set, else the embedded fake."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from attendee_client import AttendeeClient
from attendee_client.testing import FakeAttendeeServer

Connected = tuple[AttendeeClient, FakeAttendeeServer | None]


@contextlib.contextmanager
def connect(*, demo_connections: int = 0) -> Iterator[Connected]:
    """A client for the real API (``ATTENDEE_API_KEY``, ``ATTENDEE_BASE_URL``), or, when no
    key is set, for a fake Attendee server started on 127.0.0.1 for the example's duration."""
    if os.environ.get("ATTENDEE_API_KEY"):
        with AttendeeClient() as client:
            yield client, None
        return
    with FakeAttendeeServer(api_key="demo-key") as server:
        server.add_connections(demo_connections)
        print(f"No ATTENDEE_API_KEY set: using the embedded fake server at {server.base_url}\n")
        with AttendeeClient(api_key=server.api_key, base_url=server.base_url) as client:
            yield client, server
