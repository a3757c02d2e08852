"""Write src/corridor/search/data/sino_korean.tsv: a Sino-Korean bridge between Korean
and Chinese legal words, built from the bundled statutes' own texts.

    python scripts/sino_korean.py

Korean legal vocabulary is largely Sino-Korean: 국외 is 國外 (国外), 위탁 委託 (委托),
허가 許可 (许可). Each Chinese word of the bundled Chinese statutes (jieba, two
characters or more, seen at least MIN_SEEN times) is read in Hangul character by
character (the Hanja reading table, text/data/hanja_readings.tsv, from the hanja
package, WTFPL); the pair is kept when

- the reading occurs at least MIN_SEEN times in the bundled Korean statutes,
- no other Chinese word of the statutes that reads the same is seen more than a
  quarter as often (移转 이전 stays beside the rarer 以前; even homophones go), and
- the glossary does not give the Chinese word only Korean terms that lack the reading
  (出口 reads 출구, "exit", but the glossary's Korean for it is 수출: readings diverge
  there; 伦理 윤리 stays, the glossary's 인공지능 윤리 holds it).

Readings diverge where modern Chinese and Korean coined different words for a notion:
个人信息 reads 개인신식 (Korean 개인정보, 情報), 数据 수거 ("collection"; Korean 데이터),
合同 합동 ("joint"; Korean 계약), 技术 기출 (术 is also the simplified form of 朮).
Most such readings occur nowhere in the Korean statutes and are dropped by the first
rule; the printed list shows what the glossary rule removed. What slips through is a
reading that happens to occur in Korean text with another sense (控制 "control" reads
공제, Korean "deduction"; 可以 "may" reads 가이): a few noise words in the other
language's query, measured on benchmarks/search.py as a net gain.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from corridor.search.ingest import read_path
from corridor.services.bundled import bundled
from corridor.text.analyzers import chinese_words
from corridor.text.legal_terms import groups
from corridor.text.translit import hanja_reading, to_simplified

OUT = Path(__file__).resolve().parent.parent / "src" / "corridor" / "search" / "data"
MIN_SEEN = 3
DOMINANT = 4  # a homophone is kept when seen this many times more than the next
_HANGUL_WORD = re.compile(r"^[\uac00-\ud7a3]{2,}$")
_NUMBERING = re.compile("[一二三四五六七八九十百零条款章]")  # 九条 "article 9" is no word


def _texts(lang: str) -> list[str]:
    return [doc.text for doc in read_path(bundled("legal") / lang / "key_laws")]


def pairs() -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Hangul word → Chinese word, and what the glossary rule dropped (zh, read, ko)."""
    chinese = Counter(w for text in _texts("zh") for w in chinese_words(to_simplified(text)))
    korean = "\n".join(_texts("ko"))
    glossed: dict[str, set[str]] = defaultdict(set)
    for group in groups():
        for term in group:
            if re.search(r"[\u4e00-\u9fff]", term) and not re.search(r"[\uac00-\ud7a3]", term):
                glossed[term] |= {t for t in group if re.search(r"[\uac00-\ud7a3]", t)}
    readings: dict[str, set[str]] = defaultdict(set)
    for word, seen in chinese.items():
        read = hanja_reading(word)
        if seen >= MIN_SEEN and _HANGUL_WORD.match(read) and not _NUMBERING.search(word):
            readings[read].add(word)
    bridge: dict[str, str] = {}
    dropped: list[tuple[str, str, str]] = []
    for read, words in sorted(readings.items()):
        ranked = sorted(words, key=lambda w: -chinese[w])
        word = ranked[0]
        if len(ranked) > 1 and chinese[ranked[1]] * DOMINANT > chinese[word]:
            continue
        if korean.count(read) < MIN_SEEN:
            continue
        if glossed.get(word) and not any(read in ko for ko in glossed[word]):
            dropped.append((word, read, "; ".join(sorted(glossed[word]))))
            continue
        bridge[read] = word
    return bridge, dropped


def main() -> None:
    bridge, dropped = pairs()
    path = OUT / "sino_korean.tsv"
    header = (
        "# Hangul word, TAB, the Chinese word it reads as: written by scripts/sino_korean.py\n"
        "# from the bundled statutes (how and why: that script's docstring).\n"
    )
    path.write_text(header + "".join(f"{k}\t{v}\n" for k, v in bridge.items()), encoding="utf-8")
    print(f"{path}: {len(bridge)} pairs")
    for word, read, korean in dropped:
        print(f"  dropped (glossary): {word} reads {read}, glossary Korean {korean}")


if __name__ == "__main__":
    main()
