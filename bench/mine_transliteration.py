"""Fit ``newsmirror/text/transliteration.tsv``: a stochastic edit distance between a Han name's toneless pinyin
and a Latin word (``newsmirror.text.transliteration``), learned from the archive's own glosses.

The only input is the shipped ``glosses.tsv`` (``bench/mine_glosses.py``): it already leaves out everything the
miners leave out (the held-out, test and fresh days +-3, every file of every only-X sample), so this table does too.

1. Candidates: each glosses row whose Han name is 2 to 8 Han characters, against each word of its Latin name of
   3 letters or more and, for names of two or three words, the words run together (迈克蓬佩奥: mikepompeo).
2. Self-training: start from a transducer that prefers a letter emitted with itself; score every candidate; keep each
   row's best candidate when its score (``transliteration.score``: the log-likelihood ratio per letter) is above 0
   (more likely one name than two strings drawn apart: most translations, 世卫组织 of who, fall out); re-estimate
   by EM (forward-backward, ``EM_STEPS``) on the kept pairs; ``ROUNDS`` times.
3. ``--evaluate``: five folds of the rows (by a hash of the Han name). On each, fit on four folds and score the
   fifth's pairs: positives, the rows whose Han name is a foreign name by ``phonetic``'s test (a run of
   transliteration characters, or a word the dictionary tags nr/nrt/ns) and whose Latin name is one word of 4
   letters or more; negatives, the same Han name against ``NEGATIVES`` other rows' one-word Latin names. The
   threshold is fitted on the four training folds (the lowest whose false-match rate is at most ``FALSE_RATE``)
   and applied to the fifth; precision and recall by the Han name's length, the scorer alone and as
   ``reads_by_sound`` asks it (its sizes, no place, the first sound alike), beside ``phonetic.reads_as`` on the same pairs. The shipped ``THRESHOLD`` is the mean of the five folds' thresholds.

    python bench/mine_transliteration.py [--out src/newsmirror/text/transliteration.tsv]
    python bench/mine_transliteration.py --as-shipped      # the shipped table, byte for byte
    python bench/mine_transliteration.py --evaluate

Deterministic: rows in the table's order, a fixed seed for negatives, sums in a fixed order.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsmirror.text.packaged import packaged_rows  # noqa: E402
from newsmirror.text.phonetic import _FOREIGN_NAME_TAGS, _RUN, reads_as, same_first_sound  # noqa: E402
from newsmirror.text.tokenize import pos_tokenizer  # noqa: E402
from newsmirror.text.transliteration import (  # noqa: E402
    END,
    MIN_LETTERS,
    MIN_SYLLABLES,
    Model,
    latin_letters,
    may_be_person,
    pinyin_letters,
    score,
)

SHIPPED = REPO / "src" / "newsmirror" / "text" / "transliteration.tsv"
ROUNDS = 4
EM_STEPS = 4
FOLDS = 5
NEGATIVES = 10
FALSE_RATE = 0.002
SMOOTH = 0.01  # added to every expected count (no probability is zero)
PINYIN = "abcdefghijklmnopqrstuvwxyz"
LATIN = "abcdefghijklmnopqrstuvwxyz"
DIGITS = 6


def rows() -> list[tuple[str, str]]:
    # glosses.tsv has a fifth column since session 56 (posts writing the Han form); only the pair is read here
    return [(row[0], row[1]) for row in packaged_rows("glosses.tsv")]


def candidates(han: str, latin: str) -> list[tuple[str, str]]:
    if not (2 <= len(han) <= 8 and all("\u3400" <= c <= "\u9fff" for c in han)):
        return []
    x = pinyin_letters(han)
    words = [w for w in (latin_letters(word) for word in latin.split()) if w]
    out = [(x, w) for w in words if len(w) >= 3]
    if 2 <= len(words) <= 3:
        out.append((x, "".join(words)))
    return out


def initial_model() -> Model:
    sub = {(a, b): (1.0 if a == b else 0.02) for a in PINYIN for b in LATIN}
    return _normalized(sub, dict.fromkeys(PINYIN, 0.3), dict.fromkeys(LATIN, 0.3), 1.0, *_apart([]))


def _apart(pairs: list[tuple[str, str]]) -> tuple[dict[str, float], dict[str, float]]:
    counts_x: dict[str, float] = defaultdict(lambda: SMOOTH)
    counts_y: dict[str, float] = defaultdict(lambda: SMOOTH)
    for x, y in pairs:
        for c in x:
            counts_x[c] += 1
        for c in y:
            counts_y[c] += 1
        counts_x[END] += 1
        counts_y[END] += 1
    out = []
    for counts, alphabet in ((counts_x, PINYIN), (counts_y, LATIN)):
        keys = [*alphabet, END]
        total = sum(counts[k] for k in keys)
        out.append({k: counts[k] / total for k in keys})
    return out[0], out[1]


def _normalized(sub: dict[tuple[str, str], float], xo: dict[str, float], yo: dict[str, float], end: float,
                xa: dict[str, float], ya: dict[str, float]) -> Model:
    total = sum(sub.values()) + sum(xo.values()) + sum(yo.values()) + end
    return Model({k: v / total for k, v in sub.items()}, {k: v / total for k, v in xo.items()},
                 {k: v / total for k, v in yo.items()}, end / total, xa, ya)


def em_step(pairs: list[tuple[str, str]], model: Model) -> Model:
    """One forward-backward pass: expected counts of every edit over ``pairs``, renormalized."""
    sub = {(a, b): SMOOTH for a in PINYIN for b in LATIN}
    xo = dict.fromkeys(PINYIN, SMOOTH)
    yo = dict.fromkeys(LATIN, SMOOTH)
    end = SMOOTH
    ps, pxo, pyo = model.sub, model.pinyin_only, model.latin_only
    for x, y in pairs:
        n, m = len(x), len(y)
        f = [[0.0] * (m + 1) for _ in range(n + 1)]
        f[0][0] = 1.0
        for i in range(n + 1):
            for j in range(m + 1):
                if i == j == 0:
                    continue
                v = 0.0
                if i:
                    v += f[i - 1][j] * pxo[x[i - 1]]
                if j:
                    v += f[i][j - 1] * pyo[y[j - 1]]
                if i and j:
                    v += f[i - 1][j - 1] * ps[(x[i - 1], y[j - 1])]
                f[i][j] = v
        total = f[n][m] * model.end
        if total <= 0:
            continue
        b = [[0.0] * (m + 1) for _ in range(n + 1)]
        b[n][m] = model.end
        for i in range(n, -1, -1):
            for j in range(m, -1, -1):
                if i == n and j == m:
                    continue
                v = 0.0
                if i < n:
                    v += pxo[x[i]] * b[i + 1][j]
                if j < m:
                    v += pyo[y[j]] * b[i][j + 1]
                if i < n and j < m:
                    v += ps[(x[i], y[j])] * b[i + 1][j + 1]
                b[i][j] = v
        end += 1.0
        for i in range(n + 1):
            for j in range(m + 1):
                here = f[i][j] / total
                if here == 0:
                    continue
                if i < n:
                    xo[x[i]] += here * pxo[x[i]] * b[i + 1][j]
                if j < m:
                    yo[y[j]] += here * pyo[y[j]] * b[i][j + 1]
                if i < n and j < m:
                    sub[(x[i], y[j])] += here * ps[(x[i], y[j])] * b[i + 1][j + 1]
    return _normalized(sub, xo, yo, end, model.pinyin_apart, model.latin_apart)


def fit(table: list[tuple[str, str]], log: bool = False) -> tuple[Model, list[tuple[str, str]]]:
    """Self-training (see the module's step 2): the model and the pairs it was last fitted on."""
    model = initial_model()
    by_row = [c for c in (candidates(han, latin) for han, latin in table) if c]
    # The letters apart: over every candidate's strings (one per row: its first), fixed through the rounds.
    xa, ya = _apart([c[0] for c in by_row])
    model = Model(model.sub, model.pinyin_only, model.latin_only, model.end, xa, ya)
    kept: list[tuple[str, str]] = []
    for round_ in range(ROUNDS):
        kept = []
        for cands in by_row:
            best = max(cands, key=lambda c: score(c[0], c[1], model))
            if score(best[0], best[1], model) > 0:
                kept.append(best)
        for _ in range(EM_STEPS):
            model = em_step(kept, model)
        if log:
            print(f"round {round_ + 1}: {len(kept)} of {len(by_row)} rows kept", file=sys.stderr)
    return model, kept


def table_lines(model: Model) -> list[str]:
    def fmt(p: float) -> str:
        return f"{p:.{DIGITS}g}"

    lines = [
        "# A stochastic edit distance between a Han name's toneless pinyin and a Latin word (newsmirror.text.transliteration),",
        "# fitted by bench/mine_transliteration.py on the shipped glosses.tsv (its leave-outs are this table's).",
        "# kind\tpinyin\tlatin\tprobability (sub: the two together; pinyin, latin: one alone; end; *-apart: letters drawn apart)",
    ]
    for (a, b), p in sorted(model.sub.items()):
        lines.append(f"sub\t{a}\t{b}\t{fmt(p)}")
    for a, p in sorted(model.pinyin_only.items()):
        lines.append(f"pinyin\t{a}\t\t{fmt(p)}")
    for b, p in sorted(model.latin_only.items()):
        lines.append(f"latin\t\t{b}\t{fmt(p)}")
    lines.append(f"end\t\t\t{fmt(model.end)}")
    for a, p in sorted(model.pinyin_apart.items()):
        lines.append(f"pinyin-apart\t{a}\t\t{fmt(p)}")
    for b, p in sorted(model.latin_apart.items()):
        lines.append(f"latin-apart\t\t{b}\t{fmt(p)}")
    return lines


def _fold(han: str) -> int:
    return int(hashlib.sha1(han.encode()).hexdigest(), 16) % FOLDS


def _foreign(han: str) -> bool:
    return _RUN.fullmatch(han) is not None or pos_tokenizer().word_tag_tab.get(han) in _FOREIGN_NAME_TAGS


def eval_pairs(table: list[tuple[str, str]], seed: int) -> list[tuple[str, str, bool]]:
    """Positives and negatives (the module's step 3) of ``table``'s rows."""
    ones = [(han, latin) for han, latin in table
            if 2 <= len(han) <= 8 and all("\u3400" <= c <= "\u9fff" for c in han) and " " not in latin
            and len(latin_letters(latin)) >= 4 and _foreign(han)]
    words = sorted({latin_letters(latin) for _han, latin in ones})
    rng = random.Random(seed)
    out = []
    for han, latin in ones:
        word = latin_letters(latin)
        out.append((han, word, True))
        others = [other for other in rng.sample(words, NEGATIVES + 1) if other != word]
        out.extend((han, other, False) for other in others[:NEGATIVES])
    return out


def fitted_threshold(model: Model, pairs: list[tuple[str, str, bool]]) -> float:
    negatives = sorted((score(pinyin_letters(h), w, model) for h, w, pos in pairs if not pos), reverse=True)
    allowed = int(FALSE_RATE * len(negatives))
    return negatives[allowed] + 1e-6 if negatives else 0.0


def evaluate(table: list[tuple[str, str]]) -> None:
    thresholds = []
    # han, word, positive, the scorer, the scorer as reads_by_sound asks it (sizes, a person, the first sound), reads_as
    results: list[tuple[str, str, bool, bool, bool, bool]] = []
    for k in range(FOLDS):
        train = [r for r in table if _fold(r[0]) != k]
        test = [r for r in table if _fold(r[0]) == k]
        model, kept = fit(train)
        threshold = fitted_threshold(model, eval_pairs(train, seed=k))
        thresholds.append(threshold)
        pairs = eval_pairs(test, seed=100 + k)
        print(f"fold {k}: {len(train)} training rows, {len(kept)} pairs fitted; threshold {threshold:.3f}; "
              f"{sum(p for *_, p in pairs)} positives, {sum(not p for *_, p in pairs)} negatives held out", flush=True)
        for han, word, positive in pairs:
            s = score(pinyin_letters(han), word, model)
            gated = (len(han) >= MIN_SYLLABLES and len(word) >= MIN_LETTERS and may_be_person(han)
                     and same_first_sound(han, word))
            results.append((han, word, positive, s >= threshold, s >= threshold and gated, reads_as(han, word)))
    print(f"thresholds {', '.join(f'{t:.3f}' for t in thresholds)}; mean {sum(thresholds) / len(thresholds):.3f}")
    print("\n| Han name's characters | held-out positives / negatives | scorer R / P | scorer as used (3+ characters, 5+ letters, no place, the first sound) R / P | reads_as R / P |")
    print("|---|---|---|---|---|")
    for label, test in (("2", lambda n: n == 2), ("3", lambda n: n == 3), ("4", lambda n: n == 4),
                        ("5+", lambda n: n >= 5), ("all", lambda n: True)):
        sel = [r for r in results if test(len(r[0]))]
        pos = [r for r in sel if r[2]]
        neg = [r for r in sel if not r[2]]
        cells = []
        for col in (3, 4, 5):
            tp = sum(r[col] for r in pos)
            fp = sum(r[col] for r in neg)
            precision = f"{tp / (tp + fp):.3f}" if tp + fp else "-"
            cells.append(f"{tp / len(pos):.3f} ({tp}/{len(pos)}) / {precision} ({fp} false)" if pos else "-")
        print(f"| {label} | {len(pos)} / {len(neg)} | {' | '.join(cells)} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SHIPPED)
    parser.add_argument("--as-shipped", action="store_true", help="check the shipped table is what this script writes")
    parser.add_argument("--evaluate", action="store_true", help="held-out folds: precision and recall beside reads_as")
    args = parser.parse_args()
    table = rows()
    if args.evaluate:
        evaluate(table)
        return 0
    model, kept = fit(table, log=True)
    text = "\n".join(table_lines(model)) + "\n"
    if args.as_shipped:
        same = SHIPPED.read_text(encoding="utf-8") == text
        print("the shipped table, byte for byte" if same else "DIFFERS from the shipped table")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(kept)} pairs fitted", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
