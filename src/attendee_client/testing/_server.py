"""A fake Attendee API: a real HTTP/1.1 server on 127.0.0.1, standard library only.

It answers the Zoom OAuth connections endpoints with the real server's status codes and
error bodies, from an in-memory store, and can be told to misbehave (``Fault``).
"""

from __future__ import annotations

import base64
import contextlib
import copy
import json
import secrets
import socket
import string
import sys
import threading
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import attrs

__all__ = ["DOCUMENTED_EXAMPLE", "FakeAttendeeServer", "Fault", "RecordedRequest"]

COLLECTION = "/api/v1/zoom_oauth_connections"

DOCUMENTED_EXAMPLE: Mapping[str, Any] = {
    "id": "zoc_abcdef1234567890",
    "zoom_oauth_app_id": "zoa_abcdef1234567890",
    "user_id": "user_abcdef1234567890",
    "account_id": "account_abcdef1234567890",
    "state": "connected",
    "metadata": {"tenant_id": "1234567890"},
    "is_local_recording_token_supported": True,
    "is_onbehalf_token_supported": False,
    "connection_failure_data": None,
    "created_at": "2025-01-13T10:30:00.123456Z",
    "updated_at": "2025-01-13T10:30:00.123456Z",
    "last_successful_sync_at": "2025-01-13T11:00:00.123456Z",
    "last_attempted_sync_at": "2025-01-13T11:00:00.123456Z",
}

_ALLOWED_CREATE_FIELDS = frozenset(
    {
        "authorization_code",
        "redirect_uri",
        "zoom_oauth_app_id",
        "is_local_recording_token_supported",
        "is_onbehalf_token_supported",
        "metadata",
    }
)
_ID_ALPHABET = string.ascii_letters + string.digits


def _format_time(moment: datetime) -> str:
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


@attrs.frozen
class RecordedRequest:
    """One request the fake received: method, raw path (with query), headers and body."""

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes


@attrs.frozen
class Fault:
    """A scripted misbehaviour, used instead of the normal answer to one request.

    Make one with the class methods; give it to ``FakeAttendeeServer.add_fault``.
    """

    kind: str
    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def respond(
        cls,
        status: int,
        body: bytes | str | Mapping[str, Any] | list[Any] = b"",
        headers: Mapping[str, str] | None = None,
    ) -> Fault:
        """Answer with this status, body (bytes, text, or JSON) and headers."""
        headers = dict(headers or {})
        if isinstance(body, (dict, list)):
            payload = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            payload = body.encode()
            headers.setdefault("Content-Type", "text/html; charset=utf-8")
        else:
            payload = bytes(body)  # type: ignore[arg-type]
        return cls("respond", status=status, body=payload, headers=headers)

    interval: float = 0.0

    @classmethod
    def reset(cls) -> Fault:
        """Read the request, then reset the connection (RST) without a byte of answer."""
        return cls("reset")

    @classmethod
    def close_mid_body(cls) -> Fault:
        """Send the headers and part of a promised body, then close."""
        return cls("close_mid_body")

    @classmethod
    def stall(cls) -> Fault:
        """Read the request and never answer (until the server stops)."""
        return cls("stall")

    @classmethod
    def stall_body(cls) -> Fault:
        """Send the headers of a 200, then never send the promised body."""
        return cls("stall_body")

    @classmethod
    def drip(cls, body: bytes, interval: float) -> Fault:
        """Send a 200 whose ``body`` comes one byte every ``interval`` seconds."""
        return cls("drip", body=body, interval=interval)


