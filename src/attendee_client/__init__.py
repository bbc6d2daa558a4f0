"""attendee-client: the typed Python SDK for the Attendee meeting-bot API."""

from attendee_client import _logs
from attendee_client._client import AsyncAttendeeClient, AttendeeClient
from attendee_client._request import RequestOptions
from attendee_client._response import RawResponse
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
from attendee_client.pagination import AsyncPager, Page, SyncPager

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAttendeeClient",
    "AsyncPager",
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
    "RawResponse",
    "RequestOptions",
    "SyncPager",
    "UnprocessableEntityError",
    "ZoomOAuthConnection",
    "ZoomOAuthConnectionState",
    "__version__",
]

_logs.setup_from_environment()
