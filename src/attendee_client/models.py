"""The model bases and the Zoom OAuth connection model, under their original names.

Kept so that ``from attendee_client.models import ...`` goes on working: the bases live in
``attendee_client._models`` and every model in ``attendee_client.types``.
"""

from attendee_client._models import ExtensibleEnum, Model
from attendee_client.types.zoom_oauth_connections import (
    ZoomOAuthConnection,
    ZoomOAuthConnectionState,
)

__all__ = ["ExtensibleEnum", "Model", "ZoomOAuthConnection", "ZoomOAuthConnectionState"]
