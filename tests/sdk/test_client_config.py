"""Constructing, copying and closing the clients."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import respx

from attendee_client import APITimeoutError, AsyncAttendeeClient, AttendeeClient, ClientClosedError
from attendee_client._config import MAX_TIMEOUT
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import API_KEY, Api

BOT: dict[str, object] = {
    "id": "bot_1",
    "metadata": None,
    "meeting_url": "https://zoom.us/j/1",
    "state": "joining",
    "events": [],
    "transcription_state": None,
    "recording_state": None,
    "join_at": None,
    "deduplication_key": None,
}

CLIENTS = [AttendeeClient, AsyncAttendeeClient]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ATTENDEE_API_KEY", raising=False)
    monkeypatch.delenv("ATTENDEE_BASE_URL", raising=False)


@pytest.mark.parametrize("client_class", CLIENTS)
def test_missing_api_key_names_the_environment_variable(client_class: type) -> None:
    with pytest.raises(ValueError, match="ATTENDEE_API_KEY"):
        client_class()


@pytest.mark.parametrize("client_class", CLIENTS)
def test_empty_environment_api_key_counts_as_missing(
    client_class: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTENDEE_API_KEY", "")
    with pytest.raises(ValueError, match="ATTENDEE_API_KEY"):
        client_class()


@pytest.mark.parametrize(
    ("api_key", "error"),
    [
        ("sk_live\r\nX-Evil: 1", ValueError),
        ("sk_live\n", ValueError),
        ("sk_\x00", ValueError),
        ("sk_é", ValueError),
        ("   ", ValueError),
        (12345, TypeError),
    ],
)
def test_api_key_that_could_corrupt_a_header_is_rejected_without_echoing_it(
    api_key: object, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        AttendeeClient(api_key=api_key)  # type: ignore[arg-type]
    if isinstance(api_key, str) and api_key.strip():
        assert api_key.strip() not in str(caught.value)


@pytest.mark.parametrize(
    "base_url",
    [
        "app.attendee.dev",
        "ftp://app.attendee.dev",
        "file:///etc/passwd",
        "https://app.attendee.dev/?x=1",
        "https://app.attendee.dev/#frag",
        "https://",
        "http://exa mple.com",
        "http://example.com/a\r\nb",
    ],
)
def test_bad_base_url_is_rejected(base_url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        AttendeeClient(api_key=API_KEY, base_url=base_url)


def test_base_url_trailing_slash_is_dropped() -> None:
    with AttendeeClient(api_key=API_KEY, base_url="https://host.example/prefix/") as client:
        assert client.base_url == "https://host.example/prefix"


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"max_retries": -1}, ValueError),
        ({"max_retries": 1.5}, TypeError),
        ({"max_retries": True}, TypeError),
        ({"timeout": 0}, ValueError),
        ({"timeout": -3}, ValueError),
        ({"timeout": float("nan")}, ValueError),
        ({"timeout": "5"}, TypeError),
        ({"default_headers": {"X-A": 1}}, TypeError),
        ({"default_headers": {"X-A": "a\r\nb"}}, ValueError),
        ({"http_client": object()}, TypeError),
    ],
)
def test_bad_options_are_rejected(options: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        AttendeeClient(api_key=API_KEY, **options)  # type: ignore[arg-type]


async def test_async_client_rejects_a_sync_http_client() -> None:
    with httpx.Client() as http, pytest.raises(TypeError, match="AsyncClient"):
        AsyncAttendeeClient(api_key=API_KEY, http_client=http)  # type: ignore[arg-type]


def test_timeout_none_means_no_timeout_and_a_timeout_object_is_kept() -> None:
    with AttendeeClient(api_key=API_KEY, timeout=None) as client:
        assert client.timeout == httpx.Timeout(None)
    custom = httpx.Timeout(3.0, connect=1.0)
    with AttendeeClient(api_key=API_KEY, timeout=custom) as client:
        assert client.timeout is custom


@pytest.mark.parametrize("client_class", CLIENTS)
def test_repr_shows_the_base_url_and_never_the_key(client_class: type) -> None:
    client = client_class(api_key=API_KEY, base_url="https://attendee.internal.example")
    text = repr(client)
    assert "https://attendee.internal.example" in text
    assert API_KEY not in text
    assert API_KEY not in repr(client.__dict__.get("_http"))


def test_with_options_shares_the_connection_pool() -> None:
    with AttendeeClient(api_key=API_KEY) as client:
        copy = client.with_options(timeout=5.0, max_retries=0)
        assert copy._http is client._http
        copy.close()
        assert not client._http.is_closed
    assert client._http.is_closed


async def test_async_with_options_shares_the_connection_pool() -> None:
    async with AsyncAttendeeClient(api_key=API_KEY) as client:
        copy = client.with_options(max_retries=5)
        assert copy._http is client._http
        assert copy.max_retries == 5
        await copy.aclose()
        assert not client._http.is_closed
    assert client._http.is_closed


def test_closing_twice_is_harmless() -> None:
    client = AttendeeClient(api_key=API_KEY)
    client.close()
    client.close()
    assert client._http.is_closed


async def test_async_closing_twice_is_harmless() -> None:
    client = AsyncAttendeeClient(api_key=API_KEY)
    await client.aclose()
    await client.aclose()
    assert client._http.is_closed


def test_with_options_rejects_bad_values_like_the_constructor() -> None:
    with AttendeeClient(api_key=API_KEY) as client, pytest.raises(ValueError, match="max_retries"):
        client.with_options(max_retries=-1)


# --- guard rails ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["Token abc123", "token abc123", " Token abc123"])
def test_a_key_with_the_token_scheme_is_refused_saying_to_pass_the_bare_key(key: str) -> None:
    with pytest.raises(ValueError, match="pass the bare key") as caught:
        AttendeeClient(api_key=key)
    assert "abc123" not in str(caught.value)


@pytest.mark.parametrize(
    "base_url",
    [
        "https://attendee.example/api/v1",
        "https://attendee.example/api/v1/",
        "https://attendee.example/api/v1//",
        "https://attendee.example",
    ],
)
def test_a_base_url_ending_in_the_api_root_is_taken_as_the_root(
    base_url: str, mock: respx.MockRouter
) -> None:
    route = mock.get("https://attendee.example/api/v1/bots/bot_1").respond(200, json=BOT)
    with AttendeeClient(api_key=API_KEY, base_url=base_url) as client:
        assert client.base_url == "https://attendee.example"
        client.bots.get("bot_1")
    assert route.call_count == 1


def test_a_prefix_before_the_api_root_is_kept() -> None:
    with AttendeeClient(api_key=API_KEY, base_url="https://host.example/attendee/api/v1") as client:
        assert client.base_url == "https://host.example/attendee"


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    ("base_url", "shown"),
    [
        ("https://proxy-user:hunter2@attendee.example", "proxy-user:***@attendee.example"),
        ("https://proxy-user@attendee.example/prefix", "proxy-user@attendee.example/prefix"),
        ("https://:hunter2@attendee.example", ":***@attendee.example"),
    ],
)
def test_a_base_url_with_user_info_is_refused_saying_why_without_the_password(
    client_class: type, base_url: str, shown: str, mock: respx.MockRouter
) -> None:
    # httpx would send the user info as Basic auth, replacing the API key on every call.
    with pytest.raises(ValueError, match="user name or password") as caught:
        client_class(api_key=API_KEY, base_url=base_url)
    message = str(caught.value)
    assert "Basic authentication in place of the API key" in message
    assert shown in message
    assert "hunter2" not in message
    assert not mock.calls


def test_a_base_url_with_user_info_from_the_environment_is_refused_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ATTENDEE_BASE_URL", "https://u:hunter2@attendee.example")
    with pytest.raises(ValueError, match="user name or password") as caught:
        AttendeeClient(api_key=API_KEY)
    assert "hunter2" not in str(caught.value)


def test_a_password_in_a_bad_base_url_is_masked_in_the_error() -> None:
    with pytest.raises(ValueError, match="query or fragment") as caught:
        AttendeeClient(api_key=API_KEY, base_url="https://u:hunter2@attendee.example/?q=1")
    assert "hunter2" not in str(caught.value)
    assert "u:***@" in str(caught.value)


def test_a_timeout_error_says_which_phase_and_its_limit(mock: respx.MockRouter) -> None:
    mock.get("https://api.test/api/v1/bots/bot_1").mock(side_effect=httpx.ReadTimeout("timed out"))
    timeout = httpx.Timeout(7.5, connect=2.0)
    with (
        AttendeeClient(
            api_key=API_KEY, base_url="https://api.test", timeout=timeout, max_retries=0
        ) as client,
        pytest.raises(
            APITimeoutError, match=r"no response arrived within the read timeout of 7\.5 s"
        ),
    ):
        client.bots.get("bot_1")
    mock.get("https://api.test/api/v1/bots/bot_2").mock(side_effect=httpx.ConnectTimeout("x"))
    with (
        AttendeeClient(
            api_key=API_KEY, base_url="https://api.test", timeout=timeout, max_retries=0
        ) as client,
        pytest.raises(APITimeoutError, match=r"within the connect timeout of 2 s"),
    ):
        client.bots.get("bot_2")


def test_a_closed_client_says_it_is_closed() -> None:
    client = AttendeeClient(api_key=API_KEY, base_url="https://api.test")
    copy = client.with_options(timeout=1.0)
    client.close()
    for closed in (client, copy):
        with pytest.raises(ClientClosedError, match="is closed"):
            closed.bots.get("bot_1")


async def test_a_closed_async_client_says_it_is_closed() -> None:
    client = AsyncAttendeeClient(api_key=API_KEY, base_url="https://api.test")
    await client.aclose()
    with pytest.raises(ClientClosedError, match="AsyncAttendeeClient is closed"):
        await client.calendars.get("cal_1")


# --- timeouts: honoured by both clients, or refused before anything is sent ----------------

LIMIT = "at most 2147483 seconds"


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    ("timeout", "named"),
    [
        (1e10, "timeout must be"),
        (MAX_TIMEOUT + 0.5, "timeout must be"),
        (2**31, "timeout must be"),
        (10**400, "timeout must be"),
        (httpx.Timeout(5.0, read=1e10), "timeout.read must be"),
        (httpx.Timeout(1e10, connect=5.0), "timeout.read must be"),
        (httpx.Timeout(5.0, pool=2**63), "timeout.pool must be"),
    ],
)
def test_a_timeout_past_the_limit_is_refused_at_construction_naming_the_limit(
    client_class: type, timeout: object, named: str
) -> None:
    # Past it the sync client's socket wait wraps round (to "at once" or "forever") or
    # overflows time_t; the async client is held to the same limit to stay its twin.
    with pytest.raises(ValueError, match=LIMIT) as caught:
        client_class(api_key=API_KEY, timeout=timeout)
    assert named in str(caught.value)
    assert "None for no timeout" in str(caught.value)


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    ("timeout", "error", "match"),
    [
        (float("inf"), ValueError, LIMIT),
        (httpx.Timeout(5.0, connect=0), ValueError, "timeout.connect must be a positive"),
        (httpx.Timeout(5.0, pool=-1), ValueError, "timeout.pool must be a positive"),
        (httpx.Timeout(5.0, write=float("nan")), ValueError, "timeout.write must be a positive"),
        (httpx.Timeout("5"), TypeError, "timeout.connect must be seconds"),  # type: ignore[arg-type]
        (httpx.Timeout(5.0, read=True), TypeError, "timeout.read must be seconds"),
    ],
)
def test_a_timeout_object_with_a_field_no_client_honours_is_refused_naming_it(
    client_class: type, timeout: object, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        client_class(api_key=API_KEY, timeout=timeout)


def test_with_options_refuses_a_timeout_past_the_limit() -> None:
    with AttendeeClient(api_key=API_KEY) as client, pytest.raises(ValueError, match=LIMIT):
        client.with_options(timeout=1e10)


@pytest.mark.parametrize("timeout", [1e10, httpx.Timeout(5.0, read=1e10)])
def test_a_per_call_timeout_past_the_limit_is_refused_before_sending(
    api: Api, mock: respx.MockRouter, timeout: float | httpx.Timeout
) -> None:
    route = mock.get("/api/v1/bots/bot_1").respond(200, json=BOT)
    with pytest.raises(ValueError, match=LIMIT):
        api.call(lambda c: c.bots.get("bot_1", timeout=timeout))
    assert route.call_count == 0


@pytest.mark.parametrize(
    "timeout", [MAX_TIMEOUT, httpx.Timeout(MAX_TIMEOUT), int(MAX_TIMEOUT), None]
)
def test_the_longest_timeout_works_on_both_clients_over_a_real_socket(
    timeout: float | httpx.Timeout | None,
) -> None:
    with FakeAttendeeServer(api_key=API_KEY) as server:
        with AttendeeClient(api_key=API_KEY, base_url=server.base_url, timeout=timeout) as client:
            sync_page = client.zoom_oauth_connections.list_page()
            sync_bot = client.bots.create(
                meeting_url="https://zoom.us/j/1", bot_name="Notes", timeout=timeout
            )

        async def call_async() -> int:
            async with AsyncAttendeeClient(
                api_key=API_KEY, base_url=server.base_url, timeout=timeout
            ) as client:
                page = await client.zoom_oauth_connections.list_page(timeout=timeout)
                return len(page.items)

        assert asyncio.run(call_async()) == len(sync_page.items) == 1
    assert sync_bot.id.startswith("bot_")


def test_the_async_client_in_a_plain_with_says_to_use_async_with() -> None:
    import asyncio

    client = AsyncAttendeeClient(api_key="k", base_url="https://api.test")
    try:
        with (
            pytest.raises(TypeError, match="use 'async with AsyncAttendeeClient"),
            client,
        ):
            pass  # pragma: no cover - never entered
    finally:
        asyncio.run(client.aclose())


@pytest.mark.parametrize("client_class", [AttendeeClient, AsyncAttendeeClient])
def test_the_api_key_is_keyword_only(
    client_class: type[AttendeeClient | AsyncAttendeeClient],
) -> None:
    with pytest.raises(TypeError, match="positional"):
        client_class(API_KEY)  # type: ignore[call-arg]
