"""Cursor pages of a list, and the pagers that walk them.

A list answers ``{"next": URL or null, "previous": URL or null, "results": [...]}``. Only the
opaque ``cursor`` inside ``next`` is kept: the next page is requested against the client's
own base URL, never the host in ``next`` (behind a proxy it is often wrong, and following it
would send the API key elsewhere).

``Page``, its reading and the repeated-cursor guard are in ``_pages.py``; ``AsyncPager`` is
written in ``_async/pagination.py`` and ``SyncPager`` generated from it.
"""

from attendee_client._async.pagination import AsyncPager
from attendee_client._pages import Page
from attendee_client._sync.pagination import SyncPager

__all__ = ["AsyncPager", "Page", "SyncPager"]
