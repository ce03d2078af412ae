"""The value a fold of ``bench/facts_setting_lofo.py`` chooses on the other fact files (``choose``)."""

from __future__ import annotations

from bench.facts_setting_lofo import choose


def _totals(found: int, right: int, judged: int, false: int = 0) -> dict[str, float]:
    return {"gold_pairs": 100.0, "found_pairs": float(found), "judged_links": float(judged),
            "right_links": float(right), "only_claims": 10.0, "false_only": float(false), "seconds": 1.0}


# One file; recall .60 / .66 / .72 / .80; judged precision .95 / .90 / .86 / .80.
PER_FILE = {"a": {"main": _totals(60, 57, 60), "loose": _totals(66, 63, 70), "looser": _totals(72, 43, 50),
                  "loosest": _totals(80, 40, 50)}}
VALUES = ["main", "loose", "looser", "loosest"]


def test_balance_takes_the_highest_min_of_recall_and_precision_above_the_precision_floor() -> None:
    assert choose(PER_FILE, VALUES, ["a"], "balance", min_precision=0.85) == "looser"
    # with the floor at .79 the loosest value's precision .80 passes, and its min(R, P) (.80) is the highest
    assert choose(PER_FILE, VALUES, ["a"], "balance", min_precision=0.79) == "loosest"


def test_balance_never_takes_a_value_with_more_false_only_x_claims() -> None:
    per_file = {"a": {**PER_FILE["a"], "looser": _totals(72, 43, 50, false=1)}}
    assert choose(per_file, VALUES, ["a"], "balance", min_precision=0.85) == "loose"


def test_recall_objective_keeps_precision_within_the_slack_of_the_baseline() -> None:
    assert choose(PER_FILE, VALUES, ["a"], "recall", precision_slack=0.05) == "loose"
    assert choose(PER_FILE, VALUES, ["a"], "recall", precision_slack=0.005) == "main"
