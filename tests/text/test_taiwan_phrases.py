"""Taiwan-phrase conversion keeps words both scripts write in their own sense (``text.taiwan_phrases``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import opencc
import pytest

from newsmirror.text.normalize import normalize
from newsmirror.text.paraphrase import paraphrase_map
from newsmirror.text.script import to_simplified, to_simplified_key
from newsmirror.text.search_key import search_key
from newsmirror.text.taiwan_phrases import EXTENDING, KEPT


def test_procedure_and_itinerary_are_not_a_process() -> None:
    # OpenCC's own tw2sp reads them as computing terms (the reason for the kept list).
    assert opencc.OpenCC("tw2sp").convert("立法程序") == "立法进程"
    assert to_simplified("立法程序") == "立法程序"
    assert to_simplified("總統取消行程") == "总统取消行程"
    assert to_simplified_key("國會的立法程序尚未完成，總統已取消行程。") == "国会的立法程序尚未完成，总统已取消行程。"


def test_other_taiwan_phrases_still_convert() -> None:
    assert to_simplified("這款軟體的影片功能") == "这款软件的视频功能"
    assert to_simplified("寫程式的工程師") == "写程序的工程师"
    assert to_simplified("密西根州") == "密歇根州"


def test_one_sentence_in_either_script_has_one_key() -> None:
    simplified = "国会的立法程序尚未完成，总统已取消行程并建立新的核心团队。"
    traditional = "國會的立法程序尚未完成，總統已取消行程並建立新的核心團隊。"
    assert normalize(traditional) == normalize(simplified)
    assert search_key(traditional) == search_key(simplified)


def test_the_repair_rows_are_gone() -> None:
    mapping = paraphrase_map()
    assert "程序" not in mapping and "行程" not in mapping
    assert mapping.get("进程") not in ("程序", "行程")


def test_every_kept_word_is_a_rule_opencc_would_apply() -> None:
    # A kept word OpenCC no longer rewrites (a newer dictionary) is dead weight: drop it from KEPT.
    shipped = opencc.OpenCC("tw2sp")
    characters = opencc.OpenCC("t2s")
    for word in KEPT:
        assert shipped.convert(word) != characters.convert(word), word
        assert to_simplified(word) == characters.convert(word), word


def _keys_alike(traditional: str, simplified: str) -> None:
    """The Traditional text folds to the Simplified one, and both key alike for matching and search."""
    assert to_simplified_key(traditional) == simplified
    assert normalize(traditional) == normalize(simplified)
    assert search_key(traditional) == search_key(simplified)


def test_a_taiwan_word_is_not_extended_inside_its_compounds() -> None:
    # OpenCC's rule 哈薩克 -> 哈萨克斯坦 (Taiwan's short name of the country) rewrites the word inside every
    # compound: a people became a country's people, and the mainland name written in Traditional doubled.
    shipped = opencc.OpenCC("tw2sp")
    assert shipped.convert("哈薩克族人") == "哈萨克斯坦族人"
    assert shipped.convert("厄瓜多爾") == "厄瓜多尔尔"
    assert to_simplified("新疆的哈薩克族人與哈薩克人") == "新疆的哈萨克族人与哈萨克人"
    assert to_simplified("哈薩克斯坦、烏茲別克斯坦與厄瓜多爾") == "哈萨克斯坦、乌兹别克斯坦与厄瓜多尔"
    assert to_simplified("歐萊雅與伊利諾伊州") == "欧莱雅与伊利诺伊州"
    _keys_alike("兩名哈薩克族人逃往哈薩克斯坦。", "两名哈萨克族人逃往哈萨克斯坦。")


def _taiwan_rules(tmp_path: Path) -> list[tuple[str, str]]:
    """OpenCC's TWPhrasesRev rules as (key, first mainland form), read with the opencc_dict tool the package ships."""
    clib = Path(opencc.__file__).parent / "clib"
    tool, table = clib / "bin" / "opencc_dict", clib / "share" / "opencc" / "TWPhrasesRev.ocd2"
    if not tool.exists() or not table.exists():
        pytest.skip("this OpenCC build ships no opencc_dict tool or no TWPhrasesRev table")
    text = tmp_path / "rev.txt"
    subprocess.run([str(tool), "-i", str(table), "-o", str(text), "-f", "ocd2", "-t", "text"], check=True)
    rules = []
    for line in text.read_text(encoding="utf-8").splitlines():
        key, values = line.split("\t")
        rules.append((key, values.split(" ")[0]))
    return rules


