"""Both clients against the embedded fake, over real sockets on 127.0.0.1."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from attendee_client import (
    AsyncAttendeeClient,
    AttendeeClient,
    AuthenticationError,
    InternalServerError,
    NotFoundError,
    ZoomOAuthConnection,
)
from attendee_client.testing import DOCUMENTED_EXAMPLE, FakeAttendeeServer, Fault
from tests.conftest import API_KEY, EXAMPLE_ID, Api, ApiFactory, example_json


def test_fake_is_seeded_with_the_documented_example() -> None:
    assert dict(DOCUMENTED_EXAMPLE) == example_json()


def test_get_over_a_real_socket(served_api: Api, server: FakeAttendeeServer) -> None:
    conn = served_api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert conn == ZoomOAuthConnection.from_dict(example_json())
    (request,) = server.requests
    assert request.method == "GET"
    assert request.path == f"/api/v1/zoom_oauth_connections/{EXAMPLE_ID}"
    assert request.headers["authorization"] == f"Token {API_KEY}"


def test_added_connection_can_be_fetched(served_api: Api, server: FakeAttendeeServer) -> None:
    added = server.add_connection(state="disconnected", metadata={"tenant_id": "9"})

    conn = served_api.call(lambda c: c.zoom_oauth_connections.get(added["id"]))

    assert conn.to_dict() == added


def test_unknown_id_gets_the_real_404(served_api: Api) -> None:
    with pytest.raises(NotFoundError) as caught:
        served_api.call(lambda c: c.zoom_oauth_connections.get("zoc_doesnotexist0000"))

    assert caught.value.body == {"error": "Zoom OAuth Connection not found"}
    assert caught.value.attempts == 1


def test_wrong_key_gets_the_real_401(make_api: ApiFactory, server: FakeAttendeeServer) -> None:
    api = make_api(base_url=server.base_url, api_key="sk_wrong")

    with pytest.raises(AuthenticationError) as caught:
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert caught.value.body == {"detail": "Invalid or disabled API key"}
    assert caught.value.response.headers["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "Missing Authorization header"),
        (
            {"Authorization": "Bearer x"},
            "Invalid Authorization header. Should have this format: Token <api_key>",
        ),
        ({"Authorization": f"token {API_KEY}"}, None),
    ],
)
def test_fake_checks_the_authorization_header_like_the_server(
    server: FakeAttendeeServer, headers: dict[str, str], detail: str | None
) -> None:
    response = httpx.get(
        f"{server.base_url}/api/v1/zoom_oauth_connections/{EXAMPLE_ID}", headers=headers
    )

    if detail is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 401
        assert response.json() == {"detail": detail}


def test_fake_answers_unknown_routes_and_methods_like_the_server(
    server: FakeAttendeeServer,
) -> None:
    base = server.base_url
    headers = {"Authorization": f"Token {API_KEY}"}

    assert httpx.get(f"{base}/api/v1/other").json() == {"error": "Not found"}
    assert httpx.get(f"{base}/api/v1/zoom_oauth_connections/a%2Fb").status_code == 404
    put = httpx.put(f"{base}/api/v1/zoom_oauth_connections/{EXAMPLE_ID}", headers=headers)
    assert put.status_code == 405
    assert put.json() == {"detail": 'Method "PUT" not allowed.'}
    assert put.headers["Allow"] == "GET, DELETE"


def test_fake_plays_scripted_faults_in_order(served_api: Api, server: FakeAttendeeServer) -> None:
    server.add_fault(Fault.respond(503, {"detail": "busy"}), method="GET")
    server.add_fault(Fault.reset(), method="GET")

    conn = served_api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert conn.id == EXAMPLE_ID
    assert len(server.requests) == 3
    assert len(served_api.sleeps) == 2


def test_fake_can_be_stopped_twice(server: FakeAttendeeServer) -> None:
    server.stop()
    server.stop()
    with pytest.raises(RuntimeError, match="not started"):
        _ = server.base_url


def test_command_line_prints_url_and_key_seeds_and_stops_when_told(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import threading

    from attendee_client.testing.__main__ import main

    stop = threading.Event()
    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(
            main(
                [
                    *("--api-key", "k", "--bots", "2", "--calendars", "1", "--events", "3"),
                    *("--throttle", "100/min"),
                ],
                stop,
            )
        )
    )
    thread.start()
    try:
        for _ in range(100):
            out = capsys.readouterr().out
            if out:
                break
            stop.wait(0.05)
        url, key_line = out.splitlines()[:2]
        assert url.startswith("http://127.0.0.1:")
        assert key_line == "API key: k"
        with AttendeeClient(api_key="k", base_url=url) as client:
            assert len(list(client.bots.list())) == 2
            assert len(list(client.calendar_events.list())) == 3
    finally:
        stop.set()
        thread.join(timeout=10)
    assert result == [0]


def test_command_line_serves_in_the_background_until_sigterm() -> None:
    import signal
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "attendee_client.testing", "--api-key", "k"],
        stdin=subprocess.DEVNULL,  # closed at once, as in CI or with &
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    try:
        url = process.stdout.readline().strip()
        with AttendeeClient(api_key="k", base_url=url) as client:
            assert client.zoom_oauth_connections.get("zoc_abcdef1234567890").state == "connected"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        process.stdout.close()


def test_in_process_transport_serves_both_clients_without_a_socket() -> None:
    fake = FakeAttendeeServer(api_key=API_KEY)
    sync_http = httpx.Client(transport=fake.transport())
    with AttendeeClient(
        api_key=API_KEY, base_url="http://fake.test", http_client=sync_http
    ) as client:
        assert client.zoom_oauth_connections.get(fake.example_connection_id).id == (
            fake.example_connection_id
        )
        with pytest.raises(NotFoundError):
            client.zoom_oauth_connections.get("zoc_missing")

    async def run() -> list[str]:
        async_http = httpx.AsyncClient(transport=fake.transport())
        async with AsyncAttendeeClient(
            api_key=API_KEY, base_url="http://fake.test", http_client=async_http
        ) as client:
            ids = [conn.id async for conn in client.zoom_oauth_connections.list()]
        await async_http.aclose()
        return ids

    assert asyncio.run(run()) == [fake.example_connection_id]
    assert [request.method for request in fake.requests] == ["GET", "GET", "GET"]
    assert "not listening" in repr(fake)


def test_in_process_transport_plays_respond_faults_and_refuses_socket_faults() -> None:
    fake = FakeAttendeeServer(api_key=API_KEY)
    fake.add_fault(Fault.respond(503, {"detail": "busy"}))
    fake.add_fault(Fault.reset())
    http = httpx.Client(transport=fake.transport())
    client = AttendeeClient(
        api_key=API_KEY, base_url="http://fake.test", http_client=http, max_retries=0
    )

    with pytest.raises(InternalServerError):
        client.zoom_oauth_connections.get(fake.example_connection_id)
    with pytest.raises(RuntimeError, match="needs the socket server"):
        client.zoom_oauth_connections.get(fake.example_connection_id)


def test_repr_shows_the_base_url(server: FakeAttendeeServer) -> None:
    assert repr(server) == f"<FakeAttendeeServer {server.base_url}>"


def test_helpers_reject_misspelt_fields_and_accept_datetimes() -> None:
    fake = FakeAttendeeServer(api_key=API_KEY)
    with pytest.raises(TypeError, match="has no field"):
        fake.add_connection(stat="connected")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="has no field"):
        fake.add_authorization_code("code", user="x")  # type: ignore[call-arg]
    moment = datetime(2025, 3, 1, 12, 0, 0, 500000, tzinfo=timezone(timedelta(hours=1)))

    added = fake.add_connection(created_at=moment, last_attempted_sync_at=moment)

    assert added["created_at"] == "2025-03-01T11:00:00.500000Z"
    assert ZoomOAuthConnection.from_dict(added).created_at == moment


def test_a_refusal_raised_by_a_handler_is_answered_by_the_router() -> None:
    from attendee_client.testing._app import FakeRequest, FakeResponse, Refusal, Route

    def deep_check(request: FakeRequest) -> None:
        if request.params["word"] == "no":
            raise Refusal(400, {"word": ["Not this one."]}, {"X-Why": "test"})

    def handler(request: FakeRequest) -> FakeResponse:
        deep_check(request)
        return FakeResponse(200, {"ok": True})

    fake = FakeAttendeeServer(api_key=API_KEY)
    fake.router.add([Route("GET", "/api/v1/check/{word}", handler)])
    http = httpx.Client(transport=fake.transport(), headers={"Authorization": f"Token {API_KEY}"})

    refused = http.get("http://fake.test/api/v1/check/no")
    accepted = http.get("http://fake.test/api/v1/check/yes")

    assert (refused.status_code, refused.json()) == (400, {"word": ["Not this one."]})
    assert refused.headers["X-Why"] == "test"
    assert (accepted.status_code, accepted.json()) == (200, {"ok": True})


def test_behaviour_plugs_into_the_bots_state_change_hook() -> None:
    """Where behaviour that follows a bot's meeting plugs in: a listener on the bots' hook
    (here, a transcript that starts once the bot records) sees every change, and what it
    adds is served as the test's own additions are."""
    fake = FakeAttendeeServer(api_key=API_KEY)
    seen: list[tuple[str, str]] = []

    def on_change(bot: dict[str, Any], old: str, event: str | None, sub_type: str | None) -> None:
        seen.append((old, bot["state"]))
        if bot["state"] == "joined_recording":
            fake._bot_records.add_utterance(bot["id"], "Hello from the hook", {})

    fake._bots.on_state_change.append(on_change)
    bot = fake.add_bot()
    fake.advance_bot(bot["id"], to="joined_recording")
    http = httpx.Client(transport=fake.transport(), headers={"Authorization": f"Token {API_KEY}"})

    transcript = http.get(f"http://fake.test/api/v1/bots/{bot['id']}/transcript").json()

    assert seen == [("joining", "joined_recording")]
    assert [u["transcription"]["transcript"] for u in transcript] == ["Hello from the hook"]


def test_a_route_is_a_handler_in_a_table() -> None:
    from attendee_client.testing._app import FakeResponse, Route

    fake = FakeAttendeeServer(api_key=API_KEY)
    fake.router.add([Route("GET", "/api/v1/echo/{word}", lambda r: FakeResponse(200, r.params))])
    http = httpx.Client(transport=fake.transport())

    answer = http.get(
        "http://fake.test/api/v1/echo/a%20b", headers={"Authorization": f"Token {API_KEY}"}
    )
    wrong_method = http.post(
        "http://fake.test/api/v1/echo/x", headers={"Authorization": f"Token {API_KEY}"}
    )

    assert answer.json() == {"word": "a b"}
    assert wrong_method.status_code == 405
    assert wrong_method.headers["Allow"] == "GET"
