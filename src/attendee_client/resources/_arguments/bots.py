"""What ``client.bots`` checks and sends: argument checks and request bodies, the same for
both flavours, run before anything is sent."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from attendee_client import _argument_checks as check
from attendee_client._request import RequestOptions
from attendee_client._retry import Retry
from attendee_client._status import describe_request
from attendee_client.errors import AttendeeError, BadRequestError
from attendee_client.types.bots import (
    Bot,
    BotState,
    BotStateName,
)
from attendee_client.types.settings import (
    TextToSpeechSettings,
)

logger = logging.getLogger("attendee_client")

BOTS = "/api/v1/bots"
BOT = BOTS + "/{bot_id}"

# --- argument checks: what each body may hold, checked before anything is sent ------------

_bot_image = check.shape(
    {"type": check.one_of("image/png", "image/jpeg"), "data": check.base64_data}
)
_chat_message = check.shape(
    {"message": check.basic_text},
    {
        "to": check.one_of("everyone", "specific_user", "everyone_but_host"),
        "to_user_uuid": check.require_text,
    },
)
_webhooks = check.list_of(
    check.shape({"url": check.url("https://"), "triggers": check.list_of(check.require_text)}),
    at_most=2,
)
_recording_settings = check.shape(
    {},
    {
        "format": check.one_of("mp4", "mp3", "none"),
        "view": check.one_of("speaker_view", "gallery_view", "speaker_view_no_sidebar"),
        "resolution": check.one_of("1080p", "720p"),
        "record_chat_messages_when_paused": check.flag,
        "reserve_additional_storage": check.flag,
        "record_async_transcription_audio_chunks": check.flag,
        "record_participant_speech_start_stop_events": check.flag,
    },
)
_rtmp_settings = check.shape(
    {"destination_url": check.url("rtmp://", "rtmps://"), "stream_key": check.require_text}
)
# ws:// too: the server is the judge (it demands wss:// today; the fake takes ws:// on
# loopback). The URL may hold a token (realtime.signed_url): errors do not show it.
_websocket_audio = check.shape(
    {"url": check.url("wss://", "ws://", echo=False)}, {"sample_rate": check.integer}
)
_websocket_settings = check.shape(
    {},
    {
        "audio": _websocket_audio,
        "per_participant_audio": _websocket_audio,
        "per_participant_video": check.json_object,
    },
)
_callback_settings = check.shape({}, {"zoom_tokens_url": check.url("https://")})
_external_media_storage = check.shape(
    {"bucket_name": check.require_text}, {"recording_file_name": check.require_text}
)
_voice_agent_settings = check.shape(
    {},
    {
        "url": check.url("https://"),
        "screenshare_url": check.url("https://"),
        "reserve_resources": check.flag,
    },
)
_text_to_speech = check.shape(
    {
        "google": check.shape(
            {"voice_language_code": check.require_text, "voice_name": check.require_text}
        )
    }
)


def _metadata(value: object, argument: str) -> dict[str, str]:
    return check.require_metadata(value, argument)


def create_body(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The body of a bot create, after checking every argument; raises naming it."""
    if (fields["meeting_url"] is None) == (fields["calendar_event_id"] is None):
        raise ValueError(
            "give exactly one of meeting_url or calendar_event_id (a bot for a calendar "
            "event takes its meeting URL and join time from the event)"
        )
    if fields["calendar_event_id"] is not None and fields["join_at"] is not None:
        raise ValueError("join_at comes from the calendar event; do not give both")
    checks: dict[str, check.Check] = {
        "meeting_url": check.url("https://", "http://"),
        "bot_name": check.basic_text,
        "join_at": check.require_datetime,
        **SETTINGS_CHECKS,
    }
    if fields["bot_name"] is None:
        raise TypeError("bot_name is required")
    return check.body(**{name: (fields[name], checks[name]) for name in checks})


SETTINGS_CHECKS: dict[str, check.Check] = {
    "deduplication_key": check.require_text,
    "metadata": _metadata,
    "calendar_event_id": check.require_text,
    "bot_image": _bot_image,
    "bot_chat_message": _chat_message,
    "webhooks": _webhooks,
    "transcription_settings": check.json_object,
    "recording_settings": _recording_settings,
    "rtmp_settings": _rtmp_settings,
    "websocket_settings": _websocket_settings,
    "automatic_leave_settings": check.json_object,
    "google_meet_settings": check.json_object,
    "teams_settings": check.json_object,
    "zoom_settings": check.json_object,
    "callback_settings": _callback_settings,
    "external_media_storage_settings": _external_media_storage,
    "voice_agent_settings": _voice_agent_settings,
    "debug_settings": check.json_object,
    "kubernetes_settings": check.json_object,
}
"""What a bot and an app session take alike, each with its check."""


def update_body(fields: Mapping[str, Any]) -> dict[str, Any]:
    return check.body(
        join_at=(fields["join_at"], check.require_datetime),
        meeting_url=(fields["meeting_url"], check.url("https://", "http://")),
        bot_name=(fields["bot_name"], check.basic_text),
        bot_image=(fields["bot_image"], _bot_image),
        recording_settings=(fields["recording_settings"], _recording_settings),
        metadata=(fields["metadata"], _metadata),
    )


def list_query(
    meeting_url: str | None,
    deduplication_key: str | None,
    states: Sequence[BotState | BotStateName] | None,
    join_at_after: datetime | None,
    join_at_before: datetime | None,
) -> dict[str, object]:
    if states is not None:
        states = check.list_of(check.known_value(BotState))(states, "states")
    return {
        "meeting_url": meeting_url,
        "deduplication_key": deduplication_key,
        "states": states,
        "join_at_after": join_at_after,
        "join_at_before": join_at_before,
    }


