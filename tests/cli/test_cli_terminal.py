"""``attendee`` on a terminal (a pseudo-terminal): the download's progress bar and the wait's
live status line are drawn in place and finish cleanly (or are erased before an error), and
tables are coloured only on a terminal without ``NO_COLOR``. Time is the harness's clock,
which moves only when the command sleeps or looks at it: no test sleeps."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import termios
import threading
import tty
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from attendee_client.cli import main
from attendee_client.testing import FakeAttendeeServer
from tests.cli.test_cli import Cli
from tests.cli.test_cli_records import _Interrupting

COLUMNS = 100


class Terminal:
    """A pseudo-terminal: ``stream`` is its side for the program, ``output`` what it got."""

    def __init__(self, stream: TextIO, captured: list[bytes]) -> None:
        self.stream = stream
        self._captured = captured

    @property
    def output(self) -> str:
        return b"".join(self._captured).decode("utf-8")


@contextmanager
def terminal(columns: int = COLUMNS) -> Iterator[Terminal]:
    controller, program = pty.openpty()
    tty.setraw(program)  # bytes as written: no \n -> \r\n
    fcntl.ioctl(program, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    captured: list[bytes] = []

    def read() -> None:  # drained as it is written, so a long output never blocks the writer
        while True:
            try:
                data = os.read(controller, 65536)
            except OSError:
                return
            if not data:
                return
            captured.append(data)

    reader = threading.Thread(target=read)
    reader.start()
    stream = open(program, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    try:
        yield Terminal(stream, captured)
    finally:
        stream.close()
        os.close(program)
        reader.join(timeout=10)
        os.close(controller)


def screen(output: str) -> list[str]:
    """What a terminal shows after ``output``: carriage returns, erase to end of line and
    newlines applied, colours dropped."""
    lines, column, index = [""], 0, 0
    while index < len(output):
        if output.startswith("\x1b[K", index):
            lines[-1] = lines[-1][:column]
            index += 3
            continue
        if output.startswith("\x1b[", index):
            index = output.index("m", index) + 1
            continue
        char = output[index]
        if char == "\r":
            column = 0
        elif char == "\n":
            lines.append("")
            column = 0
        else:
            line = lines[-1].ljust(column)
            lines[-1] = line[:column] + char + line[column + 1 :]
            column += 1
        index += 1
    return lines


def ticking(cli: Cli, step: float) -> None:
    """Make the harness's clock move ``step`` seconds each time it is read."""

    def clock() -> float:
        cli.now += step
        return cli.now

    cli.clock = clock  # type: ignore[method-assign]


def _ended_with_recording(fake: FakeAttendeeServer, size: int) -> str:
    bot = fake.add_bot()
    fake.set_recording(bot["id"], size)
    fake.advance_bot(bot["id"], to="ended")
    return bot["id"]


def test_the_progress_bar_shows_size_rate_and_eta_then_finishes_on_its_own_line(
    cli: Cli, fake: FakeAttendeeServer, tmp_path: Path
) -> None:
    bot_id = _ended_with_recording(fake, 3 * 1024 * 1024)
    ticking(cli, 0.05)
    out = io.StringIO()

    with terminal() as term:
        code = main(
            ["bots", "recording", bot_id, "-o", str(tmp_path / "meeting.mp4")],
            cli.runtime(stdout=out, stderr=term.stream),
        )
    drawn = term.output

    assert code == 0
    draws = [draw for draw in drawn.split("\r") if draw]
    assert len(draws) >= 3
    assert any("ETA" in draw and "/ 3.0 MiB" in draw and "MiB/s" in draw for draw in draws)
    final = screen(drawn)
    assert final[-1] == ""  # the line was ended
    bar, wrote = final[:-1]  # the message follows the bar, on standard error too
    assert bar.startswith("meeting.mp4  100% [" + "#" * 10)
    assert "3.0 MiB / 3.0 MiB" in bar
    assert " in " in bar
    assert "ETA" not in bar
    assert len(bar) < COLUMNS
    assert wrote.startswith("Wrote 3.0 MiB")
    assert out.getvalue() == ""


def test_a_narrow_terminal_gets_a_line_that_fits(
    cli: Cli, fake: FakeAttendeeServer, tmp_path: Path
) -> None:
    bot_id = _ended_with_recording(fake, 1024 * 1024)
    ticking(cli, 0.05)

    with terminal(columns=40) as term:
        main(
            ["bots", "recording", bot_id, "-o", str(tmp_path / "meeting.mp4")],
            cli.runtime(stderr=term.stream),
        )

    drawn = [line for line in screen(term.output) if not line.startswith("Wrote ")]
    assert all(len(line) < 40 for line in drawn)


def test_ctrl_c_erases_the_bar_and_says_so_at_the_start_of_the_line(
    cli: Cli, fake: FakeAttendeeServer, tmp_path: Path
) -> None:
    bot_id = _ended_with_recording(fake, 3 * 1024 * 1024)
    cli.transport = lambda: _Interrupting(fake, after=1024 * 1024)

    with terminal() as term:
        code = main(
            ["bots", "recording", bot_id, "-o", str(tmp_path / "meeting.mp4")],
            cli.runtime(stderr=term.stream),
        )

    assert code == 130
    assert "meeting.mp4" in term.output  # the bar was drawn ...
    assert screen(term.output) == ["attendee: interrupted", ""]  # ... and erased
    assert list(tmp_path.iterdir()) == []


