"""The bot state machine of the real server, as data: its states, which of them are final or
in a meeting, the happy path a meeting (or an app session) takes, and how a bot fails
(``shared/api/bots.md``, ``app-sessions.md``)."""

from __future__ import annotations

import attrs

from attendee_client.testing._surface import bot_states

__all__ = [
    "FINAL",
    "HAPPY_PATH",
    "IN_MEETING",
    "LEAVE_ALLOWED",
    "STATES",
    "BotFailure",
    "path_from",
]

STATES = bot_states()
FINAL = ("fatal_error", "ended", "data_deleted")
IN_MEETING = (
    "joined_not_recording",
    "joined_recording",
    "joined_recording_paused",
    "joined_recording_permission_denied",
)
LEAVE_ALLOWED = (
    "joined_recording_paused",
    "joined_recording",
    "joined_not_recording",
    "joined_recording_permission_denied",
    "waiting_room",
    "joining",
    "joining_breakout_room",
    "leaving_breakout_room",
)

# The happy path ``advance_bot`` walks: state -> (next state, events to add). App sessions
# (connecting, connected, disconnecting) share post-processing with bots.
HAPPY_PATH: dict[str, tuple[str, tuple[str, ...]]] = {
    "scheduled": ("joining", ("join_requested",)),
    "ready": ("joining", ("join_requested",)),
    "staged": ("joining", ("join_requested",)),
    "joining": ("joined_recording", ("joined_meeting", "recording_permission_granted")),
    "waiting_room": ("joined_recording", ("joined_meeting", "recording_permission_granted")),
    "joined_not_recording": ("post_processing", ("meeting_ended",)),
    "joined_recording": ("post_processing", ("meeting_ended",)),
    "joined_recording_paused": ("post_processing", ("meeting_ended",)),
    "joined_recording_permission_denied": ("post_processing", ("meeting_ended",)),
    "leaving": ("post_processing", ("left_meeting",)),
    "post_processing": ("ended", ("post_processing_completed",)),
    "connecting": ("connected", ("app_session_connected",)),
    "connected": ("disconnecting", ("app_session_disconnect_requested",)),
    "disconnecting": ("post_processing", ("app_session_disconnected",)),
}

# The states each failure event may come from, and the sub-types the server pairs with it
# (a database constraint of the server's).
_FAILURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fatal_error": (
        (
            "joining",
            "joined_recording_paused",
            "joined_recording",
            "joined_not_recording",
            "joined_recording_permission_denied",
            "waiting_room",
            "leaving",
            "post_processing",
            "staged",
            "scheduled",
            "joining_breakout_room",
            "leaving_breakout_room",
            "connecting",
            "disconnecting",
            "connected",
        ),
        (
            "process_terminated",
            "attendee_internal_error",
            "out_of_credits",
            "rtmp_connection_failed",
            "ui_element_not_found",
            "heartbeat_timeout",
            "global_runtime_timeout",
            "bot_not_launched",
        ),
    ),
    "could_not_join_meeting": (
        ("joining", "waiting_room"),
        (
            "meeting_not_started_waiting_for_host",
            "unable_to_connect_to_meeting",
            "waiting_room_timeout_exceeded",
            "zoom_authorization_failed",
            "login_required",
            "authorized_user_not_in_meeting_timeout_exceeded",
            "bot_login_attempt_failed",
            "zoom_meeting_status_failed",
            "unpublished_zoom_app",
            "zoom_sdk_internal_error",
            "request_to_join_denied",
            "meeting_not_found",
            "blocked_by_captcha",
            "zoom_app_cannot_join_anonymously",
        ),
    ),
}
_DEFAULT_SUB_TYPES = {
    "fatal_error": "process_terminated",
    "could_not_join_meeting": "meeting_not_found",
}


def path_from(state: str) -> list[str]:
    """The states a bot in ``state`` goes through along the happy path, ``state`` first."""
    path = [state]
    while path[-1] in HAPPY_PATH:
        path.append(HAPPY_PATH[path[-1]][0])
    return path


@attrs.frozen
class BotFailure:
    """How a bot fails: the event that puts it in ``fatal_error`` and its sub-type.

    ``event_type`` is ``"fatal_error"`` (the bot crashed; sub-types such as
    ``process_terminated``, ``heartbeat_timeout``) or ``"could_not_join_meeting"`` (from
    ``joining`` or ``waiting_room`` only; sub-types such as ``meeting_not_found``,
    ``request_to_join_denied``). ``sub_type`` defaults to ``process_terminated`` and
    ``meeting_not_found``. Raises ValueError for a pair the real server never records.
    """

    event_type: str = "fatal_error"
    sub_type: str = attrs.field()

    @sub_type.default
    def _default_sub_type(self) -> str:
        return _DEFAULT_SUB_TYPES.get(self.event_type, "")

    def __attrs_post_init__(self) -> None:
        if self.event_type not in _FAILURES:
            raise ValueError(
                f"a bot fails with fatal_error or could_not_join_meeting, not {self.event_type!r}"
            )
        sub_types = _FAILURES[self.event_type][1]
        if self.sub_type not in sub_types:
            raise ValueError(
                f"{self.event_type} comes with one of these sub-types: {', '.join(sub_types)}; "
                f"not {self.sub_type!r}"
            )

    def refusal(self, state: str) -> str | None:
        """The server's message when a bot in ``state`` cannot fail this way, or None."""
        allowed = _FAILURES[self.event_type][0]
        if state in allowed:
            return None
        return (
            f"Event {self.event_type} not allowed when bot is in state {state}. "
            f"It is only allowed in these states: {', '.join(allowed)}"
        )
