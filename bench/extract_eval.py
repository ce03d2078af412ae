"""Extraction benchmark: newsmirror vs trafilatura, readability-lxml and GNE on the gold set.

Every extractor gets the same input for each gold page: the article HTML as a reader's
browser or feed reader has it (the rendered mirror page or feed item, junk included),
wrapped into a minimal HTML document with a <title>, the original URL as og:url and, for
feed items, the feed's date as article:published_time (see bench/goldset.py). Extractors
that accept a URL get it. Nothing else is passed; all run with their default settings.

Scores (see bench/metrics.py): body token precision/recall/F1 (CJK characters and Latin
words, bag overlap), averaged over pages; title, date and author/editor accuracy (exact
match; "-" where an extractor has no such output); pages per second (extraction only, each
extractor timed over the whole set in turn).

    python -m bench.extract_eval [--corpus DIR] [--repeat N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.goldset import DEFAULT_CORPUS, REPO_ROOT, GoldPage, GoldSetError, html_to_text, load_gold_set
from bench.metrics import PRF, body_prf, date_correct, names_correct, title_correct


@dataclass(slots=True)
class Prediction:
    body_text: str = ""
    title: str | None = None
    published: object = None  # datetime, date or a string, as the extractor gives it
    authors: list[str] | None = None
    editors: list[str] | None = None


@dataclass(slots=True)
class Extractor:
    name: str
    run: Callable[[GoldPage], Prediction]
    has_title: bool = True
    has_date: bool = True
    has_authors: bool = True
    has_editors: bool = False
    include_by_default: bool = True  # variants kept for comparison run only with --only


def _split_names(value: str | None) -> list[str]:
    if not value:
        return []
    return [n.strip() for n in re.split(r"[;,，、/；|]|\band\b", value) if n.strip()]


def run_newsmirror(page: GoldPage) -> Prediction:
    from newsmirror.extract import extract_article
    from newsmirror.model import DocumentKind, RawDocument

    raw = RawDocument(kind=DocumentKind.WEB_PAGE, content=page.document.html, url=page.document.url)
    article = extract_article(raw)
    return Prediction(article.body_text, article.title, article.published_at, article.authors, article.editors)


_corpus_root: list[Path] = [DEFAULT_CORPUS]


def run_newsmirror_import(page: GoldPage) -> Prediction:
    """The production path: the archive importer's RawDocument (Markdown file + container hints)."""
    from newsmirror.extract import extract_article
    from newsmirror.ingest.archives import read_archive_file

    raw = read_archive_file(_corpus_root[0] / page.path).raw
    if raw is None:
        return Prediction()
    article = extract_article(raw)
    return Prediction(article.body_text, article.title, article.published_at, article.authors, article.editors)


def run_trafilatura(page: GoldPage) -> Prediction:
    import trafilatura

    result: Any = trafilatura.bare_extraction(page.document.html, url=page.document.url or None, with_metadata=True)
    if result is None:
        return Prediction()
    return Prediction(result.text or "", result.title, result.date, _split_names(result.author))


def run_readability(page: GoldPage) -> Prediction:
    from readability import Document

    document = Document(page.document.html)
    return Prediction(html_to_text(document.summary()), document.short_title())


def run_gne(page: GoldPage) -> Prediction:
    from gne import GeneralNewsExtractor

    result = GeneralNewsExtractor().extract(page.document.html)
    return Prediction(result.get("content", ""), result.get("title"), result.get("publish_time"), _split_names(result.get("author")))


EXTRACTORS = [
    Extractor("newsmirror", run_newsmirror, has_editors=True),
    Extractor("newsmirror·import", run_newsmirror_import, has_editors=True),
    Extractor("trafilatura", run_trafilatura),
    Extractor("readability", run_readability, has_date=False, has_authors=False),
    Extractor("gne", run_gne),
]


@dataclass(slots=True)
class Scores:
    bodies: list[PRF] = field(default_factory=list)
    titles: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    authors: list[bool] = field(default_factory=list)
    editors: list[bool] = field(default_factory=list)
    failures: int = 0

    def add(self, page: GoldPage, prediction: Prediction) -> None:
        self.bodies.append(body_prf(prediction.body_text, page.body_text))
        self.titles.append(title_correct(prediction.title, page.title))
        if page.published_date is not None:
            self.dates.append(date_correct(prediction.published, page.published_date, page.timezone))
        if page.authors is not None:
            self.authors.append(names_correct(prediction.authors, page.authors))
        if page.editors is not None:
            self.editors.append(names_correct(prediction.editors, page.editors))


