"""Webhooks: the signature, checked against an independent implementation of the server's
algorithm in both directions and fuzzed; typed events per trigger; the fake's deliveries."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import assert_type

from attendee_client import (
    AttendeeClient,
    AttendeeError,
    BotEventType,
    BotState,
    CalendarState,
    ChatMessage,
    ParticipantEventType,
    ZoomOAuthConnectionState,
    webhooks,
)
from attendee_client.testing import FakeAttendeeServer
from attendee_client.types.webhooks import EVENT_TYPES

UTC = timezone.utc
SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
WIRE = (
    b'{"idempotency_key": "6f1c2b1e-0000-4000-8000-000000000001", "bot_id": "bot_abc", '
    b'"bot_metadata": {"tenant": "Zo\\u00eb"}, "trigger": "bot.state_change", "data": '
    b'{"event_type": "post_processing_completed", "event_sub_type": null, "event_metadata": '
    b'null, "old_state": "post_processing", "new_state": "ended", "created_at": '
    b'"2023-07-15T14:30:45.123456+00:00"}}'
)
SIGNATURE = "tHLwDUn87Fy4pWIIUMrDaiQ/DSCYkCILL14Wr+7RFT0="


def server_signature(payload: Any, secret: str) -> str:
    """The server's algorithm, written independently of the SDK (shared/api/webhooks.md)."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    mac = hmac.new(base64.b64decode(secret), canonical.encode("utf-8"), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


# --- the signature ---------------------------------------------------------------------


def test_the_documented_example_verifies() -> None:
    assert webhooks.verify_signature(WIRE, SIGNATURE, SECRET)
    assert webhooks.verify_signature(WIRE.decode(), SIGNATURE, SECRET)
    assert webhooks.sign_payload(WIRE, SECRET) == SIGNATURE
    assert webhooks.sign_payload(json.loads(WIRE), SECRET) == SIGNATURE


@pytest.mark.parametrize(
    "wrong",
    [
        "CJcKOCu+ayvuRoawwrTlNm1oaPSGZpMawsX91b0N/AI=",  # over the raw wire bytes
        "mL1H6ub2ah3H4L+wYpY7VKh8Etq5SeDYXGUCYvUFy2M=",  # the base64 text as the key
        "dpNUkX9Epta1Ba/mg4RYviJ+TQHxpx3RpWPTl1EOsIs=",  # canonical with ensure_ascii
        "",
        "not base64 at all",
        "tHLwDUn87Fy4pWIIUMrDaiQ/DSCYkCILL14Wr+7RFT0",  # padding cut
        "tHLwDUn87Fy4pWIIUMrDaiQ/DSCYkCILL14Wr+7RFT0=é",
    ],
)
def test_wrong_signatures_do_not_verify(wrong: str) -> None:
    assert not webhooks.verify_signature(WIRE, wrong, SECRET)
    with pytest.raises(webhooks.WebhookSignatureError):
        webhooks.construct_event(WIRE, wrong, SECRET)


def test_surrounding_whitespace_in_the_header_is_ignored() -> None:
    assert webhooks.verify_signature(WIRE, f" {SIGNATURE}\n", SECRET)


def test_a_changed_body_does_not_verify() -> None:
    assert not webhooks.verify_signature(WIRE.replace(b"ended", b"ENDED"), SIGNATURE, SECRET)
    assert not webhooks.verify_signature(b"not json", SIGNATURE, SECRET)
    assert not webhooks.verify_signature(b'{"a": NaN}', SIGNATURE, SECRET)


def test_key_order_and_whitespace_of_the_body_do_not_matter() -> None:
    reordered = json.dumps(dict(reversed(list(json.loads(WIRE).items()))), indent=2)
    assert webhooks.verify_signature(reordered, SIGNATURE, SECRET)
    assert webhooks.verify_signature(b" \r\n\t" + WIRE + b"\n", SIGNATURE, SECRET)
    assert webhooks.verify_signature(bytearray(WIRE), SIGNATURE, SECRET)  # type: ignore[arg-type]


def test_a_body_nested_beyond_the_parsers_depth_is_not_json() -> None:
    deep = b'{"trigger": "x", "data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert not webhooks.verify_signature(deep, SIGNATURE, SECRET)
    with pytest.raises(webhooks.WebhookPayloadError, match="not JSON"):
        webhooks.parse_event(deep)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_a_payload_json_cannot_carry_is_refused_when_signing(value: float) -> None:
    with pytest.raises(webhooks.WebhookPayloadError, match="a value JSON cannot carry"):
        webhooks.sign_payload({"trigger": "x", "data": {"n": value}}, SECRET)


