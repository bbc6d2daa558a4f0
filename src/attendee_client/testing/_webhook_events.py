"""Which changes of the fake's resources become webhook events, and what each event says,
as the real server sends them (``shared/api/webhooks.md``): a listener on each resource's
hook (``on_state_change``, ``on_record``) that hands the event to the dispatcher."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attendee_client.testing._app import ApiState
from attendee_client.testing._bot_records import BotRecords
from attendee_client.testing._bots import Bots
from attendee_client.testing._calendars import Calendars
from attendee_client.testing._connections import Connections
from attendee_client.testing._transcriptions import Transcriptions
from attendee_client.testing._webhooks import WebhookDispatcher

__all__ = ["send_webhooks"]

# What a record of a bot is announced as (BotRecords.on_record's first argument).
_RECORD_TRIGGERS = {
    "utterance": "transcript.update",
    "chat_message": "chat_messages.update",
    "participant_joined": "participant_events.join_leave",
}


def _bot_envelope(bot: Mapping[str, Any]) -> dict[str, Any]:
    return {"bot_id": bot["id"], "bot_metadata": bot["metadata"]}


def _sync_data(owner: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("state", "connection_failure_data", "last_successful_sync_at", "last_attempted_sync_at")
    return {key: owner[key] for key in keys}


def send_webhooks(
    webhooks: WebhookDispatcher,
    state: ApiState,
    *,
    bots: Bots,
    records: BotRecords,
    transcriptions: Transcriptions,
    connections: Connections,
    calendars: Calendars,
) -> None:
    """Listen to the resources' hooks and emit their webhook events through ``webhooks``."""

    def bot_state_changed(
        bot: dict[str, Any], old: str, event_type: str | None, sub_type: str | None
    ) -> None:
        data = {
            "event_type": event_type,
            "event_sub_type": sub_type,
            "event_metadata": None,
            "old_state": old,
            "new_state": bot["state"],
            "created_at": state.clock.isoformat(),
        }
        webhooks.emit("bot.state_change", _bot_envelope(bot), data)

    def recorded(what: str, bot: dict[str, Any], record: dict[str, Any]) -> None:
        data = record
        if what == "utterance":
            text = (record.get("transcription") or {}).get("transcript")
            data = {**record, "transcription": {"transcript": text} if text else None}
        webhooks.emit(_RECORD_TRIGGERS[what], _bot_envelope(bot), data)

    def transcription_state_changed(transcription: dict[str, Any], bot: dict[str, Any]) -> None:
        data = {key: transcription[key] for key in ("state", "id", "failure_data")}
        webhooks.emit("async_transcription.state_change", _bot_envelope(bot), data)

    def connection_state_changed(connection: dict[str, Any]) -> None:
        envelope = {
            "zoom_oauth_connection_id": connection["id"],
            "zoom_oauth_connection_metadata": connection["metadata"],
            "user_id": connection["user_id"],
            "account_id": connection["account_id"],
        }
        webhooks.emit("zoom_oauth_connection.state_change", envelope, _sync_data(connection))

    def calendar_state_changed(calendar: dict[str, Any]) -> None:
        envelope = {
            "calendar_id": calendar["id"],
            "calendar_deduplication_key": calendar["deduplication_key"],
            "calendar_metadata": calendar["metadata"],
        }
        webhooks.emit("calendar.state_change", envelope, _sync_data(calendar))

    bots.on_state_change.append(bot_state_changed)
    records.on_record.append(recorded)
    transcriptions.on_state_change.append(transcription_state_changed)
    connections.on_state_change.append(connection_state_changed)
    calendars.on_state_change.append(calendar_state_changed)
