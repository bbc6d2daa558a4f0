"""Record a meeting live, one WAV file per participant, named after them.

    python examples/realtime_record.py [MEETING_URL --public-url wss://YOUR-HOST/rec] [--out DIR]

The bot streams each participant's audio over its websocket (``per_participant_audio``);
a ``WavRecorder`` per bot writes ``<uuid>.wav`` files as the frames come, kept across the
bot's reconnections, and a ``ParticipantDirectory`` fed by the bot's participant events
names them at the end. With ATTENDEE_API_KEY set it sends a real bot to MEETING_URL (the
bot must reach --port at --public-url, wss://); without it, it runs offline against the
SDK's fake server, whose bot streams a few seconds of two participants' audio.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import wave
from pathlib import Path
from typing import Final

from attendee_client import AsyncAttendeeClient, realtime
from attendee_client.realtime import ParticipantDirectory, RealtimeSession, WavRecorder
from attendee_client.testing import FakeAttendeeServer

SAMPLE_RATE: Final = 16000


def safe_name(bot_id: str) -> str:
    """A directory name from a bot id, which comes from the (unauthenticated) frames."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", bot_id) or "bot"


class Recorders:
    """A ``WavRecorder`` per bot, in a directory of its own."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.by_bot: dict[str, WavRecorder] = {}
        self.frames = 0
        self.second_heard = asyncio.Event()

    async def handler(self, session: RealtimeSession) -> None:
        recorder = self.by_bot.get(session.bot_id)
        if recorder is None:
            directory = self.out / safe_name(session.bot_id)
            recorder = self.by_bot[session.bot_id] = WavRecorder(directory)
        async for frame in session:
            recorder.add(frame)
            self.frames += 1
            if self.frames >= 100:  # 50 frames a second per participant, two of them
                self.second_heard.set()

    def close(self) -> None:
        """Finish the files: only once the receiver has stopped, so no frame comes after."""
        for recorder in self.by_bot.values():
            recorder.close()


async def report(client: AsyncAttendeeClient, recorders: Recorders) -> None:
    """Name each file after its participant, from the bot's participant events."""
    for bot_id, recorder in recorders.by_bot.items():
        directory = ParticipantDirectory()
        async for event in client.bots.participant_events(bot_id):
            directory.add_event(event)
        for uuid, path in sorted(recorder.paths.items()):
            with wave.open(str(path), "rb") as file:
                seconds = file.getnframes() / file.getframerate()
            print(f"{directory.name(uuid, uuid)}: {path} ({seconds:.1f} s)")


async def offline(out: Path) -> None:
    recorders = Recorders(out)
    with FakeAttendeeServer(api_key="demo-key") as fake:
        print(f"No ATTENDEE_API_KEY: using a fake Attendee server at {fake.base_url}")
        async with AsyncAttendeeClient(api_key=fake.api_key, base_url=fake.base_url) as client:
            async with realtime.serve(recorders.handler) as server:
                bot = await client.bots.create(
                    meeting_url="https://meet.google.com/abc-defg-hij",
                    bot_name="Recorder",
                    websocket_settings={
                        "per_participant_audio": {"url": server.url, "sample_rate": SAMPLE_RATE}
                    },
                )
                fake.add_participant(bot.id, "Ada")
                fake.add_participant(bot.id, "Grace")
                fake.advance_bot(bot.id, to="joined_recording")
                await asyncio.wait_for(recorders.second_heard.wait(), 30)
                fake.advance_bot(bot.id, to="ended")
            recorders.close()  # the receiver has stopped: no frame can come now
            await report(client, recorders)


async def online(meeting_url: str, public_url: str, port: int, out: Path) -> None:
    secret = secrets.token_urlsafe(32)
    recorders = Recorders(out)
    async with AsyncAttendeeClient() as client:
        async with realtime.serve(
            recorders.handler, host="0.0.0.0", port=port, secret=secret
        ) as server:
            print(f"receiver listening on {server.url}, reached at {public_url}")
            url = realtime.signed_url(public_url, secret, expires_in=6 * 3600)
            bot = await client.bots.create(
                meeting_url=meeting_url,
                bot_name="Recorder",
                websocket_settings={
                    "per_participant_audio": {"url": url, "sample_rate": SAMPLE_RATE}
                },
            )
            print(f"bot {bot.id} is joining; the files grow as people speak")
            await client.bots.wait_for(bot.id, timeout=6 * 3600)
        recorders.close()  # the receiver has stopped: no frame can come now
        await report(client, recorders)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("meeting_url", nargs="?", help="the meeting (with ATTENDEE_API_KEY)")
    parser.add_argument("--public-url", help="the wss:// URL at which bots reach --port")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--out", type=Path, default=Path("recordings"))
    args = parser.parse_args()
    if not os.environ.get("ATTENDEE_API_KEY"):
        asyncio.run(offline(args.out))
    elif not args.meeting_url or not args.public_url:
        parser.error("with ATTENDEE_API_KEY, give MEETING_URL and --public-url")
    else:
        asyncio.run(online(args.meeting_url, args.public_url, args.port, args.out))


if __name__ == "__main__":
    main()
