"""The server's schema as the contract: the SDK and the fake are held to ``tests/contract/
surface.json``, the facts ``scripts/surface.py`` distils from the server's generated schema.

Every difference found today is listed in ``KNOWN_GAPS``; the tests assert the differences
found are exactly those. A new difference fails (fix it, or list it with a reason), and so
does a fixed one still listed (remove it from the list).
"""

from __future__ import annotations

import asyncio
import copy
import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import attendee_client
from attendee_client import AsyncAttendeeClient, AttendeeClient
from attendee_client.testing import FakeAttendeeServer
from tests.contract import checks

ROOT = Path(__file__).resolve().parents[2]
SURFACE_FILE = ROOT / "tests" / "contract" / "surface.json"
SCHEMA_FILE = ROOT.parent / "shared" / "api" / "attendee-openapi.live.yml"
SCHEMA_SKIP_REASON = (
    "the maintainers' check of tests/contract/surface.json against Attendee's API schema; "
    "it runs in CI"
)
FAKE_FACTS_SKIP_REASON = (
    "the maintainers' check of the fake's packaged facts against Attendee's API schema; "
    "it runs in CI"
)
SURFACE: dict[str, Any] = json.loads(SURFACE_FILE.read_text(encoding="utf-8"))
FAKE_FACTS_FILE = ROOT / "src" / "attendee_client" / "testing" / "_surface.json"

# Each entry is one problem string of tests/contract/checks.py found today: none. A new
# difference must be fixed, or listed here with the reason it stays.
KNOWN_GAPS: frozenset[str] = frozenset()

NEW_VALUES: dict[str, Any] = {"states": attendee_client.BotState}
"""Query filters whose unknown strings are refused as typos: how a new value is passed."""

