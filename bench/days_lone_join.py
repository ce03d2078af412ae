"""A report left alone while its event's other reports are elsewhere (kind (c) of ``days_series_join``'s census): which
gate kept it out and what the lone reports are (session 73, recall73b; issue 14 item 2).

On ``days_join_fit.capture_day`` captures, the shipped join and small passes are replayed (``days_small_shared.three``,
as recall70-73). Each ordered pair of one event's labelled reports in two final stories that ``loss_census`` puts in
kind (c) (two outlets' reports, one of them alone in its final story) loses 1/|event| of the day's B³ recall; the pair
is given to its **lone report** and read two ways:

* **the gate** (``lone_gate``) that kept the lone report's captured story and its event-mate's apart: ``gate_of``'s
  gates, with ``not a candidate`` split by whether the lone story was offered **no candidate at all** (not Chinese,
  or none of its probe terms indexed a live story) or only other stories;
* **the kind** of lone report (``lone_kind``, the first that holds): another language (the store's ``script``), a bare
  item (under ``BARE`` characters of text: photo, video, one line), a short item (under ``SHORT``), a late follow-up
  (published over ``LATE`` hours after its event's first labelled report), another script than most of its event's
  other reports (繁/简), else a full report of the same script within ``LATE`` hours.

The store (the session-69 whole-archive store, read-only) gives the reports' titles, bodies, scripts and times.

    python bench/days_lone_join.py --cache FOLDER [--cache F2 ...] --days PATH/archived --store STORE.sqlite \\
        [--census] [--replay]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_join_fit import Captured, probability  # noqa: E402
from bench.days_join_refit import add_capture_arguments, load_all, store_rows  # noqa: E402
from bench.days_join_small import star  # noqa: E402
from bench.days_series_join import CHECK, KINDS, final_stories, gate_of, split_pairs  # noqa: E402
from bench.days_small_refit import Scores, outlets_of, story_outlets  # noqa: E402
from bench.days_small_shared import ShippedPasses, shipped_passes, three  # noqa: E402

BARE = 120  # characters of body text: a photo, a video, a one-line item
SHORT = 400
LATE = 12.0  # hours after the event's first labelled report
LONE_KINDS = ("another language", f"bare item (< {BARE} chars)", f"short item ({BARE}-{SHORT} chars)",
              f"late follow-up (> {LATE:g} h after the event's first)", "another script than its event's most",
              f"full report, same script, within {LATE:g} h")


@dataclass(frozen=True)
class Meta:
    script: str
    chars: int
    published: datetime | None


def article_meta(store: Path, ids: Iterable[str]) -> dict[str, Meta]:
    """Article id -> script, body-text length and publication time, from a store opened read-only."""
    from newsmirror.store.sqlite import unpack_bodies

    found: dict[str, Meta] = {}
    for article_id, script, text, blob, published in store_rows(store, ids, "script, body_text, body_z, published_utc"):
        if blob is not None:
            bodies = unpack_bodies(blob)
            text = bodies[2] if len(bodies) > 2 and bodies[2] else text
        when = None
        if published:
            try:
                when = datetime.fromisoformat(published)
            except ValueError:
                when = None
        found[article_id] = Meta(script or "und", len((text or "").strip()), when)
    return found


def lone_pairs(day: Captured, into: dict[str, str], outlet: dict[str, str]) -> list[tuple[str, str, float]]:
    """Kind (c)'s ordered pairs as (lone report, event-mate, recall lost), as ``loss_census`` counts them."""
    final = final_stories(day, into)
    size = Counter(final.values())
    return [(i, j, loses) if size[final[i]] == 1 else (j, i, loses)
            for i, j, kind, loses in split_pairs(day, into, outlet) if kind == KINDS[2]]


SMALL_BANDS = (0.5, 0.1)


