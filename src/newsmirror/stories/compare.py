"""Sentence alignment across the reports of one story: what all say, what only some say.

The units are sentences, and the clauses of long sentences (``split_clauses``: a sentence that
packs the blast and the toll is matched part by part). Each unit is reduced to its match key
(Simplified, aliases folded: 魯登科 and 鲁坚科 become one name; figures in one form: 六次/6次;
one spelling per person of the story: 克瑞布斯/克雷布斯, Krebs) and then to character bigrams,
weighted by how rare the bigram is among the story's units (a bigram every report uses, like
外交, says little). Two units from different outlets report the same fact when their weighted
overlap is high enough, or when it is lower but their neighbours are one fact (reports keep the
story's order), or when it is lower still but both give an amount the story seldom gives
(300亿美元 of a market value, in one unit per outlet at most); units that both give figures of one
kind (counts of people, years, days) and share none are never one fact. Facts are the connected groups of such pairs, with at most one
statement per outlet (its clauses of one sentence, two sentences joined by a semicolon, or its
repetitions of one statement: nearly the same words, or other words matching the same part of
another outlet's statement strongly). A
statement that packs two facts which other outlets tell apart is shown in both facts, without
joining them (``_Linker.second_facts``), so a ``SentenceRef`` may appear in two facts. A
dateline or byline opening a unit is left out of it (``text.sentences.strip_dateline``).
Character bigrams are used rather than jieba words because segmentation of names and numbers
differs between scripts and outlets; a thesaurus (Cilin) made matching worse, and so, read
link by link, did word vectors and figure anchors (bench/days_results.md, sessions 14-15).
Paraphrases mined from outlets telling the same events (``text/PARAPHRASES.md``) are written
one way before the bigrams are taken (飞弹/导弹, 判处/获刑; session 17: a small gain).

``compare_story(..., same_fact="model")`` decides every pair by a logistic model over general
pair features instead (``stories.fact_pairs``, ``stories.fact_model.FITTED``). It is not the
default; the default's last round asks the same features' ``fact_model.RESCUE`` about the pairs
the rules leave apart (``RESCUE_ROUND``). The option's held-out estimate on the tuning labels
(recall .825, precision .98 leaving a story out) did not carry over to the test day, scored
once: recall .663 and precision .851 against .673 and .985 for these rules. A comparison must not state something false, so precision on unseen
stories decides (bench/days_results.md, Comparison, session 14).
"""

from __future__ import annotations

import calendar
import difflib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache, lru_cache, partial
from itertools import combinations, islice
from typing import TYPE_CHECKING, Literal

import numpy as np
from pypinyin import lazy_pinyin

from newsmirror.extract.bylines import is_surname
from newsmirror.model import Article
from newsmirror.stories.bounds import MAX_REPORT_UNITS, bounded_reports, unit_budget
from newsmirror.stories.bounds import share as units_share
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from newsmirror.stories.digest import WIRES
from newsmirror.stories.onlyx_confidence import likely_true
from newsmirror.text import ranges
from newsmirror.text.aliases import alias_map
from newsmirror.text.bodies import body, is_place, names_body, names_seat
from newsmirror.text.dictionary_glosses import (
    abbreviated_by,
    abbreviations,
    dictionary_forms,
    dictionary_holds,
    gloss_key,
    name_around,
    names_by_dictionary,
    names_by_pointed_short_form,
    only_common_word,
    short_form_runs,
)
from newsmirror.text.glosses import other_forms, writes_form
from newsmirror.text.latin_near import writes_near
from newsmirror.text.names import (
    _FIRST_WORD_TAGS,
    HEAD_KEPT_LONG,
    HEAD_KEPT_SHORT,
    NAME_TAGS,
    abbreviates,
    abbreviates_first_word,
    is_name_detail,
    keeps_head_of_each_word,
    longer_name,
    organisation_head,
)
from newsmirror.text.namings import names_otherwise
from newsmirror.text.normalize import match_key, normalize, without_accents
from newsmirror.text.numbers import (
    fold_clock_colon,
    fold_decimal_comma,
    fold_numbers,
    fold_percent_sign,
    fold_round_zero,
)
from newsmirror.text.packaged import packaged_rows
from newsmirror.text.paraphrase import fold_paraphrases
from newsmirror.text.phonetic import (
    TRANSLITERATION_CHARS,
    latin_words,
    phonetic_key,
    reads_as,
    reads_loosely,
    same_final,
    same_name,
    same_sound,
    sounds_alike,
    spells_pinyin,
    spelt_alike,
    text_transliterations,
    transliterated_names,
    transliterated_runs,
    transliterates_alike,
)
from newsmirror.text.script import to_simplified_key
from newsmirror.text.sentences import split_clauses, split_paragraphs, split_sentences, strip_dateline
from newsmirror.text.tokenize import (
    dictionary_names,
    dictionary_tag,
    idf,
    in_dictionary,
    is_name,
    placed_tagged_words,
    placed_words,
    pos_tokenizer,
    segment,
    tagged_words,
    word_at,
    words,
)
from newsmirror.text.transliteration import (
    foreign_by_characters,
    reads_by_sound,
    reads_in_fact,
    spelt_otherwise_in_fact,
)
from newsmirror.text.word_by_word import reads_word_by_word

if TYPE_CHECKING:
    from newsmirror.stories.fact_model import PairModel
    from newsmirror.stories.fact_pairs import PairUnit

SameFact = Literal["rules", "model"]
# Weighted containment of the smaller sentence in the larger one needed to call them one fact,
# and the weighted Dice floor that keeps a short sentence from matching inside a long paragraph.
CONTAINMENT = 0.2
DICE = 0.2
MIN_KEY_CHARS = 6  # shorter sentences ("图片来源：…" fragments) are shown but never aligned
DETAIL_IDF = 8.0  # how rare (jieba background IDF) a word must be to count as a detail
MAX_DETAILS = 8
# Latin glosses after names, "拉夫罗夫（Sergei Lavrov）", are added by some outlets only.
_LATIN = re.compile(r"[a-z]+")
# A name in Latin script glossing the Chinese name before it: 魯登科（Andrei Rudenko）, also after a space
# (鲍尔丁 (Christopher Balding), as some outlets write a half-width bracket): unread, the gloss made no
# outlet writing the Latin name name the Han one. The same for the three glosses below.
_GLOSS = re.compile(r"([\u4e00-\u9fff]{1,8})\s*[（(]\s*([A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*)+)\s*[）)]")
# One capitalized Latin word of four letters or more glossing the Han name before it: a company's or
# a person's original (科纳仕（Canalys）); shorter words are mostly initials or units. A shop named in the
# possessive (乐华（Lowell's）) is glossed by its word too: an outlet writing "Lowell's" (or "Lowell s",
# as normalized) writes the word.
_WORD_GLOSS = re.compile(r"([\u4e00-\u9fff]{1,8})\s*[（(]\s*([A-Z][a-z]{3,})(?:['’]s)?\s*[）)]")
# The name dots joining a transliterated name's parts (沃尔特·里德, 塞巴斯蒂安･科, 埃隆∙马斯克), one set for every reading of
# them here: ``normalize`` folds each to a space, and the readings below once listed four of the six (review64). Every
# middle dot Unicode has for punctuation or an operator (⸱ U+2E31 and ⋅ U+22C5 since review65's finding 13): normalize
# folds every punctuation mark to a space, so the set of name dots cannot be read from it, only listed.
NAME_DOTS = "·‧•・･∙⋅⸱"
# The same after a whole transliterated name, its parts joined by a name dot: 拉斐尔·沃诺克（Raphael Warnock）.
_FULL_NAME_GLOSS = re.compile(
    rf"((?:[\u4e00-\u9fff]{{1,8}}[{NAME_DOTS}])+[\u4e00-\u9fff]{{1,8}})\s*[（(]\s*([A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*)+)\s*[）)]")
# A name's initials in brackets after it: 英国广播公司（BBC）, 北大西洋公约组织（NATO）.
_ACRONYM_GLOSS = re.compile(r"([\u4e00-\u9fff]{2,12})\s*[（(]\s*([A-Z]{2,6})\s*[）)]")
# Whether a Latin gloss whose capitalized words are joined by a personal name's lower-case particles (Mohammed bin
# Zayed Al-Nahyan, Ursula von der Leyen, Mohammed bin Salman) is read for the Han name before it, as ``_GLOSS``
# reads one of capitalized words only: an outlet writing such a name in Latin names the Han name another outlet glosses
# with it (AJ01's 阿勒纳哈扬 against 中央社's and 法广's Mohammed bin Zayed Al-Nahyan: the gloss was never read). Only
# for that withholding: the Latin detail itself stays ``_GLOSS``'s (a new reading must not make new claims). The
# particles are the grammar words of personal names in the languages news transliterates (Arabic, Dutch, German,
# French, Spanish, Portuguese, Italian), not names: ``of``, ``and`` of a body's name are not among them. Session 59,
# onlyx97. Off (False) = main's claims.
PARTICLE_GLOSSES = True
_NAME_PARTICLES = ("bin", "bint", "ibn", "al", "el", "van", "von", "der", "den", "de", "du", "da", "di", "do", "dos",
                   "das", "del", "della", "la", "le", "y")
_PARTICLE_GLOSS = re.compile(
    r"([\u4e00-\u9fff]{1,8})\s*[（(]\s*([A-Z][A-Za-z.'\-]*(?:\s+(?:(?:" + "|".join(_NAME_PARTICLES)
    + r")\s+)*[A-Z][A-Za-z.'\-]*)+)\s*[）)]")
# Linking on shared names: how many, and the overlap still required (also: how much of a clause
# must match a sentence to join the match of its neighbouring clause).
SHARED_NAMES = 2
NAMES_CONTAINMENT = 0.15
# A pair counts when its score is this close to the best of both sentences (a long sentence may
# carry two facts another outlet wrote as two sentences).
BEST_RATIO = 0.9
# With the model: a clause joining its sentence's match ranks just below that match.
MERGED = 0.99
# A pair next to an aligned pair needs only this much (containment; rounds of extending).
CONTINUITY = 0.05
CONTINUITY_ROUNDS = 2
# A continuity pair must share more than this (containment of the smaller unit) beyond the story's topic bigrams
# (``_topic_grams``: the wording of what the whole story is about, which neighbouring statements of two reports share
# whatever each says); None: no such floor (session 43, facts52: 0.0 with ``TOPIC_REPEAT`` 1.5, chosen leaving one fact
# file out: 40 tuning files link P .9023 -> .9131 at R .6463 -> .6470). In ``compare_story`` only.
CONTINUITY_TOPIC: float | None = 0.0
# A topic bigram is given by the units of at least this share of the story's outlets, and of at least three,
# and (when ``TOPIC_REPEAT`` is set) by at least that many units per outlet giving it: a word the reports repeat
# statement after statement, not the words of one statement most outlets tell once.
TOPIC_OUTLETS = 0.75
TOPIC_REPEAT: float | None = 1.5
# The pair model's last round (``fact_model.RESCUE``) when true; ``compare_story(..., rescue=...)`` runs it with
# another model. On since session 41 (facts48): a fact the round widens shows only the only-X claims the rules'
# facts show (``compare_story``); without that it was refused by facts47's rule (samples' false only-X 21 -> 27).
RESCUE_ROUND = True
# A pair the pair model's round calls one fact at least this likely (None: never) but the one-statement rule keeps
# apart (one unit's fact already holds a unit of the other's outlet) shows the unit as a second telling of the
# other's fact, as a strong pair the first round keeps apart does (``_Linker.second_facts``; session 42, facts50).
SECOND_RESCUE: float | None = 0.4
# A pair the pair model's round calls one fact at least this likely (and at least the round's threshold; None: never)
# that lost the round's mutual-best choice shows a unit packing two statements as a second telling of its partner's
# fact (``_Linker.second_facts``; session 50, recall73): the partner chooses the packed unit, the packed unit's fact
# already holds the partner's outlet through units matching another part of it (``SECOND_PART``), so the round kept
# the packed unit's other partner only. The model round's counterpart of the rules' one-sided offer. .3 chosen in every
# fold leaving one fact file out (47 tuning files: recall .6623 -> .6697, judged precision .9101 -> .9083).
SECOND_RUNNER: float | None = 0.3
# Two units of two outlets giving one amount the story seldom gives (``_amount_matches``) need
# only this much overlap (containment, Dice).
AMOUNT_CONTAINMENT = 0.12
AMOUNT_DICE = 0.1
# An amount: 10 or more (digits not inside a Latin code or a decimal's fraction, not after 数/几:
# 数十 is no figure) of what a measure word after it counts (人, 例, 19.51亿美元): no date, time of
# day or name (2019冠状病毒).
_AMOUNT = re.compile(r"(?<![a-z\d.数几])(\d{2,}(?:\.\d+)?)(?![a-z\d])(?:[多余几])?([亿万千百]?[人次个名家艘架岁倍项所条座位件起批枚辆度万亿元美英欧公里吨例剂])")
# A figure with what it counts: the character after it (多/余/几 skipped); a year (2018年) is a
# date, 两年 a duration. Digits inside a Latin code (SM-3, 5G, F-16: "sm3", "5g" in a match
# key) name a thing and count nothing. A decimal (19.5亿: match keys keep its point) is one figure.
# 美, 英, 欧 count money only before their currency (200美元, 100英镑): 200美国人 counts people, not dollars.
# The number is read whole or not at all (an atomic group): 5.81oled (a decimal glued to a Latin word) is no
# figure, as 5g is none, not the 5 a backtracking match would leave.
# An approximate count ``fold_numbers`` wrote as its range (2~3个 of 两三个, 30~40人 of 三四十人) is one figure, that range.
_FIGURE = re.compile(r"(?<![a-z\d~])((?>\d+(?:\.\d+)?(?:~\d+)?))(?![a-z\d~])(?:[多余几])?(美(?=[元金])|英(?=镑)|欧(?=元)|[^美英欧]?)")
# Two numbers that punctuation or a space kept apart (6.7%-8.1%, 2008-2010年, 23,48%: ``normalize`` leaves
# "6.7 8.1") are two figures, not the 6.78 and 1 a match key (no spaces) would run them into. Not where
# either is glued to a Latin letter (v1.2, 5.81oled: a code, read as before).
_DIGITS_APART = re.compile(r"\d \d")
# Numerals a space keeps apart before ``fold_numbers`` writes them in digits (四分之三 78: the 78 of "（78%）" after a
# share in words), which the folded match key would run together (4分之378): read through ``_figure_text``.
_NUMERALS_APART = re.compile(r"[\d〇零一二三四五六七八九十两百千万亿] [\d〇零一二三四五六七八九十两百千万亿]")
_APART_FIGURES = re.compile(r"(?<![a-z\d.])(\d+(?:\.\d+)?) (?=\d+(?:\.\d+)?(?![a-z\d.]))")
_COUNTED = set("年月日号时分秒点人次个名家艘架周天岁倍项所条座位件起批枚辆度万亿元美英欧公里吨")
# One count of people, whatever its measure word: 16人 and 16名 (or 16位) are one figure.
_PEOPLE = {"名": "人", "位": "人"}
# Kinds that date or time (a year, a month, a clock): a hedge before them (近3年 "the last three years") is no range.
_DATE_KINDS = frozenset("Y月日号时分秒点")
# A figure counting 日 above this is no day of a month but a number of days (253日 = 253天).
_LAST_DAY_OF_MONTH = 31
# Nor is one right after a word that makes it a span (距今21日: 21 days ago; 过去14日 "the last 14 days"). Not 已经
# ("already"), before a date as often as a span in the readable days (网站已经4日上线: went online on the 4th).
_SPAN_BEFORE = ("距今", "过去")
# What a figure may count, for ``_named_figures``: the kinds above, ``_AMOUNT``'s and 多余几.
_MEASURES = _COUNTED | set("千百例剂多余几")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A figure glued to a Han character that is no measure word (cheap test before jieba cuts the unit).
_GLUED = re.compile(rf"\d(?![{''.join(sorted(_MEASURES))}])[\u4e00-\u9fff]")
# Two sentences of one outlet saying the same thing: how much of the shorter the longer holds.
REPEATED = 0.6
# Or both match one unit of another outlet at least this well (containment + Dice).
ECHO_SCORE = 0.8
ECHO_REPEATED = 0.3
ECHO_SAME_PART = 0.5
SECOND_PART = 0.5
# A unit that repeats (containment of the smaller unit's bigram weight, ``_Linker.together``'s measure, at least this)
# a unit of its own outlet in a fact of two or more outlets, where the one-statement rule keeps it out, is shown in
# that fact as its outlet's second telling (None: never; session 44, facts54). Refused by facts54's rule and by
# facts56's (session 45: with the floor, the figure veto against the fact and the withheld claims below, chosen .4 / .2
# leaving one fact file out, recall +.0121 at precision -.0034, but 12 of 20 new links no fact quote covers wrong).
# On since session 45 (facts58): .2 with the floor .3 and the share counted beyond the story's topic (facts56's second
# look, chosen in every fold leaving one file out: recall +.0121, precision -.0036; 17 of 40 new unjudged links wrong,
# links56's bar for main's own rate).
SECOND_REPEAT: float | None = 0.2
# When true, the repeat is shown in the fact only if, among every unit of the fact's other outlets, the one it shares
# most with (containment) is in that fact: a body sentence telling the second of two facts its outlet's lead packs
# matches the second fact's tellings better than the first's.
SECOND_REPEAT_BEST = True
# The smaller of the two units must weigh at least this share of the larger (bigram weight; None: no floor; session 45,
# facts56). Containment of the smaller unit says how much of it the larger holds, not that the two say one thing: a
# caption, a heading, a question or a lead-in naming a few of a long sentence's words is wholly inside it and is a
# piece of that statement, not a second telling of it. The floor asks the two units to be of comparable weight.
SECOND_REPEAT_FLOOR: float | None = 0.3
# When true, the repeat's share counts only the bigrams the two units share outside the story's topic bigrams
# (``_topic_grams``) and outside the names both give (session 45, facts56's second look, off): two statements of one
# speaker (his attending, then what he said) share his name and title and the story's words, not what is said.
SECOND_REPEAT_BEYOND = True
# A unit ``second_facts`` shows in a second fact (an offer of the one-statement rule, a one-sided pair, the pair
# model's blocked pair or an outlet's repeat) is shown beside every outlet's telling there, not only beside the unit it
# was offered with: it is shown only if, for each other outlet of the fact, its Dice (bigram weight) with that outlet's
# likest unit in the fact is at least this (None: no such bar; session 47, facts63). The one-statement rule's offers
# chain: a unit paired with one outlet's telling lands in a fact that other outlets' units joined on other words.
# Chosen .05 leaving one fact file out (44 files, every fold; precision +.0043, recall -.0014).
SECOND_LIKENESS: float | None = 0.05
# (facts56's other looks, a Dice share instead of containment and the pair model's probability asked of the repeat and
# its best unit, were refused in session 45 and are on branch facts56 only.)


@dataclass(slots=True)
class _Sentence:
    ref: SentenceRef
    normalized: str  # ``normalize`` of the unit's text (with its dateline when matched), computed once: OpenCC and jieba are the costly part
    key: str  # the match key the grams are taken from (figures folded, story names one way)
    grams: frozenset[str]
    nouns: tuple[str, ...]  # proper nouns, for details (empty when the sentence is never aligned)
    names: frozenset[str]  # the nouns with a full name's given name left out, for linking
    loose: frozenset[str]  # nouns plus unknown two-character words: who might name someone
    figures: frozenset[str]  # its figures, folded (3万 -> 30000), outside a dateline
    sentence: int  # which sentence of its article this unit is (a clause) or was


def _bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 2] for i in range(len(key) - 1))


# What is not a statement of the report (a general list of the genre's furniture, not taken from
# labels): photo captions and credits, translator/editor/author credits, datelines standing alone,
# end marks (（完）), links to related articles, calls to subscribe or share.
# Words only captions, credits and link lines use: furniture wherever they stand in a short sentence's head.
_FURNITURE = re.compile(
    r"图片来源|图片提供|图片说明|图为|资料照|资料图|档案照|示意图|图取自|版权声明|版权所有|"
    r"相关阅读|延伸阅读|推荐阅读|更多新闻|点击|订阅|关注我们"
)
# Words a report also uses as ordinary words (摄影记者, 总编辑, 做出处分, 根据相关报道, 翻译成英文):
# furniture only in a credit's or a link line's form, opening the sentence or a bracket or followed by a
# colon or slash (摄影：, （编译, 相关报道：). Matched on the text with its punctuation (``_credit_form``).
# 作者, 来源 and 出处 open statements too (来源称), so only their colon makes them a credit.
_CREDIT_OPENING = r"(?:摄影|翻译|编译|编辑|责编|撰稿|相关新闻|相关报道)"
_CREDIT = re.compile(rf"(?:^|[(\[【/|])\s*{_CREDIT_OPENING}"
                     r"|(?:摄影|翻译|编译|编辑|责编|撰稿|作者|来源|出处|版权|相关新闻|相关报道|更多内容|图)\s*[:/]")
# A credit line standing alone, closing on a bracket (so no rule of an unclosed line takes it): writers' names
# joined by slashes, then the sources in brackets (张慈/杨威廉 (综合报导), 凝炼/叶宣（德新社、路透社）), or a
# translator's credit wholly in brackets (（譯者：曾依璇/核稿：陳亦偉）). Whole lines only: a sentence with such a credit
# run on after it keeps its statement.
_CREDIT_LINE = re.compile(r"^(?:[\u4e00-\u9fff·]{1,5}\s*/\s*){1,3}[\u4e00-\u9fff·]{1,5}\s*/?\s*"
                          r"[（(][^（()）]{0,30}(?:社|报导|报道|報導|综合|綜合|等|新闻|新聞|时报|時報)[^（()）]{0,10}[）)]$"
                          r"|^[（(]\s*(?:译者|譯者|编译|編譯)\s*[:：][^（()）]{1,40}[）)]$")
# A photo agency's name as a whole Latin word (not epa of diazepam), unless it glosses the Han name
# before it (路透社(Reuters)的一项分析): then the sentence is the report's.
_AGENCY = re.compile(r"(?<![a-z])(?:getty|afp|reuters|epa|ap photo)(?![a-z])")
_GLOSS_BEFORE = re.compile(r"[\u4e00-\u9fff]\(\s*$")
# Who stands where in a photo: 莫里森（左）…菅義偉（右）, （左二）, （前排右三）, （左起）. Only
# captions place people so; a sentence of the report names them without it.
_POSITION = re.compile(r"[（(](?:前排|后排|後排)?[左右中](?:[一二三四五六七八九\d]|起)?[）)]")
_DATELINE = re.compile(r"^[（(【\[][^（(）)】\]]{0,40}(电|電|讯|訊|报道|報導|专电|專電)[）)】\]]$")
_END_MARK = re.compile(r"^[（(【\[]?\s*完\s*[）)】\]]?$")
_TERMINAL = (*"。！？!?；;」』”\"'）)…", "...")  # "..." : an ellipsis ends a quote too
# An item of a numbered list that holds a clause mark (4. 参加者除补充水份外禁止饮食，劝导不听予以裁罚) is a statement
# without its closing mark, not a heading: a numbered heading is one phrase (一、持续深化台美关系).
_LIST_STATEMENT = re.compile(r"(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.．、)）]|[一二三四五六七八九十]{1,3}\s*、)[^，,；;]+[，,；;]\s*\S")
FRAGMENT_CHARS = 8  # a sentence with fewer characters ("罗斯说。") is a fragment, not a fact
HEADLINE_CHARS = 40  # a line this short without closing punctuation is a heading or a link
# A bracket closing a line that holds no sentence's closing mark: a caption's source or credit (…离席（路透社）,
# …（视频截图）), a gloss under a picture (…（Mike Lee）), or, when nothing stands before it, the whole line an aside of
# the page (（截图自…脸书）, （2020年10月28日）, （…提供）). A bracketed sentence of the report closes inside (（它于2006年再次修改。）).
_TRAILING_BRACKET = re.compile(r"\s*[（(][^（()）。！？!?；;]{0,30}[）)]\s*$")
# A web address (a page, a video embed, a channel): what stands beside it is at most its label (大纪元新闻网：).
_URL = re.compile(r"(?:https?://|www\.)[^\s（()）<>\"'，。]+", re.IGNORECASE)
# A photo line by its form: a full date, a clause that is only a place, then the pictured act in one clause
# (2020年10月27日，印度新德里，…出席联合记者会。): a sentence of the report says what happened in its second clause.
_PHOTO_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日\s*[，,]\s*([^，,。；;：:！？]{2,12})\s*[，,][^，,。；;：:！？!?“”「」]{4,}。?$")
_CLAUSE_MARK = re.compile(r"[，,；;]")
_PLACE_LINE_TAGS = ("ns", "nr", "nz", "x")  # jieba's place, foreign/person name and unknown tags (新德里 nrt, 维明顿 nr)


# The page's note on itself, wholly in brackets (its closing bracket may stand after the sentence's end, which the
# splitter cut off): it names 本文, "this article" (（本文稍后将有更新，敬请关注。）, （本文仅代表作者个人观点。,
# （美国之音记者…对本文也有贡献。）, （如果要了解这38家企业，请在本文后面附加的企业名单中查找。）). Not 本文件 (this
# document). A bracketed aside with no closing mark inside is furniture already (``_bracketed_caption``).
_PAGE_NOTE = re.compile(r"^[（(][^（()）]*本文(?!件)[^（()）]*(?:[）)]|[。！!]$)$")


def is_furniture(text: str) -> bool:
    """Whether a sentence is no statement of fact: a caption (by its words, 图为, or by placing
    people, （左）), a credit, a dateline alone, an end mark, a related-article link or heading, a
    fragment."""
    stripped = text.strip()
    return _furniture(stripped, match_key(stripped))


def _furniture(stripped: str, key: str) -> bool:
    """``is_furniture`` of a stripped sentence and its match key (read once by ``_no_unit``)."""
    if len(key) < FRAGMENT_CHARS or _END_MARK.match(stripped) or _DATELINE.match(stripped):
        return True
    if _CREDIT_LINE.match(stripped) or _PAGE_NOTE.match(stripped):
        return True
    if not stripped.endswith(_TERMINAL) and len(stripped) <= HEADLINE_CHARS and not _LIST_STATEMENT.match(stripped):
        return True
    if len(stripped) <= HEADLINE_CHARS and _quoted_heading(stripped):
        return True
    # A table's row: no mark of a sentence or clause, four or more cells apart, each a few characters (路透's
    # 2020年7月 6月 5月 4月 …, a table's heading row; summary97).
    if not stripped.endswith(_TERMINAL) and not _CLAUSE_MARK.search(stripped) and _table_row(stripped):
        return True
    # A line of no Han character closing on no sentence's mark: a signature, a name, a credit under a picture or a
    # note (U.S. Secretary of Health and Human Services under the note 中央社 shows; summary97), longer than a heading.
    if not stripped.endswith((*_TERMINAL, ".")) and not _HAN.search(stripped) and not _LIST_STATEMENT.match(stripped):
        return True
    if _bracketed_caption(stripped) or _link_line(stripped) or _photo_line(stripped):
        return True
    if _POSITION.search(stripped):
        return True
    if len(stripped) > 2 * HEADLINE_CHARS:
        return False
    head = _credit_form(stripped[:HEADLINE_CHARS])
    if _FURNITURE.search(head) or _CREDIT.search(head):
        return True
    return any(not _GLOSS_BEFORE.search(head[: m.start()]) for m in _AGENCY.finditer(head))


TABLE_CELLS = 4  # cells of a table's row (``_table_row``)
TABLE_CELL_CHARS = 8


def _table_row(text: str) -> bool:
    """``TABLE_CELLS`` or more cells apart (spaces or tabs), each at most ``TABLE_CELL_CHARS`` characters."""
    cells = text.split()
    return len(cells) >= TABLE_CELLS and all(len(cell) <= TABLE_CELL_CHARS for cell in cells)


def _quoted_heading(text: str) -> bool:
    """A line closing on a quoted word or phrase, with no sentence's mark inside the quotation and no clause mark or
    colon in the line: a heading or a link's title (中国航运人员被查“身份”; 欧中完成投资协定谈判 北京的承诺“史无前例”, a
    related link; summary97, session 59), which the headline rule missed for its closing quote. A quoted statement
    closes inside its quotation (…“我们不会接受。”) or names its speaker before a colon or comma (他说：“…”)."""
    inner = text.rstrip("”」』’\"' 　")
    return (inner != text and not inner.endswith(_TERMINAL) and not _CLAUSE_MARK.search(text)
            and "：" not in text and ":" not in text and not _LIST_STATEMENT.match(text))


def _bracketed_caption(text: str) -> bool:
    """A line that closes on a bracket with no closing mark before it (a caption's source, a credit, a gloss under
    a picture), or a line wholly in brackets with no closing mark inside (an aside of the page). A caption is one
    phrase or clause: a clause mark before the bracket is a statement that lost its full stop before a credit run on
    (…並願意與各方談判（譯者：…）)."""
    before = text
    while (tail := _TRAILING_BRACKET.search(before)) is not None:
        before = before[: tail.start()]
    return (before != text and not before.endswith(_TERMINAL) and len(before) <= 2 * HEADLINE_CHARS
            and not _CLAUSE_MARK.search(before))


def _link_line(text: str) -> bool:
    """A web address with at most a label (大纪元新闻网：https://…, a bare video embed)."""
    if not _URL.search(text):
        return False
    label = _URL.sub("", text).strip().rstrip("（(").strip()
    return label.endswith(("：", ":")) or len(match_key(label)) < FRAGMENT_CHARS


def _photo_line(text: str) -> bool:
    """Date, place, act (``_PHOTO_LINE``), the place clause tagged only as places or names."""
    line = _PHOTO_LINE.match(text)
    if line is None:
        return False
    words = [tag for word, tag in tagged_words(line.group(1)) if word.strip()]
    return bool(words) and words[0] == "ns" and all(tag.startswith(_PLACE_LINE_TAGS) for tag in words)


# A picture's caption closing on the day the photo was taken, in brackets (…在悉尼领事馆外。（2015年7月23日）), when that
# day is at least ``FILE_PHOTO_DAYS`` before the report's: a file photo, what it shows is no statement of the report
# (caption70, session 49: 45 of the 48 captions closing on a bracketed date on the tuning files are a pictured act; no
# paragraph of body text there closes on one). A photo of the report's day (or the day before: a time zone, a
# next-morning report) pictures the news event itself and stays a unit: it is a telling of that event, and left out
# its fact took the outlet's sentences that pack the event with more (candidate A, refused). Only with the structure:
# the paragraph is one of the report's image captions (``Article.images``). A caption closing on its credit is not
# enough: most such captions state the report's news (a wire's lead caption is the story's summary, …（圖取自…）).
# The date may stand beside a few words in its bracket, a credit or a note (（路透社2020年11月3日）, （2019年8月15日资料照）,
# （摄于2020年9月）; compare71, session 50: 7 such captions on the tuning files, no body paragraph): the date dates the photo
# whatever words say whose it is.
_BESIDE_DATE = r"[^\d（()）。，；！？]{0,12}?"
_PHOTO_DATE = re.compile(rf"[（(]{_BESIDE_DATE}\s*(\d{{4}})\s*年\s*(\d{{1,2}})\s*月(?:\s*(\d{{1,2}})\s*日)?\s*{_BESIDE_DATE}[）)]\s*$")
FILE_PHOTO_DAYS = 2


