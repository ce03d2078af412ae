""""Only X names N" is not said of a Latin name another outlet writes in a near form: an inflection, spacing,
punctuation, diacritics or one typing slip of one word (session 74, latin74; issue 14): ``text.latin_near``, read by
``_names_in`` and ``_writes_gloss`` (``LATIN_NEAR_FORMS``). Own examples, constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from newsmirror.text.latin_near import writes_near
from newsmirror.text.normalize import normalize
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")

_REPORT = "周二表示，市议会将投票决定是否与台北市缔结姐妹城市关系，预计下月生效。"
_GIVER = "市长布雷兹尼（{}）" + _REPORT


def _claimed(own: str, other: str) -> set[str]:
    return _only([_article("甲报", _GIVER.format(own)), _article("乙社", f"市长{other}{_REPORT}")], "甲报")


@pytest.mark.parametrize(("own", "other"), [
    ("Radovan Kostelnys", "Radovan Kostelny"),  # an inflection
    ("Radovan Kostelny", "Radovan Kostelney"),  # one letter added in one word
    ("Radovan Kostelny", "Radovan Kotselny"),  # two neighbours swapped
    ("Radovan Kostelny", "Radovan Kostel Ny"),  # a space added
])
def test_a_latin_name_written_with_one_slip_is_the_same_name(monkeypatch: pytest.MonkeyPatch, own: str, other: str) -> None:
    assert own not in _claimed(own, other)
    monkeypatch.setattr(compare, "LATIN_NEAR_FORMS", False)  # main before this session: only the exact forms
    assert own in _claimed(own, other)


def test_two_slips_or_no_latin_name_leave_the_claim() -> None:
    assert "Radovan Kostelny" in _claimed("Radovan Kostelny", "Radovam Kostelney")  # two words differ: two names
    assert "Radovan Kostelny" in _claimed("Radovan Kostelny", "")


def test_the_bound_of_a_near_form() -> None:
    def near(name: str, text: str) -> bool:
        return writes_near(name, normalize(text))

    assert near("Webster Groves", "韦伯斯特·格罗夫(Webster Grove)地区")  # -s
    assert near("Karen C.Hermann", "律师Karen C. Hermann表示")  # punctuation and spacing
    assert near("Saint Etienne", "在Saint-Étienne长大")  # diacritics, a hyphen
    assert near("McDonald", "Mc Donald公司")  # a space added
    assert near("Montpellier", "蒙彼利埃（Montepellier）")  # one letter added
    assert near("Hermann", "Hermnan")  # two neighbours swapped
    assert not near("Hu", "Hus")  # a short word: no slip read
    assert not near("Kerr", "Karr")  # one edit in a word shorter than 5 letters
    assert not near("Jon Smith", "Jan Smyth")  # two words differ
    assert not near("Montpellier", "Nontpellier")  # the first letter differs
    assert not near("Montpellier", "Montpellerie")  # two edits
    assert not near("Webster Groves", "Webster在Groves")  # not one run of Latin words
    assert not near("Brezny", "Breznyak")  # a whole word only
