"""Authors and editors from Chinese bylines.

Handles the common shapes: （记者历澄宇综合报导/责任编辑：林清）, （大纪元记者林宜君报导）,
责任编辑：元明清, （編輯：曹宇帆/唐佩君）, （中央社記者徐薇婷華盛頓3日專電）, 记者 乔龙 责编 胡力汉 许书婷.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME = r"[\u4e00-\u9fff·]{2,4}"
_NAME_LIST = rf"{_NAME}(?:\s*[/、，,和及 ]\s*{_NAME})*"
_SEPARATORS = re.compile(r"\s*[/、，, 和及]\s*")

_EDITOR = re.compile(
    rf"(?:(?:责任编辑|責任編輯|编辑|編輯)\s*[：:]|(?:责编|責編)\s*[：:]?)\s*(?P<names>{_NAME_LIST})")
_REPORTER = re.compile(
    rf"(?:记者|記者|撰稿人?|作者)\s*[：:]?\s*(?P<names>{_NAME_LIST}?)\s*"
    r"(?:综合|綜合|采访|採訪|编译|編譯)?(?:报导|報導|报道|報道)"
)
_CNA_REPORTER = re.compile(r"記者(?P<names>[\u4e00-\u9fff]{3})[\u4e00-\u9fff]{0,6}\d{1,2}日(?:專|综|綜)?電")
_SPACED_REPORTER = re.compile(rf"记者\s+(?P<names>{_NAME}(?:\s+{_NAME})*)\s+(?:责编|責編)")
# Words a greedy name match may swallow at its end.
_NOT_NAME_TAILS = ("综合", "綜合", "报导", "報導", "采访", "採訪", "编译", "編譯")


@dataclass(slots=True)
class Byline:
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)


def _names(text: str) -> list[str]:
    names = []
    for name in _SEPARATORS.split(text.strip()):
        for tail in _NOT_NAME_TAILS:
            name = name.removesuffix(tail)
        if 2 <= len(name) <= 4:
            names.append(name)
    return names


def _add(target: list[str], names: list[str]) -> None:
    for name in names:
        if name not in target:
            target.append(name)


def parse_bylines(paragraphs: list[str]) -> Byline:
    """Read bylines from the first and last few paragraphs of an article."""
    byline = Byline()
    candidates = paragraphs[:2] + paragraphs[-4:] if len(paragraphs) > 6 else paragraphs
    for text in candidates:
        for match in _CNA_REPORTER.finditer(text):
            _add(byline.authors, [match.group("names")])
        for match in _SPACED_REPORTER.finditer(text):
            _add(byline.authors, match.group("names").split())
        for match in _REPORTER.finditer(text):
            _add(byline.authors, _names(match.group("names")))
        for match in _EDITOR.finditer(text):
            _add(byline.editors, _names(match.group("names")))
    return byline
