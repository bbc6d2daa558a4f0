"""The frames a bot sends parse into typed values; what goes back is what the server reads.
Payloads are built as the server's ``bots/websocket_payloads.py`` builds them."""

from __future__ import annotations

import array
import base64
import json
import subprocess
import sys
from typing import Any

import pytest

from attendee_client import realtime
from attendee_client.realtime import (
    AudioChunk,
    FrameError,
    ParticipantAudioChunk,
    UnknownFrame,
    VideoFrame,
    VideoSource,
    bot_audio_message,
    parse_frame,
)

PCM = bytes(range(256)) * 5  # 1280 bytes: 40 ms at 16 kHz
JPEG = b"\xff\xd8\xff\xe0fake-jpeg\xff\xd9"


def mixed(**data: Any) -> str:
    payload = {
        "chunk": base64.b64encode(PCM).decode("ascii"),
        "timestamp_ms": 1_765_000_000_000,
        "sample_rate": 16000,
    }
    payload.update(data)
    return json.dumps({"trigger": "realtime_audio.mixed", "bot_id": "bot_abc", "data": payload})


def per_participant(**data: Any) -> str:
    payload = {
        "participant_uuid": "16778240",
        "chunk": base64.b64encode(PCM).decode("ascii"),
        "timestamp_ms": 1_765_000_000_020,
        "sample_rate": 8000,
    }
    payload.update(data)
    return json.dumps(
        {"trigger": "realtime_audio.per_participant", "bot_id": "bot_abc", "data": payload}
    )


def video(**data: Any) -> str:
    payload = {
        "frame": base64.b64encode(JPEG).decode("ascii"),
        "format": "jpeg",
        "participant_uuid": "16778240",
        "source": "screenshare",
    }
    payload.update(data)
    return json.dumps(
        {"trigger": "realtime_video.per_participant", "bot_id": "bot_abc", "data": payload}
    )


def test_mixed_audio_parses_with_its_pcm_decoded() -> None:
    frame = parse_frame(mixed())
    assert frame == AudioChunk(
        bot_id="bot_abc", pcm=PCM, sample_rate=16000, timestamp_ms=1_765_000_000_000
    )
    assert frame.trigger == "realtime_audio.mixed"
    assert frame.duration == pytest.approx(0.04)


def test_per_participant_audio_parses_with_the_participant() -> None:
    frame = parse_frame(per_participant().encode())
    assert isinstance(frame, ParticipantAudioChunk)
    assert (frame.participant_uuid, frame.pcm, frame.sample_rate) == ("16778240", PCM, 8000)
    assert frame.trigger == "realtime_audio.per_participant"


def test_a_missing_sample_rate_is_the_servers_default() -> None:
    message = json.loads(mixed())
    del message["data"]["sample_rate"]
    frame = parse_frame(json.dumps(message))
    assert isinstance(frame, AudioChunk)
    assert frame.sample_rate == 16000


def test_video_frame_parses_with_its_image_decoded_and_source_typed() -> None:
    frame = parse_frame(video())
    assert isinstance(frame, VideoFrame)
    assert frame.image == JPEG
    assert frame.source is VideoSource.SCREENSHARE
    source: object = frame.source
    assert source == "screenshare"
    assert (frame.format, frame.participant_uuid, frame.bot_id) == ("jpeg", "16778240", "bot_abc")


def test_a_new_video_source_is_kept_as_its_string() -> None:
    frame = parse_frame(video(source="camera_2"))
    assert isinstance(frame, VideoFrame)
    assert frame.source == "camera_2"


