"""bench/facts_stage_census.py (recall84): the stage a miss is given, a miss's shape, and a run told what it lacks
before it reads anything (no fact file of bench/days is read here)."""

from __future__ import annotations

import sys

import pytest

from bench import facts_stage_census


def test_each_layer_of_a_miss_has_its_stage_and_each_quote_its_shape() -> None:
    assert facts_stage_census._stage("unlocated") == "unit-cleaned"
    assert facts_stage_census._stage("split-found") == "scorer-later-unit"
    assert facts_stage_census._stage("figures-differ") == facts_stage_census._stage("continuity-topic") == "veto"
    assert facts_stage_census._stage("model-under-0.3") == "model-under"
    assert facts_stage_census._stage("never-candidate") == "never-candidate"
    assert facts_stage_census._stage("mutual-best") == "assignment"
    assert facts_stage_census._shape((10, 10), (12, 40), (1, 2)) == "cut"
    assert facts_stage_census._shape((10, 10), (12, 31), (1, 1)) == "merged"
    assert facts_stage_census._shape((10, 10), (12, 30), (1, 1)) == "whole"


def test_a_census_without_its_days_or_a_census_file_says_so_before_reading(monkeypatch: pytest.MonkeyPatch,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Without --days (and no --from) the first story's folder was `None / day`: a TypeError after the fact file was
    opened, naming neither option (review61)."""
    monkeypatch.setattr(sys, "argv", ["facts_stage_census", "--out", "census.json"])
    with pytest.raises(SystemExit) as stopped:
        facts_stage_census.main()
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "--days" in said and "--from" in said, said