# operation name -> (METHOD, path in the surface, resource attribute, method name). Lists map to
# ``list_page``, which takes the ``cursor`` the pagers hide.
OPERATIONS: dict[str, tuple[str, str, str, str]] = {
    "create_app_session": ("POST", "/api/v1/app_sessions", "app_sessions", "create"),
    "end_app_session": ("POST", "/api/v1/app_sessions/end", "app_sessions", "end"),
    "get_app_session_media": (
        "GET",
        "/api/v1/app_sessions/{object_id}/media",
        "app_sessions",
        "media",
    ),
    "list_app_session_participant_events": (
        "GET",
        "/api/v1/app_sessions/{object_id}/participant_events",
        "app_sessions",
        "participant_events",
    ),
    "get_app_session_transcript": (
        "GET",
        "/api/v1/app_sessions/{object_id}/transcript",
        "app_sessions",
        "transcript",
    ),
    "create_app_session_async_transcription": (
        "POST",
        "/api/v1/app_sessions/{object_id}/transcript",
        "app_sessions",
        "create_async_transcription",
    ),
    "delete_app_session_transcript": (
        "DELETE",
        "/api/v1/app_sessions/{object_id}/transcript",
        "app_sessions",
        "delete_transcript",
    ),
    "list_bots": ("GET", "/api/v1/bots", "bots", "list_page"),
    "create_bot": ("POST", "/api/v1/bots", "bots", "create"),
    "get_bot": ("GET", "/api/v1/bots/{object_id}", "bots", "get"),
    "update_bot": ("PATCH", "/api/v1/bots/{object_id}", "bots", "update"),
    "delete_bot": ("DELETE", "/api/v1/bots/{object_id}", "bots", "delete"),
    "admit_from_waiting_room": (
        "POST",
        "/api/v1/bots/{object_id}/admit_from_waiting_room",
        "bots",
        "admit_from_waiting_room",
    ),
    "change_gallery_view_page": (
        "POST",
        "/api/v1/bots/{object_id}/change_gallery_view_page",
        "bots",
        "change_gallery_view_page",
    ),
    "list_chat_messages": (
        "GET",
        "/api/v1/bots/{object_id}/chat_messages",
        "bots",
        "chat_messages",
    ),
    "delete_bot_data": ("POST", "/api/v1/bots/{object_id}/delete_data", "bots", "delete_data"),
    "leave_bot": ("POST", "/api/v1/bots/{object_id}/leave", "bots", "leave"),
    "output_audio": ("POST", "/api/v1/bots/{object_id}/output_audio", "bots", "output_audio"),
    "output_image": ("POST", "/api/v1/bots/{object_id}/output_image", "bots", "output_image"),
    "output_video": ("POST", "/api/v1/bots/{object_id}/output_video", "bots", "output_video"),
    "list_participant_events": (
        "GET",
        "/api/v1/bots/{object_id}/participant_events",
        "bots",
        "participant_events",
    ),
    "list_participants": (
        "GET",
        "/api/v1/bots/{object_id}/participants",
        "bots",
        "participants",
    ),
    "pause_recording": (
        "POST",
        "/api/v1/bots/{object_id}/pause_recording",
        "bots",
        "pause_recording",
    ),
    "get_bot_recording": ("GET", "/api/v1/bots/{object_id}/recording", "bots", "recording"),
    "resume_recording": (
        "POST",
        "/api/v1/bots/{object_id}/resume_recording",
        "bots",
        "resume_recording",
    ),
    "send_chat_message": (
        "POST",
        "/api/v1/bots/{object_id}/send_chat_message",
        "bots",
        "send_chat_message",
    ),
    "speech": ("POST", "/api/v1/bots/{object_id}/speech", "bots", "speech"),
    "get_bot_transcript": ("GET", "/api/v1/bots/{object_id}/transcript", "bots", "transcript"),
    "create_bot_async_transcription": (
        "POST",
        "/api/v1/bots/{object_id}/transcript",
        "bots",
        "create_async_transcription",
    ),
    "delete_bot_transcript": (
        "DELETE",
        "/api/v1/bots/{object_id}/transcript",
        "bots",
        "delete_transcript",
    ),
    "update_transcription_settings": (
        "PATCH",
        "/api/v1/bots/{object_id}/transcription_settings",
        "bots",
        "update_transcription_settings",
    ),
    "update_voice_agent_settings": (
        "PATCH",
        "/api/v1/bots/{object_id}/voice_agent_settings",
        "bots",
        "update_voice_agent_settings",
    ),
    "list_calendar_events": ("GET", "/api/v1/calendar_events", "calendar_events", "list_page"),
    "list_calendars": ("GET", "/api/v1/calendars", "calendars", "list_page"),
    "create_calendar": ("POST", "/api/v1/calendars", "calendars", "create"),
    "get_calendar": ("GET", "/api/v1/calendars/{object_id}", "calendars", "get"),
    "update_calendar": ("PATCH", "/api/v1/calendars/{object_id}", "calendars", "update"),
    "delete_calendar": ("DELETE", "/api/v1/calendars/{object_id}", "calendars", "delete"),
    "list_zoom_oauth_connections": (
        "GET",
        "/api/v1/zoom_oauth_connections",
        "zoom_oauth_connections",
        "list_page",
    ),
    "create_zoom_oauth_connection": (
        "POST",
        "/api/v1/zoom_oauth_connections",
        "zoom_oauth_connections",
        "create",
    ),
    "get_zoom_oauth_connection": (
        "GET",
        "/api/v1/zoom_oauth_connections/{object_id}",
        "zoom_oauth_connections",
        "get",
    ),
    "delete_zoom_oauth_connection": (
        "DELETE",
        "/api/v1/zoom_oauth_connections/{object_id}",
        "zoom_oauth_connections",
        "delete",
    ),
}

# Where the SDK names a body property or query parameter its own way.
ALIASES: dict[tuple[str, str], str] = {
    ("output_audio", "type"): "content_type",
    ("output_image", "type"): "content_type",
    ("list_participants", "id"): "participant_id",
    # ``end(rtms_stream_id=...)``: the one key of ``zoom_rtms`` is the parameter.
    ("end_app_session", "zoom_rtms"): checks.FLATTENED,
}

