"""App sessions (Zoom RTMS) and async transcriptions, on both clients, against the server's
documented answers (../shared/api/app-sessions.md, bots.md)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from attendee_client import (
    AppSession,
    AsyncTranscription,
    AsyncTranscriptionState,
    BadRequestError,
    BotState,
    InternalServerError,
    NotFoundError,
    Recording,
    zoom_rtms_from_webhook,
)
from attendee_client.types.settings import ZoomRtms
from tests.conftest import BASE_URL, Api
from tests.sdk.test_bots import unchecked

APP_SESSIONS_URL = f"{BASE_URL}/api/v1/app_sessions"
APP_ID = "app_Bw8Din5wBWfk7PQb"
RTMS: ZoomRtms = {
    "meeting_uuid": "m-uuid==",
    "rtms_stream_id": "stream-001",
    "server_urls": "wss://rtms.zoom.test",
    "operator_id": "op-1",
}
APP_SESSION_JSON: dict[str, Any] = {
    "id": APP_ID,
    "metadata": {"a": "b"},
    "state": "connecting",
    "events": [
        {"type": "app_session_connection_requested", "created_at": "2026-11-30T12:29:58.602686Z"}
    ],
    "transcription_state": "not_started",
    "recording_state": "not_started",
    "deduplication_key": None,
    "zoom_rtms_stream_id": "stream-001",
}
TRANSCRIPTION_JSON: dict[str, Any] = {
    "bot_id": "bot_jrVE3PpEkXWGGOAm",
    "id": "tran_a1b2c3d4e5f6g7h8",
    "created_at": "2026-11-30T12:40:00Z",
    "updated_at": "2026-11-30T12:40:00Z",
    "state": "not_started",
    "failure_data": None,
}
SERVER_ERROR_PAGE = (
    "<!doctype html><html lang='en'><head><title>Server Error (500)</title></head>"
    "<body><h1>Server Error (500)</h1><p></p></body></html>"
)


def test_create_sends_the_stream_and_settings_and_reads_the_session(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post(APP_SESSIONS_URL).respond(201, json=APP_SESSION_JSON)

    session = api.call(
        lambda c: c.app_sessions.create(
            zoom_rtms=RTMS,
            metadata={"a": "b"},
            recording_settings=unchecked(
                {"record_async_transcription_audio_chunks": True, "new_key": 1}
            ),
        )
    )

    assert isinstance(session, AppSession)
    assert session.state is BotState.CONNECTING
    assert session.zoom_rtms_stream_id == "stream-001"
    assert session.to_dict() == APP_SESSION_JSON
    assert json.loads(route.calls[0].request.content) == {
        "zoom_rtms": RTMS,
        "metadata": {"a": "b"},
        "recording_settings": {"record_async_transcription_audio_chunks": True, "new_key": 1},
    }


@pytest.mark.parametrize(
    ("zoom_rtms", "error", "message"),
    [
        ({"meeting_uuid": "m", "rtms_stream_id": "s"}, ValueError, "zoom_rtms needs server_urls"),
        ({**RTMS, "rtms_stream_id": ""}, ValueError, "zoom_rtms.rtms_stream_id"),
        ("stream-001", TypeError, "zoom_rtms must be a mapping"),
    ],
)
def test_create_refuses_a_stream_that_can_never_be_valid_before_sending(
    api: Api, mock: respx.MockRouter, zoom_rtms: Any, error: type[Exception], message: str
) -> None:
    route = mock.route().respond(201, json=APP_SESSION_JSON)
    with pytest.raises(error, match=message):
        api.call(lambda c: c.app_sessions.create(zoom_rtms=zoom_rtms))
    assert route.call_count == 0


def test_create_is_sent_once(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post(APP_SESSIONS_URL).respond(502)
    with pytest.raises(InternalServerError) as caught:
        api.call(lambda c: c.app_sessions.create(zoom_rtms=RTMS))
    assert route.call_count == 1
    assert caught.value.outcome_unknown


def test_end_sends_the_stream_id_and_reads_the_disconnecting_session(
    api: Api, mock: respx.MockRouter
) -> None:
    ending = {**APP_SESSION_JSON, "state": "disconnecting"}
    route = mock.post(f"{APP_SESSIONS_URL}/end").respond(200, json=ending)

    session = api.call(lambda c: c.app_sessions.end(rtms_stream_id="stream-001"))

    assert session.state is BotState.DISCONNECTING
    assert json.loads(route.calls[0].request.content) == {
        "zoom_rtms": {"rtms_stream_id": "stream-001"}
    }


@pytest.mark.parametrize("stream_id", ["", "  "])
def test_end_refuses_an_empty_stream_id_before_sending(
    api: Api, mock: respx.MockRouter, stream_id: str
) -> None:
    route = mock.route().respond(200)
    with pytest.raises(ValueError, match="rtms_stream_id must be a non-empty"):
        api.call(lambda c: c.app_sessions.end(rtms_stream_id=stream_id))
    assert route.call_count == 0


def test_end_of_an_unknown_stream_is_not_found(api: Api, mock: respx.MockRouter) -> None:
    mock.post(f"{APP_SESSIONS_URL}/end").respond(404, json={"error": "App session not found"})
    with pytest.raises(NotFoundError, match="App session not found"):
        api.call(lambda c: c.app_sessions.end(rtms_stream_id="nope"))


def test_the_servers_html_500_for_a_shared_stream_is_a_readable_typed_error(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post(f"{APP_SESSIONS_URL}/end").respond(
        500, text=SERVER_ERROR_PAGE, headers={"Content-Type": "text/html"}
    )

    with pytest.raises(InternalServerError) as caught:
        api.call(lambda c: c.app_sessions.end(rtms_stream_id="stream-001"))

    message = str(caught.value)
    assert "<" not in message
    assert "Server Error (500)" in message
    assert "more than one app session uses that stream id" in message
    assert "(POST /api/v1/app_sessions/end)" in message
    assert caught.value.status_code == 500
    assert route.call_count == 1  # a 500 that will not change is not retried


def test_media_is_a_recording_whose_start_may_be_unknown(api: Api, mock: respx.MockRouter) -> None:
    mock.get(f"{APP_SESSIONS_URL}/{APP_ID}/media").respond(
        200, json={"url": "https://s3.test/a.mp4?sig=1", "start_timestamp_ms": None}
    )

    media = api.call(lambda c: c.app_sessions.media(APP_ID))

    assert media == Recording(url="https://s3.test/a.mp4?sig=1", start_timestamp_ms=None)


def test_media_before_the_file_exists_is_not_found(api: Api, mock: respx.MockRouter) -> None:
    mock.get(f"{APP_SESSIONS_URL}/{APP_ID}/media").respond(
        404, json={"error": "No media found for app session"}
    )
    with pytest.raises(NotFoundError, match="No media found for app session"):
        api.call(lambda c: c.app_sessions.media(APP_ID))


def test_transcript_and_participant_events_read_like_a_bots(
    api: Api, mock: respx.MockRouter
) -> None:
    utterance = {
        "speaker_name": "Alice",
        "speaker_uuid": "1",
        "speaker_user_uuid": None,
        "speaker_is_host": True,
        "timestamp_ms": 1700000000000,
        "duration_ms": 900,
        "transcription": {"transcript": "Hello"},
    }
    transcript = mock.get(f"{APP_SESSIONS_URL}/{APP_ID}/transcript").respond(200, json=[utterance])
    mock.get(f"{APP_SESSIONS_URL}/{APP_ID}/participant_events").respond(
        200, json={"next": None, "previous": None, "results": []}
    )

    utterances = api.call(
        lambda c: c.app_sessions.transcript(APP_ID, async_transcription_id="tran_1")
    )
    events = api.list(lambda c: c.app_sessions.participant_events(APP_ID))

    assert [u.text for u in utterances] == ["Hello"]
    assert transcript.calls[0].request.url.params["async_transcription_id"] == "tran_1"
    assert events == []


@pytest.mark.parametrize(
    ("resource", "owner_id", "prefix"),
    [("bots", "bot_jrVE3PpEkXWGGOAm", "bots"), ("app_sessions", APP_ID, "app_sessions")],
)
def test_create_async_transcription_sends_the_settings_and_reads_it(
    api: Api, mock: respx.MockRouter, resource: str, owner_id: str, prefix: str
) -> None:
    route = mock.post(f"{BASE_URL}/api/v1/{prefix}/{owner_id}/transcript").respond(
        200, json=TRANSCRIPTION_JSON
    )

    transcription = api.call(
        lambda c: getattr(c, resource).create_async_transcription(
            owner_id, transcription_settings={"deepgram": {"language": "en", "new_option": 1}}
        )
    )

    assert isinstance(transcription, AsyncTranscription)
    assert transcription.state is AsyncTranscriptionState.NOT_STARTED
    assert not transcription.state.is_final
    assert transcription.to_dict() == TRANSCRIPTION_JSON
    assert json.loads(route.calls[0].request.content) == {
        "transcription_settings": {"deepgram": {"language": "en", "new_option": 1}}
    }


REFUSALS = [
    "Async transcription is not enabled for your account.",
    "Cannot create async transcription because bot is not in state ended. It is in state joining",
]


@pytest.mark.parametrize("refusal", REFUSALS)
def test_each_refusal_of_an_async_transcription_is_a_bad_request_with_its_reason(
    api: Api, mock: respx.MockRouter, refusal: str
) -> None:
    route = mock.post(f"{BASE_URL}/api/v1/bots/bot_1/transcript").respond(
        400, json={"error": refusal}
    )

    with pytest.raises(BadRequestError) as caught:
        api.call(
            lambda c: c.bots.create_async_transcription(
                "bot_1", transcription_settings={"deepgram": {}}
            )
        )

    assert refusal in str(caught.value)
    assert caught.value.field_errors == {"non_field_errors": [refusal]}
    assert route.call_count == 1


def test_an_async_transcription_needs_a_provider(api: Api, mock: respx.MockRouter) -> None:
    route = mock.route().respond(200)
    with pytest.raises(ValueError, match="transcription_settings must name a provider"):
        api.call(lambda c: c.bots.create_async_transcription("bot_1", transcription_settings={}))
    assert route.call_count == 0


@pytest.mark.parametrize("transcription_id", [None, "tran_1"])
def test_delete_transcript_deletes_the_meetings_or_an_async_ones(
    api: Api, mock: respx.MockRouter, transcription_id: str | None
) -> None:
    route = mock.delete(f"{BASE_URL}/api/v1/bots/bot_1/transcript").respond(200)

    result = api.call(
        lambda c: c.bots.delete_transcript("bot_1", async_transcription_id=transcription_id)
    )

    assert result is None
    params = route.calls[0].request.url.params
    assert params.get("async_transcription_id") == transcription_id


def test_zoom_rtms_is_built_from_zooms_webhook_body() -> None:
    body: dict[str, Any] = {
        "event": "meeting.rtms_started",
        "event_ts": 1732313171881,
        "payload": {**RTMS, "extra": "ignored"},
    }

    assert zoom_rtms_from_webhook(body) == RTMS
    assert zoom_rtms_from_webhook(body["payload"]) == RTMS  # the payload alone works too
    without_operator = {key: value for key, value in RTMS.items() if key != "operator_id"}
    assert zoom_rtms_from_webhook(without_operator) == without_operator


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"event": "meeting.rtms_stopped", "payload": RTMS}, "expected a meeting.rtms_started"),
        ({"event": "meeting.rtms_started", "payload": {"meeting_uuid": "m"}}, "no rtms_stream_id"),
        ({"payload": "x"}, "payload is not an object"),
    ],
)
def test_zoom_rtms_from_another_body_is_refused(body: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        zoom_rtms_from_webhook(body)


def test_an_app_session_is_listed_with_the_bots_and_its_state_can_be_filtered(
    api: Api, mock: respx.MockRouter
) -> None:
    listed = {
        **APP_SESSION_JSON,
        "meeting_url": "app_session",
        "join_at": None,
    }
    listed.pop("zoom_rtms_stream_id")
    route = mock.get(f"{BASE_URL}/api/v1/bots").mock(
        return_value=httpx.Response(200, json={"next": None, "previous": None, "results": [listed]})
    )

    bots = api.list(lambda c: c.bots.list(states=["connecting"]))

    assert [bot.id for bot in bots] == [APP_ID]
    assert route.calls[0].request.url.params.get_list("states") == ["connecting"]
