"""A reader of multi-event reports from title and body (``stories.multireport``), measured against the tuning days'
``[[multi]]`` lists and fitted for the complete-story join's side guard (session 62, join108).

``--capture FILE``: each tuning day's labelled reports with ``multireport.FEATURES``, whether the labels list them
as multi-event, and whether grouping leaves them **open** (its strict title reading ``genre.multi_event_title`` and
its list-of-items body reading ``digest.is_list_of_items`` do not close their own story: the reports the guard
reads; a daily programme's or column's closing, which needs the days before, is not read here). Then, from
``--cache FILE``:

* the default: precision / recall of the title-only reader (``joincomplete.multi_event_member``: the loose title
  list) and of the body reader, fitted leaving one day out (plain logistic regression on standardised features,
  L2 1.0, on the other days' open reports; threshold: the best F1 on those), on all labelled reports and on the
  open ones;
* ``--write``: the reader fitted on every captured day's open reports, written to ``multi_model.toml``.

    python bench/days_multi_reader.py --days PATH/archived --capture FILE
    python bench/days_multi_reader.py --cache FILE [--write]

Only tuning days are read (``days_pair_fit.tuning_days``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_pair_fit import add_days_arguments, fit, tuning_days  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, StoryClusterer  # noqa: E402
from newsmirror.stories.digest import is_list_of_items, paragraph_names  # noqa: E402
from newsmirror.stories.genre import multi_event_title  # noqa: E402
from newsmirror.stories.multireport import FEATURES, MULTI_MODEL_FILE, reader_features  # noqa: E402
from newsmirror.stories.pairscore import PairModel  # noqa: E402

L2 = 1.0
GRID = tuple(round(0.05 * i, 2) for i in range(1, 19))  # thresholds tried: .05 .. .9
LOOSE = FEATURES.index("title_loose")


@dataclass
class Rows:
    days: np.ndarray  # each report's day
    features: np.ndarray  # FEATURES as grouping reads them (``multireport.analysed_features`` from ``_analyse``)
    multi: np.ndarray  # listed as a multi-event report
    open: np.ndarray  # not closed by grouping's strict title or list-of-items reading
    full: np.ndarray | None = None  # FEATURES read by a second reading of the body (``reader_features``, join108)


def capture(args: argparse.Namespace) -> Rows:
    days, features, multi, opened, full = [], [], [], [], []
    clusterer = StoryClusterer(ClusterConfig())
    clusterer.read_multi = True
    for day in tuning_days(args):
        for doc in day.documents:
            if doc.id not in day.events and doc.id not in day.multi:
                continue  # not labelled
            days.append(day.name)
            clusterer._analyse(doc.title, doc.text)
            features.append(clusterer.multi_features)
            full.append(reader_features(doc.title, doc.text))
            multi.append(doc.id in day.multi)
            opened.append(not (multi_event_title(doc.title) or is_list_of_items(paragraph_names(doc.text))))
        print(day.name, len(days), flush=True)
    return Rows(np.array(days), np.array(features), np.array(multi), np.array(opened), np.array(full))


def fit_reader(features: np.ndarray, multi: np.ndarray) -> PairModel:
    """The reader fitted on ``features`` (open reports) and their answers: weights of the raw features (fitted on
    standardised ones), threshold the best F1 on the same rows."""
    mean, spread = features.mean(0), features.std(0)
    spread[spread == 0] = 1.0
    weights, bias = fit((features - mean) / spread, multi.astype(float), L2)
    raw = weights / spread
    raw_bias = bias - float((weights * mean / spread).sum())
    scores = 1.0 / (1.0 + np.exp(-(features @ raw + raw_bias)))
    threshold = max(GRID, key=lambda t: (f1(scores >= t, multi), -t))
    return PairModel(tuple(float(w) for w in raw), float(raw_bias), threshold, FEATURES)


def f1(found: np.ndarray, truth: np.ndarray) -> float:
    hits = float((found & truth).sum())
    return 2 * hits / max(float(found.sum() + truth.sum()), 1.0)


def lodo_found(rows: Rows, features: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, float]]:
    """The body reader's verdict on each open report, fitted on the other days (closed reports: False), on
    ``features`` (default: ``rows.features``)."""
    features = rows.features if features is None else features
    found = np.zeros(len(rows.multi), dtype=bool)
    thresholds = {}
    for day in np.unique(rows.days):
        held = rows.days == day
        train = ~held & rows.open
        model = fit_reader(features[train], rows.multi[train])
        thresholds[str(day)] = model.threshold
        z = features[held] @ np.array(model.weights) + model.bias
        found[held] = (1.0 / (1.0 + np.exp(-z)) >= model.threshold) & rows.open[held]
    return found, thresholds


def table(rows: Rows) -> None:
    found, thresholds = lodo_found(rows)
    second = lodo_found(rows, rows.full)[0] if rows.full is not None else None
    loose = rows.features[:, LOOSE] > 0
    closed = ~rows.open
    print(f"{len(np.unique(rows.days))} tuning days, {len(rows.multi)} labelled reports, {int(rows.multi.sum())} "
          f"multi-event; open {int(rows.open.sum())}, of which multi-event {int((rows.multi & rows.open).sum())}")
    print("| reader | on | flagged | right | precision | recall | F1 |")
    print("|---|---|---|---|---|---|---|")
    for name, flagged in (("grouping's strict closing (title or list of items)", closed),
                          ("title-only, loose list (join107's guard)", loose),
                          ("body reader from _analyse (join109), LODO", found),
                          *((("body reader by a second reading (join108), LODO", second),) if second is not None
                            else ()),
                          ("strict closing or body reader", closed | found)):
        for scope, within in (("all labelled", np.ones(len(rows.multi), dtype=bool)), ("open", rows.open)):
            if name.startswith("grouping") and scope == "open":
                continue
            f, t = flagged & within, rows.multi & within
            hits = int((f & t).sum())
            print(f"| {name} | {scope} | {int(f.sum())} | {hits} | {hits / max(int(f.sum()), 1):.3f} | "
                  f"{hits / max(int(t.sum()), 1):.3f} | {f1(f, t):.3f} |")
    if second is not None:
        within = rows.open
        print(f"open reports both readers flag {int((found & second & within).sum())}, only the one from _analyse "
              f"{int((found & ~second & within).sum())}, only the second reading {int((~found & second & within).sum())}")
    values = sorted(thresholds.values())
    print("thresholds per fold: " + ", ".join(f"{t:g} x{values.count(t)}" for t in sorted(set(values))))


def write(rows: Rows) -> None:
    model = fit_reader(rows.features[rows.open], rows.multi[rows.open])
    days = sorted(set(rows.days.tolist()))
    note = (f"Fitted by bench/days_multi_reader.py --write (features as StoryClusterer._analyse reads them,\n"
            f"multireport.analysed_features; logistic regression on standardised features, L2 {L2:g},\n"
            "weights of the raw features) on the labelled reports grouping leaves open (not closed by its strict\n"
            f"title or list-of-items reading) of the {len(days)} tuning days {', '.join(days)}:\n"
            f"{int(rows.open.sum())} reports, {int((rows.multi & rows.open).sum())} listed as multi-event ([[multi]]). "
            "Threshold: the best F1 on the same reports.\nNo held-out, test or fresh day was read to fit it.")
    rounded = PairModel(tuple(round(w, 4) for w in model.weights), round(model.bias, 4), model.threshold, FEATURES)
    MULTI_MODEL_FILE.write_text(rounded.to_toml(note), encoding="utf-8")
    print(f"wrote {MULTI_MODEL_FILE} (threshold {model.threshold})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_days_arguments(parser)
    parser.add_argument("--capture", type=Path, metavar="FILE", help="capture the tuning days' reports into FILE")
    parser.add_argument("--cache", type=Path, metavar="FILE", help="a capture (--capture)")
    parser.add_argument("--write", action="store_true", help="write the reader fitted on every captured day")
    args = parser.parse_args()
    if args.capture:
        rows = capture(args)
        args.capture.write_bytes(pickle.dumps({key: getattr(rows, key)
                                               for key in ("days", "features", "multi", "open", "full")}))
        return
    if args.cache is None:
        raise SystemExit("--cache FILE (made by --capture) is needed")
    rows = load(args.cache)
    table(rows)
    if args.write:
        write(rows)


def load(path: Path) -> Rows:
    rows = Rows(**pickle.loads(path.read_bytes()))
    if rows.features.shape[1] != len(FEATURES):
        raise SystemExit(f"{path}: {rows.features.shape[1]} columns, not FEATURES' {len(FEATURES)}: capture again")
    return rows


if __name__ == "__main__":
    main()
