"""``wait`` commands (bots and app sessions): the states of ``--until``, checked, and a wait
with a live status line on a terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attendee_client.cli._context import Context, UsageError
from attendee_client.cli._terminal import WaitStatus

if TYPE_CHECKING:
    from attendee_client import Bot, BotState

__all__ = ["chosen_states", "wait"]


def chosen_states(given: list[str] | None, option: str, new_states: bool) -> list[BotState]:
    """The states given to ``option`` as members. A state this version does not know is a
    usage error listing the known ones (a typo would wait for the whole ``--wait-timeout``),
    unless ``--new-state`` says it is one the server added since."""
    from attendee_client import BotState

    known = [state.value for state in BotState]
    chosen = []
    for state in given or []:
        if state not in known and not new_states:
            raise UsageError(
                f"{option}: {state!r} is not a state this version knows; the known ones are "
                f"{', '.join(known)} (for one the server added since, add --new-state)"
            )
        chosen.append(BotState(state))
    return chosen


def wait(ctx: Context, what: str, object_id: str, wait_for: Callable[..., Bot]) -> Bot:
    """Wait with the SDK's ``wait_for`` for ``--until`` (default ``ended``), drawing the
    status line on a terminal; returns the bot as last read. Raises what ``wait_for``
    raises: WaitTimeoutError, BotFailedError."""
    args = ctx.args
    targets = chosen_states(args.until or ["ended"], "--until", args.new_state)
    options: dict[str, Any] = {}
    if args.wait_timeout is not None:
        options["timeout"] = args.wait_timeout
    if args.poll_interval is not None:
        options["poll_interval"] = args.poll_interval
    status = None
    if ctx.interactive:
        status = WaitStatus(ctx.runtime.stderr, ctx.runtime.clock, what, object_id)
        ctx.live = status
        status.draw()
    on_poll = None if status is None else status.update
    try:
        bot = wait_for(object_id, until=targets, on_poll=on_poll, **options)
    except ValueError as error:  # a bound of the SDK's, said with the flags' names
        message = str(error)
        for argument, flag in (("timeout", "--wait-timeout"), ("poll_interval", "--poll-interval")):
            if message.startswith(argument + " "):
                raise UsageError(flag + message.removeprefix(argument)) from None
        raise
    if status is not None:
        status.update(bot)
        status.finish()
        ctx.live = None
    return bot
