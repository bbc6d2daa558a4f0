"""The sans-I/O core: everything about a request and its response that is not sending it.

Both clients call these functions, so the sync and the async client cannot disagree about
configuration, URLs, error mapping or parsing. Nothing here touches the network or sleeps.
"""

from __future__ import annotations

import enum
import json
import math
import os
import re
import sys
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from attendee_client import _serde
from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client._version import __version__
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

T = TypeVar("T")

API_KEY_ENV = "ATTENDEE_API_KEY"
BASE_URL_ENV = "ATTENDEE_BASE_URL"
DEFAULT_BASE_URL = "https://app.attendee.dev"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
# httpx's own defaults, stated so the async client can size its request queue to match.
POOL_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
# sys.version rather than platform.python_version(): importing platform costs milliseconds.
USER_AGENT = f"attendee-client/{__version__} python/{sys.version.split()[0]}"

CONNECTIONS_PATH = "/api/v1/zoom_oauth_connections"

# Longest server message kept in an error; an HTML error page can be many kilobytes.
_MAX_MESSAGE_CHARS = 300
# A page of 25 connections is about 20 KB; a body this large is not an Attendee answer.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


class RequestKind(enum.Enum):
    """What a request does, which decides when it may be retried."""

    READ = "read"
    DELETE = "delete"
    CREATE = "create"


# --- configuration ---------------------------------------------------------------------


def _has_control_characters(text: str) -> bool:
    return any(ord(char) < 0x20 or ord(char) == 0x7F for char in text)


def resolve_api_key(api_key: str | None) -> str:
    """The API key to use: the argument, else ``ATTENDEE_API_KEY``.

    Raises ValueError when neither is set or the key could corrupt a header, TypeError
    when it is not a string. No message ever contains the key.
    """
    if api_key is None:
        api_key = os.environ.get(API_KEY_ENV) or None
    if api_key is None:
        raise ValueError(
            f"no API key: pass api_key=... or set the {API_KEY_ENV} environment variable"
        )
    if not isinstance(api_key, str):
        raise TypeError(f"api_key must be a str, not {type(api_key).__name__}")
    if not api_key.strip():
        raise ValueError("api_key is empty")
    if _has_control_characters(api_key) or not api_key.isascii():
        # Never echo the key: say what is wrong with it, not what it is.
        raise ValueError("api_key contains control or non-ASCII characters")
    return api_key


def resolve_base_url(base_url: str | httpx.URL | None) -> str:
    """The base URL to use, without a trailing slash: the argument, else ``ATTENDEE_BASE_URL``,
    else the hosted API. A path prefix is kept.

    Raises ValueError for a URL that is not absolute http(s) or carries a query or fragment.
    """
    if base_url is None:
        base_url = os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if not isinstance(base_url, (str, httpx.URL)):
        raise TypeError(f"base_url must be a str, not {type(base_url).__name__}")
    text = str(base_url).strip()
    if _has_control_characters(text) or any(char.isspace() for char in text):
        raise ValueError("base_url contains whitespace or control characters")
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL as error:
        raise ValueError(f"base_url is not a valid URL: {error}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an absolute http:// or https:// URL, got {text!r}")
    if url.query or url.fragment or "?" in text or "#" in text:
        raise ValueError(f"base_url must not have a query or fragment, got {text!r}")
    return text.rstrip("/")


def resolve_timeout(timeout: TimeoutTypes | NotGiven, default: httpx.Timeout) -> httpx.Timeout:
    """An ``httpx.Timeout`` from what a user passed (seconds, a Timeout, None for none)."""
    if timeout is NOT_GIVEN:
        return default
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if timeout is None:
        return httpx.Timeout(None)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(
            f"timeout must be seconds, an httpx.Timeout or None, not {type(timeout).__name__}"
        )
    if not math.isfinite(timeout) or timeout <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    return httpx.Timeout(float(timeout))


def resolve_max_retries(max_retries: int) -> int:
    """Check ``max_retries``: a whole number, 0 or more."""
    if isinstance(max_retries, bool) or not isinstance(max_retries, int):
        raise TypeError(f"max_retries must be an int, not {type(max_retries).__name__}")
    if max_retries < 0:
        raise ValueError(f"max_retries must be 0 or more, got {max_retries}")
    return max_retries


def build_headers(api_key: str, default_headers: Mapping[str, str] | None) -> dict[str, str]:
    """The headers every request of a client sends."""
    headers = {
        "Authorization": f"Token {api_key}",
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
    }
    for name, value in (default_headers or {}).items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError("default_headers must map str to str")
        if _has_control_characters(name) or _has_control_characters(value):
            raise ValueError(f"default header {name!r} contains control characters")
        headers[name] = value
    return headers


