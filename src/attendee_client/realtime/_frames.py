"""The frames a bot sends over its websocket, typed, and the one message it understands back.

A frame is one JSON text message ``{"trigger", "bot_id", "data"}`` (the server's
``bots/websocket_payloads.py``). ``parse_frame`` turns it into a frozen attrs value, decoding
the base64 media; a trigger this version does not know becomes an ``UnknownFrame``, never an
error. A frame that cannot be read raises ``FrameError`` naming the field at fault.
"""

from __future__ import annotations

import binascii
import functools
import json
import sys
from base64 import b64encode
from typing import Any, ClassVar

import attrs

from attendee_client._models import ExtensibleEnum

__all__ = [
    "AUDIO_TRIGGERS",
    "BOT_OUTPUT_TRIGGER",
    "OUTPUT_SAMPLE_RATES",
    "AudioChunk",
    "Frame",
    "FrameError",
    "ParticipantAudioChunk",
    "UnknownFrame",
    "VideoFrame",
    "VideoSource",
    "bot_audio_message",
    "frame_message",
    "parse_frame",
]

MIXED_AUDIO_TRIGGER = "realtime_audio.mixed"
PARTICIPANT_AUDIO_TRIGGER = "realtime_audio.per_participant"
PARTICIPANT_VIDEO_TRIGGER = "realtime_video.per_participant"
BOT_OUTPUT_TRIGGER = "realtime_audio.bot_output"
AUDIO_TRIGGERS = frozenset({MIXED_AUDIO_TRIGGER, PARTICIPANT_AUDIO_TRIGGER})
OUTPUT_SAMPLE_RATES = frozenset({8000, 16000, 24000})
"""The rates the server resamples the bot's audio from."""
_DEFAULT_SAMPLE_RATE = 16000


class FrameError(ValueError):
    """A frame that cannot be read: bad JSON, a missing or mistyped field, bad base64, PCM of
    an odd length. ``field`` names the field at fault (``"data.chunk"``; ``""`` for the whole
    message)."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class VideoSource(ExtensibleEnum):
    """Where a video frame comes from (``VideoFrame.source``)."""

    WEBCAM = "webcam"
    SCREENSHARE = "screenshare"


_SOURCES = {member.value: member for member in VideoSource}


@attrs.frozen(kw_only=True)
class AudioChunk:
    """``realtime_audio.mixed``: a piece of the meeting's mixed audio."""

    trigger: ClassVar[str] = MIXED_AUDIO_TRIGGER
    bot_id: str
    """The bot (or app session) that sent it."""
    pcm: bytes = attrs.field(repr=lambda pcm: f"<{len(pcm)} bytes>")
    """16-bit signed little-endian mono PCM, decoded."""
    sample_rate: int
    """Samples per second (8000, 16000 or 24000)."""
    timestamp_ms: int
    """The server's clock (Unix ms) when it built the frame, not the capture time."""

    @property
    def duration(self) -> float:
        """Seconds of audio in the chunk."""
        return len(self.pcm) / (2 * self.sample_rate)


@attrs.frozen(kw_only=True)
class ParticipantAudioChunk:
    """``realtime_audio.per_participant``: a piece of one participant's audio."""

    trigger: ClassVar[str] = PARTICIPANT_AUDIO_TRIGGER
    bot_id: str
    """The bot (or app session) that sent it."""
    participant_uuid: str
    """Who speaks (their id in the meeting; a ``ParticipantDirectory`` knows the name)."""
    pcm: bytes = attrs.field(repr=lambda pcm: f"<{len(pcm)} bytes>")
    """16-bit signed little-endian mono PCM, decoded."""
    sample_rate: int
    """Samples per second (8000 or 16000)."""
    timestamp_ms: int
    """The server's clock (Unix ms) when it built the frame."""

    @property
    def duration(self) -> float:
        """Seconds of audio in the chunk."""
        return len(self.pcm) / (2 * self.sample_rate)


@attrs.frozen(kw_only=True)
class VideoFrame:
    """``realtime_video.per_participant``: one image of a participant's webcam or screen."""

    trigger: ClassVar[str] = PARTICIPANT_VIDEO_TRIGGER
    bot_id: str
    """The bot (or app session) that sent it."""
    participant_uuid: str
    """Whose webcam or screen share it is."""
    source: VideoSource | str
    """``VideoSource.WEBCAM`` or ``VideoSource.SCREENSHARE``, or the plain string of a new one."""
    image: bytes = attrs.field(repr=lambda image: f"<{len(image)} bytes>")
    """The image, decoded (JPEG bytes for ``format == "jpeg"``)."""
    format: str
    """The image's format: ``"jpeg"`` today."""


