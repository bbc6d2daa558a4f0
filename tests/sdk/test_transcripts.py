"""Transcript formats: plain text, SubRip and WebVTT (read back by the ``srt`` and
``webvtt-py`` parsers), and speaker turns."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import attrs
import pytest
import srt
import webvtt
from hypothesis import given
from hypothesis import strategies as st

from attendee_client import TranscriptUtterance, transcripts
from attendee_client.transcripts import (
    MAX_CUE_DURATION_MS,
    MAX_LINE_LENGTH,
    MAX_LINES_PER_CUE,
    merge_turns,
    to_srt,
    to_text,
    to_vtt,
)

T0 = 1_700_000_000_000  # a Unix time in milliseconds, as the server sends them


def utterance(
    timestamp_ms: int,
    text: str,
    *,
    speaker: str | None = "Alice",
    uuid: str | None = None,
    duration_ms: int | None = 2_000,
    words: Any = None,
) -> TranscriptUtterance:
    transcription: dict[str, Any] = {"transcript": text}
    if words is not None:
        transcription["words"] = words
    return TranscriptUtterance(
        speaker_name=speaker,
        speaker_uuid=uuid,
        speaker_user_uuid=None,
        speaker_is_host=False,
        timestamp_ms=timestamp_ms,
        duration_ms=duration_ms,
        transcription=transcription,
    )


def timed_words(text: str, *, every_ms: int) -> list[dict[str, Any]]:
    """Deepgram-shaped words: one every ``every_ms``, each lasting 80% of that."""
    return [
        {
            "word": word.lower().strip(".,"),
            "punctuated_word": word,
            "start": index * every_ms / 1000,
            "end": (index * every_ms + every_ms * 4 // 5) / 1000,
            "confidence": 0.99,
        }
        for index, word in enumerate(text.split())
    ]


Cue = tuple[int, int, str]  # start, end (milliseconds), text
MILLISECOND = timedelta(milliseconds=1)


def srt_cues(document: str) -> list[Cue]:
    parsed = list(srt.parse(document))
    assert [cue.index for cue in parsed] == list(range(1, len(parsed) + 1))
    return [(cue.start // MILLISECOND, cue.end // MILLISECOND, cue.content) for cue in parsed]


def vtt_cues(document: str) -> list[Cue]:
    parsed = webvtt.WebVTT.from_string(document, strict=True).captions
    assert [cue.identifier for cue in parsed] == [str(n) for n in range(1, len(parsed) + 1)]
    return [
        (cue.start_time.in_milliseconds(), cue.end_time.in_milliseconds(), cue.raw_text)
        for cue in parsed
    ]


def cue_times(document: str, parse: Callable[[str], list[Cue]]) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in parse(document)]


FORMATS = [pytest.param(to_srt, srt_cues, id="srt"), pytest.param(to_vtt, vtt_cues, id="vtt")]
Render = Callable[..., str]
Parse = Callable[[str], list[Cue]]


# --- plain text --------------------------------------------------------------------------


def test_text_has_one_line_per_utterance_timed_from_the_first() -> None:
    transcript = [utterance(T0, "Hello."), utterance(T0 + 62_999, "Hi, Alice.", speaker="Bob")]

    assert to_text(transcript) == "[00:00:00] Alice: Hello.\n[00:01:02] Bob: Hi, Alice.\n"


def test_text_times_show_hours_and_count_from_start_ms() -> None:
    transcript = [utterance(T0 + 3_723_000, "Late.")]

    assert to_text(transcript, start_ms=T0) == "[01:02:03] Alice: Late.\n"


def test_text_before_start_ms_is_kept_at_zero() -> None:
    transcript = [utterance(T0 - 5_000, "Early."), utterance(T0 + 1_000, "On time.")]

    assert to_text(transcript, start_ms=T0) == (
        "[00:00:00] Alice: Early.\n[00:00:01] Alice: On time.\n"
    )


def test_text_has_no_label_without_a_speaker_and_skips_empty_utterances() -> None:
    transcript = [utterance(T0, "Who?", speaker=None), utterance(T0, "  "), utterance(T0, "")]

    assert to_text(transcript) == "[00:00:00] Who?\n"


def test_text_collapses_line_breaks_in_texts_and_names() -> None:
    transcript = [utterance(T0, "one\ntwo\r\n  three", speaker="Ada\nLovelace")]

    assert to_text(transcript) == "[00:00:00] Ada Lovelace: one two three\n"


def test_an_empty_transcript_gives_empty_documents() -> None:
    assert to_text([]) == ""
    assert to_srt([]) == ""
    assert to_vtt([]) == "WEBVTT\n"
    assert merge_turns([]) == []
    assert vtt_cues(to_vtt([])) == []


# --- subtitles: the documents --------------------------------------------------------------


def test_srt_document() -> None:
    transcript = [
        utterance(T0 + 1_000, "Hello there.", duration_ms=3_200),
        utterance(T0 + 5_000, "Hi!", speaker="Bob", duration_ms=800),
    ]

    assert to_srt(transcript, start_ms=T0) == (
        "1\n00:00:01,000 --> 00:00:04,200\nAlice: Hello there.\n\n"
        "2\n00:00:05,000 --> 00:00:05,800\nBob: Hi!\n"
    )


def test_vtt_document() -> None:
    transcript = [
        utterance(T0 + 1_000, "Hello there.", duration_ms=3_200),
        utterance(T0 + 5_000, "Hi!", speaker="Bob", duration_ms=800),
    ]

    assert to_vtt(transcript, start_ms=T0) == (
        "WEBVTT\n\n"
        "1\n00:00:01.000 --> 00:00:04.200\n<v Alice>Hello there.\n\n"
        "2\n00:00:05.000 --> 00:00:05.800\n<v Bob>Hi!\n"
    )


def test_a_cue_without_a_speaker_has_no_label() -> None:
    transcript = [utterance(T0, "Hm.", speaker=None)]

    assert srt_cues(to_srt(transcript))[0][2] == "Hm."
    assert vtt_cues(to_vtt(transcript))[0][2] == "Hm."


@pytest.mark.parametrize(("render", "parse"), FORMATS)
def test_cues_are_numbered_from_one_in_time_order(render: Render, parse: Parse) -> None:
    transcript = [
        utterance(T0 + 4_000, "third", duration_ms=1_000),
        utterance(T0, "first", duration_ms=1_000),
        utterance(T0 + 2_000, "second", duration_ms=1_000),
    ]

    cues = parse(render(transcript))

    assert len(cues) == 3
    for (_, _, text), word in zip(cues, ["first", "second", "third"], strict=True):
        assert text.endswith(word)


# --- subtitles: times ----------------------------------------------------------------------


@pytest.mark.parametrize(("render", "parse"), FORMATS)
def test_cue_times_are_the_utterance_times_minus_start_ms(render: Render, parse: Parse) -> None:
    recording_start = T0 - 12_345
    transcript = [
        utterance(T0, "One.", duration_ms=1_500),
        utterance(T0 + 2_001, "Two.", duration_ms=2_999, speaker="Bob"),
        utterance(T0 + 3_600_000 + 7, "Three.", duration_ms=10),
    ]

    assert cue_times(render(transcript, start_ms=recording_start), parse) == [
        (u.timestamp_ms - recording_start, u.timestamp_ms + u.duration_ms - recording_start)
        for u in transcript
        if u.duration_ms is not None
    ]


@pytest.mark.parametrize(("render", "parse"), FORMATS)
def test_times_start_at_the_earliest_utterance_by_default(render: Render, parse: Parse) -> None:
    transcript = [utterance(T0 + 3_000, "Later."), utterance(T0 + 1_000, "Earlier.")]

    assert cue_times(render(transcript), parse) == [(0, 2_000), (2_000, 4_000)]


@pytest.mark.parametrize(("render", "parse"), FORMATS)
def test_hours_beyond_99_get_more_digits(render: Render, parse: Parse) -> None:
    hundred_hours = 100 * 3_600_000
    transcript = [utterance(T0 + hundred_hours + 1, "Still here.", duration_ms=999)]
    separator = "," if render is to_srt else "."

    document = render(transcript, start_ms=T0)

    assert f"100:00:00{separator}001 --> 100:00:01{separator}000" in document
    assert cue_times(document, parse) == [(hundred_hours + 1, hundred_hours + 1_000)]


def test_word_times_are_rounded_to_the_nearest_millisecond() -> None:
    text = " ".join(["word"] * 20)  # a line holds 8 of them, a cue 16
    words = timed_words(text, every_ms=100)
    words[16]["start"], words[16]["end"] = 1.70051, 1.75  # the second cue's first word

    (_, first_end, _), (second_start, _, _) = srt_cues(to_srt([utterance(T0, text, words=words)]))

    assert first_end == second_start == 1_701


@pytest.mark.parametrize(("render", "parse"), FORMATS)
def test_a_cue_wholly_before_start_ms_is_dropped_and_one_across_it_starts_at_zero(
    render: Render, parse: Parse
) -> None:
    transcript = [
        utterance(T0 - 5_000, "Before the recording.", duration_ms=1_000),
        utterance(T0 - 1_000, "Across its start.", duration_ms=3_000),
        utterance(T0 + 4_000, "During it.", duration_ms=1_000),
    ]

    cues = parse(render(transcript, start_ms=T0))

    assert [(start, end) for start, end, _ in cues] == [(0, 2_000), (4_000, 5_000)]
    assert "Across its start." in cues[0][2]


@pytest.mark.parametrize(("render", "parse"), FORMATS)
def test_an_instant_utterance_at_start_ms_lasts_one_millisecond(
    render: Render, parse: Parse
) -> None:
    transcript = [utterance(T0, "Blip.", duration_ms=0)]

    assert cue_times(render(transcript), parse) == [(0, 1)]


@pytest.mark.parametrize(("render", "parse"), FORMATS)
def test_a_cue_is_cut_short_when_another_speaker_begins(render: Render, parse: Parse) -> None:
    transcript = [
        utterance(T0, "A long sentence.", duration_ms=5_000),
        utterance(T0 + 1_000, "Yes.", speaker="Bob", duration_ms=1_000),
    ]

    assert cue_times(render(transcript), parse) == [(0, 1_000), (1_000, 2_000)]


@pytest.mark.parametrize(("render", "parse"), FORMATS)
def test_a_cue_starting_with_another_is_moved_after_it(render: Render, parse: Parse) -> None:
    transcript = [
        utterance(T0, "Both at once.", duration_ms=2_000),
        utterance(T0, "Me too.", speaker="Bob", duration_ms=3_000),
    ]

    assert cue_times(render(transcript), parse) == [(0, 2_000), (2_000, 3_000)]


def test_without_a_duration_an_utterance_ends_at_its_last_word() -> None:
    words = [
        {"word": "hello", "start": 0.1, "end": 0.52},
        {"word": "you", "start": 0.6, "end": 1.25},
    ]
    transcript = [utterance(T0, "hello you", duration_ms=None, words=words)]

    assert cue_times(to_srt(transcript), srt_cues) == [(0, 1_250)]


def test_without_a_duration_or_words_an_utterance_lasts_its_reading_time() -> None:
    transcript = [
        utterance(T0, "Hi.", duration_ms=None),
        utterance(T0 + 10_000, "x" * 40, duration_ms=None),
    ]

    assert cue_times(to_srt(transcript), srt_cues) == [(0, 1_000), (10_000, 12_400)]


# --- subtitles: cutting long utterances ------------------------------------------------------

LONG_TEXT = (
    "So the plan for the quarter is to ship the analytics dashboard first, then the calendar "
    "integration, and to revisit pricing once we have the usage numbers from the pilot "
    "customers. Does anyone object to that order?"
)


def cue_lines(content: str) -> list[str]:
    lines = content.split("\n")
    return [lines[0].split(": ", 1)[1], *lines[1:]]


def test_a_long_utterance_is_cut_into_readable_cues_at_word_timings() -> None:
    words = timed_words(LONG_TEXT, every_ms=300)
    duration = len(words) * 300
    transcript = [utterance(T0, LONG_TEXT, duration_ms=duration, words=words)]

    cues = srt_cues(to_srt(transcript))

    assert len(cues) > 1
    assert " ".join(" ".join(cue_lines(text)) for _, _, text in cues) == LONG_TEXT
    word_starts = {round(word["start"] * 1000) for word in words}
    for (_, end, text), (next_start, _, _) in itertools.pairwise(cues):
        assert next_start == end  # contiguous
        assert next_start in word_starts  # cut where a word begins
        assert text.startswith("Alice: ")
    assert cues[0][0] == 0
    assert cues[-1][1] == duration
    for start, end, text in cues:
        lines = cue_lines(text)
        assert len(lines) <= MAX_LINES_PER_CUE
        assert all(len(line) <= MAX_LINE_LENGTH for line in lines)
        assert end - start <= MAX_CUE_DURATION_MS


def test_a_cue_starts_where_its_first_word_is_spoken() -> None:
    text = " ".join(f"w{index:02d}" for index in range(30))  # a line holds 10, a cue 20
    words = timed_words(text, every_ms=100)
    words[20]["start"], words[20]["end"] = 5.0, 5.1  # the first word of the second cue
    for later in words[21:]:
        later["start"] += 3.0
        later["end"] += 3.0

    cues = srt_cues(to_srt([utterance(T0, text, duration_ms=7_000, words=words)]))

    assert [(start, end) for start, end, _ in cues] == [(0, 5_000), (5_000, 7_000)]


def test_an_utterance_that_fits_one_cue_spans_exactly_its_duration() -> None:
    words = [{"word": "late", "start": 0.5, "end": 9.0}, {"word": "words", "start": 9, "end": 9.5}]
    transcript = [utterance(T0, "late words", duration_ms=1_000, words=words)]

    assert cue_times(to_srt(transcript), srt_cues) == [(0, 1_000)]


def test_word_times_past_the_utterance_are_scaled_to_fit_it() -> None:
    text = " ".join(["abcd"] * 20)
    words = timed_words(text, every_ms=500)  # ten seconds of words, the second cue at 8 s
    transcript = [utterance(T0, text, duration_ms=5_000, words=words)]

    assert cue_times(to_srt(transcript), srt_cues) == [(0, 4_040), (4_040, 5_000)]


def test_a_long_utterance_without_words_is_cut_in_proportion_to_characters() -> None:
    text = " ".join(["abcd"] * 40)  # 160 characters without spaces; 8 words fill a line
    transcript = [utterance(T0, text, duration_ms=16_000)]

    cues = srt_cues(to_srt(transcript))

    # Each cue holds 16 words (two lines of 8): 64 characters, 6.4 s.
    assert [(start, end) for start, end, _ in cues] == [
        (0, 6_400),
        (6_400, 12_800),
        (12_800, 16_000),
    ]
    assert cues[0][2] == "Alice: " + " ".join(["abcd"] * 8) + "\n" + " ".join(["abcd"] * 8)


def test_slow_speech_is_cut_by_time() -> None:
    text = "one two three four five six"
    words = timed_words(text, every_ms=2_000)  # far less than a line, but 12 seconds
    transcript = [utterance(T0, text, duration_ms=12_000, words=words)]

    cues = srt_cues(to_srt(transcript))

    # "four" would end 7.6 s after the cue's start.
    assert [(start, end) for start, end, _ in cues] == [(0, 6_000), (6_000, 12_000)]
    assert [text for _, _, text in cues] == ["Alice: one two three", "Alice: four five six"]


def test_a_word_longer_than_a_line_is_cut() -> None:
    url = "https://example.com/" + "a" * 80  # 100 characters
    transcript = [utterance(T0, url, duration_ms=1_000)]

    cues = srt_cues(to_srt(transcript))

    lines = [line for _, _, text in cues for line in cue_lines(text)]
    assert lines == [url[:42], url[42:84], url[84:]]
    assert "".join(lines) == url


@pytest.mark.parametrize(
    "breakage",
    [
        pytest.param(lambda words: words[3].update(start="soon"), id="a time not a number"),
        pytest.param(
            lambda words: words[3].update(start=9.0, end=8.0), id="ending before it starts"
        ),
        pytest.param(lambda words: words[3].update(end=float("nan")), id="not finite"),
        pytest.param(lambda words: words[3].update(start=-0.5), id="before the utterance"),
        pytest.param(lambda words: words[3].update(start=True), id="a bool"),
        pytest.param(lambda words: words[3].pop("word"), id="no text"),
        pytest.param(lambda words: words.insert(3, "abcd"), id="not an object"),
        pytest.param(lambda words: words.clear(), id="no words"),
    ],
)
def test_unusable_word_timings_fall_back_to_characters(
    breakage: Callable[[list[Any]], object],
) -> None:
    text = " ".join(["abcd"] * 40)
    broken: list[Any] = timed_words(text, every_ms=10)
    for word in broken:
        del word["punctuated_word"]
    breakage(broken)
    with_broken_words = [utterance(T0, text, duration_ms=16_000, words=broken)]
    without_words = [utterance(T0, text, duration_ms=16_000)]

    assert to_srt(with_broken_words) == to_srt(without_words)


def test_spaces_given_as_words_are_ignored() -> None:
    # ElevenLabs sends the spaces between words as words of their own.
    text = " ".join(["abcd"] * 40)
    words = timed_words(text, every_ms=100)
    spaced = [
        item
        for word in words
        for item in (word, {"word": " ", "start": word["end"], "end": word["end"]})
    ]

    assert to_srt([utterance(T0, text, words=spaced)]) == to_srt([utterance(T0, text, words=words)])
    assert to_srt([utterance(T0, text, words=words)]) != to_srt([utterance(T0, text)])


def test_word_timings_follow_the_transcript_when_punctuation_differs() -> None:
    # Deepgram without punctuated words: "hello" for "Hello," and so on.
    text = " ".join(["Hello,"] * 30)
    words = [
        {"word": "hello", "start": index * 0.5, "end": index * 0.5 + 0.4} for index in range(30)
    ]

    cues = srt_cues(to_srt([utterance(T0, text, duration_ms=15_000, words=words)]))

    # 12 words of "Hello," fit a cue (6 a line); the 13th is spoken at 6 s.
    assert cues[1][0] == 6_000


# --- subtitles: text -------------------------------------------------------------------------


def test_vtt_escapes_markup_in_names_and_texts() -> None:
    transcript = [utterance(T0, "x --> <b>y</b> & z", speaker="Ada <ops> & co")]

    document = to_vtt(transcript)

    assert "<v Ada &lt;ops&gt; &amp; co>x --&gt; &lt;b&gt;y&lt;/b&gt; &amp; z\n" in document
    (caption,) = webvtt.WebVTT.from_string(document, strict=True).captions
    assert caption.voice == "Ada &lt;ops&gt; &amp; co"


def test_srt_writes_texts_as_they_are() -> None:
    transcript = [utterance(T0, "x --> <b>y</b> & z", speaker="Ada & co")]

    assert srt_cues(to_srt(transcript))[0][2] == "Ada & co: x --> <b>y</b> & z"


# --- turns ---------------------------------------------------------------------------------


def test_consecutive_utterances_of_one_speaker_become_one_turn() -> None:
    first_words = timed_words("Hello there.", every_ms=500)
    second_words = timed_words("How are you?", every_ms=250)
    first = utterance(T0, "Hello there.", uuid="1", duration_ms=1_000, words=first_words)
    second = utterance(T0 + 1_500, "How are you?", uuid="1", duration_ms=1_200, words=second_words)

    (turn,) = merge_turns([first, second])

    assert isinstance(turn, TranscriptUtterance)
    assert turn.timestamp_ms == T0
    assert turn.duration_ms == 2_700
    assert turn.text == "Hello there. How are you?"
    assert turn.transcription is not None
    assert [(w["punctuated_word"], w["start"]) for w in turn.transcription["words"]] == [
        ("Hello", 0.0),
        ("there.", 0.5),
        ("How", 1.5),
        ("are", 1.75),
        ("you?", 2.0),
    ]


def test_another_speaker_starts_a_new_turn() -> None:
    transcript = [
        utterance(T0, "One.", uuid="1"),
        utterance(T0 + 1, "Two.", uuid="2", speaker="Bob"),
        utterance(T0 + 2, "Three.", uuid="1"),
    ]

    assert [turn.text for turn in merge_turns(transcript)] == ["One.", "Two.", "Three."]


def test_the_speaker_uuid_decides_over_the_name() -> None:
    same_name = [utterance(T0, "One.", uuid="1"), utterance(T0 + 1, "Two.", uuid="2")]
    renamed = [utterance(T0, "One.", uuid="1"), utterance(T0 + 1, "Two.", uuid="1", speaker="A")]

    assert len(merge_turns(same_name)) == 2
    assert len(merge_turns(renamed)) == 1


def test_without_a_uuid_the_name_decides_and_anonymous_utterances_never_join() -> None:
    named = [utterance(T0, "One."), utterance(T0 + 1, "Two.", uuid="1")]
    anonymous = [utterance(T0, "One.", speaker=None), utterance(T0 + 1, "Two.", speaker=None)]

    assert len(merge_turns(named)) == 1
    assert len(merge_turns(anonymous)) == 2


def test_max_gap_ms_ends_a_turn_after_a_pause() -> None:
    transcript = [
        utterance(T0, "One.", duration_ms=1_000),
        utterance(T0 + 1_500, "Two.", duration_ms=1_000),  # 500 ms after the turn's end
        utterance(T0 + 3_501, "Three.", duration_ms=1_000),  # 1001 ms after
    ]

    assert [t.text for t in merge_turns(transcript, max_gap_ms=1_000)] == ["One. Two.", "Three."]
    assert [t.text for t in merge_turns(transcript)] == ["One. Two. Three."]


def test_an_utterance_earlier_than_the_turn_does_not_join_it() -> None:
    transcript = [utterance(T0, "One."), utterance(T0 - 1, "Zero.")]

    assert len(merge_turns(transcript)) == 2


@pytest.mark.parametrize(
    "second_words",
    [None, "abc", ["Two."], [{"word": "Two.", "start": "0", "end": 0.5}]],
    ids=["none", "not a list", "not objects", "not timed"],
)
def test_a_joined_turn_has_words_only_when_every_part_has_them(second_words: Any) -> None:
    transcript = [
        utterance(T0, "One.", words=timed_words("One.", every_ms=100)),
        utterance(T0 + 1, "Two.", words=second_words),
    ]

    (turn,) = merge_turns(transcript)

    assert turn.transcription == {"transcript": "One. Two."}


def test_a_joined_turn_has_no_duration_when_a_part_has_none() -> None:
    transcript = [utterance(T0, "One."), utterance(T0 + 1, "Two.", duration_ms=None)]

    assert merge_turns(transcript)[0].duration_ms is None


def test_a_lone_utterance_is_returned_as_it_is() -> None:
    lone = utterance(T0, "Alone.")

    assert merge_turns(iter([lone]))[0] is lone


# --- bad input -------------------------------------------------------------------------------

FUNCTIONS: list[Callable[[Any], object]] = [to_text, to_srt, to_vtt, merge_turns]


@pytest.mark.parametrize("function", FUNCTIONS)
@pytest.mark.parametrize(
    "argument",
    [42, None, "text", {"speaker_name": "Alice"}, utterance(T0, "one"), [{"transcript": "x"}]],
)
def test_something_not_an_iterable_of_utterances_is_a_type_error(
    function: Callable[[Any], object], argument: object
) -> None:
    with pytest.raises(TypeError, match="TranscriptUtterance"):
        function(argument)


@pytest.mark.parametrize("function", FUNCTIONS)
@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"timestamp_ms": -1}, ValueError, r"utterances\[1\]\.timestamp_ms is negative"),
        ({"duration_ms": -5}, ValueError, r"utterances\[1\]\.duration_ms is negative"),
        ({"timestamp_ms": 1.5}, TypeError, r"utterances\[1\]\.timestamp_ms must be an int"),
        ({"duration_ms": "5"}, TypeError, r"utterances\[1\]\.duration_ms must be an int"),
    ],
)
def test_an_utterance_with_unusable_times_is_refused(
    function: Callable[[Any], object], change: dict[str, Any], error: type[Exception], words: str
) -> None:
    bad = attrs.evolve(utterance(T0, "two"), **change)
    with pytest.raises(error, match=words):
        function([utterance(T0, "one"), bad])


@pytest.mark.parametrize("function", [to_text, to_srt, to_vtt])
@pytest.mark.parametrize(
    ("start_ms", "error"), [(-1, ValueError), (True, TypeError), (1.0, TypeError)]
)
def test_an_unusable_start_ms_is_refused(
    function: Callable[..., object], start_ms: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match="start_ms"):
        function([utterance(T0, "one")], start_ms=start_ms)


@pytest.mark.parametrize(("max_gap_ms", "error"), [(-1, ValueError), ("1", TypeError)])
def test_an_unusable_max_gap_ms_is_refused(max_gap_ms: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="max_gap_ms"):
        merge_turns([], max_gap_ms=max_gap_ms)  # type: ignore[arg-type]


# --- the module --------------------------------------------------------------------------------


def test_importing_the_package_does_not_import_the_module() -> None:
    code = (
        "import sys, attendee_client; loaded = 'attendee_client.transcripts' in sys.modules; "
        "from attendee_client import transcripts; print(loaded, transcripts.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.split() == ["False", "attendee_client.transcripts"]


def test_the_public_names_are_pinned() -> None:
    assert sorted(transcripts.__all__) == [
        "MAX_CUE_DURATION_MS",
        "MAX_LINES_PER_CUE",
        "MAX_LINE_LENGTH",
        "merge_turns",
        "to_srt",
        "to_text",
        "to_vtt",
    ]


# --- properties --------------------------------------------------------------------------------

words_strategy = st.none() | st.lists(
    st.fixed_dictionaries(
        {
            "word": st.text(max_size=8),
            "start": st.floats(0, 30, allow_nan=False),
            "end": st.floats(0, 30, allow_nan=False),
        }
    ),
    max_size=12,
)


def utterances_strategy(
    speakers: st.SearchStrategy[str | None],
) -> st.SearchStrategy[list[TranscriptUtterance]]:
    return st.lists(
        st.builds(
            utterance,
            timestamp_ms=st.integers(0, 10**13),
            text=st.text(max_size=300),
            speaker=speakers,
            duration_ms=st.none() | st.integers(0, 60_000),
            words=words_strategy,
        ),
        max_size=12,
    )


start_strategy = st.none() | st.integers(0, 10**13)


@given(transcript=utterances_strategy(st.none() | st.text(max_size=20)), start_ms=start_strategy)
def test_any_transcript_gives_subtitles_that_parse_in_order_without_overlaps(
    transcript: list[TranscriptUtterance], start_ms: int | None
) -> None:
    srt_times = cue_times(to_srt(transcript, start_ms=start_ms), srt_cues)
    vtt_times = cue_times(to_vtt(transcript, start_ms=start_ms), vtt_cues)

    assert srt_times == vtt_times
    previous_end = 0
    for start, end in srt_times:
        assert previous_end <= start < end
        previous_end = end


@given(transcript=utterances_strategy(st.none()))
def test_by_default_every_word_reaches_a_cue_on_a_readable_line(
    transcript: list[TranscriptUtterance],
) -> None:
    cues = srt_cues(to_srt(transcript))

    lines = [line for _, _, text in cues for line in text.split("\n")]
    assert all(len(line) <= MAX_LINE_LENGTH for line in lines)
    assert all(len(text.split("\n")) <= MAX_LINES_PER_CUE for _, _, text in cues)
    written = sorted(word for line in lines for word in line.split(" "))
    spoken = sorted(
        word[offset : offset + MAX_LINE_LENGTH]
        for u in transcript
        for word in u.text.split()
        for offset in range(0, len(word), MAX_LINE_LENGTH)
    )
    assert written == spoken


@given(transcript=utterances_strategy(st.sampled_from([None, "Alice", "Bob"])))
def test_merging_turns_keeps_every_word_in_order(transcript: list[TranscriptUtterance]) -> None:
    turns = merge_turns(transcript)

    assert len(turns) <= len(transcript)
    assert [word for turn in turns for word in turn.text.split()] == [
        word for u in transcript for word in u.text.split()
    ]


def test_the_two_lines_of_a_cue_are_balanced() -> None:
    text = "Good morning, everyone. Let's start with the release today."

    srt = transcripts.to_srt([utterance(T0, text, duration_ms=4_000)])

    first, second = srt.split("\n")[2:4]
    assert first == "Alice: Good morning, everyone. Let's"
    assert second == "start with the release today."
    assert abs(len(first) - len("Alice: ") - len(second)) < 10
