"""Decoded JSON to attrs instances: the structure hooks of the cattrs converter.

``configure_structuring(converter)`` registers, once, everything a converter needs to build
our models, and there is no other way in: ``Model.from_dict(data)`` is
``converter.structure(data, cls)``.

- The type rules of ``_type_rules`` (strict ``str``/``bool``/``int``/``float``, aware date-times,
  JSON objects kept as decoded, open enums) are the hooks of their types, and of their
  ``X | None`` forms; any other ``X | None`` (a nested model) lets null through and otherwise
  asks the hook of ``X``.
- A ``Literal`` takes one of its values; a list must be a JSON array, each item through its
  type's hook.
- Every attrs class is structured by the function cattrs generates for it
  (``cattrs.gen.make_dict_structure_fn``). The hook around it refuses what is not a JSON
  object, and when the data does not fit, asks cattrs' detailed validation (the same
  generated code, trying every field) for every failure, to raise one ``ValidationError``
  naming every bad field by its path (``events[1].type: expected a string, got 5``).

A model therefore needs no structuring code of its own: its annotations are the whole
specification. Unknown keys are ignored (a newer server may add fields).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, is_typeddict

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, BaseValidationError, ClassValidationError
from cattrs.gen import make_dict_structure_fn

from attendee_client._type_rules import (
    check_any,
    check_bool,
    check_datetime,
    check_float,
    check_int,
    check_object,
    check_str,
    describe,
    extensible_enum_check,
    extensible_enum_of,
    literal_check,
    union_members,
)

__all__ = ["ValidationError", "configure_structuring", "hook_of"]

Hook = Callable[[Any, Any], Any]
"""A cattrs structure hook: ``hook(value, type)`` gives the value as the model holds it."""

Problems = list[tuple[str, str]]
"""What does not fit, as ``(path, problem)`` pairs; the path is empty for the value itself."""


class ValidationError(ValueError):
    """Data that does not fit a model; the message names every bad field by its path and
    says what is wrong with it (``created_at: not an ISO 8601 date-time: 'yesterday'``)."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(
            "; ".join(f"{path}: {problem}" if path else problem for path, problem in problems)
        )
        self.problems = problems


def _join(parent: str, child: str) -> str:
    if not child:
        return parent
    if not parent or child.startswith("["):
        return parent + child
    return f"{parent}.{child}"


def _problems_of(error: Exception, path: str) -> Problems:
    """``error``, raised by the hook of the value at ``path``, as problems."""
    if isinstance(error, ValidationError):  # a nested object or list: its own paths
        return [(_join(path, inner), problem) for inner, problem in error.problems]
    return [(path, str(error) or type(error).__name__)]


# --- the leaves: one rule per JSON type, from _type_rules -------------------------------------

# Each is also the hook of ``X | None``: it lets null through when its type argument admits it.
_LEAF_HOOKS: dict[Any, Hook] = {
    str: check_str,
    bool: check_bool,
    int: check_int,
    float: check_float,
    datetime: check_datetime,
}


def _is_json_object(type_: object) -> bool:
    """A nested JSON object kept as decoded: ``Mapping[str, X]`` or a TypedDict."""
    return getattr(type_, "__origin__", None) is Mapping or is_typeddict(type_)


def _is_list(type_: object) -> bool:
    return getattr(type_, "__origin__", None) in (list, Sequence)


def _optional_member(type_: object) -> Any:
    """``X`` of ``X | None`` (when ``X`` is one type); None for any other type."""
    members = union_members(type_)
    if len(members) == 2 and type(None) in members:
        return members[0] if members[1] is type(None) else members[1]
    return None


# --- the composites: optional, list, attrs class -------------------------------------------


def _optional_hook(converter: cattrs.Converter, type_: Any) -> Hook:
    inner = _optional_member(type_)
    structure_inner = hook_of(converter, inner)

    def structure_optional(value: object, _: object) -> Any:
        if value is None:
            return None
        try:
            return structure_inner(value, inner)
        except ValidationError:
            raise
        except ValueError as error:
            # "expected a string, got 3" -> "expected a string or null, got 3"
            raise ValueError(str(error).replace(", got ", " or null, got ", 1)) from None

    return structure_optional


def _list_hook(converter: cattrs.Converter, type_: Any) -> Hook:
    args = getattr(type_, "__args__", None) or (Any,)
    item_type = args[0]
    # Looked up at the first list, not now: a class may contain a list of itself.
    structure_item: Hook | None = None

    def structure_list(value: object, _: object) -> list[Any]:
        nonlocal structure_item
        # cattrs would iterate any iterable: a string would become a list of characters.
        if type(value) is not list:
            raise ValueError(f"expected a list, got {describe(value)}")
        if structure_item is None:
            structure_item = hook_of(converter, item_type)
        items: list[Any] = []
        problems: Problems = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as error:  # noqa: BLE001 - cattrs' rule: any failure of an item is its problem
                problems += _problems_of(error, f"[{index}]")
        if problems:
            raise ValidationError(problems)
        return items  # always a new list: the model does not share the caller's

    return structure_list


