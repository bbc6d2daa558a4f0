"""A loopback HTTP/1.1 keep-alive server for the benchmarks, fast enough not to be measured.

An asyncio protocol answering from precomputed bytes: the documented connection at its
detail path and 400 pages of 25 for the list; and, for the download measure, a recording of
N bytes (``GET /api/v1/bots/bot_N/recording`` gives its URL, ``GET /storage/N.mp4`` the
bytes). It runs in its own process:

    python benchmarks/server.py     # prints the base URL, serves until stdin closes
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import ClassVar

DETAIL_PATH = "/api/v1/zoom_oauth_connections/zoc_abcdef1234567890"
LIST_PATH = "/api/v1/zoom_oauth_connections"
PAGES = 400
PAGE_SIZE = 25
EXAMPLE = json.loads(
    (Path(__file__).parent.parent / "tests" / "fixtures" / "zoom_oauth_connection.json").read_text()
)


def _response(body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def build_routes(base_url: str) -> dict[bytes, bytes]:
    """Every answer, keyed by the request target as it arrives."""
    routes = {DETAIL_PATH.encode(): _response(json.dumps(EXAMPLE).encode())}
    for page in range(PAGES):
        results = [
            {**EXAMPLE, "id": f"zoc_{page * PAGE_SIZE + index:016d}"} for index in range(PAGE_SIZE)
        ]
        next_url = f"{base_url}{LIST_PATH}?cursor=p{page + 1}" if page + 1 < PAGES else None
        previous = f"{base_url}{LIST_PATH}?cursor=p{page - 1}" if page else None
        body = json.dumps({"next": next_url, "previous": previous, "results": results})
        target = LIST_PATH if page == 0 else f"{LIST_PATH}?cursor=p{page}"
        routes[target.encode()] = _response(body.encode())
    return routes


NOT_FOUND = (
    b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
)


class _Protocol(asyncio.Protocol):
    routes: ClassVar[dict[bytes, bytes]] = {}
    base_url: ClassVar[str] = ""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            request_line = self.buffer[: self.buffer.find(b"\r\n")]
            self.buffer = self.buffer[end + 4 :]
            target = request_line.split(b" ")[1]
            if target.startswith(b"/storage/"):
                self._send_file(int(target.removeprefix(b"/storage/").removesuffix(b".mp4")))
            elif target.startswith(b"/api/v1/bots/bot_"):
                size = target.removeprefix(b"/api/v1/bots/bot_").removesuffix(b"/recording")
                url = f"{self.base_url}/storage/{size.decode()}.mp4"
                body = json.dumps({"url": url, "start_timestamp_ms": 0}).encode()
                self.transport.write(_response(body))
            else:
                self.transport.write(self.routes.get(target, NOT_FOUND))

    def _send_file(self, size: int) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: {size}\r\n\r\n"
        self.transport.write(head.encode())
        block = bytes(range(256)) * 4096
        for start in range(0, size, len(block)):
            self.transport.write(block[: min(len(block), size - start)])


async def serve() -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Protocol, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    base_url = f"http://127.0.0.1:{port}"
    _Protocol.routes = build_routes(base_url)
    _Protocol.base_url = base_url
    print(base_url, flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(serve())
