"""What ``client.app_sessions`` checks and sends, the same for both flavours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attendee_client import _argument_checks as check
from attendee_client.errors import AttendeeError, InternalServerError
from attendee_client.resources._arguments.bots import SETTINGS_CHECKS

APP_SESSIONS = "/api/v1/app_sessions"
APP_SESSION = APP_SESSIONS + "/{app_session_id}"

CREATE_HINT = (
    "the app session may exist: list bots with deduplication_key=... (app sessions are listed "
    "with the bots) before trying again"
)
END_HINT = "the session may be ending: get it with client.bots.get(app_session_id) to check"

zoom_rtms_shape = check.shape(
    {
        "meeting_uuid": check.require_text,
        "rtms_stream_id": check.require_text,
        "server_urls": check.require_text,
    },
    {"operator_id": check.require_text},
)


def create_body(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The body of an app-session create, after checking every argument; raises naming it."""
    if fields["zoom_rtms"] is None:
        raise TypeError("zoom_rtms is required (the meeting.rtms_started webhook's payload)")
    checks: dict[str, check.Check] = {"zoom_rtms": zoom_rtms_shape, **SETTINGS_CHECKS}
    return check.body(**{name: (fields[name], checks[name]) for name in checks if name in fields})


def end_body(rtms_stream_id: str) -> dict[str, Any]:
    """The body that ends the session on ``rtms_stream_id``."""
    return {"zoom_rtms": {"rtms_stream_id": check.require_text(rtms_stream_id, "rtms_stream_id")}}


def explain_end_failure(error: AttendeeError, rtms_stream_id: str) -> AttendeeError:
    """The server answers an HTML 500 when two app sessions share the stream id (it finds
    the session by stream id and expects exactly one): say so in the error."""
    if not isinstance(error, InternalServerError) or error.status_code != 500:
        return error
    explained = InternalServerError(
        f"{error.message}; the server could not end the app session on stream "
        f"{rtms_stream_id!r} (it answers 500 when more than one app session uses that stream "
        "id)",
        response=error.response,
        body=error.body,
    )
    explained.attempts = error.attempts
    explained.outcome_unknown = error.outcome_unknown
    explained.outcome_hint = error.outcome_hint
    return explained
