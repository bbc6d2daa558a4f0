"""The app-session models: a Zoom RTMS session Attendee records, and async transcriptions."""

# No ``from __future__ import annotations``: the structure functions read these annotations
# at run time.

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from attendee_client._models import ExtensibleEnum, Model
from attendee_client.types.bots import BotEvent, BotState, RecordingState, TranscriptionState

__all__ = ["AppSession", "AsyncTranscription", "AsyncTranscriptionState"]


@attrs.frozen(kw_only=True)
class AppSession(Model):
    """A Zoom Realtime Media Streams (RTMS) session that Attendee records; no bot joins.

    Attendee connects to the stream, records and transcribes it. An app session is stored
    as a bot: ``client.bots.get`` answers for its id too.
    """

    id: str
    """``app_`` and 16 letters or digits."""
    metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    """Your string keys and values, from ``create``; None when never set."""
    state: BotState | str
    """Where the session is: a ``BotState`` member (``connecting``, ``connected``,
    ``disconnecting``, then as for bots), or the plain string of a new one."""
    events: list[BotEvent] = attrs.field(hash=False)
    """What happened to it, oldest first (``app_session_connection_requested`` first)."""
    transcription_state: TranscriptionState | str | None
    """Its transcription's state: a ``TranscriptionState`` member, or the plain string of a new one;
    None when there is none."""
    recording_state: RecordingState | str | None
    """Its recording's state: a ``RecordingState`` member, or the plain string of a new one; None
    when there is none."""
    deduplication_key: str | None
    """The key given at ``create``; None when not given."""
    zoom_rtms_stream_id: str | None
    """The Zoom RTMS stream it records (``rtms_stream_id`` of ``meeting.rtms_started``); ``end``
    finds the session by it."""


class AsyncTranscriptionState(ExtensibleEnum):
    """Where an async (post-meeting) transcription is."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    FAILED = "failed"
    """Failed; ``failure_data`` says why."""

    @property
    def is_final(self) -> bool:
        """Whether it is done: ``complete`` or ``failed``."""
        return self in (AsyncTranscriptionState.COMPLETE, AsyncTranscriptionState.FAILED)


@attrs.frozen(kw_only=True)
class AsyncTranscription(Model):
    """A transcription made after the meeting, with other settings than the live one.

    Of a finished bot's or app session's audio; read its utterances with
    ``transcript(..., async_transcription_id=...)``.
    """

    id: str
    """``tran_`` and an id; pass it as ``async_transcription_id`` to read its utterances."""
    bot_id: str
    """The bot or app session whose audio it transcribes."""
    state: AsyncTranscriptionState | str
    """Where it is: an ``AsyncTranscriptionState`` member, or the plain string of a new one."""
    created_at: datetime
    """When it was asked for (aware, UTC)."""
    updated_at: datetime
    """When it last changed (aware, UTC)."""
    failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    """Why it failed, as the server says it; None unless ``failed``."""
