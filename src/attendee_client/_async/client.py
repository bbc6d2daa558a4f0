"""``AsyncAttendeeClient``: the client, configuration and I/O.

It holds the configuration (``BaseClient``) and does the I/O: send, read the body under its
budget, check the status, retry. Its resources (``client.bots``, ...) come from
``resources``, which register there. Written once, for asyncio; ``scripts/unasync.py``
writes the synchronous twin. The transport call and the sleep are ``_async_io``'s, by hand.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import httpx

from attendee_client import _async_io, _config
from attendee_client._async.budget import AsyncBudgetedStream
from attendee_client._base_client import BaseClient
from attendee_client._budget import BodyBudget
from attendee_client._http_clients import connection_limit, hand_over
from attendee_client._logs import AttemptLog
from attendee_client._raw import record_exchange
from attendee_client._request import RequestSpec
from attendee_client._status import body_error
from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client.errors import AttendeeError
from attendee_client.resources._async.registry import AsyncResources

# unasync: async only
if TYPE_CHECKING:
    import asyncio
# unasync: end

__all__ = ["AsyncAttendeeClient"]

T = TypeVar("T")


class AsyncAttendeeClient(BaseClient, AsyncResources):
    """The Attendee API: ``async with AsyncAttendeeClient() as client: ...``.

    The resources hang off the client (``client.bots``, ``client.calendars``,
    ``client.calendar_events``, ``client.zoom_oauth_connections``, ``client.app_sessions``);
    ``client.with_raw_response`` has the same ones returning the HTTP response as well.

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
            by this client, unless it is a ``DefaultAsyncHttpxClient`` or
            ``DefaultAioHttpClient`` (the SDK's defaults, handed over: closed with it).
        sleep: Replaces ``asyncio.sleep`` between retries and polls.
        clock: Replaces ``time.monotonic`` for waits.

    Raises:
        ValueError: There is no API key (the message names ``ATTENDEE_API_KEY``), or an
            option has a bad value (the message says which, and why).
        TypeError: An option has the wrong type.
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
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        # unasync: async only
        # Requests beyond the pool's size wait here, in an O(1) queue (see _async_io).
        self._slots: asyncio.Semaphore | None = None
        # unasync: end
        if http_client is None:
            http = httpx.AsyncClient(
                headers=self._headers, timeout=self.timeout, limits=_config.POOL_LIMITS
            )
            self._adopt_pool(http, owns=True, pool_headers=self._headers)
            # unasync: async only
            self._slots = _async_io.new_slots(_config.POOL_LIMITS.max_connections or 100)
            # unasync: end
        elif isinstance(http_client, httpx.AsyncClient):
            # A Default*Client is handed over: closed with this client, queued as its own pool.
            owns = hand_over(http_client, self._headers)
            self._adopt_pool(http_client, owns=owns, pool_headers={})
            # unasync: async only
            limit = connection_limit(http_client)
            if limit:
                self._slots = _async_io.new_slots(limit)
            # unasync: end
        else:
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, not {type(http_client).__name__}"
            )
        self._sleep = sleep or _async_io.default_sleep()
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
        """A copy with some options changed, sharing this client's connection pool.

        The copy never closes the pool; the client that opened it does.
        """
        options = self._copy_options(api_key, base_url, timeout, max_retries, default_headers)
        copy = AsyncAttendeeClient(
            **options, http_client=self._http, sleep=self._sleep, clock=self._clock
        )
        copy._adopt_pool(self._http, owns=False, pool_headers=self._pool_headers())
        # unasync: async only
        copy._slots = self._slots
        # unasync: end
        return copy

    async def _execute(self, spec: RequestSpec[T]) -> T:
        response = await self._request(spec)
        record_exchange(response)
        return spec.parse(response)

    async def _send(self, request: httpx.Request, attempt: int = 1) -> httpx.Response:
        with AttemptLog(request, attempt, self.max_retries + 1) as log:
            # unasync: async only
            slots = self._slots
            if slots is not None:
                await _async_io.take_slot(slots, request)
                try:
                    return self._check(await self._send_once(request), log)
                finally:
                    slots.release()
            # unasync: end
            return self._check(await self._send_once(request), log)

    async def _send_once(self, request: httpx.Request) -> httpx.Response:
        """One exchange: the transport call, then the whole body, read under its budget."""
        response = await _async_io.send(self._http, request)
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

        import tenacity  # only once an attempt has failed; see _retry.tenacity_options

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

    # unasync: async only
    def __enter__(self) -> NoReturn:
        raise TypeError(
            "AsyncAttendeeClient is an async context manager: use 'async with "
            "AsyncAttendeeClient(...) as client:' inside a coroutine (or AttendeeClient "
            "with a plain 'with')"
        )

    def __exit__(self, *exc_info: object) -> None:  # pragma: no cover - __enter__ raises
        pass

    # unasync: end
    async def __aenter__(self) -> AsyncAttendeeClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