# Response schema -> the model's name in ``attendee_client``.
MODELS: dict[str, str] = {
    "AppSession": "AppSession",
    "Bot": "Bot",
    "Calendar": "Calendar",
    "CalendarEvent": "CalendarEvent",
    "ChatMessage": "ChatMessage",
    "Participant": "Participant",
    "ParticipantEvent": "ParticipantEvent",
    "Recording": "Recording",
    "TranscriptUtterance": "TranscriptUtterance",
    "ZoomOAuthConnection": "ZoomOAuthConnection",
}

CREATE_BOT = ("POST", "/api/v1/bots")
BOT_BASE = {"meeting_url": "https://zoom.us/j/123456789?pwd=abc", "bot_name": "Contract bot"}


def bot_base(prop: str) -> dict[str, Any]:
    """The rest of a bot create sent with ``prop``: a bot for a calendar event has no URL."""
    return {
        k: v
        for k, v in BOT_BASE.items()
        if not (prop == "calendar_event_id" and k == "meeting_url")
    }


def is_ci() -> bool:
    return os.environ.get("CI") == "true"


def model(name: str) -> type | None:
    try:
        found = getattr(attendee_client, name)
    except AttributeError:
        return None
    return found if isinstance(found, type) else None


@pytest.fixture(scope="module")
def sdk() -> Iterator[checks.Sdk]:
    sync = AttendeeClient(api_key="contract-key", base_url="http://contract.test")
    async_client = AsyncAttendeeClient(api_key="contract-key", base_url="http://contract.test")
    yield checks.Sdk(
        clients=(sync, async_client),
        operations=OPERATIONS,
        models={schema: model(name) for schema, name in MODELS.items()},
        aliases=ALIASES,
        request_options=attendee_client.RequestOptions,
    )
    sync.close()
    asyncio.run(async_client.aclose())


def gap_report(found: set[str], expected: set[str]) -> str:
    new = "\n  ".join(sorted(found - expected)) or "-"
    fixed = "\n  ".join(sorted(expected - found)) or "-"
    return (
        f"new problems (fix, or add to KNOWN_GAPS):\n  {new}\n"
        f"fixed (remove from KNOWN_GAPS):\n  {fixed}"
    )


def known(kind: str) -> set[str]:
    """The known gaps of one test: "fake", "runtime", or "sdk" (the static ones)."""
    prefix = kind + ":"
    if kind == "sdk":
        return {gap for gap in KNOWN_GAPS if not gap.startswith(("fake:", "runtime:"))}
    return {gap for gap in KNOWN_GAPS if gap.startswith(prefix)}


# --- the SDK ----------------------------------------------------------------------------


def test_the_sdk_differs_from_the_surface_only_by_the_known_gaps(sdk: checks.Sdk) -> None:
    found = set(checks.sdk_problems(SURFACE, sdk))
    assert found == known("sdk"), gap_report(found, known("sdk"))


def test_the_fakes_packaged_facts_are_what_the_schema_gives() -> None:
    if not SCHEMA_FILE.is_file():
        if is_ci():
            pytest.fail(f"{SCHEMA_FILE} not found (CI=true: ../shared must be beside the clone)")
        pytest.skip(FAKE_FACTS_SKIP_REASON)
    script = load_script()
    expected = script.render(script.build_fake_facts(script.load_schema(SCHEMA_FILE)))
    committed = FAKE_FACTS_FILE.read_text(encoding="utf-8")
    assert expected == committed, (
        "src/attendee_client/testing/_surface.json is stale: run `python3 scripts/surface.py`\n"
        + script.stale_diff(expected, committed, name="testing/_surface.json")
    )


def test_the_fakes_packaged_facts_are_facts_only() -> None:
    text = FAKE_FACTS_FILE.read_text(encoding="utf-8")
    for word in ('"description"', '"example"', '"examples"', '"title"', '"summary"'):
        assert word not in text


