"""`newsmirror stories ...`: group and compare."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from newsmirror.cli import (
    DbOption,
    app,
    console,
    err_console,
    friendly_errors,
    resume_by,
    store_from,
)
from newsmirror.cli.progress import clock_time
from newsmirror.cli.terminal import shown
from newsmirror.errors import NewsmirrorError
from newsmirror.store import spelt_as_among
from newsmirror.text import times

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsmirror.jobs.grouping import GroupingReport
    from newsmirror.store.base import Job, Store
    from newsmirror.stories.stored import RefreshReport

# --- stories ---
stories_app = typer.Typer(
    help="Group reports of the same event across outlets and scripts, and compare them sentence by sentence.",
    no_args_is_help=True,
)
app.add_typer(stories_app, name="stories")


def _window_days(value: float) -> float:
    """--window-days as a time span: zero or less joined nothing (every report its own story, silently), and a
    NaN, an infinity or more days than a timedelta holds failed inside grouping with a traceback."""
    from datetime import timedelta

    try:
        if value > 0:  # False for NaN too
            timedelta(days=value)
            return value
    except OverflowError:
        pass
    raise typer.BadParameter(f"{value:g} is not a number of days above 0 (two reports of one event may be this "
                             "many days apart; default 3)")


@stories_app.command("group")
@friendly_errors
def stories_group(
    db: DbOption = "",
    window_days: Annotated[float, typer.Option(
        callback=_window_days,
        help="How far apart (days) two reports of one event may be, and so the most days a story spans from its "
             "first report (default 3, the span the grouping models were fitted with). This run only: `newsmirror "
             "run` and the workers group with 3 days.")] = 3.0,
    similarity: Annotated[float | None, typer.Option(
        help="No effect on the default grouping, where a fitted model decides who joins a story (a warning says "
             "so); kept for the hand-set thresholds of earlier versions: the similarity to a story's core an "
             "article needed to join it.")] = None,
    compare: Annotated[bool, typer.Option(
        "--compare/--no-compare",
        help="Compute and store the comparison of every story this run changed (2+ outlets), so story "
             "pages, builds and `stories show` read it instead of computing it.")] = True,
    retitle: Annotated[bool, typer.Option(
        "--retitle",
        help="Also choose again the title of every stored story as grouping now does: a story titled by a report "
             "whose title opens with a column label (【重播】, 早安世界》, a label its outlet uses day after day, or a "
             "colon label naming no one: 独家：, 港媒：) takes its first report's title with the mildest label (none "
             "first). Stories keep their reports.")] = False,
) -> None:
    """Put every article that is in no story yet into one and store the comparison of each story that
    changed; run it after each import or fetch (idempotent)."""
    from newsmirror.jobs.grouping import GroupingReport, grouping_lease, lease_renewer

    report = GroupingReport()
    # One grouping at a time across the fleet: the CLI takes the same lease as the workers' group job.
    with store_from(db) as store, grouping_lease(store) as lease:
        # The last grouping did not finish (Ctrl-C, a killed worker: the lease's claims of this run > 1): the stories
        # of its saved batches were never compared, and this run would touch none of them again.
        unfinished = compare and lease.attempts > 1
        # Nothing new to group (the common case when run after every fetch): answer without loading the
        # grouping model (jieba, the word vectors: ~0.5 s of a 0.9 s run). --similarity still loads it, to
        # say that the model ignores it.
        if similarity is not None or store.unassigned_article_ids(limit=1):
            report = _group(store, lease, window_days, similarity, compare, unfinished)
        elif unfinished:
            # Renewed as the grouping renews it: a whole archive's comparing takes longer than the lease.
            report.comparisons = _compare_left(store, lease_renewer(store, lease))
        empty = not report.assigned and not store.count_articles()
        retitled = None
        if retitle and not empty:
            from newsmirror.jobs.grouping import lease_holder, retitle_stories

            retitled = retitle_stories(store, lease_holder(store, lease))
    if empty:  # "every article is already in a story" read oddly of a store with none
        console.print(f"nothing to group: {NO_ARTICLES}")
    elif not report.assigned:
        left = report.comparisons
        console.print("every article is already in a story"
                      + (f"; compared {left.compared:,} stories an interrupted run had left in "
                         f"{seconds_or_clock(left.seconds)}" if left.compared else ""))
    else:
        # Two lines, two times: the grouping, then the comparing of the stories it changed.
        console.print(
            f"grouped {report.assigned:,} articles in {seconds_or_clock(report.seconds)}: {report.new_stories:,} new "
            f"stories, {report.joined:,} joined a story, {report.duplicates:,} republished copies"
            + (f" ({report.restored:,} earlier articles reloaded)" if report.restored else "")
        )
        if compare:
            done = report.comparisons
            console.print(f"compared {done.compared:,} stories of 2+ outlets in {seconds_or_clock(done.seconds)}"
                          + (f" ({done.fresh:,} unchanged kept theirs)" if done.fresh else ""))
    if retitled is not None:
        console.print(f"retitled {retitled:,} {'story' if retitled == 1 else 'stories'} whose title opened with a "
                      "column label", highlight=False)


def _compare_left(store: Store, tick: Callable[[], None] | None = None) -> RefreshReport:
    """Compare every story whose comparison is missing or stale, under the comparing bar; ``tick`` after each."""
    from newsmirror.cli.progress import StageProgress
    from newsmirror.stories.stored import refresh_comparisons

    with StageProgress("comparing", err_console, unit="stories") as bar:
        def advance(done: int, total: int) -> None:
            bar.update(done, total)
            if done == 0:
                bar.say(LOADING)
            if tick is not None:
                tick()

        return refresh_comparisons(store, progress=advance)


def _group(store: Store, lease: Job, window_days: float, similarity: float | None, compare: bool,
           compare_all: bool) -> GroupingReport:
    """Group the store's unassigned articles under progress bars (the model loads under the first)."""
    from contextlib import ExitStack
    from datetime import timedelta

    from newsmirror.cli.progress import StageProgress
    from newsmirror.jobs.grouping import group_articles, lease_holder, lease_renewer

    with ExitStack() as bars:
        # One live display at a time (rich allows no more): the comparing bar replaces the grouping one.
        # Shown before the grouping code is imported and its model built (~2 s: jieba, the word vectors,
        # datasketch, which imports scipy.integrate), not after.
        bar = bars.enter_context(StageProgress("grouping", err_console, unit="articles"))
        bar.say(LOADING_GROUPING)
        from newsmirror.stories.cluster import ClusterConfig

        # Both bounds: the window alone left a story's span at max_span's 3 days, so a value above 3 joined nothing
        # further apart than the default did (docs80), where the option says how far apart one event's reports may be.
        config = ClusterConfig(window=timedelta(days=window_days), max_span=timedelta(days=window_days))
        if similarity is not None:
            config.similarity = similarity
            if config.pair_model:
                # It used to be taken silently and change nothing: say so rather than let a user tune it.
                err_console.print("warning: --similarity has no effect: the default pair model decides who joins "
                                  "a story by its fitted probability", highlight=False, soft_wrap=True)
        compare_bar: StageProgress | None = None
        compared = [0, 0]  # stories compared, due: said if the comparing is interrupted
        renew = lease_renewer(store, lease)

        def advance(done: int, total: int) -> None:
            bar.update(done, total)
            renew()

        def advance_compare(done: int, total: int) -> None:
            nonlocal compare_bar
            if compare_bar is None:
                bars.close()
                compare_bar = bars.enter_context(StageProgress("comparing", err_console, unit="stories"))
            compare_bar.update(done, total)
            compared[:] = [done, total]
            if done == 0:
                compare_bar.say(LOADING)
            renew()

        try:
            return group_articles(store, config, progress=advance, still_ours=lease_holder(store, lease),
                                  compare=compare, compare_progress=advance_compare, compare_all=compare_all)
        except KeyboardInterrupt as interrupt:
            if compare_bar is not None:
                # Every article is in its story: say how far the comparing got and the command that compares only the
                # rest (the next grouping, `stories group` again or a worker's, compares it too: the lease's attempts).
                resume_by(interrupt, f"every article is grouped and {compared[0]:,} of {compared[1]:,} stories are "
                                     "compared: `newsmirror stories compare` compares the rest.")
            raise