def evaluate(extractor: Extractor, pages: list[GoldPage], repeat: int) -> tuple[dict[str, Scores], float]:
    """Per-outlet scores (plus "overall") and pages/s."""
    predictions: list[Prediction] = []
    failures = 0
    started = time.perf_counter()
    for round_number in range(repeat):
        for page in pages:
            try:
                prediction = extractor.run(page)
            except Exception as error:  # one bad page must not stop the benchmark
                if round_number == 0:
                    print(f"{extractor.name} failed on {page.path}: {error!r}", file=sys.stderr)
                    failures += 1
                prediction = Prediction()
            if round_number == 0:
                predictions.append(prediction)
    elapsed = time.perf_counter() - started
    by_outlet: dict[str, Scores] = defaultdict(Scores)
    for page, prediction in zip(pages, predictions, strict=True):
        by_outlet[page.outlet].add(page, prediction)
        by_outlet[f"all {page.document.container.replace('_', ' ')}s"].add(page, prediction)
        by_outlet["overall"].add(page, prediction)
    by_outlet["overall"].failures = failures
    return by_outlet, len(pages) * repeat / elapsed if elapsed else float("inf")


def _ratio(values: list[bool], available: bool) -> str:
    if not available:
        return "-"
    return f"{sum(values) / len(values):.3f}" if values else "n/a"


def main(argv: list[str] | None = None) -> int:
    # Evaluate this checkout's code, not whichever newsmirror happens to be installed.
    sys.path.insert(0, str(REPO_ROOT / "src"))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus folder")
    parser.add_argument("--repeat", type=int, default=1, help="extract every page N times for steadier pages/s")
    parser.add_argument("--only", nargs="*", help="run only these extractors")
    parser.add_argument(
        "--lead-captions", action="store_true",
        help="sensitivity run: count the lead image's caption as article text (the gold leaves it out)",
    )
    args = parser.parse_args(argv)
    console = Console(width=max(Console().width, 150))
    _corpus_root[0] = args.corpus
    try:
        pages = load_gold_set(args.corpus, lead_captions=args.lead_captions)
    except GoldSetError as error:
        console.print(f"[red]error:[/red] {error}")
        return 2
    extractors = [e for e in EXTRACTORS if e.name in args.only] if args.only else [e for e in EXTRACTORS if e.include_by_default]
    results: dict[str, tuple[dict[str, Scores], float]] = {}
    for extractor in extractors:
        with console.status(f"running {extractor.name} on {len(pages)} pages"):
            results[extractor.name] = evaluate(extractor, pages, args.repeat)

    overall = Table(title=f"Extraction on {len(pages)} gold pages (body P/R/F1 = mean over pages)")
    for column in ("extractor", "body P", "body R", "body F1", "title", "date", "authors", "editors", "pages/s", "errors"):
        overall.add_column(column, justify="left" if column == "extractor" else "right")
    for extractor in extractors:
        by_outlet, speed = results[extractor.name]
        s = by_outlet["overall"]
        overall.add_row(
            extractor.name,
            f"{mean(b.precision for b in s.bodies):.3f}",
            f"{mean(b.recall for b in s.bodies):.3f}",
            f"{mean(b.f1 for b in s.bodies):.3f}",
            _ratio(s.titles, extractor.has_title),
            _ratio(s.dates, extractor.has_date),
            _ratio(s.authors, extractor.has_authors),
            _ratio(s.editors, extractor.has_editors),
            f"{speed:.1f}",
            str(s.failures),
        )
    console.print(overall)
    if any(e.name == "newsmirror·import" for e in extractors):
        console.print(
            "newsmirror·import reads the corpus file through the archive importer (Markdown + container hints),"
            " as `newsmirror import` does; every other row gets the same wrapped HTML."
        )

    outlets = sorted({p.outlet for p in pages}, key=lambda o: (-sum(p.outlet == o for p in pages), o))
    per_outlet = Table(title="Body F1 (and date accuracy) per outlet and per container")
    per_outlet.add_column("outlet")
    per_outlet.add_column("pages", justify="right")
    for extractor in extractors:
        per_outlet.add_column(f"{extractor.name} F1", justify="right")
        per_outlet.add_column("date", justify="right")
    containers = sorted({f"all {p.document.container.replace('_', ' ')}s" for p in pages})
    for outlet in [*outlets, *containers]:
        count = sum(p.outlet == outlet or f"all {p.document.container.replace('_', ' ')}s" == outlet for p in pages)
        row = [outlet, str(count)]
        for extractor in extractors:
            s = results[extractor.name][0][outlet]
            row.append(f"{mean(b.f1 for b in s.bodies):.3f}")
            row.append(_ratio(s.dates, extractor.has_date))
        per_outlet.add_row(*row)
    console.print(per_outlet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
