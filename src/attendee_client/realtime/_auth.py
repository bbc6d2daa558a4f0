"""Knowing who calls: an expiring HMAC token in the URL the bot dials.

The bot sends no credentials (a bare ``websockets`` connect), so the only place a receiver
can check is the URL it gave the bot. ``signed_url`` adds two query parameters:
``attendee_expires`` (Unix seconds) and ``attendee_token`` (HMAC-SHA256 of the expiry,
keyed with the secret, hex). ``verify_url`` checks them with a constant-time compare; a
token more than ``GRACE_SECONDS`` past its expiry is refused. The secret never appears in a
repr, a log line or an error message; the token only in the URL itself.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from urllib.parse import parse_qsl

__all__ = ["EXPIRES_PARAMETER", "GRACE_SECONDS", "TOKEN_PARAMETER", "signed_url", "verify_url"]

EXPIRES_PARAMETER = "attendee_expires"
TOKEN_PARAMETER = "attendee_token"
GRACE_SECONDS = 2.0
"""A token is still accepted this long past its expiry (clocks differ a little)."""
_CONTEXT = b"attendee-client realtime url v1:"


def _key(secret: str | bytes) -> bytes:
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    if not isinstance(secret, bytes) or not secret:
        raise ValueError("secret must be a non-empty string or bytes")
    return secret


def check_secret(secret: str | bytes | None) -> None:
    """Raise ValueError at start-up for a secret no token can be made with (None: no secret)."""
    if secret is not None:
        _key(secret)


def _token(secret: str | bytes, expires: int) -> str:
    return hmac.new(_key(secret), _CONTEXT + str(expires).encode(), hashlib.sha256).hexdigest()


def _now() -> float:
    """The current Unix time (tests replace it; the public functions take no clock)."""
    return time.time()


def _without_token(query: str) -> str:
    """``query`` as given, less any ``attendee_expires`` / ``attendee_token`` parameter."""
    kept = [
        piece
        for piece in query.split("&")
        if piece and piece.partition("=")[0] not in (EXPIRES_PARAMETER, TOKEN_PARAMETER)
    ]
    return "&".join(kept)


def signed_url(url: str, secret: str | bytes, *, expires_in: float = 86400.0) -> str:
    """``url`` with an expiring token, to give the bot in ``websocket_settings``.

    The token is valid for ``expires_in`` seconds from now (pass a bot's whole possible
    life: the bot reconnects with the same URL). The URL's own query is kept as given; the
    two token parameters are appended (a token already in it is replaced). The token is not
    bound to the host or path: it is valid on any URL checked with the same secret (use a
    secret per receiver to keep them apart). Sign a URL once and reuse it for every
    purpose that should share a connection: the server opens one connection per distinct
    URL. Raises ValueError for an empty secret or a non-positive ``expires_in``.
    """
    if not expires_in > 0 or math.isinf(expires_in):
        raise ValueError(
            f"expires_in must be a positive, finite number of seconds, got {expires_in!r}"
        )
    expires = math.ceil(_now() + expires_in)
    token = _token(secret, expires)
    rest, hash_mark, fragment = url.partition("#")
    base, _, query = rest.partition("?")
    query = _without_token(query)
    added = f"{EXPIRES_PARAMETER}={expires}&{TOKEN_PARAMETER}={token}"
    return f"{base}?{query + '&' if query else ''}{added}{hash_mark}{fragment}"


def verify_url(url: str, secret: str | bytes) -> bool:
    """Whether ``url`` (a whole URL, or a request target such as ``/path?query``) carries a
    valid token for ``secret`` that has not expired (more than 2 s ago). Never raises for
    a malformed URL: False."""
    key = _key(secret)
    # The query alone, found without parsing the rest: a malformed host ("ws://[::1/") must
    # not raise (a receiver would answer 500 where the token is simply not there).
    query_text = url.partition("#")[0].partition("?")[2]
    query = dict(parse_qsl(query_text, keep_blank_values=True))
    expires_text = query.get(EXPIRES_PARAMETER, "")
    token = query.get(TOKEN_PARAMETER, "")
    # ASCII digits only (str.isdigit takes "²", which int() refuses), and a sane length.
    if not (expires_text.isascii() and expires_text.isdigit()) or len(expires_text) > 12:
        return False
    if not token:
        return False
    expires = int(expires_text)
    expected = _token(key, expires)
    if not hmac.compare_digest(expected.encode(), token.encode("utf-8", "replace")):
        return False
    return _now() <= expires + GRACE_SECONDS
