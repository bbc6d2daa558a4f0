"""``AttendeeClient``: the Attendee API from synchronous code.

It holds the configuration (``BaseClient``) and does the I/O: send, and sleep between
retries. Its resources (``client.bots``, ...) come from ``resources``, which register there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, TypeVar

import httpx

from attendee_client import _config
from attendee_client._base_client import BaseClient
from attendee_client._budget import BodyBudget, BudgetedStream
from attendee_client._logs import AttemptLog
from attendee_client._raw import record_exchange
from attendee_client._request import RequestSpec
from attendee_client._status import body_error, connection_error
from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client.errors import AttendeeError
from attendee_client.resources._sync.registry import Resources

__all__ = ["AttendeeClient"]

T = TypeVar("T")


class AttendeeClient(BaseClient, Resources):
    """The Attendee API, from synchronous code: ``with AttendeeClient() as client: ...``.

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
        http_client: An ``httpx.Client`` to send with (proxies, certificates, transports);
            used as is and never closed by this client.
        sleep: Replaces ``time.sleep`` between retries and polls (tests pass one that
            records instead of waiting).
        clock: Replaces ``time.monotonic`` for waits.

    Raises:
        ValueError: There is no API key (the message names ``ATTENDEE_API_KEY``), or an
            option has a bad value (the message says which, and why).
        TypeError: An option has the wrong type.
    """

    _http: httpx.Client

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = _config.DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
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
        self._clock = clock or time.monotonic

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
        copy = AttendeeClient(
            **options, http_client=self._http, sleep=self._sleep, clock=self._clock
        )
        copy._adopt_pool(self._http, owns=False, pool_headers=self._pool_headers())
        return copy

    def _execute(self, spec: RequestSpec[T]) -> T:
        response = self._request(spec)
        record_exchange(response)
        return spec.parse(response)

    def _send(self, request: httpx.Request, attempt: int = 1) -> httpx.Response:
        with AttemptLog(request, attempt, self.max_retries + 1) as log:
            return self._check(self._send_once(request), log)

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self._http.send(request, stream=True)
        except httpx.RequestError as error:
            raise connection_error(error, request) from error
        try:
            response.stream = BudgetedStream(
                response.stream,  # type: ignore[arg-type]
                BodyBudget(response, time.monotonic),
            )
            response.read()
        except httpx.RequestError as error:
            response.close()
            raise body_error(error, response) from error
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
