"""The project's set-up and checks, needing nothing but python3 (3.10 or newer).

    python3 scripts/dev.py demo     # make .venv, install, run examples/quickstart.py
    python3 scripts/dev.py check    # make .venv, install, ruff, mypy --strict, tests + coverage
    python3 scripts/dev.py matrix   # the tests on every Python 3.10-3.13 found, and once on
                                    # the lowest declared dependency versions (--skip-current:
                                    # not on the version running this script)
    python3 scripts/dev.py fuzz     # the fuzz tests with 10,000 examples each
    python3 scripts/dev.py bench    # the benchmarks (bench --quick: a smoke run)

Each step's command is printed before it runs; the first failure stops the run with its
exit code.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
import venv
from concurrent.futures import ThreadPoolExecutor
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


SUPPORTED = ["3.10", "3.11", "3.12", "3.13"]
LOWEST_CONSTRAINTS = ROOT / "ci" / "lowest-constraints.txt"


def find_python(version: str) -> str | None:
    """An interpreter of this version: on PATH, or among pyenv's installed versions."""
    candidates = [shutil.which(f"python{version}") or ""]
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/{version}.*/bin/python{version}"))
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


def test_in_fresh_venv(name: str, interpreter: str, *pip_args: str) -> tuple[str, int, str]:
    """Make (or reuse) a venv, install the project into it and run the tests there.

    Returns the name, the exit code and everything the steps printed.
    """
    env_dir = ROOT / ".venv-matrix" / name
    python = env_dir / "bin" / "python"
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    steps = [
        [interpreter, "-m", "venv", str(env_dir)] if not python.exists() else None,
        [*pip, "install", "--quiet", *pip_args],
        [*pip, "check"],
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
    ]
    output = []
    for step in filter(None, steps):
        output.append("+ " + " ".join(step))
        completed = subprocess.run(step, cwd=ROOT, capture_output=True, text=True, check=False)
        output.append(completed.stdout + completed.stderr)
        if completed.returncode != 0:
            return name, completed.returncode, "\n".join(output)
    return name, 0, "\n".join(output)


def matrix() -> None:
    started = time.monotonic()
    found = {version: find_python(version) for version in SUPPORTED}
    if "--skip-current" in sys.argv:
        # CI has just run `check` on this interpreter's version.
        current = "{}.{}".format(*sys.version_info[:2])
        found = {v: (None if v == current else path) for v, path in found.items()}
        found_lowest = find_python(SUPPORTED[0])
    else:
        found_lowest = found[SUPPORTED[0]]
    for version, interpreter in found.items():
        print(f"matrix: Python {version}: {interpreter or 'not found, skipped'}", flush=True)
    lowest = found_lowest or next((p for p in found.values() if p is not None), None)
    if lowest is None:
        sys.exit("matrix: no supported Python found")
    jobs: list[tuple[str, str, tuple[str, ...]]] = [
        (f"py{v}", path, ("-e", ".[dev]")) for v, path in found.items() if path
    ]
    jobs.append(("lowest-deps", lowest, ("-c", str(LOWEST_CONSTRAINTS), "-e", ".[dev]")))
    # Two at a time: the machines have two cores, and each test run is one process.
    failures = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(test_in_fresh_venv, name, path, *args) for name, path, args in jobs]
        for run_ in runs:
            name, code, output = run_.result()
            tail = "\n".join(line for line in output.splitlines() if "WARNING" not in line)
            print(f"\n=== matrix: {name}: {'ok' if code == 0 else f'FAILED ({code})'}")
            print(tail[-4000:], flush=True)
            if code != 0:
                failures.append(name)
    print(f"matrix: done in {time.monotonic() - started:.0f} s", flush=True)
    if failures:
        sys.exit(f"matrix: failed on {', '.join(failures)}")


def fuzz() -> None:
    install()
    os.environ["HYPOTHESIS_PROFILE"] = "fuzz"
    run(PYTHON, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "tests/test_fuzz.py")


def bench() -> None:
    install()
    run(PYTHON, "benchmarks/run.py", *sys.argv[2:])


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


COMMANDS = {
    "demo": demo,
    "check": check,
    "install": install,
    "matrix": matrix,
    "fuzz": fuzz,
    "bench": bench,
}


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[argv[1]]()


if __name__ == "__main__":
    main(sys.argv)
