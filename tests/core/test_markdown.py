"""The corpus's Markdown marks: gone from a snippet, kept as emphasis on the page."""

from __future__ import annotations

from corridor.core.markdown import plain, spans


def test_plain_text_loses_every_mark_and_keeps_words_with_underscores() -> None:
    text = "## 第一条\n(a) _Scope._ This **exception** covers 1\\. items in file_name\n  (b)  x"
    assert plain(text) == "第一条 (a) Scope. This exception covers 1. items in file_name (b) x"
    assert plain("a stray ** mark and _half") == "a stray mark and _half"


def test_a_line_is_cut_into_runs_of_plain_strong_and_emphasised_text() -> None:
    assert spans("(a) _Scope._ A **bold** word, snake_case_name") == [
        ("", "(a) "),
        ("em", "Scope."),
        ("", " A "),
        ("strong", "bold"),
        ("", " word, snake_case_name"),
    ]
    assert spans("# 제1조 1\\. 목적") == [("", "제1조 1. 목적")]
    assert spans("_Scope._") == [("em", "Scope.")]


def test_a_cfr_source_note_loses_its_quote_mark_not_a_comparison() -> None:
    assert spans("> [88 FR 73449, Oct. 25, 2023]") == [("", "[88 FR 73449, Oct. 25, 2023]")]
    assert plain("(a) x\n> [88 FR 73449]") == "(a) x [88 FR 73449]"
    assert plain("value > 5 percent") == "value > 5 percent"  # only at a line's start
