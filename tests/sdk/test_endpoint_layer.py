"""The endpoint layer: request specs, per-call options, readers, pagers, raw responses.

A test-only resource (``Widgets``) declares operations of every shape the API has (query
filters, PATCH, a bare array, an empty 200) exactly as a real resource would, so the layer
is held to them before any real resource uses them.
"""

from __future__ import annotations

import enum
import json
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import attrs
import httpx
import pytest
import respx

from attendee_client import (
    APIResponseValidationError,
    AttendeeClient,
    InternalServerError,
    NotFoundError,
    RawResponse,
    ZoomOAuthConnection,
)
from attendee_client._async.resource import AsyncAPIResource
from attendee_client._request import RequestOptions, RequestSpec, encode_query, path
from attendee_client._resource import NOTHING, array, model
from attendee_client._retry import Retry, RetryState
from attendee_client._sync.resource import SyncAPIResource
from attendee_client.pagination import AsyncPager, SyncPager
from attendee_client.types import Model
from tests.conftest import (
    API_KEY,
    BASE_URL,
    DETAIL_URL,
    EXAMPLE_ID,
    LIST_URL,
    Api,
    Client,
    example_bytes,
    example_json,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

UTC = timezone.utc


@attrs.frozen(kw_only=True)
class Widget(Model):
    id: str
    size: int


WIDGETS = "/api/v1/widgets"
ONE = WIDGETS + "/{widget_id}"


class Widgets(SyncAPIResource):
    def get(self, widget_id: str, **options: Unpack[RequestOptions]) -> Widget:
        return self._get(path(ONE, widget_id=widget_id), model(Widget), options)

    def search(self, *, size: int | None = None, **options: Unpack[RequestOptions]) -> list[Widget]:
        return self._get(WIDGETS + "/search", array(Widget), options, query={"size": size})

    def resize(self, widget_id: str, *, size: int, **options: Unpack[RequestOptions]) -> Widget:
        body = {"size": size}
        return self._send(
            "PATCH", path(ONE, widget_id=widget_id), model(Widget), options, body=body
        )

    def poke(self, widget_id: str, **options: Unpack[RequestOptions]) -> None:
        return self._send("POST", path(ONE + "/poke", widget_id=widget_id), NOTHING, options)


class AsyncWidgets(AsyncAPIResource):
    async def get(self, widget_id: str, **options: Unpack[RequestOptions]) -> Widget:
        return await self._get(path(ONE, widget_id=widget_id), model(Widget), options)

    async def search(
        self, *, size: int | None = None, **options: Unpack[RequestOptions]
    ) -> list[Widget]:
        return await self._get(WIDGETS + "/search", array(Widget), options, query={"size": size})

    async def resize(
        self, widget_id: str, *, size: int, **options: Unpack[RequestOptions]
    ) -> Widget:
        body = {"size": size}
        return await self._send(
            "PATCH", path(ONE, widget_id=widget_id), model(Widget), options, body=body
        )

    async def poke(self, widget_id: str, **options: Unpack[RequestOptions]) -> None:
        return await self._send("POST", path(ONE + "/poke", widget_id=widget_id), NOTHING, options)


def widgets(client: Client) -> Widgets | AsyncWidgets:
    return Widgets(client) if isinstance(client, AttendeeClient) else AsyncWidgets(client)


# --- query strings --------------------------------------------------------------------


class Colour(enum.Enum):
    RED = "red"


def test_query_values_are_encoded_as_the_server_reads_them() -> None:
    moment = datetime(2027, 3, 5, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    query = encode_query(
        {
            "states": ["scheduled", "leaving"],
            "is_host": True,
            "off": False,
            "after": moment,
            "colour": Colour.RED,
            "n": 3,
            "skipped": None,
            "text": "a b&c",
        }
    )
    assert query == (
        "states=scheduled&states=leaving&is_host=true&off=false&after=2027-03-05T08%3A00%3A00Z"
        "&colour=red&n=3&text=a%20b%26c"
    )


def test_a_naive_datetime_in_a_query_is_rejected_naming_it() -> None:
    with pytest.raises(ValueError, match="join_at_after must be a timezone-aware datetime"):
        encode_query({"join_at_after": datetime(2027, 1, 1)})


def test_a_query_value_of_another_type_is_rejected_naming_it() -> None:
    with pytest.raises(TypeError, match="updated_after must be a str"):
        encode_query({"updated_after": object()})


def test_path_parameters_are_named_in_their_errors() -> None:
    with pytest.raises(ValueError, match="bot_id must be a non-empty string"):
        path("/api/v1/bots/{bot_id}", bot_id=" ")
    assert path("/api/v1/bots/{bot_id}/leave", bot_id="a/b") == "/api/v1/bots/a%2Fb/leave"


# --- the shapes of operations ----------------------------------------------------------


def test_query_filters_reach_the_server(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(f"{BASE_URL}{WIDGETS}/search").respond(200, json=[{"id": "w1", "size": 3}])

    found = api.call(lambda c: widgets(c).search(size=3))

    assert found == [Widget(id="w1", size=3)]
    assert route.calls.last.request.url.query == b"size=3"


def test_a_bare_array_with_a_bad_item_names_its_index(api: Api, mock: respx.MockRouter) -> None:
    mock.get(f"{BASE_URL}{WIDGETS}/search").respond(200, json=[{"id": "w1", "size": "3"}])

    with pytest.raises(APIResponseValidationError, match=r"\[0\]: size: expected an integer"):
        api.call(lambda c: widgets(c).search())


def test_an_object_where_an_array_is_expected_is_a_validation_error(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.get(f"{BASE_URL}{WIDGETS}/search").respond(200, json={"id": "w1"})

    with pytest.raises(APIResponseValidationError, match="not a JSON array"):
        api.call(lambda c: widgets(c).search())


def test_patch_sends_its_body_and_reads_the_object(api: Api, mock: respx.MockRouter) -> None:
    route = mock.patch(f"{BASE_URL}{WIDGETS}/w1").respond(200, json={"id": "w1", "size": 9})

    assert api.call(lambda c: widgets(c).resize("w1", size=9)) == Widget(id="w1", size=9)
    assert json.loads(route.calls.last.request.content) == {"size": 9}


def test_an_empty_200_is_none_and_its_body_is_never_parsed(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.post(f"{BASE_URL}{WIDGETS}/w1/poke").respond(200, content=b"not json at all")

    assert api.call(lambda c: widgets(c).poke("w1")) is None


def test_patch_is_sent_once_when_it_may_have_arrived(api: Api, mock: respx.MockRouter) -> None:
    route = mock.patch(f"{BASE_URL}{WIDGETS}/w1").respond(503)

    with pytest.raises(InternalServerError) as caught:
        api.call(lambda c: widgets(c).resize("w1", size=9))

    assert route.call_count == 1
    assert caught.value.outcome_unknown is True
    assert "the outcome is unknown" in str(caught.value)


def test_a_retried_delete_meeting_404_is_an_error_when_it_returns_an_object() -> None:
    request = httpx.Request("DELETE", f"{BASE_URL}{WIDGETS}/w1")
    spec = RequestSpec("DELETE", WIDGETS + "/w1", model(Widget), retry=Retry.SAFE)
    not_found = NotFoundError("gone", response=httpx.Response(404, request=request), body={})
    first = NotFoundError("x", response=httpx.Response(503, request=request), body={})
    state = RetryState(spec, request, first, max_retries=2)
    state.reached_server = True

    with pytest.raises(NotFoundError):
        state.recover(not_found)

    returns_nothing = RequestSpec("DELETE", WIDGETS + "/w1", NOTHING, retry=Retry.SAFE)
    state = RetryState(returns_nothing, request, first, max_retries=2)
    state.reached_server = True
    assert state.recover(not_found).status_code == 404


# --- per-call options -----------------------------------------------------------------


def test_extra_headers_query_and_body_are_sent(api: Api, mock: respx.MockRouter) -> None:
    route = mock.patch(f"{BASE_URL}{WIDGETS}/w1").respond(200, json={"id": "w1", "size": 9})

    api.call(
        lambda c: widgets(c).resize(
            "w1",
            size=9,
            extra_headers={"X-Trace": "t-1"},
            extra_query={"dry_run": True},
            extra_body={"colour": "red"},
        )
    )

    request = route.calls.last.request
    assert request.headers["X-Trace"] == "t-1"
    assert request.headers["Authorization"] == f"Token {API_KEY}"
    assert request.url.query == b"dry_run=true"
    assert list(json.loads(request.content).items()) == [("size", 9), ("colour", "red")]


def test_extra_body_alone_becomes_the_body(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post(f"{BASE_URL}{WIDGETS}/w1/poke").respond(200)

    api.call(lambda c: widgets(c).poke("w1", extra_body={"hard": True}))

    assert json.loads(route.calls.last.request.content) == {"hard": True}


def test_every_existing_method_takes_the_per_call_options(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(DETAIL_URL).respond(200, content=example_bytes())

    api.call(
        lambda c: c.zoom_oauth_connections.get(
            EXAMPLE_ID, extra_headers={"X-A": "1"}, extra_query={"expand": "x"}, timeout=3.0
        )
    )

    request = route.calls.last.request
    assert request.headers["X-A"] == "1"
    assert request.url.query == b"expand=x"
    assert request.extensions["timeout"]["read"] == 3.0


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"timout": 3}, TypeError),
        ({"extra_headers": {"X-A": "a\nb"}}, ValueError),
        ({"extra_headers": {"X-A": 1}}, TypeError),
        ({"extra_query": ["a"]}, TypeError),
        ({"extra_body": "x"}, TypeError),
        ({"timeout": -1}, ValueError),
    ],
)
def test_bad_per_call_options_are_rejected_before_sending(
    api: Api, mock: respx.MockRouter, options: dict[str, Any], error: type[Exception]
) -> None:
    route = mock.route().respond(200, content=example_bytes())

    with pytest.raises(error):
        api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID, **options))

    assert route.call_count == 0


# --- raw responses --------------------------------------------------------------------


def test_raw_response_gives_status_headers_and_the_parsed_model(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.get(DETAIL_URL).respond(200, content=example_bytes(), headers={"X-Request-Id": "r-1"})

    raw = api.call(lambda c: c.with_raw_response.zoom_oauth_connections.get(EXAMPLE_ID))

    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["X-Request-Id"] == "r-1"
    assert isinstance(raw.http_response, httpx.Response)
    conn = raw.parse()
    assert isinstance(conn, ZoomOAuthConnection)
    assert raw.parse() is conn
    assert "200" in repr(raw)


def test_raw_delete_parses_to_none(api: Api, mock: respx.MockRouter) -> None:
    mock.delete(DETAIL_URL).respond(200)

    raw = api.call(lambda c: c.with_raw_response.zoom_oauth_connections.delete(EXAMPLE_ID))

    assert raw.status_code == 200
    assert raw.parse() is None


def test_raw_list_page_and_create(api: Api, mock: respx.MockRouter) -> None:
    mock.get(LIST_URL).respond(200, json={"next": None, "previous": None, "results": []})
    mock.post(LIST_URL).respond(201, content=example_bytes())

    page = api.call(lambda c: c.with_raw_response.zoom_oauth_connections.list_page())
    created = api.call(
        lambda c: c.with_raw_response.zoom_oauth_connections.create(
            authorization_code="code", redirect_uri="https://app.test/cb"
        )
    )

    assert page.parse().items == []
    assert created.status_code == 201
    assert created.parse().id == EXAMPLE_ID


def test_raw_response_still_raises_the_typed_error(api: Api, mock: respx.MockRouter) -> None:
    mock.get(DETAIL_URL).respond(404, json={"error": "Zoom OAuth Connection not found"})

    with pytest.raises(NotFoundError):
        api.call(lambda c: c.with_raw_response.zoom_oauth_connections.get(EXAMPLE_ID))


def test_a_raw_call_of_a_bad_body_raises_validation_error_holding_the_response(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.get(DETAIL_URL).respond(200, json={"id": 5})

    with pytest.raises(APIResponseValidationError) as caught:
        api.call(lambda c: c.with_raw_response.zoom_oauth_connections.get(EXAMPLE_ID))

    assert caught.value.response.status_code == 200
    assert caught.value.response.json() == {"id": 5}


# --- pagers ---------------------------------------------------------------------------


def _page(ids: list[str], cursor: str | None) -> dict[str, Any]:
    next_url = f"{BASE_URL}{LIST_URL}?cursor={cursor}" if cursor else None
    return {
        "next": next_url,
        "previous": None,
        "results": [{**example_json(), "id": i} for i in ids],
    }


def test_pages_walks_each_page_once(api: Api, mock: respx.MockRouter) -> None:
    mock.get(LIST_URL, params={"cursor": "c2"}).respond(200, json=_page(["zoc_3"], None))
    mock.get(LIST_URL).respond(200, json=_page(["zoc_1", "zoc_2"], "c2"))

    pages = api.pages(lambda c: c.zoom_oauth_connections.list())

    assert [[conn.id for conn in page.items] for page in pages] == [["zoc_1", "zoc_2"], ["zoc_3"]]
    assert [page.has_next for page in pages] == [True, False]


def test_list_returns_the_pager_of_its_flavour(api: Api) -> None:
    pager = api.client.zoom_oauth_connections.list()
    assert isinstance(pager, SyncPager if api.kind == "sync" else AsyncPager)


def test_a_bad_cursor_is_rejected_before_sending(api: Api, mock: respx.MockRouter) -> None:
    route = mock.route().respond(200)

    with pytest.raises(TypeError, match="cursor must be a str or None"):
        api.call(lambda c: c.zoom_oauth_connections.list_page(cursor=5))  # type: ignore[arg-type]

    assert route.call_count == 0


def test_a_bad_option_to_list_is_rejected_when_called_not_when_iterated(api: Api) -> None:
    with pytest.raises(TypeError, match="unexpected keyword"):
        api.client.zoom_oauth_connections.list(timout=1)  # type: ignore[call-arg]


def test_each_for_over_a_pager_is_a_new_walk_from_the_first_page(
    mock: respx.MockRouter,
) -> None:
    route = mock.get(LIST_URL).respond(200, json=_page(["zoc_1", "zoc_2"], None))
    with AttendeeClient(api_key=API_KEY, base_url=BASE_URL) as client:
        pager = client.zoom_oauth_connections.list()

        assert next(iter(pager)).id == "zoc_1"
        assert [conn.id for conn in pager] == ["zoc_1", "zoc_2"]
        assert route.call_count == 2
