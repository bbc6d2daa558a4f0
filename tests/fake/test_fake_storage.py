"""The fake serves recordings from a second origin, as the real server's presigned S3 URLs
do: its own port, deterministic streamed content, ``Range``, dropped connections, expired
URLs (``shared/api/bots.md``, Recording). Tested with plain httpx, sync and async, in process
and over sockets."""

from __future__ import annotations

import asyncio
import hashlib
import tracemalloc
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from attendee_client.testing import FakeAttendeeServer, Fault, RecordingFile

KEY = "storage-key"
AUTH = {"Authorization": f"Token {KEY}"}
MB = 1 << 20


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake() -> FakeAttendeeServer:
    return FakeAttendeeServer(api_key=KEY)


@pytest.fixture
def api(fake: FakeAttendeeServer) -> Iterator[httpx.Client]:
    """The API, in process, with the key."""
    with httpx.Client(
        transport=fake.transport(), base_url="http://fake.test/api/v1", headers=AUTH
    ) as client:
        yield client


@pytest.fixture
def plain(fake: FakeAttendeeServer) -> Iterator[httpx.Client]:
    """A client without the key, as a download must be: in process, through the same
    transport (it reaches the storage host too)."""
    with httpx.Client(transport=fake.transport()) as client:
        yield client


def ended_bot(fake: FakeAttendeeServer, size: int | None = None, **options: bool | int) -> str:
    bot_id = fake.add_bot()["id"]
    if size is not None:
        fake.set_recording(bot_id, size, **options)  # type: ignore[arg-type]
    fake.advance_bot(bot_id, to="ended")
    return bot_id


def recording_url(api: httpx.Client, bot_id: str) -> str:
    answer = api.get(f"/bots/{bot_id}/recording")
    assert answer.status_code == 200, answer.text
    url: str = answer.json()["url"]
    return url


# --- the API's side ------------------------------------------------------------------------


def test_before_the_bot_ends_the_recording_is_the_servers_404(
    fake: FakeAttendeeServer, api: httpx.Client
) -> None:
    bot_id = fake.add_bot()["id"]
    fake.set_recording(bot_id, 1000)

    answer = api.get(f"/bots/{bot_id}/recording")

    assert answer.status_code == 404
    assert answer.json() == {"error": "No recording file found for bot"}


def test_an_ended_bot_has_a_signed_url_on_the_storage_host(
    fake: FakeAttendeeServer, api: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 1000)

    answer = api.get(f"/bots/{bot_id}/recording").json()
    again = api.get(f"/bots/{bot_id}/recording").json()

    assert set(answer) == {"url", "start_timestamp_ms"}
    assert answer["start_timestamp_ms"] == 1700000000000
    assert answer["url"].startswith(fake.storage_url + "/attendee-recordings/")
    assert urlsplit(answer["url"]).hostname != "fake.test"
    assert "X-Amz-Signature=" in answer["url"]
    assert "X-Amz-Expires=1800" in answer["url"]
    assert again["url"] != answer["url"]  # a fresh URL each time


