"""How the fake is reached and how it reaches out: its API origin (a router, the one key it
accepts, the requests it received, the faults it plays), the storage origin of recordings,
and webhook deliveries; served in process (``transport()``) or over sockets on 127.0.0.1.

Nothing here knows the API's resources: ``FakeAttendeeServer`` builds on this and adds them.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TypeVar

import httpx

from attendee_client.testing._app import ApiState, Router
from attendee_client.testing._faults import Fault, RecordedRequest
from attendee_client.testing._socket import SocketServer, serve
from attendee_client.testing._storage import FakeStorage
from attendee_client.testing._throttle import Throttle
from attendee_client.testing._transport import Answer, respond_in_process
from attendee_client.testing._webhooks import Delivery, WebhookDispatcher

__all__ = ["Serving"]

_Self = TypeVar("_Self", bound="Serving")


class Serving:
    """The API origin, the storage origin and the webhook deliveries of a fake server."""

    def __init__(
        self, *, api_key: str, throttle: str | None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.api_key = api_key
        self.clock = clock
        self.requests: list[RecordedRequest] = []
        self._arrivals = threading.Condition()
        self._state = ApiState()
        self.router = Router(api_key)
        if throttle is not None:
            self.router.throttle = Throttle(throttle, lambda: self.clock())
        self._storage = FakeStorage(lambda: self.clock(), lambda: self._state.clock)
        self._webhooks = WebhookDispatcher()
        self._faults: list[tuple[str | None, str | None, Fault]] = []
        self._stopping = threading.Event()
        self._server: SocketServer | None = None
        self._refused_port = 0
        self._thread: threading.Thread | None = None

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
            answer = self.router.handle(method, target, headers, body)
            data = b"" if answer.payload is None else json.dumps(answer.payload).encode()
        response_headers = dict(answer.headers)
        if answer.page is not None:
            data = answer.page.encode()
        elif answer.payload is not None:
            response_headers["Content-Type"] = "application/json"
        return Answer(answer.status, response_headers, data)

    # --- lifecycle -------------------------------------------------------------------

    def start(self: _Self, port: int = 0) -> _Self:
        """Start listening on 127.0.0.1 on ``port`` (a free one by default), and the storage
        origin on another free port; returns self."""
        self._storage.start()
        self._stopping.clear()
        self._server, self._thread = serve(self, port, type(self).__name__)
        return self

    def stop(self) -> None:
        """Stop serving (the API and the storage), drop open connections and release the
        ports; harmless twice. Webhook deliveries already queued are made first."""
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

    def __enter__(self: _Self) -> _Self:
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

    # --- the storage origin ----------------------------------------------------------------

    @property
    def storage_url(self) -> str:
        """The storage origin: ``http://127.0.0.1:<its own port>`` once started (not the
        API's port); before, a host only ``transport()`` reaches."""
        return self._storage.base_url

    @property
    def storage_requests(self) -> list[RecordedRequest]:
        """Every request the storage origin received, oldest first, headers included: a test
        can check that no ``Authorization`` (or API key) ever reached it."""
        with self._storage.lock:
            return list(self._storage.requests)

    def add_storage_fault(
        self, fault: Fault, *, method: str | None = None, path: str | None = None, times: int = 1
    ) -> None:
        """Answer the next ``times`` matching storage requests with ``fault`` instead:
        ``Fault.drop_after(n)`` sends the headers and ``n`` bytes of the file then drops the
        connection; ``Fault.respond``, ``reset``, ``stall`` ... as for the API. ``path`` is a
        prefix of the object's path (``/attendee-recordings/...``)."""
        with self._storage.lock:
            self._storage.faults.extend([(method, path, fault)] * times)

    def expire_recording_urls(self) -> None:
        """Make every recording URL handed out so far answer 403 ``AccessDenied`` ``Request
        has expired`` (S3's XML body), as after their 30 minutes; new ones work."""
        self._storage.expire_all()

    def expire_next_recording_urls(self, count: int = 1) -> None:
        """Hand out the next ``count`` recording URLs already expired (to test that code
        asks the API for a fresh one)."""
        with self._storage.lock:
            self._storage.expire_next += count

    @property
    def recording_url_lifetime(self) -> float:
        """How long, in seconds of ``clock``, a recording URL works (1800, as the server)."""
        return self._storage.lifetime

    @recording_url_lifetime.setter
    def recording_url_lifetime(self, seconds: float) -> None:
        self._storage.lifetime = seconds

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
