"""``AsyncBudgetedStream``: a response stream that applies a ``BodyBudget`` (size and time)
as the body's chunks arrive. Written once, for asyncio; ``scripts/unasync.py`` writes the
synchronous twin."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from attendee_client._budget import BodyBudget

__all__ = ["AsyncBudgetedStream"]


class AsyncBudgetedStream(httpx.AsyncByteStream):
    """A response stream that stops a body too large or too slow (see ``BodyBudget``)."""

    def __init__(self, stream: httpx.AsyncByteStream, budget: BodyBudget) -> None:
        self._stream = stream
        self._budget = budget

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = self._stream.__aiter__()
        try:
            async for chunk in chunks:
                self._budget.spend(len(chunk))
                yield chunk
        finally:
            # When the budget stops the body, close the transport's iterator now rather
            # than whenever it is collected.
            aclose = getattr(chunks, "aclose", None)
            if aclose is not None:
                await aclose()

    async def aclose(self) -> None:
        await self._stream.aclose()
