"""Story clustering against a labelled set: B-cubed precision/recall/F1 and articles/s.

The labelled set is ``bench/stories_labels.toml``: corpus file path (relative to
../shared/corpus) -> story label; ``bench/stories_labels.md`` says how labels were decided.
Every labelled file is imported into a throw-away SQLite store with the archive importer and
the extractor, then ``jobs.grouping.group_articles`` clusters them.

    python bench/stories_eval.py [--corpus ../shared/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from collections.abc import Hashable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

LABELS = Path(__file__).resolve().parent / "stories_labels.toml"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def bcubed(truth: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin) over the items of ``truth``."""
    items = [i for i in truth if i in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    by_truth: dict[Hashable, set[str]] = defaultdict(set)
    by_predicted: dict[Hashable, set[str]] = defaultdict(set)
    for item in items:
        by_truth[truth[item]].add(item)
        by_predicted[predicted[item]].add(item)
    precision = recall = 0.0
    for item in items:
        same_cluster = by_predicted[predicted[item]]
        same_label = by_truth[truth[item]]
        both = len(same_cluster & same_label)
        precision += both / len(same_cluster)
        recall += both / len(same_label)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_labels(path: Path = LABELS) -> dict[str, str]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {str(file): str(label) for file, label in data["labels"].items()}
