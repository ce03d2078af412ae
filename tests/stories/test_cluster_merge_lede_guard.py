"""The lede guard held where two live stories merge at arrival (``ClusterConfig.merge_lede_guard``, session 53): the
smaller story is read as the report ``lede_guard`` reads. On the small day of ``test_cluster_pair`` (reports written
for those tests, from no labelled day); ``place`` puts its wine follow-up on that day."""

from __future__ import annotations

from newsmirror.stories.cluster import ClusterConfig

from .test_cluster_lede_guard import place


def lede_share() -> float:
    """The share of the follow-up's title-and-lede words other than names that the wine story's ledes hold."""
    return place(ClusterConfig(lede_guard=None, merge_probability=None, event_merge_similarity=2.0))[2]


def merge_layer(**settings: object) -> ClusterConfig:
    """No report joins on arrival (the pair threshold above 1): the follow-up starts a story of its own, and only the
    merge at arrival can put it with the wine story."""
    return ClusterConfig(join_probability=1.01, **settings)  # type: ignore[arg-type]


def test_without_it_a_report_the_guard_keeps_out_is_merged_back() -> None:
    # The report join refuses the follow-up (its share under the guard's, the ceiling out of reach), and the
    # merge at arrival, which reads no lede, folds its one-report story into the wine story at once.
    share = lede_share()
    story, _, _ = place(ClusterConfig(lede_guard=share + 0.05, lede_guard_ceiling=1.01, merge_lede_guard=False))
    assert story == "story-wine"


def test_with_it_the_report_stays_apart() -> None:
    share = lede_share()
    story, _, _ = place(ClusterConfig(lede_guard=share + 0.05, lede_guard_ceiling=1.01))
    assert story != "story-wine"


def test_the_merge_keeps_a_story_whose_ledes_share_enough_words() -> None:
    share = lede_share()
    assert 0.2 < share < 0.9
    story, _, _ = place(merge_layer(lede_guard=share - 0.05, lede_guard_ceiling=1.01, merge_lede_guard=True))
    assert story == "story-wine"
    story, _, _ = place(merge_layer(lede_guard=share + 0.05, lede_guard_ceiling=1.01, merge_lede_guard=True))
    assert story != "story-wine"


def test_a_confident_pair_model_is_never_kept_out_of_a_merge() -> None:
    # The same pair with the ceiling under the model's reading of the smaller story's core in the larger.
    story, _, _ = place(merge_layer(lede_guard=1.0, lede_guard_ceiling=0.5, merge_lede_guard=True))
    assert story == "story-wine"


def test_off_the_merge_reads_no_lede() -> None:
    story, _, _ = place(merge_layer(lede_guard=1.0, lede_guard_ceiling=1.01, merge_lede_guard=False))
    assert story == "story-wine"


def test_on_by_default_with_the_report_guards_share_and_ceiling() -> None:
    config = ClusterConfig()
    assert config.merge_lede_guard is True and config.lede_guard is not None
