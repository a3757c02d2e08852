"""Choosing the locale of a request, and ``_()`` falling back to the English source."""

from __future__ import annotations

import pytest

from corridor.web.i18n import _, negotiate, use
from tests.web.conftest import TestClient


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "expected"),
    [
        (None, None, None, "en"),
        ("ko", "zh", "en", "ko"),
        (None, "zh", "ko-KR,ko;q=0.9", "zh"),
        ("xx", None, "ko-KR,ko;q=0.9,en;q=0.5", "ko"),
        (None, None, "fr;q=1.0,zh-CN;q=0.8,ko;q=0.7", "zh"),
        (None, None, "en;q=0.1,ko;q=0.9", "ko"),
        (None, None, "ko;q=banana,zh", "zh"),
        (None, None, "fr,de", "en"),
    ],
)
def test_negotiate(
    query: str | None, cookie: str | None, accept: str | None, expected: str
) -> None:
    assert negotiate(query, cookie, accept) == expected


def test_english_is_the_source_language() -> None:
    expected = {"en": "Missions", "ko": "사절단", "zh": "代表团"}
    for locale, word in expected.items():
        use(locale)
        assert _("Missions") == word
        assert _("a message no catalog has") == "a message no catalog has"  # the source
    use("en")


def test_a_chosen_language_sticks_in_a_cookie(browsers: dict[str, TestClient]) -> None:
    c = browsers["viewer"]
    r = c.get("/missions?lang=ko")
    assert '<html lang="ko">' in r.text and "corridor_lang=ko" in r.headers["set-cookie"]
    assert '<html lang="ko">' in c.get("/missions").text
    assert '<html lang="en">' in c.get("/missions?lang=en").text