def test_an_ended_bot_without_a_file_gets_a_default_one(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = ended_bot(fake)

    body = plain.get(recording_url(api, bot_id)).content

    file = fake.recording_file(bot_id)
    assert file is not None
    assert file.size == len(body) == MB
    assert body == file.read()


def test_a_nullable_start_and_another_content_type(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = fake.add_bot()["id"]
    file = fake.set_recording(bot_id, 10, content_type="audio/mpeg", start_timestamp_ms=None)
    fake.advance_bot(bot_id, to="ended")

    answer = api.get(f"/bots/{bot_id}/recording").json()
    download = plain.get(answer["url"])

    assert answer["start_timestamp_ms"] is None
    assert file.key.endswith(".mp3")
    assert download.headers["Content-Type"] == "audio/mpeg"


# --- downloads -----------------------------------------------------------------------------


def test_a_download_in_process_is_the_file_byte_for_byte(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 3 * MB + 17)
    file = fake.recording_file(bot_id)
    assert file is not None

    with plain.stream("GET", recording_url(api, bot_id)) as download:
        digest = hashlib.sha256()
        for chunk in download.iter_bytes():
            digest.update(chunk)

    assert download.status_code == 200
    assert download.headers["Content-Length"] == str(3 * MB + 17)
    assert download.headers["Content-Type"] == "video/mp4"
    assert download.headers["Accept-Ranges"] == "bytes"
    assert digest.hexdigest() == file.sha256()


def test_an_async_client_downloads_in_process_too(
    fake: FakeAttendeeServer, api: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 2 * MB)
    url = recording_url(api, bot_id)

    async def download() -> bytes:
        async with (
            httpx.AsyncClient(transport=fake.transport()) as client,
            client.stream("GET", url) as response,
        ):
            return b"".join([chunk async for chunk in response.aiter_bytes()])

    file = fake.recording_file(bot_id)
    assert file is not None
    assert asyncio.run(download()) == file.read()


def test_over_sockets_the_storage_is_another_port_of_the_loopback() -> None:
    with FakeAttendeeServer(api_key=KEY) as server:
        bot_id = ended_bot(server, 5 * MB)
        with httpx.Client(base_url=server.base_url + "/api/v1", headers=AUTH) as api:
            url = recording_url(api, bot_id)
        with httpx.Client() as plain:
            body = plain.get(url).content

        async def download() -> bytes:
            async with httpx.AsyncClient() as client:
                return (await client.get(url)).content

        async_body = asyncio.run(download())
        storage = urlsplit(server.storage_url)
        assert (storage.hostname, storage.scheme) == ("127.0.0.1", "http")
        assert storage.port != server.port
        file = server.recording_file(bot_id)
        assert file is not None
        assert body == async_body == file.read()
        assert [r.method for r in server.storage_requests] == ["GET", "GET"]
        assert all("authorization" not in r.headers for r in server.storage_requests)


def test_the_storage_records_what_it_received_and_refuses_an_api_key_as_s3_does(
    fake: FakeAttendeeServer, api: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 100)
    url = recording_url(api, bot_id)

    leaked = api.get(url)  # the API client, with its Authorization header: a bug to catch

    assert leaked.status_code == 400
    assert "<Code>InvalidArgument</Code>" in leaked.text
    assert "Only one auth mechanism allowed" in leaked.text
    assert leaked.headers["Content-Type"] == "application/xml"
    (request,) = fake.storage_requests
    assert request.headers["authorization"] == f"Token {KEY}"
    assert request.path == url.removeprefix(fake.storage_url)
    assert all(r.path.startswith("/api/v1/") for r in fake.requests)


def test_head_gives_the_size_without_the_body(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    url = recording_url(api, ended_bot(fake, 4096))

    head = plain.head(url)

    assert head.status_code == 200
    assert head.headers["Content-Length"] == "4096"
    assert head.content == b""


def test_a_200_mb_download_streams_without_holding_the_file() -> None:
    size = 200 * MB
    with FakeAttendeeServer(api_key=KEY) as server:
        bot_id = ended_bot(server, size)
        with httpx.Client(base_url=server.base_url + "/api/v1", headers=AUTH) as api:
            url = recording_url(api, bot_id)
        received = 0
        tracemalloc.start()
        try:
            with httpx.Client() as plain, plain.stream("GET", url) as download:
                for chunk in download.iter_raw(MB):
                    received += len(chunk)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

    assert received == size
    assert peak < 20 * MB


# --- ranges, drops, expiry, redirects ------------------------------------------------------


def test_a_range_is_answered_206_with_its_part(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 10_000)
    url = recording_url(api, bot_id)
    file = fake.recording_file(bot_id)
    assert file is not None

    middle = plain.get(url, headers={"Range": "bytes=100-199"})
    rest = plain.get(url, headers={"Range": "bytes=9000-"})
    tail = plain.get(url, headers={"Range": "bytes=-10"})
    beyond_end = plain.get(url, headers={"Range": "bytes=9990-20000"})

    assert middle.status_code == 206
    assert middle.headers["Content-Range"] == "bytes 100-199/10000"
    assert middle.content == file.read(100, 200)
    assert rest.content == file.read(9000)
    assert tail.headers["Content-Range"] == "bytes 9990-9999/10000"
    assert tail.content == file.read(9990)
    assert beyond_end.headers["Content-Range"] == "bytes 9990-9999/10000"


@pytest.mark.parametrize(
    "value", ["items=0-1", "bytes=0-1,5-6", "bytes=5", "bytes=x-", "bytes=9-2"]
)
def test_a_range_it_does_not_understand_gets_the_whole_file(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client, value: str
) -> None:
    answer = plain.get(recording_url(api, ended_bot(fake, 50)), headers={"Range": value})

    assert answer.status_code == 200
    assert len(answer.content) == 50


@pytest.mark.parametrize("value", ["bytes=50-", "bytes=-0"])
def test_a_range_past_the_end_is_416(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client, value: str
) -> None:
    answer = plain.get(recording_url(api, ended_bot(fake, 50)), headers={"Range": value})

    assert answer.status_code == 416
    assert answer.headers["Content-Range"] == "bytes */50"
    assert "<Code>InvalidRange</Code>" in answer.text


def test_a_storage_told_to_ignore_ranges_answers_200_with_the_whole_file(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 1000, accept_ranges=False)

    answer = plain.get(recording_url(api, bot_id), headers={"Range": "bytes=500-"})

    assert answer.status_code == 200
    assert len(answer.content) == 1000
    assert "Accept-Ranges" not in answer.headers


def test_a_dropped_download_resumes_with_a_range_to_the_same_bytes(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 2 * MB)
    url = recording_url(api, bot_id)
    fake.add_storage_fault(Fault.drop_after(MB + 5))
    received = bytearray()

    def download() -> None:
        with plain.stream("GET", url) as response:
            for chunk in response.iter_bytes():
                received.extend(chunk)

    with pytest.raises(httpx.RemoteProtocolError, match="received 1048581 bytes"):
        download()
    resumed = plain.get(url, headers={"Range": f"bytes={len(received)}-"})

    file = fake.recording_file(bot_id)
    assert file is not None
    assert len(received) == MB + 5
    assert resumed.status_code == 206
    assert hashlib.sha256(bytes(received) + resumed.content).hexdigest() == file.sha256()


def test_a_dropped_download_over_a_socket_and_an_async_client() -> None:
    with FakeAttendeeServer(api_key=KEY) as server:
        bot_id = ended_bot(server, 3 * MB)
        with httpx.Client(base_url=server.base_url + "/api/v1", headers=AUTH) as api:
            url = recording_url(api, bot_id)
        server.add_storage_fault(Fault.drop_after(1000), times=2)

        async def attempts() -> list[int]:
            sizes = []
            async with httpx.AsyncClient() as client:
                for _ in range(3):
                    got = bytearray()
                    try:
                        async with client.stream("GET", url) as response:
                            async for chunk in response.aiter_bytes():
                                got += chunk
                    except httpx.RemoteProtocolError:
                        pass
                    sizes.append(len(got))
            return sizes

        assert asyncio.run(attempts()) == [1000, 1000, 3 * MB]


def test_an_expired_url_answers_s3s_403_and_a_fresh_one_works(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 10)
    old = recording_url(api, bot_id)

    fake.expire_recording_urls()
    expired = plain.get(old)
    fresh = plain.get(recording_url(api, bot_id))

    assert expired.status_code == 403
    assert expired.headers["Content-Type"] == "application/xml"
    assert "<Code>AccessDenied</Code><Message>Request has expired</Message>" in expired.text
    assert "<X-Amz-Expires>1800</X-Amz-Expires>" in expired.text
    assert fresh.status_code == 200


def test_a_url_expires_after_its_lifetime_on_the_fake_clock() -> None:
    clock = Clock()
    fake = FakeAttendeeServer(api_key=KEY, clock=clock)
    fake.recording_url_lifetime = 60
    bot_id = ended_bot(fake, 10)
    with (
        httpx.Client(transport=fake.transport(), base_url="http://f/api/v1", headers=AUTH) as api,
        httpx.Client(transport=fake.transport()) as plain,
    ):
        url = recording_url(api, bot_id)
        clock.now = 59.9
        in_time = plain.get(url)
        clock.now = 60
        too_late = plain.get(url)

    assert fake.recording_url_lifetime == 60
    assert in_time.status_code == 200
    assert too_late.status_code == 403
    assert "<X-Amz-Expires>60</X-Amz-Expires>" in too_late.text


def test_the_next_urls_can_be_handed_out_already_expired(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 10)
    fake.expire_next_recording_urls(2)

    statuses = [plain.get(recording_url(api, bot_id)).status_code for _ in range(3)]

    assert statuses == [403, 403, 200]


def test_a_url_can_redirect_within_the_storage(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 100, redirects=2)
    url = recording_url(api, bot_id)

    first = plain.get(url)
    followed = plain.get(url, follow_redirects=True)

    assert first.status_code == 307
    assert first.headers["Location"].startswith(fake.storage_url + "/_redirect/1/")
    assert followed.status_code == 200
    assert len(followed.content) == 100
    assert [len(r.history) for r in (first, followed)] == [0, 2]


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        (
            lambda url: url.replace("X-Amz-Signature=", "X-Amz-Signature=0"),
            403,
            "SignatureDoesNotMatch",
        ),
        (lambda url: url.split("?")[0], 403, "AccessDenied"),
        (lambda url: url.replace(".mp4?", ".mp3?"), 403, "SignatureDoesNotMatch"),
    ],
)
def test_a_url_that_was_not_handed_out_is_refused(
    fake: FakeAttendeeServer,
    api: httpx.Client,
    plain: httpx.Client,
    change: object,
    status: int,
    code: str,
) -> None:
    url = recording_url(api, ended_bot(fake, 10))
    assert callable(change)

    answer = plain.get(change(url))

    assert answer.status_code == status
    assert f"<Code>{code}</Code>" in answer.text


def test_only_get_and_head_are_served(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    answer = plain.put(recording_url(api, ended_bot(fake, 10)), content=b"x")

    assert answer.status_code == 405
    assert "<Code>MethodNotAllowed</Code>" in answer.text


def test_a_replaced_or_deleted_file_is_gone_from_its_old_urls(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    bot_id = ended_bot(fake, 10)
    old = recording_url(api, bot_id)
    fake.set_recording(bot_id, 20)
    replaced = plain.get(old)
    newer = recording_url(api, bot_id)
    assert len(plain.get(newer).content) == 20

    assert api.post(f"/bots/{bot_id}/delete_data").status_code == 200
    deleted = plain.get(newer)

    assert replaced.status_code == deleted.status_code == 404
    assert "<Code>NoSuchKey</Code>" in deleted.text
    assert api.get(f"/bots/{bot_id}/recording").status_code == 404


def test_storage_faults_match_on_method_and_path(
    fake: FakeAttendeeServer, api: httpx.Client, plain: httpx.Client
) -> None:
    url = recording_url(api, ended_bot(fake, 10))
    fake.add_storage_fault(Fault.respond(503, "<Error/>"), method="GET", path="/elsewhere/")
    fake.add_storage_fault(Fault.respond(500, "<Error/>"), method="HEAD")

    assert plain.get(url).status_code == 200
    assert plain.head(url).status_code == 500
    fake.add_storage_fault(Fault.reset())
    with pytest.raises(RuntimeError, match="needs the socket server"):
        plain.get(url)


# --- the content ---------------------------------------------------------------------------


def test_the_content_is_derived_from_the_offset_and_differs_between_files() -> None:
    one = RecordingFile("attendee-recordings/a.mp4", 3 * MB)
    other = RecordingFile("attendee-recordings/b.mp4", 3 * MB)

    whole = one.read()

    assert len(whole) == 3 * MB
    assert one.read(MB - 3, MB + 3) == whole[MB - 3 : MB + 3]
    assert b"".join(one.iter_bytes(5, 70_000, chunk_size=1000)) == whole[5:70_000]
    assert whole[:MB] != whole[MB : 2 * MB]  # no repeat at a power of two
    assert other.read(0, 4096) != whole[:4096]
    assert one.sha256() == hashlib.sha256(whole).hexdigest()


def test_a_recording_of_a_negative_size_is_refused(fake: FakeAttendeeServer) -> None:
    with pytest.raises(ValueError, match="size"):
        fake.set_recording(fake.add_bot()["id"], -1)
    with pytest.raises(KeyError, match="bot_nope"):
        fake.set_recording("bot_nope", 1)
    with pytest.raises(ValueError, match="after_bytes"):
        Fault.drop_after(-1)


def test_drop_after_applies_to_the_api_too(fake: FakeAttendeeServer, api: httpx.Client) -> None:
    fake.add_fault(Fault.drop_after(5), path="/api/v1/bots")

    with pytest.raises(httpx.RemoteProtocolError):
        api.get("/bots")
    assert api.get("/bots").status_code == 200
