"""The normalisation behind substring search: the pure functions that fill the search columns
and shape queries."""

from __future__ import annotations

from pcrm.accounts.search import models as search


def test_normalize_folds_width_and_case_and_blanks_control_characters():
    assert search.normalize("  ＡＢＣ\u3000Ｔｅｃｈ\t") == "abc tech"
    assert search.normalize("Straße") == "strasse"


def test_pinyin_initials_take_only_chinese_characters():
    assert search.pinyin_initials("华为技术有限公司") == "hwjsyxgs"
    assert search.pinyin_initials("ABC科技2号") == "kjh"


def test_grams_are_distinct_one_and_two_character_pieces_without_whitespace():
    assert search.grams("华为 ab") == {"华", "为", "华为", "a", "b", "ab"}
    assert search.grams("aaa") == {"a", "aa"}
    assert search.grams("") == set()


def test_query_grams_is_the_character_itself_or_the_bigrams():
    assert search.query_grams("华") == ["华"]
    assert search.query_grams(" ") == []
    assert search.query_grams("华为技术") == ["为技", "华为", "技术"]
    assert search.query_grams("abc tech") == ["ab", "bc", "ch", "ec", "te"]
    assert search.query_grams("a b") == []


def test_index_fields_join_normalised_fields_with_their_pinyin_initials():
    text, grams = search.index_fields(["华为", None, "", "Ａb"])
    assert text == "华为\x1fhw\x1fab"
    assert grams == "a ab b h hw w 为 华 华为"


def test_index_fields_skip_initials_of_a_single_chinese_character():
    assert search.index_fields(["华"]) == ("华", "华")


def test_sort_key_orders_by_pinyin_then_latin():
    names = ["Zeta", "华为", "百度", "阿里"]
    assert sorted(names, key=search.sort_key) == ["阿里", "百度", "华为", "Zeta"]
    assert search.sort_key("华为") == "huawei"


def test_like_pattern_escapes_wildcards_and_the_escape_character():
    assert search.like_pattern("50%_\\") == "%50\\%\\_\\\\%"


def test_fts_match_requires_every_gram_quoted():
    assert search.fts_match(["华为", 'a"']) == '"华为" AND "a"""'
