"""The base of every resource, and what a resource needs of its client.

A resource method checks its arguments, builds a ``RequestSpec`` with one of the helpers
below and hands it to its client. Resources are written once, for asyncio, in
``resources/_async``; ``scripts/unasync.py`` writes the synchronous ones from them.
The readers (``model``, ``array``, ``page``, ``NOTHING``) say how a 2xx answer is read.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol, TypeVar

import httpx

from attendee_client import _response
from attendee_client._request import RequestSpec
from attendee_client._retry import Retry
from attendee_client._types import NOT_GIVEN
from attendee_client.errors import AttendeeError
from attendee_client.pagination import AsyncPager, Page, SyncPager, parse_page

__all__ = [
    "NOTHING",
    "AsyncAPIResource",
    "AsyncTransport",
    "Reader",
    "SyncAPIResource",
    "SyncTransport",
    "array",
    "model",
    "page",
]

T = TypeVar("T")

Reader = Callable[[httpx.Response], T]
"""Turns a 2xx response into a call's result."""

Query = Mapping[str, object]


def model(cls: type[T]) -> Reader[T]:
    """Read the body as one JSON object structured as ``cls``."""
    return functools.partial(_response.parse_model, cls=cls)


def array(cls: type[T]) -> Reader[list[T]]:
    """Read the body as a bare JSON array of ``cls``."""
    return functools.partial(_response.parse_array, cls=cls)


def page(cls: type[T]) -> Reader[Page[T]]:
    """Read the body as one cursor page of ``cls``."""
    return functools.partial(parse_page, cls=cls)


NOTHING: Reader[None] = _response.parse_empty
"""Read nothing: the answer is an empty 200 (no JSON to parse)."""


def _get_spec(
    path: str, read: Reader[T], options: Mapping[str, Any], query: Query | None
) -> RequestSpec[T]:
    return RequestSpec("GET", path, read, retry=Retry.SAFE, query=query, options=options)


def _page_spec(
    path: str, cls: type[T], cursor: str | None, options: Mapping[str, Any], query: Query | None
) -> RequestSpec[Page[T]]:
    if cursor is not None and not isinstance(cursor, str):
        raise TypeError(f"cursor must be a str or None, not {type(cursor).__name__}")
    return _get_spec(path, page(cls), options, {**(query or {}), "cursor": cursor or None})


def _send_spec(
    method: str,
    path: str,
    read: Reader[T],
    options: Mapping[str, Any],
    body: object,
    retry: Retry,
    outcome_hint: str | None,
    handled: Callable[[AttendeeError], bool] | None,
    query: Query | None,
) -> RequestSpec[T]:
    return RequestSpec(
        method,
        path,
        read,
        retry=retry,
        query=query,
        json=body,
        options=options,
        outcome_hint=outcome_hint,
        handled=handled,
    )


class SyncTransport(Protocol):
    """What a synchronous resource needs of its client (``AttendeeClient`` has it)."""

    _http: httpx.Client
    _sleep: Callable[[float], None]
    _clock: Callable[[], float]
    max_retries: int
    timeout: httpx.Timeout

    def _execute(self, spec: RequestSpec[T]) -> T:
        """Send the call, retrying per its policy, and read the 2xx answer."""
        ...


class AsyncTransport(Protocol):
    """What an asyncio resource needs of its client (``AsyncAttendeeClient`` has it)."""

    _http: httpx.AsyncClient
    _sleep: Callable[[float], Awaitable[None]]
    _clock: Callable[[], float]
    max_retries: int
    timeout: httpx.Timeout

    async def _execute(self, spec: RequestSpec[T]) -> T:
        """Send the call, retrying per its policy, and read the 2xx answer."""
        ...


class SyncAPIResource:
    """The base of the synchronous resources (``client.bots``, ...)."""

    def __init__(self, client: SyncTransport) -> None:
        self._client = client
        self._request = client._execute

    def _get(
        self, path: str, read: Reader[T], options: Mapping[str, Any], *, query: Query | None = None
    ) -> T:
        result: T = self._request(_get_spec(path, read, options, query))
        return result

    def _send(
        self,
        method: str,
        path: str,
        read: Reader[T],
        options: Mapping[str, Any],
        *,
        body: object = NOT_GIVEN,
        retry: Retry = Retry.SENT_ONCE,
        outcome_hint: str | None = None,
        handled: Callable[[AttendeeError], bool] | None = None,
        query: Query | None = None,
    ) -> T:
        spec = _send_spec(method, path, read, options, body, retry, outcome_hint, handled, query)
        result: T = self._request(spec)
        return result

    def _page(
        self,
        path: str,
        cls: type[T],
        cursor: str | None,
        options: Mapping[str, Any],
        query: Query | None = None,
    ) -> Page[T]:
        result: Page[T] = self._request(_page_spec(path, cls, cursor, options, query))
        return result

    def _pager(
        self, path: str, cls: type[T], options: Mapping[str, Any], query: Query | None = None
    ) -> SyncPager[T]:
        _page_spec(path, cls, None, options, query)  # checks the arguments now, not when iterated
        return SyncPager(lambda cursor: self._page(path, cls, cursor, options, query))


class AsyncAPIResource:
    """The base of the asyncio resources: ``SyncAPIResource`` with awaitables."""

    def __init__(self, client: AsyncTransport) -> None:
        self._client = client
        self._request = client._execute

    async def _get(
        self, path: str, read: Reader[T], options: Mapping[str, Any], *, query: Query | None = None
    ) -> T:
        result: T = await self._request(_get_spec(path, read, options, query))
        return result

    async def _send(
        self,
        method: str,
        path: str,
        read: Reader[T],
        options: Mapping[str, Any],
        *,
        body: object = NOT_GIVEN,
        retry: Retry = Retry.SENT_ONCE,
        outcome_hint: str | None = None,
        handled: Callable[[AttendeeError], bool] | None = None,
        query: Query | None = None,
    ) -> T:
        spec = _send_spec(method, path, read, options, body, retry, outcome_hint, handled, query)
        result: T = await self._request(spec)
        return result

    async def _page(
        self,
        path: str,
        cls: type[T],
        cursor: str | None,
        options: Mapping[str, Any],
        query: Query | None = None,
    ) -> Page[T]:
        result: Page[T] = await self._request(_page_spec(path, cls, cursor, options, query))
        return result

    def _pager(
        self, path: str, cls: type[T], options: Mapping[str, Any], query: Query | None = None
    ) -> AsyncPager[T]:
        _page_spec(path, cls, None, options, query)  # checks the arguments now, not when iterated
        return AsyncPager(lambda cursor: self._page(path, cls, cursor, options, query))
