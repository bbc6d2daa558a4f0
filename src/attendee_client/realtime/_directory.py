"""Who is talking: frames carry a ``participant_uuid`` only; the name comes from elsewhere."""

from __future__ import annotations

from collections.abc import Iterable

from attendee_client.types.bots import Participant, ParticipantEvent, ParticipantEventType
from attendee_client.types.webhooks import ParticipantJoinLeaveEvent

__all__ = ["ParticipantDirectory"]


class ParticipantDirectory:
    """Names and presence of a meeting's participants, by ``participant_uuid``.

    Feed it ``participant_events.join_leave`` webhook events (``add_event``), the bot's
    participant events (``add_events(client.bots.participant_events(bot_id))``) or its
    participants; ask ``name(uuid)``. A uuid is known once seen, and stays known after a
    leave (late frames still get a name). One directory per bot: uuids are per meeting.
    """

    def __init__(self) -> None:
        self._names: dict[str, str | None] = {}
        self._present: set[str] = set()

    def __repr__(self) -> str:
        return f"<ParticipantDirectory {len(self._names)} known, {len(self._present)} present>"

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, participant_uuid: object) -> bool:
        return participant_uuid in self._names

    def add_event(self, event: ParticipantEvent | ParticipantJoinLeaveEvent) -> None:
        """Learn from one participant event, or a ``participant_events.join_leave`` webhook."""
        if isinstance(event, ParticipantJoinLeaveEvent):
            event = event.data
        uuid = event.participant_uuid
        if event.participant_name is not None or uuid not in self._names:
            self._names[uuid] = event.participant_name
        if event.event_type == ParticipantEventType.LEAVE:
            self._present.discard(uuid)
        elif event.event_type != ParticipantEventType.UPDATE:
            self._present.add(uuid)

    def add_events(self, events: Iterable[ParticipantEvent | ParticipantJoinLeaveEvent]) -> None:
        """Learn from many events, oldest first (a pager of ``bots.participant_events``)."""
        for event in events:
            self.add_event(event)

    def add_participant(self, participant: Participant) -> None:
        """Learn a participant's name from ``bots.participants``."""
        if participant.name is not None or participant.uuid not in self._names:
            self._names[participant.uuid] = participant.name

    def name(self, participant_uuid: str, default: str | None = None) -> str | None:
        """The participant's name, or ``default`` when unknown."""
        name = self._names.get(participant_uuid)
        return default if name is None else name

    @property
    def present(self) -> frozenset[str]:
        """The uuids of those who joined (or spoke) and have not left."""
        return frozenset(self._present)
