"""Pages render in Korean and Chinese with no English message and no code left."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from corridor.locale import translations
from corridor.locale.labels import VOCABULARIES, label
from tests.web.conftest import MISSION, TestClient

PAGES = [
    f"/missions/{MISSION}",
    "/orgs?mission=" + MISSION,
    f"/missions/{MISSION}/matches?org=kr-lunit",
    f"/missions/{MISSION}/schedule",
    f"/missions/{MISSION}/screening",
    "/orgs/kr-lunit",
    "/missions",
    f"/missions/{MISSION}/outcomes",
    f"/missions/{MISSION}/invitations",
    "/search",
]
# Codes that would only reach a page by leaking: those of the vocabularies with an
# underscore (sector, stage, kind codes), which no reader's word contains.
CODES = {code for codes in VOCABULARIES.values() for code in codes if "_" in code}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self._hidden += 1
        self.text += [v for k, v in attrs if k in ("title", "placeholder", "aria-label") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if self._hidden == 0 and data.strip():
            self.text.append(" ".join(data.split()))


def visible(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return parser.text


def english_left(html: str, lang: str) -> list[str]:
    """Text nodes that are an English message the catalog translates differently."""
    catalog = translations(lang)
    found = []
    for text in visible(html):
        for piece in re.split(r"\s*[·:›]\s*", text):
            if piece and catalog.gettext(piece) != piece:
                found.append(piece)
    return found


@pytest.mark.parametrize("lang", ["ko", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_page_speaks_the_language(browsers: dict[str, TestClient], page: str, lang: str) -> None:
    sep = "&" if "?" in page else "?"
    r = browsers["organiser"].get(f"{page}{sep}lang={lang}")
    assert r.status_code == 200
    assert f'<html lang="{lang}">' in r.text
    assert english_left(r.text, lang) == []
    shown = " ".join(visible(r.text))
    assert [c for c in CODES if re.search(rf"(?<![\w-]){c}(?![\w-])", shown)] == []
    kinds = "|".join(VOCABULARIES["kind"])  # a pair of kinds, such as startup–investor
    assert re.findall(rf"\b(?:{kinds})–(?:{kinds})\b", shown) == []


def test_dashboard_reads_korean_and_chinese(browsers: dict[str, TestClient]) -> None:
    ko = browsers["viewer"].get(f"/missions/{MISSION}?lang=ko").text
    zh = browsers["viewer"].get(f"/missions/{MISSION}?lang=zh").text
    assert "심사 대기열 열기" in ko and "참가 기관" in ko and "검토 필요" in ko
    assert "打开审查队列" in zh and "参与机构" in zh and "待复核" in zh
    browsers["viewer"].get("/missions?lang=en")


def test_recommendations_explained_in_native_korean(browsers: dict[str, TestClient]) -> None:
    html = browsers["organiser"].get(f"/missions/{MISSION}/matches?org=kr-lunit&lang=ko").text
    why = re.findall(r'<td class="why">(.*?)</td>', html, re.S)
    assert why, "no recommendation shown"
    assert not any(re.search(r"\((은|는|이|가|을|를|과|와)\)", w) for w in why)
    assert any(re.search(r"(은|는|이|가|을|를) ", w) for w in why)
    browsers["organiser"].get("/missions?lang=en")


@pytest.mark.parametrize(
    ("lang", "every"), [("ko", "모든 언어"), ("zh", "所有语言"), ("en", "All languages")]
)
def test_the_search_forms_languages_are_named_not_coded(
    browsers: dict[str, TestClient], lang: str, every: str
) -> None:
    html = browsers["viewer"].get(f"/search?lang={lang}").text
    options = re.findall(r'<option value="(\w+)"[^>]*>([^<]*)</option>', html)
    named = [(code, label("language", code, lang)) for code in ("ko", "zh", "en")]
    assert options == [("any", every), *named]
    assert lang == "en" or not {name for _, name in named} & {"Korean", "Chinese", "English"}
    browsers["viewer"].get("/missions?lang=en")


def test_the_check_sees_english_left_behind() -> None:
    assert english_left("<p>Sign out · <b>Open the schedule</b> Samsung</p>", "ko") == [
        "Sign out",
        "Open the schedule",
    ]
