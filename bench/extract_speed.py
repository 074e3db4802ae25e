"""Extraction throughput: articles and tokens per second through the full pipeline.

    python bench/extract_speed.py [--articles 40] [--batch-size 16]

Parses PolNeAR dev articles (or samples/ when the eval data is absent) with the real Stanza
pipeline in bulk, then runs the learned span tagger and the attribution rules, and reports each
stage separately: the tagger and the rules must stay a small fraction of the parse.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"


def load(n: int) -> list[str]:
    if DEV.exists():
        with DEV.open(encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line, _ in zip(fh, range(n), strict=False)]
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()

    import torch

    from attribution.nlp import models, tagger
    from attribution.nlp.extract import analyse_parsed
    from attribution.nlp.syntax import sentences_of

    torch.set_num_threads(1)  # one core per process, as ingest workers run

    texts = load(args.articles)
    tokens = sum(len(re.findall(r"\w+", t)) for t in texts)
    t0 = time.perf_counter()
    models.pipeline()
    t_load = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs = [d for batch in models.batched(texts, args.batch_size) for d in models.parse(batch)]
    t_parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    if tagger.available():
        for text, doc in zip(texts, docs, strict=True):
            tagger.tag(text, sentences_of(doc))
    t_tagger = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_quotes = sum(len(analyse_parsed(t, d).quotes) for t, d in zip(texts, docs, strict=True))
    t_rules = time.perf_counter() - t0 - t_tagger  # analyse_parsed runs the tagger too

    print(f"articles {len(texts)}, word tokens {tokens}, attributions {n_quotes}")
    print(f"model load   {t_load:7.1f} s")
    print(f"parse        {t_parse:7.1f} s  {tokens / t_parse:8.0f} tokens/s")
    print(f"span tagger  {t_tagger:7.2f} s  {tokens / max(t_tagger, 1e-9):8.0f} tokens/s  "
          f"({100 * t_tagger / t_parse:.1f} % of the parse)")
    print(f"rules        {t_rules:7.2f} s  {tokens / t_rules:8.0f} tokens/s")


if __name__ == "__main__":
    main()
