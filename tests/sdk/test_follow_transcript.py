"""``bots.follow_transcript`` on both clients: utterances as they appear, each once, until
the bot ends; polite polling (backoff, ``Retry-After``); ``updated_after`` from the
utterances themselves, never the client's clock. Sleeps are injected (``api.sleeps``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
import respx

from attendee_client import RateLimitError, RawResponse
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import Api, ApiFactory
from tests.sdk.test_bots import BOT_ID, BOT_JSON, BOTS_URL

BOT_URL = f"{BOTS_URL}/{BOT_ID}"
TRANSCRIPT_URL = f"{BOT_URL}/transcript"


def utterance(start_ms: int, text: str, speaker: str = "16778240") -> dict[str, Any]:
    return {
        "speaker_name": "Alice",
        "speaker_uuid": speaker,
        "speaker_user_uuid": None,
        "speaker_is_host": True,
        "timestamp_ms": start_ms,
        "duration_ms": 1000,
        "transcription": {"transcript": text},
    }


def bots(*states: str) -> Iterator[httpx.Response]:
    for state in states:
        yield httpx.Response(200, json={**BOT_JSON, "state": state})


def transcripts(*answers: list[dict[str, Any]] | httpx.Response) -> Iterator[httpx.Response]:
    for answer in answers:
        yield answer if isinstance(answer, httpx.Response) else httpx.Response(200, json=answer)


U1 = utterance(1_765_000_000_000, "Hello")
U2 = utterance(1_765_000_004_000, "How are you?", speaker="2")
U3 = utterance(1_765_000_009_000, "Fine, thanks")


def test_yields_each_utterance_once_as_it_appears_until_the_bot_ends(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.get(BOT_URL).mock(side_effect=bots("joined_recording", "joined_recording", "ended"))
    route = mock.get(TRANSCRIPT_URL).mock(side_effect=transcripts([U1], [U1, U2], [U2, U3]))

    texts = [u.text for u in api.list(lambda c: c.bots.follow_transcript(BOT_ID))]

    assert texts == ["Hello", "How are you?", "Fine, thanks"]
    assert route.call_count == 3


def test_updated_after_starts_an_overlap_before_the_latest_utterance_seen(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.get(BOT_URL).mock(side_effect=bots("joined_recording", "joined_recording", "ended"))
    route = mock.get(TRANSCRIPT_URL).mock(side_effect=transcripts([U1, U2], [], []))

    api.list(lambda c: c.bots.follow_transcript(BOT_ID))

    sent = [call.request.url.params.get("updated_after") for call in route.calls]
    assert sent[0] is None
    latest = datetime.fromtimestamp(U2["timestamp_ms"] / 1000, tz=timezone.utc)
    for value in sent[1:]:
        assert value is not None
        bound = datetime.fromisoformat(value.replace("Z", "+00:00"))
        assert bound == latest - timedelta(seconds=30)


def test_looks_again_soon_while_speech_comes_and_backs_off_in_silence(
    api: Api, mock: respx.MockRouter
) -> None:
    states = ["joined_recording"] * 6 + ["ended"]
    mock.get(BOT_URL).mock(side_effect=bots(*states))
    mock.get(TRANSCRIPT_URL).mock(side_effect=transcripts([U1], [], [], [], [], [U2], []))

    api.list(lambda c: c.bots.follow_transcript(BOT_ID))

    assert len(api.sleeps) == 6
    assert 0.8 <= api.sleeps[0] <= 1.0  # speech came: 1 s (jittered)
    assert api.sleeps[1] < api.sleeps[2] < api.sleeps[3] < api.sleeps[4]  # quiet: doubling
    assert api.sleeps[4] <= 15.0
    assert 0.8 <= api.sleeps[5] <= 1.0  # speech again: soon again


def test_a_poll_interval_is_kept(api: Api, mock: respx.MockRouter) -> None:
    mock.get(BOT_URL).mock(side_effect=bots("joined_recording", "joined_recording", "ended"))
    mock.get(TRANSCRIPT_URL).mock(side_effect=transcripts([], [U1], []))

    api.list(lambda c: c.bots.follow_transcript(BOT_ID, poll_interval=2.5))

    assert api.sleeps == [2.5, 2.5]


def test_a_429_waits_as_long_as_retry_after_asks(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    api = make_api(max_retries=0)
    mock.get(BOT_URL).mock(side_effect=bots("joined_recording", "joined_recording", "ended"))
    throttled = httpx.Response(
        429, json={"detail": "Request was throttled."}, headers={"Retry-After": "42"}
    )
    mock.get(TRANSCRIPT_URL).mock(side_effect=transcripts([U1], throttled, [U1, U2]))

    texts = [u.text for u in api.list(lambda c: c.bots.follow_transcript(BOT_ID))]

    assert texts == ["Hello", "How are you?"]
    assert api.sleeps[1] == 42


def test_a_429_on_the_first_look_is_waited_out_too(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    api = make_api(max_retries=0)
    throttled = httpx.Response(429, json={"detail": "x"}, headers={"Retry-After": "5"})
    mock.get(BOT_URL).mock(side_effect=[throttled, *bots("ended")])
    mock.get(TRANSCRIPT_URL).mock(side_effect=transcripts([U1]))

    texts = [u.text for u in api.list(lambda c: c.bots.follow_transcript(BOT_ID))]

    assert texts == ["Hello"]
    assert api.sleeps == [5]


def test_under_with_raw_response_a_429_on_the_first_look_is_raised(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    api = make_api(max_retries=0)
    mock.get(BOT_URL).respond(429, json={"detail": "x"}, headers={"Retry-After": "5"})

    with pytest.raises(RateLimitError):
        api.call(lambda c: c.with_raw_response.bots.follow_transcript(BOT_ID))


def test_a_transcript_not_there_yet_counts_as_empty(api: Api, mock: respx.MockRouter) -> None:
    mock.get(BOT_URL).mock(side_effect=bots("joining", "ended"))
    missing = httpx.Response(404, json={"error": "No recording found for bot"})
    mock.get(TRANSCRIPT_URL).mock(side_effect=transcripts(missing, [U1]))

    assert [u.text for u in api.list(lambda c: c.bots.follow_transcript(BOT_ID))] == ["Hello"]


def test_under_with_raw_response_the_first_look_is_returned_and_the_walk_starts_there(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.get(BOT_URL).mock(side_effect=bots("ended"))
    route = mock.get(TRANSCRIPT_URL).mock(side_effect=transcripts([U1, U2]))

    raw = api.call(lambda c: c.with_raw_response.bots.follow_transcript(BOT_ID))

    assert isinstance(raw, RawResponse)
    assert raw.http_response.request.url.path.endswith("/transcript")
    assert [u.text for u in api.list(lambda c: raw.parse())] == ["Hello", "How are you?"]
    assert route.call_count == 1


def test_a_bad_poll_interval_is_refused_before_anything_is_sent(api: Api) -> None:
    with pytest.raises(ValueError, match="poll_interval"):
        api.list(lambda c: c.bots.follow_transcript(BOT_ID, poll_interval=0))


def test_the_fake_serves_a_followed_transcript(fake_api: Api, fake: FakeAttendeeServer) -> None:
    bot = fake_api.call(
        lambda c: c.bots.create(meeting_url="https://meet.google.com/abc-defg-hij", bot_name="A")
    )
    fake.advance_bot(bot.id, to="joined_recording")
    fake.add_utterance(bot.id, "First words")
    fake.add_utterance(bot.id, "And more", speaker_name="Bob")
    fake.advance_bot(bot.id, to="ended")

    texts = [u.text for u in fake_api.list(lambda c: c.bots.follow_transcript(bot.id))]

    assert texts == ["First words", "And more"]


def test_a_followed_transcript_over_sockets_on_every_transport(
    make_api: ApiFactory, server: FakeAttendeeServer
) -> None:
    # Over a real socket, so it also runs on the aiohttp transport (tests/conftest.py).
    api = make_api(base_url=server.base_url)
    bot = api.call(
        lambda c: c.bots.create(meeting_url="https://meet.google.com/abc-defg-hij", bot_name="A")
    )
    server.advance_bot(bot.id, to="joined_recording")
    server.add_utterance(bot.id, "First words")
    server.add_utterance(bot.id, "And more", speaker_name="Bob")
    server.advance_bot(bot.id, to="ended")

    texts = [u.text for u in api.list(lambda c: c.bots.follow_transcript(bot.id))]

    assert texts == ["First words", "And more"]
