"""The API reference shows what users look up: every model field with its type and a
description, every enum member, the clients' constructor parameters, no private bases.

The reference is rendered by mkdocstrings from the docstrings, so most of this is checked on
the source: attribute docstrings read with ``ast`` (always), and what griffe, the loader
mkdocstrings uses, makes of the package (when the ``docs`` group is installed). The last
tests build the site, strictly, and read the pages (when mkdocs is installed too).
"""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import os
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from types import ModuleType
from typing import Any, is_typeddict

import attrs
import pytest

import attendee_client
from attendee_client._models import ExtensibleEnum

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
REFERENCE = ROOT / "docs" / "reference"

# The modules whose classes the Models, Webhooks and Resources pages show field by field.
MODEL_MODULES = [
    "attendee_client.types.bots",
    "attendee_client.types.app_sessions",
    "attendee_client.types.calendars",
    "attendee_client.types.zoom_oauth_connections",
    "attendee_client.types.webhooks",
    "attendee_client.types.settings",
]
CLIENTS = [attendee_client.AttendeeClient, attendee_client.AsyncAttendeeClient]


def public_classes(module_name: str) -> Iterator[type[Any]]:
    module = importlib.import_module(module_name)
    for name in module.__all__:
        value = getattr(module, name)
        if inspect.isclass(value) and value.__module__ == module_name:
            yield value


def field_names(cls: type[Any]) -> list[str]:
    """The fields a user reads: an attrs model's fields, or a TypedDict's keys."""
    if attrs.has(cls):
        return [field.name for field in attrs.fields(cls)]
    return list(cls.__annotations__)


def is_record(cls: type[Any]) -> bool:
    return attrs.has(cls) or is_typeddict(cls)


