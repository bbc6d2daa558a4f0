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
import types
import typing
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any, Union

import attrs

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
    """The body is not a JSON object with a ``trigger``, or does not fit its trigger's event
    (the message names each field: ``data.new_state: expected str, got int``)."""


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
        if "trigger" not in value:
            problem = "missing"
        elif isinstance(trigger, str):
            problem = "empty"
        else:
            problem = _expected_got("str", trigger)
        raise WebhookPayloadError(f"the webhook body has no trigger (trigger: {problem})")
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
    except _serde.ValidationError:
        raise WebhookPayloadError(
            f"a {trigger} event that does not fit its shape: {_shape_problems(value, cls)}"
        ) from None
    return event


# --- what does not fit, said without quoting the payload ----------------------------------
# The converter's own messages quote the offending value (up to 80 characters), which may be
# anything the sender put there; these name the field, what it should be and the JSON type
# it is, never a value. Only a failed parse comes here.

_MAX_PROBLEMS = 8
_JSON_TYPE_NAMES = {
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    type(None): "null",
    dict: "object",
    list: "list",
}


def _json_type(value: object) -> str:
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def _expected_got(expected: str, value: object) -> str:
    return f"expected {expected}, got {_json_type(value)}"


@functools.cache
def _fields_of(cls: type[Any]) -> tuple[tuple[str, Any, bool], ...]:
    """Each field of the attrs class ``cls``: its name, its type, whether it may be absent."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (field.name, hints[field.name], field.default is not attrs.NOTHING)
        for field in attrs.fields(cls)
    )


def _members(type_: Any) -> tuple[Any, ...]:
    if typing.get_origin(type_) is Union or isinstance(type_, types.UnionType):
        return typing.get_args(type_)
    return (type_,)


def _shape_problems(value: dict[str, Any], cls: type[Any]) -> str:
    problems = _object_problems(value, cls, "")
    if not problems:  # pragma: no cover - a rule of the models that this walk does not know
        return "a value its model refuses"
    shown = "; ".join(problems[:_MAX_PROBLEMS])
    more = len(problems) - _MAX_PROBLEMS
    return shown if more <= 0 else f"{shown}; and {more} more"


def _object_problems(value: dict[str, Any], cls: Any, path: str) -> list[str]:
    problems: list[str] = []
    for name, type_, may_be_absent in _fields_of(cls):
        where = f"{path}{name}"
        if name not in value:
            if not may_be_absent:
                problems.append(f"{where}: missing")
            continue
        problems.extend(_value_problems(value[name], type_, where))
    return problems


def _value_problems(value: object, type_: Any, where: str) -> list[str]:
    members = _members(type_)
    if value is None and type(None) in members:
        return []
    concrete = [member for member in members if member is not type(None)]
    for member in concrete:
        problems = _member_problems(value, member, where)
        if problems is not None:
            return problems
    expected = " or ".join(dict.fromkeys(_describe_type(member) for member in concrete))
    if type(None) in members:
        expected += " or null"
    return [f"{where}: {_expected_got(expected, value)}"]


def _member_problems(value: object, type_: Any, where: str) -> list[str] | None:
    """None when ``value`` is not of the JSON type ``type_`` needs; else what is wrong inside
    it (nothing, mostly)."""
    if type_ is Any:
        return []
    if type_ is str or (isinstance(type_, type) and issubclass(type_, Enum)):
        return [] if isinstance(value, str) else None
    if type_ is bool:
        return [] if value is True or value is False else None
    if type_ is int:
        return [] if type(value) is int else None
    if type_ is float:
        return [] if type(value) in (int, float) else None
    if type_ is datetime:
        if not isinstance(value, str):
            return None
        try:
            _serde.parse_datetime(value)
        except ValueError:
            return [f"{where}: not an ISO 8601 date-time with an offset"]
        return []
    if attrs.has(type_):
        return _object_problems(value, type_, f"{where}.") if type(value) is dict else None
    origin = typing.get_origin(type_)
    if origin in (list, Sequence):
        if type(value) is not list:
            return None
        (item_type,) = typing.get_args(type_) or (Any,)
        problems: list[str] = []
        for index, item in enumerate(value):
            problems.extend(_value_problems(item, item_type, f"{where}[{index}]"))
        return problems
    if origin in (dict, Mapping):
        return [] if type(value) is dict else None
    return []  # a type this walk does not know: the converter's verdict stands


def _describe_type(type_: Any) -> str:
    if isinstance(type_, type) and issubclass(type_, Enum):
        return "str"
    if type_ is datetime:
        return "str (an ISO 8601 date-time)"
    if attrs.has(type_):
        return "object"
    origin = typing.get_origin(type_)
    if origin is not None:
        return "list" if origin in (list, Sequence) else "object"
    return _JSON_TYPE_NAMES.get(type_, getattr(type_, "__name__", str(type_)))


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
