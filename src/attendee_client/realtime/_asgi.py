"""The receiver as a plain ASGI 3 app, to mount in FastAPI or Starlette or run under uvicorn.

Needs no library of its own: the ASGI server speaks the websocket protocol.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from attendee_client.realtime._auth import check_secret, verify_url
from attendee_client.realtime._session import Handler, RealtimeSession, run_session

__all__ = ["asgi_app"]

logger = logging.getLogger("attendee_client.realtime")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class _AsgiTransport:
    def __init__(self, receive: Receive, send: Send) -> None:
        self._receive = receive
        self._send = send
        self._closed = False

    async def receive(self) -> str | bytes | None:
        while not self._closed:
            message = await self._receive()
            kind = message["type"]
            if kind == "websocket.receive":
                text = message.get("text")
                return text if text is not None else message.get("bytes") or b""
            if kind == "websocket.disconnect":
                self._closed = True
        return None

    async def send(self, text: str) -> None:
        if self._closed:
            raise ConnectionError("the websocket is closed")
        await self._send({"type": "websocket.send", "text": text})

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            try:
                await self._send({"type": "websocket.close", "code": 1000})
            except Exception:  # noqa: BLE001 - the peer may be gone already; nothing to do
                logger.debug("The websocket was already closed")


async def _refuse(scope: Scope, send: Send, status: int) -> None:
    if "websocket.http.response" in scope.get("extensions", {}):
        body = b"Unauthorized\n" if status == 401 else b"Not Found\n"
        headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
        await send({"type": "websocket.http.response.start", "status": status, "headers": headers})
        await send({"type": "websocket.http.response.body", "body": body})
    else:  # the server answers 403 to a close before accept
        await send({"type": "websocket.close", "code": 1008})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def asgi_app(handler: Handler, *, secret: str | bytes | None = None) -> ASGIApp:
    """The receiver as an ASGI 3 app: every websocket path is a bot connection.

    ``handler(session)`` is called once per connection, after its first frame. With
    ``secret``, a handshake without a valid, unexpired token (``signed_url``) is refused
    with HTTP 401 before the handler runs (403 from a server without the ASGI
    ``websocket.http.response`` extension). A plain HTTP request is answered 404. Raises
    ValueError for an empty secret.
    """
    check_secret(secret)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await _lifespan(receive, send)
            return
        if kind == "http":
            body = b"Not Found: a realtime receiver takes websockets\n"
            await send(
                {
                    "type": "http.response.start",
                    "status": 404,
                    "headers": [(b"content-type", b"text/plain")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        if kind != "websocket":
            return
        connect = await receive()
        if connect["type"] != "websocket.connect":
            return
        query = scope.get("query_string", b"").decode("latin-1")
        request_path = scope.get("path", "/")
        if secret is not None and not verify_url("?" + query, secret):
            logger.warning("Refused a realtime connection to %s: no valid token", request_path)
            await _refuse(scope, send, 401)
            return
        await send({"type": "websocket.accept"})
        session = RealtimeSession(_AsgiTransport(receive, send), path=request_path)
        await run_session(session, handler)

    return app
