"""Session 56's cuts of the text steps grouping runs per report change no value: each is checked against the
computation it replaced, on written strings and random mixtures (no labelled day's text)."""

from __future__ import annotations

import itertools
import random
import re

from newsmirror.text import name_forms, taiwan_phrases
from newsmirror.text.name_forms import _written_as_name, fold_latin_names, latin_forms, mostly_latin
from newsmirror.text.script import convert, to_simplified_key

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[A-Za-z]")
PIECES = ["拜登入主白宮", "軟體", "台灣", "美国", "the", " ", "Joe Biden", "World Health Organization", "WHO", "，",
          "ａｂｃ", "Ｘ", "𠀋", "é", "-", "'", "Taiwan's", "of", "Bank of America", "iPhone", "12", "記者", "报道", "\n"]


def test_mostly_latin_counts_as_findall() -> None:
    rng = random.Random(56)
    for _ in range(2000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))
        assert mostly_latin(text) == (len(_LETTER.findall(text)) > len(_HAN.findall(text))), text


def loop_fold(text: str) -> str:
    """``fold_latin_names`` as it was before session 56: every window of up to five words tried."""
    table = latin_forms()
    text = name_forms.nfkc(text)

    def run(match: re.Match[str]) -> str:
        words = match.group(0).split(" ")
        out: list[str] = []
        at = 0
        while at < len(words):
            for stop in range(min(len(words), at + name_forms._MOST_WORDS), at, -1):
                part = words[at:stop]
                form = table.get(name_forms._latin_key(part))
                if form is not None and _written_as_name(part):
                    out.append(f" {form} ")
                    at = stop
                    break
            else:
                out.append(words[at])
                at += 1
        return " ".join(out)

    return name_forms._LATIN_RUN.sub(run, text)


def test_latin_names_fold_as_every_window_tried() -> None:
    rng = random.Random(7)
    keys = sorted(latin_forms())
    written = [" ".join(w.capitalize() for w in key.split(" ")) for key in rng.sample(keys, min(200, len(keys)))]
    words = ["The", "the", "said", "of", "Inc.", "U.S.", "co-founder", "O'Brien", "New", "York", "Times", "2020"]
    folded = 0
    for _ in range(600):
        text = " ".join(rng.choice(written + words + PIECES) for _ in range(rng.randint(1, 10)))
        assert fold_latin_names(text) == loop_fold(text), text
        folded += loop_fold(text) != name_forms.nfkc(text)
    assert folded > 100  # the texts do hold names the table folds
    assert fold_latin_names("") == loop_fold("") == ""


def test_phrases_and_simplified_key_as_before() -> None:
    # ``to_simplified_key`` hands ``to_mainland`` the t2s text it made; ``to_mainland`` finds its places by a
    # character class: both give what ``convert(text, "tw2sp")`` and the full scan gave.
    texts = ["拜登入主白宮", "他在網路上登入帳號，軟體更新後，拜登入主白宮。", "資訊科技與程式設計", "篠原涼子在台灣",
             "美国总统拜登入主白宫", "", "臺"]
    rules = taiwan_phrases._rules()
    for text in texts:
        if rules is not None:
            scan = [at for at in range(len(text) - 1) if text[at:at + 2] in rules.starts]
            found = [m.start() for m in taiwan_phrases._first_characters().finditer(text)]
            assert [at for at in found if text[at:at + 2] in rules.starts] == scan
        simplified = convert(text, "t2s")
        assert taiwan_phrases.to_mainland(text, taiwan_phrases._characters().convert(text)) == \
            taiwan_phrases.to_mainland(text)
        if simplified != text:
            expected = convert(text, "tw2sp") if _traditional(text, simplified) else simplified
            assert to_simplified_key(text) == expected


def _traditional(text: str, simplified: str) -> bool:
    from newsmirror.text.script import is_traditional

    return is_traditional(text, simplified)


def test_word_edges_from_stretches_as_from_the_whole_cut() -> None:
    # ``to_mainland`` cuts only the stretches between stops its rules stand in: every character's word is the one the
    # whole text's cut gives, stops, spaces, letters and digits included (speed63).
    texts = ["拜登入主白宮，他在網路上登入帳號。軟體更新後（2020年）,拜登入主白宫;", "美國總統「拜登」說:好!  iPhone 12 Pro, 5.5%",
             "安全形勢嚴峻……國巨集團—電影片段\r\n吸引數萬人『觀看』", "，，", "", "a,b c.d", "單一片段沒有停頓的長句子一直寫下去"]
    rng = random.Random(63)
    texts += ["".join(rng.choice([*PIECES, ",", "。", "(", ")", "「", "」", "資訊安全", "網路上", "：", "；", "（", "）", "！",
                                  "？", "ｉＰｈｏｎｅ１２", "\u3000"]) for _ in range(rng.randint(1, 30)))
              for _ in range(300)]
    for text in texts:
        simplified = taiwan_phrases._characters().convert(text)
        whole = taiwan_phrases._WholeEdges(
            [0, *itertools.accumulate(map(len, taiwan_phrases._cutter().cut(simplified)))])
        stretches = taiwan_phrases._StretchEdges(simplified)
        assert [stretches.around(at) for at in range(len(text))] == [whole.around(at) for at in range(len(text))]


def test_a_full_width_comma_ends_the_stretch_cut() -> None:
    # A Chinese report's clauses end at full-width commas more often than its sentences at full stops: only the clause
    # a rule stands in is cut, not the whole sentence (review64).
    simplified = taiwan_phrases._characters().convert("他在網路上登入帳號，拜登入主白宮（華府）：好！")
    stretches = taiwan_phrases._StretchEdges(simplified)
    at = simplified.index("拜")
    stretches.around(at)
    assert list(stretches.stretches) == [simplified.index("，") + 1]
    assert stretches.stretches[at][-1] == simplified.index("（")
