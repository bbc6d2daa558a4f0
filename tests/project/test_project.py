"""The project as a user meets it: the README, the packaging metadata, the CI scripts."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def pyproject() -> dict[str, Any]:
    if sys.version_info < (3, 11):
        pytest.skip("tomllib is in the standard library from 3.11")
    tomllib = importlib.import_module("tomllib")  # typed for 3.10, which lacks it
    data: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return data


def test_the_readme_is_for_users_first() -> None:
    headings = re.findall(r"^## (.+)$", README, flags=re.MULTILINE)
    assert headings[:2] == ["Install", "Quickstart"]
    for needed in (
        "Configuration",
        "Errors",
        "Retries",
        "Logging",
        "Testing your code",
        "Webhooks",
    ):
        assert needed in headings
    assert headings.index("Develop") > headings.index("Webhooks")


def first_screen() -> str:
    """What a newcomer sees before scrolling: the README's first 50 lines."""
    return "\n".join(README.splitlines()[:50])


def test_the_first_screen_says_what_it_is_how_to_install_and_the_first_call() -> None:
    screen = first_screen()
    assert "typed Python SDK for the [Attendee]" in screen
    assert 'pip install "/path/to/attendee-client[testing]"' in screen
    assert "pip install /path/to/attendee-client" in screen
    assert "`pip install attendee-client`" in screen  # once it is published
    assert "client.bots.create(" in screen
    # Only URLs that exist: no install from a repository that is not there.
    assert "git+https://" not in README
    assert "github.com/attendee-labs" not in README


def test_the_readme_gives_exactly_two_setup_commands_on_its_first_screen() -> None:
    shell_blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    commands = [
        line.split("#")[0].strip()
        for block in shell_blocks
        for line in block.splitlines()
        if line.startswith("python3 scripts/dev.py")
    ]
    assert commands == ["python3 scripts/dev.py demo", "python3 scripts/dev.py check"]
    assert all(command in first_screen() for command in commands)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 scripts/dev.py check" in ci.splitlines()
    assert "python3 scripts/dev.py check" in (ROOT / "CONTRIBUTING.md").read_text()


def test_every_python_block_of_the_readme_and_docs_parses() -> None:
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for block in re.findall(r"```python\n(.*?)```", path.read_text(), flags=re.DOTALL):
            if block.startswith("--8<--"):
                continue
            ast.parse(block, filename=str(path))


def test_packaging_metadata() -> None:
    data = pyproject()
    assert any(r.startswith("hatchling>=1.27") for r in data["build-system"]["requires"])
    project = data["project"]
    assert project["readme"] == "README.md"
    # The repository these would point at does not exist yet: no URLs rather than dead ones.
    assert "urls" not in project
    testing = " ".join(project["optional-dependencies"]["testing"])
    assert (
        "pytest-asyncio" in testing
    )  # the README's async test needs it (tests/project/test_readme.py)
    assert "respx" in testing
    assert "dev" not in project.get("optional-dependencies", {})
    assert "pytest" in " ".join(data["dependency-groups"]["dev"])
    assert "pytest-timeout" in " ".join(data["dependency-groups"]["dev"])
    assert project["entry-points"]["pytest11"] == {
        "attendee_client": "attendee_client.testing.pytest_plugin"
    }
    assert data["tool"]["pytest"]["ini_options"]["timeout"] > 0


def test_the_lowest_run_pins_each_declared_lower_bound() -> None:
    project = pyproject()["project"]
    declared = [*project["dependencies"]]
    for extra in ("realtime", "aiohttp"):
        declared += project["optional-dependencies"][extra]
    bounds = {}
    for requirement in declared:  # "httpx>=0.27.0,<1"
        name, _, rest = requirement.partition(">=")
        bounds[name] = rest.split(",")[0]
    lines = (ROOT / ".ci" / "lowest-constraints.txt").read_text().splitlines()
    pins = dict(line.split("==") for line in lines if line and not line.startswith("#"))

    # As versions: "3.11" is "3.11.0".
    assert {name: Version(pin) for name, pin in pins.items()} == {
        name: Version(bound) for name, bound in bounds.items()
    }


def test_one_ci_folder() -> None:
    assert (ROOT / ".ci" / "run").is_file()
    assert (ROOT / ".ci" / "lowest-constraints.txt").is_file()
    assert not (ROOT / "ci").exists()


def dev_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "scripts" / "dev.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_matrix_fails_when_a_supported_python_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = dev_script()
    monkeypatch.setattr(
        dev, "find_python", lambda v: None if v == "3.12" else f"/usr/bin/python{v}"
    )
    monkeypatch.setattr(dev.sys, "argv", ["dev.py", "matrix"])

    with pytest.raises(SystemExit) as caught:
        dev.matrix()

    assert "3.12 not found" in str(caught.value.code)
    assert "never skipped" in str(caught.value.code)
    assert "Python 3.12: NOT FOUND" in capsys.readouterr().out


def test_a_fresh_clone_is_told_plainly_what_the_skipped_schema_check_is(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.contract.test_contract import FAKE_FACTS_SKIP_REASON, SCHEMA_SKIP_REASON

    dev = dev_script()
    clone = tmp_path / "attendee-client"
    clone.mkdir()
    monkeypatch.setattr(dev, "ROOT", clone)  # no ../shared beside it
    monkeypatch.delenv("CI", raising=False)

    dev.check_surface()

    (line,) = capsys.readouterr().out.splitlines()
    for reason in (line, SCHEMA_SKIP_REASON, FAKE_FACTS_SKIP_REASON):
        assert "maintainers' check" in reason
        assert "runs in CI" in reason
        assert "../" not in reason
        assert str(tmp_path) not in reason
        assert "/work" not in reason


def _bench_table() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_table", ROOT / "benchmarks" / "table.py")
    assert spec is not None
    assert spec.loader is not None
    table = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(table)
    return table


def _bench_row(measure: str, unit: str, floor: float, ratio: float, target: float) -> Any:
    return {
        "measure": measure,
        "unit": unit,
        "floor_median": floor,
        "sdk_median": floor * ratio,
        "ratio": ratio,
        "target": target,
        "met": ratio <= target,
    }


def test_the_performance_table_is_rendered_in_each_rows_unit() -> None:
    table = _bench_table()
    times, at_most = "\N{MULTIPLICATION SIGN}", "\N{LESS-THAN OR EQUAL TO}"
    first = {
        "rows": [
            _bench_row("sync GET", "us", 372.6, 0.99, 1.0),
            _bench_row("list 10,000", "ms", 200.0, 1.2, 1.1),
            _bench_row("attendee --help, wall", "ms", 20.0, 10.0, 15.0),
            _bench_row("parse one connection via Model.from_dict", "us", 4.0, 2.0, 1.5),
        ]
    }
    second = {"rows": [_bench_row("sync GET", "us", 372.6, 1.02, 1.0)]}

    lines = table.table(first, second).splitlines()

    ratios = f"| 0.990{times} / 1.020{times} | {at_most} 1.00{times} |"
    assert lines[2] == f"| sync GET | 372.6 µs | 368.9 µs {ratios} yes / **no** |"
    # A row run 2 lacks shows run 1 alone; each row keeps its own unit.
    assert lines[3] == (
        f"| list 10,000 | 200.0 ms | 240.0 ms | 1.200{times} | {at_most} 1.10{times} | **no** |"
    )
    assert lines[4] == "| attendee --help, wall | 20.0 ms | 200.0 ms | 200 ms | < 300 ms | yes |"
    assert lines[5].endswith("| superseded (a record) |")
