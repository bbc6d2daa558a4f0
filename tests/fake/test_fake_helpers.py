"""The fake's helpers are typed, it answers HEAD as the real server does, and it can throttle
POSTs as the real server does (``shared/api/bots.md``: 429 with ``Retry-After``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from attendee_client.testing import (
    BotRecord,
    CalendarEventRecord,
    CalendarRecord,
    ChatMessageRecord,
    ConnectionRecord,
    FakeAttendeeServer,
    Fault,
    ParticipantEventRecord,
    ParticipantRecord,
    UtteranceRecord,
)
from attendee_client.types import (
    Bot,
    Calendar,
    CalendarEvent,
    ChatMessage,
    Participant,
    ParticipantEvent,
    TranscriptUtterance,
    ZoomOAuthConnection,
)

KEY = "helpers-key"
AUTH = {"Authorization": f"Token {KEY}"}
BOT_BODY = {"meeting_url": "https://zoom.us/j/1", "bot_name": "Notetaker"}


class Clock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def client_for(fake: FakeAttendeeServer) -> httpx.Client:
    return httpx.Client(
        transport=fake.transport(), base_url="http://fake.test/api/v1", headers=AUTH
    )


@pytest.fixture
def fake() -> FakeAttendeeServer:
    return FakeAttendeeServer(api_key=KEY)


@pytest.fixture
def http(fake: FakeAttendeeServer) -> Iterator[httpx.Client]:
    with client_for(fake) as client:
        yield client


# --- typed helpers -----------------------------------------------------------------------


def test_each_helper_returns_the_json_its_record_type_describes(fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot(metadata={"k": "v"})
    calendar = fake.add_calendar()
    records: list[tuple[Any, Any, Any]] = [
        (bot, BotRecord, Bot),
        (fake.advance_bot(bot["id"]), BotRecord, Bot),
        (fake.set_bot_state(bot["id"], "ended"), BotRecord, Bot),
        (fake.add_connection(), ConnectionRecord, ZoomOAuthConnection),
        (calendar, CalendarRecord, Calendar),
        (fake.add_calendar_event(calendar["id"]), CalendarEventRecord, CalendarEvent),
        (fake.disconnect_calendar(calendar["id"]), CalendarRecord, Calendar),
        (fake.add_utterance(bot["id"], "Hi"), UtteranceRecord, TranscriptUtterance),
        (fake.add_chat_message(bot["id"], "Hi"), ChatMessageRecord, ChatMessage),
    ]
    participant = fake.add_participant(bot["id"], "Ada")
    records.append((participant, ParticipantRecord, Participant))
    event = fake.add_participant_event(bot["id"], participant["id"], "leave")
    records.append((event, ParticipantEventRecord, ParticipantEvent))

    for record, record_type, model in records:
        assert set(record) == set(record_type.__annotations__), record_type
        assert model.from_dict(record).to_dict() == record


def test_the_stores_are_typed_lists_of_the_same_records(fake: FakeAttendeeServer) -> None:
    bot: BotRecord = fake.add_bot()
    calendar: CalendarRecord = fake.add_calendar(deduplication_key="work")

    assert fake.bots == [bot]
    assert fake.calendars == [calendar]
    assert [c["id"] for c in fake.connections] == [fake.example_connection_id]


def test_helpers_take_typed_keywords_and_datetimes(fake: FakeAttendeeServer) -> None:
    join_at = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)

    bot = fake.add_bot(join_at=join_at, deduplication_key="k-1")

    assert bot["state"] == "scheduled"
    assert bot["join_at"] == "2030-01-02T03:04:05Z"
    assert Bot.from_dict(bot).join_at == join_at


def test_a_misspelt_field_is_refused_at_run_time_too(fake: FakeAttendeeServer) -> None:
    with pytest.raises(TypeError, match="a bot has no field"):
        fake.add_bot(meeting_ur="https://zoom.us/j/1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="a chat message has no field"):
        fake.add_chat_message(fake.add_bot()["id"], "hi", sender="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="a participant has no field"):
        fake.add_participant(fake.add_bot()["id"], "Ada", host=True)  # type: ignore[call-arg]


# --- HEAD --------------------------------------------------------------------------------


def test_head_answers_with_the_headers_of_get_and_no_body(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = fake.add_bot()["id"]

    got = http.get(f"/bots/{bot_id}")
    head = http.head(f"/bots/{bot_id}")

    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Type"] == "application/json"
    assert head.headers["Content-Length"] == str(len(got.content))


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/bots/bot_nope", AUTH, 404),
        ("/nowhere", AUTH, 404),
        ("/bots", {}, 401),
        ("/bots/bot_x/leave", AUTH, 405),
    ],
)
def test_head_fails_as_get_would(
    fake: FakeAttendeeServer, path: str, headers: dict[str, str], status: int
) -> None:
    transport = httpx.Client(transport=fake.transport(), base_url="http://fake.test/api/v1")

    head = transport.head(path, headers=headers)

    assert head.status_code == status
    assert head.content == b""
    assert int(head.headers["Content-Length"]) > 0


def test_head_over_a_socket_sends_no_body() -> None:
    with FakeAttendeeServer(api_key=KEY) as server:
        bot_id = server.add_bot()["id"]
        url = f"{server.base_url}/api/v1/bots/{bot_id}"
        server.add_fault(Fault.respond(503, {"detail": "down"}), method="HEAD")
        with httpx.Client(headers=AUTH) as http:
            faulted = http.head(url)
            head = http.head(url)
            after = http.get(url)  # the connection is still in step

    assert faulted.status_code == 503
    assert faulted.content == b""
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Length"] == str(len(after.content))


# --- throttle ------------------------------------------------------------------------------


def test_the_fourth_post_in_a_minute_is_throttled_like_the_real_server() -> None:
    clock = Clock()
    fake = FakeAttendeeServer(api_key=KEY, throttle="3/min", clock=clock)
    with client_for(fake) as http:
        answers = [http.post("/bots", json=BOT_BODY) for _ in range(3)]
        throttled = http.post("/bots", json=BOT_BODY)

    assert [a.status_code for a in answers] == [201, 201, 201]
    assert throttled.status_code == 429
    assert throttled.json() == {
        "detail": "Request was throttled. Expected available in 60 seconds."
    }
    assert throttled.headers["Retry-After"] == "60"
    assert len(fake.bots) == 3


def test_the_wait_counts_from_the_oldest_post_and_ends_with_the_window() -> None:
    clock = Clock()
    fake = FakeAttendeeServer(api_key=KEY, throttle="2/m", clock=clock)
    with client_for(fake) as http:
        http.post("/bots", json={})  # refused with 400, but counted: the throttle runs first
        clock.now += 20
        http.post("/bots", json=BOT_BODY)
        clock.now += 19.5
        at_39_5 = http.post("/bots", json=BOT_BODY)
        clock.now += 20
        at_59_5 = http.post("/bots", json=BOT_BODY)
        clock.now += 0.5
        at_60 = http.post("/bots", json=BOT_BODY)

    assert at_39_5.headers["Retry-After"] == "21"
    assert at_59_5.json()["detail"] == "Request was throttled. Expected available in 1 second."
    assert at_59_5.headers["Retry-After"] == "1"
    assert at_60.status_code == 201


def test_throttled_posts_share_one_bucket_and_other_requests_are_never_throttled() -> None:
    fake = FakeAttendeeServer(api_key=KEY, throttle="1/hour", clock=Clock())
    bot_id = fake.add_bot()["id"]
    with client_for(fake) as http:
        first = http.post(f"/bots/{bot_id}/send_chat_message", json={"message": "hi"})
        calendar = http.post("/calendars", json={})
        connection = http.post("/zoom_oauth_connections", json={})
        free = [
            http.get("/bots"),
            http.get(f"/bots/{bot_id}"),
            http.patch(f"/bots/{bot_id}", json={"metadata": {"k": "v"}}),
            http.post(f"/bots/{bot_id}/leave"),
            http.post(f"/bots/{bot_id}/delete_data"),
        ]

    assert first.status_code == 400  # the bot is not in a meeting: counted all the same
    assert calendar.status_code == connection.status_code == 429
    assert calendar.headers["Retry-After"] == "3600"
    assert [a.status_code for a in free] == [200, 200, 200, 200, 400]


def test_a_request_with_a_wrong_key_is_refused_before_it_is_counted() -> None:
    fake = FakeAttendeeServer(api_key=KEY, throttle="1/s", clock=Clock())
    with httpx.Client(transport=fake.transport(), base_url="http://fake.test/api/v1") as http:
        refused = http.post("/bots", json=BOT_BODY, headers={"Authorization": "Token nope"})
        counted = http.post("/bots", json=BOT_BODY, headers=AUTH)

    assert refused.status_code == 401
    assert counted.status_code == 201


def test_a_throttle_of_zero_refuses_every_post_for_the_whole_period() -> None:
    fake = FakeAttendeeServer(api_key=KEY, throttle="0/day", clock=Clock())
    with client_for(fake) as http:
        answer = http.post("/bots", json=BOT_BODY)

    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "86400"


def test_the_clock_can_be_replaced_after_construction() -> None:
    fake = FakeAttendeeServer(api_key=KEY, throttle="1/min")
    clock = Clock()
    fake.clock = clock
    with client_for(fake) as http:
        http.post("/bots", json=BOT_BODY)
        clock.now += 61
        again = http.post("/bots", json=BOT_BODY)

    assert again.status_code == 201


@pytest.mark.parametrize("rate", ["3", "x/min", "3/fortnight", "-1/min", ""])
def test_a_rate_that_is_not_a_count_per_period_is_refused(rate: str) -> None:
    with pytest.raises(ValueError, match="throttle"):
        FakeAttendeeServer(throttle=rate)


def test_without_a_throttle_nothing_is_throttled(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    answers = [http.post("/bots", json=BOT_BODY).status_code for _ in range(10)]

    assert answers == [201] * 10


def test_a_recorded_request_keeps_the_key_out_of_its_repr(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    http.get("/bots")

    (request,) = fake.requests

    assert request.headers["authorization"] == f"Token {KEY}"
    assert KEY not in repr(request)
    assert "'authorization': '<redacted>'" in repr(request)
