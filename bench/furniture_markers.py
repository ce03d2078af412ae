"""Census of furniture kinds among the units a comparison keeps (session 68, furniture68; tuning days only).

Units are ``compare._unit_texts`` (after its furniture filter) of every article of the labelled stories of 2+ outlets
of ``days_eval.TUNING_DAYS`` (or ``--every N``: every Nth day). Each unit is flagged by kind with the census'
patterns (for counting only; no rule of the code reads them):

* ``marker``: an inline picture marker or picture credit in brackets (（圖）, （圖取自…）, （图片来源…）);
* ``pointer``: a "see the whole programme / full text at" pointer (请看, 全文, 本集);
* ``service``: a service notice (a hotline: 專線, 热线, 諮商).

Also counts match keys an outlet writes in reports of many different stories (boilerplate by recurrence).

    PYTHONPATH=src:. python3 -m bench.furniture_markers --days <extra-days>/archived [--every 3]
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from bench.days_eval import TUNING_DAYS, load_day_labels

LABELS = Path(__file__).resolve().parent / "days"
KINDS = {
    "marker": re.compile(r"[（(][圖图][）)]|[（(](?:[圖图]|照片|圖片|图片)(?:取自|來源|来源|：|:|／|/)[^）)]*[）)]"),
    "pointer": re.compile(r"请看|請看|全文|本集|全部内容|請見|详见|詳見"),
    "service": re.compile(r"專線|专线|热线|熱線|諮商|咨询|求助"),
}


def main() -> None:
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store
    from newsmirror.stories import compare
    from newsmirror.text.normalize import normalize

    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=Path, required=True)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    counts: Counter[tuple[str, str]] = Counter()
    keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    text_of: dict[tuple[str, str], str] = {}
    units = 0
    for day in TUNING_DAYS[:: args.every]:
        labels = load_day_labels(LABELS / f"labels-{day}.toml")
        by_event: dict[str, list[str]] = defaultdict(list)
        for file, event in labels.events.items():
            by_event[event].append(file)
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "day.sqlite") as store:
            folder = args.days / day
            files = sorted(f for members in by_event.values() if len(members) >= 2 for f in members)
            articles = {}
            for result in import_paths(store, [folder / f for f in files if (folder / f).is_file()]).results:
                if result.article_id and (article := store.get_article(result.article_id)) is not None:
                    articles[Path(result.path).name] = article
        for event, members in sorted(by_event.items()):
            present = [articles[f] for f in members if f in articles]
            if len({a.outlet for a in present}) < 2:
                continue
            for article in present:
                for _number, text in compare._unit_texts(article):
                    units += 1
                    key = "".join(normalize(text).split())
                    keys[(article.outlet, key)].add(f"{day}/{event}")
                    text_of[(article.outlet, key)] = text
                    for kind, pattern in KINDS.items():
                        if pattern.search(text):
                            counts[(kind, article.outlet)] += 1
                            if args.show:
                                print(f"{kind}\t{article.outlet}\t{day}\t{text[:120]}")
    print(f"units kept: {units} on {len(TUNING_DAYS[:: args.every])} tuning days")
    for (kind, outlet), n in sorted(counts.items()):
        print(f"{kind}\t{outlet}\t{n}")
    for floor in (3, 5):
        recurring = [k for k, stories in keys.items() if len(stories) >= floor]
        print(f"keys an outlet writes in {floor}+ stories: {len(recurring)}")
        if args.show:
            for k in sorted(recurring, key=lambda k: -len(keys[k]))[:40]:
                print(f"  {len(keys[k])}\t{k[0]}\t{text_of[k][:100]}")


if __name__ == "__main__":
    main()
