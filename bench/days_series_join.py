"""One outlet's several reports of one event left in several stories: a census of the B³ recall lost, and a series
pass replayed leaving one day out (session 73, recall73; issue 14 item 2).

On ``days_join_fit.capture_day`` captures (the grouping before the join passes), the shipped join pass and small pass
are replayed (``days_small_shared.three``, as recall70-72 did). Then:

**The census** (``loss_census``): a labelled report's B³ recall loses 1/|event| for each report of its event in
another final story. Each such ordered pair is of a kind:

* ``(a) one outlet``: both reports are the same outlet's (the posts' ``author``);
* ``(c) a report left alone``: else, when either report is alone in its final story;
* ``(b) two outlets apart``: the rest (two outlets' reports, each in a story of two or more).

and, for kind (a), the gate that kept the two reports' stories apart as captured (before the passes; ``gate_of``):
``not a candidate`` (``event_candidates`` never offered the pair), ``first reports > 24 h apart`` (``join_gap``),
``join model under its threshold`` (the larger story holds 3+ reports: banded by the join model's probability),
``small pass: an outlet in both`` (two small stories, never scored), ``under the floor`` (meaning or lede cosine),
else ``scored but not joined`` (over a threshold, lost to the star order). The multi-event reader (the join guard)
and the event layer's own refusals are not in the capture: ``bench/split_census.py`` reads them in production.

**The series pass** (``series_pairs``, the brief's second mechanism): at the day's end, after both passes, a story of
**one report** (untouched by either pass) joins a candidate story (not a side) within 24 h that holds **a report of
the same outlet whose title shares a rare title name with the single report's title**: a name term
(``memo.NAMES``, as ``days_shared_evidence.names``) of the two titles alone that at most ``k`` of the day's titles use.
Among the gated pairs, the pass joins (star, most probable first) those at or above a threshold of the packaged small
model (or a refit on the other days' gated pairs), the threshold chosen on the other days
(``days_small_refit.best_threshold``: best mean F1 whose pooled pure share stays within .005 of no series pass).

The days are split as the brief says: the **choice days** (every captured tuning day but ``CHECK``) are replayed
leaving one day out, and the rule is chosen on them; the **check days** (``CHECK``: 2020-09-04, 2020-09-18) are
replayed with the model and threshold chosen on all choice days, and reported apart.

    python bench/days_series_join.py --cache FOLDER [--cache F2 ...] --days PATH/archived --store STORE.sqlite \\
        [--titles-cache FILE] [--census] [--replay] [--per-day]
"""

from __future__ import annotations

import argparse
import pickle
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import FRESH_DAYS, HELD_OUT_DAY, TEST_DAYS  # noqa: E402
from bench.days_join_fit import Captured, fit_days, probability, same_event  # noqa: E402
from bench.days_join_refit import add_capture_arguments, load_all, store_rows  # noqa: E402
from bench.days_small_refit import (  # noqa: E402
    _GAP,
    _LEDE,
    _MEANING,
    FLOOR,
    GAP_HOURS,
    LEAST,
    Scores,
    best_threshold,
    outlets_of,
    scored,
    story_outlets,
)
from bench.days_small_shared import shipped_passes, three  # noqa: E402

CHECK = ("2020-09-04", "2020-09-18")
RARE = (2, 3, 5)
RATES = (0.0, 0.3, 1.0)
KINDS = ("(a) one outlet", "(b) two outlets apart", "(c) a report left alone")
JOIN_BANDS = (0.5, 0.3, 0.1)


def article_titles(store: Path, ids: Iterable[str]) -> dict[str, str]:
    """Article id -> title of the ids asked, from a store opened read-only."""
    return {article_id: title or "" for article_id, title in store_rows(store, ids, "title")}


def title_names(title: str) -> frozenset[str]:
    """The name terms of a title alone (the clusterer's tokens and name tags, as ``days_shared_evidence.names``)."""
    from newsmirror.stories.memo import NAMES, TERMS
    from newsmirror.text.fold import quick_normalize
    from newsmirror.text.tokenize import search_tokens

    return frozenset(t for t in search_tokens(quick_normalize(title)) if TERMS[t] and NAMES[t] and len(t) >= 2)


