"""Screen candidate evidence for the join pass inside the band where recall is lost (session 52, group89).

group88 (session 52) found that the join pass's recall is lost in the candidate pairs the shipped join model
scores between .40 and .85 (283 scoped pairs on the 43 tuning days, 170 of them one event by the labels), and that
no join feature separates them there. This tool reads group88's capture (``bench/days_join_frame.py capture`` on
branch group88: every tuning day grouped without the join pass, the candidate pairs of finished stories with their
features) and the same days' reports, and computes for each scoped pair (larger story >= 3 reports, first reports
within 24 hours, as shipped) evidence of other kinds than the pass's overlaps, each computable at grouping time from
the two stories' reports:

* time order: hours from the core's last report to the side's first (signed), and from first to first;
* dates cited: the share of the side's reports whose title-and-lede cite a date the core's reports cite most;
* meaning: cosine of each side report's title-and-lede meaning (``text.vectors``, as the clusterer computes it) to
  each core report's, max and mean;
* reaction: the share of the side's reports whose title-and-lede name the core's key name (the name most core
  reports state) together with a reaction verb; the share with a reaction verb at all;
* outlets: whether an outlet reported in both stories; the share of the side's outlets also in the core;
* figures: the share of the side's title-and-lede numbers (folded, years and one-digit numbers left out) found in
  the core's reports.

For each: its AUC (same event vs not, by the labels) inside the band and on all scoped pairs, with a bootstrap
interval over days. ``--show`` prints pairs of the band to read by hand. Only ``TUNING_DAYS`` are read.

    python bench/days_join_screen.py --cache CAPTURE.pickle --days-pickle DAYS.pickle [--show 20]

``DAYS.pickle``: ``days_pair_fit.tuning_days``' list of days, pickled (loading them costs minutes).
"""

from __future__ import annotations

import argparse
import pickle
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import TUNING_DAYS  # noqa: E402
from bench.days_join_fit import Captured, same_event, scoped  # noqa: E402
from bench.days_pair_fit import Day  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, StoryClusterer  # noqa: E402
from newsmirror.stories.genre import leaves_title, opens_with_label, title_label  # noqa: E402
from newsmirror.stories.joincomplete import JOIN_FEATURES, default_join_model  # noqa: E402
from newsmirror.text.tokenize import idf  # noqa: E402

LEAST = 3  # ClusterConfig.join_least as shipped
MAX_GAP = 24.0  # hours: ClusterConfig.join_gap as shipped
BAND = (0.40, 0.85)  # group88's band: where the shipped model leaves the angles' recall
LEDE_CHARS = 150  # ClusterConfig.lede_chars
# Verbs a reaction is told with (answering, judging, asking of another's act). A fixed, general list of the field's
# reporting verbs, not read from any pair.
REACTION = ("回应", "回擊", "回击", "反驳", "反駁", "驳斥", "駁斥", "谴责", "譴責", "批评", "批評", "抨击", "抨擊",
            "指责", "指責", "抗议", "抗議", "欢迎", "歡迎", "表态", "表態", "反对", "反對", "呼吁", "呼籲", "敦促",
            "警告", "关切", "關切", "否认", "否認", "质疑", "質疑", "赞扬", "讚揚", "祝贺", "祝賀", "声援", "聲援",
            "不满", "不滿", "反击", "反擊", "react", "respond", "condemn", "criticis", "criticiz", "welcome")
