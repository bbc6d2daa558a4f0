"""The readable text beside each tool's structured result: what an assistant (or a person
reading its log) takes in at a glance. Pure functions over the server's JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

__all__ = ["describe", "describe_list", "iso_time", "line"]

_SUMMARY_FIELDS = ("state", "meeting_url", "join_at", "name", "start_time", "platform")


def _value(value: Any) -> str:
    if isinstance(value, (Mapping, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _last_event(events: Sequence[Mapping[str, Any]]) -> str:
    last = events[-1]
    sub_type = last.get("sub_type")
    kind = f"{last.get('type')} ({sub_type})" if sub_type else str(last.get("type"))
    when = last.get("created_at")
    return f"{kind} at {when}" if when else kind


def describe(title: str, data: Mapping[str, Any]) -> str:
    """``title``, then one ``field: value`` line for each field that has a value (a bot's
    events as their count and the last one)."""
    lines = [title]
    for name, value in data.items():
        if value is None or value == {} or value == []:
            continue
        if name == "events" and isinstance(value, list):
            lines.append(f"events: {len(value)}, the last {_last_event(value)}")
        else:
            lines.append(f"{name}: {_value(value)}")
    return "\n".join(lines)


def iso_time(ms: Any) -> str:
    """Unix milliseconds as ISO 8601 in UTC (``2025-01-13T10:30:00Z``, with milliseconds
    when there are any): the form a tool's time argument takes back. ``?`` for no time."""
    if not isinstance(ms, int) or isinstance(ms, bool):
        return "?"
    when = datetime.fromtimestamp(ms / 1000, timezone.utc)
    text = when.isoformat(timespec="milliseconds" if ms % 1000 else "seconds")
    return text.replace("+00:00", "Z")


def line(data: Mapping[str, Any]) -> str:
    """One line for an item of a list: its id and the fields that say most about it."""
    parts = [str(data.get("id", "?"))]
    parts += [f"{name} {_value(data[name])}" for name in _SUMMARY_FIELDS if data.get(name)]
    return " | ".join(parts)


def describe_list(
    noun: str, items: Sequence[Mapping[str, Any]], more: str | None = None, *, text: Any = line
) -> str:
    """``N noun(s)``, one line per item (``text`` makes it), and what to do for more."""
    head = f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"
    lines = [head + (":" if items else "."), *(text(item) for item in items)]
    if more:
        lines.append(more)
    return "\n".join(lines)
