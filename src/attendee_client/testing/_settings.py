"""How the fake checks the settings objects of a create body, as the real server does with
its JSON schemas (jsonschema 4.23 messages; ``shared/api/bots.md``).

The schemas are the packaged facts (``_surface``), not typed in here. Only the top level of
each object is checked: a key the server's schema does not have is refused with the
server's message, a key it has is checked for its JSON type and enum, and its value is not
looked into further (a provider's options, say).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attendee_client.testing._surface import ObjectSchema, body, webhook_triggers

__all__ = [
    "TRANSCRIPTION",
    "TRIGGERS",
    "ZOOM_RTMS",
    "check_settings",
    "schema_error",
    "webhook_refusal",
]

TRIGGERS = webhook_triggers()

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "integer": (int,),
    "number": (int, float),
}


def _is(value: object, kind: str) -> bool:
    if kind not in _TYPES:
        return True  # "any", or a type the fake does not look into
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False  # JSON Schema's numbers are not booleans
    return isinstance(value, _TYPES[kind])


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
    if extras and schema.closed:
        verb = "was" if len(extras) == 1 else "were"
        names = ", ".join(repr(name) for name in extras)
        return f"Additional properties are not allowed ({names} {verb} unexpected)"
    for name, kind in schema.properties.items():
        if name not in value or (value[name] is None and name in schema.nullable):
            continue
        if not _is(value[name], kind):
            return f"{value[name]!r} is not of type '{kind}'"
    for name, allowed in schema.enums.items():
        if name in value and value[name] not in allowed:
            if value[name] is None and name in schema.nullable:
                continue
            return f"{value[name]!r} is not one of {list(allowed)!r}"
    for name in schema.non_empty:
        if value.get(name) == "":
            return "'' should be non-empty"
    return None


_CREATE_BOT = body("CreateBotRequest")
TRANSCRIPTION = ObjectSchema.of(_CREATE_BOT["transcription_settings"])
ZOOM_RTMS = ObjectSchema.of(body("CreateAppSessionRequest")["zoom_rtms"])
# The server checks these with its own code and messages, not with their JSON schema.
_CHECKED_IN_CODE = ("automatic_leave_settings",)
# The closed settings objects of a create body, checked one level deep as the server's JSON
# schemas check them (the value of a provider's options is not looked into).
_SETTINGS = {
    field: ObjectSchema.of(facts)
    for field, facts in _CREATE_BOT.items()
    if field.endswith("_settings") and facts.get("closed") and field not in _CHECKED_IN_CODE
}
AUTOMATIC_LEAVE = tuple(_CREATE_BOT["automatic_leave_settings"]["properties"])
WEBHOOK = ObjectSchema.of(_CREATE_BOT["webhooks"]["items"])


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
    for field, schema in _SETTINGS.items():
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
