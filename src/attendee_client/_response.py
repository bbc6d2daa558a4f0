"""Reading responses: status to typed error, the body budget, and parsing a 2xx body as an
object, a bare array, or nothing.

Pure functions of an ``httpx.Response``, shared by both clients; nothing here sends or sleeps.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any, Generic, TypeVar

import httpx

from attendee_client import _serde
from attendee_client._types import NOT_GIVEN
from attendee_client.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AttendeeError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

__all__ = [
    "MAX_RESPONSE_BYTES",
    "BodyBudget",
    "RawResponse",
    "body_error",
    "connection_error",
    "decode_json",
    "decode_json_object",
    "describe_request",
    "field_errors",
    "parse_array",
    "parse_empty",
    "parse_model",
    "parse_retry_after",
    "request_path",
    "server_message",
    "status_error",
    "validation_error",
]

T = TypeVar("T")

# Longest server message kept in an error; an HTML error page can be many kilobytes.
_MAX_MESSAGE_CHARS = 300
# A page of 25 objects is tens of KB, a long transcript a few MB; 16 MiB is not an answer.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


def request_path(request: httpx.Request) -> str:
    """The path as sent (still percent-encoded), without the query: what messages and logs
    show, so that no query value reaches them."""
    return request.url.raw_path.split(b"?", 1)[0].decode("ascii", errors="replace")


def describe_request(request: httpx.Request) -> str:
    """``(METHOD /path)`` for messages; see ``request_path``."""
    return f"({request.method} {request_path(request)})"


def connection_error(error: httpx.RequestError, request: httpx.Request) -> APIConnectionError:
    """The typed error for a request that got no usable response."""
    reached = not isinstance(
        error,
        (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol),
    )
    where = describe_request(request)
    detail = str(error) or type(error).__name__
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(
            f"request timed out: {_timeout_phase(error, request)} ({detail}) {where}",
            request=request,
            request_reached_server=reached,
        )
    return APIConnectionError(
        f"connection error: {detail} {where}", request=request, request_reached_server=reached
    )


_TIMEOUT_PHASES = (
    (httpx.ConnectTimeout, "connect", "no connection was made within the connect timeout"),
    (httpx.WriteTimeout, "write", "the request could not be sent within the write timeout"),
    (httpx.ReadTimeout, "read", "no response arrived within the read timeout"),
    (httpx.PoolTimeout, "pool", "no connection of the pool became free within the pool timeout"),
)


def _timeout_phase(error: httpx.TimeoutException, request: httpx.Request) -> str:
    """Which timeout fired, and its limit: ``no response arrived within the read timeout
    of 30 s``."""
    limits = request.extensions.get("timeout", {})
    for kind, phase, what in _TIMEOUT_PHASES:
        if isinstance(error, kind):
            limit = limits.get(phase)
            return what if limit is None else f"{what} of {limit:g} s"
    return "a timeout expired"  # pragma: no cover - httpx has only the four


class BodyBudget:
    """Bounds one response body in size and in time, whatever the server does.

    httpx's read timeout bounds the wait for each chunk, so a server dripping one byte per
    second would never trip it. The body as a whole must also arrive within the read
    timeout of the headers, and stay under ``MAX_RESPONSE_BYTES``.
    """

    __slots__ = ("_clock", "_deadline", "_read_timeout", "_received", "_response")

    def __init__(self, response: httpx.Response, clock: Callable[[], float]) -> None:
        self._response = response
        self._clock = clock
        self._received = 0
        timeout = response.request.extensions.get("timeout", {}).get("read")
        self._read_timeout = timeout
        self._deadline = None if timeout is None else clock() + timeout

    def spend(self, size: int) -> None:
        """Account for ``size`` more raw bytes; raises the typed error once over budget."""
        self._received += size
        if self._received > MAX_RESPONSE_BYTES:
            raise validation_error(
                self._response,
                "",
                f"the response body is larger than {MAX_RESPONSE_BYTES // (1024 * 1024)} MiB",
            )
        if self._deadline is not None and self._clock() > self._deadline:
            request = self._response.request
            raise APITimeoutError(
                f"request timed out: the response body did not arrive within "
                f"{self._read_timeout:g} s {describe_request(request)}",
                request=request,
                request_reached_server=True,
            )


def body_error(error: httpx.RequestError, response: httpx.Response) -> AttendeeError:
    """The typed error for a failure while reading a response's body."""
    if isinstance(error, httpx.DecodingError):
        return _undecodable_body(response, error)
    return connection_error(error, response.request)


def _undecodable_body(response: httpx.Response, error: httpx.DecodingError) -> AttendeeError:
    encoding = response.headers.get("Content-Encoding", "none")
    return validation_error(
        response,
        "",
        f"the response body could not be decoded (Content-Encoding {encoding}): {error}",
    )


