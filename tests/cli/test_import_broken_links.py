"""Posts that are links to files not there: an archive cloned with git-annex (or a copy whose link targets moved)
before its contents were fetched. Each is named as failed; the folder was called empty."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsmirror.cli import app
from tests.fixtures_archives import JEKYLL_POST, write


def test_links_to_missing_files_are_named_as_failed_not_an_empty_folder(cli_env: Path, tmp_path: Path) -> None:
    posts = tmp_path / "archive" / "_posts"
    posts.mkdir(parents=True)
    for day in (1, 2):
        (posts / f"2024-03-0{day}-post.md").symlink_to(f"../.git/annex/objects/SHA256E-s100--{day}.md")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "archive")])
    assert result.exit_code == 1, result.output  # every article file failed
    said = " ".join(result.stderr.split())
    assert "empty" not in said, said
    for day in (1, 2):
        assert f"failed {posts / f'2024-03-0{day}-post.md'}: " in said
    assert "a link to a file that is not there" in said and "SHA256E-s100--1.md" in said


def test_one_broken_link_among_good_posts_never_stops_the_run(cli_env: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write(archive, "_posts/2024-03-01-good.md", JEKYLL_POST)
    (archive / "_posts" / "2024-03-02-gone.md").symlink_to("/nonexistent/2024-03-02-gone.md")
    result = CliRunner().invoke(app, ["import", str(archive)])
    assert result.exit_code == 0, result.output  # only some failed
    said = " ".join(result.stderr.split())
    assert "2024-03-02-gone.md" in said and "1 of 2 article file(s) failed" in said, said
    assert "Traceback" not in result.output
