"""An expiring HMAC token in the URL the bot dials: the only way to know who calls."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from attendee_client.realtime import signed_url, verify_url

SECRET = "realtime-secret-canary-91f2"
NOW = 1_800_000_000.0


def test_a_signed_url_verifies_until_two_seconds_past_its_expiry() -> None:
    url = signed_url("wss://agent.example.com/attendee", SECRET, expires_in=60, now=NOW)
    assert verify_url(url, SECRET, now=NOW)
    assert verify_url(url, SECRET, now=NOW + 60)
    assert verify_url(url, SECRET, now=NOW + 62)
    assert not verify_url(url, SECRET, now=NOW + 62.5)


def test_the_url_keeps_its_path_and_query_and_never_holds_the_secret() -> None:
    url = signed_url("wss://agent.example.com/attendee?tenant=t1", SECRET, now=NOW)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("wss", "agent.example.com", "/attendee")
    query = parse_qs(parts.query)
    assert query["tenant"] == ["t1"]
    assert query["attendee_expires"] == [str(int(NOW) + 86400)]
    assert SECRET not in url


def test_signing_twice_replaces_the_old_token() -> None:
    once = signed_url("wss://a.example/x", SECRET, now=NOW)
    twice = signed_url(once, SECRET, now=NOW)
    assert once == twice


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url: url.replace("attendee_token=", "attendee_token=0"),
        lambda url: url.replace("attendee_expires=18", "attendee_expires=19"),
        lambda url: url.split("&attendee_token")[0],
        lambda url: url.split("?")[0],
        lambda url: url.replace("attendee_expires=", "attendee_expires=-"),
    ],
)
def test_a_tampered_or_missing_token_does_not_verify(tamper: object) -> None:
    url = signed_url("wss://agent.example.com/a", SECRET, now=NOW)
    assert callable(tamper)
    assert not verify_url(tamper(url), SECRET, now=NOW)


def test_another_secret_does_not_verify() -> None:
    url = signed_url("wss://agent.example.com/a", SECRET, now=NOW)
    assert not verify_url(url, "other", now=NOW)


def test_a_request_target_verifies_as_a_whole_url_does() -> None:
    url = signed_url("ws://127.0.0.1:8765/a", SECRET, now=NOW)
    target = url.split("8765", 1)[1]
    assert verify_url(target, SECRET, now=NOW)


@pytest.mark.parametrize("expires_in", [0, -1, float("inf"), float("nan")])
def test_a_lifetime_that_can_never_work_is_refused(expires_in: float) -> None:
    with pytest.raises(ValueError, match="expires_in") as caught:
        signed_url("wss://a.example/", SECRET, expires_in=expires_in)
    assert SECRET not in str(caught.value)


def test_an_empty_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="secret"):
        signed_url("wss://a.example/", "")
