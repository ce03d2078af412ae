"""Fit the pair model of story grouping (``stories.pairscore``) on the labelled tuning days.

Pairs come from replaying each tuning day through the clusterer with the labels deciding
("teacher forcing"): every report is compared with every candidate story the clusterer would
score (same candidate index, window and shared-term filter as when grouping), the pair's
features are recorded with whether the story is the report's labelled event, and then the report
joins the story of its labelled event (or starts one), so the stories it meets later are pure.
Multi-event reports (``[[multi]]`` in the labels) are kept apart, as grouping keeps them.

A logistic regression (numpy, Newton's method, a small L2 penalty) is fitted on the pairs. The
join threshold is chosen leave-one-day-out: fit on one tuning day, group the other with each
threshold, and keep the threshold with the best mean B-cubed F1 among those whose mean share of
pure stories is at least 90 % (the issue's second target). With N tuning days, each is grouped by
the model fitted on the other N - 1. The model written to ``src/newsmirror/stories/pair_model.toml``
is then fitted on every tuning day.

    python bench/days_pair_fit.py            # print leave-one-day-out table, write the model
    python bench/days_pair_fit.py --dry-run  # table only
    python bench/days_pair_fit.py --days PATH/archived --dry-run   # a folder with all tuning days
    python bench/days_pair_fit.py --tuning-day 2020-08-04 --tuning-day 2020-10-14 --dry-run

Only the tuning days are read (``TUNING_DAYS`` whose folder is under ``--days`` and whose labels
exist); held-out and test days never are.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_context import replay, save  # noqa: E402
from bench.days_eval import (  # noqa: E402
    DEFAULT_DAYS,
    TUNING_DAYS,
    DayLabels,
    available_tuning_days,
    import_day,
    load_day_labels,
    parse_setting,
    purity,
)
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.stories.cluster import (  # noqa: E402
    Assignment,
    ClusterConfig,
    Document,
    StoryClusterer,
    _title_grams,
    _title_terms,
)
from newsmirror.stories.pairscore import FEATURES, MODEL_FILE, PairModel, default_pair_model  # noqa: E402

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(4, 19))
PURE_TARGET = 0.9  # issue 14: at least 90 % of multi-article stories one event
# Clusterer settings for grouping with the model (the merge thresholds were chosen leave-one-day-out
# too; bench/days_results.md).
SETTINGS: dict[str, Any] = {"pair_model": True, "merge_probability": 0.6, "event_merge_similarity": 0.3,
                            "strict_genre": True}


@dataclass
class Day:
    name: str
    documents: list[Document]
    events: dict[str, str]  # article id -> labelled event ("solo:<file>" for a story of its own)
    multi: set[str]  # article ids of multi-event reports


def add_days_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--days", type=Path, default=DEFAULT_DAYS,
                        help="folder of <date>/ day folders; tuning days not in it are left out")
    parser.add_argument("--tuning-day", action="append", metavar="DATE",
                        help="only these tuning days (repeatable; default: every available one)")


def tuning_days(args: argparse.Namespace) -> list[Day]:
    """The available tuning days of ``add_days_arguments``' options, loaded; at least two (leave-one-day-out)."""
    names = available_tuning_days(args.days, only=args.tuning_day)
    if len(names) < 2:
        raise SystemExit(f"leave-one-day-out needs two tuning days with folders under {args.days} and labels; "
                         f"found {names}")
    print("tuning days: " + ", ".join(names))
    return [load_day(d, args.days) for d in names]


def load_day(day: str, days: Path = DEFAULT_DAYS, labels_dir: Path = REPO / "bench" / "days") -> Day:
    """A day's documents in grouping order, with their labels."""
    from newsmirror.store import open_store
    from newsmirror.stories.stored import document_of

    if day not in TUNING_DAYS:
        raise SystemExit(f"{day} is not a tuning day: the pair model is fitted on {', '.join(TUNING_DAYS)} only")
    labels: DayLabels = load_day_labels(labels_dir / f"labels-{day}.toml")
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "day.sqlite") as store:
        # ``days_eval.import_day``: an article imported from two files takes the first file's label, as
        # ``days_eval`` scores it (a dict of every result took the last: 2020-07-31 had one report labelled apart).
        file_of = import_day(store, days / day)
        documents = [document_of(a) for a in (store.get_article(i) for i in store.unassigned_article_ids()) if a]
    events = {d.id: labels.events.get(file_of[d.id], "solo:" + file_of[d.id]) for d in documents if d.id in file_of}
    multi = {d.id for d in documents if file_of.get(d.id) in labels.multi}
    return Day(day, documents, events, multi)


