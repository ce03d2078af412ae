"""Script folding: OpenCC's Traditional-to-Simplified folds, with its few wrong ones corrected."""

from __future__ import annotations

import subprocess
from pathlib import Path

import opencc
import pytest

from newsmirror.text.normalize import normalize
from newsmirror.text.script import GB2312_FOLDS, convert
from newsmirror.text.search_key import parse_query, search_key


def test_shinohara_in_either_script_is_one_name() -> None:
    # OpenCC folds 篠 to the rare 筿; Simplified text writes the name 筱原.
    assert normalize("篠原涼子") == normalize("筱原凉子") == "筱原凉子"
    assert convert("篠田", "t2s") == convert("篠田", "hk2s") == "筱田"
    query = parse_query("篠原").terms[0].variant_tokens
    assert ["筱原"] in query and "筱原" in search_key("筱原凉子").split()


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _st_table(tmp_path: Path) -> dict[str, set[str]]:
    """Traditional character -> the Simplified characters OpenCC's ST table gives it as the
    Traditional form of (read with the opencc_dict tool the package ships)."""
    clib = Path(opencc.__file__).parent / "clib"
    tool, table = clib / "bin" / "opencc_dict", clib / "share" / "opencc" / "STCharacters.ocd2"
    if not tool.exists() or not table.exists():
        pytest.skip("this OpenCC build ships no opencc_dict tool or no STCharacters table")
    text = tmp_path / "st.txt"
    subprocess.run([str(tool), "-i", str(table), "-o", str(text), "-f", "ocd2", "-t", "text"], check=True)
    simplified_of: dict[str, set[str]] = {}
    for line in text.read_text(encoding="utf-8").splitlines():
        simplified, traditional = line.split("\t")
        for char in traditional.split(" "):
            simplified_of.setdefault(char, set()).add(simplified)
    return simplified_of


def test_no_fold_leaves_gb2312_where_opencc_knows_a_form_inside_it(tmp_path: Path) -> None:
    """The rule ``GB2312_FOLDS`` was found by: a character folded to one outside GB2312 while
    OpenCC's own ST table lists another Simplified form of it inside GB2312. Raw OpenCC breaks it
    exactly for the corrected characters; corrected, nothing does (a new OpenCC release adding
    such a fold fails here)."""
    simplified_of = _st_table(tmp_path)
    chars = [chr(c) for c in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00)]]
    for variant in ("t2s", "tw2sp"):
        raw = opencc.OpenCC(variant)
        broken, fixed = set(), set()
        for char in chars:
            inside = {s for s in simplified_of.get(char, ()) if _in_gb2312(s)}
            for folded, found in ((raw.convert(char), broken), (convert(char, variant), fixed)):  # type: ignore[arg-type]
                if folded != char and len(folded) == 1 and not _in_gb2312(folded) and inside - {folded}:
                    found.add(char)
        assert broken == set(GB2312_FOLDS), variant
        assert not fixed, variant
