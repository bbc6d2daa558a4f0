"""What bots and app sessions share: waiting with a live status line, downloading with a
progress bar, transcripts in four formats, and settings read from a JSON file."""

from __future__ import annotations

import inspect
import json
import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from attendee_client import NotFoundError
from attendee_client.cli._context import Context, UsageError, is_terminal
from attendee_client.cli._output import Output
from attendee_client.cli._terminal import ProgressBar, WaitStatus, format_bytes

if TYPE_CHECKING:
    from attendee_client import Bot, BotState, Recording, TranscriptUtterance

__all__ = [
    "FORMATS",
    "call_with_settings",
    "chosen_states",
    "download",
    "read_json",
    "transcript",
    "wait",
    "write_atomically",
]

FORMATS = ("text", "srt", "vtt", "json")
Download = Callable[[str | BinaryIO, Callable[[int, int | None], object] | None], int]


# --- files -------------------------------------------------------------------------------


def read_json(ctx: Context, name: str, flag: str) -> Any:
    """The JSON in file ``name`` (``-``: standard input). Raises UsageError when it cannot
    be read or is not JSON."""
    try:
        text = ctx.runtime.stdin.read() if name == "-" else Path(name).read_text("utf-8")
    except OSError as error:
        raise UsageError(f"{flag}: cannot read {name}: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise UsageError(
            f"{flag}: {name} is not UTF-8 text (byte {error.start}); save it as UTF-8 JSON"
        ) from None
    try:
        return json.loads(text)
    except ValueError as error:
        raise UsageError(f"{flag}: {name} is not JSON ({error})") from None


def refuse_to_clobber(ctx: Context, target: str) -> None:
    """Raise UsageError when ``-o`` names an existing file and ``--clobber`` was not given:
    a recording or transcript written over by a repeated command is lost."""
    if os.path.lexists(target) and not ctx.args.clobber:
        raise UsageError(f"{target} exists: pass --clobber to overwrite it")


def write_atomically(path: str, write: Callable[[TextIO], object]) -> None:
    """Write a text file through ``write`` into a temporary file beside ``path``, renamed
    into place when complete: an error or Ctrl-C leaves no partial file."""
    target = Path(path)
    # Created as open() would create the file (the umask's permissions, not mkstemp's 0600).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            handle = os.open(temporary, flags, 0o666)
            break
        except FileExistsError:  # pragma: no cover - 32 random bits met an existing name
            continue
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def keyword_parameters(method: Callable[..., Any]) -> frozenset[str]:
    """The names of a method's keyword-only parameters (a create's fields and settings)."""
    return frozenset(
        name
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    )


def call_with_settings(
    ctx: Context, method: Callable[..., Any], flags: Mapping[str, Any], *args: Any
) -> Any:
    """Call ``method`` with the flags given (those not None) over the fields of the
    ``--settings`` file: the fields the SDK knows as its arguments (checked by it), the
    others sent as they are (``extra_body``) for the server to judge."""
    known: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    if ctx.args.settings is not None:
        settings = read_json(ctx, ctx.args.settings, "--settings")
        if not isinstance(settings, dict):
            raise UsageError(
                "--settings: expected a JSON object of fields, such as "
                '{"recording_settings": {"format": "mp3"}}'
            )
        parameters = keyword_parameters(method)
        for name, value in settings.items():
            (known if name in parameters else extra)[name] = value
    known.update((name, value) for name, value in flags.items() if value is not None)
    return method(*args, **known, extra_body=extra or None)


# --- waiting -----------------------------------------------------------------------------


def chosen_states(given: list[str] | None, option: str, new_states: bool) -> list[BotState]:
    """The states given to ``option`` as members. A state this version does not know is a
    usage error listing the known ones (a typo would wait for the whole ``--wait-timeout``),
    unless ``--new-state`` says it is one the server added since."""
    from attendee_client import BotState

    known = [state.value for state in BotState]
    chosen = []
    for state in given or []:
        if state not in known and not new_states:
            raise UsageError(
                f"{option}: {state!r} is not a state this version knows; the known ones are "
                f"{', '.join(known)} (for one the server added since, add --new-state)"
            )
        chosen.append(BotState(state))
    return chosen


