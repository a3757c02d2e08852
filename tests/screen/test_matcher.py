"""Cross-script matching: Hangul, Hanzi and Latin queries find the right entries."""

from __future__ import annotations

import pytest

from corridor.core.names import Name, NameKind, Script
from corridor.core.screening import Band, EntityType, ListEntry
from corridor.screen.algorithms import get_algorithm
from corridor.screen.index import ScreeningIndex
from corridor.screen.matcher import Query, Screener
from corridor.screen.sources.detect import parse_list
from corridor.services.screening import build_index
from tests.conftest import FIXTURES

LISTS = FIXTURES / "lists"


@pytest.fixture(scope="module")
def screener() -> Screener:
    entries = [
        e
        for p in (
            "ofac_sdn/sdn.csv",
            "ofac_cons/cons_prim.csv",
            "un_sc/consolidated.xml",
            "bis_dpl/dpl.txt",
        )
        for e in parse_list(LISTS / p)[1].entries
    ]
    return Screener(build_index(entries))


def q(text: str, kind: EntityType | None = None, country: str | None = None) -> Query:
    script = Script.LATIN
    return Query((Name(text, script, None, NameKind.TRADE),), kind, (country,) if country else ())


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("김정은", EntityType.PERSON, "KIM, Jong Un"),
        ("최룡해", EntityType.PERSON, "CHOE, Ryong Hae"),
        ("Kim Jong-un", None, "KIM, Jong Un"),
        ("Jong Un KIM", EntityType.PERSON, "KIM, Jong Un"),
        (
            "江西洪都航空工业股份有限公司",
            EntityType.ORGANIZATION,
            "JIANGXI HONGDU AVIATION INDUSTRY CO., LTD.",
        ),
        ("华为技术有限公司", EntityType.ORGANIZATION, "HUAWEI TECHNOLOGIES CO., LTD."),
        ("華為技術有限公司", EntityType.ORGANIZATION, "HUAWEI TECHNOLOGIES CO., LTD."),
        ("海康威视", EntityType.ORGANIZATION, "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD."),
        ("深圳市大疆创新科技有限公司", EntityType.ORGANIZATION, "SZ DJI TECHNOLOGY CO., LTD."),
        ("Huawai Technologies", None, "HUAWEI TECHNOLOGIES CO., LTD."),
        ("조선광선은행", EntityType.ORGANIZATION, "KOREA KWANGSON BANKING CORP."),
    ],
)
def test_cross_script_queries_find_their_entry(
    screener: Screener, query: str, kind: EntityType | None, expected: str
) -> None:
    hits = screener.screen(q(query, kind))
    assert len(hits) > 0, query
    assert hits[0].entry_name.rstrip(".") == expected.rstrip("."), hits[0]
    assert hits[0].explanation.startswith(f"'{query}'")


@pytest.mark.parametrize("query", ["Rainbow Robotics", "레인보우로보틱스", "深度求索", "Upstage"])
def test_unrelated_names_find_nothing(screener: Screener, query: str) -> None:
    assert screener.screen(q(query, EntityType.ORGANIZATION)) == []


def test_person_hits_without_corroboration_are_for_review(screener: Screener) -> None:
    hit = screener.screen(q("김정은", EntityType.PERSON))[0]
    assert hit.band is Band.REVIEW and hit.score < 0.9


def test_organisation_exact_match_is_strong_and_explained(screener: Screener) -> None:
    hit = screener.screen(q("SZ DJI Technology Co Ltd", EntityType.ORGANIZATION, "CN"))[0]
    assert hit.band is Band.STRONG
    assert "legal forms ignored" in hit.explanation
    assert "country agrees" in hit.explanation
    assert "CMIC-EO13959" in hit.explanation
    assert {f.name for f in hit.features} >= {"token_alignment", "compact_similarity"}


