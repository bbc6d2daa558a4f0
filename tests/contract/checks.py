"""The contract checks: plain functions from the surface (``surface.json``, a dict) and what
the SDK or the fake offers to a sorted list of problems, one precise string each.

Problem strings (``<op>`` is a name of the test's operation table):

- ``unmapped-op:METHOD /path``: the surface has an operation the table does not name;
- ``stale-op:<op>``: the table names an operation the surface does not have;
- ``op:<op>``: a client cannot reach the operation's method;
- ``param:<op>.<name>``: a body property or query parameter the method does not accept;
- ``untyped:<op>.<path>``: a settings shape with known keys, accepted as a plain mapping;
- ``key:<op>.<path>`` / ``extra-key:<op>.<path>``: a key the TypedDict lacks / the server
  refuses;
- ``enum:<where> missing 'v'`` / ``extra 'v'`` / ``untyped``: a schema enum against the SDK's
  enum or ``Literal`` (``<where>`` is ``<op>.<path>`` or ``<Model>.<field>``);
- ``model:<Schema>`` / ``unmapped-model:<Schema>`` / ``stale-model:<Schema>``: a response
  schema without an SDK model, missing from the table, or in the table but not the surface;
- ``field:<Model>.<name>`` (missing), ``field:<Model>.<name> nullable`` (the annotation does
  not admit None), ``extra-field:<Model>.<name>`` (not in the schema);
- ``fake:...``: the same for the fake server's answers and the bodies it takes.
"""

from __future__ import annotations

import inspect
import json
import types
import typing
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, Union

import attrs
import typing_extensions

Surface = Mapping[str, Any]
Shape = Mapping[str, Any]

FLATTENED = "<flattened>"
"""An alias meaning: this object's own properties are the method's parameters."""

# Names the SDK's modules import only for type checkers (``if TYPE_CHECKING:``).
_TYPE_CHECKING_NAMES: dict[str, Any] = {
    "Unpack": typing_extensions.Unpack,
    "Required": typing_extensions.Required,
    "NotRequired": typing_extensions.NotRequired,
}
_WRAPPERS = {
    typing_extensions.Required,
    typing_extensions.NotRequired,
    getattr(typing, "Required", None),
    getattr(typing, "NotRequired", None),
    typing_extensions.Annotated,
    typing.Annotated,
} - {None}
# ``get_origin`` gives these for both the typing and the builtin spellings.
_SEQUENCES = {list, tuple, set, frozenset, Sequence}
_MAPPINGS = {dict, Mapping, MutableMapping}


@dataclass(frozen=True)
class Sdk:
    """What the SDK side of the contract is checked through."""

    clients: Sequence[object]
    operations: Mapping[str, tuple[str, str, str, str]]
    """operation name -> (METHOD, path, resource attribute, method name)"""
    models: Mapping[str, type | None]
    """response schema name -> the SDK's model class (None: the SDK has none)"""
    aliases: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(operation name, body or query name) -> the method's parameter name, or FLATTENED"""
    request_options: object = None
    """The TypedDict of per-call options (``**options``), whose keys are not the body's."""
    skipped_query: frozenset[str] = frozenset({"cursor"})
    """Query parameters the pagers own."""


# --- reading the surface ----------------------------------------------------------------


def operations_by_key(surface: Surface) -> dict[tuple[str, str], Shape]:
    return {(op["method"], op["path"]): op for op in surface["operations"]}


def resolve(shape: Shape, surface: Surface) -> Shape:
    """A shape with a ``schema`` reference replaced by that schema (keeping ``required``)."""
    name = shape.get("schema")
    if name is None:
        return shape
    return {**surface["schemas"][name], **{k: v for k, v in shape.items() if k == "required"}}


def response_models(surface: Surface) -> set[str]:
    """The schemas the 2xx answers are made of: items of pages and arrays, or the answer."""
    names = set()
    for op in surface["operations"]:
        for answer in op["responses"].values():
            if not answer:
                continue
            if "page_of" in answer:
                names.add(answer["page_of"])
            elif "schema" in answer:
                names.add(answer["schema"])
            elif "schema" in answer.get("items", {}):
                names.add(answer["items"]["schema"])
    return names


# --- reading annotations ------------------------------------------------------------------


def type_hints(thing: Any) -> dict[str, Any]:
    return typing.get_type_hints(thing, localns=_TYPE_CHECKING_NAMES, include_extras=True)


