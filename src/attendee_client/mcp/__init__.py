"""``attendee mcp``: the Attendee API as Model Context Protocol tools for AI assistants.

    attendee mcp                      # stdio: what an assistant's configuration starts
    attendee mcp --read-only          # only the tools that change nothing
    attendee mcp --http 127.0.0.1:8000

Built on the official ``mcp`` SDK (the ``attendee-client[mcp]`` extra) and on the public
API of ``attendee_client`` only. Importing this package does not import ``mcp``: ``serve``
does, and raises ``MCPNotInstalledError`` (naming the extra) when it is missing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

__all__ = ["EXTRA_HINT", "MCPNotInstalledError", "ServerOptions", "serve"]

EXTRA_HINT = "pip install 'attendee-client[mcp]'"


class MCPNotInstalledError(ImportError):
    """The ``mcp`` package (the ``attendee-client[mcp]`` extra) is not installed."""


@dataclass(frozen=True)
class ServerOptions:
    """How to run the server: the client's settings, the transport and the tools offered.

    ``api_key`` is never printed, and never part of ``repr``. ``http`` is ``(host, port)``
    for streamable HTTP, None for stdio.
    """

    api_key: str = field(repr=False)
    base_url: str | None = None
    timeout: float | None = None
    max_retries: int | None = None
    read_only: bool = False
    http: tuple[str, int] | None = None
    verbose: bool = False


def serve(options: ServerOptions) -> None:
    """Run the MCP server until its client goes away (stdio) or it is interrupted (HTTP).

    Raises MCPNotInstalledError when the ``mcp`` package is missing.
    """
    try:
        importlib.import_module("mcp.server.mcpserver")
    except ImportError as error:
        raise MCPNotInstalledError(
            f"attendee mcp needs the mcp extra: {EXTRA_HINT} ({error})"
        ) from None
    from attendee_client.mcp._server import run

    run(options)
