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
    """The Attendee API, from synchronous code.

    ``api_key`` falls back to ``ATTENDEE_API_KEY`` and ``base_url`` to ``ATTENDEE_BASE_URL``,
    then the hosted API. ``timeout`` is seconds or an ``httpx.Timeout`` (default 5 s to
    connect, 30 s for the rest); ``max_retries`` the retries after a failed attempt.
    An ``http_client`` you pass is used as is and never closed by this client. ``sleep``
    replaces ``time.sleep`` between retries and polls, and ``clock`` replaces
    ``time.monotonic`` for waits (tests pass ones that record and advance instead).

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
