"""The dashboard's "held by screening" panel and the mission's hold-policy form.

Staff only: a participant never learns that screening holds anyone (DESIGN.md), so the
panel's data is not even put in the page context for other roles.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import Engine

from corridor.exc import CorridorError
from corridor.services.admission import POLICIES, admission, set_hold_policy
from corridor.services.users import Principal
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.pages.matching import forget
from corridor.web.routes import EVERYONE, ORGANISERS

router = APIRouter()


def held_context(engine: Engine, user: Principal, key: str, policy_error: str) -> dict[str, Any]:
    """What dashboard_held.html reads: the admission (None for non-staff), whether the
    caller may change the policy, and the policy form's last error."""
    staff = user.has_any(EVERYONE.roles)  # staff only, never a participant
    return {
        "admission": admission(engine, key) if staff else None,
        "policies": POLICIES,
        "can_set_policy": user.has_any(ORGANISERS.roles),
        "policy_error": policy_error,
    }


@router.post("/missions/{key}/policy")
def policy_page(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    key: str,
    hold_policy: Annotated[str, Form(max_length=20)] = "",
) -> RedirectResponse:
    """Set the mission's hold policy; back to the dashboard's panel (with the error)."""
    back = f"/missions/{key}"
    try:
        set_hold_policy(engine, key, hold_policy, actor=user.name)
    except CorridorError as err:
        return RedirectResponse(
            back + "?" + urlencode({"policy_error": str(err)}) + "#held", status_code=303
        )
    forget(request, key)  # recommendations follow the policy at once
    return RedirectResponse(back + "#held", status_code=303)
