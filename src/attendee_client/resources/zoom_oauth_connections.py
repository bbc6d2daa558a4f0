"""``client.zoom_oauth_connections``: get, list, create and delete Zoom OAuth connections.

The sync and async classes differ only by ``await``: every decision lives in ``_core``,
``pagination`` and ``_retry``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING

from attendee_client import _core
from attendee_client._core import CONNECTIONS_PATH, RequestKind
from attendee_client._types import NOT_GIVEN, NotGiven, TimeoutTypes
from attendee_client.models import ZoomOAuthConnection
from attendee_client.pagination import CursorGuard, Page, parse_page

if TYPE_CHECKING:
    from attendee_client._client import AsyncAttendeeClient, AttendeeClient

__all__ = ["AsyncZoomOAuthConnections", "ZoomOAuthConnections"]


class ZoomOAuthConnections:
    """The Zoom OAuth connections of the project whose API key the client holds."""

    def __init__(self, client: AttendeeClient) -> None:
        self._client = client

    def get(
        self, connection_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    ) -> ZoomOAuthConnection:
        """Fetch one connection by its id (``zoc_...``).

        Raises NotFoundError when the project has no such connection, another APIStatusError
        for other failures, APIConnectionError when no response came, ValueError/TypeError
        for a bad id before anything is sent.
        """
        path = _core.connection_path(connection_id)
        response = self._client._request("GET", path, RequestKind.READ, timeout=timeout)
        return _core.parse_model(response, ZoomOAuthConnection)

    def list_page(
        self, *, cursor: str | None = None, timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    ) -> Page[ZoomOAuthConnection]:
        """Fetch one page (up to 25 connections, newest first); ``cursor`` from the last page.

        Raises APIResponseValidationError when the page is not the documented envelope,
        NotFoundError for an invalid cursor, and what ``get`` raises.
        """
        path = _core.list_path(CONNECTIONS_PATH, cursor)
        response = self._client._request("GET", path, RequestKind.READ, timeout=timeout)
        return parse_page(response, ZoomOAuthConnection)

    def list(
        self, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    ) -> Iterator[ZoomOAuthConnection]:
        """Every connection, newest first, fetching each page only when it is needed.

        Raises what ``list_page`` raises, and PaginationLoopError if the server repeats a
        cursor.
        """
        guard = CursorGuard()
        cursor: str | None = None
        while True:
            page = self.list_page(cursor=cursor, timeout=timeout)
            cursor = guard.advance(page)
            yield from page.items
            # Drop the page before fetching the next: at most one page is alive.
            del page
            if cursor is None:
                return

    def create(
        self,
        *,
        authorization_code: str,
        redirect_uri: str,
        zoom_oauth_app_id: str | None = None,
        is_local_recording_token_supported: bool | None = None,
        is_onbehalf_token_supported: bool | None = None,
        metadata: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ZoomOAuthConnection:
        """Exchange a Zoom OAuth authorization code for a connection (from your callback).

        Arguments left as None are not sent, so the server's defaults apply (the project's
        only Zoom OAuth app; local recording tokens on; on-behalf tokens off).

        The code can be exchanged once only, so a create is retried only when it surely
        never reached the server, or on 429. A failure after it may have reached the server
        is raised with ``outcome_unknown`` set: list connections before trying again.
        Raises BadRequestError (with ``field_errors``) when the server rejects the body,
        ValueError/TypeError naming the argument before anything is sent.
        """
        body = _core.create_body(
            authorization_code=authorization_code,
            redirect_uri=redirect_uri,
            zoom_oauth_app_id=zoom_oauth_app_id,
            is_local_recording_token_supported=is_local_recording_token_supported,
            is_onbehalf_token_supported=is_onbehalf_token_supported,
            metadata=metadata,
        )
        response = self._client._request(
            "POST", CONNECTIONS_PATH, RequestKind.CREATE, json=body, timeout=timeout
        )
        return _core.parse_model(response, ZoomOAuthConnection)

    def delete(self, connection_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN) -> None:
        """Delete one connection.

        A retry that meets 404 after an earlier attempt may already have deleted the
        connection counts as success. Raises NotFoundError when there was no such
        connection, and what ``get`` raises.
        """
        path = _core.connection_path(connection_id)
        self._client._request("DELETE", path, RequestKind.DELETE, timeout=timeout)


class AsyncZoomOAuthConnections:
    """The Zoom OAuth connections of the project, for asyncio; see ``ZoomOAuthConnections``."""

    def __init__(self, client: AsyncAttendeeClient) -> None:
        self._client = client

    async def get(
        self, connection_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    ) -> ZoomOAuthConnection:
        """Fetch one connection by its id; raises as ``ZoomOAuthConnections.get``."""
        path = _core.connection_path(connection_id)
        response = await self._client._request("GET", path, RequestKind.READ, timeout=timeout)
        return _core.parse_model(response, ZoomOAuthConnection)

    async def list_page(
        self, *, cursor: str | None = None, timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    ) -> Page[ZoomOAuthConnection]:
        """Fetch one page; raises as ``ZoomOAuthConnections.list_page``."""
        path = _core.list_path(CONNECTIONS_PATH, cursor)
        response = await self._client._request("GET", path, RequestKind.READ, timeout=timeout)
        return parse_page(response, ZoomOAuthConnection)

    async def list(
        self, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    ) -> AsyncIterator[ZoomOAuthConnection]:
        """Every connection, newest first, lazily; raises as ``ZoomOAuthConnections.list``."""
        guard = CursorGuard()
        cursor: str | None = None
        while True:
            page = await self.list_page(cursor=cursor, timeout=timeout)
            cursor = guard.advance(page)
            for item in page.items:
                yield item
            del page
            if cursor is None:
                return

    async def create(
        self,
        *,
        authorization_code: str,
        redirect_uri: str,
        zoom_oauth_app_id: str | None = None,
        is_local_recording_token_supported: bool | None = None,
        is_onbehalf_token_supported: bool | None = None,
        metadata: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ZoomOAuthConnection:
        """Exchange an authorization code for a connection; as ``ZoomOAuthConnections.create``."""
        body = _core.create_body(
            authorization_code=authorization_code,
            redirect_uri=redirect_uri,
            zoom_oauth_app_id=zoom_oauth_app_id,
            is_local_recording_token_supported=is_local_recording_token_supported,
            is_onbehalf_token_supported=is_onbehalf_token_supported,
            metadata=metadata,
        )
        response = await self._client._request(
            "POST", CONNECTIONS_PATH, RequestKind.CREATE, json=body, timeout=timeout
        )
        return _core.parse_model(response, ZoomOAuthConnection)

    async def delete(
        self, connection_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    ) -> None:
        """Delete one connection; as ``ZoomOAuthConnections.delete``."""
        path = _core.connection_path(connection_id)
        await self._client._request("DELETE", path, RequestKind.DELETE, timeout=timeout)
