"""The transcription settings: ``TranscriptionSettings``, one shape per provider, and the
closed-caption languages.

Import them from ``attendee_client.types.settings``, which holds every settings shape; they
live here only so that each module stays short enough to read in one sitting.
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
    "CustomAsyncV2Settings",
    "DeepgramSettings",
    "ElevenLabsLanguage",
    "ElevenLabsSettings",
    "GladiaSettings",
    "GoogleMeetLanguage",
    "KyutaiSettings",
    "MeetingClosedCaptionsSettings",
    "OpenAIChunkingStrategy",
    "OpenAIServerVadChunking",
    "OpenAISettings",
    "SarvamLanguage",
    "SarvamSettings",
    "TeamsLanguage",
    "TranscriptionSettings",
    "ZoomLanguage",
]

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
    """A URL Deepgram sends the transcripts to directly (then the API does not have them)."""
    detect_language: bool
    """Detect one language for the whole audio (older models; prefer ``language="multi"``)."""
    keyterms: Sequence[str]
    """Terms to recognize better (``nova-3``, English only)."""
    keywords: Sequence[str]
    """Terms to recognize better (``nova-2`` only)."""
    language: str
    """The language code; default ``multi``: detected, and may change mid-meeting."""
    model: str
    """The model; default ``nova-3``."""
    redact: Sequence[Literal["pci", "pii", "numbers"]]
    """What to mask in the transcript."""
    replace: Sequence[str]
    """Find-and-replace pairs, ``"term:replacement"``."""
    use_eu_server: bool
    """Transcribe on Deepgram's EU server (default false)."""


class GladiaSettings(TypedDict, total=False):
    """Gladia's options: code switching between the listed languages."""

    code_switching_languages: Sequence[str]
    """The languages to switch between."""
    enable_code_switching: bool
    """Transcribe in several languages, switching as the speakers do."""


class OpenAIServerVadChunking(TypedDict, total=False):
    """Manual chunking by server-side voice activity detection (diarizing model only)."""

    type: Required[Literal["server_vad"]]
    """Always ``server_vad``."""
    prefix_padding_ms: int
    """Audio kept before detected speech, in milliseconds (default 300)."""
    silence_duration_ms: int
    """Silence that ends speech, in milliseconds (default 200)."""
    threshold: float
    """How loud speech must be, 0.0 to 1.0 (default 0.5)."""


OpenAIChunkingStrategy = Literal["auto"] | OpenAIServerVadChunking
"""``"auto"`` (the default) or server-side voice activity detection."""


class OpenAISettings(TypedDict, total=False):
    """OpenAI's options (``model`` is required)."""

    model: Required[
        Literal["gpt-4o-transcribe", "gpt-4o-mini-transcribe", "gpt-4o-transcribe-diarize"]
    ]
    """The transcription model."""
    prompt: str
    """Text that guides the transcription."""
    language: str
    """The ISO 639-1 language code, when known in advance (more accurate)."""
    response_format: Literal["json", "diarized_json"]
    """``diarized_json`` (the default) or ``json``; diarizing model only."""
    chunking_strategy: OpenAIChunkingStrategy
    """How the audio is cut; diarizing model only."""


# "from" is a keyword, so this one is spelt the functional way.
AssemblyAICustomSpelling = TypedDict("AssemblyAICustomSpelling", {"from": Sequence[str], "to": str})
AssemblyAICustomSpelling.__doc__ = """Spellings the engine replaces, keeping word timestamps.

Each spelling in ``from`` becomes ``to``.
"""


class AssemblyAILanguageDetectionOptions(TypedDict, total=False):
    """How AssemblyAI's language detection chooses."""

    expected_languages: Sequence[str]
    """The languages detection chooses from."""
    fallback_language: str
    """The language used when detection is unsure."""


