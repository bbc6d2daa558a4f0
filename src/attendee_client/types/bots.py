"""The bot models: a bot, its events and states, and what it recorded."""

# No ``from __future__ import annotations``: the structure functions read these annotations
# at run time.

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from attendee_client import _serde
from attendee_client._models import ExtensibleEnum, Model

__all__ = [
    "Bot",
    "BotEvent",
    "BotEventSubType",
    "BotEventType",
    "BotState",
    "ChatMessage",
    "ChatMessageTo",
    "Participant",
    "ParticipantEvent",
    "ParticipantEventType",
    "Recording",
    "RecordingState",
    "TranscriptUtterance",
    "TranscriptionState",
]


class BotState(ExtensibleEnum):
    """Where a bot is in its life. ``PRE_MEETING``, ``IN_MEETING`` and ``POST_MEETING``
    group them as the server does (post-meeting states are final)."""

    READY = "ready"
    JOINING = "joining"
    JOINED_NOT_RECORDING = "joined_not_recording"
    JOINED_RECORDING = "joined_recording"
    LEAVING = "leaving"
    POST_PROCESSING = "post_processing"
    FATAL_ERROR = "fatal_error"
    WAITING_ROOM = "waiting_room"
    ENDED = "ended"
    DATA_DELETED = "data_deleted"
    SCHEDULED = "scheduled"
    STAGED = "staged"
    JOINED_RECORDING_PAUSED = "joined_recording_paused"
    JOINING_BREAKOUT_ROOM = "joining_breakout_room"
    LEAVING_BREAKOUT_ROOM = "leaving_breakout_room"
    JOINED_RECORDING_PERMISSION_DENIED = "joined_recording_permission_denied"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    DISCONNECTING = "disconnecting"

    @property
    def is_final(self) -> bool:
        """Whether the bot is done: ``ended``, ``fatal_error`` or ``data_deleted``."""
        return self in (BotState.ENDED, BotState.FATAL_ERROR, BotState.DATA_DELETED)


class RecordingState(ExtensibleEnum):
    """The state of a bot's recording."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    FAILED = "failed"
    PAUSED = "paused"


class TranscriptionState(ExtensibleEnum):
    """The state of a bot's transcription."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    FAILED = "failed"


class BotEventType(ExtensibleEnum):
    """What happened to a bot (``BotEvent.type``)."""

    PUT_IN_WAITING_ROOM = "put_in_waiting_room"
    JOINED_MEETING = "joined_meeting"
    RECORDING_PERMISSION_GRANTED = "recording_permission_granted"
    MEETING_ENDED = "meeting_ended"
    LEFT_MEETING = "left_meeting"
    JOIN_REQUESTED = "join_requested"
    FATAL_ERROR = "fatal_error"
    LEAVE_REQUESTED = "leave_requested"
    COULD_NOT_JOIN_MEETING = "could_not_join_meeting"
    POST_PROCESSING_COMPLETED = "post_processing_completed"
    DATA_DELETED = "data_deleted"
    STAGED = "staged"
    RECORDING_PAUSED = "recording_paused"
    RECORDING_RESUMED = "recording_resumed"
    JOINED_BREAKOUT_ROOM = "joined_breakout_room"
    LEFT_BREAKOUT_ROOM = "left_breakout_room"
    BEGAN_JOINING_BREAKOUT_ROOM = "began_joining_breakout_room"
    BEGAN_LEAVING_BREAKOUT_ROOM = "began_leaving_breakout_room"
    RECORDING_PERMISSION_DENIED = "recording_permission_denied"
    APP_SESSION_CONNECTION_REQUESTED = "app_session_connection_requested"
    APP_SESSION_CONNECTED = "app_session_connected"
    APP_SESSION_DISCONNECT_REQUESTED = "app_session_disconnect_requested"
    APP_SESSION_DISCONNECTED = "app_session_disconnected"


