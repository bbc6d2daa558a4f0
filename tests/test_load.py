"""Load: one client shared by many threads, and one async client with 1,000 requests in
flight over one pool, against the fake over real sockets."""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from attendee_client import AsyncAttendeeClient, AttendeeClient
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import API_KEY, EXAMPLE_ID


@pytest.fixture
def loaded_server() -> Iterator[FakeAttendeeServer]:
    with FakeAttendeeServer(api_key=API_KEY) as server:
        server.add_connections(49)
        yield server


def test_sync_client_shared_by_8_threads_for_2000_gets(loaded_server: FakeAttendeeServer) -> None:
    ids = [conn["id"] for conn in loaded_server.connections]
    wanted = [ids[n % len(ids)] for n in range(2_000)]

    with (
        AttendeeClient(API_KEY, base_url=loaded_server.base_url) as client,
        ThreadPoolExecutor(max_workers=8) as pool,
    ):
        results = list(pool.map(lambda i: client.zoom_oauth_connections.get(i).id, wanted))

    assert results == wanted
    assert len(loaded_server.requests) == 2_000


@pytest.fixture
def server_process() -> Iterator[str]:
    """The fake in a process of its own, so its memory is not counted as the client's."""
    process = subprocess.Popen(
        [sys.executable, "-m", "attendee_client.testing", "--api-key", API_KEY],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdin is not None
    try:
        yield process.stdout.readline().strip()
    finally:
        process.stdin.close()
        process.wait(timeout=30)
        process.stdout.close()


async def test_async_client_with_1000_concurrent_gets_returns_to_its_memory_baseline(
    server_process: str,
) -> None:
    async with AsyncAttendeeClient(API_KEY, base_url=server_process) as client:

        async def burst() -> None:
            found = await asyncio.gather(
                *(client.zoom_oauth_connections.get(EXAMPLE_ID) for _ in range(1_000))
            )
            assert [conn.id for conn in found] == [EXAMPLE_ID] * 1_000

        async def settled_blocks() -> int:
            for _ in range(5):
                await asyncio.sleep(0)  # lets finished tasks' callbacks run; no time passes
            gc.collect()
            return sys.getallocatedblocks()

        await burst()  # warms the pool and every lazy cache
        baseline = await settled_blocks()
        await burst()
        after = await settled_blocks()

    # Memory blocks the interpreter holds: a leak of even one object per request would
    # leave a thousand more behind.
    assert after - baseline < 500, f"{after - baseline} more memory blocks held"
