"""``attendee fake`` run in a thread as a shell runs it, for docs/cli.md's session and the
tests that replay it."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from attendee_client.testing.__main__ import main
from attendee_client.testing._app import seed_ids

__all__ = ["shell_fake"]


class _Lines(io.StringIO):
    """A stream the fake's command line prints to, read by another thread."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self._text = ""
        self.arrived = threading.Condition()

    def write(self, text: str) -> int:
        with self.arrived:
            self._text += text
            *done, self._text = self._text.split("\n")
            self.lines += done
            self.arrived.notify_all()
        return len(text)


@contextmanager
def shell_fake(argv: list[str]) -> Iterator[list[str]]:
    """Run ``attendee fake`` with the words ``argv`` in a thread, as a shell would run it;
    yields the lines it printed (the base URL, then the API key), and stops it on exit.
    Raises RuntimeError when it does not start within 30 s. (docs/cli.md's session and the
    tests use it, so that what they run is what a user's shell runs.)"""
    stop = threading.Event()
    out = _Lines()
    failed: list[BaseException] = []

    def serve() -> None:
        try:
            main(argv, stop, prog="attendee fake", out=out)
        except BaseException as error:  # noqa: BLE001 - told to the caller below
            failed.append(error)
            with out.arrived:
                out.arrived.notify_all()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with out.arrived:
            out.arrived.wait_for(lambda: len(out.lines) >= 2 or bool(failed), timeout=30)
        if failed or len(out.lines) < 2:
            raise RuntimeError(f"attendee fake {' '.join(argv)} did not start: {failed}")
        yield list(out.lines)
    finally:
        stop.set()
        thread.join(timeout=30)
        seed_ids(None)
