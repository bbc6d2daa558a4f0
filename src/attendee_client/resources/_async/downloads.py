"""Downloading a recording from its storage host, resumably, to a path or a file.

Written once, for asyncio: ``scripts/unasync.py`` writes the synchronous twin from it. The
decisions (what is sent, which answers are accepted, where the bytes go) are in
``_download_decisions.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx

from attendee_client._async.resource import AsyncTransport
from attendee_client._raw import record_exchange
from attendee_client.resources._download_decisions import (
    MAX_REDIRECTS,
    Destination,
    Progress,
    ProgressCallback,
    Sink,
    backoff,
    check_destination,
    expected_total,
    gave_up,
    is_complete,
    length_mismatch,
    redirect_target,
    status_failure,
    storage_request,
    too_many_redirects,
)
from attendee_client.types.bots import Recording

__all__ = ["download"]


async def download(
    client: AsyncTransport,
    locate: Callable[[], Awaitable[Recording]],
    destination: Destination,
    progress: ProgressCallback | None,
) -> int:
    """Ask the API where the file is (``locate``) and copy it to ``destination``; see
    ``AsyncBots.download_recording``. Returns the number of bytes written."""
    report = Progress(progress)
    check_destination(destination)
    recording = await locate()
    sink = Sink(destination)
    try:
        size = await _transfer(client, locate, httpx.URL(recording.url), sink, report)
        sink.commit()  # the last flush and the rename can fail too: nothing is left then
    except BaseException:
        sink.discard()
        raise
    return size


async def _transfer(
    client: AsyncTransport,
    locate: Callable[[], Awaitable[Recording]],
    url: httpx.URL,
    sink: Sink,
    report: Progress,
) -> int:
    refreshed = False
    retries = 0
    while True:
        try:
            response = await _open(client, url, sink.size)
        except httpx.TransportError as error:
            retries = await _pause(client, retries, url, error)
            continue
        try:
            if response.status_code == 403 and not refreshed:
                # A signed URL expired (they live 30 minutes): the API hands out a new one.
                refreshed = True
                url = httpx.URL((await locate()).url)
                continue
            if response.status_code == 416 and is_complete(response, sink.size):
                # The connection broke after the last byte: a resumption asks past the end.
                report(sink.size, sink.size)
                return sink.size
            if response.status_code not in (200, 206):
                await response.aread()
                raise status_failure(response)
            if response.status_code == 200:
                sink.restart()  # the storage sent the whole file, whatever was asked
            total = expected_total(response, sink.size)
            async for chunk in response.aiter_raw():
                sink.write(chunk)
                report(sink.size, total)
        except httpx.TransportError as error:
            retries = await _pause(client, retries, url, error)
            continue
        finally:
            await response.aclose()
        if total is not None and sink.size > total:
            raise length_mismatch(sink.size, total, url)
        if total is not None and sink.size < total:
            retries = await _pause(client, retries, url, None)
            continue
        record_exchange(response)
        report(sink.size, total)
        return sink.size


async def _pause(
    client: AsyncTransport, retries: int, url: httpx.URL, error: httpx.TransportError | None
) -> int:
    """Wait before resuming (the retry budget allowing); returns the retries made so far.
    ``error`` is what broke the transfer (None: the body ended early)."""
    if retries >= client.max_retries:
        cause = "the body ended early" if error is None else type(error).__name__
        raise gave_up(retries, url, cause) from error
    retries += 1
    await client._sleep(backoff(retries))
    return retries


async def _open(client: AsyncTransport, url: httpx.URL, offset: int) -> httpx.Response:
    """The storage's answer for ``url`` from ``offset``, redirects followed (a few, to
    http(s) only); the body is still to be read."""
    for _ in range(MAX_REDIRECTS + 1):
        request = storage_request(url, offset, client.timeout)
        # Sent as built: the client's headers, cookies and auth are not added by ``send``.
        response = await client._http.send(request, stream=True, follow_redirects=False, auth=None)
        try:
            target = redirect_target(response)
        except BaseException:
            await response.aclose()
            raise
        if target is None:
            return response
        await response.aclose()
        url = target
    raise too_many_redirects(url)
