# Generated from _async/raw.py by scripts/unasync.py; edit that file instead.
"""``raw`` and ``raw_pager``: the descriptors a resource's ``WithRawResponse``
class lists its methods with. Written once, for asyncio; ``scripts/unasync.py`` writes the
synchronous twins. What they return and how an exchange is recorded is in ``_raw.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, Generic, ParamSpec, TypeVar, overload

from attendee_client._raw import RawResource, RawResponse, watch
from attendee_client._sync.pagination import SyncPager

__all__ = ["raw", "raw_pager"]

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


class raw(Generic[R, P, T]):
    """``name = raw(Resource.name)``: the method, returning
    ``RawResponse[result]``."""

    def __init__(self, method: Callable[Concatenate[R, P], T]) -> None:
        self._method = method

    @overload
    def __get__(self, instance: None, owner: object) -> Callable[Concatenate[R, P], T]: ...

    @overload
    def __get__(self, instance: RawResource[R], owner: object) -> Callable[P, RawResponse[T]]: ...

    def __get__(
        self, instance: RawResource[R] | None, owner: object
    ) -> Callable[Concatenate[R, P], T] | Callable[P, RawResponse[T]]:
        if instance is None:  # on the class: the method it wraps (its name, docs, signature)
            return self._method
        method, resource = self._method, instance._resource

        def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
            with watch() as exchange:
                result = method(resource, *args, **kwargs)
            return exchange.result(result)

        return call


class raw_pager(Generic[R, P, T]):
    """``name = raw_pager(Resource.list)``: the first page is fetched now, and its
    response returned with the pager, which starts its first walk at that page."""

    def __init__(self, method: Callable[Concatenate[R, P], SyncPager[T]]) -> None:
        self._method = method

    @overload
    def __get__(
        self, instance: None, owner: object
    ) -> Callable[Concatenate[R, P], SyncPager[T]]: ...

    @overload
    def __get__(
        self, instance: RawResource[R], owner: object
    ) -> Callable[P, RawResponse[SyncPager[T]]]: ...

    def __get__(
        self, instance: RawResource[R] | None, owner: object
    ) -> Callable[Concatenate[R, P], SyncPager[T]] | Callable[P, RawResponse[SyncPager[T]]]:
        if instance is None:
            return self._method
        method, resource = self._method, instance._resource

        def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[SyncPager[T]]:
            with watch() as exchange:
                pager = method(resource, *args, **kwargs)
                pager._prefetch()
            return exchange.result(pager)

        return call
