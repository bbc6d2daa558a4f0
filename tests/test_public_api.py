"""The names users import are pinned: removing or renaming one is a breaking change."""

from __future__ import annotations

import attendee_client
import attendee_client.testing


def test_public_names_are_pinned() -> None:
    assert sorted(attendee_client.__all__) == sorted(
        [
            "NOT_GIVEN",
            "APIConnectionError",
            "APIResponseValidationError",
            "APIStatusError",
            "APITimeoutError",
            "AsyncAttendeeClient",
            "AsyncPager",
            "AttendeeClient",
            "AttendeeError",
            "AuthenticationError",
            "BadRequestError",
            "ConflictError",
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
        "DOCUMENTED_EXAMPLE",
        "FakeAttendeeServer",
        "Fault",
        "RecordedRequest",
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
