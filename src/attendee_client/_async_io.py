"""The asyncio edge, written by hand: what has no synchronous twin by token rules.

The I/O layer is written once, in ``_async/``, and its synchronous twin generated; what
really differs between the flavours is here and in ``_sync_io.py``, the same functions for
threads:

- ``send``: the transport call, and the mapping of its failures to typed errors;
- ``default_sleep``: the pause between retries and polls;
- the queue in front of the connection pool (``new_slots``, ``take_slot``), which only the
  async client needs.

A source in ``_async/`` reaches asyncio only through here (``scripts/unasync.py`` refuses
``asyncio`` in a source), and asyncio is imported only once an async client is made, so
that synchronous users never pay for importing it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import httpx

from attendee_client._status import connection_error, describe_request
from attendee_client.errors import APITimeoutError

if TYPE_CHECKING:
    import asyncio

__all__ = ["default_sleep", "new_slots", "send", "take_slot"]


async def send(http: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    """Send ``request`` on the pool and return once the headers are in (the body streams).

    Raises APIConnectionError or APITimeoutError (``connection_error``) when the transport
    fails before an answer: the request never reached the server, or may have.
    """
    try:
        return await http.send(request, stream=True)
    except httpx.RequestError as error:
        raise connection_error(error, request) from error


def default_sleep() -> Callable[[float], Awaitable[None]]:
    """``asyncio.sleep``: what a client waits with unless it is given a ``sleep``."""
    import asyncio

    return asyncio.sleep


def new_slots(size: int) -> asyncio.Semaphore:
    """The queue in front of a pool of ``size`` connections.

    httpcore's pool re-scans every queued request whenever a connection frees up, so 1,000
    requests queued at once cost quadratic time (and hit pool timeouts). Holding requests
    beyond the pool's size here, in an O(1) queue, keeps its queue short.
    """
    import asyncio

    return asyncio.Semaphore(size)


async def take_slot(slots: asyncio.Semaphore, request: httpx.Request) -> None:
    """Wait for a free connection, no longer than the request's pool timeout.

    Raises APITimeoutError when none frees up in time (the request never left).
    """
    if not slots.locked():
        await slots.acquire()
        return
    import asyncio

    pool_timeout = request.extensions.get("timeout", {}).get("pool")
    try:
        await asyncio.wait_for(slots.acquire(), pool_timeout)
    except asyncio.TimeoutError:
        raise APITimeoutError(
            f"request timed out: no connection of the pool became free within the pool "
            f"timeout of {pool_timeout:g} s {describe_request(request)}",
            request=request,
            request_reached_server=False,
        ) from None
