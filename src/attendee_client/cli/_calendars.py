"""``attendee calendars ...`` and ``attendee calendar-events list``."""

from __future__ import annotations

from attendee_client.cli._arguments import (
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
from attendee_client.cli._views import CALENDAR, CALENDAR_EVENT

__all__ = ["register"]

CALENDAR_ID = "the calendar's id (cal_...)"


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


def register(commands: Subparsers, parents: Parents) -> None:
    """Add ``attendee calendars`` and ``attendee calendar-events``."""
    common = parents.common
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
