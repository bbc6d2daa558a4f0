"""An expiring HMAC token in the URL the bot dials: the only way to know who calls."""

from __future__ import annotations

import inspect
from urllib.parse import parse_qs, urlsplit

import pytest

from attendee_client.realtime import _auth, signed_url, verify_url

SECRET = "realtime-secret-canary-91f2"
NOW = 1_800_000_000.0


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The time the token functions see: NOW, until a test moves it."""
    moment = [NOW]
    monkeypatch.setattr(_auth, "_now", lambda: moment[0])
    return moment


def test_the_signatures_are_the_issues() -> None:
    def shape(function: object) -> list[tuple[str, object, object]]:
        assert callable(function)
        parameters = inspect.signature(function).parameters.values()
        return [(p.name, p.kind.name, p.default) for p in parameters]

    empty = inspect.Parameter.empty
    assert shape(signed_url) == [
        ("url", "POSITIONAL_OR_KEYWORD", empty),
        ("secret", "POSITIONAL_OR_KEYWORD", empty),
        ("expires_in", "KEYWORD_ONLY", 86400.0),
    ]
    assert shape(verify_url) == [
        ("url", "POSITIONAL_OR_KEYWORD", empty),
        ("secret", "POSITIONAL_OR_KEYWORD", empty),
    ]


def test_a_signed_url_verifies_until_two_seconds_past_its_expiry(clock: list[float]) -> None:
    url = signed_url("wss://agent.example.com/attendee", SECRET, expires_in=60)
    assert verify_url(url, SECRET)
    clock[0] = NOW + 60
    assert verify_url(url, SECRET)
    clock[0] = NOW + 62
    assert verify_url(url, SECRET)
    clock[0] = NOW + 62.5
    assert not verify_url(url, SECRET)


def test_the_url_keeps_its_path_and_query_and_never_holds_the_secret() -> None:
    url = signed_url("wss://agent.example.com/attendee?tenant=t1", SECRET)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("wss", "agent.example.com", "/attendee")
    query = parse_qs(parts.query)
    assert query["tenant"] == ["t1"]
    assert query["attendee_expires"] == [str(int(NOW) + 86400)]
    assert SECRET not in url


@pytest.mark.parametrize(
    "given",
    [
        "wss://a.example/x?b=1&a=%20x&flag&c=d%2Fe",
        "wss://a.example/x?z=1&z=2&a=",
        "ws://127.0.0.1:8765/",
    ],
)
def test_the_query_is_kept_as_given_and_the_token_appended(given: str) -> None:
    url = signed_url(given, SECRET)
    joiner = "&" if "?" in given else "?"
    assert url.startswith(given + joiner + f"attendee_expires={int(NOW) + 86400}&attendee_token=")
    assert verify_url(url, SECRET)


def test_signing_twice_replaces_the_old_token() -> None:
    once = signed_url("wss://a.example/x", SECRET)
    twice = signed_url(once, SECRET)
    assert once == twice


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url: url.replace("attendee_token=", "attendee_token=0"),
        lambda url: url.replace("attendee_expires=18", "attendee_expires=19"),
        lambda url: url.split("&attendee_token")[0],
        lambda url: url.split("?")[0],
        lambda url: url.replace("attendee_expires=", "attendee_expires=-"),
        lambda url: url.replace("attendee_expires=18", "attendee_expires=%C2%B2"),  # "²"
        lambda url: url.replace("attendee_expires=", "attendee_expires=" + "9" * 5000),
    ],
)
def test_a_tampered_or_missing_token_does_not_verify(tamper: object) -> None:
    url = signed_url("wss://agent.example.com/a", SECRET)
    assert callable(tamper)
    assert not verify_url(tamper(url), SECRET)


def test_a_malformed_url_does_not_verify_and_never_raises() -> None:
    # urlsplit raises ValueError on this host; a receiver must answer 401, not fail.
    assert not verify_url("ws://[::1/x?attendee_expires=1&attendee_token=aa", SECRET)
    assert not verify_url("//[::1/?attendee_expires=1&attendee_token=aa", SECRET)


def test_another_secret_does_not_verify() -> None:
    url = signed_url("wss://agent.example.com/a", SECRET)
    assert not verify_url(url, "other")


def test_a_request_target_verifies_as_a_whole_url_does() -> None:
    url = signed_url("ws://127.0.0.1:8765/a", SECRET)
    target = url.split("8765", 1)[1]
    assert verify_url(target, SECRET)


@pytest.mark.parametrize("expires_in", [0, -1, float("inf"), float("nan")])
def test_a_lifetime_that_can_never_work_is_refused(expires_in: float) -> None:
    with pytest.raises(ValueError, match="expires_in") as caught:
        signed_url("wss://a.example/", SECRET, expires_in=expires_in)
    assert SECRET not in str(caught.value)


def test_an_empty_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="secret"):
        signed_url("wss://a.example/", "")
