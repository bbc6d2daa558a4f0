"""The bot models: a bot, its events and states, and what it recorded."""

# No ``from __future__ import annotations``: the structure functions read these annotations
# at run time.

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import attrs

from attendee_client import _serde
from attendee_client._models import ExtensibleEnum, Model

__all__ = [
    "Bot",
    "BotEvent",
    "BotEventSubType",
    "BotEventType",
    "BotState",
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
]


class BotState(ExtensibleEnum):
    """Where a bot (or an app session) is in its life.

    Pre-meeting: ``ready``, ``scheduled``, ``staged``. Post-meeting, final (``is_final``):
    ``ended``, ``fatal_error``, ``data_deleted``. Every other state counts as in the meeting.
    The server may add states: a field typed ``BotState | str`` holds the plain string of one
    this version does not know.
    """

    READY = "ready"
    """Pre-meeting: created, about to join."""
    JOINING = "joining"
    """Joining the meeting (the state a bot created without ``join_at`` answers in)."""
    JOINED_NOT_RECORDING = "joined_not_recording"
    """In the meeting, not recording (yet)."""
    JOINED_RECORDING = "joined_recording"
    """In the meeting, recording."""
    LEAVING = "leaving"
    """Leaving the meeting (after ``leave``, or by itself)."""
    POST_PROCESSING = "post_processing"
    """Left; the recording and transcript are being finished."""
    FATAL_ERROR = "fatal_error"
    """Final: it failed; the ``sub_type`` of its last event says why."""
    WAITING_ROOM = "waiting_room"
    """Waiting to be admitted to the meeting."""
    ENDED = "ended"
    """Final: done; the recording and transcript can be read."""
    DATA_DELETED = "data_deleted"
    """Final: its recording and data were deleted (``delete_data``)."""
    SCHEDULED = "scheduled"
    """Pre-meeting: waits for ``join_at``; only now can it be deleted, or updated beyond
    ``metadata``."""
    STAGED = "staged"
    """Pre-meeting (not joining yet)."""
    JOINED_RECORDING_PAUSED = "joined_recording_paused"
    """In the meeting, recording paused (``pause_recording``)."""
    JOINING_BREAKOUT_ROOM = "joining_breakout_room"
    """Moving into a breakout room."""
    LEAVING_BREAKOUT_ROOM = "leaving_breakout_room"
    """Moving out of a breakout room."""
    JOINED_RECORDING_PERMISSION_DENIED = "joined_recording_permission_denied"
    """In the meeting; the host refused it permission to record."""
    CONNECTING = "connecting"
    """App session: connecting to the Zoom RTMS stream."""
    CONNECTED = "connected"
    """App session: connected to the stream."""
    DISCONNECTING = "disconnecting"
    """App session: disconnecting (after ``app_sessions.end``)."""

    @property
    def is_final(self) -> bool:
        """Whether the bot is done: ``ended``, ``fatal_error`` or ``data_deleted``."""
        return self in (BotState.ENDED, BotState.FATAL_ERROR, BotState.DATA_DELETED)


BotStateName = Literal[
    "ready",
    "joining",
    "joined_not_recording",
    "joined_recording",
    "leaving",
    "post_processing",
    "fatal_error",
    "waiting_room",
    "ended",
    "data_deleted",
    "scheduled",
    "staged",
    "joined_recording_paused",
    "joining_breakout_room",
    "leaving_breakout_room",
    "joined_recording_permission_denied",
    "connecting",
    "connected",
    "disconnecting",
]
"""The values of ``BotState`` as strings, for parameters that take a state: a type checker
catches a misspelt one (kept equal to the enum by tests/sdk/test_states.py). A state the server
added after this version is passed as ``BotState("new_state")``."""


class RecordingState(ExtensibleEnum):
    """The state of a bot's recording."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    """Done: ``recording`` gives its download URL."""
    FAILED = "failed"
    PAUSED = "paused"
    """Paused by ``pause_recording``."""


class TranscriptionState(ExtensibleEnum):
    """The state of a bot's transcription."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    """Done: the transcript is whole."""
    FAILED = "failed"


