"""What the realtime tests share: frames as the server builds them, and a bot that dials
with the real ``websockets`` client (as the server's bots do)."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
import uvicorn
from websockets.asyncio.client import ClientConnection

from attendee_client import realtime
from attendee_client.realtime import RealtimeSession, _auth, signed_url

BOT_ID = "bot_realtime0001"


def mixed_frame(pcm: bytes, bot_id: str = BOT_ID, rate: int = 16000) -> str:
    return json.dumps(
        {
            "trigger": "realtime_audio.mixed",
            "bot_id": bot_id,
            "data": {
                "chunk": base64.b64encode(pcm).decode("ascii"),
                "timestamp_ms": int(time.time() * 1000),
                "sample_rate": rate,
            },
        }
    )


def participant_frame(pcm: bytes, uuid: str = "16778240", bot_id: str = BOT_ID) -> str:
    return json.dumps(
        {
            "trigger": "realtime_audio.per_participant",
            "bot_id": bot_id,
            "data": {
                "participant_uuid": uuid,
                "chunk": base64.b64encode(pcm).decode("ascii"),
                "timestamp_ms": int(time.time() * 1000),
                "sample_rate": 16000,
            },
        }
    )


def video_frame(image: bytes, source: str = "webcam", bot_id: str = BOT_ID) -> str:
    return json.dumps(
        {
            "trigger": "realtime_video.per_participant",
            "bot_id": bot_id,
            "data": {
                "frame": base64.b64encode(image).decode("ascii"),
                "format": "jpeg",
                "participant_uuid": "16778240",
                "source": source,
            },
        }
    )


def tone(seconds: float, rate: int = 16000) -> bytes:
    return b"".join((i % 251).to_bytes(2, "little") for i in range(int(seconds * rate)))


async def receive_audio(connection: ClientConnection) -> tuple[float, bytes, int]:
    """The next ``realtime_audio.bot_output`` message: arrival time, PCM, rate."""
    message: Any = json.loads(await connection.recv())
    assert message["trigger"] == "realtime_audio.bot_output"
    data = message["data"]
    return time.monotonic(), base64.b64decode(data["chunk"]), data["sample_rate"]


def signed_ago(url: str, secret: str, *, expires_in: float, seconds_ago: float) -> str:
    """``url`` signed as if ``seconds_ago`` seconds ago (the token's clock is ``_auth._now``)."""
    now = time.time()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_auth, "_now", lambda: now - seconds_ago)
        return signed_url(url, secret, expires_in=expires_in)


Handler = Callable[[RealtimeSession], Awaitable[None]]


@asynccontextmanager
async def run_uvicorn(handler: Handler, secret: str | None = None) -> AsyncIterator[str]:
    config = uvicorn.Config(
        realtime.asgi_app(handler, secret=secret),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        lifespan="on",
        ws="websockets-sansio",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0)  # yield to the server's start-up, no waiting on a clock
        if task.done():
            task.result()
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"ws://127.0.0.1:{port}/agent"
    finally:
        server.should_exit = True
        await task


@asynccontextmanager
async def receiver(kind: str, handler: Handler) -> AsyncIterator[str]:
    """A receiver running ``handler``: ``serve`` on websockets, or ``asgi_app`` under
    uvicorn; yields the URL a bot dials."""
    if kind == "serve":
        async with realtime.serve(handler) as server:
            yield server.url
    else:
        async with run_uvicorn(handler) as url:
            yield url


RECEIVERS = ["serve", "uvicorn"]
