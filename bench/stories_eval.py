"""Story clustering against a labelled set: B-cubed precision/recall/F1 and articles/s.

The labelled set is ``bench/stories_labels.toml``: corpus file path (relative to
../shared/corpus) -> story label; ``bench/stories_labels.md`` says how labels were decided.
Every labelled file is imported into a throw-away SQLite store with the archive importer and
the extractor, then ``jobs.grouping.group_articles`` clusters them.

    python bench/stories_eval.py [--corpus PATH] [--repeat 3]   (default: the corpus where `newsmirror demo` finds it)
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
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from bench.corpus import require_corpus  # noqa: E402

LABELS = Path(__file__).resolve().parent / "stories_labels.toml"


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


def evaluate(corpus: Path, labels: dict[str, str], window_days: float = 3.0,
             similarity: float | None = None, **settings: float) -> dict[str, object]:
    """Import the labelled files into a fresh store, group them, score the grouping."""
    from datetime import timedelta

    from newsmirror.jobs.grouping import group_articles
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store
    from newsmirror.stories.cluster import ClusterConfig

    config = ClusterConfig(window=timedelta(days=window_days))
    if similarity is not None:
        config.similarity = similarity
    for name, value in settings.items():
        setattr(config, name, value)
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "eval.sqlite") as store:
        report = import_paths(store, [corpus / path for path in labels])
        truth: dict[str, str] = {}
        files_of: dict[str, list[str]] = defaultdict(list)
        for result in report.results:
            if not result.article_id:
                raise SystemExit(f"labelled file is not an article: {result.path} ({result.reason})")
            path = str(Path(result.path).relative_to(corpus))
            label = labels[path]
            # Several files can hold one article (mirrors of the same page): they must agree.
            if truth.setdefault(result.article_id, label) != label:
                raise SystemExit(f"{path}: same article as {files_of[result.article_id]} but labelled {label}")
            files_of[result.article_id].append(path)
        from newsmirror.text.tokenize import idf, words

        words("预热"), idf("预热")  # load jieba's dictionary and IDF table outside the timing
        started = time.perf_counter()
        grouping = group_articles(store, config)
        seconds = time.perf_counter() - started
        predicted = {article_id: store.story_of(article_id) or "" for article_id in truth}
        titles = {}
        for article_id in truth:
            article = store.get_article(article_id)
            titles[article_id] = f"{article.outlet}: {article.title}" if article else article_id
    precision, recall, f1 = bcubed(truth, predicted)
    return {
        "articles": len(truth), "files": len(labels), "precision": precision, "recall": recall, "f1": f1,
        "seconds": seconds, "duplicates": grouping.duplicates, "truth": truth, "predicted": predicted,
        "titles": titles,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="the corpus folder (default: where the package finds it)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--window-days", type=float, default=3.0)
    parser.add_argument("--similarity", type=float, default=None, help="override the join threshold")
    parser.add_argument("--show-errors", action="store_true", help="list the labelled stories that were split or merged")
    args = parser.parse_args()
    from rich.console import Console
    from rich.table import Table

    result = evaluate(require_corpus(args.corpus), load_labels(args.labels), args.window_days, args.similarity)
    table = Table(title="story clustering vs bench/stories_labels.toml")
    for column in ("files", "articles", "B³ precision", "B³ recall", "B³ F1", "grouping s", "articles/s",
                   "marked copies"):
        table.add_column(column, justify="right")
    seconds = float(result["seconds"])  # type: ignore[arg-type]
    articles = int(result["articles"])  # type: ignore[call-overload]
    table.add_row(str(result["files"]), str(articles), f"{result['precision']:.3f}", f"{result['recall']:.3f}",
                  f"{result['f1']:.3f}", f"{seconds:.2f}", f"{articles / seconds:.0f}", str(result["duplicates"]))
    console = Console()
    console.print(table)
    if args.show_errors:
        truth: dict[str, str] = result["truth"]  # type: ignore[assignment]
        predicted: dict[str, str] = result["predicted"]  # type: ignore[assignment]
        titles: dict[str, str] = result["titles"]  # type: ignore[assignment]
        by_predicted: dict[str, set[str]] = defaultdict(set)
        by_truth: dict[str, set[str]] = defaultdict(set)
        for article_id in truth:
            by_predicted[predicted[article_id]].add(article_id)
            by_truth[truth[article_id]].add(article_id)
        for label, members in sorted(by_truth.items()):
            clusters = {predicted[m] for m in members}
            if len(clusters) > 1:
                console.print(f"[red]split[/] {label}:")
                for cluster in clusters:
                    console.print("   " + " | ".join(titles[m] for m in members if predicted[m] == cluster))
        for members in by_predicted.values():
            labels_in = {truth[m] for m in members}
            if len(labels_in) > 1:
                console.print(f"[yellow]merged[/] {', '.join(sorted(labels_in))}:")
                for m in sorted(members, key=lambda m: truth[m]):
                    console.print(f"   {truth[m]} <- {titles[m]}")


if __name__ == "__main__":
    main()
