"""One module per API resource; each holds its sync and async class side by side."""

from attendee_client.resources.zoom_oauth_connections import (
    AsyncZoomOAuthConnections,
    ZoomOAuthConnections,
)

__all__ = ["AsyncZoomOAuthConnections", "ZoomOAuthConnections"]