@attrs.frozen(kw_only=True)
class UnknownFrame:
    """A frame whose trigger this version does not know, as sent (``data`` JSON-decoded)."""

    trigger: str
    """The trigger, as sent."""
    bot_id: str
    """The bot (or app session) that sent it."""
    data: Any = attrs.field(hash=False)
    """The frame's ``data``, JSON-decoded."""


Frame = AudioChunk | ParticipantAudioChunk | VideoFrame | UnknownFrame
"""Any frame ``parse_frame`` returns."""


if sys.version_info >= (3, 11):
    # Strict: a character outside the alphabet is an error, not skipped.
    _decode_base64 = functools.partial(binascii.a2b_base64, strict_mode=True)

else:  # pragma: no cover - 3.10 has no strict mode
    from base64 import b64decode

    def _decode_base64(text: str) -> bytes:
        return b64decode(text, validate=True)


def _field(data: dict[str, Any], name: str, kind: type[Any], *, default: Any = None) -> Any:
    value = data.get(name, default)
    if value is None:
        raise FrameError(f"the frame has no data.{name}", field=f"data.{name}")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise FrameError(
            f"data.{name} must be a {kind.__name__}, not {type(value).__name__}",
            field=f"data.{name}",
        )
    return value


def _media(data: dict[str, Any], name: str) -> bytes:
    text = _field(data, name, str)
    try:
        return _decode_base64(text)
    except (binascii.Error, ValueError) as error:
        raise FrameError(
            f"data.{name} is not valid base64 ({error})", field=f"data.{name}"
        ) from None


def _pcm(data: dict[str, Any]) -> bytes:
    pcm = _media(data, "chunk")
    if len(pcm) % 2:
        raise FrameError(
            f"data.chunk holds {len(pcm)} bytes: 16-bit PCM has an even length",
            field="data.chunk",
        )
    return pcm


def parse_frame(message: str | bytes) -> Frame:
    """The typed frame in one websocket message from a bot.

    Raises FrameError (a ValueError) naming the field for a message that is not a frame: bad
    JSON, a missing ``trigger``, ``bot_id``, ``data`` or media field, bad base64, PCM of an
    odd length, a sample rate that is not positive. An unknown trigger gives an ``UnknownFrame``.
    """
    try:
        message_object = json.loads(message)
    except (ValueError, UnicodeDecodeError) as error:
        raise FrameError(f"the frame is not JSON ({error})", field="") from None
    if not isinstance(message_object, dict):
        raise FrameError("the frame is not a JSON object", field="")
    trigger = message_object.get("trigger")
    bot_id = message_object.get("bot_id")
    data = message_object.get("data")
    if not isinstance(trigger, str):
        raise FrameError("the frame has no trigger (a string)", field="trigger")
    if not isinstance(bot_id, str):
        raise FrameError("the frame has no bot_id (a string)", field="bot_id")
    if trigger in AUDIO_TRIGGERS:
        # The hot path (50 frames a second per stream): the fields checked in one go; the
        # slow path below names the field at fault.
        if type(data) is dict:
            chunk = data.get("chunk")
            rate = data.get("sample_rate", _DEFAULT_SAMPLE_RATE)
            timestamp_ms = data.get("timestamp_ms")
            if type(chunk) is str and type(rate) is int and rate > 0 and type(timestamp_ms) is int:
                try:
                    pcm = _decode_base64(chunk)
                except (binascii.Error, ValueError):
                    pcm = b"?"  # odd: refused below, with the reason, by _pcm
                if not len(pcm) % 2:
                    if trigger == MIXED_AUDIO_TRIGGER:
                        return AudioChunk(
                            bot_id=bot_id, pcm=pcm, sample_rate=rate, timestamp_ms=timestamp_ms
                        )
                    participant_uuid = data.get("participant_uuid")
                    if type(participant_uuid) is str:
                        return ParticipantAudioChunk(
                            bot_id=bot_id,
                            participant_uuid=participant_uuid,
                            pcm=pcm,
                            sample_rate=rate,
                            timestamp_ms=timestamp_ms,
                        )
        return _audio_frame(trigger, bot_id, _require_object(data))
    if trigger == PARTICIPANT_VIDEO_TRIGGER:
        data = _require_object(data)
        source = _field(data, "source", str)
        return VideoFrame(
            bot_id=bot_id,
            participant_uuid=_field(data, "participant_uuid", str),
            source=_SOURCES.get(source, source),
            image=_media(data, "frame"),
            format=_field(data, "format", str, default="jpeg"),
        )
    return UnknownFrame(trigger=trigger, bot_id=bot_id, data=data)


