"""Hostile ids against the real-socket fake: each is refused before a byte is sent, or sent
as exactly one encoded segment that reaches no other path."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from attendee_client import NotFoundError
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import Api

COLLECTION = "/api/v1/zoom_oauth_connections/"

REFUSED = {
    "empty": "",
    "whitespace": " \t ",
    "CR/LF": "zoc_a\r\nHost: evil.example",
    "LF": "zoc_a\nX: 1",
    "NUL": "zoc_\x00a",
    "DEL": "zoc_\x7f",
    "None": None,
    "int": 42,
    "bytes": b"zoc_abcdef1234567890",
    "list": ["zoc_abcdef1234567890"],
}

ENCODED = {
    "dot-dot": "..",
    "dot": ".",
    "dot-dot-slash": "../../admin",
    "slash": "/",
    "encoded slash": "%2F",
    "question mark": "?",
    "query": "zoc_a?cursor=x",
    "hash": "#",
    "space": "zoc a",
    "unicode": "zoc_ñ✓",
    "10 kB": "z" * 10_240,
    "backslash": "..\\..\\x",
    "semicolon": "zoc;a=b",
}


@pytest.mark.parametrize("name", list(REFUSED))
@pytest.mark.parametrize("method", ["get", "delete"])
def test_id_refused_before_anything_is_sent(
    served_api: Api, server: FakeAttendeeServer, name: str, method: str
) -> None:
    with pytest.raises((ValueError, TypeError)):
        served_api.call(lambda c: getattr(c.zoom_oauth_connections, method)(REFUSED[name]))

    assert server.requests == []


@pytest.mark.parametrize("name", list(ENCODED))
@pytest.mark.parametrize("method", ["get", "delete"])
def test_id_sent_as_one_segment_reaching_no_other_path(
    served_api: Api, server: FakeAttendeeServer, name: str, method: str
) -> None:
    object_id = ENCODED[name]

    with pytest.raises(NotFoundError) as caught:
        served_api.call(lambda c: getattr(c.zoom_oauth_connections, method)(object_id))

    (request,) = server.requests
    split = urlsplit(request.path)
    assert split.query == ""
    assert split.path.startswith(COLLECTION)
    segment = split.path[len(COLLECTION) :]
    assert "/" not in segment
    assert unquote(segment) == object_id
    # Like the real front server, the fake decodes %2F and answers its catch-all 404.
    expected = "Not found" if "/" in object_id else "Zoom OAuth Connection not found"
    assert caught.value.body == {"error": expected}
    assert len(server.connections) == 1
