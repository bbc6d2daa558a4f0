"""Observability: a DEBUG line per attempt, INFO per retry, WARNING on giving up, and
``ATTENDEE_LOG`` to turn it on without code. No line holds the key or a body."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import warnings

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
    monkeypatch.setattr(_logs, "_warned_about", set())
    for value in ("", "verbose"):
        monkeypatch.setenv("ATTENDEE_LOG", value)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _logs.setup_from_environment()
    assert logger.handlers == before


def test_an_unknown_attendee_log_value_warns_once_naming_the_accepted_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_logs, "_warned_about", set())
    monkeypatch.setenv("ATTENDEE_LOG", "Verbose")
    with pytest.warns(UserWarning, match="ATTENDEE_LOG='verbose'.*use debug or info"):
        _logs.setup_from_environment()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _logs.setup_from_environment()  # once: no second warning


def test_attendee_log_debug_prints_attempts_to_stderr_without_code() -> None:
    script = (
        "import httpx, attendee_client as a\n"
        "def answer(request): return httpx.Response(404, json={'error': 'nope'})\n"
        "http = httpx.Client(transport=httpx.MockTransport(answer))\n"
        "c = a.AttendeeClient(api_key='k-secret', base_url='https://x.test', http_client=http)\n"
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


# --- handlers: no line lost to the last-resort handler, none printed twice -----------------

# An app that makes one call answered 503 twice: two DEBUG attempt lines, one INFO retry line,
# one WARNING give-up line. {before} and {after} run before and after importing the SDK.
APP = """
import logging, sys, httpx
{before}
import attendee_client as a
{after}
def answer(request): return httpx.Response(503)
http = httpx.Client(transport=httpx.MockTransport(answer))
c = a.AttendeeClient(
    api_key="k-secret", base_url="https://x.test", http_client=http, max_retries=1,
    sleep=lambda s: None,
)
try: c.zoom_oauth_connections.get("zoc_1")
except a.InternalServerError: pass
"""


def run_app(attendee_log: str | None, before: str = "", after: str = "") -> str:
    """Run the app in a fresh interpreter (the SDK's import-time set-up included); its
    standard error."""
    environment = {"PATH": ""}
    if attendee_log is not None:
        environment["ATTENDEE_LOG"] = attendee_log
    completed = subprocess.run(
        [sys.executable, "-c", APP.format(before=before, after=after)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert "k-secret" not in completed.stderr
    return completed.stderr


def line_counts(stderr: str) -> tuple[int, int, int]:
    """How many attempt, retry and give-up lines ``stderr`` holds."""
    return (
        stderr.count("GET /api/v1/zoom_oauth_connections/zoc_1 -> 503 in"),
        stderr.count("Retrying (GET /api/v1/zoom_oauth_connections/zoc_1)"),
        stderr.count("Giving up on (GET /api/v1/zoom_oauth_connections/zoc_1)"),
    )


def test_an_app_without_logging_set_up_prints_nothing_not_even_the_give_up_warning() -> None:
    stderr = run_app(None, after="assert logging.getLogger('attendee_client').handlers")
    assert stderr == ""


def test_attendee_log_alone_prints_each_line_once() -> None:
    assert line_counts(run_app("debug")) == (2, 1, 1)
    assert line_counts(run_app("info")) == (0, 1, 1)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("logging.basicConfig(level=logging.DEBUG)", ""),
        ("", "logging.basicConfig(level=logging.DEBUG)"),
        ("", "logging.basicConfig()"),
        ("", "logging.getLogger('attendee_client').addHandler(logging.StreamHandler())"),
    ],
    ids=["basicConfig-first", "basicConfig-after-import", "root-at-warning", "own-handler"],
)
def test_attendee_log_and_the_apps_own_handlers_print_each_line_once(
    before: str, after: str
) -> None:
    stderr = run_app("debug", before=before, after=after)
    assert line_counts(stderr) == (2, 1, 1)
    assert " attendee_client DEBUG " not in stderr  # all of them through the app's handler


def test_lines_the_apps_handler_filters_out_still_reach_standard_error_once() -> None:
    # The app's root handler takes WARNINGs only: ATTENDEE_LOG=debug prints the rest.
    stderr = run_app(
        "debug",
        after=(
            "handler = logging.StreamHandler(); handler.setLevel(logging.WARNING)\n"
            "handler.setFormatter(logging.Formatter('app %(levelname)s %(message)s'))\n"
            "logging.getLogger().addHandler(handler)"
        ),
    )
    assert line_counts(stderr) == (2, 1, 1)
    assert "app WARNING Giving up" in stderr
    assert stderr.count(" attendee_client DEBUG ") == 2


def test_an_unknown_attendee_log_value_warns_once_at_import() -> None:
    stderr = run_app("verbose", after="a._logs.setup_from_environment()")
    assert stderr.count("UserWarning: ATTENDEE_LOG='verbose'") == 1
    assert "use debug or info" in stderr
    assert line_counts(stderr) == (0, 0, 0)


def test_the_attendee_log_handler_prints_only_what_no_other_handler_takes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # In process, the rule the subprocess tests above check end to end. Not propagating at
    # first: pytest's own capture handlers sit on the root logger.
    logger = logging.getLogger("attendee_client")
    monkeypatch.setattr(logger, "propagate", False)
    handler = _logs._EnvironmentHandler()
    stream = io.StringIO()
    handler.setStream(stream)

    def record(level: int) -> logging.LogRecord:
        return logger.makeRecord(logger.name, level, __file__, 1, "a line", (), None)

    assert handler.handle(record(logging.DEBUG))  # only the SDK's NullHandler: printed
    apps = logging.StreamHandler(io.StringIO())
    apps.setLevel(logging.WARNING)
    monkeypatch.setattr(logger, "handlers", [*logger.handlers, apps])
    assert handler.handle(record(logging.DEBUG))  # the app's handler drops DEBUG
    assert not handler.handle(record(logging.WARNING))  # the app's handler prints it
    assert stream.getvalue().count("attendee_client DEBUG a line") == 2

    monkeypatch.setattr(logger, "handlers", [h for h in logger.handlers if h is not apps])
    monkeypatch.setattr(logger, "propagate", True)
    root_handler = logging.StreamHandler(io.StringIO())
    logging.getLogger().addHandler(root_handler)
    try:
        assert not handler.handle(record(logging.DEBUG))  # the root's handler prints it
    finally:
        logging.getLogger().removeHandler(root_handler)
    assert stream.getvalue().count("a line") == 2