def test_an_unknown_trigger_passes_through_as_an_unknown_frame() -> None:
    text = json.dumps({"trigger": "realtime_captions.live", "bot_id": "bot_abc", "data": {"x": 1}})
    frame = parse_frame(text)
    assert frame == UnknownFrame(trigger="realtime_captions.live", bot_id="bot_abc", data={"x": 1})


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ("{not json", ""),
        ("[1, 2]", ""),
        (json.dumps({"bot_id": "bot_abc", "data": {}}), "trigger"),
        (json.dumps({"trigger": "realtime_audio.mixed", "data": {}}), "bot_id"),
        (json.dumps({"trigger": "realtime_audio.mixed", "bot_id": "b", "data": None}), "data"),
        (json.dumps({"trigger": "realtime_audio.mixed", "bot_id": "b", "data": {}}), "data.chunk"),
        (mixed(chunk="not base64!"), "data.chunk"),
        (mixed(chunk=base64.b64encode(b"abc").decode()), "data.chunk"),
        (mixed(timestamp_ms="soon"), "data.timestamp_ms"),
        (mixed(sample_rate=True), "data.sample_rate"),
        (mixed(sample_rate=0), "data.sample_rate"),
        (per_participant(sample_rate=-16000), "data.sample_rate"),
        (per_participant(participant_uuid=None), "data.participant_uuid"),
        (video(frame="%%%"), "data.frame"),
        (video(source=None), "data.source"),
    ],
)
def test_a_malformed_frame_raises_frame_error_naming_the_field(message: str, field: str) -> None:
    with pytest.raises(FrameError) as caught:
        parse_frame(message)
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)
    if field:
        assert field in str(caught.value)


def test_frame_reprs_show_sizes_not_media() -> None:
    assert "<1280 bytes>" in repr(parse_frame(mixed()))


def test_bot_audio_message_is_what_the_server_reads() -> None:
    # bot_controller.on_message_from_websocket_audio reads trigger, data.chunk, data.sample_rate
    message = json.loads(bot_audio_message(PCM, 24000))
    assert message["trigger"] == "realtime_audio.bot_output"
    assert base64.b64decode(message["data"]["chunk"]) == PCM
    assert message["data"]["sample_rate"] == 24000


@pytest.mark.parametrize("rate", [44100, 48000, 0, 16000.0, True])
def test_bot_audio_message_refuses_a_rate_the_server_cannot_play(rate: Any) -> None:
    with pytest.raises(ValueError, match="sample_rate"):
        bot_audio_message(PCM, rate)


def test_bot_audio_message_takes_any_buffer_by_its_bytes() -> None:
    samples = array.array("h", [1, -2, 3])  # 3 samples, 6 bytes
    for pcm in (memoryview(samples), bytearray(samples.tobytes())):
        message = json.loads(bot_audio_message(pcm, 16000))
        assert base64.b64decode(message["data"]["chunk"]) == samples.tobytes()


def test_bot_audio_message_refuses_odd_pcm() -> None:
    with pytest.raises(ValueError, match="even length"):
        bot_audio_message(b"\x00\x01\x02", 16000)


def test_importing_the_package_imports_neither_realtime_nor_websockets() -> None:
    code = (
        "import sys, attendee_client; "
        "print('attendee_client.realtime' in sys.modules, 'websockets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_importing_realtime_does_not_import_websockets() -> None:
    code = "import sys, attendee_client.realtime; print('websockets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_serve_without_websockets_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "websockets", None)
    monkeypatch.setitem(sys.modules, "websockets.asyncio", None)
    monkeypatch.setitem(sys.modules, "websockets.asyncio.server", None)

    async def handler(session: realtime.RealtimeSession) -> None:
        raise AssertionError("never called")

    with pytest.raises(ImportError, match=r"attendee-client\[realtime\]"):
        async with realtime.serve(handler):
            pass


@pytest.mark.parametrize("message", [mixed(), per_participant(), video()])
def test_frame_message_is_the_inverse_of_parse_frame(message: str) -> None:
    frame = parse_frame(message)
    assert parse_frame(realtime.frame_message(frame)) == frame
    assert json.loads(realtime.frame_message(frame)) == json.loads(message)


def test_frame_message_of_an_unknown_frame_keeps_its_data() -> None:
    frame = UnknownFrame(trigger="x.y", bot_id="bot_abc", data={"k": [1]})
    assert parse_frame(realtime.frame_message(frame)) == frame