class _Store:
    """The connections, oldest first, and the authorization codes create will accept."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.order: list[str] = []
        self.by_id: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.clock = datetime(2025, 2, 1, tzinfo=timezone.utc)

    def put(self, connection: dict[str, Any]) -> None:
        if connection["id"] not in self.by_id:
            self.order.append(connection["id"])
        self.by_id[connection["id"]] = connection

    def new_connection(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        self.clock += timedelta(seconds=1)
        now = _format_time(self.clock)
        connection = dict(DOCUMENTED_EXAMPLE)
        connection.update(
            id="zoc_" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(16)),
            user_id="user_" + secrets.token_hex(8),
            account_id="account_" + secrets.token_hex(8),
            metadata=None,
            created_at=now,
            updated_at=now,
            last_successful_sync_at=None,
            last_attempted_sync_at=None,
        )
        connection.update(fields)
        return connection


class FakeAttendeeServer:
    """A fake Attendee API server on 127.0.0.1, on a free port, in a background thread.

    ``api_key`` is the only key it accepts. It starts holding the documented example
    connection (``seed_example=False`` for none). ``next_host`` is the scheme and host it
    writes into ``next`` links, like a server behind a proxy; by default it echoes the
    request's ``Host`` as the real server does.

    Use it as a context manager, or call ``start()`` and ``stop()``.
    """

    def __init__(
        self,
        *,
        api_key: str = "test-api-key",
        seed_example: bool = True,
        page_size: int = 25,
        next_host: str | None = None,
    ) -> None:
        self.api_key = api_key
        self.page_size = page_size
        self.next_host = next_host
        self.example_connection_id = str(DOCUMENTED_EXAMPLE["id"])
        self.requests: list[RecordedRequest] = []
        self._arrivals = threading.Condition()
        self._store = _Store()
        self._faults: list[tuple[str | None, str | None, Fault]] = []
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._refused_port = 0
        self._thread: threading.Thread | None = None
        if seed_example:
            self._store.put(dict(DOCUMENTED_EXAMPLE))

    # --- lifecycle -------------------------------------------------------------------

    def start(self, port: int = 0) -> FakeAttendeeServer:
        """Start listening on 127.0.0.1 on ``port`` (a free one by default); returns self."""
        handler = type("Handler", (_Handler,), {"fake": self})
        self._stopping.clear()
        self._server = _Server(("127.0.0.1", port), handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name="FakeAttendeeServer",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, drop open connections and release the port; harmless twice."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server.close_open_connections()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def refuse_connections(self) -> int:
        """Stop listening, so that new connections are refused; returns the port.

        ``accept_connections()`` listens on the same port again (a test's injected sleeper
        can call it between two attempts).
        """
        port = self.port
        self.stop()
        self._refused_port = port
        return port

    def accept_connections(self) -> None:
        """Listen again on the port ``refuse_connections`` closed."""
        if self._server is None:
            self.start(self._refused_port)

    def __enter__(self) -> FakeAttendeeServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port it listens on."""
        if self._server is None:
            raise RuntimeError("the fake server is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``, to pass as the client's base URL."""
        return f"http://127.0.0.1:{self.port}"

    # --- the store -------------------------------------------------------------------

    def add_connection(self, **fields: Any) -> dict[str, Any]:
        """Store a new connection (newest of all) and return its JSON object.

        Fields not given get plausible values: a fresh ``zoc_`` id, ``connected``, ...
        """
        with self._store.lock:
            connection = self._store.new_connection(fields)
            self._store.put(connection)
            return copy.deepcopy(connection)

    def add_connections(self, count: int) -> list[dict[str, Any]]:
        """Store ``count`` new connections; returns them oldest first."""
        return [self.add_connection() for _ in range(count)]

    def add_authorization_code(self, code: str, **fields: Any) -> None:
        """Let one create exchange ``code``; the new connection gets ``fields``."""
        with self._store.lock:
            self._store.codes[code] = dict(fields)

    @property
    def connections(self) -> list[dict[str, Any]]:
        """The stored connections, newest first."""
        with self._store.lock:
            return [copy.deepcopy(self._store.by_id[i]) for i in reversed(self._store.order)]

    def wait_for_requests(self, count: int, timeout: float = 10.0) -> bool:
        """Block until ``count`` requests have arrived (or ``timeout``); whether they did."""
        with self._arrivals:
            return self._arrivals.wait_for(lambda: len(self.requests) >= count, timeout)

    def _record(self, request: RecordedRequest) -> None:
        with self._arrivals:
            self.requests.append(request)
            self._arrivals.notify_all()

    # --- faults ----------------------------------------------------------------------

    def add_fault(
        self, fault: Fault, *, method: str | None = None, path: str | None = None, times: int = 1
    ) -> None:
        """Answer the next ``times`` matching requests with ``fault`` instead.

        ``method`` and ``path`` (a path prefix, without query) narrow which requests match;
        faults are used in the order they were added.
        """
        for _ in range(times):
            self._faults.append((method, path, fault))

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._store.lock:
            for index, (want_method, want_path, fault) in enumerate(self._faults):
                if (want_method is None or want_method == method) and (
                    want_path is None or path.startswith(want_path)
                ):
                    del self._faults[index]
                    return fault
        return None

    # --- the API ---------------------------------------------------------------------

    def _authenticate(self, headers: Mapping[str, str]) -> tuple[int, Any] | None:
        value = headers.get("authorization")
        if value is None:
            return 401, {"detail": "Missing Authorization header"}
        scheme, _, key = value.partition(" ")
        if scheme.lower() != "token" or not key:
            return 401, {
                "detail": "Invalid Authorization header. Should have this format: Token <api_key>"
            }
        if not secrets.compare_digest(key.encode(), self.api_key.encode()):
            return 401, {"detail": "Invalid or disabled API key"}
        return None

    def _answer(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        split = urlsplit(target)
        path = split.path
        if path == COLLECTION:
            segment = None
        elif path.startswith(COLLECTION + "/"):
            segment = unquote(path[len(COLLECTION) + 1 :])
            if not segment or "/" in segment:
                return 404, {"error": "Not found"}, {}
        else:
            return 404, {"error": "Not found"}, {}
        failure = self._authenticate(headers)
        if failure is not None:
            return failure[0], failure[1], {"WWW-Authenticate": "Token"}
        allowed = ("GET", "POST") if segment is None else ("GET", "DELETE")
        if method not in allowed:
            return 405, {"detail": f'Method "{method}" not allowed.'}, {"Allow": ", ".join(allowed)}
        with self._store.lock:
            if segment is None and method == "GET":
                return self._list(split.query, headers)
            if segment is None:
                return self._create(headers, body)
            connection = self._store.by_id.get(segment)
            if connection is None:
                return 404, {"error": "Zoom OAuth Connection not found"}, {}
            if method == "DELETE":
                del self._store.by_id[segment]
                self._store.order.remove(segment)
                return 200, None, {}
            return 200, connection, {}

    def _list(self, query: str, headers: Mapping[str, str]) -> tuple[int, Any, dict[str, str]]:
        params = dict(parse_qsl(query, keep_blank_values=True))
        cursor = params.get("cursor", "")
        offset = 0
        if cursor:
            try:
                decoded = base64.b64decode(cursor.encode(), validate=True).decode()
                if not decoded.startswith("o="):
                    raise ValueError(decoded)
                offset = int(decoded[2:])
                if offset < 0:
                    raise ValueError(decoded)
            except ValueError:
                return 404, {"detail": "Invalid cursor"}, {}
        newest_first = self._store.order[::-1]
        results = [self._store.by_id[i] for i in newest_first[offset : offset + self.page_size]]
        host = self.next_host or f"http://{headers.get('host', '127.0.0.1')}"

        def link(position: int) -> str:
            token = base64.b64encode(f"o={position}".encode()).decode()
            return f"{host}{COLLECTION}?{urlencode({**params, 'cursor': token}, quote_via=quote)}"

        more = offset + self.page_size < len(newest_first)
        page = {
            "next": link(offset + self.page_size) if more else None,
            "previous": link(max(offset - self.page_size, 0)) if offset else None,
            "results": results,
        }
        return 200, page, {}

    def _create(self, headers: Mapping[str, str], body: bytes) -> tuple[int, Any, dict[str, str]]:
        content_type = headers.get("content-type", "").split(";")[0].strip()
        if content_type != "application/json":
            return 415, {"detail": f'Unsupported media type "{content_type}" in request.'}, {}
        try:
            data = json.loads(body)
        except ValueError as error:
            return 400, {"detail": f"JSON parse error - {error}"}, {}
        if not isinstance(data, dict):
            return 400, {"non_field_errors": ["Invalid data. Expected a dictionary."]}, {}
        errors: dict[str, list[str]] = {}
        unknown = sorted(set(data) - _ALLOWED_CREATE_FIELDS)
        if unknown:
            errors["non_field_errors"] = [f"Unknown field(s): {', '.join(unknown)}"]
        for field in ("authorization_code", "redirect_uri"):
            if field not in data:
                errors[field] = ["This field is required."]
            elif not isinstance(data[field], str) or not data[field].strip():
                errors[field] = ["This field may not be blank."]
        metadata = data.get("metadata")
        if metadata is not None:
            if not isinstance(metadata, dict) or not metadata:
                errors["metadata"] = ["Metadata must be a non-empty object"]
            else:
                for key, value in metadata.items():
                    if not isinstance(value, str):
                        errors["metadata"] = [f"Value for key '{key}' must be a string"]
        local = data.get("is_local_recording_token_supported", True)
        onbehalf = data.get("is_onbehalf_token_supported", False)
        if not local and not onbehalf:
            errors.setdefault("non_field_errors", []).append(
                "At least one of is_local_recording_token_supported or "
                "is_onbehalf_token_supported must be true"
            )
        if errors:
            return 400, errors, {}
        fields = self._store.codes.pop(data["authorization_code"], None)
        if fields is None:
            return 400, {"error": "Invalid or expired authorization code"}, {}
        connection = self._store.new_connection(
            {
                "metadata": metadata,
                "is_local_recording_token_supported": bool(local),
                "is_onbehalf_token_supported": bool(onbehalf),
                **(
                    {"zoom_oauth_app_id": data["zoom_oauth_app_id"]}
                    if "zoom_oauth_app_id" in data
                    else {}
                ),
                **fields,
            }
        )
        self._store.put(connection)
        return 201, connection, {}


class _Server(ThreadingHTTPServer):
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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: FakeAttendeeServer

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
        self.fake._record(RecordedRequest(method, self.path, headers, body))
        fault = self.fake._take_fault(method, urlsplit(self.path).path)
        if fault is not None:
            self._play(fault)
            return
        status, payload, extra_headers = self.fake._answer(method, self.path, headers, body)
        data = b"" if payload is None else json.dumps(payload).encode()
        response_headers = dict(extra_headers)
        if payload is not None:
            response_headers["Content-Type"] = "application/json"
        self._send(status, data, response_headers)

    def _send(self, status: int, data: bytes, headers: Mapping[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _play(self, fault: Fault) -> None:
        if fault.kind == "respond":
            self._send(fault.status, fault.body, fault.headers)
        elif fault.kind == "close_mid_body":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"id": "zoc_')
            self.wfile.flush()
            self.close_connection = True
        elif fault.kind == "stall":
            self.fake._stopping.wait(timeout=60)
            self.close_connection = True
        elif fault.kind == "stall_body":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            self.fake._stopping.wait(timeout=60)
            self.close_connection = True
        elif fault.kind == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(fault.body)))
            self.end_headers()
            for index in range(len(fault.body)):
                if self.fake._stopping.wait(timeout=fault.interval):
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

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _handle
