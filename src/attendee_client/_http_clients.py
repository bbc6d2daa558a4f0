"""HTTP clients that carry the SDK's own defaults, for users who bring their own transport.

``DefaultHttpxClient`` and ``DefaultAsyncHttpxClient`` are httpx's clients; ``DefaultAioHttpClient``
is the async one on aiohttp (the ``[aiohttp]`` extra), about five times the throughput of
httpx's own transport for many concurrent calls (docs/performance.md). Each starts from the
SDK's timeouts and connection limits and follows no redirects, whatever httpx's defaults are;
any of them can be overridden by keyword, as for httpx.

Handed to a client (``AsyncAttendeeClient(http_client=DefaultAioHttpClient())``), one is
*owned* by it, as the pool the client would open itself: the client closes it, and the async
client queues the calls beyond its connection limit. Hand each to one client (its
``with_options`` copies share it).

Importing this module imports neither aiohttp nor ``httpx-aiohttp``: a ``DefaultAioHttpClient``
imports them when it is made, and says which extra to install when they are missing.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from typing import Any

import httpx
from httpx._client import BaseClient  # the base of httpx.Client and AsyncClient

from attendee_client import _config

__all__ = [
    "AIOHTTP_EXTRA_HINT",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "connection_limit",
    "hand_over",
]

AIOHTTP_EXTRA_HINT = (
    "DefaultAioHttpClient needs the aiohttp extra, which is not installed: "
    "pip install 'attendee-client[aiohttp]'"
)


def _with_defaults(options: dict[str, Any]) -> dict[str, Any]:
    options.setdefault("timeout", _config.DEFAULT_TIMEOUT)
    options.setdefault("limits", _config.POOL_LIMITS)
    options.setdefault("follow_redirects", False)
    return options


def connection_limit(http_client: httpx.Client | httpx.AsyncClient) -> int | None:
    """The most connections a ``Default*Client`` opens at once (None: no limit, or not one of
    these clients, whose limits the SDK cannot read)."""
    limits = getattr(http_client, "_attendee_limits", None)
    return limits.max_connections if isinstance(limits, httpx.Limits) else None


def hand_over(http_client: httpx.Client | httpx.AsyncClient, headers: Mapping[str, str]) -> bool:
    """How a client takes the ``http_client`` it was given: whether it owns (and closes) it.

    A user's own client is used as is: not owned (and the async client keeps no queue in front
    of it). A ``Default*Client`` is the client's own pool: owned, queued at its
    ``connection_limit``. Neither gets the client's ``headers`` (the
    API key) among its own: they are sent per request, so that the pool, which its maker
    still holds, sends nothing of the SDK's when used for anything else. A
    ``Default*Client`` merges them into a request's once (``_MergedHeaders``).
    """
    if not isinstance(http_client, (DefaultHttpxClient, DefaultAsyncHttpxClient)):
        return False
    if http_client._attendee_headers is None:  # the first client keeps the fast path
        http_client._attendee_headers = headers
    return True


class _MergedHeaders:
    """The headers of a request that sends exactly ``sdk_headers`` (the dict its client
    registered, passed again as is), merged with the pool's once, not per request: httpx's
    merge costs about a twentieth of a loopback request. Kept only while the pool's own
    headers stay as they were."""

    def __init__(self) -> None:
        self._pool: list[tuple[bytes, bytes]] | None = None
        self._merged = httpx.Headers()

    def get(self, pool: httpx.Headers, sdk_headers: Mapping[str, str]) -> httpx.Headers:
        raw = pool.raw
        if raw != self._pool:
            merged = httpx.Headers(pool)
            merged.update(sdk_headers)
            self._pool, self._merged = raw, merged
        return self._merged


class _WithSdkDefaults(BaseClient):
    """What the sync and async default clients share: the SDK's defaults under the caller's
    keywords, and the SDK's headers merged once per change of the pool's own."""

    _attendee_headers: Mapping[str, str] | None = None

    def __init__(self, **options: Any) -> None:
        options = _with_defaults(options)
        self._attendee_limits: httpx.Limits = options["limits"]
        self._attendee_merged = _MergedHeaders()
        super().__init__(**options)

    def _merge_headers(self, headers: Any = None) -> Any:
        sdk_headers = self._attendee_headers
        if sdk_headers is not None and headers is sdk_headers:
            return self._attendee_merged.get(self.headers, sdk_headers)
        return super()._merge_headers(headers)


class DefaultHttpxClient(_WithSdkDefaults, httpx.Client):
    """An ``httpx.Client`` with the SDK's defaults: 5 s to connect and 30 s for each other
    step, at most 100 connections (20 kept alive), no redirects followed.

    Takes every keyword of ``httpx.Client``; those given replace the defaults. Handed to an
    ``AttendeeClient``, it is closed with it.
    """


class DefaultAsyncHttpxClient(_WithSdkDefaults, httpx.AsyncClient):
    """An ``httpx.AsyncClient`` with the SDK's defaults (those of ``DefaultHttpxClient``).

    Takes every keyword of ``httpx.AsyncClient``; those given replace the defaults. Handed to
    an ``AsyncAttendeeClient``, it is closed with it, and calls beyond its connection limit
    wait in the client's queue (no longer than the pool timeout) as with the client's own pool.
    """


class DefaultAioHttpClient(DefaultAsyncHttpxClient):
    """``DefaultAsyncHttpxClient`` on aiohttp, through the ``httpx-aiohttp`` transport: about
    five times the throughput for many concurrent calls, with the same behaviour (the same
    typed errors, retries, timeouts, downloads).

    ``async with AsyncAttendeeClient(http_client=DefaultAioHttpClient()) as client:`` closes
    the aiohttp session with the client. The session keeps no cookies (the API needs none, and
    none may reach a recording's storage host). aiohttp has no write timeout: the connect,
    read and pool timeouts apply.

    Raises:
        ImportError: The ``[aiohttp]`` extra is not installed (the message names it).
    """

    def __init__(self, **options: Any) -> None:
        try:
            import httpx_aiohttp  # noqa: F401 - checked here, imported again by the transport
        except ImportError as error:
            raise ImportError(AIOHTTP_EXTRA_HINT, name=error.name) from error
        super().__init__(**options)

    def _init_transport(
        self,
        verify: ssl.SSLContext | str | bool = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = _config.POOL_LIMITS,
        transport: httpx.AsyncBaseTransport | None = None,
        **_: Any,
    ) -> httpx.AsyncBaseTransport:
        if transport is not None:
            return transport
        from attendee_client._aiohttp_transport import SdkAiohttpTransport

        return SdkAiohttpTransport(
            verify=verify, cert=cert, trust_env=trust_env, http1=http1, http2=http2, limits=limits
        )

    def _init_proxy_transport(
        self,
        proxy: httpx.Proxy,
        verify: ssl.SSLContext | str | bool = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = _config.POOL_LIMITS,
        **_: Any,
    ) -> httpx.AsyncBaseTransport:
        from attendee_client._aiohttp_transport import SdkAiohttpTransport

        return SdkAiohttpTransport(
            verify=verify,
            cert=cert,
            trust_env=trust_env,
            http1=http1,
            http2=http2,
            limits=limits,
            proxy=proxy,
        )
