"""The two clients. They hold configuration and do the only I/O: send and sleep.

Building requests, reading responses, mapping errors and deciding retries all happen in
``_core`` and ``_retry``, shared by both, so the clients cannot drift apart.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from attendee_client import _core
from attendee_client._core import RequestKind
from attendee_client._retry import RetryState, is_retryable, mark_outcome
from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client.errors import AttendeeError
from attendee_client.resources.zoom_oauth_connections import (
    AsyncZoomOAuthConnections,
    ZoomOAuthConnections,
)

if TYPE_CHECKING:
    import asyncio

__all__ = ["AsyncAttendeeClient", "AttendeeClient"]


class _BudgetedStream(httpx.SyncByteStream):
    """A response stream that stops a body too large or too slow (see ``BodyBudget``)."""

    def __init__(self, stream: httpx.SyncByteStream, budget: _core.BodyBudget) -> None:
        self._stream = stream
        self._budget = budget

    def __iter__(self) -> Iterator[bytes]:
        chunks = iter(self._stream)
        try:
            for chunk in chunks:
                self._budget.spend(len(chunk))
                yield chunk
        finally:
            # When the budget stops the body, close the transport's iterator now rather
            # than whenever it is collected.
            close = getattr(chunks, "close", None)
            if close is not None:
                close()

    def close(self) -> None:
        self._stream.close()


class _AsyncBudgetedStream(httpx.AsyncByteStream):
    """The async twin of ``_BudgetedStream``."""

    def __init__(self, stream: httpx.AsyncByteStream, budget: _core.BodyBudget) -> None:
        self._stream = stream
        self._budget = budget

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = self._stream.__aiter__()
        try:
            async for chunk in chunks:
                self._budget.spend(len(chunk))
                yield chunk
        finally:
            aclose = getattr(chunks, "aclose", None)
            if aclose is not None:
                await aclose()

    async def aclose(self) -> None:
        await self._stream.aclose()


class _BaseClient:
    """Configuration shared by both clients, resolved and checked once, at construction."""

    _http: Any

    def __init__(
        self,
        api_key: str | None,
        *,
        base_url: str | httpx.URL | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
    ) -> None:
        self._api_key = _core.resolve_api_key(api_key)
        self.base_url = _core.resolve_base_url(base_url)
        self.timeout = _core.resolve_timeout(timeout, _core.DEFAULT_TIMEOUT)
        self.max_retries = _core.resolve_max_retries(max_retries)
        self._default_headers = dict(default_headers or {})
        self._headers = _core.build_headers(self._api_key, self._default_headers)
        self._owns_http = False
        # Headers the pool already sends on every request; when they are ours, nothing
        # needs merging per request.
        self._request_headers: dict[str, str] | None = self._headers

    def _adopt_pool(self, http: Any, *, owns: bool, pool_headers: Mapping[str, str]) -> None:
        self._http = http
        self._owns_http = owns
        self._request_headers = None if pool_headers == self._headers else self._headers

    def _copy_options(
        self,
        api_key: str | NotGiven,
        base_url: str | httpx.URL | NotGiven,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int | NotGiven,
        default_headers: Mapping[str, str] | NotGiven,
    ) -> dict[str, Any]:
        return {
            "api_key": self._api_key if api_key is NOT_GIVEN else api_key,
            "base_url": self.base_url if base_url is NOT_GIVEN else base_url,
            "timeout": self.timeout if timeout is NOT_GIVEN else timeout,
            "max_retries": self.max_retries if max_retries is NOT_GIVEN else max_retries,
            "default_headers": (
                self._default_headers if default_headers is NOT_GIVEN else default_headers
            ),
        }

    def _build_request(
        self,
        method: str,
        path: str,
        json: object,
        timeout: TimeoutTypes | NotGiven,
    ) -> httpx.Request:
        request: httpx.Request = self._http.build_request(
            method,
            self.base_url + path,
            json=json,
            headers=self._request_headers,
            timeout=_core.resolve_timeout(timeout, self.timeout),
        )
        return request

    def _pool_headers(self) -> Mapping[str, str]:
        """The headers the pool sends by itself (for a copy that shares it)."""
        return self._headers if self._request_headers is None else {}

    def _begin_retries(
        self, kind: RequestKind, request: httpx.Request, error: AttendeeError
    ) -> RetryState:
        """The retry state after a failed first attempt; re-raises when no retry is due."""
        if self.max_retries and is_retryable(kind, error):
            return RetryState(kind, request, error, max_retries=self.max_retries)
        mark_outcome(kind, error, earlier_reached_server=False)
        raise error

    @staticmethod
    def _check(response: httpx.Response) -> httpx.Response:
        if 200 <= response.status_code < 300:
            return response
        raise _core.status_error(response, time.time())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, max_retries={self.max_retries})"


class AttendeeClient(_BaseClient):
    """The Attendee API, from synchronous code.

    ``api_key`` falls back to ``ATTENDEE_API_KEY`` and ``base_url`` to ``ATTENDEE_BASE_URL``,
    then the hosted API. ``timeout`` is seconds or an ``httpx.Timeout`` (default 5 s to
    connect, 30 s for the rest); ``max_retries`` the retries after a failed attempt.
    An ``http_client`` you pass is used as is and never closed by this client. ``sleep``
    replaces ``time.sleep`` between retries (tests pass one that records instead).

    Raises ValueError (naming ``ATTENDEE_API_KEY``) when there is no API key, and
    ValueError/TypeError for any other bad option.
    """

    _http: httpx.Client

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | httpx.URL | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = _core.DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        if http_client is None:
            http = httpx.Client(
                headers=self._headers, timeout=self.timeout, limits=_core.POOL_LIMITS
            )
            self._adopt_pool(http, owns=True, pool_headers=self._headers)
        elif isinstance(http_client, httpx.Client):
            self._adopt_pool(http_client, owns=False, pool_headers={})
        else:
            raise TypeError(
                f"http_client must be an httpx.Client, not {type(http_client).__name__}"
            )
        self._sleep = sleep or time.sleep
        self.zoom_oauth_connections = ZoomOAuthConnections(self)

    def with_options(
        self,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
    ) -> AttendeeClient:
        """A copy with some options changed, sharing this client's connection pool.

        The copy never closes the pool; the client that opened it does.
        """
        options = self._copy_options(api_key, base_url, timeout, max_retries, default_headers)
        copy = AttendeeClient(**options, http_client=self._http, sleep=self._sleep)
        copy._adopt_pool(self._http, owns=False, pool_headers=self._pool_headers())
        return copy

    def _send(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self._http.send(request, stream=True)
        except httpx.RequestError as error:
            raise _core.connection_error(error, request) from error
        try:
            response.stream = _BudgetedStream(
                response.stream,  # type: ignore[arg-type]
                _core.BodyBudget(response, time.monotonic),
            )
            response.read()
        except httpx.RequestError as error:
            response.close()
            raise _core.body_error(error, response) from error
        except BaseException:
            response.close()
            raise
        return self._check(response)

    def _request(
        self,
        method: str,
        path: str,
        kind: RequestKind,
        *,
        json: object = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        request = self._build_request(method, path, json, timeout)
        try:
            return self._send(request)
        except AttendeeError as error:
            state = self._begin_retries(kind, request, error)

        def attempt() -> httpx.Response:
            state.start_attempt()
            try:
                return self._send(request)
            except AttendeeError as error:
                return state.recover(error)

        import tenacity  # only once an attempt has failed; see _retry.tenacity_options

        retrying = tenacity.Retrying(sleep=self._sleep, **state.tenacity_options())
        try:
            return retrying(attempt)
        except AttendeeError as error:
            state.finish(error)
            raise

    def close(self) -> None:
        """Close the connection pool this client opened; harmless to call twice."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> AttendeeClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncAttendeeClient(_BaseClient):
    """The Attendee API, from asyncio: ``AttendeeClient`` with ``await`` and ``aclose()``.

    ``sleep`` replaces ``asyncio.sleep`` between retries. Raises as ``AttendeeClient``.
    """

    _http: httpx.AsyncClient

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | httpx.URL | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = _core.DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        # Imported here so that synchronous users never pay for importing asyncio.
        import asyncio

        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        # httpcore's pool re-scans every queued request whenever a connection frees up, so
        # 1,000 requests queued at once cost quadratic time (and hit pool timeouts). Holding
        # requests beyond the pool's size here, in an O(1) queue, keeps its queue short.
        self._slots: asyncio.Semaphore | None = None
        if http_client is None:
            http = httpx.AsyncClient(
                headers=self._headers, timeout=self.timeout, limits=_core.POOL_LIMITS
            )
            self._adopt_pool(http, owns=True, pool_headers=self._headers)
            self._slots = asyncio.Semaphore(_core.POOL_LIMITS.max_connections or 100)
        elif isinstance(http_client, httpx.AsyncClient):
            self._adopt_pool(http_client, owns=False, pool_headers={})
        else:
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, not {type(http_client).__name__}"
            )
        self._sleep = sleep or asyncio.sleep
        self.zoom_oauth_connections = AsyncZoomOAuthConnections(self)

    def with_options(
        self,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
    ) -> AsyncAttendeeClient:
        """A copy with some options changed, sharing this client's connection pool."""
        options = self._copy_options(api_key, base_url, timeout, max_retries, default_headers)
        copy = AsyncAttendeeClient(**options, http_client=self._http, sleep=self._sleep)
        copy._adopt_pool(self._http, owns=False, pool_headers=self._pool_headers())
        copy._slots = self._slots
        return copy

    async def _send(self, request: httpx.Request) -> httpx.Response:
        if self._slots is None:
            return await self._send_now(request)
        async with self._slots:
            return await self._send_now(request)

    async def _send_now(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._http.send(request, stream=True)
        except httpx.RequestError as error:
            raise _core.connection_error(error, request) from error
        try:
            response.stream = _AsyncBudgetedStream(
                response.stream,  # type: ignore[arg-type]
                _core.BodyBudget(response, time.monotonic),
            )
            await response.aread()
        except httpx.RequestError as error:
            await response.aclose()
            raise _core.body_error(error, response) from error
        except BaseException:
            await response.aclose()
            raise
        return self._check(response)

    async def _request(
        self,
        method: str,
        path: str,
        kind: RequestKind,
        *,
        json: object = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        request = self._build_request(method, path, json, timeout)
        try:
            return await self._send(request)
        except AttendeeError as error:
            state = self._begin_retries(kind, request, error)

        async def attempt() -> httpx.Response:
            state.start_attempt()
            try:
                return await self._send(request)
            except AttendeeError as error:
                return state.recover(error)

        import tenacity

        retrying = tenacity.AsyncRetrying(sleep=self._sleep, **state.tenacity_options())
        try:
            return await retrying(attempt)
        except AttendeeError as error:
            state.finish(error)
            raise

    async def aclose(self) -> None:
        """Close the connection pool this client opened; harmless to call twice."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncAttendeeClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
