"""``attendee``, the command line: every command run in process against the fake server, in
both output forms, with the exit status of each class of failure, and the API key never
shown. ``Cli`` is the harness the other ``test_cli_*`` modules share: it runs ``main`` with
string streams, an environment of its own, a clock that moves only when the command sleeps,
and clients answered by the fake in process (no socket)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import httpx
import pytest

from attendee_client import AttendeeClient, Bot
from attendee_client.cli import ClientOptions, Runtime, main
from attendee_client.testing import FakeAttendeeServer, Fault

API_KEY = "sk_cli_canary_5d8e2b7f19"
BASE_URL = "http://fake.test"
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    """What a run of ``attendee`` left: its exit status and its two outputs."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class TerminalOut(io.StringIO):
    """Standard output that says it is a terminal: tables are aligned for people."""

    def isatty(self) -> bool:
        return True


@dataclass
class Cli:
    """Runs ``attendee`` in process against ``fake``, its standard output a terminal (aligned
    tables; ``NO_COLOR`` keeps escape codes out) unless ``piped``."""

    fake: FakeAttendeeServer
    transport: Callable[[], httpx.BaseTransport] | None = None
    environ: dict[str, str] = field(
        default_factory=lambda: {
            "ATTENDEE_API_KEY": API_KEY,
            "ATTENDEE_BASE_URL": BASE_URL,
            "NO_COLOR": "1",
        }
    )
    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)
    options: list[ClientOptions] = field(default_factory=list)
    clients: list[httpx.Client] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def factory(self, options: ClientOptions) -> AttendeeClient:
        self.options.append(options)
        transport = self.transport() if self.transport else self.fake.transport()
        http = httpx.Client(transport=transport)
        self.clients.append(http)
        retries: dict[str, Any] = {}
        if options.max_retries is not None:
            retries["max_retries"] = options.max_retries
        return AttendeeClient(
            api_key=options.api_key,
            base_url=options.base_url,
            http_client=http,
            sleep=options.sleep,
            clock=options.clock,
            **retries,
        )

    def runtime(
        self,
        stdin: str = "",
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        environ: dict[str, str] | None = None,
    ) -> Runtime:
        return Runtime(
            stdin=io.StringIO(stdin),
            stdout=stdout or TerminalOut(),
            stderr=stderr or io.StringIO(),
            environ=self.environ if environ is None else environ,
            client_factory=self.factory,
            clock=self.clock,
            sleep=self.sleep,
        )

    def run(
        self,
        *argv: str,
        stdin: str = "",
        environ: dict[str, str] | None = None,
        piped: bool = False,
    ) -> Result:
        runtime = self.runtime(stdin, stdout=io.StringIO() if piped else None, environ=environ)
        code = main(list(argv), runtime)
        assert isinstance(runtime.stdout, io.StringIO)
        assert isinstance(runtime.stderr, io.StringIO)
        return Result(code, runtime.stdout.getvalue(), runtime.stderr.getvalue())

    def close(self) -> None:
        for http in self.clients:
            http.close()


def table(out: str) -> list[list[str]]:
    """A table's lines split at runs of two or more spaces."""
    import re

    return [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]


# --- the command line itself ------------------------------------------------------------------


def test_help_lists_every_command_and_the_exit_statuses(cli: Cli) -> None:
    result = cli.run("--help")

    assert result.code == 0
    for name in ("bots", "app-sessions", "calendars", "calendar-events", "webhooks", "fake"):
        assert name in result.out
    assert "zoom-oauth-connections" in result.out
    assert "130" in result.out
    assert "exit status" in result.out


def test_no_command_is_a_usage_error(cli: Cli) -> None:
    result = cli.run()

    assert result.code == 2
    assert result.err.startswith("usage: attendee")
    assert "required: COMMAND" in result.err


