"""Mine ``newsmirror/text/glosses.tsv``: which Han names and which Latin names are one, from the glosses
outlets write themselves, both ways round (中文名（English Name）, English Name（中文名）), in a public Jekyll
archive of Chinese news feeds (zhouxiang93123/waimei, MIT licence), leaving out the data nobody may read.

One outlet writes Federation Council where another writes 联邦委员会, and two outlets transliterate
Palau as 帛琉 and 帕劳: within one story nothing says they are one name, but across the archive
outlets gloss both Han names with the same Latin name. The table lets the only-X check read an
outlet writing either form as naming the other.

1. Posts: title and text (tags, links, URLs removed; ``bench/train_vectors.title_and_text``), the
   walk of ``bench/mine_name_usage.py``. Left out in every scope: every file of every only-X sample
   (A-L: their claims are scored) and the posts dated within +-``--exclude-margin`` days of the
   held-out, test and fresh days. ``--scope strict`` leaves out every labelled day's +-margin too;
   ``--scope wide`` reads the tuning days and their neighbours (text of the days the tuning samples
   and fact files come from: figures on them are then optimistic).
2. Glosses, Han first: a run of Han characters directly (or after one space) followed by a bracketed
   Latin name (a capital first, at most ``MAX_WORDS`` words, no digits). Latin first: a run of Latin
   words (from its first capitalised word, at most ``MAX_WORDS``) directly or after one space followed
   by a bracket holding only Han characters (up to a closing bracket or a comma: the rest may say what
   the name is). The Latin name is normalized as the comparison reads text
   (``text.fold.quick_normalize``: Simplified, lower case, separators to one space; U.S. is "u s"),
   a leading "the" dropped; plurals are kept as written (Forces is not Force: no name is folded that
   the text does not write).
3. Where the Han name starts, Han first: the run before the bracket holds the name and whatever
   precedes it (将赋予卸任总统在联邦院). The name is the run's trailing words jieba tags as names or
   abbreviations (联邦院), or, when the last word is no name, from the last name-tagged word on
   (福克斯|新闻); a run with no name-tagged word gives none. Latin first, the bracket bounds the name:
   ``--reverse whole`` takes it whole (after a name's last dot: 迈克·蓬佩奥 gives 蓬佩奥, as the
   Han-first run stops at the dot) unless it is one dictionary word jieba tags as no name (a note,
   David（化名）, or a common noun); a Latin run after a comma is a list's last item, which the bracket
   does not translate alone (Taiwan, China（台湾，中国）), and is skipped; ``--reverse tagged`` cuts
   it as a Han-first run is cut. A longer name that ends in another name kept for the same Latin name
   is that name with a title or place before it (美国|卫生部长|阿扎尔) and is dropped.
4. Kept: pairs written in ``--min-posts`` posts or more by ``--min-outlets`` outlets or more (an
   outlet is the post's ``author``), either way round; not a Han name kept so for three or more Latin
   names no two of which share a word or are one's initials (``generic_heads``): a common noun jieba
   tags as a name, heading many names (新闻网 of 福克斯商业新闻网, 天空新闻网; 联盟 of 全球疫苗免疫联盟,
   美国职棒大联盟), is no name's Han form. A person's name is never one (a surname many people share).
5. Written: each kept Han name's posts, glossed or not (the posts of step 1 whose normalized title and text hold it,
   as a word or inside a longer one), the table's last column: a name written far more often than glossed is a
   common word or a piece of one (美国 of 新美国; ``text.name_forms.GLOSSED_SHARE``).

    python bench/mine_glosses.py ARCHIVE_ROOT [--scope strict] [--out src/newsmirror/text/glosses.tsv]
    python bench/mine_glosses.py ARCHIVE_ROOT --as-shipped     # the shipped table, byte for byte

Deterministic: files in sorted order, pairs written sorted.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days import onlyx_samples  # noqa: E402
from bench.days_eval import FRESH_DAYS, HELD_OUT_DAY, LABELLED_DAYS, TEST_DAYS  # noqa: E402
from bench.mine_name_usage import held_files, kept_posts, sample_letters  # noqa: E402
from bench.train_vectors import excluded_dates, title_and_text  # noqa: E402
from newsmirror.text.fold import quick_normalize  # noqa: E402
from newsmirror.text.names import NAME_TAGS  # noqa: E402
from newsmirror.text.tokenize import pos_tokenizer  # noqa: E402

MAX_HAN = 12  # characters of the run before the bracket read (longer names are rare: 美国国家科学基金会 is 9)
MAX_WORDS = 6
# Han first; the Latin name closes the bracket or comes first in it (联邦委员会（Federation Council，上议院）).
_GLOSS = re.compile(r"([\u3400-\u9fff]{2,}) ?[（(]\s*([A-Z][A-Za-z.'&\- ]{0,60}?)\s*[）)，,;；、]")
# Latin first: a run of Latin words, then a bracket holding Han characters only (a name's dots allowed),
# closed or followed by a comma (Gilead（吉利德，一家药厂）).
# Not after a comma: the bracket then translates the whole list (Taiwan, China（台湾，中国）), not its last item.
_REVERSE = re.compile(r"(?<![A-Za-z0-9.'&\-,，、] )(?<![A-Za-z0-9.'&\-,，、])"
                      r"([A-Za-z][A-Za-z.'&\-]*(?: [A-Za-z.'&\-]+)*) ?[（(]\s*"
                      r"([\u3400-\u9fff·•・]{2,40})\s*[）)，,;；、]")
_AUTHOR = re.compile(r"^author:\s*(.+?)\s*$", re.MULTILINE)
_HAN = re.compile(r"[\u3400-\u9fff]+")
_NAMEISH = NAME_TAGS | {"j"}  # names and abbreviations (波|多马克|河: j, nrt, ns)
# Never read, never scored by a helper: their days +-margin are left out in every scope.
UNSEEN_DAYS = (HELD_OUT_DAY, *TEST_DAYS, *FRESH_DAYS)
# The unseen days and held samples of the shipped glosses.tsv's build (session 75, rebuilt so that it reads nothing
# of the data fresh for session 76: 2020-08-31 and only-X sample BA): ``--as-shipped`` rebuilds it byte for byte once
# these lists grow. 2020-07-20 (tuning data since session 75) is read, as the wide scope reads every tuning day.
# Since session 41 the grouping reads this table too (``text.name_forms``, ``ClusterConfig.name_forms``): a rebuild
# moves the grouping's figures as well as the comparison's; measure both before committing one.
SHIPPED_UNSEEN = ("2020-11-18", "2020-12-02", "2020-11-21", "2020-11-29", "2020-11-15", "2020-08-31")
SAMPLES = onlyx_samples.file_names(onlyx_samples.DRAWN)  # every sample drawn
# The shipped build held A-Z, AA-AZ and BA (session 75, after BA was drawn): pinned, so ``--as-shipped`` stays byte
# for byte when a sample is drawn.
SHIPPED_SAMPLES = onlyx_samples.file_names((*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP", "AQ", "AR", "AS", "AT", "AU", "AV", "AW", "AX", "AY", "AZ", "BA"))


def latin_key(gloss: str) -> str | None:
    """The normalized Latin name, or None when the gloss is no name (too long, no letters left)."""
    key = quick_normalize(gloss)
    if key.startswith("the "):
        key = key[4:]
    if key in ("", "the") or not re.fullmatch(r"[a-z' ]+", key) or len(key.split()) > MAX_WORDS:
        return None
    return key


def reverse_latin(run: str) -> str | None:
    """The Latin name a run of Latin words before a Han gloss ends with: its last ``MAX_WORDS`` words,
    from the first capitalised one on (said the Swedish Armed Forces -> Swedish Armed Forces)."""
    tokens = run.split(" ")[-MAX_WORDS:]
    while tokens and not tokens[0][:1].isupper():
        tokens.pop(0)
    return latin_key(" ".join(tokens)) if tokens else None


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


def reverse_han(gloss: str, cut: str) -> str:
    """The Han name of a Latin-first gloss's bracket: after the name's last dot (迈克·蓬佩奥 -> 蓬佩奥, as a
    Han-first run stops at the dot), whole or (``cut`` "tagged") cut as a Han-first run is; "" for none."""
    han = quick_normalize(gloss).split(" ")[-1]
    if not _HAN.fullmatch(han) or not 2 <= len(han) <= MAX_HAN:
        return ""
    if cut == "tagged":
        return _name_at_end(han)
    tokens = [(w.word, w.flag) for w in pos_tokenizer().cut(han)]
    # One dictionary word that is no name is a note on the Latin name (David（化名）) or a common noun
    # (利率), not the name's Han form.
    return "" if len(tokens) == 1 and tokens[0][1] not in _NAMEISH else han


def count_glosses(root: Path, skip: set[str], held: set[str], reverse: str = "whole"
                  ) -> tuple[dict[str, Counter[str]], dict[tuple[str, str], set[str]], int]:
    """Per Latin name, how often each ending of the Han runs before it is written (and, key prefixed "^",
    as the run's name, either way round: once a post), and the outlets writing each (name, Latin name) as
    a gloss (not as some longer name's ending: 新闻网 is no name of Fox News because 福克斯新闻网 is).
    ``reverse``: "off" reads Han-first glosses only, else how a Latin-first gloss's Han side is cut."""
    endings: dict[str, Counter[str]] = defaultdict(Counter)
    outlets: dict[tuple[str, str], set[str]] = defaultdict(set)
    posts = 0
    for raw in kept_posts(root, skip, held, 10000):
        author = _AUTHOR.search(raw[:2000])
        outlet = author.group(1).strip('"') if author else ""
        text = title_and_text(raw, 10**9)
        seen: set[tuple[str, str]] = set()
        for han, gloss in _GLOSS.findall(text):
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
                if size == len(run) - start:
                    _count_start(endings, seen, ending, latin)
                    outlets[ending, latin].add(outlet)
                endings[latin][ending] += 1
        if reverse != "off":
            for words, gloss in _REVERSE.findall(text):
                latin, name = reverse_latin(words), reverse_han(gloss, reverse)
                if latin is not None and len(name) >= 2:
                    outlets[name, latin].add(outlet)
                    _count_start(endings, seen, name, latin)
        posts += 1
    return endings, outlets, posts


def _count_start(endings: dict[str, Counter[str]], seen: set[tuple[str, str]], name: str, latin: str) -> None:
    """Count a Han name written as one Latin name's gloss, once a post whichever way round it is written."""
    if ("^" + name, latin) not in seen:
        seen.add(("^" + name, latin))
        endings[latin]["^" + name] += 1


def name_starts(counted: Counter[str]) -> dict[str, int]:
    """The Han names written before one Latin name and how often: the ending jieba tags as the run's name."""
    return {ending[1:]: count for ending, count in counted.items() if ending.startswith("^")}


def related(one: str, other: str) -> bool:
    """Whether two normalized Latin names may be one name's forms: they share a word, or one is the other's
    initials (itu, international telecommunication union; the small words may be skipped: cepi)."""
    words, others = one.split(), other.split()
    if set(words) & set(others):
        return True
    return any(len(short) == 1 and len(long) > 1 and short[0] in _initials(long)
               for short, long in ((words, others), (others, words)))


_SMALL_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "to", "s"})


