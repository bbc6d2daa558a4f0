"""A voice-agent skeleton: hear the meeting through the bot's websocket and speak back into
it, interrupting itself when someone talks.

    python examples/realtime_echo.py [MEETING_URL --public-url wss://YOUR-HOST/agent]

The "agent" here is an echo: after each second of meeting audio it says that second back.
Put your speech-to-text, model and text-to-speech where ``reply`` is. While it speaks, a
participant's own audio (``per_participant_audio``) above a threshold means someone talks:
it stops at once (``session.interrupt()``), which works because the session releases audio
at real-time pace instead of sending the whole reply ahead.

With ATTENDEE_API_KEY set it sends a real bot to MEETING_URL; the bot must reach this
receiver at --public-url (wss://, for instance through a tunnel to --port), signed with a
secret so that no one else can connect. Without it, it runs offline against the SDK's fake
server, whose bot dials the receiver on loopback: Ada is quiet while the agent says its first
reply (the bot plays all of it), then starts talking, and the agent's next reply stops at once.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
from array import array
from typing import Final

from attendee_client import AsyncAttendeeClient, realtime
from attendee_client.realtime import (
    AudioChunk,
    ParticipantAudioChunk,
    RealtimeSession,
)
from attendee_client.testing import FakeAttendeeServer

SAMPLE_RATE: Final = 16000
TALKING_LEVEL = 500
"""The mean absolute sample value above which a participant is taken to be talking."""


def level(pcm: bytes) -> float:
    """How loud 16-bit PCM is: the mean absolute sample value."""
    samples = array("h", pcm)
    return sum(abs(sample) for sample in samples) / max(1, len(samples))


def reply(heard: bytes) -> bytes:
    """What the agent says to what it heard: here, the same audio back."""
    return heard


class EchoAgent:
    """One agent per bot, kept across the bot's reconnections (each is a new session)."""

    def __init__(self) -> None:
        self.heard = bytearray()
        self.spoken_seconds = 0.0
        self.interruptions = 0
        self.replied = asyncio.Event()
        self.interrupted = asyncio.Event()

    async def run(self, session: RealtimeSession) -> None:
        async for frame in session:
            if isinstance(frame, AudioChunk):
                self.heard += frame.pcm
                if len(self.heard) >= 2 * SAMPLE_RATE:  # a second heard: answer it
                    answer = reply(bytes(self.heard))
                    self.heard.clear()
                    session.send_audio(answer, SAMPLE_RATE)
                    self.spoken_seconds += len(answer) / (2 * SAMPLE_RATE)
                    self.replied.set()
            elif (
                isinstance(frame, ParticipantAudioChunk)
                and session.queued_seconds > 0
                and level(frame.pcm) > TALKING_LEVEL
            ):
                dropped = session.interrupt()  # someone talks: barge-in, stop talking
                self.spoken_seconds -= dropped
                self.interruptions += 1
                self.interrupted.set()


async def offline() -> None:
    agents: dict[str, EchoAgent] = {}

    async def handler(session: RealtimeSession) -> None:
        await agents.setdefault(session.bot_id, EchoAgent()).run(session)

    with FakeAttendeeServer(api_key="demo-key") as fake:
        print(f"No ATTENDEE_API_KEY: using a fake Attendee server at {fake.base_url}")
        async with (
            realtime.serve(handler) as server,
            AsyncAttendeeClient(api_key=fake.api_key, base_url=fake.base_url) as client,
        ):
            print(f"receiver listening on {server.url}")
            bot = await client.bots.create(
                meeting_url="https://meet.google.com/abc-defg-hij",
                bot_name="Echo",
                websocket_settings={
                    "audio": {"url": server.url, "sample_rate": SAMPLE_RATE},
                    "per_participant_audio": {"url": server.url, "sample_rate": SAMPLE_RATE},
                },
            )
            ada = fake.add_participant(bot.id, "Ada")
            fake.realtime.set_talking(bot.id, ada["uuid"], False)  # quiet, for now
            fake.advance_bot(bot.id, to="joined_recording")  # the fake bot dials now
            agent = agents.setdefault(bot.id, EchoAgent())
            await asyncio.wait_for(agent.replied.wait(), 30)
            played = await asyncio.to_thread(
                fake.realtime.wait_for_output, bot.id, 2 * SAMPLE_RATE, 30.0
            )
            print(f"the agent spoke {agent.spoken_seconds:.1f} s back")
            print(f"the bot played {len(played) / (2 * SAMPLE_RATE):.1f} s into the meeting")
            fake.realtime.set_talking(bot.id, ada["uuid"], True)  # Ada talks from now on
            await asyncio.wait_for(agent.interrupted.wait(), 30)  # over the next reply
            fake.advance_bot(bot.id, to="ended")
        print(
            f"Ada talked over the next reply: the agent interrupted itself {agent.interruptions}x"
        )


async def online(meeting_url: str, public_url: str, port: int) -> None:
    secret = secrets.token_urlsafe(32)
    agents: dict[str, EchoAgent] = {}

    async def handler(session: RealtimeSession) -> None:
        await agents.setdefault(session.bot_id, EchoAgent()).run(session)

    async with (
        realtime.serve(handler, host="0.0.0.0", port=port, secret=secret) as server,
        AsyncAttendeeClient() as client,
    ):
        print(f"receiver listening on {server.url}, reached at {public_url}")
        url = realtime.signed_url(public_url, secret, expires_in=6 * 3600)
        bot = await client.bots.create(
            meeting_url=meeting_url,
            bot_name="Echo",
            websocket_settings={
                "audio": {"url": url, "sample_rate": SAMPLE_RATE},
                "per_participant_audio": {"url": url, "sample_rate": SAMPLE_RATE},
            },
        )
        print(f"bot {bot.id} is joining; Ctrl-C to stop")
        await client.bots.wait_for(bot.id, timeout=6 * 3600)
    for bot_id, agent in agents.items():
        print(f"{bot_id}: spoke {agent.spoken_seconds:.1f} s, interrupted {agent.interruptions}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("meeting_url", nargs="?", help="the meeting (with ATTENDEE_API_KEY)")
    parser.add_argument("--public-url", help="the wss:// URL at which bots reach --port")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not os.environ.get("ATTENDEE_API_KEY"):
        asyncio.run(offline())
    elif not args.meeting_url or not args.public_url:
        parser.error("with ATTENDEE_API_KEY, give MEETING_URL and --public-url")
    else:
        asyncio.run(online(args.meeting_url, args.public_url, args.port))


if __name__ == "__main__":
    main()
