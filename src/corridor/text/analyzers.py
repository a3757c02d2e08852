"""Analysers for search: Latin words (light stemming), Korean morphemes, Chinese words.

Hangul and Han runs always give character bigrams — the standard dictionary-free
analysis of CJK text for BM25. Words from a morphological analyser are added to them:
Korean morphemes from kiwipiepy (nouns, verb and adjective stems, roots, and adjacent
noun parts joined, so 개인정보처리자 gives 개인, 정보, 처리, 개인정보, 정보처리, 처리자) and
Chinese words from jieba's search mode. Traditional characters are simplified first so
個人資料 meets 个人信息's neighbours, and Hanja inside Korean text (個人情報를) is also
read as Hangul (개인정보) so a Korean text written in Hanja meets one written in Hangul.

Measured on benchmarks/search.py (nDCG@10, development / held-out set): bigrams alone
0.405 / 0.310, bigrams and words 0.443 / 0.339, words in place of bigrams 0.441 / 0.323.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from corridor.text.translit import hanja_reading, to_simplified

if TYPE_CHECKING:
    from kiwipiepy import Kiwi, Token

_HAN = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
_RUNS = re.compile(rf"[a-z0-9]+|[\uac00-\ud7a3]+|[{_HAN}]+")
_HAN_RUN = re.compile(rf"[{_HAN}]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_STOP = frozenset(
    {
        "a",
        "about",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "e",
        "eg",
        "for",
        "from",
        "g",
        "get",
        "has",
        "have",
        "how",
        "i",
        "ie",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "keep",
        "may",
        "must",
        "no",
        "not",
        "of",
        "on",
        "or",
        "other",
        "our",
        "out",
        "shall",
        "should",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "under",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "who",
        "whom",
        "will",
        "with",
        "would",
        "you",
        "your",
    }
)
# Korean morphemes kept as words: common and proper nouns, roots, verb and adjective stems.
_KO_WORDS = frozenset({"NNG", "NNP", "XR", "VV", "VA"})
# Morphemes that join their neighbours into compound parts (개인+정보, 처리+자).
_KO_PARTS = frozenset({"NNG", "NNP", "XR", "XSN"})


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light English stem (transfers → transfer, transferred → transfer, processing →
    process): enough for statutes' inflections without a stemmer's surprises."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "s", "ed"):
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            return word  # address, status, analysis
        if suffix == "es" and not word.endswith(("sses", "xes", "zes", "ches", "shes")):
            continue  # measures, licenses → by "s"; but boxes → box, addresses → address
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            doubled = base[-1] == base[-2] and base[-1] not in "aeiouls"
            return base[:-1] if suffix in ("ing", "ings", "ed") and doubled else base
    return word


def detect_lang(text: str) -> str:
    """``ko`` when ``text`` holds Hangul, else ``zh`` when it holds Han, else ``en``."""
    if _HANGUL.search(text):
        return "ko"
    return "zh" if _HAN_RUN.search(text) else "en"


def latin_words(text: str) -> list[str]:
    """The Latin words of ``text`` that analysis keeps (case-folded, unstemmed; no stop
    words, none of one letter): what a person would call the words of an English question."""
    return [run for run in _RUNS.findall(text.casefold()) if run.isascii() and _kept(run)]


def _kept(word: str) -> bool:
    """Whether analysis keeps a Latin word: no stop word, none of one letter."""
    return word not in _STOP and len(word) > 1


def bigrams(text: str) -> list[str]:
    """Latin words (stemmed, no stop words) and Hangul/Han character bigrams of ``text``
    (already case-folded and simplified); a one-character run is its own token."""
    tokens: list[str] = []
    for run in _RUNS.findall(text):
        if run.isascii():
            if _kept(run):
                tokens.append(stem(run))
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


@cache
def _kiwi() -> Kiwi:
    from kiwipiepy import Kiwi  # imported late: the model takes about a second to load

    # Without the typo and multi-word dictionaries (the analysis never asks for typo
    # correction, and the statutes tokenise the same) Kiwi starts and answers its first
    # question in about half the time; without its default dictionary of proper nouns
    # in about a third less again. That one changes the analysis a little: a name it
    # lists (한국인터넷진흥원, 전략물자관리원) is read as its parts, joined in pairs as any
    # compound is (한국, 인터넷, 진흥원, 한국인터넷, 인터넷진흥원): 456 of the bundled
    # statutes' 107,295 search words, none of the benchmark's Korean questions' and 14
    # of the glossary's 966 (benchmarks/kiwi_startup.py); the search benchmark's
    # rankings are the same (benchmarks/search.py, bundled laws).
    return Kiwi(load_default_dict=False, load_typo_dict=False, load_multi_dict=False)


def korean_words(text: str) -> list[str]:
    """Kiwi morphemes of Korean ``text``: nouns, roots and verb/adjective stems, plus
    adjacent noun parts joined in pairs (개인정보처리자 → …, 개인정보, 정보처리, 처리자)."""
    return list(_korean_words_of(text))


@lru_cache(maxsize=256)
def _korean_words_of(text: str) -> tuple[str, ...]:
    """:func:`korean_words`, kept for a few texts: a question's words are asked for its
    tokens and again for its Sino-Korean bridge, and Kiwi is the slow analyser."""
    aside = _ASIDE.pop(text, None)
    words = _collect(aside) if aside is not None else None
    return words if words is not None else tuple(_korean_words(_kiwi().tokenize(text)))


# Korean texts being analysed in a forked process (``analyse_aside``): reading → (pid, pipe)
_ASIDE: dict[str, tuple[int, int]] = {}
_SEPARATOR = "\x1f"  # between words in the pipe (a control character no morpheme holds)


def analyse_aside(text: str) -> bool:
    """Start Kiwi on Korean ``text`` in a forked process; :func:`analyze` then takes its
    words from there instead of starting Kiwi itself.

    For a short-lived process (a ``corridor search`` call): Kiwi's start-up (about a
    second, holding the GIL) then runs on the other core beside the index loading and
    the question's embedding. Only while the process has one thread (forking a threaded
    process is unsafe) and Kiwi is not loaded yet; ``False`` when not started. A child
    that fails costs nothing but the time: the words are then analysed here.
    """
    if (
        not _HANGUL.search(text)
        or not hasattr(os, "fork")
        or threading.active_count() > 1
        or _kiwi.cache_info().currsize
    ):
        return False
    reading = korean_reading(text)  # what analyze asks korean_words for
    if reading in _ASIDE:
        return True
    receive, send = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: analyse, write, leave without the parent's exit handlers
        status = 1
        try:
            os.close(receive)
            words = _korean_words(_kiwi().tokenize(reading))
            with os.fdopen(send, "wb") as pipe:
                pipe.write(_SEPARATOR.join(words).encode("utf-8"))
            status = 0
        finally:
            os._exit(status)
    os.close(send)
    _ASIDE[reading] = (pid, receive)
    return True


def _collect(aside: tuple[int, int]) -> tuple[str, ...] | None:
    """The words a forked analysis wrote, once it has ended; None if it failed."""
    pid, receive = aside
    with os.fdopen(receive, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    text = data.decode("utf-8")
    return tuple(text.split(_SEPARATOR)) if text else ()


def korean_reading(text: str) -> str:
    """Korean ``text`` as its morphemes are read: case-folded, Hanja read as Hangul."""
    folded = text.casefold()
    return _HAN_RUN.sub(lambda m: hanja_reading(m.group()), folded)


def _korean_words(morphemes: Iterable[Token]) -> list[str]:
    words: list[str] = []
    previous: Token | None = None
    for token in morphemes:
        tag = token.tag.partition("-")[0]  # VV-R, VA-I: (ir)regular conjugation marks
        if tag in _KO_WORDS:
            words.append(token.form)
        if tag in _KO_PARTS:
            adjacent = previous is not None and previous.start + previous.len == token.start
            if adjacent and previous is not None and previous.tag != "XSN":
                words.append(previous.form + token.form)
            previous = token
        else:
            previous = None
    return words


def chinese_words(text: str) -> list[str]:
    """jieba search-mode words of the Han runs of simplified ``text``, single characters
    left out (向境外提供个人信息 → 境外, 提供, 个人, 信息, 个人信息)."""
    return list(_chinese_words_of(text))


@lru_cache(maxsize=256)
def _chinese_words_of(text: str) -> tuple[str, ...]:
    """:func:`chinese_words`, kept for a few texts: a question's words are asked for its
    tokens and again for its bridge and dictionary words."""
    import rjieba

    return tuple(
        word
        for run in _HAN_RUN.findall(text)
        for word in rjieba.cut_for_search(run)
        if len(word) > 1
    )


def analyze(text: str, *, lang: str | None = None) -> list[str]:
    """Search tokens of ko/zh/en ``text``; ``lang`` defaults to :func:`detect_lang`.

    Korean text's Hanja runs are read as Hangul for its morphemes and bigrams, and keep
    their own (simplified) Han bigrams too, so they also meet Chinese text.
    """
    folded = text.casefold()
    lang = lang or detect_lang(folded)
    if lang == "ko":
        hanja = _HAN_RUN.findall(folded)
        read = korean_reading(folded)
        tokens = bigrams(to_simplified(read)) + korean_words(read)
        for run in hanja:
            tokens += bigrams(to_simplified(run))
        return tokens
    simplified = to_simplified(folded)
    tokens = bigrams(simplified)
    if lang == "zh":
        tokens += chinese_words(simplified)
    return tokens
