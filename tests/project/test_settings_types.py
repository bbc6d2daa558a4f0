"""The settings TypedDicts catch a misspelt key for the type checker (issue #15): one mypy
run, with the project's configuration, over a file holding a right and a wrong setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.typecheck import mypy_errors

SNIPPET = """\
from attendee_client.resources.bots import Bots
from attendee_client.types.settings import TranscriptionSettings

right: TranscriptionSettings = {"deepgram": {"language": "en"}}
wrong: TranscriptionSettings = {"deepgram": {"langauge": "en"}}


def send(bots: Bots) -> None:
    bots.create(bot_name="A", transcription_settings={"deepgram": {"language": "en"}})
    bots.create(bot_name="A", transcription_settings={"deepgram": {"langauge": "en"}})
"""
RIGHT_LINES = (4, 9)
WRONG_LINES = (5, 10)


# One cold mypy run (its cache in tmp_path): a few seconds, far more on a loaded machine.
@pytest.mark.timeout(300)
def test_mypy_flags_a_misspelt_transcription_key_and_accepts_the_right_one(
    tmp_path: Path,
) -> None:
    report, flagged = mypy_errors(SNIPPET, tmp_path)
    assert set(flagged) == set(WRONG_LINES), report
    annotated, passed = WRONG_LINES
    assert '"langauge"' in flagged[annotated]
    assert "typeddict-unknown-key" in flagged[annotated]
    # Passed straight to the method, the dict is checked against the parameter's type.
    assert "TranscriptionSettings" in flagged[passed]
