"""The complete-story join for small stories, replayed leave one day out (issue 14 item 2; session 28, group28).

group28's census (``bench/days_split_kinds.py``) found that most B-cubed recall the tuning days lose is in events
that never form a story of ``join_least`` (3) reports: two or more single reports of one event left apart, which
neither the event layer (``event_core``) nor the complete-story join (``join_least``) ever judges. This replays,
on a ``days_join_fit.py --capture`` pickle, the shipped pass (pairs whose larger story holds 3+ reports, first
reports within a day, star) followed by a second pass over the pairs of two small stories (both under 3 reports,
first reports within a day, neither touched by the first pass), judged by a **separate** model over the same
``JOIN_FEATURES`` fitted on such pairs only. Each day is scored with both models fitted on the other days and the
small pass's threshold chosen on those days (best mean F1 with pooled pure at least the first pass's pooled pure
minus ``PURE_SLACK``), so no day's model or threshold saw it.

    python bench/days_join_small.py --cache CACHE.pickle [--verbose] [--write]
    python bench/days_join_small.py --cache CACHE.pickle --figures PATH/archived   # + shared_figures (refused)
    python bench/days_join_small.py --cache CACHE.pickle --statements PATH/archived --across-outlets --top 0.5 \
        --days-equal   # statements read only for a first model's top pairs (session 29, recall30; refused)

``--write`` fits the small model on every day (threshold by the same rule) and writes ``join_small_model.toml``.
Only tuning days are in a capture.
"""

from __future__ import annotations

import argparse
import math
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import purity  # noqa: E402
from bench.days_join_fit import (  # noqa: E402
    THRESHOLDS,
    Captured,
    choose,
    fit_days,
    probability,
    scoped,
    score,
)
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.stories.cluster import Document  # noqa: E402
from newsmirror.stories.joincomplete import JOIN_FEATURES, JOIN_MODEL_FILE  # noqa: E402
from newsmirror.stories.pairscore import PairModel  # noqa: E402

LEAST = 3  # ClusterConfig.join_least
GAP_HOURS = 24.0  # ClusterConfig.join_gap
PURE_SLACK = 0.005
_GAP = JOIN_FEATURES.index("gap")
JOIN_SMALL_MODEL_FILE = JOIN_MODEL_FILE.with_name("join_small_model.toml")


_FIGURE = re.compile(r"\d+(?:\.\d+)?(?![\d.年月日号时分点])")


def figures(title: str, text: str, lede_chars: int = 150) -> frozenset[str]:
    """The figures a report states first (title and lede): digit runs of value >= 10, not dates, times or years."""
    from newsmirror.text.numbers import fold_numbers
    from newsmirror.text.script import to_simplified

    read = fold_numbers(to_simplified(f"{title} {text[:lede_chars]}"))
    found = set()
    for match in _FIGURE.finditer(read):
        value = float(match.group(0))
        if value >= 10 and not (len(match.group(0)) == 4 and 1900 <= value <= 2100):
            found.add(match.group(0))
    return frozenset(found)


def with_figures(day: Captured, documents: list[Document]) -> Captured:
    """The day with ``shared_figures`` appended to every pair's features (log(1 + figures both stories state))."""
    of_story: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        story = day.assigned.get(doc.id)
        if story is not None:
            of_story[story] |= figures(doc.title, doc.text)
    column = np.array([[math.log1p(len(of_story[a] & of_story[b]))] for a, b in day.pairs]).reshape(-1, 1)
    return Captured(day.name, day.assigned, day.sizes, day.pairs, np.hstack([day.features, column]), day.truth)


STATEMENT_FEATURES = ("statements_shared", "statements_share", "statements_specific")


