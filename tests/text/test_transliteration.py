"""text.transliteration: the transducer fitted on the archive's glosses reads a Han transliteration and a Latin word as
one name where the hand consonant rules (phonetic.reads_as) do not, and not two names."""

from newsmirror.text.phonetic import reads_as
from newsmirror.text.transliteration import (
    Model,
    foreign_by_characters,
    latin_candidates,
    latin_letters,
    pinyin_letters,
    reads_by_sound,
    reads_in_fact,
    score,
    spelt_otherwise_in_fact,
)


def test_names_the_consonant_rules_miss_read_as_their_originals() -> None:
    assert not reads_as("克里斯托弗", "christopher")  # ch read as z by the classes
    assert reads_by_sound("克里斯托弗雷", "christopher wray")  # the full name against the full name
    assert reads_by_sound("特恩布尔", "malcolm turnbull")
    assert reads_by_sound("萨克拉门托", "sacramento")


def test_other_names_and_short_ones_do_not() -> None:
    assert not reads_by_sound("克里斯托弗", "malcolm turnbull")
    assert not reads_by_sound("蓬佩奥", "police")
    assert not reads_by_sound("贝利", "nabih berri")  # two characters: matched by chance too often
    assert not reads_by_sound("格鲁乌", "gru")  # a Latin word under five letters
    assert not reads_by_sound("经济学", "economics")  # a common word is no transliteration
    assert not reads_by_sound("博雷尔", "boris johnson")  # a given name alone (Borrell is no Boris)
    assert not reads_by_sound("布拉格", "borut pahor")  # a place the dictionary knows (Prague)
    assert not reads_by_sound("亚利桑", "harrison")  # the first sound differs (y, h)


def test_letters_of_each_script() -> None:
    assert pinyin_letters("吕·克") == "lvke"
    assert latin_letters("Šťastný") == "stastny"


def test_the_score_prefers_an_aligned_pair() -> None:
    model = Model(sub={("a", "a"): 0.4, ("a", "b"): 0.01}, pinyin_only={"a": 0.05}, latin_only={"a": 0.05, "b": 0.05},
                  end=0.2, pinyin_apart={"a": 0.5, "$": 0.5}, latin_apart={"a": 0.25, "b": 0.25, "$": 0.5})
    assert score("aa", "aa", model) > score("aa", "bb", model)


def test_a_latin_name_of_several_words_is_read_by_its_surname_or_whole() -> None:
    assert latin_candidates("Christopher Wray") == ["christopherwray"]  # wray is under five letters
    assert latin_candidates("Malcolm Turnbull") == ["turnbull", "malcolmturnbull"]
    assert latin_candidates("Sacramento") == ["sacramento"]


def test_two_spellings_of_one_name_read_as_each_other() -> None:
    from newsmirror.text.transliteration import read_alike

    assert read_alike("蓬佩奥", "庞皮欧")  # Pompeo: peng-pei-ao, pang-pi-ou
    assert not read_alike("中央社", "显微镜")
    assert not read_alike("塔莫林", "德米伦")


def test_two_writings_of_one_foreign_name_in_one_fact() -> None:
    # By the transducer, both foreign by their characters, the first sound kept.
    assert spelt_otherwise_in_fact("戴维斯", "戴韦兹")
    assert not spelt_otherwise_in_fact("李运腾", "李国能")  # Chinese names: not transliterations
    assert not spelt_otherwise_in_fact("白宫", "拜登")  # a word of the language
    assert not spelt_otherwise_in_fact("维斯", "戴维斯")  # a piece of the other
    assert reads_in_fact("贝利", "Mateo Belli")  # two syllables, the last word
    assert not reads_in_fact("马特", "Mateo Belli")  # never a given name alone
    assert foreign_by_characters("奥夫拉多尔") and not foreign_by_characters("中央社")
