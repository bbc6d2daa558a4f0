"""JSON <-> attrs: the cattrs converters, configured once at import.

Two converters share the same hooks. The fast one (no detailed validation) structures every
response; only when it fails does the detailed one run again over the same data, to say
which field was wrong. The hot path never pays for error bookkeeping.

The hooks are strict on purpose: cattrs would happily turn ``5`` into ``"5"`` or ``"no"``
into ``True``; a response with a wrong type is a broken response and must be reported.
"""

import re
import sys
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from enum import Enum
from typing import Any, TypeVar

import cattrs
from cattrs.errors import ClassValidationError

__all__ = [
    "ValidationError",
    "structure_list",
    "format_datetime",
    "parse_datetime",
    "register_extensible_enum",
    "register_model",
    "structure",
    "unstructure",
]

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

UTC = timezone.utc

# ASCII digits only: a fullwidth or Arabic-Indic digit is not ISO 8601.
_DATETIME_PATTERN = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})"
    r"(?:[.,](\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))",
    re.ASCII,
)


class ValidationError(ValueError):
    """Data that does not fit a model; the message names the field and the problem."""


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _parse_with_pattern(text: str) -> datetime:
    """The portable parser: any offset, 0 to 9 fraction digits (kept to microseconds)."""
    match = _DATETIME_PATTERN.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not an ISO 8601 date-time: {_describe(text)}")
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
        raise ValueError(f"not an ISO 8601 date-time: {_describe(text)}") from None


if sys.version_info >= (3, 11):
    _fromisoformat: Callable[[str], datetime] = datetime.fromisoformat

    def parse_datetime(text: str) -> datetime:
        """Parse an ISO 8601 date-time with an offset into an aware UTC datetime.

        Raises ValueError when ``text`` is not one.
        """
        # From 3.11, fromisoformat reads every form the server sends, in C, about ten
        # times faster than the pattern; the pattern still decides what it rejects.
        try:
            value = _fromisoformat(text)
        except (TypeError, ValueError):
            return _parse_with_pattern(text)
        zone = value.tzinfo
        if zone is UTC:
            return value
        if zone is None:
            raise ValueError(f"not an ISO 8601 date-time with an offset: {_describe(text)}")
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError(f"not an ISO 8601 date-time: {_describe(text)}") from None

else:  # pragma: no cover - the CI matrix runs this on 3.10
    parse_datetime = _parse_with_pattern
    _fromisoformat = _parse_with_pattern


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


def _structure_str(value: object, _: object) -> str:
    if isinstance(value, str):
        return value
    raise ValueError(f"expected a string, got {_describe(value)}")


def _structure_bool(value: object, _: object) -> bool:
    if value is True or value is False:
        return value
    raise ValueError(f"expected a boolean, got {_describe(value)}")


def _structure_datetime(value: object, _: object) -> datetime:
    # The hot path, four times per connection: the common case costs one C call.
    if type(value) is str:
        try:
            parsed = _fromisoformat(value)
        except ValueError:
            return _parse_with_pattern(value)
        if parsed.tzinfo is UTC:
            return parsed
        return parse_datetime(value)
    raise ValueError(f"not an ISO 8601 date-time: {_describe(value)}")


def _structure_optional_datetime(value: object, _: object) -> datetime | None:
    if value is None:
        return None
    return _structure_datetime(value, _)


def _structure_optional_object(value: object, _: object) -> dict[str, Any] | None:
    if value is None or type(value) is dict:
        return value
    raise ValueError(f"expected an object or null, got {_describe(value)}")


def _register_exact(
    converter: cattrs.Converter, type_: object, hook: Callable[[Any, Any], Any]
) -> None:
    """Register ``hook`` for exactly the union ``type_``, ahead of cattrs' own handling.

    A predicate hook, because cattrs before 24 ignores a hook registered directly for an
    optional type (``X | None``) and applies its built-in optional handling instead.
    """
    converter.register_structure_hook_func(lambda candidate: candidate == type_, hook)


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=detailed, forbid_extra_keys=False)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(datetime, _structure_datetime)
    _register_exact(converter, datetime | None, _structure_optional_datetime)
    _register_exact(converter, dict[str, Any] | None, _structure_optional_object)
    converter.register_unstructure_hook(datetime, format_datetime)
    return converter


