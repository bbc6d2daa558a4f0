"""The MCP server: the tools (only those that change nothing, with ``--read-only``), the
bot and transcript resources, one async client for every session, a log that never shows the
API key, and the stdio or streamable HTTP transport."""

from __future__ import annotations

import inspect
import json
import logging
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError, ToolError
from mcp.types import CallToolResult, InputRequiredResult

from attendee_client import (
    NOT_GIVEN,
    AsyncAttendeeClient,
    AttendeeError,
    NotFoundError,
    __version__,
)
from attendee_client.mcp._bots import bot_tools
from attendee_client.mcp._calendars_and_sessions import calendar_and_session_tools
from attendee_client.mcp._common import Redactor, ToolSpec
from attendee_client.mcp._meeting import meeting_tools, transcript_text
from attendee_client.mcp._options import ServerOptions

__all__ = ["AttendeeMCPServer", "build_server", "run", "serving"]

INSTRUCTIONS = (
    "Tools for Attendee, the meeting-bot API: send a notetaker bot to a Zoom, Google Meet or "
    "Teams meeting (create_bot), follow it (get_bot, wait_for_bot), and read what it "
    "recorded (get_transcript, get_recording_url, list_chat_messages, "
    "list_participant_events). A bot's transcript and recording are complete once it is ended."
)


class AttendeeMCPServer(MCPServer[Any]):
    """``MCPServer`` that refuses, by name, the tools that ``--read-only`` leaves out."""

    def __init__(self, refused: frozenset[str], **settings: Any) -> None:
        super().__init__(**settings)
        self.refused = refused

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Any, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        if name in self.refused:
            raise ToolError(
                f"{name} changes things, and this server runs with --read-only: "
                "only the tools that change nothing can be called"
            )
        return await super().call_tool(name, arguments, context)


def tool_specs(client: AsyncAttendeeClient, redactor: Redactor) -> list[ToolSpec]:
    """Every tool, in the order they are listed."""
    return [
        *bot_tools(client, redactor),
        *meeting_tools(client, redactor),
        *calendar_and_session_tools(client, redactor),
    ]


def _add_resources(server: MCPServer[Any], client: AsyncAttendeeClient, redactor: Redactor) -> None:
    def failed(error: AttendeeError) -> ResourceError:
        kind = ResourceNotFoundError if isinstance(error, NotFoundError) else ResourceError
        return kind(redactor.hide(str(error)))

    @server.resource(
        "attendee://bots/{bot_id}",
        name="bot",
        description="A bot as the API returns it (JSON).",
        mime_type="application/json",
    )
    async def bot(bot_id: str) -> str:
        try:
            return json.dumps((await client.bots.get(bot_id)).to_dict(), ensure_ascii=False)
        except AttendeeError as error:
            raise failed(error) from None

    @server.resource(
        "attendee://bots/{bot_id}/transcript",
        name="transcript",
        description="What was said in a bot's meeting: [hh:mm:ss] Speaker: words, a line each.",
        mime_type="text/plain",
    )
    async def transcript(bot_id: str) -> str:
        try:
            return (await transcript_text(client, bot_id))[0]
        except AttendeeError as error:
            raise failed(error) from None


def build_server(client: AsyncAttendeeClient, options: ServerOptions) -> AttendeeMCPServer:
    """The server with its tools and resources, answering with ``client``."""
    redactor = Redactor(options.api_key)
    specs = tool_specs(client, redactor)
    offered = [spec for spec in specs if spec.read_only or not options.read_only]
    refused = frozenset(spec.name for spec in specs if spec not in offered)
    server = AttendeeMCPServer(
        refused,
        name="attendee",
        title="Attendee",
        version=__version__,
        instructions=INSTRUCTIONS,
        website_url="https://attendee.dev",
        log_level="INFO" if options.verbose else "WARNING",
    )
    for spec in offered:
        server.add_tool(
            spec.fn,
            title=spec.title,
            description=inspect.cleandoc(spec.fn.__doc__ or ""),
            annotations=spec.annotations,
        )
    _add_resources(server, client, redactor)
    return server


class _HideSecret(logging.Filter):
    """Replaces the API key in a record's message and traceback before any handler shows it."""

    def __init__(self, redactor: Redactor, skip_sdk: bool) -> None:
        super().__init__()
        self.redactor = redactor
        self.skip_sdk = skip_sdk

    def filter(self, record: logging.LogRecord) -> bool:
        if self.skip_sdk and record.name.startswith("attendee_client"):
            return False  # `attendee -v` prints the SDK's log itself, hidden already
        record.msg = self.redactor.hide(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = self.redactor.hide(
                logging.Formatter().formatException(record.exc_info)
            )
            record.exc_info = None
        return True


def _log_to_stderr(options: ServerOptions) -> None:
    """One handler on standard error (standard output is the protocol's, over stdio); set
    before the server is made, so that the mcp package adds none of its own."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    handler.addFilter(_HideSecret(Redactor(options.api_key), skip_sdk=options.verbose))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO if options.verbose else logging.WARNING)


@asynccontextmanager
async def serving(options: ServerOptions) -> AsyncIterator[AttendeeMCPServer]:
    """The server, with the one client its sessions share, closed on leaving."""
    retries: dict[str, Any] = {}
    if options.max_retries is not None:
        retries["max_retries"] = options.max_retries
    async with AsyncAttendeeClient(
        api_key=options.api_key,
        base_url=options.base_url,
        timeout=NOT_GIVEN if options.timeout is None else options.timeout,
        **retries,
    ) as client:
        yield build_server(client, options)


async def _serve(options: ServerOptions, listening: socket.socket | None) -> None:
    async with serving(options) as server:
        if listening is None:
            await server.run_stdio_async()
        else:
            await _serve_http(server, listening)


def _where(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def listen(host: str, port: int) -> socket.socket:
    """A socket listening at ``host``:``port`` (port 0: a free one), bound here rather than
    by uvicorn, whose failure to bind exits the process with a status of its own.

    Raises OSError saying where it could not listen, and why.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as error:
        why = error.strerror or str(error)
        raise OSError(f"cannot listen on {_where(host, port)}: {why}") from None


async def _serve_http(server: AttendeeMCPServer, listening: socket.socket) -> None:
    import uvicorn

    host, port = listening.getsockname()[:2]
    app = server.streamable_http_app(host=host)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    sys.stderr.write(f"attendee mcp: streamable HTTP on http://{_where(host, port)}/mcp\n")
    sys.stderr.flush()
    await uvicorn.Server(config).serve(sockets=[listening])


def run(options: ServerOptions) -> None:
    """Serve until the client hangs up (stdio) or the process is interrupted.

    Raises OSError when it cannot listen at ``options.http``.
    """
    listening = None if options.http is None else listen(*options.http)
    _log_to_stderr(options)
    if options.http is None and sys.stdin is not None and sys.stdin.isatty():
        sys.stderr.write(
            "attendee mcp: serving MCP on standard input and output, for an assistant that "
            "starts this command (docs/mcp.md has a configuration); Ctrl-C to stop\n"
        )
    try:
        anyio.run(_serve, options, listening)
    finally:
        if listening is not None:
            listening.close()
