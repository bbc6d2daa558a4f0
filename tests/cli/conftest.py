"""The fixtures of the command-line tests: the fake server (with the CLI tests' own key) and
``cli``, which runs ``attendee`` in process against it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from attendee_client.testing import FakeAttendeeServer
from tests.cli.test_cli import API_KEY, Cli


@pytest.fixture
def fake() -> FakeAttendeeServer:
    return FakeAttendeeServer(api_key=API_KEY)


@pytest.fixture
def cli(fake: FakeAttendeeServer) -> Iterator[Cli]:
    harness = Cli(fake)
    yield harness
    harness.close()
