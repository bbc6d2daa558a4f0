"""mkdocs hooks (``hooks:`` in mkdocs.yml): the home page shows the README's user part with
its links made the site's own.

The README links to ``docs/bots.md``, ``examples/send_bot.py``, ``CHANGELOG.md`` as paths of
the repository, which is right on GitHub; on the site those are ``bots.md``, the examples
page, the changelog page. The README's part is put in the page here, links rewritten, rather
than by the snippets extension (which would leave them pointing nowhere).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = '--8<-- "README.md:user"'
START = "<!-- --8<-- [start:user] -->"
END = "<!-- --8<-- [end:user] -->"

_SITE_PAGES = {
    "CHANGELOG.md": "changelog.md",
    "CONTRIBUTING.md": "contributing.md",
}


def site_link(target: str) -> str:
    """Where a repository path the README links to is on the site."""
    if target.startswith("docs/"):
        return target.removeprefix("docs/")
    if target.startswith("examples/"):
        return "examples.md"
    return _SITE_PAGES.get(target, target)


def readme_for_the_site(readme: str) -> str:
    """The README's user part, its repository links made the site's."""
    part = readme.partition(START)[2].partition(END)[0]
    return re.sub(
        r"\]\(((?:docs|examples)/[^)\s]*|CHANGELOG\.md|CONTRIBUTING\.md)\)",
        lambda match: f"]({site_link(match.group(1))})",
        part,
    )


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """mkdocs' hook: put the README's part in the home page."""
    if INCLUDE not in markdown:
        return markdown
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return markdown.replace(INCLUDE, readme_for_the_site(readme))
