"""Listing: lazy cursor pagination that never follows a foreign host and never loops."""

from __future__ import annotations

import weakref
from typing import Any

import httpx
import pytest
import respx

from attendee_client import (
    APIResponseValidationError,
    NotFoundError,
    Page,
    PaginationLoopError,
    ZoomOAuthConnection,
)
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import API_KEY, LIST_URL, Api, ApiFactory, example_json


def page(results: list[dict[str, Any]], next_url: str | None) -> httpx.Response:
    return httpx.Response(200, json={"next": next_url, "previous": None, "results": results})


def item(number: int) -> dict[str, Any]:
    return {**example_json(), "id": f"zoc_{number:016d}"}


@pytest.fixture
def empty_server() -> Any:
    with FakeAttendeeServer(api_key=API_KEY, seed_example=False) as fake:
        yield fake


@pytest.mark.parametrize("count", [0, 1, 25, 26, 51])
def test_every_connection_is_listed_once_newest_first(
    make_api: ApiFactory, empty_server: FakeAttendeeServer, count: int
) -> None:
    added = empty_server.add_connections(count)
    api = make_api(base_url=empty_server.base_url)

    listed = api.list(lambda c: c.zoom_oauth_connections.list())

    assert [conn.id for conn in listed] == [conn["id"] for conn in reversed(added)]
    assert len(empty_server.requests) == max(1, -(-count // 25))


def test_ten_thousand_connections_keep_at_most_one_page_alive(
    make_api: ApiFactory, empty_server: FakeAttendeeServer
) -> None:
    added = empty_server.add_connections(10_000)
    api = make_api(base_url=empty_server.base_url)
    alive: weakref.WeakSet[ZoomOAuthConnection] = weakref.WeakSet()
    ids: list[str] = []
    most_alive = 0

    def consume(conn: ZoomOAuthConnection) -> None:
        nonlocal most_alive
        alive.add(conn)
        ids.append(conn.id)
        most_alive = max(most_alive, len(alive))

    if api.kind == "sync":
        for conn in api.client.zoom_oauth_connections.list():  # type: ignore[union-attr]
            consume(conn)
    else:

        async def run() -> None:
            async for conn in api.client.zoom_oauth_connections.list():  # type: ignore[union-attr]
                consume(conn)

        api.run(run())  # type: ignore[attr-defined]

    assert ids == [conn["id"] for conn in reversed(added)]
    assert len(set(ids)) == 10_000
    assert most_alive <= 25
    assert len(empty_server.requests) == 400


def test_breaking_early_fetches_nothing_more(
    make_api: ApiFactory, empty_server: FakeAttendeeServer
) -> None:
    empty_server.add_connections(60)
    api = make_api(base_url=empty_server.base_url)

    first = api.list(lambda c: c.zoom_oauth_connections.list(), limit=25)

    assert len(first) == 25
    assert len(empty_server.requests) == 1


def test_next_page_uses_the_cursor_against_the_clients_own_host(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    foreign = "http://evil.example:9999/steal?cursor=Y3Vyc29yPTI%3D&x=1"
    route = mock.get(LIST_URL).mock(side_effect=[page([item(1)], foreign), page([item(2)], None)])
    api = make_api()

    listed = api.list(lambda c: c.zoom_oauth_connections.list())

    assert [conn.id for conn in listed] == [item(1)["id"], item(2)["id"]]
    second = route.calls[1].request
    assert second.url.host == "api.test"
    assert second.url.path == "/api/v1/zoom_oauth_connections"
    assert second.url.params["cursor"] == "Y3Vyc29yPTI="
    assert b"%3D" in second.url.raw_path


def test_next_host_from_the_fake_is_never_followed(
    make_api: ApiFactory,
) -> None:
    with FakeAttendeeServer(
        api_key=API_KEY, seed_example=False, next_host="http://proxy.invalid"
    ) as fake:
        fake.add_connections(30)
        api = make_api(base_url=fake.base_url)

        assert len(api.list(lambda c: c.zoom_oauth_connections.list())) == 30
        assert len(fake.requests) == 2


def test_repeated_cursor_raises_instead_of_looping(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    same = f"{LIST_URL}?cursor=abc"
    route = mock.get(LIST_URL).mock(return_value=page([item(1)], same))
    api = make_api()

    with pytest.raises(PaginationLoopError, match="already returned"):
        api.list(lambda c: c.zoom_oauth_connections.list())

    assert route.call_count == 2


def test_cursor_pointing_back_at_the_first_page_raises(
    make_api: ApiFactory, mock: respx.MockRouter
) -> None:
    mock.get(LIST_URL).mock(return_value=page([item(1)], f"{LIST_URL}?cursor="))

    with pytest.raises(PaginationLoopError):
        make_api().list(lambda c: c.zoom_oauth_connections.list())


def test_list_page_gives_items_and_the_next_cursor(
    make_api: ApiFactory, empty_server: FakeAttendeeServer
) -> None:
    empty_server.add_connections(30)
    api = make_api(base_url=empty_server.base_url)

    first = api.call(lambda c: c.zoom_oauth_connections.list_page())
    second = api.call(lambda c: c.zoom_oauth_connections.list_page(cursor=first.next_cursor))

    assert isinstance(first, Page)
    assert len(first.items) == 25
    assert first.has_next
    assert len(second) == 5
    assert not second.has_next
    assert second.previous_cursor is not None
    assert [c.id for c in second] == [c.id for c in second.items]
    assert len({first, second, first}) == 2


def test_invalid_cursor_is_not_found(
    make_api: ApiFactory, empty_server: FakeAttendeeServer
) -> None:
    api = make_api(base_url=empty_server.base_url)

    with pytest.raises(NotFoundError, match="Invalid cursor"):
        api.call(lambda c: c.zoom_oauth_connections.list_page(cursor="garbage!"))


def test_cursor_of_the_wrong_type_is_rejected_before_sending(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.get(LIST_URL).mock(return_value=page([], None))

    with pytest.raises(TypeError, match="cursor"):
        api.call(lambda c: c.zoom_oauth_connections.list_page(cursor=5))  # type: ignore[arg-type]

    assert route.call_count == 0


def test_page_fetches_are_retried_like_get(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(LIST_URL).mock(side_effect=[httpx.Response(503), page([item(1)], None)])

    assert len(api.list(lambda c: c.zoom_oauth_connections.list())) == 1
    assert route.call_count == 2
    assert len(api.sleeps) == 1


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"next": None, "previous": None}, "results: expected a list"),
        ({"next": None, "results": {"a": 1}}, "results: expected a list"),
        ({"next": 5, "results": []}, "next: expected a URL or null"),
        ({"next": "https://x/y?page=2", "results": []}, "next: no cursor"),
        ({"next": None, "results": [{"id": "zoc_1"}]}, "results[0]: "),
        ([], "not a JSON object"),
    ],
)
def test_page_that_is_not_the_documented_envelope_is_a_validation_error(
    api: Api, mock: respx.MockRouter, body: Any, words: str
) -> None:
    mock.get(LIST_URL).respond(200, json=body)

    with pytest.raises(APIResponseValidationError) as caught:
        api.list(lambda c: c.zoom_oauth_connections.list())

    assert words in str(caught.value)