def output_video_body(url: str, loop: bool, mute_video: bool) -> dict[str, Any]:
    text = check.require_text(url, "url")
    # Exactly the server's checks: the URL as given, case and query included.
    if not text.startswith("https://"):
        raise ValueError(f"url must start with https://, got {text!r}")
    if not text.endswith(".mp4"):
        raise ValueError(
            f"url must end with .mp4 (the server checks the URL as given), got {text!r}"
        )
    return {
        "url": text,
        "loop": check.flag(loop, "loop"),
        "mute_video": check.flag(mute_video, "mute_video"),
    }


def voice_agent_body(url: str | None, screenshare_url: str | None) -> dict[str, Any]:
    if (url is None) == (screenshare_url is None):
        raise ValueError('give exactly one of url or screenshare_url ("" turns it off)')
    name, value = ("url", url) if url is not None else ("screenshare_url", screenshare_url)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return {name: value if value == "" else check.url("https://")(value, name)}


def chat_body(message: str, to: str, to_user_uuid: str | None) -> dict[str, Any]:
    body: dict[str, Any] = _chat_message(
        {"message": message, "to": to, **({"to_user_uuid": to_user_uuid} if to_user_uuid else {})},
        "chat message",
    )
    if (body["to"] == "specific_user") != ("to_user_uuid" in body):
        raise ValueError("to_user_uuid is needed exactly when to is 'specific_user'")
    return body


def create_policy(deduplication_key: str | None) -> Retry:
    # With a deduplication key the server refuses a second live bot, so a create is safe
    # to repeat; without one, a repeat could send a second bot into the meeting.
    return Retry.SENT_ONCE if deduplication_key is None else Retry.SAFE


CREATE_HINT = (
    "the bot may exist: list bots with meeting_url=... to check, and pass deduplication_key "
    "to make creates safe to retry"
)
_DEDUPLICATION_KEY_IN_USE = "Deduplication key already in use"


def repeated_create(error: AttendeeError) -> bool:
    """Whether a retried create was refused because an earlier attempt made the bot."""
    return (
        isinstance(error, BadRequestError)
        and error.attempts > 1
        and _DEDUPLICATION_KEY_IN_USE in error.message
    )


LIVE_STATES = tuple(state for state in BotState if not state.is_final)
"""The states of a bot that has not ended: the one a repeated create made is among them."""


def is_live(bot: Bot) -> bool:
    """Whether ``bot`` has not ended (keys of ended bots match a deduplication key too)."""
    return not (isinstance(bot.state, BotState) and bot.state.is_final)


def lookup_options(options: RequestOptions) -> RequestOptions:
    """The caller's options that also apply to the reads a call makes on its behalf:
    ``timeout`` and ``extra_headers`` (``extra_query`` and ``extra_body`` were for the call
    itself)."""
    kept: RequestOptions = {}
    if "timeout" in options:
        kept["timeout"] = options["timeout"]
    if "extra_headers" in options:
        kept["extra_headers"] = options["extra_headers"]
    return kept


def log_recovered(bot: Bot, error: BadRequestError) -> None:
    """Say, at INFO, that a retried create found the bot its earlier attempt made."""
    logger.info(
        "Recovered bot %s: attempt %d of %s was refused (deduplication key already in use) "
        "because an earlier attempt had created it",
        bot.id,
        error.attempts,
        describe_request(error.response.request),
    )


_MEDIA_FORMATS = ("audio/mp3",)


def gallery_body(direction: str) -> dict[str, Any]:
    return {"direction": check.one_of("next", "previous")(direction, "direction")}


def speech_body(text: str, text_to_speech_settings: TextToSpeechSettings) -> dict[str, Any]:
    return {
        "text": check.require_text(text, "text"),
        "text_to_speech_settings": _text_to_speech(
            text_to_speech_settings, "text_to_speech_settings"
        ),
    }


def audio_body(data: bytes | str, content_type: str) -> dict[str, Any]:
    return {
        "type": check.one_of(*_MEDIA_FORMATS)(content_type, "content_type"),
        "data": check.base64_data(data, "data"),
    }


def image_body(data: bytes | str, content_type: str) -> dict[str, Any]:
    body: dict[str, Any] = _bot_image({"type": content_type, "data": data}, "image")
    return body


def transcription_settings_body(transcription_settings: Mapping[str, Any]) -> dict[str, Any]:
    settings = check.json_object(transcription_settings, "transcription_settings")
    return {"transcription_settings": settings}


def async_transcription_body(transcription_settings: Mapping[str, Any]) -> dict[str, Any]:
    """The body of an async transcription create: its transcription settings."""
    settings = check.json_object(transcription_settings, "transcription_settings")
    if not settings:
        raise ValueError(
            "transcription_settings must name a provider, e.g. {'deepgram': {'language': 'en'}}"
        )
    return {"transcription_settings": settings}


def delete_transcript_query(async_transcription_id: str | None) -> dict[str, object]:
    """Which transcript to delete: the async transcription's, or (None) the meeting's."""
    if async_transcription_id is not None:
        check.require_text(async_transcription_id, "async_transcription_id")
    return {"async_transcription_id": async_transcription_id}


ASYNC_TRANSCRIPTION_HINT = (
    "the async transcription may have been made: read the bot's transcript with its id, or "
    "create again (the server allows a few per bot)"
)


def transcript_query(
    updated_after: datetime | None, split_on_turns: bool | None, async_transcription_id: str | None
) -> dict[str, object]:
    if split_on_turns is not None:
        check.flag(split_on_turns, "split_on_turns")
    # The server reads exactly "true"; anything else is the default.
    return {
        "updated_after": updated_after,
        "split_on_turns": True if split_on_turns else None,
        "async_transcription_id": async_transcription_id,
    }
