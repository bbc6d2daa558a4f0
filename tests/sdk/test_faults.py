"""The fault matrix: every way the network or server can misbehave, against both clients,
over real sockets. For each: the attempts made, the waits, the typed error, a bounded total
time, and no connection left in use."""

from __future__ import annotations

import asyncio
import gzip
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any

import aiohttp
import attrs
import httpx
import pytest

from attendee_client import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncAttendeeClient,
    AttendeeClient,
    AttendeeError,
    DefaultAioHttpClient,
    InternalServerError,
    RateLimitError,
    ZoomOAuthConnection,
)
from attendee_client._aiohttp_transport import SdkAiohttpTransport
from attendee_client._retry import INITIAL_BACKOFF_SECONDS, JITTER
from attendee_client.testing import FakeAttendeeServer, Fault
from tests.conftest import API_KEY, EXAMPLE_ID, Api, ApiFactory, example_bytes

# The read timeout of a fault that stalls: short, so that a stall met on every attempt costs
# little. Every other fault is answered, and gets a read timeout no busy machine reaches: CI
# runs two suites at once on two cores, and a short one there turned a 500 into a timeout.
# Connecting gets longer too: a connect timeout would turn a test of a fault after the
# request was sent into one of a request never sent.
SECONDS = 0.3
CONNECT_SECONDS = 2.0
TIMEOUT = httpx.Timeout(SECONDS, connect=CONNECT_SECONDS)
ANSWERED = httpx.Timeout(10.0, connect=CONNECT_SECONDS)
STALLING = frozenset({"stall", "stall_body", "drip"})


def timeout_for(fault: Fault) -> httpx.Timeout:
    """The short read timeout for a fault that stalls, a generous one for any other."""
    return TIMEOUT if fault.kind in STALLING else ANSWERED


DETAIL = f"/api/v1/zoom_oauth_connections/{EXAMPLE_ID}"
COLLECTION = "/api/v1/zoom_oauth_connections"
HTML = "<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>"


def corrupt(data: bytes) -> bytes:
    """Gzip of ``data`` with its deflate stream garbled, as a broken proxy might send."""
    packed = bytearray(gzip.compress(data))
    for index in range(12, 40):
        packed[index] ^= 0xFF
    return bytes(packed)


CORRUPT_GZIP = corrupt(example_bytes())


def backoff(retry: int) -> tuple[float, float]:
    nominal = INITIAL_BACKOFF_SECONDS * 2 ** (retry - 1)
    return nominal * (1 - JITTER), nominal


@attrs.frozen
class Case:
    """One fault, and what a GET that meets it on every attempt must end with."""

    fault: Fault | Callable[[], Fault]
    error: type[AttendeeError] | None
    words: str
    attempts: int
    waits: Callable[[list[float]], bool] = lambda waits: all(
        low <= w <= high for w, (low, high) in zip(waits, map(backoff, (1, 2)), strict=False)
    )


def retry_after(header: str) -> Fault:
    return Fault.respond(429, {"detail": "Request was throttled."}, {"Retry-After": header})


def http_date(seconds: float) -> str:
    return format_datetime(datetime.now(timezone.utc) + timedelta(seconds=seconds), usegmt=True)


