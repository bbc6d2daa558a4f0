"""Raw responses are decided at the method boundary: every public method of every resource
works under ``with_raw_response`` on both clients, returns the exchange that produced its
result, and ``parse()`` gives exactly what the plain call returns."""

from __future__ import annotations

import inspect
import io
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import respx

from attendee_client import AsyncPager, Bot, BotState, RawResponse
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import BASE_URL, Api, example_json
from tests.sdk.test_app_sessions import APP_ID, APP_SESSION_JSON, RTMS, TRANSCRIPTION_JSON
from tests.sdk.test_bots import BOT_ID, BOT_JSON, MEET
from tests.sdk.test_calendars import CALENDAR_JSON, SECRETS

CAL_ID = CALENDAR_JSON["id"]
ZOC_ID = example_json()["id"]
PNG = b"\x89PNG\r\n\x1a\n"
EMPTY_PAGE: dict[str, Any] = {"next": None, "previous": None, "results": []}

# One call of every public method, by resource; the test below checks none is missing.
CALLS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "bots": {
        "create": lambda r: r.create(meeting_url=MEET, bot_name="A"),
        "get": lambda r: r.get(BOT_ID),
        "wait_for": lambda r: r.wait_for(BOT_ID, until="joining"),
        "download_recording": lambda r: r.download_recording(BOT_ID, io.BytesIO()),
        "list_page": lambda r: r.list_page(),
        "list": lambda r: r.list(),
        "update": lambda r: r.update(BOT_ID, metadata={"a": "b"}),
        "delete": lambda r: r.delete(BOT_ID),
        "leave": lambda r: r.leave(BOT_ID),
        "delete_data": lambda r: r.delete_data(BOT_ID),
        "pause_recording": lambda r: r.pause_recording(BOT_ID),
        "resume_recording": lambda r: r.resume_recording(BOT_ID),
        "admit_from_waiting_room": lambda r: r.admit_from_waiting_room(BOT_ID),
        "change_gallery_view_page": lambda r: r.change_gallery_view_page(BOT_ID),
        "send_chat_message": lambda r: r.send_chat_message(BOT_ID, message="hi"),
        "speech": lambda r: r.speech(
            BOT_ID,
            text="hi",
            text_to_speech_settings={"google": {"voice_language_code": "en", "voice_name": "v"}},
        ),
        "output_audio": lambda r: r.output_audio(BOT_ID, b"ID3"),
        "output_image": lambda r: r.output_image(BOT_ID, PNG, content_type="image/png"),
        "output_video": lambda r: r.output_video(BOT_ID, url="https://cdn.test/v.mp4"),
        "update_transcription_settings": lambda r: r.update_transcription_settings(
            BOT_ID, transcription_settings={"meeting_closed_captions": {}}
        ),
        "update_voice_agent_settings": lambda r: r.update_voice_agent_settings(BOT_ID, url=""),
        "transcript": lambda r: r.transcript(BOT_ID),
        "follow_transcript": lambda r: r.follow_transcript(BOT_ID),
        "recording": lambda r: r.recording(BOT_ID),
        "create_async_transcription": lambda r: r.create_async_transcription(
            BOT_ID, transcription_settings={"deepgram": {}}
        ),
        "delete_transcript": lambda r: r.delete_transcript(BOT_ID),
        "chat_messages": lambda r: r.chat_messages(BOT_ID),
        "participants": lambda r: r.participants(BOT_ID),
        "participant_events": lambda r: r.participant_events(BOT_ID),
    },
    "calendars": {
        "create": lambda r: r.create(platform="google", **SECRETS),
        "get": lambda r: r.get(CAL_ID),
        "list_page": lambda r: r.list_page(),
        "list": lambda r: r.list(),
        "update": lambda r: r.update(CAL_ID, metadata={"a": "b"}),
        "delete": lambda r: r.delete(CAL_ID),
    },
    "calendar_events": {
        "list_page": lambda r: r.list_page(),
        "list": lambda r: r.list(),
    },
    "app_sessions": {
        "create": lambda r: r.create(zoom_rtms=RTMS),
        "end": lambda r: r.end(rtms_stream_id="stream-001"),
        "media": lambda r: r.media(APP_ID),
        "wait_for": lambda r: r.wait_for(APP_ID, until="joining"),
        "download_media": lambda r: r.download_media(APP_ID, io.BytesIO()),
        "transcript": lambda r: r.transcript(APP_ID),
        "create_async_transcription": lambda r: r.create_async_transcription(
            APP_ID, transcription_settings={"deepgram": {}}
        ),
        "delete_transcript": lambda r: r.delete_transcript(APP_ID),
        "participant_events": lambda r: r.participant_events(APP_ID),
    },
    "zoom_oauth_connections": {
        "get": lambda r: r.get(ZOC_ID),
        "list_page": lambda r: r.list_page(),
        "list": lambda r: r.list(),
        "create": lambda r: r.create(authorization_code="c", redirect_uri="https://app.test/cb"),
        "delete": lambda r: r.delete(ZOC_ID),
    },
}


