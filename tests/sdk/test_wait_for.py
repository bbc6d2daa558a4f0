"""``bots.wait_for`` and ``app_sessions.wait_for`` on both clients: met, hopeless, timed
out, throttled; bounded by an injected clock that advances only when the waiter sleeps."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx

from attendee_client import (
    AttendeeError,
    Bot,
    BotFailedError,
    BotState,
    RateLimitError,
    WaitTimeoutError,
)
from attendee_client.resources._wait_decisions import FIRST_POLL_SECONDS, MAX_POLL_SECONDS
from tests.conftest import Api, ApiFactory
from tests.sdk.test_bots import BOT_ID, BOT_JSON, BOTS_URL

BOT_URL = f"{BOTS_URL}/{BOT_ID}"


@pytest.fixture
def timed_api(make_api: ApiFactory) -> Api:
    """Either client, whose clock is the time it has slept (so a wait of an hour is free)."""
    made: dict[str, Api] = {}
    api = made["api"] = make_api(clock=lambda: sum(made["api"].sleeps), max_retries=0)
    return api


def _bot(state: str, *events: dict[str, Any], **fields: Any) -> httpx.Response:
    body = {**BOT_JSON, "state": state, **fields}
    if events:
        body["events"] = list(events)
    return httpx.Response(200, json=body)


def _states(*states: str) -> Iterator[httpx.Response]:
    for state in states:
        yield _bot(state)


def test_waits_for_ended_by_default_backing_off_between_looks(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    route = mock.get(BOT_URL).mock(
        side_effect=_states("joining", "joined_recording", "post_processing", "ended")
    )

    bot = timed_api.call(lambda c: c.bots.wait_for(BOT_ID))

    assert isinstance(bot, Bot)
    assert bot.state is BotState.ENDED
    assert route.call_count == 4
    first, second, third = timed_api.sleeps
    assert 0.8 * FIRST_POLL_SECONDS <= first <= FIRST_POLL_SECONDS
    assert first < second < third <= MAX_POLL_SECONDS


def test_the_waits_never_pass_the_cap(timed_api: Api, mock: respx.MockRouter) -> None:
    mock.get(BOT_URL).mock(side_effect=[*_states(*["joining"] * 12), _bot("ended")])

    timed_api.call(lambda c: c.bots.wait_for(BOT_ID, timeout=3600))

    assert max(timed_api.sleeps) <= MAX_POLL_SECONDS
    assert timed_api.sleeps[-1] >= 0.8 * MAX_POLL_SECONDS


def test_a_fixed_poll_interval_is_used_as_given(timed_api: Api, mock: respx.MockRouter) -> None:
    mock.get(BOT_URL).mock(side_effect=_states("joining", "joining", "ended"))

    timed_api.call(lambda c: c.bots.wait_for(BOT_ID, poll_interval=2.5))

    assert timed_api.sleeps == [2.5, 2.5]


def test_until_may_be_several_states_or_a_test_of_the_bot(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    mock.get(BOT_URL).mock(
        side_effect=[
            _bot("joining"),
            _bot("joined_recording"),
            _bot("ended", transcription_state="in_progress"),
            _bot("ended", transcription_state="complete"),
        ]
    )

    in_meeting = timed_api.call(
        lambda c: c.bots.wait_for(BOT_ID, until=[BotState.JOINED_RECORDING, "waiting_room"])
    )
    transcribed = timed_api.call(
        lambda c: c.bots.wait_for(BOT_ID, until=lambda b: b.transcription_state == "complete")
    )

    assert in_meeting.state is BotState.JOINED_RECORDING
    assert transcribed.transcription_state == "complete"


FAILED = {
    "type": "could_not_join_meeting",
    "sub_type": "meeting_not_found",
    "created_at": "2026-11-30T12:00:00Z",
}


def test_a_fatal_error_fails_at_once_naming_the_last_event(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    route = mock.get(BOT_URL).mock(side_effect=[_bot("joining"), _bot("fatal_error", FAILED)])

    with pytest.raises(BotFailedError) as caught:
        timed_api.call(lambda c: c.bots.wait_for(BOT_ID))

    assert route.call_count == 2
    assert isinstance(caught.value, AttendeeError)
    assert caught.value.bot.state is BotState.FATAL_ERROR
    message = str(caught.value)
    assert "could_not_join_meeting / meeting_not_found" in message
    assert BOT_ID in message


@pytest.mark.parametrize(
    ("until", "state"),
    [(BotState.JOINED_RECORDING, "ended"), (BotState.ENDED, "data_deleted")],
)
def test_a_final_state_the_wait_cannot_be_met_from_fails(
    timed_api: Api, mock: respx.MockRouter, until: BotState, state: str
) -> None:
    mock.get(BOT_URL).mock(side_effect=[_bot(state)])

    with pytest.raises(BotFailedError, match=f"is {state}"):
        timed_api.call(lambda c: c.bots.wait_for(BOT_ID, until=until))


def test_a_test_of_the_bot_keeps_waiting_after_ended(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    mock.get(BOT_URL).mock(side_effect=[_bot("ended"), _bot("ended", recording_state="complete")])

    bot = timed_api.call(
        lambda c: c.bots.wait_for(BOT_ID, until=lambda b: b.recording_state == "complete")
    )

    assert bot.recording_state == "complete"


def test_the_timeout_fails_within_one_look_holding_the_last_bot(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    route = mock.get(BOT_URL).mock(return_value=_bot("joining"))

    with pytest.raises(WaitTimeoutError) as caught:
        timed_api.call(lambda c: c.bots.wait_for(BOT_ID, timeout=20.0))

    assert isinstance(caught.value, TimeoutError)
    assert caught.value.bot.state is BotState.JOINING
    assert caught.value.timeout == 20.0
    assert sum(timed_api.sleeps) == pytest.approx(20.0)  # never slept past the deadline
    assert route.call_count == len(timed_api.sleeps) + 1  # and looked once more at it
    assert "was not ended after 20 s (still joining" in str(caught.value)


def test_a_429_waits_as_long_as_the_server_asks(timed_api: Api, mock: respx.MockRouter) -> None:
    throttled = httpx.Response(429, json={"detail": "slow down"}, headers={"Retry-After": "7"})
    mock.get(BOT_URL).mock(side_effect=[_bot("joining"), throttled, _bot("ended")])

    bot = timed_api.call(lambda c: c.bots.wait_for(BOT_ID))

    assert bot.state is BotState.ENDED
    assert timed_api.sleeps[1] == 7.0


def test_a_429_without_retry_after_waits_the_usual_while(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    throttled = httpx.Response(429, json={"detail": "slow down"})
    mock.get(BOT_URL).mock(side_effect=[_bot("joining"), throttled, _bot("ended")])

    bot = timed_api.call(lambda c: c.bots.wait_for(BOT_ID, poll_interval=3.0))

    assert bot.state is BotState.ENDED
    assert timed_api.sleeps == [3.0, 3.0]


def test_a_429_on_the_first_look_is_raised(timed_api: Api, mock: respx.MockRouter) -> None:
    throttled = httpx.Response(429, json={"detail": "slow down"}, headers={"Retry-After": "7"})
    mock.get(BOT_URL).mock(side_effect=[throttled])

    with pytest.raises(RateLimitError):
        timed_api.call(lambda c: c.bots.wait_for(BOT_ID))


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"timeout": 0}, ValueError, "timeout must be a positive"),
        ({"timeout": float("nan")}, ValueError, "timeout must be a positive"),
        ({"poll_interval": -1}, ValueError, "poll_interval must be a positive"),
        ({"timeout": "10"}, TypeError, "timeout must be a number"),
        ({"until": []}, ValueError, "at least one state"),
        ({"until": 3}, TypeError, "until must be a state"),
    ],
)
def test_bad_arguments_are_refused_before_looking(
    timed_api: Api,
    mock: respx.MockRouter,
    arguments: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    route = mock.route().respond(200, json=BOT_JSON)
    with pytest.raises(error, match=message):
        timed_api.call(lambda c: c.bots.wait_for(BOT_ID, **arguments))
    assert route.call_count == 0


def test_on_poll_sees_the_bot_after_each_look(timed_api: Api, mock: respx.MockRouter) -> None:
    mock.get(BOT_URL).mock(side_effect=_states("joining", "joined_recording", "ended"))
    seen: list[BotState | str] = []

    timed_api.call(lambda c: c.bots.wait_for(BOT_ID, on_poll=lambda b: seen.append(b.state)))

    assert seen == ["joining", "joined_recording", "ended"]


def test_each_look_is_logged_at_debug(
    timed_api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    mock.get(BOT_URL).mock(side_effect=_states("joining", "ended"))
    caplog.set_level(logging.DEBUG, logger="attendee_client")

    timed_api.call(lambda c: c.bots.wait_for(BOT_ID))

    looks = [r.getMessage() for r in caplog.records if "Waiting for bot" in r.getMessage()]
    assert len(looks) == 2
    assert "joining" in looks[0]
    assert "next look in" in looks[0]


def test_an_app_session_is_waited_for_through_its_bot(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    app_url = f"{BOTS_URL}/app_1"
    route = mock.get(app_url).mock(
        side_effect=[_bot("connecting", id="app_1"), _bot("ended", id="app_1")]
    )

    session = timed_api.call(lambda c: c.app_sessions.wait_for("app_1", poll_interval=1.0))

    assert session.id == "app_1"
    assert session.state is BotState.ENDED
    assert route.call_count == 2


def test_an_app_session_in_fatal_error_fails_naming_it(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    mock.get(f"{BOTS_URL}/app_1").mock(side_effect=[_bot("fatal_error", id="app_1")])

    with pytest.raises(BotFailedError, match="app session app_1 is fatal_error"):
        timed_api.call(lambda c: c.app_sessions.wait_for("app_1"))
