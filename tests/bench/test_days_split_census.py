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
