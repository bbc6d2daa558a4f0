"""The bases of every model and enum: ``Model`` (``from_dict``/``to_dict``) and
``ExtensibleEnum`` (an open set of server values)."""

from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

from attendee_client import _serde

__all__ = ["ExtensibleEnum", "Model"]

M = TypeVar("M", bound="Model")


class ExtensibleEnum(Enum):
    """An enum of an open set of server values.

    Fields of such a type are annotated ``TheEnum | str``: a known value arrives as the
    member, a value this version does not know as the plain string, never as an error.
    A member compares equal to its string value (``state == "connected"``) and prints as
    it. It does not subclass ``str``, so a type checker keeps the enum in the union.

    Calling the enum with a value it does not list (``BotState("new_state")``) makes a
    member of that value on purpose: the way to pass, as an argument, a value the server
    added after this version, where a plain string this version does not know is refused as
    a likely typo. Such a member is never listed when iterating the enum.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str) or not value:
            return None
        member = object.__new__(cls)
        member._name_ = value.upper()
        member._value_ = value
        # Kept, so that the same value makes the same member (``is`` holds, as for others).
        return cls._value2member_map_.setdefault(value, member)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return bool(self.value == other)
        return self is other

    def __hash__(self) -> int:
        return hash(self.value)

    def __str__(self) -> str:
        return str(self.value)


class Model:
    """The base of every model: ``from_dict`` and ``to_dict``, the generated-client pair.

    Models are frozen, slotted, keyword-only attrs classes (keyword-only so that a field
    added in a later version never shifts a caller's positional arguments). JSON objects
    inside a model (``metadata``, word timings) are typed ``Mapping``: read-only to a type
    checker, and at run time the dicts decoded from the response.
    """

    # Nested JSON objects stay plain dicts: wrapping each one of every page in a
    # MappingProxyType would cost more than the rest of the parse, for a protection that a
    # type checker already gives.

    __slots__ = ("__weakref__",)

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build one from its JSON object (``converter.structure(data, cls)``); unknown keys
        are ignored.

        Raises ValueError naming every field that is missing or mistyped, by its path.
        """
        result: M = _serde.structure_hook(cls)(data, cls)
        return result

    def to_dict(self) -> dict[str, Any]:
        """The JSON object the server would send for this object."""
        return _serde.unstructure(self)