def _file_photo(caption: str, published: datetime | None) -> bool:
    """Whether the caption closes on a bracketed date ``FILE_PHOTO_DAYS`` or more before ``published`` (its UTC day);
    a month without its day counts as the month's last day."""
    dated = _PHOTO_DATE.search(caption.strip())
    if dated is None or published is None:
        return False
    year, month, day = int(dated[1]), int(dated[2]), dated[3]
    if not 1 <= month <= 12:
        return False
    last = calendar.monthrange(year, month)[1]
    try:
        taken = date(year, month, min(int(day), last) if day else last)
    except ValueError:
        return False
    return (published.astimezone(UTC).date() - taken).days >= FILE_PHOTO_DAYS


def _spaced(text: str) -> str:
    return " ".join(text.split())


# An embedded post's credit line, as a tweet's embed code writes it under the post: a dash, the account's name, its
# handle in brackets, the day (— Donald J. Trump (@realDonaldTrump) October 2, 2020; — 蔡英文 Tsai Ing-wen (@iingwen)
# November 8, 2020). reader79 (session 57) found such lines, and the English post above one, among an outlet's own
# points in a summary; summary96 (session 58) one more in 561 summary lines of tuning-data stories.
_POST_CREDIT = re.compile(r"^[—–]{1,2}\s*[^\n()（）]{1,80}?\s*\(@\w{1,20}\)\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*\d{4}$")


def _embedded_posts(paragraphs: list[str]) -> set[int]:
    """The paragraphs of an embedded post that are no units: its credit line (``_POST_CREDIT``), and the post's text
    above it when it is written in another language (no Han character: Tonight, @FLOTUS and I tested positive…): a
    reader of a Chinese report reads the report's own words on it, which come before or after it. A post in Chinese
    stays a unit: it is a quotation the outlet shows, often the news itself (an outlet's own account's post)."""
    left: set[int] = set()
    for i, paragraph in enumerate(paragraphs):
        if _POST_CREDIT.match(paragraph.strip()):
            left.add(i)
            if i > 0 and paragraphs[i - 1].strip() and not _HAN.search(paragraphs[i - 1]):
                left.add(i - 1)
    return left


# The writer's bio closing a report (summary97, session 59: 纽约时报中文网's 在2017年加入时报前，他在新德里为《华尔街日报》报道…
# among an outlet's own points in a summary): a paragraph among the report's last ``BIO_PARAGRAPHS`` that invites the
# reader to follow someone on a social network (欢迎在Twitter上关注他 @zhonggg。: 628 paragraphs of the session-52 store,
# all 纽约时报中文网's bios, none elsewhere), or that opens naming someone as a publication's writer or editor
# (Choe Sang-Hun是《纽约时报》首尔分社社长，…; 罗杰‧金博尔…是《新标准》的编辑和出版人。: in the last paragraphs of the
# store's reports, 24 纽约时报中文网 bios without the invitation and one 大纪元 op-ed author's, no report's statement).
BIO_PARAGRAPHS = 6
_FOLLOW_WRITER = re.compile(r"欢迎(?:在|到)?\s*(?:Twitter|Facebook|Instagram|推特|脸书|臉書)\S{0,24}关注(?:他|她)")
_WRITER_OPENING = re.compile(r"^[^。，,；;：:“”「」]{2,40}是(?:《[^》]{2,12}》|本报|本報|本台|本网|本網|时报|時報)[^。，,；;]{0,20}"
                             r"(?:记者|記者|编辑|編輯|撰稿人|专栏作者|專欄作者|专栏作家|專欄作家|社长|社長|主编|主編)")


def _writer_bios(paragraphs: list[str]) -> set[int]:
    """The paragraphs of the writers' bios closing a report (``_FOLLOW_WRITER``, ``_WRITER_OPENING``)."""
    last = max(len(paragraphs) - BIO_PARAGRAPHS, 0)
    return {i for i in range(last, len(paragraphs))
            if _FOLLOW_WRITER.search(paragraphs[i]) or _WRITER_OPENING.match(paragraphs[i].strip())}


_WRITER_LINE = re.compile(r"^\s*" + _WRITER_OPENING.pattern.removeprefix("^"), re.MULTILINE)


def _may_hold_bio(body: str) -> bool:
    """Whether a body may hold a writer's bio (``_writer_bios``), tested on the whole text before its paragraphs
    are read apart: most bodies hold none."""
    return ("关注" in body and _FOLLOW_WRITER.search(body) is not None) or (
        "是" in body and _WRITER_LINE.search(body) is not None)


def _body_sentences(article: Article) -> tuple[list[str], frozenset[int]]:
    """The body's sentences (``split_sentences``) and which of them are no units of the comparison: those of a file
    photo's caption paragraph (``_file_photo``), of an embedded post (``_embedded_posts``) and of a writer's bio
    (``_writer_bios``). The caption, post or bio stays on the report's page and in the text searched for the names
    the outlet gives."""
    dated = {_spaced(image.caption) for image in article.images if _file_photo(image.caption, article.published_at)}
    # "(@" first: most bodies embed no post, and their paragraphs are not read apart for it.
    bio = _may_hold_bio(article.body_text)
    if not dated and "(@" not in article.body_text and not bio:
        return split_sentences(article.body_text), frozenset()
    paragraphs = split_paragraphs(article.body_text)
    posts = _embedded_posts(paragraphs) if "(@" in article.body_text else set()
    if bio:
        posts |= _writer_bios(paragraphs)
    sentences: list[str] = []
    pictured: set[int] = set()
    for i, paragraph in enumerate(paragraphs):
        parts = split_sentences(paragraph)
        if i in posts or _spaced(paragraph) in dated:
            pictured.update(range(len(sentences), len(sentences) + len(parts)))
        sentences.extend(parts)
    return sentences, frozenset(pictured)


def _caption_statements(article: Article) -> frozenset[int]:
    """The statement numbers (``_numbered``, as ``_unit_texts`` gives them) of the sentences of the report's picture
    captions, by the page's structure: a paragraph whose text is one of ``Article.images``' captions (caption70's
    test). They stay units (a wire's lead caption is often the story's summary, caption70); a summary shows no line
    of them (``Comparison.captions``)."""
    captions = {_spaced(image.caption) for image in article.images if image.caption.strip()}
    if not captions:
        return frozenset()
    # The paragraphs' sentences one after another are the body's (``_body_sentences`` reads them either way).
    sentences: list[str] = []
    inside: list[int] = []
    for paragraph in split_paragraphs(article.body_text):
        parts = split_sentences(paragraph)
        if _spaced(paragraph) in captions:
            inside.extend(range(len(sentences), len(sentences) + len(parts)))
        sentences.extend(parts)
    numbered = _numbered(sentences)
    return frozenset(numbered[k][0] for k in inside)


def _clauses(sentence: str) -> list[str]:
    """``split_clauses`` of the sentence judged without the datelines it opens with: a dateline counted as letters
    made its opening clause long enough to stand alone, then shown without it as a scrap (周三（10月28日），
    根据美联社报导，). The dateline stays with the first clause."""
    undated = strip_dateline(sentence)
    if not undated.strip() or undated == sentence or not sentence.endswith(undated):
        return split_clauses(sentence)
    parts = split_clauses(undated)
    return [sentence[: len(sentence) - len(undated)] + parts[0], *parts[1:]] if parts else [sentence]


def _credit_form(text: str) -> str:
    """The text in one script and case with its punctuation kept (``normalize`` makes it spaces):
    whether a word is a credit depends on the colon or bracket beside it."""
    return to_simplified_key(unicodedata.normalize("NFKC", text)).lower()