class BotEventType(ExtensibleEnum):
    """What happened to a bot (``BotEvent.type``)."""

    PUT_IN_WAITING_ROOM = "put_in_waiting_room"
    JOINED_MEETING = "joined_meeting"
    RECORDING_PERMISSION_GRANTED = "recording_permission_granted"
    MEETING_ENDED = "meeting_ended"
    LEFT_MEETING = "left_meeting"
    JOIN_REQUESTED = "join_requested"
    """The bot was asked to join (its first event)."""
    FATAL_ERROR = "fatal_error"
    """The bot failed; ``sub_type`` says why."""
    LEAVE_REQUESTED = "leave_requested"
    """The bot is to leave; ``sub_type`` says why (``user_requested`` after ``leave``)."""
    COULD_NOT_JOIN_MEETING = "could_not_join_meeting"
    """Joining failed; ``sub_type`` says why."""
    POST_PROCESSING_COMPLETED = "post_processing_completed"
    """The recording and transcript are finished (the bot is ``ended``)."""
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
    """Gave up after ``wait_for_host_to_start_meeting_timeout_seconds``."""
    PROCESS_TERMINATED = "process_terminated"
    ZOOM_AUTHORIZATION_FAILED = "zoom_authorization_failed"
    ZOOM_MEETING_STATUS_FAILED = "zoom_meeting_status_failed"
    UNPUBLISHED_ZOOM_APP = "unpublished_zoom_app"
    RTMP_CONNECTION_FAILED = "rtmp_connection_failed"
    ZOOM_SDK_INTERNAL_ERROR = "zoom_sdk_internal_error"
    UI_ELEMENT_NOT_FOUND = "ui_element_not_found"
    REQUEST_TO_JOIN_DENIED = "request_to_join_denied"
    USER_REQUESTED = "user_requested"
    """You asked (``leave``)."""
    AUTO_LEAVE_SILENCE = "auto_leave_silence"
    """Left after ``automatic_leave_settings.silence_timeout_seconds`` of silence."""
    AUTO_LEAVE_ONLY_PARTICIPANT_IN_MEETING = "auto_leave_only_participant_in_meeting"
    """Left after ``only_participant_in_meeting_timeout_seconds`` alone."""
    HEARTBEAT_TIMEOUT = "heartbeat_timeout"
    MEETING_NOT_FOUND = "meeting_not_found"
    BOT_NOT_LAUNCHED = "bot_not_launched"
    WAITING_ROOM_TIMEOUT_EXCEEDED = "waiting_room_timeout_exceeded"
    """Gave up after ``waiting_room_timeout_seconds`` in the waiting room."""
    AUTO_LEAVE_MAX_UPTIME_EXCEEDED = "auto_leave_max_uptime_exceeded"
    """Left after ``max_uptime_seconds``."""
    LOGIN_REQUIRED = "login_required"
    """The meeting admits only signed-in users (see ``google_meet_settings``/``teams_settings``
    ``use_login``)."""
    BOT_LOGIN_ATTEMPT_FAILED = "bot_login_attempt_failed"
    OUT_OF_CREDITS = "out_of_credits"
    """The organization ran out of credits."""
    UNABLE_TO_CONNECT_TO_MEETING = "unable_to_connect_to_meeting"
    ATTENDEE_INTERNAL_ERROR = "attendee_internal_error"
    HOST_DENIED_PERMISSION = "host_denied_permission"
    REQUEST_TIMED_OUT = "request_timed_out"
    HOST_CLIENT_CANNOT_GRANT_PERMISSION = "host_client_cannot_grant_permission"
    AUTO_LEAVE_COULD_NOT_ENABLE_CLOSED_CAPTIONS = "auto_leave_could_not_enable_closed_captions"
    """Left: captions could not be turned on within ``enable_closed_captions_timeout_seconds``."""
    AUTHORIZED_USER_NOT_IN_MEETING_TIMEOUT_EXCEEDED = (
        "authorized_user_not_in_meeting_timeout_exceeded"
    )
    """Left after ``authorized_user_not_in_meeting_timeout_seconds``."""
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
    """A private message to the bot."""
    EVERYONE = "everyone"
    """A message to the whole meeting."""


@attrs.frozen(kw_only=True)
class BotEvent(Model):
    """One thing that happened to a bot; ``sub_type`` says why, when there is a reason."""

    type: BotEventType | str
    """What happened: a ``BotEventType`` member, or the plain string of a new one."""
    created_at: datetime
    """When it happened (aware, UTC)."""
    # The server leaves the key out when there is no sub-type; so does ``to_dict``.
    sub_type: BotEventSubType | str | None = attrs.field(
        default=None, metadata={_serde.OMIT_IF_NONE: True}
    )
    """Why, when the server says: a ``BotEventSubType`` member, or the plain string of a new one;
    None when there is no reason."""


