"""The real server's POST throttle: one bucket per project shared by the throttled POSTs,
as Django REST framework's ``SimpleRateThrottle`` keeps it (``shared/api/bots.md``)."""

from __future__ import annotations

import math
from collections.abc import Callable

from attendee_client.testing._app import Refusal

__all__ = ["Throttle"]

_PERIODS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


class Throttle:
    """At most ``requests`` throttled POSTs per ``period`` seconds of ``clock``; the next one
    is answered 429 with the server's body and ``Retry-After``."""

    def __init__(self, rate: str, clock: Callable[[], float]) -> None:
        count, _, period = rate.partition("/")
        try:
            self.requests = int(count)
            self.period = _PERIODS[period.strip().lower()[:1]]
        except (ValueError, KeyError):
            raise ValueError(
                f"throttle must look like '3/min' (a count per s, min, hour or day), not {rate!r}"
            ) from None
        if self.requests < 0:
            raise ValueError(f"throttle must allow 0 requests or more, not {rate!r}")
        self.rate = rate
        self.clock = clock
        self.history: list[float] = []  # newest first, as DRF keeps it

    def check(self) -> None:
        """Count one POST; raises the 429 ``Refusal`` when it is one too many (that one is
        not counted)."""
        now = self.clock()
        while self.history and self.history[-1] <= now - self.period:
            self.history.pop()
        if len(self.history) < self.requests:
            self.history.insert(0, now)
            return
        oldest = self.history[-1] if self.history else now
        remaining = self.period - (now - oldest)
        wait = math.ceil(remaining / (self.requests - len(self.history) + 1))
        unit = "second" if wait == 1 else "seconds"
        detail = f"Request was throttled. Expected available in {wait} {unit}."
        raise Refusal(429, {"detail": detail}, {"Retry-After": str(wait)})
