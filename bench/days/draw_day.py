"""Draw the next fresh day to label, by a rule fixed before the draw (GUIDE.md section 0).

    python3 bench/days/draw_day.py WHOLE_ARCHIVE --seed N [--rule wide|s33|near|adjacent] [--check DAY]

WHOLE_ARCHIVE is the whole archive export (the folder holding ``archived/<date>/``). The eligible dates are those
with ``MIN_FILES``..``MAX_FILES`` files (counted recursively: some days keep posts in subfolders) lying more than
``gap`` days from every date of ``days_eval.LABELLED_DAYS``; the drawn date is
``random.Random(seed).choice(sorted(dates))``, the way sessions 33-38 drew by hand.

Rules:
* ``s33``: more than 3 days away (fixed in session 33, commit 77efe69); after session 38's draw of 2020-08-19 it
  leaves one date (2020-11-04), so a draw would be no draw.
* ``wide`` (the default from session 39 on; fixed in session 38 before any draw under it): more than 2 days away
  (19 dates at the time). A fresh day three days from a tuning day may carry on one of its running stories; the
  first scoring's section names the nearest labelled days, and the fact labeller leaves out every event a sample
  story covers, as before.
* ``near`` (fixed in session 50, before any draw under it, when ``wide`` had one date left, 2020-10-07): more than 1
  day away, the size bounds unchanged. It is for the draw after ``wide`` has none: a fresh day two days from a
  labelled day shares more of its running stories, so the first scoring's section says which events continue, and
  the archive miners, which leave out the fresh day +-3 days, then leave out a day of the labelled neighbour's margin
  too (its labels are not touched). Widening the size bounds instead was not chosen: a day of more than 450 posts
  is more than one labeller reads in a sitting, and days under 100 are crawl gaps.
* ``adjacent`` (fixed in session 75, before any draw under it, when ``near`` had one date left, 2020-12-21): any
  unlabelled date of the size bounds next to a tuning day, but more than 3 days from the held-out, test and fresh days
  (``UNSEEN_GAP``). A fresh day next to a tuning day shares its running stories most of all (its first scoring
  flatters the code a little more than a near day's; the section says which events continue); the unseen days keep
  the miners' margin, so no tuning day ever comes to lie within 3 days of a test or held-out day through this rule.
Nothing is read but file counts: the draw happens before anyone opens the day.

``--check DAY`` recomputes a past draw: once drawn, DAY is in ``LABELLED_DAYS`` (``FRESH_DAYS``) and would keep
itself out, so the check leaves it out of the labelled days and exits non-zero unless the draw gives DAY again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

MIN_FILES = 100  # smaller days are holidays or crawl gaps, not a normal news day
MAX_FILES = 450  # larger days cannot be labelled by one person in one sitting
RULE_GAPS = {"s33": 3, "wide": 2, "near": 1, "adjacent": 0}
# How far from the held-out, test and fresh days a rule keeps: the earlier rules kept the same gap from every labelled
# day; ``adjacent`` keeps the archive miners' margin from the unseen ones while it lets a date touch a tuning day.
UNSEEN_GAP = {"adjacent": 3}


def day_sizes(archive: Path) -> dict[str, int]:
    """Date -> number of files under ``archive/archived/<date>/`` (recursively), for folders named as dates."""
    sizes: dict[str, int] = {}
    for folder in sorted((archive / "archived").iterdir()):
        try:
            dt.date.fromisoformat(folder.name)
        except ValueError:
            continue
        sizes[folder.name] = sum(1 for path in folder.rglob("*") if path.is_file())
    return sizes


def eligible_dates(sizes: dict[str, int], labelled: tuple[str, ...], gap: int,
                   unseen: tuple[str, ...] = (), unseen_gap: int = 0) -> list[str]:
    """Dates of a drawable size more than ``gap`` days from every labelled date and more than ``unseen_gap`` days
    from every date of ``unseen`` (the held-out, test and fresh days, also among the labelled ones), sorted."""
    def far(day: str, others: tuple[str, ...], least: int) -> bool:
        date = dt.date.fromisoformat(day)
        return all(abs((date - dt.date.fromisoformat(other)).days) > least for other in others)

    return sorted(day for day, count in sizes.items()
                  if MIN_FILES <= count <= MAX_FILES and far(day, labelled, gap) and far(day, unseen, unseen_gap))


def draw(dates: list[str], seed: int) -> str:
    if not dates:
        raise SystemExit("no eligible date: widen the rule (and commit the widening) before drawing")
    return random.Random(seed).choice(sorted(dates))


def main(argv: list[str] | None = None) -> None:
    from bench.days_eval import FRESH_DAYS, HELD_OUT_DAY, LABELLED_DAYS, TEST_DAYS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path, help="the whole archive export (holds archived/<date>/)")
    parser.add_argument("--seed", type=int, required=True, help="the session's seed (session 38 used 42)")
    parser.add_argument("--rule", choices=sorted(RULE_GAPS), default="wide")
    parser.add_argument("--check", metavar="DAY",
                        help="recompute the past draw of DAY (left out of the labelled days); fails unless it is DAY")
    args = parser.parse_args(argv)
    if not (args.archive / "archived").is_dir():
        raise SystemExit(f"{args.archive}: no archived/ folder (pass the whole archive export)")
    labelled = tuple(day for day in LABELLED_DAYS if day != args.check)
    if args.check and len(labelled) == len(LABELLED_DAYS):
        raise SystemExit(f"--check {args.check}: not a labelled day, so no past draw of it to check")
    sizes = day_sizes(args.archive)
    gap = RULE_GAPS[args.rule]
    unseen_gap = UNSEEN_GAP.get(args.rule, gap)
    unseen = tuple(day for day in (HELD_OUT_DAY, *TEST_DAYS, *FRESH_DAYS) if day != args.check)
    dates = eligible_dates(sizes, labelled, gap, unseen, unseen_gap)
    keeps = f"; more than {unseen_gap} from the {len(unseen)} held-out, test and fresh days" if unseen_gap != gap else ""
    print(f"rule {args.rule}: {len(dates)} eligible dates ({MIN_FILES}-{MAX_FILES} files, "
          f"more than {gap} days from each of {len(labelled)} labelled days{keeps})")
    for day in dates:
        print(f"  {day}  {sizes[day]} files")
    drawn = draw(dates, args.seed)
    print(f"drawn: {drawn}")
    if args.check and drawn != args.check:
        raise SystemExit(f"--check {args.check}: the draw gives {drawn}, not {args.check}")


if __name__ == "__main__":
    main()