class BotEventSubType(ExtensibleEnum):
    """Why it happened (``BotEvent.sub_type``), when the server says."""

    MEETING_NOT_STARTED_WAITING_FOR_HOST = "meeting_not_started_waiting_for_host"
    PROCESS_TERMINATED = "process_terminated"
    ZOOM_AUTHORIZATION_FAILED = "zoom_authorization_failed"
    ZOOM_MEETING_STATUS_FAILED = "zoom_meeting_status_failed"
    UNPUBLISHED_ZOOM_APP = "unpublished_zoom_app"
    RTMP_CONNECTION_FAILED = "rtmp_connection_failed"
    ZOOM_SDK_INTERNAL_ERROR = "zoom_sdk_internal_error"
    UI_ELEMENT_NOT_FOUND = "ui_element_not_found"
    REQUEST_TO_JOIN_DENIED = "request_to_join_denied"
    USER_REQUESTED = "user_requested"
    AUTO_LEAVE_SILENCE = "auto_leave_silence"
    AUTO_LEAVE_ONLY_PARTICIPANT_IN_MEETING = "auto_leave_only_participant_in_meeting"
    HEARTBEAT_TIMEOUT = "heartbeat_timeout"
    MEETING_NOT_FOUND = "meeting_not_found"
    BOT_NOT_LAUNCHED = "bot_not_launched"
    WAITING_ROOM_TIMEOUT_EXCEEDED = "waiting_room_timeout_exceeded"
    AUTO_LEAVE_MAX_UPTIME_EXCEEDED = "auto_leave_max_uptime_exceeded"
    LOGIN_REQUIRED = "login_required"
    BOT_LOGIN_ATTEMPT_FAILED = "bot_login_attempt_failed"
    OUT_OF_CREDITS = "out_of_credits"
    UNABLE_TO_CONNECT_TO_MEETING = "unable_to_connect_to_meeting"
    ATTENDEE_INTERNAL_ERROR = "attendee_internal_error"
    HOST_DENIED_PERMISSION = "host_denied_permission"
    REQUEST_TIMED_OUT = "request_timed_out"
    HOST_CLIENT_CANNOT_GRANT_PERMISSION = "host_client_cannot_grant_permission"
    AUTO_LEAVE_COULD_NOT_ENABLE_CLOSED_CAPTIONS = "auto_leave_could_not_enable_closed_captions"
    AUTHORIZED_USER_NOT_IN_MEETING_TIMEOUT_EXCEEDED = (
        "authorized_user_not_in_meeting_timeout_exceeded"
    )
    BLOCKED_BY_CAPTCHA = "blocked_by_captcha"
    WEBINAR_ATTENDEE_NEEDS_PANELIST_PROMOTION = "webinar_attendee_needs_panelist_promotion"
    ZOOM_APP_CANNOT_JOIN_ANONYMOUSLY = "zoom_app_cannot_join_anonymously"
    GLOBAL_RUNTIME_TIMEOUT = "global_runtime_timeout"


class ParticipantEventType(ExtensibleEnum):
    """What a participant did (``ParticipantEvent.event_type``)."""

    JOIN = "join"
    LEAVE = "leave"
    SPEECH_START = "speech_start"
    SPEECH_STOP = "speech_stop"
    UPDATE = "update"


class ChatMessageTo(ExtensibleEnum):
    """Whom a chat message the bot saw was addressed to."""

    ONLY_BOT = "only_bot"
    EVERYONE = "everyone"


@attrs.frozen(kw_only=True)
class BotEvent(Model):
    """One thing that happened to a bot; ``sub_type`` says why, when there is a reason."""

    type: BotEventType | str
    created_at: datetime
    # The server leaves the key out when there is no sub-type; so does ``to_dict``.
    sub_type: BotEventSubType | str | None = attrs.field(
        default=None, metadata={_serde.OMIT_IF_NONE: True}
    )


@attrs.frozen(kw_only=True)
class Bot(Model):
    """A bot sent to a meeting. ``events`` are oldest first; date-times are aware UTC.

    ``state`` is a ``BotState`` member or, for a state this version does not know, the
    plain string. The server returns neither the bot's name nor its settings.
    """

    id: str
    metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    meeting_url: str
    state: BotState | str
    events: list[BotEvent] = attrs.field(hash=False)
    transcription_state: TranscriptionState | str | None
    recording_state: RecordingState | str | None
    join_at: datetime | None
    deduplication_key: str | None


@attrs.frozen(kw_only=True)
class TranscriptUtterance(Model):
    """One utterance of a transcript. ``transcription`` is the provider's object (at least
    ``transcript``; ``words`` when the provider gives them); ``text`` is its transcript."""

    speaker_name: str | None
    speaker_uuid: str | None
    speaker_user_uuid: str | None
    speaker_is_host: bool | None
    timestamp_ms: int
    duration_ms: int | None
    transcription: Mapping[str, Any] | None = attrs.field(hash=False)

    @property
    def text(self) -> str:
        """The transcribed text ("" when there is none)."""
        transcript = (self.transcription or {}).get("transcript")
        return transcript if isinstance(transcript, str) else ""


@attrs.frozen(kw_only=True)
class Recording(Model):
    """Where to download a recording: a short-lived signed ``url`` on object storage, and
    when the recording started (``start_timestamp_ms``, Unix milliseconds; None when the
    server has no start time), to line subtitles up with the video."""

    url: str
    start_timestamp_ms: int | None


@attrs.frozen(kw_only=True)
class ChatMessage(Model):
    """A chat message the bot saw. ``timestamp`` is Unix seconds, ``timestamp_ms`` the same
    in milliseconds."""

    id: str
    text: str
    timestamp_ms: int
    timestamp: int
    to: ChatMessageTo | str
    sender_name: str | None
    sender_uuid: str | None
    sender_user_uuid: str | None
    additional_data: Any = attrs.field(hash=False)


@attrs.frozen(kw_only=True)
class Participant(Model):
    """Someone in the meeting (never the bot itself)."""

    id: str
    name: str | None
    uuid: str
    user_uuid: str | None
    is_host: bool


@attrs.frozen(kw_only=True)
class ParticipantEvent(Model):
    """A participant joined, left, or started or stopped speaking."""

    id: str
    participant_name: str | None
    participant_uuid: str
    participant_user_uuid: str | None
    participant_is_host: bool
    event_type: ParticipantEventType | str
    event_data: Any = attrs.field(hash=False)
    timestamp_ms: int