def test_the_wait_line_shows_state_last_event_and_time_then_the_end(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()
    fake.schedule_bot(bot["id"], ["joined_recording", "post_processing", "ended"])
    out = io.StringIO()

    with terminal(columns=120) as term:
        code = main(["bots", "wait", bot["id"]], cli.runtime(stdout=out, stderr=term.stream))

    assert code == 0
    draws = [draw for draw in term.output.split("\r") if draw]
    assert any(
        f"Waiting for bot {bot['id']}: joined_recording (last event: "
        "recording_permission_granted)" in draw
        for draw in draws
    )
    elapsed = {draw.rsplit("  ", 1)[-1].removesuffix("\x1b[K") for draw in draws[:-1]}
    assert {"0s", "1s", "2s"} <= elapsed  # the time moved while it slept
    final = screen(term.output)
    assert final[-1] == ""
    (line,) = final[:-1]
    assert line.startswith(f"Bot {bot['id']}: ended (last event: post_processing_completed) after")
    assert "state\tended" in out.getvalue()  # standard output is piped here


def test_on_a_narrow_terminal_the_wait_line_keeps_the_time(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    bot = fake.advance_bot(fake.add_bot()["id"])  # joined_recording, a long last event
    fake.schedule_bot(bot["id"], ["joined_recording", "ended"])

    with terminal(columns=70) as term:
        main(["bots", "wait", bot["id"]], cli.runtime(stderr=term.stream))

    draws = [draw.removesuffix("\x1b[K") for draw in term.output.split("\r") if draw]
    assert f"Waiting for bot {bot['id']}: joined_recording  0s" in draws
    assert all(len(line) < 70 for line in screen(term.output))


def test_a_wait_that_times_out_erases_its_line_before_the_message(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()

    with terminal() as term:
        argv = ["bots", "wait", bot["id"], "--wait-timeout", "20"]
        code = main(argv, cli.runtime(stderr=term.stream))

    assert code == 3
    assert "Waiting for bot" in term.output
    (line,) = screen(term.output)[:-1]
    assert line.startswith(f"attendee: timed out: bot {bot['id']} was not ended after 20 s")


def test_verbose_prints_the_log_instead_of_a_live_line(cli: Cli, fake: FakeAttendeeServer) -> None:
    bot = fake.add_bot()
    fake.schedule_bot(bot["id"], ["ended"])

    with terminal() as term:
        code = main(["-v", "bots", "wait", bot["id"]], cli.runtime(stderr=term.stream))

    assert code == 0
    assert "\r" not in term.output  # nothing redrawn
    assert "attendee_client DEBUG Waiting for bot" in term.output


def test_tables_are_coloured_on_a_terminal_unless_no_color(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    fake.add_bot()

    colour = {name: value for name, value in cli.environ.items() if name != "NO_COLOR"}
    with terminal() as coloured:
        main(["bots", "list"], cli.runtime(stdout=coloured.stream, environ=colour))
    environ = {**cli.environ, "NO_COLOR": "1"}
    with terminal() as plain:
        main(["bots", "list"], cli.runtime(stdout=plain.stream, environ=environ))
    piped = cli.run("bots", "list", piped=True)
    dumb = {**colour, "TERM": "dumb"}
    with terminal() as dumb_terminal:
        main(["bots", "list"], cli.runtime(stdout=dumb_terminal.stream, environ=dumb))

    assert "\x1b[" not in dumb_terminal.output
    assert "\x1b[33mjoining\x1b[0m" in coloured.output
    assert "\x1b[1mID" in coloured.output
    assert "\x1b[" not in plain.output
    assert "\x1b[" not in piped.out
    assert screen(coloured.output) == screen(plain.output)


def test_a_table_piped_to_another_program_is_tab_separated(
    cli: Cli, fake: FakeAttendeeServer
) -> None:
    bot = fake.add_bot()

    piped = cli.run("bots", "list", piped=True)
    shown = cli.run("bots", "get", bot["id"], piped=True)

    assert piped.out.splitlines() == [
        "ID\tSTATE\tMEETING\tJOIN AT\tLAST EVENT",
        f"{bot['id']}\tjoining\thttps://meet.google.com/abc-defg-hij\t\tjoin_requested",
    ]
    assert f"id\t{bot['id']}\n" in shown.out
    assert "\x1b[" not in piped.out + shown.out


def test_messages_go_to_standard_error_and_a_file_is_not_clobbered(
    cli: Cli, fake: FakeAttendeeServer, tmp_path: Path
) -> None:
    bot_id = _ended_with_recording(fake, 1024)
    target = tmp_path / "m3.mp4"

    first = cli.run("bots", "recording", bot_id, "-o", str(target))
    again = cli.run("bots", "recording", bot_id, "-o", str(target))
    target.write_bytes(b"mine")
    kept = cli.run("bots", "transcript", bot_id, "-o", str(target))
    clobbered = cli.run("bots", "recording", bot_id, "-o", str(target), "--clobber")

    assert (first.code, first.out) == (0, "")
    assert first.err == f"Wrote 1.0 KiB (1,024 bytes) to {target}.\n"
    assert again.code == kept.code == 2
    assert again.err == f"attendee: error: {target} exists: pass --clobber to overwrite it\n"
    assert clobbered.code == 0
    assert target.stat().st_size == 1024


def test_a_missing_or_refused_api_key_exits_5(cli: Cli, fake: FakeAttendeeServer) -> None:
    missing = cli.run("bots", "list", environ={})
    refused = cli.run("bots", "list", environ={**cli.environ, "ATTENDEE_API_KEY": "wrong-key-1"})

    assert missing.code == refused.code == 5
    assert "401" in refused.err
