"""Write the synchronous I/O layer from its asyncio source: one source, two flavours.

Every class that does I/O is written once, for asyncio, in an ``_async/`` folder; this script
writes the ``_sync/`` folder beside it by plain token rules (``async def`` -> ``def``,
``await`` dropped, ``AsyncBots`` -> ``Bots``, ``aiter_bytes`` -> ``iter_bytes``, ...), then
formats the result with the ruff that ``pyproject.toml`` pins. The pairs:

    src/attendee_client/_async/            -> _sync/            (clients, resource base,
                                                                  pager, raw wrappers, streams)
    src/attendee_client/resources/_async/  -> resources/_sync/  (the operations)

Lines between ``# unasync: async only`` and ``# unasync: end`` are left out of the synchronous
file (the async client's queue in front of its pool, its refusal of a plain ``with``). What
really differs between the flavours, the transport call and the sleep, is written by hand in
``_async_io.py`` and ``_sync_io.py``; a source reaches asyncio only through there.

``--check`` writes nothing and exits 1 when a generated file is stale, so CI fails when the
two flavours drift. A rule that no source uses, or a ruff other than the pinned one, stops
the script: a rule nothing exercises is a rule nobody has checked.

    python3 scripts/unasync.py            # regenerate
    python3 scripts/unasync.py --check    # CI: are the generated files current?
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "attendee_client"
# Each asyncio source folder, and the folder its synchronous twin is written to.
FOLDERS = [
    (PACKAGE / "_async", PACKAGE / "_sync"),
    (PACKAGE / "resources" / "_async", PACKAGE / "resources" / "_sync"),
]

# Whole identifiers whose synchronous name is not simply the name without "Async".
NAMES = {
    "AsyncAPIResource": "SyncAPIResource",
    "AsyncPager": "SyncPager",
    "AsyncTransport": "SyncTransport",
    "AsyncByteStream": "SyncByteStream",
    "AsyncIterator": "Iterator",
    "AsyncGenerator": "Generator",
    "async_raw": "raw",
    "async_raw_pager": "raw_pager",
    "aclose": "close",
    "aiter_raw": "iter_raw",
    "aread": "read",
    "aclosing": "closing",
    "aiter": "iter",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "StopAsyncIteration": "StopIteration",
    "_async": "_sync",
    "_async_io": "_sync_io",
}

# Names that are "Async" in both flavours: the API's own asynchronous things (an async
# transcription and anything named after it).
KEEP_PREFIXES = ("AsyncTranscription",)

# What has no synchronous twin by token rules: code using it would make a sync file that
# silently skips the wait (an un-awaited coroutine), so the script refuses it. Strings and
# comments may name asyncio; code goes through ``_async_io`` (or the client: client._sleep).
FORBIDDEN = re.compile(r"\bimport\s+asyncio\b|\basyncio\s*\.\s*\w|\bfrom\s+asyncio\b")

ASYNC_ONLY = "# unasync: async only"
END = "# unasync: end"

# The token rules, each with the pattern that finds its uses in a source.
_NAME = re.compile(r"\b(" + "|".join(sorted(NAMES, key=len, reverse=True)) + r")\b")
_AWAITABLE = re.compile(r"\bAwaitable\[")
_STRIP = re.compile(r"\bAsync([A-Z]\w*)")
_ASYNC_ONLY_BLOCK = re.compile(
    rf"^[ \t]*{re.escape(ASYNC_ONLY)}\n.*?^[ \t]*{re.escape(END)}\n", re.DOTALL | re.MULTILINE
)

HEADER = "# Generated from {source} by scripts/unasync.py; edit that file instead.\n"


def unasync(text: str) -> str:
    """The synchronous twin of one asyncio source file (before formatting)."""
    text = _ASYNC_ONLY_BLOCK.sub("", text)
    text = re.sub(r"\basync def\b", "def", text)
    text = re.sub(r"\basync (for|with)\b", r"\1", text)
    text = re.sub(r"\bawait ", "", text)
    text = _unwrap_awaitable(text)
    text = _NAME.sub(lambda match: NAMES[match.group(1)], text)
    return _STRIP.sub(
        lambda match: (
            match.group(0) if match.group(0).startswith(KEEP_PREFIXES) else match.group(1)
        ),
        text,
    )


def _unwrap_awaitable(text: str) -> str:
    """``Awaitable[X]`` -> ``X``, for any ``X`` (brackets inside it included)."""
    while (match := _AWAITABLE.search(text)) is not None:
        depth, end = 1, match.end()
        while depth:
            depth += {"[": 1, "]": -1}.get(text[end], 0)
            end += 1
        text = text[: match.start()] + text[match.end() : end - 1] + text[end:]
    return text


def rules_used(text: str) -> set[str]:
    """The rules of ``NAMES`` and ``KEEP_PREFIXES`` that change (or keep) something in
    ``text``, and ``ASYNC_ONLY`` when it has such a block."""
    used = set(_NAME.findall(text))
    used.update(
        prefix
        for match in _STRIP.finditer(text)
        for prefix in KEEP_PREFIXES
        if match.group(0).startswith(prefix)
    )
    if _ASYNC_ONLY_BLOCK.search(text):
        used.add(ASYNC_ONLY)
    return used


def refuse_unused_rules(used: set[str]) -> None:
    """Stop when a rule changes nothing in any source: nothing exercises it."""
    unused = sorted({*NAMES, *KEEP_PREFIXES, ASYNC_ONLY} - used)
    if unused:
        raise SystemExit(
            f"rules that no source uses: {', '.join(unused)}; remove them from "
            "scripts/unasync.py (a rule nothing exercises is a rule nobody has checked)"
        )


def code_only(text: str) -> str:
    """``text`` without its strings and comments, its tokens spaced: what FORBIDDEN is
    matched against."""
    kept = []
    skip = (tokenize.STRING, tokenize.COMMENT)
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type not in skip:
            kept.append(token.string)
    return " ".join(kept)


def _check_markers(text: str, name: str) -> None:
    """Every async-only block closed, and no marker outside a block's own two lines."""
    markers = [line.strip() for line in text.splitlines() if line.strip() in (ASYNC_ONLY, END)]
    pairs = markers[0::2] == [ASYNC_ONLY] * len(markers[0::2])
    if len(markers) % 2 or not pairs or markers[1::2] != [END] * len(markers[1::2]):
        raise SystemExit(f"{name}: '{ASYNC_ONLY}' and '{END}' must come in pairs, unnested")


