"""Who is talking (a directory fed by participant events), and WAV files of a session."""

from __future__ import annotations

import json
import wave
from pathlib import Path
from typing import Any

import pytest

from attendee_client.realtime import (
    AudioChunk,
    ParticipantAudioChunk,
    ParticipantDirectory,
    UnknownFrame,
    WavRecorder,
    chunk_duration,
    write_wav,
)
from attendee_client.types.bots import Participant, ParticipantEvent
from attendee_client.types.webhooks import ParticipantJoinLeaveEvent
from attendee_client.webhooks import parse_event


def event(uuid: str, kind: str, name: str | None = "Alice") -> ParticipantEvent:
    return ParticipantEvent.from_dict(
        {
            "id": f"pe_{uuid}{kind}",
            "participant_name": name,
            "participant_uuid": uuid,
            "participant_user_uuid": None,
            "participant_is_host": False,
            "event_type": kind,
            "event_data": {},
            "timestamp_ms": 1_765_000_000_000,
        }
    )


def test_the_directory_names_a_uuid_from_participant_events() -> None:
    directory = ParticipantDirectory()
    directory.add_events([event("u1", "join"), event("u2", "join", "Bob"), event("u1", "leave")])
    assert directory.name("u1") == "Alice"
    assert directory.name("u2") == "Bob"
    assert directory.name("u3") is None
    assert directory.name("u3", "someone") == "someone"
    assert directory.present == frozenset({"u2"})
    assert "u1" in directory
    assert len(directory) == 2


def test_the_directory_learns_from_a_join_leave_webhook() -> None:
    body: dict[str, Any] = {
        "idempotency_key": "6f1c0f84-0d1c-4e36-9c53-2b4a2d0f7f11",
        "bot_id": "bot_abc",
        "bot_metadata": None,
        "trigger": "participant_events.join_leave",
        "data": event("u9", "join", "Carol").to_dict(),
    }
    webhook = parse_event(json.dumps(body))
    directory = ParticipantDirectory()
    assert isinstance(webhook, ParticipantJoinLeaveEvent)
    directory.add_event(webhook)
    assert directory.name("u9") == "Carol"


def test_a_later_unknown_name_does_not_erase_a_known_one() -> None:
    directory = ParticipantDirectory()
    directory.add_event(event("u1", "join", "Alice"))
    directory.add_event(event("u1", "speech_start", None))
    directory.add_participant(
        Participant.from_dict(
            {"id": "par_1", "name": None, "uuid": "u1", "user_uuid": None, "is_host": False}
        )
    )
    assert directory.name("u1") == "Alice"


def chunk(pcm: bytes, at_ms: int, uuid: str | None = None) -> AudioChunk | ParticipantAudioChunk:
    if uuid is None:
        return AudioChunk(bot_id="bot_abc", pcm=pcm, sample_rate=16000, timestamp_ms=at_ms)
    return ParticipantAudioChunk(
        bot_id="bot_abc", participant_uuid=uuid, pcm=pcm, sample_rate=16000, timestamp_ms=at_ms
    )


def read_wav(path: Path) -> tuple[int, bytes]:
    with wave.open(str(path), "rb") as file:
        assert (file.getnchannels(), file.getsampwidth()) == (1, 2)
        return file.getframerate(), file.readframes(file.getnframes())


def test_the_recorder_writes_mixed_and_one_file_per_participant(tmp_path: Path) -> None:
    with WavRecorder(tmp_path) as recorder:
        recorder.add(chunk(b"\x01\x00" * 320, 1000))
        recorder.add(chunk(b"\x02\x00" * 320, 1020))
        recorder.add(chunk(b"\x03\x00" * 320, 1000, uuid="u/1"))
        recorder.add(UnknownFrame(trigger="x", bot_id="bot_abc", data=None))
    assert sorted(recorder.paths) == ["mixed", "u_1"]
    assert read_wav(tmp_path / "mixed.wav") == (16000, b"\x01\x00" * 320 + b"\x02\x00" * 320)
    assert read_wav(tmp_path / "u_1.wav") == (16000, b"\x03\x00" * 320)


def test_the_recorder_fills_a_pause_with_silence(tmp_path: Path) -> None:
    with WavRecorder(tmp_path) as recorder:
        recorder.add(chunk(b"\x01\x00" * 320, 1000, uuid="u1"))
        recorder.add(chunk(b"\x01\x00" * 320, 2020, uuid="u1"))  # a second later
    _, pcm = read_wav(tmp_path / "u1.wav")
    assert len(pcm) == 640 + 32000 + 640  # 20 ms, the 1 s pause as silence, 20 ms
    assert pcm[640:1280] == bytes(640)


def test_write_wav_and_chunk_duration(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "a.wav", bytes(3200), 16000)
    assert read_wav(path) == (16000, bytes(3200))
    assert chunk_duration(bytes(3200), 16000) == pytest.approx(0.1)
    assert chunk_duration(chunk(bytes(640), 0)) == pytest.approx(0.02)
    with pytest.raises(ValueError, match="sample_rate"):
        chunk_duration(bytes(2))


def test_a_stream_that_changes_its_rate_is_refused(tmp_path: Path) -> None:
    with WavRecorder(tmp_path) as recorder:
        recorder.add(chunk(bytes(640), 0))
        with pytest.raises(ValueError, match="16000 Hz"):
            recorder.add(AudioChunk(bot_id="b", pcm=bytes(640), sample_rate=8000, timestamp_ms=20))


def test_a_prefix_cannot_leave_the_directory(tmp_path: Path) -> None:
    inside = tmp_path / "wav"
    with WavRecorder(inside, prefix="../x-") as recorder:  # a bot id is untrusted input
        recorder.add(chunk(bytes(640), 0))
        recorder.add(chunk(bytes(640), 0, uuid="../u"))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["wav"]
    assert sorted(path.name for path in inside.iterdir()) == [".._x-.._u.wav", ".._x-mixed.wav"]
    assert {path.parent for path in recorder.paths.values()} == {inside}


def test_a_frame_after_close_is_a_clear_error(tmp_path: Path) -> None:
    recorder = WavRecorder(tmp_path)
    recorder.add(chunk(bytes(640), 0))
    recorder.close()
    recorder.close()
    with pytest.raises(ValueError, match="WavRecorder is closed"):
        recorder.add(chunk(bytes(640), 20))
    with pytest.raises(ValueError, match="WavRecorder is closed"):
        recorder.add(chunk(bytes(640), 20, uuid="u1"))
    assert read_wav(tmp_path / "mixed.wav") == (16000, bytes(640))
