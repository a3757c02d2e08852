"""A question about data moving abroad that never says "cross-border" is understood as
one: "传到韩国总部", "중국 서버로 옮기", "send … to Korea" bring in the glossary's notion
of cross-border transfer (search/plan.py ``_moved``), with the question's own word as
where it came from."""

from __future__ import annotations

from corridor.search.index import Index
from corridor.search.plan import plan
from corridor.search.query import search


def _implied(question: str) -> list[tuple[str, str]]:
    return [(m.word, m.source) for m in plan(question).words if m.via == "glossary"]


def test_data_moving_to_a_country_is_asked_as_cross_border_transfer() -> None:
    assert ("出境", "옮기") in _implied("중국 고객 개인정보를 한국 본사 서버로 옮기려고 합니다")
    assert ("국외 이전", "传到") in _implied("把用户的个人信息传到韩国总部")
    assert ("국외 이전", "send") in _implied("Can we send customer data to our office in Korea?")
    asked = plan("把用户的个人信息传到韩国总部")
    assert "出境" in asked.terms and "국외 이전" in asked.terms  # the vectors mix them in
    assert any("cross-border transfer" in group for group in asked.notions)


def test_only_data_moving_somewhere_abroad_implies_it() -> None:
    assert not any(w == "국외 이전" for w, _ in _implied("把用户的个人信息传到总部服务器"))
    assert not any(w == "국외 이전" for w, _ in _implied("把样品寄到韩国总部"))  # no data
    said = _implied("个人信息跨境传输到韩国需要什么条件")  # it says so: the glossary's own path
    assert ("국외 이전", "跨境") in said and all(source != "传输" for _, source in said)
    # moved or stored at home, or a word that only looks like a move: not abroad
    assert not any(
        w == "出境" for w, _ in _implied("한국에서 고객 개인정보를 얼마나 오래 저장하나요")
    )
    hostile = _implied("hostile takeover of a Korean company that holds data")
    assert not any(w == "국외 이전" for w, _ in hostile)
    assert plan("개인정보를 중국으로 옮기는 경우", cross_lingual=False).terms == ()


def test_korean_customers_data_on_chinese_servers_reaches_pipa(bundled_index: Index) -> None:
    found = search(bundled_index, "한국 고객 데이터를 중국 클라우드 서버에 저장해도 되나요?", k=10)
    assert ("개인정보 보호법", "제28조의8") in [(r.title, r.article) for r in found[:3]]


def test_data_stored_under_a_countrys_law_is_not_moved_abroad() -> None:
    # the country is only whose law is asked about: storing data there is no transfer
    for question in (
        "韩国个人信息保护法对存储个人信息有什么要求",
        "중국 개인정보보호법상 고객 데이터를 저장할 때 지켜야 할 것",
        "Under Chinese law how long must we store personal data?",
    ):
        assert not any(source in ("存储", "저장", "store") for _, source in _implied(question))
        assert not any("cross-border transfer" in group for group in plan(question).notions)
    # named as a place or whose data it is as well: moved
    stored = _implied("把韩国用户的个人信息传到中国服务器上存储，需要同意吗？")
    assert ("cross-border transfer", "传到") in stored
    moved = _implied(
        "중국 자회사에서 모은 고객 개인정보를 한국 본사 서버로 옮기려고 하는데 중국 법상 뭘"
        " 해야 하나요?"
    )
    assert ("出境", "옮기") in moved
