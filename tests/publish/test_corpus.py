"""The imported corpus, built into all three outputs; the two seeds re-rendered in their own formats."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
import yaml

from newsmirror.jobs.building import BuildReport, build
from newsmirror.jobs.importing import import_paths
from newsmirror.publish.base import BuildOptions
from newsmirror.store.sqlite import SQLiteStore

pytestmark = pytest.mark.corpus
BASE = "https://mirror.test/goodnews/blob/main"
SEED_PAGE = "seeds/000_goodnews_ntdtv_page.md"
SEED_POST = "seeds/001_feedx_cna_jekyll_post.md"
PAGE_JUNK = ["退出中共组织", "129.146.143.75", "gfw-breaker", "翻墙教程", "禁书下载", "红墙的记忆", "cdn.jsdelivr.net",
             "i.ntdtv.com", "single_ad", "begood0513"]
POST_JUNK = ["feedx", "获取更多RSS", "壽司郎", "聚焦新聞", "#馬朝旭", "imgcdn.cna.com.tw", "lazyload", "owl-carousel"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _seed_paragraphs(path: Path, container_xpath: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    root = lxml.html.fromstring(f"<div>{body}</div>")
    paragraphs = [_squash(p.text_content()) for p in root.xpath(container_xpath)]
    return [p for p in paragraphs if p]


@pytest.fixture(scope="module")
def built(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport, SQLiteStore]:
    tmp = tmp_path_factory.mktemp("corpus-build")
    store = SQLiteStore(tmp / "store.sqlite")
    imported = import_paths(store, [corpus_dir])
    assert imported.imported > 100, imported.counts()

    def no_network(url: str) -> bytes:
        raise AssertionError(f"a test must not fetch {url}")

    report = build(store, tmp / "out", ["all"], BuildOptions(base_url=BASE), images=False, fetch=no_network)
    return tmp / "out", report, store


def _article_id(store: SQLiteStore, url: str) -> str:
    found = store.find_article_id(url=url)
    assert found, f"{url} was not imported"
    return found


def test_corpus_builds_all_three_outputs(built: tuple[Path, BuildReport, SQLiteStore]) -> None:
    out, report, store = built
    assert not report.failures, report.failures[:3]
    count = store.count_articles()
    assert len(list((out / "pagemirror" / "pages").rglob("*.md"))) == count
    jekyll = [p for p in (out / "jekyll").rglob("*.md") if p.parts[-2] != "_layouts"]
    assert len(jekyll) == count
    assert len(list((out / "site" / "a").rglob("*.html"))) == count
    assert (out / "site" / "sitemap.xml").is_file() and (out / "pagemirror" / "README.md").is_file()


def test_seed_page_rerendered_as_page_mirror_keeps_the_text_and_drops_the_junk(
        built: tuple[Path, BuildReport, SQLiteStore], corpus_dir: Path) -> None:
    out, _, store = built
    article_id = _article_id(store, "https://www.ntdtv.com/gb/2023/02/04/a103642134.html")
    # The outlet's own article id names the file, as in the page mirror the seed comes from.
    pages = list((out / "pagemirror" / "pages").rglob("a103642134.md"))
    assert len(pages) == 1 and not list((out / "pagemirror" / "pages").rglob(f"{article_id}.md"))
    page = pages[0].read_text(encoding="utf-8")
    rendered = _squash(page.replace("\\", ""))
    paragraphs = _seed_paragraphs(corpus_dir / SEED_PAGE, "//div[@class='post_content']//p")
    assert len(paragraphs) == 12
    missing = [p for p in paragraphs if p not in rendered]
    assert not missing, missing
    assert "2022年9月16日，俄罗斯总统普京与习近平在上合峰会上交谈" in page  # the caption stays
    for junk in PAGE_JUNK:
        assert junk not in page, junk
    assert "width='0px'" not in page and "gfw-breaker.win" not in page  # no tracking pixel
    assert f"{BASE}/pages/" in page and "原文地址（需翻墙访问）：https://www.ntdtv.com/gb/2023/02/04/a103642134.html" in page
    assert pages[0].with_name("a103642134.md.png").is_file()


def test_seed_post_rerendered_as_jekyll_keeps_the_text_and_drops_the_junk(
        built: tuple[Path, BuildReport, SQLiteStore], corpus_dir: Path) -> None:
    out, _, store = built
    url = "https://www.cna.com.tw/news/acn/202302040101.aspx"
    posts = [p for p in (out / "jekyll").rglob("2023-02-04-*.md") if url in p.read_text(encoding="utf-8")]
    assert len(posts) == 1
    text = posts[0].read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == "習近平是否春季訪俄沒譜 馬朝旭先赴莫斯科磋商"
    assert front["from"] == url and front["layout"] == "post"
    assert front["lang"] == "zh-Hant"
    assert posts[0].name == "2023-02-04-習近平是否春季訪俄沒譜 馬朝旭先赴莫斯科磋商.md"
    body = text.split("---\n", 2)[2]
    rendered = _squash(lxml.html.fromstring(f"<div>{body}</div>").text_content())
    # CNA ends its last paragraph with an internal desk code ("）1120204"), which is not article text.
    paragraphs = [re.sub(r"(?<=）)\d{7}$", "", p) for p in _seed_paragraphs(corpus_dir / SEED_POST, "//p")]
    assert len(paragraphs) == 9
    missing = [p for p in paragraphs if p not in rendered]
    assert not missing, missing
    for junk in POST_JUNK:
        assert junk not in text, junk


def test_seed_article_on_the_html_site_has_the_text_and_no_remote_resources(
        built: tuple[Path, BuildReport, SQLiteStore], corpus_dir: Path) -> None:
    out, _, store = built
    article_id = _article_id(store, "https://www.ntdtv.com/gb/2023/02/04/a103642134.html")
    page = next((out / "site" / "a").rglob(f"{article_id}.html")).read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    rendered = _squash(tree.xpath("//div[@class='body']")[0].text_content())
    for paragraph in _seed_paragraphs(corpus_dir / SEED_PAGE, "//div[@class='post_content']//p"):
        assert paragraph in rendered
    assert not tree.xpath("//script | //iframe | //img[starts-with(@src, 'http')] | //link[starts-with(@href, 'http')]")
    for junk in PAGE_JUNK:
        assert junk not in page, junk
