"""The bot state machine of the real server, as data: its states, which of them are final or
in a meeting, and the happy path a meeting takes (``shared/api/bots.md``)."""

from __future__ import annotations

__all__ = ["FINAL", "HAPPY_PATH", "IN_MEETING", "LEAVE_ALLOWED", "STATES"]

STATES = [
    "ready",
    "joining",
    "joined_not_recording",
    "joined_recording",
    "leaving",
    "post_processing",
    "fatal_error",
    "waiting_room",
    "ended",
    "data_deleted",
    "scheduled",
    "staged",
    "joined_recording_paused",
    "joining_breakout_room",
    "leaving_breakout_room",
    "joined_recording_permission_denied",
    "connecting",
    "connected",
    "disconnecting",
]
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

# The happy path ``advance_bot`` walks: state -> (next state, events to add).
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
}
