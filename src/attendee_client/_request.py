"""Operations as data: one ``RequestSpec`` per call, executed alike by both clients.

A resource method only says *what* to send (method, path, query, body, how to read the
answer, how it may be retried); ``_client`` does the sending. The per-call escape hatches
(``extra_headers``, ``extra_query``, ``extra_body``, ``timeout``) are merged here too, so the
sync and the async client cannot treat them differently.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Generic, TypedDict, TypeVar
from urllib.parse import quote

import httpx

from attendee_client import _serde
from attendee_client._config import check_headers, has_control_characters
from attendee_client._response import parse_empty
from attendee_client._retry import Retry
from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client.errors import AttendeeError

__all__ = ["PollOptions", "RequestOptions", "RequestSpec", "encode_query", "path", "segment"]

T = TypeVar("T")


class RequestOptions(TypedDict, total=False):
    """The per-call options every method takes as keyword arguments.

    - ``extra_headers``: headers added to (or replacing) the client's for this call;
    - ``extra_query``: query parameters added to the call's own (a list value repeats);
    - ``extra_body``: JSON fields merged into the call's body (for fields this version of the
      SDK does not know yet);
    - ``timeout``: seconds, an ``httpx.Timeout``, or None for none, for this call only.
    """

    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, object] | None
    extra_body: Mapping[str, object] | None
    timeout: TimeoutTypes | NotGiven


class PollOptions(TypedDict, total=False):
    """The per-call options of a wait, applied to each look at the object: the
    ``extra_headers`` and ``extra_query`` of ``RequestOptions`` (the wait's own ``timeout``
    bounds the whole wait; each look uses the client's)."""

    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, object] | None


_OPTION_NAMES = frozenset(RequestOptions.__annotations__)


_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_-]+").fullmatch


def segment(value: object, argument: str) -> str:
    """``value`` as exactly one percent-encoded path segment.

    Raises TypeError for a non-str value, ValueError for an empty or blank one or one with
    control characters, before anything is sent.
    """
    if type(value) is str and _PLAIN_SEGMENT(value):
        # The common case, an id such as ``bot_jrVE3PpEkXWGGOAm``: nothing to escape.
        return value
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a str, not {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{argument} must be a non-empty string, got {value!r}")
    if has_control_characters(value):
        raise ValueError(f"{argument} must not contain control characters, got {value!r}")
    encoded = quote(value, safe="")
    if encoded in (".", ".."):
        # A bare dot segment would be resolved away by URL normalisation.
        encoded = encoded.replace(".", "%2E")
    return encoded


def path(template: str, **parameters: object) -> str:
    """``template`` with each ``{name}`` replaced by its parameter as one escaped segment.

    ``path("/api/v1/bots/{bot_id}/leave", bot_id=bot_id)``; raises as ``segment``, naming
    the parameter.
    """
    if len(parameters) == 1:
        ((name, value),) = parameters.items()
        return template.replace("{" + name + "}", segment(value, name))
    return template.format_map({name: segment(v, name) for name, v in parameters.items()})


def _query_value(value: object, name: str) -> str:
    if isinstance(value, str):
        return value
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _query_value(value.value, name)
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")
        return _serde.format_datetime(value)
    if isinstance(value, (int, float)):
        return str(value)
    raise TypeError(
        f"{name} must be a str, bool, number, datetime or a list of them, "
        f"not {type(value).__name__}"
    )


def encode_query(query: Mapping[str, object]) -> str:
    """The query string of ``query``: None values left out, a list repeats its name,
    booleans as ``true``/``false``, aware datetimes in ISO 8601, enums by value.

    Raises TypeError or ValueError naming the parameter for a value it cannot send.
    """
    pairs = []
    for name, value in query.items():
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple, set, frozenset)) else (value,)
        key = quote(name, safe="")
        for item in values:
            if item is not None:
                pairs.append(f"{key}={quote(_query_value(item, name), safe='')}")
    return "&".join(pairs)


class RequestSpec(Generic[T]):
    """One call, fully described: what to send, how to read the answer, how to retry.

    ``json`` is ``NOT_GIVEN`` for a request without a body. ``parse`` turns a 2xx response
    into the result. ``outcome_hint`` tells the caller of a sent-once request how to find
    out whether it took effect when that is unknown. ``handled`` picks the failures the
    operation resolves itself, which are then not logged as a give-up.
    """

    __slots__ = (
        "extra_headers",
        "handled",
        "json",
        "method",
        "outcome_hint",
        "parse",
        "retry",
        "target",
        "timeout",
    )

    def __init__(
        self,
        method: str,
        path: str,
        parse: Callable[[httpx.Response], T],
        *,
        retry: Retry,
        query: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        options: Mapping[str, Any] | None = None,
        outcome_hint: str | None = None,
        handled: Callable[[AttendeeError], bool] | None = None,
    ) -> None:
        self.method = method
        self.parse = parse
        self.retry = retry
        self.outcome_hint = outcome_hint
        self.handled = handled
        self.extra_headers: dict[str, str] | None = None
        self.timeout: TimeoutTypes | NotGiven = NOT_GIVEN
        if options:
            _check_option_names(options)
            query = _merge(query, options.get("extra_query"), "extra_query")
            if options.get("extra_body") is not None:
                json = _merge_body(json, options["extra_body"])
            extra_headers = options.get("extra_headers")
            if extra_headers is not None:
                self.extra_headers = check_headers(extra_headers, "extra_headers")
            self.timeout = options.get("timeout", NOT_GIVEN)
        encoded = encode_query(query) if query else ""
        self.target = f"{path}?{encoded}" if encoded else path
        self.json = json

    @property
    def returns_nothing(self) -> bool:
        """Whether the call's success carries no object (so a repeated delete's 404 is
        the same outcome)."""
        return self.parse is parse_empty

    def handles(self, error: AttendeeError) -> bool:
        """Whether the operation turns this failure into its result."""
        return self.handled is not None and self.handled(error)


def _check_option_names(options: Mapping[str, Any]) -> None:
    unknown = sorted(set(options) - _OPTION_NAMES)
    if unknown:
        raise TypeError(
            f"unexpected keyword argument(s): {', '.join(unknown)} "
            f"(per-call options are {', '.join(sorted(_OPTION_NAMES))})"
        )


def _merge(
    base: Mapping[str, object] | None, extra: object, argument: str
) -> Mapping[str, object] | None:
    if extra is None:
        return base
    if not isinstance(extra, Mapping):
        raise TypeError(f"{argument} must be a mapping, not {type(extra).__name__}")
    return {**(base or {}), **extra}


def _merge_body(json: object, extra_body: object) -> dict[str, object]:
    if not isinstance(extra_body, Mapping):
        raise TypeError(f"extra_body must be a mapping, not {type(extra_body).__name__}")
    if json is NOT_GIVEN or json is None:
        return dict(extra_body)
    if not isinstance(json, Mapping):  # pragma: no cover - every body of this API is an object
        raise TypeError("extra_body can only extend a JSON object body")
    return {**json, **extra_body}
