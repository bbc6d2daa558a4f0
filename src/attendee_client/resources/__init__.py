"""One module per API resource.

Each resource is written once, for asyncio, in ``_async/``; ``scripts/unasync.py`` writes its
synchronous twin in ``_sync/``. Argument checks, which are the same for both, live in
``_arguments/``. A new resource is a module in ``_async/`` plus one accessor in
``_async/registry.py``: no core module changes.
"""
