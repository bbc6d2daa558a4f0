"""Write the session of docs/cli.md: real ``attendee`` commands and what they printed, run
against the fake server, so the page is never hand-copied.

    python3 scripts/cli_session.py            # rewrite the session in docs/cli.md
    python3 scripts/cli_session.py --check    # exit 1, with a diff, when it is stale

It starts the fake server on 127.0.0.1 (as ``attendee fake`` does), then runs each command
of ``SESSION`` through ``attendee``'s ``main`` with the default client, over HTTP, in a
temporary directory. Between commands it plays the meeting on the fake (the bot joins,
people talk, the meeting ends). Only time is the script's: the waits sleep on a clock that
moves when they sleep, so the session takes a second, not minutes. Ids change from run to
run; ``--check`` compares with them masked.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from attendee_client import webhooks
from attendee_client.cli import Runtime, main
from attendee_client.testing import BotFailure, FakeAttendeeServer

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "cli.md"
START = "<!-- session:start (scripts/cli_session.py writes this part) -->"
END = "<!-- session:end -->"
API_KEY = "test-api-key"
WEBHOOK_SECRET = "c2VjcmV0LWZvci10aGUtc2Vzc2lvbi1vZi1kb2NzL2NsaS5tZA=="
MEETING = "https://meet.google.com/abc-defg-hij"


@dataclass
class Step:
    """A command (``{bot}``, ``{other}`` stand for ids), what the fake does before it, and
    what it reads on stdin (shown as ``< file``)."""

    command: str
    before: Callable[[FakeAttendeeServer, dict[str, str]], None] | None = None
    stdin: tuple[str, str] | None = None  # (file name shown, content)


def _meeting_starts(fake: FakeAttendeeServer, ids: dict[str, str]) -> None:
    ids["bot"] = fake.bots[-1]["id"]
    fake.schedule_bot(ids["bot"], ["joining", "joined_recording"])


def _people_talk(fake: FakeAttendeeServer, ids: dict[str, str]) -> None:
    bot = ids["bot"]
    fake.add_participant(bot, "Ada Lovelace", is_host=True, uuid="16778240")
    fake.add_participant(bot, "Grace Hopper", uuid="16779264")
    fake.set_recording(bot, 12 * 1024 * 1024, start_timestamp_ms=1738576800000)
    lines = [
        ("Ada Lovelace", "16778240", 1738576803000, 2600, "Good morning, everyone."),
        ("Ada Lovelace", "16778240", 1738576806000, 4100, "Let's start with the release."),
        ("Grace Hopper", "16779264", 1738576811000, 5200, "The build is green since Friday."),
        ("Ada Lovelace", "16778240", 1738576817000, 1900, "Then we ship on Tuesday."),
    ]
    for name, uuid, start, duration, text in lines:
        fake.add_utterance(
            bot,
            text,
            speaker_name=name,
            speaker_uuid=uuid,
            timestamp_ms=start,
            duration_ms=duration,
        )


def _meeting_ends(fake: FakeAttendeeServer, ids: dict[str, str]) -> None:
    fake.schedule_bot(ids["bot"], ["post_processing", "ended"])


def _cannot_join(fake: FakeAttendeeServer, ids: dict[str, str]) -> None:
    bot = fake.add_bot(meeting_url="https://zoom.us/j/84315220467")
    ids["other"] = bot["id"]


def _never_joins(fake: FakeAttendeeServer, ids: dict[str, str]) -> None:
    fake.schedule_bot(ids["other"], [BotFailure("could_not_join_meeting", "meeting_not_found")])


DELIVERY = {
    "idempotency_key": "0d3c7c84-9a1f-4a52-a3f3-2b8f1c9c2f10",
    "bot_id": "bot_3hfPq9ZkTsLmW2Vd",
    "bot_metadata": {"tenant": "42"},
    "trigger": "bot.state_change",
    "data": {
        "event_type": "post_processing_completed",
        "event_sub_type": None,
        "event_metadata": None,
        "old_state": "post_processing",
        "new_state": "ended",
        "created_at": "2025-02-03T10:05:12.417000Z",
    },
}
SIGNATURE = webhooks.sign_payload(DELIVERY, WEBHOOK_SECRET)

SESSION = [
    Step("attendee zoom-oauth-connections list"),
    Step(f"attendee bots create {MEETING} --name Notetaker --metadata tenant=42"),
    Step("attendee bots wait {bot} --until joined_recording", before=_meeting_starts),
    Step('attendee bots chat {bot} --message "This meeting is recorded"', before=_people_talk),
    Step("attendee bots participants {bot}"),
    Step("attendee bots list"),
    Step("attendee bots wait {bot}", before=_meeting_ends),
    Step("attendee bots transcript {bot}"),
    Step("attendee bots transcript {bot} --merge-turns"),
    Step("attendee bots transcript {bot} --format srt"),
    Step("attendee bots recording {bot} -o meeting.mp4"),
    Step("attendee bots get {bot} --json"),
    Step("attendee bots wait {other} --wait-timeout 60", before=_cannot_join),
    Step("attendee bots wait {other}", before=_never_joins),
    Step("attendee bots get bot_doesNotExist0000"),
    Step("attendee bots list --state ended --limit 5 --json"),
    Step(f"attendee webhooks verify --signature {SIGNATURE}", stdin=("delivery.json", "")),
]


def run(directory: Path) -> list[str]:
    """Run the session in ``directory``; returns the lines of the Markdown block."""
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    lines = ["```console"]
    with FakeAttendeeServer(api_key=API_KEY) as fake:
        environ = {
            "ATTENDEE_API_KEY": API_KEY,
            "ATTENDEE_BASE_URL": fake.base_url,
            "ATTENDEE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        }
        lines += [
            "$ attendee fake &",
            fake.base_url,
            f"API key: {API_KEY}",
            f"$ export ATTENDEE_BASE_URL={fake.base_url} ATTENDEE_API_KEY={API_KEY}",
        ]
        ids: dict[str, str] = {}
        for step in SESSION:
            if step.before is not None:
                step.before(fake, ids)
            command = step.command.format(**ids)
            stdin = ""
            shown = command
            if step.stdin is not None:
                stdin = json.dumps(DELIVERY)
                shown = f"{command} < {step.stdin[0]}"
            out, err = io.StringIO(), io.StringIO()
            runtime = Runtime(
                stdin=io.StringIO(stdin),
                stdout=out,
                stderr=err,
                environ=environ,
                clock=lambda: now[0],
                sleep=sleep,
            )
            previous = Path.cwd()
            os.chdir(directory)
            try:
                status = main(shlex.split(command)[1:], runtime)
            finally:
                os.chdir(previous)
            lines.append(f"$ {shown}")
            lines += (out.getvalue() + err.getvalue()).rstrip("\n").splitlines()
            if status:
                lines.append(f"[exit status {status}]")
    lines.append("```")
    return lines


def render() -> str:
    """docs/cli.md with a fresh session."""
    page = PAGE.read_text()
    head, _, rest = page.partition(START)
    _, _, tail = rest.partition(END)
    with tempfile.TemporaryDirectory() as directory:
        session = run(Path(directory))
    return "\n".join([head + START, *session, END]) + tail


def masked(text: str) -> str:
    """``text`` with what changes from run to run (ids, the port, bytes per second) masked."""
    text = re.sub(r"\b(bot|par|zoc)_[A-Za-z0-9]{16}\b", r"\1_…", text)
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:…", text)


def main_script() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--check", action="store_true", help="exit 1 when the page is stale")
    check = options.parse_args().check
    page = render()
    if check:
        current = PAGE.read_text()
        if masked(current) != masked(page):
            sys.stdout.writelines(
                difflib.unified_diff(
                    masked(current).splitlines(keepends=True),
                    masked(page).splitlines(keepends=True),
                    str(PAGE),
                    "generated",
                )
            )
            return 1
        return 0
    PAGE.write_text(page)
    print(f"wrote the session of {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main_script())
