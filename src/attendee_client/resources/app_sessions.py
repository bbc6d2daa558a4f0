"""``client.app_sessions``: Zoom RTMS sessions that Attendee records and transcribes.

Both flavours by their public names; the source is ``_async/app_sessions.py``.
"""

from attendee_client.resources._async.app_sessions import (
    AsyncAppSessions,
    AsyncAppSessionsWithRawResponse,
)
from attendee_client.resources._sync.app_sessions import AppSessions, AppSessionsWithRawResponse

__all__ = [
    "AppSessions",
    "AppSessionsWithRawResponse",
    "AsyncAppSessions",
    "AsyncAppSessionsWithRawResponse",
]