_fast = _make_converter(detailed=False)
# The detailed converter only explains failures, so it is built on the first one; every
# registration made on the fast converter is replayed on it then.
_detailed: cattrs.Converter | None = None
_registrations: list[Callable[[cattrs.Converter], None]] = []


def _register(configure: Callable[[cattrs.Converter], None]) -> None:
    configure(_fast)
    _registrations.append(configure)
    if _detailed is not None:
        configure(_detailed)


def _detailed_converter() -> cattrs.Converter:
    global _detailed
    if _detailed is None:
        converter = _make_converter(detailed=True)
        for configure in _registrations:
            configure(converter)
        _detailed = converter
    return _detailed


def register_extensible_enum(enum_type: type[E]) -> None:
    """Let ``enum_type | str | None`` fields keep values the enum does not know yet.

    A known value becomes the enum member, an unknown string stays a plain string, and null
    stays None: a new state on the server is data, not a crash.
    """
    members: dict[object, E] = {member.value: member for member in enum_type}

    def structure(value: object, _: object) -> E | str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return members.get(value, value)
        raise ValueError(f"expected a string or null, got {_describe(value)}")

    _register(lambda converter: _register_exact(converter, enum_type | str | None, structure))


def register_model(cls: type[T]) -> None:
    """Build the structure and unstructure functions of an attrs class, once, at import."""

    def configure(converter: cattrs.Converter) -> None:
        structure_fn = converter.gen_structure_attrs_fromdict(cls)
        converter.register_structure_hook(cls, structure_fn)
        converter.register_unstructure_hook(cls, converter.gen_unstructure_attrs_fromdict(cls))
        if converter is _fast:
            # Called directly on the hot path, skipping the converter's dispatch.
            _structurers[cls] = structure_fn

    _register(configure)


_structurers: dict[type[Any], Callable[[Any, Any], Any]] = {}


def _format_problem(exc: BaseException, _: object) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    return str(exc)


def _explain(data: object, cls: type[Any]) -> str:
    """Say which fields of ``data`` do not fit ``cls``, one ``field: problem`` per line."""
    if not isinstance(data, Mapping):
        return f"expected a JSON object, got {_describe(data)}"
    try:
        _detailed_converter().structure(data, cls)
    except ClassValidationError as error:
        problems = []
        for line in cattrs.transform_error(error, path="", format_exception=_format_problem):
            problem, _, path = line.rpartition(" @ ")
            problems.append(f"{path.lstrip('.') or '(object)'}: {problem}")
        return "; ".join(problems)
    except Exception as error:  # noqa: BLE001 - any failure is explained, never raised
        return str(error)
    return "does not fit the model"


def structure(data: object, cls: type[T]) -> T:
    """Turn decoded JSON into an instance of the registered attrs class ``cls``.

    Raises ValidationError naming the field when the data does not fit.
    """
    try:
        result: T = _structurers[cls](data, cls)
    except Exception:  # noqa: BLE001 - cattrs raises many kinds; all mean "does not fit"
        raise ValidationError(_explain(data, cls)) from None
    return result


def structure_list(items: list[Any], cls: type[T]) -> list[T]:
    """``structure`` for every item of a list, in one pass.

    Raises ValidationError naming the first bad item's index and field.
    """
    structure_one = _structurers[cls]
    try:
        return [structure_one(item, cls) for item in items]
    except Exception:  # any failure: find which item, and say why
        for index, item in enumerate(items):
            try:
                structure_one(item, cls)
            except Exception:  # noqa: BLE001
                raise ValidationError(f"[{index}]: {_explain(item, cls)}") from None
        raise  # pragma: no cover - the same items cannot pass the second time


def unstructure(instance: object) -> dict[str, Any]:
    """Turn a registered attrs instance back into JSON-ready data."""
    result: dict[str, Any] = _fast.unstructure(instance)
    return result
