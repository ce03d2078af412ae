"""Mine ``newsmirror/text/glosses.tsv``: which Han names and which Latin names are one, from the glosses
outlets write themselves (中文名（English Name）), in a public Jekyll archive of Chinese news feeds
(zhouxiang93123/waimei, MIT licence), leaving out the labelled days and the held only-X sample.

One outlet writes Federation Council where another writes 联邦委员会, and two outlets transliterate
Palau as 帛琉 and 帕劳: within one story nothing says they are one name, but across the archive
outlets gloss both Han names with the same Latin name. The table lets the only-X check read an
outlet writing either form as naming the other.

1. Posts: title and text (tags, links, URLs removed; ``bench/train_vectors.title_and_text``), the
   same walk and exclusions as ``bench/mine_name_usage.py``: posts dated within +-``--exclude-margin``
   days of a labelled day are skipped, and so is every file of only-X sample K.
2. Glosses: a run of Han characters directly followed by a bracketed Latin name (a capital first,
   at most ``MAX_WORDS`` words, no digits). The Latin name is normalized as the comparison reads text
   (``text.fold.quick_normalize``: Simplified, lower case, separators to one space; U.S. is "u s"),
   a leading "the" dropped; plurals are kept as written (Forces is not Force: no name is folded that
   the text does not write).
3. Where the Han name starts: the run before the bracket holds the name and whatever precedes it
   (将赋予卸任总统在联邦院). The name is the run's trailing words jieba tags as names or abbreviations
   (联邦院), or, when the last word is no name, from the last name-tagged word on (福克斯|新闻); a run
   with no name-tagged word gives none. A longer name that ends in another name kept for the same
   Latin name is that name with a title before it (美国|卫生部长|阿扎尔) and is dropped.
4. Kept: pairs written in ``--min-posts`` posts or more by ``--min-outlets`` outlets or more (an
   outlet is the post's ``author``).

    python bench/mine_glosses.py ARCHIVE_ROOT [--out src/newsmirror/text/glosses.tsv]

Deterministic: files in sorted order, pairs written sorted.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import LABELLED_DAYS  # noqa: E402
from bench.mine_name_usage import _HELD, held_files  # noqa: E402
from bench.train_vectors import dated_post_files, excluded_dates, title_and_text  # noqa: E402
from newsmirror.text.fold import quick_normalize  # noqa: E402
from newsmirror.text.names import NAME_TAGS  # noqa: E402
from newsmirror.text.tokenize import pos_tokenizer  # noqa: E402

MAX_HAN = 12  # characters of the run before the bracket read (longer names are rare: 美国国家科学基金会 is 9)
MAX_WORDS = 6
# The Latin name closes the bracket or comes first in it (联邦委员会（Federation Council，上议院）).
_GLOSS = re.compile(r"([\u3400-\u9fff]{2,})[（(]\s*([A-Z][A-Za-z.'&\- ]{0,60}?)\s*[）)，,;；、]")
_AUTHOR = re.compile(r"^author:\s*(.+?)\s*$", re.MULTILINE)
_HAN = re.compile(r"[\u3400-\u9fff]+")
_NAMEISH = NAME_TAGS | {"j"}  # names and abbreviations (波|多马克|河: j, nrt, ns)


def latin_key(gloss: str) -> str | None:
    """The normalized Latin name, or None when the gloss is no name (too long, no letters left)."""
    key = quick_normalize(gloss)
    if key.startswith("the "):
        key = key[4:]
    if key in ("", "the") or not re.fullmatch(r"[a-z' ]+", key) or len(key.split()) > MAX_WORDS:
        return None
    return key


def _name_at_end(run: str) -> str:
    """The name a Han run ends with as jieba tags it: its trailing name-tagged words (卸任总统在|联邦院),
    or from its last name-tagged word on (福克斯|新闻), or "" when no word is tagged a name."""
    tokens = [(w.word, w.flag) for w in pos_tokenizer().cut(run)]
    named = [k for k, (_w, flag) in enumerate(tokens) if flag in _NAMEISH]
    if not named:
        return ""
    start = named[-1]
    while start > 0 and tokens[start - 1][1] in _NAMEISH:
        start -= 1
    return "".join(w for w, _f in tokens[start:])


def count_glosses(root: Path, skip: set[str], held: set[str]) -> tuple[dict[str, Counter[str]],
                                                                       dict[tuple[str, str], set[str]], int]:
    """Per Latin name, how often each ending of the Han runs before it is written (and as the whole run,
    key prefixed "^"), and the outlets writing each (ending, Latin name)."""
    endings: dict[str, Counter[str]] = defaultdict(Counter)
    outlets: dict[tuple[str, str], set[str]] = defaultdict(set)
    posts = 0
    started = time.time()
    for _date, path in dated_post_files(root, skip):
        if path.name in held:
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        author = _AUTHOR.search(raw[:2000])
        outlet = author.group(1).strip('"') if author else ""
        seen: set[tuple[str, str]] = set()
        for han, gloss in _GLOSS.findall(title_and_text(raw, 10**9)):
            latin = latin_key(gloss)
            run = quick_normalize(han[-MAX_HAN - 1:])
            if latin is None or not _HAN.fullmatch(run):
                continue
            start = len(run) - len(_name_at_end(run))
            for size in range(2, min(len(run), MAX_HAN) + 1):
                ending = run[-size:]
                if (ending, latin) in seen:
                    continue
                seen.add((ending, latin))
                endings[latin][ending] += 1
                if size == len(run) - start:
                    endings[latin]["^" + ending] += 1
                outlets[ending, latin].add(outlet)
        posts += 1
        if posts % 10000 == 0:
            print(f"{posts} posts, {time.time() - started:.0f} s", file=sys.stderr)
    return endings, outlets, posts


def name_starts(counted: Counter[str]) -> dict[str, int]:
    """The Han names written before one Latin name and how often: the ending jieba tags as the run's name."""
    return {ending[1:]: count for ending, count in counted.items() if ending.startswith("^")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path, help="root of a waimei-like Jekyll archive checkout")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "newsmirror" / "text" / "glosses.tsv")
    parser.add_argument("--exclude-margin", type=int, default=3)
    parser.add_argument("--min-posts", type=int, default=2)
    parser.add_argument("--min-outlets", type=int, default=1)
    args = parser.parse_args(argv)

    skip = excluded_dates(args.exclude_margin, LABELLED_DAYS)
    endings, outlets, posts = count_glosses(args.archive, skip, held_files(_HELD))
    rows = []
    for latin, counted in endings.items():
        starts = name_starts(counted)
        kept = [han for han, count in starts.items()
                if count >= args.min_posts and len(outlets[han, latin]) >= args.min_outlets]
        # A longer start ending in a kept name is the name with a title or place before it (美国|卫生部长|阿扎尔).
        for han in kept:
            if not any(han != other and han.endswith(other) for other in kept):
                rows.append((han, latin, starts[han], len(outlets[han, latin])))
    rows.sort()
    lines = [
        "# Han names and the Latin names outlets gloss them with (中文名（English Name）), mined by",
        f"# bench/mine_glosses.py from {posts} posts of zhouxiang93123/waimei (MIT licence) without the labelled",
        f"# days +-{args.exclude_margin} and the held only-X sample K; the name is the run's trailing words jieba tags",
        f"# as names (or from its last such word on); kept: {args.min_posts}+ posts, {args.min_outlets}+ outlets.",
        "# Both columns normalized (text.fold.quick_normalize; a leading 'the' dropped).",
        "# han\tlatin\tposts\toutlets",
    ]
    lines += [f"{h}\t{la}\t{p}\t{o}" for h, la, p, o in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{posts} posts; {len(rows)} pairs written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
