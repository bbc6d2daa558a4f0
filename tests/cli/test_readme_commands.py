"""The README's command-line block works as pasted: each line run in order against `attendee
fake` as the block starts it, a captured id (``bot=$(...)``) used by the lines after it, the
files it names written. Run in process on a fake clock (the waits take no time), with the
shell's part (variables, ``$(...)``, ``eval``) done here."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest

from attendee_client.cli import Runtime, main
from attendee_client.testing._shell_fake import shell_fake

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = re.compile(r"^(\w+)=\$\((.*)\)$")  # bot=$(attendee ...)
EVAL = re.compile(r'^eval "\$\((.*)\)"$')  # eval "$(attendee ...)"


def readme_block() -> list[str]:
    """The commands of the sh block under "## The command line", without their comments
    (each written after two spaces, as the README does)."""
    section = (ROOT / "README.md").read_text().partition("## The command line")[2]
    block = section.partition("```sh\n")[2].partition("```")[0]
    return [line.partition("  #")[0].strip() for line in block.splitlines()]


def test_the_readme_command_block_runs_as_pasted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = readme_block()
    fake_words = shlex.split(lines[0])
    assert fake_words[:2] == ["attendee", "fake"], lines[0]
    assert fake_words[-1] == "&", lines[0]
    written_port = fake_words[fake_words.index("--port") + 1]
    monkeypatch.chdir(tmp_path)
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    def attendee(words: list[str], environ: dict[str, str]) -> str:
        assert words[0] == "attendee", words
        out, err = io.StringIO(), io.StringIO()
        runtime = Runtime(
            stdin=io.StringIO(""),
            stdout=out,
            stderr=err,
            environ=environ,
            clock=lambda: now[0],
            sleep=sleep,
        )
        status = main(words[1:], runtime)
        assert status == 0, (words, err.getvalue())
        return out.getvalue()

    with shell_fake([*fake_words[2:-1], "--port", "0"]) as printed:
        port = printed[0].rpartition(":")[2]
        environ: dict[str, str] = {}
        variables: dict[str, str] = {}
        for line in lines[1:]:
            command = line.replace(written_port, port)
            for name, value in variables.items():
                command = command.replace(f'"${name}"', shlex.quote(value))
            if command.startswith("export "):
                for word in shlex.split(command)[1:]:
                    name, _, value = word.partition("=")
                    environ[name] = value
            elif captured := CAPTURE.match(command):
                variables[captured[1]] = attendee(shlex.split(captured[2]), environ).strip()
            elif evaluated := EVAL.match(command):
                assert "complete -F" in attendee(shlex.split(evaluated[1]), environ)
            else:
                attendee(shlex.split(command), environ)

    assert re.fullmatch(r"bot_\w+", variables["bot"])
    assert "-->" in (tmp_path / "meeting.srt").read_text()
    assert (tmp_path / "meeting.mp4").stat().st_size > 0
