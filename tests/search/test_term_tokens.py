"""The shipped glossary term tokens are what the analysers say today."""

from __future__ import annotations

from corridor.search.plan import _analysed_terms
from corridor.text.analyzers import analyze
from corridor.text.legal_terms import groups


def test_every_glossary_term_is_in_the_table_as_analysed() -> None:
    # out of date after a glossary or analyser change: run scripts/term_tokens.py
    table = _analysed_terms()
    terms = {t for group in groups() for t in group}
    assert sorted(terms - set(table)) == []
    stale = [t for t in sorted(terms) if table[t] != tuple(analyze(t))]
    assert stale == []
