"""Understanding questions: named laws across scripts, jurisdictions, language weights."""

from __future__ import annotations

import pytest

from corridor.core.documents import Chunk
from corridor.search.laws import by_key, catalogue, jurisdictions, named_laws
from corridor.search.plan import plan, question_language
from corridor.search.query import Filters


def keys(question: str, home: str) -> list[str]:
    return [law.key for law in named_laws(question, home)]


@pytest.mark.parametrize(
    ("question", "home", "expected"),
    [
        ("중국 반외국제재법에 따라 소송을 당할 수 있나요?", "KR", ["cn-afsl"]),
        ("개인정보 보호법 제28조의8", "KR", ["kr-pipa"]),
        ("중국 개인정보보호법 제38조의 요건", "KR", ["cn-pipl"]),  # the same name, Chinese law
        ("韩国《个人信息保护法》对个人信息向境外转移", "CN", ["kr-pipa"]),
        ("个人信息保护法第三十八条", "CN", ["cn-pipl"]),
        ("韩国对外贸易法中战略物资出口许可", "CN", ["kr-fta"]),
        ("한국과 중국의 개인정보보호법 비교", "KR", ["kr-pipa", "cn-pipl"]),  # both named
        ("韩国和中国的个人信息保护法有何不同", "CN", ["kr-pipa", "cn-pipl"]),
        ("Does the EAR or ITAR treat a release to a foreign person as an export?", "US", None),
        ("what are the rules", "US", []),
    ],
)
def test_named_laws_resolve_shared_names_by_jurisdiction(
    question: str, home: str, expected: list[str] | None
) -> None:
    found = keys(question, home)
    if expected is None:
        assert sorted(found) == ["us-ear", "us-itar"]
    else:
        assert found == expected


def test_ear_must_be_capitals_and_us_is_not_the_pronoun() -> None:
    assert keys("we hear about it", "US") == []
    assert "US" not in jurisdictions("tell us about Korean law")
    assert jurisdictions("tell us about Korean law")["KR"] == [(14, 2.0)]


def test_places_weigh_less_than_the_law_of_a_country() -> None:
    found = jurisdictions("중국으로 반도체 장비를 수출할 때 미국법상 허가")
    assert found["CN"] == [(0, 0.5)] and found["US"] == [(19, 2.0)]
    assert jurisdictions("向韩国出口两用物项")["KR"] == [(1, 0.5)]


def test_language_weights_follow_the_jurisdictions_asked_about() -> None:
    asked = plan("중국 수출통제법상 이중용도 품목 수출 허가")
    assert asked.lang == "ko" and [law.key for law in asked.laws] == ["cn-ecl"]
    assert asked.weights["zh"] == 1.0 > asked.weights["ko"]
    home = plan("向韩国出口两用物项需要申请什么许可？")  # Korea only as a destination
    assert home.weights["zh"] == 1.0 > home.weights["ko"]
    assert "两用" in home.tokens["zh"] and home.tokens["ko"]  # glossary: 전략물자 …


def test_question_language() -> None:
    assert question_language("개인정보 国外") == "ko"
    assert question_language("个人信息出境 PIPA") == "zh"
    assert question_language("cross-border transfer") == "en"


def test_laws_hold_their_articles_and_cfr_parts() -> None:
    ear, itar = by_key("us-ear"), by_key("us-itar")
    section = Chunk("d", "en", "US", "15 CFR § 748.10 PRC End-User Statement.", "748.10", "", "")
    assert ear.holds(section) and not itar.holds(section)
    decree = Chunk("d", "ko", "KR", "대외무역법 시행령", "제33조", "", "")
    assert by_key("kr-fta").holds(decree) and not by_key("cn-ftl").holds(decree)
    assert len({law.key for law in catalogue()}) == len(catalogue())


def test_filters() -> None:
    title = "中华人民共和国个人信息保护法"
    chunk = Chunk("d", "zh", "CN", title, "第三十八条", "", "", date="2021-11-01")
    assert Filters(law="PIPL").admits(chunk) and not Filters(law="kr-pipa").admits(chunk)
    assert Filters(law="个人信息保护法").admits(chunk)  # words of the title
    assert Filters(since="2021-01-01", until="2021-12-31").admits(chunk)
    assert not Filters(since="2022-01-01").admits(chunk)
    assert not Filters(jurisdiction="KR").admits(chunk)


def test_a_law_filter_by_its_own_title_is_not_its_namesake() -> None:
    korean = Chunk("k", "ko", "KR", "대외무역법 시행령", "제33조", "", "")
    chinese = Chunk("c", "zh", "CN", "中华人民共和国对外贸易法", "第十四条", "", "")
    act = Filters(law="대외무역법")
    assert act.admits(korean) and not act.admits(chinese)
    assert Filters(law="Foreign Trade Law").admits(chinese)  # another name of China's law


def test_a_foreign_authority_demanding_is_not_its_law_asked_about() -> None:
    demand = jurisdictions(
        "美国政府要求对我们出口的物项进行最终用途现场核查，中国企业可以直接接受吗"
    )
    assert demand["US"] == [(0, 0.5)] and demand["CN"][0][1] == 1.0
    assert jurisdictions("the US government requests our user data")["US"][0][1] == 0.5
    assert jurisdictions("需要韩国政府审批吗")["KR"] == [(2, 2.0)]  # its approval: its law


