"""The two clients. They hold configuration and do the only I/O: send and sleep.

What to send is a ``RequestSpec`` (``_request``); reading responses and mapping errors is
``_response``; deciding retries is ``_retry``. All of it is shared by both clients, so they
cannot drift apart: each executes the same spec, differing only by ``await``.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from attendee_client import _config, _response
from attendee_client._logs import AttemptLog
from attendee_client._request import RequestSpec
from attendee_client._response import RawResponse
from attendee_client._retry import RetryState, is_retryable, mark_outcome
from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client.errors import APITimeoutError, AttendeeError, ClientClosedError

if TYPE_CHECKING:
    import asyncio

    from attendee_client.resources.bots import (
        AsyncBots,
        AsyncBotsWithRawResponse,
        Bots,
        BotsWithRawResponse,
    )
    from attendee_client.resources.calendars import (
        AsyncCalendarEvents,
        AsyncCalendarEventsWithRawResponse,
        AsyncCalendars,
        AsyncCalendarsWithRawResponse,
        CalendarEvents,
        CalendarEventsWithRawResponse,
        Calendars,
        CalendarsWithRawResponse,
    )
    from attendee_client.resources.zoom_oauth_connections import (
        AsyncZoomOAuthConnections,
        AsyncZoomOAuthConnectionsWithRawResponse,
        ZoomOAuthConnections,
        ZoomOAuthConnectionsWithRawResponse,
    )

T = TypeVar("T")

__all__ = ["AsyncAttendeeClient", "AttendeeClient"]


class _BudgetedStream(httpx.SyncByteStream):
    """A response stream that stops a body too large or too slow (see ``BodyBudget``)."""

    def __init__(self, stream: httpx.SyncByteStream, budget: _response.BodyBudget) -> None:
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

    def __init__(self, stream: httpx.AsyncByteStream, budget: _response.BodyBudget) -> None:
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
        self._api_key = _config.resolve_api_key(api_key)
        self.base_url = _config.resolve_base_url(base_url)
        self.timeout = _config.resolve_timeout(timeout, _config.DEFAULT_TIMEOUT)
        self.max_retries = _config.resolve_max_retries(max_retries)
        self._default_headers = dict(default_headers or {})
        self._headers = _config.build_headers(self._api_key, self._default_headers)
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

    def _build_request(self, spec: RequestSpec[Any]) -> httpx.Request:
        headers = self._request_headers
        if spec.extra_headers:
            headers = {**self._headers, **spec.extra_headers}
        request: httpx.Request = self._http.build_request(
            spec.method,
            self.base_url + spec.target,
            json=None if spec.json is NOT_GIVEN else spec.json,
            headers=headers,
            timeout=_config.resolve_timeout(spec.timeout, self.timeout),
        )
        return request

    def _pool_headers(self) -> Mapping[str, str]:
        """The headers the pool sends by itself (for a copy that shares it)."""
        return self._headers if self._request_headers is None else {}

    def _begin_retries(
        self, spec: RequestSpec[Any], request: httpx.Request, error: AttendeeError
    ) -> RetryState:
        """The retry state after a failed first attempt; re-raises when no retry is due."""
        if self.max_retries and is_retryable(spec.retry, error):
            return RetryState(spec, request, error, max_retries=self.max_retries)
        mark_outcome(spec, error, earlier_reached_server=False)
        raise error

    @staticmethod
    def _check(response: httpx.Response, log: AttemptLog) -> httpx.Response:
        log.status = response.status_code
        if 200 <= response.status_code < 300:
            return response
        raise _response.status_error(response, time.time())

    def _check_open(self) -> None:
        if self._http.is_closed:
            raise ClientClosedError(
                f"this {type(self).__name__} is closed (or the client whose connection pool it "
                "shares is): make a new one, or use it inside a with block"
            )

    def __repr__(self) -> str:
        base_url = _config.mask_url(self.base_url)
        return f"{type(self).__name__}(base_url={base_url!r}, max_retries={self.max_retries})"


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
        max_retries: int = _config.DEFAULT_MAX_RETRIES,
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
                headers=self._headers, timeout=self.timeout, limits=_config.POOL_LIMITS
            )
            self._adopt_pool(http, owns=True, pool_headers=self._headers)
        elif isinstance(http_client, httpx.Client):
            self._adopt_pool(http_client, owns=False, pool_headers={})
        else:
            raise TypeError(
                f"http_client must be an httpx.Client, not {type(http_client).__name__}"
            )
        self._sleep = sleep or time.sleep

    # Resources are made on first use, and their modules imported then, so that importing
    # the package and making a client stay cheap however large the API grows.

    @cached_property
    def bots(self) -> Bots:
        """Bots: send to meetings, steer, read what they recorded."""
        from attendee_client.resources.bots import Bots

        return Bots(self)

    @cached_property
    def calendars(self) -> Calendars:
        """Calendars: connect, read, update, delete."""
        from attendee_client.resources.calendars import Calendars

        return Calendars(self)

    @cached_property
    def calendar_events(self) -> CalendarEvents:
        """Calendar events found by syncs: list."""
        from attendee_client.resources.calendars import CalendarEvents

        return CalendarEvents(self)

    @cached_property
    def zoom_oauth_connections(self) -> ZoomOAuthConnections:
        """Zoom OAuth connections: get, list, create, delete."""
        from attendee_client.resources.zoom_oauth_connections import ZoomOAuthConnections

        return ZoomOAuthConnections(self)

    @cached_property
    def with_raw_response(self) -> AttendeeClientWithRawResponse:
        """The same resources, whose methods return a ``RawResponse`` (status, headers,
        the ``httpx.Response``, and ``parse()`` for the typed result)."""
        return AttendeeClientWithRawResponse(self)

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

    def _execute(self, spec: RequestSpec[T]) -> T:
        return spec.parse(self._request(spec))

    def _execute_raw(self, spec: RequestSpec[T]) -> RawResponse[T]:
        return RawResponse(self._request(spec), spec.parse)

    def _send(self, request: httpx.Request, attempt: int = 1) -> httpx.Response:
        with AttemptLog(request, attempt, self.max_retries + 1) as log:
            return self._check(self._send_once(request), log)

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self._http.send(request, stream=True)
        except httpx.RequestError as error:
            raise _response.connection_error(error, request) from error
        try:
            response.stream = _BudgetedStream(
                response.stream,  # type: ignore[arg-type]
                _response.BodyBudget(response, time.monotonic),
            )
            response.read()
        except httpx.RequestError as error:
            response.close()
            raise _response.body_error(error, response) from error
        except BaseException:
            response.close()
            raise
        return response

    def _request(self, spec: RequestSpec[Any]) -> httpx.Response:
        self._check_open()
        request = self._build_request(spec)
        try:
            return self._send(request)
        except AttendeeError as error:
            state = self._begin_retries(spec, request, error)

        def attempt() -> httpx.Response:
            state.start_attempt()
            try:
                return self._send(request, state.attempts)
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
        max_retries: int = _config.DEFAULT_MAX_RETRIES,
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
                headers=self._headers, timeout=self.timeout, limits=_config.POOL_LIMITS
            )
            self._adopt_pool(http, owns=True, pool_headers=self._headers)
            self._slots = asyncio.Semaphore(_config.POOL_LIMITS.max_connections or 100)
        elif isinstance(http_client, httpx.AsyncClient):
            self._adopt_pool(http_client, owns=False, pool_headers={})
        else:
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, not {type(http_client).__name__}"
            )
        self._sleep = sleep or asyncio.sleep

    @cached_property
    def bots(self) -> AsyncBots:
        """Bots: send to meetings, steer, read what they recorded."""
        from attendee_client.resources.bots import AsyncBots

        return AsyncBots(self)

    @cached_property
    def calendars(self) -> AsyncCalendars:
        """Calendars: connect, read, update, delete."""
        from attendee_client.resources.calendars import AsyncCalendars

        return AsyncCalendars(self)

    @cached_property
    def calendar_events(self) -> AsyncCalendarEvents:
        """Calendar events found by syncs: list."""
        from attendee_client.resources.calendars import AsyncCalendarEvents

        return AsyncCalendarEvents(self)

    @cached_property
    def zoom_oauth_connections(self) -> AsyncZoomOAuthConnections:
        """Zoom OAuth connections: get, list, create, delete."""
        from attendee_client.resources.zoom_oauth_connections import AsyncZoomOAuthConnections

        return AsyncZoomOAuthConnections(self)

    @cached_property
    def with_raw_response(self) -> AsyncAttendeeClientWithRawResponse:
        """The same resources, whose methods return a ``RawResponse`` (status, headers,
        the ``httpx.Response``, and ``parse()`` for the typed result)."""
        return AsyncAttendeeClientWithRawResponse(self)

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

    async def _execute(self, spec: RequestSpec[T]) -> T:
        return spec.parse(await self._request(spec))

    async def _execute_raw(self, spec: RequestSpec[T]) -> RawResponse[T]:
        return RawResponse(await self._request(spec), spec.parse)

    async def _send(self, request: httpx.Request, attempt: int = 1) -> httpx.Response:
        with AttemptLog(request, attempt, self.max_retries + 1) as log:
            slots = self._slots
            if slots is None:
                return self._check(await self._send_once(request), log)
            if slots.locked():
                await self._wait_for_slot(slots, request)
            else:
                await slots.acquire()
            try:
                return self._check(await self._send_once(request), log)
            finally:
                slots.release()

    @staticmethod
    async def _wait_for_slot(slots: asyncio.Semaphore, request: httpx.Request) -> None:
        """Wait for a free connection, no longer than the request's pool timeout."""
        import asyncio

        pool_timeout = request.extensions.get("timeout", {}).get("pool")
        try:
            await asyncio.wait_for(slots.acquire(), pool_timeout)
        except asyncio.TimeoutError:
            raise APITimeoutError(
                f"request timed out: no connection of the pool became free within the pool "
                f"timeout of {pool_timeout:g} s {_response.describe_request(request)}",
                request=request,
                request_reached_server=False,
            ) from None

    async def _send_once(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._http.send(request, stream=True)
        except httpx.RequestError as error:
            raise _response.connection_error(error, request) from error
        try:
            response.stream = _AsyncBudgetedStream(
                response.stream,  # type: ignore[arg-type]
                _response.BodyBudget(response, time.monotonic),
            )
            await response.aread()
        except httpx.RequestError as error:
            await response.aclose()
            raise _response.body_error(error, response) from error
        except BaseException:
            await response.aclose()
            raise
        return response

    async def _request(self, spec: RequestSpec[Any]) -> httpx.Response:
        self._check_open()
        request = self._build_request(spec)
        try:
            return await self._send(request)
        except AttendeeError as error:
            state = self._begin_retries(spec, request, error)

        async def attempt() -> httpx.Response:
            state.start_attempt()
            try:
                return await self._send(request, state.attempts)
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


class AttendeeClientWithRawResponse:
    """``client.with_raw_response``: each resource, its methods returning ``RawResponse``."""

    def __init__(self, client: AttendeeClient) -> None:
        self._client = client

    @cached_property
    def bots(self) -> BotsWithRawResponse:
        """Bots, returning raw responses."""
        from attendee_client.resources import bots as module

        return module.BotsWithRawResponse(module.Bots(self._client, raw=True))

    @cached_property
    def calendars(self) -> CalendarsWithRawResponse:
        """Calendars, returning raw responses."""
        from attendee_client.resources import calendars as module

        return module.CalendarsWithRawResponse(module.Calendars(self._client, raw=True))

    @cached_property
    def calendar_events(self) -> CalendarEventsWithRawResponse:
        """Calendar events found by syncs, returning raw responses."""
        from attendee_client.resources import calendars as module

        return module.CalendarEventsWithRawResponse(module.CalendarEvents(self._client, raw=True))

    @cached_property
    def zoom_oauth_connections(self) -> ZoomOAuthConnectionsWithRawResponse:
        """Zoom OAuth connections, returning raw responses."""
        from attendee_client.resources import zoom_oauth_connections as module

        raw = module.ZoomOAuthConnections(self._client, raw=True)
        return module.ZoomOAuthConnectionsWithRawResponse(raw)


class AsyncAttendeeClientWithRawResponse:
    """``client.with_raw_response`` of the async client."""

    def __init__(self, client: AsyncAttendeeClient) -> None:
        self._client = client

    @cached_property
    def bots(self) -> AsyncBotsWithRawResponse:
        """Bots, returning raw responses."""
        from attendee_client.resources import bots as module

        return module.AsyncBotsWithRawResponse(module.AsyncBots(self._client, raw=True))

    @cached_property
    def calendars(self) -> AsyncCalendarsWithRawResponse:
        """Calendars, returning raw responses."""
        from attendee_client.resources import calendars as module

        return module.AsyncCalendarsWithRawResponse(module.AsyncCalendars(self._client, raw=True))

    @cached_property
    def calendar_events(self) -> AsyncCalendarEventsWithRawResponse:
        """Calendar events found by syncs, returning raw responses."""
        from attendee_client.resources import calendars as module

        return module.AsyncCalendarEventsWithRawResponse(
            module.AsyncCalendarEvents(self._client, raw=True)
        )

    @cached_property
    def zoom_oauth_connections(self) -> AsyncZoomOAuthConnectionsWithRawResponse:
        """Zoom OAuth connections, returning raw responses."""
        from attendee_client.resources import zoom_oauth_connections as module

        raw = module.AsyncZoomOAuthConnections(self._client, raw=True)
        return module.AsyncZoomOAuthConnectionsWithRawResponse(raw)
