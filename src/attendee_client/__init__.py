"""attendee-client: the typed Python SDK for the Attendee meeting-bot API."""

from typing import TYPE_CHECKING, Any

from attendee_client import _logs
from attendee_client._async_client import AsyncAttendeeClient
from attendee_client._client import AttendeeClient
from attendee_client._raw import RawResponse
from attendee_client._request import PollOptions, RequestOptions
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
from attendee_client.types.zoom_oauth_connections import (
    ZoomOAuthConnection,
    ZoomOAuthConnectionState,
)

if TYPE_CHECKING:
    from attendee_client.resources._arguments.app_sessions import zoom_rtms_from_webhook
    from attendee_client.types.app_sessions import (
        AppSession,
        AsyncTranscription,
        AsyncTranscriptionState,
    )
    from attendee_client.types.bots import (
        Bot,
        BotEvent,
        BotEventSubType,
        BotEventType,
        BotState,
        BotStateName,
        ChatMessage,
        ChatMessageTo,
        Participant,
        ParticipantEvent,
        ParticipantEventType,
        Recording,
        RecordingState,
        TranscriptionState,
        TranscriptUtterance,
    )
    from attendee_client.types.calendars import (
        Calendar,
        CalendarEvent,
        CalendarPlatform,
        CalendarState,
    )

# The models of the resources beyond Zoom OAuth connections are imported when first used,
# so that importing the package stays cheap however large the API grows.
_LAZY = {
    "zoom_rtms_from_webhook": "attendee_client.resources._arguments.app_sessions",
    **dict.fromkeys(
        ["AppSession", "AsyncTranscription", "AsyncTranscriptionState"],
        "attendee_client.types.app_sessions",
    ),
    **dict.fromkeys(
        [
            "Bot",
            "BotEvent",
            "BotEventSubType",
            "BotEventType",
            "BotState",
            "BotStateName",
            "BotStateName",
            "ChatMessage",
            "ChatMessageTo",
            "Participant",
            "ParticipantEvent",
            "ParticipantEventType",
            "Recording",
            "RecordingState",
            "TranscriptUtterance",
            "TranscriptionState",
        ],
        "attendee_client.types.bots",
    ),
    **dict.fromkeys(
        ["Calendar", "CalendarEvent", "CalendarPlatform", "CalendarState"],
        "attendee_client.types.calendars",
    ),
}


def __getattr__(name: str) -> Any:
    if name == "webhooks":  # the module, on first use
        import attendee_client.webhooks

        return attendee_client.webhooks
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'attendee_client' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "NOT_GIVEN",
    "AppSession",
    "AsyncTranscription",
    "AsyncTranscriptionState",
    "Bot",
    "BotEvent",
    "BotEventSubType",
    "BotEventType",
    "BotState",
    "BotStateName",
    "Calendar",
    "CalendarEvent",
    "CalendarPlatform",
    "CalendarState",
    "ChatMessage",
    "ChatMessageTo",
    "Participant",
    "ParticipantEvent",
    "ParticipantEventType",
    "Recording",
    "RecordingState",
    "TranscriptUtterance",
    "TranscriptionState",
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
    "BotFailedError",
    "ClientClosedError",
    "ConflictError",
    "DownloadError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "Page",
    "PaginationLoopError",
    "PermissionDeniedError",
    "RateLimitError",
    "PollOptions",
    "RawResponse",
    "RequestOptions",
    "SyncPager",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "ZoomOAuthConnection",
    "ZoomOAuthConnectionState",
    "zoom_rtms_from_webhook",
    "__version__",
]

_logs.setup_from_environment()
