"""One bot connection, whatever carries it (``websockets`` or an ASGI server).

A ``RealtimeSession`` reads the socket in a task of its own, so the bot is never held up by
a slow handler: frames wait in a bounded queue (``MAX_PENDING_FRAMES`` frames or
``MAX_PENDING_BYTES`` of media, whichever comes first) and, when it is full, the oldest
frame is dropped and counted in ``dropped_frames``. Audio for the bot goes through an
``AudioPacer`` run by a second task that sends each 100 ms piece when it is due.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Protocol

from attendee_client.realtime._frames import (
    AudioChunk,
    Frame,
    FrameError,
    ParticipantAudioChunk,
    VideoFrame,
    bot_audio_message,
    check_output_audio,
    parse_frame,
)
from attendee_client.realtime._pacing import AudioPacer

__all__ = ["MAX_PENDING_BYTES", "MAX_PENDING_FRAMES", "RealtimeSession", "Transport", "run_session"]

logger = logging.getLogger("attendee_client.realtime")

MAX_PENDING_FRAMES = 1000
"""Frames held for a handler that reads slower than the bot sends (20 s of one audio stream)."""
MAX_PENDING_BYTES = 64 * 1024 * 1024
"""Media bytes held for a slow handler (video frames are the large ones)."""


class Transport(Protocol):
    """What a session needs of a websocket: receive a message (None once closed), send text,
    close."""

    async def receive(self) -> str | bytes | None: ...

    async def send(self, text: str) -> None: ...

    async def close(self) -> None: ...


_YIELD_AFTER = 16


def _size(frame: Frame) -> int:
    if isinstance(frame, (AudioChunk, ParticipantAudioChunk)):
        return len(frame.pcm)
    if isinstance(frame, VideoFrame):
        return len(frame.image)
    return 0


class RealtimeSession:
    """One connection from a bot: an async iterator of its frames, and its audio back.

    ``bot_id`` is the bot's id, from the first frame. ``send_audio`` queues audio for the bot
    and returns at once; it leaves in 100 ms pieces at real-time pace, at most 300 ms ahead
    of the bot's playback, so ``interrupt()`` can still stop the rest. The bot reconnects
    after a drop: that is a new session with the same ``bot_id`` (keep per-bot state in a
    dict keyed by it).
    """

    def __init__(
        self,
        transport: Transport,
        *,
        path: str = "/",
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        max_pending_frames: int = MAX_PENDING_FRAMES,
        max_pending_bytes: int = MAX_PENDING_BYTES,
    ) -> None:
        self.path = path
        """The path the bot dialled (the query, which holds the token, left out)."""
        self.bot_id: str = ""
        """The bot's id, from its first frame."""
        self.dropped_frames = 0
        """Frames dropped because the handler fell behind (the oldest go first)."""
        self.malformed_frames = 0
        """Messages that were not frames (logged and skipped)."""
        self._transport = transport
        self._clock = clock
        self._sleep = sleep
        self._max_frames = max_pending_frames
        self._max_bytes = max_pending_bytes
        self._pending: deque[Frame] = deque()
        self._pending_bytes = 0
        self._arrived = asyncio.Event()
        self._ended = False
        self._pacer = AudioPacer()
        self._pushed = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._closed = False
        self._reader: asyncio.Task[None] | None = None
        self._sender: asyncio.Task[None] | None = None

    def __repr__(self) -> str:
        return f"<RealtimeSession bot_id={self.bot_id!r} path={self.path!r}>"

    @property
    def closed(self) -> bool:
        """Whether the connection has ended (audio sent now goes nowhere)."""
        return self._closed

    @property
    def queued_seconds(self) -> float:
        """Seconds of the bot's audio queued and not yet sent."""
        return self._pacer.queued_seconds

    def start(self) -> None:
        """Start reading the socket (the receivers call this)."""
        if self._reader is None:
            self._reader = asyncio.get_running_loop().create_task(self._read())

    async def first_frame(self) -> bool:
        """Wait for the first frame (which sets ``bot_id``); False if the socket closed first."""
        while not self._pending and not self._ended:
            self._arrived.clear()
            await self._arrived.wait()
        return bool(self._pending)

    async def _read(self) -> None:
        try:
            while True:
                message = await self._transport.receive()
                if message is None:
                    break
                try:
                    frame = parse_frame(message)
                except FrameError as error:
                    self.malformed_frames += 1
                    if self.malformed_frames % 1000 == 1:
                        logger.warning("Skipped a message that is not a frame: %s", error)
                    continue
                if not self.bot_id:
                    self.bot_id = frame.bot_id
                self._hold(frame)
                if len(self._pending) > _YIELD_AFTER:
                    # Messages already received come back without a pause: let the handler
                    # run, so a burst is not mistaken for a slow handler.
                    await asyncio.sleep(0)
        finally:
            self._ended = True
            self._closed = True
            self._pushed.set()
            self._arrived.set()

    def _hold(self, frame: Frame) -> None:
        self._pending.append(frame)
        self._pending_bytes += _size(frame)
        while len(self._pending) > self._max_frames or (
            self._pending_bytes > self._max_bytes and len(self._pending) > 1
        ):
            self._pending_bytes -= _size(self._pending.popleft())
            self.dropped_frames += 1
            if self.dropped_frames % 1000 == 1:
                logger.warning(
                    "The handler of bot %s is behind: dropped the oldest frame (%d so far)",
                    self.bot_id,
                    self.dropped_frames,
                )
        self._arrived.set()

    def __aiter__(self) -> RealtimeSession:
        return self

    async def __anext__(self) -> Frame:
        while not self._pending:
            if self._ended:
                raise StopAsyncIteration
            self._arrived.clear()
            await self._arrived.wait()
        frame = self._pending.popleft()
        self._pending_bytes -= _size(frame)
        return frame

    def send_audio(self, pcm: bytes | bytearray | memoryview, sample_rate: int) -> None:
        """Queue ``pcm`` (16-bit little-endian mono) for the bot to speak; returns at once.

        Raises ValueError for a rate other than 8000, 16000 or 24000 or an odd length.
        Audio queued after the connection closed is dropped (the bot's next connection is
        a new session). Not thread-safe: call it from the event loop's thread (the
        handler's); from another thread, such as a text-to-speech worker's, hand it over
        with ``loop.call_soon_threadsafe(session.send_audio, pcm, rate)``.
        """
        pcm = check_output_audio(pcm, sample_rate)
        if self._closed:
            logger.debug("Audio for bot %s dropped: the connection is closed", self.bot_id)
            return
        self._pacer.push(pcm, sample_rate)
        self._idle.clear()
        self._pushed.set()
        if self._sender is None:
            self._sender = asyncio.get_running_loop().create_task(self._send_audio())

    def interrupt(self) -> float:
        """Drop the audio queued and not yet sent (barge-in); returns the seconds dropped.

        What already left (at most 300 ms) is still played. Not thread-safe: call it from
        the event loop's thread; from another thread use ``loop.call_soon_threadsafe``
        (``run_coroutine_threadsafe`` with a small coroutine if you need the seconds back).
        """
        dropped = self._pacer.interrupt()
        self._idle.set()
        self._pushed.set()
        return dropped

    async def drain(self) -> None:
        """Wait until all queued audio has been sent (or the connection closed).

        After ``interrupt()`` it returns at once: nothing is queued. The lead already handed
        to the bot (up to 300 ms) is still in its player and plays out after that.
        """
        await self._idle.wait()

    async def _send_audio(self) -> None:
        pacer = self._pacer
        try:
            while not self._closed:
                for piece, rate in pacer.due(self._clock()):
                    await self._transport.send(bot_audio_message(piece, rate))
                wait = pacer.next_due(self._clock())
                if wait is None:
                    self._idle.set()
                    self._pushed.clear()
                    await self._pushed.wait()
                elif wait > 0:
                    await self._sleep(wait)
        except Exception as error:  # noqa: BLE001 - any send failure means the socket is gone
            logger.debug("Audio to bot %s stopped: %s", self.bot_id, type(error).__name__)
            self._closed = True
        finally:
            self._idle.set()

    async def close(self) -> None:
        """Close the connection (queued audio is dropped; the bot will reconnect)."""
        self._closed = True
        self._pushed.set()
        for task in (self._sender, self._reader):
            if task is not None and not task.done() and task is not asyncio.current_task():
                task.cancel()
        await self._transport.close()
        for task in (self._sender, self._reader):
            if task is not None and task is not asyncio.current_task():
                # Its end was reported where it happened; only its cancellation is left.
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task


Handler = Callable[[RealtimeSession], Awaitable[None]]
"""``async def handler(session: RealtimeSession) -> None``, called once per connection."""


async def run_session(session: RealtimeSession, handler: Handler) -> None:
    """Run ``handler`` for a new connection, once its first frame has come; close after."""
    session.start()
    try:
        if await session.first_frame():
            logger.info("Bot %s connected on %s", session.bot_id, session.path)
            await handler(session)
    except Exception:
        logger.exception("The realtime handler failed for bot %s", session.bot_id)
    finally:
        await session.close()
