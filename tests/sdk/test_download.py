"""``bots.download_recording`` and ``app_sessions.download_media`` on both clients, against a
replayed storage host: what reaches storage, resumption, expiry, and that a failure leaves
nothing behind."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from attendee_client import DownloadError, NotFoundError
from tests.conftest import API_KEY, BASE_URL, Api
from tests.sdk.test_bots import BOT_ID, BOTS_URL

RECORDING_URL = f"{BOTS_URL}/{BOT_ID}/recording"
STORAGE = "https://bucket.storage.test"
SIGNED = f"{STORAGE}/bot-rec.mp4?X-Amz-Signature=s3cr3tsig&X-Amz-Expires=1800"
CONTENT = bytes(range(256)) * 4096  # 1 MiB, every byte position distinguishable


class DroppingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that sends ``data`` in chunks, then drops the connection after ``drop_after``
    bytes (if given)."""

    def __init__(self, data: bytes, drop_after: int | None = None) -> None:
        self._data = data
        self._drop_after = drop_after

    def _chunks(self) -> Iterator[bytes]:
        end = len(self._data) if self._drop_after is None else self._drop_after
        for start in range(0, end, 65536):
            yield self._data[start : min(start + 65536, end)]
        if self._drop_after is not None:
            raise httpx.ReadError("connection reset by peer")

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks():
            yield chunk


def _file(data: bytes = CONTENT, drop_after: int | None = None, **headers: str) -> httpx.Response:
    return httpx.Response(
        200,
        headers={"Content-Length": str(len(data)), **headers},
        stream=DroppingStream(data, drop_after),
    )


def _part(offset: int, data: bytes = CONTENT) -> httpx.Response:
    rest = data[offset:]
    return httpx.Response(
        206,
        headers={
            "Content-Length": str(len(rest)),
            "Content-Range": f"bytes {offset}-{len(data) - 1}/{len(data)}",
        },
        stream=DroppingStream(rest),
    )


def _recording(url: str = SIGNED) -> httpx.Response:
    return httpx.Response(200, json={"url": url, "start_timestamp_ms": 1700000000000})


@pytest.fixture
def recorded(mock: respx.MockRouter) -> respx.Route:
    return mock.get(RECORDING_URL).mock(return_value=_recording())


def _leftovers(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def test_a_recording_is_written_to_the_path_and_its_size_returned(
    api: Api, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    storage = mock.get(SIGNED).mock(return_value=_file())
    seen: list[tuple[int, int | None]] = []

    size = api.call(
        lambda c: c.bots.download_recording(
            BOT_ID,
            tmp_path / "meeting.mp4",
            progress=lambda done, total: seen.append((done, total)),
        )
    )

    assert size == len(CONTENT)
    assert (tmp_path / "meeting.mp4").read_bytes() == CONTENT
    assert _leftovers(tmp_path) == ["meeting.mp4"]
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})
    assert seen[-1] == (len(CONTENT), len(CONTENT))
    assert storage.call_count == 1


