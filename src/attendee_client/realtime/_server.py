"""The receiver on ``websockets``, the library the server's bots dial with.

``serve`` is imported by ``attendee_client.realtime`` without importing ``websockets``; the
library is imported when a receiver starts, with an error naming the extra when missing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from attendee_client.realtime._auth import TOKEN_PARAMETER, check_secret, verify_url
from attendee_client.realtime._session import Handler, RealtimeSession, run_session

if TYPE_CHECKING:
    from websockets.asyncio.server import ServerConnection
    from websockets.http11 import Request, Response

__all__ = ["MAX_MESSAGE_BYTES", "RealtimeServer", "path_matches", "serve"]

logger = logging.getLogger("attendee_client.realtime")

MAX_MESSAGE_BYTES = 16 * 1024 * 1024
"""The largest message accepted from a bot (a 1080p frame is a few hundred KB)."""


def import_websockets() -> Any:
    """The ``websockets`` package, or an ImportError naming the extra that brings it."""
    try:
        import websockets.asyncio.server
    except ImportError as error:
        raise ImportError(
            "attendee_client.realtime.serve needs the websockets library: "
            "pip install 'attendee-client[realtime]'"
        ) from error
    return websockets


def path_matches(path: str, request_path: str) -> bool:
    """Whether a request for ``request_path`` is for a receiver at ``path``: exactly, or
    anything below it when ``path`` ends with ``/`` (so the default ``/`` takes every path)."""
    if path.endswith("/"):
        return request_path.startswith(path) or request_path == path.rstrip("/")
    return request_path == path


_TOKEN = re.compile(TOKEN_PARAMETER + r"=[^&\s]*")


def redact(value: object) -> object:
    """``value`` with any URL token replaced, when it is a string."""
    return _TOKEN.sub(TOKEN_PARAMETER + "=<redacted>", value) if isinstance(value, str) else value


class RedactingLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    """The ``websockets`` logger, with URL tokens redacted: at DEBUG it logs each request
    line, query included."""

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        if self.isEnabledFor(level):
            redacted = tuple(redact(arg) for arg in args)
            super().log(level, redact(msg), *redacted, **kwargs)


class RealtimeServer:
    """A running receiver: ``url`` is what to give the bot (sign it with ``signed_url``)."""

    def __init__(self, url: str, server: Any) -> None:
        self.url = url
        """``ws://host:port/path``: no token (see ``signed_url``)."""
        self._server = server
        self.sessions: set[RealtimeSession] = set()
        """The connections open now."""

    def __repr__(self) -> str:
        return f"<RealtimeServer {self.url}>"


class _WebsocketsTransport:
    def __init__(self, connection: ServerConnection, closed_error: type[Exception]) -> None:
        self._connection = connection
        self._closed_error = closed_error

    async def receive(self) -> str | bytes | None:
        try:
            return await self._connection.recv()
        except self._closed_error:
            return None

    async def send(self, text: str) -> None:
        await self._connection.send(text)

    async def close(self) -> None:
        await self._connection.close()


@asynccontextmanager
async def serve(
    handler: Handler,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    path: str = "/",
    secret: str | bytes | None = None,
) -> AsyncIterator[RealtimeServer]:
    """Run a receiver for bots' websockets while the ``async with`` block runs.

    ``handler(session)`` is called once per connection, after its first frame. With
    ``secret``, a handshake without a valid, unexpired token (``signed_url``) is answered
    HTTP 401 and the handler never runs. A request for another path than ``path`` (or one
    below it, when ``path`` ends with ``/``) is answered 404. Needs the ``realtime`` extra
    (ImportError otherwise). Raises ValueError for a path not starting with ``/`` or an
    empty secret.
    """
    check_secret(secret)
    if not path.startswith("/"):
        raise ValueError(f"path must start with '/', got {path!r}")
    websockets = import_websockets()
    closed_error = websockets.exceptions.ConnectionClosed
    running: RealtimeServer | None = None

    def process_request(connection: ServerConnection, request: Request) -> Response | None:
        request_path = request.path.partition("?")[0]
        if not path_matches(path, request_path):
            return connection.respond(HTTPStatus.NOT_FOUND, "Not Found\n")
        if secret is not None and not verify_url(request.path, secret):
            logger.warning("Refused a realtime connection to %s: no valid token", request_path)
            return connection.respond(HTTPStatus.UNAUTHORIZED, "Unauthorized\n")
        return None

    async def on_connection(connection: ServerConnection) -> None:
        request = connection.request
        request_path = request.path.partition("?")[0] if request is not None else path
        session = RealtimeSession(_WebsocketsTransport(connection, closed_error), path=request_path)
        assert running is not None
        running.sessions.add(session)
        try:
            await run_session(session, handler)
        finally:
            running.sessions.discard(session)

    async with websockets.asyncio.server.serve(
        on_connection,
        host,
        port,
        process_request=process_request,
        max_size=MAX_MESSAGE_BYTES,
        logger=RedactingLogger(logging.getLogger("websockets.server"), {}),
    ) as server:
        bound_port = port or next(iter(server.sockets)).getsockname()[1]
        shown_host = f"[{host}]" if ":" in host else host
        running = RealtimeServer(f"ws://{shown_host}:{bound_port}{path}", server)
        yield running
