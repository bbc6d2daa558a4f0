"""How the fake answers a request: a router over a route table, one handler
``(FakeRequest) -> FakeResponse`` per route (the table is ``_routes``), and what handlers
share (reading a JSON body, a cursor page, a field check).

A handler that finds the request wrong raises ``Refusal`` from wherever it looks (a body
check, a lookup by id, the throttle); the router answers it, once. The same table answers
in two ways: over a real socket (``FakeAttendeeServer.start``, for faults and anything about
connections) and in process (``FakeAttendeeServer.transport()``, an ``httpx.MockTransport``,
for fast tests). Adding an endpoint is its handler in its resource's module and its line in
the route table, never editing the router.
"""

from __future__ import annotations

import base64
import json
import random
import re
import secrets
import string
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

import attrs

__all__ = [
    "ApiState",
    "FakeRequest",
    "FakeResponse",
    "Route",
    "Router",
    "Refusal",
    "format_time",
    "new_id",
    "paginate",
    "seed_ids",
]

_ID_ALPHABET = string.ascii_letters + string.digits


def format_time(moment: datetime) -> str:
    """A datetime as the server writes it: UTC, ``Z``, the fraction only when not zero."""
    moment = moment.astimezone(timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


_IDS = random.Random()  # seeded by _scripted_meeting.py for replayable ids


def seed_ids(seed: int | None) -> None:  # see _scripted_meeting.py
    """Draw the next ids from ``seed`` (None: unpredictably again)."""
    _IDS.seed(seed)


def new_id(prefix: str) -> str:
    """``prefix`` and 16 random letters and digits, like the server's object ids."""
    return prefix + "".join(_IDS.choice(_ID_ALPHABET) for _ in range(16))


@attrs.frozen
class FakeRequest:
    """One request as a handler sees it: the route's path parameters already decoded."""

    method: str
    path: str
    query: Mapping[str, Sequence[str]]
    headers: Mapping[str, str]
    body: bytes
    params: Mapping[str, str] = attrs.field(factory=dict)

    def arg(self, name: str) -> str | None:
        """The first value of query parameter ``name``, or None."""
        values = self.query.get(name)
        return values[0] if values else None


@attrs.frozen
class FakeResponse:
    """A handler's answer: a status, a JSON payload (None for an empty body), headers; or,
    with ``page``, that HTML page instead of JSON."""

    status: int
    payload: Any = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    page: str | None = None


# Django's own page for an unhandled exception (DEBUG off, no 500.html template).
_SERVER_ERROR_PAGE = """
<!doctype html>
<html lang="en">
<head>
  <title>Server Error (500)</title>
</head>
<body>
  <h1>Server Error (500)</h1><p></p>
</body>
</html>
"""


class Refusal(Exception):
    """The server refusing a request: raised wherever a handler (or what it calls) finds
    the request wrong, and answered once, by the router, with ``response``: the status,
    the server's error body and headers."""

    def __init__(
        self, status: int, body: Any = None, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(status, body)
        self.response = FakeResponse(status, body, dict(headers or {}))

    @classmethod
    def error(cls, status: int, message: str, key: str = "error") -> Refusal:
        """The server's single-message error body, ``{"error": ...}`` or ``{"detail": ...}``."""
        return cls(status, {key: message})

    @classmethod
    def server_error(cls) -> Refusal:
        """What the server answers a request that crashes a view: 500 with Django's page."""
        refusal = cls(500, headers={"Content-Type": "text/html; charset=utf-8"})
        refusal.response = attrs.evolve(refusal.response, page=_SERVER_ERROR_PAGE)
        return refusal


Handler = Callable[[FakeRequest], FakeResponse]


@attrs.frozen
class Route:
    """``method`` on ``pattern`` (``/api/v1/bots/{bot_id}``; a parameter is one segment).
    ``throttled`` routes count against the server's POST throttle, when it has one."""

    method: str
    pattern: str
    handler: Handler
    regex: re.Pattern[str] = attrs.field(init=False)
    throttled: bool = attrs.field(default=False, kw_only=True)

    @regex.default
    def _compile(self) -> re.Pattern[str]:
        parts = re.split(r"\{(\w+)\}", self.pattern)
        source = "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>[^/]+)"
            for index, part in enumerate(parts)
        )
        return re.compile(source)


class ApiState:
    """What every store shares: one lock and one clock that moves a second per change."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.clock = datetime(2025, 2, 1, tzinfo=timezone.utc)

    def tick(self) -> str:
        """Advance the clock by a second; the new time as the server writes it."""
        self.clock += timedelta(seconds=1)
        return format_time(self.clock)


class Throttler(Protocol):
    """Counts throttled POSTs; raises the 429 ``Refusal`` for one too many."""

    def check(self) -> None: ...


class Router:
    """Matches a request to its route, authenticates it and answers as the real server:
    404 ``{"error": "Not found"}`` for an unknown path, 401 for a bad key, 405 for a known
    path with another method, 429 from ``throttle`` for a throttled POST. ``HEAD`` is
    answered by the ``GET`` route, as Django does (the body is left out where it is sent)."""

    def __init__(self, api_key: str, routes: Iterable[Route] = ()) -> None:
        self.api_key = api_key
        self.routes: list[Route] = list(routes)
        self.throttle: Throttler | None = None

    def add(self, routes: Iterable[Route]) -> None:
        """Serve these routes too."""
        self.routes.extend(routes)

    def _authenticate(self, headers: Mapping[str, str]) -> None:
        challenge = {"WWW-Authenticate": "Token"}
        value = headers.get("authorization")
        if value is None:
            raise Refusal(401, {"detail": "Missing Authorization header"}, challenge)
        scheme, _, key = value.partition(" ")
        if scheme.lower() != "token" or not key:
            message = "Invalid Authorization header. Should have this format: Token <api_key>"
            raise Refusal(401, {"detail": message}, challenge)
        if not secrets.compare_digest(key.encode(), self.api_key.encode()):
            raise Refusal(401, {"detail": "Invalid or disabled API key"}, challenge)

    def handle(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> FakeResponse:
        """Answer one request (``target`` is the raw path with its query); a ``Refusal``
        raised on the way is answered here, and only here."""
        try:
            return self._dispatch(method, target, headers, body)
        except Refusal as refusal:
            return refusal.response

    def _dispatch(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> FakeResponse:
        split = urlsplit(target)
        matches: list[tuple[Route, dict[str, str]]] = []
        for route in self.routes:
            match = route.regex.fullmatch(split.path)
            if match is not None:
                params = {name: unquote(value) for name, value in match.groupdict().items()}
                # Like the real front server, a %2F decoded inside a segment is no route.
                if not any("/" in value for value in params.values()):
                    matches.append((route, params))
        if not matches:
            raise Refusal.error(404, "Not found")
        self._authenticate(headers)
        for route, params in matches:
            if route.method == method or (method == "HEAD" and route.method == "GET"):
                if route.throttled and method == "POST" and self.throttle is not None:
                    self.throttle.check()
                query = parse_qs(split.query, keep_blank_values=True)
                request = FakeRequest(method, split.path, query, headers, body, params)
                return route.handler(request)
        allowed = ", ".join(dict.fromkeys(route.method for route, _ in matches))
        raise Refusal(405, {"detail": f'Method "{method}" not allowed.'}, {"Allow": allowed})


def read_json(request: FakeRequest) -> Any:
    """The request's JSON body (``{}`` for none, whatever its type, as DRF reads it);
    raises the server's 415 or 400 ``Refusal``."""
    if not request.body:
        return {}
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type != "application/json":
        raise Refusal(415, {"detail": f'Unsupported media type "{content_type}" in request.'})
    try:
        return json.loads(request.body)
    except ValueError as problem:
        raise Refusal(400, {"detail": f"JSON parse error - {problem}"}) from None


def paginate(
    request: FakeRequest,
    items: Sequence[Any],
    page_size: int,
    next_host: str | None,
) -> FakeResponse:
    """One cursor page of ``items`` (already in the list's order), with ``next`` and
    ``previous`` links carrying an opaque cursor, as the real server builds them."""
    cursor = request.arg("cursor") or ""
    offset = 0
    if cursor:
        try:
            decoded = base64.b64decode(cursor.encode(), validate=True).decode()
            if not decoded.startswith("o="):
                raise ValueError(decoded)
            offset = int(decoded[2:])
            if offset < 0:
                raise ValueError(decoded)
        except ValueError:
            raise Refusal.error(404, "Invalid cursor", key="detail") from None
    host = next_host or f"http://{request.headers.get('host', '127.0.0.1')}"
    params = [(k, v) for k, values in request.query.items() if k != "cursor" for v in values]

    def link(position: int) -> str:
        token = base64.b64encode(f"o={position}".encode()).decode()
        query = urlencode([*params, ("cursor", token)], quote_via=quote)
        return f"{host}{request.path}?{query}"

    more = offset + page_size < len(items)
    return FakeResponse(
        200,
        {
            "next": link(offset + page_size) if more else None,
            "previous": link(max(offset - page_size, 0)) if offset else None,
            "results": list(items[offset : offset + page_size]),
        },
    )


def unexpected_fields(unknown: Sequence[str], allowed: Sequence[str]) -> Refusal:
    """The 400 the server gives a create or patch naming fields it does not take."""
    message = f"Unexpected field(s): {', '.join(unknown)}. Allowed fields are: {', '.join(allowed)}"
    return Refusal(400, {"non_field_errors": [message]})


def check_fields(fields: Mapping[str, Any], known: Iterable[str], what: str) -> dict[str, Any]:
    """``fields`` for a store helper: names checked against ``known`` (a misspelt name is a
    TypeError, not a silently ignored field) and datetimes written as the server writes them.
    """
    unknown = sorted(set(fields) - set(known))
    if unknown:
        raise TypeError(f"{what} has no field(s) {', '.join(unknown)}")
    return {
        name: format_time(value) if isinstance(value, datetime) else value
        for name, value in fields.items()
    }
