"""``attendee app-sessions ...``: record and transcribe a Zoom meeting through Zoom RTMS, with
no bot in the call."""

from __future__ import annotations

from attendee_client.cli._arguments import (
    Parents,
    Subparsers,
    add_id_only,
    add_limit,
    add_metadata,
    add_wait_options,
    check_id_only,
    command,
    command_group,
    iso_datetime,
    metadata,
)
from attendee_client.cli._bots import add_download_options, add_transcript_options
from attendee_client.cli._context import Context, UsageError
from attendee_client.cli._downloads import download
from attendee_client.cli._files import call_with_settings, read_json
from attendee_client.cli._transcripts import transcript
from attendee_client.cli._views import APP_SESSION, BOT, PARTICIPANT_EVENT
from attendee_client.cli._waiting import wait

__all__ = ["register"]

ID_HELP = "the session's id (app_...)"


def _create(ctx: Context) -> None:
    from attendee_client import zoom_rtms_from_webhook

    args = ctx.args
    if args.rtms == "-" and args.settings == "-":
        raise UsageError("--rtms and --settings cannot both be read from stdin")
    check_id_only(ctx)
    body = read_json(ctx, args.rtms, "--rtms")
    try:
        zoom_rtms = zoom_rtms_from_webhook(body)
    except (TypeError, ValueError) as error:
        raise UsageError(f"--rtms: {error}") from None
    flags = {
        "zoom_rtms": zoom_rtms,
        "metadata": metadata(args.metadata),
        "deduplication_key": args.dedup_key,
    }
    session = call_with_settings(ctx, ctx.client.app_sessions.create, flags)
    if args.id_only:
        ctx.output.identifier(session.id)
    else:
        ctx.output.model(session, APP_SESSION)


def _end(ctx: Context) -> None:
    session = ctx.client.app_sessions.end(rtms_stream_id=ctx.args.stream_id)
    ctx.output.model(session, APP_SESSION)


def _transcript(ctx: Context) -> None:
    args, sessions = ctx.args, ctx.client.app_sessions
    transcript(
        ctx,
        lambda: sessions.transcript(
            args.id,
            updated_after=args.updated_after,
            split_on_turns=args.split_on_turns,
            async_transcription_id=args.async_transcription_id,
        ),
        lambda: sessions.media(args.id),
    )


def _media(ctx: Context) -> None:
    sessions, session_id = ctx.client.app_sessions, ctx.args.id
    download(ctx, lambda to, progress: sessions.download_media(session_id, to, progress=progress))


def _wait(ctx: Context) -> None:
    bot = wait(ctx, "app session", ctx.args.id, ctx.client.app_sessions.wait_for)
    ctx.output.model(bot, BOT)


def _events(ctx: Context) -> None:
    args = ctx.args
    events = ctx.client.app_sessions.participant_events(
        args.id, after=args.after, before=args.before
    )
    ctx.output.models(events, PARTICIPANT_EVENT, args.limit)


def register(commands: Subparsers, parents: Parents) -> None:
    """Add ``attendee app-sessions`` and its commands."""
    sessions = command_group(
        commands, "app-sessions", "record Zoom meetings through Zoom RTMS, without a bot"
    )
    common = parents.common

    create = command(
        sessions,
        "create",
        _create,
        "start recording a Zoom RTMS stream",
        common,
        "Start recording the Zoom RTMS stream of Zoom's meeting.rtms_started webhook: pass\n"
        "its body (or just its payload) as --rtms FILE.json, or - for stdin.",
    )
    create.add_argument(
        "--rtms", required=True, metavar="FILE.json", help="the webhook's body (- for stdin)"
    )
    add_metadata(create)
    create.add_argument("--dedup-key", metavar="KEY", help="a deduplication key")
    create.add_argument(
        "--settings",
        metavar="FILE.json",
        help="more fields as a JSON object (- for stdin), e.g. "
        '{"transcription_settings": {...}}; fields this version does not know are sent as '
        "they are",
    )
    add_id_only(create, "session", "app-sessions create")

    end = command(sessions, "end", _end, "stop recording a stream", common)
    end.add_argument("stream_id", metavar="STREAM_ID", help="from Zoom's meeting.rtms_stopped")

    spoken = command(sessions, "transcript", _transcript, "print a session's transcript", common)
    spoken.add_argument("id", metavar="ID", help=ID_HELP)
    add_transcript_options(spoken)

    media = command(
        sessions,
        "media",
        _media,
        "download a session's recording",
        common,
        "Download the recording, with a progress bar on a terminal. Ctrl-C leaves no file.",
    )
    media.add_argument("id", metavar="ID", help=ID_HELP)
    add_download_options(media)

    waiting = command(
        sessions,
        "wait",
        _wait,
        "wait for a session to reach a state",
        parents.common,
        "Wait until the session is ended (or --until a state); exit status 3 on --wait-timeout,\n"
        "4 when it ends where the wait can never be met.",
    )
    waiting.add_argument("id", metavar="ID", help=ID_HELP)
    add_wait_options(waiting, default_until="ended")

    events = command(sessions, "events", _events, "list participants' events", common)
    events.add_argument("id", metavar="ID", help=ID_HELP)
    events.add_argument("--after", type=iso_datetime, metavar="ISO", help="only after ISO")
    events.add_argument("--before", type=iso_datetime, metavar="ISO", help="only before ISO")
    add_limit(events)
