"""Legal forms of company names in Korean, Chinese and English.

"Co., Ltd.", 有限公司 and 주식회사 carry almost no identity: two names that differ
only in them are the same name. Stripping returns the core and a canonical tag
per form, so a matcher can still tell a GmbH from a ministry.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from corridor.text.normalize import clean

# (surface form, canonical tag), longest first within each script.
_CJK_FORMS: Final = (
    ("股份有限公司", "co_ltd"),
    ("有限责任公司", "llc"),
    ("有限責任公司", "llc"),
    ("集团有限公司", "group_co_ltd"),
    ("集團有限公司", "group_co_ltd"),
    ("有限公司", "co_ltd"),
    ("股份公司", "co_ltd"),
    ("集团公司", "group"),
    ("集團公司", "group"),
    ("总公司", "corp"),
    ("總公司", "corp"),
    ("公司", "co"),
    ("유한책임회사", "llc"),
    ("총회사", "corp"),
    ("주식회사", "co_ltd"),
    ("유한회사", "co_ltd"),
    ("합자회사", "lp"),
    ("합명회사", "gp"),
    ("재단법인", "foundation"),
    ("사단법인", "association"),
    ("회사", "co"),
    ("(주)", "co_ltd"),
    ("(유)", "co_ltd"),
    ("(株)", "co_ltd"),
    ("株式会社", "co_ltd"),
)
_LATIN_FORMS: Final = (
    ("company limited", "co_ltd"),
    ("co ltd", "co_ltd"),
    ("co limited", "co_ltd"),
    ("corporation limited", "corp"),
    ("general corporation", "corp"),
    ("limited liability company", "llc"),
    ("public limited company", "plc"),
    ("joint stock company", "jsc"),
    ("incorporated", "inc"),
    ("corporation", "corp"),
    ("company", "co"),
    ("limited", "ltd"),
    ("corp", "corp"),
    ("inc", "inc"),
    ("ltd", "ltd"),
    ("llc", "llc"),
    ("plc", "plc"),
    ("gmbh", "gmbh"),
    ("ag", "ag"),
    ("sa", "sa"),
    ("jsc", "jsc"),
    ("ojsc", "jsc"),
    ("cjsc", "jsc"),
    ("pjsc", "jsc"),
    ("ooo", "llc"),
    ("llp", "llp"),
    ("lp", "lp"),
    ("co", "co"),
    ("pte", "pte"),
    ("bv", "bv"),
    ("nv", "nv"),
    ("srl", "srl"),
    ("spa", "spa"),
    ("kk", "co_ltd"),
    ("fze", "fze"),
    ("fzco", "fze"),
)
_LATIN_RE: Final = re.compile(
    r"(?:^|\s)(" + "|".join(re.escape(f) for f, _ in _LATIN_FORMS) + r")(?=\s|$)"
)
_LATIN_TAGS: Final = dict(_LATIN_FORMS)


def _latin_key(text: str) -> str:
    return re.sub(r"[.,()&]", " ", text.casefold()).replace("  ", " ")


def strip_legal_forms(text: str) -> tuple[str, tuple[str, ...]]:
    """The name without its legal forms, and the canonical tags of those removed.

    >>> strip_legal_forms("㈜레인보우로보틱스")
    ('레인보우로보틱스', ('co_ltd',))
    >>> strip_legal_forms("SZ DJI Technology Co., Ltd.")
    ('SZ DJI Technology', ('co_ltd',))
    """
    return _strip(text)


@lru_cache(maxsize=32_768)
def _strip(text: str) -> tuple[str, tuple[str, ...]]:
    """``strip_legal_forms``, cached: a name's forms strip the same text several times
    (its script, its simplified form, its core), 5 calls per name in a bulk import."""
    core, tags = clean(text), []
    for form, tag in _CJK_FORMS:
        if form in core:
            core = core.replace(form, " ")
            tags.append(tag)
    words = core.split()
    kept: list[str] = []
    i = 0
    while i < len(words):
        matched = _match_latin(words, i)
        if matched is None:
            kept.append(words[i])
            i += 1
        else:
            tag, width = matched
            tags.append(tag)
            i += width
    stripped = " ".join(kept).strip(" ,.-&")
    return (stripped or clean(text)), tuple(dict.fromkeys(tags))


def _match_latin(words: list[str], start: int) -> tuple[str, int] | None:
    """A legal form starting at ``words[start]`` (only at the end part of a name)."""
    if start == 0:
        return None  # "Company of …" or a name that is only a form stays a name
    for width in (3, 2, 1):
        phrase = " ".join(_latin_key(w).strip() for w in words[start : start + width])
        phrase = " ".join(phrase.split())
        if phrase in _LATIN_TAGS and _only_forms_follow(words, start + width):
            return _LATIN_TAGS[phrase], width
    return None


def _only_forms_follow(words: list[str], start: int) -> bool:
    rest = " ".join(_latin_key(w) for w in words[start:])
    return all(token in _LATIN_TAGS or token == "" for token in rest.split())