BARRED = (HELD_OUT_DAY, *TEST_DAYS, *FRESH_DAYS)  # never read: nor the 3 days either side of each
BACK = (10, 4)  # the background: the days D-10 .. D-4, before any capture's context days


def allowed_date(date: str) -> bool:
    """Whether a date's titles may be read as background: not within 3 days of a test, the held-out or a fresh day."""
    from datetime import date as day_of

    d = day_of.fromisoformat(date)
    return not any(abs((d - day_of.fromisoformat(b)).days) <= 3 for b in BARRED)


def background_dates(name: str) -> list[str]:
    """The allowed dates D-10 .. D-4 of a tuning day D."""
    from datetime import date as day_of
    from datetime import timedelta

    d = day_of.fromisoformat(name)
    dates = [(d - timedelta(days=k)).isoformat() for k in range(BACK[1], BACK[0] + 1)]
    return [x for x in dates if allowed_date(x)]


def date_names(store: Path, dates: Iterable[str]) -> dict[str, Counter[str]]:
    """Date -> how many titles of the store published that day (UTC) use each name (only the dates asked)."""
    wanted = sorted(set(dates))
    assert all(allowed_date(d) for d in wanted)
    out: dict[str, Counter[str]] = {d: Counter() for d in wanted}
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        for date in wanted:
            for (title,) in db.execute("SELECT title FROM articles WHERE substr(published_utc, 1, 10) = ?", (date,)):
                out[date].update(title_names(title or ""))
    return out


def background_rate(name: str, per_date: dict[str, Counter[str]]) -> dict[str, float]:
    """Name -> titles a day using it over the day's background dates (empty without one)."""
    dates = background_dates(name)
    if not dates:
        return {}
    total: Counter[str] = Counter()
    for d in dates:
        total.update(per_date.get(d, Counter()))
    return {k: v / len(dates) for k, v in total.items()}


def final_stories(day: Captured, into: dict[str, str]) -> dict[str, str]:
    """Article -> final story after the passes (``into``: story -> the story it joined)."""
    return {a: into.get(s, s) for a, s in day.assigned.items()}


def split_pairs(day: Captured, into: dict[str, str], outlet: dict[str, str]
                ) -> Iterator[tuple[str, str, str, float]]:
    """Every ordered pair of one event's labelled reports in two final stories: (article, article, its kind of
    ``KINDS``, the B³ recall it loses on the day)."""
    final = final_stories(day, into)
    items = [i for i in day.truth if i in final]
    events: dict[str, list[str]] = defaultdict(list)
    for i in items:
        events[day.truth[i]].append(i)
    size = Counter(final.values())
    for members in events.values():
        for i in members:
            for j in members:
                if i == j or final[i] == final[j]:
                    continue
                oi, oj = outlet.get(i), outlet.get(j)
                if oi is not None and oi == oj:
                    kind = KINDS[0]
                elif size[final[i]] == 1 or size[final[j]] == 1:
                    kind = KINDS[2]
                else:
                    kind = KINDS[1]
                yield i, j, kind, 1 / len(members) / len(items)


def loss_census(day: Captured, into: dict[str, str], outlet: dict[str, str]
                ) -> tuple[dict[str, float], list[tuple[str, str]]]:
    """Kind -> the B³ recall it loses on the day (summed, so the kinds add up to 1 - recall), and the (a) pairs
    (article, article; each unordered pair once)."""
    lost: dict[str, float] = dict.fromkeys(KINDS, 0.0)
    same: list[tuple[str, str]] = []
    for i, j, kind, loses in split_pairs(day, into, outlet):
        lost[kind] += loses
        if kind == KINDS[0] and i < j:
            same.append((i, j))
    return lost, same


