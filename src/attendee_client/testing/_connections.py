"""The Zoom OAuth connections of the fake: their records and handlers
(``shared/api/zoom-oauth-connections.md``).

``Connections.on_state_change`` is called with the connection after each change of its
state (webhooks listen there)."""

from __future__ import annotations

import copy
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from attendee_client.testing._app import (
    ApiState,
    FakeRequest,
    FakeResponse,
    Refusal,
    check_fields,
    new_id,
    paginate,
    read_json,
)
from attendee_client.testing._surface import body_fields

__all__ = ["DOCUMENTED_EXAMPLE", "ConnectionListener", "Connections"]

DOCUMENTED_EXAMPLE: Mapping[str, Any] = {
    "id": "zoc_abcdef1234567890",
    "zoom_oauth_app_id": "zoa_abcdef1234567890",
    "user_id": "user_abcdef1234567890",
    "account_id": "account_abcdef1234567890",
    "state": "connected",
    "metadata": {"tenant_id": "1234567890"},
    "is_local_recording_token_supported": True,
    "is_onbehalf_token_supported": False,
    "connection_failure_data": None,
    "created_at": "2025-01-13T10:30:00.123456Z",
    "updated_at": "2025-01-13T10:30:00.123456Z",
    "last_successful_sync_at": "2025-01-13T11:00:00.123456Z",
    "last_attempted_sync_at": "2025-01-13T11:00:00.123456Z",
}

_CREATE_FIELDS = frozenset(body_fields("CreateZoomOAuthConnectionRequest"))


ConnectionListener = Callable[[dict[str, Any]], None]


class Connections:
    """The connections, oldest first, and the authorization codes create will accept; the
    handlers of ``/zoom_oauth_connections``."""

    def __init__(self, state: ApiState, *, page_size: int, next_host: str | None) -> None:
        self.state = state
        self.page_size = page_size
        self.next_host = next_host
        self.by_id: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.on_state_change: list[ConnectionListener] = []

    def put(self, connection: dict[str, Any]) -> None:
        self.by_id[connection["id"]] = connection

    def new(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """A new connection with plausible values, ``fields`` (checked) replacing them."""
        fields = check_fields(fields, DOCUMENTED_EXAMPLE, "a Zoom OAuth connection")
        now = self.state.tick()
        connection = dict(DOCUMENTED_EXAMPLE)
        connection.update(
            id=new_id("zoc_"),
            user_id="user_" + secrets.token_hex(8),
            account_id="account_" + secrets.token_hex(8),
            metadata=None,
            created_at=now,
            updated_at=now,
            last_successful_sync_at=None,
            last_attempted_sync_at=None,
        )
        connection.update(copy.deepcopy(fields))
        return connection

    def disconnect(self, connection_id: str, reason: str) -> None:
        connection = self.by_id[connection_id]
        connection["state"] = "disconnected"
        connection["connection_failure_data"] = {"error": reason}
        connection["updated_at"] = connection["last_attempted_sync_at"] = self.state.tick()
        for listener in self.on_state_change:
            listener(connection)

    def newest_first(self) -> list[dict[str, Any]]:
        return list(reversed(self.by_id.values()))

    # --- handlers ----------------------------------------------------------------------

    def list_connections(self, request: FakeRequest) -> FakeResponse:
        return paginate(request, self.newest_first(), self.page_size, self.next_host)

    def get(self, request: FakeRequest) -> FakeResponse:
        connection = self.by_id.get(request.params["connection_id"])
        if connection is None:
            raise Refusal.error(404, "Zoom OAuth Connection not found")
        return FakeResponse(200, connection)

    def delete(self, request: FakeRequest) -> FakeResponse:
        if self.by_id.pop(request.params["connection_id"], None) is None:
            raise Refusal.error(404, "Zoom OAuth Connection not found")
        return FakeResponse(200)

    def create(self, request: FakeRequest) -> FakeResponse:
        data = read_json(request)
        if not isinstance(data, dict):
            raise Refusal(400, {"non_field_errors": ["Invalid data. Expected a dictionary."]})
        errors: dict[str, list[str]] = {}
        unknown = sorted(set(data) - _CREATE_FIELDS)
        if unknown:
            errors["non_field_errors"] = [f"Unknown field(s): {', '.join(unknown)}"]
        for field in ("authorization_code", "redirect_uri"):
            if field not in data:
                errors[field] = ["This field is required."]
            elif not isinstance(data[field], str) or not data[field].strip():
                errors[field] = ["This field may not be blank."]
        metadata = data.get("metadata")
        if metadata is not None:
            if not isinstance(metadata, dict) or not metadata:
                errors["metadata"] = ["Metadata must be a non-empty object"]
            else:
                for key, value in metadata.items():
                    if not isinstance(value, str):
                        errors["metadata"] = [f"Value for key '{key}' must be a string"]
        local = data.get("is_local_recording_token_supported", True)
        onbehalf = data.get("is_onbehalf_token_supported", False)
        if not local and not onbehalf:
            errors.setdefault("non_field_errors", []).append(
                "At least one of is_local_recording_token_supported or "
                "is_onbehalf_token_supported must be true"
            )
        if errors:
            raise Refusal(400, errors)
        fields = self.codes.pop(data["authorization_code"], None)
        if fields is None:
            raise Refusal.error(400, "Invalid or expired authorization code")
        app = (
            {"zoom_oauth_app_id": data["zoom_oauth_app_id"]} if "zoom_oauth_app_id" in data else {}
        )
        connection = self.new(
            {
                "metadata": metadata,
                "is_local_recording_token_supported": bool(local),
                "is_onbehalf_token_supported": bool(onbehalf),
                **app,
                **fields,
            }
        )
        self.put(connection)
        return FakeResponse(201, connection)
