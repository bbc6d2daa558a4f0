"""Models: structuring (one path, through the cattrs converter), forward compatibility, the
round trip, and the layering of the model modules."""

from __future__ import annotations

import ast
import inspect
import json
import pickle
import weakref
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import assert_type

from attendee_client import (
    Bot,
    BotEventType,
    CalendarEvent,
    TranscriptUtterance,
    ZoomOAuthConnection,
    ZoomOAuthConnectionState,
    _serde,
)
from attendee_client._models import Model
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
    """Checked by mypy only (``scripts/dev.py check`` runs ``mypy --strict`` on the tests):
    ``assert_type`` does nothing at run time. At run time, the value is the decoded object."""
    conn = ZoomOAuthConnection.from_dict(example_json())
    assert_type(conn.metadata, Mapping[str, Any] | None)
    assert conn.metadata == example_json()["metadata"]


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


# --- how models are built -----------------------------------------------------------------

EVENT: dict[str, Any] = {"type": "joined_meeting", "created_at": "2025-01-13T10:30:00.500000Z"}
BOT: dict[str, Any] = {
    "id": "bot_jrVE3PpEkXWGGOAm",
    "metadata": {"tenant": "1"},
    "meeting_url": "https://zoom.us/j/123",
    "state": "joined_recording",
    "events": [EVENT, {**EVENT, "type": "could_not_join_meeting", "sub_type": "login_required"}],
    "transcription_state": "in_progress",
    "recording_state": None,
    "join_at": None,
    "deduplication_key": "k",
}
CALENDAR_EVENT: dict[str, Any] = {
    "id": "evt_1",
    "calendar_id": "cal_1",
    "platform_uuid": "p",
    "meeting_url": None,
    "start_time": "2025-01-13T10:30:00Z",
    "end_time": "2025-01-13T11:30:00Z",
    "is_deleted": False,
    "attendees": [{"email": "ada@example.com"}],
    "ical_uid": None,
    "name": "Standup",
    "raw": {"anything": [1, 2]},
    "bots": [BOT],
    "created_at": "2025-01-13T10:30:00Z",
    "updated_at": "2025-01-13T10:30:00Z",
}
UTTERANCE: dict[str, Any] = {
    "speaker_name": "Ada",
    "speaker_uuid": "1",
    "speaker_user_uuid": None,
    "speaker_is_host": True,
    "timestamp_ms": 1700000000000,
    "duration_ms": 2300,
    "transcription": {"transcript": "Hello.", "words": [{"word": "hello", "start": 0.1}]},
}
EXAMPLES: list[tuple[type[Any], dict[str, Any]]] = [
    (ZoomOAuthConnection, example_json()),
    (Bot, BOT),
    (CalendarEvent, CALENDAR_EVENT),
    (TranscriptUtterance, UTTERANCE),
]


def test_a_model_from_json_is_the_model_its_constructor_makes() -> None:
    conn = ZoomOAuthConnection.from_dict(example_json())
    made = ZoomOAuthConnection(**attrs.asdict(conn, recurse=False))

    assert type(conn) is ZoomOAuthConnection
    assert conn == made
    assert hash(conn) == hash(made)
    assert repr(conn) == repr(made)
    assert weakref.ref(conn)() is conn
    assert pickle.loads(pickle.dumps(conn)) == conn
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del conn.id


def test_nested_models_and_lists_are_built_and_json_objects_are_kept_as_decoded() -> None:
    data = {**CALENDAR_EVENT, "bots": [BOT]}

    event = CalendarEvent.from_dict(data)

    assert type(event.bots[0]) is Bot
    assert event.bots[0].events[1].type is BotEventType.COULD_NOT_JOIN_MEETING
    assert event.raw is data["raw"]
    assert event.attendees is not None
    assert event.attendees[0] is data["attendees"][0]
    assert event.attendees is not data["attendees"]  # the list is the model's own
    assert event.to_dict() == data


def test_a_date_time_in_another_zone_becomes_the_same_instant_in_utc() -> None:
    data = {**example_json(), "created_at": "2025-01-13T12:30:00.123456+02:00"}

    conn = ZoomOAuthConnection.from_dict(data)

    assert conn.created_at == datetime(2025, 1, 13, 10, 30, 0, 123456, UTC)
    assert conn.created_at.tzinfo is UTC


