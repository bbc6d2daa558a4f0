"""The nested settings of a bot or app-session create, typed key by key from the server's
schema, so that a type checker catches a misspelt key or a value the server never takes.

They are ``TypedDict``s: pass plain dicts. The types are for the type checker only; at run
time the SDK sends what it is given, and a key or value this version does not know goes to
the server, which is the judge (a server that grows a setting needs no new SDK). Enum-valued
keys are ``Literal``s of what the server validates today. ``Required`` is for type checkers
only: at run time these classes do not tell required keys from optional ones.

This module is imported on first use, never by ``import attendee_client``. It supersedes
``attendee_client.types.params``: the names found there mean the same here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict

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

# --- transcription: one shape per provider ------------------------------------------------

# fmt: off
GoogleMeetLanguage = Literal[
    "af-ZA", "am-ET", "ar-AE", "ar-EG", "ar-x-GULF", "ar-x-LEVANT", "ar-x-MAGHREBI", "az-AZ",
    "bg-BG", "bn-BD", "ca-ES", "cmn-Hans-CN", "cmn-Hant-TW", "cs-CZ", "de-DE", "el-GR", "en-AU",
    "en-GB", "en-IN", "en-PH", "en-US", "es-ES", "es-MX", "et-EE", "eu-ES", "fa-IR", "fi-FI",
    "fil-PH", "fr-CA", "fr-FR", "gl-ES", "gu-IN", "hi-IN", "hu-HU", "hy-AM", "id-ID", "is-IS",
    "it-IT", "iw-IL", "ja-JP", "jv-ID", "ka-GE", "kk-KZ", "km-KH", "kn-IN", "ko-KR", "lo-LA",
    "lt-LT", "lv-LV", "mk-MK", "ml-IN", "mn-MN", "mr-IN", "ms-MY", "my-MM", "nb-NO", "ne-NP",
    "nl-NL", "nso-ZA", "pl-PL", "pt-BR", "pt-PT", "ro-RO", "ru-RU", "rw-RW", "si-LK", "sk-SK",
    "sl-SI", "sq-AL", "sr-RS", "ss-latn-ZA", "st-ZA", "su-ID", "sv-SE", "sw", "ta-IN", "te-IN",
    "th-TH", "tn-latn-ZA", "tr-TR", "ts-ZA", "uk-UA", "ur-PK", "uz-UZ", "ve-ZA", "vi-VN", "xh-ZA",
    "zu-ZA"
]
"""A Google Meet closed-caption language (``en-US``)."""


TeamsLanguage = Literal[
    "ar-ae", "ar-sa", "bg-bg", "ca-es", "cs-cz", "cy-gb", "da-dk", "de-ch", "de-de", "el-gr",
    "en-au", "en-ca", "en-gb", "en-in", "en-nz", "en-us", "es-es", "es-mx", "et-ee", "fi-fi",
    "fr-ca", "fr-fr", "he-il", "hi-in", "hr-hr", "hu-hu", "id-id", "it-it", "ja-jp", "ko-kr",
    "lt-lt", "lv-lv", "nb-no", "nl-be", "nl-nl", "pl-pl", "pt-br", "pt-pt", "ro-ro", "ru-ru",
    "sk-sk", "sl-si", "sr-rs", "sv-se", "th-th", "tr-tr", "uk-ua", "vi-vn", "zh-cn", "zh-hk",
    "zh-tw"
]
"""A Teams closed-caption language (``en-us``); it changes the captions for everyone."""


ZoomLanguage = Literal[
    "Arabic", "Cantonese", "Chinese (Simplified)", "Czech", "Danish", "Dutch", "English",
    "Estonian", "Finnish", "French", "French (Canada)", "German", "Hebrew", "Hindi", "Hungarian",
    "Indonesian", "Italian", "Japanese", "Korean", "Malay", "Persian", "Polish", "Portuguese",
    "Romanian", "Russian", "Spanish", "Swedish", "Tagalog", "Tamil", "Telugu", "Thai", "Turkish",
    "Ukrainian", "Vietnamese"
]
"""A Zoom closed-caption language (``Spanish``); it changes the captions for everyone."""


ElevenLabsLanguage = Literal[
    "afr", "amh", "ara", "asm", "ast", "aze", "bak", "bas", "bel", "ben", "bhr", "bod", "bos",
    "bre", "bul", "cat", "ceb", "ces", "chv", "ckb", "cnh", "cre", "cym", "dan", "dav", "deu",
    "div", "dyu", "ell", "eng", "epo", "est", "eus", "fao", "fas", "fil", "fin", "fra", "fry",
    "ful", "gla", "gle", "glg", "guj", "hat", "hau", "heb", "hin", "hrv", "hsb", "hun", "hye",
    "ibo", "ina", "ind", "isl", "ita", "jav", "jpn", "kab", "kan", "kas", "kat", "kaz", "kea",
    "khm", "kin", "kir", "kln", "kmr", "kor", "kur", "lao", "lat", "lav", "lij", "lin", "lit",
    "ltg", "ltz", "lug", "luo", "mal", "mar", "mdf", "mhr", "mkd", "mlg", "mlt", "mon", "mri",
    "mrj", "msa", "mya", "myv", "nan", "nep", "nhi", "nld", "nor", "nso", "nya", "oci", "ori",
    "orm", "oss", "pan", "pol", "por", "pus", "quy", "roh", "ron", "rus", "sah", "san", "sat",
    "sin", "skr", "slk", "slv", "smo", "sna", "snd", "som", "sot", "spa", "sqi", "srd", "srp",
    "sun", "swa", "swe", "tam", "tat", "tel", "tgk", "tha", "tig", "tir", "tok", "ton", "tsn",
    "tuk", "tur", "twi", "uig", "ukr", "umb", "urd", "uzb", "vie", "vot", "vro", "wol", "xho",
    "yid", "yor", "yue", "zgh", "zho", "zul", "zza"
]
"""An ISO 639 language code ElevenLabs transcribes."""


SarvamLanguage = Literal[
    "bn-IN", "en-IN", "gu-IN", "hi-IN", "kn-IN", "ml-IN", "mr-IN", "od-IN", "pa-IN", "ta-IN",
    "te-IN", "unknown"
]
"""A language Sarvam transcribes (``unknown``: let it detect)."""
# fmt: on


class DeepgramSettings(TypedDict, total=False):
    """Deepgram's options (defaults: model ``nova-3``, language ``multi``, detected as it goes)."""

    callback: str
    detect_language: bool
    keyterms: Sequence[str]
    keywords: Sequence[str]
    language: str
    model: str
    redact: Sequence[Literal["pci", "pii", "numbers"]]
    replace: Sequence[str]
    use_eu_server: bool