class _TeacherForced(StoryClusterer):
    """Records (features, same event) for every candidate, then follows the labels. With a ``model``, it first
    groups live (a day's context, ``bench/days_context.py``) until ``force`` is called."""

    def __init__(self, config: ClusterConfig, events: dict[str, str], model: PairModel | None = None,
                 context: frozenset[str] = frozenset()) -> None:
        super().__init__(config, model=model)
        self.forcing = model is None
        # Reports of the context: a story holding only those has no label for a report of the day (an event of
        # the day may have begun the day before), so its pairs are not recorded.
        self.context = context
        self.events = events
        self.story_of_event: dict[str, str] = {}
        self.rows: list[tuple[float, ...]] = []
        self.labels: list[int] = []
        self.misses: Counter[str] = Counter()  # why the labelled story was (not) offered

    def _why_missed(self, doc: Document, vector: dict[str, float], meaning: np.ndarray | None,
                    target: Any, candidates: list[Any]) -> str:
        """'offered', or the first filter that kept the report's labelled story from the candidates."""
        if any(story is target for story in candidates):
            return "offered"
        if not self._in_window(doc.time, target):
            return "outside the time window"
        probes = sorted(vector, key=vector.__getitem__, reverse=True)[: self.config.probe_terms]
        indexed = set(target.indexed_terms)
        shared = sum(1 for term in vector if term in target.centroid)
        rank = [s for s, _ in self._meanings.nearest(meaning, 10, -1.0)] if meaning is not None else []
        where = f"meaning rank {rank.index(target.id) + 1}" if target.id in rank else "meaning rank > 10"
        if not indexed & set(probes):
            return f"no probe term indexed ({shared} shared terms; {where})"
        if target.id not in self._candidates(probes, self.config.max_candidates):
            return f"beyond max_candidates ({where})"
        return f"{shared} shared terms < min_shared_terms ({where})"

    def force(self) -> None:
        """From here on the labels decide: no model, no merging (the event layer stays, as without context)."""
        self.config.merge_similarity, self.config.merge_probability = 2.0, None
        self.model = None
        self.forcing = True

    def _unlabelled(self, story: Any) -> bool:
        return bool(self.context) and all(member.article_id in self.context for member in story.members)

    def _find_story(self, doc: Document, vector: dict[str, float],
                    meaning: np.ndarray | None = None) -> Assignment | None:
        if not self.forcing:
            return super()._find_story(doc, vector, meaning)
        titles = _title_grams(doc.title)
        names = frozenset(t for t in _title_terms(doc.title) if self._is_name(t))
        event = self.events.get(doc.id, "?")
        candidates = self.candidate_stories(doc, vector, meaning)
        for story in candidates:
            if self._unlabelled(story):
                continue
            self.rows.append(self.pair_features(vector, [titles], names, doc.time, {doc.outlet}, story, meaning))
            self.labels.append(int(self.story_of_event.get(event) == story.id))
        target_id = self.story_of_event.get(event)
        if target_id is not None and target_id in self.stories:
            self.misses[self._why_missed(doc, vector, meaning, self.stories[target_id], candidates)] += 1
        target = self.story_of_event.get(event)
        if target is not None and target in self.stories:
            return Assignment(doc.id, target, "member", None, 1.0, False)
        return None

    def add(self, doc: Document) -> Assignment:
        assignment = super().add(doc)
        event = self.events.get(doc.id)
        # A report read as multi-event (a 综述 title under the default reading) founds a closed story
        # nothing can join: the event's next report founds its home instead (as grouping does).
        story = self.stories.get(self.resolve(assignment.story_id))
        if event is not None and not event.startswith("solo:") and story is not None and not story.closed:
            self.story_of_event.setdefault(event, assignment.story_id)
        return assignment


