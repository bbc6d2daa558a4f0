"""The Zoom OAuth callback of a web app: exchange the code for a connection, exactly once.

``handle_zoom_callback`` is what your web framework's route would call with the query
parameters Zoom redirected with. Run this file to see it handle one callback against the
embedded fake server (or the real API when ATTENDEE_API_KEY is set).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping

from attendee_client import (
    APIConnectionError,
    AttendeeClient,
    AttendeeError,
    BadRequestError,
    ZoomOAuthConnection,
)
from attendee_client.testing import FakeAttendeeServer


@contextlib.contextmanager
def connect(**seed: int) -> Iterator[tuple[AttendeeClient, FakeAttendeeServer | None]]:
    """The real API when ATTENDEE_API_KEY is set (ATTENDEE_BASE_URL for a self-hosted one),
    else the SDK's fake Attendee server on 127.0.0.1, so that this runs offline."""
    if os.environ.get("ATTENDEE_API_KEY"):
        with AttendeeClient() as client:
            yield client, None
        return
    with FakeAttendeeServer(api_key="demo-key") as server:
        server.add_connections(seed.get("connections", 0))
        print(f"No ATTENDEE_API_KEY set: using the embedded fake server at {server.base_url}\n")
        with AttendeeClient(api_key=server.api_key, base_url=server.base_url) as client:
            yield client, server


REDIRECT_URI = "https://app.example.com/zoom/callback"


def handle_zoom_callback(
    client: AttendeeClient, query: Mapping[str, str], tenant_id: str
) -> tuple[int, str]:
    """Answer Zoom's redirect: (HTTP status, text to show the user)."""
    code = query.get("code")
    if not code:
        return 400, "Zoom did not send an authorization code."
    try:
        conn: ZoomOAuthConnection = client.zoom_oauth_connections.create(
            authorization_code=code,
            redirect_uri=REDIRECT_URI,
            metadata={"tenant_id": tenant_id},
        )
    except BadRequestError as error:
        # The code was refused (expired, used, wrong redirect URI): ask the user again.
        return 400, f"Zoom authorization failed: {error.field_errors or error.message}"
    except AttendeeError as error:
        if error.outcome_unknown:
            # The code may have been exchanged; it must not be sent again. The webhook or a
            # list of connections (filtered on metadata) will tell.
            return 202, "Zoom is connected or about to be; refresh in a minute."
        if isinstance(error, APIConnectionError):
            return 503, "Attendee could not be reached; please try again."
        return 502, "Attendee refused the request; please try again later."
    # Store conn.id with the tenant: it is what bots and webhooks refer to.
    return 200, f"Zoom connected for user {conn.user_id} ({conn.id})."


def main() -> int:
    with connect() as (client, server):
        if server is not None:
            server.add_authorization_code("zoom-code-123", user_id="zoom-user-42")
        status, text = handle_zoom_callback(client, {"code": "zoom-code-123"}, tenant_id="t-1")
        print(status, text)
        status, text = handle_zoom_callback(client, {"code": "zoom-code-123"}, tenant_id="t-1")
        print(status, text, "(the same code again)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
