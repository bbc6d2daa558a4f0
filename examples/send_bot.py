"""The whole job: send a bot to a meeting, wait for it to end, download the recording with a
progress bar, and write the transcript as subtitles and text.

    python examples/send_bot.py [MEETING_URL] [--out DIRECTORY]

With ATTENDEE_API_KEY set it talks to the real API (ATTENDEE_BASE_URL for a self-hosted one)
and the bot really joins MEETING_URL. Without it, it runs offline against the SDK's fake
server, which plays a short meeting: the bot joins, records, the meeting ends, and a
recording waits on the fake's storage origin.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from attendee_client import (
    AttendeeClient,
    AttendeeError,
    BotFailedError,
    WaitTimeoutError,
    transcripts,
)
from attendee_client.testing import FakeAttendeeServer


@contextlib.contextmanager
def connect() -> Iterator[tuple[AttendeeClient, FakeAttendeeServer | None]]:
    """The real API when ATTENDEE_API_KEY is set, else a fake on 127.0.0.1."""
    if os.environ.get("ATTENDEE_API_KEY"):
        with AttendeeClient() as client:
            yield client, None
        return
    with FakeAttendeeServer(api_key="demo-key", auto_advance_bots=True) as fake:
        print(f"No ATTENDEE_API_KEY: using a fake Attendee server at {fake.base_url}")
        # Offline, nobody needs to wait seconds between looks at the bot.
        with AttendeeClient(
            api_key=fake.api_key, base_url=fake.base_url, sleep=lambda seconds: None
        ) as client:
            yield client, fake


class ProgressBar:
    """``[#####.....]  42.0 of 100.0 MB  12.3 MB/s`` on one line of standard output."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = -1

    def __call__(self, done: int, total: int | None) -> None:
        step = 100 * done // total if total else done // 1_000_000
        if step == self.shown:
            return  # redraw once per percent (or megabyte), not per chunk
        self.shown = step
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = f"{done / elapsed / 1e6:6.1f} MB/s"
        if total:
            filled = 30 * done // total
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {done / 1e6:6.1f} of {total / 1e6:.1f} MB"
        else:
            bar = f"{done / 1e6:6.1f} MB"
        print(f"\r  {bar}  {rate}", end="" if done != total else "\n", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("meeting_url", nargs="?", default="https://meet.google.com/abc-defg-hij")
    parser.add_argument("--out", type=Path, default=Path("."), help="where the files go")
    arguments = parser.parse_args(argv[1:])
    arguments.out.mkdir(parents=True, exist_ok=True)
    with connect() as (client, fake):
        try:
            # A deduplication key makes the create safe to retry: a retry never sends a
            # second bot into the meeting.
            bot = client.bots.create(
                meeting_url=arguments.meeting_url,
                bot_name="Notetaker",
                deduplication_key=f"example-{uuid.uuid4()}",
                metadata={"source": "examples/send_bot.py"},
            )
            print(f"Bot {bot.id} is {bot.state}; waiting for the meeting to end")
            if fake is not None:
                # Offline, the fake stands in for the meeting: this is what was said.
                fake.add_utterance(bot.id, "Shall we start?", speaker_name="Ada")
                fake.add_utterance(bot.id, "Yes, the numbers look good.", speaker_name="Grace")
                fake.set_recording(bot.id, 3_000_000)
            bot = client.bots.wait_for(bot.id, timeout=4 * 3600)
            print(f"Bot {bot.id} is {bot.state}; downloading the recording")
            video = arguments.out / f"{bot.id}.mp4"
            size = client.bots.download_recording(bot.id, video, progress=ProgressBar())
            print(f"Wrote {video} ({size:,} bytes)")

            recording = client.bots.recording(bot.id)
            utterances = client.bots.transcript(bot.id)
            start = recording.start_timestamp_ms
            subtitles = arguments.out / f"{bot.id}.srt"
            subtitles.write_text(transcripts.to_srt(utterances, start_ms=start), encoding="utf-8")
            text = transcripts.to_text(utterances, start_ms=start)
            (arguments.out / f"{bot.id}.txt").write_text(text, encoding="utf-8")
            print(f"Wrote {subtitles} and {bot.id}.txt:\n{text}")
        except BotFailedError as error:
            print(f"The bot failed: {error}")
            return 1
        except WaitTimeoutError as error:
            print(f"Gave up waiting: {error}")
            return 1
        except AttendeeError as error:
            print(f"Attendee call failed: {error}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
