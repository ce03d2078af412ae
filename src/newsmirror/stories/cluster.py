"""Streaming story clustering: each new article joins a live story or starts one.

Two signals, both on normalized text (Simplified, region aliases folded), so a Traditional
report and a Simplified one about the same event compare as equals:

* near-duplicates (the same wire copy republished): MinHash-LSH over character shingles,
  Jaccard >= ``duplicate_jaccard``. The copy joins the original's story with role 'duplicate'.
  With ``duplicate_containment`` set, a report is also a copy when the smaller of the two shingle
  sets lies that much in the larger (a repost with its own header or commentary, an excerpt, a cut).
* same event, different report: reports written independently share few character shingles
  (Jaccard ~0.05), where LSH degenerates into comparing everything. Instead each article gets a
  TF-IDF vector of its words (jieba, with jieba's packaged background IDF), candidate stories
  come from an inverted index over the stories' strongest terms, and the article joins the best
  candidate whose *core* is similar enough, shares enough strong terms and is close in time.
  Names (people, places, organisations: jieba's dictionary tags, and words jieba does not know)
  weigh more than other words, and titles are compared too.

Whether a report joins a candidate story is decided by a pair model (``stories.pairscore``): a
logistic regression over features of (report, story core) fitted on labelled days
(``bench/days_pair_fit.py``), with a topic guard: shared terms that many other live stories use
count as the day's topic, not as evidence of the same event; two stories merge only on event
evidence. ``ClusterConfig.hand_settings()`` keeps the hand-set thresholds used before it.
One of the model's features is the cosine of meaning vectors (``text.vectors``: weighted means of
small word vectors trained offline on a public news archive), which sees one event told in other
words; the same vectors can also offer the stories nearest in meaning as extra candidates
(``meaning_candidates``, off: measured, no gain).

An event layer (``stories.eventlink``, ``event_link``) links whole stories: after each batch
(``link_events``, called by ``jobs.grouping`` at each save) a story-pair model over shared rare title
terms and names, the meaning and the terms of cores and leads merges the side stories of one broad
event (reactions, analysis) into its core (a story of at least ``event_core`` reports).

A story is judged by its core (its first ``core_size`` reports), never by a centroid that every
member moves: a market report that joins a vote story must not pull the next market report in.
A story's members lie within ``max_span`` of its first report, so no story grows for weeks one
day at a time. Reports about several events (digests, briefings, market wrap-ups, live pages)
are recognised (``stories.digest``, ``stories.genre``: by their title, their body, as one of an
outlet's daily programmes, or as a column's bulletin whose body leaves its lead) and stay stories of their own: they neither join nor attract, so they
never carry a link between two stories. Items of an outlet's daily series (a case count, a fixing
under one title template) of different days are never in one story (``genre.DailySeries``).

``ClusterConfig.recall_settings()`` adds, for recall: a score that needs shared names *and* shared
other words, title keys (terms most of a story's titles use) and a stricter reading of digest
titles; tuned on two labelled days, they did not hold on the held-out days, so they are off by
default (bench/days_results.md).

State is bounded: stories and fingerprints older than ``window`` behind the newest article are
evicted, and each term's posting list keeps only its most recent stories, so the per-article cost
does not grow with the archive.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache, partial
from itertools import chain, compress, repeat
from operator import itemgetter, mul, not_
from typing import TYPE_CHECKING

import numpy as np

from newsmirror.model import stable_id
from newsmirror.stories.digest import (
    credit_ends,
    credits,
    digest_title,
    is_list_of_items,
    staff_named,
    wires_named,
)
from newsmirror.stories.eventlink import (
    EventModel,
    StoryWeights,
    default_event_model,
    default_gated_event_model,
    event_features,
    is_chinese,
    reads_cover,
    story_weights,
)
from newsmirror.stories.genre import (
    ColumnLabels,
    DailyProgrammes,
    DailySeries,
    bulletin_title_terms,
    multi_event_title,
    paragraphs_leave,
    paragraphs_stay,
)
from newsmirror.stories.joincomplete import (
    default_join_model,
    default_small_join_model,
    join_probability,
    kept_out,
)
from newsmirror.stories.memo import IDFS as _IDFS
from newsmirror.stories.memo import NAMES as _NAMES
from newsmirror.stories.memo import TERMS as _TERMS
from newsmirror.stories.memo import Memo as _Memo
from newsmirror.stories.multireport import analysed_features, default_multi_model
from newsmirror.stories.pairscore import FEATURES, PairModel, default_pair_model
from newsmirror.text.fingerprint import (
    DEFAULT_PERMUTATIONS,
    containment,
    key_fingerprint,
    key_minhash,
    lsh_index,
    overlap_bounds,
    shingle_sketch,
)
from newsmirror.text.fold import quick_normalize, quick_normalize_lines
from newsmirror.text.name_forms import fold_latin_names, han_forms, mostly_latin
from newsmirror.text.normalize import match_key
from newsmirror.text.tokenize import is_term, search_tokens, words
from newsmirror.text.vectors import WordVectors, default_vectors
from newsmirror.text.vectors import cosine as vector_cosine

if TYPE_CHECKING:  # datasketch is imported when the first clusterer is built (text.fingerprint)
    from datasketch import LeanMinHash


@dataclass(slots=True)
class ClusterConfig:
    window: timedelta = timedelta(days=3)  # how far apart in time two reports of one event may be
    # Hard bound on a story's span, from its first report: an event is reported within days.
    max_span: timedelta = timedelta(days=3)
    # Without the pair model (``hand_settings()``): score(article, story core) needed to join a story.
    similarity: float = 0.3
    core_size: int = 3  # first reports that make a story's profile; later members do not move it
    entity_weight: float = 2.0  # names count this much more than other words in the term vector
    title_mix: float = 0.3  # share of title similarity (character bigrams) in the score
    # Words many recent reports use (特朗普, 疫情 in 2020) say little about which event a report is:
    # background IDF is scaled down by how common a word is in the archive's recent reports.
    local_df_docs: int = 2000  # recent reports counted (a sliding window of document frequencies)
    local_df_floor: float = 0.02  # share of recent reports from which a word starts to count less
    min_shared_terms: int = 3  # strong terms the article must share with the story
    # An outlet seldom files two own reports of one event within days (it updates the first), so a
    # second report from an outlet already in the story must be this much more similar to join.
    same_outlet_margin: float = 0.1
    # Two live stories whose centroids grew this similar are one event that started twice
    # (an early report arrived before the event's vocabulary settled): the smaller joins the larger.
    merge_similarity: float = 0.4
    duplicate_jaccard: float = 0.6  # shingle Jaccard above which a report is a republished copy
    body_chars: int = 2000  # how much of the body feeds the term vector (the lead carries the event)
    # How much of the text (match key) the copy fingerprint shingles: a copy is a copy from its start,
    # and hashing a whole long article costs more than the rest of grouping it.
    fingerprint_chars: int = 3000
    # A republished copy with a header of its own, a commentary around it or its end cut falls below
    # ``duplicate_jaccard`` though it holds most of the original: with this set, a report is also a copy when the
    # smaller of the two fingerprints' shingle sets lies at least this much in the larger (exact, on the candidates
    # a second MinHash-LSH at ``containment_jaccard`` returns). None: off. Measured on the whole archive (session
    # 63, copy110): pairs at .8 and above read as copies, those at .6-.8 as often as not two outlets' own versions.
    # copy112 (session 64) found it safe on the 55 tuning days with ``containment_in_story`` and
    # ``containment_as_member`` (the grouping of the test off, 239 more copies, 20 of 20 read were copies), but it
    # was turned off again: two outlets' own short rewrites under one title (the test suite's 外长访问堪培拉 reports)
    # passed .8, the title's shingles weighing most in a short text. With ``containment_min_body`` (session 65,
    # copy113) those tests pass and the 56 tuning days' grouping is the test off's (253 more copies, 18 of 20 read
    # were copies), but it stayed off: the whole-archive scale benchmark cost 6-9 % more cluster CPU (three pairs),
    # an exact count per member of the story joined. On since session 66 (copy114): the candidates bounded first
    # from sketches of their shingles (``_best_containing``), the same verdicts (10 tuning days, whole-archive dumps
    # byte for byte), +1.3 % cluster CPU over three pairs under load, and the whole suite passes with it on.
    duplicate_containment: float | None = 0.8
    containment_jaccard: float = 0.2  # Jaccard the containment test's candidate index is built for
    # A containment copy still counts in its story's core (centroid, titles, lede) while the core is not full: a
    # repost with its own header was a member before the test, and an event whose first reports were a report and
    # its repost found its later reports through both (session 64, copy112, mend a).
    containment_core: bool = False
    # Further: a containment copy feeds its story as a member does at any place (core, lede, member vectors, event
    # links): its role alone differs (session 64, copy112: with ``containment_in_story``, the grouping is then main's).
    containment_as_member: bool = True
    # Only the pairs where the later-published text is the smaller set are containment copies (excerpts, cut
    # reposts), not a later text holding the earlier one whole with its own header or commentary (mend c).
    containment_smaller_copy: bool = False
    # The containment test's candidates are only the members of the story the report joins (no second LSH index):
    # it then finds no copy the grouping does not already put together, and costs an exact check per member (mend b).
    containment_in_story: bool = True
    # What the containment test compares, and a floor on it (session 65, copy113): the body's shingles beyond the
    # title (a title is what two outlets' own reports of one event share most), and a pair is a copy only when the
    # smaller text has at least this many of them: a copy carries at least a dispatch's lede paragraph (its lede
    # sentence runs 50-120 characters); below that, two outlets' own short rewrites of one sentence coincide through
    # the names and figures both must give. Fixed from that reason, not fitted. None: the whole key, no floor.
    containment_min_body: int | None = 100
    title_weight: float = 2.0
    article_terms: int = 40  # terms kept per article vector
    story_terms: int = 80  # terms kept per story centroid
    probe_terms: int = 12  # strongest article terms looked up in the index
    posting_limit: int = 200  # most recent stories kept per term
    max_candidates: int = 40  # stories scored per article: those sharing the most probe terms
    num_perm: int = DEFAULT_PERMUTATIONS
    # Recall settings (``recall_settings()``): raised B-cubed F1 on the tuning days 2020-08-04 and
    # 2020-10-14 from 0.849 to 0.891, but not on the two held-out days (test day 2020-12-02: F1
    # 0.886 -> 0.878, pure stories 87 % -> 80 %, topic glue: China-Australia, vaccines), so they
    # are off by default; see bench/days_results.md.
    # Score = geometric mean of the cosine over names (who, where) and the cosine over the other
    # words (what happened): one famous name (胡锡进, 世卫) shared by two events does not glue them.
    who_and_what: bool = False
    # Title keys (terms most of a story's titles use, a name and a word of what happened) let a
    # report whose score is at least ``key_similarity`` join, and two grown stories merge.
    title_keys: bool = False
    key_similarity: float = 0.12
    key_reports: int = 3  # titles a story needs before it has keys
    key_share: float = 0.6  # share of its titles a key is in
    key_terms: int = 2  # keys a title must hold
    # Multi-event titles read strictly (``stories.genre``): 综述, 回顾, 市场, 直播平台 ... are one-event titles.
    # On with the pair model since session 15 (leave-one-day-out on the tuning days: same F1, more
    # pure stories; bench/days_results.md).
    strict_genre: bool = True
    # Reports of an outlet's daily programme (a show or newsletter titled 【NAME】lead, NAME》lead, filed
    # about once a day: ``genre.DailyProgrammes``) are multi-event reports too, whatever their lead.
    daily_programmes: bool = True
    # Reports under a label the outlet uses day after day (``genre.ColumnLabels``, any separator) whose
    # body leaves the title's subject (``genre.leaves_title``) are bulletins: multi-event reports too.
    column_bulletins: bool = True
    # On: a title read as multi-event (``strict_genre``'s words) does not close a report the multi-event reader
    # (``multi_model``) leaves silent when its body stays on the title's subject (``genre.paragraphs_stay``): one
    # event's report under a genre word. Off (session 67, genre116): on the 58 tuning days mean B³ F1 +.0006 (the
    # rule asked +.001), 14 days up and 5 down, one more glued multi-event report (bench/days_results.md).
    genre_body_check: bool = False
    # Items of an outlet's daily series (``genre.DailySeries``: one title template, a new number each
    # day) of different days never share a story (GUIDE rule 7: daily counts of two days are two events).
    daily_series: bool = True
    # Join (and merge) by the fitted pair model's probability (``stories.pairscore``) instead of
    # ``similarity``: features of (report, story core) weighed as measured on labelled days.
    pair_model: bool = True
    join_probability: float | None = None  # None: the threshold stored with the model
    # The lede guard (session 29, pure30): a report whose pair probability is under ``lede_guard_ceiling`` joins a
    # story only if at least ``lede_guard`` of its title-and-lede words other than names are in the story's titles
    # and ledes. The lede carries the event: two reports of one place or actor (Afghanistan, Belarus, the WHO) but of
    # different events share names and background, not what their ledes say happened. None: off. .15 and .85 were
    # chosen leave one day out on the 20 tuning days (every fold chose them or .15/.9): pooled pure 517/559 -> 505/540
    # LODO (7 fewer impure stories), mean B-cubed F1 .9073 -> .9062 (bench/days_results.md, session 29, pure30).
    lede_guard: float | None = 0.15
    lede_guard_ceiling: float = 0.85
    # The lede guard also where two live stories merge at arrival (``_merge_similar``; session 53, group90): the
    # smaller story is read as the report (its members' title-and-lede words other than names against the larger's
    # titles and ledes; the ceiling against the pair model's probability of its core in the larger). Without it a
    # report the guard keeps out starts a story of its own that the merge folds back at once, and two neighbouring
    # events that share a name and little of what their ledes say (a company's delayed listing and its blacklisting)
    # merge on event evidence that is mostly that name. Same share and ceiling as the report's: nothing fitted. On by
    # its rule on the 44 tuning days (one point, no grid): impure multi-report stories 127 -> 121, pure 1465/1592 ->
    # 1478/1599, mean B-cubed F1 .9113 -> .9105 (precision .9800 -> .9812, recall .8537 -> .8513), glued 11 -> 11; the
    # price is events told from many angles split where the merge had gathered them (bench/days_results.md, group90).
    merge_lede_guard: bool = True
    # Two live stories also merge when the model, reading one's core as a report, gives the other at
    # least this probability (None: only by ``merge_similarity``).
    merge_probability: float | None = 0.6
    # With the pair model, two stories also merge when the core of one is this close to the other's
    # counting only event evidence (the ``event`` feature: terms few other live stories use); the
    # plain ``merge_similarity`` glued stories that shared only the day's topic (澳大利亚).
    event_merge_similarity: float = 0.3
    # The word vectors (``text.vectors``) give each report a meaning vector (the weighted mean of its
    # terms' vectors), so the pair model can see two reports of one event in different words
    # (the ``meaning`` feature: cosine to the story core's meaning).
    word_vectors: bool = True
    # Stories whose meaning is nearest (cosine >= ``meaning_floor``) are candidates too, even when the
    # term index does not offer them, if they share ``meaning_min_shared`` terms with the report.
    meaning_candidates: int = 0
    meaning_floor: float = 0.5
    meaning_min_shared: int = 1
    # The topic guard counts the other live stories that use a term; when an event has split into
    # several stories, its own words (深圳, 讲话) look like a topic and keep the parts apart. Stories
    # whose meaning is at least this close to the report (or to the merging story) are not counted
    # (None: all are).
    topic_near: float | None = None
    # The event layer (``stories.eventlink``): a story merges into the live story a fitted story-pair
    # model (shared rare title terms and names, meaning of cores and leads) says is the same event, so a
    # broad event's side stories (reactions, a side incident, analysis) join its core. On since session 17:
    # with ``event_core`` and the lede's terms, fitted on four tuning days, it raised B-cubed F1 left one day
    # out and in sample without lowering the share of pure stories below 0.9 (bench/days_results.md).
    # Session 18: refit on five tuning days with the pair model that reads a story's latest members and
    # with the names one story states and the other never uses (layer9's rule: purity first).
    # Session 20 (refit11): a refit on eight tuning days was measured and not kept (it grouped the eight
    # days worse in sample than these five-day models); shorter reading lengths (1000 or 1500 characters,
    # cheaper), refit too, left a day's share of pure stories below 85 %.
    event_link: bool = True
    # Whether the event model also reads ``core_lede_cover_unshared`` (how much of the core's common lede terms,
    # beyond the names both stories use, the side story's ledes restate; ``eventlink``), with the model fitted
    # with it (``event_model_cover.toml``). Sessions 22-23 (recall15, guard16; bench/days_results.md): off until
    # it passes the lead's rule.
    event_lede_cover: bool = False
    # Whether the cover model decides only the pairs whose side restates most of the core's lede (cover >= .5,
    # ``eventlink.GatedEventModel``) and main's event model the rest; overrides ``event_lede_cover``. Off: it
    # passed the tuning days (one day alone and left one day out) but lowered big12's F1 on the whole archive
    # (.936 -> .923) by linking an established story (Twitter's ban) into the Capitol aftermath. Session 24
    # (gate17; bench/days_results.md). Since gate18 the cover model decides only for a side of fewer than
    # ``event_core`` reports: the same on the tuning days, worse on big12 still (.916; the side that grew into
    # an established story was small when linked). Off.
    event_lede_gate: bool = False
    event_link_probability: float | None = None  # None: the threshold stored with the event model
    # Links a story may make each time a member joins it (0: none, linking is left to ``link_events``
    # passes, which judge every pair once both stories are whole; linking as stories grow gained less).
    event_links: int = 0
    event_candidates: int = 40  # stories the event layer compares a story with (most shared index terms first)
    # The event layer links a story only with one of at least this many reports: a broad event's side
    # story joins the core the report-level grouping already built. Two singletons of one topic (two
    # IMF reports, two border incidents) were its most frequent wrong links (bench/days_results.md, session 17).
    event_core: int = 3
    # Whether a pass may chain: False, a link joins only two stories neither of which the pass has already
    # absorbed (a pair's probability describes the two stories as they stood, not the merge a third story
    # would carry it into: on the whole archive a debate-preview report linked to both the debate and the
    # NYT's tax report and so joined the two events). Session 19 (purity10, bench/days_results.md): identical
    # leave-one-day-out groupings on the six tuning days, so the fixed rule (beat shipped on F1) keeps chaining.
    event_chain: bool = True
    # Two stories that both hold at least this many reports never link (0: off). Each is an event the
    # report-level grouping already established; on the whole archive such direct links joined two events
    # of one topic (TikTok's London HQ, 9 reports, to the ultimatum's 42; session 19, purity10). Off: with
    # ``event_chain=False`` it splits those on the whole archive but lowers the tuning days' F1 in context
    # (.8791 -> .8780) and in sample (-.0020); session 20, purity11 (bench/days_results.md).
    event_established: int = 0
    # Join two stories once both are complete (``stories.joincomplete``: no report can join either any more, or
    # the run has ended), by a model fitted on finished stories' pairs (``join_model.toml``). Session 25 (merge20;
    # bench/days_results.md): LODO on the 14 tuning days B-cubed F1 +.011 at pure -.003, big12 .933 -> .936, but on
    # the whole archive the largest story grew to 134 reports (> 130) and the grouping cost +.8 ms per article
    # (> .3): off. Session 26 (join22): with ``join_gap`` and sides judged against the unjoined core it passes that
    # gate (LODO on 15 days +.0095 F1, largest 122, big12 .935, +.16 ms), but a run's end judges every live story
    # as complete, and the 5-minute ``group`` job ends a run every few reports: in runs of 20 reports the pure share
    # of two tuning days fell by .058. Off until complete means complete across runs. Session 27 (join24): what the
    # pass decided (judged, a core and its members before its first side) is stored with the stories and restored
    # by each run (``restore_join``; ``jobs.grouping``), so it holds across runs; on by the lead's rule, all against
    # main 3b1a6a0 (tuned on: the join model was fitted on these days): 16 tuning days in runs of 20 reports F1
    # .8974 -> .9068, pooled pure .9218 -> .9190; in one run F1 .8963 -> .9068, pooled pure .9219 -> .9214, facts
    # unchanged; 8 archive days in runs of 100 through a store: no story judged twice, no earlier core made a side,
    # runs vs one run B-cubed .94359 -> .94392; whole archive largest 115 -> 122, spans <= 3.0 days, big12 .934 ->
    # .935, +.11 ms per article.
    join_complete: bool = True
    # The join pass judges no pair whose side (the smaller story, ``_rank``) holds a report the reader of multi-event
    # reports (``stories.multireport``: title and body, ``multi_model.toml``) calls one; a core holding one may still
    # take sides. Sessions 61-62 (join107, join108; bench/days_results.md): join106's refits at .75 glued
    # market-and-election reports into the election story as sides; join107's title-only guard on side and core lost
    # the refit's gain. On in session 64 (join112) with the packaged join model's threshold lowered .85 -> .81, by the
    # lead's rule written before measuring, the reader fitted leaving one day out (``multi_model.toml``: all 55 days):
    # on the 55 tuning days in production B-cubed F1 .90909 -> .91040 (17 days up, 0 down), impure multi-report
    # stories 157 -> 157, mean B-cubed precision -.0005, glued multi-event reports 13 -> 12, cluster CPU not up; the
    # threshold alone gives the same F1 but 16 glued (join110, 54 days): the guard takes 4 out.
    join_guard: bool = True
    complete_probability: float | None = None  # None: the threshold stored with the join model
    # A core may absorb several sides (each side once, a core never absorbed); False: each story joins once.
    join_star: bool = True
    # The pass judges only pairs whose larger story holds this many reports: joins of two single reports held
    # most wrong joins on the tuning days (as they did for the event layer, ``event_core``).
    join_least: int = 3
    # At most this many sides per core, over all passes (0: no bound), the most probable first: uncapped, the whole
    # archive's largest stories took 17 and 26 small sides, some of other events (session 25, merge21).
    join_cap: int = 0
    # The pass judges only pairs whose first reports are at most this far apart: the model was fitted on the tuning
    # days' pairs (each a day's stories: the first reports of all 212 same-event pairs within 24 hours), so a pair
    # farther apart is outside what it has seen, where its ``gap`` and size weights extrapolate towards a join (the
    # whole archive's largest stories took sides up to 3 days late; session 26, join22). None: up to ``max_span``.
    join_gap: timedelta | None = timedelta(days=1)
    # A side the join model scores at least ``join_told_probability`` but under its threshold joins too when the core
    # already tells what the side's title says (``StoryClusterer._side_told``): the share of the side's title terms,
    # each weighed by its rarity among the window's recent reports (log of recent reports over those using it), that
    # the core's titles and ledes use is at least ``join_told``. A side about another event of the topic (a rival's
    # rally, another bill) titles its own rare words. Session 67 (group115; bench/days_results.md): of the join
    # candidates of the 58 tuning days the model scores in [.6, .81), the labels call 109 one event and 61 not; with
    # a cover of .6, 22 and 7. Off by the rule written before the run: on the 58 days against it off, B-cubed F1
    # .91226 -> .91295 (+.0007 < +.001; 16 days up, 3 down), glued 12 -> 13 (Tsai's National Day speech with a
    # multi-event report), 10 of 15 drawn new joins one event (< 12); pure rate -0.1 point, precision -.0006. 0: off.
    join_told_probability: float = 0.0
    join_told: float = 0.6
    # After the join pass's own joins, two complete stories both under ``join_least`` reports, offered to each other
    # as event candidates, from outlets none of which is in both, neither joined by any pass before, are joined by a
    # separate model fitted on such pairs (``small_join_model.toml``, ``joincomplete``), star as the join pass.
    # Session 46 (group60; bench/days_results.md): 69 % of the tuning days' lost recall lies between two stories of
    # one or two reports, which neither the event layer (``event_core``) nor the join pass (``join_least``) judges;
    # same-outlet pairs were most wrong pairs at the top of any fitted ranking (one outlet's series items). On by the
    # rule: 37 tuning days, model and threshold left one day out, grouped by this code: B-cubed F1 .9056 -> .9119,
    # pooled pure .9233 -> .9187, glued 7 -> 7; the whole archive's ten largest spans <= 3.0 days.
    small_join: bool = True
    small_join_probability: float | None = None  # None: the threshold stored with the small-join model
    # A cost guard, not a decision: a small pair whose cores' meaning cosine or ledes' meaning cosine (``eventlink``'s
    # ``meaning`` / ``lede``) is under this is not scored. On the 37 tuning days no pair under .645 / .724 reached the
    # model's .85, and the guard spares two thirds of the pairs their features (the whole archive's window is denser).
    small_join_floor: float = 0.6
    # Evidence of one event beyond words (session 64, group112): a small pair the small-join model scores at least
    # ``figure_join_probability`` but under its threshold joins too when the two stories state one specific figure
    # (``event_figures``: a count, an amount, a share or a percentage in one form, 三分之二 = 2/3, 2700萬 = 27000000;
    # no date, time of day, year or duration, no figure under 10, no hedged range) in their titles and first
    # ``figure_chars`` body characters, and share a name in their titles and ledes (who or where). 0: off.
    # On at .7 by the rule of session 66 (group114; bench/days_results.md), on the 57 tuning days against it off in
    # one run: B-cubed F1 .9104 -> .9124, 32 days up / 2 down, pooled pure .9214 -> .9199, glued 13 -> 13, cluster
    # CPU +2.9 %; 2020-11-23 alone .9099 -> .9120; 13 of 15 drawn joins one event.
    figure_join_probability: float = 0.7
    figure_chars: int = 600
    # A small pair the small-join model scores at least ``small_told_probability`` but under its threshold joins too
    # when each story's title is told by the other's titles and ledes (``StoryClusterer._small_told``: the smaller of
    # the two ways of ``_told``'s window-rarity-weighted cover) at least ``small_told``: two single reports of one
    # event each restate the other's headline facts. Session 67 (group116; bench/days_results.md): of the small
    # candidates of the 58 tuning days the model scores in [.6, .9), the labels call 1006 one event and 351 not; with a
    # cover of .5, 20 and 2, of which 10 and 1 not already figure-joined. Off by the rule written before the run: at
    # .6 / .5 on the 58 days, B-cubed F1 .91226 -> .91247 (+.0002 < +.001; 5 days up, 0 down), 7 new joins (< the 15
    # to draw; all 7 one event by reading), glued 12 -> 12, pure rate +0.02 point. 0: off.
    small_told_probability: float = 0.0
    small_told: float = 0.6
    lede_chars: int = 150  # body characters after the title that make a report's lede (about 2 sentences)
    # A report that agrees with several of a story's members is stronger evidence than one close pair:
    # the pair model's ``members`` / ``agreeing`` features read the term vectors of the story's latest
    # ``member_vectors`` reports (own wording: copies add none), beside its core.
    member_vectors: int = 10
    agree_cosine: float = 0.2  # a member whose cosine to the report reaches this agrees with it
    # One name written two ways read as one term (``text.name_forms``, from the archive's mined glosses): "" off;
    # "han": two Han forms of one name (史达伟, 史迪威) read as one; "latin": also a Latin name a report of mostly
    # Han text writes (WHO, Carrie Lam) read as its Han form; "all": in reports of mostly Latin text too (their
    # titles then hold Han names, and the event layer, which links Chinese stories only, would link English ones).
    # "latin" since session 41 (group48: 32 tuning days mean B³ F1 .9067 -> .9091, precision kept; days_results.md).
    name_forms: str = "latin"

    @classmethod
    def recall_settings(cls) -> ClusterConfig:
        """The settings tuned for recall on the tuning days (see the comment above)."""
        return cls(similarity=0.25, local_df_floor=0.06, who_and_what=True, title_keys=True, strict_genre=True,
                   pair_model=False, merge_probability=None, word_vectors=False, event_link=False)

    @classmethod
    def hand_settings(cls) -> ClusterConfig:
        """The hand-set thresholds used before the pair model (``similarity``, ``same_outlet_margin``)."""
        return cls(pair_model=False, merge_probability=None, strict_genre=False, word_vectors=False, event_link=False)


@dataclass(slots=True)
class Document:
    """What the clusterer needs of an article."""

    id: str
    outlet: str
    time: datetime
    title: str
    text: str
    digest: bool | None = None  # about several events; None: decide from the text


@dataclass(slots=True)
class Assignment:
    article_id: str
    story_id: str
    role: str  # member | duplicate
    duplicate_of: str | None
    score: float  # cosine to the story (1.0 for the founding article), Jaccard for duplicates
    new_story: bool


@dataclass(slots=True)
class _StoryState:
    id: str
    title: str
    first: datetime
    last: datetime
    centroid: dict[str, float] = field(default_factory=dict)  # sum of the core members' vectors (trimmed)
    norm: float = 0.0  # Euclidean norm of the centroid, kept with it
    part_norms: tuple[float, float] = (0.0, 0.0)  # norms of its other words and of its names
    core: int = 0  # members in the centroid (at most ``core_size``)
    titles: list[frozenset[str]] = field(default_factory=list)  # title bigrams of the core members
    title_words: set[str] = field(default_factory=set)  # title terms of the core members
    closed: bool = False  # a multi-event report's own story: nothing joins it
    mixed: int = 0  # members the reader of multi-event reports calls one (``ClusterConfig.join_guard``)
    title_terms: Counter[str] = field(default_factory=Counter)  # in how many member titles each term is
    titled: int = 0  # member titles counted
    members: list[Assignment] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)
    indexed_terms: tuple[str, ...] = ()
    meaning: np.ndarray | None = None  # sum of the core members' meaning vectors (``text.vectors``)
    lede: np.ndarray | None = None  # sum of every member's title-and-lede meaning vector
    lede_terms: Counter[str] = field(default_factory=Counter)  # in how many members' title and lede each term is
    ledes: int = 0  # members whose lede is counted
    member_vectors: list[dict[str, float]] = field(default_factory=list)  # latest members' unit term vectors
    # ``eventlink.story_weights`` of this story as it stands (None: changed since, compute again).
    event_weights: StoryWeights | None = None
    # ``eventlink.is_chinese`` of this story as it stands (None: changed since): asked of a story and of each of
    # its candidates in every event and join pass, over all its title terms each time.
    chinese: bool | None = None
    # (outlet, title template) of members whose title has one (``genre.DailySeries``) -> their day
    series: dict[tuple[str, str], date] | None = None
    # The core members' titles and first ``ClusterConfig.figure_chars`` body characters (``figure_join_probability``
    # only), and their specific figures read from them when a pair first asks (None: not yet read).
    heads: list[str] = field(default_factory=list)
    figures: frozenset[str] | None = None


@dataclass(slots=True)
class _Fingerprint:
    story_id: str
    time: datetime
    signature: LeanMinHash
    original: str  # the article this one is a copy of, or itself
    outlet: str
    ends: str  # where the text's credits go (``digest.credit_ends``), read only if a copy is found
    # Its sorted distinct shingle CRCs, kept for the containment test (None when off, or for a multi-event report).
    shingles: np.ndarray | None = None
    _credits: frozenset[str] | None = None
    _sketch: tuple[np.ndarray, int] | None = None

    def sketch(self) -> tuple[np.ndarray, int]:
        """Its shingles' ``shingle_sketch``, made when first asked (only a report whose story others join is)."""
        if self._sketch is None:
            assert self.shingles is not None
            self._sketch = shingle_sketch(self.shingles)
        return self._sketch

    @property
    def credits(self) -> frozenset[str]:
        """Outlets credited in the text (中央社, 路透 ...), normalized: by a wire credit or by the sign-off of
        an outlet's staff (``digest.staff_named``: 法广's copy of 中央社's translation keeps 中央社's translator).
        Normalizing the ends of every report cost a twentieth of grouping it, and only copy groups ask."""
        if self._credits is None:
            self._credits = wires_named(self.ends) | staff_named(self.ends)
        return self._credits


