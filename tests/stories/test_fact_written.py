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


def test_a_group_naming_more_than_half_the_compared_outlets_is_not_said_as_only_them() -> None:
    fact = _fact({}, {"沃尔特": ["中央社", "法广", "联合早报"], "韦尔希宁": ["中央社"]})
    # Three of five outlets give 沃尔特: "只有中央社、法广、联合早报提到" says nothing; one of five is said.
    assert fact.detail_groups(among=5) == [(["中央社"], ["韦尔希宁"])]
    # Of six, three are half: said.
    assert fact.detail_groups(among=6) == [(["中央社"], ["韦尔希宁"]), (["中央社", "法广", "联合早报"], ["沃尔特"])]
    assert len(fact.detail_groups()) == 2  # without the count, every group (the comparison's data)


def test_a_spelling_found_in_the_text_begins_and_ends_on_a_letter() -> None:
    from newsmirror.stories.compare import _written_as
    from newsmirror.text.normalize import normalize

    term = normalize("肯亞")
    text = "非洲國家中，肯亞與南非採用華為設備。"
    assert _written_as(term, text) == "肯亞"


def test_a_given_name_is_shown_with_the_rest_of_its_dotted_name() -> None:
    from newsmirror.stories.compare import _written_as
    from newsmirror.text.normalize import normalize

    # 沃尔特 of 沃尔特·里德 (reader79): a given name alone is a cut name; a name's last part is shown as written.
    assert _written_as(normalize("沃尔特"), "特朗普被移送至马里兰州的沃尔特·里德国家军事医疗中心。") == "沃尔特·里德"
    assert _written_as(normalize("丹尼尔"), "国民警卫队局长丹尼尔·霍坎森将军表示已隔离。") == "丹尼尔·霍坎森"
    assert _written_as(normalize("特朗普"), "唐纳德·特朗普周五表示。") == "特朗普"
    # jieba cuts 布隆|伯格: the part is not taken where a transliteration character follows the word (a cut name again).
    assert _written_as(normalize("迈克尔"), "前纽约市长迈克尔·布隆伯格将在密西西比州投票。") == "迈克尔"
    # review60: the next part is measured on the written text; the alias table folds 川普 (2) into 特朗普 (3).
    assert _written_as(normalize("伊万卡"), "伊万卡·川普说她会去。") == "伊万卡·川普"