_DATE = re.compile(r"(?:(\d{1,2})月)?(\d{1,2})[日号號]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TRAILING = re.compile(r"\s[-－–]\s*[^\s-]{2,10}$")


@dataclass
class Report:
    outlet: str
    time: datetime
    title: str
    head: str  # title and lede, NFKC-folded
    names: frozenset[str]
    lede: np.ndarray | None  # the clusterer's title-and-lede meaning vector
    terms: dict[str, float]  # the title-and-lede terms with their background IDF
    label: str | None  # the title's opening label (``genre.title_label``)
    bracketed: bool  # the title opens with a column or source label (``genre.opens_with_label``)
    paragraphs: list[set[str]]  # the terms of the body head's paragraphs of 20+ characters (as the clusterer cuts them)
    leaves: bool = False  # the body leaves the title's subject (``genre.leaves_title``: a bulletin's drift)
    trailing: bool = False  # the title ends with a " - NAME" label (RFI's " - 要闻解说", " - 法国世界报")


def analyse(days: list[Day]) -> dict[str, Report]:
    """Each report's outlet, time, title-and-lede, names and lede meaning, as the clusterer reads them."""
    clusterer = StoryClusterer(ClusterConfig())
    reports = {}
    for day in days:
        for doc in day.documents:
            vector, _, _, _, lede, lede_terms, paragraphs = clusterer._analyse(doc.title, doc.text)
            names = frozenset(t for t in lede_terms if t in vector and clusterer._is_name(t))
            head = unicodedata.normalize("NFKC", doc.title + " " + doc.text[:LEDE_CHARS])
            unit = lede / np.linalg.norm(lede) if lede is not None and np.linalg.norm(lede) else None
            terms = {t: idf(t) for t in lede_terms}
            reports[doc.id] = Report(doc.outlet, doc.time, doc.title, head, names, unit, terms,
                                     title_label(doc.title), opens_with_label(doc.title), paragraphs,
                                     leaves_title(doc.title, doc.text), bool(_TRAILING.search(doc.title)))
    # A label the outlet opens titles with on 3+ of the days read (``genre.ColumnLabels`` counts 3 days of the last
    # 6 at grouping time; the tuning days are spread over months, so this count is a stand-in): a column or show.
    used: dict[tuple[str, str], set[str]] = defaultdict(set)
    for day in days:
        for doc in day.documents:
            if reports[doc.id].label:
                used[(doc.outlet, reports[doc.id].label or "")].add(day.name)
    for report in reports.values():
        if report.label and len(used[(report.outlet, report.label)]) < 3:
            report.label = None
    return reports


def dates(text: str) -> set[str]:
    return {f"{m or ''}-{d}" for m, d in _DATE.findall(text)}


def numbers(text: str) -> set[str]:
    found = set()
    for n in _NUMBER.findall(text):
        n = n.replace(",", "")
        if len(n.replace(".", "")) < 2 or re.fullmatch(r"(19|20)\d\d", n):
            continue  # one digit (anything counts to three) and years (every report's) say nothing
        found.add(n)
    return found


def features(core: list[Report], side: list[Report]) -> dict[str, float]:
    hours = 3600.0
    core_last = max(r.time for r in core)
    core_first = min(r.time for r in core)
    side_first = min(r.time for r in side)
    out: dict[str, float] = {
        "gap side first - core last (h)": (side_first - core_last).total_seconds() / hours,
        "gap side first - core first (h)": (side_first - core_first).total_seconds() / hours,
    }
    core_dates: Counter[str] = Counter(d for r in core for d in dates(r.head))
    top = {d for d, n in core_dates.items() if n == max(core_dates.values())} if core_dates else set()
    out["side cites core's top date (share)"] = float(np.mean([bool(dates(r.head) & top) for r in side]))
    sims = [float(a.lede @ b.lede) for a in side for b in core if a.lede is not None and b.lede is not None]
    out["lede meaning max"] = max(sims) if sims else 0.0
    out["lede meaning mean"] = float(np.mean(sims)) if sims else 0.0
    name_counts: Counter[str] = Counter(n for r in core for n in r.names)
    key = max(name_counts, key=lambda n: (name_counts[n], n)) if name_counts else None  # ties: fixed order
    reacts = [any(v in r.head for v in REACTION) for r in side]
    out["side: core's key name + reaction verb (share)"] = float(np.mean(
        [bool(key and key in r.names and react) for r, react in zip(side, reacts, strict=True)]))
    out["side: reaction verb (share)"] = float(np.mean(reacts))
    out["core: reaction verb (share)"] = float(np.mean([any(v in r.head for v in REACTION) for r in core]))
    core_outlets = {r.outlet for r in core}
    side_outlets = {r.outlet for r in side}
    out["an outlet in both"] = float(bool(core_outlets & side_outlets))
    out["side's outlets in core (share)"] = len(side_outlets & core_outlets) / len(side_outlets)
    core_numbers = set().union(*(numbers(r.head) for r in core))
    side_numbers = set().union(*(numbers(r.head) for r in side))
    out["side's figures in core's (share)"] = (len(side_numbers & core_numbers) / len(side_numbers)
                                               if side_numbers else 0.5)
    out["side has figures the core lacks"] = float(bool(side_numbers - core_numbers))
    out["side reports"] = float(len(side))
    core_terms = set().union(*(r.terms for r in core))
    shared = [max((v for t, v in r.terms.items() if t in core_terms), default=0.0) for r in side]
    out["side's most specific term the core uses (IDF, max over side)"] = max(shared)
    rarest = [max(r.terms, key=lambda t: (r.terms[t], t)) in core_terms if r.terms else False for r in side]
    out["side's rarest term used by the core (share)"] = float(np.mean(rarest))
    out["side: a column label the outlet uses on 3+ days (share)"] = float(np.mean([bool(r.label) for r in side]))
    # Main subject or context: an angle of the event keeps telling it paragraph after paragraph, the topic's next
    # event names it once as background. The core's frame: terms at least half its titles-and-ledes state.
    frame_counts: Counter[str] = Counter(t for r in core for t in r.terms)
    frame = {t for t, n in frame_counts.items() if n * 2 >= len(core)}
    def persistence(r: Report, least: int) -> float:
        body = r.paragraphs[1:]  # after the lede's paragraph
        return float(np.mean([len(p & frame) >= least for p in body])) if body else 0.0
    out["side's later paragraphs naming 2+ core frame terms (share)"] = float(np.mean([persistence(r, 2) for r in side]))
    out["side's later paragraphs naming a core frame term (share)"] = float(np.mean([persistence(r, 1) for r in side]))
    # The other way: the side is the act and the core its reactions (a restatement of the news scored low beside a core
    # of reactions) when the core's bodies keep naming the side's frame.
    side_counts: Counter[str] = Counter(t for r in side for t in r.terms)
    side_frame = {t for t, n in side_counts.items() if n * 2 >= len(side)}
    out["core's later paragraphs naming 2+ side frame terms (share)"] = float(np.mean(
        [np.mean([len(p & side_frame) >= 2 for p in r.paragraphs[1:]]) if r.paragraphs[1:] else 0.0 for r in core]))
    out["side: the body leaves its title (genre.leaves_title, share)"] = float(np.mean([r.leaves for r in side]))
    out["side: a trailing ' - NAME' label (share)"] = float(np.mean([r.trailing for r in side]))
    out["side: any genre sign above (share)"] = float(np.mean([bool(r.label) or r.leaves or r.trailing for r in side]))
    out["side: opens with a bracket/source label (share)"] = float(np.mean([r.bracketed for r in side]))
    out["side: key name in title-and-lede (share)"] = float(np.mean([bool(key and key in r.names) for r in side]))
    return out


def shown(report: Report) -> str:
    return f"{report.time:%H:%M} {report.outlet[:12]}: {report.title[:60]}"


def auc(score: np.ndarray, label: np.ndarray) -> float:
    """Mann-Whitney AUC (ties count half): the chance a same-event pair scores above another pair."""
    pos, neg = score[label == 1], score[label == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    values = np.concatenate([pos, neg])[order]
    i = 0
    while i < len(values):  # average ranks over ties
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def day_bootstrap(values: np.ndarray, labels: np.ndarray, days: np.ndarray, reps: int = 1000,
                  seed: int = 52) -> tuple[float, float]:
    """A 90 % interval of the AUC over days drawn with replacement (pairs of one day are not independent)."""
    rng = random.Random(seed)
    names = sorted(set(days))
    index = {d: np.flatnonzero(days == d) for d in names}
    results = []
    for _ in range(reps):
        take = np.concatenate([index[rng.choice(names)] for _ in names])
        a = auc(values[take], labels[take])
        if a == a:
            results.append(a)
    return float(np.percentile(results, 5)), float(np.percentile(results, 95))


def logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, rounds: int = 50) -> np.ndarray:
    """L2-penalised logistic regression (bias unpenalised) by Newton's method; ``x`` standardised by the caller."""
    design = np.column_stack([x, np.ones(len(x))])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ beta, -30, 30)))
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, design.T @ (y - p) - penalty * beta)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def leave_day_out(x: np.ndarray, y: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Each pair's score by a logistic regression fitted on the other days' pairs (information: can the screened
    evidence together rank the band where each alone cannot?)."""
    scores = np.zeros(len(y))
    for day in set(days):
        train, test = days != day, days == day
        mean, scale = x[train].mean(axis=0), x[train].std(axis=0) + 1e-9
        beta = logistic((x[train] - mean) / scale, y[train])
        scores[test] = np.column_stack([(x[test] - mean) / scale, np.ones(int(test.sum()))]) @ beta
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, required=True, help="group88's capture pickle")
    parser.add_argument("--days-pickle", type=Path, required=True, help="the tuning days, pickled")
    parser.add_argument("--show", type=int, default=0, help="print this many band pairs of each kind, drawn at random")
    parser.add_argument("--rows", type=Path, help="write every scoped pair's features here (pickle)")
    args = parser.parse_args()
    with args.cache.open("rb") as handle:
        cache: dict[str, Captured] = pickle.load(handle)
    with args.days_pickle.open("rb") as handle:
        days: list[Day] = [d for d in pickle.load(handle) if d.name in TUNING_DAYS]
    started = time.process_time()
    reports = analyse(days)
    analysed = time.process_time() - started
    model = default_join_model()
    # The capture's columns are group88's JOIN_FEATURES_FRAME: JOIN_FEATURES with the frame before the two
    # pair-model readings.
    frame = len(JOIN_FEATURES) - 2
    plain = [i for i in range(len(JOIN_FEATURES) + 1) if i != frame]
    rows: list[dict[str, float]] = []
    meta: list[tuple[str, float, float, list[str], list[str]]] = []
    started = time.process_time()
    for day in days:
        captured = scoped(cache[day.name], LEAST, MAX_GAP)
        labels = same_event(captured)
        members: dict[str, list[str]] = defaultdict(list)
        for article, story in captured.assigned.items():
            members[story].append(article)
        for (a, b), x, y, z in zip(captured.pairs, captured.features[:, plain], labels, captured.features[:, frame],
                                   strict=True):
            ra, rb = [reports[i] for i in members[a]], [reports[i] for i in members[b]]
            a_core = (len(ra), min(r.time for r in rb)) > (len(rb), min(r.time for r in ra))
            core_ids, side_ids = (members[a], members[b]) if a_core else (members[b], members[a])
            rows.append(features([reports[i] for i in core_ids], [reports[i] for i in side_ids]))
            rows[-1]["group88's frame (side_names_missing)"] = float(z)
            meta.append((day.name, float(y), model.probability(tuple(x)), core_ids, side_ids))
    computed = time.process_time() - started
    label = np.array([m[1] for m in meta])
    probability = np.array([m[2] for m in meta])
    day_of = np.array([m[0] for m in meta])
    band = (probability >= BAND[0]) & (probability < BAND[1])
    print(f"scoped pairs {len(meta)} ({int(label.sum())} one event); band {BAND}: {int(band.sum())} "
          f"({int(label[band].sum())} one event); CPU: analysis {analysed:.1f} s for {len(reports)} reports, "
          f"features {computed:.1f} s for {len(meta)} pairs")
    print("| feature | AUC in band (90 % interval, days resampled) | AUC on all scoped pairs | same-event median "
          "/ other median (band) |")
    print("|---|---|---|---|")
    table = {"shipped join probability": probability, **{k: np.array([r[k] for r in rows]) for k in rows[0]}}
    for name, values in table.items():
        low, high = day_bootstrap(values[band], label[band], day_of[band])
        print(f"| {name} | {auc(values[band], label[band]):.3f} ({low:.2f}-{high:.2f}) | {auc(values, label):.3f} | "
              f"{np.median(values[band][label[band] == 1]):.3g} / {np.median(values[band][label[band] == 0]):.3g} |")
    combined = np.column_stack([table[k] for k in table])
    held = leave_day_out(combined[band], label[band], day_of[band])
    low, high = day_bootstrap(held, label[band], day_of[band])
    print(f"| all of the above together (logistic, fitted in the band leaving each day out) | {auc(held, label[band]):.3f} "
          f"({low:.2f}-{high:.2f}) | | |")
    if args.rows is not None:
        with args.rows.open("wb") as handle:
            pickle.dump({"meta": meta, "rows": rows}, handle)
    if args.show:
        rng = random.Random(89)
        for kind in (1.0, 0.0):
            picked = [i for i in np.flatnonzero(band) if label[i] == kind]
            rng.shuffle(picked)
            print(f"\n== band pairs, {'one event' if kind else 'not one event'} ({len(picked)}), {args.show} at random")
            for i in sorted(picked[: args.show], key=lambda i: meta[i][0]):
                name, _, p, core_ids, side_ids = meta[i]
                print(f"-- {name} p={p:.2f} " + ", ".join(f"{k.split(' (')[0]}={v:.2f}" for k, v in rows[i].items()))
                for a in sorted(core_ids, key=lambda a: reports[a].time)[:6]:
                    print("   core " + shown(reports[a]))
                for a in sorted(side_ids, key=lambda a: reports[a].time)[:4]:
                    print("   side " + shown(reports[a]))


if __name__ == "__main__":
    main()
