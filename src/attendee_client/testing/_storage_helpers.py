"""The ``FakeAttendeeServer`` helpers for recordings and the storage origin that serves
them: the file behind a bot's recording, what the storage received, and how it misbehaves
(a dropped connection, an expired URL)."""

from __future__ import annotations

from attendee_client.testing._app import ApiState
from attendee_client.testing._bot_records import BotRecords
from attendee_client.testing._faults import Fault, RecordedRequest
from attendee_client.testing._storage import FakeStorage, RecordingFile

__all__ = ["StorageHelpers"]


class StorageHelpers:
    """Mixed into ``FakeAttendeeServer``."""

    _state: ApiState
    _bot_records: BotRecords
    _storage: FakeStorage

    def set_recording(
        self,
        bot_id: str,
        size: int,
        *,
        content_type: str = "video/mp4",
        start_timestamp_ms: int | None = 1700000000000,
        accept_ranges: bool = True,
        redirects: int = 0,
    ) -> RecordingFile:
        """Give a bot (or an app session) a recording file of ``size`` bytes; returns it.

        ``GET /bots/{id}/recording`` answers 404 ``No recording file found for bot`` until
        the bot has ended, then a fresh signed URL on the storage origin each time (an
        ended bot without a file set here gets one of 1 MiB). The content is deterministic
        and streamed: ``RecordingFile.read``, ``iter_bytes`` and ``sha256`` give it, to
        compare a download with. ``accept_ranges=False`` makes the storage ignore ``Range``
        and answer 200 with the whole file; ``redirects`` makes each URL answer that many
        307 redirects (within the storage origin) before the file. Replacing a file makes
        the old URLs answer 404 ``NoSuchKey``.
        """
        with self._state.lock:
            return self._bot_records.set_file(
                bot_id,
                size,
                content_type=content_type,
                start_timestamp_ms=start_timestamp_ms,
                accept_ranges=accept_ranges,
                redirects=redirects,
            )

    def recording_file(self, bot_id: str) -> RecordingFile | None:
        """The file behind a bot's recording: the one ``set_recording`` gave it, the default
        one made when its URL was first asked for, or None."""
        with self._state.lock:
            return self._bot_records.files.get(bot_id)

    @property
    def storage_url(self) -> str:
        """The storage origin: ``http://127.0.0.1:<its own port>`` once started (not the
        API's port); before, a host only ``transport()`` reaches."""
        return self._storage.base_url

    @property
    def storage_requests(self) -> list[RecordedRequest]:
        """Every request the storage origin received, oldest first, headers included: a test
        can check that no ``Authorization`` (or API key) ever reached it."""
        with self._storage.lock:
            return list(self._storage.requests)

    def add_storage_fault(
        self, fault: Fault, *, method: str | None = None, path: str | None = None, times: int = 1
    ) -> None:
        """Answer the next ``times`` matching storage requests with ``fault`` instead:
        ``Fault.drop_after(n)`` sends the headers and ``n`` bytes of the file then drops the
        connection; ``Fault.respond``, ``reset``, ``stall`` ... as for the API. ``path`` is a
        prefix of the object's path (``/attendee-recordings/...``)."""
        with self._storage.lock:
            self._storage.faults.extend([(method, path, fault)] * times)

    def expire_recording_urls(self) -> None:
        """Make every recording URL handed out so far answer 403 ``AccessDenied`` ``Request
        has expired`` (S3's XML body), as after their 30 minutes; new ones work."""
        self._storage.expire_all()

    def expire_next_recording_urls(self, count: int = 1) -> None:
        """Hand out the next ``count`` recording URLs already expired (to test that code
        asks the API for a fresh one)."""
        with self._storage.lock:
            self._storage.expire_next += count

    @property
    def recording_url_lifetime(self) -> float:
        """How long, in seconds of ``clock``, a recording URL works (1800, as the server)."""
        return self._storage.lifetime

    @recording_url_lifetime.setter
    def recording_url_lifetime(self, seconds: float) -> None:
        self._storage.lifetime = seconds
