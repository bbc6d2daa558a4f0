"""Create: checked arguments, only given fields sent, and never blindly re-sent."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from attendee_client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    InternalServerError,
    RateLimitError,
    ZoomOAuthConnectionState,
)
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import API_KEY, LIST_URL, Api, example_json

REDIRECT = "https://app.example.com/zoom/callback"
CREATED = httpx.Response(201, json={**example_json(), "id": "zoc_new0000000000000"})


def sent_body(route: respx.Route, index: int = -1) -> Any:
    return json.loads(route.calls[index].request.content)


def test_create_sends_only_the_fields_given(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post(LIST_URL).mock(return_value=CREATED)

    conn = api.call(
        lambda c: c.zoom_oauth_connections.create(
            authorization_code="code-1", redirect_uri=REDIRECT
        )
    )

    assert conn.id == "zoc_new0000000000000"
    assert sent_body(route) == {"authorization_code": "code-1", "redirect_uri": REDIRECT}
    request = route.calls.last.request
    assert request.headers["Content-Type"] == "application/json"


def test_create_sends_every_option_given(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post(LIST_URL).mock(return_value=CREATED)

    api.call(
        lambda c: c.zoom_oauth_connections.create(
            authorization_code="code-1",
            redirect_uri=REDIRECT,
            zoom_oauth_app_id="zoa_1",
            is_local_recording_token_supported=False,
            is_onbehalf_token_supported=True,
            metadata={"tenant_id": "42"},
        )
    )

    assert sent_body(route) == {
        "authorization_code": "code-1",
        "redirect_uri": REDIRECT,
        "zoom_oauth_app_id": "zoa_1",
        "is_local_recording_token_supported": False,
        "is_onbehalf_token_supported": True,
        "metadata": {"tenant_id": "42"},
    }


@pytest.mark.parametrize(
    ("arguments", "error", "words"),
    [
        ({"authorization_code": ""}, ValueError, "authorization_code"),
        ({"authorization_code": "  "}, ValueError, "authorization_code"),
        ({"authorization_code": None}, TypeError, "authorization_code"),
        ({"authorization_code": 123}, TypeError, "authorization_code"),
        ({"redirect_uri": ""}, ValueError, "redirect_uri"),
        ({"redirect_uri": b"https://x"}, TypeError, "redirect_uri"),
        ({"zoom_oauth_app_id": ""}, ValueError, "zoom_oauth_app_id"),
        (
            {"is_local_recording_token_supported": False},
            ValueError,
            "at least one of is_local_recording_token_supported",
        ),
        (
            {"is_local_recording_token_supported": False, "is_onbehalf_token_supported": False},
            ValueError,
            "at least one of",
        ),
        ({"is_onbehalf_token_supported": "yes"}, TypeError, "is_onbehalf_token_supported"),
        ({"is_local_recording_token_supported": 1}, TypeError, "is_local_recording"),
        ({"metadata": {}}, ValueError, "metadata"),
        ({"metadata": {"tenant_id": 42}}, ValueError, "metadata"),
        ({"metadata": {1: "a"}}, ValueError, "metadata"),
        ({"metadata": [("a", "b")]}, ValueError, "metadata"),
        ({"metadata": "tenant=42"}, ValueError, "metadata"),
    ],
)
def test_bad_arguments_are_rejected_before_anything_is_sent(
    api: Api,
    mock: respx.MockRouter,
    arguments: dict[str, Any],
    error: type[Exception],
    words: str,
) -> None:
    route = mock.post(LIST_URL).mock(return_value=CREATED)
    call = {"authorization_code": "code-1", "redirect_uri": REDIRECT, **arguments}

    with pytest.raises(error, match=words):
        api.call(lambda c: c.zoom_oauth_connections.create(**call))

    assert route.call_count == 0


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout("no answer"),
        httpx.ReadError("connection reset by peer"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.WriteTimeout("slow"),
    ],
)
def test_create_is_never_resent_after_it_may_have_reached_the_server(
    api: Api, mock: respx.MockRouter, failure: Exception
) -> None:
    route = mock.post(LIST_URL).mock(side_effect=[failure, CREATED])

    with pytest.raises(APIConnectionError) as caught:
        api.call(
            lambda c: c.zoom_oauth_connections.create(
                authorization_code="code-1", redirect_uri=REDIRECT
            )
        )

    assert route.call_count == 1
    assert caught.value.outcome_unknown
    assert "may exist" in str(caught.value)
    assert "list connections" in str(caught.value)
    assert api.sleeps == []


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_create_is_never_resent_after_a_server_error(
    api: Api, mock: respx.MockRouter, status: int
) -> None:
    route = mock.post(LIST_URL).mock(side_effect=[httpx.Response(status), CREATED])

    with pytest.raises(APIStatusError) as caught:
        api.call(
            lambda c: c.zoom_oauth_connections.create(
                authorization_code="code-1", redirect_uri=REDIRECT
            )
        )

    assert route.call_count == 1
    assert caught.value.outcome_unknown is True
    if status >= 500:
        assert isinstance(caught.value, InternalServerError)


@pytest.mark.parametrize(
    "failure", [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow connect")]
)
def test_create_is_retried_when_it_surely_never_reached_the_server(
    api: Api, mock: respx.MockRouter, failure: Exception
) -> None:
    route = mock.post(LIST_URL).mock(side_effect=[failure, CREATED])

    conn = api.call(
        lambda c: c.zoom_oauth_connections.create(
            authorization_code="code-1", redirect_uri=REDIRECT
        )
    )

    assert conn.id == "zoc_new0000000000000"
    assert route.call_count == 2


def test_create_is_retried_on_429_honouring_retry_after(api: Api, mock: respx.MockRouter) -> None:
    throttled = httpx.Response(
        429,
        json={"detail": "Request was throttled. Expected available in 60 seconds."},
        headers={"Retry-After": "60"},
    )
    route = mock.post(LIST_URL).mock(side_effect=[throttled, CREATED])

    api.call(
        lambda c: c.zoom_oauth_connections.create(
            authorization_code="code-1", redirect_uri=REDIRECT
        )
    )

    assert route.call_count == 2
    assert api.sleeps == [60.0]


def test_create_throttled_to_the_end_is_not_outcome_unknown(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.post(LIST_URL).mock(return_value=httpx.Response(429, headers={"Retry-After": "1"}))

    with pytest.raises(RateLimitError) as caught:
        api.call(
            lambda c: c.zoom_oauth_connections.create(
                authorization_code="code-1", redirect_uri=REDIRECT
            )
        )

    assert caught.value.attempts == 3
    assert not caught.value.outcome_unknown


def test_create_after_connect_error_then_read_timeout_is_outcome_unknown(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post(LIST_URL).mock(
        side_effect=[httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), CREATED]
    )

    with pytest.raises(APITimeoutError) as caught:
        api.call(
            lambda c: c.zoom_oauth_connections.create(
                authorization_code="code-1", redirect_uri=REDIRECT
            )
        )

    assert route.call_count == 2
    assert caught.value.attempts == 2
    assert caught.value.outcome_unknown


def test_rejected_create_is_not_outcome_unknown(api: Api, mock: respx.MockRouter) -> None:
    mock.post(LIST_URL).respond(400, json={"redirect_uri": ["This field may not be blank."]})

    with pytest.raises(BadRequestError) as caught:
        api.call(
            lambda c: c.zoom_oauth_connections.create(
                authorization_code="code-1", redirect_uri=REDIRECT
            )
        )

    assert not caught.value.outcome_unknown
    assert caught.value.field_errors == {"redirect_uri": ["This field may not be blank."]}
    assert "redirect_uri: This field may not be blank." in str(caught.value)


# --- against the fake, over real sockets ---------------------------------------------


def test_create_exchanges_a_code_the_server_knows(
    served_api: Api, server: FakeAttendeeServer
) -> None:
    server.add_authorization_code("code-ok", user_id="zoom-user-1")

    conn = served_api.call(
        lambda c: c.zoom_oauth_connections.create(
            authorization_code="code-ok", redirect_uri=REDIRECT, metadata={"t": "1"}
        )
    )

    assert conn.user_id == "zoom-user-1"
    assert conn.metadata == {"t": "1"}
    assert conn.state is ZoomOAuthConnectionState.CONNECTED
    assert served_api.call(lambda c: c.zoom_oauth_connections.get(conn.id)) == conn
    assert server.connections[0]["id"] == conn.id


def test_a_code_can_be_exchanged_once_only(served_api: Api, server: FakeAttendeeServer) -> None:
    server.add_authorization_code("code-once")
    served_api.call(
        lambda c: c.zoom_oauth_connections.create(
            authorization_code="code-once", redirect_uri=REDIRECT
        )
    )

    with pytest.raises(BadRequestError) as caught:
        served_api.call(
            lambda c: c.zoom_oauth_connections.create(
                authorization_code="code-once", redirect_uri=REDIRECT
            )
        )

    assert caught.value.field_errors == {
        "non_field_errors": ["Invalid or expired authorization code"]
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"redirect_uri": REDIRECT}, {"authorization_code": ["This field is required."]}),
        (
            {"authorization_code": "c", "redirect_uri": REDIRECT, "surprise": 1},
            {"non_field_errors": ["Unknown field(s): surprise"]},
        ),
        (
            {"authorization_code": "c", "redirect_uri": REDIRECT, "metadata": {"a": 1}},
            {"metadata": ["Value for key 'a' must be a string"]},
        ),
    ],
)
def test_fake_rejects_bodies_like_the_real_server(
    server: FakeAttendeeServer, body: dict[str, Any], expected: dict[str, list[str]]
) -> None:
    response = httpx.post(
        f"{server.base_url}/api/v1/zoom_oauth_connections",
        json=body,
        headers={"Authorization": f"Token {API_KEY}"},
    )

    assert response.status_code == 400
    assert response.json() == expected


def test_fake_rejects_a_body_that_is_not_json(server: FakeAttendeeServer) -> None:
    headers = {"Authorization": f"Token {API_KEY}"}
    url = f"{server.base_url}/api/v1/zoom_oauth_connections"

    plain = httpx.post(url, content=b"x", headers={**headers, "Content-Type": "text/plain"})
    broken = httpx.post(url, content=b"{", headers={**headers, "Content-Type": "application/json"})

    assert plain.status_code == 415
    assert broken.status_code == 400
    assert broken.json()["detail"].startswith("JSON parse error")
