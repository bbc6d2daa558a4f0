"""The tools over what a bot saw and does in its meeting: transcript, recording, chat,
participants, and speech."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from contextlib import aclosing
from datetime import datetime
from typing import Annotated, Any, Literal

from mcp.types import CallToolResult
from pydantic import Field

from attendee_client import (
    AsyncAttendeeClient,
    AsyncPager,
    BotState,
    NotFoundError,
    TranscriptUtterance,
    transcripts,
)
from attendee_client.mcp._bots import BotId
from attendee_client.mcp._common import (
    CHANGES,
    READS,
    Redactor,
    Time,
    ToolSpec,
    more,
    reports_errors,
    result,
)
from attendee_client.mcp._render import describe, describe_list, iso_time
from attendee_client.types.settings import TextToSpeechSettings

__all__ = ["meeting_tools", "transcript_text"]

TranscriptFormat = Literal["text", "srt", "vtt", "json"]
Limit = Annotated[int, Field(ge=1, le=1000, description="Return at most this many, oldest first.")]
AGAIN = " (the last one's time: it may be listed again)"
"""The server filters on when it stored an item, a little after the time the item shows."""


async def _first(pager: AsyncPager[Any], limit: int) -> tuple[list[dict[str, Any]], bool]:
    """Up to ``limit`` items as JSON, and whether there were more (no page after that)."""
    found: list[dict[str, Any]] = []
    async with aclosing(aiter(pager)) as items:
        async for item in items:
            if len(found) == limit:
                return found, True
            found.append(item.to_dict())
    return found, False


def _chat_line(message: Mapping[str, Any]) -> str:
    when = iso_time(message.get("timestamp_ms"))
    return f"[{when}] {message.get('sender_name') or '?'}: {message['text']}"


def _event_line(event: Mapping[str, Any]) -> str:
    who = event.get("participant_name") or event.get("participant_uuid")
    return f"[{iso_time(event.get('timestamp_ms'))}] {who}: {event.get('event_type')}"


def _last_time(found: list[dict[str, Any]], more: bool) -> str | None:
    """The time of the last item listed, when there are more after it."""
    return iso_time(found[-1].get("timestamp_ms")) if more and found else None


async def transcript_text(
    client: AsyncAttendeeClient,
    bot_id: str,
    form: TranscriptFormat = "text",
    merge_turns: bool = False,
) -> tuple[str, list[TranscriptUtterance]]:
    """The bot's transcript written out in ``form`` (times from the recording's start when
    there is one), and its utterances."""
    utterances = await client.bots.transcript(bot_id)
    if merge_turns:
        utterances = transcripts.merge_turns(utterances)
    if form == "json":
        return json.dumps([u.to_dict() for u in utterances], ensure_ascii=False), utterances
    try:
        start_ms = (await client.bots.recording(bot_id)).start_timestamp_ms
    except NotFoundError:
        start_ms = None
    render: Callable[..., str] = {
        "text": transcripts.to_text,
        "srt": transcripts.to_srt,
        "vtt": transcripts.to_vtt,
    }[form]
    return render(utterances, start_ms=start_ms), utterances


def meeting_tools(client: AsyncAttendeeClient, redactor: Redactor) -> list[ToolSpec]:
    """The tools over a bot's meeting, bound to ``client``."""
    bots = client.bots
    errors = reports_errors(redactor)

    @errors
    async def get_transcript(
        bot_id: BotId,
        format: Annotated[  # noqa: A002 - the SDK's and the CLI's name
            TranscriptFormat,
            Field(
                description="text: [hh:mm:ss] Speaker: words, a line each; srt or vtt: "
                "subtitles; json: the utterances as the API returns them."
            ),
        ] = "text",
        merge_turns: Annotated[
            bool, Field(description="Join a speaker's consecutive utterances into one turn.")
        ] = False,
    ) -> CallToolResult:
        """Get what was said in a bot's meeting, in time order, as text, SubRip or WebVTT
        subtitles, or JSON. Grows while the bot is in the meeting; complete once it ended."""
        text, utterances = await transcript_text(client, bot_id, format, merge_turns)
        if format == "json":
            return result(text, {"utterances": [u.to_dict() for u in utterances]})
        if not utterances:
            state = (await bots.get(bot_id)).state
            final = isinstance(state, BotState) and state.is_final
            text = f"The transcript of bot {bot_id} is empty{'' if final else ' (so far)'}."
        return result(text)

    @errors
    async def get_recording_url(bot_id: BotId) -> CallToolResult:
        """Get a short-lived link to download the recording of a bot's meeting (after the
        bot ended); open or download it soon, then ask again."""
        recording = await bots.recording(bot_id)
        data = recording.to_dict()
        return result(describe(f"The recording of bot {bot_id}:", data), data)

    @errors
    async def list_chat_messages(
        bot_id: BotId,
        updated_after: Annotated[
            datetime | None, Field(description="Only messages sent after this ISO 8601 time.")
        ] = None,
        limit: Limit = 200,
    ) -> CallToolResult:
        """List the chat messages a bot saw in its meeting, oldest first."""
        found, has_more = await _first(
            bots.chat_messages(bot_id, updated_after=updated_after), limit
        )
        hint = more("list_chat_messages", "updated_after", _last_time(found, has_more), AGAIN)
        return result(
            describe_list("chat message", found, hint, text=_chat_line),
            {"chat_messages": found, "has_more": has_more},
        )

    @errors
    async def send_chat_message(
        bot_id: BotId,
        message: Annotated[str, Field(description="The text to post (no emoji).")],
        to: Annotated[
            Literal["everyone", "specific_user", "everyone_but_host"],
            Field(description="Who sees it; specific_user needs to_user_uuid."),
        ] = "everyone",
        to_user_uuid: Annotated[
            str | None,
            Field(description="The participant's uuid (from list_participant_events)."),
        ] = None,
    ) -> CallToolResult:
        """Post a message in the meeting's chat as the bot (which must be in the meeting)."""
        await bots.send_chat_message(bot_id, message=message, to=to, to_user_uuid=to_user_uuid)
        return result(f"Bot {bot_id} posted the message to {to}.")

    @errors
    async def list_participant_events(
        bot_id: BotId,
        after: Time = None,
        before: Time = None,
        limit: Limit = 200,
    ) -> CallToolResult:
        """List who joined and left a bot's meeting and when they spoke, oldest first
        (after and before bounds strict)."""
        found, has_more = await _first(
            bots.participant_events(bot_id, after=after, before=before), limit
        )
        hint = more("list_participant_events", "after", _last_time(found, has_more), AGAIN)
        return result(
            describe_list("participant event", found, hint, text=_event_line),
            {"participant_events": found, "has_more": has_more},
        )

    @errors
    async def speak(
        bot_id: BotId,
        text: Annotated[str, Field(description="What the bot says.")],
        voice_language_code: Annotated[
            str, Field(description="The Google Cloud voice's language.")
        ] = "en-US",
        voice_name: Annotated[
            str, Field(description="The Google Cloud voice (en-US-Casual-K, ...).")
        ] = "en-US-Casual-K",
    ) -> CallToolResult:
        """Make a bot say text aloud in its meeting, with a Google Cloud voice (the project
        needs Google text-to-speech credentials). The bot must be in the meeting."""
        voice: TextToSpeechSettings = {
            "google": {"voice_language_code": voice_language_code, "voice_name": voice_name}
        }
        await bots.speech(bot_id, text=text, text_to_speech_settings=voice)
        return result(f"Bot {bot_id} is saying it.")

    return [
        ToolSpec(get_transcript, "Get a meeting's transcript", READS),
        ToolSpec(get_recording_url, "Get a recording's download link", READS),
        ToolSpec(list_chat_messages, "List a meeting's chat", READS),
        ToolSpec(send_chat_message, "Post in a meeting's chat", CHANGES),
        ToolSpec(list_participant_events, "List a meeting's participant events", READS),
        ToolSpec(speak, "Make a bot speak", CHANGES),
    ]
