"""``attendee realtime listen`` and ``sign-url``: a receiver in its own process, a
``websockets`` client standing in for the bot over loopback."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from websockets.sync.client import connect

from attendee_client import realtime
from tests.realtime.support import mixed_frame, participant_frame, video_frame

SECRET = "cli-realtime-secret-5e1"


def listen(*arguments: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "attendee_client", "realtime", "listen", "--port", "0", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate()


def url_of(process: subprocess.Popen[str]) -> str:
    assert process.stderr is not None
    line = process.stderr.readline()
    assert line.startswith("listening on "), line
    return line.split()[2]


@pytest.fixture
def wav_listener(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    yield from listen("--duration", "3", "--wav-dir", str(tmp_path), "--secret", SECRET)


def test_listen_prints_a_line_per_frame_kind_and_writes_wav_files(
    wav_listener: subprocess.Popen[str], tmp_path: Path
) -> None:
    url = url_of(wav_listener)
    with connect(realtime.signed_url(url, SECRET)) as bot:
        for _ in range(5):
            bot.send(mixed_frame(b"\x01\x00" * 320))
            bot.send(participant_frame(b"\x02\x00" * 320, uuid="u7"))
        bot.send(video_frame(b"\xff\xd8jpeg"))
    out, err = wav_listener.communicate(timeout=30)
    assert wav_listener.returncode == 0, err
    assert "connected: bot bot_realtime0001" in out
    assert "realtime_audio.mixed 5 frames" in out
    assert "realtime_audio.per_participant 5 frames" in out
    assert "realtime_video.per_participant 1 frames" in out
    assert SECRET not in out + err
    with wave.open(str(tmp_path / "bot_realtime0001-mixed.wav"), "rb") as mixed:
        assert mixed.getnframes() == 5 * 320
    assert (tmp_path / "bot_realtime0001-u7.wav").exists()


def test_listen_keeps_a_hostile_bot_id_inside_the_wav_dir(tmp_path: Path) -> None:
    wav_dir = tmp_path / "wav"
    for process in listen("--duration", "2", "--wav-dir", str(wav_dir)):
        with connect(url_of(process)) as bot:
            bot.send(mixed_frame(bytes(640), bot_id="../x"))
        _, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["wav"]
    assert [path.name for path in wav_dir.iterdir()] == [".._x-mixed.wav"]


def test_listen_json_prints_a_line_per_frame_without_media() -> None:
    for process in listen("--duration", "2", "--json"):
        url = url_of(process)
        with connect(url) as bot:
            bot.send(mixed_frame(bytes(640)))
            bot.send(video_frame(b"\xff\xd8jpeg", source="screenshare"))
        out, _ = process.communicate(timeout=30)
        lines = [json.loads(line) for line in out.splitlines()]
        assert [line["trigger"] for line in lines] == [
            "realtime_audio.mixed",
            "realtime_video.per_participant",
        ]
        assert lines[0]["bytes"] == 640
        assert lines[1]["source"] == "screenshare"
        assert "chunk" not in lines[0]


def read_line(stream: IO[str], lines: queue.Queue[str]) -> None:
    lines.put(stream.readline())


def test_listen_json_writes_each_line_as_its_frame_comes() -> None:
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    for process in listen("--duration", "60", "--json", env=buffered):
        assert process.stdout is not None
        with connect(url_of(process)) as bot:
            bot.send(mixed_frame(bytes(640)))
            # Read long before the listener stops: the line was flushed, not buffered.
            lines: queue.Queue[str] = queue.Queue()
            threading.Thread(target=read_line, args=(process.stdout, lines), daemon=True).start()
            line = json.loads(lines.get(timeout=15))
        assert line["trigger"] == "realtime_audio.mixed"


def test_listen_with_a_secret_refuses_an_unsigned_bot() -> None:
    for process in listen("--duration", "2", "--secret", SECRET):
        url = url_of(process)
        with pytest.raises(Exception, match="401"):
            connect(url)
        out, err = process.communicate(timeout=30)
        assert "connected" not in out
        assert SECRET not in out + err


def test_sign_url_prints_a_url_that_verifies() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "attendee_client", "realtime", "sign-url", "wss://a.example/x"],
        capture_output=True,
        text=True,
        env={"ATTENDEE_REALTIME_SECRET": SECRET, "PATH": ""},
        check=True,
    )
    assert realtime.verify_url(done.stdout.strip(), SECRET)


def test_sign_url_without_a_secret_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "attendee_client", "realtime", "sign-url", "wss://a.example/x"],
        capture_output=True,
        text=True,
        env={"PATH": ""},
    )
    assert done.returncode == 2
    assert "ATTENDEE_REALTIME_SECRET" in done.stderr
