"""What a recording download decides, apart from the I/O: the request sent to the storage
host (nothing of the SDK's: no API key, no default headers, no cookies), which answers to
accept, where the bytes go, and how progress is reported. The same for both flavours."""

from __future__ import annotations

import io
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import httpx

from attendee_client._retry import INITIAL_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS, capped_backoff
from attendee_client.errors import DownloadError

MAX_REDIRECTS = 3
"""Redirects followed from the recording URL (only to http or https URLs)."""

Destination = str | os.PathLike[str] | BinaryIO
"""A path (written beside, renamed into place when complete) or a binary file object."""

ProgressCallback = Callable[[int, int | None], object]
"""Called as ``progress(bytes_done, total_bytes_or_None)`` as bytes arrive."""

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


def describe(url: httpx.URL) -> str:
    """The storage URL for a message: host and path, never the query (it holds the
    signature)."""
    return f"{url.scheme}://{url.host}{url.path}"


def storage_request(url: str | httpx.URL, offset: int, timeout: httpx.Timeout) -> httpx.Request:
    """The GET of ``url`` from ``offset``, made from scratch: only ``Range`` and an identity
    ``Accept-Encoding`` (so byte offsets are file offsets) are sent."""
    target = httpx.URL(url)
    if target.scheme not in ("http", "https"):
        raise DownloadError(f"the recording URL is not http(s): {target.scheme}://{target.host}")
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    return httpx.Request("GET", target, headers=headers, extensions={"timeout": timeout.as_dict()})


def redirect_target(response: httpx.Response) -> httpx.URL | None:
    """Where a redirect points (an http or https URL), or None for any other answer."""
    if response.status_code not in _REDIRECTS or "Location" not in response.headers:
        return None
    target = response.url.join(response.headers["Location"])
    if target.scheme not in ("http", "https"):
        raise DownloadError(
            f"the recording's storage redirected to a {target.scheme!r} URL; only http(s) is "
            "followed"
        )
    return target


def too_many_redirects(url: httpx.URL) -> DownloadError:
    """The error once ``MAX_REDIRECTS`` were followed."""
    return DownloadError(f"more than {MAX_REDIRECTS} redirects from {describe(url)}")


def status_failure(response: httpx.Response) -> DownloadError:
    """The error for a storage answer that is neither the file nor a redirect."""
    code = re.search(r"<Code>([^<]{1,80})</Code>", response.text[:4096] if response.content else "")
    detail = f" ({code.group(1)})" if code else ""
    return DownloadError(
        f"the recording's storage answered {response.status_code} {response.reason_phrase}"
        f"{detail} for {describe(response.url)}",
        status_code=response.status_code,
    )


def expected_total(response: httpx.Response, offset: int) -> int | None:
    """The file's whole size as this answer tells it (None when unknown). Raises
    DownloadError for a partial answer that does not start where asked."""
    if response.status_code == 206:
        match = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range", "").strip())
        if match is None or int(match.group(1)) != offset:
            raise DownloadError(
                f"the recording's storage answered a range other than the one asked for "
                f"(bytes {offset}-) for {describe(response.url)}"
            )
        return None if match.group(3) == "*" else int(match.group(3))
    length = response.headers.get("Content-Length")
    return int(length) if length is not None and length.isdigit() else None


def is_complete(response: httpx.Response, size: int) -> bool:
    """Whether a 416 says the file is ``size`` bytes long (``Content-Range: bytes */size``):
    what was written is the whole file."""
    content_range: str = response.headers.get("Content-Range", "")
    return content_range.strip() == f"bytes */{size}"


def length_mismatch(done: int, total: int, url: httpx.URL) -> DownloadError:
    """The error for a body longer than its ``Content-Length`` said."""
    return DownloadError(
        f"the recording's storage sent {done} bytes where its Content-Length said {total} "
        f"for {describe(url)}"
    )


def gave_up(retries: int, url: httpx.URL, cause: str) -> DownloadError:
    """The error once the client's retries are spent on a connection that keeps dropping."""
    return DownloadError(
        f"the download of {describe(url)} failed after {retries + 1} attempts: {cause}"
    )


def backoff(retry: int) -> float:
    """Seconds before resumption number ``retry`` (1 for the first)."""
    return capped_backoff(retry, INITIAL_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS)


