"""How often a comparison unit opens with a wire or outlet dateline, byline or credit, by outlet.

Units are what ``compare._sentences`` keeps: ``split_sentences`` of the bodies of the articles of the
labelled stories of 2+ reports on the tuning days (the stories a comparison is shown for), the
furniture left out (``compare.is_furniture``), long sentences cut by ``split_clauses``. A unit counts
when a broad net of dateline shapes (an outlet or agency name, or a 记者 byline, then a place and a
date, closed by 电/讯/报道/消息, a dash or a bracket) matches its start; each such unit is then said to be
cleaned by the tree's ``strip_dateline`` (the prefix it removes) or kept whole.

    python3 -m bench.dateline_prefixes --days <export>/archived [--show N] [--sample N --seed S]

Also counted: sentences that are a credit line standing alone (``compare._CREDIT_LINE``, where the tree has it)
and how many of them the furniture filter drops. ``--show N`` prints N kept openings per outlet (what the tree's pattern misses); ``--sample N`` prints
N random stripped prefixes with their unit, to read whether only the dateline went (never the fact).
Tuning days only (``days_eval.TUNING_DAYS``).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import TUNING_DAYS, load_day_labels  # noqa: E402

LABELS = REPO / "bench" / "days"
MIN_REPORTS = 2
# The net: deliberately wider than any production pattern, so what production misses shows up. Within a
# unit's first 45 characters: a dateline word (电 讯 报道 消息 综合报道) closing a bracket or followed by a
# dash, colon or space, or a date followed by a dash (路透华盛顿1月7日 - ).
_NET = re.compile(
    r"^.{0,45}?(?:(?:电|電|讯|訊|报道|報導|报导|報道|消息)\s*[）)】\]〕:：\-－–—\s]"
    r"|\d{1,2}日\s*[-－–—]|^[（(【\[〔][^）)】\]〕]{0,30}(?:记者|記者|中文网|中文網)[^）)】\]〕]{0,20}[）)】\]〕])"
)


@dataclass(frozen=True)
class Unit:
    day: str
    outlet: str
    file: str
    text: str


def day_units(days: Path, day_list: tuple[str, ...] = TUNING_DAYS,
              credit_lines: list[tuple[Unit, bool]] | None = None) -> list[Unit]:
    """Every unit ``_sentences`` keeps of the articles of the labelled 2+-report stories of the days.
    ``credit_lines`` receives each sentence that is a credit line standing alone (``compare._CREDIT_LINE``,
    where the tree has it) with whether the furniture filter drops it."""
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store
    from newsmirror.stories import compare
    from newsmirror.stories.compare import is_furniture
    from newsmirror.text.sentences import split_clauses, split_sentences

    units: list[Unit] = []
    for day in day_list:
        files = load_day_labels(LABELS / f"labels-{day}.toml").files_of_events(MIN_REPORTS)
        folder = days / day
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "day.sqlite") as store:
            report = import_paths(store, [folder / f for f in files if (folder / f).is_file()], workers=1)
            for result in report.results:
                article = store.get_article(result.article_id) if result.article_id else None
                if article is None:
                    continue
                for sentence in split_sentences(article.body_text):
                    dropped = is_furniture(sentence)
                    credit = getattr(compare, "_CREDIT_LINE", None)
                    if credit_lines is not None and credit is not None and credit.match(sentence.strip()):
                        credit_lines.append((Unit(day, article.outlet, Path(result.path).name, sentence), dropped))
                    if dropped:
                        continue
                    for part in split_clauses(sentence):
                        units.append(Unit(day, article.outlet, Path(result.path).name, part))
    return units


def main() -> None:
    from newsmirror.text.sentences import strip_dateline

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=Path, required=True, help="the export's archived/ folder")
    parser.add_argument("--show", type=int, default=0, help="kept openings to print per outlet")
    parser.add_argument("--sample", type=int, default=0, help="random stripped prefixes to print")
    parser.add_argument("--seed", type=int, default=38)
    args = parser.parse_args()
    credit_lines: list[tuple[Unit, bool]] = []
    units = day_units(args.days, credit_lines=credit_lines)
    total: Counter[str] = Counter()
    netted: Counter[str] = Counter()
    stripped: Counter[str] = Counter()
    kept: dict[str, list[Unit]] = defaultdict(list)
    cut: list[tuple[Unit, str]] = []
    for unit in units:
        total[unit.outlet] += 1
        clean = strip_dateline(unit.text)
        if clean != unit.text:
            stripped[unit.outlet] += 1
            cut.append((unit, unit.text[: len(unit.text) - len(clean)]))
        if _NET.search(unit.text):
            netted[unit.outlet] += 1
            if clean == unit.text:
                kept[unit.outlet].append(unit)
    print(f"{len(units)} units, {len(total)} outlets, days: {len(TUNING_DAYS)} tuning days")
    print(f"{'outlet':16} {'units':>6} {'net':>5} {'stripped':>8} {'net, kept':>9}")
    for outlet, _n in sorted(total.items(), key=lambda kv: -(netted[kv[0]] + stripped[kv[0]])):
        if netted[outlet] or stripped[outlet]:
            print(f"{outlet:16} {total[outlet]:6} {netted[outlet]:5} {stripped[outlet]:8} {len(kept[outlet]):9}")
    print(f"{'all':16} {sum(total.values()):6} {sum(netted.values()):5} {sum(stripped.values()):8} "
          f"{sum(len(v) for v in kept.values()):9}")
    by_outlet = Counter(unit.outlet for unit, _dropped in credit_lines)
    print(f"credit lines standing alone (compare._CREDIT_LINE): {len(credit_lines)} {dict(by_outlet)}, "
          f"dropped as furniture {sum(dropped for _unit, dropped in credit_lines)}")
    for outlet, members in sorted(kept.items()):
        for unit in members[: args.show]:
            print(f"KEPT {outlet} {unit.day} {unit.file}: {unit.text[:70]}")
    if args.sample:
        for unit, prefix in random.Random(args.seed).sample(cut, min(args.sample, len(cut))):
            print(f"CUT {unit.outlet} {unit.day} {unit.file}: [{prefix}] {unit.text[len(prefix):][:50]}")


if __name__ == "__main__":
    main()
