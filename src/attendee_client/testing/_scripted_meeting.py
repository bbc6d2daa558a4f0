"""The meeting ``attendee fake`` plays by default: a real meeting seen quickly.

Each fetch of a bot moves it one step along a meeting (joining, in the meeting recording,
post-processing, ended), and as it joins, the meeting fills with what a real one has: two
participants, a short transcript and a recording. So the README's whole job (send, wait,
download, subtitles) and the session of docs/cli.md work pasted into a shell against
``attendee fake``, with nothing steered from Python. Ids are drawn from a seeded source, so
the same commands print the same ids. ``attendee fake --still`` keeps bots where they are,
for a test that steers them itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attendee_client.testing._app import seed_ids

if TYPE_CHECKING:
    from attendee_client.testing._server import FakeAttendeeServer

__all__ = [
    "ID_SEED",
    "PARTICIPANTS",
    "RECORDING_BYTES",
    "TRANSCRIPT",
    "play_meetings",
]

ID_SEED = 25
"""The seed of the ids of a scripted fake: the same commands make the same ids."""

RECORDING_START_MS = 1738576800000
"""When the recording of a scripted meeting starts (2025-02-03 10:00 UTC)."""

RECORDING_BYTES = 2 * 1024 * 1024
"""The size of a scripted meeting's recording."""

PARTICIPANTS = (("Ada Lovelace", "16778240", True), ("Grace Hopper", "16779264", False))
"""Who is in a scripted meeting: name, uuid, whether the host."""

TRANSCRIPT = (
    ("Ada Lovelace", 3000, 2600, "Good morning, everyone."),
    ("Ada Lovelace", 6000, 4100, "Let's start with the release."),
    ("Grace Hopper", 11000, 5200, "The build is green since Friday."),
    ("Ada Lovelace", 17000, 1900, "Then we ship on Tuesday."),
)
"""What is said in a scripted meeting: speaker, start and length (ms from the recording's
start), text."""

_JOINED = frozenset({"joined_recording", "connected"})


class _ScriptedMeetings:
    """Fills each bot's meeting the first time it is joined."""

    def __init__(self, server: FakeAttendeeServer) -> None:
        self.server = server
        self.filled: set[str] = set()

    def state_changed(
        self, bot: dict[str, Any], old: str, event: str | None, sub_type: str | None
    ) -> None:
        if bot["state"] not in _JOINED or bot["id"] in self.filled:
            return
        self.filled.add(bot["id"])
        bot_id = bot["id"]
        speakers = {}
        for name, uuid, is_host in PARTICIPANTS:
            self.server.add_participant(bot_id, name, uuid=uuid, is_host=is_host)
            speakers[name] = (uuid, is_host)
        if self.server.recording_file(bot_id) is None:  # one set by hand wins
            self.server.set_recording(
                bot_id, RECORDING_BYTES, start_timestamp_ms=RECORDING_START_MS
            )
        for name, start_ms, duration_ms, text in TRANSCRIPT:
            uuid, is_host = speakers[name]
            self.server.add_utterance(
                bot_id,
                text,
                speaker_name=name,
                speaker_uuid=uuid,
                speaker_is_host=is_host,
                timestamp_ms=RECORDING_START_MS + start_ms,
                duration_ms=duration_ms,
            )


def play_meetings(server: FakeAttendeeServer) -> FakeAttendeeServer:
    """Make ``server`` play a quick meeting for every bot (see the module's docstring):
    bots advance a step per fetch, fill up as they join, and ids are replayable. Returns
    the server. Call it before the first request."""
    seed_ids(ID_SEED)
    server._bots.auto_advance = True
    server._bots.on_state_change.append(_ScriptedMeetings(server).state_changed)
    return server
