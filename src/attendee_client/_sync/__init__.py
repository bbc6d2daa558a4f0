"""The synchronous I/O layer, generated from ``_async/`` by ``scripts/unasync.py``: never
edited by hand. What really differs (the transport call, the sleep) is in ``_sync_io.py``."""
