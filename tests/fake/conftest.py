"""What the fake server's own tests share: the fake, not listening, and a plain httpx client
that reaches it in process with its key (no SDK in between: these tests hold the fake to the
server's wire behaviour)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from attendee_client.testing import FakeAttendeeServer

KEY = "fake-key"


@pytest.fixture
def fake() -> FakeAttendeeServer:
    return FakeAttendeeServer(api_key=KEY)


@pytest.fixture
def http(fake: FakeAttendeeServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        transport=fake.transport(),
        base_url="http://fake.test/api/v1",
        headers={"Authorization": f"Token {KEY}"},
    ) as client:
        yield client
