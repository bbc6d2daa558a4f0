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
import importlib.metadata

from attendee_client.mcp._options import ServerOptions

__all__ = ["EXTRA_HINT", "MCPNotInstalledError", "ServerOptions", "serve"]

EXTRA_HINT = "pip install 'attendee-client[mcp]'"


class MCPNotInstalledError(ImportError):
    """The ``mcp`` package (the ``attendee-client[mcp]`` extra) is not installed."""


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "(version unknown)"


def serve(options: ServerOptions) -> None:
    """Run the MCP server until its client goes away (stdio) or it is interrupted (HTTP).

    Raises MCPNotInstalledError when the ``mcp`` package is missing.
    """
    try:
        # The package first: a module already imported is found even when its package no
        # longer can be.
        importlib.import_module("mcp")
    except ImportError as error:
        raise MCPNotInstalledError(
            f"attendee mcp needs the mcp extra: {EXTRA_HINT} ({error})"
        ) from None
    try:
        importlib.import_module("mcp.server.mcpserver")  # new in mcp 2.x
    except ImportError as error:
        raise MCPNotInstalledError(
            f"attendee mcp needs mcp 2.x, found mcp {_version('mcp')}: "
            f"pip install -U 'attendee-client[mcp]' ({error})"
        ) from None
    from attendee_client.mcp._server import run

    run(options)
