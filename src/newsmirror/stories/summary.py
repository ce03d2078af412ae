"""A big story read in a minute: the facts most outlets share, then what each outlet alone adds,
most important first. The full side-by-side grid stays available on demand.

Importance of an outlet's own fact: how early it comes in the report (news is written lead
first) and how much it names (people, places, organisations, numbers are what a reader of
another outlet would miss). Fixed rules, no learned weights.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from newsmirror.text.sentences import runs_on

_NUMBER = re.compile(r"\d")
_MARKS = re.compile(r"[\W_]+")
SHARED_FACTS = 6  # facts most outlets share, shown first
OWN_FACTS = 3  # each outlet's own facts shown in the summary


@dataclass(slots=True)
class Summary:
    outlets: list[str]
    common: list[Fact] = field(default_factory=list)  # most outlets first
    own: dict[str, list[Fact]] = field(default_factory=dict)  # outlet -> its own facts, most important first
    more_own: dict[str, int] = field(default_factory=dict)  # outlet -> own facts left out of the summary


def importance(fact: Fact) -> float:
    """Lead position and named details: higher is more important."""
    first = fact.sentences[0]
    position = 1.0 / (1 + first.index)
    detail = min(len(fact.details), 4) * 0.1 + (0.2 if _NUMBER.search(first.text) else 0.0)
    return position + detail


_CLOSERS = "」』”’\"'）)] 　"
Units = dict[tuple[str, int], SentenceRef]


def asks(text: str) -> bool:
    """Whether a unit is a question (its last mark, closing quotes and brackets aside, a question mark): a heading
    (他还将继续治国理政吗？), a programme's link (时事大家谈：…怼北京？) or an interviewer's question; it reports nothing a
    reader could take as the outlet's point (summary96: 10 of 561 summary lines of tuning-data stories, 7 of them
    furniture). The grid keeps it where it stands."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in "？?"


def summarize(comparison: Comparison, shared: int = SHARED_FACTS, own: int = OWN_FACTS) -> Summary:
    """The facts reported by the most outlets (ties: earliest in the reports), then each outlet's
    own facts ranked by ``importance``.

    A line reads as a sentence (summary96): a common line is said by the outlet whose unit of the fact opens its
    sentence and asks nothing (``_said_by``), a fact every unit of which asks is no line; an outlet's own line that
    opens inside its sentence is shown after the units its sentence opens with (``_with_head``: 于去年6月21日号召群众包围
    警察总部。 alone has no subject); a question, or a line saying again what a line before it says, is not one of an
    outlet's own lines (the next in rank is)."""
    units: Units = {(ref.article_id, ref.index): ref for fact in comparison.facts() for ref in fact.sentences}
    pictured = {(report, index) for report, indexes in comparison.captions.items() for index in indexes}
    texted = {report for report, _ in units.keys() - pictured}  # reports with a unit outside their captions
    facts = [_said_by(fact, units) for fact in [*comparison.shared, *comparison.partial]]
    lines = _distinct_leads([fact for fact in facts if not all(asks(ref.text) for ref in fact.sentences)])
    lines.sort(key=lambda f: (-len(f.outlets), min(s.index for s in f.sentences)))
    summary = Summary(outlets=list(comparison.outlets), common=_common_lines(lines, units, shared))
    # The common lines as each outlet's own lines are checked against them: what they read, which units they show.
    common_shown = [(_plain(fact.sentences[0].text), _keys(fact.sentences[:1])) for fact in summary.common]
    # Every unit a common line shows, its sentence's head with it: an outlet's own clause of that sentence is shown
    # there already, after the line as its sentence's rest (``stories.quoted.sentence_rest``); as an own line it read
    # the common line's words again (summary97: 12 of 596 lines of 33 tuning-data stories).
    common_units = {key for fact in summary.common for key in _keys(
        [*_head(units.get((fact.sentences[0].article_id, fact.sentences[0].index), fact.sentences[0]), units),
         fact.sentences[0]])}
    for outlet in comparison.outlets:
        # A fact told only in a picture's caption is no own line of a report with text outside its captions
        # (summary97: 5 of 596 lines a caption, 3 of them a pictured act with no credit mark, 人们骑车路过…央视大楼。);
        # a photo story's captions are its text (caption70: a wire's captions tell the news).
        ranked = [fact for fact in sorted(comparison.unique.get(outlet, []), key=importance, reverse=True)
                  if not _captioned(fact, pictured) or fact.sentences[0].article_id not in texted]
        shown = list(common_shown)
        chosen: list[Fact] = []
        copies: list[tuple[str, frozenset[str]]] = []  # (report, bigrams) of the lines chosen: ``_copy_of``
        for fact in ranked:
            if len(chosen) == own:
                break
            # As the line would read (its sentence's head before it), in one width and without marks: two reports of
            # one outlet write one paragraph with (EDWA) and （EDWA）.
            # A line closing a quotation it does not open, wholly a quotation (「中国已成黑客天堂」: a subheading), or
            # opening on a comma, even after its sentence's head (我们会依法处置这些人。”) says no one's words; a line held in one shown already, or holding one of other units
            # (another report's copy of it; not the clause before it, with which it makes one line), says it again.
            line = _with_head(fact, units)
            said = "".join(ref.text for ref in line.sentences)
            text, keys = _plain(said), _keys(line.sentences)
            report, grams = line.sentences[0].article_id, _bigrams(text)
            if asks(fact.sentences[0].text) or _unsaid(said) or _quoted_on(line.sentences[0], units) or any(
                    text in before or before in text and not keys & before_keys for before, before_keys in shown):
                continue
            if keys & common_units or _copy_of(report, grams, copies):
                continue
            shown.append((text, keys))
            copies.append((report, grams))
            chosen.append(fact)
        summary.own[outlet] = _overlaps_merged([_with_head(fact, units) for fact in _joined(chosen)])
        summary.more_own[outlet] = len(comparison.unique.get(outlet, [])) - len(chosen)
    return summary


