"""Where the bench scripts (and the tests) find the shared corpus: where the package does.

`newsmirror demo` looks at ``$NEWSMIRROR_CORPUS``, else ../shared/corpus from the working directory, then beside
the source checkout it runs from (``settings.demo_corpus_candidates``); without the variable, beside this tree too
(the package imported may be installed from another checkout). The corpus is third-party data, read in place.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VARIABLE = "NEWSMIRROR_CORPUS"


def corpus_candidates() -> list[Path]:
    """Every folder looked at, first match wins."""
    # Imported here, not with this module: a script imports bench modules before it puts its own tree's src
    # first on the path (bench.extract_eval), and must not have imported an installed newsmirror by then.
    from newsmirror.settings import demo_corpus_candidates

    candidates = demo_corpus_candidates()
    if not os.environ.get(VARIABLE):
        candidates.append(REPO.parent / "shared" / "corpus")
    return list(dict.fromkeys(path.absolute() for path in candidates))


def find_corpus() -> Path | None:
    return next((path for path in corpus_candidates() if path.is_dir()), None)


def missing_corpus(tried: list[Path]) -> str:
    """Why no corpus was found, said as a user reads it: where it was looked for and how to name it."""
    where = " or ".join(str(path) for path in tried)
    how = (f"${VARIABLE} names it" if os.environ.get(VARIABLE) else
           f"the project's shared/corpus folder beside the repository, or set ${VARIABLE}")
    return f"the shared corpus is missing: looked for it at {where} ({how})"


def require_corpus(given: Path | None = None) -> Path:
    """``given`` (a script's --corpus) or the corpus where the package finds it; exits with `missing_corpus`'s
    message when it is not a folder (a bench run needs it whole: no skipping)."""
    if given is not None:
        if given.is_dir():
            return given
        raise SystemExit(f"the shared corpus is missing: --corpus {given} is not a folder")
    found = find_corpus()
    if found is None:
        raise SystemExit(missing_corpus(corpus_candidates()) + "; or pass --corpus PATH")
    return found
