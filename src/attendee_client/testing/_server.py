"""A fake Attendee API: a route table (``_app``) served over a real HTTP/1.1 socket on
127.0.0.1 (``_socket``) or in process through an ``httpx.MockTransport`` (``_transport``),
with a second origin, the storage that serves recordings (``_storage``).

It answers with the real server's status codes and error bodies, from in-memory stores, and
can be told to misbehave (``Fault``). The helpers that seed and steer its stores are mixed in
from ``_bot_helpers``, ``_storage_helpers``, ``_session_helpers`` and
``_directory_helpers``.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import httpx

from attendee_client.testing._app import ApiState, FakeResponse, Router
from attendee_client.testing._app_sessions import AppSessions
from attendee_client.testing._bot_actions import BotActions
from attendee_client.testing._bot_helpers import BotHelpers
from attendee_client.testing._bot_records import BotRecords
from attendee_client.testing._bots import BotStore
from attendee_client.testing._calendars import CalendarStore
from attendee_client.testing._connections import DOCUMENTED_EXAMPLE, ConnectionStore
from attendee_client.testing._directory_helpers import DirectoryHelpers
from attendee_client.testing._faults import Fault, RecordedRequest
from attendee_client.testing._realtime import FakeRealtime  # realtime (issue 22)
from attendee_client.testing._session_helpers import SessionHelpers
from attendee_client.testing._socket import SocketServer, serve
from attendee_client.testing._storage import FakeStorage
from attendee_client.testing._storage_helpers import StorageHelpers
from attendee_client.testing._throttle import Throttle
from attendee_client.testing._transcriptions import Transcriptions
from attendee_client.testing._transport import Answer, respond_in_process
from attendee_client.testing._webhooks import Delivery, WebhookDispatcher

__all__ = ["DOCUMENTED_EXAMPLE", "FakeAttendeeServer", "Fault", "RecordedRequest"]


class FakeAttendeeServer(BotHelpers, StorageHelpers, SessionHelpers, DirectoryHelpers):
    """A fake Attendee API server on 127.0.0.1, on a free port, in a background thread.

    ``api_key`` is the only key it accepts. It starts holding the documented example
    connection (``seed_example=False`` for none). With ``auto_advance_bots`` every fetch of
    a bot moves it one step along a meeting (joining, recording, post-processing, ended), so
    code that polls a bot until it ends can be tested offline. ``next_host`` is the scheme
    and host it writes into ``next`` links, like a server behind a proxy; by default it echoes the
    request's ``Host`` as the real server does.

    ``throttle`` (e.g. ``"3/min"``; a count per second, minute, hour or day) turns on the
    real server's POST throttle: the POSTs it throttles (create, actions) share one bucket,
    and the one too many is answered ``429 {"detail": "Request was throttled. Expected
    available in 60 seconds."}`` with ``Retry-After: 60``. ``clock`` (seconds, monotonic) is
    what the throttle and the expiry of recording URLs read; inject one to move time
    without sleeping.

    Recordings are served by a second origin, the storage (``storage_url``), on its own
    port: the API's recording URLs point there, and ``transport()`` reaches it too.

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
        throttle: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.api_key = api_key
        self.clock = clock
        self.example_connection_id = str(DOCUMENTED_EXAMPLE["id"])
        self.requests: list[RecordedRequest] = []
        self._arrivals = threading.Condition()
        self._state = ApiState()
        self._connections = ConnectionStore(self._state, page_size=page_size, next_host=next_host)
        self._bots = BotStore(self._state, page_size=page_size, next_host=next_host)
        self._bots.auto_advance = auto_advance_bots
        self._storage = FakeStorage(lambda: self.clock(), lambda: self._state.clock)
        self._bot_records = BotRecords(self._bots, self._storage)
        self._transcriptions = Transcriptions(self._bots)
        self._app_sessions = AppSessions(self._bots, self._bot_records)
        self._calendars = CalendarStore(
            self._state, self._bots, page_size=page_size, next_host=next_host
        )
        self.router = Router(api_key)
        for routes in (
            self._connections.routes(),
            self._bots.routes(),
            BotActions(self._bots).routes(),
            self._bot_records.routes(),
            self._transcriptions.routes(),
            self._app_sessions.routes(),
            self._calendars.routes(),
        ):
            self.router.add(routes)
        if throttle is not None:
            self.router.throttle = Throttle(throttle, lambda: self.clock())
        self._webhooks = WebhookDispatcher()
        self._bots.on_state_change.append(self._bot_state_changed)
        # realtime (issue 22): bots with websocket_settings dial their receivers.
        self.realtime = FakeRealtime(self._bots)
        self._bots.on_state_change.append(self.realtime.state_changed)
        self._transcriptions.on_state_change.append(self._transcription_state_changed)
        self._connections.on_state_change.append(self._connection_state_changed)
        self._calendars.on_state_change.append(self._calendar_state_changed)
        self._faults: list[tuple[str | None, str | None, Fault]] = []
        self._stopping = threading.Event()
        self._server: SocketServer | None = None
        self._refused_port = 0
        self._thread: threading.Thread | None = None
        if seed_example:
            self._connections.put(copy.deepcopy(dict(DOCUMENTED_EXAMPLE)))

    def realtime_output(self, bot_id: str) -> bytes:
        """The PCM (16-bit mono) receivers asked the bot to speak over its websockets, as
        the server plays it (see ``testing/_realtime.py``). Realtime (issue 22)."""
        return self.realtime.output(bot_id)

    def __repr__(self) -> str:
        where = self.base_url if self._server is not None else "not listening"
        return f"<FakeAttendeeServer {where}>"

    # --- in process --------------------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        """An in-process transport answering from this fake, for ``httpx.Client`` or
        ``httpx.AsyncClient(transport=...)``: no socket, no thread, the same routes. It
        answers for the storage origin too (the host of the recording URLs), streaming.

        Requests are recorded and ``Fault.respond`` and ``Fault.drop_after`` faults apply;
        the faults that are about connections (reset, stall, drip, ...) need the socket
        server.
        """
        return httpx.MockTransport(self._handle_in_process)

    def _handle_in_process(self, request: httpx.Request) -> httpx.Response:
        if self._storage.serves(request.url):
            return respond_in_process(self._storage, request)
        return respond_in_process(self, request)

    def _respond(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Answer:
        with self._state.lock:
            answer: FakeResponse = self.router.handle(method, target, headers, body)
            data = b"" if answer.payload is None else json.dumps(answer.payload).encode()
        response_headers = dict(answer.headers)
        if answer.page is not None:
            data = answer.page.encode()
        elif answer.payload is not None:
            response_headers["Content-Type"] = "application/json"
        return Answer(answer.status, response_headers, data)

    # --- lifecycle -------------------------------------------------------------------

    def start(self, port: int = 0) -> FakeAttendeeServer:
        """Start listening on 127.0.0.1 on ``port`` (a free one by default), and the storage
        origin on another free port; returns self."""
        self._storage.start()
        self._stopping.clear()
        self._server, self._thread = serve(self, port, "FakeAttendeeServer")
        return self

    def stop(self) -> None:
        """Stop serving (the API and the storage), drop open connections and release the
        ports; harmless twice. Webhook deliveries already queued are made first."""
        self.realtime.stop()  # realtime (issue 22): end the bots' websocket streams
        self._stop_api()
        self._storage.stop()

    def _stop_api(self) -> None:
        self._webhooks.stop()
        self._stopping.set()
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def refuse_connections(self) -> int:
        """Stop listening, so that new connections are refused; returns the port. The
        storage origin keeps serving.

        ``accept_connections()`` listens on the same port again (a test's injected sleeper
        can call it between two attempts).
        """
        port = self.port
        self._stop_api()
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

    # --- requests and faults ---------------------------------------------------------------

    def wait_for_requests(self, count: int, timeout: float = 10.0) -> bool:
        """Block until ``count`` requests have arrived (or ``timeout``); whether they did."""
        with self._arrivals:
            return self._arrivals.wait_for(lambda: len(self.requests) >= count, timeout)

    def _record(self, request: RecordedRequest) -> None:
        with self._arrivals:
            self.requests.append(request)
            self._arrivals.notify_all()

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

    def _transcription_state_changed(
        self, transcription: dict[str, Any], bot: dict[str, Any]
    ) -> None:
        data = {key: transcription[key] for key in ("state", "id", "failure_data")}
        self._webhooks.emit("async_transcription.state_change", self._bot_envelope(bot), data)

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
