"""Delete: None on success, NotFoundError on 404, and harmless when retried."""

from __future__ import annotations

import httpx
import pytest
import respx

from attendee_client import NotFoundError
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import DETAIL_URL, EXAMPLE_ID, Api

GONE = httpx.Response(404, json={"error": "Zoom OAuth Connection not found"})


def test_delete_returns_none_and_the_connection_is_gone(
    served_api: Api, server: FakeAttendeeServer
) -> None:
    assert served_api.call(lambda c: c.zoom_oauth_connections.delete(EXAMPLE_ID)) is None

    assert server.connections == []
    with pytest.raises(NotFoundError):
        served_api.call(lambda c: c.zoom_oauth_connections.get(EXAMPLE_ID))


def test_deleting_an_unknown_id_is_not_found(served_api: Api) -> None:
    with pytest.raises(NotFoundError, match="Zoom OAuth Connection not found"):
        served_api.call(lambda c: c.zoom_oauth_connections.delete("zoc_doesnotexist0000"))


def test_delete_sends_delete_to_the_encoded_path(api: Api, mock: respx.MockRouter) -> None:
    route = mock.delete(url__regex=r".*").respond(200)

    api.call(lambda c: c.zoom_oauth_connections.delete("a/b"))

    assert route.calls.last.request.url.raw_path == b"/api/v1/zoom_oauth_connections/a%2Fb"


@pytest.mark.parametrize("object_id", ["", None])
def test_delete_rejects_a_bad_id_before_sending(
    api: Api, mock: respx.MockRouter, object_id: object
) -> None:
    route = mock.route().respond(200)

    with pytest.raises((ValueError, TypeError)):
        api.call(lambda c: c.zoom_oauth_connections.delete(object_id))  # type: ignore[arg-type]

    assert route.call_count == 0


@pytest.mark.parametrize(
    "first_failure",
    [httpx.Response(503), httpx.Response(502), httpx.ReadTimeout("slow")],
)
def test_retried_delete_that_meets_404_after_it_may_have_succeeded_is_success(
    api: Api, mock: respx.MockRouter, first_failure: httpx.Response | Exception
) -> None:
    route = mock.delete(DETAIL_URL).mock(side_effect=[first_failure, GONE])

    assert api.call(lambda c: c.zoom_oauth_connections.delete(EXAMPLE_ID)) is None
    assert route.call_count == 2


def test_retried_delete_after_a_connect_error_still_reports_404(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.delete(DETAIL_URL).mock(side_effect=[httpx.ConnectError("refused"), GONE])

    with pytest.raises(NotFoundError) as caught:
        api.call(lambda c: c.zoom_oauth_connections.delete(EXAMPLE_ID))

    assert route.call_count == 2
    assert caught.value.attempts == 2