def test_a_circular_payload_is_refused_when_signing() -> None:
    data: dict[str, Any] = {}
    data["self"] = data
    with pytest.raises(webhooks.WebhookPayloadError, match="a value JSON cannot carry"):
        webhooks.sign_payload({"trigger": "x", "data": data}, SECRET)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)
payloads = st.fixed_dictionaries(
    {"idempotency_key": st.uuids().map(str), "trigger": st.text(min_size=1), "data": json_values},
    optional={"bot_metadata": st.dictionaries(st.text(), st.text()) | st.none()},
)
secrets_ = st.binary(min_size=1, max_size=100).map(lambda key: base64.b64encode(key).decode())


@given(payload=payloads, secret=secrets_)
def test_the_sdk_signs_as_the_server_does(payload: dict[str, Any], secret: str) -> None:
    assert webhooks.sign_payload(payload, secret) == server_signature(payload, secret)


@given(payload=payloads, secret=secrets_, ascii_wire=st.booleans())
def test_what_the_server_signs_the_sdk_verifies(
    payload: dict[str, Any], secret: str, ascii_wire: bool
) -> None:
    body = json.dumps(payload, ensure_ascii=ascii_wire).encode()
    signature = server_signature(payload, secret)

    assert webhooks.verify_signature(body, signature, secret)
    assert not webhooks.verify_signature(
        body, server_signature({**payload, "x": 1}, secret), secret
    )
    event = webhooks.construct_event(body, signature, secret)
    assert event.idempotency_key == payload["idempotency_key"]


def test_the_secret_falls_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATTENDEE_WEBHOOK_SECRET", SECRET)
    assert webhooks.verify_signature(WIRE, SIGNATURE)
    assert webhooks.construct_event(WIRE, SIGNATURE).trigger == "bot.state_change"


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        (None, "no webhook secret: pass secret=... or set the ATTENDEE_WEBHOOK_SECRET"),
        ("not base64!", "the webhook secret is not base64 text"),
        ("", "the webhook secret is empty"),
        ("  ", "the webhook secret is empty"),
    ],
)
def test_an_unusable_secret_is_a_signature_error(
    monkeypatch: pytest.MonkeyPatch, secret: str | None, message: str
) -> None:
    monkeypatch.delenv("ATTENDEE_WEBHOOK_SECRET", raising=False)
    for call in (
        lambda: webhooks.verify_signature(WIRE, SIGNATURE, secret),
        lambda: webhooks.construct_event(WIRE, SIGNATURE, secret),
        lambda: webhooks.sign_payload(WIRE, secret),
    ):
        with pytest.raises(webhooks.WebhookSignatureError, match=message) as caught:
            call()
        assert isinstance(caught.value, AttendeeError)
        if secret:
            assert secret not in str(caught.value)


def test_a_missing_signature_header_is_named() -> None:
    with pytest.raises(webhooks.WebhookSignatureError, match="no X-Webhook-Signature header"):
        webhooks.construct_event(WIRE, None, SECRET)


def test_no_error_message_holds_the_secret_or_the_body() -> None:
    body = WIRE.replace(b"bot_abc", b"bot_secretvalue")
    messages = []
    calls: tuple[Callable[[], object], ...] = (
        lambda: webhooks.construct_event(body, SIGNATURE, SECRET),
        lambda: webhooks.construct_event(b'{"secretvalue": ', SIGNATURE, SECRET),
        lambda: webhooks.parse_event(b'["secretvalue"]'),
        lambda: webhooks.parse_event(
            b'{"trigger": "bot.state_change", "data": {"x": "secretvalue"}}'
        ),
    )
    for call in calls:
        with pytest.raises(webhooks.WebhookError) as caught:
            call()
        messages.append(str(caught.value))
    for message in messages:
        assert "secretvalue" not in message
        assert SECRET not in message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"{", "not JSON"),
        (b"", "not JSON"),
        (b'{"a": 1} trailing', "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"data": {}}', "has no trigger"),
        (b'{"trigger": ""}', "has no trigger"),
        (
            b'{"trigger": "bot.state_change", "idempotency_key": "k", "data": {}}',
            "bot.state_change event that does not fit",
        ),
    ],
)
def test_bad_payloads_are_payload_errors(body: bytes, message: str) -> None:
    with pytest.raises(webhooks.WebhookPayloadError, match=message):
        webhooks.parse_event(body)


