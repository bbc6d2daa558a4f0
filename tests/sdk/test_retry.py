"""The retry rules: which failures, how many attempts, how long between them."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest
import respx

from attendee_client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
)
from attendee_client._retry import (
    INITIAL_BACKOFF_SECONDS,
    JITTER,
    MAX_BACKOFF_SECONDS,
    Retry,
    is_retryable,
    wait_seconds,
)
from attendee_client._status import parse_retry_after, status_error
from tests.conftest import DETAIL_URL, EXAMPLE_ID, Api, ApiFactory, example_bytes

OK = httpx.Response(200, content=example_bytes())


def response(status: int, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json={"detail": "x"}, headers=headers)


def test_default_is_two_retries_so_three_attempts(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(DETAIL_URL).mock(return_value=response(503))

    with pytest.raises(InternalServerError) as caught:
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert route.call_count == 3
    assert caught.value.attempts == 3
    assert str(caught.value).endswith("[after 3 attempts]")
    assert len(api.sleeps) == 2


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_get_is_retried_on_retryable_status(api: Api, mock: respx.MockRouter, status: int) -> None:
    route = mock.get(DETAIL_URL).mock(side_effect=[response(status), OK])

    conn = api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert conn.id == EXAMPLE_ID
    assert route.call_count == 2
    assert len(api.sleeps) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 409, 422, 501, 505])
def test_get_is_not_retried_on_other_status(api: Api, mock: respx.MockRouter, status: int) -> None:
    route = mock.get(DETAIL_URL).mock(return_value=response(status))

    with pytest.raises(APIStatusError) as caught:
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert caught.value.status_code == status
    assert route.call_count == 1
    assert api.sleeps == []


@pytest.mark.parametrize(
    "exception",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow connect"),
        httpx.ReadTimeout("slow read"),
        httpx.ReadError("reset"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.PoolTimeout("pool"),
    ],
)
def test_get_is_retried_on_connection_errors_and_timeouts(
    api: Api, mock: respx.MockRouter, exception: Exception
) -> None:
    route = mock.get(DETAIL_URL).mock(side_effect=[exception, OK])

    assert api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID)).id == EXAMPLE_ID
    assert route.call_count == 2


def test_max_retries_zero_disables_retrying(make_api: ApiFactory, mock: respx.MockRouter) -> None:
    api = make_api(max_retries=0)
    route = mock.get(DETAIL_URL).mock(return_value=response(503))

    with pytest.raises(InternalServerError) as caught:
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert route.call_count == 1
    assert caught.value.attempts == 1
    assert "attempts" not in str(caught.value)
    assert api.sleeps == []


def test_with_options_max_retries_applies_to_the_copy(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(DETAIL_URL).mock(return_value=response(500))

    with pytest.raises(InternalServerError):
        api.with_options(max_retries=4).call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert route.call_count == 5


def test_backoff_doubles_from_half_a_second_with_jitter(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    api = make_api(max_retries=6)
    mock.get(DETAIL_URL).mock(return_value=response(502))

    with pytest.raises(InternalServerError):
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    nominal = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert len(api.sleeps) == len(nominal)
    for waited, expected in zip(api.sleeps, nominal, strict=True):
        assert expected * (1 - JITTER) <= waited <= expected


def test_retry_after_seconds_is_honoured(api: Api, mock: respx.MockRouter) -> None:
    mock.get(DETAIL_URL).mock(side_effect=[response(429, {"Retry-After": "7"}), OK])

    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert api.sleeps == [7.0]


def test_retry_after_http_date_is_honoured(api: Api, mock: respx.MockRouter) -> None:
    when = datetime.now(timezone.utc) + timedelta(seconds=30)
    header = format_datetime(when, usegmt=True)
    mock.get(DETAIL_URL).mock(side_effect=[response(503, {"Retry-After": header}), OK])

    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    (waited,) = api.sleeps
    assert 25 <= waited <= 30


@pytest.mark.parametrize("header", ["61", "3600", "-5", "garbage", "nan", "inf"])
def test_retry_after_out_of_range_or_garbage_falls_back_to_backoff(
    api: Api, mock: respx.MockRouter, header: str
) -> None:
    mock.get(DETAIL_URL).mock(side_effect=[response(429, {"Retry-After": header}), OK])

    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    (waited,) = api.sleeps
    assert INITIAL_BACKOFF_SECONDS * (1 - JITTER) <= waited <= INITIAL_BACKOFF_SECONDS


def test_last_typed_error_is_raised_never_tenacity_retry_error(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.get(DETAIL_URL).mock(
        side_effect=[response(503), httpx.ConnectError("refused"), httpx.ReadTimeout("slow")]
    )

    with pytest.raises(APITimeoutError) as caught:
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert caught.value.attempts == 3
    assert "after 3 attempts" in str(caught.value)


def test_non_retryable_error_after_retries_stops_and_counts_attempts(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.get(DETAIL_URL).mock(side_effect=[response(503), response(404)])

    with pytest.raises(NotFoundError) as caught:
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert route.call_count == 2
    assert caught.value.attempts == 2


def test_each_retry_is_logged_at_info_with_attempt_and_reason(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="attendee_client")
    mock.get(DETAIL_URL).mock(side_effect=[response(503), httpx.ConnectError("x"), OK])

    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    records = [r for r in caplog.records if r.name == "attendee_client"]
    assert [r.levelno for r in records] == [logging.INFO, logging.INFO]
    first, second = (r.getMessage() for r in records)
    assert "status 503" in first
    assert "attempt 1 of 3" in first
    assert f"GET /api/v1/zoom_oauth_connections/{EXAMPLE_ID}" in first
    assert "APIConnectionError" in second
    assert "attempt 2 of 3" in second


# --- the pure policy -------------------------------------------------------------------

REQUEST = httpx.Request("GET", "https://api.test/x")


def status(code: int, headers: dict[str, str] | None = None) -> InternalServerError:
    resp = httpx.Response(code, headers=headers, request=REQUEST)
    error = status_error(resp, now=0.0)
    assert isinstance(error, Exception)
    return error  # type: ignore[return-value]


def connection(reached: bool) -> APIConnectionError:
    return APIConnectionError("x", request=REQUEST, request_reached_server=reached)


def test_safe_calls_retry_connection_errors_either_way() -> None:
    assert is_retryable(Retry.SAFE, connection(reached=False))
    assert is_retryable(Retry.SAFE, connection(reached=True))


def test_sent_once_calls_retry_only_what_surely_never_reached_the_server() -> None:
    assert is_retryable(Retry.SENT_ONCE, connection(reached=False))
    assert not is_retryable(Retry.SENT_ONCE, connection(reached=True))
    assert is_retryable(Retry.SENT_ONCE, status(429))
    for code in (408, 500, 502, 503, 504):
        assert not is_retryable(Retry.SENT_ONCE, status(code))


def test_wait_uses_retry_after_within_zero_to_sixty_seconds() -> None:
    assert wait_seconds(1, status(429, {"Retry-After": "0"}), now=0, jitter=0.9) == 0
    assert wait_seconds(3, status(503, {"Retry-After": "60"}), now=0, jitter=0.9) == 60


def test_wait_backoff_is_capped() -> None:
    assert wait_seconds(30, connection(True), now=0, jitter=0.0) == MAX_BACKOFF_SECONDS
    assert wait_seconds(2000, connection(True), now=0, jitter=0.0) == MAX_BACKOFF_SECONDS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 2.5 ", 2.5),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 10.0),
        ("Wed, 21 Oct 2015 07:28:00", None),
        ("", None),
        (None, None),
        ("soon", None),
        ("1e999", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 27, 50, tzinfo=timezone.utc).timestamp()
    assert parse_retry_after(value, now) == expected


def test_rate_limit_error_without_header_uses_backoff() -> None:
    error = status(429)
    assert isinstance(error, RateLimitError)
    assert wait_seconds(2, error, now=0, jitter=0.0) == 1.0
