"""Regression tests for issue 13 (output half): every attack, one by one, with our own payloads."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
import yaml
from lxml import html as lxml_html

from newsmirror.jobs.building import build
from newsmirror.model import Article, DocumentKind, RawDocument
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.content import make_entry
from newsmirror.publish.feeds import FeedItem, build_feeds
from newsmirror.publish.gitpush import split_by_month
from newsmirror.publish.jekyll import front_matter
from newsmirror.publish.manifest import OutputError, OutputWriter, confined_path, load_outputs
from newsmirror.publish.paths import unique_filename, unique_slug
from newsmirror.publish.safe import http_url, md_line, md_link, md_text, safe_markdown
from newsmirror.store.sqlite import SQLiteStore
from tests import hostile
from tests.publish.conftest import BASE_URL, legacy_manifest, make_article, save_legacy_manifest

TEXT_PAYLOADS = [
    hostile.SCRIPT, hostile.IMG_ONERROR, "&lt;script&gt;x&lt;/script&gt;", hostile.KRAMDOWN_IAL,
    hostile.MD_JS_LINK, hostile.MD_JS_IMAGE, hostile.MD_AUTOLINK, "{::options parse_block_html=\"true\" /}",
    "{::nomarkdown}<b>x</b>{:/}", "*强调* _下划线_ `代码` | 表格 | $$x$$ ~~删除~~ ~~~", "<!-- 注释 -->",
    "# 标题", "- 列表", "1. 编号", ": 定义", "> 引用", "[^1]: 脚注", "*[HTML]: 缩写", "\\[转义\\]",
    "&amp;lt;b&amp;gt;", "行一\n\n<div onclick=x>行二</div>", "=====", "    四个空格",
]


def _no_fetch(url: str) -> bytes:
    from newsmirror.publish.images import ImageFetchError

    raise ImageFetchError(f"no network in tests: {url}")


def _kramdown(markdown: str, parser: str) -> str:
    """HTML of ``markdown`` by Ruby's kramdown (``parser``: kramdown or GFM, as Jekyll uses)."""
    ruby = shutil.which("ruby")
    if ruby is None:
        pytest.fail("ruby is missing: it comes with Debian's jekyll (apt-get install jekyll)")
    script = ("require 'kramdown'; require 'kramdown-parser-gfm' if ARGV[0] == 'GFM'; "
              "print Kramdown::Document.new(STDIN.read, input: ARGV[0]).to_html")
    done = subprocess.run([ruby, "-e", script, parser], input=markdown, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


# -- 1. Markdown escaping: text stays text ---------------------------------------------------
@pytest.mark.jekyll
@pytest.mark.parametrize("parser", ["kramdown", "GFM"])
def test_escaped_text_renders_as_exactly_that_text_with_kramdown(parser: str) -> None:
    document = "\n\n".join(md_text(p) for p in TEXT_PAYLOADS)
    rendered = lxml_html.fragment_fromstring(_kramdown(document, parser), create_parent="div")
    tags = {el.tag for el in rendered.iter()} - {"div"}
    assert tags == {"p"}, f"markup was created: {tags}"
    paragraphs = [p.text_content() for p in rendered.iter("p")]
    # Every payload comes back as its own text, whitespace aside; nothing was eaten or interpreted.
    assert [" ".join(p.split()) for p in paragraphs] == [
        " ".join(t.split()) for p in TEXT_PAYLOADS for t in p.split("\n\n")]


@pytest.mark.jekyll
def test_one_line_fields_and_links_cannot_break_out_with_kramdown() -> None:
    title = f"标题{hostile.SCRIPT}](javascript:{hostile.PWN})[x"
    line = md_line(title + "\n### 新标题") + " " + md_link(title, 'https://ok.test/a?b="><svg onload=x>)[y](javascript:z)')
    rendered = lxml_html.fragment_fromstring(_kramdown(line, "GFM"), create_parent="div")
    links = rendered.xpath("//a/@href")
    assert len(links) == 1 and links[0].startswith("https://ok.test/a?b=%22%3E%3Csvg")
    assert {el.tag for el in rendered.iter()} == {"div", "p", "a"}
    assert md_link("文字", f"javascript:{hostile.PWN}") == "文字"


@pytest.mark.jekyll
def test_body_markdown_from_sanitized_html_keeps_escaped_markup_inert() -> None:
    # Text the source had escaped must not come back as markup after kramdown (the reported bug).
    body = ("<p>原文：&lt;script&gt;window.__pwned=1&lt;/script&gt; &lt;img src=x onerror=y&gt;</p>"
            "<pre><code>~~~\n{% raw %}&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;</code></pre>"
            "<p>代码 <code>`&lt;b&gt;`</code> <a href=\"https://ok.test/a)[x](javascript:y)\">链接</a>"
            " <a href=\"javascript:y\">坏链接</a></p>")
    markdown = safe_markdown(body)
    rendered = lxml_html.fragment_fromstring(_kramdown(markdown, "GFM"), create_parent="div")
    assert not rendered.xpath("//script|//img|//*[@onerror]")
    assert [href for href in rendered.xpath("//a/@href")] == ["https://ok.test/a%29%5Bx%5D%28javascript:y%29"]
    text = rendered.text_content()
    assert "<script>window.__pwned=1</script>" in text and "{% raw %}</code></pre><script>x</script>" in text
    assert "代码 `<b>` 链接 坏链接" in text  # code shown as written, word gaps kept
    assert "{" not in markdown.replace("&#123;", "")  # no literal brace: nothing for Liquid


def test_only_http_urls_are_ever_linked() -> None:
    for bad in (f"javascript:{hostile.PWN}", " JaVaScRiPt:x", "data:text/html,<script>", "vbscript:x", "//evil.test/x",
                "http:/nohost", ""):
        assert http_url(bad) == ""
    assert http_url("https://ok.test/路径?q=1") == "https://ok.test/路径?q=1"
    article = make_article(1)
    article.original_url = f"javascript:{hostile.PWN}"
    assert make_entry(article, lambda t: t, "original").original_url == ""


# -- 2. Jekyll: front matter dumped, Liquid off ----------------------------------------------
def test_jekyll_front_matter_is_yaml_dumped_and_round_trips() -> None:
    fields = {"title": 'a"\n---\nlayout: evil\n{{ site.time }}', "author": "'; !!python/object x", "tags": ["]: x"],
              "render_with_liquid": False}
    text = front_matter(fields)
    assert text.startswith("---\n") and text.endswith("\n---")
    assert yaml.safe_load(text.removeprefix("---\n").removesuffix("---")) == fields


def test_jekyll_posts_turn_liquid_off_and_escape_the_title_line(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        article = make_article(1, title=hostile.hostile_title(1), body_extra=f"<p>{hostile.LIQUID_TIME}</p>")
        article.authors = [f"记者{hostile.SVG_ONLOAD}"]
        store.upsert_article(article)
        build(store, tmp_path / "out", ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    (post,) = (tmp_path / "out/jekyll/_posts").glob("*.md")
    text = post.read_text(encoding="utf-8")
    _, block, body = text.split("---\n", 2)
    front = yaml.safe_load(block)
    assert front["render_with_liquid"] is False
    assert front["title"] == article.title and front["author"] == article.authors[0]
    title_line = body.splitlines()[1]
    assert "<script>" not in title_line and "&lt;script&gt;" in title_line and "\\[链接\\]" in title_line


# -- 5. The manifest cannot delete or publish files outside its folder -------------------------
def test_manifest_paths_outside_the_output_folder_are_never_deleted(tmp_path: Path) -> None:
    root = tmp_path / "out"
    writer = OutputWriter(root)
    writer.write("index.html", "x")
    writer.finish()
    victims = [tmp_path / "victim.txt", tmp_path / "outside" / "deep.txt"]
    for victim in victims:
        victim.parent.mkdir(parents=True, exist_ok=True)
        victim.write_text("keep me")
    (root / "link").symlink_to(tmp_path / "outside", target_is_directory=True)
    manifest = legacy_manifest(root)
    for path in ("../victim.txt", str(tmp_path / "victim.txt"), "a/../../victim.txt", "link/deep.txt",
                 "./../victim.txt", "..\\victim.txt", "C:/victim.txt"):
        manifest["outputs"][path] = "0" * 40
    save_legacy_manifest(root, manifest)
    again = OutputWriter(root)
    again.write("index.html", "x")
    again.finish()
    assert all(v.read_text() == "keep me" for v in victims)
    assert (root / "index.html").exists()
    with pytest.raises(OutputError):
        again.write("link/new.txt", "escape through a symlink")
    assert not (tmp_path / "outside" / "new.txt").exists()
    assert confined_path(root, "a/b.html") == root / "a/b.html"


def test_a_manifest_is_checked_folder_by_folder_and_every_path_of_an_escaping_folder_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "out"
    writer = OutputWriter(root)
    inside = [f"a/{n}.html" for n in range(50)] + [f"b/c/{n}.html" for n in range(50)]
    for path in inside:
        writer.write(path, path)
    writer.finish()
    (tmp_path / "outside").mkdir()
    (root / "link").symlink_to(tmp_path / "outside", target_is_directory=True)
    manifest = legacy_manifest(root)
    escaping = [f"link/{n}.txt" for n in range(5)]
    manifest["outputs"].update(dict.fromkeys(escaping, "0" * 40))
    save_legacy_manifest(root, manifest)
    resolved: list[Path] = []
    original = Path.resolve

    def counting(self: Path, strict: bool = False) -> Path:
        resolved.append(self)
        return original(self, strict)

    monkeypatch.setattr(Path, "resolve", counting)
    loaded = load_outputs(root)
    assert sorted(loaded) == sorted(inside)  # every path of the linked folder refused, not only the first
    # Folders a, b/c once each (with the root beside them), the escaping folder once per path:
    # not two resolutions for each of the 105 paths.
    assert len(resolved) <= 2 * (2 + len(escaping))


def test_split_publish_never_copies_files_from_outside(tmp_path: Path) -> None:
    root = tmp_path / "out"
    writer = OutputWriter(root)
    writer.write("a.html", "ok", month="2024-03")
    writer.finish()
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    os.symlink(secret, root / "leak.txt")
    manifest = legacy_manifest(root)
    manifest["outputs"].update({"../secret.txt": "1" * 40, "leak.txt": "2" * 40})
    manifest["months"].update({"../secret.txt": "../../x", "leak.txt": "2024-03"})
    save_legacy_manifest(root, manifest)
    folders = split_by_month(root, tmp_path / "staging")
    copied = [p for folder in folders.values() for p in folder.rglob("*") if p.is_file()]
    assert all("private" not in p.read_text(errors="ignore") for p in copied)
    assert set(folders) == {"2024-03"} and not (tmp_path / "x").exists()


# -- 6. Names that slug alike get their own folders ----------------------------------------------
def test_colliding_names_get_distinct_stable_folders() -> None:
    names = [*hostile.COLLIDING_OUTLETS, "恶意台-" + "0" * 8, "a b", "a-b", "a/b", "..", ".", ""]
    for render in (unique_filename, unique_slug):
        segments = [render(n) for n in names]
        assert len(set(segments)) == len(names), segments
        assert segments == [render(n) for n in names]  # the same in every build
        assert all("/" not in s and s not in ("", ".", "..") for s in segments)
    assert unique_filename("新唐人") == "新唐人"  # faithful names stay readable
    evil = "恶意台-" + unique_filename("恶意台/").rsplit("-", 1)[1]  # a name chosen to take another's folder
    assert unique_filename(evil) != unique_filename("恶意台/")


def test_colliding_outlets_and_channels_keep_their_own_listings(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        for n, (outlet, channel) in enumerate(zip(hostile.COLLIDING_OUTLETS, hostile.COLLIDING_CHANNELS, strict=True)):
            store.upsert_article(make_article(n, outlet=outlet, channel=channel, title=f"第{n}篇独有标题"))
        build(store, tmp_path / "out", ["site", "pagemirror"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    site = tmp_path / "out/site"
    for folder in ("outlet", "channel"):
        listings = sorted((site / folder).glob("*/index.html"))
        assert len(listings) == 3
        titles = [{t for t in lxml_html.fromstring(p.read_bytes()).xpath("//ul[@class='entries']//a/text()")}
                  for p in listings]
        assert sorted(len(t) for t in titles) == [1, 1, 1] and len(set.union(*titles)) == 3
    indexes = [p for p in (tmp_path / "out/pagemirror/indexes").glob("*.md") if p.stem != "热点推荐"]
    assert len(indexes) == 3
    assert len({p.parent.name for p in (tmp_path / "out/pagemirror/pages").glob("*/*.md")}) == 3


def test_a_channel_named_like_the_hot_list_does_not_replace_it(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        store.upsert_article(make_article(1, channel="热点推荐", title="频道文章"))
        build(store, tmp_path / "out", ["pagemirror"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    hot = (tmp_path / "out/pagemirror/indexes/热点推荐.md").read_text(encoding="utf-8")
    assert hot.splitlines()[2] == "### 热点推荐" and len(list((tmp_path / "out/pagemirror/indexes").glob("*.md"))) == 2


# -- 7. Control characters ---------------------------------------------------------------------
def test_control_characters_are_stripped_at_the_model_boundary() -> None:
    dirty = "标题\x00\x07\x1b[2J\x7f\x85\ud800结束"
    article = Article(outlet="台\x00", title=dirty + "\n第二行", original_url="https://ok.test/\x00a",
                      channel="频道\x1b", authors=["记者\x08"], body_text="段一\x00\n\n段二\t完",
                      body_html="<p>段\x0b一</p>")
    assert article.title == "标题[2J结束 第二行" and article.outlet == "台" and article.channel == "频道"
    assert article.original_url == "https://ok.test/a" and article.authors == ["记者"]
    assert article.body_text == "段一\n\n段二\t完" and article.body_html == "<p>段一</p>"
    raw = RawDocument(kind=DocumentKind.FEED_ITEM, content="<p>a\x00b\nc</p>", title_hint="t\x00\x1bx",
                      channel_hint="c\x07", outlet_hint="o\x00", author_hint="a\x1b", tags_hint=["x\x00"])
    assert (raw.content, raw.title_hint, raw.channel_hint, raw.outlet_hint, raw.author_hint, raw.tags_hint) == (
        "<p>ab\nc</p>", "tx", "c", "o", "a", ["x"])


def test_bidirectional_controls_leave_one_line_fields_at_the_model_boundary(tmp_path: Path) -> None:
    # An override in a title reordered what follows it on its line: the outlet and date after it in a listing,
    # the extension of its Jekyll post's file name ("标题\u202egnp.exe" listed as "标题exe.png"). Bodies keep them.
    title = "标题\u202egnp.exe\u2066隔离\u2069\u202a嵌入\u202c"
    article = make_article(1, title=title)
    article.outlet, article.authors = "台\u202e", ["记者\u2067"]
    article.body_html += "<p>引文\u202bשלום\u202c</p>"
    article = Article(**{f: getattr(article, f) for f in ("outlet", "title", "original_url", "authors", "body_html",
                                                        "body_text", "published_at")})
    assert (article.title, article.outlet, article.authors) == ("标题gnp.exe隔离嵌入", "台", ["记者"])
    assert "\u202b" in article.body_html
    raw = RawDocument(kind=DocumentKind.FEED_ITEM, content="<p>x</p>", title_hint=title, url="https://ok.test/\u202e1")
    assert raw.title_hint == "标题gnp.exe隔离嵌入" and raw.url == "https://ok.test/1"
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        store.upsert_article(article)
        build(store, tmp_path / "out", ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    names = [p.name for p in (tmp_path / "out" / "jekyll").rglob("*.md")]
    assert names and not any(re.search("[\u202a-\u202e\u2066-\u2069]", name) for name in names), names


def test_feed_generation_survives_control_characters() -> None:
    item = FeedItem(id="https://m.test/a", title="标题\x00\x1b", link="https://m.test/a",
                    published=datetime(2024, 3, 1, tzinfo=UTC), author="台\x07", summary="摘要\x0c")
    atom, rss = build_feeds(feed_id="https://m.test/", title="频道\x00", link="https://m.test/",
                            self_link_atom="https://m.test/atom.xml", self_link_rss="https://m.test/rss.xml",
                            items=[item])
    for data in (atom, rss):
        parsed = feedparser.parse(data)
        assert not parsed.bozo and parsed.entries[0].title == "标题"


def test_a_javascript_original_url_is_never_linked_in_any_output(tmp_path: Path) -> None:
    from newsmirror.store.changes import ArticleEvent, EventKind

    with SQLiteStore(tmp_path / "s.sqlite") as store:
        article = make_article(1, body_extra='<p><a href="relative/page.html">相对链接</a></p>')
        article.original_url = article.canonical_url = f"javascript:{hostile.PWN}//https://x.test/"
        store.upsert_article(article)
        store.record_article_event(ArticleEvent(article.id, EventKind.DELETED, datetime(2024, 3, 9, tzinfo=UTC),
                                                detail="gone"))
        build(store, tmp_path / "out", ["all"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.suffix in (".html", ".md", ".xml")]
    assert any("history" in p.parts for p in files)
    linked = re.compile(r"""(href|src)\s*=\s*["']?\s*javascript:|\]\(\s*javascript:|<link>\s*javascript:""", re.I)
    for path in files:
        assert not linked.search(path.read_text(encoding="utf-8")), path


@pytest.mark.jekyll
def test_jekyll_posts_stay_liquid_free_even_where_render_with_liquid_is_unknown(tmp_path: Path) -> None:
    # GitHub Pages runs Jekyll 3, which ignores render_with_liquid: the posts themselves must hold no Liquid.
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        pytest.fail("jekyll is missing: install Debian's jekyll (apt-get install --no-install-recommends jekyll)")
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        for n in range(2):
            store.upsert_article(make_article(n, title=hostile.hostile_title(n), body_extra=hostile.hostile_body_html(n)))
        build(store, tmp_path / "out", ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    posts = list((tmp_path / "out/jekyll/_posts").glob("*.md"))
    for post in posts:
        text = post.read_text(encoding="utf-8")
        assert "render_with_liquid: false\n" in text
        body = text.split("\n---\n", 1)[1]
        assert "{{" not in body and "{%" not in body
        post.write_text(text.replace("render_with_liquid: false\n", ""), encoding="utf-8")
    site = tmp_path / "site"
    done = subprocess.run([jekyll, "build", "--safe", "-s", str(tmp_path / "out/jekyll"), "-d", str(site)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = [p for p in site.rglob("*.html") if p.name != "index.html"]
    assert len(pages) == len(posts)
    for page in pages:
        text = lxml_html.fromstring(page.read_bytes()).text_content()
        assert hostile.LIQUID_TIME in text and hostile.LIQUID_INCLUDE in text and hostile.LIQUID_LOOP in text


PIECES = [*"abc 中文\t-+=:.)(#*_`~[]{}<>&;|$!\\\"'^%@/0123456789\n", "&lt;", "&#123;", "{{", "{%", "{:", "http://x.y",
          "javascript:", "<script>", "-->", "<!--", "```", "~~~", "***", "---", "1.", "* ", "> ", "|a|b|", "[^1]:",
          "*[A]:", "{::comment}", "$$", "\\\\", "\u00a0", "<http://x.y>", "![i](x)", "[l](javascript:y)"]


@pytest.mark.jekyll
@pytest.mark.parametrize("parser", ["kramdown", "GFM"])
def test_random_texts_render_as_themselves(parser: str) -> None:
    """A seeded random search (200 texts of Markdown-active pieces): each renders as exactly itself."""
    import random

    rng = random.Random(13)
    texts = [" ".join("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30))).split()) for _ in range(200)]
    texts = [t for t in texts if t]
    rendered = lxml_html.fragment_fromstring(_kramdown("\n\n".join(md_text(t) for t in texts), parser),
                                             create_parent="div")
    assert {el.tag for el in rendered.iter()} == {"div", "p"}
    assert [" ".join(p.text_content().split()) for p in rendered.iter("p")] == texts


def test_versions_sources_and_stories_are_cleaned_too() -> None:
    from newsmirror.model import Source, Story, Version

    version = Version(article_id="a", number=1, content_hash="h", title="标\x00题", body_html="<p>\x1b</p>",
                      body_text="正\x07文", published_at=None, seen_at=datetime(2024, 3, 1, tzinfo=UTC))
    assert (version.title, version.body_html, version.body_text) == ("标题", "<p></p>", "正文")
    source = Source(id="s", url="https://x.test/\x00feed", outlet="台\x1b[31m", name="名\x07", channel="频\x00道")
    assert (source.url, source.outlet, source.name, source.channel) == ("https://x.test/feed", "台[31m", "名", "频道")
    assert Story(id="s", title="事\x00件\n标题").title == "事件 标题"


def test_prepared_html_holds_only_the_allowed_tags_attributes_and_urls(tmp_path: Path) -> None:
    from newsmirror.model import Image
    from newsmirror.publish.content import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, IMAGE_TOKEN, prepare
    from newsmirror.publish.images import ImageMirror

    article = make_article(1, body_extra=hostile.hostile_body_html(1))
    article.images = [Image(url="https://gone.test/a.jpg", caption=f"说明{hostile.SCRIPT}")]
    mirror = ImageMirror(tmp_path / "cache", _no_fetch)
    prepared = prepare(article, make_entry(article, lambda t: t, "original"), lambda t: t, mirror)
    root = lxml_html.fragment_fromstring(prepared.html, create_parent="div")
    for element in root.iter():
        if element is root:
            continue
        assert element.tag in ALLOWED_TAGS, element.tag
        allowed = ALLOWED_ATTRIBUTES.get(element.tag, set()) | {"rel", "class"}
        assert set(element.attrib) <= allowed, (element.tag, element.attrib)
        assert element.get("class") in (None, "caption")
    assert all(src.startswith(IMAGE_TOKEN) for src in root.xpath("//img/@src"))
    assert all(href.startswith(("https://", "http://", "mailto:")) for href in root.xpath("//a/@href"))
    assert hostile.ESCAPED_SCRIPT.replace("&lt;", "<").replace("&gt;", ">") in root.text_content()


OLD_POST_LAYOUT = """---
layout: default
---
<article><h1>{{ page.title }}</h1>
{{ content }}</article>
"""


def test_an_untouched_unsafe_layout_from_an_older_build_is_replaced_an_edited_one_kept(tmp_path: Path) -> None:
    from newsmirror.publish.manifest import digest

    out = tmp_path / "out"
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        store.upsert_article(make_article(1))
        build(store, out, ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
        layout, index = out / "jekyll/_layouts/post.html", out / "jekyll/index.html"
        # As an older version left it: its own unescaped layout, recorded in the manifest.
        layout.write_text(OLD_POST_LAYOUT, encoding="utf-8")
        manifest = legacy_manifest(out / "jekyll")
        manifest["outputs"]["_layouts/post.html"] = digest(OLD_POST_LAYOUT.encode())
        save_legacy_manifest(out / "jekyll", manifest)
        index.write_text(index.read_text(encoding="utf-8") + "<!-- the owner's edit -->\n", encoding="utf-8")
        build(store, out, ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
        assert "{{ page.title | escape }}" in layout.read_text(encoding="utf-8")
        assert index.read_text(encoding="utf-8").endswith("<!-- the owner's edit -->\n")
        build(store, out, ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
        assert index.read_text(encoding="utf-8").endswith("<!-- the owner's edit -->\n")


def test_invisible_characters_leave_every_output_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A title (or channel, outlet) with a zero-width space, soft hyphen, byte-order mark or variation selector became a
    Jekyll post name, a page-mirror folder and a site folder holding it: "标\\u200b题" and "标题" as two names that look
    alike, URLs of invisible %E2%80%8B (safety70). New names have none; a post an earlier build published under a name
    with one keeps that name when it is rendered again (its address is in shared links and feeds)."""
    import sys
    import unicodedata

    from newsmirror.publish import paths

    invisible = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufe0f\ufeff\U000e0041]")
    formats = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert paths.safe_filename("标" + "".join(formats) + "\ufe0f\U000e0100题") == "标题"
    db, out = tmp_path / "s.sqlite", tmp_path / "out"
    article = make_article(1, title="标\u200b题\u00ad样\ufeff本\u2060", channel="国\u200d际")
    lookalike = make_article(2, title="标题样本", channel="国际")
    lookalike.published_at = article.published_at
    with SQLiteStore(db) as store:
        store.upsert_article(article)
        store.upsert_article(lookalike)
        build(store, out, ["all"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    names = [str(p.relative_to(out)) for p in out.rglob("*")]
    assert not [name for name in names if invisible.search(name)]
    posts = sorted(p.name for p in (out / "jekyll" / "_posts").glob("*.md"))
    assert posts[1] == "2024-03-01-标题样本.md" and posts[0].startswith("2024-03-01-标题样本-"), posts  # told apart
    assert len(list((out / "pagemirror" / "pages").iterdir())) == 2  # 国际 and 国\u200d际: two folders

    # A post published under a name with the invisible characters (as builds before this one named it) keeps it.
    older = tmp_path / "older"
    with monkeypatch.context() as patched, SQLiteStore(db) as store:
        patched.setattr(paths, "drop_format_characters", lambda text: text)
        build(store, older, ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    published = [p.name for p in (older / "jekyll" / "_posts").glob("*.md") if invisible.search(p.name)]
    assert len(published) == 1
    with SQLiteStore(db) as store:
        article.body_html += "<p>更正：补充一段。</p>"
        article.body_text += "\n\n更正：补充一段。"
        article.refresh_hash()
        store.upsert_article(article)
        build(store, older, ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    [kept] = [p for p in (older / "jekyll" / "_posts").glob("*.md") if "更正" in p.read_text(encoding="utf-8")]
    assert kept.name == published[0]


def _site_with_changes(tmp_path: Path) -> tuple[Path, Path, str]:
    """A zh-Hant site built with a base URL from a store with an edit and a takedown: (store, site, the edited id)."""
    from newsmirror.store.changes import ArticleEvent, EventKind

    db, out = tmp_path / "s.sqlite", tmp_path / "out"
    when = datetime(2024, 3, 10, tzinfo=UTC)
    with SQLiteStore(db) as store:
        first, second = make_article(1), make_article(2)
        store.upsert_article(first)
        store.upsert_article(second)
        first.body_text += "\n\n修改后的段落。"
        first.body_html += "<p>修改后的段落。</p>"
        first.refresh_hash()
        store.upsert_article(first)
        store.record_article_event(ArticleEvent(first.id, EventKind.EDITED, when, version=2))
        store.record_article_event(ArticleEvent(second.id, EventKind.DELETED, when, detail="HTTP 410"))
        build(store, out, ["site"], BuildOptions(base_url=BASE_URL, script="zh-Hant"), images=False)
    return db, out / "site", first.id


@pytest.mark.parametrize("settings", [
    {"base_url": hostile.JS_URL + "//"}, {"base_url": "data:text/html,<script>x</script>"},
    {"base_url": f"//{hostile.EVIL_HOST}/news"}, {"base_url": "https://mirror.test/\x01news"},
    {"site_title": "新闻\x01\x1b[31m镜像"}, {"site_title": "新闻\u202e像镜"}, {"site_title": "镜" * 100_000},
    {"script": 'zh-Hant" onload="x'},
])
def test_a_tampered_manifest_gives_changes_write_site_no_link_or_name_a_build_would_refuse(
        tmp_path: Path, settings: dict[str, str]) -> None:
    """The settings `changes --write-site` takes from a site's manifest (polish70) were taken unchecked, where the
    build checks the same settings on its command line and in the config: a manifest saying `javascript:…` wrote it
    into every change feed's links, a control character in the title stopped the command with a traceback after the
    pages were written with it (safety71). A manifest is anyone's who can write the folder: refused, nothing written."""
    import json
    import sqlite3

    from typer.testing import CliRunner

    from newsmirror.cli import app
    from newsmirror.publish.manifest import MANIFEST_NAME

    db, site, _ = _site_with_changes(tmp_path)
    with sqlite3.connect(site / MANIFEST_NAME) as manifest:
        recorded = json.loads(manifest.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()[0])
        manifest.execute("UPDATE meta SET value = ? WHERE key = 'settings'",
                         (json.dumps({**recorded, **settings}, ensure_ascii=False),))
    manifest.close()
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file() and path.name != MANIFEST_NAME}
    result = CliRunner().invoke(app, ["changes", "--db", str(db), "--write-site", str(site)])
    assert result.exit_code == 1 and MANIFEST_NAME in result.output, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # a message, not a traceback
    after = {path: path.read_bytes() for path in site.rglob("*") if path.is_file() and path.name != MANIFEST_NAME}
    assert after == before


def test_the_site_title_and_base_url_are_checked_at_every_door(tmp_path: Path) -> None:
    """A control character in `[publish] site_title` stopped `build` with a traceback once its pages were written with
    it; the base URL's check let one through the same way (safety71). Refused by the config and by `build` itself."""
    from newsmirror.errors import ConfigError
    from newsmirror.jobs.building import load_publish_settings

    config = tmp_path / "config.toml"
    for line in ('site_title = "新闻\\u0001镜像"', 'site_title = "新闻\\u202e像镜"',
                 'base_url = "https://mirror.test/\\u0001news"'):
        config.write_text(f"[publish]\n{line}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="publish"):
            load_publish_settings(config)
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        store.upsert_article(make_article(1))
        for options in (BuildOptions(site_title="新闻\x01镜像"), BuildOptions(site_title="镜" * 201),
                        BuildOptions(base_url="https://mirror.test/\x1bnews")):
            with pytest.raises(ConfigError):
                build(store, tmp_path / "out", ["site"], options, images=False)
    assert not (tmp_path / "out").exists()
    config.write_text('[publish]\nsite_title = "我的镜像 · 二号"\n', encoding="utf-8")
    assert load_publish_settings(config).site_title == "我的镜像 · 二号"


def test_change_pages_are_never_written_through_a_symlink_out_of_the_site(tmp_path: Path) -> None:
    """The build's writer refuses a folder that resolves outside its output (confined_path); the change pages' own
    writer did not: a site folder whose `changes/` and `history/` were symlinks elsewhere had every change index, feed
    and history page written there, by `changes --write-site` and by `build` alike, and a `NAME.tmp` symlink beside a
    page had its target overwritten (safety71)."""
    from newsmirror.jobs.change_pages import write_change_pages

    db, site, edited = _site_with_changes(tmp_path)
    outside = tmp_path / "outside"
    for name in ("changes", "history"):
        (outside / name).mkdir(parents=True)
        shutil.rmtree(site / name)
        (site / name).symlink_to(outside / name, target_is_directory=True)
        with SQLiteStore(db) as store, pytest.raises(OutputError, match="outside"):
            write_change_pages(store, site)
        assert not any((outside / name).iterdir()), f"written through {name}/"
        (site / name).unlink()
    # A leftover-looking temporary file that is a symlink to a file elsewhere: never written through.
    victim = outside / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    (site / "changes").mkdir()
    (site / "changes" / "atom.xml.tmp").symlink_to(victim)
    (site / "history").mkdir()
    (site / "history" / f"{edited}.html.tmp").symlink_to(victim)
    with SQLiteStore(db) as store:
        write_change_pages(store, site)
    assert victim.read_text(encoding="utf-8") == "untouched"
    assert (site / "changes" / "atom.xml").is_file() and (site / "history" / f"{edited}.html").is_file()


def test_rss_descriptions_are_html_so_a_summary_saying_markup_stays_text() -> None:
    """RSS 2.0's description is entity-encoded HTML; the summary (text: what a source showed, "<script>…" included
    when it had escaped it) was written once escaped, a live script and image handler for a feed reader showing the
    description as its HTML (safety71). Atom's summary has no type, so it is text and stays as it was."""
    from lxml import etree

    said = f"代码 {hostile.SCRIPT} 和 {hostile.IMG_ONERROR} & &amp; 应该显示为文字"
    item = FeedItem(id="https://m.test/a", title="标题", link="https://m.test/a",
                    published=datetime(2024, 3, 1, tzinfo=UTC), author="记者", summary=said)
    atom, rss = build_feeds(feed_id="https://m.test/", title="频道", link="https://m.test/",
                            self_link_atom="https://m.test/atom.xml", self_link_rss="https://m.test/rss.xml",
                            items=[item], description="<b>各家</b> & 最新")
    for description in etree.fromstring(rss).xpath("//item/description/text() | /rss/channel/description/text()"):
        shown = lxml_html.fragment_fromstring(description, create_parent="div")  # as a feed reader renders it
        assert not shown.xpath("//script | //img | //b | //@*[starts-with(name(), 'on')]"), description
        assert shown.text_content() in (said, "<b>各家</b> & 最新")
    [summary] = etree.fromstring(atom).xpath("//*[local-name()='summary']")
    assert summary.get("type") in (None, "text") and summary.text == said
