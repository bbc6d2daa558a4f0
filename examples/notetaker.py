"""A tiny application built on the SDK, as a user would write one: send a notetaker to a
meeting, and collect its notes once the meeting is over. ``tests/test_notetaker.py`` tests it
offline with the SDK's pytest fixtures."""

from __future__ import annotations

from attendee_client import AsyncAttendeeClient, AttendeeClient, Bot, BotState, NotFoundError


def send_notetaker(client: AttendeeClient, meeting_url: str, *, meeting_id: str) -> Bot:
    """Send one notetaker per meeting: sending twice for the same meeting gives the same bot."""
    return client.bots.create(
        meeting_url=meeting_url,
        bot_name="Notetaker",
        deduplication_key=f"notetaker-{meeting_id}",
        metadata={"meeting_id": meeting_id},
    )


def notes(client: AttendeeClient, bot_id: str) -> str | None:
    """The meeting's notes ("Speaker: text" lines), or None while the meeting goes on."""
    bot = client.bots.get(bot_id)
    if bot.state is not BotState.ENDED:
        return None
    try:
        transcript = client.bots.transcript(bot_id)
    except NotFoundError:
        return ""
    return "\n".join(f"{u.speaker_name}: {u.text}" for u in transcript)


async def active_notetakers(client: AsyncAttendeeClient) -> list[str]:
    """The ids of the notetakers still in a meeting."""
    return [
        bot.id
        async for bot in client.bots.list(states=[BotState.JOINING, BotState.JOINED_RECORDING])
        if bot.metadata and "meeting_id" in bot.metadata
    ]
