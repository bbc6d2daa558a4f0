"""What the bots of the fake saw and recorded: transcripts, recordings, chat messages,
participants and participant events; their handlers and the methods that seed them
(``shared/api/bots.md``).

``BotRecords.on_record`` is called with (what, the bot, the record) for each utterance,
chat message and participant who joins, added by a test or by the fake itself: webhooks
listen there.
"""

from __future__ import annotations

import copy
import operator
import zlib
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from attendee_client.testing._app import (
    FakeRequest,
    FakeResponse,
    Refusal,
    check_fields,
    new_id,
    paginate,
)
from attendee_client.testing._bot_checks import bad_time, parse_time
from attendee_client.testing._bots import Bots
from attendee_client.testing._storage import BUCKET, FakeStorage, RecordingFile
from attendee_client.testing._surface import record_fields

__all__ = ["BotRecords", "RecordListener"]

UTTERANCE_FIELDS = record_fields("TranscriptUtterance")
# A chat message's timestamp_ms follows its timestamp; a participant's name is an argument.
CHAT_MESSAGE_FIELDS = [name for name in record_fields("ChatMessage") if name != "timestamp_ms"]
PARTICIPANT_FIELDS = [name for name in record_fields("Participant") if name != "name"]
DEFAULT_RECORDING_SIZE = 1 << 20
_EXTENSIONS = {"video/mp4": ".mp4", "audio/mpeg": ".mp3", "audio/mp3": ".mp3"}

RecordListener = Callable[[str, dict[str, Any], dict[str, Any]], None]
"""Called with ("utterance" | "chat_message" | "participant_joined", the bot, the record)."""

Records = dict[str, list[dict[str, Any]]]


