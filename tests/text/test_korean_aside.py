"""Korean analysis in a forked process (``analyse_aside``): the words are Kiwi's own,
the parent never loads Kiwi when the child answers, and a failed child costs nothing
but time. Each case runs in a fresh interpreter: the aside needs a process with one
thread and no Kiwi loaded, which a test process is not."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

TEXTS = [
    "개인정보 국외 이전",
    "한국 고객 개인정보를 중국 모회사 서버에 보관·처리위탁하려면 어떤 요건이 필요한가요?",
    "個人情報를 國外로 이전하려는 경우",  # Hanja read as Hangul before Kiwi sees it
    "그리고 또한",  # Hangul but no word Kiwi keeps: an empty answer, not a failure
]

ASIDE = """
import json, os, signal, sys
from corridor.text import analyzers
texts, kill = json.loads(sys.argv[1]), sys.argv[2] == "kill"
started = [analyzers.analyse_aside(t) for t in texts]
if kill:
    for pid, _ in analyzers._ASIDE.values():
        os.kill(pid, signal.SIGKILL)
aside = [analyzers.korean_words(analyzers.korean_reading(t)) for t in texts]
loaded = "kiwipiepy" in sys.modules
analyzers._korean_words_of.cache_clear()
own = [analyzers.korean_words(analyzers.korean_reading(t)) for t in texts]
print(json.dumps({"started": started, "aside": aside, "own": own, "loaded": loaded}))
"""


def run_aside(texts: list[str], *, kill: bool = False) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", ASIDE, json.dumps(texts), "kill" if kill else "keep"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_words_analysed_aside_are_kiwis_own_and_the_parent_never_loads_kiwi() -> None:
    result = run_aside(TEXTS)
    assert result["started"] == [True] * len(TEXTS)
    assert result["aside"] == result["own"]
    assert result["loaded"] is False  # every answer came from the children
    assert result["aside"][0] == ["개인", "정보", "개인정보", "국외", "이전"]  # type: ignore[index]
    assert result["aside"][3] == []  # type: ignore[index]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_a_killed_child_leaves_the_analysis_to_the_parent() -> None:
    result = run_aside(TEXTS[:2], kill=True)
    assert result["started"] == [True, True]
    assert result["aside"] == result["own"] and result["aside"][0]  # type: ignore[index]
    assert result["loaded"] is True  # the parent analysed them itself


REFUSED = """
import sys, threading
from corridor.text import analyzers
case = sys.argv[1]
if case == "thread":
    stop = threading.Event()
    threading.Thread(target=stop.wait).start()
    print(analyzers.analyse_aside("개인정보 국외 이전"))
    stop.set()
elif case == "loaded":
    analyzers.korean_words("동의")
    print(analyzers.analyse_aside("개인정보 국외 이전"))
else:
    print(analyzers.analyse_aside("向境外提供个人信息 personal data"))
print(len(analyzers._ASIDE))
"""


@pytest.mark.parametrize("case", ["thread", "loaded", "no-hangul"])
def test_no_aside_in_a_threaded_process_once_kiwi_is_loaded_or_without_hangul(
    case: str,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", REFUSED, case], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "0"]
