"""A setting chosen leave one day out from ``days_eval`` tables, one table per grid point and one for main.

Each grid point is one production run (``python3 -m bench.days_eval --largest 0 --set NAME=VALUE ...``) written to
a file; this script reads the tables (per day: B-cubed F1, pure and multi-report stories) and scores each day at the
point chosen on the other days: the point of highest mean F1 on them among those whose pooled pure share on them is
at least main's minus ``--pure-margin``, else main (off). Grouping is deterministic, so main's table may be the
lead's run of the same commit.

    python3 bench/days_setting_lodo.py --main MAIN/days.txt --point 0.5-0.4=GRID/0.5-0.4/days.txt ...
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

DATE = re.compile(r"\d{4}-\d\d-\d\d$")
PURE = re.compile(r"(\d+)/(\d+)")
Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class DayScore:
    f1: float
    pure: int
    multi: int


@dataclass(frozen=True, slots=True)
class DayRow:
    """One scored day of a ``days_eval`` table; glued reports and cluster CPU are 0 where a row lacks them."""
    day: str
    role: str
    precision: float
    recall: float
    f1: float
    pure: int
    multi: int
    glued: int = 0
    multi_reports: int = 0
    cluster_ms: float = 0.0


def read_day_rows(table: str) -> list[DayRow]:
    """The scored days of a ``days_eval`` table as printed (box-drawn rows), in order; unscored rows left out."""
    rows: list[DayRow] = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if len(cells) < 10 or not DATE.match(cells[0]) or cells[4] == "-":
            continue
        found = PURE.match(cells[8])
        if found is None:
            continue
        glued = PURE.match(cells[9]) if len(cells) >= 14 else None
        rest = (int(glued[1]), int(glued[2]), float(cells[13])) if glued else ()
        rows.append(DayRow(cells[0], cells[1], float(cells[4]), float(cells[5]), float(cells[6]), int(found[1]),
                           int(found[2]), *rest))
    return rows


def read_table(path: Path) -> dict[str, DayScore]:
    """Each scored day's F1 and pure / multi-report counts from a ``days_eval`` table (box-drawn rows)."""
    return {row.day: DayScore(row.f1, row.pure, row.multi) for row in read_day_rows(path.read_text(encoding="utf-8"))}


def summary(scores: list[DayScore]) -> tuple[float, float, int, int]:
    """Mean F1, pooled pure share, pure and multi-report counts."""
    pure, multi = sum(s.pure for s in scores), sum(s.multi for s in scores)
    return sum(s.f1 for s in scores) / len(scores), pure / multi if multi else 1.0, pure, multi


def choose(main: dict[str, DayScore], points: dict[str, dict[str, DayScore]], days: list[str],
           margin: float, off: bool = False) -> str | None:
    """The point of highest mean F1 on ``days`` whose pooled pure share there is >= main's - ``margin``; None: main
    (also when ``off`` and main's own mean F1 there is higher than every such point's)."""
    main_f1, main_pure, _, _ = summary([main[d] for d in days])
    best: tuple[float, str] | None = None
    for name, table in points.items():
        f1, pure, _, _ = summary([table[d] for d in days])
        if pure >= main_pure - margin and (best is None or f1 > best[0]):
            best = (f1, name)
    if best is None or (off and main_f1 >= best[0]):
        return None
    return best[1]


def folds(main: dict[str, Row], points: dict[str, dict[str, Row]],
          choose_on: Callable[[list[str]], str | None]) -> tuple[dict[str, str | None], list[Row]]:
    """Each day's point chosen on the other days by ``choose_on`` (None: main) and its row there."""
    days = sorted(main)
    chosen: dict[str, str | None] = {}
    rows: list[Row] = []
    for day in days:
        name = choose_on([d for d in days if d != day])
        chosen[day] = name
        rows.append((points[name] if name else main)[day])
    return chosen, rows


def lodo(main: dict[str, DayScore], points: dict[str, dict[str, DayScore]],
         margin: float, off: bool = False) -> tuple[dict[str, str | None], list[DayScore]]:
    """Each day's point chosen on the others and its score there."""
    return folds(main, points, lambda days: choose(main, points, days, margin, off))


def read_points(items: list[str], base: dict[str, Row], read: Callable[[Path], dict[str, Row]]) -> dict[str, dict[str, Row]]:
    """Each ``NAME=TABLE`` grid point's table as ``read`` reads it; its days must be main's."""
    points = {}
    for item in items:
        name, _, path = item.partition("=")
        table = read(Path(path))
        if set(table) != set(base):
            raise SystemExit(f"{name}: days differ from main's ({len(table)} vs {len(base)})")
        points[name] = table
    return points


