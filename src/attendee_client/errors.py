"""The exceptions attendee-client raises on purpose.

Everything below derives from ``AttendeeError``, so one ``except AttendeeError`` catches
every failure the SDK reports (bad arguments are the exception: they raise the built-in
``ValueError`` or ``TypeError`` before anything is sent)::

    AttendeeError
    ├── APIConnectionError            no response came back
    │   └── APITimeoutError           ... because a timeout expired
    ├── APIResponseValidationError    a 2xx response whose body is not what the API documents
    ├── PaginationLoopError           the server handed back a cursor it had already given
    ├── ClientClosedError             the client was used after close()
    ├── BotFailedError                a waited-for bot ended where the wait can never be met
    ├── WaitTimeoutError              a wait ran out of time (also a TimeoutError)
    ├── DownloadError                 a recording could not be downloaded from its storage
    └── APIStatusError                any non-2xx response
        ├── BadRequestError           400
        ├── AuthenticationError       401
        ├── PermissionDeniedError     403
        ├── NotFoundError             404
        ├── ConflictError             409
        ├── UnprocessableEntityError  422
        ├── RateLimitError            429
        └── InternalServerError       5xx

Every error carries ``attempts`` (how many times the request was sent) and
``outcome_unknown``: true when a call that must not take effect twice (a create, an action)
may have reached the server even though it failed, so it must not be blindly re-sent;
``outcome_hint`` then says how to find out, when the operation knows. No error ever holds
the API key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from attendee_client.types.bots import Bot

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AttendeeError",
    "AuthenticationError",
    "BadRequestError",
    "BotFailedError",
    "ClientClosedError",
    "ConflictError",
    "DownloadError",
    "InternalServerError",
    "NotFoundError",
    "PaginationLoopError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
]

_OUTCOME_UNKNOWN_NOTE = (
    "the outcome is unknown: the request may have reached the server and taken effect"
)


class AttendeeError(Exception):
    """Base class of every error attendee-client raises on purpose."""

    message: str
    attempts: int
    outcome_unknown: bool
    outcome_hint: str | None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.attempts = 1
        self.outcome_unknown = False
        self.outcome_hint = None

    def __str__(self) -> str:
        text = self.message
        if self.attempts > 1:
            text += f" [after {self.attempts} attempts]"
        if self.outcome_unknown:
            hint = f"; {self.outcome_hint}" if self.outcome_hint else ""
            text += f" [{_OUTCOME_UNKNOWN_NOTE}{hint}]"
        return text


class APIConnectionError(AttendeeError):
    """No response came back: the connection failed, broke, or was refused.

    ``request_reached_server`` is False only when the request surely never left the
    client (the connection could not be opened), which makes any request safe to retry.
    """

    request: httpx.Request
    request_reached_server: bool

    def __init__(
        self, message: str, *, request: httpx.Request, request_reached_server: bool
    ) -> None:
        super().__init__(message)
        self.request = request
        self.request_reached_server = request_reached_server


class APITimeoutError(APIConnectionError):
    """A timeout (connect, write, read or pool) expired before the response was complete."""


class PaginationLoopError(AttendeeError):
    """The server returned a cursor it had already returned, so iterating would never end."""


class ClientClosedError(AttendeeError):
    """The client (or the one whose connection pool it shares) was closed before this call."""


class APIResponseValidationError(AttendeeError):
    """A successful response whose body is not what the API documents.

    ``body`` is the raw body text and ``response`` the ``httpx.Response``, so nothing the
    server sent is lost.
    """

    response: httpx.Response
    status_code: int
    body: str

    def __init__(self, message: str, *, response: httpx.Response, body: str) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body = body


class APIStatusError(AttendeeError):
    """The server answered with a non-2xx status.

    ``body`` is the parsed JSON body, or its text when it is not JSON; ``message`` is the
    server's own explanation followed by the request's method and path.
    """

    response: httpx.Response
    status_code: int
    body: Any

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body = body


class BadRequestError(APIStatusError):
    """400: the server rejected the request.

    ``field_errors`` maps each rejected field (``non_field_errors`` for the body as a whole)
    to the server's messages; it is empty when the server gave a single message.
    """

    field_errors: dict[str, list[str]]

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        field_errors: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.field_errors = field_errors or {}


class AuthenticationError(APIStatusError):
    """401: the API key is missing, malformed, unknown or disabled."""


class PermissionDeniedError(APIStatusError):
    """403: the API key may not do this."""


class NotFoundError(APIStatusError):
    """404: no such object in this project (or no such route, or an invalid cursor)."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the object's current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the server understood the request but will not process it."""


class RateLimitError(APIStatusError):
    """429: throttled. ``retry_after`` is the server's ``Retry-After`` in seconds, or None."""

    retry_after: float | None

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, retry_after: float | None
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx: the server (or a proxy in front of it) failed."""


class BotFailedError(AttendeeError):
    """A bot (or app session) being waited for reached a final state from which what was
    waited for can never happen: ``fatal_error``, ``data_deleted``, or ``ended`` while
    waiting for an in-meeting state. ``bot`` is the bot as last read; the message names its
    last event's type and sub-type (``could_not_join_meeting / meeting_not_found``)."""

    def __init__(self, message: str, *, bot: Bot) -> None:
        super().__init__(message)
        self.bot = bot


class WaitTimeoutError(AttendeeError, TimeoutError):
    """A wait for a bot ran out of ``timeout`` seconds. ``bot`` is the bot as last read."""

    def __init__(self, message: str, *, bot: Bot, timeout: float) -> None:
        super().__init__(message)
        self.bot = bot
        self.timeout = timeout


class DownloadError(AttendeeError):
    """A recording could not be downloaded from its storage host: an error status (with
    ``status_code``), a connection that kept dropping, or a body whose length did not match
    its ``Content-Length``. Nothing is left at the destination path."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
