"""Issue 16, outputs: Jekyll index and archived days, one meaning of ``author``, captions of dropped
images, the outlet's own article id in page-mirror paths, a site-wide feed and the base-URL warning."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
import yaml
from lxml import html as lxml_html
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.jobs.building import build
from newsmirror.model import Image
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.pagemirror import source_article_id
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import BASE_URL, legacy_manifest, make_article, save_legacy_manifest


def _no_fetch(url: str) -> bytes:
    from newsmirror.publish.images import ImageFetchError

    raise ImageFetchError(url)


def _front(path: Path) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.jekyll
def test_jekyll_index_lists_archived_posts_and_links_every_archived_day(store: SQLiteStore, tmp_path: Path) -> None:
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        pytest.fail("jekyll is missing: install Debian's jekyll (apt-get install --no-install-recommends jekyll)")
    start = datetime(2024, 3, 20, 8, 0, tzinfo=UTC)
    recent = [make_article(n, when=start - timedelta(days=n), title=f"近期报道{n}号") for n in range(2)]
    old = [make_article(10 + n, when=start - timedelta(days=20 + n), title=f"早前报道{n}号") for n in range(3)]
    for article in recent + old:
        store.upsert_article(article)
    out = tmp_path / "out"
    build(store, out, ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    assert len(list((out / "jekyll/archived").glob("*/*.md"))) == 3
    site = tmp_path / "site"
    done = subprocess.run([jekyll, "build", "--safe", "-s", str(out / "jekyll"), "-d", str(site)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    index = lxml_html.fromstring((site / "index.html").read_bytes())
    listed = index.xpath("//ul/li/a/text()")
    assert [t for t in listed if "报道" in t] == [a.title for a in recent + old]  # newest first, archived too
    days = index.xpath("//h2/following-sibling::ul/li/a/@href")
    assert days == [f"/news/archived/{(start - timedelta(days=20 + n)):%Y-%m-%d}/index.html" for n in range(3)]
    day = lxml_html.fromstring((site / days[0].removeprefix("/news/")).read_bytes())
    assert day.xpath("//ul/li/a/text()") == [old[0].title]


def test_jekyll_author_means_the_reporters_and_the_outlet_has_its_own_key(store: SQLiteStore, tmp_path: Path) -> None:
    with_reporter = make_article(1, outlet="测试日报", title="有记者的报道")
    without = make_article(2, outlet="测试日报", title="无记者的报道")
    without.authors = []
    store.upsert_article(with_reporter)
    store.upsert_article(without)
    build(store, tmp_path / "out", ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    fronts = {f["title"]: f for f in map(_front, (tmp_path / "out/jekyll/_posts").glob("*.md"))}
    assert fronts["有记者的报道"]["author"] == "记者甲" and fronts["有记者的报道"]["outlet"] == "测试日报"
    assert "author" not in fronts["无记者的报道"] and fronts["无记者的报道"]["outlet"] == "测试日报"


def test_a_dropped_images_caption_is_marked_not_a_first_paragraph(store: SQLiteStore, tmp_path: Path) -> None:
    article = make_article(1, title="有图的报道")
    article.images = [Image(url="https://gone.test/photo.jpg", caption="市民在广场上观看灯会")]
    article.body_html = '<p>第一段正文。</p><p><img src="https://gone.test/b.jpg" alt="另一张图的说明"/>第二段。</p>'
    store.upsert_article(article)
    build(store, tmp_path / "out", ["pagemirror", "site"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    (page,) = (tmp_path / "out/pagemirror/pages").rglob("*.md")
    body = page.read_text(encoding="utf-8").split("\n\n")
    first = next(i for i, block in enumerate(body) if "第一段正文" in block)
    assert "*图片说明：市民在广场上观看灯会*" in body[:first]
    assert "*图片说明：另一张图的说明*" in body
    assert "市民在广场上观看灯会" not in [b.strip() for b in body]  # never a bare paragraph
    (html_page,) = (tmp_path / "out/site/a").rglob("*.html")
    tree = lxml_html.fromstring(html_page.read_bytes())
    assert tree.xpath("//div[@class='body']//*[@class='caption']/text()") == ["市民在广场上观看灯会", "另一张图的说明"]


def test_page_mirror_keeps_the_outlets_article_id_in_the_path(store: SQLiteStore, tmp_path: Path) -> None:
    assert source_article_id("https://www.ntdtv.com/gb/2023/02/04/a103642134.html") == "a103642134"
    assert source_article_id("https://www.cna.com.tw/news/acn/202403010001.aspx") == "202403010001"
    assert source_article_id("https://example.test/news/") == ""
    assert source_article_id("https://example.test/about.html") == ""  # no digit: not an article id
    first = make_article(1, outlet="甲报", channel="国际", title="甲报报道")
    first.original_url = "https://a.test/gb/2024/03/01/a555001.html"
    clash = make_article(2, outlet="乙报", channel="国际", title="乙报报道")
    clash.original_url = "https://b.test/news/a555001.html"  # the same id at another outlet, same channel
    plain = make_article(3, channel="国际", title="无编号报道")
    for article in (first, clash, plain):
        store.upsert_article(article)
    out = tmp_path / "out"
    build(store, out, ["pagemirror"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    names = sorted(p.name for p in (out / "pagemirror/pages/国际").glob("*.md"))
    assert names == sorted(["a555001.md", f"a555001-{first.id}.md", f"{plain.id}.md"])
    assert (out / "pagemirror/pages/国际/a555001.md").read_text(encoding="utf-8").startswith("### 乙报报道")
    assert (out / "pagemirror/pages/国际/a555001.md.png").is_file()
    # A rebuild with newer articles (one claiming the same outlet id) keeps every page where it was.
    store.upsert_article(make_article(4, channel="国际", title="新报道"))
    newer = make_article(5, outlet="丙报", channel="国际", title="丙报同号报道")
    newer.original_url = "https://c.test/a555001.html"
    store.upsert_article(newer)
    build(store, out, ["pagemirror"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    after = sorted(p.name for p in (out / "pagemirror/pages/国际").glob("*.md"))
    assert set(names) <= set(after) and len(after) == 5 and f"a555001-{newer.id}.md" in after
    assert (out / "pagemirror/pages/国际/a555001.md").read_text(encoding="utf-8").startswith("### 乙报报道")


def test_site_has_a_site_wide_feed_at_the_root(store: SQLiteStore, tmp_path: Path) -> None:
    articles = [make_article(n, outlet="测试日报" if n % 2 else "樣本時報") for n in range(3)]
    for article in articles:
        store.upsert_article(article)
    build(store, tmp_path / "out", ["site"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    site = tmp_path / "out/site"
    for name in ("atom.xml", "rss.xml"):
        feed = feedparser.parse((site / name).read_bytes())
        assert not feed.bozo
        assert [e.title for e in feed.entries] == [a.title for a in reversed(articles)]  # both outlets, newest first
        assert all(e.link.startswith(BASE_URL + "/a/") for e in feed.entries)
    index = lxml_html.fromstring((site / "index.html").read_bytes())
    assert index.xpath("//link[@rel='alternate']/@href") == ["atom.xml", "rss.xml"]


def test_building_feeds_without_a_base_url_warns(store: SQLiteStore, tmp_path: Path) -> None:
    store.upsert_article(make_article(1))
    report = build(store, tmp_path / "out", ["site"], BuildOptions(), fetch=_no_fetch)
    assert any("base URL" in w for w in report.warnings)
    assert not build(store, tmp_path / "out2", ["site"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch).warnings
    assert not build(store, tmp_path / "out3", ["pagemirror"], BuildOptions(), fetch=_no_fetch).warnings
    store.close()
    result = CliRunner().invoke(app, ["build", "--db", str(tmp_path / "store.sqlite"), "--out", str(tmp_path / "cli"),
                                      "--format", "site", "--no-images"])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "--base-url" in result.output and "[publish]" in result.output


def test_a_page_published_under_our_id_keeps_its_address(store: SQLiteStore, tmp_path: Path) -> None:
    article = make_article(1, channel="国际", title="早已发布的报道")
    article.original_url = "https://a.test/gb/a777001.html"
    store.upsert_article(article)
    out = tmp_path / "out"
    build(store, out, ["pagemirror"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    # As an earlier version published it: under our id (shared links and QR codes point there).
    folder = out / "pagemirror/pages/国际"
    (folder / "a777001.md").rename(folder / f"{article.id}.md")
    manifest = legacy_manifest(out / "pagemirror")
    renamed = json.loads(json.dumps(manifest, ensure_ascii=False).replace("国际/a777001.md", f"国际/{article.id}.md"))
    save_legacy_manifest(out / "pagemirror", {**renamed, "options": "older|" + renamed["options"]})
    build(store, out, ["pagemirror"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    assert sorted(p.name for p in folder.glob("*.md")) == [f"{article.id}.md"]


def test_a_new_jekyll_post_with_the_same_title_never_takes_an_existing_posts_file(
        store: SQLiteStore, tmp_path: Path) -> None:
    first = make_article(1, title="同名报道")
    store.upsert_article(first)
    out = tmp_path / "out"
    build(store, out, ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    (original,) = (out / "jekyll/_posts").glob("*.md")
    later = make_article(2, outlet="樣本時報", title="同名报道")  # same day, same title, newer
    store.upsert_article(later)
    build(store, out, ["jekyll"], BuildOptions(base_url=BASE_URL), fetch=_no_fetch)
    posts = {p.name: _front(p) for p in (out / "jekyll/_posts").glob("*.md")}
    assert len(posts) == 2 and posts[original.name]["from"] == first.original_url


@pytest.mark.parametrize("given", ["notaurl", "example.org/news", "/news", "javascript:alert(1)", "ftp://example.org/"])
def test_a_base_url_that_is_no_address_is_refused_before_anything_is_written(
        store: SQLiteStore, tmp_path: Path, given: str) -> None:
    # `build --base-url notaurl` built the site with a sitemap of <loc>notaurl/index.html</loc> and feeds linking
    # notaurl/...: no warning (an empty base URL at least gets one), exit 0. The option and the config's base_url
    # now take an absolute http(s) address or nothing.
    store.upsert_article(make_article(1))
    store.close()
    db, out = str(tmp_path / "store.sqlite"), tmp_path / "cli"
    result = CliRunner().invoke(app, ["build", "--db", db, "--out", str(out), "--no-images", "--base-url", given])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("error: --base-url must be an absolute http(s) address")
    assert not out.exists()
    config = tmp_path / "newsmirror.toml"
    config.write_text(f'[publish]\nbase_url = "{given}"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["build", "--db", db, "--out", str(out), "--no-images", "--config", str(config)])
    assert result.exit_code == 1 and "[publish] base_url must be an absolute http(s) address" in result.output
    assert not out.exists()
    result = CliRunner().invoke(app, ["build", "--db", db, "--out", str(out), "--no-images", "-q",
                                      "--base-url", "https://mirror.example/news/"])
    assert result.exit_code == 0, result.output
