"""The tools over what surrounds the bots: calendars, their events, and app sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic import Field

from attendee_client import AsyncAttendeeClient
from attendee_client.mcp._bots import Cursor
from attendee_client.mcp._common import READS, Redactor, ToolSpec, more, reports_errors, result
from attendee_client.mcp._render import describe, describe_list

__all__ = ["calendar_and_session_tools"]


def calendar_and_session_tools(client: AsyncAttendeeClient, redactor: Redactor) -> list[ToolSpec]:
    """The calendar and app session tools, bound to ``client``."""
    errors = reports_errors(redactor)

    @errors
    async def list_calendars(
        deduplication_key: Annotated[
            str | None, Field(description="Only the calendar connected with this key.")
        ] = None,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """List the calendars connected to the project (Google, Microsoft), newest first,
        one page of up to 25 at a time, with their sync state."""
        page = await client.calendars.list_page(cursor=cursor, deduplication_key=deduplication_key)
        found = [calendar.to_dict() for calendar in page]
        return result(
            describe_list("calendar", found, more("list_calendars", "cursor", page.next_cursor)),
            {"calendars": found, "next_cursor": page.next_cursor},
        )

    @errors
    async def list_calendar_events(
        calendar_id: Annotated[
            str | None, Field(description="Only this calendar's events (cal_...).")
        ] = None,
        start_time_gte: Annotated[
            datetime | None, Field(description="Only events starting at or after this time.")
        ] = None,
        end_time_lte: Annotated[
            datetime | None, Field(description="Only events ending at or before this time.")
        ] = None,
        ordering: Annotated[
            Literal["start_time", "-start_time", "updated_at", "-updated_at"] | None,
            Field(description="The order (default -updated_at); keep it for every page."),
        ] = None,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """List the events found in the connected calendars (with their meeting URL and any
        bots scheduled for them), up to 100 a page; deleted events have is_deleted."""
        page = await client.calendar_events.list_page(
            cursor=cursor,
            calendar_id=calendar_id,
            start_time_gte=start_time_gte,
            end_time_lte=end_time_lte,
            ordering=ordering,
        )
        found = [event.to_dict() for event in page]
        return result(
            describe_list(
                "calendar event", found, more("list_calendar_events", "cursor", page.next_cursor)
            ),
            {"calendar_events": found, "next_cursor": page.next_cursor},
        )

    @errors
    async def get_app_session(
        app_session_id: Annotated[
            str, Field(description="The app session's id: app_ and 16 letters or digits.")
        ],
    ) -> CallToolResult:
        """Get a Zoom RTMS app session (a meeting recorded without a bot): its state,
        metadata and what happened to it."""
        if not app_session_id.startswith("app_"):
            # GET /bots/{id} answers a bot too: refuse it here rather than show a bot as a
            # session.
            raise ToolError(
                f"{app_session_id!r} is not an app session's id (app_...); "
                "a bot's (bot_...) goes to get_bot"
            )
        # The API has no GET /app_sessions/{id}: an app session is stored as a bot, and
        # GET /bots/{id} answers it (state, metadata, events) under its app_ id.
        session = await client.bots.get(app_session_id)
        data = session.to_dict()
        return result(describe(f"App session {session.id} is {session.state}.", data), data)

    return [
        ToolSpec(list_calendars, "List calendars", READS),
        ToolSpec(list_calendar_events, "List calendar events", READS),
        ToolSpec(get_app_session, "Get an app session", READS),
    ]