def lone_gate(day: Captured, index: dict[tuple[str, str], int], offered: set[str], join_p: np.ndarray, join_t: float,
              outlets: dict[str, frozenset[str]], lone: str, mate: str, joined: set[str],
              small_p: dict[tuple[str, str], float], small_t: float) -> str:
    """``gate_of``'s gate, with ``not a candidate`` split by whether the lone story had any candidate, and the small
    pass's scored pairs split: the event-mate's fragment taken by the join pass (``joined``: the small pass skips it),
    the small model (``small_p``: story pair -> p) under its threshold (banded), or over it and lost to the star."""
    gate = gate_of(day, index, join_p, join_t, outlets, lone, mate)
    if gate == "not a candidate":
        return ("not a candidate: no candidate at all" if day.assigned[lone] not in offered
                else "not a candidate: others offered")
    if gate.startswith("small pass: scored"):
        sa, sb = day.assigned[lone], day.assigned[mate]
        if sa in joined or sb in joined:
            return "small pass: the mate's fragment taken by the join pass (never scored)"
        p = small_p.get((min(sa, sb), max(sa, sb)))
        if p is None:
            return "small pass: not in its scope"
        if p >= small_t:
            return "small pass: over its threshold, lost to the star"
        band = next((f">= {t:g}" for t in SMALL_BANDS if p >= t), f"< {SMALL_BANDS[-1]:g}")
        return f"small pass: small model under its threshold, p {band}"
    return gate


def lone_kind(lone: str, mates: list[str], meta: dict[str, Meta]) -> str:
    m = meta.get(lone)
    if m is None:
        return "not in the store"
    if not m.script.startswith("zh"):
        return LONE_KINDS[0]
    if m.chars < BARE:
        return LONE_KINDS[1]
    if m.chars < SHORT:
        return LONE_KINDS[2]
    times = [t for t in (meta[a].published for a in [lone, *mates] if a in meta) if t is not None]
    if m.published is not None and times and (m.published - min(times)).total_seconds() > LATE * 3600:
        return LONE_KINDS[3]
    scripts = Counter(meta[a].script for a in mates if a in meta)
    if scripts and scripts.most_common(1)[0][0] != m.script:
        return LONE_KINDS[4]
    return LONE_KINDS[5]


def census(cache: dict[str, Captured], base: dict[str, dict[str, str]], outlet: dict[str, dict[str, str]],
           story_out: dict[str, dict[str, frozenset[str]]], meta: dict[str, Meta], groups: dict[str, list[str]],
           join_w: np.ndarray, join_b: float, join_t: float, passes: ShippedPasses) -> str:
    """One table: (c)'s recall lost (mean over the days of each group) by gate and by kind, and lone reports."""
    by_gate: dict[str, Counter[str]] = {g: Counter() for g in groups}
    by_kind: dict[str, Counter[str]] = {g: Counter() for g in groups}
    cross: Counter[tuple[str, str]] = Counter()
    lones: dict[str, set[tuple[str, str]]] = {g: set() for g in groups}
    for label, days in groups.items():
        for n in days:
            day = cache[n]
            pairs = lone_pairs(day, base[n], outlet[n])
            index = {(min(a, b), max(a, b)): i for i, (a, b) in enumerate(day.pairs)}
            offered = {s for pair in day.pairs for s in pair}
            join_p = probability(join_w, join_b, day.features) if day.pairs else np.zeros(0)
            into: dict[str, str] = {}
            role: dict[str, str] = {}
            star(passes.mains[n].pairs, passes.main_ps[n], passes.jt, day.sizes, into, role)
            joined = set(role)
            small_p = {(min(a, b), max(a, b)): float(q) for (a, b), q in zip(passes.smalls[n].pairs, passes.small_ps[n],
                                                                             strict=True)}
            mates: dict[str, list[str]] = defaultdict(list)
            for lone, mate, _ in pairs:
                mates[lone].append(mate)
            for lone, mate, lost in pairs:
                gate = lone_gate(day, index, offered, join_p, join_t, story_out[n], lone, mate, joined, small_p,
                                 passes.st)
                kind = lone_kind(lone, mates[lone], meta)
                by_gate[label][gate] += lost / len(days)
                by_kind[label][kind] += lost / len(days)
                if label == "choice days":
                    cross[gate, kind] += lost / len(days)
                lones[label].add((n, lone))
    out = []
    heads = " | ".join(f"{g} ({len(d)} day{'s' if len(d) > 1 else ''})" for g, d in groups.items())
    for title, table in (("gate that kept the lone report's captured story from its event-mate's", by_gate),
                         ("kind of lone report", by_kind)):
        out.append(f"| (c) recall lost by {title} (tuning data) | {heads} |")
        out.append("|---|" + "---|" * len(groups))
        rows = sorted({k for c in table.values() for k in c}, key=lambda k: -sum(c[k] for c in table.values()))
        for k in rows:
            out.append(f"| {k} | " + " | ".join(
                f"{c[k]:.4f} ({c[k] / max(sum(c.values()), 1e-9):.0%})" for c in table.values()) + " |")
        out.append("| all (c) | " + " | ".join(f"{sum(c.values()):.4f}" for c in table.values()) + " |")
        out.append("")
    out.append("| lone reports (tuning data) | " + " | ".join(str(len(v)) for v in lones.values()) + " |")
    out.append("")
    kinds = sorted({k for _, k in cross}, key=lambda k: -sum(v for (g, kk), v in cross.items() if kk == k))
    gates = sorted({g for g, _ in cross}, key=lambda g: -sum(v for (gg, k), v in cross.items() if gg == g))
    out.append("| choice days: gate \\ kind (mean recall lost) | " + " | ".join(kinds) + " |")
    out.append("|---|" + "---|" * len(kinds))
    for g in gates:
        out.append(f"| {g} | " + " | ".join(f"{cross[g, k]:.4f}" for k in kinds) + " |")
    return "\n".join(out)


