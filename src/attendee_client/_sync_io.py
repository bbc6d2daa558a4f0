"""The synchronous edge, written by hand: ``_async_io.py`` for threads.

The I/O layer is generated into ``_sync/`` from its asyncio source; what really differs is
here: ``send``, the transport call and the mapping of its failures to typed errors, and
``default_sleep``. (A thread waits for a free connection in httpx's own pool: the queue of
the async client has no counterpart here.)
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from attendee_client._status import connection_error

__all__ = ["default_sleep", "send"]


def send(http: httpx.Client, request: httpx.Request) -> httpx.Response:
    """Send ``request`` on the pool and return once the headers are in (the body streams).

    Raises APIConnectionError or APITimeoutError (``connection_error``) when the transport
    fails before an answer: the request never reached the server, or may have.
    """
    try:
        return http.send(request, stream=True)
    except httpx.RequestError as error:
        raise connection_error(error, request) from error


def default_sleep() -> Callable[[float], None]:
    """``time.sleep``: what a client waits with unless it is given a ``sleep``."""
    return time.sleep
