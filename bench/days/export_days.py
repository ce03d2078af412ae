"""Export whole days of the waimei feed archive from its git repository, byte for byte.

    python3 bench/days/export_days.py ARCHIVE_GIT_DIR OUT_FOLDER DATE... [--commit COMMIT]

ARCHIVE_GIT_DIR is a clone of github.com/zhouxiang93123/waimei (MIT), bare mirror or checkout.
Each ``archived/<DATE>/`` of COMMIT (default HEAD; the labelled extra days come from
d3a932aab) becomes ``OUT_FOLDER/<DATE>/``; nothing else is written, linked or copied. The files
come from ``git archive``, so they are the committed bytes whatever the checkout's state.
OUT_FOLDER is the ``--archive``/``--days`` folder of label_tool.py and days_facts_eval.py; keep
it outside the repository (GUIDE.md).
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
from pathlib import Path


class ExportError(Exception):
    """A day cannot be exported (missing in the commit, target not empty, git failed)."""


def _git(repo: Path, *args: str) -> bytes:
    # -C works for bare mirrors and checkouts alike; git finds the repository from there.
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise ExportError(f"git {' '.join(args)} failed in {repo}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _has_day(repo: Path, commit: str, day: str) -> bool:
    kind = subprocess.run(["git", "-C", str(repo), "cat-file", "-t", f"{commit}:archived/{day}"],
                          capture_output=True, check=False)
    return kind.returncode == 0 and kind.stdout.strip() == b"tree"


def export_days(repo: Path, out: Path, days: list[str], commit: str = "HEAD") -> dict[str, int]:
    """Write ``archived/<day>/`` of ``commit`` to ``out/<day>/`` for every day; files per day.

    All days are checked before anything is written, so a typo in one date leaves no half export.
    """
    resolved = _git(repo, "rev-parse", "--verify", f"{commit}^{{commit}}").decode().strip()
    missing = [day for day in days if not _has_day(repo, resolved, day)]
    if missing:
        raise ExportError(f"no archived/<date> folder for {', '.join(missing)} in {repo} at {resolved[:12]}")
    taken = [day for day in days if (out / day).exists() and any((out / day).iterdir())]
    if taken:
        raise ExportError(f"{', '.join(str(out / day) for day in taken)} already exist and are not empty")
    counts: dict[str, int] = {}
    for day in days:
        target = out / day
        target.mkdir(parents=True, exist_ok=True)
        prefix = f"archived/{day}/"
        data = _git(repo, "archive", "--format=tar", resolved, prefix)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name.startswith(prefix)]
            for member in members:
                member.name = member.name[len(prefix):]
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            tar.extractall(target, members=members, filter="data")
        counts[day] = len(members)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path, help="the waimei git repository (bare mirror or checkout)")
    parser.add_argument("out", type=Path, help="folder that receives one sub-folder per date")
    parser.add_argument("days", nargs="+", help="dates as the archive names them, e.g. 2020-09-16")
    parser.add_argument("--commit", default="HEAD", help="commit to export from (default HEAD)")
    args = parser.parse_args(argv)
    try:
        counts = export_days(args.repo, args.out, args.days, args.commit)
    except ExportError as error:
        print(f"export_days: {error}", file=sys.stderr)
        return 1
    for day, n in counts.items():
        print(f"{args.out / day}: {n} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
