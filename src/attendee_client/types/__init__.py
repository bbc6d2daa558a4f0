"""Every model and enum of the API, grouped by resource (each is also importable from
``attendee_client``).

A resource's module is imported when one of its names is first used, so that importing the
package stays cheap however large the API grows.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from attendee_client.types.zoom_oauth_connections import (
        ZoomOAuthConnection,
        ZoomOAuthConnectionState,
    )

_MODULES = {
    **dict.fromkeys(
        ["AppSession", "AsyncTranscription", "AsyncTranscriptionState"],
        "attendee_client.types.app_sessions",
    ),
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
    **dict.fromkeys(
        ["ZoomOAuthConnection", "ZoomOAuthConnectionState"],
        "attendee_client.types.zoom_oauth_connections",
    ),
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'attendee_client.types' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
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
    "ZoomOAuthConnection",
    "ZoomOAuthConnectionState",
]
