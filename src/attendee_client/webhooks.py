"""Verify Attendee's webhook signatures and turn deliveries into typed events.

    from attendee_client import webhooks

    event = webhooks.construct_event(body, signature, secret)   # verify, then parse
    ok = webhooks.verify_signature(body, signature, secret)     # bool, constant time
    event = webhooks.parse_event(body)                           # parse only
    signature = webhooks.sign_payload(payload, secret)           # for your own tests

The signature (``X-Webhook-Signature``) is base64 of HMAC-SHA256, keyed with the project's
secret **base64-decoded**, over the payload re-serialized canonically: keys sorted at every
depth, no whitespace, non-ASCII characters as UTF-8. So the body is parsed and serialized
again; hashing the raw bytes would give another value. ``secret`` falls back to the
``ATTENDEE_WEBHOOK_SECRET`` environment variable. No message ever holds the secret or the
body.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hmac
import json
import os
from collections.abc import Mapping
from typing import Any

from attendee_client import _serde
from attendee_client.errors import AttendeeError
from attendee_client.types.webhooks import (
    EVENT_TYPES,
    AsyncTranscriptionState,
    AsyncTranscriptionStateChange,
    AsyncTranscriptionStateChangeEvent,
    BotLogEntry,
    BotLogsUpdateEvent,
    BotStateChange,
    BotStateChangeEvent,
    BotWebhookEvent,
    CalendarEventsUpdateEvent,
    CalendarStateChangeEvent,
    CalendarSync,
    CalendarWebhookEvent,
    ChatMessagesUpdateEvent,
    ParticipantJoinLeaveEvent,
    ParticipantSpeechStartStopEvent,
    TranscriptUpdateEvent,
    UnknownWebhookEvent,
    WebhookEvent,
    ZoomOAuthConnectionStateChange,
    ZoomOAuthConnectionStateChangeEvent,
)

__all__ = [
    "SECRET_ENV",
    "SIGNATURE_HEADER",
    "AsyncTranscriptionState",
    "AsyncTranscriptionStateChange",
    "AsyncTranscriptionStateChangeEvent",
    "BotLogEntry",
    "BotLogsUpdateEvent",
    "BotStateChange",
    "BotStateChangeEvent",
    "BotWebhookEvent",
    "CalendarEventsUpdateEvent",
    "CalendarStateChangeEvent",
    "CalendarSync",
    "CalendarWebhookEvent",
    "ChatMessagesUpdateEvent",
    "ParticipantJoinLeaveEvent",
    "ParticipantSpeechStartStopEvent",
    "TranscriptUpdateEvent",
    "UnknownWebhookEvent",
    "WebhookError",
    "WebhookEvent",
    "WebhookPayloadError",
    "WebhookSignatureError",
    "ZoomOAuthConnectionStateChange",
    "ZoomOAuthConnectionStateChangeEvent",
    "construct_event",
    "parse_event",
    "sign_payload",
    "verify_signature",
]

SECRET_ENV = "ATTENDEE_WEBHOOK_SECRET"
SIGNATURE_HEADER = "X-Webhook-Signature"

# What Attendee signs: json.dumps(value, sort_keys=True, ensure_ascii=False,
# separators=(",", ":")). That call builds this very encoder each time; it is built once here.
# allow_nan=False: NaN and Infinity are not JSON, and no delivery can carry them.
_canonical = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
).encode


class WebhookError(AttendeeError):
    """A webhook delivery that cannot be trusted or read."""


class WebhookSignatureError(WebhookError):
    """The signature is missing, malformed or wrong, or the secret is not usable."""


class WebhookPayloadError(WebhookError):
    """The body is not a JSON object with a ``trigger`` (or an event of its trigger)."""


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# NaN and Infinity are refused: the server never sends them (and could not sign them).
_decoder = json.JSONDecoder(parse_constant=_refuse_constant)


def _load(body: bytes | bytearray | memoryview | str) -> Any:
    """The body's JSON value; raises WebhookPayloadError (naming no byte of it)."""
    if isinstance(body, (bytes, bytearray, memoryview)):
        try:
            text = (body if isinstance(body, bytes) else bytes(body)).decode("utf-8")
        except UnicodeDecodeError:
            raise WebhookPayloadError("the webhook body is not UTF-8 text") from None
    elif isinstance(body, str):
        text = body
    else:
        raise TypeError(f"body must be bytes or str, not {type(body).__name__}")
    try:
        return _decoder.decode(text)
    except (ValueError, RecursionError):
        raise WebhookPayloadError("the webhook body is not JSON") from None


def _key(secret: str | bytes | None) -> bytes:
    """The HMAC key: the secret as Attendee shows it (base64), decoded."""
    if secret is None:
        secret = os.environ.get(SECRET_ENV) or None
    if isinstance(secret, str):
        return _decode_secret(secret)
    return _decode_secret_bytes(secret)


