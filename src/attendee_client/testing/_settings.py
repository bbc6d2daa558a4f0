"""How the fake checks the settings objects of a create body, as the real server does with
its JSON schemas (jsonschema 4.23 messages; ``shared/api/bots.md``).

Only the top level of each object is checked: a key the server's schema does not have is
refused with the server's message, a key it has passes through untouched (the value of a
provider's options is not looked into).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

__all__ = [
    "TRIGGERS",
    "ObjectSchema",
    "check_settings",
    "schema_error",
    "webhook_refusal",
]

TRIGGERS = [
    "bot.state_change",
    "transcript.update",
    "chat_messages.update",
    "participant_events.join_leave",
    "calendar.events_update",
    "calendar.state_change",
    "async_transcription.state_change",
    "zoom_oauth_connection.state_change",
    "bot_logs.update",
    "participant_events.speech_start_stop",
]

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}


@attrs.frozen
class ObjectSchema:
    """A flat JSON schema of an object: its properties' JSON types ("" for any), the
    required ones, the strings that must not be empty, the enums; no other property."""

    properties: Mapping[str, str]
    required: tuple[str, ...] = ()
    non_empty: tuple[str, ...] = ()
    enums: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


def _is(value: object, kind: str) -> bool:
    return not kind or isinstance(value, _TYPES[kind])


def schema_error(value: object, schema: ObjectSchema) -> str | None:
    """The message jsonschema's ``validate`` gives for ``value``, or None when it is valid.

    Like its ``best_match``: the object's own errors (type, a missing property, extra
    properties) before its properties' (a wrong type before an empty string).
    """
    if not isinstance(value, dict):
        return f"{value!r} is not of type 'object'"
    for name in schema.required:
        if name not in value:
            return f"{name!r} is a required property"
    extras = sorted(name for name in value if name not in schema.properties)
    if extras:
        verb = "was" if len(extras) == 1 else "were"
        names = ", ".join(repr(name) for name in extras)
        return f"Additional properties are not allowed ({names} {verb} unexpected)"
    for name, kind in schema.properties.items():
        if name in value and not _is(value[name], kind):
            return f"{value[name]!r} is not of type '{kind}'"
    for name, allowed in schema.enums.items():
        if name in value and value[name] not in allowed:
            return f"{value[name]!r} is not one of {list(allowed)!r}"
    for name in schema.non_empty:
        if value.get(name) == "":
            return "'' should be non-empty"
    return None


TRANSCRIPTION = ObjectSchema(
    dict.fromkeys(
        [
            "deepgram",
            "gladia",
            "openai",
            "assembly_ai",
            "meeting_closed_captions",
            "sarvam",
            "elevenlabs",
            "kyutai",
            "custom_async",
            "custom_async_v2",
        ],
        "object",
    )
)
RECORDING = ObjectSchema(
    {
        "format": "string",
        "view": "string",
        "resolution": "string",
        "record_chat_messages_when_paused": "boolean",
        "record_async_transcription_audio_chunks": "boolean",
        "record_participant_speech_start_stop_events": "boolean",
        "reserve_additional_storage": "boolean",
    },
    enums={"resolution": ("1080p", "720p")},
)
# The other closed settings objects: their top-level keys (values not looked into).
_CLOSED = {
    "callback_settings": ObjectSchema({"zoom_tokens_url": "string"}),
    "external_media_storage_settings": ObjectSchema(
        {"bucket_name": "string", "recording_file_name": "string"}, required=("bucket_name",)
    ),
    "voice_agent_settings": ObjectSchema(
        dict.fromkeys(["url", "screenshare_url", "reserve_resources"], "")
    ),
    "websocket_settings": ObjectSchema(
        dict.fromkeys(["audio", "per_participant_audio", "per_participant_video"], "object")
    ),
    "google_meet_settings": ObjectSchema(
        dict.fromkeys(["use_login", "login_mode", "ui_interaction_mode", "login_group_name"], "")
    ),
    "teams_settings": ObjectSchema(
        dict.fromkeys(["use_login", "login_mode", "login_group_name"], "")
    ),
    "zoom_settings": ObjectSchema(dict.fromkeys(["sdk", "meeting_settings", "onbehalf_token"], "")),
}
AUTOMATIC_LEAVE = (
    "silence_timeout_seconds",
    "silence_activate_after_seconds",
    "only_participant_in_meeting_timeout_seconds",
    "wait_for_host_to_start_meeting_timeout_seconds",
    "waiting_room_timeout_seconds",
    "max_uptime_seconds",
    "enable_closed_captions_timeout_seconds",
    "authorized_user_not_in_meeting_timeout_seconds",
    "bot_keywords",
)
WEBHOOK = ObjectSchema({"url": "string", "triggers": "array"}, required=("url", "triggers"))


def _webhooks_error(webhooks: object) -> str | None:
    if not isinstance(webhooks, list):
        return f"{webhooks!r} is not of type 'array'"
    for webhook in webhooks:
        problem = schema_error(webhook, WEBHOOK)
        if problem:
            return problem
        if not webhook["url"].startswith("https://"):
            return f"{webhook['url']!r} does not match '^https://.*'"
        if not webhook["triggers"]:
            return "[] should be non-empty"
        for trigger in webhook["triggers"]:
            if trigger not in TRIGGERS:
                return f"{trigger!r} is not one of {TRIGGERS!r}"
    return None


def check_settings(data: Mapping[str, Any]) -> dict[str, Any]:
    """The errors of the settings objects of a create body, by field (empty: none)."""
    errors: dict[str, Any] = {}
    for field, schema in (
        ("transcription_settings", TRANSCRIPTION),
        ("recording_settings", RECORDING),
        *_CLOSED.items(),
    ):
        if data.get(field) is not None:
            problem = schema_error(data[field], schema)
            if problem:
                errors[field] = [problem]
    leave = data.get("automatic_leave_settings")
    if isinstance(leave, dict):
        unknown = [key for key in leave if key not in AUTOMATIC_LEAVE]
        if unknown:
            errors["automatic_leave_settings"] = [f"Unexpected attribute: {unknown[0]}"]
    if data.get("webhooks") is not None:
        problem = _webhooks_error(data["webhooks"])
        if problem:
            errors["webhooks"] = [problem]
    return errors


def webhook_refusal(webhooks: object) -> str | None:
    """What the server says when it subscribes a new bot's webhooks, or None."""
    if not isinstance(webhooks, list):
        return None
    urls: list[str] = []
    for webhook in webhooks:
        if webhook["url"] in urls:
            return "URL already subscribed for this bot"
        if len(urls) >= 2:
            return "You have reached the maximum number of webhooks for a single bot"
        urls.append(webhook["url"])
    return None
