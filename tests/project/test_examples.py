"""The examples run, offline, against the embedded fake (no API key in the environment)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from attendee_client import AsyncAttendeeClient, AttendeeClient, realtime
from attendee_client.testing import FakeAttendeeServer, Fault

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run_example(name: str, *args: str, **environment: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTENDEE_")}
    env.update(environment)
    completed = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def load_example(name: str) -> ModuleType:
    """An example as a module (its ``main`` not run), to test a piece of it."""
    spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), EXAMPLES / name)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quickstart_prints_the_documented_connection() -> None:
    out = run_example("quickstart.py")
    assert "embedded fake server" in out
    assert "Zoom OAuth connection zoc_abcdef1234567890" in out
    assert "state            connected" in out


def test_quickstart_with_a_key_lists_the_accounts_connections() -> None:
    # A "real" account: the fake stands in for the API, reached through the environment.
    with FakeAttendeeServer(api_key="real-key", seed_example=False) as account:
        environment = {"ATTENDEE_API_KEY": "real-key", "ATTENDEE_BASE_URL": account.base_url}
        assert "has no Zoom OAuth connections yet" in run_example("quickstart.py", **environment)
        first = account.add_connections(30)[-1]
        out = run_example("quickstart.py", **environment)
    assert "embedded fake server" not in out
    assert "25 Zoom OAuth connection(s) (and more); the first:" in out
    assert f"Zoom OAuth connection {first['id']}" in out


def test_async_quickstart_fetches_concurrently_and_lists() -> None:
    out = run_example("async_quickstart.py")
    assert "zoc_missing: not found" in out
    assert "listed zoc_abcdef1234567890" in out


def test_many_bots_runs_200_bots_on_the_aiohttp_transport(tmp_path: Path) -> None:
    out = run_example("many_bots.py", "--out", str(tmp_path), "--concurrency", "20")

    assert "200 of 200 bots ended" in out
    written = sorted(tmp_path.glob("bot_*.txt"))
    assert len(written) == 200
    assert all(": Hello from meeting " in path.read_text(encoding="utf-8") for path in written)


def test_many_bots_without_the_extra_says_which_to_install(tmp_path: Path) -> None:
    # A module of None in sys.modules is what Python reports as not installed.
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nsys.modules['httpx_aiohttp'] = None\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTENDEE_")}
    env["PYTHONPATH"] = str(tmp_path)
    completed = subprocess.run(
        [sys.executable, str(EXAMPLES / "many_bots.py"), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 2
    assert "pip install 'attendee-client[aiohttp]'" in completed.stderr


@pytest.mark.parametrize(("args", "words"), [((), "would delete"), (("--delete",), "deleted")])
def test_list_and_delete(args: tuple[str, ...], words: str) -> None:
    out = run_example("list_and_delete.py", *args)
    assert "32 connections, 1 disconnected" in out
    assert words in out


def test_oauth_callback_exchanges_the_code_once() -> None:
    out = run_example("oauth_callback.py")
    lines = out.strip().splitlines()
    assert lines[-2].startswith("200 Zoom connected for user zoom-user-42")
    assert lines[-1].startswith("400 Zoom authorization failed")


def test_realtime_echo_hears_the_meeting_and_the_bot_plays_the_reply() -> None:
    out = run_example("realtime_echo.py")
    assert "using a fake Attendee server" in out
    assert "the agent spoke 1.0 s back" in out
    assert "the bot played 1.0 s into the meeting" in out
    assert re.search(r"the agent interrupted itself [1-9][0-9]*x", out)  # barge-in ran


def test_realtime_record_writes_one_named_wav_per_participant(tmp_path: Path) -> None:
    out = run_example("realtime_record.py", "--out", str(tmp_path))
    assert "Ada: " in out
    assert "Grace: " in out
    files = sorted(path.name for path in tmp_path.glob("bot_*/*.wav"))
    assert files == ["16778240.wav", "16778241.wav"]


async def test_realtime_record_keeps_a_hostile_bot_id_inside_its_out_dir(tmp_path: Path) -> None:
    from websockets.asyncio.client import connect

    from tests.realtime.support import participant_frame

    example = load_example("realtime_record.py")
    out = tmp_path / "out"
    recorders = example.Recorders(out)
    async with realtime.serve(recorders.handler) as server, connect(server.url) as bot:
        await bot.send(participant_frame(bytes(640), bot_id="../x"))
    recorders.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]
    assert [path.relative_to(out).as_posix() for path in out.rglob("*.wav")] == [
        "___x/16778240.wav"
    ]


def test_send_bot_does_the_whole_job(tmp_path: Path) -> None:
    out = run_example("send_bot.py", "--out", str(tmp_path))

    assert "using a fake Attendee server" in out
    assert "is ended; downloading the recording" in out
    assert "Ada: Shall we start?" in out
    assert "Grace: Yes, the numbers look good." in out
    (video,) = tmp_path.glob("bot_*.mp4")
    assert video.stat().st_size == 3_000_000
    subtitles = video.with_suffix(".srt").read_text(encoding="utf-8")
    assert subtitles.startswith("1\n00:00:")
    assert "Grace: Yes, the numbers look good." in subtitles
    assert "[00:00:00] Ada: Shall we start?" in video.with_suffix(".txt").read_text()
    assert sorted(path.suffix for path in tmp_path.iterdir()) == [".mp4", ".srt", ".txt"]


def test_rtms_notetaker_forwards_the_webhook_waits_and_prints_the_transcript() -> None:
    out = run_example("rtms_notetaker.py")

    assert "using a fake Attendee server" in out
    assert "is connecting on stream 609340fb1ec24e5b8a9b3f5d0e1e9a72" in out
    assert "is ended" in out
    assert out.endswith(
        "[00:00:00] Ada: Welcome, everyone.\n[00:00:02] Grace: Thanks, let's begin.\n"
    )


def test_calendar_sync_schedules_a_bot_per_event() -> None:
    out = run_example("calendar_sync.py")
    assert "Standup: bot bot_" in out
    assert "Design review: bot bot_" in out
    assert out.count(" scheduled\n") == 2
    assert "its scheduled bots cancelled" in out


def test_webhook_receiver_verifies_and_handles_the_fakes_deliveries() -> None:
    out = run_example("webhook_receiver.py")
    assert "-> leaving (leave_requested)" in out
    assert "transcript: Ada: Welcome, everyone." in out
    assert "Zoom connection zoc_abcdef1234567890 is now disconnected" in out
    assert "4 events handled, 0 deliveries failed" in out


def test_the_example_users_test_suite_passes_with_the_plugin() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTENDEE_")}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLES / "tests")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "4 passed" in completed.stdout


# --- the examples' own code, tested with the plugin's fixtures -------------------------------


@pytest.fixture
def notetaker() -> Any:
    sys.path.insert(0, str(EXAMPLES))
    try:
        import notetaker

        yield notetaker
    finally:
        sys.path.remove(str(EXAMPLES))


def test_notes_are_none_until_the_meeting_ends(
    notetaker: Any, attendee_client: AttendeeClient, attendee_server: FakeAttendeeServer
) -> None:
    bot = notetaker.send_notetaker(attendee_client, "https://zoom.us/j/1", meeting_id="m")
    attendee_server.add_utterance(bot.id, "Hi", speaker_name="Ada")
    assert notetaker.notes(attendee_client, bot.id) is None
    attendee_server.advance_bot(bot.id, steps=3)
    assert notetaker.notes(attendee_client, bot.id) == "Ada: Hi"


@pytest.mark.attendee(bots=1, calendars=2, events=2, connections=3, seed_example=False)
def test_the_attendee_marker_seeds_the_fake(attendee_server: FakeAttendeeServer) -> None:
    assert len(attendee_server.bots) == 1
    assert len(attendee_server.calendars) == 2
    assert len(attendee_server.connections) == 3


@pytest.mark.attendee(faults=[Fault.respond(503), (Fault.respond(429), {"method": "GET"})])
def test_the_marker_adds_faults_and_the_client_does_not_sleep(
    attendee_client: AttendeeClient, attendee_server: FakeAttendeeServer
) -> None:
    bot_id = attendee_server.add_bot()["id"]
    assert attendee_client.bots.get(bot_id).id == bot_id
    assert len(attendee_server.requests) == 3


@pytest.mark.attendee(bots=2)
async def test_the_async_client_fixture(
    async_attendee_client: AsyncAttendeeClient, attendee_server: FakeAttendeeServer
) -> None:
    assert len([bot async for bot in async_attendee_client.bots.list()]) == 2


@pytest.mark.attendee(colour="red")
def test_an_unknown_marker_option_is_an_error(request: pytest.FixtureRequest) -> None:
    with pytest.raises(TypeError, match="has no option"):
        request.getfixturevalue("attendee_server")
