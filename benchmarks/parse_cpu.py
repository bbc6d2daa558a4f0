"""Parsing against a generated client's ``from_dict``, in CPU time: the best of 15 rounds.

    python benchmarks/parse_cpu.py

The two contenders alternate, 15 rounds each. On a shared machine, wall time moves with the
other processes; the process's CPU time (``time.process_time``) much less. Prints, for one
connection, a page of 25 connections and a 10,000-utterance transcript, the SDK's time over a
generated client's (``run.py``'s ``generated_*_from_dict``: ``json.loads``, then the attrs
class called with no checks).
Run it with ``PYTHONPATH=<other checkout>/src`` to compare two versions of the SDK.
"""

from __future__ import annotations

import json
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import (  # the benchmark's own module, found through the path above
    generated_connection_from_dict,
    generated_utterance_from_dict,
    transcript_body,
)

from attendee_client import TranscriptUtterance, ZoomOAuthConnection, _response, _serde

FIXTURE = Path(__file__).parent.parent / "tests" / "fixtures" / "zoom_oauth_connection.json"


def best_of_rounds(
    first: Callable[[], object], second: Callable[[], object], operations: int
) -> tuple[float, float]:
    """The fastest of 15 rounds of each, alternating, in CPU seconds per operation."""
    timers = [timeit.Timer(function, timer=time.process_time) for function in (first, second)]
    times: list[list[float]] = [[], []]
    for _ in range(15):
        for index, timer in enumerate(timers):
            times[index].append(timer.timeit(operations) / operations)
    return min(times[0]), min(times[1])


def main() -> None:
    body = json.dumps(json.loads(FIXTURE.read_bytes()), separators=(",", ":")).encode()
    page = json.dumps({"next": None, "results": [json.loads(body)] * 25}).encode()
    transcript = transcript_body(10_000)
    rows: dict[str, tuple[Callable[[], object], Callable[[], object], int]] = {
        "one connection, from_dict": (
            lambda: generated_connection_from_dict(json.loads(body)),
            lambda: ZoomOAuthConnection.from_dict(json.loads(body)),
            20_000,
        ),
        "one connection, the SDK's path (bytes to model)": (
            lambda: generated_connection_from_dict(json.loads(body)),
            lambda: _serde.structure(_response.decode_json(body), ZoomOAuthConnection),
            20_000,
        ),
        "a page of 25 connections, the SDK's path": (
            lambda: [generated_connection_from_dict(x) for x in json.loads(page)["results"]],
            lambda: _serde.structure_list(
                _response.decode_json(page)["results"], ZoomOAuthConnection
            ),
            2_000,
        ),
        "10,000-utterance transcript, from_dict": (
            lambda: [generated_utterance_from_dict(x) for x in json.loads(transcript)],
            lambda: [TranscriptUtterance.from_dict(x) for x in json.loads(transcript)],
            3,
        ),
        "10,000-utterance transcript, the SDK's path": (
            lambda: [generated_utterance_from_dict(x) for x in json.loads(transcript)],
            lambda: _serde.structure_list(_response.decode_json(transcript), TranscriptUtterance),
            3,
        ),
    }
    for name, (generated, ours, operations) in rows.items():
        floor, sdk = best_of_rounds(generated, ours, operations)
        print(
            f"{name:50} generated {floor * 1e6:10.2f} us  sdk {sdk * 1e6:10.2f} us  "
            f"{sdk / floor:.3f}x"
        )


if __name__ == "__main__":
    main()
