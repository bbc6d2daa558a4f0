"""The facts the fake checks requests against, read from the packaged ``_surface.json``.

``scripts/surface.py`` distils that file from the Attendee server's generated OpenAPI schema
(``--check`` fails when it is stale): the fields of each request body and record, the
settings objects one level deep (JSON types, nullable, enums in the server's order, closed
or not), the bot states and the webhook triggers. Facts only: no text of the schema's own.
A table the fake needs is read from here, never typed in again.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs

__all__ = [
    "ObjectSchema",
    "body",
    "body_fields",
    "bot_states",
    "record_fields",
    "webhook_triggers",
]


@functools.cache
def _facts() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("_surface.json").read_text(encoding="utf-8")
    facts: dict[str, Any] = json.loads(text)
    return facts


def body(name: str) -> Mapping[str, Any]:
    """The properties of request body ``name`` (``CreateBotRequest``), each with its facts."""
    properties: Mapping[str, Any] = _facts()["bodies"][name]["properties"]
    return properties


def body_fields(name: str) -> list[str]:
    """The fields request body ``name`` takes, sorted (as the server's messages list them)."""
    return sorted(body(name))


def record_fields(name: str) -> list[str]:
    """The fields of record ``name`` (``Bot``), in the server's order."""
    return list(_facts()["records"][name])


def bot_states() -> list[str]:
    """Every bot state, in the server's order."""
    return list(_facts()["bot_states"])


def webhook_triggers() -> list[str]:
    """Every webhook trigger, in the server's order."""
    return list(_facts()["webhook_triggers"])


@attrs.frozen
class ObjectSchema:
    """A flat JSON schema of an object: its properties' JSON types ("any": not looked
    into), the nullable, required and non-empty ones, the enums; closed: no other property.
    """

    properties: Mapping[str, str]
    required: tuple[str, ...] = ()
    nullable: tuple[str, ...] = ()
    non_empty: tuple[str, ...] = ()
    enums: Mapping[str, tuple[Any, ...]] = attrs.field(factory=dict)
    closed: bool = True

    @classmethod
    def of(cls, facts: Mapping[str, Any]) -> ObjectSchema:
        """The schema of an object property (or an array's items) from its facts."""
        properties: Mapping[str, Mapping[str, Any]] = facts.get("properties", {})

        def having(key: str) -> tuple[str, ...]:
            return tuple(name for name, prop in properties.items() if prop.get(key))

        return cls(
            {name: prop["type"] for name, prop in properties.items()},
            required=having("required"),
            nullable=having("nullable"),
            non_empty=having("non_empty"),
            enums={name: tuple(p["enum"]) for name, p in properties.items() if "enum" in p},
            closed=bool(facts.get("closed")),
        )
