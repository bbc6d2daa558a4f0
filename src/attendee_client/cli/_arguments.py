"""The pieces every command's parser is made of: the parser class (its errors become exit
status 2 and go through ``main``, which hides the API key), the value types of flags (ISO
date-times, ``KEY=VALUE``, counts), and the global options every command accepts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from attendee_client.cli._context import Context, UsageError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = [
    "ArgumentParser",
    "Handler",
    "ParserError",
    "Parents",
    "Subparsers",
    "command",
    "count",
    "iso_datetime",
    "key_value",
    "non_negative_int",
    "positive_number",
    "walk",
]

Handler = Callable[["Context"], "int | None"]
"""What runs a command, given the run's context: returns its exit status (None: 0); an
exception is its failure."""


class ParserError(Exception):
    """A usage error found by argparse: ``main`` prints ``usage`` and the message, exit 2."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser whose errors are raised (not printed and exited on) and whose
    help goes to ``help_stream`` (the runtime's standard output)."""

    help_stream: TextIO | None = None

    def error(self, message: str) -> NoReturn:
        raise ParserError(self, message)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            stream = self.help_stream if file in (None, sys.stdout) else file
            (stream or sys.stdout).write(message)


if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[ArgumentParser]
else:
    Subparsers = argparse._SubParsersAction


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every parser of the tree with its command path (``()`` for the top), depth first,
    commands in the order they were added."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from walk(child, (*path, name))


def command(
    group: Subparsers,
    name: str,
    handler: Handler,
    summary: str,
    parent: ArgumentParser,
    description: str | None = None,
) -> ArgumentParser:
    """Add the command ``name`` to ``group``: ``summary`` is its line in the list of
    commands, ``description`` (default: the summary) heads its help."""
    parser = group.add_parser(
        name,
        parents=[parent],
        help=summary,
        description=description or f"{summary[0].upper()}{summary[1:]}.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def command_group(group: Subparsers, name: str, summary: str) -> Subparsers:
    """Add ``name``, a command made of commands (``attendee bots ...``)."""
    parser = group.add_parser(name, help=summary, description=f"{summary[0].upper()}{summary[1:]}.")
    return parser.add_subparsers(
        dest=f"{name}_command", required=True, metavar="COMMAND", title="commands"
    )


# --- value types -----------------------------------------------------------------------------


def iso_datetime(text: str) -> datetime:
    """An ISO 8601 date-time with a UTC offset (``Z`` or ``+02:00``)."""
    value = text.strip()
    if value[-1:] in ("Z", "z"):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date-time: {text!r} (e.g. 2025-01-13T10:30:00Z)"
        ) from None
    if parsed.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset (e.g. 2025-01-13T10:30:00Z or ...T10:30:00+02:00)"
        )
    return parsed


def key_value(text: str) -> tuple[str, str]:
    """``KEY=VALUE`` (the value may be empty or hold ``=``)."""
    key, separator, value = text.partition("=")
    if not separator or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value


