"""The data classes users get back: frozen, slotted, keyword-only attrs classes and enums.

Models are keyword-only (``ZoomOAuthConnection(id=..., ...)``) so that a field added in a
later version never shifts a caller's positional arguments. JSON objects inside a model
(``metadata``, ``connection_failure_data``) are typed ``Mapping``: read-only to a type
checker. They are the dicts decoded from the response, not copies wrapped in a
``MappingProxyType``: wrapping every nested object of every page would cost more than the
rest of the parse, for a protection that a type checker already gives.
"""

# No ``from __future__ import annotations`` here: cattrs reads these annotations at import,
# and real type objects are what its hooks dispatch on.

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

import attrs

from attendee_client import _serde

__all__ = ["ExtensibleEnum", "Model", "ZoomOAuthConnection", "ZoomOAuthConnectionState"]

M = TypeVar("M", bound="Model")


class ExtensibleEnum(Enum):
    """An enum of an open set of server values.

    Fields of such a type are annotated ``TheEnum | str``: a known value arrives as the
    member, a value this version does not know as the plain string, never as an error.
    A member compares equal to its string value (``state == "connected"``) and prints as
    it. It does not subclass ``str``, so a type checker keeps the enum in the union.
    """

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return bool(self.value == other)
        return self is other

    def __hash__(self) -> int:
        return hash(self.value)

    def __str__(self) -> str:
        return str(self.value)


class Model:
    """The base of every model: ``from_dict`` and ``to_dict``, the generated-client pair."""

    __slots__ = ()

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build one from its JSON object; unknown keys are ignored.

        Raises ValueError naming the field when a required field is missing or mistyped.
        """
        return _serde.structure(data, cls)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object the server would send for this object."""
        return _serde.unstructure(self)


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
