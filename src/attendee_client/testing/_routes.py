"""The fake's route table: every endpoint of the API it serves, one line each, pointing at
the handler in its resource's module.

Adding an endpoint is writing its handler in the resource's module and adding its line
here; a new resource is a new module, composed in ``FakeAttendeeServer.__init__``.
``throttled`` marks the POSTs that share the server's POST throttle.
"""

from __future__ import annotations

from attendee_client.testing._app import Route
from attendee_client.testing._app_sessions import AppSessions
from attendee_client.testing._bot_actions import BotActions
from attendee_client.testing._bot_records import BotRecords
from attendee_client.testing._bots import Bots
from attendee_client.testing._calendars import Calendars
from attendee_client.testing._connections import Connections
from attendee_client.testing._transcriptions import Transcriptions

__all__ = ["route_table"]

API = "/api/v1"
CONNECTIONS = API + "/zoom_oauth_connections"
CONNECTION = CONNECTIONS + "/{connection_id}"
BOTS = API + "/bots"
BOT = BOTS + "/{bot_id}"
APP_SESSIONS = API + "/app_sessions"
APP_SESSION = APP_SESSIONS + "/{bot_id}"
CALENDARS = API + "/calendars"
CALENDAR = CALENDARS + "/{calendar_id}"
CALENDAR_EVENTS = API + "/calendar_events"


def route_table(
    *,
    connections: Connections,
    bots: Bots,
    actions: BotActions,
    records: BotRecords,
    transcriptions: Transcriptions,
    app_sessions: AppSessions,
    calendars: Calendars,
) -> list[Route]:
    """The routes of the whole API, served by these resources."""
    return [
        # Zoom OAuth connections
        Route("GET", CONNECTIONS, connections.list_connections),
        Route("POST", CONNECTIONS, connections.create, throttled=True),
        Route("GET", CONNECTION, connections.get),
        Route("DELETE", CONNECTION, connections.delete),
        # bots
        Route("GET", BOTS, bots.list_bots),
        Route("POST", BOTS, bots.create, throttled=True),
        Route("GET", BOT, bots.get),
        Route("PATCH", BOT, bots.patch),
        Route("DELETE", BOT, bots.delete),
        Route("POST", BOT + "/leave", bots.leave),
        Route("POST", BOT + "/delete_data", bots.delete_data),
        # what a bot is asked to do
        Route("POST", BOT + "/pause_recording", actions.pause_recording, throttled=True),
        Route("POST", BOT + "/resume_recording", actions.resume_recording, throttled=True),
        Route("POST", BOT + "/admit_from_waiting_room", actions.admit, throttled=True),
        Route("POST", BOT + "/change_gallery_view_page", actions.gallery, throttled=True),
        Route("POST", BOT + "/send_chat_message", actions.send_chat_message, throttled=True),
        Route("POST", BOT + "/speech", actions.speech, throttled=True),
        Route("POST", BOT + "/output_audio", actions.output_audio, throttled=True),
        Route("POST", BOT + "/output_image", actions.output_image, throttled=True),
        Route("POST", BOT + "/output_video", actions.output_video, throttled=True),
        Route("PATCH", BOT + "/transcription_settings", actions.transcription_settings),
        Route("PATCH", BOT + "/voice_agent_settings", actions.voice_agent_settings),
        # what a bot recorded
        Route("GET", BOT + "/recording", records.recording),
        Route("GET", BOT + "/chat_messages", records.chat_message_list),
        Route("GET", BOT + "/participants", records.participant_list),
        Route("GET", BOT + "/participant_events", records.participant_event_list),
        # transcripts, of a bot or an app session (one view of the server's answers both)
        *(
            Route(method, owner + "/transcript", handler)
            for owner in (BOT, APP_SESSION)
            for method, handler in (
                ("GET", transcriptions.transcript),
                ("POST", transcriptions.create),
                ("DELETE", transcriptions.delete),
            )
        ),
        # app sessions
        Route("POST", APP_SESSIONS, app_sessions.create),
        Route("POST", APP_SESSIONS + "/end", app_sessions.end),
        Route("GET", APP_SESSION + "/media", app_sessions.media),
        Route("GET", APP_SESSION + "/participant_events", records.participant_event_list),
        # calendars and their events
        Route("GET", CALENDARS, calendars.list_calendars),
        Route("POST", CALENDARS, calendars.create, throttled=True),
        Route("GET", CALENDAR, calendars.get),
        Route("PATCH", CALENDAR, calendars.patch),
        Route("DELETE", CALENDAR, calendars.delete),
        Route("GET", CALENDAR_EVENTS, calendars.list_events),
    ]
