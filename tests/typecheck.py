"""What mypy, with the project's configuration, says of a snippet of user code: for the tests
that a type checker catches a mistake (a misspelt setting key, state...)."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[1]


def mypy_errors(source: str, directory: Path) -> tuple[str, dict[int, str]]:
    """One cold mypy run over ``source`` (written in ``directory``, its cache there too):
    the whole report, and the snippet's errors by line number."""
    snippet = directory / "snippet.py"
    snippet.write_text(source)
    report, errors, _ = api.run(
        [
            str(snippet),
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(directory / "mypy-cache"),
            "--no-error-summary",
            # A file cache: mypy's SQLite one stays open in this process (Python 3.13 then
            # warns of the unclosed connection in whichever test runs next).
            "--no-sqlite-cache",
        ]
    )
    assert not errors, errors
    # Only the snippet's lines count: the package itself is mypy's business elsewhere.
    by_line: dict[int, str] = {}
    for line in report.splitlines():
        if line.startswith(f"{snippet}:") and ": error:" in line:
            number = int(line.split(":")[1])
            by_line[number] = f"{by_line[number]}\n{line}" if number in by_line else line
    return report, by_line
