"""What a resource builds a call from: the readers and the request specs, both flavours'.

A resource method checks its arguments, builds a ``RequestSpec`` with one of the helpers
below and hands it to its client. The readers (``model``, ``array``, ``page``, ``NOTHING``)
say how a 2xx answer is read. The resource base that does this (``AsyncAPIResource``) and
what it needs of its client (``AsyncTransport``) are written in ``_async/resource.py``;
``scripts/unasync.py`` writes their synchronous twins, as it does the resources.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from attendee_client import _response
from attendee_client._pages import Page, parse_page
from attendee_client._request import RequestSpec
from attendee_client._retry import Retry
from attendee_client.errors import AttendeeError

__all__ = [
    "NOTHING",
    "Query",
    "Reader",
    "array",
    "get_spec",
    "model",
    "page",
    "page_spec",
    "send_spec",
]

T = TypeVar("T")

Reader = Callable[[httpx.Response], T]
"""Turns a 2xx response into a call's result."""

Query = Mapping[str, object]


def model(cls: type[T]) -> Reader[T]:
    """Read the body as one JSON object structured as ``cls``."""
    return functools.partial(_response.parse_model, cls=cls)


def array(cls: type[T]) -> Reader[list[T]]:
    """Read the body as a bare JSON array of ``cls``."""
    return functools.partial(_response.parse_array, cls=cls)


def page(cls: type[T]) -> Reader[Page[T]]:
    """Read the body as one cursor page of ``cls``."""
    return functools.partial(parse_page, cls=cls)


NOTHING: Reader[None] = _response.parse_empty
"""Read nothing: the answer is an empty 200 (no JSON to parse)."""


def get_spec(
    path: str, read: Reader[T], options: Mapping[str, Any], query: Query | None
) -> RequestSpec[T]:
    return RequestSpec("GET", path, read, retry=Retry.SAFE, query=query, options=options)


def page_spec(
    path: str, cls: type[T], cursor: str | None, options: Mapping[str, Any], query: Query | None
) -> RequestSpec[Page[T]]:
    if cursor is not None and not isinstance(cursor, str):
        raise TypeError(f"cursor must be a str or None, not {type(cursor).__name__}")
    return get_spec(path, page(cls), options, {**(query or {}), "cursor": cursor or None})


def send_spec(
    method: str,
    path: str,
    read: Reader[T],
    options: Mapping[str, Any],
    body: object,
    retry: Retry,
    outcome_hint: str | None,
    handled: Callable[[AttendeeError], bool] | None,
    query: Query | None,
) -> RequestSpec[T]:
    return RequestSpec(
        method,
        path,
        read,
        retry=retry,
        query=query,
        json=body,
        options=options,
        outcome_hint=outcome_hint,
        handled=handled,
    )
