"""The labelled days a rebuilt resource leaves out come from one list (bench.days_eval), so the
scripts that learn from archive text cannot drift from the days' roles again; the lists the
shipped resources were built with stay pinned, by name."""

from __future__ import annotations

import ast
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench import days_eval, mine_name_usage, mine_paraphrases, train_vectors

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LEARNERS = (train_vectors, mine_paraphrases)
# Days drawn to be labelled and left out of a shipped resource before they take a role (--also-exclude).
_DRAWN_TO_LABEL: set[str] = set()  # every drawn day is labelled (2020-10-31, 2020-12-12: session 26; 2020-07-26: 27)


def test_labelled_days_are_every_day_of_every_role() -> None:
    roles = {*days_eval.TUNING_DAYS, days_eval.HELD_OUT_DAY, *days_eval.TEST_DAYS, *days_eval.FRESH_DAYS}
    assert set(days_eval.LABELLED_DAYS) == roles
    assert len(days_eval.LABELLED_DAYS) == len(roles)


def test_a_rebuild_leaves_out_every_labelled_day_by_default() -> None:
    skipped = train_vectors.excluded_dates(3)
    for day in days_eval.LABELLED_DAYS:
        base = date.fromisoformat(day)
        assert {(base + timedelta(days=d)).isoformat() for d in range(-3, 4)} <= skipped, day
    assert mine_paraphrases.LABELLED_DAYS is days_eval.LABELLED_DAYS
    assert mine_name_usage.LABELLED_DAYS is days_eval.LABELLED_DAYS  # built with every labelled day left out


@pytest.mark.parametrize("module", _LEARNERS, ids=lambda m: m.__name__)
def test_the_only_day_list_written_out_is_the_pinned_shipped_one(module: object) -> None:
    source = Path(module.__file__).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    lists = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
            values = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
            if any(isinstance(v, str) and _DAY.match(v) for v in values):
                lists[ast.unparse(node.targets[0])] = values
    assert list(lists) == ["SHIPPED_WITHOUT"]
    shipped = module.SHIPPED_WITHOUT  # type: ignore[attr-defined]
    assert set(shipped) <= set(days_eval.LABELLED_DAYS) | _DRAWN_TO_LABEL


def test_a_tool_that_groups_days_by_default_reads_tuning_days_only() -> None:
    # bench.cluster_identity's default list held the held-out day until session 36: a tool run without --day must not
    # group a day nobody may tune on.
    from bench import cluster_identity

    assert set(cluster_identity.DAYS) <= set(days_eval.TUNING_DAYS)


def test_cluster_identity_groups_with_its_own_trees_source() -> None:
    # Run from a worktree, bench.cluster_identity imported the installed newsmirror (the main checkout's source)
    # until session 36: a branch's "new" run measured main's code. It now puts its tree's src first.
    import subprocess
    import sys

    repo = Path(days_eval.__file__).resolve().parent.parent
    shown = subprocess.run(
        [sys.executable, "-c", "import bench.cluster_identity, newsmirror; print(newsmirror.__file__)"],
        cwd=repo, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(shown).resolve().is_relative_to(repo / "src")
