"""The whole command line: ``attendee [global options] COMMAND ...``, every command added by
the module that runs it. Building it imports nothing heavier than argparse and the
command modules (they import the SDK's models and helpers only when a command runs), so
``attendee --help`` answers quickly."""

from __future__ import annotations

import argparse
import textwrap
from typing import TextIO

from attendee_client._version import __version__
from attendee_client.cli import (
    _app_sessions,
    _bots,
    _calendars,
    _mcp,
    _realtime,
    _tools,
    _webhooks,
    _zoom_oauth_connections,
)
from attendee_client.cli._arguments import ArgumentParser, Parents, add_global_options, walk

__all__ = ["EXIT_STATUSES", "build_parser"]

EXIT_STATUSES = (
    (0, "success"),
    (
        1,
        "an API error (its message on stderr, with the request's path), a webhook that does "
        "not verify, a failed download, or a file that cannot be written",
    ),
    (2, "a usage error: an unknown flag, a bad ISO date or KEY=VALUE, an existing -o FILE"),
    (3, "a wait ran out of time (--wait-timeout)"),
    (4, "a waited-for bot or session ended where the wait can never be met"),
    (5, "no API key, or the server refused it (401)"),
    (130, "interrupted (Ctrl-C): the wait or download stopped, no partial file left"),
)


def _epilog() -> str:
    lines = ["exit status:"]
    for status, meaning in EXIT_STATUSES:
        lines += textwrap.wrap(
            meaning, 78, initial_indent=f"  {status:<4} ", subsequent_indent=" " * 7
        )
    lines += [
        "",
        "Global options go before the command or after it. `attendee COMMAND --help` tells",
        "more; docs/cli.md has a session and docs/cli-reference.md every command.",
    ]
    return "\n".join(lines)


def build_parser(help_stream: TextIO | None = None) -> ArgumentParser:
    """The parser of ``attendee``; its help (and ``--version``) goes to ``help_stream``."""
    parser = ArgumentParser(
        prog="attendee",
        description="The Attendee API from a shell: send bots to meetings, watch them, and read\n"
        "their transcripts and recordings. Tables on a terminal, --json for scripts.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_global_options(parser, top=True)
    parser.add_argument("--version", action="version", version=f"attendee {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="commands"
    )
    parents = Parents.make()
    for module in (
        _bots,
        _app_sessions,
        _calendars,
        _zoom_oauth_connections,
        _webhooks,
        _mcp,
        _realtime,
        _tools,
    ):
        module.register(commands, parents)
    for _, child in walk(parser):
        if isinstance(child, ArgumentParser):
            child.help_stream = help_stream
    return parser
