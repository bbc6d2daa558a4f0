"""The ``FakeAttendeeServer`` helpers that seed and steer bots: add them, move them through
a meeting, and add what they saw."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from attendee_client.testing._app import ApiState
from attendee_client.testing._bot_records import BotRecords
from attendee_client.testing._bots import BotStore
from attendee_client.testing._records import (
    BotFields,
    BotRecord,
    ChatMessageFields,
    ChatMessageRecord,
    ParticipantEventRecord,
    ParticipantFields,
    ParticipantRecord,
    UtteranceFields,
    UtteranceRecord,
)
from attendee_client.testing._webhooks import WebhookDispatcher

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["BotHelpers"]


class BotHelpers:
    """Mixed into ``FakeAttendeeServer``."""

    _state: ApiState
    _bots: BotStore
    _bot_records: BotRecords
    _webhooks: WebhookDispatcher

    def add_bot(self, **fields: Unpack[BotFields]) -> BotRecord:
        """Store a new bot and return its JSON object: ``joining`` with a ``join_requested``
        event by default, ``scheduled`` when ``join_at`` is given. Raises TypeError for a
        field a bot does not have; datetimes are accepted."""
        with self._state.lock:
            return cast("BotRecord", copy.deepcopy(self._bots.new(fields)))

    @property
    def bots(self) -> list[BotRecord]:
        """The stored bots, oldest first (app sessions included, as the server lists them)."""
        with self._state.lock:
            return cast("list[BotRecord]", copy.deepcopy(list(self._bots.by_id.values())))

    def advance_bot(self, bot_id: str, steps: int = 1) -> BotRecord:
        """Move a bot ``steps`` along a meeting: scheduled -> joining -> joined_recording ->
        post_processing -> ended (from leaving: post_processing); returns it."""
        with self._state.lock:
            bot = self._bots.by_id[bot_id]
            for _ in range(steps):
                self._bots.advance(bot)
            return cast("BotRecord", copy.deepcopy(bot))

    def set_bot_state(
        self,
        bot_id: str,
        state: str,
        *,
        event_type: str | None = None,
        sub_type: str | None = None,
    ) -> BotRecord:
        """Put a bot in any ``state`` (recording ``event_type`` when given); returns it."""
        with self._state.lock:
            bot = self._bots.by_id[bot_id]
            events = (event_type,) if event_type else ()
            self._bots.move(bot, state, *events, sub_type=sub_type)
            return cast("BotRecord", copy.deepcopy(bot))

    def _bot_envelope(self, bot: Mapping[str, Any]) -> dict[str, Any]:
        return {"bot_id": bot["id"], "bot_metadata": bot["metadata"]}

    def add_utterance(
        self, bot_id: str, text: str, **fields: Unpack[UtteranceFields]
    ) -> UtteranceRecord:
        """Add an utterance to a bot's transcript (after the last one); returns it."""
        with self._state.lock:
            utterance = self._bot_records.add_utterance(bot_id, text, fields)
            data = {**utterance, "transcription": {"transcript": text} if text else None}
            self._webhooks.emit(
                "transcript.update", self._bot_envelope(self._bots.by_id[bot_id]), data
            )
            return cast("UtteranceRecord", copy.deepcopy(utterance))

    def add_chat_message(
        self, bot_id: str, text: str, **fields: Unpack[ChatMessageFields]
    ) -> ChatMessageRecord:
        """Add a chat message the bot saw; returns it."""
        with self._state.lock:
            message = self._bot_records.add_chat_message(bot_id, text, fields)
            self._webhooks.emit(
                "chat_messages.update", self._bot_envelope(self._bots.by_id[bot_id]), message
            )
            return cast("ChatMessageRecord", copy.deepcopy(message))

    def add_participant(
        self, bot_id: str, name: str, **fields: Unpack[ParticipantFields]
    ) -> ParticipantRecord:
        """Add a participant to a bot's meeting (and its ``join`` event); returns it."""
        with self._state.lock:
            participant = self._bot_records.add_participant(bot_id, name, fields)
            joined = self._bots.participant_events[bot_id][-1]
            self._webhooks.emit(
                "participant_events.join_leave",
                self._bot_envelope(self._bots.by_id[bot_id]),
                joined,
            )
            return cast("ParticipantRecord", copy.deepcopy(participant))

    def add_participant_event(
        self, bot_id: str, participant_id: str, event_type: str, event_data: Any = None
    ) -> ParticipantEventRecord:
        """Record a participant event (``leave``, ``speech_start``, ...); returns it."""
        with self._state.lock:
            participant = next(
                p for p in self._bots.participants[bot_id] if p["id"] == participant_id
            )
            event = self._bot_records.add_participant_event(
                bot_id, participant, event_type, {} if event_data is None else event_data
            )
            return cast("ParticipantEventRecord", copy.deepcopy(event))

    def bot_actions(self, bot_id: str) -> list[tuple[str, Any]]:
        """What a bot was asked to do (chat messages, media, settings), oldest first, as
        ``(action, body)`` pairs."""
        with self._state.lock:
            return copy.deepcopy(self._bots.actions[bot_id])
