"""days_eval --show-errors prints an event split over several stories fragment by fragment, in one order whatever the
hash seed: the largest fragment first, then by title (a set of story ids had printed them in hash order)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.days_eval import DayResult, split_fragments

REPO = Path(__file__).resolve().parents[2]


def _result() -> DayResult:
    truth = {"a1": "border", "a2": "border", "a3": "border", "a4": "border", "a5": "border", "b1": "riders"}
    predicted = {"a1": "s-9f", "a2": "s-01", "a3": "s-9f", "a4": "s-77", "a5": "s-01", "b1": "s-77"}
    titles = {"a1": "乙报: 边境冲突 2", "a2": "甲报: 边境冲突 1", "a3": "丙报: 边境冲突 3", "a4": "丁报: 边境枪声",
              "a5": "戊报: 边境冲突 5", "b1": "己报: 外卖骑手"}
    return DayResult(day="2020-09-09", articles=6, seconds=0.0, stories=3, truth=truth, predicted=predicted,
                     titles=titles)


def test_fragments_are_ordered_by_size_then_title() -> None:
    result = _result()
    members = [m for m, label in result.truth.items() if label == "border"]
    # Two of two, then one; the two of two by their titles (code point order: 乙 U+4E59 before 甲 U+7532).
    assert split_fragments(members, result.predicted, result.titles) == [
        ["乙报: 边境冲突 2", "丙报: 边境冲突 3"],
        ["甲报: 边境冲突 1", "戊报: 边境冲突 5"],
        ["丁报: 边境枪声"],
    ]


def test_show_errors_prints_the_same_under_any_hash_seed() -> None:
    code = ("import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
            "from tests.bench.test_show_errors import _result\n"
            "from bench.days_eval import show_errors\n"
            "show_errors(_result())\n")
    outputs = {subprocess.run([sys.executable, "-c", code, str(REPO), str(REPO / "src")], capture_output=True,
                              text=True, check=True, env=dict(os.environ, PYTHONHASHSEED=str(seed))).stdout
               for seed in range(6)}
    assert len(outputs) == 1
    [printed] = outputs
    assert printed.startswith("split border:\n    乙报: 边境冲突 2 | 丙报: 边境冲突 3\n") and "merged:" in printed
