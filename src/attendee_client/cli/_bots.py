"""``attendee bots ...``: send bots to meetings, steer them, wait for them, and read what they
recorded."""

from __future__ import annotations

import argparse

from attendee_client.cli._arguments import (
    Parents,
    Subparsers,
    add_id_only,
    add_limit,
    add_metadata,
    add_new_state_option,
    add_wait_options,
    check_id_only,
    command,
    command_group,
    iso_datetime,
    metadata,
)
from attendee_client.cli._context import Context, UsageError
from attendee_client.cli._downloads import download
from attendee_client.cli._files import call_with_settings
from attendee_client.cli._transcripts import FORMATS, transcript
from attendee_client.cli._views import BOT, CHAT_MESSAGE, PARTICIPANT, PARTICIPANT_EVENT
from attendee_client.cli._waiting import chosen_states, wait

__all__ = ["add_download_options", "add_transcript_options", "register"]

ID_HELP = "the bot's id (bot_...)"


# --- the bot ------------------------------------------------------------------------------


def _create(ctx: Context) -> None:
    args = ctx.args
    if not args.wait and (args.until or args.wait_timeout or args.poll_interval):
        raise UsageError("--until, --wait-timeout and --poll-interval need --wait")
    check_id_only(ctx)
    bots = ctx.client.bots
    flags = {
        "meeting_url": args.meeting_url,
        "bot_name": args.name,
        "join_at": args.join_at,
        "deduplication_key": args.dedup_key,
        "metadata": metadata(args.metadata),
    }
    bot = call_with_settings(ctx, bots.create, flags)
    if args.id_only:
        # At once: a script keeps the id even when the wait below times out or fails.
        ctx.output.identifier(bot.id)
    if args.wait:
        ctx.interrupt_note = (
            f"bot {bot.id} was created and carries on; wait again with "
            f"`attendee bots wait {bot.id}`"
        )
        bot = wait(ctx, "bot", bot.id, bots.wait_for)
    if not args.id_only:
        ctx.output.model(bot, BOT)


def _get(ctx: Context) -> None:
    ctx.output.model(ctx.client.bots.get(ctx.args.id), BOT)


def _list(ctx: Context) -> None:
    args = ctx.args
    pager = ctx.client.bots.list(
        states=chosen_states(args.state, "--state", args.new_state) or None,
        meeting_url=args.meeting_url,
        deduplication_key=args.dedup_key,
        join_at_after=args.join_at_after,
        join_at_before=args.join_at_before,
    )
    ctx.output.models(pager, BOT, args.limit)


def _update(ctx: Context) -> None:
    args = ctx.args
    flags = {
        "bot_name": args.name,
        "meeting_url": args.meeting_url,
        "join_at": args.join_at,
        "metadata": metadata(args.metadata),
    }
    if all(value is None for value in flags.values()) and args.settings is None:
        raise UsageError(
            "nothing to change: give --name, --meeting-url, --join-at, --metadata or --settings"
        )
    ctx.output.model(call_with_settings(ctx, ctx.client.bots.update, flags, args.id), BOT)


def _leave(ctx: Context) -> None:
    ctx.output.model(ctx.client.bots.leave(ctx.args.id), BOT)


def _delete(ctx: Context) -> None:
    ctx.client.bots.delete(ctx.args.id)
    ctx.output.line(f"Deleted bot {ctx.args.id}.")


def _delete_data(ctx: Context) -> None:
    ctx.output.model(ctx.client.bots.delete_data(ctx.args.id), BOT)


def _pause_recording(ctx: Context) -> None:
    ctx.output.model(ctx.client.bots.pause_recording(ctx.args.id), BOT)


def _resume_recording(ctx: Context) -> None:
    ctx.output.model(ctx.client.bots.resume_recording(ctx.args.id), BOT)


def _wait(ctx: Context) -> None:
    ctx.output.model(wait(ctx, "bot", ctx.args.id, ctx.client.bots.wait_for), BOT)


# --- what it recorded -----------------------------------------------------------------------


