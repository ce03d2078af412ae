"""Story comparison against fact labels (``bench/days/facts.toml``, format: bench/days/GUIDE.md).

For each labelled story, the labelled files are imported with the normal importer and compared
with ``stories.compare.compare_story``; then

* fact-link recall: share of gold same-fact pairs (two quoted sentences of one group, different
  outlets) that the comparison puts in one fact;
  (also printed: the same counting a pair found when any unit a quote covers shares a fact with any
  unit of the other quote; the main figure places a quote over two units on the one holding its beginning);
  also printed: links from units that hold only a ``[[story.only]]`` quote (one outlet's fact) to units of
  other outlets: wrong by the labels, though the precision above (quoted pairs only) does not see them;
* fact-link precision: share of the comparison's links between two quoted sentences (different
  outlets) that are gold pairs (links touching unquoted sentences are not judged);
* false "only X": details the comparison says only one outlet gives (``unique_details`` and
  one-outlet details of a fact) that another compared outlet names too (the same name in any
  script, a form of the same entity from ``same_entity``, or a name containing it);
* junk (captions, credits, datelines, "（完）", fragments) is not counted here: the comparison
  leaves out what ``stories.compare.is_furniture`` calls furniture, and the rest is read (see
  bench/days_results.md).

    python bench/days_facts_eval.py [--facts bench/days/facts.toml] [--show] [--details] [--same-fact rules|model]
        [--paraphrases none|LEXICON.tsv]

Data: the fact labels of the tuning days (2020-08-04, 2020-10-14, 2020-11-18): ``facts.toml``
(tuned on since session 13) and ``--facts bench/days/facts-s16.toml`` (six stories labelled in
session 16, scored apart); the test day's fact file is scored only with
``--facts bench/days/test/facts-2020-12-02.toml`` at the end.
``--days FOLDER`` reads the days from another ``archived`` folder (default: the four days in
../shared/days); the extra days 2020-09-16 and 2021-01-06 are not in ../shared: export them
with ``bench/days/export_days.py`` (GUIDE.md) and pass that folder.
``--show`` lists each missed pair with the two quotes and the units the comparison holds them in;
``--details`` lists the distinct details each story's comparison shows (to read for junk).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

DEFAULT_DAYS = REPO.parent / "shared" / "days" / "zhouxiang93123-waimei" / "archived"


def _key(text: str) -> str:
    from newsmirror.text.normalize import match_key

    return match_key(text)


def _text(facts: list[Any], where: tuple[str, str, int] | None) -> str:
    return next((r.text for f in facts for r in f.sentences if (r.article_id, r.outlet, r.index) == where), "")


# Fact files kept unscored for a later session (GUIDE section 5): the tools that read pairs one by
# one or fit on them refuse these and the test files. facts-s19 and facts-s20 were scored at session
# 19's final sitting (facts-s19's claims read after it): tuning files from session 20 on; facts-s21 was
# scored at session 20's final sitting: a tuning file from session 21 on; facts-s22 and facts-s26 were
# scored at session 21's final sitting: tuning files from session 22 on. facts-s25 (labelled in session 21)
# and facts-s28 (2020-12-27, labelled in session 22) were scored at session 22's final sitting: tuning files
# from session 23 on. facts-s27 (labelled in session 22) and facts-s30 (2020-10-25, labelled in session 23)
# were scored at session 23's final sitting: tuning files from session 24 on. facts-s29 (labelled in
# session 23) and facts-s31 (2020-09-27, labelled in session 24) were first scored at session 24's final
# sitting: tuning files from session 25 on. facts-s32 (2020-12-19, labelled in session 24) was first scored at
# session 25's start and sitting: a tuning file from session 26 on. facts-s33 (2020-08-15,
# labelled in session 25) was first scored at session 26's start and sitting: a tuning file from session 27 on.
# facts-s34 (2020-10-31) and facts-s35 (2020-12-12), labelled in session 26, were first scored at session 27's start
# and sitting: tuning files from session 28 on.
# facts-s36 (2020-07-26, drawn at random and labelled in session 27) was first scored at session 28's start: a
# tuning file from then on. facts-s37 (2020-09-12, drawn at random, labelled in session 28) was first scored at
# session 29's start (R .597 P .952, 0 false only-X of 9): a tuning file from then on. facts-s38 (2020-10-18, drawn
# at random, labelled in session 29) was first scored at session 30's start (R .471 P .857, 1 false only-X of 2): a
# tuning file from then on. facts-s39 (2020-12-06, drawn at random, labelled in session 30) was first scored at
# session 31's start (R .337 P 1.000, 0 false only-X of 3): a tuning file from then on. facts-s40 (2020-10-04, drawn
# at random, labelled in session 31) was first scored at session 32's start (R .574 P .907, 0 false only-X of 7): a
# tuning file from then on. facts-s41 (2020-10-10, drawn at random, labelled in session 32) was first scored at
# session 33's start (R .489 P .850, 0 false only-X of 7): a tuning file from then on. facts-s42 (2020-09-20, drawn
# at random, labelled in session 33) was first scored at session 34's start (R .632 P .983, 0 false only-X of 9): a
# tuning file from then on. facts-s43 (2020-11-25, drawn at random, labelled in session 34) was first scored at
# session 35's start (R .538 P .862, 0 false only-X of 5): a tuning file from then on. facts-s44 (2020-07-31, drawn
# at random, labelled in session 35) was first scored at session 36's start (R .598 P .931, 0 false only-X of 1): a
# tuning file from then on. facts-s45 (2020-12-23, drawn at random, labelled in session 36) was first scored at
# session 37's start (R .498 P .847, 0 false only-X of 1): a tuning file from then on. facts-s46 (2020-09-02, drawn
# at random, labelled in session 37) was first scored at session 38's start (R .471 P .909, 1 false only-X of 5): a
# tuning file from then on. facts-s47 (2020-08-19, drawn at random, labelled in session 38) was first scored at
# session 39's start (R .480 P .915, 0 false only-X of 9): a tuning file from then on. facts-s48 (2020-08-26, drawn
# at random, labelled in session 39) was first scored at session 40's start (R .580 P .879, 0 false only-X of 4): a
# tuning file from then on. facts-s49 (2020-11-12, drawn at random, labelled in session 40) was first scored at
# session 41's start (R .558 P .854, 1 false only-X of 12): a tuning file from then on. facts-s50 (2020-10-28, drawn
# at random, labelled in session 41) was first scored at session 42's start (R .536 P .895, 0 false only-X of 3): a
# tuning file from then on. facts-s51 (2020-12-30, drawn at random, labelled in session 42) was first scored at
# session 43's start (R .613 P .807, 0 false only-X of 7): a tuning file from then on. facts-s52 (2020-10-01, drawn at
# random, labelled in session 43) was first scored at session 44's start (R .576 P .920, 0 false only-X of 6): a tuning
# file from then on. facts-s53 (2020-11-05, drawn at random, labelled in session 44) was first scored at session 45's
# start (R .783 P .947, 0 false only-X of 7): a tuning file from then on. facts-s54 (2020-09-09, drawn at random,
# labelled in session 45) was first scored at session 46's start (R .675 P .912, 2 false only-X of 6): a tuning file
# from then on. facts-s55 (2020-12-16, drawn at random, labelled in session 46) was first scored at session 47's start
# (R .696 P .769, 0 false only-X of 1): a tuning file from then on. facts-s56 (2020-09-23, drawn at random, labelled in
# session 47) was first scored at session 48's start (R .655 P .947, 0 only-X claims): a tuning file from then on.
# facts-s57 (2020-10-21, drawn at random, labelled in session 48) was first scored at session 49's start (R .658
# P .845, 0 false only-X of 9): a tuning file from then on. facts-s58 (2020-12-09, drawn at random, labelled in
# session 49) was first scored at session 50's start (R .735 P .976, 0 false only-X of 1): a tuning file from then on.
# facts-s59 (2020-08-12, drawn at random, labelled in session 50) was first scored at session 51's start (R .670
# P .924, 0 false only-X of 1): a tuning file from then on. facts-s60 (2020-10-07, drawn at random, labelled in
# session 51) was first scored at session 52's start (R .375 P .808, 0 false only-X of 6): a tuning file from then on.
# facts-s61 (2021-01-04, drawn at random, labelled in session 52) was first scored at session 53's start (R .551
# P .874, 0 false only-X of 5): a tuning file from then on. facts-s62 (2020-07-24, drawn at random, labelled in
# session 53) was first scored at session 54's start (R .564 P .924, 0 false only-X of 6): a tuning file from then
# on. facts-s63 (2020-11-03, drawn at random, labelled in session 54) was first scored at session 55's start (R .534
# P .826, 0 false only-X of 2): a tuning file from then on. facts-s64 (2020-08-21, drawn at random, labelled in
# session 55) was first scored at session 56's start (R .232 P .750, 0 false only-X of 4): a tuning file from then
# on. facts-s65 (2020-09-14, drawn at random, labelled in session 56) was first scored at session 57's start (R .416
# P .874, 0 false only-X of 3): a tuning file from then on. facts-s66 (2020-11-10, drawn at random, labelled in
# session 57) was first scored at session 58's start (R .584 P .816, 0 false only-X of 1): a tuning file from then
# on. facts-s67 (2020-12-14, drawn at random, labelled in session 58) was first scored at session 59's start (R .313
# P .538, 1 false only-X of 2): a tuning file from then on. facts-s68 (2020-10-23, drawn at random, labelled in
# session 59) was first scored at session 60's start (R .312 P .921, 0 false only-X of 3): a tuning file from then
# on. facts-s69 (2020-11-27, drawn at random, labelled in session 60) was first scored at session 61's start (R .561
# P .809, 0 only-X claims): a tuning file from then on. facts-s70 (2020-10-16, drawn at random, labelled in session
# 61) was first scored at session 62's start (R .118 P .500, 0 false only-X of 4): a tuning file from then on.
# facts-s71 (2020-07-29, drawn at random, labelled in session 62) was first scored at session 63's start (R .464
# P .963, 0 false only-X of 7): a tuning file from then on. facts-s72 (2020-08-02, labelled in session 63: two stories
# drawn at random, three near-sample stories set aside and kept, removable whole) was first scored at session 64's
# start (R .205 P .708, 0 false only-X of 2): a tuning file from then on. facts-s73 (2020-12-04, drawn at random, labelled in
# session 64) was first scored at session 65's start (R .544 P .840, 0 false only-X of 4): a tuning file from then on.
# facts-s74 (2020-11-23, drawn at random, labelled in session 65) was first scored at session 66's start (R .500 P .849,
# 0 false only-X of 5): a tuning file from then on. facts-s75 (2020-08-06, drawn at random, labelled in session 66) was
# first scored at session 67's start (R .286 P .857, 0 false only-X of 3): a tuning file from then on. facts-s76
# (2020-09-25, drawn at random, labelled in session 67) was first scored at session 68's start (R .336 P .877, 0 false
# only-X of 1): a tuning file from then on. facts-s77 (2020-08-17, labelled in session 68: stories drawn at random,
# three near-sample stories last, removable) was first scored at session 69's start (R .333 P .846, 0 false only-X of
# 1): a tuning file from then on. facts-s78 (2020-09-29, labelled in session 69: stories drawn at random, two
# near-sample stories last, removable) was first scored at session 70's start (R .493 P .949, 0 false only-X of 3): a
# tuning file from then on. facts-s79 (2020-12-25, labelled in session 70: stories drawn at random, three near-sample
# stories last, removable) was first scored at session 71's start (R .287 P .763, 0 false only-X of 2): a tuning file
# from then on. facts-s80 (2020-09-18, labelled in session 71: stories drawn at random, one near-sample story last,
# removable) was first scored at session 72's start (R .481 P .926, 0 false only-X of 5): a tuning file from then on.
# facts-s81 (2020-09-04, labelled in session 72: stories drawn at random) was first scored at session 73's start (R
# .348 P 1.000, 0 false only-X of 2): a tuning file from then on. facts-s82 (2020-10-12, labelled in session 73:
# stories drawn at random) was first scored at session 74's start (R .393 P .875, no only-X claim): a tuning file from
# then on. facts-s83 (2020-07-20, labelled in session 74: stories drawn at random) was first scored at session 75's
# start (R .404 P .824, 0 false only-X of 5): a tuning file from then on. facts-s84 (2020-08-31, drawn at random,
# labelled in session 75) is kept for session 76.
FRESH_FACT_FILES = ("facts-s84",)
# The tuning fact files (bench/days/<name>.toml): every fact tool's default (``tuning_fact_paths``; facts_lofo.TUNING
# names the same tuple). A fresh file joins it when it is first scored, and leaves FRESH_FACT_FILES then.
TUNING_FACT_FILES = ("facts", "facts-s16", "facts-s17", "facts-s17b", "facts-s17c", "facts-s18", "facts-s18b",
                     "facts-s19", "facts-s20", "facts-s21", "facts-s22", "facts-s23", "facts-s24", "facts-s25",
                     "facts-s26", "facts-s27", "facts-s28", "facts-s29", "facts-s30", "facts-s31", "facts-s32",
                     "facts-s33", "facts-s34", "facts-s35", "facts-s36", "facts-s37", "facts-s38", "facts-s39",
                     "facts-s40", "facts-s41", "facts-s42", "facts-s43", "facts-s44", "facts-s45", "facts-s46",
                     "facts-s47", "facts-s48", "facts-s49", "facts-s50", "facts-s51", "facts-s52", "facts-s53",
                     "facts-s54", "facts-s55", "facts-s56",
                     "facts-s57", "facts-s58", "facts-s59", "facts-s60", "facts-s61",
                     "facts-s62", "facts-s63", "facts-s64", "facts-s65",
                     "facts-s66", "facts-s67", "facts-s68", "facts-s69", "facts-s70",
                     "facts-s71", "facts-s72", "facts-s73",
                     "facts-s74", "facts-s75", "facts-s76", "facts-s77", "facts-s78", "facts-s79", "facts-s80",
                     "facts-s81", "facts-s82", "facts-s83")


def tuning_fact_paths() -> list[Path]:
    """The tuning fact files, in ``TUNING_FACT_FILES``' order."""
    return [REPO / "bench" / "days" / f"{name}.toml" for name in TUNING_FACT_FILES]