def _html_to_text(page: str) -> str:
    import html  # error pages only; its entity table is not worth loading at import

    # Only a few hundred characters are shown; bounding the input bounds the patterns' cost.
    page = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", page[:65536])
    return html.unescape(re.sub(r"<[^>]*>", " ", page))


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _MAX_MESSAGE_CHARS:
        text = text[: _MAX_MESSAGE_CHARS - 3] + "..."
    return text


def field_errors(body: object) -> dict[str, list[str]]:
    """A 400 body as a field -> messages dict.

    DRF validation errors (``{"field": ["message", ...]}``) map as they are; a single
    message (``{"error": "..."}`` or ``{"detail": "..."}``) is about the request as a whole,
    so it goes under ``non_field_errors``, as DRF itself would put it.
    """
    if not isinstance(body, dict) or not body:
        return {}
    errors: dict[str, list[str]] = {}
    for key in ("detail", "error"):
        if isinstance(body.get(key), str):
            return {"non_field_errors": [body[key]]}
    _collect_field_errors(body, "", errors)
    return errors


def _is_message_tree(value: object) -> bool:
    """Whether ``value`` is an object whose leaves are all messages (str or list of str)."""
    if not isinstance(value, dict) or not value:
        return False
    return all(
        isinstance(item, str)
        or (isinstance(item, list) and all(isinstance(text, str) for text in item))
        or _is_message_tree(item)
        for item in value.values()
    )


def _collect_field_errors(
    body: dict[Any, Any], prefix: str, errors: dict[str, list[str]], depth: int = 0
) -> None:
    # Nested settings answer with an object under the field ({"recording_settings":
    # {"format": "..."}}); its keys become dotted paths, so every message has a field.
    # The depth is bounded: a hostile body nested a thousand deep must not exhaust the stack.
    for field, messages in body.items():
        name = f"{prefix}{field}"
        if depth < 8 and _is_message_tree(messages):
            _collect_field_errors(messages, name + ".", errors, depth + 1)
        elif isinstance(messages, list):
            errors.setdefault(name, []).extend(str(message) for message in messages)
        else:
            errors.setdefault(name, []).append(str(messages))


def server_message(body: object) -> str:
    """The server's own explanation of an error, from whichever shape its body has."""
    if isinstance(body, dict):
        parts = []
        for field, messages in field_errors(body).items():
            text = " ".join(messages)
            parts.append(text if field == "non_field_errors" else f"{field}: {text}")
        if parts:
            return _shorten("; ".join(parts))
        return _shorten(json.dumps(body, ensure_ascii=False, default=str))
    if isinstance(body, str):
        if "<" in body and ">" in body:
            return _shorten(_html_to_text(body))
        return _shorten(body)
    return _shorten(json.dumps(body, ensure_ascii=False, default=str))


def _decode_body(response: httpx.Response) -> Any:
    """The parsed JSON body, else its text (an empty string for no body)."""
    try:
        text = response.text
    except Exception:  # noqa: BLE001 - an undecodable body is still reported, as bytes
        return repr(response.content[:_MAX_MESSAGE_CHARS])
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - now
    return seconds if math.isfinite(seconds) else None


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
}


def status_error(response: httpx.Response, now: float) -> APIStatusError:
    """The typed error for a non-2xx response; its message ends with method and path."""
    body = _decode_body(response)
    status = response.status_code
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = response.reason_phrase or "Unknown Status"
    request = response.request
    message = f"{status} {reason}"
    explanation = server_message(body) if body != "" else ""
    if explanation:
        message += f": {explanation}"
    message += f" {describe_request(request)}"
    if status == 400:
        return BadRequestError(
            message, response=response, body=body, field_errors=field_errors(body)
        )
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"), now)
        return RateLimitError(message, response=response, body=body, retry_after=retry_after)
    if status >= 500:
        return InternalServerError(message, response=response, body=body)
    return _STATUS_ERRORS.get(status, APIStatusError)(message, response=response, body=body)


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
    if end != len(text) and not text[end:].isspace():
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


def validation_error(
    response: httpx.Response, body: str, problem: str
) -> APIResponseValidationError:
    """The typed error for a 2xx response whose body does not match the API."""
    return APIResponseValidationError(
        f"{response.status_code} response does not match the API: {problem} "
        f"{describe_request(response.request)}",
        response=response,
        body=body,
    )


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


class RawResponse(Generic[T]):
    """The HTTP response of a successful call, before it is parsed.

    ``status_code``, ``headers`` and ``http_response`` (the ``httpx.Response``) are the
    server's; ``parse()`` gives what the method would have returned (parsed once).
    A non-2xx answer still raises the typed error, as the method does.
    """

    __slots__ = ("_parse", "_parsed", "http_response")

    def __init__(self, http_response: httpx.Response, parse: Callable[[httpx.Response], T]):
        self.http_response = http_response
        self._parse = parse
        self._parsed: tuple[T] | None = None

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http_response.headers

    def parse(self) -> T:
        """The typed result; raises APIResponseValidationError as the method would."""
        if self._parsed is None:
            self._parsed = (self._parse(self.http_response),)
        return self._parsed[0]

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<RawResponse {self.status_code} {describe_request(request)}>"
