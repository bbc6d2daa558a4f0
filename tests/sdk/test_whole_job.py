"""The whole job against the fake server, in process and over real sockets: a bot that the
test moves along (or fails), waited for, its recording downloaded from the fake's second,
storage origin."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from attendee_client import BotFailedError, BotState, NotFoundError
from attendee_client.testing import FakeAttendeeServer, Fault
from tests.conftest import API_KEY, Api, ApiFactory

# Over sockets, the async client runs on the aiohttp transport too (tests/conftest.py).
pytestmark = pytest.mark.over_sockets

MEET = "https://meet.google.com/abc-defg-hij"
SIZE = 2_500_000


@pytest.fixture(params=["in process", "over sockets"])
def job(
    request: pytest.FixtureRequest, make_api: ApiFactory
) -> Iterator[tuple[Api, FakeAttendeeServer]]:
    """Either client against a fake, in process or over 127.0.0.1, sleeping for no time."""
    fake = FakeAttendeeServer(api_key=API_KEY)
    if request.param == "in process":
        yield make_api(fake=fake), fake
        return
    with fake:
        yield make_api(base_url=fake.base_url), fake


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_send_wait_download(job: tuple[Api, FakeAttendeeServer], tmp_path: Path) -> None:
    api, fake = job
    bot = api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="Notes"))
    recording = fake.set_recording(bot.id, SIZE)
    fake.schedule_bot(bot.id, ["joined_recording", "post_processing", "ended"])
    seen: list[tuple[int, int | None]] = []

    ended = api.call(lambda c: c.bots.wait_for(bot.id))
    size = api.call(
        lambda c: c.bots.download_recording(
            bot.id, tmp_path / "m.mp4", progress=lambda done, total: seen.append((done, total))
        )
    )

    assert ended.state is BotState.ENDED
    assert size == SIZE
    assert _digest(tmp_path / "m.mp4") == recording.sha256()
    assert seen[-1] == (SIZE, SIZE)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    for received in fake.storage_requests:
        names = {name.lower() for name in received.headers}
        assert "authorization" not in names
        assert "cookie" not in names
        assert API_KEY not in str(received.headers)
        assert "attendee-client" not in str(received.headers)


def test_a_bot_that_cannot_join_fails_the_wait_at_once(
    job: tuple[Api, FakeAttendeeServer],
) -> None:
    api, fake = job
    bot = api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="Notes"))
    fake.fail_bot(bot.id, "could_not_join_meeting", "meeting_not_found")

    with pytest.raises(BotFailedError, match="could_not_join_meeting / meeting_not_found"):
        api.call(lambda c: c.bots.wait_for(bot.id))


def test_a_drop_mid_file_resumes_with_range_to_an_identical_file(
    job: tuple[Api, FakeAttendeeServer], tmp_path: Path
) -> None:
    api, fake = job
    bot = api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="Notes"))
    recording = fake.set_recording(bot.id, SIZE)
    fake.advance_bot(bot.id, to="ended")
    fake.add_storage_fault(Fault.drop_after(1_000_000))

    api.call(lambda c: c.bots.download_recording(bot.id, tmp_path / "m.mp4"))

    assert _digest(tmp_path / "m.mp4") == recording.sha256()
    ranges = [r.headers.get("range") or r.headers.get("Range") for r in fake.storage_requests]
    assert ranges == [None, "bytes=1000000-"]


def test_an_expired_url_is_refreshed_once(
    job: tuple[Api, FakeAttendeeServer], tmp_path: Path
) -> None:
    api, fake = job
    bot = api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="Notes"))
    recording = fake.set_recording(bot.id, SIZE)
    fake.advance_bot(bot.id, to="ended")
    fake.expire_next_recording_urls(1)

    api.call(lambda c: c.bots.download_recording(bot.id, tmp_path / "m.mp4"))

    assert _digest(tmp_path / "m.mp4") == recording.sha256()
    assert len(fake.storage_requests) == 2


def test_a_storage_that_ignores_range_restarts(
    job: tuple[Api, FakeAttendeeServer], tmp_path: Path
) -> None:
    api, fake = job
    bot = api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="Notes"))
    recording = fake.set_recording(bot.id, SIZE, accept_ranges=False)
    fake.advance_bot(bot.id, to="ended")
    fake.add_storage_fault(Fault.drop_after(700_000))

    api.call(lambda c: c.bots.download_recording(bot.id, tmp_path / "m.mp4"))

    assert _digest(tmp_path / "m.mp4") == recording.sha256()


def test_before_the_meeting_ends_there_is_no_recording_and_no_file(
    job: tuple[Api, FakeAttendeeServer], tmp_path: Path
) -> None:
    api, _ = job
    bot = api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="Notes"))

    with pytest.raises(NotFoundError, match="No recording file found for bot"):
        api.call(lambda c: c.bots.download_recording(bot.id, tmp_path / "m.mp4"))

    assert list(tmp_path.iterdir()) == []