# What a field hook or the class may raise on data that does not fit: our checks' ValueError
# (ValidationError for a nested object or list), KeyError for a missing key, a validator's
# TypeError, and the errors cattrs' own hooks gather (a type none of ours covers).
_REFUSALS = (ValueError, KeyError, TypeError, BaseValidationError)


def _attrs_hook(converter: cattrs.Converter, cls: type[Any]) -> Hook:
    # Two of cattrs' generated functions for the class, with the same field hooks: ``build``
    # stops at the first field that does not fit; ``explain``, cattrs' detailed validation,
    # tries every field and gathers every failure. ``explain`` runs only after ``build`` has
    # refused the data, to name every bad field; it never gives a value back. (Gathering on
    # every call would cost about 5 % of a connection's parse, for nothing when the data fits.)
    build = make_dict_structure_fn(
        cls, converter, _cattrs_detailed_validation=False, _cattrs_forbid_extra_keys=False
    )
    explain = make_dict_structure_fn(
        cls, converter, _cattrs_detailed_validation=True, _cattrs_forbid_extra_keys=False
    )

    def structure_object(data: object, _: object) -> Any:
        if type(data) is not dict and not isinstance(data, Mapping):
            raise ValidationError([("", f"expected a JSON object, got {describe(data)}")])
        try:
            return build(data, cls)
        except _REFUSALS as refusal:
            try:
                explain(data, cls)
            except ClassValidationError as gathered:
                raise ValidationError(_gathered_problems(gathered, data)) from None
            raise refusal  # pragma: no cover - the same hooks cannot accept it the second time

    return structure_object


def _gathered_problems(gathered: ClassValidationError, data: Mapping[str, Any]) -> Problems:
    """The problems of every field cattrs' generated function gathered, in field order."""
    problems: Problems = []
    for error in gathered.exceptions:
        notes = [
            n for n in getattr(error, "__notes__", ()) if isinstance(n, AttributeValidationNote)
        ]
        if not notes:  # the class itself refused the values (a validator)
            problems += _problems_of(error, "")
            continue
        name = notes[-1].name
        if name not in data:
            problems.append((name, "required field missing"))
        else:
            problems += _problems_of(error, name)
    return problems


# --- the converter ------------------------------------------------------------------------


def hook_of(converter: cattrs.Converter, type_: Any) -> Hook:
    """The structure hook ``converter`` uses for ``type_`` (made and kept on first ask)."""
    lookup: Any = getattr(converter, "get_structure_hook", None)  # cattrs 24 and later
    if lookup is None:  # pragma: no cover - cattrs 23.2
        lookup = converter._structure_func.dispatch
    hook: Hook = lookup(type_)
    return hook


def _is_leaf(type_: object) -> bool:
    """A type one check of ``_type_rules`` handles alone, null included: ``str``, ``str | None``,
    ``Mapping[str, Any] | None``..."""
    bare = _optional_member(type_) or type_
    return bare in _LEAF_HOOKS or _is_json_object(bare)


def _leaf_hook(type_: Any) -> Hook:
    bare = _optional_member(type_) or type_
    return _LEAF_HOOKS.get(bare, check_object)


def configure_structuring(converter: cattrs.Converter) -> None:
    """Register our structure hooks with ``converter`` (once, at import).

    cattrs would happily turn ``5`` into ``"5"`` or ``"no"`` into ``True``; a response with a
    wrong type is a broken response, so every leaf hook checks the exact JSON type.
    """
    # A later registration wins over an earlier one: the general rules go first.
    converter.register_structure_hook_func(lambda type_: type_ is Any, check_any)
    converter.register_structure_hook_factory(
        lambda type_: _is_list(type_), lambda type_: _list_hook(converter, type_)
    )
    converter.register_structure_hook_factory(
        lambda type_: _optional_member(type_) is not None,
        lambda type_: _optional_hook(converter, type_),
    )
    converter.register_structure_hook_factory(_is_leaf, _leaf_hook)
    for type_, check in _LEAF_HOOKS.items():
        # Also directly: cattrs looks a class up by class before asking any factory.
        converter.register_structure_hook(type_, check)
    converter.register_structure_hook_factory(
        lambda type_: getattr(type_, "__origin__", None) is Literal, literal_check
    )
    converter.register_structure_hook_factory(
        lambda type_: extensible_enum_of(type_) is not None, extensible_enum_check
    )
    converter.register_structure_hook_factory(attrs.has, lambda cls: _attrs_hook(converter, cls))