def state_change(**data_changes: Any) -> dict[str, Any]:
    """The documented example's envelope, with ``data`` changed."""
    body: dict[str, Any] = json.loads(WIRE)
    body["data"].update(data_changes)
    return body


def shape_error(body: Any) -> str:
    with pytest.raises(webhooks.WebhookPayloadError) as caught:
        webhooks.parse_event(json.dumps(body))
    return str(caught.value)


def test_a_shape_error_says_the_field_is_missing() -> None:
    body = state_change()
    del body["data"]["event_metadata"]

    assert shape_error(body) == (
        "a bot.state_change event that does not fit its shape: data.event_metadata: missing"
    )


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"new_state": 5}, "data.new_state: expected str, got int"),
        ({"event_type": True}, "data.event_type: expected str, got bool"),
        ({"event_sub_type": 1.5}, "data.event_sub_type: expected str or null, got float"),
        (
            {"event_metadata": ["secretvalue"]},
            "data.event_metadata: expected object or null, got list",
        ),
        (
            {"created_at": 1700000000},
            "data.created_at: expected str (an ISO 8601 date-time), got int",
        ),
        (
            {"created_at": "secretvalue"},
            "data.created_at: not an ISO 8601 date-time with an offset",
        ),
        (
            {"created_at": "2023-07-15T14:30:45"},
            "data.created_at: not an ISO 8601 date-time with an offset",
        ),
    ],
)
def test_a_shape_error_says_which_type_was_expected_and_which_came(
    changes: dict[str, Any], problem: str
) -> None:
    message = shape_error(state_change(**changes))

    assert message == f"a bot.state_change event that does not fit its shape: {problem}"
    assert "secretvalue" not in message


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"idempotency_key": "k", "trigger": "bot.state_change"}, "data: missing"),
        (
            {"idempotency_key": "k", "trigger": "bot.state_change", "data": "x"},
            "data: expected object, got str",
        ),
        (
            {"idempotency_key": 7, "trigger": "calendar.state_change"},
            "idempotency_key: expected str, got int",
        ),
        ({"trigger": "calendar.state_change"}, "idempotency_key: missing; calendar_id: missing"),
    ],
)
def test_a_shape_error_names_envelope_fields(body: dict[str, Any], problem: str) -> None:
    assert problem in shape_error(body)


def test_a_shape_error_names_nested_fields_and_counts_the_rest() -> None:
    body = state_change()
    body["trigger"] = "transcript.update"
    body["data"] = {"timestamp_ms": "1700000000000", "speaker_is_host": "yes"}

    message = shape_error(body)

    assert message.startswith(
        "a transcript.update event that does not fit its shape: data.speaker_name: missing; "
    )
    assert "data.speaker_is_host: expected bool or null, got str" in message
    assert "data.timestamp_ms: expected int, got str" in message
    assert "data.transcription: missing" in message
    assert "1700000000000" not in message
    assert "yes" not in message


def test_a_shape_error_lists_at_most_eight_problems() -> None:
    body = {"trigger": "participant_events.join_leave", "data": {}}

    message = shape_error(body)

    assert message.count(": missing") == 8
    assert message.endswith("; and 1 more")


@attrs.frozen(kw_only=True)
class Point:
    x: float
    tags: list[str]


@attrs.frozen(kw_only=True)
class Shape:
    points: list[Point]
    extra: Any


def test_the_shape_walk_reads_lists_numbers_and_nested_models() -> None:
    value = {"points": [{"x": 1, "tags": []}, {"x": "1", "tags": ["a", 2]}, 3], "extra": None}

    assert webhooks._shape_problems(value, Shape) == (
        "points[1].x: expected float, got str; points[1].tags[1]: expected str, got int; "
        "points[2]: expected object, got int"
    )
    assert webhooks._shape_problems({"points": {}}, Shape) == (
        "points: expected list, got object; extra: missing"
    )


SECRET_TEXT = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=8)
hostile_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | SECRET_TEXT,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(SECRET_TEXT, children, max_size=3)
    ),
    max_leaves=10,
)


