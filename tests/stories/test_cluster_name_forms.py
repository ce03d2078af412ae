"""``ClusterConfig.name_forms`` (session 41, group48): one name written two ways read as one term of the term
vector. Constructed reports, from no labelled day."""

from __future__ import annotations

from newsmirror.stories.cluster import ClusterConfig, StoryClusterer

LATIN = ("WHO臉書封鎖挺台留言 外交部提出抗議", "世界衛生組織的臉書粉絲團近日大量封鎖留言，WHO秘書處未回應。")
HAN = ("世卫脸书屏蔽台湾留言", "世界卫生组织的官方脸书屏蔽留言，美国助卿史迪威批评。")
ENGLISH = ("What the world wants from the WHO", "David Stilwell said the WHO must answer.")


def terms(forms: str, report: tuple[str, str]) -> set[str]:
    return set(StoryClusterer(ClusterConfig(name_forms=forms)).vector(*report))


def test_on_by_default_in_reports_of_han_text() -> None:
    assert ClusterConfig().name_forms == "latin"
    assert terms("latin", LATIN) == set(StoryClusterer().vector(*LATIN))
    assert terms("", ENGLISH) == set(StoryClusterer().vector(*ENGLISH))


def test_off_reads_every_writing_as_its_own_term() -> None:
    assert "史迪威" in terms("", HAN) and "世卫组织" not in terms("", ENGLISH)


def test_a_latin_name_of_a_han_report_reads_as_its_han_form() -> None:
    # The title writes WHO, the other report 世卫组织: with the Latin forms read, the title's weight is on one term.
    off, on = StoryClusterer(ClusterConfig(name_forms="")), StoryClusterer(ClusterConfig(name_forms="latin"))
    assert off.vector(*LATIN).get("世卫组织", 0) < on.vector(*LATIN)["世卫组织"]


def test_two_transliterations_read_as_one() -> None:
    assert "史迪威" in terms("", HAN)
    folded = terms("han", HAN)
    assert "史迪威" not in folded and "史达伟" in folded


def test_an_english_report_is_folded_only_with_all() -> None:
    assert "世卫组织" not in terms("latin", ENGLISH)
    assert "世卫组织" in terms("all", ENGLISH)
