"""Extraction benchmark: newsmirror vs trafilatura, readability-lxml and GNE, one run, several sets.

Sets (``--set``, repeatable; all by default):

* ``zh-tune`` / ``zh-test``: the hand-made Chinese gold (``bench/zh_gold.py``, saved pages of
  ``../shared/extraction/zh-pages``). Extraction is tuned on ``zh-tune`` only; ``zh-test`` is never
  looked at page by page (``--pages`` refuses it). Body scored as a bag of tokens (each Han
  character a token, Latin words whole), P/R/F averaged over pages; title, date (calendar day, and
  the instant with its zone) and author accuracy.
* ``body-s26-tune`` / ``body-s26-held``: a second, independent hand-made Chinese body gold (``bench/body_s26.py``,
  saved pages of a public web archive exported to the folder given by ``--s26``), scored like the zh gold.
  ``held`` is never tuned on and never looked at page by page (``--pages`` refuses it); only its totals are read.
* ``body-s28-tune`` / ``body-s28-held``: a third such gold (``bench/body_s28.py``, pages exported to the folder given by
  ``--s28``), scored and guarded the same way.
* ``trafilatura-eval``: the 990 pages of ``../shared/extraction/trafilatura-eval`` with trafilatura's
  own metric (``with``/``without`` snippets found in the output, counts summed over pages; see its
  README). Tuned on (it is the general-web check, not an untouched set).
* ``corpus``: the 160-page gold of ``bench/gold`` over ``../shared/corpus``. NOT independent: the
  archive region finders and site profiles were written from the same archives, so its score says
  the archive importer works, not that extraction generalizes.

Every extractor gets the same decoded HTML string (and the URL where its API takes one), default
settings, body plus its own metadata. Each page is given to all extractors in turn (rotating the
order) and each call is timed alone, so pages/s of one run compare fairly on a shared machine.
"empty" counts pages with no body text; "lost" counts pages where the extractor returned nothing
while another extractor found the article.

No extraction rule is written from the text of a page that is also gold (any set above).

    python -m bench.extract_eval [--set zh-test --set trafilatura-eval] [--limit N] [--only newsmirror gne]
    python -m bench.extract_eval --set body-s26-tune --s26 <folder of the exported pages> [--pages]
    python -m bench.extract_eval --set body-s28-tune --s28 <folder of the exported pages> [--pages]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from statistics import mean
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.goldset import REPO_ROOT, GoldSetError, html_to_text, load_gold_set
from bench.metrics import (
    PRF,
    SnippetCounts,
    author_correct,
    body_prf,
    date_correct,
    date_day_correct,
    date_instant_correct,
    title_correct,
)
from bench.zh_gold import ZhGoldError

TRAFILATURA_EVAL = REPO_ROOT.parent / "shared" / "extraction" / "trafilatura-eval"
SETS = ("zh-tune", "zh-test", "body-s26-tune", "body-s26-held", "body-s28-tune", "body-s28-held", "trafilatura-eval",
        "corpus")
# Sets never inspected page by page: only their totals are printed.
UNTOUCHED_SETS = ("zh-test", "body-s26-held", "body-s28-held")
# Drawn body golds of the web archive (sets <gold>-tune / <gold>-held); bench.<gold as module> loads each.
DRAWN_BODY_GOLDS = ("body-s26", "body-s28")
SET_LABELS = {
    "zh-tune": "zh gold, tune split (tuned on)",
    "zh-test": "zh gold, test split (never tuned on)",
    "body-s26-tune": "body-s26 gold, tune part (tuned on)",
    "body-s26-held": "body-s26 gold, held part (pages never tuned on; outlets tuned on in body-s28 tune from session 28)",
    "body-s28-tune": "body-s28 gold, tune part (may be tuned on)",
    "body-s28-held": "body-s28 gold, held part (pages never tuned on; half its outlets on earlier tune parts)",
    "trafilatura-eval": "trafilatura-eval, 990 pages (tuned on)",
    "corpus": "corpus gold (NOT independent: rules share origin)",
}


@dataclass(slots=True)
class Prediction:
    body_text: str = ""
    title: str | None = None
    published: object = None  # datetime, date or a string, as the extractor gives it
    authors: list[str] | None = None


@dataclass(slots=True)
class Case:
    """One page of a set: the input every extractor receives and its gold."""

    name: str
    html: str
    url: str
    gold: Any  # a bench.zh_gold.GoldPage, a bench.goldset.GoldPage or trafilatura's snippet record


# --- extractors ------------------------------------------------------------------------------


def _split_names(value: str | None) -> list[str]:
    if not value:
        return []
    return [n.strip() for n in re.split(r"[;,，、/；|]|\band\b", value) if n.strip()]


def run_newsmirror(html: str, url: str) -> Prediction:
    from newsmirror.errors import ExtractionError
    from newsmirror.extract import extract_article
    from newsmirror.model import DocumentKind, RawDocument

    try:
        article = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=url))
    except ExtractionError:
        return Prediction()
    return Prediction(article.body_text, article.title, article.published_at, article.authors)


def run_trafilatura(html: str, url: str) -> Prediction:
    import trafilatura

    result: Any = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    if result is None:
        return Prediction()
    return Prediction(result.text or "", result.title, result.date, _split_names(result.author))


def run_readability(html: str, url: str) -> Prediction:
    from readability import Document

    document = Document(html, url=url or None)
    return Prediction(html_to_text(document.summary()), document.short_title())


def run_gne(html: str, url: str) -> Prediction:
    from gne import GeneralNewsExtractor

    result = GeneralNewsExtractor().extract(html)
    return Prediction(result.get("content", ""), result.get("title"), result.get("publish_time"),
                      _split_names(result.get("author")))


@dataclass(frozen=True, slots=True)
class Extractor:
    name: str
    run: Callable[[str, str], Prediction]
    has_date: bool = True
    has_authors: bool = True


EXTRACTORS = [
    Extractor("newsmirror", run_newsmirror),
    Extractor("trafilatura", run_trafilatura),
    Extractor("readability", run_readability, has_date=False, has_authors=False),
    Extractor("gne", run_gne),
]


# --- sets ------------------------------------------------------------------------------------


def _decode_like_trafilatura(data: bytes) -> str:
    from trafilatura.utils import decode_file

    return str(decode_file(data))


def load_zh(split: str) -> list[Case]:
    from bench.zh_gold import ZH_PAGES, decode_page, load_zh_gold

    return [Case(str(page.path.relative_to(ZH_PAGES)), decode_page(page.path.read_bytes()), "", page)
            for page in load_zh_gold(split)]


def load_drawn_body_set(gold: str, folder: Path, part: str) -> list[Case]:
    """One part of a drawn body gold (``body-s26``, ``body-s28``), loaded by its module's ``load_<gold>``."""
    from importlib import import_module

    from bench.zh_gold import decode_page

    module = gold.replace("-", "_")
    load = getattr(import_module(f"bench.{module}"), f"load_{module}")
    return [Case(page.path.relative_to(folder).as_posix(), decode_page(page.path.read_bytes()), "", page)
            for page in load(folder, part)]


