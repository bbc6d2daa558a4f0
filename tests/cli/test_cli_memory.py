"""``attendee bots list --json`` over 10,000 bots writes them as their pages arrive: the
memory it takes stays that of a page, whatever the length of the list. The fake serves from
another process (``attendee fake``), so only the command line's memory is traced."""

from __future__ import annotations

import gc
import io
import signal
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager

from attendee_client.cli import Runtime, main

KEY = "memory-test-key-000"
COLLECT_EVERY = 250  # items: ten pages of the fake's 25


class CountingSink(io.StringIO):
    """Standard output that keeps only the length and the last few characters."""

    def __init__(self) -> None:
        super().__init__()
        self.length = 0
        self.items = 0
        self.tail = ""

    def write(self, text: str) -> int:
        self.length += len(text)
        self.tail = (self.tail + text)[-200:]
        if text.startswith("{"):
            self.items += 1
            if self.items % COLLECT_EVERY == 0:
                # httpx leaves each response in a reference cycle with its stream, freed only
                # by the garbage collector, whose schedule differs by Python version and heap:
                # collected every ten pages, the peak is what the command holds.
                gc.collect()
        return len(text)


@contextmanager
def fake_with_bots(count: int) -> Iterator[dict[str, str]]:
    server = subprocess.Popen(
        [sys.executable, "-m", "attendee_client", "fake", "--bots", str(count), "--api-key", KEY],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().strip()
        server.stdout.readline()
        yield {"ATTENDEE_API_KEY": KEY, "ATTENDEE_BASE_URL": base_url}
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)


def peak_while_listing(count: int) -> tuple[int, CountingSink]:
    with fake_with_bots(count) as environ:
        warm = Runtime(stdout=CountingSink(), stderr=io.StringIO(), environ=environ)
        assert main(["bots", "list", "--json", "--limit", "30"], warm) == 0  # caches filled
        sink = CountingSink()
        gc.collect()
        gc.freeze()  # the test process's own heap: out of the collections the sink asks for
        tracemalloc.start()
        try:
            code = main(["bots", "list", "--json"], Runtime(stdout=sink, environ=environ))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            gc.unfreeze()
    assert code == 0
    return peak, sink


def test_a_json_list_of_10000_takes_the_memory_of_a_page() -> None:
    small_peak, _ = peak_while_listing(1_000)
    peak, sink = peak_while_listing(10_000)

    assert sink.items == 10_000  # 10,000 bots of JSON went out ...
    assert sink.length > 3_000_000
    assert sink.tail.endswith('"deduplication_key": null}\n]\n')
    assert peak < 1_500_000  # ... never held at once
    assert peak < small_peak + 500_000  # ten times the bots, about the same memory
