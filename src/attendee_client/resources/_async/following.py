"""Following a bot's transcript as it grows: look, yield what is new, sleep, look again.

Written once, for asyncio: ``scripts/unasync.py`` writes the synchronous twin from it.

Utterances carry no update time, so the SDK cannot ask for "what changed since my last
look" on its own clock. It asks with ``updated_after`` set a margin before the start of the
latest utterance seen: any utterance not seen yet was stored after that utterance started,
so it is in the answer whatever the client's clock says; the overlap is de-duplicated on
(speaker, start).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone

from attendee_client._async.resource import AsyncTransport
from attendee_client.errors import NotFoundError, RateLimitError
from attendee_client.resources._wait_decisions import check_wait_arguments, next_wait
from attendee_client.types.bots import Bot, BotState, TranscriptUtterance

__all__ = ["OVERLAP_SECONDS", "AsyncTranscriptIterator"]

OVERLAP_SECONDS = 30.0
"""How far before the latest utterance seen each look asks from (clocks of the server's
machines differ a little; what comes twice is dropped)."""

Utterances = list[TranscriptUtterance]
LookTranscript = Callable[[datetime | None], Awaitable[Utterances]]


def _is_final(bot: Bot) -> bool:
    return isinstance(bot.state, BotState) and bot.state.is_final


class AsyncTranscriptIterator:
    """The utterances of a bot's transcript, each once, as they appear; ends after the bot
    ends (see ``AsyncBots.follow_transcript``)."""

    def __init__(
        self,
        client: AsyncTransport,
        look_transcript: LookTranscript,
        look_bot: Callable[[], Awaitable[Bot]],
        poll_interval: float | None,
    ) -> None:
        if poll_interval is not None:
            check_wait_arguments(1.0, poll_interval)
        self._client = client
        self._look_transcript = look_transcript
        self._look_bot = look_bot
        self._poll_interval = poll_interval
        self._ready: deque[TranscriptUtterance] = deque()
        self._seen: set[tuple[str | None, int]] = set()
        self._latest_start_ms: int | None = None
        self._quiet_looks = 0
        self._looks = 0
        self._wait = 0.0
        self._finished = False

    def __aiter__(self) -> AsyncTranscriptIterator:
        return self

    async def __anext__(self) -> TranscriptUtterance:
        while not self._ready:
            if self._finished:
                raise StopAsyncIteration
            if self._looks:
                await self._client._sleep(self._wait)
            await self._look()
        return self._ready.popleft()

    async def _prefetch(self) -> None:
        """Take the first look now (a raw call returns its response, so a 429 is raised)."""
        if not self._looks:
            await self._look(wait_out_throttling=False)

    async def _look(self, *, wait_out_throttling: bool = True) -> None:
        self._looks += 1
        try:
            # The bot first: when it has ended, the transcript read after it is complete.
            bot = await self._look_bot()
            try:
                utterances = await self._look_transcript(self._since())
            except NotFoundError:
                utterances = []  # no recording yet (or any more, once the data is deleted)
        except RateLimitError as error:
            # Throttled even after the client's retries: look again once the server allows.
            if not wait_out_throttling:
                raise
            self._quiet_looks += 1
            wait = next_wait(self._quiet_looks, self._poll_interval)
            self._wait = max(error.retry_after or 0.0, wait)
            return
        fresh = 0
        for utterance in utterances:
            key = (utterance.speaker_uuid, utterance.timestamp_ms)
            if key in self._seen:
                continue
            self._seen.add(key)
            self._ready.append(utterance)
            fresh += 1
            if self._latest_start_ms is None or utterance.timestamp_ms > self._latest_start_ms:
                self._latest_start_ms = utterance.timestamp_ms
        # Speech coming: look again soon; a quiet meeting: back off (1 s doubling to 15 s).
        self._quiet_looks = 1 if fresh else self._quiet_looks + 1
        self._wait = next_wait(self._quiet_looks, self._poll_interval)
        if _is_final(bot):
            self._finished = True

    def _since(self) -> datetime | None:
        if self._latest_start_ms is None:
            return None
        start = datetime.fromtimestamp(self._latest_start_ms / 1000, tz=timezone.utc)
        return start - timedelta(seconds=OVERLAP_SECONDS)
