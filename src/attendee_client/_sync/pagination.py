# Generated from _async/pagination.py by scripts/unasync.py; edit that file instead.
"""``SyncPager``: every item of a cursor list, fetching each page only when the last one is
used up. Written once, for asyncio; ``scripts/unasync.py`` writes the synchronous twin."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from typing import Generic, TypeVar

from attendee_client._pages import CursorGuard, Page

__all__ = ["SyncPager"]

T = TypeVar("T")


class SyncPager(Generic[T]):
    """Every item of a cursor list, fetching each page only when the last one is used up.

    Iterate it for the items (``for bot in client.bots.list()``), or iterate
    ``pages()`` for the pages themselves. Each ``for`` is a new walk from the first
    page, so a pager can be iterated again (it asks the server again). At most one page is
    held in memory, breaking out fetches nothing more, and a server that repeats a cursor
    raises PaginationLoopError instead of looping.
    """

    def __init__(self, fetch: Callable[[str | None], Page[T]]) -> None:
        self._fetch = fetch
        self._first: Page[T] | None = None

    def _prefetch(self) -> None:
        """Fetch the first page now; the next walk starts with it instead of asking again."""
        self._first = self._fetch(None)

    def pages(self) -> Iterator[Page[T]]:
        """Each page in turn, from the first; raises what the list's ``list_page`` raises."""
        guard = CursorGuard()
        page, self._first = self._first, None
        if page is None:
            page = self._fetch(None)
        while True:
            cursor = guard.advance(page)
            yield page
            # Drop the page before fetching the next: at most one page is alive.
            del page
            if cursor is None:
                return
            page = self._fetch(cursor)

    def __iter__(self) -> Generator[T, None]:
        for page in self.pages():
            yield from page.items
            del page
