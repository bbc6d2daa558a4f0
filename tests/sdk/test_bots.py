"""client.bots: every operation from both clients, against the fake (in process) and under
respx: success, the server's documented error bodies, bad arguments, retries."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
import respx

from attendee_client import (
    APIConnectionError,
    BadRequestError,
    Bot,
    BotEventSubType,
    BotEventType,
    BotState,
    ChatMessage,
    InternalServerError,
    NotFoundError,
    Participant,
    ParticipantEvent,
    ParticipantEventType,
    RateLimitError,
    Recording,
    RecordingState,
    TranscriptUtterance,
)
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import BASE_URL, Api, Client

UTC = timezone.utc
MEET = "https://meet.google.com/abc-defg-hij"
BOTS_URL = f"{BASE_URL}/api/v1/bots"
BOT_JSON: dict[str, Any] = {
    "id": "bot_jrVE3PpEkXWGGOAm",
    "metadata": {"tenant": "t1"},
    "meeting_url": "https://zoom.us/j/123456789?pwd=abc",
    "state": "joining",
    "events": [{"type": "join_requested", "created_at": "2026-11-25T02:58:22.600743Z"}],
    "transcription_state": "not_started",
    "recording_state": "not_started",
    "join_at": None,
    "deduplication_key": "probe-dd-1",
}
BOT_ID = BOT_JSON["id"]


def unchecked(value: object) -> Any:
    """A value of the wrong type, hidden from the type checker (the SDK must catch it)."""
    return value


def in_meeting(fake: FakeAttendeeServer, **fields: Any) -> str:
    bot = fake.add_bot(**fields)
    fake.advance_bot(bot["id"])  # joining -> joined_recording
    return str(bot["id"])


# --- the model -------------------------------------------------------------------------


def test_the_documented_bot_parses_and_round_trips() -> None:
    bot = Bot.from_dict(BOT_JSON)

    assert bot.state is BotState.JOINING
    assert bot.events[0].type is BotEventType.JOIN_REQUESTED
    assert bot.events[0].created_at == datetime(2026, 11, 25, 2, 58, 22, 600743, tzinfo=UTC)
    assert bot.events[0].sub_type is None
    assert bot.recording_state is RecordingState.NOT_STARTED
    assert bot.to_dict() == BOT_JSON


def test_unknown_states_and_event_types_are_kept_as_strings() -> None:
    data = {
        **BOT_JSON,
        "state": "hibernating",
        "events": [{"type": "dreamed", "created_at": "2026-11-25T02:58:22Z", "sub_type": "x"}],
        "recording_state": None,
        "new_field": 1,
    }
    bot = Bot.from_dict(data)
    assert bot.state == "hibernating"
    assert not isinstance(bot.state, BotState)
    assert bot.events[0].type == "dreamed"
    assert bot.events[0].sub_type == "x"


def test_final_states() -> None:
    assert {state for state in BotState if state.is_final} == {
        BotState.ENDED,
        BotState.FATAL_ERROR,
        BotState.DATA_DELETED,
    }


# --- create ----------------------------------------------------------------------------


def test_create_sends_only_the_fields_given_and_returns_the_bot(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post(BOTS_URL).respond(201, json=BOT_JSON)

    bot = api.call(
        lambda c: c.bots.create(
            meeting_url="https://zoom.us/j/123456789?pwd=abc",
            bot_name="Notes",
            join_at=datetime(2027, 1, 1, 10, 0, 0, 500000, tzinfo=timezone(timedelta(hours=2))),
            metadata={"tenant": "t1"},
            bot_image={"type": "image/png", "data": b"\x89PNG"},
            webhooks=[{"url": "https://app.test/hook", "triggers": ["bot.state_change"]}],
            recording_settings={"format": "mp3"},
            transcription_settings={"deepgram": {"language": "en"}},
        )
    )

    assert bot == Bot.from_dict(BOT_JSON)
    assert json.loads(route.calls.last.request.content) == {
        "meeting_url": "https://zoom.us/j/123456789?pwd=abc",
        "bot_name": "Notes",
        "join_at": "2027-01-01T08:00:00.500000Z",
        "metadata": {"tenant": "t1"},
        "bot_image": {"type": "image/png", "data": base64.b64encode(b"\x89PNG").decode()},
        "webhooks": [{"url": "https://app.test/hook", "triggers": ["bot.state_change"]}],
        "recording_settings": {"format": "mp3"},
        "transcription_settings": {"deepgram": {"language": "en"}},
    }


def test_create_against_the_fake_joins_or_schedules(fake_api: Api) -> None:
    now = fake_api.call(lambda c: c.bots.create(meeting_url=MEET + "?authuser=1", bot_name="A"))
    later = fake_api.call(
        lambda c: c.bots.create(
            meeting_url=MEET, bot_name="B", join_at=datetime(2030, 1, 1, tzinfo=UTC)
        )
    )

    assert now.state is BotState.JOINING
    assert now.meeting_url == MEET  # normalized by the server
    assert [event.type for event in now.events] == [BotEventType.JOIN_REQUESTED]
    assert later.state is BotState.SCHEDULED
    assert later.events == []
    assert later.join_at == datetime(2030, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"meeting_url": "https://example.com/x"}, "meeting_url"),
        ({"metadata": {}}, "metadata"),
    ],
)
def test_create_rejected_by_the_fake_gives_field_errors(
    fake_api: Api, arguments: dict[str, Any], field: str
) -> None:
    arguments = {"meeting_url": MEET, "bot_name": "A", **arguments}
    if field == "metadata":
        # Sent as is through extra_body: the SDK itself refuses an empty mapping.
        arguments.pop("metadata")
        options: dict[str, Any] = {"extra_body": {"metadata": {}}}
    else:
        options = {}

    with pytest.raises(BadRequestError) as caught:
        fake_api.call(lambda c: c.bots.create(**arguments, **options))

    assert field in caught.value.field_errors


def test_nested_field_errors_get_dotted_names(api: Api, mock: respx.MockRouter) -> None:
    mock.post(BOTS_URL).respond(
        400, json={"recording_settings": {"format": "Format must be mp4 or mp3 or 'none'"}}
    )

    with pytest.raises(BadRequestError) as caught:
        api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="A"))

    assert caught.value.field_errors == {
        "recording_settings.format": ["Format must be mp4 or mp3 or 'none'"]
    }
    assert "recording_settings.format: Format must be mp4" in str(caught.value)


BAD_CREATES: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({}, ValueError, "exactly one of meeting_url or calendar_event_id"),
    ({"meeting_url": MEET, "calendar_event_id": "evt_1"}, ValueError, "exactly one"),
    ({"calendar_event_id": "evt_1", "join_at": "2030-01-01T00:00:00Z"}, ValueError, "join_at"),
    ({"meeting_url": "zoom.us/j/1"}, ValueError, "meeting_url must start with"),
    ({"meeting_url": MEET, "bot_name": "Bot \U0001f916"}, ValueError, "bot_name cannot contain"),
    ({"meeting_url": MEET, "bot_name": ""}, ValueError, "bot_name must be a non-empty"),
    ({"meeting_url": MEET, "join_at": datetime(2030, 1, 1)}, ValueError, "join_at must be"),
    ({"meeting_url": MEET, "join_at": "tomorrow"}, ValueError, "join_at must be an ISO 8601"),
    ({"meeting_url": MEET, "metadata": {"a": 1}}, ValueError, r"metadata\['a'\] must be a string"),
    (
        {"meeting_url": MEET, "bot_image": {"type": "image/png"}},
        ValueError,
        "bot_image needs data",
    ),
    (
        {"meeting_url": MEET, "bot_image": {"type": "image/png", "data": "not base64!"}},
        ValueError,
        "bot_image.data must be bytes or base64",
    ),
    (
        {"meeting_url": MEET, "webhooks": [{"url": "http://a.example", "triggers": []}]},
        ValueError,
        r"webhooks\[0\].url must start with https://",
    ),
    (
        {"meeting_url": MEET, "webhooks": [{"url": "https://a", "triggers": []}] * 3},
        ValueError,
        "webhooks may hold at most 2",
    ),
    ({"meeting_url": MEET, "transcription_settings": "deepgram"}, TypeError, "mapping"),
    (
        {"meeting_url": MEET, "websocket_settings": {"audio": {"url": "https://x"}}},
        ValueError,
        r"websocket_settings.audio.url must start with wss:// or ws://$",
    ),
    (
        {"meeting_url": MEET, "external_media_storage_settings": {}},
        ValueError,
        "needs bucket_name",
    ),
    (
        {"meeting_url": MEET, "voice_agent_settings": {"reserve_resources": "yes"}},
        TypeError,
        "voice_agent_settings.reserve_resources must be a bool",
    ),
]


@pytest.mark.parametrize(("arguments", "error", "message"), BAD_CREATES)
def test_bad_create_arguments_are_rejected_before_sending(
    fake_api: Api,
    fake: FakeAttendeeServer,
    arguments: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    arguments = {"bot_name": "Notes", **arguments}

    with pytest.raises(error, match=message):
        fake_api.call(lambda c: c.bots.create(**arguments))

    assert fake.requests == []


def test_create_without_deduplication_key_is_sent_once(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post(BOTS_URL).mock(side_effect=[httpx.ReadTimeout("slow"), httpx.Response(201)])

    with pytest.raises(APIConnectionError) as caught:
        api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="A"))

    assert route.call_count == 1
    assert caught.value.outcome_unknown
    assert "deduplication_key" in str(caught.value)


def test_create_is_retried_on_429_even_without_a_key(api: Api, mock: respx.MockRouter) -> None:
    throttled = httpx.Response(
        429,
        json={"detail": "Request was throttled. Expected available in 60 seconds."},
        headers={"Retry-After": "60"},
    )
    route = mock.post(BOTS_URL).mock(side_effect=[throttled, httpx.Response(201, json=BOT_JSON)])

    assert api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="A")).id == BOT_ID
    assert route.call_count == 2
    assert api.sleeps == [60.0]


def test_create_with_deduplication_key_is_retried_and_finds_the_bot_it_made(
    api: Api, mock: respx.MockRouter
) -> None:
    in_use = {
        "error": "Deduplication key already in use. A bot in a non-terminal state with this "
        "deduplication key already exists. Please use a different deduplication key or wait "
        "for that bot to terminate."
    }
    create = mock.post(BOTS_URL).mock(
        side_effect=[httpx.ReadTimeout("slow"), httpx.Response(400, json=in_use)]
    )
    ended = {**BOT_JSON, "id": "bot_old", "state": "ended"}
    lookup = mock.get(BOTS_URL, params={"deduplication_key": "dd-1"}).respond(
        200, json={"next": None, "previous": None, "results": [ended, BOT_JSON]}
    )

    bot = api.call(
        lambda c: c.bots.create(meeting_url=MEET, bot_name="A", deduplication_key="dd-1")
    )

    assert bot.id == BOT_ID
    assert create.call_count == 2
    assert lookup.call_count == 1


def test_a_first_create_meeting_a_used_key_is_an_error(fake_api: Api) -> None:
    fake_api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="A", deduplication_key="k"))

    with pytest.raises(BadRequestError, match="Deduplication key already in use"):
        fake_api.call(
            lambda c: c.bots.create(meeting_url=MEET, bot_name="A", deduplication_key="k")
        )


# --- get, list, update, delete ------------------------------------------------------------


def test_get_and_not_found(fake_api: Api, fake: FakeAttendeeServer) -> None:
    added = fake.add_bot(metadata={"k": "v"})

    assert fake_api.call(lambda c: c.bots.get(added["id"])).metadata == {"k": "v"}
    with pytest.raises(NotFoundError) as caught:
        fake_api.call(lambda c: c.bots.get("bot_nope"))
    assert caught.value.body == {"error": "Bot not found"}


def test_get_is_retried_on_503(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(f"{BOTS_URL}/{BOT_ID}").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=BOT_JSON)]
    )
    assert api.call(lambda c: c.bots.get(BOT_ID)).id == BOT_ID
    assert route.call_count == 2


def test_list_filters_and_pages_oldest_first(fake_api: Api, fake: FakeAttendeeServer) -> None:
    ids = [fake.add_bot()["id"] for _ in range(30)]
    fake.set_bot_state(ids[3], "ended")
    scheduled = fake.add_bot(join_at=datetime(2030, 5, 1, tzinfo=UTC))["id"]

    assert [b.id for b in fake_api.list(lambda c: c.bots.list())] == [*ids, scheduled]
    ended = fake_api.list(lambda c: c.bots.list(states=[BotState.ENDED, "scheduled"]))
    assert [b.id for b in ended] == [ids[3], scheduled]
    after = fake_api.list(lambda c: c.bots.list(join_at_after=datetime(2030, 1, 1, tzinfo=UTC)))
    assert [b.id for b in after] == [scheduled]
    page = fake_api.call(lambda c: c.bots.list_page())
    assert len(page.items) == 25
    assert page.has_next


def test_list_sends_repeated_states(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(BOTS_URL).respond(200, json={"next": None, "previous": None, "results": []})

    api.call(lambda c: c.bots.list_page(states=["scheduled", "leaving"], meeting_url=MEET))

    assert route.calls.last.request.url.params.get_list("states") == ["scheduled", "leaving"]
    assert route.calls.last.request.url.params["meeting_url"] == MEET


def test_list_sends_a_state_the_sdk_does_not_know_passed_as_a_new_member(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.get(BOTS_URL).respond(200, json={"next": None, "previous": None, "results": []})

    api.call(lambda c: c.bots.list_page(states=[BotState("rebooting"), BotState.ENDED]))

    assert route.calls[0].request.url.params.get_list("states") == ["rebooting", "ended"]


def test_list_rejects_a_state_that_is_not_a_string(api: Api, mock: respx.MockRouter) -> None:
    route = mock.route().respond(200)
    with pytest.raises(TypeError, match=r"states\[0\] must be a BotState or its str value"):
        api.call(lambda c: c.bots.list_page(states=[unchecked(3)]))
    assert route.call_count == 0


UNKNOWN_SETTINGS: dict[str, Any] = {
    "recording_settings": {
        "format": "avi",
        "record_async_transcription_audio_chunks": True,
        "a_setting_from_the_future": {"nested": [1, 2]},
    },
    "bot_image": {"type": "image/webp", "data": "AA=="},
    "transcription_settings": {"deepgram": {"langauge": "en"}},
}


def test_create_sends_unknown_keys_and_values_unchanged(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post(BOTS_URL).respond(201, json=BOT_JSON)

    api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="A", **UNKNOWN_SETTINGS))

    sent = json.loads(route.calls[0].request.content)
    assert {key: sent[key] for key in UNKNOWN_SETTINGS} == UNKNOWN_SETTINGS


def test_a_known_key_of_the_wrong_type_is_still_refused(api: Api, mock: respx.MockRouter) -> None:
    route = mock.route().respond(201, json=BOT_JSON)
    with pytest.raises(TypeError, match=r"recording_settings\.format must be a str"):
        api.call(
            lambda c: c.bots.create(
                meeting_url=MEET, bot_name="A", recording_settings=unchecked({"format": 4})
            )
        )
    assert route.call_count == 0


def test_actions_send_values_the_sdk_does_not_know(api: Api, mock: respx.MockRouter) -> None:
    route = mock.route().respond(200)

    api.call(lambda c: c.bots.send_chat_message(BOT_ID, message="x", to=unchecked("host")))
    api.call(lambda c: c.bots.change_gallery_view_page(BOT_ID, direction=unchecked("up")))
    api.call(lambda c: c.bots.output_image(BOT_ID, b"x", content_type=unchecked("image/gif")))

    bodies = [json.loads(call.request.content) for call in route.calls]
    assert bodies[0]["to"] == "host"
    assert bodies[1] == {"direction": "up"}
    assert bodies[2]["type"] == "image/gif"


def test_update_sends_only_given_fields_and_refuses_in_the_wrong_state(
    fake_api: Api, fake: FakeAttendeeServer
) -> None:
    joining = fake.add_bot()["id"]

    bot = fake_api.call(lambda c: c.bots.update(joining, metadata={"k": "2"}))
    assert bot.metadata == {"k": "2"}
    assert json.loads(fake.requests[-1].body) == {"metadata": {"k": "2"}}
    with pytest.raises(BadRequestError, match="can only be updated when in the scheduled state"):
        fake_api.call(lambda c: c.bots.update(joining, bot_name="new"))


def test_delete_only_a_scheduled_bot(fake_api: Api, fake: FakeAttendeeServer) -> None:
    scheduled = fake.add_bot(join_at=datetime(2030, 1, 1, tzinfo=UTC))["id"]
    joining = fake.add_bot()["id"]

    assert fake_api.call(lambda c: c.bots.delete(scheduled)) is None
    with pytest.raises(BadRequestError) as caught:
        fake_api.call(lambda c: c.bots.delete(joining))
    assert caught.value.body == {
        "error": "Bot is in state joining but can only be deleted when in scheduled state"
    }
    assert [bot["id"] for bot in fake.bots] == [joining]


def test_a_retried_delete_that_meets_404_succeeded(api: Api, mock: respx.MockRouter) -> None:
    mock.delete(f"{BOTS_URL}/{BOT_ID}").mock(
        side_effect=[httpx.Response(502), httpx.Response(404, json={"error": "Bot not found"})]
    )
    assert api.call(lambda c: c.bots.delete(BOT_ID)) is None


# --- the life of a bot -------------------------------------------------------------------


def test_leave_then_delete_data_follow_the_state_machine(
    fake_api: Api, fake: FakeAttendeeServer
) -> None:
    bot_id = in_meeting(fake)

    left = fake_api.call(lambda c: c.bots.leave(bot_id))
    assert left.state is BotState.LEAVING
    assert left.events[-1].type is BotEventType.LEAVE_REQUESTED
    assert left.events[-1].sub_type is BotEventSubType.USER_REQUESTED
    with pytest.raises(BadRequestError, match="Event leave_requested not allowed"):
        fake_api.call(lambda c: c.bots.leave(bot_id))
    with pytest.raises(BadRequestError) as caught:
        fake_api.call(lambda c: c.bots.delete_data(bot_id))
    assert caught.value.body == {
        "error": "Bot is not in a state where the data deleted event can be created"
    }
    fake.advance_bot(bot_id, steps=2)
    assert fake_api.call(lambda c: c.bots.delete_data(bot_id)).state is BotState.DATA_DELETED


def test_leave_is_refused_for_a_scheduled_bot(fake_api: Api, fake: FakeAttendeeServer) -> None:
    bot_id = fake.add_bot(join_at=datetime(2030, 1, 1, tzinfo=UTC))["id"]
    with pytest.raises(BadRequestError, match="in state scheduled"):
        fake_api.call(lambda c: c.bots.leave(bot_id))


def test_pause_and_resume_recording(fake_api: Api, fake: FakeAttendeeServer) -> None:
    bot_id = in_meeting(fake)

    assert fake_api.call(lambda c: c.bots.pause_recording(bot_id)).state is (
        BotState.JOINED_RECORDING_PAUSED
    )
    with pytest.raises(BadRequestError, match="cannot pause recording"):
        fake_api.call(lambda c: c.bots.pause_recording(bot_id))
    assert fake_api.call(lambda c: c.bots.resume_recording(bot_id)).state is (
        BotState.JOINED_RECORDING
    )
    with pytest.raises(BadRequestError, match=r"cannot resume recording\."):
        fake_api.call(lambda c: c.bots.resume_recording(bot_id))


def test_actions_are_sent_once_and_retried_on_429(api: Api, mock: respx.MockRouter) -> None:
    chat = mock.post(f"{BOTS_URL}/{BOT_ID}/send_chat_message").mock(
        side_effect=[httpx.Response(503), httpx.Response(200)]
    )
    with pytest.raises(InternalServerError) as caught:
        api.call(lambda c: c.bots.send_chat_message(BOT_ID, message="hi"))
    assert chat.call_count == 1
    assert caught.value.outcome_unknown

    speech = mock.post(f"{BOTS_URL}/{BOT_ID}/speech").mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "1"}), httpx.Response(200)]
    )
    api.call(
        lambda c: c.bots.speech(
            BOT_ID,
            text="hello",
            text_to_speech_settings={"google": {"voice_language_code": "en-US", "voice_name": "x"}},
        )
    )
    assert speech.call_count == 2


def test_throttled_to_the_end_is_a_rate_limit_error(api: Api, mock: respx.MockRouter) -> None:
    mock.post(f"{BOTS_URL}/{BOT_ID}/output_video").respond(
        429, json={"detail": "Request was throttled."}, headers={"Retry-After": "0"}
    )
    with pytest.raises(RateLimitError):
        api.call(lambda c: c.bots.output_video(BOT_ID, url="https://cdn.test/v.mp4"))


MEDIA: list[tuple[Callable[[Client, str], Any], str, dict[str, Any] | None]] = [
    (
        lambda c, b: c.bots.send_chat_message(b, message="hi"),
        "send_chat_message",
        {"message": "hi", "to": "everyone"},
    ),
    (
        lambda c, b: c.bots.send_chat_message(
            b, message="psst", to="specific_user", to_user_uuid="u1"
        ),
        "send_chat_message",
        {"message": "psst", "to": "specific_user", "to_user_uuid": "u1"},
    ),
    (
        lambda c, b: c.bots.output_audio(b, b"ID3audio"),
        "output_audio",
        {"type": "audio/mp3", "data": base64.b64encode(b"ID3audio").decode()},
    ),
    (
        lambda c, b: c.bots.output_audio(b, "SUQzYXVkaW8="),
        "output_audio",
        {"type": "audio/mp3", "data": "SUQzYXVkaW8="},
    ),
    (
        lambda c, b: c.bots.output_image(b, b"\xff\xd8", content_type="image/jpeg"),
        "output_image",
        {"type": "image/jpeg", "data": base64.b64encode(b"\xff\xd8").decode()},
    ),
    (
        lambda c, b: c.bots.output_video(b, url="https://cdn.test/v.mp4", loop=True),
        "output_video",
        {"url": "https://cdn.test/v.mp4", "loop": True, "mute_video": False},
    ),
    (
        lambda c, b: c.bots.speech(
            b,
            text="hi",
            text_to_speech_settings={
                "google": {"voice_language_code": "en-US", "voice_name": "en-US-Casual-K"}
            },
        ),
        "speech",
        {
            "text": "hi",
            "text_to_speech_settings": {
                "google": {"voice_language_code": "en-US", "voice_name": "en-US-Casual-K"}
            },
        },
    ),
    (
        lambda c, b: c.bots.update_transcription_settings(
            b, transcription_settings={"meeting_closed_captions": {"google_meet_language": "fr-FR"}}
        ),
        "transcription_settings",
        {"transcription_settings": {"meeting_closed_captions": {"google_meet_language": "fr-FR"}}},
    ),
    (
        lambda c, b: c.bots.update_voice_agent_settings(b, url=""),
        "voice_agent_settings",
        {"url": ""},
    ),
    (lambda c, b: c.bots.admit_from_waiting_room(b), "admit_from_waiting_room", None),
    (
        lambda c, b: c.bots.change_gallery_view_page(b, direction="previous"),
        "change_gallery_view_page",
        "previous",
    ),  # type: ignore[list-item]
]


@pytest.mark.parametrize(("call", "action", "sent"), MEDIA)
def test_actions_reach_a_bot_in_a_meeting(
    fake_api: Api,
    fake: FakeAttendeeServer,
    call: Callable[[Client, str], Any],
    action: str,
    sent: Any,
) -> None:
    bot_id = in_meeting(fake, meeting_url="https://zoom.us/j/123456789?pwd=abc")

    assert fake_api.call(lambda c: call(c, bot_id)) is None

    assert fake.bot_actions(bot_id) == [(action, sent)]


@pytest.mark.parametrize(("call", "action", "sent"), MEDIA)
def test_actions_are_refused_before_the_bot_is_in_a_meeting(
    fake_api: Api,
    fake: FakeAttendeeServer,
    call: Callable[[Client, str], Any],
    action: str,
    sent: Any,
) -> None:
    bot_id = fake.add_bot(meeting_url="https://zoom.us/j/123456789?pwd=abc")["id"]

    with pytest.raises(BadRequestError, match="Bot is in state joining and cannot"):
        fake_api.call(lambda c: call(c, bot_id))


BAD_ACTIONS: list[tuple[Callable[[Client], Any], type[Exception], str]] = [
    (lambda c: c.bots.send_chat_message(BOT_ID, message=""), ValueError, "message"),
    (lambda c: c.bots.send_chat_message(BOT_ID, message="\U0001f600"), ValueError, "emojis"),
    (
        lambda c: c.bots.send_chat_message(BOT_ID, message="x", to="specific_user"),
        ValueError,
        "to_user_uuid is needed",
    ),
    (lambda c: c.bots.output_audio(BOT_ID, b""), ValueError, "data is empty"),
    (lambda c: c.bots.output_video(BOT_ID, url="http://cdn.test/v.mp4"), ValueError, "https://"),
    (lambda c: c.bots.output_video(BOT_ID, url="https://cdn.test/v.mov"), ValueError, ".mp4"),
    # As the server checks: the URL as given, so neither a query nor upper case passes.
    (lambda c: c.bots.output_video(BOT_ID, url="https://cdn.test/v.mp4?sig=1"), ValueError, ".mp4"),
    (lambda c: c.bots.output_video(BOT_ID, url="https://cdn.test/v.MP4"), ValueError, ".mp4"),
    (
        lambda c: c.bots.speech(
            BOT_ID, text="hi", text_to_speech_settings=unchecked({"google": {}})
        ),
        ValueError,
        "needs voice_language_code",
    ),
    (lambda c: c.bots.update_voice_agent_settings(BOT_ID), ValueError, "exactly one"),
    (lambda c: c.bots.update_voice_agent_settings(BOT_ID, url="http://x"), ValueError, "https://"),
    (
        lambda c: c.bots.update_transcription_settings(
            BOT_ID, transcription_settings=unchecked([])
        ),
        TypeError,
        "mapping",
    ),
    (lambda c: c.bots.get(""), ValueError, "bot_id must be a non-empty"),
    (
        lambda c: c.bots.transcript(BOT_ID, updated_after=datetime(2025, 1, 1)),
        ValueError,
        "timezone-aware",
    ),
    (
        lambda c: c.bots.transcript(BOT_ID, split_on_turns=unchecked("yes")),
        TypeError,
        "split_on_turns must be a bool",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_ACTIONS)
def test_bad_action_arguments_are_rejected_before_sending(
    api: Api,
    mock: respx.MockRouter,
    call: Callable[[Client], Any],
    error: type[Exception],
    message: str,
) -> None:
    route = mock.route().respond(200)
    with pytest.raises(error, match=message):
        api.call(call)
    assert route.call_count == 0


# --- what a bot recorded -----------------------------------------------------------------


def test_transcript_is_a_bare_array_in_time_order(fake_api: Api, fake: FakeAttendeeServer) -> None:
    bot_id = in_meeting(fake)
    fake.add_utterance(bot_id, "Hello")
    fake.add_utterance(bot_id, "", speaker_name="Bob")  # empty: skipped by the server
    fake.add_utterance(bot_id, "World", speaker_name="Bob", speaker_is_host=False)

    transcript = fake_api.call(lambda c: c.bots.transcript(bot_id))

    assert [u.text for u in transcript] == ["Hello", "World"]
    assert all(isinstance(u, TranscriptUtterance) for u in transcript)
    assert transcript[1].speaker_name == "Bob"
    assert transcript[0].timestamp_ms < transcript[1].timestamp_ms


def test_transcript_query(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(f"{BOTS_URL}/{BOT_ID}/transcript").respond(200, json=[])

    api.call(
        lambda c: c.bots.transcript(
            BOT_ID,
            updated_after=datetime(2025, 1, 1, tzinfo=UTC),
            split_on_turns=True,
            async_transcription_id="tran_1",
        )
    )

    assert route.calls.last.request.url.query == (
        b"updated_after=2025-01-01T00%3A00%3A00Z&split_on_turns=true&async_transcription_id=tran_1"
    )


def test_recording_exists_only_once_the_bot_ended(fake_api: Api, fake: FakeAttendeeServer) -> None:
    bot_id = in_meeting(fake)
    with pytest.raises(NotFoundError, match="No recording file found for bot"):
        fake_api.call(lambda c: c.bots.recording(bot_id))
    fake.advance_bot(bot_id, steps=2)

    recording = fake_api.call(lambda c: c.bots.recording(bot_id))

    assert isinstance(recording, Recording)
    assert recording.url.startswith("https://")


def test_chat_messages_participants_and_events_are_pages(
    fake_api: Api, fake: FakeAttendeeServer
) -> None:
    bot_id = in_meeting(fake)
    for number in range(30):
        fake.add_chat_message(bot_id, f"message {number}")
    alice = fake.add_participant(bot_id, "Alice", is_host=True)
    fake.add_participant(bot_id, "Bob")
    fake.add_participant_event(bot_id, alice["id"], "speech_start")

    messages = fake_api.list(lambda c: c.bots.chat_messages(bot_id))
    hosts = fake_api.list(lambda c: c.bots.participants(bot_id, is_host=True))
    events = fake_api.list(lambda c: c.bots.participant_events(bot_id))

    assert [m.text for m in messages] == [f"message {n}" for n in range(30)]
    assert all(
        isinstance(m, ChatMessage) and m.timestamp_ms == m.timestamp * 1000 for m in messages
    )
    assert [p.name for p in hosts] == ["Alice"]
    assert isinstance(hosts[0], Participant)
    assert [e.event_type for e in events] == [
        ParticipantEventType.JOIN,
        ParticipantEventType.JOIN,
        ParticipantEventType.SPEECH_START,
    ]
    assert isinstance(events[0], ParticipantEvent)


def test_sub_lists_send_their_filters(api: Api, mock: respx.MockRouter) -> None:
    empty: dict[str, Any] = {"next": None, "previous": None, "results": []}
    participants = mock.get(f"{BOTS_URL}/{BOT_ID}/participants").respond(200, json=empty)
    events = mock.get(f"{BOTS_URL}/{BOT_ID}/participant_events").respond(200, json=empty)

    api.list(lambda c: c.bots.participants(BOT_ID, is_host=False, participant_id="par_1"))
    api.list(
        lambda c: c.bots.participant_events(
            BOT_ID, after=datetime(2025, 1, 1, tzinfo=UTC), before=datetime(2025, 1, 2, tzinfo=UTC)
        )
    )

    assert participants.calls.last.request.url.query == b"is_host=false&id=par_1"
    assert events.calls.last.request.url.query == (
        b"after=2025-01-01T00%3A00%3A00Z&before=2025-01-02T00%3A00%3A00Z"
    )


def test_unknown_bot_on_every_sub_route_is_bot_not_found(fake_api: Api) -> None:
    for call in (
        lambda c: c.bots.transcript("bot_nope"),
        lambda c: c.bots.recording("bot_nope"),
        lambda c: c.bots.leave("bot_nope"),
    ):
        with pytest.raises(NotFoundError, match="Bot not found"):
            fake_api.call(call)
    with pytest.raises(NotFoundError, match="Bot not found"):
        fake_api.list(lambda c: c.bots.chat_messages("bot_nope"))


def test_polling_a_bot_until_it_ends(make_api: Any) -> None:
    fake = FakeAttendeeServer(auto_advance_bots=True, api_key="k")
    api = make_api(fake=fake, api_key="k", base_url="http://fake.test")
    bot = api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="A"))
    bot_id = bot.id
    seen = []
    while not (isinstance(bot.state, BotState) and bot.state.is_final):
        bot = api.call(lambda c: c.bots.get(bot_id))
        seen.append(bot.state)
    assert seen == [BotState.JOINED_RECORDING, BotState.POST_PROCESSING, BotState.ENDED]
    assert bot.recording_state is RecordingState.COMPLETE
