"""The issue's "done when" on the shared corpus: the 2023-02-04 reports of Ma Zhaoxu's Moscow
trip and of the spy balloon, imported and grouped like a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmirror.jobs.grouping import group_articles
from newsmirror.jobs.importing import import_paths
from newsmirror.model import Article
from newsmirror.store import Store, open_store
from newsmirror.stories.stored import UnknownOutlets, comparison_for
from tests.stories.fixtures import fact_with

pytestmark = pytest.mark.corpus

DAY = "NodeBE4-waimei/archived/2023-02-04/2023-02-04-"
MA_TRIP = {
    "ntd": "seeds/000_goodnews_ntdtv_page.md",
    "cna": "seeds/001_feedx_cna_jekyll_post.md",
    "zaobao": DAY + "中国副外长马朝旭赴俄举行外交部门磋商.md",
    "rfi": DAY + "马朝旭特使访莫斯科 称中俄加深政治互信 未提习是否访俄.md",
}
MIRRORS = ["begood0513-goodnews/pages/prog204/a103642134.md", "lance111l-banned-news3/pages/prog204/a103642134.md"]
BALLOON = [
    "begood0513-goodnews/pages/prog204/a103641977.md",
    DAY + "中國偵察氣球入侵領空 美議員怒批：擊落它.md",
    DAY + "五角大楼：第二个中国气球正“飞越”拉丁美洲.md",
]


@pytest.fixture(scope="module")
def grouped(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, str]]]:
    store = open_store(tmp_path_factory.mktemp("stories") / "corpus.sqlite")
    paths = [*MA_TRIP.values(), *MIRRORS, *BALLOON]
    report = import_paths(store, [corpus_dir / p for p in paths])
    ids = {str(Path(r.path).relative_to(corpus_dir)): r.article_id for r in report.results}
    assert all(ids[p] for p in paths), report.results
    group_articles(store)
    try:
        yield store, ids
    finally:
        store.close()


def articles(store: Store, ids: dict[str, str], *paths: str) -> list[Article]:
    found = [store.get_article(ids[p]) for p in paths]
    assert all(found)
    return [a for a in found if a is not None]


def test_four_reports_of_the_trip_in_two_scripts_form_one_story(grouped: tuple[Store, dict[str, str]]) -> None:
    store, ids = grouped
    stories = {store.story_of(ids[p]) for p in MA_TRIP.values()}
    assert len(stories) == 1 and None not in stories
    # The NTD page mirrored by three repositories is one article, so one report.
    assert {ids[p] for p in MIRRORS} == {ids[MA_TRIP["ntd"]]}
    story_id = stories.pop()
    assert story_id is not None
    outlets = {store.get_article(m.article_id).outlet for m in store.story_members(story_id)}  # type: ignore[union-attr]
    assert len(outlets) == 4


def test_balloon_reports_form_a_different_story(grouped: tuple[Store, dict[str, str]]) -> None:
    store, ids = grouped
    balloon = {store.story_of(ids[p]) for p in BALLOON}
    assert len(balloon) == 1
    assert balloon.pop() != store.story_of(ids[MA_TRIP["ntd"]])



def test_story_page_lists_what_only_ntd_reports(grouped: tuple[Store, dict[str, str]]) -> None:
    store, ids = grouped
    story_id = store.story_of(ids[MA_TRIP["ntd"]])
    assert story_id is not None
    comparison = comparison_for(store, story_id)
    ntd = store.get_article(ids[MA_TRIP["ntd"]])
    assert ntd is not None
    only_ntd = [s.text for f in comparison.unique[ntd.outlet] for s in f.sentences]
    assert any("普京" in text and "大骂北京" in text for text in only_ntd)


def test_names_of_lavrovs_deputies_come_from_cna_not_ntd(grouped: tuple[Store, dict[str, str]]) -> None:
    store, ids = grouped
    ntd, cna, zaobao, rfi = articles(store, ids, *MA_TRIP.values())
    story_id = store.story_of(cna.id)
    assert story_id is not None
    # The seed pair, as the reader's and `stories show --outlet`'s outlet choice compares it:
    # NTD says "拉夫罗夫及其两名副手", CNA names them (魯登科, 維爾新尼).
    pair = comparison_for(store, story_id, outlets=[ntd.outlet, cna.outlet])
    deputies = fact_with(pair, "魯登科")
    assert "維爾新尼" in next(s.text for s in deputies.sentences if "魯登科" in s.text)
    assert any("两名副手" in s.text for s in deputies.sentences if s.outlet == ntd.outlet)
    assert deputies.details["鲁坚科"] == [cna.outlet] and deputies.details["韦尔希宁"] == [cna.outlet]
    # Shown as CNA writes them (鲁坚科 is the folded key of CNA's 魯登科).
    assert {"魯登科", "維爾新尼"} <= set(pair.unique_details()[cna.outlet])
    assert deputies.spelled("鲁坚科", cna.outlet) == "魯登科"
    # NTD names neither deputy in any script, so CNA's Latin-script names are news to its readers.
    assert deputies.details["Andrei Rudenko"] == [cna.outlet]
    # All four: 联合早报 (鲁登科、维尔什宁) and RFI (鲁坚科和韦尔希宁, inside a Reuters attribution)
    # name them too. CNA and 联合早报 write the meeting with Lavrov and the talks with his deputies
    # as two clauses of one sentence, RFI as two sentences: the deputies are one fact of the three
    # outlets that name them, NTD's "及其两名副手" sentence stays with the meeting with Lavrov, and
    # CNA's Latin-script names are no "only CNA" claim, since the others name the same people.
    full = comparison_for(store, story_id)
    deputies = fact_with(full, "魯登科")
    assert deputies.outlets == sorted([cna.outlet, zaobao.outlet, rfi.outlet])
    assert any("鲁坚科和韦尔希宁" in s.text for s in deputies.sentences if s.outlet == rfi.outlet)
    meeting = fact_with(full, "两名副手")
    assert {ntd.outlet, cna.outlet, zaobao.outlet} <= set(meeting.outlets)
    assert "Andrei Rudenko" not in deputies.details and "Sergey Vershinin" not in deputies.details
    assert not {"Andrei Rudenko", "Sergey Vershinin", "鲁坚科", "魯登科"} & set(full.unique_details()[cna.outlet])
    # A detail several outlets give is shown in each one's spelling: CNA's 魯登科 beside RFI's 鲁坚科, even where
    # CNA names the deputy outside that fact's sentences (the reader's "只有中央社、法广、联合早报提到" line).
    shown = [term for fact in full.facts() for outlets, terms in fact.detail_groups() if cna.outlet in outlets
             and len(outlets) > 1 for term in terms if "登科" in term or "坚科" in term]
    assert shown and all("魯登科" in term for term in shown)


def test_unknown_outlet_in_the_comparison_is_a_clear_error(grouped: tuple[Store, dict[str, str]]) -> None:
    store, ids = grouped
    story_id = store.story_of(ids[MA_TRIP["cna"]])
    assert story_id is not None
    with pytest.raises(UnknownOutlets, match="not among them: 美联社"):
        comparison_for(store, story_id, outlets=["中央社", "美联社"])