def _is_body_gold(set_name: str) -> bool:
    """Sets whose gold is a bench.zh_gold.GoldPage (a body cut by a recipe)."""
    return set_name.startswith(("zh-", *(f"{gold}-" for gold in DRAWN_BODY_GOLDS)))


def load_trafilatura_eval(folder: Path = TRAFILATURA_EVAL) -> list[Case]:
    records = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    cases = []
    for url, record in records.items():
        with gzip.open(folder / "pages" / f"{record['file']}.gz", "rb") as handle:
            cases.append(Case(record["file"], _decode_like_trafilatura(handle.read()), url, record))
    return cases


def load_corpus(corpus: Path | None) -> list[Case]:
    return [Case(page.path, page.document.html, page.document.url, page) for page in load_gold_set(corpus)]


def _spread(cases: list[Case], limit: int | None) -> list[Case]:
    """At most ``limit`` cases, evenly spread over the set (sites stay mixed)."""
    if not limit or limit >= len(cases):
        return cases
    step = len(cases) / limit
    return [cases[int(i * step)] for i in range(limit)]


# --- scoring ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Result:
    """One extractor on one set."""

    predictions: list[Prediction] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0


def _found(set_name: str, case: Case, prediction: Prediction) -> bool:
    """Did this prediction find the article (most of the gold text / a wanted snippet)?"""
    if not prediction.body_text.strip():
        return False
    if set_name == "trafilatura-eval":
        counts = SnippetCounts()
        counts.add(prediction.body_text, case.gold["with"], [])
        return counts.tp > 0
    return _body_score(set_name, case, prediction).recall >= 0.5


