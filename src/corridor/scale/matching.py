"""Matching a large set of organisations on Dask: candidates scored in slices on the
workers, ranked and selected here on arrays, explained for the chosen pairs only.

The profiles go to every worker once; each task finds and scores the candidates of a
slice of organisations against all of them (``services.batch_matching.score_slice``)
and sends back positions and values, not scored objects (pickling 10⁵ pairs with their
features took longer than scoring them). Here the slices are merged (a pair found
from both ends is kept once) and ranked exactly as one process ranks them (value, then
the two keys); the capacity-aware selection runs on the ranked arrays — exact (CP-SAT)
up to its limit of candidate pairs, greedy by value beyond it, which keeps at least
half the optimum's value (the benchmark reports how far it is from the LP relaxation's
bound) — and only the chosen pairs are scored again with their features, which gives
the same pairs, values and explanations as ``assign(candidate_pairs(…))`` in one
process. Organisation keys are taken to be unique.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from corridor.match.assign import assign
from corridor.match.features import Feature
from corridor.match.profile import Profile
from corridor.match.scoring import Scored
from corridor.services.batch_matching import Positions, Values, score_slice, scored_pairs

if TYPE_CHECKING:
    from distributed import Client

_NO_FEATURES: dict[str, Feature] = {}  # shared by the value-only pairs handed to CP-SAT


@dataclass(frozen=True)
class PairTable:
    """Candidate pairs as arrays, best first: positions ``a`` < ``b`` in the profiles
    and the pair's value (``Scored.a``, ``.b`` and ``.value`` without the features)."""

    a: Positions
    b: Positions
    value: Values

    def __len__(self) -> int:
        return len(self.value)

    def rows(self, chosen: npt.NDArray[np.intp]) -> PairTable:
        """The pairs at ``chosen`` rows, in that order."""
        return PairTable(self.a[chosen], self.b[chosen], self.value[chosen])

    def triples(self, profiles: Sequence[Profile]) -> list[tuple[str, str, float]]:
        """(key, key, value) of each pair, in order: what comparing with ``Scored`` needs."""
        keys = [p.key for p in profiles]
        return [
            (keys[i], keys[j], v)
            for i, j, v in zip(self.a.tolist(), self.b.tolist(), self.value.tolist(), strict=True)
        ]


def candidate_table_on(
    client: Client,
    profiles: Sequence[Profile],
    *,
    algorithm: str = "match-v1",
    per_org: int = 40,
    slice_size: int = 5_000,
) -> PairTable:
    """``candidate_pairs(profiles, …)`` as a ``PairTable``, scored on the cluster's workers."""
    # One object, not a list of them: scattering a list makes a key per profile (10⁵ keys
    # swamp the scheduler) and hands each task a new list, so every slice would build
    # the concept index again. Not hashed: tokenising 10⁴ profiles took 2.9 CPU-seconds
    # on the client, ten times what pickling them takes.
    [shipped] = client.scatter([list(profiles)], broadcast=True, hash=False)
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
    parts = client.gather(futures)
    client.cancel([shipped, *futures])
    return ranked_table(profiles, parts)


def ranked_table(
    profiles: Sequence[Profile], parts: Sequence[tuple[Positions, Positions, Values]]
) -> PairTable:
    """The slices' pairs, each once, ranked as ``match.candidates.ranked`` ranks them."""
    a = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int32)
    b = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32)
    value = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.float64)
    _, first = np.unique(a.astype(np.int64) * len(profiles) + b, return_index=True)
    a, b, value = a[first], b[first], value[first]
    rank = _key_ranks(profiles)
    order = np.lexsort((rank[b], rank[a], -value))  # the last key sorts first
    return PairTable(a[order], b[order], value[order])


def _key_ranks(profiles: Sequence[Profile]) -> npt.NDArray[np.intp]:
    """Each profile's place in the order of the keys (as Python compares strings)."""
    keys = np.array([p.key for p in profiles], dtype=np.str_)
    _, inverse = np.unique(keys, return_inverse=True)
    return inverse


def select(
    table: PairTable,
    profiles: Sequence[Profile],
    capacity: Mapping[str, int],
    startups: set[str],
    *,
    exact_limit: int = 20_000,
    time_limit: float = 10.0,
) -> PairTable:
    """The pairs ``match.assign.assign`` chooses from the same ranked pairs, in order."""
    if len(table) <= exact_limit:
        keys = [p.key for p in profiles]
        light = [
            Scored(keys[i], keys[j], v, _NO_FEATURES)
            for i, j, v in zip(
                table.a.tolist(), table.b.tolist(), table.value.tolist(), strict=True
            )
        ]
        row = {(s.a, s.b): r for r, s in enumerate(light)}
        chosen = assign(light, capacity, startups, exact_limit=exact_limit, time_limit=time_limit)
        return table.rows(np.array([row[(s.a, s.b)] for s in chosen], dtype=np.intp))
    return table.rows(_greedy_rows(table, [capacity.get(p.key, 0) for p in profiles]))


def _greedy_rows(table: PairTable, capacity: Sequence[int]) -> npt.NDArray[np.intp]:
    """``assign``'s greedy by value on positions: a pair is taken while both ends have
    room left."""
    used = [0] * len(capacity)
    rows = []
    for r, (i, j) in enumerate(zip(table.a.tolist(), table.b.tolist(), strict=True)):
        if used[i] < capacity[i] and used[j] < capacity[j]:
            used[i] += 1
            used[j] += 1
            rows.append(r)
    return np.array(rows, dtype=np.intp)


def explained(
    table: PairTable, profiles: Sequence[Profile], algorithm: str = "match-v1"
) -> list[Scored]:
    """The pairs of ``table`` with their features (scored again here), in order."""
    return scored_pairs(profiles, algorithm, table.a.tolist(), table.b.tolist())


def recommend_on(
    client: Client,
    profiles: Sequence[Profile],
    capacity: Mapping[str, int],
    startups: set[str],
    *,
    algorithm: str = "match-v1",
    per_org: int = 40,
    slice_size: int = 5_000,
) -> list[Scored]:
    """``assign(candidate_pairs(profiles, …), capacity, startups)``, the candidates
    scored on the cluster's workers."""
    table = candidate_table_on(
        client, profiles, algorithm=algorithm, per_org=per_org, slice_size=slice_size
    )
    return explained(select(table, profiles, capacity, startups), profiles, algorithm)
