"""Run the fake Attendee server from a shell, for trying the SDK by hand or testing another
process against it.

    python -m attendee_client.testing [--api-key KEY] [--port PORT] [--connections N]
        [--bots N] [--calendars N] [--events N] [--auto-advance-bots] [--still]
        [--throttle RATE] [--no-example]

Prints the base URL on the first line of standard output and the API key on the second, then
serves on 127.0.0.1 until interrupted (Ctrl-C, SIGINT or SIGTERM), whether or not standard
input is open: it runs as well in the background or in CI.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType
from typing import TextIO

from attendee_client.testing._scripted_meeting import play_meetings
from attendee_client.testing._server import FakeAttendeeServer

PROG = "python -m attendee_client.testing"


def build_parser(prog: str = PROG) -> argparse.ArgumentParser:
    """The fake server's command line (``attendee fake`` uses it under its own name)."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="A fake Attendee API on 127.0.0.1, for tests and trying the SDK offline.",
    )
    parser.add_argument("--api-key", default="test-api-key", help="the key it accepts")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--connections", type=int, default=0, help="Zoom OAuth connections to add")
    parser.add_argument("--bots", type=int, default=0, help="bots to add (joining)")
    parser.add_argument("--calendars", type=int, default=0, help="calendars to add")
    parser.add_argument("--events", type=int, default=0, help="events to add to each calendar")
    parser.add_argument(
        "--auto-advance-bots",
        action="store_true",
        help="move a bot one step through a meeting each time it is fetched (the default; "
        "with --still: moving, but nothing said in the meeting)",
    )
    parser.add_argument(  # a meeting played by default (_scripted_meeting.py)
        "--still",
        action="store_true",
        help="keep bots where they are (default: each fetch moves a bot one step along a quick "
        "meeting with participants, a transcript and a recording; ids are replayable)",
    )
    parser.add_argument(
        "--throttle",
        metavar="RATE",
        help="throttle POSTs as the real server does, e.g. 3/min (default: never)",
    )
    parser.add_argument(
        "--no-example", action="store_true", help="do not seed the documented connection"
    )
    return parser


def main(
    argv: list[str] | None = None,
    stop: threading.Event | None = None,
    *,
    prog: str = PROG,
    out: TextIO | None = None,  # scripts/cli_session.py reads what it prints
) -> int:
    """Serve until SIGINT/SIGTERM (or until ``stop`` is set, for tests); ``prog`` names the
    command in help and usage errors; the URL and key are printed to ``out`` (stdout)."""
    parser = build_parser(prog)
    options = parser.parse_args(argv)
    for name in ("connections", "bots", "calendars", "events"):
        if getattr(options, name) < 0:
            parser.error(f"--{name} must be 0 or more")
    stop = stop or threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
    server = FakeAttendeeServer(
        api_key=options.api_key,
        seed_example=not options.no_example,
        auto_advance_bots=options.auto_advance_bots,
        throttle=options.throttle,
    )
    if not options.still:  # see _scripted_meeting.py
        play_meetings(server)
    server.start(options.port)
    try:
        server.add_connections(options.connections)
        for _ in range(options.bots):
            server.add_bot()
        for _ in range(options.calendars):
            calendar = server.add_calendar()
            for _ in range(options.events):
                server.add_calendar_event(calendar["id"])
        print(server.base_url, file=out, flush=True)  # file=out
        print(f"API key: {options.api_key}", file=out, flush=True)
        while not stop.wait(0.2):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
