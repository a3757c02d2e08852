"""The portal's feedback and outcome pages: a delegate's word on each meeting, and
what came of the meetings months later, for their own organisation only.

The organisation is the delegate's scope (services/portal_outcomes.py); a form that
names another is refused there. Bad input comes back as the same page, the form
refilled and the field that broke a rule marked, the rule in the delegate's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import quote

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from corridor.core.outcomes import OutcomeKind
from corridor.exc import InvalidInput
from corridor.services import portal_outcomes
from corridor.services.outcomes import MAX_NOTE
from corridor.services.users import Principal
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.i18n import _, current
from corridor.web.pages.portal import page

router = APIRouter()


@dataclass(frozen=True, slots=True)
class Problem:
    """The field a form broke a rule in, and the rule in the reader's language."""

    field: str
    label: str
    text: str


def _rules() -> dict[str, str]:
    """The rules the outcome services state (in English), in the reader's language."""
    return {
        "say whether the meeting was held": _("Say whether the meeting was held."),
        "a rating is 1 to 5, or none": _("A rating is 1 to 5, or none."),
        "a meeting not held has no rating": _("A meeting that was not held has no rating."),
        "not a partner this organisation met in the published schedule": _(
            "Your organisation did not meet this partner in the published schedule."
        ),
        "at most 6 decimal places": _("At most 6 decimal places."),
        "not a number": _("Not a number."),
        "not an ISO 4217 currency code": _(
            "Not an ISO 4217 currency code (such as KRW, CNY or USD)."
        ),
        "only an investment has an amount": _("Only an investment has an amount."),
        "only an investment has a currency": _("Only an investment has a currency."),
        "a closed investment needs its amount": _("A closed investment needs its amount."),
        "a currency without an amount": _("A currency needs an amount."),
        "an amount is a positive number": _("An amount is a positive number."),
        "an amount needs its currency (ISO 4217)": _("An amount needs its currency (ISO 4217)."),
        "a date as YYYY-MM-DD": _("A date as YYYY-MM-DD."),
        "an outcome is reported once it happened": _(
            "An outcome is reported once it has happened, not before."
        ),
        "name the partner(s) of the meeting(s) it came from": _(
            "Choose the partner(s) of the meeting(s) it came from."
        ),
    }


def _by_prefix(rule: str) -> str | None:
    """Rules whose English text carries a figure or a list."""
    if rule.startswith("before the mission began"):
        return _("A date before the mission began.")
    if rule.startswith("one of "):
        return _("Choose one of the kinds listed.")
    if rule == f"at most {MAX_NOTE} characters":
        return _("At most %(num)d characters.") % {"num": MAX_NOTE}
    return None


def _labels() -> dict[str, str]:
    return {
        "partner": _("Meeting with"),
        "held": _("Was the meeting held?"),
        "rating": _("Rating"),
        "note": _("Note"),
        "kind": _("What came of it"),
        "partners": _("From the meeting(s) with"),
        "amount": _("Amount (investments only)"),
        "currency": _("Currency (ISO 4217)"),
        "on": _("Date"),
    }


def problem_of(err: InvalidInput) -> Problem:
    """What to show beside the field that broke a rule."""
    field = err.field or ""
    text = _rules().get(err.rule) or _by_prefix(err.rule) or _("This value is not accepted.")
    return Problem(field, _labels().get(field, field), text)


def _helpers() -> dict[str, Any]:
    locale = current()

    def money(amount: Decimal, currency: str | None) -> str:
        if currency is None:
            return format_decimal(amount, locale=locale)
        return format_currency(amount, currency, locale=locale)

    return {
        "money": money,
        "on_day": lambda on: format_date(on, format="long", locale=locale),
        "listed": lambda items: format_list(list(items), locale=locale),
        "kind_keys": [kind.value for kind in OutcomeKind],
    }


async def _tab_page(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    tab: str,
    name: str,
    read: Callable[[Engine, Principal, str], Any],
    *,
    problem: Problem | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    """The feedback or outcomes tab: what ``read`` finds (in the context as ``name``),
    the form, and a refused form's problem (then 422)."""
    found = await run_in_threadpool(read, engine, user, current())
    context = {
        name: found,
        "done": request.query_params.get("done"),
        "problem": problem,
        "values": values or {},
        "tab": tab,
        **_helpers(),
    }
    response = page(request, tab, context)
    if problem is not None:
        response.status_code = 422
    return response


async def _feedback_page(
    request: Request, engine: EngineDep, user: CurrentUser, **form: Any
) -> Response:
    met = portal_outcomes.met
    return await _tab_page(request, engine, user, "feedback", "partners", met, **form)


@router.get("/portal/feedback")
async def feedback(request: Request, engine: EngineDep, user: CurrentUser) -> Response:
    """The partners met in the published schedule, each with its feedback or a form."""
    return await _feedback_page(request, engine, user)


@router.post("/portal/feedback")
async def feedback_post(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    partner: Annotated[str, Form(max_length=80)] = "",
    held: Annotated[str, Form(max_length=5)] = "",
    rating: Annotated[str, Form(max_length=5)] = "",
    follow_up: Annotated[str, Form(max_length=5)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
    org: Annotated[str | None, Form(max_length=80)] = None,
) -> Response:
    """Record feedback on one meeting; bad input comes back marked, nothing written."""
    try:
        await run_in_threadpool(
            lambda: portal_outcomes.give_feedback(
                engine,
                user,
                partner=partner,
                held=held,
                rating=rating,
                follow_up=follow_up == "yes",
                note=note,
                org=org,
            )
        )
    except InvalidInput as err:
        values = {
            "partner": partner,
            "held": held,
            "rating": rating,
            "follow_up": follow_up,
            "note": note,
        }
        return await _feedback_page(request, engine, user, problem=problem_of(err), values=values)
    done = quote(partner.strip(), safe="")
    return RedirectResponse(f"/portal/feedback?done={done}#f-{done}", status_code=303)


async def _outcomes_page(
    request: Request, engine: EngineDep, user: CurrentUser, **form: Any
) -> Response:
    found = portal_outcomes.reported
    return await _tab_page(request, engine, user, "outcomes", "reported", found, **form)


@router.get("/portal/outcomes")
async def outcomes(request: Request, engine: EngineDep, user: CurrentUser) -> Response:
    """The outcomes reported so far by the delegate's organisation, and the form."""
    return await _outcomes_page(request, engine, user)


@router.post("/portal/outcomes")
async def outcome_post(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    kind: Annotated[str, Form(max_length=40)] = "",
    partners: Annotated[list[str] | None, Form(max_length=80)] = None,
    amount: Annotated[str, Form(max_length=40)] = "",
    currency: Annotated[str, Form(max_length=3)] = "",
    on: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
    org: Annotated[str | None, Form(max_length=80)] = None,
) -> Response:
    """Record an outcome from one or more meetings; bad input comes back marked."""
    chosen = partners or []
    try:
        await run_in_threadpool(
            lambda: portal_outcomes.report(
                engine,
                user,
                kind=kind,
                partners=chosen,
                amount=amount,
                currency=currency,
                on=on,
                note=note,
                org=org,
            )
        )
    except InvalidInput as err:
        values = {
            "kind": kind,
            "partners": chosen,
            "amount": amount,
            "currency": currency,
            "on": on,
            "note": note,
        }
        return await _outcomes_page(request, engine, user, problem=problem_of(err), values=values)
    return RedirectResponse("/portal/outcomes?done=outcome#reported", status_code=303)
