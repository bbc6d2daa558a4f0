"""The bot's audio leaves at real-time pace: the pacer is told the time, so these tests make
time up (no sleeps). The server cuts audio into 100 ms pieces and drops a partial leftover
after 150 ms (``realtime_audio_output_manager.py``): the pacer sends only whole pieces."""

from __future__ import annotations

import pytest

from attendee_client.realtime import LEAD_SECONDS, AudioPacer

RATE = 16000
PIECE = 3200  # bytes in 100 ms at 16 kHz


def tone(seconds: float, rate: int = RATE) -> bytes:
    samples = int(seconds * rate)
    return b"".join((i % 128).to_bytes(2, "little") for i in range(samples))


def run(pacer: AudioPacer, until: float, step: float = 0.01) -> list[tuple[float, bytes]]:
    """Drive the pacer on a made-up clock; each piece with the time it left."""
    sent: list[tuple[float, bytes]] = []
    now = 0.0
    while now <= until + 1e-9:
        sent.extend((now, piece) for piece, _ in pacer.due(now))
        now = round(now + step, 6)
    return sent


def test_audio_leaves_in_whole_100ms_pieces_byte_identical() -> None:
    pacer = AudioPacer()
    clip = tone(1.0)
    pacer.push(clip, RATE)
    sent = run(pacer, 2.0)
    assert all(len(piece) == PIECE for _, piece in sent)
    assert b"".join(piece for _, piece in sent) == clip


def test_never_more_than_the_lead_ahead_of_playback() -> None:
    pacer = AudioPacer()
    pacer.push(tone(1.0), RATE)
    sent = run(pacer, 2.0)
    assert [round(t, 2) for t, _ in sent[:3]] == [0.0, 0.0, 0.0]  # the 300 ms lead at once
    for index, (moment, _) in enumerate(sent):
        ahead = (index + 1) * 0.1 - moment
        assert ahead <= LEAD_SECONDS + 1e-9
    # 1.0 s of audio takes 0.7 s to leave: real time less the lead, never all at once.
    assert sent[-1][0] == pytest.approx(0.7)


def test_pieces_pushed_in_small_bits_are_joined_into_whole_pieces() -> None:
    pacer = AudioPacer()
    clip = tone(0.5)
    for start in range(0, len(clip), 640):  # 20 ms at a time, as a TTS stream gives it
        pacer.push(clip[start : start + 640], RATE)
    sent = run(pacer, 1.0)
    assert b"".join(piece for _, piece in sent) == clip
    assert {len(piece) for _, piece in sent} == {PIECE}


def test_a_final_partial_piece_is_padded_with_silence() -> None:
    pacer = AudioPacer()
    clip = tone(0.25)
    pacer.push(clip, RATE)
    sent = run(pacer, 1.0)
    assert [len(piece) for _, piece in sent] == [PIECE, PIECE, PIECE]
    last = sent[-1][1]
    assert last[: len(clip) - 2 * PIECE] == clip[2 * PIECE :]
    assert last[len(clip) - 2 * PIECE :] == bytes(PIECE - (len(clip) - 2 * PIECE))


def test_a_partial_piece_waits_for_more_audio_while_the_bot_still_plays() -> None:
    pacer = AudioPacer()
    pacer.push(tone(0.25), RATE)
    assert len(pacer.due(0.0)) == 2  # the half piece is held: more may come
    pacer.push(tone(0.05), RATE)  # completes it
    assert [len(piece) for piece, _ in pacer.due(0.0)] == [PIECE]
    assert pacer.empty


def test_next_due_says_when_to_look_again() -> None:
    pacer = AudioPacer()
    assert pacer.next_due(0.0) is None
    pacer.push(tone(1.0), RATE)
    pacer.due(0.0)
    assert pacer.next_due(0.0) == pytest.approx(0.1)
    assert pacer.next_due(0.05) == pytest.approx(0.05)
    assert pacer.due(0.05) == []
    assert len(pacer.due(0.1)) == 1


def test_interrupt_drops_what_is_queued_and_returns_its_seconds() -> None:
    pacer = AudioPacer()
    pacer.push(tone(3.0), RATE)
    sent = run(pacer, 1.0)
    # After 1 s: 1.3 s has left (1 s played, 300 ms lead); the rest is dropped.
    assert len(sent) == 13
    assert pacer.interrupt() == pytest.approx(1.7)
    assert pacer.empty
    assert pacer.due(5.0) == []


def test_interrupt_counts_a_partial_piece() -> None:
    pacer = AudioPacer()
    pacer.push(tone(0.35), RATE)
    pacer.due(0.0)
    assert pacer.interrupt() == pytest.approx(0.05)


def test_a_rate_change_pads_the_partial_piece_of_the_old_rate() -> None:
    pacer = AudioPacer()
    pacer.push(tone(0.15, 16000), 16000)
    pacer.push(tone(0.1, 24000), 24000)
    released = run_rates(pacer)
    assert released == [(16000, 3200), (16000, 3200), (24000, 4800)]


def run_rates(pacer: AudioPacer) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    now = 0.0
    while not pacer.empty:
        out.extend((rate, len(piece)) for piece, rate in pacer.due(now))
        now += 0.05
    return out


def test_playback_that_ran_dry_starts_again_from_now() -> None:
    pacer = AudioPacer()
    pacer.push(tone(0.1), RATE)
    assert len(pacer.due(0.0)) == 1
    pacer.push(tone(0.5), RATE)
    assert len(pacer.due(10.0)) == 3  # the bot went quiet long ago: the lead is whole again


def test_the_lead_cannot_exceed_300ms() -> None:
    with pytest.raises(ValueError, match="lead"):
        AudioPacer(lead=0.5)
