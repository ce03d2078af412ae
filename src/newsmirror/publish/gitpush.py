"""Publishing an output folder: commit it to git and push to every configured remote.

One unreachable or rejecting remote is reported and the others still get the push.
Large archives can be split into one repository per month (``YYYY-MM``) plus ``index``
for the listings, to stay under git-host and CDN size limits.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsmirror.errors import ConfigError, NewsmirrorError
from newsmirror.publish.manifest import (
    LEGACY_MANIFEST_NAME,
    MANIFEST_NAME,
    load_months,
    load_outputs,
    read_manifest,
)
from newsmirror.publish.outfiles import confined_path

INDEX_PART = "index"
SPLIT_STATE = ".newsmirror-split.json"
PART_PLACEHOLDER = "{part}"

# Told each step as it starts ("committing", "pushing to NAME"): a commit of a large output and each push can take
# minutes, and publish said nothing until its table.
Say = Callable[[str], None]


def silent(step: str) -> None:
    pass


class PublishError(NewsmirrorError):
    pass


@dataclass(slots=True)
class RemoteResult:
    name: str
    url: str
    ok: bool
    message: str = ""
    # A pushed remote's HEAD named no branch (a bare repository made by `git init --bare` names master, or git's
    # init.defaultBranch, while newsmirror pushes main), so a clone of it checked nothing out: what was done about it
    # (``head_fixed``) or what the operator should do.
    head_note: str = ""
    head_fixed: bool = False


@dataclass(slots=True)
class PublishReport:
    folder: Path
    part: str = ""
    committed: bool = False
    commit: str = ""
    results: list[RemoteResult] = field(default_factory=list)

    @property
    def failed(self) -> list[RemoteResult]:
        return [r for r in self.results if not r.ok]


def _git(folder: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": os.environ.get("GIT_AUTHOR_NAME", "newsmirror"),
        "GIT_AUTHOR_EMAIL": os.environ.get("GIT_AUTHOR_EMAIL", "newsmirror@localhost"),
        "GIT_COMMITTER_NAME": os.environ.get("GIT_COMMITTER_NAME", "newsmirror"),
        "GIT_COMMITTER_EMAIL": os.environ.get("GIT_COMMITTER_EMAIL", "newsmirror@localhost"),
        "GIT_TERMINAL_PROMPT": "0",  # a remote asking for a password fails instead of hanging
    }
    try:
        return subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except FileNotFoundError as exc:
        raise PublishError("git is not installed; install it to publish (e.g. apt-get install git)") from exc


def commit_folder(folder: Path, message: str, branch: str = "main") -> tuple[bool, str]:
    """Commit everything in ``folder`` (a repository is created if needed); (committed, head)."""
    if not folder.is_dir():
        raise PublishError(f"{folder} does not exist; run `newsmirror build` first")
    if not (folder / ".git").exists():
        done = _git(folder, "init", "-q", "-b", branch)
        if done.returncode != 0:
            raise PublishError(f"git init failed in {folder}: {done.stderr.strip()}")
    exclude = folder / ".git" / "info" / "exclude"
    exclude.parent.mkdir(parents=True, exist_ok=True)
    # The manifest and its SQLite journal (``-journal``) are the build's, not the site's.
    wanted = [LEGACY_MANIFEST_NAME, MANIFEST_NAME + "*", SPLIT_STATE, ".tmp-*"]
    existing = exclude.read_text(encoding="utf-8").splitlines() if exclude.exists() else []
    if any(w not in existing for w in wanted):
        exclude.write_text("\n".join([*existing, *[w for w in wanted if w not in existing]]) + "\n", encoding="utf-8")
    _git(folder, "checkout", "-q", "-B", branch)
    added = _git(folder, "add", "-A")
    if added.returncode != 0:
        raise PublishError(f"git add failed in {folder}: {added.stderr.strip()}")
    staged = _git(folder, "diff", "--cached", "--quiet")
    committed = False
    if staged.returncode == 1:
        done = _git(folder, "commit", "-q", "-m", message)
        if done.returncode != 0:
            raise PublishError(f"git commit failed in {folder}: {done.stderr.strip()}")
        committed = True
    head = _git(folder, "rev-parse", "HEAD")
    return committed, head.stdout.strip() if head.returncode == 0 else ""


def push_all(folder: Path, remotes: dict[str, str], branch: str = "main",
             timeout: float = 600, say: Say = silent) -> list[RemoteResult]:
    """Push HEAD to every remote; each failure is recorded and the next remote is tried."""
    results = []
    for name, url in remotes.items():
        say(f"pushing to {name}")
        # git runs in the output folder: a relative path (-r backup=../news.git) was read from there, not from where
        # the command was given, and failed with "does not appear to be a git repository" (polish65).
        target = _absolute(url)
        try:
            done = _git(folder, "push", "--porcelain", target, f"HEAD:refs/heads/{branch}", timeout=timeout)
        except subprocess.TimeoutExpired:
            results.append(RemoteResult(name, url, False, f"timed out after {timeout:.0f}s"))
            continue
        if done.returncode == 0:
            result = RemoteResult(name, url, True, _last_line(done.stdout) or "pushed")
            # Asked after the push that made the branch, and of a repository on this machine after every push (no
            # network: one interrupted between its push and this would keep its HEAD otherwise).
            if _made_branch(done.stdout) or _local_path(target) is not None:
                result.head_fixed, result.head_note = _default_branch(folder, target, branch)
            results.append(result)
        else:
            results.append(RemoteResult(name, url, False, push_failure(done.stderr, done.stdout)))
    return results


def _local_path(url: str) -> Path | None:
    """The folder a remote URL names on this machine, as git reads it: ``file://PATH`` or a path (a ``host:path``
    with its colon before any slash is ssh, ``scheme://`` another transport); None for any other."""
    if url.startswith("file://"):
        return Path(url.removeprefix("file://"))
    if "://" in url:
        return None
    colon, slash = url.find(":"), url.find("/")
    if colon != -1 and (slash == -1 or colon < slash):
        return None
    return Path(url)