# From how many candidates of the containment test a bound of each one's shared shingles is made first
# (``_best_containing``): below it, the sketches cost about what the exact counts they would spare do.
_BOUND_FROM = 4


def _trim(vector: dict[str, float], keep: int) -> dict[str, float]:
    if len(vector) <= keep:
        return vector
    return dict(sorted(vector.items(), key=itemgetter(1), reverse=True)[:keep])


def _norm(vector: dict[str, float]) -> float:
    # The squares by a C-level loop: the same products summed in the same order as a generator's.
    return math.sqrt(sum(map(mul, vector.values(), vector.values())))


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = _norm(vector)
    return {k: v / norm for k, v in vector.items()} if norm else vector


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # Only shared terms add anything (weights are positive, so an unshared term's product is +0.0 and
    # adding it leaves the sum's bits as they are): the shared ones, in ``a``'s order, picked and
    # multiplied by C-level loops, give the same float as the sum over all of ``a``.
    shared = list(filter(b.__contains__, a))
    return sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)), 0.0)


def _part_squares(vector: dict[str, float], names_of: dict[str, int]) -> tuple[float, float]:
    """The squared norms of a vector's other words and of its names, summed in the vector's order
    (what ``pair_features`` needs of the report whatever the story: computed once per report)."""
    own = [0.0, 0.0]
    for term, weight in vector.items():
        own[names_of[term]] += weight * weight
    return own[0], own[1]


