"""A Zoom RTMS notetaker: forward Zoom's ``meeting.rtms_started`` webhook to Attendee as an
app session, wait for the session to end, and print its transcript.

    python examples/rtms_notetaker.py [WEBHOOK_BODY.json]

With ATTENDEE_API_KEY set it talks to the real API with the webhook body given (what Zoom
sent your app). Without it, it runs offline against the SDK's fake server with a sample
body: the session connects, the meeting ends, and what was said is printed.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attendee_client import (
    AttendeeClient,
    AttendeeError,
    BotFailedError,
    WaitTimeoutError,
    transcripts,
    zoom_rtms_from_webhook,
)
from attendee_client.testing import FakeAttendeeServer

# What Zoom posts to your app's event endpoint when a user opens it in a meeting.
SAMPLE_WEBHOOK: dict[str, Any] = {
    "event": "meeting.rtms_started",
    "event_ts": 1732313171881,
    "payload": {
        "meeting_uuid": "4444AAAiAAAAAiAiAiiAii==",
        "operator_id": "30R7kT7bTIKSNUFEuH_Qlg",
        "rtms_stream_id": "609340fb1ec24e5b8a9b3f5d0e1e9a72",
        "server_urls": "wss://127.0.0.1:443",
    },
}


@contextlib.contextmanager
def connect() -> Iterator[tuple[AttendeeClient, FakeAttendeeServer | None]]:
    """The real API when ATTENDEE_API_KEY is set, else a fake on 127.0.0.1."""
    if os.environ.get("ATTENDEE_API_KEY"):
        with AttendeeClient() as client:
            yield client, None
        return
    with FakeAttendeeServer(api_key="demo-key", auto_advance_bots=True) as fake:
        print(f"No ATTENDEE_API_KEY: using a fake Attendee server at {fake.base_url}")
        with AttendeeClient(
            api_key=fake.api_key, base_url=fake.base_url, sleep=lambda seconds: None
        ) as client:
            yield client, fake


def main(argv: list[str]) -> int:
    body = json.loads(Path(argv[1]).read_text()) if len(argv) > 1 else SAMPLE_WEBHOOK
    with connect() as (client, fake):
        try:
            session = client.app_sessions.create(
                zoom_rtms=zoom_rtms_from_webhook(body),
                metadata={"source": "examples/rtms_notetaker.py"},
            )
            print(
                f"App session {session.id} is {session.state} on stream "
                f"{session.zoom_rtms_stream_id}"
            )
            if fake is not None:
                # Offline, the fake stands in for the meeting: this is what was said.
                fake.add_utterance(session.id, "Welcome, everyone.", speaker_name="Ada")
                fake.add_utterance(session.id, "Thanks, let's begin.", speaker_name="Grace")
            ended = client.app_sessions.wait_for(session.id, timeout=4 * 3600)
            print(f"App session {ended.id} is {ended.state}")
            utterances = client.app_sessions.transcript(session.id)
            print("Transcript:")
            print(transcripts.to_text(transcripts.merge_turns(utterances)), end="")
        except (BotFailedError, WaitTimeoutError) as error:
            print(f"The session did not end well: {error}")
            return 1
        except AttendeeError as error:
            print(f"Attendee call failed: {error}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
