"""Extraction throughput: articles and tokens per second through the full pipeline.

    python bench/extract_speed.py [--articles 40] [--batch-size 16]

Runs PolNeAR dev articles (or samples/ when the eval data is absent) through the stages of
``attribution extract``, as ``extract.analyse_many`` runs them, and reports each separately:
the Stanza pipeline (in batches, the full parse only on the sentences ``focus`` picks), the
learned span tagger (``extract.tag_parsed``, a batch at a time) and the rules with the learned
choices. The tagger and the rules must stay a small fraction of the parse.
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

    from attribution.nlp import focus, models, tagger
    from attribution.nlp.extract import _Article, tag_parsed
    from attribution.nlp.lexicon import default_lexicon
    from attribution.nlp.quotes import find_quotations
    from attribution.nlp.syntax import sentences_of

    torch.set_num_threads(1)  # one core per process, as ingest workers run

    texts = load(args.articles)
    tokens = sum(len(re.findall(r"\w+", t)) for t in texts)
    t0 = time.perf_counter()
    models.pipeline()
    if tagger.available():
        tagger._load()
    t_load = time.perf_counter() - t0

    # analyse_many's stages, batch by batch as it runs them (the 8-bit models' results depend
    # on which sentences share a batch), each timed apart.
    lexicon = default_lexicon()
    t_parse = t_tagger = t_rules = 0.0
    n_quotes = 0
    for batch in models.batched(texts, args.batch_size):
        t0 = time.perf_counter()
        docs = models.parse(batch, models.TIME_BUDGET_SECONDS, focus.sentences_to_parse)
        t1 = time.perf_counter()
        sentences = [sentences_of(d) for d in docs]
        quotations = [find_quotations(t) for t in batch]
        tagged = tag_parsed(batch, sentences, quotations)
        t2 = time.perf_counter()
        n_quotes += sum(len(_Article(t, s, lexicon, tags, qs).run().quotes)
                        for t, s, tags, qs in zip(batch, sentences, tagged, quotations,
                                                  strict=True))
        t3 = time.perf_counter()
        t_parse, t_tagger, t_rules = t_parse + t1 - t0, t_tagger + t2 - t1, t_rules + t3 - t2

    print(f"articles {len(texts)}, word tokens {tokens}, attributions {n_quotes}")
    print(f"model load   {t_load:7.1f} s  (the pipeline and the span tagger)")
    print(f"parse        {t_parse:7.1f} s  {tokens / t_parse:8.0f} tokens/s")
    print(f"span tagger  {t_tagger:7.2f} s  {tokens / max(t_tagger, 1e-9):8.0f} tokens/s  "
          f"({100 * t_tagger / t_parse:.1f} % of the parse)")
    print(f"rules        {t_rules:7.2f} s  {tokens / t_rules:8.0f} tokens/s")


if __name__ == "__main__":
    main()
