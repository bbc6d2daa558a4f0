"""Every non-2xx status becomes its typed error, with the server's message and the request."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from attendee_client import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AttendeeError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from tests.conftest import API_KEY, DETAIL_URL, EXAMPLE_ID, LIST_URL, ApiFactory, example_json

PATH = f"/api/v1/zoom_oauth_connections/{EXAMPLE_ID}"


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (405, APIStatusError),
        (409, ConflictError),
        (415, APIStatusError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (503, InternalServerError),
        (599, InternalServerError),
    ],
)
def test_status_maps_to_its_error_class(
    make_api: ApiFactory, mock: respx.MockRouter, status: int, error_class: type[APIStatusError]
) -> None:
    mock.get(DETAIL_URL).respond(status, json={"detail": "nope"})
    api = make_api(max_retries=0)

    with pytest.raises(error_class) as caught:
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    error = caught.value
    assert type(error) is error_class
    assert isinstance(error, AttendeeError)
    assert error.status_code == status
    assert error.body == {"detail": "nope"}
    assert error.response.status_code == status


def test_not_found_message_is_the_servers_plus_method_and_path(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    mock.get(f"{LIST_URL}/zoc_x").respond(404, json={"error": "Zoom OAuth Connection not found"})

    with pytest.raises(NotFoundError) as caught:
        make_api().call(lambda c: c.zoom_oauth_connections.get("zoc_x"))

    assert str(caught.value) == (
        "404 Not Found: Zoom OAuth Connection not found (GET /api/v1/zoom_oauth_connections/zoc_x)"
    )
    assert caught.value.body == {"error": "Zoom OAuth Connection not found"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"detail": "Invalid or disabled API key"}, "Invalid or disabled API key"),
        ({"error": "Not found"}, "Not found"),
        (
            {"authorization_code": ["This field is required."], "redirect_uri": ["Blank."]},
            "authorization_code: This field is required.; redirect_uri: Blank.",
        ),
        ({"non_field_errors": ["At least one must be true"]}, "At least one must be true"),
        ({"unexpected": {"shape": 1}}, "unexpected: {'shape': 1}"),
        ([1, 2], "[1, 2]"),
    ],
)
def test_message_comes_from_whichever_shape_the_body_has(
    make_api: ApiFactory, mock: respx.MockRouter, body: Any, expected: str
) -> None:
    mock.get(DETAIL_URL).respond(400, json=body)

    with pytest.raises(BadRequestError) as caught:
        make_api().call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert caught.value.message == f"400 Bad Request: {expected} (GET {PATH})"


def test_html_error_page_is_reduced_to_short_text(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    page = (
        "<html><head><title>x</title><style>body{}</style></head><body>"
        "<h1>502 Bad Gateway</h1><p>nginx &amp; friends</p>" + "<p>filler</p>" * 500 + "</body>"
        "</html>"
    )
    mock.get(DETAIL_URL).respond(502, text=page, headers={"Content-Type": "text/html"})

    with pytest.raises(InternalServerError) as caught:
        make_api(max_retries=0).call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    message = caught.value.message
    assert message.startswith("502 Bad Gateway: 502 Bad Gateway nginx & friends filler")
    assert "<" not in message
    assert len(message) < 400
    assert caught.value.body == page


def test_empty_error_body_gives_the_status_line(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    mock.get(DETAIL_URL).respond(503)

    with pytest.raises(InternalServerError) as caught:
        make_api(max_retries=0).call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert str(caught.value) == f"503 Service Unavailable (GET {PATH})"
    assert caught.value.body == ""


def test_unknown_status_keeps_its_reason_phrase(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    mock.get(DETAIL_URL).respond(499, json={"detail": "client closed"})

    with pytest.raises(APIStatusError) as caught:
        make_api().call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert type(caught.value) is APIStatusError
    assert caught.value.message.startswith("499 ")


def test_bad_request_exposes_field_errors(make_api: ApiFactory, mock: respx.MockRouter) -> None:
    body = {"authorization_code": ["This field is required."], "non_field_errors": ["x"]}
    mock.get(DETAIL_URL).respond(400, json=body)

    with pytest.raises(BadRequestError) as caught:
        make_api().call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert caught.value.field_errors == body


def test_bad_request_with_a_single_message_puts_it_under_non_field_errors(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    mock.get(DETAIL_URL).respond(400, json={"error": "App zoa_x does not exist"})

    with pytest.raises(BadRequestError) as caught:
        make_api().call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert caught.value.field_errors == {"non_field_errors": ["App zoa_x does not exist"]}


@pytest.mark.parametrize(
    ("header", "expected"),
    [("60", 60.0), ("1.5", 1.5), ("soon", None), (None, None)],
)
def test_rate_limit_error_carries_retry_after_seconds(
    make_api: ApiFactory, mock: respx.MockRouter, header: str | None, expected: float | None
) -> None:
    headers = {"Retry-After": header} if header is not None else {}
    mock.get(DETAIL_URL).respond(429, json={"detail": "throttled"}, headers=headers)

    with pytest.raises(RateLimitError) as caught:
        make_api(max_retries=0).call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert caught.value.retry_after == expected


def test_connection_failure_is_an_api_connection_error(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    mock.get(DETAIL_URL).mock(side_effect=httpx.ConnectError("refused"))

    with pytest.raises(APIConnectionError) as caught:
        make_api(max_retries=0).call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert type(caught.value) is APIConnectionError
    assert caught.value.request_reached_server is False
    assert str(caught.value) == f"connection error: refused (GET {PATH})"


@pytest.mark.parametrize(
    ("exception", "reached"),
    [(httpx.ConnectTimeout("t"), False), (httpx.ReadTimeout("t"), True)],
)
def test_timeout_is_an_api_timeout_error(
    make_api: ApiFactory, mock: respx.MockRouter, exception: Exception, reached: bool
) -> None:
    mock.get(DETAIL_URL).mock(side_effect=exception)

    with pytest.raises(APITimeoutError) as caught:
        make_api(max_retries=0).call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert caught.value.request_reached_server is reached


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"not json", "the response body is not JSON"),
        (b"[1, 2]", "the response body is not a JSON object"),
        (b"", "the response body is not JSON"),
        (b"\xff\xfe", "the response body is not JSON"),
    ],
)
def test_success_body_that_is_not_a_json_object_is_a_validation_error(
    make_api: ApiFactory, mock: respx.MockRouter, content: bytes, words: str
) -> None:
    mock.get(DETAIL_URL).respond(200, content=content)

    with pytest.raises(APIResponseValidationError) as caught:
        make_api().call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert words in caught.value.message
    assert caught.value.message.endswith(f"(GET {PATH})")
    assert caught.value.body == content.decode("utf-8", errors="replace")
    assert caught.value.response.content == content


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"created_at": "yesterday"}, "created_at: not an ISO 8601 date-time: 'yesterday'"),
        ({"user_id": None}, "user_id: expected a string, got None"),
        ({"is_onbehalf_token_supported": "false"}, "is_onbehalf_token_supported: expected a"),
        ({"metadata": ["a"]}, "metadata: expected an object or null"),
        ({"state": 3}, "state: expected a string or null, got 3"),
    ],
)
def test_success_body_with_a_wrong_field_names_the_field(
    make_api: ApiFactory, mock: respx.MockRouter, change: dict[str, Any], words: str
) -> None:
    body = json.dumps({**example_json(), **change})
    mock.get(DETAIL_URL).respond(200, text=body)

    with pytest.raises(APIResponseValidationError) as caught:
        make_api().call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert words in str(caught.value)
    assert caught.value.body == body


def test_success_body_missing_a_field_names_it(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    body = example_json()
    del body["updated_at"]
    mock.get(DETAIL_URL).respond(200, json=body)

    with pytest.raises(APIResponseValidationError, match="updated_at: required field missing"):
        make_api().call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))


def test_api_key_never_appears_in_errors_or_logs(
    make_api: ApiFactory, mock: respx.MockRouter, all_logs: pytest.LogCaptureFixture
) -> None:
    mock.get(DETAIL_URL).mock(
        side_effect=[
            httpx.Response(503, json={"detail": "busy"}),
            httpx.Response(401, json={"detail": "Invalid or disabled API key"}),
        ]
    )
    api = make_api()

    with pytest.raises(AuthenticationError) as caught:
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    error = caught.value
    texts = [str(error), repr(error), error.message, repr(api.client), str(error.response)]
    texts += [repr(error.response.request.headers), repr(vars(error))]
    texts += [record.getMessage() for record in all_logs.records]
    texts += [repr(record.args) for record in all_logs.records]
    assert any("Retrying" in record.getMessage() for record in all_logs.records)
    for text in texts:
        assert API_KEY not in text
