"""The command line's documentation is generated, never hand-copied: docs/cli-reference.md
from the parser, the session of docs/cli.md from a run against the fake server; both fail
here when they are stale. And every command answers ``--help``."""

from __future__ import annotations

import argparse
import importlib.util
import io
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from attendee_client.cli import Runtime, main
from attendee_client.cli._arguments import walk
from attendee_client.cli._parser import EXIT_STATUSES, build_parser

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_command_reference_is_current() -> None:
    reference = _script("cli_reference")

    assert (ROOT / "docs" / "cli-reference.md").read_text() == reference.render(), (
        "docs/cli-reference.md is stale: run python3 scripts/cli_reference.py"
    )


def test_the_reference_has_every_command_and_option() -> None:
    page = (ROOT / "docs" / "cli-reference.md").read_text()

    for path, parser in walk(build_parser()):
        if path:
            assert f"## attendee {' '.join(path)}\n" in page
        for action in parser._actions:
            if action.help == argparse.SUPPRESS:  # refused with a pointer to its successors
                continue
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert flag in page, (path, flag)


def test_the_session_in_the_docs_is_what_the_commands_print() -> None:
    session = _script("cli_session")
    current = (ROOT / "docs" / "cli.md").read_text()

    # On a free port (its own, 8765, may be taken: CI runs two suites at once).
    assert session.masked(current) == session.masked(session.render(0)), (
        "the session of docs/cli.md is stale: run python3 scripts/cli_session.py"
    )


def test_the_session_in_the_docs_is_reproduced_by_pasting_its_commands(tmp_path: Path) -> None:
    session = _script("cli_session")
    current = (ROOT / "docs" / "cli.md").read_text()
    block = current.partition(session.START)[2].partition(session.END)[0].strip("\n")

    # The page's own commands, as written (ids included), against `attendee fake`.
    replayed = session.replay(session.commands_of(current), tmp_path, port=0)

    assert session.masked("\n".join(replayed)) == session.masked(block)


def test_the_session_shows_every_exit_status_but_ctrl_c() -> None:
    page = (ROOT / "docs" / "cli.md").read_text()
    block = page.split("<!-- session:start")[1]

    assert {int(status) for status in re.findall(r"\[exit status (\d+)\]", block)} == {1, 3, 4}
    for status, _ in EXIT_STATUSES:
        assert f"\n| {status} |" in page


@pytest.mark.parametrize(
    "path", [path for path, _ in walk(build_parser()) if path != ("fake",)], ids=" ".join
)
def test_every_command_answers_help(path: tuple[str, ...]) -> None:
    out = io.StringIO()

    code = main([*path, "--help"], Runtime(stdout=out, stderr=io.StringIO(), environ={}))

    assert code == 0
    assert out.getvalue().startswith(f"usage: attendee {' '.join(path)}".rstrip())