class GladiaSettings(TypedDict, total=False):
    """Gladia's options: code switching between the listed languages."""

    code_switching_languages: Sequence[str]
    enable_code_switching: bool


class OpenAIServerVadChunking(TypedDict, total=False):
    """Manual chunking by server-side voice activity detection (diarizing model only)."""

    type: Required[Literal["server_vad"]]
    prefix_padding_ms: int
    silence_duration_ms: int
    threshold: float


OpenAIChunkingStrategy = Literal["auto"] | OpenAIServerVadChunking
"""``"auto"`` (the default) or server-side voice activity detection."""


class OpenAISettings(TypedDict, total=False):
    """OpenAI's options: the model is required; the format and chunking apply to the
    diarizing model only."""

    model: Required[
        Literal["gpt-4o-transcribe", "gpt-4o-mini-transcribe", "gpt-4o-transcribe-diarize"]
    ]
    prompt: str
    language: str
    response_format: Literal["json", "diarized_json"]
    chunking_strategy: OpenAIChunkingStrategy


# "from" is a keyword, so this one is spelt the functional way.
AssemblyAICustomSpelling = TypedDict("AssemblyAICustomSpelling", {"from": Sequence[str], "to": str})
AssemblyAICustomSpelling.__doc__ = """Spellings replaced by the engine: each of ``from`` by
``to``, word timestamps kept."""


class AssemblyAILanguageDetectionOptions(TypedDict, total=False):
    """How AssemblyAI's language detection chooses."""

    expected_languages: Sequence[str]
    fallback_language: str


