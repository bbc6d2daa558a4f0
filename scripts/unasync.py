"""Write the synchronous resources from their asyncio source: one source, two flavours.

Every operation is written once, in ``src/attendee_client/resources/_async/``; this script
writes ``resources/_sync/`` from it by plain token rules (``async def`` -> ``def``, ``await``
dropped, ``AsyncBots`` -> ``Bots``, ``aiter_bytes`` -> ``iter_bytes``, ...), then formats the
result with ruff. ``--check`` writes nothing and exits 1 when a generated file is stale, so
CI fails when the two flavours drift:

    python3 scripts/unasync.py            # regenerate
    python3 scripts/unasync.py --check    # CI: are the generated files current?
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "attendee_client" / "resources" / "_async"
TARGET = ROOT / "src" / "attendee_client" / "resources" / "_sync"

# Whole identifiers whose synchronous name is not simply the name without "Async".
NAMES = {
    "AsyncAPIResource": "SyncAPIResource",
    "AsyncPager": "SyncPager",
    "AsyncTransport": "SyncTransport",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncGenerator": "Generator",
    "async_raw": "raw",
    "async_raw_pager": "raw_pager",
    "aclose": "close",
    "aiter_bytes": "iter_bytes",
    "aiter_raw": "iter_raw",
    "aread": "read",
    "aclosing": "closing",
    "anext": "next",
    "aiter": "iter",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "StopAsyncIteration": "StopIteration",
    "_async": "_sync",
}

# Names that are "Async" in both flavours: the API's own asynchronous things (an async
# transcription and anything named after it).
KEEP_PREFIXES = ("AsyncTranscription",)

# What has no synchronous twin by token rules: a source using it would make a sync file that
# silently skips the wait (an un-awaited coroutine), so the script refuses it.
FORBIDDEN = re.compile(r"\bimport asyncio\b|\basyncio\.\w")

_NAME = re.compile(r"\b(" + "|".join(sorted(NAMES, key=len, reverse=True)) + r")\b")

HEADER = "# Generated from _async/{name} by scripts/unasync.py; edit that file instead.\n"


def unasync(text: str) -> str:
    """The synchronous twin of one asyncio source file (before formatting)."""
    text = re.sub(r"\basync def\b", "def", text)
    text = re.sub(r"\basync (for|with)\b", r"\1", text)
    text = re.sub(r"\bawait ", "", text)
    text = re.sub(r"\bAwaitable\[([\w.]+)\]", r"\1", text)
    text = _NAME.sub(lambda match: NAMES[match.group(1)], text)
    return re.sub(
        r"\bAsync([A-Z]\w*)",
        lambda match: (
            match.group(0) if match.group(0).startswith(KEEP_PREFIXES) else match.group(1)
        ),
        text,
    )


def _format(text: str, name: str) -> str:
    ruff = [sys.executable, "-m", "ruff"]
    stdin_name = ["--stdin-filename", str(TARGET / name)]
    fixed = subprocess.run(
        [*ruff, "check", "--fix-only", "--quiet", "--exit-zero", *stdin_name, "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return subprocess.run(
        [*ruff, "format", *stdin_name, "-"],
        input=fixed,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout


def generated() -> dict[Path, str]:
    """Each file of ``_sync`` as it should be."""
    files = {}
    for source in sorted(SOURCE.glob("*.py")):
        if source.name == "__init__.py":
            continue
        original = source.read_text()
        if FORBIDDEN.search(original):
            raise SystemExit(
                f"{source.relative_to(ROOT)} uses asyncio directly, which has no synchronous "
                "twin: go through the client (client._sleep, client._clock) instead"
            )
        text = unasync(original)
        if text.startswith('"""'):
            files[TARGET / source.name] = HEADER.format(name=source.name) + text
        else:
            files[TARGET / source.name] = text
    return {path: _format(text, path.name) for path, text in files.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when _sync is stale")
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
                path.write_text(text)
    extra = sorted(set(TARGET.glob("*.py")) - set(expected) - {TARGET / "__init__.py"})
    for path in extra:
        stale.append(path)
        if not arguments.check:
            path.unlink()
    if arguments.check and stale:
        names = ", ".join(str(path.relative_to(ROOT)) for path in stale)
        print(
            f"stale: {names}\nthe synchronous resources are written from resources/_async: "
            "run `python3 scripts/unasync.py`",
            file=sys.stderr,
        )
        return 1
    for path in stale if not arguments.check else []:
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