def gate_of(day: Captured, index: dict[tuple[str, str], int], join_p: np.ndarray, join_t: float,
            outlets: dict[str, frozenset[str]], a: str, b: str) -> str:
    """Which gate kept two reports' captured stories apart (see the module's text)."""
    sa, sb = day.assigned[a], day.assigned[b]
    if sa == sb:
        return "one captured story (split later)"
    key = (min(sa, sb), max(sa, sb))
    if key not in index:
        return "not a candidate"
    n = index[key]
    x = day.features[n]
    if x[_GAP] > np.log1p(GAP_HOURS):
        return "first reports > 24 h apart"
    if max(day.sizes[sa], day.sizes[sb]) >= LEAST:
        p = join_p[n]
        if p >= join_t:
            return "join model over its threshold, not joined (star)"
        band = next((f">= {t:g}" for t in JOIN_BANDS if p >= t), f"< {JOIN_BANDS[-1]:g}")
        return f"join model under its threshold, p {band}"
    if outlets.get(sa, frozenset()) & outlets.get(sb, frozenset()):
        return "small pass: an outlet in both"
    if x[_MEANING] < FLOOR or x[_LEDE] < FLOOR:
        return "small pass: under the floor"
    return "small pass: scored, under its threshold or star"


def series_pairs(day: Captured, outlet: dict[str, str], names: dict[str, frozenset[str]], k: int,
                 same_outlet: bool = True, background: dict[str, float] | None = None, rate: float = 0.0) -> Captured:
    """The series pass's gated pairs of the capture: a story of one report and another within 24 h holding a report
    of the same outlet (``same_outlet`` False: of any outlet) whose title shares a name with the single report's title
    that at most ``k`` of the day's titles use; with ``background`` (name -> titles a day using it a week before,
    ``background_rate``) a **new name** instead: one used by at most ``rate`` titles a day then, however many use it
    on the day. (Touched stories are left out when replayed, ``series_step``.)"""
    df = Counter(n for a in day.assigned for n in names.get(a, ()))
    members: dict[str, list[str]] = defaultdict(list)
    for a, s in day.assigned.items():
        members[s].append(a)
    keep = []
    for n, (sa, sb) in enumerate(day.pairs):
        if day.features[n, _GAP] > np.log1p(GAP_HOURS):
            continue
        for single, other in ((sa, sb), (sb, sa)):
            if day.sizes[single] != 1 or not members[single]:
                continue
            lone = members[single][0]
            source = outlet.get(lone)
            rare = {t for t in names.get(lone, ())
                    if (df[t] <= k if background is None else background.get(t, 0.0) <= rate)}
            if source is None or not rare:
                continue
            if any((not same_outlet or outlet.get(m) == source) and rare & names.get(m, frozenset())
                   for m in members[other]):
                keep.append(n)
                break
    return Captured(day.name, day.assigned, day.sizes, [day.pairs[i] for i in keep], day.features[keep], day.truth)


SERIES_COLUMNS = ("shared title names", "of day df <= 2", "of day df <= 5", "new (0 a day a week before)",
                  "new (<= 1 a day)", "in a same-outlet report", "other story's reports (log)")


def series_columns(day: Captured, outlet: dict[str, str], names: dict[str, frozenset[str]],
                   background: dict[str, float] | None) -> Captured:
    """The union scope (a single report and a story within 24 h sharing a title name of day df <= 5 or new, any
    outlet) with ``SERIES_COLUMNS`` (log1p of counts) after the features: the shared title names, those rare on the day,
    those new (``background``; none on a day without one), those a same-outlet report's title holds, the other story's
    size."""
    df = Counter(n for a in day.assigned for n in names.get(a, ()))
    members: dict[str, list[str]] = defaultdict(list)
    for a, s in day.assigned.items():
        members[s].append(a)
    keep, rows = [], []
    for n, (sa, sb) in enumerate(day.pairs):
        if day.features[n, _GAP] > np.log1p(GAP_HOURS):
            continue
        single, other = (sa, sb) if day.sizes[sa] == 1 else (sb, sa)
        if day.sizes[single] != 1 or not members[single]:
            continue
        lone = members[single][0]
        mine = names.get(lone, frozenset())
        held = frozenset().union(*(names.get(m, frozenset()) for m in members[other]))
        own = frozenset().union(*(names.get(m, frozenset()) for m in members[other]
                                  if outlet.get(m) is not None and outlet.get(m) == outlet.get(lone)))
        shared = mine & held
        new0 = {t for t in shared if background and background.get(t, 0.0) <= 0.0}
        new1 = {t for t in shared if background and background.get(t, 0.0) <= 1.0}
        rare5 = {t for t in shared if df[t] <= 5}
        if not (rare5 or new1):
            continue
        keep.append(n)
        rows.append((len(shared), sum(df[t] <= 2 for t in shared), len(rare5), len(new0), len(new1),
                     len(shared & own), len(members[other])))
    extra = np.log1p(np.array(rows, dtype=float).reshape(-1, len(SERIES_COLUMNS)))
    return Captured(day.name, day.assigned, day.sizes, [day.pairs[i] for i in keep],
                    np.hstack([day.features[keep], extra]), day.truth)


