# Generated from _async/bots.py by scripts/unasync.py; edit that file instead.
"""``client.bots``: send bots to meetings, steer them, and read what they recorded.

Written once, for asyncio: ``scripts/unasync.py`` writes the synchronous twin from it.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from datetime import datetime
from typing import TYPE_CHECKING, Any

from attendee_client._raw import RawResource
from attendee_client._request import PollOptions, RequestOptions, path
from attendee_client._resource import (
    NOTHING,
    array,
    model,
)
from attendee_client._retry import Retry
from attendee_client._sync.raw import raw, raw_pager
from attendee_client.errors import BadRequestError
from attendee_client.pagination import Page, SyncPager
from attendee_client.resources._arguments.bots import (
    ASYNC_TRANSCRIPTION_HINT,
    BOT,
    BOTS,
    CREATE_HINT,
    LIVE_STATES,
    async_transcription_body,
    create_body,
    create_policy,
    delete_transcript_query,
    is_live,
    list_query,
    log_recovered,
    lookup_options,
    repeated_create,
    transcript_query,
    update_body,
)
from attendee_client.resources._download_decisions import Destination, ProgressCallback
from attendee_client.resources._sync.bot_actions import BotActions
from attendee_client.resources._sync.downloads import download
from attendee_client.resources._sync.following import TranscriptIterator
from attendee_client.resources._sync.waiting import wait_for
from attendee_client.resources._wait_decisions import Until
from attendee_client.types.app_sessions import AsyncTranscription
from attendee_client.types.bots import (
    Bot,
    BotState,
    BotStateName,
    ChatMessage,
    Participant,
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
    ZoomSettings,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["Bots", "BotsWithRawResponse"]


class Bots(BotActions):
    """``client.bots``: the project's bots: create, read, steer, and read what they recorded."""

    def create(
        self,
        *,
        meeting_url: str | None = None,
        bot_name: str,
        join_at: datetime | str | None = None,
        deduplication_key: str | None = None,
        metadata: Mapping[str, str] | None = None,
        calendar_event_id: str | None = None,
        bot_image: BotImage | None = None,
        bot_chat_message: BotChatMessage | None = None,
        webhooks: Sequence[WebhookSubscription] | None = None,
        transcription_settings: TranscriptionSettings | None = None,
        recording_settings: RecordingSettings | None = None,
        rtmp_settings: RtmpSettings | None = None,
        websocket_settings: WebsocketSettings | None = None,
        automatic_leave_settings: AutomaticLeaveSettings | None = None,
        google_meet_settings: GoogleMeetSettings | None = None,
        teams_settings: TeamsSettings | None = None,
        zoom_settings: ZoomSettings | None = None,
        callback_settings: CallbackSettings | None = None,
        external_media_storage_settings: ExternalMediaStorageSettings | None = None,
        voice_agent_settings: VoiceAgentSettings | None = None,
        debug_settings: DebugSettings | None = None,
        kubernetes_settings: Mapping[str, Any] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Bot:
        """Send a bot to a meeting (now, or at ``join_at``), or to a calendar event.

        Arguments left None are not sent. With ``deduplication_key`` the create is retried
        like a read, and a retry that finds the bot already made returns it; without one
        it is sent once (retried only when it surely never arrived, or on 429) and a failure
        after it may have arrived has ``outcome_unknown`` set. Raises BadRequestError with
        the server's ``field_errors``, ValueError/TypeError naming a bad argument before
        anything is sent.
        """
        body = create_body(locals())
        try:
            return self._send(
                "POST",
                BOTS,
                model(Bot),
                options,
                body=body,
                retry=create_policy(deduplication_key),
                outcome_hint=CREATE_HINT,
                handled=repeated_create,
            )
        except BadRequestError as error:
            if deduplication_key is None or not repeated_create(error):
                raise
            return self._find_created(deduplication_key, options, error)

    def _find_created(
        self, deduplication_key: str, options: RequestOptions, error: BadRequestError
    ) -> Bot:
        """The live bot that an earlier attempt of a create made, found by its key among
        every page of bots that have not ended; raises ``error`` when there is none."""
        pager = self.list(
            deduplication_key=deduplication_key, states=LIVE_STATES, **lookup_options(options)
        )
        # Closed at once when the bot is found, not whenever the walk is collected.
        with closing(iter(pager)) as bots:
            for bot in bots:
                if is_live(bot):
                    log_recovered(bot, error)
                    return bot
        raise error

    def wait_for(
        self,
        bot_id: str,
        *,
        until: Until = BotState.ENDED,
        timeout: float = 600.0,
        poll_interval: float | None = None,
        on_poll: Callable[[Bot], object] | None = None,
        **options: Unpack[PollOptions],
    ) -> Bot:
        """Wait until the bot is in the state ``until`` (default ``ended``), in any of a
        collection of states, or passes a test (``lambda bot: bot.transcription_state ==
        "complete"``); returns the bot as last read.

        Looks at once, then after 1 s, doubling up to 15 s between looks (jittered), or
        every ``poll_interval`` seconds when given; a 429 waits as long as the server asks.
        ``on_poll(bot)`` is called after each look (to show progress).
        Raises BotFailedError (holding ``.bot``) as soon as the bot reaches a final state
        the wait can never be met from (``fatal_error``, ``data_deleted``, or ``ended`` when
        waiting for another state), and WaitTimeoutError (holding the last ``.bot``) after
        ``timeout`` seconds, overrunning it by at most one request's time.
        """
        return wait_for(
            self._client,
            lambda: self.get(bot_id, **options),
            what="bot",
            until=until,
            timeout=timeout,
            poll_interval=poll_interval,
            on_poll=on_poll,
        )

    def download_recording(
        self,
        bot_id: str,
        destination: Destination,
        *,
        progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> int:
        """Download the bot's recording to ``destination`` (a path, or a binary file
        object); returns the number of bytes written.

        A path is written to a temporary file beside it and renamed into place only when
        complete: nothing is left behind on failure. The file streams in chunks, calling
        ``progress(bytes_done, total_or_None)`` as they arrive. The storage host gets no
        API key, default header or cookie; a dropped connection resumes with ``Range``
        (within the client's retries), an expired URL is fetched anew once. Raises
        NotFoundError (``No recording file found for bot``) before the file exists, and
        DownloadError when the storage fails.
        """
        return download(
            self._client, lambda: self.recording(bot_id, **options), destination, progress
        )

    def get(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Fetch one bot. Raises NotFoundError (``Bot not found``) for an unknown id."""
        return self._get(path(BOT, bot_id=bot_id), model(Bot), options)

    def list_page(
        self,
        *,
        cursor: str | None = None,
        meeting_url: str | None = None,
        deduplication_key: str | None = None,
        states: Sequence[BotState | BotStateName] | None = None,
        join_at_after: datetime | None = None,
        join_at_before: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> Page[Bot]:
        """One page of up to 25 bots, oldest first, filtered (``states`` any of; the
        ``join_at`` bounds are strict). Raises BadRequestError for a bad filter value."""
        query = list_query(meeting_url, deduplication_key, states, join_at_after, join_at_before)
        return self._page(BOTS, Bot, cursor, options, query)

    def list(
        self,
        *,
        meeting_url: str | None = None,
        deduplication_key: str | None = None,
        states: Sequence[BotState | BotStateName] | None = None,
        join_at_after: datetime | None = None,
        join_at_before: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPager[Bot]:
        """Every bot matching the filters, oldest first, a page at a time."""
        query = list_query(meeting_url, deduplication_key, states, join_at_after, join_at_before)
        return self._pager(BOTS, Bot, options, query)

    def update(
        self,
        bot_id: str,
        *,
        join_at: datetime | str | None = None,
        meeting_url: str | None = None,
        bot_name: str | None = None,
        bot_image: BotImage | None = None,
        recording_settings: RecordingSettings | None = None,
        metadata: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Bot:
        """Change a bot (PATCH: only the fields given are sent). Only ``metadata`` may
        change once the bot is not ``scheduled``; otherwise BadRequestError."""
        body = update_body(locals())
        return self._send("PATCH", path(BOT, bot_id=bot_id), model(Bot), options, body=body)

    def delete(self, bot_id: str, **options: Unpack[RequestOptions]) -> None:
        """Cancel a ``scheduled`` bot (others: BadRequestError; use ``leave``). A retry
        that meets 404 after an attempt that may have deleted it counts as success."""
        return self._send("DELETE", path(BOT, bot_id=bot_id), NOTHING, options, retry=Retry.SAFE)

    def leave(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Ask a bot in a meeting to leave; the bot comes back ``leaving``. BadRequestError
        in any other state (a scheduled bot is cancelled with ``delete``)."""
        return self._send("POST", path(BOT + "/leave", bot_id=bot_id), model(Bot), options)

    def delete_data(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Delete what a finished bot recorded; the bot comes back ``data_deleted``.
        BadRequestError before the bot has ended."""
        return self._send("POST", path(BOT + "/delete_data", bot_id=bot_id), model(Bot), options)

    def transcript(
        self,
        bot_id: str,
        *,
        updated_after: datetime | None = None,
        split_on_turns: bool | None = None,
        async_transcription_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> builtins.list[TranscriptUtterance]:
        """The transcript, utterances in time order (all of it: not paginated). Raises
        NotFoundError when the bot has no recording."""
        query = transcript_query(updated_after, split_on_turns, async_transcription_id)
        return self._get(
            path(BOT + "/transcript", bot_id=bot_id),
            array(TranscriptUtterance),
            options,
            query=query,
        )

    def follow_transcript(
        self,
        bot_id: str,
        *,
        poll_interval: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> TranscriptIterator:
        """Each utterance of the bot's transcript once, as it appears, until the bot ends
        (``for utterance in bots.follow_transcript(bot_id)``).

        Looks at the bot and its transcript at once, then again after 1 s while speech
        comes, backing off to 15 s between looks in silence (or every ``poll_interval``
        seconds); a 429 waits as long as ``Retry-After`` asks. Each look asks only for
        recent utterances (``updated_after``) and drops those already yielded (same
        speaker and start). Ends after the look that sees the bot in a final state
        (``ended``, ``fatal_error``, ``data_deleted``); a transcript not there yet (404)
        counts as empty. Raises what ``get`` and ``transcript`` raise otherwise.
        """
        return TranscriptIterator(
            self._client,
            lambda since: self.transcript(bot_id, updated_after=since, **options),
            lambda: self.get(bot_id, **options),
            poll_interval,
        )

    def create_async_transcription(
        self,
        bot_id: str,
        *,
        transcription_settings: TranscriptionSettings,
        **options: Unpack[RequestOptions],
    ) -> AsyncTranscription:
        """Transcribe an ended bot's audio again, after the meeting, with other settings.

        The bot must have been created with
        ``recording_settings={"record_async_transcription_audio_chunks": True}``; the result
        starts ``not_started`` and ends ``complete`` or ``failed`` (the
        ``async_transcription.state_change`` webhook says when). Raises BadRequestError with
        the server's reason: not enabled for the account, audio not recorded or deleted,
        bot not ``ended``, or too many for one bot. Sent once.
        """
        body = async_transcription_body(transcription_settings)
        return self._send(
            "POST",
            path(BOT + "/transcript", bot_id=bot_id),
            model(AsyncTranscription),
            options,
            body=body,
            outcome_hint=ASYNC_TRANSCRIPTION_HINT,
        )

    def delete_transcript(
        self,
        bot_id: str,
        *,
        async_transcription_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Delete the utterances of an async transcription (``async_transcription_id``), or
        of the meeting's own transcript when it is None. Raises NotFoundError for an
        unknown bot or transcription."""
        query = delete_transcript_query(async_transcription_id)
        return self._send(
            "DELETE",
            path(BOT + "/transcript", bot_id=bot_id),
            NOTHING,
            options,
            retry=Retry.SAFE,
            query=query,
        )

    def recording(self, bot_id: str, **options: Unpack[RequestOptions]) -> Recording:
        """Where to download the recording (a short-lived URL). NotFoundError until the
        file exists."""
        return self._get(path(BOT + "/recording", bot_id=bot_id), model(Recording), options)

    def chat_messages(
        self,
        bot_id: str,
        *,
        updated_after: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPager[ChatMessage]:
        """The chat messages the bot saw, oldest first (``updated_after``: created after)."""
        return self._pager(
            path(BOT + "/chat_messages", bot_id=bot_id),
            ChatMessage,
            options,
            {"updated_after": updated_after},
        )

    def participants(
        self,
        bot_id: str,
        *,
        is_host: bool | None = None,
        participant_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPager[Participant]:
        """Everyone who was in the meeting (never the bot), oldest first."""
        return self._pager(
            path(BOT + "/participants", bot_id=bot_id),
            Participant,
            options,
            {"is_host": is_host, "id": participant_id},
        )

    def participant_events(
        self,
        bot_id: str,
        *,
        after: datetime | None = None,
        before: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPager[ParticipantEvent]:
        """Joins, leaves and speech of participants, oldest first (bounds strict)."""
        return self._pager(
            path(BOT + "/participant_events", bot_id=bot_id),
            ParticipantEvent,
            options,
            {"after": after, "before": before},
        )


class BotsWithRawResponse(RawResource[Bots]):
    """``Bots`` whose methods return a ``RawResponse``."""

    create = raw(Bots.create)
    get = raw(Bots.get)
    wait_for = raw(Bots.wait_for)
    download_recording = raw(Bots.download_recording)
    list_page = raw(Bots.list_page)
    list = raw_pager(Bots.list)
    update = raw(Bots.update)
    delete = raw(Bots.delete)
    leave = raw(Bots.leave)
    delete_data = raw(Bots.delete_data)
    pause_recording = raw(Bots.pause_recording)
    resume_recording = raw(Bots.resume_recording)
    admit_from_waiting_room = raw(Bots.admit_from_waiting_room)
    change_gallery_view_page = raw(Bots.change_gallery_view_page)
    send_chat_message = raw(Bots.send_chat_message)
    speech = raw(Bots.speech)
    output_audio = raw(Bots.output_audio)
    output_image = raw(Bots.output_image)
    output_video = raw(Bots.output_video)
    update_transcription_settings = raw(Bots.update_transcription_settings)
    update_voice_agent_settings = raw(Bots.update_voice_agent_settings)
    transcript = raw(Bots.transcript)
    follow_transcript = raw_pager(Bots.follow_transcript)
    recording = raw(Bots.recording)
    create_async_transcription = raw(Bots.create_async_transcription)
    delete_transcript = raw(Bots.delete_transcript)
    chat_messages = raw_pager(Bots.chat_messages)
    participants = raw_pager(Bots.participants)
    participant_events = raw_pager(Bots.participant_events)
