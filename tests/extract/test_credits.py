from __future__ import annotations

import pytest

from newsmirror.extract.credits import find_credits

CASES = [
    # NTD style
    (["（记者王小明综合报导/责任编辑：李大为）"], ["王小明"], ["李大为"]),
    # Epoch Times style: several reporters, editor line with a trailing #
    (["【大纪元2020年10月16日讯】（大纪元记者陈一、林二综合报导）正文开始。", "正文。", "责任编辑：赵三#"], ["陈一", "林二"], ["赵三"]),
    # CNA: reporter and city in the dateline, two editors at the end
    (["（中央社記者陳大文華盛頓3日專電）美國政府今天表示。", "內容。", "最後一句。（編輯：張小華/李中明）1120204"], ["陳大文"], ["張小華", "李中明"]),
    # RFA: reporter glued to the city, responsible editor and web editor
    (["正文。", "自由亚洲电台记者周明巴黎报道 责编：吴天 网编：郑地"], ["周明"], ["吴天", "郑地"]),
    (["正文。", "记者 孙五 责编 钱六 李七"], ["孙五"], ["钱六", "李七"]),
    # Traditional-script SOH style
    (["【希望之聲2020年10月17日】（本台記者何文綜合報導）內容", "責任編輯：高山"], ["何文"], ["高山"]),
    # Credits only matter at the start and the end of an article
    (["第一段。", "第二段。", "中间提到记者：某某某的说法。", "第四段。", "第五段。", "第六段。"], [], []),
    ([], [], []),
    # An editor credit on its own; "编辑" in prose is no credit
    (["责任编辑：周文王"], [], ["周文王"]),
    (["本文章或节目经本台编辑制作，转载请注明出处。"], [], []),
]


@pytest.mark.parametrize(("paragraphs", "authors", "editors"), CASES)
def test_credit_lines(paragraphs: list[str], authors: list[str], editors: list[str]) -> None:
    assert find_credits(paragraphs) == (authors, editors)


def test_names_glued_to_the_next_credit_after_cjk_spacing_is_removed() -> None:
    assert find_credits(["正文。", "记者孙五责编钱六"]) == (["孙五"], ["钱六"])


def test_editor_credit_above_a_trailing_photo_gallery() -> None:
    paragraphs = ["（中央社記者陳大文台北4日電）正文。", "正文。", "最後一段。（編輯：張小華）"] + [f"圖說第{n}張。" for n in range(4)]
    assert find_credits(paragraphs) == (["陳大文"], ["張小華"])


def test_a_foreign_reporter_in_a_dateline_credit() -> None:
    assert find_credits(["（示例台记者约翰·史密斯综合报导）正文开始。", "正文。"]) == (["约翰·史密斯"], [])
    assert find_credits(["（示例社記者約翰．史密斯華盛頓3日專電）美國政府今天表示。"]) == (["約翰．史密斯"], [])
    assert find_credits(["（示例社記者聖·彼得堡3日專電）"]) == ([], [])  # a city, nobody named
