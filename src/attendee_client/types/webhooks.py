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
    """What happened: a ``BotEventType`` member, or the plain string of a new one."""
    event_sub_type: BotEventSubType | str | None
    """Why: a ``BotEventSubType`` member, or the plain string of a new one; None when there is no
    reason."""
    event_metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    """The event's details (``{"source": "api"}`` on an API ``join_requested``); None when it has
    none."""
    old_state: BotState | str
    """The state before: a ``BotState`` member, or the plain string of a new one."""
    new_state: BotState | str
    """The state after: a ``BotState`` member, or the plain string of a new one."""
    created_at: datetime
    """When it happened (aware); order a bot's changes by it."""


@attrs.frozen(kw_only=True)
class BotLogEntry(Model):
    """``bot_logs.update`` data: one log entry of a bot."""

    id: str
    """``log_`` and an id."""
    level: str
    """``debug``, ``info``, ``warning`` or ``error``."""
    entry_type: str
    """``uncategorized``, ``could_not_enable_closed_captions`` or ``webinar_panelist_promotion``."""
    message: str
    """What the bot logged."""
    created_at: datetime
    """When (aware)."""


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
    """The async transcription (``tran_…``)."""
    state: AsyncTranscriptionState | str
    """Its new state: an ``AsyncTranscriptionState`` member, or the plain string of a new one."""
    failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    """Why it failed; None unless ``failed``."""


@attrs.frozen(kw_only=True)
class CalendarSync(Model):
    """``calendar.*`` data: the calendar's state after a sync."""

    state: CalendarState | str | None
    """A ``CalendarState`` member, or the plain string of a new one; None for a state the server
    cannot name."""
    connection_failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    """Why the sync failed (``error``, ``timestamp``); None when it did not."""
    last_successful_sync_at: datetime | None
    """When a sync last succeeded (aware, UTC); None until one has."""
    last_attempted_sync_at: datetime | None
    """When a sync was last tried (aware, UTC); None until one has run."""


@attrs.frozen(kw_only=True)
class ZoomOAuthConnectionStateChange(Model):
    """``zoom_oauth_connection.state_change`` data."""

    state: ZoomOAuthConnectionState | str | None
    """A ``ZoomOAuthConnectionState`` member, or the plain string of a new one; None for a state the
    server cannot name."""
    connection_failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    """Why it was disconnected (``error``, ``timestamp``); None when it was not."""
    last_successful_sync_at: datetime | None
    """When a sync last succeeded (aware, UTC); None until one has."""
    last_attempted_sync_at: datetime | None
    """When a sync was last tried (aware, UTC); None until one has run."""


_APP_SESSION_ID_PREFIX = "app_"


@attrs.frozen(kw_only=True)
class _Envelope(Model):
    idempotency_key: str
    """A UUID, one per event and subscription, the same on every retry of a delivery: de-duplicate
    on it."""
    trigger: str
    """The trigger, such as ``bot.state_change``."""


@attrs.frozen(kw_only=True)
class BotWebhookEvent(_Envelope):
    """An event about a bot or an app session: the base of the bot triggers' events.

    A meeting bot's event carries ``bot_id`` and ``bot_metadata``; an app session's (Zoom
    RTMS) ``app_session_id`` and ``app_session_metadata`` instead. ``is_app_session`` tells
    which; ``object_id`` and ``object_metadata`` are whichever was sent.
    """

    bot_id: str | None = None
    """The bot's id (for an app session, the server may put its ``app_…`` id here); None when
    ``app_session_id`` is sent instead."""
    bot_metadata: Mapping[str, Any] | None = attrs.field(default=None, hash=False)
    """The bot's metadata when the delivery ran; None when it has none."""
    app_session_id: str | None = None
    """The app session's id (``app_…``); None for a meeting bot."""
    app_session_metadata: Mapping[str, Any] | None = attrs.field(default=None, hash=False)
    """The app session's metadata; None when it has none."""

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
    """What changed."""