def never_tuned_on(path: Path) -> bool:
    """Whether a fact file is a test file or a fresh one (``FRESH_FACT_FILES``)."""
    return "test" in path.parts or path.stem in FRESH_FACT_FILES


def refuse_never_tuned_on(paths: Iterable[Path], what: str) -> None:
    """Stop (``SystemExit``) before anything is read when one of ``paths`` is a test or fresh fact file: such files
    are never ``what`` (e.g. "read pair by pair")."""
    if any(never_tuned_on(path) for path in paths):
        raise SystemExit(f"test and fresh fact files are never {what}")


def tuning_or_given(facts: list[Path] | None, what: str) -> list[Path]:
    """``facts`` (the tuning fact files if none are given), refused (``refuse_never_tuned_on``) if one is a test or
    fresh file: the link-by-link tools' one way to take ``--facts``."""
    paths = facts or tuning_fact_paths()
    refuse_never_tuned_on(paths, what)
    return paths


def add_fact_file_arguments(parser: argparse.ArgumentParser) -> None:
    """``--facts F [F ...]`` and ``--days ARCHIVED`` (both required): the fact files a census reads, and the folder
    of their days."""
    parser.add_argument("--facts", type=Path, nargs="+", required=True)
    parser.add_argument("--days", type=Path, required=True)


