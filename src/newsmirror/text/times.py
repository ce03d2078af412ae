"""How every output shows a time: one zone, UTC+8, always labelled.

The readers live in UTC+8 (Beijing, Taipei, Hong Kong, Singapore share it) and most outlets
write in it. Showing stored times in the zone each happened to be stored in (some +08:00, some
UTC) made one list mix zones and let the reader and the static site show different days for the
same article. Everything a person reads goes through here: the reader, the static site, diffs.
Times are shown to the minute, so two times that differ only in seconds are the same time to a
reader: :func:`same_minute` is how "did the date change?" must be asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

DISPLAY_ZONE = timezone(timedelta(hours=8), "UTC+8")
ZONE_LABEL = "UTC+8"
ZONE_NOTE = "时间均为 UTC+8（北京、台北、香港时间）"


def local(value: datetime) -> datetime:
    """``value`` in the display zone; a naive time is taken as UTC (how the store keeps them)."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(DISPLAY_ZONE)


def minute(value: datetime | None) -> str:
    """``2021-01-20 09:02`` in UTC+8 (no label: for lists under a page that names the zone)."""
    return local(value).strftime("%Y-%m-%d %H:%M") if value else ""


def stamp(value: datetime | None) -> str:
    """``2021-01-20 09:02 UTC+8``: a time with its zone."""
    return f"{minute(value)} {ZONE_LABEL}" if value else ""


def day(value: datetime | None) -> str:
    """The calendar day in UTC+8, the same in every output for the same article."""
    return local(value).strftime("%Y-%m-%d") if value else ""


def same_minute(old: datetime | None, new: datetime | None) -> bool:
    """Whether two times read the same when shown (to the minute, in one zone)."""
    if old is None or new is None:
        return old is new
    return minute(old) == minute(new)


def iso(value: datetime | None) -> str:
    """For ``<time datetime>``: the same instant, written in the display zone."""
    return local(value).isoformat(timespec="minutes") if value else ""


def json_utc(value: datetime | None) -> str | None:
    """For JSON (every `--json` output and the reader's /api): the instant in UTC, ISO 8601 ending in ``Z``, as
    pydantic writes the API's times (``isoformat()`` writes ``+00:00``: two forms of one time in one tool's JSON)."""
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")


# Jinja filters, registered by every template environment (reader, static site, change pages).
FILTERS: dict[str, Callable[[datetime | None], str]] = {"minute": minute, "stamp": stamp, "day": day, "iso": iso}
