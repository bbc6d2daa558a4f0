"""attendee-client: the typed Python SDK for the Attendee meeting-bot API."""

from typing import TYPE_CHECKING, Any

from attendee_client import _logs
from attendee_client._async.client import AsyncAttendeeClient
from attendee_client._http_clients import (
    DefaultAioHttpClient,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
)
from attendee_client._raw import RawResponse
from attendee_client._request import PollOptions, RequestOptions
from attendee_client._sync.client import AttendeeClient
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
    BotFailedError,
    ClientClosedError,
    ConflictError,
    DownloadError,
    InternalServerError,
    NotFoundError,
    PaginationLoopError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    WaitTimeoutError,
)
from attendee_client.pagination import AsyncPager, Page, SyncPager

if TYPE_CHECKING:
    # For type checkers only: at run time these are looked up on first use (``__getattr__``),
    # so that importing the package stays cheap however large the API grows.
    from attendee_client.types import (
        AppSession,
        AsyncTranscription,
        AsyncTranscriptionState,
        Bot,
        BotEvent,
        BotEventSubType,
        BotEventType,
        BotState,
        BotStateName,
        Calendar,
        CalendarEvent,
        CalendarPlatform,
        CalendarState,
        ChatMessage,
        ChatMessageTo,
        Participant,
        ParticipantEvent,
        ParticipantEventType,
        Recording,
        RecordingState,
        TranscriptionState,
        TranscriptUtterance,
        ZoomOAuthConnection,
        ZoomOAuthConnectionState,
    )
    from attendee_client.zoom_rtms import zoom_rtms_from_webhook

# The one table of public names. Those not imported above live in attendee_client.types
# (models and enums) or in a public module of their own (``_MODULES``).
__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AppSession",
    "AsyncAttendeeClient",
    "AsyncPager",
    "AsyncTranscription",
    "AsyncTranscriptionState",
    "AttendeeClient",
    "AttendeeError",
    "AuthenticationError",
    "BadRequestError",
    "Bot",
    "BotEvent",
    "BotEventSubType",
    "BotEventType",
    "BotFailedError",
    "BotState",
    "BotStateName",
    "Calendar",
    "CalendarEvent",
    "CalendarPlatform",
    "CalendarState",
    "ChatMessage",
    "ChatMessageTo",
    "ClientClosedError",
    "ConflictError",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "DownloadError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "Page",
    "PaginationLoopError",
    "Participant",
    "ParticipantEvent",
    "ParticipantEventType",
    "PermissionDeniedError",
    "PollOptions",
    "RateLimitError",
    "RawResponse",
    "Recording",
    "RecordingState",
    "RequestOptions",
    "SyncPager",
    "TranscriptUtterance",
    "TranscriptionState",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "ZoomOAuthConnection",
    "ZoomOAuthConnectionState",
    "__version__",
    "zoom_rtms_from_webhook",
]

_MODULES = {"zoom_rtms_from_webhook": "attendee_client.zoom_rtms"}


def __getattr__(name: str) -> Any:
    import importlib

    if name == "webhooks":  # the module, on first use
        return importlib.import_module("attendee_client.webhooks")
    if name not in __all__:
        raise AttributeError(f"module 'attendee_client' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULES.get(name, "attendee_client.types")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


_logs.setup_from_environment()