def test_a_string_subclass_is_a_string() -> None:
    class Name(str):
        pass

    conn = ZoomOAuthConnection.from_dict({**example_json(), "user_id": Name("u")})

    assert conn.user_id == "u"


def test_a_bad_field_deep_inside_is_named_by_its_path() -> None:
    bot = {**BOT, "events": [EVENT, {**EVENT, "created_at": 5}]}

    with pytest.raises(
        ValueError,
        match=r"^bots\[0\]\.events\[1\]\.created_at: expected an ISO 8601 date-time, got 5$",
    ):
        CalendarEvent.from_dict({**CALENDAR_EVENT, "bots": [bot]})
    with pytest.raises(ValueError, match=r"^bots\[0\]: expected a JSON object, got 3$"):
        CalendarEvent.from_dict({**CALENDAR_EVENT, "bots": [3]})
    with pytest.raises(ValueError, match=r"^\[1\]: timestamp_ms: expected an integer"):
        _serde.structure_list([UTTERANCE, {**UTTERANCE, "timestamp_ms": "1"}], TranscriptUtterance)


INTERESTING_VALUES: list[Any] = [
    None,
    True,
    0,
    1.5,
    "",
    "connected",
    "joined_meeting",
    "2025-01-13T10:30:00Z",
    "2025-01-13T12:30:00+02:00",
    "2025-01-13 10:30:00+0000",
    "2025-01-13T10:30:00",
    [],
    ["a"],
    [EVENT],
    [{**EVENT, "created_at": None}],
    [BOT],
    {},
    {"transcript": "x"},
    EVENT,
]


def _outcomes(cls: type[Any], data: object) -> list[tuple[str, Any]]:
    """What each way in gives: ``from_dict`` (for a model), ``_serde.structure`` and the
    converter itself."""

    def outcome(structure: Any) -> tuple[str, Any]:
        try:
            return "built", structure(data)
        except _serde.ValidationError as error:
            return "refused", str(error)

    ways: list[Any] = [
        lambda data: _serde.structure(data, cls),
        lambda data: _serde.converter.structure(data, cls),
    ]
    if issubclass(cls, Model):
        ways.append(cls.from_dict)
    return [outcome(way) for way in ways]


def test_every_field_of_every_model_gets_the_same_answer_every_way_in() -> None:
    for cls, example in EXAMPLES:
        for key in example:
            variants = [{**example, key: value} for value in INTERESTING_VALUES]
            variants.append({name: value for name, value in example.items() if name != key})
            for data in variants:
                first, *others = _outcomes(cls, data)
                assert all(other == first for other in others), (cls, key, data)
                assert first[0] == "refused" or type(first[1]) is cls


@given(
    example=st.sampled_from(EXAMPLES),
    changes=st.lists(
        st.tuples(st.integers(0, 20), st.sampled_from(INTERESTING_VALUES)), max_size=4
    ),
)
def test_from_dict_and_the_converter_agree(
    example: tuple[type[Any], dict[str, Any]], changes: list[tuple[int, Any]]
) -> None:
    cls, data = example
    data = dict(data)
    keys = sorted(data)
    for index, value in changes:
        data[keys[index % len(keys)]] = value

    first, *others = _outcomes(cls, data)

    assert all(other == first for other in others)


def test_from_dict_and_converter_structure_raise_the_same_error_naming_every_bad_field() -> None:
    bad: dict[str, Any] = {
        **BOT,
        "state": 3,
        "events": [EVENT, {**EVENT, "type": 5, "created_at": "yesterday"}, "x"],
        "join_at": "2025-01-13T10:30:00",
    }
    del bad["id"]

    with pytest.raises(_serde.ValidationError) as through_from_dict:
        Bot.from_dict(bad)
    with pytest.raises(_serde.ValidationError) as through_converter:
        _serde.converter.structure(bad, Bot)

    message = str(through_from_dict.value)
    assert message == str(through_converter.value)
    assert through_from_dict.value.problems == through_converter.value.problems
    assert isinstance(through_from_dict.value, ValueError)
    for problem in (
        "id: required field missing",
        "state: expected a string, got 3",
        "events[1].type: expected a string, got 5",
        "events[1].created_at: not an ISO 8601 date-time: 'yesterday'",
        "events[2]: expected a JSON object, got 'x'",
        "join_at: not an ISO 8601 date-time",
    ):
        assert problem in message
    assert message.count("; ") == 5