def _unit_texts(article: Article, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """(sentence number, text) of the article's units, of its first ``limit`` sentences when given: lazily, so that
    a report cut to its share of a story's units (``stories.bounds``) is read only that far."""
    # Furniture is judged on whole sentences (a clause has no closing mark of its own), then a
    # long sentence is aligned clause by clause (``split_clauses``).
    # A sentence of a file photo's caption is left out as furniture is (it keeps its number).
    # A sentence its outlet writes in reports of many different stories is left out too (``outlet_furniture``).
    sentences, pictured = _body_sentences(article)
    standing = _outlet_furniture().get(article.outlet, frozenset())
    return ((number, part) for k, (number, sentence) in enumerate(_numbered(sentences)[:limit])
            for part in ([] if k in pictured or _no_unit(sentence, standing) else _clauses(strip_picture_marks(sentence))))


def _no_unit(sentence: str, standing: frozenset[str]) -> bool:
    """Whether a sentence is furniture (``is_furniture``) or its outlet's standing furniture (``standing``, the
    outlet's keys of ``_outlet_furniture``), its match key read once for both."""
    stripped = sentence.strip()
    key = match_key(stripped)
    return _furniture(stripped, key) or key in standing


# An outlet's standing furniture (boiler69, session 69): the sentences it writes in its reports of many different
# stories, whatever their words (a copyright tail, a disclaimer, a programme's promo, a newsletter's call, a hotline
# footer, a columnist's bio, the titles of its related links). Within one story a sentence two reports share is often
# their fact; across the archive, a sentence standing in reports whose other sentences have nothing in common is no
# report's content. ``text/outlet_furniture.tsv`` holds them by outlet as match keys, mined from the archive by
# ``bench/mine_furniture.py`` (10+ stories on 8+ dates, in a block of at most 3 recurring sentences: a longer block is
# a gallery or explainer the outlet appends, whose sentences are statements).
@cache
def _outlet_furniture() -> dict[str, frozenset[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    for outlet, key, *_counts in packaged_rows("outlet_furniture.tsv"):
        keys[outlet].add(key)
    return {outlet: frozenset(found) for outlet, found in keys.items()}


def outlet_furniture(outlet: str, sentence: str) -> bool:
    """Whether ``outlet`` writes ``sentence`` (as its match key) in its reports of many different stories: the
    outlet's standing furniture (``text/outlet_furniture.tsv``), no unit of a comparison."""
    keys = _outlet_furniture().get(outlet)
    return keys is not None and match_key(sentence.strip()) in keys


# A picture's marker or credit inside a sentence, in brackets: the picture word alone or with its place (金正恩（圖）25日…,
# （左圖）), or with its source after a source's word or a colon or slash (（圖取自…）, （图片来源：…）, （照片／…）).
# It points at a picture on the outlet's page the comparison does not show: it is no part of the fact, so the unit is
# matched and shown without it (furniture68).
_PICTURE_MARK = re.compile(
    r"[ \t　]*[（(](?:[左右中上下]?(?:[圖图](?:片|像)?|照片|相片)[左右中上下]?)"
    r"(?:(?:取自|來源|来源|提供|翻攝|翻摄|[：:／/])[^（()）\n]{0,60})?[）)]"
)


def strip_picture_marks(text: str) -> str:
    """``text`` without the bracketed picture markers and picture credits inside it (``_PICTURE_MARK``); ``text`` as it
    is when nothing else would be left."""
    if "圖" not in text and "图" not in text and "照片" not in text and "相片" not in text:
        return text
    stripped = _PICTURE_MARK.sub("", text)
    return stripped if stripped.strip() else text


def _sentences(article: Article, dateline_matched: bool, limit: int | None = None,
               units: Sequence[tuple[int, str]] | None = None) -> list[_Sentence]:
    """The article's units (of its first ``limit`` sentences when given; ``units`` when the caller has read them,
    ``_unit_texts``' (number, text) pairs, maybe cut to a share). A dateline or byline opening a unit (（中央社記者…台北17日電）) is
    not shown with it (its ``SentenceRef.text``), and is no source of details or figures: 台北 and 17 there say where and when the writer sat, not
    what happened. ``dateline_matched`` keeps it in the text that is matched: the rules match
    it (leaving it out lowered their tuning recall .803 -> .769: the day and place in two
    leads' datelines are evidence they tell one event), the model was fitted without it."""
    out = []
    for index, (number, text) in enumerate(_unit_texts(article, limit) if units is None else units):
        # The unit as every reader of the comparison sees it (summary, grid, reader, stored comparison):
        # without the datelines and bylines it opens with, which are the wire's furniture, not the fact.
        undated = strip_dateline(text)
        shown = undated or text
        # A clock's colon (11:02), a decimal comma (23,48%) and a year's round zero (二○一九年) are read before
        # ``normalize`` turns them into spaces.
        clocked, bare = (fold_clock_colon(fold_decimal_comma(fold_round_zero(part))) for part in (text, undated))
        normalized = normalize(clocked if dateline_matched else bare)
        full_key = _match_text(normalized)
        key = _LATIN.sub("", full_key)
        grams = _bigrams(key) if len(key) >= MIN_KEY_CHARS else frozenset()
        named = normalized if bare == clocked or not dateline_matched else normalize(bare)
        loose = tuple(dictionary_names(named, normalized=True, loose=True)) if grams else ()
        nouns = tuple(w for w in loose if len(w) >= 3 or in_dictionary(w))
        linking = nouns if named is normalized else tuple(
            w for w in dictionary_names(normalized, normalized=True, loose=True) if len(w) >= 3 or in_dictionary(w))
        # The figures the unit reports: not the day of its dateline (上海14日電).
        # A name's digits are masked before amounts are folded: 1500万大关 is an amount, 万 follows.
        # A percentage's number counts no thing (最高 1% 年营业额 is no 1年, 百分之五人口 no 5人): read with its mark, the
        # figures' text as ``named``'s (``normalize(bare)``) but for the sign written in words (``fold_percent_sign``).
        signed = fold_percent_sign(bare)
        if signed != bare or "百分之" in named:
            figures = _figures(_figure_text(_named_figures(named if signed == bare else normalize(signed)),
                                            paraphrases=named is normalized, percent_mark="%"))
        elif named is normalized:
            masked = _named_figures(normalized)
            figures = _figures(full_key if masked == normalized and not _NUMERALS_APART.search(masked)
                               else _figure_text(masked))
        else:
            figures = _figures(_figure_text(_named_figures(named), paraphrases=False))
        out.append(_Sentence(SentenceRef(article.id, article.outlet, index, shown), normalized, key, grams, nouns,
                             _names(linking, normalized), frozenset(loose), frozenset(figures), number))
    return out


def _match_text(normalized: str) -> str:
    """The characters a unit is matched on: figures in one form, the words of a group of the mined
    paraphrase lexicon in one form (``text.paraphrase``: 飞弹/导弹, 逝世/去世), no separators."""
    return match_key(fold_paraphrases(fold_numbers(normalized)), normalized=True)


def _figure_text(normalized: str, paraphrases: bool = True, percent_mark: str = "") -> str:
    """The characters a unit's figures are read from: ``_match_text`` (without the paraphrase folding when
    ``paraphrases`` is false), but two numbers a separator kept apart stay apart (``_APART_FIGURES``) and a
    percentage is followed by ``percent_mark`` (``fold_numbers``)."""
    folded = fold_numbers(normalized, percent_mark)
    if paraphrases:
        folded = fold_paraphrases(folded)
    return match_key(_APART_FIGURES.sub(r"\1/", folded) if _DIGITS_APART.search(folded) else folded, normalized=True)


def _numbered(sentences: list[str]) -> list[tuple[int, str]]:
    """Each sentence with the number of the statement it belongs to: two sentences joined by a
    semicolon (…北駛期間，國軍全程掌握；周邊海、空域…狀況均正常。) are one statement's clauses,
    which another outlet may write as one sentence. Three or more are a list (duties, demands),
    each item a statement of its own."""
    ends = [s.rstrip("」』”’\"'）)]").endswith(("；", ";")) for s in sentences]
    numbered = []
    number = 0
    for k, sentence in enumerate(sentences):
        numbered.append((number, sentence))
        pair = ends[k] and not (k > 0 and ends[k - 1]) and not (k + 1 < len(ends) and ends[k + 1])
        if not pair:
            number += 1
    return numbered


def _names(nouns: tuple[str, ...], normalized: str) -> frozenset[str]:
    """The distinct proper nouns, a transliterated full name (南希·佩洛西) counted once."""
    names = set(nouns)
    # ``normalize`` turned the name dot into a space.
    given = {a for a in names for b in names if f"{a} {b}" in normalized}
    return frozenset(names - given)


def _fold_story_names(sentences: list[_Sentence]) -> None:
    """Write each person of the story one way in every sentence's bigrams: transliterations
    jieba does not know that sound alike (克瑞布斯/克雷布斯), and a Latin surname that some
    outlet glosses a Han name with (Krebs for 克瑞布斯（Chris Krebs）). Aligning only: texts,
    names and details keep each outlet's spelling. (A one-word gloss, Moderna for 莫德纳（Moderna）, was tried in
    session 59 and refused: recall84/85's sections; branch recall85.)"""
    spellings: dict[tuple[int, tuple[str, ...]], Counter[str]] = defaultdict(Counter)
    for s in sentences:
        text = s.normalized.replace(" ", "")
        for run in transliterated_runs(text):
            word = run.group(0)
            sound = phonetic_key(word)
            if len(sound) == len(word) and not _inside_longer_name(text, run.start(), run.end(), s.loose):
                spellings[len(word), sound][word] += 1
    folded: dict[str, str] = {}
    for counts in spellings.values():
        # The commonest spelling first; each rarer one folds into the commonest kept spelling it is spelt alike with
        # (``spelt_alike``): sound classes alone would fold one person into another (希特勒 into 斯坦利).
        kept: list[str] = []
        for word, _count in counts.most_common():
            into = next((top for top in kept if spelt_alike(word, top)), None)
            if into is None:
                kept.append(word)
            folded[word] = into or word
    for s in sentences:
        for han, gloss in _GLOSS.findall(s.ref.text):
            surname = gloss.split()[-1].lower()
            names = transliterated_names(match_key(han))
            if len(surname) >= 3 and names and match_key(han).endswith(names[-1]):
                folded.setdefault(surname, folded.get(names[-1], names[-1]))
    folded = {k: v for k, v in folded.items() if k != v}
    if not folded:
        return
    pattern = re.compile("|".join(
        rf"(?<![a-z]){re.escape(k)}(?![a-z])" if k.isascii() else re.escape(k)
        for k in sorted(folded, key=len, reverse=True)))
    for s in sentences:
        if s.grams and pattern.search(s.normalized):
            text = pattern.sub(partial(_fold_run, folded, s.loose), s.normalized)
            s.key = _LATIN.sub("", _match_text(text))
            s.grams = _bigrams(s.key)


def _fold_run(folded: dict[str, str], names: frozenset[str], match: re.Match[str]) -> str:
    """The spelling a run is folded into, or the run itself when it is the inside of a longer name."""
    run = match.group(0)
    return run if _inside_longer_name(match.string, match.start(), match.end(), names) else folded[run]


def _inside_longer_name(text: str, start: int, end: int, names: frozenset[str]) -> bool:
    """Whether the run ``text[start:end]`` is the inside of a longer name: one of the unit's names (jieba's words
    the dictionary reads as names, ``_Sentence.loose``) of three characters or known to the dictionary overlaps it
    and reaches past it. A run of transliteration characters stops at a character the table lacks, so 科列斯尼科娃
    gives the run 斯尼科 (列 and 娃 are not in it), cut by the words 列斯 and 尼科娃: a spelling of another name of the
    story that sounds like 斯尼科 (兹纳克) must not be folded into it, nor it into that name."""
    for name in names:
        if len(name) < 3 and not in_dictionary(name):
            continue
        at = text.find(name, max(0, start - len(name) + 1))
        while 0 <= at < end:
            if at + len(name) > start and (at < start or at + len(name) > end):
                return True
            at = text.find(name, at + 1)
    return False


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _story_units(articles: Sequence[Article], dateline_matched: bool, cut: set[str] | None = None
                 ) -> tuple[list[str], list[_Sentence], dict[str, float]]:
    """The story's outlets, units (names folded) and bigram weights; the ids of the reports whose units were cut to a
    bound are added to ``cut``."""
    from newsmirror.stories.fact_pairs import story_weights  # with scipy: imported when a story is compared

    outlets: list[str] = []
    for article in articles:
        if article.outlet not in outlets:
            outlets.append(article.outlet)
    # Each report's units up to its share of the story's (``stories.bounds``): the unit texts are read once (no unit
    # past a report's own bound), counted, then cut to the share, so that the costly reading stops there.
    # One unit past a report's own bound is read to tell a report cut there from one that ends there.
    read = [list(islice(_unit_texts(article), MAX_REPORT_UNITS + 1)) for article in articles]
    texts = [units[:MAX_REPORT_UNITS] for units in read]
    level = units_share([len(units) for units in texts], unit_budget(len(outlets)))
    if cut is not None:
        cut.update(article.id for article, units in zip(articles, read, strict=True)
                   if len(units) > (MAX_REPORT_UNITS if level is None else min(level, MAX_REPORT_UNITS)))
    sentences = [s for article, units in zip(articles, texts, strict=True)
                 for s in _sentences(article, dateline_matched, units=units[:level])]
    _fold_story_names(sentences)
    return outlets, sentences, story_weights([s.grams for s in sentences])


def _pair_units(sentences: list[_Sentence]) -> list[PairUnit]:
    from newsmirror.stories.fact_pairs import PairUnit

    count: Counter[str] = Counter(s.ref.article_id for s in sentences)
    seen: Counter[str] = Counter()
    units = []
    for s in sentences:
        article = s.ref.article_id
        units.append(PairUnit(s.key, s.grams, article, s.ref.outlet, seen[article] / max(count[article] - 1, 1),
                              s.figures))
        seen[article] += 1
    return units


def _captions(articles: Sequence[Article], sentences: list[_Sentence]) -> dict[str, list[int]]:
    """Report id -> the indexes of its units read from a picture's caption (``_caption_statements``)."""
    numbers = {article.id: found for article in articles if (found := _caption_statements(article))}
    captions: dict[str, list[int]] = {}
    for s in sentences:
        if s.sentence in numbers.get(s.ref.article_id, ()):
            captions.setdefault(s.ref.article_id, []).append(s.ref.index)
    return captions


def story_pair_features(articles: Sequence[Article]) -> tuple[list[SentenceRef], np.ndarray, np.ndarray]:
    """The units of a story's reports, the candidate pairs (unit indices) and their features
    (``stories.fact_pairs.FEATURES``): what ``stories.fact_model`` is fitted on."""
    from newsmirror.stories.fact_pairs import pair_features

    _outlets, sentences, weight = _story_units(bounded_reports(articles), dateline_matched=False)
    pairs, features = pair_features(_pair_units(sentences), weight)
    return [s.ref for s in sentences], pairs, features


def compare_story(articles: Sequence[Article], story_id: str = "", same_fact: SameFact = "rules",
                  model: PairModel | None = None, rescue: PairModel | None = None) -> Comparison:
    """Align the sentences of a story's reports; one column per outlet.

    Pass one article per report (leave republished copies out: they would make every one of
    their sentences look confirmed). Several articles of one outlet are treated as one column.
    ``same_fact`` says which unit pairs are one fact: ``"rules"`` (overlap thresholds, the
    default) or ``"model"`` (a logistic model: ``model``, default the fitted
    ``fact_model.FITTED``; not the default because it did worse on an unseen day, see the
    module's docstring).
    """
    if same_fact not in ("rules", "model"):
        raise ValueError(f'same_fact is "rules" or "model", not {same_fact!r}')
    # Reports as long as real ones are read whole; a longer one from its start (``stories.bounds``): the cost grows
    # faster than the text, and grouping and the build compare every story they change.
    bounded = bounded_reports(articles)
    cut = {article.id for article, read in zip(articles, bounded, strict=True) if read is not article}
    outlets, sentences, weight = _story_units(bounded, dateline_matched=same_fact == "rules", cut=cut)
    read_in_part = [article.id for article in articles if article.id in cut]
    articles = bounded
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        by_outlet[s.ref.outlet].append(i)
    if rescue is None and RESCUE_ROUND:  # the shipped round (compare_story's only: not shared_statements')
        from newsmirror.stories.fact_model import RESCUE

        rescue = RESCUE
    topic = _topic_grams(sentences) if CONTINUITY_TOPIC is not None else None
    linker, blocked, pair_scores = _linked(sentences, outlets, weight, same_fact, model, rescue, topic)

    groups = _groups(linker, blocked, pair_scores)

    # Who names what anywhere (title, headings and captions too): a name an outlet gives outside
    # its facts is still no news to its readers.
    outlet_texts = {outlet: " ".join(normalize(f"{a.title}\n{a.body_text}") for a in articles if a.outlet == outlet)
                    for outlet in outlets}
    outlet_nouns = {outlet: {n for i in members for n in sentences[i].loose} for outlet, members in by_outlet.items()}
    # The same texts as written, for the forms normalizing blurs (a name dot and a comma are both a space once
    # normalized; a masked name's asterisk is dropped): ``_details`` reads them only for a claim still standing.
    outlet_raw = {outlet: _Written("\n".join(f"{a.title}\n{a.body_text}" for a in articles if a.outlet == outlet))
                  for outlet in outlets}
    for article in articles:
        outlet_nouns.setdefault(article.outlet, set()).update(dictionary_names(article.title, loose=True))
    # One person glossed with one Latin name is one person, however each outlet transliterates
    # it (戴斯卓（Robert Destro）, 德斯特罗（Robert A. Destro））: an outlet that writes the Latin
    # name anywhere names every Han form another outlet glosses with it.
    # A longer gloss shares two words in a row with the shorter one another outlet writes
    # (穆拉·巴达拉·阿昆德（Mullah Baradar Akhund）, 巴拉达尔（Mullah Baradar）): one person too.
    for s in sentences:
        # So are the nouns the glossed name is or begins with (鲍尔丁（Christopher Balding）: jieba reads
        # 鲍尔 + 丁, and 鲍尔 is claimed where the outlet writes 鲍尔丁 again without the gloss).
        for han, gloss in _GLOSS.findall(s.ref.text):
            writers = [outlet for outlet in outlets if _writes_gloss(gloss, outlet_texts[outlet])]
            if not writers:
                continue  # the pieces cost a tagging of the name's tail: only for a gloss some outlet writes
            pieces = _writers_pieces(han, s.nouns)
            for outlet in writers:
                outlet_nouns[outlet].update(pieces)
        # A gloss holding a name's lower-case particles (阿勒纳哈扬 (Sheikh Mohammed bin Zayed Al-Nahyan)), which
        # ``_GLOSS`` does not read (``PARTICLE_GLOSSES``): the same, for the glossed name only.
        for han, gloss in (_PARTICLE_GLOSS.findall(s.ref.text) if PARTICLE_GLOSSES else ()):
            if _GLOSS.fullmatch(f"{han}({gloss})"):
                continue  # read above
            # Its words in a row without the particles: "bin zayed" is in his brother's name too (Abdullah bin Zayed).
            named = " ".join(word for word in gloss.split() if word not in _NAME_PARTICLES)
            writers = [outlet for outlet in outlets if _writes_gloss(named, outlet_texts[outlet])]
            if writers:
                pieces = _writers_pieces(han, s.nouns)
                for outlet in writers:
                    outlet_nouns[outlet].update(pieces)
        # A gloss after a whole name (拉斐尔·沃诺克（Raphael Warnock）) is the whole person's: an outlet
        # writing it names the given name too, not only the part right before the brackets.
        for full, gloss in _FULL_NAME_GLOSS.findall(s.ref.text):
            parts = [normalize(part) for part in _NAME_DOT.split(full)]
            given = {_whole_name_before(parts[0], s.nouns) or _given_name(parts[0]), *parts[1:-1]}
            for outlet in outlets:
                if _writes_gloss(gloss, outlet_texts[outlet]):
                    outlet_nouns[outlet].update(given)
        # A name glossed with one Latin word (科纳仕（Canalys）) is named by an outlet writing that word.
        for han, word in _WORD_GLOSS.findall(s.ref.text):
            said = re.compile(rf"(?<![a-z]){word.lower()}(?![a-z])")
            for outlet in outlets:
                if said.search(outlet_texts[outlet]):
                    outlet_nouns[outlet].update(_glossed_names(normalize(han), s.nouns))
        # A body glossed with its initials (英国广播公司（BBC）) is named by an outlet writing them
        # (only a whole name: initials are no surname that a transliteration's last characters stand for).
        for han, initials in _ACRONYM_GLOSS.findall(s.ref.text):
            said = re.compile(rf"(?<![a-z]){initials.lower()}(?![a-z])")
            name = _whole_name_before(normalize(han), s.nouns)
            for outlet in outlets:
                if name and said.search(outlet_texts[outlet]):
                    outlet_nouns[outlet].add(name)
    # Names of one thing a bracket gives (中共中央党校（国家行政学院）, 该疫苗（BNT162b2、暂定名"复必泰"）:
    # ``BRACKET_ALIASES``) or an outlet's own statement lists (原名王玉文，笔名王藏、"小王子": ``NAME_STATEMENTS``, Han
    # names only): an outlet writing one of them names the others (their Han forms).
    for article in articles:
        text = f"{article.title}\n{article.body_text}"
        for forms in (*_bracket_aliases(text), *_stated_names(text)):
            hans = [form for form in forms if not form.isascii()]
            for outlet in outlets:
                if any(_writes_alias(form, outlet_texts[outlet]) for form in forms):
                    outlet_nouns[outlet].update(hans)
    # A fact the pair model's round widened (joined to units the rules left apart) shows "only X names N" only
    # where a fact the rules alone make, sharing a unit with it, shows it too: the model's link is evidence that
    # two sentences tell one fact, not that the outlet it joined told the statement and left N out (session 41,
    # facts48: the only-X check's misses inside such facts were names another outlet wrote in another form).
    rules_facts: list[list[int]] = []
    rules_facts_of: dict[int, list[int]] = defaultdict(list)  # unit -> the rules' facts holding it
    if linker.rules is not None:
        # (Without the rules' linker's repeats: a repeat's claims are withheld, see below.)
        rules_facts = [[i for i in units if i not in linker.rules.repeats.get(root, ())]
                       for root, units in _groups(linker.rules, blocked, pair_scores).items()]
        for n, units in enumerate(rules_facts):
            for i in units:
                rules_facts_of[i].append(n)
    rules_claims: dict[int, dict[str, list[str]]] = {}  # a rules' fact -> its only-X claims (term -> [giver])

    def claimed_by_rules(members: list[int]) -> dict[str, list[str]] | None:
        """The only-X claims of the rules' facts sharing a unit with this one; None if it is one of them."""
        near = sorted({n for i in members for n in rules_facts_of[i]})
        if any(sorted(rules_facts[n]) == sorted(members) for n in near):
            return None
        claims: dict[str, list[str]] = {}
        for n in near:
            if n not in rules_claims:
                units = sorted(rules_facts[n], key=lambda i: (outlet_order[sentences[i].ref.outlet], sentences[i].ref.index))
                rules_claims[n] = {term: givers for term, givers in _details(
                    [sentences[i] for i in units], outlets, outlet_texts, outlet_nouns, outlet_raw,
                    spelt_in_story, other_names).items() if len(givers) == 1}
            claims.update(rules_claims[n])
        return claims

    comparison = Comparison(story_id=story_id, outlets=outlets, unique={o: [] for o in outlets},
                            read_in_part=list(dict.fromkeys(read_in_part)), captions=_captions(articles, sentences))
    outlet_order = {o: n for n, o in enumerate(outlets)}
    ordered = sorted(groups.items(), key=lambda g: min((outlet_order[sentences[i].ref.outlet], i) for i in g[1]))
    # Each outlet's units, where a detail it names outside a fact's sentences is spelled (``_spellings``).
    outlet_units = {outlet: [sentences[i] for i in units] for outlet, units in by_outlet.items()}
    # A Latin original one outlet glosses onto its Han form and another outlet's sentence of the same fact writes in a
    # form the dictionary knows (``GLOSSED_KNOWN_SPELLING``).
    spelt_in_story = (_known_spellings(([sentences[i] for i in units] for _root, units in ordered), outlet_texts)
                      if GLOSSED_KNOWN_SPELLING else {})
    # Names of one referent two outlets' units of a fact write one each (``ONE_OTHER_NAME_EACH``).
    other_names = (_other_names_in_story(([sentences[i] for i in units] for _root, units in ordered), outlets, outlet_texts)
                   if ONE_OTHER_NAME_EACH else {})
    for root, members in ordered:
        members.sort(key=lambda i: (outlet_order[sentences[i].ref.outlet], sentences[i].ref.index))
        refs = [sentences[i].ref for i in members]
        fact = Fact(refs)
        fact.details = _details([sentences[i] for i in members], outlets, outlet_texts, outlet_nouns, outlet_raw,
                                spelt_in_story, other_names)
        # A unit shown as its outlet's repeat (``SECOND_REPEAT``) joined the fact for its likeness to its own outlet's
        # telling, not to the other outlets' tellings: that they do not name what the repeat names says nothing of
        # what they left out. The fact shows only the only-X claims it shows without its repeats, as a fact the pair
        # model widened shows only the rules' (session 45, facts56).
        # The rules' facts it is checked against and the texts the model weighing a claim reads are without them too.
        repeats = linker.repeats.get(root, set())
        told = [i for i in members if i not in repeats] if repeats else members  # the units a claim may rest on
        if repeats and any(len(givers) == 1 for givers in fact.details.values()):
            without = _details([sentences[i] for i in told], outlets, outlet_texts, outlet_nouns, outlet_raw,
                               spelt_in_story, other_names)
            fact.details = {term: givers for term, givers in fact.details.items()
                            if len(givers) != 1 or without.get(term) == givers}
        if rules_facts and any(len(givers) == 1 for givers in fact.details.values()) and (
                by_rules := claimed_by_rules(told)) is not None:
            fact.details = {term: givers for term, givers in fact.details.items()
                            if len(givers) != 1 or by_rules.get(term) == givers}
        # "Only X names N" is said only when the fitted model finds it likely true (onlyx_confidence),
        # asked about an organisation's head for its whole name (the words it was fitted on: 通讯社 for
        # 俄罗斯卫星通讯社, whose qualifier other outlets name anyway).
        if any(len(givers) == 1 for givers in fact.details.values()):  # the fact's texts only for such a claim
            fact_texts: dict[str, str] = defaultdict(str)
            for i in told:
                fact_texts[sentences[i].ref.outlet] += sentences[i].normalized + " "
            fact.details = {term: givers for term, givers in fact.details.items()
                            if len(givers) != 1
                            or likely_true(organisation_head(term) or term, givers[0], fact_texts, outlet_texts)}
        fact.spellings = _spellings([sentences[i] for i in members], fact.details, outlet_units)
        reporters = set(fact.outlets)
        if len(reporters) == 1:
            comparison.unique[refs[0].outlet].append(fact)
        elif len(reporters) == len(outlets):
            comparison.shared.append(fact)
        else:
            comparison.partial.append(fact)
    return comparison


def _groups(linker: _Linker, blocked: list[tuple[float, int, int]],
            pair_scores: dict[tuple[int, int], float]) -> dict[int, list[int]]:
    """The facts (root -> units) of a linker: its links' components, each with the units shown in it as a second
    telling."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(linker.sentences)):
        groups[linker.links.find(i)].append(i)
    for root, units in linker.second_facts(blocked, pair_scores).items():
        groups[root].extend(units)
    return groups


def _linked(sentences: list[_Sentence], outlets: list[str], weight: dict[str, float], same_fact: SameFact,
            model: PairModel | None, rescue: PairModel | None = None, topic: frozenset[str] | None = None
            ) -> tuple[_Linker, list[tuple[float, int, int]], dict[tuple[int, int], float]]:
    """The units joined into facts (the linker), the pairs the one-statement rule kept apart
    before the weaker rounds, and the rules' pair scores. ``topic``: the story's topic bigrams, which
    a continuity pair must share more than (``CONTINUITY_TOPIC``); None: no such floor."""
    mass = {i: sum(weight[g] for g in s.grams) for i, s in enumerate(sentences)}
    pair_scores: dict[tuple[int, int], float] = {}
    if same_fact == "model":
        candidates = _model_matches(sentences, weight, mass, model)
    else:
        # Names the story seldom repeats (at most once per outlet) identify what a sentence is about.
        name_frequency: Counter[str] = Counter(n for s in sentences for n in s.names)
        rare_names = {n for n, count in name_frequency.items() if count <= len(outlets)}
        candidates, pair_scores = _rule_matches(sentences, outlets, weight, mass, rare_names)
    linker = _Linker(sentences, weight, mass)
    linker.topic = topic or frozenset()
    linker.link(candidates)
    # Pairs kept apart by the one-statement rule before the weaker rounds below.
    blocked = list(linker.blocked)
    linker.join_repetitions(pair_scores)
    # Reports tell a story in much the same order: a weaker match right after (or before) two
    # statements already found to be one fact is taken too (paraphrase shares fewer characters).
    for _ in range(CONTINUITY_ROUNDS):
        linker.link(_continuing(sentences, linker.links, weight, mass, topic))
    # Last, and seeding no round: two units that give one amount the story seldom gives (with the
    # rules only: the model's threshold was chosen without this round).
    if same_fact == "rules":
        linker.link(_amount_matches(sentences, len(outlets), linker.links, weight, mass))
        # Last of all, the pair model for what the rules left apart (a paraphrase the overlap
        # thresholds miss, judged by position, neighbours and how near each unit's best it is).
        if rescue is not None:
            rules = linker.copy()
            start = len(linker.blocked)
            scored: list[tuple[float, int, int]] = []
            linker.link(_rescue_matches(sentences, linker, weight, rescue, scored))
            if SECOND_RESCUE is not None:
                linker.rescue_blocked = [pair for pair in linker.blocked[start:] if pair[0] >= SECOND_RESCUE]
            if SECOND_RUNNER is not None:
                linker.rescue_runners = linker.runners(scored, max(SECOND_RUNNER, rescue.threshold))
            if (linker.rescue_blocked or linker.rescue_runners
                    or any(linker.links.find(i) != rules.links.find(i) for i in range(len(sentences)))):
                linker.rules = rules  # the facts as the rules alone make them: see ``compare_story``
    return linker, blocked, pair_scores


# Same-fact evidence between two stories (``shared_statements``): the first sentences of each
# report only, where a report states its event; it bounds the aligner's cost per pair of stories.
STATEMENT_SENTENCES = 10


@dataclass(frozen=True, slots=True)
class SharedStatements:
    """What two stories' reports state alike, by the comparison's rules."""

    shared: int  # facts both stories state
    share: float  # the larger of the two stories' shares of aligned units in such a fact
    specific: int  # shared facts whose two sides also share a figure or a name


def statement_units(article: Article, sentences: int = STATEMENT_SENTENCES) -> list[_Sentence]:
    """An article's units for ``shared_statements`` (its first ``sentences`` sentences), to be
    computed once per article and reused for every pair of stories it is in."""
    return _sentences(article, dateline_matched=True, limit=sentences)


def statement_weights(reports: Iterable[list[_Sentence]]) -> dict[str, float]:
    """log(1 + units / units holding the bigram) over many reports' ``statement_units``."""
    from newsmirror.stories.fact_pairs import story_weights

    return story_weights([s.grams for units in reports for s in units])


def shared_statements(first: Sequence[list[_Sentence]], second: Sequence[list[_Sentence]],
                      weight: Mapping[str, float] | None = None) -> SharedStatements:
    """How many facts two stories (each given as its reports' ``statement_units``) both state,
    aligned as the comparison aligns one story whose two columns are the two stories: two reports
    of one event state the same facts, two reports of one topic share background at most.
    ``weight``: the bigrams' weights (``statement_weights`` of the reports around, so that wording
    many reports use weighs little); default their rarity among the two stories' units."""
    from newsmirror.stories.fact_pairs import story_weights

    sides = ("first", "second")
    # Copies: name folding rewrites a unit's key, and the units are reused across pairs.
    sentences = [replace(s, ref=replace(s.ref, outlet=side)) for side, reports in zip(sides, (first, second), strict=True)
                 for units in reports for s in units]
    if not any(s.grams for s in sentences):
        return SharedStatements(0, 0.0, 0)
    _fold_story_names(sentences)
    if weight is None:
        weights = story_weights([s.grams for s in sentences])
    else:  # a bigram of a name folded above may be new to the mapping: as rare as the rarest
        rarest = max(weight.values(), default=1.0)
        weights = {g: weight.get(g, rarest) for s in sentences for g in s.grams}
    linker, _blocked, _scores = _linked(sentences, list(sides), weights, "rules", None)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        if s.grams:
            groups[linker.links.find(i)].append(i)
    shared = specific = 0
    covered: set[int] = set()
    for members in groups.values():
        by_side = [[sentences[i] for i in members if sentences[i].ref.outlet == side] for side in sides]
        if not all(by_side):
            continue
        shared += 1
        covered.update(members)
        left, right = ({detail for s in units for detail in s.figures | s.names} for units in by_side)
        specific += bool(left & right)
    aligned = [[i for i, s in enumerate(sentences) if s.grams and s.ref.outlet == side] for side in sides]
    share = max(len(covered.intersection(units)) / len(units) if units else 0.0 for units in aligned)
    return SharedStatements(shared, share, specific)


# Rows of one outlet's units per sparse product in ``_Linker._repeat_pairs`` (bounds its memory: a row holds at most
# the outlet's units).
_REPEAT_ROWS = 256


class _Linker:
    """Units joined into facts, strongest pairs first, with at most one statement per outlet in
    a fact: a link that would put two units of one outlet into one fact is dropped (and kept in
    ``blocked``), so a fact cannot chain through an outlet's neighbouring sentences into another
    fact. Clauses of one sentence (or of two joined by a semicolon) may share a fact: another
    outlet wrote them as one statement; so may an outlet's own repetition of a statement (the
    lead says it, the body says it again)."""

    def __init__(self, sentences: list[_Sentence], weight: dict[str, float], mass: dict[int, float]) -> None:
        self.sentences, self.weight, self.mass = sentences, weight, mass
        self.links = _UnionFind(len(sentences))
        self.members_of: dict[int, dict[str, set[int]]] = {i: {s.ref.outlet: {i}} for i, s in enumerate(sentences)}
        self.blocked: list[tuple[float, int, int]] = []
        # Before the pair model's last round joined anything, the linker as the rules left it (else None).
        self.rules: _Linker | None = None
        # Pairs of the pair model's round that the one-statement rule kept apart (``SECOND_RESCUE``).
        self.rescue_blocked: list[tuple[float, int, int]] = []
        # The pair model's pairs that lost its mutual-best choice, offered as (probability, packed unit, partner)
        # (``SECOND_RUNNER``).
        self.rescue_runners: list[tuple[float, int, int]] = []
        # The units ``second_facts`` last showed in a second fact by an offer: unit -> (the offer's kind, its score,
        # the partner it was offered with).
        self.shown_by: dict[int, tuple[str, float, int]] = {}
        # The units ``second_facts`` last showed as an outlet's repeat (``SECOND_REPEAT``): fact root -> units.
        self.repeats: dict[int, set[int]] = defaultdict(set)
        # The story's topic bigrams (``_topic_grams``), for ``SECOND_REPEAT_BEYOND``.
        self.topic: frozenset[str] = frozenset()

    def copy(self) -> _Linker:
        """This linker as it stands (links and members; the units and weights shared)."""
        copied = _Linker(self.sentences, self.weight, self.mass)
        copied.links.parent = list(self.links.parent)
        copied.members_of = {root: {o: set(units) for o, units in members.items()}
                             for root, members in self.members_of.items()}
        copied.blocked = list(self.blocked)
        copied.topic = self.topic
        return copied

    def _common(self, a: frozenset[str], b: frozenset[str]) -> float:
        return sum(self.weight[g] for g in a & b)

    def _exact_weight(self, grams: Iterable[str]) -> float:
        """The bigrams' summed weight, exactly (``math.fsum``): a set's order follows the hash seed, and a plain
        sum's last bits with it; a repeat's share at a tie with another's (or with the threshold) then came out one
        way or the other from run to run (facts-s40: 43 or 44 of 68 pairs found)."""
        return math.fsum(self.weight[g] for g in grams)

    def together(self, a: int, b: int) -> bool:
        first, second = self.sentences[a], self.sentences[b]
        if (first.ref.article_id, first.sentence) == (second.ref.article_id, second.sentence):
            return True
        if not first.grams or not second.grams:
            return False
        return self._common(first.grams, second.grams) / min(self.mass[a], self.mass[b]) >= REPEATED

    def _union(self, ri: int, rj: int) -> None:
        left, right = self.members_of[ri], self.members_of[rj]
        self.links.union(ri, rj)
        self.members_of[self.links.find(ri)] = {o: left.get(o, set()) | right.get(o, set())
                                                for o in left.keys() | right.keys()}

    def link(self, pairs: list[tuple[float, int, int]]) -> None:
        for score, i, j in sorted(pairs, reverse=True):
            ri, rj = self.links.find(i), self.links.find(j)
            if ri == rj:
                continue
            left, right = self.members_of[ri], self.members_of[rj]
            if not all(any(self.together(a, b) for a in left[o] for b in right[o]) for o in left.keys() & right.keys()):
                self.blocked.append((score, i, j))
                continue
            self._union(ri, rj)

    def echoed(self, a: int, b: int, c: int) -> bool:
        """``a`` says again, in other words, what ``b`` of its outlet says (the lead, then the
        body): they share more than a little, and both match the same part of ``c`` (not two
        parts of a statement that packs two facts)."""
        first, second, third = self.sentences[a], self.sentences[b], self.sentences[c]
        if (first.ref.article_id, first.sentence) == (second.ref.article_id, second.sentence):
            return False
        if self._common(first.grams, second.grams) < ECHO_REPEATED * min(self.mass[a], self.mass[b]):
            return False
        with_a, with_b = first.grams & third.grams, second.grams & third.grams
        both = self._common(with_a, with_b)
        return both >= ECHO_SAME_PART * min(self._common(with_a, with_a), self._common(with_b, with_b))

    def join_repetitions(self, pair_scores: dict[tuple[int, int], float]) -> None:
        """A statement an outlet repeats in other words, left alone, joins the fact of its first
        telling when both match one statement there strongly (``ECHO_SCORE``)."""
        sentences = self.sentences
        strong = sorted(((score, i, j) for (i, j), score in pair_scores.items()
                         if score >= ECHO_SCORE and not _figures_differ(sentences[i].figures, sentences[j].figures)),
                        reverse=True)
        for _, i, j in strong:
            for alone, other in ((i, j), (j, i)):
                root, outlet = self.links.find(alone), sentences[alone].ref.outlet
                if len(self.members_of[root]) != 1 or len(self.members_of[root][outlet]) != 1:
                    continue
                target = self.links.find(other)
                if any(self.echoed(alone, b, other) for b in self.members_of[target].get(outlet, ())):
                    self._union(root, target)
                    break

    def second_facts(self, blocked: list[tuple[float, int, int]],
                     pair_scores: dict[tuple[int, int], float]) -> dict[int, set[int]]:
        """Units shown in a second fact (fact root -> units). A statement that packs two facts
        (交易金额可达三十亿元，而竞购者还包括…) which other outlets tell apart belongs to both: a
        strong pair kept apart only because the unit's outlet already tells the fact elsewhere,
        or a pair where the shorter unit's best match is the longer one but the longer one's
        best lies in another statement that matches another part of it. The facts are not
        joined, so nothing chains through such a unit; each unit and each outlet at most once
        more per fact."""
        sentences, links = self.sentences, self.links
        best_in: dict[tuple[int, str], tuple[float, int]] = {}  # (unit, outlet) -> its best match there
        for (i, j), score in pair_scores.items():
            for one, other in ((i, j), (j, i)):
                where = (one, sentences[other].ref.outlet)
                if where not in best_in or best_in[where][0] < score:
                    best_in[where] = (score, other)

        def other_part(unit: int, partner: int, best: int) -> bool:
            with_partner = sentences[unit].grams & sentences[partner].grams
            with_best = sentences[unit].grams & sentences[best].grams
            return self._common(with_partner, with_best) <= SECOND_PART * self._common(with_partner, with_partner)

        one_sided = []
        for (i, j), score in pair_scores.items():
            small, large = (i, j) if self.mass[i] <= self.mass[j] else (j, i)
            best_of_large, partner = best_in[large, sentences[small].ref.outlet]
            if (score >= BEST_RATIO * best_in[small, sentences[large].ref.outlet][0]
                    and score < BEST_RATIO * best_of_large and other_part(large, small, partner)
                    and not _figures_differ(sentences[i].figures, sentences[j].figures)
                    and links.find(i) != links.find(j)):
                one_sided.append((score, large, small))
        offers = [(score, unit, other) for score, i, j in blocked for unit, other in ((i, j), (j, i))]
        # Last, the pairs the pair model's round called one fact and the one-statement rule kept apart (its
        # probabilities are no overlap scores: ranked among themselves, after every pair of the rules).
        rescued = [(p, unit, other) for p, i, j in self.rescue_blocked for unit, other in ((i, j), (j, i))]
        # After them, the round's runners-up: a unit packing two statements shown in its other partner's fact.
        runners = [(p, unit, other) for p, unit, other in self.rescue_runners
                   if all(other_part(unit, other, w) for w in self.members_of[links.find(unit)].get(
                       sentences[other].ref.outlet, ()))]
        second: dict[int, set[int]] = defaultdict(set)
        placed: set[int] = set()
        # Which offer showed each unit and its partner (for the bench's census: session 47, facts63).
        self.shown_by = {}
        kinds = ([("blocked", o) for o in sorted(offers, reverse=True)]
                 + [("one-sided", o) for o in sorted(one_sided, reverse=True)]
                 + [("rescued", o) for o in sorted(rescued, reverse=True)]
                 + [("runner", o) for o in sorted(runners, reverse=True)])
        for kind, (score, unit, other) in kinds:
            target = links.find(other)
            outlet = sentences[unit].ref.outlet
            if unit in placed or outlet in self.members_of[target] or any(
                    sentences[k].ref.outlet == outlet for k in second[target]) or not self._alike_each(unit, target):
                continue
            second[target].add(unit)
            placed.add(unit)
            self.shown_by[unit] = (kind, score, other)
        # Last, a unit that says again what a unit of its own outlet says in a fact of other outlets: that fact's
        # second telling by the outlet (the outlet is there already, so the offers above never reach it).
        self.repeats = defaultdict(set)
        for _, unit, target in self._repeats():
            outlet = sentences[unit].ref.outlet
            if unit in placed or any(sentences[k].ref.outlet == outlet for k in second[target]) or not self._alike_each(
                    unit, target):
                continue
            second[target].add(unit)
            self.repeats[target].add(unit)
            placed.add(unit)
        return second

    def runners(self, scored: list[tuple[float, int, int]], floor: float) -> list[tuple[float, int, int]]:
        """(probability, packed unit, partner) for the pair model's round's ``scored`` pairs at ``floor`` or more whose
        units are still in two facts and were not kept apart by the one-statement rule (``rescue_blocked`` offers
        those): the partner's best-scored pair in the packed unit's outlet is this one, and the packed unit's fact
        already holds the partner's outlet (``second_facts`` then asks that outlet's units there to match another part
        of it)."""
        sentences, find = self.sentences, self.links.find
        best: dict[tuple[int, str], float] = {}
        for p, i, j in scored:
            for one, other in ((i, j), (j, i)):
                where = (one, sentences[other].ref.outlet)
                best[where] = max(best.get(where, p), p)
        blocked = {frozenset((i, j)) for _, i, j in self.rescue_blocked}
        offers = []
        for p, i, j in scored:
            if p < floor or find(i) == find(j) or frozenset((i, j)) in blocked:
                continue
            for unit, other in ((i, j), (j, i)):
                if (p >= best[other, sentences[unit].ref.outlet]
                        and sentences[other].ref.outlet in self.members_of[find(unit)]):
                    offers.append((p, unit, other))
        return offers

    def _repeats(self) -> list[tuple[float, int, int]]:
        """(containment, unit, fact root), strongest first: a unit and a unit of its outlet in another fact that
        holds two or more outlets, the two no clauses of one sentence, giving no conflicting figures and sharing at
        least ``SECOND_REPEAT`` of the smaller one's bigram weight."""
        if SECOND_REPEAT is None:
            return []
        sentences, links = self.sentences, self.links
        by_outlet: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(sentences):
            if s.grams and self.mass[i] > 0:
                by_outlet[s.ref.outlet].append(i)
        offers: list[tuple[float, int, int]] = []
        for units in by_outlet.values():
            for i, j in self._repeat_pairs(units, SECOND_REPEAT):
                ri, rj = links.find(i), links.find(j)
                first, second = sentences[i], sentences[j]
                if ri == rj or (first.ref.article_id, first.sentence) == (second.ref.article_id, second.sentence):
                    continue
                if len(self.members_of[ri]) < 2 and len(self.members_of[rj]) < 2:
                    continue
                smaller, larger = sorted((self.mass[i], self.mass[j]))
                if SECOND_REPEAT_FLOOR is not None and smaller < SECOND_REPEAT_FLOOR * larger:
                    continue
                shared = first.grams & second.grams
                if SECOND_REPEAT_BEYOND:
                    shared = shared - self.topic - {name[k:k + 2] for name in first.names & second.names
                                                    for k in range(len(name) - 1)}
                common = self._exact_weight(shared)
                share = common / smaller
                if share < SECOND_REPEAT or _figures_differ(first.figures, second.figures):
                    continue
                for unit, root in ((i, rj), (j, ri)):
                    if (len(self.members_of[root]) >= 2 and not self._figures_against(unit, root)
                            and (not SECOND_REPEAT_BEST or self._best_in(unit, root))):
                        offers.append((share, unit, root))
        return sorted(offers, reverse=True)

    def _repeat_pairs(self, units: list[int], least: float) -> Iterator[tuple[int, int]]:
        """The pairs (i, j) of one outlet's ``units``, i before j, that ``_repeats`` may offer: one of the two in a fact
        of two or more outlets, their bigrams (less the topic's, as ``_repeats`` may read them) sharing at least ``least``
        of the smaller unit's weight, summed by a sparse product with a margin for its rounding (weights are positive,
        and ``_repeats`` sums a subset of these bigrams exactly). A pair left out fails ``_repeats``' own share test, so
        its offers are the same. Testing every pair in Python cost a story of two hostile outlets of 2,500 units each
        10.7 s of CPU, quadratic in an outlet's units (safety76); the product costs about a second there."""
        # Loaded when a story is compared, as the comparison's other sparse products.
        from scipy import sparse

        roots = [self.links.find(i) for i in units]
        multi = [k for k, root in enumerate(roots) if len(self.members_of[root]) >= 2]
        if not multi:
            return
        beyond = self.topic if SECOND_REPEAT_BEYOND else frozenset()
        column: dict[str, int] = {}
        rows: list[int] = []
        columns: list[int] = []
        values: list[float] = []
        for k, i in enumerate(units):
            for gram in self.sentences[i].grams - beyond:
                rows.append(k)
                columns.append(column.setdefault(gram, len(column)))
                values.append(self.weight[gram])
        weighted = sparse.csr_matrix((values, (rows, columns)), shape=(len(units), len(column)))
        present = sparse.csr_matrix((np.ones(len(values)), (rows, columns)), shape=(len(units), len(column)))
        mass = np.array([self.mass[i] for i in units])
        in_multi = np.zeros(len(units), dtype=bool)
        in_multi[multi] = True
        for start in range(0, len(multi), _REPEAT_ROWS):
            chosen = np.array(multi[start:start + _REPEAT_ROWS])
            overlap = (weighted[chosen] @ present.T).tocoo()
            first, second = chosen[overlap.row], overlap.col
            # A pair of two units in such facts is met from both: kept once, from the earlier.
            keep = (first != second) & ~(in_multi[second] & (second < first)) & (
                overlap.data >= least * np.minimum(mass[first], mass[second]) * (1 - 1e-9))
            for a, b in zip(first[keep].tolist(), second[keep].tolist(), strict=True):
                yield (units[a], units[b]) if a < b else (units[b], units[a])

    def _alike_each(self, unit: int, root: int) -> bool:
        """Whether ``unit`` has a Dice (bigram weight) of at least ``SECOND_LIKENESS`` with some unit of each outlet
        of the fact other than its own (session 47, facts63): a unit shown in a fact is shown beside every outlet's
        telling there, as the figure veto against the fact (``_figures_against``) checks each of them."""
        if SECOND_LIKENESS is None:
            return True
        sentences, mass = self.sentences, self.mass
        grams, outlet = sentences[unit].grams, sentences[unit].ref.outlet
        for other, units in self.members_of[root].items():
            if other == outlet:
                continue
            best = max((2 * self._exact_weight(grams & sentences[k].grams) / (mass[unit] + mass[k])
                        for k in units if mass[unit] + mass[k] > 0), default=0.0)
            if best < SECOND_LIKENESS:
                return False
        return True

    def _figures_against(self, unit: int, root: int) -> bool:
        """Whether ``unit`` gives figures that conflict with those of any unit of the fact (session 45, facts56).
        The repeat is checked against its own outlet's telling first; but it is shown beside every other outlet's
        telling too, and a repeat giving a toll of 20 beside a telling of 30 would state two counts as one fact (the
        veto every round applies to a pair, here applied to each pair the shown repeat makes)."""
        figures = self.sentences[unit].figures
        if not figures:
            return False
        return any(_figures_differ(figures, self.sentences[k].figures)
                   for units in self.members_of[root].values() for k in units)

    def _best_in(self, unit: int, root: int) -> bool:
        """Whether the unit of the fact's other outlets that ``unit`` shares most with (containment) is in the fact."""
        sentences, mass = self.sentences, self.mass
        outlets = set(self.members_of[root]) - {sentences[unit].ref.outlet}
        grams = sentences[unit].grams
        best, where = 0.0, -1
        for k, s in enumerate(sentences):
            if s.ref.outlet not in outlets or not mass[k]:
                continue
            share = self._exact_weight(grams & s.grams) / min(mass[unit], mass[k])
            if share > best:
                best, where = share, k
        return where >= 0 and self.links.find(where) == root


def _rescue_matches(sentences: list[_Sentence], linker: _Linker, weight: dict[str, float],
                    model: PairModel, scored_out: list[tuple[float, int, int]] | None = None
                    ) -> list[tuple[float, int, int]]:
    """Pairs of units of two outlets that the rules left in different facts, that the pair model
    calls one fact (at least its threshold), give no conflicting figures and are each other's
    best such partner. ``scored_out``: given, every such pair before the mutual-best choice is
    appended to it."""
    from newsmirror.stories.fact_pairs import pair_features

    pairs, features = pair_features(_pair_units(sentences), weight)
    if not len(features):
        return []
    probability = model.probability(features)
    find = linker.links.find

    def scored() -> Iterable[tuple[float, int, int]]:
        for p, (i, j) in zip(probability.tolist(), pairs.tolist(), strict=True):
            if (p >= model.threshold and find(i) != find(j)
                    and not _figures_differ(sentences[i].figures, sentences[j].figures)):
                yield p, i, j

    if scored_out is None:
        return _mutual_best(scored())
    scored_out.extend(scored())
    return _mutual_best(scored_out)


def _model_matches(sentences: list[_Sentence], weight: dict[str, float], mass: dict[int, float],
                   model: PairModel | None) -> list[tuple[float, int, int]]:
    """Pairs the logistic model calls one fact (probability at least its threshold), and the
    neighbouring clauses that extend them."""
    from newsmirror.stories.fact_model import FITTED
    from newsmirror.stories.fact_pairs import FEATURES, pair_features

    model = model or FITTED
    pairs, features = pair_features(_pair_units(sentences), weight)
    if not len(features):
        return []
    probability = model.probability(features)
    # Units that both give figures and share none report different counts (a toll of 50 is not
    # one of 27, however alike the wording): never one fact.
    conflict = features[:, FEATURES.index("number_conflict")]
    candidates = [(p, i, j) for p, (i, j), c in zip(probability.tolist(), pairs.tolist(), conflict.tolist(), strict=True)
                  if p >= model.threshold and not c]
    # One sentence against two clauses of another outlet's sentence: the second clause joins
    # just after the pair it extends.
    return candidates + [(p * MERGED, i, j) for p, i, j in _pair_matches(sentences, candidates, weight, mass, True)]


def _rule_matches(sentences: list[_Sentence], outlets: list[str], weight: dict[str, float],
                  mass: dict[int, float], rare_names: set[str]) -> tuple[list[tuple[float, int, int]], dict[tuple[int, int], float]]:
    """For every two outlets: pairs of their units that pass both thresholds and are nearly
    each other's best match, and pairs that name the same rarely named people or places; never
    two units that both give figures of one kind and share none (a toll of 50 dead is not one of
    27, however alike the wording). The weight two units share is computed for all pairs at once
    (a sparse matrix product: units x bigrams, times its weighted transpose), not pair by pair."""
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    for i, s in enumerate(sentences):
        for gram in s.grams:
            rows.append(i)
            columns.append(vocabulary.setdefault(gram, len(vocabulary)))
    if not rows:
        return [], {}
    grams = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(sentences), len(vocabulary)))
    gram_weight = np.zeros(len(vocabulary))
    for gram, column in vocabulary.items():
        gram_weight[column] = weight[gram]
    shared = sparse.triu(grams.multiply(gram_weight[np.newaxis, :]).tocsr() @ grams.T, k=1).tocoo()
    outlet_order = {o: n for n, o in enumerate(outlets)}
    side = np.array([outlet_order[s.ref.outlet] for s in sentences])
    unit_mass = np.array([mass[i] for i in range(len(sentences))])
    first, second, common = shared.row, shared.col, shared.data
    keep = side[first] != side[second]
    first, second, common = first[keep], second[keep], common[keep]
    # Each pair as (unit of the outlet listed first, unit of the other), as outlets are paired.
    swap = side[first] > side[second]
    first, second = np.where(swap, second, first), np.where(swap, first, second)
    smaller = np.minimum(unit_mass[first], unit_mass[second])
    # Rounded so that equal overlaps rank as equal whatever order the product summed them in.
    containment = np.round(common / smaller, 12)
    dice = np.round(2 * common / (unit_mass[first] + unit_mass[second]), 12)

    by_names: list[tuple[float, int, int]] = []
    for k in np.flatnonzero(containment >= NAMES_CONTAINMENT).tolist():
        i, j = int(first[k]), int(second[k])
        if len(sentences[i].names & sentences[j].names & rare_names) >= SHARED_NAMES:
            by_names.append((float(containment[k]), i, j))
    scores: dict[tuple[int, int], float] = {}
    best: dict[tuple[int, int], float] = {}  # (unit, the other outlet) -> its best score there
    passing = np.flatnonzero((containment >= CONTAINMENT) & (dice >= DICE))
    for k, score in zip(passing.tolist(), (containment[passing] + dice[passing]).tolist(), strict=True):
        i, j = int(first[k]), int(second[k])
        scores[i, j] = score
        for one, other in ((i, j), (j, i)):
            where = (one, int(side[other]))
            best[where] = max(best.get(where, 0.0), score)
    # A long sentence may carry two facts that another outlet wrote as two sentences, so a pair
    # that is not mutually best still counts when it is nearly as good as the best.
    chosen = [(score, i, j) for (i, j), score in scores.items()
              if score >= BEST_RATIO * best[i, int(side[j])] and score >= BEST_RATIO * best[j, int(side[i])]]
    # A pair with different figures still counts as a best match above (so that it does not let a
    # weaker pair of its units pass as nearly best), but is never linked.
    chosen = [(score, i, j) for score, i, j in chosen if not _figures_differ(sentences[i].figures, sentences[j].figures)]
    by_names = [(score, i, j) for score, i, j in by_names if not _figures_differ(sentences[i].figures, sentences[j].figures)]
    return by_names + chosen + _pair_matches(sentences, chosen, weight, mass, False), scores


def _topic_grams(sentences: list[_Sentence]) -> frozenset[str]:
    """The story's topic bigrams: those the units of at least ``TOPIC_OUTLETS`` of its outlets, and of at
    least three, give, in at least ``TOPIC_REPEAT`` units per outlet giving them (the names and words of what
    every report is about, repeated statement after statement, not the words of one statement most outlets tell)."""
    outlets_of: dict[str, set[str]] = defaultdict(set)
    units: Counter[str] = Counter()
    for s in sentences:
        units.update(s.grams)
        for gram in s.grams:
            outlets_of[gram].add(s.ref.outlet)
    count = len({s.ref.outlet for s in sentences})
    least = max(3.0, TOPIC_OUTLETS * count)
    return frozenset(g for g, by in outlets_of.items()
                     if len(by) >= least and (TOPIC_REPEAT is None or units[g] >= TOPIC_REPEAT * len(by)))


def _continuing(sentences: list[_Sentence], links: _UnionFind, weight: dict[str, float],
                mass: dict[int, float], topic: frozenset[str] | None = None) -> list[tuple[float, int, int]]:
    """Pairs of units of two outlets whose neighbours on the same side (both previous or both
    next units of their articles) are in one fact, and that share at least ``CONTINUITY`` of
    the smaller unit and do not give different figures; for each unit only its best such
    partner. With ``topic`` (and ``CONTINUITY_TOPIC`` set), a pair must also share more than
    ``CONTINUITY_TOPIC`` of the smaller unit beyond those bigrams: two neighbouring statements that share
    only the story's topic words (受访者, 外交部) are two statements whatever their neighbours are."""
    def neighbour(i: int, step: int) -> int | None:
        k = i + step
        if 0 <= k < len(sentences) and sentences[k].ref.article_id == sentences[i].ref.article_id:
            return k
        return None

    root_of = [links.find(i) for i in range(len(sentences))]
    members: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(root_of):
        members[root].append(i)

    def scored() -> Iterable[tuple[float, int, int]]:
        for i, first in enumerate(sentences):
            if not first.grams:
                continue
            for step in (-1, 1):
                before = neighbour(i, step)
                if before is None:
                    continue
                for other_before in members[root_of[before]]:
                    if other_before == before or sentences[other_before].ref.outlet == first.ref.outlet:
                        continue
                    j = neighbour(other_before, -step)
                    if j is None or not sentences[j].grams or root_of[j] == root_of[i]:
                        continue
                    containment, dice = _overlap(first, sentences[j], weight, mass[i], mass[j])
                    if containment < CONTINUITY or _figures_differ(first.figures, sentences[j].figures):
                        continue
                    if topic is not None and CONTINUITY_TOPIC is not None:
                        beyond = sum(weight[g] for g in (first.grams & sentences[j].grams) - topic)
                        if beyond <= CONTINUITY_TOPIC * min(mass[i], mass[j]):
                            continue
                    yield containment + dice, i, j

    return _mutual_best(scored())


def _measure(word: str) -> str:
    """The measure word a figure is kept under: 名 and 位 count people as 人 does."""
    return _PEOPLE.get(word, word)


def _amount_matches(sentences: list[_Sentence], outlet_count: int, links: _UnionFind, weight: dict[str, float],
                    mass: dict[int, float]) -> list[tuple[float, int, int]]:
    """Pairs of units of two outlets, not yet in one fact, that give one amount (300亿美元, 500人)
    which the story gives in at most one unit per outlet, share at least ``AMOUNT_CONTAINMENT``
    and ``AMOUNT_DICE`` and give no conflicting figures; for each unit only its best such partner."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        if s.grams:
            # 500名 and 500人 are one amount of people, as they are one figure (``_figures``).
            for amount in {number + what[:-1] + _measure(what[-1]) for number, what in _AMOUNT.findall(s.key)}:
                holders[amount].append(i)

    def scored() -> Iterable[tuple[float, int, int]]:
        for units in holders.values():
            if len(units) > outlet_count:
                continue
            for a, i in enumerate(units):
                for j in units[a + 1:]:
                    first, second = sentences[i], sentences[j]
                    if first.ref.outlet == second.ref.outlet or links.find(i) == links.find(j):
                        continue
                    if _figures_differ(first.figures, second.figures):
                        continue
                    containment, dice = _overlap(first, second, weight, mass[i], mass[j])
                    if containment < AMOUNT_CONTAINMENT or dice < AMOUNT_DICE:
                        continue
                    yield containment + dice, i, j

    return _mutual_best(scored())


def _overlap(first: _Sentence, second: _Sentence, weight: dict[str, float], first_mass: float,
             second_mass: float) -> tuple[float, float]:
    """Containment (of the smaller unit) and Dice of two units' weighted shared bigrams."""
    common = sum(weight[g] for g in first.grams & second.grams)
    return common / min(first_mass, second_mass), 2 * common / (first_mass + second_mass)


def _mutual_best(scored: Iterable[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """The ``(score, i, j)`` pairs that are the best-scored pair of both their units (of equal
    scores, the first given)."""
    best: dict[int, tuple[float, int, int]] = {}
    for pair in scored:
        for one in pair[1:]:
            if one not in best or best[one][0] < pair[0]:
                best[one] = pair
    return sorted({pair for pair in best.values() if best[pair[1]] == pair and best[pair[2]] == pair})


def _figures(key: str) -> frozenset[str]:
    """The figures of a match key (a name's digits masked first: ``_named_figures``), each with its
    kind: ``50人``, ``2018Y`` (a year), ``2年``; a share (4分之1, 3成) as a percentage; a hedged figure
    (30多人, 近100, 上千人) as the range it states (``30~39人``: ``text.ranges``); no figure of a numeral
    that counts no thing (2位数)."""
    found = set()
    masked = list(ranges.NO_COUNT.sub(lambda m: "n" * len(m.group(0)), key))
    # A share's span, its range, and the step a hedge moves it by (None: a tenth of its value).
    shares: list[tuple[int, int, tuple[Decimal, Decimal] | None, Decimal | None]] = [
        (m.start(), m.end(), ranges.fraction_share(m.group(1), m.group(2)), None) for m in ranges.FRACTION.finditer(key)]
    shares += [(m.start(), m.end(), (Decimal(m.group(1)) * 10 - 5, Decimal(m.group(2) or m.group(1)) * 10 + 5), Decimal(10))
               for m in ranges.TENTHS.finditer(key) if masked[m.start()] != "n"]
    for start, end, share, step in shares:
        masked[start:end] = "n" * (end - start)
        if share is None:
            continue
        low, high = share
        value = (low + high) / 2 if step else low
        around = ranges.hedged(key, start, end, value, step or value * Decimal("0.1"))
        found.add(ranges.written(*(around or share)))
    for _start, end, order in ranges.reaching(key):
        after = key[end:end + 1]
        if after not in _COUNTED:  # 路上百姓: no count
            continue
        found.add(ranges.written(order, order * 10 - 1) + _measure(after))
    text = "".join(masked)
    for match in _FIGURE.finditer(text):
        number, after = match.group(1), match.group(2)
        kind = _measure(after) if after in _COUNTED else ""
        # A percentage (``_figure_text``'s mark after it) is bare; 以上 or 左右 after it is read past the mark.
        past = match.end(2) if kind or after == "%" else match.start(2)
        if kind == "年" and len(number) == 4 and "~" not in number:
            kind = "Y"
        elif kind == "个" and text[match.end(2):match.end(2) + 1] == "月":
            kind = "个月"  # 一个月 measures a time (a month), not one of the things 两个国家 counts
        elif kind == "日" and "." not in number and (int(number.split("~")[-1]) > _LAST_DAY_OF_MONTH
                                                      or text.endswith(_SPAN_BEFORE, 0, match.start(1))):
            kind = "天"  # 253日 is no day of a month: it counts days, as 253天 does (累积了253日零本土案例)
        # A decimal is read as before ranges (its kind keeps the digits after its point: ``ranges.kind``), hedged or not; a
        # range (两三个) is read as it is written, a hedge before it (约两三个) widening nothing.
        around = None if kind in _DATE_KINDS or "." in number or "~" in number else ranges.hedged(
            text, match.start(1), match.end(1), Decimal(number), ranges.place(number),
            text[past:])
        if around and kind == "万" and text[match.end(1)] in "多余几":  # 10多万人: 100000-199999 people
            around = ranges.upward(Decimal(number) * 10 ** 4, ranges.place(number) * 10 ** 4)
            following = text[match.end(2):match.end(2) + 1]
            kind = _measure(following) if following in _COUNTED else ""
        found.add((ranges.written(*around) if around else number) + kind)
    return frozenset(found)


def _named_figures(normalized: str) -> str:
    """``normalized`` (amounts not yet folded) with the digits of a name masked: a figure counts
    what follows it, a measure word (a character: 50人, 73种, 15国, 1500万大关) or nothing (增至3000
    其中), as ``_AMOUNT`` asks; glued to a word of two or more characters that starts with none it
    is part of that word (2019冠状病毒疾病, 第7舰队, 737客机), a name that another outlet's figure of
    the same kind does not contradict."""
    if not _GLUED.search(normalized):
        return normalized
    pieces = segment(normalized)
    for at, piece in enumerate(pieces[:-1]):
        following = pieces[at + 1]
        if piece.isdigit() and len(following) >= 2 and _HAN.match(following) and following[0] not in _MEASURES:
            pieces[at] = "n" * len(piece)  # a Latin letter: no figure, and no digits joined to a neighbour
    return "".join(pieces)


# A figure's number part, and whether two units' figures conflict: ``text.ranges`` (one reading, which the pair
# model's figure features share: ``fact_pairs``).
_number = ranges.number_part
_figures_differ = ranges.figures_differ


def _pair_matches(sentences: list[_Sentence], chosen: list[tuple[float, int, int]],
                  weight: dict[str, float], mass: dict[int, float], carry: bool) -> list[tuple[float, int, int]]:
    """One sentence matching two clauses of another outlet's sentence (“会见了拉夫罗夫及其两名副手”
    against “会见拉夫罗夫，” + “并与副手鲁坚科和韦尔希宁会谈”): the neighbouring clause joins when
    it shares with the sentence something the matched clause does not, and matches it at least
    as well as two sentences naming the same people must (``NAMES_CONTAINMENT``). Its score is
    its own overlap, or with ``carry`` the score (the model's probability) of the pair it
    extends."""
    extra = []
    for p, i, j in chosen:
        for one, other in ((i, j), (j, i)):
            for near in (other - 1, other + 1):
                if not (0 <= near < len(sentences) and near in mass and sentences[near].grams
                        and sentences[near].ref.article_id == sentences[other].ref.article_id
                        and sentences[near].sentence == sentences[other].sentence):
                    continue
                shared = sentences[one].grams & sentences[near].grams
                if not shared - sentences[other].grams:
                    continue
                common = sum(weight[g] for g in shared)
                containment = common / min(mass[one], mass[near])
                if containment >= NAMES_CONTAINMENT:
                    extra.append((p if carry else containment + 2 * common / (mass[one] + mass[near]), one, near))
    return extra


def _spellings(members: list[_Sentence], details: dict[str, list[str]],
               outlet_units: Mapping[str, list[_Sentence]]) -> dict[str, dict[str, str]]:
    """How each outlet writes each detail: the stretch of its own sentence whose normalized form
    is the detail (normalizing never changes a name's length by more than the alias table does).
    An outlet naming the detail outside the fact's sentences (魯登科 in another paragraph, which
    the alias table folds into 鲁坚科) is looked up in the rest of its report (``outlet_units``),
    so that each outlet's name is shown as it wrote it, not in another outlet's transliteration."""
    spellings: dict[str, dict[str, str]] = {}
    for term, givers in details.items():
        if term.isascii():
            continue
        for sentence in members:
            outlet = sentence.ref.outlet
            if outlet not in spellings.get(term, {}) and term in sentence.normalized:
                found = _written_as(term, sentence.ref.text)
                if found:
                    spellings.setdefault(term, {})[outlet] = found
        for outlet in givers:
            if outlet in spellings.get(term, {}):
                continue
            for unit in outlet_units.get(outlet, ()):
                found = _written_as(term, unit.ref.text) if term in unit.normalized else None
                if found:
                    spellings.setdefault(term, {})[outlet] = found
                    break
    return spellings


def _written_as(term: str, text: str) -> str | None:
    """The stretch of ``text`` whose normalized form is ``term``, the length nearest the term's first. A stretch
    begins and ends on a letter or digit: normalizing makes a mark a space and drops it at the ends, so "，肯亞" (three
    characters, as long as 肯尼亚, into which the alias table folds 肯亞) was shown as the name (summary96)."""
    for size in sorted({len(term), len(term) - 1, len(term) + 1, len(term) - 2, len(term) + 2}, key=lambda n: abs(n - len(term))):
        at = next((i for i in range(len(text) - size + 1)
                   if size > 0 and text[i].isalnum() and text[i + size - 1].isalnum()
                   and normalize(text[i : i + size]) == term), None)
        if at is not None:
            return _dotted_whole(text, at, at + size)
    return None


_DOTTED_PART_CHARS = 8  # at most this much text on a dot's other side is read for the name's next part


def _dotted_whole(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the rest of the dotted name it opens (丹尼尔 of 丹尼尔·霍坎森, 沃尔特 of 沃尔特·里德国家
    军事医疗中心): a given name alone is a cut name a reader cannot place (reader79, summary96). The part after a dot is
    jieba's first word of the Han text there, taken only where the character after that word is no transliteration
    character (布隆|伯格: jieba cut 布隆伯格, and 迈克尔·布隆 would be a cut name again; the given name stays as it was).
    A name's last part (特朗普 of 唐纳德·特朗普) is how reports name people: shown as written. The part's length is read
    back on the written text, not the normalized one: the alias table folds 川普 into 特朗普, and 伊万卡·川普说 was
    shown with the verb's first character (review60)."""
    while end + 1 < len(text) and text[end] in NAME_DOTS and _HAN.match(text[end + 1]):
        written = text[end + 1 : end + 1 + _DOTTED_PART_CHARS]
        written = written[: next((i for i, char in enumerate(written) if not _HAN.match(char)), len(written))]
        run = normalize(written)
        word = segment(run)[0] if run else ""
        if not word or len(word) < len(run) and run[len(word)] in TRANSLITERATION_CHARS:
            break
        size = next((n for n in range(1, len(written) + 1) if normalize(written[:n]) == word), 0)
        if not size:
            break
        end += 1 + size
    return text[start:end]


def _glossed_names(han: str, nouns: Iterable[str]) -> tuple[str, ...]:
    """The Han name a Latin gloss stands for, from the Han text just before it: a body named by a
    qualifier and a generic head whole (国际共和研究所: the others may translate its head otherwise,
    国际共和学会), else the noun the text ends with (外长拉夫罗夫 -> 拉夫罗夫), else both the name
    jieba's tags find at its end (``_tagged_name``: 新日本制铁) and its last three characters (the
    length of most transliterations: 德梅耶 of 林德梅耶, which another outlet writes 林 + 德梅尔), and
    a noun the text ends with but for a word of relation or title (``_GLOSS_TAIL`` characters:
    李秉喆之子（Lee Byung-chul）, 特朗普夫人: the gloss may be either's; naming either is taken as
    naming it, so no claim is made on a guess)."""
    ending = _whole_name_before(han, nouns)
    if ending:
        return (ending,)
    near = [n for n in nouns if n in han and len(han) - han.rindex(n) - len(n) <= _GLOSS_TAIL]
    return tuple(dict.fromkeys((_tagged_name(han), han[-3:], *near)))


def _whole_name_before(han: str, nouns: Iterable[str]) -> str | None:
    """The whole name a run of Han text ends with, if any: a body named by a qualifier and a
    generic head, else a noun of the sentence."""
    whole = next((han[start:] for start in range(len(han) - 2) if body(han[start:])), None)
    return whole or next((n for n in nouns if han.endswith(n)), None)


def _given_name(han: str) -> str:
    """The given name a run of Han text ends with right before a full name's first name dot, when
    no noun of the sentence ends it: the last word jieba cuts it into (大卫 of 教授大卫, 琼 of
    学院的琼), or the run of transliteration characters it ends with when that is longer (a name
    jieba cut in pieces). Not its last three characters: 授大卫 or 院的琼 is no name, and read as a
    transliteration it may sound like a place another outlet names (院的琼 and 犹他州 share a key)."""
    last = words(han, normalized=True)[-1:] or [""]
    run = _TRAILING_RUN.search(han)
    return run.group(0) if run and len(run.group(0)) > len(last[0]) else last[0]


_TRAILING_RUN = re.compile(f"[{TRANSLITERATION_CHARS}]+$")
_MIN_GLOSSED_RUN = 3


# How many characters may stand between a noun and the gloss after it (之子, 夫人, 先生).
_GLOSS_TAIL = 2


# A name's first word may follow a one-character modifier of it (新 of 新日本制铁).
_NAME_PREFIX_TAGS = frozenset({"a", "b"})


# Bounded: a story is compared again as reports arrive, with the same glosses (a worker runs for weeks).
@lru_cache(maxsize=1 << 12)
def _tagged_name(han: str) -> str:
    """The name a run of Han text ends with when no whole noun ends it: from the last word jieba
    tags as a name (two characters or more) to the end (its kind after it: 漫威影业, 霍华德大学,
    蒙古国政府宫), taking in the pieces of a transliteration cut before that word (恩 of 恩赫泰旺,
    苏赫巴 of 苏赫巴托尔广场) and a one-character modifier (新 of 新日本制铁); the last three
    characters when no word is a name."""
    tokens = tagged_words(han)
    names = [k for k, (word, flag) in enumerate(tokens) if flag in NAME_TAGS and len(word) >= 2]
    if not names:
        return han[-3:]
    start = names[-1]
    while start > 0:
        word, flag = tokens[start - 1]
        piece = flag in NAME_TAGS and (len(word) == 1 or not in_dictionary(word))
        if not (piece or (len(word) == 1 and flag in _NAME_PREFIX_TAGS)):
            break
        start -= 1
    name = "".join(word for word, _flag in tokens[start:])
    return name if len(name) >= 2 else han[-3:]


_LATIN_LETTER = re.compile(r"[a-zA-Z]")


# Bounded: an outlet's text is asked about every Latin detail of its story.
_text_without_accents = lru_cache(maxsize=64)(without_accents)

# Whether the only-X check reads a Han transliteration and a Latin word as one name by the transducer fitted on the
# archive's glosses (``text.transliteration``: 克里斯托弗 of Christopher Wray, 特恩布尔 of Turnbull) where the hand
# consonant rules of ``reads_as`` do not (session 50, translit74).
TRANSLITERATION_READER = True


def _reads_by_sound(han: str, latin: str) -> bool:
    return TRANSLITERATION_READER and reads_by_sound(han, latin)


# A Latin name of several words another outlet translates word by word, by CC-CEDICT's senses or by sound (福克斯商业频道
# for Fox Business Network, 东盟峰会 for ASEAN Summit): ``text.word_by_word``.
LATIN_WORD_BY_WORD = True

# A Latin name another outlet writes in a near form: an inflection, spacing, punctuation, diacritics or one typing slip
# of one word (``text.latin_near``: the bound is there). Read by ``_names_in`` for a Latin name and by ``_writes_gloss``
# for the Latin gloss of a Han name (session 74, latin74). Off (False): only the exact forms.
LATIN_NEAR_FORMS = True


def _names_in(outlet: str, term: str, outlet_texts: dict[str, str], outlet_nouns: dict[str, set[str]],
              own_text: str = "") -> bool:
    """Whether ``outlet`` names ``term`` anywhere in its reports, in any script or transliteration
    (texts and nouns are normalized: Simplified, aliases folded; 姆努钦 names 梅努钦), as a pinyin
    gloss's Han homophone (付强 names Fu Qiang), as the name an abbreviation shortens (新南威尔士州
    names 新州), as the abbreviation (麻州 names 马萨诸塞州), by the original of a transliteration
    (Sacramento names 萨克拉门托, and 萨克拉门托 names Sacramento), by the body a seat of power stands
    for (美国国防部 names 五角大楼), or, for a body named by a generic head, in another form (港府
    names 特区政府 where ``own_text``, the text of the outlets writing ``term``, calls that government
    港府 too: ``text.bodies``), or as the full name of a three-character short form that jieba cuts
    into several nouns (朝鲜中央通信社 names 朝中社: ``_compound_names``), by another name a naming
    policy gives the same thing (冠病 names 新冠: ``text.namings``), or by the English name a bilingual
    dictionary glosses it with, or another Han name glossed so (史丹佛 names 斯坦福: ``text.dictionary_glosses``)."""
    text = outlet_texts.get(outlet, "")
    if term.lower() in text or any(core in text for core in _cores(term)):
        return True
    if _LATIN_LETTER.search(term) and without_accents(term.lower()) in _text_without_accents(text):
        return True  # one Latin name written with its diacritics or without (Radomír Šťastný, Radomir Stastny)
    if LATIN_NEAR_FORMS and _LATIN_LETTER.search(term) and writes_near(term, text):
        return True  # one Latin name written with a slip of form (Webster Groves, Webster Grove: ``text.latin_near``)
    if any(writes_form(form, text) for form in other_forms(term)):
        return True  # one name by the archive's glosses (联邦院 for Federation Council, 帛琉 for 帕劳)
    if names_otherwise(term, text):
        return True  # one thing under another naming policy (冠病 and 2019冠状病毒疾病 for 新冠)
    if names_by_dictionary(term, text):
        return True  # one name by CC-CEDICT's English glosses (史丹佛 for 斯坦福, Queensland for 昆士兰)
    if POINTED_COMMON_SHORT_FORMS and not term.isascii() and names_by_pointed_short_form(term, text):
        return True  # a short form CC-CEDICT points at the name, a common word too (央行 for 中国人民银行)
    if term.isascii():
        # A Latin name another outlet writes as a transliteration (Sacramento: 萨克拉门托), or
        # two of its words in a row (Mullah Baradar of Mullah Baradar Akhund), or either without its
        # middle initials (Alex M. Azar II, Alex Azar).
        return (_writes_word_pair(term, text) or _writes_without_initials(term, text) or spells_pinyin(term, text)
                or any(reads_as(han, term) or _reads_by_sound(han, term) for han in text_transliterations(text))
                or LATIN_WORD_BY_WORD and reads_word_by_word(term, text))
    if any(reads_as(term, word) or _reads_by_sound(term, word) for word in latin_words(text)):
        return True  # the original of a transliteration: 萨克拉门托 for an outlet writing Sacramento
    if names_body(term, own_text, text) or names_seat(term, text):
        return True
    if any(same_name(term, noun) or abbreviates(term, noun) or abbreviates(noun, term)
           for noun in outlet_nouns.get(outlet, ())):
        return True
    if len(term) == 3 and any(abbreviates(term, name) for window in _windows(text, term[1], term[2])
                              for name in _compound_names(window)):
        return True
    if _first_word_short_form_in(term, text, outlet_nouns.get(outlet, ())):
        return True
    if _abbreviation_run_in(term, text):
        return True
    return (_misspelt_in(term, text) or _short_form_in(term, text) or _transliterated_otherwise(term, text)
            or _initials_in(term, text) or _courtesy_form_in(term, text) or _people_named_otherwise(term, text)
            or _trade_name_in(term, text) or PLACE_WITHOUT_SUFFIX and _place_without_suffix_in(term, text)
            or HEAD_KEPT_SHORT_FORMS and _long_name_kept_in(term, text))


# A long name named by an outlet writing a short form CC-CEDICT's proper-name entry points at it ("央行: abbr. for various
# central banks, notably 中國人民銀行") that is a common word too ("央行: central bank"), which ``dictionary_forms``
# leaves out (``dictionary_glosses.pointed_short_forms``). Session 71, onlyx71. Off (False) = main's claims.
POINTED_COMMON_SHORT_FORMS = True


# A short form keeping the last character of a long name (its head: 司, 局, 会, 州) and a character of each of its words
# (``names.keeps_head_of_each_word``: 美大司 of 北美|大洋洲|司, 国安局 of 国家|安全局, 宾州 of 宾西法尼亚|州).
# ``HEAD_KEPT_PIECES``: a piece of a long name that the givers write only inside it (大洋洲 of 北美大洋洲司) is named by
# an outlet writing such a short form of the long name as a word of its own (``_short_form_kept_in``). On: over the
# tuning samples A-AN it changes no claim; on the check samples AO-AU it removes AU01's false 大洋洲 (7 -> 6 false), no
# true claim; the 67 tuning fact files are unchanged.
# ``HEAD_KEPT_SHORT_FORMS``: the other way, a claimed short form is named by an outlet writing the long name as a run of
# whole words of jieba's cut, no function word, time, number, pronoun or person among them and the run no common word
# of CC-CEDICT's (``_long_name_kept_in``). Off: on the tuning samples it removed no false claim and one true one (Y25
# 衛健委, China's commission, against 路透's 上海市卫生健康委: the same kind of body at another level).
# ``abbreviates`` reads the short forms keeping the name's first character when the long name is one noun of the other
# outlet's; ``_short_form_in`` and ``_kept_apart_short_form_in`` the long names of five characters or more or a piece's
# run begun by the piece. Session 70, onlyx70. Off (False) = main's claims.
HEAD_KEPT_PIECES = True
HEAD_KEPT_SHORT_FORMS = False
# jieba's tags no word of a long name has (a function word, adverb, pronoun, figure, measure, place word, time,
# interjection, symbol); a person's name (nr) only as a single character, which jieba tags so by chance (司).
_NOT_OF_LONG_NAME = ("p", "c", "u", "d", "r", "m", "q", "f", "t", "y", "e", "x")
_PERSON_OF_LONG_NAME = "nr"
_LONG_NAME_TAGS = ("n", "j")  # jieba's tags a short form so read may have (or none: a word it does not know)


def _long_name_kept_in(term: str, text: str) -> bool:
    """Whether the normalized ``text`` writes a long name the claimed Han short form ``term`` shortens keeping its head
    and a character of each of its words (``HEAD_KEPT_SHORT_FORMS``)."""
    if len(term) not in HEAD_KEPT_SHORT or not _HAN_RUN.fullmatch(term) or term[0] not in text:
        return False
    tags = pos_tokenizer().word_tag_tab
    for found in re.finditer(re.escape(term[-1]), text):
        end = found.end()
        for start in range(max(end - HEAD_KEPT_LONG, 0), end - len(term) - 1):
            window = text[start:end]
            if term[0] not in window[:2] or term in window or not _HAN_RUN.fullmatch(window):
                continue
            inside = [word for at, word in placed_words(text, max(start - _SHORT_FORM_CONTEXT, 0),
                                                        end + _SHORT_FORM_CONTEXT)
                      if at >= start and at + len(word) <= end]
            if ("".join(inside) == window and not only_common_word(window)
                    and not any(_not_of_long_name(word, tags.get(word)) for word in inside)
                    and keeps_head_of_each_word(term, inside)):
                return True
    return False


def _not_of_long_name(word: str, tag: str | None) -> bool:
    """Whether jieba's tag of ``word`` says it is no word of a long name (``_NOT_OF_LONG_NAME``)."""
    if tag is None:
        return False
    return tag.startswith(_NOT_OF_LONG_NAME) or (len(word) > 1 and tag.startswith(_PERSON_OF_LONG_NAME))


def _short_form_kept_in(whole: str, text: str) -> bool:
    """Whether the normalized ``text`` writes, as a word of its own in jieba's cut, a short form of the Han long name
    ``whole`` keeping its head and a character of each of its words (``HEAD_KEPT_PIECES``): a noun or abbreviation
    to jieba, or a word it does not know, and no common word of CC-CEDICT's."""
    long_words = words(whole, normalized=True)
    if len(long_words) < 2 or not _HAN_RUN.fullmatch(whole):
        return False
    tags = pos_tokenizer().word_tag_tab
    firsts = {whole[0]}
    if len(long_words[0]) == 2 and tags.get(long_words[0]) in _FIRST_WORD_TAGS:
        firsts.add(whole[1])
    for first in sorted(firsts):
        for found in re.finditer(re.escape(first), text):
            at = found.start()
            for size in HEAD_KEPT_SHORT:
                short = text[at : at + size]
                if len(short) != size or short[-1] != whole[-1] or not keeps_head_of_each_word(short, long_words):
                    continue
                tag = tags.get(short)
                if ((tag is None or tag.startswith(_LONG_NAME_TAGS)) and not only_common_word(short)
                        and word_at(text, at, short, _SHORT_FORM_CONTEXT)):
                    return True
    return False


# Whether a place named with its administrative suffix (孝感市, 湖北省, 台北县) is named by an outlet writing it without
# (在中国湖北孝感建设: jieba's word 孝感 there, after a province's name or anything else): the whole form and the short
# one are one place, as the province before a place (湖北孝感 against 孝感) already was (``_cores``). Only where the
# whole form is a place's name to jieba (tagged ns) and the short form a word of jieba's cut of the other's text: 南京
# inside 南京路 is a road, and 孝感 before 县 another place's level. Not 州: 华盛顿州 and 纽约州 are not the cities
# 华盛顿 and 纽约 other outlets write. Session 64, onlyx110 (AO02 孝感市). Off (False) = main's claims.
PLACE_WITHOUT_SUFFIX = True
_PLACE_SUFFIXES = ("市", "省", "县")
_PLACE_CORE_CHARS = 2
_PLACE_WINDOW = 4  # characters on each side of the short form cut with it
_PLACE_LEVELS = frozenset("市省县州区镇乡村")  # after the short form: another level of the place (孝感县), not it


def _place_without_suffix_in(term: str, text: str) -> bool:
    """Whether the normalized ``text`` writes the place ``term`` without its administrative suffix (``PLACE_WITHOUT_SUFFIX``)."""
    if not term.endswith(_PLACE_SUFFIXES) or len(term) - 1 < _PLACE_CORE_CHARS or not _HAN_RUN.fullmatch(term):
        return False
    core = term[:-1]
    at = text.find(core)
    if at < 0 or pos_tokenizer().word_tag_tab.get(term) != _PLACE_TAG:
        return False
    while at >= 0:
        if text[at + len(core) : at + len(core) + 1] in _PLACE_LEVELS:
            at = text.find(core, at + 1)
            continue
        start = max(0, at - _PLACE_WINDOW)
        window = text[start : at + len(core) + _PLACE_WINDOW]
        edge = 0
        for word in segment(window):
            if edge == at - start and word == core:
                return True
            edge += len(word)
        at = text.find(core, at + 1)
    return False


# A Chinese enterprise's name is its trade name (字号), an industry word (行业) and its legal form (组织形式), the
# structure the PRC's rules on enterprise names prescribe (企业名称登记管理规定): 华为|技术|有限公司. Outlets write the
# trade name with either or neither (华为公司, 香港星通技术有限公司 for 星通科技): two forms of one trade name, one of
# them with a legal form, name one enterprise. The legal forms, longest first.
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司", "公司", "集团")
_LEGAL_FORM = re.compile("|".join(_LEGAL_FORMS))
# An industry word is a word of two characters jieba's dictionary holds and does not tag as a name (技术, 科技, 汽车);
# a trade name has two characters or more.
_INDUSTRY_CHARS = 2
_TRADE_NAME_CHARS = 2
_PLACE_TAG = "ns"


def _industry_word(word: str) -> bool:
    return len(word) == _INDUSTRY_CHARS and in_dictionary(word) and not is_name(word)


def _trade_name(word: str) -> bool:
    """Whether ``word`` may be an enterprise's trade name: two Han characters or more, a name by jieba's tags or a
    word it does not know, never a place (中国 of 中国银行) nor a common word (通用 of 通用汽车)."""
    return (len(word) >= _TRADE_NAME_CHARS and _HAN_RUN.fullmatch(word) is not None and is_name(word)
            and dictionary_tag(word) != _PLACE_TAG)


def _trade_names(term: str) -> list[str]:
    """The trade name a Han ``term`` written as an enterprise's name holds: the term is a trade name followed by an
    industry word, a legal form or both (华为技术有限公司: 华为; 星通科技: 星通). The trade name is the last word of
    jieba's cut of what is left (华为子公司|星通 of the glossed 华为子公司星通科技: 星通), so a name cut in two (美国|通用
    of a made-up 美国通用汽车) gives none but the whole word jieba knows."""
    found = [cut[-1] for stem in _trade_name_stems(term) if (cut := words(stem, normalized=True)) and _trade_name(cut[-1])]
    return list(dict.fromkeys(found))


def _trade_name_stems(term: str) -> list[str]:
    """What is left of an enterprise's Han ``term`` before its legal form, and before the industry word under it, each
    ending in the trade name (华为技术有限公司: 华为技术, 华为; 星通科技: 星通)."""
    legal = next((form for form in _LEGAL_FORMS if term.endswith(form)), "")
    rest = term[: len(term) - len(legal)]
    stems = [rest] if legal else []
    if _industry_word(rest[-_INDUSTRY_CHARS:]):
        stems.append(rest[:-_INDUSTRY_CHARS])
    return stems


def _enterprise_names(han: str) -> list[str]:
    """The enterprise's names a run of Han text ends with (``_trade_names``), each from its trade name to the end."""
    if not _HAN_RUN.fullmatch(han):
        return []
    return [han[han.rindex(name) :] for name in _trade_names(han)]


# Where the glossed or claimed name is a trade name and an industry word to jieba (大立|光电, 大立光电（Largan Precision）), the
# trade name another outlet writes with a legal form may run on into the industry word's first character (大立光公司):
# jieba drew the line between trade name and industry word one character early. Read only with a legal form after it,
# under ``_trade_name_in``'s other guards. Session 66, onlyx112 (AQ61 Largan Precision). Off (False) = main's claims.
TRADE_NAME_RUN_ON = True


def _trade_name_in(term: str, text: str) -> bool:
    """Whether ``text`` writes the enterprise a Han ``term`` names (``_trade_names``) by the same trade name followed
    by a legal form, an industry word between allowed (华为公司 for 华为技术有限公司, 香港星通技术有限公司 for 星通科技),
    where the text keeps the trade name whole: no word of jieba's cut runs into it from before, none begins inside it
    and runs on past it, nor does any word of jieba's dictionary (美国通用电气公司 is no 美国通用's: 通用电气 runs on
    from inside it; 华为公司, one word, is 华为's)."""
    if not _HAN_RUN.fullmatch(term):
        return False
    for name in _trade_names(term):
        # The trade name may run on into the industry word jieba cut after it (大立|光电 of 大立光电, written 大立光公司).
        run_on = [term[: len(name) + size] for size in range(1, _INDUSTRY_CHARS) if TRADE_NAME_RUN_ON
                  and term.startswith(name) and _industry_word(term[len(name) : len(name) + _INDUSTRY_CHARS])]
        for found in (found for form in (name, *run_on) for found in re.finditer(re.escape(form), text)):
            at, end = found.start(), found.end()
            after = text[end:]
            if not (_LEGAL_FORM.match(after) or (_industry_word(after[:_INDUSTRY_CHARS])
                                                  and _LEGAL_FORM.match(after, _INDUSTRY_CHARS))):
                continue
            if any(in_dictionary(text[start:stop]) for start in range(at + 1, end)
                   for stop in range(end + 1, end + _INDUSTRY_CHARS + 1)):
                continue  # a word of the dictionary runs on from inside the trade name (通用|电气: 通用电气)
            if all(not (position < at < position + len(piece)) and not (at < position < end < position + len(piece))
                   for position, piece in placed_words(text, max(at - _SHORT_FORM_CONTEXT, 0), end + _SHORT_FORM_CONTEXT)
                   if position >= 0):
                return True
    return False


# A people is named by its name and a head saying people (人), descent (裔) or ethnic group (族): 维吾尔人, 维吾尔裔,
# 维吾尔族 are one people. A one-character name is left out (汉人 against 汉族 is so, but 美裔 is no 美人).
_PEOPLE_HEADS = ("人", "裔", "族")


def _people_named_otherwise(term: str, text: str) -> bool:
    """Whether ``text`` writes the people ``term`` names (a name of two characters or more and a head of
    ``_PEOPLE_HEADS``) with another head of them (犹太裔 for 犹太人)."""
    if len(term) < 3 or term[-1] not in _PEOPLE_HEADS:
        return False
    stem = term[:-1]
    return any(stem + head in text for head in _PEOPLE_HEADS if head != term[-1])


# A person named courteously by the given name and a title (經國先生 for 蒋经国, 中山先生 for 孙中山).
_COURTESY_TITLES = ("先生", "女士")


def _courtesy_form_in(term: str, text: str) -> bool:
    """Whether ``text`` names the three-character Chinese name ``term`` (a one-character surname)
    by its given name and a courtesy title (经国先生): the usage of formal and Taiwanese writing,
    where the surname is left out as a mark of respect."""
    return len(term) == 3 and _HAN_RUN.fullmatch(term) is not None and any(
        term[1:] + title in text for title in _COURTESY_TITLES)


# A short form of this many characters may be its name's words' first characters (卫健局 of 卫生|健康|局).
INITIALS_CHARS = 3
_INITIALS_WORD = 4  # the longest word of the name a character stands for (after it, in the text)


def _initials_in(term: str, text: str) -> bool:
    """Whether ``text`` writes the long form of the Han short form ``term`` (``INITIALS_CHARS``
    characters) made of the first characters of its name's words: three words in a row of jieba's cut
    of the text, the first two of two characters or more beginning with the short form's first two
    characters and the last a noun beginning with its last (卫生|健康|局 for 卫健局, 卫生|健康|委员会 for
    卫健委). Words in a row only: 外国|记者|交流部 is no 外交部. For a long form jieba cuts into common
    words, which ``same_name`` and ``abbreviates`` over an outlet's nouns never see."""
    if len(term) != INITIALS_CHARS or not _HAN_RUN.fullmatch(term):
        return False
    if term[1] not in text or term[2] not in text:
        return False
    tags = pos_tokenizer().word_tag_tab
    start = text.find(term[0])
    while start >= 0:
        near = text[start + 2 : start + 2 * _INITIALS_WORD + 1]  # where the second word and the last may begin
        if term[1] in near and term[2] in near and _initials_at(term, text, start, tags):
            return True
        start = text.find(term[0], start + 1)
    return False


def _initials_at(term: str, text: str, start: int, tags: Mapping[str, str]) -> bool:
    """Whether jieba's cut of ``text`` has, from ``start``, the three words ``_initials_in`` asks for."""
    spans = [(at, word) for at, word in placed_words(
        text, max(start - _SHORT_FORM_CONTEXT, 0), start + 3 * _INITIALS_WORD + _SHORT_FORM_CONTEXT) if at >= 0]
    for k, (at, word) in enumerate(spans[:-2]):
        if at != start:
            continue
        second, last = spans[k + 1][1], spans[k + 2][1]
        return (len(word) >= 2 and len(second) >= 2 and second[0] == term[1] and last[0] == term[2]
                and tags.get(last, "").startswith("n") and _HAN_RUN.fullmatch(word + second + last) is not None)
    return False


# A name this long written with one character of the same sound replaced is the name misspelt: a
# pinyin input method offers every character of a syllable (世为组织 for 世卫组织); shorter names
# differing so are as often other names.
MISSPELT_CHARS = 4


def _misspelt_in(term: str, text: str) -> bool:
    """Whether ``text`` writes the Han name ``term`` (``MISSPELT_CHARS`` or more characters) with
    one character replaced by another read alike (toneless pinyin: 卫 and 为 are both wei), or a
    shorter name (``_homophone_spelling_in``)."""
    if not _HAN_RUN.fullmatch(term):
        return False
    if len(term) < MISSPELT_CHARS:
        return _homophone_spelling_in(term, text)
    return any(window[k] != term[k] and same_sound(window[k], term[k])
               for k in range(len(term)) for window in _written_with_others(term, text, (k,)))


# A name this short written with a homophone is read only where the written form stands alone.
HOMOPHONE_CHARS = 2


def _homophone_spelling_in(term: str, text: str) -> bool:
    """Whether ``text`` writes a two- or three-character name ``term``, or a spelling of it the alias
    table folds into it (帛琉 of 帕劳), with one character replaced by another read alike, where the
    written form is no word jieba knows and stands alone in jieba's cut of the text, one word or single
    characters (帛|硫 for 帛琉, 禹洲 for 禹州): a homophone typed for a syllable. Straddling words is a
    coincidence of sounds (普竞 of 特朗普|竞选 is no 普京, 的粮食 of 的|粮食 no 德粮食)."""
    for form in (term, *_alias_spellings().get(term, ())):
        if not HOMOPHONE_CHARS <= len(form) < MISSPELT_CHARS or not _HAN_RUN.fullmatch(form):
            continue
        if any(_stands_alone(text, at, window) or (HOMOPHONE_CUT_APART and _cut_apart_by_name_pieces(text, at, window))
               for at, window in _homophone_spellings(form, text)):
            return True
    return False


# Whether a homophone spelling the cut splits inside, not at its edges, by stretches jieba's dictionary holds only as
# a person's name and CC-CEDICT not at all (李家|诚 for 李嘉诚), counts as the name (``_cut_apart_by_name_pieces``).
# Session 47, onlyx63: on, with ``WHOLE_SHORT_FORMS`` (tuning false claims 23 -> 21, no true claim withheld).
HOMOPHONE_CUT_APART = True
# jieba's tags of a person's name (its dictionary's surname-and-character stretches: 李家 nrfg), and None: a piece
# the dictionary does not hold (jieba made it up).
_NAME_PIECE_TAGS: frozenset[str | None] = frozenset({"nr", "nrfg", "nrt", None})


def _cut_apart_by_name_pieces(text: str, at: int, window: str) -> bool:
    """Whether the homophone spelling ``window`` (written at ``at`` in ``text``), no word of CC-CEDICT either, is
    kept apart at its edges by jieba's cut (no word of the cut runs across them: 普竞 of 特朗普|竞选 is a coincidence
    of sounds) and split inside only by no words: each word of the cut inside it holding two or more of its characters
    is held by neither CC-CEDICT nor jieba's dictionary but as a person's name (李家, nrfg, of 李家|诚 for 李嘉诚). A
    misprint of a name is a run no dictionary knows, which jieba cuts by the stretches of names it knows; a word of the
    language inside the run would say the run is read otherwise."""
    if dictionary_holds(window):
        return False
    end = at + len(window)
    for position, piece in placed_words(text, max(at - _SHORT_FORM_CONTEXT, 0), end + _SHORT_FORM_CONTEXT):
        if position < 0:
            return False
        piece_end = position + len(piece)
        if not (piece_end > at and position < end):
            continue
        if position < at or piece_end > end:
            return False
        if len(piece) > 1 and piece != window and (
                dictionary_holds(piece) or dictionary_tag(piece) not in _NAME_PIECE_TAGS):
            return False
    return True


def _homophone_spellings(form: str, text: str) -> Iterator[tuple[int, str]]:
    """Where ``text`` writes ``form`` with one character replaced by another read alike (toneless pinyin), as a
    spelling jieba's dictionary does not hold: (position, spelling)."""
    for k in range(len(form)):
        for at, window in _placed_with_others(form, text, (k,)):
            if window[k] != form[k] and same_sound(window[k], form[k]) and not in_dictionary(window):
                yield at, window


# A glossed name this long (the length of most transliterations) written with a homophone counts where the spelling
# begins a word of jieba's cut, wherever the cut ends it.
HOMOPHONE_GLOSSED_CHARS = 3


def _homophone_begun_in(term: str, text: str) -> bool:
    """Whether ``text`` writes the three-character Han name ``term`` a Latin gloss follows with one character
    replaced by another read alike (toneless pinyin), where the spelling is no word jieba knows and a word of jieba's
    cut begins with it: a transliteration written with a homophone (赛伯特 for 赛博特), which jieba, not knowing it,
    cuts anywhere after its start (赛伯|特), so ``_homophone_spelling_in``'s "stands alone" is not asked. A word
    running into it from before (普竞 of 特朗普|竞选) is a coincidence of sounds, as there. Only for a name a Latin
    gloss follows: the gloss says the giver wrote a name there, as heard. One character replaced by another of the
    same sound class only is no evidence: on the archive's glosses (``glosses.tsv``) such pairs are two different
    names as often as one (塞伯特 Seibert, 夏伯特 Chabot), homophone pairs one in nine (bench/days_results.md, onlyx49)."""
    if len(term) != HOMOPHONE_GLOSSED_CHARS or not _HAN_RUN.fullmatch(term) or in_dictionary(term):
        return False
    return any(_word_edges(text, at, at + len(window))[0] for at, window in _homophone_spellings(term, text))


@cache
def _alias_spellings() -> dict[str, tuple[str, ...]]:
    """Normalized canonical name -> the other spellings the alias table folds into it."""
    spellings: dict[str, list[str]] = defaultdict(list)
    for variant, canonical in alias_map().items():
        if variant != canonical:
            spellings[canonical].append(variant)
    return {canonical: tuple(sorted(forms)) for canonical, forms in spellings.items()}


def _stands_alone(text: str, at: int, window: str) -> bool:
    """Whether jieba's cut of ``text`` around ``at`` keeps ``window`` apart from its neighbours, as one
    word or as single characters: no word of the cut runs across its edges or holds two of its characters
    without being the whole of it."""
    end = at + len(window)
    for position, piece in placed_words(text, max(at - _SHORT_FORM_CONTEXT, 0), end + _SHORT_FORM_CONTEXT):
        if position < 0:
            return False
        piece_end = position + len(piece)
        overlaps = piece_end > at and position < end
        if overlaps and (position < at or piece_end > end or (len(piece) > 1 and piece != window)):
            return False
    return True


def _written_with_others(term: str, text: str, free: tuple[int, ...]) -> Iterator[str]:
    """Every stretch of ``text`` (overlapping ones too) that writes ``term`` with a Han character,
    any, at each position of ``free`` (``_placed_with_others`` without the places)."""
    return (window for _at, window in _placed_with_others(term, text, free))


def _placed_with_others(term: str, text: str, free: tuple[int, ...]) -> Iterator[tuple[int, str]]:
    """(where it starts, the stretch) of every stretch of ``text`` (overlapping ones too) that writes ``term``
    with a Han character, any, at each position of ``free``. A wildcard of ``.`` checked here: a Han class
    inside each pattern made re build a 64K-entry charset per term (about a third of a millisecond, a sixth
    of a story's comparison in all)."""
    pattern = "".join("." if at in free else re.escape(char) for at, char in enumerate(term))
    for found in re.finditer(f"(?=({pattern}))", text, re.DOTALL):
        window = found.group(1)
        if all("\u4e00" <= window[at] <= "\u9fff" for at in free):
            yield found.start(), window


# A transliteration this long, another outlet's of the same length differing in at most this many
# characters, each of the same sound class (范德赖恩/冯德莱恩), is the same name written otherwise.
TRANSLITERATED_CHARS = 4
TRANSLITERATED_DIFFERING = 2
# A shorter one (three characters: the length of most transliterations) may differ in one character,
# of the same sound class, where the other outlet's spelling is a run of transliteration characters too
# (塞勒姆/塞莱姆 of 温斯顿-塞莱姆市).
SHORT_TRANSLITERATION_CHARS = 3
# Whether the fact check reads two writings of a foreign name of unequal lengths as one (``_details``'s
# ``written_alike``; session 46, onlyx60).
UNEQUAL_TRANSLITERATIONS = True


def _transliterated_otherwise(term: str, text: str) -> bool:
    """Whether ``text`` writes the transliteration ``term`` (a run of ``TRANSLITERATED_CHARS`` or more
    transliteration characters) with up to ``TRANSLITERATED_DIFFERING`` characters replaced by others of
    the same sound class (``phonetic_key``), or the three-character one with one character so replaced in
    a run of transliteration characters: what ``same_name`` finds among an outlet's nouns, found in its
    text where jieba cut the name apart (冯德|莱恩, 塞|莱姆)."""
    if len(term) < SHORT_TRANSLITERATION_CHARS or transliterated_names(term) != [term]:
        return False
    key = phonetic_key(term)
    if len(key) != len(term):
        return False
    if len(term) < TRANSLITERATED_CHARS:
        return any(window != term and phonetic_key(window) == key and transliterated_names(window) == [window]
                   for free in range(len(term)) for window in _written_with_others(term, text, (free,)))
    return any(window != term and phonetic_key(window) == key
               for free in combinations(range(len(term)), TRANSLITERATED_DIFFERING)
               for window in _written_with_others(term, text, free))


# A name this long may be written by another outlet in a short form of two or three characters
# that jieba's dictionary knows as a word but does not tag as a name (国新办, j: an abbreviation).
SHORT_FORM_OF = 5
_SHORT_FORM_CONTEXT = 6


def _short_form_in(term: str, text: str, made_up_only: bool = False) -> bool:
    """Whether ``text`` writes a short form of the long Han name ``term`` (``abbreviates``: 国新办
    of 国务院新闻办公室) as a word of its own, in jieba's cut of the text around it; a stretch that is
    also a piece of ``term`` (国务 of 国务院) is no short form. A short form leaving out the name's
    first character (央视 of 中央电视台) is read only when the dictionary tags it an abbreviation (j).
    ``made_up_only``: a short form CC-CEDICT holds is not read (国安 is "national security", not 国土安全部:
    what a short form the dictionary holds names, the dictionary's own forms say)."""
    if len(term) < SHORT_FORM_OF or not _HAN_RUN.fullmatch(term):
        return False
    tags = pos_tokenizer().word_tag_tab
    for skipped in (0, 1):
        full = term[skipped:]
        at = text.find(full[0])
        while at >= 0:
            for size in (2, 3):
                short = text[at : at + size]
                if (len(short) == size and short not in term and _HAN_RUN.fullmatch(short)
                        and (not skipped or tags.get(short) == _ABBREVIATION_TAG)
                        and not (made_up_only and dictionary_holds(short)) and abbreviates(short, full)
                        and word_at(text, at, short, _SHORT_FORM_CONTEXT)):
                    return True
            at = text.find(full[0], at + 1)
    return False


_ABBREVIATION_TAG = "j"

# A name and its short form keeping the name's first word by that word's second character (港交所 of 香港联交所, 共军 of
# 中共军队: ``names.abbreviates_first_word``), one claimed and the other written by another outlet, name one thing: neither
# ``abbreviates`` (the first character kept) nor ``_short_form_in`` (five characters or more, the rest of the name then
# two characters longer than the short form) reads it. Session 54, onlyx82. Off (False) = main's claims. On by the rule
# written before measuring (tuning samples A-J, L-Z, AA-AE: false 20 -> 18, AC06 and AE19; no true claim withheld; the 51
# tuning fact files identical).
ABBREVIATED_FIRST_WORD = True


def _first_word_short_form_in(term: str, text: str, nouns: Iterable[str]) -> bool:
    """Whether an outlet (its normalized ``text``, its ``nouns``) writes the Han name ``term`` by a short form keeping its
    first word by the word's second character, as a word of its own in jieba's cut of the text (港交所 for 香港联交所), or
    writes the long name a claimed short form so shortens (中共军队 among its nouns for 共军): ``ABBREVIATED_FIRST_WORD``."""
    if not ABBREVIATED_FIRST_WORD or not _HAN_RUN.fullmatch(term):
        return False
    if any(abbreviates_first_word(term, noun) for noun in nouns):
        return True
    if SHORT_FORM_WORD_BY_WORD and _long_name_word_by_word_in(term, text):
        return True
    at = text.find(term[1]) if len(term) >= 4 else -1
    while at >= 0:
        for size in (2, 3):
            short = text[at : at + size]
            if (len(short) == size and _HAN_RUN.fullmatch(short) and abbreviates_first_word(short, term)
                    and word_at(text, at, short, _SHORT_FORM_CONTEXT)):
                return True
        at = text.find(term[1], at + 1)
    return False


# A short form made of one character of each word of the long name it shortens, keeping the first word (a place) by its
# second character: 北高行 of 台北|高等|行政法院, 北检 of 台北|地检署. ``abbreviates_first_word`` reads the pair, but
# only where the long name is one noun of the outlet's (jieba cuts it in words: 高等 is no noun). Read in the text of
# an outlet silent on the claimed short form: a run of jieba's words beginning with the two-character word whose second
# character begins the short form, each later word holding the short form's next character, and as many words as the
# short form has characters (the long name ends where the short form's last character is read: a character met by
# chance in a later word is not read), no later word a place to jieba or the
# place table (台北|上海|行政区 is a list of places). Session 66, onlyx112
# (AQ21 北高行). Off (False) = main's claims.
SHORT_FORM_WORD_BY_WORD = True
_WORD_BY_WORD_SPAN = 16  # characters of text after the first word cut with it


def _long_name_word_by_word_in(term: str, text: str) -> bool:
    """Whether the normalized ``text`` writes the long name a claimed two- or three-character short form shortens word
    by word from the second character of its first word (``SHORT_FORM_WORD_BY_WORD``)."""
    if not 2 <= len(term) <= 3 or not _HAN_RUN.fullmatch(term):
        return False
    tags = pos_tokenizer().word_tag_tab
    at = text.find(term[0], 1)
    while at >= 1:
        start = at - 1
        if tags.get(text[start : at + 1]) not in _FIRST_WORD_TAGS or not all(
                char in text[at + 1 : at + 1 + _WORD_BY_WORD_SPAN] for char in term[1:]):
            at = text.find(term[0], at + 1)
            continue  # no first word a long name may begin with here (``abbreviates_first_word``), or no later character
        placed = list(islice(((position, word) for position, word in
                              placed_words(text, start, at + 1 + _WORD_BY_WORD_SPAN) if position >= 0), len(term)))
        if (len(placed) == len(term) and placed[0] == (start, text[start : at + 1])
                and all(char in word and dictionary_tag(word) != _PLACE_TAG and not is_place(word)
                        for char, (_position, word) in zip(term[1:], placed[1:], strict=True))):
            full = "".join(word for _position, word in placed)
            if abbreviates_first_word(term, full):
                return True
        at = text.find(term[0], at + 1)
    return False


# A place written by its one-character short form in a run of such short forms, the places together (澳门 in 港澳, 广东 in
# 粤港澳, 河北 in 京津冀): CC-CEDICT gives each character as the short form of its places (``dictionary_glosses.
# abbreviations``: 澳 of 澳门 and 澳大利亚). Read only where the run, two to four such characters, is whole words of jieba's
# cut (港澳|事务; not 新台 of 新台币) and, when CC-CEDICT holds it as a word, its senses name the place (港澳: "Hong Kong
# 香港 and Macao 澳門"; not 巴西, Brazil, for 巴基斯坦; nor a common word, 非法, 加以, 美德: ``short_form_runs``);
# a character that shortens several places (澳) is read as the claimed one only where the outlet names none of the others
# (no 澳大利亚 or 澳洲 in its text). Session 61, onlyx106. Off (False) = main's claims.
ABBREVIATION_RUNS = True
_ABBREVIATION_RUN = range(2, 5)


def _abbreviation_run_in(term: str, text: str) -> bool:
    """Whether the normalized ``text`` writes the Han place ``term`` by its one-character short form inside a run of
    such short forms (``ABBREVIATION_RUNS``)."""
    if not ABBREVIATION_RUNS or not (chars := abbreviated_by(term)):
        return False
    shortening = abbreviations()
    for char in chars:
        others = [other for other in shortening[char] if other != term and not term.startswith(other)
                  and not other.startswith(term)]
        if any(other in text or names_by_dictionary(other, text) for other in others):
            continue  # 澳 may be Australia here
        for found in re.finditer(re.escape(char), text):
            start = end = found.start()
            while start > 0 and text[start - 1] in shortening:
                start -= 1
            while end < len(text) and text[end] in shortening:
                end += 1
            run = text[start:end]
            # A word the dictionary holds counts only where its senses name the place (港澳: 香港 and 澳门; not 巴西,
            # Brazil, for 巴基斯坦 and 西班牙).
            held = short_form_runs().get(run)
            if (len(run) in _ABBREVIATION_RUN and (held is None or term in held)
                    and all(_word_edges(text, start, end))):
                return True
    return False


def _word_edges(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether a word of jieba's cut of the normalized ``text`` (``_SHORT_FORM_CONTEXT`` characters either side of
    ``text[start:end]``) begins at ``start``, and whether one ends at ``end``: the one reading of where words begin
    and end of ``_abbreviation_run_in`` (a run of whole words: both) and ``_homophone_begun_in`` (begun: the first)."""
    placed = [(at, word) for at, word in placed_words(text, max(start - _SHORT_FORM_CONTEXT, 0),
                                                       end + _SHORT_FORM_CONTEXT) if at >= 0]
    return any(at == start for at, _word in placed), any(at + len(word) == end for at, word in placed)


def _writes_gloss(gloss: str, text: str) -> bool:
    """Whether a (normalized, lower-case) ``text`` writes a Latin gloss's person: its surname
    (three letters or more) as a word, or two of its words in a row (``_writes_word_pair``)."""
    # The surname read as the text writes it (normalized): C.Hermann is "c hermann" there, Chan-o-cha "chan o cha".
    # A last word ending in a full stop is an abbreviation (Inc., Jr.), no surname: "inc" is in any company's name.
    last = gloss.split()[-1]
    surname = "" if last.endswith(".") else normalize(last)
    return ((len(surname) >= 3 and _writes_latin_words(surname, text)) or _writes_word_pair(gloss, text)
            or (LATIN_NEAR_FORMS and writes_near(gloss, text)))


def _writes_latin_words(words: str, text: str) -> bool:
    """Whether a normalized ``text`` writes normalized Latin ``words`` whole: no letter joined on either side."""
    return re.search(rf"(?<![a-z]){re.escape(words)}(?![a-z])", text) is not None


def _writes_word_pair(gloss: str, text: str) -> bool:
    """Whether a (normalized, lower-case) ``text`` writes two words in a row of a Latin name of
    three words or more: the one name in a shorter or longer form (Mullah Baradar, Mullah Baradar
    Akhund, Mullah Abdul Ghani Baradar); a name of two words is the whole name (already looked for)."""
    words = gloss.lower().split()
    return len(words) >= 3 and any(
        re.search(rf"(?<![a-z]){re.escape(first)}\s+{re.escape(second)}(?![a-z])", text)
        for first, second in zip(words, words[1:], strict=False))


# A run of one-letter words between two longer ones: a person's middle initials as normalized text holds them
# (alex m azar ii, george h w bush); not a leading one (u s army).
_MIDDLE_INITIALS = re.compile(r"(?<=[a-z]{2}) (?:[a-z] )+(?=[a-z]{2})")
_text_without_initials = lru_cache(maxsize=64)(lambda text: _MIDDLE_INITIALS.sub(" ", text))


def _writes_without_initials(gloss: str, text: str) -> bool:
    """Whether a normalized ``text`` writes a Latin name of two words or more once the middle initials of each
    are left out: the name whole or two of its words in a row (Alex Azar for Alex M. Azar II, and Alex M. Azar II
    for Alex Azar; a name's suffix is one more word, as for ``_writes_word_pair``)."""
    written = normalize(gloss)
    name, bare = _MIDDLE_INITIALS.sub(" ", written), _text_without_initials(text)
    if len(name.split()) < 2 or (len(name) == len(written) and len(bare) == len(text)):
        return False  # no initials on either side: the other tests have answered
    return _writes_latin_words(name, bare) or _writes_word_pair(name, bare)


# Words a compound name may run over after its first (朝鲜|中央|通信|社: four).
_COMPOUND_WORDS = 4
_NOMINAL_TAGS = ("n", "j")  # jieba's noun tags (n, ns, nt, nz, ...) and abbreviations (j: 通信)


def _windows(text: str, middle: str, last: str) -> Iterator[str]:
    """The stretches of ``text`` a compound name holding ``middle`` and ending in ``last`` could
    lie in (tagging whole texts would cost more than the whole check), with a few characters after
    it so the tagger cuts its last word as in the text."""
    span = _COMPOUND_WORDS * 4
    at = text.find(last)
    while at >= 0:
        window = text[max(at - span, 0) : at + 4]
        if middle in window:
            yield window
        at = text.find(last, at + 1)


# Bounded: one entry per window of a text being checked (a worker runs for weeks).
@lru_cache(maxsize=1 << 12)
def _compound_names(text: str) -> tuple[str, ...]:
    """Names jieba cuts into several words, as a short form's full name: runs of two to
    ``_COMPOUND_WORDS`` nominal words beginning with a name (朝鲜中央通信社 -> 朝鲜|中央|通信|社, the
    Taiwanese form of 朝鲜中央通讯社, which 朝中社 shortens). Only runs of a name (``is_name``) followed
    by nouns count, so 朝鲜与中国社会 is no name."""
    tokens = tagged_words(text)
    found: list[str] = []
    for start, (word, _flag) in enumerate(tokens):
        if len(word) < 2 or not is_name(word):
            continue
        run = word
        for later, flag in tokens[start + 1 : start + _COMPOUND_WORDS]:
            if not flag.startswith(_NOMINAL_TAGS) or not _HAN_RUN.fullmatch(later):
                break
            run += later
            found.append(run)
    return tuple(dict.fromkeys(found))


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


# Words around the name proper of an organisation: 美国苹果公司 is 苹果 to an outlet that just
# writes 苹果.
_ORG_SUFFIXES = ("股份有限公司", "有限公司", "公司", "集团", "政府", "当局")


def _cores(term: str) -> list[str]:
    """The name inside a longer name: without a leading name jieba knows (美国, 中国: places
    mostly) or a trailing kind of organisation (公司, 集团), when two characters remain."""
    cores = []
    for size in (2, 3):
        if len(term) - size >= 2 and in_dictionary(term[:size]) and is_name(term[:size]):
            cores.append(term[size:])
    for core in [term, *cores]:
        for suffix in _ORG_SUFFIXES:
            if core.endswith(suffix) and len(core) - len(suffix) >= 2:
                cores.append(core[: -len(suffix)])
    return cores


_NAME_DOT = re.compile(f"[{NAME_DOTS}]")
# The parts of a transliterated full name are joined by a name dot, or by a hyphen between two
# transliteration characters (爱德华-斯诺登; 中国-东盟 is no name).
_NAME_JOIN = re.compile(f"[{NAME_DOTS}]|(?<=[{TRANSLITERATION_CHARS}])[-－‐](?=[{TRANSLITERATION_CHARS}])")
_LEADING_RUN = re.compile(f"^[{TRANSLITERATION_CHARS}]+")
_INITIAL = re.compile(r"\s*[A-Za-zＡ-Ｚ][.．]?\s*")  # a middle initial between name dots (R of 小约瑟夫·R·拜登)


# At most this many characters of a glossed person's name may follow a noun of it before the gloss
# (丁 of 鲍尔丁, 伍兹 of 韦斯特伍兹): a transliteration's last syllables jieba cut off.
_GLOSSED_TAIL = 3
_PERSON_NAME_TAGS = frozenset({"nr", "nrt"})
_PLACE_TAGS = frozenset({"ns", "nt"})


def _answers(word: str, run: str) -> bool:
    """Whether a run of transliteration characters jieba does not know as a word may be another
    outlet's spelling of the unknown name ``word`` in the same fact: it begins with a consonant of
    the same sound class (莱特希泽 for 赖海哲, l), so a second foreign name in the sentence (沙纳汉
    beside 蓬佩奥's run) seldom answers for it."""
    first, other = phonetic_key(word[:1]), phonetic_key(run[:1])
    return not in_dictionary(run) and bool(first) and first == other


def _writers_pieces(han: str, nouns: Iterable[str]) -> list[str]:
    """What an outlet writing a Latin gloss names of the Han text ``han`` before it: the nouns the glossed
    name is or begins with (``_glossed_pieces``), and its last three characters, which stand for a
    transliteration jieba does not know (者包定 of 学者包定: 包定; 施治安, read 施 + 治安), unless they lie
    inside a noun that ends ``han``: that noun is the name, or a title the gloss follows (机主教 of
    枢机主教 (Cardinal Parolin) is no name, and sounds like 夏志诚; 特雷斯 of 古特雷斯 like 田丽子)."""
    normalized = normalize(han)
    pieces = _glossed_pieces(normalized, nouns)
    if not any(len(piece) >= 3 and normalized.endswith(piece) for piece in pieces):
        pieces.append(match_key(han)[-3:])
    return pieces


def _glossed_pieces(han: str, nouns: Iterable[str]) -> list[str]:
    """The nouns of a sentence that are a Latin gloss's Han name or its first piece: the (normalized)
    text before the gloss ends with the noun, or with the noun and up to ``_GLOSSED_TAIL`` characters
    that are transliteration characters or words tagged as a person's name (鲍尔丁（Christopher Balding）:
    jieba reads 鲍尔 + 丁; 韦斯特伍兹（West Woods）: 韦斯特 + 伍兹). Not a noun followed by any other word
    (俄罗斯卫星社（Sputnik News）: 俄罗斯 is not the agency), nor a place or body before a transliteration
    (美国 of 美国埃克森（Exxon Mobil））."""
    tags = pos_tokenizer().word_tag_tab
    found = []
    for noun in nouns:
        at = han.rfind(noun)
        if at < 0 or len(noun) < 2:
            continue
        tail = han[at + len(noun) :]
        if not tail or (len(tail) <= _GLOSSED_TAIL and tags.get(noun) not in _PLACE_TAGS and (
                all(c in TRANSLITERATION_CHARS for c in tail)
                or all(flag in _PERSON_NAME_TAGS for _word, flag in tagged_words(tail)))):
            found.append(noun)
    return found


# Whether a surname after the name dot runs on to the end of the first dictionary name that begins inside its leading
# run of transliteration characters (姆努钦 of 史蒂夫·姆努钦: jieba reads 努钦 there, and 钦 is no transliteration
# character, so neither reading of ``_surnames`` found it). Session 51, onlyx78 (Z05).
SURNAME_AFTER_DOT = True


def _surnames(given: str, text: str) -> set[str]:
    """The names written after ``given`` in a transliterated full name (哈马德·哈桑), each cut to
    the noun jieba reads at its start, or to the run of transliteration characters it begins with
    when that is longer (金斯伯格 of 金斯伯格合格的: jieba reads 斯伯格 there) (normalized), or
    (``SURNAME_AFTER_DOT``) to the end of the first name jieba reads that begins inside that run, when
    longer still (姆努钦 of 姆努钦（Steven Mnuchin）: the run is 姆努, jieba reads 努钦). A Latin
    initial between them is passed over: 小约瑟夫·R·拜登's given name 约瑟夫 has the surname 拜登."""
    parts = _NAME_JOIN.split(text)
    found: set[str] = set()
    for k, before in enumerate(parts[:-1]):
        if normalize(before).endswith(given):
            after = next((p for p in parts[k + 1 :] if not _INITIAL.fullmatch(p)), "")
            rest = normalize(after)
            names = dictionary_names(rest, normalized=True, loose=True)
            noun = next((w for w in names[:1] if rest.startswith(w)), "")
            run = _LEADING_RUN.search(rest)
            surname = run.group(0) if run and len(run.group(0)) > max(len(noun), 2) else noun
            if SURNAME_AFTER_DOT and run and names and not noun:
                # jieba's first name there begins inside the run and ends beyond it: the surname is the run's
                # first characters and that name (姆 + 努钦). A name begun at the run's start is ``noun`` already.
                at = rest.find(names[0])
                if 0 < at < len(run.group(0)) < at + len(names[0]) and at + len(names[0]) > len(surname):
                    surname = rest[: at + len(names[0])]
            if surname:
                found.add(surname)
    return found


# Whether the given name of a transliterated full name is read as the run of transliteration characters before the name
# dot, where jieba's cut runs a word into it from before (突尼斯人布拉希姆·阿乌萨维: 人布|拉希姆, so no noun of the
# sentence is the given name and ``_surnames`` never reads it): an outlet naming the person by that given name alone, or
# with an initial (布拉希姆·A), names the surname, and the Latin gloss of the whole name, as ``given_names`` does for a
# given name jieba reads (it can only withhold a claim). Session 63, onlyx108 (AN16). Off (False) = main's claims.
GIVEN_NAME_RUNS = True
# A given name read so has at least this many characters (most transliterated given names; 约翰, 大卫 are others' too).
GIVEN_NAME_RUN_CHARS = 3


def _given_name_runs(surname: str, written: _Written) -> set[str]:
    """The given names an outlet's reports (``written``) write before the (normalized) ``surname`` in a transliterated
    full name (布拉希姆 of 突尼斯人布拉希姆·阿乌萨维): the run of transliteration characters the text before the name dot
    ends with, ``GIVEN_NAME_RUN_CHARS`` or more (a Latin initial between them passed over, as in ``_surnames``)."""
    return {given for after, given in written.dotted_names if after.startswith(surname) and given != surname}


# Whether a given name written in a later part of another dotted name (勒布朗·詹姆斯; 穆罕默德·阿卜杜拉希姆, where the run
# read is 杜拉希姆: 卜 is no transliteration character) is that other person's name, not the given name alone:
# ``_given_name_alone`` read only the side after the name (查尔斯·雷), and the normalized text makes the dot before it a
# space, as it makes a comma. Session 64, onlyx110 (review64's finding 1). Off (False) = main's claims.
GIVEN_NAME_AFTER_DOT = True


def _given_name_alone(given: str, surname: str, text: str, written: _Written | None = None) -> bool:
    """Whether an outlet's normalized ``text`` writes the given name ``given`` as a name of its own (布拉希姆告诉家人)
    or with the surname's initial (布拉希姆·A, normalized 布拉希姆 a: the first letter of ``surname``, a Latin word or
    the pinyin of a Han one): no transliteration character joined on either side, and never before another name after
    a space (查尔斯·雷, normalized 查尔斯 雷, is another 查尔斯 than 查尔斯·布朗; a comma, a space too once normalized, is
    read so as well: the safe side). Only as written, in Han: a given name read by its sound or in Latin letters
    (Walter, 沃尔特 for 沃特尔) is any other bearer's too. Nor in a later part of another dotted name
    (``GIVEN_NAME_AFTER_DOT``): a space before the name in ``text`` may be a dot or a comma, and a Han character the
    end of a name part begun after a dot (阿卜|杜拉希姆), so the given names written so must outnumber those the outlet's
    reports as written (``written``) write in the part after a dot (``_after_name_dots``)."""
    initial = (surname if surname.isascii() else "".join(lazy_pinyin(surname[:1], errors="ignore")))[:1].lower()
    after_space = 0
    at = text.find(given)
    while at >= 0:
        if (at == 0 or text[at - 1] not in TRANSLITERATION_CHARS) and _ends_given_name(text, at + len(given), initial):
            if not (GIVEN_NAME_AFTER_DOT and at and (text[at - 1] == " " or _HAN.match(text[at - 1]))):
                return True
            after_space += 1
        at = text.find(given, at + 1)
    return after_space > 0 and after_space > sum(
        1 for after in (written.after_dots if written is not None else ()) if _in_first_part(given, after, initial))


def _in_first_part(given: str, after: str, initial: str) -> bool:
    """Whether the normalized text ``after`` a name dot writes ``given`` in the name part it begins with (no space
    before it: 阿卜杜拉希姆表示 holds 杜拉希姆), ended as ``_ends_given_name`` reads an ending, and no transliteration
    character before it."""
    at = after.find(given)
    return (0 <= at <= _DOTTED_PART_CHARS and " " not in after[:at]
            and (at == 0 or after[at - 1] not in TRANSLITERATION_CHARS)
            and _ends_given_name(after, at + len(given), initial))


def _ends_given_name(text: str, end: int, initial: str) -> bool:
    """Whether a given name ending at ``end`` of the normalized ``text`` is no longer run (no transliteration character
    follows) and no other name follows after a space, but for the initial ``initial`` (``_given_name_alone``)."""
    after = text[end : end + 1] or "."
    if after == " ":
        dotted = _GIVEN_INITIAL.match(text, end)
        return dotted is not None and dotted.group(1) == initial
    return after not in TRANSLITERATION_CHARS


def _after_name_dots(text: str) -> tuple[str, ...]:
    """The normalized text after each name dot (or hyphen joining transliteration characters, ``_NAME_JOIN``) of the
    raw ``text`` that follows a Han character: where a name's later part begins (阿卜杜拉希姆 of 穆罕默德·阿卜杜拉希姆)."""
    return tuple(normalize(text[found.end() : found.end() + 2 * _DOTTED_PART_CHARS]).lstrip()
                 for found in _NAME_JOIN.finditer(text) if found.start() and _HAN.match(text[found.start() - 1]))


# A Latin initial after a space ending the name (布拉希姆·A的, normalized 布拉希姆 a的: Brahim A.).
_GIVEN_INITIAL = re.compile(r" ([a-z])(?![a-z])")


def _dotted_names(text: str) -> tuple[tuple[str, str], ...]:
    """(the normalized text after a name dot, the given name before it) of each name dot of the raw ``text`` preceded
    by a run of ``GIVEN_NAME_RUN_CHARS`` or more transliteration characters (``_given_name_runs``)."""
    parts = _NAME_JOIN.split(text)
    found = []
    for k, after in enumerate(parts[1:], start=1):
        before = next((p for p in reversed(parts[:k]) if not _INITIAL.fullmatch(p)), "")
        run = _TRAILING_RUN.search(normalize(before[-2 * _DOTTED_PART_CHARS:]))
        if run and len(run.group(0)) >= GIVEN_NAME_RUN_CHARS:
            found.append((normalize(after[:2 * _DOTTED_PART_CHARS]).lstrip(), run.group(0)))
    return tuple(found)


# Whether a Latin name glossing a transliteration written after a role word (檢察官賈蓋（Nicolas Jacquet）) is named by an
# outlet writing the same role word followed by a transliteration of the same length differing in one character, whose
# syllable has the same final (里昂检察官亚盖: 贾 jia, 亚 ya): one person in one role of the story, transliterated from
# the sound by one outlet and from the spelling by the other, where neither the sound classes (``phonetic_key``: j and
# y differ) nor the transducer read the Latin name in the other's characters. Session 63, onlyx108 (AN16). Off (False)
# = main's claims.
SAME_ROLE_TRANSLITERATIONS = True
_ROLE_CHARS = 2
_ROLE_TAG = "n"  # a common noun (检察官, 发言人), not a name or a place


def _role_before(han: str, name: str) -> str | None:
    """The role word a glossed ``name`` follows in the (normalized) Han text ``han`` before the gloss (检察官 of
    检察官贾盖): the last word of jieba's cut of the text before the name, a common noun of two characters or more."""
    if len(han) <= len(name) or not han.endswith(name):
        return None
    words = list(pos_tokenizer().cut(han[: -len(name)]))
    last = words[-1] if words else None
    if last is None or len(last.word) < _ROLE_CHARS or last.flag != _ROLE_TAG or not _HAN_RUN.fullmatch(last.word):
        return None
    return str(last.word)


def _written_in_same_role(name: str, role: str, text: str) -> bool:
    """Whether the normalized ``text`` writes ``role`` followed by another transliteration of ``name``
    (``SAME_ROLE_TRANSLITERATIONS``): as long, one character replaced by a transliteration character of the same final,
    no dictionary word, beginning a word of jieba's cut."""
    at = text.find(role)
    while at >= 0:
        start = at + len(role)
        window = text[start : start + len(name)]
        differing = [k for k in range(len(name)) if k < len(window) and window[k] != name[k]]
        if (len(window) == len(name) and len(differing) == 1 and all(char in TRANSLITERATION_CHARS for char in window)
                and same_final(window[differing[0]], name[differing[0]]) and not in_dictionary(window)
                and _word_edges(text, start, start + len(name))[0]):
            return True
        at = text.find(role, at + 1)
    return False


# Whether a person named by a surname and a courtesy title or a kin term (郑先生, 郑父) is named by a compared outlet
# whose report writes the same surname with another term of the same person's kind (美国之音's 郑先生, 法广's 郑父, a
# detainee's father). The whole report, not the fact's sentences: the fact's clauses of 法广 say 郑子豪的父亲, its next
# clause 郑父 (the fact's sentences alone withheld nothing on the tuning samples). Never by a full name of that surname
# (李先生, a detainee's father, is not 李子贤, his son, named beside him), nor by a term of another kind (郑太太 is
# not 郑先生). Session 51, onlyx78 (AB31).
SURNAME_WITH_TITLE = True
# Courtesy titles and kin terms written after a surname for a person left unnamed, in kinds one person may be called
# by: a man (Mr Zheng, Zheng's father), a married woman (Mrs Zheng, Zheng's wife or mother), a woman by her own name.
# Not 子 (王子, 孔子: a word, not a son), nor a one-character term a dictionary word ends with after the surname (王母).
_COURTESY_KINDS = (("先生", "父亲", "丈夫", "父"), ("太太", "夫人", "妻子", "母亲", "妻", "母"), ("女士", "小姐"))
_COURTESY_KIND = {term: k for k, terms in enumerate(_COURTESY_KINDS) for term in terms}
_TITLED = re.compile(f"([\\u4e00-\\u9fff]{{1,2}}?)({'|'.join(sorted(_COURTESY_KIND, key=len, reverse=True))})")


def _titled_surname(word: str) -> tuple[str, int] | None:
    """The surname of a name that is a common Chinese surname (``is_surname``: not 老 of 老先生) and a courtesy title
    or kin term (郑 of 郑先生, of 郑父), with the term's kind (``_COURTESY_KINDS``); None if ``word`` is no such name, or
    its term is one character and the dictionary holds the two as a word (王母)."""
    match = _TITLED.fullmatch(word)
    if not match or not is_surname(match.group(1)) or (len(match.group(2)) == 1 and in_dictionary(word)):
        return None
    return match.group(1), _COURTESY_KIND[match.group(2)]


def _names_titled(titled: tuple[str, int], word: str, normalized: str) -> bool:
    """Whether the normalized text writes the surname of ``titled`` (``_titled_surname`` of ``word``) with another
    term of the same kind, as one of jieba's words (郑父) or the surname alone before a two-character term (郑|父亲)."""
    surname, kind = titled
    cut = words(normalized, normalized=True)
    for k, piece in enumerate(cut):
        if piece != word and _titled_surname(piece) == titled:
            return True
        if (piece == surname and k + 1 < len(cut) and len(cut[k + 1]) == 2
                and _COURTESY_KIND.get(cut[k + 1]) == kind and surname + cut[k + 1] != word):
            return True
    return False


def _whole_named_in(outlet: str, whole: str, outlet_texts: dict[str, str]) -> bool:
    """Whether ``outlet`` names a whole name of the dictionary (``dictionary_glosses.name_around``): writes it,
    one of its dictionary forms (卑诗 for 不列颠哥伦比亚省) or a short form the dictionary does not hold, as a
    word (维园 for 维多利亚公园; not 国安, "national security", for 国土安全部). Not the looser tests of
    ``_names_in`` (sound keys, a noun inside the name): they were made for the names an outlet writes, and a
    whole name holds common words (广播公司 of 哥伦比亚广播公司)."""
    text = outlet_texts.get(outlet, "")
    return (whole in text or names_by_dictionary(whole, text) or _short_form_in(whole, text, made_up_only=True)
            or (WHOLE_SHORT_FORMS and _kept_apart_short_form_in(whole, text)))


# Whether a piece of a longer name is named by a short form of the longer name that no dictionary holds and jieba's
# cut keeps apart from its neighbours (庆北 of 庆尚北道; ``_kept_apart_short_form_in``), the longer name CC-CEDICT's
# or the run of nouns the giver's cut begins with the piece (托雷多|竞技队: 托竞 in 效力|托|竞|期间). Session 47, onlyx62:
# refused alone by its rule (one shipped false claim of the tuning samples removed, two asked); onlyx63: on, with
# ``HOMOPHONE_CUT_APART`` (the two together remove two, none true).
WHOLE_SHORT_FORMS = True
# A longer name this long may be so shortened (a short form of two characters leaves two out).
KEPT_APART_WHOLE = 4
# The longest such short form read (characters).
KEPT_APART_SHORT = 6


def _kept_apart_short_form_in(whole: str, text: str) -> bool:
    """Whether the normalized ``text`` writes a short form of the Han name ``whole`` (``abbreviates``: its characters
    in order, its first first, two or more left out; 庆北 of 庆尚北道, 托竞 of 托雷多竞技队), not a stretch of the name
    itself (卡竞 of 卡萨布兰卡竞技队), that neither dictionary holds (jieba's, unless it tags it an abbreviation, j;
    CC-CEDICT's) and that jieba's cut keeps apart from the words around it, as one word or single characters
    (``_stands_alone``: 效力|托|竞|期间 keeps 托竞 apart; 托|竞队 does not). A short form made for one body is a word
    no dictionary knows, which the cut leaves unknown or in single characters. Asked only of a longer name the givers
    write the claimed piece only inside, never of the names an outlet writes (a whole text holds many short stretches
    of a long name's characters)."""
    if len(whole) < KEPT_APART_WHOLE or not _HAN_RUN.fullmatch(whole):
        return False
    tags = pos_tokenizer().word_tag_tab
    longest = min(len(whole) - 2, KEPT_APART_SHORT)
    at = text.find(whole[0])
    while at >= 0:
        for size in range(2, longest + 1):
            short = text[at : at + size]
            if (len(short) == size and short not in whole and _HAN_RUN.fullmatch(short)
                    and tags.get(short, _ABBREVIATION_TAG) == _ABBREVIATION_TAG and not dictionary_holds(short)
                    and abbreviates(short, whole) and _stands_alone(text, at, short)):
                return True
        at = text.find(whole[0], at + 1)
    return False


def _compound_names_holding(word: str, sentence: str) -> list[str]:
    """The compound names of the sentence (``_compound_names``) longer than ``word`` that hold it."""
    return [name for name in _compound_names(sentence) if word in name and len(name) > len(word)]


def _runs_begun_by(word: str, sentence: str) -> list[str]:
    """The runs of nominal words jieba's cut of the normalized ``sentence`` begins with the name ``word``
    (``_compound_names``: 托雷多竞技队 of 西甲|托雷多|竞技队|效力), longer than it."""
    return [run for run in _compound_names(sentence) if run.startswith(word) and len(run) > len(word)]


def _only_inside(piece: str, whole: str, text: str) -> bool:
    """Whether every occurrence of ``piece`` in ``text`` lies inside an occurrence of ``whole``."""
    covered = {at for found in re.finditer(re.escape(whole), text)
               for at in range(found.start(), found.end() - len(piece) + 1)}
    return all(found.start() in covered for found in re.finditer(re.escape(piece), text))


# Two outlets' sentences of one fact that write the same words right around a name and other words between them
# (航天局周三在|酒泉卫星发射中心|发射了 against 航天局周三在|内蒙古东风航天城|发射了) name one thing there in two ways: a
# reader of either learns of it. What is read as the same place (fixed by reading the joins of a looser first version
# on the only-X samples, bench/days_results.md, session 38: a character or a space next to the name is shared by
# chance, and two short contexts, 专家|X|等人 or 美国|X|大学, hold two people or two universities as often as one): the
# same words stand right before and right after it in both sentences, each beginning with ``SAME_PLACE_CONTEXT`` Han
# characters next to the name, together at least ``SAME_PLACE_WORDS`` characters. The other outlet's words there are
# whole words of its sentence (no word of jieba's dictionary runs on into the shared words: 中国国|旗 is a piece of
# 中国国旗; its cut of a name it does not know is no evidence), at most ``SAME_PLACE_CHARS`` characters, nouns and the
# particles joining them, one of them a name by jieba's tags or unknown to it (not 领事, 疫情, 多数党: a common noun in
# that place says the thing otherwise, it names nothing), or, in the place of a Latin name the giver glosses, a noun:
# its translation in common words (海滨航天基地 for Coastal Launch Site). No person on either side: two people's names
# in one place of one statement are as likely two people (two spokesmen, two senators). Nor where the two are told
# apart: an outlet of the story writes both, or the dictionary gives them different English names (``_told_apart``).
SAME_PLACE_CONTEXT = 2
SAME_PLACE_WORDS = 5
SAME_PLACE_CHARS = 10
_PLACEHOLDER = "\x00"
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
# jieba's tags of what may stand between the nouns of a name's place: particles (的), conjunctions (或, 和), spaces.
_JOINING_TAGS = ("u", "c", "x")


def _name_spans(name: str, text: str, glossed: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Where a normalized ``text`` writes ``name``: a Han name as it stands; a Latin name as whole words (a gloss's
    brackets are spaces once normalized), with the Han name it glosses (the longest of ``glossed`` the text writes
    right before it) as one stretch."""
    if not name.isascii():
        return [(found.start(), found.end()) for found in re.finditer(re.escape(name), text)]
    spans = []
    for found in re.finditer(rf"(?<![a-z0-9]){re.escape(normalize(name))}(?![a-z0-9])", text):
        start = found.start()
        while start > 0 and text[start - 1] == " ":
            start -= 1
        end = found.end()
        while end < len(text) and text[end] == " ":
            end += 1
        before = max((han for han in glossed if han and text.endswith(han, 0, start)), key=len, default="")
        spans.append((start - len(before), end))
    return spans


def _other_in_same_place(name: str, own: str, other: str, glossed: Iterable[str] = ()) -> str | None:
    """The words ``other`` (a normalized sentence of another outlet, linked into one fact with ``own``) writes in
    the place ``own`` writes ``name`` (``_name_spans``), when both write the same words around it and the other's
    words there are another name (see ``SAME_PLACE_CONTEXT``); None when they are not."""
    for start, end in _name_spans(name, own, glossed):
        masked = own[:start] + _PLACEHOLDER + own[end:]
        blocks = [b for b in difflib.SequenceMatcher(None, masked, other, autojunk=False).get_matching_blocks() if b.size]
        before = next((b for b in blocks if b.a + b.size == start), None)
        after = next((b for b in blocks if b.a == start + 1), None)
        if (before is None or after is None or before.size + after.size < SAME_PLACE_WORDS
                or not _HAN_RUN.fullmatch(masked[start - SAME_PLACE_CONTEXT : start])
                or not _HAN_RUN.fullmatch(masked[start + 1 : start + 1 + SAME_PLACE_CONTEXT])):
            continue
        left, right = before.b + before.size, after.b
        if not 0 < right - left <= SAME_PLACE_CHARS:
            continue
        between = _tagged_between(other, left, right)
        if (all(left <= at and at + len(word) <= right or not in_dictionary(word) for at, word, _tag in between)
                and all(tag.startswith((_NOUN_TAG, *_JOINING_TAGS)) or not in_dictionary(word) for _at, word, tag in between)
                and any(len(word) >= 2 and (is_name(word) or name.isascii() and tag.startswith(_NOUN_TAG))
                        for _at, word, tag in between)
                and not any(tag in _PERSON_TAGS for _at, _word, tag in [*between, *_tagged_between(own, start, end)])):
            return other[left:right]
    return None


_NOUN_TAG = "n"  # jieba's noun tags: n, nr, ns, nt, nz, ng ...


def _tagged_between(text: str, start: int, stop: int) -> list[tuple[int, str, str]]:
    """jieba's tagged words of a normalized ``text`` (cut whole) that overlap ``text[start:stop]``, each with its
    position."""
    return [(at, word, tag) for at, word, tag in placed_tagged_words(text) if 0 <= at < stop and at + len(word) > start]


def _names_in_same_place(outlet: str, name: str, givers_sentences: list[_Sentence], outlet_sentences: list[_Sentence],
                         outlet_texts: Mapping[str, str], glossed: Iterable[str] = ()) -> bool:
    """Whether ``outlet``'s sentences of a fact (``outlet_sentences``) write another name in the place its givers'
    sentences write ``name`` (``_other_in_same_place``; ``glossed``: the Han names a Latin ``name`` glosses), and no
    outlet of the story writes both names: one that does tells them apart (北约 and 欧盟, in one place of two
    outlets' "Brussels is the seat of ...", are two bodies to an outlet naming both). ``outlet`` is the silent outlet
    asked about (its sentences are given; ``bench/onlyx_joins.py`` records the answer under it)."""
    forms = [normalize(name) if name.isascii() else name, *glossed]
    for own in givers_sentences:
        for other in outlet_sentences:
            found = _other_in_same_place(name, own.normalized, other.normalized, tuple(glossed))
            if found is None:
                continue
            names = [word for _at, word, _tag in _tagged_between(found, 0, len(found)) if len(word) >= 2 and is_name(word)]
            if not _told_apart(forms, names, outlet_texts):
                return True
    return False


# Two translations of one Latin name (session 51, onlyx77). A body's descriptive Latin name is translated word by
# word, so two translators' versions share the words of its modifiers and differ in a head: 国家安全|保障会议 and
# 国家安全|委员会 for National Security Council, 快速反应|巡防舰 and 快速反应|巡逻舰 for Fast Response Cutters. A Latin
# name its giver glosses onto a Han run is named by a silent outlet whose sentence of the same fact writes a run of the
# same words of at least ``TRANSLATED_SHARED_CHARS`` Han characters and half the glossed run, where both go on with a
# word of their own, the other's a noun, and neither goes on with a person's name (each gives its head: two renderings
# of one name, not a word two texts merely share; not a title before a person, 美国国务卿|蓬佩奥). Off (False) = main's
# claims.
TRANSLATED_ALIKE = True
TRANSLATED_SHARED_CHARS = 4


# Bounded: ``_translated_alike`` asks for each glossed run against each sentence of each silent outlet, Latin name after
# Latin name, so one sentence was tagged again for every gloss of its story (a worker runs for weeks).
_tagged_once = lru_cache(maxsize=1 << 12)(lambda text: tuple(tagged_words(text)))


def _translated_alike(han: str, sentence: str) -> bool:
    """Whether the normalized ``sentence`` writes another translation of the Latin name a giver glosses onto the
    normalized Han run ``han`` (see ``TRANSLATED_ALIKE``): the same run of jieba's words, Han only, of
    ``TRANSLATED_SHARED_CHARS`` characters or more and at least half of ``han``, followed in ``han`` by a word and in
    ``sentence`` by another noun, neither a person's name."""
    if not TRANSLATED_ALIKE or not han:
        return False
    tagged = _tagged_once(han)
    own = [word for word, _flag in tagged]
    theirs = _tagged_once(sentence)
    for i in range(len(own)):
        for j in range(len(theirs)):
            k = 0
            while i + k < len(own) and j + k < len(theirs) and own[i + k] == theirs[j + k][0]:
                k += 1
            if not k or i + k >= len(own) or j + k >= len(theirs):
                continue
            shared = "".join(own[i : i + k])
            head, tag = theirs[j + k]
            if any(flag in _PERSON_TAGS for _word, flag in tagged[i + k :]):
                continue  # a title before a person's name (国务卿|蓬佩奥): the gloss is the person's
            if (len(shared) >= TRANSLATED_SHARED_CHARS and 2 * len(shared) >= len(han) and _HAN_RUN.fullmatch(shared)
                    and _HAN_RUN.fullmatch(head) is not None and tag.startswith(_NOUN_TAG) and tag not in _PERSON_TAGS):
                return True
    return False


# Names of one thing a bracket gives (session 53, onlyx81). A bracket right after a name that holds one Han name and
# otherwise only Latin names (中共中央党校（国家行政学院）, 该疫苗（BNT162b2、暂定名"复必泰"）) says the Han name in it is
# another name of the name before it (another nameplate, a short form) and of the Latin names beside it: readers of an
# outlet writing any of them learn of the thing the giver names by another. Read from the bracket's form only, inside a
# sentence (its words go on after it, a Han character or a clause mark: a bracket closing a line, a sentence or a
# picture's caption is a credit, 纽约联合国总部（路透社）):
# each item is one word jieba tags as an organisation's or another proper name (or a label and one quoted name:
# 暂定名"复必泰"); a bracket holding two Han names or more is a list (五眼联盟（美国、英国、…）: members, not names of one
# thing); one holding any other Han item is a note (（化名）, （译音）, （20日）, （路透社资料图）), gives a place
# (香港中文大学（深圳）: a campus) or a person. The name before it is the whole run of nouns it ends with (jieba's cut), of
# ``BRACKET_NAME_CHARS`` characters or more, when that is a name holding a word jieba tags as a place's, an organisation's
# or another proper name (中共中央党校; not a generic head alone, 股份有限公司 of 深圳经济特区|房地产|股份有限公司, nor 该疫苗, whose
# bracket's items are
# then names of one thing only with each other): the whole run, not its shortest tail that is a name, which may be a
# generic head (理工学院 of 滨海理工学院); never a run holding a person's name (a bracket after a person gives a party or a
# role: 林昶佐（时代力量）). "Writes" is the normalized text holding a Han name, or a Latin name as whole words. Off (False)
# = main's claims. On by the rule written before measuring (tuning samples A-AD: false 21 -> 19, T25 and R26; no true
# claim withheld; the 50 tuning fact files identical).
BRACKET_ALIASES = True
BRACKET_NAME_CHARS = 3
_BRACKET = re.compile(r"([\u4e00-\u9fff\d]{0,16})\s*[（(]([^（()）\n]{1,40})[）)](?=[\u4e00-\u9fff，,、；;：:])")
# The Han name in the bracket is one word jieba tags as an organisation's or another proper name (not a person's, not
# a place's: 大众汽车集团（中国）, 香港中文大学（深圳） give a branch's place, not another name).
_BRACKET_NAME_TAGS = frozenset({"nt", "nz"})
_BRACKET_ITEM = re.compile(r"\s*[、，,；;／/]\s*")
_LATIN_ITEM = re.compile(r"[A-Za-z][A-Za-z0-9.'’\- ]*")
_QUOTED_NAME = re.compile(r"[\u4e00-\u9fff]{0,4}[“「『\"]([^”」』\"]{2,16})[”」』\"]")  # (a short label,) a quoted name
_LATIN_ALIAS_LETTERS = 3  # shorter Latin items (AP, EU) are read by the acronym glosses, not here


def _bracket_aliases(text: str) -> list[tuple[str, ...]]:
    """The names of one thing a raw ``text``'s brackets give (see ``BRACKET_ALIASES``), each group normalized: the Han
    name in the bracket, the name before it (when there is one), the bracket's Latin names."""
    if not BRACKET_ALIASES:
        return []
    groups = []
    for before, inside in _BRACKET.findall(text):
        hans: list[str] = []
        latins: list[str] = []
        for item in (part.strip() for part in _BRACKET_ITEM.split(inside)):
            if not item:
                continue
            if _LATIN_ITEM.fullmatch(item):
                if sum(c.isalpha() for c in item) >= _LATIN_ALIAS_LETTERS:
                    latins.append(normalize(item))
                continue
            quoted = _QUOTED_NAME.fullmatch(item)
            name = normalize(quoted.group(1) if quoted else item)
            tagged = _tagged_once(name) if _HAN_RUN.fullmatch(name) else ()
            if len(tagged) != 1 or tagged[0][1] not in _BRACKET_NAME_TAGS:
                hans = []  # a note, a figure, a date, a credit, a place or a person: the bracket is no name's
                break
            hans.append(name)
        if len(hans) != 1:
            continue
        named = _name_before_bracket(normalize(before))
        if named is None or named.endswith(hans[0]):
            continue  # after a person; or the bracket glosses the name's last word (海芯集成电路（积体电路）), not the name
        forms = tuple(dict.fromkeys(form for form in (hans[0], named, *latins) if form))
        if len(forms) > 1:
            groups.append(forms)
    return groups


# Names of one person or thing an outlet's own statement gives in a row of clauses each opened by a word saying "another
# name" (原名, 本名, 笔名, 又名, 别名, 艺名, 又称, 人称, 绰号, 外号): 王藏，原名王玉文，笔名王藏、"小王子". Each name is a run
# of two to six Han characters (quoted or not) closed by a clause mark or a bracket, a name to jieba (``is_name``: 王玉文,
# 小王子; not 国安法, a common noun); the names of one row are one bearer's, so an outlet writing one of them names the
# others. A row giving one name only (诗人王藏（本名王玉文）) says nothing here: which name before it is the bearer's is
# left to the bracket and gloss readings. Session 66, onlyx112 (AF27 小王子). Off (False) = main's claims.
NAME_STATEMENTS = True
_OTHER_NAME_WORD = r"(?:原名|本名|笔名|筆名|又名|别名|別名|艺名|藝名|又称|又稱|人称|人稱|绰号|綽號|外号|外號)"
_STATED_NAME = r"[“「『\"]?[\u4e00-\u9fff]{2,6}[”」』\"]?(?=[，,、。；;）)\s])"
_STATED_CLAUSE = rf"{_OTHER_NAME_WORD}{_STATED_NAME}(?:、{_STATED_NAME})*"
_NAME_STATEMENT = re.compile(rf"{_STATED_CLAUSE}(?:[，,]{_STATED_CLAUSE})*")
_STATED_ITEM = re.compile(rf"(?:{_OTHER_NAME_WORD}|、)[“「『\"]?([\u4e00-\u9fff]{{2,6}})")


def _stated_names(text: str) -> list[tuple[str, ...]]:
    """The names of one bearer a raw ``text``'s rows of other-name clauses give (``NAME_STATEMENTS``), normalized."""
    if not NAME_STATEMENTS:
        return []
    groups = []
    for found in _NAME_STATEMENT.finditer(text):
        names = tuple(dict.fromkeys(normalize(name) for name in _STATED_ITEM.findall(found.group(0))))
        if len(names) > 1 and all(is_name(name) for name in names):
            groups.append(names)
    return groups


def _name_before_bracket(run: str) -> str | None:
    """The name a normalized run of text before a bracket ends with (see ``BRACKET_ALIASES``): "" when it ends with no
    name, None when it ends with a person's name (the bracket is then no alias's)."""
    tokens = _tagged_once(run)
    start = len(tokens)
    while start > 0 and tokens[start - 1][1].startswith(_NOUN_TAG) and _HAN_RUN.fullmatch(tokens[start - 1][0]):
        start -= 1
    if any(tag in _PERSON_TAGS for _word, tag in tokens[start:]):
        return None
    name = "".join(word for word, _tag in tokens[start:])
    named = any(tag in _BRACKET_NAME_TAGS or tag == _PLACE_TAG for _word, tag in tokens[start:])
    return name if len(name) >= BRACKET_NAME_CHARS and named and is_name(name) else ""


def _writes_alias(form: str, text: str) -> bool:
    """Whether a normalized ``text`` writes a name a bracket gives: a Han name anywhere, a Latin one as whole words."""
    if not form.isascii():
        return form in text
    return re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", text) is not None


# A body's part or service named by the body (session 52, onlyx79). A Latin name its giver glosses onto a run that jieba
# cuts as an organisation's name and one common noun after it (澳大利亚广播公司|新闻网（ABC News）: the body and the part
# of it, its news service, that the Latin names) is named by an outlet naming the organisation, in any form, anywhere in its
# reports: readers of that outlet learn whose service it is, as the only-X verdicts read a source named by its publisher
# (ABC News against 澳大利亚广播公司, Bloomberg Billionaires Index against 彭博社). The organisation at least
# ``PART_BODY_CHARS`` characters and at least as long as the noun (the run mostly the body's name); the noun no name of a
# person, place or organisation itself (国防部|五角大楼 is two names, not a body and its part). Off (False) = main's claims.
# On by the rule written before measuring (tuning samples A-AC: false 22 -> 20, Y12 and AC27; no true claim withheld;
# the 49 tuning fact files identical).
GLOSSED_PART_OF_BODY = True
PART_BODY_CHARS = 4
_ORGANISATION_TAG = "nt"


def _glossed_part_bodies(latin: str, normalized: str) -> list[str]:
    """The organisations whose part the Latin name ``latin`` names where the normalized sentence ``normalized`` glosses it onto
    an organisation's name and a common noun (see ``GLOSSED_PART_OF_BODY``)."""
    if not GLOSSED_PART_OF_BODY:
        return []
    spans = _name_spans(latin, normalized)
    if not spans:
        return []
    ends = {at + len(word): (at, word, tag) for at, word, tag in placed_tagged_words(normalized) if at >= 0}
    bodies = []
    for start, _end in spans:
        head = ends.get(start)
        if head is None or not _HAN_RUN.fullmatch(head[1]):
            continue
        body = ends.get(head[0])
        if (body is not None and head[2].startswith(_NOUN_TAG) and head[2] not in _PERSON_TAGS | _PLACE_TAGS
                and body[2] == _ORGANISATION_TAG and _HAN_RUN.fullmatch(body[1])
                and len(body[1]) >= max(PART_BODY_CHARS, len(head[1]))):
            bodies.append(body[1])
    return bodies


def _english_names(name: str) -> set[str]:
    """The English names the dictionary gives a normalized name (a Latin name is its own)."""
    return {gloss_key(name)} if name.isascii() else {form for form in dictionary_forms(name) if form.isascii()}


def _told_apart(forms: list[str], names: list[str], outlet_texts: Mapping[str, str]) -> bool:
    """Whether the other outlet's ``names`` are things other than the one of ``forms`` (a name and the Han names it
    glosses): an outlet of the story writes both, or the dictionary gives each an English name and none is shared
    (加州 California, 马萨诸塞州 Massachusetts)."""
    if any(any(form in text for form in forms if form) and any(word in text for word in names)
           for text in outlet_texts.values()):
        return True
    english = set().union(*(_english_names(form) for form in forms if form))
    return any(english and (theirs := _english_names(word)) and not english & theirs for word in names)


# Whether the fact check reads two writings of one foreign name in one fact by the transducer fitted on the archive's
# glosses where the sound-class readers (``spelled_alike``, ``written_alike``) do not: another Han spelling (奥黑尔 and
# 奥哈拉, O'Hare; 福斯 and 福克斯, Fox) or a transliteration of a Latin name's last word (Lopez Obrador and 奥夫拉多尔, the
# second surname), either way round (a Han name glossed with the Latin name is read by its gloss too: 洛佩斯（Lopez
# Obrador）). ``text.transliteration.spelt_otherwise_in_fact`` and ``reads_in_fact`` say which names are so read. Not
# where an outlet of the story writes both or the dictionary gives them different English names (``_told_apart``:
# 麦卡锡 and 麦考尔 in one sentence are two congressmen). Session 55, onlyx83.
SPELT_OTHERWISE_IN_FACT = True


def _fact_names(sentences: Iterable[_Sentence]) -> set[str]:
    """The names an outlet's sentences of one fact write whole: each run of jieba's words (two characters or more) that
    it tags as a person's name or does not know (奥|哈拉, 奥夫拉|多尔: a transliteration jieba cuts apart), never a piece
    of such a run (布罗 of 杜姆布罗夫基斯)."""
    names: set[str] = set()
    for sentence in sentences:
        run = ""
        for word, flag in [*tagged_words(sentence.normalized), ("", "")]:
            if word and _HAN_RUN.fullmatch(word) and (flag in _PERSON_TAGS or not in_dictionary(word)):
                run += word
                continue
            if len(run) >= 2:
                names.add(run)
            run = ""
    return names


# Whether a body's name (an organisation jieba's dictionary holds) is named by an outlet writing its opening words and
# then its head with a few characters put in, ending as it ends: 美国之音's 中央广播电视总台 for 法广's 中央广播电台 (中央广播 +
# 电台, 电视总 put in; AJ16, the same interview), 联合国安全理事会 for 联合国安理会. The opening is the name without the
# shortest dictionary word it ends with (its head: 电台, 理会), three characters or more and no place alone (台湾 of
# 台湾大学 opens 台湾师范大学, another university); the head's characters must all stand in the other's, in order, the last
# one last, where a word of the other's text ends. Such a name is one body renamed, widened or written out (a reader
# would not call its absence news); two bodies of one opening differ in the head's words (美国联邦调查局, 美国联邦储备局:
# 调查局 is not in 储备局). Session 59, onlyx97. Off (False) = main's claims.
BODY_WIDENED = True
BODY_OPENING_CHARS = 3
BODY_PUT_IN = 3  # at most this many characters put into the head


def _opening_and_head(name: str) -> tuple[str, str] | None:
    """A dictionary organisation's name cut into its opening and its head (``BODY_WIDENED``), or None."""
    if not _HAN_RUN.fullmatch(name) or len(name) < BODY_OPENING_CHARS + 2:
        return None
    if not any(tag == _ORGANISATION_TAG for _word, tag in tagged_words(name)) and body(name) is None:
        return None
    head = next((name[-n:] for n in range(2, len(name) - BODY_OPENING_CHARS + 1) if in_dictionary(name[-n:])), "")
    opening = name[: len(name) - len(head)]
    if not head or is_place(opening):
        return None
    return opening, head


def _widened_body_in(split: tuple[str, str], text: str) -> bool:
    """Whether a normalized ``text`` writes the opening of ``split`` (``_opening_and_head``) and then its head with at
    most ``BODY_PUT_IN`` characters put in, ending on the head's last character where one of jieba's words ends."""
    opening, head = split
    for found in re.finditer(re.escape(opening), text):
        after = text[found.end() : found.end() + len(head) + BODY_PUT_IN]
        for size in range(len(head) + 1, len(after) + 1):
            tail = after[:size]
            if not _HAN_RUN.fullmatch(tail):
                break
            if tail[-1] == head[-1] and _in_order(head, tail):
                end = found.end() + size
                sentence = text[found.start() : end + 4]
                if any(at + len(word) == end - found.start() for at, word, _tag in placed_tagged_words(sentence)):
                    return True
    return False


def _in_order(short: str, long: str) -> bool:
    """Whether every character of ``short`` stands in ``long``, in the same order."""
    chars = iter(long)
    return all(char in chars for char in short)


# Whether a Han name is named by an outlet writing it with a name dot (or the full-width stop some outlets use for one)
# between two of its characters, wherever the dot stands: the dot only joins a transliterated name's parts, and an
# outlet may put it in the wrong place (德国之声's 罗伯特科·赫研究所 for 中央社's 羅伯特．科赫研究所, facts-s67). Normalizing
# makes a dot a space, as it makes a comma, so the test reads the text as written with the dots left out. Names of
# three characters or more, and only where the dotless text holds the name across a dot: a name found whole is found
# by ``_names_in`` already. Session 59, onlyx97. Off (False) = main's claims.
UNDOTTED_NAMES = True
_DOT_BETWEEN_HAN = re.compile(rf"(?<=[\u4e00-\u9fff])\s*[{NAME_DOTS}．]\s*(?=[\u4e00-\u9fff])")
_UNDOTTED_CHARS = 3


_DOTTED_RUN = re.compile(rf"[\u4e00-\u9fff]+(?:\s*[{NAME_DOTS}．]\s*[\u4e00-\u9fff]+)+")


def _undotted(raw: str) -> tuple[tuple[str, frozenset[int]], ...]:
    """Each run of Han characters joined by name dots in a text as written: the run without its dots, normalized, and
    where in it a dot stood (``normalize`` folds Han one character for one; where it does not, no place is known)."""
    runs = []
    for run in _DOTTED_RUN.finditer(raw):
        pieces = _DOT_BETWEEN_HAN.split(run[0])
        joined = normalize("".join(pieces))
        places, at = set(), 0
        for piece in pieces[:-1]:
            at += len(piece)
            places.add(at)
        runs.append((joined, frozenset(places) if len(joined) == sum(map(len, pieces)) else frozenset()))
    return tuple(runs)


def _written_dotted_apart(name: str, raw: _Written) -> bool:
    """Whether ``raw`` (an outlet's text as written) writes the normalized Han ``name`` with a name dot inside it: the
    name found in a dotted run with a dot's place strictly inside it, so that a name that is only a piece of another
    word elsewhere (林德梅 of 林德梅耶) is not found because the text holds some dotted name (review61)."""
    name = match_key(name, normalized=True)
    if len(name) < _UNDOTTED_CHARS or _HAN_RUN.fullmatch(name) is None:
        return False
    for joined, places in raw.undotted:
        start = joined.find(name)
        while start >= 0:
            if any(start < place < start + len(name) for place in places):
                return True
            start = joined.find(name, start + 1)
    return False


# Whether a Latin name of two words or more is named by an outlet that glosses a Han name with the name's first word
# alone (大纪元's 再生元（Regeneron） for 中央社's 雷傑納隆藥廠（Regeneron Pharmaceuticals Inc.）, AJ33): each outlet gives
# the original of the name it writes, one the short form, one the full. The word glossed alone (``_WORD_GLOSS``: one
# capitalized word of four letters or more) is the outlet's name for a thing, not a common word another name begins
# with; a gloss of more words is read by ``_writes_word_pair``. Session 59, onlyx97. Off (False) = main's claims.
FIRST_WORD_GLOSSES = True


def _first_word_glossed(latin: str, written: _Written) -> bool:
    """Whether ``written`` (an outlet's text as written) glosses a Han name with the first word of ``latin`` alone."""
    first, raw = latin.split()[0], written.text
    return (len(latin.split()) >= 2 and first in raw
            and any(word == first for _han, word in _WORD_GLOSS.findall(raw)))


# A Latin name glossed after an enterprise's Han name (大和证券（Daiwa Securities Group）) whose trade name, the Han word
# before the industry word or legal form, CC-CEDICT glosses with the Latin name's first word (大和: "Daiwa, a Japanese
# place name, business name"): the trade name alone is the enterprise's short name, and an outlet writing it (投行大和
# 最新研究报告) names the enterprise. Two tests agree: the giver's own Han name begins the trade name's way, and the
# dictionary reads the Latin name's first word as that Han word. Never a place (日本 of 日本航空（Japan Airlines）) nor a
# word the outlet writes inside a longer word of jieba's dictionary (扩大和, 大和解). Session 71, onlyx71. Off (False) =
# main's claims.
GLOSSED_TRADE_NAME = True
_TRADE_NAME_LONGEST = 4
_CROSSING_WORD = 3  # the longest dictionary word read across the trade name's edge


def _dictionary_trade_names(han: str, latin: str) -> list[str]:
    """The trade names a glossed Han run ``han`` (normalized) holds before its industry word or legal form whose
    dictionary English is the first word of ``latin`` (``GLOSSED_TRADE_NAME``)."""
    parts = latin.split()
    if len(parts) < 2 or not _HAN_RUN.fullmatch(han):
        return []
    first = gloss_key(parts[0])
    found = [stem[-size:] for stem in _trade_name_stems(han) for size in range(_TRADE_NAME_CHARS, _TRADE_NAME_LONGEST + 1)
             if len(stem) >= size and _trade_name(stem[-size:]) and first in dictionary_forms(stem[-size:])]
    return list(dict.fromkeys(found))


def _trade_name_alone_in(name: str, text: str) -> bool:
    """Whether the normalized ``text`` writes the trade name ``name`` where no word of jieba's dictionary runs across
    its first or its last character's edge (扩大|和, 大和|解 are no 大和)."""
    for found in re.finditer(re.escape(name), text):
        at, end = found.start(), found.end()
        crossing = any(in_dictionary(text[start:stop])
                       for start in range(max(at - _CROSSING_WORD + 1, 0), at)
                       for stop in range(at + 1, min(start + _CROSSING_WORD, len(text)) + 1))
        crossing = crossing or any(in_dictionary(text[start:stop]) for start in range(at + 1, end)
                                   for stop in range(end + 1, min(start + _CROSSING_WORD, len(text)) + 1))
        if not crossing:
            return True
    return False


# Whether a person's full Chinese name (a common surname and a given name of one or two characters) is named by an
# outlet writing the surname with 姓 or 某 for a person it leaves unnamed (中央社's 张姓女员工, BBC中文's 一名姓李的, 张某)
# or the name masked (联合早报's 张*霏): AJ35's 张若菲, whom the company's statement the others quote calls so. The
# claim says no other outlet names her; one that refers to her by her surname only has not left her out. Never a
# surname with a title (李先生: ``SURNAME_WITH_TITLE`` reads those, and not for a full name). Session 59, onlyx97.
# Off (False) = main's claims.
SURNAME_LEFT_UNNAMED = True
_FULL_NAME_CHARS = (2, 3)


@lru_cache(maxsize=1 << 14)
def _tagged_person(word: str) -> bool:
    """Whether jieba tags a word of ``word`` as a person's name (nr, nrt, nrfg: 习近平, 马英九). Cached (bounded): the
    meeting reading asks it of every name an outlet gives, for each claimed name of a story (review66: 106 nouns tagged
    again per call, 15 ms)."""
    return any(tag in _PERSON_TAGS for _word, tag in tagged_words(word))


def _surname_left_unnamed(name: str, raw: _Written) -> bool:
    """Whether ``raw`` (an outlet's text as written) writes the surname of the full Chinese ``name`` (normalized) for a
    person it does not name: 张姓 before a noun, 姓张的, 张某, or 张 before a masking mark (张*霏, 张××)."""
    if len(name) not in _FULL_NAME_CHARS or not _HAN_RUN.fullmatch(name) or not is_surname(name[0]):
        return False
    if not _tagged_person(name):
        return False
    text = raw.simplified
    surname = re.escape(name[0])
    return any(not in_dictionary(found.group(0)[:2]) for found in re.finditer(
        rf"{surname}姓[\u4e00-\u9fff]|姓{surname}的|{surname}某(?!{_SOME})|{surname}[*＊×Ｘ]{{1,2}}[\u4e00-\u9fff]", text))


# A person's whole name (习近平) named by an outlet writing its first character alone as that person's short form in a
# meeting's name, joined to the first character of another person the outlet names (马习会, where 联合早报 names 马英九;
# 特金会 for 特朗普 and 金正恩), in either order (马习会, 习马会). Not where the outlet names another person of that first
# character (习马会 in a text naming 马英九 is no evidence for 马歇尔), nor where the three characters read otherwise: the
# pair a dictionary word (罗马会见, 柏林会晤), the character and 会 one (大会, 公会), 会 "will" before a word (马云会成为:
# the two characters after 会 a word, where 会 and the next begin none; 马习会面对, 马习会上表示 are meetings, mend114),
# or three characters partly inside a name the outlet gives (蓬佩奥会在), nor where the pair begins a name the outlet
# writes elsewhere too (马云会 is 马云 and 会, "will"). Only for the story's most written person of that first character
# (特金会 is 金正恩's, not 金永南's, where the story writes 金正恩 more: ``_most_written_of_first``, mend114). It can only
# withhold a claim. A role before the surname (习主席 for 国家主席习近平) was tried and left out: on the tuning samples it
# read 向民众, 和律师 and 特朗普总统's 普总统 as one. Session 65, onlyx111 (AP61 习近平).
SURNAME_SHORT_FORMS = True
_MEETING = "会"


def _full_person_name(name: str) -> bool:
    """Whether ``name`` reads as a person's whole name: two or three Han characters, a person to jieba (习近平, 马英九,
    特朗普; not 中共军队). Not ``is_surname``: its common surnames leave out 习."""
    return len(name) in _FULL_NAME_CHARS and _HAN_RUN.fullmatch(name) is not None and _tagged_person(name)


def _meeting_short_form_in(name: str, text: str, nouns: Iterable[str]) -> bool:
    """Whether the normalized ``text`` writes the first character of the whole name ``name`` in a meeting's name beside
    the first character of another person named in ``nouns`` (the outlet's names): 马习会 for 习近平 where 马英九 is
    named, and no other person whose name begins with 习."""
    short = name[0]
    at = text.find(short)
    found: list[tuple[str, str, str, int]] = []  # (partner, pair, the two characters after 会, where the three begin)
    while at >= 0:
        # The two characters after 会, asked only where 会 and its next begin no word (会面, 会上: 马习会面对 is a meeting;
        # 会成为 "will become" is none).
        meeting_at = at + 1 if text[at + 1 : at + 2] == _MEETING else at + 2
        after = "" if in_dictionary(text[meeting_at : meeting_at + 2]) else text[meeting_at + 1 : meeting_at + 3]
        if text[at + 1 : at + 2] == _MEETING and at >= 1 and not in_dictionary(short + _MEETING):
            found.append((text[at - 1], text[at - 1] + short, after, at - 1))  # 马习会: the partner before
        elif text[at + 2 : at + 3] == _MEETING and not in_dictionary(text[at + 1 : at + 3]):
            found.append((text[at + 1], short + text[at + 1], after, at))  # 习马会: the partner after
        at = text.find(short, at + 1)
    spots = [(partner, pair, start) for partner, pair, after, start in found
             if partner != short and _HAN.fullmatch(partner) and not in_dictionary(pair)
             and not (len(after) == 2 and in_dictionary(after))]
    if not spots or not _full_person_name(name):
        return False
    persons = [noun for noun in nouns if noun != name and _HAN_RUN.fullmatch(noun) and len(noun) >= 2 and _tagged_person(noun)]
    # Three characters partly inside a name the outlet gives are no meeting's name: 子刘会 of 妻子刘会茹, 佩奥会 of
    # 蓬佩奥会在 ("Pompeo will", review66 on tuning texts of 2020-11-25). A name inside the three (马习) is none.
    spots = [(partner, pair, start) for partner, pair, start in spots
             if not any(_straddles(text, person, start, start + 3) for person in persons)]
    # A name the pair begins that the text writes elsewhere too (马云 of 马云会, "Ma Yun will") is no meeting, and
    # jieba's reading of the pair itself as a name (马习 of 马习会) no such name.
    if any(person[0] == short and not any(person.startswith(pair) for _partner, pair, _start in spots)
           for person in persons):
        return False  # another person the short form may stand for
    return any(any(person[0] == partner for person in persons)
               and not any(person.startswith(pair) and text.count(person) > text.count(pair + _MEETING)
                           for person in persons)
               for partner, pair, _start in spots)


def _most_written_of_first(name: str, outlet_texts: Mapping[str, str],
                           outlet_nouns: Mapping[str, Iterable[str]]) -> bool:
    """Whether no other whole person's name of the story beginning with ``name``'s first character is written more often
    in its texts than ``name``: the one a one-character short form (特金会's 金) stands for, where the story names
    金正恩 and 金永南 (review66 finding 14; mend114). A name inside the other (金正 of 金正恩) is no other person."""
    def written(word: str) -> int:
        return sum(text.count(word) for text in outlet_texts.values())
    rivals = {noun for nouns in outlet_nouns.values() for noun in nouns
              if noun[:1] == name[0] and name not in noun and noun not in name and _full_person_name(noun)}
    if not rivals:
        return True
    own = written(name)
    return all(written(rival) <= own for rival in rivals)


def _straddles(text: str, word: str, start: int, end: int) -> bool:
    """Whether ``word`` is written in ``text`` across an edge of ``text[start:end]``: over part of it and beyond."""
    at = text.find(word, max(start - len(word) + 1, 0))
    while 0 <= at < end:
        if at < start or at + len(word) > end:
            return True
        at = text.find(word, at + 1)
    return False


class _Written:
    """One outlet's texts as written in a story (``compare_story``'s ``outlet_raw``: its reports' titles and bodies),
    with the two forms ``_details`` reads of them made once, when first asked: each outlet's text is asked about every
    claim of its story (1,323 asks of 38 texts in the 19 stories of 2+ outlets of 2020-10-02, tuning data: 1.4 s CPU
    uncached of the stories' ~10 s). Held by the one ``compare_story`` call, so they go with its story: they were
    ``lru_cache(64)``s keyed by the whole texts, which kept up to 64 outlets' texts and their forms alive after their
    stories in every process that compares (review61)."""

    __slots__ = ("text", "_undotted", "_simplified", "_dotted_names", "_after_dots")

    def __init__(self, text: str = "") -> None:
        self.text = text
        self._undotted: tuple[tuple[str, frozenset[int]], ...] | None = None
        self._simplified: str | None = None
        self._dotted_names: tuple[tuple[str, str], ...] | None = None
        self._after_dots: tuple[str, ...] | None = None

    @property
    def dotted_names(self) -> tuple[tuple[str, str], ...]:
        """``_dotted_names`` of the text."""
        if self._dotted_names is None:
            self._dotted_names = _dotted_names(self.text)
        return self._dotted_names

    @property
    def after_dots(self) -> tuple[str, ...]:
        """``_after_name_dots`` of the text."""
        if self._after_dots is None:
            self._after_dots = _after_name_dots(self.text)
        return self._after_dots

    @property
    def undotted(self) -> tuple[tuple[str, frozenset[int]], ...]:
        """``_undotted`` of the text."""
        if self._undotted is None:
            self._undotted = _undotted(self.text)
        return self._undotted

    @property
    def simplified(self) -> str:
        """``to_simplified_key`` of the text."""
        if self._simplified is None:
            self._simplified = to_simplified_key(self.text)
        return self._simplified


_NOTHING_WRITTEN = _Written()  # an outlet not in ``outlet_raw``


# 某 before these is "some", "a certain" (于某些, 属于某国), not a person's name left out.
_SOME = "[些种个国地年月日天时处方项件次家位]"


# A piece of a body's name the givers write only inside the name, which they gloss with its initials (摩根士丹利 of
# 摩根士丹利资本国际(MSCI), 苏黎世 of 《新苏黎世报》（NZZ）): an outlet writing the initials names the body, and the piece is
# no more than the body's (``PIECE_OF_INITIALLED``). The body's name is read from the piece to the bracket, at most
# ``INITIALLED_TAIL`` characters after the piece (a title's closing mark between them); the initials are a word of
# the other outlet's text (MSCI, not the M of a longer word). The initials may be written in full-width letters
# (美国在台协会（ＡＩＴ）: the archive's Taiwanese and Hong Kong outlets do), read as their ASCII letters: the other
# outlets' texts are read normalized (NFKC), where ＡＩＴ is ait.
PIECE_OF_INITIALLED = True
INITIALLED_TAIL = 6
_INITIALLED_RUN = re.compile(r"([\u4e00-\u9fff]{2,16})[》」』”]?\s*[（(]\s*([A-ZＡ-Ｚ]{2,6})\s*[）)]")


def _initialled_whole_named(word: str, givers: set[str], initialled: list[tuple[str, str]], story_outlets: list[str],
                            outlet_texts: Mapping[str, str]) -> set[str]:
    """The outlets writing the initials of a body whose name holds ``word`` where every giver writes ``word`` only
    inside that name (``PIECE_OF_INITIALLED``)."""
    wholes: dict[str, set[str]] = defaultdict(set)  # the body's name from the piece on -> its initials
    for run, initials in initialled:
        at = run.rfind(word)
        if at >= 0 and 0 < len(run) - at - len(word) <= INITIALLED_TAIL:
            wholes[run[at:]].add(initials.lower())
    if not wholes:
        return set()
    for giver in givers:
        text = outlet_texts.get(giver, "")
        covered = {at for whole in wholes for found in re.finditer(re.escape(whole), text)
                   for at in range(found.start(), found.end() - len(word) + 1)}
        if not all(found.start() in covered for found in re.finditer(re.escape(word), text)):
            return set()
    said = [re.compile(rf"(?<![a-z]){re.escape(initials)}(?![a-z])") for names in wholes.values() for initials in names]
    return {o for o in story_outlets if o not in givers and any(p.search(outlet_texts.get(o, "")) for p in said)}


# A name that is one piece of a whole name written as a run of names (大不列颠|及|北爱尔兰|联合王国 of the embassy's
# 中国驻大不列颠及北爱尔兰联合王国大使馆) is named by an outlet writing a word whose English name, by the dictionary, holds
# every piece's English name as whole words (英国: "United Kingdom of Great Britain and Northern Ireland" holds Great
# Britain, Northern Ireland and United Kingdom): the whole's short form (``PIECES_OF_GLOSSED_WHOLE``). The run is the
# giver's sentence's words around the name, each a name the dictionary glosses in English or a connective (及, 和, 与, 暨)
# between two of them, ``WHOLE_PIECES`` pieces at least; the givers write the piece only inside the run; the other's word
# is a noun of its text, its gloss a name of ``WHOLE_GLOSS_WORDS`` words or more. Against chance: every piece must be read
# in one gloss of one word, so two names side by side (美国|中国) withhold nothing unless one word's English name holds
# both. Session 67, onlyx113. Off (False) = main's claims.
PIECES_OF_GLOSSED_WHOLE = True
WHOLE_PIECES = 2
WHOLE_GLOSS_WORDS = 4
_WHOLE_CONNECTIVES = frozenset({"及", "和", "与", "暨"})


def _glossed_run_around(word: str, sentence: str) -> tuple[str, tuple[tuple[str, ...], ...]] | None:
    """The run of glossed names and connectives jieba's cut of a normalized ``sentence`` writes around the name
    ``word`` (a whole word of the cut), as (the run's text, each piece's English names); None where there is none
    of ``WHOLE_PIECES`` pieces."""
    tokens = tagged_words(sentence)

    def glossed(i: int) -> tuple[str, ...]:
        return tuple(sorted(_english_names(tokens[i][0]))) if len(tokens[i][0]) >= 2 else ()

    def edge(at: int, step: int) -> int:
        """The run's last token from ``at`` going ``step`` (-1 left, 1 right): a glossed name next, or a
        connective and a glossed name after it."""
        while True:
            near, far = at + step, at + 2 * step
            if 0 <= near < len(tokens) and glossed(near):
                at = near
            elif 0 <= far < len(tokens) and tokens[near][0] in _WHOLE_CONNECTIVES and glossed(far):
                at = far
            else:
                return at

    for at, (token, _tag) in enumerate(tokens):
        if token != word or not glossed(at):
            continue
        start, stop = edge(at, -1), edge(at, 1)
        pieces = tuple(glossed(i) for i in range(start, stop + 1) if tokens[i][0] not in _WHOLE_CONNECTIVES)
        if len(pieces) >= WHOLE_PIECES:
            return "".join(token for token, _tag in tokens[start:stop + 1]), pieces
    return None


def _holds_words(gloss: str, part: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(part)}(?![a-z0-9])", gloss) is not None


def _whole_glossed_in(pieces: tuple[tuple[str, ...], ...], nouns: Iterable[str]) -> bool:
    """Whether one of ``nouns`` has a dictionary English name of ``WHOLE_GLOSS_WORDS`` words or more holding one
    English name of every piece (``PIECES_OF_GLOSSED_WHOLE``)."""
    for noun in sorted(nouns):
        if len(noun) < 2 or noun.isascii():
            continue
        for gloss in _english_names(noun):
            if len(gloss.split()) >= WHOLE_GLOSS_WORDS and all(
                    any(_holds_words(gloss, part) for part in names) for names in pieces):
                return True
    return False


# A Latin original glossed onto a Han name (辛赫（Rajnath Singh）) is named by an outlet whose sentence of the same fact
# writes a name jieba's dictionary knows and tags as a name (辛格, nz) that is foreign by its characters and read by the
# transducer both as the Latin name (``reads_in_fact``) and as the giver's Han form (``spelt_otherwise_in_fact``: the same
# first sound): ``SPELT_OTHERWISE_IN_FACT`` reads only names the dictionary does not know or tags as a person's, and
# the dictionary tags many transliterations nz. Against chance: the two readings must agree, in one fact, and the two
# not told apart (``_told_apart``). Session 67, onlyx113. Off (False) = main's claims.
GLOSSED_KNOWN_SPELLING = True
_KNOWN_NAME_TAGS = frozenset({"nz", "nr", "nrt", "nrfg"})


def _known_fact_names(sentences: Iterable[_Sentence]) -> set[str]:
    """The nouns of an outlet's sentences of one fact that jieba's dictionary holds and tags as a name
    (``_KNOWN_NAME_TAGS``), foreign by their characters (``GLOSSED_KNOWN_SPELLING``)."""
    return {word for sentence in sentences for word in sentence.nouns
            if dictionary_tag(word) in _KNOWN_NAME_TAGS and foreign_by_characters(word)}


def _known_spellings(facts: Iterable[list[_Sentence]], outlet_texts: Mapping[str, str]) -> dict[str, set[str]]:
    """Latin gloss -> the outlets whose sentence of a fact holding the gloss writes the name in another form the
    dictionary knows (``GLOSSED_KNOWN_SPELLING``): read in the fact, then true of the outlet's whole report, as
    ``_names_in`` reads every other form."""
    found: dict[str, set[str]] = defaultdict(set)
    for members in facts:
        glossed: dict[str, set[str]] = defaultdict(set)  # Latin gloss -> its Han forms in the fact
        for sentence in members:
            for han, gloss in _GLOSS.findall(sentence.ref.text):
                glossed[" ".join(gloss.split())].update(_glossed_names(normalize(han), sentence.nouns))
        if not glossed:
            continue
        givers = {sentence.ref.outlet for sentence in members if _GLOSS.search(sentence.ref.text)}
        for outlet in sorted({sentence.ref.outlet for sentence in members} - givers):
            names = _known_fact_names(sentence for sentence in members if sentence.ref.outlet == outlet)
            for latin, hans in glossed.items():
                forms = [*sorted(hans), normalize(latin)]
                if any(reads_in_fact(name, latin) and any(spelt_otherwise_in_fact(han, name) for han in sorted(hans))
                       and not _told_apart(forms, [name], outlet_texts) for name in sorted(names)):
                    found[latin].add(outlet)
    return found


# Another name of one body, place or thing, read from the facts' own alignment (session 72, onlyx72). Two outlets'
# units linked into one fact, each holding exactly one name the other outlet writes nowhere, both of one kind
# by jieba's tag of the name alone (both organisations nt, both places ns, both other proper names nz; never a
# person's), most likely name one referent two ways (中共军队 and 中国人民志愿军 in two outlets' sentences of the war's
# victory), when the two names stand in one place of the two units: between the same two runs of characters both
# units write (``_in_same_gap``; not two sources of one fact, 据联合报报道 against 立法院外交及国防委员会昨天), and neither
# stands in a list (an item next to 、 is a sibling of the items around it, not another name of them: ``_listed``). Each
# outlet is then counted as naming the other's name, in the whole story, as ``_names_in`` reads every other form. Not
# where an outlet of the story writes both names or the dictionary gives them different English names (``_told_apart``:
# two bodies to that outlet). It can only withhold a claim. Off (False) = the claims before session 73. Refused alone
# in session 72 (detail names only: AS-AW unchanged); on since session 73 with ``EVERY_PROPER_NOUN``: over tuning
# samples A-AW 1,604 claims / 25 false -> 1,600 / 22 (C06, M08, AU94 withheld, and one not a name), no true claim lost
# (bench/days_results.md, session 73, onlyx73).
ONE_OTHER_NAME_EACH = True
# The units' names read from every proper noun, whatever its idf (session 73, onlyx73): onlyx72's reader read only
# detail names (idf >= ``DETAIL_IDF``), so a unit naming the body by a common name (中国人民解放军, idf 7.78) held no
# name to it. A name too common to be a detail is never claimed, but it is the other outlet's name of the referent.
EVERY_PROPER_NOUN = True
_ONE_NAME_KINDS = frozenset({"nt", "ns", "nz"})
ONE_NAME_RUN_CHARS = 2  # the shortest run of characters two units write alike that counts as a landmark
ONE_NAME_SHARED_CHARS = 6  # the two units write at least this many characters alike in such runs
ONE_NAME_NEXT_CHARS = 1  # the most characters between a name and the run it stands next to (在 of 在国防委员会的建议)


def _in_same_gap(name: str, text: str, other_name: str, other_text: str) -> bool:
    """Whether ``text`` writes ``name`` and ``other_text`` writes ``other_name`` in one place: between the same two
    runs (``ONE_NAME_RUN_CHARS`` or more) the two texts write alike once each name is masked (or a text's edge), the
    runs together ``ONE_NAME_SHARED_CHARS`` characters or more, each name at most ``ONE_NAME_NEXT_CHARS`` characters
    from the same one of the two runs (在国防委员会的建议 and 国防军的建议)."""
    masked, other_masked = text.replace(name, _PLACEHOLDER), other_text.replace(other_name, "\x01")
    matcher = difflib.SequenceMatcher(None, masked, other_masked, autojunk=False)
    runs = [block for block in matcher.get_matching_blocks() if block.size >= ONE_NAME_RUN_CHARS]
    if sum(block.size for block in runs) < ONE_NAME_SHARED_CHARS:
        return False

    def places(written: str, mark: str, side: int) -> set[tuple[int, str]]:
        # (the gap between two runs the mark stands in, the side of the gap whose run it stands next to)
        starts = [block[side] for block in runs]
        found = set()
        for at, char in enumerate(written):
            if char != mark:
                continue
            gap = sum(start + block.size <= at for start, block in zip(starts, runs, strict=True))
            if gap and at - (starts[gap - 1] + runs[gap - 1].size) <= ONE_NAME_NEXT_CHARS:
                found.add((gap, "before"))
            if gap < len(runs) and starts[gap] - at - 1 <= ONE_NAME_NEXT_CHARS:
                found.add((gap, "after"))
        return found

    return bool(places(masked, _PLACEHOLDER, 0) & places(other_masked, "\x01", 1))


def _listed(name: str, text: str) -> bool:
    """Whether the raw ``text`` writes the normalized ``name`` as an item of a list: right after or before 、 (a quote
    mark or a bracketed gloss between)."""
    simplified = to_simplified_key(unicodedata.normalize("NFKC", text)).lower()
    written = re.escape(name)
    return re.search(rf"、[“「『\"]?{written}|{written}[”」』\"]?(?:[（(][^（()）]*[）)])?、", simplified) is not None


def _name_kind(word: str) -> str | None:
    """jieba's tag of ``word`` cut alone when it is one word of a kind in ``_ONE_NAME_KINDS``; None otherwise."""
    if not _HAN_RUN.fullmatch(word):
        return None
    tagged = _tagged_once(word)
    if len(tagged) != 1 or tagged[0][1] not in _ONE_NAME_KINDS:
        return None
    return tagged[0][1]


def _unit_names(sentence: _Sentence, story_outlets: Iterable[str]) -> set[str]:
    """The names of a unit ``_details`` reads as details (a head jieba cut from a longer name read as the name); with
    ``EVERY_PROPER_NOUN``, every whole name of the unit whatever its idf (中国人民解放军, too common to be a detail)."""
    least = 0.0 if EVERY_PROPER_NOUN else DETAIL_IDF
    names = set()
    for word in sentence.nouns:
        if (idf(word) >= least and not any(word in name for name in story_outlets)
                and not any(wire in word for wire in WIRES) and is_name_detail(word, sentence.normalized)):
            names.add(longer_name(word, sentence.normalized) or word)
    return names


def _other_names_in_story(facts: Iterable[list[_Sentence]], story_outlets: list[str],
                          outlet_texts: Mapping[str, str]) -> dict[str, set[str]]:
    """Name -> the outlets whose unit of a fact names its referent by another name (``ONE_OTHER_NAME_EACH``)."""
    found: dict[str, set[str]] = defaultdict(set)
    for members in facts:
        if len({sentence.ref.outlet for sentence in members}) < 2:
            continue
        names = [_unit_names(sentence, story_outlets) for sentence in members]
        for (own, own_names), (other, their_names) in combinations(zip(members, names, strict=True), 2):
            if own.ref.outlet == other.ref.outlet:
                continue
            mine = {n for n in own_names if n not in outlet_texts.get(other.ref.outlet, other.normalized)}
            theirs = {n for n in their_names if n not in outlet_texts.get(own.ref.outlet, own.normalized)}
            if len(mine) != 1 or len(theirs) != 1:
                continue
            (first,), (second,) = mine, theirs
            kind = _name_kind(first)
            if (kind is not None and _name_kind(second) == kind and _in_same_gap(first, own.normalized, second, other.normalized)
                    and not _listed(first, own.ref.text) and not _listed(second, other.ref.text)
                    and not _told_apart([first], [second], outlet_texts)):
                found[first].add(other.ref.outlet)
                found[second].add(own.ref.outlet)
    return found


def _details(members: list[_Sentence], story_outlets: list[str], outlet_texts: dict[str, str],
             outlet_nouns: dict[str, set[str]], outlet_raw: Mapping[str, _Written] | None = None,
             spelt_in_story: Mapping[str, set[str]] | None = None,
             other_names: Mapping[str, set[str]] | None = None) -> dict[str, list[str]]:
    """Distinctive words some outlets of a fact mention and others do not (an outlet's own name
    in its dateline, 【新唐人…讯】, and wire credits are not details of the event). A word the
    silent outlets all use elsewhere in their reports (习近平 in a sentence that happens not to
    repeat it) is left out: the detail is what some reader of the fact would not learn from their
    outlet. Each detail lists every compared outlet that names it anywhere, in any script or
    transliteration, so "only X" is said only of what X alone gives. Only whole names count
    (``text.names.is_name_detail``): not a phrase jieba's dictionary tags as a name (中美关系),
    nor a piece of a name jieba cut apart (林德梅 of 林德梅耶). ``outlet_raw``: each outlet's texts as written, for
    the forms normalizing blurs (``UNDOTTED_NAMES``, ``FIRST_WORD_GLOSSES``, ``SURNAME_LEFT_UNNAMED``); None reads
    none of them. ``spelt_in_story``: Latin gloss -> the outlets a fact of the story shows writing it in another
    Han form (``_known_spellings``). ``other_names``: name -> the outlets a fact of the story shows naming it by
    another name (``_other_names_in_story``)."""
    outlets = {s.ref.outlet for s in members}
    if len(outlets) < 2:
        return {}
    mentioned: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)  # given name of a full name -> its surnames
    given_names: dict[str, set[str]] = defaultdict(set)  # surname of a full name -> its given names
    glosses: dict[str, set[str]] = defaultdict(set)
    glossed: dict[str, tuple[str, ...]] = {}  # Latin gloss -> the (normalized) Han names it may gloss
    gloss_tails: dict[str, set[str]] = defaultdict(set)  # Latin gloss -> the last three characters before it
    enterprises: dict[str, set[str]] = defaultdict(set)  # Latin gloss -> the enterprise's names the text before it ends with
    gloss_runs: dict[str, set[str]] = defaultdict(set)  # Latin gloss -> the (normalized) Han runs it follows
    gloss_words: dict[str, set[str]] = defaultdict(set)  # Latin gloss -> its glossed names the giver's cut keeps whole
    heads: dict[str, str] = {}  # an organisation's whole name -> the head jieba cut from it (no transliteration)
    wholes: dict[str, str] = {}  # a name -> the longer name of the dictionary a giver's sentence writes around it
    word_glossed: set[str] = set()  # the (normalized) Han names one Latin word glosses
    part_bodies: dict[str, set[str]] = defaultdict(set)  # Latin gloss -> the organisation whose part it names
    roles: dict[str, set[tuple[str, str]]] = defaultdict(set)  # Latin gloss -> (glossed name, the role word before it)
    initialled: list[tuple[str, str]] = []  # (normalized Han run, its initials' pattern) of ``_INITIALLED_RUN``
    for sentence in members:
        if PIECE_OF_INITIALLED:
            initialled.extend((normalize(run), unicodedata.normalize("NFKC", initials))
                              for run, initials in _INITIALLED_RUN.findall(sentence.ref.text))
        for word in sentence.nouns:
            if (idf(word) >= DETAIL_IDF and not any(word in name for name in story_outlets)
                    and not any(wire in word for wire in WIRES) and is_name_detail(word, sentence.normalized)):
                # An organisation's head jieba cut from its name (通讯社 of 俄罗斯卫星通讯社) stands for the whole name.
                whole = longer_name(word, sentence.normalized)
                if whole:
                    heads[whole], word = word, whole
                mentioned[word].add(sentence.ref.outlet)
                for surname in _surnames(word, sentence.ref.text):
                    surnames[word].add(surname)
                    given_names[surname].add(word)
                if word not in wholes and (around := name_around(word, sentence.normalized)):
                    wholes[word] = around
        for han, gloss in _GLOSS.findall(sentence.ref.text):
            latin = " ".join(gloss.split())
            glosses[latin].add(sentence.ref.outlet)
            han = normalize(han)
            glossed[latin] = _glossed_names(han, sentence.nouns)
            # The run of transliteration characters the text ends with is the glossed name too, when jieba
            # cut it apart (范因斯坦 where the sentence's nouns hold none of it and its tail reads 因斯坦).
            run = _TRAILING_RUN.search(han)
            if run and len(run.group(0)) >= _MIN_GLOSSED_RUN:
                glossed[latin] = tuple(dict.fromkeys((*glossed[latin], run.group(0))))
            # An enterprise's name the text ends with, from its trade name on (星通科技 of 华为子公司星通科技（Skycom
            # Tech）, where jieba reads 通科技): the glossed name, which another outlet may write with a legal form.
            enterprises[latin].update(_enterprise_names(han))
            # Its last three characters too, the length of most transliterations (葛兰姆 where jieba reads 兰姆).
            gloss_tails[latin].add(han[-3:])
            gloss_runs[latin].add(han)
            gloss_words[latin].update(name for name in glossed[latin] if name in sentence.nouns)
            part_bodies[latin].update(_glossed_part_bodies(latin, sentence.normalized))
            if SAME_ROLE_TRANSLITERATIONS:
                roles[latin].update((name, role) for name in glossed[latin] if (role := _role_before(han, name)))
        # A name glossed with one Latin word is a foreign name too (蒙贝列（Montpellier）), for ``written_alike``.
        for han, _word in _WORD_GLOSS.findall(sentence.ref.text):
            word_glossed.update(_glossed_names(normalize(han), sentence.nouns))

    def givers_of(term: str, givers: set[str], name: str | None = None) -> set[str]:
        # The givers' own text only for a body named by a generic head (joining long texts per
        # word would cost more than the whole check).
        own = " ".join(outlet_texts.get(o, "") for o in sorted(givers)) if body(name or term) else ""
        return givers | {o for o in story_outlets if _names_in(o, name or term, outlet_texts, outlet_nouns, own)}

    def news_to_someone(givers: set[str]) -> bool:
        return bool(outlets - givers)

    def named_by_given_name(names: Iterable[str], surname: str, givers: set[str], everyone: set[str]) -> set[str]:
        # The outlets not in ``everyone`` writing alone (or with the initial of ``surname``) a given name the givers'
        # reports write before any of ``names`` (``GIVEN_NAME_RUNS``).
        raw = outlet_raw or {}
        runs = sorted({given for o in givers for name in names
                       for given in _given_name_runs(name, raw.get(o, _NOTHING_WRITTEN))})
        return {o for o in story_outlets if o not in everyone and any(
            _given_name_alone(given, surname, outlet_texts.get(o, ""), raw.get(o))
            for given in runs)}

    # A transliterated name (one jieba does not know) that a silent outlet's sentence of the same
    # fact answers with another unknown name it alone uses is likely one person spelled two ways
    # (戴斯卓/德斯特罗): such an outlet is not counted as silent. The unknown name may be a run of
    # transliteration characters jieba cut into known words (莱特|希泽 against 赖海哲, both Lighthizer).
    fact_nouns: dict[str, set[str]] = defaultdict(set)
    fact_runs: dict[str, set[str]] = defaultdict(set)
    fact_text: dict[str, str] = defaultdict(str)
    for sentence in members:
        fact_nouns[sentence.ref.outlet].update(sentence.nouns)
        fact_runs[sentence.ref.outlet].update(text_transliterations(sentence.normalized))
        fact_text[sentence.ref.outlet] += sentence.normalized + " "

    # The Han names the fact's glosses follow (蒙贝列 of 蒙贝列（Montpellier）): foreign names whatever their characters.
    glossed_hans = ({name for names in glossed.values() for name in names} | {t for ts in gloss_tails.values() for t in ts}
                    | word_glossed)

    def maybe_spelled_otherwise(word: str, givers: set[str]) -> set[str]:
        alike = spelled_alike((word,), givers) | {o for o in outlets - givers
                                                  if written_alike(word, o, glossed=word in glossed_hans)}
        if in_dictionary(word) or word in heads:
            return alike
        given = {n for o in givers for n in fact_nouns[o]}
        given_text = "".join(fact_text[o] for o in givers)
        return alike | {o for o in outlets - givers
                        if any(not in_dictionary(n) and len(n) >= 2 and n not in given for n in fact_nouns[o])
                        or any(_answers(word, r) and r not in given_text for r in fact_runs[o])}

    # A silent outlet whose sentence of the same fact writes a foreign name with the same consonants,
    # a syllable without one put in or left out (葛兰姆 and 格雷厄姆, both Graham), names the same person:
    # the fact holds the two names in one role, so a short key is evidence here as it is not in a whole text.
    def spelled_alike(names: Iterable[str], givers: set[str], glossed: bool = False) -> set[str]:
        return {o for o in outlets - givers
                if any(sounds_alike(name, n, glossed) for name in names for n in fact_nouns[o])}

    # The same, the two names of unequal lengths, one or both in Latin letters (亚历塞维奇 or Svetlana Alexievich against
    # 阿列克谢耶维奇; 蒙贝列（Montpellier）against 蒙彼利埃): the shorter's consonants are the longer's, some left out
    # (``phonetic.transliterates_alike``). The silent outlet's names of the fact: its nouns, its runs of
    # transliteration characters (jieba cuts a name it does not know) and its Latin words.
    def written_alike(name: str, outlet: str, glossed: bool = False) -> bool:
        if not UNEQUAL_TRANSLITERATIONS:
            return False
        return any(transliterates_alike(name, n, glossed)
                   for n in (*sorted(fact_nouns[outlet] | fact_runs[outlet]), *sorted(latin_words(fact_text[outlet]))))

    # A silent outlet whose sentence of the fact writes another name where a giver's writes this one names it too.
    def said_in_same_place(name: str, givers: set[str], everyone: set[str], glossed: Iterable[str] = ()) -> set[str]:
        own = [s for s in members if s.ref.outlet in givers]
        return {o for o in outlets - everyone
                if _names_in_same_place(o, name, own, [s for s in members if s.ref.outlet == o], outlet_texts, glossed)}

    # A silent outlet whose sentence of the fact writes the name spelt otherwise, by the transducer
    # (``SPELT_OTHERWISE_IN_FACT``): ``hans`` the Han forms asked, ``latins`` the Latin names.
    names_of_fact: dict[str, set[str]] = {}

    def spelt_otherwise(hans: tuple[str, ...], latins: tuple[str, ...], everyone: set[str]) -> set[str]:
        forms = [*hans, *(normalize(latin) for latin in latins)]
        found = set()
        for o in sorted(outlets - everyone):
            if o not in names_of_fact:
                names_of_fact[o] = _fact_names(s for s in members if s.ref.outlet == o)
            if any((any(spelt_otherwise_in_fact(han, name) for han in hans)
                    or any(reads_in_fact(name, latin) for latin in latins))
                   and not _told_apart(forms, [name], outlet_texts) for name in sorted(names_of_fact[o])):
                found.add(o)
        return found

    # An outlet writing the short form of a whole name of glossed pieces the givers write (``PIECES_OF_GLOSSED_WHOLE``).
    def whole_of_pieces(word: str, givers: set[str], everyone: set[str]) -> set[str]:
        runs = {run for member in members if member.ref.outlet in givers and word in member.normalized
                if (run := _glossed_run_around(word, member.normalized))}
        found: set[str] = set()
        for text, pieces in sorted(runs):
            if all(_only_inside(word, text, outlet_texts.get(o, "")) for o in givers):
                found |= {o for o in story_outlets if o not in everyone | found
                          and _whole_glossed_in(pieces, outlet_nouns.get(o, ()))}
        return found

    def named_by_short_form(word: str, givers: set[str], longer_names: Callable[[str, str], Iterable[str]],
                            short_form_in: Callable[[str, str], bool], candidates: set[str]) -> set[str]:
        """The outlets among ``candidates`` writing a short form (``short_form_in``) of a longer name the givers'
        sentences hold ``word`` inside (``longer_names`` of the word and a sentence), when every giver writes ``word`` only inside
        that name (the two readers: ``WHOLE_SHORT_FORMS``, ``HEAD_KEPT_PIECES``)."""
        names = {name for member in members if member.ref.outlet in givers and word in member.normalized
                 for name in longer_names(word, member.normalized)}
        found: set[str] = set()
        for name in sorted(names):
            if all(_only_inside(word, name, outlet_texts.get(o, "")) for o in givers):
                found |= {o for o in candidates - found if short_form_in(name, outlet_texts.get(o, ""))}
        return found

    partial = []
    for word, givers in mentioned.items():
        everyone = givers_of(word, givers) | maybe_spelled_otherwise(word, givers)
        if word in heads:
            # An outlet naming the head in any form (国台办 for 国务院台办) may name the whole name too.
            everyone |= givers_of(word, givers, heads[word])
        # A transliterated full name (哈马德·哈桑) is one person: an outlet naming him by his
        # surname alone, in any transliteration (卫生部长哈山), names him too.
        for surname in surnames.get(word, ()):
            everyone |= givers_of(word, givers, surname)
        # And the reverse: an outlet naming him by the given name alone (萨达姆 of 萨达姆·侯赛因) names the person the
        # surname stands for. It can only withhold a claim (another 萨达姆 may be meant), never make one.
        for given in given_names.get(word, ()):
            everyone |= givers_of(word, givers, given)
        if GIVEN_NAME_RUNS and outlet_raw is not None and news_to_someone(everyone):
            everyone |= named_by_given_name((word,), word, givers, everyone)
        # A piece jieba cut from a longer name the dictionary holds (维多利亚 of 维多利亚公园), which its givers
        # write nowhere else, stands for the whole name: an outlet writing the whole, one of its dictionary
        # forms or its short form (维园) names it.
        whole = wholes.get(word)
        if whole and all(_only_inside(word, whole, outlet_texts.get(o, "")) for o in givers):
            everyone |= {o for o in outlets - everyone if _whole_named_in(o, whole, outlet_texts)}
        elif WHOLE_SHORT_FORMS and not whole and news_to_someone(everyone):
            # The longer name no dictionary holds: the run of nouns a giver's cut begins with the piece (托雷多|竞技队),
            # which every giver writes it only inside; an outlet writing a short form of it kept apart (托竞) names it.
            everyone |= named_by_short_form(word, givers, _runs_begun_by, _kept_apart_short_form_in,
                                            outlets - everyone)
        if HEAD_KEPT_PIECES and news_to_someone(everyone):
            # A piece of a long name its givers write it only inside (大洋洲 of 北美大洋洲司), which an outlet names by a
            # short form keeping its head and a character of each word (美大司: ``HEAD_KEPT_PIECES``).
            everyone |= named_by_short_form(word, givers, _compound_names_holding, _short_form_kept_in,
                                            set(story_outlets) - everyone)
        if PIECE_OF_INITIALLED and news_to_someone(everyone):
            everyone |= _initialled_whole_named(word, givers, initialled, story_outlets, outlet_texts) - everyone
        if PIECES_OF_GLOSSED_WHOLE and news_to_someone(everyone):
            everyone |= whole_of_pieces(word, givers, everyone)
        everyone |= said_in_same_place(word, givers, everyone)
        if SPELT_OTHERWISE_IN_FACT and news_to_someone(everyone):
            everyone |= spelt_otherwise((word,), tuple(latin for latin, names in glossed.items() if word in names), everyone)
        # A person named by surname and title (郑先生), whom another outlet's report names by the same surname and
        # another title or kin term of the same kind (郑父) (``SURNAME_WITH_TITLE``).
        if SURNAME_WITH_TITLE and news_to_someone(everyone) and (titled := _titled_surname(word)):
            everyone |= {o for o in story_outlets if o not in everyone
                         and _names_titled(titled, word, outlet_texts.get(o, ""))}
        if BODY_WIDENED and news_to_someone(everyone) and (split := _opening_and_head(word)):
            everyone |= {o for o in story_outlets if o not in everyone
                         and _widened_body_in(split, outlet_texts.get(o, ""))}
        if SURNAME_SHORT_FORMS and news_to_someone(everyone):
            meeting = {o for o in story_outlets if o not in everyone
                       and _meeting_short_form_in(word, outlet_texts.get(o, ""), outlet_nouns.get(o, ()))}
            if meeting and _most_written_of_first(word, outlet_texts, outlet_nouns):
                everyone |= meeting
        if outlet_raw is not None and news_to_someone(everyone):
            everyone |= {o for o in story_outlets if o not in everyone and (
                UNDOTTED_NAMES and _written_dotted_apart(word, outlet_raw.get(o, _NOTHING_WRITTEN))
                or SURNAME_LEFT_UNNAMED and _surname_left_unnamed(word, outlet_raw.get(o, _NOTHING_WRITTEN)))}
        if ONE_OTHER_NAME_EACH and other_names and news_to_someone(everyone):
            everyone |= other_names.get(word, set()) & set(story_outlets)
        if givers != outlets and news_to_someone(everyone):
            partial.append((word, everyone))
    partial.sort(key=lambda item: (-idf(item[0]), item[0]))
    details = {word: sorted(o) for word, o in partial[:MAX_DETAILS]}
    # The original-language name is a detail too (what a reader searches foreign sources for),
    # unless the others name the same person in Chinese.
    for latin, givers in glosses.items():
        everyone = givers_of(latin, givers).union(*(givers_of(latin, givers, name) for name in glossed[latin]))
        if GIVEN_NAME_RUNS and outlet_raw is not None and news_to_someone(everyone):
            # A full name glossed whole (布拉希姆·阿乌萨维(Brahim Aouissaoui)): an outlet naming the person by the given
            # name before the surname's dot names him, as for the surname claimed in Han (``_given_name_runs``).
            everyone |= named_by_given_name(glossed[latin], latin.split()[-1], givers, everyone)
        names = {*glossed[latin], *gloss_tails[latin]}
        everyone |= spelled_alike(names, givers, glossed=True)
        everyone |= {o for o in outlets - everyone
                     if written_alike(latin, o) or any(written_alike(name, o, glossed=True) for name in sorted(names))}
        # Anywhere in a silent outlet's text: a transliteration that both sounds like the glossed one and
        # reads as the gloss (格雷厄姆 against 葛兰姆（Lindsey Graham）): two weak tests agreeing.
        everyone |= {o for o in story_outlets if o not in everyone and any(
            sounds_alike(name, noun, glossed=True) and reads_loosely(noun, latin)
            for name in names for noun in outlet_nouns.get(o, ()))}
        # An outlet writing the glossed enterprise's trade name with a legal form names it (only that test: the
        # enterprise's name is read from the text before the gloss by its structure, and may be a common word's end).
        everyone |= {o for o in story_outlets if o not in everyone and any(
            _trade_name_in(name, outlet_texts.get(o, "")) for name in sorted(enterprises[latin]))}
        # An outlet writing alone the trade name the dictionary glosses with the Latin name's first word (``GLOSSED_TRADE_NAME``).
        if GLOSSED_TRADE_NAME and news_to_someone(everyone):
            trade = sorted({name for run in gloss_runs[latin] for name in _dictionary_trade_names(run, latin)})
            everyone |= {o for o in story_outlets if o not in everyone
                         and any(_trade_name_alone_in(name, outlet_texts.get(o, "")) for name in trade)}
        # An outlet writing the glossed name with a homophone where jieba cut it apart (赛伯|特 for 赛博特: a name the
        # giver's cut keeps whole, not a guessed tail, 德粮食 of 艾莫德|粮食, whose homophone 的粮食 is a coincidence), or the whole
        # Han run the gloss follows, four characters or more, with exactly one character a homophone (州公共卫生试验室
        # for 州公共卫生实验室; never the run as written: it may be a title, 美国国防部长), writes the same name.
        everyone |= {o for o in story_outlets if o not in everyone and (
            any(_homophone_begun_in(name, outlet_texts.get(o, "")) for name in sorted(gloss_words[latin]))
            or any(_misspelt_in(run, outlet_texts.get(o, "")) for run in sorted(gloss_runs[latin])
                   if len(run) >= MISSPELT_CHARS))}
        everyone |= said_in_same_place(latin, givers, everyone, glossed[latin])
        if SAME_ROLE_TRANSLITERATIONS and news_to_someone(everyone):
            everyone |= {o for o in story_outlets if o not in everyone and any(
                _written_in_same_role(name, role, outlet_texts.get(o, "")) for name, role in sorted(roles[latin]))}
        if SPELT_OTHERWISE_IN_FACT and news_to_someone(everyone):
            everyone |= spelt_otherwise(tuple(sorted(gloss_words[latin])), (latin,), everyone)
        if GLOSSED_KNOWN_SPELLING and spelt_in_story and news_to_someone(everyone):
            everyone |= spelt_in_story.get(latin, set()) & set(story_outlets)
        # An outlet naming the body whose part the name is (``GLOSSED_PART_OF_BODY``).
        for owner in sorted(part_bodies[latin]):
            everyone |= givers_of(latin, givers, owner)
        # An outlet whose sentence of the fact writes another translation of the name (``TRANSLATED_ALIKE``).
        everyone |= {o for o in outlets - everyone
                     if any(_translated_alike(run, sentence.normalized) for run in sorted(gloss_runs[latin])
                            for sentence in members if sentence.ref.outlet == o)}
        if outlet_raw is not None and news_to_someone(everyone):
            # The Han names the gloss follows, written by a silent outlet with a name dot elsewhere (罗伯特科·赫研究所
            # for 羅伯特．科赫研究所（Robert Koch Institute）: ``UNDOTTED_NAMES``), and the name's first word glossed
            # alone by a silent outlet (再生元（Regeneron） for Regeneron Pharmaceuticals Inc.: ``FIRST_WORD_GLOSSES``).
            everyone |= {o for o in story_outlets if o not in everyone and (
                UNDOTTED_NAMES and any(_written_dotted_apart(name, outlet_raw.get(o, _NOTHING_WRITTEN))
                                       for name in sorted({*glossed[latin], *gloss_runs[latin]}))
                or FIRST_WORD_GLOSSES and _first_word_glossed(latin, outlet_raw.get(o, _NOTHING_WRITTEN)))}
        if givers != outlets and news_to_someone(everyone) and everyone == givers:
            details[latin] = sorted(givers)
    return details
