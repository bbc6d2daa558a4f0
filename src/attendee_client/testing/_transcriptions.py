"""Transcripts of the fake's bots and app sessions: the real-time transcript, and async
(post-meeting) transcriptions with their state machine: the handlers of
``GET``/``POST``/``DELETE /bots/{id}/transcript`` and the same under ``/app_sessions``
(``shared/api/bots.md``; one view of the server's answers both).

``Transcriptions.on_state_change`` is called with (the transcription, its bot) on every
change of an async transcription's state: webhooks listen there."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from attendee_client.testing._app import (
    FakeRequest,
    FakeResponse,
    Refusal,
    new_id,
    read_json,
)
from attendee_client.testing._bot_checks import bad_time, parse_time
from attendee_client.testing._bot_records import BotRecords
from attendee_client.testing._bots import Bots
from attendee_client.testing._settings import TRANSCRIPTION, schema_error

__all__ = ["MAX_PER_BOT", "TranscriptionListener", "Transcriptions"]

MAX_PER_BOT = 4
# Where each state may go, as the server's AsyncTranscriptionManager allows it.
_NEXT = {"not_started": ("in_progress", "failed"), "in_progress": ("complete", "failed")}

TranscriptionListener = Callable[[dict[str, Any], dict[str, Any]], None]


def _settings_error(settings: object) -> Any:
    """What the server says of async ``transcription_settings``, or None."""
    if settings is None:
        return ["This field may not be null."]
    problem = schema_error(settings, TRANSCRIPTION)
    if problem:
        return [problem]
    assert isinstance(settings, dict)
    message = None
    if "meeting_closed_captions" in settings:
        message = "Meeting closed captions are not available for async transcription."
    elif (settings.get("deepgram") or {}).get("callback"):
        message = "Deepgram callback is not available for async transcription."
    elif "custom_async" in settings or "custom_async_v2" in settings:
        message = (
            "CUSTOM_ASYNC_TRANSCRIPTION_URL environment variable is not set. Please set the "
            "CUSTOM_ASYNC_TRANSCRIPTION_URL environment variable to the URL of your custom "
            "async transcription service."
        )
    elif not settings:
        message = "Please specify a transcription provider."
    return None if message is None else {"transcription_settings": message}


class Transcriptions:
    """The async transcriptions (oldest first) and their utterances; the transcript routes."""

    def __init__(self, bots: Bots, records: BotRecords) -> None:
        self.bots = bots
        self.records = records
        self.enabled = True
        self.by_id: dict[str, dict[str, Any]] = {}
        self.utterances: dict[str, list[dict[str, Any]]] = {}
        # Called with (transcription, its bot) on every state change (webhooks).
        self.on_state_change: list[TranscriptionListener] = []

    def of_bot(self, bot_id: str) -> list[dict[str, Any]]:
        """The async transcriptions of one bot, oldest first."""
        return [t for t in self.by_id.values() if t["bot_id"] == bot_id]

    def _lookup(self, request: FakeRequest, bot: Mapping[str, Any]) -> dict[str, Any] | None:
        """The async transcription the query names (None for the real-time transcript);
        raises the server's 404 for one that is not this bot's."""
        wanted = request.arg("async_transcription_id")
        if not wanted:
            return None
        transcription = self.by_id.get(wanted)
        if transcription is None or transcription["bot_id"] != bot["id"]:
            raise Refusal.error(404, "Async Transcription not found")
        return transcription

    def transcript(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        transcription = self._lookup(request, bot)
        if transcription is None:
            utterances = self.records.of(self.records.utterances, bot["id"])
        elif transcription["state"] != "complete":
            raise Refusal.error(
                400,
                f"Async transcription {transcription['id']} is not complete. "
                f"It is in state {transcription['state']}",
            )
        else:
            utterances = self.utterances[transcription["id"]]
        value = request.arg("updated_after")
        if value:
            bound = parse_time(value)
            if bound is None:
                raise Refusal.error(400, bad_time("updated_after"))
            utterances = [u for u in utterances if u["_updated_at"] > bound]
        visible = [
            {k: v for k, v in u.items() if not k.startswith("_")}
            for u in sorted(utterances, key=lambda u: u["timestamp_ms"])
            if (u.get("transcription") or {}).get("transcript")
        ]
        return FakeResponse(200, visible)

    def create(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        if not self.enabled:
            raise Refusal.error(400, "Async transcription is not enabled for your account.")
        recording = self.bots.settings[bot["id"]].get("recording_settings") or {}
        if not recording.get("record_async_transcription_audio_chunks"):
            raise Refusal.error(
                400,
                "Cannot generate async transcription because you did not enable "
                "recording_settings.record_async_transcription_audio_chunks when you created "
                "the bot.",
            )
        if bot["state"] != "ended":
            raise Refusal.error(
                400,
                "Cannot create async transcription because bot is not in state ended. "
                f"It is in state {bot['state']}",
            )
        if len(self.of_bot(bot["id"])) >= MAX_PER_BOT:
            raise Refusal.error(
                400, f"You cannot have more than {MAX_PER_BOT} async transcriptions per bot."
            )
        data = read_json(request)
        settings = data.get("transcription_settings") if isinstance(data, dict) else None
        problem = _settings_error(settings)
        if problem is not None:
            raise Refusal(400, {"transcription_settings": problem})
        now = self.bots.state.tick()
        transcription = {
            "bot_id": bot["id"],
            "id": new_id("tran_"),
            "created_at": now,
            "updated_at": now,
            "state": "not_started",
            "failure_data": None,
        }
        self.by_id[transcription["id"]] = transcription
        self.utterances[transcription["id"]] = []
        return FakeResponse(200, transcription)

    def delete(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        transcription = self._lookup(request, bot)
        if transcription is None:
            self.records.utterances[bot["id"]] = []
        else:
            self.utterances[transcription["id"]] = []
        return FakeResponse(200)

    # --- the state machine and seeding -----------------------------------------------------

    def add_utterance(
        self, transcription_id: str, text: str, fields: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Add an utterance to an async transcription's transcript (after its last one)."""
        transcription = self.known(transcription_id)
        into = self.utterances[transcription_id]
        return self.records.add_utterance(transcription["bot_id"], text, fields, into=into)

    def known(self, transcription_id: str) -> dict[str, Any]:
        transcription = self.by_id.get(transcription_id)
        if transcription is None:
            raise KeyError(f"the fake has no async transcription {transcription_id!r}")
        return transcription

    def advance(
        self, transcription: dict[str, Any], to: str, failure_data: Mapping[str, Any] | None
    ) -> None:
        """Move to ``to`` through the states between (not_started, in_progress, complete;
        failed from either of the first two), sending ``async_transcription.state_change``
        for each; ValueError for a move the server never makes (nothing changes then)."""
        steps = {"complete": ["in_progress", "complete"]}.get(to, [to])
        if transcription["state"] == "in_progress":
            steps = [step for step in steps if step != "in_progress"]
        state = transcription["state"]
        for step in steps:
            if step not in _NEXT.get(state, ()):
                raise ValueError(
                    f"an async transcription in state {transcription['state']} cannot become {to}"
                )
            state = step
        for step in steps:
            transcription["state"] = step
            transcription["updated_at"] = self.bots.state.tick()
            if step == "failed":
                transcription["failure_data"] = dict(
                    failure_data or {"failure_reasons": ["internal_error"]}
                )
            for listener in self.on_state_change:
                listener(transcription, self.bots.by_id[transcription["bot_id"]])