def series_step(pairs: list[tuple[str, str]], p: np.ndarray, threshold: float, sizes: dict[str, int],
                into: dict[str, str], role: dict[str, str]) -> None:
    """Join, most probable first at or above ``threshold``, each single report (untouched by the passes) to its
    candidate story (a story joined as a side already is followed to its core); a core may take several."""
    for _, a, b in sorted(((q, a, b) for q, (a, b) in zip(p, pairs, strict=True) if q >= threshold), reverse=True):
        single, other = (a, b) if sizes[a] == 1 and a not in role else (b, a)
        if sizes[single] != 1 or single in role:
            continue
        target = into.get(other, other)
        if target == single:
            continue
        into[single] = target
        role[single] = "side"
        role.setdefault(target, "core")


def with_series(base: dict[str, str], series: Captured, p: np.ndarray | None, threshold: float) -> dict[str, str]:
    into = dict(base)
    role = {s: "side" for s in base} | {c: "core" for c in base.values()}
    if p is not None and series.pairs:
        series_step(series.pairs, p, threshold, series.sizes, into, role)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_capture_arguments(parser)
    parser.add_argument("--titles-cache", type=Path, help="a pickle of the reports' title names (made if missing)")
    parser.add_argument("--census", action="store_true")
    parser.add_argument("--replay", action="store_true")
    parser.add_argument("--any-outlet", action="store_true",
                        help="the series pass's other story may hold the shared name in any outlet's report")
    parser.add_argument("--new-names", action="store_true",
                        help="the series gate reads a new name (rare a week before, BACK) instead of a rare one")
    parser.add_argument("--columns", action="store_true",
                        help="one gate: the union scope with SERIES_COLUMNS (the refit reads them)")
    parser.add_argument("--per-day", action="store_true")
    args = parser.parse_args()
    cache = load_all(args.cache)
    outlet = {n: outlets_of(args.days / n) for n in cache}
    story_out = {n: story_outlets(cache[n], outlet[n]) for n in cache}
    names: dict[str, frozenset[str]] = {}
    if args.titles_cache and args.titles_cache.exists():
        with args.titles_cache.open("rb") as handle:
            names = pickle.load(handle)
    missing = [a for n in cache for a in cache[n].assigned if a not in names]
    if missing:
        names.update({a: title_names(t) for a, t in article_titles(args.store, missing).items()})
        if args.titles_cache:
            with args.titles_cache.open("wb") as handle:
                pickle.dump(names, handle)
    passes = shipped_passes(cache, story_out)
    jt, st = passes.jt, passes.st
    base = {n: three(passes.mains[n], passes.main_ps[n], jt, passes.smalls[n], passes.small_ps[n], st,
                     passes.smalls[n], None, 1.0) for n in cache}
    choice = [n for n in cache if n not in CHECK]
    check = [n for n in cache if n in CHECK]
    print(f"{len(choice)} choice days, {len(check)} check days ({', '.join(check)}); all tuning data")
    if args.census:
        census(cache, base, outlet, story_out, choice, check, args.per_day)
    if args.replay:
        backgrounds = None
        if args.new_names or args.columns:
            per_date = date_names(args.store, {d for n in cache for d in background_dates(n)})
            backgrounds = {n: background_rate(n, per_date) for n in cache}
            print(f"  background dates read: {len(per_date)}", flush=True)
        replay(cache, base, outlet, names, passes.small_w, passes.small_model.bias, choice, check, args.per_day,
               not args.any_outlet, backgrounds, args.columns)


