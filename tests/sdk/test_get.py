"""GET /api/v1/zoom_oauth_connections/{id}: the documented example, replayed through respx."""

from __future__ import annotations

import platform
from datetime import datetime, timezone

import httpx
import pytest
import respx

import attendee_client
from attendee_client import ZoomOAuthConnection, ZoomOAuthConnectionState
from tests.conftest import (
    API_KEY,
    BASE_URL,
    DETAIL_URL,
    EXAMPLE_ID,
    Api,
    ApiFactory,
    example_bytes,
    example_json,
)

UTC = timezone.utc


@pytest.fixture
def example_route(mock: respx.MockRouter) -> respx.Route:
    return mock.get(DETAIL_URL).respond(
        200, content=example_bytes(), headers={"Content-Type": "application/json"}
    )


def test_get_returns_every_documented_field(api: Api, example_route: respx.Route) -> None:
    conn = api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert isinstance(conn, ZoomOAuthConnection)
    assert conn.id == "zoc_abcdef1234567890"
    assert conn.zoom_oauth_app_id == "zoa_abcdef1234567890"
    assert conn.user_id == "user_abcdef1234567890"
    assert conn.account_id == "account_abcdef1234567890"
    assert conn.state is ZoomOAuthConnectionState.CONNECTED
    assert conn.metadata == {"tenant_id": "1234567890"}
    assert conn.is_local_recording_token_supported is True
    assert conn.is_onbehalf_token_supported is False
    assert conn.connection_failure_data is None
    assert conn.created_at == datetime(2025, 1, 13, 10, 30, 0, 123456, tzinfo=UTC)
    assert conn.updated_at == datetime(2025, 1, 13, 10, 30, 0, 123456, tzinfo=UTC)
    assert conn.last_successful_sync_at == datetime(2025, 1, 13, 11, 0, 0, 123456, tzinfo=UTC)
    assert conn.last_attempted_sync_at == datetime(2025, 1, 13, 11, 0, 0, 123456, tzinfo=UTC)
    assert example_route.call_count == 1


def test_get_result_round_trips_to_the_documented_json(
    api: Api, example_route: respx.Route
) -> None:
    assert api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID)).to_dict() == example_json()


def test_get_sends_the_documented_headers(api: Api, example_route: respx.Route) -> None:
    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    headers = example_route.calls.last.request.headers
    assert headers["Authorization"] == f"Token {API_KEY}"
    assert headers["Content-Type"] == "application/json"
    assert headers["Accept"] == "application/json"
    assert headers["User-Agent"] == (
        f"attendee-client/{attendee_client.__version__} python/{platform.python_version()}"
    )


def test_default_headers_are_sent_and_cannot_be_lost(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    route = mock.get(DETAIL_URL).respond(200, content=example_bytes())
    api = make_api(default_headers={"X-Trace": "abc"})

    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    headers = route.calls.last.request.headers
    assert headers["X-Trace"] == "abc"
    assert headers["Authorization"] == f"Token {API_KEY}"


def test_base_url_path_prefix_is_kept(make_api: ApiFactory) -> None:
    with respx.mock(assert_all_called=True) as router:
        route = router.get(
            f"https://host.example/attendee/api/v1/zoom_oauth_connections/{EXAMPLE_ID}"
        ).respond(200, content=example_bytes())
        api = make_api(base_url="https://host.example/attendee/")

        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert route.call_count == 1


@pytest.mark.parametrize(
    ("object_id", "expected_path"),
    [
        ("../x", "/api/v1/zoom_oauth_connections/..%2Fx"),
        ("..", "/api/v1/zoom_oauth_connections/%2E%2E"),
        (".", "/api/v1/zoom_oauth_connections/%2E"),
        ("a/b", "/api/v1/zoom_oauth_connections/a%2Fb"),
        ("?q=1", "/api/v1/zoom_oauth_connections/%3Fq%3D1"),
        ("#f", "/api/v1/zoom_oauth_connections/%23f"),
        ("%2F", "/api/v1/zoom_oauth_connections/%252F"),
        ("a b", "/api/v1/zoom_oauth_connections/a%20b"),
        ("zoc_é", "/api/v1/zoom_oauth_connections/zoc_%C3%A9"),
        ("zoc_ABC", "/api/v1/zoom_oauth_connections/zoc_ABC"),
    ],
)
def test_id_is_sent_as_exactly_one_encoded_segment(
    api: Api, mock: respx.MockRouter, object_id: str, expected_path: str
) -> None:
    route = mock.route().respond(200, content=example_bytes())

    api.call(lambda c: c.zoom_oauth_connections.get(object_id))

    request = route.calls.last.request
    assert request.url.raw_path.decode() == expected_path
    assert request.url.host == "api.test"


@pytest.mark.parametrize(
    ("object_id", "error", "words"),
    [
        ("", ValueError, "non-empty"),
        ("   ", ValueError, "non-empty"),
        ("zoc_\r\nX-Injected: 1", ValueError, "control characters"),
        ("zoc_\x00", ValueError, "control characters"),
        (None, TypeError, "must be a str"),
        (123, TypeError, "must be a str"),
        (b"zoc_abc", TypeError, "must be a str"),
    ],
)
def test_bad_id_is_rejected_before_anything_is_sent(
    api: Api, mock: respx.MockRouter, object_id: object, error: type[Exception], words: str
) -> None:
    route = mock.route().respond(200, content=example_bytes())

    with pytest.raises(error, match=words):
        api.call(lambda c: c.zoom_oauth_connections.get(object_id))  # type: ignore[arg-type]

    assert route.call_count == 0


def test_per_call_timeout_overrides_the_client_default(
    api: Api, example_route: respx.Route
) -> None:
    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID, timeout=1.5))

    timeout = example_route.calls.last.request.extensions["timeout"]
    assert timeout == {"connect": 1.5, "read": 1.5, "write": 1.5, "pool": 1.5}


