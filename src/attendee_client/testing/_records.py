"""The types of what the fake's helpers take and return.

The helpers return the JSON objects the fake stores and serves, typed as ``TypedDict``s:
``bot["state"]`` is a ``str`` to mypy and ``bot["stat"]`` an error, and they are still the
plain dicts that ``Bot.from_dict(bot)`` turns into the SDK's model. The ``...Fields``
dicts type the keyword arguments of the helpers (every key optional; a ``datetime`` is
accepted wherever the server writes a date-time).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypedDict

__all__ = [
    "AppSessionFields",
    "AppSessionRecord",
    "AsyncTranscriptionRecord",
    "BotEventRecord",
    "BotFields",
    "BotRecord",
    "CalendarEventFields",
    "CalendarEventRecord",
    "CalendarFields",
    "CalendarRecord",
    "ChatMessageFields",
    "ChatMessageRecord",
    "ConnectionFields",
    "ConnectionRecord",
    "ParticipantEventRecord",
    "ParticipantFields",
    "ParticipantRecord",
    "UtteranceFields",
    "UtteranceRecord",
]


class _BotEventBase(TypedDict):
    type: str
    created_at: str


class BotEventRecord(_BotEventBase, total=False):
    """One event of a bot; ``sub_type`` is present only when there is one."""

    sub_type: str


class BotRecord(TypedDict):
    """A bot as the API serves it."""

    id: str
    metadata: dict[str, Any] | None
    meeting_url: str
    state: str
    events: list[BotEventRecord]
    transcription_state: str | None
    recording_state: str | None
    join_at: str | None
    deduplication_key: str | None


class BotFields(TypedDict, total=False):
    """What ``add_bot`` may set."""

    id: str
    metadata: Mapping[str, str] | None
    meeting_url: str
    state: str
    events: Sequence[BotEventRecord]
    transcription_state: str | None
    recording_state: str | None
    join_at: str | datetime | None
    deduplication_key: str | None


class AppSessionRecord(TypedDict):
    """An app session (a Zoom RTMS session) as the API serves it."""

    id: str
    metadata: dict[str, Any] | None
    state: str
    events: list[BotEventRecord]
    transcription_state: str | None
    recording_state: str | None
    deduplication_key: str | None
    zoom_rtms_stream_id: str | None


class AppSessionFields(TypedDict, total=False):
    """What ``add_app_session`` may set."""

    id: str
    metadata: Mapping[str, str] | None
    state: str
    events: Sequence[BotEventRecord]
    transcription_state: str | None
    recording_state: str | None
    deduplication_key: str | None
    zoom_rtms_stream_id: str


class AsyncTranscriptionRecord(TypedDict):
    """An async (post-meeting) transcription of a bot or an app session."""

    bot_id: str
    id: str
    created_at: str
    updated_at: str
    state: str
    failure_data: dict[str, Any] | None


class UtteranceRecord(TypedDict):
    """One utterance of a transcript."""

    speaker_name: str | None
    speaker_uuid: str | None
    speaker_user_uuid: str | None
    speaker_is_host: bool | None
    timestamp_ms: int
    duration_ms: int | None
    transcription: dict[str, Any] | None


class UtteranceFields(TypedDict, total=False):
    """What ``add_utterance`` may set besides the text."""

    speaker_name: str | None
    speaker_uuid: str | None
    speaker_user_uuid: str | None
    speaker_is_host: bool | None
    timestamp_ms: int
    duration_ms: int | None
    transcription: Mapping[str, Any] | None


class ChatMessageRecord(TypedDict):
    """A chat message a bot saw."""

    id: str
    text: str
    timestamp_ms: int
    timestamp: int
    to: str
    sender_name: str | None
    sender_uuid: str | None
    sender_user_uuid: str | None
    additional_data: Any


class ChatMessageFields(TypedDict, total=False):
    """What ``add_chat_message`` may set besides the text."""

    id: str
    timestamp: int
    to: str
    sender_name: str | None
    sender_uuid: str | None
    sender_user_uuid: str | None
    additional_data: Any


class ParticipantRecord(TypedDict):
    """Someone in a bot's meeting."""

    id: str
    name: str | None
    uuid: str
    user_uuid: str | None
    is_host: bool


class ParticipantFields(TypedDict, total=False):
    """What ``add_participant`` may set besides the name."""

    id: str
    uuid: str
    user_uuid: str | None
    is_host: bool


class ParticipantEventRecord(TypedDict):
    """A participant joined, left, or started or stopped speaking."""

    id: str
    participant_name: str | None
    participant_uuid: str
    participant_user_uuid: str | None
    participant_is_host: bool
    event_type: str
    event_data: Any
    timestamp_ms: int


class ConnectionRecord(TypedDict):
    """A Zoom OAuth connection as the API serves it."""

    id: str
    zoom_oauth_app_id: str
    user_id: str
    account_id: str
    state: str | None
    metadata: dict[str, Any] | None
    is_local_recording_token_supported: bool
    is_onbehalf_token_supported: bool
    connection_failure_data: dict[str, Any] | None
    created_at: str
    updated_at: str
    last_successful_sync_at: str | None
    last_attempted_sync_at: str | None


class ConnectionFields(TypedDict, total=False):
    """What ``add_connection`` and ``add_authorization_code`` may set."""

    id: str
    zoom_oauth_app_id: str
    user_id: str
    account_id: str
    state: str | None
    metadata: Mapping[str, str] | None
    is_local_recording_token_supported: bool
    is_onbehalf_token_supported: bool
    connection_failure_data: Mapping[str, Any] | None
    created_at: str | datetime
    updated_at: str | datetime
    last_successful_sync_at: str | datetime | None
    last_attempted_sync_at: str | datetime | None


class CalendarRecord(TypedDict):
    """A calendar as the API serves it."""

    id: str
    platform: str
    client_id: str
    platform_uuid: str | None
    state: str | None
    metadata: dict[str, Any] | None
    deduplication_key: str | None
    connection_failure_data: dict[str, Any] | None
    created_at: str
    updated_at: str
    last_successful_sync_at: str | None
    last_attempted_sync_at: str | None


class CalendarFields(TypedDict, total=False):
    """What ``add_calendar`` may set."""

    id: str
    platform: str
    client_id: str
    platform_uuid: str | None
    state: str | None
    metadata: Mapping[str, str] | None
    deduplication_key: str | None
    connection_failure_data: Mapping[str, Any] | None
    created_at: str | datetime
    updated_at: str | datetime
    last_successful_sync_at: str | datetime | None
    last_attempted_sync_at: str | datetime | None


class CalendarEventRecord(TypedDict):
    """An event of a calendar as the API serves it."""

    id: str
    calendar_id: str
    platform_uuid: str
    meeting_url: str | None
    start_time: str
    end_time: str
    is_deleted: bool
    attendees: list[dict[str, Any]] | None
    ical_uid: str | None
    name: str | None
    raw: Any
    bots: list[BotRecord]
    created_at: str
    updated_at: str


class CalendarEventFields(TypedDict, total=False):
    """What ``add_calendar_event`` may set."""

    id: str
    platform_uuid: str
    meeting_url: str | None
    start_time: str | datetime
    end_time: str | datetime
    is_deleted: bool
    attendees: Sequence[Mapping[str, Any]] | None
    ical_uid: str | None
    name: str | None
    raw: Any
    bots: Sequence[BotRecord]
    created_at: str | datetime
    updated_at: str | datetime
