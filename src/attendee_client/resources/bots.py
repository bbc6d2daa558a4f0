"""``client.bots``: send bots to meetings, steer them, and read what they recorded."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from attendee_client import _validation as check
from attendee_client._request import RequestOptions, path
from attendee_client._resource import (
    NOTHING,
    AsyncAPIResource,
    RawResource,
    SyncAPIResource,
    array,
    async_raw,
    model,
    raw,
)
from attendee_client._retry import Retry
from attendee_client.errors import BadRequestError
from attendee_client.pagination import AsyncPager, Page, SyncPager
from attendee_client.types.bots import (
    Bot,
    BotState,
    ChatMessage,
    Participant,
    ParticipantEvent,
    Recording,
    TranscriptUtterance,
)
from attendee_client.types.params import (
    BotChatMessage,
    BotImage,
    CallbackSettings,
    ExternalMediaStorageSettings,
    RecordingSettings,
    RtmpSettings,
    TextToSpeechSettings,
    VoiceAgentSettings,
    WebhookSubscription,
    WebsocketSettings,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["AsyncBots", "AsyncBotsWithRawResponse", "Bots", "BotsWithRawResponse"]

BOTS = "/api/v1/bots"
BOT = BOTS + "/{bot_id}"

# --- argument checks: what each body may hold, checked before anything is sent ------------

_bot_image = check.shape(
    {"type": check.one_of("image/png", "image/jpeg"), "data": check.base64_data}
)
_chat_message = check.shape(
    {"message": check.basic_text},
    {
        "to": check.one_of("everyone", "specific_user", "everyone_but_host"),
        "to_user_uuid": check.require_text,
    },
)
_webhooks = check.list_of(
    check.shape({"url": check.url("https://"), "triggers": check.list_of(check.require_text)}),
    at_most=2,
)
_recording_settings = check.shape(
    {},
    {
        "format": check.one_of("mp4", "mp3", "none"),
        "view": check.one_of("speaker_view", "gallery_view", "speaker_view_no_sidebar"),
        "resolution": check.one_of("1080p", "720p"),
        "record_chat_messages_when_paused": check.flag,
        "reserve_additional_storage": check.flag,
    },
)
_rtmp_settings = check.shape(
    {"destination_url": check.url("rtmp://", "rtmps://"), "stream_key": check.require_text}
)
_websocket_audio = check.shape({"url": check.url("wss://")}, {"sample_rate": check.integer})
_websocket_settings = check.shape(
    {},
    {
        "audio": _websocket_audio,
        "per_participant_audio": _websocket_audio,
        "per_participant_video": check.json_object,
    },
)
_callback_settings = check.shape({}, {"zoom_tokens_url": check.url("https://")})
_external_media_storage = check.shape(
    {"bucket_name": check.require_text}, {"recording_file_name": check.require_text}
)
_voice_agent_settings = check.shape(
    {},
    {
        "url": check.url("https://"),
        "screenshare_url": check.url("https://"),
        "reserve_resources": check.flag,
    },
)
_text_to_speech = check.shape(
    {
        "google": check.shape(
            {"voice_language_code": check.require_text, "voice_name": check.require_text}
        )
    }
)


def _metadata(value: object, argument: str) -> dict[str, str]:
    return check.require_metadata(value, argument)


def _create_body(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The body of a bot create, after checking every argument; raises naming it."""
    if (fields["meeting_url"] is None) == (fields["calendar_event_id"] is None):
        raise ValueError(
            "give exactly one of meeting_url or calendar_event_id (a bot for a calendar "
            "event takes its meeting URL and join time from the event)"
        )
    if fields["calendar_event_id"] is not None and fields["join_at"] is not None:
        raise ValueError("join_at comes from the calendar event; do not give both")
    checks: dict[str, check.Check] = {
        "meeting_url": check.url("https://", "http://"),
        "bot_name": check.basic_text,
        "join_at": check.require_datetime,
        "deduplication_key": check.require_text,
        "metadata": _metadata,
        "calendar_event_id": check.require_text,
        "bot_image": _bot_image,
        "bot_chat_message": _chat_message,
        "webhooks": _webhooks,
        "transcription_settings": check.json_object,
        "recording_settings": _recording_settings,
        "rtmp_settings": _rtmp_settings,
        "websocket_settings": _websocket_settings,
        "automatic_leave_settings": check.json_object,
        "google_meet_settings": check.json_object,
        "teams_settings": check.json_object,
        "zoom_settings": check.json_object,
        "callback_settings": _callback_settings,
        "external_media_storage_settings": _external_media_storage,
        "voice_agent_settings": _voice_agent_settings,
        "debug_settings": check.json_object,
        "kubernetes_settings": check.json_object,
    }
    if fields["bot_name"] is None:
        raise TypeError("bot_name is required")
    return check.body(**{name: (fields[name], checks[name]) for name in checks})


