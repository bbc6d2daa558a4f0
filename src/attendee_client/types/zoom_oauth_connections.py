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
    """Attendee can use the authorization."""
    DISCONNECTED = "disconnected"
    """The user uninstalled the app, or the Zoom account went away."""


@attrs.frozen(kw_only=True)
class ZoomOAuthConnection(Model):
    """One Zoom user's authorization of the customer's Zoom app, as Attendee keeps it."""

    id: str
    """``zoc_`` and 16 letters or digits."""
    zoom_oauth_app_id: str
    """The Zoom OAuth app it belongs to (``zoa_…``)."""
    user_id: str
    """The Zoom user's id."""
    account_id: str
    """The Zoom account's id."""
    state: ZoomOAuthConnectionState | str | None
    """A ``ZoomOAuthConnectionState`` member, or the plain string of a new one; None for a state the
    server cannot name."""
    # The two objects are left out of the hash (dicts are unhashable), so a connection can
    # still go in a set or be a dict key; equality still compares them.
    metadata: Mapping[str, Any] | None = attrs.field(hash=False)
    """Your string keys and values; None when never set."""
    is_local_recording_token_supported: bool
    """Whether bots may get local recording tokens from it."""
    is_onbehalf_token_supported: bool
    """Whether bots may join on behalf of this user."""
    connection_failure_data: Mapping[str, Any] | None = attrs.field(hash=False)
    """Why it was disconnected (``error``, ``timestamp``); None when it was not."""
    created_at: datetime
    """When it was created (aware, UTC)."""
    updated_at: datetime
    """When it last changed (aware, UTC)."""
    last_successful_sync_at: datetime | None
    """When a sync last succeeded (aware, UTC); None until one has."""
    last_attempted_sync_at: datetime | None
    """When a sync was last tried (aware, UTC); None until one has run."""
