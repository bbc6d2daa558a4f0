"""Decoded JSON to attrs instances: one structure function per class, written on first use.

For each class, ``Structurers.get`` writes the source of one small function that reads every
field from the dict, tests its JSON type inline (the tests of ``_checks``, spelled out) and
fills a new instance, then compiles it. A 13-field object costs 13 dict reads and 13 type
tests: no per-field function call, no per-type dispatch. Nested JSON objects typed
``Mapping`` (word timings, metadata) are kept as decoded, never walked.

The fast path only ever answers "this fits" or gives up. When it gives up (a wrong type, a
missing key, or only a value it does not take the quick way, such as a date-time with a
``+02:00`` offset), the careful path structures the same data field by field through the
checks of ``_checks``, which are the definition of what fits; it either builds the same
instance or raises ValidationError naming every bad field by its path (``events[1].type``).

Instances are built without their ``__init__``, which in a frozen class sets every field
through ``object.__setattr__`` (nearly half the cost of structuring an object). It fills a
*twin*: a plain class with the model's slots and base, whose attributes are set the normal,
fast way; then it sets the instance's ``__class__`` to the model. Python allows that between
classes of the same layout, and the twin is checked to be one when it is made; a class it
does not fit (validators, converters, ``__attrs_post_init__``, a different layout) is built
through its ``__init__`` instead.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, is_typeddict

import attrs

from attendee_client._checks import (
    UTC,
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
    fromisoformat,
    optional,
    union_members,
)

__all__ = ["Structurers", "ValidationError"]

Check = Callable[[Any], Any]
"""The careful path for one type: the value as the model holds it, or ValueError (or
_Problems, for a nested object or list) saying why not."""

Hook = Callable[[Any, Any], Any]


class ValidationError(ValueError):
    """Data that does not fit a model; the message names the field and the problem."""


class _Problems(Exception):
    """Every part of a value that does not fit, as ``(path, problem)`` pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def _join(parent: str, child: str) -> str:
    if not child:
        return parent
    return parent + child if child.startswith("[") else f"{parent}.{child}"


def _message(error: Exception) -> str:
    return str(error) or type(error).__name__


def _checked(check: Check, value: object, path: str, problems: list[tuple[str, str]]) -> Any:
    """``check(value)``, or None after adding what was wrong to ``problems``."""
    try:
        return check(value)
    except _Problems as nested:
        problems.extend((_join(path, inner), problem) for inner, problem in nested.problems)
    except Exception as error:  # noqa: BLE001 - any failure is a problem of this value
        problems.append((path, _message(error)))
    return None


def _render(problems: list[tuple[str, str]]) -> str:
    return "; ".join(f"{path}: {problem}" if path else problem for path, problem in problems)


Bind = Callable[[str, object], str]
"""Names an object for the generated source: ``bind("known", table)`` gives ``_known3``."""

Emit = Callable[[str, Bind], list[str]]
"""The fast path's source lines for one type: they test the variable they are given, may
rebind it (a date-time parsed, a nested object built), and raise anything to give up."""


class _Kind:
    """How one type is structured: the careful ``check`` and the fast ``emit``."""

    __slots__ = ("check", "emit")

    def __init__(self, check: Check, emit: Emit) -> None:
        self.check = check
        self.emit = emit


def _refuse(condition: str) -> Emit:
    return lambda var, bind: [f"if {condition.format(v=var)}:", "    raise TypeError"]