@given(
    trigger=st.sampled_from(sorted(EVENT_TYPES)),
    data=st.dictionaries(st.sampled_from(["id", "state", "created_at", "x"]), hostile_json),
    owner=hostile_json,
)
def test_no_shape_error_quotes_the_payload(trigger: str, data: dict[str, Any], owner: Any) -> None:
    body = json.dumps({"trigger": trigger, "bot_id": owner, "calendar_id": owner, "data": data})
    message = ""
    try:
        webhooks.parse_event(body)
    except webhooks.WebhookPayloadError as error:
        message = str(error)
    assert re.search("[A-Z]{8}", message) is None, message


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"data": {}}, "trigger: missing"),
        ({"trigger": ""}, "trigger: empty"),
        ({"trigger": ["secretvalue"]}, "trigger: expected str, got list"),
    ],
)
def test_a_missing_or_mistyped_trigger_is_named(body: dict[str, Any], problem: str) -> None:
    message = shape_error(body)
    assert message == f"the webhook body has no trigger ({problem})"


def test_a_body_of_another_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="body must be bytes or str"):
        webhooks.parse_event(5)  # type: ignore[arg-type]


# --- typed events ------------------------------------------------------------------------


def envelope(trigger: str, data: Any, **owner: Any) -> bytes:
    owner = owner or {"bot_id": "bot_abc", "bot_metadata": None}
    return json.dumps(
        {"idempotency_key": "k-1", **owner, "trigger": trigger, "data": data}
    ).encode()


def test_bot_state_change() -> None:
    event = webhooks.parse_event(WIRE)

    assert isinstance(event, webhooks.BotStateChangeEvent)
    assert event.bot_id == "bot_abc"
    assert event.bot_metadata == {"tenant": "Zoë"}
    assert event.data.event_type is BotEventType.POST_PROCESSING_COMPLETED
    assert event.data.new_state is BotState.ENDED
    assert event.data.created_at == datetime(2023, 7, 15, 14, 30, 45, 123456, tzinfo=UTC)


def test_app_session_envelope() -> None:
    body = json.loads(WIRE)
    del body["bot_id"], body["bot_metadata"]
    body.update(app_session_id="app_1", app_session_metadata={"a": "b"}, new_key=1)

    event = webhooks.parse_event(json.dumps(body))

    assert isinstance(event, webhooks.BotStateChangeEvent)
    assert (event.bot_id, event.app_session_id) == (None, "app_1")
    assert event.is_app_session
    assert (event.object_id, event.object_metadata) == ("app_1", {"a": "b"})


@pytest.mark.parametrize("state", ["connecting", "connected", "disconnecting"])
def test_an_app_session_id_in_bot_id_is_an_app_session(state: str) -> None:
    body = json.loads(WIRE)
    body.update(bot_id="app_Bw8Din5wBWfk7PQb", bot_metadata={"a": "b"})
    body["data"].update(event_type="app_session_connected", old_state="ready", new_state=state)

    event = webhooks.parse_event(json.dumps(body))

    assert isinstance(event, webhooks.BotStateChangeEvent)
    assert event.is_app_session
    assert (event.object_id, event.object_metadata) == ("app_Bw8Din5wBWfk7PQb", {"a": "b"})
    assert event.data.new_state is BotState(state)
    assert event.data.event_type is BotEventType.APP_SESSION_CONNECTED


def test_a_meeting_bot_is_no_app_session() -> None:
    event = webhooks.parse_event(WIRE)

    assert isinstance(event, webhooks.BotStateChangeEvent)
    assert not event.is_app_session
    assert (event.object_id, event.object_metadata) == ("bot_abc", {"tenant": "Zoë"})


UTTERANCE = {
    "speaker_name": "Alice",
    "speaker_uuid": "16778240",
    "speaker_user_uuid": None,
    "speaker_is_host": True,
    "timestamp_ms": 1700000000000,
    "duration_ms": 2300,
    "transcription": {"transcript": "Hello"},
}
CHAT = {
    "id": "msg_1",
    "text": "hi",
    "timestamp_ms": 1700000000000,
    "timestamp": 1700000000,
    "to": "everyone",
    "sender_name": "Alice",
    "sender_uuid": "1",
    "sender_user_uuid": None,
    "additional_data": {},
}
PARTICIPANT_EVENT: dict[str, Any] = {
    "id": "pe_1",
    "participant_name": "Alice",
    "participant_uuid": "1",
    "participant_user_uuid": None,
    "participant_is_host": False,
    "event_type": "join",
    "event_data": {},
    "timestamp_ms": 1700000000000,
}
SYNC = {
    "state": "disconnected",
    "connection_failure_data": {
        "error": "invalid_grant",
        "timestamp": "2023-07-15T14:30:45.123456+00:00",
    },
    "last_successful_sync_at": "2025-01-13T10:30:00.123456Z",
    "last_attempted_sync_at": "2025-01-13T11:00:00.123456Z",
}
CALENDAR_OWNER = {
    "calendar_id": "cal_1",
    "calendar_deduplication_key": None,
    "calendar_metadata": None,
}
CONNECTION_OWNER = {
    "zoom_oauth_connection_id": "zoc_1",
    "zoom_oauth_connection_metadata": {"tenant": "1"},
    "user_id": "u",
    "account_id": "a",
}


