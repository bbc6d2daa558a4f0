"""What ``client.app_sessions`` checks and sends, the same for both flavours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attendee_client import _validation as check
from attendee_client.errors import AttendeeError, InternalServerError
from attendee_client.resources._arguments.bots import SETTINGS_CHECKS
from attendee_client.types.settings import ZoomRtms

APP_SESSIONS = "/api/v1/app_sessions"
APP_SESSION = APP_SESSIONS + "/{app_session_id}"

CREATE_HINT = (
    "the app session may exist: list bots with deduplication_key=... (app sessions are listed "
    "with the bots) before trying again"
)
END_HINT = "the session may be ending: get it with client.bots.get(app_session_id) to check"

_zoom_rtms = check.shape(
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
    checks: dict[str, check.Check] = {"zoom_rtms": _zoom_rtms, **SETTINGS_CHECKS}
    return check.body(**{name: (fields[name], checks[name]) for name in checks if name in fields})


def end_body(rtms_stream_id: str) -> dict[str, Any]:
    """The body that ends the session on ``rtms_stream_id``."""
    return {"zoom_rtms": {"rtms_stream_id": check.require_text(rtms_stream_id, "rtms_stream_id")}}


_ZOOM_RTMS_KEYS = ("meeting_uuid", "rtms_stream_id", "server_urls", "operator_id")


def zoom_rtms_from_webhook(body: Mapping[str, Any]) -> ZoomRtms:
    """The ``zoom_rtms`` of an app-session create, from the body of Zoom's
    ``meeting.rtms_started`` webhook (the whole body, or its ``payload``).

    Keeps exactly the stream's description (``meeting_uuid``, ``rtms_stream_id``,
    ``server_urls`` and, when present, ``operator_id``). Raises ValueError naming what is
    missing, and for another event.
    """
    if not isinstance(body, Mapping):
        raise TypeError(f"the webhook body must be a mapping, not {type(body).__name__}")
    event = body.get("event")
    if event is not None and event != "meeting.rtms_started":
        raise ValueError(f"expected a meeting.rtms_started webhook, got {event!r}")
    payload = body.get("payload", body)
    if not isinstance(payload, Mapping):
        raise ValueError("the webhook's payload is not an object")
    missing = [key for key in _ZOOM_RTMS_KEYS[:3] if not payload.get(key)]
    if missing:
        raise ValueError(f"the webhook's payload has no {', '.join(missing)}")
    rtms: ZoomRtms = {
        "meeting_uuid": payload["meeting_uuid"],
        "rtms_stream_id": payload["rtms_stream_id"],
        "server_urls": payload["server_urls"],
    }
    if payload.get("operator_id"):
        rtms["operator_id"] = payload["operator_id"]
    _zoom_rtms(rtms, "zoom_rtms")
    return rtms


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