def _absolute(url: str) -> str:
    """A path made absolute from the working directory; any other URL as given."""
    if url.startswith("file://") or _local_path(url) is None:
        return url
    return os.path.abspath(url)


def _made_branch(porcelain: str) -> bool:
    """The push created the branch on the remote (porcelain's ``*`` flag): the first push to it."""
    return any(line.split("\t", 1)[0] == "*" for line in porcelain.splitlines())


def _default_branch(folder: Path, target: str, branch: str) -> tuple[bool, str]:
    """After a push that made ``branch`` on a remote, or any push to a repository on this machine, whose HEAD may name
    a branch that does not exist (`git init --bare` names master, or init.defaultBranch): a local bare repository's
    HEAD is pointed at ``branch``, as a git host does on the first push to an empty repository; of any other, what to
    do is said. (False, "") when HEAD names a branch that exists or a commit (``git ls-remote`` lists HEAD then, and
    lists nothing for a HEAD that names no branch): a HEAD set on purpose to a branch is never changed."""
    try:
        head = _git(folder, "ls-remote", "--symref", target, "HEAD", timeout=60)
    except subprocess.TimeoutExpired:
        return False, ""
    if head.returncode != 0 or head.stdout.strip():
        return False, ""
    local = _local_path(target)
    if local is not None:
        bare = _git(folder, "-C", str(local), "rev-parse", "--is-bare-repository")
        if bare.returncode == 0 and bare.stdout.strip() == "true":
            done = _git(folder, "-C", str(local), "symbolic-ref", "HEAD", f"refs/heads/{branch}")
            if done.returncode == 0:
                return True, f"its HEAD named no branch: set to {branch}"
    return False, (f"its HEAD names no branch, so a clone of it checks nothing out: make {branch} its default branch "
                   f"(a bare repository: git symbolic-ref HEAD refs/heads/{branch}; a git host: its settings)")


def push_failure(stderr: str, stdout: str = "") -> str:
    """Why git refused a push, in git's own words: its first "fatal:" line (a missing repository, no access), else the
    ref it rejected ("!" lines: non-fast-forward), else its "error:" line. The last line was taken, and that is
    advice: a missing repository was reported as "and the repository exists." (the end of "Please make sure you have
    the correct access rights / and the repository exists."), a rejected push as a "hint:"."""
    lines = [" ".join(line.split()) for line in f"{stderr}\n{stdout}".splitlines() if line.strip()]
    said = [line for line in lines if not line.startswith("hint:")]
    for mark in ("fatal:", "!", "error:"):
        found = next((line for line in said if line.startswith(mark)), None)
        if found:
            return found.removeprefix("! ").removeprefix("!") if mark == "!" else found
    return said[-1] if said else ""


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def publish_folder(folder: Path, remotes: dict[str, str], message: str, branch: str = "main",
                   say: Say = silent) -> PublishReport:
    say("committing")
    committed, head = commit_folder(folder, message, branch)
    report = PublishReport(folder=folder, committed=committed, commit=head)
    report.results = push_all(folder, remotes, branch, say=say) if head else []
    return report


