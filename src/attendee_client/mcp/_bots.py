"""The tools over a bot's life: list, get, create, wait for, leave, delete its data."""

from __future__ import annotations

import logging
import math
import time
from datetime import datetime
from typing import Annotated, Any, cast

import anyio
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic import Field, WithJsonSchema

from attendee_client import AsyncAttendeeClient, Bot, BotState, BotStateName, WaitTimeoutError
from attendee_client.mcp._common import (
    CHANGES,
    DESTROYS,
    READS,
    Redactor,
    Time,
    ToolSpec,
    more,
    reports_errors,
    result,
)
from attendee_client.mcp._render import describe, describe_list

__all__ = ["BotId", "bot_tools"]

logger = logging.getLogger(__name__)

STATE_NAMES = [state.value for state in BotState]
STATES = ", ".join(STATE_NAMES)
LONGEST_WAIT_SECONDS = 3600.0
WAIT_SECONDS = 50.0
"""The default wait: under the 60 s many MCP clients allow a request before they give up."""

BotId = Annotated[str, Field(description="The bot's id: bot_ and 16 letters or digits.")]
StateName = Annotated[str, WithJsonSchema({"type": "string", "enum": STATE_NAMES})]
"""A state's name: an enum in the schema, so that a client offers only real ones. Checked
by the tool that waits (``unknown_states``), not by the argument's validation: that error
would not say which names there are as plainly."""
States = Annotated[
    list[StateName] | None,
    Field(description=f"Only bots in any of these states ({STATES})."),
]
Until = Annotated[
    StateName | list[StateName],
    Field(description=f"The state to wait for, or a list of states (any of them): {STATES}."),
]
WaitSeconds = Annotated[
    float,
    Field(
        gt=0,
        le=LONGEST_WAIT_SECONDS,
        description=f"Give up after this many seconds (default {WAIT_SECONDS:.0f}, at most an "
        "hour). Your own request timeout may be shorter: wait in steps, calling again to "
        "keep waiting.",
    ),
]
Cursor = Annotated[
    str | None,
    Field(description="The next_cursor of a previous result, for the page after it."),
]


def unknown_states(until: str | list[str]) -> list[str]:
    """The names in ``until`` that are no state: waiting for one would last until the
    timeout, the bot never reaching it."""
    wanted = [until] if isinstance(until, str) else until
    return [name for name in wanted if name not in STATE_NAMES]


def _bot_text(bot: Bot) -> str:
    return describe(f"Bot {bot.id} is {bot.state}.", bot.to_dict())


