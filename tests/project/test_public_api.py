"""The names users import are pinned: removing or renaming one is a breaking change."""

from __future__ import annotations

import attendee_client
import attendee_client.testing


def test_public_names_are_pinned() -> None:
    assert sorted(attendee_client.__all__) == sorted(
        [
            "NOT_GIVEN",
            "APIConnectionError",
            "AppSession",
            "AsyncTranscription",
            "AsyncTranscriptionState",
            "BotFailedError",
            "DownloadError",
            "PollOptions",
            "WaitTimeoutError",
            "zoom_rtms_from_webhook",
            "Bot",
            "BotEvent",
            "BotEventSubType",
            "BotEventType",
            "BotState",
            "BotStateName",
            "Calendar",
            "CalendarEvent",
            "CalendarPlatform",
            "CalendarState",
            "ChatMessage",
            "ChatMessageTo",
            "Participant",
            "ParticipantEvent",
            "ParticipantEventType",
            "Recording",
            "RecordingState",
            "TranscriptUtterance",
            "TranscriptionState",
            "APIResponseValidationError",
            "APIStatusError",
            "APITimeoutError",
            "AsyncAttendeeClient",
            "AsyncPager",
            "AttendeeClient",
            "AttendeeError",
            "AuthenticationError",
            "BadRequestError",
            "ClientClosedError",
            "ConflictError",
            "DefaultAioHttpClient",
            "DefaultAsyncHttpxClient",
            "DefaultHttpxClient",
            "InternalServerError",
            "NotFoundError",
            "NotGiven",
            "Page",
            "PaginationLoopError",
            "PermissionDeniedError",
            "RateLimitError",
            "RawResponse",
            "RequestOptions",
            "SyncPager",
            "UnprocessableEntityError",
            "ZoomOAuthConnection",
            "ZoomOAuthConnectionState",
            "__version__",
        ]
    )
    for name in attendee_client.__all__:
        assert getattr(attendee_client, name) is not None


def test_testing_names_are_pinned() -> None:
    assert sorted(attendee_client.testing.__all__) == [
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
        "DOCUMENTED_EXAMPLE",
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


def test_every_error_derives_from_attendee_error() -> None:
    errors = [getattr(attendee_client, n) for n in attendee_client.__all__ if n.endswith("Error")]
    assert errors
    for error in errors:
        assert issubclass(error, attendee_client.AttendeeError)


def test_not_given_is_falsy_and_prints_its_name() -> None:
    assert not attendee_client.NOT_GIVEN
    assert repr(attendee_client.NOT_GIVEN) == "NOT_GIVEN"


def test_package_ships_py_typed() -> None:
    from importlib.resources import files

    assert files("attendee_client").joinpath("py.typed").is_file()


def test_every_model_is_also_in_types_and_lazily_importable() -> None:
    import subprocess
    import sys

    import attendee_client.types

    bases = {"Model", "ExtensibleEnum"}  # public in attendee_client.types only
    for name in set(attendee_client.types.__all__) - bases:
        assert getattr(attendee_client, name) is getattr(attendee_client.types, name)
    assert set(attendee_client.types.__all__) - set(attendee_client.__all__) == bases
    # Importing the package does not import the bot and calendar models.
    code = "import sys, attendee_client; print('attendee_client.types.bots' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    import pytest

    with pytest.raises(AttributeError, match="NoSuchThing"):
        attendee_client.NoSuchThing  # noqa: B018


def test_the_resource_modules_keep_their_public_paths() -> None:
    from attendee_client.resources import app_sessions, bots, calendars, zoom_oauth_connections
    from attendee_client.resources._async import bots as async_source
    from attendee_client.resources._sync import bots as sync_generated

    assert bots.Bots is sync_generated.Bots
    assert bots.AsyncBots is async_source.AsyncBots
    assert calendars.Calendars.__name__ == "Calendars"
    assert zoom_oauth_connections.AsyncZoomOAuthConnections.__name__.startswith("Async")
    assert app_sessions.AppSessions.__name__ == "AppSessions"
    assert attendee_client.zoom_rtms_from_webhook.__module__ == "attendee_client.zoom_rtms"
