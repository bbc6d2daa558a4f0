"""The fake bot: a bot of ``FakeAttendeeServer`` with ``websocket_settings`` dials the
receiver when it reaches ``joined_recording``, streams synthetic media, plays back what the
receiver sends as the server does, and reconnects after a drop."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator

import httpx
import pytest

from attendee_client import AttendeeClient, BadRequestError, realtime
from attendee_client.realtime import (
    AudioChunk,
    Frame,
    ParticipantAudioChunk,
    RealtimeSession,
    VideoFrame,
)
from attendee_client.testing import FakeAttendeeServer
from attendee_client.testing._realtime import _Output
from attendee_client.types.settings import WebsocketSettings
from tests.realtime.support import tone

MEET = "https://meet.google.com/abc-defg-hij"


@pytest.fixture
def fake() -> Iterator[FakeAttendeeServer]:
    server = FakeAttendeeServer(api_key="k")
    yield server
    server.realtime.stop()


@pytest.fixture
def client(fake: FakeAttendeeServer) -> Iterator[AttendeeClient]:
    http = httpx.Client(transport=fake.transport())
    with AttendeeClient(api_key="k", base_url="http://fake.test", http_client=http) as client:
        yield client
    http.close()


def settings(url: str) -> WebsocketSettings:
    return {
        "audio": {"url": url, "sample_rate": 24000},
        "per_participant_audio": {"url": url, "sample_rate": 8000},
        "per_participant_video": {"url": url, "webcam_resolution": "360p"},
    }


async def test_the_fake_bot_streams_every_purpose_on_one_connection(
    fake: FakeAttendeeServer, client: AttendeeClient
) -> None:
    seen: list[Frame] = []
    enough = asyncio.Event()
    sessions: list[RealtimeSession] = []

    async def handler(session: RealtimeSession) -> None:
        sessions.append(session)
        async for frame in session:
            seen.append(frame)
            if any(isinstance(f, VideoFrame) for f in seen) and len(seen) > 20:
                enough.set()

    async with realtime.serve(handler) as server:
        bot = client.bots.create(
            meeting_url=MEET, bot_name="A", websocket_settings=settings(server.url)
        )
        fake.add_participant(bot.id, "Bob")
        fake.advance_bot(bot.id, to="joined_recording")
        await asyncio.wait_for(enough.wait(), 10)
        fake.advance_bot(bot.id, to="ended")
    assert len(sessions) == 1
    assert fake.realtime.connections(bot.id) == 1
    mixed = [f for f in seen if isinstance(f, AudioChunk)]
    assert mixed[0].sample_rate == 24000
    assert mixed[0].duration == pytest.approx(0.02)
    participant = [f for f in seen if isinstance(f, ParticipantAudioChunk)]
    assert participant[0].sample_rate == 8000
    assert {f.participant_uuid for f in participant} == {"16778240"}
    video = [f for f in seen if isinstance(f, VideoFrame)]
    assert video[0].image.startswith(b"\xff\xd8")
    assert video[0].source == realtime.VideoSource.WEBCAM
    assert {f.bot_id for f in seen} == {bot.id}


async def test_what_the_receiver_sends_is_what_the_fake_bot_plays(
    fake: FakeAttendeeServer, client: AttendeeClient
) -> None:
    clip = tone(0.25)

    async def handler(session: RealtimeSession) -> None:
        session.send_audio(clip, 16000)
        async for _ in session:
            pass

    async with realtime.serve(handler) as server:
        url = server.url
        bot = client.bots.create(
            meeting_url=MEET, bot_name="A", websocket_settings={"audio": {"url": url}}
        )
        fake.advance_bot(bot.id, to="joined_recording")
        played = await asyncio.to_thread(fake.realtime.wait_for_output, bot.id, 9600)
        fake.advance_bot(bot.id, to="ended")
    # Three whole 100 ms pieces: the partial last one was padded, so nothing was dropped.
    assert played == clip + bytes(9600 - len(clip))
    assert fake.realtime_output(bot.id) == played


async def test_after_a_drop_the_fake_bot_reconnects_as_a_new_session(
    fake: FakeAttendeeServer, client: AttendeeClient
) -> None:
    sessions: list[str] = []
    second = asyncio.Event()

    async def handler(session: RealtimeSession) -> None:
        sessions.append(session.bot_id)
        if len(sessions) == 2:
            second.set()
        async for _ in session:
            pass

    fake.realtime.drop_connection_after(5)
    async with realtime.serve(handler) as server:
        bot = client.bots.create(
            meeting_url=MEET, bot_name="A", websocket_settings={"audio": {"url": server.url}}
        )
        fake.advance_bot(bot.id, to="joined_recording")
        await asyncio.wait_for(second.wait(), 10)
        fake.advance_bot(bot.id, to="ended")
    assert sessions == [bot.id, bot.id]
    assert fake.realtime.connections(bot.id) == 2


async def test_one_connection_per_distinct_url_and_none_after_the_bot_leaves(
    fake: FakeAttendeeServer, client: AttendeeClient
) -> None:
    paths: list[str] = []
    ended: list[str] = []
    both = asyncio.Event()
    done = asyncio.Event()

    async def handler(session: RealtimeSession) -> None:
        paths.append(session.path)
        if len(paths) == 2:
            both.set()
        async for _ in session:
            pass
        ended.append(session.path)
        if len(ended) == 2:
            done.set()

    async with realtime.serve(handler) as server:
        audio, video = server.url + "audio", server.url + "video"
        bot = client.bots.create(
            meeting_url=MEET,
            bot_name="A",
            websocket_settings={
                "audio": {"url": audio},
                "per_participant_audio": {"url": audio},
                "per_participant_video": {"url": video},
            },
        )
        fake.advance_bot(bot.id, to="joined_recording")
        await asyncio.wait_for(both.wait(), 10)
        fake.advance_bot(bot.id, to="ended")
        await asyncio.wait_for(done.wait(), 10)  # the bot left: both connections closed
    assert sorted(paths) == ["/audio", "/video"]


@pytest.mark.parametrize("url", ["ws://agent.example.com/a", "ws://10.0.0.5/a", "https://x/a"])
def test_the_fake_refuses_a_url_the_server_would_and_ws_off_loopback(
    client: AttendeeClient, url: str
) -> None:
    if url.startswith("https"):
        with pytest.raises(ValueError, match=r"must start with wss:// or ws://$"):
            client.bots.create(
                meeting_url=MEET, bot_name="A", websocket_settings={"audio": {"url": url}}
            )
        return
    with pytest.raises(BadRequestError) as refused:
        client.bots.create(
            meeting_url=MEET, bot_name="A", websocket_settings={"audio": {"url": url}}
        )
    assert "URL must start with wss://" in str(refused.value)


@pytest.mark.parametrize(
    "url", ["ws://127.0.0.1:9/a", "ws://localhost:9/a", "ws://[::1]:9/a", "wss://a.example/b"]
)
def test_the_sdk_sends_ws_urls_and_the_fake_takes_loopback_and_wss(
    client: AttendeeClient, fake: FakeAttendeeServer, url: str
) -> None:
    bot = client.bots.create(
        meeting_url=MEET, bot_name="A", websocket_settings={"audio": {"url": url}}
    )
    assert bot.id
    assert json.loads(fake.requests[-1].body)["websocket_settings"]["audio"]["url"] == url


def test_the_fake_refuses_video_with_neither_webcam_nor_screenshare(client: AttendeeClient) -> None:
    with pytest.raises(BadRequestError, match="At least one of webcam_resolution"):
        client.bots.create(
            meeting_url=MEET,
            bot_name="A",
            websocket_settings={
                "per_participant_video": {
                    "url": "wss://a.example/v",
                    "webcam_resolution": "none",
                    "screenshare_resolution": "none",
                }
            },
        )


async def test_pause_keeps_the_connection_and_resume_streams_on_it(
    fake: FakeAttendeeServer, client: AttendeeClient
) -> None:
    # The server keeps its websocket clients while paused (the adapter drops media): a
    # resume must not dial a second connection to the same URL.
    seen: list[Frame] = []
    sessions: list[RealtimeSession] = []
    wanted = asyncio.Event()
    target = [10]

    async def handler(session: RealtimeSession) -> None:
        sessions.append(session)
        async for frame in session:
            seen.append(frame)
            if len(seen) >= target[0]:
                wanted.set()

    async with realtime.serve(handler) as server:
        bot = client.bots.create(
            meeting_url=MEET, bot_name="A", websocket_settings={"audio": {"url": server.url}}
        )
        fake.advance_bot(bot.id, to="joined_recording")
        await asyncio.wait_for(wanted.wait(), 10)
        client.bots.pause_recording(bot.id)
        client.bots.resume_recording(bot.id)
        wanted.clear()
        target[0] = len(seen) + 25  # half a second streamed after the resume
        await asyncio.wait_for(wanted.wait(), 10)
        fake.advance_bot(bot.id, to="ended")
    assert fake.realtime.connections(bot.id) == 1
    assert len(sessions) == 1


async def test_the_fake_bot_sends_no_media_while_paused(
    fake: FakeAttendeeServer, client: AttendeeClient
) -> None:
    seen: list[Frame] = []
    first = asyncio.Event()

    async def handler(session: RealtimeSession) -> None:
        async for frame in session:
            seen.append(frame)
            first.set()

    async with realtime.serve(handler) as server:
        bot = client.bots.create(
            meeting_url=MEET, bot_name="A", websocket_settings={"audio": {"url": server.url}}
        )
        fake.advance_bot(bot.id, to="joined_recording")
        await asyncio.wait_for(first.wait(), 10)
        client.bots.pause_recording(bot.id)
        (dialler,) = fake.realtime._diallers[bot.id]
        # What one tick of a paused bot sends: nothing (the server's adapter drops media).
        assert dialler._frames(0) == []
        client.bots.resume_recording(bot.id)
        assert len(dialler._frames(0)) == 1
        fake.advance_bot(bot.id, to="ended")


def test_the_fake_bot_gives_up_after_30_refused_dials(
    fake: FakeAttendeeServer, client: AttendeeClient
) -> None:
    with socket.socket() as listener:  # a loopback port that refuses: bound, then closed
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
    fake.realtime.retry_seconds = 0.0
    bot = client.bots.create(
        meeting_url=MEET,
        bot_name="A",
        websocket_settings={"audio": {"url": f"ws://127.0.0.1:{port}/"}},
    )
    fake.advance_bot(bot.id, to="joined_recording")
    (dialler,) = fake.realtime._diallers[bot.id]
    dialler.join(timeout=10)
    assert not dialler.is_alive()
    assert dialler.failures == 30
    assert fake.realtime.connections(bot.id) == 0


async def test_drops_after_a_connect_do_not_count_as_failed_dials(
    fake: FakeAttendeeServer, client: AttendeeClient
) -> None:
    sessions: list[str] = []
    enough = asyncio.Event()

    async def handler(session: RealtimeSession) -> None:
        sessions.append(session.bot_id)
        if len(sessions) == 35:
            enough.set()
        async for _ in session:
            pass

    fake.realtime.retry_seconds = 0.0
    fake.realtime.drop_connection_after(1, times=34)
    async with realtime.serve(handler) as server:
        bot = client.bots.create(
            meeting_url=MEET, bot_name="A", websocket_settings={"audio": {"url": server.url}}
        )
        fake.advance_bot(bot.id, to="joined_recording")
        await asyncio.wait_for(enough.wait(), 20)
        fake.advance_bot(bot.id, to="ended")
    assert fake.realtime.connections(bot.id) == 35


def test_the_fake_bot_drops_a_partial_leftover_after_150_ms_as_the_server() -> None:
    first, second = b"\x01" * 1600, b"\x02" * 3200  # half a 100 ms piece at 16 kHz, then one
    late = _Output()
    late.add(first, 16000, 0.0)
    late.add(second, 16000, 0.2)  # 200 ms later: the half piece was dropped
    assert bytes(late.played) == second
    soon = _Output()
    soon.add(first, 16000, 0.0)
    soon.add(second, 16000, 0.1)  # within 150 ms: it was kept and completed
    assert bytes(soon.played) == first + second[:1600]
    assert soon.buffer == second[1600:]


async def test_a_participant_who_is_not_talking_sends_silence(
    fake: FakeAttendeeServer, client: AttendeeClient
) -> None:
    seen: list[ParticipantAudioChunk] = []
    enough = asyncio.Event()

    async def handler(session: RealtimeSession) -> None:
        async for frame in session:
            if isinstance(frame, ParticipantAudioChunk):
                seen.append(frame)
                if len(seen) >= 10:
                    enough.set()

    async with realtime.serve(handler) as server:
        bot = client.bots.create(
            meeting_url=MEET,
            bot_name="A",
            websocket_settings={"per_participant_audio": {"url": server.url}},
        )
        ada = fake.add_participant(bot.id, "Ada")
        bob = fake.add_participant(bot.id, "Bob")
        fake.realtime.set_talking(bot.id, ada["uuid"], False)
        fake.advance_bot(bot.id, to="joined_recording")
        await asyncio.wait_for(enough.wait(), 10)
        fake.advance_bot(bot.id, to="ended")
    quiet = [f.pcm for f in seen if f.participant_uuid == ada["uuid"]]
    talking = [f.pcm for f in seen if f.participant_uuid == bob["uuid"]]
    assert quiet
    assert talking
    assert all(pcm == bytes(640) for pcm in quiet)
    assert all(pcm != bytes(640) for pcm in talking)
    (dialler,) = fake.realtime._stopped  # the bot left; its frames can still be built
    fake.realtime.set_talking(bot.id, ada["uuid"], True)
    assert any(
        isinstance(f, ParticipantAudioChunk) and f.pcm != bytes(640) for f in dialler._frames(1)
    )
