"""A seeded registry of names at national scale, with a planted, known set of list matches.

    python benchmarks/data/registry.py OUT.csv|OUT.parquet [--names 1000000] [--seed 11]

Writes ``id, name, kind, country`` (what ``corridor screen batch`` reads) and, beside it,
``OUT.truth.csv`` (``id, source, source_id, how``): the rows planted as true list matches.
How it is built:

- **Organisations** (about 70 %, Korean on even rows, Chinese on odd ones): names made
  of the import benchmark's pieces (``benchmarks/import.py``: syllables and suffix words
  in Hangul and Hanzi with their romanisations), two to four syllables and a suffix
  word, each written in one of its renderings: native (Hangul or Hanzi), Latin, or the
  registered legal name with its legal form (주식회사 X, X有限公司). Names are drawn
  independently, so a name may recur, as in a real registry (short ones do often at
  10⁶ rows: there are about 10,000 two-syllable Korean names).
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

Everything is seeded: the same arguments and ``GENERATOR_VERSION`` give the same file.
Rows are written as they are drawn (no per-row lookups beyond a memoised romanisation
of person names): about 10⁶ names in well under a minute. Version 1 drew each company
name again until it was unused, which never ends once the name space runs out near
10⁶ rows; version 2 draws names independently and adds four-syllable names.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from types import ModuleType
from typing import Any

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


GENERATOR_VERSION = 2
"""Bumped whenever the same arguments would give other rows (the benchmark keeps
generated registries under it)."""

# Piece counts of an organisation's name (before its suffix word): 2 and 3 as the
# import benchmark draws them, 4 so that a million names are not mostly repeats.
_PIECES = (2, 2, 3, 3, 3, 4)


def _org_name(pieces: list[tuple[str, str]], suffixes: list[tuple[str, str]],
              rng: random.Random) -> tuple[str, str]:  # fmt: skip
    """A native company name and its Latin form (the import benchmark's pieces)."""
    parts = [pieces[rng.randrange(len(pieces))] for _ in range(rng.choice(_PIECES))]
    suffix = suffixes[rng.randrange(len(suffixes))]
    native = "".join(p[0] for p in parts) + suffix[0]
    return native, "".join(p[1] for p in parts).capitalize() + " " + suffix[1]


def rows(count: int, seed: int, planted: float) -> Iterator[tuple[list[str], tuple[str, ...]]]:
    """(registry row, truth) for each of ``count`` rows; truth is () when not planted."""
    gen = _module("import_bench", BENCHMARKS / "import.py")
    screening = _module("screening_bench", BENCHMARKS / "screening.py")
    from corridor.text.translit import SURNAMES, pinyin, romanize

    rng = random.Random(seed)
    pool = planted_pool()
    ko_surnames = [s for s in SURNAMES if len(s) == 1]
    latin: dict[tuple[str, str], str] = {}  # (family, given) → romanised form, memoised

    def romanised(family: str, given: str, korean: bool) -> str:
        found = latin.get((family, given))
        if found is None:
            parts = romanize(given) if korean else pinyin(given)
            head = romanize(family)[0] if korean else pinyin(family)[0]
            found = latin[family, given] = f"{head.upper()} {''.join(parts).capitalize()}"
        return found

    for i in range(count):
        row_id = f"r{i:08d}"
        draw = rng.random()
        if draw < planted:
            name, kind, source, source_id, how = pool[rng.randrange(len(pool))]
            if how == "list":
                name = screening.perturb(name, rng)
            yield [row_id, name, kind, ""], (row_id, source, source_id, how)
        elif draw < planted + 0.28:
            korean = rng.random() < 0.5
            family = rng.choice(ko_surnames) if korean else rng.choice(ZH_SURNAMES)
            syllables = gen.KO if korean else gen.ZH
            given = "".join(syllables[rng.randrange(len(syllables))][0] for _ in range(2))
            name = romanised(family, given, korean) if rng.random() < 0.3 else family + given
            yield [row_id, name, "person", "KR" if korean else "CN"], ()
        else:
            korean = i % 2 == 0
            if korean:
                native, english = _org_name(gen.KO, gen.KO_SUFFIX, rng)
                legal = "주식회사 " + native
            else:
                native, english = _org_name(gen.ZH, gen.ZH_SUFFIX, rng)
                legal = native + "有限公司"
            name = (native, english, legal)[rng.randrange(3)]
            yield [row_id, name, "org", "KR" if korean else "CN"], ()


def write(path: Path, count: int, seed: int = 11, planted: float = 0.02) -> Path:
    """Write the registry to ``path`` (CSV or Parquet) and its truth beside it, row by
    row (CSV) or a block of rows at a time (Parquet): memory does not grow with
    ``count``."""
    truth_path = path.with_name(path.stem + ".truth.csv")
    header = ["id", "name", "kind", "country"]
    with truth_path.open("w", encoding="utf-8", newline="") as truth_out:
        truth = csv.writer(truth_out)
        truth.writerow(["id", "source", "source_id", "how"])
        generated = rows(count, seed, planted)
        if path.suffix == ".parquet":
            _write_parquet(path, header, generated, truth)
            return truth_path
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            for row, known in generated:
                writer.writerow(row)
                if known:
                    truth.writerow(known)
    return truth_path


def _write_parquet(
    path: Path,
    header: list[str],
    generated: Iterator[tuple[list[str], tuple[str, ...]]],
    truth: Any,
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(h, pa.string()) for h in header])
    with pq.ParquetWriter(path, schema) as writer:
        while True:
            block = list(islice(generated, 100_000))
            if not block:
                return
            for _, known in block:
                if known:
                    truth.writerow(known)
            columns = zip(*(row for row, _ in block), strict=True)
            writer.write_table(pa.table(dict(zip(header, map(list, columns), strict=True))))


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
