"""Whatever comes back, the SDK returns a valid model or raises an AttendeeError subclass:
never KeyError, TypeError, ValueError, JSONDecodeError or a cattrs exception.

``make fuzz`` (``python3 scripts/dev.py fuzz``) runs at least 10,000 examples per test and
prints how many ran; the default profile runs a few hundred.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import math
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attendee_client import (
    AsyncAttendeeClient,
    AttendeeClient,
    AttendeeError,
    Page,
    ZoomOAuthConnection,
)
from attendee_client._response import decode_json
from tests.conftest import example_json

EXAMPLES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_example_counts() -> Iterator[None]:
    yield
    for name, count in sorted(EXAMPLES.items()):
        print(f"\nfuzz: {name}: {count} examples")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)

extreme_values: st.SearchStrategy[Any] = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        10**30,
        1e308,
        math.nan,
        math.inf,
        "",
        "x" * 1_000_000,
        "\ud800",
        "2025-01-13T10:30:00.123456Z",
        "9999-12-31T23:59:59.999999-23:59",
        "0001-01-01T00:00:00+23:59",
        [],
        {},
        {"nested": {"deeper": [1, 2, {"x": None}]}},
    ]
)


@st.composite
def mutated_objects(draw: st.DrawFn) -> bytes:
    """The documented object with fields removed, retyped or replaced by extreme values."""
    data: dict[str, Any] = example_json()
    for key in draw(st.lists(st.sampled_from(sorted(data)), max_size=4, unique=True)):
        action = draw(st.sampled_from(["remove", "retype", "extreme"]))
        if action == "remove":
            del data[key]
        elif action == "retype":
            data[key] = draw(json_values)
        else:
            data[key] = draw(extreme_values)
    if draw(st.booleans()):
        data[draw(st.text(max_size=8))] = draw(json_values)
    envelope = draw(st.sampled_from(["object", "page", "page-of-garbage"]))
    if envelope == "page":
        body: Any = {"next": None, "previous": None, "results": [data]}
    elif envelope == "page-of-garbage":
        body = {"next": draw(json_values), "results": draw(json_values)}
    else:
        body = data
    return json.dumps(body, allow_nan=True).encode("utf-8", errors="surrogatepass")


raw_texts = st.sampled_from(
    [
        b"",
        b"[" * 100_000,
        b'{"a":' * 50_000,
        b'{"id": 1' + b"0" * 5000 + b"}",
        b'{"detail": "\xff\xfe invalid utf-8"}',
        b'{"id": "\\ud800"}',
        b"<html><body>502</body></html>",
        b"NaN",
        b'{"detail": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b"\x1f\x8b\x08\x00garbage",
    ]
)

bodies = st.one_of(
    st.binary(max_size=2_000),
    json_values.map(lambda value: json.dumps(value).encode()),
    mutated_objects(),
    raw_texts,
)


@st.composite
def responses(draw: st.DrawFn) -> tuple[int, dict[str, str], bytes]:
    status = draw(st.sampled_from([200, 201, 400, 401, 403, 404, 409, 422, 429, 500, 502]))
    status = draw(st.one_of(st.just(status), st.integers(min_value=200, max_value=599)))
    body = draw(bodies)
    headers = {
        "Content-Type": draw(
            st.sampled_from(["application/json", "text/html", "text/plain; charset=latin-1", ""])
        )
    }
    if draw(st.booleans()):
        headers["Retry-After"] = draw(st.sampled_from(["1", "-1", "1e400", "nan", "x", "0"]))
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        headers["Content-Encoding"] = "gzip"
        if draw(st.booleans()):
            body = gzip.compress(body)
    return status, headers, body


def replay(
    response: tuple[int, dict[str, str], bytes],
) -> Callable[[httpx.Request], httpx.Response]:
    """A transport handler answering every request with these raw, undecoded bytes."""
    status, headers, body = response

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))

    return handler


operations = st.sampled_from(["get", "list_page", "list", "create", "delete"])


def call_sync(client: AttendeeClient, operation: str) -> object:
    resource = client.zoom_oauth_connections
    if operation == "get":
        return resource.get("zoc_abcdef1234567890")
    if operation == "list_page":
        return resource.list_page(cursor="abc")
    if operation == "list":
        return list(resource.list())
    if operation == "create":
        return resource.create(authorization_code="c", redirect_uri="https://x/cb")
    resource.delete("zoc_abcdef1234567890")
    return None


def check_result(operation: str, result: object) -> None:
    if isinstance(result, AttendeeError):
        assert str(result)
    elif operation in ("get", "create"):
        assert isinstance(result, ZoomOAuthConnection)
    elif operation == "list_page":
        assert isinstance(result, Page)
    elif operation == "list":
        assert isinstance(result, list)
        assert all(isinstance(item, ZoomOAuthConnection) for item in result)
    else:
        assert result is None


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(response=responses(), operation=operations)
def test_sync_client_returns_a_model_or_raises_an_attendee_error(
    response: tuple[int, dict[str, str], bytes], operation: str
) -> None:
    EXAMPLES["sync client"] += 1
    handler = replay(response)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = AttendeeClient(
        api_key="sk_fuzz", base_url="https://api.test", http_client=http, sleep=lambda _: None
    )
    try:
        result = call_sync(client, operation)
    except AttendeeError as error:
        result = error
    finally:
        http.close()
    check_result(operation, result)


@settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    max_examples=max(settings().max_examples // 10, 30),
)
@given(response=responses(), operation=operations)
def test_async_client_returns_a_model_or_raises_an_attendee_error(
    response: tuple[int, dict[str, str], bytes], operation: str
) -> None:
    EXAMPLES["async client"] += 1
    handler = replay(response)

    async def no_sleep(_: float) -> None:
        return None

    async def run() -> object:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        async with http:
            client = AsyncAttendeeClient(
                api_key="sk_fuzz", base_url="https://api.test", http_client=http, sleep=no_sleep
            )
            resource = client.zoom_oauth_connections
            if operation == "get":
                return await resource.get("zoc_abcdef1234567890")
            if operation == "list_page":
                return await resource.list_page(cursor="abc")
            if operation == "list":
                return [item async for item in resource.list()]
            if operation == "create":
                return await resource.create(authorization_code="c", redirect_uri="https://x/cb")
            await resource.delete("zoc_abcdef1234567890")
            return None

    try:
        result = asyncio.run(run())
    except AttendeeError as error:
        result = error
    check_result(operation, result)


@given(data=st.one_of(json_values, mutated_objects().map(json.loads)))
def test_from_dict_raises_only_value_error(data: Any) -> None:
    EXAMPLES["from_dict"] += 1
    try:
        conn = ZoomOAuthConnection.from_dict(data)
    except ValueError as error:
        message = str(error)
        assert message, "a ValueError must say what is wrong"
        return
    assert ZoomOAuthConnection.from_dict(conn.to_dict()) == conn


json_documents = st.one_of(
    json_values.map(lambda value: json.dumps(value).encode()),
    st.tuples(
        st.sampled_from([b"", b" ", b"\n", b"\t\r\n", b"\xef\xbb\xbf"]),
        json_values.map(lambda value: json.dumps(value, indent=1).encode()),
        st.sampled_from([b"", b" ", b"\n", b"x", b"{}", b" 1"]),
    ).map(lambda parts: b"".join(parts)),
    st.binary(max_size=200),
    raw_texts,
)


@given(document=json_documents)
def test_fast_json_decoding_agrees_with_json_loads(document: bytes) -> None:
    EXAMPLES["decode_json"] += 1
    try:
        expected: Any = json.loads(document)
    except (ValueError, RecursionError) as error:
        expected = type(error)
    try:
        actual: Any = decode_json(document)
    except (ValueError, RecursionError) as error:
        actual = type(error)
    if expected == actual or repr(expected) == repr(actual):  # NaN != NaN
        return
    raise AssertionError(f"{document!r}: json.loads gave {expected!r}, decode_json {actual!r}")
