"""Many bots at once from one asyncio process, on the aiohttp transport: each bot is sent,
waited for, and its transcript written, with at most --concurrency bots being worked on.

    pip install 'attendee-client[aiohttp]'
    python examples/many_bots.py [MEETING_URL ...] [--bots 200] [--concurrency 50] [--out DIR]

With ATTENDEE_API_KEY set it sends one bot to each MEETING_URL given (real bots, real
meetings). Without it, it runs offline against the SDK's fake server: --bots bots (200 by
default) join a meeting, say a line each, and leave. See docs/performance.md, Performance at
scale, for the connection limits to set.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

from attendee_client import (
    AsyncAttendeeClient,
    AttendeeError,
    BotFailedError,
    DefaultAioHttpClient,
    transcripts,
)
from attendee_client.testing import FakeAttendeeServer

MEETING = "https://meet.google.com/abc-defg-hij"


@contextlib.asynccontextmanager
async def connect(
    http_client: httpx.AsyncClient,
) -> AsyncIterator[tuple[AsyncAttendeeClient, FakeAttendeeServer | None]]:
    """The real API when ATTENDEE_API_KEY is set, else a fake on 127.0.0.1 whose bots move
    along a meeting each time they are looked at."""
    if os.environ.get("ATTENDEE_API_KEY"):
        async with AsyncAttendeeClient(http_client=http_client) as client:
            yield client, None
        return

    async def no_wait(seconds: float) -> None:
        """Offline, nobody needs to wait seconds between looks at a bot."""

    with FakeAttendeeServer(api_key="demo-key", auto_advance_bots=True) as fake:
        print(f"No ATTENDEE_API_KEY: using a fake Attendee server at {fake.base_url}")
        async with AsyncAttendeeClient(
            api_key=fake.api_key, base_url=fake.base_url, http_client=http_client, sleep=no_wait
        ) as client:
            yield client, fake


async def run_bot(
    client: AsyncAttendeeClient,
    fake: FakeAttendeeServer | None,
    meeting_url: str,
    number: int,
    out: Path,
) -> str:
    """Send one bot, wait for its meeting to end, write its transcript; returns a line."""
    bot = await client.bots.create(meeting_url=meeting_url, bot_name=f"Notetaker {number}")
    if fake is not None:
        # Offline, the fake stands in for the meeting: this is what was said in it.
        fake.add_utterance(bot.id, f"Hello from meeting {number}.", speaker_name="Ada")
    bot = await client.bots.wait_for(bot.id, timeout=4 * 3600)
    utterances = await client.bots.transcript(bot.id)
    (out / f"{bot.id}.txt").write_text(transcripts.to_text(utterances), encoding="utf-8")
    return f"{bot.id}: {bot.state}, {len(utterances)} utterance(s)"


async def run_all(http: httpx.AsyncClient, meetings: list[str], concurrency: int, out: Path) -> int:
    started = time.monotonic()
    async with connect(http) as (client, fake):
        bounded = asyncio.Semaphore(concurrency)

        async def one(number: int, meeting_url: str) -> str:
            async with bounded:
                return await run_bot(client, fake, meeting_url, number, out)

        results = await asyncio.gather(
            *(one(number, url) for number, url in enumerate(meetings, 1)),
            return_exceptions=True,
        )
    failed = 0
    for result in results:
        if isinstance(result, BotFailedError):
            failed += 1
            print(f"a bot failed: {result}")
        elif isinstance(result, AttendeeError):
            failed += 1
            print(f"an Attendee call failed: {result}")
        elif isinstance(result, BaseException):
            raise result
    elapsed = time.monotonic() - started
    done = len(results) - failed
    print(f"{done} of {len(results)} bots ended; transcripts written to {out} in {elapsed:.1f} s")
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("meeting_urls", nargs="*", help="with ATTENDEE_API_KEY: one bot each")
    parser.add_argument("--bots", type=int, default=200, help="offline: how many bots")
    parser.add_argument("--concurrency", type=int, default=50, help="bots worked on at once")
    parser.add_argument("--out", type=Path, default=Path("transcripts"), help="where they go")
    arguments = parser.parse_args(argv[1:])
    if os.environ.get("ATTENDEE_API_KEY") and not arguments.meeting_urls:
        parser.error("with ATTENDEE_API_KEY set, give the meeting URLs to send bots to")
    meetings = arguments.meeting_urls or [MEETING] * arguments.bots
    arguments.out.mkdir(parents=True, exist_ok=True)
    try:
        # As many connections as bots worked on at once; calls beyond them wait in the
        # client's queue (no longer than the pool timeout, then APITimeoutError).
        http = DefaultAioHttpClient(limits=httpx.Limits(max_connections=arguments.concurrency))
    except ImportError as error:  # the [aiohttp] extra is not installed: the message says so
        print(error, file=sys.stderr)
        return 2
    return asyncio.run(run_all(http, meetings, arguments.concurrency, arguments.out))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
