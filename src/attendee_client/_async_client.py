"""``AsyncAttendeeClient``: the Attendee API from asyncio.

``AttendeeClient`` with ``await``, plus a queue in front of the connection pool so that
thousands of concurrent calls stay cheap. Its resources come from ``resources``.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import httpx

from attendee_client import _config
from attendee_client._base_client import BaseClient
from attendee_client._budget import AsyncBudgetedStream, BodyBudget
from attendee_client._logs import AttemptLog
from attendee_client._raw import record_exchange
from attendee_client._request import RequestSpec
from attendee_client._status import body_error, connection_error, describe_request
from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client.errors import APITimeoutError, AttendeeError
from attendee_client.resources._async.registry import AsyncResources

if TYPE_CHECKING:
    import asyncio

__all__ = ["AsyncAttendeeClient"]

T = TypeVar("T")


class AsyncAttendeeClient(BaseClient, AsyncResources):
    """The Attendee API, from asyncio: ``async with AsyncAttendeeClient() as client: ...``.

    ``AttendeeClient`` with ``await`` (and ``async for`` over pagers) and ``aclose()``; it
    takes the same options, and calls beyond the connection pool's 100 wait in a queue.

    Args:
        api_key: The project's API key, bare (without ``Token``); ``ATTENDEE_API_KEY`` when
            not given. Never shown in a repr, an error message or a log line.
        base_url: The server (a path prefix is kept; a trailing ``/api/v1`` is dropped);
            ``ATTENDEE_BASE_URL`` when not given, then ``https://app.attendee.dev``. A URL
            with a user name or password is refused.
        timeout: Seconds, an ``httpx.Timeout``, or None for no limit. Default 5 s to
            connect and 30 s for each other step of an attempt (send, first byte, whole
            body); at most 2147483 s (about 24.8 days).
        max_retries: Retries after a failed attempt (default 2; 0 for none). Which failures
            are retried depends on what repeating the call would do (README, Retries).
        default_headers: Extra headers sent with every request.
        http_client: An ``httpx.AsyncClient`` to send with; used as is and never closed
            by this client.
        sleep: Replaces ``asyncio.sleep`` between retries and polls.
        clock: Replaces ``time.monotonic`` for waits.

    Raises:
        ValueError: There is no API key (the message names ``ATTENDEE_API_KEY``), or an
            option has a bad value (the message says which, and why).
        TypeError: An option has the wrong type, or the client is used with a plain
            ``with`` (use ``async with``).
    """

    _http: httpx.AsyncClient

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = _config.DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] | None = None,
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
        self._clock = clock or time.monotonic

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
        copy = AsyncAttendeeClient(
            **options, http_client=self._http, sleep=self._sleep, clock=self._clock
        )
        copy._adopt_pool(self._http, owns=False, pool_headers=self._pool_headers())
        copy._slots = self._slots
        return copy

    async def _execute(self, spec: RequestSpec[T]) -> T:
        response = await self._request(spec)
        record_exchange(response)
        return spec.parse(response)

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
                f"timeout of {pool_timeout:g} s {describe_request(request)}",
                request=request,
                request_reached_server=False,
            ) from None

    async def _send_once(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._http.send(request, stream=True)
        except httpx.RequestError as error:
            raise connection_error(error, request) from error
        try:
            response.stream = AsyncBudgetedStream(
                response.stream,  # type: ignore[arg-type]
                BodyBudget(response, time.monotonic),
            )
            await response.aread()
        except httpx.RequestError as error:
            await response.aclose()
            raise body_error(error, response) from error
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

    def __enter__(self) -> NoReturn:
        raise TypeError(
            "AsyncAttendeeClient is an async context manager: use 'async with "
            "AsyncAttendeeClient(...) as client:' inside a coroutine (or AttendeeClient "
            "with a plain 'with')"
        )

    def __exit__(self, *exc_info: object) -> None:  # pragma: no cover - __enter__ raises
        pass

    async def __aenter__(self) -> AsyncAttendeeClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
