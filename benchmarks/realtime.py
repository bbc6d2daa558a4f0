"""attendee_client.realtime against plain code doing the least the job needs, in one run.

    python benchmarks/realtime.py            # the full run (about a minute)
    python benchmarks/realtime.py --quick    # a smoke run

1. ``parse_frame`` of 20 ms 16 kHz audio frames against ``json.loads`` + ``base64.b64decode``
   of the same text (target: at most 1.15x).
2. Frames through ``realtime.serve()`` from a client in another process against a plain
   ``websockets`` server doing ``json.loads`` + ``b64decode`` (target: at most 1.20x).
3. 100 bots streaming 50 frames a second each into one ``serve()``: frames lost (target:
   none) and the CPU the receiving process takes.

Ratios are what matter; absolute times are this machine's. Prints one line per measure.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.asyncio.server import serve as plain_serve

from attendee_client import realtime
from attendee_client.realtime import RealtimeSession

BOT_ID = "bot_benchmark00001"


def audio_frame(index: int, bot_id: str = BOT_ID) -> str:
    pcm = bytes((index + i) % 256 for i in range(640))  # 20 ms at 16 kHz
    return json.dumps(
        {
            "trigger": "realtime_audio.mixed",
            "bot_id": bot_id,
            "data": {
                "chunk": base64.b64encode(pcm).decode("ascii"),
                "timestamp_ms": 1_765_000_000_000 + 20 * index,
                "sample_rate": 16000,
            },
        }
    )


def plain_parse(text: str) -> bytes:
    message: Any = json.loads(text)
    return base64.b64decode(message["data"]["chunk"])


def best_of(rounds: int, run: Callable[[], None]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def bench_parse(quick: bool) -> None:
    frames = [audio_frame(i) for i in range(2000)]
    rounds = 5 if quick else 25

    def ours() -> None:
        for text in frames:
            realtime.parse_frame(text)

    def floor() -> None:
        for text in frames:
            plain_parse(text)

    # Interleaved, so a busy moment of the machine falls on both.
    ours_times, floor_times = [], []
    for _ in range(rounds):
        ours_times.append(best_of(1, ours))
        floor_times.append(best_of(1, floor))
    ratio = statistics.median(ours_times) / statistics.median(floor_times)
    per_frame = statistics.median(ours_times) / len(frames) * 1e6
    print(f"parse_frame / (json.loads + b64decode): {ratio:.2f}x  ({per_frame:.1f} us a frame)")


CLIENT = """
import asyncio, json, sys, time
from websockets.asyncio.client import connect
frames = json.loads(sys.stdin.read())
async def main():
    async with connect(sys.argv[1], max_size=None) as bot:
        started = time.perf_counter()
        for text in frames:
            await bot.send(text)
        await bot.recv()  # the receiver answers once it has read every frame
        print(time.perf_counter() - started)
asyncio.run(main())
"""


def run_client(url: str, frames: list[str]) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", CLIENT, url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write(json.dumps(frames))
    process.stdin.close()
    return process


async def through_serve(frames: list[str]) -> float:
    async def handler(session: RealtimeSession) -> None:
        count = 0
        async for _ in session:
            count += 1
            if count == len(frames):
                session.send_audio(bytes(3200), 16000)  # the answer: one 100 ms piece
        await session.drain()

    async with realtime.serve(handler) as server:
        return await asyncio.to_thread(_wait, run_client(server.url, frames))


async def through_plain(frames: list[str]) -> float:
    async def handler(connection: ServerConnection) -> None:
        count = 0
        async for message in connection:
            assert isinstance(message, str)
            plain_parse(message)
            count += 1
            if count == len(frames):
                await connection.send("done")

    async with plain_serve(handler, "127.0.0.1", 0, max_size=None) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        return await asyncio.to_thread(_wait, run_client(f"ws://127.0.0.1:{port}/", frames))


def _wait(process: subprocess.Popen[str]) -> float:
    assert process.stdout is not None
    out = process.stdout.read()
    process.wait(timeout=300)
    return float(out)


def bench_serve(quick: bool) -> None:
    frames = [audio_frame(i) for i in range(2000 if quick else 20000)]
    rounds = 1 if quick else 5
    ours, floor = [], []
    for _ in range(rounds):
        ours.append(asyncio.run(through_serve(frames)))
        floor.append(asyncio.run(through_plain(frames)))
    ratio = statistics.median(ours) / statistics.median(floor)
    rate = len(frames) / statistics.median(ours)
    print(
        f"serve() / plain websockets server, {len(frames)} frames from another process: "
        f"{ratio:.2f}x  ({rate:,.0f} frames/s through serve())"
    )


LOAD = """
import asyncio, sys, time
from websockets.asyncio.client import connect
sys.path.insert(0, sys.argv[4])
from realtime import audio_frame
url, bots, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
async def bot(n):
    async with connect(url) as ws:
        started = time.monotonic()
        for i in range(int(seconds * 50)):
            await ws.send(audio_frame(i, f"bot_load{n:08d}"))
            await asyncio.sleep(max(0.0, started + (i + 1) / 50 - time.monotonic()))
        await ws.close()
async def main():
    await asyncio.gather(*(bot(n) for n in range(bots)))
asyncio.run(main())
"""


async def hundred_bots(bots: int, seconds: float) -> tuple[int, float, float]:
    received: dict[str, int] = {}
    finished = asyncio.Event()

    async def handler(session: RealtimeSession) -> None:
        count = 0
        async for _ in session:
            count += 1
        received[session.bot_id] = count
        if len(received) == bots:
            finished.set()

    async with realtime.serve(handler) as server:
        cpu, wall = time.process_time(), time.monotonic()
        here = str(__import__("pathlib").Path(__file__).parent)
        load = subprocess.Popen(
            [sys.executable, "-c", LOAD, server.url, str(bots), str(seconds), here]
        )
        await asyncio.to_thread(load.wait)
        await asyncio.wait_for(finished.wait(), 60)
        return sum(received.values()), time.process_time() - cpu, time.monotonic() - wall


def bench_load(quick: bool) -> None:
    bots, seconds = (20, 2.0) if quick else (100, 10.0)
    total, cpu, wall = asyncio.run(hundred_bots(bots, seconds))
    expected = bots * int(seconds * 50)
    print(
        f"{bots} bots x 50 frames/s for {seconds:g} s into one serve(): "
        f"{total}/{expected} frames received ({expected - total} lost); "
        f"the receiving process used {cpu:.1f} s CPU in {wall:.1f} s "
        f"({100 * cpu / wall:.0f}% of one core)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    args = parser.parse_args()
    bench_parse(args.quick)
    bench_serve(args.quick)
    bench_load(args.quick)


if __name__ == "__main__":
    main()