def test_a_recipient_is_a_place_and_home_courts_are_the_askers_law() -> None:
    # 给韩国公司: Korea as where the technology goes, as 向韩国 (development question q78)
    assert jurisdictions("把限制出口的技术转让给韩国公司")["KR"] == [(11, 0.5)]
    # 国内法院, 국내 법원: the asker's own courts (q77: a suit under China's AFSL)
    sued = jurisdictions("外国公司执行美国制裁拒绝跟我们交易，我们能在国内法院起诉索赔吗")
    assert sued["CN"] == [(22, 2.0)] and sued["US"] == [(6, 1.0)]
    assert (
        plan("外国公司执行美国制裁拒绝跟我们交易，我们能在国内法院起诉索赔吗").weights["zh"] == 1.0
    )
    assert jurisdictions("국내 법원에 소송을 낼 수 있나요")["KR"] == [(0, 2.0)]
    # not at home when it qualifies no law or court, or another country is named before it
    assert jurisdictions("韩国有没有类似的国内代理人制度") == {"KR": [(0, 1.0)]}
    assert jurisdictions("美国国内法如何规定") == {"US": [(0, 1.0)]}
    assert jurisdictions("중국 국내법상 처벌") == {"CN": [(0, 1.0)]}


def test_the_country_an_export_leaves_is_the_law_asked_about() -> None:
    # exporting from Korea: Korea's export rules (development question q88), as from China
    assert jurisdictions("从韩国出口战略物资没拿许可证会被怎么处罚？") == {"KR": [(1, 2.0)]}
    assert jurisdictions("export technology from China to a licensee")["CN"][0][1] == 2.0
    assert jurisdictions("중국에서 드론 부품을 해외로 수출하려면") == {"CN": [(0, 2.0)]}
    assert plan("licence needed to export technology from China?").weights["zh"] == 1.0
    # a destination, an import's origin, or another clause's export stay places
    assert jurisdictions("向韩国出口两用物项需要什么许可") == {"KR": [(1, 0.5)]}
    assert jurisdictions("从韩国引进专利许可需要登记吗") == {"KR": [(1, 0.5)]}
    assert jurisdictions("从韩国进口原料。出口需要许可吗") == {"KR": [(1, 0.5)]}
    assert jurisdictions("We import parts from China. Do we need an export licence?") == {
        "CN": [(21, 0.5)]
    }
    assert jurisdictions("중국에서 수입한 부품을 다시 수출하려면")["CN"][0][1] == 1.0  # an import
    assert jurisdictions("export technology from the US")["US"][0][1] == 2.0
    assert jurisdictions("从美国下载的模型输出内容需要标识吗")["US"][0][1] == 0.5  # not an export
    assert jurisdictions("중국에서 사업을 하려면")["CN"][0][1] == 1.0  # no export: as before


def test_the_country_whose_peoples_data_it_is_is_the_law_asked_about() -> None:
    # its users' or customers' data, or data collected there: that country's data law
    assert jurisdictions("把韩国用户的个人信息传到中国服务器")["KR"] == [(1, 2.0)]
    assert jurisdictions("중국 이용자 개인정보를 가져오려면")["CN"] == [(0, 2.0)]
    assert jurisdictions("send our Chinese users' data to Korea")["CN"][0][1] == 2.0
    assert jurisdictions("把我们在中国收集的客户个人信息传回韩国")["CN"] == [(4, 2.0)]
    assert jurisdictions("data collected in China")["CN"][0][1] == 2.0
    assert jurisdictions("중국에서 수집한 개인정보를 한국으로 옮기려면")["CN"] == [(0, 2.0)]
    # customers as a destination, or data named elsewhere in the question: a place
    assert jurisdictions("向中国客户出口信息安全产品需要许可吗") == {"CN": [(1, 0.5)]}
    assert jurisdictions("中国企业在韩国设立公司") == {"CN": [(0, 1.0)], "KR": [(5, 1.0)]}
    # customers who are not asked about as data: no data law named
    chips = jurisdictions("Do we need a license if a Chinese customer will use our chips?")
    assert chips == {"CN": [(chips["CN"][0][0], 1.0)]}


def test_comparing_with_another_country_asks_about_ones_own_too() -> None:
    compared = plan("지정 대상자와 금융거래를 하려면 허가가 필요한가요? 미국 OFAC 제재와 비교")
    assert compared.weights["ko"] == compared.weights["en"] == 1.0
    alone = plan("지정 대상자와 금융거래를 하려면 허가가 필요한가요? 미국 OFAC 제재는")
    assert alone.weights["ko"] < 1.0 == alone.weights["en"]
    english = plan("How does Shenzhen's AI oversight compare with Korea's obligations?")
    assert english.weights["en"] < 1.0  # an English question's asker: from anywhere
    assert plan("韩国个人信息保护法规定用户不同意时怎么办").weights["zh"] < 1.0  # 不同意: consent


def test_an_import_word_is_a_whole_word_and_comparing_is_not_relatively_or_china() -> None:
    # "important" holds no import: the export still leaves China
    assert jurisdictions("export important technology from China")["CN"][0][1] == 2.0
    assert jurisdictions("export parts from China that we imported")["CN"][0][1] == 0.5
    # 비교적 ("relatively"), 차이나 ("China"), 不同 alone ("different"): no comparison
    for question in (
        "미국 제재 대상과 비교적 간단한 거래도 허가가 필요한가요",
        "차이나 모바일 미국 제재 대상인가요",
        "美国出口管制对不同行业有什么要求",
    ):
        asked = plan(question)
        assert asked.weights[asked.lang] < 1.0 == asked.weights["en"], question
    for question in ("美国的规定与中国的规定有何不同", "미국 규정과 차이가 뭔가요"):
        asked = plan(question)
        assert asked.weights[asked.lang] == 1.0 == asked.weights["en"], question
