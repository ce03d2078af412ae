"""The join guard's side is the side ``join_complete`` takes, ties included (review66; constructed stand-ins)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

from newsmirror.stories.cluster import _rank
from newsmirror.stories.joincomplete import kept_out


def story(members: int, mixed: int, first: datetime) -> Any:
    return cast(Any, SimpleNamespace(members=[None] * members, mixed=mixed, first=first))


def test_the_guard_reads_the_side_join_complete_takes() -> None:
    at, later = datetime(2020, 11, 25, 8, tzinfo=UTC), datetime(2020, 11, 25, 9, tzinfo=UTC)
    for a_members, b_members, a_first, b_first in ((4, 4, at, at), (3, 4, at, at), (4, 4, later, at), (5, 4, at, at)):
        for a_mixed, b_mixed in ((0, 1), (1, 0)):
            a, b = story(a_members, a_mixed, a_first), story(b_members, b_mixed, b_first)
            small = b if _rank(a) > _rank(b) else a  # join_complete: big, small = (a, b) if _rank(a) > _rank(b) ...
            assert kept_out(a, b) == bool(small.mixed), (a_members, b_members, a_first, b_first, a_mixed, b_mixed)
