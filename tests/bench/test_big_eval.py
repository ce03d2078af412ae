"""bench/big_eval.py: labels of large whole-archive stories scored pair by pair."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bench.big_eval import LabelledStory, label_problems, load_labels, pick, score

LABELS = '''
[[story]]
name = "L1"
members = 5
title = "t"
singles = ["d/e.md"]

  [[story.event]]
  id = "x"
  title = "x"
  files = ["d/a.md", "d/b.md"]

  [[story.event]]
  id = "y"
  title = "y"
  files = ["d/c.md"]

  [[story.multi]]
  file = "d/m.md"
  kind = "briefing"
'''
IDS = {"d/a.md": "A", "d/b.md": "B", "d/c.md": "C", "d/e.md": "E", "d/m.md": "M"}


def _labels(tmp_path: Path) -> list[LabelledStory]:
    path = tmp_path / "big.toml"
    path.write_text(LABELS, encoding="utf-8")
    return load_labels(path)


def test_singles_are_events_and_multi_is_in_no_pair(tmp_path: Path) -> None:
    [story] = _labels(tmp_path)
    assert sorted(map(sorted, story.events.values())) == [["d/a.md", "d/b.md"], ["d/c.md"], ["d/e.md"]]
    assert story.multi == ["d/m.md"]
    result = score([story], IDS, [["A", "B", "C", "E", "M"]])
    assert result.judged == 4  # the multi report is placed but judged in no pair
    assert (result.together, result.together_right, result.gold) == (6, 1, 1)
    assert round(result.precision, 3) == 0.167 and result.recall == 1.0
    assert result.splits == {"L1": [5]}


def test_a_split_along_the_events_is_pure_and_a_split_inside_one_costs_recall(tmp_path: Path) -> None:
    stories = _labels(tmp_path)
    pure = score(stories, IDS, [["A", "B", "M"], ["C"], ["E"], ["unlabelled"]])
    assert (pure.precision, pure.recall, pure.splits["L1"]) == (1.0, 1.0, [3, 1, 1])
    torn = score(stories, IDS, [["A", "C"], ["B", "E", "M"]])
    assert torn.recall == 0.0 and torn.together == 2 and torn.together_right == 0
    assert torn.macro() == (0.0, 0.0)


def test_members_missing_from_the_dump_make_no_pairs(tmp_path: Path) -> None:
    result = score(_labels(tmp_path), IDS, [["A", "C"]])
    assert result.judged == 2 and result.gold == 0 and result.together == 1
    assert result.recall == 1.0 and result.precision == 0.0


def test_a_file_labelled_twice_is_a_problem() -> None:
    stories = [LabelledStory("L1", {"x": ["a.md"]}), LabelledStory("L2", {"y": ["b.md"]}, ["a.md"])]
    assert label_problems(stories) == ["a.md is labelled 2 times"]


def test_pick_skips_stories_near_unread_days_and_draws_by_seed() -> None:
    near = datetime(2020, 11, 17, 23, tzinfo=UTC)  # Beijing date 11-18, the held-out day
    far = datetime(2020, 8, 1, tzinfo=UTC)
    stories = [["n1", "n2", "n3"], ["f1", "f2", "f3"], ["g1", "g2"], ["h1", "h2"], ["k1"]]
    moments = {a: (near if a == "n2" else far) for s in stories for a in s}
    files = {"g1": ["archived/2020-11-22/x.md"]}  # archived on a day next to test day 11-21
    chosen = pick(stories, files, moments, largest=1, drawn=5, sizes=(2, 3), seed=31)
    assert chosen["L1"] == ["f1", "f2", "f3"]
    assert [chosen[k] for k in sorted(chosen) if k.startswith("R")] == [["h1", "h2"]]
