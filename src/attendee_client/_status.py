"""From a response to a typed error: status codes, the server's messages, connection and
body failures, and how requests are described in messages (method and path, never a query).

Pure functions of httpx requests and responses, shared by both clients. A failure that
aiohttp raised (through the ``httpx-aiohttp`` transport) is first translated into the httpx
exception httpx's own transport raises for the same event, so that both transports end in the
same typed error.
"""

from __future__ import annotations

import json
import math
import re
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any

import httpx

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
    "body_error",
    "connection_error",
    "describe_request",
    "field_errors",
    "httpx_error_from_aiohttp",
    "parse_retry_after",
    "request_path",
    "server_message",
    "status_error",
    "validation_error",
]

# Longest text of an HTML error page kept in an error (it can be many kilobytes of markup).
_MAX_MESSAGE_CHARS = 300
# Longest message the server wrote on purpose (JSON, plain text): long enough for its lists of
# valid values (every bot state is about 350 characters), still bounded against a hostile one.
_MAX_SERVER_MESSAGE_CHARS = 4000


def request_path(request: httpx.Request) -> str:
    """The path as sent (still percent-encoded), without the query: what messages and logs
    show, so that no query value reaches them."""
    return request.url.raw_path.split(b"?", 1)[0].decode("ascii", errors="replace")


def describe_request(request: httpx.Request) -> str:
    """``(METHOD /path)`` for messages; see ``request_path``."""
    return f"({request.method} {request_path(request)})"


def _raised_by_aiohttp(error: BaseException | None) -> bool:
    return error is not None and type(error).__module__.partition(".")[0] == "aiohttp"


def httpx_error_from_aiohttp(error: BaseException) -> httpx.TransportError | None:
    """The httpx exception that httpx's own transport raises for the failure behind ``error``,
    when aiohttp raised it (itself, or as the cause of what ``httpx-aiohttp`` raised); None
    for any other error.

    ``httpx-aiohttp`` maps a refused connection and a dropped one to ``ConnectTimeout`` (a
    timeout, and one that says the request never left), and passes a malformed response
    through as aiohttp's own exception; here each becomes what httpx would have said.
    """
    cause = error if _raised_by_aiohttp(error) else error.__cause__
    if not _raised_by_aiohttp(cause):
        return None
    import aiohttp  # already imported: it raised ``cause``

    detail = str(cause) or type(cause).__name__
    # First match wins: the more specific aiohttp classes come before their bases.
    table: tuple[tuple[type[BaseException], type[httpx.TransportError]], ...] = (
        (aiohttp.ClientProxyConnectionError, httpx.ProxyError),
        (aiohttp.ClientHttpProxyError, httpx.ProxyError),
        (aiohttp.ClientConnectorError, httpx.ConnectError),  # refused, DNS, TLS handshake
        (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
        (aiohttp.ServerTimeoutError, httpx.ReadTimeout),  # aiohttp has no write timeout
        (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
        (aiohttp.ClientPayloadError, httpx.RemoteProtocolError),  # a body cut short
        (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # not HTTP
        (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
        (aiohttp.ClientConnectionError, httpx.ReadError),  # reset once connected
    )
    for aiohttp_kind, httpx_kind in table:
        if isinstance(cause, aiohttp_kind):
            return httpx_kind(detail)
    return httpx.TransportError(detail)


def connection_error(error: httpx.RequestError, request: httpx.Request) -> APIConnectionError:
    """The typed error for a request that got no usable response."""
    error = httpx_error_from_aiohttp(error) or error
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


def _shorten(text: str, limit: int = _MAX_SERVER_MESSAGE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 3] + "..."
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
            return _shorten(_html_to_text(body), _MAX_MESSAGE_CHARS)
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
