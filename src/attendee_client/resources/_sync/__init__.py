"""The synchronous resources, written by ``scripts/unasync.py`` from ``_async``."""
