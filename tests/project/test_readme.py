"""The README works as written: its test snippet passes pasted into a new project, and the
demo its first set-up command runs prints what it says."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def the_readmes_test_snippet() -> str:
    """The README's one Python block that holds tests (under "Testing your code")."""
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    with_tests = [block for block in blocks if re.search(r"^(async )?def test_", block, re.M)]
    assert len(with_tests) == 1, "the README should show its tests in one block"
    return str(with_tests[0])


def the_readmes_pytest_setting() -> str:
    """The README's one TOML block: the pytest setting it asks for."""
    (block,) = re.findall(r"```toml\n(.*?)```", README, flags=re.DOTALL)
    return str(block)


def run_pytest_in_a_new_project(
    project: Path, test_source: str, settings: str = ""
) -> subprocess.CompletedProcess[str]:
    """pytest run as a user would run it in a project of their own that installed the SDK
    with its ``testing`` extra, with ``settings`` (TOML) in its pyproject.toml."""
    (project / "pyproject.toml").write_text(
        '[project]\nname = "my-app"\nversion = "0.1"\n\n' + settings
    )
    (project / "test_my_app.py").write_text(test_source)
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("ATTENDEE_", "PYTEST_"))
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "test_my_app.py"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_readmes_sync_and_async_tests_pass_pasted_into_a_new_project(tmp_path: Path) -> None:
    snippet = the_readmes_test_snippet()
    names = re.findall(r"^(?:async )?def (test_\w+)", snippet, flags=re.MULTILINE)
    assert len(names) == 2
    assert any(re.search(rf"^async def {name}\b", snippet, re.M) for name in names)

    completed = run_pytest_in_a_new_project(tmp_path, snippet)

    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    for name in names:
        assert f"PASSED test_my_app.py::{name}" in completed.stdout, output
    assert f"{len(names)} passed" in completed.stdout, output


def test_the_readmes_tests_run_without_a_warning_with_the_setting_it_states(
    tmp_path: Path,
) -> None:
    completed = run_pytest_in_a_new_project(
        tmp_path, the_readmes_test_snippet(), the_readmes_pytest_setting()
    )

    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "warning" not in output.lower(), output


def test_an_async_test_of_the_plugins_async_client_needs_no_marker_or_configuration(
    tmp_path: Path,
) -> None:
    # The same in a module of its own, so that nothing else in the snippet could be what
    # makes it run; and a parametrized one, which pytest collects as several items.
    source = (
        "import pytest\n"
        "from attendee_client import AsyncAttendeeClient\n\n\n"
        "async def test_lists(async_attendee_client: AsyncAttendeeClient) -> None:\n"
        "    page = await async_attendee_client.zoom_oauth_connections.list_page()\n"
        "    assert page.items\n\n\n"
        "@pytest.mark.parametrize('times', [1, 2])\n"
        "async def test_gets(async_attendee_client: AsyncAttendeeClient, times: int) -> None:\n"
        "    for _ in range(times):\n"
        "        await async_attendee_client.zoom_oauth_connections.get('zoc_abcdef1234567890')\n"
    )

    completed = run_pytest_in_a_new_project(tmp_path, source)

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "3 passed" in completed.stdout


def test_the_demo_prints_every_date_the_same_way() -> None:
    # `python3 scripts/dev.py demo` runs examples/quickstart.py.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ATTENDEE_")}
    completed = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    dates = dict(
        re.findall(r"^  (created|last synced) +(.+)$", completed.stdout, flags=re.MULTILINE)
    )
    assert dates == {
        "created": "2025-01-13 10:30:00+00:00",
        "last synced": "2025-01-13 11:00:00+00:00",
    }
