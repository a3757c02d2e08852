"""Dossier rules benchmark: precision@5 of a meeting's "rules to know" on judged pairs.

    python benchmarks/dossiers.py [--index DIR] [--verbose] [--set development|held-out|both]

For every meeting pair of benchmarks/dossier_pairs.tsv (13 meetings of the demo
mission, each with the articles a lawyer expects in its dossier, judged by reading the
laws; how is written in the file's header) and of dossier_pairs_heldout.tsv (3 more,
judged the same way before any change and never tuned on), the first five rules a
dossier shows are compared with the judged articles. Printed side by side, per pair
and overall:

- ``plain``: one question made of both parties' sector names (``ai_chips`` → "ai
  chips"), asked of the same index, five results — what a search box gives;
- ``topics``: the rule selection before pair relevance (frozen below): a fixed pair of
  questions per topic the sectors touch, two articles per language per topic;
- ``corridor``: ``services.dossiers.rules_for`` as the dossiers use it today.

The organisations are read from the bundled mission's organisations.csv (sectors,
offers and seeks as the registry holds them). The index is the bundled key laws with
their shipped vectors, built in a temporary folder unless ``--index`` names one.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from corridor.core.parties import Organization
from corridor.registry.batch import Source, read_batch
from corridor.reports.dossier import RuleView
from corridor.search.index import Index, build
from corridor.search.query import search
from corridor.services.dossier_rules import rules_for
from corridor.services.search import BUNDLED, SHIPPED_VECTORS, key_law, read_documents

HERE = Path(__file__).parent
MISSION = HERE.parent / "src" / "corridor" / "bundled" / "shanghai-2026"
K = 5
SETS = (("development", "dossier_pairs.tsv"), ("held-out", "dossier_pairs_heldout.tsv"))

# The selection before pair relevance, frozen: the topic questions of services/dossiers.py
# as they were, asked in Korean and Chinese, two articles each.
TOPICS: tuple[tuple[frozenset[str], str, dict[str, str]], ...] = (
    (
        frozenset({"medical_imaging", "medical_devices", "digital_health", "biotech"}),
        "health_data",
        {
            "ko": "개인정보 보호법 개인정보의 국외 이전 민감정보 건강 별도 동의",
            "zh": "个人信息保护法 向境外提供个人信息 敏感个人信息 医疗健康 单独同意",
        },
    ),
    (
        frozenset({"ai_chips", "semiconductors", "drones", "lidar", "aerospace", "sensors"}),
        "export_control",
        {
            "ko": "대외무역법 전략물자 수출허가 상황허가",
            "zh": "两用物项出口管制条例 两用物项 出口许可 最终用户 最终用途",
        },
    ),
    (
        frozenset({"artificial_intelligence", "llm", "computer_vision"}),
        "ai_rules",
        {
            "ko": "인공지능 기본법 고영향 인공지능 생성형 인공지능 투명성 확보 의무",
            "zh": "互联网信息服务算法推荐管理规定 算法推荐服务 算法备案 标识",
        },
    ),
    (
        frozenset({"fintech", "ecommerce", "cloud", "surveillance"}),
        "personal_data",
        {
            "ko": "개인정보 보호법 개인정보의 국외 이전",
            "zh": "个人信息保护法 向境外提供个人信息 安全评估 标准合同",
        },
    ),
    (
        frozenset(
            {
                "robotics",
                "industrial_robots",
                "humanoid_robots",
                "smart_manufacturing",
                "industrial_software",
                "autonomous_driving",
                "batteries",
            }
        ),
        "technology_protection",
        {
            "ko": "산업기술보호법 국가핵심기술 수출 승인",
            "zh": "技术进出口管理条例 限制出口的技术 技术出口许可",
        },
    ),
)

Key = tuple[str, str]
Selector = Callable[[Index, Organization, Organization], list[Key]]


def key(title: str, article: str, doc_id: str) -> Key:
    """An article as the judged file names it: the document title ("15 CFR" for the EAR)."""
    return ("15 CFR" if doc_id.startswith("us-cfr:15/") else title, article)


def keys(rules: Sequence[RuleView]) -> list[Key]:
    return [key(r.title, r.article, r.doc_id) for r in rules]


def plain(index: Index, a: Organization, b: Organization) -> list[Key]:
    """Both parties' sector names as one question (a list of words: ``listed``, as such
    questions were asked when this baseline was set)."""
    question = " ".join(s.replace("_", " ") for s in sorted(set(a.sectors) | set(b.sectors)))
    return [key(r.title, r.article, r.doc_id) for r in search(index, question, k=K, listed=True)]


def topics(index: Index, a: Organization, b: Organization) -> list[Key]:
    """The frozen topic selection: two articles per language per touched topic."""
    sectors = set(a.sectors) | set(b.sectors)
    out: list[Key] = []
    for trigger, _topic, questions in TOPICS:
        if len(trigger & sectors) == 0:
            continue
        for lang, question in questions.items():
            found = search(index, question, lang=lang, k=2, listed=True)
            out += [key(r.title, r.article, r.doc_id) for r in found]
    return out


def corridor(index: Index, a: Organization, b: Organization) -> list[Key]:
    """What the dossier shows today."""
    return keys(rules_for(index, a, b))


SELECTORS: dict[str, Selector] = {"plain": plain, "topics": topics, "corridor": corridor}


def load_pairs(path: Path) -> dict[str, set[Key]]:
    """pair → judged articles."""
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    judged: dict[str, set[Key]] = {}
    for line in lines[1:]:
        pair, law, article, _why = line.split("\t")
        judged.setdefault(pair, set()).add((law, article))
    return judged


def organisations() -> dict[str, Organization]:
    """The demo mission's organisations, as the registry reads them."""
    batch = read_batch(
        [Source("organisations", MISSION / "organisations.csv")],
        latest_year=2026,
    )
    return {o.key: o for o in batch.orgs()}


