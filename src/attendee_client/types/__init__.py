"""Every model and enum of the API, grouped by resource (each is also importable from
``attendee_client``), and their bases: ``Model`` (``from_dict``, ``to_dict``) and
``ExtensibleEnum`` (an enum that keeps a value this version does not know as a plain string).

A resource's module is imported when one of its names is first used, so that importing the
package stays cheap however large the API grows.
"""

import importlib
from typing import TYPE_CHECKING, Any

from attendee_client._models import ExtensibleEnum, Model

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

# The one table of public names; a model or enum is found in its resource's module.
__all__ = [
    "ExtensibleEnum",
    "Model",
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

_RESOURCE_MODULES = ("bots", "app_sessions", "calendars", "zoom_oauth_connections")


def __getattr__(name: str) -> Any:
    if name in __all__:
        for module_name in _RESOURCE_MODULES:
            module = importlib.import_module(f"attendee_client.types.{module_name}")
            if name in module.__dict__:
                globals()[name] = value = module.__dict__[name]
                return value
    raise AttributeError(f"module 'attendee_client.types' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