def statement_columns(day: Captured, documents: list[Document], day_weights: bool = False,
                      across_outlets: bool = False) -> np.ndarray:
    """Per pair: what the two stories' reports state alike (``compare.shared_statements`` on each member's
    first ``STATEMENT_SENTENCES`` sentences): log(1 + shared facts), the smaller side's share covered,
    log(1 + shared facts that also share a figure or a name). ``day_weights``: the aligner's bigrams weighed by
    their rarity among every report of the day (``compare.statement_weights``), not among the pair's.
    ``across_outlets``: 0 for two stories with an outlet in common (one outlet repeating its own template)."""
    from newsmirror.model import Article
    from newsmirror.stories.compare import shared_statements, statement_units, statement_weights

    units = {d.id: statement_units(Article(outlet=d.outlet, title=d.title, original_url="", id=d.id, body_text=d.text))
             for d in documents if d.id in day.assigned}
    members: dict[str, list[str]] = defaultdict(list)
    outlets: dict[str, set[str]] = defaultdict(set)
    outlet_of = {d.id: d.outlet for d in documents}
    for article, story in day.assigned.items():
        if article in units:
            members[story].append(article)
            outlets[story].add(outlet_of[article])
    weight = statement_weights(units.values()) if day_weights else None
    rows = []
    for a, b in day.pairs:
        if across_outlets and outlets[a] & outlets[b]:
            rows.append((0.0, 0.0, 0.0))
            continue
        got = shared_statements([units[m] for m in members[a]], [units[m] for m in members[b]], weight)
        rows.append((math.log1p(got.shared), got.share, math.log1p(got.specific)))
    return np.array(rows, dtype=float).reshape(-1, len(STATEMENT_FEATURES))


def report_units(documents: list[Document], assigned: dict[str, str]) -> tuple[dict[str, list], dict[str, float]]:
    """Each grouped report's ``compare.statement_units``, computed once, and the CPU seconds each took."""
    from newsmirror.model import Article
    from newsmirror.stories.compare import statement_units

    units, seconds = {}, {}
    for d in documents:
        if d.id in assigned:
            started = time.process_time()
            units[d.id] = statement_units(Article(outlet=d.outlet, title=d.title, original_url="", id=d.id,
                                                  body_text=d.text))
            seconds[d.id] = time.process_time() - started
    return units, seconds


@dataclass
class DayText:
    """What the statement features read of a day: each report's units (and their cost), outlet, story members."""

    units: dict[str, list]
    seconds: dict[str, float]
    outlet: dict[str, str]
    members: dict[str, list[str]]


def day_text(day: Captured, documents: list[Document]) -> DayText:
    units, seconds = report_units(documents, day.assigned)
    members: dict[str, list[str]] = defaultdict(list)
    for article, story in day.assigned.items():
        if article in units:
            members[story].append(article)
    return DayText(units, seconds, {d.id: d.outlet for d in documents}, members)


def candidate_columns(day: Captured, text: DayText, keep: list[int], every_report: bool = False,
                      ) -> tuple[np.ndarray, tuple[float, float]]:
    """``STATEMENT_FEATURES`` (between outlets only) of the pairs ``keep`` (indices into ``day.pairs``), the
    bigrams weighed over the units of the reports of those pairs only (``every_report``: of every report of the
    day, information), and the CPU seconds it cost: the units of those reports (each once) plus the weights and
    the pairs."""
    from newsmirror.stories.compare import shared_statements, statement_weights

    stories = {s for i in keep for s in day.pairs[i]}
    reports = [m for s in sorted(stories) for m in text.members[s]]
    started = time.process_time()
    weight = statement_weights(text.units[m] for m in (sorted(text.units) if every_report else reports))
    rows = []
    for i in keep:
        a, b = day.pairs[i]
        if {text.outlet[m] for m in text.members[a]} & {text.outlet[m] for m in text.members[b]}:
            rows.append((0.0, 0.0, 0.0))
            continue
        got = shared_statements([text.units[m] for m in text.members[a]], [text.units[m] for m in text.members[b]],
                                weight)
        rows.append((math.log1p(got.shared), got.share, math.log1p(got.specific)))
    seconds = time.process_time() - started
    return np.array(rows, dtype=float).reshape(-1, len(STATEMENT_FEATURES)), (sum(text.seconds[m] for m in reports),
                                                                              seconds)


