"""Chinese sentence splitting: on 。！？；!? and line breaks, keeping closing quotes attached."""

from __future__ import annotations

import re

# A sentence ends at terminal punctuation (with any closing quotes/brackets that follow it),
# or at a paragraph break. Ellipses (…… / ...) end a sentence only when followed by a break; a
# Latin full stop ends one between Han text (说". 他), never inside Latin text (U.S.).
_END = re.compile(r"([。！？!?；;]+|…{2,}|\.{3,}|(?<=[\u4e00-\u9fff」』”’\"'）)])\.(?=\s*[\u4e00-\u9fff]))"
                  r"([」』”’\"'）)\]]*)")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
# A semicolon inside brackets separates the parts of a gloss or an aside (空客（Airbus；又译“空中巴士”）, (Taereung；
# 音譯)), not two statements: the sentence goes on after the bracket closes.
_OPENING, _CLOSING = "（(【", "）)】"
_SEMICOLONS = frozenset("；;")


def _in_brackets(paragraph: str, start: int, at: int) -> bool:
    """Whether ``paragraph[at]`` stands inside a bracket opened since ``start`` that closes later."""
    depth = 0
    for char in paragraph[start:at]:
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING and depth:
            depth -= 1
    return depth > 0 and any(char in _CLOSING for char in paragraph[at:])


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs (lines) of a plain-text body as ``split_sentences`` reads them: the sentences of the body are the
    sentences of each paragraph in turn."""
    return _PARAGRAPH.split(text)


def split_sentences(text: str, min_chars: int = 2) -> list[str]:
    """The sentences of a plain-text body, in order, stripped; fragments shorter than
    ``min_chars`` (stray punctuation, lone numbers) are dropped. A semicolon inside brackets
    ends no sentence."""
    sentences: list[str] = []
    for paragraph in split_paragraphs(text):
        start = 0
        for match in _END.finditer(paragraph):
            if _SEMICOLONS.issuperset(match.group(1)) and _in_brackets(paragraph, start, match.start()):
                continue
            sentences.append(paragraph[start : match.end()])
            start = match.end()
        sentences.append(paragraph[start:])
    cleaned = (s.strip() for s in sentences)
    return [s for s in cleaned if len(s) >= min_chars]


# What may close a sentence after its last mark: closing quotes and brackets, spaces.
_TRAILING_CLOSERS = "」』”’\"'）)] 　"
# The marks ``split_clauses`` cuts a sentence at (``_CLAUSE_END``): only a unit ending on one stops inside its sentence.
# A unit with no mark at its end is the end of its paragraph (a heading, a caption), and one ending on a Latin full
# stop is a sentence ``split_sentences`` ended there (说. 他): read as running on, a summary line took the next
# paragraph or sentence as its sentence's rest (review57).
_CLAUSE_MARKS = frozenset("，：,:")


def runs_on(unit: str) -> bool:
    """Whether a unit of text stops inside its sentence: its last mark (closing quotes and brackets aside) is a
    clause's comma or colon. A clause that ``split_clauses`` cut from a long sentence (所有團員機上間隔、防護都有做好，)
    runs on; a whole sentence, one ending at a quotation's close, or a paragraph's mark-less end does not."""
    stripped = unit.rstrip(_TRAILING_CLOSERS)
    return bool(stripped) and stripped[-1] in _CLAUSE_MARKS


# Clause ends inside a sentence: comma, semicolon-like and colon marks (with closing quotes). An
# ASCII comma or colon between two digits is part of a number (1,500万, 15,009,213) or a clock
# (11:02): cut there, neither half states the figure another outlet writes 1500万.
_CLAUSE_END = re.compile(r"((?:[，：]|[,:](?!\d)|(?<!\d)[,:])+)([」』”’\"'）)\]]*)")
_LETTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_GLOSS = re.compile(r"[（(][^（）()\u3400-\u4dbf\u4e00-\u9fff]*[）)]")
# A clause that only says who speaks (“外交部声明说，”) belongs to what is said.
_SAYS = re.compile(r"(说|說|称|稱|表示|指出|透露|宣布|宣佈|认为|認為|强调|強調|报道|報導|写道|寫道|引述)[，,：:]\W*$")
# A clause that only sets the scene for the next one: a time or circumstance opened by a preposition and closed by a
# word of time (在蓬佩奥抵达斯里兰卡的前一天，, 当他离开会场时，, 自疫情爆发以来，). It states nothing of its own, so
# it goes with the clause it opens, as a short clause does, whatever its length.
_SCENE = re.compile(r"^\W*(?:在|当|當|自从|自從|自|早在|随着|隨著|就在)\S*?"
                    r"(?:时|時|前|后|後|之际|之際|期间|期間|以来|以來|一天|当天|當天|之前|之后|之後|当日|當日)[，,]\W*$")


def _leads_on(piece: str) -> bool:
    """Whether a clause cannot stand alone and goes with the next: a who-said-it clause or a scene-setting one."""
    return bool(_SAYS.search(piece) or _SCENE.search(piece))


def split_clauses(sentence: str, long_chars: int = 40, min_chars: int = 14) -> list[str]:
    """A long sentence cut at its clause marks (，：) into parts of at least ``min_chars``
    letters each, in order; a sentence of at most ``long_chars`` letters stays whole.

    News sentences often pack two or three facts (the blast, then the toll), which other
    outlets write as sentences of their own; aligning the parts lets each fact find its match.
    Short clauses (“今年5月8日，”) and who-said-it clauses (“他说，”) stay attached to the next
    clause, so no part is a fragment. A clause mark inside brackets cuts nothing."""
    if _letters(sentence) <= long_chars:
        return [sentence]
    pieces: list[str] = []
    start = 0
    for match in _CLAUSE_END.finditer(sentence):
        # A comma inside brackets parts a gloss or an aside (（Example Electronics Co., Ltd.）), not
        # two statements: the clause goes on after the bracket closes.
        if _in_brackets(sentence, start, match.start()):
            continue
        pieces.append(sentence[start : match.end()])
        start = match.end()
    pieces.append(sentence[start:])
    # A short clause leads into the next one (a time, a place, "他说，"), so it goes with it.
    parts: list[str] = []
    carry = ""
    for piece in pieces:
        carry += piece
        if _letters(piece) >= min_chars and not _leads_on(piece):
            parts.append(carry)
            carry = ""
    if carry and parts and _letters(carry) < min_chars:
        parts[-1] += carry
    elif carry:
        parts.append(carry)
    return [p.strip() for p in parts if p.strip()]


def _letters(text: str) -> int:
    """Han characters plus Latin words and numbers (one each), not counting a gloss in brackets
    (“拉夫羅夫（Sergei Lavrov）” is one name, whatever the length of its Latin form)."""
    return len(_LETTER.findall(_GLOSS.sub("", text)))


# Datelines and bylines that open a report's first sentence or clause: 【大紀元2020年11月18日訊】,
# （中央社記者林宏翰台北17日電）, （德国之声中文网）, (记者 张三), 路透旧金山11月17日 - ,
# 新华社北京11月18日电. They say who wrote it where, not what happened.
_BRACKETED_DATELINE = re.compile(
    r"^\s*[（(【\[〔][^（()）【】\[\]〔〕]{0,40}?"
    r"(?:电|電|讯|訊|报道|報導|报导|中文网|中文網|记者[^（()）【】\[\]〔〕]{0,12}|記者[^（()）【】\[\]〔〕]{0,12})"
    r"\s*[）)】\]〕]\s*"
)
_WIRE_DATELINE = re.compile(
    r"^\s*(?:路透|法新社|美联社|美聯社|中新社|新华社|新華社|中央社|共同社|韩联社|韓聯社)"
    r"[^\s，,。：:（(]{0,12}?\d{1,2}月\d{1,2}日(?:电|電|讯|訊)?\s*(?:[-－–—]+\s*)?"
)


# A series label run into the dateline after it (令和大叔新紀元（中央社東京16日綜合外電報導）…, LINE TV執行長專訪1（中央社記者…
# 台北23日電）…: the label was a heading line the page had no break after): a short run with no punctuation, taken only
# when the bracket after it is a dated dateline (a day, then 电 or 报导 closing it), so that a name with a bracket
# after it (某某（左）) stays.
_LABELLED_DATELINE = re.compile(
    r"^\s*[^\s，,。：:；;！？!?、（()）【】「」『』“”\"][^，,。：:；;！？!?、（()）【】「」『』“”\"]{0,15}"
    r"(?=[（(][^（()）]{0,40}?\d{1,2}日[^（()）]{0,10}?(?:电|電|报道|報導|报导)\s*[）)])"
)


def strip_dateline(text: str) -> str:
    """``text`` without the datelines and bylines it opens with (any number of them, in a row)."""
    text = _LABELLED_DATELINE.sub("", text, count=1)
    while True:
        stripped = _WIRE_DATELINE.sub("", _BRACKETED_DATELINE.sub("", text, count=1), count=1)
        if stripped == text:
            return text
        text = stripped
