"""Readable differences between two states of an article: title, date and body.

Paragraphs are aligned first (body text keeps paragraphs apart with blank lines), then a
changed paragraph is compared token by token, where every Han character is its own token
and Latin words and numbers stay whole. Chinese has no spaces, so a word-level diff would
mark a whole paragraph as changed for one replaced character; a character-level diff of
English would shred words. The result is a small structure that publish, web and the CLI
render: as escaped HTML (``<ins>``/``<del>``) or as plain text with ``[-old-]{+new+}``.

difflib (standard library) does the alignment: the texts are short and its matching
blocks are what readers expect; no third-party diff library adds anything here.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from newsmirror.text.times import same_minute, stamp

SegmentOp = Literal["equal", "insert", "delete"]
BlockOp = Literal["equal", "insert", "delete", "replace"]

# A Han character (or CJK punctuation) alone; a run of letters/digits; a run of spaces; anything else alone.
_TOKEN = re.compile(
    r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
    r"|[A-Za-z0-9\u00c0-\u024f]+(?:[.,:'’][A-Za-z0-9]+)*"
    r"|\s+"
    r"|.",
    re.DOTALL,
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Paragraphs at least this similar are shown as one edited paragraph, not a deletion plus an insertion.
_PAIR_SIMILARITY = 0.45
# Equal runs this short between two changes are folded into the change: "[-ab-]{+cd+}" reads
# better than "[-a-]{+c+}x[-b-]{+d+}" when only one character happened to survive.
_SHORT_EQUAL = 2


@dataclass(frozen=True, slots=True)
class Segment:
    op: SegmentOp
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the comparison. ``segments`` is the inline diff of a replaced paragraph."""

    op: BlockOp
    old: str
    new: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class TextDiff:
    blocks: tuple[Block, ...]

    @property
    def changed(self) -> bool:
        return any(block.op != "equal" for block in self.blocks)

    @property
    def inserted_chars(self) -> int:
        return sum(_count_chars(b.segments, "insert") for b in self.blocks)

    @property
    def deleted_chars(self) -> int:
        return sum(_count_chars(b.segments, "delete") for b in self.blocks)

    @property
    def changed_paragraphs(self) -> int:
        return sum(1 for b in self.blocks if b.op != "equal")

    def to_html(self, context: int = 1) -> str:
        """Escaped HTML; unchanged paragraphs farther than ``context`` from a change are folded."""
        parts = ['<div class="nm-diff">']
        for item in _with_context(self.blocks, context):
            if isinstance(item, int):
                parts.append(f'<p class="nm-diff-skip">{_folded(item)}</p>')
                continue
            parts.append(f'<p class="nm-diff-{item.op}">{segments_html(item.segments)}</p>')
        parts.append("</div>")
        return "".join(parts)

    def to_text(self, context: int = 1) -> str:
        """Plain text for a terminal: ``[-deleted-]{+inserted+}``, one paragraph a line."""
        lines = []
        marks = {"equal": "  ", "insert": "+ ", "delete": "- ", "replace": "~ "}
        for item in _with_context(self.blocks, context):
            if isinstance(item, int):
                lines.append(f"  {_folded(item)}")
            else:
                lines.append(marks[item.op] + segments_text(item.segments))
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """What changed between two versions of an article."""

    title: TextDiff
    body: TextDiff
    old_published: datetime | None
    new_published: datetime | None

    @property
    def date_changed(self) -> bool:
        # Compared as shown (to the minute, in one zone): "09:02 → 09:02" is no change to a reader.
        return not same_minute(self.old_published, self.new_published)

    @property
    def changed(self) -> bool:
        return self.title.changed or self.body.changed or self.date_changed

    def summary(self) -> str:
        """One line for the reader's lists and the changes feed, in the reader's language, e.g.
        ``标题已改；2 段已改（+40 −12 字）`` (stored with the change when it is found: older records keep the
        English wording they were stored with)."""
        parts = []
        if self.title.changed:
            parts.append("标题已改")
        if self.date_changed:
            parts.append(f"日期 {_date(self.old_published)} → {_date(self.new_published)}")
        if self.body.changed:
            parts.append(f"{self.body.changed_paragraphs} 段已改（+{self.body.inserted_chars} −{self.body.deleted_chars} 字）")
        return "；".join(parts) or "无可见改动"

    def to_html(self, context: int = 1) -> str:
        parts = ['<section class="nm-version-diff">']
        if self.title.changed:
            title = self.title.blocks[0].segments if self.title.blocks else ()
            parts.append(f'<h3 class="nm-diff-title">{segments_html(title)}</h3>')
        if self.date_changed:
            parts.append(
                '<p class="nm-diff-date"><del>'
                f"{html.escape(_date(self.old_published))}</del> → <ins>"
                f"{html.escape(_date(self.new_published))}</ins></p>"
            )
        parts.append(self.body.to_html(context))
        parts.append("</section>")
        return "".join(parts)

    def to_text(self, context: int = 1) -> str:
        lines = []
        if self.title.changed:
            lines.append("title: " + self.title.to_text(context=0).strip())
        if self.date_changed:
            lines.append(f"date: {_date(self.old_published)} → {_date(self.new_published)}")
        if self.body.changed:
            lines.append(self.body.to_text(context))
        return "\n".join(lines)


def _folded(count: int) -> str:
    """The line standing for ``count`` unchanged paragraphs left out of a diff (the reader's language: the history
    page is a Chinese page, and the terminal's diff says it the same way)."""
    return f"⋯ {count} 段未改 ⋯"


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")) if p.strip()]


