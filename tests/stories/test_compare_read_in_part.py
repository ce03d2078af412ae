"""Past ``stories.bounds`` a comparison says which reports it read from their start only (safety76).

On main a comparison cut by the bounds gave no sign of it: the reader's page, the site's and `stories show` showed
the first units of a report as the report's comparison."""

from __future__ import annotations

import pytest

from newsmirror.model import Article
from newsmirror.stories import bounds, codec
from newsmirror.stories import compare as compare_module
from newsmirror.stories.compare import compare_story
from newsmirror.stories.comparison import Comparison
from tests.stories.test_compare_bounds import START, report


def test_a_report_cut_by_the_bounds_is_named_and_one_read_whole_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    long = Article(outlet="甲报", title="标题", original_url="https://e.example/a", published_at=START,
                   body_text="一句话说到这里。\n" * 9_000, script="zh-Hans")  # 81,000 characters
    short = report(1, 20, "乙社")
    assert compare_story([long, short]).read_in_part == [long.id]
    assert compare_story([report(2, 30, "甲报"), short]).read_in_part == []
    # Units past a report's own bound, and past its share of the story's units (small bounds: a quick story).
    monkeypatch.setattr(compare_module, "MAX_REPORT_UNITS", 60)
    monkeypatch.setattr(bounds, "MAX_STORY_UNITS", 100)
    a, b, c = report(3, 150, "甲报"), report(4, 80, "乙社"), report(5, 10, "丙台")
    assert compare_story([a, c]).read_in_part == [a.id]  # 150 units, its own bound 60
    assert compare_story([c, b, a]).read_in_part == [b.id, a.id]  # both cut to 45, the short one whole
    exactly = report(6, 60, "乙社")
    assert compare_story([exactly, c]).read_in_part == []  # as many units as its bound: read whole


def test_what_a_cut_comparison_says_is_read_back_and_checked() -> None:
    comparison = Comparison(story_id="s", outlets=["甲报", "乙社"], unique={"甲报": [], "乙社": []},
                            read_in_part=["abc"])
    assert codec.decode(codec.encode(comparison)).read_in_part == ["abc"]
    comparison.read_in_part = [5]  # type: ignore[list-item]  # a received store's
    with pytest.raises(codec.UnreadableComparison):
        codec.decode(codec.encode(comparison))
