"""``attendee realtime listen|sign-url``: a receiver for bots' websockets that shows what
arrives (a line per frame kind per second, or ``--json`` per frame) and writes WAV files;
and the signed URL to give a bot. Offline: no API key needed. ``listen`` needs the
``realtime`` extra."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from attendee_client.cli._arguments import Parents, Subparsers, command, command_group
from attendee_client.cli._context import Context, UsageError

if TYPE_CHECKING:
    from attendee_client.realtime import Frame, RealtimeSession, WavRecorder

__all__ = ["SECRET_ENV", "register"]

SECRET_ENV = "ATTENDEE_REALTIME_SECRET"


def _secret(ctx: Context, *, required: bool) -> str | None:
    secret: str | None = ctx.args.secret or ctx.runtime.environ.get(SECRET_ENV)
    if required and not secret:
        raise UsageError(f"no realtime secret: set {SECRET_ENV} or pass --secret")
    return secret or None


def _describe(frame: Frame) -> dict[str, Any]:
    from attendee_client.realtime import (
        AudioChunk,
        ParticipantAudioChunk,
        VideoFrame,
    )

    line: dict[str, Any] = {"trigger": frame.trigger, "bot_id": frame.bot_id}
    if isinstance(frame, (AudioChunk, ParticipantAudioChunk)):
        if isinstance(frame, ParticipantAudioChunk):
            line["participant_uuid"] = frame.participant_uuid
        line.update(
            sample_rate=frame.sample_rate,
            bytes=len(frame.pcm),
            seconds=round(frame.duration, 4),
            timestamp_ms=frame.timestamp_ms,
        )
    elif isinstance(frame, VideoFrame):
        line.update(
            participant_uuid=frame.participant_uuid,
            source=str(frame.source),
            format=frame.format,
            bytes=len(frame.image),
        )
    return line


class _Listener:
    """Counts frames per bot and kind, prints them once a second, records WAV files."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.counts: Counter[tuple[str, str]] = Counter()
        self.recorders: dict[str, WavRecorder] = {}
        self.last_report = time.monotonic()

    def _recorder(self, bot_id: str) -> WavRecorder | None:
        from attendee_client.realtime import WavRecorder

        directory = self.ctx.args.wav_dir
        if directory is None:
            return None
        if bot_id not in self.recorders:
            # One recorder per bot, kept across its reconnections: its files continue.
            self.recorders[bot_id] = WavRecorder(directory, prefix=f"{bot_id}-")
        return self.recorders[bot_id]

    async def handle(self, session: RealtimeSession) -> None:
        out = self.ctx.runtime.stdout
        if not self.ctx.output.json_mode:
            out.write(f"connected: bot {session.bot_id} on {session.path}\n")
            out.flush()
        recorder = self._recorder(session.bot_id)
        async for frame in session:
            if recorder is not None:
                recorder.add(frame)
            if self.ctx.output.json_mode:
                out.write(json.dumps(_describe(frame)) + "\n")
                out.flush()  # a line per frame, as it comes (for a pipe to another program)
            else:
                self.counts[(frame.bot_id, frame.trigger)] += 1
                self.report()
        if not self.ctx.output.json_mode:
            self.report(force=True)
            out.write(f"disconnected: bot {session.bot_id}\n")
        out.flush()

    def report(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.counts or (not force and now - self.last_report < 1.0):
            return
        self.last_report = now
        stamp = time.strftime("%H:%M:%S")
        for (bot_id, trigger), count in sorted(self.counts.items()):
            self.ctx.runtime.stdout.write(f"{stamp} {bot_id} {trigger} {count} frames\n")
        self.ctx.runtime.stdout.flush()
        self.counts.clear()

    def close(self) -> None:
        for recorder in self.recorders.values():
            recorder.close()


async def _serve(ctx: Context, listener: _Listener, secret: str | None) -> None:
    from attendee_client import realtime

    async with realtime.serve(
        listener.handle,
        host=ctx.args.host,
        port=ctx.args.port,
        path=ctx.args.path,
        secret=secret,
    ) as server:
        note = " (bots must dial its signed URL: attendee realtime sign-url)" if secret else ""
        ctx.runtime.stderr.write(f"listening on {server.url}{note}\n")
        ctx.runtime.stderr.flush()
        if ctx.args.duration is None:
            await asyncio.Event().wait()
        else:
            await asyncio.sleep(ctx.args.duration)


def _listen(ctx: Context) -> None:
    try:
        import websockets  # noqa: F401 - checked here for a usage error, imported by serve
    except ImportError:
        raise UsageError(
            "attendee realtime listen needs the websockets library: "
            "pip install 'attendee-client[realtime]'"
        ) from None
    listener = _Listener(ctx)
    try:
        asyncio.run(_serve(ctx, listener, _secret(ctx, required=False)))
    finally:
        listener.close()


def _sign_url(ctx: Context) -> None:
    from attendee_client import realtime

    secret = _secret(ctx, required=True)
    assert secret is not None
    try:
        url = realtime.signed_url(ctx.args.url, secret, expires_in=ctx.args.expires_in)
    except ValueError as error:
        raise UsageError(str(error)) from None
    ctx.runtime.stdout.write(url + "\n")


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise ValueError(text)
    return value


def register(commands: Subparsers, parents: Parents) -> None:
    """Add ``attendee realtime listen`` and ``sign-url``."""
    group = command_group(commands, "realtime", "receive bots' realtime media (offline)")
    listen = command(
        group,
        "listen",
        _listen,
        "run a receiver for bots' websockets and show what arrives",
        parents.offline,
        "Run a receiver for the bots' websockets (the URLs in websocket_settings): a line\n"
        "per bot and frame kind each second (--json: a line per frame, media left out),\n"
        "WAV files per bot with --wav-dir. Stops on Ctrl-C or after --duration seconds.\n"
        "Needs the realtime extra: pip install 'attendee-client[realtime]'.\n\n"
        "  attendee realtime listen --port 8765 --wav-dir recordings",
    )
    listen.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    listen.add_argument("--port", type=int, default=8765, help="the port (0: a free one)")
    listen.add_argument("--path", default="/", help="the path bots dial (default: any)")
    listen.add_argument(
        "--secret",
        metavar="S",
        help=f"refuse bots without a token signed with it (default: ${SECRET_ENV})",
    )
    listen.add_argument(
        "--wav-dir", metavar="DIR", help="write mixed.wav and one WAV per participant here"
    )
    listen.add_argument(
        "--duration", type=_positive, metavar="SECONDS", help="stop after this long"
    )
    sign = command(
        group,
        "sign-url",
        _sign_url,
        "print a URL with an expiring token, for websocket_settings",
        parents.offline,
    )
    sign.add_argument("url", help="the receiver's URL (wss://...)")
    sign.add_argument("--secret", metavar="S", help=f"the secret (default: ${SECRET_ENV})")
    sign.add_argument(
        "--expires-in",
        type=_positive,
        default=86400.0,
        metavar="SECONDS",
        help="how long the token is valid (default: a day)",
    )