def _update_body(fields: Mapping[str, Any]) -> dict[str, Any]:
    return check.body(
        join_at=(fields["join_at"], check.require_datetime),
        meeting_url=(fields["meeting_url"], check.url("https://", "http://")),
        bot_name=(fields["bot_name"], check.basic_text),
        bot_image=(fields["bot_image"], _bot_image),
        recording_settings=(fields["recording_settings"], _recording_settings),
        metadata=(fields["metadata"], _metadata),
    )


def _list_query(
    meeting_url: str | None,
    deduplication_key: str | None,
    states: Sequence[BotState | str] | None,
    join_at_after: datetime | None,
    join_at_before: datetime | None,
) -> dict[str, object]:
    if states is not None:
        states = check.list_of(check.one_of(*(state.value for state in BotState)))(states, "states")
    return {
        "meeting_url": meeting_url,
        "deduplication_key": deduplication_key,
        "states": states,
        "join_at_after": join_at_after,
        "join_at_before": join_at_before,
    }


def _output_video_body(url: str, loop: bool, mute_video: bool) -> dict[str, Any]:
    text = check.url("https://")(url, "url")
    if not text.lower().split("?", 1)[0].endswith(".mp4"):
        raise ValueError(f"url must end with .mp4, got {text!r}")
    return {
        "url": text,
        "loop": check.flag(loop, "loop"),
        "mute_video": check.flag(mute_video, "mute_video"),
    }


def _voice_agent_body(url: str | None, screenshare_url: str | None) -> dict[str, Any]:
    if (url is None) == (screenshare_url is None):
        raise ValueError('give exactly one of url or screenshare_url ("" turns it off)')
    name, value = ("url", url) if url is not None else ("screenshare_url", screenshare_url)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return {name: value if value == "" else check.url("https://")(value, name)}


def _chat_body(message: str, to: str, to_user_uuid: str | None) -> dict[str, Any]:
    body: dict[str, Any] = _chat_message(
        {"message": message, "to": to, **({"to_user_uuid": to_user_uuid} if to_user_uuid else {})},
        "chat message",
    )
    if (body["to"] == "specific_user") != ("to_user_uuid" in body):
        raise ValueError("to_user_uuid is needed exactly when to is 'specific_user'")
    return body


def _create_policy(deduplication_key: str | None) -> Retry:
    # With a deduplication key the server refuses a second live bot, so a create is safe
    # to repeat; without one, a repeat could send a second bot into the meeting.
    return Retry.SENT_ONCE if deduplication_key is None else Retry.SAFE


_CREATE_HINT = (
    "the bot may exist: list bots with meeting_url=... to check, and pass deduplication_key "
    "to make creates safe to retry"
)
_DEDUPLICATION_KEY_IN_USE = "Deduplication key already in use"


def _repeated_create(error: BadRequestError) -> bool:
    """Whether a retried create was refused because an earlier attempt made the bot."""
    return error.attempts > 1 and _DEDUPLICATION_KEY_IN_USE in error.message


def _live_bot(page: Page[Bot], error: BadRequestError) -> Bot:
    """The non-final bot holding the key (keys of ended bots also match)."""
    for bot in page.items:
        if not (isinstance(bot.state, BotState) and bot.state.is_final):
            return bot
    raise error


_MEDIA_FORMATS = ("audio/mp3",)


def _gallery_body(direction: str) -> dict[str, Any]:
    return {"direction": check.one_of("next", "previous")(direction, "direction")}


def _speech_body(text: str, text_to_speech_settings: TextToSpeechSettings) -> dict[str, Any]:
    return {
        "text": check.require_text(text, "text"),
        "text_to_speech_settings": _text_to_speech(
            text_to_speech_settings, "text_to_speech_settings"
        ),
    }


def _audio_body(data: bytes | str, content_type: str) -> dict[str, Any]:
    return {
        "type": check.one_of(*_MEDIA_FORMATS)(content_type, "content_type"),
        "data": check.base64_data(data, "data"),
    }


def _image_body(data: bytes | str, content_type: str) -> dict[str, Any]:
    body: dict[str, Any] = _bot_image({"type": content_type, "data": data}, "image")
    return body