def _unjoined_copy(story: _StoryState) -> _StoryState:
    """``story`` as it stands, apart from the containers ``StoryClusterer._absorb`` changes in place."""
    return replace(story, centroid=dict(story.centroid), titles=list(story.titles), heads=list(story.heads),
                   title_words=set(story.title_words), title_terms=Counter(story.title_terms),
                   members=list(story.members), outlets=set(story.outlets), lede_terms=Counter(story.lede_terms))


# A fraction written with a slash (2/3 of firms): read as the share 三分之二 is, a denominator of 2 to 10 over a smaller
# numerator (8/2, 12/31 are dates).
_SLASH_SHARE = re.compile(r"(?<![\d/.])([1-9])\s*/\s*(10|[2-9])(?![\d/.])")
_HAN_DIGITS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
# Kinds of ``compare._figures`` that date or measure time: every report of a day states them.
_TIME_KINDS = frozenset(("Y", "年", "月", "日", "号", "时", "分", "秒", "点", "周", "天", "个月"))
_FIGURE_PARTS = re.compile(r"^(\d+(?:\.\d+)?)(?:~(\d+(?:\.\d+)?))?(.*)$")


def _share_in_words(match: re.Match[str]) -> str:
    """2/3 as 三分之二 (in Han numerals, which the figure reader folds after a name's digits are masked: 3分之2企业 would
    read 2企业 as a name)."""
    numerator, denominator = int(match.group(1)), int(match.group(2))
    if numerator >= denominator:
        return match.group(0)
    return f"{_HAN_DIGITS[denominator]}分之{_HAN_DIGITS[numerator]}"


def event_figures(heads: Iterable[str]) -> frozenset[str]:
    """The specific figures of ``heads`` (titles and first body characters): the comparison's figures
    (``stories.compare``: one form for 三分之二 and 66.7 %, 2700萬人 and 27000000人, 16名 and 16人) but those of a date,
    a time of day, a year or a duration, those under 10 (一名, 两国: every report counts so), years written bare
    (1900-2099 with no measure word), and hedged ranges wider than 2 % (约100人 is 90~110人)."""
    from newsmirror.stories.compare import _figure_text, _figures, _named_figures
    from newsmirror.text.normalize import normalize
    from newsmirror.text.numbers import (
        fold_clock_colon,
        fold_decimal_comma,
        fold_percent_sign,
        fold_round_zero,
    )
    from newsmirror.text.script import to_simplified

    found: set[str] = set()
    for head in heads:
        text = _SLASH_SHARE.sub(_share_in_words, to_simplified(head))
        text = fold_percent_sign(fold_clock_colon(fold_decimal_comma(fold_round_zero(text))))
        for figure in _figures(_figure_text(_named_figures(normalize(text)), paraphrases=False, percent_mark="%")):
            parts = _FIGURE_PARTS.match(figure)
            if parts is None:
                continue
            low, high, kind = float(parts.group(1)), float(parts.group(2) or parts.group(1)), parts.group(3)
            if (kind in _TIME_KINDS or (high < 10 and "." not in figure) or high - low > 0.02 * high
                    or (not kind and "." not in parts.group(1) and 1900 <= low <= 2099 and low == high)):
                continue
            found.add(figure)
    return frozenset(found)


def _rank(story: _StoryState) -> tuple[int, float]:
    return len(story.members), -story.first.timestamp()


def _least_count(floor: float, seen: int) -> int:
    """The smallest count n >= 1 of ``seen`` reports with n / seen > ``floor`` (the same division
    the share is computed with, so the comparison is exact)."""
    if seen <= 0:
        return 1
    least = max(int(floor * seen), 1)
    while least / seen <= floor:
        least += 1
    while least > 1 and (least - 1) / seen > floor:
        least -= 1
    return least


# One add() reads a report's title in several steps (term vector, genre, bigrams against each
# candidate, title terms when it is remembered); normalizing (NFKC, OpenCC, alias folding) and
# segmenting it once serves them all. Pure functions of the title, so a small cache is exact.
@lru_cache(maxsize=256)
def _normal_title(title: str, forms: str = "") -> str:
    return quick_normalize(_latin_folded(title, forms))


def _latin_folded(text: str, forms: str) -> str:
    """``text`` with its Latin names read as their Han forms where ``ClusterConfig.name_forms`` says so."""
    if forms == "all" or (forms == "latin" and not mostly_latin(text)):
        return fold_latin_names(text)
    return text


def _han_folds(forms: str) -> dict[str, str]:
    """The terms read as another (``text.name_forms.han_forms``) under ``ClusterConfig.name_forms``."""
    return han_forms() if forms else {}


@lru_cache(maxsize=256)
def _title_terms(title: str, forms: str = "") -> frozenset[str]:
    folds = _han_folds(forms)
    return frozenset(folds.get(w, w) for w in words(_normal_title(title, forms), normalized=True) if is_term(w))


@lru_cache(maxsize=256)
def _title_grams(title: str, forms: str = "") -> frozenset[str]:
    key = _normal_title(title, forms).replace(" ", "")
    return frozenset(key[i : i + 2] for i in range(len(key) - 1))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


# The pair model's last features, the costliest (a vector cosine and up to ``member_vectors`` term cosines).
_TAIL = ("meaning", "members", "agreeing")


class _TailBound:
    """The most ``_TAIL`` can add to the pair model's sum, so a pair whose other features already keep it
    below a probability is passed over exactly: meaning is a cosine (in [-1, 1]), members a mean of
    cosines of unit vectors of positive weights (in [0, 1]), agreeing log(1 + the members that agree)
    (in [0, log(1 + k)] for a story's k member vectors)."""

    def __init__(self, model: PairModel) -> None:
        *head, meaning, members, agreeing = model.weights
        self.head = tuple(head)
        self.bias = model.bias
        # A margin above the exact maxima: a float cosine of unit vectors may pass 1 by rounding.
        self.fixed = abs(meaning) * 1.001 + max(members, 0.0) * 1.001
        self.agreeing = max(agreeing, 0.0)

    @classmethod
    def of(cls, model: PairModel | None) -> _TailBound | None:
        """The bound for ``model``, if it reads ``pairscore.FEATURES`` (whose last are ``_TAIL``)."""
        if not isinstance(model, PairModel) or model.features != FEATURES or FEATURES[-len(_TAIL):] != _TAIL:
            return None
        return cls(model)

    def below(self, head: tuple[float, ...], members: int, least: float) -> bool:
        """Whether the model's probability stays below ``least`` whatever the tail of a pair whose other
        features are ``head``, with a story of ``members`` member vectors. The margin (1e-6 in log-odds)
        is far above the rounding of the model's sum, so a pair at the threshold is always computed."""
        if not 0.0 < least < 1.0:
            return False
        most = self.bias + sum(map(mul, self.head, head)) + self.fixed + self.agreeing * math.log1p(members)
        return most < math.log(least / (1.0 - least)) - 1e-6


class _MeaningIndex:
    """The live stories' unit meaning vectors in one matrix (a slot per story, reused when a story
    goes), so the nearest stories of a report are one matrix product over the bounded live state."""

    def __init__(self, dims: int) -> None:
        self.rows = np.zeros((256, dims), dtype=np.float32)
        self.slot: dict[str, int] = {}
        self.owner: list[str | None] = [None] * 256
        self.free: list[int] = list(range(255, -1, -1))

    def set(self, story_id: str, vector: np.ndarray) -> None:
        norm = float(np.linalg.norm(vector))
        if norm == 0:
            return
        slot = self.slot.get(story_id)
        if slot is None:
            if not self.free:
                grown = len(self.owner)
                self.rows = np.vstack([self.rows, np.zeros_like(self.rows)])
                self.owner.extend([None] * grown)
                self.free = list(range(2 * grown - 1, grown - 1, -1))
            slot = self.free.pop()
            self.slot[story_id] = slot
            self.owner[slot] = story_id
        self.rows[slot] = vector / norm

    def remove(self, story_id: str) -> None:
        slot = self.slot.pop(story_id, None)
        if slot is not None:
            self.rows[slot] = 0.0
            self.owner[slot] = None
            self.free.append(slot)

    def nearest(self, vector: np.ndarray, count: int, floor: float) -> list[tuple[str, float]]:
        """Up to ``count`` stories with cosine >= ``floor`` to the unit ``vector``, nearest first."""
        if not self.slot:
            return []
        scores = self.rows @ vector.astype(np.float32)
        count = min(count, len(scores))
        top = np.argpartition(-scores, count - 1)[:count]
        found = []
        for slot in top[np.argsort(-scores[top])]:
            owner = self.owner[slot]
            if owner is not None and scores[slot] >= floor:
                found.append((owner, float(scores[slot])))
        return found


