"""``client.zoom_oauth_connections``: get, list, create and delete Zoom OAuth connections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attendee_client._request import RequestOptions, path
from attendee_client._resource import (
    NOTHING,
    AsyncAPIResource,
    RawResource,
    SyncAPIResource,
    async_raw,
    model,
    raw,
)
from attendee_client._retry import Retry
from attendee_client._validation import optional_flag, require_metadata, require_text
from attendee_client.models import ZoomOAuthConnection
from attendee_client.pagination import AsyncPager, Page, SyncPager

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "AsyncZoomOAuthConnections",
    "AsyncZoomOAuthConnectionsWithRawResponse",
    "ZoomOAuthConnections",
    "ZoomOAuthConnectionsWithRawResponse",
]

COLLECTION = "/api/v1/zoom_oauth_connections"
ONE = COLLECTION + "/{connection_id}"
# Said with a create whose outcome is unknown: the code may already have been exchanged.
_CREATE_HINT = "the connection may exist: list connections to check before trying again"


def _create_body(
    authorization_code: str,
    redirect_uri: str,
    zoom_oauth_app_id: str | None,
    is_local_recording_token_supported: bool | None,
    is_onbehalf_token_supported: bool | None,
    metadata: Mapping[str, str] | None,
) -> dict[str, Any]:
    """The JSON body of a create, holding only the fields given, after checking them.

    Raises TypeError or ValueError naming the argument, before anything is sent.
    """
    body: dict[str, Any] = {
        "authorization_code": require_text(authorization_code, "authorization_code"),
        "redirect_uri": require_text(redirect_uri, "redirect_uri"),
    }
    if zoom_oauth_app_id is not None:
        body["zoom_oauth_app_id"] = require_text(zoom_oauth_app_id, "zoom_oauth_app_id")
    local = optional_flag(is_local_recording_token_supported, "is_local_recording_token_supported")
    onbehalf = optional_flag(is_onbehalf_token_supported, "is_onbehalf_token_supported")
    # The server's defaults: local recording tokens on, on-behalf tokens off.
    if local is False and not onbehalf:
        raise ValueError(
            "at least one of is_local_recording_token_supported or "
            "is_onbehalf_token_supported must be true"
        )
    if local is not None:
        body["is_local_recording_token_supported"] = local
    if onbehalf is not None:
        body["is_onbehalf_token_supported"] = onbehalf
    if metadata is not None:
        body["metadata"] = require_metadata(metadata, "metadata")
    return body


class ZoomOAuthConnections(SyncAPIResource):
    """The Zoom OAuth connections of the project whose API key the client holds."""

    def get(self, connection_id: str, **options: Unpack[RequestOptions]) -> ZoomOAuthConnection:
        """Fetch one connection by its id (``zoc_...``).

        Raises NotFoundError when the project has no such connection, another APIStatusError
        for other failures, APIConnectionError when no response came, ValueError/TypeError
        for a bad id before anything is sent.
        """
        return self._get(
            path(ONE, connection_id=connection_id), model(ZoomOAuthConnection), options
        )

    def list_page(
        self, *, cursor: str | None = None, **options: Unpack[RequestOptions]
    ) -> Page[ZoomOAuthConnection]:
        """Fetch one page (up to 25 connections, newest first); ``cursor`` from the last page.

        Raises APIResponseValidationError when the page is not the documented envelope,
        NotFoundError for an invalid cursor, and what ``get`` raises.
        """
        return self._page(COLLECTION, ZoomOAuthConnection, cursor, options)

    def list(self, **options: Unpack[RequestOptions]) -> SyncPager[ZoomOAuthConnection]:
        """Every connection, newest first, fetching each page only when it is needed.

        Raises what ``list_page`` raises, and PaginationLoopError if the server repeats a
        cursor.
        """
        return self._pager(COLLECTION, ZoomOAuthConnection, options)

    def create(
        self,
        *,
        authorization_code: str,
        redirect_uri: str,
        zoom_oauth_app_id: str | None = None,
        is_local_recording_token_supported: bool | None = None,
        is_onbehalf_token_supported: bool | None = None,
        metadata: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
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
        body = _create_body(
            authorization_code,
            redirect_uri,
            zoom_oauth_app_id,
            is_local_recording_token_supported,
            is_onbehalf_token_supported,
            metadata,
        )
        return self._send(
            "POST",
            COLLECTION,
            model(ZoomOAuthConnection),
            options,
            body=body,
            outcome_hint=_CREATE_HINT,
        )

    def delete(self, connection_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete one connection.

        A retry that meets 404 after an earlier attempt may already have deleted the
        connection counts as success. Raises NotFoundError when there was no such
        connection, and what ``get`` raises.
        """
        return self._send(
            "DELETE", path(ONE, connection_id=connection_id), NOTHING, options, retry=Retry.SAFE
        )


