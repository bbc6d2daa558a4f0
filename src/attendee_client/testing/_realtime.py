"""The fake bot's realtime media: what a bot created with ``websocket_settings`` does.

When a bot of the fake reaches ``joined_recording`` it dials each distinct URL of its
``websocket_settings`` (one connection per URL, as the server's ``BotWebsocketClientManager``)
with the ``websockets`` client, as the server does, and streams synthetic media built with
``attendee_client.realtime`` until it leaves: 20 ms audio frames at the configured rate (a
tone), per-participant audio for each of its participants (or one, Alice, when it has none),
and a small JPEG per participant and source at the resolution's frame rate;
``set_talking(bot_id, uuid, False)`` makes a participant's own audio silence (to test
barge-in: someone starts talking while the agent speaks). What the
receiver sends back is played as the server's output manager plays it: cut into 100 ms
pieces, a partial leftover dropped when more than 150 ms pass before the next message;
``FakeAttendeeServer.realtime_output(bot_id)`` is the PCM played.

The fake takes ``ws://`` only for loopback hosts (the real server demands ``wss://``). As
the server's ``BotWebsocketClient``: a dial that fails is tried again after
``FakeRealtime.retry_seconds`` (the server: 10 s; the fake: ``RECONNECT_SECONDS``), and
after ``MAX_ATTEMPTS`` failed dials in a row the bot gives up on that URL; a connection
that drops after it was made is dialled again (that drop is not a failed dial).
``drop_connection_after(frames)`` makes the next connection(s) drop after that many
frames, to test a receiver across a reconnect. While the bot's recording is paused the
connection stays open and no media is sent (the server's adapter drops it); a resume
streams on the same connection.
"""

from __future__ import annotations

import base64
import ipaddress
import logging
import math
import socket
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from attendee_client.realtime._frames import (
    AudioChunk,
    Frame,
    ParticipantAudioChunk,
    VideoFrame,
    frame_message,
    parse_bot_audio_message,
)
from attendee_client.realtime._pacing import piece_bytes

__all__ = ["FakeRealtime", "websocket_settings_errors"]

logger = logging.getLogger("attendee_client.testing")

FRAME_SECONDS = 0.02
"""The fake bot's audio frames: 20 ms each."""
RECONNECT_SECONDS = 0.2
"""The default wait before dialling again after a failed dial or a drop (the server waits
10 s after a failed dial); ``FakeRealtime.retry_seconds`` overrides it per fake."""
MAX_ATTEMPTS = 30
"""Failed dials in a row before the fake bot gives up on a URL (as the server)."""
_LEFTOVER_SECONDS = 0.15
_FPS = {"360p": 2.0, "720p": 1.0, "1080p": 1.0}
_PURPOSES = ("audio", "per_participant_audio", "per_participant_video")
_STREAMING = "joined_recording"
_PAUSED = "joined_recording_paused"
_GONE = frozenset({"leaving", "post_processing", "ended", "fatal_error", "data_deleted"})
_ALICE = {"uuid": "16778240"}
_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0"
    "KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7"
    "Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAkAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAA"
    "AAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAk"
    "M2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT"
    "lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QA"
    "HwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh"
    "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hp"
    "anN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk"
    "5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDm6KKK+iPGCiiigAooooAKKKKACiiigAooooAKKKKACiiigAoo"
    "ooAKKKKACiiigAooooA//9k="
)


def _loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def websocket_settings_errors(settings: object) -> dict[str, Any]:
    """The server's refusal of ``websocket_settings``, by field (empty: none): every URL must
    start with ``wss://`` (the fake also takes ``ws://`` for a loopback host), and video needs
    a webcam or a screen share resolution other than ``none``."""
    if not isinstance(settings, Mapping):
        return {}
    for purpose in _PURPOSES:
        part = settings.get(purpose)
        url = part.get("url") if isinstance(part, Mapping) else None
        if not isinstance(url, str) or not url:
            continue
        lowered = url.lower()
        if lowered.startswith("wss://"):
            continue
        if lowered.startswith("ws://") and _loopback(urlsplit(url).hostname):
            continue
        return {"websocket_settings": {purpose: {"url": "URL must start with wss://"}}}
    video = settings.get("per_participant_video")
    if (
        isinstance(video, Mapping)
        and video.get("url")
        and video.get("webcam_resolution") == video.get("screenshare_resolution") == "none"
    ):
        message = (
            "At least one of webcam_resolution or screenshare_resolution must be set to a "
            "non-none value."
        )
        return {"websocket_settings": {"per_participant_video": message}}
    return {}


