"""text.namings: one thing's names under several naming policies, read by the only-X check only."""

from __future__ import annotations

from newsmirror.text.namings import names_otherwise, other_names
from newsmirror.text.normalize import normalize


def test_every_name_of_a_row_gives_the_others_normalized_as_texts_are() -> None:
    assert "冠病" in other_names("新冠")
    assert "新冠" in other_names("冠病")
    # 武漢肺炎 and COVID-19 fold to 新冠 in normalized text (the alias table), so they look up the same row.
    assert other_names("武漢肺炎") == other_names("新冠") == other_names("COVID-19")
    assert other_names("没有这个名字") == ()


def test_a_text_names_a_row_by_any_other_name() -> None:
    assert names_otherwise("新冠", normalize("联合早报：本地新增冠病病例"))
    assert names_otherwise("冠病", normalize("中央社：新增2019冠狀病毒疾病確診病例"))
    assert not names_otherwise("新冠", normalize("本地新增病例"))
