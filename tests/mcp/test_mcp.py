"""``attendee mcp`` as an assistant sees it: the ``mcp`` package's own client drives
``python -m attendee_client mcp`` over stdio against the fake server on 127.0.0.1.

One server process per mode for the whole module (starting one costs seconds: importing
``mcp`` is slow); each test seeds bots of its own in the shared fake, so tests do not see
each other's. The same tests run once more against the same server in this process, over
the ``mcp`` package's in-memory transport, where coverage sees the server's code.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import io
import json
import logging
import os
import queue
import re
import secrets
import socket
import subprocess
import sys
import sysconfig
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

import anyio
import anyio.lowlevel
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from mcp.shared.dispatcher import ProgressFnT
from mcp.types import CallToolResult, TextContent

from attendee_client import AsyncAttendeeClient, BotState
from attendee_client.cli import Runtime, main
from attendee_client.cli._mcp import http_address
from attendee_client.mcp import ServerOptions
from attendee_client.mcp._bots import bot_tools
from attendee_client.mcp._common import Redactor
from attendee_client.mcp._server import _HideSecret, serving
from attendee_client.testing import FakeAttendeeServer, Fault
from mcp import Client, ClientSession, MCPError, StdioServerParameters, stdio_client

API_KEY = "sk-mcp-test-5f2c9a71d3e4"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "mcp.md"

READ_TOOLS = [
    "list_bots",
    "get_bot",
    "wait_for_bot",
    "get_transcript",
    "get_recording_url",
    "list_chat_messages",
    "list_participant_events",
    "list_calendars",
    "list_calendar_events",
    "get_app_session",
]
MUTATING_TOOLS = ["create_bot", "leave_meeting", "send_chat_message", "speak", "delete_bot_data"]
DESTRUCTIVE_TOOLS = {"leave_meeting", "delete_bot_data"}
IDEMPOTENT_TOOLS = {*READ_TOOLS, *DESTRUCTIVE_TOOLS}
"""Calling again changes nothing more: not so for a new bot, chat message or speech."""


@dataclass
class Assistant:
    """A connected MCP client, called from the (synchronous) tests through a portal."""

    portal: BlockingPortal
    session: ClientSession
    errlog: Path | None
    """The server process's standard error (None: the server runs in this process)."""
    received: list[str] = field(default_factory=list)
    """Every result and notification the client received, as JSON."""

    def call(
        self,
        name: str,
        arguments: dict[str, Any] | None = None,
        progress_callback: ProgressFnT | None = None,
    ) -> CallToolResult:
        outcome = self.portal.call(
            lambda: self.session.call_tool(name, arguments, progress_callback=progress_callback)
        )
        self.received.append(outcome.model_dump_json())
        return outcome

    def text(self, outcome: CallToolResult) -> str:
        (content,) = outcome.content
        assert isinstance(content, TextContent)
        return content.text


@asynccontextmanager
async def _connect(
    arguments: list[str], fake: FakeAttendeeServer, errlog: TextIO, received: list[str]
) -> AsyncIterator[ClientSession]:
    async def note(message: Any) -> None:
        received.append(repr(message))

    # The console script a user's MCP client starts, where this environment's scripts go.
    script = "attendee.exe" if os.name == "nt" else "attendee"
    attendee = Path(sysconfig.get_path("scripts")) / script
    assert attendee.is_file(), f"{attendee}: the package's console script is not installed"
    parameters = StdioServerParameters(
        command=str(attendee),
        args=["mcp", *arguments],
        env={"ATTENDEE_API_KEY": API_KEY, "ATTENDEE_BASE_URL": fake.base_url},
    )
    async with (
        stdio_client(parameters, errlog=errlog) as (read, write),
        ClientSession(read, write, message_handler=note) as session,
    ):
        await session.initialize()
        yield session


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeAttendeeServer]:
    with FakeAttendeeServer(api_key=API_KEY) as server:
        yield server


@pytest.fixture(scope="module")
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as running:
        yield running


@asynccontextmanager
async def _connect_in_process(
    read_only: bool, fake: FakeAttendeeServer, received: list[str]
) -> AsyncIterator[ClientSession]:
    async def note(message: Any) -> None:
        received.append(repr(message))

    options = ServerOptions(api_key=API_KEY, base_url=fake.base_url, read_only=read_only)
    async with serving(options) as server, Client(server, message_handler=note) as client:
        yield client.session