def bot_tools(client: AsyncAttendeeClient, redactor: Redactor) -> list[ToolSpec]:
    """The bot tools, bound to ``client``."""
    bots = client.bots
    errors = reports_errors(redactor)

    @errors
    async def list_bots(
        states: States = None,
        meeting_url: Annotated[str | None, Field(description="Only bots sent to this URL.")] = None,
        deduplication_key: Annotated[
            str | None, Field(description="Only the bot created with this key.")
        ] = None,
        join_at_after: Time = None,
        join_at_before: Time = None,
        cursor: Cursor = None,
    ) -> CallToolResult:
        """List the project's bots, oldest first, one page of up to 25 at a time, filtered by
        state, meeting URL, deduplication key or scheduled join time (bounds strict). When
        there are more, the result's next_cursor fetches the next page."""
        page = await bots.list_page(
            cursor=cursor,
            # the SDK refuses a state it does not know, listing the known ones.
            states=cast("list[BotStateName] | None", states),
            meeting_url=meeting_url,
            deduplication_key=deduplication_key,
            join_at_after=join_at_after,
            join_at_before=join_at_before,
        )
        found = [bot.to_dict() for bot in page]
        return result(
            describe_list("bot", found, more("list_bots", "cursor", page.next_cursor)),
            {"bots": found, "next_cursor": page.next_cursor},
        )

    @errors
    async def get_bot(bot_id: BotId) -> CallToolResult:
        """Get a bot: its state (joining, joined_recording, ended, ...), meeting URL, join
        time, metadata, transcription and recording states, and what happened to it."""
        bot = await bots.get(bot_id)
        return result(_bot_text(bot), bot.to_dict())

    @errors
    async def create_bot(
        meeting_url: Annotated[
            str, Field(description="The meeting's URL (Zoom, Google Meet or Microsoft Teams).")
        ],
        bot_name: Annotated[str, Field(description="The name the bot shows in the meeting.")],
        join_at: Annotated[
            datetime | None,
            Field(description="When to join (ISO 8601 with offset); leave out to join now."),
        ] = None,
        transcription_language: Annotated[
            str | None,
            Field(
                description="The language to transcribe (a code such as en, de or es); "
                "default: detected as the meeting goes."
            ),
        ] = None,
        metadata: Annotated[
            dict[str, str] | None, Field(description="Your own keys and values to keep on it.")
        ] = None,
        deduplication_key: Annotated[
            str | None,
            Field(
                description="A key of your own: creating again with it returns the bot already "
                "made instead of sending a second one."
            ),
        ] = None,
    ) -> CallToolResult:
        """Send a notetaker bot to a meeting, now or at join_at: it records and transcribes
        it. Returns the new bot (joining, or scheduled). Use wait_for_bot to follow it."""
        transcription: Any = None
        if transcription_language:
            transcription = {"deepgram": {"language": transcription_language}}
        bot = await bots.create(
            meeting_url=meeting_url,
            bot_name=bot_name,
            join_at=join_at,
            transcription_settings=transcription,
            metadata=metadata,
            deduplication_key=deduplication_key,
        )
        return result(_bot_text(bot), bot.to_dict())

    @errors
    async def wait_for_bot(
        bot_id: BotId,
        ctx: Context,
        until: Until = "ended",
        timeout: WaitSeconds = WAIT_SECONDS,
    ) -> CallToolResult:
        """Wait until a bot reaches a state (default: ended, when its recording and
        transcript are ready) and return it. Sends a progress notification each time it
        looks. Fails at once when the bot ends where the state can never come (fatal_error,
        data_deleted), and after timeout seconds (default 50) with the bot's last state:
        call again to keep waiting."""
        unknown = unknown_states(until)
        if unknown:
            named = ", ".join(repr(name) for name in unknown)
            raise ToolError(redactor.hide(f"unknown state {named}; one of: {STATES}"))
        started = time.monotonic()
        sending, receiving = anyio.create_memory_object_stream[str](math.inf)

        def looked(bot: Bot) -> None:
            elapsed = time.monotonic() - started
            sending.send_nowait(f"bot {bot.id} is {bot.state} after {elapsed:.0f} s")

        async def report() -> None:
            # One notification at a time, in the order of the looks, until the wait is over
            # and every note it made has gone out.
            async with receiving:
                count = 0
                async for note in receiving:
                    count += 1
                    try:
                        await ctx.report_progress(count, None, note)
                    except Exception:  # a lost note must not end the wait
                        logger.debug("progress notification %d not sent", count, exc_info=True)

        outcome: Bot | Exception
        async with anyio.create_task_group() as notes:
            notes.start_soon(report)
            with sending:  # closed: report ends once the notes sent so far are out
                try:
                    outcome = await bots.wait_for(
                        bot_id,
                        # Checked above against BotState, so the names are known ones.
                        until=cast("BotStateName | list[BotStateName]", until),
                        timeout=timeout,
                        on_poll=looked,
                    )
                except Exception as error:  # noqa: BLE001 - raised below, after the notes
                    outcome = error
        if isinstance(outcome, WaitTimeoutError):
            raise ToolError(redactor.hide(f"{outcome}; call wait_for_bot to wait more"))
        if isinstance(outcome, Exception):
            raise outcome
        bot = outcome
        return result(_bot_text(bot), bot.to_dict())

    @errors
    async def leave_meeting(bot_id: BotId) -> CallToolResult:
        """Make a bot leave its meeting now. It comes back leaving, then post-processes and
        ends; its recording and transcript follow. Only for a bot in a meeting."""
        bot = await bots.leave(bot_id)
        return result(_bot_text(bot), bot.to_dict())

    @errors
    async def delete_bot_data(bot_id: BotId) -> CallToolResult:
        """Delete for good what an ended bot recorded: its recording, transcript, chat and
        participants. The bot comes back data_deleted. Cannot be undone."""
        bot = await bots.delete_data(bot_id)
        return result(_bot_text(bot), bot.to_dict())

    return [
        ToolSpec(list_bots, "List bots", READS),
        ToolSpec(get_bot, "Get a bot", READS),
        ToolSpec(create_bot, "Send a bot to a meeting", CHANGES),
        ToolSpec(wait_for_bot, "Wait for a bot", READS),
        ToolSpec(leave_meeting, "Make a bot leave its meeting", DESTROYS),
        ToolSpec(delete_bot_data, "Delete a bot's recording and transcript", DESTROYS),
    ]
