"""The false only-X claims of the judged samples (``bench/days/onlyx-judged.toml``, verdict "false") grouped by kind.

    python3 bench/onlyx_false_kinds.py [--list] [--claims SCORED.txt ...]

A row's kind is read from its ``cause`` (the judge's words) by the first pattern of ``KINDS`` that matches; the rows
judged without a cause (samples D, E, H and two more) and the few whose cause the patterns misread carry their kind in
``BY_HAND``, set by reading their ``other`` field (session 70, onlyx70). ``--claims``: files of ``onlyx_audit.py score
--list`` lines (``bench/sitting.py samples --out``): the census is then also counted over the false claims those runs
make (a tree's own false claims, not every row any tree was ever judged on).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsmirror.text.normalize import match_key  # noqa: E402

JUDGED = REPO / "bench" / "days" / "onlyx-judged.toml"

# (kind, what it is, a pattern of the judge's cause), the first match wins.
KINDS = (
    ("joined", "a region or a run of one-character short forms against places written whole",
     r"joined|short forms of two|parties|region vs|places the other writes whole|港澳|another order"),
    ("script", "a Latin original (or another script) against another outlet's Han form",
     r"Latin|Traditional script|diacritics"),
    ("person", "a person by one part of the name, a title, a pen or married name",
     r"surname|given name|title and surname|by one part of (his|her) name|another part of his name|pen name"
     r"|married name|under a wrong name|another name of the same person"),
    ("transliteration", "another transliteration, a variant or misprinted character",
     r"translitera|misprint|misspel|missing or adding a character|one-character variant|one character"),
    ("piece", "a piece of a longer name another outlet names in another form",
     r"a piece of|a part of|a word of|inside a longer name|inside the longer name|inside the name"),
    ("short form", "a short form (abbreviation) against the whole name, or the other way",
     r"short form|abbreviation|whole form|whole name|shorter name"),
    ("other name", "another name of one body, thing or disease (translated otherwise, a naming policy)",
     r"another name|translated otherwise|named otherwise|another form|other name|named wrongly|same thing|same form"
     r"|regional translation|common noun|translation|publisher|same disease|same virus|same site|same ministry"
     r"|same state|magazine|the list it cites|a people"),
)
OTHER = "other"
BY_HAND = {
    ("D14", "福斯"): "transliteration", ("D15", "尼古拉斯"): "transliteration", ("D16", "国安局"): "short form",
    ("D16", "國防軍"): "other name", ("D16", "Swedish Armed Forces"): "other name", ("D23", "韦斯特"): "piece",
    ("D23", "马尔堡"): "script", ("D27", "蒋经国"): "person", ("D35", "蓝韬文"): "other name",
    ("D35", "国际奥林匹克委员会"): "short form", ("E04", "卫生部"): "piece", ("E05", "马德里"): "piece",
    ("E05", "巴萨"): "short form", ("E05", "宾州"): "short form", ("E18", "澳门"): "joined",
    ("E21", "阿扎尔"): "transliteration", ("E24", "爱德华"): "person", ("E25", "巴德尔"): "person",
    ("E25", "Dianne Feinstein"): "script", ("H13", "中央政治局常委"): "short form", ("H14", "中共军队"): "short form",
    ("H16", "亚历山大"): "script", ("H19", "忠烈祠"): "other name", ("H19", "澎湖"): "joined",
    ("H20", "拉斐尔"): "script", ("H27", "吉立亞"): "transliteration", ("H27", "国家卫生研究院"): "other name",
    ("H39", "新冠"): "other name", ("G20", "中國駐外使館"): "other name", ("R14", "侯赛因"): "person",
    ("AJ37", "全国政协"): "short form", ("AL06", "粵港澳"): "piece", ("AE31", "大韩民国"): "short form",
    ("V39", "新闻部"): "other name",
}
_SCORED = re.compile(r"^  false: (\S+) \| (.+?) \| (.+)$")


def kind_of(row: dict[str, str]) -> str:
    """The kind of a false row: ``BY_HAND`` or the first of ``KINDS`` whose pattern its cause matches."""
    if (row["story"], row["name"]) in BY_HAND:
        return BY_HAND[(row["story"], row["name"])]
    cause = row.get("cause") or ""
    return next((kind for kind, _what, pattern in KINDS if re.search(pattern, cause)), OTHER)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="list each kind's rows")
    parser.add_argument("--claims", type=Path, nargs="*", default=[], help="onlyx_audit.py score --list output files")
    args = parser.parse_args(argv)
    with JUDGED.open("rb") as handle:
        rows = [row for row in tomllib.load(handle)["claim"] if row["verdict"] == "false"]
    made = {(m.group(1), m.group(2), match_key(m.group(3))) for path in args.claims
            for m in map(_SCORED.match, path.read_text(encoding="utf-8").splitlines()) if m}
    kinds: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        kinds[kind_of(row)].append(row)
    what = {kind: text for kind, text, _pattern in KINDS} | {OTHER: "other"}
    print(f"{len(rows)} false rows" + (f"; {len(made)} false claims in {len(args.claims)} scored file(s)" if made else ""))
    for kind, members in sorted(kinds.items(), key=lambda item: -len(item[1])):
        mine = [row for row in members if (row["story"], row["outlet"], match_key(row["name"])) in made]
        print(f"{len(members):4d} {f'{len(mine):4d} ' if made else ''}{kind}: {what[kind]}")
        for row in members if args.list else ():
            print(f"       {'*' if row in mine else ' '} {row['story']} {row['outlet']} {row['name']}")


if __name__ == "__main__":
    sys.exit(main())
