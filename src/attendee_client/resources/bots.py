"""``client.bots``: send bots to meetings, steer them, and read what they recorded.

Both flavours by their public names; the source is ``_async/bots.py``.
"""

from attendee_client.resources._async.bots import AsyncBots, AsyncBotsWithRawResponse
from attendee_client.resources._sync.bots import Bots, BotsWithRawResponse

__all__ = ["AsyncBots", "AsyncBotsWithRawResponse", "Bots", "BotsWithRawResponse"]