# -- one repository per month --------------------------------------------------------
def split_by_month(output: Path, staging: Path) -> dict[str, Path]:
    """Copy ``output`` into ``staging/<part>/`` folders: one per month, ``index`` for the rest.

    Only changed files are copied; files the output no longer has are removed from the parts.
    """
    # A manifest that is not ours (or unreadable) is named, as build and changes --write-site name it (OutputError),
    # where load_outputs, which lets build start afresh, reads it as none: "no build manifest" sent the user to build.
    read_manifest(output)
    outputs = load_outputs(output)
    if not outputs:
        raise PublishError(f"{output} has no build manifest; run `newsmirror build` first")
    months = load_months(output)
    parts: dict[str, dict[str, str]] = {}
    for path, hashed in outputs.items():
        parts.setdefault(months.get(path, INDEX_PART), {})[path] = hashed
    # Files the build writes outside its manifest (the site's history/ and changes/ pages, changes.css) go to the
    # index part: a whole folder's publish commits them (`git add -A`), and a split one left every article page's
    # 修改记录 link and the change feeds pointing at nothing.
    for path, hashed in _unlisted_files(output, outputs).items():
        parts.setdefault(INDEX_PART, {})[path] = hashed
    folders: dict[str, Path] = {}
    for part, files in sorted(parts.items()):
        folder = staging / part
        folder.mkdir(parents=True, exist_ok=True)
        state_file = folder / SPLIT_STATE
        try:
            loaded = json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        # Our own state file, but in a folder others can write to: only paths inside the part.
        previous: dict[str, str] = {p: h for p, h in loaded.items() if confined_path(folder, p)} \
            if isinstance(loaded, dict) else {}
        for path, hashed in files.items():
            target = folder / path
            if previous.get(path) != hashed or not target.exists():
                source = output / path
                if not source.resolve().is_relative_to(output.resolve()):
                    continue  # a symlink planted in the output must not publish a file from elsewhere
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        for gone in set(previous) - set(files):
            (folder / gone).unlink(missing_ok=True)
        if previous != files:
            state_file.write_text(json.dumps(files, sort_keys=True), encoding="utf-8")
        folders[part] = folder
    for gone_part in {p.name for p in staging.iterdir() if p.is_dir()} - set(parts):
        # A part with no files left keeps its history; only its working files go.
        state_file = staging / gone_part / SPLIT_STATE
        if state_file.exists():
            for path in json.loads(state_file.read_text(encoding="utf-8") or "{}"):
                stale = confined_path(staging / gone_part, path)
                if stale is not None:
                    stale.unlink(missing_ok=True)
            state_file.write_text("{}", encoding="utf-8")
    return folders


def _unlisted_files(output: Path, listed: dict[str, str]) -> dict[str, str]:
    """Path -> content hash of the files in ``output`` that its manifest does not list, but for what a whole
    folder's publish leaves out too (``.git``, the manifest, build state and temporary files)."""
    skipped = (LEGACY_MANIFEST_NAME, MANIFEST_NAME, SPLIT_STATE, ".tmp-")
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(output):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        for name in files:
            path = Path(folder, name)
            relative = path.relative_to(output).as_posix()
            if relative in listed or name.startswith(skipped) or name.endswith(".tmp") or path.is_symlink():
                continue
            found[relative] = "file:" + hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def publish_split(output: Path, staging: Path, remote_templates: dict[str, str], message: str,
                  branch: str = "main", say: Say = silent) -> list[PublishReport]:
    """Publish every part to remotes whose URL contains ``{part}`` (e.g. ``.../news-{part}.git``)."""
    for name, url in remote_templates.items():
        if PART_PLACEHOLDER not in url:
            raise ConfigError(
                f"remote {name!r} ({url}) has no {PART_PLACEHOLDER} placeholder; with --split-by-month every "
                f"remote URL must name the part, e.g. git@host:me/news-{PART_PLACEHOLDER}.git"
            )
    reports = []
    say("copying into one folder per month")
    for part, folder in split_by_month(output, staging).items():
        remotes = {name: url.replace(PART_PLACEHOLDER, part) for name, url in remote_templates.items()}

        def told(step: str, part: str = part) -> None:
            say(f"{part}: {step}")

        report = publish_folder(folder, remotes, f"{message} ({part})", branch, say=told)
        report.part = part
        reports.append(report)
    return reports
