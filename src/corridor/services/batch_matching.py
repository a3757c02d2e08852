"""Matching at registry scale: the piece scale/ runs on each worker.

A mission matches hundreds of organisations in one process. An agency's whole
registry (10⁵ organisations) is matched in slices: every worker holds all profiles
(shipped once) and their concept index (built once per worker), and scores the
candidates of its slice of organisations. The slices' pairs are merged and ranked as
``candidate_pairs`` ranks them, so the result is the same as in one process.
"""

from __future__ import annotations

from collections.abc import Sequence

from corridor.match.candidates import candidates_of, index_profiles
from corridor.match.profile import Profile
from corridor.match.scoring import Scored, get_algorithm

_HELD: list[tuple[int, dict[str, list[int]]]] = []


def score_slice(
    profiles: Sequence[Profile], algorithm: str, start: int, stop: int, per_org: int = 40
) -> list[tuple[tuple[int, int], Scored]]:
    """The scored candidate pairs of the organisations at ``start``..``stop`` that can be
    recommended (at or above the algorithm's floor): the rest would be dropped by the
    ranking anyway, so their features do not travel back."""
    if len(_HELD) == 0 or _HELD[0][0] != id(profiles):
        _HELD[:] = [(id(profiles), index_profiles(profiles))]  # once per worker
    scoring = get_algorithm(algorithm)
    found = candidates_of(profiles, _HELD[0][1], scoring, range(start, stop), per_org)
    floor = scoring.config["min_value"]
    return [(pair, s) for pair, s in found.items() if s.value >= floor]
