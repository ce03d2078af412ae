"""The event layer (``stories.eventlink``): stories linked by a story-pair model, on small reports
written for these tests (not taken from any labelled day): a spy-trial event told by a core report
and by a side story (a scholar's reaction) that shares the event's rare title word but little other
wording, and an unrelated report."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer, _dice, _StoryState
from newsmirror.stories.eventlink import (
    EVENT_FEATURES,
    EVENT_FEATURES_COVER,
    EVENT_MODEL_COVER_FILE,
    LEDE_GATE,
    GatedEventModel,
    _weighted_jaccard,
    default_event_model,
    event_features,
    is_latin_name,
    lede_cover,
    load_event_model,
    story_weights,
)
from newsmirror.stories.pairscore import PairModel, PairModelError

START = datetime(2021, 3, 1, 6, tzinfo=UTC)

CORE = ("新华网", "央视播出台谍案专题节目 国台办称依法惩处",
        "中央电视台连续三天播出台谍案专题节目，披露多名台湾居民在大陆从事间谍活动的案情。"
        "国台办发言人在记者会上说，有关部门依法打击间谍情报机关的渗透破坏活动，台谍案涉及国家机密，"
        "将依法不公开审理。节目播出后，陆委会要求大陆方面说明案件进展。")
SIDE = ("中央社", "学者评台谍案节目：破坏两岸交流互信",
        "多名学者周三表示，大陆官方媒体密集播出台谍案节目，用意在于恐吓台湾民众，"
        "也让往来两岸的商人和学生感到不安。学者认为，两岸交流的默契与信任正在流失，"
        "台湾方面应谨慎回应，避免事态升级。")
OTHER = ("路透", "澳大利亚第三季度经济增长百分之三点三",
         "澳大利亚统计局周三公布，第三季度国内生产总值环比增长百分之三点三，走出疫情引发的衰退。"
         "家庭消费回升推动了增长，零售和餐饮支出大幅反弹，失业率仍然偏高。")

ALWAYS = PairModel(tuple(0.0 for _ in EVENT_FEATURES), 50.0, 0.5, EVENT_FEATURES)
NEVER = PairModel(tuple(0.0 for _ in EVENT_FEATURES), -50.0, 0.5, EVENT_FEATURES)
# Report-level joining off; links between any two stories (the shipped event_core keeps single
# reports apart; tested on its own below).
NO_JOIN = dict(join_probability=1.01, merge_probability=None, event_merge_similarity=2.0, event_core=1)


def document(index: int, item: tuple[str, str, str], hours: float | None = None) -> Document:
    outlet, title, text = item
    return Document(f"a{index}", outlet, START + timedelta(hours=index if hours is None else hours), title, text)


def clusterer_of(model: PairModel, **settings: object) -> StoryClusterer:
    return StoryClusterer(ClusterConfig(event_link=True, **{**NO_JOIN, **settings}),  # type: ignore[arg-type]
                          event_model=model)


def grouped(model: PairModel, items: list[Document], **settings: object) -> list[str]:
    clusterer = clusterer_of(model, **settings)
    assigned = [clusterer.add(doc).story_id for doc in items]
    clusterer.link_events()
    return [clusterer.resolve(story) for story in assigned]


def test_the_event_layer_links_stories_the_model_calls_one_event() -> None:
    items = [document(0, CORE), document(1, SIDE)]
    linked = grouped(ALWAYS, items)
    assert linked[0] == linked[1]
    apart = grouped(NEVER, items)
    assert apart[0] != apart[1]


ENGLISH = (("经济学人", "America and China clash over tariffs at the trade summit",
            "America and China traded barbs over tariffs at the summit in Geneva as the economy slowed."),
           ("经济学人", "America and China race to build vaccines for the economy",
            "America and China are racing to build vaccines in Geneva laboratories as the economy reopens."))


def test_the_event_layer_links_chinese_stories_only() -> None:
    """Its features are made for Chinese text: to them English reports all look alike (read10 found one
    outlet's batch of unrelated English articles made one story), so it never links them."""
    english = [document(0, ENGLISH[0]), document(1, ENGLISH[1])]
    apart = grouped(ALWAYS, english)
    assert apart[0] != apart[1]
    assert len(set(grouped(ALWAYS, [document(0, CORE), document(1, SIDE), document(2, ENGLISH[1])]))) == 2


def test_links_wait_for_a_pass_unless_asked_as_stories_grow() -> None:
    clusterer = clusterer_of(ALWAYS)
    first, second = (clusterer.add(doc).story_id for doc in (document(0, CORE), document(1, SIDE)))
    assert first != second and clusterer.drain_merges() == []
    assert clusterer.link_events() == 1
    assert clusterer.drain_merges() == [(second, first)]  # the younger story joins the older
    assert clusterer.link_events() == 0  # nothing changed since the last pass
    growing = clusterer_of(ALWAYS, event_links=1)
    ids = [growing.add(doc).story_id for doc in (document(0, CORE), document(1, SIDE))]
    assert ids[0] == ids[1]


def test_restored_decisions_are_never_relinked() -> None:
    clusterer = clusterer_of(ALWAYS)
    clusterer.restore(document(0, CORE), "s-core")
    clusterer.restore(document(1, SIDE), "s-side")
    assert clusterer.link_events() == 0


def test_the_event_layer_is_on_by_default_and_off_in_the_old_settings() -> None:
    assert StoryClusterer().event_model is not None
    assert StoryClusterer(ClusterConfig(event_link=False), event_model=ALWAYS).event_model is None
    assert StoryClusterer(ClusterConfig.hand_settings(), event_model=ALWAYS).event_model is None
    assert StoryClusterer(ClusterConfig.recall_settings(), event_model=ALWAYS).event_model is None


def test_no_link_beyond_the_story_span_and_none_with_a_multi_event_report() -> None:
    far = grouped(ALWAYS, [document(0, CORE), document(1, SIDE, hours=24 * 4)])
    assert far[0] != far[1]  # max_span (3 days): a story cannot grow day by day
    digest = Document("d", "新华网", START + timedelta(hours=1), SIDE[1], SIDE[2], digest=True)
    closed = grouped(ALWAYS, [document(0, CORE), digest])
    assert closed[0] != closed[1]


def test_a_shared_rare_title_word_weighs_more_than_a_shared_topic() -> None:
    clusterer = StoryClusterer(ClusterConfig(event_link=True, **NO_JOIN), event_model=NEVER)  # type: ignore[arg-type]
    ids = [clusterer.add(doc).story_id for doc in (document(0, CORE), document(1, SIDE), document(2, OTHER))]
    core, side, other = (clusterer.stories[i] for i in ids)
    names = list(EVENT_FEATURES)
    same = dict(zip(names, event_features(core, side, clusterer._is_name, _dice), strict=True))
    different = dict(zip(names, event_features(core, other, clusterer._is_name, _dice), strict=True))
    assert same["title_terms"] > different["title_terms"]
    assert same["title_rare"] > different["title_rare"]
    assert same["lede"] > different["lede"]
    assert same["lede_terms"] > different["lede_terms"]
    # The side story names some of the core's names (台湾, 台谍案); the unrelated report none of them.
    assert same["core_names_missing"] < different["core_names_missing"] == 1.0
    assert same == dict(zip(names, event_features(side, core, clusterer._is_name, _dice), strict=True))


def _terms_in_order(story: _StoryState, reverse: bool) -> _StoryState:
    """The same story with its term records in sorted (or reverse sorted) key order: what another string hash
    seed does to them, since the clusterer fills them from frozensets."""
    def ordered(terms: dict[str, float]) -> dict[str, float]:
        return dict(sorted(terms.items(), reverse=reverse))
    return dataclasses.replace(story, title_terms=Counter(ordered(story.title_terms)),
                               lede_terms=Counter(ordered(story.lede_terms)), centroid=ordered(story.centroid),
                               event_weights=None)


def test_event_features_follow_neither_the_order_of_a_storys_terms_nor_the_order_of_the_two_stories() -> None:
    """A story's term Counters are filled from frozensets, so their order follows the process's string hash
    seed; summed in that order the features differed in their last bit with the seed and with which story came
    first (the test above failed under ``PYTHONHASHSEED=12``). Every order must give the same features."""
    clusterer = clusterer_of(NEVER)
    core, side = (clusterer.stories[clusterer.add(doc).story_id] for doc in (document(0, CORE), document(1, SIDE)))
    orders = [(_terms_in_order(core, first), _terms_in_order(side, second))
              for first in (False, True) for second in (False, True)]
    features = {event_features(a, b, clusterer._is_name, _dice, cover=True)
                for pair in orders for a, b in (pair, pair[::-1])}
    assert len(features) == 1


def test_weighted_jaccard_is_symmetric_to_the_last_bit() -> None:
    # 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 are two different floats.
    first, second = {"x": 0.1, "y": 0.2, "z": 0.3}, {"z": 0.3, "y": 0.2, "x": 0.1, "w": 1.0}
    assert _weighted_jaccard(first, second) == _weighted_jaccard(second, first) == 0.6 / 1.6


def test_kept_story_weights_follow_every_change_of_the_story() -> None:
    """The clusterer keeps each story's ``story_weights`` between passes; a member joining (here a
    copy, whose title counts again) or a merge must drop them, or a pass scores a stale story."""
    clusterer = clusterer_of(NEVER)
    ids = [clusterer.add(doc).story_id for doc in (document(0, CORE), document(1, SIDE), document(2, OTHER))]
    clusterer.link_events()
    kept = {story_id: clusterer.stories[story_id].event_weights for story_id in ids}
    assert kept[ids[0]] is not None and kept[ids[1]] is not None
    before = kept[ids[0]]
    copy = clusterer.add(Document("c", "人民网", START + timedelta(hours=3), CORE[1], CORE[2]))
    assert copy.role == "duplicate" and copy.story_id == ids[0]
    core = clusterer.stories[ids[0]]
    assert core.event_weights is None
    clusterer._relink.add(core.id)
    clusterer.link_events()
    assert core.event_weights is not before and core.event_weights == story_weights(core, clusterer._is_name)
    clusterer.event_model = ALWAYS
    clusterer._relink.update(ids)
    assert clusterer.link_events() >= 1
    for story in clusterer.stories.values():
        assert story.event_weights is None or story.event_weights == story_weights(story, clusterer._is_name)
    assert clusterer.stories[clusterer.resolve(ids[1])].event_weights is None  # scored, then merged


def test_a_link_needs_a_story_of_event_core_reports() -> None:
    """Two single reports never link (two reports of one topic were the layer's most frequent wrong
    links); a single report links into a story the report-level grouping built from three."""
    singles = grouped(ALWAYS, [document(0, CORE), document(1, SIDE)], event_core=3)
    assert singles[0] != singles[1]
    clusterer = clusterer_of(ALWAYS, event_core=3, join_probability=None)
    core = [clusterer.add(document(i, CORE)) for i in range(3)]
    assert len({clusterer.resolve(a.story_id) for a in core}) == 1  # the copies form one story of 3
    side = clusterer.add(document(3, SIDE)).story_id
    assert clusterer.resolve(side) != clusterer.resolve(core[0].story_id)
    clusterer.link_events()
    assert clusterer.resolve(side) == clusterer.resolve(core[0].story_id)


def test_latin_names() -> None:
    assert is_latin_name("tiktok") and is_latin_name("iphone")
    assert not is_latin_name("the") and not is_latin_name("5g") and not is_latin_name("a")


def test_the_event_model_file_loads_and_a_missing_weight_is_a_clear_error(tmp_path: Path) -> None:
    model = load_event_model()
    assert model.features == EVENT_FEATURES and 0.0 < model.threshold < 1.0
    path = tmp_path / "event.toml"
    path.write_text(model.to_toml("fitted for a test"), encoding="utf-8")
    assert load_event_model(path) == model
    path.write_text("threshold = 0.5\nbias = 0.0\n[weights]\nlede = 1.0\n", encoding="utf-8")
    with pytest.raises(PairModelError, match="days_event_fit"):
        load_event_model(path)


def test_grouping_links_at_each_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.model import Article
    from newsmirror.store import open_store
    from newsmirror.store.base import ArticleQuery
    from newsmirror.stories import cluster

    monkeypatch.setattr(cluster, "default_event_model", lambda: ALWAYS)
    with open_store(tmp_path / "stories.sqlite") as store:
        for index, (outlet, title, text) in enumerate((CORE, SIDE)):
            store.upsert_article(Article(outlet=outlet, title=title, original_url=f"https://e.example/{index}",
                                         published_at=START + timedelta(hours=index), body_text=text))
        report = group_articles(store, ClusterConfig(event_link=True, **NO_JOIN), compare=False)  # type: ignore[arg-type]
        assert report.assigned == 2 and store.unassigned_article_ids() == []
        stories = {store.story_of(article.id) for article in store.iter_articles(ArticleQuery())}
        assert len(stories) == 1 and None not in stories


class _Scripted(StoryClusterer):
    """A clusterer whose event model's pair probabilities are given (story index pairs -> probability)."""

    script: dict[tuple[int, int], float] = {}
    ids: list[str] = []

    def event_pairs(self, story_ids: set[str]) -> list[tuple[float, str, str]]:
        return [(p, self.ids[a], self.ids[b]) for (a, b), p in self.script.items()]


@pytest.mark.parametrize("chain", [False, True])
def test_a_pass_never_chains_two_events_through_a_report_linked_to_both(chain: bool) -> None:
    """A report that previews the debate and mentions the NYT's tax report links to both stories; the
    two events stay apart unless chaining is asked for (session 19, the debate and the tax report)."""
    clusterer = _Scripted(ClusterConfig(event_link=True, event_chain=chain, **NO_JOIN),  # type: ignore[arg-type]
                          event_model=ALWAYS)
    clusterer.ids = [clusterer.add(doc).story_id for doc in (document(0, CORE), document(1, SIDE), document(2, OTHER))]
    clusterer.script = {(1, 0): 0.95, (1, 2): 0.9}  # the side report with the core, then with the other event
    merges = clusterer.link_events()
    stories = {clusterer.resolve(story) for story in clusterer.ids}
    assert (merges, len(stories)) == ((2, 1) if chain else (1, 2))
    assert clusterer.resolve(clusterer.ids[1]) == clusterer.resolve(clusterer.ids[0])


@pytest.mark.parametrize("established", [0, 2])
def test_two_established_stories_never_link(established: int) -> None:
    """Two events of one topic that each already hold several reports (TikTok's London HQ and the
    ultimatum) stay apart when ``event_established`` asks for it, even when one grew by a link earlier
    in the same pass; a small story still joins an established one."""
    clusterer = _Scripted(ClusterConfig(event_link=True, event_established=established, **NO_JOIN),  # type: ignore[arg-type]
                          event_model=ALWAYS)
    items = (CORE, SIDE, OTHER, *ENGLISH)  # five different reports; the script says which link
    clusterer.ids = [clusterer.add(doc).story_id for doc in (document(i, item) for i, item in enumerate(items))]
    # Two stories of two reports each are made first; then a link between them; then a single report.
    clusterer.script = {(0, 1): 0.97, (2, 3): 0.96, (1, 2): 0.95, (4, 0): 0.9}
    clusterer.link_events()
    stories = [clusterer.resolve(story) for story in clusterer.ids]
    assert stories[0] == stories[1] == stories[4] and stories[2] == stories[3]
    assert (stories[0] == stories[2]) is (established == 0)


def test_both_event_model_files_load_and_the_flag_picks_the_one_with_the_cover() -> None:
    plain, cover = default_event_model(), default_event_model(True)
    assert plain.features == EVENT_FEATURES and cover.features == EVENT_FEATURES_COVER
    assert load_event_model(EVENT_MODEL_COVER_FILE, EVENT_FEATURES_COVER) == cover
    assert StoryClusterer().event_model == plain
    assert StoryClusterer(ClusterConfig(event_lede_cover=True)).event_model == cover


def test_with_the_cover_model_a_pass_scores_the_extra_feature() -> None:
    """The features computed follow the model: a pass with a model reading the cover gets it."""
    weights = (*(0.0 for _ in EVENT_FEATURES), 100.0)
    cover_only = PairModel(weights, -50.0, 0.5, EVENT_FEATURES_COVER)  # links iff cover > 0.5
    clusterer = StoryClusterer(ClusterConfig(event_link=True, **NO_JOIN), event_model=cover_only)  # type: ignore[arg-type]
    ids = [clusterer.add(doc).story_id for doc in (document(0, CORE), document(1, SIDE), document(2, OTHER))]
    core, side, other = (clusterer.stories[i] for i in ids)
    assert event_features(core, other, clusterer._is_name, _dice, cover=True)[-1] == 0.0  # restates nothing
    values = event_features(core, side, clusterer._is_name, _dice, cover=True)
    assert values[-1] > 0.0  # the reaction restates some of the core's lede (台谍案, 台湾)
    scored = {frozenset((a, b)): p for p, a, b in clusterer.event_pairs(set(ids))}
    assert scored[frozenset((core.id, side.id))] == pytest.approx(cover_only.probability(values))


def _lede_story(story_id: str, ledes: dict[str, int], count: int) -> _StoryState:
    """A story of ``count`` reports whose titles-and-ledes use ``ledes``' terms that many times."""
    story = _StoryState(id=story_id, title="", first=START, last=START, lede_terms=Counter(ledes), ledes=count)
    story.members = [object()] * count  # type: ignore[list-item]
    return story


# Constructed (no labelled day's text): a core of four reports on TikTok's sale talks with 推特; one actor's next
# event (TikTok sues over the ban: shares only the actor); a reaction restating the talks (收购, 谈判).
TALKS = _lede_story("talks", {"推特": 4, "tiktok": 4, "收购": 3, "谈判": 3, "美国": 1}, 4)
LAWSUIT = _lede_story("lawsuit", {"tiktok": 1, "起诉": 1, "法院": 1, "禁令": 1}, 1)
REACTION = _lede_story("reaction", {"tiktok": 1, "收购": 1, "谈判": 1, "评论": 1}, 1)


def _name(term: str) -> int:
    return int(term in {"推特", "美国"})


def test_the_cover_leaves_out_the_actor_both_stories_name() -> None:
    """The guard: a side story that restates only the core's actor covers nothing of the core's event."""
    core = story_weights(TALKS, _name)
    assert lede_cover(core[4], LAWSUIT) > 0.0  # recall15's cover counts the shared actor
    assert lede_cover(core[4], LAWSUIT, core[3]) == 0.0
    # the reaction restates the event words (收购, 谈判) but not 推特, a core name it never uses: that stays in
    # the total, as the actor leaves both sides of the share
    guarded = lede_cover(core[4], REACTION, core[3])
    words, missed = core[4]["收购"] + core[4]["谈判"], core[4]["推特"]
    assert guarded == pytest.approx(words / (words + missed))


def test_a_cover_model_keeps_the_reaction_and_not_the_actors_next_event() -> None:
    weights = (*(0.0 for _ in EVENT_FEATURES), 100.0)
    cover_only = PairModel(weights, -10.0, 0.5, EVENT_FEATURES_COVER)  # links iff the cover > 0.1 (the actor alone: .2)
    for side, linked in ((LAWSUIT, False), (REACTION, True)):
        for a, b in ((side, TALKS), (TALKS, side)):
            values = event_features(a, b, _name, _dice, cover=True)
            assert values[:-1] == event_features(a, b, _name, _dice)
            assert (cover_only.probability(values) >= 0.5) is linked


COVER_ALWAYS = PairModel(tuple(0.0 for _ in EVENT_FEATURES_COVER), 50.0, 0.85, EVENT_FEATURES_COVER)
COVER_NEVER = PairModel(tuple(0.0 for _ in EVENT_FEATURES_COVER), -50.0, 0.85, EVENT_FEATURES_COVER)
PLAIN_ALWAYS = PairModel(tuple(0.0 for _ in EVENT_FEATURES), 50.0, 0.85, EVENT_FEATURES)
PLAIN_NEVER = PairModel(tuple(0.0 for _ in EVENT_FEATURES), -50.0, 0.85, EVENT_FEATURES)


def test_the_gate_lets_the_cover_model_decide_only_a_side_restating_most_of_the_core_lede() -> None:
    """The actor's next event (low cover) stays apart although the cover model would link it; the reaction
    (most of the core's lede restated) is linked by the cover model although main's model would not."""
    gated = GatedEventModel(COVER_ALWAYS, PLAIN_NEVER)
    for side, linked in ((LAWSUIT, False), (REACTION, True)):
        for a, b in ((side, TALKS), (TALKS, side)):
            values = event_features(a, b, _name, _dice, cover=True)
            assert (values[-1] >= LEDE_GATE) is linked  # the premise: the reaction restates most, the lawsuit not
            assert COVER_ALWAYS.probability(values) >= gated.threshold
            assert (gated.probability(values) >= gated.threshold) is linked


def test_below_the_gate_main_model_decides_on_its_own_features() -> None:
    values = event_features(LAWSUIT, TALKS, _name, _dice, cover=True)
    gated = GatedEventModel(COVER_NEVER, PLAIN_ALWAYS)
    assert gated.probability(values) == PLAIN_ALWAYS.probability(values[:-1]) >= gated.threshold
    reaction = event_features(REACTION, TALKS, _name, _dice, cover=True)
    assert gated.probability(reaction) == COVER_NEVER.probability(reaction) < gated.threshold


def test_a_side_of_event_core_reports_is_judged_by_main_model_whatever_its_cover() -> None:
    """gate18: the cover model decides only for a small side (a reaction is a report or two); a side of
    ``event_core`` reports restating the core's lede is an established event, judged by main's model."""
    core = ClusterConfig().event_core
    for plain, main_links in ((PLAIN_NEVER, False), (PLAIN_ALWAYS, True)):
        gated = GatedEventModel(COVER_ALWAYS, plain, side_below=core)
        for size, linked in ((1, True), (core - 1, True), (core, main_links)):
            side = _lede_story(f"reaction{size}", {t: n * size for t, n in REACTION.lede_terms.items()}, size)
            for a, b in ((side, TALKS), (TALKS, side)):
                values = event_features(a, b, _name, _dice, cover=True)
                assert values[-1] >= LEDE_GATE  # the premise: every side restates most of the core's lede
                assert (gated.probability(values) >= gated.threshold) is linked
    # without the side condition (gate17's gate) the cover model decides the large side too
    big = _lede_story("reaction3", {t: n * core for t, n in REACTION.lede_terms.items()}, core)
    values = event_features(big, TALKS, _name, _dice, cover=True)
    assert GatedEventModel(COVER_ALWAYS, PLAIN_NEVER).probability(values) >= 0.85


def test_the_gate_flag_reads_both_packaged_models() -> None:
    plain, cover = default_event_model(), default_event_model(True)
    gated = StoryClusterer(ClusterConfig(event_lede_gate=True)).event_model
    assert gated == GatedEventModel(cover, plain, side_below=ClusterConfig().event_core)
    assert gated.features == EVENT_FEATURES_COVER
    assert plain.threshold == cover.threshold == gated.threshold  # one threshold reads both models' probabilities
    assert StoryClusterer(ClusterConfig(event_lede_gate=True, event_link=False)).event_model is None


def test_a_pass_with_the_gate_links_by_the_gated_probability() -> None:
    """In a pass the clusterer scores the cover for the gate and links only what the gated model gives."""
    links = []
    for model in (GatedEventModel(COVER_ALWAYS, PLAIN_NEVER), COVER_ALWAYS):
        clusterer = StoryClusterer(ClusterConfig(event_link=True, **NO_JOIN), event_model=model)  # type: ignore[arg-type]
        ids = [clusterer.add(doc).story_id for doc in (document(0, CORE), document(1, SIDE))]
        core, side = (clusterer.stories[i] for i in ids)
        # the scholars' reaction restates little of the programme report's lede (台谍案, 台湾)
        assert 0.0 < event_features(core, side, clusterer._is_name, _dice, cover=True)[-1] < LEDE_GATE
        links.append(clusterer.link_events())
    assert links == [0, 1]  # the cover model alone links it
