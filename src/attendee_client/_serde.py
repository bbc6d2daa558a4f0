"""JSON <-> attrs: the one cattrs converter, and what the rest of the SDK calls to read and
write models.

``structure`` (``Model.from_dict``) and ``structure_list`` go through ``converter``, whose
structure hooks ``_structure`` registers; ``unstructure`` (``to_dict``) through the same
converter, with the date-time form of the server. It is configured once, at import.
"""

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from attendee_client._datetimes import format_datetime, parse_datetime
from attendee_client._structure import ValidationError, configure_structuring, hook_of

__all__ = [
    "OMIT_IF_NONE",
    "ValidationError",
    "configure_converter",
    "converter",
    "format_datetime",
    "parse_datetime",
    "structure",
    "structure_hook",
    "structure_list",
    "unstructure",
]

T = TypeVar("T")

OMIT_IF_NONE = "attendee_client.omit_if_none"
"""Field metadata key: leave the key out of ``to_dict()`` when the value is None, as the
server does (``BotEvent.sub_type``)."""


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


def configure_converter(converter: cattrs.Converter) -> None:
    """Make ``converter`` build our models (``_structure``) and write them back as the server
    does (date-times in its form, ``OMIT_IF_NONE`` fields left out when None)."""
    configure_structuring(converter)
    converter.register_unstructure_hook(datetime, format_datetime)
    converter.register_unstructure_hook_factory(
        _has_omitted_fields, _omitting_unstructure_hook(converter)
    )
    converter.register_unstructure_hook_func(
        lambda type_: type_ in (Mapping[str, Any], Mapping[str, str]), dict
    )


converter = cattrs.Converter(forbid_extra_keys=False)
"""The one converter: ``converter.structure(data, Bot)`` is what ``Bot.from_dict(data)`` does."""
configure_converter(converter)


class _StructureHooks(dict[Any, Callable[[Any, Any], Any]]):
    """The converter's structure hook of each type, found once: ``structure_hook(Bot)`` is
    a dict lookup (cheaper than a cached call), the first lookup of a type asks the
    converter. The converter is configured once, above, so a hook kept here never goes
    stale."""

    def __missing__(self, type_: Any) -> Callable[[Any, Any], Any]:
        hook = self[type_] = hook_of(converter, type_)
        return hook


_hooks = _StructureHooks()
structure_hook: Callable[[Any], Callable[[Any, Any], Any]] = _hooks.__getitem__
"""The converter's structure hook of a type: ``structure_hook(Bot)(data, Bot)`` is
``converter.structure(data, Bot)`` without its Python-level call (one call less per
object, for ``from_dict`` and lists)."""


def structure(data: object, cls: type[T]) -> T:
    """Turn decoded JSON into an instance of the attrs class ``cls``; unknown keys are
    ignored.

    Raises ValidationError naming every bad field when the data does not fit.
    """
    result: T = structure_hook(cls)(data, cls)
    return result


def structure_list(items: list[Any], cls: type[T]) -> list[T]:
    """``structure`` for every item of a list.

    Raises ValidationError naming the first bad item's index and its bad fields
    (``[3]: created_at: ...``).
    """
    structure_item = structure_hook(cls)
    try:
        return [structure_item(item, cls) for item in items]
    except ValidationError:
        pass
    # Some item does not fit: find the first, to name its index.
    for index, item in enumerate(items):
        try:
            structure_item(item, cls)
        except ValidationError as error:
            raise ValidationError([(f"[{index}]", str(error))]) from None
    raise AssertionError(
        "the same hook refused an item, then accepted them all"
    )  # pragma: no cover


def unstructure(instance: object) -> dict[str, Any]:
    """Turn an attrs instance back into JSON-ready data."""
    result: dict[str, Any] = converter.unstructure(instance)
    return result
