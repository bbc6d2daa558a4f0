"""``attendee mcp``: serve the API as Model Context Protocol tools for AI assistants. The
server is ``attendee_client.mcp``; only this command imports it (and the ``mcp`` package)."""

from __future__ import annotations

import argparse

from attendee_client.cli._arguments import Parents, Subparsers, command
from attendee_client.cli._context import BASE_URL_ENV, Context, UsageError

__all__ = ["register"]

LOOPBACK = "127.0.0.1"


def http_address(text: str) -> tuple[str, int]:
    """``HOST:PORT``, ``:PORT`` or ``PORT`` (host 127.0.0.1); ``[::1]:PORT`` for IPv6."""
    host, colon, port = text.rpartition(":")
    if not colon:
        host, port = "", text
    if ":" in host and not (host.startswith("[") and host.endswith("]")):
        raise argparse.ArgumentTypeError(
            f"an IPv6 address goes in brackets: [{host}]:{port}, got {text!r}"
        )
    host = host.strip("[]") or LOOPBACK
    try:
        number = int(port)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected HOST:PORT, :PORT or PORT, got {text!r}"
        ) from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"not a port: {port!r}")
    return host, number


def _mcp(ctx: Context) -> None:
    from attendee_client.mcp import MCPNotInstalledError, ServerOptions, serve

    args, environ = ctx.args, ctx.runtime.environ
    options = ServerOptions(
        api_key=ctx.api_key(),  # exit status 5 without one, an empty one refused
        base_url=args.base_url or environ.get(BASE_URL_ENV) or None,
        timeout=args.timeout,
        max_retries=args.max_retries,
        read_only=args.read_only,
        http=args.http,
        verbose=args.verbose,
    )
    try:
        serve(options)
    except MCPNotInstalledError as error:
        raise UsageError(str(error)) from None


def register(commands: Subparsers, parents: Parents) -> None:
    """Add ``attendee mcp``."""
    mcp = command(
        commands,
        "mcp",
        _mcp,
        "serve the API as MCP tools for AI assistants (stdio, or --http)",
        parents.common,
        "Serve the Attendee API as Model Context Protocol tools, for AI assistants: over\n"
        "standard input and output (what an assistant's configuration starts), or over\n"
        "streamable HTTP with --http. Needs the mcp extra: pip install 'attendee-client[mcp]'.\n"
        "The API key comes from $ATTENDEE_API_KEY; it is never in a result, an error or the\n"
        "log. docs/mcp.md has a configuration to copy and the list of tools.\n\n"
        "  attendee mcp --read-only",
    )
    mcp.add_argument(
        "--read-only",
        action="store_true",
        help="offer only the tools that change nothing (no create, leave, chat, speech or "
        "delete); calls to the others are refused",
    )
    mcp.add_argument(
        "--http",
        type=http_address,
        metavar="HOST:PORT",
        help=f"serve streamable HTTP at http://HOST:PORT/mcp instead of stdio (HOST defaults "
        f"to {LOOPBACK}; port 0: a free one, printed on stderr)",
    )