ARMS = ((2, 3, "2+ fragments of one final story, noisy-or"),
        (2, 4, "2+ fragments of one final story, max p"),
        (3, 3, "3+ fragments of one final story, noisy-or"),
        (2, 5, "2+ fragments of one final story, each p at the threshold"),
        (3, 5, "3+ fragments of one final story, each p at the threshold"),
        (1, 4, "any reached final story, max p (a lower bar for lone reports; information)"),
        (3, 6, "3+ fragments of one final story at p >= .1 (the production bound), noisy-or"))
READ_FLOOR = 0.1  # score 6: only pairs at this probability or over are read (production bounds the rest out)


@dataclass
class LoneCandidates:
    """A day's untouched lone stories and, for each, the final stories (after the passes) its candidate pairs reach:
    (lone story, final story, fragments reached, their pair probabilities' noisy-or, max), one row per final story."""

    rows: list[tuple[str, str, int, float, float, tuple[float, ...]]]


def lone_candidates(day: Captured, into: dict[str, str], p: np.ndarray) -> LoneCandidates:
    """``p``: each captured pair's probability (the join model's when the larger story holds ``LEAST``+ reports, else
    the small model's). A lone story: one report, neither side nor core after the passes. Pairs over the gap are
    left out."""
    from bench.days_small_refit import _GAP, GAP_HOURS

    cores = set(into.values())
    size = Counter(day.sizes)
    for side, core in into.items():
        size[core] += day.sizes[side]
    reach: dict[tuple[str, str], list[float]] = defaultdict(list)
    for n, (a, b) in enumerate(day.pairs):
        if day.features[n, _GAP] > np.log1p(GAP_HOURS):
            continue
        for lone, other in ((a, b), (b, a)):
            if day.sizes[lone] != 1 or lone in into or lone in cores:
                continue
            target = into.get(other, other)
            if target != lone and size[target] >= 2:
                reach[lone, target].append(float(p[n]))
    rows = [(lone, target, len(ps), 1.0 - float(np.prod([1.0 - q for q in ps])), max(ps), tuple(sorted(ps)))
            for (lone, target), ps in sorted(reach.items())]
    return LoneCandidates(rows)


def lone_step(found: LoneCandidates, into: dict[str, str], threshold: float, least: int, score: int = 3
              ) -> dict[str, str]:
    """Each lone story joins its best final story (by column ``score``: 3 noisy-or, 4 max; 5: the ``least``-th
    largest probability, so ``least`` fragments each at ``threshold`` or over) when at least ``least`` of that story's
    fragments were its candidates and the score reaches ``threshold``."""
    out = dict(into)
    best: dict[str, tuple[float, str]] = {}
    for row in found.rows:
        lone, target, fragments = row[0], row[1], row[2]
        if score == 6:
            read = [q for q in row[5] if q >= READ_FLOOR]
            fragments, value = len(read), 1.0 - float(np.prod([1.0 - q for q in read]))
        elif score == 5:
            value = float(row[5][-least]) if fragments >= least else 0.0
        else:
            value = float(row[score])
        if fragments >= least and value >= threshold and value > best.get(lone, (-1.0, ""))[0]:
            best[lone] = (value, target)
    for lone, (_, target) in best.items():
        out[lone] = target
    return out


