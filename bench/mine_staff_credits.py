"""Mine whose staff the names of sign-off lines are (``src/newsmirror/text/staff_credits.tsv``; session 69, copy69).

An outlet signs its own reports with its staff (中央社: ``（編輯：…）``, ``（譯者：…/核稿：…）``; 自由亚洲电台:
``（记者：… 责编：… 网编：…）``; 大纪元: ``责任编辑：…``), and an outlet that republishes a report often keeps that line
(法广 keeps 中央社's translator and checker under the 中央社 translations it republishes, 中国数字时代 自由亚洲电台's
reporter and editors). So a name is seen in the credits of its own outlet and of the republishers; which one is
its home is learnt from the archive, not from a story:

* the names read are those of ``digest.staff_signed`` over each report's ``credit_ends``, as grouping reads them;
* names signed together in one report are one newsroom (connected components over those co-occurrences);
* a newsroom's home is, of the outlets carrying its names, the one whose reports are signed with staff credits most
  often (its house style: 中央社 signs about 7 in 10 of its reports, 法广 about 1 in 8, only the copies; a tie goes to
  the outlet carrying the newsroom's names in more reports);
* a name is kept when its home carries it in at least ``--min-reports`` reports.

Input: the reports of ``bench/copy_direction.py docs`` (every report within 3 days of a held-out, test or fresh day
and the held and fresh only-X samples' files left out).

    python bench/mine_staff_credits.py docs.pkl [--out src/newsmirror/text/staff_credits.tsv]
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsmirror.stories.digest import credit_ends, staff_signed  # noqa: E402
from newsmirror.text.normalize import normalize  # noqa: E402

OUT = REPO / "src" / "newsmirror" / "text" / "staff_credits.tsv"


def mine(documents: list, min_reports: int) -> tuple[list[tuple[str, str, int, int]], dict[str, tuple[int, int]]]:
    """(name, home outlet normalized, reports of the home carrying it, reports of other outlets carrying it) rows,
    and each outlet's (signed reports, reports)."""
    carried: dict[str, Counter[str]] = defaultdict(Counter)
    signed: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    parent: dict[str, str] = {}

    def find(name: str) -> str:
        while parent.setdefault(name, name) != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for document in documents:
        outlet = normalize(document.outlet)
        reports[outlet] += 1
        names = list(dict.fromkeys(staff_signed(credit_ends(document.text))))
        if not names:
            continue
        signed[outlet] += 1
        for name in names:
            carried[name][outlet] += 1
        for a, b in zip(names, names[1:], strict=False):
            parent[find(a)] = find(b)
    newsrooms: dict[str, list[str]] = defaultdict(list)
    for name in carried:
        newsrooms[find(name)].append(name)
    rows = []
    for names in newsrooms.values():
        outlets: Counter[str] = Counter()
        for name in names:
            outlets.update(carried[name])
        home = max(outlets, key=lambda o: (signed[o] / reports[o], outlets[o], o))
        for name in names:
            if carried[name][home] >= min_reports:
                rows.append((name, home, carried[name][home], sum(carried[name].values()) - carried[name][home]))
    rows.sort(key=lambda row: (row[1], -row[2], row[0]))
    return rows, {o: (signed[o], reports[o]) for o in reports}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs", type=Path, help="the pickle of bench/copy_direction.py docs")
    parser.add_argument("--min-reports", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with open(args.docs, "rb") as handle:
        documents, _files = pickle.load(handle)
    rows, shares = mine(documents, args.min_reports)
    homes = Counter(home for _n, home, _h, _o in rows)
    lines = [
        "# Staff names of sign-off lines and the outlet whose staff they are (normalized), mined by",
        f"# bench/mine_staff_credits.py --min-reports {args.min_reports} from {len(documents)} reports of the whole-archive",
        "# store of zhouxiang93123/waimei (MIT licence) without the held-out, test and fresh days +-3 and the held and",
        "# fresh only-X samples' files. A name's home: of the outlets carrying its newsroom (names signed together),",
        "# the one signing most of its reports with staff credits. Columns: name, outlet, its reports carrying the",
        "# name, other outlets' reports carrying it (copies).",
        "# Outlets' signed reports: " + ", ".join(f"{o} {s}/{n}" for o, (s, n) in sorted(shares.items(), key=lambda kv: -kv[1][0]) if s),
    ]
    lines += ["\t".join(map(str, row)) for row in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {args.out}: " + ", ".join(f"{o} {n}" for o, n in homes.most_common()), file=sys.stderr)


if __name__ == "__main__":
    main()