# What the comparing bar says while the first comparison's tables load (~2 s, once per process),
# and the status line of `stories show` when it must compute a comparison.
LOADING = "loading jieba's dictionary and the name tables"
# What the grouping bar says until the first article is grouped (~1-2 s).
LOADING_GROUPING = "loading the grouping model"


def seconds_or_clock(seconds: float) -> str:
    """0.4s for a quick run, 10m 34s for the whole archive (as the progress lines say it)."""
    return f"{seconds:.1f}s" if seconds < 60 else clock_time(seconds)


@stories_app.command("compare")
@friendly_errors
def stories_compare(db: DbOption = "") -> None:
    """Compute and store the comparison of every story of 2+ outlets whose stored one is missing or
    stale (after `migrate`, an upgrade that changed the comparison, or `group --no-compare`)."""
    with store_from(db) as store:
        report = _compare_left(store)
    console.print(f"compared {report.compared:,} stories in {seconds_or_clock(report.seconds)}; "
                  f"{report.fresh:,} were up to date, {report.single_outlet:,} have one outlet")


@stories_app.command("list")
@friendly_errors
def stories_list(
    db: DbOption = "",
    min_outlets: Annotated[int, typer.Option(min=1, help="Only stories reported by at least this many outlets.")] = 2,
    limit: Annotated[int, typer.Option(min=1, help="How many stories, newest first.")] = 30,
    biggest: Annotated[bool, typer.Option(
        "--biggest", help="Biggest first: most outlets, then most reports (copies included), then newest, as the "
                          "front pages rank their biggest stories (default: newest first).")] = False,
) -> None:
    """Stories reported by 2+ outlets (--min-outlets), the 30 newest (--limit; --biggest: the 30 biggest), with their
    outlets and number of reports."""
    order = "biggest" if biggest else "newest"
    with store_from(db) as store:
        # One more than shown tells whether the list is cut (2020-10-01 has 31 such stories: 30 came, no word of more).
        if biggest:
            # A researcher looks for a day's or the archive's biggest stories; the list was newest first only, where
            # the demo and the front pages rank by size (polish73). Every story's size: one statement, no story read.
            from newsmirror.publish.front import biggest_first

            ranked = biggest_first(store.story_sizes(min_outlets=min_outlets, limit=None))[:limit + 1]
            stories = [story for story in map(store.get_story, (size.id for size in ranked)) if story is not None]
        else:
            stories = store.list_stories(min_outlets=min_outlets, limit=limit + 1)
        more, stories = len(stories) > limit, stories[:limit]
        if not stories:  # an empty table with only its headers told a new user nothing
            console.print(_no_stories(store, min_outlets))
            return
        table = Table(title=f"stories reported by {min_outlets}+ outlets, {order} first (days in {times.ZONE_LABEL})",
                      expand=True)
        # Chinese titles are what the reader scans: give them the room and wrap them whole
        # (rich's default ellipsis left ~8 characters at 80 columns); ids never wrap.
        table.add_column("id", no_wrap=True)
        # "Newest first" needs its key to be seen: the day of the story's newest report.
        table.add_column("newest", no_wrap=True)
        table.add_column("title", ratio=3, overflow="fold")
        table.add_column("outlets", ratio=2, overflow="fold")
        table.add_column("reports", justify="right", no_wrap=True)
        for story in stories:
            members = store.story_members(story.id)
            outlets = []
            dates = []
            for member in members:
                article = store.get_article(member.article_id)
                if article is not None and article.outlet not in outlets:
                    outlets.append(article.outlet)
                if article is not None and article.published_at is not None:
                    dates.append(article.published_at)
            copies = sum(m.role == "duplicate" for m in members)
            reports = str(len(members) - copies) + (f" + {copies} {'copy' if copies == 1 else 'copies'}" if copies else "")
            table.add_row(story.id, times.day(max(dates)) if dates else "", shown(story.title),
                          shown("、".join(outlets)), reports)
    console.print(table)
    if more:
        console.print(f"the {limit:,} {order} shown; more are stored: `--limit {2 * limit}` lists more", highlight=False)


