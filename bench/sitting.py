"""A session's figures in one place: the tuning days, the pooled fact files and the only-X samples, for one tree.

A lead scores main at a session's start and end, and each helper scores a branch against main, on the same sets
in the same way; each session so far rebuilt these small drivers outside the repository and lost them with the
machine. Nothing here scores anything new: it runs the tree's own ``bench/days_eval.py``,
``bench/days_facts_eval.evaluate`` and ``bench/onlyx_audit.py score`` and adds their figures up.

    python3 bench/sitting.py days    --extra EXTRA [--unseen] [--out DIR]   # tuning days (or held-out + test days)
    python3 bench/sitting.py days    --extra EXTRA [--unseen] --history 6 --archive WHOLE/archived  # production's path
    python3 bench/sitting.py facts   --extra EXTRA [--test]                 # the tuning fact files pooled (or test)
    python3 bench/sitting.py samples --root WHOLE [--letters ABC]   # only-X samples (default tuning), judged, pooled

EXTRA is the folder of exported day folders (``bench/days/export_days.py``); WHOLE the whole archive export (the
folder holding ``archived/`` and ``_posts/``). Run it from the tree to be scored: the figures are that tree's code.
``--unseen``/``--test`` and the held sample K are for the lead's sitting only (bench/days/GUIDE.md: never tuned on).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.days import onlyx_samples  # noqa: E402
from bench.days_setting_lodo import DayRow, read_day_rows  # noqa: E402

_SAMPLE_LINE = re.compile(r"^sample (\w+): (\d+) claims: (.*)$", re.MULTILINE)


def summarize_days(rows: list[DayRow]) -> list[str]:
    """One line per role: mean B³ P/R/F1 over days, pure and glued pooled, mean cluster CPU; then F1 per day."""
    lines = []
    for role in dict.fromkeys(row.role for row in rows):
        of_role = [row for row in rows if row.role == role]
        n = len(of_role)
        # 0 on every day: not timed (``days --history`` groups each day with its days before, whose cost it would count)
        cpu = sum(r.cluster_ms for r in of_role) / n
        lines.append(f"{role}: {n} days, mean B³ P {sum(r.precision for r in of_role) / n:.4f} "
                     f"R {sum(r.recall for r in of_role) / n:.4f} F1 {sum(r.f1 for r in of_role) / n:.4f}; "
                     f"pure {sum(r.pure for r in of_role)}/{sum(r.multi for r in of_role)}, "
                     f"glued {sum(r.glued for r in of_role)}/{sum(r.multi_reports for r in of_role)}, "
                     + (f"cluster CPU {cpu:.2f} ms/article" if cpu else "cluster CPU not timed"))
        lines.append("  F1 by day: " + " ".join(f"{r.day[5:]} {r.f1:.3f}" for r in of_role))
    return lines


def pool_samples(output: str) -> dict[str, int]:
    """Claims and verdict counts of ``onlyx_audit.py score`` lines (``sample X: N claims: false a, true b``) added up."""
    pooled: dict[str, int] = {"claims": 0}
    for match in _SAMPLE_LINE.finditer(output):
        pooled["claims"] += int(match.group(2))
        for part in match.group(3).split(", "):
            verdict, count = part.rsplit(" ", 1)
            pooled[verdict] = pooled.get(verdict, 0) + int(count)
    return pooled


def days_command(args: argparse.Namespace) -> list[str]:
    """days_eval's command line for ``sitting.py days``."""
    from bench.days_eval import HELD_OUT_DAY, TEST_DAYS
    command = [sys.executable, "-m", "bench.days_eval", "--days", str(args.extra), "--largest", "0"]
    if args.unseen:
        command += [part for day in (HELD_OUT_DAY, *TEST_DAYS) for part in ("--day", day)] + ["--test"]
    if args.history:
        # Production's path: each day grouped after its days before (days_eval --history, whole stream).
        command += ["--history", str(args.history), "--archive", str(args.archive), "--history-whole"]
        command += ["--unseen-history"] if args.unseen else []
    return command


def _days(args: argparse.Namespace) -> None:
    done = subprocess.run(days_command(args), cwd=REPO, capture_output=True, text=True, check=False)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        name = ("unseen-" if args.unseen else "") + "days" + (f"-history{args.history}" if args.history else "")
        (args.out / f"{name}.txt").write_text(done.stdout + done.stderr)
    rows = read_day_rows(done.stdout)
    if not rows:
        raise SystemExit(f"days_eval printed no day rows (exit {done.returncode}):\n{done.stderr[-2000:]}")
    print("\n".join(summarize_days(rows)))


