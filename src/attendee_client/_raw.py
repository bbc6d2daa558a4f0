"""Raw responses, decided at the method boundary.

``client.with_raw_response.bots.get(...)`` runs exactly the operation ``client.bots.get``
runs; while it runs, the clients note each successful exchange in a recorder that only the
raw wrapper sets up. The wrapper then returns the exchange that produced the result (for a
create that recovered its bot, the list page that found it) together with that result.
Nothing inside an operation knows whether it is being watched.

The descriptors that make a method raw (``async_raw``, ``async_raw_pager``) are written in
``_async/raw.py``; their synchronous twins (``raw``, ``raw_pager``) are generated from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, TypeVar

import httpx

from attendee_client._status import describe_request

__all__ = ["RawResource", "RawResponse", "record_exchange", "watch"]

T = TypeVar("T")
R = TypeVar("R")


class RawResponse(Generic[T]):
    """The HTTP response behind a successful call, with the call's result.

    ``status_code``, ``headers`` and ``http_response`` (the ``httpx.Response``) are those of
    the exchange that produced the result; ``parse()`` gives exactly what the plain call
    returns (for a list: its pager, starting at the page of this response). A non-2xx
    answer still raises the typed error, as the plain call does (except the one the plain
    call takes as success: a retried delete's 404 after an attempt that may have deleted,
    returned here as it came); a 2xx body that does not fit its model raises
    APIResponseValidationError, whose ``response`` is there to read.
    """

    __slots__ = ("_result", "http_response")

    def __init__(self, http_response: httpx.Response, result: T) -> None:
        self.http_response = http_response
        self._result = result

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http_response.headers

    def parse(self) -> T:
        """What the plain call returns."""
        return self._result

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<RawResponse {self.status_code} {describe_request(request)}>"


class _Exchange:
    """The last successful exchange of one raw call."""

    __slots__ = ("response",)

    def __init__(self) -> None:
        self.response: httpx.Response | None = None

    def result(self, result: T) -> RawResponse[T]:
        if self.response is None:  # pragma: no cover - every operation makes a request
            raise RuntimeError("the call made no request to return a raw response of")
        return RawResponse(self.response, result)


_watching: ContextVar[_Exchange | None] = ContextVar("attendee_client_exchange", default=None)


@contextmanager
def watch() -> Iterator[_Exchange]:
    """Note the successful exchanges of the calls made inside, for one raw call."""
    exchange = _Exchange()
    token = _watching.set(exchange)
    try:
        yield exchange
    finally:
        _watching.reset(token)


def record_exchange(response: httpx.Response) -> None:
    """Note a successful exchange for the raw call in progress, if any (the clients call
    this for every 2xx they hand to an operation)."""
    exchange = _watching.get()
    if exchange is not None:
        exchange.response = response


class RawResource(Generic[R]):
    """A resource seen through ``client.with_raw_response``: each method returns a
    ``RawResponse``. Subclasses list the methods with ``raw`` and its kin."""

    def __init__(self, resource: R) -> None:
        self._resource = resource
