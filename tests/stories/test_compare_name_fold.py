from __future__ import annotations

from newsmirror.model import Article
from newsmirror.stories.compare import _fold_story_names, _sentences


def _article(outlet: str, body: str) -> Article:
    return Article(outlet=outlet, title="标题", original_url=f"https://example.org/{outlet}", body_text=body)


def _units(*articles: Article) -> list:
    sentences = [s for article in articles for s in _sentences(article, dateline_matched=False)]
    _fold_story_names(sentences)
    return sentences


# Constructed names: 维列萨努格娃's run of transliteration characters is 萨努格 (列 and 娃 are not in the table),
# which sounds like 西纳库 and 扎纳库 (z-l-g), two spellings of another person.
_LONG = (
    "反对派人士维列萨努格娃周一在首都街头被蒙面人带走。"
    "维列萨努格娃的律师说她下落不明，家属非常担心。"
    "维列萨努格娃此前曾多次参加周末的和平抗议活动。"
)


def test_a_run_inside_a_longer_name_is_no_fold_target() -> None:
    units = _units(_article("甲台", _LONG + "另一名反对派人士西纳库也在同一天遭到警方拘留。"),
                   _article("乙台", "律师扎纳库周二在首都被警方拘留，他的同事说他没有违法。"))
    short = [s for s in units if "西纳库" in s.normalized or "扎纳库" in s.normalized]
    assert len(short) == 2
    assert all("萨努格" not in s.key for s in short)
    # The two spellings of the short name are written one way.
    assert len({"西纳库" if "西纳库" in s.key else "扎纳库" if "扎纳库" in s.key else "" for s in short}) == 1


def test_the_inside_of_a_longer_name_is_not_rewritten() -> None:
    # The short name is written 西努库 five times and 萨努格 once on its own (one character in common, so spelt
    # alike): 萨努格 is folded into 西努库 there, never inside 维列萨努格娃.
    short = "律师西努库周二在首都被警方拘留。西努库的同事说他没有违法。西努库曾代理多宗案件。西努库今年四十岁。西努库已婚。"
    units = _units(_article("甲台", _LONG), _article("乙台", short), _article("丙台", "律师萨努格周二在首都被拘留。"))
    assert sum("维列萨努格娃" in s.key for s in units) == 3
    assert all("西努库" in s.key for s in units if "律师萨努格" in s.normalized)


def test_a_name_standing_alone_is_still_folded() -> None:
    units = _units(_article("甲台", "警方拘留了律师西纳库。西纳库的同事说他没有违法。"),
                   _article("乙台", "律师扎纳库周二在首都被警方拘留，他的同事说他没有违法。"))
    assert all("西纳库" in s.key for s in units if "纳库" in s.normalized)


def test_two_names_that_only_sound_alike_are_not_folded() -> None:
    # Constructed names of one sound class each (d-m-l) sharing no character, which the transducer does not read as
    # one another: two people, each kept as written.
    units = _units(_article("甲台", "律师塔莫林周二被警方拘留。塔莫林的同事说他没有违法。塔莫林今年四十岁。"),
                   _article("乙台", "法官德米伦周三宣布休庭。"))
    assert any("德米伦" in s.key for s in units)
    # Two dictionary words of one sound class (m-z-g) are two places.
    units = _units(_article("甲台", "代表团周一抵达莫斯科。莫斯科方面表示欢迎。"), _article("乙台", "示威者周日聚集在明斯克。"))
    assert any("明斯克" in s.key for s in units)
