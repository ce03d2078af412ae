"""Publication dates only: newsmirror vs trafilatura (htmldate) and GNE on the date data (tune-only sets and htmldate's public sets).

Sets (``--set``, repeatable; by default all, the htmldate ones only with ``--htmldate``):

* ``dates-extra``: ``bench/zhgold/dates-extra.json``, 42 pages of 42 sites of
  ``../shared/extraction/trafilatura-eval`` labelled by hand for their publication date only
  (two Chinese outlets, the rest mostly German-language; see bench/zhgold/README.md). Tuned on.
* ``zh-tune``: the dates of the zh gold's tune split. Tuned on.
* ``dates-s22-tune`` / ``dates-s22-held``: ``bench/zhgold/dates-s22.json``, 25 saved Chinese news
  pages of 11 outlets from the test fixtures of four public repositories (``bench.dates_s22``;
  read from ``--s22 <folder>``, never copied here), split by site before reading: ``tune`` (17
  pages, 7 sites; failures read and fixed) and ``held`` (8 pages, 4 sites; scored as held three
  times in sessions 22-23, then made a tuning part from session 23 by the lead's decision: its
  failures are read like the tune part's; the set keeps its name so earlier figures stay comparable).
* ``dates-s23-tune`` / ``dates-s23-held``: ``bench/zhgold/dates-s23.json``, 20 saved Chinese news
  pages of 8 outlets (Hong Kong papers and technews.tw) from the test fixtures of four more public
  repositories (``bench.dates_s23``; read from ``--s23 <folder>``), split by site before reading:
  ``tune`` (12 pages, 5 sites) and ``held`` (8 pages, 3 sites; scored as held twice in session 23,
  then made a tuning part by the lead's decision, like dates-s22-held: its failures are read too).
* ``dates-s24-tune`` / ``dates-s24-held``: ``bench/zhgold/dates-s24.json``, 26 saved Chinese news
  pages of 15 outlets from a public web archive (``bench.dates_s24``; read from ``--s24 <folder>``),
  split by site before reading: ``tune`` (18 pages, 7 sites) and ``held`` (8 pages, 8 sites; NOT
  tuned on: only its totals are read, ``--pages`` refuses it). ``dates-s24b-tune`` / ``dates-s24b-held``:
  ``bench/zhgold/dates-s24b.json``, a second draw from the same archive (``bench.dates_s24b``, same
  ``--s24`` folder), with its own split; its held part is not tuned on either. ``dates-s24c-tune`` /
  ``dates-s24c-held``: ``bench/zhgold/dates-s24c.json``, a third draw, overseas outlets keyed by host
  (``bench.dates_s24c``; its own ``--s24`` folder), its own split; its held part is not tuned on either.
* ``htmldate-news-tune`` / ``htmldate-news-held`` / ``htmldate-bbaw``: public date benchmarks of
  the htmldate project (github adbar/htmldate, Apache-2.0, its ``tests/`` folder; read in place,
  never copied here: ``--htmldate <that folder>``). ``eval_mediacloud_2020.json`` (200 news pages
  of 2020 from 184 sites worldwide, Media Cloud / Northeastern's Data Culture Group) is split by
  site: SHA-256 of ``"htmldate:" + host`` even = ``held`` (not tuned on: only its score is
  read), odd = ``tune`` (failures read and fixed with general rules). ``eval_default.json`` (BBAW,
  800 pages, mostly German, sharing its source with trafilatura-eval) = ``bbaw``, tuned on.
  Their gold is a calendar day (YMD, no time, no zone): "day" compares it with the predicted
  instant's day in the zone the extractor gives it; "day+zone" is not scored. Pages of sites
  whose outlet is a zh test-split site (ltn, BBC, baidu) are left out.

The zh gold's test split is not a set here: its dates are scored once, by ``bench.extract_eval``.

"day" = the calendar day in the gold's own offset; "day+zone" = the instant with its offset
(within a minute; a day-only gold: the same day, from an aware value). ``--pages`` prints every
page's gold and predictions, for tuning.

    python -m bench.date_eval [--set dates-extra] [--pages] [--s22 <folder>] [--s23 <folder>] [--s24 <folder>]
                              [--htmldate <folder>] [--addresses <dates-s24 archive git dir>]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

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
HTMLDATE_SETS = ("htmldate-news-tune", "htmldate-news-held", "htmldate-bbaw")
S22_SETS = ("dates-s22-tune", "dates-s22-held")
S23_SETS = ("dates-s23-tune", "dates-s23-held")
S24_SETS = ("dates-s24-tune", "dates-s24-held", "dates-s24b-tune", "dates-s24b-held", "dates-s24c-tune",
            "dates-s24c-held")
SETS = ("dates-extra", "zh-tune", *S22_SETS, *S23_SETS, *S24_SETS, *HTMLDATE_SETS)
# dates-s22-held and dates-s23-held were held, then made tuning parts in session 23 (bench/zhgold/README.md):
# dates-s24-held, dates-s24b-held and dates-s24c-held (session 24) are never tuned on: only their totals are read.
HELD_SETS = ("htmldate-news-held", "dates-s24-held", "dates-s24b-held", "dates-s24c-held")
# Sites of the zh gold's test split (or of its outlets) are never tuned on, under any set.
_TEST_SPLIT_HOSTS = ("ltn.com.tw", "bbc.com", "bbc.co.uk", "baidu.com")
EXTRACTORS = {"newsmirror": run_newsmirror, "trafilatura": run_trafilatura, "gne": run_gne}


@dataclass(frozen=True, slots=True)
class DateCase:
    name: str
    html: str
    url: str
    published: datetime | date  # a date: the gold is a calendar day, in no stated zone


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


def load_s22(folder: Path, part: str, gold: str = "s22", urls: dict[str, str] | None = None) -> list[DateCase]:
    """The pages of one part of ``dates-s22.json`` or, with ``gold="s23"`` / ``"s24"`` / ``"s24b"`` /
    ``"s24c"``, of that gold (see bench/dates_s22.py, dates_s23.py, dates_s24.py, dates_s24b.py, dates_s24c.py)."""
    from importlib import import_module

    module = import_module(f"bench.dates_{gold}")
    return [DateCase(f"{item['set']}:{item['file']}", module.read_page(folder, str(item["set"]), str(item["file"])),
                     (urls or {}).get(str(item["file"]), ""), datetime.fromisoformat(str(item["published"])))
            for item in module.load_items() if item["part"] == part]


def htmldate_split(url: str) -> str:
    """``held`` or ``tune`` for a page of htmldate's news set, by its site (fixed before reading)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return "held" if hashlib.sha256(f"htmldate:{host}".encode()).digest()[-1] % 2 == 0 else "tune"


