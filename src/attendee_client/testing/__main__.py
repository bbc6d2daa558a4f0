"""Run the fake Attendee server from a shell, for manual tries or tests in another process.

    python -m attendee_client.testing [--api-key KEY] [--port PORT] [--connections N]

Prints the base URL on the first line of standard output, then serves until standard input
closes or the process is interrupted.
"""

from __future__ import annotations

import argparse
import sys

from attendee_client.testing._server import FakeAttendeeServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m attendee_client.testing")
    parser.add_argument("--api-key", default="test-api-key")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--connections", type=int, default=0, help="extra connections to add")
    options = parser.parse_args(argv)
    server = FakeAttendeeServer(api_key=options.api_key).start(options.port)
    try:
        server.add_connections(options.connections)
        print(server.base_url, flush=True)
        sys.stdin.read()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
