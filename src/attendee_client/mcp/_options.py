"""How ``attendee mcp`` runs: what the command line hands to the server."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ServerOptions"]


@dataclass(frozen=True)
class ServerOptions:
    """How to run the server: the client's settings, the transport and the tools offered.

    ``api_key`` is never printed, and never part of ``repr``. ``http`` is ``(host, port)``
    for streamable HTTP, None for stdio.
    """

    api_key: str = field(repr=False)
    base_url: str | None = None
    timeout: float | None = None
    max_retries: int | None = None
    read_only: bool = False
    http: tuple[str, int] | None = None
    verbose: bool = False
