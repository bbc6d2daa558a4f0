"""Webhook deliveries of the fake: signed POSTs to receivers on this machine, made as the
real server makes them (``shared/api/webhooks.md``): the envelope as ``requests`` sends it,
``X-Webhook-Signature`` over the canonical JSON, at most 3 attempts, no redirects."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import queue
import secrets
import threading
import uuid
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import attrs
import httpx

__all__ = ["Delivery", "WebhookDispatcher"]

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_ATTEMPTS = 3


@attrs.frozen
class Delivery:
    """One delivery the fake made: where, what, and the status of each attempt (None for
    an attempt that got no response)."""

    url: str
    trigger: str
    payload: Mapping[str, Any]
    body: bytes
    signature: str
    statuses: tuple[int | None, ...]

    @property
    def delivered(self) -> bool:
        """Whether an attempt got a 2xx."""
        return any(status is not None and 200 <= status < 300 for status in self.statuses)


def sign(payload: Mapping[str, Any], secret: str) -> str:
    """The server's signature: HMAC-SHA256 keyed with the decoded secret, over the
    canonical JSON, base64-encoded."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    key = base64.b64decode(secret)
    digest = hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


@attrs.define
class _Subscription:
    url: str
    triggers: frozenset[str]
    secret: str


class WebhookDispatcher:
    """Subscriptions, and a thread that delivers events in the order they happened."""

    def __init__(self) -> None:
        self.subscriptions: list[_Subscription] = []
        self.deliveries: list[Delivery] = []
        self._queue: queue.Queue[tuple[_Subscription, dict[str, Any]] | None] = queue.Queue()
        self._done = threading.Condition()
        self._thread: threading.Thread | None = None

    def subscribe(self, url: str, triggers: Iterable[str], secret: str | None) -> str:
        split = urlsplit(url)
        if split.scheme not in ("http", "https") or split.hostname not in _LOOPBACK:
            raise ValueError(f"the fake delivers webhooks only to this machine, not {url!r}")
        triggers = frozenset(triggers)
        if not triggers or not all(isinstance(t, str) for t in triggers):
            raise ValueError("triggers must be a non-empty list of trigger names")
        if secret is None:
            secret = base64.b64encode(secrets.token_bytes(32)).decode("ascii")
        base64.b64decode(secret, validate=True)  # raises for a secret that is not base64
        self.subscriptions.append(_Subscription(url, triggers, secret))
        return secret

    def emit(self, trigger: str, envelope: Mapping[str, Any], data: Any) -> None:
        """Queue ``trigger`` for every subscription that wants it (a fresh idempotency key
        per subscription, as the server makes one per event and subscription)."""
        for subscription in self.subscriptions:
            if trigger in subscription.triggers:
                payload = {
                    "idempotency_key": str(uuid.uuid4()),
                    **envelope,
                    "trigger": trigger,
                    "data": data,
                }
                self._start()
                self._queue.put((subscription, json.loads(json.dumps(payload))))

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="FakeAttendeeWebhooks", daemon=True
            )
            self._thread.start()

    def _run(self) -> None:
        with httpx.Client(timeout=10.0, follow_redirects=False) as http:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                subscription, payload = item
                self._deliver(http, subscription, payload)

    def _deliver(
        self, http: httpx.Client, subscription: _Subscription, payload: dict[str, Any]
    ) -> None:
        # The body as Python's requests sends it: json.dumps defaults (", " and ": ",
        # non-ASCII escaped). It is not the string that is signed.
        body = json.dumps(payload).encode("ascii")
        signature = sign(payload, subscription.secret)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Attendee-Webhook/1.0",
            "X-Webhook-Signature": signature,
        }
        statuses: list[int | None] = []
        for _ in range(MAX_ATTEMPTS):
            try:
                status: int | None = http.post(
                    subscription.url, content=body, headers=headers
                ).status_code
            except httpx.HTTPError:
                status = None
            statuses.append(status)
            if status is not None and 200 <= status < 300:
                break
        delivery = Delivery(
            subscription.url, payload["trigger"], payload, body, signature, tuple(statuses)
        )
        with self._done:
            self.deliveries.append(delivery)
            self._done.notify_all()

    def wait(self, count: int, timeout: float) -> bool:
        with self._done:
            return self._done.wait_for(lambda: len(self.deliveries) >= count, timeout)

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=15)
            self._thread = None
