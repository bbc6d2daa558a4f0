"""``DefaultHttpxClient``, ``DefaultAsyncHttpxClient`` and ``DefaultAioHttpClient``: the SDK's
defaults on a brought transport, handed over to the client that closes them; aiohttp's
failures read as httpx's. (The async suite over sockets runs on aiohttp too: conftest.py.)"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from typing import Any

import aiohttp
import httpx
import httpx_aiohttp
import pytest

from attendee_client import (
    APIConnectionError,
    APITimeoutError,
    AsyncAttendeeClient,
    AttendeeClient,
    AuthenticationError,
    DefaultAioHttpClient,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
)
from attendee_client._aiohttp_transport import SdkAiohttpTransport
from attendee_client._config import DEFAULT_TIMEOUT, POOL_LIMITS
from attendee_client._http_clients import connection_limit
from attendee_client._status import httpx_error_from_aiohttp
from attendee_client.testing import FakeAttendeeServer, Fault
from tests.conftest import API_KEY, EXAMPLE_ID


def test_importing_the_package_does_not_import_aiohttp() -> None:
    code = (
        "import sys, attendee_client; "
        "print(sorted(m for m in ('aiohttp', 'httpx_aiohttp', 'yarl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "httpx_aiohttp", None)  # as if not installed

    with pytest.raises(ImportError, match=r"pip install 'attendee-client\[aiohttp\]'"):
        DefaultAioHttpClient()


@pytest.mark.parametrize(
    "kind", [DefaultHttpxClient, DefaultAsyncHttpxClient, DefaultAioHttpClient]
)
def test_each_carries_the_sdks_defaults_and_takes_httpxs_keywords(
    kind: type[httpx.Client | httpx.AsyncClient],
) -> None:
    client = kind()
    other = kind(timeout=3.0, limits=httpx.Limits(max_connections=500), follow_redirects=True)

    assert client.timeout == DEFAULT_TIMEOUT
    assert connection_limit(client) == POOL_LIMITS.max_connections
    assert client.follow_redirects is False
    assert other.timeout == httpx.Timeout(3.0)
    assert connection_limit(other) == 500
    assert other.follow_redirects is True


def test_a_users_own_client_has_no_limit_the_sdk_can_read() -> None:
    assert connection_limit(httpx.AsyncClient()) is None


async def test_the_aiohttp_client_runs_on_aiohttp_with_its_limits() -> None:
    client = DefaultAioHttpClient(limits=httpx.Limits(max_connections=500, keepalive_expiry=9))
    transport = client._transport

    assert isinstance(transport, SdkAiohttpTransport)
    assert isinstance(transport, httpx_aiohttp.AiohttpTransport)
    session = transport.get_client()
    try:
        assert session.connector is not None
        assert session.connector.limit == 500
        assert isinstance(session.cookie_jar, aiohttp.DummyCookieJar)
    finally:
        await session.close()


def test_a_brought_transport_is_used_as_given() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(204))

    assert DefaultAioHttpClient(transport=transport)._transport is transport


async def test_the_documented_pattern_closes_the_aiohttp_session(
    server: FakeAttendeeServer,
) -> None:
    http = DefaultAioHttpClient()
    async with AsyncAttendeeClient(
        api_key=API_KEY, base_url=server.base_url, http_client=http
    ) as client:
        copy = client.with_options(max_retries=0)
        assert (await copy.zoom_oauth_connections.get(EXAMPLE_ID)).id == EXAMPLE_ID
        await copy.aclose()  # a copy shares the pool and never closes it
        session = http._transport.client  # type: ignore[attr-defined]
        assert isinstance(session, aiohttp.ClientSession)
        assert not session.closed

    assert session.closed
    assert http.is_closed  # no "Unclosed client session" at exit (ResourceWarning is an error)


@pytest.mark.parametrize("first_key", [API_KEY, "sk_wrong"])
async def test_two_clients_on_one_default_client_each_send_their_own_key(
    server: FakeAttendeeServer, first_key: str
) -> None:
    http = DefaultAioHttpClient()
    second_key = "sk_wrong" if first_key == API_KEY else API_KEY
    first = AsyncAttendeeClient(api_key=first_key, base_url=server.base_url, http_client=http)
    second = AsyncAttendeeClient(api_key=second_key, base_url=server.base_url, http_client=http)
    async with first:
        for client in (first, second):
            call = client.zoom_oauth_connections.get(EXAMPLE_ID)
            if client._api_key == API_KEY:
                assert (await call).id == EXAMPLE_ID
            else:
                with pytest.raises(AuthenticationError):
                    await call

    sent = [request.headers.get("authorization") for request in server.requests]
    assert sent == [f"Token {first_key}", f"Token {second_key}"]


@pytest.mark.parametrize("kind", [DefaultAsyncHttpxClient, DefaultAioHttpClient])
def test_a_handed_over_client_is_not_given_the_api_key(kind: type[httpx.AsyncClient]) -> None:
    # Its maker still holds it: used for another host, it must send nothing of the SDK's.
    http = kind()
    AsyncAttendeeClient(api_key=API_KEY, http_client=http)

    assert "authorization" not in http.headers
    assert API_KEY not in str(http.headers)


@pytest.mark.parametrize("kind", [DefaultAsyncHttpxClient, DefaultAioHttpClient])
async def test_requests_carry_the_pools_headers_and_the_clients_as_they_are_now(
    server: FakeAttendeeServer, kind: type[httpx.AsyncClient]
) -> None:
    http = kind(headers={"X-Pool": "1", "Accept": "*/*"})
    async with AsyncAttendeeClient(
        api_key=API_KEY, base_url=server.base_url, http_client=http
    ) as client:
        await client.zoom_oauth_connections.get(EXAMPLE_ID)
        http.headers["X-Pool"] = "2"
        await client.zoom_oauth_connections.get(EXAMPLE_ID)

    first, second = (request.headers for request in server.requests)
    assert (first.get("x-pool"), second.get("x-pool")) == ("1", "2")
    for headers in (first, second):
        assert headers.get("authorization") == f"Token {API_KEY}"
        assert headers.get("accept") == "application/json"  # the client's, over the pool's
        assert headers.get("user-agent", "").startswith("attendee-client/")


def test_a_default_sync_client_is_closed_with_its_client() -> None:
    http = DefaultHttpxClient()
    with AttendeeClient(api_key=API_KEY, http_client=http):
        pass

    assert http.is_closed


def test_a_users_own_client_is_never_closed() -> None:
    http = httpx.Client()
    with AttendeeClient(api_key=API_KEY, http_client=http):
        pass

    assert not http.is_closed
    http.close()


async def test_on_aiohttp_an_exhausted_pool_is_the_typed_pool_timeout(
    server: FakeAttendeeServer,
) -> None:
    server.add_fault(Fault.stall())
    http = DefaultAioHttpClient(limits=httpx.Limits(max_connections=1))
    timeout = httpx.Timeout(5.0, pool=0.05)
    async with AsyncAttendeeClient(
        api_key=API_KEY, base_url=server.base_url, http_client=http, timeout=timeout, max_retries=0
    ) as client:
        hung = asyncio.create_task(client.zoom_oauth_connections.get(EXAMPLE_ID))
        assert await asyncio.to_thread(server.wait_for_requests, 1)

        with pytest.raises(APITimeoutError, match=r"pool timeout of 0\.05 s") as caught:
            await client.zoom_oauth_connections.get(EXAMPLE_ID)

        assert caught.value.request_reached_server is False
        hung.cancel()
        with pytest.raises(asyncio.CancelledError):
            await hung
        assert (await client.zoom_oauth_connections.get(EXAMPLE_ID)).id == EXAMPLE_ID


@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        (
            httpx.Timeout(0.3, connect=2.0),
            aiohttp.ClientTimeout(sock_connect=2.0, sock_read=0.3, connect=2.3),
        ),
        (
            httpx.Timeout(0.3, connect=None),
            aiohttp.ClientTimeout(sock_connect=None, sock_read=0.3, connect=None),
        ),
        (
            httpx.Timeout(0.3, pool=None),
            aiohttp.ClientTimeout(sock_connect=0.3, sock_read=0.3, connect=None),
        ),
    ],
    ids=["both bounded", "connect unbounded", "pool unbounded"],
)
async def test_on_aiohttp_opening_a_connection_gets_the_whole_connect_timeout(
    server: FakeAttendeeServer,
    monkeypatch: pytest.MonkeyPatch,
    timeout: httpx.Timeout,
    expected: aiohttp.ClientTimeout,
) -> None:
    # aiohttp's own "connect" timeout covers opening a connection as well as waiting for one:
    # given only httpx's pool timeout, a connect slower than it was cut short and retried.
    seen: list[aiohttp.ClientTimeout] = []
    request = aiohttp.ClientSession.request

    def recording(session: aiohttp.ClientSession, *args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs["timeout"])
        return request(session, *args, **kwargs)

    monkeypatch.setattr(aiohttp.ClientSession, "request", recording)
    async with AsyncAttendeeClient(
        api_key=API_KEY,
        base_url=server.base_url,
        http_client=DefaultAioHttpClient(),
        timeout=timeout,
    ) as client:
        await client.zoom_oauth_connections.get(EXAMPLE_ID)

    assert seen == [expected]


async def test_500_bots_in_flight_on_aiohttp(server: FakeAttendeeServer) -> None:
    http = DefaultAioHttpClient(limits=httpx.Limits(max_connections=50))
    async with AsyncAttendeeClient(
        api_key=API_KEY, base_url=server.base_url, http_client=http
    ) as client:
        found = await asyncio.gather(
            *(client.zoom_oauth_connections.get(EXAMPLE_ID) for _ in range(500))
        )

    assert {conn.id for conn in found} == {EXAMPLE_ID}
    assert len(server.requests) == 500


async def test_a_plain_httpx_aiohttp_client_gets_the_same_typed_errors(
    server: FakeAttendeeServer,
) -> None:
    # httpx-aiohttp's own client says ConnectTimeout for a refused connection; the SDK reads
    # the aiohttp error behind it, as for DefaultAioHttpClient.
    port = server.refuse_connections()
    async with httpx_aiohttp.HttpxAiohttpClient() as http:
        client = AsyncAttendeeClient(
            api_key=API_KEY, base_url=f"http://127.0.0.1:{port}", http_client=http, max_retries=0
        )
        with pytest.raises(APIConnectionError) as caught:
            await client.zoom_oauth_connections.get(EXAMPLE_ID)

    assert type(caught.value) is APIConnectionError
    assert caught.value.request_reached_server is False
    server.accept_connections()


def _key() -> aiohttp.client_reqrep.ConnectionKey:
    return aiohttp.client_reqrep.ConnectionKey("127.0.0.1", 1, False, True, None, None, None)


AIOHTTP_ERRORS: list[tuple[BaseException, type[httpx.TransportError]]] = [
    (
        aiohttp.ClientConnectorError(_key(), ConnectionRefusedError(111, "refused")),
        httpx.ConnectError,
    ),
    (aiohttp.ConnectionTimeoutError("connect"), httpx.ConnectTimeout),
    (aiohttp.SocketTimeoutError("read"), httpx.ReadTimeout),
    (aiohttp.ServerTimeoutError("read"), httpx.ReadTimeout),
    (aiohttp.ServerDisconnectedError(), httpx.RemoteProtocolError),
    (aiohttp.ClientPayloadError("cut short"), httpx.RemoteProtocolError),
    (aiohttp.ClientOSError(104, "reset"), httpx.ReadError),
    (aiohttp.ClientConnectionResetError("reset"), httpx.ReadError),
    (aiohttp.ClientError("else"), httpx.TransportError),
]


@pytest.mark.parametrize(("error", "expected"), AIOHTTP_ERRORS, ids=lambda v: type(v).__name__)
def test_aiohttp_errors_read_as_httpxs_own(
    error: BaseException, expected: type[httpx.TransportError]
) -> None:
    wrapped = httpx.ConnectTimeout("as httpx-aiohttp maps it")
    wrapped.__cause__ = error

    assert type(httpx_error_from_aiohttp(error)) is expected
    assert type(httpx_error_from_aiohttp(wrapped)) is expected


def test_errors_not_from_aiohttp_are_left_alone() -> None:
    assert httpx_error_from_aiohttp(httpx.ReadTimeout("read")) is None
    assert httpx_error_from_aiohttp(OSError("disk")) is None
