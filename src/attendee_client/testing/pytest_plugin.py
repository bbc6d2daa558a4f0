"""The pytest plugin: a fresh fake Attendee server and clients bound to it, per test.

Installed with ``attendee-client[testing]`` (or any install, when pytest is present) and
loaded by pytest automatically. Fixtures:

- ``attendee_server``: a ``FakeAttendeeServer`` listening on 127.0.0.1, fresh for each test;
- ``attendee_client``: an ``AttendeeClient`` bound to it, whose retries do not sleep;
- ``async_attendee_client``: the same as an ``AsyncAttendeeClient`` (needs pytest-asyncio,
  which the ``testing`` extra brings). An ``async def`` test that uses it runs on asyncio as
  it is: the plugin gives it pytest-asyncio's ``asyncio`` marker unless it (or its class or
  module) has one already, so no ``asyncio_mode`` setting is needed. Other async tests need
  ``@pytest.mark.asyncio`` (or ``asyncio_mode = auto``), as pytest-asyncio asks.

Seed data and faults with the ``attendee`` marker::

    @pytest.mark.attendee(bots=2, calendars=1, events=3, faults=[Fault.respond(503)])
    def test_my_job(attendee_client, attendee_server): ...

Marker arguments: ``connections``, ``bots``, ``calendars``, ``events`` (per calendar),
``auto_advance_bots``, ``seed_example``, ``api_key``, and ``faults``: a list of ``Fault``s,
or of ``(Fault, {"method": ..., "path": ..., "times": ...})`` pairs.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Generator, Iterator
from typing import Any

import pytest

from attendee_client import AsyncAttendeeClient, AttendeeClient
from attendee_client.testing._server import FakeAttendeeServer, Fault

__all__ = ["async_attendee_client", "attendee_client", "attendee_server"]

_OPTIONS = {
    "connections",
    "bots",
    "calendars",
    "events",
    "auto_advance_bots",
    "seed_example",
    "api_key",
    "faults",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "attendee(connections=0, bots=0, calendars=0, events=0, auto_advance_bots=False, "
        "seed_example=True, api_key='test-api-key', faults=[]): seed the attendee_server "
        "fixture of attendee-client",
    )


def _options(request: pytest.FixtureRequest) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("attendee"))):
        if marker.args:
            raise TypeError("@pytest.mark.attendee takes keyword arguments only")
        options.update(marker.kwargs)
    unknown = sorted(set(options) - _OPTIONS)
    if unknown:
        raise TypeError(
            f"@pytest.mark.attendee has no option(s) {', '.join(unknown)}; "
            f"it takes {', '.join(sorted(_OPTIONS))}"
        )
    return options


def _seed(server: FakeAttendeeServer, options: dict[str, Any]) -> None:
    server.add_connections(options.get("connections", 0))
    for _ in range(options.get("bots", 0)):
        server.add_bot()
    for _ in range(options.get("calendars", 0)):
        calendar = server.add_calendar()
        for _ in range(options.get("events", 0)):
            server.add_calendar_event(calendar["id"])
    for entry in options.get("faults", []):
        fault, where = entry if isinstance(entry, tuple) else (entry, {})
        if not isinstance(fault, Fault):
            raise TypeError(f"faults must be Fault objects, not {type(fault).__name__}")
        server.add_fault(fault, **where)


def _no_sleep(seconds: float) -> None:
    """Retries in tests wait for nothing."""


async def _no_async_sleep(seconds: float) -> None:
    """Retries in tests wait for nothing."""


@pytest.fixture
def attendee_server(request: pytest.FixtureRequest) -> Iterator[FakeAttendeeServer]:
    """A fake Attendee API on 127.0.0.1, fresh for this test, seeded by ``attendee`` marks."""
    options = _options(request)
    server = FakeAttendeeServer(
        api_key=options.get("api_key", "test-api-key"),
        seed_example=options.get("seed_example", True),
        auto_advance_bots=options.get("auto_advance_bots", False),
    )
    with server:
        _seed(server, options)
        yield server


@pytest.fixture
def attendee_client(attendee_server: FakeAttendeeServer) -> Iterator[AttendeeClient]:
    """An ``AttendeeClient`` bound to ``attendee_server``; its retries do not sleep."""
    with AttendeeClient(
        api_key=attendee_server.api_key, base_url=attendee_server.base_url, sleep=_no_sleep
    ) as client:
        yield client


try:
    import pytest_asyncio
except ImportError:  # pragma: no cover - pytest-asyncio is in the project's test tools

    @pytest.fixture
    def async_attendee_client(attendee_server: FakeAttendeeServer) -> AsyncAttendeeClient:
        """Needs pytest-asyncio: ``pip install pytest-asyncio``."""
        raise pytest.UsageError(
            "the async_attendee_client fixture needs pytest-asyncio: pip install pytest-asyncio"
        )

else:
    # trylast: the innermost wrapper, so the marker is on the items before pytest-asyncio's
    # own wrapper looks for it (it turns marked coroutine tests into asyncio items there).
    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_pycollect_makeitem(
        collector: pytest.Module | pytest.Class, name: str, obj: object
    ) -> Generator[None, Any, Any]:
        """Mark the coroutine tests that use ``async_attendee_client`` to run on asyncio."""
        result = yield
        if inspect.iscoroutinefunction(obj):
            for item in result if isinstance(result, list) else [result]:
                if (
                    isinstance(item, pytest.Function)
                    and "async_attendee_client" in item.fixturenames
                    and item.get_closest_marker("asyncio") is None
                ):
                    item.add_marker(pytest.mark.asyncio)
        return result

    @pytest_asyncio.fixture
    async def async_attendee_client(  # type: ignore[misc]
        attendee_server: FakeAttendeeServer,
    ) -> AsyncIterator[AsyncAttendeeClient]:
        """An ``AsyncAttendeeClient`` bound to ``attendee_server``; its retries do not sleep."""
        async with AsyncAttendeeClient(
            api_key=attendee_server.api_key,
            base_url=attendee_server.base_url,
            sleep=_no_async_sleep,
        ) as client:
            yield client