class AssemblyAISettings(TypedDict, total=False):
    """AssemblyAI's options."""

    language_code: str
    """The language code."""
    language_detection: bool
    """Detect the spoken language."""
    language_detection_options: AssemblyAILanguageDetectionOptions
    """How the language is detected."""
    keyterms_prompt: Sequence[str]
    """Words or phrases to boost (``slam-1`` model only)."""
    custom_spelling: Sequence[AssemblyAICustomSpelling]
    """Misspellings replaced by the engine."""
    prompt: str
    """Context (topic, names, terms) of up to 1,500 words (``universal-3-5-pro`` only)."""
    speech_model: str
    """Deprecated: use ``speech_models``."""
    speech_models: Sequence[str]
    """Models in order of preference (default ``universal-3-5-pro``, ``universal-2``)."""
    speaker_labels: bool
    """Diarize speakers sharing one microphone (default false)."""
    use_eu_server: bool
    """Transcribe on AssemblyAI's EU server (default false)."""


class MeetingClosedCaptionsSettings(TypedDict, total=False):
    """Transcripts from the meeting's own closed captions, in the platform's language."""

    google_meet_language: GoogleMeetLanguage
    """The Google Meet caption language."""
    teams_language: TeamsLanguage
    """The Teams caption language (changes it for everyone)."""
    zoom_language: ZoomLanguage
    """The Zoom caption language (changes it for everyone; needs ``zoom_settings.sdk="web"``)."""
    merge_consecutive_captions: bool
    """Merge a speaker's captions that follow closely (Google Meet cuts them mid-sentence); default
    off."""


class SarvamSettings(TypedDict, total=False):
    """Sarvam's options."""

    model: str
    """The Sarvam model."""
    language_code: SarvamLanguage
    """The language (``unknown``: detect it)."""
    mode: Literal["transcribe", "translate", "verbatim", "translit", "codemix"]
    """What to produce."""


class ElevenLabsSettings(TypedDict, total=False):
    """ElevenLabs' options: the model is required."""

    model_id: Required[Literal["scribe_v1", "scribe_v1_experimental"]]
    """The ElevenLabs model."""
    language_code: ElevenLabsLanguage
    """The audio's language (ISO 639)."""
    tag_audio_events: bool
    """Tag sounds such as laughter in the transcript."""


class KyutaiSettings(TypedDict, total=False):
    """A Kyutai server (``ws://`` or ``wss://``; default: the project's credentials)."""

    server_url: str
    """The server's ``ws://`` or ``wss://`` URL; default: the project's credentials."""


class CustomAsyncV2Settings(TypedDict, total=False):
    """A self-hosted transcription service: request headers and multipart form fields."""

    headers: Mapping[str, str]
    """HTTP headers sent to the service (an auth token, say)."""
    form_data: Mapping[str, Any]
    """Multipart form fields sent with the audio file."""


class TranscriptionSettings(TypedDict, total=False):
    """Who transcribes the meeting: one provider's key with its options.

    For example ``{"deepgram": {"language": "en"}}``.
    """

    deepgram: DeepgramSettings
    """Transcribe with Deepgram."""
    gladia: GladiaSettings
    """Transcribe with Gladia."""
    openai: OpenAISettings
    """Transcribe with OpenAI."""
    assembly_ai: AssemblyAISettings
    """Transcribe with AssemblyAI."""
    meeting_closed_captions: MeetingClosedCaptionsSettings
    """Use the meeting's own closed captions."""
    sarvam: SarvamSettings
    """Transcribe with Sarvam."""
    elevenlabs: ElevenLabsSettings
    """Transcribe with ElevenLabs."""
    kyutai: KyutaiSettings
    """Transcribe with a Kyutai server."""
    # Self-hosted only; every key is sent on as form data.
    custom_async: Mapping[str, Any]
    """A self-hosted service (self-hosted Attendee only); every key is sent as form data."""
    custom_async_v2: CustomAsyncV2Settings
    """A self-hosted service (self-hosted Attendee only), with headers and form data apart."""
