"""Matching at registry scale: the piece scale/ runs on each worker.

A mission matches hundreds of organisations in one process. An agency's whole
registry (10⁵ organisations) is matched in slices: every worker holds all profiles
(shipped once) and their concept index (built once per worker, on the first slice it
scores), and finds and scores the candidates of its slice of organisations. A slice
answers with values, not objects: the two positions and the value of each pair that
can be recommended, as arrays (12 bytes a pair). Pickling the scored pairs with their
features costs more than scoring them, so the features of the pairs finally chosen
are computed again where they are needed (``scored_pairs``), with the same result.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from corridor.match.candidates import candidates_of, index_profiles
from corridor.match.profile import Profile
from corridor.match.scoring import Scored, get_algorithm

Positions = npt.NDArray[np.int32]
Values = npt.NDArray[np.float64]

# The profiles this worker holds and their concept index. The profiles themselves are
# kept (not their id()), so that a new list can never be taken for a freed one.
_HELD: list[tuple[Sequence[Profile], dict[str, list[int]]]] = []


def held_index(profiles: Sequence[Profile]) -> dict[str, list[int]]:
    """The concept index of ``profiles``, built on the first call for this object only."""
    if len(_HELD) == 0 or _HELD[0][0] is not profiles:
        _HELD[:] = [(profiles, index_profiles(profiles))]
    return _HELD[0][1]


def score_slice(
    profiles: Sequence[Profile], algorithm: str, start: int, stop: int, per_org: int = 40
) -> tuple[Positions, Positions, Values]:
    """The candidate pairs of the organisations at ``start``..``stop`` that can be
    recommended (at or above the algorithm's floor), as (lower position, higher
    position, value) arrays; the rest would be dropped by the ranking anyway."""
    scoring = get_algorithm(algorithm)
    found = candidates_of(profiles, held_index(profiles), scoring, range(start, stop), per_org)
    floor = scoring.config["min_value"]
    kept = [(i, j, s.value) for (i, j), s in found.items() if s.value >= floor]
    lower = np.fromiter((i for i, _, _ in kept), dtype=np.int32, count=len(kept))
    higher = np.fromiter((j for _, j, _ in kept), dtype=np.int32, count=len(kept))
    values = np.fromiter((v for _, _, v in kept), dtype=np.float64, count=len(kept))
    return lower, higher, values


def scored_pairs(
    profiles: Sequence[Profile], algorithm: str, lower: Sequence[int], higher: Sequence[int]
) -> list[Scored]:
    """The pairs at these positions scored again, features and all: what one process's
    ``candidate_pairs`` holds for them."""
    scoring = get_algorithm(algorithm)
    return [scoring.score(profiles[i], profiles[j]) for i, j in zip(lower, higher, strict=True)]
