"""Small shared types: the NOT_GIVEN sentinel and the timeout type users may pass."""

from __future__ import annotations

import enum
from typing import Literal, Union

import httpx

__all__ = ["NOT_GIVEN", "NotGiven", "TimeoutTypes"]


class NotGiven(enum.Enum):
    """The type of ``NOT_GIVEN``: an option that was not passed, as opposed to ``None``."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> Literal[False]:
        return False


NOT_GIVEN = NotGiven.NOT_GIVEN

TimeoutTypes = Union[float, httpx.Timeout, None]  # noqa: UP007 - an alias evaluated at run time on 3.10
