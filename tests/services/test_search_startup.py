"""A question asked from a fresh process loads only what answering it needs: its own
language's analyser, no database layer (what a second `corridor search` call waits for)."""

from __future__ import annotations

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
