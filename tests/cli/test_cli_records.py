"""``attendee bots`` and ``attendee app-sessions`` reading what was recorded: transcripts in
four formats, recordings downloaded (Ctrl-C leaves no file), chat, participants, events."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from attendee_client import TranscriptUtterance
from attendee_client.cli import main
from attendee_client.testing import BotRecord, FakeAttendeeServer, Fault
from tests.cli.test_cli import Cli, table


@pytest.fixture
def ended(fake: FakeAttendeeServer) -> BotRecord:
    """An ended bot with a short transcript and a 3 MiB recording."""
    bot = fake.add_bot()
    fake.advance_bot(bot["id"])
    fake.add_utterance(
        bot["id"],
        "Hello everyone",
        speaker_name="Ada",
        speaker_uuid="1",
        timestamp_ms=1700000001000,
        duration_ms=1500,
    )
    fake.add_utterance(
        bot["id"],
        "Let us begin",
        speaker_name="Ada",
        speaker_uuid="1",
        timestamp_ms=1700000003000,
        duration_ms=1000,
    )
    fake.add_utterance(
        bot["id"],
        "Agreed",
        speaker_name="Grace",
        speaker_uuid="2",
        timestamp_ms=1700000005000,
        duration_ms=800,
    )
    fake.set_recording(bot["id"], 3 * 1024 * 1024, start_timestamp_ms=1700000000000)
    return fake.advance_bot(bot["id"], to="ended")


def _leftovers(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


# --- transcripts ------------------------------------------------------------------------------


def test_the_transcript_is_text_timed_from_the_recording(cli: Cli, ended: BotRecord) -> None:
    result = cli.run("bots", "transcript", ended["id"])

    assert result.code == 0
    assert result.out == (
        "[00:00:01] Ada: Hello everyone\n[00:00:03] Ada: Let us begin\n[00:00:05] Grace: Agreed\n"
    )


def test_merge_turns_joins_a_speakers_utterances(cli: Cli, ended: BotRecord) -> None:
    result = cli.run("bots", "transcript", ended["id"], "--merge-turns")

    assert result.out.splitlines() == [
        "[00:00:01] Ada: Hello everyone Let us begin",
        "[00:00:05] Grace: Agreed",
    ]


@pytest.mark.parametrize(("form", "start"), [("srt", "1\n00:00:01,000 --> "), ("vtt", "WEBVTT")])
def test_subtitles(cli: Cli, ended: BotRecord, form: str, start: str) -> None:
    result = cli.run("bots", "transcript", ended["id"], "--format", form)

    assert result.code == 0
    assert result.out.startswith(start)
    assert "Agreed" in result.out


def test_the_transcript_json_is_the_servers(
    cli: Cli, fake: FakeAttendeeServer, ended: BotRecord
) -> None:
    with_format = cli.run("bots", "transcript", ended["id"], "--format", "json")
    with_flag = cli.run("bots", "transcript", ended["id"], "--json")

    raw = httpx.Client(transport=fake.transport()).get(
        f"http://fake.test/api/v1/bots/{ended['id']}/transcript",
        headers={"Authorization": f"Token {fake.api_key}"},
    )
    assert with_format.json() == with_flag.json() == raw.json()
    assert next(TranscriptUtterance.from_dict(u).text for u in with_flag.json()) == "Hello everyone"


def test_json_and_another_format_is_a_usage_error(cli: Cli, ended: BotRecord) -> None:
    both = cli.run("bots", "transcript", ended["id"], "--json", "--format", "srt")
    merged_json = cli.run("bots", "transcript", ended["id"], "--format", "json", "--merge-turns")

    assert (both.code, merged_json.code) == (2, 2)
    assert "--json prints JSON" in both.err
    assert "--merge-turns applies to" in merged_json.err


def test_the_transcript_is_written_to_a_file(cli: Cli, ended: BotRecord, tmp_path: Path) -> None:
    target = tmp_path / "meeting.srt"

    result = cli.run("bots", "transcript", ended["id"], "--format", "srt", "-o", str(target))

    assert result.code == 0
    assert result.err == f"Wrote {target} (3 utterances).\n"
    assert target.read_text().startswith("1\n")
    assert _leftovers(tmp_path) == ["meeting.srt"]


def test_before_the_recording_times_count_from_the_first_utterance(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    bot = fake.advance_bot(fake.add_bot()["id"])
    fake.add_utterance(bot["id"], "Early", speaker_name="Ada", timestamp_ms=1700000009000)

    result = cli.run("bots", "transcript", bot["id"])

    assert result.out == "[00:00:00] Ada: Early\n"


def test_a_transcript_of_an_unknown_bot_is_exit_1(cli: Cli) -> None:
    result = cli.run("bots", "transcript", "bot_missing", "-o", "never.txt")

    assert result.code == 1
    assert "(GET /api/v1/bots/bot_missing/transcript)" in result.err
    assert not Path("never.txt").exists()


# --- recordings -------------------------------------------------------------------------------


def test_the_recording_is_downloaded_to_the_file(
    cli: Cli, fake: FakeAttendeeServer, ended: BotRecord, tmp_path: Path
) -> None:
    target = tmp_path / "meeting.mp4"

    result = cli.run("bots", "recording", ended["id"], "-o", str(target))

    assert result.code == 0
    # Only the message: no progress bar, since stderr is not a terminal.
    assert (result.out, result.err) == ("", f"Wrote 3.0 MiB (3,145,728 bytes) to {target}.\n")
    recording = fake.recording_file(ended["id"])
    assert recording is not None
    assert hashlib.sha256(target.read_bytes()).hexdigest() == recording.sha256()
    assert _leftovers(tmp_path) == ["meeting.mp4"]


def test_the_recording_goes_to_stdout_with_dash(
    cli: Cli, fake: FakeAttendeeServer, ended: BotRecord
) -> None:
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8")

    code = main(["bots", "recording", ended["id"], "-o", "-"], cli.runtime(stdout=stdout))
    stdout.flush()

    assert code == 0
    recording = fake.recording_file(ended["id"])
    assert recording is not None
    assert hashlib.sha256(raw.getvalue()).hexdigest() == recording.sha256()


def test_with_json_a_download_prints_nothing(cli: Cli, ended: BotRecord, tmp_path: Path) -> None:
    result = cli.run("bots", "recording", ended["id"], "-o", str(tmp_path / "a.mp4"), "--json")

    assert (result.code, result.out) == (0, "")


def test_no_recording_yet_is_exit_1_and_no_file(
    cli: Cli, fake: FakeAttendeeServer, tmp_path: Path
) -> None:
    result = cli.run("bots", "recording", fake.add_bot()["id"], "-o", str(tmp_path / "a.mp4"))

    assert result.code == 1
    assert "No recording file found for bot" in result.err
    assert _leftovers(tmp_path) == []


def test_a_storage_failure_is_exit_1_and_no_file(
    cli: Cli, fake: FakeAttendeeServer, ended: BotRecord, tmp_path: Path
) -> None:
    fake.add_storage_fault(Fault.respond(500), times=5)

    result = cli.run("bots", "recording", ended["id"], "-o", str(tmp_path / "a.mp4"))

    assert result.code == 1
    assert result.err.startswith("attendee: error: the recording's storage answered 500")
    assert "X-Amz-Signature" not in result.err
    assert _leftovers(tmp_path) == []


class _Interrupting(httpx.BaseTransport):
    """The fake's transport, whose storage answers are cut by Ctrl-C after ``after`` bytes."""

    def __init__(self, fake: FakeAttendeeServer, after: int) -> None:
        self.inner = fake.transport()
        self.after = after

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if "/attendee-recordings/" not in request.url.path:
            return response
        body = response.stream
        after = self.after

        class Stream(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                sent = 0
                assert isinstance(body, httpx.SyncByteStream)
                for chunk in body:
                    yield chunk
                    sent += len(chunk)
                    if sent >= after:
                        raise KeyboardInterrupt

            def close(self) -> None:
                assert isinstance(body, httpx.SyncByteStream)
                body.close()

        return httpx.Response(response.status_code, headers=response.headers, stream=Stream())


def test_ctrl_c_during_a_download_leaves_no_file(
    cli: Cli, fake: FakeAttendeeServer, ended: BotRecord, tmp_path: Path
) -> None:
    cli.transport = lambda: _Interrupting(fake, after=1)

    result = cli.run("bots", "recording", ended["id"], "-o", str(tmp_path / "meeting.mp4"))

    assert result.code == 130
    assert result.out == ""
    assert result.err == "attendee: interrupted\n"
    assert _leftovers(tmp_path) == []


def test_a_recording_is_not_written_to_a_terminal(cli: Cli, ended: BotRecord) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    code = main(["bots", "recording", ended["id"], "-o", "-"], cli.runtime(stdout=Terminal()))

    assert code == 2


# --- what else the bot saw --------------------------------------------------------------------


def test_chat_posts_a_message(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.advance_bot(fake.add_bot()["id"])

    result = cli.run("bots", "chat", bot["id"], "--message", "Recording starts now")
    quiet = cli.run("bots", "chat", bot["id"], "--message", "again", "--json")

    assert result.err == f"Message queued for bot {bot['id']}.\n"
    assert (quiet.code, quiet.out) == (0, "")
    assert [body["message"] for _, body in fake.bot_actions(bot["id"])] == [
        "Recording starts now",
        "again",
    ]


def test_chat_messages_participants_and_events(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.advance_bot(fake.add_bot()["id"])
    person = fake.add_participant(bot["id"], "Ada Lovelace", is_host=True)
    fake.add_participant_event(bot["id"], person["id"], "leave")
    fake.add_chat_message(bot["id"], "Hi all", sender_name="Ada Lovelace")

    messages = cli.run("bots", "chat-messages", bot["id"])
    people = cli.run("bots", "participants", bot["id"], "--host")
    events = cli.run("bots", "events", bot["id"], "--json")

    assert table(messages.out)[0] == ["TIME", "FROM", "TO", "TEXT"]
    assert table(messages.out)[1][1:] == ["Ada Lovelace", "everyone", "Hi all"]
    assert table(people.out) == [
        ["ID", "NAME", "HOST", "UUID"],
        [person["id"], "Ada Lovelace", "yes", person["uuid"]],
    ]
    assert [event["event_type"] for event in events.json()] == ["join", "leave"]


# --- app sessions -------------------------------------------------------------------------------

RTMS_STARTED = {
    "event": "meeting.rtms_started",
    "payload": {
        "meeting_uuid": "4444AAAiAAAAAiAiAiiAii==",
        "rtms_stream_id": "609340fe0c0e4f4ca1ba5e5d4f2d8f2a",
        "server_urls": "wss://127.0.0.1:443",
    },
}


def test_app_sessions_from_start_to_media(
    cli: Cli, fake: FakeAttendeeServer, tmp_path: Path
) -> None:
    created = cli.run(
        "app-sessions",
        "create",
        "--rtms",
        "-",
        "--metadata",
        "tenant=t1",
        "--json",
        stdin=json.dumps(RTMS_STARTED),
    )
    assert created.code == 0, created.err
    session = created.json()
    assert session["state"] == "connecting"
    assert session["zoom_rtms_stream_id"] == RTMS_STARTED["payload"]["rtms_stream_id"]  # type: ignore[index]

    fake.advance_bot(session["id"])
    fake.add_utterance(session["id"], "Hello", speaker_name="Ada")
    ended = cli.run("app-sessions", "end", session["zoom_rtms_stream_id"])
    assert "state          disconnecting" in ended.out

    fake.schedule_bot(session["id"], ["post_processing", "ended"])
    waited = cli.run("app-sessions", "wait", session["id"], "--json")
    assert waited.json()["state"] == "ended"

    spoken = cli.run("app-sessions", "transcript", session["id"])
    assert spoken.out.endswith("Ada: Hello\n")

    target = tmp_path / "session.mp4"
    media = cli.run("app-sessions", "media", session["id"], "-o", str(target))
    assert media.code == 0, media.err
    assert target.stat().st_size > 0

    events = cli.run("app-sessions", "events", session["id"])
    assert events.code == 0


def test_app_sessions_create_id_only_prints_the_id_alone(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    created = cli.run(
        "app-sessions", "create", "--rtms", "-", "--id-only", stdin=json.dumps(RTMS_STARTED)
    )

    assert created.code == 0, created.err
    assert created.out == f"{fake.bots[-1]['id']}\n"


def test_an_rtms_file_without_a_stream_is_a_usage_error(cli: Cli, fake: FakeAttendeeServer) -> None:
    result = cli.run("app-sessions", "create", "--rtms", "-", stdin='{"payload": {}}')

    assert result.code == 2
    assert "--rtms: the webhook's payload has no meeting_uuid" in result.err
    assert fake.requests == []


def test_ending_an_unknown_stream_is_exit_1(cli: Cli) -> None:
    result = cli.run("app-sessions", "end", "no-such-stream")

    assert result.code == 1
    assert "(POST /api/v1/app_sessions/end)" in result.err
