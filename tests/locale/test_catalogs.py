"""The ko and zh catalogs translate every message the code and templates use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from corridor.locale import FOLDER, po_path, translations
from corridor.locale.labels import VOCABULARIES, label

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    """What `make messages` extracts from the sources today (not the committed .pot):
    the same mapping file and keywords, through Babel's own extraction."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp)
    keywords = {**DEFAULT_KEYWORDS, "N_": ((1, "c"), 2)}
    catalog = Catalog()
    found = extract_from_dir(ROOT / "src" / "corridor", method_map, options_map, keywords)
    for _file, line, message, comments, context in found:
        catalog.add(message, None, [(_file, line)], auto_comments=comments, context=context)
    return catalog


def _key(context: str | None, msgid: object) -> str:
    text = msgid[0] if isinstance(msgid, tuple) else msgid
    return f"{context}|{text}" if context else str(text)


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_every_message_is_translated(extracted: Catalog, lang: str) -> None:
    with po_path(lang).open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    missing, empty, fuzzy = [], [], []
    for message in extracted:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        key = _key(message.context, message.id)
        if found is None:
            missing.append(key)
        elif not all(found.string) if isinstance(found.string, tuple) else not found.string:
            empty.append(key)
        elif found.fuzzy:
            fuzzy.append(key)
    assert (missing, empty, fuzzy) == ([], [], []), (
        f"{lang}: run `make messages` and translate: missing {missing}, empty {empty}, "
        f"fuzzy {fuzzy}"
    )


def test_the_committed_template_is_current(extracted: Catalog) -> None:
    with (FOLDER / "corridor.pot").open("rb") as fp:
        committed = read_po(fp)
    now = {_key(m.context, m.id) for m in extracted if m.id}
    assert now == {_key(m.context, m.id) for m in committed if m.id}, "run `make messages`"


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_placeholders_survive_translation(lang: str) -> None:
    """A translation keeps each {field} of its msgid (a particle spec may be added)."""
    with po_path(lang).open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    for m in catalog:
        if m.id and isinstance(m.id, str) and isinstance(m.string, str):
            fields = set(re.findall(r"\{(\w+)", m.id))
            assert fields == set(re.findall(r"\{(\w+)", m.string)), m.id


def test_every_vocabulary_code_has_a_label_in_each_language() -> None:
    for vocabulary, codes in VOCABULARIES.items():
        for code, english in codes.items():
            assert label(vocabulary, code, "en") == english
            for lang in ("ko", "zh"):
                assert label(vocabulary, code, lang) != english or english.isupper(), (
                    vocabulary,
                    code,
                    lang,
                )


@pytest.mark.parametrize(
    ("vocabulary", "code", "ko", "zh"),
    [
        ("sector", "computer_vision", "컴퓨터 비전", "计算机视觉"),
        ("kind", "corporate", "기업", "企业"),
        ("script", "hangul", "한글", "韩文"),
        ("status", "review", "검토 필요", "待复核"),
        ("origin", "match", "수락한 추천", "已接受的推荐"),
        ("job_state", "running", "실행 중", "运行中"),
        ("sector", "no_such_code", "no_such_code", "no_such_code"),
    ],
)
def test_labels_never_codes(vocabulary: str, code: str, ko: str, zh: str) -> None:
    assert (label(vocabulary, code, "ko"), label(vocabulary, code, "zh")) == (ko, zh)


def test_catalogs_load_from_po_without_a_build_step() -> None:
    assert translations("ko").gettext("Sign out") == "로그아웃"
    assert translations("zh").gettext("Sign out") == "退出"
    assert translations("en").gettext("Sign out") == "Sign out"
    assert translations("fr").gettext("Sign out") == "Sign out"
