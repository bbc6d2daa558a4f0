"""What a wait for a bot decides, apart from the waiting itself: when it is met, when it can
never be, and how long to wait before the next look. The same for both flavours."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Collection
from enum import Enum

from attendee_client import _argument_checks as check
from attendee_client._retry import capped_backoff
from attendee_client.errors import BotFailedError, WaitTimeoutError
from attendee_client.types.bots import Bot, BotState, BotStateName

logger = logging.getLogger("attendee_client")

Until = BotState | BotStateName | Collection[BotState | BotStateName] | Callable[[Bot], bool]
"""A state, a collection of states (any of them), or a test of the bot. A state's string
this version does not know is refused (a typo would wait for the whole timeout); one the
server added since is passed as ``BotState("new_state")``."""

_known_state = check.known_value(BotState)

FIRST_POLL_SECONDS = 1.0
"""The wait before the second look; each wait after doubles it, up to ``MAX_POLL_SECONDS``."""
MAX_POLL_SECONDS = 15.0
"""The longest wait between two looks (unless the server asks for longer with a 429)."""
JITTER = 0.2
"""Each wait is shortened by up to this fraction, so waiters started together spread out."""
MAX_WAIT_SECONDS = 7 * 24 * 3600.0
"""The longest ``timeout`` (and ``poll_interval``) of a wait: a week covers a bot scheduled
days ahead and its meeting; a larger number is a mistake (``1e300``), not a wish."""

_FINAL = frozenset(state.value for state in BotState if state.is_final)
_ALWAYS_FAILED = _FINAL - {BotState.ENDED.value}


def _state_value(state: object) -> str:
    return state.value if isinstance(state, Enum) else str(state)


class Condition:
    """``until`` made into two questions: is it met, and can it no longer be?"""

    def __init__(self, until: Until) -> None:
        self.describe: str
        self._test: Callable[[Bot], bool] | None = None
        self._states: frozenset[str] = frozenset()
        if callable(until) and not isinstance(until, (str, Enum)):
            self._test = until
            self.describe = getattr(until, "__name__", "the condition")
            return
        if isinstance(until, (str, Enum)):
            states = [until]
        elif isinstance(until, Collection) and not isinstance(until, (bytes, bytearray)):
            states = list(until)
        else:
            raise TypeError(
                "until must be a state, a collection of states or a callable taking the bot, "
                f"not {type(until).__name__}"
            )
        if not states:
            raise ValueError("until must name at least one state")
        self._states = frozenset(_known_state(state, "until") for state in states)
        self.describe = " or ".join(sorted(self._states))

    def met(self, bot: Bot) -> bool:
        """Whether ``bot`` is what is waited for."""
        if self._test is not None:
            return bool(self._test(bot))
        return _state_value(bot.state) in self._states

    def failure(self, bot: Bot, what: str) -> BotFailedError | None:
        """The error to raise when ``bot`` is in a final state from which the condition can
        never be met, else None."""
        state = _state_value(bot.state)
        # A test of the bot may still turn true after ``ended`` (a transcription finishing);
        # waiting for states, every final state other than those waited for is the end.
        hopeless = _ALWAYS_FAILED if self._test is not None else _FINAL
        if state not in hopeless:
            return None
        return BotFailedError(
            f"{what} {bot.id} is {state}{_last_event(bot)}; it will never be {self.describe}",
            bot=bot,
        )


def _last_event(bot: Bot) -> str:
    if not bot.events:
        return ""
    event = bot.events[-1]
    described = _state_value(event.type)
    if event.sub_type is not None:
        described += f" / {_state_value(event.sub_type)}"
    return f" (last event: {described})"


def check_wait_arguments(timeout: float, poll_interval: float | None) -> None:
    """Refuse a timeout or poll interval that can never work, before anything is sent."""
    for name, value in (("timeout", timeout), ("poll_interval", poll_interval)):
        if value is None and name == "poll_interval":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
        if not value > 0 or value != value or value == float("inf"):
            raise ValueError(f"{name} must be a positive, finite number of seconds, got {value!r}")
        if value > MAX_WAIT_SECONDS:
            shown = repr(value) if isinstance(value, float) or value < 10**12 else "a larger int"
            raise ValueError(
                f"{name} must be at most {MAX_WAIT_SECONDS:.0f} seconds (7 days), got {shown}"
            )


def next_wait(poll: int, poll_interval: float | None, jitter: float | None = None) -> float:
    """Seconds to wait after look number ``poll`` (1 for the first): ``poll_interval`` when
    given, else doubling from ``FIRST_POLL_SECONDS`` up to ``MAX_POLL_SECONDS``, jittered."""
    if poll_interval is not None:
        return float(poll_interval)
    backoff = capped_backoff(poll, FIRST_POLL_SECONDS, MAX_POLL_SECONDS)
    draw = random.random() if jitter is None else jitter
    return backoff * (1 - JITTER * draw)


def timed_out(bot: Bot, what: str, condition: Condition, timeout: float) -> WaitTimeoutError:
    """The error for a wait that ran out of time."""
    return WaitTimeoutError(
        f"{what} {bot.id} was not {condition.describe} after {timeout:g} s "
        f"(still {_state_value(bot.state)}{_last_event(bot)})",
        bot=bot,
        timeout=timeout,
    )


def log_poll(bot: Bot, what: str, poll: int, elapsed: float, wait: float | None) -> None:
    """A DEBUG line per look at the bot."""
    if logger.isEnabledFor(logging.DEBUG):
        after = "met" if wait is None else f"next look in {wait:.1f} s"
        logger.debug(
            "Waiting for %s %s: %s after %.1f s (look %d; %s)",
            what,
            bot.id,
            _state_value(bot.state),
            elapsed,
            poll,
            after,
        )