def test_a_new_model_needs_no_structuring_code_of_its_own() -> None:
    @attrs.frozen(kw_only=True)
    class Meeting(Model):
        title: str
        starts_at: datetime
        ends_at: datetime | None
        bots: list[Bot]
        notes: Mapping[str, Any] | None = None

    meeting = Meeting.from_dict(
        {"title": "t", "starts_at": "2025-01-13T10:30:00Z", "ends_at": None, "bots": [BOT]}
    )

    assert meeting.starts_at.tzinfo is UTC
    assert type(meeting.bots[0]) is Bot
    assert meeting.notes is None
    with pytest.raises(ValueError, match=r"^bots\[0\]\.state: expected a string, got 1$"):
        Meeting.from_dict({**meeting.to_dict(), "bots": [{**BOT, "state": 1}]})


def test_from_dict_calls_the_converters_own_hook() -> None:
    from attendee_client._structure import hook_of

    for cls, _ in EXAMPLES:
        assert _serde.structure_hook(cls) is hook_of(_serde.converter, cls)


def test_from_dict_is_one_method_never_rebound() -> None:
    before = Model.__dict__["from_dict"]

    ZoomOAuthConnection.from_dict(example_json())
    ZoomOAuthConnection.from_dict(example_json())

    assert Model.__dict__["from_dict"] is before
    assert "from_dict" not in vars(ZoomOAuthConnection)


SOURCE = Path(_serde.__file__).parent


def test_the_source_swaps_no_class_and_compiles_no_source_of_its_own() -> None:
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Attribute) and t.attr == "__class__" for t in targets):
                    offenders.append(f"{path.name}:{node.lineno} assigns __class__")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("exec", "eval", "compile")
            ):
                offenders.append(f"{path.name}:{node.lineno} calls {node.func.id}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "__setattr__"
                and any(
                    isinstance(arg, ast.Constant) and arg.value == "__class__" for arg in node.args
                )
            ):
                offenders.append(f"{path.name}:{node.lineno} sets __class__")

    assert offenders == []
    text = "\n".join(path.read_text(encoding="utf-8") for path in SOURCE.rglob("*.py"))
    assert "__class__ =" not in text
    assert "exec(" not in text


@attrs.frozen(kw_only=True)
class _Checked:
    size: int = attrs.field(validator=attrs.validators.ge(0))
    label: str = "none"


@attrs.frozen(kw_only=True)
class _Defaults:
    tags: list[str] = attrs.Factory(list)
    note: str | None = None
    mode: Literal["a", "b"] = "a"


@attrs.frozen(kw_only=True)
class _Tree:
    name: str
    children: list[_Tree]


def test_a_class_with_validators_is_built_through_its_init() -> None:
    assert _serde.structure({"size": 1}, _Checked) == _Checked(size=1)
    with pytest.raises(_serde.ValidationError, match="size"):
        _serde.structure({"size": -1}, _Checked)


def test_missing_fields_with_defaults_take_their_defaults() -> None:
    first = _serde.structure({}, _Defaults)
    second = _serde.structure({}, _Defaults)

    assert first == _Defaults()
    assert first.tags is not second.tags
    assert _serde.structure({"mode": "b", "note": "n"}, _Defaults) == _Defaults(mode="b", note="n")


def test_other_field_types_take_the_cattrs_converters_own_hooks() -> None:
    with pytest.raises(_serde.ValidationError, match="mode"):
        _serde.structure({"mode": "c"}, _Defaults)


