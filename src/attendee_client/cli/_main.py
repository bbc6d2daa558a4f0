"""``attendee``'s entry point: parse, run the command, and turn what went wrong into one
line on standard error and the documented exit status. Never a traceback for an error the
SDK types, and never the API key (nor another secret given on the command line)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping, Sequence

from attendee_client import (
    AttendeeError,
    AuthenticationError,
    BotFailedError,
    WaitTimeoutError,
)
from attendee_client.cli._arguments import ParserError
from attendee_client.cli._context import (
    API_KEY_ENV,
    Context,
    NoApiKeyError,
    Runtime,
    UsageError,
    is_terminal,
)
from attendee_client.cli._output import Output
from attendee_client.cli._parser import build_parser

__all__ = ["main"]

_SECRET_OPTIONS = ("--api-key", "--secret", "--client-secret", "--refresh-token")
_SECRET_ENVIRONMENT = (API_KEY_ENV, "ATTENDEE_WEBHOOK_SECRET")
_HIDDEN = "[hidden]"
_SHORTEST_SECRET = 8
"""Shorter values are not hidden: replacing ``k`` in every message would garble them all,
and no real key is that short."""


def _secret_option(word: str) -> bool:
    # argparse takes any unambiguous prefix of an option (--api-k): so must this.
    return len(word) > 4 and any(option.startswith(word) for option in _SECRET_OPTIONS)


def _secrets(words: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """The secrets this run knows: values of secret options, and of secret variables."""
    found = [environ[name] for name in _SECRET_ENVIRONMENT if environ.get(name)]
    for index, word in enumerate(words):
        name, equals, value = word.partition("=")
        if equals and _secret_option(name) and value:
            found.append(value)
        elif _secret_option(word) and index + 1 < len(words) and words[index + 1]:
            found.append(words[index + 1])
    return sorted({secret for secret in found if len(secret) >= _SHORTEST_SECRET}, key=len)[::-1]


class _Redactor:
    """Writes one-line messages to standard error with every secret replaced."""

    def __init__(self, runtime: Runtime, secrets: list[str]) -> None:
        self.stream = runtime.stderr
        self.secrets = secrets

    def hide(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, _HIDDEN)
        return text

    def line(self, text: str) -> None:
        one_line = " ".join(part.strip() for part in str(text).splitlines() if part.strip())
        self.stream.write(self.hide(one_line) + "\n")
        self.stream.flush()


class _RedactingFormatter(logging.Formatter):
    def __init__(self, redactor: _Redactor) -> None:
        super().__init__("%(asctime)s %(name)s %(levelname)s %(message)s")
        self.redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        return self.redactor.hide(super().format(record))


def _report(error: BaseException, say: _Redactor, ctx: Context | None) -> int:
    """The exit status for ``error``, having said what it was; raises it again when it is
    not one the command line expects (a bug deserves its traceback)."""
    if isinstance(error, KeyboardInterrupt):
        note = f"; {ctx.interrupt_note}" if ctx is not None and ctx.interrupt_note else ""
        say.line(f"attendee: interrupted{note}")
        return 130
    if isinstance(error, SystemExit):  # from the fake server's own parser
        code = error.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    if isinstance(error, UsageError):
        say.line(f"attendee: error: {error}")
        return 2
    if isinstance(error, (NoApiKeyError, AuthenticationError)):
        say.line(f"attendee: error: {error}")
        return 5
    if isinstance(error, WaitTimeoutError):
        say.line(f"attendee: timed out: {error}")
        return 3
    if isinstance(error, BotFailedError):
        say.line(f"attendee: failed: {error}")
        return 4
    if isinstance(error, AttendeeError):
        say.line(f"attendee: error: {error}")
        return 1
    if isinstance(error, BrokenPipeError):
        # The reader went away (| head): stop quietly, as a program killed by SIGPIPE would.
        if ctx is not None and ctx.runtime.stdout is sys.stdout:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141
    if isinstance(error, OSError):
        say.line(f"attendee: error: {error}")
        return 1
    if isinstance(error, (ValueError, TypeError)):  # the SDK refused an argument
        say.line(f"attendee: error: {error}")
        return 2
    raise error


def main(argv: Sequence[str] | None = None, runtime: Runtime | None = None) -> int:
    """Run ``attendee`` with the words ``argv`` (default: the process's) in ``runtime``
    (default: this process's streams, environment, clock and clients); returns the exit
    status. Tests pass a ``Runtime`` with their streams, a fake clock and a client factory."""
    runtime = runtime or Runtime()
    words = list(sys.argv[1:] if argv is None else argv)
    say = _Redactor(runtime, _secrets(words, runtime.environ))
    parser = build_parser(runtime.stdout)
    try:
        args, unknown = parser.parse_known_args(words)
        if unknown and "fake_arguments" in args:
            args.fake_arguments = unknown
        elif unknown:
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    except ParserError as error:
        runtime.stderr.write(say.hide(error.parser.format_usage()))
        say.line(f"{error.parser.prog}: error: {error.message}")
        return 2
    except SystemExit as done:  # --help, --version
        return done.code if isinstance(done.code, int) else 0
    aligned = is_terminal(runtime.stdout)
    colour = (
        aligned
        and not runtime.environ.get("NO_COLOR")
        and runtime.environ.get("TERM", "") != "dumb"
    )
    output = Output(
        runtime.stdout,
        json_mode=args.json,
        colour=colour,
        aligned=aligned,
        messages=runtime.stderr,
    )
    ctx = Context(args, runtime, output, parser)
    log_handler = None
    logger = logging.getLogger("attendee_client")
    level = logger.level
    if args.verbose:
        log_handler = logging.StreamHandler(runtime.stderr)
        log_handler.setFormatter(_RedactingFormatter(say))
        logger.addHandler(log_handler)
        logger.setLevel(logging.DEBUG)
    try:
        status = args.handler(ctx)
        runtime.stdout.flush()
        return int(status or 0)
    except BaseException as error:  # noqa: BLE001 - _report maps each, and re-raises bugs
        ctx.close()  # first: a live line is erased before the message
        return _report(error, say, ctx)
    finally:
        ctx.close()
        if log_handler is not None:
            logger.removeHandler(log_handler)
            logger.setLevel(level)
