"""Errors a newcomer meets say what to do (issue #25, items 6 and 7): a text file given for
a recording, a folder that does not exist, a settings file that is not UTF-8, a key with a
newline, a timeout too long for the command line, the server's whole list of valid states,
a usage error's exit status, and an empty ``--api-key``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from attendee_client import AttendeeClient, BadRequestError
from attendee_client.cli import Runtime, main
from tests.cli.test_cli import Cli
from tests.conftest import API_KEY, BASE_URL, Api
from tests.sdk.test_bots import BOT_ID, BOTS_URL

RECORDING_URL = f"{BOTS_URL}/{BOT_ID}/recording"
SIGNED = "https://bucket.storage.test/rec.mp4?X-Amz-Signature=sig"


@pytest.fixture
def routes(mock: respx.MockRouter) -> respx.MockRouter:
    mock.get(RECORDING_URL).respond(200, json={"url": SIGNED, "start_timestamp_ms": 0})
    mock.get(SIGNED).respond(200, content=b"\x00" * 1024)
    return mock


def test_a_text_file_for_a_recording_is_refused_before_anything_is_sent(
    api: Api, routes: respx.MockRouter, tmp_path: Path
) -> None:
    text_file: Any = (tmp_path / "t.txt").open("w")  # what a type checker would flag
    with text_file, pytest.raises(TypeError, match=r"text mode.*open\(name, 'wb'\)"):
        api.call(lambda c: c.bots.download_recording(BOT_ID, text_file))
    text_buffer: Any = io.StringIO()
    with pytest.raises(TypeError, match="text mode"):
        api.call(lambda c: c.bots.download_recording(BOT_ID, text_buffer))
    assert all(route.call_count == 0 for route in routes.routes)


def test_a_file_opened_for_reading_only_is_refused_before_anything_is_sent(
    api: Api, routes: respx.MockRouter, tmp_path: Path
) -> None:
    (tmp_path / "r.mp4").write_bytes(b"old")
    with (
        (tmp_path / "r.mp4").open("rb") as read_only,
        pytest.raises(TypeError, match=r"not opened for writing.*open\(name, 'wb'\)"),
    ):
        api.call(lambda c: c.bots.download_recording(BOT_ID, read_only))
    assert all(route.call_count == 0 for route in routes.routes)
    assert (tmp_path / "r.mp4").read_bytes() == b"old"


def test_a_closed_file_is_refused_before_anything_is_sent(
    api: Api, routes: respx.MockRouter, tmp_path: Path
) -> None:
    closed = (tmp_path / "r.mp4").open("wb")
    closed.close()

    with pytest.raises(ValueError, match="closed file"):
        api.call(lambda c: c.bots.download_recording(BOT_ID, closed))
    assert all(route.call_count == 0 for route in routes.routes)


def test_a_sink_of_the_callers_own_is_written(api: Api, routes: respx.MockRouter) -> None:
    class Sink(io.RawIOBase):  # writable() is False unless overridden: no mode, trusted
        def __init__(self) -> None:
            self.received = bytearray()

        def write(self, data: Any) -> int:
            self.received += data
            return len(data)

    sink: Any = Sink()  # typed as a BinaryIO would be a lie; the SDK only calls write()

    assert api.call(lambda c: c.bots.download_recording(BOT_ID, sink)) == 1024
    assert bytes(sink.received) == b"\x00" * 1024


def test_a_binary_file_object_is_still_written(
    api: Api, routes: respx.MockRouter, tmp_path: Path
) -> None:
    with (tmp_path / "r.mp4").open("wb") as binary_file:
        assert api.call(lambda c: c.bots.download_recording(BOT_ID, binary_file)) == 1024


def test_a_destination_in_a_missing_folder_names_the_destination(
    api: Api, routes: respx.MockRouter, tmp_path: Path
) -> None:
    destination = tmp_path / "no-such-folder" / "meeting.mp4"

    with pytest.raises(FileNotFoundError) as raised:
        api.call(lambda c: c.bots.download_recording(BOT_ID, destination))

    assert str(destination) in str(raised.value)
    assert "does not exist" in str(raised.value)
    assert ".part" not in str(raised.value)
    assert all(route.call_count == 0 for route in routes.routes)


@pytest.mark.parametrize("key", ["sk_live_abcdef123456\n", " sk_live_abcdef123456"])
def test_a_key_with_a_newline_says_to_strip_it(key: str) -> None:
    with pytest.raises(ValueError, match=r"whitespace or a newline.*strip it") as raised:
        AttendeeClient(api_key=key, base_url=BASE_URL)
    assert key.strip() not in str(raised.value)


def test_the_servers_whole_list_of_valid_states_is_kept(api: Api, mock: respx.MockRouter) -> None:
    states = ", ".join(f"state_number_{index}" for index in range(30))
    mock.get(f"{BASE_URL}/api/v1/bots").respond(
        400, json={"error": f"Invalid state: x. Valid states are: {states}"}
    )

    with pytest.raises(BadRequestError) as raised:
        api.call(lambda c: c.bots.list_page())

    assert states in str(raised.value)


def test_a_huge_html_error_page_is_still_cut_short(api: Api, mock: respx.MockRouter) -> None:
    page = "<html><body>" + "x " * 50_000 + "</body></html>"
    mock.get(f"{BASE_URL}/api/v1/bots").mock(
        return_value=httpx.Response(502, text=page, headers={"Content-Type": "text/html"})
    )
    with pytest.raises(Exception) as raised:  # noqa: PT011 - any error; its length matters
        api.call(lambda c: c.with_options(max_retries=0).bots.list_page())
    assert len(str(raised.value)) < 1000


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def cli() -> Any:
    from attendee_client.testing import FakeAttendeeServer

    harness = Cli(FakeAttendeeServer(api_key=API_KEY))
    yield harness
    harness.close()


def test_settings_that_are_not_utf8_name_the_flag(cli: Cli, tmp_path: Path) -> None:
    settings = tmp_path / "bad.json"
    settings.write_bytes(b'{"recording_settings": {"format": "\xff"}}')

    result = cli.run(
        "bots", "create", "https://zoom.us/j/1", "--name", "N", "--settings", str(settings)
    )

    assert result.code == 2
    assert f"--settings: {settings} is not UTF-8 text" in result.err


def test_a_request_timeout_too_long_says_so_in_the_flags_words() -> None:
    err = io.StringIO()
    runtime = Runtime(
        stdin=io.StringIO(),
        stdout=io.StringIO(),
        stderr=err,
        environ={"ATTENDEE_API_KEY": API_KEY, "ATTENDEE_BASE_URL": BASE_URL},
    )

    code = main(["--request-timeout", "1e10", "bots", "list"], runtime)

    assert code == 2
    assert "--request-timeout must be at most" in err.getvalue()
    assert "None" not in err.getvalue()


def test_webhooks_verify_without_a_signature_is_a_usage_error(cli: Cli) -> None:
    result = cli.run("webhooks", "verify", "--secret", "c2VjcmV0", stdin="{}")

    assert result.code == 2
    assert "--signature" in result.err


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_explicitly_empty_api_key_is_an_error_not_the_environment_s(
    cli: Cli, empty: str
) -> None:
    result = cli.run("--api-key", empty, "bots", "list", environ={"ATTENDEE_API_KEY": API_KEY})

    assert result.code == 5
    assert result.err == "attendee: error: --api-key is empty\n"
    assert cli.options == []


# --- bounds (issue #25, item 10) -------------------------------------------------------------


@pytest.mark.parametrize("retries", [11, 10**6, 10**100])
def test_max_retries_past_the_bound_is_refused(retries: int) -> None:
    with pytest.raises(ValueError, match="max_retries must be at most 10, got"):
        AttendeeClient(api_key=API_KEY, base_url=BASE_URL, max_retries=retries)
    with (
        AttendeeClient(api_key=API_KEY, base_url=BASE_URL, max_retries=10) as client,
        pytest.raises(ValueError, match="at most 10"),
    ):
        client.with_options(max_retries=retries)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": 1e300}, "timeout must be at most 604800 seconds"),
        ({"timeout": 7 * 24 * 3600 + 1}, "timeout must be at most 604800 seconds"),
        ({"poll_interval": 1e9}, "poll_interval must be at most 604800 seconds"),
    ],
)
def test_a_wait_past_a_week_is_refused_before_anything_is_sent(
    api: Api, mock: respx.MockRouter, options: dict[str, Any], message: str
) -> None:
    route = mock.route().respond(200)

    with pytest.raises(ValueError, match=message):
        api.call(lambda c: c.bots.wait_for(BOT_ID, **options))
    assert route.call_count == 0


def test_the_cli_says_the_bounds_with_its_flags(cli: Cli) -> None:
    bot = cli.fake.add_bot()

    retries = cli.run("--max-retries", "1000000", "bots", "list")
    wait = cli.run("bots", "wait", bot["id"], "--wait-timeout", "1e300")

    assert retries.code == wait.code == 2
    assert "--max-retries must be at most 10" in retries.err
    assert "--wait-timeout must be at most 604800 seconds" in wait.err
