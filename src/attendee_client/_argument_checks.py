"""Checks of the arguments users pass, run before anything is sent.

Each raises TypeError (wrong type) or ValueError (wrong value) with a message that names
the argument, and returns the value as it goes on the wire.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from attendee_client import _serde

__all__ = [
    "Check",
    "base64_data",
    "basic_text",
    "body",
    "flag",
    "integer",
    "json_object",
    "known_value",
    "list_of",
    "one_of",
    "optional_flag",
    "require_datetime",
    "require_metadata",
    "require_text",
    "shape",
    "url",
]


def require_text(value: object, argument: str) -> str:
    """A non-blank str."""
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a str, not {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{argument} must be a non-empty string")
    return value


def optional_flag(value: object, argument: str) -> bool | None:
    """A bool or None."""
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"{argument} must be a bool or None, not {type(value).__name__}")
    return value


def require_metadata(metadata: object, argument: str) -> dict[str, str]:
    """A non-empty mapping of str to str, as the server requires of every ``metadata``."""
    if not isinstance(metadata, Mapping):
        raise ValueError(
            f"{argument} must be a mapping of str to str, not {type(metadata).__name__}"
        )
    if not metadata:
        raise ValueError(f"{argument} must have at least one key (or be None)")
    for key, value in metadata.items():
        if not isinstance(key, str):
            raise ValueError(f"{argument} keys must be strings, got {key!r}")
        if not isinstance(value, str):
            raise ValueError(f"{argument}[{key!r}] must be a string, not {type(value).__name__}")
    return dict(metadata)


def require_datetime(value: object, argument: str) -> str:
    """An aware datetime (or an ISO 8601 string with an offset), as the server's ISO text."""
    if isinstance(value, str):
        try:
            value = _serde.parse_datetime(value)
        except ValueError:
            raise ValueError(
                f"{argument} must be an ISO 8601 date-time with an offset, got {value!r}"
            ) from None
    if not isinstance(value, datetime):
        raise TypeError(f"{argument} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{argument} must be timezone-aware, got {value!r}")
    return _serde.format_datetime(value)


Check = Callable[[object, str], Any]
"""Checks one value; returns it as it goes on the wire, raises naming the argument."""


def flag(value: object, argument: str) -> bool:
    """A bool."""
    if not isinstance(value, bool):
        raise TypeError(f"{argument} must be a bool, not {type(value).__name__}")
    return value


def integer(value: object, argument: str) -> int:
    """An int (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{argument} must be an int, not {type(value).__name__}")
    return value


def one_of(*choices: str) -> Check:
    """A check that the value is a string (an enum member counts by value). ``choices`` are
    the values this version knows; any other string is sent as it is, for the server to
    judge, so that a value the server adds needs no new SDK."""

    def check(value: object, argument: str) -> str:
        if isinstance(value, Enum):
            value = value.value
        if not isinstance(value, str):
            raise TypeError(
                f"{argument} must be a str (one of {', '.join(choices)}), "
                f"not {type(value).__name__}"
            )
        if not value:
            raise ValueError(f"{argument} must be one of {', '.join(choices)}; got ''")
        return value

    return check


def known_value(enum_type: type[Enum]) -> Check:
    """A check for an argument naming one of ``enum_type``'s values, where a typo would cost
    a long wait or a silently empty answer (a state to wait for, a filter): a member passes,
    and so does the string of a known value; any other string is refused with the whole
    list. A value the server added after this version passes as a member made on purpose,
    ``TheEnum("new_value")``."""
    known = [member.value for member in enum_type]
    kind = enum_type.__name__

    def check(value: object, argument: str) -> str:
        if isinstance(value, enum_type):
            return str(value.value)
        if not isinstance(value, str) or isinstance(value, Enum):
            raise TypeError(f"{argument} must be a {kind} or its str value, not {value!r}")
        if value not in known:
            raise ValueError(
                f"{argument}: {value!r} is not a {kind} this version knows; the known ones are "
                f"{', '.join(known)}. For one the server added since, pass {kind}({value!r})"
            )
        return value

    return check


def url(*schemes: str, echo: bool = True) -> Check:
    """A check that the value is a URL with one of ``schemes`` (``https://``); ``echo=False``
    keeps the value out of the error (a URL that may hold a token)."""

    def check(value: object, argument: str) -> str:
        text = require_text(value, argument)
        if not text.lower().startswith(schemes):
            got = f", got {text!r}" if echo else ""
            raise ValueError(f"{argument} must start with {' or '.join(schemes)}{got}")
        return text

    return check


def basic_text(value: object, argument: str) -> str:
    """Non-blank text without characters beyond U+FFFF (emoji and rare scripts), which
    the server refuses in names and chat messages."""
    text = require_text(value, argument)
    if any(ord(char) > 0xFFFF for char in text):
        raise ValueError(f"{argument} cannot contain emojis or rare script characters")
    return text


def base64_data(value: object, argument: str) -> str:
    """Bytes (encoded here) or base64 text (checked), as base64 text."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        if not value:
            raise ValueError(f"{argument} is empty")
        return base64.b64encode(value).decode("ascii")
    text = require_text(value, argument)
    try:
        base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        raise ValueError(f"{argument} must be bytes or base64 text") from None
    return text


def json_object(value: object, argument: str) -> dict[str, Any]:
    """Any mapping with str keys, passed through as a JSON object."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{argument} must be a mapping, not {type(value).__name__}")
    for key in value:
        if not isinstance(key, str):
            raise TypeError(f"{argument} keys must be strings, got {key!r}")
    return dict(value)


def shape(required: Mapping[str, Check], optional: Mapping[str, Check] | None = None) -> Check:
    """A check for a JSON object: every ``required`` key present, each known key's value
    checked under ``argument.key``. A key this version does not know is sent unchanged,
    for the server to judge (a setting the server adds must not need a new SDK)."""
    optional = optional or {}
    known = {**required, **optional}

    def check(value: object, argument: str) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise TypeError(f"{argument} must be a mapping, not {type(value).__name__}")
        missing = [key for key in required if key not in value]
        if missing:
            raise ValueError(f"{argument} needs {', '.join(missing)}")
        checked = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{argument} keys must be strings, got {key!r}")
            known_check = known.get(key)
            checked[key] = item if known_check is None else known_check(item, f"{argument}.{key}")
        return checked

    return check


def list_of(item: Check, *, at_most: int | None = None) -> Check:
    """A check for a list (or tuple) of values each passing ``item``."""

    def check(value: object, argument: str) -> list[Any]:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
            raise TypeError(f"{argument} must be a list, not {type(value).__name__}")
        if at_most is not None and len(value) > at_most:
            raise ValueError(f"{argument} may hold at most {at_most} items, got {len(value)}")
        return [item(entry, f"{argument}[{index}]") for index, entry in enumerate(value)]

    return check


def body(**fields: tuple[object, Check]) -> dict[str, Any]:
    """A JSON body of the fields given (value not None), each checked under its name."""
    return {
        name: check(value, name) for name, (value, check) in fields.items() if value is not None
    }
