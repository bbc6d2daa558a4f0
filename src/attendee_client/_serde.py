"""JSON <-> attrs: the cattrs converter, configured once at import by ``configure_converter``.

The fast converter (no detailed validation) structures every response; only when it fails
is a copy with ``detailed_validation=True`` made (once) and run over the same data, to say
which field was wrong. The hot path never pays for error bookkeeping.
"""

import functools
import operator
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from enum import Enum
from types import UnionType
from typing import Any, TypeVar, Union, cast

import attrs
import cattrs
from cattrs.errors import ClassValidationError
from cattrs.gen import make_dict_unstructure_fn, override

__all__ = [
    "ValidationError",
    "configure_converter",
    "format_datetime",
    "parse_datetime",
    "structure",
    "structure_list",
    "unstructure",
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


def _structure_int(value: object, _: object) -> int:
    if type(value) is int:
        return value
    raise ValueError(f"expected an integer, got {_describe(value)}")


def _structure_float(value: object, _: object) -> float:
    if type(value) is float or type(value) is int:
        return value
    raise ValueError(f"expected a number, got {_describe(value)}")


def _structure_any(value: object, _: object) -> object:
    return value


def _structure_datetime(value: object, _: object) -> datetime:
    # The hot path, several times per object: the common case costs one C call.
    if type(value) is str:
        try:
            parsed = _fromisoformat(value)
        except ValueError:
            return _parse_with_pattern(value)
        if parsed.tzinfo is UTC:
            return parsed
        return parse_datetime(value)
    raise ValueError(f"not an ISO 8601 date-time: {_describe(value)}")


def _structure_object(value: object, _: object) -> Mapping[str, Any]:
    if type(value) is dict:
        return value
    raise ValueError(f"expected an object, got {_describe(value)}")


def _structure_optional_datetime(value: object, _: object) -> datetime | None:
    # Written out rather than made by ``_optional``: four per connection, on the hot path.
    if value is None:
        return None
    if type(value) is str:
        try:
            parsed = _fromisoformat(value)
        except ValueError:
            return _parse_with_pattern(value)
        if parsed.tzinfo is UTC:
            return parsed
        return parse_datetime(value)
    raise ValueError(f"not an ISO 8601 date-time or null: {_describe(value)}")


def _structure_optional_object(value: object, _: object) -> Mapping[str, Any] | None:
    if value is None or type(value) is dict:
        return value
    raise ValueError(f"expected an object or null, got {_describe(value)}")


_OPTIONAL_HOOKS: dict[object, Callable[[Any, Any], Any]] = {
    datetime: _structure_optional_datetime,
    Mapping[str, Any]: _structure_optional_object,
    Mapping[str, str]: _structure_optional_object,
}


def _optional(hook: Callable[[Any, Any], T]) -> Callable[[Any, Any], T | None]:
    def structure(value: object, type_: object) -> T | None:
        if value is None:
            return None
        try:
            return hook(value, type_)
        except ValueError as error:
            raise ValueError(str(error).replace(", got ", " or null, got ", 1)) from None

    return structure


def _union_members(type_: object) -> tuple[Any, ...]:
    if getattr(type_, "__origin__", None) is Union or isinstance(type_, UnionType):
        return tuple(getattr(type_, "__args__", ()))
    return ()


def _extensible_enum_of(type_: object) -> type[Enum] | None:
    """The enum of ``E | str`` or ``E | str | None``, the type of an open set of values."""
    members = _union_members(type_)
    enums = [m for m in members if isinstance(m, type) and issubclass(m, Enum)]
    rest = set(members) - set(enums)
    if len(enums) == 1 and str in rest and rest <= {str, type(None)}:
        return enums[0]
    return None


def _extensible_enum_hook(type_: Any) -> Callable[[Any, Any], Any]:
    """A known value becomes the enum member, an unknown string stays a plain string, and
    (when the type admits it) null stays None: a new value on the server is data, not a crash."""
    enum_type = _extensible_enum_of(type_)
    assert enum_type is not None
    known: dict[object, Enum] = {member.value: member for member in enum_type}
    nullable = type(None) in _union_members(type_)

    def structure(value: object, _: object) -> object:
        if isinstance(value, str):
            return known.get(value, value)
        if value is None and nullable:
            return None
        raise ValueError(
            f"expected a string{' or null' if nullable else ''}, got {_describe(value)}"
        )

    return structure


def _is_list(type_: object) -> bool:
    return getattr(type_, "__origin__", None) in (list, Sequence)


def _default_list_hook(converter: cattrs.Converter, type_: Any) -> Callable[[Any, Any], Any]:
    """cattrs' own hook for ``list[X]`` (item by item, with indexes in detailed errors)."""
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
                raise ValueError(f"expected a list, got {_describe(value)}")
            result: list[Any] = structure_items(value, type_)
            return result

        return structure

    return factory


def _register_list_hook(converter: cattrs.Converter) -> None:
    converter.register_structure_hook_factory(
        lambda type_: _is_list(type_) and type_ is not list, _list_hook(converter)
    )


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
    """Make ``converter`` strict about JSON types and aware of our date-times and open enums.

    cattrs would happily turn ``5`` into ``"5"`` or ``"no"`` into ``True``; a response with a
    wrong type is a broken response, so every primitive hook checks the exact JSON type.
    Attrs classes need no registration: cattrs generates their hooks on first use.
    """
    for type_, hook in (
        (str, _structure_str),
        (bool, _structure_bool),
        (int, _structure_int),
        (float, _structure_float),
        (Any, _structure_any),
        (datetime, _structure_datetime),
        (Mapping[str, Any], _structure_object),
        (Mapping[str, str], _structure_object),
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
            _OPTIONAL_HOOKS.get(type_) or _optional(hook),
        )
    converter.register_structure_hook_factory(
        lambda type_: _extensible_enum_of(type_) is not None, _extensible_enum_hook
    )
    _register_list_hook(converter)
    converter.register_unstructure_hook(datetime, format_datetime)
    converter.register_unstructure_hook_factory(
        _has_omitted_fields, _omitting_unstructure_hook(converter)
    )
    converter.register_unstructure_hook_func(
        lambda type_: type_ in (Mapping[str, Any], Mapping[str, str]), dict
    )


_fast = cattrs.Converter(detailed_validation=False, forbid_extra_keys=False)
configure_converter(_fast)
# The detailed converter only explains failures, so it is made on the first one.
_detailed: cattrs.Converter | None = None


def _detailed_converter() -> cattrs.Converter:
    global _detailed
    if _detailed is None:
        _detailed = _fast.copy(detailed_validation=True)
        # The list hook wraps cattrs' own for the converter it was made for; the copy needs
        # one that reports item indexes, as detailed validation does.
        _register_list_hook(_detailed)
    return _detailed


_structurers: dict[type[Any], Callable[[Any, Any], Any]] = {}


def _structurer(cls: type[Any]) -> Callable[[Any, Any], Any]:
    """The generated structure function of ``cls``, called directly on the hot path to skip
    the converter's dispatch."""
    hook = _structurers.get(cls)
    if hook is None:
        lookup = getattr(_fast, "get_structure_hook", None)  # cattrs 24 and later
        if lookup is None:  # pragma: no cover - cattrs 23.2
            lookup = cast(Any, _fast)._structure_func.dispatch
        hook = _structurers[cls] = lookup(cls)
    return hook


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
        result: T = _structurer(cls)(data, cls)
    except Exception:  # noqa: BLE001 - cattrs raises many kinds; all mean "does not fit"
        raise ValidationError(_explain(data, cls)) from None
    return result


def structure_list(items: list[Any], cls: type[T]) -> list[T]:
    """``structure`` for every item of a list, in one pass.

    Raises ValidationError naming the first bad item's index and field.
    """
    structure_one = _structurer(cls)
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
