"""Charset detection for Chinese pages whose headers lie, and Retry-After parsing."""

from __future__ import annotations

import codecs
from email.utils import formatdate

import pytest

from newsmirror.fetch import detect_and_decode, parse_retry_after
from newsmirror.fetch.charset import charset_from_content_type, declared_in_document

SIMPLIFIED = "<html><body><p>国务院新闻办公室今天举行发布会，介绍经济运行情况。记者：张三</p></body></html>"
TRADITIONAL = "<html><body><p>立法院今天三讀通過修正案，行政院長表示將盡快公布施行。記者：李四</p></body></html>"


@pytest.mark.parametrize(("text", "encoding", "header", "expected"), [
    (SIMPLIFIED, "utf-8", "text/html; charset=gbk", "utf-8"),  # valid UTF-8 beats a wrong header
    (SIMPLIFIED, "gbk", "text/html; charset=utf-8", "gb18030"),  # GBK body under a UTF-8 header
    (SIMPLIFIED, "gb2312", "text/html; charset=gb2312", "gb18030"),  # decoded with the superset
    (SIMPLIFIED + "<p>𠀀</p>", "gb18030", "text/html; charset=gbk", "gb18030"),  # GB18030-only character
    (TRADITIONAL, "big5", "text/html; charset=big5", "big5hkscs"),
    (TRADITIONAL, "big5", "text/html; charset=ISO-8859-1", None),  # latin-1 header ignored
    (TRADITIONAL, "big5", None, None),  # no declaration at all: statistical guess
])
def test_detect_and_decode(text: str, encoding: str, header: str | None, expected: str | None) -> None:
    decoded, used = detect_and_decode(text.encode(encoding), header)
    assert decoded == text
    if expected is not None:
        assert used == expected


def test_meta_and_xml_declarations() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>'
    assert declared_in_document(page.encode()) == "big5hkscs"
    assert declared_in_document(b'<?xml version="1.0" encoding="GB2312"?><rss/>') == "gb18030"
    assert declared_in_document(b"<html></html>") is None
    big5_page = (page + "<body>" + TRADITIONAL + "</body></html>").encode("big5")
    assert "立法院今天三讀通過" in detect_and_decode(big5_page, "text/html")[0]


def test_bom_wins() -> None:
    body = codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8")
    assert detect_and_decode(body, "text/html; charset=big5") == (SIMPLIFIED, "utf-8-sig")


def test_charset_from_content_type() -> None:
    assert charset_from_content_type('text/html; charset="GBK"') == "gb18030"
    assert charset_from_content_type("text/html") is None
    assert charset_from_content_type("text/html; charset=no-such-charset") is None


def test_parse_retry_after() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    now = 1_800_000_000.0
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30)
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now=now) == 0.0
