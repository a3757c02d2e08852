"""Candidate scoring in slices on a LocalCluster gives one process's pairs."""

from __future__ import annotations

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.match.candidates import candidate_pairs
from corridor.match.profile import build_profile
from corridor.match.scoring import get_algorithm
from corridor.scale.cluster import connect
from corridor.scale.matching import candidate_pairs_on

OFFERS = [
    ({"en": "humanoid robots"}, {"zh": "减速器"}),
    ({"zh": "减速器"}, {"en": "humanoid robots"}),
    ({"ko": "라이다"}, {"en": "autonomous driving"}),
    ({"en": "autonomous driving"}, {"ko": "라이다"}),
    ({"zh": "医学影像"}, {"ko": "의료 AI"}),
    ({"ko": "의료 AI"}, {"zh": "医学影像"}),
]


def test_slices_on_two_workers_give_the_single_process_pairs() -> None:
    orgs = [
        Organization(
            f"o{i:03d}",
            (OrgKind.STARTUP, OrgKind.CORPORATE, OrgKind.INVESTOR)[i % 3],
            "KR" if i % 2 == 0 else "CN",
            (Name(f"Org {i}", Script.LATIN, "en"),),
            offers=OFFERS[i % len(OFFERS)][0],
            seeks=OFFERS[(i * 7) % len(OFFERS)][1],
        )
        for i in range(120)
    ]
    profiles = [build_profile(o) for o in orgs]
    expected = candidate_pairs(profiles, get_algorithm(), per_org=10)
    assert len(expected) > 100
    with connect(workers=2) as client:
        got = candidate_pairs_on(client, profiles, per_org=10, slice_size=17)
    assert got == expected
