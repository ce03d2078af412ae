"""The leave-one-day-out refit rows of ``bench/days_event_replay.py --refit-rows`` on constructed days: which
grouping (packaged or LODO pair model) and which event model (packaged or refit on the other days) each row
reads."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from bench.days_event_replay import Captured, Grouped, refit_rows
from bench.days_pair_fit import Day

from newsmirror.stories.cluster import Assignment, _StoryState
from newsmirror.stories.pairscore import PairModel

NOW = datetime(2020, 8, 4, tzinfo=UTC)
# Linking a pair of this feature is right (one event), of the other wrong; the pair is listed several times so
# a fit on two days' rows reaches the threshold.
SAME, OTHER = 1.0, 0.0
COPIES = 6


def _grouped(stories: dict[str, list[str]]) -> Grouped:
    """Stories (id -> members); the pairs: s1 with s2 (one event) and s1 with s3 (another)."""
    states = {sid: _StoryState(id=sid, title="", first=NOW, last=NOW,
                               members=[Assignment(a, sid, "member", None, 1.0, False) for a in members])
              for sid, members in stories.items()}
    pairs = [("s1", "s2"), ("s1", "s3")] * COPIES
    features = np.array([[SAME], [OTHER]] * COPIES)
    grouped = Grouped({a: sid for sid, members in stories.items() for a in members}, states, pairs, features, {})
    grouped.extra["current"] = features  # what ``days_event_variants.current`` reads, without computing it
    return grouped


def _day(name: str) -> Captured:
    events = {**{f"a{i}": "e" for i in range(1, 6)}, **{f"b{i}": "f" for i in range(1, 4)}}
    day = Day(name, [], events, set())
    # The packaged pair model splits event e 3 + 2, the LODO one 4 + 1.
    ship = _grouped({"s1": ["a1", "a2", "a3"], "s2": ["a4", "a5"], "s3": ["b1", "b2", "b3"]})
    loo = _grouped({"s1": ["a1", "a2", "a3", "a4"], "s2": ["a5"], "s3": ["b1", "b2", "b3"]})
    return Captured(day, loo, ship)


NEVER = PairModel((0.0,), -50.0, 0.85, ("x",))  # a packaged event model that links nothing


def test_each_row_reads_its_grouping_and_event_model() -> None:
    cache = {name: _day(name) for name in ("d1", "d2", "d3")}
    rows = refit_rows(cache, NEVER, threshold=0.5)
    assert set(rows) == {"packaged", "pair refit", "event refit", "both refit"}
    packaged, pair, event, both = (rows[k][0] for k in ("packaged", "pair refit", "event refit", "both refit"))
    # no links: the packaged grouping (3 + 2) and the LODO one (4 + 1) are scored as they stand
    assert packaged[0] < 1.0 and pair[0] < 1.0 and packaged[0] != pytest.approx(pair[0])
    assert packaged[3:] == (3, 3) and pair[3:] == (2, 2)  # pure / multi-report stories, as counts
    # the refit event model learned from the other days that SAME pairs link, and not OTHER ones
    assert event[0] == pytest.approx(1.0) and both[0] == pytest.approx(1.0)
    assert event[3:] == both[3:] == (2, 2)


def test_each_day_is_scored_by_the_event_model_of_the_other_days() -> None:
    cache = {name: _day(name) for name in ("d1", "d2", "d3")}
    # d3's story pairs (the LODO grouping's, which the fits read) teach the opposite of the other two days'
    cache["d3"].loo.extra["current"] = np.array([[OTHER], [SAME]] * COPIES)
    rows = refit_rows(cache, NEVER, threshold=0.6)
    # d3 is scored by the model of d1 and d2, which links; d1 by that of d2 and d3, which cancel out (p = .5)
    assert rows["event refit"][2][0] == pytest.approx(1.0)
    assert rows["packaged"][0][0] < 1.0
    assert rows["event refit"][0][0] == pytest.approx(rows["packaged"][0][0])
