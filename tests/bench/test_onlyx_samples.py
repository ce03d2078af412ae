"""bench/days/onlyx_samples.py: the one list of only-X samples every bench tool reads."""

from __future__ import annotations

import tomllib

import pytest
from bench.days import onlyx_samples


def test_every_sample_file_in_bench_days_is_listed_and_every_listed_one_exists() -> None:
    on_disk = {path.name for path in onlyx_samples.DAYS.glob("onlyx-sample*.toml")}
    assert on_disk == set(onlyx_samples.file_names(onlyx_samples.DRAWN))


def test_each_file_holds_the_stories_of_its_letters_only() -> None:
    for name in onlyx_samples.file_names(onlyx_samples.DRAWN):
        with (onlyx_samples.DAYS / name).open("rb") as handle:
            letters = {story["sample"] for story in tomllib.load(handle)["story"]}
        assert letters == {letter for letter in onlyx_samples.DRAWN if onlyx_samples.file_name(letter) == name}


def test_roles_split_the_drawn_samples() -> None:
    tuning, held, fresh = (set(onlyx_samples.TUNING), set(onlyx_samples.HELD), set(onlyx_samples.FRESH))
    assert tuning | held | fresh == set(onlyx_samples.DRAWN)
    assert not tuning & held and not tuning & fresh and not held & fresh
    assert "K" in held and "A" in tuning
    # Whatever is held or fresh is never read by the archive miners.
    assert held | fresh <= set(onlyx_samples.MINED_WITHOUT)


def test_an_unknown_letter_is_refused() -> None:
    with pytest.raises(ValueError, match="no only-X sample"):
        onlyx_samples.file_name("AA")


def _judged_letters(name: str) -> set[str]:
    with (onlyx_samples.DAYS / name).open("rb") as handle:
        return {claim["story"][0] for claim in tomllib.load(handle).get("claim", [])}


def test_the_fresh_samples_verdicts_are_kept_apart_from_the_others() -> None:
    # Session 43 on: the fresh sample's verdicts live in onlyx-judged-fresh.toml only, so that nobody appending
    # verdicts for tuning samples to onlyx-judged.toml sees them. The next session's lead scores the fresh sample
    # with --judged onlyx-judged-fresh.toml, then moves its rows to onlyx-judged.toml before a new sample is FRESH.
    assert not _judged_letters("onlyx-judged.toml") & set(onlyx_samples.FRESH)
    assert _judged_letters("onlyx-judged-fresh.toml") <= set(onlyx_samples.FRESH)



def test_the_held_samples_verdicts_are_kept_apart_and_each_sample_is_scored_from_its_own_file() -> None:
    # Session 43: K's verdicts moved to onlyx-judged-held.toml (judgeU met four K lines searching for a precedent).
    assert not _judged_letters("onlyx-judged.toml") & set(onlyx_samples.HELD + onlyx_samples.FRESH)
    assert _judged_letters("onlyx-judged-held.toml") == set(onlyx_samples.HELD)
    # A fresh sample drawn this session has no verdicts until its judge writes them (in the fresh file).
    being_judged = set(onlyx_samples.FRESH) - _judged_letters("onlyx-judged-fresh.toml")
    for letter in onlyx_samples.DRAWN:
        if letter not in being_judged:
            assert letter in _judged_letters(onlyx_samples.judged_path(letter).name), letter