def test_default_timeout_is_5s_connect_and_30s_the_rest(
    api: Api, example_route: respx.Route
) -> None:
    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    timeout = example_route.calls.last.request.extensions["timeout"]
    assert timeout == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}


def test_with_options_changes_only_the_copy(api: Api, example_route: respx.Route) -> None:
    faster = api.with_options(timeout=2.0, max_retries=0)

    faster.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))
    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    first, second = (call.request.extensions["timeout"] for call in example_route.calls)
    assert first["read"] == 2.0
    assert second["read"] == 30.0
    assert faster.client.max_retries == 0
    assert api.client.max_retries == 2


def test_with_options_api_key_is_sent_by_the_copy(api: Api, example_route: respx.Route) -> None:
    other = api.with_options(api_key="sk_other")

    other.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))
    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    sent = [call.request.headers["Authorization"] for call in example_route.calls]
    assert sent == ["Token sk_other", f"Token {API_KEY}"]


def test_base_url_default_is_the_hosted_api(
    make_api: ApiFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ATTENDEE_BASE_URL", raising=False)
    with respx.mock(assert_all_called=True) as router:
        route = router.get(
            f"https://app.attendee.dev/api/v1/zoom_oauth_connections/{EXAMPLE_ID}"
        ).respond(200, content=example_bytes())
        make_api(base_url=None).call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))
    assert route.call_count == 1


def test_base_url_falls_back_to_the_environment(
    make_api: ApiFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTENDEE_BASE_URL", "http://localhost:8000")
    with respx.mock(assert_all_called=True) as router:
        route = router.get(
            f"http://localhost:8000/api/v1/zoom_oauth_connections/{EXAMPLE_ID}"
        ).respond(200, content=example_bytes())
        make_api(base_url=None).call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))
    assert route.call_count == 1


def test_api_key_falls_back_to_the_environment(
    make_api: ApiFactory, mock: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ATTENDEE_API_KEY", "sk_from_env")
    route = mock.get(DETAIL_URL).respond(200, content=example_bytes())

    make_api(api_key=None).call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert route.calls.last.request.headers["Authorization"] == "Token sk_from_env"


def test_user_supplied_http_client_is_used_and_left_open(mock: respx.MockRouter) -> None:
    route = mock.get(DETAIL_URL).respond(200, content=example_bytes())
    http = httpx.Client(headers={"X-Mine": "1"})
    client = attendee_client.AttendeeClient(api_key=API_KEY, base_url=BASE_URL, http_client=http)

    client.zoom_oauth_connections.get(EXAMPLE_ID)
    client.close()

    assert not http.is_closed
    headers = route.calls.last.request.headers
    assert headers["X-Mine"] == "1"
    assert headers["Authorization"] == f"Token {API_KEY}"
    http.close()


async def test_user_supplied_async_http_client_is_used_and_left_open(
    mock: respx.MockRouter,
) -> None:
    route = mock.get(DETAIL_URL).respond(200, content=example_bytes())
    http = httpx.AsyncClient()
    client = attendee_client.AsyncAttendeeClient(
        api_key=API_KEY, base_url=BASE_URL, http_client=http
    )

    await client.zoom_oauth_connections.get(EXAMPLE_ID)
    await client.aclose()

    assert not http.is_closed
    assert route.calls.last.request.headers["Authorization"] == f"Token {API_KEY}"
    await http.aclose()
