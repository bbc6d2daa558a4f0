"""attendee-client against the raw-httpx floor, in one run, contenders interleaved in rounds.

    python benchmarks/run.py            # the full suite (a few minutes)
    python benchmarks/run.py --quick    # a smoke run, under a minute
    python benchmarks/run.py --only transports   # the aiohttp transport's rows alone
    python benchmarks/run.py --only parse --only transcript   # the rows whose name has that text

Prints a table of medians, p10/p90 and ratios to the floor, and writes it as JSON to
benchmarks/results/latest.json. Ratios are what matter; absolute times are this machine's.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import hmac
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
import weakref
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import transports

import attendee_client
from attendee_client import (
    AsyncAttendeeClient,
    AttendeeClient,
    TranscriptUtterance,
    ZoomOAuthConnection,
    ZoomOAuthConnectionState,
)

HERE = Path(__file__).parent
API_KEY = "bench-key"
CONNECTION_ID = "zoc_abcdef1234567890"
DETAIL = f"/api/v1/zoom_oauth_connections/{CONNECTION_ID}"
LIST = "/api/v1/zoom_oauth_connections"
HEADERS = {"Authorization": f"Token {API_KEY}", "Accept": "application/json"}


class Sample:
    """Seconds per operation, one figure per round."""

    def __init__(self) -> None:
        self.per_op: list[float] = []

    def add(self, seconds: float, operations: int) -> None:
        self.per_op.append(seconds / operations)

    def median(self) -> float:
        return statistics.median(self.per_op)

    def quantile(self, fraction: float) -> float:
        ordered = sorted(self.per_op)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(function: Callable[[], object], operations: int) -> float:
    started = time.perf_counter()
    for _ in range(operations):
        function()
    return time.perf_counter() - started


async def timed_async(function: Callable[[], Awaitable[object]], operations: int) -> float:
    started = time.perf_counter()
    for _ in range(operations):
        await function()
    return time.perf_counter() - started


async def timed_concurrent(
    function: Callable[[], Awaitable[object]], operations: int, tasks: int
) -> float:
    started = time.perf_counter()
    for _ in range(operations // tasks):
        await asyncio.gather(*(function() for _ in range(tasks)))
    return time.perf_counter() - started


def compare(
    rounds: int, contenders: dict[str, Callable[[], float]], operations: int
) -> dict[str, Sample]:
    """Run every contender once per round, alternating who goes first."""
    samples = {name: Sample() for name in contenders}
    names = list(contenders)
    for round_number in range(rounds):
        order = names if round_number % 2 == 0 else names[::-1]
        for name in order:
            samples[name].add(contenders[name](), operations)
    return samples


def server_capacity(host: str, port: int, seconds: float) -> float:
    """Requests per second the server answers on one raw keep-alive socket."""
    request = f"GET {DETAIL} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    with socket.create_connection((host, port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        count = 0
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        while time.perf_counter() < deadline:
            sock.sendall(request)
            received = b""
            while b"}" not in received[-4:]:
                received += sock.recv(65536)
            count += 1
        return count / (time.perf_counter() - started)


# --- the measures ----------------------------------------------------------------------


def bench_sync_get(base_url: str, rounds: int, operations: int) -> dict[str, Sample]:
    with (
        httpx.Client(base_url=base_url, headers=HEADERS) as raw,
        AttendeeClient(api_key=API_KEY, base_url=base_url) as sdk,
    ):

        def floor() -> float:
            return timed(lambda: json.loads(raw.get(DETAIL).content), operations)

        def ours() -> float:
            return timed(lambda: sdk.zoom_oauth_connections.get(CONNECTION_ID), operations)

        floor(), ours()  # warm the connections
        return compare(rounds, {"floor": floor, "sdk": ours}, operations)


FLOOR_VENV = HERE / ".venv-floor"


def naive_floor_python() -> Path:
    """An environment with a fresh install of this httpx and nothing else: what a user of
    raw httpx has. httpx does not depend on sniffio, so it is not there."""
    python = FLOOR_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(FLOOR_VENV)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                f"httpx=={httpx.__version__}",
            ],
            check=True,
        )
    probe = subprocess.run([str(python), "-c", "import sniffio"], capture_output=True)
    if probe.returncode == 0:
        raise SystemExit(f"{FLOOR_VENV} has sniffio; remove it to measure the naive floor")
    return python


class NaiveFloor:
    """The floor_worker.py process, asked to run one batch at a time."""

    def __init__(self, base_url: str) -> None:
        self.process = subprocess.Popen(
            [str(naive_floor_python()), str(HERE / "floor_worker.py"), base_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, operations: int, tasks: int) -> float:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        command = f"seq {operations}" if tasks == 1 else f"conc {operations} {tasks}"
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()


def bench_async_get(
    base_url: str, naive: NaiveFloor, rounds: int, operations: int, tasks: int
) -> dict[str, Sample]:
    async def main() -> dict[str, Sample]:
        async with (
            httpx.AsyncClient(base_url=base_url, headers=HEADERS) as raw,
            AsyncAttendeeClient(api_key=API_KEY, base_url=base_url) as sdk,
        ):

            async def raw_get() -> object:
                return json.loads((await raw.get(DETAIL)).content)

            def sdk_get() -> Awaitable[object]:
                return sdk.zoom_oauth_connections.get(CONNECTION_ID)

            async def run(function: Callable[[], Awaitable[object]]) -> float:
                if tasks == 1:
                    return await timed_async(function, operations)
                return await timed_concurrent(function, operations, tasks)

            async def naive_run() -> float:
                return naive.run(operations, tasks)

            contenders: dict[str, Callable[[], Awaitable[float]]] = {
                "floor": naive_run,
                "floor with sniffio": lambda: run(raw_get),
                "sdk": lambda: run(sdk_get),
            }
            for contender in contenders.values():  # warm the pools
                await contender()
            samples = {name: Sample() for name in contenders}
            names = list(contenders)
            for round_number in range(rounds):
                for name in names if round_number % 2 == 0 else names[::-1]:
                    samples[name].add(await contenders[name](), operations)
            return samples

    return asyncio.run(main())


def bench_parse(rounds: int, operations: int) -> dict[str, Sample]:
    fixture = HERE.parent / "tests" / "fixtures" / "zoom_oauth_connection.json"
    # Compact, as the server renders it.
    body = json.dumps(json.loads(fixture.read_bytes()), separators=(",", ":")).encode()
    from attendee_client import _response, _serde

    def floor() -> float:
        return timed(lambda: json.loads(body), operations)

    def ours() -> float:
        # The path every response body takes: decode, then the registered cattrs structuring.
        return timed(
            lambda: _serde.structure(_response.decode_json(body), ZoomOAuthConnection), operations
        )

    return compare(rounds, {"floor": floor, "sdk": ours}, operations)


def bench_parse_from_dict(rounds: int, operations: int) -> dict[str, Sample]:
    fixture = HERE.parent / "tests" / "fixtures" / "zoom_oauth_connection.json"
    body = json.dumps(json.loads(fixture.read_bytes()), separators=(",", ":")).encode()

    def floor() -> float:
        return timed(lambda: json.loads(body), operations)

    def ours() -> float:
        # The public way, as a generated client's users write it.
        return timed(lambda: ZoomOAuthConnection.from_dict(json.loads(body)), operations)

    return compare(rounds, {"floor": floor, "sdk": ours}, operations)


def bench_transcript_from_dict(rounds: int, operations: int) -> dict[str, Sample]:
    from attendee_client import TranscriptUtterance

    body = transcript_body(10_000)

    def floor() -> float:
        return timed(lambda: json.loads(body), operations)

    def ours() -> float:
        # As a generated client does it: json.loads, then from_dict per utterance.
        return timed(
            lambda: [TranscriptUtterance.from_dict(item) for item in json.loads(body)],
            operations,
        )

    return compare(rounds, {"floor": floor, "sdk": ours}, operations)


def generated_connection_from_dict(data: dict[str, Any]) -> ZoomOAuthConnection:
    """What a client generated by openapi-python-client does with a connection's JSON: read
    each key, parse the date-times and the enum, call the attrs class; no type checks. It
    builds the SDK's own (frozen) class, so that the rows below time the structuring alone."""
    state = data["state"]
    last_successful = data["last_successful_sync_at"]
    last_attempted = data["last_attempted_sync_at"]
    return ZoomOAuthConnection(
        id=data["id"],
        zoom_oauth_app_id=data["zoom_oauth_app_id"],
        user_id=data["user_id"],
        account_id=data["account_id"],
        state=None if state is None else ZoomOAuthConnectionState(state),
        metadata=data["metadata"],
        is_local_recording_token_supported=data["is_local_recording_token_supported"],
        is_onbehalf_token_supported=data["is_onbehalf_token_supported"],
        connection_failure_data=data["connection_failure_data"],
        created_at=datetime.fromisoformat(data["created_at"]),
        updated_at=datetime.fromisoformat(data["updated_at"]),
        last_successful_sync_at=(
            None if last_successful is None else datetime.fromisoformat(last_successful)
        ),
        last_attempted_sync_at=(
            None if last_attempted is None else datetime.fromisoformat(last_attempted)
        ),
    )


