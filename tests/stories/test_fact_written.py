from newsmirror.stories.comparison import Fact, SentenceRef


def _fact(spellings: dict[str, dict[str, str]], details: dict[str, list[str]]) -> Fact:
    refs = [SentenceRef("a", outlet, 0, "") for outlet in ("中央社", "法广", "联合早报")]
    return Fact(refs, details=details, spellings=spellings)


def test_one_outlets_detail_is_shown_as_it_writes_it() -> None:
    fact = _fact({"鲁坚科": {"中央社": "魯登科"}}, {"鲁坚科": ["中央社"]})
    assert fact.detail_groups() == [(["中央社"], ["魯登科"])]


def test_a_detail_several_outlets_give_shows_each_spelling_once_whatever_the_script() -> None:
    fact = _fact({"鲁坚科": {"中央社": "魯登科", "法广": "鲁坚科", "联合早报": "鲁登科"}},
                 {"鲁坚科": ["中央社", "法广", "联合早报"]})
    # 鲁登科 is 魯登科 in Simplified script: one spelling, not two.
    assert fact.written("鲁坚科", ["中央社", "法广", "联合早报"]) == "魯登科/鲁坚科"
    assert fact.written("鲁坚科", ["法广", "联合早报"]) == "鲁坚科/鲁登科"


def test_a_detail_with_no_spelling_found_is_shown_in_its_common_form() -> None:
    fact = _fact({}, {"韦尔希宁": ["中央社", "法广"]})
    assert fact.detail_groups() == [(["中央社", "法广"], ["韦尔希宁"])]
