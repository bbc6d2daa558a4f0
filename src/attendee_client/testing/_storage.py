"""The object storage of the fake: a second origin, on its own port of 127.0.0.1, that
serves recordings at presigned URLs as S3 does (``shared/api/bots.md``: a short-lived
signed URL on another host; ``Range`` requests; 403 once the URL has expired).

Its content is deterministic (derived from the offset) and streamed, so a test can check a
download of any size byte for byte and a 1 GB file costs no memory.
"""

from __future__ import annotations

import functools
import hashlib
import random
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, quote, urlsplit

import attrs
import httpx

from attendee_client.testing._faults import Fault, RecordedRequest
from attendee_client.testing._socket import SocketServer, serve
from attendee_client.testing._transport import Answer

__all__ = ["FakeStorage", "RecordingFile"]

BUCKET = "attendee-recordings"
# In process: https, as real storage is; .invalid never resolves, so nothing leaves the machine.
IN_PROCESS_URL = "https://storage.invalid"
_PERIOD = 1_048_573  # a prime just under 1 MiB: a shifted copy never matches the original
_CHUNK = 1 << 18


@functools.cache
def _pattern() -> bytes:
    # Two periods back to back, so that any chunk up to a period long is one slice.
    block = random.Random(0x5EED).randbytes(_PERIOD)
    return block + block


@attrs.frozen
class RecordingFile:
    """The file behind a recording URL: ``size`` bytes of deterministic content (each byte
    derived from its offset and the file's ``key``), served from the fake's storage origin.

    ``read``, ``iter_bytes`` and ``sha256`` give the content, to check a download against.
    """

    key: str
    size: int
    content_type: str = "video/mp4"
    start_timestamp_ms: int | None = 1700000000000
    accept_ranges: bool = True
    redirects: int = 0

    def iter_bytes(
        self, start: int = 0, end: int | None = None, chunk_size: int = _CHUNK
    ) -> Iterator[bytes]:
        """Bytes ``start`` to ``end`` (exclusive; the end of the file by default), in chunks
        of at most ``chunk_size`` (and at most about 1 MiB)."""
        end = self.size if end is None else min(end, self.size)
        step = max(1, min(chunk_size, _PERIOD))
        pattern = _pattern()
        seed = int.from_bytes(hashlib.sha256(self.key.encode()).digest()[:4], "big") % _PERIOD
        offset = max(0, start)
        while offset < end:
            count = min(step, end - offset)
            at = (offset + seed) % _PERIOD
            yield pattern[at : at + count]
            offset += count

    def read(self, start: int = 0, end: int | None = None) -> bytes:
        """Bytes ``start`` to ``end`` (exclusive) at once: for small files and slices."""
        return b"".join(self.iter_bytes(start, end))

    def sha256(self) -> str:
        """The hex SHA-256 of the whole file, computed chunk by chunk."""
        digest = hashlib.sha256()
        for chunk in self.iter_bytes():
            digest.update(chunk)
        return digest.hexdigest()


@attrs.define
class _Grant:
    key: str
    issued_at: float
    issued_time: datetime
    expired: bool = False


def _xml_error(status: int, code: str, message: str, **extra: str) -> Answer:
    fields = "".join(f"<{name}>{value}</{name}>" for name, value in extra.items())
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message>{fields}"
        f"<RequestId>{secrets.token_hex(8).upper()}</RequestId>"
        f"<HostId>{secrets.token_urlsafe(24)}</HostId></Error>"
    ).encode()
    return Answer(status, {"Content-Type": "application/xml"}, body)


