"""Matching on a LocalCluster of 2 workers gives one process's pairs, selection and
explanations; the workers build their concept index once, not once per slice."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.match.assign import assign
from corridor.match.candidates import candidate_pairs
from corridor.match.profile import Profile, build_profile
from corridor.match.scoring import explain, get_algorithm
from corridor.scale.cluster import connect
from corridor.scale.matching import candidate_table_on, explained, recommend_on, select

OFFERS = [
    ({"en": "humanoid robots"}, {"zh": "减速器"}),
    ({"zh": "减速器"}, {"en": "humanoid robots"}),
    ({"ko": "라이다"}, {"en": "autonomous driving"}),
    ({"en": "autonomous driving"}, {"ko": "라이다"}),
    ({"zh": "医学影像"}, {"ko": "의료 AI"}),
    ({"ko": "의료 AI"}, {"zh": "医学影像"}),
]


def _profiles(count: int) -> list[Profile]:
    # Keys out of position order (o119 first), so the ranking's ties by key are tested.
    orgs = [
        Organization(
            f"o{count - i:03d}",
            (OrgKind.STARTUP, OrgKind.CORPORATE, OrgKind.INVESTOR)[i % 3],
            "KR" if i % 2 == 0 else "CN",
            (Name(f"Org {i}", Script.LATIN, "en"),),
            offers=OFFERS[i % len(OFFERS)][0],
            seeks=OFFERS[(i * 7) % len(OFFERS)][1],
        )
        for i in range(count)
    ]
    return [build_profile(o) for o in orgs]


@pytest.mark.parametrize("exact_limit", [20_000, 0])  # CP-SAT, then greedy
def test_two_workers_give_the_single_process_pairs_and_selection(exact_limit: int) -> None:
    profiles = _profiles(120)
    expected = candidate_pairs(profiles, get_algorithm(), per_org=10)
    assert len(expected) > 100
    startups = {p.key for p in profiles if p.org.kind is OrgKind.STARTUP}
    capacity = {p.key: 3 for p in profiles}
    chosen = assign(expected, capacity, startups, exact_limit=exact_limit)
    assert 0 < len(chosen) < len(expected)  # capacity binds: the selection is tested
    with connect(workers=2) as client:
        table = candidate_table_on(client, profiles, per_org=10, slice_size=17)
        assert table.triples(profiles) == [(s.a, s.b, s.value) for s in expected]
        got = explained(
            select(table, profiles, capacity, startups, exact_limit=exact_limit), profiles
        )
        assert got == chosen
        by_key = {p.key: p for p in profiles}
        for lang in ("en", "ko", "zh"):
            assert [explain(s, by_key[s.a], by_key[s.b], lang) for s in got] == [
                explain(s, by_key[s.a], by_key[s.b], lang) for s in chosen
            ]
        if exact_limit > 0:
            assert recommend_on(client, profiles, capacity, startups, per_org=10) == chosen


def test_each_worker_builds_the_concept_index_once() -> None:
    def count_builds() -> None:
        # On a worker: the index builder wrapped so that each build is counted.
        from corridor.services import batch_matching

        build = batch_matching.index_profiles
        sizes: list[int] = []

        def counted(profiles: Sequence[Profile]) -> dict[str, list[int]]:
            sizes.append(len(profiles))
            return build(profiles)

        counted.sizes = sizes  # type: ignore[attr-defined]
        batch_matching.index_profiles = counted  # type: ignore[assignment]

    def builds() -> int:
        from corridor.services import batch_matching

        return len(batch_matching.index_profiles.sizes)  # type: ignore[attr-defined]

    profiles = _profiles(60)
    with connect(workers=2) as client:
        client.run(count_builds)
        before = client.run(builds)
        candidate_table_on(client, profiles, per_org=10, slice_size=5)  # 12 slices
        after = client.run(builds)
    assert sum(after.values()) - sum(before.values()) <= len(after)
    assert sum(after.values()) - sum(before.values()) >= 1