def test_identifier_match_beats_names(screener: Screener) -> None:
    query = Query(
        (Name("Some Other Name", Script.LATIN),),
        EntityType.ORGANIZATION,
        (),
        (("cn_uscc", "914403007954257495"),),
    )
    hit = screener.screen(query)[0]
    assert (hit.source_id, hit.score) == ("33111", 1.0)
    assert "same Unified Social Credit Code" in hit.explanation


def test_country_mismatch_lowers_the_score(screener: Screener) -> None:
    same = screener.screen(q("SZ DJI Technology", EntityType.ORGANIZATION, "CN"))[0]
    other = screener.screen(q("SZ DJI Technology", EntityType.ORGANIZATION, "KR"))[0]
    assert other.score < same.score
    assert "country differs" in other.explanation


def test_a_vessel_is_not_a_company() -> None:
    vessel = ListEntry("x", "1", EntityType.VESSEL, (Name("OCEAN STAR", Script.LATIN),))
    screener = Screener(ScreeningIndex([vessel]))
    as_company = screener.screen(q("Ocean Star", EntityType.ORGANIZATION))
    as_unknown = screener.screen(q("Ocean Star"))
    assert as_unknown[0].score > (as_company[0].score if as_company else 0.0)


def test_algorithms_are_registered_and_configured() -> None:
    algorithm = get_algorithm("corridor-v1", {"review": 0.7})
    assert algorithm.config["review"] == 0.7 and algorithm.config["strong"] == 0.9
    with pytest.raises(ValueError, match="unknown settings"):
        get_algorithm("corridor-v1", {"reveiw": 0.7})
    with pytest.raises(ValueError, match="unknown algorithm"):
        get_algorithm("nope")
    for spec in algorithm.CONFIG.values():
        assert spec.description
    for fn, _ in algorithm.FEATURES:
        assert fn.__doc__


def test_birth_year_corroborates_or_contradicts_a_person(screener: Screener) -> None:
    name = (Name("김정은", Script.HANGUL, "ko"),)
    same = screener.screen(Query(name, EntityType.PERSON, birth_dates=("1984",)))[0]
    assert same.band is Band.STRONG  # name and birth year: strong
    other = screener.screen(Query(name, EntityType.PERSON, birth_dates=("1950",)))
    assert other == [] or other[0].score < same.score


def test_early_bound_never_drops_a_pair_that_could_make_a_hit(screener: Screener) -> None:
    """``pair_above`` gives up on a pair only when its full score is below the floor,
    and otherwise gives exactly ``pair``'s score and features; screening with the bound
    equals scoring every candidate pair in full."""
    algorithm = screener.algorithm
    floor = algorithm.pair_floor()
    queries = [
        q("Kim Jong-un", EntityType.PERSON),
        q("김정은", EntityType.PERSON),
        q("Huawai Technologies"),
        q("조선광선은행", EntityType.ORGANIZATION),
        q("Korea Kwangsong Banking"),
        q("江西洪都航空工业股份有限公司", EntityType.ORGANIZATION),
        q("Acme Shipping Trading Co"),
    ]
    dropped = kept = 0
    for query in queries:
        for qf in query.forms():
            for position in screener.index.candidates([qf], 40):
                for ef in screener.index.items[position].forms:
                    full = algorithm.pair(qf, ef, screener.index.idf, person=True)
                    bounded = algorithm.pair_above(qf, ef, screener.index.idf, floor, True)
                    if bounded is None:
                        assert full.score < floor
                        dropped += 1
                    else:
                        assert bounded == full
                        kept += 1
    assert dropped > 0 and kept > 0
    assert algorithm.band(floor + algorithm.config["country_match_bonus"] + 0.002) is not None


def test_pair_floor_is_below_the_review_band_by_the_country_bonus() -> None:
    algorithm = get_algorithm()
    review, bonus = algorithm.config["review"], algorithm.config["country_match_bonus"]
    assert algorithm.pair_floor() == pytest.approx(review - bonus - 0.001)
    lifted = get_algorithm(config={"type_mismatch_factor": 1.25})
    assert lifted.pair_floor() == pytest.approx(review / 1.25 - bonus - 0.001)
