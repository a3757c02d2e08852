"""The judged question sets of benchmarks/search.py name articles that exist: a title or
label mistyped there would silently count as a miss for every method."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corridor.search.index import Index

SETS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.parametrize("name", ["search_dev.tsv", "search_test.tsv"])
def test_every_judged_article_is_in_the_bundled_laws(bundled_index: Index, name: str) -> None:
    articles = {(c.title, c.article) for c in bundled_index.chunks}
    with (SETS / name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len({row["qid"] for row in rows}) == len(rows)  # each question once
    missing = [
        (row["qid"], item)
        for row in rows
        for item in row["relevant"].split(" | ")
        if tuple(part.strip() for part in item.partition(" :: ")[::2]) not in articles
    ]
    assert missing == []
    assert {row["lang"] for row in rows} == {"ko", "zh", "en"}
