"""``async_raw`` and ``async_raw_pager``: the descriptors a resource's ``WithRawResponse``
class lists its methods with. Written once, for asyncio; ``scripts/unasync.py`` writes the
synchronous twins. What they return and how an exchange is recorded is in ``_raw.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

from attendee_client._raw import RawResource, RawResponse, watch

__all__ = ["async_raw", "async_raw_pager"]

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


class _Prefetching(Protocol):
    """A lazy result (a pager, a transcript follower) that can take its first look now."""

    async def _prefetch(self) -> object: ...


L = TypeVar("L", bound=_Prefetching)


class async_raw(Generic[R, P, T]):
    """``name = async_raw(AsyncResource.name)``: the method, returning
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
        if instance is None:  # on the class: the method it wraps (its name, docs, signature)
            return self._method
        method, resource = self._method, instance._resource

        async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
            with watch() as exchange:
                result = await method(resource, *args, **kwargs)
            return exchange.result(result)

        return call


class async_raw_pager(Generic[R, P, L]):
    """``name = async_raw_pager(AsyncResource.list)``: the first page is fetched now, and its
    response returned with the pager, which starts its first walk at that page (the same for
    a transcript follower and its first look)."""

    def __init__(self, method: Callable[Concatenate[R, P], L]) -> None:
        self._method = method

    @overload
    def __get__(self, instance: None, owner: object) -> Callable[Concatenate[R, P], L]: ...

    @overload
    def __get__(
        self, instance: RawResource[R], owner: object
    ) -> Callable[P, Awaitable[RawResponse[L]]]: ...

    def __get__(
        self, instance: RawResource[R] | None, owner: object
    ) -> Callable[Concatenate[R, P], L] | Callable[P, Awaitable[RawResponse[L]]]:
        if instance is None:
            return self._method
        method, resource = self._method, instance._resource

        async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[L]:
            with watch() as exchange:
                lazy = method(resource, *args, **kwargs)
                await lazy._prefetch()
            return exchange.result(lazy)

        return call
