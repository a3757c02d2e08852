"""Candidate scoring of a large set of organisations on Dask, in slices.

The profiles go to every worker once; each task scores the candidates of a slice of
organisations against all of them (``services.batch_matching.score_slice``); the pairs
come back, are merged (a pair found from both ends is kept once) and ranked exactly as
one process ranks them. The capacity-aware selection then runs here, on the client:
exact (CP-SAT) up to its limit of candidate pairs, greedy by value beyond it — greedy
weighted b-matching keeps at least half the optimum's value, and the benchmark reports
how far it is from the LP relaxation's bound where that is computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from corridor.match.candidates import ranked
from corridor.match.profile import Profile
from corridor.match.scoring import Scored, get_algorithm
from corridor.services.batch_matching import score_slice

if TYPE_CHECKING:
    from distributed import Client


def candidate_pairs_on(
    client: Client,
    profiles: Sequence[Profile],
    *,
    algorithm: str = "match-v1",
    per_org: int = 40,
    slice_size: int = 5_000,
) -> list[Scored]:
    """``candidate_pairs(profiles, …)``, scored on the cluster's workers."""
    # One object, not a list of them: scattering a list makes a key per profile (10⁵ keys
    # swamp the scheduler) and hands each task a new list, so every slice would build
    # the concept index again.
    [shipped] = client.scatter([list(profiles)], broadcast=True)
    futures = [
        client.submit(
            score_slice,
            shipped,
            algorithm,
            start,
            min(start + slice_size, len(profiles)),
            per_org,
            pure=False,
        )
        for start in range(0, len(profiles), slice_size)
    ]
    merged: dict[tuple[int, int], Scored] = {}
    for part in client.gather(futures):
        merged.update(part)
    return ranked(merged.values(), get_algorithm(algorithm))