def _audio_frame(trigger: str, bot_id: str, data: dict[str, Any]) -> Frame:
    """An audio frame, each field checked on its own (raising FrameError naming it)."""
    participant_uuid = None
    if trigger == PARTICIPANT_AUDIO_TRIGGER:
        participant_uuid = _field(data, "participant_uuid", str)
    pcm = _pcm(data)
    rate = _field(data, "sample_rate", int, default=_DEFAULT_SAMPLE_RATE)
    if rate <= 0:
        raise FrameError(
            f"data.sample_rate must be a positive number of samples per second, not {rate}",
            field="data.sample_rate",
        )
    timestamp_ms = _field(data, "timestamp_ms", int)
    if participant_uuid is None:
        return AudioChunk(bot_id=bot_id, pcm=pcm, sample_rate=rate, timestamp_ms=timestamp_ms)
    return ParticipantAudioChunk(
        bot_id=bot_id,
        participant_uuid=participant_uuid,
        pcm=pcm,
        sample_rate=rate,
        timestamp_ms=timestamp_ms,
    )


def _require_object(data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise FrameError("the frame has no data (an object)", field="data")
    return data


def bot_audio_message(pcm: bytes | bytearray | memoryview, sample_rate: int) -> str:
    """The JSON text that asks the bot to speak ``pcm`` (16-bit little-endian mono).

    The server cuts what it receives into 100 ms pieces and drops a partial leftover when
    more than 150 ms pass before the next message: send whole 100 ms multiples (a
    ``RealtimeSession`` does). Raises ValueError for a rate other than 8000, 16000 or 24000
    or an odd byte length.
    """
    pcm = check_output_audio(pcm, sample_rate)
    return json.dumps(
        {
            "trigger": BOT_OUTPUT_TRIGGER,
            "data": {"chunk": b64encode(pcm).decode("ascii"), "sample_rate": sample_rate},
        }
    )


def frame_message(frame: Frame) -> str:
    """The JSON text a bot sends for ``frame``: the inverse of ``parse_frame`` (for tests and
    the fake bot of ``attendee_client.testing``)."""
    data: Any
    if isinstance(frame, (AudioChunk, ParticipantAudioChunk)):
        data = {
            "chunk": b64encode(frame.pcm).decode("ascii"),
            "timestamp_ms": frame.timestamp_ms,
            "sample_rate": frame.sample_rate,
        }
        if isinstance(frame, ParticipantAudioChunk):
            data = {"participant_uuid": frame.participant_uuid, **data}
    elif isinstance(frame, VideoFrame):
        data = {
            "frame": b64encode(frame.image).decode("ascii"),
            "format": frame.format,
            "participant_uuid": frame.participant_uuid,
            "source": str(frame.source),
        }
    else:
        data = frame.data
    return json.dumps({"trigger": frame.trigger, "bot_id": frame.bot_id, "data": data})


def check_output_audio(pcm: bytes | bytearray | memoryview, sample_rate: int) -> bytes:
    """``pcm`` as bytes (a copy of a ``bytearray`` or ``memoryview``, whatever its item
    format, so that the caller may reuse its buffer); refuses audio the bot can never play:
    a rate it does not resample from, odd PCM."""
    if type(sample_rate) is not int or sample_rate not in OUTPUT_SAMPLE_RATES:
        raise ValueError(f"sample_rate must be 8000, 16000 or 24000, not {sample_rate!r}")
    if isinstance(pcm, memoryview):
        pcm = pcm.tobytes()  # its bytes, not its items: len() of an 'h' view counts samples
    elif isinstance(pcm, bytearray):
        pcm = bytes(pcm)
    elif not isinstance(pcm, bytes):
        raise TypeError(f"pcm must be bytes, bytearray or memoryview, not {type(pcm).__name__}")
    if len(pcm) % 2:
        raise ValueError(f"pcm holds {len(pcm)} bytes: 16-bit PCM has an even length")
    return pcm


def parse_bot_audio_message(message: str | bytes) -> tuple[bytes, int] | None:
    """The PCM and rate in a ``realtime_audio.bot_output`` message, or None for anything
    else (the server logs and ignores what it does not understand)."""
    try:
        message_object = json.loads(message)
        if message_object["trigger"] != BOT_OUTPUT_TRIGGER:
            return None
        data = message_object["data"]
        return _decode_base64(data["chunk"]), int(data["sample_rate"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
