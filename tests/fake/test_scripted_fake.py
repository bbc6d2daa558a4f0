"""``attendee fake`` plays a real meeting seen quickly by default (issue #25, item 3): a
bot joins, records, ends as it is fetched, with participants, a transcript and a recording,
so the README's whole job works against it from a shell; ``--still`` keeps bots put."""

from __future__ import annotations

from pathlib import Path

from attendee_client import AttendeeClient, BotState, transcripts
from attendee_client.testing._scripted_meeting import (
    PARTICIPANTS,
    RECORDING_BYTES,
    TRANSCRIPT,
)
from attendee_client.testing._shell_fake import shell_fake

MEETING = "https://meet.google.com/abc-defg-hij"


def _client(url: str, key_line: str, sleeps: list[float]) -> AttendeeClient:
    key = key_line.removeprefix("API key: ")
    return AttendeeClient(
        api_key=key, base_url=url, sleep=sleeps.append, clock=lambda: sum(sleeps), max_retries=0
    )


def test_the_readmes_whole_job_works_against_the_fake_from_the_shell(tmp_path: Path) -> None:
    sleeps: list[float] = []
    with shell_fake([]) as (url, key_line), _client(url, key_line, sleeps) as client:
        bot = client.bots.create(meeting_url=MEETING, bot_name="Notes")
        ended = client.bots.wait_for(bot.id, timeout=4 * 3600)
        written = client.bots.download_recording(bot.id, tmp_path / "meeting.mp4")
        srt = transcripts.to_srt(
            client.bots.transcript(bot.id),
            start_ms=client.bots.recording(bot.id).start_timestamp_ms,
        )
        participants = list(client.bots.participants(bot.id))

    assert ended.state is BotState.ENDED
    assert [event.type for event in ended.events][-1] == "post_processing_completed"
    assert written == RECORDING_BYTES == (tmp_path / "meeting.mp4").stat().st_size
    assert srt.count(" --> ") == len(TRANSCRIPT)
    assert "00:00:03,000 --> 00:00:05,600\nAda Lovelace: Good morning, everyone." in srt
    assert [p.name for p in participants] == [name for name, _, _ in PARTICIPANTS]
    assert sum(sleeps) < 10  # a meeting seen quickly


def test_the_same_commands_make_the_same_ids() -> None:
    ids = []
    for _ in range(2):
        with shell_fake([]) as (url, key_line), _client(url, key_line, []) as client:
            ids.append(client.bots.create(meeting_url=MEETING, bot_name="Notes").id)
    assert ids[0] == ids[1]


def test_a_still_fake_keeps_bots_where_they_are() -> None:
    with shell_fake(["--still"]) as (url, key_line), _client(url, key_line, []) as client:
        bot = client.bots.create(meeting_url=MEETING, bot_name="Notes")
        for _ in range(3):
            assert client.bots.get(bot.id).state is BotState.JOINING
        assert list(client.bots.transcript(bot.id)) == []
