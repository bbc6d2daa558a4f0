"""How each model shows in a table: its useful columns for a list, its fields for one
object, every value as plain text with a style for colour (state cells)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from typing import Any, Literal

__all__ = [
    "APP_SESSION",
    "BOT",
    "CALENDAR",
    "CALENDAR_EVENT",
    "CHAT_MESSAGE",
    "CONNECTION",
    "PARTICIPANT",
    "PARTICIPANT_EVENT",
    "Cell",
    "View",
    "describe_last_event",
    "plain",
]

Style = Literal["good", "warn", "bad", "dim"] | None
Cell = tuple[str, Style]
Column = tuple[str, Callable[[Any], Cell]]

_GOOD = frozenset({"ended", "joined_recording", "connected", "complete", "success"})
_BAD = frozenset({"fatal_error", "disconnected", "failed", "could_not_join_meeting"})
_DIM = frozenset({"data_deleted", "not_started"})


def plain(value: object) -> str:
    """A value as a table shows it: ISO date-times (``Z`` for UTC), enum values, ``k=v``
    pairs, ``yes``/``no``, nothing for None; line breaks become spaces."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        text = value.isoformat(timespec="seconds")
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, Mapping):
        return ", ".join(f"{key}={plain(item)}" for key, item in value.items())
    return " ".join(str(value).split())


def _from_ms(milliseconds: int | None) -> str:
    if milliseconds is None:
        return ""
    return plain(datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(milliseconds=milliseconds))


def _text(value: object) -> Cell:
    return plain(value), None


def state(value: object) -> Cell:
    """A state, styled by what it means: done well, failed, gone, or under way."""
    text = plain(value)
    if text in _GOOD:
        return text, "good"
    if text in _BAD:
        return text, "bad"
    if text in _DIM or not text:
        return text, "dim"
    return text, "warn"


def describe_last_event(bot: Any) -> str:
    """``type`` or ``type / sub_type`` of the bot's latest event; empty without events."""
    if not bot.events:
        return ""
    event = bot.events[-1]
    described = plain(event.type)
    if event.sub_type is not None:
        described += f" / {plain(event.sub_type)}"
    return described


@dataclass(frozen=True)
class View:
    """The columns of a list and the fields of one object; ``plural`` names the rows."""

    plural: str
    columns: Sequence[Column]
    fields: Sequence[Column]

    def row(self, item: Any) -> list[Cell]:
        """The cells of ``item`` for a list."""
        return [cell(item) for _, cell in self.columns]

    def detail(self, item: Any) -> list[tuple[str, Cell]]:
        """The fields of ``item`` for a view of it alone."""
        return [(name, cell(item)) for name, cell in self.fields]


_BOT_COLUMNS: list[Column] = [
    ("ID", lambda bot: _text(bot.id)),
    ("STATE", lambda bot: state(bot.state)),
    ("MEETING", lambda bot: _text(bot.meeting_url)),
    ("JOIN AT", lambda bot: _text(bot.join_at)),
    ("LAST EVENT", lambda bot: _text(describe_last_event(bot))),
]

BOT = View(
    "bots",
    _BOT_COLUMNS,
    [
        *_BOT_COLUMNS,
        ("RECORDING", lambda bot: state(bot.recording_state)),
        ("TRANSCRIPTION", lambda bot: state(bot.transcription_state)),
        ("DEDUP KEY", lambda bot: _text(bot.deduplication_key)),
        ("METADATA", lambda bot: _text(bot.metadata)),
    ],
)

APP_SESSION = View(
    "app sessions",
    [
        ("ID", lambda session: _text(session.id)),
        ("STATE", lambda session: state(session.state)),
        ("STREAM", lambda session: _text(session.zoom_rtms_stream_id)),
        ("LAST EVENT", lambda session: _text(describe_last_event(session))),
    ],
    [
        ("ID", lambda session: _text(session.id)),
        ("STATE", lambda session: state(session.state)),
        ("STREAM", lambda session: _text(session.zoom_rtms_stream_id)),
        ("LAST EVENT", lambda session: _text(describe_last_event(session))),
        ("RECORDING", lambda session: state(session.recording_state)),
        ("TRANSCRIPTION", lambda session: state(session.transcription_state)),
        ("DEDUP KEY", lambda session: _text(session.deduplication_key)),
        ("METADATA", lambda session: _text(session.metadata)),
    ],
)

