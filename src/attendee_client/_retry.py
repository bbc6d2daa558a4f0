"""The retry policy, as pure decisions, and the state of one request's retries.

Which failures are retried is chosen per call, by what repeating it would do:

- ``Retry.SAFE`` (reads, deletes, and any call the server makes idempotent, such as a bot
  create carrying a ``deduplication_key``): connection errors, timeouts, 408, 429, 500, 502,
  503, 504;
- ``Retry.SENT_ONCE`` (other POSTs and PATCHes: an authorization code is exchanged once
  only, a chat message must not be posted twice): only failures where the request surely
  never reached the server (the connection could not be opened) and 429, which the server
  answers before it does anything.

The wait before a retry is the server's ``Retry-After`` when it is between 0 and 60 s, and
otherwise exponential backoff from 0.5 s, doubling, capped at 8 s, with jitter.

The clients drive these decisions through tenacity, but only after a first attempt failed:
the first attempt of every request is a plain send, and tenacity is not even imported until
then.
"""

from __future__ import annotations

import enum
import logging
import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypedDict

import httpx

from attendee_client._status import describe_request, parse_retry_after
from attendee_client.errors import (
    APIConnectionError,
    APIStatusError,
    AttendeeError,
    NotFoundError,
    RateLimitError,
)

if TYPE_CHECKING:
    import tenacity

logger = logging.getLogger("attendee_client")

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER_SECONDS = 60.0
INITIAL_BACKOFF_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 8.0
# Each backoff is scaled by a factor drawn from [1 - JITTER, 1], so clients that failed
# together do not retry together.
JITTER = 0.25


class Retry(enum.Enum):
    """How a call may be retried; chosen per call, not per HTTP method."""

    SAFE = "safe"
    """Repeating it does no harm: retried on every transient failure."""
    SENT_ONCE = "sent_once"
    """It must not take effect twice: retried only when it surely never arrived, or on 429."""


class RetriedCall(Protocol):
    """What the retry rules read of a call (a ``RequestSpec`` has all of it)."""

    @property
    def method(self) -> str: ...

    @property
    def retry(self) -> Retry: ...

    @property
    def outcome_hint(self) -> str | None: ...

    @property
    def returns_nothing(self) -> bool: ...

    def handles(self, error: AttendeeError) -> bool:
        """Whether the caller turns this failure into its result (so giving up on it is
        no warning)."""
        ...


def is_retryable(policy: Retry, error: AttendeeError) -> bool:
    """Whether a call with this policy that failed with ``error`` may be sent again."""
    if isinstance(error, APIConnectionError):
        return policy is Retry.SAFE or not error.request_reached_server
    if isinstance(error, APIStatusError):
        if policy is Retry.SENT_ONCE:
            return error.status_code == 429
        return error.status_code in RETRYABLE_STATUSES
    return False


def may_have_reached_server(error: AttendeeError) -> bool:
    """Whether the server may have acted on a request that failed with ``error``."""
    if isinstance(error, APIConnectionError):
        return error.request_reached_server
    if isinstance(error, APIStatusError):
        return error.status_code >= 500 or error.status_code == 408
    return False


def retry_after_seconds(error: AttendeeError, now: float) -> float | None:
    """The server's ``Retry-After`` for this failure, in seconds, or None."""
    if isinstance(error, RateLimitError):
        return error.retry_after
    if isinstance(error, APIStatusError):
        return parse_retry_after(error.response.headers.get("Retry-After"), now)
    return None


def capped_backoff(number: int, first: float, cap: float) -> float:
    """``first`` doubled for each step after the first (``number`` 1 is ``first``), never
    past ``cap``: the wait before a retry, a resumption or a look."""
    return min(first * 2.0 ** min(number - 1, 32), cap)


def wait_seconds(retry_number: int, error: AttendeeError, *, now: float, jitter: float) -> float:
    """How long to wait before retry number ``retry_number`` (1 for the first retry).

    ``jitter`` is a number in [0, 1) (a random draw) that shortens the backoff by up to
    ``JITTER`` of itself; it does not touch a ``Retry-After`` the server asked for.
    """
    server_wait = retry_after_seconds(error, now)
    if server_wait is not None and 0 <= server_wait <= MAX_RETRY_AFTER_SECONDS:
        return server_wait
    backoff = capped_backoff(retry_number, INITIAL_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS)
    return backoff * (1 - JITTER * jitter)


def _describe_failure(error: AttendeeError) -> str:
    if isinstance(error, APIStatusError):
        return f"status {error.status_code}"
    return type(error).__name__