def data_role(path: Path) -> str:
    """What a fact file is to the code it scores, as the results table's title says it."""
    if "test" in path.parts:
        return "test day: never tuned on"
    if path.stem in FRESH_FACT_FILES:
        return "fresh: never tuned on"
    return "tuning days"


def _covered_units(key: str, where: tuple[str, str, int], sentence_keys: dict[tuple[str, str, int], str]
                   ) -> list[tuple[str, str, int]]:
    """The units a quote covers: the one holding its (longest) beginning, then each next unit of the
    article that holds the beginning (4+ characters) of what is left of it."""
    covered = [where]
    held = sentence_keys[where]
    rest = key[next((n for n in range(len(key), 0, -1) if key[:n] in held), 0):]
    following = (where[0], where[1], where[2] + 1)
    while len(rest) >= 4 and following in sentence_keys:
        size = next((n for n in range(len(rest), 3, -1) if rest[:n] in sentence_keys[following]), 0)
        if not size:
            break
        covered.append(following)
        rest = rest[size:]
        following = (following[0], following[1], following[2] + 1)
    return covered


def _locate(quote: dict[str, str], articles: dict[str, Any], sentence_keys: dict[tuple[str, str, int], str]
            ) -> tuple[str, str, int] | None:
    """The unit holding a quote's longest beginning (6+ characters), as fact quotes are placed."""
    article = articles.get(quote["file"])
    if article is None:
        return None
    key = _key(quote["text"])
    for size in range(len(key), 5, -1):
        where = next((s for s, k in sentence_keys.items() if s[0] == article.id and key[:size] in k), None)
        if where is not None:
            return where
    return None


