"""The sync and async clients cannot drift: the synchronous resources are written from the
asyncio ones by ``scripts/unasync.py`` (a stale file fails here), and every public method of
every resource has a twin with the same parameters, defaults and return type (modulo
awaiting), and a raw-response twin."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Iterator
from typing import Any

import pytest

from attendee_client import AsyncAttendeeClient, AttendeeClient


def _resources(client_type: type[Any]) -> dict[str, type[Any]]:
    """Every resource a client exposes, by attribute name, found by looking (so a new
    resource is covered without editing this test)."""
    found = {}
    for name, member in inspect.getmembers(client_type):
        if name.startswith("_") or name == "with_raw_response":
            continue
        if hasattr(member, "func"):  # a cached_property
            hints = typing.get_type_hints(member.func, globalns=_namespace())
            found[name] = hints["return"]
    return found


def _namespace() -> dict[str, Any]:
    names: dict[str, Any] = {}
    for module_name in _resource_modules():
        module = __import__(module_name, fromlist=["*"])
        names.update(vars(module))
    return names


def _resource_modules() -> Iterator[str]:
    import pkgutil

    import attendee_client.resources._async as asynchronous
    import attendee_client.resources._sync as synchronous

    for package in (synchronous, asynchronous):
        for info in pkgutil.iter_modules(package.__path__):
            yield f"{package.__name__}.{info.name}"


def _public_methods(cls: type[Any]) -> dict[str, Any]:
    return {
        name: member
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


SYNC = _resources(AttendeeClient)
ASYNC = _resources(AsyncAttendeeClient)


def test_both_clients_expose_the_same_resources() -> None:
    assert sorted(SYNC) == sorted(ASYNC)
    assert "zoom_oauth_connections" in SYNC


def _strip_async(annotation: str) -> str:
    for sync, asynchronous in (
        ("SyncPager", "AsyncPager"),
        ("TranscriptIterator", "AsyncTranscriptIterator"),
        ("Iterator", "AsyncIterator"),
    ):
        annotation = annotation.replace(asynchronous, sync)
    return annotation


@pytest.mark.parametrize("resource", sorted(SYNC))
def test_every_sync_method_has_an_async_twin_with_the_same_signature(resource: str) -> None:
    sync_methods = _public_methods(SYNC[resource])
    async_methods = _public_methods(ASYNC[resource])

    assert sorted(sync_methods) == sorted(async_methods)
    assert sync_methods
    for name, sync_method in sync_methods.items():
        async_method = async_methods[name]
        sync_signature = inspect.signature(sync_method)
        async_signature = inspect.signature(async_method)
        assert list(sync_signature.parameters) == list(async_signature.parameters), name
        for parameter_name, parameter in sync_signature.parameters.items():
            twin = async_signature.parameters[parameter_name]
            assert (parameter.kind, parameter.default, parameter.annotation) == (
                twin.kind,
                twin.default,
                twin.annotation,
            ), f"{resource}.{name}({parameter_name})"
        sync_return = str(sync_signature.return_annotation)
        async_return = _strip_async(str(async_signature.return_annotation))
        assert sync_return == async_return, f"{resource}.{name} returns"
        # A list's pager and a transcript follower are lazy: made at once, fetched as walked.
        returns_pager = "Pager" in sync_return or "TranscriptIterator" in sync_return
        assert inspect.iscoroutinefunction(async_method) is not returns_pager, name
        assert not inspect.iscoroutinefunction(sync_method), name


@pytest.mark.parametrize("resource", sorted(SYNC))
def test_every_method_has_a_docstring_and_takes_the_per_call_options(resource: str) -> None:
    for cls in (SYNC[resource], ASYNC[resource]):
        for name, method in _public_methods(cls).items():
            assert method.__doc__, f"{cls.__name__}.{name}"
            options = inspect.signature(method).parameters.get("options")
            assert options is not None, f"{cls.__name__}.{name}"
            assert options.kind is inspect.Parameter.VAR_KEYWORD
            # A wait's options apply to each look; its ``timeout`` is the whole wait's.
            expected = "Unpack[PollOptions]" if name == "wait_for" else "Unpack[RequestOptions]"
            assert options.annotation == expected, f"{cls.__name__}.{name}"


def test_raw_response_twins_list_the_same_methods() -> None:
    sync_raw = _resources_of_raw(AttendeeClient)
    async_raw = _resources_of_raw(AsyncAttendeeClient)
    assert sorted(sync_raw) == sorted(async_raw) == sorted(SYNC)
    for resource, cls in sync_raw.items():
        raw_methods = {n for n in vars(cls) if not n.startswith("_")}
        assert raw_methods == {n for n in vars(async_raw[resource]) if not n.startswith("_")}
        # Every method, lists included (their raw response is their first page's).
        assert raw_methods == set(_public_methods(SYNC[resource])), resource


def _resources_of_raw(client_type: type[Any]) -> dict[str, type[Any]]:
    hints = typing.get_type_hints(
        client_type.with_raw_response.func,
        globalns=_namespace(),
    )
    raw_type = hints["return"]
    found = {}
    for name, member in inspect.getmembers(raw_type):
        if not name.startswith("_") and hasattr(member, "func"):
            found[name] = typing.get_type_hints(member.func, globalns=_namespace())["return"]
    return found


def test_every_raw_resource_is_reachable_from_both_clients() -> None:
    import asyncio

    sync_client = AttendeeClient(api_key="k", base_url="https://api.test")
    async_client = AsyncAttendeeClient(api_key="k", base_url="https://api.test")
    try:
        for resource in SYNC:
            raw = getattr(sync_client.with_raw_response, resource)
            assert raw is getattr(sync_client.with_raw_response, resource)
            assert type(raw).__name__ == f"{SYNC[resource].__name__}WithRawResponse"
            async_raw = getattr(async_client.with_raw_response, resource)
            assert type(async_raw).__name__ == f"{ASYNC[resource].__name__}WithRawResponse"
    finally:
        sync_client.close()
        asyncio.run(async_client.aclose())


def test_the_synchronous_resources_are_current_with_their_asyncio_source() -> None:
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "unasync.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _unasync_script() -> Any:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "unasync.py"
    spec = importlib.util.spec_from_file_location("unasync_script", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_rules_turn_async_code_into_its_sync_twin() -> None:
    script = _unasync_script()
    source = (
        "async def get(self) -> AsyncPager[Bot]:\n"
        "    async with aclosing(aiter(pager)) as bots:\n"
        "        async for bot in bots:\n"
        "            await self._sleep(1)\n"
        "    return AsyncBots, AsyncTranscription, AsyncTranscriptionStateChange\n"
        "def f(x: Callable[[], Awaitable[Recording]]) -> None: ...\n"
    )

    assert script.unasync(source) == (
        "def get(self) -> SyncPager[Bot]:\n"
        "    with closing(iter(pager)) as bots:\n"
        "        for bot in bots:\n"
        "            self._sleep(1)\n"
        "    return Bots, AsyncTranscription, AsyncTranscriptionStateChange\n"
        "def f(x: Callable[[], Recording]) -> None: ...\n"
    )
    assert script.FORBIDDEN.search("    await asyncio.sleep(1)\n")
    assert not script.FORBIDDEN.search('"""Written once, for asyncio."""\n')


def test_the_generator_leaves_async_only_blocks_out_of_the_sync_twin() -> None:
    script = _unasync_script()
    source = (
        "async def send(self) -> None:\n"
        "    # unasync: async only\n"
        "    await _async_io.take_slot(self._slots)\n"
        "    # unasync: end\n"
        "    await _async_io.send(self._http)\n"
    )

    assert script.unasync(source) == "def send(self) -> None:\n    _sync_io.send(self._http)\n"
    assert script.ASYNC_ONLY in script.rules_used(source)


def test_the_generator_refuses_asyncio_in_code_but_not_in_prose() -> None:
    script = _unasync_script()

    assert script.FORBIDDEN.search(script.code_only("x = 1\nimport asyncio\n"))
    assert script.FORBIDDEN.search(script.code_only("await asyncio.sleep(1)\n"))
    assert not script.FORBIDDEN.search(script.code_only('"""Waits (asyncio.sleep)."""\n'))
    assert not script.FORBIDDEN.search(script.code_only("pass  # like asyncio.sleep\n"))


def test_the_generator_refuses_a_rule_that_no_source_uses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    script = _unasync_script()
    monkeypatch.setitem(script.NAMES, "AsyncNeverUsed", "NeverUsed")
    used = set().union(*(script.rules_used(path.read_text()) for path in _sources(script)))

    with pytest.raises(SystemExit, match=r"rules that no source uses: AsyncNeverUsed;"):
        script.refuse_unused_rules(used)
    monkeypatch.delitem(script.NAMES, "AsyncNeverUsed")
    script.refuse_unused_rules(used)  # every rule of the real table is used


def _sources(script: Any) -> list[Any]:
    return [path for source, _ in script.FOLDERS for path in source.glob("*.py")]


def test_no_hand_written_class_has_a_hand_written_sync_twin() -> None:
    """Every ``AsyncX``/``X`` pair is generated: outside the ``_async``/``_sync`` folders, no
    class ``AsyncX`` sits beside a class ``X`` (the API's own async transcriptions aside)."""
    import ast
    from pathlib import Path

    script = _unasync_script()
    package = Path(__file__).resolve().parents[2] / "src" / "attendee_client"
    classes: set[str] = set()
    for path in package.rglob("*.py"):
        if {"_async", "_sync"} & set(path.relative_to(package).parts):
            continue
        tree = ast.parse(path.read_text())
        classes |= {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    twins = {
        name
        for name in classes
        if name.startswith("Async")
        and not name.startswith(script.KEEP_PREFIXES)
        and (name.removeprefix("Async") in classes or "Sync" + name[5:] in classes)
    }

    assert twins == set()