def test_each_trigger_has_its_class() -> None:
    transcript = webhooks.parse_event(envelope("transcript.update", UTTERANCE))
    silent = webhooks.parse_event(
        envelope("transcript.update", {**UTTERANCE, "transcription": None})
    )
    chat = webhooks.parse_event(envelope("chat_messages.update", CHAT))
    join = webhooks.parse_event(envelope("participant_events.join_leave", PARTICIPANT_EVENT))
    speech = webhooks.parse_event(
        envelope(
            "participant_events.speech_start_stop",
            {**PARTICIPANT_EVENT, "event_type": "speech_start"},
        )
    )
    log = webhooks.parse_event(
        envelope(
            "bot_logs.update",
            {
                "id": "log_1",
                "level": "info",
                "entry_type": "uncategorized",
                "message": "m",
                "created_at": "2025-01-13T10:30:00+00:00",
            },
        )
    )
    transcription = webhooks.parse_event(
        envelope(
            "async_transcription.state_change",
            {"state": "complete", "id": "tran_1", "failure_data": None},
        )
    )
    events_update = webhooks.parse_event(envelope("calendar.events_update", SYNC, **CALENDAR_OWNER))
    calendar_state = webhooks.parse_event(envelope("calendar.state_change", SYNC, **CALENDAR_OWNER))
    connection = webhooks.parse_event(
        envelope("zoom_oauth_connection.state_change", SYNC, **CONNECTION_OWNER)
    )

    assert isinstance(transcript, webhooks.TranscriptUpdateEvent)
    assert transcript.data.text == "Hello"
    assert isinstance(silent, webhooks.TranscriptUpdateEvent)
    assert silent.data.text == ""
    assert isinstance(chat, webhooks.ChatMessagesUpdateEvent)
    assert isinstance(chat.data, ChatMessage)
    assert isinstance(join, webhooks.ParticipantJoinLeaveEvent)
    assert join.data.event_type is ParticipantEventType.JOIN
    assert isinstance(speech, webhooks.ParticipantSpeechStartStopEvent)
    assert isinstance(log, webhooks.BotLogsUpdateEvent)
    assert log.data.created_at == datetime(2025, 1, 13, 10, 30, tzinfo=UTC)
    assert isinstance(transcription, webhooks.AsyncTranscriptionStateChangeEvent)
    assert transcription.data.state is webhooks.AsyncTranscriptionState.COMPLETE
    assert isinstance(events_update, webhooks.CalendarEventsUpdateEvent)
    assert isinstance(calendar_state, webhooks.CalendarStateChangeEvent)
    assert calendar_state.data.state is CalendarState.DISCONNECTED
    assert calendar_state.calendar_id == "cal_1"
    assert isinstance(connection, webhooks.ZoomOAuthConnectionStateChangeEvent)
    assert connection.data.state is ZoomOAuthConnectionState.DISCONNECTED
    assert connection.user_id == "u"


def test_an_unknown_trigger_is_a_generic_event_never_an_error() -> None:
    body = envelope("meeting.summary_ready", {"summary": "short"})

    event = webhooks.parse_event(body)

    assert isinstance(event, webhooks.UnknownWebhookEvent)
    assert event.trigger == "meeting.summary_ready"
    assert event.data == {"summary": "short"}
    assert event.raw["bot_id"] == "bot_abc"


def describe(event: webhooks.WebhookEvent) -> str:
    match event:
        case webhooks.BotStateChangeEvent(data=webhooks.BotStateChange(new_state=state)):
            return f"bot now {state}"
        case webhooks.UnknownWebhookEvent(trigger=trigger):
            return f"unknown {trigger}"
        case _:
            return event.trigger