def _initials(words: list[str]) -> tuple[str, str]:
    return "".join(w[0] for w in words), "".join(w[0] for w in words if w not in _SMALL_WORDS)


# A Han name read as the name before this many Latin names, no two of them related, heads many names (新闻网 of
# 福克斯商业新闻网, 天空新闻网, 有线电视新闻网; 联盟): a common noun, not one name's Han form. Three, set by
# reasoning: one thing may carry two unrelated Latin names (its native name and an English translation).
# A person's name is never one: many people share a surname, and transliteration folds its spellings
# (安德森: Anderson, Andersen, Andersson), which ``_one_bearer`` of ``text.glosses`` reads at run time.
GENERIC_HEAD_NAMES = 3
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})


def generic_heads(kept: dict[str, list[str]]) -> set[str]:
    """The Han names kept (``kept``: Latin name -> its kept Han names) for ``GENERIC_HEAD_NAMES`` or more Latin names
    no two of which are ``related``."""
    latins: dict[str, list[str]] = defaultdict(list)
    for latin, hans in kept.items():
        for han in hans:
            latins[han].append(latin)
    heads = set()
    for han, names in latins.items():
        if any(w.flag in _PERSON_TAGS for w in pos_tokenizer().cut(han)):
            continue
        unrelated: list[str] = []
        for latin in sorted(names, key=lambda n: (len(n.split()), n)):  # deterministic: short names first
            if not any(related(latin, other) for other in unrelated):
                unrelated.append(latin)
        if len(unrelated) >= GENERIC_HEAD_NAMES:
            heads.add(han)
    return heads


