"""The only-X audit samples (bench/onlyx_audit.py) keep clear of every labelled day."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from bench.onlyx_audit import LABELLED_AFTER_SAMPLES_A_TO_F, eligible_day

SAMPLE = Path(__file__).resolve().parents[2] / "bench" / "days" / "onlyx-sample.toml"


def test_a_day_near_a_labelled_day_is_not_eligible() -> None:
    assert not eligible_day("2020-11-18")  # the held-out day
    assert not eligible_day("2020-11-21")  # three days from it
    assert not eligible_day("2020-07-27")  # next to 2020-07-26, drawn in session 27
    assert not eligible_day("2020-09-10")  # two days from 2020-09-12, drawn in session 28
    assert eligible_day("2020-09-10", labelled_later=("2020-09-12",))
    assert not eligible_day("2020-10-20")  # two days from 2020-10-18, drawn in session 29
    assert not eligible_day("2020-12-08")  # two days from 2020-12-06, drawn in session 30
    assert not eligible_day("2020-10-06")  # two days from 2020-10-04, drawn in session 31
    assert eligible_day("2020-09-21")  # no labelled day within 3 days


def test_the_samples_are_on_eligible_days_and_apart() -> None:
    with SAMPLE.open("rb") as handle:
        stories = tomllib.load(handle)["story"]
    days = {sample: {f.split("/")[0] for s in stories if s["sample"] == sample for f in s["files"]}
            for sample in ("A", "B")}
    assert all(eligible_day(d, labelled_later=LABELLED_AFTER_SAMPLES_A_TO_F) for found in days.values() for d in found)
    assert not days["A"] & days["B"]


def test_sample_c_is_on_eligible_days_and_shares_no_story_with_a_or_b() -> None:
    with SAMPLE.open("rb") as handle:
        earlier = {f for s in tomllib.load(handle)["story"] for f in s["files"]}
    with SAMPLE.with_name("onlyx-sample-c.toml").open("rb") as handle:
        later = tomllib.load(handle)["story"]
    assert len(later) == 40 and all(s["sample"] == "C" for s in later)
    assert all(eligible_day(f.split("/")[0], labelled_later=LABELLED_AFTER_SAMPLES_A_TO_F) for s in later for f in s["files"])
    assert not earlier & {f for s in later for f in s["files"]}


def _stories(*names: str) -> list[dict[str, Any]]:
    """The stories of the sample files ``names`` (beside onlyx-sample.toml)."""
    stories: list[dict[str, Any]] = []
    for name in names:
        with SAMPLE.with_name(name).open("rb") as handle:
            stories += tomllib.load(handle)["story"]
    return stories


def _files_before(letter: str) -> set[str]:
    """Every file of the samples drawn before sample ``letter`` (A and B share onlyx-sample.toml)."""
    names = ("onlyx-sample.toml", *(f"onlyx-sample-{c}.toml" for c in "cdefghijk" if c < letter.lower()))
    return {f for s in _stories(*names) for f in s["files"]}


def test_sample_i_keeps_off_the_unreadable_days_and_shares_no_story_with_a_to_h() -> None:
    drawn = _stories("onlyx-sample-i.toml")
    assert len(drawn) == 40 and all(s["sample"] == "I" for s in drawn)
    # Drawn from the near-tuning pool: only the held-out, test and fresh days (2020-10-18 among them) are avoided;
    # 2020-12-06, drawn after I was read, is judged as the pool was when I was drawn.
    assert all(eligible_day(f.split("/")[0], pool="near-tuning", labelled_later=("2020-12-06",))
               for s in drawn for f in s["files"])
    assert not any("2020-10-15" <= f[:10] <= "2020-10-21" for s in drawn for f in s["files"])
    assert not _files_before("I") & {f for s in drawn for f in s["files"]}


def test_sample_j_keeps_off_the_unreadable_days_and_shares_no_story_with_a_to_i() -> None:
    drawn = _stories("onlyx-sample-j.toml")
    assert len(drawn) == 40 and all(s["sample"] == "J" for s in drawn)
    # Near-tuning pool as it was in session 30: the held-out, test and fresh days (2020-12-06 among them) are avoided;
    # 2020-10-04, drawn after J was read, is judged as the pool was when J was drawn.
    assert all(eligible_day(f.split("/")[0], pool="near-tuning", labelled_later=("2020-10-04",))
               for s in drawn for f in s["files"])
    assert not any("2020-12-03" <= f[:10] <= "2020-12-09" for s in drawn for f in s["files"])
    assert not _files_before("J") & {f for s in drawn for f in s["files"]}


def test_sample_k_keeps_off_the_unreadable_days_and_shares_no_story_with_a_to_j() -> None:
    drawn = _stories("onlyx-sample-k.toml")
    assert len(drawn) == 40 and all(s["sample"] == "K" for s in drawn)
    # Near-tuning pool as it was in session 31: the held-out, test and fresh days (2020-10-04 among them) are avoided.
    assert all(eligible_day(f.split("/")[0], pool="near-tuning") for s in drawn for f in s["files"])
    assert not any("2020-10-01" <= f[:10] <= "2020-10-07" for s in drawn for f in s["files"])
    assert not _files_before("K") & {f for s in drawn for f in s["files"]}
