"""The ``FakeAttendeeServer`` helpers that seed and steer bots: add them, move them through
a meeting, and add what they saw."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
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
from attendee_client.testing._states import BotFailure
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

    def advance_bot(self, bot_id: str, steps: int = 1, *, to: str | None = None) -> BotRecord:
        """Move a bot ``steps`` along a meeting: scheduled -> joining -> joined_recording ->
        post_processing -> ended (from leaving: post_processing); an app session connecting
        -> connected -> disconnecting -> post_processing -> ended. With ``to``, as many
        steps as it takes to reach that state. Each step adds the server's events (and
        sends ``bot.state_change`` webhooks); returns the bot.

        Raises ValueError when ``to`` is not ahead on that path (use ``fail_bot`` or
        ``set_bot_state``), KeyError for an unknown bot.
        """
        with self._state.lock:
            bot = self._bots.by_id[self._bots.known(bot_id)]
            if to is not None:
                self._bots.advance_to(bot, to)
            else:
                for _ in range(steps):
                    self._bots.advance(bot)
            return cast("BotRecord", copy.deepcopy(bot))

    def fail_bot(
        self, bot_id: str, event_type: str = "fatal_error", sub_type: str | None = None
    ) -> BotRecord:
        """Make a bot fail as the real server records it: state ``fatal_error`` with the
        event ``{"type": event_type, "sub_type": sub_type}``; returns it.

        ``event_type`` is ``fatal_error`` (sub-type ``process_terminated`` by default) or
        ``could_not_join_meeting`` (from ``joining`` or ``waiting_room``; sub-type
        ``meeting_not_found`` by default). A recording under way fails. Raises ValueError
        for a pair or a state the server never records.
        """
        failure = BotFailure(event_type) if sub_type is None else BotFailure(event_type, sub_type)
        with self._state.lock:
            bot = self._bots.by_id[self._bots.known(bot_id)]
            self._bots.fail(bot, failure)
            return cast("BotRecord", copy.deepcopy(bot))

    def schedule_bot(self, bot_id: str, steps: Sequence[str | BotFailure]) -> None:
        """What the next fetches of a bot (``GET /bots/{id}``) show, one step per fetch: a
        state (reached along the happy path, as ``advance_bot(to=...)``; the same state
        again: no change) or a ``BotFailure``. After the last step the bot stays put
        (``auto_advance_bots`` resumes). A step the bot can no longer take when its fetch
        comes (the code under test made it leave, say) is skipped.

        Raises ValueError up front for a step the previous one cannot lead to.
        """
        with self._state.lock:
            self._bots.schedule(self._bots.by_id[self._bots.known(bot_id)], list(steps))

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