class AsyncZoomOAuthConnections(AsyncAPIResource):
    """The Zoom OAuth connections of the project, for asyncio; see ``ZoomOAuthConnections``."""

    async def get(
        self, connection_id: str, **options: Unpack[RequestOptions]
    ) -> ZoomOAuthConnection:
        """Fetch one connection by its id; raises as ``ZoomOAuthConnections.get``."""
        return await self._get(
            path(ONE, connection_id=connection_id), model(ZoomOAuthConnection), options
        )

    async def list_page(
        self, *, cursor: str | None = None, **options: Unpack[RequestOptions]
    ) -> Page[ZoomOAuthConnection]:
        """Fetch one page; raises as ``ZoomOAuthConnections.list_page``."""
        return await self._page(COLLECTION, ZoomOAuthConnection, cursor, options)

    def list(self, **options: Unpack[RequestOptions]) -> AsyncPager[ZoomOAuthConnection]:
        """Every connection, newest first, lazily; raises as ``ZoomOAuthConnections.list``."""
        return self._pager(COLLECTION, ZoomOAuthConnection, options)

    async def create(
        self,
        *,
        authorization_code: str,
        redirect_uri: str,
        zoom_oauth_app_id: str | None = None,
        is_local_recording_token_supported: bool | None = None,
        is_onbehalf_token_supported: bool | None = None,
        metadata: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> ZoomOAuthConnection:
        """Exchange an authorization code for a connection; as ``ZoomOAuthConnections.create``."""
        body = _create_body(
            authorization_code,
            redirect_uri,
            zoom_oauth_app_id,
            is_local_recording_token_supported,
            is_onbehalf_token_supported,
            metadata,
        )
        return await self._send(
            "POST",
            COLLECTION,
            model(ZoomOAuthConnection),
            options,
            body=body,
            outcome_hint=_CREATE_HINT,
        )

    async def delete(self, connection_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete one connection; as ``ZoomOAuthConnections.delete``."""
        return await self._send(
            "DELETE", path(ONE, connection_id=connection_id), NOTHING, options, retry=Retry.SAFE
        )


class ZoomOAuthConnectionsWithRawResponse(RawResource[ZoomOAuthConnections]):
    """``ZoomOAuthConnections`` whose methods return a ``RawResponse``."""

    get = raw(ZoomOAuthConnections.get)
    list_page = raw(ZoomOAuthConnections.list_page)
    create = raw(ZoomOAuthConnections.create)
    delete = raw(ZoomOAuthConnections.delete)


class AsyncZoomOAuthConnectionsWithRawResponse(RawResource[AsyncZoomOAuthConnections]):
    """``AsyncZoomOAuthConnections`` whose methods return a ``RawResponse``."""

    get = async_raw(AsyncZoomOAuthConnections.get)
    list_page = async_raw(AsyncZoomOAuthConnections.list_page)
    create = async_raw(AsyncZoomOAuthConnections.create)
    delete = async_raw(AsyncZoomOAuthConnections.delete)