def test_the_fakes_tables_name_what_the_surface_names() -> None:
    from attendee_client.testing import _settings, _states, _surface

    schemas = SURFACE["schemas"]
    for body in ("CreateBotRequest", "CreateAppSessionRequest", "CreateCalendarRequest"):
        assert _surface.body_fields(body) == sorted(schemas[body]["properties"])
    for record in ("Bot", "AppSession", "Calendar", "CalendarEvent", "ZoomOAuthConnection"):
        assert sorted(_surface.record_fields(record)) == sorted(schemas[record]["properties"])
    webhook = schemas["CreateBotRequest"]["properties"]["webhooks"]["items"]
    assert sorted(_settings.TRIGGERS) == webhook["properties"]["triggers"]["items"]["enum"]
    assert sorted(_states.STATES) == schemas["Bot"]["properties"]["state"]["enum"]


def test_the_table_names_all_42_operations() -> None:
    assert len(SURFACE["operations"]) == 42
    assert len(OPERATIONS) == 42


def test_the_surface_is_facts_only() -> None:
    """No prose from the schema (descriptions, examples, titles) is copied into the file."""
    text = SURFACE_FILE.read_text(encoding="utf-8")
    for word in ('"description"', '"example"', '"examples"', '"title"', '"summary"'):
        assert word not in text


# --- the checker itself, on copies of the surface with one thing changed -----------------


def with_change(change: Any) -> dict[str, Any]:
    surface: dict[str, Any] = copy.deepcopy(SURFACE)
    change(surface)
    return surface


def new_problems(sdk: checks.Sdk, surface: dict[str, Any]) -> set[str]:
    return set(checks.sdk_problems(surface, sdk)) - set(checks.sdk_problems(SURFACE, sdk))


