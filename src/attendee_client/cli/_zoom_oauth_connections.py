"""``attendee zoom-oauth-connections ...``."""

from __future__ import annotations

import argparse

from attendee_client.cli._arguments import (
    Parents,
    Subparsers,
    add_limit,
    add_metadata,
    command,
    command_group,
    metadata,
)
from attendee_client.cli._context import Context
from attendee_client.cli._views import CONNECTION

__all__ = ["register"]

CONNECTION_ID = "the connection's id (zoc_...)"


def _connections_list(ctx: Context) -> None:
    ctx.output.models(ctx.client.zoom_oauth_connections.list(), CONNECTION, ctx.args.limit)


def _connections_get(ctx: Context) -> None:
    ctx.output.model(ctx.client.zoom_oauth_connections.get(ctx.args.id), CONNECTION)


def _connections_create(ctx: Context) -> None:
    args = ctx.args
    connection = ctx.client.zoom_oauth_connections.create(
        authorization_code=args.code,
        redirect_uri=args.redirect_uri,
        zoom_oauth_app_id=args.app_id,
        is_local_recording_token_supported=args.local_recording_token,
        is_onbehalf_token_supported=args.onbehalf_token,
        metadata=metadata(args.metadata),
    )
    ctx.output.model(connection, CONNECTION)


def _connections_delete(ctx: Context) -> None:
    ctx.client.zoom_oauth_connections.delete(ctx.args.id)
    ctx.output.line(f"Deleted Zoom OAuth connection {ctx.args.id}.")


def register(commands: Subparsers, parents: Parents) -> None:
    """Add ``attendee zoom-oauth-connections``."""
    common = parents.common
    connections = command_group(commands, "zoom-oauth-connections", "keep Zoom OAuth connections")

    listing = command(
        connections, "list", _connections_list, "list connections, newest first", common
    )
    add_limit(listing)

    command(connections, "get", _connections_get, "show a connection", common).add_argument(
        "id", metavar="ID", help=CONNECTION_ID
    )

    create = command(
        connections,
        "create",
        _connections_create,
        "exchange a Zoom authorization code for a connection",
        common,
    )
    create.add_argument("--code", required=True, help="the authorization code (usable once)")
    create.add_argument(
        "--redirect-uri", required=True, metavar="URI", help="the redirect URI the code was for"
    )
    create.add_argument("--app-id", metavar="ID", help="the Zoom OAuth app (default: the only one)")
    create.add_argument(
        "--local-recording-token",
        action=argparse.BooleanOptionalAction,
        help="allow local recording tokens (server default: yes)",
    )
    create.add_argument(
        "--onbehalf-token",
        action=argparse.BooleanOptionalAction,
        help="allow on-behalf tokens (server default: no)",
    )
    add_metadata(create)

    command(connections, "delete", _connections_delete, "delete a connection", common).add_argument(
        "id", metavar="ID", help=CONNECTION_ID
    )