# --- URLs ------------------------------------------------------------------------------


def object_path(collection_path: str, object_id: str, argument: str) -> str:
    """``collection_path/<object_id>``, the id as exactly one percent-encoded segment.

    Raises TypeError for a non-str id, ValueError for an empty or blank one or one with
    control characters, before anything is sent.
    """
    if not isinstance(object_id, str):
        raise TypeError(f"{argument} must be a str, not {type(object_id).__name__}")
    if not object_id.strip():
        raise ValueError(f"{argument} must be a non-empty string, got {object_id!r}")
    if _has_control_characters(object_id):
        raise ValueError(f"{argument} must not contain control characters, got {object_id!r}")
    segment = quote(object_id, safe="")
    if segment in (".", ".."):
        # A bare dot segment would be resolved away by URL normalisation.
        segment = segment.replace(".", "%2E")
    return f"{collection_path}/{segment}"


def list_path(collection_path: str, cursor: str | None) -> str:
    """The path of one page of a list; the cursor percent-encoded whole, as a value.

    Raises TypeError for a cursor that is not a str or None, before anything is sent.
    """
    if cursor is None:
        return collection_path
    if not isinstance(cursor, str):
        raise TypeError(f"cursor must be a str or None, not {type(cursor).__name__}")
    return f"{collection_path}?cursor={quote(cursor, safe='')}"


# --- responses -------------------------------------------------------------------------


def describe_request(request: httpx.Request) -> str:
    """``(METHOD /path)`` for messages: the path as sent (still percent-encoded), no query."""
    path = request.url.raw_path.split(b"?", 1)[0].decode("ascii", errors="replace")
    return f"({request.method} {path})"


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
            f"request timed out: {detail} {where}", request=request, request_reached_server=reached
        )
    return APIConnectionError(
        f"connection error: {detail} {where}", request=request, request_reached_server=reached
    )


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
    for field, messages in body.items():
        if isinstance(messages, list):
            errors[str(field)] = [str(message) for message in messages]
        else:
            errors[str(field)] = [str(messages)]
    return errors


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


# --- the Zoom OAuth connections resource -----------------------------------------------


def connection_path(connection_id: str) -> str:
    """The path of one connection; see ``object_path`` for what it rejects."""
    return object_path(CONNECTIONS_PATH, connection_id, "connection_id")


def _require_text(value: object, argument: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a str, not {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{argument} must be a non-empty string")
    return value


def _optional_flag(value: object, argument: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"{argument} must be a bool or None, not {type(value).__name__}")
    return value


def create_body(
    *,
    authorization_code: str,
    redirect_uri: str,
    zoom_oauth_app_id: str | None,
    is_local_recording_token_supported: bool | None,
    is_onbehalf_token_supported: bool | None,
    metadata: Mapping[str, str] | None,
) -> dict[str, Any]:
    """The JSON body of a create, holding only the fields given, after checking them.

    Raises TypeError or ValueError naming the argument, before anything is sent.
    """
    body: dict[str, Any] = {
        "authorization_code": _require_text(authorization_code, "authorization_code"),
        "redirect_uri": _require_text(redirect_uri, "redirect_uri"),
    }
    if zoom_oauth_app_id is not None:
        body["zoom_oauth_app_id"] = _require_text(zoom_oauth_app_id, "zoom_oauth_app_id")
    local = _optional_flag(is_local_recording_token_supported, "is_local_recording_token_supported")
    onbehalf = _optional_flag(is_onbehalf_token_supported, "is_onbehalf_token_supported")
    # The server's defaults: local recording tokens on, on-behalf tokens off.
    if local is False and not onbehalf:
        raise ValueError(
            "at least one of is_local_recording_token_supported or "
            "is_onbehalf_token_supported must be true"
        )
    if local is not None:
        body["is_local_recording_token_supported"] = local
    if onbehalf is not None:
        body["is_onbehalf_token_supported"] = onbehalf
    if metadata is not None:
        body["metadata"] = _check_metadata(metadata)
    return body


def _check_metadata(metadata: object) -> dict[str, str]:
    if not isinstance(metadata, Mapping):
        raise ValueError(f"metadata must be a mapping of str to str, not {type(metadata).__name__}")
    if not metadata:
        raise ValueError("metadata must have at least one key (or be None)")
    for key, value in metadata.items():
        if not isinstance(key, str):
            raise ValueError(f"metadata keys must be strings, got {key!r}")
        if not isinstance(value, str):
            raise ValueError(f"metadata[{key!r}] must be a string, not {type(value).__name__}")
    return dict(metadata)