def members(annotation: Any) -> list[Any]:
    """The alternatives of a union (``X | None``), unwrapped of Required/Annotated."""
    origin = typing.get_origin(annotation)
    if origin in _WRAPPERS:
        return members(typing.get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [part for arg in typing.get_args(annotation) for part in members(arg)]
    return [annotation]


def admits_none(annotation: Any) -> bool:
    return any(part is type(None) or part is None or part is Any for part in members(annotation))


def literal_values(annotation: Any) -> set[Any] | None:
    """The values a Literal or an enum in the annotation allows; None when neither is there."""
    found: set[Any] | None = None
    for part in members(annotation):
        if typing.get_origin(part) is Literal:
            found = (found or set()) | set(typing.get_args(part))
        elif isinstance(part, type) and issubclass(part, Enum):
            found = (found or set()) | {member.value for member in part}
    return found


def typed_dict(annotation: Any) -> Any:
    return next((p for p in members(annotation) if typing_extensions.is_typeddict(p)), None)


def sequence_item(annotation: Any) -> Any:
    for part in members(annotation):
        if typing.get_origin(part) in _SEQUENCES and typing.get_args(part):
            return typing.get_args(part)[0]
    return None


def is_open(annotation: Any) -> bool:
    """A plain mapping (or Any): takes any key, so its keys cannot be checked."""
    return any(
        part is Any or part is object or part in _MAPPINGS or typing.get_origin(part) in _MAPPINGS
        for part in members(annotation)
    )


def attrs_class(annotation: Any) -> Any:
    for part in members(annotation):
        item = sequence_item(part)
        for candidate in (part, item):
            if isinstance(candidate, type) and attrs.has(candidate):
                return candidate
    return None


# --- enums --------------------------------------------------------------------------------


def enum_problems(where: str, shape: Shape, annotation: Any) -> list[str]:
    if "enum" not in shape:
        return []
    sdk = literal_values(annotation)
    if sdk is None:
        return [f"enum:{where} untyped"]
    schema = set(shape["enum"])
    return [f"enum:{where} missing {v!r}" for v in sorted(schema - sdk, key=repr)] + [
        f"enum:{where} extra {v!r}" for v in sorted(sdk - schema, key=repr)
    ]


# --- operations and their requests ----------------------------------------------------------


def operation_problems(surface: Surface, sdk: Sdk) -> list[str]:
    """Every operation of the surface is named in the table and reachable from each client."""
    problems = []
    known = operations_by_key(surface)
    named = {(method, path): name for name, (method, path, _, _) in sdk.operations.items()}
    problems += [
        f"unmapped-op:{method} {path}" for method, path in known if (method, path) not in named
    ]
    for name, (method, path, resource, attribute) in sdk.operations.items():
        if (method, path) not in known:
            problems.append(f"stale-op:{name}")
        elif any(_method(client, resource, attribute) is None for client in sdk.clients):
            problems.append(f"op:{name}")
    return problems


def _method(client: object, resource: str, attribute: str) -> Any:
    return getattr(getattr(client, resource, None), attribute, None)


def _accepted(function: Any, body_names: set[str], sdk: Sdk) -> dict[str, Any]:
    """Parameter name (or key of a TypedDict a parameter is annotated with) -> annotation."""
    hints = type_hints(function)
    accepted: dict[str, Any] = {}
    for parameter in inspect.signature(function).parameters.values():
        annotation = hints.get(parameter.name, Any)
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            args = typing.get_args(annotation)
            unpacked = (
                args[0] if typing.get_origin(annotation) is typing_extensions.Unpack else None
            )
            if unpacked is not None and unpacked is not sdk.request_options:
                accepted.update(type_hints(unpacked))
            continue
        accepted[parameter.name] = annotation
        bundle = typed_dict(annotation) if parameter.name not in body_names else None
        if bundle is not None:
            accepted.update({k: v for k, v in type_hints(bundle).items() if k not in accepted})
    return accepted


def request_problems(surface: Surface, sdk: Sdk) -> list[str]:
    """Every query parameter and body property is accepted by the method of each client,
    nested settings keys by the TypedDicts, enum values by the Literals and enums."""
    problems: set[str] = set()
    for name, (method, path, resource, attribute) in sdk.operations.items():
        op = operations_by_key(surface).get((method, path))
        if op is None:
            continue
        inputs = dict(resolve(op["body"], surface).get("properties", {})) if "body" in op else {}
        for query_name, shape in op.get("query", {}).items():
            if query_name not in sdk.skipped_query and not shape.get("deprecated"):
                inputs[query_name] = shape
        for client in sdk.clients:
            function = _method(client, resource, attribute)
            if function is None:
                continue
            try:
                accepted = _accepted(function, set(inputs), sdk)
            except (NameError, TypeError) as error:
                problems.add(f"annotations:{name} {error}")
                continue
            problems.update(_input_problems(name, inputs, accepted, surface, sdk))
    return sorted(problems)


def _input_problems(
    op: str, inputs: Mapping[str, Shape], accepted: Mapping[str, Any], surface: Surface, sdk: Sdk
) -> list[str]:
    problems = []
    for prop, shape in inputs.items():
        alias = sdk.aliases.get((op, prop), prop)
        if alias == FLATTENED:
            nested = resolve(shape, surface).get("properties", {})
            problems += _input_problems(op, nested, accepted, surface, sdk)
        elif alias not in accepted:
            problems.append(f"param:{op}.{prop}")
        else:
            problems += value_problems(f"{op}.{prop}", shape, accepted[alias], surface)
    return problems


def value_problems(where: str, shape: Shape, annotation: Any, surface: Surface) -> list[str]:
    """What a value's annotation lacks against its shape: keys, enum values, item types."""
    shape = resolve(shape, surface)
    if shape.get("type") == "union":
        return [
            p
            for choice in shape["one_of"]
            for p in value_problems(where, choice, annotation, surface)
        ]
    problems = enum_problems(where, shape, annotation)
    if shape.get("type") == "array" and "items" in shape:
        item = sequence_item(annotation)
        if item is not None:
            problems += value_problems(f"{where}[]", shape["items"], item, surface)
    properties = shape.get("properties")
    if not properties:
        return problems
    bundle = typed_dict(annotation)
    if bundle is None:
        return [*problems, f"untyped:{where}"] if is_open(annotation) else problems
    keys = type_hints(bundle)
    for prop, sub in properties.items():
        if prop in keys:
            problems += value_problems(f"{where}.{prop}", sub, keys[prop], surface)
        else:
            problems.append(f"key:{where}.{prop}")
    if shape.get("additional_properties") is False:
        problems += [f"extra-key:{where}.{key}" for key in keys if key not in properties]
    return problems


# --- response models ------------------------------------------------------------------------


def model_problems(surface: Surface, sdk: Sdk) -> list[str]:
    """Every property of every response schema is a field of its model, nullable ones
    admitting None, with the schema's enum values; and no field is unknown to the schema."""
    problems: set[str] = set()
    used = response_models(surface)
    problems.update(f"stale-model:{name}" for name in sdk.models if name not in used)
    for name in sorted(used):
        if name not in sdk.models:
            problems.add(f"unmapped-model:{name}")
        elif sdk.models[name] is None:
            problems.add(f"model:{name}")
        else:
            problems.update(_fields_problems(surface["schemas"][name], sdk.models[name], surface))
    return sorted(problems)


def _fields_problems(shape: Shape, model: Any, surface: Surface) -> list[str]:
    fields = attrs.fields_dict(model)
    hints = type_hints(model)
    owner = model.__name__
    problems = [f"extra-field:{owner}.{name}" for name in fields if name not in shape["properties"]]
    for prop, sub in shape["properties"].items():
        if prop not in fields:
            problems.append(f"field:{owner}.{prop}")
            continue
        annotation = hints[prop]
        if sub.get("nullable") and not admits_none(annotation):
            problems.append(f"field:{owner}.{prop} nullable")
        resolved = resolve(sub, surface)
        problems += enum_problems(f"{owner}.{prop}", resolved, annotation)
        nested = resolved.get("items", resolved) if resolved.get("type") == "array" else resolved
        nested = resolve(nested, surface)
        if nested.get("properties"):
            inner = attrs_class(annotation)
            if inner is None:
                problems.append(f"untyped:{owner}.{prop}")
            else:
                problems += _fields_problems(nested, inner, surface)
    return problems


def sdk_problems(surface: Surface, sdk: Sdk) -> list[str]:
    found = operation_problems(surface, sdk) + request_problems(surface, sdk)
    return sorted(set(found + model_problems(surface, sdk)))


# --- the fake server ------------------------------------------------------------------------

_UNKNOWN_MARKERS = (
    "Unexpected field",
    "Additional properties are not allowed",
    "Unexpected attribute",
    "unknown key",
)


def refused_as_unknown(status: int, text: str) -> bool:
    return status == 400 and any(marker in text for marker in _UNKNOWN_MARKERS)


def sample_value(path: str, shape: Shape, surface: Surface) -> Any:
    """A value of ``shape`` the server would take, every nested key filled in (``path``:
    where it goes, dotted, which picks the text of a string)."""
    shape = resolve(shape, surface)
    if "enum" in shape:
        return shape["enum"][0]
    kind = shape.get("type")
    if kind == "union":
        return sample_value(path, shape["one_of"][0], surface)
    if shape.get("properties"):
        return {
            key: sample_value(f"{path}.{key}", sub, surface)
            for key, sub in shape["properties"].items()
        }
    if kind in ("object", "any"):  # a free-form object (metadata, kubernetes_settings)
        return {"contract": "probe"}
    if kind == "array":
        return [sample_value(path, shape.get("items", {}), surface)]
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        return 1
    return sample_text(path)


_SAMPLE_TEXT = {
    "meeting_url": "https://zoom.us/j/123456789?pwd=abc",
    "join_at": "2030-01-01T00:00:00Z",
    "data": "iVBORw0KGgo=",
    "calendar_event_id": "evt_contractprobe00",
}


def sample_text(path: str) -> str:
    leaf = path.rsplit(".", 1)[-1]
    if leaf in _SAMPLE_TEXT:
        return _SAMPLE_TEXT[leaf]
    if not leaf.endswith("url"):
        return "probe"
    scheme = "wss" if "websocket" in path or "kyutai" in path else "https"
    return f"{'rtmp' if 'rtmp' in path else scheme}://127.0.0.1:9/probe"


def fake_create_problems(
    op: str,
    key: tuple[str, str],
    surface: Surface,
    send: Callable[[dict[str, Any]], tuple[int, str]],
    base: Callable[[str], Mapping[str, Any]],
) -> list[str]:
    """For each body property of operation ``key`` (METHOD, path), added to ``base(it)``:
    sent with a valid value, it is not refused as unknown; an unknown key inside a closed
    settings object is refused."""
    body = resolve(operations_by_key(surface)[key]["body"], surface)
    problems = []
    for prop, shape in body["properties"].items():
        status, text = send({**base(prop), prop: sample_value(prop, shape, surface)})
        if refused_as_unknown(status, text):
            problems.append(f"fake:{op}.{prop} refused")
        resolved = resolve(shape, surface)
        if resolved.get("properties") and resolved.get("additional_properties") is False:
            status, _ = send({**base(prop), prop: {"contract_unknown_key": 1}})
            if status < 300:
                problems.append(f"fake:{op}.{prop} accepts unknown key")
    return problems


def fake_model_problems(surface: Surface, samples: Mapping[str, Any]) -> list[str]:
    """Each answer the fake gives has the schema's properties: every one of a named schema
    (the server's serializers write every field), no other; inline objects may leave out
    what the schema does not require."""
    problems = []
    pages = {
        a["schema"]
        for op in surface["operations"]
        for a in op["responses"].values()
        if a and "page_of" in a
    }
    for name in sorted(response_models(surface) | pages):
        if name not in samples:
            problems.append(f"fake:{name} unavailable")
        else:
            problems += _sample_problems(
                name, surface["schemas"][name], samples[name], surface, exact=True
            )
    return problems


def _sample_problems(
    where: str, shape: Shape, sample: Any, surface: Surface, *, exact: bool
) -> list[str]:
    if not isinstance(sample, Mapping):
        return [f"fake:{where} not an object: {json.dumps(sample)[:40]}"]
    properties = shape["properties"]
    needed = {k for k, sub in properties.items() if exact or sub.get("required")}
    problems = [f"fake:{where} missing {key}" for key in sorted(needed - set(sample))]
    problems += [f"fake:{where} extra {key}" for key in sorted(set(sample) - set(properties))]
    for key, sub in properties.items():
        value = sample.get(key)
        items = [value] if not isinstance(value, list) else value
        inner = resolve(sub.get("items", sub) if sub.get("type") == "array" else sub, surface)
        if not inner.get("properties"):
            continue
        named = "schema" in (sub.get("items", sub) if sub.get("type") == "array" else sub)
        for item in items:
            if item is not None:
                problems += _sample_problems(f"{where}.{key}", inner, item, surface, exact=named)
    return sorted(set(problems))