def labels_step(day: Captured, found: LoneCandidates, into: dict[str, str], least: int) -> dict[str, str]:
    """The ceiling: each lone labelled report joins a reached final story (``least``+ fragments) whose labelled
    reports are mostly its event's."""
    final = final_stories(day, into)
    events: dict[str, Counter[str]] = defaultdict(Counter)
    for a, s in final.items():
        if a in day.truth:
            events[s][day.truth[a]] += 1
    member = {s: a for a, s in day.assigned.items() if day.sizes.get(s) == 1}
    out = dict(into)
    for lone, target, fragments, *_ in found.rows:
        a = member.get(lone)
        if fragments >= least and a in day.truth and events[target] and \
                events[target].most_common(1)[0][0] == day.truth[a]:
            out[lone] = target
    return out


def replay(cache: dict[str, Captured], base: dict[str, dict[str, str]], passes: ShippedPasses, choice: list[str],
           check: list[str], arms: Iterable[int] = range(len(ARMS))) -> str:
    """The lone pass replayed: thresholds chosen leaving one choice day out (``best_threshold``); the check days at
    the threshold chosen on all choice days."""
    from functools import partial

    from bench.days_series_join import table
    from bench.days_small_refit import LEAST, best_threshold, scored, shipped_models

    join_model, small_model, join_w, small_w = shipped_models()
    found = {}
    for n, day in cache.items():
        big = np.array([max(day.sizes[a], day.sizes[b]) >= LEAST for a, b in day.pairs], dtype=bool)
        p = np.where(big, probability(join_w, join_model.bias, day.features[:, :len(join_w)]),
                     probability(small_w, small_model.bias, day.features[:, :len(small_w)])) \
            if day.pairs else np.zeros(0)
        found[n] = lone_candidates(day, base[n], p)
    rows: dict[str, tuple[list[Scores], list[Scores]]] = {
        "shipped (no series pass)": ([scored(cache[n], base[n]) for n in choice], [scored(cache[n], base[n]) for n in check])}
    chosen: dict[str, Counter[str]] = {}

    def run(days: list[str], least: int, score: int, threshold: float | None) -> list[Scores]:
        return [scored(cache[n], base[n] if threshold is None else lone_step(found[n], base[n], threshold, least, score))
                for n in days]

    for least, score, label in [ARMS[i] for i in arms]:
        arm = f"lone pass: {label}, threshold per fold"
        held: list[Scores] = []
        chosen[arm] = Counter()
        for n in choice:
            t = best_threshold(partial(run, [m for m in choice if m != n], least, score))
            chosen[arm][f"{t:g}"] += 1
            held.extend(run([n], least, score, t))
        t = best_threshold(partial(run, choice, least, score))
        chosen[arm][f"check at {t:g}"] += 1
        rows[arm] = (held, run(check, least, score, t))
        print(f"  {arm}: {np.mean([h[0] for h in held]):.5f}", flush=True)
        rows[f"{label}: the labels' own joins (ceiling, information)"] = tuple(  # type: ignore[assignment]
            [scored(cache[n], labels_step(cache[n], found[n], base[n], least)) for n in days] for days in (choice, check))
    text = table(rows, chosen, choice, check)
    return text.replace("shipped (no series pass)", "shipped (no lone pass)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_capture_arguments(parser)
    parser.add_argument("--census", action="store_true")
    parser.add_argument("--replay", action="store_true")
    parser.add_argument("--arm", type=int, action="append", help="replay only these ARMS (0-based; repeatable)")
    args = parser.parse_args()
    from bench.days_small_refit import shipped_models

    cache = load_all(args.cache)
    outlet = {n: outlets_of(args.days / n) for n in cache}
    story_out = {n: story_outlets(cache[n], outlet[n]) for n in cache}
    passes = shipped_passes(cache, story_out)
    base = {n: three(passes.mains[n], passes.main_ps[n], passes.jt, passes.smalls[n], passes.small_ps[n], passes.st,
                     passes.smalls[n], None, 1.0) for n in cache}
    choice = [n for n in cache if n not in CHECK]
    groups = {"choice days": choice, **{n: [n] for n in cache if n in CHECK}}
    print(f"{len(choice)} choice days; all tuning data", flush=True)
    if args.census:
        wanted = {a for n in cache for a in cache[n].truth}
        meta = article_meta(args.store, wanted)
        print(f"  {len(meta)} of {len(wanted)} labelled reports in the store", flush=True)
        join_model, _, join_w, _ = shipped_models()
        print(census(cache, base, outlet, story_out, meta, groups, join_w, join_model.bias, join_model.threshold,
                     passes))
    if args.replay:
        print(replay(cache, base, passes, choice, [n for n in cache if n in CHECK], args.arm or range(len(ARMS))))


if __name__ == "__main__":
    main()
