"""Client configuration: defaults, and checking what users pass before anything is sent.

Every function here is pure (or reads only the environment) and raises ``ValueError`` or
``TypeError`` for bad input; no message ever contains the API key.
"""

from __future__ import annotations

import math
import os
import sys
import threading
from collections.abc import Mapping

import httpx

from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client._version import __version__

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "MAX_RETRIES",
    "MAX_TIMEOUT",
    "POOL_LIMITS",
    "USER_AGENT",
    "build_headers",
    "check_headers",
    "has_control_characters",
    "mask_url",
    "resolve_api_key",
    "resolve_base_url",
    "resolve_max_retries",
    "resolve_timeout",
]

API_KEY_ENV = "ATTENDEE_API_KEY"
BASE_URL_ENV = "ATTENDEE_BASE_URL"
DEFAULT_BASE_URL = "https://app.attendee.dev"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
MAX_RETRIES = 10
"""The most retries a client makes after a failed attempt: eleven attempts with backoff are
already minutes; a million is a typo that would retry a dead server for days."""
# The longest timeout both clients honour, in whole seconds. CPython hands a socket's
# timeout to poll() as a C int of milliseconds, so past 2**31 - 1 ms (about 24.8 days) the
# sync client's wait wraps round to "at once" or "forever", and past time_t (or
# threading.TIMEOUT_MAX, which bounds the pool wait) it raises OverflowError. The async
# client would take more; refusing the same values on both keeps them twins.
MAX_TIMEOUT = float(min((2**31 - 1) // 1000, int(threading.TIMEOUT_MAX)))
# httpx's own defaults, stated so the async client can size its request queue to match.
POOL_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
# sys.version rather than platform.python_version(): importing platform costs milliseconds.
USER_AGENT = f"attendee-client/{__version__} python/{sys.version.split()[0]}"


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a character that could split a header or a URL."""
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
    if api_key.strip().lower().startswith("token "):
        # The SDK adds the scheme itself; "Token Token ..." would be refused as unknown.
        raise ValueError(
            "api_key starts with 'Token ': pass the bare key; the SDK sends "
            "'Authorization: Token <key>' itself"
        )
    if api_key != api_key.strip():
        # A key read from a file or pasted from a terminal often ends in a newline.
        raise ValueError(
            "api_key starts or ends with whitespace or a newline (as read from a file?): "
            "strip it (api_key.strip())"
        )
    if has_control_characters(api_key) or not api_key.isascii():
        # Never echo the key: say what is wrong with it, not what it is.
        raise ValueError("api_key contains control or non-ASCII characters")
    return api_key


def mask_url(url: str) -> str:
    """``url`` with the password of its user-info (if any) replaced by ``***``, for the
    messages that refuse such a URL (and reprs)."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    authority, slash, path = rest.partition("/")
    userinfo, at, host = authority.rpartition("@")
    if not at:
        return url
    user, colon, _password = userinfo.partition(":")
    masked = f"{user}:***" if colon else user
    return f"{scheme}://{masked}@{host}{slash}{path}"


_API_ROOT = "/api/v1"


def resolve_base_url(base_url: str | httpx.URL | None) -> str:
    """The base URL to use, without a trailing slash: the argument, else ``ATTENDEE_BASE_URL``,
    else the hosted API. A path prefix is kept; a URL ending in ``/api/v1`` (the natural thing
    to paste) is taken as the API root and the suffix dropped.

    Raises ValueError for a URL that is not absolute http(s), carries a query or fragment,
    or holds a user name or password (httpx would send those as Basic authentication in
    place of the API key); no message shows a password the URL holds.
    """
    if base_url is None:
        base_url = os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if not isinstance(base_url, (str, httpx.URL)):
        raise TypeError(f"base_url must be a str, not {type(base_url).__name__}")
    text = str(base_url).strip()
    shown = mask_url(text)
    if has_control_characters(text) or any(char.isspace() for char in text):
        raise ValueError("base_url contains whitespace or control characters")
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        raise ValueError(f"base_url is not a valid URL: {shown!r}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an absolute http:// or https:// URL, got {shown!r}")
    if url.query or url.fragment or "?" in text or "#" in text:
        raise ValueError(f"base_url must not have a query or fragment, got {shown!r}")
    if url.userinfo:
        raise ValueError(
            f"base_url must not hold a user name or password, got {shown!r}: httpx would send "
            "them as HTTP Basic authentication in place of the API key, and the server would "
            "refuse every call; pass the bare URL (the API key authenticates)"
        )
    text = text.rstrip("/")
    if text.endswith(_API_ROOT):
        text = text[: -len(_API_ROOT)].rstrip("/")
    return text


def _check_seconds(value: object, name: str) -> None:
    """Check one timeout: None, or a positive number of seconds no larger than MAX_TIMEOUT."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"{name} must be seconds, an httpx.Timeout or None, not {type(value).__name__}"
        )
    # Compared before any float conversion: a huge int would overflow it.
    if value > MAX_TIMEOUT:
        shown = repr(value) if isinstance(value, float) or value < 2**64 else "a larger int"
        raise ValueError(
            f"{name} must be at most {MAX_TIMEOUT:.0f} seconds (about 24.8 days, the longest "
            f"wait a socket honours), got {shown}; pass None for no timeout"
        )
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number of seconds, got {value!r}")


def resolve_timeout(timeout: TimeoutTypes | NotGiven, default: httpx.Timeout) -> httpx.Timeout:
    """An ``httpx.Timeout`` from what a user passed (seconds, a Timeout, None for none).

    Raises TypeError for something else, and ValueError for a number (or a field of a
    Timeout) that is not positive, not finite, or above ``MAX_TIMEOUT``, so that both
    clients honour every timeout they accept.
    """
    if timeout is NOT_GIVEN:
        return default
    if isinstance(timeout, httpx.Timeout):
        for field in ("connect", "read", "write", "pool"):
            _check_seconds(getattr(timeout, field), f"timeout.{field}")
        return timeout
    if timeout is None:
        return httpx.Timeout(None)
    _check_seconds(timeout, "timeout")
    return httpx.Timeout(float(timeout))


def resolve_max_retries(max_retries: int) -> int:
    """Check ``max_retries``: a whole number from 0 to ``MAX_RETRIES``."""
    if isinstance(max_retries, bool) or not isinstance(max_retries, int):
        raise TypeError(f"max_retries must be an int, not {type(max_retries).__name__}")
    if max_retries < 0:
        raise ValueError(f"max_retries must be 0 or more, got {max_retries}")
    if max_retries > MAX_RETRIES:
        shown = max_retries if max_retries < 10**12 else "a larger int"
        raise ValueError(f"max_retries must be at most {MAX_RETRIES}, got {shown}")
    return max_retries


def check_headers(headers: Mapping[str, str] | None, argument: str) -> dict[str, str]:
    """``headers`` as a dict, after checking that each name and value is a safe str.

    Raises TypeError for a non-str name or value, ValueError for a control character.
    """
    checked: dict[str, str] = {}
    if headers is None:
        return checked
    if not isinstance(headers, Mapping):
        raise TypeError(f"{argument} must be a mapping of str to str")
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(f"{argument} must map str to str")
        if has_control_characters(name) or has_control_characters(value):
            raise ValueError(f"{argument[:-1]} {name!r} contains control characters")
        checked[name] = value
    return checked


def build_headers(api_key: str, default_headers: Mapping[str, str] | None) -> dict[str, str]:
    """The headers every request of a client sends."""
    headers = {
        "Authorization": f"Token {api_key}",
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
    }
    headers.update(check_headers(default_headers, "default_headers"))
    return headers
