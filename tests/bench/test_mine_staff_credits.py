"""bench/mine_staff_credits.py: whose staff a sign-off's names are (made-up outlets and names)."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.mine_staff_credits import mine

from newsmirror.stories.cluster import Document

WHEN = datetime(2024, 1, 1, tzinfo=UTC)


def _doc(n: int, outlet: str, text: str) -> Document:
    return Document(f"d{n}", outlet, WHEN, "标题", text)


def test_a_newsroom_belongs_to_the_outlet_signing_most_of_its_reports() -> None:
    documents = []
    # 甲社 signs every report; 乙台 republishes its translations with the sign-off kept, more often than 甲社's own
    # reports of them are in the archive, and signs nothing else.
    documents += [_doc(k, "甲社", "本地消息。（編輯：周大同）") for k in range(6)]
    documents += [_doc(10 + k, "甲社", "外电消息。（譯者：林小明/核稿：周大同）") for k in range(2)]
    documents += [_doc(20 + k, "乙台", "外电消息。（译者：林小明/核稿：周大同）") for k in range(5)]
    documents += [_doc(30 + k, "乙台", "自己的报道，没有署名。") for k in range(20)]
    documents += [_doc(40, "丙网", "一次。（记者：王一帆）")]
    rows, shares = mine(documents, min_reports=2)
    homes = {name: home for name, home, _own, _others in rows}
    assert homes == {"周大同": "甲社", "林小明": "甲社"}  # 王一帆 carried once only: left out
    assert shares["甲社"] == (8, 8) and shares["乙台"] == (5, 25)
    translator = next(row for row in rows if row[0] == "林小明")
    assert translator[2:] == (2, 5)  # 甲社's reports carrying the name, and the copies' elsewhere


def test_an_interviews_turn_and_a_cut_name_are_no_staff() -> None:
    # polish70: two interviews of 丙台 whose reporter says 好的 to close them ("记者：好的，谢谢…") made 好的 its staff;
    # a short report of 甲社 whose sign-off crosses the end of credit_ends's head made 周大 (of 周大同) 甲社's.
    documents = [_doc(k, "丙台", "记者：好的，谢谢您接受我们的采访。\n\n（记者：王一帆 责编：李四海）") for k in range(2)]
    documents += [_doc(10 + k, "甲社", "跌" * 154 + "（編輯：周大同）") for k in range(3)]
    rows, _shares = mine(documents, min_reports=2)
    assert {name: home for name, home, _own, _others in rows} == {"王一帆": "丙台", "李四海": "丙台", "周大同": "甲社"}