def load_stories(facts_path: Path, days: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each labelled story with its files imported by the normal importer: (story, file -> article)."""
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store

    with facts_path.open("rb") as handle:
        stories = tomllib.load(handle)["story"]
    loaded = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, story in enumerate(stories):
            with open_store(Path(tmp) / f"s{n}.sqlite") as store:
                folder = days / story["day"]
                if not folder.is_dir():
                    raise SystemExit(f"{folder} is missing: pass --days with the 'archived' folder holding "
                                     f"{story['day']} (bench/days/export_days.py exports the extra days)")
                report = import_paths(store, [folder / name for name in story["files"]])
                articles = {}
                for result in report.results:
                    if result.article_id:
                        article = store.get_article(result.article_id)
                        if article is not None:
                            articles[Path(result.path).name] = article
            loaded.append((story, articles))
    return loaded


def evaluate(facts_path: Path, days: Path, show: bool = False, same_fact: str = "rules",
             details: bool = False) -> dict[str, Any]:
    return score(load_stories(facts_path, days), show=show, same_fact=same_fact, details=details)


def score(loaded: list[tuple[dict[str, Any], dict[str, Any]]], show: bool = False, same_fact: Any = "rules",
          model: Any = None, details: bool = False, rescue: Any = None,
          pairs: list[tuple[str, str, str, bool]] | None = None,
          wrong: list[tuple[str, tuple[str, str, int], tuple[str, str, int], list[str], list[str]]] | None = None,
          judged: list[tuple[str, tuple[str, str, int], tuple[str, str, int], list[str], list[str], bool]] | None = None
          ) -> dict[str, Any]:
    """Link recall and precision and false "only X" claims of ``compare_story`` (``same_fact``
    "rules", the default, or "model" with ``model``, default the fitted one) on loaded stories.
    ``pairs``, when given, receives every gold pair as (story/fact, quote, quote, linked); ``wrong``
    every judged-wrong link as (story, unit, unit, the one's gold facts, the other's), a unit being
    (article id, outlet, unit index); ``judged`` every judged link so, with whether it is right."""
    from newsmirror.stories.compare import compare_story

    totals = {"gold_pairs": 0, "found_pairs": 0, "judged_links": 0, "right_links": 0, "only_claims": 0,
              "false_only": 0, "seconds": 0.0, "spanning_quotes": 0, "found_any_unit": 0, "only_units": 0,
              "only_links": 0, "covered_judged_links": 0, "covered_right_links": 0}
    false_claims: list[str] = []
    for story, articles in loaded:
        reports = list({a.id: a for a in articles.values()}.values())
        started = time.perf_counter()
        comparison = compare_story(reports, story_id=story["event"], same_fact=same_fact, model=model, rescue=rescue)
        totals["seconds"] += time.perf_counter() - started
        outlet_of = {name: a.outlet for name, a in articles.items()}
        # Where each system sentence sits: (outlet, sentence index) -> fact number.
        # A sentence that packs two facts may be shown in both.
        fact_of: dict[tuple[str, str, int], set[int]] = defaultdict(set)
        all_facts = [*comparison.shared, *comparison.partial,
                     *(f for facts in comparison.unique.values() for f in facts)]
        sentence_keys: dict[tuple[str, str, int], str] = {}
        for number, fact in enumerate(all_facts):
            for ref in fact.sentences:
                fact_of[ref.article_id, ref.outlet, ref.index].add(number)
                sentence_keys[ref.article_id, ref.outlet, ref.index] = _key(ref.text)
        # Gold quotes -> the system sentences that contain them.
        quoted: list[tuple[str, str, tuple[str, str, int] | None]] = []  # group, file, sentence
        quote_text: list[str] = []
        units_of: list[list[tuple[str, str, int]]] = []  # every unit a quote covers
        for fact in story.get("fact", []):
            for quote in fact["sentences"]:
                article = articles.get(quote["file"])
                where = None
                if article is not None:
                    key = _key(quote["text"])
                    where = next((s for s, k in sentence_keys.items() if s[0] == article.id and key in k), None)
                    # A quote spanning two units (a clause mark inside quoted words): the unit
                    # holding its longest beginning, at least 6 characters.
                    for size in range(len(key) - 1, 5, -1):
                        if where is not None:
                            break
                        where = next((s for s, k in sentence_keys.items()
                                      if s[0] == article.id and key[:size] in k), None)
                covered = _covered_units(_key(quote["text"]), where, sentence_keys) if where else []
                totals["spanning_quotes"] += len(covered) > 1
                units_of.append(covered)
                quoted.append((fact["id"], quote["file"], where))
                quote_text.append(quote["text"])
        for i, (group_a, file_a, where_a) in enumerate(quoted):
            for k, (group_b, file_b, where_b) in enumerate(quoted[i + 1:], i + 1):
                if group_a != group_b or outlet_of.get(file_a) == outlet_of.get(file_b):
                    continue
                linked = (where_a is not None and where_b is not None
                          and bool(fact_of[where_a] & fact_of[where_b]))
                totals["gold_pairs"] += 1
                totals["found_pairs"] += linked
                if pairs is not None:
                    pairs.append((f"{story['event']}/{group_a}", quote_text[i], quote_text[k], linked))
                # The same pair counted as found when any unit of one quote shares a fact with any of
                # the other's (a quote over two clauses, the comparison linking its second).
                totals["found_any_unit"] += linked or any(fact_of[a] & fact_of[b] for a in units_of[i] for b in units_of[k])
                if show and not linked:
                    print(f"  missed {story['event']}/{group_a}: {file_a[11:40]} ~ {file_b[11:40]}")
                    for where, text in ((where_a, quote_text[i]), (where_b, quote_text[k])):
                        found = _text(all_facts, where) if where else "(no system sentence holds it)"
                        print(f"      {text}  <- {found[:90]}")
        # Links the labels say are wrong though no fact quote judges them: a unit holding a quote of
        # ``[[story.only]]`` (a fact one compared file alone states) and no fact quote, in a fact with
        # a unit of another outlet (each such unit counted once).
        located_quotes = {where for _group, _file, where in quoted}
        only_units = {_locate(o, articles, sentence_keys) for o in story.get("only", [])} - located_quotes - {None}
        totals["only_units"] += len(only_units)
        for unit in only_units:
            totals["only_links"] += len({(r.article_id, r.outlet, r.index) for n in fact_of[unit]
                                         for r in all_facts[n].sentences if r.outlet != unit[1]})
        # Precision over the system's links between quoted sentences: one system sentence may
        # hold the quotes of two gold facts (a long sentence); the link is right when the two
        # sentences share a gold fact.
        groups_of: dict[tuple[str, str, int], set[str]] = defaultdict(set)
        for group, _file, where in quoted:
            if where is not None:
                groups_of[where].add(group)
        located = sorted(groups_of)
        # The same judgement with a quote placed on every unit it covers (session 58, recall83): a
        # later unit of a spanning quote linked with a quote of that fact is right, with a unit of
        # another fact wrong; recall's counterpart is ``found_any_unit``. Both conventions are
        # counted; the first-unit figures stay the headline ones.
        covered_groups: dict[tuple[str, str, int], set[str]] = defaultdict(set)
        for (group, _file, _where), covered in zip(quoted, units_of, strict=True):
            for unit in covered:
                covered_groups[unit].add(group)
        every_unit = sorted(covered_groups)
        for i, where_a in enumerate(every_unit):
            for where_b in every_unit[i + 1:]:
                if where_a[1] != where_b[1] and fact_of[where_a] & fact_of[where_b]:
                    totals["covered_judged_links"] += 1
                    totals["covered_right_links"] += bool(covered_groups[where_a] & covered_groups[where_b])
        for i, where_a in enumerate(located):
            for where_b in located[i + 1:]:
                if where_a[1] == where_b[1] or not fact_of[where_a] & fact_of[where_b]:
                    continue
                right = bool(groups_of[where_a] & groups_of[where_b])
                totals["judged_links"] += 1
                totals["right_links"] += right
                if judged is not None:
                    judged.append((story["event"], where_a, where_b, sorted(groups_of[where_a]),
                                   sorted(groups_of[where_b]), right))
                if wrong is not None and not right:
                    wrong.append((story["event"], where_a, where_b, sorted(groups_of[where_a]), sorted(groups_of[where_b])))
                if show and not right:
                    print(f"  wrong link {story['event']}: {sorted(groups_of[where_a])} ~ "
                          f"{sorted(groups_of[where_b])}: {_text(all_facts, where_a)[:50]} ~ "
                          f"{_text(all_facts, where_b)[:50]}")
        # "Only X names N": false when another compared outlet names N in any form.
        names_by_outlet: dict[str, set[str]] = defaultdict(set)
        for entry in story.get("names", []):
            outlet = outlet_of.get(entry["file"])
            if outlet:
                names_by_outlet[outlet].update(_key(name) for name in entry["names"])
        forms = [{_key(f) for f in entity["forms"]} for entity in story.get("same_entity", [])]

        def same(a: str, b: str, forms: list[set[str]] = forms) -> bool:
            if a == b or (len(a) >= 2 and len(b) >= 2 and (a in b or b in a)):
                return True
            return any(a in group and b in group for group in forms)

        claims = only_claims(comparison)
        if details:
            shown = {term for fact in all_facts for term in fact.details}
            shown.update(t for terms in comparison.unique_details().values() for t in terms)
            print(f"  details {story['event']}: {' '.join(sorted(shown))}")
        for outlet, terms in claims.items():
            for term in terms.values():
                totals["only_claims"] += 1
                key = _key(term)
                others = [o for o in names_by_outlet if o != outlet]
                if any(same(key, name) for o in others for name in names_by_outlet[o]):
                    totals["false_only"] += 1
                    false_claims.append(f"{story['event']}: only {outlet} names {term}")
    if show:
        for claim in false_claims:
            print("  false:", claim)
    return totals



def every_unit_figures(totals: dict[str, Any]) -> str:
    """The covered-units scorer's figures (a spanning quote counted on every unit it covers, for recall
    and judged precision alike), to print beside the first-unit ones."""
    found, gold = totals["found_any_unit"], max(totals["gold_pairs"], 1)
    right, judged = totals["covered_right_links"], max(totals["covered_judged_links"], 1)
    return (f"every covered unit: link R {found / gold:.4f} ({found:.0f}/{gold:.0f}) "
            f"P {right / judged:.4f} ({right:.0f}/{judged:.0f})")


def judged_stories(facts_path: Path, days: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any], list[Any]]]:
    """Each story of one fact file that the comparison links judged units in, with those judged links
    (``score``'s ``judged`` rows), one story scored at a time: the link-by-link census tools' walk."""
    for story, articles in load_stories(facts_path, days):
        judged: list[Any] = []
        score([(story, articles)], judged=judged)
        if judged:
            yield story, articles, judged

def only_claims(comparison: Any) -> dict[str, dict[str, str]]:
    """The comparison's "only X names N" claims: outlet -> match key -> the name as shown, one claim
    per outlet and name (the story's list shows an outlet's own spelling, 李文輝, a fact the
    normalized one, 李文辉): ``unique_details`` and every one-outlet detail of a fact."""
    claims: dict[str, dict[str, str]] = defaultdict(dict)
    for outlet, terms in comparison.unique_details().items():
        for term in terms:
            claims[outlet].setdefault(_key(term), term)
    for fact in [*comparison.shared, *comparison.partial, *(f for fs in comparison.unique.values() for f in fs)]:
        for term, givers in fact.details.items():
            if len(givers) == 1:
                claims[givers[0]].setdefault(_key(term), term)
    return claims


def use_paraphrases(choice: str) -> None:
    """Match with the packaged paraphrase lexicon (""), without one ("none"), or with a lexicon
    file (to compare mined variants)."""
    import newsmirror.text.paraphrase as paraphrase

    if choice:
        mapping = {} if choice == "none" else paraphrase.parse_lexicon(Path(choice).read_text(encoding="utf-8"))
        paraphrase.paraphrase_map = lambda: mapping  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facts", type=Path, default=REPO / "bench" / "days" / "facts.toml")
    parser.add_argument("--days", type=Path, default=DEFAULT_DAYS,
                        help="the 'archived' folder of days (default: ../shared/days/zhouxiang93123-waimei/archived)")
    parser.add_argument("--show", action="store_true", help="list missed and wrong links and false claims")
    parser.add_argument("--details", action="store_true", help="list the details each story shows")
    parser.add_argument("--paraphrases", default="",
                        help='"none" to match without the paraphrase lexicon, or a lexicon TSV to use instead')
    parser.add_argument("--same-fact", choices=("rules", "model"), default="rules",
                        help="which same-fact decision compare_story uses (default: rules)")
    args = parser.parse_args()
    from rich.console import Console
    from rich.table import Table

    use_paraphrases(args.paraphrases)
    totals = evaluate(args.facts, args.days, args.show, args.same_fact, args.details)
    table = Table(title=f"story comparison vs {args.facts.name} ({data_role(args.facts)}, {args.same_fact})")
    for column in ("gold pairs", "link recall", "judged links", "link precision", "only-X claims",
                   "false only-X", "compare s"):
        table.add_column(column, justify="right")
    recall = totals["found_pairs"] / max(totals["gold_pairs"], 1)
    precision = totals["right_links"] / max(totals["judged_links"], 1)
    table.add_row(str(totals["gold_pairs"]), f"{recall:.3f}", str(totals["judged_links"]), f"{precision:.3f}",
                  str(totals["only_claims"]), str(totals["false_only"]), f"{totals['seconds']:.2f}")
    Console(width=160).print(table)
    print(f"quotes over two or more units: {totals['spanning_quotes']}; {every_unit_figures(totals)}")
    print(f"units holding only a one-outlet fact ([[story.only]]): {totals['only_units']}; units of other outlets "
          f"the comparison puts in a fact with them (wrong links no fact quote judges): {totals['only_links']}")


if __name__ == "__main__":
    main()
