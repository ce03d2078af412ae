"""The only-X audit samples (bench/onlyx_audit.py) keep clear of every labelled day."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from bench.days import onlyx_samples
from bench.onlyx_audit import LABELLED_AFTER_SAMPLES_A_TO_F, MAX_REPORTS, eligible_day, sample_reports

SAMPLE = Path(__file__).resolve().parents[2] / "bench" / "days" / "onlyx-sample.toml"


def test_a_day_near_a_labelled_day_is_not_eligible() -> None:
    assert not eligible_day("2020-11-18")  # the held-out day
    assert not eligible_day("2020-11-21")  # three days from it
    assert not eligible_day("2020-07-27")  # next to 2020-07-26, drawn in session 27
    assert not eligible_day("2020-09-10")  # two days from 2020-09-12, drawn in session 28
    assert eligible_day("2020-09-10", labelled_later=("2020-09-12", "2020-09-09"))  # 2020-09-09 drawn in session 45
    assert not eligible_day("2020-10-20")  # two days from 2020-10-18, drawn in session 29
    assert not eligible_day("2020-12-08")  # two days from 2020-12-06, drawn in session 30
    assert not eligible_day("2020-10-06")  # two days from 2020-10-04, drawn in session 31
    assert not eligible_day("2020-10-12")  # two days from 2020-10-10, drawn in session 32
    assert not eligible_day("2020-09-18")  # two days from 2020-09-20, drawn in session 33
    assert not eligible_day("2020-11-27")  # two days from 2020-11-25, drawn in session 34
    assert not eligible_day("2020-08-02")  # two days from 2020-07-31, drawn in session 35
    assert not eligible_day("2020-12-21")  # two days from 2020-12-23, drawn in session 36
    assert not eligible_day("2020-08-31")  # two days from 2020-09-02, drawn in session 37
    assert not eligible_day("2020-08-21")  # two days from 2020-08-19, drawn in session 38
    assert not eligible_day("2020-08-28")  # two days from 2020-08-26, drawn in session 39
    assert not eligible_day("2020-11-10")  # two days from 2020-11-12, drawn in session 40
    assert not eligible_day("2020-10-30")  # two days from 2020-10-28, drawn in session 41
    assert not eligible_day("2021-01-01")  # two days from 2020-12-30, drawn in session 42
    assert not eligible_day("2020-09-29")  # two days from 2020-10-01, drawn in session 43
    assert not eligible_day("2020-11-07")  # two days from 2020-11-05, drawn in session 44
    # 10-31 and 11-08 are four away; 2020-11-03 drawn in session 54
    assert eligible_day("2020-11-04", labelled_later=("2020-11-05", "2020-11-03"))
    # 2020-09-09, drawn in session 45, a tuning day since session 46: near it in the unlabelled pool, readable in the
    # near-tuning pool (tuning days are readable there; a fresh day is not).
    assert not eligible_day("2020-09-11")
    # (2020-09-14, drawn in session 56, is three days from it: left out while it was fresh, readable since session 57.)
    assert eligible_day("2020-09-11", pool="near-tuning")
    # 2020-12-16, drawn in session 46, a tuning day since session 47: likewise (2020-12-18: 2020-12-14, drawn in
    # session 58, is four days away).
    assert not eligible_day("2020-12-18")
    assert eligible_day("2020-12-18", pool="near-tuning")
    # 2020-09-23, drawn in session 47, a tuning day since session 48: likewise (2020-09-21; 2020-09-25, its neighbour,
    # is a tuning day since session 68).
    assert not eligible_day("2020-09-21")
    # (2020-09-18, three days away, a tuning day since session 72: in the pool again)
    assert eligible_day("2020-09-21", pool="near-tuning")
    # 2020-10-21, drawn in session 48, a tuning day since session 49: likewise (2020-10-19: 2020-10-23, drawn in
    # session 59, is four days away; 2020-10-16, drawn in session 61, three days: a tuning day since session 62).
    assert not eligible_day("2020-10-19")
    assert eligible_day("2020-10-19", pool="near-tuning")
    # 2020-12-09, drawn in session 49, a tuning day since session 50: likewise (2020-12-10: 2020-12-11 is three days
    # from 2020-12-14, drawn in session 58).
    assert not eligible_day("2020-12-10")
    assert eligible_day("2020-12-10", pool="near-tuning")
    # 2020-08-12, drawn in session 50, a tuning day since session 51: likewise (2020-08-13; 2020-08-14, three days
    # from 2020-08-17, drawn in session 68, is back in the pool since 2020-08-17 became a tuning day in session 69).
    assert not eligible_day("2020-08-13")
    assert eligible_day("2020-08-13", pool="near-tuning")
    assert eligible_day("2020-08-14", pool="near-tuning")
    # 2020-10-07, drawn in session 51, a tuning day since session 52: likewise.
    assert not eligible_day("2020-10-05")
    assert eligible_day("2020-10-05", pool="near-tuning")
    # 2021-01-04, drawn in session 52, a tuning day since session 53: likewise.
    assert not eligible_day("2021-01-05")
    assert eligible_day("2021-01-05", pool="near-tuning")
    # 2020-07-24, drawn in session 53, a tuning day since session 54: likewise (2020-07-25: 2020-07-23 is three days
    # from 2020-07-20, drawn in session 74).
    assert not eligible_day("2020-07-25")
    assert eligible_day("2020-07-25", pool="near-tuning")
    # 2020-11-03, drawn in session 54, a tuning day since session 55: likewise.
    assert not eligible_day("2020-11-04")
    assert eligible_day("2020-11-04", pool="near-tuning")
    # 2020-08-21, drawn in session 55, a tuning day since session 56: likewise.
    assert not eligible_day("2020-08-22")
    assert eligible_day("2020-08-22", pool="near-tuning")
    # 2020-09-14, drawn in session 56, a tuning day since session 57: likewise.
    assert not eligible_day("2020-09-15")
    # (2020-09-18, three days away, a tuning day since session 72: in the pool again)
    assert eligible_day("2020-09-15", pool="near-tuning")
    # 2020-11-10, drawn in session 57, a tuning day since session 58: likewise.
    assert not eligible_day("2020-11-11")
    assert eligible_day("2020-11-11", pool="near-tuning")
    # 2020-12-14, drawn in session 58, a tuning day since session 59: likewise.
    assert not eligible_day("2020-12-15")
    assert eligible_day("2020-12-15", pool="near-tuning")
    # 2020-10-23, drawn in session 59, a tuning day since session 60: likewise.
    assert not eligible_day("2020-10-24")
    assert eligible_day("2020-10-24", pool="near-tuning")
    # 2020-11-27, drawn in session 60, a tuning day since session 61: likewise, seen with the test days 2020-11-29 and
    # 2020-12-02 (within three days of 2020-11-30 too) set aside.
    assert not eligible_day("2020-11-30", labelled_later=("2020-11-29", "2020-12-02"))
    assert eligible_day("2020-11-30", pool="near-tuning", labelled_later=("2020-11-29", "2020-12-02"))
    # 2020-10-16, drawn in session 61, a tuning day since session 62: likewise (2020-10-17).
    assert not eligible_day("2020-10-17")
    assert eligible_day("2020-10-17", pool="near-tuning")
    # 2020-07-29, drawn in session 62, a tuning day since session 63: likewise (2020-07-28).
    assert not eligible_day("2020-07-28")
    assert eligible_day("2020-07-28", pool="near-tuning")
    # 2020-08-02, drawn in session 63, a tuning day since session 64: likewise (2020-08-03; 2020-08-06, three days
    # off, is a tuning day since session 67).
    assert not eligible_day("2020-08-03")
    assert eligible_day("2020-08-03", pool="near-tuning")
    # 2020-12-04, drawn in session 64, a tuning day since session 65: likewise (2020-12-07; 12-05 is near test day 12-02).
    assert not eligible_day("2020-12-07")
    assert eligible_day("2020-12-07", pool="near-tuning")
    # 2020-11-23, drawn in session 65, between the test days 2020-11-21 and 2020-11-29, a tuning day since session 66:
    # 2020-11-25, a tuning day four days from each test day, is back in the near-tuning pool.
    assert eligible_day("2020-11-25", pool="near-tuning")
    assert not eligible_day("2020-11-25")  # a tuning day, outside the near-tuning pool
    # 2020-08-06, drawn in session 66, a tuning day since session 67: 2020-08-04, a tuning day, is back in the pool.
    assert eligible_day("2020-08-04", pool="near-tuning")
    assert not eligible_day("2020-08-04")  # a tuning day, outside the unlabelled pool
    # 2020-09-25, drawn in session 67, a tuning day since session 68: 2020-09-23 is back in the pool.
    assert eligible_day("2020-09-23", pool="near-tuning")
    # 2020-08-17, drawn in session 68, a tuning day since session 69: 2020-08-15 and 2020-08-19 are back in the pool.
    assert eligible_day("2020-08-15", pool="near-tuning") and eligible_day("2020-08-19", pool="near-tuning")
    # 2020-09-29, drawn in session 69, a tuning day since session 70: 2020-09-27 and 2020-10-01 are back in the pool.
    assert eligible_day("2020-09-27", pool="near-tuning") and eligible_day("2020-10-01", pool="near-tuning")
    # 2020-12-25, drawn in session 70, a tuning day since session 71: 2020-12-23 and 2020-12-27 are back in the pool.
    assert eligible_day("2020-12-23", pool="near-tuning") and eligible_day("2020-12-27", pool="near-tuning")
    # 2020-09-18, drawn in session 71, a tuning day since session 72: 2020-09-16 and 2020-09-20 are back in the pool.
    assert eligible_day("2020-09-16", pool="near-tuning") and eligible_day("2020-09-20", pool="near-tuning")
    # 2020-09-04, drawn in session 72, a tuning day since session 73: 2020-09-06 is back in the pool (2020-09-02 is
    # two days from 2020-08-31, drawn in session 75).
    assert eligible_day("2020-09-06", pool="near-tuning")
    # 2020-10-12, drawn in session 73, a tuning day since session 74: 2020-10-10 and 2020-10-14 are back in the pool.
    assert eligible_day("2020-10-10", pool="near-tuning") and eligible_day("2020-10-14", pool="near-tuning")
    # 2020-07-20, drawn in session 74, a tuning day since session 75: 2020-07-22 and 2020-07-18 are back in the pool.
    assert eligible_day("2020-07-22", pool="near-tuning") and eligible_day("2020-07-18", pool="near-tuning")
    # 2020-08-31, drawn in session 75: the tuning days 2020-08-29 and 2020-09-02 are kept out of the near-tuning pool
    # by the fresh day.
    assert not eligible_day("2020-08-29", pool="near-tuning") and not eligible_day("2020-09-02", pool="near-tuning")
    assert eligible_day("2020-09-02", pool="near-tuning", labelled_later=("2020-08-31",))


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
    names = onlyx_samples.file_names(onlyx_samples.DRAWN[:onlyx_samples.DRAWN.index(letter)])
    return {f for s in _stories(*names) for f in s["files"]}


# A sample's size as drawn: 40, but AI (session 57) took the 19 stories the pool had left and AP (session 64), AQ
# (session 65), AR (session 66), AS (session 67), AT (session 68), AU (session 69), AV (session 70), AW (session 71), AX (session 72), AY (session 73) and AZ (session 74) were drawn at 100 (their stories mostly two-outlet ones, which give fewer claims each).
DRAWN_SIZE = {"AI": 19, "AP": 100, "AQ": 100, "AR": 100, "AS": 100, "AT": 100, "AU": 100, "AV": 100, "AW": 100, "AX": 100, "AY": 100, "AZ": 100}


# Each sample drawn from the near-tuning pool: only the held-out, test and fresh days of its session are avoided
# (I: 2020-10-18 fresh; J: 2020-12-06; K: 2020-10-04; L: 2020-11-25; M: 2020-07-31; N: 2020-12-23; O: 2020-09-02; P: 2020-08-19; Q: 2020-08-26; R: 2020-11-12; S: 2020-10-28; T: 2020-12-30; U: 2020-10-01; V: 2020-11-05; W: 2020-09-09; X: 2020-12-16; Y: 2020-09-23; Z: 2020-10-21; AA: 2020-12-09; AB: 2020-08-12; AC: 2020-10-07; AD: 2021-01-04; AE: 2020-07-24; AF: 2020-11-03; AG: 2020-08-21; AH: 2020-09-14; AI: 2020-11-10; AJ: 2020-12-14; AK: 2020-10-23; AL: 2020-11-27; AM: 2020-10-16; AN: 2020-07-29; AO: 2020-08-02; AP: 2020-12-04; AQ: 2020-11-23; AR: 2020-08-06; AS: 2020-09-25; AT: 2020-08-17; AU: 2020-09-29; AV: 2020-12-25; AW: 2020-09-18; AX: 2020-09-04; AY: 2020-10-12; AZ: 2020-07-20), so it keeps off that fresh day's week; a day
# drawn after a sample was read (``labelled_later``; 2020-10-10 in session 32, 2020-09-20 in session 33 and 2020-11-25 in session
# 34, after K; 2020-07-31 in session 35, after L; 2020-12-23 in session 36, after M; 2020-09-02 in session 37,
# after N; 2020-08-19 in session 38, after O; 2020-08-26 in session 39, after P; 2020-11-12 in session 40, after Q; 2020-10-28 in session 41, after R; 2020-12-30 in session 42, after S; 2020-10-01 in session 43, after T; 2020-11-05 in session 44, after U; 2020-09-09 in session 45, after V; 2020-12-16 in session 46, after W; 2020-09-23 in session 47, after X; 2020-10-21 in session 48, after Y; 2020-12-09 in session 49, after Z; 2020-08-12 in session 50, after AA; 2020-10-07 in session 51, after AB; 2021-01-04 in session 52, after AC; 2020-07-24 in session 53, after AD; 2020-11-03 in session 54, after AE; 2020-08-21 in session 55, after AF; 2020-09-14 in session 56, after AG; 2020-11-10 in session 57, after AH; 2020-12-14 in session 58, after AI; 2020-10-23 in session 59, after AJ; 2020-11-27 in session 60, after AK; 2020-10-16 in session 61, after AL; 2020-07-29 in session 62, after AM; 2020-08-02 in session 63, after AN; 2020-12-04 in session 64, after AO; 2020-11-23 in session 65, after AP; 2020-08-06 in session 66, after AQ; 2020-09-25 in session 67, after AR; 2020-08-17 in session 68, after AS; 2020-09-29 in session 69, after AT; 2020-12-25 in session 70, after AU; 2020-09-18 in session 71, after AV; 2020-09-04 in session 72, after AW; 2020-10-12 in session 73, after AX; 2020-07-20 in session 74, after AY; 2020-08-31 in session 75, after AZ) is judged as the pool was when the sample was drawn.
@pytest.mark.parametrize(("letter", "labelled_later", "fresh_week"), [
    ("I", ("2020-12-06", "2020-10-10", "2020-09-20", "2020-11-25", "2020-07-31", "2020-12-23", "2020-09-02", "2020-08-19", "2020-08-26", "2020-11-12", "2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-10-15", "2020-10-21")),
    ("J", ("2020-10-04", "2020-10-10", "2020-09-20", "2020-11-25", "2020-07-31", "2020-12-23", "2020-09-02", "2020-08-19", "2020-08-26", "2020-11-12", "2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-12-03", "2020-12-09")),
    ("K", ("2020-10-10", "2020-09-20", "2020-11-25", "2020-07-31", "2020-12-23", "2020-09-02", "2020-08-19", "2020-08-26", "2020-11-12", "2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-10-01", "2020-10-07")),
    ("L", ("2020-07-31", "2020-12-23", "2020-09-02", "2020-08-19", "2020-08-26", "2020-11-12", "2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-11-22", "2020-11-28")),
    ("M", ("2020-12-23", "2020-09-02", "2020-08-19", "2020-08-26", "2020-11-12", "2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-07-28", "2020-08-03")),
    ("N", ("2020-09-02", "2020-08-19", "2020-08-26", "2020-11-12", "2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-12-20", "2020-12-26")),
    ("O", ("2020-08-19", "2020-08-26", "2020-11-12", "2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-08-30", "2020-09-05")),
    ("P", ("2020-08-26", "2020-11-12", "2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-08-16", "2020-08-22")),
    ("Q", ("2020-11-12", "2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-08-23", "2020-08-29")),
    ("R", ("2020-10-28", "2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-11-09", "2020-11-15")),
    ("S", ("2020-12-30", "2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-10-25", "2020-10-31")),
    ("T", ("2020-10-01", "2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-12-27", "2021-01-02")),
    ("U", ("2020-11-05", "2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-09-28", "2020-10-04")),
    ("V", ("2020-09-09", "2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-11-02", "2020-11-08")),
    ("W", ("2020-12-16", "2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-09-06", "2020-09-12")),
    ("X", ("2020-09-23", "2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-12-13", "2020-12-19")),
    ("Y", ("2020-10-21", "2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-09-20", "2020-09-26")),
    ("Z", ("2020-12-09", "2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-10-18", "2020-10-24")),
    ("AA", ("2020-08-12", "2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-12-06", "2020-12-12")),
    ("AB", ("2020-10-07", "2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-08-09", "2020-08-15")),
    ("AC", ("2021-01-04", "2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-10-04", "2020-10-10")),
    ("AD", ("2020-07-24", "2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2021-01-01", "2021-01-07")),
    ("AE", ("2020-11-03", "2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-07-21", "2020-07-27")),
    ("AF", ("2020-08-21", "2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-10-31", "2020-11-06")),
    ("AG", ("2020-09-14", "2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-08-18", "2020-08-24")),
    ("AH", ("2020-11-10", "2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-09-11", "2020-09-17")),
    ("AI", ("2020-12-14", "2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-11-07", "2020-11-13")),
    ("AJ", ("2020-10-23", "2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-12-11", "2020-12-17")),
    ("AK", ("2020-11-27", "2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-10-20", "2020-10-26")),
    ("AL", ("2020-10-16", "2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-11-24", "2020-11-30")),
    ("AM", ("2020-07-29", "2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-10-13", "2020-10-19")),
    ("AN", ("2020-08-02", "2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-07-26", "2020-08-01")),
    ("AO", ("2020-12-04", "2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-07-30", "2020-08-05")),
    ("AP", ("2020-11-23", "2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-12-01", "2020-12-07")),
    ("AQ", ("2020-08-06", "2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-11-20", "2020-11-26")),
    ("AR", ("2020-09-25", "2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-08-03", "2020-08-09")),
    ("AS", ("2020-08-17", "2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-09-22", "2020-09-28")),
    ("AT", ("2020-09-29", "2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-08-14", "2020-08-20")),
    ("AU", ("2020-12-25", "2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-09-26", "2020-10-02")),
    ("AV", ("2020-09-18", "2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-12-22", "2020-12-28")),
    ("AW", ("2020-09-04", "2020-10-12", "2020-07-20", "2020-08-31"), ("2020-09-15", "2020-09-21")),
    ("AX", ("2020-10-12", "2020-07-20", "2020-08-31"), ("2020-09-01", "2020-09-07")),
    ("AY", ("2020-07-20", "2020-08-31"), ("2020-10-09", "2020-10-15")),
    ("AZ", ("2020-08-31",), ("2020-07-17", "2020-07-23")),
])
def test_a_near_tuning_sample_keeps_off_the_unreadable_days_and_shares_no_story_with_earlier_ones(
        letter: str, labelled_later: tuple[str, ...], fresh_week: tuple[str, str]) -> None:
    drawn = _stories(f"onlyx-sample-{letter.lower()}.toml")
    assert len(drawn) == DRAWN_SIZE.get(letter, 40) and all(s["sample"] == letter for s in drawn)
    assert all(eligible_day(f.split("/")[0], pool="near-tuning", labelled_later=labelled_later)
               for s in drawn for f in s["files"])
    assert not any(fresh_week[0] <= f[:10] <= fresh_week[1] for s in drawn for f in s["files"])
    assert not _files_before(letter) & {f for s in drawn for f in s["files"]}


def test_a_story_larger_than_a_sample_reads_enters_as_its_first_reports_only_when_asked() -> None:
    small = [("甲", "a"), ("乙", "b"), ("丙", "c")]
    assert sample_reports(small) == small
    assert sample_reports(small[:2] + [("甲", "d")]) is None  # two outlets
    # from sample AO on (session 63: the stories of 3+ outlets used up) a story of two outlets may enter
    assert sample_reports(small[:2] + [("甲", "d")], min_outlets=2) == small[:2] + [("甲", "d")]
    assert sample_reports([("甲", "a"), ("甲", "b")], min_outlets=2) is None  # one outlet
    # a large story whose first reports come from two outlets, a third later
    large = [("甲" if n % 2 else "乙", f"f{n}") for n in range(MAX_REPORTS + 3)]
    large[1] = ("丙", "f1")
    assert sample_reports(large) is None  # passed over, as every sample before session 58 drew
    first = sample_reports(large, first_reports=True)
    assert first == large[:MAX_REPORTS]
    late_third = [("甲" if n % 2 else "乙", f"f{n}") for n in range(MAX_REPORTS)] + [("丙", "late")]
    assert sample_reports(late_third, first_reports=True) is None  # the third outlet is after the twelfth report


def test_first_reports_without_the_samples_to_exclude_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # review59: the A/B draw never reads --first-reports, so it was silently ignored there
    import sys

    from bench import onlyx_audit

    monkeypatch.setattr(sys, "argv", ["onlyx_audit", "draw", "--dump", "d.json", "--store", "s.sqlite", "--root", ".",
                                      "--out", "o.toml", "--first-reports"])
    with pytest.raises(SystemExit) as stopped:
        onlyx_audit.main()
    assert stopped.value.code == 2 and "--exclude" in capsys.readouterr().err
