"""One cursor page of a list, read from its response, and the guard that keeps a walk over
the pages finite (the pagers, ``_async/pagination.py`` and its generated twin, walk them).

A list answers ``{"next": URL or null, "previous": URL or null, "results": [...]}``. Only the
opaque ``cursor`` inside ``next`` is kept: the next page is requested against the client's
own base URL, never the host in ``next`` (behind a proxy it is often wrong, and following it
would send the API key elsewhere).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar
from urllib.parse import unquote_plus

import attrs
import httpx

from attendee_client import _response, _serde
from attendee_client._status import validation_error
from attendee_client.errors import APIResponseValidationError, PaginationLoopError

__all__ = ["CursorGuard", "Page", "parse_page"]

T = TypeVar("T")


@attrs.frozen
class Page(Generic[T]):
    """One page of a list: its ``items`` and the cursor of the page after it, if any."""

    # A list is unhashable; the cursors identify the page for hashing, equality compares all.
    items: Sequence[T] = attrs.field(hash=False)
    next_cursor: str | None
    previous_cursor: str | None = None

    @property
    def has_next(self) -> bool:
        """Whether there is a page after this one."""
        return self.next_cursor is not None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _cursor_of(link: object, key: str, response: httpx.Response) -> str | None:
    if link is None:
        return None
    if not isinstance(link, str):
        raise _invalid_page(response, f"{key}: expected a URL or null, got {link!r:.80}")
    # Only the query matters (the host is never followed), so it is read with string
    # operations: parsing the whole URL with httpx costs more than the rest of the page.
    query = link.partition("?")[2].partition("#")[0]
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        if unquote_plus(name) == "cursor":
            return unquote_plus(value)
    raise _invalid_page(response, f"{key}: no cursor in {link[:200]!r}")


def _invalid_page(response: httpx.Response, problem: str) -> APIResponseValidationError:
    body = response.content.decode("utf-8", errors="replace")
    return validation_error(response, body, problem)


def parse_page(response: httpx.Response, cls: type[T]) -> Page[T]:
    """A list response as a ``Page`` of ``cls``.

    Raises APIResponseValidationError when the body is not the documented envelope or an
    item does not fit ``cls`` (the message names the item's index and field).
    """
    data = _response.decode_json_object(response)
    results = data.get("results")
    if type(results) is not list:
        raise _invalid_page(response, f"results: expected a list, got {results!r:.80}")
    try:
        items = _serde.structure_list(results, cls)
    except _serde.ValidationError as error:
        raise _invalid_page(response, f"results{error}") from None
    return Page(
        items=items,
        next_cursor=_cursor_of(data.get("next"), "next", response),
        previous_cursor=_cursor_of(data.get("previous"), "previous", response),
    )


class CursorGuard:
    """Remembers the cursors a listing has used, to stop a server that repeats one."""

    def __init__(self) -> None:
        # An empty cursor is the first page again.
        self._seen: set[str] = {""}

    def advance(self, page: Page[Any]) -> str | None:
        """The cursor to fetch next, or None when ``page`` is the last.

        Raises PaginationLoopError when that cursor was already used.
        """
        cursor = page.next_cursor
        if cursor is None:
            return None
        if cursor in self._seen:
            raise PaginationLoopError(
                f"the server returned a cursor it had already returned ({cursor[:60]!r}); "
                "stopping instead of listing the same pages forever"
            )
        self._seen.add(cursor)
        return cursor