def generated_utterance_from_dict(data: dict[str, Any]) -> TranscriptUtterance:
    """``generated_connection_from_dict`` for a transcript utterance (its ``transcription``
    kept as decoded, as the SDK keeps it)."""
    return TranscriptUtterance(
        speaker_name=data["speaker_name"],
        speaker_uuid=data["speaker_uuid"],
        speaker_user_uuid=data["speaker_user_uuid"],
        speaker_is_host=data["speaker_is_host"],
        timestamp_ms=data["timestamp_ms"],
        duration_ms=data["duration_ms"],
        transcription=data["transcription"],
    )


def bench_parse_vs_generated(rounds: int, operations: int) -> dict[str, Sample]:
    fixture = HERE.parent / "tests" / "fixtures" / "zoom_oauth_connection.json"
    body = json.dumps(json.loads(fixture.read_bytes()), separators=(",", ":")).encode()
    if generated_connection_from_dict(json.loads(body)) != ZoomOAuthConnection.from_dict(
        json.loads(body)
    ):
        raise RuntimeError("the generated-style baseline does not build the same connection")

    def floor() -> float:
        return timed(lambda: generated_connection_from_dict(json.loads(body)), operations)

    def ours() -> float:
        return timed(lambda: ZoomOAuthConnection.from_dict(json.loads(body)), operations)

    return compare(rounds, {"floor": floor, "sdk": ours}, operations)


