"""Every model and enum of the API, grouped (each is also importable from
``attendee_client``)."""

from attendee_client.models import ZoomOAuthConnection, ZoomOAuthConnectionState
from attendee_client.types.bots import (
    Bot,
    BotEvent,
    BotEventSubType,
    BotEventType,
    BotState,
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

__all__ = [
    "Bot",
    "BotEvent",
    "BotEventSubType",
    "BotEventType",
    "BotState",
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
