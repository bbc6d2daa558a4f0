"""The asyncio source of the I/O layer: the client, the resource base, the pager, the raw
wrappers and the body stream. ``scripts/unasync.py`` writes their synchronous twins in
``_sync/``; what really differs (the transport call, the sleep) is in ``_async_io.py``."""
