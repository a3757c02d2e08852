"""Multilingual legal search: article-aware chunks, BM25 with CJK-aware analysis,
cross-lingual query expansion from a ko/zh/en legal glossary."""
