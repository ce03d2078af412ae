"""The search help states the bounds of one query safety71 set (text.search_key), in both scripts, and
`newsmirror search --help` too (safety72): a reader whose words were left out could not know why from the help."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.text.search_key import MAX_PHRASES, MAX_QUERY_WORDS, MAX_SINGLE_CHARACTERS, parse_query


def _help(client: TestClient, script: str) -> str:
    page = lxml_html.fromstring(client.get("/search", params={"script": script}).text)
    return " ".join("".join(page.xpath("//details[contains(@class, 'search-help')]//text()")).split())


@pytest.mark.parametrize(("script", "words"), [("orig", ("一次搜索最多用前", "单个字", "多出的词不用来搜索")),
                                               ("zh-Hant", ("一次搜尋最多用前", "單個字", "多出的詞不用來搜尋"))])
def test_the_search_help_says_how_many_words_a_query_may_have(client: TestClient, script: str,
                                                              words: tuple[str, ...]) -> None:
    text = _help(client, script)
    assert all(w in text for w in words), text
    numbers = [int(n) for n in re.findall(r"\d+", text.split(words[0])[1])[:3]]
    assert numbers == [MAX_QUERY_WORDS, MAX_SINGLE_CHARACTERS, MAX_PHRASES], text


def test_the_bounds_stated_are_the_ones_applied() -> None:
    # As many words as the help says are searched, one more is left out; so for single characters.
    cities = ["北京", "上海", "广州", "深圳", "天津", "重庆", "南京", "武汉", "成都", "西安", "杭州", "苏州", "长沙"]
    parsed = parse_query(" ".join(f'"{city}"' for city in cities[:MAX_QUERY_WORDS + 1]))
    assert len(parsed.terms) == MAX_QUERY_WORDS and parsed.left_out == cities[MAX_QUERY_WORDS:MAX_QUERY_WORDS + 1]
    assert sum(t.prefix for t in parse_query("美 英 法").terms) == MAX_SINGLE_CHARACTERS


def test_search_help_on_the_command_line_says_the_bounds() -> None:
    text = " ".join(CliRunner().invoke(app, ["search", "--help"], env={"COLUMNS": "200"}).output.split())
    text = text.replace("│", " ")
    text = " ".join(text.split())
    assert f"first {MAX_QUERY_WORDS} words" in text and f"at most {MAX_SINGLE_CHARACTERS} of them a single" in text
    assert f"at most {MAX_PHRASES} runs" in text and "left out are named" in text
