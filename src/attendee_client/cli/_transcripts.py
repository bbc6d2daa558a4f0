"""``transcript`` commands: a transcript printed or written as text, SubRip, WebVTT or JSON,
in step with the recording."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from attendee_client import NotFoundError
from attendee_client.cli._context import Context, UsageError
from attendee_client.cli._files import refuse_to_clobber, write_atomically
from attendee_client.cli._output import Output

if TYPE_CHECKING:
    from attendee_client import Recording, TranscriptUtterance

__all__ = ["FORMATS", "transcript"]

FORMATS = ("text", "srt", "vtt", "json")


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
