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
    """A Zoom Realtime Media Streams session that Attendee connects to, records and
    transcribes (ids start with ``app_``); no bot joins the call.

    ``state`` is a ``BotState`` member (``connecting``, ``connected``, ``disconnecting``,
    then ``ended`` or ``fatal_error`` as for bots) or, for a state this version does not
    know, the plain string. An app session is stored as a bot: ``client.bots.get`` answers
    for its id too.
    """

    id: str
    metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    state: BotState | str
    events: list[BotEvent] = attrs.field(hash=False)
    transcription_state: TranscriptionState | str | None
    recording_state: RecordingState | str | None
    deduplication_key: str | None
    zoom_rtms_stream_id: str | None


class AsyncTranscriptionState(ExtensibleEnum):
    """Where an async (post-meeting) transcription is."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    FAILED = "failed"

    @property
    def is_final(self) -> bool:
        """Whether it is done: ``complete`` or ``failed``."""
        return self in (AsyncTranscriptionState.COMPLETE, AsyncTranscriptionState.FAILED)


@attrs.frozen(kw_only=True)
class AsyncTranscription(Model):
    """A transcription of a finished bot's or app session's audio, made after the meeting
    with other settings (ids start with ``tran_``). ``failure_data`` says why, once
    ``failed``. Read its utterances with ``transcript(..., async_transcription_id=...)``."""

    id: str
    bot_id: str
    state: AsyncTranscriptionState | str
    created_at: datetime
    updated_at: datetime
    failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
