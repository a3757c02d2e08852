"""A search result opens its whole article (index built on the bundled laws)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.exc import InvalidInput, NotFound
from corridor.services.search import article_text, index_paths, search_laws


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("legal") / "index"
    index_paths([], path, vectors="none")  # [] is the bundled laws (corridor/bundled/legal)
    return path


def test_pipa_article_28_8_opens_in_full(folder: Path) -> None:
    hits = search_laws(folder, "개인정보의 국외 이전", lang="ko", law="개인정보 보호법", k=5)
    hit = next(h for h in hits if h.article == "제28조의8")
    article = article_text(folder, hit.doc_id, "제28조의8")
    assert (article.title, article.lang, article.jurisdiction) == ("개인정보 보호법", "ko", "KR")
    assert article.heading == "개인정보의 국외 이전"
    assert "개인정보처리자는 개인정보를 국외로 제공" in article.text
    assert len(article.text) > len(hit.snippet) > 0
    assert article.date is not None and article.chapter != ""


def test_every_result_opens_an_article_holding_its_snippet(folder: Path) -> None:
    for hit in search_laws(folder, "个人信息 出境 安全评估", lang="zh", k=5):
        article = article_text(folder, hit.doc_id, hit.article)
        words = hit.snippet.replace("…", " ").split()
        assert all(w in article.text or w in article.heading for w in words[:3]), hit


def test_unknown_article_or_index_is_not_found(folder: Path, tmp_path: Path) -> None:
    hit = search_laws(folder, "개인정보의 국외 이전", lang="ko", k=1)[0]
    with pytest.raises(NotFound, match="article"):
        article_text(folder, hit.doc_id, "제999조")
    with pytest.raises(NotFound, match="search index"):
        article_text(tmp_path / "none", hit.doc_id, hit.article)


def test_search_laws_checks_its_filters(folder: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        search_laws(folder, "export control", jurisdiction="JP")
    assert caught.value.field == "jurisdiction"