def attribute_docstrings(module_name: str) -> dict[str, dict[str, str | None]]:
    """Per class of the module's source: each class-level name and the string right after it."""
    module = importlib.import_module(module_name)
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found: dict[str, dict[str, str | None]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        members: dict[str, str | None] = {}
        for index, statement in enumerate(node.body):
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                name = statement.target.id
            elif (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
            ):
                name = statement.targets[0].id
            else:
                continue
            following = node.body[index + 1] if index + 1 < len(node.body) else None
            docstring = None
            if (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docstring = following.value.value
            members[name] = docstring
        found[node.name] = members
    return found


def declared_docstring(cls: type[Any], name: str) -> str | None:
    """The attribute docstring of ``name`` where the class or one of its bases declares it."""
    for klass in cls.__mro__:
        module_name = getattr(klass, "__module__", "")
        if not module_name.startswith("attendee_client"):
            continue
        declared = attribute_docstrings(module_name).get(klass.__name__, {})
        if name in declared:
            return declared[name]
    return None


@pytest.mark.parametrize("module_name", MODEL_MODULES)
def test_every_public_field_has_a_one_line_description(module_name: str) -> None:
    declared_classes = attribute_docstrings(module_name)
    missing = []
    for cls in public_classes(module_name):
        if not is_record(cls):
            continue
        for name in field_names(cls):
            if cls.__name__ not in declared_classes:
                # A TypedDict spelt the functional way (a key is a keyword) has no class body
                # to hold attribute docstrings: its own docstring names each key.
                if f"``{name}``" not in (cls.__doc__ or ""):
                    missing.append(f"{cls.__name__}.{name}")
            elif not (declared_docstring(cls, name) or "").strip():
                missing.append(f"{cls.__name__}.{name}")
    assert not missing, f"fields without an attribute docstring: {missing}"


@pytest.mark.parametrize("module_name", MODEL_MODULES)
def test_every_public_class_has_a_docstring_whose_first_line_is_a_summary(
    module_name: str,
) -> None:
    # The pages' class tables show the first line only: it must stand alone (PEP 257).
    bad = []
    for cls in public_classes(module_name):
        lines = (cls.__doc__ or "").strip().splitlines()
        if not lines or (len(lines) > 1 and lines[1].strip()):
            bad.append(cls.__name__)
    assert not bad, f"classes whose docstring does not open with a one-line summary: {bad}"


def test_the_bot_fields_say_what_they_are() -> None:
    assert "normalized" in (declared_docstring(attendee_client.Bot, "meeting_url") or "")
    assert "BotState" in (declared_docstring(attendee_client.Bot, "state") or "")
    assert "milliseconds" in (
        declared_docstring(attendee_client.TranscriptUtterance, "timestamp_ms") or ""
    )


def enums() -> Iterator[type[enum.Enum]]:
    for module_name in MODEL_MODULES:
        for cls in public_classes(module_name):
            if issubclass(cls, ExtensibleEnum):
                yield cls


def test_every_enum_member_is_declared_where_the_page_reads_it() -> None:
    # The page lists the class-level assignments of the source; each must be a member.
    for cls in enums():
        assert cls.__module__ is not None
        declared = attribute_docstrings(cls.__module__)[cls.__name__]
        assert [member.name for member in cls] == [
            name for name in declared if not name.startswith("_")
        ], cls.__name__


def test_the_bot_states_are_described() -> None:
    declared = attribute_docstrings("attendee_client.types.bots")["BotState"]
    assert all(declared[member.name] for member in attendee_client.BotState)


def test_the_clients_document_every_constructor_parameter() -> None:
    for client in CLIENTS:
        # cleandoc: Python 3.13 strips docstrings' indentation when compiling, earlier ones not.
        doc = inspect.cleandoc(client.__doc__ or "")
        args = doc.split("\nArgs:\n", 1)[1].split("\n\n", 1)[0]
        documented = re.findall(r"^ {4}(\w+): ", args, re.MULTILINE)
        assert documented == list(inspect.signature(client).parameters), client.__name__


# --- the reference pages ----------------------------------------------------------------------


def directives() -> list[str]:
    """Every ``::: identifier`` of the reference pages."""
    found = []
    for page in sorted(REFERENCE.glob("*.md")):
        found += re.findall(r"^::: ([\w.]+)$", page.read_text(encoding="utf-8"), re.MULTILINE)
    return found


def test_the_reference_pages_include_every_model_module() -> None:
    assert set(MODEL_MODULES) <= set(directives())


def test_every_public_name_is_on_a_reference_page() -> None:
    covered: set[str] = set()
    for identifier in directives():
        covered.add(identifier.rsplit(".", 1)[-1])
        try:
            value: object = importlib.import_module(identifier)
        except ImportError:
            continue
        if isinstance(value, ModuleType):
            covered.update(getattr(value, "__all__", []))
    missing = sorted(set(attendee_client.__all__) - covered - {"__version__"})
    assert not missing, f"public names no reference page documents: {missing}"


def test_every_reference_page_is_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in REFERENCE.glob("*.md"):
        assert f"reference/{page.name}" in nav


# --- what griffe, the loader mkdocstrings uses, sees ---------------------------------------------


@pytest.fixture(scope="module")
def package() -> Any:
    griffe = pytest.importorskip("griffe", reason="the docs group is not installed")
    return griffe.load("attendee_client", search_paths=[str(SRC)])


def griffe_class(package: Any, cls: type[Any]) -> Any:
    return package[cls.__module__.removeprefix("attendee_client.") + "." + cls.__name__]


@pytest.mark.parametrize("module_name", MODEL_MODULES)
def test_griffe_sees_each_field_with_its_type_and_description(
    package: Any, module_name: str
) -> None:
    for cls in public_classes(module_name):
        if not is_record(cls) or cls.__name__ not in attribute_docstrings(module_name):
            continue  # a functional TypedDict is documented by its docstring alone
        members = griffe_class(package, cls).all_members
        for name in field_names(cls):
            member = members[name]
            assert member.annotation is not None, f"{cls.__name__}.{name}"
            assert member.docstring is not None, f"{cls.__name__}.{name}"


def test_griffe_sees_every_enum_member_with_its_value(package: Any) -> None:
    for cls in enums():
        members = griffe_class(package, cls).members
        for member in cls:
            assert members[member.name].value == repr(member.value), f"{cls.__name__}.{member}"


def test_griffe_reads_the_clients_parameters_from_their_docstrings(package: Any) -> None:
    for client in CLIENTS:
        docstring = package[client.__name__].docstring
        sections = {section.kind.value: section for section in docstring.parse("google")}
        documented = [parameter.name for parameter in sections["parameters"].value]
        assert documented == list(inspect.signature(client).parameters)


# --- the built site ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built strictly, as ``scripts/dev.py docs`` builds it (about 5 s)."""
    pytest.importorskip("mkdocstrings_handlers.python", reason="the docs group is not installed")
    build = pytest.importorskip("mkdocs.commands.build")
    config_module = pytest.importorskip("mkdocs.config")
    site_dir = tmp_path_factory.mktemp("site")
    # The snippets extension reads paths relative to the working directory.
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        config = config_module.load_config(
            config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True
        )
        build.build(config)
    finally:
        os.chdir(previous)
    return site_dir


def page_text(site: Path, page: str) -> str:
    return (site / "reference" / page / "index.html").read_text(encoding="utf-8")


def visible(html: str) -> str:
    """The text a reader sees of ``html`` (of the page's article, for a whole page)."""
    if "<article" in html:
        html = html[html.index("<article") : html.index("</article>")]
    html = re.sub(r"</(td|th|tr|p|div|h[1-6]|li)>|<br>", " ", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def test_the_models_page_shows_each_bot_field_with_its_type(site: Path) -> None:
    html = page_text(site, "models")
    text = visible(html)
    for field, annotation in [
        ("meeting_url", "meeting_url: str"),
        ("state", "state: BotState | str"),
        ("join_at", "join_at: datetime | None"),
        ("events", "events: list[BotEvent]"),
    ]:
        assert f'id="attendee_client.types.bots.Bot.{field}"' in html
        assert annotation in text
    # The field's type links to the enum's own entry.
    assert 'href="#attendee_client.types.bots.BotState"' in html
    # attrs' declarations are not shown as values.
    assert "attrs.field" not in text


# Where each model module is shown, field by field.
PAGES = {
    "attendee_client.types.bots": "models",
    "attendee_client.types.app_sessions": "models",
    "attendee_client.types.calendars": "models",
    "attendee_client.types.zoom_oauth_connections": "models",
    "attendee_client.types.webhooks": "webhooks",
    "attendee_client.types.settings": "resources",
}


@pytest.mark.parametrize("module_name", MODEL_MODULES)
def test_every_field_and_enum_member_has_an_entry_on_its_page(site: Path, module_name: str) -> None:
    html = page_text(site, PAGES[module_name])
    missing = []
    for cls in public_classes(module_name):
        if is_record(cls) and cls.__name__ in attribute_docstrings(module_name):
            names = field_names(cls)
        elif issubclass(cls, enum.Enum):
            names = [member.name for member in cls]
        else:
            continue
        missing += [
            f"{cls.__name__}.{name}"
            for name in names
            if f'id="{module_name}.{cls.__name__}.{name}"' not in html
        ]
    assert not missing, f"not on the {PAGES[module_name]} page: {missing}"


def test_the_models_page_lists_every_enum_member(site: Path) -> None:
    text = visible(page_text(site, "models"))
    for member in attendee_client.BotState:
        assert f"{member.name} '{member.value}'" in text
    assert "ENDED 'ended' Final: done" in text


def test_the_clients_page_shows_the_constructor_parameters(site: Path) -> None:
    text = visible(page_text(site, "clients"))
    assert "AttendeeClient( *, api_key: str | None = None," in text
    assert "Parameters: Name Type Description Default api_key" in text


def test_no_private_base_is_named(site: Path) -> None:
    for page in (site / "reference").glob("*/index.html"):
        bases = re.findall(
            r'<p class="doc doc-class-bases">(.*?)</p>', page.read_text("utf-8"), re.S
        )
        for base in map(visible, bases):
            for private in ("BaseClient", "APIResource", "Resources", "BotActions", "_"):
                assert private not in base.removeprefix("Bases:"), (page, base)


def test_resources_show_their_inherited_methods_and_are_found_by_attribute(site: Path) -> None:
    html = page_text(site, "resources")
    text = visible(html)
    assert 'id="attendee_client.resources.bots.Bots.pause_recording"' in html
    assert 'id="attendee_client.resources.bots.Bots.create"' in html
    assert "client.bots Bots AsyncBots" in text