def _amz_time(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_range(value: str, size: int) -> tuple[int, int] | str | None:
    """``(first, last)`` of a single byte range, "unsatisfiable", or None to ignore it."""
    unit, _, ranges = value.partition("=")
    if unit.strip().lower() != "bytes" or "," in ranges:
        return None
    first_text, dash, last_text = ranges.strip().partition("-")
    if not dash:
        return None
    try:
        if not first_text:  # the last N bytes
            count = int(last_text)
            return (max(0, size - count), size - 1) if count > 0 and size else "unsatisfiable"
        first = int(first_text)
        last = int(last_text) if last_text else size - 1
    except ValueError:
        return None
    if first >= size:
        return "unsatisfiable"
    if last < first:
        return None
    return first, min(last, size - 1)


class FakeStorage:
    """The storage origin: the files, the URLs handed out for them, the requests it got."""

    def __init__(self, clock: Callable[[], float], now: Callable[[], datetime]) -> None:
        self.clock = clock
        self.now = now
        self.lock = threading.RLock()
        self.files: dict[str, RecordingFile] = {}
        self.grants: dict[str, _Grant] = {}
        self.requests: list[RecordedRequest] = []
        self.faults: list[tuple[str | None, str | None, Fault]] = []
        self.lifetime = 1800.0
        self.expire_next = 0
        self._stopping = threading.Event()
        self._server: SocketServer | None = None
        self._thread: threading.Thread | None = None

    # --- where -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<its own port>`` when listening; in process, a host that no
        resolver knows (the in-process transport routes it)."""
        if self._server is None:
            return IN_PROCESS_URL
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def serves(self, url: httpx.URL) -> bool:
        """Whether ``url`` is on this origin (the in-process transport asks)."""
        mine = httpx.URL(self.base_url)
        return (url.host, url.port) == (mine.host, mine.port)

    def start(self) -> None:
        if self._server is None:
            self._stopping.clear()
            self._server, self._thread = serve(self, 0, "FakeAttendeeStorage")

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    # --- files and URLs ----------------------------------------------------------------

    def put(self, file: RecordingFile) -> RecordingFile:
        with self.lock:
            self.files[file.key] = file
        return file

    def remove(self, key: str) -> None:
        with self.lock:
            self.files.pop(key, None)

    def presign(self, key: str) -> str:
        """A fresh URL for ``key``, valid ``lifetime`` seconds of the clock."""
        with self.lock:
            signature = secrets.token_hex(32)
            issued = self.now()
            grant = _Grant(key, self.clock(), issued, expired=self.expire_next > 0)
            self.expire_next = max(0, self.expire_next - 1)
            self.grants[signature] = grant
        query = "&".join(
            [
                "X-Amz-Algorithm=AWS4-HMAC-SHA256",
                "X-Amz-Credential=" + quote(f"FAKEKEY/{issued:%Y%m%d}/us-east-1/s3/aws4_request"),
                f"X-Amz-Date={issued:%Y%m%dT%H%M%SZ}",
                f"X-Amz-Expires={int(self.lifetime)}",
                "X-Amz-SignedHeaders=host",
                f"X-Amz-Signature={signature}",
            ]
        )
        return f"{self.base_url}/{key}?{query}"

    def expire_all(self) -> None:
        with self.lock:
            for grant in self.grants.values():
                grant.expired = True

    # --- the origin ------------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self.lock:
            self.requests.append(request)

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for index, (want_method, want_path, fault) in enumerate(self.faults):
                if (want_method is None or want_method == method) and (
                    want_path is None or path.startswith(want_path)
                ):
                    del self.faults[index]
                    return fault
        return None

    def _respond(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Answer:
        split = urlsplit(target)
        if method not in ("GET", "HEAD"):
            return _xml_error(
                405,
                "MethodNotAllowed",
                "The specified method is not allowed against this resource.",
                Method=method,
                ResourceType="OBJECT",
            )
        if "authorization" in headers:
            # What S3 says to a presigned URL sent with an Authorization header too.
            return _xml_error(
                400,
                "InvalidArgument",
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                "Signature query string parameter or the Authorization header should be "
                "specified",
                ArgumentName="Authorization",
            )
        path, hops = split.path, 0
        parts = path.split("/", 3)
        if len(parts) == 4 and parts[1] == "_redirect" and parts[2].isdigit():
            path, hops = "/" + parts[3], int(parts[2])  # /_redirect/<hop>/<key>
        signature = (parse_qs(split.query).get("X-Amz-Signature") or [""])[0]
        with self.lock:
            grant = self.grants.get(signature)
            if grant is None or "/" + grant.key != path:
                if not signature:
                    return _xml_error(403, "AccessDenied", "Access Denied")
                return _xml_error(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you "
                    "provided. Check your key and signing method.",
                )
            elapsed = self.clock() - grant.issued_at
            if grant.expired or elapsed >= self.lifetime:
                expires = grant.issued_time + timedelta(seconds=self.lifetime)
                server_time = grant.issued_time + timedelta(seconds=max(elapsed, self.lifetime + 1))
                return _xml_error(
                    403,
                    "AccessDenied",
                    "Request has expired",
                    **{"X-Amz-Expires": str(int(self.lifetime))},
                    Expires=_amz_time(expires),
                    ServerTime=_amz_time(server_time),
                )
            file = self.files.get(grant.key)
        if file is None:
            return _xml_error(404, "NoSuchKey", "The specified key does not exist.", Key=grant.key)
        if hops < file.redirects:
            location = f"{self.base_url}/_redirect/{hops + 1}{path}?{split.query}"
            return Answer(307, {"Location": location})
        return self._content(file, headers.get("range"))

    def _content(self, file: RecordingFile, range_header: str | None) -> Answer:
        headers = {
            "Content-Type": file.content_type,
            "ETag": f'"{hashlib.md5(file.key.encode(), usedforsecurity=False).hexdigest()}"',
            "Last-Modified": "Sat, 01 Feb 2025 00:00:00 GMT",
        }
        if file.accept_ranges:
            headers["Accept-Ranges"] = "bytes"
        wanted = _parse_range(range_header, file.size) if range_header else None
        if wanted is None or not file.accept_ranges:
            return Answer(200, headers, file.iter_bytes(), file.size)
        if wanted == "unsatisfiable":
            refusal = _xml_error(
                416,
                "InvalidRange",
                "The requested range is not satisfiable",
                RangeRequested=range_header or "",
                ActualObjectSize=str(file.size),
            )
            return attrs.evolve(
                refusal, headers={**refusal.headers, "Content-Range": f"bytes */{file.size}"}
            )
        assert not isinstance(wanted, str)
        first, last = wanted
        headers["Content-Range"] = f"bytes {first}-{last}/{file.size}"
        return Answer(206, headers, file.iter_bytes(first, last + 1), last + 1 - first)
