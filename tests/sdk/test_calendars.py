"""client.calendars and client.calendar_events from both clients, against the fake (in
process) and under respx."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
import respx

from attendee_client import (
    APIConnectionError,
    BadRequestError,
    Calendar,
    CalendarEvent,
    CalendarPlatform,
    CalendarState,
    NotFoundError,
)
from attendee_client.testing import FakeAttendeeServer
from tests.conftest import BASE_URL, Api

UTC = timezone.utc
CALENDARS_URL = f"{BASE_URL}/api/v1/calendars"
EVENTS_URL = f"{BASE_URL}/api/v1/calendar_events"
CALENDAR_JSON: dict[str, Any] = {
    "id": "cal_h2Tu1yfkt50UWoB8",
    "platform": "google",
    "client_id": "cid-sdk",
    "platform_uuid": None,
    "state": "connected",
    "metadata": {"tenant": "t1"},
    "deduplication_key": "sdk-cal-1",
    "connection_failure_data": None,
    "created_at": "2026-11-25T03:00:11.498605Z",
    "updated_at": "2026-11-25T03:00:11.504776Z",
    "last_successful_sync_at": None,
    "last_attempted_sync_at": None,
}
SECRETS = {"client_id": "cid", "client_secret": "s3cret-value", "refresh_token": "r3fresh-value"}


def create(api: Api, **fields: Any) -> Calendar:
    arguments = {"platform": "google", **SECRETS, **fields}
    calendar: Calendar = api.call(lambda c: c.calendars.create(**arguments))
    return calendar


def test_the_documented_calendar_parses_and_round_trips() -> None:
    calendar = Calendar.from_dict(CALENDAR_JSON)
    assert calendar.platform is CalendarPlatform.GOOGLE
    assert calendar.state is CalendarState.CONNECTED
    assert calendar.created_at == datetime(2026, 11, 25, 3, 0, 11, 498605, tzinfo=UTC)
    assert calendar.to_dict() == CALENDAR_JSON


def test_create_get_update_delete_against_the_fake(fake_api: Api, fake: FakeAttendeeServer) -> None:
    calendar = create(fake_api, metadata={"tenant": "t1"}, deduplication_key="k1")
    assert calendar.state is CalendarState.CONNECTED
    assert calendar.last_attempted_sync_at is None
    assert json.loads(fake.requests[-1].body) == {
        "platform": "google",
        **SECRETS,
        "metadata": {"tenant": "t1"},
        "deduplication_key": "k1",
    }

    assert fake_api.call(lambda c: c.calendars.get(calendar.id)) == calendar
    updated = fake_api.call(lambda c: c.calendars.update(calendar.id, refresh_token="new"))
    assert updated.updated_at > calendar.updated_at
    assert json.loads(fake.requests[-1].body) == {"refresh_token": "new"}
    assert fake_api.call(lambda c: c.calendars.delete(calendar.id)) is None
    with pytest.raises(NotFoundError) as caught:
        fake_api.call(lambda c: c.calendars.get(calendar.id))
    assert caught.value.body == {"error": "Calendar not found"}


def test_a_duplicate_deduplication_key_is_a_field_error(fake_api: Api) -> None:
    create(fake_api, deduplication_key="k1")

    with pytest.raises(BadRequestError) as caught:
        create(fake_api, deduplication_key="k1")

    assert caught.value.field_errors == {
        "deduplication_key": [
            "A calendar with this deduplication key already exists in this project."
        ]
    }


def test_list_is_newest_first_and_filters_by_key(fake_api: Api, fake: FakeAttendeeServer) -> None:
    ids = [create(fake_api, deduplication_key=f"k{n}").id for n in range(30)]

    assert [c.id for c in fake_api.list(lambda c: c.calendars.list())] == ids[::-1]
    assert [c.id for c in fake_api.list(lambda c: c.calendars.list(deduplication_key="k3"))] == [
        ids[3]
    ]
    assert len(fake_api.call(lambda c: c.calendars.list_page()).items) == 25


def test_a_disconnected_calendar_says_why(fake_api: Api, fake: FakeAttendeeServer) -> None:
    calendar_id = fake.add_calendar()["id"]
    fake.disconnect_calendar(calendar_id)

    calendar = fake_api.call(lambda c: c.calendars.get(calendar_id))

    assert calendar.state is CalendarState.DISCONNECTED
    assert calendar.connection_failure_data is not None
    assert "invalid_grant" in calendar.connection_failure_data["error"]


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"platform": 3}, TypeError, "platform must be a str"),
        ({"client_secret": ""}, ValueError, "client_secret must be a non-empty"),
        ({"refresh_token": 5}, TypeError, "refresh_token must be a str"),
        ({"metadata": {}}, ValueError, "metadata must have at least one key"),
        ({"deduplication_key": " "}, ValueError, "deduplication_key"),
    ],
)
def test_bad_create_arguments_are_rejected_before_sending(
    fake_api: Api,
    fake: FakeAttendeeServer,
    fields: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        create(fake_api, **fields)
    assert fake.requests == []


def test_create_is_sent_once_and_never_puts_secrets_in_errors(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post(CALENDARS_URL).mock(side_effect=httpx.ReadTimeout("slow"))

    with pytest.raises(APIConnectionError) as caught:
        create(api)

    assert route.call_count == 1
    assert caught.value.outcome_unknown
    assert "list calendars" in str(caught.value)
    for secret in SECRETS.values():
        assert secret not in str(caught.value)


def test_update_refuses_a_null_metadata_from_the_server(
    fake_api: Api, fake: FakeAttendeeServer
) -> None:
    calendar_id = fake.add_calendar()["id"]
    with pytest.raises(BadRequestError, match="may not be null"):
        fake_api.call(lambda c: c.calendars.update(calendar_id, extra_body={"metadata": None}))
    with pytest.raises(BadRequestError, match="Unexpected field"):
        fake_api.call(lambda c: c.calendars.update(calendar_id, extra_body={"client_id": "x"}))


def test_a_retried_delete_that_meets_404_succeeded(api: Api, mock: respx.MockRouter) -> None:
    mock.delete(f"{CALENDARS_URL}/cal_1").mock(
        side_effect=[
            httpx.ReadTimeout("x"),
            httpx.Response(404, json={"error": "Calendar not found"}),
        ]
    )
    assert api.call(lambda c: c.calendars.delete("cal_1")) is None


def test_deleting_a_calendar_removes_its_events(fake_api: Api, fake: FakeAttendeeServer) -> None:
    calendar_id = fake.add_calendar()["id"]
    fake.add_calendar_event(calendar_id)
    fake_api.call(lambda c: c.calendars.delete(calendar_id))
    assert fake_api.list(lambda c: c.calendar_events.list()) == []


# --- calendar events ------------------------------------------------------------------


def test_events_are_listed_with_filters_and_ordering(
    fake_api: Api, fake: FakeAttendeeServer
) -> None:
    first = fake.add_calendar(deduplication_key="work")["id"]
    other = fake.add_calendar()["id"]
    early = fake.add_calendar_event(
        first, start_time=datetime(2025, 3, 1, 9, tzinfo=UTC), name="early"
    )
    late = fake.add_calendar_event(
        first, start_time=datetime(2025, 3, 2, 9, tzinfo=UTC), name="late"
    )
    fake.add_calendar_event(other, name="elsewhere")

    by_start = fake_api.list(
        lambda c: c.calendar_events.list(calendar_id=first, ordering="start_time")
    )
    by_key = fake_api.list(lambda c: c.calendar_events.list(calendar_deduplication_key="work"))
    since = fake_api.list(
        lambda c: c.calendar_events.list(start_time_gte=datetime(2025, 3, 2, 9, tzinfo=UTC))
    )

    assert [e.name for e in by_start] == ["early", "late"]
    assert {e.id for e in by_key} == {early["id"], late["id"]}
    assert [e.name for e in since] == ["late"]
    assert isinstance(by_start[0], CalendarEvent)
    assert by_start[0].start_time == datetime(2025, 3, 1, 9, tzinfo=UTC)


def test_an_event_holds_its_bots(fake_api: Api, fake: FakeAttendeeServer) -> None:
    calendar_id = fake.add_calendar()["id"]
    bot = fake.add_bot()
    fake.add_calendar_event(calendar_id, bots=[bot], attendees=None, ical_uid="uid-1")

    (event,) = fake_api.list(lambda c: c.calendar_events.list(calendar_id=calendar_id))

    assert [b.id for b in event.bots] == [bot["id"]]
    assert event.attendees is None


def test_event_filters_are_sent_as_given(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(EVENTS_URL).respond(200, json={"next": None, "previous": None, "results": []})

    api.call(
        lambda c: c.calendar_events.list_page(
            calendar_id="cal_1",
            event_id="evt_1",
            updated_at_gte=datetime(2025, 1, 13, 10, 30, tzinfo=UTC),
            end_time_lte=datetime(2025, 1, 13, 18, tzinfo=UTC),
            ordering="-start_time",
        )
    )

    assert route.calls.last.request.url.query == (
        b"calendar_id=cal_1&event_id=evt_1&updated_at_gte=2025-01-13T10%3A30%3A00Z"
        b"&end_time_lte=2025-01-13T18%3A00%3A00Z&ordering=-start_time"
    )


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"calendar_id": ""}, "calendar_id must be a non-empty"),
        ({"ordering": ""}, "ordering must be one of"),
        ({"start_time_gte": datetime(2025, 1, 1)}, "timezone-aware"),
    ],
)
def test_bad_event_filters_are_rejected_before_sending(
    api: Api, mock: respx.MockRouter, filters: dict[str, Any], message: str
) -> None:
    route = mock.route().respond(200)
    with pytest.raises(ValueError, match=message):
        api.call(lambda c: c.calendar_events.list_page(**filters))
    assert route.call_count == 0


def test_a_bad_event_filter_value_from_the_server_is_a_bad_request(fake_api: Api) -> None:
    with pytest.raises(BadRequestError, match="Invalid start_time_gte format"):
        fake_api.call(lambda c: c.calendar_events.list_page(extra_query={"start_time_gte": "x"}))
