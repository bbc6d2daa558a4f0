"""Realtime media: hear a meeting through the bot's websockets and speak into it.

The bot dials *your* server (the URLs in ``websocket_settings``) and sends JSON frames;
this package types them (``parse_frame``), receives them (``serve`` on ``websockets``, or
``asgi_app`` under any ASGI server), paces the audio you send back at real time so it can be
interrupted, and checks who calls (``signed_url``). ``serve`` needs the ``realtime`` extra
(``pip install 'attendee-client[realtime]'``); nothing here imports ``websockets`` until a
receiver starts. See docs/realtime.md.
"""

from __future__ import annotations

from attendee_client.realtime._asgi import asgi_app
from attendee_client.realtime._auth import GRACE_SECONDS, signed_url, verify_url
from attendee_client.realtime._directory import ParticipantDirectory
from attendee_client.realtime._frames import (
    AudioChunk,
    Frame,
    FrameError,
    ParticipantAudioChunk,
    UnknownFrame,
    VideoFrame,
    VideoSource,
    bot_audio_message,
    frame_message,
    parse_frame,
)
from attendee_client.realtime._pacing import LEAD_SECONDS, PIECE_SECONDS, AudioPacer
from attendee_client.realtime._server import RealtimeServer, serve
from attendee_client.realtime._session import (
    MAX_PENDING_BYTES,
    MAX_PENDING_FRAMES,
    Handler,
    RealtimeSession,
)
from attendee_client.realtime._wav import WavRecorder, chunk_duration, write_wav

__all__ = [
    "GRACE_SECONDS",
    "LEAD_SECONDS",
    "MAX_PENDING_BYTES",
    "MAX_PENDING_FRAMES",
    "PIECE_SECONDS",
    "AudioChunk",
    "AudioPacer",
    "Frame",
    "FrameError",
    "Handler",
    "ParticipantAudioChunk",
    "ParticipantDirectory",
    "RealtimeServer",
    "RealtimeSession",
    "UnknownFrame",
    "VideoFrame",
    "VideoSource",
    "WavRecorder",
    "asgi_app",
    "bot_audio_message",
    "chunk_duration",
    "frame_message",
    "parse_frame",
    "serve",
    "signed_url",
    "verify_url",
    "write_wav",
]