def _transcription_settings_body(transcription_settings: Mapping[str, Any]) -> dict[str, Any]:
    settings = check.json_object(transcription_settings, "transcription_settings")
    return {"transcription_settings": settings}


def _transcript_query(
    updated_after: datetime | None, split_on_turns: bool | None, async_transcription_id: str | None
) -> dict[str, object]:
    if split_on_turns is not None:
        check.flag(split_on_turns, "split_on_turns")
    # The server reads exactly "true"; anything else is the default.
    return {
        "updated_after": updated_after,
        "split_on_turns": True if split_on_turns else None,
        "async_transcription_id": async_transcription_id,
    }


class Bots(SyncAPIResource):
    """The bots of the project: create, read, steer, and read what they recorded."""

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
        transcription_settings: Mapping[str, Any] | None = None,
        recording_settings: RecordingSettings | None = None,
        rtmp_settings: RtmpSettings | None = None,
        websocket_settings: WebsocketSettings | None = None,
        automatic_leave_settings: Mapping[str, Any] | None = None,
        google_meet_settings: Mapping[str, Any] | None = None,
        teams_settings: Mapping[str, Any] | None = None,
        zoom_settings: Mapping[str, Any] | None = None,
        callback_settings: CallbackSettings | None = None,
        external_media_storage_settings: ExternalMediaStorageSettings | None = None,
        voice_agent_settings: VoiceAgentSettings | None = None,
        debug_settings: Mapping[str, Any] | None = None,
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
        body = _create_body(locals())
        try:
            return self._send(
                "POST",
                BOTS,
                model(Bot),
                options,
                body=body,
                retry=_create_policy(deduplication_key),
                outcome_hint=_CREATE_HINT,
            )
        except BadRequestError as error:
            if not _repeated_create(error):
                raise
            return _live_bot(self.list_page(deduplication_key=deduplication_key), error)

    def get(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Fetch one bot. Raises NotFoundError (``Bot not found``) for an unknown id."""
        return self._get(path(BOT, bot_id=bot_id), model(Bot), options)

    def list_page(
        self,
        *,
        cursor: str | None = None,
        meeting_url: str | None = None,
        deduplication_key: str | None = None,
        states: Sequence[BotState | str] | None = None,
        join_at_after: datetime | None = None,
        join_at_before: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> Page[Bot]:
        """One page of up to 25 bots, oldest first, filtered (``states`` any of; the
        ``join_at`` bounds are strict). Raises BadRequestError for a bad filter value."""
        query = _list_query(meeting_url, deduplication_key, states, join_at_after, join_at_before)
        return self._page(BOTS, Bot, cursor, options, query)

    def list(
        self,
        *,
        meeting_url: str | None = None,
        deduplication_key: str | None = None,
        states: Sequence[BotState | str] | None = None,
        join_at_after: datetime | None = None,
        join_at_before: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPager[Bot]:
        """Every bot matching the filters, oldest first, a page at a time."""
        query = _list_query(meeting_url, deduplication_key, states, join_at_after, join_at_before)
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
        body = _update_body(locals())
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

    def pause_recording(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Pause the recording (bot ``joined_recording_paused``); BadRequestError otherwise."""
        return self._send(
            "POST", path(BOT + "/pause_recording", bot_id=bot_id), model(Bot), options
        )

    def resume_recording(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Resume a paused recording (bot ``joined_recording``); BadRequestError otherwise."""
        return self._send(
            "POST", path(BOT + "/resume_recording", bot_id=bot_id), model(Bot), options
        )

    def admit_from_waiting_room(self, bot_id: str, **options: Unpack[RequestOptions]) -> None:
        """Admit everyone in the Zoom waiting room (queued for the bot; Zoom only)."""
        return self._send(
            "POST", path(BOT + "/admit_from_waiting_room", bot_id=bot_id), NOTHING, options
        )

    def change_gallery_view_page(
        self,
        bot_id: str,
        *,
        direction: Literal["next", "previous"] = "next",
        **options: Unpack[RequestOptions],
    ) -> None:
        """Show the next or previous page of the gallery view (Zoom web SDK only)."""
        body = _gallery_body(direction)
        return self._send(
            "POST",
            path(BOT + "/change_gallery_view_page", bot_id=bot_id),
            NOTHING,
            options,
            body=body,
        )

    def send_chat_message(
        self,
        bot_id: str,
        *,
        message: str,
        to: Literal["everyone", "specific_user", "everyone_but_host"] = "everyone",
        to_user_uuid: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Post a chat message (queued for the bot, which must be in the meeting)."""
        body = _chat_body(message, to, to_user_uuid)
        return self._send(
            "POST", path(BOT + "/send_chat_message", bot_id=bot_id), NOTHING, options, body=body
        )

    def speech(
        self,
        bot_id: str,
        *,
        text: str,
        text_to_speech_settings: TextToSpeechSettings,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Say ``text`` in the meeting with a Google voice (credentials in the project)."""
        body = _speech_body(text, text_to_speech_settings)
        return self._send("POST", path(BOT + "/speech", bot_id=bot_id), NOTHING, options, body=body)

    def output_audio(
        self,
        bot_id: str,
        data: bytes | str,
        *,
        content_type: Literal["audio/mp3"] = "audio/mp3",
        **options: Unpack[RequestOptions],
    ) -> None:
        """Play MP3 audio (bytes, or base64 text) in the meeting; the server accepts only
        ``audio/mp3``."""
        body = _audio_body(data, content_type)
        return self._send(
            "POST", path(BOT + "/output_audio", bot_id=bot_id), NOTHING, options, body=body
        )

    def output_image(
        self,
        bot_id: str,
        data: bytes | str,
        *,
        content_type: Literal["image/png", "image/jpeg"],
        **options: Unpack[RequestOptions],
    ) -> None:
        """Show a PNG or JPEG image (bytes, or base64 text) as the bot's video."""
        body = _image_body(data, content_type)
        return self._send(
            "POST", path(BOT + "/output_image", bot_id=bot_id), NOTHING, options, body=body
        )

    def output_video(
        self,
        bot_id: str,
        *,
        url: str,
        loop: bool = False,
        mute_video: bool = False,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Play an MP4 video from an ``https://`` URL ending in ``.mp4``."""
        body = _output_video_body(url, loop, mute_video)
        return self._send(
            "POST", path(BOT + "/output_video", bot_id=bot_id), NOTHING, options, body=body
        )

    def update_transcription_settings(
        self,
        bot_id: str,
        *,
        transcription_settings: Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> None:
        """Change the closed-caption language mid-meeting
        (``{"meeting_closed_captions": {"google_meet_language": "fr-FR"}}``)."""
        body = _transcription_settings_body(transcription_settings)
        return self._send(
            "PATCH",
            path(BOT + "/transcription_settings", bot_id=bot_id),
            NOTHING,
            options,
            body=body,
        )

    def update_voice_agent_settings(
        self,
        bot_id: str,
        *,
        url: str | None = None,
        screenshare_url: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Start, change or stop (``""``) the voice agent page; give exactly one URL. The
        bot must have been created with ``voice_agent_settings.reserve_resources``."""
        body = _voice_agent_body(url, screenshare_url)
        return self._send(
            "PATCH", path(BOT + "/voice_agent_settings", bot_id=bot_id), NOTHING, options, body=body
        )

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
        query = _transcript_query(updated_after, split_on_turns, async_transcription_id)
        return self._get(
            path(BOT + "/transcript", bot_id=bot_id),
            array(TranscriptUtterance),
            options,
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


class AsyncBots(AsyncAPIResource):
    """The bots of the project, for asyncio; see ``Bots``."""

    async def create(
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
        transcription_settings: Mapping[str, Any] | None = None,
        recording_settings: RecordingSettings | None = None,
        rtmp_settings: RtmpSettings | None = None,
        websocket_settings: WebsocketSettings | None = None,
        automatic_leave_settings: Mapping[str, Any] | None = None,
        google_meet_settings: Mapping[str, Any] | None = None,
        teams_settings: Mapping[str, Any] | None = None,
        zoom_settings: Mapping[str, Any] | None = None,
        callback_settings: CallbackSettings | None = None,
        external_media_storage_settings: ExternalMediaStorageSettings | None = None,
        voice_agent_settings: VoiceAgentSettings | None = None,
        debug_settings: Mapping[str, Any] | None = None,
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
        body = _create_body(locals())
        try:
            return await self._send(
                "POST",
                BOTS,
                model(Bot),
                options,
                body=body,
                retry=_create_policy(deduplication_key),
                outcome_hint=_CREATE_HINT,
            )
        except BadRequestError as error:
            if not _repeated_create(error):
                raise
            return _live_bot(await self.list_page(deduplication_key=deduplication_key), error)

    async def get(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Fetch one bot. Raises NotFoundError (``Bot not found``) for an unknown id."""
        return await self._get(path(BOT, bot_id=bot_id), model(Bot), options)

    async def list_page(
        self,
        *,
        cursor: str | None = None,
        meeting_url: str | None = None,
        deduplication_key: str | None = None,
        states: Sequence[BotState | str] | None = None,
        join_at_after: datetime | None = None,
        join_at_before: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> Page[Bot]:
        """One page of up to 25 bots, oldest first, filtered (``states`` any of; the
        ``join_at`` bounds are strict). Raises BadRequestError for a bad filter value."""
        query = _list_query(meeting_url, deduplication_key, states, join_at_after, join_at_before)
        return await self._page(BOTS, Bot, cursor, options, query)

    def list(
        self,
        *,
        meeting_url: str | None = None,
        deduplication_key: str | None = None,
        states: Sequence[BotState | str] | None = None,
        join_at_after: datetime | None = None,
        join_at_before: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Bot]:
        """Every bot matching the filters, oldest first, a page at a time."""
        query = _list_query(meeting_url, deduplication_key, states, join_at_after, join_at_before)
        return self._pager(BOTS, Bot, options, query)

    async def update(
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
        body = _update_body(locals())
        return await self._send("PATCH", path(BOT, bot_id=bot_id), model(Bot), options, body=body)

    async def delete(self, bot_id: str, **options: Unpack[RequestOptions]) -> None:
        """Cancel a ``scheduled`` bot (others: BadRequestError; use ``leave``). A retry
        that meets 404 after an attempt that may have deleted it counts as success."""
        return await self._send(
            "DELETE", path(BOT, bot_id=bot_id), NOTHING, options, retry=Retry.SAFE
        )

    async def leave(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Ask a bot in a meeting to leave; the bot comes back ``leaving``. BadRequestError
        in any other state (a scheduled bot is cancelled with ``delete``)."""
        return await self._send("POST", path(BOT + "/leave", bot_id=bot_id), model(Bot), options)

    async def delete_data(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Delete what a finished bot recorded; the bot comes back ``data_deleted``.
        BadRequestError before the bot has ended."""
        return await self._send(
            "POST", path(BOT + "/delete_data", bot_id=bot_id), model(Bot), options
        )

    async def pause_recording(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Pause the recording (bot ``joined_recording_paused``); BadRequestError otherwise."""
        return await self._send(
            "POST", path(BOT + "/pause_recording", bot_id=bot_id), model(Bot), options
        )

    async def resume_recording(self, bot_id: str, **options: Unpack[RequestOptions]) -> Bot:
        """Resume a paused recording (bot ``joined_recording``); BadRequestError otherwise."""
        return await self._send(
            "POST", path(BOT + "/resume_recording", bot_id=bot_id), model(Bot), options
        )

    async def admit_from_waiting_room(self, bot_id: str, **options: Unpack[RequestOptions]) -> None:
        """Admit everyone in the Zoom waiting room (queued for the bot; Zoom only)."""
        return await self._send(
            "POST", path(BOT + "/admit_from_waiting_room", bot_id=bot_id), NOTHING, options
        )

    async def change_gallery_view_page(
        self,
        bot_id: str,
        *,
        direction: Literal["next", "previous"] = "next",
        **options: Unpack[RequestOptions],
    ) -> None:
        """Show the next or previous page of the gallery view (Zoom web SDK only)."""
        body = _gallery_body(direction)
        return await self._send(
            "POST",
            path(BOT + "/change_gallery_view_page", bot_id=bot_id),
            NOTHING,
            options,
            body=body,
        )

    async def send_chat_message(
        self,
        bot_id: str,
        *,
        message: str,
        to: Literal["everyone", "specific_user", "everyone_but_host"] = "everyone",
        to_user_uuid: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Post a chat message (queued for the bot, which must be in the meeting)."""
        body = _chat_body(message, to, to_user_uuid)
        return await self._send(
            "POST", path(BOT + "/send_chat_message", bot_id=bot_id), NOTHING, options, body=body
        )

    async def speech(
        self,
        bot_id: str,
        *,
        text: str,
        text_to_speech_settings: TextToSpeechSettings,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Say ``text`` in the meeting with a Google voice (credentials in the project)."""
        body = _speech_body(text, text_to_speech_settings)
        return await self._send(
            "POST", path(BOT + "/speech", bot_id=bot_id), NOTHING, options, body=body
        )

    async def output_audio(
        self,
        bot_id: str,
        data: bytes | str,
        *,
        content_type: Literal["audio/mp3"] = "audio/mp3",
        **options: Unpack[RequestOptions],
    ) -> None:
        """Play MP3 audio (bytes, or base64 text) in the meeting; the server accepts only
        ``audio/mp3``."""
        body = _audio_body(data, content_type)
        return await self._send(
            "POST", path(BOT + "/output_audio", bot_id=bot_id), NOTHING, options, body=body
        )

    async def output_image(
        self,
        bot_id: str,
        data: bytes | str,
        *,
        content_type: Literal["image/png", "image/jpeg"],
        **options: Unpack[RequestOptions],
    ) -> None:
        """Show a PNG or JPEG image (bytes, or base64 text) as the bot's video."""
        body = _image_body(data, content_type)
        return await self._send(
            "POST", path(BOT + "/output_image", bot_id=bot_id), NOTHING, options, body=body
        )

    async def output_video(
        self,
        bot_id: str,
        *,
        url: str,
        loop: bool = False,
        mute_video: bool = False,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Play an MP4 video from an ``https://`` URL ending in ``.mp4``."""
        body = _output_video_body(url, loop, mute_video)
        return await self._send(
            "POST", path(BOT + "/output_video", bot_id=bot_id), NOTHING, options, body=body
        )

    async def update_transcription_settings(
        self,
        bot_id: str,
        *,
        transcription_settings: Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> None:
        """Change the closed-caption language mid-meeting
        (``{"meeting_closed_captions": {"google_meet_language": "fr-FR"}}``)."""
        body = _transcription_settings_body(transcription_settings)
        return await self._send(
            "PATCH",
            path(BOT + "/transcription_settings", bot_id=bot_id),
            NOTHING,
            options,
            body=body,
        )

    async def update_voice_agent_settings(
        self,
        bot_id: str,
        *,
        url: str | None = None,
        screenshare_url: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Start, change or stop (``""``) the voice agent page; give exactly one URL. The
        bot must have been created with ``voice_agent_settings.reserve_resources``."""
        body = _voice_agent_body(url, screenshare_url)
        return await self._send(
            "PATCH", path(BOT + "/voice_agent_settings", bot_id=bot_id), NOTHING, options, body=body
        )

    async def transcript(
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
        query = _transcript_query(updated_after, split_on_turns, async_transcription_id)
        return await self._get(
            path(BOT + "/transcript", bot_id=bot_id),
            array(TranscriptUtterance),
            options,
            query=query,
        )

    async def recording(self, bot_id: str, **options: Unpack[RequestOptions]) -> Recording:
        """Where to download the recording (a short-lived URL). NotFoundError until the
        file exists."""
        return await self._get(path(BOT + "/recording", bot_id=bot_id), model(Recording), options)

    def chat_messages(
        self,
        bot_id: str,
        *,
        updated_after: datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[ChatMessage]:
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
    ) -> AsyncPager[Participant]:
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
    ) -> AsyncPager[ParticipantEvent]:
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
    list_page = raw(Bots.list_page)
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
    recording = raw(Bots.recording)


class AsyncBotsWithRawResponse(RawResource[AsyncBots]):
    """``AsyncBots`` whose methods return a ``RawResponse``."""

    create = async_raw(AsyncBots.create)
    get = async_raw(AsyncBots.get)
    list_page = async_raw(AsyncBots.list_page)
    update = async_raw(AsyncBots.update)
    delete = async_raw(AsyncBots.delete)
    leave = async_raw(AsyncBots.leave)
    delete_data = async_raw(AsyncBots.delete_data)
    pause_recording = async_raw(AsyncBots.pause_recording)
    resume_recording = async_raw(AsyncBots.resume_recording)
    admit_from_waiting_room = async_raw(AsyncBots.admit_from_waiting_room)
    change_gallery_view_page = async_raw(AsyncBots.change_gallery_view_page)
    send_chat_message = async_raw(AsyncBots.send_chat_message)
    speech = async_raw(AsyncBots.speech)
    output_audio = async_raw(AsyncBots.output_audio)
    output_image = async_raw(AsyncBots.output_image)
    output_video = async_raw(AsyncBots.output_video)
    update_transcription_settings = async_raw(AsyncBots.update_transcription_settings)
    update_voice_agent_settings = async_raw(AsyncBots.update_voice_agent_settings)
    transcript = async_raw(AsyncBots.transcript)
    recording = async_raw(AsyncBots.recording)
