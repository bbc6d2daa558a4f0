"""The sample payloads of docs/webhooks.md: one for every trigger the SDK types, each signed
with a test secret as the server signs, verifying and parsing to its trigger's class."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest

from attendee_client import BotEventType, BotState, webhooks

DOC = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"
TEST_SECRET = base64.b64encode(bytes(range(100, 132))).decode()
CLASSES: dict[str, type[Any]] = {
    cls.TRIGGER: cls
    for cls in typing.get_args(webhooks.WebhookEvent)
    if cls is not webhooks.UnknownWebhookEvent
}


def doc_samples() -> list[tuple[str, str]]:
    """(heading, JSON text) of every sample under the page's "Sample payloads" heading."""
    page = DOC.read_text(encoding="utf-8")
    section = page.split("\n## Sample payloads\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^### (.+?)\n\n```json\n(.*?)\n```$", section, flags=re.M | re.S)


SAMPLES = doc_samples()


def server_signature(payload: Any, secret: str) -> str:
    """The server's algorithm as shared/api/webhooks.md states it, apart from the SDK's."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    mac = hmac.new(base64.b64decode(secret), canonical.encode("utf-8"), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def test_every_trigger_the_sdk_types_has_a_sample() -> None:
    assert len(SAMPLES) > len(CLASSES)  # plus the app session's state change
    assert {json.loads(text)["trigger"] for _, text in SAMPLES} == set(CLASSES)


@pytest.mark.parametrize(("heading", "text"), SAMPLES, ids=[heading for heading, _ in SAMPLES])
def test_a_sample_verifies_and_parses_to_its_class(heading: str, text: str) -> None:
    payload = json.loads(text)
    trigger = payload["trigger"]
    wire = json.dumps(payload).encode()  # as the server's `requests` sends it
    signature = server_signature(payload, TEST_SECRET)

    event = webhooks.construct_event(wire, signature, TEST_SECRET)

    assert heading.startswith(f"`{trigger}`")
    assert type(event) is CLASSES[trigger]
    assert event.idempotency_key == payload["idempotency_key"]
    assert webhooks.verify_signature(text, signature, TEST_SECRET)  # the page's text as is
    assert webhooks.sign_payload(wire, TEST_SECRET) == signature
    assert unknown_enum_values(event.data) == []


def unknown_enum_values(model: Any) -> list[str]:
    """Fields typed with an enum whose sample value the SDK does not know: a sample should
    show values the server really sends."""
    hints = typing.get_type_hints(type(model))
    unknown = []
    for field in attrs.fields(type(model)):
        value = getattr(model, field.name)
        enums = [t for t in typing.get_args(hints[field.name]) if isinstance(t, type)]
        if type(value) is str and any(issubclass(t, Enum) for t in enums):
            unknown.append(f"{field.name}={value}")
    return unknown


def test_the_app_session_sample_is_an_app_sessions_state_change() -> None:
    (text,) = [text for _, text in SAMPLES if '"app_session_id"' in text]
    payload = json.loads(text)
    body = json.dumps(payload).encode()

    event = webhooks.construct_event(body, server_signature(payload, TEST_SECRET), TEST_SECRET)

    assert isinstance(event, webhooks.BotStateChangeEvent)
    assert event.is_app_session
    assert event.bot_id is None
    assert event.object_id == event.app_session_id == payload["app_session_id"]
    assert payload["app_session_id"].startswith("app_")
    assert event.object_metadata == payload["app_session_metadata"]
    assert event.data.event_type is BotEventType.APP_SESSION_CONNECTED
    assert (event.data.old_state, event.data.new_state) == (
        BotState.CONNECTING,
        BotState.CONNECTED,
    )


def test_the_meeting_bot_samples_are_not_app_sessions() -> None:
    for _, text in SAMPLES:
        event = webhooks.parse_event(text)
        if isinstance(event, webhooks.BotWebhookEvent) and '"bot_id"' in text:
            assert not event.is_app_session
            assert event.object_id == event.bot_id
            assert event.object_id is not None
            assert event.object_id.startswith("bot_")
