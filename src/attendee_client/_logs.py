"""The ``attendee_client`` logger: a DEBUG line per attempt, INFO per retry, WARNING on
giving up; ``ATTENDEE_LOG=debug|info`` turns it on without code.

No line ever holds the API key, a header or a body: only method, path, status, timing and
attempt numbers.

Handlers, so that no line is lost to Python's last-resort handler and none prints twice:

- At import the logger gets a ``logging.NullHandler``: an app that configured no logging
  does not see the SDK's WARNINGs on standard error (that is the app's choice to make).
- ``ATTENDEE_LOG`` sets the logger's level and adds one handler writing to standard error.
  That handler prints a record only when no other handler would: when the logger has no
  handler of its own (the NullHandler does not count) and no handler of the root logger
  (``logging.basicConfig``, a framework's set-up) would take it. Deciding per record keeps
  the rule true whether the app configures logging before or after importing the SDK.
- Any other value of ``ATTENDEE_LOG`` warns once, naming the accepted ones.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import warnings
from types import TracebackType

import httpx

from attendee_client._status import request_path
from attendee_client.errors import APIStatusError

__all__ = ["LOG_ENV", "LOG_LEVELS", "AttemptLog", "logger", "setup_from_environment"]

LOG_ENV = "ATTENDEE_LOG"
LOG_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}

logger = logging.getLogger("attendee_client")


class _SilentHandler(logging.NullHandler):
    """The handler the SDK adds at import, so that its WARNINGs never reach Python's
    last-resort handler; it counts as nobody's handler."""


class _EnvironmentHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The ``ATTENDEE_LOG`` handler: standard error, for the records nothing else prints."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))

    def handle(self, record: logging.LogRecord) -> bool:
        if _another_handler_takes(record):
            return False
        return super().handle(record)


def _is_ours(handler: logging.Handler) -> bool:
    return isinstance(handler, (_SilentHandler, _EnvironmentHandler))


def _another_handler_takes(record: logging.LogRecord) -> bool:
    """Whether a handler the app set up (on the SDK's logger or an ancestor it propagates
    to) will handle ``record``, as ``Logger.callHandlers`` would walk them."""
    current: logging.Logger | None = logger
    while current is not None:
        for handler in current.handlers:
            if not _is_ours(handler) and record.levelno >= handler.level:
                return True
        current = current.parent if current.propagate else None
    return False


if not any(isinstance(handler, _SilentHandler) for handler in logger.handlers):
    logger.addHandler(_SilentHandler())

_warned_about: set[str] = set()


def setup_from_environment() -> None:
    """Turn the SDK's log lines on when ``ATTENDEE_LOG`` asks for them (see the module's
    docstring for where they go).

    ``debug`` shows every attempt, ``info`` retries and give-ups; unset or empty does
    nothing; any other value warns once (a ``UserWarning`` naming the accepted values).
    Runs at import; calling it again adds no second handler.
    """
    value = os.environ.get(LOG_ENV, "").strip().lower()
    if not value:
        return
    level = LOG_LEVELS.get(value)
    if level is None:
        if value not in _warned_about:
            _warned_about.add(value)
            warnings.warn(
                f"{LOG_ENV}={value!r} is not a log level the SDK knows: use "
                f"{' or '.join(LOG_LEVELS)} (or leave it unset); ignoring it",
                UserWarning,
                stacklevel=2,
            )
        return
    if not any(isinstance(handler, _EnvironmentHandler) for handler in logger.handlers):
        logger.addHandler(_EnvironmentHandler())
    logger.setLevel(level)


class AttemptLog:
    """Times one attempt and logs it at DEBUG as it ends (only when DEBUG is enabled).

    ``with AttemptLog(request, attempt, attempts) as log: ...; log.status = 200``
    """

    __slots__ = ("_attempt", "_attempts", "_request", "_started", "status")

    def __init__(self, request: httpx.Request, attempt: int, attempts: int) -> None:
        self._started = time.perf_counter() if logger.isEnabledFor(logging.DEBUG) else None
        self._request = request
        self._attempt = attempt
        self._attempts = attempts
        self.status: int | None = None

    def __enter__(self) -> AttemptLog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._started is None:
            return
        elapsed_ms = (time.perf_counter() - self._started) * 1000
        if isinstance(exc, APIStatusError):
            outcome = str(exc.status_code)
        elif exc is not None:
            outcome = type(exc).__name__
        else:
            outcome = str(self.status)
        logger.debug(
            "%s %s -> %s in %.1f ms (attempt %d of %d)",
            self._request.method,
            request_path(self._request),
            outcome,
            elapsed_ms,
            self._attempt,
            self._attempts,
        )
