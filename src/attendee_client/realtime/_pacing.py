"""When the bot's audio leaves: real-time pace, 100 ms pieces, a bounded lead.

The server plays what it receives from an unbounded queue with no way to clear it, so audio
that has left can no longer be interrupted. ``AudioPacer`` therefore holds the audio and
releases it as the bot plays it: a piece leaves only while the audio already sent and not
yet played (the *lead*) stays at most ``lead`` seconds (300 ms by default). It is pure: it
is told the time, so a test drives it with a made-up clock; ``RealtimeSession`` runs it.
"""

from __future__ import annotations

from collections import deque

__all__ = ["LEAD_SECONDS", "PIECE_SECONDS", "AudioPacer"]

PIECE_SECONDS = 0.1
"""The server cuts the bot's audio into 100 ms pieces; the pacer sends exactly those."""
LEAD_SECONDS = 0.3
"""At most this much audio is sent ahead of the bot's playback (what an interrupt cannot stop)."""


def piece_bytes(sample_rate: int) -> int:
    """Bytes in one 100 ms piece of 16-bit mono PCM at ``sample_rate``."""
    return int(2 * PIECE_SECONDS * sample_rate)


class AudioPacer:
    """Audio queued for the bot, cut into 100 ms pieces, released at real-time pace.

    ``push`` queues PCM; ``due(now)`` gives the pieces to send at ``now`` (never more than
    the lead allows); ``next_due(now)`` says when the next piece may go. A partial last piece
    waits until the bot would otherwise run dry (the lead is down to one piece), then leaves
    padded with silence: the server drops a partial leftover, never a whole piece.
    ``interrupt()`` drops everything not yet sent and returns its seconds.
    """

    def __init__(self, *, lead: float = LEAD_SECONDS) -> None:
        if not PIECE_SECONDS <= lead <= LEAD_SECONDS:
            raise ValueError(f"lead must be between {PIECE_SECONDS} and {LEAD_SECONDS} s")
        self.lead = lead
        self._pieces: deque[tuple[bytes, int]] = deque()
        self._partial = b""
        self._partial_rate = 0
        self._played_until = 0.0
        self.sent_seconds = 0.0
        """Seconds of audio released so far (silence padding included)."""

    def push(self, pcm: bytes, sample_rate: int) -> None:
        """Queue ``pcm`` (16-bit mono at ``sample_rate``) after what is queued."""
        if self._partial and sample_rate != self._partial_rate:
            self._pad_partial()
        size = piece_bytes(sample_rate)
        buffer = self._partial + bytes(pcm)
        whole = len(buffer) - len(buffer) % size
        for start in range(0, whole, size):
            self._pieces.append((buffer[start : start + size], sample_rate))
        self._partial = buffer[whole:]
        self._partial_rate = sample_rate

    @property
    def queued_seconds(self) -> float:
        """Seconds of audio queued and not yet released."""
        queued = len(self._pieces) * PIECE_SECONDS
        if self._partial:
            queued += len(self._partial) / (2 * self._partial_rate)
        return queued

    @property
    def empty(self) -> bool:
        """Whether nothing is left to release."""
        return not self._pieces and not self._partial

    def lead_at(self, now: float) -> float:
        """Seconds of released audio the bot has not played yet at ``now``."""
        return max(0.0, self._played_until - now)

    def due(self, now: float) -> list[tuple[bytes, int]]:
        """The pieces to send at ``now``, oldest first (each 100 ms, with its rate)."""
        released: list[tuple[bytes, int]] = []
        while True:
            lead = self.lead_at(now)
            if not self._pieces and self._partial and lead <= PIECE_SECONDS + 1e-9:
                self._pad_partial()
            if not self._pieces or lead + PIECE_SECONDS > self.lead + 1e-9:
                return released
            released.append(self._pieces.popleft())
            self._played_until = max(self._played_until, now) + PIECE_SECONDS
            self.sent_seconds += PIECE_SECONDS

    def next_due(self, now: float) -> float | None:
        """Seconds from ``now`` until ``due`` gives something, or None when nothing is queued."""
        if self._pieces:
            return max(0.0, self.lead_at(now) + PIECE_SECONDS - self.lead)
        if self._partial:
            return max(0.0, self.lead_at(now) - PIECE_SECONDS)
        return None

    def interrupt(self) -> float:
        """Drop what is queued and not yet released; the seconds dropped."""
        dropped = self.queued_seconds
        self._pieces.clear()
        self._partial = b""
        return dropped

    def _pad_partial(self) -> None:
        size = piece_bytes(self._partial_rate)
        self._pieces.append((self._partial + bytes(size - len(self._partial)), self._partial_rate))
        self._partial = b""