def load_htmldate(folder: Path, set_name: str) -> list[DateCase]:
    """Pages and gold days of htmldate's ``tests/`` folder (see the module doc)."""
    news = set_name.startswith("htmldate-news")
    records = json.loads((folder / ("eval_mediacloud_2020.json" if news else "eval_default.json")).read_text("utf-8"))
    cases = []
    for url, record in records.items():
        host = urlsplit(url).hostname or ""
        if not isinstance(record["date"], str):
            continue  # NaN: the set gives this page no date (5 news pages)
        if any(host == h or host.endswith("." + h) for h in _TEST_SPLIT_HOSTS):
            continue
        if news and htmldate_split(url) != set_name.rsplit("-", 1)[-1]:
            continue
        path = next((p for sub in ("test_set", "eval", "cache") if (p := folder / sub / record["file"]).exists()), None)
        if path is None:
            raise FileNotFoundError(f"{record['file']} not found under {folder} (test_set/, eval/, cache/)")
        cases.append(DateCase(record["file"], _decode_like_trafilatura(path.read_bytes()), url,
                              date.fromisoformat(record["date"])))
    return cases


def day_correct(predicted: object, gold: datetime | date) -> bool:
    """An aware gold: its calendar day in its offset; a gold day: the predicted day where the
    extractor dates it (its own zone, as a reader of that page sees it)."""
    if isinstance(gold, datetime):
        return date_day_correct(predicted, gold)
    value = parse_predicted_date(predicted)
    return (value.date() if isinstance(value, datetime) else value) == gold


def instant_correct(predicted: object, gold: datetime | date) -> bool | None:
    return date_instant_correct(predicted, gold) if isinstance(gold, datetime) else None


