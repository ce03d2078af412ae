"""Evidence of the event itself for two small stories that share an outlet (session 72, recall72).

recall71 (``days_small_shared.py``) opened the small pass to the pairs production never scores because an outlet is
in both: 11.5 % of them are one event, and the small pass's features (meaning, lede, title terms, time) read topic,
not event, so no threshold found them (+.0007 mean F1 left one day out). Here each such candidate pair (the same
scope: both stories under 3 reports, first reports within 24 h, meaning and lede cosines >= .6, an outlet in both) is
read for **evidence of one event that both stories' reports carry**:

* ``figure``: a specific figure both stories state, ``cluster.event_figures`` of a report's title and first
  ``figure_chars`` (600) body characters (the comparison's normalized figures, no date, time, year, duration, figure
  under 10 or hedged range; the figure path's reading); ``figure, whole text``: the same of the first ``WHOLE``
  characters;
* ``quote``: a quoted phrase (inside 「」, 『』 or “” after folding to simplified script) of ``QUOTE_LEAST`` or more
  characters, spaces and punctuation at its ends dropped;
* ``rare name k``: a name (a term the clusterer reads as a name, ``memo.NAMES``) of a report's title and first
  ``NAME_CHARS`` characters that at most k of the day's reports use (document frequency over the day's window: the
  captured day's articles);

an item counts when it is in a report of each story (a story's evidence is the union over its reports; the stories
hold one or two reports, all core). The separation table: per kind, the candidate pairs it passes, the share of them
the labels call one event (precision), the share of the one-event pairs it passes (recall), and by day. Then, with
``--replay``, each kind that passes the brief's bar (``BAR_PRECISION`` one event among its pairs, ``BAR_RECALL`` of
the one-event pairs) is wired as a gate on ``days_small_shared.py``'s shared step and replayed leaving one day out
(the shared step's model refit on the other days' gated pairs, or the packaged small model, its threshold chosen on
the other days by ``days_small_refit.best_threshold``).

The reports' text is read from a store of the archive (``--store``, opened read-only; only the captured tuning days'
article ids are asked for).

    python bench/days_shared_evidence.py --cache FOLDER [--cache F2] --days PATH/archived --store STORE.sqlite \
        [--replay] [--per-day]
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_join_fit import Captured, fit_days, probability, same_event  # noqa: E402
from bench.days_join_refit import add_capture_arguments, load_all, store_rows  # noqa: E402
from bench.days_small_refit import (  # noqa: E402
    Scores,
    outlets_of,
    scored,
    shipped_models,
    story_outlets,
)
from bench.days_small_shared import choose, shared_scope, shipped_passes, three  # noqa: E402
from bench.days_small_shared import table as replay_table  # noqa: E402

WHOLE = 3000
NAME_CHARS = 1500
QUOTE_LEAST = 6
RARE = (2, 3, 5, 10)
BAR_PRECISION = 0.5
BAR_RECALL = 0.2
_QUOTED = re.compile(r"「([^「」]{1,200})」|『([^『』]{1,200})』|“([^“”]{1,200})”")
_ENDS = " \u3000\t\n,.;:!?，。；：！？、…—-\"'‘’（）()"

Evidence = dict[str, frozenset[str]]  # kind -> items of one report


def article_texts(store: Path, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Article id -> (title, body text) of the ids asked, from a store opened read-only."""
    from newsmirror.store.sqlite import BODY_COLUMNS, unpack_bodies

    found: dict[str, tuple[str, str]] = {}
    for article_id, title, text, markdown, summary, blob in store_rows(
            store, ids, "title, body_text, body_markdown, summary, body_z"):
        if blob is not None:
            bodies = dict(zip(BODY_COLUMNS, unpack_bodies(blob), strict=False))
            text, markdown, summary = (bodies.get(k) or "" for k in ("body_text", "body_markdown", "summary"))
        found[article_id] = (title, text or markdown or summary)
    return found


def quotes(text: str) -> frozenset[str]:
    """The quoted phrases of ``text`` (simplified script) of ``QUOTE_LEAST`` characters or more, ends trimmed."""
    found = set()
    for match in _QUOTED.finditer(text):
        phrase = re.sub(r"\s+", "", next(g for g in match.groups() if g is not None)).strip(_ENDS)
        if len(phrase) >= QUOTE_LEAST:
            found.add(phrase)
    return frozenset(found)


