"""Checks of the arguments users pass, run before anything is sent.

Each raises TypeError (wrong type) or ValueError (wrong value) with a message that names
the argument, and returns the value as it goes on the wire.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from attendee_client import _serde

__all__ = ["optional_flag", "require_datetime", "require_metadata", "require_text"]


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


def require_metadata(metadata: object, argument: str = "metadata") -> dict[str, str]:
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


def drop_none(**fields: Any) -> dict[str, Any]:
    """The fields that were given (not None), for a body holding only what the caller set."""
    return {name: value for name, value in fields.items() if value is not None}