class AssemblyAISettings(TypedDict, total=False):
    """AssemblyAI's options (``speech_models`` in order of preference; ``speech_model`` is
    deprecated)."""

    language_code: str
    language_detection: bool
    language_detection_options: AssemblyAILanguageDetectionOptions
    keyterms_prompt: Sequence[str]
    custom_spelling: Sequence[AssemblyAICustomSpelling]
    prompt: str
    speech_model: str
    speech_models: Sequence[str]
    speaker_labels: bool
    use_eu_server: bool


class MeetingClosedCaptionsSettings(TypedDict, total=False):
    """Transcripts from the meeting's own closed captions, in the platform's language."""

    google_meet_language: GoogleMeetLanguage
    teams_language: TeamsLanguage
    zoom_language: ZoomLanguage
    merge_consecutive_captions: bool


class SarvamSettings(TypedDict, total=False):
    """Sarvam's options."""

    model: str
    language_code: SarvamLanguage
    mode: Literal["transcribe", "translate", "verbatim", "translit", "codemix"]


class ElevenLabsSettings(TypedDict, total=False):
    """ElevenLabs' options: the model is required."""

    model_id: Required[Literal["scribe_v1", "scribe_v1_experimental"]]
    language_code: ElevenLabsLanguage
    tag_audio_events: bool


class KyutaiSettings(TypedDict, total=False):
    """A Kyutai server (``ws://`` or ``wss://``; default: the project's credentials)."""

    server_url: str


class CustomAsyncV2Settings(TypedDict, total=False):
    """A self-hosted transcription service: request headers and multipart form fields."""

    headers: Mapping[str, str]
    form_data: Mapping[str, Any]


class TranscriptionSettings(TypedDict, total=False):
    """Who transcribes the meeting: one provider's key with its options
    (``{"deepgram": {"language": "en"}}``)."""

    deepgram: DeepgramSettings
    gladia: GladiaSettings
    openai: OpenAISettings
    assembly_ai: AssemblyAISettings
    meeting_closed_captions: MeetingClosedCaptionsSettings
    sarvam: SarvamSettings
    elevenlabs: ElevenLabsSettings
    kyutai: KyutaiSettings
    # Self-hosted only; every key is sent on as form data.
    custom_async: Mapping[str, Any]
    custom_async_v2: CustomAsyncV2Settings


# --- recording, leaving, platforms ----------------------------------------------------------


class RecordingSettings(TypedDict, total=False):
    """How the bot records (server defaults: mp4, speaker view, 1080p, every flag off)."""

    format: Literal["mp4", "mp3", "none"]
    view: Literal["speaker_view", "gallery_view", "speaker_view_no_sidebar"]
    resolution: Literal["1080p", "720p"]
    record_chat_messages_when_paused: bool
    record_async_transcription_audio_chunks: bool
    record_participant_speech_start_stop_events: bool
    reserve_additional_storage: bool


class AutomaticLeaveSettings(TypedDict, total=False):
    """When the bot leaves by itself (seconds; ``bot_keywords`` tell other bots apart)."""

    silence_timeout_seconds: int
    silence_activate_after_seconds: int
    only_participant_in_meeting_timeout_seconds: int
    wait_for_host_to_start_meeting_timeout_seconds: int
    waiting_room_timeout_seconds: int
    max_uptime_seconds: int
    enable_closed_captions_timeout_seconds: int
    authorized_user_not_in_meeting_timeout_seconds: int
    bot_keywords: Sequence[str]


class GoogleMeetSettings(TypedDict, total=False):
    """How a Google Meet bot signs in and behaves."""

    use_login: bool
    login_mode: Literal["always", "only_if_required"]
    ui_interaction_mode: Literal["robotic", "humanized"]
    login_group_name: str | None


class TeamsSettings(TypedDict, total=False):
    """How a Microsoft Teams bot signs in."""

    use_login: bool
    login_mode: Literal["always", "only_if_required"]
    login_group_name: str | None


