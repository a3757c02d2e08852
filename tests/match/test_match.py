"""Matching: concepts across languages, scoring tables, capacity, gate, syndicates."""

from __future__ import annotations

from collections import Counter

import pytest

from corridor.core.names import Name, Script
from corridor.core.parties import InvestorThesis, Organization, OrgKind, Person
from corridor.match.assign import assign, gini
from corridor.match.candidates import candidate_pairs
from corridor.match.profile import Profile, build_profile
from corridor.match.scoring import explain, get_algorithm
from corridor.match.syndicates import syndicates
from corridor.text.concepts import find


def org(
    key: str,
    country: str,
    kind: OrgKind = OrgKind.STARTUP,
    *,
    offers: dict[str, str] | None = None,
    seeks: dict[str, str] | None = None,
    sectors: tuple[str, ...] = (),
    thesis: InvestorThesis | None = None,
    stage: str | None = None,
) -> Organization:
    return Organization(
        key,
        kind,
        country,
        (Name(key.title(), Script.LATIN, "en"),),
        sectors=sectors,
        offers=offers or {},
        seeks=seeks or {},
        thesis=thesis,
        stage=stage,
    )


def profile(o: Organization, *langs: str) -> Profile:
    people = (
        [Person(f"p-{o.key}", o.key, (Name("X", Script.LATIN),), languages=langs)] if langs else []
    )
    return build_profile(o, people)


@pytest.mark.parametrize(
    ("text", "concept", "word"),
    [
        ("정밀 감속기와 관절 모듈", "actuator", "감속기"),
        ("人形机器人整机", "humanoid_robot", "人形机器人"),
        ("Harmonic drive reducers", "actuator", "harmonic drive"),
        ("의료영상 AI 판독", "medical_ai", "판독"),
        ("激光雷达 for robotaxis", "lidar", "激光雷达"),
        ("AI 반도체 NPU", "ai_chip", "npu"),
    ],
)
def test_free_text_maps_to_concepts_with_its_words(text: str, concept: str, word: str) -> None:
    found = {m.concept: m.words for m in find([text])}
    assert concept in found and word in found[concept]


def test_latin_terms_match_whole_words_only() -> None:
    assert "ai_chip" not in {m.concept for m in find(["a graphic novel"])}  # "npu"? no
    assert "lidar" not in {m.concept for m in find(["solidarity"])}


REDUCER_KR = org(
    "kr-reducer", "KR", offers={"ko": "휴머노이드 관절용 정밀 감속기"}, sectors=("robotics",)
)
HUMANOID_CN = org(
    "cn-humanoid",
    "CN",
    offers={"zh": "通用人形机器人"},
    seeks={"zh": "寻找高精度减速器和关节模组供应商"},
    sectors=("humanoid_robots",),
)
BANK_CN = org(
    "cn-bank", "CN", OrgKind.CORPORATE, offers={"en": "retail banking"}, sectors=("fintech",)
)


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        (REDUCER_KR, HUMANOID_CN, 0.35, 1.0),  # Korean offer meets a Chinese need
        (REDUCER_KR, BANK_CN, 0.0, 0.2),  # nothing in common
    ],
)
def test_scores_on_a_table_of_cases(
    a: Organization, b: Organization, low: float, high: float
) -> None:
    scored = get_algorithm().score(profile(a, "ko"), profile(b, "zh"))
    assert low <= scored.value <= high


def test_complementarity_and_supply_chain_and_explanations_in_three_languages() -> None:
    a, b = profile(REDUCER_KR, "ko"), profile(HUMANOID_CN, "zh")
    scored = get_algorithm().score(a, b)
    assert scored.features["offers_a_to_b"].left == ("actuator",)
    assert scored.features["supply_chain"].score == 1.0
    en, ko, zh = (explain(scored, a, b, lang) for lang in ("en", "ko", "zh"))
    assert "Reducers, actuators and servos" in en and "interpreter needed (Korean–Chinese)" in en
    assert "감속기" in ko and "통역이 필요합니다(한국어–중국어)" in ko
    assert "(은)" not in ko and "(는)" not in ko and "(를)" not in ko  # particles chosen
    assert "减速器" in zh and "需要口译（韩语–中文）" in zh


def test_shared_language_needs_no_interpreter() -> None:
    scored = get_algorithm().score(profile(REDUCER_KR, "ko", "en"), profile(HUMANOID_CN, "en"))
    assert scored.features["language"].score == 1.0


def test_cross_border_only_by_default() -> None:
    algorithm = get_algorithm()
    domestic = org("kr-humanoid", "KR", seeks={"en": "reducers"})
    assert not algorithm.eligible(profile(REDUCER_KR), profile(domestic))
    assert get_algorithm(config={"cross_border_only": False}).eligible(
        profile(REDUCER_KR), profile(domestic)
    )


def _market(n: int) -> list[Profile]:
    out = []
    for i in range(n):
        out.append(
            profile(
                org(
                    f"kr-{i}",
                    "KR",
                    offers={"en": "collaborative robots"},
                    seeks={"en": "distribution partners"},
                    sectors=("robotics",),
                ),
                "ko",
            )
        )
        out.append(
            profile(
                org(
                    f"cn-{i}",
                    "CN",
                    OrgKind.CORPORATE,
                    seeks={"zh": "协作机器人"},
                    sectors=("robotics",),
                ),
                "zh",
            )
        )
    out.append(
        profile(
            org(
                "cn-popular",
                "CN",
                OrgKind.CORPORATE,
                seeks={"zh": "协作机器人"},
                sectors=("robotics",),
            ),
            "zh",
        )
    )
    return out


def test_capacity_holds_on_the_chosen_set_and_spreads_exposure() -> None:
    profiles = _market(12)
    pairs = candidate_pairs(profiles, get_algorithm())
    capacity = {p.key: 3 for p in profiles}
    startups = {p.key for p in profiles if p.org.kind is OrgKind.STARTUP}
    chosen = assign(pairs, capacity, startups)
    counts = Counter(k for s in chosen for k in (s.a, s.b))
    assert all(counts[k] <= 3 for k in counts)
    assert all(counts[s] >= 1 for s in startups)  # every startup gets options
    assert len({(s.a, s.b) for s in chosen}) == len(chosen)
    assert gini([counts[p.key] for p in profiles]) < 0.3
    greedy = assign(pairs, capacity, startups, exact_limit=0)
    assert all(Counter(k for s in greedy for k in (s.a, s.b))[k] <= 3 for k in capacity)


def test_syndicates_span_the_border_and_fit() -> None:
    startup = profile(org("kr-robot", "KR", sectors=("robotics",), stage="seed"))
    investors = [
        profile(
            org(
                key,
                country,
                OrgKind.INVESTOR,
                sectors=("venture_capital",),
                thesis=InvestorThesis(sectors, ("seed",), None, None, ("KR", "CN")),
            )
        )
        for key, country, sectors in (
            ("kr-a", "KR", ("robotics",)),
            ("kr-b", "KR", ("robotics",)),
            ("cn-c", "CN", ("robotics",)),
            ("cn-d", "CN", ("biotech",)),
        )
    ]
    found = syndicates(startup, investors)
    assert found and all({i[:2] for i in s.investors} == {"kr", "cn"} for s in found)
    assert all("cn-d" not in s.investors for s in found)  # its thesis does not fit
    public = profile(org("kr-listed", "KR", sectors=("robotics",), stage="public"))
    assert syndicates(public, investors) == []
