"""Bounds on a response body, in size and in time, applied as its bytes stream in.

``BodyBudget`` holds the rule; the stream wrapper that applies it to the transport's chunks
is written in ``_async/budget.py`` and its synchronous twin generated from it.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from attendee_client._status import describe_request, validation_error
from attendee_client.errors import APITimeoutError

__all__ = ["MAX_RESPONSE_BYTES", "BodyBudget"]

# A page of 25 objects is tens of KB, a long transcript a few MB; 16 MiB is not an answer.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


class BodyBudget:
    """Bounds one response body in size and in time, whatever the server does.

    httpx's read timeout bounds the wait for each chunk, so a server dripping one byte per
    second would never trip it. The body as a whole must also arrive within the read
    timeout of the headers, and stay under ``MAX_RESPONSE_BYTES``.
    """

    __slots__ = ("_clock", "_deadline", "_read_timeout", "_received", "_response")

    def __init__(self, response: httpx.Response, clock: Callable[[], float]) -> None:
        self._response = response
        self._clock = clock
        self._received = 0
        timeout = response.request.extensions.get("timeout", {}).get("read")
        self._read_timeout = timeout
        self._deadline = None if timeout is None else clock() + timeout

    def spend(self, size: int) -> None:
        """Account for ``size`` more raw bytes; raises the typed error once over budget."""
        self._received += size
        if self._received > MAX_RESPONSE_BYTES:
            raise validation_error(
                self._response,
                "",
                f"the response body is larger than {MAX_RESPONSE_BYTES // (1024 * 1024)} MiB",
            )
        if self._deadline is not None and self._clock() > self._deadline:
            request = self._response.request
            raise APITimeoutError(
                f"request timed out: the response body did not arrive within "
                f"{self._read_timeout:g} s {describe_request(request)}",
                request=request,
                request_reached_server=True,
            )
