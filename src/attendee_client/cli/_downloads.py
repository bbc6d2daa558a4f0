"""``recording`` and ``media`` commands: a download to ``-o`` or standard output, with a
progress bar on a terminal."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import BinaryIO

from attendee_client.cli._context import Context, UsageError, is_terminal
from attendee_client.cli._files import refuse_to_clobber
from attendee_client.cli._terminal import ProgressBar, format_bytes

__all__ = ["Download", "download"]

Download = Callable[[str | BinaryIO, Callable[[int, int | None], object] | None], int]


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
