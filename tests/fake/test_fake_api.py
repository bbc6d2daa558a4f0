"""The fake answers bad requests with the real server's status codes and bodies
(``shared/api/bots.md``, ``calendars.md``), so users' error handling can be tested offline."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from attendee_client.testing import FakeAttendeeServer

UTC = timezone.utc


def ask(
    http: httpx.Client, method: str, path: str, body: Any = None, **params: Any
) -> httpx.Response:
    return http.request(method, path, json=body, params=params or None)


@pytest.mark.parametrize(
    ("body", "answer"),
    [
        ({}, {"meeting_url": ["This field is required."], "bot_name": ["This field is required."]}),
        (
            {"meeting_url": "https://example.com/x", "bot_name": "a"},
            {"meeting_url": ["Invalid meeting URL"]},
        ),
        (
            {
                "meeting_url": "https://zoom.us/j/1",
                "bot_name": "a",
                "join_at": "2020-01-01T00:00:00Z",
            },
            {"join_at": ["join_at cannot be in the past"]},
        ),
        (
            {"meeting_url": "https://zoom.us/j/1", "bot_name": "a", "join_at": "tomorrow"},
            {
                "join_at": [
                    "Datetime has wrong format. Use one of these formats instead: "
                    "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
                ]
            },
        ),
        (
            {"meeting_url": "https://zoom.us/j/1", "bot_name": "a", "metadata": {"a": 1}},
            {"metadata": ["Value for key 'a' must be a string"]},
        ),
        (
            {"meeting_url": "https://zoom.us/j/1", "bot_name": "a", "metadata": [1]},
            {"metadata": ["Metadata must be an object not an array or other type"]},
        ),
        (
            {"meeting_url": "https://zoom.us/j/1", "bot_name": "\U0001f600"},
            {"bot_name": ["Bot name cannot contain emojis or rare script characters."]},
        ),
        (
            {
                "meeting_url": "https://zoom.us/j/1",
                "bot_name": "a",
                "recording_settings": {"format": "avi"},
            },
            {"recording_settings": {"format": "Format must be mp4 or mp3 or 'none'"}},
        ),
        (
            {
                "meeting_url": "https://zoom.us/j/1",
                "bot_name": "a",
                "bot_image": {"type": "image/gif", "data": "AA=="},
            },
            {"bot_image": {"type": ['"image/gif" is not a valid choice.']}},
        ),
        (
            {"bot_name": "a", "calendar_event_id": "cev_nope"},
            {"error": "Calendar event with id cev_nope does not exist in this project."},
        ),
        ([1], {"non_field_errors": ["Invalid data. Expected a dictionary."]}),
    ],
)
def test_bot_create_refusals(http: httpx.Client, body: Any, answer: Any) -> None:
    response = ask(http, "POST", "/bots", body)
    assert (response.status_code, response.json()) == (400, answer)


def test_bot_create_unknown_field(http: httpx.Client) -> None:
    response = ask(
        http, "POST", "/bots", {"meeting_url": "https://zoom.us/j/1", "bot_name": "a", "foo": 1}
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0].startswith(
        "Unexpected field(s): foo. Allowed fields are: automatic_leave_settings,"
    )


def test_a_request_without_json_content_type_is_415(http: httpx.Client) -> None:
    response = http.post("/bots", content=b"x", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_a_body_that_is_not_json_is_400(http: httpx.Client) -> None:
    response = http.post("/bots", content=b"{", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"states": "scheduled,leaving"},
            "Invalid state: scheduled,leaving. Valid states are: ready, joining,",
        ),
        (
            {"join_at_after": "soon"},
            "Invalid join_at_after format. Use ISO 8601 format (e.g., 2024-01-18T12:34:56Z)",
        ),
    ],
)
def test_bot_list_refusals(http: httpx.Client, params: dict[str, str], message: str) -> None:
    response = ask(http, "GET", "/bots", **params)
    assert response.status_code == 400
    assert response.json()["error"].startswith(message)


def test_bot_list_filters(fake: FakeAttendeeServer, http: httpx.Client) -> None:
    early = fake.add_bot(join_at=datetime(2030, 1, 1, tzinfo=UTC), deduplication_key="a")
    fake.add_bot(join_at=datetime(2031, 1, 1, tzinfo=UTC), meeting_url="https://zoom.us/j/9")

    def ids(response: httpx.Response) -> list[str]:
        return [b["id"] for b in response.json()["results"]]

    assert ids(ask(http, "GET", "/bots", join_at_before="2030-06-01")) == [early["id"]]
    assert ids(ask(http, "GET", "/bots", deduplication_key="a")) == [early["id"]]
    assert len(ids(ask(http, "GET", "/bots", meeting_url="https://zoom.us/j/9"))) == 1
    assert ask(http, "GET", "/bots", cursor="garbage").json() == {"detail": "Invalid cursor"}


def test_bot_patch_refusals(fake: FakeAttendeeServer, http: httpx.Client) -> None:
    scheduled = fake.add_bot(join_at=datetime(2030, 1, 1, tzinfo=UTC))["id"]
    bad = ask(
        http, "PATCH", f"/bots/{scheduled}", {"join_at": "2020-01-01T00:00:00Z", "metadata": {}}
    )
    assert bad.json() == {
        "join_at": ["join_at cannot be in the past"],
        "metadata": ["Metadata must have at least one key"],
    }
    assert ask(http, "PATCH", f"/bots/{scheduled}", {"join_at": "x"}).status_code == 400
    moved = ask(
        http,
        "PATCH",
        f"/bots/{scheduled}",
        {"join_at": "2031-01-01T00:00:00Z", "meeting_url": "https://zoom.us/j/2", "ignored": 1},
    )
    assert moved.json()["join_at"] == "2031-01-01T00:00:00Z"
    assert ask(http, "PATCH", "/bots/bot_nope", {}).status_code == 404


def test_media_refusals(fake: FakeAttendeeServer, http: httpx.Client) -> None:
    bot = fake.add_bot(meeting_url="https://meet.google.com/abc-defg-hij")["id"]
    assert ask(http, "POST", f"/bots/{bot}/output_audio", {}).json() == {
        "error": "Both type and data are required"
    }
    assert ask(
        http, "POST", f"/bots/{bot}/output_audio", {"type": "audio/wav", "data": "AA=="}
    ).json() == {"error": "Invalid audio content type"}
    assert (
        ask(
            http, "POST", f"/bots/{bot}/output_audio", {"type": "audio/mp3", "data": "!"}
        ).status_code
        == 400
    )
    assert ask(http, "POST", f"/bots/{bot}/output_image", {}).json() == {
        "error": "Bot is in state joining and cannot play media"
    }
    assert ask(http, "POST", f"/bots/{bot}/output_video", {"url": "http://x.mp4"}).json() == {
        "url": ["URL must start with https://"]
    }
    assert ask(http, "POST", f"/bots/{bot}/output_video", {"url": "https://x.mov"}).json() == {
        "url": ["URL must end with .mp4"]
    }
    assert ask(http, "POST", f"/bots/{bot}/speech", {}).json() == {
        "text": ["This field is required."],
        "text_to_speech_settings": ["This field is required."],
    }
    assert ask(
        http,
        "POST",
        f"/bots/{bot}/speech",
        {"text": "a", "text_to_speech_settings": {"google": {"voice_language_code": "en"}}},
    ).json() == {"text_to_speech_settings": ["'voice_name' is a required property"]}
    assert ask(http, "POST", f"/bots/{bot}/send_chat_message", {}).json() == {
        "message": ["This field is required."]
    }
    assert (
        ask(http, "POST", f"/bots/{bot}/send_chat_message", {"message": "\U0001f600"}).status_code
        == 400
    )
    assert ask(
        http, "POST", f"/bots/{bot}/send_chat_message", {"message": "a", "to": "host"}
    ).json() == {"to": ['"host" is not a valid choice.']}
    assert ask(
        http, "POST", f"/bots/{bot}/send_chat_message", {"message": "a", "to": "specific_user"}
    ).json() == {"to_user_uuid": ["This field is required when the 'to' value is 'specific_user'."]}
    assert ask(http, "POST", f"/bots/{bot}/admit_from_waiting_room").json() == {
        "error": "Admitting from waiting room is not supported for this meeting type"
    }
    assert ask(http, "POST", f"/bots/{bot}/change_gallery_view_page").json() == {
        "error": "Changing gallery view page is not supported for this meeting type"
    }
    assert ask(http, "PATCH", f"/bots/{bot}/transcription_settings", {}).json() == {
        "error": "Bot is in state joining and cannot update transcription settings"
    }
    assert ask(http, "PATCH", f"/bots/{bot}/voice_agent_settings", {}).json() == {
        "error": "Bot is in state joining and cannot update voice agent settings"
    }


def test_sub_list_filters(fake: FakeAttendeeServer, http: httpx.Client) -> None:
    bot = fake.add_bot()["id"]
    fake.add_chat_message(bot, "hi")
    fake.add_utterance(bot, "Hello")
    alice = fake.add_participant(bot, "Alice")
    assert ask(http, "GET", f"/bots/{bot}/participants", is_host="maybe").json() == {
        "error": "Invalid is_host value. Use true or false."
    }
    assert [
        p["id"]
        for p in ask(http, "GET", f"/bots/{bot}/participants", id=alice["id"]).json()["results"]
    ] == [alice["id"]]
    assert ask(http, "GET", f"/bots/{bot}/participant_events", after="x").status_code == 400
    assert (
        ask(http, "GET", f"/bots/{bot}/participant_events", before="2000-01-01T00:00:00Z").json()[
            "results"
        ]
        == []
    )
    assert ask(http, "GET", f"/bots/{bot}/chat_messages", updated_after="x").status_code == 400
    assert (
        ask(http, "GET", f"/bots/{bot}/chat_messages", updated_after="2000-01-01T00:00:00Z").json()[
            "results"
        ][0]["text"]
        == "hi"
    )
    assert ask(http, "GET", f"/bots/{bot}/transcript", updated_after="x").status_code == 400
    assert (
        ask(http, "GET", f"/bots/{bot}/transcript", updated_after="2000-01-01T00:00:00Z").json()[0][
            "transcription"
        ]["transcript"]
        == "Hello"
    )


def test_seeding_helpers_check_their_input(fake: FakeAttendeeServer) -> None:
    with pytest.raises(TypeError, match="a bot has no field"):
        fake.add_bot(stat="joining")  # type: ignore[call-arg]
    with pytest.raises(KeyError, match="no bot"):
        fake.add_utterance("bot_nope", "x")
    with pytest.raises(TypeError, match="an utterance has no field"):
        fake.add_utterance(fake.add_bot()["id"], "x", speaker="x")  # type: ignore[call-arg]
    with pytest.raises(KeyError, match="no calendar"):
        fake.add_calendar_event("cal_nope")
    with pytest.raises(TypeError, match="a calendar has no field"):
        fake.add_calendar(name="x")  # type: ignore[call-arg]


def test_calendar_refusals(fake: FakeAttendeeServer, http: httpx.Client) -> None:
    assert ask(http, "POST", "/calendars", {"platform": "nope", "x": 1}).json() == {
        "client_id": ["This field is required."],
        "client_secret": ["This field is required."],
        "refresh_token": ["This field is required."],
        "platform": ['"nope" is not a valid choice.'],
    }
    valid = {"platform": "google", "client_id": "c", "client_secret": "s", "refresh_token": "r"}
    assert (
        ask(http, "POST", "/calendars", {**valid, "x": 1})
        .json()["non_field_errors"][0]
        .startswith("Unexpected field(s): x.")
    )
    assert ask(
        http, "POST", "/calendars", {**valid, "client_id": " ", "deduplication_key": ""}
    ).json() == {
        "client_id": ["This field may not be blank."],
        "deduplication_key": ["This field may not be blank."],
    }
    assert ask(http, "POST", "/calendars", {**valid, "metadata": {"a": 1}}).json() == {
        "metadata": ["Value for key 'a' must be a string"]
    }
    calendar = ask(http, "POST", "/calendars", valid).json()["id"]
    assert ask(http, "PATCH", f"/calendars/{calendar}", {"client_secret": " "}).json() == {
        "client_secret": ["This field may not be blank."]
    }
    assert ask(http, "PATCH", "/calendars/cal_nope", {}).status_code == 404
    assert ask(http, "DELETE", "/calendars/cal_nope").status_code == 404
    assert ask(http, "PUT", f"/calendars/{calendar}", {}).status_code == 405
    assert ask(http, "POST", "/calendar_events", {}).json() == {
        "detail": 'Method "POST" not allowed.'
    }
    assert (
        ask(http, "GET", "/calendar_events", ordering="name")
        .json()["error"]
        .startswith("Invalid ordering.")
    )
    assert ask(http, "GET", "/calendar_events", end_time_lte="").status_code == 400
    assert ask(http, "GET", "/calendar_events", calendar_id="").json()["results"] == []
    assert ask(http, "GET", "/calendar_events", event_id="evt_nope").json()["results"] == []
    assert ask(http, "GET", "/calendar_events", updated_at_gte="2000-01-01").json()["results"] == []


def test_deleting_a_calendar_cancels_its_scheduled_bots(
    fake: FakeAttendeeServer, http: httpx.Client
) -> None:
    calendar = fake.add_calendar()["id"]
    scheduled = fake.add_bot(join_at=datetime(2030, 1, 1, tzinfo=UTC))
    joining = fake.add_bot()
    fake.add_calendar_event(calendar, bots=[scheduled, joining])
    assert ask(http, "DELETE", f"/calendars/{calendar}").status_code == 200
    assert [b["id"] for b in fake.bots] == [joining["id"]]


def test_connection_helpers(fake: FakeAttendeeServer, http: httpx.Client) -> None:
    connection = fake.add_connection()
    fake.disconnect_connection(connection["id"])
    answer = ask(http, "GET", f"/zoom_oauth_connections/{connection['id']}").json()
    assert answer["state"] == "disconnected"
    assert answer["connection_failure_data"] == {"error": "invalid_grant"}
    assert ask(http, "DELETE", "/zoom_oauth_connections/zoc_nope").status_code == 404
