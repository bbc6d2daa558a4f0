"""The typed webhook events, one class per trigger, and what each carries in ``data``."""

# No ``from __future__ import annotations``: cattrs reads these annotations at run time.

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar, Union

import attrs

from attendee_client._models import ExtensibleEnum, Model
from attendee_client.types.bots import (
    BotEventSubType,
    BotEventType,
    BotState,
    ChatMessage,
    ParticipantEvent,
    TranscriptUtterance,
)
from attendee_client.types.calendars import CalendarState
from attendee_client.types.zoom_oauth_connections import ZoomOAuthConnectionState

__all__ = [
    "AsyncTranscriptionState",
    "AsyncTranscriptionStateChange",
    "AsyncTranscriptionStateChangeEvent",
    "BotLogEntry",
    "BotLogsUpdateEvent",
    "BotStateChange",
    "BotStateChangeEvent",
    "BotWebhookEvent",
    "CalendarEventsUpdateEvent",
    "CalendarStateChangeEvent",
    "CalendarSync",
    "CalendarWebhookEvent",
    "ChatMessagesUpdateEvent",
    "ParticipantJoinLeaveEvent",
    "ParticipantSpeechStartStopEvent",
    "TranscriptUpdateEvent",
    "UnknownWebhookEvent",
    "WebhookEvent",
    "ZoomOAuthConnectionStateChange",
    "ZoomOAuthConnectionStateChangeEvent",
]


@attrs.frozen(kw_only=True)
class BotStateChange(Model):
    """``bot.state_change`` data: the event that moved the bot, and its states."""

    event_type: BotEventType | str
    event_sub_type: BotEventSubType | str | None
    event_metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    old_state: BotState | str
    new_state: BotState | str
    created_at: datetime


@attrs.frozen(kw_only=True)
class BotLogEntry(Model):
    """``bot_logs.update`` data: one log entry of a bot."""

    id: str
    level: str
    entry_type: str
    message: str
    created_at: datetime


class AsyncTranscriptionState(ExtensibleEnum):
    """The state of a post-meeting (async) transcription."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    FAILED = "failed"


@attrs.frozen(kw_only=True)
class AsyncTranscriptionStateChange(Model):
    """``async_transcription.state_change`` data."""

    id: str
    state: AsyncTranscriptionState | str
    failure_data: Mapping[str, Any] | None = attrs.field(hash=False)


@attrs.frozen(kw_only=True)
class CalendarSync(Model):
    """``calendar.*`` data: the calendar's state after a sync."""

    state: CalendarState | str | None
    connection_failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    last_successful_sync_at: datetime | None
    last_attempted_sync_at: datetime | None


@attrs.frozen(kw_only=True)
class ZoomOAuthConnectionStateChange(Model):
    """``zoom_oauth_connection.state_change`` data."""

    state: ZoomOAuthConnectionState | str | None
    connection_failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    last_successful_sync_at: datetime | None
    last_attempted_sync_at: datetime | None


_APP_SESSION_ID_PREFIX = "app_"


@attrs.frozen(kw_only=True)
class _Envelope(Model):
    idempotency_key: str
    trigger: str


@attrs.frozen(kw_only=True)
class BotWebhookEvent(_Envelope):
    """An event about a bot: ``bot_id`` and ``bot_metadata``; for an app session (Zoom
    RTMS), ``app_session_id`` and ``app_session_metadata`` instead. ``is_app_session`` tells
    which; ``object_id`` and ``object_metadata`` are whichever was sent."""

    bot_id: str | None = None
    bot_metadata: Mapping[str, Any] | None = attrs.field(default=None, hash=False)
    app_session_id: str | None = None
    app_session_metadata: Mapping[str, Any] | None = attrs.field(default=None, hash=False)

    @property
    def is_app_session(self) -> bool:
        """Whether the event is about an app session rather than a meeting bot: the server
        sends ``app_session_id``; an ``app_…`` id in ``bot_id`` counts too."""
        return self.app_session_id is not None or (
            self.bot_id is not None and self.bot_id.startswith(_APP_SESSION_ID_PREFIX)
        )

    @property
    def object_id(self) -> str | None:
        """The id of the bot or app session the event is about (``app_session_id`` when
        sent, else ``bot_id``)."""
        return self.app_session_id if self.app_session_id is not None else self.bot_id

    @property
    def object_metadata(self) -> Mapping[str, Any] | None:
        """The metadata of the bot or app session the event is about."""
        if self.app_session_id is not None:
            return self.app_session_metadata
        return self.bot_metadata


@attrs.frozen(kw_only=True)
class BotStateChangeEvent(BotWebhookEvent):
    """``bot.state_change``: the bot changed state (order them by ``data.created_at``)."""

    TRIGGER: ClassVar[str] = "bot.state_change"
    data: BotStateChange