def _indented(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def _emit_datetime(var: str, bind: Bind) -> list[str]:
    # fromisoformat refuses anything but a string; another zone than UTC (or any other
    # surprise) goes the careful way, which converts it.
    return [f"{var} = _iso({var})", f"if {var}.tzinfo is not _UTC:", "    raise TypeError"]


# Types whose value is kept as decoded, with what the fast path refuses: the tests of the
# checks, except that ``str`` wants the exact type (a subclass goes the careful way).
_REFUSALS: dict[object, tuple[Hook, str]] = {
    str: (check_str, "type({v}) is not str"),
    bool: (check_bool, "{v} is not True and {v} is not False"),
    int: (check_int, "type({v}) is not int"),
    float: (check_float, "type({v}) is not float and type({v}) is not int"),
}


def _is_object(type_: object) -> bool:
    """A nested JSON object kept as decoded: ``Mapping[str, X]`` or a TypedDict."""
    return getattr(type_, "__origin__", None) is Mapping or is_typeddict(type_)


def _is_list(type_: object) -> bool:
    args = getattr(type_, "__args__", ())
    return getattr(type_, "__origin__", None) in (list, Sequence) and len(args) == 1


def _leaf_kind(type_: Any) -> _Kind | None:
    """The kind of a type that needs no other kind: None for any other type."""
    if type_ is Any:
        return _Kind(lambda value: check_any(value, type_), lambda var, bind: [])
    if type_ in _REFUSALS:
        check, condition = _REFUSALS[type_]
        return _Kind(lambda value: check(value, type_), _refuse(condition))
    if _is_object(type_):
        return _Kind(lambda value: check_object(value, type_), _refuse("type({v}) is not dict"))
    if type_ is datetime:
        return _Kind(lambda value: check_datetime(value, type_), _emit_datetime)
    return None


def _enum_kind(type_: Any) -> _Kind:
    enum_type = extensible_enum_of(type_)
    assert enum_type is not None
    check = extensible_enum_check(type_)
    known = {member.value: member for member in enum_type}
    nullable = type(None) in union_members(type_)

    def emit(var: str, bind: Bind) -> list[str]:
        return [
            f"if type({var}) is str:",
            f"    {var} = {bind('known', known)}.get({var}, {var})",
            f"elif {var} is not None:" if nullable else "else:",
            "    raise TypeError",
        ]

    return _Kind(lambda value: check(value, type_), emit)


def _list_kind(item: _Kind) -> _Kind:
    def check_list(value: object) -> list[Any]:
        if type(value) is not list:
            raise ValueError(f"expected a list, got {describe(value)}")
        problems: list[tuple[str, str]] = []
        items = [
            _checked(item.check, each, f"[{index}]", problems) for index, each in enumerate(value)
        ]
        if problems:
            raise _Problems(problems)
        return items

    def emit(var: str, bind: Bind) -> list[str]:
        # Always a new list, as cattrs made: the model does not share the caller's.
        each, items = f"{var}_item", f"{var}_items"
        return [
            f"if type({var}) is not list:",
            "    raise TypeError",
            f"{items} = []",
            f"for {each} in {var}:",
            *_indented(item.emit(each, bind)),
            f"    {items}.append({each})",
            f"{var} = {items}",
        ]

    return _Kind(check_list, emit)


def _twin(cls: type[Any]) -> type[Any] | None:
    """A plain class with the layout of ``cls`` (same base, same slots) whose instances can
    be filled the fast way and then become instances of ``cls``; None when ``cls`` must be
    built by its ``__init__`` (it checks, converts or sets more than its fields)."""
    own_slots = cls.__dict__.get("__slots__")
    fields = attrs.fields(cls)
    constructor: object = cls.__new__
    if (
        own_slots is None
        or len(cls.__bases__) != 1
        or constructor is not object.__new__
        or getattr(cls, "__attrs_pre_init__", None) is not None
        or getattr(cls, "__attrs_post_init__", None) is not None
        or not set(own_slots) <= {field.name for field in fields} | {"__weakref__"}
    ):
        return None
    for field in fields:
        default = field.default
        if (
            not field.init
            or field.validator is not None
            or field.converter is not None
            or not field.name.isidentifier()
            or keyword.iskeyword(field.name)
            or field.name.startswith("__")
            or (isinstance(default, attrs.Factory) and default.takes_self)  # type: ignore[arg-type]
        ):
            return None
    namespace = {
        "__slots__": own_slots,
        "__module__": cls.__module__,
        "__qualname__": f"{cls.__qualname__}.twin",
        # Both, so that the type's setattr slot is the generic one even when a base (a
        # frozen attrs class) overrides them: then setting an attribute is one C call.
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        # Not a base's (attrs) __init__: ``twin()`` makes an empty instance.
        "__init__": object.__init__,
    }
    try:
        metaclass: Any = type(cls)
        twin: type[Any] = metaclass(f"{cls.__name__}Twin", cls.__bases__, namespace)
        probe = twin()
        probe.__class__ = cls  # a TypeError here means "not the same layout"
    except TypeError:
        return None
    return twin


class _Writer:
    """The source of one structure function and the objects it refers to."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {"_iso": fromisoformat, "_UTC": UTC}

    def bind(self, prefix: str, value: object) -> str:
        name = f"_{prefix}{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def compile(self, name: str, lines: list[str]) -> Callable[[Any], Any]:
        source = "\n".join(lines) + "\n"
        filename = f"<attendee_client {name}>"
        exec(compile(source, filename, "exec"), self.namespace)
        # Tracebacks through the generated code show its lines. (Imported here: not every
        # program that imports the package structures anything.)
        import linecache

        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        function: Callable[[Any], Any] = self.namespace[name]
        return function


class Structurers:
    """The structure function of each class: ``get(cls)(data)`` gives an instance or raises
    ValidationError. ``fallback(type)`` gives the cattrs hook of a field type this module
    does not spell out (called as ``hook(value, type)``)."""

    def __init__(self, fallback: Callable[[Any], Hook]) -> None:
        self._fallback = fallback
        self.functions: dict[Any, Callable[[Any], Any]] = {}
        self._fields: dict[type[Any], tuple[tuple[attrs.Attribute[Any], _Kind], ...]] = {}
        self._writing: set[type[Any]] = set()

    def get(self, cls: Any) -> Callable[[Any], Any]:
        """The structure function of ``cls``, written and compiled on first use."""
        function = self.functions.get(cls)
        if function is None:
            function = self._write(cls) if attrs.has(cls) else self._careful_only(cls)
            self.functions[cls] = function
        return function

    def _fields_of(self, cls: type[Any]) -> tuple[tuple[attrs.Attribute[Any], _Kind], ...]:
        fields = self._fields.get(cls)
        if fields is None:
            if any(isinstance(field.type, str) for field in attrs.fields(cls)):
                attrs.resolve_types(cls)
            fields = self._fields[cls] = tuple(
                (field, self._kind(Any if field.type is None else field.type))
                for field in attrs.fields(cls)
                if field.init
            )
        return fields

    def _kind(self, type_: Any) -> _Kind:
        if extensible_enum_of(type_) is not None:
            return _enum_kind(type_)
        members = union_members(type_)
        if len(members) == 2 and type(None) in members:
            return self._optional_kind(members[0] if members[1] is type(None) else members[1])
        leaf = _leaf_kind(type_)
        if leaf is not None:
            return leaf
        if attrs.has(type_):
            return _Kind(
                lambda value: self._careful(type_, value),
                lambda var, bind: [f"{var} = {bind('structure', self._nested(type_))}({var})"],
            )
        if _is_list(type_):
            return _list_kind(self._kind(type_.__args__[0]))
        hook = self._fallback(type_)
        return _Kind(
            lambda value: hook(value, type_),
            lambda var, bind: [f"{var} = {bind('hook', hook)}({var}, {bind('type', type_)})"],
        )

    def _optional_kind(self, inner: Any) -> _Kind:
        kind = self._kind(inner)
        if inner is datetime:
            careful: Hook = check_optional_datetime
        elif _is_object(inner):
            careful = check_optional_object
        elif inner in _REFUSALS:
            careful = optional(_REFUSALS[inner][0])
        else:
            careful = optional(lambda value, _: kind.check(value))
        if inner in _REFUSALS or _is_object(inner):
            condition = _REFUSALS[inner][1] if inner in _REFUSALS else "type({v}) is not dict"
            # The type first: a value is more often there than null.
            emit = _refuse(f"{condition} and {{v}} is not None")
        else:

            def emit(var: str, bind: Bind) -> list[str]:
                lines = kind.emit(var, bind)
                return [f"if {var} is not None:", *_indented(lines)] if lines else []

        return _Kind(lambda value: careful(value, inner), emit)

    def _nested(self, cls: type[Any]) -> Callable[[Any], Any]:
        if cls in self._writing:  # a class that contains itself: look it up when called
            return lambda data: self.get(cls)(data)
        return self.get(cls)

    # --- the careful path ---------------------------------------------------------------

    def _careful(self, cls: type[Any], data: object) -> Any:
        if not isinstance(data, Mapping):
            raise _Problems([("", f"expected a JSON object, got {describe(data)}")])
        values: dict[str, Any] = {}
        problems: list[tuple[str, str]] = []
        for field, kind in self._fields_of(cls):
            if field.name in data:
                values[field.alias or field.name] = _checked(
                    kind.check, data[field.name], field.name, problems
                )
            elif field.default is attrs.NOTHING:
                problems.append((field.name, "required field missing"))
        if problems:
            raise _Problems(problems)
        return cls(**values)

    def _careful_only(self, type_: Any) -> Callable[[Any], Any]:
        """For a type that is not an attrs class (``list[Bot]``): the careful path alone."""
        check = self._kind(type_).check

        def structure(data: object) -> Any:
            problems: list[tuple[str, str]] = []
            value = _checked(check, data, "", problems)
            if problems:
                raise ValidationError(_render(problems))
            return value

        return structure

    # --- the fast path ------------------------------------------------------------------

    def _write(self, cls: type[Any]) -> Callable[[Any], Any]:
        self._writing.add(cls)
        try:
            writer = _Writer()
            twin = _twin(cls)
            if twin is None:
                body = self._body_through_init(cls, writer.bind)
            else:
                body = self._body_through_twin(cls, twin, writer.bind)
            writer.namespace.update(_cls=cls, _careful=self.careful(cls))
            name = f"structure_{cls.__name__}"
            source = [
                f"def {name}(data):",
                "    try:",
                *_indented(_indented(body)),
                "    except Exception:",
                "        return _careful(data)",
            ]
            function = writer.compile(name, source)
            # It is also the class's ``from_dict`` (``_models``), so it says what it does.
            function.__doc__ = (
                f"Build a {cls.__name__} from its JSON object; unknown keys are ignored.\n\n"
                "Raises ValueError naming every field that is missing or mistyped."
            )
            return function
        finally:
            self._writing.discard(cls)

    def _body_through_twin(self, cls: type[Any], twin: type[Any], bind: Bind) -> list[str]:
        body = [f"self = {bind('twin', twin)}()"]
        for field, kind in self._fields_of(cls):
            key = repr(field.name)
            read = [f"v = data[{key}]", *kind.emit("v", bind)]
            default: Any = field.default
            if default is attrs.NOTHING:
                body += read
            else:
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    fill = f"v = {bind('factory', default.factory)}()"
                else:
                    fill = f"v = {bind('default', default)}"
                body += [f"if {key} in data:", *_indented(read), "else:", f"    {fill}"]
            body.append(f"self.{field.name} = v")
        return [*body, "self.__class__ = _cls", "return self"]

    def _body_through_init(self, cls: type[Any], bind: Bind) -> list[str]:
        body = ["values = {}"]
        for field, kind in self._fields_of(cls):
            key = repr(field.name)
            read = [f"v = data[{key}]", *kind.emit("v", bind)]
            store = f"values[{field.alias or field.name!r}] = v"
            if field.default is attrs.NOTHING:
                body += [*read, store]
            else:  # missing, it is left to the class's __init__ to fill in
                body += [f"if {key} in data:", *_indented([*read, store])]
        return [*body, "return _cls(**values)"]

    def careful(self, cls: type[Any]) -> Callable[[Any], Any]:
        """The careful path of ``cls``, raising ValidationError."""

        def careful(data: object) -> Any:
            try:
                return self._careful(cls, data)
            except _Problems as error:
                raise ValidationError(_render(error.problems)) from None
            except Exception as error:  # noqa: BLE001 - e.g. a validator of the class
                raise ValidationError(_message(error)) from None

        return careful
