"""The fake's socket side: an HTTP/1.1 server on 127.0.0.1, a thread per connection, that
answers from an origin (the API, or the storage that serves recordings) and plays the
faults that are about connections."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

from attendee_client.testing._faults import Fault, RecordedRequest
from attendee_client.testing._transport import Answer, Origin

__all__ = ["SocketOrigin", "SocketServer", "serve"]


class SocketOrigin(Origin, Protocol):
    """What a socket server answers from: an origin, and an event set when it stops (that
    ends the faults that wait)."""

    _stopping: threading.Event


class SocketServer(ThreadingHTTPServer):
    """Threads per connection, a deep accept queue, and a way to drop every connection."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self.open_connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.connections_lock:
            self.open_connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.open_connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer is what several faults provoke, not an error.
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handle_error(request, client_address)

    def close_open_connections(self) -> None:
        with self.connections_lock:
            connections = list(self.open_connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        """Stop serving, release the port and drop open connections."""
        self.shutdown()
        self.server_close()
        self.close_open_connections()


def serve(origin: SocketOrigin, port: int, name: str) -> tuple[SocketServer, threading.Thread]:
    """Listen on 127.0.0.1:``port`` (0: a free one) for ``origin``, in a daemon thread."""
    handler = type("Handler", (_Handler,), {"origin": origin})
    server = SocketServer(("127.0.0.1", port), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, name=name, daemon=True
    )
    thread.start()
    return server, thread


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    origin: SocketOrigin

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without this, Nagle's algorithm and
        # delayed ACKs add 40 ms to every response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        """Quiet: tests read ``requests`` instead of stderr."""

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        method = self.command
        self.origin._record(RecordedRequest(method, self.path, headers, body))
        fault = self.origin._take_fault(method, urlsplit(self.path).path)
        if fault is not None and fault.kind != "drop_after":
            self._play(fault)
            return
        answer = self.origin._respond(method, self.path, headers, body)
        self._send(answer, None if fault is None else fault.after_bytes)

    def _send(self, answer: Answer, limit: int | None = None) -> None:
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(answer.length))
        self.end_headers()
        if self.command == "HEAD":
            answer.discard()
            return
        sent = 0
        for chunk in answer.chunks():
            if limit is not None and sent + len(chunk) > limit:
                # A dropped connection: part of the promised body, then the end of it.
                self.wfile.write(chunk[: limit - sent])
                self.wfile.flush()
                answer.discard()
                self.close_connection = True
                return
            self.wfile.write(chunk)
            sent += len(chunk)

    def _play(self, fault: Fault) -> None:
        stopping = self.origin._stopping
        if fault.kind == "respond":
            self._send(Answer(fault.status, fault.headers, fault.body))
        elif fault.kind == "close_mid_body":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"id": "zoc_')
            self.wfile.flush()
            self.close_connection = True
        elif fault.kind == "stall":
            stopping.wait(timeout=60)
            self.close_connection = True
        elif fault.kind == "stall_body":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            stopping.wait(timeout=60)
            self.close_connection = True
        elif fault.kind == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(fault.body)))
            self.end_headers()
            for index in range(len(fault.body)):
                if stopping.wait(timeout=fault.interval):
                    break
                try:
                    self.wfile.write(fault.body[index : index + 1])
                    self.wfile.flush()
                except OSError:
                    break
            self.close_connection = True
        else:  # reset
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            self.close_connection = True

    do_GET = do_HEAD = do_POST = do_DELETE = do_PUT = do_PATCH = _handle
