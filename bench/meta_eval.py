"""Publication instant and authors: newsmirror vs trafilatura and GNE on the tune-only
``bench/zhgold/meta-extra.json``, ``meta-s17.json``, ``meta-s18.json`` and ``meta-s19.json``
(see bench/zhgold/README.md, "Instant and author gold", "Session 17 …", "Session 18 …", "Session 19 …").

"day" = the calendar day in the gold's offset; "instant" = within a minute, zone included (a
day-only gold: the same day from an aware value); "author" = exactly the gold's people (nobody
named = no author predicted). Tuned on. The magic-html items need ``--magic-html <folder>``: the
``benchmark/data/article`` folder of a checkout of github opendatalab/magic-html.

The meta-s17 items need the folders of their repositories' checkouts: ``--nsa`` (the
``internal/server/parser/example`` folder of ChiaYuChang/NewsSentimentAnalyzer), ``--gerapy`` (the
``samples`` folder of Gerapy/GerapyAutoExtractor), ``--htmldate`` (the ``tests`` folder of
adbar/htmldate).

The meta-s19 items (``bench/zhgold/meta-s19.json``, worldwide 2020 news pages of htmldate's set) need
``--htmldate`` too.

The meta-s18 items (``bench/zhgold/meta-s18.json``) need checkouts at the commits bench/meta_s18.py
names: ``--cwced`` (immortal-autumn/Chinese-Web-Content-Extraction-Dataset), ``--gne``
(GeneralNewsExtractor/GeneralNewsExtractor), ``--twnews`` (virus-warnning/twnews).

The meta-s25 items (``bench/zhgold/meta-s25.json``, Chinese news pages of a public web archive with a
tune part and a former held part) need ``--s25 <folder>``: the folder ``python -m bench.meta_s25``
exported into. The former held part became tuning data in session 28 (meta28): it is tuned on, printed
as its own row (so its figures stay comparable with the earlier sessions' held totals) and ``--pages``
lists its pages.

    python -m bench.meta_eval --magic-html <folder> [--nsa <folder>] [--gerapy <folder>]
                              [--htmldate <folder>] [--cwced <folder>] [--gne <folder>]
                              [--twnews <folder>] [--s25 <folder>] [--pages] [--only newsmirror]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.extract_eval import Prediction, run_gne, run_newsmirror, run_trafilatura
from bench.goldset import REPO_ROOT
from bench.meta_gold import MetaCase, load_meta_extra
from bench.meta_s17 import load_meta_s17
from bench.meta_s18 import load_meta_s18
from bench.meta_s19 import load_meta_s19
from bench.meta_s25 import load_meta_s25
from bench.metrics import author_correct, date_day_correct, date_instant_correct, parse_predicted_date

EXTRACTORS: dict[str, Callable[[str, str], Prediction]] = {
    "newsmirror": run_newsmirror, "trafilatura": run_trafilatura, "gne": run_gne}


def _predict(name: str, case: MetaCase) -> Prediction:
    try:
        return EXTRACTORS[name](case.html, case.url)
    except Exception:  # one bad page must not stop the benchmark
        return Prediction()


def _marks(case: MetaCase, prediction: Prediction) -> tuple[bool, bool, bool]:
    day = case.published is not None and date_day_correct(prediction.published, case.published)
    instant = case.published is not None and date_instant_correct(prediction.published, case.published)
    return day, instant, author_correct(prediction.authors, case.author)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO_ROOT / "src"))  # this checkout's code, not the installed one
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--magic-html", type=Path, help="benchmark/data/article of a magic-html checkout")
    parser.add_argument("--nsa", type=Path, help="internal/server/parser/example of NewsSentimentAnalyzer")
    parser.add_argument("--gerapy", type=Path, help="samples of a GerapyAutoExtractor checkout")
    parser.add_argument("--htmldate", type=Path, help="tests of an htmldate checkout")
    parser.add_argument("--cwced", type=Path, help="a Chinese-Web-Content-Extraction-Dataset checkout")
    parser.add_argument("--gne", type=Path, help="a GeneralNewsExtractor checkout")
    parser.add_argument("--twnews", type=Path, help="a twnews checkout at 9df525c")
    parser.add_argument("--s25", type=Path, help="the folder bench.meta_s25 exported its pages into")
    parser.add_argument("--only", nargs="*", choices=list(EXTRACTORS), help="run only these extractors")
    parser.add_argument("--pages", action="store_true", help="print each page's gold and predictions")
    args = parser.parse_args(argv)
    names = args.only or list(EXTRACTORS)
    cases = load_meta_extra(args.magic_html) if args.magic_html or not args.s25 else []
    folders = {name: getattr(args, name) for name in ("nsa", "gerapy", "htmldate") if getattr(args, name)}
    s17 = load_meta_s17(folders)
    s18 = load_meta_s18({name: getattr(args, name) for name in ("cwced", "gne", "twnews") if getattr(args, name)})
    groups = {
        "trafilatura-eval": [c for c in cases if c.source == "trafilatura-eval"],
        "magic-html (Chinese)": [c for c in cases if c.source == "magic-html"],
        "s17 Taiwan/overseas (nsa)": [c for c in s17 if c.source == "nsa"],
        "s17 mainland (gerapy, htmldate)": [c for c in s17 if c.source != "nsa"],
        "s18 mainland, older layouts (cwced, gne, twnews)": s18,
        "s19 worldwide news 2020 (htmldate)": load_meta_s19(args.htmldate),
        "s25 Chinese web archive, tune part": load_meta_s25(args.s25, "tune") if args.s25 else [],
        # the part drawn as held in session 25; tuning data since session 28
        "s25 Chinese web archive, former held part": load_meta_s25(args.s25, "held") if args.s25 else [],
    }
    table = Table(title="meta-extra, meta-s17, meta-s18, meta-s19, meta-s25: publication instant and author")
    for column in ("items", "pages", "extractor", "day", "instant", "author"):
        table.add_column(column, justify="left" if column in ("items", "extractor") else "right")
    for group, members in groups.items():
        if not members:
            continue
        predictions = {name: [_predict(name, case) for case in members] for name in names}
        for position, name in enumerate(names):
            marks = [_marks(c, p) for c, p in zip(members, predictions[name], strict=True)]
            label = [f"{group} (tuned on)", str(len(members))] if position == 0 else ["", ""]
            table.add_row(*label, name, *(f"{sum(m[k] for m in marks) / len(members):.3f}" for k in range(3)),
                          end_section=position == len(names) - 1)
        if args.pages:
            for index, case in enumerate(members):
                cells = []
                for name in names:
                    prediction = predictions[name][index]
                    day, instant, author = _marks(case, prediction)
                    mark = "ok" if instant else "day" if day else "WRONG"
                    cells.append(f"{name}={parse_predicted_date(prediction.published)} [{mark}] "
                                 f"{prediction.authors} [{'ok' if author else 'WRONG'}]")
                gold = case.published.isoformat() if case.published else None
                print(f"{case.name[:40]}\tgold={gold}{' (day)' if case.date_only else ''} {case.author}\t"
                      + "\t".join(cells))
    Console(width=max(Console().width, 120)).print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