GET_CASES: dict[str, Case] = {
    "accept and never answer": Case(Fault.stall(), APITimeoutError, "timed out", 3),
    "headers then stall the body": Case(Fault.stall_body(), APITimeoutError, "timed out", 3),
    "close mid-body": Case(Fault.close_mid_body(), APIConnectionError, "connection error", 3),
    "reset": Case(Fault.reset(), APIConnectionError, "connection error", 3),
    "500 with JSON": Case(
        Fault.respond(500, {"detail": "boom"}),
        InternalServerError,
        "500 Internal Server Error: boom",
        3,
    ),
    "502 with an HTML page": Case(
        Fault.respond(502, HTML), InternalServerError, "502 Bad Gateway: 502 Bad Gateway nginx", 3
    ),
    "503 with an empty body": Case(
        Fault.respond(503), InternalServerError, f"503 Service Unavailable (GET {DETAIL})", 3
    ),
    "504 with JSON": Case(
        Fault.respond(504, {"error": "upstream"}), InternalServerError, "504 Gateway Timeout", 3
    ),
    "429 Retry-After seconds": Case(
        retry_after("2"), RateLimitError, "Request was throttled", 3, lambda w: w == [2.0, 2.0]
    ),
    "429 Retry-After HTTP date": Case(
        lambda: retry_after(http_date(20)),
        RateLimitError,
        "429",
        3,
        lambda w: all(15 < x <= 20 for x in w),
    ),
    "429 Retry-After absurdly large": Case(retry_after("99999999"), RateLimitError, "429", 3),
    "429 Retry-After negative": Case(retry_after("-5"), RateLimitError, "429", 3),
    "429 Retry-After garbage": Case(retry_after("soon-ish"), RateLimitError, "429", 3),
    "200 truncated JSON": Case(
        Fault.respond(200, example_bytes()[:40], {"Content-Type": "application/json"}),
        APIResponseValidationError,
        "not JSON",
        1,
    ),
    "200 not JSON": Case(
        Fault.respond(200, "<html>maintenance</html>"), APIResponseValidationError, "not JSON", 1
    ),
    "200 JSON that is not an object": Case(
        Fault.respond(200, [1, 2, 3]), APIResponseValidationError, "not a JSON object", 1
    ),
    "200 corrupt gzip": Case(
        Fault.respond(
            200, CORRUPT_GZIP, {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        ),
        APIResponseValidationError,
        "could not be decoded (Content-Encoding gzip)",
        1,
    ),
    "200 with a 50 MB body": Case(
        Fault.respond(200, b" " * (50 * 1024 * 1024), {"Content-Type": "application/json"}),
        APIResponseValidationError,
        "larger than 16 MiB",
        1,
    ),
    "slow drip": Case(
        Fault.drip(example_bytes(), interval=0.02),
        APITimeoutError,
        # The body's deadline ("did not arrive within"), or on a loaded machine a gap between
        # two bytes longer than the read timeout ("no response arrived within"): either ends it.
        "arrive",
        3,
    ),
}


def make_fault(case: Case) -> Fault:
    return case.fault if isinstance(case.fault, Fault) else case.fault()


def assert_no_connection_in_use(client: AttendeeClient | AsyncAttendeeClient) -> None:
    transport = client._http._transport
    if isinstance(transport, SdkAiohttpTransport):
        session = transport.client
        connector = session.connector if isinstance(session, aiohttp.ClientSession) else None
        assert connector is None or not connector._acquired
        return
    for connection in transport._pool.connections:  # type: ignore[union-attr]
        assert connection.is_idle() or connection.is_closed(), connection


@pytest.fixture
def faulty(make_api: ApiFactory, server: FakeAttendeeServer) -> Iterator[Api]:
    """A client on the fault server; ``with_options(timeout=timeout_for(fault))`` for a
    fault that stalls."""
    api = make_api(base_url=server.base_url, timeout=ANSWERED)
    yield api
    assert_no_connection_in_use(api.client)


@pytest.mark.parametrize("name", list(GET_CASES))
def test_get_meeting_a_fault_on_every_attempt(
    faulty: Api, server: FakeAttendeeServer, name: str
) -> None:
    case = GET_CASES[name]
    fault = make_fault(case)
    server.add_fault(fault, path=DETAIL, times=3)
    api = faulty.with_options(timeout=timeout_for(fault))
    started = time.monotonic()

    with pytest.raises(AttendeeError) as caught:
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    elapsed = time.monotonic() - started
    error = caught.value
    assert type(error) is case.error
    assert case.words in str(error)
    assert error.attempts == case.attempts
    assert len(server.requests) == case.attempts
    assert len(faulty.sleeps) == case.attempts - 1
    assert case.waits(faulty.sleeps), faulty.sleeps
    # Each attempt is bounded by the connect timeout plus twice the read timeout.
    assert elapsed < case.attempts * (CONNECT_SECONDS + 2 * SECONDS) + 1.0


@pytest.mark.parametrize("name", [n for n, c in GET_CASES.items() if c.attempts == 3])
def test_get_recovers_when_the_fault_passes(
    faulty: Api, server: FakeAttendeeServer, name: str
) -> None:
    fault = make_fault(GET_CASES[name])
    server.add_fault(fault, path=DETAIL, times=2)

    conn = faulty.with_options(timeout=timeout_for(fault)).call(
        lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID)
    )

    assert conn.id == EXAMPLE_ID
    assert len(server.requests) == 3


def test_200_with_a_wrong_content_type_but_the_right_json_is_accepted(
    faulty: Api, server: FakeAttendeeServer
) -> None:
    server.add_fault(Fault.respond(200, example_bytes(), {"Content-Type": "text/plain"}))

    assert faulty.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID)).id == EXAMPLE_ID


def test_200_gzip_body_is_decoded(faulty: Api, server: FakeAttendeeServer) -> None:
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    server.add_fault(Fault.respond(200, gzip.compress(example_bytes()), headers))

    assert faulty.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID)).id == EXAMPLE_ID


def test_refused_connection_is_retried_then_raised(faulty: Api, server: FakeAttendeeServer) -> None:
    server.refuse_connections()

    with pytest.raises(APIConnectionError) as caught:
        faulty.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert type(caught.value) is APIConnectionError
    assert caught.value.request_reached_server is False
    assert caught.value.attempts == 3
    assert len(faulty.sleeps) == 2
    server.accept_connections()


def test_refused_connection_recovers_once_the_server_listens_again(
    make_api: ApiFactory, server: FakeAttendeeServer
) -> None:
    api = make_api(base_url=server.base_url, timeout=ANSWERED)
    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))
    server.refuse_connections()
    reopen_on_sleep(api, server)

    assert api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID)).id == EXAMPLE_ID
    assert len(api.sleeps) == 1


