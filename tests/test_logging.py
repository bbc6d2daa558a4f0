"""Observability: a DEBUG line per attempt, INFO per retry, WARNING on giving up, and
``ATTENDEE_LOG`` to turn it on without code. No line holds the key or a body."""

from __future__ import annotations

import logging
import subprocess
import sys

import httpx
import pytest
import respx

from attendee_client import InternalServerError, _logs
from tests.conftest import API_KEY, DETAIL_URL, EXAMPLE_ID, Api, example_bytes

PATH = f"/api/v1/zoom_oauth_connections/{EXAMPLE_ID}"


def sdk_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "attendee_client"]


def test_each_attempt_is_logged_at_debug_with_method_path_status_time_and_attempt(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="attendee_client")
    mock.get(DETAIL_URL).mock(
        side_effect=[httpx.Response(503), httpx.Response(200, content=example_bytes())]
    )

    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID, extra_query={"q": "s"}))

    debug = [r.getMessage() for r in sdk_records(caplog) if r.levelno == logging.DEBUG]
    assert len(debug) == 2
    assert debug[0].startswith(f"GET {PATH} -> 503 in ")
    assert debug[0].endswith("ms (attempt 1 of 3)")
    assert debug[1].startswith(f"GET {PATH} -> 200 in ")
    assert debug[1].endswith("ms (attempt 2 of 3)")


def test_a_connection_failure_is_logged_by_its_kind(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="attendee_client")
    mock.get(DETAIL_URL).mock(
        side_effect=[httpx.ConnectError("x"), httpx.Response(200, content=example_bytes())]
    )

    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    first = next(r.getMessage() for r in sdk_records(caplog) if r.levelno == logging.DEBUG)
    assert first.startswith(f"GET {PATH} -> APIConnectionError in ")


def test_giving_up_is_a_warning(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="attendee_client")
    mock.get(DETAIL_URL).respond(503)

    with pytest.raises(InternalServerError):
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    levels = [r.levelno for r in sdk_records(caplog)]
    assert levels == [logging.INFO, logging.INFO, logging.WARNING]
    warning = sdk_records(caplog)[-1].getMessage()
    assert warning == f"Giving up on (GET {PATH}) after 3 attempts: status 503"


def test_no_log_line_holds_the_key_a_header_or_a_body(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    mock.post(DETAIL_URL.rsplit("/", 1)[0]).respond(503, json={"detail": "secret-body-text"})

    with pytest.raises(InternalServerError):
        api.call(
            lambda c: c.zoom_oauth_connections.create(
                authorization_code="code-secret", redirect_uri="https://app.test/cb"
            )
        )

    text = "\n".join(record.getMessage() for record in caplog.records)
    assert text
    for secret in (API_KEY, "code-secret", "secret-body-text", "Authorization"):
        assert secret not in text


def test_nothing_is_logged_when_debug_is_off(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="attendee_client")
    mock.get(DETAIL_URL).respond(200, content=example_bytes())

    api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))

    assert sdk_records(caplog) == []


@pytest.mark.parametrize(("value", "level"), [("debug", logging.DEBUG), ("INFO", logging.INFO)])
def test_attendee_log_turns_logging_on_once(
    monkeypatch: pytest.MonkeyPatch, value: str, level: int
) -> None:
    logger = logging.getLogger("attendee_client")
    before = (list(logger.handlers), logger.level)
    monkeypatch.setenv("ATTENDEE_LOG", value)
    try:
        _logs.setup_from_environment()
        _logs.setup_from_environment()
        added = [h for h in logger.handlers if h not in before[0]]
        assert len(added) == 1
        assert logger.level == level
    finally:
        logger.handlers[:] = before[0]
        logger.setLevel(before[1])


def test_attendee_log_unset_or_unknown_adds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("attendee_client")
    before = list(logger.handlers)
    for value in ("", "verbose"):
        monkeypatch.setenv("ATTENDEE_LOG", value)
        _logs.setup_from_environment()
    assert logger.handlers == before


def test_attendee_log_debug_prints_attempts_to_stderr_without_code() -> None:
    script = (
        "import httpx, attendee_client as a\n"
        "def answer(request): return httpx.Response(404, json={'error': 'nope'})\n"
        "http = httpx.Client(transport=httpx.MockTransport(answer))\n"
        "c = a.AttendeeClient('k-secret', base_url='https://x.test', http_client=http)\n"
        "try: c.zoom_oauth_connections.get('zoc_1')\n"
        "except a.NotFoundError: pass\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"ATTENDEE_LOG": "debug", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert "GET /api/v1/zoom_oauth_connections/zoc_1 -> 404 in" in result.stderr
    assert "k-secret" not in result.stderr