def precision(shown: list[Key], good: set[Key]) -> float:
    """Share of the first K shown that are judged relevant (fewer than K shown count as misses)."""
    return sum(1 for k in shown[:K] if k in good) / K


def open_index(folder: Path | None, tmp: Path) -> Index:
    if folder is not None:
        return Index(folder)
    target = tmp / "index"
    started = time.perf_counter()
    build(
        read_documents([BUNDLED]),
        target,
        dense=key_law,
        seeds=[SHIPPED_VECTORS],
        workers=os.cpu_count() or 1,
    )
    print(f"indexed the bundled laws in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return Index(target)


def report(index: Index, judged: dict[str, set[Key]], verbose: bool) -> None:
    orgs = organisations()
    names = list(SELECTORS)
    print(f"precision@{K} of the dossier's rules to know, {len(judged)} judged meeting pairs")
    print(f"{'pair':<36} {'judged':>6} " + " ".join(f"{n:>9}" for n in names))
    totals = dict.fromkeys(names, 0.0)
    for pair, good in judged.items():
        a, b = (orgs[k] for k in pair.split("--"))
        row = []
        for name in names:
            shown = SELECTORS[name](index, a, b)
            p = precision(shown, good)
            totals[name] += p
            row.append(p)
            if verbose:
                marks = ", ".join(f"{'+-'[k not in good]}{k[0][:14]} {k[1]}" for k in shown[:K])
                print(f"    {name}: {marks}")
        print(f"{pair:<36} {len(good):>6} " + " ".join(f"{p:>9.3f}" for p in row))
    n = len(judged)
    print(f"{'overall (mean)':<36} {'':>6} " + " ".join(f"{totals[m] / n:>9.3f}" for m in names))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="an index folder (default: build one)")
    parser.add_argument("--verbose", action="store_true", help="print the five rules shown")
    parser.add_argument("--set", choices=("development", "held-out", "both"), default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index = open_index(args.index, Path(tmp))
        for name, file in SETS:
            if args.set not in (name, "both"):
                continue
            print(f"\n{name}: {file}")
            report(index, load_pairs(HERE / file), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