def bot_schema(surface: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = surface["schemas"]["Bot"]
    return schema


def operation(surface: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    found: dict[str, Any] = checks.operations_by_key(surface)[(method, path)]  # type: ignore[assignment]
    return found


@pytest.mark.parametrize(
    ("change", "reported"),
    [
        (
            lambda s: bot_schema(s)["properties"].pop("join_at"),
            "extra-field:Bot.join_at",
        ),
        (
            lambda s: bot_schema(s)["properties"].update(
                probe={"nullable": True, "required": True, "type": "string"}
            ),
            "field:Bot.probe",
        ),
        (
            lambda s: (
                bot_schema(s)["properties"]["deduplication_key"].update(nullable=True)
                or s["schemas"]["Participant"]["properties"]["uuid"].update(nullable=True)
            ),
            "field:Participant.uuid nullable",
        ),
        (
            lambda s: s["operations"].remove(operation(s, "GET", "/api/v1/bots/{object_id}")),
            "stale-op:get_bot",
        ),
        (
            lambda s: s["operations"].append(
                {"method": "GET", "path": "/api/v1/probe", "responses": {"200": None}}
            ),
            "unmapped-op:GET /api/v1/probe",
        ),
        (
            lambda s: bot_schema(s)["properties"]["state"]["enum"].append("probe_state"),
            "enum:Bot.state missing 'probe_state'",
        ),
        (
            lambda s: bot_schema(s)["properties"]["state"]["enum"].remove("ready"),
            "enum:Bot.state extra 'ready'",
        ),
        (
            lambda s: operation(s, "GET", "/api/v1/bots")["query"].update(
                probe={"nullable": False, "required": False, "type": "string"}
            ),
            "param:list_bots.probe",
        ),
        (
            lambda s: s["schemas"]["CreateBotRequest"]["properties"]["recording_settings"][
                "properties"
            ]["resolution"]["enum"].append("4k"),
            "enum:create_bot.recording_settings.resolution missing '4k'",
        ),
    ],
    ids=[
        "field removed",
        "field added",
        "field made nullable",
        "operation removed",
        "operation added",
        "enum value added",
        "enum value removed",
        "query parameter added",
        "nested enum value added",
    ],
)
def test_the_checker_reports_a_change_of_the_surface(
    sdk: checks.Sdk, change: Any, reported: str
) -> None:
    assert reported in new_problems(sdk, with_change(change))


# --- the fake server ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake_http() -> Iterator[tuple[FakeAttendeeServer, httpx.Client]]:
    fake = FakeAttendeeServer(api_key="contract-key")
    with httpx.Client(
        transport=fake.transport(),
        base_url="http://fake.test/api/v1",
        headers={"Authorization": "Token contract-key"},
    ) as http:
        yield fake, http


def fake_samples(fake: FakeAttendeeServer, http: httpx.Client) -> tuple[dict[str, Any], list[str]]:
    """One answer of the fake for each response schema it serves, by schema name, and the
    errors of the steps that could not get theirs (their schemas are then unavailable)."""
    samples: dict[str, Any] = {}
    errors: list[str] = []

    def get(path: str) -> Any:
        response = http.get(path)
        return response.json() if response.status_code == 200 else None

    def page(path: str, page_schema: str, item_schema: str) -> None:
        answer = get(path)
        samples[page_schema] = answer
        if answer and answer["results"]:
            samples.setdefault(item_schema, answer["results"][0])

    def step(action: Any) -> None:
        try:
            action()
        except Exception as error:  # the sample is then missing, and reported so
            errors.append(f"{type(error).__name__}: {error}")

    bot = fake.add_bot()["id"]
    step(lambda: samples.update(Bot=http.post("/bots", json=BOT_BASE).json()))
    step(lambda: fake.add_utterance(bot, "hello"))
    step(lambda: samples.update(TranscriptUtterance=(get(f"/bots/{bot}/transcript") or [None])[0]))
    step(lambda: fake.add_chat_message(bot, "hi"))
    step(lambda: page(f"/bots/{bot}/chat_messages", "PaginatedChatMessageList", "ChatMessage"))
    step(lambda: fake.add_participant(bot, "Ada"))
    step(lambda: page(f"/bots/{bot}/participants", "PaginatedParticipantList", "Participant"))
    step(
        lambda: page(
            f"/bots/{bot}/participant_events", "PaginatedParticipantEventList", "ParticipantEvent"
        )
    )
    step(lambda: page("/bots", "PaginatedBotList", "Bot"))
    step(lambda: fake.set_bot_state(bot, "ended"))
    step(lambda: samples.update(Recording=get(f"/bots/{bot}/recording")))
    step(lambda: fake.add_calendar_event(fake.add_calendar()["id"]))
    step(lambda: page("/calendars", "PaginatedCalendarList", "Calendar"))
    step(lambda: page("/calendar_events", "PaginatedCalendarEventList", "CalendarEvent"))
    step(
        lambda: page(
            "/zoom_oauth_connections", "PaginatedZoomOAuthConnectionList", "ZoomOAuthConnection"
        )
    )
    rtms = {"meeting_uuid": "m-1", "rtms_stream_id": "s-1", "server_urls": "wss://127.0.0.1:9"}
    session = http.post("/app_sessions", json={"zoom_rtms": rtms})
    if session.status_code == 201:
        samples["AppSession"] = session.json()
    return {name: sample for name, sample in samples.items() if sample is not None}, errors


def fake_problems(fake: FakeAttendeeServer, http: httpx.Client) -> tuple[set[str], list[str]]:
    def send(body: dict[str, Any]) -> tuple[int, str]:
        response = http.post("/bots", json=body)
        return response.status_code, response.text

    found = checks.fake_create_problems("create_bot", CREATE_BOT, SURFACE, send, bot_base)
    samples, errors = fake_samples(fake, http)
    return set(found + checks.fake_model_problems(SURFACE, samples)), errors


def test_the_fake_differs_from_the_surface_only_by_the_known_gaps(
    fake_http: tuple[FakeAttendeeServer, httpx.Client],
) -> None:
    found, errors = fake_problems(*fake_http)
    assert found == known("fake"), (
        gap_report(found, known("fake")) + "\nwhile sampling:\n  " + ("\n  ".join(errors) or "-")
    )


def test_the_fake_checker_reports_a_changed_answer(
    fake_http: tuple[FakeAttendeeServer, httpx.Client],
) -> None:
    samples, _ = fake_samples(*fake_http)
    baseline = set(checks.fake_model_problems(SURFACE, samples))
    changed = {name: copy.deepcopy(sample) for name, sample in samples.items()}
    changed["Bot"].pop("join_at")
    changed["Bot"]["probe"] = 1
    changed["Bot"]["events"][0]["probe"] = 1
    found = set(checks.fake_model_problems(SURFACE, changed)) - baseline
    assert found == {
        "fake:Bot missing join_at",
        "fake:Bot extra probe",
        "fake:Bot.events extra probe",
    }


# --- at run time: what the SDK sends, checked before it is sent -----------------------------


def runtime_problems(fake: FakeAttendeeServer, client: AttendeeClient) -> dict[str, str]:
    """Problem -> the error behind it: a value of the surface refused before sending (a known
    key, an unknown key of a settings object, an enum value the SDK does not know)."""
    problems: dict[str, str] = {}

    def refused(problem: str, method: Any, arguments: dict[str, Any]) -> None:
        before = len(fake.requests)
        try:
            method(**arguments)
        except (TypeError, ValueError) as error:
            if len(fake.requests) == before:
                problems[problem] = f"{type(error).__name__}: {error}"
        except attendee_client.AttendeeError:
            pass  # the fake's answer: it was sent

    body = checks.resolve(checks.operations_by_key(SURFACE)[CREATE_BOT]["body"], SURFACE)
    for prop, shape in body["properties"].items():
        value = checks.sample_value(prop, shape, SURFACE)
        create = client.bots.create
        refused(f"runtime:create_bot.{prop} refused", create, {**bot_base(prop), prop: value})
        if checks.resolve(shape, SURFACE).get("properties"):
            unknown = {**value, "contract_unknown_key": "probe"}
            refused(
                f"runtime:create_bot.{prop} refuses an unknown key",
                create,
                {**bot_base(prop), prop: unknown},
            )
    for name, (method, path, resource, attribute) in OPERATIONS.items():
        op = checks.operations_by_key(SURFACE).get((method, path))
        if op is None or "{" in path:
            continue
        for query_name, shape in op.get("query", {}).items():
            if "enum" in shape or "enum" in shape.get("items", {}):
                # A state filter refuses a string it does not know (a typo); a new value
                # goes on purpose as a member made from it (issue #25).
                new_value: Any = NEW_VALUES.get(query_name, str)("probe_value")
                value = [new_value] if shape["type"] == "array" else new_value
                refused(
                    f"runtime:{name}.{query_name} refuses an unknown value",
                    getattr(getattr(client, resource), attribute),
                    {query_name: value},
                )
    return problems


def test_the_sdk_sends_what_the_surface_allows_and_values_it_does_not_know(
    fake_http: tuple[FakeAttendeeServer, httpx.Client],
) -> None:
    fake, _ = fake_http
    with (
        httpx.Client(transport=fake.transport()) as http,
        AttendeeClient(
            api_key="contract-key", base_url="http://fake.test", http_client=http, max_retries=0
        ) as client,
    ):
        found = runtime_problems(fake, client)
    details = "\n  ".join(f"{k}: {v}" for k, v in sorted(found.items()))
    assert set(found) == known("runtime"), gap_report(set(found), known("runtime")) + (
        "\nerrors:\n  " + details
    )


# --- the surface file against the schema -----------------------------------------------------


def load_script() -> Any:
    spec = importlib.util.spec_from_file_location("surface_script", ROOT / "scripts" / "surface.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_surface_file_is_what_the_schema_gives() -> None:
    if not SCHEMA_FILE.is_file():
        if is_ci():
            pytest.fail(f"{SCHEMA_FILE} not found (CI=true: ../shared must be beside the clone)")
        pytest.skip(SCHEMA_SKIP_REASON)
    script = load_script()
    expected = script.render(script.build_surface(script.load_schema(SCHEMA_FILE)))
    committed = SURFACE_FILE.read_text(encoding="utf-8")
    assert expected == committed, (
        "tests/contract/surface.json is stale: run `python3 scripts/surface.py`\n"
        + script.stale_diff(expected, committed)
    )
