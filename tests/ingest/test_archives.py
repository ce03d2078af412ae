from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsmirror.ingest.archives import (
    ArchiveError,
    ArchiveFormatError,
    FileKind,
    iter_archive_files,
    jekyll_parts,
    page_mirror_parts,
    read_archive_file,
)
from newsmirror.model import DocumentKind
from newsmirror.outlets import normalize_outlet_name, outlet_for_url, split_mirror_channel
from tests.fixtures_archives import JEKYLL_POST, NAN_POST, PAGE_MIRROR, make_archive, write


def test_page_mirror_parts_cut_the_shell() -> None:
    parts = page_mirror_parts(PAGE_MIRROR)
    assert parts.title == "测试城市举办春季灯会 市民踊跃参观"
    assert parts.original_url == "https://www.ntdtv.com/gb/2024/02/09/a1.html"
    assert parts.channel_key == "prog204"
    assert "主办方表示" in parts.body_html and "featured_image" in parts.body_html
    for junk in ("首页", "推广链接一号", "推广视频二号", "手机上长按", "原文地址", ".md.png", "width='0px'"):
        assert junk not in parts.body_html, junk


def test_page_mirror_file_gets_channel_and_outlet(tmp_path: Path) -> None:
    make_archive(tmp_path)
    found = read_archive_file(tmp_path / "mirror/pages/prog204/a1.md")
    assert found.kind is FileKind.PAGE_MIRROR and found.raw is not None
    raw = found.raw
    assert raw.kind is DocumentKind.PAGE_MIRROR
    assert raw.channel_hint == "大陆新闻"  # "N大陆新闻" without the outlet letter
    assert raw.outlet_hint == "新唐人"
    assert raw.url == "https://www.ntdtv.com/gb/2024/02/09/a1.html"
    assert raw.title_hint == "测试城市举办春季灯会 市民踊跃参观"


def test_page_mirror_without_names_table_reads_the_channel_from_its_navigation(tmp_path: Path) -> None:
    raw = read_archive_file(write(tmp_path, "pages/prog204/a1.md", PAGE_MIRROR)).raw
    assert raw is not None and raw.channel_hint == "大陆新闻"
    bare = PAGE_MIRROR.replace("[大陆新闻](../../indexes/N大陆新闻.md?a1)", "[某处](https://example.org/)")
    raw = read_archive_file(write(tmp_path, "other/pages/prog204/a1.md", bare)).raw
    assert raw is not None and raw.channel_hint == "prog204"  # nothing better than the folder's key


def test_jekyll_post_front_matter_and_epoch() -> None:
    parts = jekyll_parts(JEKYLL_POST)
    assert parts.epoch_ms == 1709265906000
    assert parts.front_matter["from"].startswith("https://www.cna.com.tw/")
    assert parts.body_html.startswith("<div>") and "[測試市長" not in parts.body_html


def test_jekyll_post_reads_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "_posts/2024-03-01-x.md", JEKYLL_POST)
    raw = read_archive_file(path).raw
    assert raw is not None and raw.kind is DocumentKind.JEKYLL_POST
    assert raw.title_hint == "測試市長宣布新交通政策 公車票價下調"
    assert raw.published_hint == datetime(2024, 3, 1, 4, 5, 6, tzinfo=UTC)
    assert raw.outlet_hint == "中央社"
    assert raw.author_hint == ""  # the feed's name is not a person


def test_nan_epoch_line_is_accepted(tmp_path: Path) -> None:
    parts = jekyll_parts(NAN_POST)
    assert parts.epoch_ms is None
    assert parts.body_html.startswith("<div>")
    raw = read_archive_file(write(tmp_path, "archived/2024-03-02/x.md", NAN_POST)).raw
    assert raw is not None and raw.outlet_hint == "联合早报"
    assert raw.published_hint == datetime(2024, 3, 2, 5, 6, 7, 220000, tzinfo=UTC)


def test_person_author_is_kept_as_author_hint(tmp_path: Path) -> None:
    post = JEKYLL_POST.replace("author: (臺)中央社CNA", "author: Jane Doe")
    raw = read_archive_file(write(tmp_path, "_posts/x.md", post)).raw
    assert raw is not None and raw.author_hint == "Jane Doe"


def test_title_with_stray_quotes_falls_back_to_line_parser(tmp_path: Path) -> None:
    post = JEKYLL_POST.replace('title: "測試市長宣布新交通政策 公車票價下調"', 'title: "他说"好" 然后离开"')
    raw = read_archive_file(write(tmp_path, "_posts/x.md", post)).raw
    assert raw is not None and raw.title_hint == '他说"好" 然后离开'


def test_non_articles_are_skipped_with_reasons(tmp_path: Path) -> None:
    make_archive(tmp_path)
    kinds = {}
    for path in iter_archive_files([tmp_path]):
        found = read_archive_file(path)
        kinds[path.relative_to(tmp_path).as_posix()] = (found.kind, found.reason)
    assert kinds["mirror/indexes/names.csv"][0] is FileKind.NOT_ARTICLE
    assert "index" in kinds["mirror/indexes/N大陆新闻.md"][1]
    assert "README" in kinds["mirror/README.md"][1]
    assert "QR" in kinds["mirror/pages/prog204/a1.md.png"][1]
    articles = [name for name, (kind, _) in kinds.items() if kind is not FileKind.NOT_ARTICLE]
    assert sorted(articles) == sorted([
        "mirror/pages/prog204/a1.md", "feeds/_posts/2024-03-01-測試.md",
        "feeds/archived/2024-03-02/2024-03-02-测试早报.md"])


