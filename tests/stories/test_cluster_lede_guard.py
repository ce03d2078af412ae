"""The lede guard (``ClusterConfig.lede_guard``, session 29): a report the pair model is not confident of joins a
story only if enough of its title-and-lede words other than names are in the story's titles and ledes. On the
small day of ``test_cluster_pair`` (reports written for those tests, from no labelled day)."""

from __future__ import annotations

from newsmirror.stories.cluster import ClusterConfig

from .test_cluster_pair import WINE_FOLLOW_UP, day_of_four_stories, document


def report_layer(**settings: object) -> ClusterConfig:
    """The settings with the story merges at arrival off, so the report layer's decision is what is seen: a report
    the guard keeps out may still reach the story through them (the event layer and the join run at a save)."""
    return ClusterConfig(merge_probability=None, event_merge_similarity=2.0, **settings)  # type: ignore[arg-type]


def place(config: ClusterConfig) -> tuple[str, float, float]:
    """Where the wine follow-up goes, its score, and the share of its lede words the wine story's ledes hold."""
    clusterer = day_of_four_stories(config)
    report = document(10, WINE_FOLLOW_UP)
    lede_terms = clusterer._analyse(report.title, report.text)[5]  # before the report adds its own to a story
    told = clusterer.stories["story-wine"].lede_terms
    words = [t for t in lede_terms if not clusterer._names[t]]
    share = sum(1 for t in words if t in told) / len(words)
    assignment = clusterer.add(report)
    return assignment.story_id, assignment.score, share


def test_off_the_follow_up_joins() -> None:
    story, score, share = place(report_layer(lede_guard=None))
    assert story == "story-wine" and score > 0.99 and 0.2 < share < 0.9


def test_a_lede_sharing_too_few_of_the_storys_words_stays_apart_under_the_ceiling() -> None:
    _, _, share = place(report_layer(lede_guard=None))
    # The ceiling above the report's probability: the guard decides. Under the share the report is kept out.
    story, _, _ = place(report_layer(lede_guard=share + 0.05, lede_guard_ceiling=1.01))
    assert story != "story-wine"
    story, _, _ = place(report_layer(lede_guard=share - 0.05, lede_guard_ceiling=1.01))
    assert story == "story-wine"


def test_a_confident_pair_model_is_never_kept_out() -> None:
    story, score, _ = place(report_layer(lede_guard=1.0, lede_guard_ceiling=0.9))
    assert story == "story-wine" and score >= 0.9


def test_on_by_default_under_a_confident_ceiling() -> None:
    config = ClusterConfig()
    assert config.lede_guard is not None and config.join_probability is None
    assert 0 < config.lede_guard < 0.5 and 0.7 < config.lede_guard_ceiling < 1.0
