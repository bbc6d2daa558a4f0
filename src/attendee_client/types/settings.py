"""The nested settings of a bot or app-session create, typed key by key from the server's
schema, so that a type checker catches a misspelt key or a value the server never takes.

They are ``TypedDict``s: pass plain dicts. The types are for the type checker only; at run
time the SDK sends what it is given, and a key or value this version does not know goes to
the server, which is the judge (a server that grows a setting needs no new SDK). Enum-valued
keys are ``Literal``s of what the server validates today. ``Required`` is for type checkers
only: at run time these classes do not tell required keys from optional ones.

This module is imported on first use, never by ``import attendee_client``. The transcription
shapes are written in ``_transcription`` (to keep each module short) and re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TypedDict

from attendee_client.types._transcription import (
    AssemblyAICustomSpelling,
    AssemblyAILanguageDetectionOptions,
    AssemblyAISettings,
    CustomAsyncV2Settings,
    DeepgramSettings,
    ElevenLabsLanguage,
    ElevenLabsSettings,
    GladiaSettings,
    GoogleMeetLanguage,
    KyutaiSettings,
    MeetingClosedCaptionsSettings,
    OpenAIChunkingStrategy,
    OpenAIServerVadChunking,
    OpenAISettings,
    SarvamLanguage,
    SarvamSettings,
    TeamsLanguage,
    TranscriptionSettings,
    ZoomLanguage,
)

if TYPE_CHECKING:
    from typing_extensions import Required

__all__ = [
    "AssemblyAICustomSpelling",
    "AssemblyAILanguageDetectionOptions",
    "AssemblyAISettings",
    "AutomaticLeaveSettings",
    "BotChatMessage",
    "BotImage",
    "CallbackSettings",
    "CustomAsyncV2Settings",
    "DebugSettings",
    "DeepgramSettings",
    "ElevenLabsLanguage",
    "ElevenLabsSettings",
    "ExternalMediaStorageSettings",
    "GladiaSettings",
    "GoogleMeetLanguage",
    "GoogleMeetSettings",
    "GoogleTextToSpeech",
    "KyutaiSettings",
    "MeetingClosedCaptionsSettings",
    "OpenAIChunkingStrategy",
    "OpenAIServerVadChunking",
    "OpenAISettings",
    "RecordingSettings",
    "RtmpSettings",
    "SarvamLanguage",
    "SarvamSettings",
    "TeamsLanguage",
    "TeamsSettings",
    "TextToSpeechSettings",
    "TranscriptionSettings",
    "VoiceAgentSettings",
    "WebhookSubscription",
    "WebhookTrigger",
    "WebsocketAudio",
    "WebsocketPerParticipantAudio",
    "WebsocketPerParticipantVideo",
    "WebsocketSettings",
    "ZoomLanguage",
    "ZoomMeetingSettings",
    "ZoomOnbehalfToken",
    "ZoomRtms",
    "ZoomSettings",
]

# --- recording, leaving, platforms ----------------------------------------------------------


class RecordingSettings(TypedDict, total=False):
    """How the bot records (server defaults: mp4, speaker view, 1080p, every flag off)."""

    format: Literal["mp4", "mp3", "none"]
    """``mp4`` (default), ``mp3``, or ``none`` for no recording."""
    view: Literal["speaker_view", "gallery_view", "speaker_view_no_sidebar"]
    """The layout recorded (default ``speaker_view``)."""
    resolution: Literal["1080p", "720p"]
    """Default ``1080p``."""
    record_chat_messages_when_paused: bool
    """Keep recording chat messages while the recording is paused."""
    record_async_transcription_audio_chunks: bool
    """Keep the audio that async (post-meeting) transcription needs."""
    record_participant_speech_start_stop_events: bool
    """Record when participants start and stop speaking (``participant_events.speech_start_stop``).
    """
    reserve_additional_storage: bool
    """Reserve room for more than 6 hours of video."""


class AutomaticLeaveSettings(TypedDict, total=False):
    """When the bot leaves by itself (seconds; ``bot_keywords`` tell other bots apart)."""

    silence_timeout_seconds: int
    """Leave after this much continuous silence (default 600)."""
    silence_activate_after_seconds: int
    """Start the silence timeout only after this long (default 1200)."""
    only_participant_in_meeting_timeout_seconds: int
    """Leave this long after everyone else left (default 60)."""
    wait_for_host_to_start_meeting_timeout_seconds: int
    """Give up when the host has not started the meeting after this long (default 600)."""
    waiting_room_timeout_seconds: int
    """Give up after this long in the waiting room (default 900)."""
    max_uptime_seconds: int
    """Leave after running this long (default: never)."""
    enable_closed_captions_timeout_seconds: int
    """Leave when closed captions could not be turned on (only at once, today; default: never)."""
    authorized_user_not_in_meeting_timeout_seconds: int
    """Leave when the on-behalf-of Zoom user is not in the meeting after this long (default 600)."""
    bot_keywords: Sequence[str]
    """Words in a participant's name that mark it as a bot (not counted as a participant);
    case-insensitive."""


class GoogleMeetSettings(TypedDict, total=False):
    """How a Google Meet bot signs in and behaves."""

    use_login: bool
    """Sign in with the project's Google Meet bot login before joining (default false)."""
    login_mode: Literal["always", "only_if_required"]
    """``always`` (default) or ``only_if_required`` by the meeting."""
    ui_interaction_mode: Literal["robotic", "humanized"]
    """``humanized`` (default; about 10 s slower to join, harder to detect) or ``robotic``."""
    login_group_name: str | None
    """The bot login group to sign in from (default: the oldest)."""


