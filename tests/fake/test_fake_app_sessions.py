"""The fake serves app sessions (Zoom RTMS) as the real server does: their 7 operations,
their state machine, their error bodies, the HTML 500s, and their place in ``GET /bots``
(``shared/api/app-sessions.md``)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from attendee_client.testing import AppSessionRecord, FakeAttendeeServer
from tests.fake.conftest import KEY

RTMS = {
    "meeting_uuid": "uuid-1==",
    "rtms_stream_id": "stream-001",
    "server_urls": "wss://rtms.zoom.us",
    "operator_id": "op-1",
}
SERVER_ERROR_PAGE = """
<!doctype html>
<html lang="en">
<head>
  <title>Server Error (500)</title>
</head>
<body>
  <h1>Server Error (500)</h1><p></p>
</body>
</html>
"""


def create(http: httpx.Client, **body: Any) -> httpx.Response:
    return http.post("/app_sessions", json={"zoom_rtms": RTMS, **body})


def end(http: httpx.Client, body: Any) -> httpx.Response:
    return http.post("/app_sessions/end", json=body)


# --- create --------------------------------------------------------------------------------


def test_create_answers_201_with_the_app_session_shape(http: httpx.Client) -> None:
    answer = create(http, metadata={"a": "b"})

    assert answer.status_code == 201
    session = answer.json()
    assert list(session) == [
        "id",
        "metadata",
        "state",
        "events",
        "transcription_state",
        "recording_state",
        "deduplication_key",
        "zoom_rtms_stream_id",
    ]
    assert session["id"].startswith("app_")
    assert len(session["id"]) == 20
    assert session["metadata"] == {"a": "b"}
    assert session["state"] == "connecting"
    assert [e["type"] for e in session["events"]] == ["app_session_connection_requested"]
    assert (session["transcription_state"], session["recording_state"]) == (
        "not_started",
        "not_started",
    )
    assert session["zoom_rtms_stream_id"] == "stream-001"


def test_an_app_session_is_listed_and_served_as_a_bot(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = fake.add_bot()["id"]
    session_id = create(http).json()["id"]

    listed = http.get("/bots").json()["results"]
    one = http.get(f"/bots/{session_id}").json()
    connecting = http.get("/bots", params={"states": "connecting"}).json()["results"]

    assert [b["id"] for b in listed] == [bot_id, session_id]
    assert one["meeting_url"] == "app_session"
    assert one["join_at"] is None
    assert set(one) == set(listed[0])
    assert [b["id"] for b in connecting] == [session_id]


@pytest.mark.parametrize(
    ("body", "answer"),
    [
        ({}, {"zoom_rtms": ["This field is required."]}),
        ({"zoom_rtms": None}, {"zoom_rtms": ["This field may not be null."]}),
        ({"zoom_rtms": "x"}, {"zoom_rtms": ["'x' is not of type 'object'"]}),
        (
            {"zoom_rtms": {"meeting_uuid": "u", "rtms_stream_id": "s"}},
            {"zoom_rtms": ["'server_urls' is a required property"]},
        ),
        (
            {"zoom_rtms": {**RTMS, "extra": 1}},
            {"zoom_rtms": ["Additional properties are not allowed ('extra' was unexpected)"]},
        ),
        ({"zoom_rtms": {**RTMS, "meeting_uuid": 7}}, {"zoom_rtms": ["7 is not of type 'string'"]}),
        ({"zoom_rtms": {**RTMS, "rtms_stream_id": ""}}, {"zoom_rtms": ["'' should be non-empty"]}),
        (
            {"zoom_rtms": RTMS, "metadata": {}},
            {"metadata": ["Metadata must have at least one key"]},
        ),
        (
            {"zoom_rtms": RTMS, "recording_settings": {"format": "avi"}},
            {"recording_settings": {"format": "Format must be mp4 or mp3 or 'none'"}},
        ),
    ],
)
def test_create_refusals(http: httpx.Client, body: Any, answer: Any) -> None:
    response = http.post("/app_sessions", json=body)

    assert response.status_code == 400
    assert response.json() == answer


def test_create_refuses_the_fields_of_a_bot(http: httpx.Client) -> None:
    answer = create(http, meeting_url="https://zoom.us/j/1", bot_name="x")

    message = answer.json()["non_field_errors"][0]
    assert message.startswith("Unexpected field(s): bot_name, meeting_url. Allowed fields are: ")
    assert "zoom_rtms" in message
    assert "join_at" not in message


def test_two_sessions_may_share_a_stream_but_not_a_live_deduplication_key(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    first = create(http, deduplication_key="d-1")
    second = create(http)
    taken = create(http, deduplication_key="d-1")
    bot_taken = http.post(
        "/bots",
        json={"meeting_url": "https://zoom.us/j/1", "bot_name": "b", "deduplication_key": "d-1"},
    )

    assert first.status_code == second.status_code == 201
    assert taken.status_code == 400
    assert taken.json() == {
        "error": "Deduplication key already in use. A app session in a non-terminal state "
        "with this deduplication key already exists. Please use a different deduplication "
        "key or wait for that app session to terminate."
    }
    assert bot_taken.json()["error"].startswith("Deduplication key already in use. A bot")
    fake.advance_bot(first.json()["id"], to="ended")
    assert create(http, deduplication_key="d-1").status_code == 201


def test_create_is_not_throttled() -> None:
    fake = FakeAttendeeServer(api_key=KEY, throttle="1/min", clock=lambda: 0.0)
    with httpx.Client(
        transport=fake.transport(),
        base_url="http://fake.test/api/v1",
        headers={"Authorization": f"Token {KEY}"},
    ) as http:
        answers = [create(http).status_code for _ in range(3)]

    assert answers == [201, 201, 201]


# --- end -----------------------------------------------------------------------------------


def test_end_finds_the_session_by_its_stream_and_disconnects_it(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    session_id = create(http).json()["id"]

    answer = end(http, {"zoom_rtms": {"rtms_stream_id": "stream-001"}})

    assert answer.status_code == 200
    ended = answer.json()
    assert ended["id"] == session_id
    assert ended["state"] == "disconnecting"
    assert ended["events"][-1]["type"] == "app_session_disconnect_requested"


def test_ending_twice_is_refused_by_the_state_machine(http: httpx.Client) -> None:
    create(http)
    end(http, {"zoom_rtms": {"rtms_stream_id": "stream-001"}})

    again = end(http, {"zoom_rtms": {"rtms_stream_id": "stream-001"}})

    assert again.status_code == 400
    assert again.json() == {
        "error": "Event app_session_disconnect_requested not allowed when bot is in state "
        "disconnecting. It is only allowed in these states: connected, connecting"
    }


def test_an_unknown_stream_is_the_servers_404(http: httpx.Client) -> None:
    answer = end(http, {"zoom_rtms": {"rtms_stream_id": "nope"}})

    assert answer.status_code == 404
    assert answer.json() == {"error": "App session not found"}


@pytest.mark.parametrize("body", [{}, {"zoom_rtms": None}, {"zoom_rtms": "x"}, [1], None])
def test_an_end_body_without_zoom_rtms_crashes_the_server_with_its_html_500(
    http: httpx.Client, body: Any
) -> None:
    answer = end(http, body) if body is not None else http.post("/app_sessions/end")

    assert answer.status_code == 500
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert answer.text == SERVER_ERROR_PAGE


def test_a_stream_shared_by_two_sessions_crashes_the_end_with_the_html_500(
    http: httpx.Client,
) -> None:
    create(http)
    create(http)

    answer = end(http, {"zoom_rtms": {"rtms_stream_id": "stream-001"}})

    assert answer.status_code == 500
    assert "<title>Server Error (500)</title>" in answer.text


def test_an_end_without_a_stream_id_looks_among_the_bots_as_the_server_does(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    create(http)
    body: dict[str, Any] = {"zoom_rtms": {}}
    none = end(http, body)
    fake.add_bot()
    one = end(http, body)
    fake.add_bot()
    two = end(http, body)

    assert none.json() == {"error": "App session not found"}
    assert one.status_code == 400
    assert one.json()["error"].startswith(
        "Event app_session_disconnect_requested not allowed when bot is in state joining."
    )
    assert two.status_code == 500
    assert end(http, {"zoom_rtms": {"rtms_stream_id": ["x"]}}).status_code == 500


def test_a_numeric_stream_id_matches_its_text(fake: FakeAttendeeServer, http: httpx.Client) -> None:
    fake.add_app_session(zoom_rtms_stream_id="12345")

    assert end(http, {"zoom_rtms": {"rtms_stream_id": 12345}}).status_code == 200


# --- the state machine, media, transcript, participant events ------------------------------


def test_a_session_goes_through_its_states_to_ended(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    session_id = create(http).json()["id"]

    fake.advance_bot(session_id)  # the stream connects
    connected = http.get(f"/bots/{session_id}").json()
    end(http, {"zoom_rtms": {"rtms_stream_id": "stream-001"}})
    ended = fake.advance_bot(session_id, to="ended")

    assert connected["state"] == "connected"
    assert connected["recording_state"] == "in_progress"
    assert [e["type"] for e in ended["events"]] == [
        "app_session_connection_requested",
        "app_session_connected",
        "app_session_disconnect_requested",
        "app_session_disconnected",
        "post_processing_completed",
    ]
    assert ended["recording_state"] == "complete"


def test_media_is_404_until_the_session_ended_then_a_storage_url(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    session_id = create(http).json()["id"]
    file = fake.set_recording(session_id, 2048, start_timestamp_ms=None)

    before = http.get(f"/app_sessions/{session_id}/media")
    fake.advance_bot(session_id, to="ended")
    after = http.get(f"/app_sessions/{session_id}/media").json()
    with httpx.Client(transport=fake.transport()) as plain:  # no API key to the storage
        download = plain.get(after["url"])

    assert before.status_code == 404
    assert before.json() == {"error": "No media file found for app session"}
    assert after["start_timestamp_ms"] is None
    assert after["url"].startswith(fake.storage_url)
    assert download.content == file.read()


def test_media_of_a_bot_or_an_unknown_id_is_not_an_app_session(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = fake.advance_bot(fake.add_bot()["id"], to="ended")["id"]

    for object_id in (bot_id, "app_nope"):
        answer = http.get(f"/app_sessions/{object_id}/media")
        assert answer.status_code == 404
        assert answer.json() == {"error": "App session not found"}


def test_transcript_and_participant_events_are_the_bot_views(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    session_id = create(http).json()["id"]
    assert http.get(f"/app_sessions/{session_id}/transcript").json() == []
    fake.add_utterance(session_id, "Hello from RTMS")
    fake.add_participant(session_id, "Ada")

    transcript = http.get(f"/app_sessions/{session_id}/transcript").json()
    events = http.get(f"/app_sessions/{session_id}/participant_events").json()
    unknown = http.get("/app_sessions/app_nope/transcript")

    assert [u["transcription"]["transcript"] for u in transcript] == ["Hello from RTMS"]
    assert set(events) == {"next", "previous", "results"}
    assert [e["event_type"] for e in events["results"]] == ["join"]
    assert unknown.status_code == 404
    assert unknown.json() == {"error": "Bot not found"}  # the same view as the bots'


def test_the_routes_answer_405_for_other_methods(http: httpx.Client) -> None:
    assert http.get("/app_sessions").status_code == 405
    assert http.get("/app_sessions/end").json() == {"detail": 'Method "GET" not allowed.'}
    assert http.post("/app_sessions/app_x/media").status_code == 405


# --- helpers -------------------------------------------------------------------------------


def test_seeded_app_sessions_are_typed_and_listed(fake: FakeAttendeeServer) -> None:
    session: AppSessionRecord = fake.add_app_session(metadata={"k": "v"})
    named = fake.add_app_session(zoom_rtms_stream_id="s-2", state="connected")

    assert session["state"] == "connecting"
    assert session["zoom_rtms_stream_id"]
    assert named["state"] == "connected"
    assert fake.app_sessions == [session, named]
    assert [b["meeting_url"] for b in fake.bots] == ["app_session", "app_session"]
    with pytest.raises(TypeError, match="an app session has no field"):
        fake.add_app_session(meeting_url="x")  # type: ignore[call-arg]


def test_bodies_that_are_not_json_objects(http: httpx.Client) -> None:
    not_json = {"Content-Type": "text/plain"}
    assert http.post("/app_sessions", content=b"x", headers=not_json).status_code == 415
    assert http.post("/app_sessions/end", content=b"x", headers=not_json).status_code == 415
    assert http.post("/app_sessions", json=[1]).json() == {
        "non_field_errors": ["Invalid data. Expected a dictionary."]
    }


def test_a_session_cannot_subscribe_one_url_twice(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    hook = {"url": "https://example.com/hook", "triggers": ["bot.state_change"]}

    answer = create(http, webhooks=[hook, hook])

    assert answer.json() == {"error": "URL already subscribed for this bot"}
    assert fake.app_sessions == []
