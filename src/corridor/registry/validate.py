"""Validators for the fields of registry records.

Each returns the canonical form of a valid value and raises ``ValueError`` whose
message is the rule that was broken, worded for the person fixing the file.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Final

import pycountry

from corridor.core import vocab

_BRN_WEIGHTS: Final = (1, 3, 7, 1, 3, 7, 1, 3, 5)

# GB 32100-2015: 31 characters, no I, O, S, V, Z (easily misread).
USCC_CHARSET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_CODE_WEIGHTS: Final = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC_SHAPE: Final = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}")

_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_KEY: Final = re.compile(r"[a-z0-9][a-z0-9._-]{0,79}")
_URL: Final = re.compile(r"https?://[^\s/$.?#][^\s]*")


def kr_brn_check_digit(first9: str) -> int:
    """The check digit of a Korean business registration number (국세청 rule).

    Weighted sum with 1,3,7,1,3,7,1,3,5, plus the tens of 5 × the ninth digit.
    """
    digits = [int(c) for c in first9]
    total = sum(d * w for d, w in zip(digits, _BRN_WEIGHTS, strict=True))
    total += (digits[8] * 5) // 10
    return (10 - total % 10) % 10


def kr_brn(value: str) -> str:
    """A Korean business registration number as 10 digits (hyphens allowed in)."""
    digits = value.strip().replace("-", "").replace(" ", "")
    if re.fullmatch(r"[0-9]{10}", digits) is None:
        raise ValueError("Korean business registration number must be 10 digits (123-45-67890)")
    if kr_brn_check_digit(digits[:9]) != int(digits[9]):
        raise ValueError("Korean business registration number fails its check digit")
    return digits


def format_kr_brn(digits: str) -> str:
    """The printed form 123-45-67890."""
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def cn_uscc_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015, mod 31)."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def cn_uscc(value: str) -> str:
    """A Chinese unified social credit code, upper-cased, check character verified."""
    code = value.strip().upper().replace(" ", "")
    if len(code) != 18:
        raise ValueError("unified social credit code must be 18 characters")
    if _USCC_SHAPE.fullmatch(code) is None:
        raise ValueError(
            "unified social credit code uses 0-9 and A-Y without I, O, S, V, Z; "
            "characters 3-8 are a 6-digit administrative division code"
        )
    if org_code_check_char(code[8:16]) != code[16]:
        raise ValueError(
            "unified social credit code: characters 9-17 are not a valid organisation "
            "code (GB 11714 check character)"
        )
    if cn_uscc_check_char(code[:17]) != code[17]:
        raise ValueError("unified social credit code fails its check character (GB 32100-2015)")
    return code


def org_code_check_char(first8: str) -> str:
    """The check character of a GB 11714 organisation code (mod 11; 10 → 'X').

    The organisation code is embedded as characters 9-17 of every USCC. Its letters
    count A=10 … Z=35, unlike the USCC's own 31-character alphabet.
    """
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def country(value: str) -> str:
    """An ISO 3166-1 alpha-2 country code, upper-cased."""
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ValueError("country must be an ISO 3166-1 alpha-2 code such as KR, CN, HK")
    return code


def language(value: str) -> str:
    """An ISO 639-1 language code, lower-cased."""
    code = value.strip().lower()
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        raise ValueError("language must be an ISO 639-1 code such as ko, zh, en")
    return code


def local_time(value: str) -> datetime:
    """A local date and time of the mission, ``YYYY-MM-DD HH:MM``."""
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", text) is None:
        raise ValueError("time must be YYYY-MM-DD HH:MM, in the mission's local time")
    try:
        return datetime.fromisoformat(text.replace("T", " "))
    except ValueError:
        raise ValueError("time must be a real date and time, YYYY-MM-DD HH:MM") from None


def email(value: str) -> str:
    """An e-mail address of plausible shape (deliverability is not checked)."""
    text = value.strip()
    if _EMAIL.fullmatch(text) is None:
        raise ValueError("e-mail must look like name@example.org")
    return text


def url(value: str) -> str:
    """An http(s) URL."""
    text = value.strip()
    if _URL.fullmatch(text) is None:
        raise ValueError("URL must start with http:// or https:// and contain no spaces")
    return text


def key(value: str) -> str:
    """A stable record key: lower-case letters, digits, '.', '_' and '-'."""
    text = value.strip()
    if _KEY.fullmatch(text) is None:
        raise ValueError(
            "key must be 1-80 characters of a-z, 0-9, '.', '_', '-' starting with a letter or digit"
        )
    return text


def sector(value: str) -> str:
    """A sector code from the controlled vocabulary (docs/data-formats.md)."""
    code = value.strip().lower()
    if code not in vocab.SECTORS:
        raise ValueError("sector must be one of the controlled vocabulary codes")
    return code


def stage(value: str) -> str:
    """A funding stage code."""
    code = value.strip().lower()
    if code not in vocab.STAGES:
        raise ValueError(f"stage must be one of {', '.join(vocab.STAGES)}")
    return code


def org_kind(value: str) -> str:
    """An organisation kind code."""
    code = value.strip().lower()
    if code not in vocab.ORG_KINDS:
        raise ValueError(f"kind must be one of {', '.join(vocab.ORG_KINDS)}")
    return code


def year(value: str, *, latest: int) -> int:
    """A founding year between 1800 and ``latest``."""
    text = value.strip()
    if re.fullmatch(r"[0-9]{4}", text) is None or not 1800 <= int(text) <= latest:
        raise ValueError(f"year must be four digits between 1800 and {latest}")
    return int(text)


def amount(value: str) -> int:
    """A non-negative whole amount (digits; ',' and '_' separators allowed)."""
    text = value.strip().replace(",", "").replace("_", "")
    if re.fullmatch(r"[0-9]{1,15}", text) is None:
        raise ValueError("amount must be a whole non-negative number")
    return int(text)
