"""bench/days/onlyx_samples.py: the one list of only-X samples every bench tool reads."""

from __future__ import annotations

import tomllib

import pytest
from bench.days import onlyx_samples

# Imported before any test pins the sample lists: the module reads them when it loads (the samples the miners leave out).
from bench.mine_name_usage import sample_letters


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
        onlyx_samples.file_name("BB")


def _judged_letters(name: str) -> set[str]:
    with (onlyx_samples.DAYS / name).open("rb") as handle:
        return {onlyx_samples.sample_of(claim["story"]) for claim in tomllib.load(handle).get("claim", [])}


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


def test_names_after_z_have_two_letters_and_each_has_its_own_file_verdicts_and_role(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Sample Z was drawn in session 48, the last single letter. The lists were strings of letters: a sample "AB"
    # would have been read from A and B's shared onlyx-sample.toml ("AB" in "AB"), and a verdict on story "AA01"
    # counted for sample A (its first character). Names are strings now, the lists tuples of them.
    assert [onlyx_samples.name_after(name) for name in ("A", "Y", "Z", "AA", "AZ", "ZZ")] == [
        "B", "Z", "AA", "AB", "BA", "AAA"]
    with pytest.raises(ValueError):
        onlyx_samples.name_after("a1")
    # AA was drawn in session 49, AB in session 50 (fresh for session 51); the roles are pinned as they were then.
    monkeypatch.setattr(onlyx_samples, "DRAWN", (*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "AA", "AB"))
    monkeypatch.setattr(onlyx_samples, "FRESH", ("AB",))
    assert onlyx_samples.file_name("AA") == "onlyx-sample-aa.toml"
    assert onlyx_samples.file_name("AB") == "onlyx-sample-ab.toml"  # not A and B's file
    assert onlyx_samples.path("AA") == onlyx_samples.DAYS / "onlyx-sample-aa.toml"
    assert onlyx_samples.file_names(("A", "B", "AA", "AB")) == (
        "onlyx-sample.toml", "onlyx-sample-aa.toml", "onlyx-sample-ab.toml")
    assert onlyx_samples.judged_path("AA").name == "onlyx-judged.toml"  # a tuning sample
    assert onlyx_samples.judged_path("AB").name == "onlyx-judged-fresh.toml"  # the fresh one
    assert onlyx_samples.judged_path("K").name == "onlyx-judged-held.toml"
    # Back from the file name (mine_name_usage's provenance line) and from a story id or a verdict's story.
    assert sample_letters(onlyx_samples.file_names(("A", "AA", "AB"))) == ["A", "B", "AA", "AB"]
    assert [onlyx_samples.sample_of(story) for story in ("A01", "Z40", "AA01", "AB12")] == ["A", "Z", "AA", "AB"]
    # On a command line (sitting.py samples --letters) and as tools print them.
    assert onlyx_samples.names_of("ABC") == ("A", "B", "C")  # as before
    assert onlyx_samples.names_of("AA") == ("AA",) and onlyx_samples.names_of("A,AA, AB") == ("A", "AA", "AB")
    with pytest.raises(ValueError, match="no only-X sample 'AC'"):
        onlyx_samples.names_of("A,AC")
    assert onlyx_samples.spelled(("A", "B", "C")) == "ABC" and onlyx_samples.spelled(("Z", "AA")) == "Z,AA"


def test_the_lists_are_tuples_of_names_and_read_as_the_letters_did() -> None:
    for names in (onlyx_samples.DRAWN, onlyx_samples.HELD, onlyx_samples.FRESH, onlyx_samples.TUNING,
                  onlyx_samples.MINED_WITHOUT):
        assert isinstance(names, tuple) and all(isinstance(name, str) and name.isupper() for name in names)
    assert onlyx_samples.spelled(onlyx_samples.DRAWN[:3]) == "ABC"
    with pytest.raises(ValueError, match="no only-X sample"):
        onlyx_samples.file_name("")  # "" in "ABC…" was True: the empty name read A and B's file
