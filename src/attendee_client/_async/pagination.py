"""``AsyncPager``: every item of a cursor list, fetching each page only when the last one is
used up. Written once, for asyncio; ``scripts/unasync.py`` writes the synchronous twin."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from typing import Generic, TypeVar

from attendee_client._pages import CursorGuard, Page

__all__ = ["AsyncPager"]

T = TypeVar("T")


class AsyncPager(Generic[T]):
    """Every item of a cursor list, fetching each page only when the last one is used up.

    Iterate it for the items (``async for bot in client.bots.list()``), or iterate
    ``pages()`` for the pages themselves. Each ``async for`` is a new walk from the first
    page, so a pager can be iterated again (it asks the server again). At most one page is
    held in memory, breaking out fetches nothing more, and a server that repeats a cursor
    raises PaginationLoopError instead of looping.
    """

    def __init__(self, fetch: Callable[[str | None], Awaitable[Page[T]]]) -> None:
        self._fetch = fetch
        self._first: Page[T] | None = None

    async def _prefetch(self) -> None:
        """Fetch the first page now; the next walk starts with it instead of asking again."""
        self._first = await self._fetch(None)

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Each page in turn, from the first; raises what the list's ``list_page`` raises."""
        guard = CursorGuard()
        page, self._first = self._first, None
        if page is None:
            page = await self._fetch(None)
        while True:
            cursor = guard.advance(page)
            yield page
            # Drop the page before fetching the next: at most one page is alive.
            del page
            if cursor is None:
                return
            page = await self._fetch(cursor)

    async def __aiter__(self) -> AsyncGenerator[T, None]:
        async for page in self.pages():
            for item in page.items:
                yield item
            del page
