"""Hostile documents and questions: each an InvalidInput naming file, line, field and
rule, never a traceback (fixtures in tests/hostile/search/, listed in its README)."""

from __future__ import annotations

import contextlib
import gzip
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.core.limits import Limits
from corridor.exc import CorridorError, ImportRejected, InvalidInput
from corridor.search.chunk import chunk_document
from corridor.search.ingest import digest, read_file, read_path
from corridor.services.bundled import bundled
from corridor.services.search import index_paths

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "hostile" / "search"
LEGAL = bundled("legal")
PIPL = LEGAL / "zh" / "key_laws" / "个人信息保护法(2021-08-20).md"
GOOD = '{"id": "law:1", "lang": "en", "jurisdiction": "US", "title": "Act", "text": "Rules."}\n'

# file, what the rule says, the line (JSONL), the field
CASES = [
    ("not-json.jsonl", "not valid JSON", 2, None),
    ("wrong-type.jsonl", "must be a string, not list", 2, "title"),
    ("missing-key.jsonl", "required key missing", 2, "text"),
    ("array-line.jsonl", "must be a JSON object, not list", 1, None),
    ("deep.jsonl", "nested deeper than 32 levels", 1, None),
    ("lone-surrogate.jsonl", "lone surrogate", 1, "title"),
    ("bad-lang.jsonl", "must be one of ko, zh, en", 1, "lang"),
    ("bad-date.jsonl", "must be a date YYYY-MM-DD", 1, "effective_date"),
    ("not-utf8.jsonl", "not UTF-8", 1, None),
    ("empty.jsonl", "empty file", None, "size"),
    ("blank-lines.jsonl", "no records", None, None),
    ("corrupt.jsonl.gz", "damaged gzip file", 1, None),
    ("truncated.jsonl.gz", "damaged gzip file", None, None),
    ("not-gzip.jsonl.gz", "damaged gzip file", 1, None),
    ("empty.txt", "empty file", None, "size"),
    ("junk.txt", "not UTF-8 text", None, None),
    ("junk.html", "not UTF-8 text", None, None),
    ("broken.pdf", "not a readable PDF", None, None),
    ("broken.docx", "not a Word .docx", None, None),
    ("malformed-xml.docx", "malformed XML", None, None),
]


def test_binary_junk_named_markdown_is_a_clear_error(tmp_path: Path) -> None:
    """Made here, not committed: ruff reads every .md under tests/ and stops at junk."""
    junk = tmp_path / "junk.md"
    junk.write_bytes((HOSTILE / "junk.txt").read_bytes())
    with pytest.raises(InvalidInput, match="not UTF-8 text") as caught:
        list(read_file(junk))
    assert caught.value.file == str(junk)