def test_a_class_that_contains_itself_is_structured() -> None:
    data = {"name": "a", "children": [{"name": "b", "children": []}]}

    tree = _serde.structure(data, _Tree)

    assert tree == _Tree(name="a", children=[_Tree(name="b", children=[])])
    with pytest.raises(_serde.ValidationError, match=r"children\[0\]\.name: expected a string"):
        _serde.structure({"name": "a", "children": [{"name": 1, "children": []}]}, _Tree)


@attrs.frozen(kw_only=True)
class _Parent(Model):
    name: str


@attrs.frozen(kw_only=True)
class _Child(_Parent):
    age: int


def test_from_dict_builds_the_class_it_is_called_on() -> None:
    assert inspect.getdoc(_Parent.from_dict) == inspect.getdoc(Model.from_dict)
    assert type(_Parent.from_dict({"name": "a", "age": 1})) is _Parent
    assert type(_Child.from_dict({"name": "a", "age": 1})) is _Child
    assert type(_Parent.from_dict({"name": "a"})) is _Parent
    with pytest.raises(ValueError, match="age: required field missing"):
        _Child.from_dict({"name": "a"})
    assert _Child.from_dict.__doc__ is not None


def test_the_model_bases_are_public_in_types() -> None:
    from attendee_client import types

    assert types.ZoomOAuthConnection is ZoomOAuthConnection
    assert issubclass(ZoomOAuthConnection, types.Model)
    assert issubclass(ZoomOAuthConnectionState, types.ExtensibleEnum)


@pytest.mark.parametrize("module", ["attendee_client.models", "attendee_client.types.params"])
def test_the_pre_release_aliases_are_gone(module: str) -> None:
    import importlib

    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(module)


MODEL_LAYER = ["_type_rules", "_datetimes", "_structure", "_serde", "_models", "types"]


def _imports_of(module: Path, package: Path) -> set[Path]:
    """The package's modules that ``module`` imports, type-only imports included."""
    found: set[Path] = set()
    for node in ast.walk(ast.parse(module.read_text())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] != package.name:
                continue
            target = package.joinpath(*parts[1:])
            for candidate in (target.with_suffix(".py"), target / "__init__.py"):
                if candidate.exists() and candidate != module:
                    found.add(candidate)
    return found


def test_the_model_layer_has_no_import_circles() -> None:
    package = Path(_serde.__file__).parent
    modules = [
        path
        for name in MODEL_LAYER
        for path in (
            [package / f"{name}.py"]
            if (package / f"{name}.py").exists()
            else sorted((package / name).glob("*.py"))
        )
    ]
    graph = {module: _imports_of(module, package) for module in modules}

    def reaches(start: Path, goal: Path, seen: set[Path]) -> bool:
        for step in graph.get(start, set()):
            if step == goal or (step not in seen and reaches(step, goal, seen | {step})):
                return True
        return False

    circles = [module.name for module in modules if reaches(module, module, {module})]
    assert circles == []


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-13T10:30:00Z",
        "2024-01-13T10:30:00.602686Z",
        "2024-01-13T12:30:00+02:00",
        "2024-01-13 10:30:00Z",
        "2024-01-13T10:30:00.5+0000",
        "2024-W02-6T10:30Z",
        "20240113T103000Z",
        "2024-01-13T10:30Z",
        "2024-01-13T10Z",
        "2024-01-13T10:30:00+02",
        "2024-13-13T10:30:00Z",
        "2024-01-13T10:30:00",
    ],
)
def test_date_times_are_read_alike_on_every_python(text: str) -> None:
    from attendee_client import _datetimes

    def outcome(parse: Any) -> object:
        try:
            return parse(text)
        except ValueError:
            return "refused"

    assert outcome(_datetimes.parse_datetime) == outcome(_datetimes.parse_with_pattern)


def test_a_recordings_repr_leaves_out_its_signature() -> None:
    from attendee_client import Recording

    url = "https://bucket.s3.test/bot.mp4?X-Amz-Signature=c0ffee&X-Amz-Expires=1800"
    recording = Recording.from_dict({"url": url, "start_timestamp_ms": None})

    assert "c0ffee" not in repr(recording)
    assert "https://bucket.s3.test/bot.mp4" in repr(recording)
    assert recording.url == url
    assert recording.to_dict()["url"] == url
