"""The ``attendee_client`` logger: a DEBUG line per attempt, INFO per retry, WARNING on
giving up; ``ATTENDEE_LOG=debug|info`` turns it on without code.

No line ever holds the API key, a header or a body: only method, path, status, timing and
attempt numbers.
"""

from __future__ import annotations

import logging
import os
import time
from types import TracebackType

import httpx

from attendee_client._response import request_path
from attendee_client.errors import APIStatusError

__all__ = ["LOG_ENV", "AttemptLog", "logger", "setup_from_environment"]

LOG_ENV = "ATTENDEE_LOG"

logger = logging.getLogger("attendee_client")


def setup_from_environment() -> None:
    """Send the SDK's log lines to standard error when ``ATTENDEE_LOG`` asks for them.

    ``debug`` shows every attempt, ``info`` retries and give-ups; anything else is ignored.
    Runs once, at import, and only adds a handler of its own.
    """
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(
        os.environ.get(LOG_ENV, "").strip().lower()
    )
    if level is None or any(getattr(h, "_attendee", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler._attendee = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
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
