"""Two languages on the search page and API: the reader's (``?lang=``, their saved choice
or Accept-Language) and the articles' (``?in=``; the API's first, deprecated form: its
``lang`` without ``in``). Choosing
Chinese articles must not turn a Korean reader's page or explanations into Chinese, nor
switching the page to Korean restrict the search to Korean articles."""

from __future__ import annotations

import html
import re
from typing import Any

from fastapi import FastAPI

from tests.web.conftest import client

QUESTION = "개인정보 국외 이전"


def _langs(html: str) -> set[str]:
    return set(re.findall(r'<li lang="(\w+)">', html))


def test_chinese_articles_for_a_korean_reader_keep_the_page_korean(
    browsers: dict[str, Any],
) -> None:
    viewer = browsers["viewer"]
    page = viewer.get("/search", params={"q": QUESTION, "in": "zh", "lang": "ko"}).text
    assert '<html lang="ko">' in page and "일치한 단어" in page  # the reader's language
    assert _langs(page) == {"zh"}  # the articles'
    assert re.search(r'<option value="zh" selected>', page)
    switched = viewer.get("/search", params={"q": "个人信息出境", "lang": "ko"}).text
    assert '<html lang="ko">' in switched
    assert "zh" in _langs(switched)  # the page's language restricts no article
    assert re.search(r'<option value="any" selected>', switched)
    viewer.get("/missions?lang=en")


def test_the_apis_in_is_the_articles_and_its_lang_the_readers(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    headers = {"Authorization": f"Bearer {tokens['viewer']}", "Accept-Language": "en"}
    with client(app) as c:
        params = {"q": QUESTION, "in": "zh", "lang": "ko", "k": 3}
        r = c.get("/api/v1/search", params=params, headers=headers)
        refused = c.get("/api/v1/search", params={"q": QUESTION, "in": "fr"}, headers=headers)
    assert r.status_code == 200
    hits = r.json()["data"]
    assert hits and {h["lang"] for h in hits} == {"zh"}
    assert all(re.search("[가-힣]", h["why"]) for h in hits), [h["why"] for h in hits]
    assert refused.status_code == 422
    assert "in must be ko, zh, en or any" in refused.text and "fr" in refused.text
    with client(app) as c:
        empty = c.get("/api/v1/search", params={"q": QUESTION, "lang": ""}, headers=headers)
    assert empty.status_code == 422 and "lang must be" in empty.text  # the first form's rule


def test_the_apis_first_form_lang_is_the_articles_and_the_reader_says_theirs_by_header(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    headers = {"Authorization": f"Bearer {tokens['viewer']}", "Accept-Language": "ko"}
    with client(app) as c:
        r = c.get("/api/v1/search", params={"q": QUESTION, "lang": "zh", "k": 3}, headers=headers)
    assert r.status_code == 200
    hits = r.json()["data"]
    assert hits and {h["lang"] for h in hits} == {"zh"}
    assert all(re.search("[가-힣]", h["why"]) for h in hits), [h["why"] for h in hits]
    assert "set-cookie" not in r.headers  # an API call chooses no page language


def test_an_unknown_articles_language_names_the_pages_field(browsers: dict[str, Any]) -> None:
    r = browsers["viewer"].get("/search", params={"q": QUESTION, "in": "fr"})
    shown = html.unescape(r.text)
    assert r.status_code == 422
    assert "in must be ko, zh, en or any" in shown and "'fr'" in shown
    no_question = browsers["viewer"].get("/search", params={"in": "fr"})
    assert no_question.status_code == 422  # not echoed into the form either