def _tone(seconds: float, rate: int, start: int, frequency: float = 440.0) -> bytes:
    samples = int(seconds * rate)
    return b"".join(
        int(3000 * math.sin(2 * math.pi * frequency * (start + i) / rate)).to_bytes(
            2, "little", signed=True
        )
        for i in range(samples)
    )


class _Output:
    """The server's output manager for one bot: 100 ms pieces, leftovers dropped."""

    def __init__(self) -> None:
        self.played = bytearray()
        self.buffer = b""
        self.last = 0.0
        self.lock = threading.Condition()

    def add(self, pcm: bytes, rate: int, now: float) -> None:
        with self.lock:
            self.lock.notify_all()
            if now - self.last > _LEFTOVER_SECONDS:
                self.buffer = b""
            self.last = now
            self.buffer += pcm
            size = piece_bytes(rate)
            while len(self.buffer) >= size:
                self.played += self.buffer[:size]
                self.buffer = self.buffer[size:]


class _Dialler(threading.Thread):
    """One URL of one bot: dial, stream, record what comes back; dial again after a drop."""

    def __init__(
        self, owner: FakeRealtime, bot_id: str, url: str, parts: dict[str, Mapping[str, Any]]
    ) -> None:
        super().__init__(name=f"fake-realtime-{bot_id}", daemon=True)
        self.owner = owner
        self.bot_id = bot_id
        self.url = url
        self.parts = parts
        self.stopping = threading.Event()
        self.connection: Any = None
        self.failures = 0
        """Failed dials in a row (a connection made sets it back to 0)."""

    def run(self) -> None:
        from websockets.exceptions import ConnectionClosed
        from websockets.sync.client import connect

        while not self.stopping.is_set() and self.failures < MAX_ATTEMPTS:
            try:
                connection = connect(self.url, open_timeout=5, max_size=None)
            except Exception as error:  # noqa: BLE001 - as the server: any failure counts
                self.failures += 1
                logger.debug(
                    "Fake bot %s could not dial (%d/%d): %s",
                    self.bot_id,
                    self.failures,
                    MAX_ATTEMPTS,
                    type(error).__name__,
                )
            else:
                self.failures = 0
                try:
                    with connection:
                        self._stream_on(connection)
                except (ConnectionClosed, OSError):
                    pass  # dropped after it was made: dial again, not a failed dial
            self.stopping.wait(self.owner.retry_seconds)

    def _stream_on(self, connection: Any) -> None:
        self.connection = connection
        self.owner._connected(self.bot_id)
        receiver = threading.Thread(target=self._receive, daemon=True)
        receiver.start()
        try:
            self._stream()
        finally:
            connection.close()
            receiver.join()

    def _receive(self) -> None:
        try:
            for message in self.connection:
                decoded = parse_bot_audio_message(message)
                if decoded is not None:
                    self.owner._output(self.bot_id).add(*decoded, time.monotonic())
        except Exception:  # noqa: BLE001 - the stream loop sees the same drop
            return

    def _stream(self) -> None:
        drop_after = self.owner._take_fault()
        sent = 0
        tick = 0
        started = time.monotonic()
        while not self.stopping.is_set():
            for frame in self._frames(tick):
                self.connection.send(frame_message(frame))
                sent += 1
                if drop_after is not None and sent >= drop_after:
                    self.connection.socket.shutdown(socket.SHUT_RDWR)  # a drop, no close
                    return
            tick += 1
            self.stopping.wait(max(0.0, started + tick * FRAME_SECONDS - time.monotonic()))

    def _frames(self, tick: int) -> list[Frame]:
        frames: list[Frame] = []
        if self.owner._is_paused(self.bot_id):
            return frames  # the server's adapter drops media while the recording is paused
        now_ms = int(time.time() * 1000)
        participants = self.owner._participants(self.bot_id) or [_ALICE]
        audio = self.parts.get("audio")
        if audio is not None:
            rate = int(audio.get("sample_rate", 16000))
            pcm = _tone(FRAME_SECONDS, rate, tick * int(FRAME_SECONDS * rate))
            frames.append(
                AudioChunk(bot_id=self.bot_id, pcm=pcm, sample_rate=rate, timestamp_ms=now_ms)
            )
        per_participant = self.parts.get("per_participant_audio")
        if per_participant is not None:
            rate = int(per_participant.get("sample_rate", 16000))
            for index, participant in enumerate(participants):
                if self.owner._is_talking(self.bot_id, participant["uuid"]):
                    start = tick * int(FRAME_SECONDS * rate)
                    pcm = _tone(FRAME_SECONDS, rate, start, 220.0 * (index + 1))
                else:
                    pcm = bytes(2 * int(FRAME_SECONDS * rate))
                frames.append(
                    ParticipantAudioChunk(
                        bot_id=self.bot_id,
                        participant_uuid=participant["uuid"],
                        pcm=pcm,
                        sample_rate=rate,
                        timestamp_ms=now_ms,
                    )
                )
        video = self.parts.get("per_participant_video")
        if video is not None:
            for source in ("webcam", "screenshare"):
                fps = _FPS.get(str(video.get(f"{source}_resolution", "360p")))
                if fps is None or tick % round(1 / (fps * FRAME_SECONDS)):
                    continue
                sharing = participants if source == "webcam" else participants[:1]
                frames.extend(
                    VideoFrame(
                        bot_id=self.bot_id,
                        participant_uuid=participant["uuid"],
                        source=source,
                        image=_JPEG,
                        format="jpeg",
                    )
                    for participant in sharing
                )
        return frames


