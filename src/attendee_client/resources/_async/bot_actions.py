"""What a bot in a meeting can be asked to do: pause and resume its recording, chat, speak,
show media, change its transcription and voice-agent settings. ``client.bots`` has these
methods too (``AsyncBots`` is built on this class).

Written once, for asyncio: ``scripts/unasync.py`` writes the synchronous twin from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from attendee_client._async.resource import AsyncAPIResource
from attendee_client._request import RequestOptions, path
from attendee_client._resource import NOTHING, model
from attendee_client.resources._arguments.bots import (
    BOT,
    audio_body,
    chat_body,
    gallery_body,
    image_body,
    output_video_body,
    speech_body,
    transcription_settings_body,
    voice_agent_body,
)
from attendee_client.types.bots import (
    Bot,
)
from attendee_client.types.settings import (
    TextToSpeechSettings,
    TranscriptionSettings,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["AsyncBotActions"]


class AsyncBotActions(AsyncAPIResource):
    """Steering a bot that is in its meeting (each action needs the bot in a meeting
    state; otherwise BadRequestError with the server's reason)."""

    async def pause_recording(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Pause the recording (bot ``joined_recording_paused``); BadRequestError otherwise."""
        return await self._send(
            "POST", path(BOT + "/pause_recording", bot_id=bot_id), model(Bot), options
        )

    async def resume_recording(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Resume a paused recording (bot ``joined_recording``); BadRequestError otherwise."""
        return await self._send(
            "POST", path(BOT + "/resume_recording", bot_id=bot_id), model(Bot), options
        )

    async def admit_from_waiting_room(self, bot_id: str, **options: Unpack[RequestOptions]) -> None:
        """Admit everyone in the Zoom waiting room (queued for the bot; Zoom only)."""
        return await self._send(
            "POST", path(BOT + "/admit_from_waiting_room", bot_id=bot_id), NOTHING, options
        )

    async def change_gallery_view_page(
        self,
        bot_id: str,
        *,
        direction: Literal["next", "previous"] = "next",
        **options: Unpack[RequestOptions],
    ) -> None:
        """Show the next or previous page of the gallery view (Zoom web SDK only)."""
        body = gallery_body(direction)
        return await self._send(
            "POST",
            path(BOT + "/change_gallery_view_page", bot_id=bot_id),
            NOTHING,
            options,
            body=body,
        )

    async def send_chat_message(
        self,
        bot_id: str,
        *,
        message: str,
        to: Literal["everyone", "specific_user", "everyone_but_host"] = "everyone",
        to_user_uuid: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Post a chat message (queued for the bot, which must be in the meeting)."""
        body = chat_body(message, to, to_user_uuid)
        return await self._send(
            "POST", path(BOT + "/send_chat_message", bot_id=bot_id), NOTHING, options, body=body
        )

    async def speech(
        self,
        bot_id: str,
        *,
        text: str,
        text_to_speech_settings: TextToSpeechSettings,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Say ``text`` in the meeting with a Google voice (credentials in the project)."""
        body = speech_body(text, text_to_speech_settings)
        return await self._send(
            "POST", path(BOT + "/speech", bot_id=bot_id), NOTHING, options, body=body
        )

    async def output_audio(
        self,
        bot_id: str,
        data: bytes | str,
        *,
        content_type: Literal["audio/mp3"] = "audio/mp3",
        **options: Unpack[RequestOptions],
    ) -> None:
        """Play MP3 audio (bytes, or base64 text) in the meeting; the server accepts only
        ``audio/mp3``."""
        body = audio_body(data, content_type)
        return await self._send(
            "POST", path(BOT + "/output_audio", bot_id=bot_id), NOTHING, options, body=body
        )

    async def output_image(
        self,
        bot_id: str,
        data: bytes | str,
        *,
        content_type: Literal["image/png", "image/jpeg"],
        **options: Unpack[RequestOptions],
    ) -> None:
        """Show a PNG or JPEG image (bytes, or base64 text) as the bot's video."""
        body = image_body(data, content_type)
        return await self._send(
            "POST", path(BOT + "/output_image", bot_id=bot_id), NOTHING, options, body=body
        )

    async def output_video(
        self,
        bot_id: str,
        *,
        url: str,
        loop: bool = False,
        mute_video: bool = False,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Play an MP4 video from an ``https://`` URL ending in ``.mp4``."""
        body = output_video_body(url, loop, mute_video)
        return await self._send(
            "POST", path(BOT + "/output_video", bot_id=bot_id), NOTHING, options, body=body
        )

    async def update_transcription_settings(
        self,
        bot_id: str,
        *,
        transcription_settings: TranscriptionSettings,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Change the closed-caption language mid-meeting
        (``{"meeting_closed_captions": {"google_meet_language": "fr-FR"}}``)."""
        body = transcription_settings_body(transcription_settings)
        return await self._send(
            "PATCH",
            path(BOT + "/transcription_settings", bot_id=bot_id),
            NOTHING,
            options,
            body=body,
        )

    async def update_voice_agent_settings(
        self,
        bot_id: str,
        *,
        url: str | None = None,
        screenshare_url: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Start, change or stop (``""``) the voice agent page; give exactly one URL. The
        bot must have been created with ``voice_agent_settings.reserve_resources``."""
        body = voice_agent_body(url, screenshare_url)
        return await self._send(
            "PATCH", path(BOT + "/voice_agent_settings", bot_id=bot_id), NOTHING, options, body=body
        )