_OPENING_QUOTES, _CLOSING_QUOTES = "“「『", "”」』"
# The share of a line's letter pairs that another line of its outlet, from another report, holds when the two are
# one sentence copied (菅義偉2日宣布參選…, 菅義偉今天傍晚宣布參選…: one outlet's two reports; summary97, 2 of 596 lines).
COPY_SHARE = 0.8
# How many units before a line a quotation it stands inside may have opened, and in how many after it (the line's
# own first) it must close (``_quoted_on``): a long quotation runs over many clauses; one a page's slip leaves open
# closes in none.
QUOTED_UNITS = 10
QUOTED_CLOSING_UNITS = 10


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _copy_of(report: str, grams: frozenset[str], chosen: list[tuple[str, frozenset[str]]]) -> bool:
    """Whether a line is a copy of a line chosen before it from another report of its outlet: ``COPY_SHARE`` of the
    shorter line's letter pairs are the other's. Two reports of one outlet repeat a sentence with a day written
    otherwise (2日 / 今天傍晚), which the containment test (``text in before``) misses."""
    return any(other != report and grams and before
               and len(grams & before) >= COPY_SHARE * min(len(grams), len(before)) for other, before in chosen)


def _captioned(fact: Fact, pictured: set[tuple[str, int]]) -> bool:
    """Whether every unit of the fact was read from a picture's caption (``Comparison.captions``)."""
    return all((ref.article_id, ref.index) in pictured for ref in fact.sentences)


def _quoted_on(ref: SentenceRef, units: Units) -> bool:
    """Whether the unit stands inside a quotation one of the ``QUOTED_UNITS`` units before it in its report opened and
    none closed: someone's words, whose the line does not say (法广 有时候不免瞎想，…, two units after 许章润称，“…;
    summary97: 2 of 596 lines)."""
    depth = 0
    for index in range(ref.index - QUOTED_UNITS, ref.index):
        if (before := units.get((ref.article_id, index))) is not None:
            depth = max(depth + _quote_balance(before.text), 0)
    if depth <= 0:
        return False
    # The quotation closes at the line or in the units after it: a quotation a page never closes (中央社 他在紙條上
    # 寫下「李總統遺留的民主資產，將永遠推動美台關係向前進。, its 」 missing) is no quotation of the lines after it.
    for index in range(ref.index, ref.index + QUOTED_CLOSING_UNITS):
        if (after := units.get((ref.article_id, index))) is not None:
            depth += _quote_balance(after.text)
            if depth <= 0:
                return True
    return False


def _quote_balance(text: str) -> int:
    """The quotations a text opens less those it closes."""
    return sum(text.count(c) for c in _OPENING_QUOTES) - sum(text.count(c) for c in _CLOSING_QUOTES)


