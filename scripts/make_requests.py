"""Write requests.csv: the demo's meeting requests, derived by a stated rule.

Scenario data, not facts: until Corridor's matching stage exists, the demo needs
requests for the scheduler, and these are derived from the organisations' sector
codes only, so anyone can re-run and check them:

- only cross-border pairs (Korea ↔ China/Hong Kong), never agencies or associations;
- a pair scores 2 per shared sector and 1 per complementary sector pair (below);
  an investor scores 2 per startup sector in its thesis (or its sectors);
- each company asks its 2 best-scoring partners, each investor its 3 best startups
  (ties broken by key); interest is 3 for a score >= 6, 2 for >= 4, else 1.

Run: python scripts/make_requests.py (it reads and writes src/corridor/bundled/shanghai-2026/).
The bundled requests.csv ends with rows added by hand after the derived ones (the
ZhenFund investor-table pitches, marked "scenario:"); running this drops them — add
them back.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "src" / "corridor" / "bundled" / "shanghai-2026"
COMPLEMENTS = {
    frozenset(p)
    for p in [
        ("humanoid_robots", "sensors"),
        ("humanoid_robots", "industrial_robots"),
        ("robotics", "ai_chips"),
        ("robotics", "smart_manufacturing"),
        ("llm", "ai_chips"),
        ("artificial_intelligence", "ai_chips"),
        ("autonomous_driving", "lidar"),
        ("autonomous_driving", "sensors"),
        ("autonomous_driving", "ai_chips"),
        ("electric_vehicles", "semiconductors"),
        ("medical_imaging", "artificial_intelligence"),
        ("medical_imaging", "computer_vision"),
        ("smart_manufacturing", "industrial_software"),
        ("batteries", "electric_vehicles"),
        ("computer_vision", "sensors"),
        ("logistics", "robotics"),
    ]
}
SKIP_KINDS = {"agency", "association"}


def load() -> list[dict[str, str]]:
    with (HERE / "organisations.csv").open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if r["kind"] not in SKIP_KINDS]


def sectors(org: dict[str, str], field: str = "sectors") -> set[str]:
    return {s for s in org[field].split(";") if s}


def score(a: dict[str, str], b: dict[str, str]) -> int:
    if a["kind"] == "investor":
        thesis = sectors(a, "thesis_sectors") or sectors(a)
        return 2 * len(thesis & sectors(b)) if b["kind"] == "startup" else 0
    sa, sb = sectors(a), sectors(b)
    complements = sum(1 for x in sa for y in sb if frozenset((x, y)) in COMPLEMENTS)
    return 2 * len(sa & sb) + complements


def korean(org: dict[str, str]) -> bool:
    return org["country"] == "KR"


def requests(orgs: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for a in orgs:
        partners = [b for b in orgs if korean(a) != korean(b) and b["kind"] != "investor"]
        ranked = sorted(((score(a, b), b["key"]) for b in partners), key=lambda t: (-t[0], t[1]))
        wanted = 3 if a["kind"] == "investor" else 2
        for points, key in [r for r in ranked if r[0] > 0][:wanted]:
            interest = 3 if points >= 6 else 2 if points >= 4 else 1
            shared = sorted(sectors(a, "thesis_sectors") | sectors(a))
            other = next(b for b in partners if b["key"] == key)
            common = sorted(set(shared) & sectors(other))
            note = "sectors: " + ", ".join(common or ["complementary"])
            out.append(
                {"requester": a["key"], "target": key, "interest": str(interest), "note": note}
            )
    return out


def main() -> None:
    rows = requests(load())
    with (HERE / "requests.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["requester", "target", "interest", "note"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} requests")


if __name__ == "__main__":
    main()
