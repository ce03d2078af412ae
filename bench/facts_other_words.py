"""Missed gold same-fact pairs of low surface likeness (one fact told in other words) by what the two units DO
share, beside where the pair model scores them (tuning fact files only; test and fresh files are refused).
Session 48, facts65.

    PYTHONPATH=src python3 bench/facts_other_words.py --days ARCHIVED --facts F [F ...] [--cut 0.35] [--rows R]

A pair is placed and counted missed as ``facts_miss_census.py`` does. Its Dice is the comparison's own (the bigram
weight two match keys share, after script, name, figure and paraphrase folding: ``facts_misses._Story.score``);
pairs with Dice below ``--cut`` are the ones of this census (facts64 takes the rest). Each gets every tag that
holds (not exclusive) and the first that holds in this order as its ``anchor``:

``quoted``      a quoted run (“…”, 「…」, 『…』, of 2+ characters) of one unit is in the other's key;
``speaker``     the two units name one speaker before a verb of saying (a proper noun of the unit, or an office word
                such as 外交部 / 发言人, standing before 称 / 表示 / 说 / 指出 / ...);
``figure``      a number both give;
``name``        a proper noun both give (the comparison's ``names``);
``paraphrase``  a word of one and another word of the other that ``paraphrases.tsv`` writes one way;
``content``     a content word in common (facts60's sense: jieba, 2+ characters, background IDF >= 5);
``nothing``     none of these.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from days_facts_eval import add_fact_file_arguments, load_stories, refuse_never_tuned_on  # noqa: E402
from facts_miss_census import _Instrumented, cross_outlet_quotes  # noqa: E402
from facts_miss_kinds import _content  # noqa: E402
from newsmirror.stories import compare as c  # noqa: E402
from newsmirror.stories.fact_model import RESCUE  # noqa: E402
from newsmirror.text.normalize import match_key  # noqa: E402
from newsmirror.text.paraphrase import paraphrase_map  # noqa: E402
from newsmirror.text.tokenize import words  # noqa: E402

ANCHORS = ("quoted", "speaker", "figure", "name", "paraphrase", "content", "nothing")
_QUOTED = re.compile(r"“([^”]{2,40})”|「([^」]{2,40})」|『([^』]{2,40})』|\"([^\"]{2,40})\"")
_SAYING = re.compile(r"称|表示|说|指出|强调|认为|宣布|回应|批评|谴责|指|呼吁|要求|警告|透露|介绍")
_OFFICES = ("外交部", "发言人", "中方", "北京", "中国政府", "美方", "白宫", "国务院", "国防部", "商务部", "警方", "法院",
            "当局", "政府", "官员", "华盛顿", "美国政府")


def quoted_runs(text: str) -> set[str]:
    return {match_key(next(g for g in m.groups() if g)) for m in _QUOTED.finditer(text)} - {""}


def speakers(key: str, names: frozenset[str]) -> set[str]:
    """The proper nouns and office words of ``key`` standing before its first verb of saying."""
    found = _SAYING.search(key)
    if found is None:
        return set()
    head = key[: found.start()]
    return {n for n in names if n in head} | {w for w in _OFFICES if w in head}


def bin_of(dice: float) -> str:
    for edge in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35):
        if dice < edge:
            return f"<{edge:.2f}"
    return ">=.35"


def pair_rows(path: Path, days: Path, cut: float) -> list[dict[str, Any]]:
    table = paraphrase_map()
    listed = set(table) | set(table.values())
    rows = []
    for story, articles in load_stories(path, days):
        view = _Instrumented(articles)
        units = view.units
        for fact in story.get("fact", []):
            for one, one_text, other, other_text in cross_outlet_quotes(fact, articles):
                i, spans_i = view.place(one.id, one_text)
                j, spans_j = view.place(other.id, other_text)
                if i is None or j is None or view.linked(i, j):
                    continue
                containment, dice = view.score(i, j)
                if dice >= cut:
                    continue
                a, b = units[i], units[j]
                layer = view.lost(i, j, spans_i, spans_j)
                tags = []
                if any(q in b.key for q in quoted_runs(a.ref.text)) or any(q in a.key for q in
                                                                           quoted_runs(b.ref.text)):
                    tags.append("quoted")
                if speakers(a.key, a.names) & speakers(b.key, b.names):
                    tags.append("speaker")
                if {c._number(f) for f in a.figures} & {c._number(f) for f in b.figures}:
                    tags.append("figure")
                if a.names & b.names:
                    tags.append("name")
                words_a = set(words(a.normalized, normalized=True))
                words_b = set(words(b.normalized, normalized=True))
                if any(table.get(x, x) == table.get(y, y) for x in (words_a - words_b) & listed
                       for y in (words_b - words_a) & listed if x != y):
                    tags.append("paraphrase")
                if _content(a.key) & _content(b.key):
                    tags.append("content")
                p = view.probability.get(frozenset((i, j)))
                rows.append({
                    "file": path.stem, "event": story["event"], "fact": fact["id"], "dice": round(dice, 3),
                    "containment": round(containment, 3), "bin": bin_of(dice), "layer": layer,
                    "held": view.held(i, j), "split": len(spans_i) > 1 or len(spans_j) > 1,
                    "p": None if p is None else round(p, 3), "tags": tags,
                    "anchor": next((t for t in ANCHORS if t in tags), "nothing"),
                    "a": a.ref.text, "b": b.ref.text, "outlets": [a.ref.outlet, b.ref.outlet],
                    "speakers": [sorted(speakers(a.key, a.names)), sorted(speakers(b.key, b.names))],
                })
    return rows


def model_bin(row: dict[str, Any]) -> str:
    p = row["p"]
    if p is None:
        return "never"
    if p >= RESCUE.threshold:
        return "above"
    return ".1-thr" if p >= 0.1 else "<.1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_fact_file_arguments(parser)
    parser.add_argument("--cut", type=float, default=0.35, help="Dice below this is 'other words'")
    parser.add_argument("--rows", type=Path, help="write every row here (JSON)")
    args = parser.parse_args()
    refuse_never_tuned_on(args.facts, "read pair by pair")
    rows = []
    for path in args.facts:
        rows.extend(pair_rows(path, args.days, args.cut))
        print(path.stem, len(rows), flush=True)
    if args.rows:
        args.rows.write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        for key in (row["anchor"], "all"):
            by[key]["n"] += 1
            by[key]["held" if row["held"] else "split" if row["split"] else "free"] += 1
            by[key][model_bin(row)] += 1
            by[key][row["bin"]] += 1
    tags: Counter[str] = Counter(t for row in rows for t in row["tags"])
    cols = ("n", "held", "split", "free", "never", "<.1", ".1-thr", "above")
    print("anchor", *cols)
    for key in (*ANCHORS, "all"):
        print(key, *(by[key][col] for col in cols))
    print("tags (not exclusive)", " ".join(f"{t} {n}" for t, n in tags.most_common()))


if __name__ == "__main__":
    main()
