"""text.name_forms: one name written two ways (the mined glosses' Latin and Han forms, two transliterations of one
name) read as one term by grouping. Constructed strings, from no labelled day."""

from __future__ import annotations

from newsmirror.text.name_forms import fold_latin_names, forms_of_rows, han_forms, latin_forms, mostly_latin


def test_two_transliterations_of_one_full_name_read_as_one_form() -> None:
    # David Stilwell: 史达伟 (most posts) and 史迪威; Anthony Fauci: 佛奇 and 福奇.
    forms = han_forms()
    assert forms.get("史迪威", "史迪威") == forms.get("史达伟", "史达伟")
    assert forms.get("福奇", "福奇") == forms.get("佛奇", "佛奇")


def test_a_name_in_no_gloss_or_a_common_word_is_never_folded() -> None:
    forms = han_forms()
    assert "没有这个名字" not in forms
    assert "上市" not in forms  # glossed IPO, but a verb by jieba's dictionary


def test_a_latin_name_reads_as_its_han_form_and_an_acronym_shared_by_several_bodies_as_none() -> None:
    latin = latin_forms()
    assert latin["who"] == "世卫组织"
    assert latin["david stilwell"] == han_forms().get("史迪威", "史迪威")
    assert "cdc" not in latin  # the CDC of several countries: no Han form has most of its posts


def test_a_latin_name_is_folded_only_where_written_as_a_name() -> None:
    folded = fold_latin_names("WHO臉書封鎖留言，David Stilwell表示")
    assert "世卫组织" in folded and "David" not in folded
    # An English "who" or a sentence's first "Who" is no organisation.
    assert "世卫组织" not in fold_latin_names("Who are the winners? People who vote.")


def test_mostly_latin() -> None:
    assert mostly_latin("What the world wants from Joe Biden")
    assert not mostly_latin("WHO臉書封鎖挺台留言 外交部指示駐處提出抗議")


def test_a_form_written_far_more_often_than_glossed_neither_folds_nor_is_folded_into() -> None:
    # Constructed rows (Han name, Latin name, posts glossing it, outlets, posts writing it): 美国 glossed New America
    # in 3 posts of 21,750 that write it (a piece of 新美国), 美国基金会 in 4 of 40; two transliterations of David
    # Stilwell, each glossed in a fair share of the posts writing it; 马云, written in 435 posts, glossed Jack Ma in 3.
    rows = [("美国", "new america", "3", "2", "21750"), ("美国基金会", "new america", "4", "2", "40"),
            ("史达伟", "david stilwell", "30", "5", "200"), ("史迪威", "david stilwell", "10", "3", "120"),
            ("马云", "jack ma", "3", "2", "435")]
    han, latin = forms_of_rows(rows)
    assert "美国" not in han  # read as 美国基金会 (a rare, heavy term) in every report naming the country, before
    assert latin["new america"] == "美国基金会"
    assert han["史迪威"] == "史达伟" and latin["david stilwell"] == "史达伟"
    assert latin["jack ma"] == "马云"  # a Latin name may still read as a name most posts write unglossed
    # Had 美国 been glossed as often as 美国基金会 (as by a tie) it would be the class's form: nothing folds into it
    # unless it is glossed enough.
    tied = [("美国", "new america", "4", "2", "21750"), ("美国基金会", "new america", "4", "2", "40")]
    assert forms_of_rows(tied)[0] == {}