def _create_beside(path: Path) -> tuple[Path, int]:
    """A new temporary file in ``path``'s directory, created with the permissions a plain
    ``open(path, "wb")`` would give (the umask's), unlike ``tempfile``'s private ones."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits met an existing name
            continue


def check_destination(destination: object) -> None:
    """Refuse, before anything is sent, a destination the download could never be written to:
    a text file object (its ``write`` takes ``str``), a file opened only for reading or
    closed, a directory, a path in a folder that
    does not exist, anything else that is neither a path nor a writable file object."""
    if isinstance(destination, (str, os.PathLike)):
        path = Path(destination)
        if path.is_dir():
            raise IsADirectoryError(f"destination is a directory: {path}")
        if not path.parent.is_dir():
            raise FileNotFoundError(
                f"cannot write the download to {path}: the folder {path.parent} does not exist"
            )
        return
    if not hasattr(destination, "write"):
        raise TypeError(
            f"destination must be a path or a binary file object, not {type(destination).__name__}"
        )
    mode = getattr(destination, "mode", None)
    if isinstance(destination, io.TextIOBase) or (isinstance(mode, str) and "b" not in mode):
        raise TypeError(
            "destination is a file opened in text mode; a recording is bytes: open it with "
            "open(name, 'wb') or pass the path itself"
        )
    if getattr(destination, "closed", False) is True:
        raise ValueError("destination is a closed file: pass an open one, or the path itself")
    # A file's mode says whether it was opened for writing ("rb" was not); a sink of the
    # caller's own, without a mode, is trusted to take bytes.
    if isinstance(mode, str) and not set(mode) & set("wax+"):
        raise TypeError(
            "destination is a file not opened for writing: open it with open(name, 'wb') or "
            "pass the path itself"
        )


class Progress:
    """Reports progress only forwards: a restart from zero is not reported until it passes
    what was already reported, so the caller sees a monotonic count."""

    __slots__ = ("_callback", "_reported")

    def __init__(self, callback: ProgressCallback | None) -> None:
        if callback is not None and not callable(callback):
            raise TypeError(f"progress must be callable, not {type(callback).__name__}")
        self._callback = callback
        self._reported = -1

    def __call__(self, done: int, total: int | None) -> None:
        if self._callback is not None and done > self._reported:
            self._reported = done
            self._callback(done, total)


class Sink:
    """Where the bytes go. A path is written to a temporary file beside it and renamed into
    place only when complete; a file object is written where it stands (and rewound to
    there for a restart, when it can seek)."""

    def __init__(self, destination: Destination) -> None:
        self.size = 0
        self._path: Path | None = None
        self._start: int | None = None
        if isinstance(destination, (str, os.PathLike)):
            self._path = Path(destination)
            if self._path.is_dir():
                raise IsADirectoryError(f"destination is a directory: {self._path}")
            try:
                self._temporary, handle = _create_beside(self._path)
            except OSError as error:  # name the destination, not the temporary file
                raise type(error)(
                    error.errno, f"cannot write the download to {self._path}: {error.strerror}"
                ) from error
            self._file: BinaryIO = os.fdopen(handle, "wb")
        elif hasattr(destination, "write"):
            self._file = destination
            try:
                self._start = destination.tell() if destination.seekable() else None
            except (AttributeError, OSError):
                self._start = None
        else:
            raise TypeError(
                "destination must be a path or a binary file object, "
                f"not {type(destination).__name__}"
            )

    def write(self, chunk: bytes) -> None:
        self._file.write(chunk)
        self.size += len(chunk)

    def restart(self) -> None:
        """Back to zero bytes, for a storage that answered a resumption with the whole file."""
        if self.size == 0:
            return
        if self._path is None and self._start is None:
            raise DownloadError(
                "the storage restarted the file from its first byte and the destination "
                "file object cannot seek back"
            )
        self._file.seek(self._start or 0)
        self._file.truncate()
        self.size = 0

    def commit(self) -> None:
        """The download is complete: put the file in place."""
        if self._path is not None:
            self._file.close()
            os.replace(self._temporary, self._path)
        else:
            self._file.flush()

    def discard(self) -> None:
        """The download failed (or was interrupted): leave nothing behind at a path."""
        if self._path is not None:
            try:
                self._file.close()
            finally:
                self._temporary.unlink(missing_ok=True)