def test_an_unknown_flag_is_a_usage_error_naming_it(cli: Cli) -> None:
    result = cli.run("bots", "list", "--bogus")

    assert result.code == 2
    assert "unrecognized arguments: --bogus" in result.err


def test_without_an_api_key_it_says_where_to_put_one(cli: Cli) -> None:
    result = cli.run("bots", "list", environ={})

    assert result.code == 5
    assert result.err == "attendee: error: no API key: set ATTENDEE_API_KEY or pass --api-key\n"


def test_options_from_flags_reach_the_client(cli: Cli) -> None:
    result = cli.run(
        "--api-key",
        API_KEY,
        "--base-url",
        BASE_URL,
        "--request-timeout",
        "7",
        "--max-retries",
        "0",
        "bots",
        "list",
        environ={},
    )

    assert result.code == 0
    (options,) = cli.options
    assert (options.api_key, options.base_url, options.timeout, options.max_retries) == (
        API_KEY,
        BASE_URL,
        7.0,
        0,
    )
    assert API_KEY not in repr(options)


def test_global_options_may_follow_the_command(cli: Cli, fake: FakeAttendeeServer) -> None:
    fake.add_bot()

    before = cli.run("--json", "bots", "list")
    after = cli.run("bots", "list", "--json", "--max-retries", "1")

    assert before.out == after.out
    assert cli.options[-1].max_retries == 1


def test_python_dash_m_runs_it_and_import_attendee_client_does_not() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "attendee_client", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, attendee_client; "
            "print(sorted(m for m in sys.modules if m.startswith('attendee_client.cli')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )

    assert version.returncode == 0
    assert version.stdout.startswith("attendee ")
    assert imported.stdout.strip() == "[]"


# --- bots: reading ----------------------------------------------------------------------------


def test_bots_list_is_a_table_of_the_useful_columns(cli: Cli, fake: FakeAttendeeServer) -> None:
    first = fake.add_bot(meeting_url="https://zoom.us/j/123")
    second = fake.add_bot(join_at="2030-01-01T10:00:00Z", meeting_url="https://zoom.us/j/9")

    result = cli.run("bots", "list")

    assert result.code == 0
    assert result.err == ""
    assert table(result.out) == [
        ["ID", "STATE", "MEETING", "JOIN AT", "LAST EVENT"],
        [first["id"], "joining", "https://zoom.us/j/123", "join_requested"],
        [second["id"], "scheduled", "https://zoom.us/j/9", "2030-01-01T10:00:00Z"],
    ]
    widths = {len(line.split("https")[0]) for line in result.out.splitlines()[1:]}
    assert len(widths) == 1  # aligned