def census(cache: dict[str, Captured], base: dict[str, dict[str, str]], outlet: dict[str, dict[str, str]],
           story_out: dict[str, dict[str, frozenset[str]]], choice: list[str], check: list[str],
           per_day: bool) -> None:
    from bench.days_small_refit import shipped_models

    join_model, _, join_w, _ = shipped_models()
    groups = {"choice days": choice, **{n: [n] for n in check}}
    rows = []
    gates: dict[str, Counter[str]] = {}
    for label, days in groups.items():
        lost: dict[str, float] = dict.fromkeys(KINDS, 0.0)
        recall = []
        gate: Counter[str] = Counter()
        for n in days:
            day = cache[n]
            got, same = loss_census(day, base[n], outlet[n])
            for kind, value in got.items():
                lost[kind] += value
            recall.append(scored(day, base[n])[2])
            index = {(min(a, b), max(a, b)): i for i, (a, b) in enumerate(day.pairs)}
            join_p = probability(join_w, join_model.bias, day.features)
            for a, b in same:
                gate[gate_of(day, index, join_p, join_model.threshold, story_out[n], a, b)] += 1
            if per_day:
                print(n, f"R {recall[-1]:.4f}", " ".join(f"{k}={got[k]:.4f}" for k in KINDS))
        total = sum(lost.values())
        rows.append(f"| {label} ({len(days)} day{'s' if len(days) > 1 else ''}) | {np.mean(recall):.4f} | "
                    f"{total / len(days):.4f} | " + " | ".join(
                        f"{lost[k] / len(days):.4f} ({lost[k] / max(total, 1e-9):.0%})" for k in KINDS) + " |")
        gates[label] = gate
    print("| days (tuning data), join + small pass replayed | mean B³ R | mean recall lost | "
          + " | ".join(KINDS) + " |")
    print("|---|---|---|" + "---|" * len(KINDS))
    print("\n".join(rows))
    print()
    every = sorted({g for c in gates.values() for g in c}, key=lambda g: -sum(c[g] for c in gates.values()))
    print("| (a) pairs by the gate that kept their captured stories apart (tuning data) | "
          + " | ".join(gates) + " |")
    print("|---|" + "---|" * len(gates))
    for g in every:
        print(f"| {g} | " + " | ".join(f"{c[g]} ({c[g] / max(sum(c.values()), 1):.0%})" for c in gates.values())
              + " |")
    print("| all (a) report pairs | " + " | ".join(str(sum(c.values())) for c in gates.values()) + " |")


