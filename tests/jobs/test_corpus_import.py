"""The whole shared corpus imports: every article file is stored or reported, the seeds come out clean."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmirror.jobs.importing import FileOutcome, ImportReport, import_paths
from newsmirror.store import Store, open_store

pytestmark = pytest.mark.corpus

JUNK_EVERYWHERE = ("获取更多RSS", "聚焦新聞", "原文地址", "width='0px'", "<ok", "<script", "手机上长按",
                   ".md.png", "gfw-breaker.win", "appeared first on", "<iframe", "onclick")


def article_files(corpus: Path) -> set[Path]:
    """Article files by the archives' layout alone (independent of the importer's recognition)."""
    found: set[Path] = set()
    found.update(corpus.glob("*/pages/*/*.md"))
    found.update(corpus.glob("*/_posts/*.md"))
    found.update(corpus.glob("*/archived/*/*.md"))
    found.update(corpus.glob("seeds/*.md"))
    return found


@pytest.fixture(scope="module")
def imported(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, ImportReport]]:
    store = open_store(tmp_path_factory.mktemp("corpus") / "corpus.sqlite")
    try:
        yield store, import_paths(store, [corpus_dir])
    finally:
        store.close()


def test_every_article_file_is_imported(corpus_dir: Path, imported: tuple[Store, ImportReport]) -> None:
    _, report = imported
    expected = article_files(corpus_dir)
    assert len(expected) > 150  # the corpus layout as documented in MANIFEST.md
    stored = {Path(r.path) for r in report.results
              if r.outcome in {FileOutcome.NEW, FileOutcome.UPDATED, FileOutcome.UNCHANGED, FileOutcome.DUPLICATE,
                               FileOutcome.MERGED}}
    failed = {Path(r.path): r.reason for r in report.failures}
    assert all(reason for reason in failed.values())
    assert not failed, f"article files that failed: {failed}"
    assert stored == expected
    assert report.article_files == len(expected)
    # Printed counts are stored counts: some files repeat an article of another archive (one article, counted once).
    assert report.imported == report.counts()["new"] == len({r.article_id for r in report.results if r.article_id})


def test_other_files_are_skipped_with_a_reason(corpus_dir: Path, imported: tuple[Store, ImportReport]) -> None:
    _, report = imported
    every_file = {path for path in corpus_dir.rglob("*") if path.is_file()}
    skipped = {Path(r.path): r.reason for r in report.skipped}
    assert set(skipped) == every_file - article_files(corpus_dir)
    assert all(reason.startswith("not an article") for reason in skipped.values())
    assert len(report.results) == len(every_file)  # nothing silently dropped


def test_no_stored_body_carries_junk(imported: tuple[Store, ImportReport]) -> None:
    store, _ = imported
    offenders = []
    for article in store.iter_articles():
        for marker in JUNK_EVERYWHERE:
            if marker in article.body_html or marker in article.body_text or marker in article.body_markdown:
                offenders.append((article.origin, marker))
        assert article.body_text.strip(), article.origin
        assert article.published_at is not None and article.published_at.tzinfo is not None, article.origin
    assert not offenders


def _by_origin(store: Store, name: str) -> list:  # type: ignore[type-arg]
    return [article for article in store.iter_articles() if article.origin.endswith(name)]


def test_reimport_creates_no_duplicates_or_versions(corpus_dir: Path, imported: tuple[Store, ImportReport]) -> None:
    store, first = imported
    articles, versions = store.count_articles(), store.stats()["versions"]
    again = import_paths(store, [corpus_dir])
    assert again.counts()["new"] == again.counts()["updated"] == 0
    assert again.counts()["unchanged"] == first.imported
    assert store.count_articles() == articles and store.stats()["versions"] == versions


def test_ntd_article_in_two_deployments_is_one_article_and_a_duplicate_file(
        corpus_dir: Path, imported: tuple[Store, ImportReport]) -> None:
    store, report = imported
    copies = [r for r in report.results if r.path.endswith("prog204/a103642134.md")]
    assert len(copies) == 2
    assert copies[0].article_id == copies[1].article_id
    assert sorted(r.outcome.value for r in copies) == ["duplicate", "new"]
    assert len(store.versions(copies[0].article_id)) == 1


def test_ntd_seed_page_is_clean(corpus_dir: Path, imported: tuple[Store, ImportReport]) -> None:
    store, report = imported
    (result,) = [r for r in report.results if r.path.endswith("000_goodnews_ntdtv_page.md")]
    article = store.get_article(result.article_id)
    assert article is not None
    text = article.body_text
    for snippet in ("俄罗斯官方1月31日宣布习近平春季将到访", "中共外交部发言人毛宁先前未予证实",
                    "有来自俄罗斯的消息称，普京在内部会议上大骂北京。", "（记者历澄宇综合报导/责任编辑：林清）"):
        assert snippet in text, snippet
    assert "副部长马朝旭前两天刚刚到访过莫斯科" in text  # the unwrapped <ok> link joins its sentence
    for junk in ("首页", "热点推荐", "法轮功真相", "翻墙教程", "退出中共组织", "禁书下载", "天安门自焚", "129.146.",
                 "手机上长按", "原文地址", "a103642134.md", "gfw-breaker", "<ok", "single_ad"):
        assert junk not in article.body_html and junk not in text, junk
    assert len(text.split("\n\n")) == 13  # the image caption and twelve paragraphs
    (image,) = article.images
    assert image.url.endswith("GettyImages-1243271340-800x450.jpg")
    assert "俄罗斯总统普京与习近平在上合峰会上交谈" in image.caption
    assert article.outlet == "新唐人"
    assert article.original_url == "https://www.ntdtv.com/gb/2023/02/04/a103642134.html"
    assert article.published_at is not None and article.published_at.isoformat() == "2023-02-05T00:00:00+08:00"
    assert article.authors == ["历澄宇"] and article.editors == ["林清"]
    assert article.script == "zh-Hans"


def test_cna_seed_post_is_clean(corpus_dir: Path, imported: tuple[Store, ImportReport]) -> None:
    store, report = imported
    (result,) = [r for r in report.results if r.path.endswith("001_feedx_cna_jekyll_post.md")]
    article = store.get_article(result.article_id)
    assert article is not None
    text = article.body_text
    for snippet in ("（中央社台北4日電）俄羅斯片面宣布中共領導人習近平將於春季到訪", "中國外交部發言人毛寧先前不予證實",
                    "根本「找不出個像樣的國家」", "（編輯：曹宇帆/唐佩君）"):
        assert snippet in text, snippet
    for junk in ("#馬朝旭", "hysearchws", "外交部籲中共停止偵察氣球", "休士頓領館諜報案", "聚焦新聞", "壽司郎",
                 "林俊易", "获取更多RSS", "feedx", "owl", "<svg", "keywordTag"):
        assert junk not in article.body_html and junk not in text, junk
    (image,) = article.images
    assert image.url.endswith("2000x1307_wmkn_0141059291093.jpg")
    assert image.caption.startswith("中國外交部副部長馬朝旭2至3日到莫斯科磋商")
    assert text.startswith(image.caption)  # the caption is part of the body, right at the top
    assert article.tags == ["馬朝旭", "習近平", "中國"]
    assert article.outlet == "中央社" and article.script == "zh-Hant"
    assert article.editors == ["曹宇帆", "唐佩君"]
    assert article.published_at is not None and article.published_at.isoformat() == "2023-02-04T09:34:06+00:00"