def inline_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Token-level diff of two short texts (a title, one paragraph)."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    raw: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            raw.append(Segment("equal", "".join(old_tokens[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment("delete", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            raw.append(Segment("insert", "".join(new_tokens[j1:j2])))
    return _merge(_fold_short_equals(raw))


def diff_text(old: str, new: str) -> TextDiff:
    """Paragraph-aligned diff of two bodies (paragraphs separated by blank lines)."""
    old_paras, new_paras = paragraphs(old), paragraphs(new)
    # Align on whitespace-free paragraphs so re-wrapping never shows as an edit.
    matcher = difflib.SequenceMatcher(
        None, [_squash(p) for p in old_paras], [_squash(p) for p in new_paras], autojunk=False
    )
    blocks: list[Block] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            blocks.extend(Block("equal", p, n, (Segment("equal", n),))
                          for p, n in zip(old_paras[i1:i2], new_paras[j1:j2], strict=True))
        else:
            blocks.extend(_pair_paragraphs(old_paras[i1:i2], new_paras[j1:j2]))
    return TextDiff(tuple(blocks))


def diff_title(old: str, new: str) -> TextDiff:
    if _squash(old) == _squash(new):
        return TextDiff((Block("equal", old, new, (Segment("equal", new),)),))
    return TextDiff((Block("replace", old, new, inline_diff(old, new)),))


def diff_versions(
    old_title: str, old_text: str, old_published: datetime | None,
    new_title: str, new_text: str, new_published: datetime | None,
) -> VersionDiff:
    return VersionDiff(
        title=diff_title(old_title, new_title),
        body=diff_text(old_text, new_text),
        old_published=old_published,
        new_published=new_published,
    )


def segments_html(segments: Iterable[Segment]) -> str:
    out = []
    for seg in segments:
        text = html.escape(seg.text)
        if seg.op == "insert":
            out.append(f"<ins>{text}</ins>")
        elif seg.op == "delete":
            out.append(f"<del>{text}</del>")
        else:
            out.append(text)
    return "".join(out)


def segments_text(segments: Iterable[Segment]) -> str:
    out = []
    for seg in segments:
        if seg.op == "insert":
            out.append("{+" + seg.text + "+}")
        elif seg.op == "delete":
            out.append("[-" + seg.text + "-]")
        else:
            out.append(seg.text)
    return "".join(out)


# -- helpers ---------------------------------------------------------------------
def _squash(text: str) -> str:
    return "".join(text.split())


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, _squash(a), _squash(b), autojunk=False)
    if matcher.real_quick_ratio() < _PAIR_SIMILARITY or matcher.quick_ratio() < _PAIR_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _pair_paragraphs(old: Sequence[str], new: Sequence[str]) -> list[Block]:
    """Within a changed stretch, show similar paragraphs as edits, the rest as deletions/insertions.
    Pairs keep their order: a paragraph is matched only to one after the previous pair."""
    blocks: list[Block] = []
    j = 0
    for paragraph in old:
        best, best_score = -1, _PAIR_SIMILARITY
        for k in range(j, len(new)):
            score = _similarity(paragraph, new[k])
            if score >= best_score:
                best, best_score = k, score
                if score > 0.9:
                    break
        if best < 0:
            blocks.append(Block("delete", paragraph, "", (Segment("delete", paragraph),)))
            continue
        blocks.extend(Block("insert", "", n, (Segment("insert", n),)) for n in new[j:best])
        blocks.append(Block("replace", paragraph, new[best], inline_diff(paragraph, new[best])))
        j = best + 1
    blocks.extend(Block("insert", "", n, (Segment("insert", n),)) for n in new[j:])
    return blocks


def _fold_short_equals(raw: list[Segment]) -> list[Segment]:
    folded: list[Segment] = []
    for index, seg in enumerate(raw):
        inner = 0 < index < len(raw) - 1
        if (seg.op == "equal" and inner and len(tokens(seg.text)) <= _SHORT_EQUAL
                and not seg.text.isspace()):
            folded.append(Segment("delete", seg.text))
            folded.append(Segment("insert", seg.text))
        else:
            folded.append(seg)
    # Put all deletions of a changed run before its insertions so it reads [-old-]{+new+}.
    out: list[Segment] = []
    run: list[Segment] = []
    for seg in [*folded, Segment("equal", "")]:
        if seg.op == "equal":
            out.extend(s for s in run if s.op == "delete")
            out.extend(s for s in run if s.op == "insert")
            run = []
            out.append(seg)
        else:
            run.append(seg)
    return out


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    merged: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if merged and merged[-1].op == seg.op:
            merged[-1] = Segment(seg.op, merged[-1].text + seg.text)
        else:
            merged.append(seg)
    return tuple(merged)


def _count_chars(segments: Iterable[Segment], op: SegmentOp) -> int:
    return sum(len(_squash(s.text)) for s in segments if s.op == op)


def _with_context(blocks: Sequence[Block], context: int) -> list[Block | int]:
    """The blocks to show, with an int standing for a folded run of that many equal paragraphs."""
    near = [False] * len(blocks)
    for index, block in enumerate(blocks):
        if block.op != "equal":
            for k in range(max(0, index - context), min(len(blocks), index + context + 1)):
                near[k] = True
    if not any(near):  # nothing changed: show it all rather than one fold
        return list(blocks)
    out: list[Block | int] = []
    skipped = 0
    for index, block in enumerate(blocks):
        if near[index]:
            if skipped:
                out.append(skipped)
                skipped = 0
            out.append(block)
        else:
            skipped += 1
    if skipped:
        out.append(skipped)
    return out


def _date(value: datetime | None) -> str:
    return stamp(value) if value else "（无）"  # shown on the history pages, which are Chinese pages
