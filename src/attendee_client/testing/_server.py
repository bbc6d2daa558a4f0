"""A fake Attendee API: one module per resource (its records, handlers and state changes),
a route table (``_routes``) pointing at their handlers, served in process or over a socket
(``_serving``), with a second origin, the storage that serves recordings (``_storage``).

It answers with the real server's status codes and error bodies, from in-memory records,
and can be told to misbehave (``Fault``). ``FakeAttendeeServer`` composes the resources and
is their public face: each helper below locks the fake, asks one resource, and returns a
copy.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from attendee_client.testing._app import check_fields
from attendee_client.testing._app_sessions import AppSessions
from attendee_client.testing._bot_actions import BotActions
from attendee_client.testing._bot_records import BotRecords
from attendee_client.testing._bots import Bots
from attendee_client.testing._calendars import Calendars
from attendee_client.testing._connections import DOCUMENTED_EXAMPLE, Connections
from attendee_client.testing._faults import Fault, RecordedRequest
from attendee_client.testing._realtime import FakeRealtime
from attendee_client.testing._records import (
    AppSessionFields,
    AppSessionRecord,
    AsyncTranscriptionRecord,
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
from attendee_client.testing._routes import route_table
from attendee_client.testing._serving import Serving
from attendee_client.testing._states import BotFailure
from attendee_client.testing._storage import RecordingFile
from attendee_client.testing._transcriptions import Transcriptions
from attendee_client.testing._webhook_events import send_webhooks

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["DOCUMENTED_EXAMPLE", "FakeAttendeeServer", "Fault", "RecordedRequest"]


class FakeAttendeeServer(Serving):
    """A fake Attendee API server on 127.0.0.1, on a free port, in a background thread.

    ``api_key`` is the only key it accepts. It starts holding the documented example
    connection (``seed_example=False`` for none). With ``auto_advance_bots`` every fetch of
    a bot moves it one step along a meeting (joining, recording, post-processing, ended), so
    code that polls a bot until it ends can be tested offline. ``next_host`` is the scheme
    and host it writes into ``next`` links, like a server behind a proxy; by default it echoes the
    request's ``Host`` as the real server does.

    ``throttle`` (e.g. ``"3/min"``; a count per second, minute, hour or day) turns on the
    real server's POST throttle: the POSTs it throttles (create, actions) share one bucket,
    and the one too many is answered ``429 {"detail": "Request was throttled. Expected
    available in 60 seconds."}`` with ``Retry-After: 60``. ``clock`` (seconds, monotonic) is
    what the throttle and the expiry of recording URLs read; inject one to move time
    without sleeping.

    Recordings are served by a second origin, the storage (``storage_url``), on its own
    port: the API's recording URLs point there, and ``transport()`` reaches it too.

    Use it as a context manager, or call ``start()`` and ``stop()``.
    """

    def __init__(
        self,
        *,
        api_key: str = "test-api-key",
        seed_example: bool = True,
        page_size: int = 25,
        next_host: str | None = None,
        auto_advance_bots: bool = False,
        throttle: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(api_key=api_key, throttle=throttle, clock=clock)
        self.example_connection_id = str(DOCUMENTED_EXAMPLE["id"])
        # The resources, each in its own module; each holds its records and handlers.
        self._connections = Connections(self._state, page_size=page_size, next_host=next_host)
        self._bots = Bots(self._state, page_size=page_size, next_host=next_host)
        self._bots.auto_advance = auto_advance_bots
        self._bot_actions = BotActions(self._bots)
        self._bot_records = BotRecords(self._bots, self._storage)
        self._transcriptions = Transcriptions(self._bots, self._bot_records)
        self._app_sessions = AppSessions(self._bots, self._bot_records)
        self._calendars = Calendars(
            self._state, self._bots, page_size=page_size, next_host=next_host
        )
        self._bots.calendar_events = self._calendars.events
        self.router.add(
            route_table(
                connections=self._connections,
                bots=self._bots,
                actions=self._bot_actions,
                records=self._bot_records,
                transcriptions=self._transcriptions,
                app_sessions=self._app_sessions,
                calendars=self._calendars,
            )
        )
        # What follows a change: the resources' hooks. Behaviour that reacts to a bot's
        # meeting (a bot that dials its websocket URLs once joined_recording, a transcript
        # that arrives while it records) is one more listener on self._bots.on_state_change.
        send_webhooks(
            self._webhooks,
            self._state,
            bots=self._bots,
            records=self._bot_records,
            transcriptions=self._transcriptions,
            connections=self._connections,
            calendars=self._calendars,
        )
        # Bots with websocket_settings dial their receivers once joined_recording.
        self.realtime = FakeRealtime(self._realtime_settings, self._realtime_participants)
        self._bots.on_state_change.append(self.realtime.state_changed)
        if seed_example:
            self._connections.put(copy.deepcopy(dict(DOCUMENTED_EXAMPLE)))

    def _realtime_settings(self, bot_id: str) -> dict[str, Any]:
        with self._state.lock:
            return copy.deepcopy(self._bots.settings.get(bot_id, {}))

    def _realtime_participants(self, bot_id: str) -> list[dict[str, Any]]:
        with self._state.lock:
            return copy.deepcopy(self._bot_records.participants.get(bot_id, []))

    def realtime_output(self, bot_id: str) -> bytes:
        """The PCM (16-bit mono) receivers asked the bot to speak over its websockets, as
        the server plays it (see ``testing/_realtime.py``)."""
        return self.realtime.output(bot_id)

    def stop(self) -> None:
        """Stop serving (the API and the storage), drop open connections and release the
        ports; harmless twice. The bots' websocket streams end first, and webhook
        deliveries already queued are made."""
        self.realtime.stop()
        super().stop()

    def __repr__(self) -> str:
        where = self.base_url if self._server is not None else "not listening"
        return f"<FakeAttendeeServer {where}>"

    # --- bots ----------------------------------------------------------------------------

    def add_bot(self, **fields: Unpack[BotFields]) -> BotRecord:
        """Store a new bot and return its JSON object: ``joining`` with a ``join_requested``
        event by default, ``scheduled`` when ``join_at`` is given. Raises TypeError for a
        field a bot does not have; datetimes are accepted."""
        with self._state.lock:
            return cast("BotRecord", copy.deepcopy(self._bots.new(fields)))

    @property
    def bots(self) -> list[BotRecord]:
        """The stored bots, oldest first (app sessions included, as the server lists them)."""
        with self._state.lock:
            return cast("list[BotRecord]", copy.deepcopy(list(self._bots.by_id.values())))

    def advance_bot(self, bot_id: str, steps: int = 1, *, to: str | None = None) -> BotRecord:
        """Move a bot ``steps`` along a meeting: scheduled -> joining -> joined_recording ->
        post_processing -> ended (from leaving: post_processing); an app session connecting
        -> connected -> disconnecting -> post_processing -> ended. With ``to``, as many
        steps as it takes to reach that state. Each step adds the server's events (and
        sends ``bot.state_change`` webhooks); returns the bot.

        Raises ValueError when ``to`` is not ahead on that path (use ``fail_bot`` or
        ``set_bot_state``), KeyError for an unknown bot.
        """
        with self._state.lock:
            bot = self._bots.known(bot_id)
            if to is not None:
                self._bots.advance_to(bot, to)
            else:
                for _ in range(steps):
                    self._bots.advance(bot)
            return cast("BotRecord", copy.deepcopy(bot))

    def fail_bot(
        self, bot_id: str, event_type: str = "fatal_error", sub_type: str | None = None
    ) -> BotRecord:
        """Make a bot fail as the real server records it: state ``fatal_error`` with the
        event ``{"type": event_type, "sub_type": sub_type}``; returns it.

        ``event_type`` is ``fatal_error`` (sub-type ``process_terminated`` by default) or
        ``could_not_join_meeting`` (from ``joining`` or ``waiting_room``; sub-type
        ``meeting_not_found`` by default). A recording under way fails. Raises ValueError
        for a pair or a state the server never records.
        """
        failure = BotFailure(event_type) if sub_type is None else BotFailure(event_type, sub_type)
        with self._state.lock:
            bot = self._bots.known(bot_id)
            self._bots.fail(bot, failure)
            return cast("BotRecord", copy.deepcopy(bot))

    def schedule_bot(self, bot_id: str, steps: Sequence[str | BotFailure]) -> None:
        """What the next fetches of a bot (``GET /bots/{id}``) show, one step per fetch: a
        state (reached along the happy path, as ``advance_bot(to=...)``; the same state
        again: no change) or a ``BotFailure``. After the last step the bot stays put
        (``auto_advance_bots`` resumes). A step the bot can no longer take when its fetch
        comes (the code under test made it leave, say) is skipped.

        Raises ValueError up front for a step the previous one cannot lead to.
        """
        with self._state.lock:
            self._bots.schedule(self._bots.known(bot_id), list(steps))

    def set_bot_state(
        self,
        bot_id: str,
        state: str,
        *,
        event_type: str | None = None,
        sub_type: str | None = None,
    ) -> BotRecord:
        """Put a bot in any ``state`` (recording ``event_type`` when given); returns it."""
        with self._state.lock:
            bot = self._bots.by_id[bot_id]
            events = (event_type,) if event_type else ()
            self._bots.move(bot, state, *events, sub_type=sub_type)
            return cast("BotRecord", copy.deepcopy(bot))

    def bot_actions(self, bot_id: str) -> list[tuple[str, Any]]:
        """What a bot was asked to do (chat messages, media, settings), oldest first, as
        ``(action, body)`` pairs."""
        with self._state.lock:
            return copy.deepcopy(self._bot_actions.of(bot_id))

    # --- what bots recorded ----------------------------------------------------------------

    def add_utterance(
        self, bot_id: str, text: str, **fields: Unpack[UtteranceFields]
    ) -> UtteranceRecord:
        """Add an utterance to a bot's transcript (after the last one); returns it."""
        with self._state.lock:
            utterance = self._bot_records.add_utterance(bot_id, text, fields)
            return cast("UtteranceRecord", copy.deepcopy(utterance))

    def add_chat_message(
        self, bot_id: str, text: str, **fields: Unpack[ChatMessageFields]
    ) -> ChatMessageRecord:
        """Add a chat message the bot saw; returns it."""
        with self._state.lock:
            message = self._bot_records.add_chat_message(bot_id, text, fields)
            return cast("ChatMessageRecord", copy.deepcopy(message))

    def add_participant(
        self, bot_id: str, name: str, **fields: Unpack[ParticipantFields]
    ) -> ParticipantRecord:
        """Add a participant to a bot's meeting (and its ``join`` event); returns it."""
        with self._state.lock:
            participant = self._bot_records.add_participant(bot_id, name, fields)
            return cast("ParticipantRecord", copy.deepcopy(participant))

    def add_participant_event(
        self, bot_id: str, participant_id: str, event_type: str, event_data: Any = None
    ) -> ParticipantEventRecord:
        """Record a participant event (``leave``, ``speech_start``, ...); returns it."""
        with self._state.lock:
            participants = self._bot_records.of(self._bot_records.participants, bot_id)
            participant = next(p for p in participants if p["id"] == participant_id)
            event = self._bot_records.add_participant_event(
                bot_id, participant, event_type, {} if event_data is None else event_data
            )
            return cast("ParticipantEventRecord", copy.deepcopy(event))

    def set_recording(
        self,
        bot_id: str,
        size: int,
        *,
        content_type: str = "video/mp4",
        start_timestamp_ms: int | None = 1700000000000,
        accept_ranges: bool = True,
        redirects: int = 0,
    ) -> RecordingFile:
        """Give a bot (or an app session) a recording file of ``size`` bytes; returns it.

        ``GET /bots/{id}/recording`` answers 404 ``No recording file found for bot`` until
        the bot has ended, then a fresh signed URL on the storage origin each time (an
        ended bot without a file set here gets one of 1 MiB). The content is deterministic
        and streamed: ``RecordingFile.read``, ``iter_bytes`` and ``sha256`` give it, to
        compare a download with. ``accept_ranges=False`` makes the storage ignore ``Range``
        and answer 200 with the whole file; ``redirects`` makes each URL answer that many
        307 redirects (within the storage origin) before the file. Replacing a file makes
        the old URLs answer 404 ``NoSuchKey``.
        """
        with self._state.lock:
            return self._bot_records.set_file(
                bot_id,
                size,
                content_type=content_type,
                start_timestamp_ms=start_timestamp_ms,
                accept_ranges=accept_ranges,
                redirects=redirects,
            )

    def recording_file(self, bot_id: str) -> RecordingFile | None:
        """The file behind a bot's recording: the one ``set_recording`` gave it, the default
        one made when its URL was first asked for, or None."""
        with self._state.lock:
            return self._bot_records.files.get(bot_id)

    # --- app sessions ------------------------------------------------------------------

    def add_app_session(self, **fields: Unpack[AppSessionFields]) -> AppSessionRecord:
        """Store a new app session, ``connecting`` with an ``app_session_connection_requested``
        event (a fresh ``app_`` id and stream id unless given), and return it as the API
        serves it. It is a bot too: ``advance_bot`` moves it (connecting -> connected ->
        disconnecting -> post_processing -> ended), ``set_recording`` gives it media.
        Raises TypeError for a field an app session does not have."""
        with self._state.lock:
            session = self._app_sessions.new(fields)
            return cast("AppSessionRecord", copy.deepcopy(self._app_sessions.as_json(session)))

    @property
    def app_sessions(self) -> list[AppSessionRecord]:
        """The stored app sessions, oldest first, as the API serves them."""
        with self._state.lock:
            return cast("list[AppSessionRecord]", copy.deepcopy(self._app_sessions.all()))

    # --- async transcriptions --------------------------------------------------------------

    @property
    def async_transcription_enabled(self) -> bool:
        """Whether the account may create async transcriptions (True; False: every create
        answers ``Async transcription is not enabled for your account.``)."""
        return self._transcriptions.enabled

    @async_transcription_enabled.setter
    def async_transcription_enabled(self, enabled: bool) -> None:
        self._transcriptions.enabled = enabled

    def async_transcriptions(self, bot_id: str | None = None) -> list[AsyncTranscriptionRecord]:
        """The async transcriptions (of one bot or app session, or all), oldest first."""
        with self._state.lock:
            found = [
                t
                for t in self._transcriptions.by_id.values()
                if bot_id is None or t["bot_id"] == bot_id
            ]
            return cast("list[AsyncTranscriptionRecord]", copy.deepcopy(found))

    def advance_async_transcription(
        self,
        transcription_id: str,
        to: str = "complete",
        *,
        failure_data: Mapping[str, Any] | None = None,
    ) -> AsyncTranscriptionRecord:
        """Move an async transcription as the server's worker does: ``not_started`` ->
        ``in_progress`` -> ``complete``, or to ``failed`` (with ``failure_data``, by default
        ``{"failure_reasons": ["internal_error"]}``) from either of the first two. Each change
        sends the ``async_transcription.state_change`` webhook. Returns it.

        Raises ValueError for a move the server never makes, KeyError for an unknown id.
        """
        with self._state.lock:
            transcription = self._transcriptions.known(transcription_id)
            self._transcriptions.advance(transcription, to, failure_data)
            return cast("AsyncTranscriptionRecord", copy.deepcopy(transcription))

    def add_async_utterance(
        self, transcription_id: str, text: str, **fields: Unpack[UtteranceFields]
    ) -> UtteranceRecord:
        """Add an utterance to an async transcription's transcript (what
        ``GET .../transcript?async_transcription_id=`` answers once it is complete)."""
        with self._state.lock:
            utterance = self._transcriptions.add_utterance(transcription_id, text, fields)
            return cast("UtteranceRecord", copy.deepcopy(utterance))

    # --- Zoom OAuth connections ------------------------------------------------------------

    def add_connection(self, **fields: Unpack[ConnectionFields]) -> ConnectionRecord:
        """Store a new connection (newest of all) and return its JSON object.

        Fields not given get plausible values: a fresh ``zoc_`` id, ``connected``, ...;
        a datetime value is written as the server writes it. Raises TypeError for a field a
        connection does not have.
        """
        with self._state.lock:
            connection = self._connections.new(fields)
            self._connections.put(connection)
            return cast("ConnectionRecord", copy.deepcopy(connection))

    def add_connections(self, count: int) -> list[ConnectionRecord]:
        """Store ``count`` new connections; returns them oldest first."""
        return [self.add_connection() for _ in range(count)]

    def add_authorization_code(self, code: str, **fields: Unpack[ConnectionFields]) -> None:
        """Let one create exchange ``code``; the new connection gets ``fields`` (checked as
        ``add_connection`` checks them)."""
        with self._state.lock:
            checked = check_fields(fields, DOCUMENTED_EXAMPLE, "a Zoom OAuth connection")
            self._connections.codes[code] = checked

    @property
    def connections(self) -> list[ConnectionRecord]:
        """The stored connections, newest first."""
        with self._state.lock:
            return cast("list[ConnectionRecord]", copy.deepcopy(self._connections.newest_first()))

    def disconnect_connection(self, connection_id: str, reason: str = "invalid_grant") -> None:
        """Turn a connection ``disconnected``, as a failed token refresh does."""
        with self._state.lock:
            self._connections.disconnect(connection_id, reason)

    # --- calendars -----------------------------------------------------------------------

    def add_calendar(self, **fields: Unpack[CalendarFields]) -> CalendarRecord:
        """Store a new calendar (``connected``) and return its JSON object. Raises TypeError
        for a field a calendar does not have; datetimes are accepted."""
        with self._state.lock:
            return cast("CalendarRecord", copy.deepcopy(self._calendars.new(fields)))

    @property
    def calendars(self) -> list[CalendarRecord]:
        """The stored calendars, newest first."""
        with self._state.lock:
            return cast("list[CalendarRecord]", copy.deepcopy(self._calendars.newest_first()))

    def add_calendar_event(
        self, calendar_id: str, **fields: Unpack[CalendarEventFields]
    ) -> CalendarEventRecord:
        """Store an event of a calendar, as a sync would find it; returns it. Raises
        TypeError for a field an event does not have, KeyError for an unknown calendar."""
        with self._state.lock:
            event = self._calendars.new_event(calendar_id, fields)
            return cast("CalendarEventRecord", copy.deepcopy(event))

    def disconnect_calendar(self, calendar_id: str, error: str = "invalid_grant") -> CalendarRecord:
        """Turn a calendar ``disconnected``, as a sync whose credentials fail does."""
        with self._state.lock:
            calendar = self._calendars.disconnect(calendar_id, error)
            return cast("CalendarRecord", copy.deepcopy(calendar))