def bench_transcript_vs_generated(rounds: int, operations: int) -> dict[str, Sample]:
    body = transcript_body(10_000)

    def floor() -> float:
        return timed(
            lambda: [generated_utterance_from_dict(item) for item in json.loads(body)],
            operations,
        )

    def ours() -> float:
        return timed(
            lambda: [TranscriptUtterance.from_dict(item) for item in json.loads(body)],
            operations,
        )

    return compare(rounds, {"floor": floor, "sdk": ours}, operations)


def transcript_body(count: int, *, words: bool = True) -> bytes:
    """A transcript as the server sends it: a compact bare array of utterances of six
    words, each with the provider's word timings (as Deepgram gives them) unless ``words``
    is false."""
    utterances = []
    for number in range(count):
        text = f"Utterance number {number} said very clearly."
        transcription: dict[str, Any] = {"transcript": text}
        if words:
            transcription["words"] = [
                {
                    "word": word.lower().strip("."),
                    "start": round(number * 2.3 + index * 0.35, 2),
                    "end": round(number * 2.3 + index * 0.35 + 0.3, 2),
                    "confidence": 0.98,
                    "punctuated_word": word,
                }
                for index, word in enumerate(text.split())
            ]
        utterances.append(
            {
                "speaker_name": f"Speaker {number % 7}",
                "speaker_uuid": str(16778240 + number % 7),
                "speaker_user_uuid": None,
                "speaker_is_host": number % 7 == 0,
                "timestamp_ms": 1700000000000 + number * 2300,
                "duration_ms": 2300,
                "transcription": transcription,
            }
        )
    return json.dumps(utterances, separators=(",", ":")).encode()