def test_the_storage_host_gets_no_key_default_header_or_cookie(
    make_api: Any, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    api = make_api(default_headers={"X-Tenant": "t-1"})
    storage = mock.get(SIGNED).mock(return_value=_file())
    # Cookies the client holds for the storage host (and for the API) are never sent there.
    api.client._http.cookies.set("sessionid", "api-cookie", domain="api.test")
    api.client._http.cookies.set("storage", "jar-cookie", domain="bucket.storage.test")

    api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    api_request = recorded.calls[0].request
    assert api_request.headers["Authorization"] == f"Token {API_KEY}"
    sent = storage.calls[0].request.headers
    assert "Authorization" not in sent
    assert "X-Tenant" not in sent
    assert "Cookie" not in sent
    assert API_KEY not in str(sent)
    assert set(sent) <= {"host", "accept-encoding"}


def test_a_dropped_connection_resumes_with_range_and_the_file_is_identical(
    api: Api, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    cut = 300_000
    storage = mock.get(SIGNED).mock(side_effect=[_file(drop_after=cut), _part(cut)])

    size = api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert size == len(CONTENT)
    assert (tmp_path / "m.mp4").read_bytes() == CONTENT
    assert storage.calls[1].request.headers["Range"] == f"bytes={cut}-"
    assert len(api.sleeps) == 1


def test_a_body_that_ends_early_without_an_error_is_resumed(
    api: Api, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    short = httpx.Response(
        200,
        headers={"Content-Length": str(len(CONTENT))},
        stream=DroppingStream(CONTENT[:100_000]),
    )
    storage = mock.get(SIGNED).mock(side_effect=[short, _part(100_000)])

    api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert (tmp_path / "m.mp4").read_bytes() == CONTENT
    assert storage.calls[1].request.headers["Range"] == "bytes=100000-"


def test_a_body_that_keeps_ending_early_fails_and_leaves_nothing(
    make_api: Any, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    api = make_api(max_retries=1)
    mock.get(SIGNED).mock(
        side_effect=lambda request: httpx.Response(
            200, headers={"Content-Length": "10"}, stream=DroppingStream(b"x" * 5)
        )
    )

    with pytest.raises(DownloadError, match="after 2 attempts: the body ended early"):
        api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert _leftovers(tmp_path) == []


def test_a_resumption_past_the_end_means_the_file_was_complete(
    api: Api, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    # No Content-Length (a chunked body): the drop after the last byte is only seen as a drop.
    whole = httpx.Response(200, stream=DroppingStream(CONTENT, drop_after=len(CONTENT)))
    past_the_end = httpx.Response(416, headers={"Content-Range": f"bytes */{len(CONTENT)}"})
    mock.get(SIGNED).mock(side_effect=[whole, past_the_end])
    seen: list[int] = []

    size = api.call(
        lambda c: c.bots.download_recording(
            BOT_ID, tmp_path / "m.mp4", progress=lambda done, total: seen.append(done)
        )
    )

    assert size == len(CONTENT)
    assert (tmp_path / "m.mp4").read_bytes() == CONTENT
    assert seen[-1] == len(CONTENT)


def test_a_failure_to_put_the_file_in_place_leaves_nothing(
    api: Api,
    mock: respx.MockRouter,
    recorded: respx.Route,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mock.get(SIGNED).mock(return_value=_file())

    def refuse(source: Any, target: Any) -> None:
        raise PermissionError("read-only directory")

    monkeypatch.setattr("os.replace", refuse)
    with pytest.raises(PermissionError):
        api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert _leftovers(tmp_path) == []


def test_a_storage_that_ignores_range_restarts_and_progress_stays_monotonic(
    api: Api, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    mock.get(SIGNED).mock(side_effect=[_file(drop_after=400_000), _file()])
    seen: list[int] = []

    api.call(
        lambda c: c.bots.download_recording(
            BOT_ID, tmp_path / "m.mp4", progress=lambda done, total: seen.append(done)
        )
    )

    assert (tmp_path / "m.mp4").read_bytes() == CONTENT
    assert seen == sorted(seen)
    assert seen[-1] == len(CONTENT)


def test_a_connection_that_keeps_dropping_fails_after_the_retries_and_leaves_nothing(
    make_api: Any, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    api = make_api(max_retries=2)
    storage = mock.get(SIGNED).mock(side_effect=lambda request: _file(drop_after=1000))

    with pytest.raises(DownloadError, match="failed after 3 attempts: ReadError") as caught:
        api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert storage.call_count == 3
    assert "s3cr3tsig" not in str(caught.value)
    assert _leftovers(tmp_path) == []


def test_an_expired_url_is_asked_for_anew_once(
    api: Api, mock: respx.MockRouter, tmp_path: Path
) -> None:
    fresh = f"{STORAGE}/bot-rec.mp4?X-Amz-Signature=fresh"
    api_route = mock.get(RECORDING_URL).mock(side_effect=[_recording(), _recording(fresh)])
    expired = httpx.Response(403, text="<Error><Code>AccessDenied</Code></Error>")
    mock.get(SIGNED).mock(return_value=expired)
    mock.get(fresh).mock(return_value=_file())

    api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert api_route.call_count == 2
    assert (tmp_path / "m.mp4").read_bytes() == CONTENT


def test_a_url_still_refused_after_the_refresh_is_a_download_error(
    api: Api, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    mock.get(SIGNED).mock(
        return_value=httpx.Response(403, text="<Error><Code>AccessDenied</Code></Error>")
    )

    with pytest.raises(DownloadError) as caught:
        api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert caught.value.status_code == 403
    assert "403 Forbidden (AccessDenied)" in str(caught.value)
    assert "https://bucket.storage.test/bot-rec.mp4" in str(caught.value)
    assert "X-Amz" not in str(caught.value)
    assert recorded.call_count == 2
    assert _leftovers(tmp_path) == []


def test_a_body_longer_than_its_content_length_is_an_error(
    api: Api, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    mock.get(SIGNED).mock(
        return_value=httpx.Response(
            200, headers={"Content-Length": "10"}, stream=DroppingStream(b"x" * 20)
        )
    )

    with pytest.raises(DownloadError, match="sent 20 bytes where its Content-Length said 10"):
        api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert _leftovers(tmp_path) == []


def test_redirects_are_followed_to_http_only(
    api: Api, mock: respx.MockRouter, recorded: respx.Route, tmp_path: Path
) -> None:
    mirror = "https://mirror.storage.test/rec.mp4"
    mock.get(SIGNED).mock(return_value=httpx.Response(302, headers={"Location": mirror}))
    mock.get(mirror).mock(return_value=_file())

    api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert (tmp_path / "m.mp4").read_bytes() == CONTENT


@pytest.mark.parametrize(
    ("location", "message"),
    [("ftp://files.test/rec.mp4", "only http"), (SIGNED, "more than 3 redirects")],
)
def test_a_redirect_elsewhere_or_in_a_loop_is_refused(
    api: Api,
    mock: respx.MockRouter,
    recorded: respx.Route,
    tmp_path: Path,
    location: str,
    message: str,
) -> None:
    mock.get(SIGNED).mock(return_value=httpx.Response(302, headers={"Location": location}))

    with pytest.raises(DownloadError, match=message):
        api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert _leftovers(tmp_path) == []


def test_a_binary_file_object_is_written_where_it_stands(
    api: Api, mock: respx.MockRouter, recorded: respx.Route
) -> None:
    mock.get(SIGNED).mock(side_effect=[_file(drop_after=70_000), _file()])
    target = io.BytesIO(b"HEAD")
    target.seek(4)

    size = api.call(lambda c: c.bots.download_recording(BOT_ID, target))

    assert size == len(CONTENT)
    assert target.getvalue() == b"HEAD" + CONTENT


def test_before_the_recording_exists_the_servers_404_is_raised(
    api: Api, mock: respx.MockRouter, tmp_path: Path
) -> None:
    mock.get(RECORDING_URL).respond(404, json={"error": "No recording file found for bot"})

    with pytest.raises(NotFoundError, match="No recording file found for bot"):
        api.call(lambda c: c.bots.download_recording(BOT_ID, tmp_path / "m.mp4"))

    assert _leftovers(tmp_path) == []


def test_an_app_sessions_media_downloads_the_same_way(
    api: Api, mock: respx.MockRouter, tmp_path: Path
) -> None:
    mock.get(f"{BASE_URL}/api/v1/app_sessions/app_1/media").mock(return_value=_recording())
    mock.get(SIGNED).mock(return_value=_file())

    size = api.call(lambda c: c.app_sessions.download_media("app_1", tmp_path / "a.mp4"))

    assert size == len(CONTENT)
    assert (tmp_path / "a.mp4").read_bytes() == CONTENT


@pytest.mark.parametrize(("destination", "error"), [(42, TypeError), ("", IsADirectoryError)])
def test_a_destination_that_can_never_work_is_refused(
    api: Api,
    mock: respx.MockRouter,
    recorded: respx.Route,
    destination: Any,
    error: type[Exception],
) -> None:
    storage = mock.get(SIGNED).mock(return_value=_file())
    with pytest.raises(error):
        api.call(lambda c: c.bots.download_recording(BOT_ID, destination))
    assert storage.call_count == 0
