"""A question asked from a fresh process loads only what answering it needs: its own
language's analyser, no database layer (what a second `corridor search` call waits for)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "rjieba", "kiwipiepy")
ASK = """
import sys
from pathlib import Path
from corridor.services.search import search_laws
found = search_laws(Path(sys.argv[1]), sys.argv[2], k=3)
assert found, "no answer"
print(" ".join(sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[3:]))))
"""


@pytest.mark.parametrize(
    ("question", "loaded"),
    [("개인정보 국외 이전", "kiwipiepy"), ("向境外提供个人信息", "rjieba")],
)
def test_a_question_loads_its_own_analyser_only(
    pipa_pipl_index: Path, question: str, loaded: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", ASK, str(pipa_pipl_index), question, *HEAVY],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == [loaded]


CLI = """
import io, json, sys
from contextlib import redirect_stdout
from corridor.cli.main import run
out = io.StringIO()
with redirect_stdout(out):
    code = run(["search", sys.argv[2], "--index", sys.argv[1], "--json", "--k", "5"])
print(json.dumps({"code": code, "found": json.loads(out.getvalue()),
                  "loaded": "kiwipiepy" in sys.modules}))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_a_korean_cli_question_is_analysed_aside_with_the_same_answer(
    pipa_pipl_index: Path,
) -> None:
    from corridor.services.search import search_laws

    question = "개인정보를 국외로 이전하려면 동의가 필요한가요?"
    done = subprocess.run(
        [sys.executable, "-c", CLI, str(pipa_pipl_index), question],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["code"] == 0 and result["loaded"] is False
    expected = search_laws(pipa_pipl_index, question, k=5)
    assert [(r["title"], r["article"]) for r in result["found"]] == [
        (r.title, r.article) for r in expected
    ]
    assert ("개인정보 보호법", "제28조의8") in {(r.title, r.article) for r in expected}