class TenacityOptions(TypedDict):
    """The keyword arguments both ``tenacity.Retrying`` and ``AsyncRetrying`` get."""

    stop: tenacity.stop.stop_base
    wait: Callable[[tenacity.RetryCallState], float]
    retry: tenacity.retry_base
    before_sleep: Callable[[tenacity.RetryCallState], None]
    reraise: bool


class RetryState:
    """One request's retries: counts attempts and applies the call's policy.

    The first attempt has already failed when this is made; tenacity asks it what to do.
    """

    def __init__(
        self,
        spec: RetriedCall,
        request: httpx.Request,
        first_error: AttendeeError,
        *,
        max_retries: int,
        clock: Callable[[], float] = time.time,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.spec = spec
        self.request = request
        self.max_retries = max_retries
        self.attempts = 1
        self.reached_server = may_have_reached_server(first_error)
        self._pending_error: AttendeeError | None = first_error
        self._clock = clock
        self._jitter = jitter

    def start_attempt(self) -> None:
        """Called at the start of each attempt tenacity makes.

        tenacity's first attempt replays the failure that was already seen, so that the
        first real send never paid for building the retry loop.
        """
        if self._pending_error is not None:
            error, self._pending_error = self._pending_error, None
            raise error
        self.attempts += 1

    def recover(self, error: AttendeeError) -> httpx.Response:
        """Turn a failed retry into success where that is right, else raise it.

        A delete retried after an attempt that may have deleted the object meets 404: the
        object is gone, which is what the caller asked for. Only for a delete that returns
        nothing: one that answers with an object cannot be given one.
        """
        if (
            isinstance(error, NotFoundError)
            and self.reached_server
            and self.spec.method == "DELETE"
            and self.spec.returns_nothing
        ):
            return error.response
        self.reached_server = self.reached_server or may_have_reached_server(error)
        raise error

    def should_retry(self, error: BaseException) -> bool:
        return isinstance(error, AttendeeError) and is_retryable(self.spec.retry, error)

    def wait(self, retry_state: tenacity.RetryCallState) -> float:
        error = _outcome_error(retry_state)
        return wait_seconds(
            retry_state.attempt_number, error, now=self._clock(), jitter=self._jitter()
        )

    def log_retry(self, retry_state: tenacity.RetryCallState) -> None:
        error = _outcome_error(retry_state)
        seconds = retry_state.next_action.sleep if retry_state.next_action else 0.0
        logger.info(
            "Retrying %s after %s (attempt %d of %d failed); waiting %.2f s",
            describe_request(self.request),
            _describe_failure(error),
            retry_state.attempt_number,
            self.max_retries + 1,
            seconds,
        )

    def finish(self, error: AttendeeError) -> AttendeeError:
        """The error to raise once retrying is over, marked with what the caller must know."""
        error.attempts = self.attempts
        mark_outcome(self.spec, error, earlier_reached_server=self.reached_server)
        # A failure the call itself resolves (a retried create refused because an earlier
        # attempt made the bot) is no reason to warn anyone.
        level = logging.DEBUG if self.spec.handles(error) else logging.WARNING
        logger.log(
            level,
            "Giving up on %s after %d attempts: %s",
            describe_request(self.request),
            self.attempts,
            _describe_failure(error),
        )
        return error

    def tenacity_options(self) -> TenacityOptions:
        # Imported here, once a first attempt has failed: tenacity (with asyncio, which it
        # imports) would double the time it takes to import this package.
        import tenacity

        return {
            "stop": tenacity.stop_after_attempt(self.max_retries + 1),
            "wait": self.wait,
            "retry": tenacity.retry_if_exception(self.should_retry),
            "before_sleep": self.log_retry,
            "reraise": True,
        }


def mark_outcome(spec: RetriedCall, error: AttendeeError, *, earlier_reached_server: bool) -> None:
    """Flag a failed sent-once call that may nevertheless have taken effect."""
    if spec.retry is Retry.SENT_ONCE and (earlier_reached_server or may_have_reached_server(error)):
        error.outcome_unknown = True
        error.outcome_hint = spec.outcome_hint


def _outcome_error(retry_state: tenacity.RetryCallState) -> AttendeeError:
    outcome = retry_state.outcome
    error = outcome.exception() if outcome is not None else None
    if not isinstance(error, AttendeeError):  # pragma: no cover - retry only admits these
        raise RuntimeError("retry loop consulted without an AttendeeError outcome")
    return error
