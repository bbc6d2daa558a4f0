"""``client.zoom_oauth_connections``: Zoom OAuth connections of the project.

Both flavours by their public names; the source is ``_async/zoom_oauth_connections.py``.
"""

from attendee_client.resources._async.zoom_oauth_connections import (
    AsyncZoomOAuthConnections,
    AsyncZoomOAuthConnectionsWithRawResponse,
)
from attendee_client.resources._sync.zoom_oauth_connections import (
    ZoomOAuthConnections,
    ZoomOAuthConnectionsWithRawResponse,
)

__all__ = [
    "AsyncZoomOAuthConnections",
    "AsyncZoomOAuthConnectionsWithRawResponse",
    "ZoomOAuthConnections",
    "ZoomOAuthConnectionsWithRawResponse",
]
