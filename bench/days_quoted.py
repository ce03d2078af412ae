"""A quotation two reports share as one more feature of the grouping pair model, refit leave one day out.

group54 (session 44) joined a report under the threshold to a story one of whose members quotes the same 6 Han
characters (``ClusterConfig.quote_join``, a rule beside the threshold) and was refused on precision. Here the same
signal is the pair model's 14th input ``quoted``: 1.0 when the report and any member of the story share a run of
``CHARS`` Han characters inside quotation marks (“…”, 「…」, 『…』) in the title or the first ``body_chars`` of the
body, folded to Simplified (``quote_grams``, group54's); when the pair model reads a story's core as one report (the
merge pass, the event layer's and the join's core probability) its members' quotations stand for the report's.

    python bench/days_quoted.py --days DAYS --capture C.pickle                 # each day's pairs, once
    python bench/days_quoted.py --cache C.pickle --rows R.pickle [--threshold T ...]   # every day by each fold
    python bench/days_quoted.py --cache C.pickle --rows R.pickle --nested      # the full nested estimate (slow)

Fitting and judging are ``bench/days_sentence.py``'s (emb42): ``days_pair_lodo``'s L2 / weighing grid chosen by
held-out pair log-loss on the other days, the threshold ``choose`` picks on the other days' rows, ``--bound``'s
bound on the nested estimate; the 13 shipped features refit from the same capture (the last column dropped) and the
shipped model scored by the same grouping. Only tuning days are read (``days_pair_fit.load_day`` refuses any other).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_pair_fit import Day, _TeacherForced, add_days_arguments, tuning_days  # noqa: E402
from bench.days_pair_lodo import choose  # noqa: E402
from bench.days_sentence import (  # noqa: E402
    ProbeFeature,
    Score,
    fold_rows,
    forced_pairs,
    grouped,
    nested,
    scored,
    summary,
)
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer  # noqa: E402
from newsmirror.stories.pairscore import FEATURES, PairModel, default_pair_model  # noqa: E402
from newsmirror.text.script import to_simplified_key  # noqa: E402

WITH_QUOTED = (*FEATURES, "quoted")
CHARS = 6  # group54's run length, fixed before any count (longer than a four-character set phrase)
THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)  # emb42's grid
_QUOTED = re.compile(r"[“「『]([^“”「」『』]{1,300})[”」』]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_NONE: frozenset[str] = frozenset()


def quote_grams(title: str, text: str, chars: int, body_chars: int) -> frozenset[str]:
    """The runs of ``chars`` Han characters (folded to Simplified) inside the quotation marks of ``title`` and the
    first ``body_chars`` of ``text`` (group54's, branch ``group54``)."""
    grams: set[str] = set()
    for quoted in _QUOTED.finditer(title + "\n" + text[:body_chars]):
        for run in _HAN_RUN.findall(to_simplified_key(quoted.group(1))):
            grams.update(run[i:i + chars] for i in range(len(run) - chars + 1))
    return frozenset(grams)


class QuotedFeature(ProbeFeature):
    """A clusterer whose pair features end with ``quoted``: whether the report being placed quotes a run any member
    of the story quotes. A story read as one report (merges, the event layer, the join) quotes what its members do."""

    grams: dict[str, frozenset[str]] = {}
    _probe: frozenset[str] = _NONE

    def setup(self) -> None:
        self.grams = {}
        self._probe = _NONE

    def _probe_of(self, story: Any) -> frozenset[str]:
        """The quotations of the story's members."""
        return frozenset().union(*(self.grams.get(m.article_id, _NONE) for m in story.members))

    def add(self, doc: Document) -> Any:
        self._probe = self.grams[doc.id] = quote_grams(doc.title, doc.text, CHARS, self.config.body_chars)
        return super().add(doc)

    def _tail_features(self, vector: dict[str, float], story: Any,
                       meaning: np.ndarray | None) -> tuple[float, ...]:
        probe, grams = self._probe, self.grams
        hit = bool(probe) and any(probe & grams.get(m.article_id, _NONE) for m in story.members)
        return (*super()._tail_features(vector, story, meaning), 1.0 if hit else 0.0)


class QuotedForced(QuotedFeature, _TeacherForced):
    """``days_pair_fit``'s teacher forcing with the ``quoted`` feature."""


def capture_pairs(day: Day) -> tuple[np.ndarray, np.ndarray]:
    """``days_pair_fit.pairs`` of a day alone (the labels decide; no merging, no model), the rows ending with
    ``quoted``: the first 13 columns are ``days_pair_fit.pairs``' own."""

    def forced(config: ClusterConfig, events: dict[str, str]) -> _TeacherForced:
        clusterer = QuotedForced(config, events)
        clusterer.setup()
        return clusterer

    return forced_pairs(day, forced)


def grouping(day: Day, model: PairModel) -> tuple[dict[str, str], float]:
    """The day grouped as ``days_eval`` groups it (the event pass and the closing join at its end), by a model
    with or without ``quoted``: report -> story, and the CPU seconds it took."""

    def clusterer() -> StoryClusterer:
        if model.features != WITH_QUOTED:
            return StoryClusterer(ClusterConfig(), model=model)
        feature = QuotedFeature(ClusterConfig(), model=model)
        feature.setup()
        return feature

    return grouped(day, clusterer)


def group(day: Day, model: PairModel) -> Score:
    """``grouping`` scored as ``days_sentence.group`` scores (B-cubed, pure stories, multi-event reports glued)."""
    return scored(day, *grouping(day, model))


def report_rows(label: str, rows: Mapping[str, Mapping[float, Score]], shipped: Mapping[str, Score]) -> None:
    """The one-level rows at each threshold, each day at the threshold chosen on the other days' rows (with each
    day's choice and impure stories), the bound on the nested estimate, and the grouping CPU of one pass."""
    names = list(rows)
    thresholds = list(next(iter(rows.values())))
    for t in thresholds:
        scores = [rows[d][t] for d in names]
        print(summary(f"{label}, one level, threshold {t:g}", scores)
              + f" impure {sum(s[4] - s[3] for s in scores)}")
    table = {t: {d: rows[d][t][:5] for d in names} for t in thresholds}
    short = {d: s[:5] for d, s in shipped.items()}
    chosen = {d: choose(table, short, [n for n in names if n != d]) for d in names}
    scores = [rows[d][chosen[d]] for d in names]
    counts = {t: sum(1 for c in chosen.values() if c == t) for t in sorted(set(chosen.values()))}
    print(summary(f"{label}, CHOSEN: each day at the threshold chosen on the other days' rows ("
                  + ", ".join(f"{t:g} on {n}" for t, n in counts.items()) + ")", scores)
          + f" impure {sum(s[4] - s[3] for s in scores)}")
    if "2020-10-01" in rows:
        s = rows["2020-10-01"][chosen["2020-10-01"]]
        print(f"{label}, 2020-10-01 at {chosen['2020-10-01']:g}: F1 {s[0]:.4f} P {s[1]:.4f} R {s[2]:.4f}")
    f1 = float(np.mean([max(s[0] for s in r.values()) for r in rows.values()]))
    print(f"{label}, nested estimate at best (bound): mean F1 <= {f1:.4f}")
    cpu = sum(s[6] for r in rows.values() for s in r.values()) / len(thresholds)
    print(f"{label}: grouping CPU {cpu:.1f} s per pass over the days", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--capture", type=Path, help="load the tuning days, write their pairs here")
    parser.add_argument("--cache", type=Path, help="a --capture file")
    parser.add_argument("--rows", type=Path, help="each day by each fold's model at every threshold (saved here)")
    parser.add_argument("--nested", action="store_true", help="the full nested estimate (slow)")
    parser.add_argument("--only", choices=("base", "quoted"), action="append",
                        help="only this feature set (repeatable; default both)")
    parser.add_argument("--threshold", action="append", type=float)
    add_days_arguments(parser)
    args = parser.parse_args()
    if args.capture:
        days = tuning_days(args)
        data = {}
        for day in days:
            started = time.process_time()
            data[day.name] = capture_pairs(day)
            x, y = data[day.name]
            print(f"{day.name}: {len(y)} pairs ({int(y.sum())} same event; quoted on {int(x[y == 1, -1].sum())} "
                  f"same, {int(x[y == 0, -1].sum())} other), {time.process_time() - started:.1f} s", flush=True)
        with args.capture.open("wb") as handle:
            pickle.dump((days, data), handle)
        return
    if args.cache is None:
        parser.error("--capture or --cache")
    with args.cache.open("rb") as handle:
        days, data = pickle.load(handle)
    thresholds = args.threshold or THRESHOLDS
    sets = [("base", len(FEATURES), FEATURES), ("quoted", len(WITH_QUOTED), WITH_QUOTED)]
    sets = [s for s in sets if not args.only or s[0] in args.only]
    saved: dict[str, Any] = {}
    if args.rows and args.rows.exists():
        with args.rows.open("rb") as handle:
            saved.update(pickle.load(handle))
    if "shipped" not in saved:
        saved["shipped"] = {d.name: group(d, default_pair_model()) for d in days}
    shipped = saved["shipped"]
    print(summary("shipped model", list(shipped.values()))
          + f" impure {sum(s[4] - s[3] for s in shipped.values())}; grouping CPU "
          f"{sum(s[6] for s in shipped.values()):.1f} s, "
          f"{1000 * sum(s[6] for s in shipped.values()) / sum(len(d.documents) for d in days):.2f} ms/article",
          flush=True)
    for label, width, features in sets:
        if label not in saved:
            print(f"{label}: each day by the model fitted on the other days", flush=True)
            saved[label] = fold_rows(days, data, width, features, thresholds, group)
            if args.rows:
                with args.rows.open("wb") as handle:
                    pickle.dump(saved, handle)
        report_rows(label, saved[label], shipped)
    if args.nested:
        for label, width, features in sets:
            outer = nested(days, data, width, features, thresholds, group, shipped)
            print(summary(f"nested LODO, {label}", list(outer.values()))
                  + f" impure {sum(s[4] - s[3] for s in outer.values())}", flush=True)
            saved[f"nested-{label}"] = outer
            if args.rows:
                with args.rows.open("wb") as handle:
                    pickle.dump(saved, handle)
    print(summary("shipped model", list(shipped.values())))


if __name__ == "__main__":
    main()
