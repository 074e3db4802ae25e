"""Benchmark (not a test): candidate search over ``index_keys`` stays sublinear in stored quotes.

Builds an in-memory inverted index ``key -> [statement id]`` (what the store's ``(key,
statement_id)`` table holds) over N sentences taken from the PolNeAR articles in
``shared/eval/polnear``; past the ~34k real sentences, more are made by splicing the first half
of one real sentence to the second half of another. At N = 1k, 10k, 100k it runs the same
queries and prints, per query: time to make the keys, to collect and rank candidates (the SQL
``GROUP BY ... ORDER BY count(*)``), to verify the top candidates with ``compare``; how many
postings were read and how many distinct statements were touched; and whether the expected
statement was found. Two variants: all keys, and keys read only while their posting list holds
at most DF_CAP statements (the store can keep a per-key count and skip the rest, like stop words):
that bounds the postings read per query whatever N.

Past the real sentences the spliced ones repeat real half-sentences about three times each, so
their n-gram keys have longer posting lists than real text would: the 100k row is pessimistic.

Queries: stored sentences re-quoted (curly quotes, British spelling), a word changed, a 5-word
fragment, and held-out sentences that are not stored (expected: nothing verified).

    .venv/bin/python bench/matching_speed.py [--sizes 1000,10000,100000] [--queries 50]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from attribution.matching import compare, index_keys  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
TOP_K = 20  # candidates verified per query: the rest are never compared
DF_CAP = 500  # "df cap" variant: keys in more statements than this are not read


def polnear_sentences() -> list[str]:
    """Real news sentences of 6-60 words, deduplicated, in a fixed order."""
    seen: dict[str, None] = {}
    for name in ("train.jsonl", "dev.jsonl"):
        with (POLNEAR / name).open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                for s in re.split(r"(?<=[.!?])\s+|\n+", text):
                    if 6 <= len(s.split()) <= 60:
                        seen.setdefault(s.strip(), None)
    return list(seen)


def corpus(real: list[str], n: int, rng: random.Random) -> list[str]:
    out = list(real[:n])
    while len(out) < n:
        a, b = rng.choice(real).split(), rng.choice(real).split()
        out.append(" ".join(a[: len(a) // 2] + b[len(b) // 2 :]))
    return out


def british(text: str) -> str:
    return re.sub(r"iz(e|ed|es|ing|ation)\b", r"is\1", text).replace("defense", "defence")


def queries(stored: list[str], held_out: list[str], per_kind: int, rng: random.Random):
    """(kind, query text, expected id or None); ids come from the first 1,000 stored sentences."""
    ids = rng.sample(range(min(1000, len(stored))), per_kind * 3)
    out: list[tuple[str, str, int | None]] = []
    for i in ids[:per_kind]:
        out.append(("requoted", f"“{british(stored[i]).upper()}”", i))
    for i in ids[per_kind : 2 * per_kind]:
        words = stored[i].split()
        j = rng.randrange(len(words))
        words[j] = "wombat"
        out.append(("one word changed", " ".join(words), i))
    for i in ids[2 * per_kind :]:
        words = stored[i].split()
        j = rng.randrange(max(1, len(words) - 5))
        out.append(("5-word fragment", " ".join(words[j : j + 5]), i))
    for s in held_out[:per_kind]:
        out.append(("not stored", s, None))
    return out


def run_query(
    text: str,
    postings: dict[str, list[int]],
    stored: list[str],
    keep: Callable[[list[int]], bool],
) -> tuple[float, float, float, int, int, list[int]]:
    t0 = time.perf_counter()
    keys = index_keys(text)
    t1 = time.perf_counter()
    counts: dict[int, int] = {}
    read = 0
    for key in keys:
        plist = postings.get(key, [])
        if not keep(plist):
            continue
        read += len(plist)
        for ident in plist:
            counts[ident] = counts.get(ident, 0) + 1
    ranked = sorted(counts, key=lambda i: -counts[i])[:TOP_K]
    t2 = time.perf_counter()
    verified = [i for i in ranked if compare(stored[i], text) is not None]
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, read, len(counts), verified


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,30000,100000")
    parser.add_argument("--queries", type=int, default=50, help="queries of each kind")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rng = random.Random(20230619)

    real = polnear_sentences()
    rng.shuffle(real)
    held_out, real = real[: args.queries], real[args.queries :]
    stored = corpus(real, sizes[-1], rng)
    qs = queries(stored, held_out, args.queries, rng)
    variants: dict[str, Callable[[list[int]], bool]] = {
        "all keys": lambda plist: True,
        f"df cap {DF_CAP}": lambda plist: len(plist) <= DF_CAP,
    }
    print(f"{len(real) + len(held_out)} real sentences; {len(qs)} queries; top {TOP_K} verified")

    postings: dict[str, list[int]] = {}
    n_keys = 0
    built = 0
    t_build = 0.0
    header = (
        f"{'N':>7} {'keys/stmt':>9} {'variant':>11} {'keys ms':>8} {'search ms':>9} "
        f"{'verify ms':>9} {'postings':>9} {'touched':>8} {'p95 touch':>9}  found"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        t0 = time.perf_counter()
        for ident in range(built, n):
            keys = index_keys(stored[ident])
            n_keys += len(keys)
            for key in keys:
                postings.setdefault(key, []).append(ident)
        built = n
        t_build += time.perf_counter() - t0
        for name, keep in variants.items():
            rows = [run_query(q, postings, stored, keep) for _, q, _ in qs]
            found: dict[str, list[bool]] = {}
            for (kind, _, expected), row in zip(qs, rows, strict=True):
                ok = (expected in row[5]) if expected is not None else not row[5]
                found.setdefault(kind, []).append(ok)
            touched = sorted(r[4] for r in rows)
            print(
                f"{n:>7} {n_keys / n:>9.1f} {name:>11} "
                f"{1000 * statistics.mean(r[0] for r in rows):>8.2f} "
                f"{1000 * statistics.mean(r[1] for r in rows):>9.2f} "
                f"{1000 * statistics.mean(r[2] for r in rows):>9.2f} "
                f"{statistics.mean(r[3] for r in rows):>9.0f} "
                f"{statistics.mean(touched):>8.0f} {touched[int(0.95 * len(touched))]:>9} "
                f" {' '.join(f'{k}:{sum(v)}/{len(v)}' for k, v in found.items())}"
            )
        print(f"{'':>7} index: {len(postings)} distinct keys, built in {t_build:.1f}s so far")


if __name__ == "__main__":
    main()
