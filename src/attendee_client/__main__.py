"""``python -m attendee_client``: the ``attendee`` command line."""

import sys

from attendee_client.cli import main

if __name__ == "__main__":
    sys.exit(main())