class StoryClusterer:
    """Assigns documents to stories one at a time, in (roughly) time order."""

    def __init__(self, config: ClusterConfig | None = None, model: PairModel | None = None,
                 vectors: WordVectors | None = None, event_model: EventModel | None = None,
                 join_model: PairModel | None = None, small_join_model: PairModel | None = None,
                 multi_model: PairModel | None = None) -> None:
        self.config = config or ClusterConfig()
        # The reader of multi-event reports of ``join_guard`` (``stories.multireport``; None when the guard is off).
        if multi_model is None and self.config.join_guard:
            multi_model = default_multi_model()
        self.multi_model = multi_model if self.config.join_guard else None
        # The reader's verdict on the report being placed (its id, the verdict); None before any report is read, so
        # that no id (not even "") finds a verdict it was never given.
        self._multi_verdict: tuple[str, bool] | None = None
        # ``_analyse`` reads ``multireport.analysed_features`` of each report (from what it computes anyway) when the
        # reader is on or a tool asks (``bench/days_multi_reader.py``); the last report's features and verdict.
        self.read_multi = self.multi_model is not None
        self.multi_features: tuple[float, ...] = ()
        self._multi_last = False
        if model is None and self.config.pair_model:
            model = default_pair_model()
        self.model = model
        # ``_TailBound`` of ``self.model``, made again whenever the model is replaced (tools swap it).
        self._bound_model: PairModel | None = None
        self._tail_bound: _TailBound | None = None
        if event_model is None and self.config.event_link:
            if self.config.event_lede_gate:
                event_model = default_gated_event_model(self.config.event_core)
            else:
                event_model = default_event_model(True) if self.config.event_lede_cover else default_event_model()
        self.event_model = event_model if self.config.event_link else None
        self._event_cover = reads_cover(self.event_model)  # the model says which features it reads
        self.event_probability = (self.config.event_link_probability if self.config.event_link_probability is not None
                                  else event_model.threshold if event_model else 1.0)
        self.join_probability = (self.config.join_probability if self.config.join_probability is not None
                                 else model.threshold if model else 1.0)
        if join_model is None and self.config.join_complete:
            join_model = default_join_model()
        self.join_model = join_model if self.config.join_complete else None
        self.complete_probability = (self.config.complete_probability if self.config.complete_probability is not None
                                     else join_model.threshold if join_model else 1.0)
        if small_join_model is None and self.config.small_join and self.join_model is not None:
            small_join_model = default_small_join_model()
        self.small_join_model = small_join_model if self.config.small_join and self.join_model is not None else None
        self.small_join_probability = (
            self.config.small_join_probability if self.config.small_join_probability is not None
            else small_join_model.threshold if small_join_model else 1.0)
        self._small_pairs: list[tuple[str, str]] = []  # pairs of two small complete stories for the small pass
        # Complete stories the join pass has judged, in this run or (``restore_join``) an earlier one: a story is
        # judged once, even when a late report moves its last time or a later run restores it only in part.
        self._judged: set[str] = set()
        self._joined: dict[str, str] = {}  # stories a join pass joined: 'core' (absorbed a side) or 'side'
        self._sides: dict[str, int] = {}  # core -> sides the join passes of this run gave it
        # core -> its state before its first side: later passes judge a side against the core the join model
        # was fitted on (stories as the grouping left them), not one swollen by earlier sides (session 26, join22).
        self._unjoined: dict[str, _StoryState] = {}
        # A core restored from the store -> its members before its first side, from which ``restore`` rebuilds
        # ``_unjoined`` (an earlier run's core; session 27, join24).
        self._unjoined_members: dict[str, frozenset[str]] = {}
        # Join states since the last ``drain_joins``: story -> (role, a core's members before its first side).
        self._join_changes: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.stories: dict[str, _StoryState] = {}
        # term -> the stories indexed under it, oldest first (a plain dict: insertion-ordered, and a third quicker
        # than an OrderedDict to walk, which every report's and pass's candidate count does).
        self._postings: dict[str, dict[str, None]] = {}
        self._fingerprints: dict[str, _Fingerprint] = {}
        self._assignments: dict[str, Assignment] = {}  # of the fingerprinted (live) articles
        # Bands and rows as MinHashLSH(threshold=duplicate_jaccard) chooses them, without its search per clusterer.
        self._lsh = lsh_index(self.config.duplicate_jaccard, self.config.num_perm)
        # The containment test's candidates: a copy with much text of its own has a low Jaccard to its original.
        self._loose = (lsh_index(self.config.containment_jaccard, self.config.num_perm)
                       if self.config.duplicate_containment is not None and not self.config.containment_in_story
                       else None)
        self._doc_shingles: np.ndarray | None = None  # the shingles of the report being placed (containment test)
        self._contained: str | None = None  # the report last taken as a copy by containment (``containment_core``)
        self._doc_sketch: tuple[np.ndarray, tuple[np.ndarray, int]] | None = None  # its shingles' sketch, when made
        self.clock: datetime | None = None  # newest time seen
        self._merged_into: dict[str, str] = {}
        self._pending_merges: list[tuple[str, str]] = []
        self._changed: list[Assignment] = []  # earlier decisions revised (a copy found to be the original)
        self._since_eviction = 0
        self._recent: deque[tuple[str, ...]] = deque()  # terms of the recent reports, oldest first
        self._df: dict[str, int] = {}  # how many of them use each term
        self._names = _NAMES
        if vectors is None and self.config.word_vectors:
            vectors = default_vectors()
        self.word_vectors = vectors if self.config.word_vectors else None
        self._meanings = _MeaningIndex(self.word_vectors.dims if self.word_vectors else 1)
        # A word's (background IDF, name verdict, row in this clusterer's word vectors or -1): pure
        # functions of the word and of the vectors, which a clusterer keeps, so never stale.
        index = self.word_vectors.index if self.word_vectors is not None else {}
        self._words: _Memo[tuple[float, int, int]] = _Memo(
            lambda term: (_IDFS[term], _NAMES[term], index.get(term, -1)))
        self._near_for: np.ndarray | None = None
        self._near: frozenset[str] = frozenset()
        self._relink: set[str] = set()  # stories changed since the last ``link_events`` pass
        self._programmes = DailyProgrammes() if self.config.daily_programmes else None
        self._columns = ColumnLabels() if self.config.column_bulletins else None
        self._series = DailySeries() if self.config.daily_series else None
        self._doc_series: tuple[str, str] | None = None  # the title template key of the report being placed
        self._doc_lede: frozenset[str] = frozenset()  # the title-and-lede terms of the report being placed (lede guard)

    # -- features ----------------------------------------------------------------
    def features(self, title: str, text: str) -> tuple[dict[str, float], bool]:
        """Unit TF-IDF vector of the article's strongest terms (names weighted up), and whether
        it reads as a report about several events; one segmentation of the body's head serves both."""
        vector, digest, *_ = self._analyse(title, text)
        return vector, digest

    def _analyse(self, title: str, text: str) -> tuple[dict[str, float], bool, LeanMinHash, np.ndarray | None,
                                                       np.ndarray | None, frozenset[str], list[set[str]]]:
        """Term vector, multi-event flag, copy fingerprint, meaning vector (``text.vectors``: weighted
        mean of all its terms' word vectors, before the term vector is trimmed), the meaning of the
        title and lede alone and their terms (both for the event layer only), and the terms of each
        paragraph of 20+ characters (what ``genre.paragraphs_leave`` reads of a column's report), from one
        normalization of the title and the body's head (normalizing, alias folding above all, costs per
        character)."""
        config = self.config
        forms = config.name_forms
        normal_title = _normal_title(title, forms)
        lines = quick_normalize_lines(_latin_folded(text[: max(config.body_chars, config.fingerprint_chars)], forms))
        folds = _han_folds(forms)
        counts: dict[str, float] = {}
        is_term = _TERMS
        for word in search_tokens(normal_title):
            if is_term[word]:
                word = folds.get(word, word)
                counts[word] = counts.get(word, 0.0) + config.title_weight
        paragraph_terms: list[set[str]] = []
        read_multi = self.read_multi
        title_terms = set(counts) if read_multi else set()
        read_lines: list[str] = []
        # The title's and the first ``lede_chars`` body characters' terms (for the event layer and the join pass).
        want_lede = (self.event_model is not None or self.join_model is not None) and self.word_vectors is not None
        lede = set(counts) if want_lede else set()
        left = config.body_chars
        body: list[str] = []
        for line in lines:
            if left <= 0:
                break
            used = config.body_chars - left
            paragraph, left = line[:left], left - len(line) - 1
            terms = list(filter(is_term.__getitem__, search_tokens(paragraph)))  # C-level loop
            if folds:  # each term as its fold, by a C-level loop (``folds.get(term, term)`` per body term)
                terms = list(map(folds.get, terms, terms))
            body += terms
            if want_lede and used < config.lede_chars:
                if used + len(paragraph) <= config.lede_chars:
                    lede.update(terms)
                else:
                    head = list(filter(is_term.__getitem__, search_tokens(paragraph[: config.lede_chars - used])))
                    lede.update(map(folds.get, head, head))
            if len(paragraph) >= 20:
                paragraph_terms.append(set(terms))
                if read_multi:
                    read_lines.append(paragraph)
        # The body's counts by one C-level count, in the order a word-by-word loop made them: the
        # title's words first (their body uses added to the title weight), then the others as first used.
        tally = Counter(body)
        in_title = {word: weight + tally[word] for word, weight in counts.items() if word in tally}
        counts.update(tally)
        counts.update(in_title)
        # One look-up per distinct word for its IDF, name verdict and vector row (each is a big table: a
        # look-up in one costs more than the arithmetic done with it).
        infos = list(map(self._words.__getitem__, counts))
        names = set(compress(counts, map(itemgetter(1), infos)))
        genre = multi_event_title if config.strict_genre else digest_title
        named = [terms & names for terms in paragraph_terms]
        titled = genre(normal_title, normalized=True)
        if read_multi:
            self.multi_features = analysed_features(title, normal_title, title_terms & names, read_lines, named, lines,
                                                    text)
            model = self.multi_model
            self._multi_last = model is not None and model.probability(self.multi_features) >= model.threshold
            if (titled and config.genre_body_check and not self._multi_last
                    and paragraphs_stay(bulletin_title_terms(title), paragraph_terms)):
                titled = False  # one event's report under a genre word: its body keeps to its title
        digest = titled or is_list_of_items(named)
        weighted = self._weights(counts, names, list(map(itemgetter(0), infos)))
        key = match_key(normal_title + " " + " ".join(lines), normalized=True)[: config.fingerprint_chars]
        if config.duplicate_containment is not None:
            title_chars = None if config.containment_min_body is None else len(normal_title.replace(" ", ""))
            signature, self._doc_shingles = key_fingerprint(key, num_perm=config.num_perm, head=title_chars)
        else:
            signature = key_minhash(key, num_perm=config.num_perm)
        vectors = self.word_vectors
        meaning = lede_meaning = None
        if vectors is not None and want_lede:
            # The rows of the kept words (all but those of no weight, as a rule none), in their order.
            rows = (list(map(itemgetter(2), infos)) if len(weighted) == len(counts)
                    else [info[2] for word, info in zip(counts, infos, strict=True) if word in weighted])
            meaning, lede_meaning = vectors.weighted_vectors(weighted, lede, rows)
        elif vectors is not None:
            meaning = vectors.weighted_vector(weighted)
        return (_unit(_trim(weighted, config.article_terms)), digest, signature, meaning, lede_meaning, frozenset(lede),
                paragraph_terms)

    def _weights(self, counts: dict[str, float], names: set[str],
                 idfs: Iterable[float] | None = None) -> dict[str, float]:
        """The positive TF-IDF weights of a report's terms: (1 + log count) x background IDF x
        ``entity_weight`` for names x commonness, where commonness is 1 for words few recent reports
        use and falls as log(floor/share) for common ones (down to 0.1). It runs for every distinct word
        of every report, so the words whose weight is their IDF (used once, no name, not common: three in
        five) are weighed by C-level passes and only the others by a Python loop, each with the same
        operations in the same order as for all. ``idfs``: the words' background IDFs in the order of
        ``counts``, when the caller has them."""
        boost = self.config.entity_weight
        floor = self.config.local_df_floor
        seen = len(self._recent)
        # Below 50 recent reports commonness is 1 (too few to tell). Otherwise a word counts less
        # when its count of recent reports is at least ``least``: the smallest count whose share
        # (count / seen, the same division) exceeds the floor, so most words skip the division.
        df = self._df if seen >= 50 else {}
        least = _least_count(floor, seen)
        if idfs is None:
            idfs = map(_IDFS.__getitem__, counts)
        weighted = dict(zip(counts, idfs, strict=True))  # the IDF itself: (1 + log 1) x IDF is the IDF
        # The others: words used more than once, names, and words ``least`` or more recent reports use.
        others = set(compress(counts, map((1.0).__ne__, counts.values())))
        others.update(filter(counts.__contains__, names), compress(counts, map(least.__le__, map(df.get, counts, repeat(0)))))
        log = math.log
        for word in others:
            count = counts[word]
            weight = weighted[word]
            if count != 1.0:
                weight = (1 + log(count)) * weight
            if word in names:
                weight *= boost
            used = df.get(word)
            if used is not None and used >= least:
                weight *= max(0.1, 1.0 + log(floor / (used / seen)) / 3)
            weighted[word] = weight
        # Only positive weights, in the order of ``counts`` (an English function word's IDF is 0).
        for word in list(compress(weighted, map(not_, map((0.0).__lt__, weighted.values())))):
            del weighted[word]
        return weighted

    def _count(self, vector: dict[str, float]) -> None:
        terms = tuple(vector)
        self._recent.append(terms)
        for term in terms:
            self._df[term] = self._df.get(term, 0) + 1
        if len(self._recent) > self.config.local_df_docs:
            for term in self._recent.popleft():
                left = self._df[term] - 1
                if left:
                    self._df[term] = left
                else:
                    del self._df[term]

    def vector(self, title: str, text: str) -> dict[str, float]:
        return self.features(title, text)[0]

    def fingerprint(self, title: str, text: str) -> LeanMinHash:
        return self._analyse(title, text)[2]

    def meaning(self, title: str, text: str) -> np.ndarray | None:
        """The report's meaning vector (None without word vectors or known words)."""
        return self._analyse(title, text)[3]

    def lede_meaning(self, title: str, text: str) -> np.ndarray | None:
        """The meaning vector of the title and lede (None without the event layer or known words)."""
        return self._analyse(title, text)[4]

    # -- public ------------------------------------------------------------------
    def add(self, doc: Document) -> Assignment:
        """Decide where ``doc`` belongs, remember it, and return the decision."""
        self._tick(doc.time)
        vector, digest, signature, meaning, lede, lede_terms, paragraphs = self._analyse(doc.title, doc.text)
        self._multi_verdict = (doc.id, self._multi_last)
        self._count(vector)
        digest = self._is_digest(doc, digest, paragraphs)
        self._doc_series = self._series.add(doc.outlet, doc.title, doc.time) if self._series is not None else None
        assignment = self._find_duplicate(doc, signature, None if digest else self._doc_shingles)
        self._doc_lede = lede_terms
        if assignment is None and not digest:
            assignment = self._find_story(doc, vector, meaning)
            if assignment is not None and self.config.containment_in_story and self._doc_shingles is not None:
                assignment = self._contained_in_story(doc, assignment, self._doc_shingles) or assignment
        if assignment is None:
            assignment = Assignment(doc.id, "s" + stable_id("story\n" + doc.id, 15), "member", None, 1.0, True)
        self._remember(doc, assignment, vector, signature, digest, meaning, lede, lede_terms)
        assignment.story_id = self.resolve(assignment.story_id)
        return assignment

    def restore(self, doc: Document, story_id: str, role: str = "member", duplicate_of: str | None = None,
                score: float = 0.0) -> None:
        """Load an earlier decision (from the store) without re-deciding it."""
        self._tick(doc.time)
        assignment = Assignment(doc.id, story_id, role, duplicate_of, score, story_id not in self.stories)
        vector, digest, signature, meaning, lede, lede_terms, paragraphs = self._analyse(doc.title, doc.text)
        self._multi_verdict = (doc.id, self._multi_last)
        self._count(vector)
        digest = self._is_digest(doc, digest, paragraphs)
        self._doc_series = self._series.add(doc.outlet, doc.title, doc.time) if self._series is not None else None
        self._remember(doc, assignment, vector, signature, digest, meaning, lede, lede_terms, restoring=True)
        before_sides = self._unjoined_members.get(story_id)
        if before_sides is not None and doc.id in before_sides:
            unjoined = self._unjoined.get(story_id)
            if unjoined is None:
                unjoined = _StoryState(story_id, doc.title, doc.time, doc.time, closed=digest)
                self._unjoined[story_id] = unjoined
            self._accumulate(unjoined, doc, assignment, vector, meaning, lede, lede_terms)

    def restore_join(self, story_id: str, role: str, unjoined: Iterable[str] = ()) -> None:
        """Load what an earlier run's join pass decided about a story, before its members are restored: it was
        judged (``role`` 'judged': never judged again) or absorbed a side ('core': never absorbed itself; the
        members it held before its first side, ``unjoined``, rebuild it as later sides are judged against)."""
        self._judged.add(story_id)
        if role == "core":
            self._joined[story_id] = "core"
            self._unjoined_members[story_id] = frozenset(unjoined)

    def drain_joins(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(story, role, a core's members before its first side) of the stories the join pass judged or made a core
        since the last call: what a later run needs (``restore_join``)."""
        changes, self._join_changes = self._join_changes, {}
        return [(story_id, role, members) for story_id, (role, members) in changes.items()]

    def _is_digest(self, doc: Document, digest: bool, paragraphs: list[set[str]]) -> bool:
        """Whether ``doc`` is about several events: as given, else by its text (``digest``), as one of
        a daily programme, or as a column's bulletin (labels counted for every report, so the rhythm is
        seen; ``paragraphs``: the terms of its body's paragraphs, from ``_analyse``)."""
        programme = self._programmes is not None and self._programmes.add(doc.outlet, doc.title, doc.time)
        label = self._columns.add(doc.outlet, doc.title, doc.time) if self._columns is not None else None
        if doc.digest is not None:
            return doc.digest
        return digest or programme or (label is not None
                                       and paragraphs_leave(bulletin_title_terms(doc.title, label), paragraphs))

    def resolve(self, story_id: str) -> str:
        """The story a (possibly merged-away) story id now lives in."""
        while story_id in self._merged_into:
            story_id = self._merged_into[story_id]
        return story_id

    def drain_merges(self) -> list[tuple[str, str]]:
        """(absorbed story, surviving story) pairs since the last call, in order."""
        merges, self._pending_merges = self._pending_merges, []
        return merges

    def drain_changes(self) -> list[Assignment]:
        """Earlier assignments revised since the last call (a report first taken for the original
        turned out to be the copy of a later-seen one: by publication time or a wire credit)."""
        changed, self._changed = self._changed, []
        for assignment in changed:
            assignment.story_id = self.resolve(assignment.story_id)
        return changed

    def members(self, story_id: str) -> list[Assignment]:
        return list(self.stories[story_id].members)

    def title(self, story_id: str) -> str:
        return self.stories[story_id].title

    def evict(self, before: datetime) -> int:
        """Forget stories last updated before ``before`` and fingerprints older than it."""
        old_stories = [s for s in self.stories.values() if s.last < before]
        for story in old_stories:
            self._relink.discard(story.id)
            self._judged.discard(story.id)
            self._joined.pop(story.id, None)
            self._sides.pop(story.id, None)
            self._unjoined.pop(story.id, None)
            self._unjoined_members.pop(story.id, None)
            self._unindex(story.id, story.indexed_terms)
            self._meanings.remove(story.id)
            del self.stories[story.id]
        live = self.stories
        self._merged_into = {k: v for k, v in self._merged_into.items() if self.resolve(v) in live}
        old_prints = [key for key, fp in self._fingerprints.items() if fp.time < before]
        for key in old_prints:
            self._lsh.remove(key)
            if self._loose is not None and self._fingerprints[key].shingles is not None:
                self._loose.remove(key)
            del self._fingerprints[key]
            self._assignments.pop(key, None)
        return len(old_stories)

    # -- internals ---------------------------------------------------------------
    def _tick(self, time: datetime) -> None:
        if self.clock is None or time > self.clock:
            self.clock = time
        self._since_eviction += 1
        # Evicting is a full scan of the live state: do it once per batch of arrivals.
        if self._since_eviction >= 256:
            self._since_eviction = 0
            self.evict(self.clock - 2 * max(self.config.window, self.config.max_span))

    def _in_window(self, doc_time: datetime, story: _StoryState) -> bool:
        # Within the window of the story's reports, and never beyond ``max_span`` of its first or
        # last one: a story cannot grow by adding one day at a time.
        if not story.first - self.config.window <= doc_time <= story.last + self.config.window:
            return False
        return doc_time - story.first <= self.config.max_span and story.last - doc_time <= self.config.max_span

    def _mergeable(self, a: _StoryState, b: _StoryState) -> bool:
        first, last = min(a.first, b.first), max(a.last, b.last)
        return (not a.closed and not b.closed and last - first <= self.config.max_span
                and a.first - self.config.window <= b.last and b.first - self.config.window <= a.last
                and not self._series_apart(a, b))

    def _other_day(self, story: _StoryState, time: datetime) -> bool:
        """Whether the report being placed is an item of a series of which ``story`` holds another day's."""
        key = self._doc_series
        if key is None or not story.series or self._series is None:
            return False
        day = story.series.get(key)
        return day is not None and day != time.date() and self._series.recognised(key, time.date())

    def _series_apart(self, a: _StoryState, b: _StoryState) -> bool:
        """Whether two stories hold items of one daily series of different days (different events)."""
        if not a.series or not b.series or self._series is None or self.clock is None:
            return False
        today = self.clock.date()
        return any(key in b.series and b.series[key] != day and self._series.recognised(key, today)
                   for key, day in a.series.items())

    def _copy_candidate(self, doc: Document, key: str) -> _Fingerprint | None:
        """The fingerprint ``key`` when ``doc`` may be its copy: a copy joins its original's story only within that
        story's span (no chains of copies), and a series item's look-alike of another day is not a copy (same words,
        new figures)."""
        fp = self._fingerprints[key]
        fp.story_id = self.resolve(fp.story_id)
        story = self.stories.get(fp.story_id)
        if (story is None or abs(fp.time - doc.time) > self.config.window or not self._in_window(doc.time, story)
                or self._other_day(story, doc.time)):
            return None
        return fp

    def _feeds_as_member(self, doc: Document) -> bool:
        """Whether ``doc``, taken as a copy by containment, feeds its story as a member (``containment_as_member``)."""
        return self.config.containment_as_member and self._contained == doc.id

    def _is_smaller_copy(self, doc: Document, shingles: np.ndarray, fp: _Fingerprint) -> bool:
        """Whether the later-published of ``doc`` and ``fp`` is the smaller text (``containment_smaller_copy``)."""
        assert fp.shingles is not None
        return len(fp.shingles) == len(shingles) or (doc.time >= fp.time) == (len(shingles) < len(fp.shingles))

    def _best_containing(self, doc: Document, shingles: np.ndarray,
                         keys: Iterable[str]) -> tuple[tuple[float, datetime, str], _Fingerprint] | None:
        """Among the reports ``keys``, the one sharing most of the smaller of its text and ``doc``'s, that smaller lying at
        least ``duplicate_containment`` in the larger: a repost with a header or commentary of its own, an excerpt,
        a cut. Exact on the candidates (a MinHash estimate of containment strays by .1 at these Jaccards). Not
        within one outlet: its later, longer version of its own flash is an update, not a copy of it. A tie goes to
        the earlier report, then the smaller id, as ``_find_duplicate``'s; None when no report holds it so, or when
        the smaller text has fewer than ``containment_min_body`` shingles beyond its title."""
        least = self.config.duplicate_containment or 1.0
        floor = self.config.containment_min_body or 0
        if len(shingles) < floor:
            return None
        candidates: list[tuple[str, _Fingerprint, np.ndarray]] = []
        for key in keys:
            fp = self._fingerprints.get(key)
            if fp is not None and fp.shingles is not None and len(fp.shingles) >= floor and fp.outlet != doc.outlet:
                candidates.append((key, fp, fp.shingles))
        # Counting the shared shingles of each candidate cost a sort of both sets (~20-60 us), and its window and
        # series tests a few more, per member of the story joined: quadratic in a story's size (review66, finding
        # 10). With several candidates, a bound of each count from the sketches, all in one pass, leaves out those
        # that cannot reach ``least`` before either (the same verdicts: the tests below are independent of order,
        # and ``_copy_candidate``'s resolving of a left-out fingerprint's story is done again by any later reader).
        if len(candidates) >= _BOUND_FROM:
            bounds = overlap_bounds(self._sketch_of(shingles), [fp.sketch() for _, fp, _ in candidates])
            smaller = [min(len(shingles), len(other)) for _, _, other in candidates]  # the share's denominator
            candidates = [candidate for candidate, bound, least_of in zip(candidates, bounds, smaller, strict=True)
                          if not least_of or bound / least_of >= least]  # the share is at most bound / least_of
        best: tuple[tuple[float, datetime, str], _Fingerprint] | None = None
        for key, fp, other in candidates:
            if self._copy_candidate(doc, key) is None:
                continue
            # The later-published text the smaller: an excerpt or a cut repost, not a text around a whole one.
            if self.config.containment_smaller_copy and not self._is_smaller_copy(doc, shingles, fp):
                continue
            score = containment(shingles, other)
            if score >= least and (best is None or (-score, fp.time, key) < best[0]):
                best = ((-score, fp.time, key), fp)
        return best

    def _sketch_of(self, shingles: np.ndarray) -> tuple[np.ndarray, int]:
        """The ``shingle_sketch`` of the report being placed (``shingles``), made once for it."""
        if self._doc_sketch is None or self._doc_sketch[0] is not shingles:
            self._doc_sketch = (shingles, shingle_sketch(shingles))
        return self._doc_sketch[1]

    def _contained_in_story(self, doc: Document, member: Assignment, shingles: np.ndarray) -> Assignment | None:
        """``doc`` as a copy of a report of the story it joins (``member``), when the smaller of the two texts lies
        at least ``duplicate_containment`` in the larger (``containment_in_story``); else None."""
        story = self.stories.get(member.story_id)
        if story is None:
            return None
        best = self._best_containing(doc, shingles, (other.article_id for other in story.members))
        if best is None:
            return None
        self._contained = doc.id
        return Assignment(doc.id, best[1].story_id, "duplicate", best[1].original, round(best[0][0] * -1, 4), False)

    def _find_duplicate(self, doc: Document, signature: LeanMinHash,
                        shingles: np.ndarray | None = None) -> Assignment | None:
        """The report ``doc`` copies, by Jaccard (``duplicate_jaccard``), else by containment (``shingles``: the
        report's, when the containment test is on and it is no multi-event report)."""
        best: tuple[tuple[float, datetime, str], _Fingerprint] | None = None
        for key in self._lsh.query(signature):
            fp = self._copy_candidate(doc, key)
            if fp is None:
                continue
            score = signature.jaccard(fp.signature)
            # MinHash scores come in steps of 1/num_perm, so two candidates often tie; the LSH returns them in its
            # set's order, which follows the hash seed. A tie goes to the earlier report (then the smaller id), so a
            # copy's original is decided by publication time, the same on every run (issue 14 item 4).
            if score >= self.config.duplicate_jaccard and (best is None or (-score, fp.time, key) < best[0]):
                best = ((-score, fp.time, key), fp)
        if best is None and shingles is not None and self._loose is not None:
            best = self._best_containing(doc, shingles, self._loose.query(signature))
            if best is not None:
                self._contained = doc.id
        if best is None:
            return None
        score, fp = -best[0][0], best[1]
        fp.story_id = self.resolve(fp.story_id)
        return Assignment(doc.id, fp.story_id, "duplicate", fp.original, round(score, 4), False)

    def _score(self, vector: dict[str, float], titles: frozenset[str], story: _StoryState) -> float:
        cosine = self._similarity(vector, story)
        title = max((_dice(titles, other) for other in story.titles), default=0.0)
        mix = self.config.title_mix
        return (1 - mix) * cosine + mix * title

    def pair_features(self, vector: dict[str, float], titles: list[frozenset[str]], title_names: Iterable[str],
                      time: datetime, outlets: set[str], story: _StoryState,
                      meaning: np.ndarray | None = None, *, joining: bool = True,
                      own: tuple[float, float] | None = None) -> tuple[float, ...]:
        """The pair model's features (``stories.pairscore.FEATURES``) of a report (or another story's
        core: its centroid, titles, first time and outlets) and a story core. ``own``: the report's
        ``_part_squares``, when the caller scores one report against many stories."""
        head = self._head_features(vector, titles, title_names, time, outlets, story, meaning, joining, own)
        return head + self._tail_features(vector, story, meaning)

    def _pair_probability(self, least: float, vector: dict[str, float], titles: list[frozenset[str]],
                          title_names: Iterable[str], time: datetime, outlets: set[str], story: _StoryState,
                          meaning: np.ndarray | None = None, *, joining: bool = True,
                          own: tuple[float, float] | None = None) -> float | None:
        """The pair model's probability of ``pair_features``, or None when it is surely below ``least``.
        The last three features (meaning, members, agreeing) cost most and move the model's sum least
        often: when the others' sum plus the most those three can add (``_TailBound``) stays below the
        log-odds of ``least``, they are not computed (nine candidates in ten on real reports)."""
        assert self.model is not None
        head = self._head_features(vector, titles, title_names, time, outlets, story, meaning, joining, own)
        if self._bound_model is not self.model:
            self._bound_model, self._tail_bound = self.model, _TailBound.of(self.model)
        bound = self._tail_bound
        if bound is not None and bound.below(head, len(story.member_vectors), least):
            return None
        return self.model.probability(head + self._tail_features(vector, story, meaning))

    def _head_features(self, vector: dict[str, float], titles: list[frozenset[str]], title_names: Iterable[str],
                       time: datetime, outlets: set[str], story: _StoryState, meaning: np.ndarray | None,
                       joining: bool, own: tuple[float, float] | None) -> tuple[float, ...]:
        """``pair_features`` but the last three (``_TAIL``)."""
        centroid, norm = story.centroid, story.norm or 1.0
        dots = [0.0, 0.0]
        names_of = self._names
        if own is None:
            own = _part_squares(vector, names_of)
        event = 0.0
        near = self._near_stories(meaning) if joining else frozenset()
        postings_of, story_id = self._postings, story.id
        # Only the terms the core shares add to the dots and the event evidence: picked in the report's
        # order by a C-level loop, each sum gets the same terms in the same order as a loop over all.
        for term in filter(centroid.__contains__, vector):
            weight = vector[term]
            part = names_of[term]
            dot = weight * centroid[term]
            dots[part] += dot
            # ``_other_stories`` inline when no story is near (the default): it runs per shared term
            # of every candidate.
            if near:
                others = self._other_stories(term, story, near)
            else:
                postings = postings_of.get(term)
                others = len(postings) - (story_id in postings) if postings else 0
            event += dot / (1 + others)
        cosine = (dots[0] + dots[1]) / norm
        what = dots[0] / (math.sqrt(own[0]) * story.part_norms[0]) if own[0] and story.part_norms[0] else 0.0
        who = dots[1] / (math.sqrt(own[1]) * story.part_norms[1]) if own[1] and story.part_norms[1] else 0.0
        event /= norm
        title = max((_dice(mine, other) for mine in titles for other in story.titles), default=0.0)
        names = list(title_names)
        new_names = sum(1 for n in names if n not in centroid and n not in story.title_words) / len(names) if names else 0.0
        gap = math.log1p(abs((time - story.first).total_seconds()) / 3600)
        return (cosine, who, what, event, cosine - event, title, new_names, gap,
                float(bool(outlets & story.outlets)), math.log(min(len(story.members), 6) or 1))

    def _tail_features(self, vector: dict[str, float], story: _StoryState,
                       meaning: np.ndarray | None) -> tuple[float, float, float]:
        """The meaning cosine and the agreement with the story's latest members (``_TAIL``)."""
        agree = sorted((_cosine(vector, member) for member in story.member_vectors), reverse=True)
        members = sum(agree[:3]) / min(len(agree), 3) if agree else 0.0
        agreeing = math.log1p(sum(1 for value in agree if value >= self.config.agree_cosine))
        return vector_cosine(meaning, story.meaning), members, agreeing

    def _event_similarity(self, vector: dict[str, float], story: _StoryState,
                          meaning: np.ndarray | None = None) -> float:
        """The cosine of ``vector`` to the story's core counting only event evidence: each shared term's
        share divided by 1 + the other live stories indexed under it (the ``event`` feature)."""
        event = 0.0
        near = self._near_stories(meaning)
        centroid = story.centroid
        for term in filter(centroid.__contains__, vector):  # shared terms, in the vector's order
            event += vector[term] * centroid[term] / (1 + self._other_stories(term, story, near))
        return event / story.norm if story.norm else 0.0

    def _other_stories(self, term: str, story: _StoryState, near: frozenset[str] = frozenset()) -> int:
        """How many other live stories are indexed under ``term`` (the topic guard's count: across
        stories, not reports, so the many reports of one big event do not make its words a topic),
        not counting the ``near`` stories (``topic_near``: parts of the same event, by meaning)."""
        postings = self._postings.get(term)
        if not postings:
            return 0
        count = len(postings) - (story.id in postings)
        return count - sum(1 for other in near if other != story.id and other in postings)

    def _near_stories(self, meaning: np.ndarray | None) -> frozenset[str]:
        """Live stories whose meaning is within ``topic_near`` of ``meaning`` (remembered for the
        last vector asked: every candidate of one report asks with the same one)."""
        floor = self.config.topic_near
        if floor is None or meaning is None:
            return frozenset()
        if self._near_for is not meaning:
            self._near_for = meaning
            self._near = frozenset(story for story, _ in self._meanings.nearest(meaning, 50, floor))
        return self._near

    def _model_merges(self, story: _StoryState, other: _StoryState, profile: dict[str, float] | None = None,
                      own: tuple[float, float] | None = None) -> bool:
        """Whether the pair model, reading ``story``'s core as one report (``profile``: its unit centroid,
        when the caller has it, ``own``: the profile's ``_part_squares``), puts it in ``other``."""
        if self.model is None or self.config.merge_probability is None:
            return False
        least = self.config.merge_probability
        names = [t for t in story.title_words if self._is_name(t)]
        if profile is None:
            profile, own = _unit(story.centroid), None
        score = self._pair_probability(least, profile, story.titles, names, story.first, story.outlets, other,
                                       story.meaning, joining=False, own=own)
        return score is not None and score >= least

    def _names_the_keys(self, terms: frozenset[str], story: _StoryState) -> bool:
        """Whether a title holds the story's title keys: terms most of its reports' titles use."""
        config = self.config
        if story.titled < config.key_reports:
            return False
        least = max(2, config.key_share * story.titled)
        keys = [t for t, n in story.title_terms.items() if n >= least and t in terms]
        if len(keys) < config.key_terms:
            return False
        kinds = {self._is_name(t) for t in keys}
        return len(kinds) == 2

    def candidate_stories(self, doc: Document, vector: dict[str, float],
                          meaning: np.ndarray | None = None) -> list[_StoryState]:
        """The live stories a report is compared with: those indexed under the most of its strongest
        terms that share ``min_shared_terms`` terms with it, and (``meaning_candidates``) the stories
        whose meaning is nearest, which may share fewer terms; all open and within the time window."""
        config = self.config
        probes = sorted(vector, key=vector.__getitem__, reverse=True)[: config.probe_terms]
        found: list[_StoryState] = []
        for story_id in self._candidates(probes, config.max_candidates):
            story = self.stories[story_id]
            if story.closed or not self._in_window(doc.time, story) or self._other_day(story, doc.time):
                continue
            if sum(map(story.centroid.__contains__, vector)) >= config.min_shared_terms:
                found.append(story)
        seen = {story.id for story in found}
        if config.meaning_candidates and meaning is not None:
            for story_id, _ in self._meanings.nearest(meaning, config.meaning_candidates, config.meaning_floor):
                near = self.stories.get(story_id)
                if (near is None or story_id in seen or near.closed or not self._in_window(doc.time, near)
                        or self._other_day(near, doc.time)):
                    continue
                if sum(1 for term in vector if term in near.centroid) >= config.meaning_min_shared:
                    found.append(near)
        return found

    def _find_story(self, doc: Document, vector: dict[str, float],
                    meaning: np.ndarray | None = None) -> Assignment | None:
        titles = _title_grams(doc.title, self.config.name_forms)
        own_terms = _title_terms(doc.title, self.config.name_forms) if self.config.title_keys or self.model else frozenset()
        own_names = frozenset(t for t in own_terms if self._is_name(t))
        best: tuple[float, str] | None = None
        own = _part_squares(vector, self._names) if self.model is not None else None
        for story in self.candidate_stories(doc, vector, meaning):
            story_id = story.id
            if self.model is not None:
                score = self._pair_probability(self.join_probability, vector, [titles], own_names, doc.time,
                                               {doc.outlet}, story, meaning, own=own)
                if (score is not None and score >= self.join_probability and (best is None or score > best[0])
                        and not self._lede_apart(score, story)):
                    best = (score, story_id)
                continue
            score = self._score(vector, titles, story)
            needed = self.config.similarity
            if doc.outlet in story.outlets:
                needed += self.config.same_outlet_margin
            if (self.config.title_keys and needed > score >= self.config.key_similarity
                    and self._names_the_keys(own_terms, story)):
                score = needed
            if score >= needed and (best is None or score > best[0]):
                best = (score, story_id)
        if best is None:
            return None
        return Assignment(doc.id, best[1], "member", None, round(best[0], 4), False)

    def _lede_apart(self, score: float, story: _StoryState) -> bool:
        """Whether the lede guard (``lede_guard``) keeps the report being placed out of ``story``: the pair model is
        not confident and too few of the words of the report's title and lede other than names are in the story's
        titles and ledes. A report or story with no lede words (the event layer off, no body) is never kept out."""
        least = self.config.lede_guard
        if least is None or score >= self.config.lede_guard_ceiling or not story.lede_terms:
            return False
        return self._few_lede_words_told(self._doc_lede, story, least)

    def _few_lede_words_told(self, terms: Iterable[str], story: _StoryState, least: float) -> bool:
        """The lede guard's word test, for a report (``_lede_apart``) and for a story merging (``_merge_lede_apart``):
        fewer than the share ``least`` of ``terms`` (title-and-lede words) other than names are in ``story``'s titles
        and ledes. Terms that are all names (or none) never keep anything out."""
        words_of = [term for term in terms if not self._names[term]]
        if not words_of:
            return False
        told = story.lede_terms
        return sum(1 for term in words_of if term in told) < least * len(words_of)

    def _remember(self, doc: Document, assignment: Assignment, vector: dict[str, float],
                  signature: LeanMinHash, digest: bool = False, meaning: np.ndarray | None = None,
                  lede: np.ndarray | None = None, lede_terms: frozenset[str] = frozenset(), *,
                  restoring: bool = False) -> None:
        story = self.stories.get(assignment.story_id)
        if story is None:
            story = _StoryState(assignment.story_id, doc.title, doc.time, doc.time, closed=digest)
            self.stories[story.id] = story
        if self._accumulate(story, doc, assignment, vector, meaning, lede, lede_terms):
            if meaning is not None and story.meaning is not None:
                self._meanings.set(story.id, story.meaning)
            self._reindex(story)
            self._merge_similar(story)
        elif self.config.title_keys and not story.closed and story.titled >= self.config.key_reports:
            self._merge_same_keys(story)
        if (self.event_model is not None and not restoring and not story.closed
                and (assignment.role == "member" or self._feeds_as_member(doc))
                and story.id in self.stories):
            self._relink.add(story.id)
            self._link_event(story)
        if doc.id not in self._fingerprints:
            original = assignment.duplicate_of or doc.id
            fingerprint = _Fingerprint(self.resolve(assignment.story_id), doc.time, signature, original,
                                       doc.outlet, credit_ends(doc.text))
            self._fingerprints[doc.id] = fingerprint
            self._assignments[doc.id] = assignment
            self._lsh.insert(doc.id, signature)
            # A multi-event report holds whole reports of several events: it is no one report's copy or original.
            if self.config.duplicate_containment is not None and self._doc_shingles is not None and not digest:
                fingerprint.shingles = self._doc_shingles
                if self._loose is not None:
                    self._loose.insert(doc.id, signature)
            if assignment.role == "duplicate":
                self._settle_original(doc, fingerprint)

    def _reads_multi(self, doc: Document) -> bool:
        """Whether ``multi_model`` reads ``doc`` as about several events, from ``multireport.analysed_features`` of
        ``_analyse`` (read once per report, as ``add`` and ``restore`` analyse it)."""
        if self._multi_verdict is None or self._multi_verdict[0] != doc.id:
            self._analyse(doc.title, doc.text)
            self._multi_verdict = (doc.id, self._multi_last)
        return self._multi_verdict[1]

    def _accumulate(self, story: _StoryState, doc: Document, assignment: Assignment, vector: dict[str, float],
                    meaning: np.ndarray | None, lede: np.ndarray | None, lede_terms: frozenset[str]) -> bool:
        """Add a member to ``story``'s state (not to the clusterer's indexes); whether its core took the member
        (then the caller indexes the story again). Also rebuilds a restored core as it stood before its first side
        (``restore_join``)."""
        story.members.append(assignment)
        story.event_weights = story.chinese = None
        if self._doc_series is not None:
            story.series = story.series or {}
            story.series.setdefault(self._doc_series, doc.time.date())
        story.outlets.add(doc.outlet)
        if self.multi_model is not None and not story.closed and self._reads_multi(doc):
            story.mixed += 1
        story.first = min(story.first, doc.time)
        story.last = max(story.last, doc.time)
        if (self.config.title_keys or self.event_model is not None or self.join_model is not None) and not story.closed:
            story.title_terms.update(_title_terms(doc.title, self.config.name_forms))
            story.titled += 1
        # A containment copy among the story's first reports feeds its core as a member would (``containment_core``).
        feeds = assignment.role == "member" or self._feeds_as_member(doc) or (
            self.config.containment_core and self._contained == doc.id and story.core < self.config.core_size)
        if feeds and not story.closed and self.config.member_vectors:
            story.member_vectors.append(vector)
            del story.member_vectors[: -self.config.member_vectors]
        if lede is not None and not story.closed and feeds:
            story.lede = lede if story.lede is None else story.lede + lede
            story.lede_terms.update(lede_terms)
            story.ledes += 1
        # A copy adds no new wording; the core is the first reports only (no drift); a
        # multi-event report's story is never a candidate, so it needs no profile.
        if feeds and story.core < self.config.core_size and not story.closed:
            story.core += 1
            story.titles.append(_title_grams(doc.title, self.config.name_forms))
            story.title_words |= _title_terms(doc.title, self.config.name_forms)
            for term, weight in vector.items():
                story.centroid[term] = story.centroid.get(term, 0.0) + weight
            story.centroid = _trim(story.centroid, self.config.story_terms)
            if meaning is not None:
                story.meaning = meaning if story.meaning is None else story.meaning + meaning
            if self.config.figure_join_probability > 0.0:
                story.heads.append(doc.title + "\n" + doc.text[: self.config.figure_chars])
                story.figures = None
            self._set_norms(story)
            return True
        return False

    def _settle_original(self, doc: Document, copy: _Fingerprint) -> None:
        """Make ``doc`` the original of its copy group when it is: published earlier than the
        current original, or by the outlet the current original credits (a wire report, or a copy that kept
        ``doc``'s outlet's staff sign-off) and not itself."""
        current = self._fingerprints.get(copy.original)
        if current is None:
            return
        credited = credits(doc.outlet, current.credits) and not credits(current.outlet, current.credits)
        earlier = doc.time < current.time and not credits(current.outlet, copy.credits)
        if not (credited or earlier):
            return
        old_original = copy.original
        for key, fingerprint in self._fingerprints.items():
            if fingerprint.original == old_original and key != doc.id:
                fingerprint.original = doc.id
                assignment = self._assignments.get(key)
                if assignment is not None:
                    assignment.role, assignment.duplicate_of = "duplicate", doc.id
                    self._changed.append(assignment)
        copy.original = doc.id
        own = self._assignments.get(doc.id)
        if own is not None:
            own.role, own.duplicate_of = "member", None

    def _candidates(self, probes: list[str] | tuple[str, ...], limit: int) -> list[str]:
        """Live stories indexed under the most probe terms (bounded, so cost stays flat)."""
        # One count over every posting list (a C-level pass, the stories met in the same order as by
        # one ``update`` per probe, so ties rank alike) instead of a Counter.update call per probe term.
        postings_of = self._postings
        lists = [postings for postings in map(postings_of.get, probes) if postings]
        hits: Counter[str] = Counter(chain.from_iterable(lists))
        # ``hits.most_common(limit)`` as its documented equal, a stable sort by count (ties in the order met), done
        # by C code: ``most_common``'s ``heapq.nlargest`` pushed every story through a Python heap.
        return [story_id for story_id, _ in sorted(hits.items(), key=itemgetter(1), reverse=True)[:limit]]

    def _is_name(self, term: str) -> int:
        return self._names[term]

    def _set_norms(self, story: _StoryState) -> None:
        squares = [0.0, 0.0]
        names_of = self._names
        for term, weight in story.centroid.items():
            squares[names_of[term]] += weight * weight
        story.part_norms = (math.sqrt(squares[0]), math.sqrt(squares[1]))
        story.norm = math.sqrt(squares[0] + squares[1])

    def _similarity(self, vector: dict[str, float], story: _StoryState) -> float:
        """How close a unit vector is to the story's core centroid. With ``who_and_what``: the
        geometric mean of the cosine over names (who, where) and the cosine over the other words
        (what happened), so sharing a famous name alone, or common wording alone, is not enough;
        the plain cosine where either side has no names or no other words."""
        if not story.norm:
            return 0.0
        centroid = story.centroid
        dots = [0.0, 0.0]
        own = [0.0, 0.0]
        for term, weight in vector.items():
            part = self._is_name(term)
            dots[part] += weight * centroid.get(term, 0.0)
            own[part] += weight * weight
        plain = (dots[0] + dots[1]) / story.norm
        if not self.config.who_and_what or not all(own) or not all(story.part_norms):
            return plain
        what = dots[0] / (math.sqrt(own[0]) * story.part_norms[0])
        who = dots[1] / (math.sqrt(own[1]) * story.part_norms[1])
        return math.sqrt(max(what, 0.0) * max(who, 0.0))

    def _merge_similar(self, story: _StoryState) -> None:
        profile = _unit(story.centroid)
        own: tuple[float, float] | None = None  # the profile's ``_part_squares``, once the model needs them
        probes = story.indexed_terms[: self.config.probe_terms]
        for other_id in self._candidates(probes, self.config.max_candidates // 4 + 1):
            other = self.stories.get(other_id)
            if other is None or other is story or not self._mergeable(other, story):
                continue
            if self.model is not None:  # merging needs event evidence beyond the day's topic
                similar = self._event_similarity(profile, other) >= self.config.event_merge_similarity
            else:
                similar = self._similarity(profile, other) >= self.config.merge_similarity
            if not similar:
                if own is None:
                    own = _part_squares(profile, self._names)
                if not self._model_merges(story, other, profile, own):
                    continue
            # The larger story survives; on a tie, the older one (its id is already published).
            big, small = (story, other) if _rank(story) > _rank(other) else (other, story)
            if self._merge_lede_apart(big, small):
                continue
            self._absorb(big, small)
            if small is story:
                return  # this story is gone; the survivor's profile is up to date
            profile, own = _unit(story.centroid), None

    def _merge_lede_apart(self, big: _StoryState, small: _StoryState) -> bool:
        """Whether the lede guard, held at a merge (``merge_lede_guard``), keeps ``small`` out of ``big``: too few of
        the words of its members' titles and ledes other than names are in ``big``'s titles and ledes, and the pair
        model, reading ``small``'s core as a report, is not confident (under ``lede_guard_ceiling``) that it belongs
        in ``big``. As ``_lede_apart`` for a report: a story with no lede words is never kept out."""
        least = self.config.lede_guard
        if not self.config.merge_lede_guard or least is None or not big.lede_terms:
            return False
        if not self._few_lede_words_told(small.lede_terms, big, least):
            return False
        if self.model is None:
            return True
        ceiling = self.config.lede_guard_ceiling
        names = [t for t in small.title_words if self._is_name(t)]
        score = self._pair_probability(ceiling, _unit(small.centroid), small.titles, names, small.first,
                                       small.outlets, big, small.meaning, joining=False)
        return score is None or score < ceiling

    def _link_event(self, story: _StoryState) -> None:
        """The event layer: merge ``story`` with the live stories the event model (``stories.eventlink``)
        gives at least the threshold's probability of being the same event, most probable first."""
        assert self.event_model is not None
        for _ in range(self.config.event_links):
            best: tuple[float, _StoryState] | None = None
            for other in self.event_candidates(story):
                if not self._may_link(story, other):
                    continue
                features = event_features(story, other, self._is_name, _dice, self._event_weights, self._event_cover)
                probability = self.event_model.probability(features)
                if probability >= self.event_probability and (best is None or probability > best[0]):
                    best = (probability, other)
            if best is None:
                return
            other = best[1]
            big, small = (story, other) if _rank(story) > _rank(other) else (other, story)
            self._absorb(big, small)
            story = big

    def link_events(self) -> int:
        """The event layer as one pass over the live stories that changed since the last pass (a pair of
        unchanged stories was judged then): every candidate pair whose event probability reaches the
        threshold merges (single link), most probable first, each pair judged as the two stories stood
        before the pass. Returns the number of merges (``drain_merges`` lists them)."""
        if self.event_model is None:
            return 0
        changed, self._relink = self._relink, set()
        linked = [link for link in self.event_pairs(changed) if link[0] >= self.event_probability]
        merges = 0
        absorbed: set[str] = set()
        for _, a_id, b_id in sorted(linked, reverse=True):
            if not self.config.event_chain and (a_id in absorbed or b_id in absorbed):
                continue
            a, b = self.stories.get(self.resolve(a_id)), self.stories.get(self.resolve(b_id))
            if a is None or b is None or a is b or not self._mergeable(a, b) or self._established(a, b):
                continue
            big, small = (a, b) if _rank(a) > _rank(b) else (b, a)
            self._absorb(big, small)
            absorbed.add(small.id)
            merges += 1
        return merges

    def event_pairs(self, story_ids: set[str]) -> list[tuple[float, str, str]]:
        """(event probability, story, candidate) for every candidate pair of the live stories ``story_ids``,
        each pair once (``link_events`` merges those at or above the threshold)."""
        if self.event_model is None:
            return []
        scored: list[tuple[float, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for story_id in sorted(story_ids):
            story = self.stories.get(self.resolve(story_id))
            if story is None or story.closed:
                continue
            # A pair needs one story of ``event_core`` reports: a smaller story's smaller candidates are
            # passed over before the costlier checks (most candidates of a pass are such singletons).
            least = self.config.event_core if len(story.members) < self.config.event_core else 0
            for other in self.event_candidates(story, least):
                pair = (min(story.id, other.id), max(story.id, other.id))
                if other.closed or pair in seen or not self._may_link(story, other):
                    continue
                seen.add(pair)
                features = event_features(story, other, self._is_name, _dice, self._event_weights, self._event_cover)
                scored.append((self.event_model.probability(features), story.id, other.id))
        return scored

    def complete(self, story: _StoryState, at: datetime | None = None) -> bool:
        """Whether no report can join ``story`` any more: the clock (or ``at``) is beyond its window or its span."""
        clock = at or self.clock
        return clock is not None and (clock - story.last > self.config.window
                                      or clock - story.first > self.config.max_span)

    def join_pairs(self, final: bool = False) -> list[tuple[float, str, str]]:
        """(join probability, story, candidate) for the candidate pairs of complete stories at least one of which
        completed since the last pass (``final``: every live story counts as complete: the run has ended), but
        those whose first reports lie more than ``join_gap`` apart and those surely below ``complete_probability``
        (``joincomplete.join_probability``)."""
        if self.join_model is None:
            return []
        done = {s.id for s in self.stories.values() if not s.closed and (final or self.complete(s))}
        fresh = done - self._judged
        self._judged |= fresh
        for story_id in fresh:
            self._join_changes[story_id] = ("judged", ())
        scored: list[tuple[float, str, str]] = []
        seen: set[tuple[str, str]] = set()
        gap = self.config.join_gap
        join_least, small_pass = self.config.join_least, self.small_join_model is not None
        bar = self.config.join_told_probability
        for story_id in sorted(fresh):
            story = self.stories[story_id]
            small = len(story.members) < join_least
            # With the small pass a small story's small candidates are kept for it (the same candidate list:
            # ``event_candidates`` filters by size only after ranking).
            least = join_least if small and not small_pass else 0
            for other in self.event_candidates(story, least):
                pair = (min(story.id, other.id), max(story.id, other.id))
                if other.id not in done or pair in seen:
                    continue
                seen.add(pair)
                a, b = self._unjoined.get(story.id, story), self._unjoined.get(other.id, other)
                if gap is not None and abs(a.first - b.first) > gap:
                    continue
                if small and len(other.members) < join_least:
                    if not story.outlets & other.outlets:  # an outlet's own items of one series are not one event
                        self._small_pairs.append(pair)
                    continue
                if kept_out(a, b):  # ``join_guard``: the side holds a multi-event report (only counted under it)
                    continue
                threshold = self.complete_probability
                told = partial(self._side_told, a, b) if 0.0 < bar < threshold else None
                probability = join_probability(self.join_model, threshold, a, b, self._is_name, _dice,
                                               self._event_weights, self._core_probability, bar, told)
                if probability is not None and (told is None or probability >= threshold
                                                or probability >= bar and told()):
                    scored.append((probability, story.id, other.id))
        return scored

    def _side_told(self, a: _StoryState, b: _StoryState) -> bool:
        """Whether the core of a pair (the larger story, ``_rank``) tells what the side's title says: ``_told``'s
        cover of the side's title by the core at least ``ClusterConfig.join_told`` (a title without a term of
        positive IDF is told by nothing)."""
        core, side = (a, b) if _rank(a) > _rank(b) else (b, a)
        share = self._told(side, core)
        return share > 0.0 and share >= self.config.join_told

    def join_complete(self, final: bool = False) -> int:
        """Join the complete stories the join model (``stories.joincomplete``) calls one event, most probable
        first; no join spans beyond ``max_span``. A story joined once is not joined again (``join_star``: a
        story either absorbs or is absorbed, and a core may absorb several sides, each judged against the core
        as it stood, up to ``join_cap`` sides). Returns the number of joins (``drain_merges`` lists them)."""
        joins = 0
        roles, sides, cap = self._joined, self._sides, self.config.join_cap
        self._small_pairs = []
        floor = min(self.complete_probability, self.config.join_told_probability or self.complete_probability)
        for probability, a_id, b_id in sorted(self.join_pairs(final), reverse=True):
            if probability < floor:  # ``join_pairs`` kept a pair under the threshold only when its side is told
                break
            a, b = self.stories.get(a_id), self.stories.get(b_id)
            if a is None or b is None:
                continue
            big, small = (a, b) if _rank(a) > _rank(b) else (b, a)
            # ``join_guard`` read the side from the stories as they stood when scored (``kept_out``); a core grown
            # by an earlier side of this pass may make the other story the side now: it is not joined when it holds
            # a multi-event report (``mixed`` is counted only under the guard), as the guard promises.
            if small.mixed:
                continue
            if self.config.join_star:
                if small.id in roles or roles.get(big.id) == "side" or (cap and sides.get(big.id, 0) >= cap):
                    continue
            elif a_id in roles or b_id in roles:
                continue
            if not self._mergeable(a, b):
                continue
            self._join(big, small)
            joins += 1
        return joins + self._join_small()

    def _join(self, big: _StoryState, small: _StoryState) -> None:
        """``small`` joins ``big`` as a side (the join pass's roles, kept across runs)."""
        roles = self._joined
        if big.id not in self._unjoined:
            self._unjoined[big.id] = _unjoined_copy(big)
        if roles.get(big.id) != "core":  # its first side (an earlier run's core was stored then)
            self._join_changes[big.id] = ("core", tuple(m.article_id for m in self._unjoined[big.id].members))
        self._join_changes.pop(small.id, None)  # absorbed: its story goes
        self._absorb(big, small)
        self._relink.discard(big.id)  # judged whole here: the event layer does not carry it further
        roles[small.id], roles[big.id] = "side", "core"
        self._sides[big.id] = self._sides.get(big.id, 0) + 1

    def _join_small(self) -> int:
        """The small pass (``ClusterConfig.small_join``): the pairs of two small complete stories ``join_pairs``
        kept, of stories no join has touched, judged by the small-join model as they stand after the join pass's
        joins, joined most probable first at or above its threshold (star: a story absorbs or is absorbed)."""
        pairs, self._small_pairs = self._small_pairs, []
        model = self.small_join_model
        if model is None or not pairs:
            return 0
        roles, least, threshold = self._joined, self.config.join_least, self.small_join_probability
        floor = self.config.small_join_floor
        # With ``figure_join_probability`` the model is read down to it; a pair under the threshold needs one figure.
        # The bound asks the figure first (cheap: a shared name, then the stories' figures, read once per story) of a
        # pair that cannot reach the threshold, and reads the costly pair-model features only when it holds.
        figure_bar = self.config.figure_join_probability or threshold
        told_bar = self.config.small_told_probability or threshold
        bar = min(threshold, figure_bar, told_bar)
        touched = set(roles)  # joined by the join pass or an earlier run's passes: only pairs of two others are scored
        scored: list[tuple[float, str, str]] = []
        for a_id, b_id in pairs:
            a, b = self.stories.get(a_id), self.stories.get(b_id)
            if (a is None or b is None or a_id in touched or b_id in touched
                    or len(a.members) >= least or len(b.members) >= least
                    or vector_cosine(a.meaning, b.meaning) < floor or vector_cosine(a.lede, b.lede) < floor):
                continue
            probability = join_probability(model, threshold, a, b, self._is_name, _dice, self._event_weights,
                                           self._core_probability, bar,
                                           partial(self._small_evidence, a, b, figure_bar, told_bar)
                                           if bar < threshold else None)
            if probability is not None and (probability >= threshold
                                            or probability >= figure_bar and self._one_event_figure(a, b)
                                            or probability >= told_bar and self._small_told(a, b)):
                scored.append((probability, a_id, b_id))
        joins = 0
        for _, a_id, b_id in sorted(scored, reverse=True):
            a, b = self.stories.get(a_id), self.stories.get(b_id)
            if a is None or b is None:
                continue
            big, small = (a, b) if _rank(a) > _rank(b) else (b, a)
            # Star, as the join pass: a core of this pass absorbs no further as a side. (A side absorbs nothing:
            # every story was untouched when scored, and a side made here left ``stories``, so ``get`` gave None.)
            if small.id in roles or not self._mergeable(a, b):
                continue
            self._join(big, small)
            joins += 1
        return joins

    def _small_evidence(self, a: _StoryState, b: _StoryState, figure_bar: float, told_bar: float) -> bool:
        """The small pass's cheap evidence under its threshold: a figure (under ``figure_bar``'s bar) or a told title
        (under ``told_bar``'s); the bound asks it only of a pair that may reach the lower bar."""
        threshold = self.small_join_probability
        return (figure_bar < threshold and self._one_event_figure(a, b)
                or told_bar < threshold and self._small_told(a, b))

    def _told(self, side: _StoryState, core: _StoryState) -> float:
        """The share of ``side``'s title terms (of a positive background IDF), each weighed by
        log((recent + 1) / (1 + recent reports using it)) over the window's recent reports, that ``core``'s title
        and lede terms hold (0 when the title has no such term)."""
        seen, df, log = len(self._recent) + 1, self._df, math.log
        total = told = 0.0
        for term in side.title_terms:
            if _IDFS[term] <= 0.0:
                continue
            weight = log(seen / (1 + df.get(term, 0)))
            total += weight
            if term in core.title_terms or term in core.lede_terms:
                told += weight
        return told / total if total > 0.0 else 0.0

    def _small_told(self, a: _StoryState, b: _StoryState) -> bool:
        """Whether each of two small stories' titles is told by the other's titles and ledes
        (``ClusterConfig.small_told``, the smaller cover of the two ways)."""
        least = self.config.small_told
        return self._told(a, b) >= least and self._told(b, a) >= least

    def _one_event_figure(self, a: _StoryState, b: _StoryState) -> bool:
        """Whether two stories state one specific figure (``event_figures`` of their heads) and share a name in their
        titles and ledes: evidence of one event that two events of one topic, told in like words, seldom give."""
        if not any(map(self._is_name, a.lede_terms.keys() & b.lede_terms.keys())):
            return False
        for story in (a, b):
            if story.figures is None:
                story.figures = event_figures(story.heads)
        return bool(a.figures and b.figures and a.figures & b.figures)

    def _core_probability(self, story: _StoryState, other: _StoryState) -> float:
        """The pair model's probability that ``story``'s core, read as one report, belongs to ``other``."""
        if self.model is None:
            return 0.0
        names = [t for t in story.title_words if self._is_name(t)]
        values = self.pair_features(_unit(story.centroid), story.titles, names, story.first, story.outlets, other,
                                    story.meaning, joining=False)
        return self.model.probability(values)

    def _may_link(self, a: _StoryState, b: _StoryState) -> bool:
        """Whether the event layer scores two stories at all: one holds ``event_core`` reports, and
        they are not both ``_established``."""
        return max(len(a.members), len(b.members)) >= self.config.event_core and not self._established(a, b)

    def _established(self, a: _StoryState, b: _StoryState) -> bool:
        """Whether both stories hold ``event_established`` reports or more (then the layer never links them;
        checked again when a pass merges, since a chained merge may have grown one)."""
        least = self.config.event_established
        return least > 0 and min(len(a.members), len(b.members)) >= least

    def _event_weights(self, story: _StoryState) -> StoryWeights:
        """``eventlink.story_weights`` of ``story``, kept until it changes: a story is scored against
        many others, in pass after pass, and most stories do not change between passes."""
        if story.event_weights is None:
            story.event_weights = story_weights(story, self._is_name)
        return story.event_weights

    @staticmethod
    def _is_chinese(story: _StoryState) -> bool:
        """``eventlink.is_chinese`` of ``story``, kept until it changes (``_StoryState.chinese``)."""
        if story.chinese is None:
            story.chinese = is_chinese(story)
        return story.chinese

    def event_candidates(self, story: _StoryState, least: int = 0) -> list[_StoryState]:
        """The live stories the event layer compares ``story`` with: those indexed under the most of its
        strongest terms and its title terms (a side story's title names the event: 台谍, TikTok); of
        these, only stories of at least ``least`` reports."""
        if not self._is_chinese(story):
            return []
        probes = list(story.indexed_terms[: self.config.probe_terms])
        # Most used title terms first, then by name: a fixed order, so ties among candidates never
        # depend on set order (string hashing differs between runs).
        titled = sorted(story.title_terms, key=lambda t: (-story.title_terms[t], t))
        probes += [t for t in titled if t not in probes]
        found = []
        for other_id in self._candidates(probes, self.config.event_candidates):
            other = self.stories.get(other_id)
            if (other is not None and other is not story and len(other.members) >= least
                    and self._mergeable(other, story) and self._is_chinese(other)):
                found.append(other)
        return found

    def _keys(self, story: _StoryState) -> set[str]:
        least = max(2, self.config.key_share * story.titled)
        return {t for t, n in story.title_terms.items() if n >= least}

    def _merge_same_keys(self, story: _StoryState) -> None:
        """Merge a grown story with a live one whose reports' titles share its keys (a name and
        a word of what happened): one event whose first reports started two stories."""
        config = self.config
        keys = self._keys(story)
        if len(keys) < config.key_terms:
            return
        profile = _unit(story.centroid)
        for other_id in self._candidates(story.indexed_terms[: config.probe_terms], config.max_candidates // 4 + 1):
            other = self.stories.get(other_id)
            if other is None or other is story or other.titled < config.key_reports or not self._mergeable(other, story):
                continue
            shared = keys & self._keys(other)
            if len(shared) < config.key_terms or len({self._is_name(t) for t in shared}) < 2:
                continue
            if self._similarity(profile, other) < config.key_similarity:
                continue
            big, small = (story, other) if _rank(story) > _rank(other) else (other, story)
            self._absorb(big, small)
            return

    def _absorb(self, big: _StoryState, small: _StoryState) -> None:
        big.members.extend(small.members)
        big.event_weights = big.chinese = None
        big.title_terms.update(small.title_terms)
        big.titled += small.titled
        big.outlets |= small.outlets
        big.mixed += small.mixed
        if self.config.member_vectors:
            big.member_vectors = (big.member_vectors + small.member_vectors)[-self.config.member_vectors:]
        if small.lede is not None:
            big.lede = small.lede if big.lede is None else big.lede + small.lede
            big.lede_terms.update(small.lede_terms)
            big.ledes += small.ledes
        big.first, big.last = min(big.first, small.first), max(big.last, small.last)
        if small.series:
            big.series = {**small.series, **(big.series or {})}
        # The survivor's core takes the absorbed core's reports while it has room.
        if big.core < self.config.core_size:
            for term, weight in small.centroid.items():
                big.centroid[term] = big.centroid.get(term, 0.0) + weight
            big.centroid = _trim(big.centroid, self.config.story_terms)
            if small.meaning is not None:
                big.meaning = small.meaning if big.meaning is None else big.meaning + small.meaning
                self._meanings.set(big.id, big.meaning)
            self._set_norms(big)
            big.titles.extend(small.titles)
            big.heads.extend(small.heads[: self.config.core_size - big.core])
            big.figures = None
            big.title_words |= small.title_words
            big.core = min(self.config.core_size, big.core + small.core)
        for member in small.members:
            fingerprint = self._fingerprints.get(member.article_id)
            if fingerprint is not None:
                fingerprint.story_id = big.id
        self._unindex(small.id, small.indexed_terms)
        self._meanings.remove(small.id)
        del self.stories[small.id]
        self._merged_into[small.id] = big.id
        self._pending_merges.append((small.id, big.id))
        if self.event_model is not None:
            self._relink.add(big.id)
        self._reindex(big)

    def _unindex(self, story_id: str, terms: Iterable[str]) -> None:
        for term in terms:
            postings = self._postings.get(term)
            if postings is not None:
                postings.pop(story_id, None)
                if not postings:
                    del self._postings[term]

    def _reindex(self, story: _StoryState) -> None:
        top = tuple(sorted(story.centroid, key=story.centroid.__getitem__, reverse=True)[: self.config.probe_terms * 2])
        self._unindex(story.id, set(story.indexed_terms) - set(top))
        for term in top:
            postings = self._postings.setdefault(term, {})
            postings.pop(story.id, None)  # the story goes to the end (the newest) ...
            postings[story.id] = None
            while len(postings) > self.config.posting_limit:
                del postings[next(iter(postings))]  # ... and the oldest go
        story.indexed_terms = top
