# Generated from _async/app_sessions.py by scripts/unasync.py; edit that file instead.
"""``client.app_sessions``: Zoom Realtime Media Streams sessions that Attendee records and
transcribes, with no bot in the call.

Written once, for asyncio: ``scripts/unasync.py`` writes the synchronous twin from it.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from attendee_client._raw import RawResource
from attendee_client._request import PollOptions, RequestOptions, path
from attendee_client._resource import NOTHING, array, model
from attendee_client._retry import Retry
from attendee_client._sync.raw import raw, raw_pager
from attendee_client._sync.resource import SyncAPIResource
from attendee_client.errors import InternalServerError
from attendee_client.pagination import SyncPager
from attendee_client.resources._arguments.app_sessions import (
    APP_SESSION,
    APP_SESSIONS,
    CREATE_HINT,
    END_HINT,
    create_body,
    end_body,
    explain_end_failure,
)
from attendee_client.resources._arguments.bots import (
    ASYNC_TRANSCRIPTION_HINT,
    BOT,
    async_transcription_body,
    delete_transcript_query,
    transcript_query,
)
from attendee_client.resources._download_decisions import Destination, ProgressCallback
from attendee_client.resources._sync.downloads import download
from attendee_client.resources._sync.waiting import wait_for
from attendee_client.resources._wait_decisions import Until
from attendee_client.types.app_sessions import AppSession, AsyncTranscription
from attendee_client.types.bots import (
    Bot,
    BotState,
    ParticipantEvent,
    Recording,
    TranscriptUtterance,
)
from attendee_client.types.settings import (
    AutomaticLeaveSettings,
    BotChatMessage,
    BotImage,
    CallbackSettings,
    DebugSettings,
    ExternalMediaStorageSettings,
    GoogleMeetSettings,
    RecordingSettings,
    RtmpSettings,
    TeamsSettings,
    TranscriptionSettings,
    VoiceAgentSettings,
    WebhookSubscription,
    WebsocketSettings,
    ZoomRtms,
    ZoomSettings,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["AppSessions", "AppSessionsWithRawResponse"]


class AppSessions(SyncAPIResource):
    """``client.app_sessions``: record and transcribe a meeting through Zoom RTMS.

    Forward Zoom's ``meeting.rtms_started`` webhook to ``create``, its
    ``meeting.rtms_stopped`` to ``end``, then read what the session recorded.
    """

    def create(
        self,
        *,
        zoom_rtms: ZoomRtms,
        metadata: Mapping[str, str] | None = None,
        deduplication_key: str | None = None,
        transcription_settings: TranscriptionSettings | None = None,
        recording_settings: RecordingSettings | None = None,
        webhooks: Sequence[WebhookSubscription] | None = None,
        websocket_settings: WebsocketSettings | None = None,
        callback_settings: CallbackSettings | None = None,
        external_media_storage_settings: ExternalMediaStorageSettings | None = None,
        calendar_event_id: str | None = None,
        bot_image: BotImage | None = None,
        bot_chat_message: BotChatMessage | None = None,
        rtmp_settings: RtmpSettings | None = None,
        automatic_leave_settings: AutomaticLeaveSettings | None = None,
        google_meet_settings: GoogleMeetSettings | None = None,
        teams_settings: TeamsSettings | None = None,
        zoom_settings: ZoomSettings | None = None,
        voice_agent_settings: VoiceAgentSettings | None = None,
        debug_settings: DebugSettings | None = None,
        kubernetes_settings: Mapping[str, Any] | None = None,
        **options: Unpack[RequestOptions],
    ) -> AppSession:
        """Start recording the Zoom RTMS stream described by ``zoom_rtms`` (build it from the
        webhook with ``zoom_rtms_from_webhook``); the session comes back ``connecting``.

        The other arguments are the bot create's settings (transcription defaults to the
        meeting's closed captions; the recording is 720p). Arguments left None are not
        sent. Sent once: a second create makes a second session on the same stream.
        Raises BadRequestError with the server's ``field_errors``, ValueError/TypeError
        naming a bad argument before anything is sent.
        """
        body = create_body(locals())
        return self._send(
            "POST", APP_SESSIONS, model(AppSession), options, body=body, outcome_hint=CREATE_HINT
        )

    def end(self, *, rtms_stream_id: str, **options: Unpack[RequestOptions]) -> AppSession:
        """Stop the session on ``rtms_stream_id`` (from Zoom's ``meeting.rtms_stopped``
        webhook); it comes back ``disconnecting``.

        Raises ValueError for an empty stream id before sending, NotFoundError (``App
        session not found``) when no session uses it, and InternalServerError saying so
        when the server fails because two sessions share it.
        """
        body = end_body(rtms_stream_id)
        try:
            return self._send(
                "POST",
                APP_SESSIONS + "/end",
                model(AppSession),
                options,
                body=body,
                outcome_hint=END_HINT,
            )
        except InternalServerError as error:
            raise explain_end_failure(error, rtms_stream_id) from None

    def wait_for(
        self,
        app_session_id: str,
        *,
        until: Until = BotState.ENDED,
        timeout: float = 600.0,
        poll_interval: float | None = None,
        on_poll: Callable[[Bot], object] | None = None,
        **options: Unpack[PollOptions],
    ) -> Bot:
        """Wait until the session is in the state ``until`` (default ``ended``), or passes a
        test; returns it as ``GET /bots/{id}`` reads it (an app session is stored as a
        bot). Polls and raises as ``client.bots.wait_for``."""
        return wait_for(
            self._client,
            lambda: self._get(path(BOT, bot_id=app_session_id), model(Bot), options),
            what="app session",
            until=until,
            timeout=timeout,
            poll_interval=poll_interval,
            on_poll=on_poll,
        )

    def download_media(
        self,
        app_session_id: str,
        destination: Destination,
        *,
        progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> int:
        """Download the session's recording to ``destination``; returns the bytes written.
        Works and raises as ``client.bots.download_recording`` (NotFoundError before the
        file exists)."""
        return download(
            self._client, lambda: self.media(app_session_id, **options), destination, progress
        )

    def media(self, app_session_id: str, **options: Unpack[RequestOptions]) -> Recording:
        """Where to download the session's recording (a short-lived URL). NotFoundError
        until the file exists (``No media found for app session``)."""
        return self._get(
            path(APP_SESSION + "/media", app_session_id=app_session_id), model(Recording), options
        )

    def transcript(
        self,
        app_session_id: str,
        *,
        updated_after: datetime | None = None,
        split_on_turns: bool | None = None,
        async_transcription_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> builtins.list[TranscriptUtterance]:
        """The transcript, utterances in time order (all of it: not paginated); an async
        transcription's with ``async_transcription_id``."""
        query = transcript_query(updated_after, split_on_turns, async_transcription_id)
        return self._get(
            path(APP_SESSION + "/transcript", app_session_id=app_session_id),
            array(TranscriptUtterance),
            options,
            query=query,
        )

    def create_async_transcription(
        self,
        app_session_id: str,
        *,
        transcription_settings: TranscriptionSettings,
        **options: Unpack[RequestOptions],
    ) -> AsyncTranscription:
        """Transcribe an ended session's audio again with other settings; raises as
        ``client.bots.create_async_transcription``."""
        body = async_transcription_body(transcription_settings)
        return self._send(
            "POST",
            path(APP_SESSION + "/transcript", app_session_id=app_session_id),
            model(AsyncTranscription),
            options,
            body=body,
            outcome_hint=ASYNC_TRANSCRIPTION_HINT,
        )

    def delete_transcript(
        self,
        app_session_id: str,
        *,
        async_transcription_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Delete the utterances of an async transcription, or of the session's own
        transcript when ``async_transcription_id`` is None."""
        query = delete_transcript_query(async_transcription_id)
        return self._send(
            "DELETE",
            path(APP_SESSION + "/transcript", app_session_id=app_session_id),
            NOTHING,
            options,
            retry=Retry.SAFE,
            query=query,
        )

    def participant_events(
        self,
        app_session_id: str,
        *,
        after: datetime | None = None,
        before: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPager[ParticipantEvent]:
        """Joins, leaves and speech of participants, oldest first (bounds strict)."""
        return self._pager(
            path(APP_SESSION + "/participant_events", app_session_id=app_session_id),
            ParticipantEvent,
            options,
            {"after": after, "before": before},
        )


class AppSessionsWithRawResponse(RawResource[AppSessions]):
    """``AppSessions`` whose methods return a ``RawResponse``."""

    create = raw(AppSessions.create)
    end = raw(AppSessions.end)
    media = raw(AppSessions.media)
    wait_for = raw(AppSessions.wait_for)
    download_media = raw(AppSessions.download_media)
    transcript = raw(AppSessions.transcript)
    create_async_transcription = raw(AppSessions.create_async_transcription)
    delete_transcript = raw(AppSessions.delete_transcript)
    participant_events = raw_pager(AppSessions.participant_events)
