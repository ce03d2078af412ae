"""``bench/days_shared_evidence.py``: quoted phrases of 6+ characters, the items both stories carry (rare and
exclusive names by the day's document frequency), the separation table's bar and the gate that keeps a day's pairs."""

from __future__ import annotations

from collections import Counter

import numpy as np
from bench.days_join_fit import Captured
from bench.days_shared_evidence import GATES, gated, pair_kinds, quotes, separation, story_evidence

from newsmirror.stories.joincomplete import JOIN_FEATURES


def test_quotes_want_six_characters_and_drop_their_ends() -> None:
    text = "他说「这是一个很长的引语。」又说“短句”，报道称『另一个长长的引语』。"
    assert quotes(text) == frozenset({"这是一个很长的引语", "另一个长长的引语"})


def test_pair_kinds_count_shared_figures_quotes_and_rare_names() -> None:
    a = {"figure": frozenset({"156人"}), "figure, whole text": frozenset({"156人", "2.3%"}),
         "quote": frozenset({"抄袭剽窃者不应成为榜样"}), "name": frozenset({"琼瑶", "台湾", "郭敬明"})}
    b = {"figure": frozenset(), "figure, whole text": frozenset({"2.3%"}), "quote": frozenset({"抄袭剽窃者不应成为榜样"}),
         "name": frozenset({"台湾", "郭敬明"})}
    df = Counter({"台湾": 40, "郭敬明": 3, "琼瑶": 1})
    kinds = pair_kinds(a, b, df, Counter({"台湾": 2, "郭敬明": 2}))
    assert (kinds["figure"], kinds["figure, whole text"], kinds["quote"]) == (0, 1, 1)
    assert (kinds["rare name 2"], kinds["rare name 3"], kinds["rare name 10"]) == (0, 1, 1)
    assert kinds["exclusive name"] == 0  # a third report of the day names 郭敬明
    assert pair_kinds(a, b, df, Counter({"台湾": 2, "郭敬明": 3}))["exclusive name"] == 1


def test_story_evidence_is_the_union_of_its_reports() -> None:
    day = Captured("d", {"a1": "a", "a2": "a", "b1": "b"}, {"a": 2, "b": 1}, [], np.zeros((0, 1)), {})
    empty: frozenset[str] = frozenset()
    per = {"a1": {"figure": frozenset({"5.5%"}), "name": frozenset({"甲"})},
           "a2": {"figure": frozenset({"120人"}), "name": frozenset({"甲", "乙"})},
           "b1": {"figure": empty, "name": empty}}
    stories, used = story_evidence(day, per)
    assert stories["a"]["figure"] == frozenset({"5.5%", "120人"})
    assert used["a"] == Counter({"甲": 2, "乙": 1})


def _captured(y: list[int]) -> Captured:
    # stories s0.. of one report each; pair i joins s(2i) and s(2i+1), of one event when y[i]
    assigned, truth, pairs = {}, {}, []
    for i, same in enumerate(y):
        a, b = f"s{2 * i}", f"s{2 * i + 1}"
        assigned.update({a + "r": a, b + "r": b})
        truth.update({a + "r": f"e{i}", b + "r": f"e{i}" if same else f"f{i}"})
        pairs.append((a, b))
    sizes = dict.fromkeys(assigned.values(), 1)
    return Captured("d", assigned, sizes, pairs, np.zeros((len(pairs), len(JOIN_FEATURES))), truth)


def test_the_gate_keeps_the_pairs_with_evidence_and_the_table_reads_the_bar() -> None:
    y = [1, 1, 0, 0, 1, 0]
    zero = {k: 0 for k in ("figure", "figure, whole text", "quote", "exclusive name")}
    rare = {f"rare name {k}": 0 for k in (2, 3, 5, 10)}
    kinds = [dict(zero, **rare) for _ in y]
    for i in (0, 1, 2):  # a quote on two one-event pairs and one other: 2 of 3 passed, 2 of 3 one-event pairs
        kinds[i]["quote"] = 1
    kinds[3]["figure"] = 1  # a head figure only on a pair of two events
    day = _captured(y)
    kept = gated(day, kinds, GATES["quote 6+"])
    assert kept.pairs == day.pairs[:3]
    text, meeting = separation({"d": (day, np.array(y, dtype=float), kinds)})
    assert "quote 6+" in meeting and "figure (head 600)" not in meeting
    assert "| quote 6+ | 3 | 2 = 66.7% | 66.7% |" in text


def test_the_evidence_columns_follow_the_captured_features() -> None:
    from bench.days_shared_evidence import EVIDENCE_COLUMNS, with_evidence

    day = _captured([1, 0])
    kinds = [dict.fromkeys(EVIDENCE_COLUMNS, 0) for _ in range(2)]
    kinds[0]["quote"] = 1
    kinds[1]["rare name 3"] = 3
    wide = with_evidence(day, kinds)
    assert wide.features.shape == (2, len(JOIN_FEATURES) + len(EVIDENCE_COLUMNS))
    extra = wide.features[:, len(JOIN_FEATURES):]
    assert extra[0, EVIDENCE_COLUMNS.index("quote")] == np.log1p(1)
    assert extra[1, EVIDENCE_COLUMNS.index("rare name 3")] == np.log1p(3)
    assert extra.sum() == np.log1p(1) + np.log1p(3)
