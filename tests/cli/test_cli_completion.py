"""``attendee completion bash|zsh|fish``: scripts generated from the parser. The bash script
is run by bash to complete real command lines; zsh and fish scripts are checked by their
shells' syntax check when those shells are installed, and for holding every command."""

from __future__ import annotations

import io
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from attendee_client.cli import Runtime, main
from attendee_client.cli._completion import nodes
from attendee_client.cli._parser import build_parser


def _script(shell: str) -> str:
    out = io.StringIO()
    assert main(["completion", shell], Runtime(stdout=out, stderr=io.StringIO(), environ={})) == 0
    return out.getvalue()


def complete(line: str, cwd: Path | None = None) -> list[str]:
    """What bash offers for ``line`` (the cursor at its end) with the generated script."""
    words = line.split(" ")
    program = "\n".join(
        [
            _script("bash"),
            f"COMP_WORDS=({' '.join(shlex.quote(word) for word in words)})",
            f"COMP_CWORD={len(words) - 1}",
            "_attendee",
            'printf "%s\\n" "${COMPREPLY[@]}"',
        ]
    )
    bash = shutil.which("bash")
    assert bash is not None
    result = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    )
    return [word for word in result.stdout.splitlines() if word]


def test_bash_completes_the_commands() -> None:
    assert complete("attendee ") == [
        "bots",
        "app-sessions",
        "calendars",
        "calendar-events",
        "zoom-oauth-connections",
        "webhooks",
        "mcp",
        "realtime",
        "fake",
        "completion",
    ]
    assert complete("attendee bo") == ["bots"]
    assert complete("attendee bots cr") == ["create"]
    assert complete("attendee bots c") == ["create", "chat", "chat-messages"]
    assert complete("attendee completion ") == ["bash", "zsh", "fish"]


def test_bash_completes_options_and_their_values(tmp_path: Path) -> None:
    (tmp_path / "meeting.mp4").write_bytes(b"")

    assert {"--name", "--wait", "--until", "--api-key", "--json"} <= set(
        complete("attendee bots create --")
    )
    assert complete("attendee bots transcript bot_x --format ") == ["text", "srt", "vtt", "json"]
    assert complete("attendee bots list --state joined_recording_p") == [
        "joined_recording_paused",
        "joined_recording_permission_denied",
    ]
    assert complete("attendee bots wait bot_x --until end") == ["ended"]
    assert complete("attendee bots recording bot_x -o mee", cwd=tmp_path) == ["meeting.mp4"]
    assert "--auto-advance-bots" in complete("attendee fake --")


def test_bash_skips_the_values_of_options_to_find_the_command() -> None:
    assert complete("attendee --api-key bots bo") == ["bots"]  # "bots" was the key
    assert complete("attendee --base-url http://x bots li") == ["list"]
    assert complete("attendee -v --json bots li") == ["list"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_script_holds_every_command_and_option(shell: str) -> None:
    script = _script(shell)

    for node in nodes(build_parser()):
        for name, _ in node.commands:
            assert name in script
        for option in node.options:
            for flag in option.flags:
                assert (flag.lstrip("-") if shell == "fish" else flag) in script


@pytest.mark.parametrize(("shell", "check"), [("bash", ["-n"]), ("zsh", ["-n"]), ("fish", ["-n"])])
def test_every_script_is_valid_for_its_shell(shell: str, check: list[str], tmp_path: Path) -> None:
    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"{shell} is not installed here")
    path = tmp_path / f"attendee.{shell}"
    path.write_text(_script(shell))

    result = subprocess.run([program, *check, str(path)], capture_output=True, text=True)

    assert result.returncode == 0, result.stderr


def test_zsh_and_fish_describe_commands_and_options() -> None:
    zsh, fish = _script("zsh"), _script("fish")

    assert zsh.startswith("#compdef attendee\n")
    assert "'create:send a bot to a meeting'" in zsh
    assert "-a 'create' -d 'send a bot to a meeting'" in fish
    assert "-l format -x -a 'text srt vtt json'" in fish
    assert "-s o -l output -r -F" in fish
