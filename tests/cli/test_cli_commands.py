"""Every command of ``attendee`` that calls the API, run in process against the fake in both
output forms: a table (or a sentence) for people, the server's JSON (or nothing, when the
API answers nothing) with ``--json``. A command added to the parser without a case here
fails ``test_every_api_command_has_a_case``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from attendee_client.cli._arguments import walk
from attendee_client.cli._parser import build_parser
from attendee_client.testing import FakeAttendeeServer
from tests.cli.test_cli import API_KEY, Cli
from tests.cli.test_cli_records import RTMS_STARTED

Case = Callable[[FakeAttendeeServer, Path], "tuple[list[str], str]"]
"""Given the fake and a directory: the words after the command, and stdin."""


def _bot(fake: FakeAttendeeServer, state: str | None = None) -> str:
    bot = fake.add_bot(join_at="2030-01-01T10:00:00Z") if state == "scheduled" else fake.add_bot()
    if state == "ended":
        fake.add_utterance(bot["id"], "Hello", speaker_name="Ada")
        fake.advance_bot(bot["id"], to="ended")
    elif state not in (None, "scheduled"):
        fake.advance_bot(bot["id"], to="joined_recording")
        fake.add_participant(bot["id"], "Ada")
        fake.add_chat_message(bot["id"], "Hi")
        if state != "joined_recording":
            fake.set_bot_state(bot["id"], state)
    return bot["id"]


def _session(fake: FakeAttendeeServer, ended: bool = False) -> dict[str, str]:
    session = fake.add_app_session()
    fake.add_participant(session["id"], "Ada")
    if ended:
        fake.add_utterance(session["id"], "Hello", speaker_name="Ada")
        fake.advance_bot(session["id"], to="ended")
    return {"id": session["id"], "stream": str(session["zoom_rtms_stream_id"])}


def _nothing(seeded: object) -> tuple[list[str], str]:
    """No words and no stdin, once ``seeded`` (what was added to the fake) is made."""
    return [], ""


def _exchange(fake: FakeAttendeeServer) -> tuple[list[str], str]:
    fake.add_authorization_code("code-1")
    return ["--code", "code-1", "--redirect-uri", "https://app.example.com/callback"], ""


CASES: dict[str, Case] = {
    "bots create": lambda fake, _: (["https://zoom.us/j/1", "--name", "Notes"], ""),
    "bots get": lambda fake, _: ([_bot(fake)], ""),
    "bots list": lambda fake, _: (["--state", "joining"] if _bot(fake) else [], ""),
    "bots update": lambda fake, _: ([_bot(fake, "scheduled"), "--name", "Renamed"], ""),
    "bots leave": lambda fake, _: ([_bot(fake, "joined_recording")], ""),
    "bots delete": lambda fake, _: ([_bot(fake, "scheduled")], ""),
    "bots delete-data": lambda fake, _: ([_bot(fake, "ended")], ""),
    "bots pause-recording": lambda fake, _: ([_bot(fake, "joined_recording")], ""),
    "bots resume-recording": lambda fake, _: ([_bot(fake, "joined_recording_paused")], ""),
    "bots wait": lambda fake, _: ([_bot(fake, "ended")], ""),
    "bots transcript": lambda fake, _: ([_bot(fake, "ended")], ""),
    "bots recording": lambda fake, tmp: ([_bot(fake, "ended"), "-o", str(tmp / "a.mp4")], ""),
    "bots chat": lambda fake, _: ([_bot(fake, "joined_recording"), "--message", "Hi"], ""),
    "bots chat-messages": lambda fake, _: ([_bot(fake, "joined_recording")], ""),
    "bots participants": lambda fake, _: ([_bot(fake, "joined_recording")], ""),
    "bots events": lambda fake, _: ([_bot(fake, "joined_recording")], ""),
    "app-sessions create": lambda fake, _: (["--rtms", "-"], json.dumps(RTMS_STARTED)),
    "app-sessions end": lambda fake, _: ([_session(fake)["stream"]], ""),
    "app-sessions transcript": lambda fake, _: ([_session(fake, ended=True)["id"]], ""),
    "app-sessions media": lambda fake, tmp: (
        [_session(fake, ended=True)["id"], "-o", str(tmp / "a.mp4")],
        "",
    ),
    "app-sessions wait": lambda fake, _: ([_session(fake, ended=True)["id"]], ""),
    "app-sessions events": lambda fake, _: ([_session(fake)["id"]], ""),
    "calendars list": lambda fake, _: _nothing(fake.add_calendar()),
    "calendars get": lambda fake, _: ([fake.add_calendar()["id"]], ""),
    "calendars create": lambda fake, _: (
        [
            "--platform",
            "microsoft",
            "--client-id",
            "cid",
            "--client-secret",
            "secret-1234",
            "--refresh-token",
            "token-1234",
        ],
        "",
    ),
    "calendars update": lambda fake, _: ([fake.add_calendar()["id"], "--metadata", "a=b"], ""),
    "calendars delete": lambda fake, _: ([fake.add_calendar()["id"]], ""),
    "calendar-events list": lambda fake, _: _nothing(
        fake.add_calendar_event(fake.add_calendar()["id"])
    ),
    "zoom-oauth-connections list": lambda fake, _: ([], ""),
    "zoom-oauth-connections get": lambda fake, _: ([fake.example_connection_id], ""),
    "zoom-oauth-connections create": lambda fake, _: _exchange(fake),
    "zoom-oauth-connections delete": lambda fake, _: ([fake.example_connection_id], ""),
}
SILENT_WITH_JSON = {
    "bots delete",
    "bots chat",
    "bots recording",
    "app-sessions media",
    "calendars delete",
    "zoom-oauth-connections delete",
}
# Commands without a table or JSON answer of their own: offline ones, and the servers and
# listeners (``mcp``: tests/mcp/test_mcp.py; ``realtime``: tests/cli/test_cli_realtime.py).
OFFLINE = {
    *("webhooks verify", "webhooks sign", "fake", "completion"),
    *("mcp", "realtime listen", "realtime sign-url"),
}


@pytest.fixture
def cli() -> Iterator[Cli]:
    harness = Cli(FakeAttendeeServer(api_key=API_KEY))
    yield harness
    harness.close()


def test_every_api_command_has_a_case() -> None:
    leaves = {
        " ".join(path)
        for path, parser in walk(build_parser())
        if path and not any(action.dest.endswith("_command") for action in parser._actions)
    }

    assert leaves - OFFLINE == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_command_prints_a_table_for_people(name: str, cli: Cli, tmp_path: Path) -> None:
    words, stdin = CASES[name](cli.fake, tmp_path)

    result = cli.run(*name.split(), *words, stdin=stdin)

    assert result.code == 0, result.err
    # A result on standard output, or (a command that answers nothing) a confirmation on
    # standard error; never JSON.
    printed = result.out or result.err
    assert printed.strip()
    assert not (result.out and result.err)
    with pytest.raises(json.JSONDecodeError):
        json.loads(printed)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_command_prints_the_servers_json(name: str, cli: Cli, tmp_path: Path) -> None:
    words, stdin = CASES[name](cli.fake, tmp_path)

    result = cli.run(*name.split(), *words, "--json", stdin=stdin)

    assert result.code == 0, result.err
    if name in SILENT_WITH_JSON:
        assert result.out == ""
    else:
        assert isinstance(result.json(), (dict, list))
        assert result.json()
