"""A seeded registry of names at national scale, with a planted, known set of list matches.

    python benchmarks/data/registry.py OUT.csv|OUT.parquet [--names 1000000] [--seed 11]

Writes ``id, name, kind, country`` (what ``corridor screen batch`` reads) and, beside it,
``OUT.truth.csv`` (``id, source, source_id, how``): the rows planted as true list matches.
How it is built:

- **Organisations** (about 70 %): the import benchmark's Korean and Chinese companies
  (``benchmarks/import.py``: syllables and suffix words in Hangul and Hanzi with their
  romanisations), each written in one of its renderings: native (Hangul or Hanzi), Latin,
  or the registered legal name with its legal form (주식회사 X, X有限公司).
- **Persons** (about 28 %): a Korean or Chinese surname from the project's surname table
  (``text.translit.SURNAMES``, the customary romanisations of the common Korean
  surnames) or a sample of common Chinese surnames, with two given-name syllables, in
  Hangul/Hanzi or romanised.
- **Planted matches** (``--planted`` share, 2 % by default): real entries of the bundled
  lists, written as a registry would hold them: the list name perturbed as the
  screening benchmark does (case, punctuation, word order, one transposition, legal
  form spelled out), or, for DPRK/PRC entries, one of the native-script forms of
  ``benchmarks/generalisation_cases.csv`` (generated from the English names by separate
  reverse tables). Each planted row's entry is in the truth file.

Everything is seeded: the same arguments give the same file.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent

# Common Chinese surnames: a generator's sample of familiar ones, not a statistic.
ZH_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余"
    "于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷"
    "龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文"
)


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def planted_pool() -> list[tuple[str, str, str, str, str]]:
    """(name, kind, source, source_id, how) of every real entry name a registry might
    hold, and the generalisation set's native forms."""
    from corridor.core.screening import EntityType
    from corridor.screen.sources.detect import parse_list
    from corridor.services.lists import bundled_lists

    pool: list[tuple[str, str, str, str, str]] = []
    for path in bundled_lists():
        for entry in parse_list(path)[1].entries:
            kind = {EntityType.PERSON: "person", EntityType.ORGANIZATION: "org"}.get(entry.type)
            if kind is not None:
                pool.append((entry.names[0].text, kind, entry.source, entry.source_id, "list"))
    with (BENCHMARKS / "generalisation_cases.csv").open(encoding="utf-8") as cases:
        for row in csv.DictReader(cases):
            pool.append((row["query"], "org", row["source"], row["source_id"], "native"))
    return pool


def rows(count: int, seed: int, planted: float) -> Iterator[tuple[list[str], tuple[str, ...]]]:
    """(registry row, truth) for each of ``count`` rows; truth is () when not planted."""
    gen = _module("import_bench", BENCHMARKS / "import.py")
    screening = _module("screening_bench", BENCHMARKS / "screening.py")
    from corridor.text.translit import SURNAMES

    rng = random.Random(seed)
    pool = planted_pool()
    ko_surnames = [s for s in SURNAMES if len(s) == 1]
    seen: set[str] = set()
    for i in range(count):
        row_id = f"r{i:08d}"
        draw = rng.random()
        if draw < planted:
            name, kind, source, source_id, how = rng.choice(pool)
            if how == "list":
                name = screening.perturb(name, rng)
            yield [row_id, name, kind, ""], (row_id, source, source_id, how)
        elif draw < planted + 0.28:
            korean = rng.random() < 0.5
            family = rng.choice(ko_surnames) if korean else rng.choice(ZH_SURNAMES)
            given = "".join(rng.choice(gen.KO if korean else gen.ZH)[0] for _ in range(2))
            name = family + given
            if rng.random() < 0.3:
                from corridor.text.translit import pinyin, romanize

                parts = romanize(given) if korean else pinyin(given)
                head = romanize(family)[0] if korean else pinyin(family)[0]
                name = f"{head.upper()} {''.join(parts).capitalize()}"
            yield [row_id, name, "person", "KR" if korean else "CN"], ()
        else:
            org = gen.organisation(i, rng, seen)
            native = org["name_ko"] or org["name_zh"]
            name = [native, org["name_en"], org["legal_name"]][rng.randrange(3)]
            yield [row_id, name, "org", org["country"]], ()


def write(path: Path, count: int, seed: int = 11, planted: float = 0.02) -> Path:
    """Write the registry to ``path`` (CSV or Parquet) and its truth beside it."""
    truth_path = path.with_name(path.stem + ".truth.csv")
    table: list[list[str]] = []
    with truth_path.open("w", encoding="utf-8", newline="") as truth_out:
        truth = csv.writer(truth_out)
        truth.writerow(["id", "source", "source_id", "how"])
        for row, known in rows(count, seed, planted):
            table.append(row)
            if known:
                truth.writerow(known)
    header = ["id", "name", "kind", "country"]
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = list(zip(*table, strict=True)) if table else [()] * 4
        pq.write_table(pa.table({h: list(c) for h, c in zip(header, columns, strict=True)}), path)
    else:
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(table)
    return truth_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--planted", type=float, default=0.02)
    args = parser.parse_args()
    truth = write(args.out, args.names, args.seed, args.planted)
    print(f"wrote {args.out} ({args.names:,} names) and {truth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
