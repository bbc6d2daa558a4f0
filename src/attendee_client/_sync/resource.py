# Generated from _async/resource.py by scripts/unasync.py; edit that file instead.
"""``SyncAPIResource``, the base of every asyncio resource, and ``SyncTransport``, what a
resource needs of its client. Written once, for asyncio; ``scripts/unasync.py`` writes the
synchronous twins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

import httpx

from attendee_client._pages import Page
from attendee_client._request import RequestSpec
from attendee_client._resource import Query, Reader, get_spec, page_spec, send_spec
from attendee_client._retry import Retry
from attendee_client._sync.pagination import SyncPager
from attendee_client._types import NOT_GIVEN
from attendee_client.errors import AttendeeError

__all__ = ["SyncAPIResource", "SyncTransport"]

T = TypeVar("T")


class SyncTransport(Protocol):
    """What an asyncio resource needs of its client (``AttendeeClient`` has it)."""

    _http: httpx.Client
    _sleep: Callable[[float], None]
    _clock: Callable[[], float]
    max_retries: int
    timeout: httpx.Timeout

    def _execute(self, spec: RequestSpec[T]) -> T:
        """Send the call, retrying per its policy, and read the 2xx answer."""
        ...


class SyncAPIResource:
    """The base of the asyncio resources (``client.bots``, ...)."""

    def __init__(self, client: SyncTransport) -> None:
        self._client = client
        self._request = client._execute

    def _get(
        self, path: str, read: Reader[T], options: Mapping[str, Any], *, query: Query | None = None
    ) -> T:
        result: T = self._request(get_spec(path, read, options, query))
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
        spec = send_spec(method, path, read, options, body, retry, outcome_hint, handled, query)
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
        result: Page[T] = self._request(page_spec(path, cls, cursor, options, query))
        return result

    def _pager(
        self, path: str, cls: type[T], options: Mapping[str, Any], query: Query | None = None
    ) -> SyncPager[T]:
        page_spec(path, cls, None, options, query)  # checks the arguments now, not when iterated
        return SyncPager(lambda cursor: self._page(path, cls, cursor, options, query))
