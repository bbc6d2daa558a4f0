"""How the fake checks what is sent to create or change a bot, with the real server's
messages (``shared/api/bots.md``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from attendee_client.testing._app import Refusal
from attendee_client.testing._realtime import websocket_settings_errors
from attendee_client.testing._settings import check_settings
from attendee_client.testing._surface import body_fields, record_fields

__all__ = [
    "BOT_FIELDS",
    "CREATE_FIELDS",
    "bad",
    "bad_time",
    "check_create",
    "check_metadata",
    "normalize_meeting_url",
    "parse_time",
]

CREATE_FIELDS = body_fields("CreateBotRequest")
BOT_FIELDS = record_fields("Bot")
MEETING_HOSTS = ("zoom.us", "meet.google.com", "teams.microsoft.com", "teams.live.com")
WRONG_DATETIME = (
    "Datetime has wrong format. Use one of these formats instead: "
    "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
)


def bad_time(name: str) -> str:
    """The server's message for a query datetime it cannot read."""
    return f"Invalid {name} format. Use ISO 8601 format (e.g., 2024-01-18T12:34:56Z)"


def bad(field: str, message: str) -> Refusal:
    """A 400 with one message for one field."""
    return Refusal(400, {field: [message]})


def check_metadata(metadata: object) -> str | None:
    """What is wrong with ``metadata``, or None."""
    if not isinstance(metadata, dict):
        return "Metadata must be an object not an array or other type"
    if not metadata:
        return "Metadata must have at least one key"
    for key, value in metadata.items():
        if not isinstance(value, str):
            return f"Value for key '{key}' must be a string"
    return None


def normalize_meeting_url(url: str) -> str | None:
    """The URL as the server stores it, or None for one that is not a meeting's."""
    split = urlsplit(url)
    host = (split.hostname or "").lower()
    if split.scheme not in ("http", "https") or not any(
        host == known or host.endswith("." + known) for known in MEETING_HOSTS
    ):
        return None
    if host == "meet.google.com":
        return f"https://meet.google.com{split.path}"
    return url


def parse_time(text: object) -> datetime | None:
    """An aware datetime from ISO 8601 text, or None."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def check_create(
    data: Mapping[str, Any], now: datetime, *, app_session: bool = False
) -> dict[str, Any]:
    """The field errors of a create body (empty when there are none); an app session's has
    no meeting, name or time."""
    errors: dict[str, Any] = {}
    via_event = data.get("calendar_event_id") is not None
    required = () if app_session else ("bot_name",) if via_event else ("meeting_url", "bot_name")
    for field in required:
        if field not in data:
            errors[field] = ["This field is required."]
    url = data.get("meeting_url")
    normalized = normalize_meeting_url(url) if isinstance(url, str) else None
    if "meeting_url" in data and normalized is None and not app_session:
        errors["meeting_url"] = ["Invalid meeting URL"]
    name = data.get("bot_name")
    if isinstance(name, str) and any(ord(c) > 0xFFFF for c in name) and not app_session:
        errors["bot_name"] = ["Bot name cannot contain emojis or rare script characters."]
    if data.get("join_at") is not None and not app_session:
        join_at = parse_time(data["join_at"])
        if join_at is None:
            errors["join_at"] = [WRONG_DATETIME]
        elif join_at < now:
            errors["join_at"] = ["join_at cannot be in the past"]
    if "metadata" in data:
        problem = check_metadata(data["metadata"])
        if problem:
            errors["metadata"] = [problem]
    image = data.get("bot_image")
    if isinstance(image, dict) and image.get("type") not in ("image/png", "image/jpeg"):
        errors["bot_image"] = {"type": [f'"{image.get("type")}" is not a valid choice.']}
    errors.update(check_settings(data))
    if "websocket_settings" not in errors:  # wss://, ws:// on loopback
        errors.update(websocket_settings_errors(data.get("websocket_settings")))
    if isinstance(data.get("recording_settings"), dict) and "recording_settings" not in errors:
        form = data["recording_settings"].get("format", "mp4")
        if form not in ("mp4", "mp3", "none"):
            errors["recording_settings"] = {"format": "Format must be mp4 or mp3 or 'none'"}
    return errors
