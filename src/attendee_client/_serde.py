"""JSON <-> attrs: what the rest of the SDK calls to read and write models.

``structure`` and ``structure_list`` turn decoded JSON into models through the structure
function ``_structure`` writes for each class on first use (a fast path with the type tests
inline, and a careful path that names every bad field). ``unstructure`` (``to_dict``) goes
through the cattrs converter, configured once at import by ``configure_converter``; the
structure functions also ask it for the hook of any field type they do not spell out.
"""

import functools
import operator
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar, cast

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from attendee_client._checks import (
    check_any,
    check_bool,
    check_datetime,
    check_float,
    check_int,
    check_object,
    check_optional_datetime,
    check_optional_object,
    check_str,
    describe,
    extensible_enum_check,
    extensible_enum_of,
    format_datetime,
    optional,
    parse_datetime,
)
from attendee_client._structure import Structurers, ValidationError

__all__ = [
    "OMIT_IF_NONE",
    "ValidationError",
    "configure_converter",
    "format_datetime",
    "parse_datetime",
    "structure",
    "structure_list",
    "structurer",
    "unstructure",
]

T = TypeVar("T")

OMIT_IF_NONE = "attendee_client.omit_if_none"
"""Field metadata key: leave the key out of ``to_dict()`` when the value is None, as the
server does (``BotEvent.sub_type``)."""


def _is_list(type_: object) -> bool:
    return getattr(type_, "__origin__", None) in (list, Sequence)


def _default_list_hook(converter: cattrs.Converter, type_: Any) -> Callable[[Any, Any], Any]:
    """cattrs' own hook for ``list[X]`` (item by item)."""
    try:
        from cattrs.cols import list_structure_factory  # cattrs 24.1 and later
    except ImportError:  # pragma: no cover - cattrs 23.2, the lowest version CI runs
        hook: Callable[[Any, Any], Any] = converter._structure_list  # type: ignore[attr-defined]
        return hook
    return list_structure_factory(type_, converter)


def _list_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        structure_items = _default_list_hook(converter, type_)

        def structure(value: object, _: object) -> list[Any]:
            # cattrs would iterate any iterable: a string would become a list of characters.
            if type(value) is not list:
                raise ValueError(f"expected a list, got {describe(value)}")
            result: list[Any] = structure_items(value, type_)
            return result

        return structure

    return factory


def _has_omitted_fields(type_: Any) -> bool:
    return attrs.has(type_) and any(f.metadata.get(OMIT_IF_NONE) for f in attrs.fields(type_))


def _omitting_unstructure_hook(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(type_: Any) -> Any:
        overrides: dict[str, Any] = {
            f.name: override(omit_if_default=True)
            for f in attrs.fields(type_)
            if f.metadata.get(OMIT_IF_NONE)
        }
        return make_dict_unstructure_fn(type_, converter, **overrides)

    return factory


_OPTIONAL_CHECKS: Mapping[object, Callable[[Any, Any], Any]] = {
    datetime: check_optional_datetime,
    Mapping[str, Any]: check_optional_object,
    Mapping[str, str]: check_optional_object,
}


def configure_converter(converter: cattrs.Converter) -> None:
    """Make ``converter`` strict about JSON types and aware of our date-times and open enums.

    cattrs would happily turn ``5`` into ``"5"`` or ``"no"`` into ``True``; a response with a
    wrong type is a broken response, so every primitive hook checks the exact JSON type.
    """
    for type_, hook in (
        (str, check_str),
        (bool, check_bool),
        (int, check_int),
        (float, check_float),
        (Any, check_any),
        (datetime, check_datetime),
        (Mapping[str, Any], check_object),
        (Mapping[str, str], check_object),
    ):
        # A plain class, not ``Any`` (a class from 3.11) nor ``Mapping[...]`` (an instance
        # of ``type`` on 3.10).
        if isinstance(type_, type) and type_ is not Any and not hasattr(type_, "__origin__"):
            converter.register_structure_hook(type_, hook)
        else:
            converter.register_structure_hook_func(functools.partial(operator.eq, type_), hook)
        # A predicate hook, because cattrs before 24 ignores a hook registered directly for
        # ``X | None`` in favour of its own optional handling.
        converter.register_structure_hook_func(
            functools.partial(operator.eq, type_ | None),
            _OPTIONAL_CHECKS.get(type_) or optional(hook),
        )
    converter.register_structure_hook_factory(
        lambda type_: extensible_enum_of(type_) is not None, extensible_enum_check
    )
    converter.register_structure_hook_factory(
        lambda type_: _is_list(type_) and type_ is not list, _list_hook(converter)
    )
    converter.register_unstructure_hook(datetime, format_datetime)
    converter.register_unstructure_hook_factory(
        _has_omitted_fields, _omitting_unstructure_hook(converter)
    )
    converter.register_unstructure_hook_func(
        lambda type_: type_ in (Mapping[str, Any], Mapping[str, str]), dict
    )


_converter = cattrs.Converter(detailed_validation=False, forbid_extra_keys=False)
configure_converter(_converter)


def _cattrs_hook(type_: Any) -> Callable[[Any, Any], Any]:
    lookup = getattr(_converter, "get_structure_hook", None)  # cattrs 24 and later
    if lookup is None:  # pragma: no cover - cattrs 23.2
        lookup = cast(Any, _converter)._structure_func.dispatch
    hook: Callable[[Any, Any], Any] = lookup(type_)
    return hook


_structurers = Structurers(fallback=_cattrs_hook)
_functions = _structurers.functions


def structurer(cls: type[T]) -> Callable[[Any], T]:
    """The structure function of the attrs class ``cls``: ``structure(data, cls)`` without
    the lookup. It raises ValidationError naming every bad field."""
    return _functions.get(cls) or _structurers.get(cls)


def structure(data: object, cls: type[T]) -> T:
    """Turn decoded JSON into an instance of the attrs class ``cls``; unknown keys are
    ignored.

    Raises ValidationError naming every bad field when the data does not fit.
    """
    function = _functions.get(cls) or _structurers.get(cls)
    result: T = function(data)
    return result


def structure_list(items: list[Any], cls: type[T]) -> list[T]:
    """``structure`` for every item of a list, in one pass.

    Raises ValidationError naming the first bad item's index and fields.
    """
    function = _functions.get(cls) or _structurers.get(cls)
    try:
        return [function(item) for item in items]
    except ValidationError:
        for index, item in enumerate(items):
            try:
                function(item)
            except ValidationError as error:
                raise ValidationError(f"[{index}]: {error}") from None
        raise  # pragma: no cover - the same items cannot pass the second time


def unstructure(instance: object) -> dict[str, Any]:
    """Turn an attrs instance back into JSON-ready data."""
    result: dict[str, Any] = _converter.unstructure(instance)
    return result
