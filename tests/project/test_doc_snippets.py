"""Every Python snippet of the README and of docs/*.md runs (issue #25, item 4).

Each block runs in a fresh namespace, in a temporary directory, with ``ATTENDEE_API_KEY`` and
``ATTENDEE_BASE_URL`` pointing at a fake that plays quick meetings (as ``attendee fake``
does). A fragment states the names it expects from earlier in its page in a comment on the
line before its fence, which readers of the Markdown see and the site does not show:

    <!-- snippet: needs client, bot_id -->

and gets exactly those from ``_setup`` below. ``<!-- snippet: async, needs ... -->`` marks
the body of a coroutine (top-level ``await``, ``async for``): it runs inside one.
``<!-- snippet: pytest -->`` marks a block of tests (run by tests/project/test_readme.py as a user's
project would); ``<!-- snippet: excerpt of src/... -->`` a quotation of the SDK's source, which
must still be in that file; ``<!-- snippet: compiled only: REASON -->`` a fragment that needs a
live connection to run (a bot's realtime session), which must at least compile as a
coroutine's body. Waits do not sleep: ``time.sleep`` and ``asyncio.sleep`` return at once
while a block runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import json
import logging
import re
import sqlite3
import time
import types
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from attendee_client import AsyncAttendeeClient, AttendeeClient, webhooks
from attendee_client.testing import FakeAttendeeServer
from attendee_client.testing._scripted_meeting import play_meetings

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
API_KEY = "snippet-key"
SECRET = "c25pcHBldHMtc2VjcmV0LWZvci10aGUtZG9jcw=="
MARKER = re.compile(r"<!-- snippet: (.*?) -->\n```python\n", re.DOTALL)
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def snippets() -> Iterator[Any]:
    for page in PAGES:
        text = page.read_text()
        for match in BLOCK.finditer(text):
            code = match.group(1)
            if code.startswith("--8<--"):  # an example file, run by tests/project/test_examples.py
                continue
            before = text[: match.start()]
            marker = re.search(r"<!-- snippet: (.*?) -->\n\Z", before)
            line = before.count("\n") + 1
            yield pytest.param(code, marker.group(1) if marker else "", id=f"{page.name}:{line}")


class _Agent:
    """An agent a realtime handler keeps per bot."""

    async def run(self, session: Any) -> None:
        pass


async def _handler(session: Any) -> None:
    """A realtime handler that does nothing."""


class _Queue:
    """A job queue: what ``enqueue`` was given."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Any, ...]] = []

    def enqueue(self, *job: Any) -> None:
        self.jobs.append(job)


class _Request:
    """What a web framework hands a webhook view: the body and the headers."""

    def __init__(self, body: bytes, signature: str) -> None:
        self.body = body
        self.headers = {webhooks.SIGNATURE_HEADER: signature}


def _delivery() -> tuple[bytes, str]:
    payload = {
        "idempotency_key": "0d3c7c84-9a1f-4a52-a3f3-2b8f1c9c2f10",
        "bot_id": "bot_3hfPq9ZkTsLmW2Vd",
        "bot_metadata": {"tenant": "42"},
        "trigger": "bot.state_change",
        "data": {
            "event_type": "post_processing_completed",
            "event_sub_type": None,
            "event_metadata": None,
            "old_state": "post_processing",
            "new_state": "ended",
            "created_at": "2025-02-03T10:05:12.417000Z",
        },
    }
    signature = webhooks.sign_payload(payload, SECRET)
    return json.dumps(payload).encode(), signature


def _setup(
    server: FakeAttendeeServer, directory: Path, made: dict[str, Any]
) -> dict[str, Callable[[], Any]]:
    """What each name a fragment may need is, made on first use (kept in ``made``)."""

    def once(name: str, make: Callable[[], Any]) -> Callable[[], Any]:
        def get() -> Any:
            if name not in made:
                made[name] = make()
            return made[name]

        return get

    def new_client() -> AttendeeClient:
        return AttendeeClient()

    def client() -> AttendeeClient:
        made_client: AttendeeClient = once("client", new_client)()
        return made_client

    def ended_bot() -> Any:
        bot = server.add_bot(metadata={"tenant": "42"})
        server.advance_bot(bot["id"], to="ended")
        return bot["id"]

    def recorded_bot() -> str:
        bot = client().bots.create(
            meeting_url="https://meet.google.com/abc-defg-hij",
            bot_name="Notes",
            recording_settings={"record_async_transcription_audio_chunks": True},
        )
        server.advance_bot(bot.id, to="ended")
        return bot.id

    def complete_job() -> Any:
        bot_id = once("recorded_bot_id", recorded_bot)()
        job = client().bots.create_async_transcription(
            bot_id, transcription_settings={"deepgram": {"language": "en"}}
        )
        server.advance_async_transcription(job.id)
        return job

    def authorization_code() -> str:
        server.add_authorization_code("code-from-zoom")
        return "code-from-zoom"

    def new_bot() -> str:
        return str(server.add_bot()["id"])

    def ended_session() -> str:
        session = server.add_app_session()
        server.advance_bot(session["id"], to="ended")
        return str(session["id"])

    body, signature = _delivery()

    def database() -> sqlite3.Connection:
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE processed_webhooks (idempotency_key TEXT UNIQUE)")
        return db

    return {
        "client": client,
        "async_client": once("async_client", AsyncAttendeeClient),
        "bot_id": once("bot_id", ended_bot),
        "new_bot_id": once("new_bot_id", new_bot),
        "recorded_bot_id": once("recorded_bot_id", recorded_bot),
        "code": once("code", authorization_code),
        "job": once("job", complete_job),
        "session_id": once("session_id", ended_session),
        "url": lambda: "https://meet.google.com/abc-defg-hij",
        "request_id": lambda: "req-42",
        "calendar": once("calendar", lambda: client().calendars.get(server.add_calendar()["id"])),
        "now": lambda: datetime.now(timezone.utc),
        "since": lambda: datetime.now(timezone.utc) - timedelta(days=1),
        "server": lambda: server,
        "path": lambda: directory / "meeting.mp4",
        "hashlib": lambda: hashlib,
        "body": lambda: body,
        "request_body": lambda: body,
        "signature": lambda: signature,
        "secret": lambda: SECRET,
        "request": lambda: _Request(body, signature),
        "db": once("db", database),
        "IntegrityError": lambda: sqlite3.IntegrityError,
        "fetch_transcript_later": lambda: lambda bot_id: None,
        "ask_the_user_to_reconnect": lambda: lambda calendar_id: None,
        "process": lambda: lambda event: None,
        "realtime": lambda: importlib.import_module("attendee_client.realtime"),
        "Agent": lambda: _Agent,
        "handler": lambda: _handler,
        "event": once(
            "event",
            lambda: next(iter(client().bots.participant_events(once("bot_id", ended_bot)()))),
        ),
        "frame": lambda: types.SimpleNamespace(participant_uuid="16778240"),
        "queue": lambda: _Queue(),
        "handle_once": lambda: lambda event: None,
        "webhooks": lambda: webhooks,
        "payload": lambda: json.loads(body),
    }


