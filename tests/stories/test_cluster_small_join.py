"""The small pass of the complete-story join (``ClusterConfig.small_join``), on small reports written for these
tests (not taken from any labelled day): two complete stories both under ``join_least`` reports, from outlets none
of which is in both, are joined by the small-join model; one outlet's two items are never offered to it; stories the
join pass joined are left to it; on by default (session 46, group60)."""

from __future__ import annotations

from newsmirror.stories.cluster import ClusterConfig, StoryClusterer
from newsmirror.stories.joincomplete import JOIN_FEATURES, load_small_join_model
from newsmirror.stories.pairscore import PairModel
from tests.stories.test_cluster_join import FAIR, FLOOD, NEVER, TOLL, built, story_count

ALWAYS = PairModel(tuple(0.0 for _ in JOIN_FEATURES), 50.0, 0.5, JOIN_FEATURES)
SETTINGS = dict(event_link=False, merge_probability=None, event_merge_similarity=2.0)


def clusterer_of(small: PairModel | None, join: PairModel = NEVER, **settings: object) -> StoryClusterer:
    config = ClusterConfig(join_complete=True, **{**SETTINGS, **settings})  # type: ignore[arg-type]
    return StoryClusterer(config, join_model=join, small_join_model=small)


def test_on_by_default_and_off_as_main() -> None:
    assert ClusterConfig().small_join
    assert StoryClusterer(ClusterConfig()).small_join_model is not None
    clusterer = clusterer_of(ALWAYS, small_join=False)
    assert clusterer.small_join_model is None
    ids = built(clusterer, [[(FLOOD[0], 0)], [(FLOOD[1], 1)]])
    assert clusterer.join_complete(final=True) == 0
    assert story_count(clusterer, ids) == 2  # main: two single reports are never judged


def test_two_single_reports_of_two_outlets_join() -> None:
    clusterer = clusterer_of(ALWAYS, small_join=True)
    ids = built(clusterer, [[(FLOOD[0], 0)], [(FLOOD[1], 1)]])  # 新华网 and 中央社
    assert clusterer.join_complete() == 0  # both can still grow
    assert clusterer.join_complete(final=True) == 1
    assert story_count(clusterer, ids) == 1
    # The roles are stored as the join pass's are: the core with the member it held before its side (the side's
    # story goes with its "judged" state).
    core = clusterer.resolve(ids[1])
    assert clusterer.drain_joins() == [(core, "core", ("a0" if core == ids[0] else "a1",))]


def test_one_outlets_two_items_are_never_offered() -> None:
    clusterer = clusterer_of(ALWAYS, small_join=True)
    ids = built(clusterer, [[(FLOOD[0], 0)], [(FAIR, 1)]])  # both 新华网
    assert clusterer.join_complete(final=True) == 0
    assert story_count(clusterer, ids) == 2


def test_the_threshold_and_the_model_decide() -> None:
    for small, threshold, joins in ((NEVER, None, 0), (ALWAYS, None, 1), (ALWAYS, 1.0, 0)):
        clusterer = clusterer_of(small, small_join=True, small_join_probability=threshold)
        ids = built(clusterer, [[(FLOOD[2], 0)], [(TOLL, 20)]])  # 美国之音 and 法广
        assert clusterer.join_complete(final=True) == joins
        assert story_count(clusterer, ids) == 2 - joins


def test_pairs_under_the_meaning_floor_are_not_scored() -> None:
    for floor, joins in ((0.0, 1), (1.01, 0)):  # no cosine reaches 1.01
        clusterer = clusterer_of(ALWAYS, small_join=True, small_join_floor=floor)
        ids = built(clusterer, [[(FLOOD[0], 0)], [(FLOOD[1], 1)]])
        assert clusterer.join_complete(final=True) == joins
        assert story_count(clusterer, ids) == 2 - joins


def test_a_story_the_join_pass_joined_is_left_to_it() -> None:
    # The join pass (every pair) joins the core of three with a side; the small pass then finds no small pair
    # untouched by it, and a story is absorbed once (star).
    clusterer = clusterer_of(ALWAYS, join=ALWAYS, small_join=True)
    ids = built(clusterer, [[(FLOOD[0], 0), (FLOOD[1], 1), (FLOOD[2], 2)], [(TOLL, 20)]])
    assert clusterer.join_complete(final=True) == 1
    assert story_count(clusterer, ids) == 1


def test_the_packaged_model_reads_the_join_features() -> None:
    model = load_small_join_model()
    assert model.features == JOIN_FEATURES
    assert 0.5 <= model.threshold < 1.0


def test_the_small_pass_roles_hold_in_a_later_run() -> None:
    # Run 1: the small pass joins two single reports; what it stores is the join pass's: the core with the member
    # it held before its side (the side's story goes, so it stores nothing).
    first = clusterer_of(ALWAYS, small_join=True)
    ids = built(first, [[(FLOOD[0], 0)], [(FLOOD[1], 1)]])
    assert first.join_complete(final=True) == 1
    core = first.resolve(ids[1])
    assert core == ids[0] and first.drain_joins() == [(core, "core", ("a0",))]
    # Run 2 restores the core (two reports, still under join_least) and groups a third outlet's single report: with
    # the stored role the core is an earlier join's and is left alone; without it, the small pass joins them.
    for restored, joins in ((True, 0), (False, 1)):
        later = clusterer_of(ALWAYS, small_join=True)
        if restored:
            later.restore_join(core, "core", ("a0",))
        built_ids = built(later, [[(FLOOD[0], 0), (FLOOD[1], 1)], [(FLOOD[2], 2)]])
        assert later.join_complete(final=True) == joins
        assert story_count(later, built_ids) == 2 - joins
