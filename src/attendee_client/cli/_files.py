"""Files the commands read and write: JSON (and ``--settings``) from a file or standard
input, ``-o`` never written over without ``--clobber``, text written through a temporary
file renamed into place."""

from __future__ import annotations

import inspect
import json
import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TextIO

from attendee_client.cli._context import Context, UsageError

__all__ = ["call_with_settings", "read_json", "refuse_to_clobber", "write_atomically"]


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