@attrs.frozen(kw_only=True)
class TranscriptUpdateEvent(BotWebhookEvent):
    """``transcript.update``: one utterance was transcribed (``words`` are not included)."""

    TRIGGER: ClassVar[str] = "transcript.update"
    data: TranscriptUtterance
    """The utterance (``transcription`` holds only ``transcript``)."""


@attrs.frozen(kw_only=True)
class ChatMessagesUpdateEvent(BotWebhookEvent):
    """``chat_messages.update``: the bot saw a chat message."""

    TRIGGER: ClassVar[str] = "chat_messages.update"
    data: ChatMessage
    """The message."""


@attrs.frozen(kw_only=True)
class ParticipantJoinLeaveEvent(BotWebhookEvent):
    """``participant_events.join_leave``: someone (not the bot) joined or left."""

    TRIGGER: ClassVar[str] = "participant_events.join_leave"
    data: ParticipantEvent
    """The join or leave."""


@attrs.frozen(kw_only=True)
class ParticipantSpeechStartStopEvent(BotWebhookEvent):
    """``participant_events.speech_start_stop``: someone started or stopped speaking."""

    TRIGGER: ClassVar[str] = "participant_events.speech_start_stop"
    data: ParticipantEvent
    """The start or stop of speech."""


@attrs.frozen(kw_only=True)
class BotLogsUpdateEvent(BotWebhookEvent):
    """``bot_logs.update``: the bot logged something."""

    TRIGGER: ClassVar[str] = "bot_logs.update"
    data: BotLogEntry
    """The log entry."""


@attrs.frozen(kw_only=True)
class AsyncTranscriptionStateChangeEvent(BotWebhookEvent):
    """``async_transcription.state_change``: a post-meeting transcription moved on."""

    TRIGGER: ClassVar[str] = "async_transcription.state_change"
    data: AsyncTranscriptionStateChange
    """The transcription's new state."""


@attrs.frozen(kw_only=True)
class CalendarWebhookEvent(_Envelope):
    """An event about a calendar: its id, deduplication key and metadata."""

    calendar_id: str
    """The calendar's id (``cal_…``)."""
    calendar_deduplication_key: str | None = None
    """The calendar's deduplication key; None when it has none."""
    calendar_metadata: Mapping[str, Any] | None = attrs.field(default=None, hash=False)
    """The calendar's metadata; None when it has none."""


@attrs.frozen(kw_only=True)
class CalendarEventsUpdateEvent(CalendarWebhookEvent):
    """``calendar.events_update``: a sync found changed events.

    List them with ``client.calendar_events.list(calendar_id=..., updated_at_gte=...)``.
    """

    TRIGGER: ClassVar[str] = "calendar.events_update"
    data: CalendarSync
    """The calendar after the sync."""


@attrs.frozen(kw_only=True)
class CalendarStateChangeEvent(CalendarWebhookEvent):
    """``calendar.state_change``: a sync failed to authenticate; now ``disconnected``."""

    TRIGGER: ClassVar[str] = "calendar.state_change"
    data: CalendarSync
    """The calendar after the failed sync."""


@attrs.frozen(kw_only=True)
class ZoomOAuthConnectionStateChangeEvent(_Envelope):
    """``zoom_oauth_connection.state_change``: a connection changed state."""

    TRIGGER: ClassVar[str] = "zoom_oauth_connection.state_change"
    zoom_oauth_connection_id: str
    """The connection's id (``zoc_…``)."""
    zoom_oauth_connection_metadata: Mapping[str, Any] | None = attrs.field(default=None, hash=False)
    """The connection's metadata; None when it has none."""
    user_id: str | None = None
    """The Zoom user's id."""
    account_id: str | None = None
    """The Zoom account's id."""
    data: ZoomOAuthConnectionStateChange
    """The connection's new state."""


@attrs.frozen(kw_only=True)
class UnknownWebhookEvent(_Envelope):
    """An event whose trigger this version does not know, as sent."""

    data: Any = attrs.field(hash=False)
    """``data`` as sent."""
    raw: Mapping[str, Any] = attrs.field(hash=False)
    """The whole envelope as sent."""


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
