"""What both clients share: configuration resolved and checked once, how a call becomes an
``httpx.Request``, and the first decisions after a failed attempt.

The client (``_async/client.py``, its synchronous twin generated) adds the I/O.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import httpx

from attendee_client import _config
from attendee_client._logs import AttemptLog
from attendee_client._request import RequestSpec
from attendee_client._retry import RetryState, is_retryable, mark_outcome
from attendee_client._status import status_error
from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client.errors import AttendeeError, ClientClosedError

__all__ = ["BaseClient"]


class BaseClient:
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
        raise status_error(response, time.time())

    def _check_open(self) -> None:
        if self._http.is_closed:
            raise ClientClosedError(
                f"this {type(self).__name__} is closed (or the client whose connection pool it "
                "shares is): make a new one, or use it inside a with block"
            )

    def __repr__(self) -> str:
        base_url = _config.mask_url(self.base_url)
        return f"{type(self).__name__}(base_url={base_url!r}, max_retries={self.max_retries})"
