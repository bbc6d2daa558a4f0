"""How an origin of the fake (the API, or the storage of recordings) answers, and how that
answer is given in process, as an ``httpx.Response`` that sync and async clients can both
read, streamed when it is large."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Protocol
from urllib.parse import urlsplit

import attrs
import httpx

from attendee_client.testing._faults import Fault, RecordedRequest

__all__ = ["Answer", "Origin", "respond_in_process"]


@attrs.frozen
class Answer:
    """An origin's answer: its status, headers (``Content-Length`` is added from
    ``length``) and body, whole or as chunks that add up to ``length`` bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes | Iterable[bytes] = b""
    length: int = attrs.field()

    @length.default
    def _length(self) -> int:
        if isinstance(self.body, bytes):
            return len(self.body)
        raise TypeError("an answer streamed in chunks needs its length")

    def chunks(self) -> Iterator[bytes]:
        """The body, chunk by chunk."""
        if isinstance(self.body, bytes):
            if self.body:
                yield self.body
        else:
            yield from self.body

    def discard(self) -> None:
        """Release a body that will not be sent (a HEAD, a fault)."""
        close = getattr(self.body, "close", None)
        if close is not None:
            close()


class Origin(Protocol):
    """What answers the requests of one origin, over a socket or in process."""

    def _record(self, request: RecordedRequest) -> None: ...

    def _take_fault(self, method: str, path: str) -> Fault | None: ...

    def _respond(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> Answer: ...


class _Body(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An answer's body for a sync or an async client; cut after ``limit`` bytes (a
    dropped connection) with the error httpx raises for one."""

    def __init__(self, answer: Answer, limit: int | None, request: httpx.Request) -> None:
        self.answer = answer
        self.limit = limit
        self.request = request

    def __iter__(self) -> Iterator[bytes]:
        sent = 0
        for chunk in self.answer.chunks():
            if self.limit is not None and sent + len(chunk) > self.limit:
                if self.limit > sent:
                    yield chunk[: self.limit - sent]
                self.answer.discard()
                raise httpx.RemoteProtocolError(
                    "peer closed connection without sending complete message body: "
                    f"received {self.limit} bytes, expected {self.answer.length}",
                    request=self.request,
                )
            sent += len(chunk)
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk

    def close(self) -> None:
        self.answer.discard()

    async def aclose(self) -> None:
        self.answer.discard()


def respond_in_process(origin: Origin, request: httpx.Request) -> httpx.Response:
    """``origin``'s answer to ``request``, recorded and faulted as over a socket.

    ``Fault.respond`` and ``Fault.drop_after`` apply; the faults that are about connections
    (reset, stall, drip, ...) need the socket server.
    """
    body = request.read()
    target = request.url.raw_path.decode("ascii")
    headers = {name.lower(): value for name, value in request.headers.items()}
    origin._record(RecordedRequest(request.method, target, headers, body))
    fault = origin._take_fault(request.method, urlsplit(target).path)
    limit: int | None = None
    if fault is None or fault.kind == "drop_after":
        answer = origin._respond(request.method, target, headers, body)
        limit = None if fault is None else fault.after_bytes
    elif fault.kind == "respond":
        answer = Answer(fault.status, fault.headers, fault.body)
    else:
        raise RuntimeError(f"Fault.{fault.kind}() needs the socket server: start() it")
    response_headers = {**answer.headers, "Content-Length": str(answer.length)}
    if request.method == "HEAD":
        # The headers of the GET, Content-Length included; no body.
        answer.discard()
        return httpx.Response(answer.status, headers=response_headers, content=b"")
    if isinstance(answer.body, bytes) and limit is None:
        return httpx.Response(answer.status, headers=response_headers, content=answer.body)
    stream = _Body(answer, limit, request)
    return httpx.Response(answer.status, headers=response_headers, stream=stream)
