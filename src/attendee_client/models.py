"""The data classes users get back: frozen, slotted attrs classes and their enums."""

# No ``from __future__ import annotations`` here: cattrs reads these annotations at import,
# and real type objects are what its hooks are registered under.

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import Any

import attrs

from attendee_client import _serde

__all__ = ["ZoomOAuthConnection", "ZoomOAuthConnectionState"]


class ZoomOAuthConnectionState(str, Enum):
    """The state of a Zoom OAuth connection.

    The server may add states later, and sends null for one it cannot map, so a
    connection's ``state`` is typed ``ZoomOAuthConnectionState | str | None``: a value this
    version does not know arrives as the plain string, never as an error.
    """

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class ZoomOAuthConnection:
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
    metadata: dict[str, Any] | None = attrs.field(hash=False)
    is_local_recording_token_supported: bool
    is_onbehalf_token_supported: bool
    connection_failure_data: dict[str, Any] | None = attrs.field(hash=False)
    created_at: datetime
    updated_at: datetime
    last_successful_sync_at: datetime | None
    last_attempted_sync_at: datetime | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ZoomOAuthConnection":
        """Build a connection from its JSON object; unknown keys are ignored.

        Raises ValueError naming the field when a required field is missing or mistyped.
        """
        return _serde.structure(data, cls)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object the server would send for this connection."""
        return _serde.unstructure(self)


_serde.register_extensible_enum(ZoomOAuthConnectionState)
_serde.register_model(ZoomOAuthConnection)
