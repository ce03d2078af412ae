"""bench/onlyx_joins.py: two recordings of the only-X check's answers compared."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from bench.onlyx_joins import TUNING_SAMPLES, diff, sample_file


def test_the_diff_lists_changed_answers_and_new_questions_answered_yes(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.tsv", tmp_path / "new.tsv"
    old.write_text("N25\t路透\t德克萨斯\t0\nG30\t联合早报\t海西州\t1\nA01\t法广\t仙桃市\t1\n", encoding="utf-8")
    new.write_text("N25\t路透\t德克萨斯\t1\nG30\t联合早报\t海西州\t0\nA01\t法广\t仙桃市\t1\n"
                   "N37\t联合早报\twhole:维多利亚公园\t1\nN37\t路透\twhole:维多利亚公园\t0\n", encoding="utf-8")
    diff(argparse.Namespace(old=old, new=new))
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["- G30\t联合早报\t海西州", "+ N25\t路透\t德克萨斯",
                     "+ N37\t联合早报\twhole:维多利亚公园\t(asked by the new tree only)"]


def test_only_tuning_samples_are_offered() -> None:
    # K is held; O became tuning data in session 38, P in session 39, Q in session 40, R in session 41, S in 42, T in 43;
    # U in 44, V in 45, W in 46, X in 47, Y in 48, Z in 49, AA in 50, AB in 51, AC in 52, AD in 53, AE in 54, AF in 55, AG in 56, AH in 57, AI in 58, AJ in 59, AK in 60, AL in 61, AM in 62, AN in 63, AO in 64, AP in 65, AQ in 66, AR in 67, AS in 68, AT in 69, AU in 70, AV in 71, AW in 72, AX in 73, AY in 74, AZ in 75.
    assert "K" not in TUNING_SAMPLES and {"O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP", "AQ", "AR", "AS", "AT", "AU", "AV", "AW", "AX", "AY", "AZ"} <= set(TUNING_SAMPLES)
    assert all(sample_file(letter).exists() for letter in TUNING_SAMPLES)