def _keys(refs: list[SentenceRef]) -> set[tuple[str, int]]:
    """The units ``refs`` show, by report and place: the key of ``Units``."""
    return {(ref.article_id, ref.index) for ref in refs}


def _plain(text: str) -> str:
    """The text's letters and digits, in one width (NFKC), for telling a line a summary has shown already."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", text))


def _opens_inside(ref: SentenceRef, units: Units) -> bool:
    """Whether the unit is a clause its sentence does not open with: its report's unit before it runs on, or it
    opens on a clause's mark (，推动两国关系沿着正确轨道向前发展。"), or it closes a quotation it does not open (我们的敌对者
    总是在寻求利用我们的弱点。”: whose words, the unit does not say)."""
    if _unsaid(ref.text) or _quoted_on(ref, units):
        return True
    before = units.get((ref.article_id, ref.index - 1))
    return before is not None and runs_on(before.text)


def _unsaid(text: str) -> bool:
    """Whether a line's text cannot say whose words or what subject it has: it opens on a clause's mark, closes a
    quotation it does not open, or is wholly a quotation (「我們期待他趕快展現自己真正的實力…」。 where another outlet wrote
    赵立坚讽刺道：“…”)."""
    stripped = text.strip()
    if stripped[:1] in "，,、；;：:":
        return True
    balance = _quote_balance(stripped)
    if balance < 0:
        return True
    # A quotation closed in straight quotes, which neither open nor close visibly: an odd count of them, the last
    # after the sentence's end (…的自由……"; summary97: a common line of BBC中文), closes one opened before the line.
    if stripped.count('"') % 2 and stripped.endswith('"') and stripped[:-1].rstrip().endswith(("。", "！", "？", "…", ".")):
        return True
    # A line opening a quotation it does not close ("根据第13871号行政令，我们采取了今天的行动。): the speaker is named
    # after it, outside the line.
    if stripped[:1] in _OPENING_QUOTES and balance > 0:
        return True
    return stripped[:1] in _OPENING_QUOTES and stripped.rstrip("。.！!").endswith(tuple(_CLOSING_QUOTES))


def _head(ref: SentenceRef, units: Units) -> list[SentenceRef]:
    """The units of the report before ``ref`` in its sentence, first first (none when ``ref`` opens its sentence)."""
    head: list[SentenceRef] = []
    at = ref
    while (before := units.get((at.article_id, at.index - 1))) is not None and runs_on(before.text):
        at = before
        head.insert(0, at)
    return head


def _said_by(fact: Fact, units: Units) -> Fact:
    """The fact with the unit its summary line shows first: of its units, the first in the fact's order that opens
    its sentence and asks nothing; else the first that asks nothing; else its first. A clause cut from inside a
    sentence (被控煽惑他人参与未经批准集结等罪，案件今天续审。) read as a fact of its own, with no subject, where another
    outlet of the same fact wrote it as a sentence."""
    order = sorted(range(len(fact.sentences)),
                   key=lambda i: (asks(fact.sentences[i].text), _opens_inside(fact.sentences[i], units), i))
    if order[0] == 0:
        return fact
    lead = fact.sentences[order[0]]
    return Fact([lead, *(ref for ref in fact.sentences if ref is not lead)], fact.details, fact.spellings)


def _common_lines(facts: list[Fact], units: Units, shared: int) -> list[Fact]:
    """The first ``shared`` facts as lines (``_headed_lead``), leaving out a line whose sentence another line shows:
    its unit in the head of a line before it, or its head holding the unit of one (我们正转向仅限合作伙伴的模式， and,
    as the next line, the same words again before its own clause); the line before runs on into it on the page."""
    lines: list[Fact] = []
    seen: set[tuple[str, int]] = set()
    told: set[tuple[str, int]] = set()  # every unit of the facts shown: another outlet's telling of a line's fact
    for fact in facts:
        if len(lines) == shared:
            break
        lead = fact.sentences[0]
        head = _keys(_head(lead, units))
        keys = head | _keys([lead])
        # A head telling a fact a line before shows in another outlet's words says it again (summary97: 联合早报's
        # 一名TikTok发言人称，“为支持…团队， then 路透's “为支持…团队，包括…新加坡， as the next line).
        if keys & seen or head & told:
            continue
        seen |= keys
        told |= _keys(fact.sentences)
        lines.append(_headed_lead(fact, units))
    return lines


def _headed_lead(fact: Fact, units: Units) -> Fact:
    """A common line whose unit opens inside its sentence (no outlet of the fact wrote it as a sentence of its own):
    the line's unit with its sentence's head before it, one unit as the line shows one (the rest of the sentence
    after it is the outputs', ``stories.quoted.sentence_rest``, found in the report by this text)."""
    lead = fact.sentences[0]
    head = _head(lead, units)
    if not head:
        return fact
    joined = SentenceRef(lead.article_id, lead.outlet, lead.index, "".join(ref.text for ref in head) + lead.text)
    return Fact([joined, *fact.sentences[1:]], fact.details, fact.spellings)


def _with_head(fact: Fact, units: Units) -> Fact:
    """An outlet's own line opening inside its sentence, with the units its sentence opens with before it."""
    head = _head(fact.sentences[0], units)
    return Fact([*head, *fact.sentences], fact.details, fact.spellings) if head else fact


def _overlaps_merged(lines: list[Fact]) -> list[Fact]:
    """Lines sharing a unit (two clauses of one sentence, each shown with its head) made one, at the first's place,
    its units in the report's order."""
    out: list[Fact] = []
    for fact in lines:
        keys = _keys(fact.sentences)
        at = next((i for i, line in enumerate(out) if keys & _keys(line.sentences)), None)
        if at is None:
            out.append(fact)
            continue
        line = out[at]
        refs = {(ref.article_id, ref.index): ref for ref in [*line.sentences, *fact.sentences]}
        out[at] = Fact(sorted(refs.values(), key=lambda ref: (ref.article_id != line.sentences[0].article_id,
                                                              ref.article_id, ref.index)),
                       {**fact.details, **line.details}, {**fact.spellings, **line.spellings})
    return out


def _distinct_leads(facts: list[Fact]) -> list[Fact]:
    """One line per first sentence. One sentence may stand in two facts (an outlet's packed sentence matched by two
    others' statements); the summary shows each fact by its first sentence, so the second would read as the same fact
    twice (4/4 and 3/4 of one line). The second fact's outlets stay on the line: they report (a part of) its sentence,
    and a line naming the outlets that leave it out (除…外) must not name one of them."""
    lines: dict[tuple[str, int], Fact] = {}
    for fact in facts:
        lead = (fact.sentences[0].article_id, fact.sentences[0].index)
        line = lines.get(lead)
        if line is None:
            lines[lead] = fact
            continue
        shown = {(s.article_id, s.index) for s in line.sentences}
        more = [s for s in fact.sentences if (s.article_id, s.index) not in shown]
        lines[lead] = Fact([*line.sentences, *more], line.details, line.spellings)
    return list(lines.values())


def _joined(facts: list[Fact]) -> list[Fact]:
    """An outlet's own facts as the summary's lines: a fact whose last unit stops inside its sentence (a clause cut at
    a comma) and the fact holding that sentence's next unit, both shown, make one line in the report's order. Apart,
    the first line ended on its comma and its sentence's rest (``stories.quoted.sentence_rest``) was the next line
    again (台湾至今只有480个病毒确诊案例， then 包括7个死亡案例，…: polish75). The same facts, fewer lines. A line made
    of two is joined again with any other it runs into, at the place of the first of them: three clauses of one
    sentence ranked first, third, second made two lines, the first ending on its comma (review57)."""
    lines: list[Fact] = []
    for fact in facts:
        at = len(lines)
        while joined := next(((i, line) for i, line in enumerate(lines)
                              if _runs_into(line, fact) or _runs_into(fact, line)), None):
            i, line = joined
            fact = _merged(line, fact) if _runs_into(line, fact) else _merged(fact, line)
            del lines[i]
            at = min(at, i)
        lines.insert(at, fact)
    return lines


def _runs_into(first: Fact, then: Fact) -> bool:
    """Whether ``first``'s last unit stops inside its sentence and ``then`` opens with that sentence's next unit."""
    before, after = first.sentences[-1], then.sentences[0]
    return (before.article_id, before.index + 1) == (after.article_id, after.index) and runs_on(before.text)


def _merged(first: Fact, then: Fact) -> Fact:
    return Fact([*first.sentences, *then.sentences], {**then.details, **first.details},
                {**then.spellings, **first.spellings})