@attrs.frozen(kw_only=True)
class TranscriptUpdateEvent(BotWebhookEvent):
    """``transcript.update``: one utterance was transcribed (``words`` are not included)."""

    TRIGGER: ClassVar[str] = "transcript.update"
    data: TranscriptUtterance


@attrs.frozen(kw_only=True)
class ChatMessagesUpdateEvent(BotWebhookEvent):
    """``chat_messages.update``: the bot saw a chat message."""

    TRIGGER: ClassVar[str] = "chat_messages.update"
    data: ChatMessage


@attrs.frozen(kw_only=True)
class ParticipantJoinLeaveEvent(BotWebhookEvent):
    """``participant_events.join_leave``: someone (not the bot) joined or left."""

    TRIGGER: ClassVar[str] = "participant_events.join_leave"
    data: ParticipantEvent


@attrs.frozen(kw_only=True)
class ParticipantSpeechStartStopEvent(BotWebhookEvent):
    """``participant_events.speech_start_stop``: someone started or stopped speaking."""

    TRIGGER: ClassVar[str] = "participant_events.speech_start_stop"
    data: ParticipantEvent


@attrs.frozen(kw_only=True)
class BotLogsUpdateEvent(BotWebhookEvent):
    """``bot_logs.update``: the bot logged something."""

    TRIGGER: ClassVar[str] = "bot_logs.update"
    data: BotLogEntry


@attrs.frozen(kw_only=True)
class AsyncTranscriptionStateChangeEvent(BotWebhookEvent):
    """``async_transcription.state_change``: a post-meeting transcription moved on."""

    TRIGGER: ClassVar[str] = "async_transcription.state_change"
    data: AsyncTranscriptionStateChange


@attrs.frozen(kw_only=True)
class CalendarWebhookEvent(_Envelope):
    """An event about a calendar: its id, deduplication key and metadata."""

    calendar_id: str
    calendar_deduplication_key: str | None = None
    calendar_metadata: Mapping[str, Any] | None = attrs.field(default=None, hash=False)


@attrs.frozen(kw_only=True)
class CalendarEventsUpdateEvent(CalendarWebhookEvent):
    """``calendar.events_update``: a sync found changed events; list them with
    ``client.calendar_events.list(calendar_id=..., updated_at_gte=...)``."""

    TRIGGER: ClassVar[str] = "calendar.events_update"
    data: CalendarSync


@attrs.frozen(kw_only=True)
class CalendarStateChangeEvent(CalendarWebhookEvent):
    """``calendar.state_change``: a sync failed to authenticate; the calendar is now
    ``disconnected``."""

    TRIGGER: ClassVar[str] = "calendar.state_change"
    data: CalendarSync


@attrs.frozen(kw_only=True)
class ZoomOAuthConnectionStateChangeEvent(_Envelope):
    """``zoom_oauth_connection.state_change``: a connection changed state."""

    TRIGGER: ClassVar[str] = "zoom_oauth_connection.state_change"
    zoom_oauth_connection_id: str
    zoom_oauth_connection_metadata: Mapping[str, Any] | None = attrs.field(default=None, hash=False)
    user_id: str | None = None
    account_id: str | None = None
    data: ZoomOAuthConnectionStateChange


@attrs.frozen(kw_only=True)
class UnknownWebhookEvent(_Envelope):
    """An event whose trigger this version does not know: ``data`` as sent, and the whole
    envelope in ``raw``."""

    data: Any = attrs.field(hash=False)
    raw: Mapping[str, Any] = attrs.field(hash=False)


WebhookEvent = Union[  # noqa: UP007 - a runtime alias on 3.10
    BotStateChangeEvent,
    TranscriptUpdateEvent,
    ChatMessagesUpdateEvent,
    ParticipantJoinLeaveEvent,
    ParticipantSpeechStartStopEvent,
    BotLogsUpdateEvent,
    AsyncTranscriptionStateChangeEvent,
    CalendarEventsUpdateEvent,
    CalendarStateChangeEvent,
    ZoomOAuthConnectionStateChangeEvent,
    UnknownWebhookEvent,
]
"""Every event ``parse_event`` can return; ``match`` on the classes."""

EVENT_TYPES: Mapping[str, type[Any]] = {
    cls.TRIGGER: cls
    for cls in (
        BotStateChangeEvent,
        TranscriptUpdateEvent,
        ChatMessagesUpdateEvent,
        ParticipantJoinLeaveEvent,
        ParticipantSpeechStartStopEvent,
        BotLogsUpdateEvent,
        AsyncTranscriptionStateChangeEvent,
        CalendarEventsUpdateEvent,
        CalendarStateChangeEvent,
        ZoomOAuthConnectionStateChangeEvent,
    )
}
