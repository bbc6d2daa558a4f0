"""Strict checks of decoded JSON values, one per field type: what a field accepts, and the
message when it does not.

Each check takes ``(value, type)`` and returns the value as the model holds it, or raises
ValueError saying what was expected and what came. They are the definition of what a model
accepts, and the only one: ``_structure`` registers them with the cattrs converter as its
structure hooks.
"""

import re
import sys
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from enum import Enum
from types import UnionType
from typing import Any, TypeVar, Union

__all__ = [
    "UTC",
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
    "format_datetime",
    "parse_datetime",
    "union_members",
]

T = TypeVar("T")

UTC = timezone.utc

# ASCII digits only: a fullwidth or Arabic-Indic digit is not ISO 8601.
_DATETIME_PATTERN = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})"
    r"(?:[.,](\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))",
    re.ASCII,
)


def describe(value: object) -> str:
    """``repr(value)``, cut to 80 characters."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _parse_with_pattern(text: str) -> datetime:
    """The portable parser: any offset, 0 to 9 fraction digits (kept to microseconds)."""
    match = _DATETIME_PATTERN.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not an ISO 8601 date-time: {describe(text)}")
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    microsecond = int(fraction[:6].ljust(6, "0")) if fraction else 0
    try:
        if zulu:
            return datetime(
                int(year),
                int(month),
                int(day),
                int(hour),
                int(minute),
                int(second),
                microsecond,
                UTC,
            )
        offset = timedelta(hours=int(off_h), minutes=int(off_m))
        tz = timezone(-offset if sign == "-" else offset)
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            microsecond,
            tz,
        ).astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"not an ISO 8601 date-time: {describe(text)}") from None


if sys.version_info >= (3, 11):
    fromisoformat: Callable[[str], datetime] = datetime.fromisoformat

    def parse_datetime(text: str) -> datetime:
        """Parse an ISO 8601 date-time with an offset into an aware UTC datetime.

        Raises ValueError when ``text`` is not one.
        """
        # The server's own form (``2024-01-13T10:30:00Z``, microseconds when not zero) is
        # read by fromisoformat, in C, about ten times faster than the pattern; every other
        # form goes to the pattern, so what is accepted is the same on every Python
        # (fromisoformat alone would also take week dates, the basic format, no seconds).
        if not (
            type(text) is str
            and (len(text) == 20 or (len(text) == 27 and text[19] == "."))
            and text[-1] == "Z"
            and text[4] == "-"
            and text[7] == "-"
            and text[10] == "T"
            and text[13] == ":"
            and text[16] == ":"
        ):
            return _parse_with_pattern(text)
        try:
            value = fromisoformat(text)
        except ValueError:
            return _parse_with_pattern(text)
        zone = value.tzinfo
        if zone is UTC:
            return value
        if zone is None:
            raise ValueError(f"not an ISO 8601 date-time with an offset: {describe(text)}")
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError(f"not an ISO 8601 date-time: {describe(text)}") from None

else:  # pragma: no cover - the CI matrix runs this on 3.10
    parse_datetime = _parse_with_pattern
    fromisoformat = _parse_with_pattern


def format_datetime(value: datetime) -> str:
    """Format a datetime the way the Attendee server does (UTC, ``Z``, no zero fraction)."""
    utc = value.astimezone(UTC)
    # Not strftime: its %Y does not pad years before 1000 on every platform.
    text = (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    )
    if utc.microsecond:
        text += f".{utc.microsecond:06d}"
    return text + "Z"


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
            return _parse_with_pattern(value)
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
