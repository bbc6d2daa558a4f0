"""The project's set-up and checks, needing nothing but python3 (3.10 or newer).

    python3 scripts/dev.py demo     # make .venv-demo with the runtime dependencies only (once),
                                    # run examples/quickstart.py
    python3 scripts/dev.py check    # make .venv, install the dev tools, ruff, mypy --strict,
                                    # the generated twins' staleness, tests + coverage
    python3 scripts/dev.py matrix   # the tests on every Python 3.10-3.13 (fails when one is
                                    # missing) and once on the lowest declared dependency
                                    # versions (--skip-current: not on this interpreter's version)
    python3 scripts/dev.py package  # build the wheel and sdist, twine check them, install the
                                    # wheel in a clean venv and run the examples against it
    python3 scripts/dev.py docs     # build the docs site, strictly (docs --serve: serve it)
    python3 scripts/dev.py fuzz     # the fuzz tests with 10,000 examples each
    python3 scripts/dev.py bench    # the benchmarks (bench --quick: a smoke run)

Each step's command is printed before it runs; the first failure stops the run with its
exit code. Development tools are PEP 735 dependency groups, so each environment's pip is
brought to 25.1 or newer first.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("ATTENDEE_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
PIP_WITH_GROUPS = "pip>=25.1"
QUIET = ("--quiet", "--disable-pip-version-check")


def run(*command: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    completed = subprocess.run([str(part) for part in command], cwd=cwd, env=env, check=False)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def make_venv(path: Path) -> Path:
    """A virtual environment at ``path`` (made once) with a pip that knows dependency groups."""
    python = path / ("Scripts" if os.name == "nt" else "bin") / "python"
    if not python.exists():
        print(f"+ python3 -m venv {path}", flush=True)
        venv.EnvBuilder(with_pip=True).create(path)
    upgraded = path / ".pip-upgraded"
    if not upgraded.exists():
        run(python, "-m", "pip", "install", *QUIET, "-U", PIP_WITH_GROUPS)
        upgraded.write_text(PIP_WITH_GROUPS + "\n")
    return python


def install(*groups: str) -> None:
    make_venv(VENV)
    group_args = [arg for group in ("dev", *groups) for arg in ("--group", group)]
    run(PYTHON, "-m", "pip", "install", *QUIET, "-e", ".", *group_args)


SUPPORTED = ["3.10", "3.11", "3.12", "3.13"]
LOWEST_CONSTRAINTS = ROOT / ".ci" / "lowest-constraints.txt"


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
        [*pip, "install", "--quiet", "-U", PIP_WITH_GROUPS],
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
    missing = [version for version, path in found.items() if path is None]
    for version, interpreter in found.items():
        print(f"matrix: Python {version}: {interpreter or 'NOT FOUND'}", flush=True)
    if missing:
        sys.exit(
            f"matrix: Python {', '.join(missing)} not found; install it (for example "
            f"`pyenv install {missing[0]}`) - a supported version is never skipped"
        )
    lowest = found[SUPPORTED[0]]
    assert lowest is not None
    if "--skip-current" in sys.argv:
        # CI has just run `check` on this interpreter's version.
        current = "{}.{}".format(*sys.version_info[:2])
        found = {v: (None if v == current else path) for v, path in found.items()}
    project = ("-e", ".", "--group", "dev")
    jobs: list[tuple[str, str, tuple[str, ...]]] = [
        (f"py{v}", path, project) for v, path in found.items() if path
    ]
    jobs.append(("lowest-deps", lowest, ("-c", str(LOWEST_CONSTRAINTS), *project)))
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


def package() -> None:
    """Build, check, and use the wheel as a user would: in a clean venv, outside the tree."""
    install("package")
    dist = ROOT / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    run(PYTHON, "-m", "build", "--outdir", dist)
    artifacts = sorted(dist.iterdir())
    run(PYTHON, "-m", "twine", "check", "--strict", *artifacts)
    (wheel,) = dist.glob("*.whl")
    clean = ROOT / ".venv-wheel"
    shutil.rmtree(clean, ignore_errors=True)
    python = make_venv(clean)
    # [aiohttp]: examples/many_bots.py runs on the aiohttp transport.
    run(python, "-m", "pip", "install", *QUIET, f"{wheel}[testing,aiohttp]")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTENDEE_")}
    with tempfile.TemporaryDirectory() as outside:
        where = "import attendee_client.webhooks as w; print(w.__file__)"
        run(python, "-c", where, cwd=Path(outside), env=env)
        for example in sorted((ROOT / "examples").glob("*.py")):
            if not example.name.startswith("_") and example.name != "notetaker.py":
                run(python, example, cwd=Path(outside), env=env)


def docs() -> None:
    install("docs")
    if "--serve" in sys.argv:
        run(PYTHON, "-m", "mkdocs", "serve")
    else:
        run(PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", ROOT / ".site")
        # With the docs tools installed, the reference tests that need them run too.
        reference_tests = "tests/project/test_docs_reference.py"
        run(PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", reference_tests)


def fuzz() -> None:
    install()
    os.environ["HYPOTHESIS_PROFILE"] = "fuzz"
    run(PYTHON, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "tests/sdk/test_fuzz.py")


def bench() -> None:
    install()
    run(PYTHON, "benchmarks/run.py", *sys.argv[2:])


DEMO_VENV = ROOT / ".venv-demo"


def demo() -> None:
    """The quickstart with only what a user installs (the runtime dependencies), installed
    once; later runs start at once."""
    python = make_venv(DEMO_VENV)
    marker = DEMO_VENV / ".attendee-client-installed"
    if not marker.exists():
        run(python, "-m", "pip", "install", *QUIET, "-e", ".")
        marker.write_text("installed\n")
    run(python, "examples/quickstart.py")


SURFACE_SKIPPED = (
    "surface: skipped: the maintainers' check of tests/contract/surface.json against "
    "Attendee's API schema; it runs in CI, and nothing here needs it"
)


def check_surface() -> None:
    """The API surface file against the server's schema, when ../shared is here (CI: must be)."""
    if (ROOT.parent / "shared").is_dir():
        run(PYTHON, "scripts/surface.py", "--check")
    elif os.environ.get("CI") == "true":
        sys.exit("surface: ../shared not found, and CI must check tests/contract/surface.json")
    else:
        print(SURFACE_SKIPPED, flush=True)


def check() -> None:
    install()
    paths = ["src", "tests", "examples", "benchmarks", "scripts"]
    paths = [p for p in paths if (ROOT / p).is_dir()]
    run(PYTHON, "-m", "ruff", "check", *paths)
    run(PYTHON, "-m", "ruff", "format", "--check", *paths)
    run(PYTHON, "-m", "mypy", "--strict")
    # The generated synchronous twins, current with their asyncio source.
    run(PYTHON, "scripts/unasync.py", "--check")
    check_surface()
    run(PYTHON, "-m", "coverage", "erase")
    run(PYTHON, "-m", "coverage", "run", "-m", "pytest", "-q")
    run(PYTHON, "-m", "coverage", "report")


COMMANDS = {
    "demo": demo,
    "check": check,
    "install": install,
    "matrix": matrix,
    "package": package,
    "docs": docs,
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
