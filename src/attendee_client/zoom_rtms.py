"""Zoom RTMS: the ``zoom_rtms`` argument of ``client.app_sessions.create`` from Zoom's webhook."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attendee_client.resources._arguments.app_sessions import zoom_rtms_shape
from attendee_client.types.settings import ZoomRtms

__all__ = ["zoom_rtms_from_webhook"]

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
    zoom_rtms_shape(rtms, "zoom_rtms")
    return rtms
