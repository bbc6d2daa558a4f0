"""``attendee``: the Attendee API from a shell, built on the SDK's public API.

    attendee bots create https://meet.google.com/abc-defg-hij --name Notes --wait
    attendee bots transcript bot_... --format srt -o meeting.srt

``main(argv, runtime)`` runs it; ``Runtime`` holds what a test replaces (streams,
environment, clock, sleeper, and ``client_factory``, which makes the client from
``ClientOptions``). ``import attendee_client`` does not import this package.
"""

from attendee_client.cli._context import ClientOptions, Runtime, default_client_factory
from attendee_client.cli._main import main

__all__ = ["ClientOptions", "Runtime", "default_client_factory", "main"]