def test_extending_is_every_rule_that_extends_the_word(tmp_path: Path) -> None:
    # A new OpenCC release adding such a rule fails here: add it to EXTENDING.
    characters = opencc.OpenCC("t2s")
    extending = set()
    for key, mainland in _taiwan_rules(tmp_path):
        word, longer = characters.convert(key), characters.convert(mainland)
        if len(longer) > len(word) and word in longer:
            extending.add(key)
    assert extending == set(EXTENDING)
    for word in EXTENDING:
        assert to_simplified(word) == characters.convert(word), word


def test_a_rule_does_not_break_a_word_it_reaches_into() -> None:
    # OpenCC matches a key wherever it stands: the end of one word and the start of the next make 登入 (log in),
    # 全形 (full-width), 引數 (argument), 影片 (video), 巨集 (macro).
    shipped = opencc.OpenCC("tw2sp")
    assert shipped.convert("拜登入主白宮") == "拜登录主白宫"
    assert shipped.convert("安全形勢嚴峻") == "安全角势严峻"
    assert to_simplified("拜登入主白宮") == "拜登入主白宫"
    assert to_simplified("安全形勢嚴峻") == "安全形势严峻"
    assert to_simplified("演唱會預料吸引數萬歌迷") == "演唱会预料吸引数万歌迷"
    assert to_simplified("等電影片段。") == "等电影片段。"
    assert to_simplified("鴻海集團與國巨集團宣布") == "鸿海集团与国巨集团宣布"
    _keys_alike("拜登入主白宮後，安全形勢嚴峻。", "拜登入主白宫后，安全形势严峻。")


def test_a_rule_still_applies_to_its_own_words() -> None:
    assert to_simplified("這款軟體的影片功能") == "这款软件的视频功能"
    assert to_simplified("一名用戶登入帳號") == "一名用户登录帐号"
    # jieba does not know 帛琉 and cuts it into scraps (帛|琉之责): the cut knows every key as a word.
    assert to_simplified("美國負有防衛帛琉之責") == "美国负有防卫帕劳之责"
    # Only the characters a rule changes count: 症 of 症狀 and 斷層 of 斷層掃描 stay as written.
    assert to_simplified("出現憂鬱症狀") == "出现抑郁症状"
    assert to_simplified("低劑量電腦斷層掃描") == "低剂量计算机断层扫描"
    assert to_simplified("頒最高階勳章") == "颁最高级勋章"


def test_the_walk_finds_where_opencc_applies_a_rule() -> None:
    # to_mainland decides from its own walk of OpenCC's dictionaries: rewriting what the walk finds gives OpenCC's text.
    from newsmirror.text import taiwan_phrases

    rules = taiwan_phrases._rules()
    if rules is None:
        pytest.skip("this OpenCC build ships no opencc_dict tool")
    characters = opencc.OpenCC("t2s")
    kept = taiwan_phrases.taiwan_phrases_kept()
    for text in ("拜登入主白宮，安全形勢嚴峻", "這款軟體的影片功能與網路資料庫", "哈薩克族人在帛琉登入系統",
                 "憑藉程式設計與演算法，電腦斷層掃描的效能提升"):
        fired = taiwan_phrases._fired(rules, text, 0, len(text))
        rebuilt, at = [], 0
        for start, end in fired:
            rebuilt.append(characters.convert(text[at:start]))
            rebuilt.append(rules.changing[text[start:end]])
            at = end
        rebuilt.append(characters.convert(text[at:]))
        assert "".join(rebuilt) == kept.convert(text), text


def test_without_opencc_dict_rules_apply_as_opencc_applies_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsmirror.text import taiwan_phrases

    monkeypatch.setattr(taiwan_phrases, "_rules", lambda: None)
    assert taiwan_phrases.to_mainland("拜登入主白宮") == "拜登录主白宫"


def test_this_install_reads_openccs_dictionaries_so_the_guard_is_on() -> None:
    # Without OpenCC's opencc_dict tool the guard quietly falls back to OpenCC's own rules, and the keys and the
    # comparison would differ by install with no KEY_VERSION change (review53): the install the project ships must
    # have it.
    from newsmirror.text.taiwan_phrases import _rules

    rules = _rules()
    assert rules is not None
    assert rules.changing.get("登入") == "登录" and "資料" not in rules.changing  # a kept word is no changing rule
