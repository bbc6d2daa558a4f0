"""Lines redrawn in place on standard error when it is a terminal: the progress bar of a
download (size, rate, ETA) and the status line of a wait (state, last event, elapsed).

Each draw is ``\\r`` + the text cut to the terminal's width + erase-to-end-of-line, so a
shorter text never leaves the end of a longer one behind. ``finish`` draws the last state
and ends the line; ``clear`` erases it (before an error message, or on Ctrl-C).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from attendee_client.cli._views import describe_last_event, plain

if TYPE_CHECKING:
    from attendee_client import Bot

__all__ = ["LiveLine", "ProgressBar", "WaitStatus", "format_bytes", "format_duration"]

ERASE_TO_END = "\x1b[K"
REDRAW_SECONDS = 0.1
"""The shortest time between two draws of a progress bar (the last one is always drawn)."""
DEFAULT_WIDTH = 80


def terminal_width(stream: TextIO) -> int:
    """The width of the terminal behind ``stream`` (80 when it cannot be told)."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return DEFAULT_WIDTH
    return columns if columns > 0 else DEFAULT_WIDTH


def format_bytes(count: float) -> str:
    """``512 B``, ``1.4 KiB``, ``3.0 MiB``, ``1.2 GiB``."""
    if count < 1024:
        return f"{int(count)} B"
    for unit in ("KiB", "MiB", "GiB"):
        count /= 1024
        if count < 1024 or unit == "GiB":
            break
    return f"{count:.1f} {unit}"


def format_duration(seconds: float) -> str:
    """``5s``, ``1m 05s``, ``2h 03m``."""
    whole = max(0, int(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


class LiveLine:
    """A line of ``stream`` redrawn in place; subclasses say what it shows."""

    def __init__(self, stream: TextIO, clock: Callable[[], float]) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()

    def render(self, width: int) -> str:
        """The text of the line, for a terminal ``width`` columns wide."""
        raise NotImplementedError

    def draw(self) -> None:
        """Redraw the line now."""
        width = terminal_width(self.stream)
        text = self.render(width)[: width - 1]
        self.stream.write(f"\r{text}{ERASE_TO_END}")
        self.stream.flush()

    def tick(self) -> None:
        """Time passed (the command slept): redraw."""
        self.draw()

    def finish(self) -> None:
        """Draw the final state and end the line."""
        self.draw()
        self.stream.write("\n")
        self.stream.flush()

    def clear(self) -> None:
        """Erase the line, leaving the cursor at its start."""
        self.stream.write(f"\r{ERASE_TO_END}")
        self.stream.flush()


class ProgressBar(LiveLine):
    """A download's progress: ``label  42% [####------] 1.3 MiB / 3.0 MiB  2.1 MiB/s  ETA 1s``
    (without a known size: what arrived and the rate). Call it as the SDK's ``progress``."""

    def __init__(self, stream: TextIO, clock: Callable[[], float], label: str) -> None:
        super().__init__(stream, clock)
        self.label = label
        self.done = 0
        self.total: int | None = None
        self._drawn_at: float | None = None
        self._finished = False

    def __call__(self, done: int, total: int | None) -> None:
        self.done, self.total = done, total
        now = self.clock()
        complete = total is not None and done >= total
        if complete or self._drawn_at is None or now - self._drawn_at >= REDRAW_SECONDS:
            self._drawn_at = now
            self.draw()

    def _rate(self) -> float | None:
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed > 0 else None

    def render(self, width: int) -> str:
        rate = self._rate()
        speed = f"{format_bytes(rate)}/s" if rate is not None else "-- B/s"
        if self.total is None or self.total <= 0:
            return f"{self.label}  {format_bytes(self.done)}  {speed}"
        fraction = min(1.0, self.done / self.total)
        if self._finished:
            tail = f"in {format_duration(self.clock() - self.started)}"
        elif rate:
            tail = f"ETA {format_duration((self.total - self.done) / rate)}"
        else:
            tail = "ETA --"
        sizes = f"{format_bytes(self.done)} / {format_bytes(self.total)}"
        around = f"{self.label}  {fraction:4.0%} [] {sizes}  {speed}  {tail}"
        bar_width = max(10, min(30, width - 1 - len(around)))
        filled = int(bar_width * fraction)
        bar = "#" * filled + "-" * (bar_width - filled)
        return f"{self.label}  {fraction:4.0%} [{bar}] {sizes}  {speed}  {tail}"

    def finish(self) -> None:
        self._finished = True
        super().finish()


class WaitStatus(LiveLine):
    """A wait's status: ``Waiting for bot bot_x: joined_recording (last event: ...)  1m 02s``."""

    def __init__(self, stream: TextIO, clock: Callable[[], float], what: str, bot_id: str) -> None:
        super().__init__(stream, clock)
        self.what = what
        self.bot_id = bot_id
        self.state = "..."
        self.last_event = ""
        self._finished = False

    def update(self, bot: Bot) -> None:
        """The bot as the wait last read it: redraw."""
        self.state = plain(bot.state)
        self.last_event = describe_last_event(bot)
        self.draw()

    def render(self, width: int) -> str:
        elapsed = format_duration(self.clock() - self.started)
        event = f" (last event: {self.last_event})" if self.last_event else ""
        for shown in (event, ""):  # on a narrow terminal the time stays, the event goes
            if self._finished:
                text = (
                    f"{self.what.capitalize()} {self.bot_id}: {self.state}{shown} after {elapsed}"
                )
            else:
                text = f"Waiting for {self.what} {self.bot_id}: {self.state}{shown}  {elapsed}"
            if len(text) < width:
                break
        return text

    def finish(self) -> None:
        self._finished = True
        super().finish()