@pytest.mark.parametrize(("name", "rule", "row", "field"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_document_is_a_clear_error(
    name: str, rule: str, row: int | None, field: str | None
) -> None:
    with pytest.raises(InvalidInput) as caught:
        list(read_file(HOSTILE / name))
    err = caught.value
    assert err.file == str(HOSTILE / name) and rule in err.rule
    assert err.field == field
    if row is not None:
        assert err.row == row
    assert err.row is None or err.row >= 1


def test_every_hostile_file_is_listed_in_the_readme() -> None:
    readme = (ROOT / "tests" / "hostile" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## search", 1)[1]
    assert all(f"`search/{p.name}`" in section for p in HOSTILE.iterdir())


def test_a_folder_of_hostile_files_refuses_the_build_and_names_each(tmp_path: Path) -> None:
    folder = tmp_path / "idx"
    index_paths([PIPL], folder, vectors="none")
    before = (folder / "manifest.json").read_text()
    with pytest.raises(ImportRejected) as caught:
        index_paths([HOSTILE], folder, vectors="none")
    assert {Path(p.file or "").name for p in caught.value.problems} == {c[0] for c in CASES}
    assert (folder / "manifest.json").read_text() == before

    result = CliRunner().invoke(app, ["search", "index", str(HOSTILE), "--index", str(folder)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "lone surrogate" in result.output and (folder / "manifest.json").read_text() == before


def test_a_gzip_that_unpacks_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    lines, one_line = tmp_path / "bomb.jsonl.gz", tmp_path / "line-bomb.jsonl.gz"
    lines.write_bytes(gzip.compress(GOOD.encode() * 20_000))  # 1.7 MB from 9 kB
    one_line.write_bytes(gzip.compress(b"[" * 3_000_000))  # one line, no newline
    limits = Limits(unpacked_bytes=1_000_000)
    for path in (lines, one_line):
        with pytest.raises(InvalidInput, match="unpacks to more than 1000000 bytes"):
            list(read_file(path, limits))
    assert len(list(read_file(lines))) == 20_000  # within the default limit it is read


def test_a_file_beyond_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(InvalidInput, match="larger than 1000 bytes") as caught:
        list(read_file(big, Limits(file_bytes=1000)))
    assert caught.value.field == "size" and caught.value.value == 5000


def test_json_nested_beyond_the_interpreter_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="nested deeper than 32 levels"):
        list(read_file(deep))


def test_too_many_records_are_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.jsonl"
    many.write_text(GOOD * 11, encoding="utf-8")
    with pytest.raises(InvalidInput, match="more than 10 records") as caught:
        list(read_file(many, Limits(rows=10)))
    assert caught.value.row == 11


def test_a_utf16_text_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_bytes("# 메모\n개인정보 국외 이전".encode("utf-16"))
    [doc] = read_file(note)
    assert doc.lang == "ko" and "국외 이전" in doc.text


@pytest.mark.parametrize(
    ("argv", "field", "rule"),
    [
        (["   "], "question", "empty"),
        (["x" * 10_001], "question", "longer than 10000"),
        (["tax", "--k", "0"], "k", "between 1 and 1000"),
        (["tax", "--k", "1000000000000"], "k", "between 1 and 1000"),
        (["tax", "--since", "2024-02-30"], "since", "not a date"),
        (["tax", "--until", "yesterday"], "until", "not a date"),
        (["tax", "--since", "2025-01-01", "--until", "2024-01-01"], "since", "after until"),
        (["tax", "--lang", "fr"], "lang", "ko, zh, en or any"),
    ],
)
def test_a_question_no_search_can_answer_is_a_clear_error(
    tmp_path: Path, argv: list[str], field: str, rule: str
) -> None:
    folder = tmp_path / "idx"  # no index: the question is refused before it is looked for
    result = CliRunner().invoke(app, ["search", *argv, "--index", str(folder)])
    assert result.exit_code == 2, result.output
    flat = " ".join(result.output.split())
    assert f"{field}=" in flat and rule in flat and "Traceback" not in result.output


def _ingest(path: Path) -> None:
    """What a build does with a file before analysis: read, hash and chunk it."""
    for doc in read_path(path):
        digest(doc)
        chunk_document(doc)


_LAW = PIPL.read_text(encoding="utf-8")[:3000]
_RECORD = (
    '{"id": "cn:pipl", "lang": "zh", "jurisdiction": "CN", "title": "个人信息保护法", '
    '"effective_date": "2021-11-01", "text": ' + json.dumps(_LAW) + "}\n"
).encode()


def _mutate(data: bytes, seed: int, edits: int) -> bytes:
    """``data`` with ``edits`` random byte flips, deletions, insertions and cuts."""
    rnd, out = random.Random(seed), bytearray(data)
    for _ in range(edits):
        at = rnd.randrange(len(out) + 1)
        kind = rnd.randrange(4)
        if kind == 0 and at < len(out):
            out[at] = rnd.randrange(256)
        elif kind == 1 and at < len(out):
            del out[at : at + rnd.randrange(1, 50)]
        elif kind == 2:
            out[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 8)))
        else:
            out = out[:at] if at else out
    return bytes(out)


_FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SUFFIXES = st.sampled_from([".jsonl", ".jsonl.gz", ".txt", ".md", ".html"])


@_FUZZ
@given(seed=st.integers(0, 2**32), edits=st.integers(1, 12), suffix=_SUFFIXES)
def test_fuzz_mutated_law_files_raise_only_corridor_errors(
    tmp_path_factory: pytest.TempPathFactory, seed: int, edits: int, suffix: str
) -> None:
    source = _RECORD if suffix.startswith(".jsonl") else _LAW.encode()
    data = _mutate(source, seed, edits)
    if suffix.endswith(".gz"):
        packed = gzip.compress(data, mtime=0)
        data = _mutate(packed, seed + 1, 1) if seed % 3 == 0 else packed  # damage the stream too
    path = tmp_path_factory.mktemp("fuzz") / f"law{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(CorridorError):  # anything else fails the test
        _ingest(path)


_TEXT = st.text(st.characters(codec="utf-8") | st.characters(), max_size=300)


@_FUZZ
@given(title=_TEXT, text=_TEXT, lang=st.sampled_from(["ko", "zh", "en", "", "x" * 3]))
def test_fuzz_jsonl_records_of_random_unicode_raise_only_corridor_errors(
    tmp_path_factory: pytest.TempPathFactory, title: str, text: str, lang: str
) -> None:
    record = {"id": title[:20] or "x", "lang": lang, "jurisdiction": "CN", "title": title}
    line = json.dumps({**record, "text": _LAW[:500] + text})  # ASCII: surrogates escaped
    path = tmp_path_factory.mktemp("fuzz") / "random.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with contextlib.suppress(CorridorError):  # anything else fails the test
        _ingest(path)


SHARED_LEGAL = ROOT.parent / "shared" / "data" / "legal"


@pytest.mark.skipif(not SHARED_LEGAL.exists(), reason="../shared/data/legal is not present")
def test_the_real_legal_corpora_pass_every_check() -> None:
    """The checks refuse hostile files, not real ones: every record of the full
    Korean, Chinese and US corpora is read under the default limits."""
    counts = {
        p.name: sum(1 for _ in read_file(p)) for p in sorted(SHARED_LEGAL.rglob("*.jsonl.gz"))
    }
    assert (
        counts["kr_statutes_laws.jsonl.gz"] == 1736
        and counts["cn_laws_lawrefbook.jsonl.gz"] == 2018
    )
