"""The transport behind ``DefaultAioHttpClient``: ``httpx-aiohttp``'s, raising httpx's errors.

Imported only when a ``DefaultAioHttpClient`` is made (it imports aiohttp), never by
``import attendee_client``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

from attendee_client._status import httpx_error_from_aiohttp

__all__ = ["SdkAiohttpTransport"]


def _raise_as_httpx(error: Exception) -> None:
    """Raise ``error`` as httpx's own transport would have raised it (returns when it is not
    aiohttp's, for the caller to re-raise)."""
    mapped = httpx_error_from_aiohttp(error)
    if mapped is not None:
        raise mapped from (error.__cause__ if isinstance(error, httpx.TransportError) else error)


class _Body(httpx.AsyncByteStream):
    """A response body whose failures are httpx's exceptions, as with httpx's transport."""

    def __init__(self, stream: httpx.AsyncByteStream) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._stream:
                yield chunk
        except (aiohttp.ClientError, httpx.TransportError) as error:
            _raise_as_httpx(error)
            raise

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        except (aiohttp.ClientError, httpx.TransportError) as error:
            _raise_as_httpx(error)
            raise


class SdkAiohttpTransport(AiohttpTransport):
    """``httpx_aiohttp.AiohttpTransport`` whose aiohttp session keeps no cookies and whose
    failures are the httpx exceptions httpx's own transport raises for the same events
    (``_status.httpx_error_from_aiohttp``)."""

    def get_client(self) -> aiohttp.ClientSession:
        if self.client is not None:
            return super().get_client()
        connector = aiohttp.TCPConnector(
            limit=self.limits.max_connections or 0,  # aiohttp's 0 is httpx's None: no limit
            keepalive_timeout=self.limits.keepalive_expiry,
            ssl=self.ssl_context,
        )
        # No cookie jar: aiohttp would send the API's cookies to any host of the same name,
        # and a recording's storage host must get nothing of the client's.
        session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
        # aiohttp sends a GET, PUT or DELETE once more, silently, when the connection drops
        # before the answer. The SDK decides what is resent (and how a resent DELETE's 404
        # reads): an attempt must be one request, as on httpx. aiohttp's own test client
        # turns this off the same way; there is no public switch.
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await super().handle_async_request(request)
        except (aiohttp.ClientError, httpx.TransportError) as error:
            _raise_as_httpx(error)
            raise
        response.stream = _Body(response.stream)  # type: ignore[arg-type]
        return response