class BotRecords:
    """What each bot of ``bots`` recorded (by bot id, oldest first) and the file of its
    recording, served by ``storage``."""

    def __init__(self, bots: Bots, storage: FakeStorage) -> None:
        self.bots = bots
        self.storage = storage
        self.utterances: Records = {}
        self.chat_messages: Records = {}
        self.participants: Records = {}
        self.participant_events: Records = {}
        # The file of each bot's recording, in the storage once the bot has ended.
        self.files: dict[str, RecordingFile] = {}
        self.on_record: list[RecordListener] = []
        bots.on_state_change.append(self._state_changed)

    def of(self, records: Records, bot_id: str) -> list[dict[str, Any]]:
        """The list of ``records`` of the bot ``bot_id`` (KeyError for an unknown bot)."""
        return records.setdefault(self.bots.known(bot_id)["id"], [])

    def _announce(self, what: str, bot_id: str, record: dict[str, Any]) -> None:
        for listener in self.on_record:
            listener(what, self.bots.by_id[bot_id], record)

    # --- handlers ----------------------------------------------------------------------

    def recording(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        answer = self.signed_url(bot)
        if answer is None:
            raise Refusal.error(404, "No recording file found for bot")
        return answer

    def signed_url(self, bot: dict[str, Any]) -> FakeResponse | None:
        """A fresh URL of the bot's recording file, or None while it has none (the file is
        there once the bot has ended, as after the server's post-processing)."""
        if bot["state"] != "ended":
            return None
        file = self.files.get(bot["id"]) or self.set_file(bot["id"], DEFAULT_RECORDING_SIZE)
        self.storage.put(file)
        return FakeResponse(
            200,
            {"url": self.storage.presign(file.key), "start_timestamp_ms": file.start_timestamp_ms},
        )

    def set_file(self, bot_id: str, size: int, **options: Any) -> RecordingFile:
        """Give a bot's recording a file of ``size`` bytes (replacing any it had)."""
        if size < 0:
            raise ValueError(f"size must be 0 or more, not {size}")
        old = self.files.get(self.bots.known(bot_id)["id"])
        if old is not None:
            self.storage.remove(old.key)
        content_type = options.get("content_type", "video/mp4")
        name = new_id(f"{bot_id}-rec_") + _EXTENSIONS.get(content_type, ".bin")
        file = RecordingFile(f"{BUCKET}/{name}", size, **options)
        self.files[bot_id] = file
        if self.bots.by_id[bot_id]["state"] == "ended":
            self.storage.put(file)
        return file

    def _state_changed(
        self, bot: dict[str, Any], old: str, event_type: str | None, sub_type: str | None
    ) -> None:
        if bot["state"] == "data_deleted":
            for records in (
                self.utterances,
                self.chat_messages,
                self.participants,
                self.participant_events,
            ):
                records[bot["id"]] = []
        file = self.files.get(bot["id"])
        if file is None:
            return
        if bot["state"] == "ended":
            self.storage.put(file)
        elif bot["state"] == "data_deleted":
            self.storage.remove(file.key)

    def chat_message_list(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        items = self.of(self.chat_messages, bot["id"])
        value = request.arg("updated_after")
        if value:
            bound = parse_time(value)
            if bound is None:
                raise Refusal.error(400, bad_time("updated_after"))
            items = [
                i for i in items if datetime.fromtimestamp(i["timestamp"], bound.tzinfo) > bound
            ]
        return paginate(request, items, self.bots.page_size, self.bots.next_host)

    def participant_list(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        items = self.of(self.participants, bot["id"])
        is_host = request.arg("is_host")
        if is_host:
            if is_host.lower() not in ("true", "false"):
                raise Refusal.error(400, "Invalid is_host value. Use true or false.")
            items = [p for p in items if p["is_host"] == (is_host.lower() == "true")]
        wanted = request.arg("id")
        if wanted:
            items = [p for p in items if p["id"] == wanted]
        return paginate(request, items, self.bots.page_size, self.bots.next_host)

    def participant_event_list(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        items = self.of(self.participant_events, bot["id"])
        for name, keep in (("after", operator.gt), ("before", operator.lt)):
            value = request.arg(name)
            if value:
                bound = parse_time(value)
                if bound is None:
                    raise Refusal.error(400, bad_time(name))
                items = [
                    e
                    for e in items
                    if keep(datetime.fromtimestamp(e["timestamp_ms"] / 1000, bound.tzinfo), bound)
                ]
        return paginate(request, items, self.bots.page_size, self.bots.next_host)

    # --- seeding (the server's helpers, and the fake itself) -----------------------------

    def add_utterance(
        self,
        bot_id: str,
        text: str,
        fields: Mapping[str, Any],
        into: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Add an utterance after the last one of the bot's transcript (or of ``into``, an
        async transcription's)."""
        fields = check_fields(fields, UTTERANCE_FIELDS, "an utterance")
        existing = self.of(self.utterances, bot_id) if into is None else into
        start = (
            existing[-1]["timestamp_ms"] + existing[-1]["duration_ms"]
            if existing
            else 1700000000000
        )
        # Each speaker named has a uuid of their own (as in a meeting), unless one is given.
        name = fields.get("speaker_name", "Alice")
        speaker_uuid = (
            "16778240"
            if name == "Alice"
            else str(16778240 + zlib.crc32(str(name).encode()) % 65536)
        )
        utterance = {
            "speaker_name": "Alice",
            "speaker_uuid": speaker_uuid,
            "speaker_user_uuid": None,
            "speaker_is_host": True,
            "timestamp_ms": start,
            "duration_ms": 2300,
            "transcription": {"transcript": text, "words": []},
            **copy.deepcopy(fields),
        }
        self.bots.state.tick()
        existing.append({**utterance, "_updated_at": self.bots.state.clock})
        if into is None:
            self._announce("utterance", bot_id, utterance)
        return utterance

    def add_chat_message(self, bot_id: str, text: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        fields = check_fields(fields, CHAT_MESSAGE_FIELDS, "a chat message")
        self.bots.state.tick()
        seconds = int(self.bots.state.clock.timestamp())
        message = {
            "id": new_id("msg_"),
            "text": text,
            "timestamp_ms": seconds * 1000,
            "timestamp": seconds,
            "to": "everyone",
            "sender_name": "Alice",
            "sender_uuid": "16778240",
            "sender_user_uuid": None,
            "additional_data": {},
            **copy.deepcopy(fields),
        }
        message["timestamp_ms"] = message["timestamp"] * 1000
        self.of(self.chat_messages, bot_id).append(message)
        self._announce("chat_message", bot_id, message)
        return message

    def add_participant(self, bot_id: str, name: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        fields = check_fields(fields, PARTICIPANT_FIELDS, "a participant")
        participant = {
            "id": new_id("par_"),
            "name": name,
            "uuid": str(16778240 + len(self.of(self.participants, bot_id))),
            "user_uuid": None,
            "is_host": False,
            **copy.deepcopy(fields),
        }
        self.participants[bot_id].append(participant)
        joined = self.add_participant_event(bot_id, participant, "join", {})
        self._announce("participant_joined", bot_id, joined)
        return participant

    def add_participant_event(
        self, bot_id: str, participant: Mapping[str, Any], event_type: str, event_data: Any
    ) -> dict[str, Any]:
        self.bots.state.tick()
        event = {
            "id": new_id("pe_"),
            "participant_name": participant["name"],
            "participant_uuid": participant["uuid"],
            "participant_user_uuid": participant["user_uuid"],
            "participant_is_host": participant["is_host"],
            "event_type": event_type,
            "event_data": event_data,
            "timestamp_ms": int(self.bots.state.clock.timestamp() * 1000),
        }
        self.of(self.participant_events, bot_id).append(event)
        return event
