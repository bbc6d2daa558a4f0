"""Standard output: the server's JSON with ``--json``, tables otherwise; messages for people
on standard error.

With ``--json`` nothing but JSON is written: one object, or an array written an item at a
time as the pager fetches its pages (so a list of any length takes the memory of a page).
On a terminal, tables are aligned (and coloured unless ``NO_COLOR`` is set or ``TERM`` is
``dumb``); piped to another program, their cells are separated by tabs, without colour, like
``gh``'s. Confirmations ("Wrote ...", "No bots.") go to standard error, as in ``gh``: what
standard output holds is only the result.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TextIO

from attendee_client.cli._views import Cell, Style, View

__all__ = ["Output"]

_COLOURS: dict[str, str] = {"good": "32", "warn": "33", "bad": "31", "dim": "2", "header": "1"}
_GAP = "  "


class Output:
    """Where a command's result goes, in the form asked for."""

    def __init__(
        self,
        stream: TextIO,
        *,
        json_mode: bool,
        colour: bool,
        aligned: bool = True,
        messages: TextIO | None = None,
    ) -> None:
        self.stream = stream
        self.json_mode = json_mode
        self.colour = colour
        self.aligned = aligned
        self.messages = messages

    # --- JSON -------------------------------------------------------------------------------

    def json(self, value: Any) -> None:
        """One JSON document, indented."""
        self.stream.write(json.dumps(value, indent=2, ensure_ascii=False))
        self.stream.write("\n")

    def json_array(self, values: Iterable[Any]) -> int:
        """A JSON array written as ``values`` come (one item a line); returns the count."""
        count = 0
        for value in values:
            self.stream.write(",\n  " if count else "[\n  ")
            self.stream.write(json.dumps(value, ensure_ascii=False))
            count += 1
        self.stream.write("\n]\n" if count else "[]\n")
        return count

    # --- either ---------------------------------------------------------------------------

    def model(self, item: Any, view: View) -> None:
        """One object: its server JSON, or its fields."""
        if self.json_mode:
            self.json(item.to_dict())
        else:
            self.details(view.detail(item))

    def models(self, items: Iterable[Any], view: View, limit: int | None = None) -> int:
        """A list, stopping after ``limit`` items (no further page is fetched); returns the
        count."""
        if limit is not None:
            items = itertools.islice(items, limit)
        if self.json_mode:
            return self.json_array(item.to_dict() for item in items)
        headers = [name for name, _ in view.columns]
        count = self.table(headers, (view.row(item) for item in items))
        if not count:
            self.line(f"No {view.plural}.")
        return count

    def identifier(self, value: str) -> None:
        """An id alone on a line (``--id-only``: for a script to keep), written at once."""
        self.stream.write(value + "\n")
        self.stream.flush()

    def line(self, text: str) -> None:
        """A line for people (a confirmation), on standard error; nothing with ``--json``."""
        if not self.json_mode:
            stream = self.messages or self.stream
            stream.write(text + "\n")
            stream.flush()

    # --- tables ---------------------------------------------------------------------------

    def _paint(self, text: str, style: Style | Literal["header"]) -> str:
        if not self.colour or style is None or not text:
            return text
        return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m"

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
        """Rows under their headers, each column as wide as its widest cell; returns the
        number of rows (none: nothing is written)."""
        collected = [list(row) for row in rows]
        if not collected:
            return 0
        if not self.aligned:
            self.stream.write("\t".join(headers) + "\n")
            for row in collected:
                self.stream.write("\t".join(text for text, _ in row) + "\n")
            return len(collected)
        widths = [len(header) for header in headers]
        for row in collected:
            for index, (text, _) in enumerate(row):
                widths[index] = max(widths[index], len(text))
        last = len(headers) - 1
        header = _GAP.join(
            name if index == last else name.ljust(widths[index])
            for index, name in enumerate(headers)
        )
        self.stream.write(self._paint(header.rstrip(), "header") + "\n")
        for row in collected:
            cells = []
            for index, (text, style) in enumerate(row):
                padding = "" if index == last else " " * (widths[index] - len(text))
                cells.append(self._paint(text, style) + padding)
            self.stream.write(_GAP.join(cells).rstrip() + "\n")
        return len(collected)

    def details(self, fields: Sequence[tuple[str, Cell]]) -> None:
        """One object's fields, a line each: name, then value."""
        if not self.aligned:
            for name, (text, _) in fields:
                self.stream.write(f"{name.lower()}\t{text}\n")
            return
        width = max(len(name) for name, _ in fields)
        for name, (text, style) in fields:
            label = name.lower().ljust(width)
            line = f"{self._paint(label, 'header')}{_GAP}{self._paint(text, style)}"
            self.stream.write(line.rstrip() + "\n")
