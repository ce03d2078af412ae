"""Publication dates only: newsmirror vs trafilatura (htmldate) and GNE on the tune-only date data.

Sets (``--set``, repeatable; both by default):

* ``dates-extra``: ``bench/zhgold/dates-extra.json``, 42 pages of 42 sites of
  ``../shared/extraction/trafilatura-eval`` labelled by hand for their publication date only
  (two Chinese outlets, the rest mostly German-language; see bench/zhgold/README.md). Tuned on.
* ``zh-tune``: the dates of the zh gold's tune split. Tuned on.

The zh gold's test split is not a set here: its dates are scored once, by ``bench.extract_eval``.

"day" = the calendar day in the gold's own offset; "day+zone" = the instant with its offset
(within a minute; a day-only gold: the same day, from an aware value). ``--pages`` prints every
page's gold and predictions, for tuning.

    python -m bench.date_eval [--set dates-extra] [--pages]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.extract_eval import (
    TRAFILATURA_EVAL,
    _decode_like_trafilatura,
    run_gne,
    run_newsmirror,
    run_trafilatura,
)
from bench.goldset import REPO_ROOT
from bench.metrics import date_day_correct, date_instant_correct, parse_predicted_date

DATES_EXTRA = Path(__file__).resolve().parent / "zhgold" / "dates-extra.json"
SETS = ("dates-extra", "zh-tune")
EXTRACTORS = {"newsmirror": run_newsmirror, "trafilatura": run_trafilatura, "gne": run_gne}


@dataclass(frozen=True, slots=True)
class DateCase:
    name: str
    html: str
    url: str
    published: datetime


def load_dates_extra(path: Path = DATES_EXTRA, folder: Path = TRAFILATURA_EVAL) -> list[DateCase]:
    records = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    url_of = {record["file"]: url for url, record in records.items()}
    cases = []
    for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
        with gzip.open(folder / "pages" / f"{item['file']}.gz", "rb") as handle:
            html = _decode_like_trafilatura(handle.read())
        cases.append(DateCase(item["file"], html, url_of[item["file"]], datetime.fromisoformat(item["published"])))
    return cases


def load_zh_tune() -> list[DateCase]:
    from bench.zh_gold import ZH_PAGES, decode_page, load_zh_gold

    return [DateCase(str(page.path.relative_to(ZH_PAGES)), decode_page(page.path.read_bytes()), "",
                     datetime.fromisoformat(page.published))
            for page in load_zh_gold("tune") if page.published]


def _predict(name: str, case: DateCase) -> object:
    try:
        return EXTRACTORS[name](case.html, case.url).published
    except Exception as error:  # one bad page must not stop the benchmark
        return f"error: {error!r}"


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO_ROOT / "src"))  # this checkout's code, not the installed one
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", choices=SETS, dest="sets", help="run only these sets")
    parser.add_argument("--only", nargs="*", choices=list(EXTRACTORS), help="run only these extractors")
    parser.add_argument("--pages", action="store_true", help="print each page's gold and predictions")
    args = parser.parse_args(argv)
    names = args.only or list(EXTRACTORS)
    console = Console(width=max(Console().width, 120))
    table = Table(title="Publication date accuracy, tune-only data")
    for column in ("set", "pages", "extractor", "day", "day+zone"):
        table.add_column(column, justify="left" if column in ("set", "extractor") else "right")
    for set_name in args.sets or list(SETS):
        cases = load_dates_extra() if set_name == "dates-extra" else load_zh_tune()
        predictions = {name: [_predict(name, case) for case in cases] for name in names}
        for position, name in enumerate(names):
            days = [date_day_correct(p, c.published) for c, p in zip(cases, predictions[name], strict=True)]
            instants = [date_instant_correct(p, c.published) for c, p in zip(cases, predictions[name], strict=True)]
            label = [f"{set_name} (tuned on)", str(len(cases))] if position == 0 else ["", ""]
            table.add_row(*label, name, f"{sum(days) / len(cases):.3f}", f"{sum(instants) / len(cases):.3f}",
                          end_section=position == len(names) - 1)
        if args.pages:
            for index, case in enumerate(cases):
                cells = []
                for name in names:
                    value = predictions[name][index]
                    mark = "ok" if date_instant_correct(value, case.published) else \
                        "day" if date_day_correct(value, case.published) else "WRONG"
                    shown = parse_predicted_date(value) if not str(value).startswith("error") else value
                    cells.append(f"{name}={shown} [{mark}]")
                print(f"{case.name}\tgold={case.published.isoformat()}\t" + "\t".join(cells))
    console.print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
