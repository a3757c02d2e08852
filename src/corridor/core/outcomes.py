"""What a mission achieved: feedback after each meeting, outcomes months later.

A meeting is named by the pair of organisations that met within a mission, not by a
stored meeting's id: a replan gives every meeting a new row, while "Samsung met BYD
at the Shanghai roundtable" stays the same fact. Both records are append-only, like
screening decisions: a correction is a new record, and the newest one for the same
thing supersedes (feedback: the same reporter and partner; an outcome: the record it
names in ``supersedes``). Nothing is deleted; a withdrawn outcome is a superseding
record marked ``withdrawn``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from corridor.exc import InvalidInput


class OutcomeKind(StrEnum):
    """What came of a meeting, in the words a ministry reports."""

    NDA = "nda"
    MOU = "mou"
    PILOT = "pilot"  # pilot or proof of concept
    JOINT_DEVELOPMENT = "joint_development"
    TERM_SHEET = "term_sheet"  # investment term sheet
    INVESTMENT_CLOSED = "investment_closed"
    HIRE = "hire"
    OTHER = "other"


INVESTMENT_KINDS = frozenset({OutcomeKind.TERM_SHEET, OutcomeKind.INVESTMENT_CLOSED})
"""Kinds that may carry an amount (and, once closed, must)."""
AGREEMENT_KINDS = frozenset({OutcomeKind.MOU, OutcomeKind.PILOT})
"""The funnel's "MOU / pilot" stage."""

MIN_RATING, MAX_RATING = 1, 5


@dataclass(frozen=True, slots=True)
class Feedback:
    """One organisation's word on one meeting: was it held, how good, what next.

    ``id`` is 0 until stored. ``rating`` is 1–5 or None (not given).
    """

    mission_key: str
    org_key: str
    partner_key: str
    held: bool
    rating: int | None
    follow_up: bool
    note: str
    actor: str
    at: datetime
    id: int = 0

    @property
    def pair(self) -> frozenset[str]:
        """The meeting this is about: the two organisations, unordered."""
        return frozenset((self.org_key, self.partner_key))


@dataclass(frozen=True, slots=True)
class Outcome:
    """Something one organisation reports came of its meeting(s) with ``partners``.

    ``amount`` and ``currency`` (ISO 4217) only for investment kinds; ``on`` is when
    it happened (signed, closed). ``supersedes`` names the record this corrects.
    """

    mission_key: str
    org_key: str
    kind: OutcomeKind
    partners: tuple[str, ...]
    amount: Decimal | None
    currency: str | None
    on: date
    note: str
    actor: str
    at: datetime
    id: int = 0
    supersedes: int | None = None
    withdrawn: bool = False

    @property
    def parties(self) -> frozenset[str]:
        """Every organisation the outcome involves: the reporter and its partners."""
        return frozenset((self.org_key, *self.partners))

    @property
    def pairs(self) -> tuple[frozenset[str], ...]:
        """The meetings it came from."""
        return tuple(frozenset((self.org_key, p)) for p in self.partners)


def check_rating(rating: int | None) -> None:
    """A rating is 1–5, or absent."""
    if rating is not None and not MIN_RATING <= rating <= MAX_RATING:
        raise InvalidInput(
            f"a rating is {MIN_RATING} to {MAX_RATING}, or none", field="rating", value=rating
        )


def outcome_kind(value: str) -> OutcomeKind:
    """The kind named by ``value``, or InvalidInput listing the kinds."""
    try:
        return OutcomeKind(value)
    except ValueError:
        kinds = ", ".join(k.value for k in OutcomeKind)
        raise InvalidInput(f"one of {kinds}", field="kind", value=value) from None


def check_amount(kind: OutcomeKind, amount: Decimal | None, currency: str | None) -> None:
    """Amounts belong to investments: required once closed, optional on a term sheet,
    refused on anything else; an amount is positive and comes with its currency."""
    if kind not in INVESTMENT_KINDS:
        if amount is not None:
            raise InvalidInput("only an investment has an amount", field="amount", value=amount)
        if currency is not None:
            raise InvalidInput(
                "only an investment has a currency", field="currency", value=currency
            )
        return
    if amount is None:
        if kind is OutcomeKind.INVESTMENT_CLOSED:
            raise InvalidInput("a closed investment needs its amount", field="amount", value=None)
        if currency is not None:
            raise InvalidInput("a currency without an amount", field="currency", value=currency)
        return
    if not amount.is_finite() or amount <= 0:
        raise InvalidInput("an amount is a positive number", field="amount", value=amount)
    if currency is None:
        raise InvalidInput("an amount needs its currency (ISO 4217)", field="currency")


def country_pair(a: str, b: str) -> str:
    """``KR–CN``: Korea first, then the other side (alphabetical among the rest)."""
    first, second = sorted((a, b), key=lambda c: (c != "KR", c))
    return f"{first}–{second}"
