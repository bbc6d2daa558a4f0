"""A misspelt state costs nothing (issue #25, item 1): the type checker flags it, and at run
time a state's string this version does not know is refused before anything is sent, with
every known state listed; a state the server added since passes as ``BotState("new")``."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from attendee_client import BotState, BotStateName
from tests.conftest import Api, ApiFactory
from tests.sdk.test_bots import BOT_ID, BOT_JSON, BOTS_URL
from tests.typecheck import mypy_errors

KNOWN = [state.value for state in BotState]


@pytest.fixture
def timed_api(make_api: ApiFactory) -> Api:
    made: dict[str, Api] = {}
    api = made["api"] = make_api(clock=lambda: sum(made["api"].sleeps), max_retries=0)
    return api


def test_the_literal_of_state_names_is_the_enum_s_values() -> None:
    assert list(typing.get_args(BotStateName)) == KNOWN


def test_a_misspelt_state_to_wait_for_is_refused_before_anything_is_sent(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    route = mock.route().respond(200, json=BOT_JSON)
    typo: Any = "endd"

    with pytest.raises(ValueError, match="endd") as raised:
        timed_api.call(lambda c: c.bots.wait_for(BOT_ID, until=typo))

    message = str(raised.value)
    assert "until: 'endd' is not a BotState this version knows" in message
    # The whole list, never cut off, and the way to wait for a state added since.
    assert ", ".join(KNOWN) in message
    assert "BotState('endd')" in message
    assert route.call_count == 0
    assert timed_api.sleeps == []


def test_a_misspelt_state_among_several_is_refused(timed_api: Api, mock: respx.MockRouter) -> None:
    route = mock.route().respond(200, json=BOT_JSON)
    typo: Any = ["ended", "fatal_eror"]

    with pytest.raises(ValueError, match="'fatal_eror' is not a BotState"):
        timed_api.call(lambda c: c.bots.wait_for(BOT_ID, until=typo))
    assert route.call_count == 0


def test_an_app_session_wait_refuses_a_misspelt_state(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    route = mock.route().respond(200, json=BOT_JSON)
    typo: Any = "conected"

    with pytest.raises(ValueError, match="'conected' is not a BotState"):
        timed_api.call(lambda c: c.app_sessions.wait_for("app_1", until=typo))
    assert route.call_count == 0


def test_a_misspelt_state_filter_is_refused_before_anything_is_sent(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.route().respond(200, json={"next": None, "previous": None, "results": []})
    typo: Any = ["joinin"]

    with pytest.raises(ValueError, match=r"states\[0\]: 'joinin' is not a BotState"):
        api.call(lambda c: c.bots.list_page(states=typo))
    with pytest.raises(ValueError, match="'joinin' is not a BotState"):
        api.list(lambda c: c.bots.list(states=typo))
    assert route.call_count == 0


def test_a_state_added_since_is_waited_for_when_passed_as_a_new_member(
    timed_api: Api, mock: respx.MockRouter
) -> None:
    mock.get(f"{BOTS_URL}/{BOT_ID}").mock(
        side_effect=[
            httpx.Response(200, json={**BOT_JSON, "state": "joining"}),
            httpx.Response(200, json={**BOT_JSON, "state": "rebooting"}),
        ]
    )

    bot = timed_api.call(lambda c: c.bots.wait_for(BOT_ID, until=BotState("rebooting")))

    assert bot.state == "rebooting"


def test_a_new_member_is_made_once_and_never_listed() -> None:
    made = BotState("rebooting")

    assert made is BotState("rebooting")
    assert made == "rebooting"
    assert str(made) == "rebooting"
    assert not made.is_final
    assert made not in list(BotState)
    assert BotState("ended") is BotState.ENDED
    with pytest.raises(ValueError, match="is not a valid BotState"):
        BotState("")


SNIPPET = """\
from attendee_client import AttendeeClient, BotState


def wait(client: AttendeeClient) -> None:
    client.bots.wait_for("bot_1", until="ended")
    client.bots.wait_for("bot_1", until=BotState.ENDED)
    client.bots.wait_for("bot_1", until=["ended", BotState.FATAL_ERROR])
    client.bots.wait_for("bot_1", until=BotState("rebooting"))
    client.bots.list(states=["joining", BotState.ENDED])
    client.bots.wait_for("bot_1", until="endd")
    client.bots.list(states=["joinin"])
"""
WRONG_LINES = {10, 11}


# One cold mypy run (its cache in tmp_path): a few seconds, far more on a loaded machine.
@pytest.mark.timeout(300)
def test_mypy_flags_a_misspelt_state_and_accepts_known_ones_and_members(
    tmp_path: Path,
) -> None:
    report, flagged = mypy_errors(SNIPPET, tmp_path)
    assert set(flagged) == WRONG_LINES, report