@attrs.frozen(kw_only=True)
class Bot(Model):
    """A bot sent to a meeting.

    The server returns neither the bot's name nor its settings.
    """

    id: str
    """``bot_`` and 16 letters or digits."""
    metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    """Your string keys and values, from ``create`` or ``update``; None when never set."""
    meeting_url: str
    """The meeting's URL as the server normalized it (a Google Meet ``?authuser=`` dropped, a Zoom
    ``?pwd=`` kept)."""
    state: BotState | str
    """Where the bot is: a ``BotState`` member, or the plain string of a new one."""
    events: list[BotEvent] = attrs.field(hash=False)
    """What happened to it, oldest first; empty while it is scheduled."""
    transcription_state: TranscriptionState | str | None
    """Its transcription's state: a ``TranscriptionState`` member, or the plain string of a new one;
    None when there is none."""
    recording_state: RecordingState | str | None
    """Its recording's state: a ``RecordingState`` member, or the plain string of a new one; None
    when there is none."""
    join_at: datetime | None
    """When a scheduled bot joins (aware, UTC); None for a bot that joins at once."""
    deduplication_key: str | None
    """The key that made its ``create`` idempotent; None when not given."""


@attrs.frozen(kw_only=True)
class TranscriptUtterance(Model):
    """One utterance of a transcript; ``text`` is what was said."""

    speaker_name: str | None
    """The speaker's name in the meeting; None when unknown."""
    speaker_uuid: str | None
    """The speaker's id in the meeting; None when unknown."""
    speaker_user_uuid: str | None
    """The speaker's user id on the platform; None when the platform gives none."""
    speaker_is_host: bool | None
    """Whether the speaker hosts the meeting; None when unknown."""
    timestamp_ms: int
    """When the utterance started, in Unix milliseconds."""
    duration_ms: int | None
    """How long it lasted, in milliseconds; None when unknown."""
    transcription: Mapping[str, Any] | None = attrs.field(hash=False)
    """The provider's object: ``transcript``, and ``words`` when the provider gives them (never in a
    ``transcript.update`` webhook); None when there is no transcription."""

    @property
    def text(self) -> str:
        """The transcribed text ("" when there is none)."""
        transcript = (self.transcription or {}).get("transcript")
        return transcript if isinstance(transcript, str) else ""


def _without_signature(url: str) -> str:
    """The URL for a repr: its query (the signature, a credential) left out."""
    base, separator, _ = url.partition("?")
    return repr(base + ("?…" if separator else ""))


@attrs.frozen(kw_only=True)
class Recording(Model):
    """Where to download a recording, and when it started (to line subtitles up with it)."""

    url: str = attrs.field(repr=_without_signature)
    """A signed URL on object storage (another host: the API key is never sent there), valid about
    30 minutes; ask again for a new one. Its query is a credential: the repr leaves it out."""
    start_timestamp_ms: int | None
    """When the recording started, in Unix milliseconds; None when the server has no start time."""


@attrs.frozen(kw_only=True)
class ChatMessage(Model):
    """A chat message the bot saw."""

    id: str
    """The message's id."""
    text: str
    """What was written."""
    timestamp_ms: int
    """When it was sent, in Unix milliseconds (``timestamp * 1000``)."""
    timestamp: int
    """When it was sent, in Unix seconds."""
    to: ChatMessageTo | str
    """Whom it was addressed to: a ``ChatMessageTo`` member, or the plain string of a new one."""
    sender_name: str | None
    """The sender's name in the meeting; None when unknown."""
    sender_uuid: str | None
    """The sender's id in the meeting; None when unknown."""
    sender_user_uuid: str | None
    """The sender's user id on the platform; None when the platform gives none."""
    additional_data: Any = attrs.field(hash=False)
    """What else the platform said about the message, as sent (any JSON)."""


@attrs.frozen(kw_only=True)
class Participant(Model):
    """Someone in the meeting (never the bot itself)."""

    id: str
    """The participant's id."""
    name: str | None
    """Their name in the meeting; None when unknown."""
    uuid: str
    """Their id in the meeting."""
    user_uuid: str | None
    """Their user id on the platform; None when the platform gives none."""
    is_host: bool
    """Whether they host the meeting."""


@attrs.frozen(kw_only=True)
class ParticipantEvent(Model):
    """A participant joined, left, or started or stopped speaking."""

    id: str
    """``pe_`` and an id."""
    participant_name: str | None
    """The participant's name in the meeting; None when unknown."""
    participant_uuid: str
    """The participant's id in the meeting."""
    participant_user_uuid: str | None
    """The participant's user id on the platform; None when the platform gives none."""
    participant_is_host: bool
    """Whether the participant hosts the meeting."""
    event_type: ParticipantEventType | str
    """What they did: a ``ParticipantEventType`` member, or the plain string of a new one."""
    event_data: Any = attrs.field(hash=False)
    """Details, as sent (``{}`` for a join or a leave)."""
    timestamp_ms: int
    """When it happened, in Unix milliseconds."""
