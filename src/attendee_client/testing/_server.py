"""A fake Attendee API: a route table (``_app``) served over a real HTTP/1.1 socket on
127.0.0.1 or in process through an ``httpx.MockTransport``.

It answers with the real server's status codes and error bodies, from in-memory stores, and
can be told to misbehave (``Fault``).
"""

from __future__ import annotations

import contextlib
import copy
import json
import socket
import sys
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import attrs
import httpx

from attendee_client.testing._app import ApiState, FakeResponse, Router, check_fields
from attendee_client.testing._bots import BotStore
from attendee_client.testing._calendars import CalendarStore
from attendee_client.testing._connections import DOCUMENTED_EXAMPLE, ConnectionStore
from attendee_client.testing._webhooks import Delivery, WebhookDispatcher

__all__ = ["DOCUMENTED_EXAMPLE", "FakeAttendeeServer", "Fault", "RecordedRequest"]


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


class FakeAttendeeServer:
    """A fake Attendee API server on 127.0.0.1, on a free port, in a background thread.

    ``api_key`` is the only key it accepts. It starts holding the documented example
    connection (``seed_example=False`` for none). With ``auto_advance_bots`` every fetch of
    a bot moves it one step along a meeting (joining, recording, post-processing, ended), so
    code that polls a bot until it ends can be tested offline. ``next_host`` is the scheme
    and host it writes into ``next`` links, like a server behind a proxy; by default it echoes the
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
        auto_advance_bots: bool = False,
    ) -> None:
        self.api_key = api_key
        self.example_connection_id = str(DOCUMENTED_EXAMPLE["id"])
        self.requests: list[RecordedRequest] = []
        self._arrivals = threading.Condition()
        self._state = ApiState()
        self._connections = ConnectionStore(self._state, page_size=page_size, next_host=next_host)
        self._bots = BotStore(self._state, page_size=page_size, next_host=next_host)
        self._bots.auto_advance = auto_advance_bots
        self._calendars = CalendarStore(
            self._state, self._bots, page_size=page_size, next_host=next_host
        )
        self.router = Router(api_key)
        for store in (self._connections, self._bots, self._calendars):
            self.router.add(store.routes())
        self._webhooks = WebhookDispatcher()
        self._bots.on_state_change.append(self._bot_state_changed)
        self._connections.on_state_change.append(self._connection_state_changed)
        self._calendars.on_state_change.append(self._calendar_state_changed)
        self._faults: list[tuple[str | None, str | None, Fault]] = []
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._refused_port = 0
        self._thread: threading.Thread | None = None
        if seed_example:
            self._connections.put(copy.deepcopy(dict(DOCUMENTED_EXAMPLE)))

    def __repr__(self) -> str:
        where = self.base_url if self._server is not None else "not listening"
        return f"<FakeAttendeeServer {where}>"

    # --- in process --------------------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        """An in-process transport answering from this fake, for ``httpx.Client`` or
        ``httpx.AsyncClient(transport=...)``: no socket, no thread, the same routes.

        Requests are recorded and ``Fault.respond`` faults apply; the faults that are about
        connections (reset, stall, drip, ...) need the socket server.
        """
        return httpx.MockTransport(self._handle_in_process)

    def _handle_in_process(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        target = request.url.raw_path.decode("ascii")
        headers = {name.lower(): value for name, value in request.headers.items()}
        self._record(RecordedRequest(request.method, target, headers, body))
        fault = self._take_fault(request.method, urlsplit(target).path)
        if fault is not None:
            if fault.kind != "respond":
                raise RuntimeError(f"Fault.{fault.kind}() needs the socket server: start() it")
            return httpx.Response(fault.status, content=fault.body, headers=dict(fault.headers))
        status, data, response_headers = self._respond(request.method, target, headers, body)
        return httpx.Response(status, content=data, headers=response_headers)

    def _respond(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[int, bytes, dict[str, str]]:
        with self._state.lock:
            answer: FakeResponse = self.router.handle(method, target, headers, body)
            data = b"" if answer.payload is None else json.dumps(answer.payload).encode()
        response_headers = dict(answer.headers)
        if answer.payload is not None:
            response_headers["Content-Type"] = "application/json"
        return answer.status, data, response_headers

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
        """Stop serving, drop open connections and release the port; harmless twice.
        Webhook deliveries already queued are made first."""
        self._webhooks.stop()
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

        Fields not given get plausible values: a fresh ``zoc_`` id, ``connected``, ...;
        a datetime value is written as the server writes it. Raises TypeError for a field a
        connection does not have.
        """
        with self._state.lock:
            connection = self._connections.new(fields)
            self._connections.put(connection)
            return copy.deepcopy(connection)

    def add_connections(self, count: int) -> list[dict[str, Any]]:
        """Store ``count`` new connections; returns them oldest first."""
        return [self.add_connection() for _ in range(count)]

    def add_authorization_code(self, code: str, **fields: Any) -> None:
        """Let one create exchange ``code``; the new connection gets ``fields`` (checked as
        ``add_connection`` checks them)."""
        with self._state.lock:
            fields = check_fields(fields, DOCUMENTED_EXAMPLE, "a Zoom OAuth connection")
            self._connections.codes[code] = fields

    @property
    def connections(self) -> list[dict[str, Any]]:
        """The stored connections, newest first."""
        with self._state.lock:
            return copy.deepcopy(self._connections.newest_first())

    def disconnect_connection(self, connection_id: str, reason: str = "invalid_grant") -> None:
        """Turn a connection ``disconnected``, as a failed token refresh does."""
        with self._state.lock:
            self._connections.disconnect(connection_id, reason)

    # --- webhooks ------------------------------------------------------------------------

    def add_webhook(
        self, url: str, triggers: list[str] | tuple[str, ...], secret: str | None = None
    ) -> str:
        """POST signed events of ``triggers`` to ``url`` (a receiver on this machine) when
        the fake's state changes, as Attendee does; returns the secret (base64 text, made
        up when not given) to verify them with.

        Deliveries come from a background thread, in order; ``wait_for_deliveries`` waits
        for them and ``webhook_deliveries`` lists them. Raises ValueError for a URL that is
        not on 127.0.0.1/localhost or a secret that is not base64.
        """
        return self._webhooks.subscribe(url, triggers, secret)

    @property
    def webhook_deliveries(self) -> list[Delivery]:
        """The deliveries made so far, oldest first."""
        with self._webhooks._done:
            return list(self._webhooks.deliveries)

    def wait_for_deliveries(self, count: int, timeout: float = 10.0) -> bool:
        """Block until ``count`` deliveries were made (or ``timeout``); whether they were."""
        return self._webhooks.wait(count, timeout)

    def _bot_envelope(self, bot: Mapping[str, Any]) -> dict[str, Any]:
        return {"bot_id": bot["id"], "bot_metadata": bot["metadata"]}

    def _bot_state_changed(
        self, bot: dict[str, Any], old: str, event_type: str | None, sub_type: str | None
    ) -> None:
        data = {
            "event_type": event_type,
            "event_sub_type": sub_type,
            "event_metadata": None,
            "old_state": old,
            "new_state": bot["state"],
            "created_at": self._state.clock.isoformat(),
        }
        self._webhooks.emit("bot.state_change", self._bot_envelope(bot), data)

    def _connection_state_changed(self, connection: dict[str, Any]) -> None:
        envelope = {
            "zoom_oauth_connection_id": connection["id"],
            "zoom_oauth_connection_metadata": connection["metadata"],
            "user_id": connection["user_id"],
            "account_id": connection["account_id"],
        }
        self._webhooks.emit(
            "zoom_oauth_connection.state_change", envelope, self._sync_data(connection)
        )

    def _calendar_state_changed(self, calendar: dict[str, Any]) -> None:
        envelope = {
            "calendar_id": calendar["id"],
            "calendar_deduplication_key": calendar["deduplication_key"],
            "calendar_metadata": calendar["metadata"],
        }
        self._webhooks.emit("calendar.state_change", envelope, self._sync_data(calendar))

    @staticmethod
    def _sync_data(owner: Mapping[str, Any]) -> dict[str, Any]:
        return {
            key: owner[key]
            for key in (
                "state",
                "connection_failure_data",
                "last_successful_sync_at",
                "last_attempted_sync_at",
            )
        }

    # --- bots ----------------------------------------------------------------------------

    def add_bot(self, **fields: Any) -> dict[str, Any]:
        """Store a new bot and return its JSON object: ``joining`` with a ``join_requested``
        event by default, ``scheduled`` when ``join_at`` is given. Raises TypeError for a
        field a bot does not have; datetimes are accepted."""
        with self._state.lock:
            return copy.deepcopy(self._bots.new(fields))

    @property
    def bots(self) -> list[dict[str, Any]]:
        """The stored bots, oldest first."""
        with self._state.lock:
            return copy.deepcopy(list(self._bots.by_id.values()))

    def advance_bot(self, bot_id: str, steps: int = 1) -> dict[str, Any]:
        """Move a bot ``steps`` along a meeting: scheduled -> joining -> joined_recording ->
        post_processing -> ended (from leaving: post_processing); returns it."""
        with self._state.lock:
            bot = self._bots.by_id[bot_id]
            for _ in range(steps):
                self._bots.advance(bot)
            return copy.deepcopy(bot)

    def set_bot_state(
        self,
        bot_id: str,
        state: str,
        *,
        event_type: str | None = None,
        sub_type: str | None = None,
    ) -> dict[str, Any]:
        """Put a bot in any ``state`` (recording ``event_type`` when given); returns it."""
        with self._state.lock:
            bot = self._bots.by_id[bot_id]
            events = (event_type,) if event_type else ()
            self._bots.move(bot, state, *events, sub_type=sub_type)
            return copy.deepcopy(bot)

    def add_utterance(self, bot_id: str, text: str, **fields: Any) -> dict[str, Any]:
        """Add an utterance to a bot's transcript (after the last one); returns it."""
        with self._state.lock:
            utterance = self._bots.add_utterance(bot_id, text, fields)
            data = {**utterance, "transcription": {"transcript": text} if text else None}
            self._webhooks.emit(
                "transcript.update", self._bot_envelope(self._bots.by_id[bot_id]), data
            )
            return copy.deepcopy(utterance)

    def add_chat_message(self, bot_id: str, text: str, **fields: Any) -> dict[str, Any]:
        """Add a chat message the bot saw; returns it."""
        with self._state.lock:
            message = self._bots.add_chat_message(bot_id, text, fields)
            self._webhooks.emit(
                "chat_messages.update", self._bot_envelope(self._bots.by_id[bot_id]), message
            )
            return copy.deepcopy(message)

    def add_participant(self, bot_id: str, name: str, **fields: Any) -> dict[str, Any]:
        """Add a participant to a bot's meeting (and its ``join`` event); returns it."""
        with self._state.lock:
            participant = self._bots.add_participant(bot_id, name, fields)
            joined = self._bots.participant_events[bot_id][-1]
            self._webhooks.emit(
                "participant_events.join_leave",
                self._bot_envelope(self._bots.by_id[bot_id]),
                joined,
            )
            return copy.deepcopy(participant)

    def add_participant_event(
        self, bot_id: str, participant_id: str, event_type: str, event_data: Any = None
    ) -> dict[str, Any]:
        """Record a participant event (``leave``, ``speech_start``, ...); returns it."""
        with self._state.lock:
            participant = next(
                p for p in self._bots.participants[bot_id] if p["id"] == participant_id
            )
            return copy.deepcopy(
                self._bots.add_participant_event(
                    bot_id, participant, event_type, {} if event_data is None else event_data
                )
            )

    def bot_actions(self, bot_id: str) -> list[tuple[str, Any]]:
        """What a bot was asked to do (chat messages, media, settings), oldest first, as
        ``(action, body)`` pairs."""
        with self._state.lock:
            return copy.deepcopy(self._bots.actions[bot_id])

    # --- calendars -----------------------------------------------------------------------

    def add_calendar(self, **fields: Any) -> dict[str, Any]:
        """Store a new calendar (``connected``) and return its JSON object."""
        with self._state.lock:
            return copy.deepcopy(self._calendars.new(fields))

    @property
    def calendars(self) -> list[dict[str, Any]]:
        """The stored calendars, newest first."""
        with self._state.lock:
            return copy.deepcopy(list(reversed(self._calendars.by_id.values())))

    def add_calendar_event(self, calendar_id: str, **fields: Any) -> dict[str, Any]:
        """Store an event of a calendar, as a sync would find it; returns it."""
        with self._state.lock:
            return copy.deepcopy(self._calendars.new_event(calendar_id, fields))

    def disconnect_calendar(self, calendar_id: str, error: str = "invalid_grant") -> dict[str, Any]:
        """Turn a calendar ``disconnected``, as a sync whose credentials fail does."""
        with self._state.lock:
            calendar = self._calendars.by_id[calendar_id]
            failure = {
                "error": f"Google Authentication error: {{'error': '{error}'}}",
                "timestamp": self._state.clock.isoformat(),
            }
            self._calendars.set_state(calendar, "disconnected", failure)
            return copy.deepcopy(calendar)

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
        with self._state.lock:
            for index, (want_method, want_path, fault) in enumerate(self._faults):
                if (want_method is None or want_method == method) and (
                    want_path is None or path.startswith(want_path)
                ):
                    del self._faults[index]
                    return fault
        return None


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
        status, data, response_headers = self.fake._respond(method, self.path, headers, body)
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