@functools.lru_cache(maxsize=8)
def _decode_secret(secret: str) -> bytes:
    # Cached: a receiver verifies every delivery with the same secret.
    return _decode_secret_bytes(secret.strip().encode("ascii", errors="replace"))


def _decode_secret_bytes(secret: object) -> bytes:
    if secret is None:
        raise WebhookSignatureError(
            f"no webhook secret: pass secret=... or set the {SECRET_ENV} environment variable"
        )
    if not isinstance(secret, bytes):
        raise TypeError(f"secret must be a str, not {type(secret).__name__}")
    try:
        key = base64.b64decode(secret, validate=True)
    except (ValueError, binascii.Error):
        # Never echo the secret: say what is wrong with it.
        raise WebhookSignatureError(
            "the webhook secret is not base64 text: pass it exactly as the Attendee dashboard "
            "shows it"
        ) from None
    if not key:
        raise WebhookSignatureError("the webhook secret is empty")
    return key


def _sign(value: Any, key: bytes) -> str:
    digest = hmac.digest(key, _canonical(value).encode("utf-8"), "sha256")
    return base64.b64encode(digest).decode("ascii")


def _matches(value: Any, signature: object, key: bytes) -> bool:
    if not isinstance(signature, str) or not signature.strip():
        return False
    try:
        return hmac.compare_digest(_sign(value, key), signature.strip())
    except TypeError:  # a signature with non-ASCII characters is no base64
        return False


def sign_payload(payload: Mapping[str, Any] | bytes | str, secret: str | None = None) -> str:
    """The ``X-Webhook-Signature`` Attendee would send with ``payload`` (a mapping, or a
    JSON body as bytes or str), for your own tests.

    Raises WebhookSignatureError for a missing or unusable secret, WebhookPayloadError for a
    body that is not JSON.
    """
    key = _key(secret)
    value = payload if isinstance(payload, Mapping) else _load(payload)
    try:
        return _sign(value, key)
    except ValueError:
        raise WebhookPayloadError("the payload holds a value JSON cannot carry") from None


def verify_signature(body: bytes | str, signature: str | None, secret: str | None = None) -> bool:
    """Whether ``signature`` is Attendee's signature of ``body``, compared in constant time.

    False for a missing, malformed or wrong signature and for a body that is not JSON.
    Raises WebhookSignatureError for a missing or unusable secret (a configuration error,
    not a bad delivery).
    """
    key = _key(secret)
    try:
        value = _load(body)
    except WebhookPayloadError:
        return False
    return _matches(value, signature, key)


def _event(value: Any) -> WebhookEvent:
    if not isinstance(value, dict):
        raise WebhookPayloadError("the webhook body is not a JSON object")
    trigger = value.get("trigger")
    if not isinstance(trigger, str) or not trigger:
        raise WebhookPayloadError("the webhook body has no trigger")
    cls = EVENT_TYPES.get(trigger)
    if cls is None:
        key = value.get("idempotency_key")
        return UnknownWebhookEvent(
            idempotency_key=key if isinstance(key, str) else "",
            trigger=trigger,
            data=value.get("data"),
            raw=value,
        )
    try:
        event: WebhookEvent = _serde.structure(value, cls)
    except _serde.ValidationError as error:
        # Field names and types only: the message of a validation error quotes at most 80
        # characters of one value, which may be the payload's, so it is not repeated here.
        fields = "; ".join(part.split(":", 1)[0] for part in str(error).split("; "))
        raise WebhookPayloadError(
            f"a {trigger} event that does not fit its shape ({fields})"
        ) from None
    return event


def parse_event(body: bytes | str) -> WebhookEvent:
    """The typed event of a delivery already verified (or trusted).

    A trigger this version does not know gives an ``UnknownWebhookEvent`` with the raw
    ``data``; unknown keys are ignored. Raises WebhookPayloadError for a body that is not a
    JSON object with a trigger, or whose ``data`` does not fit its trigger.
    """
    return _event(_load(body))


def construct_event(
    body: bytes | str, signature: str | None, secret: str | None = None
) -> WebhookEvent:
    """Verify a delivery's signature, then return its typed event: the usual call in a
    webhook receiver (``body``: the raw request body; ``signature``: the
    ``X-Webhook-Signature`` header).

    Raises WebhookSignatureError for a missing, malformed or wrong signature or an
    unusable secret, WebhookPayloadError as ``parse_event``.
    """
    key = _key(secret)
    if not isinstance(signature, str) or not signature.strip():
        raise WebhookSignatureError(f"the delivery has no {SIGNATURE_HEADER} header")
    value = _load(body)
    if not _matches(value, signature, key):
        raise WebhookSignatureError(
            "the webhook signature does not match: the body was changed, or signed with "
            "another secret"
        )
    return _event(value)
