"""Raw responses, decided at the method boundary.

``client.with_raw_response.bots.get(...)`` runs exactly the operation ``client.bots.get``
runs; while it runs, the clients note each successful exchange in a recorder that only the
raw wrapper sets up. The wrapper then returns the exchange that produced the result (for a
create that recovered its bot, the list page that found it) together with that result.
Nothing inside an operation knows whether it is being watched.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

import httpx

from attendee_client._status import describe_request

__all__ = [
    "RawResource",
    "RawResponse",
    "async_raw",
    "async_raw_pager",
    "raw",
    "raw_pager",
    "record_exchange",
]

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


class _Prefetching(Protocol):
    """A lazy result (a pager, a transcript follower) that can take its first look now."""

    def _prefetch(self) -> object: ...


class _AsyncPrefetching(Protocol):
    async def _prefetch(self) -> None: ...


L = TypeVar("L", bound=_Prefetching)
AL = TypeVar("AL", bound=_AsyncPrefetching)


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
def _watch() -> Iterator[_Exchange]:
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


class raw(Generic[R, P, T]):
    """``name = raw(Resource.name)``: the method, returning ``RawResponse[result]``."""

    def __init__(self, method: Callable[Concatenate[R, P], T]) -> None:
        self._method = method

    def _finish(self, result: T) -> None:
        """Complete the result before the exchange is read (a pager fetches its first page)."""

    @overload
    def __get__(self, instance: None, owner: object) -> Callable[Concatenate[R, P], T]: ...

    @overload
    def __get__(self, instance: RawResource[R], owner: object) -> Callable[P, RawResponse[T]]: ...

    def __get__(
        self, instance: RawResource[R] | None, owner: object
    ) -> Callable[Concatenate[R, P], T] | Callable[P, RawResponse[T]]:
        if instance is None:  # on the class: the method it wraps (its name, docs, signature)
            return self._method
        method, resource, finish = self._method, instance._resource, self._finish

        def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
            with _watch() as exchange:
                result = method(resource, *args, **kwargs)
                finish(result)
            return exchange.result(result)

        return call


class raw_pager(raw[R, P, L]):
    """``name = raw_pager(Resource.list)``: the first page is fetched now, and its response
    returned with the pager, which starts its first walk at that page (the same for a
    transcript follower and its first look)."""

    def _finish(self, result: L) -> None:
        result._prefetch()


class async_raw(Generic[R, P, T]):
    """``name = async_raw(AsyncResource.name)``: the coroutine method, giving
    ``RawResponse[result]``."""

    def __init__(self, method: Callable[Concatenate[R, P], Awaitable[T]]) -> None:
        self._method = method

    @overload
    def __get__(
        self, instance: None, owner: object
    ) -> Callable[Concatenate[R, P], Awaitable[T]]: ...

    @overload
    def __get__(
        self, instance: RawResource[R], owner: object
    ) -> Callable[P, Awaitable[RawResponse[T]]]: ...

    def __get__(
        self, instance: RawResource[R] | None, owner: object
    ) -> Callable[Concatenate[R, P], Awaitable[T]] | Callable[P, Awaitable[RawResponse[T]]]:
        if instance is None:
            return self._method
        method, resource = self._method, instance._resource

        async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
            with _watch() as exchange:
                result = await method(resource, *args, **kwargs)
            return exchange.result(result)

        return call


class async_raw_pager(Generic[R, P, AL]):
    """``name = async_raw_pager(AsyncResource.list)``: ``raw_pager`` for async pagers (and
    transcript followers)."""

    def __init__(self, method: Callable[Concatenate[R, P], AL]) -> None:
        self._method = method

    @overload
    def __get__(self, instance: None, owner: object) -> Callable[Concatenate[R, P], AL]: ...

    @overload
    def __get__(
        self, instance: RawResource[R], owner: object
    ) -> Callable[P, Awaitable[RawResponse[AL]]]: ...

    def __get__(
        self, instance: RawResource[R] | None, owner: object
    ) -> Callable[Concatenate[R, P], AL] | Callable[P, Awaitable[RawResponse[AL]]]:
        if instance is None:
            return self._method
        method, resource = self._method, instance._resource

        async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[AL]:
            with _watch() as exchange:
                pager = method(resource, *args, **kwargs)
                await pager._prefetch()
            return exchange.result(pager)

        return call
