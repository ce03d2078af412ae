"""bench/facts_grouped.py counts a gold pair as split when the grouping put its two files in different
stories, and compares the story holding most of the labelled files, copies left out (own small day)."""

from __future__ import annotations

from types import SimpleNamespace

from bench.facts_grouped import GroupedDay, production_view


def test_split_and_copy_pairs_and_the_reports_compared() -> None:
    articles = {a: SimpleNamespace(outlet=o) for a, o in
                (("a1", "甲报"), ("b1", "乙台"), ("c1", "丙网"), ("d1", "丁社"), ("x1", "戊报"))}
    day = GroupedDay(article_of={"a.md": "a1", "b.md": "b1", "c.md": "c1", "d.md": "d1"},
                     story_of={"a1": "s", "b1": "s", "c1": "t", "d1": "s", "x1": "s"},
                     members={"s": [("a1", "member"), ("b1", "member"), ("d1", "duplicate"), ("x1", "member")],
                              "t": [("c1", "member")]},
                     articles=articles)
    story = {"files": ["a.md", "b.md", "c.md", "d.md"],
             "fact": [{"sentences": [{"file": "a.md"}, {"file": "b.md"}, {"file": "c.md"}, {"file": "d.md"}]}]}
    counts, compared = production_view(story, day)
    assert counts["pairs"] == 6
    assert counts["split"] == 3  # every pair with c.md, grouped apart
    assert counts["copy"] == 2  # a-d and b-d: d.md is a copy in the story
    # The story holding most labelled files, its copy left out, an unlabelled member kept under its id.
    assert set(compared) == {"a.md", "b.md", "x1"}