class ZoomMeetingSettings(TypedDict, total=False):
    """What participants may do in the Zoom meeting (the bot needs host rights)."""

    allow_participants_to_unmute_self: bool
    allow_participants_to_share_whiteboard: bool
    allow_participants_to_request_cloud_recording: bool
    allow_participants_to_request_local_recording: bool
    allow_participants_to_share_screen: bool
    allow_participants_to_chat: bool
    enable_focus_mode: bool


class ZoomOnbehalfToken(TypedDict, total=False):
    """Join on behalf of the user of this Zoom OAuth connection."""

    zoom_oauth_connection_user_id: Required[str]


class ZoomSettings(TypedDict, total=False):
    """Zoom specifics (``sdk="web"`` for closed-caption transcription; default native)."""

    sdk: Literal["web", "native"]
    meeting_settings: ZoomMeetingSettings
    onbehalf_token: ZoomOnbehalfToken


class ZoomRtms(TypedDict, total=False):
    """The Zoom RTMS stream an app session connects to (from ``meeting.rtms_started``)."""

    meeting_uuid: Required[str]
    rtms_stream_id: Required[str]
    server_urls: Required[str]
    operator_id: str


# --- real-time media, streaming, callbacks, storage ------------------------------------------


class WebsocketAudio(TypedDict, total=False):
    """A ``wss://`` websocket for the meeting's audio in real time, and the bot's back."""

    url: Required[str]
    sample_rate: Literal[8000, 16000, 24000]


class WebsocketPerParticipantAudio(TypedDict, total=False):
    """A ``wss://`` websocket for each participant's audio in real time."""

    url: Required[str]
    sample_rate: Literal[8000, 16000]


class WebsocketPerParticipantVideo(TypedDict, total=False):
    """A ``wss://`` websocket for each participant's webcam and screen share frames."""

    url: Required[str]
    webcam_resolution: Literal["none", "360p", "720p", "1080p"]
    screenshare_resolution: Literal["none", "360p", "720p", "1080p"]


class WebsocketSettings(TypedDict, total=False):
    """Real-time media over websockets."""

    audio: WebsocketAudio
    per_participant_audio: WebsocketPerParticipantAudio
    per_participant_video: WebsocketPerParticipantVideo


class RtmpSettings(TypedDict, total=False):
    """Stream the meeting to an RTMP server."""

    destination_url: Required[str]
    stream_key: Required[str]


class CallbackSettings(TypedDict, total=False):
    """URLs of your server the bot calls (``zoom_tokens_url``: Zoom tokens when it joins)."""

    zoom_tokens_url: str


class ExternalMediaStorageSettings(TypedDict, total=False):
    """Upload the recording to your own bucket (credentials set in the project)."""

    bucket_name: Required[str]
    recording_file_name: str


class VoiceAgentSettings(TypedDict, total=False):
    """A web page whose audio and video the bot streams into the meeting (``url``: as its
    webcam, ``screenshare_url``: as a screen share; ``reserve_resources`` to start later)."""

    url: str
    screenshare_url: str
    reserve_resources: bool


class DebugSettings(TypedDict, total=False):
    """Debugging aids (``create_debug_recording``: record the attempt to join)."""

    create_debug_recording: bool


# --- the bot's look, its messages, its webhooks, its voice -----------------------------------


class BotImage(TypedDict, total=False):
    """The image the bot shows: PNG or JPEG, as bytes (the SDK base64-encodes them) or as
    base64 text already."""

    type: Required[Literal["image/png", "image/jpeg"]]
    data: Required[bytes | str]


class BotChatMessage(TypedDict, total=False):
    """A chat message the bot sends when it joins (as ``send_chat_message``)."""

    message: Required[str]
    to: Literal["everyone", "specific_user", "everyone_but_host"]
    to_user_uuid: str | None


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
    triggers: Required[Sequence[WebhookTrigger]]


class GoogleTextToSpeech(TypedDict, total=False):
    """A Google Cloud voice: ``voice_language_code`` (``en-US``) and ``voice_name``."""

    voice_language_code: Required[str]
    voice_name: Required[str]


class TextToSpeechSettings(TypedDict, total=False):
    """The voice ``speech`` uses."""

    google: Required[GoogleTextToSpeech]
