"""A unit told as foreseen (将于, 预计, 明天) or as done (已经, 成功, 了): ``bench/modality.py`` (in ``stories/`` until
session 58, though no product code imports it), which only the bench's census tools read (bench/facts_modality.py,
bench/facts_second_census.py). Its tests stayed on branch facts62 with the refused pair-model feature; these are its
tests of the marking alone (review51, session 47; facts62's own constructed sentences, none taken from the fact labels
of bench/days)."""

from __future__ import annotations

import pytest
from bench.modality import conflict, markers, marking

from newsmirror.text.normalize import normalize


@pytest.mark.parametrize(("text", "expected"), [
    ("探测器将于周五在草原着陆。", "foreseen"),
    ("探测器预计明天凌晨返回。", "foreseen"),
    ("市政府计划明年动工。", "foreseen"),
    ("探测器已经在草原成功着陆。", "done"),
    ("代表团结束了访问。", "done"),
    ("警方将其逮捕。", "none"),  # the object marker 将 (= 把) is no future
    ("为了了解情况，记者赶到现场。", "none"),  # 为了 and 了解 are no aspect
    ("部长已宣布，将于明年访问。", "both"),
    ("探测器在草原着陆。", "none"),
    ("探測器將於週五著陸。", "foreseen"),  # Traditional script, once normalized
])
def test_marking(text: str, expected: str) -> None:
    assert marking(normalize(text)) == expected


def test_markers_are_the_words_found() -> None:
    assert markers(normalize("部长已宣布，将于明年访问。")) == (["将", "明年"], ["已"])


def test_conflict_is_foreseen_against_done_only() -> None:
    foreseen, done = normalize("飞船将于明天着陆。"), normalize("飞船已经成功着陆。")
    assert conflict(foreseen, done) and conflict(done, foreseen)
    assert not conflict(foreseen, normalize("飞船在草原着陆。"))
    assert not conflict(done, normalize("部长已宣布，将于明年访问。"))
