"""Transcripts as plain text and subtitles, and utterances joined into speaker turns.

    from attendee_client import transcripts

    utterances = client.bots.transcript(bot_id)
    recording = client.bots.recording(bot_id)
    text = transcripts.to_text(utterances)                                    # [00:01:02] Alice: …
    srt = transcripts.to_srt(utterances, start_ms=recording.start_timestamp_ms)
    vtt = transcripts.to_vtt(utterances, start_ms=recording.start_timestamp_ms)
    turns = transcripts.merge_turns(utterances)                               # one per turn

Pure functions over ``TranscriptUtterance`` models (bots and app sessions return the same
model): no I/O, and ``import attendee_client`` does not import this module.

Times are relative to ``start_ms``, a Unix time in milliseconds. Pass the recording's
``start_timestamp_ms`` so that subtitles line up with the downloaded video; the default is the
earliest utterance's ``timestamp_ms``. Utterances with an empty transcript are left out, and
whitespace in texts and speaker names (line breaks included) is collapsed to single spaces.

Subtitles: an utterance spans ``timestamp_ms`` to ``timestamp_ms + duration_ms`` (without a
duration: to its last word's end, or for an estimate of 60 ms a character, at least a second).
One that fits is one cue of exactly that span; a longer one is cut into cues of at most
``MAX_LINES_PER_CUE`` lines of at most ``MAX_LINE_LENGTH`` characters (a longer word is cut)
lasting at most ``MAX_CUE_DURATION_MS`` (a single word that lasts longer stays one cue). Cut
times come from the provider's word timings (``transcription["words"]``: ``punctuated_word``
or ``word``, ``start`` and ``end`` in seconds from the utterance's start; scaled down to fit
when they run past the utterance's end) when every word has them, and otherwise from the span
shared out by characters. An utterance's cues are contiguous: the first starts at
``timestamp_ms``, each ends where the next begins, the last ends with the utterance.
Cues never overlap and always last at least 1 ms: where
speakers talk over each other, a cue is cut short when the next one begins, and one that
would start before the previous one ends is moved after it. A cue that starts before
``start_ms`` is dropped if it ends by then too, and otherwise starts at 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, TypeGuard

import attrs

from attendee_client.types.bots import TranscriptUtterance

__all__ = [
    "MAX_CUE_DURATION_MS",
    "MAX_LINES_PER_CUE",
    "MAX_LINE_LENGTH",
    "merge_turns",
    "to_srt",
    "to_text",
    "to_vtt",
]

MAX_LINE_LENGTH = 42
"""The most characters on one subtitle line (the speaker label is not counted)."""

MAX_LINES_PER_CUE = 2
"""The most lines in one subtitle cue."""

MAX_CUE_DURATION_MS = 7_000
"""The longest from a cue's start to its last word's end, in milliseconds, unless the cue is
one word (a cue stays up until the next cue of its utterance begins)."""

# Without a duration or word timings an utterance is given about the time it takes to read
# it (15 to 17 characters a second), so its subtitle stays up long enough.
_ESTIMATED_MS_PER_CHARACTER = 60
_MINIMUM_ESTIMATED_MS = 1_000


class _Cue(NamedTuple):
    start_ms: int
    end_ms: int
    speaker: str
    lines: list[str]


# --- validation ------------------------------------------------------------------------


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked(utterances: Iterable[TranscriptUtterance]) -> list[TranscriptUtterance]:
    """The utterances as a list, each checked to be one with usable times."""
    if isinstance(utterances, (str, bytes, Mapping)) or not isinstance(utterances, Iterable):
        raise TypeError(
            "utterances must be an iterable of TranscriptUtterance, "
            f"not {type(utterances).__name__}"
        )
    checked = list(utterances)
    for index, utterance in enumerate(checked):
        if not isinstance(utterance, TranscriptUtterance):
            raise TypeError(
                f"utterances[{index}] is a {type(utterance).__name__}, not a TranscriptUtterance"
            )
        timestamp, duration = utterance.timestamp_ms, utterance.duration_ms
        if not _is_integer(timestamp):
            raise TypeError(f"utterances[{index}].timestamp_ms must be an int, not {timestamp!r}")
        if timestamp < 0:
            raise ValueError(f"utterances[{index}].timestamp_ms is negative: {timestamp}")
        if duration is not None and not _is_integer(duration):
            raise TypeError(
                f"utterances[{index}].duration_ms must be an int or None, not {duration!r}"
            )
        if duration is not None and duration < 0:
            raise ValueError(f"utterances[{index}].duration_ms is negative: {duration}")
    return checked


def _checked_milliseconds(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if not _is_integer(value):
        raise TypeError(f"{name} must be an int or None, not {value!r}")
    if value < 0:
        raise ValueError(f"{name} is negative: {value}")
    return value


def _origin(utterances: list[TranscriptUtterance], start_ms: int | None) -> int:
    start_ms = _checked_milliseconds("start_ms", start_ms)
    if start_ms is not None:
        return start_ms
    return min((u.timestamp_ms for u in utterances), default=0)


def _speaker(utterance: TranscriptUtterance) -> str:
    name = utterance.speaker_name
    return " ".join(name.split()) if isinstance(name, str) else ""


# --- plain text --------------------------------------------------------------------------


def to_text(utterances: Iterable[TranscriptUtterance], *, start_ms: int | None = None) -> str:
    """The transcript as plain text, one line per utterance: ``[00:01:02] Alice: text``.

    Lines keep the utterances' order. The time (hours always shown, seconds rounded down) is
    relative to ``start_ms``, by default the earliest utterance's ``timestamp_ms``; an
    utterance before ``start_ms`` shows ``00:00:00``: plain text drops nothing. Without a
    speaker name the line has no label. Raises TypeError for something that is not an
    iterable of ``TranscriptUtterance`` or a time that is not an int, ValueError for a
    negative time.
    """
    checked = _checked(utterances)
    origin = _origin(checked, start_ms)
    lines = []
    for utterance in checked:
        text = " ".join(utterance.text.split())
        if not text:
            continue
        seconds = max(0, utterance.timestamp_ms - origin) // 1000
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        speaker = _speaker(utterance)
        label = f"{speaker}: " if speaker else ""
        lines.append(f"[{hours:02d}:{minutes:02d}:{seconds:02d}] {label}{text}\n")
    return "".join(lines)


# --- cutting utterances into cues ------------------------------------------------------


def _is_seconds(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _word_spans(transcription: Mapping[str, Any] | None) -> list[tuple[int, int, int]] | None:
    """Each word's (characters, start, end), in milliseconds from the utterance's start, or
    None when the provider gave no usable word timings."""
    words = transcription.get("words") if isinstance(transcription, Mapping) else None
    if not isinstance(words, (list, tuple)):
        return None
    spans = []
    for word in words:
        if not isinstance(word, Mapping):
            return None
        text = word.get("punctuated_word")
        if not isinstance(text, str):
            text = word.get("word")
        start, end = word.get("start"), word.get("end")
        if not isinstance(text, str) or not _is_seconds(start) or not _is_seconds(end):
            return None
        if not 0 <= start <= end:
            return None
        characters = sum(map(len, text.split()))
        if characters:  # ElevenLabs gives the spaces between words as words
            spans.append((characters, round(start * 1000), round(end * 1000)))
    return spans or None


def _pieces(text: str) -> list[str]:
    """The text's words, each word longer than a line (a URL, a language written without
    spaces) cut into pieces that fit."""
    pieces = []
    for word in text.split():
        if len(word) <= MAX_LINE_LENGTH:
            pieces.append(word)
        else:
            pieces.extend(
                word[offset : offset + MAX_LINE_LENGTH]
                for offset in range(0, len(word), MAX_LINE_LENGTH)
            )
    return pieces


def _wrap(pieces: list[str]) -> list[str] | None:
    """The pieces on lines that fit, or None when they need more lines than one cue has."""
    lines: list[str] = []
    line = pieces[0]
    for piece in pieces[1:]:
        if len(line) + 1 + len(piece) <= MAX_LINE_LENGTH:
            line = f"{line} {piece}"
        elif len(lines) + 1 < MAX_LINES_PER_CUE:
            lines.append(line)
            line = piece
        else:
            return None
    lines.append(line)
    return lines


def _balanced(lines: list[str]) -> list[str]:
    """Two lines re-cut where the longer of them is shortest (no one-word second line
    under a full first one); one line as it is."""
    if len(lines) < 2:
        return lines
    pieces = " ".join(lines).split(" ")
    best = lines
    for cut in range(1, len(pieces)):
        first, second = " ".join(pieces[:cut]), " ".join(pieces[cut:])
        longest = max(len(first), len(second))
        if longest <= MAX_LINE_LENGTH and longest < max(map(len, best)):
            best = [first, second]
    return best


def _piece_times(
    pieces: list[str], duration: int, spans: list[tuple[int, int, int]] | None
) -> list[tuple[int, int]]:
    """Each piece's start and end, in milliseconds from the utterance's start, never
    decreasing and never after ``duration``."""
    characters = [len(piece) for piece in pieces]
    total = sum(characters)
    times = []
    position = 0
    if spans is None:
        for count in characters:
            times.append((position * duration // total, (position + count) * duration // total))
            position += count
        return times
    words_end = max(end for _, _, end in spans)
    if words_end > duration:
        spans = [
            (count, word_start * duration // words_end, word_end * duration // words_end)
            for count, word_start, word_end in spans
        ]
    # A transcript character maps to the word holding the same share of the words'
    # characters: exact when both spell the same text, close when punctuation differs.
    owner = [index for index, (count, _, _) in enumerate(spans) for _ in range(count)]
    word_total = len(owner)
    latest = 0
    for count in characters:
        first = spans[owner[position * word_total // total]][1]
        last = spans[owner[(position + count - 1) * word_total // total]][2]
        latest = max(latest, first)
        times.append((latest, max(latest, last)))
        position += count
    return times


def _utterance_cues(utterance: TranscriptUtterance) -> list[_Cue]:
    """The utterance cut into cues of readable size, contiguous, in absolute times."""
    pieces = _pieces(utterance.text)
    if not pieces:
        return []
    start, duration = utterance.timestamp_ms, utterance.duration_ms
    spans = None
    if duration is None:
        spans = _word_spans(utterance.transcription)
        if spans is not None:
            duration = max(end for _, _, end in spans)
        else:
            characters = sum(map(len, pieces))
            duration = max(_MINIMUM_ESTIMATED_MS, _ESTIMATED_MS_PER_CHARACTER * characters)
    speaker = _speaker(utterance)
    wrapped = _wrap(pieces) if duration <= MAX_CUE_DURATION_MS else None
    if wrapped is not None:  # the common case: the utterance is one cue
        return [_Cue(start, start + duration, speaker, _balanced(wrapped))]
    if utterance.duration_ms is not None:
        spans = _word_spans(utterance.transcription)
    times = _piece_times(pieces, duration, spans)
    groups: list[tuple[int, list[str]]] = []  # (start, lines), from the utterance's start
    lines: list[str] = []
    line, cue_start = pieces[0], 0
    for piece, (piece_start, piece_end) in zip(pieces[1:], times[1:], strict=True):
        fits_in_time = piece_end - cue_start <= MAX_CUE_DURATION_MS
        if fits_in_time and len(line) + 1 + len(piece) <= MAX_LINE_LENGTH:
            line = f"{line} {piece}"
        elif fits_in_time and len(lines) + 1 < MAX_LINES_PER_CUE:
            lines.append(line)
            line = piece
        else:
            groups.append((cue_start, [*lines, line]))
            lines, line, cue_start = [], piece, piece_start
    groups.append((cue_start, [*lines, line]))
    starts = [start] + [start + group_start for group_start, _ in groups[1:]]
    ends = [*starts[1:], start + duration]
    return [
        _Cue(cue_start, cue_end, speaker, _balanced(group_lines))
        for cue_start, cue_end, (_, group_lines) in zip(starts, ends, groups, strict=True)
    ]


def _cues(utterances: Iterable[TranscriptUtterance], start_ms: int | None) -> list[_Cue]:
    """Every utterance's cues relative to the origin: sorted, never overlapping, never
    empty in time, none before the origin."""
    checked = _checked(utterances)
    origin = _origin(checked, start_ms)
    relative = []
    for utterance in checked:
        for cue in _utterance_cues(utterance):
            if cue.end_ms > origin or cue.start_ms >= origin:
                start = max(0, cue.start_ms - origin)
                relative.append(_Cue(start, cue.end_ms - origin, cue.speaker, cue.lines))
    relative.sort(key=lambda cue: cue.start_ms)
    placed = []
    previous_end = 0
    for index, cue in enumerate(relative):
        start, end = max(cue.start_ms, previous_end), cue.end_ms
        if index + 1 < len(relative) and relative[index + 1].start_ms > start:
            end = min(end, relative[index + 1].start_ms)
        end = max(end, start + 1)
        placed.append(_Cue(start, end, cue.speaker, cue.lines))
        previous_end = end
    return placed


def _clock(milliseconds: int, separator: str) -> str:
    seconds, milliseconds = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{milliseconds:03d}"


# --- subtitles ---------------------------------------------------------------------------


def to_srt(utterances: Iterable[TranscriptUtterance], *, start_ms: int | None = None) -> str:
    """The transcript as SubRip (``.srt``) subtitles: cues numbered from 1, times as
    ``00:00:01,000 --> 00:00:04,200``, each cue's first line labelled ``Alice: ``.

    Times are relative to ``start_ms`` (pass the recording's ``start_timestamp_ms``; by
    default the earliest utterance's ``timestamp_ms``); the module's docstring says how
    utterances are cut into cues. SubRip has no escaping: text is written as it is. An empty
    transcript gives "". Raises TypeError for something that is not an iterable of
    ``TranscriptUtterance`` or a time that is not an int, ValueError for a negative time.
    """
    blocks = []
    for number, cue in enumerate(_cues(utterances, start_ms), start=1):
        label = f"{cue.speaker}: " if cue.speaker else ""
        text = "\n".join(cue.lines)
        blocks.append(
            f"{number}\n{_clock(cue.start_ms, ',')} --> {_clock(cue.end_ms, ',')}\n{label}{text}\n"
        )
    return "\n".join(blocks)


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(utterances: Iterable[TranscriptUtterance], *, start_ms: int | None = None) -> str:
    """The transcript as WebVTT (``.vtt``) subtitles: a ``WEBVTT`` header, then cues
    numbered from 1, times as ``00:00:01.000 --> 00:00:04.200``, the speaker as a voice span
    (``<v Alice>``).

    Times and cues as ``to_srt``; ``&``, ``<`` and ``>`` in texts and names are escaped. An
    empty transcript gives the header alone. Raises TypeError for something that is not an
    iterable of ``TranscriptUtterance`` or a time that is not an int, ValueError for a
    negative time.
    """
    blocks = ["WEBVTT\n"]
    for number, cue in enumerate(_cues(utterances, start_ms), start=1):
        voice = f"<v {_escape_vtt(cue.speaker)}>" if cue.speaker else ""
        text = "\n".join(_escape_vtt(line) for line in cue.lines)
        blocks.append(
            f"{number}\n{_clock(cue.start_ms, '.')} --> {_clock(cue.end_ms, '.')}\n{voice}{text}\n"
        )
    return "\n".join(blocks)


# --- turns ---------------------------------------------------------------------------------


def _same_speaker(one: TranscriptUtterance, other: TranscriptUtterance) -> bool:
    if one.speaker_uuid and other.speaker_uuid:
        return one.speaker_uuid == other.speaker_uuid
    return bool(one.speaker_name) and one.speaker_name == other.speaker_name


def _end(utterance: TranscriptUtterance) -> int:
    return utterance.timestamp_ms + (utterance.duration_ms or 0)


def _shifted_words(turn: list[TranscriptUtterance]) -> list[dict[str, Any]] | None:
    """Every part's words, timed from the first part's start, or None when a part has no
    well-formed word timings."""
    words: list[dict[str, Any]] = []
    first = turn[0].timestamp_ms
    for part in turn:
        transcription = part.transcription
        part_words = transcription.get("words") if isinstance(transcription, Mapping) else None
        if not isinstance(part_words, (list, tuple)):
            return None
        offset = (part.timestamp_ms - first) / 1000
        for word in part_words:
            if not isinstance(word, Mapping):
                return None
            start, end = word.get("start"), word.get("end")
            if not _is_seconds(start) or not _is_seconds(end):
                return None
            words.append({**word, "start": start + offset, "end": end + offset})
    return words


def _merged(turn: list[TranscriptUtterance]) -> TranscriptUtterance:
    first = turn[0]
    if len(turn) == 1:
        return first
    transcription: dict[str, Any] = {
        "transcript": " ".join(part.text.strip() for part in turn if part.text.strip())
    }
    words = _shifted_words(turn)
    if words is not None:
        transcription["words"] = words
    duration = None
    if all(part.duration_ms is not None for part in turn):
        duration = max(_end(part) for part in turn) - first.timestamp_ms
    return attrs.evolve(first, duration_ms=duration, transcription=transcription)


def merge_turns(
    utterances: Iterable[TranscriptUtterance], *, max_gap_ms: int | None = None
) -> list[TranscriptUtterance]:
    """The utterances with each run of consecutive ones by the same speaker joined into one.

    An utterance joins the turn before it when it has the same speaker as the turn's last
    utterance (equal ``speaker_uuid``, or, when either has none, equal ``speaker_name``;
    utterances with neither never join), does not start before the turn does and, when
    ``max_gap_ms`` is given, starts at most ``max_gap_ms`` after the turn's end
    (``timestamp_ms + duration_ms`` of its latest-ending part). A joined utterance keeps the
    first part's speaker fields and ``timestamp_ms``; ``duration_ms`` reaches the latest
    part's end (None if a part has none); ``transcription`` holds only ``transcript``, the
    parts' texts joined by spaces, and ``words``, every part's words re-timed from the first
    part's start, when every part has them. A lone utterance is returned as it is.

    Raises TypeError for something that is not an iterable of ``TranscriptUtterance`` or a
    time that is not an int, ValueError for a negative time.
    """
    checked = _checked(utterances)
    max_gap_ms = _checked_milliseconds("max_gap_ms", max_gap_ms)
    turns: list[list[TranscriptUtterance]] = []
    turn_end = 0
    for utterance in checked:
        if turns:
            turn = turns[-1]
            joins = (
                _same_speaker(turn[-1], utterance)
                and utterance.timestamp_ms >= turn[0].timestamp_ms
                and (max_gap_ms is None or utterance.timestamp_ms - turn_end <= max_gap_ms)
            )
            if joins:
                turn.append(utterance)
                turn_end = max(turn_end, _end(utterance))
                continue
        turns.append([utterance])
        turn_end = _end(utterance)
    return [_merged(turn) for turn in turns]
