"""`newsmirror demo`: the README's main command, offline on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.store import open_store


@pytest.mark.corpus
def test_demo_imports_groups_and_builds_all_outputs(corpus_dir: Path, tmp_path: Path) -> None:
    db, out = tmp_path / "demo.sqlite", tmp_path / "out"
    result = CliRunner().invoke(app, ["demo", "--corpus", str(corpus_dir), "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    # Every format is written; the seed NTD page is mirrored with its original URL.
    pages = list((out / "pagemirror" / "pages").rglob("*.md"))
    assert any("ntdtv.com/gb/2023/02/04/a103642134.html" in p.read_text(encoding="utf-8") for p in pages)
    assert list((out / "jekyll").rglob("*.md"))
    assert (out / "site" / "index.html").is_file()
    with open_store(db) as store:
        ntd = store.find_article_id(url="https://www.ntdtv.com/gb/2023/02/04/a103642134.html")
        cna = store.find_article_id(url="https://www.cna.com.tw/news/acn/202302040101.aspx")
        assert ntd and cna
        assert store.story_of(ntd) == store.story_of(cna) is not None
        # The printed counts are the stored ones: two files of one article are one article, not "1 updated".
        stored = store.count_articles()
        # ... and its edits are the articles `stats` counts as edited (the corpus holds one feed article crawled
        # twice, its headline changed in between), each named where its versions are shown.
        edited = [article.id for article in store.iter_articles() if len(store.versions(article.id)) > 1]
        assert len(edited) == store.stats()["edited_articles"] >= 1
        # That RFA item's two files are versions in the order of their dates (09:02:00 then 09:02:37), not of their
        # file names (日日 sorts first): the later copy is the current text.
        rfa = store.find_article_id(url="https://www.rfa.org/mandarin/yataibaodao/huanjing/ql-01202021040228.html")
        assert rfa is not None
        versions = store.versions(rfa)
        assert [(v.title.split()[0], f"{v.as_of:%H:%M:%S}") for v in versions] == [
            ("北京大兴每天新增病例", "09:02:00"), ("北京大兴日日新增病例", "09:02:37")]
        current = store.get_article(rfa)
        assert current is not None and current.title == versions[-1].title
    assert f"imported {stored} articles from " in result.output and " 0 updated, 0 unchanged" in result.output
    printed = " ".join(result.output.split())
    assert f"{len(edited)} edit" in printed and all(f"`newsmirror history {i}`" in printed for i in edited[:3])
    assert f"{stored} articles grouped" in result.output
    # The first story listed (the biggest of the last two days, as on the front page), with the command that compares
    # it (the ids came with no use said).
    listed = printed.split("stories reported by several outlets (")[1].split("): ", 1)[1].split()[0]
    assert f"next: `newsmirror stories show {listed}` compares what its outlets report; open " in printed


def test_demo_without_archives_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--corpus", str(tmp_path / "missing"), "--db", str(tmp_path / "d.sqlite")])
    assert result.exit_code == 1
    assert "--corpus" in result.output


def test_demo_without_archives_names_the_public_archive_and_how_to_give_it(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # A clone alone (no ../shared): the demo stopped in one clear line but named nothing a new user could fetch,
    # and neither did the README (session 47's left-over). Both now say the same two steps.
    from newsmirror.settings import SAMPLE_ARCHIVE, SAMPLE_DEMO, SAMPLE_FETCH, demo_corpus_candidates

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSMIRROR_CORPUS", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(app, ["demo", "--db", str(tmp_path / "d.sqlite")])
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and said.startswith(f"error: no archives at {demo_corpus_candidates()[0]}"), said
    assert SAMPLE_ARCHIVE in said and f"`{SAMPLE_FETCH}`, then `{SAMPLE_DEMO}`" in said
    assert not (tmp_path / "d.sqlite").exists()
    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").split())
    setup = readme.split("## Set up")[1].split(" ## ")[0]
    assert f"`{SAMPLE_FETCH}`, then `{SAMPLE_DEMO}`" in setup and f"[{SAMPLE_ARCHIVE}](https://{SAMPLE_ARCHIVE})" in setup


def test_demo_without_archives_names_each_folder_it_looked_in_once(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # From a clone's root (README's set-up), ../shared/corpus is the folder beside the checkout: the message read
    # "no archives at ../shared/corpus, /tmp/x/shared/corpus", one folder twice.
    from newsmirror.settings import _CHECKOUT_ROOT

    monkeypatch.chdir(_CHECKOUT_ROOT)
    monkeypatch.delenv("NEWSMIRROR_CORPUS", raising=False)
    monkeypatch.setattr("newsmirror.settings.default_demo_corpus", lambda: None)  # as a clone without ../shared
    result = CliRunner().invoke(app, ["demo", "--db", str(tmp_path / "d.sqlite")])
    said = " ".join(result.output.split())
    tried = said.split("error: no archives at ", 1)[1].split(". ", 1)[0]
    assert result.exit_code == 1 and tried == str(Path("..") / "shared" / "corpus"), said
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # elsewhere: both places, each once
    said = " ".join(CliRunner().invoke(app, ["demo", "--db", str(tmp_path / "d.sqlite")]).output.split())
    assert f"no archives at ../shared/corpus, {_CHECKOUT_ROOT.parent / 'shared' / 'corpus'}." in said, said


def test_demo_of_a_folder_without_articles_says_so_before_making_a_store(tmp_path: Path) -> None:
    # It imported 0 articles into an empty site and exited 0 (a whole clone's root, a folder of something else).
    from newsmirror.settings import SAMPLE_DEMO
    from tests.fixtures_archives import JEKYLL_POST, write

    write(tmp_path, "clone/README.md", "# 一个网站\n")
    write(tmp_path, "clone/about.md", "---\nlayout: page\ntitle: 关于\n---\n关于本站。\n")
    write(tmp_path, "clone/notes.txt", "笔记")
    db, out = tmp_path / "d.sqlite", tmp_path / "out"
    result = CliRunner().invoke(app, ["demo", "--corpus", str(tmp_path / "clone"), "--db", str(db), "--out", str(out)])
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and f"error: no article in {tmp_path / 'clone'}" in said and SAMPLE_DEMO in said
    assert not db.exists() and not out.exists()
    write(tmp_path, "clone/archived/2024-03-01/2024-03-01-a.md", JEKYLL_POST)  # one post deep below: enough
    result = CliRunner().invoke(app, ["demo", "--corpus", str(tmp_path / "clone"), "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0 and "imported 1 article from 1 article file" in result.output, result.output


def test_the_readme_fetch_of_the_sample_archive_gives_the_folder_the_demo_is_pointed_at(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's two steps, run as written against a local repository of the public archive's shape (the
    network is not the test's): the sparse clone brings the day's folder, and `demo --corpus` takes it."""
    import os
    import shlex
    import shutil
    import subprocess

    from newsmirror.settings import SAMPLE_ARCHIVE, SAMPLE_DEMO, SAMPLE_FETCH
    from tests.fixtures_archives import JEKYLL_POST, write

    if shutil.which("git") is None:
        pytest.fail("git is needed to check the README's fetch of the sample archive")
    origin = tmp_path / "remote" / "waimei"  # a clone is named after the address's last part
    write(origin, "archived/2021-01-07/2021-01-07-a.md", JEKYLL_POST)
    write(origin, "_posts/2021-01-20-b.md", JEKYLL_POST.replace("公車票價下調", "公車票價再下調"))
    write(origin, "index.html", "<html></html>")
    quiet = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
             "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    env = {**os.environ, **quiet}
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "archive"],
                    ["git", "config", "uploadpack.allowFilter", "true"]):
        subprocess.run(command, cwd=origin, env=env, check=True)
    here = tmp_path / "user"
    here.mkdir()
    fetch = SAMPLE_FETCH.replace(f"https://{SAMPLE_ARCHIVE}", f"file://{origin}")
    subprocess.run(["bash", "-c", fetch], cwd=here, env=env, check=True, capture_output=True)
    assert not (here / "waimei" / "_posts").exists()  # the one day, not the archive
    monkeypatch.chdir(here)
    args = shlex.split(SAMPLE_DEMO)
    assert args[:2] == ["newsmirror", "demo"]
    result = CliRunner().invoke(app, [*args[1:], "--db", str(tmp_path / "d.sqlite"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and "imported 1 article from 1 article file" in result.output, result.output


@pytest.mark.corpus
def test_demo_finds_the_sample_archives_from_any_working_directory(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from newsmirror.settings import default_demo_corpus

    beside = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    if not beside.is_dir():  # the suite found its corpus by $NEWSMIRROR_CORPUS: this checks the lookup without it
        pytest.fail(f"this test needs the corpus beside the checkout, at {beside}")
    monkeypatch.delenv("NEWSMIRROR_CORPUS", raising=False)
    monkeypatch.chdir(tmp_path)  # no ../shared/corpus from here
    found = default_demo_corpus()
    assert found is not None and found.resolve() == beside.resolve()


def test_demo_corpus_from_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsmirror.settings import default_demo_corpus

    monkeypatch.setenv("NEWSMIRROR_CORPUS", str(tmp_path))
    assert default_demo_corpus() == tmp_path
    monkeypatch.setenv("NEWSMIRROR_CORPUS", str(tmp_path / "missing"))
    assert default_demo_corpus() is None
    result = CliRunner().invoke(app, ["demo", "--db", str(tmp_path / "d.sqlite")])
    assert result.exit_code == 1
    assert "missing" in result.output and "--corpus" in result.output


def test_demo_and_run_report_grouping_and_comparing_before_the_build(tmp_path: Path) -> None:
    """`demo` and `run` grouped and compared in silence (the import bar stood at 100%; minutes on a
    big fetch): group_and_build reports both phases, then the build's."""
    from newsmirror.jobs.update import COMPARING, GROUPING, group_and_build
    from tests.store.test_story_comparisons import VISIT

    phases: list[str] = []
    with open_store(tmp_path / "u.sqlite") as store:
        for article in VISIT:
            store.upsert_article(article)
        group_and_build(store, tmp_path / "out", images=False,
                        progress=lambda done, total, phase: phases.append(phase))
    seen = list(dict.fromkeys(phases))
    assert seen[:2] == [GROUPING, COMPARING] and len(seen) > 2, seen
