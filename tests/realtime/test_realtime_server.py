"""The receiver on ``websockets`` (and, for routing and barge-in, the ASGI app under uvicorn
too), with the real ``websockets`` client standing in for the bot, over loopback. Timing is
asserted loosely from arrival times (the behaviour is about the socket); the exact pacing
rules are in test_realtime_pacing.py, on a made-up clock."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from attendee_client import realtime
from attendee_client.realtime import (
    AudioChunk,
    Frame,
    ParticipantAudioChunk,
    RealtimeSession,
    UnknownFrame,
    VideoFrame,
)
from tests.realtime.support import (
    BOT_ID,
    RECEIVERS,
    mixed_frame,
    participant_frame,
    receive_audio,
    receiver,
    signed_ago,
    tone,
    video_frame,
)

SECRET = "realtime-secret-canary-91f2"


@pytest.mark.parametrize("kind", RECEIVERS)
async def test_three_purposes_on_one_connection_are_routed_by_trigger(kind: str) -> None:
    seen: list[Frame] = []
    done = asyncio.Event()

    async def handler(session: RealtimeSession) -> None:
        assert session.bot_id == BOT_ID
        async for frame in session:
            seen.append(frame)
            if len(seen) == 4:
                done.set()

    async with receiver(kind, handler) as url:
        assert url.startswith("ws://127.0.0.1:")
        async with connect(url) as bot:
            await bot.send(mixed_frame(bytes(640)))
            await bot.send(participant_frame(bytes(640)))
            await bot.send(video_frame(b"\xff\xd8jpeg", source="screenshare"))
            await bot.send(json.dumps({"trigger": "realtime_future.thing", "bot_id": BOT_ID}))
            await asyncio.wait_for(done.wait(), 5)
    assert [type(frame) for frame in seen] == [
        AudioChunk,
        ParticipantAudioChunk,
        VideoFrame,
        UnknownFrame,
    ]


async def test_one_second_of_audio_arrives_whole_in_100ms_pieces_over_about_a_second() -> None:
    clip = tone(1.0)

    async def handler(session: RealtimeSession) -> None:
        session.send_audio(clip, 16000)
        await session.drain()
        async for _ in session:
            pass

    async with realtime.serve(handler) as server, connect(server.url) as bot:
        started = time.monotonic()
        await bot.send(mixed_frame(bytes(640)))
        arrivals = [await receive_audio(bot) for _ in range(10)]
    pieces = [pcm for _, pcm, _ in arrivals]
    assert b"".join(pieces) == clip
    assert {len(pcm) for pcm in pieces} == {3200}
    assert {rate for _, _, rate in arrivals} == {16000}
    # Not at once: the 300 ms lead comes first, the last piece about 0.7 s later.
    assert arrivals[2][0] - started < 0.5
    assert arrivals[-1][0] - started > 0.55


@pytest.mark.parametrize("kind", RECEIVERS)
async def test_interrupt_after_one_second_of_a_three_second_clip_stops_the_rest(kind: str) -> None:
    dropped: list[float] = []

    async def handler(session: RealtimeSession) -> None:
        session.send_audio(tone(3.0), 16000)
        async for frame in session:
            if isinstance(frame, ParticipantAudioChunk):  # someone talks: barge in
                dropped.append(session.interrupt())
                await session.drain()
                await session.close()

    async with receiver(kind, handler) as url, connect(url) as bot:
        await bot.send(mixed_frame(bytes(640)))
        received = 0
        started = time.monotonic()
        while time.monotonic() - started < 1.0:
            await receive_audio(bot)
            received += 1
        await bot.send(participant_frame(bytes(640)))
        try:
            while True:
                await receive_audio(bot)
                received += 1
        except ConnectionClosed:
            pass
    # About 1.3 s of the 3 s (the lead and a piece in flight): loose bounds, for a loaded
    # machine; the rest was dropped, not sent.
    assert 5 <= received <= 20
    assert len(dropped) == 1
    assert received * 0.1 + dropped[0] == pytest.approx(3.0)  # what did not go was dropped


@pytest.mark.parametrize(
    "token", ["missing", "wrong", "expired", "unicode-digit", "huge-expiry", "malformed-target"]
)
async def test_a_handshake_without_a_valid_token_gets_401_and_the_handler_never_runs(
    token: str,
) -> None:
    calls: list[RealtimeSession] = []

    async def handler(session: RealtimeSession) -> None:
        calls.append(session)

    async with realtime.serve(handler, secret=SECRET) as server:
        url = {
            "missing": server.url,
            "wrong": realtime.signed_url(server.url, "another-secret"),
            "expired": signed_ago(server.url, SECRET, expires_in=60, seconds_ago=63),
            "unicode-digit": server.url + "?attendee_expires=%C2%B2&attendee_token=00",
            "huge-expiry": server.url + "?attendee_expires=" + "9" * 5000 + "&attendee_token=00",
            # A request target that urlsplit reads as a malformed host: "//[::1/?...".
            "malformed-target": server.url.rstrip("/")
            + "//[::1/?attendee_expires=1&attendee_token=00",
        }[token]
        with pytest.raises(InvalidStatus) as refused:
            async with connect(url) as bot:
                await bot.send(mixed_frame(bytes(640)))
        assert refused.value.response.status_code == 401
        async with connect(realtime.signed_url(server.url, SECRET)) as bot:
            await bot.send(mixed_frame(bytes(640)))
            await bot.close()
    assert len(calls) == 1
    assert SECRET not in repr(server)


async def test_a_path_other_than_the_receivers_gets_404() -> None:
    async def handler(session: RealtimeSession) -> None:
        raise AssertionError("never called")

    async with realtime.serve(handler, path="/attendee") as server:
        assert server.url.endswith("/attendee")
        with pytest.raises(InvalidStatus) as refused:
            async with connect(server.url + "/other"):
                pass
    assert refused.value.response.status_code == 404


async def test_a_dropped_connection_and_a_new_one_for_the_same_bot_both_work() -> None:
    sessions: list[RealtimeSession] = []
    frames_per_session: dict[int, int] = {}

    async def handler(session: RealtimeSession) -> None:
        index = len(sessions)
        sessions.append(session)
        session.send_audio(tone(0.1), 16000)
        async for _ in session:
            frames_per_session[index] = frames_per_session.get(index, 0) + 1

    async with realtime.serve(handler) as server:
        first = await connect(server.url)
        await first.send(mixed_frame(bytes(640)))
        await receive_audio(first)
        first.transport.abort()  # the bot's connection drops, no close handshake
        async with connect(server.url) as second:
            await second.send(mixed_frame(bytes(640)))
            await second.send(mixed_frame(bytes(640)))
            _, pcm, _ = await receive_audio(second)
            assert pcm == tone(0.1)
    assert [session.bot_id for session in sessions] == [BOT_ID, BOT_ID]
    assert frames_per_session == {0: 1, 1: 2}


async def test_a_message_that_is_not_a_frame_is_skipped() -> None:
    seen: list[Frame] = []
    malformed: list[int] = []
    finished = asyncio.Event()

    async def handler(session: RealtimeSession) -> None:
        async for frame in session:
            seen.append(frame)
        malformed.append(session.malformed_frames)
        finished.set()

    async with realtime.serve(handler) as server:
        async with connect(server.url) as bot:
            await bot.send(mixed_frame(bytes(640)))
            await bot.send("{garbage")
            await bot.send(mixed_frame(bytes(320)))
        await asyncio.wait_for(finished.wait(), 5)
    assert malformed == [1]
    assert [len(frame.pcm) for frame in seen if isinstance(frame, AudioChunk)] == [640, 320]


async def test_a_burst_to_a_handler_that_keeps_up_loses_nothing() -> None:
    counted: list[int] = []
    dropped: list[int] = []
    finished = asyncio.Event()

    async def handler(session: RealtimeSession) -> None:
        count = 0
        async for _ in session:
            count += 1
        counted.append(count)
        dropped.append(session.dropped_frames)
        finished.set()

    async with realtime.serve(handler) as server:
        async with connect(server.url) as bot:
            for _ in range(3000):  # far more than the bound, as fast as the socket takes them
                await bot.send(mixed_frame(bytes(640)))
        await asyncio.wait_for(finished.wait(), 30)
    assert counted == [3000]
    assert dropped == [0]


async def test_no_log_line_holds_the_token_or_the_secret(caplog: pytest.LogCaptureFixture) -> None:
    async def handler(session: RealtimeSession) -> None:
        async for _ in session:
            pass

    with caplog.at_level(logging.DEBUG):
        async with realtime.serve(handler, secret=SECRET) as server:
            signed = realtime.signed_url(server.url, SECRET)
            token = signed.split("attendee_token=")[1]
            async with connect(signed) as bot:
                await bot.send(mixed_frame(bytes(640)))
            with pytest.raises(InvalidStatus):
                async with connect(server.url + "?attendee_expires=1&attendee_token=bad"):
                    pass
    # The receiver's lines (the test's client, standing in for the bot, logs its own).
    logged = "\n".join(
        record.getMessage()
        for record in caplog.records
        if not record.name.startswith("websockets.client")
    )
    assert "GET /?attendee_expires=" in logged  # the request line is logged...
    assert token not in logged  # ...without its token
    assert SECRET not in logged


@pytest.mark.parametrize("secret", ["", b""])
async def test_an_empty_secret_is_refused_at_start_up(secret: str | bytes) -> None:
    async def handler(session: RealtimeSession) -> None:
        raise AssertionError("never called")

    with pytest.raises(ValueError, match="secret must be a non-empty"):
        async with realtime.serve(handler, secret=secret):
            pass