class FakeRealtime:
    """The fake server's realtime side: the bots' connections to receivers, and what the
    receivers asked them to speak. Reached as ``FakeAttendeeServer.realtime``."""

    def __init__(
        self,
        settings_of: Callable[[str], Mapping[str, Any]],
        participants_of: Callable[[str], list[dict[str, Any]]],
    ) -> None:
        # What it reads of the fake: a bot's settings and its participants (by bot id).
        self._settings_of = settings_of
        self._participants_of = participants_of
        self._lock = threading.Lock()
        self._diallers: dict[str, list[_Dialler]] = {}
        self._outputs: dict[str, _Output] = {}
        self._connections: dict[str, int] = {}
        self._faults: list[int] = []
        self._stopped: list[_Dialler] = []
        self._paused: set[str] = set()
        self._quiet: set[tuple[str, str]] = set()
        self.retry_seconds = RECONNECT_SECONDS
        """The wait before dialling again after a failed dial or a drop (the server: 10 s
        after a failed dial); set it to 0 in a test of many retries."""

    def __repr__(self) -> str:
        return f"<FakeRealtime {len(self._diallers)} bots streaming>"

    def state_changed(
        self, bot: dict[str, Any], old: str, event_type: str | None, sub_type: str | None
    ) -> None:
        """The fake's state listener: start streaming at ``joined_recording``, send no media
        while paused (the connection stays), stop on leaving."""
        state = bot["state"]
        with self._lock:
            if state == _PAUSED:
                self._paused.add(bot["id"])
            else:
                self._paused.discard(bot["id"])
        if state == _STREAMING and old != _STREAMING:
            self._start(bot["id"])
        elif state in _GONE:
            self._stop(bot["id"])

    def output(self, bot_id: str) -> bytes:
        """The PCM the receivers asked the bot to speak, as the bot plays it (whole 100 ms
        pieces; a partial leftover dropped after 150 ms)."""
        with self._lock:
            output = self._outputs.get(bot_id)
        if output is None:
            return b""
        with output.lock:
            return bytes(output.played)

    def wait_for_output(self, bot_id: str, size: int, timeout: float = 10.0) -> bytes:
        """Block until the bot has played at least ``size`` bytes (or ``timeout`` seconds
        passed); the PCM played so far. From async code: ``await asyncio.to_thread(...)``."""
        output = self._output(bot_id)
        with output.lock:
            output.lock.wait_for(lambda: len(output.played) >= size, timeout)
            return bytes(output.played)

    def connections(self, bot_id: str) -> int:
        """How many connections the bot has opened so far (reconnects included)."""
        with self._lock:
            return self._connections.get(bot_id, 0)

    def set_talking(self, bot_id: str, participant_uuid: str, talking: bool) -> None:
        """Whether a participant talks: their per-participant audio is the tone (the
        default) or, with ``talking=False``, silence (frames of zeros keep coming). The
        mixed audio stays the tone. Takes effect on the next 20 ms frame, before or while
        the bot streams."""
        with self._lock:
            if talking:
                self._quiet.discard((bot_id, participant_uuid))
            else:
                self._quiet.add((bot_id, participant_uuid))

    def drop_connection_after(self, frames: int, *, times: int = 1) -> None:
        """Make the next ``times`` connections drop (no close handshake) after sending
        ``frames`` frames; the bot dials again, as the server's does."""
        if frames < 1 or times < 1:
            raise ValueError("frames and times must be at least 1")
        with self._lock:
            self._faults.extend([frames] * times)

    def stop(self) -> None:
        """End every stream (as if every bot left) and wait for the connections to close."""
        with self._lock:
            diallers = [d for bot in self._diallers.values() for d in bot] + self._stopped
            self._diallers.clear()
            self._stopped.clear()
        for dialler in diallers:
            dialler.stopping.set()
        for dialler in diallers:
            dialler.join(timeout=15)

    def _start(self, bot_id: str) -> None:
        with self._lock:
            if self._diallers.get(bot_id):
                return  # already connected (a resume): the server keeps its clients
        settings = self._settings_of(bot_id).get("websocket_settings") or {}
        by_url: dict[str, dict[str, Mapping[str, Any]]] = {}
        for purpose in _PURPOSES:
            part = settings.get(purpose)
            if isinstance(part, Mapping) and part.get("url"):
                by_url.setdefault(str(part["url"]), {})[purpose] = part
        if not by_url:
            return
        try:
            import websockets.sync.client  # noqa: F401 - the bot dials with it
        except ImportError as error:
            raise ImportError(
                "the fake bot's websockets need the websockets library: "
                "pip install 'attendee-client[testing]'"
            ) from error
        diallers = [_Dialler(self, bot_id, url, parts) for url, parts in by_url.items()]
        with self._lock:
            self._diallers.setdefault(bot_id, []).extend(diallers)
            self._outputs.setdefault(bot_id, _Output())
        for dialler in diallers:
            dialler.start()

    def _stop(self, bot_id: str) -> None:
        # Not waited for: the receiver may run on the very event loop that moved the bot.
        with self._lock:
            diallers = self._diallers.pop(bot_id, [])
            self._stopped.extend(diallers)
        for dialler in diallers:
            dialler.stopping.set()

    def _is_paused(self, bot_id: str) -> bool:
        with self._lock:
            return bot_id in self._paused

    def _is_talking(self, bot_id: str, participant_uuid: str) -> bool:
        with self._lock:
            return (bot_id, participant_uuid) not in self._quiet

    def _participants(self, bot_id: str) -> list[dict[str, Any]]:
        return self._participants_of(bot_id)

    def _output(self, bot_id: str) -> _Output:
        with self._lock:
            return self._outputs.setdefault(bot_id, _Output())

    def _connected(self, bot_id: str) -> None:
        with self._lock:
            self._connections[bot_id] = self._connections.get(bot_id, 0) + 1

    def _take_fault(self) -> int | None:
        with self._lock:
            return self._faults.pop(0) if self._faults else None
