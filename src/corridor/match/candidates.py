"""Candidate pairs from an inverted index of concepts: no all-pairs scoring.

An organisation meets as candidates the parties that offer what it seeks, seek
what it offers, supply what it makes, share its sectors, or (for investors) work in
the sectors of their thesis; each shared reason is a vote weighted by rarity, and
only the ``per_org`` best-voted candidates of each organisation are scored. Exact
complements (offer what it seeks and seek what it offers) are indexed by the
(offer, seek) pair itself, so they are found even among very common concepts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from corridor.match.profile import Profile
from corridor.match.scoring import MatchAlgorithm, Scored
from corridor.text.concepts import concepts


def index_profiles(profiles: Sequence[Profile]) -> dict[str, list[int]]:
    """The concept index: key → positions of the profiles holding it."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for c in p.offers:
            postings[f"o:{c}"].append(i)
        for c in p.seeks:
            postings[f"s:{c}"].append(i)
        for s in p.org.sectors:
            postings[f"x:{s}"].append(i)
        for o in p.offers:  # exact complements: offers o and seeks s
            for s in p.seeks:
                postings[f"c:{o}|{s}"].append(i)
    return postings


def _keys(p: Profile) -> list[str]:
    table = concepts()
    keys = [f"o:{c}" for c in p.seeks] + [f"s:{c}" for c in p.offers]
    keys += [f"o:{t}" for c in p.offers if c in table for t in table[c].supplies]
    keys += [f"x:{s}" for s in p.org.sectors]
    if p.org.thesis is not None:
        keys += [f"x:{s}" for s in p.org.thesis.sectors]
    # Someone who offers what this one seeks AND seeks what it offers: the best evidence.
    keys += [f"c:{s}|{o}" for s in p.seeks for o in p.offers]
    return keys


def candidate_pairs(
    profiles: Sequence[Profile], algorithm: MatchAlgorithm, per_org: int = 40, cap: int = 2000
) -> list[Scored]:
    """Scored candidate pairs (each once), best first, above the algorithm's floor.

    ``cap`` bounds how much of a very common posting (everyone seeks customers)
    is read per key, so the cost stays linear in the number of organisations.
    """
    postings = index_profiles(profiles)
    found = candidates_of(profiles, postings, algorithm, range(len(profiles)), per_org, cap)
    return ranked(found.values(), algorithm)


def candidates_of(
    profiles: Sequence[Profile],
    postings: Mapping[str, Sequence[int]],
    algorithm: MatchAlgorithm,
    rows: Iterable[int],
    per_org: int = 40,
    cap: int = 2000,
) -> dict[tuple[int, int], Scored]:
    """The scored candidate pairs of the profiles at ``rows`` (a slice of the whole, so
    that partitions can be scored apart), by (lower, higher) position. A pair found from
    both ends in two slices is scored twice, with the same result."""
    scored: dict[tuple[int, int], Scored] = {}
    for i in rows:
        p = profiles[i]
        votes: dict[int, float] = defaultdict(float)
        for key in _keys(p):
            posting = postings.get(key, [])
            weight = (3.0 if key.startswith("c:") else 1.0) / math.log(2 + len(posting))
            for j in posting[:cap]:
                votes[j] += weight
        ranked_ids = sorted(votes, key=lambda j: (-votes[j], j))
        kept = 0
        for j in ranked_ids:
            if kept >= per_org:
                break
            if j == i or not algorithm.eligible(p, profiles[j]):
                continue
            kept += 1
            pair = (min(i, j), max(i, j))
            if pair not in scored:
                scored[pair] = algorithm.score(profiles[pair[0]], profiles[pair[1]])
    return scored


def ranked(scored: Iterable[Scored], algorithm: MatchAlgorithm) -> list[Scored]:
    """Pairs above the algorithm's floor, best first (ties by keys)."""
    floor = algorithm.config["min_value"]
    return sorted((s for s in scored if s.value >= floor), key=lambda s: (-s.value, s.a, s.b))