def kept_rows(endings: dict[str, Counter[str]], outlets: dict[tuple[str, str], set[str]], min_posts: int,
              min_outlets: int) -> list[tuple[str, str, int, int]]:
    """The table's rows (Han name, Latin name, posts, outlets), sorted: the pairs written in ``min_posts`` posts by
    ``min_outlets`` outlets, a generic head (``generic_heads``) left out, and a longer name ending in a kept one
    dropped (the name with a title or place before it)."""
    kept: dict[str, list[str]] = {}
    for latin, counted in endings.items():
        starts = name_starts(counted)
        kept[latin] = [han for han, count in starts.items()
                       if count >= min_posts and len(outlets[han, latin]) >= min_outlets]
    generic = generic_heads(kept)
    rows = []
    for latin, hans in kept.items():
        starts = name_starts(endings[latin])
        names = [han for han in hans if han not in generic]
        for han in names:
            # A longer start ending in a kept name is the name with a title or place before it (美国|卫生部长|阿扎尔).
            if not any(han != other and han.endswith(other) for other in names):
                rows.append((han, latin, starts[han], len(outlets[han, latin])))
    return sorted(rows)


def written_posts(root: Path, skip: set[str], held: set[str], names: set[str]) -> dict[str, int]:
    """How many of the walk's posts write each of ``names`` (normalized title and text; inside a longer word too)."""
    by_start: dict[str, list[str]] = defaultdict(list)  # a name's first two characters -> the names
    for name in names:
        by_start[name[:2]].append(name)
    written: Counter[str] = Counter()
    for raw in kept_posts(root, skip, held, 10000):
        text = quick_normalize(title_and_text(raw, 10**9))
        found = {name for at in range(len(text) - 1) for name in by_start.get(text[at:at + 2], ())
                 if text.startswith(name, at)}
        written.update(found)
    return {name: written[name] for name in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path, help="root of a waimei-like Jekyll archive checkout")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "newsmirror" / "text" / "glosses.tsv")
    parser.add_argument("--exclude-margin", type=int, default=3)
    parser.add_argument("--scope", choices=("strict", "wide"), default="wide",
                        help="strict: every labelled day +-margin left out; wide: only the unseen days'")
    parser.add_argument("--reverse", choices=("off", "whole", "tagged"), default="whole",
                        help="Latin-first glosses: not read, their bracket whole, or cut as a Han-first run")
    parser.add_argument("--min-posts", type=int, default=2)
    parser.add_argument("--min-outlets", type=int, default=2)
    parser.add_argument("--as-shipped", action="store_true",
                        help="leave out the unseen days of the shipped table's build (SHIPPED_UNSEEN), not today's")
    args = parser.parse_args(argv)

    unseen = SHIPPED_UNSEEN if args.as_shipped else UNSEEN_DAYS
    skip = excluded_dates(args.exclude_margin, LABELLED_DAYS if args.scope == "strict" else unseen)
    held_samples = SHIPPED_SAMPLES if args.as_shipped else SAMPLES
    held = held_files(held_samples)
    endings, outlets, posts = count_glosses(args.archive, skip, held, args.reverse)
    rows = kept_rows(endings, outlets, args.min_posts, args.min_outlets)
    written = written_posts(args.archive, skip, held, {han for han, *_counts in rows})
    days = ("the labelled days" if args.scope == "strict" else "the held-out, test and fresh days")
    lines = [
        "# Han names and the Latin names outlets gloss them with, either way round (中文名（English Name）,",
        f"# English Name（中文名））, mined by bench/mine_glosses.py --scope {args.scope} --reverse {args.reverse}",
        f"# from {posts} posts of zhouxiang93123/waimei (MIT licence) without {days} +-{args.exclude_margin}",
        f"# and every file of only-X samples A-{sample_letters(held_samples)[-1]}; a Han-first name is the run's trailing"
        " words jieba tags as names",
        f"# (or from its last such word on); kept: {args.min_posts}+ posts, {args.min_outlets}+ outlets; a Han name kept"
        f" for {GENERIC_HEAD_NAMES}+ unrelated",
        "# Latin names (no person's: a generic head, 新闻网, 联盟) left out.",
        "# Both names normalized (text.fold.quick_normalize; a leading 'the' dropped); written: the posts writing the Han",
        "# name, glossed or not.",
        "# han\tlatin\tposts\toutlets\twritten",
    ]
    lines += [f"{h}\t{la}\t{p}\t{o}\t{written[h]}" for h, la, p, o in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{posts} posts; {len(rows)} pairs written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
