"""A user's tests of examples/notetaker.py, with the fixtures attendee-client's pytest plugin
provides (``pip install 'attendee-client[testing]'``): no network, no API key."""

from __future__ import annotations

import pytest
from notetaker import active_notetakers, notes, send_notetaker

from attendee_client import AsyncAttendeeClient, AttendeeClient
from attendee_client.testing import FakeAttendeeServer, Fault

MEETING = "https://meet.google.com/abc-defg-hij"


def test_a_notetaker_is_sent_once_per_meeting(attendee_client: AttendeeClient) -> None:
    first = send_notetaker(attendee_client, MEETING, meeting_id="m-1")
    again = send_notetaker(attendee_client, MEETING, meeting_id="m-2")

    assert first.metadata == {"meeting_id": "m-1"}
    assert again.id != first.id


def test_notes_wait_for_the_end_of_the_meeting(
    attendee_client: AttendeeClient, attendee_server: FakeAttendeeServer
) -> None:
    bot = send_notetaker(attendee_client, MEETING, meeting_id="m-1")
    attendee_server.advance_bot(bot.id)  # in the meeting, recording
    attendee_server.add_utterance(bot.id, "Shall we start?", speaker_name="Ada")

    assert notes(attendee_client, bot.id) is None

    attendee_server.advance_bot(bot.id, steps=2)  # the meeting ends
    assert notes(attendee_client, bot.id) == "Ada: Shall we start?"


@pytest.mark.attendee(faults=[(Fault.respond(503), {"method": "POST"})])
def test_a_busy_server_is_retried(
    attendee_client: AttendeeClient, attendee_server: FakeAttendeeServer
) -> None:
    bot = send_notetaker(attendee_client, MEETING, meeting_id="m-1")

    assert bot.state == "joining"
    assert [r.method for r in attendee_server.requests] == ["POST", "POST"]


@pytest.mark.attendee(bots=3)
async def test_active_notetakers_ignore_other_bots(
    async_attendee_client: AsyncAttendeeClient, attendee_server: FakeAttendeeServer
) -> None:
    ours = attendee_server.add_bot(metadata={"meeting_id": "m-9"})

    assert await active_notetakers(async_attendee_client) == [ours["id"]]