def names(title: str, text: str) -> frozenset[str]:
    """The name terms of the title and the first ``NAME_CHARS`` body characters (the clusterer's tokens)."""
    from newsmirror.stories.memo import NAMES, TERMS
    from newsmirror.text.fold import quick_normalize
    from newsmirror.text.tokenize import search_tokens

    tokens = search_tokens(quick_normalize(title + "\n" + text[:NAME_CHARS]))
    return frozenset(t for t in tokens if TERMS[t] and NAMES[t] and len(t) >= 2)


def evidence(title: str, text: str) -> Evidence:
    from newsmirror.stories.cluster import ClusterConfig, event_figures
    from newsmirror.text.script import to_simplified

    head = ClusterConfig().figure_chars
    return {"figure": event_figures([title + "\n" + text[:head]]),
            "figure, whole text": event_figures([title + "\n" + text[:WHOLE]]),
            "quote": quotes(to_simplified(title + "\n" + text[:WHOLE])),
            "name": names(title, text)}


def day_evidence(day: Captured, texts: dict[str, tuple[str, str]]) -> dict[str, Evidence]:
    return {a: evidence(*texts[a]) for a in day.assigned if a in texts}


def story_evidence(day: Captured, per_article: dict[str, Evidence]
                   ) -> tuple[dict[str, dict[str, frozenset[str]]], dict[str, Counter[str]]]:
    """Story -> kind -> the union of its reports' items; story -> how many of its reports use each name."""
    got: dict[str, dict[str, set[str]]] = {}
    counts: dict[str, Counter[str]] = {}
    for article, story in day.assigned.items():
        if article in per_article:
            into = got.setdefault(story, {})
            for kind, items in per_article[article].items():
                into.setdefault(kind, set()).update(items)
            counts.setdefault(story, Counter()).update(per_article[article]["name"])
    return {s: {k: frozenset(v) for k, v in kinds.items()} for s, kinds in got.items()}, counts


def name_df(per_article: dict[str, Evidence]) -> Counter[str]:
    """How many of the day's reports use each name."""
    return Counter(n for e in per_article.values() for n in e["name"])


def pair_kinds(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]], df: Counter[str],
               used: Counter[str] | None = None) -> dict[str, int]:
    """Kind -> how many items of it both stories carry (``rare name k``: names of day frequency <= k; ``exclusive
    name``: names no other report of the day uses, ``used``: how many of the two stories' reports use each)."""
    empty: frozenset[str] = frozenset()
    out = {kind: len(a.get(kind, empty) & b.get(kind, empty)) for kind in ("figure", "figure, whole text", "quote")}
    shared = a.get("name", empty) & b.get("name", empty)
    for k in RARE:
        out[f"rare name {k}"] = sum(df[n] <= k for n in shared)
    out["exclusive name"] = sum(df[n] <= (used or Counter())[n] for n in shared)
    return out


def _at_least(kind: str, n: int) -> Callable[[dict[str, int]], bool]:
    return lambda kinds: kinds[kind] >= n


GATES: dict[str, Callable[[dict[str, int]], bool]] = {
    "figure (head 600)": lambda k: k["figure"] >= 1,
    "figure (whole text)": lambda k: k["figure, whole text"] >= 1,
    "2+ figures (whole text)": lambda k: k["figure, whole text"] >= 2,
    "quote 6+": lambda k: k["quote"] >= 1,
    **{f"rare name (day df <= {r})": _at_least(f"rare name {r}", 1) for r in RARE},
    **{f"2+ rare names (day df <= {r})": _at_least(f"rare name {r}", 2) for r in RARE},
    "exclusive name (no other report of the day)": lambda k: k["exclusive name"] >= 1,
    "2+ exclusive names": lambda k: k["exclusive name"] >= 2,
    "figure (whole) or quote": lambda k: k["figure, whole text"] >= 1 or k["quote"] >= 1,
    "figure (whole) and rare name (<= 5)": lambda k: k["figure, whole text"] >= 1 and k["rare name 5"] >= 1,
    "figure (head) or quote or rare name (<= 2)":
        lambda k: k["figure"] >= 1 or k["quote"] >= 1 or k["rare name 2"] >= 1,
}


