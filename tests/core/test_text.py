"""Normalisation that matching and answer checking rely on."""

import pytest

from bot.core.model import Alias
from bot.core.text import AliasTable, compact, normalize, number_value, tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("René Liu", "rene liu"),
        ("RENE   LIU", "rene liu"),
        ("Us & Them", "us and them"),
        ("Us n Them", "Us and Them"),
        ("Jianqing’s father", "jianqing's father"),
        ("Jianqing's father", "jianqing father"),
        ("“We”", '"we"'),
        ("who directed it???", "who directed it"),
        ("six layers", "6 layers"),
        ("twenty-two", "22"),
        ("the fifty-fifth golden horse awards", "the 55th golden horse awards"),
        ("209 million dollars", "$209 million"),
        ("$ 209 million", "$209 million"),
        ("100 percent", "100%"),
        ("224,453", "224453"),
        ("minus 30", "-30"),
        ("-30°C", "-30"),
        ("Mark Lee Ping-bing", "mark lee ping bing"),
    ],
)
def test_variants_normalise_to_the_same_text(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$209 million", "$290 million"),
        ("2017", "2018"),
        ("5.9", "59"),
        ("5.9/10", "6.3"),
        ("2018-04-28", "2018-04-23"),
        ("-30", "30"),
    ],
)
def test_numbers_stay_distinct(a: str, b: str) -> None:
    assert normalize(a) != normalize(b)


def test_number_punctuation_is_kept_but_sentence_punctuation_dropped() -> None:
    assert normalize("It scored 5.9/10. Wow!") == "it scored 5.9/10 wow"
    assert normalize("Released: 2018-04-28.") == "released 2018-04-28"
    assert normalize("$88.8 million, 100%.") == "$88.8 million 100%"


def test_control_characters_and_cjk() -> None:
    assert normalize("Xiaoxiao\x00\x1b Fang\u200b\t\n") == "xiaoxiao fang"
    # Chinese: Traditional folded to Simplified, one word per character (no spaces in Chinese)
    assert normalize("后来的我们") == normalize("後來的我們") == "后 来 的 我 们"
    assert normalize("後來的我們的導演是誰？") == "后 来 的 我 们 的 导 演 是 谁"
    assert normalize("   ") == ""


def test_tokens_and_compact() -> None:
    assert tokens("Who's Xiao-Xiao?") == ["who", "xiao", "xiao"]
    assert compact("Xiao Xiao") == compact("Xiaoxiao") == compact("xiao-xiao")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("six", 6.0),
        ("6", 6.0),
        ("$209 million", 209_000_000.0),
        ("5.9/10", 5.9),
        ("100%", 100.0),
        ("six critics", 6.0),
        ("minus 40", -40.0),
        ("Rene Liu", None),
        ("2018-04-28", None),
    ],
)
def test_number_value(text: str, value: float | None) -> None:
    assert number_value(text) == value


@pytest.fixture
def table() -> AliasTable:
    aliases = [
        Alias("Fang Xiaoxiao", "character", ("Xiaoxiao", "Xiao Xiao", "Xiaoxiao Fang")),
        Alias("Jianqing's father", "character", ("Jianqing's dad",)),
        Alias("Rene Liu", "person", ("René Liu", "Rene")),
        Alias("Eason Chan", "person", ("Eason",)),
        Alias("Chinese New Year", "term", ("New Year",)),
    ]
    return AliasTable.build(aliases, film_title="Us and Them", film_references=["the movie", "it"])


def test_alias_spacing_variants_map_to_one_name(table: AliasTable) -> None:
    for name in ("Xiao Xiao", "xiaoxiao", "XIAO-XIAO", "xiaoxiao fang", "Fang Xiao Xiao"):
        assert table.canonical(name) == "Fang Xiaoxiao", name
    assert table.canonical("René") == "Rene Liu"
    assert table.canonical("Jackie Chan") is None


def test_canonicalize_rewrites_names_and_film_references(table: AliasTable) -> None:
    assert table.canonicalize("who plays xiao xiao in the movie") == (
        "who plays fang xiaoxiao in us and them"
    )
    assert table.canonicalize("when was it released") == "when was us and them released"
    assert table.canonicalize("jianqing's dad") == "jianqing father"
    # The longest name wins: "chinese new year" is not "chinese" + "new year".
    assert table.mentions("what happens at chinese new year") == ["Chinese New Year"]


def test_same_entity(table: AliasTable) -> None:
    assert table.same("Xiao Xiao", "Fang Xiaoxiao")
    assert table.same("rene", "René Liu")
    assert not table.same("Eason", "Rene Liu")
    assert not table.same("Eason Chan", "Jackie Chan")


def test_a_slip_in_one_part_of_a_name_is_put_right_only_beside_the_other_part() -> None:
    table = AliasTable.build([Alias("Jing Boran", "person", ("boran",))])
    assert table.completed(["who", "is", "jin", "boran"]) == ["who", "is", "jing", "boran"]
    # a word one edit from a name's part, but not beside its other part, stays
    assert table.completed(["jin", "said", "boran"]) == ["jin", "said", "boran"]
