"""What every tool shares: its annotations, the shape of its result (readable text and the
server's JSON), and the one place an SDK error becomes a tool error."""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, ParamSpec

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

from attendee_client import AttendeeError

__all__ = [
    "CHANGES",
    "DESTROYS",
    "READS",
    "Redactor",
    "Time",
    "ToolSpec",
    "more",
    "reports_errors",
    "result",
]

P = ParamSpec("P")

READS = ToolAnnotations(
    read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=True
)
"""Reads from the API; changes nothing."""
CHANGES = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=True
)
"""Adds something (a bot, a chat message, speech); takes nothing away."""
DESTROYS = ToolAnnotations(
    read_only_hint=False, destructive_hint=True, idempotent_hint=True, open_world_hint=True
)
"""Ends or deletes something that cannot be had back; doing it again changes nothing more."""

Time = Annotated[datetime | None, Field(description="An ISO 8601 time with its offset (…Z).")]
"""A time argument, left out by default."""

HIDDEN = "[hidden]"
_SHORTEST_SECRET = 8
"""Shorter values are not hidden: replacing them everywhere would garble every message, and
no real key is that short."""


@dataclass(frozen=True)
class Redactor:
    """Replaces the API key in any text that leaves the server."""

    secret: str

    def hide(self, text: str) -> str:
        if len(self.secret) < _SHORTEST_SECRET:
            return text
        return text.replace(self.secret, HIDDEN)


@dataclass(frozen=True)
class ToolSpec:
    """A tool as registered: its function (named as the tool), title and annotations."""

    fn: Callable[..., Awaitable[CallToolResult]]
    title: str
    annotations: ToolAnnotations

    @property
    def name(self) -> str:
        return self.fn.__name__

    @property
    def read_only(self) -> bool:
        return bool(self.annotations.read_only_hint)


def more(tool: str, argument: str, value: str | None, note: str = "") -> str | None:
    """The line that says how to get what comes next: the tool, and the exact value to pass
    as its ``argument`` (None when there is nothing more)."""
    if value is None:
        return None
    return f"More: call {tool} with {argument} {json.dumps(value)}{note}."


def result(text: str, structured: Mapping[str, Any] | None = None) -> CallToolResult:
    """A tool's answer: ``text`` to read and, for objects, the server's JSON."""
    return CallToolResult(
        content=[TextContent(type="text", text=text)],
        structured_content=None if structured is None else dict(structured),
    )


def reports_errors(
    redactor: Redactor,
) -> Callable[[Callable[P, Awaitable[CallToolResult]]], Callable[P, Awaitable[CallToolResult]]]:
    """Turn what the SDK raises (an API error, a wait that failed or ran out, an argument it
    refused) into a tool error carrying its message, the API key hidden."""

    def decorate(
        tool: Callable[P, Awaitable[CallToolResult]],
    ) -> Callable[P, Awaitable[CallToolResult]]:
        @functools.wraps(tool)
        async def run(*args: P.args, **kwargs: P.kwargs) -> CallToolResult:
            try:
                return await tool(*args, **kwargs)
            # The SDK raises ValueError and TypeError for an argument it refuses before
            # sending (two filters that cannot go together, a value of the wrong kind that
            # the schema let through): the assistant's mistake, to read and correct, not a
            # crash of the server.
            except (AttendeeError, ValueError, TypeError) as error:
                raise ToolError(redactor.hide(str(error))) from None

        return run

    return decorate