def _answer(request: httpx.Request) -> httpx.Response:
    """What the server answers each route with (only the shape matters here)."""
    path = request.url.path.removeprefix("/api/v1/")
    parts = path.split("/")
    if parts[-1] == "transcript" and request.method == "POST":
        return httpx.Response(200, json=TRANSCRIPTION_JSON)
    if parts[-1] == "transcript" and request.method == "DELETE":
        return httpx.Response(200)
    if parts[0] == "app_sessions":
        if parts[-1] in ("app_sessions", "end"):
            return httpx.Response(201 if len(parts) == 1 else 200, json=APP_SESSION_JSON)
        if parts[-1] == "media":
            return httpx.Response(
                200, json={"url": "https://s3.test/a.mp4", "start_timestamp_ms": 1}
            )
    status = 201 if request.method == "POST" and len(parts) == 1 else 200
    if request.method == "DELETE" and parts[0] != "bots":
        return httpx.Response(200)
    if len(parts) == 1 and request.method == "GET":
        return httpx.Response(200, json=EMPTY_PAGE)
    if len(parts) == 3 and parts[2] in {"chat_messages", "participants", "participant_events"}:
        return httpx.Response(200, json=EMPTY_PAGE)
    if len(parts) == 3 and parts[2] == "transcript":
        return httpx.Response(200, json=[])
    if len(parts) == 3 and parts[2] == "recording":
        return httpx.Response(200, json={"url": "https://s3.test/r.mp4", "start_timestamp_ms": 1})
    if len(parts) == 3 and parts[2] not in {"leave", "delete_data"} and "recording" not in parts[2]:
        return httpx.Response(200)  # actions answered with an empty 200
    body = {"bots": BOT_JSON, "calendars": CALENDAR_JSON}.get(parts[0], example_json())
    if request.method == "DELETE":
        return httpx.Response(200)
    return httpx.Response(status, json=body, headers={"X-Request-Id": "r-1"})


def _public_methods(resource: object) -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(type(resource), inspect.isfunction)
        if not name.startswith("_")
    }


def test_the_table_calls_every_public_method_of_every_resource(api: Api) -> None:
    client = api.client
    resources = {name for name in CALLS if hasattr(client, name)}
    assert resources == set(CALLS)
    for name, calls in CALLS.items():
        assert set(calls) == _public_methods(getattr(client, name)), name


