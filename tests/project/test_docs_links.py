"""The docs home page (the README's user part) links to the pages and files it names, on
GitHub and on the site, and wide code blocks are not clipped (issue #25, item 8)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from tests.project.test_docs_reference import site  # noqa: F401 - the fixture: the site, built

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
USER_PART = README.partition("<!-- --8<-- [start:user] -->")[2].partition(
    "<!-- --8<-- [end:user] -->"
)[0]
REFERENCE = re.compile(r"(?<!\[)`((?:docs/[\w-]+\.md)|(?:examples/[\w/.-]+)|[A-Z]+\.md)`(?!\])")


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "mkdocs_hooks", ROOT / "scripts" / "mkdocs_hooks.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mkdocs_hooks"] = module
    spec.loader.exec_module(module)
    return module


def test_the_readme_links_every_page_and_file_it_names() -> None:
    assert REFERENCE.findall(USER_PART) == []
    links = re.findall(r"\]\(([^)#\s]+)[^)]*\)", USER_PART)
    local = [link for link in links if not link.startswith(("http://", "https://"))]
    assert len(local) >= 24
    for link in local:
        assert (ROOT / link).exists(), link


def test_on_the_site_the_readme_links_to_the_sites_pages() -> None:
    part = _hooks().readme_for_the_site(README)

    links = re.findall(r"\]\(([^)#\s]+)[^)]*\)", part)
    local = [link for link in links if not link.startswith(("http://", "https://"))]
    assert local
    for link in local:
        assert (ROOT / "docs" / link).is_file(), link


def test_wide_code_blocks_wrap_or_widen_instead_of_being_clipped() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^extra_css:\n  - css/extra\.css$", config, re.MULTILINE)
    css = (ROOT / "docs" / "css" / "extra.css").read_text(encoding="utf-8")
    assert "white-space: pre-wrap" in css
    assert "max-width: min(96vw" in css


def test_the_home_page_of_the_built_site_has_the_links(site: Path) -> None:  # noqa: F811
    home = (site / "index.html").read_text(encoding="utf-8")
    for page in ("bots/", "whole-job/", "webhooks/", "testing/", "cli/", "changelog/"):
        assert f'href="{page}"' in home, page
    assert (site / "css" / "extra.css").is_file()