def bench_transcript(rounds: int, operations: int, *, words: bool = True) -> dict[str, Sample]:
    from attendee_client import TranscriptUtterance, _response, _serde

    body = transcript_body(10_000, words=words)

    def floor() -> float:
        return timed(lambda: json.loads(body), operations)

    def ours() -> float:
        # The path a transcript body takes: decode, then one structuring pass over the list.
        return timed(
            lambda: _serde.structure_list(_response.decode_json(body), TranscriptUtterance),
            operations,
        )

    return compare(rounds, {"floor": floor, "sdk": ours}, operations)


def bench_srt(rounds: int, operations: int) -> dict[str, Sample]:
    from attendee_client import TranscriptUtterance, transcripts

    body = transcript_body(10_000)
    utterances = [TranscriptUtterance.from_dict(item) for item in json.loads(body)]

    def floor() -> float:
        return timed(lambda: json.loads(body), operations)

    def ours() -> float:
        # From the parsed models (the row above times parsing) to the SubRip text.
        return timed(lambda: transcripts.to_srt(utterances), operations)

    return compare(rounds, {"floor": floor, "sdk": ours}, operations)


def webhook_body() -> tuple[bytes, str, str]:
    """A ``transcript.update`` delivery of about 1 KB as the server sends it, its
    signature and the secret."""
    from attendee_client import webhooks

    secret = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    text = (
        "So the plan for the quarter is to ship the analytics dashboard first, then the "
        "calendar integration, and to revisit pricing once we have the usage numbers from "
        "the pilot customers. Does anyone object to that order? If not, let us write it "
        "down and move on to hiring, where we still need two more engineers, a designer and "
        "someone for support before the end of the next month. Zoë, can you own that? "
        "And Grace, please send the board deck around by Thursday so that everyone has the "
        "weekend to read it; we will vote on the budget on Monday."
    )
    payload = {
        "idempotency_key": "6f1c2b1e-0000-4000-8000-000000000001",
        "bot_id": "bot_jrVE3PpEkXWGGOAm",
        "bot_metadata": {"tenant": "t1", "user": "ada@example.com"},
        "trigger": "transcript.update",
        "data": {
            "speaker_name": "Ada Lovelace",
            "speaker_uuid": "16778240",
            "speaker_user_uuid": None,
            "speaker_is_host": True,
            "timestamp_ms": 1700000000000,
            "duration_ms": 23000,
            "transcription": {"transcript": text},
        },
    }
    return json.dumps(payload).encode(), webhooks.sign_payload(payload, secret), secret