def _body_score(set_name: str, case: Case, prediction: Prediction) -> PRF:
    gold_text = case.gold.body if _is_body_gold(set_name) else case.gold.body_text
    return body_prf(prediction.body_text, gold_text)


def _ratio(values: list[bool]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "n/a"


def score_row(set_name: str, cases: list[Case], extractor: Extractor, results: dict[str, Result]) -> list[str]:
    result = results[extractor.name]
    predictions = result.predictions
    empty = sum(not p.body_text.strip() for p in predictions)
    lost = sum(
        1 for index, (case, prediction) in enumerate(zip(cases, predictions, strict=True))
        if not prediction.body_text.strip()
        and any(_found(set_name, case, other.predictions[index]) for name, other in results.items()
                if name != extractor.name)
    )
    speed = f"{len(cases) / result.seconds:.1f}" if result.seconds else "-"
    titles = dates = zoned = authors = "-"
    if set_name == "trafilatura-eval":
        counts = SnippetCounts()
        for case, prediction in zip(cases, predictions, strict=True):
            counts.add(prediction.body_text, case.gold["with"], case.gold["without"])
        body = counts.prf()
    else:
        scores = [_body_score(set_name, case, p) for case, p in zip(cases, predictions, strict=True)]
        body = PRF(mean(s.precision for s in scores), mean(s.recall for s in scores), mean(s.f1 for s in scores))
        titles = _ratio([title_correct(p.title, c.gold.title) for c, p in zip(cases, predictions, strict=True)])
        if set_name.startswith("zh"):
            dated = [(c, p) for c, p in zip(cases, predictions, strict=True) if c.gold.published]
            if extractor.has_date:
                dates = _ratio([date_day_correct(p.published, datetime.fromisoformat(c.gold.published))
                                for c, p in dated])
                zoned = _ratio([date_instant_correct(p.published, datetime.fromisoformat(c.gold.published))
                                for c, p in dated])
            if extractor.has_authors:
                authors = _ratio([author_correct(p.authors, c.gold.author)
                                  for c, p in zip(cases, predictions, strict=True)])
        elif set_name == "corpus" and extractor.has_date:
            dated = [(c, p) for c, p in zip(cases, predictions, strict=True) if c.gold.published_date]
            dates = _ratio([date_correct(p.published, c.gold.published_date, c.gold.timezone) for c, p in dated])
    return [extractor.name, f"{body.precision:.3f}", f"{body.recall:.3f}", f"{body.f1:.3f}", titles, dates,
            zoned, authors, speed, str(empty), str(lost), str(result.errors)]


def paired_interval(differences: list[float], resamples: int = 1000, seed: int = 0,
                    level: float = 0.90) -> tuple[float, float]:
    """A percentile bootstrap interval of the mean of paired per-page differences (pages resampled together)."""
    import random

    draw = random.Random(seed)
    means = sorted(mean(draw.choices(differences, k=len(differences))) for _ in range(resamples))
    tail = (1 - level) / 2
    return means[int(tail * resamples)], means[min(resamples - 1, int((1 - tail) * resamples))]


def versus_lines(set_name: str, cases: list[Case], results: dict[str, Result], name: str) -> Iterator[str]:
    """Mean body-F difference of ``name`` against each other extractor with its 90% paired bootstrap interval
    (totals only: no page is named)."""
    mine = [_body_score(set_name, case, p).f1 for case, p in zip(cases, results[name].predictions, strict=True)]
    for other, result in results.items():
        if other == name:
            continue
        theirs = [_body_score(set_name, case, p).f1 for case, p in zip(cases, result.predictions, strict=True)]
        differences = [a - b for a, b in zip(mine, theirs, strict=True)]
        low, high = paired_interval(differences)
        yield (f"{set_name}: body F {name} - {other} = {mean(differences):+.3f} "
               f"(90% paired bootstrap {low:+.3f} .. {high:+.3f}, {len(cases)} pages)")


def fresh_site_line(set_name: str, cases: list[Case], results: dict[str, Result], earlier: frozenset[str]) -> str:
    """Mean body F of each extractor on the pages whose site is on no earlier tune part (totals only: no page or
    site is named), so an untouched part's figure can be read without outlets extraction was already fitted to."""
    kept = [index for index, case in enumerate(cases) if case.gold.site not in earlier]
    if not kept:
        return f"{set_name}: no page of a site on no earlier tune part"
    scores = ", ".join(
        f"{name} {mean(_body_score(set_name, cases[i], result.predictions[i]).f1 for i in kept):.3f}"
        for name, result in results.items())
    sites = len({cases[i].gold.site for i in kept})
    return f"{set_name}, {len(kept)} pages of {sites} sites on no earlier tune part: body F {scores}"


# --- running ---------------------------------------------------------------------------------


def run_set(cases: list[Case], extractors: list[Extractor], *, quiet: bool = False) -> dict[str, Result]:
    results = {extractor.name: Result() for extractor in extractors}
    for index, case in enumerate(cases):
        order = extractors[index % len(extractors):] + extractors[: index % len(extractors)]
        for extractor in order:
            result = results[extractor.name]
            started = time.perf_counter()
            try:
                prediction = extractor.run(case.html, case.url)
            except Exception as error:  # one bad page must not stop the benchmark
                if not quiet:
                    print(f"{extractor.name} failed on {case.name}: {error!r}", file=sys.stderr)
                result.errors += 1
                prediction = Prediction()
            result.seconds += time.perf_counter() - started
            result.predictions.append(prediction)
    return results


def _load(set_name: str, corpus: Path | None, folders: dict[str, Path | None] | None = None) -> list[Case]:
    gold, _, part = set_name.rpartition("-")
    if gold in DRAWN_BODY_GOLDS:
        folder = (folders or {}).get(gold)
        if folder is None:
            option = gold.removeprefix("body-")
            raise OSError(f"pass --{option} <folder> (the pages python -m bench.{gold.replace('-', '_')} exported)")
        return load_drawn_body_set(gold, folder, part)
    if set_name == "zh-tune":
        return load_zh("tune")
    if set_name == "zh-test":
        return load_zh("test")
    if set_name == "trafilatura-eval":
        return load_trafilatura_eval()
    return load_corpus(corpus)


def _page_lines(set_name: str, cases: list[Case], results: dict[str, Result]) -> Iterator[str]:
    """Per-page scores, for tuning (never for the test split)."""
    for index, case in enumerate(cases):
        cells = []
        for name, result in results.items():
            prediction = result.predictions[index]
            if set_name == "trafilatura-eval":
                counts = SnippetCounts()
                counts.add(prediction.body_text, case.gold["with"], case.gold["without"])
                cells.append(f"{name}={counts.tp}/{counts.tp + counts.fn}+{counts.fp}fp")
            else:
                cells.append(f"{name}={_body_score(set_name, case, prediction).f1:.2f}")
        yield f"{case.name}\t" + "\t".join(cells)


def main(argv: list[str] | None = None) -> int:
    # Evaluate this checkout's code, not whichever newsmirror happens to be installed.
    sys.path.insert(0, str(REPO_ROOT / "src"))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", choices=SETS, dest="sets", help="run only these sets")
    parser.add_argument("--limit", type=int, help="at most N pages per set, evenly spread")
    parser.add_argument("--only", nargs="*", help="run only these extractors")
    parser.add_argument("--corpus", type=Path, help="the shared corpus folder (default: where the package finds "
                        "it, $NEWSMIRROR_CORPUS or ../shared/corpus)")
    parser.add_argument("--versus", help="print this extractor's body-F difference to each other one, with a "
                        "90%% paired bootstrap interval (zh and drawn body sets)")
    parser.add_argument("--s26", type=Path, help="folder of the exported body-s26 pages (bench.body_s26)")
    parser.add_argument("--s28", type=Path, help="folder of the exported body-s28 pages (bench.body_s28)")
    parser.add_argument("--pages", action="store_true",
                        help=f"also print per-page scores (not for {', '.join(UNTOUCHED_SETS)})")
    args = parser.parse_args(argv)
    console = Console(width=max(Console().width, 160))
    sets = args.sets or list(SETS)
    if args.pages and set(UNTOUCHED_SETS) & set(sets):
        parser.error(f"--pages is for tuning; {', '.join(UNTOUCHED_SETS)} are never inspected page by page")
    extractors = [e for e in EXTRACTORS if e.name in args.only] if args.only else EXTRACTORS
    table = Table(title="Body extraction (P/R/F) and metadata accuracy, one run")
    for column in ("set", "pages", "extractor", "P", "R", "F", "title", "date (day)", "date+zone", "author",
                   "pages/s", "empty", "lost", "errors"):
        table.add_column(column, justify="left" if column in ("set", "extractor") else "right")
    intervals: list[str] = []
    for set_name in sets:
        try:
            cases = _spread(_load(set_name, args.corpus, {"body-s26": args.s26, "body-s28": args.s28}), args.limit)
        except (ImportError, GoldSetError, ZhGoldError, OSError) as error:
            console.print(f"[yellow]{set_name}: not available ({error})[/yellow]")
            continue
        if not cases:
            console.print(f"[yellow]{set_name}: no pages yet[/yellow]")
            continue
        with console.status(f"{set_name}: {len(cases)} pages x {len(extractors)} extractors"):
            # an untouched set's failures are counted, not listed (a listing would name its pages)
            results = run_set(cases, extractors, quiet=set_name in UNTOUCHED_SETS)
        if args.pages:
            for line in _page_lines(set_name, cases, results):
                print(line)
        if args.versus in results and _is_body_gold(set_name):
            intervals.extend(versus_lines(set_name, cases, results, args.versus))
        if set_name == "body-s28-held":
            from bench.body_s28 import earlier_tune_sites

            intervals.append(fresh_site_line(set_name, cases, results, earlier_tune_sites()))
        for position, extractor in enumerate(extractors):
            label = [SET_LABELS[set_name], str(len(cases))] if position == 0 else ["", ""]
            table.add_row(*label, *score_row(set_name, cases, extractor, results),
                          end_section=position == len(extractors) - 1)
    console.print(table)
    for line in intervals:
        console.print(line)
    console.print(
        "P/R/F: zh and corpus sets = bag of tokens (Han characters, Latin words), mean over pages; "
        "trafilatura-eval = its snippet metric, counts summed over pages. date (day) = calendar day in "
        "the page's zone; date+zone = the instant with its offset. empty = no body text; lost = empty "
        "while another extractor found the article. No extraction rule was written from gold page text."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
