from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.errors import ConfigError
from newsmirror.jobs.building import build, publish
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.gitpush import publish_folder, push_failure
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import BASE_URL, fill, make_article


def _bare(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(path)], check=True)
    return path


def _tree(bare: Path, branch: str = "main") -> list[str]:
    done = subprocess.run(["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", branch],
                          capture_output=True, text=True, check=True)
    return done.stdout.split("\n")[:-1]


def _commits(bare: Path) -> int:
    done = subprocess.run(["git", "--git-dir", str(bare), "rev-list", "--count", "main"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_push_reaches_every_good_remote_and_reports_the_bad_one(store: SQLiteStore, tmp_path: Path) -> None:
    fill(store, 4)
    out = tmp_path / "out"
    build(store, out, ["site"], BuildOptions(base_url=BASE_URL), images=False)
    first, second = _bare(tmp_path / "one.git"), _bare(tmp_path / "two.git")
    remotes = {"one": str(first), "broken": str(tmp_path / "missing.git"), "two": str(second)}
    reports = publish(out, ["site"], remotes, "first")
    results = {r.name: r for r in reports[0].results}
    assert results["one"].ok and results["two"].ok
    assert not results["broken"].ok and results["broken"].message
    for bare in (first, second):
        files = _tree(bare)
        assert "index.html" in files and "sitemap.xml" in files
        assert not any(name.startswith(".newsmirror-manifest") for name in files)
    again = publish(out, ["site"], remotes, "second")
    assert not again[0].committed
    assert _commits(first) == 1
    store.upsert_article(make_article(99))
    build(store, out, ["site"], BuildOptions(base_url=BASE_URL), images=False)
    third = publish(out, ["site"], remotes, "third")
    assert third[0].committed and _commits(first) == 2 and _commits(second) == 2


def test_split_by_month_puts_each_month_in_its_own_repository(store: SQLiteStore, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    january = make_article(1, when=datetime(2024, 1, 5, tzinfo=UTC))
    february = make_article(2, when=datetime(2024, 2, 5, tzinfo=UTC))
    for article in (january, february):
        store.upsert_article(article)
    out = tmp_path / "out"
    build(store, out, ["site"], BuildOptions(base_url=BASE_URL), images=False)
    for part in ("2024-01", "2024-02", "index"):
        _bare(tmp_path / f"news-{part}.git")
    reports = publish(out, ["site"], {"origin": str(tmp_path / "news-{part}.git")}, "split", split_by_month=True)
    assert sorted(r.part for r in reports) == ["site/2024-01", "site/2024-02", "site/index"]
    assert all(r.results[0].ok for r in reports)
    assert f"a/2024-01/{january.id}.html" in _tree(tmp_path / "news-2024-01.git")
    assert f"a/2024-02/{february.id}.html" not in _tree(tmp_path / "news-2024-01.git")
    assert "index.html" in _tree(tmp_path / "news-index.git")
    with pytest.raises(ConfigError, match="part"):
        publish(out, ["site"], {"origin": str(tmp_path / "x.git")}, "split", split_by_month=True)


def test_split_by_month_publishes_the_change_pages_too(store: SQLiteStore, tmp_path: Path) -> None:
    # polish64: the site's history/ and changes/ pages (and changes.css) are written outside the build's manifest,
    # and the split publish copied the manifest's files only: every split repository lacked them, so each edited
    # article's 修改记录 link pointed at nothing. A whole folder's publish (git add -A) has them.
    from datetime import UTC, datetime

    january = make_article(1, when=datetime(2024, 1, 5, tzinfo=UTC))
    store.upsert_article(january)
    store.upsert_article(make_article(1, when=datetime(2024, 1, 5, tzinfo=UTC), title="第1篇报道：软件园区推迟开放"))
    out = tmp_path / "out"
    build(store, out, ["site"], BuildOptions(base_url=BASE_URL), images=False)
    page = f"history/{january.id}.html"
    assert (out / "site" / page).is_file()
    for part in ("2024-01", "index"):
        _bare(tmp_path / f"news-{part}.git")
    remotes = {"origin": str(tmp_path / "news-{part}.git")}
    reports = publish(out, ["site"], remotes, "split", split_by_month=True)
    assert all(r.results[0].ok for r in reports)
    index = _tree(tmp_path / "news-index.git")
    assert page in index and "changes/index.html" in index and "changes.css" in index
    assert not any(name.startswith((".newsmirror", ".git")) for name in index)
    again = publish(out, ["site"], remotes, "split", split_by_month=True)
    assert not any(r.committed for r in again)  # nothing changed: nothing committed
    (out / "site" / page).unlink()
    gone = publish(out, ["site"], remotes, "split", split_by_month=True)
    assert page not in _tree(tmp_path / "news-index.git") and any(r.committed for r in gone)


def test_cli_build_then_publish(store: SQLiteStore, tmp_path: Path) -> None:
    fill(store, 3)
    db = store.path
    out = tmp_path / "out"
    runner = CliRunner()
    built = runner.invoke(app, ["build", "--db", db, "--out", str(out), "--format", "pagemirror",
                                "--base-url", BASE_URL, "--no-images"])
    assert built.exit_code == 0, built.output
    assert (out / "pagemirror" / "README.md").is_file() and not (out / "site").exists()
    good = _bare(tmp_path / "good.git")
    pushed = runner.invoke(app, ["publish", "--out", str(out), "--format", "pagemirror",
                                 "--remote", f"good={good}", "--remote", f"bad={tmp_path / 'nope.git'}"])
    assert pushed.exit_code == 0  # one of two remotes failed: said on stderr, not a failed run (cli.EXIT_STATUS_HELP)
    assert "README.md" in _tree(good)
    assert "1 of 2 push(es) failed" in pushed.output
    no_remote = runner.invoke(app, ["publish", "--out", str(out), "--format", "pagemirror",
                                    "--config", str(tmp_path / "none.toml")])
    assert no_remote.exit_code == 1 and "does not" in " ".join(no_remote.output.split())


def test_a_failed_push_says_git_s_reason_not_its_advice(tmp_path: Path) -> None:
    # The last line of git's answer was taken: "and the repository exists." for a missing repository.
    missing = "\n".join(["fatal: '/x/nope.git' does not appear to be a git repository",
                         "fatal: Could not read from remote repository.", "",
                         "Please make sure you have the correct access rights", "and the repository exists."])
    assert push_failure(missing) == "fatal: '/x/nope.git' does not appear to be a git repository"
    rejected_err = "\n".join(["error: failed to push some refs to '/x/r.git'",
                              "hint: Updates were rejected because a pushed branch tip is behind its remote"])
    rejected_out = "To /x/r.git\n!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)\nDone\n"
    assert push_failure(rejected_err, rejected_out) == "HEAD:refs/heads/main [rejected] (non-fast-forward)"
    assert push_failure("error: src refspec main does not match any") == "error: src refspec main does not match any"
    assert push_failure("", "") == ""


def test_a_real_push_to_a_missing_repository_names_it(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (result,) = publish_folder(folder, {"gone": str(tmp_path / "nope.git")}, "m").results
    assert not result.ok and "does not appear to be a git repository" in result.message, result.message


def _site(tmp_path: Path) -> Path:
    folder = tmp_path / "out" / "site"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<p>x</p>", encoding="utf-8")
    return folder


def test_a_relative_remote_path_is_read_from_where_the_command_was_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # polish65: git ran in the output folder, so `-r backup=remotes/news.git` looked for out/site/remotes/news.git
    # and failed with "does not appear to be a git repository".
    folder = _site(tmp_path)
    (tmp_path / "remotes").mkdir()
    bare = _bare(tmp_path / "remotes" / "news.git")
    monkeypatch.chdir(tmp_path)
    (result,) = publish_folder(folder, {"backup": "remotes/news.git"}, "m").results
    assert result.ok, result.message
    assert result.url == "remotes/news.git" and _tree(bare) == ["index.html"]


def test_a_bare_remote_whose_head_names_another_branch_is_pointed_at_the_pushed_one(tmp_path: Path) -> None:
    # polish65: `git init --bare` names master (or init.defaultBranch) as HEAD while newsmirror pushes main: a clone
    # of the mirror said "remote HEAD refers to nonexistent ref, unable to checkout" and showed no file.
    folder = _site(tmp_path)
    bare = tmp_path / "news.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "master", str(bare)], check=True)
    (result,) = publish_folder(folder, {"origin": f"file://{bare}"}, "m").results
    assert result.ok and result.head_fixed and "set to main" in result.head_note, result
    head = subprocess.run(["git", "--git-dir", str(bare), "symbolic-ref", "HEAD"], capture_output=True, text=True)
    assert head.stdout.strip() == "refs/heads/main"
    subprocess.run(["git", "clone", "-q", str(bare), str(tmp_path / "clone")], check=True)
    assert (tmp_path / "clone" / "index.html").is_file()
    (folder / "more.html").write_text("<p>y</p>", encoding="utf-8")
    (again,) = publish_folder(folder, {"origin": f"file://{bare}"}, "m2").results
    assert again.ok and not again.head_note  # said once: HEAD names the branch now
    # Stopped between its push and setting HEAD (Ctrl-C): the next push, which makes no branch, still sets it.
    subprocess.run(["git", "--git-dir", str(bare), "symbolic-ref", "HEAD", "refs/heads/master"], check=True)
    (folder / "more.html").write_text("<p>z</p>", encoding="utf-8")
    (third,) = publish_folder(folder, {"origin": str(bare)}, "m3").results
    assert third.ok and third.head_fixed, third


def test_a_remote_newsmirror_cannot_set_gets_a_warning_saying_what_to_do(tmp_path: Path) -> None:
    out = _site(tmp_path).parent
    other = tmp_path / "other"  # not bare, so left alone: its HEAD names master, which has no commit
    subprocess.run(["git", "init", "-q", "-b", "master", str(other)], check=True)
    good = _bare(tmp_path / "good.git")  # `-b main`: its HEAD names the pushed branch, nothing to say
    pushed = CliRunner().invoke(app, ["publish", "--out", str(out), "--format", "site", "-r", f"other={other}",
                                      "-r", f"good={good}", "-q"])
    assert pushed.exit_code == 0, pushed.output
    said = " ".join(pushed.stderr.split())
    assert said.startswith("warning: pushed, but site -> other (") and said.count("warning:") == 1, said
    assert "a clone of it checks nothing out: make main its default branch" in said


def test_a_head_someone_set_to_a_branch_or_a_commit_is_never_changed(tmp_path: Path) -> None:
    """review54: HEAD is repointed only when it names no branch (a clone then checks nothing out). A bare repository
    whose HEAD a human set to another branch that exists (a mirror that serves `pages`), or to a commit, keeps it on
    the push that makes main and on every later one; so does a repository that is not bare."""
    folder = _site(tmp_path)
    subprocess.run(["git", "init", "-q", "-b", "pages", str(tmp_path / "seed")], check=True)
    (tmp_path / "seed" / "a").write_text("a", encoding="utf-8")
    subprocess.run(["git", "-C", str(tmp_path / "seed"), "add", "a"], check=True)
    subprocess.run(["git", "-C", str(tmp_path / "seed"), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q",
                    "-m", "a"], check=True)
    on_branch, on_commit = _bare(tmp_path / "branch.git"), _bare(tmp_path / "commit.git")
    for bare in (on_branch, on_commit):
        subprocess.run(["git", "-C", str(tmp_path / "seed"), "push", "-q", str(bare), "pages"], check=True)
    subprocess.run(["git", "--git-dir", str(on_branch), "symbolic-ref", "HEAD", "refs/heads/pages"], check=True)
    seed = subprocess.run(["git", "-C", str(tmp_path / "seed"), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    (on_commit / "HEAD").write_text(seed + "\n", encoding="utf-8")  # detached: a commit, no branch
    worktree = tmp_path / "worktree"  # not bare: HEAD names master, which has no commit
    subprocess.run(["git", "init", "-q", "-b", "master", str(worktree)], check=True)
    remotes = {"branch": str(on_branch), "commit": str(on_commit), "worktree": str(worktree)}
    for round_ in range(2):  # the push that makes main, then one that does not
        (folder / "index.html").write_text(f"<p>{round_}</p>", encoding="utf-8")
        results = {result.name: result for result in publish_folder(folder, remotes, f"m{round_}").results}
        assert all(result.ok for result in results.values()), results
        assert not results["branch"].head_note and not results["commit"].head_note
        assert not results["worktree"].head_fixed and "make main its default branch" in results["worktree"].head_note
        assert (on_branch / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/pages\n"
        assert (on_commit / "HEAD").read_text(encoding="utf-8") == seed + "\n"
        assert (worktree / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/master\n"
        assert _tree(on_branch) == ["index.html"]
