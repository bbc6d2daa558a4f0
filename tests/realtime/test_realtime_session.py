"""A session, apart from any socket: a memory transport stands in for the websocket."""

from __future__ import annotations

import asyncio

import pytest

from attendee_client.realtime import AudioChunk, RealtimeSession
from attendee_client.realtime._session import run_session
from tests.realtime.support import mixed_frame


class MemoryTransport:
    def __init__(self) -> None:
        self.incoming: asyncio.Queue[str | None] = asyncio.Queue()
        self.sent: list[str] = []
        self.closed = False

    async def receive(self) -> str | bytes | None:
        return await self.incoming.get()

    async def send(self, text: str) -> None:
        if self.closed:
            raise ConnectionError("closed")
        self.sent.append(text)

    async def close(self) -> None:
        self.closed = True
        self.incoming.put_nowait(None)


async def test_a_slow_handler_keeps_a_bounded_queue_and_drops_the_oldest_frames() -> None:
    transport = MemoryTransport()
    session = RealtimeSession(transport, max_pending_frames=100)
    for index in range(1000):
        transport.incoming.put_nowait(
            mixed_frame(bytes(640), rate=16000).replace(
                '"sample_rate": 16000', f'"sample_rate": 16000, "n": {index}'
            )
        )
    transport.incoming.put_nowait(None)
    session.start()
    assert await session.first_frame()
    await asyncio.wait_for(session._reader, 5)  # type: ignore[arg-type]
    frames = [frame async for frame in session]
    assert len(frames) == 100
    assert session.dropped_frames == 900
    assert all(isinstance(frame, AudioChunk) for frame in frames)


async def test_the_byte_bound_holds_too() -> None:
    transport = MemoryTransport()
    session = RealtimeSession(transport, max_pending_bytes=6400)
    for _ in range(50):
        transport.incoming.put_nowait(mixed_frame(bytes(640)))
    transport.incoming.put_nowait(None)
    session.start()
    await asyncio.wait_for(session._reader, 5)  # type: ignore[arg-type]
    assert len([frame async for frame in session]) == 10
    assert session.dropped_frames == 40


async def test_the_handler_runs_after_the_first_frame_with_the_bot_id() -> None:
    transport = MemoryTransport()
    seen: list[str] = []

    async def handler(session: RealtimeSession) -> None:
        seen.append(session.bot_id)

    transport.incoming.put_nowait(mixed_frame(bytes(640), bot_id="bot_first"))
    await run_session(RealtimeSession(transport), handler)
    assert seen == ["bot_first"]
    assert transport.closed


async def test_a_connection_closed_before_any_frame_never_calls_the_handler() -> None:
    transport = MemoryTransport()
    transport.incoming.put_nowait(None)

    async def handler(session: RealtimeSession) -> None:
        raise AssertionError("never called")

    await run_session(RealtimeSession(transport), handler)


async def test_audio_sent_after_close_is_dropped_and_bad_audio_refused() -> None:
    transport = MemoryTransport()
    session = RealtimeSession(transport)
    with pytest.raises(ValueError, match="sample_rate"):
        session.send_audio(bytes(3200), 44100)
    await session.close()
    session.send_audio(bytes(3200), 16000)
    assert session.queued_seconds == 0
    await session.drain()
    assert transport.sent == []
    assert "bot_id" in repr(session)


async def test_a_failing_handler_is_logged_and_its_connection_closed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    transport = MemoryTransport()
    transport.incoming.put_nowait(mixed_frame(bytes(640), bot_id="bot_fails"))

    async def handler(session: RealtimeSession) -> None:
        raise RuntimeError("boom")

    with caplog.at_level("ERROR", logger="attendee_client.realtime"):
        await run_session(RealtimeSession(transport), handler)
    assert transport.closed
    assert "bot_fails" in caplog.text
    assert "boom" in caplog.text