def _assistant(
    request: pytest.FixtureRequest,
    arguments: list[str],
    fake: FakeAttendeeServer,
    portal: BlockingPortal,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Assistant]:
    received: list[str] = []
    if request.param == "in-process":
        connect = _connect_in_process("--read-only" in arguments, fake, received)
        with portal.wrap_async_context_manager(connect) as session:
            yield Assistant(portal, session, None, received)
        return
    errlog = tmp_path_factory.mktemp("mcp") / "stderr.log"
    with (
        errlog.open("w") as log,
        portal.wrap_async_context_manager(_connect(arguments, fake, log, received)) as session,
    ):
        yield Assistant(portal, session, errlog, received)


@pytest.fixture(scope="module", params=["stdio", "in-process"])
def assistant(
    request: pytest.FixtureRequest,
    fake: FakeAttendeeServer,
    portal: BlockingPortal,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Assistant]:
    # With -v: the SDK's debug log and the server's own on stderr, for the test that finds
    # no API key in them.
    yield from _assistant(request, ["-v"], fake, portal, tmp_path_factory)


@pytest.fixture(scope="module", params=["stdio", "in-process"])
def read_only(
    request: pytest.FixtureRequest,
    fake: FakeAttendeeServer,
    portal: BlockingPortal,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Assistant]:
    yield from _assistant(request, ["--read-only"], fake, portal, tmp_path_factory)


def _hint(text: str) -> tuple[str, dict[str, Any]]:
    """The tool and the argument a result's last line says to call for more."""
    found = re.fullmatch(r"More: call (\w+) with (\w+) (\"[^\"]*\")[^\n]*\.", text.splitlines()[-1])
    assert found, text
    return found[1], {found[2]: json.loads(found[3])}


def _joined(fake: FakeAttendeeServer) -> str:
    bot = fake.add_bot()
    fake.advance_bot(bot["id"], to="joined_recording")
    return bot["id"]


# --- the tool list ------------------------------------------------------------------------


def test_every_tool_is_listed_with_its_annotations(assistant: Assistant) -> None:
    tools = assistant.portal.call(assistant.session.list_tools).tools

    assert sorted(tool.name for tool in tools) == sorted(READ_TOOLS + MUTATING_TOOLS)
    for tool in tools:
        hints = tool.annotations
        assert hints is not None
        assert hints.read_only_hint is (tool.name in READ_TOOLS), tool.name
        assert hints.destructive_hint is (tool.name in DESTRUCTIVE_TOOLS), tool.name
        assert hints.idempotent_hint is (tool.name in IDEMPOTENT_TOOLS), tool.name
        assert tool.description, tool.name
        assert tool.title, tool.name


def test_descriptions_are_plain_text_without_the_docstrings_indentation(
    assistant: Assistant,
) -> None:
    tools = assistant.portal.call(assistant.session.list_tools).tools

    for tool in tools:
        assert tool.description is not None
        assert "\n " not in tool.description, tool.name
        assert "``" not in tool.description, tool.name


def test_arguments_are_named_as_the_sdk_names_them(assistant: Assistant) -> None:
    tools = {tool.name: tool for tool in assistant.portal.call(assistant.session.list_tools).tools}

    def arguments(name: str) -> set[str]:
        return set(tools[name].input_schema["properties"])

    assert arguments("create_bot") == {
        "meeting_url",
        "bot_name",
        "join_at",
        "transcription_language",
        "metadata",
        "deduplication_key",
    }
    assert tools["create_bot"].input_schema["required"] == ["meeting_url", "bot_name"]
    assert arguments("wait_for_bot") == {"bot_id", "until", "timeout"}
    assert arguments("get_transcript") == {"bot_id", "format", "merge_turns"}
    assert tools["get_transcript"].input_schema["properties"]["format"]["enum"] == [
        "text",
        "srt",
        "vtt",
        "json",
    ]
    assert arguments("list_bots") >= {"states", "meeting_url", "cursor"}
    assert arguments("get_app_session") == {"app_session_id"}


def test_the_docs_page_lists_every_tool() -> None:
    page = DOCS.read_text(encoding="utf-8")
    for name in READ_TOOLS + MUTATING_TOOLS:
        assert f"`{name}`" in page, name


# --- bots ---------------------------------------------------------------------------------