def separation(days: dict[str, tuple[Captured, np.ndarray, list[dict[str, int]]]]) -> tuple[str, list[str]]:
    """Per gate: pairs passed, one event among them, share of the one-event pairs passed; pooled and by day."""
    total = sum(len(h.pairs) for h, _, _ in days.values())
    positive = int(sum(y.sum() for _, y, _ in days.values()))
    out = [f"| gate (shared-outlet candidate pairs of {len(days)} tuning days, tuned on; {total} pairs, {positive} one "
           "event = " f"{positive / max(total, 1):.1%}) | pairs passed | one event among them (precision) | "
           "one-event pairs passed (recall) | days with a pass | median day precision | median day recall | "
           "meets the bar (>= 50 % / >= 20 %) |", "|---|---|---|---|---|---|---|---|"]
    meeting = []
    for gate, test in GATES.items():
        passed = hits = 0
        day_p, day_r, active = [], [], 0
        for _, y, kinds in days.values():
            mask = np.array([test(k) for k in kinds], dtype=bool)
            p, h = int(mask.sum()), int(y[mask].sum()) if len(y) else 0
            passed += p
            hits += h
            if p:
                active += 1
                day_p.append(h / p)
            if y.sum():
                day_r.append(h / y.sum())
        precision, recall = hits / max(passed, 1), hits / max(positive, 1)
        meets = "yes" if precision >= BAR_PRECISION and recall >= BAR_RECALL else "no"
        if meets == "yes":
            meeting.append(gate)
        out.append(f"| {gate} | {passed} | {hits} = {precision:.1%} | {recall:.1%} | {active} | "
                   f"{np.median(day_p) if day_p else 0:.1%} | {np.median(day_r) if day_r else 0:.1%} | {meets} |")
    return "\n".join(out), meeting


CROSS = ("figure (head 600)", "figure (whole text)", "2+ figures (whole text)", "quote 6+", "figure (whole) or quote",
         "rare name (day df <= 3)", "exclusive name (no other report of the day)")
CROSS_AT = (0.0, 0.5, 0.7, 0.9)