@pytest.mark.parametrize("text, reason", [
    ("just some notes\n", "neither a page-mirror header"),
    ("---\nlayout: post\ntitle: \"x\"\n---\n<p>body</p>\n", "original URL"),
    ("---\nlayout: post\nfrom: https://example.org/a\n---\n<p>body</p>\n", "title"),
    ("### 标题\n------\n\n手机上长按\n原文地址（需翻墙访问）：https://www.ntdtv.com/a.html\n", "no article HTML"),
])
def test_broken_article_files_fail_with_a_reason(tmp_path: Path, text: str, reason: str) -> None:
    path = write(tmp_path, "pages/prog1/bad.md", text)
    with pytest.raises(ArchiveFormatError) as caught:
        read_archive_file(path)
    assert reason in caught.value.reason and caught.value.path == str(path)


def test_non_utf8_article_file_fails(tmp_path: Path) -> None:
    path = tmp_path / "_posts" / "x.md"
    path.parent.mkdir()
    path.write_bytes("### 标题".encode("gb18030"))
    with pytest.raises(ArchiveFormatError, match="UTF-8"):
        read_archive_file(path)


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="not found"):
        list(iter_archive_files([tmp_path / "nope"]))


def test_outlet_table() -> None:
    assert outlet_for_url("https://www.ntdtv.com/gb/2023/02/04/a1.html").name == "新唐人"  # type: ignore[union-attr]
    assert outlet_for_url("https://cn.nytimes.com/usa/x/").name == "纽约时报中文网"  # type: ignore[union-attr]
    assert outlet_for_url("https://example.org/") is None
    assert outlet_for_url("not a url") is None
    assert normalize_outlet_name("(臺)中央社CNA") == "中央社"
    assert normalize_outlet_name("某个博客") == "某个博客"
    outlet, channel = split_mirror_channel("E大陆新闻")
    assert outlet is not None and outlet.name == "大纪元" and channel == "大陆新闻"
    assert split_mirror_channel("热点新闻") == (None, "热点新闻")


@pytest.mark.parametrize(("body", "expected"), [
    ("<div>\n\n</div>", "no text"),
    ('<div><p><iframe src="https://www.youtube.com/embed/x"></iframe></p></div>', "no text"),
    ('<div><img src="https://img.example.org/15.jpg" /><br /></div>', "no text"),
])
def test_post_without_any_text_is_skipped_with_its_reason(tmp_path: Path, body: str, expected: str) -> None:
    post = JEKYLL_POST.split("<div>\n", 1)[0] + body
    found = read_archive_file(write(tmp_path, "_posts/2024-03-01-empty.md", post))
    assert found.kind is FileKind.NOT_ARTICLE and found.raw is None
    assert expected in found.reason


def test_jekyll_page_is_skipped_not_failed(tmp_path: Path) -> None:
    page = "---\nlayout: page\ntitle: 关于\npermalink: /about/\n---\n本站收集各家新闻。\n"
    found = read_archive_file(write(tmp_path, "about.md", page))
    assert found.kind is FileKind.NOT_ARTICLE and "Jekyll page (layout: page)" in found.reason


def test_jekyll_title_html_entities_are_unescaped(tmp_path: Path) -> None:
    post = JEKYLL_POST.replace('title: "測試市長宣布新交通政策 公車票價下調"',
                               'title: "市長：&quot;票價&quot;下調 &amp; 公車&#x4E0A;路"')
    raw = read_archive_file(write(tmp_path, "_posts/x.md", post)).raw
    assert raw is not None and raw.title_hint == '市長："票價"下調 & 公車上路'


def test_an_address_a_writer_joined_to_a_host_is_repaired_at_import(tmp_path: Path) -> None:
    # the waimei archive's 经济学人 posts: the site's host written before links that were already absolute
    from newsmirror.extract import extract_article

    links = ('<p>市长表示，新政策可望减轻通勤族负担，详情可收听节目。收听：'
             '<a href="https://www.economist.comhttps://itunes.apple.com/us/podcast/id1449631195?mt=2">Apple</a> | '
             '<a href="https://www.economist.comhttp://www.stitcher.com/s?fid=357733">Stitcher</a> | '
             '<a href="http://https://github.com/hardenedlinux">代码</a> | '
             # an address carrying another in its path or query is a real one: left alone
             '<a href="https://web.archive.org/web/2020/https://www.cna.com.tw/">存档</a> | '
             '<a href="https://nei.st?source=https://www.cna.com.tw/">分享</a> | '
             '<a href="/tag/relative">相对</a></p>')
    post = JEKYLL_POST.replace("<p>市長表示，", f"{links}<p>市長表示，")
    raw = read_archive_file(write(tmp_path, "_posts/2024-03-01-x.md", post)).raw
    assert raw is not None
    html = extract_article(raw).body_html
    for href in ("https://itunes.apple.com/us/podcast/id1449631195?mt=2", "http://www.stitcher.com/s?fid=357733",
                 "https://github.com/hardenedlinux", "https://web.archive.org/web/2020/https://www.cna.com.tw/",
                 "https://nei.st?source=https://www.cna.com.tw/"):
        assert f'href="{href}"' in html, href
    assert "comhttp" not in html and "http://https:" not in html
