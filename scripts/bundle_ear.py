"""Bundle the EAR sections a cross-border AI/robotics founder needs.

    python scripts/bundle_ear.py ../shared/data/legal/en/us_cfr_ear_730_744_sections.jsonl.gz

Copies, record for record and unchanged, the sections of 15 CFR parts 734, 736, 740, 742
and 744 (PROVENANCE.md entry 2.6: a partial eCFR mirror) into
src/corridor/bundled/legal/en/us_cfr_ear_730_744_sections.jsonl.gz, leaving out those a
founder of an AI, chip or robotics company does not meet: the controls on chemical,
biological, nuclear and missile items and on firearms, aircraft-engine hot sections, the
anti-terrorism controls on Iran and Sudan, and the medical-device exception. Everything of
scope (734), the general prohibitions (736), the license exceptions for technology,
advanced computing and AI (740), national security, regional stability, encryption and
North Korea (742) and every end-use and end-user control (744) is kept.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

OUT = (
    Path(__file__).resolve().parents[1]
    / "src/corridor/bundled/legal/en/us_cfr_ear_730_744_sections.jsonl.gz"
)
LEFT_OUT = frozenset(
    {"740.23", "742.2", "742.3", "742.5", "742.8", "742.10", "742.14", "742.17", "742.18"}
)


def main(source: Path) -> int:
    kept: list[str] = []
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and json.loads(line)["section"] not in LEFT_OUT:
                kept.append(line.rstrip("\n"))
    # mtime=0: the same sections give the same bytes
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        packed.write(("\n".join(kept) + "\n").encode("utf-8"))
    print(f"{len(kept)} sections → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
