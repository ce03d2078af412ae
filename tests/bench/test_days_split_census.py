"""The split census puts each pair of an event's fragments in the first stage that could have joined them."""

from __future__ import annotations

from bench.days_split_census import Offer, Record, _classify


def _offer(members: set[str], probability: float, unguarded: float | None = None) -> Offer:
    return Offer(frozenset(members), probability, probability if unguarded is None else unguarded, ())


def _split(record: Record) -> tuple[str, str]:
    split = _classify(day="d", event="e", size=3, a=["a1", "a2"], b=["b1"], record=record,
                      threshold=0.7, layer_threshold=0.85)
    return split.stage, split.layer


def test_stages_in_order() -> None:
    record = Record()
    assert _split(record) == ("never offered", "not scored")
    record.offers["b1"].append(_offer({"x"}, 0.9))  # an offer of another story says nothing of this pair
    assert _split(record)[0] == "never offered"
    record.offers["b1"].append(_offer({"a1", "x"}, 0.3))
    assert _split(record)[0] == "under threshold"
    record.offers["b1"].append(_offer({"a1"}, 0.5, unguarded=0.75))
    assert _split(record)[0] == "guard"
    record.offers["a2"].append(_offer({"b1"}, 0.71))
    assert _split(record)[0] == "lost to another story"
    record.closed.add("a2")
    assert _split(record)[0] == "genre (closed story)"


def test_event_layer_status() -> None:
    record = Record()
    record.links.append((0.5, frozenset({"a1"}), frozenset({"x"}), False))
    assert _split(record)[1] == "not scored"
    record.links.append((0.6, frozenset({"b1"}), frozenset({"a1", "a2"}), False))
    assert _split(record)[1] == "under"
    record.links.append((0.9, frozenset({"a1"}), frozenset({"b1"}), False))
    split = _classify(day="d", event="e", size=3, a=["a1", "a2"], b=["b1"], record=record, threshold=0.7,
                      layer_threshold=0.85)
    assert (split.layer, split.best_link) == ("refused", 0.9)


def test_guard_off_counts_every_shared_term_as_event_evidence() -> None:
    """The census' what-if: with the guard off the ``event`` feature is the whole cosine; with it on,
    the day's topic word (澳大利亚, in every story) is not event evidence. ``pair_features`` counts the
    other stories inline, so stubbing ``_other_stories`` alone changed nothing (the old census' bug)."""
    from bench.days_split_census import guard_off

    from newsmirror.stories.pairscore import FEATURES
    from tests.stories.test_cluster_pair import CRICKET, day_of_four_stories, document

    clusterer = day_of_four_stories()
    doc = document(9, CRICKET)
    vector = clusterer.vector(doc.title, doc.text)
    wine = clusterer.stories["story-wine"]
    on = dict(zip(FEATURES, clusterer.pair_features(vector, [], [], doc.time, {doc.outlet}, wine), strict=True))
    with guard_off(clusterer):
        off = dict(zip(FEATURES, clusterer.pair_features(vector, [], [], doc.time, {doc.outlet}, wine), strict=True))
    assert on["event"] < on["cosine"]
    assert off["event"] == off["cosine"] > 0
    again = clusterer.pair_features(vector, [], [], doc.time, {doc.outlet}, wine)
    assert dict(zip(FEATURES, again, strict=True)) == on  # the guard is back
