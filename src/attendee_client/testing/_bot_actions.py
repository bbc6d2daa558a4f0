"""What a bot of the fake can be asked to do in its meeting: pause and resume recording,
admit, change the gallery page, chat, speak, play media and change its settings, refused
in the states and for the bodies the real server refuses (``shared/api/bots.md``)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from attendee_client.testing._app import FakeRequest, FakeResponse, Refusal, read_json
from attendee_client.testing._bot_checks import bad
from attendee_client.testing._bots import Bots
from attendee_client.testing._states import IN_MEETING

__all__ = ["BotActions"]


class BotActions:
    """The action handlers of the bots in ``bots``, and what each bot was asked to do:
    ``(action, body)`` pairs, oldest first (``FakeAttendeeServer.bot_actions``)."""

    def __init__(self, bots: Bots) -> None:
        self.bots = bots
        self.actions: dict[str, list[tuple[str, Any]]] = {}

    def of(self, bot_id: str) -> list[tuple[str, Any]]:
        """What the bot ``bot_id`` was asked to do (KeyError for an unknown bot)."""
        return self.actions.setdefault(self.bots.known(bot_id)["id"], [])

    def pause_recording(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        if bot["state"] != "joined_recording":
            raise Refusal.error(400, f"Bot is in state {bot['state']} and cannot pause recording")
        self.bots.move(bot, "joined_recording_paused", "recording_paused")
        return FakeResponse(200, bot)

    def resume_recording(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        if bot["state"] != "joined_recording_paused":
            raise Refusal.error(400, f"Bot is in state {bot['state']} and cannot resume recording.")
        self.bots.move(bot, "joined_recording", "recording_resumed")
        return FakeResponse(200, bot)

    def _in_meeting(self, request: FakeRequest, doing: str) -> dict[str, Any]:
        bot = self.bots.find(request)
        if bot["state"] not in IN_MEETING:
            raise Refusal.error(400, f"Bot is in state {bot['state']} and cannot {doing}")
        return bot

    def _record(self, bot: dict[str, Any], name: str, data: Any) -> FakeResponse:
        self.of(bot["id"]).append((name, data))
        return FakeResponse(200)

    def admit(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        if "zoom.us" not in bot["meeting_url"]:
            raise Refusal.error(
                400, "Admitting from waiting room is not supported for this meeting type"
            )
        bot = self._in_meeting(request, "admit from waiting room")
        return self._record(bot, "admit_from_waiting_room", None)

    def gallery(self, request: FakeRequest) -> FakeResponse:
        bot = self.bots.find(request)
        if "zoom.us" not in bot["meeting_url"]:
            raise Refusal.error(
                400, "Changing gallery view page is not supported for this meeting type"
            )
        bot = self._in_meeting(request, "change gallery view page")
        data = read_json(request)
        direction = data.get("direction", "next") if isinstance(data, dict) else "next"
        return self._record(
            bot, "change_gallery_view_page", "next" if direction == "next" else "previous"
        )

    def send_chat_message(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        message = data.get("message")
        if not isinstance(message, str) or not message:
            raise bad("message", "This field is required.")
        if any(ord(c) > 0xFFFF for c in message):
            raise bad("message", "Message cannot contain emojis or rare script characters.")
        to = data.get("to", "everyone")
        if to not in ("everyone", "specific_user", "everyone_but_host"):
            raise bad("to", f'"{to}" is not a valid choice.')
        if to == "specific_user" and not data.get("to_user_uuid"):
            raise bad(
                "to_user_uuid", "This field is required when the 'to' value is 'specific_user'."
            )
        bot = self._in_meeting(request, "send chat messages")
        return self._record(bot, "send_chat_message", data)

    def speech(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        errors = {
            k: ["This field is required."]
            for k in ("text", "text_to_speech_settings")
            if k not in data
        }
        if errors:
            raise Refusal(400, errors)
        google = data["text_to_speech_settings"].get("google", {})
        for key in ("voice_language_code", "voice_name"):
            if key not in google:
                raise bad("text_to_speech_settings", f"'{key}' is a required property")
        bot = self._in_meeting(request, "play media")
        return self._record(bot, "speech", data)

    def output_audio(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        if not data.get("type") or not data.get("data"):
            raise Refusal.error(400, "Both type and data are required")
        if data["type"] != "audio/mp3":
            raise Refusal.error(400, "Invalid audio content type")
        try:
            base64.b64decode(data["data"], validate=True)
        except (ValueError, binascii.Error):
            raise Refusal.error(400, "Invalid base64 encoded data") from None
        bot = self._in_meeting(request, "play media")
        return self._record(bot, "output_audio", data)

    def output_image(self, request: FakeRequest) -> FakeResponse:
        bot = self._in_meeting(request, "play media")
        data = read_json(request)
        if data.get("type") not in ("image/png", "image/jpeg") or not data.get("data"):
            raise Refusal.error(400, "Invalid image content type or data")
        return self._record(bot, "output_image", data)

    def output_video(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        url = data.get("url", "")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise bad("url", "URL must start with https://")
        if not url.endswith(".mp4"):
            raise bad("url", "URL must end with .mp4")
        bot = self._in_meeting(request, "play media")
        return self._record(bot, "output_video", data)

    def transcription_settings(self, request: FakeRequest) -> FakeResponse:
        bot = self._in_meeting(request, "update transcription settings")
        return self._record(bot, "transcription_settings", read_json(request))

    def voice_agent_settings(self, request: FakeRequest) -> FakeResponse:
        bot = self._in_meeting(request, "update voice agent settings")
        return self._record(bot, "voice_agent_settings", read_json(request))