def positive_number(text: str) -> float:
    """A number of seconds above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be above zero: {text!r}")
    return value


def _integer(text: str, lowest: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < lowest:
        raise argparse.ArgumentTypeError(f"must be {lowest} or more: {text!r}")
    return value


def count(text: str) -> int:
    """A whole number, 1 or more."""
    return _integer(text, 1)


def non_negative_int(text: str) -> int:
    """A whole number, 0 or more."""
    return _integer(text, 0)


# --- global options --------------------------------------------------------------------------


class _AmbiguousTimeout(argparse.Action):
    """``--timeout``, once both each request's timeout and a wait's bound: refused with the
    two names that replaced it, so that no one waits ten minutes for a two-second bound."""

    def __call__(self, parser: argparse.ArgumentParser, *_: Any, **__: Any) -> None:
        parser.error(
            "--timeout is not an option: use --wait-timeout SECONDS for how long a wait may "
            "last, or --request-timeout SECONDS for how long each request may take"
        )


def add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """The options every command takes: before the command (``top``) with their defaults,
    or after it, where they are set only when given."""

    def default(value: Any) -> Any:
        return value if top else argparse.SUPPRESS

    group = parser.add_argument_group("global options")
    group.add_argument(
        "--api-key",
        metavar="KEY",
        default=default(None),
        help="the API key (default: $ATTENDEE_API_KEY); never printed",
    )
    group.add_argument(
        "--base-url",
        metavar="URL",
        default=default(None),
        help="the API's URL (default: $ATTENDEE_BASE_URL, else https://app.attendee.dev)",
    )
    group.add_argument(
        "--request-timeout",
        dest="timeout",
        type=positive_number,
        metavar="SECONDS",
        default=default(None),
        help="how long each request may take (default: 5 s to connect, 30 s for the rest)",
    )
    group.add_argument(
        "--timeout",
        action=_AmbiguousTimeout,
        dest="ambiguous_timeout",
        default=argparse.SUPPRESS,
        metavar="SECONDS",
        help=argparse.SUPPRESS,
    )
    group.add_argument(
        "--max-retries",
        type=non_negative_int,
        metavar="N",
        default=default(None),
        help="retries after a failed attempt (default: 2)",
    )
    add_output_options(group, top=top)


def add_output_options(group: Any, *, top: bool) -> None:
    """``--json`` and ``-v``, for the commands that need no client too."""
    group.add_argument(
        "--json",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="print the server's JSON and nothing else",
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="print the SDK's debug log on standard error",
    )


@dataclass(frozen=True)
class Parents:
    """The global options as parent parsers: ``common`` for commands that call the API,
    ``offline`` for the others."""

    common: ArgumentParser
    offline: ArgumentParser

    @classmethod
    def make(cls) -> Parents:
        common = ArgumentParser(add_help=False)
        add_global_options(common, top=False)
        offline = ArgumentParser(add_help=False)
        add_output_options(offline.add_argument_group("global options"), top=False)
        return cls(common, offline)


def add_new_state_option(parser: argparse.ArgumentParser) -> None:
    """``--new-state``: a state this version does not know is one the server added since,
    not a typo (which is refused)."""
    parser.add_argument(
        "--new-state",
        action="store_true",
        help="accept a state this version does not know (one the server added since)",
    )


def add_wait_options(parser: argparse.ArgumentParser, *, default_until: str) -> None:
    """``--until STATE`` (repeatable: any of them), ``--wait-timeout``, ``--poll-interval``."""
    parser.add_argument(
        "--until",
        metavar="STATE",
        action="append",
        help=f"the state to wait for; repeat for any of several (default: {default_until})",
    )
    add_new_state_option(parser)
    parser.add_argument(
        "--wait-timeout",
        dest="wait_timeout",
        type=positive_number,
        metavar="SECONDS",
        help="give up after this long, exit status 3 (default: 600)",
    )
    parser.add_argument(
        "--poll-interval",
        type=positive_number,
        metavar="SECONDS",
        help="look this often (default: after 1 s, doubling up to 15 s)",
    )


def add_id_only(parser: argparse.ArgumentParser, noun: str, command: str) -> None:
    """``--id-only``: print only the new object's id, for a script to keep."""
    parser.add_argument(
        "--id-only",
        action="store_true",
        help=f"print only the new {noun}'s id (at once, before any wait), for scripts: "
        f"id=$(attendee {command} ... --id-only)",
    )


def check_id_only(ctx: Context) -> None:
    """Refuse ``--id-only`` beside ``--json`` (each chooses what is printed), before sending."""
    if ctx.args.id_only and ctx.output.json_mode:
        raise UsageError("--id-only prints the id alone and --json the whole object: give one")


def add_limit(parser: argparse.ArgumentParser) -> None:
    """``--limit N``: stop after N items (no further page is fetched)."""
    parser.add_argument(
        "--limit", type=count, metavar="N", help="stop after N items (default: all, page by page)"
    )


def add_metadata(parser: argparse.ArgumentParser) -> None:
    """``--metadata KEY=VALUE ...``."""
    parser.add_argument(
        "--metadata",
        type=key_value,
        action="append",
        metavar="KEY=VALUE",
        help="a metadata entry; repeat for more",
    )


def metadata(pairs: list[tuple[str, str]] | None) -> dict[str, str] | None:
    """The ``--metadata`` pairs as a mapping (a repeated key: the last wins)."""
    return None if not pairs else dict(pairs)
