"""Waiting for a bot or an app session: look, decide, sleep, look again, within a deadline.

Written once, for asyncio: ``scripts/unasync.py`` writes the synchronous twin from it. The
decisions (met? hopeless? how long until the next look?) are in ``_wait_decisions.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from attendee_client._async.resource import AsyncTransport
from attendee_client.errors import RateLimitError
from attendee_client.resources._wait_decisions import (
    Condition,
    Until,
    check_wait_arguments,
    log_poll,
    next_wait,
    timed_out,
)
from attendee_client.types.bots import Bot

__all__ = ["wait_for"]


async def wait_for(
    client: AsyncTransport,
    look: Callable[[], Awaitable[Bot]],
    *,
    what: str,
    until: Until,
    timeout: float,
    poll_interval: float | None,
    on_poll: Callable[[Bot], object] | None = None,
) -> Bot:
    """Look at the bot with ``look`` until ``until`` is met; see ``AsyncBots.wait_for``."""
    check_wait_arguments(timeout, poll_interval)
    condition = Condition(until)
    started = client._clock()
    deadline = started + timeout
    poll = 0
    while True:
        poll += 1
        try:
            bot = await look()
            wait = next_wait(poll, poll_interval)
        except RateLimitError as error:
            # The client's own retries gave up on 429: wait as long as the server asks (or
            # the usual while, when it does not say), then look again. Before a first
            # answer there is no bot to report a timeout with, so the throttle is raised.
            if poll == 1:
                raise
            wait = max(error.retry_after or 0.0, next_wait(poll, poll_interval))
        else:
            if on_poll is not None:
                on_poll(bot)
            if condition.met(bot):
                log_poll(bot, what, poll, client._clock() - started, None)
                return bot
            failure = condition.failure(bot, what)
            if failure is not None:
                raise failure
            log_poll(bot, what, poll, client._clock() - started, wait)
        remaining = deadline - client._clock()
        if remaining <= 0:
            raise timed_out(bot, what, condition, timeout)
        # The last sleep ends at the deadline, so one more look (one request's time) is the
        # most a wait can overrun ``timeout``.
        await client._sleep(min(wait, remaining))
