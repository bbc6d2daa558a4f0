"""Send a bot to a meeting, wait for it to end, and print what was said.

    python examples/send_bot.py [MEETING_URL]

With ATTENDEE_API_KEY set it talks to the real API (ATTENDEE_BASE_URL for a self-hosted one)
and the bot really joins MEETING_URL. Without it, it runs offline against the SDK's fake
server, which plays a short meeting: the bot joins, records, the meeting ends.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import uuid
from collections.abc import Iterator

from attendee_client import AttendeeClient, AttendeeError, Bot, BotState
from attendee_client.testing import FakeAttendeeServer


@contextlib.contextmanager
def connect() -> Iterator[tuple[AttendeeClient, FakeAttendeeServer | None]]:
    """The real API when ATTENDEE_API_KEY is set, else a fake on 127.0.0.1."""
    if os.environ.get("ATTENDEE_API_KEY"):
        with AttendeeClient() as client:
            yield client, None
        return
    with FakeAttendeeServer(api_key="demo-key", auto_advance_bots=True) as fake:
        print(f"No ATTENDEE_API_KEY: using a fake Attendee server at {fake.base_url}")
        with AttendeeClient(api_key=fake.api_key, base_url=fake.base_url) as client:
            yield client, fake


def wait_until_ended(client: AttendeeClient, bot: Bot, *, first_wait: float) -> Bot:
    """Poll the bot, waiting longer each time (up to 30 s), until it is in a final state."""
    wait = first_wait
    while not (isinstance(bot.state, BotState) and bot.state.is_final):
        time.sleep(wait)
        wait = min(wait * 2, 30.0)
        bot = client.bots.get(bot.id)
        print(f"  {bot.state}")
    return bot


def main(argv: list[str]) -> int:
    meeting_url = argv[1] if len(argv) > 1 else "https://meet.google.com/abc-defg-hij"
    with connect() as (client, fake):
        try:
            # A deduplication key makes the create safe to retry: a retry never sends a
            # second bot into the meeting.
            bot = client.bots.create(
                meeting_url=meeting_url,
                bot_name="Notetaker",
                deduplication_key=f"example-{uuid.uuid4()}",
                metadata={"source": "examples/send_bot.py"},
            )
            print(f"Bot {bot.id} is {bot.state}")
            if fake is not None:
                # Offline, the fake stands in for the meeting: this is what was said.
                fake.add_utterance(bot.id, "Shall we start?", speaker_name="Ada")
                fake.add_utterance(bot.id, "Yes, the numbers look good.", speaker_name="Grace")
            bot = wait_until_ended(client, bot, first_wait=0.05 if fake else 5.0)
            if bot.state is not BotState.ENDED:
                print(f"The bot did not end normally: {bot.events[-1] if bot.events else bot}")
                return 1
            print("Transcript:")
            for utterance in client.bots.transcript(bot.id):
                print(f"  [{utterance.timestamp_ms}] {utterance.speaker_name}: {utterance.text}")
        except AttendeeError as error:
            print(f"Attendee call failed: {error}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
