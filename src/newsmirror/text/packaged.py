"""The rows of a table shipped with the package (``text/*.tsv``): one reader for the tables whose lines are
tab-separated fields with ``#`` comments and blank lines between (glosses, name usage, namings)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def packaged_rows(name: str) -> Iterator[list[str]]:
    """The tab-separated fields of each line of the packaged table ``name``, comments and blank lines left out."""
    text = resources.files("newsmirror.text").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")