class TeamsSettings(TypedDict, total=False):
    """How a Microsoft Teams bot signs in."""

    use_login: bool
    """Sign in with the project's Teams bot login before joining (default false)."""
    login_mode: Literal["always", "only_if_required"]
    """``always`` (default) or ``only_if_required`` by the meeting."""
    login_group_name: str | None
    """The bot login group to sign in from (default: the oldest)."""


class ZoomMeetingSettings(TypedDict, total=False):
    """What participants may do in the Zoom meeting (the bot needs host rights)."""

    allow_participants_to_unmute_self: bool
    """Let participants unmute themselves."""
    allow_participants_to_share_whiteboard: bool
    """Let participants share a whiteboard."""
    allow_participants_to_request_cloud_recording: bool
    """Let participants ask for cloud recording."""
    allow_participants_to_request_local_recording: bool
    """Let participants ask for local recording."""
    allow_participants_to_share_screen: bool
    """Let participants share their screen."""
    allow_participants_to_chat: bool
    """Let participants chat."""
    enable_focus_mode: bool
    """Turn on focus mode."""


class ZoomOnbehalfToken(TypedDict, total=False):
    """Join on behalf of the user of this Zoom OAuth connection."""

    zoom_oauth_connection_user_id: Required[str]
    """The ``user_id`` of the Zoom OAuth connection to join as."""


class ZoomSettings(TypedDict, total=False):
    """Zoom specifics (``sdk="web"`` for closed-caption transcription; default native)."""

    sdk: Literal["web", "native"]
    """``native`` (default) or ``web`` (needed for closed-caption transcription)."""
    meeting_settings: ZoomMeetingSettings
    """What participants may do (the bot needs host rights)."""
    onbehalf_token: ZoomOnbehalfToken
    """Join on behalf of a connected Zoom user."""


class ZoomRtms(TypedDict, total=False):
    """The Zoom RTMS stream an app session connects to (from ``meeting.rtms_started``)."""

    meeting_uuid: Required[str]
    """The meeting's UUID, from the ``meeting.rtms_started`` payload."""
    rtms_stream_id: Required[str]
    """The stream's id, from the same payload; ``end`` finds the session by it."""
    server_urls: Required[str]
    """The stream's server URLs (``wss://…``), from the same payload."""
    operator_id: str
    """The operator's id, from the same payload, when there is one."""


# --- real-time media, streaming, callbacks, storage ------------------------------------------


class WebsocketAudio(TypedDict, total=False):
    """A ``wss://`` websocket for the meeting's audio in real time, and the bot's back."""

    url: Required[str]
    """The ``wss://`` URL."""
    sample_rate: Literal[8000, 16000, 24000]
    """Hertz; default 16000."""


