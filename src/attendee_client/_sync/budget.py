# Generated from _async/budget.py by scripts/unasync.py; edit that file instead.
"""``BudgetedStream``: a response stream that applies a ``BodyBudget`` (size and time)
as the body's chunks arrive. Written once, for asyncio; ``scripts/unasync.py`` writes the
synchronous twin."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from attendee_client._budget import BodyBudget

__all__ = ["BudgetedStream"]


class BudgetedStream(httpx.SyncByteStream):
    """A response stream that stops a body too large or too slow (see ``BodyBudget``)."""

    def __init__(self, stream: httpx.SyncByteStream, budget: BodyBudget) -> None:
        self._stream = stream
        self._budget = budget

    def __iter__(self) -> Iterator[bytes]:
        chunks = self._stream.__iter__()
        try:
            for chunk in chunks:
                self._budget.spend(len(chunk))
                yield chunk
        finally:
            # When the budget stops the body, close the transport's iterator now rather
            # than whenever it is collected.
            close = getattr(chunks, "close", None)
            if close is not None:
                close()

    def close(self) -> None:
        self._stream.close()
