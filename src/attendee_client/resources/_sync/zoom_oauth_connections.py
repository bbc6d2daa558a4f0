# Generated from _async/zoom_oauth_connections.py by scripts/unasync.py; edit that file instead.
"""``client.zoom_oauth_connections``: Zoom OAuth connections of the project.

Written once, for asyncio: ``scripts/unasync.py`` writes the synchronous twin from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from attendee_client._raw import RawResource
from attendee_client._request import RequestOptions, path
from attendee_client._resource import NOTHING, model
from attendee_client._retry import Retry
from attendee_client._sync.raw import raw, raw_pager
from attendee_client._sync.resource import SyncAPIResource
from attendee_client.pagination import Page, SyncPager
from attendee_client.resources._arguments.zoom_oauth_connections import (
    COLLECTION,
    CREATE_HINT,
    ONE,
    create_body,
)
from attendee_client.types.zoom_oauth_connections import ZoomOAuthConnection

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["ZoomOAuthConnections", "ZoomOAuthConnectionsWithRawResponse"]


class ZoomOAuthConnections(SyncAPIResource):
    """``client.zoom_oauth_connections``: the project's Zoom OAuth connections."""

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
        body = create_body(
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
            outcome_hint=CREATE_HINT,
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


class ZoomOAuthConnectionsWithRawResponse(RawResource[ZoomOAuthConnections]):
    """``ZoomOAuthConnections`` whose methods return a ``RawResponse``."""

    get = raw(ZoomOAuthConnections.get)
    list_page = raw(ZoomOAuthConnections.list_page)
    list = raw_pager(ZoomOAuthConnections.list)
    create = raw(ZoomOAuthConnections.create)
    delete = raw(ZoomOAuthConnections.delete)