def test_bots_list_json_is_the_servers_json_and_nothing_else(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    fake.add_bot(metadata={"tenant": "t1"})
    fake.advance_bot(fake.add_bot()["id"], to="ended")

    result = cli.run("bots", "list", "--json")

    assert result.code == 0
    assert result.json() == [Bot.from_dict(bot).to_dict() for bot in fake.bots]
    assert result.json() == fake.bots


def test_an_empty_list_is_an_empty_array_or_a_sentence(cli: Cli) -> None:
    assert cli.run("bots", "list", "--json").out == "[]\n"
    assert cli.run("bots", "list").err == "No bots.\n"


def test_bots_list_sends_its_filters(cli: Cli, fake: FakeAttendeeServer) -> None:
    result = cli.run(
        "bots",
        "list",
        "--state",
        "joining",
        "--state",
        "scheduled",
        "--meeting-url",
        "https://zoom.us/j/1",
        "--dedup-key",
        "k-1",
        "--join-at-after",
        "2025-01-01T00:00:00Z",
    )

    assert result.code == 0
    query = httpx.URL(fake.requests[-1].path).params
    assert query.get_list("states") == ["joining", "scheduled"]
    assert query["meeting_url"] == "https://zoom.us/j/1"
    assert query["deduplication_key"] == "k-1"
    assert query["join_at_after"].startswith("2025-01-01T00:00:00")


def test_limit_stops_paging(cli: Cli, fake: FakeAttendeeServer) -> None:
    for _ in range(60):
        fake.add_bot()

    result = cli.run("bots", "list", "--json", "--limit", "30")

    assert len(result.json()) == 30
    assert len(fake.requests) == 2  # two pages of 25, never the third


def test_json_lists_are_written_as_pages_arrive(cli: Cli, fake: FakeAttendeeServer) -> None:
    for _ in range(60):
        fake.add_bot()
    requests_at_each_item: list[int] = []

    class Watching(io.StringIO):
        def write(self, text: str) -> int:
            if text.startswith("{"):
                requests_at_each_item.append(len(fake.requests))
            return super().write(text)

    out = Watching()
    assert main(["bots", "list", "--json"], cli.runtime(stdout=out)) == 0

    assert len(json.loads(out.getvalue())) == 60
    # The first 25 items were out before the second page was asked for.
    assert requests_at_each_item[:25] == [1] * 25
    assert requests_at_each_item[25:50] == [2] * 25


def test_bots_get_shows_every_field_or_the_json(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot(metadata={"tenant": "t1"}, deduplication_key="meeting-42")

    shown = cli.run("bots", "get", bot["id"])
    raw = cli.run("bots", "get", bot["id"], "--json")

    fields = dict(line.split(maxsplit=1) for line in shown.out.splitlines() if " " in line)
    assert fields.items() >= {"id": bot["id"], "state": "joining", "metadata": "tenant=t1"}.items()
    assert "dedup key      meeting-42" in shown.out
    assert raw.json() == bot


# --- bots: changing -------------------------------------------------------------------------


def test_bots_create_sends_the_flags_and_the_settings_file(
    cli: Cli, fake: FakeAttendeeServer, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text(
        json.dumps({"recording_settings": {"format": "mp3"}, "bot_name": "overridden by --name"})
    )

    result = cli.run(
        "bots",
        "create",
        "https://zoom.us/j/123",
        "--name",
        "Notes",
        "--join-at",
        "2030-01-13T10:30:00+02:00",
        "--dedup-key",
        "meeting-42",
        "--metadata",
        "tenant=t1",
        "--metadata",
        "user=ada@example.com",
        "--settings",
        str(settings),
        "--json",
    )

    assert result.code == 0, result.err
    body = json.loads(fake.requests[-1].body)
    assert body["bot_name"] == "Notes"
    assert body["meeting_url"] == "https://zoom.us/j/123"
    assert body["join_at"] == "2030-01-13T08:30:00Z"
    assert body["deduplication_key"] == "meeting-42"
    assert body["metadata"] == {"tenant": "t1", "user": "ada@example.com"}
    assert body["recording_settings"] == {"format": "mp3"}
    assert result.json() == fake.bots[-1]
    assert result.json()["state"] == "scheduled"


def test_bots_create_id_only_prints_the_id_alone_for_a_script(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    result = cli.run("bots", "create", "https://zoom.us/j/1", "--name", "N", "--id-only")

    assert result.code == 0, result.err
    assert result.out == f"{fake.bots[-1]['id']}\n"
    assert result.err == ""


def test_id_only_prints_the_id_before_a_wait_that_then_runs_out_of_time(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    argv = ["--name", "N", "--wait", "--wait-timeout", "30", "--id-only"]
    result = cli.run("bots", "create", "https://zoom.us/j/1", *argv)

    assert result.code == 3
    assert result.out == f"{fake.bots[-1]['id']}\n"  # the bot carries on: the script has its id
    assert "timed out" in result.err


def test_id_only_and_json_together_are_a_usage_error(cli: Cli, fake: FakeAttendeeServer) -> None:
    result = cli.run("bots", "create", "https://zoom.us/j/1", "--name", "N", "--id-only", "--json")

    assert result.code == 2
    assert "--id-only prints the id alone and --json the whole object: give one" in result.err
    assert fake.requests == []


def test_settings_the_sdk_does_not_know_are_sent_for_the_server_to_judge(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    result = cli.run(
        "bots",
        "create",
        "https://zoom.us/j/1",
        "--name",
        "N",
        "--settings",
        "-",
        stdin='{"a_new_setting": {"enabled": true}}',
    )

    assert json.loads(fake.requests[-1].body)["a_new_setting"] == {"enabled": True}
    assert result.code == 1  # this server does not know it either
    assert "Unexpected field(s): a_new_setting" in result.err


def test_bots_create_reads_settings_from_stdin(cli: Cli, fake: FakeAttendeeServer) -> None:
    result = cli.run(
        "bots",
        "create",
        "https://zoom.us/j/1",
        "--name",
        "N",
        "--settings",
        "-",
        stdin='{"recording_settings": {"format": "mp3"}}',
    )

    assert result.code == 0
    assert json.loads(fake.requests[-1].body)["recording_settings"] == {"format": "mp3"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--join-at", "2030-01-13T10:30:00"], "has no UTC offset"),
        (["--join-at", "next tuesday"], "not an ISO 8601 date-time"),
        (["--metadata", "tenant"], "expected KEY=VALUE"),
        (["--until", "ended"], "need --wait"),
        (["--settings", "/nonexistent/settings.json"], "cannot read"),
        (["--wait", "--wait-timeout", "0"], "must be above zero"),
    ],
)
def test_bad_create_flags_are_usage_errors(
    cli: Cli, fake: FakeAttendeeServer, argv: list[str], message: str
) -> None:
    result = cli.run("bots", "create", "https://zoom.us/j/1", "--name", "N", *argv)

    assert result.code == 2
    assert message in result.err
    assert fake.requests == []


def test_a_settings_file_that_is_not_json_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text("{nope")

    result = cli.run(
        "bots",
        "create",
        "https://zoom.us/j/1",
        "--name",
        "N",
        "--settings",
        str(tmp_path / "s.json"),
    )

    assert result.code == 2
    assert "is not JSON" in result.err


def test_an_argument_the_sdk_refuses_is_a_usage_error(cli: Cli, fake: FakeAttendeeServer) -> None:
    result = cli.run("bots", "create", "https://zoom.us/j/1", "--name", "  ")

    assert result.code == 2
    assert "bot_name" in result.err
    assert fake.requests == []


def test_bots_create_wait_prints_the_bot_once_it_is_done() -> None:
    cli = Cli(FakeAttendeeServer(api_key=API_KEY, auto_advance_bots=True))

    result = cli.run("bots", "create", "https://zoom.us/j/1", "--name", "N", "--wait", "--json")
    cli.close()

    assert result.code == 0, result.err
    assert result.json()["state"] == "ended"
    assert cli.sleeps  # it polled, on the injected clock


def test_bots_update_changes_only_what_is_given(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot(join_at="2030-01-01T10:00:00Z")

    result = cli.run("bots", "update", bot["id"], "--name", "Renamed", "--metadata", "a=b")
    nothing = cli.run("bots", "update", bot["id"])

    assert result.code == 0
    assert json.loads(fake.requests[0].body) == {"bot_name": "Renamed", "metadata": {"a": "b"}}
    assert "metadata       a=b" in result.out
    assert nothing.code == 2
    assert "nothing to change" in nothing.err


def test_bot_actions_print_the_bot_they_return(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.advance_bot(fake.add_bot()["id"])  # joined_recording

    paused = cli.run("bots", "pause-recording", bot["id"], "--json")
    resumed = cli.run("bots", "resume-recording", bot["id"])
    left = cli.run("bots", "leave", bot["id"], "--json")

    assert paused.json()["state"] == "joined_recording_paused"
    assert "state          joined_recording" in resumed.out
    assert left.json()["state"] == "leaving"


def test_bots_delete_and_delete_data(cli: Cli, fake: FakeAttendeeServer) -> None:
    scheduled = fake.add_bot(join_at="2030-01-01T10:00:00Z")
    ended = fake.advance_bot(fake.add_bot()["id"], to="ended")

    deleted = cli.run("bots", "delete", scheduled["id"])
    deleted_json = cli.run("bots", "delete-data", ended["id"], "--json")

    assert deleted.code == 0
    assert deleted.err == f"Deleted bot {scheduled['id']}.\n"
    assert deleted_json.json()["state"] == "data_deleted"
    assert cli.run("bots", "delete", ended["id"], "--json").code == 1


# --- bots: waiting ----------------------------------------------------------------------------


def test_bots_wait_returns_the_bot_once_it_ends(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot()
    fake.schedule_bot(bot["id"], ["joined_recording", "post_processing", "ended"])

    result = cli.run("bots", "wait", bot["id"])

    assert result.code == 0
    assert "state          ended" in result.out
    assert result.err == ""  # no live line: stderr is not a terminal
    assert len(cli.sleeps) == 2  # three looks


def test_bots_wait_until_a_state(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot()
    fake.schedule_bot(bot["id"], ["joining", "joined_recording"])

    result = cli.run(
        "bots", "wait", bot["id"], "--until", "joined_recording", "--poll-interval", "2", "--json"
    )

    assert result.code == 0
    assert result.json()["state"] == "joined_recording"
    assert cli.sleeps == [2.0]


def test_a_wait_that_runs_out_of_time_exits_3(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot()

    result = cli.run("bots", "wait", bot["id"], "--wait-timeout", "30", "--json")

    assert result.code == 3
    assert result.out == ""
    assert result.err.startswith(f"attendee: timed out: bot {bot['id']} was not ended after 30 s")
    assert result.err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["--timeout", "2", "bots", "wait", "{id}"],
        ["bots", "wait", "{id}", "--timeout", "2"],
        ["bots", "list", "--timeout=2"],
    ],
)
def test_a_bare_timeout_is_a_usage_error_naming_the_two_timeouts(
    cli: Cli, fake: FakeAttendeeServer, argv: list[str]
) -> None:
    bot = fake.add_bot()

    result = cli.run(*(word.format(id=bot["id"]) for word in argv))

    assert result.code == 2
    assert "--wait-timeout SECONDS for how long a wait may last" in result.err
    assert "--request-timeout SECONDS for how long each request may take" in result.err
    assert fake.requests == []


@pytest.mark.parametrize("before", [True, False])
def test_the_request_timeout_means_the_same_before_or_after_a_wait(
    cli: Cli, fake: FakeAttendeeServer, before: bool
) -> None:
    bot = fake.add_bot()
    option = ["--request-timeout", "2"]
    wait = ["bots", "wait", bot["id"], "--wait-timeout", "30"]

    result = cli.run(*(option + wait if before else wait + option))

    assert result.code == 3
    assert "was not ended after 30 s" in result.err
    assert [options.timeout for options in cli.options] == [2.0]


def test_a_bot_that_fails_while_waited_for_exits_4(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot()
    fake.fail_bot(bot["id"], "could_not_join_meeting", "meeting_not_found")

    result = cli.run("bots", "wait", bot["id"])

    assert result.code == 4
    assert result.err == (
        f"attendee: failed: bot {bot['id']} is fatal_error (last event: could_not_join_meeting "
        "/ meeting_not_found); it will never be ended\n"
    )


def test_a_bot_that_ended_before_the_state_waited_for_exits_4(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    bot = fake.advance_bot(fake.add_bot()["id"], to="ended")

    result = cli.run("bots", "wait", bot["id"], "--until", "joined_recording")

    assert result.code == 4
    assert "is ended" in result.err
    assert "it will never be joined_recording" in result.err


def test_a_misspelt_state_is_a_usage_error_listing_the_known_ones(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()

    result = cli.run("bots", "wait", bot["id"], "--until", "endd")

    assert result.code == 2
    assert "--until: 'endd' is not a state this version knows" in result.err
    assert "joined_recording_permission_denied, connecting, connected, disconnecting" in result.err
    assert "--new-state" in result.err
    assert fake.requests == []


def test_a_misspelt_state_filter_is_a_usage_error(cli: Cli, fake: FakeAttendeeServer) -> None:
    result = cli.run("bots", "list", "--state", "joinin")

    assert result.code == 2
    assert "--state: 'joinin' is not a state this version knows" in result.err


def test_a_state_added_since_is_waited_for_with_new_state(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    bot = fake.advance_bot(fake.add_bot()["id"], to="ended")

    result = cli.run("bots", "wait", bot["id"], "--until", "rebooting", "--new-state")

    assert result.code == 4
    assert "it will never be rebooting" in result.err


def test_ctrl_c_during_a_wait_after_create_names_the_bot(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    cli.sleep = interrupted  # type: ignore[method-assign]

    result = cli.run("bots", "create", "https://zoom.us/j/1", "--name", "N", "--wait")

    assert result.code == 130
    bot_id = fake.bots[0]["id"]
    assert result.err == (
        f"attendee: interrupted; bot {bot_id} was created and carries on; wait again with "
        f"`attendee bots wait {bot_id}`\n"
    )
    assert "Traceback" not in result.err


# --- API errors ---------------------------------------------------------------------------


def test_an_api_error_is_one_line_with_the_request_path_and_exit_1(cli: Cli) -> None:
    result = cli.run("bots", "get", "bot_missing")

    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        "attendee: error: 404 Not Found: Bot not found (GET /api/v1/bots/bot_missing)\n"
    )


def test_a_refused_action_is_exit_1_with_the_servers_reason(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    result = cli.run("bots", "delete", fake.add_bot()["id"])

    assert result.code == 1
    assert "can only be deleted when in scheduled state" in result.err
    assert "(DELETE /api/v1/bots/" in result.err


def test_a_server_error_after_the_retries_is_exit_1(cli: Cli, fake: FakeAttendeeServer) -> None:
    fake.add_fault(Fault.respond(503), times=3)

    result = cli.run("bots", "list")

    assert result.code == 1
    assert result.err.startswith("attendee: error: 503")
    assert "(GET /api/v1/bots)" in result.err
    assert "[after 3 attempts]" in result.err
    assert result.err.count("\n") == 1


def test_verbose_prints_the_sdks_log_on_stderr(cli: Cli, fake: FakeAttendeeServer) -> None:
    fake.add_fault(Fault.respond(503))

    result = cli.run("-v", "bots", "list")

    assert result.code == 0
    assert "attendee_client DEBUG GET /api/v1/bots -> 503" in result.err
    assert "attendee_client INFO Retrying" in result.err
    # The handler went away with the run: only the message of an empty list is left.
    assert cli.run("bots", "list").err == "No bots.\n"


# --- the key is never shown ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["-v", "--api-key", API_KEY, "bots", "list"],
        ["-v", "bots", "get", "bot_missing", "--api-key", API_KEY],
        ["bots", "get", "--api-key", API_KEY],  # a usage error echoes the command line
        ["bots", "get", f"--api-key={API_KEY}", "x", "y"],
        ["--api-k", API_KEY, "bots", "bogus"],
        ["bots", "list", API_KEY],
        ["-v", "bots", "wait", "bot_missing"],
        ["-v", "bots", "list", "--json"],
    ],
)
def test_the_api_key_never_appears(cli: Cli, fake: FakeAttendeeServer, argv: list[str]) -> None:
    fake.add_bot()
    fake.add_fault(Fault.respond(503))

    result = cli.run(*argv)

    assert API_KEY not in result.out
    assert API_KEY not in result.err
