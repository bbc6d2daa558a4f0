"""Shared fixtures. The ``api`` fixture runs a test once with each client, so both clients
are held to the same behavioural specification; a test over real sockets runs a third time,
with the async client on the aiohttp transport (``pytest_generate_tests``)."""

from __future__ import annotations

import asyncio
import builtins
import json
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest
import respx
from hypothesis import settings

from attendee_client import AsyncAttendeeClient, AttendeeClient, DefaultAioHttpClient
from attendee_client.testing import FakeAttendeeServer

FIXTURES = Path(__file__).parent / "fixtures"
BASE_URL = "https://api.test"
API_KEY = "sk_test_canary_3f9a1c"
EXAMPLE_ID = "zoc_abcdef1234567890"
DETAIL_URL = f"{BASE_URL}/api/v1/zoom_oauth_connections/{EXAMPLE_ID}"
LIST_URL = f"{BASE_URL}/api/v1/zoom_oauth_connections"


def example_bytes() -> bytes:
    """The documented example response, byte for byte as stored."""
    return (FIXTURES / "zoom_oauth_connection.json").read_bytes()


def example_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(example_bytes())
    return data


Client = AttendeeClient | AsyncAttendeeClient
"""Either client: a harness callable is type-checked against both."""

Call = Callable[[Client], Any]
"""``lambda c: c.zoom_oauth_connections.get(i)``: a method call, awaited when async."""


class Api(Protocol):
    """What a behavioural test drives: either client, called as if it were synchronous."""

    sleeps: list[float]

    @property
    def kind(self) -> str: ...

    @property
    def client(self) -> Client: ...

    def call(self, method: Call) -> Any: ...

    def list(self, method: Call, *, limit: int | None = None) -> list[Any]: ...

    def pages(self, method: Call) -> builtins.list[Any]: ...

    def with_options(self, **options: Any) -> Api: ...

    def close(self) -> None: ...


class SyncApi:
    kind = "sync"

    def __init__(self, client: AttendeeClient | None = None, **options: Any) -> None:
        self.sleeps: list[float] = []
        self.client = client or AttendeeClient(sleep=self.sleeps.append, **options)

    def call(self, method: Call) -> Any:
        return method(self.client)

    def list(self, method: Call, *, limit: int | None = None) -> list[Any]:
        items = []
        for item in method(self.client):
            items.append(item)
            if limit is not None and len(items) >= limit:
                break
        return items

    def pages(self, method: Call) -> builtins.list[Any]:
        return list(method(self.client).pages())

    def with_options(self, **options: Any) -> SyncApi:
        copy = SyncApi(self.client.with_options(**options))
        copy.sleeps = self.sleeps
        return copy

    def close(self) -> None:
        self.client.close()


class AsyncApi:
    kind = "async"

    def __init__(
        self,
        client: AsyncAttendeeClient | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
        **options: Any,
    ) -> None:
        self.sleeps: list[float] = []
        self.loop = loop or asyncio.new_event_loop()
        self.client = client or AsyncAttendeeClient(sleep=self._sleep, **options)

    async def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def run(self, awaitable: Awaitable[Any]) -> Any:
        async def wrapper() -> Any:
            return await awaitable

        return self.loop.run_until_complete(wrapper())

    def call(self, method: Call) -> Any:
        async def run() -> Any:
            # Arguments are checked when the method is called, before it is awaited.
            return await method(self.client)

        return self.run(run())

    def list(self, method: Call, *, limit: int | None = None) -> list[Any]:
        async def collect() -> list[Any]:
            items = []
            iterator: AsyncIterator[Any] = method(self.client)
            async for item in iterator:
                items.append(item)
                if limit is not None and len(items) >= limit:
                    break
            return items

        items: list[Any] = self.run(collect())
        return items

    def pages(self, method: Call) -> builtins.list[Any]:
        async def collect() -> builtins.list[Any]:
            return [page async for page in method(self.client).pages()]

        pages: builtins.list[Any] = self.run(collect())
        return pages

    def with_options(self, **options: Any) -> AsyncApi:
        copy = AsyncApi(self.client.with_options(**options), loop=self.loop)
        copy.sleeps = self.sleeps
        return copy

    def close(self) -> None:
        self.run(self.client.aclose())
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()


ApiFactory = Callable[..., Api]