def crossed(days: dict[str, tuple[Captured, np.ndarray, list[dict[str, int]]]]) -> str:
    """Information: a gate among the pairs the packaged small model scores at least p (in sample for the model: it was
    fitted on tuning days), precision / recall of the one-event pairs."""
    _, small_model, _, small_w = shipped_models()
    ps = {n: probability(small_w, small_model.bias, h.features) if h.pairs else np.zeros(0)
          for n, (h, _, _) in days.items()}
    positive = sum(int(y.sum()) for _, y, _ in days.values())
    out = ["| gate, and the packaged small model's p (information) | " + " | ".join(
        f"p >= {t:g}: passed, one event, recall" for t in CROSS_AT) + " |", "|---" * (len(CROSS_AT) + 1) + "|"]
    for gate in ("(no gate)", *CROSS):
        cells = []
        for t in CROSS_AT:
            passed = hits = 0
            for n, (_, y, kinds) in days.items():
                mask = np.array([gate == "(no gate)" or GATES[gate](k) for k in kinds], dtype=bool) & (ps[n] >= t)
                passed += int(mask.sum())
                hits += int(y[mask].sum()) if len(y) else 0
            cells.append(f"{passed}, {hits / max(passed, 1):.1%}, {hits / max(positive, 1):.1%}")
        out.append(f"| {gate} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def gated(day: Captured, kinds: list[dict[str, int]], test: Callable[[dict[str, int]], bool]) -> Captured:
    keep = [i for i, k in enumerate(kinds) if test(k)]
    return Captured(day.name, day.assigned, day.sizes, [day.pairs[i] for i in keep], day.features[keep], day.truth)


EVIDENCE_COLUMNS = ("figure", "figure, whole text", "quote", "rare name 2", "rare name 3", "rare name 5", "exclusive name")
WITH_COLUMNS = "every shared pair, evidence columns"


def with_evidence(day: Captured, kinds: list[dict[str, int]]) -> Captured:
    """``day`` with ``EVIDENCE_COLUMNS`` (log1p of each count) after its features."""
    extra = np.log1p(np.array([[k[c] for c in EVIDENCE_COLUMNS] for k in kinds], dtype=float)
                     .reshape(-1, len(EVIDENCE_COLUMNS)))
    return Captured(day.name, day.assigned, day.sizes, day.pairs, np.hstack([day.features, extra]), day.truth)


def replay(cache: dict[str, Captured], shareds: dict[str, Captured], kinds: dict[str, list[dict[str, int]]],
           outlets: dict[str, dict[str, frozenset[str]]], gates: list[str]
           ) -> tuple[dict[str, list[Scores]], dict[str, Counter[str]]]:
    """``days_small_shared.arms``' replay with the shared step's pairs gated: the packaged small model or a refit on
    the other days' gated pairs (L2 1), the threshold chosen on the other days; the gate's pairs all joined (most
    probable by the packaged model first; information), the labels' own joins among them (ceiling)."""
    names = list(cache)
    passes = shipped_passes(cache, outlets)
    jt, st, small_w, small_model = passes.jt, passes.st, passes.small_w, passes.small_model
    mains, main_ps, smalls, small_ps = passes.mains, passes.main_ps, passes.smalls, passes.small_ps
    base = "shipped (no shared-outlet pair)"
    rows: dict[str, list[Scores]] = {base: []}
    chosen: dict[str, Counter[str]] = {base: Counter()}

    def shipped(x: np.ndarray) -> np.ndarray:
        return probability(small_w, small_model.bias, x[:, :len(small_w)])

    for gate in gates:
        if gate == WITH_COLUMNS:
            hs = {n: with_evidence(shareds[n], kinds[n]) for n in names}
        else:
            hs = {n: gated(shareds[n], kinds[n], GATES[gate]) for n in names}
        arms = (f"{gate}: packaged small model, threshold per fold", f"{gate}: refit L2 1, threshold per fold",
                f"{gate}: every gated pair joined (information)", f"{gate}: the labels' own joins (ceiling)")
        for arm in arms:
            rows[arm], chosen[arm] = [], Counter()
        for name in names:
            m, mp, s, sp, h = mains[name], main_ps[name], smalls[name], small_ps[name], hs[name]
            if gate == gates[0]:
                rows[base].append(scored(m, three(m, mp, jt, s, sp, st, s, None, 1.0)))
            train = [(mains[n], main_ps[n], smalls[n], small_ps[n], hs[n]) for n in names if n != name]
            t = choose(train, jt, st, shipped)
            chosen[arms[0]][f"{t:g}"] += 1
            x = h.features[:, :len(small_w)]  # the packaged model reads the captured columns only
            rows[arms[0]].append(scored(m, three(m, mp, jt, s, sp, st, h, shipped(x) if h.pairs else None, t)))
            fitted = [hs[n] for n in names if n != name and hs[n].pairs]
            w, b = fit_days(fitted, 1.0)

            def refit(x: np.ndarray, w: np.ndarray = w, b: float = b) -> np.ndarray:
                return probability(w, b, x)

            t = choose(train, jt, st, refit)
            chosen[arms[1]][f"{t:g}"] += 1
            rows[arms[1]].append(scored(m, three(m, mp, jt, s, sp, st, h, refit(h.features) if h.pairs else None, t)))
            every = 0.5 + 0.5 * shipped(h.features) if h.pairs else None
            rows[arms[2]].append(scored(m, three(m, mp, jt, s, sp, st, h, every, 0.5)))
            rows[arms[3]].append(scored(m, three(m, mp, jt, s, sp, st, h, same_event(h) if h.pairs else None, 0.5)))
        print(f"  {gate}: " + "; ".join(f"{arm} {np.mean([v[0] for v in rows[arm]]):.5f}" for arm in arms),
              file=sys.stderr, flush=True)
    return rows, chosen


def ceilings(cache: dict[str, Captured], shareds: dict[str, Captured], kinds: dict[str, list[dict[str, int]]],
             outlets: dict[str, dict[str, frozenset[str]]]) -> str:
    """Information: per gate, the mean B³ F1 if the shared step joined exactly the gated pairs the labels call one
    event (star, after the join pass and the shipped small pass): the most a gate can give."""
    names = list(cache)
    passes = shipped_passes(cache, outlets)
    jt, st = passes.jt, passes.st
    mains, main_ps, smalls, small_ps = passes.mains, passes.main_ps, passes.smalls, passes.small_ps
    base = [scored(mains[n], three(mains[n], main_ps[n], jt, smalls[n], small_ps[n], st, smalls[n], None, 1.0))
            for n in names]
    f0 = float(np.mean([b[0] for b in base]))
    out = [f"| gate ({len(names)} tuning days, tuned on) | the labels' own joins among its pairs: mean B³ F1 | "
           f"vs shipped {f0:.5f} |", "|---|---|---|"]
    for gate in ("(no gate)", *GATES):
        got = []
        for n in names:
            h = shareds[n] if gate == "(no gate)" else gated(shareds[n], kinds[n], GATES[gate])
            m, mp, sm, sp = mains[n], main_ps[n], smalls[n], small_ps[n]
            got.append(scored(m, three(m, mp, jt, sm, sp, st, h, same_event(h) if h.pairs else None, 0.5))[0])
        out.append(f"| {gate} | {np.mean(got):.5f} | {np.mean(got) - f0:+.4f} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_capture_arguments(parser)
    parser.add_argument("--evidence-cache", type=Path, help="a pickle of the reports' evidence (made if missing)")
    parser.add_argument("--replay", action="store_true", help="replay the gates that meet the bar (or --gate)")
    parser.add_argument("--gate", action="append", choices=[*GATES, WITH_COLUMNS],
                        help=f"replay these gates ('{WITH_COLUMNS}': no gate, the refit reads EVIDENCE_COLUMNS too)")
    parser.add_argument("--ceilings", action="store_true", help="each gate's ceiling (the labels' joins among its pairs)")
    parser.add_argument("--per-day", action="store_true")
    args = parser.parse_args()
    cache = load_all(args.cache)
    outlets = {n: story_outlets(cache[n], outlets_of(args.days / n)) for n in cache}
    if args.evidence_cache and args.evidence_cache.exists():
        with args.evidence_cache.open("rb") as handle:
            per_day: dict[str, dict[str, Evidence]] = pickle.load(handle)
    else:
        per_day = {}
    missing = [n for n in cache if n not in per_day]
    if missing:
        texts = article_texts(args.store, (a for n in missing for a in cache[n].assigned))
        for n in missing:
            per_day[n] = day_evidence(cache[n], texts)
            print(f"  evidence of {n}: {len(per_day[n])} reports", file=sys.stderr, flush=True)
        if args.evidence_cache:
            with args.evidence_cache.open("wb") as handle:
                pickle.dump(per_day, handle)
    shareds = {n: shared_scope(cache[n], outlets[n]) for n in cache}
    kinds: dict[str, list[dict[str, int]]] = {}
    days = {}
    for n in cache:
        (stories, used), df = story_evidence(cache[n], per_day[n]), name_df(per_day[n])
        kinds[n] = [pair_kinds(stories.get(a, {}), stories.get(b, {}), df, used.get(a, Counter()) + used.get(b, Counter()))
                    for a, b in shareds[n].pairs]
        days[n] = (shareds[n], same_event(shareds[n]) if shareds[n].pairs else np.zeros(0), kinds[n])
    text, meeting = separation(days)
    print(text)
    print(crossed(days))
    if args.ceilings:
        print(ceilings(cache, shareds, kinds, outlets))
    if args.per_day:
        for n, (h, y, k) in days.items():
            print(n, len(h.pairs), int(y.sum()), " ".join(
                f"{g}={sum(t(x) for x in k)}/{sum(t(x) and bool(v) for x, v in zip(k, y, strict=True))}"
                for g, t in GATES.items()))
    if args.replay or args.gate:
        gates = args.gate or meeting
        if not gates:
            print("no gate meets the bar: no replay")
            return
        rows, chosen = replay(cache, shareds, kinds, outlets, gates)
        print(replay_table(list(cache), rows, chosen))


if __name__ == "__main__":
    main()