def bench_webhook(rounds: int, operations: int) -> dict[str, Sample]:
    """The SDK's check against the plain standard-library receiver, written here on its own
    from the server's algorithm: json.loads, the canonical json.dumps, hmac.digest and
    compare_digest, with the secret decoded once at start-up as such a receiver would."""
    from attendee_client import webhooks

    body, signature, secret = webhook_body()
    key = base64.b64decode(secret)

    def plain_receiver() -> bool:
        canonical = json.dumps(
            json.loads(body), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        expected = base64.b64encode(hmac.digest(key, canonical.encode("utf-8"), "sha256"))
        return hmac.compare_digest(expected.decode("ascii"), signature)

    # Both must accept the delivery, or one of them is timing a shortcut.
    if not (plain_receiver() and webhooks.verify_signature(body, signature, secret)):
        raise RuntimeError("a contender rejects the benchmark's webhook delivery")

    def floor() -> float:
        return timed(plain_receiver, operations)

    def ours() -> float:
        return timed(lambda: webhooks.verify_signature(body, signature, secret), operations)

    return compare(rounds, {"floor": floor, "sdk": ours}, operations)


def bench_import(rounds: int) -> dict[str, Sample]:
    # As a user has it: pip writes bytecode at install, so the interpreter must be allowed
    # to write it (this machine sets PYTHONDONTWRITEBYTECODE), and one import per module
    # before timing writes it for the editable source.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def import_time(module: str) -> float:
        code = (
            "import time; started = time.perf_counter(); "
            f"import {module}; print(time.perf_counter() - started)"
        )
        output = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        return float(output.stdout)

    import_time("httpx"), import_time("attendee_client")
    return compare(
        rounds,
        {"floor": lambda: import_time("httpx"), "sdk": lambda: import_time("attendee_client")},
        1,
    )


def bench_cli_help(rounds: int) -> dict[str, Sample]:
    """``attendee --help``, the console script, as a process's wall time from start to exit,
    against the bare interpreter's (``python -c pass``): the command line's own cost is the
    SDK's import, building its parser and printing the help."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    script = Path(sys.executable).with_name("attendee")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "attendee_client"]

    def wall(arguments: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run(arguments, stdout=subprocess.DEVNULL, check=True, env=env)
        return time.perf_counter() - started

    wall([*command, "--help"])  # writes the bytecode, as an install would have
    return compare(
        rounds,
        {
            "floor": lambda: wall([sys.executable, "-c", "pass"]),
            "sdk": lambda: wall([*command, "--help"]),
        },
        1,
    )


def bench_construction(rounds: int, operations: int) -> dict[str, Sample]:
    def floor() -> float:
        return timed(lambda: httpx.Client().close(), operations)

    def ours() -> float:
        return timed(lambda: AttendeeClient(api_key=API_KEY).close(), operations)

    return compare(rounds, {"floor": floor, "sdk": ours}, operations)


def bench_list(base_url: str, rounds: int) -> dict[str, Sample]:
    with (
        httpx.Client(headers=HEADERS) as raw,
        AttendeeClient(api_key=API_KEY, base_url=base_url) as sdk,
    ):

        def raw_list() -> int:
            count, url = 0, f"{base_url}{LIST}"
            while url:
                page = json.loads(raw.get(url).content)
                count += len(page["results"])
                url = page["next"]
            return count

        def sdk_list() -> int:
            return sum(1 for _ in sdk.zoom_oauth_connections.list())

        assert raw_list() == sdk_list() == 10_000
        return compare(
            rounds,
            {"floor": lambda: timed(raw_list, 1), "sdk": lambda: timed(sdk_list, 1)},
            1,
        )


DOWNLOAD_DIRECTORY = Path(os.environ.get("TMPDIR", "/tmp"))


def bench_download(base_url: str, rounds: int, size: int) -> dict[str, Sample]:
    """``download_recording`` of ``size`` bytes from loopback, against a plain httpx stream
    of the same file to disk (both write raw chunks to a file)."""
    url = f"{base_url}/storage/{size}.mp4"
    floor_path = DOWNLOAD_DIRECTORY / "attendee-bench-floor.mp4"
    sdk_path = DOWNLOAD_DIRECTORY / "attendee-bench-sdk.mp4"
    with httpx.Client() as raw, AttendeeClient(api_key=API_KEY, base_url=base_url) as sdk:
        # Each round writes a new file, as a download usually does: neither side then pays
        # for freeing the last round's 200 MB inside its timing.
        def floor() -> float:
            floor_path.unlink(missing_ok=True)
            started = time.perf_counter()
            with raw.stream("GET", url) as response, floor_path.open("wb") as file:
                for chunk in response.iter_raw():
                    file.write(chunk)
            return time.perf_counter() - started

        def ours() -> float:
            sdk_path.unlink(missing_ok=True)
            started = time.perf_counter()
            sdk.bots.download_recording(f"bot_{size}", sdk_path)
            return time.perf_counter() - started

        try:
            floor(), ours()
            assert floor_path.stat().st_size == sdk_path.stat().st_size == size
            return compare(rounds, {"floor": floor, "sdk": ours}, 1)
        finally:
            floor_path.unlink(missing_ok=True)
            sdk_path.unlink(missing_ok=True)


def download_memory(base_url: str, size: int) -> float:
    """Peak traced memory growth while ``download_recording`` writes ``size`` bytes."""
    path = DOWNLOAD_DIRECTORY / "attendee-bench-memory.mp4"
    with AttendeeClient(api_key=API_KEY, base_url=base_url) as sdk:
        sdk.bots.download_recording("bot_1024", path)  # warm every cache
        gc.collect()
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
        sdk.bots.download_recording(f"bot_{size}", path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    path.unlink(missing_ok=True)
    return peak - baseline


def list_memory(base_url: str) -> dict[str, float]:
    """Peak traced memory growth while listing 10,000, and the most models alive at once."""
    with AttendeeClient(api_key=API_KEY, base_url=base_url) as sdk:
        sum(1 for _ in sdk.zoom_oauth_connections.list())  # warm every cache
        alive: weakref.WeakSet[ZoomOAuthConnection] = weakref.WeakSet()
        most_alive = 0
        gc.collect()
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
        for conn in sdk.zoom_oauth_connections.list():
            alive.add(conn)
            most_alive = max(most_alive, len(alive))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {"peak_growth_bytes": peak - baseline, "most_models_alive": most_alive}


# --- the report ------------------------------------------------------------------------

TARGETS = {
    "sync GET": 1.00,
    "async GET, sequential": 1.00,
    "async GET, 50 concurrent": 1.00,
    "parse one object (bytes to model)": 1.5,
    "parse one connection via Model.from_dict": 1.5,
    "parse one connection, from_dict vs a generated client's": 1.10,
    "10,000-utterance transcript, from_dict vs a generated client's": 1.10,
    "10,000-utterance transcript with word timings via from_dict/structure": 1.10,
    "parse a 10,000-utterance transcript": 1.5,
    "to_srt, 10,000-utterance transcript": 1.0,
    "verify a 1 KB webhook vs stdlib": 1.05,
    "import": 1.5,
    "client construction": 1.1,
    "list 10,000": 1.10,
    # Throughput >= 0.9x the plain stream's: time <= 1/0.9 of it.
    "download_recording vs an httpx stream to a file": 1 / 0.9,
}
TARGETS.update(transports.TARGETS)
# Targets in seconds, not ratios: the row's target ratio is the limit over its floor.
LIMITS = {"attendee --help, wall": 0.3}


def row(name: str, samples: dict[str, Sample], unit: float, unit_name: str) -> dict[str, Any]:
    floor, sdk = samples["floor"], samples["sdk"]
    ratio = sdk.median() / floor.median()
    target = TARGETS[name] if name in TARGETS else LIMITS[name] / floor.median()
    also = samples.get("floor with sniffio")
    return {
        "ratio_to_floor_with_sniffio": None if also is None else sdk.median() / also.median(),
        "measure": name,
        "unit": unit_name,
        "floor_median": floor.median() / unit,
        "sdk_median": sdk.median() / unit,
        "sdk_p10": sdk.quantile(0.1) / unit,
        "sdk_p90": sdk.quantile(0.9) / unit,
        "ratio": ratio,
        "target": target,
        "met": ratio <= target,
        "rounds": len(sdk.per_op),
    }


def transport_rows(
    base_url: str, rounds: int, operations: int, download_size: int
) -> list[dict[str, Any]]:
    """The rows of ``benchmarks/transports.py``: the SDK on aiohttp against its default
    transport and against a plain httpx-aiohttp client."""

    def make_row(name: str, seconds: dict[str, list[float]], count: int) -> dict[str, Any]:
        samples = {key: Sample() for key in seconds}
        for key, values in seconds.items():
            for value in values:
                samples[key].add(value, count)
        unit, unit_name = (1e-3, "ms") if count == 1 else (1e-6, "us")
        return row(name, samples, unit, unit_name)

    return transports.transport_rows(
        base_url,
        rounds,
        operations,
        max(3, rounds // 4),
        download_size,
        DOWNLOAD_DIRECTORY,
        make_row,
    )


def print_table(rows: list[dict[str, Any]]) -> None:
    width = max(36, *(len(r["measure"]) for r in rows))
    header = (
        f"{'measure':{width}} {'floor':>10} {'sdk':>10} {'sdk p10':>10} {'sdk p90':>10} "
        f"{'ratio':>7} {'target':>7}  met"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        unit = r["unit"]
        print(
            f"{r['measure']:{width}} {r['floor_median']:>8.1f}{unit:>2} "
            f"{r['sdk_median']:>8.1f}{unit:>2} "
            f"{r['sdk_p10']:>8.1f}{unit:>2} {r['sdk_p90']:>8.1f}{unit:>2} "
            f"{r['ratio']:>6.3f}x {r['target']:>6.2f}x  {'yes' if r['met'] else 'NO'}"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a smoke run, under a minute")
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="run only the rows whose name contains TEXT (repeatable; transports: the aiohttp "
        "transport's rows); skips the extra lines",
    )
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    options = parser.parse_args()
    scale = 0.2 if options.quick else 1.0
    download_size = (20 if options.quick else 200) * 1_000_000

    def n(value: int) -> int:
        return max(2, int(value * scale))

    server = subprocess.Popen(
        [sys.executable, str(HERE / "server.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    assert server.stdin is not None
    base_url = server.stdout.readline().strip()
    host, port = base_url.removeprefix("http://").split(":")
    naive = NaiveFloor(base_url)
    extras: dict[str, Any] = {}
    try:
        capacity = server_capacity(host, int(port), 0.5 if options.quick else 2.0)
        print(
            f"attendee-client {attendee_client.__version__}, httpx {httpx.__version__}, "
            f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}"
        )
        print(f"benchmark server: {capacity:,.0f} requests/s on one raw keep-alive socket\n")
        ms, us = 1e-3, 1e-6
        # Many short rounds rather than a few long ones: on a shared machine, load comes
        # and goes, and short alternating rounds let each contender meet it alike.
        rounds = n(41)
        measures: list[tuple[str, Callable[[], dict[str, Sample]], float, str]] = [
            ("sync GET", lambda: bench_sync_get(base_url, rounds, n(150)), us, "us"),
            (
                "async GET, sequential",
                lambda: bench_async_get(base_url, naive, rounds, n(150), 1),
                us,
                "us",
            ),
            (
                "async GET, 50 concurrent",
                lambda: bench_async_get(base_url, naive, rounds, 100, 50),
                us,
                "us",
            ),
            (
                "parse one object (bytes to model)",
                lambda: bench_parse(rounds, n(5_000)),
                us,
                "us",
            ),
            (
                "parse one connection via Model.from_dict",
                lambda: bench_parse_from_dict(rounds, n(5_000)),
                us,
                "us",
            ),
            (
                "parse one connection, from_dict vs a generated client's",
                lambda: bench_parse_vs_generated(rounds, n(5_000)),
                us,
                "us",
            ),
            (
                "10,000-utterance transcript with word timings via from_dict/structure",
                lambda: bench_transcript_from_dict(max(7, n(21)), 2),
                ms,
                "ms",
            ),
            (
                "10,000-utterance transcript, from_dict vs a generated client's",
                lambda: bench_transcript_vs_generated(max(7, n(21)), 2),
                ms,
                "ms",
            ),
            (
                "parse a 10,000-utterance transcript",
                lambda: bench_transcript(max(5, n(15)), 2),
                ms,
                "ms",
            ),
            (
                "to_srt, 10,000-utterance transcript",
                lambda: bench_srt(max(5, n(15)), 2),
                ms,
                "ms",
            ),
            (
                "verify a 1 KB webhook vs stdlib",
                lambda: bench_webhook(rounds, n(5_000)),
                us,
                "us",
            ),
            ("import", lambda: bench_import(max(7, n(15))), ms, "ms"),
            ("attendee --help, wall", lambda: bench_cli_help(max(7, n(15))), ms, "ms"),
            ("client construction", lambda: bench_construction(n(21), n(10)), ms, "ms"),
            ("list 10,000", lambda: bench_list(base_url, max(3, n(15))), ms, "ms"),
            (
                "download_recording vs an httpx stream to a file",
                lambda: bench_download(base_url, max(3, n(21)), download_size),
                ms,
                "ms",
            ),
        ]
        if options.only:
            measures = [m for m in measures if any(text in m[0] for text in options.only)]
        rows = [row(name, run(), unit, unit_name) for name, run, unit, unit_name in measures]
        if not options.only or "transports" in options.only:
            rows += transport_rows(base_url, rounds, n(150), download_size)
        if not options.only:
            extras["download_growth"] = download_memory(base_url, download_size)
            bare = bench_transcript(max(5, n(15)), 2, words=False)
            extras["bare_ratio"] = bare["sdk"].median() / bare["floor"].median()
            extras["memory"] = list_memory(base_url)
    finally:
        naive.close()
        server.stdin.close()
        server.wait(timeout=10)
        server.stdout.close()
    print_table(rows)
    for r in rows:
        if r["ratio_to_floor_with_sniffio"] is not None:
            print(
                f"{r['measure']}: {r['ratio_to_floor_with_sniffio']:.3f}x the floor when "
                "sniffio is installed for it too"
            )
    if extras:
        print_extras(rows, extras, download_size)
    result = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "httpx": httpx.__version__,
        "quick": options.quick,
        "only": options.only,
        "server_capacity_rps": capacity,
        "rows": rows,
        "list_memory": extras.get("memory"),
        "download_bytes": download_size,
        "download_peak_growth_bytes": extras.get("download_growth"),
        "transcript_without_words_ratio": extras.get("bare_ratio"),
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {options.output}")
    return 0


def print_extras(rows: list[dict[str, Any]], extras: dict[str, Any], download_size: int) -> None:
    """The lines below the table of a full run."""
    ms = 1e-3
    help_row = next(r for r in rows if r["measure"] == "attendee --help, wall")
    print(
        f"attendee --help: {help_row['sdk_median']:.0f} ms wall (target < "
        f"{LIMITS['attendee --help, wall'] * 1000:.0f} ms), against {help_row['floor_median']:.0f} "
        "ms for python -c pass"
    )
    print(
        f"parse a 10,000-utterance transcript without word timings: {extras['bare_ratio']:.3f}x "
        "(no target: building 10,000 frozen models then costs more than decoding them)"
    )
    memory = extras["memory"]
    growth_mb = memory["peak_growth_bytes"] / 1e6
    print(
        f"\nlist 10,000 memory: peak growth {growth_mb:.2f} MB (target <= 2 MB), "
        f"at most {memory['most_models_alive']:.0f} models alive (target <= 25)"
    )
    download_row = next(r for r in rows if r["measure"].startswith("download_recording"))
    megabytes = download_size / 1e6
    print(
        f"download_recording of {megabytes:.0f} MB: "
        f"{megabytes / (download_row['sdk_median'] * ms):.0f} MB/s against "
        f"{megabytes / (download_row['floor_median'] * ms):.0f} MB/s for the plain stream; "
        f"peak memory growth {extras['download_growth'] / 1e6:.2f} MB (target < 20 MB)"
    )


if __name__ == "__main__":
    sys.exit(main())
