"""The ``FakeAttendeeServer`` helpers for app sessions (Zoom RTMS) and async transcriptions."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from attendee_client.testing._app import ApiState
from attendee_client.testing._app_sessions import AppSessions
from attendee_client.testing._bot_records import BotRecords
from attendee_client.testing._bots import BotStore
from attendee_client.testing._records import (
    AppSessionFields,
    AppSessionRecord,
    AsyncTranscriptionRecord,
    UtteranceFields,
    UtteranceRecord,
)
from attendee_client.testing._transcriptions import Transcriptions

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["SessionHelpers"]


class SessionHelpers:
    """Mixed into ``FakeAttendeeServer``."""

    _state: ApiState
    _bots: BotStore
    _bot_records: BotRecords
    _app_sessions: AppSessions
    _transcriptions: Transcriptions

    # --- app sessions ------------------------------------------------------------------

    def add_app_session(self, **fields: Unpack[AppSessionFields]) -> AppSessionRecord:
        """Store a new app session, ``connecting`` with an ``app_session_connection_requested``
        event (a fresh ``app_`` id and stream id unless given), and return it as the API
        serves it. It is a bot too: ``advance_bot`` moves it (connecting -> connected ->
        disconnecting -> post_processing -> ended), ``set_recording`` gives it media.
        Raises TypeError for a field an app session does not have."""
        with self._state.lock:
            session = self._app_sessions.new(fields)
            return cast("AppSessionRecord", copy.deepcopy(self._app_sessions.as_json(session)))

    @property
    def app_sessions(self) -> list[AppSessionRecord]:
        """The stored app sessions, oldest first, as the API serves them."""
        with self._state.lock:
            sessions = [
                self._app_sessions.as_json(bot)
                for bot in self._bots.by_id.values()
                if bot["id"] in self._app_sessions.stream_ids
            ]
            return cast("list[AppSessionRecord]", copy.deepcopy(sessions))

    # --- async transcriptions --------------------------------------------------------------

    @property
    def async_transcription_enabled(self) -> bool:
        """Whether the account may create async transcriptions (True; False: every create
        answers ``Async transcription is not enabled for your account.``)."""
        return self._transcriptions.enabled

    @async_transcription_enabled.setter
    def async_transcription_enabled(self, enabled: bool) -> None:
        self._transcriptions.enabled = enabled

    def async_transcriptions(self, bot_id: str | None = None) -> list[AsyncTranscriptionRecord]:
        """The async transcriptions (of one bot or app session, or all), oldest first."""
        with self._state.lock:
            found = [
                t
                for t in self._transcriptions.by_id.values()
                if bot_id is None or t["bot_id"] == bot_id
            ]
            return cast("list[AsyncTranscriptionRecord]", copy.deepcopy(found))

    def advance_async_transcription(
        self,
        transcription_id: str,
        to: str = "complete",
        *,
        failure_data: Mapping[str, Any] | None = None,
    ) -> AsyncTranscriptionRecord:
        """Move an async transcription as the server's worker does: ``not_started`` ->
        ``in_progress`` -> ``complete``, or to ``failed`` (with ``failure_data``, by default
        ``{"failure_reasons": ["internal_error"]}``) from either of the first two. Each change
        sends the ``async_transcription.state_change`` webhook. Returns it.

        Raises ValueError for a move the server never makes, KeyError for an unknown id.
        """
        with self._state.lock:
            transcription = self._transcriptions.known(transcription_id)
            self._transcriptions.advance(transcription, to, failure_data)
            return cast("AsyncTranscriptionRecord", copy.deepcopy(transcription))

    def add_async_utterance(
        self, transcription_id: str, text: str, **fields: Unpack[UtteranceFields]
    ) -> UtteranceRecord:
        """Add an utterance to an async transcription's transcript (what
        ``GET .../transcript?async_transcription_id=`` answers once it is complete)."""
        with self._state.lock:
            transcription = self._transcriptions.known(transcription_id)
            utterance = self._bot_records.add_utterance(
                transcription["bot_id"],
                text,
                fields,
                into=self._transcriptions.utterances[transcription_id],
            )
            return cast("UtteranceRecord", copy.deepcopy(utterance))
