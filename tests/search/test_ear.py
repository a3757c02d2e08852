"""The EAR's core (15 CFR parts 734–744) bundled: founders' AI-chip questions reach it
in any language, and every section shown carries its date and the mirror's caveat."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from corridor.search.index import Index
from corridor.search.query import search
from corridor.search.records import amended
from corridor.services.bundled import bundled
from corridor.services.search import document_caveat

EAR = bundled("legal") / "en" / "us_cfr_ear_730_744_sections.jsonl.gz"
NAMED = {"744.23", "744.11", "734.9"}  # advanced computing, Entity List, FDP rules


@pytest.fixture(scope="module")
def folder(bundled_folder: Path) -> Path:
    return bundled_folder  # the bundled laws with their shipped vectors (conftest.py)


@pytest.fixture(scope="module")
def index(bundled_index: Index) -> Index:
    return bundled_index


@pytest.mark.parametrize(
    "question",
    [
        "export control of AI chips to China",
        "중국에 AI 반도체 수출 시 미국 규제",
        "向中国出口AI芯片的美国管制",
    ],
)
def test_ai_chip_questions_reach_the_ear_core(index: Index, question: str) -> None:
    found = [r.article for r in search(index, question, k=10) if r.doc_id.startswith("us-cfr")]
    assert set(found) >= NAMED, found


def test_the_bundle_keeps_what_founders_need() -> None:
    with gzip.open(EAR, "rt", encoding="utf-8") as handle:
        sections = {json.loads(line)["section"] for line in handle}
    assert {"734.9", "736.2", "740.8", "740.27", "742.6", "744.11", "744.21", "744.23"} <= sections
    assert not sections & {"742.2", "742.17", "740.23"}  # chemical weapons, firearms, medical


def test_a_section_is_dated_by_the_last_amendment_its_note_cites() -> None:
    note = (
        "(b) text naming Jan. 1, 2030 in the rule itself.\n\n> [61 FR 12746, Mar. 25, 1996, "
        "as amended at 88 FR 73488, Oct. 25, 2023; 90 FR 5308, Jan. 16, 2025]"
    )
    assert amended(note) == "2025-01-16"
    assert amended("> [87 FR 34135, June 6, 2022; 81 FR 64668, Sept. 20, 2016]") == "2022-06-06"
    editorial = (
        "> [61 FR 12786, Mar. 25, 1996]Editorial Note:For Federal Register citations "
        "affecting § 742.6, see the List"
    )
    assert amended(editorial) is None  # the amendments are listed elsewhere: no date claimed


def test_results_carry_the_date_and_the_caveat_in_the_readers_language(index: Index) -> None:
    hit = next(
        r for r in search(index, "foreign direct product rule", k=10) if r.article == "734.9"
    )
    assert hit.date == "2025-01-16"
    english = document_caveat(hit.doc_id, hit.date, "en")
    assert "2025-01-16" in english and "eCFR" in english
    for locale in ("ko", "zh"):
        translated = document_caveat(hit.doc_id, hit.date, locale)
        assert translated != english and "2025-01-16" in translated
    stale = document_caveat("us-cfr:15/742.6", None, "en")
    assert "advanced-computing" in stale and "October 2022" in stale
    assert "eCFR before relying on it. This copy lacks" in stale  # two sentences, spaced
    stale_zh = document_caveat("us-cfr:15/742.6", None, "zh")
    assert "。 " not in stale_zh and stale_zh.count("。") >= 2  # Chinese runs them on unspaced
    assert document_caveat("/laws/개인정보보호법/법률.md", "2024-03-15", "ko") == ""


def test_the_cli_prints_date_and_caveat(folder: Path) -> None:
    from typer.testing import CliRunner

    from corridor.cli.main import app

    result = CliRunner().invoke(
        app, ["search", "--index", str(folder), "--json", "Entity List license requirements"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    ear = [r for r in rows if r["doc_id"].startswith("us-cfr:15/744")]
    assert ear and all(r["caveat"] for r in ear)
    assert all(r["caveat"] == "" for r in rows if not r["doc_id"].startswith("us-cfr"))