NO_ARTICLES = ("the store holds no articles yet; `newsmirror import PATH` (archives) or `newsmirror fetch` (feeds) "
               "adds some, then `newsmirror stories group` groups them")


def _no_stories(store: Store, min_outlets: int) -> str:
    """Why `stories list` has nothing to list, and what to run."""
    wanted = f"no story reported by {min_outlets}+ outlets"
    if not store.count_articles():
        return f"{wanted}: {NO_ARTICLES}"
    if store.unassigned_article_ids(limit=1):
        return f"{wanted} yet: some articles are in no story; `newsmirror stories group` groups them"
    return wanted + (" (`--min-outlets 1` lists every story)" if min_outlets > 1 else "")


@stories_app.command("show")
@friendly_errors
def stories_show(
    story_id: Annotated[str, typer.Argument(help="Story id (from `newsmirror stories list`).")],
    db: DbOption = "",
    outlet: Annotated[list[str] | None, typer.Option(
        help="Compare only these outlets (repeat the option, at least two); what one adds to another "
             "then shows even when a third outlet says it too.")] = None,
    full: Annotated[bool, typer.Option(
        "--full", help="The full side-by-side grid of every fact (default: a summary).")] = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print JSON: the reports and every fact with each outlet's sentence (the shape of "
                       "/api/stories/ID/comparison), for a notebook.")] = False,
) -> None:
    """A summary of the story (facts most outlets share, then what each outlet alone adds);
    --full for the reports side by side: facts all report, facts some report, what only one says."""
    import time
    from contextlib import ExitStack

    from rich.live import Live
    from rich.spinner import Spinner

    from newsmirror.model import Article
    from newsmirror.publish.absent import stored_absent
    from newsmirror.stories.quoted import quotation_rests
    from newsmirror.stories.stored import comparison_of, load_comparison, story_reports
    from newsmirror.stories.summary import summarize

    with store_from(db) as store, ExitStack() as status:
        story = store.get_story(story_id)
        if story is None and store.get_article(story_id) is not None:  # an article's id given for its story's
            found = store.story_of(story_id)
            raise NewsmirrorError(f"{story_id!r} is an article's id, not a story's: `newsmirror show {story_id}` shows "
                                  "the article" + (f", `newsmirror stories show {found}` its story" if found else ""))
        reports, copies = story_reports(store, story_id)
        # Who has no report: the outlets with articles on the story's days (publish.absent), as the story pages say.
        absent = stored_absent(store, [(a.outlet, a.published_at) for a in [*reports, *copies]])
        computed: list[float] = []  # when a comparison was computed for this call (not read from the store)

        def computing(compared: list[Article]) -> None:
            computed.append(time.perf_counter())
            what = f"comparing {len(compared)} reports of {len({a.outlet for a in compared})} outlets"
            if not err_console.is_terminal:
                # Piped or in a notebook's subprocess: no spinner is drawn, and ~2-11 s passed in silence (polish73).
                # One line, said before the wait: what is compared and whether it is kept.
                kept = ("a chosen set of outlets is compared on request, never stored" if len(compared) < len(reports)
                        else "its stored comparison is missing or out of date; computed now and stored")
                err_console.print(f"{what}: {kept} (a few seconds)", highlight=False, soft_wrap=True)
                return
            # A few seconds of silence otherwise: say what happens (on a terminal; it goes away).
            # A spinner line as `console.status` draws, but drawn at once (refresh) each time its text
            # changes: the status line draws only on its next tick, after the pause it announces.
            line = Spinner("dots", LOADING)
            live = status.enter_context(Live(line, console=err_console, transient=True, refresh_per_second=12.5))
            load_comparison()
            line.update(text=what)
            live.refresh()

        outlets_reporting = sorted({article.outlet for article in reports})
        if outlet:  # an outlet typed in the other script, with spaces or an alias names the one reporting
            outlet = spelt_as_among(store, outlet, outlets_reporting)
        # One outlet's reports have nothing to compare with: every sentence was listed as "only X" (after loading
        # the comparison's tables for it). An --outlet pair still goes to comparison_of, which says what is wrong.
        comparison = None if len(outlets_reporting) < 2 and not outlet else \
            comparison_of(store, story_id, reports, outlet, computing=computing)  # stored when grouping
        if as_json:
            from newsmirror.web.export import story_comparison

            originals = {m.article_id: m.duplicate_of for m in store.story_members(story_id)}
            exported = story_comparison(story_id, story.title if story else story_id, reports,
                                        [(a, originals.get(a.id) or "") for a in copies], comparison,
                                        on_request=bool(computed), absent=absent)
    if as_json:
        print(exported.model_dump_json(indent=2))
        return
    console.print(f"[bold]{shown(story.title if story else story_id)}[/]", highlight=False)
    # With --outlet, the compared outlets' reports: a comparison of two of seven outlets listed all 17 reports.
    chosen = set(outlet or outlets_reporting)

    def listed(article: Article) -> bool:
        # Without --outlet every report and copy: a copy from an outlet with no report of its own (2020-08-12's RFI
        # story copied by CNA) was left out and counted as "+1 report of 1 other outlet (without --outlet: every
        # report)", with no --outlet given (polish73).
        return not outlet or article.outlet in chosen

    for article in filter(listed, reports):
        when = times.stamp(article.published_at)  # in UTC+8, labelled, as `stories list` and the reader give it
        console.print(f"[dim]{shown(article.outlet)}[/] {shown(article.title)} {when} {shown(article.original_url)}",
                      highlight=False)
    for article in filter(listed, copies):
        console.print(f"[dim]copy: {shown(article.outlet)}[/] {shown(article.title)}", highlight=False)
    left = [a.outlet for a in [*reports, *copies] if not listed(a)]
    if left:
        outlets_left = len(set(left))
        # Said in the output too, not only while it computes: the pair's comparison is not kept, so each call waits.
        console.print(f"[dim]+{len(left)} report{'s' if len(left) > 1 else ''} of {outlets_left} other "
                      f"outlet{'s' if outlets_left > 1 else ''} (without --outlet: every report)"
                      + (f"; these {len(chosen)} outlets compared on request, not stored" if outlet else "") + "[/]",
                      highlight=False)
    if absent is not None and absent.outlets:
        # Said as what the archive holds, never as what an outlet did (a feed's archive misses articles).
        more = f" and {absent.more} more" if absent.more else ""
        console.print(f"[dim]no report in this archive from[/] {shown('、'.join(absent.shown))}{more}[dim]: outlets with "
                      f"articles on {absent.days} ({times.ZONE_LABEL}) and none in this story[/]", highlight=False)
    if comparison is None:
        console.print(f"only {shown('、'.join(outlets_reporting))} reports this story: nothing to compare; "
                      f"`newsmirror show {reports[0].id if reports else 'ID'}` prints the report", highlight=False)
        return
    if comparison.read_in_part:
        # Before any fact (safety76): the units shown of such a report are its first ones, not the whole report.
        cut = set(comparison.read_in_part)
        console.print("[dim]compared from their start only, longer than a comparison reads:[/] "
                      + shown("、".join(f"{a.outlet} {a.id}" for a in reports if a.id in cut)), highlight=False)
    # A unit leaving a quotation open is followed by the quotation's rest from its report, in brackets and dim.
    rests = quotation_rests(comparison, {a.id: a.body_text for a in reports})

    def text(ref: Any, along: list[Any] | None = None) -> str:
        """The unit, and the rest of a quotation it leaves open: as the lists give it (``rests``); on a line of the
        summary (``along``: the units shown on it, ranked, not in story order) unless the next unit is among them."""
        key = (ref.article_id, ref.index)
        rest = rests.get(key) if along is None else rests.every.get(key)
        if rest and along is not None and any((s.article_id, s.index - 1) == key for s in along):
            rest = ""
        return shown(ref.text) + (f"[dim]〔{shown(rest)}〕[/]" if rest else "")

    if not full:
        summary = summarize(comparison)
        if summary.common:
            # Of two outlets' facts (2/2) "most" read oddly: both.
            console.print(f"[bold]reported by {'both' if len(summary.outlets) == 2 else 'most'} outlets[/]")
            for fact in summary.common:
                # The line is one outlet's sentence: said whose, and the others as reporting the fact, not as its
                # words ("…出線擔任副手。 (BBC中文、中央社)" was CNA's sentence, read as BBC's too: polish73).
                said = fact.sentences[0].outlet
                others = [name for name in fact.outlets if name != said]
                console.print(f"  [dim]{len(fact.outlets)}/{len(summary.outlets)}[/] [bold]{shown(said)}[/]: "
                              f"{text(fact.sentences[0], fact.sentences[:1])}"
                              + (f" [dim](also reported by {shown('、'.join(others))})[/]" if others else ""),
                              highlight=False)
        for name in summary.outlets:
            if summary.own.get(name):
                console.print(f"[bold]only {shown(name)}[/]")
                for fact in summary.own[name]:
                    # A clause and the rest of its sentence on one line (summary._joined) read as one sentence:
                    # no space between them, as the pages write them; a space between separate sentences.
                    line = "".join(("" if i == 0 or (s.article_id, s.index - 1) == (fact.sentences[i - 1].article_id,
                                                                                   fact.sentences[i - 1].index)
                                    else " ") + text(s, fact.sentences) for i, s in enumerate(fact.sentences))
                    console.print(f"  {line}", highlight=False)
                if summary.more_own.get(name):
                    console.print(f"  [dim]+{summary.more_own[name]} more (--full)[/]")
        for name, terms in comparison.unique_details().items():
            if terms:
                console.print(f"[dim]only {shown(name)} names, in facts others report too:[/] {shown('、'.join(terms))}",
                              highlight=False)
        console.print("[dim]--full: every fact side by side" + ("" if outlet else "; --outlet A --outlet B: compare two "
                      "outlets") + "[/]")
        return

    def fact_cell(fact: Any, outlet: str) -> str:
        texts = [text(s) for s in fact.sentences if s.outlet == outlet]
        only = [fact.spelled(term, outlet) for term, who in fact.details.items() if outlet in who]
        if texts and only:
            texts.append(f"[dim]details: {shown('、'.join(only))}[/]")
        return "\n".join(texts)

    def new_table(title: str) -> Table:
        table = Table(title=title, show_lines=True, expand=True)
        for outlet in comparison.outlets:
            table.add_column(shown(outlet), ratio=1, overflow="fold")
        return table

    every = "both outlets" if len(comparison.outlets) == 2 else "every outlet"
    for title, facts in ((f"reported by {every}", comparison.shared),
                         ("reported by some outlets", comparison.partial)):
        if facts:
            table = new_table(title)
            for fact in facts:
                table.add_row(*(fact_cell(fact, outlet) for outlet in comparison.outlets))
            console.print(table)
    if any(comparison.unique.values()):
        table = new_table("reported by one outlet only")
        table.add_row(*(
            "\n\n".join(text(s) for fact in comparison.unique.get(outlet, []) for s in fact.sentences)
            for outlet in comparison.outlets
        ))
        console.print(table)
    for name, terms in comparison.unique_details().items():
        if terms:
            console.print(f"[dim]only {shown(name)} names, in facts others report too:[/] {shown('、'.join(terms))}",
                          highlight=False)
