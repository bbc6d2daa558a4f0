"""ZoomOAuthConnection: structuring, forward compatibility and the round trip."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import assert_type

from attendee_client import ZoomOAuthConnection, ZoomOAuthConnectionState
from attendee_client._serde import format_datetime, parse_datetime
from tests.conftest import example_json

UTC = timezone.utc


def test_round_trip_of_the_documented_example_is_byte_for_byte() -> None:
    data = example_json()

    again = ZoomOAuthConnection.from_dict(data).to_dict()

    assert json.dumps(again, sort_keys=True) == json.dumps(data, sort_keys=True)


def test_model_is_frozen_and_slotted() -> None:
    conn = ZoomOAuthConnection.from_dict(example_json())

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        conn.user_id = "other"  # type: ignore[misc]
    assert not hasattr(conn, "__dict__")
    assert len(attrs.fields(ZoomOAuthConnection)) == 13


def test_connections_with_metadata_are_hashable_and_equal_by_value() -> None:
    first = ZoomOAuthConnection.from_dict(example_json())
    second = ZoomOAuthConnection.from_dict(example_json())
    changed = ZoomOAuthConnection.from_dict({**example_json(), "metadata": {"tenant_id": "2"}})

    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second, changed}) == 2
    assert first != changed


def test_unknown_extra_keys_are_ignored() -> None:
    data = {**example_json(), "zoom_oauth_app": "zoa_x", "new_field": [1, 2]}

    conn = ZoomOAuthConnection.from_dict(data)

    assert conn.to_dict() == example_json()


@pytest.mark.parametrize("state", ["suspended", "CONNECTED", ""])
def test_unknown_state_is_kept_as_the_raw_string(state: str) -> None:
    conn = ZoomOAuthConnection.from_dict({**example_json(), "state": state})

    assert conn.state == state
    assert not isinstance(conn.state, ZoomOAuthConnectionState)
    assert conn.to_dict()["state"] == state


def test_null_state_is_none_and_given_back() -> None:
    conn = ZoomOAuthConnection.from_dict({**example_json(), "state": None})

    assert conn.state is None
    assert conn.to_dict()["state"] is None


def test_known_states_are_enum_members() -> None:
    for member in ZoomOAuthConnectionState:
        conn = ZoomOAuthConnection.from_dict({**example_json(), "state": member.value})
        assert conn.state is member
        assert str(member) == member.value


def test_null_sync_times_and_failure_data_are_kept() -> None:
    failure = {"error": "token revoked", "timestamp": "2025-01-13T11:00:00.123456+00:00"}
    data = {
        **example_json(),
        "last_successful_sync_at": None,
        "last_attempted_sync_at": None,
        "connection_failure_data": failure,
        "metadata": None,
        "state": "disconnected",
    }

    conn = ZoomOAuthConnection.from_dict(data)

    assert conn.last_successful_sync_at is None
    assert conn.connection_failure_data == failure
    assert conn.to_dict() == data


def test_from_dict_rejects_a_non_mapping_with_value_error() -> None:
    with pytest.raises(ValueError, match="expected a JSON object"):
        ZoomOAuthConnection.from_dict(["not", "an", "object"])  # type: ignore[arg-type]


def test_from_dict_names_every_bad_field() -> None:
    data: dict[str, Any] = {**example_json(), "created_at": "yesterday", "user_id": 7}
    del data["account_id"]

    with pytest.raises(ValueError, match="created_at") as caught:
        ZoomOAuthConnection.from_dict(data)

    message = str(caught.value)
    assert "created_at: not an ISO 8601 date-time: 'yesterday'" in message
    assert "user_id: expected a string, got 7" in message
    assert "account_id: required field missing" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01-13T10:30:00.123456Z", datetime(2025, 1, 13, 10, 30, 0, 123456, UTC)),
        ("2025-01-13T10:30:00Z", datetime(2025, 1, 13, 10, 30, tzinfo=UTC)),
        ("2025-01-13T10:30:00.123Z", datetime(2025, 1, 13, 10, 30, 0, 123000, UTC)),
        ("2025-01-13T10:30:00.1Z", datetime(2025, 1, 13, 10, 30, 0, 100000, UTC)),
        ("2025-01-13T10:30:00.123456+00:00", datetime(2025, 1, 13, 10, 30, 0, 123456, UTC)),
        ("2025-01-13T12:30:00+02:00", datetime(2025, 1, 13, 10, 30, tzinfo=UTC)),
        ("2025-01-13T05:00:00.5-05:30", datetime(2025, 1, 13, 10, 30, 0, 500000, UTC)),
        ("2025-01-13T10:30:00.123456789Z", datetime(2025, 1, 13, 10, 30, 0, 123456, UTC)),
        ("2025-01-13 10:30:00+0000", datetime(2025, 1, 13, 10, 30, tzinfo=UTC)),
    ],
)
def test_date_times_in_every_accepted_form_become_aware_utc(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)

    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "2025-01-13",
        "2025-01-13T10:30:00",
        "2025-13-13T10:30:00Z",
        "2025-01-13T25:30:00Z",
        "\uff12\uff10\uff12\uff15-01-13T10:30:00Z",  # fullwidth digits
        "2025-01-13T10:30:00+24:00",
        "",
    ],
)
def test_date_times_without_offset_or_malformed_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 date-time"):
        parse_datetime(text)


@given(
    moment=st.datetimes(
        min_value=datetime(1970, 1, 2), max_value=datetime(9998, 12, 30), timezones=st.just(UTC)
    ),
    offset_minutes=st.integers(min_value=-23 * 60, max_value=23 * 60),
    digits=st.integers(min_value=0, max_value=6),
)
def test_any_offset_and_fraction_length_parses_to_the_same_instant(
    moment: datetime, offset_minutes: int, digits: int
) -> None:
    moment = moment.replace(
        microsecond=moment.microsecond // 10 ** (6 - digits) * 10 ** (6 - digits)
    )
    local = moment.astimezone(timezone(timedelta(minutes=offset_minutes)))
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    fraction = f".{local.microsecond:06d}"[: digits + 1] if digits else ""
    text = f"{local:%Y-%m-%dT%H:%M:%S}{fraction}{sign}{hours:02d}:{minutes:02d}"

    assert parse_datetime(text) == moment


@given(st.datetimes(timezones=st.just(UTC), min_value=datetime(1, 1, 2)))
def test_format_then_parse_is_the_identity(moment: datetime) -> None:
    assert parse_datetime(format_datetime(moment)) == moment


def test_format_drops_a_zero_fraction_like_the_server() -> None:
    assert format_datetime(datetime(2025, 1, 13, 10, 30, tzinfo=UTC)) == "2025-01-13T10:30:00Z"


def test_models_are_keyword_only() -> None:
    fields = example_json()
    with pytest.raises(TypeError):
        ZoomOAuthConnection(*fields.values())  # type: ignore[call-arg]
    conn = ZoomOAuthConnection.from_dict(fields)
    assert ZoomOAuthConnection(**attrs.asdict(conn, recurse=False)) == conn


def test_state_keeps_its_enum_for_the_type_checker() -> None:
    conn = ZoomOAuthConnection.from_dict(example_json())
    # Checked by mypy: the enum is not folded into ``str``.
    assert_type(conn.state, ZoomOAuthConnectionState | str | None)
    assert conn.state == "connected"
    assert str(conn.state) == "connected"
    assert not isinstance(conn.state, str)
    assert conn.state != "disconnected"
    assert {conn.state: 1}[ZoomOAuthConnectionState.CONNECTED] == 1


def test_json_objects_in_a_model_are_read_only_to_the_type_checker() -> None:
    conn = ZoomOAuthConnection.from_dict(example_json())
    assert_type(conn.metadata, Mapping[str, Any] | None)


def test_list_fields_reject_a_string_instead_of_iterating_it() -> None:
    from attendee_client import _serde

    @attrs.frozen(kw_only=True)
    class Holder:
        names: list[str]

    assert _serde.structure({"names": ["a"]}, Holder) == Holder(names=["a"])
    with pytest.raises(ValueError, match="names: expected a list"):
        _serde.structure({"names": "ab"}, Holder)
    with pytest.raises(ValueError, match=r"names\.?\[?1\]?: expected a string"):
        _serde.structure({"names": ["a", 2]}, Holder)


def test_numbers_are_strict() -> None:
    from attendee_client import _serde

    @attrs.frozen(kw_only=True)
    class Numbers:
        count: int
        ratio: float

    assert _serde.structure({"count": 1, "ratio": 2}, Numbers) == Numbers(count=1, ratio=2)
    for bad in (
        {"count": "1", "ratio": 1.0},
        {"count": True, "ratio": 1.0},
        {"count": 1.5, "ratio": 1.0},
    ):
        with pytest.raises(ValueError, match="count: expected an integer"):
            _serde.structure(bad, Numbers)
    with pytest.raises(ValueError, match="ratio: expected a number"):
        _serde.structure({"count": 1, "ratio": "2"}, Numbers)
