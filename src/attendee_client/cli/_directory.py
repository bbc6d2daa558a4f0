"""``attendee calendars ...``, ``attendee calendar-events list`` and ``attendee
zoom-oauth-connections ...``: what the project is connected to."""

from __future__ import annotations

import argparse

from attendee_client.cli._arguments import (
    ArgumentParser,
    Parents,
    Subparsers,
    add_limit,
    add_metadata,
    command,
    command_group,
    iso_datetime,
    metadata,
)
from attendee_client.cli._context import Context, UsageError
from attendee_client.cli._views import CALENDAR, CALENDAR_EVENT, CONNECTION

__all__ = ["register"]

CALENDAR_ID = "the calendar's id (cal_...)"
CONNECTION_ID = "the connection's id (zoc_...)"


# --- calendars ---------------------------------------------------------------------------


def _calendars_list(ctx: Context) -> None:
    calendars = ctx.client.calendars.list(deduplication_key=ctx.args.dedup_key)
    ctx.output.models(calendars, CALENDAR, ctx.args.limit)


def _calendars_get(ctx: Context) -> None:
    ctx.output.model(ctx.client.calendars.get(ctx.args.id), CALENDAR)


def _calendars_create(ctx: Context) -> None:
    args = ctx.args
    calendar = ctx.client.calendars.create(
        platform=args.platform,
        client_id=args.client_id,
        client_secret=args.client_secret,
        refresh_token=args.refresh_token,
        platform_uuid=args.platform_uuid,
        metadata=metadata(args.metadata),
        deduplication_key=args.dedup_key,
    )
    ctx.output.model(calendar, CALENDAR)


def _calendars_update(ctx: Context) -> None:
    args = ctx.args
    changes = (args.client_secret, args.refresh_token, args.metadata)
    if all(change is None for change in changes):
        raise UsageError("nothing to change: give --client-secret, --refresh-token or --metadata")
    calendar = ctx.client.calendars.update(
        args.id,
        client_secret=args.client_secret,
        refresh_token=args.refresh_token,
        metadata=metadata(args.metadata),
    )
    ctx.output.model(calendar, CALENDAR)


def _calendars_delete(ctx: Context) -> None:
    ctx.client.calendars.delete(ctx.args.id)
    ctx.output.line(f"Deleted calendar {ctx.args.id}.")


def _events_list(ctx: Context) -> None:
    args = ctx.args
    events = ctx.client.calendar_events.list(
        calendar_id=args.calendar,
        calendar_deduplication_key=args.calendar_dedup_key,
        event_id=args.event_id,
        updated_at_gte=args.updated_since,
        start_time_gte=args.start_after,
        end_time_lte=args.end_before,
        ordering=args.ordering,
    )
    ctx.output.models(events, CALENDAR_EVENT, args.limit)


# --- Zoom OAuth connections -------------------------------------------------------------


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


# --- the parsers --------------------------------------------------------------------------


def _register_calendars(commands: Subparsers, common: ArgumentParser) -> None:
    calendars = command_group(commands, "calendars", "connect Google and Microsoft calendars")

    listing = command(calendars, "list", _calendars_list, "list calendars, newest first", common)
    listing.add_argument("--dedup-key", metavar="KEY", help="with this deduplication key")
    add_limit(listing)

    command(calendars, "get", _calendars_get, "show a calendar", common).add_argument(
        "id", metavar="ID", help=CALENDAR_ID
    )

    create = command(
        calendars,
        "create",
        _calendars_create,
        "connect a calendar",
        common,
        "Connect a calendar. The credentials are checked by a later sync, which turns the\n"
        "calendar disconnected if they fail. Flags, even filled from a shell variable, are\n"
        "visible to other users of this machine (ps, /proc): on a shared machine, connect\n"
        "the calendar from code with the SDK instead.",
    )
    create.add_argument(
        "--platform", required=True, choices=("google", "microsoft"), help="whose calendar"
    )
    create.add_argument("--client-id", required=True, metavar="ID", help="the OAuth client id")
    create.add_argument(
        "--client-secret", required=True, metavar="SECRET", help="the OAuth client secret"
    )
    create.add_argument(
        "--refresh-token", required=True, metavar="TOKEN", help="the user's OAuth refresh token"
    )
    create.add_argument("--platform-uuid", metavar="UUID", help="which of the user's calendars")
    add_metadata(create)
    create.add_argument("--dedup-key", metavar="KEY", help="a deduplication key")

    update = command(
        calendars, "update", _calendars_update, "replace a calendar's credentials", common
    )
    update.add_argument("id", metavar="ID", help=CALENDAR_ID)
    update.add_argument("--client-secret", metavar="SECRET", help="the new OAuth client secret")
    update.add_argument("--refresh-token", metavar="TOKEN", help="the new OAuth refresh token")
    add_metadata(update)

    command(
        calendars, "delete", _calendars_delete, "disconnect a calendar (and its bots)", common
    ).add_argument("id", metavar="ID", help=CALENDAR_ID)

    events = command_group(commands, "calendar-events", "read the events calendar syncs found")
    listing = command(
        events,
        "list",
        _events_list,
        "list calendar events",
        common,
        "List calendar events (by default the latest updated first). The time bounds are\n"
        "inclusive.",
    )
    listing.add_argument("--calendar", metavar="ID", help="of this calendar")
    listing.add_argument("--calendar-dedup-key", metavar="KEY", help="of the calendar with it")
    listing.add_argument("--event-id", metavar="ID", help="this event only")
    listing.add_argument("--start-after", type=iso_datetime, metavar="ISO", help="starting then")
    listing.add_argument("--end-before", type=iso_datetime, metavar="ISO", help="ending by then")
    listing.add_argument(
        "--updated-since", type=iso_datetime, metavar="ISO", help="updated then or later"
    )
    listing.add_argument(
        "--ordering",
        choices=("start_time", "-start_time", "updated_at", "-updated_at"),
        help="the order (default: -updated_at)",
    )
    add_limit(listing)


def _register_connections(commands: Subparsers, common: ArgumentParser) -> None:
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


def register(commands: Subparsers, parents: Parents) -> None:
    """Add ``attendee calendars``, ``calendar-events`` and ``zoom-oauth-connections``."""
    _register_calendars(commands, parents.common)
    _register_connections(commands, parents.common)