def _transcript(ctx: Context) -> None:
    args, bots = ctx.args, ctx.client.bots
    transcript(
        ctx,
        lambda: bots.transcript(
            args.id,
            updated_after=args.updated_after,
            split_on_turns=args.split_on_turns,
            async_transcription_id=args.async_transcription_id,
        ),
        lambda: bots.recording(args.id),
    )


def _recording(ctx: Context) -> None:
    bots, bot_id = ctx.client.bots, ctx.args.id
    download(ctx, lambda to, progress: bots.download_recording(bot_id, to, progress=progress))


def _chat(ctx: Context) -> None:
    args = ctx.args
    ctx.client.bots.send_chat_message(
        args.id, message=args.message, to=args.to, to_user_uuid=args.to_user_uuid
    )
    ctx.output.line(f"Message queued for bot {args.id}.")


def _chat_messages(ctx: Context) -> None:
    args = ctx.args
    messages = ctx.client.bots.chat_messages(args.id, updated_after=args.updated_after)
    ctx.output.models(messages, CHAT_MESSAGE, args.limit)


def _participants(ctx: Context) -> None:
    args = ctx.args
    people = ctx.client.bots.participants(args.id, is_host=args.host)
    ctx.output.models(people, PARTICIPANT, args.limit)


def _events(ctx: Context) -> None:
    args = ctx.args
    events = ctx.client.bots.participant_events(args.id, after=args.after, before=args.before)
    ctx.output.models(events, PARTICIPANT_EVENT, args.limit)


# --- the parsers --------------------------------------------------------------------------


def add_transcript_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``bots transcript`` and ``app-sessions transcript``."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="text (the default), srt or vtt subtitles timed to the recording, or the JSON",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    _add_clobber(parser)
    parser.add_argument(
        "--merge-turns",
        action="store_true",
        help="join each speaker's consecutive utterances (text, srt, vtt)",
    )
    parser.add_argument(
        "--updated-after", type=iso_datetime, metavar="ISO", help="only utterances updated after"
    )
    parser.add_argument(
        "--split-on-turns",
        action=argparse.BooleanOptionalAction,
        help="ask the server to split utterances at speaker turns",
    )
    parser.add_argument(
        "--async-transcription-id",
        metavar="ID",
        help="read this post-meeting transcription instead",
    )


