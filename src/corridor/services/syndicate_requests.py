"""Accepting a proposed syndicate as a group meeting the schedule must seat.

``corridor syndicates`` proposes, for each raising startup, cross-border investor pairs
and trios whose theses fit it. An organiser accepts one: it becomes a group request of
the mission (a Korean and a Chinese/Hong Kong investor with the startup meet once,
together), exactly like one written in mission.toml's ``[[group_meetings]]``, marked
as coming from matching and carrying the proposal's reasons and who accepted it.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Engine

from corridor.core.mission import GroupRequest, RequestOrigin
from corridor.exc import Conflict, InvalidInput, NotFound
from corridor.services.matching import mission_syndicates
from corridor.services.uow import unit_of_work


def accept_syndicate(
    engine: Engine, mission_key: str, startup: str, *, option: int = 1, actor: str
) -> GroupRequest:
    """Make the ``option``-th syndicate proposed now for ``startup`` a group request.

    Proposals are computed again (behind today's screening, like accepted
    recommendations), so only what is proposed now can be accepted. ``Conflict`` when
    the same parties are already asked to meet together."""
    proposed = mission_syndicates(engine, mission_key).get(startup, [])
    if len(proposed) == 0:
        raise NotFound("syndicate proposal for", startup)
    if not 1 <= option <= len(proposed):
        raise InvalidInput(f"option must be 1–{len(proposed)}", field="option", value=option)
    chosen = proposed[option - 1]
    parties = (chosen.startup, *chosen.investors)
    with unit_of_work(engine) as uow:
        mission = uow.missions.mission(mission_key)
        if any(set(g.parties) == set(parties) for g in mission.group_requests):
            raise Conflict(f"{' + '.join(parties)} are already asked to meet together")
        request = GroupRequest(
            key=f"syndicate-{startup}-{len(mission.group_requests) + 1}",
            parties=parties,
            note=f"accepted by {actor} from the syndicate proposals: " + "; ".join(chosen.reasons),
            origin=RequestOrigin.MATCH,
        )
        uow.missions.save_mission(
            replace(mission, group_requests=(*mission.group_requests, request))
        )
    return request
