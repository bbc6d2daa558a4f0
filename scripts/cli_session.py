"""Write the session of docs/cli.md: real ``attendee`` commands and what they printed, run
against ``attendee fake`` as a shell starts it, so the page is never hand-copied and can be
pasted into a shell as it is.

    python3 scripts/cli_session.py            # rewrite the session in docs/cli.md
    python3 scripts/cli_session.py --check    # exit 1, with a diff, when it is stale

Standard output is a terminal (the tables are aligned as a shell shows them, without colour);
messages (standard error) follow the output. It starts the fake server on 127.0.0.1 with the
words of the session's ``attendee fake`` line (its default: every fetch moves a bot one step
along a quick meeting with participants, a transcript and a recording, and ids are
replayable), then runs each command through
``attendee``'s ``main`` with the default client, over HTTP, in a temporary directory. Nothing
is steered from Python between commands. Only time is the script's: the waits sleep on a
clock that moves when they sleep, so the session takes a second. ``replay`` runs the
commands of the page itself (tests/cli/test_cli_docs.py), on a free port.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

from attendee_client.cli import Runtime, main
from attendee_client.testing._shell_fake import shell_fake

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "cli.md"
START = "<!-- session:start (scripts/cli_session.py writes this part) -->"
END = "<!-- session:end -->"
PORT = 8765
API_KEY = "test-api-key"
MEETING = "https://meet.google.com/abc-defg-hij"

SESSION = [
    f"attendee fake --port {PORT} &",
    f"export ATTENDEE_BASE_URL=http://127.0.0.1:{PORT} ATTENDEE_API_KEY={API_KEY}",
    "attendee zoom-oauth-connections list",
    f"attendee bots create {MEETING} --name Notetaker --metadata tenant=42",
    "attendee bots wait {bot} --until joined_recording",
    'attendee bots chat {bot} --message "This meeting is recorded"',
    "attendee bots participants {bot}",
    "attendee bots list",
    "attendee bots wait {bot}",
    "attendee bots transcript {bot}",
    "attendee bots transcript {bot} --merge-turns",
    "attendee bots transcript {bot} --format srt",
    "attendee bots recording {bot} -o meeting.mp4",
    "attendee bots get {bot} --json",
    "attendee bots wait {bot} --until joined_recording",
    "attendee bots create https://zoom.us/j/84315220467 --name Second",
    "attendee bots wait {other} --wait-timeout 1 --poll-interval 1",
    "attendee bots get bot_doesNotExist0000",
    "attendee bots list --state ended --limit 5 --json",
]
"""The commands, ``{bot}`` and ``{other}`` standing for the ids the two creates print."""


class _Terminal(io.StringIO):
    """Standard output as a terminal: the session shows what a shell shows."""

    def isatty(self) -> bool:
        return True


def replay(commands: list[str], directory: Path, *, port: int | None = None) -> list[str]:
    """Run ``commands`` (the first starts ``attendee fake``, ``export`` lines set the
    environment) in ``directory``; returns the lines of the Markdown block. ``port``
    replaces the fake's own (0: a free one), in the commands that name it too.
    ``{bot}``/``{other}`` in a command are the ids of the first and second bot created."""
    fake_words = shlex.split(commands[0].removesuffix("&"))
    assert fake_words[:2] == ["attendee", "fake"], commands[0]
    fake_argv = fake_words[2:]
    if port is not None:
        fake_argv = [*fake_argv, "--port", str(port)]
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    lines = ["```console", f"$ {commands[0]}"]
    with shell_fake(fake_argv) as printed:
        lines += printed
        written_url = f"http://127.0.0.1:{PORT}"
        environ: dict[str, str] = {}
        ids: dict[str, str] = {}
        for template in commands[1:]:
            shown = template.format(**ids)
            command = shown.replace(written_url, printed[0])
            lines.append(f"$ {shown}")
            words = shlex.split(command)
            if words[0] == "export":
                for word in words[1:]:
                    name, _, value = word.partition("=")
                    environ[name] = value
                continue
            out, err = _Terminal(), io.StringIO()
            runtime = Runtime(
                stdin=io.StringIO(""),
                stdout=out,
                stderr=err,
                # As a terminal shows it, but without colour codes in the page.
                environ={**environ, "NO_COLOR": "1"},
                clock=lambda: now[0],
                sleep=sleep,
            )
            previous = Path.cwd()
            os.chdir(directory)
            try:
                status = main(words[1:], runtime)
            finally:
                os.chdir(previous)
            if words[1:3] == ["bots", "create"]:
                created = re.search(r"^id +(\S+)$", out.getvalue(), flags=re.MULTILINE)
                assert created is not None, out.getvalue()
                ids["other" if "bot" in ids else "bot"] = created.group(1)
            lines += (out.getvalue() + err.getvalue()).rstrip("\n").splitlines()
            if status:
                lines.append(f"[exit status {status}]")
    lines.append("```")
    return lines


def commands_of(page: str) -> list[str]:
    """The commands of the session in ``page`` (its ``$`` lines)."""
    block = page.partition(START)[2].partition(END)[0]
    return [line[2:] for line in block.splitlines() if line.startswith("$ ")]


def run(directory: Path, *, port: int | None = PORT) -> list[str]:
    """Run the session in ``directory``; returns the lines of the Markdown block."""
    return replay(SESSION, directory, port=port)


def render(port: int | None = PORT) -> str:
    """docs/cli.md with a fresh session (the fake on ``port``; 0: a free one)."""
    page = PAGE.read_text()
    head, _, rest = page.partition(START)
    _, _, tail = rest.partition(END)
    with tempfile.TemporaryDirectory() as directory:
        session = run(Path(directory), port=port)
    return "\n".join([head + START, *session, END]) + tail


def masked(text: str) -> str:
    """``text`` with the fake's port masked: a check runs it on a free one. (Ids are the
    same from run to run: the fake draws them from a seeded source.)"""
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:…", text)


def main_script() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--check", action="store_true", help="exit 1 when the page is stale")
    check = options.parse_args().check
    page = render(0 if check else PORT)
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
