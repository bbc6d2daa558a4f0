"""What the fake records of each request, and the misbehaviours it can be told to play."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["Fault", "RecordedRequest"]


def _redacted(headers: Mapping[str, str]) -> str:
    shown = {
        name: "<redacted>" if name.lower() == "authorization" else value
        for name, value in headers.items()
    }
    return repr(shown)


@attrs.frozen
class RecordedRequest:
    """One request the fake received: method, raw path (with query), headers and body.
    Its repr leaves out the ``Authorization`` header's value (the field has it)."""

    method: str
    path: str
    headers: Mapping[str, str] = attrs.field(repr=_redacted)
    body: bytes


@attrs.frozen
class Fault:
    """A scripted misbehaviour, used instead of the normal answer to one request.

    Make one with the class methods; give it to ``FakeAttendeeServer.add_fault``.
    """

    kind: str
    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def respond(
        cls,
        status: int,
        body: bytes | str | Mapping[str, Any] | list[Any] = b"",
        headers: Mapping[str, str] | None = None,
    ) -> Fault:
        """Answer with this status, body (bytes, text, or JSON) and headers."""
        headers = dict(headers or {})
        if isinstance(body, (dict, list)):
            payload = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            payload = body.encode()
            headers.setdefault("Content-Type", "text/html; charset=utf-8")
        else:
            payload = bytes(body)  # type: ignore[arg-type]
        return cls("respond", status=status, body=payload, headers=headers)

    interval: float = 0.0
    after_bytes: int = 0

    @classmethod
    def reset(cls) -> Fault:
        """Read the request, then reset the connection (RST) without a byte of answer."""
        return cls("reset")

    @classmethod
    def close_mid_body(cls) -> Fault:
        """Send the headers and part of a promised body, then close."""
        return cls("close_mid_body")

    @classmethod
    def stall(cls) -> Fault:
        """Read the request and never answer (until the server stops)."""
        return cls("stall")

    @classmethod
    def stall_body(cls) -> Fault:
        """Send the headers of a 200, then never send the promised body."""
        return cls("stall_body")

    @classmethod
    def drip(cls, body: bytes, interval: float) -> Fault:
        """Send a 200 whose ``body`` comes one byte every ``interval`` seconds."""
        return cls("drip", body=body, interval=interval)

    @classmethod
    def drop_after(cls, after_bytes: int) -> Fault:
        """Answer as usual (status, headers, the full ``Content-Length``), but drop the
        connection after ``after_bytes`` bytes of the body. In process, reading the body
        raises ``httpx.RemoteProtocolError`` there, as httpx does over a socket."""
        if after_bytes < 0:
            raise ValueError(f"after_bytes must be 0 or more, not {after_bytes}")
        return cls("drop_after", after_bytes=after_bytes)
