"""The fake serves async (post-meeting) transcriptions with their state machine and the
real server's refusals, and checks a create's settings objects as the server does: keys its
schema has pass through, others are refused (``shared/api/bots.md``)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from attendee_client.testing import AsyncTranscriptionRecord, FakeAttendeeServer

BOT = {"meeting_url": "https://zoom.us/j/123456789", "bot_name": "Notetaker"}
ASYNC_AUDIO = {"recording_settings": {"record_async_transcription_audio_chunks": True}}
DEEPGRAM = {"transcription_settings": {"deepgram": {"language": "en"}}}


def ended_bot(fake: FakeAttendeeServer, http: httpx.Client, **settings: Any) -> str:
    created = http.post("/bots", json={**BOT, **settings})
    assert created.status_code == 201, created.text
    bot_id: str = created.json()["id"]
    fake.advance_bot(bot_id, to="ended")
    return bot_id


def transcribe(http: httpx.Client, bot_id: str, body: Any = DEEPGRAM) -> httpx.Response:
    return http.post(f"/bots/{bot_id}/transcript", json=body)


# --- settings pass through -----------------------------------------------------------------


def test_keys_the_schema_has_pass_through(http: httpx.Client) -> None:
    body = {
        **BOT,
        "recording_settings": {
            "record_async_transcription_audio_chunks": True,
            "record_participant_speech_start_stop_events": True,
            "format": "mp3",
        },
        "transcription_settings": {"deepgram": {"language": "en", "anything": 1}},
        "automatic_leave_settings": {"silence_timeout_seconds": 60},
        "webhooks": [{"url": "https://example.com/hook", "triggers": ["bot.state_change"]}],
        "zoom_settings": {"sdk": "web", "meeting_settings": {"inner_keys_are_not_checked": 1}},
    }

    assert http.post("/bots", json=body).status_code == 201


@pytest.mark.parametrize(
    ("settings", "answer"),
    [
        (
            {"transcription_settings": {"foo": {}}},
            {
                "transcription_settings": [
                    "Additional properties are not allowed ('foo' was unexpected)"
                ]
            },
        ),
        (
            {"recording_settings": {"fromat": "mp4", "x": 1}},
            {
                "recording_settings": [
                    "Additional properties are not allowed ('fromat', 'x' were unexpected)"
                ]
            },
        ),
        (
            {"recording_settings": {"record_async_transcription_audio_chunks": "yes"}},
            {"recording_settings": ["'yes' is not of type 'boolean'"]},
        ),
        (
            {"recording_settings": {"resolution": "4k"}},
            {"recording_settings": ["'4k' is not one of ['1080p', '720p']"]},
        ),
        (
            {"transcription_settings": [1]},
            {"transcription_settings": ["[1] is not of type 'object'"]},
        ),
        (
            {"voice_agent_settings": {"url": 5}},
            {"voice_agent_settings": ["5 is not of type 'string'"]},
        ),
        (
            {"google_meet_settings": {"login_mode": "sometimes"}},
            {"google_meet_settings": ["'sometimes' is not one of ['always', 'only_if_required']"]},
        ),
        (
            {"zoom_settings": {"sdk": "web", "nope": 1}},
            {"zoom_settings": ["Additional properties are not allowed ('nope' was unexpected)"]},
        ),
        (
            {"external_media_storage_settings": {"recording_file_name": "x"}},
            {"external_media_storage_settings": ["'bucket_name' is a required property"]},
        ),
        (
            {"automatic_leave_settings": {"silence_timeout_seconds": 1, "nope": 1}},
            {"automatic_leave_settings": ["Unexpected attribute: nope"]},
        ),
        (
            {"webhooks": [{"url": "http://a.example", "triggers": ["bot.state_change"]}]},
            {"webhooks": ["'http://a.example' does not match '^https://.*'"]},
        ),
        (
            {"webhooks": [{"url": "https://a.example", "triggers": ["bot.nope"]}]},
            {
                "webhooks": [
                    "'bot.nope' is not one of ['bot.state_change', 'transcript.update', "
                    "'chat_messages.update', 'participant_events.join_leave', "
                    "'calendar.events_update', 'calendar.state_change', "
                    "'async_transcription.state_change', 'zoom_oauth_connection.state_change', "
                    "'bot_logs.update', 'participant_events.speech_start_stop']"
                ]
            },
        ),
        ({"webhooks": {"url": "x"}}, {"webhooks": ["{'url': 'x'} is not of type 'array'"]}),
        (
            {"webhooks": [{"url": "https://a.example"}]},
            {"webhooks": ["'triggers' is a required property"]},
        ),
        (
            {"webhooks": [{"url": "https://a.example", "triggers": []}]},
            {"webhooks": ["[] should be non-empty"]},
        ),
    ],
)
def test_keys_the_schema_lacks_are_refused_with_the_servers_message(
    http: httpx.Client, settings: dict[str, Any], answer: Any
) -> None:
    response = http.post("/bots", json={**BOT, **settings})

    assert response.status_code == 400
    assert response.json() == answer


def test_a_nullable_setting_may_be_null(http: httpx.Client) -> None:
    body = {**BOT, "google_meet_settings": {"login_group_name": None, "use_login": True}}

    assert http.post("/bots", json=body).status_code == 201


@pytest.mark.parametrize(
    ("webhooks", "message"),
    [
        (["https://a.example", "https://a.example"], "URL already subscribed for this bot"),
        (
            ["https://a.example", "https://b.example", "https://c.example"],
            "You have reached the maximum number of webhooks for a single bot",
        ),
    ],
)
def test_webhooks_a_bot_cannot_subscribe(
    fake: FakeAttendeeServer, http: httpx.Client, webhooks: list[str], message: str
) -> None:
    body = {**BOT, "webhooks": [{"url": u, "triggers": ["bot.state_change"]} for u in webhooks]}

    response = http.post("/bots", json=body)

    assert response.status_code == 400
    assert response.json() == {"error": message}
    assert fake.bots == []


# --- async transcription -------------------------------------------------------------------


def test_an_ended_bot_with_async_audio_gets_an_async_transcription(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = ended_bot(fake, http, **ASYNC_AUDIO)

    answer = transcribe(http, bot_id)

    assert answer.status_code == 200
    created = answer.json()
    assert list(created) == ["bot_id", "id", "created_at", "updated_at", "state", "failure_data"]
    assert created["bot_id"] == bot_id
    assert created["id"].startswith("tran_")
    assert (created["state"], created["failure_data"]) == ("not_started", None)
    assert fake.async_transcriptions(bot_id) == [created]


def test_its_transcript_is_400_until_complete_then_its_own_utterances(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = ended_bot(fake, http, **ASYNC_AUDIO)
    fake.add_utterance(bot_id, "real-time")
    transcription_id = transcribe(http, bot_id).json()["id"]
    fake.add_async_utterance(transcription_id, "post-meeting", speaker_name="Ada")
    url = f"/bots/{bot_id}/transcript"

    fake.advance_async_transcription(transcription_id, "in_progress")
    early = http.get(url, params={"async_transcription_id": transcription_id})
    done: AsyncTranscriptionRecord = fake.advance_async_transcription(transcription_id)
    late = http.get(url, params={"async_transcription_id": transcription_id})

    assert early.status_code == 400
    assert early.json() == {
        "error": f"Async transcription {transcription_id} is not complete. It is in state "
        "in_progress"
    }
    assert done["state"] == "complete"
    assert [u["transcription"]["transcript"] for u in late.json()] == ["post-meeting"]
    assert [u["transcription"]["transcript"] for u in http.get(url).json()] == ["real-time"]


def test_the_state_machine_refuses_what_the_server_never_does(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = ended_bot(fake, http, **ASYNC_AUDIO)
    complete = transcribe(http, bot_id).json()["id"]
    fake.advance_async_transcription(complete)
    failed = fake.advance_async_transcription(transcribe(http, bot_id).json()["id"], "failed")
    custom = fake.advance_async_transcription(
        transcribe(http, bot_id).json()["id"], "failed", failure_data={"failure_reasons": []}
    )

    assert failed["failure_data"] == {"failure_reasons": ["internal_error"]}
    assert custom["failure_data"] == {"failure_reasons": []}
    with pytest.raises(ValueError, match="in state complete cannot become failed"):
        fake.advance_async_transcription(complete, "failed")
    with pytest.raises(ValueError, match="cannot become not_started"):
        fake.advance_async_transcription(failed["id"], "not_started")
    with pytest.raises(KeyError, match="tran_nope"):
        fake.advance_async_transcription("tran_nope")


def test_state_changes_send_the_async_transcription_webhook(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = ended_bot(fake, http, **ASYNC_AUDIO)
    transcription_id = transcribe(http, bot_id).json()["id"]
    sent: list[tuple[str, Any, Any]] = []
    fake._webhooks.emit = lambda trigger, envelope, data: sent.append((trigger, envelope, data))  # type: ignore[method-assign]

    fake.advance_async_transcription(transcription_id)

    assert [(t, e["bot_id"], d["state"]) for t, e, d in sent] == [
        ("async_transcription.state_change", bot_id, "in_progress"),
        ("async_transcription.state_change", bot_id, "complete"),
    ]
    assert set(sent[-1][2]) == {"state", "id", "failure_data"}


@pytest.mark.parametrize(
    ("settings", "state", "message"),
    [
        (
            {},
            "ended",
            "Cannot generate async transcription because you did not enable "
            "recording_settings.record_async_transcription_audio_chunks when you created the bot.",
        ),
        (
            ASYNC_AUDIO,
            "joining",
            "Cannot create async transcription because bot is not in "
            "state ended. It is in state joining",
        ),
    ],
)
def test_create_refusals_in_the_servers_order(
    fake: FakeAttendeeServer, http: httpx.Client, settings: Any, state: str, message: str
) -> None:
    bot_id = http.post("/bots", json={**BOT, **settings}).json()["id"]
    if state == "ended":
        fake.advance_bot(bot_id, to="ended")

    answer = transcribe(http, bot_id, {})  # the body is read last

    assert answer.status_code == 400
    assert answer.json() == {"error": message}


def test_an_account_without_async_transcription_is_refused_first(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = http.post("/bots", json=BOT).json()["id"]
    fake.async_transcription_enabled = False

    answer = transcribe(http, bot_id)

    assert fake.async_transcription_enabled is False
    assert answer.json() == {"error": "Async transcription is not enabled for your account."}
    assert transcribe(http, "bot_nope").json() == {"error": "Bot not found"}


def test_at_most_four_per_bot(fake: FakeAttendeeServer, http: httpx.Client) -> None:
    bot_id = ended_bot(fake, http, **ASYNC_AUDIO)
    statuses = [transcribe(http, bot_id).status_code for _ in range(4)]

    fifth = transcribe(http, bot_id)

    assert statuses == [200] * 4
    assert fifth.json() == {"error": "You cannot have more than 4 async transcriptions per bot."}


@pytest.mark.parametrize(
    ("body", "answer"),
    [
        ({}, ["This field may not be null."]),
        (
            {"transcription_settings": {"nope": {}}},
            ["Additional properties are not allowed ('nope' was unexpected)"],
        ),
        (
            {"transcription_settings": {"meeting_closed_captions": {}}},
            {
                "transcription_settings": "Meeting closed captions are not available for "
                "async transcription."
            },
        ),
        (
            {"transcription_settings": {"deepgram": {"callback": "https://x"}}},
            {
                "transcription_settings": "Deepgram callback is not available for async "
                "transcription."
            },
        ),
        (
            {"transcription_settings": {"custom_async": {}}},
            {
                "transcription_settings": "CUSTOM_ASYNC_TRANSCRIPTION_URL environment variable "
                "is not set. Please set the CUSTOM_ASYNC_TRANSCRIPTION_URL environment variable "
                "to the URL of your custom async transcription service."
            },
        ),
        (
            {"transcription_settings": {}},
            {"transcription_settings": "Please specify a transcription provider."},
        ),
    ],
)
def test_settings_refusals(
    fake: FakeAttendeeServer, http: httpx.Client, body: Any, answer: Any
) -> None:
    bot_id = ended_bot(fake, http, **ASYNC_AUDIO)

    response = transcribe(http, bot_id, body)

    assert response.status_code == 400
    assert response.json() == {"transcription_settings": answer}


def test_an_unknown_or_foreign_transcription_is_404(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    mine = ended_bot(fake, http, **ASYNC_AUDIO)
    other = ended_bot(fake, http, **ASYNC_AUDIO)
    foreign = transcribe(http, other).json()["id"]

    for wanted in ("tran_nope", foreign):
        for method in ("GET", "DELETE"):
            answer = http.request(
                method, f"/bots/{mine}/transcript", params={"async_transcription_id": wanted}
            )
            assert answer.status_code == 404
            assert answer.json() == {"error": "Async Transcription not found"}


def test_delete_empties_the_real_time_or_an_async_transcript(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = ended_bot(fake, http, **ASYNC_AUDIO)
    fake.add_utterance(bot_id, "real-time")
    transcription_id = transcribe(http, bot_id).json()["id"]
    fake.add_async_utterance(transcription_id, "post-meeting")
    fake.advance_async_transcription(transcription_id)
    url = f"/bots/{bot_id}/transcript"
    query = {"async_transcription_id": transcription_id}

    deleted_async = http.delete(url, params=query)
    deleted = http.delete(url)

    assert deleted_async.status_code == deleted.status_code == 200
    assert deleted.content == b""
    assert http.get(url, params=query).json() == []
    assert http.get(url).json() == []


def test_app_sessions_have_async_transcriptions_too(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    rtms = {"meeting_uuid": "u", "rtms_stream_id": "s", "server_urls": "wss://x"}
    session_id = http.post("/app_sessions", json={"zoom_rtms": rtms, **ASYNC_AUDIO}).json()["id"]
    fake.advance_bot(session_id, to="ended")

    created = http.post(f"/app_sessions/{session_id}/transcript", json=DEEPGRAM)

    assert created.status_code == 200
    assert created.json()["bot_id"] == session_id
    assert http.delete(f"/app_sessions/{session_id}/transcript").status_code == 200


def test_unknown_bots_and_bodies_that_are_not_json(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = ended_bot(fake, http, **ASYNC_AUDIO)

    not_json = http.post(
        f"/bots/{bot_id}/transcript", content=b"x", headers={"Content-Type": "text/plain"}
    )

    assert not_json.status_code == 415
    assert http.delete("/bots/bot_nope/transcript").json() == {"error": "Bot not found"}
    assert http.get("/bots/bot_nope/transcript").status_code == 404