class WebsocketPerParticipantAudio(TypedDict, total=False):
    """A ``wss://`` websocket for each participant's audio in real time."""

    url: Required[str]
    """The ``wss://`` URL."""
    sample_rate: Literal[8000, 16000]
    """Hertz; default 16000."""


class WebsocketPerParticipantVideo(TypedDict, total=False):
    """A ``wss://`` websocket for each participant's webcam and screen share frames."""

    url: Required[str]
    """The ``wss://`` URL."""
    webcam_resolution: Literal["none", "360p", "720p", "1080p"]
    """Webcam frames: ``360p`` (default, 2 fps), ``720p`` or ``1080p`` (1 fps), or ``none``."""
    screenshare_resolution: Literal["none", "360p", "720p", "1080p"]
    """Screen share frames, as ``webcam_resolution``."""


class WebsocketSettings(TypedDict, total=False):
    """Real-time media over websockets."""

    audio: WebsocketAudio
    """The meeting's mixed audio, both ways."""
    per_participant_audio: WebsocketPerParticipantAudio
    """Each participant's audio."""
    per_participant_video: WebsocketPerParticipantVideo
    """Each participant's webcam and screen share."""


class RtmpSettings(TypedDict, total=False):
    """Stream the meeting to an RTMP server."""

    destination_url: Required[str]
    """The RTMP server's URL (``rtmp://…``)."""
    stream_key: Required[str]
    """The stream key."""


class CallbackSettings(TypedDict, total=False):
    """URLs of your server the bot calls (``zoom_tokens_url``: Zoom tokens when it joins)."""

    zoom_tokens_url: str
    """Your endpoint that the bot POSTs to for Zoom tokens (``zak_token``, ``join_token``) when it
    joins."""


class ExternalMediaStorageSettings(TypedDict, total=False):
    """Upload the recording to your own bucket (credentials set in the project)."""

    bucket_name: Required[str]
    """The bucket to upload to."""
    recording_file_name: str
    """The recording's file name (default: the server's)."""


class VoiceAgentSettings(TypedDict, total=False):
    """A web page whose audio and video the bot streams into the meeting."""

    url: str
    """A page whose video and audio the bot streams as its webcam (meeting audio goes to its
    microphone)."""
    screenshare_url: str
    """As ``url``, shown as a screen share; not with ``url``."""
    reserve_resources: bool
    """Reserve resources to start a voice agent mid-meeting (default false)."""


class DebugSettings(TypedDict, total=False):
    """Debugging aids (``create_debug_recording``: record the attempt to join)."""

    create_debug_recording: bool
    """Record the attempt to join the meeting."""


# --- the bot's look, its messages, its webhooks, its voice -----------------------------------


class BotImage(TypedDict, total=False):
    """The image the bot shows: PNG or JPEG.

    The data is bytes (the SDK base64-encodes them) or base64 text already.
    """

    type: Required[Literal["image/png", "image/jpeg"]]
    """``image/png`` or ``image/jpeg``."""
    data: Required[bytes | str]
    """The image: bytes, or base64 text."""


class BotChatMessage(TypedDict, total=False):
    """A chat message the bot sends when it joins (as ``send_chat_message``)."""

    message: Required[str]
    """The text (under 10,000 characters, no emoji)."""
    to: Literal["everyone", "specific_user", "everyone_but_host"]
    """``everyone`` (default), ``specific_user`` or ``everyone_but_host``."""
    to_user_uuid: str | None
    """The participant's id, for ``specific_user``."""


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
"""What a webhook subscription is told about."""


class WebhookSubscription(TypedDict, total=False):
    """A bot-level webhook: an ``https://`` URL and the triggers it receives."""

    url: Required[str]
    """Your ``https://`` endpoint."""
    triggers: Required[Sequence[WebhookTrigger]]
    """The triggers it receives."""


class GoogleTextToSpeech(TypedDict, total=False):
    """A Google Cloud voice: ``voice_language_code`` (``en-US``) and ``voice_name``."""

    voice_language_code: Required[str]
    """The voice's language (``en-US``)."""
    voice_name: Required[str]
    """The voice's name."""


class TextToSpeechSettings(TypedDict, total=False):
    """The voice ``speech`` uses."""

    google: Required[GoogleTextToSpeech]
    """A Google Cloud voice (credentials in the project)."""