def test_get_bot_answers_the_servers_json_and_a_readable_text(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot(metadata={"team": "sales"})

    outcome = assistant.call("get_bot", {"bot_id": bot["id"]})

    assert not outcome.is_error
    assert outcome.structured_content == {**bot, "metadata": {"team": "sales"}}
    text = assistant.text(outcome)
    assert text.startswith(f"Bot {bot['id']} is joining.")
    assert 'metadata: {"team": "sales"}' in text


def test_an_unknown_bot_is_a_tool_error_naming_it(assistant: Assistant) -> None:
    outcome = assistant.call("get_bot", {"bot_id": "bot_NoSuchBot0000001"})

    assert outcome.is_error
    assert "Bot not found" in assistant.text(outcome)
    assert "bot_NoSuchBot0000001" in assistant.text(outcome)


def test_list_bots_filters_and_pages_with_a_cursor(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    url = f"https://zoom.us/j/{secrets.randbelow(10**10)}"
    made = [fake.add_bot(meeting_url=url)["id"] for _ in range(26)]

    first = assistant.call("list_bots", {"meeting_url": url, "states": ["joining"]})
    assert first.structured_content is not None
    cursor = first.structured_content["next_cursor"]
    second = assistant.call("list_bots", {"meeting_url": url, "cursor": cursor})

    assert second.structured_content is not None
    listed = first.structured_content["bots"] + second.structured_content["bots"]
    assert [bot["id"] for bot in listed] == made
    assert second.structured_content["next_cursor"] is None
    assert assistant.text(first).startswith("25 bots:")
    assert _hint(assistant.text(first)) == ("list_bots", {"cursor": cursor})


def test_create_bot_sends_the_bot_with_its_language_and_key(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    key = f"mcp-create-{secrets.token_hex(4)}"
    outcome = assistant.call(
        "create_bot",
        {
            "meeting_url": "https://meet.google.com/abc-defg-hij",
            "bot_name": "Notetaker",
            "join_at": "2031-05-01T15:00:00Z",
            "transcription_language": "de",
            "metadata": {"deal": "42"},
            "deduplication_key": key,
        },
    )

    assert not outcome.is_error, assistant.text(outcome)
    assert outcome.structured_content is not None
    assert outcome.structured_content["state"] == "scheduled"
    assert outcome.structured_content["join_at"] == "2031-05-01T15:00:00Z"
    (body,) = [
        json.loads(r.body)
        for r in fake.requests
        if r.method == "POST" and r.path == "/api/v1/bots" and key.encode() in r.body
    ]
    assert body["transcription_settings"] == {"deepgram": {"language": "de"}}
    assert body["bot_name"] == "Notetaker"
    assert body["metadata"] == {"deal": "42"}
    assert body["deduplication_key"] == key


def test_wait_for_bot_reports_progress_on_each_look_and_returns_the_final_bot(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()
    fake.schedule_bot(bot["id"], ["joined_recording", "ended"])
    seen: list[tuple[float, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, message))

    outcome = assistant.call(
        "wait_for_bot", {"bot_id": bot["id"], "timeout": 30}, progress_callback=on_progress
    )

    assert not outcome.is_error, assistant.text(outcome)
    assert outcome.structured_content is not None
    assert outcome.structured_content["state"] == "ended"
    assert [progress for progress, _ in seen] == [1, 2]
    assert "joined_recording" in str(seen[0][1])
    assert "ended" in str(seen[1][1])


@dataclass
class _Notes:
    """The part of a tool's context that wait_for_bot uses: its progress notifications."""

    until_first: Callable[[], Awaitable[object]]
    """What the first notification waits for before it is sent."""
    sent: list[float] = field(default_factory=list)

    async def report_progress(
        self, progress: float, total: float | None = None, message: str | None = None
    ) -> None:
        if progress == 1:
            await self.until_first()
        self.sent.append(progress)


def _wait_for_bot(client: AsyncAttendeeClient) -> Callable[..., Awaitable[CallToolResult]]:
    (tool,) = [
        spec.fn for spec in bot_tools(client, Redactor(API_KEY)) if spec.name == "wait_for_bot"
    ]
    return tool


def test_wait_for_bot_sends_its_notes_in_the_order_of_the_looks(fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot()
    fake.schedule_bot(bot["id"], ["joined_recording", "joined_recording", "ended"])

    async def scenario() -> tuple[CallToolResult, list[float]]:
        second_look = anyio.Event()
        pauses = 0

        async def sleep(seconds: float) -> None:  # between looks: the second is under way
            nonlocal pauses
            pauses += 1
            if pauses == 2:
                second_look.set()
            await anyio.lowlevel.checkpoint()

        # The first note is still being sent when the second look is made.
        notes = _Notes(second_look.wait)
        async with AsyncAttendeeClient(api_key=API_KEY, base_url=fake.base_url, sleep=sleep) as c:
            outcome = await _wait_for_bot(c)(bot_id=bot["id"], ctx=notes, timeout=30)
        return outcome, notes.sent

    outcome, sent = anyio.run(scenario)

    assert outcome.structured_content is not None
    assert outcome.structured_content["state"] == "ended"
    assert sent == [1, 2, 3]


def test_a_cancelled_wait_for_bot_leaves_no_note_behind(fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot()

    async def scenario() -> int:
        first_note = anyio.Event()

        async def hang() -> None:
            first_note.set()
            await anyio.sleep_forever()

        async def pause(seconds: float) -> None:
            await anyio.lowlevel.checkpoint()

        before = len(asyncio.all_tasks())
        notes = _Notes(hang)
        async with AsyncAttendeeClient(api_key=API_KEY, base_url=fake.base_url, sleep=pause) as c:
            wait_for_bot = _wait_for_bot(c)

            async def wait() -> None:
                await wait_for_bot(bot_id=bot["id"], ctx=notes)

            async with anyio.create_task_group() as group:
                group.start_soon(wait)
                await first_note.wait()
                group.cancel_scope.cancel()
        for _ in range(3):
            await anyio.lowlevel.checkpoint()
        return len(asyncio.all_tasks()) - before

    assert anyio.run(scenario) == 0


def test_wait_for_bot_waits_50_s_by_default_and_says_to_call_again(assistant: Assistant) -> None:
    tools = {tool.name: tool for tool in assistant.portal.call(assistant.session.list_tools).tools}
    wait = tools["wait_for_bot"]

    assert wait.input_schema["properties"]["timeout"]["default"] == 50
    assert wait.description is not None
    assert "(default 50)" in wait.description
    assert "call again to keep waiting" in wait.description


def test_a_long_wait_does_not_hold_up_other_calls(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    waited, other = fake.add_bot(), fake.add_bot()
    looked = threading.Event()

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        looked.set()

    async def wait() -> CallToolResult:
        arguments = {"bot_id": waited["id"], "timeout": 60}
        return await assistant.session.call_tool("wait_for_bot", arguments, None, on_progress)

    waiting = assistant.portal.start_task_soon(wait)
    assert looked.wait(10)
    answered = assistant.call("get_bot", {"bot_id": other["id"]})
    assert not waiting.done()
    fake.advance_bot(waited["id"], to="ended")

    assert answered.structured_content is not None
    assert answered.structured_content["id"] == other["id"]
    final = waiting.result(timeout=30)
    assert final.structured_content is not None
    assert final.structured_content["state"] == "ended"


def test_a_wait_that_cannot_be_met_is_a_tool_error(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()
    fake.fail_bot(bot["id"], "could_not_join_meeting")

    outcome = assistant.call("wait_for_bot", {"bot_id": bot["id"]})

    assert outcome.is_error
    assert "fatal_error" in assistant.text(outcome)
    assert "meeting_not_found" in assistant.text(outcome)


def test_a_wait_that_runs_out_says_how_to_wait_more(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()

    outcome = assistant.call("wait_for_bot", {"bot_id": bot["id"], "timeout": 0.2})

    assert outcome.is_error
    assert "call wait_for_bot to wait more" in assistant.text(outcome)


def test_an_unknown_state_fails_at_once_naming_the_states(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()
    before = len(fake.requests)

    # A timeout the test's own would stop: the call must not wait at all.
    outcome = assistant.call(
        "wait_for_bot", {"bot_id": bot["id"], "until": ["joining", "endd"], "timeout": 3600}
    )

    assert outcome.is_error
    text = assistant.text(outcome)
    assert "unknown state 'endd'; one of: ready, joining," in text
    assert all(state.value in text for state in BotState)
    assert len(fake.requests) == before  # not even one look


def test_the_states_are_an_enum_in_the_schema(assistant: Assistant) -> None:
    tools = {tool.name: tool for tool in assistant.portal.call(assistant.session.list_tools).tools}
    names = [state.value for state in BotState]

    until = tools["wait_for_bot"].input_schema["properties"]["until"]["anyOf"]
    states = tools["list_bots"].input_schema["properties"]["states"]["anyOf"]

    assert until[0] == {"type": "string", "enum": names}
    assert until[1]["items"] == {"type": "string", "enum": names}
    assert states[0]["items"] == {"type": "string", "enum": names}


def test_leave_meeting_makes_the_bot_leave(assistant: Assistant, fake: FakeAttendeeServer) -> None:
    bot_id = _joined(fake)

    outcome = assistant.call("leave_meeting", {"bot_id": bot_id})

    assert outcome.structured_content is not None
    assert outcome.structured_content["state"] == "leaving"


def test_delete_bot_data_deletes_an_ended_bots_data(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()
    fake.advance_bot(bot["id"], to="ended")

    outcome = assistant.call("delete_bot_data", {"bot_id": bot["id"]})

    assert outcome.structured_content is not None
    assert outcome.structured_content["state"] == "data_deleted"


# --- the meeting --------------------------------------------------------------------------


def _transcribed(fake: FakeAttendeeServer) -> str:
    bot_id = _joined(fake)
    fake.add_utterance(bot_id, "Shall we start?", speaker_name="Ada", timestamp_ms=1_000)
    fake.add_utterance(bot_id, "Yes.", speaker_name="Ada", timestamp_ms=3_000)
    fake.add_utterance(bot_id, "Numbers look good.", speaker_name="Grace", timestamp_ms=5_000)
    return bot_id


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("text", "[00:00:00] Ada: Shall we start?\n"),
        ("srt", "1\n00:00:00,000 --> "),
        ("vtt", "WEBVTT\n\n"),
    ],
)
def test_get_transcript_writes_the_format_asked_for(
    assistant: Assistant, fake: FakeAttendeeServer, form: str, expected: str
) -> None:
    bot_id = _transcribed(fake)

    outcome = assistant.call("get_transcript", {"bot_id": bot_id, "format": form})

    assert not outcome.is_error, assistant.text(outcome)
    assert assistant.text(outcome).startswith(expected)
    assert "Grace" in assistant.text(outcome)
    assert outcome.structured_content is None


def test_get_transcript_as_json_merges_turns_on_request(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot_id = _transcribed(fake)

    outcome = assistant.call(
        "get_transcript", {"bot_id": bot_id, "format": "json", "merge_turns": True}
    )

    assert outcome.structured_content is not None
    utterances = outcome.structured_content["utterances"]
    assert [u["speaker_name"] for u in utterances] == ["Ada", "Grace"]
    assert json.loads(assistant.text(outcome)) == utterances


def test_get_recording_url_gives_the_download_link(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()
    fake.advance_bot(bot["id"], to="ended")

    outcome = assistant.call("get_recording_url", {"bot_id": bot["id"]})

    assert not outcome.is_error, assistant.text(outcome)
    assert outcome.structured_content is not None
    assert outcome.structured_content["url"].startswith("http://127.0.0.1:")
    assert outcome.structured_content["url"] in assistant.text(outcome)


def test_chat_messages_are_listed_and_sent(assistant: Assistant, fake: FakeAttendeeServer) -> None:
    bot_id = _joined(fake)
    fake.add_chat_message(bot_id, "Hello bot", sender_name="Ada")

    listed = assistant.call("list_chat_messages", {"bot_id": bot_id})
    sent = assistant.call("send_chat_message", {"bot_id": bot_id, "message": "Hi, I take notes"})

    assert listed.structured_content is not None
    assert [m["text"] for m in listed.structured_content["chat_messages"]] == ["Hello bot"]
    assert listed.structured_content["has_more"] is False
    assert "Ada: Hello bot" in assistant.text(listed)
    assert not sent.is_error, assistant.text(sent)
    assert fake.bot_actions(bot_id) == [
        ("send_chat_message", {"message": "Hi, I take notes", "to": "everyone"})
    ]


def test_participant_events_are_listed_up_to_the_limit(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot_id = _joined(fake)
    fake.add_participant(bot_id, "Ada")
    fake.add_participant(bot_id, "Grace")

    outcome = assistant.call("list_participant_events", {"bot_id": bot_id, "limit": 1})

    assert outcome.structured_content is not None
    (event,) = outcome.structured_content["participant_events"]
    assert (event["participant_name"], event["event_type"]) == ("Ada", "join")
    assert outcome.structured_content["has_more"] is True


def test_the_chats_more_hint_can_be_followed_as_written(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot_id = _joined(fake)
    for n, text in enumerate(["one", "two", "three"]):
        fake.add_chat_message(bot_id, text, sender_name="Ada", timestamp=1_700_000_000 + n)

    first = assistant.call("list_chat_messages", {"bot_id": bot_id, "limit": 2})
    tool, argument = _hint(assistant.text(first))
    rest = assistant.call(tool, {"bot_id": bot_id, **argument})

    assert "[2023-11-14T22:13:21Z] Ada: two" in assistant.text(first)
    assert argument == {"updated_after": "2023-11-14T22:13:21Z"}
    assert rest.structured_content is not None
    assert [m["text"] for m in rest.structured_content["chat_messages"]] == ["three"]


def test_the_participant_events_more_hint_can_be_followed_as_written(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot_id = _joined(fake)
    for name in ["Ada", "Grace", "Edsger"]:
        fake.add_participant(bot_id, name)

    first = assistant.call("list_participant_events", {"bot_id": bot_id, "limit": 2})
    tool, argument = _hint(assistant.text(first))
    rest = assistant.call(tool, {"bot_id": bot_id, **argument})

    assert first.structured_content is not None
    (_, second) = first.structured_content["participant_events"]
    when = datetime.fromisoformat(argument["after"].replace("Z", "+00:00"))
    assert when.timestamp() * 1000 == pytest.approx(second["timestamp_ms"], abs=0.5)
    assert f"[{argument['after']}] Grace: join" in assistant.text(first)
    assert rest.structured_content is not None
    names = [e["participant_name"] for e in rest.structured_content["participant_events"]]
    assert names == ["Edsger"]


def test_speak_has_the_bot_say_the_text(assistant: Assistant, fake: FakeAttendeeServer) -> None:
    bot_id = _joined(fake)

    outcome = assistant.call("speak", {"bot_id": bot_id, "text": "Hello, everyone"})

    assert not outcome.is_error, assistant.text(outcome)
    ((action, body),) = fake.bot_actions(bot_id)
    assert action == "speech"
    assert body["text"] == "Hello, everyone"
    assert body["text_to_speech_settings"]["google"]["voice_language_code"] == "en-US"


# --- calendars and app sessions -----------------------------------------------------------


def test_calendars_and_their_events_are_listed(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    key = f"mcp-calendar-{secrets.token_hex(4)}"
    calendar = fake.add_calendar(deduplication_key=key)
    event = fake.add_calendar_event(calendar["id"])

    calendars = assistant.call("list_calendars", {"deduplication_key": key})
    events = assistant.call("list_calendar_events", {"calendar_id": calendar["id"]})

    assert calendars.structured_content is not None
    assert [c["id"] for c in calendars.structured_content["calendars"]] == [calendar["id"]]
    assert events.structured_content is not None
    assert [e["id"] for e in events.structured_content["calendar_events"]] == [event["id"]]
    assert assistant.text(events).startswith("1 calendar event:")


def test_get_app_session_answers_the_session(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    session = fake.add_app_session()

    outcome = assistant.call("get_app_session", {"app_session_id": session["id"]})

    assert outcome.structured_content is not None
    assert outcome.structured_content["state"] == "connecting"
    assert assistant.text(outcome).startswith(f"App session {session['id']} is connecting.")


def test_get_app_session_refuses_an_id_that_is_not_an_app_sessions(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()

    outcome = assistant.call("get_app_session", {"app_session_id": bot["id"]})

    assert outcome.is_error
    assert f"{bot['id']!r} is not an app session's id (app_...)" in assistant.text(outcome)


# --- resources ----------------------------------------------------------------------------


def test_a_bot_and_its_transcript_are_resources(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot_id = _transcribed(fake)

    bot = assistant.portal.call(assistant.session.read_resource, f"attendee://bots/{bot_id}")
    transcript = assistant.portal.call(
        assistant.session.read_resource, f"attendee://bots/{bot_id}/transcript"
    )

    assert json.loads(getattr(bot.contents[0], "text", ""))["id"] == bot_id
    assert getattr(transcript.contents[0], "text", "").startswith("[00:00:00] Ada: Shall")


def test_an_unknown_bots_resource_is_an_error_naming_it(assistant: Assistant) -> None:
    with pytest.raises(MCPError, match=r"Bot not found.*bot_NoSuchBot0000002"):
        assistant.portal.call(
            assistant.session.read_resource, "attendee://bots/bot_NoSuchBot0000002/transcript"
        )


def test_an_empty_transcript_says_so(assistant: Assistant, fake: FakeAttendeeServer) -> None:
    bot_id = _joined(fake)

    outcome = assistant.call("get_transcript", {"bot_id": bot_id})

    assert assistant.text(outcome) == f"The transcript of bot {bot_id} is empty (so far)."


def test_an_ended_bots_empty_transcript_is_not_empty_so_far(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()
    fake.advance_bot(bot["id"], to="ended")

    outcome = assistant.call("get_transcript", {"bot_id": bot["id"]})

    assert assistant.text(outcome) == f"The transcript of bot {bot['id']} is empty."


# --- read-only ----------------------------------------------------------------------------


def test_read_only_lists_only_the_tools_that_change_nothing(read_only: Assistant) -> None:
    tools = read_only.portal.call(read_only.session.list_tools).tools

    assert sorted(tool.name for tool in tools) == sorted(READ_TOOLS)


def test_read_only_refuses_a_call_to_a_tool_that_changes_things(
    read_only: Assistant, fake: FakeAttendeeServer
) -> None:
    before = len(fake.bots)

    outcome = read_only.call("create_bot", {"meeting_url": "https://zoom.us/j/1", "bot_name": "x"})

    assert outcome.is_error
    assert "--read-only" in read_only.text(outcome)
    assert len(fake.bots) == before


# --- secrets ------------------------------------------------------------------------------


def test_the_api_key_is_in_no_message_the_client_receives_nor_in_the_log(
    assistant: Assistant, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()
    fake.add_fault(
        Fault.respond(401, {"detail": f"Invalid token {API_KEY}"}), path=f"/api/v1/bots/{bot['id']}"
    )

    refused = assistant.call("get_bot", {"bot_id": bot["id"]})
    assistant.call("create_bot", {"meeting_url": "not a url", "bot_name": API_KEY})
    assistant.call("wait_for_bot", {"bot_id": bot["id"], "until": API_KEY, "timeout": 0.1})

    assert refused.is_error
    assert "401" in assistant.text(refused)
    assert "[hidden]" in assistant.text(refused)
    assert assistant.received
    assert not [message for message in assistant.received if API_KEY in message]
    if assistant.errlog is None:
        return  # in this process: no log of the server's own
    log = assistant.errlog.read_text()
    assert "401" in log  # the SDK's log of the refused request, and the tool's failure
    assert API_KEY not in log


# --- the command --------------------------------------------------------------------------


def test_without_the_mcp_extra_the_command_names_it_and_exits_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "mcp", None)
    stderr = io.StringIO()
    runtime = Runtime(stdout=io.StringIO(), stderr=stderr, environ={"ATTENDEE_API_KEY": API_KEY})

    status = main(["mcp"], runtime)

    assert status == 2
    assert "pip install 'attendee-client[mcp]'" in stderr.getvalue()


def test_with_mcp_1_installed_the_command_says_it_needs_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mcp.server.mcpserver", None)  # not in mcp 1.x
    stderr = io.StringIO()
    runtime = Runtime(stdout=io.StringIO(), stderr=stderr, environ={"ATTENDEE_API_KEY": API_KEY})

    status = main(["mcp"], runtime)

    assert status == 2
    assert "attendee mcp needs mcp 2.x, found mcp 2." in stderr.getvalue()
    assert "pip install -U 'attendee-client[mcp]'" in stderr.getvalue()


def test_http_serves_the_same_tools_over_streamable_http(
    fake: FakeAttendeeServer, portal: BlockingPortal
) -> None:
    from mcp.client.streamable_http import streamable_http_client

    bot = fake.add_bot()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ATTENDEE_")}
    environment.update(ATTENDEE_API_KEY=API_KEY, ATTENDEE_BASE_URL=fake.base_url)
    command = [sys.executable, "-m", "attendee_client", "mcp", "--http", "127.0.0.1:0"]
    with subprocess.Popen(
        command, env=environment, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    ) as server:
        try:
            stderr = server.stderr
            assert stderr is not None
            lines: queue.Queue[str] = queue.Queue()
            threading.Thread(target=lambda: lines.put(stderr.readline()), daemon=True).start()
            announced = lines.get(timeout=30)  # a server that never says where: fail, not hang
            url = announced.rpartition(" on ")[2].strip()

            async def get_bot() -> CallToolResult:
                async with (
                    streamable_http_client(url) as (read, write),
                    ClientSession(read, write) as session,
                ):
                    await session.initialize()
                    return await session.call_tool("get_bot", {"bot_id": bot["id"]})

            outcome = portal.call(get_bot)
        finally:
            server.terminate()
            server.wait(10)

    assert announced.startswith("attendee mcp: streamable HTTP on http://127.0.0.1:")
    assert url.endswith("/mcp")
    assert outcome.structured_content is not None
    assert outcome.structured_content["id"] == bot["id"]


def test_an_address_it_cannot_listen_on_is_an_error_saying_so_with_status_1() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        stderr = io.StringIO()
        runtime = Runtime(
            stdout=io.StringIO(), stderr=stderr, environ={"ATTENDEE_API_KEY": API_KEY}
        )

        status = main(["mcp", "--http", f"127.0.0.1:{port}"], runtime)

    assert status == 1  # not 3, which says a wait ran out
    assert stderr.getvalue().startswith(f"attendee: error: cannot listen on 127.0.0.1:{port}: ")


def test_without_an_api_key_the_command_says_so_and_exits_5() -> None:
    stderr = io.StringIO()
    runtime = Runtime(stdout=io.StringIO(), stderr=stderr, environ={})

    status = main(["mcp", "--read-only"], runtime)

    assert status == 5  # the status of a missing key, as for every command (issue 25)
    assert "no API key: set ATTENDEE_API_KEY" in stderr.getvalue()


def test_the_log_filter_hides_the_key_in_messages_and_tracebacks() -> None:
    hide = _HideSecret(Redactor(API_KEY), skip_sdk=False)
    try:
        raise ValueError(f"refused {API_KEY}")
    except ValueError:
        record = logging.LogRecord(
            "mcp", logging.ERROR, __file__, 1, "key %s", (API_KEY,), sys.exc_info()
        )

    assert hide.filter(record)
    shown = logging.Formatter().format(record)
    assert "key [hidden]" in shown
    assert "ValueError: refused [hidden]" in shown
    assert API_KEY not in shown


def test_with_verbose_the_sdks_own_log_is_left_to_the_command_line() -> None:
    record = logging.LogRecord("attendee_client", logging.DEBUG, __file__, 1, "GET", (), None)

    assert not _HideSecret(Redactor(API_KEY), skip_sdk=True).filter(record)
    assert _HideSecret(Redactor(API_KEY), skip_sdk=False).filter(record)


def test_the_servers_options_do_not_show_the_key() -> None:
    assert API_KEY not in repr(ServerOptions(api_key=API_KEY, read_only=True))


def test_a_key_too_short_to_be_real_is_not_hidden() -> None:
    assert Redactor("k").hide("ok, k") == "ok, k"


def test_the_server_imports_only_the_public_api_of_the_sdk() -> None:
    package = Path(__file__).resolve().parents[2] / "src" / "attendee_client" / "mcp"
    private = []
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                sdk = parts[0] == "attendee_client" and parts[:2] != ["attendee_client", "mcp"]
                if sdk and any(part.startswith("_") for part in parts[1:]):
                    private.append(f"{path.name}: {name}")
    assert private == []


def test_import_and_the_command_line_parser_do_not_import_mcp() -> None:
    code = (
        "import sys, attendee_client, attendee_client.mcp\n"
        "from attendee_client.cli._parser import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'mcp', 'mcp_types'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_mcp_help_imports_neither_mcp_nor_its_server_stack() -> None:
    # What makes `attendee mcp` slow to start is importing mcp (pydantic, starlette,
    # uvicorn): its --help must not pay for it. -X importtime lists every module imported.
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "attendee_client", "mcp", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    imported = {
        line.rpartition("|")[2].strip().split(".")[0]
        for line in out.stderr.splitlines()
        if line.startswith("import time:")
    }

    assert "--read-only" in out.stdout
    assert "attendee_client" in imported
    assert imported.isdisjoint({"mcp", "mcp_types", "pydantic", "starlette", "uvicorn"})


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("8000", ("127.0.0.1", 8000)),
        (":8000", ("127.0.0.1", 8000)),
        ("0.0.0.0:9", ("0.0.0.0", 9)),
        ("[::1]:8000", ("::1", 8000)),
    ],
)
def test_http_takes_host_and_port_with_the_loopback_by_default(
    text: str, address: tuple[str, int]
) -> None:
    assert http_address(text) == address


@pytest.mark.parametrize("text", ["nope", "127.0.0.1:http", "70000", ":-1", "::1:8000", "::1"])
def test_http_refuses_what_is_not_a_port(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        http_address(text)
