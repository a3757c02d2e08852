"""Registered match algorithms: weighted, documented features, explained in ko/zh/en."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from corridor.core.parties import OrgKind
from corridor.core.vocab import country_language, sector_label
from corridor.match import features as f
from corridor.match.profile import Profile
from corridor.text.concepts import concepts

FeatureFn = Callable[[Profile, Profile], f.Feature]


@dataclass(frozen=True, slots=True)
class Scored:
    """A pair's value and the features behind it (by name)."""

    a: str
    b: str
    value: float
    features: dict[str, f.Feature]


class MatchAlgorithm:
    """Weighted features; ``thesis_fit`` counts only between an investor and a startup."""

    NAME: ClassVar[str] = "match-v1"
    CONFIG: ClassVar[dict[str, tuple[type, Any, str]]] = {
        "cross_border_only": (bool, True, "recommend only pairs from different countries"),
        "min_value": (float, 0.2, "pairs below this value are not recommended"),
    }
    FEATURES: ClassVar[tuple[tuple[FeatureFn, float], ...]] = (
        (f.offers_a_to_b, 0.25),
        (f.offers_b_to_a, 0.25),
        (f.supply_chain, 0.15),
        (f.sector_relation, 0.1),
        (f.thesis_fit, 0.3),
        (f.language, 0.05),
        (f.priority, 0.1),
        (f.similarity, 0.05),
    )

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        given = dict(config or {})
        unknown = set(given) - set(self.CONFIG)
        if unknown:
            raise ValueError(f"unknown settings for {self.NAME}: {', '.join(sorted(unknown))}")
        self.config = {k: given.get(k, spec[1]) for k, spec in self.CONFIG.items()}

    def eligible(self, a: Profile, b: Profile) -> bool:
        """Pairs worth scoring at all (different organisations; cross-border by default)."""
        if a.key == b.key:
            return False
        return not (self.config["cross_border_only"] and _domestic(a, b))

    def score(self, a: Profile, b: Profile) -> Scored:
        """The weighted mean of the applicable features."""
        both = {a.org.kind, b.org.kind}
        results, total, weights = {}, 0.0, 0.0
        for fn, weight in self.FEATURES:
            if fn is f.thesis_fit and both != {OrgKind.INVESTOR, OrgKind.STARTUP}:
                continue
            result = fn(a, b)
            results[fn.__name__] = result
            total += weight * result.score
            weights += weight
        return Scored(a.key, b.key, round(total / weights, 4), results)


def _domestic(a: Profile, b: Profile) -> bool:
    korean = {"KR"}
    return (a.org.country in korean) == (b.org.country in korean)


ALGORITHMS: dict[str, type[MatchAlgorithm]] = {MatchAlgorithm.NAME: MatchAlgorithm}


def get_algorithm(
    name: str = "match-v1", config: Mapping[str, Any] | None = None
) -> MatchAlgorithm:
    """A registered match algorithm with ``config`` over its defaults."""
    if name not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {name!r}")
    return ALGORITHMS[name](config)


_TEXT = {
    "en": {
        "seeks": "{b} seeks {what}; {a} offers it{words}.",
        "supplies": "{a}'s {x} goes into {b}'s {y}.",
        "thesis": "{inv}'s investment thesis covers {sectors}.",
        "sector": "Both work in {sectors}.",
        "shared_lang": "Common working language: {langs}.",
        "interpreter": "No common working language — interpreter needed ({pair}).",
        "requested": "Already requested.",
    },
    "ko": {
        "seeks": "{b}은(는) {what}을(를) 찾고 있으며, {a}이(가) 이를 제공합니다{words}.",
        "supplies": "{a}의 {x}은(는) {b}의 {y}에 들어갑니다.",
        "thesis": "{inv}의 투자 분야({sectors})에 부합합니다.",
        "sector": "두 기관 모두 {sectors} 분야입니다.",
        "shared_lang": "공통 업무 언어: {langs}.",
        "interpreter": "공통 업무 언어 없음 — 통역 필요({pair}).",
        "requested": "이미 요청된 만남입니다.",
    },
    "zh": {
        "seeks": "{b}寻求{what}，{a}可以提供{words}。",
        "supplies": "{a}的{x}可用于{b}的{y}。",
        "thesis": "{inv}的投资方向涵盖{sectors}。",
        "sector": "双方均属于{sectors}领域。",
        "shared_lang": "共同工作语言：{langs}。",
        "interpreter": "没有共同工作语言——需要翻译（{pair}）。",
        "requested": "已有会面请求。",
    },
}
_LANG_NAMES = {
    "en": {"ko": "Korean", "zh": "Chinese", "en": "English"},
    "ko": {"ko": "한국어", "zh": "중국어", "en": "영어"},
    "zh": {"ko": "韩语", "zh": "中文", "en": "英语"},
}


def explain(scored: Scored, a: Profile, b: Profile, lang: str = "en") -> str:
    """The reasons for a recommendation in the reader's language, naming the concepts."""
    t, names, table = (
        _TEXT.get(lang, _TEXT["en"]),
        _LANG_NAMES.get(lang, _LANG_NAMES["en"]),
        concepts(),
    )

    def label(c: str) -> str:
        return table[c].label(lang) if c in table else c

    na, nb = a.org.display(lang), b.org.display(lang)
    out = []
    for key, giver, _taker, g, k in (
        ("offers_a_to_b", a, b, na, nb),
        ("offers_b_to_a", b, a, nb, na),
    ):
        feature = scored.features.get(key)
        if feature and feature.score > 0:
            words = [w for c in feature.left for w in giver.offers.get(c, ())][:3]
            shown = f" ({', '.join(words)})" if words else ""
            out.append(
                t["seeks"].format(
                    b=k, a=g, what=", ".join(label(c) for c in feature.left), words=shown
                )
            )
    chain = scored.features.get("supply_chain")
    if chain and chain.score > 0:
        giver_first = chain.detail.startswith(a.key)
        out.append(
            t["supplies"].format(
                a=na if giver_first else nb,
                b=nb if giver_first else na,
                x=label(chain.left[0] if giver_first else chain.right[0]),
                y=", ".join(label(c) for c in (chain.right if giver_first else chain.left)),
            )
        )
    thesis = scored.features.get("thesis_fit")
    if thesis and thesis.left:
        investor = na if a.org.kind is OrgKind.INVESTOR else nb
        out.append(
            t["thesis"].format(
                inv=investor, sectors=", ".join(sector_label(x, lang) for x in thesis.left)
            )
        )
    if not out:
        sector = scored.features.get("sector_relation")
        if sector and sector.score > 0:
            shared = sorted(set(a.org.sectors) & set(b.org.sectors))
            out.append(
                t["sector"].format(
                    sectors=", ".join(sector_label(x, lang) for x in shared) or sector.detail
                )
            )
    shared = sorted(a.languages & b.languages)
    if shared:
        out.append(t["shared_lang"].format(langs=", ".join(names.get(x, x) for x in shared)))
    else:
        pair = "–".join(sorted({_native(a), _native(b)}))
        out.append(t["interpreter"].format(pair=pair))
    if scored.features.get("priority", f.Feature(0, "")).score > 0:
        out.append(t["requested"])
    return " ".join(out)


def _native(p: Profile) -> str:
    """The language a delegation is most likely to need interpreting from."""
    return country_language(p.org.country)