_CHAT_COLUMNS: list[Column] = [
    ("TIME", lambda message: _text(_from_ms(message.timestamp_ms))),
    ("FROM", lambda message: _text(message.sender_name)),
    ("TO", lambda message: _text(message.to)),
    ("TEXT", lambda message: _text(message.text)),
]
CHAT_MESSAGE = View("chat messages", _CHAT_COLUMNS, [("ID", lambda m: _text(m.id)), *_CHAT_COLUMNS])

_PARTICIPANT_COLUMNS: list[Column] = [
    ("ID", lambda person: _text(person.id)),
    ("NAME", lambda person: _text(person.name)),
    ("HOST", lambda person: _text(person.is_host)),
    ("UUID", lambda person: _text(person.uuid)),
]
PARTICIPANT = View("participants", _PARTICIPANT_COLUMNS, _PARTICIPANT_COLUMNS)

_PARTICIPANT_EVENT_COLUMNS: list[Column] = [
    ("TIME", lambda event: _text(_from_ms(event.timestamp_ms))),
    ("EVENT", lambda event: _text(event.event_type)),
    ("PARTICIPANT", lambda event: _text(event.participant_name)),
    ("HOST", lambda event: _text(event.participant_is_host)),
]
PARTICIPANT_EVENT = View(
    "participant events",
    _PARTICIPANT_EVENT_COLUMNS,
    [("ID", lambda event: _text(event.id)), *_PARTICIPANT_EVENT_COLUMNS],
)

_CALENDAR_COLUMNS: list[Column] = [
    ("ID", lambda calendar: _text(calendar.id)),
    ("PLATFORM", lambda calendar: _text(calendar.platform)),
    ("STATE", lambda calendar: state(calendar.state)),
    ("LAST SYNC", lambda calendar: _text(calendar.last_successful_sync_at)),
    ("DEDUP KEY", lambda calendar: _text(calendar.deduplication_key)),
]
CALENDAR = View(
    "calendars",
    _CALENDAR_COLUMNS,
    [
        *_CALENDAR_COLUMNS,
        ("CLIENT ID", lambda calendar: _text(calendar.client_id)),
        ("PLATFORM UUID", lambda calendar: _text(calendar.platform_uuid)),
        ("METADATA", lambda calendar: _text(calendar.metadata)),
        ("FAILURE", lambda calendar: _text(calendar.connection_failure_data)),
        ("CREATED AT", lambda calendar: _text(calendar.created_at)),
    ],
)

_EVENT_COLUMNS: list[Column] = [
    ("ID", lambda event: _text(event.id)),
    ("START", lambda event: _text(event.start_time)),
    ("END", lambda event: _text(event.end_time)),
    ("NAME", lambda event: _text(event.name)),
    ("MEETING", lambda event: _text(event.meeting_url)),
    ("BOTS", lambda event: _text(len(event.bots))),
    ("DELETED", lambda event: _text(event.is_deleted)),
]
CALENDAR_EVENT = View(
    "calendar events",
    _EVENT_COLUMNS,
    [*_EVENT_COLUMNS, ("CALENDAR", lambda event: _text(event.calendar_id))],
)

_CONNECTION_COLUMNS: list[Column] = [
    ("ID", lambda connection: _text(connection.id)),
    ("STATE", lambda connection: state(connection.state)),
    ("USER", lambda connection: _text(connection.user_id)),
    ("ACCOUNT", lambda connection: _text(connection.account_id)),
    ("LAST SYNC", lambda connection: _text(connection.last_successful_sync_at)),
]
CONNECTION = View(
    "Zoom OAuth connections",
    _CONNECTION_COLUMNS,
    [
        *_CONNECTION_COLUMNS,
        ("APP", lambda connection: _text(connection.zoom_oauth_app_id)),
        ("METADATA", lambda connection: _text(connection.metadata)),
        ("FAILURE", lambda connection: _text(connection.connection_failure_data)),
        ("CREATED AT", lambda connection: _text(connection.created_at)),
    ],
)