def reopen_on_sleep(api: Api, server: FakeAttendeeServer) -> None:
    """Make the client's sleeper start the server listening again, like time passing."""
    client = api.client
    if isinstance(client, AttendeeClient):

        def sleep(seconds: float) -> None:
            api.sleeps.append(seconds)
            server.accept_connections()

        client._sleep = sleep
    else:

        async def async_sleep(seconds: float) -> None:
            api.sleeps.append(seconds)
            server.accept_connections()

        client._sleep = async_sleep


# --- create: never re-sent once it may have reached the server ------------------------

CREATE_ARGS: dict[str, Any] = {"authorization_code": "code-1", "redirect_uri": "https://x/cb"}


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.stall(), APITimeoutError),
        (Fault.stall_body(), APITimeoutError),
        (Fault.reset(), APIConnectionError),
        (Fault.close_mid_body(), APIConnectionError),
        (Fault.respond(500, {"detail": "boom"}), InternalServerError),
        (Fault.respond(502, HTML), InternalServerError),
        (Fault.respond(503), InternalServerError),
        (Fault.drip(example_bytes(), interval=0.02), APITimeoutError),
    ],
)
def test_create_is_sent_once_when_it_may_have_reached_the_server(
    faulty: Api, server: FakeAttendeeServer, fault: Fault, error: type[AttendeeError]
) -> None:
    server.add_authorization_code("code-1")
    server.add_fault(fault, method="POST", times=3)

    with pytest.raises(AttendeeError) as caught:
        faulty.with_options(timeout=timeout_for(fault)).call(
            lambda c: c.zoom_oauth_connections.create(**CREATE_ARGS)
        )

    assert type(caught.value) is error
    assert caught.value.outcome_unknown
    assert [r.method for r in server.requests] == ["POST"]
    assert faulty.sleeps == []


def test_create_is_retried_after_a_refused_connection(
    make_api: ApiFactory, server: FakeAttendeeServer
) -> None:
    api = make_api(base_url=server.base_url, timeout=ANSWERED)
    server.add_authorization_code("code-1")
    server.refuse_connections()
    reopen_on_sleep(api, server)

    conn = api.call(lambda c: c.zoom_oauth_connections.create(**CREATE_ARGS))

    assert isinstance(conn, ZoomOAuthConnection)
    assert [r.method for r in server.requests] == ["POST"]
    assert len(api.sleeps) == 1


def test_create_is_retried_after_429(faulty: Api, server: FakeAttendeeServer) -> None:
    server.add_authorization_code("code-1")
    server.add_fault(retry_after("60"), method="POST")

    conn = faulty.call(lambda c: c.zoom_oauth_connections.create(**CREATE_ARGS))

    assert isinstance(conn, ZoomOAuthConnection)
    assert faulty.sleeps == [60.0]
    assert len(server.requests) == 2


# --- list: a fault on a later page ----------------------------------------------------


def test_list_survives_a_fault_on_a_later_page(faulty: Api, server: FakeAttendeeServer) -> None:
    server.add_connections(40)
    faulty.call(lambda c: c.zoom_oauth_connections.list_page())  # the first page, fault-free
    server.requests.clear()
    server.add_fault(Fault.respond(503), path=COLLECTION)
    server.add_fault(Fault.reset(), path=COLLECTION)

    assert len(faulty.list(lambda c: c.zoom_oauth_connections.list())) == 41
    assert len(server.requests) == 4


# --- async cancellation, on both transports --------------------------------------------


def _pool(kind: str) -> httpx.AsyncClient | None:
    """The connection pool for an async client: its own (None), or aiohttp's."""
    return DefaultAioHttpClient() if kind == "aiohttp" else None


@pytest.mark.parametrize("kind", ["async", "aiohttp"])
async def test_wait_for_cancels_a_hung_request_and_the_client_stays_usable(
    server: FakeAttendeeServer, kind: str
) -> None:
    server.add_fault(Fault.stall())
    async with AsyncAttendeeClient(
        api_key=API_KEY, base_url=server.base_url, http_client=_pool(kind)
    ) as client:
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(client.zoom_oauth_connections.get(EXAMPLE_ID), 0.2)

        conn = await client.zoom_oauth_connections.get(EXAMPLE_ID)

        assert conn.id == EXAMPLE_ID
        assert_no_connection_in_use(client)


@pytest.mark.parametrize("kind", ["async", "aiohttp"])
async def test_cancelling_a_task_mid_request_leaks_nothing(
    server: FakeAttendeeServer, kind: str
) -> None:
    server.add_fault(Fault.stall_body())
    async with AsyncAttendeeClient(
        api_key=API_KEY, base_url=server.base_url, http_client=_pool(kind)
    ) as client:
        task = asyncio.create_task(client.zoom_oauth_connections.get(EXAMPLE_ID))
        assert await asyncio.to_thread(server.wait_for_requests, 1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

        results = await asyncio.gather(
            *(client.zoom_oauth_connections.get(EXAMPLE_ID) for _ in range(5))
        )

        assert {conn.id for conn in results} == {EXAMPLE_ID}
        assert_no_connection_in_use(client)
    assert client._http.is_closed
