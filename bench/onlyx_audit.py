"""Audit of "only X names N" claims on stories of the unlabelled archive (issue 14 item 5).

Three steps (bench/days_results.md, session 27, onlyx24):

* ``draw``: from a whole-archive grouping dump (``bench/stories_scale.py --dump``, article ids) and the
  store it was made from, the stories of 3+ outlets whose every report is an exported file of a day
  more than 3 days from every labelled day (``bench.days_eval.LABELLED_DAYS`` and 2020-07-26); a
  republished copy (a report sharing >= ``COPY_JACCARD`` of its character 5-grams with an earlier
  report of another outlet) is left out, as the grouping leaves copies out of a comparison. Two
  samples are drawn with a fixed seed before anything is read: A (tuning) and B (held), B's stories on
  other days than A's. Writes the sample file (story ids, sample, files; no text).
* ``show``: per story of a sample, each only-X claim of ``compare_story`` (outlet, the name as shown),
  with the other compared outlets' sentences of the same fact and any other sentence of theirs that
  might name the same entity (sharing two of its characters, or one for a two-character name, its
  Latin gloss's surname, a Latin word of it), so a person can judge it quickly.
* ``score``: claims of a sample counted against the judgements file (``[[claim]]`` tables: story,
  outlet, name, verdict "true"/"false"); claims nobody judged are listed, to be judged by reading.

    python bench/onlyx_audit.py draw --dump STORIES.json --store STORE.sqlite --root ARCHIVE [--seed 27]
        [--size 40] --out bench/days/onlyx-sample.toml [--exclude SAMPLE.toml ... --name C]
    python bench/onlyx_audit.py show --sample bench/days/onlyx-sample.toml --which A --root ARCHIVE
    python bench/onlyx_audit.py score --sample bench/days/onlyx-sample.toml --judged bench/days/onlyx-judged.toml
        --which A --root ARCHIVE

``ARCHIVE`` is the folder holding ``archived/<date>/`` (the whole export). Claims are counted as
``bench/days_facts_eval.py`` counts them: one per outlet and name (``match_key``), from
``Comparison.unique_details`` and every one-outlet detail of a fact.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sqlite3
import sys
import tempfile
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days import onlyx_samples  # noqa: E402
from bench.days_eval import FRESH_DAYS, HELD_OUT_DAY, LABELLED_DAYS, TEST_DAYS  # noqa: E402

DRAWN_LATER: tuple[str, ...] = ()  # days drawn to be labelled before they join LABELLED_DAYS (none now)
# Days labelled after samples A-F were drawn: those samples were eligible without them (2020-09-12 was drawn at
# random in session 28, 2020-10-18 in session 29, after samples A-H were read, 2020-12-06 in session 30, after A-I
# were read, 2020-10-04 in session 31, after A-J were read, 2020-10-10 in session 32, after A-K were read, 2020-09-20
# in session 33, after A-K were read, 2020-11-25 in session 34, after A-K were read, 2020-07-31 in session 35, after
# A-L were read, 2020-12-23 in session 36, after A-M were read, 2020-09-02 in session 37, after A-N were read, 2020-08-19 in session 38, after
# A-O were read, 2020-08-26 in session 39, after A-P were read, 2020-11-12 in session 40, after A-Q were read, 2020-10-28 in session 41, after A-R were read,
# 2020-12-30 in session 42, after A-S were read, 2020-10-01 in session 43, after A-T were read, 2020-11-05 in
# session 44, after A-U were read, 2020-09-09 in session 45, after A-V were read, 2020-12-16 in session 46, after A-W were
# read, 2020-09-23 in session 47, after A-X were read, 2020-10-21 in session 48, after A-Y were read,
# 2020-12-09 in session 49, after A-Z were read, 2020-08-12 in session 50, after A-AA were read,
# 2020-10-07 in session 51, after A-AB were read, 2021-01-04 in session 52, after A-AC were read,
# 2020-07-24 in session 53, after A-AD were read, 2020-11-03 in session 54, after A-AE were read, 2020-08-21 in
# session 55, after A-AF were read, 2020-09-14 in session 56, after A-AG were read, 2020-11-10 in session 57, after
# A-AH were read, 2020-12-14 in session 58, after A-AI were read, 2020-10-23 in session 59, after A-AJ were read,
# 2020-11-27 in session 60, after A-AK were read, 2020-10-16 in session 61, after A-AL were read,
# 2020-07-29 in session 62, after A-AM were read, 2020-08-02 in session 63, after A-AN were read, 2020-12-04 in
# session 64, after A-AO were read, 2020-11-23 in session 65, after A-AP were read,
# 2020-08-06 in session 66, after A-AQ were read, 2020-09-25 in session 67, after A-AR were read, 2020-08-17 in
# session 68, after A-AS were read, 2020-09-29 in session 69, after A-AT were read, 2020-12-25 in session 70, after
# A-AU were read, 2020-09-18 in session 71, after A-AV were read, 2020-09-04 in session 72, after A-AW were read,
# 2020-10-12 in session 73, after A-AX were read, 2020-07-20 in session 74, after A-AY were read,
# 2020-08-31 in session 75, after A-AZ were read; their fact
# labellers keep away from the samples' stories).
LABELLED_AFTER_SAMPLES_A_TO_F = ("2020-09-12", "2020-10-18", "2020-12-06", "2020-10-04", "2020-10-10", "2020-09-20",
                                 "2020-11-25", "2020-07-31", "2020-12-23", "2020-09-02",
                                 "2020-08-19", "2020-08-26", "2020-11-12", "2020-10-28", "2020-12-30",
                                 "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16",
                                 "2020-09-23", "2020-10-21", "2020-12-09",
                                 "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03",
                                 "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14",
                                 "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29",
                                 "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06",
                                 "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18",
                                 "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31")
NEAR_DAYS = 3
MAX_REPORTS = 12  # a larger story's claims could not be read in the time a sample allows
COPY_JACCARD = 0.6  # as ClusterConfig.duplicate_jaccard
_FROM = re.compile(r"^from:\s*(\S+)", re.M)
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_SPLIT = re.compile(r"(?<=[。！？!?；;\n])")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}")


def eligible_day(day: str, pool: str = "unlabelled", labelled_later: tuple[str, ...] = ()) -> bool:
    """Whether a day's reports may be drawn: pool "unlabelled" keeps away from every labelled day;
    "near-tuning" (sample E on) only away from the days nobody may read (held-out, test, fresh), since the
    tuning days and their neighbours are tuning data anyway."""
    when = dt.date.fromisoformat(day)
    avoided = (*LABELLED_DAYS, *DRAWN_LATER) if pool == "unlabelled" else (HELD_OUT_DAY, *TEST_DAYS, *FRESH_DAYS)
    avoided = tuple(d for d in avoided if d not in labelled_later)  # eligibility as it was when a sample was drawn
    return all(abs((when - dt.date.fromisoformat(d)).days) > NEAR_DAYS for d in avoided)


def _file_of_url(root: Path, days: list[str]) -> dict[str, str]:
    """Archive address (front matter ``from:``) -> "date/file name" for the files of ``days``."""
    found: dict[str, str] = {}
    for day in days:
        for path in sorted((root / "archived" / day).glob("*.md")):
            with path.open(encoding="utf-8", errors="replace") as handle:
                head = handle.read(2000)
            match = _FROM.search(head)
            if match:
                found.setdefault(match[1], f"{day}/{path.name}")
    return found


def _shingles(text: str) -> frozenset[str]:
    from newsmirror.text.normalize import match_key

    key = match_key(text)
    return frozenset(key[i : i + 5] for i in range(max(len(key) - 4, 1)))


def draw(args: argparse.Namespace) -> None:
    stories = json.loads(args.dump.read_text(encoding="utf-8"))["stories"]
    days = sorted(d.name for d in (args.root / "archived").iterdir() if _DAY.fullmatch(d.name) and eligible_day(d.name, args.pool))
    by_url = _file_of_url(args.root, days)
    db = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    meta = {row[0]: row[1:] for row in db.execute("SELECT id, outlet, original_url, published_utc FROM articles")}
    candidates: list[list[tuple[str, str, str]]] = []  # story -> (article id, outlet, file)
    for story in stories:
        if len(story) < args.min_outlets or len({meta[a][0] for a in story if a in meta}) < args.min_outlets:
            continue
        files = [(a, meta[a][0], by_url.get(meta[a][1], "")) for a in story if a in meta]
        if len(files) != len(story) or not all(f for _a, _o, f in files):
            continue  # a report outside the eligible exported days
        candidates.append(sorted(files, key=lambda item: (meta[item[0]][2] or "", item[2])))
    print(f"{len(candidates)} stories of {args.min_outlets}+ outlets on {len(days)} eligible days (before copies are left out)")
    if args.exclude is not None:
        _draw_more(args, db, candidates)
        return
    # The days are split first (half A's, half B's, drawn with the seed), so B's stories are on other days.
    rng = random.Random(args.seed)
    shuffled = list(days)
    rng.shuffle(shuffled)
    day_sample = {d: ("A" if n % 2 == 0 else "B") for n, d in enumerate(shuffled)}
    order = list(range(len(candidates)))
    rng.shuffle(order)
    chosen: dict[str, list[tuple[int, list[str]]]] = {"A": [], "B": []}
    used_days: dict[str, set[str]] = {"A": set(), "B": set()}
    for index in order:
        story_days = {f.split("/")[0] for _a, _o, f in candidates[index]}
        samples = {day_sample[d] for d in story_days}
        if len(samples) != 1:
            continue  # a story over days of both samples belongs to neither
        sample = samples.pop()
        if len(chosen[sample]) >= args.size:
            continue
        reports = _own_reports(db, candidates[index])
        if len({o for o, _f in reports}) < 3 or len(reports) > MAX_REPORTS:
            continue
        chosen[sample].append((index, [f for _o, f in reports]))
        used_days[sample] |= story_days
        if all(len(v) >= args.size for v in chosen.values()):
            break
    lines = [f"# Drawn by bench/onlyx_audit.py draw --seed {args.seed} --size {args.size} from a whole-archive",
             "# grouping dump of main 3b1a6a0 before anything was read: stories of 3+ outlets (copies left out), every",
             f"# report on an exported day more than {NEAR_DAYS} days from every labelled day; A tuning, B held.", ""]
    for sample in ("A", "B"):
        for n, (_index, files) in enumerate(chosen[sample], start=1):
            lines += ["[[story]]", f'id = "{sample}{n:02d}"', f'sample = "{sample}"',
                      "files = [" + ", ".join(json.dumps(f, ensure_ascii=False) for f in files) + "]", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"A {len(chosen['A'])} stories on {len(used_days['A'])} days, B {len(chosen['B'])} on "
          f"{len(used_days['B'])} days -> {args.out}")


def _draw_more(args: argparse.Namespace, db: sqlite3.Connection, candidates: list[list[tuple[str, str, str]]]) -> None:
    """A further sample (``--name``, e.g. C) of eligible stories sharing no file with a story of the
    samples already drawn (``--exclude``), any eligible day, drawn with the seed before anything is read."""
    taken: set[str] = set()
    for path in args.exclude:
        with path.open("rb") as handle:
            taken |= {f for story in tomllib.load(handle)["story"] for f in story["files"]}
    order = list(range(len(candidates)))
    random.Random(args.seed).shuffle(order)
    chosen: list[list[str]] = []
    for index in order:
        if any(f in taken for _a, _o, f in candidates[index]):
            continue
        reports = sample_reports(_own_reports(db, candidates[index]), first_reports=args.first_reports,
                                 min_outlets=args.min_outlets)
        if reports is None:
            continue
        chosen.append([f for _o, f in reports])
        if len(chosen) >= args.size:
            break
    excluded = " ".join(p.name for p in args.exclude)
    avoided = "every labelled day" if args.pool == "unlabelled" else "the held-out, test and fresh days"
    trimmed = " --first-reports" if args.first_reports else ""
    outlets = f" --min-outlets {args.min_outlets}" if args.min_outlets != 3 else ""
    lines = [f"# Drawn by bench/onlyx_audit.py draw --seed {args.seed} --size {args.size} --name {args.name} --pool {args.pool}"
             f"{trimmed}{outlets}",
             f"# --exclude {excluded} from a whole-archive grouping dump of main before anything was read: stories of",
             f"# {args.min_outlets}+ outlets (copies left out), every report on an exported day more than {NEAR_DAYS} days from {avoided},",
             "# no file shared with a story of the samples excluded; held (not tuned on).", ""]
    for n, files in enumerate(chosen, start=1):
        lines += ["[[story]]", f'id = "{args.name}{n:02d}"', f'sample = "{args.name}"',
                  "files = [" + ", ".join(json.dumps(f, ensure_ascii=False) for f in files) + "]", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    days = {f.split("/")[0] for files in chosen for f in files}
    print(f"{args.name} {len(chosen)} stories on {len(days)} days -> {args.out}")


def sample_reports(reports: list[tuple[str, str]], first_reports: bool = False,
                   min_outlets: int = 3) -> list[tuple[str, str]] | None:
    """The (outlet, file) reports a drawn story enters a sample with, or None when it cannot enter: fewer than
    ``min_outlets`` outlets (3 for every sample before AO), or more than MAX_REPORTS reports. With ``first_reports`` a larger story enters as its first MAX_REPORTS
    reports (``reports`` come in publication order): the story as a reader saw it when its twelfth report arrived,
    a state the reader really met. Session 57 found the pool of stories of at most 12 reports used up (sample AI: 19
    stories); about 200 larger stories were left, which this lets a later sample read in the time a sample allows.
    Session 63 found the stories of 3+ outlets used up too (seed 67 left 4 of 1,546 sharing no file with an earlier
    sample): a two-outlet story's "only X names N" (the other outlet does not) is a claim readers meet as often."""
    if len(reports) > MAX_REPORTS:
        if not first_reports:
            return None
        reports = reports[:MAX_REPORTS]
    return reports if len({outlet for outlet, _file in reports}) >= min_outlets else None