# The suite's groups, one folder each; every test is marked with its folder's name, so that
# ``pytest -m sdk`` (or ``-m "not project"``) runs one group from anywhere.
GROUPS = {
    "sdk": "the SDK's behaviour: clients, resources, retries, errors, models, waits, downloads",
    "fake": "the fake server and its helpers",
    "cli": "the attendee command line",
    "realtime": "attendee_client.realtime and the fake bot that dials it",
    "mcp": "attendee mcp, driven by the mcp package's own client",
    "contract": "the SDK and the fake held to the server's schema",
    "project": "the project: architecture, docs and their snippets, examples, packaging",
}
TESTS = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "over_sockets: the test's clients talk over real sockets, so it runs on the aiohttp "
        "transport too (tests using the ``server`` fixture are marked by themselves)",
    )
    for group, what in GROUPS.items():
        config.addinivalue_line("markers", f"{group}: {what} (tests/{group}/)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = item.path.relative_to(TESTS).parts if item.path.is_relative_to(TESTS) else ()
        if len(parts) > 1 and parts[0] in GROUPS:
            item.add_marker(parts[0])


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``make_api`` builds the sync client, the async one, and, for tests over real sockets
    (the in-process transport and respx replay httpx's own transport only), the async one on
    ``DefaultAioHttpClient``: the async suite holds on both transports."""
    if "make_api" not in metafunc.fixturenames:
        return
    kinds = ["sync", "async"]
    if "server" in metafunc.fixturenames or metafunc.definition.get_closest_marker("over_sockets"):
        kinds.append("aiohttp")
    metafunc.parametrize("make_api", kinds, indirect=True)


@pytest.fixture
def make_api(request: pytest.FixtureRequest) -> Iterator[ApiFactory]:
    """Build the client under test; ``api_key`` and ``base_url`` default to the test ones.

    ``aiohttp``: the async client on ``DefaultAioHttpClient`` (which it closes itself)."""
    made: list[Api] = []

    transports: list[httpx.Client | httpx.AsyncClient] = []

    def factory(*, fake: FakeAttendeeServer | None = None, **options: Any) -> Api:
        options.setdefault("api_key", API_KEY)
        options.setdefault("base_url", BASE_URL)
        if request.param == "aiohttp":
            if fake is not None:
                pytest.skip("in process: the aiohttp transport needs a socket")
            options["http_client"] = DefaultAioHttpClient()
        elif fake is not None:
            # In process: the fake's routes through an httpx.MockTransport, no socket.
            http: httpx.Client | httpx.AsyncClient = (
                httpx.Client(transport=fake.transport())
                if request.param == "sync"
                else httpx.AsyncClient(transport=fake.transport())
            )
            transports.append(http)
            options["http_client"] = http
        api: Api = SyncApi(**options) if request.param == "sync" else AsyncApi(**options)
        made.append(api)
        return api

    yield factory
    for api in made:
        if isinstance(api, AsyncApi):
            for http in transports:
                if isinstance(http, httpx.AsyncClient):
                    api.run(http.aclose())
        api.close()
    for http in transports:
        if isinstance(http, httpx.Client):
            http.close()


@pytest.fixture
def api(make_api: ApiFactory) -> Api:
    """Either client with the test key and base URL, sleeping into ``api.sleeps``."""
    return make_api()


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    """A respx router that fails the test on any request it was not told about."""
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


@pytest.fixture
def server() -> Iterator[FakeAttendeeServer]:
    """The embedded fake Attendee server, listening on 127.0.0.1."""
    with FakeAttendeeServer(api_key=API_KEY) as fake:
        yield fake


@pytest.fixture
def fake() -> FakeAttendeeServer:
    """The fake Attendee API, not listening: for ``fake_api``'s in-process transport."""
    return FakeAttendeeServer(api_key=API_KEY)


@pytest.fixture
def fake_api(make_api: ApiFactory, fake: FakeAttendeeServer) -> Api:
    """Either client, answered by the fake in process (fast; no socket)."""
    return make_api(fake=fake, base_url="http://fake.test")


@pytest.fixture
def served_api(make_api: ApiFactory, server: FakeAttendeeServer) -> Api:
    """Either client, talking to the fake server over a real socket."""
    return make_api(base_url=server.base_url)


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every log record of every logger, at DEBUG."""
    caplog.set_level(logging.DEBUG)
    return caplog


# Hypothesis profiles: "ci" (the default) keeps the suite quick; "fuzz" (make fuzz) digs.
settings.register_profile("ci", max_examples=300, deadline=None)
settings.register_profile("fuzz", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