def wait(ctx: Context, what: str, object_id: str, wait_for: Callable[..., Bot]) -> Bot:
    """Wait with the SDK's ``wait_for`` for ``--until`` (default ``ended``), drawing the
    status line on a terminal; returns the bot as last read. Raises what ``wait_for``
    raises: WaitTimeoutError, BotFailedError."""
    args = ctx.args
    targets = chosen_states(args.until or ["ended"], "--until", args.new_state)
    options: dict[str, Any] = {}
    if args.wait_timeout is not None:
        options["timeout"] = args.wait_timeout
    if args.poll_interval is not None:
        options["poll_interval"] = args.poll_interval
    status = None
    if ctx.interactive:
        status = WaitStatus(ctx.runtime.stderr, ctx.runtime.clock, what, object_id)
        ctx.live = status
        status.draw()
    on_poll = None if status is None else status.update
    try:
        bot = wait_for(object_id, until=targets, on_poll=on_poll, **options)
    except ValueError as error:  # a bound of the SDK's, said with the flags' names
        message = str(error)
        for argument, flag in (("timeout", "--wait-timeout"), ("poll_interval", "--poll-interval")):
            if message.startswith(argument + " "):
                raise UsageError(flag + message.removeprefix(argument)) from None
        raise
    if status is not None:
        status.update(bot)
        status.finish()
        ctx.live = None
    return bot


# --- downloads ---------------------------------------------------------------------------


def download(ctx: Context, fetch: Download) -> int:
    """Download to ``-o`` (``-``: standard output, not a terminal) with a progress bar on a
    terminal; returns the bytes written. The SDK writes a path through a temporary file
    that it removes on any failure, Ctrl-C included."""
    target: str = ctx.args.output
    destination: str | BinaryIO
    if target == "-":
        if is_terminal(ctx.runtime.stdout):
            raise UsageError("will not write a recording to a terminal: pass -o FILE, or redirect")
        ctx.runtime.stdout.flush()
        destination = ctx.runtime.stdout.buffer
    else:
        refuse_to_clobber(ctx, target)
        destination = target
    bar = None
    if ctx.interactive:
        label = "recording" if target == "-" else os.path.basename(target)
        bar = ProgressBar(ctx.runtime.stderr, ctx.runtime.clock, label)
        ctx.live = bar
    size = fetch(destination, bar)
    if bar is not None:
        bar.finish()
        ctx.live = None
    if target != "-":
        ctx.output.line(f"Wrote {format_bytes(size)} ({size:,} bytes) to {target}.")
    return size


# --- transcripts -------------------------------------------------------------------------


def recording_start(locate: Callable[[], Recording]) -> int | None:
    """The recording's start (Unix ms), so times line up with the video; None until the
    recording exists (times then count from the first utterance)."""
    try:
        return locate().start_timestamp_ms
    except NotFoundError:
        return None


def transcript(
    ctx: Context,
    fetch: Callable[[], list[TranscriptUtterance]],
    locate: Callable[[], Recording],
) -> None:
    """Print the transcript (or write it to ``-o``) as text, SubRip, WebVTT or JSON."""
    args = ctx.args
    form = args.format or ("json" if args.json else "text")
    if args.json and form != "json":
        raise UsageError(f"--json prints JSON: leave out --format {form}, or leave out --json")
    if form == "json" and args.merge_turns:
        raise UsageError("--merge-turns applies to --format text, srt and vtt")
    if args.output not in (None, "-"):
        refuse_to_clobber(ctx, args.output)
    utterances = fetch()
    if form == "json":
        _emit(
            ctx,
            lambda out: Output(out, json_mode=True, colour=False).json_array(
                utterance.to_dict() for utterance in utterances
            ),
            len(utterances),
        )
        return
    from attendee_client import transcripts

    if args.merge_turns:
        utterances = transcripts.merge_turns(utterances)
    render = {"text": transcripts.to_text, "srt": transcripts.to_srt, "vtt": transcripts.to_vtt}
    text = render[form](utterances, start_ms=recording_start(locate))
    _emit(ctx, lambda out: out.write(text), len(utterances))


def _emit(ctx: Context, write: Callable[[TextIO], object], count: int) -> None:
    if ctx.args.output in (None, "-"):
        write(ctx.runtime.stdout)
    else:
        write_atomically(ctx.args.output, write)
        # The count tells an empty transcript (no speech yet, or none transcribed) at once.
        things = "utterance" if count == 1 else "utterances"
        ctx.output.line(f"Wrote {ctx.args.output} ({count} {things}).")
