"""bench/facts_new_links.py: how each link was made (``story_links``) and a draw from one dump (own small story,
none taken from the fact labels of bench/days)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench import facts_new_links
from tests.bench.port_story import article


def test_story_links_names_the_round_that_made_each_link() -> None:
    first = article("甲台", "海港管理局周一宣布新码头将于明年三月正式启用。港口的年吞吐量预计增加两成。")
    second = article("乙日报", "海港管理局週一宣佈，新碼頭將於明年三月正式啟用。")
    links = facts_new_links.story_links([first, second])
    assert links, "the two tellings of the opening are one fact"
    assert set(links.values()) <= set(facts_new_links.KINDS)
    ((outlet_a, text_a, outlet_b, text_b), kind), = [(key, kind) for key, kind in links.items() if "启用" in key[3]]
    assert (outlet_a, outlet_b, kind) == ("乙日报", "甲台", "rules") and "啟用" in text_a and "启用" in text_b
    # The tracing leaves the comparison as it was: the same links without it.
    from newsmirror.stories.compare import compare_story

    plain = {(a.outlet, a.text, b.outlet, b.text) for fact in compare_story([first, second]).shared
             for a in fact.sentences for b in fact.sentences if a.outlet < b.outlet}
    assert plain == set(links)


def test_draw_is_diffs_draw_against_an_empty_dump() -> None:
    links = [("f", "e", "甲", str(n), "乙", str(n)) for n in range(30)]
    shuffled = random.Random(3).sample(links, len(links))
    assert facts_new_links.drawn(shuffled, 5, 4501) == random.Random(4501).sample(sorted(links), 5)
    assert facts_new_links.drawn(links, 50, 1) == random.Random(1).sample(sorted(links), 30)


def test_draw_command_counts_and_draws_by_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import sys

    links = [("f", "e", "甲", f"句{n}", "乙", f"句{n}") for n in range(6)]
    kinds = [[*link, "rules" if n < 4 else "model"] for n, link in enumerate(links)]
    (tmp_path / "links.json").write_text(json.dumps(links, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "kinds.json").write_text(json.dumps(kinds, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["facts_new_links.py", "draw", str(tmp_path / "links.json"), "--kinds",
                                      str(tmp_path / "kinds.json"), "--kind", "model", "--draw", "5", "--seed", "1"])
    facts_new_links.main()
    out = capsys.readouterr().out
    assert "6 links" in out and "made by model: 2" in out and "by kind: model 2" in out
    assert out.count("[model]") == 2 and "[rules]" not in out


def test_quotes_of_stories_sharing_an_event_id_are_pooled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    days = tmp_path / "bench" / "days"
    days.mkdir(parents=True)
    (days / "facts-x.toml").write_text(
        '[[story]]\nevent = "port"\n[[story.fact]]\nsentences = [{file = "a", text = "新码头将于明年三月正式启用"}]\n'
        '[[story]]\nevent = "port"\n[[story.fact]]\nsentences = [{file = "b", text = "港口的年吞吐量预计增加两成"}]\n',
        encoding="utf-8")
    monkeypatch.setattr(facts_new_links, "REPO", tmp_path)
    first = ("facts-x", "port", "甲台", "新码头将于明年三月正式启用。", "乙日报", "港口的年吞吐量预计增加两成。")
    other = ("facts-x", "port", "甲台", "新码头将于明年三月正式启用。", "乙日报", "天气晴朗。")
    assert facts_new_links.unjudged([first, other]) == [other]
