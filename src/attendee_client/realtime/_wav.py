"""Audio helpers: a chunk's duration, and WAV files (stdlib ``wave``) from a session's audio."""

from __future__ import annotations

import re
import wave
from pathlib import Path
from types import TracebackType

from attendee_client.realtime._frames import AudioChunk, Frame, ParticipantAudioChunk

__all__ = ["WavRecorder", "chunk_duration", "write_wav"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
GAP_SECONDS = 0.2
"""A pause longer than this between two chunks of a stream is written as silence."""


def chunk_duration(
    pcm: bytes | AudioChunk | ParticipantAudioChunk, sample_rate: int | None = None
) -> float:
    """Seconds of 16-bit mono audio in ``pcm`` at ``sample_rate`` (or in an audio frame)."""
    if isinstance(pcm, (AudioChunk, ParticipantAudioChunk)):
        return pcm.duration
    if sample_rate is None or sample_rate <= 0:
        raise ValueError("sample_rate must be a positive number of samples per second")
    return len(pcm) / (2 * sample_rate)


def write_wav(path: str | Path, pcm: bytes, sample_rate: int) -> Path:
    """Write 16-bit mono ``pcm`` to a WAV file at ``path``; returns the path."""
    target = Path(path)
    with wave.open(str(target), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(sample_rate)
        file.writeframes(pcm)
    return target


class _Track:
    def __init__(self, path: Path, sample_rate: int, first_ms: int) -> None:
        self.path = path
        self.sample_rate = sample_rate
        self.first_ms = first_ms
        self.written = 0
        self.file = wave.open(str(path), "wb")  # noqa: SIM115 - closed by WavRecorder.close
        self.file.setnchannels(1)
        self.file.setsampwidth(2)
        self.file.setframerate(sample_rate)

    def write(self, pcm: bytes, timestamp_ms: int, fill_gaps: bool) -> None:
        if fill_gaps:
            behind = (timestamp_ms - self.first_ms) / 1000 - self.written / (2 * self.sample_rate)
            if behind > GAP_SECONDS:
                silence = bytes(2 * int(behind * self.sample_rate))
                self.file.writeframes(silence)
                self.written += len(silence)
        self.file.writeframes(pcm)
        self.written += len(pcm)


class WavRecorder:
    """Writes the audio frames it is given to WAV files in ``directory``: ``mixed.wav`` for
    the mixed audio, ``<participant_uuid>.wav`` for each participant (their name is not in
    the frames). Keep one recorder per bot across its connections (a reconnect continues
    the same files). A pause of more than 200 ms in a stream, by the frames' timestamps, is
    written as silence when ``fill_gaps`` (the default), so files stay in step with the
    meeting. Raises ValueError when a stream changes its sample rate. ``prefix`` starts every
    file name; like the participant uuids it is made safe (anything but letters, digits,
    ``.``, ``_`` and ``-`` becomes ``_``), so a bot id in it cannot leave ``directory``.
    """

    def __init__(self, directory: str | Path, *, prefix: str = "", fill_gaps: bool = True) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prefix = _UNSAFE.sub("_", prefix)
        self.fill_gaps = fill_gaps
        self._tracks: dict[str, _Track] = {}
        self._closed = False

    def __repr__(self) -> str:
        return f"<WavRecorder {str(self.directory)!r} {len(self._tracks)} files>"

    def add(self, frame: Frame) -> None:
        """Write an audio frame to its file; other frames are ignored. Raises ValueError
        after ``close()`` (close a recorder once its sessions have ended)."""
        if self._closed:
            raise ValueError("the WavRecorder is closed: its files are finished")
        if isinstance(frame, ParticipantAudioChunk):
            name = _UNSAFE.sub("_", frame.participant_uuid) or "participant"
        elif isinstance(frame, AudioChunk):
            name = "mixed"
        else:
            return
        track = self._tracks.get(name)
        if track is None:
            path = self.directory / f"{self.prefix}{name}.wav"
            track = self._tracks[name] = _Track(path, frame.sample_rate, frame.timestamp_ms)
        elif track.sample_rate != frame.sample_rate:
            raise ValueError(
                f"{track.path.name} is {track.sample_rate} Hz; "
                f"a frame came at {frame.sample_rate} Hz"
            )
        track.write(frame.pcm, frame.timestamp_ms, self.fill_gaps)

    @property
    def paths(self) -> dict[str, Path]:
        """The files written so far: ``"mixed"`` or a participant's uuid (made safe) to path."""
        return {name: track.path for name, track in self._tracks.items()}

    def close(self) -> None:
        """Finish the files (their headers get their lengths). Closing twice is harmless."""
        self._closed = True
        for track in self._tracks.values():
            track.file.close()

    def __enter__(self) -> WavRecorder:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