def _own_reports(db: sqlite3.Connection, files: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(outlet, file) of a story's reports, a republished copy of another outlet's earlier report left out."""
    kept: list[tuple[str, str, frozenset[str]]] = []
    for article_id, outlet, file in files:
        row = db.execute("SELECT title, body_text FROM articles WHERE id = ?", (article_id,)).fetchone()
        grams = _shingles(f"{row[0]}\n{row[1]}")
        if any(o != outlet and len(grams & g) / max(len(grams | g), 1) >= COPY_JACCARD for o, _f, g in kept):
            continue
        kept.append((outlet, file, grams))
    return [(o, f) for o, f, _g in kept]


def load(sample_path: Path, which: str, root: Path) -> Iterator[tuple[dict[str, Any], list[Any]]]:
    """Each story of sample ``which`` with its files imported by the normal importer."""
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store

    with sample_path.open("rb") as handle:
        stories = [s for s in tomllib.load(handle)["story"] if s["sample"] == which]
    with tempfile.TemporaryDirectory() as tmp:
        for story in stories:
            with open_store(Path(tmp) / f"{story['id']}.sqlite") as store:
                report = import_paths(store, [root / "archived" / f for f in story["files"]], workers=0)
                articles = [store.get_article(r.article_id) for r in report.results if r.article_id]
            yield story, [a for a in articles if a is not None]


def claims_of(comparison: Any) -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], Any]]:
    """outlet -> match key -> the name as shown (``days_facts_eval.only_claims``), and the fact
    each claim was made in."""
    from bench.days_facts_eval import only_claims
    from newsmirror.text.normalize import match_key

    where: dict[tuple[str, str], Any] = {}
    for fact in [*comparison.shared, *comparison.partial]:
        for term, givers in fact.details.items():
            if len(givers) == 1:
                for shown in (term, fact.spelled(term, givers[0])):
                    where.setdefault((givers[0], match_key(shown)), fact)
    return only_claims(comparison), where


def _sentences(article: Any) -> list[str]:
    return [s.strip() for s in _SPLIT.split(f"{article.title}\n{article.body_text}") if len(s.strip()) >= 4]


def _may_name(sentence: str, term: str) -> bool:
    from newsmirror.text.normalize import normalize

    text = normalize(sentence)
    if term.isascii():
        surname = term.split()[-1].lower()
        return surname in text.lower() or any(w.lower()[:3] == surname[:3] for w in _LATIN.findall(sentence))
    chars = {c for c in normalize(term) if "\u4e00" <= c <= "\u9fff"}
    shared = sum(c in text for c in chars)
    return shared >= min(2, len(chars))


def _model_off() -> None:
    """Claims as before the only-X confidence model (onlyx28): every one-outlet detail kept."""
    import newsmirror.stories.compare as compare

    compare.likely_true = lambda *_args: True  # type: ignore[assignment]


def show(args: argparse.Namespace) -> None:
    from newsmirror.stories.compare import compare_story

    if args.model_off:
        _model_off()

    for story, articles in load(args.sample, args.which, args.root):
        comparison = compare_story(articles)
        claims, where = claims_of(comparison)
        total = sum(len(v) for v in claims.values())
        print(f"=== {story['id']} ({len(articles)} reports, {len(comparison.outlets)} outlets, {total} claims)")
        for article in articles:
            print(f"    {article.outlet}: {article.title[:60]}")
        for outlet in comparison.outlets:
            for key, term in claims.get(outlet, {}).items():
                print(f"  CLAIM {story['id']} | {outlet} | {term}")
                fact = where.get((outlet, key))
                if fact is not None:
                    own = next((r.text for r in fact.sentences if r.outlet == outlet), "")
                    print(f"      own: {own[:160]}")
                    for ref in fact.sentences:
                        if ref.outlet != outlet:
                            print(f"      fact {ref.outlet}: {ref.text[:160]}")
                for article in articles:
                    if article.outlet == outlet:
                        continue
                    hits = [s for s in _sentences(article) if _may_name(s, term)]
                    for sentence in hits[: args.per_outlet]:
                        print(f"      near {article.outlet}: {sentence[:160]}")


def score(args: argparse.Namespace) -> None:
    from newsmirror.stories.compare import compare_story
    from newsmirror.text.normalize import match_key

    if args.model_off:
        _model_off()

    with args.judged.open("rb") as handle:
        judged = {(c["story"], c["outlet"], match_key(c["name"])): c["verdict"]
                  for c in tomllib.load(handle).get("claim", [])}
    counts: dict[str, int] = defaultdict(int)
    for story, articles in load(args.sample, args.which, args.root):
        claims, _where = claims_of(compare_story(articles))
        for outlet, terms in claims.items():
            for key, term in terms.items():
                verdict = judged.get((story["id"], outlet, key), "unjudged")
                counts[verdict] += 1
                if verdict != "true" or args.list:
                    print(f"  {verdict}: {story['id']} | {outlet} | {term}")
    print(f"sample {args.which}: {sum(counts.values())} claims: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    drawing = commands.add_parser("draw")
    drawing.add_argument("--dump", type=Path, required=True)
    drawing.add_argument("--store", type=Path, required=True)
    drawing.add_argument("--root", type=Path, required=True)
    drawing.add_argument("--seed", type=int, default=27)
    drawing.add_argument("--size", type=int, default=40)
    drawing.add_argument("--out", type=Path, required=True)
    drawing.add_argument("--exclude", type=Path, action="append",
                         help="a sample file (repeatable): draw one more sample, none of their stories")
    drawing.add_argument("--name", default="C", help="the further sample's name (with --exclude)")
    drawing.add_argument("--first-reports", action="store_true",
                         help=f"with --exclude: a story of more than {MAX_REPORTS} reports enters as its first "
                              f"{MAX_REPORTS} (by publication time) instead of being passed over (from session 58 on: "
                              "the smaller stories are used up)")
    drawing.add_argument("--min-outlets", type=int, choices=(2, 3), default=3,
                         help="with --exclude: a story enters with this many outlets or more (2 from session 63 on, when "
                              "the stories of 3+ outlets were used up)")
    drawing.add_argument("--pool", choices=("unlabelled", "near-tuning"), default="unlabelled",
                         help="days to draw from: more than 3 days from every labelled day (A-D), or only away from the "
                              "held-out, test and fresh days (E on; tuning days are tuning data)")
    for name in ("show", "score"):
        command = commands.add_parser(name)
        command.add_argument("--sample", type=Path, required=True)
        command.add_argument("--which", choices=tuple(onlyx_samples.DRAWN), required=True)
        command.add_argument("--model-off", action="store_true",
                             help="every claim, as before the only-X confidence model (main d7c78d9's claims)")
        command.add_argument("--root", type=Path, required=True)
        if name == "show":
            command.add_argument("--per-outlet", type=int, default=4)
        else:
            command.add_argument("--judged", type=Path, required=True)
            command.add_argument("--list", action="store_true", help="list true claims too")
    args = parser.parse_args()
    if args.command == "draw" and args.first_reports and not args.exclude:
        parser.error("--first-reports applies to a further sample: give --exclude with every sample drawn (review59)")
    if args.command == "draw" and args.min_outlets != 3 and not args.exclude:
        parser.error("--min-outlets applies to a further sample: give --exclude with every sample drawn")
    {"draw": draw, "show": show, "score": score}[args.command](args)


if __name__ == "__main__":
    main()