def bars(rows: list[DayRow]) -> tuple[float, float, int, int]:
    """Mean F1, mean B-cubed precision, pooled impure multi-report stories and glued multi-event reports."""
    n = len(rows)
    return (sum(r.f1 for r in rows) / n, sum(r.precision for r in rows) / n, sum(r.multi - r.pure for r in rows),
            sum(r.glued for r in rows))


def choose_impure(main: dict[str, DayRow], points: dict[str, dict[str, DayRow]], days: list[str],
                  precision_margin: float = 0.001) -> str | None:
    """The point of highest mean F1 on ``days`` among those that there make no more impure multi-report stories than
    main, lose no more than ``precision_margin`` of mean precision and glue no more multi-event reports; None: main,
    also when main's own mean F1 there is at least every such point's (the bar of session 36: a right merge of two
    pure fragments lowers the pooled pure share, not the impure count)."""
    main_f1, main_p, main_impure, main_glued = bars([main[d] for d in days])
    best: tuple[float, str] | None = None
    for name, table in points.items():
        f1, precision, impure, glued = bars([table[d] for d in days])
        if (impure <= main_impure and precision >= main_p - precision_margin and glued <= main_glued
                and (best is None or f1 > best[0])):
            best = (f1, name)
    if best is None or main_f1 >= best[0]:
        return None
    return best[1]


def lodo_impure(main: dict[str, DayRow], points: dict[str, dict[str, DayRow]],
                precision_margin: float = 0.001) -> tuple[dict[str, str | None], list[DayRow]]:
    """Each day's point chosen on the others by ``choose_impure`` and its row there."""
    return folds(main, points, lambda days: choose_impure(main, points, days, precision_margin))


def main_impure(main_path: Path, point_items: list[str], precision_margin: float) -> None:
    """``--bar impure``: folds choose by ``choose_impure``; prints main's, each point's and the LODO bars."""
    def rows_of(path: Path) -> dict[str, DayRow]:
        return {row.day: row for row in read_day_rows(path.read_text(encoding="utf-8"))}

    base = rows_of(main_path)
    points = read_points(point_items, base, rows_of)
    for name, table in [("main", base), *points.items()]:
        f1, precision, impure, glued = bars(list(table.values()))
        print(f"{name:12} mean F1 {f1:.4f}  P {precision:.4f}  impure {impure}  glued {glued}")
    print(f"all days choose: {choose_impure(base, points, sorted(base), precision_margin) or 'main'}")
    chosen, rows = lodo_impure(base, points, precision_margin)
    for day, name in chosen.items():
        print(f"  {day}: {name or 'main'}")
    f1, precision, impure, glued = bars(rows)
    print(f"LODO         mean F1 {f1:.4f}  P {precision:.4f}  impure {impure}  glued {glued}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--main", type=Path, required=True, help="main's days_eval table")
    parser.add_argument("--point", action="append", default=[], metavar="NAME=TABLE", help="a grid point's table")
    parser.add_argument("--pure-margin", type=float, default=0.003)
    parser.add_argument("--off-candidate", action="store_true",
                        help="main (off) competes on F1 too, not only as the fallback when no point keeps purity")
    parser.add_argument("--bar", choices=("pure", "impure"), default="pure",
                        help="pure: a point keeps the pooled pure share (--pure-margin); impure: it makes no more "
                             "impure stories, loses at most --precision-margin of mean precision, glues no more "
                             "(main always competes on F1)")
    parser.add_argument("--precision-margin", type=float, default=0.001)
    args = parser.parse_args()
    if args.bar == "impure":
        main_impure(args.main, args.point, args.precision_margin)
        return
    base = read_table(args.main)
    points = read_points(args.point, base, read_table)
    rows = [("main", summary(list(base.values())))]
    rows += [(name, summary(list(t.values()))) for name, t in points.items()]
    for name, (f1, pure, p, m) in rows:
        print(f"{name:12} mean F1 {f1:.4f}  pure {p}/{m} = {pure:.4f}")
    print(f"all days choose: {choose(base, points, sorted(base), args.pure_margin, args.off_candidate) or 'main'}")
    chosen, scores = lodo(base, points, args.pure_margin, args.off_candidate)
    for day, name in chosen.items():
        print(f"  {day}: {name or 'main'}")
    f1, pure, p, m = summary(scores)
    print(f"LODO         mean F1 {f1:.4f}  pure {p}/{m} = {pure:.4f}")


if __name__ == "__main__":
    main()