@pytest.fixture
def quick_fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeAttendeeServer]:
    monkeypatch.delenv("ATTENDEE_LOG", raising=False)
    # A snippet may configure logging (the README's does): put it back, or every later
    # test's requests would be logged at DEBUG, and held by pytest's log capture.
    loggers = {
        logger: logger.level
        for logger in (logging.getLogger(), logging.getLogger("attendee_client"))
    }
    for logger in loggers:
        monkeypatch.setattr(logger, "handlers", list(logger.handlers))
    server = play_meetings(FakeAttendeeServer(api_key=API_KEY))
    with server:
        monkeypatch.setenv("ATTENDEE_API_KEY", API_KEY)
        monkeypatch.setenv("ATTENDEE_BASE_URL", server.base_url)
        monkeypatch.setenv("ATTENDEE_WEBHOOK_SECRET", SECRET)
        monkeypatch.chdir(tmp_path)
        real_async_sleep = asyncio.sleep

        async def no_wait(seconds: float, result: Any = None) -> Any:
            return await real_async_sleep(0, result)

        monkeypatch.setattr(time, "sleep", lambda seconds: None)
        monkeypatch.setattr(asyncio, "sleep", no_wait)
        yield server
    for logger, level in loggers.items():
        logger.setLevel(level)  # through setLevel: it clears the loggers' cached levels


def _as_coroutine(code: str) -> str:
    """``code`` as the body of ``async def __snippet__()``; names it sets stay its own."""
    body = "".join(f"    {line}\n" if line.strip() else "\n" for line in code.splitlines())
    return f"async def __snippet__() -> None:\n{body}    pass\n"


@pytest.mark.parametrize(("code", "marker"), list(snippets()))
def test_the_snippet_runs_as_written(
    code: str, marker: str, quick_fake: FakeAttendeeServer, tmp_path: Path
) -> None:
    if marker == "pytest":
        pytest.skip("a block of tests: tests/project/test_readme.py runs it in a project")
    if marker.startswith("compiled only: "):
        assert marker.removeprefix("compiled only: ").strip(), "say why it is not run"
        compile(_as_coroutine(code), "<snippet>", "exec")
        return
    is_async = marker.startswith("async, ")
    marker = marker.removeprefix("async, ")
    if marker.startswith("excerpt of "):
        source = (ROOT / marker.removeprefix("excerpt of ").strip()).read_text()
        for line in code.splitlines():
            quoted = line.strip().partition("...")[0]  # "..." elides the rest of a line
            assert quoted in source, f"{line!r} is no longer in {marker}"
        return
    namespace: dict[str, Any] = {"__name__": "__snippet__"}
    made: dict[str, Any] = {}
    if marker:
        assert marker.startswith("needs "), f"unknown marker {marker!r}"
        setup = _setup(quick_fake, tmp_path, made)
        for name in (word.strip() for word in marker.removeprefix("needs ").split(",")):
            if name in ("flask", "fastapi", "django"):
                compile(code, "<snippet>", "exec")  # valid Python at least, installed or not
                pytest.importorskip(name)
                continue
            assert name in setup, f"no set-up for {name!r}"
            namespace[name] = setup[name]()
    try:
        if is_async:
            exec(compile(_as_coroutine(code), "<snippet>", "exec"), namespace)
            asyncio.run(namespace["__snippet__"]())
        else:
            exec(compile(code, "<snippet>", "exec"), namespace)  # the docs own code, on the fake
    finally:
        for value in [*namespace.values(), *made.values()]:
            if isinstance(value, AttendeeClient):
                value.close()
            elif isinstance(value, AsyncAttendeeClient):
                asyncio.run(value.aclose())
            elif isinstance(value, sqlite3.Connection):
                value.close()  # Python 3.13 warns of a connection left open
