"""The transport behind ``DefaultAioHttpClient``: ``httpx-aiohttp``'s, made to send exactly
what httpx's own transport sends and to fail with httpx's exceptions.

Imported only when a ``DefaultAioHttpClient`` is made (it imports aiohttp), never by
``import attendee_client``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import httpx
import yarl
from httpx_aiohttp import AiohttpTransport

from attendee_client._status import httpx_error_from_aiohttp

__all__ = ["SdkAiohttpTransport"]

# What aiohttp adds to a request that lacks them; httpx's transport adds none of these (a
# client adds its own through its default headers, which are then in the request).
_NO_AUTO_HEADERS = ("Accept", "Accept-Encoding", "User-Agent")


def _httpx_error(error: aiohttp.ClientError) -> httpx.TransportError:
    return httpx_error_from_aiohttp(error) or httpx.TransportError(str(error))


def _pool_and_connect(timeout: dict[str, float | None]) -> float | None:
    """aiohttp's ``connect`` timeout: waiting for a free connection *and* opening a new one.

    httpx bounds the two apart (``pool``, then ``connect``), so aiohttp gets their sum, and no
    bound when either is unbounded (``sock_connect`` still bounds the opening). Handing it
    the pool timeout alone would cut a slow connect short at the pool timeout.
    """
    pool, connect = timeout.get("pool"), timeout.get("connect")
    return None if pool is None or connect is None else pool + connect


class _Body(httpx.AsyncByteStream):
    """An aiohttp response's body, whose failures are httpx's exceptions."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except aiohttp.ClientError as error:
            raise _httpx_error(error) from error

    async def aclose(self) -> None:
        # Back to the pool when the body was read to its end; closed otherwise.
        self._response.release()


class SdkAiohttpTransport(AiohttpTransport):
    """``httpx_aiohttp.AiohttpTransport`` that sends what httpx would: the URL as encoded (an
    id of ``.`` stays ``%2E``, not a step up the path), no header of aiohttp's own, no
    cookies, and one request per attempt (the SDK alone decides what is resent). Its failures
    are the httpx exceptions httpx's own transport raises for the same events
    (``_status.httpx_error_from_aiohttp``)."""

    def get_client(self) -> aiohttp.ClientSession:
        if self.client is not None:
            return super().get_client()
        connector = aiohttp.TCPConnector(
            limit=self.limits.max_connections or 0,  # aiohttp's 0 is httpx's None: no limit
            keepalive_timeout=self.limits.keepalive_expiry,
            ssl=self.ssl_context,
        )
        session = aiohttp.ClientSession(
            connector=connector,
            # No cookie jar: aiohttp would send the API's cookies to any host of the same
            # name, and a recording's storage host must get nothing of the client's.
            cookie_jar=aiohttp.DummyCookieJar(),
            skip_auto_headers=_NO_AUTO_HEADERS,
        )
        # aiohttp sends a GET, PUT or DELETE once more, silently, when the connection drops
        # before the answer; the SDK decides what is resent (and how a resent DELETE's 404
        # reads). aiohttp's own test client turns this off the same way: no public switch.
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self.client, aiohttp.ClientSession):
            self.client = self.get_client()
        timeout = request.extensions.get("timeout", {})
        try:
            body: bytes | httpx.AsyncByteStream | None = request.content or None
        except httpx.RequestNotRead:
            body = request.stream  # type: ignore[assignment]
        proxy = self.proxy
        try:
            response = await self.client.request(
                request.method,
                yarl.URL(str(request.url), encoded=True),
                headers=request.headers.multi_items(),
                data=body,
                allow_redirects=False,
                auto_decompress=False,  # httpx decodes, as on its own transport
                timeout=aiohttp.ClientTimeout(
                    sock_connect=timeout.get("connect"),
                    sock_read=timeout.get("read"),
                    connect=_pool_and_connect(timeout),
                ),
                server_hostname=request.extensions.get("sni_hostname"),
                proxy=str(proxy.url) if proxy else None,
                proxy_auth=aiohttp.BasicAuth(*proxy.auth) if proxy and proxy.auth else None,
                proxy_headers=proxy.headers.multi_items() if proxy else None,
            )
        except aiohttp.ClientError as error:
            raise _httpx_error(error) from error
        extensions = {"http_version": b"HTTP/1.1"}
        if response.reason:
            extensions["reason_phrase"] = response.reason.encode()
        return httpx.Response(
            response.status,
            headers=response.raw_headers,
            stream=_Body(response),
            request=request,
            extensions=extensions,
        )