def pairs(day: Day, config: ClusterConfig | None = None, misses: Counter[str] | None = None,
          context: Sequence[Document] = ()) -> tuple[np.ndarray, np.ndarray]:
    """The day's teacher-forced candidate pairs (features, same event). With ``context`` (the archive's reports
    before the day, oldest first): those are grouped live first by the shipped grouping, untagged, as production
    would have grouped them, and only pairs with a story holding a report of the day are recorded."""
    config = config or ClusterConfig(**SETTINGS)
    if context:
        clusterer = _TeacherForced(config, day.events, default_pair_model(), frozenset(d.id for d in context))
        replay(clusterer, context)
        save(clusterer)  # the context's last save, before the day's reports arrive
        clusterer.force()
    else:
        # The labels decide; no merging, no model.
        config.merge_similarity, config.merge_probability, config.pair_model = 2.0, None, False
        clusterer = _TeacherForced(config, day.events)
    rows = forced_rows(clusterer, day)
    if misses is not None:
        misses.update(clusterer.misses)
    return rows


def forced_rows(clusterer: _TeacherForced, day: Day) -> tuple[np.ndarray, np.ndarray]:
    """The pair rows and labels of a teacher-forced clusterer once each report of the day is added in the day's
    order, a multi-event report marked as one."""
    for document in day.documents:
        if document.id in day.multi:
            document = Document(document.id, document.outlet, document.time, document.title, document.text, True)
        clusterer.add(document)
    return np.array(clusterer.rows, dtype=float), np.array(clusterer.labels, dtype=float)


