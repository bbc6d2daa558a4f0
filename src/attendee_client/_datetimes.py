"""ISO 8601 date-times as the Attendee server writes them, and back: ``parse_datetime`` (any
offset, read into an aware UTC datetime) and ``format_datetime`` (UTC, ``Z``, no zero
fraction)."""

import re
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

__all__ = ["UTC", "format_datetime", "fromisoformat", "parse_datetime", "parse_with_pattern"]

UTC = timezone.utc


def _shown(text: object) -> str:
    """``repr(text)`` cut to 80 characters, for a message."""
    shown = repr(text)
    return shown if len(shown) <= 80 else shown[:77] + "..."


# ASCII digits only: a fullwidth or Arabic-Indic digit is not ISO 8601.
_DATETIME_PATTERN = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})"
    r"(?:[.,](\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))",
    re.ASCII,
)


def parse_with_pattern(text: str) -> datetime:
    """The portable parser: any offset, 0 to 9 fraction digits (kept to microseconds)."""
    match = _DATETIME_PATTERN.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not an ISO 8601 date-time: {_shown(text)}")
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    microsecond = int(fraction[:6].ljust(6, "0")) if fraction else 0
    try:
        if zulu:
            tz = UTC
        else:
            offset = timedelta(hours=int(off_h), minutes=int(off_m))
            tz = timezone(-offset if sign == "-" else offset)
        parsed = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), microsecond, tz
        )
        return parsed if zulu else parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"not an ISO 8601 date-time: {_shown(text)}") from None


if sys.version_info >= (3, 11):
    fromisoformat: Callable[[str], datetime] = datetime.fromisoformat

    def parse_datetime(text: str) -> datetime:
        """Parse an ISO 8601 date-time with an offset into an aware UTC datetime.

        Raises ValueError when ``text`` is not one.
        """
        # The server's own form (``2024-01-13T10:30:00Z``, microseconds when not zero) is
        # read by fromisoformat, in C, about ten times faster than the pattern; every other
        # form goes to the pattern, so what is accepted is the same on every Python
        # (fromisoformat alone would also take week dates, the basic format, no seconds).
        if not (
            type(text) is str
            and (len(text) == 20 or (len(text) == 27 and text[19] == "."))
            and text[-1] == "Z"
            and text[4] == "-"
            and text[7] == "-"
            and text[10] == "T"
            and text[13] == ":"
            and text[16] == ":"
        ):
            return parse_with_pattern(text)
        try:
            value = fromisoformat(text)
        except ValueError:
            return parse_with_pattern(text)
        zone = value.tzinfo
        if zone is UTC:
            return value
        if zone is None:
            raise ValueError(f"not an ISO 8601 date-time with an offset: {_shown(text)}")
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError(f"not an ISO 8601 date-time: {_shown(text)}") from None

else:  # pragma: no cover - the CI matrix runs this on 3.10
    parse_datetime = parse_with_pattern
    fromisoformat = parse_with_pattern


def format_datetime(value: datetime) -> str:
    """Format a datetime the way the Attendee server does (UTC, ``Z``, no zero fraction)."""
    utc = value.astimezone(UTC)
    # Not strftime: its %Y does not pad years before 1000 on every platform.
    text = (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    )
    if utc.microsecond:
        text += f".{utc.microsecond:06d}"
    return text + "Z"