def pinned_ruff() -> str:
    """The ruff version the dev group pins (``ruff==X``)."""
    found = re.search(r'"ruff==([\w.]+)"', (ROOT / "pyproject.toml").read_text())
    if found is None:
        raise SystemExit('pyproject.toml must pin ruff exactly ("ruff==X.Y.Z") in the dev group')
    return found.group(1)


def _ruff(*arguments: str, stdin: str | None = None) -> str:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout


def check_ruff() -> None:
    """Refuse to format with any ruff but the pinned one: another would write other files."""
    installed = _ruff("--version").split()[-1]
    if installed != pinned_ruff():
        raise SystemExit(
            f"ruff {installed} is installed, pyproject.toml pins {pinned_ruff()}: run "
            "`python3 scripts/dev.py install` so that the generated files do not depend on it"
        )


def _format(text: str, target: Path) -> str:
    stdin_name = ["--stdin-filename", str(target)]
    fix = ["check", "--fix-only", "--quiet", "--exit-zero", *stdin_name]
    fixed = _ruff(*fix, "-", stdin=text)
    # An async generator cannot ``yield from``; its twin can, and ruff calls that fix unsafe
    # only because a generator's send() and throw() then reach the inner iterable.
    fixed = _ruff(*fix, "--select", "UP028", "--unsafe-fixes", "-", stdin=fixed)
    return _ruff("format", *stdin_name, "-", stdin=fixed)


def generated() -> dict[Path, str]:
    """Each generated file as it should be."""
    check_ruff()
    files = {}
    used: set[str] = set()
    for source_folder, target_folder in FOLDERS:
        for source in sorted(source_folder.glob("*.py")):
            if source.name == "__init__.py":
                continue
            name = str(source.relative_to(ROOT))
            original = source.read_text()
            _check_markers(original, name)
            if FORBIDDEN.search(code_only(_ASYNC_ONLY_BLOCK.sub("", original))):
                raise SystemExit(
                    f"{name} uses asyncio directly, which has no synchronous twin: go through "
                    "attendee_client._async_io (or client._sleep, client._clock) instead"
                )
            used |= rules_used(original)
            text = unasync(original)
            header = HEADER.format(source=str(source.relative_to(source_folder.parent)))
            files[target_folder / source.name] = header + text
    refuse_unused_rules(used)
    return {path: _format(text, path) for path, text in files.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a _sync file is stale")
    arguments = parser.parse_args(argv)
    expected = generated()
    stale = []
    for path, text in expected.items():
        current = path.read_text() if path.exists() else ""
        if current != text:
            stale.append(path)
            if arguments.check:
                diff = difflib.unified_diff(
                    current.splitlines(), text.splitlines(), str(path), "expected", lineterm=""
                )
                print("\n".join(list(diff)[:40]))
            else:
                path.parent.mkdir(exist_ok=True)
                path.write_text(text)
    for _, target_folder in FOLDERS:
        extra = set(target_folder.glob("*.py")) - set(expected) - {target_folder / "__init__.py"}
        for path in sorted(extra):
            stale.append(path)
            if not arguments.check:
                path.unlink()
    if arguments.check and stale:
        names = ", ".join(str(path.relative_to(ROOT)) for path in stale)
        print(
            f"stale: {names}\nthe synchronous files are written from their _async sources: "
            "run `python3 scripts/unasync.py`",
            file=sys.stderr,
        )
        return 1
    for path in stale if not arguments.check else []:
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
