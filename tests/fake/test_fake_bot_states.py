"""A test steers the fake's bots through a meeting: to a state, along a per-poll schedule,
or into a failure with the real server's event shapes (``shared/api/bots.md``)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from attendee_client.testing import BotFailure, FakeAttendeeServer
from attendee_client.types import Bot, BotEventSubType, BotEventType, BotState
from tests.fake.conftest import KEY


def poll(http: httpx.Client, bot_id: str) -> dict[str, Any]:
    answer = http.get(f"/bots/{bot_id}")
    assert answer.status_code == 200
    data: dict[str, Any] = answer.json()
    return data


def event_types(bot: Any) -> list[str]:
    return [event["type"] for event in bot["events"]]


# --- advance -------------------------------------------------------------------------------


def test_advance_to_a_state_walks_the_meeting_with_the_servers_events(
    fake: FakeAttendeeServer,
) -> None:
    bot_id = fake.add_bot()["id"]

    bot = fake.advance_bot(bot_id, to="ended")

    assert bot["state"] == "ended"
    assert event_types(bot) == [
        "join_requested",
        "joined_meeting",
        "recording_permission_granted",
        "meeting_ended",
        "post_processing_completed",
    ]
    assert (bot["recording_state"], bot["transcription_state"]) == ("complete", "complete")


def test_advance_to_the_current_state_changes_nothing(fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot()

    assert fake.advance_bot(bot["id"], to="joining") == bot


def test_advance_to_a_state_behind_or_off_the_path_is_refused(fake: FakeAttendeeServer) -> None:
    bot_id = fake.advance_bot(fake.add_bot()["id"], to="joined_recording")["id"]

    with pytest.raises(ValueError, match="does not reach joining along a meeting"):
        fake.advance_bot(bot_id, to="joining")
    with pytest.raises(ValueError, match="use fail_bot"):
        fake.advance_bot(bot_id, to="fatal_error")
    assert fake.bots[0]["state"] == "joined_recording"


def test_advance_an_unknown_bot_names_it(fake: FakeAttendeeServer) -> None:
    with pytest.raises(KeyError, match="bot_nope"):
        fake.advance_bot("bot_nope", to="ended")


# --- fail ----------------------------------------------------------------------------------


def test_a_bot_that_cannot_join_fails_with_the_servers_event(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = fake.add_bot()["id"]

    fake.fail_bot(bot_id, "could_not_join_meeting", "meeting_not_found")
    served = poll(http, bot_id)

    assert served["state"] == "fatal_error"
    last = served["events"][-1]
    assert set(last) == {"type", "sub_type", "created_at"}
    assert (last["type"], last["sub_type"]) == ("could_not_join_meeting", "meeting_not_found")
    model = Bot.from_dict(served)
    assert model.state is BotState.FATAL_ERROR
    assert model.events[-1].type is BotEventType.COULD_NOT_JOIN_MEETING
    assert model.events[-1].sub_type is BotEventSubType.MEETING_NOT_FOUND


def test_a_crash_in_the_meeting_fails_the_recording(fake: FakeAttendeeServer) -> None:
    bot_id = fake.advance_bot(fake.add_bot()["id"], to="joined_recording")["id"]

    bot = fake.fail_bot(bot_id)

    assert bot["events"][-1]["type"] == "fatal_error"
    assert bot["events"][-1].get("sub_type") == "process_terminated"
    assert (bot["recording_state"], bot["transcription_state"]) == ("failed", "complete")


def test_could_not_join_defaults_to_meeting_not_found(fake: FakeAttendeeServer) -> None:
    bot = fake.fail_bot(fake.add_bot()["id"], event_type="could_not_join_meeting")

    assert bot["events"][-1].get("sub_type") == "meeting_not_found"


def test_a_failure_the_server_never_records_is_refused(fake: FakeAttendeeServer) -> None:
    bot_id = fake.advance_bot(fake.add_bot()["id"], to="joined_recording")["id"]

    with pytest.raises(ValueError, match="only allowed in these states: joining, waiting_room"):
        fake.fail_bot(bot_id, "could_not_join_meeting")
    with pytest.raises(ValueError, match="comes with one of these sub-types"):
        fake.fail_bot(bot_id, "fatal_error", "meeting_not_found")
    with pytest.raises(ValueError, match="fatal_error or could_not_join_meeting"):
        fake.fail_bot(bot_id, "left_meeting")
    ended = fake.advance_bot(fake.add_bot()["id"], to="ended")["id"]
    with pytest.raises(ValueError, match="not allowed when bot is in state ended"):
        fake.fail_bot(ended)


def test_a_failure_sends_the_state_change_webhook_with_its_sub_type() -> None:
    fake = FakeAttendeeServer(api_key=KEY)
    changes: list[tuple[Any, ...]] = []
    fake._bots.on_state_change.append(lambda bot, old, kind, sub: changes.append((old, kind, sub)))

    fake.fail_bot(fake.add_bot()["id"], "could_not_join_meeting", "request_to_join_denied")

    assert changes == [("joining", "could_not_join_meeting", "request_to_join_denied")]


# --- schedule ------------------------------------------------------------------------------


def test_each_poll_shows_the_next_scheduled_state(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = fake.add_bot()["id"]
    fake.schedule_bot(bot_id, ["joining", "joined_recording", "joined_recording", "ended"])

    states = [poll(http, bot_id)["state"] for _ in range(6)]

    assert states == [
        "joining",
        "joined_recording",
        "joined_recording",
        "ended",
        "ended",
        "ended",
    ]
    assert event_types(fake.bots[0])[-2:] == ["meeting_ended", "post_processing_completed"]


def test_a_schedule_can_end_in_a_failure(fake: FakeAttendeeServer, http: httpx.Client) -> None:
    bot_id = fake.add_bot()["id"]
    fake.schedule_bot(
        bot_id,
        ["joining", "joining", BotFailure("could_not_join_meeting", "request_to_join_denied")],
    )

    served = [poll(http, bot_id) for _ in range(4)]

    assert [bot["state"] for bot in served] == ["joining", "joining", "fatal_error", "fatal_error"]
    assert served[-1]["events"][-1]["sub_type"] == "request_to_join_denied"


def test_auto_advance_resumes_after_the_schedule() -> None:
    fake = FakeAttendeeServer(api_key=KEY, auto_advance_bots=True)
    bot_id = fake.add_bot()["id"]
    fake.schedule_bot(bot_id, ["joining", "joining"])
    with httpx.Client(
        transport=fake.transport(),
        base_url="http://fake.test/api/v1",
        headers={"Authorization": f"Token {KEY}"},
    ) as http:
        states = [poll(http, bot_id)["state"] for _ in range(4)]

    assert states == ["joining", "joining", "joined_recording", "post_processing"]


def test_a_schedule_step_the_bot_can_no_longer_take_is_skipped(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    bot_id = fake.add_bot()["id"]
    fake.schedule_bot(bot_id, ["joined_recording", "joined_recording", BotFailure()])

    poll(http, bot_id)
    assert http.post(f"/bots/{bot_id}/leave").status_code == 200
    fake.advance_bot(bot_id, to="ended")  # what the test (or a worker) did in the meantime
    states = [poll(http, bot_id)["state"] for _ in range(3)]

    assert states == ["ended", "ended", "ended"]


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (["joined_recording", "joining"], "step 2: a bot in state joined_recording does not"),
        (["ended", BotFailure()], "step 2: Event fatal_error not allowed"),
        (["joined_recording", BotFailure("could_not_join_meeting")], "step 2: Event could_not"),
        (["scheduled"], "step 1"),
    ],
)
def test_a_schedule_that_cannot_happen_is_refused_up_front(
    fake: FakeAttendeeServer, steps: list[str | BotFailure], message: str
) -> None:
    bot_id = fake.add_bot()["id"]

    with pytest.raises(ValueError, match=message):
        fake.schedule_bot(bot_id, steps)


def test_bot_failure_checks_its_pair() -> None:
    assert BotFailure() == BotFailure("fatal_error", "process_terminated")
    with pytest.raises(ValueError, match="comes with one of these sub-types"):
        BotFailure("could_not_join_meeting", "process_terminated")
