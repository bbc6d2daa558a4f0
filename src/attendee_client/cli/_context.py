"""What a command runs with: the process around it (streams, environment, clock, sleeper,
how a client is made) and, for one run, the parsed arguments, the output and the client.

Everything a test needs to replace is in ``Runtime``: the streams (a pseudo-terminal or a
``StringIO``), the environment, ``clock`` and ``sleep`` (so waits and progress run on a
fake clock), and ``client_factory`` (a client answered in process by the fake server).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from attendee_client import NOT_GIVEN, AttendeeClient

if TYPE_CHECKING:
    from attendee_client.cli._output import Output
    from attendee_client.cli._terminal import LiveLine

__all__ = ["ClientOptions", "Context", "Runtime", "UsageError", "default_client_factory"]

API_KEY_ENV = "ATTENDEE_API_KEY"
BASE_URL_ENV = "ATTENDEE_BASE_URL"

TICK_SECONDS = 0.5
"""How often a live line is redrawn while the command sleeps (its elapsed time moves)."""


class UsageError(Exception):
    """A bad command line found after parsing (a file that is not JSON, a flag that needs
    another): exit status 2, like argparse's own errors."""


class NoApiKeyError(Exception):
    """No API key (none given, or an empty one): exit status 5, the status of a key the
    server refused too, so that a script can tell "log in first" from other failures."""


@dataclass(frozen=True)
class ClientOptions:
    """What the command line says about the client; ``client_factory`` turns it into one.

    ``api_key`` is never printed, and never part of ``repr``. ``sleep`` and ``clock`` are
    the command's: pass them to the client, so that waits and retries run on them.
    """

    api_key: str = field(repr=False)
    base_url: str | None
    timeout: float | None
    max_retries: int | None
    sleep: Callable[[float], None] = field(repr=False)
    clock: Callable[[], float] = field(repr=False)


def default_client_factory(options: ClientOptions) -> AttendeeClient:
    """The client a user gets: the options given, the SDK's defaults for the others."""
    retries: dict[str, Any] = {}
    if options.max_retries is not None:
        retries["max_retries"] = options.max_retries
    return AttendeeClient(
        api_key=options.api_key,
        base_url=options.base_url,
        timeout=NOT_GIVEN if options.timeout is None else options.timeout,
        sleep=options.sleep,
        clock=options.clock,
        **retries,
    )


_FLAGS = {
    "timeout": "--request-timeout",
    "max_retries": "--max-retries",
    "base_url": "--base-url (or $ATTENDEE_BASE_URL)",
    "api_key": "the API key (--api-key or $ATTENDEE_API_KEY)",
}


def _in_flags(message: str) -> str:
    """A refusal of the SDK's constructor in the command line's words: its flags, not its
    Python arguments (nor "pass None", which a shell cannot)."""
    name, space, rest = message.partition(" ")
    message = f"{_FLAGS.get(name, name)}{space}{rest}"
    message = message.replace("; pass None for no timeout", "")
    return message.replace(" (api_key.strip())", "")


def _stdin() -> TextIO:
    return sys.stdin


def _stdout() -> TextIO:
    return sys.stdout


def _stderr() -> TextIO:
    return sys.stderr


def _environ() -> Mapping[str, str]:
    return os.environ


@dataclass
class Runtime:
    """The process a command runs in; every part can be replaced (tests do)."""

    stdin: TextIO = field(default_factory=_stdin)
    stdout: TextIO = field(default_factory=_stdout)
    stderr: TextIO = field(default_factory=_stderr)
    # Not in the repr: the environment holds the API key and the webhook secret.
    environ: Mapping[str, str] = field(default_factory=_environ, repr=False)
    client_factory: Callable[[ClientOptions], AttendeeClient] = default_client_factory
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (a closed or odd stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class Context:
    """One run of one command: its arguments, its output, and a client made on first use."""

    def __init__(
        self,
        args: argparse.Namespace,
        runtime: Runtime,
        output: Output,
        parser: argparse.ArgumentParser,
    ) -> None:
        self.args = args
        self.parser = parser
        """The whole command line's parser (for completion scripts)."""
        self.runtime = runtime
        self.output = output
        self.live: LiveLine | None = None
        """The line being redrawn on standard error (a progress bar, a wait), if any."""
        self.interrupt_note: str | None = None
        """Said after ``interrupted`` on Ctrl-C: what was left running."""
        self._client: AttendeeClient | None = None

    @property
    def interactive(self) -> bool:
        """Whether progress is drawn: standard error is a terminal and no log is printed."""
        return is_terminal(self.runtime.stderr) and not self.args.verbose

    def api_key(self) -> str:
        """The key of ``--api-key``, else of ``$ATTENDEE_API_KEY``. Raises NoApiKeyError when
        there is none, or ``--api-key`` is given empty."""
        api_key = self.args.api_key
        if api_key is not None and not api_key.strip():
            # Given and empty is a mistake (an unset variable in a script), not a wish to
            # fall back to the environment.
            raise NoApiKeyError("--api-key is empty")
        api_key = api_key or self.runtime.environ.get(API_KEY_ENV)
        if not api_key:
            raise NoApiKeyError(f"no API key: set {API_KEY_ENV} or pass --api-key")
        return str(api_key)

    @property
    def client(self) -> AttendeeClient:
        """The client, made on first use from the options and the environment. Raises
        NoApiKeyError when there is no API key, UsageError for an option the SDK refuses."""
        if self._client is None:
            environ = self.runtime.environ
            options = ClientOptions(
                api_key=self.api_key(),
                base_url=self.args.base_url or environ.get(BASE_URL_ENV) or None,
                timeout=self.args.timeout,
                max_retries=self.args.max_retries,
                sleep=self.sleep,
                clock=self.runtime.clock,
            )
            try:
                self._client = self.runtime.client_factory(options)
            except ValueError as error:
                raise UsageError(_in_flags(str(error))) from None
        return self._client

    def sleep(self, seconds: float) -> None:
        """Sleep as the runtime does; while a live line is shown, in ticks that redraw it."""
        remaining = seconds
        while remaining > 0:
            if self.live is None:
                self.runtime.sleep(remaining)
                return
            step = min(TICK_SECONDS, remaining)
            self.runtime.sleep(step)
            remaining -= step
            self.live.tick()

    def close(self) -> None:
        """Clear a live line left by an error or Ctrl-C, and close the client."""
        if self.live is not None:
            self.live.clear()
            self.live = None
        if self._client is not None:
            self._client.close()
            self._client = None