def replay(cache: dict[str, Captured], base: dict[str, dict[str, str]], outlet: dict[str, dict[str, str]],
           names: dict[str, frozenset[str]], small_w: np.ndarray, small_b: float, choice: list[str],
           check: list[str], per_day: bool, same_outlet: bool = True,
           backgrounds: dict[str, dict[str, float]] | None = None, columns: bool = False) -> None:
    scope = "same outlet" if same_outlet else "any outlet"
    if columns:
        gates = [("any outlet, title name of day df <= 5 or new, refit with the series columns",
                  {n: series_columns(cache[n], outlet[n], names, (backgrounds or {}).get(n) or None) for n in cache})]
    elif backgrounds is None:
        gates = [(f"{scope}, title name df <= {k}",
                  {n: series_pairs(cache[n], outlet[n], names, k, same_outlet) for n in cache}) for k in RARE]
    else:
        gates = [(f"{scope}, new title name (<= {r:g} titles a day a week before)",
                  {n: series_pairs(cache[n], outlet[n], names, -1, same_outlet, backgrounds[n] or None, r)
                   for n in cache})  # a day without background dates: no new name, no series pair
                 for r in RATES]

    def shipped(x: np.ndarray) -> np.ndarray:
        return probability(small_w, small_b, x[:, :len(small_w)])

    def run(days: list[str], series: dict[str, Captured], scorer: Callable[[np.ndarray], np.ndarray] | None,
            threshold: float | None) -> list[Scores]:
        out = []
        for n in days:
            h = series[n]
            p = scorer(h.features) if scorer is not None and h.pairs and threshold is not None else None
            out.append(scored(cache[n], with_series(base[n], h, p, threshold or 1.0)))
        return out

    rows: dict[str, tuple[list[Scores], list[Scores]]] = {
        "shipped (no series pass)": (run(choice, {n: cache[n] for n in cache}, None, None),
                                     run(check, {n: cache[n] for n in cache}, None, None))}
    chosen: dict[str, Counter[str]] = {}
    for label, series in gates:
        pairs = sum(len(series[n].pairs) for n in choice)
        one = int(sum(same_event(series[n]).sum() for n in choice if series[n].pairs))
        print(f"  {label}: choice days {pairs} gated pairs, {one} of one event", flush=True)
        arms: dict[str, Callable[[list[str]], Callable[[np.ndarray], np.ndarray]]] = {
            f"{label}: packaged small model, threshold per fold": lambda train: shipped,
        }

        def refit_on(train: list[str], series: dict[str, Captured] = series) -> Callable[[np.ndarray], np.ndarray]:
            fitted = [series[n] for n in train if series[n].pairs]
            w, b = fit_days(fitted, 1.0)
            return lambda x: probability(w, b, x)

        arms[f"{label}: refit L2 1, threshold per fold"] = refit_on
        for arm, make in arms.items():
            held: list[Scores] = []
            chosen[arm] = Counter()
            for n in choice:
                train = [m for m in choice if m != n]
                scorer = make(train)
                t = best_threshold(partial(run, train, series, scorer))
                chosen[arm][f"{t:g}"] += 1
                held.extend(run([n], series, scorer, t))
            scorer = make(choice)
            t = best_threshold(partial(run, choice, series, scorer))
            chosen[arm][f"check at {t:g}"] += 1
            rows[arm] = (held, run(check, series, scorer, t))
            print(f"  {arm}: {np.mean([h[0] for h in held]):.5f}", flush=True)
        every = f"{label}: every gated pair joined (information)"
        rows[every] = (run(choice, series, lambda x: np.ones(len(x)), 0.5),
                       run(check, series, lambda x: np.ones(len(x)), 0.5))
        ceiling = f"{label}: the labels' own joins (ceiling, information)"
        rows[ceiling] = tuple(  # type: ignore[assignment]
            [scored(cache[n], with_series(base[n], series[n], same_event(series[n]) if series[n].pairs else None, 0.5))
             for n in days] for days in (choice, check))
    print(table(rows, chosen, choice, check))
    if per_day:
        for i, n in enumerate(choice):
            print(n, " ".join(f"{arm}={v[0][i][0]:.4f}" for arm, v in rows.items()))


def table(rows: dict[str, tuple[list[Scores], list[Scores]]], chosen: dict[str, Counter[str]], choice: list[str],
          check: list[str]) -> str:
    base_choice, base_check = rows["shipped (no series pass)"]
    f0 = float(np.mean([s[0] for s in base_choice]))
    out = [f"| arm (tuning data) | choice days ({len(choice)}, LODO): mean B³ F1 | P | R | pooled pure | days up / down | "
           + " | ".join(f"check {n}: F1 (pure)" for n in check) + " | thresholds |",
           "|---|---|---|---|---|---|" + "---|" * len(check) + "---|"]
    for arm, (held, held_check) in rows.items():
        f1 = float(np.mean([s[0] for s in held]))
        pure, multi = sum(s[3] for s in held), sum(s[4] for s in held)
        up = sum(a[0] > b[0] + 1e-9 for a, b in zip(held, base_choice, strict=True))
        down = sum(a[0] < b[0] - 1e-9 for a, b in zip(held, base_choice, strict=True))
        delta = "" if arm.startswith("shipped") else f" ({f1 - f0:+.4f})"
        out.append(f"| {arm} | {f1:.5f}{delta} | {np.mean([s[1] for s in held]):.4f} | "
                   f"{np.mean([s[2] for s in held]):.4f} | {pure}/{multi} = {pure / max(multi, 1):.4f} | {up} / {down} | "
                   + " | ".join(f"{c[0]:.4f} ({c[3]}/{c[4]})" for c in held_check) + " | "
                   + ", ".join(f"{t} x{c}" for t, c in sorted(chosen.get(arm, Counter()).items())) + " |")
    del base_check
    return "\n".join(out)


if __name__ == "__main__":
    main()