def _load(set_name: str, htmldate: Path | None, s22: Path | None = None, s23: Path | None = None,
          s24: Path | None = None, urls: dict[str, str] | None = None) -> list[DateCase]:
    if set_name == "dates-extra":
        return load_dates_extra()
    if set_name == "zh-tune":
        return load_zh_tune()
    if set_name in S22_SETS:
        if s22 is None:
            raise ValueError(f"{set_name} needs --s22 <folder of the exported pages>")
        return load_s22(s22, set_name.rsplit("-", 1)[-1])
    if set_name in S23_SETS:
        if s23 is None:
            raise ValueError(f"{set_name} needs --s23 <folder of the exported pages>")
        return load_s22(s23, set_name.rsplit("-", 1)[-1], gold="s23")
    if set_name in S24_SETS:
        if s24 is None:
            raise ValueError(f"{set_name} needs --s24 <folder of the exported pages>")
        return load_s22(s24, set_name.rsplit("-", 1)[-1], gold=set_name.split("-")[1], urls=urls)
    if htmldate is None:
        raise ValueError(f"{set_name} needs --htmldate <htmldate's tests folder>")
    return load_htmldate(htmldate, set_name)


def _label(set_name: str) -> str:
    return f"{set_name} (NOT tuned on)" if set_name in HELD_SETS else f"{set_name} (tuned on)"


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
    parser.add_argument("--pages", action="store_true", help="print each page's gold and predictions (not for held)")
    parser.add_argument("--htmldate", type=Path, help="the tests/ folder of a checkout of github adbar/htmldate")
    parser.add_argument("--s22", type=Path, help="the folder of the exported dates-s22 pages (<set>/<file>)")
    parser.add_argument("--s23", type=Path, help="the folder of the exported dates-s23 pages (<set>/<file>)")
    parser.add_argument("--s24", type=Path, help="the folder of the exported dates-s24 pages (<set>/<file>)")
    parser.add_argument("--addresses", type=Path,
                        help="the dates-s24 archive's git dir: pass each s24 page's page.yml address to the "
                             "extractors (a second figure, another condition than the gold's)")
    args = parser.parse_args(argv)
    names = args.only or list(EXTRACTORS)
    urls = None
    if args.addresses:
        from bench.dates_s24 import addresses

        urls = addresses(args.addresses)
    sets = args.sets or [name for name in SETS if (args.htmldate or name not in HTMLDATE_SETS)
                         and (args.s22 or name not in S22_SETS) and (args.s23 or name not in S23_SETS)
                         and (args.s24 or name not in S24_SETS)]
    if args.pages and set(HELD_SETS) & set(sets):
        parser.error("--pages is for tuning; the held-out sets are scored, not read")
    console = Console(width=max(Console().width, 120))
    table = Table(title="Publication date accuracy")
    for column in ("set", "pages", "extractor", "day", "day+zone"):
        table.add_column(column, justify="left" if column in ("set", "extractor") else "right")
    for set_name in sets:
        try:
            cases = _load(set_name, args.htmldate, args.s22, args.s23, args.s24, urls)
        except (ValueError, OSError) as error:
            parser.error(str(error))
        predictions = {name: [_predict(name, case) for case in cases] for name in names}
        for position, name in enumerate(names):
            days = [day_correct(p, c.published) for c, p in zip(cases, predictions[name], strict=True)]
            instants = [instant_correct(p, c.published) for c, p in zip(cases, predictions[name], strict=True)]
            zoned = "-" if None in instants else f"{sum(map(bool, instants)) / len(cases):.3f}"
            label = [_label(set_name), str(len(cases))] if position == 0 else ["", ""]
            table.add_row(*label, name, f"{sum(days) / len(cases):.3f}", zoned,
                          end_section=position == len(names) - 1)
        if args.pages:
            for index, case in enumerate(cases):
                cells = []
                for name in names:
                    value = predictions[name][index]
                    mark = "ok" if instant_correct(value, case.published) else \
                        "day" if day_correct(value, case.published) else "WRONG"
                    shown = parse_predicted_date(value) if not str(value).startswith("error") else value
                    cells.append(f"{name}={shown} [{mark}]")
                print(f"{case.name}\t{case.url}\tgold={case.published.isoformat()}\t" + "\t".join(cells))
    console.print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
