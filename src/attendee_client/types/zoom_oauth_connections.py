"""The Zoom OAuth connection model: one Zoom user's authorization of the customer's app."""

# No ``from __future__ import annotations``: the structure functions read these annotations
# at run time.

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from attendee_client._models import ExtensibleEnum, Model

__all__ = ["ZoomOAuthConnection", "ZoomOAuthConnectionState"]


class ZoomOAuthConnectionState(ExtensibleEnum):
    """The state of a Zoom OAuth connection.

    The server may add states later, and sends null for one it cannot map, so a
    connection's ``state`` is typed ``ZoomOAuthConnectionState | str | None``.
    """

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"


@attrs.frozen(kw_only=True)
class ZoomOAuthConnection(Model):
    """One Zoom user's authorization of the customer's Zoom app, as Attendee keeps it.

    Date-times are timezone-aware, in UTC. ``state`` is a ``ZoomOAuthConnectionState``
    member, the raw string for a state this version does not know, or None.
    """

    id: str
    zoom_oauth_app_id: str
    user_id: str
    account_id: str
    state: ZoomOAuthConnectionState | str | None
    # The two objects are left out of the hash (dicts are unhashable), so a connection can
    # still go in a set or be a dict key; equality still compares them.
    metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    is_local_recording_token_supported: bool
    is_onbehalf_token_supported: bool
    connection_failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    created_at: datetime
    updated_at: datetime
    last_successful_sync_at: datetime | None
    last_attempted_sync_at: datetime | None