def add_download_options(parser: argparse.ArgumentParser) -> None:
    """``-o FILE`` of ``bots recording`` and ``app-sessions media``."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help="where to write it (- for stdout); nothing is left there if it fails",
    )
    _add_clobber(parser)


def _add_clobber(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--clobber", action="store_true", help="overwrite FILE if it exists (default: refuse)"
    )


def _add_settings(parser: argparse.ArgumentParser, example: str) -> None:
    parser.add_argument(
        "--settings",
        metavar="FILE.json",
        help=f"more fields as a JSON object (- for stdin), e.g. {example}; "
        "fields this version does not know are sent as they are",
    )


def register(commands: Subparsers, parents: Parents) -> None:
    """Add ``attendee bots`` and its commands."""
    bots = command_group(commands, "bots", "send bots to meetings and read what they recorded")
    common = parents.common

    create = command(
        bots,
        "create",
        _create,
        "send a bot to a meeting",
        parents.common,
        "Send a bot to a meeting, now or at --join-at; with --wait, wait until it is done\n"
        "(or --until a state) and print it then.",
    )
    create.add_argument("meeting_url", metavar="MEETING_URL", help="the Zoom, Meet or Teams URL")
    create.add_argument("--name", required=True, help="the bot's name in the meeting")
    create.add_argument("--join-at", type=iso_datetime, metavar="ISO", help="join later, at ISO")
    create.add_argument(
        "--dedup-key", metavar="KEY", help="one live bot per key: makes the create safe to retry"
    )
    add_metadata(create)
    _add_settings(create, '{"recording_settings": {"format": "mp3"}}')
    create.add_argument("--wait", action="store_true", help="wait for the bot, then print it")
    add_wait_options(create, default_until="ended")
    add_id_only(create, "bot", "bots create")

    get = command(bots, "get", _get, "show a bot", common)
    get.add_argument("id", metavar="ID", help=ID_HELP)

    listing = command(bots, "list", _list, "list bots, oldest first", common)
    listing.add_argument(
        "--state", action="append", metavar="STATE", help="in this state; repeat for any of several"
    )
    add_new_state_option(listing)
    listing.add_argument("--meeting-url", metavar="URL", help="for this meeting")
    listing.add_argument("--dedup-key", metavar="KEY", help="with this deduplication key")
    listing.add_argument(
        "--join-at-after", type=iso_datetime, metavar="ISO", help="scheduled to join after ISO"
    )
    listing.add_argument(
        "--join-at-before", type=iso_datetime, metavar="ISO", help="scheduled to join before ISO"
    )
    add_limit(listing)

    update = command(
        bots,
        "update",
        _update,
        "change a bot",
        common,
        "Change a bot. Only --metadata may change once the bot is not scheduled.",
    )
    update.add_argument("id", metavar="ID", help=ID_HELP)
    update.add_argument("--name", help="the bot's new name")
    update.add_argument("--meeting-url", metavar="URL", help="the new meeting")
    update.add_argument("--join-at", type=iso_datetime, metavar="ISO", help="the new time to join")
    add_metadata(update)
    _add_settings(update, '{"recording_settings": {...}}')

    for name, handler, summary in (
        ("leave", _leave, "ask a bot in a meeting to leave"),
        ("delete", _delete, "cancel a scheduled bot"),
        ("delete-data", _delete_data, "delete what an ended bot recorded"),
        ("pause-recording", _pause_recording, "pause a bot's recording"),
        ("resume-recording", _resume_recording, "resume a paused recording"),
    ):
        command(bots, name, handler, summary, common).add_argument("id", metavar="ID", help=ID_HELP)

    waiting = command(
        bots,
        "wait",
        _wait,
        "wait for a bot to reach a state",
        parents.common,
        "Wait until the bot is ended (or --until a state), showing its state, last event\n"
        "and the time waited on a terminal; then print it. Exit status 3 when --wait-timeout\n"
        "passes, 4 when the bot ends where the wait can never be met (fatal_error, ...).",
    )
    waiting.add_argument("id", metavar="ID", help=ID_HELP)
    add_wait_options(waiting, default_until="ended")

    spoken = command(
        bots,
        "transcript",
        _transcript,
        "print a bot's transcript",
        common,
        "Print the transcript as text, SubRip or WebVTT subtitles (timed to the recording),\n"
        "or the server's JSON.",
    )
    spoken.add_argument("id", metavar="ID", help=ID_HELP)
    add_transcript_options(spoken)

    recording = command(
        bots,
        "recording",
        _recording,
        "download a bot's recording",
        common,
        "Download the recording, with a progress bar on a terminal. Ctrl-C leaves no file.",
    )
    recording.add_argument("id", metavar="ID", help=ID_HELP)
    add_download_options(recording)

    chat = command(bots, "chat", _chat, "post a chat message in the bot's meeting", common)
    chat.add_argument("id", metavar="ID", help=ID_HELP)
    chat.add_argument("--message", required=True, metavar="TEXT", help="what to post (no emoji)")
    chat.add_argument(
        "--to",
        choices=("everyone", "specific_user", "everyone_but_host"),
        default="everyone",
        help="who gets it (default: everyone)",
    )
    chat.add_argument("--to-user-uuid", metavar="UUID", help="the user, for --to specific_user")

    messages = command(bots, "chat-messages", _chat_messages, "list the chat messages", common)
    messages.add_argument("id", metavar="ID", help=ID_HELP)
    messages.add_argument(
        "--updated-after", type=iso_datetime, metavar="ISO", help="only those created after ISO"
    )
    add_limit(messages)

    people = command(bots, "participants", _participants, "list who was in the meeting", common)
    people.add_argument("id", metavar="ID", help=ID_HELP)
    people.add_argument(
        "--host", action=argparse.BooleanOptionalAction, help="only the hosts (--no-host: others)"
    )
    add_limit(people)

    events = command(bots, "events", _events, "list participants' joins, leaves and speech", common)
    events.add_argument("id", metavar="ID", help=ID_HELP)
    events.add_argument("--after", type=iso_datetime, metavar="ISO", help="only after ISO")
    events.add_argument("--before", type=iso_datetime, metavar="ISO", help="only before ISO")
    add_limit(events)
