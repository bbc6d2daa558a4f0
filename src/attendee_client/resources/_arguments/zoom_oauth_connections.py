"""What ``client.zoom_oauth_connections`` checks and sends, the same for both flavours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attendee_client._argument_checks import optional_flag, require_metadata, require_text

if TYPE_CHECKING:
    pass

COLLECTION = "/api/v1/zoom_oauth_connections"
ONE = COLLECTION + "/{connection_id}"
# Said with a create whose outcome is unknown: the code may already have been exchanged.
CREATE_HINT = "the connection may exist: list connections to check before trying again"


def create_body(
    authorization_code: str,
    redirect_uri: str,
    zoom_oauth_app_id: str | None,
    is_local_recording_token_supported: bool | None,
    is_onbehalf_token_supported: bool | None,
    metadata: Mapping[str, str] | None,
) -> dict[str, Any]:
    """The JSON body of a create, holding only the fields given, after checking them.

    Raises TypeError or ValueError naming the argument, before anything is sent.
    """
    body: dict[str, Any] = {
        "authorization_code": require_text(authorization_code, "authorization_code"),
        "redirect_uri": require_text(redirect_uri, "redirect_uri"),
    }
    if zoom_oauth_app_id is not None:
        body["zoom_oauth_app_id"] = require_text(zoom_oauth_app_id, "zoom_oauth_app_id")
    local = optional_flag(is_local_recording_token_supported, "is_local_recording_token_supported")
    onbehalf = optional_flag(is_onbehalf_token_supported, "is_onbehalf_token_supported")
    # The server's defaults: local recording tokens on, on-behalf tokens off.
    if local is False and not onbehalf:
        raise ValueError(
            "at least one of is_local_recording_token_supported or "
            "is_onbehalf_token_supported must be true"
        )
    if local is not None:
        body["is_local_recording_token_supported"] = local
    if onbehalf is not None:
        body["is_onbehalf_token_supported"] = onbehalf
    if metadata is not None:
        body["metadata"] = require_metadata(metadata, "metadata")
    return body
