"""A webhook receiver with nothing but the standard library: verify, de-duplicate, handle.

    python examples/webhook_receiver.py

It listens on 127.0.0.1. Offline (the default) it also starts the SDK's fake Attendee
server, subscribes itself to the fake's webhooks, and makes things happen (a bot joins and
leaves, a Zoom connection breaks) so that signed deliveries arrive. In production, point
an Attendee webhook at this server (behind HTTPS) and set ATTENDEE_WEBHOOK_SECRET.
"""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from attendee_client import AttendeeClient, webhooks
from attendee_client.testing import FakeAttendeeServer

# Deliveries are retried, so the same event can arrive twice: remember what was handled.
# (In production keep this in your database, with a unique index on the key.)
handled: set[str] = set()
handled_lock = threading.Lock()
SECRET = ""


def handle(event: webhooks.WebhookEvent) -> None:
    """What your application does with each event."""
    match event:
        case webhooks.BotStateChangeEvent(bot_id=bot_id, data=change):
            print(f"bot {bot_id}: {change.old_state} -> {change.new_state} ({change.event_type})")
        case webhooks.TranscriptUpdateEvent(data=utterance):
            print(f"transcript: {utterance.speaker_name}: {utterance.text}")
        case webhooks.ZoomOAuthConnectionStateChangeEvent(
            zoom_oauth_connection_id=conn_id, data=data
        ):
            print(f"Zoom connection {conn_id} is now {data.state}")
        case webhooks.UnknownWebhookEvent(trigger=trigger):
            print(f"ignored an event this version does not know: {trigger}")
        case _:
            print(f"{event.trigger}")


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            event = webhooks.construct_event(
                body, self.headers.get(webhooks.SIGNATURE_HEADER), SECRET
            )
        except webhooks.WebhookSignatureError:
            self.send_response(401)  # not from Attendee: refuse, and do nothing
            self.end_headers()
            return
        except webhooks.WebhookPayloadError:
            self.send_response(400)
            self.end_headers()
            return
        with handled_lock:
            first_time = event.idempotency_key not in handled
            handled.add(event.idempotency_key)
        # Answer quickly; a real receiver would queue the work instead of doing it here.
        self.send_response(200)
        self.end_headers()
        if first_time:
            handle(event)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


def main() -> int:
    global SECRET
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{receiver.server_address[1]}/attendee/webhooks"
    print(f"receiving webhooks at {url}")
    with FakeAttendeeServer(api_key="demo-key") as fake:
        SECRET = fake.add_webhook(
            url,
            ["bot.state_change", "transcript.update", "zoom_oauth_connection.state_change"],
        )
        with AttendeeClient(api_key=fake.api_key, base_url=fake.base_url) as client:
            bot = client.bots.create(
                meeting_url="https://meet.google.com/abc-defg-hij", bot_name="Notes"
            )
            fake.advance_bot(bot.id)  # the bot joins and records
            fake.add_utterance(bot.id, "Welcome, everyone.", speaker_name="Ada")
            client.bots.leave(bot.id)
            fake.disconnect_connection(fake.example_connection_id)
        if not fake.wait_for_deliveries(4):
            print("not every delivery arrived")
            return 1
        failed = [d for d in fake.webhook_deliveries if not d.delivered]
    receiver.shutdown()
    receiver.server_close()
    print(f"{len(handled)} events handled, {len(failed)} deliveries failed")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