def test_match_on_the_event_classes() -> None:
    event = webhooks.parse_event(WIRE)
    assert_type(event, webhooks.WebhookEvent)
    assert describe(event) == "bot now ended"
    assert describe(webhooks.parse_event(envelope("x.y", None))) == "unknown x.y"
    assert describe(webhooks.parse_event(envelope("chat_messages.update", CHAT))) == (
        "chat_messages.update"
    )


# --- the fake's deliveries -------------------------------------------------------------


class Received:
    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        self.lock = threading.Lock()


@pytest.fixture
def receiver() -> Iterator[tuple[str, Received]]:
    received = Received()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with received.lock:
                received.requests.append((dict(self.headers.items()), body))
                status = received.statuses.pop(0) if received.statuses else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks", received
    server.shutdown()
    server.server_close()


def test_the_fake_delivers_signed_events_when_a_bot_leaves(
    receiver: tuple[str, Received],
) -> None:
    url, received = receiver
    with FakeAttendeeServer(api_key="k") as fake:
        secret = fake.add_webhook(url, ["bot.state_change"], SECRET)
        with AttendeeClient(api_key="k", base_url=fake.base_url) as client:
            bot = client.bots.create(
                meeting_url="https://zoom.us/j/1", bot_name="A", metadata={"t": "ü"}
            )
            fake.advance_bot(bot.id)
            client.bots.leave(bot.id)
        assert fake.wait_for_deliveries(2)

    assert secret == SECRET
    headers, body = received.requests[-1]
    assert headers["Content-Type"] == "application/json"
    assert headers["User-Agent"] == "Attendee-Webhook/1.0"
    assert b'"t": "\\u00fc"' in body  # the wire form escapes non-ASCII; the signed one does not
    event = webhooks.construct_event(body, headers["X-Webhook-Signature"], secret)
    assert isinstance(event, webhooks.BotStateChangeEvent)
    assert event.bot_id == bot.id
    assert event.bot_metadata == {"t": "ü"}
    assert (event.data.old_state, event.data.new_state) == (
        BotState.JOINED_RECORDING,
        BotState.LEAVING,
    )
    assert event.data.event_type is BotEventType.LEAVE_REQUESTED


def test_the_fake_delivers_connection_and_calendar_changes(receiver: tuple[str, Received]) -> None:
    url, received = receiver
    fake = FakeAttendeeServer(api_key="k")
    secret = fake.add_webhook(url, ["zoom_oauth_connection.state_change", "calendar.state_change"])
    calendar = fake.add_calendar(deduplication_key="work")
    fake.disconnect_connection(fake.example_connection_id)
    fake.disconnect_calendar(calendar["id"])
    fake.add_bot()  # no subscription for bot events: nothing sent
    assert fake.wait_for_deliveries(2)
    fake.stop()

    events = [
        webhooks.construct_event(body, h["X-Webhook-Signature"], secret)
        for h, body in received.requests
    ]
    assert [type(e) for e in events] == [
        webhooks.ZoomOAuthConnectionStateChangeEvent,
        webhooks.CalendarStateChangeEvent,
    ]
    assert len({e.idempotency_key for e in events}) == 2
    assert [d.trigger for d in fake.webhook_deliveries] == [
        "zoom_oauth_connection.state_change",
        "calendar.state_change",
    ]


def test_a_failed_delivery_is_retried_at_most_three_times(receiver: tuple[str, Received]) -> None:
    url, received = receiver
    received.statuses = [500, 503, 500, 500, 204]
    fake = FakeAttendeeServer(api_key="k")
    fake.add_webhook(url, ["zoom_oauth_connection.state_change"])
    fake.disconnect_connection(fake.example_connection_id)
    fake.add_connection()
    fake.disconnect_connection(fake.connections[0]["id"])
    assert fake.wait_for_deliveries(2)
    fake.stop()

    first, second = fake.webhook_deliveries
    assert first.statuses == (500, 503, 500)
    assert not first.delivered
    assert second.statuses == (500, 204)
    assert second.delivered
    # A retry carries the same idempotency key: a receiver de-duplicates on it.
    keys = [json.loads(body)["idempotency_key"] for _, body in received.requests[3:]]
    assert keys[0] == keys[1]


def test_webhooks_go_only_to_this_machine() -> None:
    fake = FakeAttendeeServer()
    with pytest.raises(ValueError, match="only to this machine"):
        fake.add_webhook("https://example.com/hooks", ["bot.state_change"])
    with pytest.raises(ValueError, match="triggers"):
        fake.add_webhook("http://127.0.0.1:9/x", [])
