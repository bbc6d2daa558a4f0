"""The shapes of nested settings a bot create (or update) sends.

They are ``TypedDict``s: pass plain dicts, and a type checker checks their keys and value
types. The SDK checks them again at run time, before anything is sent, and raises
TypeError/ValueError naming the argument and key. Settings whose shape depends on the
provider (``transcription_settings``) or that the server passes through are plain mappings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypedDict

__all__ = [
    "BotChatMessage",
    "BotImage",
    "CallbackSettings",
    "ExternalMediaStorageSettings",
    "GoogleTextToSpeech",
    "RecordingSettings",
    "RtmpSettings",
    "TextToSpeechSettings",
    "VoiceAgentSettings",
    "WebhookSubscription",
    "WebhookTrigger",
    "WebsocketAudio",
    "WebsocketSettings",
]

WebhookTrigger = Literal[
    "bot.state_change",
    "transcript.update",
    "chat_messages.update",
    "participant_events.join_leave",
    "participant_events.speech_start_stop",
    "calendar.events_update",
    "calendar.state_change",
    "async_transcription.state_change",
    "zoom_oauth_connection.state_change",
    "bot_logs.update",
]


class BotImage(TypedDict):
    """The image the bot shows: PNG or JPEG, as bytes (the SDK base64-encodes them) or as
    base64 text already."""

    type: Literal["image/png", "image/jpeg"]
    data: bytes | str


class _BotChatMessageRequired(TypedDict):
    message: str


class BotChatMessage(_BotChatMessageRequired, total=False):
    """A chat message the bot sends when it joins (as ``send_chat_message``)."""

    to: Literal["everyone", "specific_user", "everyone_but_host"]
    to_user_uuid: str


class WebhookSubscription(TypedDict):
    """A bot-level webhook: an ``https://`` URL and the triggers it receives."""

    url: str
    triggers: Sequence[WebhookTrigger | str]


class CallbackSettings(TypedDict, total=False):
    """URLs of your server the bot calls (``zoom_tokens_url``: Zoom tokens at join)."""

    zoom_tokens_url: str


class _ExternalMediaStorageRequired(TypedDict):
    bucket_name: str


class ExternalMediaStorageSettings(_ExternalMediaStorageRequired, total=False):
    """Upload the recording to your own bucket (credentials set in the project)."""

    recording_file_name: str


class VoiceAgentSettings(TypedDict, total=False):
    """A web page whose audio and video the bot streams into the meeting."""

    url: str
    screenshare_url: str
    reserve_resources: bool


class RecordingSettings(TypedDict, total=False):
    """How the bot records (server defaults: mp4, speaker view, 1080p)."""

    format: Literal["mp4", "mp3", "none"]
    view: Literal["speaker_view", "gallery_view", "speaker_view_no_sidebar"]
    resolution: Literal["1080p", "720p"]
    record_chat_messages_when_paused: bool
    reserve_additional_storage: bool


class RtmpSettings(TypedDict):
    """Stream the meeting to an RTMP server."""

    destination_url: str
    stream_key: str


class _WebsocketAudioRequired(TypedDict):
    url: str


class WebsocketAudio(_WebsocketAudioRequired, total=False):
    """A ``wss://`` websocket for real-time audio."""

    sample_rate: int


class WebsocketSettings(TypedDict, total=False):
    """Real-time media over websockets."""

    audio: WebsocketAudio
    per_participant_audio: WebsocketAudio
    per_participant_video: dict[str, str]


class GoogleTextToSpeech(TypedDict):
    """A Google Cloud voice: ``voice_language_code`` (``en-US``) and ``voice_name``."""

    voice_language_code: str
    voice_name: str


class TextToSpeechSettings(TypedDict):
    """The voice ``speech`` uses."""

    google: GoogleTextToSpeech
