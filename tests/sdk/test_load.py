"""Load: one client shared by many threads, and one async client with 1,000 requests in
flight over one pool, against the fake over real sockets."""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import respx

from attendee_client import APITimeoutError, AsyncAttendeeClient, AttendeeClient
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import API_KEY, BASE_URL, DETAIL_URL, EXAMPLE_ID, example_bytes


@pytest.fixture
def loaded_server() -> Iterator[FakeAttendeeServer]:
    with FakeAttendeeServer(api_key=API_KEY) as server:
        server.add_connections(49)
        yield server


def test_sync_client_shared_by_8_threads_for_2000_gets(loaded_server: FakeAttendeeServer) -> None:
    ids = [conn["id"] for conn in loaded_server.connections]
    wanted = [ids[n % len(ids)] for n in range(2_000)]

    with (
        AttendeeClient(api_key=API_KEY, base_url=loaded_server.base_url) as client,
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
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    try:
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()


async def test_async_client_with_1000_concurrent_gets_returns_to_its_memory_baseline(
    server_process: str,
) -> None:
    async with AsyncAttendeeClient(api_key=API_KEY, base_url=server_process) as client:

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


async def test_async_queue_honours_the_pool_timeout(mock: respx.MockRouter) -> None:
    mock.get(DETAIL_URL).respond(200, content=example_bytes())
    timeout = httpx.Timeout(5.0, pool=0.05)
    async with AsyncAttendeeClient(
        api_key=API_KEY, base_url=BASE_URL, timeout=timeout, max_retries=0
    ) as client:
        slots = client._slots
        assert slots is not None
        # Every connection of the pool in use, as when 100 requests are in flight.
        for _ in range(100):
            await slots.acquire()

        with pytest.raises(APITimeoutError, match=r"pool timeout of 0\.05 s") as caught:
            await client.zoom_oauth_connections.get(EXAMPLE_ID)

        assert caught.value.request_reached_server is False
        slots.release()
        assert (await client.zoom_oauth_connections.get(EXAMPLE_ID)).id == EXAMPLE_ID