def topped(day: Captured, text: DayText, p: np.ndarray, top: float, every_report: bool = False,
           ) -> tuple[Captured, tuple[float, float]]:
    """The day's small pairs at stage-1 probability ``p`` >= ``top`` only, with their statement columns; and
    the CPU seconds the columns cost."""
    keep = [i for i, q in enumerate(p) if q >= top]
    columns, seconds = candidate_columns(day, text, keep, every_report)
    return Captured(day.name, day.assigned, day.sizes, [day.pairs[i] for i in keep],
                    np.hstack([day.features[keep], columns]), day.truth), seconds


def small(day: Captured) -> Captured:
    """The day with only the pairs of two stories under ``LEAST`` reports, first reports within the gap."""
    near = day.features[:, _GAP] <= np.log1p(GAP_HOURS)
    keep = [i for i, (a, b) in enumerate(day.pairs) if max(day.sizes[a], day.sizes[b]) < LEAST and near[i]]
    return Captured(day.name, day.assigned, day.sizes, [day.pairs[i] for i in keep], day.features[keep], day.truth)


def star(pairs: list[tuple[str, str]], p: np.ndarray, threshold: float, sizes: dict[str, int],
         into: dict[str, str], role: dict[str, str], untouched: set[str] | None = None) -> None:
    """A star pass (most probable first; a story absorbs or is absorbed) continuing ``into`` / ``role`` in place;
    ``untouched``: only pairs of two stories not in it (the small pass skips what the join pass joined)."""
    size = Counter(sizes)
    for side, core in into.items():
        size[core] += sizes[side]
    for _, a, b in sorted(((q, a, b) for q, (a, b) in zip(p, pairs, strict=True) if q >= threshold), reverse=True):
        if untouched is not None and (a in untouched or b in untouched):
            continue
        big, little = (a, b) if size[a] >= size[b] else (b, a)
        if little in role or role.get(big) == "side":
            continue
        role[little], role[big] = "side", "core"
        into[little] = big
        size[big] += size[little]


def star_pass(day: Captured, p: np.ndarray, threshold: float, into: dict[str, str], role: dict[str, str]) -> None:
    """``days_join_fit.joined``'s star pass, continuing from ``into`` / ``role`` (updated in place)."""
    star(day.pairs, p, threshold, day.sizes, into, role)


def both_passes(main_day: Captured, small_day: Captured, main_p: np.ndarray, main_threshold: float,
                small_p: np.ndarray | None, small_threshold: float) -> dict[str, str]:
    into: dict[str, str] = {}
    role: dict[str, str] = {}
    star_pass(main_day, main_p, main_threshold, into, role)
    if small_p is not None:
        star_pass(small_day, small_p, small_threshold, into, role)
    return into


def pooled(days: list[tuple[Captured, dict[str, str]]]) -> tuple[float, float, int, int]:
    """Mean F1, mean recall, pure and multi-report stories summed."""
    f1s, recalls, pure, multi = [], [], 0, 0
    for day, into in days:
        predicted = {k: into.get(v, v) for k, v in day.assigned.items()}
        _, recall, f1 = bcubed(day.truth, predicted)
        p, m = purity(day.truth, predicted)
        f1s.append(f1)
        recalls.append(recall)
        pure += p
        multi += m
    return float(np.mean(f1s)), float(np.mean(recalls)), pure, multi


