"""The type rules of the models: one strict check of a decoded JSON value per field type
(what a field accepts, and the message when it does not), and the typing helpers they use.

Each check takes ``(value, type)`` and returns the value as the model holds it, or raises
ValueError saying what was expected and what came. They are the definition of what a model
accepts, and the only one: ``_structure`` registers them with the cattrs converter as its
structure hooks.
"""

from collections.abc import Callable, Mapping
from datetime import datetime
from enum import Enum
from types import UnionType
from typing import Any, TypeVar, Union

from attendee_client._datetimes import UTC, fromisoformat, parse_datetime, parse_with_pattern

__all__ = [
    "check_any",
    "check_bool",
    "check_datetime",
    "check_float",
    "check_int",
    "check_object",
    "check_str",
    "describe",
    "extensible_enum_check",
    "extensible_enum_of",
    "literal_check",
    "union_members",
]

T = TypeVar("T")


def describe(value: object) -> str:
    """``repr(value)``, cut to 80 characters."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# The checks below are registered for ``X`` and for ``X | None`` alike, and cattrs passes the
# field's type as their second argument: null passes when that type admits it.


def _refuse_unless_null(value: object, type_: object, expected: str) -> None:
    """Raise ValueError saying what was ``expected``, unless ``value`` is null and ``type_``
    (``X | None``) admits it."""
    nullable = type(None) in getattr(type_, "__args__", ())
    if value is None and nullable:
        return
    raise ValueError(f"expected {expected}{' or null' if nullable else ''}, got {describe(value)}")


def check_str(value: object, type_: object) -> str | None:
    if isinstance(value, str):
        return value
    _refuse_unless_null(value, type_, "a string")
    return None


def check_bool(value: object, type_: object) -> bool | None:
    if value is True or value is False:
        return value
    _refuse_unless_null(value, type_, "a boolean")
    return None


def check_int(value: object, type_: object) -> int | None:
    if type(value) is int:
        return value
    _refuse_unless_null(value, type_, "an integer")
    return None


def check_float(value: object, type_: object) -> float | None:
    if type(value) is float or type(value) is int:
        return value
    _refuse_unless_null(value, type_, "a number")
    return None


def check_any(value: object, _: object) -> object:
    return value


def check_datetime(value: object, type_: object) -> datetime | None:
    if type(value) is str:
        # The server's own form (UTC, ``Z``) costs one C call; any other goes through
        # parse_datetime, which converts or refuses it.
        try:
            parsed = fromisoformat(value)
        except ValueError:
            return parse_with_pattern(value)
        if parsed.tzinfo is UTC:
            return parsed
        return parse_datetime(value)
    _refuse_unless_null(value, type_, "an ISO 8601 date-time")
    return None


def check_object(value: object, type_: object) -> Mapping[str, Any] | None:
    """A JSON object (``Mapping[str, X]``, a TypedDict), kept as decoded."""
    if type(value) is dict:
        return value
    _refuse_unless_null(value, type_, "an object")
    return None


def literal_check(type_: Any) -> Callable[[Any, Any], Any]:
    """The check of ``Literal[...]``: one of its values, of the same JSON type (``True`` is
    not ``1``)."""
    allowed = type_.__args__

    def check_literal(value: object, _: object) -> object:
        for candidate in allowed:
            if value == candidate and type(value) is type(candidate):
                return candidate
        expected = ", ".join(repr(candidate) for candidate in allowed)
        raise ValueError(f"expected one of {expected}, got {describe(value)}")

    return check_literal


def union_members(type_: object) -> tuple[Any, ...]:
    """The members of a ``Union`` or ``X | Y`` type; ``()`` for any other type."""
    if getattr(type_, "__origin__", None) is Union or isinstance(type_, UnionType):
        return tuple(getattr(type_, "__args__", ()))
    return ()


def extensible_enum_of(type_: object) -> type[Enum] | None:
    """The enum of ``E | str`` or ``E | str | None``, the type of an open set of values."""
    members = union_members(type_)
    enums = [m for m in members if isinstance(m, type) and issubclass(m, Enum)]
    rest = set(members) - set(enums)
    if len(enums) == 1 and str in rest and rest <= {str, type(None)}:
        return enums[0]
    return None


def extensible_enum_check(type_: Any) -> Callable[[Any, Any], Any]:
    """A known value becomes the enum member, an unknown string stays a plain string, and
    (when the type admits it) null stays None: a new value on the server is data, not a crash."""
    enum_type = extensible_enum_of(type_)
    assert enum_type is not None
    known: dict[object, Enum] = {member.value: member for member in enum_type}
    nullable = type(None) in union_members(type_)

    def check_enum(value: object, _: object) -> object:
        if isinstance(value, str):
            return known.get(value, value)
        if value is None and nullable:
            return None
        raise ValueError(
            f"expected a string{' or null' if nullable else ''}, got {describe(value)}"
        )

    return check_enum