@pytest.mark.parametrize(
    ("resource", "method"),
    [(resource, method) for resource, calls in CALLS.items() for method in calls],
)
def test_every_method_returns_the_exchange_and_parses_to_the_plain_result(
    api: Api, mock: respx.MockRouter, resource: str, method: str
) -> None:
    mock.route(host="api.test").mock(side_effect=_answer)
    mock.route(host="s3.test").respond(200, content=b"a recording")
    call = CALLS[resource][method]

    raw = api.call(lambda c: call(getattr(c.with_raw_response, resource)))
    plain = api.call(lambda c: _identity(call(getattr(c, resource))))

    assert isinstance(raw, RawResponse)
    # A download's exchange is the storage's answer that delivered the file.
    host = "s3.test" if method.startswith("download") else "api.test"
    assert raw.http_response.request.url.host == host
    assert 200 <= raw.status_code < 300
    result = raw.parse()
    if type(plain).__name__.endswith("TranscriptIterator"):
        assert type(result) is type(plain)  # follows a live bot: tested in test_follow_transcript
    elif type(plain).__name__.endswith("Pager"):
        assert type(result) is type(plain)
        assert api.list(lambda c: result) == api.list(lambda c: plain)
    else:
        assert result == plain


def test_a_raw_list_fetches_its_first_page_and_the_pager_starts_there(
    api: Api, mock: respx.MockRouter
) -> None:
    first = {"next": f"{BASE_URL}/api/v1/bots?cursor=c2", "previous": None, "results": [BOT_JSON]}
    second = {**EMPTY_PAGE, "results": [{**BOT_JSON, "id": "bot_2"}]}
    route = mock.get(f"{BASE_URL}/api/v1/bots").mock(
        side_effect=lambda request: httpx.Response(
            200, json=second if "cursor=c2" in str(request.url) else first
        )
    )

    raw = api.call(lambda c: c.with_raw_response.bots.list())

    assert route.call_count == 1
    assert raw.http_response.json() == first
    assert [bot.id for bot in api.list(lambda c: raw.parse())] == [BOT_ID, "bot_2"]
    assert route.call_count == 2  # the first page was not asked for again


IN_USE = {
    "error": "Deduplication key already in use. A bot in a non-terminal state with this "
    "deduplication key already exists. Please use a different deduplication key or wait "
    "for that bot to terminate."
}


def _ended(number: int) -> dict[str, Any]:
    return {**BOT_JSON, "id": f"bot_ended{number:02d}", "state": "ended"}


