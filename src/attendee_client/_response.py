"""Reading a 2xx response: its body as one object, a bare array, or nothing.

Pure functions of an ``httpx.Response``, shared by both clients; nothing here sends or sleeps.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from attendee_client import _serde
from attendee_client._status import validation_error
from attendee_client._types import NOT_GIVEN

__all__ = ["decode_json", "decode_json_object", "parse_array", "parse_empty", "parse_model"]

T = TypeVar("T")


# The C scanner behind json.loads, called directly: json.loads(bytes) first sniffs the
# encoding, then checks for trailing data with a regular expression, and those steps in
# Python cost about as much as the scanning itself for one connection.
_scan_json: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def decode_json(content: bytes) -> Any:
    """Decode a UTF-8 JSON document, exactly as ``json.loads`` would (same values, same
    errors), by the fast path when the document is plain."""
    try:
        text = content.decode()
        value, end = _scan_json(text, 0)
    except (ValueError, StopIteration, RecursionError):
        # Anything unusual (leading whitespace, another encoding, invalid JSON) takes the
        # standard path, which accepts or rejects it and says why.
        return json.loads(content)
    # Only JSON's own whitespace may follow the value (str.isspace admits more).
    if end != len(text) and text[end:].strip(" \t\r\n"):
        return json.loads(content)
    return value


def decode_json_object(response: httpx.Response) -> dict[str, Any]:
    """The body of a 2xx response as a JSON object.

    Raises APIResponseValidationError (keeping the raw body) when it is not one.
    """
    content = response.content
    try:
        data = decode_json(content)
    except (ValueError, RecursionError):
        data = NOT_GIVEN
    if type(data) is dict:
        return data
    body = content.decode("utf-8", errors="replace")
    what = "not JSON" if data is NOT_GIVEN else "not a JSON object"
    raise validation_error(response, body, f"the response body is {what}: {_preview(body)}")


def _preview(body: str) -> str:
    return repr(body[:80] + ("..." if len(body) > 80 else ""))


def parse_model(response: httpx.Response, cls: type[T]) -> T:
    """The 2xx response's body structured as ``cls``; APIResponseValidationError otherwise."""
    data = decode_json_object(response)
    try:
        return _serde.structure(data, cls)
    except _serde.ValidationError as error:
        body = response.content.decode("utf-8", errors="replace")
        raise validation_error(response, body, str(error)) from None


def parse_array(response: httpx.Response, cls: type[T]) -> list[T]:
    """The 2xx response's body, a bare JSON array, structured as a list of ``cls``.

    Raises APIResponseValidationError naming the bad item's index and field.
    """
    content = response.content
    try:
        data = decode_json(content)
    except (ValueError, RecursionError):
        data = NOT_GIVEN
    if type(data) is not list:
        body = content.decode("utf-8", errors="replace")
        what = "not JSON" if data is NOT_GIVEN else "not a JSON array"
        raise validation_error(response, body, f"the response body is {what}: {_preview(body)}")
    try:
        return _serde.structure_list(data, cls)
    except _serde.ValidationError as error:
        body = content.decode("utf-8", errors="replace")
        raise validation_error(response, body, str(error)) from None


def parse_empty(response: httpx.Response) -> None:
    """A 2xx response that carries nothing: its body (normally empty) is not read as JSON."""
    return
