"""Search analysers: Korean morphemes, Chinese words, Hanja readings, simplification."""

from __future__ import annotations

import pytest

from corridor.text.analyzers import analyze, chinese_words, detect_lang, korean_words


def test_korean_morphemes_drop_particles_and_endings() -> None:
    words = korean_words("개인정보를 국외로 이전하려는 경우")
    assert "이전" in words and "국외" in words and "개인정보" in words
    assert not {"를", "로", "하려는", "이전하려는", "려는"} & set(words)


def test_korean_compound_nouns_give_their_parts_and_joined_pairs() -> None:
    words = korean_words("개인정보처리자는")
    assert {"개인", "정보", "처리", "개인정보", "처리자"} <= set(words)
    assert "자는" not in words and "는" not in words


def test_korean_verb_stems() -> None:
    assert "받" in korean_words("동의를 받아야 한다")


def test_korean_text_keeps_bigrams_and_adds_morphemes() -> None:
    tokens = analyze("국외로 이전하려는")
    assert {"국외", "외로", "이전", "전하"} <= set(tokens)  # bigrams
    assert tokens.count("이전") == 2  # the bigram and the morpheme


def test_chinese_search_mode_words() -> None:
    words = chinese_words("向境外提供个人信息")
    assert {"境外", "提供", "个人信息", "个人", "信息"} <= set(words)
    assert "向" not in words and "外提" not in words
    tokens = analyze("向境外提供个人信息")
    assert "外提" in tokens and "个人信息" in tokens  # bigrams and words


def test_hanja_in_korean_text_is_read_as_hangul() -> None:
    hanja = analyze("個人情報를 國外로 移轉하려는 경우")
    hangul = analyze("개인정보를 국외로 이전하려는 경우")
    assert {"개인정보", "국외", "이전"} <= set(hanja) & set(hangul)
    assert "个人" in hanja and "个人" in analyze("个人信息")  # Han bigrams still meet Chinese


def test_hanja_readings_follow_the_initial_sound_rule_and_no_name_rule() -> None:
    assert "금융" in analyze("金融委員會의 승인")  # not 김융: 金 reads 김 only in names
    assert "이용" in analyze("利用하는 경우")  # 利 → 이 at the start of a word


def test_a_korean_query_in_hanja_alone_needs_its_language() -> None:
    assert "개인정보" in analyze("個人情報", lang="ko")
    assert "개인정보" not in analyze("個人情報")  # read as Chinese by default
    assert detect_lang("個人情報") == "zh" and detect_lang("個人情報를") == "ko"


def test_traditional_chinese_is_simplified() -> None:
    tokens = analyze("個人資料的跨境傳輸")
    assert {"个人资料", "跨境", "传输", "资料"} <= set(tokens)
    assert not any(ch in token for token in tokens for ch in "個資傳輸")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Transfers of the personal data", ["transfer", "personal", "data"]),
        ("processing entities", ["process", "entity"]),
    ],
)
def test_english_words_are_stemmed_without_stop_words(text: str, tokens: list[str]) -> None:
    assert analyze(text) == tokens
    assert detect_lang(text) == "en"
