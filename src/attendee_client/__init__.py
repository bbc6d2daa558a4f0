"""attendee-client: the typed Python SDK for the Attendee meeting-bot API."""

from attendee_client._client import AsyncAttendeeClient, AttendeeClient
from attendee_client._types import NOT_GIVEN, NotGiven
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
    PaginationLoopError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from attendee_client.models import ZoomOAuthConnection, ZoomOAuthConnectionState
from attendee_client.pagination import Page

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAttendeeClient",
    "AttendeeClient",
    "AttendeeError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "Page",
    "PaginationLoopError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "ZoomOAuthConnection",
    "ZoomOAuthConnectionState",
    "__version__",
]