def _recovery(mock: respx.MockRouter, pages: list[list[dict[str, Any]]]) -> respx.Route:
    """A create whose first attempt times out and whose retry is refused, and a list of
    bots with the key, in ``pages``."""
    mock.post(f"{BASE_URL}/api/v1/bots").mock(
        side_effect=[httpx.ReadTimeout("slow"), httpx.Response(400, json=IN_USE)]
    )

    def listing(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        index = int(cursor) if cursor else 0
        has_next = index + 1 < len(pages)
        next_url = f"{BASE_URL}/api/v1/bots?cursor={index + 1}" if has_next else None
        return httpx.Response(
            200, json={"next": next_url, "previous": None, "results": pages[index]}
        )

    return mock.get(f"{BASE_URL}/api/v1/bots").mock(side_effect=listing)


def _create(c: Any, **options: Any) -> Any:
    return c.create(meeting_url=MEET, bot_name="A", deduplication_key="dd-1", **options)


def test_a_recovered_create_in_raw_mode_returns_the_exchange_that_found_the_bot(
    api: Api, mock: respx.MockRouter
) -> None:
    _recovery(mock, [[BOT_JSON]])

    raw = api.call(lambda c: _create(c.with_raw_response.bots))

    assert raw.http_response.request.method == "GET"
    assert raw.http_response.json()["results"] == [BOT_JSON]
    bot = raw.parse()
    assert isinstance(bot, Bot)
    assert bot.id == BOT_ID


def test_recovery_walks_every_page_of_live_bots_with_the_callers_options(
    api: Api, mock: respx.MockRouter
) -> None:
    ended = [_ended(number) for number in range(30)]
    lookup = _recovery(mock, [ended[:25], [*ended[25:], BOT_JSON]])

    bot = api.call(
        lambda c: _create(c.bots, timeout=7.0, extra_headers={"X-Trace": "t-1"}, extra_query={})
    )

    assert bot.id == BOT_ID
    assert lookup.call_count == 2
    request = lookup.calls[0].request
    assert set(request.url.params.get_list("states")) == {
        state.value for state in BotState if not state.is_final
    }
    assert request.url.params["deduplication_key"] == "dd-1"
    assert request.headers["X-Trace"] == "t-1"
    assert request.extensions["timeout"]["read"] == 7.0


def test_a_recovery_that_finds_no_live_bot_raises_the_refusal(
    api: Api, mock: respx.MockRouter
) -> None:
    _recovery(mock, [[_ended(1)]])

    with pytest.raises(Exception, match="Deduplication key already in use"):
        api.call(lambda c: _create(c.bots))


def test_a_recovery_logs_info_and_no_warning(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    _recovery(mock, [[BOT_JSON]])
    caplog.set_level(logging.DEBUG, logger="attendee_client")

    api.call(lambda c: _create(c.bots))

    levels = {record.levelname for record in caplog.records}
    assert "WARNING" not in levels
    recovered = [r.getMessage() for r in caplog.records if r.levelname == "INFO"]
    assert any(f"Recovered bot {BOT_ID}" in message for message in recovered)


def test_a_pager_can_be_iterated_again_from_the_first_page(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.get(f"{BASE_URL}/api/v1/bots").respond(
        200, json={**EMPTY_PAGE, "results": [BOT_JSON]}
    )
    pager = api.call(lambda c: _identity(c.bots.list()))

    first = api.list(lambda c: pager)
    second = api.list(lambda c: pager)

    assert [bot.id for bot in first] == [bot.id for bot in second] == [BOT_ID]
    assert route.call_count == 2


async def _identity_async(value: Any) -> Any:
    return value


def _identity(value: Any) -> Any:
    # api.call awaits what the async client returns; a pager is not awaitable.
    lazy = isinstance(value, AsyncPager) or type(value).__name__ == "AsyncTranscriptIterator"
    return _identity_async(value) if lazy else value


def test_raw_response_repr_shows_status_method_and_path_only(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.get(f"{BASE_URL}/api/v1/bots/{BOT_ID}").respond(200, json=BOT_JSON)

    raw = api.call(lambda c: c.with_raw_response.bots.get(BOT_ID))

    assert repr(raw) == f"<RawResponse 200 (GET /api/v1/bots/{BOT_ID})>"
    assert json.loads(raw.http_response.content) == BOT_JSON


def test_a_raw_method_read_on_its_class_is_the_method_it_wraps() -> None:
    from attendee_client.resources.bots import (
        AsyncBots,
        AsyncBotsWithRawResponse,
        Bots,
        BotsWithRawResponse,
    )

    assert BotsWithRawResponse.get is Bots.get
    assert BotsWithRawResponse.list is Bots.list
    assert AsyncBotsWithRawResponse.list is AsyncBots.list
    assert AsyncBotsWithRawResponse.create is AsyncBots.create


def test_raw_exchanges_over_a_socket_on_every_transport(
    served_api: Api, server: FakeAttendeeServer, tmp_path: Path
) -> None:
    bot = served_api.call(lambda c: c.bots.create(meeting_url=MEET, bot_name="A"))
    server.set_recording(bot.id, 100_000)
    server.advance_bot(bot.id, to="ended")

    raw_bot = served_api.call(lambda c: c.with_raw_response.bots.get(bot.id))
    raw_file = served_api.call(
        lambda c: c.with_raw_response.bots.download_recording(bot.id, tmp_path / "r.mp4")
    )

    assert raw_bot.status_code == 200
    assert raw_bot.http_response.request.url.path == f"/api/v1/bots/{bot.id}"
    assert raw_bot.parse() == served_api.call(lambda c: c.bots.get(bot.id))
    assert raw_file.http_response.request.url.port == urlsplit(server.storage_url).port
    assert raw_file.parse() == 100_000 == (tmp_path / "r.mp4").stat().st_size
