"""The shapes of nested settings, under their first names: each is now defined, with every
other settings shape, in ``attendee_client.types.settings``; these names stay for code that
imports them from here."""

from attendee_client.types.settings import (
    BotChatMessage,
    BotImage,
    CallbackSettings,
    ExternalMediaStorageSettings,
    GoogleTextToSpeech,
    RecordingSettings,
    RtmpSettings,
    TextToSpeechSettings,
    VoiceAgentSettings,
    WebhookSubscription,
    WebhookTrigger,
    WebsocketAudio,
    WebsocketSettings,
)

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
