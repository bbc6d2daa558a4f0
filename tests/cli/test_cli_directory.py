"""``attendee calendars``, ``calendar-events``, ``zoom-oauth-connections``, ``webhooks`` and
``fake``."""

from __future__ import annotations

import base64
import io
import json
import signal
import subprocess
import sys

import httpx
import pytest

from attendee_client import webhooks
from attendee_client.cli import Runtime, main
from attendee_client.testing import FakeAttendeeServer
from tests.cli.test_cli import Cli, table

# --- calendars --------------------------------------------------------------------------------


def test_calendars_list_get_create_update_delete(cli: Cli, fake: FakeAttendeeServer) -> None:
    created = cli.run(
        "calendars",
        "create",
        "--platform",
        "google",
        "--client-id",
        "cid",
        "--client-secret",
        "a-client-secret-1",
        "--refresh-token",
        "a-refresh-token-1",
        "--metadata",
        "tenant=t1",
        "--dedup-key",
        "cal-1",
        "--json",
    )
    assert created.code == 0, created.err
    calendar = created.json()
    assert calendar == fake.calendars[0]
    assert "a-client-secret-1" not in created.out

    listed = cli.run("calendars", "list")
    assert table(listed.out)[0] == ["ID", "PLATFORM", "STATE", "LAST SYNC", "DEDUP KEY"]
    assert table(listed.out)[1][:3] == [calendar["id"], "google", "connected"]

    shown = cli.run("calendars", "get", calendar["id"])
    assert "metadata       tenant=t1" in shown.out

    updated = cli.run("calendars", "update", calendar["id"], "--metadata", "tenant=t2", "--json")
    assert updated.json()["metadata"] == {"tenant": "t2"}
    assert cli.run("calendars", "update", calendar["id"]).code == 2

    deleted = cli.run("calendars", "delete", calendar["id"])
    assert deleted.err == f"Deleted calendar {calendar['id']}.\n"
    assert cli.run("calendars", "get", calendar["id"]).code == 1


def test_calendar_events_list_sends_its_filters(cli: Cli, fake: FakeAttendeeServer) -> None:
    calendar = fake.add_calendar()
    event = fake.add_calendar_event(calendar["id"], name="Weekly sync")

    result = cli.run(
        "calendar-events",
        "list",
        "--calendar",
        calendar["id"],
        "--start-after",
        "2020-01-01T00:00:00Z",
        "--end-before",
        "2040-01-01T00:00:00+01:00",
    )
    raw = cli.run("calendar-events", "list", "--json")

    assert result.code == 0, result.err
    query = httpx.URL(fake.requests[0].path).params
    assert query["calendar_id"] == calendar["id"]
    assert query["start_time_gte"].startswith("2020-01-01T00:00:00")
    assert query["end_time_lte"].startswith("2039-12-31T23:00:00")
    assert table(result.out)[1][0] == event["id"]
    assert "Weekly sync" in result.out
    assert raw.json() == [event]


# --- Zoom OAuth connections --------------------------------------------------------------------


def test_connections_list_get_create_delete(cli: Cli, fake: FakeAttendeeServer) -> None:
    example = fake.example_connection_id
    fake.add_authorization_code("code-1", user_id="user_new")

    listed = cli.run("zoom-oauth-connections", "list", "--json")
    assert [connection["id"] for connection in listed.json()] == [example]

    shown = cli.run("zoom-oauth-connections", "get", example)
    assert f"id          {example}" in shown.out

    created = cli.run(
        "zoom-oauth-connections",
        "create",
        "--code",
        "code-1",
        "--redirect-uri",
        "https://app.example.com/zoom/callback",
        "--no-onbehalf-token",
        "--json",
    )
    assert created.code == 0, created.err
    assert created.json()["user_id"] == "user_new"
    assert json.loads(fake.requests[-1].body)["is_onbehalf_token_supported"] is False

    deleted = cli.run("zoom-oauth-connections", "delete", example)
    assert deleted.err == f"Deleted Zoom OAuth connection {example}.\n"
    assert cli.run("zoom-oauth-connections", "get", example).code == 1


# --- webhooks ---------------------------------------------------------------------------------