def choose_small(mains: list[Captured], smalls: list[Captured], main_ps: list[np.ndarray], main_threshold: float,
                 weights: np.ndarray, bias: float) -> float:
    """The small pass's threshold on these days: best mean F1 with pooled pure >= the first pass's - slack."""
    base = pooled([(d, both_passes(d, s, p, main_threshold, None, 1.0)) for d, s, p in zip(mains, smalls, main_ps,
                                                                                          strict=True)])
    floor = base[2] / max(base[3], 1) - PURE_SLACK
    best = (base[0], 1.01)  # no small join unless it gains
    for threshold in THRESHOLDS:
        got = pooled([(d, both_passes(d, s, p, main_threshold, probability(weights, bias, s.features), threshold))
                      for d, s, p in zip(mains, smalls, main_ps, strict=True)])
        if got[2] / max(got[3], 1) >= floor and got[0] > best[0]:
            best = (got[0], threshold)
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--days-equal", action="store_true",
                        help="the small model's fit weighs each day's pairs the same (information)")
    parser.add_argument("--figures", type=Path, metavar="DAYS",
                        help="add shared_figures to the small model (the day folders, to read the reports' text)")
    parser.add_argument("--statements", type=Path, metavar="DAYS",
                        help="add STATEMENT_FEATURES to the small model (the day folders, to read the reports' text)")
    parser.add_argument("--day-weights", action="store_true",
                        help="with --statements: bigrams weighed by rarity in the day, not in the pair (second try; with "
                             "--top: over every report of the day, not the candidates' reports)")
    parser.add_argument("--across-outlets", action="store_true",
                        help="with --statements: 0 for two stories with an outlet in common (third try)")
    parser.add_argument("--statements-cache", type=Path, help="keep the statement columns here (computed once)")
    parser.add_argument("--fixed", type=float, help="the small pass at this threshold in every fold (information)")
    parser.add_argument("--top", type=float, metavar="P",
                        help="with --statements: read them only for the pairs a first small model (JOIN_FEATURES) "
                             "gives P or more, the weights over those pairs' reports, a second model fitted on them")
    parser.add_argument("--text-cache", type=Path, help="with --top: keep the days' statement units here")
    args = parser.parse_args()
    with args.cache.open("rb") as handle:
        cache: dict[str, Captured] = pickle.load(handle)
    mains = {n: scoped(d, LEAST, GAP_HOURS) for n, d in cache.items()}
    smalls = {n: small(d) for n, d in cache.items()}
    if args.figures:
        from bench.days_pair_fit import load_day

        smalls = {n: with_figures(d, load_day(n, args.figures).documents) for n, d in smalls.items()}
    texts: dict[str, DayText] = {}
    if args.statements and args.top is not None:
        if args.text_cache and args.text_cache.exists():
            with args.text_cache.open("rb") as handle:
                texts = pickle.load(handle)
        if set(texts) != set(smalls):
            from bench.days_pair_fit import load_day

            texts = {n: day_text(d, load_day(n, args.statements).documents) for n, d in smalls.items()}
            if args.text_cache:
                with args.text_cache.open("wb") as handle:
                    pickle.dump(texts, handle)
    elif args.statements:
        columns: dict[str, np.ndarray] = {}
        if args.statements_cache and args.statements_cache.exists():
            with args.statements_cache.open("rb") as handle:
                columns = pickle.load(handle)
        if set(columns) != set(smalls):
            from bench.days_pair_fit import load_day

            started = time.process_time()
            columns = {n: statement_columns(d, load_day(n, args.statements).documents, args.day_weights,
                                           args.across_outlets)
                       for n, d in smalls.items()}
            print(f"statement features: {sum(len(d.pairs) for d in smalls.values())} pairs, "
                  f"{time.process_time() - started:.0f} s CPU (with loading the days)")
            if args.statements_cache:
                with args.statements_cache.open("wb") as handle:
                    pickle.dump(columns, handle)
        smalls = {n: Captured(d.name, d.assigned, d.sizes, d.pairs, np.hstack([d.features, columns[n]]), d.truth)
                  for n, d in smalls.items()}
    print(f"{len(cache)} days; pairs: first pass {sum(len(d.pairs) for d in mains.values())}, "
          f"small pass {sum(len(d.pairs) for d in smalls.values())}")
    rows: dict[str, list[tuple[Captured, dict[str, str]]]] = {"no join": [], "main (first pass, LODO)": [],
                                                               "main + small pass (LODO)": []}
    memo: dict[tuple[str, tuple[int, ...]], tuple[Captured, tuple[float, float]]] = {}
    cost: dict[str, tuple[int, tuple[float, float]]] = {}  # held-out day: candidates, CPU seconds of their statements
    for name in cache:
        train = [n for n in cache if n != name]
        w, b = fit_days([mains[n] for n in train], args.l2)
        main_threshold = choose([mains[n] for n in train], w, b, star=True)
        main_ps = {n: probability(w, b, mains[n].features) for n in cache}
        judged = smalls
        if texts:  # stage 1 over JOIN_FEATURES picks the candidates; stage 2 reads their statements
            w1, b1 = fit_days([smalls[n] for n in train], args.l2, args.days_equal)
            judged = {}
            for n in cache:
                p1 = probability(w1, b1, smalls[n].features)
                keep = tuple(int(i) for i in np.flatnonzero(p1 >= args.top))
                if (n, keep) not in memo:
                    memo[n, keep] = topped(smalls[n], texts[n], p1, args.top, args.day_weights)
                judged[n] = memo[n, keep][0]
                if n == name:
                    cost[name] = (len(keep), memo[n, keep][1])
        sw, sb = fit_days([judged[n] for n in train], args.l2, args.days_equal)
        small_threshold = args.fixed if args.fixed is not None else choose_small(
            [mains[n] for n in train], [judged[n] for n in train], [main_ps[n] for n in train], main_threshold, sw, sb)
        first = both_passes(mains[name], judged[name], main_ps[name], main_threshold, None, 1.0)
        second = both_passes(mains[name], judged[name], main_ps[name], main_threshold,
                             probability(sw, sb, judged[name].features), small_threshold)
        rows["no join"].append((cache[name], {}))
        rows["main (first pass, LODO)"].append((cache[name], first))
        rows["main + small pass (LODO)"].append((cache[name], second))
        if args.verbose:
            print(f"  {name} thresholds {main_threshold:.2f} / {small_threshold:.2f}: F1 {score(cache[name], first)[0]:.4f}"
                  f" -> {score(cache[name], second)[0]:.4f}, small joins {len(second) - len(first)}")
    for label, days in rows.items():
        f1, recall, pure, multi = pooled(days)
        print(f"| {label} | {f1:.5f} | {recall:.5f} | {pure}/{multi} = {pure / max(multi, 1):.4f} |")
    if cost:
        reports = sum(len(texts[n].units) for n in cost)
        candidates = sum(c for c, _ in cost.values())
        units = sum(t[0] for _, t in cost.values())
        seconds = units + sum(t[1] for _, t in cost.values())
        print(f"statement part of the small pass, each day with its own fold's stage 1: {candidates} candidate pairs, "
              f"{seconds:.1f} s CPU for {reports} reports = {1000 * seconds / reports:.3f} ms/article "
              f"(units of the candidates' reports {1000 * units / reports:.3f})")
    if args.write:
        every = list(cache)
        w, b = fit_days([mains[n] for n in every], args.l2)
        main_threshold = choose([mains[n] for n in every], w, b, star=True)
        sw, sb = fit_days([smalls[n] for n in every], args.l2)
        threshold = choose_small([mains[n] for n in every], [smalls[n] for n in every],
                                 [probability(w, b, mains[n].features) for n in every], main_threshold, sw, sb)
        pairs = sum(len(smalls[n].pairs) for n in every)
        note = (f"Fitted by bench/days_join_small.py --write (logistic regression, L2 {args.l2}) on the candidate pairs of\n"
                f"two finished stories both under {LEAST} reports, first reports within {GAP_HOURS:g} hours, of the tuning days\n"
                f"{', '.join(every)}\n(shipped grouping): {pairs} pairs. Threshold by the replay's rule on the same days.\n"
                "No held-out, test or fresh day was read to fit it.")
        model = PairModel(tuple(round(float(x), 4) for x in sw), round(float(sb), 4), threshold, JOIN_FEATURES)
        JOIN_SMALL_MODEL_FILE.write_text(model.to_toml(note))
        print(f"wrote {JOIN_SMALL_MODEL_FILE} (threshold {threshold})")


if __name__ == "__main__":
    main()
