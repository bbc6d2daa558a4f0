"""What users import in their own tests: a fake Attendee server on 127.0.0.1.

from attendee_client import AttendeeClient
from attendee_client.testing import FakeAttendeeServer

with FakeAttendeeServer() as server:
    client = AttendeeClient(api_key=server.api_key, base_url=server.base_url)
    client.zoom_oauth_connections.get(server.example_connection_id)
"""

from attendee_client.testing._records import (
    AppSessionFields,
    AppSessionRecord,
    AsyncTranscriptionRecord,
    BotEventRecord,
    BotFields,
    BotRecord,
    CalendarEventFields,
    CalendarEventRecord,
    CalendarFields,
    CalendarRecord,
    ChatMessageFields,
    ChatMessageRecord,
    ConnectionFields,
    ConnectionRecord,
    ParticipantEventRecord,
    ParticipantFields,
    ParticipantRecord,
    UtteranceFields,
    UtteranceRecord,
)
from attendee_client.testing._server import (
    DOCUMENTED_EXAMPLE,
    FakeAttendeeServer,
    Fault,
    RecordedRequest,
)
from attendee_client.testing._states import BotFailure
from attendee_client.testing._storage import RecordingFile
from attendee_client.testing._webhooks import Delivery

__all__ = [
    "DOCUMENTED_EXAMPLE",
    "AppSessionFields",
    "AppSessionRecord",
    "AsyncTranscriptionRecord",
    "BotEventRecord",
    "BotFailure",
    "BotFields",
    "BotRecord",
    "CalendarEventFields",
    "CalendarEventRecord",
    "CalendarFields",
    "CalendarRecord",
    "ChatMessageFields",
    "ChatMessageRecord",
    "ConnectionFields",
    "ConnectionRecord",
    "Delivery",
    "FakeAttendeeServer",
    "Fault",
    "ParticipantEventRecord",
    "ParticipantFields",
    "ParticipantRecord",
    "RecordedRequest",
    "RecordingFile",
    "UtteranceFields",
    "UtteranceRecord",
]