SECRET = base64.b64encode(b"webhook-secret-for-the-cli-tests").decode()
DELIVERY = {
    "idempotency_key": "6f1c2b1e-0000-4000-8000-000000000001",
    "bot_id": "bot_jrVE3PpEkXWGGOAm",
    "bot_metadata": {"tenant": "t1"},
    "trigger": "bot.state_change",
    "data": {
        "event_type": "post_processing_completed",
        "event_sub_type": None,
        "event_metadata": None,
        "old_state": "post_processing",
        "new_state": "ended",
        "created_at": "2025-01-13T10:30:00.000000Z",
    },
}


def test_webhooks_verify_prints_the_typed_event(cli: Cli) -> None:
    body = json.dumps(DELIVERY)
    signature = webhooks.sign_payload(DELIVERY, SECRET)

    shown = cli.run("webhooks", "verify", "--signature", signature, "--secret", SECRET, stdin=body)
    raw = cli.run(
        "webhooks",
        "verify",
        "--signature",
        signature,
        "--json",
        stdin=body,
        environ={"ATTENDEE_WEBHOOK_SECRET": SECRET},
    )

    assert shown.code == 0, shown.err
    fields = dict(line.split(maxsplit=1) for line in shown.out.splitlines())
    assert fields["verified"] == "yes (BotStateChangeEvent)"
    assert fields["trigger"] == "bot.state_change"
    assert fields["data.new_state"] == "ended"
    assert "app_session_id" not in fields  # not in the delivery
    assert raw.json() == DELIVERY
    assert SECRET not in shown.out + shown.err + raw.out + raw.err


def test_a_delivery_that_does_not_verify_is_exit_1_with_the_reason(cli: Cli) -> None:
    signature = webhooks.sign_payload(DELIVERY, SECRET)
    changed = json.dumps({**DELIVERY, "bot_id": "bot_someoneElse0000"})

    result = cli.run(
        "webhooks", "verify", "--signature", signature, "--secret", SECRET, stdin=changed
    )
    unsigned = cli.run("webhooks", "verify", "--secret", SECRET, stdin=changed)

    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "attendee: error: the webhook signature does not match: the body was changed, or "
        "signed with another secret\n"
    )
    assert unsigned.code == 2  # a usage error, not a bad delivery
    assert "the following arguments are required: --signature" in unsigned.err
    assert SECRET not in result.err


def test_webhooks_sign_prints_a_signature_that_verifies(cli: Cli) -> None:
    body = json.dumps(DELIVERY)

    result = cli.run("webhooks", "sign", "--secret", SECRET, stdin=body)

    assert result.code == 0
    assert webhooks.verify_signature(body, result.out.strip(), SECRET)


def test_webhooks_without_a_secret_is_a_usage_error(cli: Cli) -> None:
    result = cli.run("webhooks", "sign", stdin="{}", environ={})

    assert result.code == 2
    assert "no webhook secret" in result.err


def test_webhooks_read_stdin_as_bytes(cli: Cli) -> None:
    body = json.dumps({**DELIVERY, "bot_metadata": {"name": "Zoë"}}, ensure_ascii=False)
    stdin = io.TextIOWrapper(io.BytesIO(body.encode("utf-8")), encoding="utf-8")
    out = io.StringIO()
    runtime = Runtime(stdin=stdin, stdout=out, stderr=io.StringIO(), environ={})

    code = main(["webhooks", "sign", "--secret", SECRET], runtime)

    assert code == 0
    assert webhooks.verify_signature(body.encode(), out.getvalue().strip(), SECRET)


# --- the fake server ------------------------------------------------------------------------


def test_attendee_fake_serves_until_interrupted() -> None:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "attendee_client",
            "fake",
            "--bots",
            "2",
            "--api-key",
            "fake-key-for-the-cli",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().strip()
        assert server.stdout.readline() == "API key: fake-key-for-the-cli\n"
        out, err = io.StringIO(), io.StringIO()
        # The default client factory: a real client, over a socket on 127.0.0.1.
        runtime = Runtime(
            stdout=out,
            stderr=err,
            environ={"ATTENDEE_API_KEY": "fake-key-for-the-cli", "ATTENDEE_BASE_URL": base_url},
        )
        assert main(["bots", "list", "--json"], runtime) == 0, err.getvalue()
        assert len(json.loads(out.getvalue())) == 2
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=30)
    assert server.returncode == 0
    assert "Traceback" not in errors


def test_attendee_fake_help_is_the_fake_servers(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fake", "--help"], Runtime(stdout=io.StringIO(), stderr=io.StringIO()))

    assert code == 0
    assert "--auto-advance-bots" in capsys.readouterr().out
