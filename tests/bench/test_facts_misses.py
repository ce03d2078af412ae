"""bench/facts_misses.py's census tells which of the linker's rounds joined two units (own small
story, none taken from the fact labels of bench/days)."""

from __future__ import annotations

from bench import facts_misses
from tests.bench.port_story import article


def test_the_census_names_the_round_that_joined_two_units() -> None:
    first = article("甲台", "海港管理局周一宣布新码头将于明年三月正式启用。码头耗资约四十亿元兴建。")
    second = article("乙报", "海港管理局周一宣布新码头将于明年三月正式启用。其他港口的货运量今年持续下滑。")
    view = facts_misses._Story({"a": first, "b": second})
    same = [view.locate(a.id, "海港管理局周一宣布新码头") for a in (first, second)]
    other = [view.locate(first.id, "码头耗资约四十亿元"), view.locate(second.id, "其他港口的货运量")]
    assert None not in same and None not in other
    assert view.joined_in(same[0], same[1]) == "first"  # type: ignore[arg-type]
    assert view.joined_in(other[0], other[1]) in ("none", "continuity-1")  # type: ignore[arg-type]
    # The linker's own methods are back in place once the story is compared.
    assert facts_misses.c._Linker.link.__name__ == "link"
