"""Public bodies named by a generic head: 特区政府, 港府, 香港政府 and 香港当局 are one government.

Such a name is a qualifier (a place, 香港; its abbreviation, 港; or a status, 特区, 联邦) and a
head noun any country's body of that kind has (政府, 当局, 警方, 法院). Outlets pick among the
forms freely, so "only X names 特区政府" is false when another outlet writes 港府. Two names
are forms of one body when their heads are of one kind and their qualifiers one place: equal
(after the alias table), or one an abbreviation of the other (港 of 香港, 美 of 美国). A status
qualifier says no place: it stands for a body the same outlet also names with a place (an
outlet writing 特区政府 writes 港府 or 香港政府 too), or, if it names none, for any body of
that kind. The heads are the language's generic nouns for bodies, not names of bodies.

A seat of power also names the body housed there (metonymy): 五角大楼 is the US defence
ministry, 国会山 the US Congress, 克里姆林宫 the Russian presidency (``SEATS``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from newsmirror.text.aliases import canonical_names
from newsmirror.text.tokenize import pos_tokenizer

# Heads of one kind name one body (the government is 政府, 当局 or, after a one-character
# abbreviation of its place, 府: 港府; the police 警方 or 警: 港警).
BODY_HEADS: tuple[tuple[str, ...], ...] = (
    ("政府", "当局", "政权", "府"),
    ("警方", "警察", "警队", "警署", "警察局", "警"),
    ("法院", "法庭"),
    ("外交部", "外务省", "外交部门"),
    ("国防部", "防卫省", "国防部门"),
    ("军方", "军队"),
    ("议会", "国会"),
    # Institutes and societies: outlets translate a foreign one's name with different heads
    # (国际共和研究所 / 国际共和学会 for the International Republican Institute).
    ("研究所", "研究院", "研究中心", "学会", "协会", "基金会"),
)
# Seats that news writing uses for the body they house, each with the body's usual names
# (normalized: Simplified, aliases folded). Only seats whose body is one institution.
SEATS: tuple[tuple[str, ...], ...] = (
    ("五角大楼", "美国国防部", "美国防部"),
    ("国会山", "美国国会", "美国会"),
    ("雾谷", "美国国务院"),
    ("克里姆林宫", "俄罗斯总统府", "俄总统府", "俄罗斯总统办公室"),
    ("唐宁街", "英国首相府", "英国首相办公室"),
    ("青瓦台", "韩国总统府", "韩总统府"),
    ("爱丽舍宫", "艾丽榭宫", "法国总统府"),
)
# Kinds whose qualifier is the body's own name, not a place or a status: only the same qualifier
# names the same body (美国企业研究所 is not 国际共和研究所).
NAMED_KINDS = frozenset({len(BODY_HEADS) - 1})
# A one-character head only follows a one-character abbreviation (港府); after anything else
# 府 is the end of another word (政府, 首府).
_SHORT_HEAD_QUALIFIER = 1
MAX_QUALIFIER = 4
# Tags of a place or of an abbreviation (简称: 港 j, 美 ns) in jieba's dictionary.
_PLACE_TAGS = frozenset({"ns", "j"})
_HAN = re.compile(r"[\u4e00-\u9fff]+")


@cache
def _heads() -> tuple[tuple[str, int], ...]:
    """Every head with its kind, the longest first (警察局 before 警察)."""
    return tuple(sorted(((h, kind) for kind, heads in enumerate(BODY_HEADS) for h in heads), key=lambda x: -len(x[0])))


# Bounded: the terms asked about are words of every compared story (a worker runs for weeks).
@lru_cache(maxsize=1 << 16)
def body(term: str) -> tuple[str, int] | None:
    """(qualifier, kind of head) of a name made of a qualifier and a generic head (特区政府 ->
    (特区, government)); None for any other name, or a head alone."""
    for head, kind in _heads():
        qualifier = term[: -len(head)]
        if term.endswith(head) and qualifier and _HAN.fullmatch(qualifier) and len(qualifier) <= MAX_QUALIFIER:
            if len(head) == 1 and not (len(qualifier) == _SHORT_HEAD_QUALIFIER and is_place(qualifier)):
                continue
            return qualifier, kind
    return None


def place_of(qualifier: str) -> str | None:
    """The place a qualifier names: itself (香港, 港), or the place it begins with before a
    status (澳门特区 -> 澳门, 美国联邦 -> 美国); None for a status alone (特区, 联邦, 当地)."""
    for size in range(len(qualifier), 1, -1):
        if is_place(qualifier[:size]):
            return qualifier[:size]
    return qualifier if is_place(qualifier) else None


@lru_cache(maxsize=1 << 16)
def is_place(qualifier: str) -> bool:
    """Whether a qualifier names a place (香港, 美国) or abbreviates one (港, 美), by jieba's
    dictionary tag or the alias table; 特区, 联邦, 当地 do not."""
    if qualifier in _place_aliases():
        return True
    return pos_tokenizer().word_tag_tab.get(qualifier) in _PLACE_TAGS


@cache
def _place_aliases() -> frozenset[str]:
    return frozenset(n for n in canonical_names() if not n.isascii())


def same_place(a: str, b: str) -> bool:
    """Whether two place qualifiers are one place: equal, one a one-character abbreviation of
    the other (港 of 香港), or one the other with a status after it (香港特区, jieba's place)."""
    short, full = (a, b) if len(a) <= len(b) else (b, a)
    return short in full if len(short) == 1 else full.startswith(short)


def places_of(text: str, kind: int) -> set[str]:
    """The place qualifiers ``text`` (normalized) writes before a head of ``kind``: 港 and 香港
    in "港府…香港当局"."""
    found = set()
    for head, head_kind in _heads():
        if head_kind != kind:
            continue
        for match in re.finditer(re.escape(head), text):
            start = match.start()
            sizes = (1,) if len(head) == 1 else range(MAX_QUALIFIER, 0, -1)
            for size in sizes:
                qualifier = text[max(0, start - size) : start]
                place = place_of(qualifier) if len(qualifier) == size and _HAN.fullmatch(qualifier) else None
                if place is not None:
                    found.add(place)
                    break
    return found


def names_body(term: str, own_text: str, other_text: str) -> bool:
    """Whether ``other_text`` names the body ``term`` names (both normalized; ``own_text`` is
    the text of the outlets that write ``term``): a body of the same kind with the same place,
    in any form (香港政府, 港府, 香港当局 for 特区政府 where the outlet writing it names 港府)."""
    parsed = body(term)
    if parsed is None:
        return False
    qualifier, kind = parsed
    if len(qualifier) >= 2 and any(qualifier + head in other_text for head, k in _heads() if k == kind):
        return True  # the same qualifier with another head of the kind: 国际共和学会 for 国际共和研究所
    if kind in NAMED_KINDS:
        return False
    theirs = places_of(other_text, kind)
    place = place_of(qualifier)
    if place is not None:
        places = {place}
    else:
        places = places_of(own_text, kind)
        if not places:
            return bool(theirs)
    return any(same_place(p, q) for p in places for q in theirs)


def names_seat(term: str, other_text: str) -> bool:
    """Whether ``other_text`` (normalized) names the body ``term`` names by its seat or the seat
    by its body (美国国防部 for 五角大楼, and the other way round)."""
    return any(term in forms and any(form in other_text for form in forms if form != term) for forms in SEATS)
