"""The rows of the two async transports (docs/performance.md, Performance at scale): the
SDK on ``DefaultAioHttpClient`` against the SDK on its default httpx transport, and against
its own floor, a plain ``httpx-aiohttp`` client plus ``json.loads``. Needs the ``[aiohttp]``
extra (the dev group has it). Imported by run.py, which runs these rows alone with
``--only transports``.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import httpx_aiohttp

from attendee_client import AsyncAttendeeClient, DefaultAioHttpClient

API_KEY = "bench-key"
CONNECTION_ID = "zoc_abcdef1234567890"
DETAIL = f"/api/v1/zoom_oauth_connections/{CONNECTION_ID}"
HEADERS = {"Authorization": f"Token {API_KEY}", "Accept": "application/json"}

CONCURRENT_VS_DEFAULT = "async GET, 50 concurrent: aiohttp vs the default transport"
CONCURRENT_VS_FLOOR = "async GET, 50 concurrent: aiohttp vs plain httpx-aiohttp"
SEQUENTIAL_VS_DEFAULT = "async GET, sequential: aiohttp vs the default transport"
SEQUENTIAL_VS_FLOOR = "async GET, sequential: aiohttp vs plain httpx-aiohttp"
DOWNLOAD_DEFAULT = "async download_recording vs an httpx stream to a file"
DOWNLOAD_AIOHTTP = "async download_recording on aiohttp vs an httpx-aiohttp stream"

TARGETS = {
    # At least four times the throughput: at most a quarter of the time per request.
    CONCURRENT_VS_DEFAULT: 0.25,
    CONCURRENT_VS_FLOOR: 1.10,
    SEQUENTIAL_VS_DEFAULT: 1.00,
    SEQUENTIAL_VS_FLOOR: 1.10,
    DOWNLOAD_DEFAULT: 1 / 0.9,
    DOWNLOAD_AIOHTTP: 1 / 0.9,
}

Timer = Callable[[], Awaitable[float]]


async def _interleaved(rounds: int, contenders: dict[str, Timer]) -> dict[str, list[float]]:
    """Seconds per round of each contender, who goes first alternating by round."""
    for contender in contenders.values():  # warm the pools
        await contender()
    seconds: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_number in range(rounds):
        for name in names if round_number % 2 == 0 else names[::-1]:
            seconds[name].append(await contenders[name]())
    return seconds


def _gets(get: Callable[[], Awaitable[object]], operations: int, tasks: int) -> Timer:
    async def run() -> float:
        started = time.perf_counter()
        if tasks == 1:
            for _ in range(operations):
                await get()
        else:
            for _ in range(operations // tasks):
                await asyncio.gather(*(get() for _ in range(tasks)))
        return time.perf_counter() - started

    return run


async def _get_rounds(
    base_url: str, rounds: int, operations: int, tasks: int
) -> dict[str, list[float]]:
    async with (
        AsyncAttendeeClient(api_key=API_KEY, base_url=base_url) as default,
        AsyncAttendeeClient(
            api_key=API_KEY, base_url=base_url, http_client=DefaultAioHttpClient()
        ) as aio,
        httpx_aiohttp.HttpxAiohttpClient(base_url=base_url, headers=HEADERS) as plain,
    ):

        async def plain_get() -> object:
            return json.loads((await plain.get(DETAIL)).content)

        return await _interleaved(
            rounds,
            {
                "default": _gets(
                    lambda: default.zoom_oauth_connections.get(CONNECTION_ID), operations, tasks
                ),
                "aiohttp": _gets(
                    lambda: aio.zoom_oauth_connections.get(CONNECTION_ID), operations, tasks
                ),
                "plain aiohttp": _gets(plain_get, operations, tasks),
            },
        )


async def _download_rounds(
    base_url: str, rounds: int, size: int, directory: Path
) -> dict[str, list[float]]:
    url = f"{base_url}/storage/{size}.mp4"
    paths = {name: directory / f"attendee-bench-{name}.mp4" for name in ("a", "b", "c", "d")}

    async def stream(client: httpx.AsyncClient, path: Path) -> float:
        path.unlink(missing_ok=True)
        started = time.perf_counter()
        async with client.stream("GET", url) as response:
            with path.open("wb") as file:
                async for chunk in response.aiter_raw():
                    file.write(chunk)
        return time.perf_counter() - started

    async def download(client: AsyncAttendeeClient, path: Path) -> float:
        path.unlink(missing_ok=True)
        started = time.perf_counter()
        await client.bots.download_recording(f"bot_{size}", path)
        return time.perf_counter() - started

    async with (
        httpx.AsyncClient() as raw,
        httpx_aiohttp.HttpxAiohttpClient() as plain,
        AsyncAttendeeClient(api_key=API_KEY, base_url=base_url) as default,
        AsyncAttendeeClient(
            api_key=API_KEY, base_url=base_url, http_client=DefaultAioHttpClient()
        ) as aio,
    ):
        try:
            return await _interleaved(
                rounds,
                {
                    "httpx stream": lambda: stream(raw, paths["a"]),
                    "default": lambda: download(default, paths["b"]),
                    "httpx-aiohttp stream": lambda: stream(plain, paths["c"]),
                    "aiohttp": lambda: download(aio, paths["d"]),
                },
            )
        finally:
            for path in paths.values():
                path.unlink(missing_ok=True)


def transport_rows(
    base_url: str,
    rounds: int,
    operations: int,
    download_rounds: int,
    download_size: int,
    directory: Path,
    make_row: Callable[[str, dict[str, list[float]], int], dict[str, Any]],
) -> list[dict[str, Any]]:
    """Every transport row; ``make_row(name, {"floor": ..., "sdk": ...}, operations)``."""
    concurrent = asyncio.run(_get_rounds(base_url, rounds, 100, 50))
    sequential = asyncio.run(_get_rounds(base_url, rounds, operations, 1))
    downloads = asyncio.run(_download_rounds(base_url, download_rounds, download_size, directory))

    def pair(samples: dict[str, list[float]], floor: str, sdk: str) -> dict[str, list[float]]:
        return {"floor": samples[floor], "sdk": samples[sdk]}

    return [
        make_row(CONCURRENT_VS_DEFAULT, pair(concurrent, "default", "aiohttp"), 100),
        make_row(CONCURRENT_VS_FLOOR, pair(concurrent, "plain aiohttp", "aiohttp"), 100),
        make_row(SEQUENTIAL_VS_DEFAULT, pair(sequential, "default", "aiohttp"), operations),
        make_row(SEQUENTIAL_VS_FLOOR, pair(sequential, "plain aiohttp", "aiohttp"), operations),
        make_row(DOWNLOAD_DEFAULT, pair(downloads, "httpx stream", "default"), 1),
        make_row(DOWNLOAD_AIOHTTP, pair(downloads, "httpx-aiohttp stream", "aiohttp"), 1),
    ]
