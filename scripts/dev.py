"""The project's set-up and checks, needing nothing but python3 (3.10 or newer).

    python3 scripts/dev.py demo     # make .venv, install, run examples/quickstart.py
    python3 scripts/dev.py check    # make .venv, install, ruff, mypy --strict, tests + coverage

Each step's command is printed before it runs; the first failure stops the run with its
exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("ATTENDEE_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*command: str | Path) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, check=False)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def install() -> None:
    if not PYTHON.exists():
        print(f"+ python3 -m venv {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", ".[dev]")


def demo() -> None:
    install()
    run(PYTHON, "examples/quickstart.py")


def check() -> None:
    install()
    paths = ["src", "tests", "examples", "benchmarks", "scripts"]
    paths = [p for p in paths if (ROOT / p).is_dir()]
    run(PYTHON, "-m", "ruff", "check", *paths)
    run(PYTHON, "-m", "ruff", "format", "--check", *paths)
    run(PYTHON, "-m", "mypy", "--strict")
    run(PYTHON, "-m", "coverage", "erase")
    run(PYTHON, "-m", "coverage", "run", "-m", "pytest", "-q")
    run(PYTHON, "-m", "coverage", "report")


COMMANDS = {"demo": demo, "check": check, "install": install}


def main(argv: list[str]) -> None:
    if len(argv) != 2 or argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[argv[1]]()


if __name__ == "__main__":
    main(sys.argv)