def _facts(args: argparse.Namespace) -> None:
    sys.path[:0] = [str(REPO / "src"), str(REPO / "bench")]
    import days_facts_eval
    from days_facts_eval import tuning_fact_paths
    files = (sorted((REPO / "bench" / "days" / "test").glob("facts-*.toml")) if args.test
             else tuning_fact_paths())
    pooled: dict[str, float] = {}
    for path in files:
        totals = days_facts_eval.evaluate(path, args.extra)
        for key, value in totals.items():
            pooled[key] = pooled.get(key, 0) + value
        print(f"{path.stem}: R {totals['found_pairs']}/{totals['gold_pairs']} P {totals['right_links']}/"
              f"{totals['judged_links']} only-X {totals['only_claims']} false {totals['false_only']}; "
              f"covered R {totals['found_any_unit']}/{totals['gold_pairs']} P {totals['covered_right_links']}/"
              f"{totals['covered_judged_links']}", flush=True)
    gold, found = pooled["gold_pairs"], pooled["found_pairs"]
    judged, right = pooled["judged_links"], pooled["right_links"]
    print(f"{'test' if args.test else 'tuning'} ({len(files)} files): link R {found / gold:.4f} ({found:.0f}/{gold:.0f}) "
          f"P {right / max(judged, 1):.4f} ({right:.0f}/{judged:.0f}); only-X claims {pooled['only_claims']:.0f}, "
          f"false {pooled['false_only']:.0f}; compare {pooled['seconds']:.1f} s")
    print(f"  the same, a spanning quote counted on every unit it covers: {days_facts_eval.every_unit_figures(pooled)}")


def _samples(args: argparse.Namespace) -> None:
    output = []
    for letter in args.letters:
        sample = onlyx_samples.file_name(letter)
        done = subprocess.run([sys.executable, "bench/onlyx_audit.py", "score", "--sample", f"bench/days/{sample}",
                               "--which", letter, "--root", str(args.root), "--judged",
                               str(onlyx_samples.judged_path(letter).relative_to(REPO)),
                               "--list"], cwd=REPO, capture_output=True, text=True, check=False)
        output.append(done.stdout)
        print(next((line for line in done.stdout.splitlines() if line.startswith("sample ")),
                   f"sample {letter}: no score (exit {done.returncode}) {done.stderr[-300:]}"), flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("".join(output))
    print(f"pooled {onlyx_samples.spelled(args.letters)}: {pool_samples(''.join(output))}")


def _sample_names(given: str) -> tuple[str, ...]:
    """``--letters``: ABC (one-letter names, as before session 48), or A,B,AA (onlyx_samples.names_of)."""
    try:
        return onlyx_samples.names_of(given)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    days = commands.add_parser("days", help="the tuning days (or, --unseen, the held-out and test days)")
    days.add_argument("--extra", type=Path, required=True, help="folder of exported day folders")
    days.add_argument("--unseen", action="store_true", help="the held-out and test days (the lead's sitting only)")
    days.add_argument("--out", type=Path, help="folder to keep days_eval's table in")
    days.add_argument("--history", type=int, default=0, metavar="N",
                      help="production's path: each day grouped after the N dates before it (6 as production), "
                           "read from --archive")
    days.add_argument("--archive", type=Path, help="with --history: the whole archive export's archived/ folder")
    facts = commands.add_parser("facts", help="the tuning fact files pooled (or, --test, the test files)")
    facts.add_argument("--extra", type=Path, required=True, help="folder of exported day folders")
    facts.add_argument("--test", action="store_true", help="the test fact files (the lead's sitting only)")
    samples = commands.add_parser("samples", help="only-X samples scored against their judgements, pooled")
    samples.add_argument("--root", type=Path, required=True, help="the whole archive export (archived/, _posts/)")
    samples.add_argument("--letters", type=_sample_names, default=onlyx_samples.TUNING,
                         help=f"samples, ABC or A,B,AA (default: the tuning ones, {onlyx_samples.spelled(onlyx_samples.TUNING)})")
    samples.add_argument("--out", type=Path, help="file to keep every claim with its verdict in")
    args = parser.parse_args(argv)
    if args.command == "days" and args.history and args.archive is None:
        parser.error("days --history needs --archive (the whole archive export's archived/)")
    {"days": _days, "facts": _facts, "samples": _samples}[args.command](args)


if __name__ == "__main__":
    main()
