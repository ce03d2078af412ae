"""The steps after storing: group stories, then render every output. Shared by `run` and `demo`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsmirror.config import load_config
from newsmirror.jobs.building import BuildReport, build, default_comparer, load_publish_settings
from newsmirror.jobs.building import Progress as BuildProgress
from newsmirror.jobs.grouping import GroupingReport, group_articles
from newsmirror.jobs.importing import ImportReport, import_paths
from newsmirror.publish.base import BuildOptions
from newsmirror.store.base import Store
from newsmirror.store.changes import history_hint

ImportProgress = Callable[[int, int, str], None]  # done, total, current file
# The phases of ``group_and_build`` before the build's own (said as the build names its phases).
GROUPING = "grouping articles into stories"
COMPARING = "comparing stories"


@dataclass(slots=True)
class UpdateReport:
    grouping: GroupingReport
    build: BuildReport
    imported: ImportReport | None = None
    not_grouped: str = ""  # why this run grouped nothing: another process holds the grouping lease
    base_url: str = ""  # the [publish] base_url the outputs were built with ("": none, relative links; `run` says so)

    def summary(self, *, failures: bool = True) -> str:
        """What was done, a line a step; ``failures=False`` leaves out the build's failures, for a caller that
        names them on stderr (`run`, where cron's --quiet hides this summary)."""
        lines = []
        if self.imported is not None:
            lines.append(import_summary(self.imported))
        g = self.grouping
        if self.not_grouped:
            lines.append(f"stories: not grouped by this run: {self.not_grouped}; the outputs hold what was grouped")
        else:
            lines.append(f"stories: {g.assigned} articles grouped ({g.new_stories} new stories, {g.joined} joined, "
                         f"{g.duplicates} republished copies)")
        b = self.build
        lines.append(f"outputs in {b.out_dir}: {b.written} files written for {b.articles} articles and "
                     f"{b.stories} stories ({', '.join(b.formats)}) in {b.seconds:.1f}s")
        if failures:
            lines.extend(f"build failure: {failure}" for failure in b.failures[:10])
        return "\n".join(lines)


def import_summary(report: ImportReport) -> str:
    """One line a new user can check against `stats`: articles (new + updated + unchanged), then the files that
    repeated one of them (a fresh demo store said "1 updated" for two archive files of one article)."""
    counts = report.counts()
    line = (f"imported {_count(report.imported, 'article')} from {_count(report.article_files, 'article file')}: "
            f"{counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged"
            + (f", {counts['refreshed']} refreshed" if counts["refreshed"] else ""))
    repeats = counts["duplicate"] + counts["merged"]
    if repeats:
        duplicates = counts["duplicate"]
        parts = [_count(duplicates, "duplicate")] if duplicates else []
        if counts["merged"]:
            # Another title or text of one article is an edit (two crawls of a changed headline, as in the demo's
            # corpus), stored as a version: `stats` counts it as an edited article, so this line says it in its words.
            edits, articles = counts["merged"], len(report.edited)
            # "1 edit, another title or text kept as a version" read as a list of three things: what an edit is
            # goes in brackets after it.
            parts.append(f"{_count(edits, 'edit')}"
                         + (f" of {_count(articles, 'article')}" if articles != edits else "")
                         + f" (another title or text, kept as {'a version' if edits == 1 else 'versions'}: "
                         + history_hint(report.edited) + ")")
        line += f"; {_count(repeats, 'file')} repeated one of these articles: {', '.join(parts)}"
    return line + f"; {counts['failed']} failed, {counts['skipped']} not articles"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def group_and_build(store: Store, out_dir: Path, *, images: bool = True, config: str | Path | None = None,
                    progress: BuildProgress | None = None) -> UpdateReport:
    """Put new articles into stories, then write page mirror, Jekyll and HTML site (only what changed).
    ``progress`` hears every phase: grouping and comparing stories (which `demo` and `run` spent in
    silence, minutes on a big fetch), then the build's own."""
    grouping, not_grouped = _group(store, progress)
    settings = load_publish_settings(config)
    options = BuildOptions(base_url=settings.base_url, script=settings.script, site_title=settings.site_title)
    built = build(store, out_dir, ["all"], options, images=images, comparer=default_comparer(store), progress=progress,
                  private_hosts=load_config(config).fetch.private_hosts)
    return UpdateReport(grouping=grouping, build=built, not_grouped=not_grouped, base_url=options.base_url)


def _group(store: Store, progress: BuildProgress | None) -> tuple[GroupingReport, str]:
    """Group under the fleet's grouping lease, as `stories group` and the workers' group job do (two groupers at once
    could split a story: jobs.grouping). It grouped without it, and an unfinished run went unseen by the next grouper
    (the lease's attempts, which make it compare what such a run left). When another process holds the lease: nothing
    grouped, and why (this run builds what is grouped)."""
    from newsmirror.jobs.grouping import GroupingBusy, grouping_lease, lease_holder, lease_renewer

    try:
        with grouping_lease(store) as lease:
            renew = lease_renewer(store, lease)  # a whole archive's grouping takes longer than the lease

            def told(phase: str) -> Callable[[int, int], None]:
                def tell(done: int, total: int) -> None:
                    renew()
                    if progress is not None:
                        progress(done, total, phase)
                return tell

            return group_articles(store, progress=told(GROUPING), compare_progress=told(COMPARING),
                                  still_ours=lease_holder(store, lease), compare_all=lease.attempts > 1), ""
    except GroupingBusy as busy:
        return GroupingReport(), f"stories are being grouped right now by {busy.holder}"


def run_demo(store: Store, corpus: Path, out_dir: Path, *, import_progress: ImportProgress | None = None,
             build_progress: BuildProgress | None = None) -> UpdateReport:
    """The offline main job: import existing archives, group, build. Images are not downloaded
    (the demo must work without a network); they are dropped, captions kept, never hot-linked."""
    imported = import_paths(store, [corpus], progress=import_progress)
    report = group_and_build(store, out_dir, images=False, progress=build_progress)
    report.imported = imported
    return report