def reading_lengths() -> str:
    """The text lengths the features were read with, for a model's header: a model fitted at one length
    reads features of another differently."""
    config = ClusterConfig(**SETTINGS)
    return f"Features read with body_chars={config.body_chars}, fingerprint_chars={config.fingerprint_chars}."


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, rounds: int = 50,
        sample_weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method; ``l2`` penalises the weights (not the bias); ``sample_weight``
    (default all 1) weighs each row's log-likelihood."""
    design = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    w = np.ones(len(y)) if sample_weight is None else sample_weight
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (w * (y - p)) - penalty * beta
        hessian = (design * (w * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def group_day(day: Day, model: PairModel, config: ClusterConfig | None = None) -> tuple[float, float, float, float]:
    """B-cubed F1, precision, recall and pure share (of 2+-article stories) of one day."""
    clusterer = StoryClusterer(config or ClusterConfig(**SETTINGS), model=model)
    assigned = {d.id: clusterer.add(d).story_id for d in day.documents}
    return score_grouping(day, clusterer, assigned)


def score_grouping(day: Day, clusterer: StoryClusterer, assigned: dict[str, str]) -> tuple[float, float, float, float]:
    """B-cubed F1, precision, recall and pure share of a day's documents as ``clusterer`` grouped them
    (``assigned``: document -> the story it joined, resolved through later merges here)."""
    predicted = {k: clusterer.resolve(v) for k, v in assigned.items()}
    truth = {k: v for k, v in day.events.items() if k not in day.multi and k in predicted}
    precision, recall, f1 = bcubed(truth, predicted)
    pure, multi = purity(truth, predicted)
    return f1, precision, recall, pure / max(multi, 1)


def choose_threshold(table: dict[float, list[tuple[float, float, float, float]]],
                     in_sample: dict[float, list[tuple[float, float, float, float]]] | None = None) -> float:
    """The threshold of a leave-one-day-out table (threshold -> per day F1, P, R, pure share): the issue's
    targets are F1 and a share of pure stories, so the best mean F1 among the thresholds whose mean pure
    share reaches PURE_TARGET (the purest threshold when none does); with ``in_sample`` (the same table
    for the model fitted on every day, which is what ships), its mean pure share must reach it too."""
    def mean(t: float, column: int, rows: dict[float, list[tuple[float, float, float, float]]] = table) -> float:
        return float(np.mean([r[column] for r in rows[t]]))

    pure_enough = [t for t in table if mean(t, 3) >= PURE_TARGET
                   and (in_sample is None or mean(t, 3, in_sample) >= PURE_TARGET)]
    return max(pure_enough, key=lambda t: mean(t, 0)) if pure_enough else max(table, key=lambda t: mean(t, 3))


def threshold_note(scored: tuple[float, ...]) -> str:
    """How the written threshold was chosen, for the model file's header: a run given ``--threshold``
    chose among those values only, which the header must not pass off as the whole grid's choice."""
    if set(scored) == set(THRESHOLDS):
        return "Threshold chosen leave-one-day-out on the same days."
    return ("Threshold chosen leave-one-day-out on the same days among " + ", ".join(f"{t:g}" for t in sorted(scored))
            + " only (--threshold).")


def fit_final(data: dict[str, tuple[np.ndarray, np.ndarray]], l2: float, threshold: float,
              features: tuple[str, ...]) -> tuple[PairModel, np.ndarray]:
    """The model fitted on every day's pairs at ``threshold``, its weights printed; and the labels it saw."""
    x = np.vstack([pairs_x for pairs_x, _ in data.values()])
    y = np.concatenate([pairs_y for _, pairs_y in data.values()])
    weights, bias = fit(x, y, l2)
    model = PairModel(tuple(float(round(w, 4)) for w in weights), round(bias, 4), threshold, features)
    for name, weight in zip(features, model.weights, strict=True):
        print(f"  {name:12s} {weight:+.4f}")
    print(f"  bias         {model.bias:+.4f}   threshold {threshold} (chosen by choose_threshold)")
    return model, y


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--drop", action="append", default=[], choices=FEATURES,
                        help="leave a feature out (its column set to 0, so its weight stays 0); repeatable")
    parser.add_argument("--misses", action="store_true",
                        help="only count why reports' labelled stories were not among their candidates")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a ClusterConfig setting for fitting and grouping (e.g. meaning_candidates=3)")
    parser.add_argument("--threshold", action="append", type=float, metavar="P",
                        help="only these join thresholds (repeatable; default: 0.2 to 0.9 by 0.05): a shorter run")
    add_days_arguments(parser)
    args = parser.parse_args()
    for item in args.set:
        SETTINGS.update(parse_setting(item))
    days = tuning_days(args)
    data = {d.name: pairs(d) for d in days}
    if args.misses:
        for day in days:
            found: Counter[str] = Counter()
            pairs(day, misses=found)
            joins = sum(found.values())
            print(f"{day.name}: {joins} reports whose labelled story was live; offered {found['offered']}")
            for why, count in found.most_common():
                if why != "offered":
                    print(f"    {count:4d}  {why}")
        return
    for name in args.drop:
        for x, _ in data.values():
            x[:, FEATURES.index(name)] = 0.0
    for name, (_, y) in data.items():
        print(f"{name}: {len(y)} candidate pairs, {int(y.sum())} same event")
    table: dict[float, list[tuple[float, float, float, float]]] = {t: [] for t in args.threshold or THRESHOLDS}
    for held in days:
        x = np.vstack([data[d.name][0] for d in days if d is not held])
        y = np.concatenate([data[d.name][1] for d in days if d is not held])
        weights, bias = fit(x, y, args.l2)
        for threshold in table:
            table[threshold].append(group_day(held, PairModel(tuple(weights), bias, threshold)))
    print("leave-one-day-out (fit on the other tuning days, group one): " + " | ".join(d.name for d in days))
    print("threshold  " + "  ".join("F1    P     R     pure" for _ in days) + "   mean F1 pure")
    for threshold, rows in table.items():
        cells = "  ".join(f"{f:.3f} {p:.3f} {r:.3f} {u:.2f}" for f, p, r, u in rows)
        # Four decimals on the means: a decision rule compares them to .005.
        print(f"{threshold:9.2f}  {cells}   {np.mean([r[0] for r in rows]):.4f} {np.mean([r[3] for r in rows]):.4f}")
    model, y = fit_final(data, args.l2, choose_threshold(table), FEATURES)
    if not args.dry_run:
        note = (f"Fitted by bench/days_pair_fit.py (logistic regression, L2 {args.l2}) on the tuning days "
                f"{', '.join(d.name for d in days)}:\n{len(y)} candidate pairs, {int(y.sum())} same event. "
                f"{threshold_note(tuple(table))}\nNo held-out or test day was read to fit it.\n"
                + reading_lengths())
        MODEL_FILE.write_text(model.to_toml(note), encoding="utf-8")
        print(f"wrote {MODEL_FILE.relative_to(REPO)}")


if __name__ == "__main__":
    main()
