"""The receiver as an ASGI 3 app, run under a real uvicorn on loopback, with the real
``websockets`` client standing in for the bot."""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from attendee_client import realtime
from attendee_client.realtime import AudioChunk, RealtimeSession, VideoFrame
from tests.realtime.support import (
    BOT_ID,
    mixed_frame,
    receive_audio,
    run_uvicorn,
    signed_ago,
    tone,
    video_frame,
)

SECRET = "asgi-secret-canary-77d1"


async def test_frames_arrive_and_paced_audio_goes_back_under_uvicorn() -> None:
    seen: list[object] = []
    paths: list[str] = []

    async def handler(session: RealtimeSession) -> None:
        paths.append(session.path)
        session.send_audio(tone(0.5), 16000)
        async for frame in session:
            seen.append(frame)

    async with run_uvicorn(handler) as url, connect(url) as bot:
        started = time.monotonic()
        await bot.send(mixed_frame(bytes(640)))
        await bot.send(video_frame(b"\xff\xd8jpeg"))
        arrivals = [await receive_audio(bot) for _ in range(5)]
    assert b"".join(pcm for _, pcm, _ in arrivals) == tone(0.5)
    assert arrivals[-1][0] - started > 0.15  # paced, not at once
    assert [type(frame) for frame in seen] == [AudioChunk, VideoFrame]
    assert paths == ["/agent"]


@pytest.mark.parametrize("token", ["missing", "wrong", "expired", "unicode-digit", "huge-expiry"])
async def test_uvicorn_answers_401_without_a_valid_token_and_never_runs_the_handler(
    token: str,
) -> None:
    calls: list[str] = []

    async def handler(session: RealtimeSession) -> None:
        calls.append(session.bot_id)

    async with run_uvicorn(handler, SECRET) as url:
        bad = {
            "missing": url,
            "wrong": realtime.signed_url(url, "not-the-secret"),
            "expired": signed_ago(url, SECRET, expires_in=10, seconds_ago=13),
            "unicode-digit": url + "?attendee_expires=%C2%B2&attendee_token=00",
            "huge-expiry": url + "?attendee_expires=" + "9" * 5000 + "&attendee_token=00",
        }[token]
        with pytest.raises(InvalidStatus) as refused:
            async with connect(bad):
                pass
        assert refused.value.response.status_code == 401
        async with connect(realtime.signed_url(url, SECRET)) as bot:
            await bot.send(mixed_frame(bytes(640)))
            await bot.close()
    assert calls == [BOT_ID]


async def test_a_dropped_connection_and_a_new_one_both_work_under_uvicorn() -> None:
    bot_ids: list[str] = []

    async def handler(session: RealtimeSession) -> None:
        bot_ids.append(session.bot_id)
        session.send_audio(tone(0.1), 16000)
        async for _ in session:
            pass

    async with run_uvicorn(handler) as url:
        first = await connect(url)
        await first.send(mixed_frame(bytes(640)))
        await receive_audio(first)
        first.transport.abort()
        async with connect(url) as second:
            await second.send(mixed_frame(bytes(640)))
            _, pcm, _ = await receive_audio(second)
        assert pcm == tone(0.1)
        async with httpx.AsyncClient() as http:
            answer = await http.get(url.replace("ws://", "http://"))
        assert answer.status_code == 404
    assert bot_ids == [BOT_ID, BOT_ID]


class Channel:
    """An ASGI server's side of one scope, in memory."""

    def __init__(self, *incoming: dict[str, Any]) -> None:
        self.incoming = list(incoming)
        self.sent: list[dict[str, Any]] = []

    async def receive(self) -> dict[str, Any]:
        return self.incoming.pop(0)

    async def send(self, message: MutableMapping[str, Any]) -> None:
        self.sent.append(dict(message))


async def never_called(session: RealtimeSession) -> None:
    raise AssertionError("never called")


async def test_a_server_without_the_http_response_extension_gets_a_close_before_accept() -> None:
    channel = Channel({"type": "websocket.connect"})
    scope = {"type": "websocket", "path": "/", "query_string": b"", "extensions": {}}
    await realtime.asgi_app(never_called, secret=SECRET)(scope, channel.receive, channel.send)
    assert channel.sent == [{"type": "websocket.close", "code": 1008}]


async def test_plain_http_gets_404_and_lifespan_completes() -> None:
    app = realtime.asgi_app(never_called)
    http = Channel()
    await app({"type": "http", "path": "/"}, http.receive, http.send)
    assert http.sent[0]["status"] == 404
    lifespan = Channel({"type": "lifespan.startup"}, {"type": "lifespan.shutdown"})
    await app({"type": "lifespan"}, lifespan.receive, lifespan.send)
    assert [m["type"] for m in lifespan.sent] == [
        "lifespan.startup.complete",
        "lifespan.shutdown.complete",
    ]


async def test_a_disconnect_before_any_frame_ends_quietly() -> None:
    channel = Channel({"type": "websocket.connect"}, {"type": "websocket.disconnect"})
    scope = {"type": "websocket", "path": "/", "query_string": b""}
    await realtime.asgi_app(never_called)(scope, channel.receive, channel.send)
    assert channel.sent == [{"type": "websocket.accept"}]


@pytest.mark.parametrize("secret", ["", b""])
def test_an_empty_secret_is_refused_when_the_app_is_made(secret: str | bytes) -> None:
    async def handler(session: RealtimeSession) -> None:
        raise AssertionError("never called")

    with pytest.raises(ValueError, match="secret must be a non-empty"):
        realtime.asgi_app(handler, secret=secret)
