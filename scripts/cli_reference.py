"""Write docs/cli-reference.md, the reference of every ``attendee`` command, from its parser.

    python3 scripts/cli_reference.py            # write docs/cli-reference.md
    python3 scripts/cli_reference.py --check    # exit 1, with a diff, when that file is stale

The page is built from the parser's own actions (not from argparse's help text, whose layout
changes between Python versions), so the same code gives the same page on every supported
Python; ``tests/cli/test_cli_docs.py`` fails when it is stale.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from attendee_client.cli._arguments import walk
from attendee_client.cli._parser import EXIT_STATUSES, build_parser

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "cli-reference.md"
GLOBAL_GROUP = "global options"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _shown(action: argparse.Action) -> str:
    """How the action is written on a command line: ``--name NAME``, ``-o/--output FILE``."""
    if not action.option_strings:
        if action.choices is not None and action.metavar is None:
            return f"{{{','.join(str(choice) for choice in action.choices)}}}"
        return str(action.metavar or action.dest)
    flags = "/".join(action.option_strings)
    if action.nargs == 0:
        return flags
    if action.choices is not None and action.metavar is None:
        return f"{flags} {{{','.join(str(choice) for choice in action.choices)}}}"
    return f"{flags} {action.metavar or action.dest.upper()}"


def _describe(action: argparse.Action) -> str:
    parts = [action.help or ""]
    if action.choices is not None and action.option_strings and action.metavar is not None:
        parts.append(f"one of: {', '.join(str(choice) for choice in action.choices)}")
    if action.required and action.option_strings:
        parts.append("required")
    return _cell("; ".join(part for part in parts if part))


def _arguments(parser: argparse.ArgumentParser, *, with_globals: bool) -> list[str]:
    rows = []
    for group in parser._action_groups:
        if group.title == GLOBAL_GROUP and not with_globals:
            continue
        for action in group._group_actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            if action.help == argparse.SUPPRESS:
                continue
            rows.append(f"| `{_shown(action)}` | {_describe(action)} |")
    if not rows:
        return []
    return ["| argument | meaning |", "|---|---|", *rows, ""]


def _usage(path: tuple[str, ...], parser: argparse.ArgumentParser) -> str:
    words = ["attendee", *path]
    if any(group.title == GLOBAL_GROUP for group in parser._action_groups) and path:
        words.append("[global options]")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            words.append("COMMAND ...")
        elif not action.option_strings or action.required:
            words.append(_shown(action))
    optional = [
        action
        for group in parser._action_groups
        if group.title != GLOBAL_GROUP
        for action in group._group_actions
        if action.option_strings
        and not action.required
        and not isinstance(action, argparse._HelpAction)
    ]
    if optional:
        words.append("[options]")
    return " ".join(words)


def _description(text: str) -> list[str]:
    """A help description as Markdown: its prose joined, its indented lines (examples) as a
    code block."""
    lines: list[str] = []
    prose: list[str] = []
    code: list[str] = []

    def flush() -> None:
        if prose:
            lines.extend([" ".join(prose), ""])
            prose.clear()
        if code:
            lines.extend(["```text", *code, "```", ""])
            code.clear()

    for line in text.splitlines():
        if line.startswith("  "):
            if prose:
                flush()
            code.append(line.strip())
        elif line.strip():
            if code:
                flush()
            prose.append(line.strip())
        else:
            flush()
    flush()
    return lines


def _fake_section() -> list[str]:
    from attendee_client.testing.__main__ import build_parser as fake_parser

    parser = fake_parser("attendee fake")
    return [
        "## attendee fake",
        "",
        "The fake Attendee server on 127.0.0.1, started by the same entry point as "
        "`python -m attendee_client.testing` (see [Testing your code](testing.md)); it "
        "prints its URL and API key, then serves until Ctrl-C.",
        "",
        "```text",
        "attendee fake [options]",
        "```",
        "",
        *_arguments(parser, with_globals=True),
    ]


def render() -> str:
    """The reference page."""
    parser = build_parser()
    tree = list(walk(parser))
    lines = [
        "# Command reference",
        "",
        "<!-- Generated from the parser by scripts/cli_reference.py: do not edit. -->",
        "",
        "Every command of `attendee`, generated from its parser by "
        "`scripts/cli_reference.py` (a test fails when this page is stale). "
        "[The command line](cli.md) tells how to use it, with a session.",
        "",
        "## attendee",
        "",
        *_description(parser.description or ""),
        "```text",
        "attendee [global options] COMMAND ...",
        "```",
        "",
        "The global options go before the command or after it, with the same meaning "
        "(`--request-timeout` bounds each request, a waiting command's `--wait-timeout` the "
        "wait):",
        "",
        *_arguments(parser, with_globals=True),
        "Exit statuses:",
        "",
        "| status | meaning |",
        "|---|---|",
        *(f"| {status} | {_cell(meaning)} |" for status, meaning in EXIT_STATUSES),
        "",
    ]
    for path, child in tree[1:]:
        if path == ("fake",):
            lines += _fake_section()
            continue
        lines += [f"## attendee {' '.join(path)}", "", *_description(child.description or "")]
        lines += ["```text", _usage(path, child), "```", ""]
        lines += _arguments(child, with_globals=False)
        commands = [
            (name, choice.help or "")
            for action in child._actions
            if isinstance(action, argparse._SubParsersAction)
            for choice in action._choices_actions
            for name in [choice.dest]
        ]
        if commands:
            lines += ["| command | does |", "|---|---|"]
            lines += [
                f"| [`{name}`](#attendee-{'-'.join((*path, name))}) | {_cell(text)} |"
                for name, text in commands
            ]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--check", action="store_true", help="exit 1 when the page is stale")
    check = options.parse_args().check
    page = render()
    if check:
        current = REFERENCE.read_text() if REFERENCE.exists() else ""
        if current != page:
            sys.stdout.writelines(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    page.splitlines(keepends=True),
                    str(REFERENCE),
                    "generated",
                )
            )
            return 1
        return 0
    REFERENCE.write_text(page)
    print(f"wrote {REFERENCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
