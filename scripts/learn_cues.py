"""Learn the reporting-cue lexicon (attribution/nlp/data/cues.json) from PolNeAR train.

    python scripts/learn_cues.py [--train ../shared/eval/polnear/train.jsonl]
                                 [--parsed train.pkl] [--out attribution/nlp/data/cues.json]

Parses every train article with the project's Stanza pipeline (about 30 minutes on 2 cores) and
counts, for each verb lemma, how often annotators marked it as an attribution cue. ``--parsed``
reads (or, if missing, writes) a pickle of the serialized parses so the count can be redone
without parsing again. Only train is read: dev stays for measuring.
"""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--parsed", type=Path, help="pickle of serialized Stanza parses by article id")
    ap.add_argument("--out", type=Path, default=ROOT / "attribution" / "nlp" / "data" / "cues.json")
    args = ap.parse_args()

    from stanza.models.common.doc import Document

    from attribution.nlp import lexicon, models
    from attribution.nlp.syntax import sentences_of

    with args.train.open(encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    if args.parsed and args.parsed.exists():
        with args.parsed.open("rb") as fh:
            serialized = pickle.load(fh)
    else:
        serialized = {}
        for batch in tqdm(list(models.batched(articles, 16)), desc="parsing", unit="batch"):
            for art, doc in zip(batch, models.parse([a["text"] for a in batch]), strict=True):
                serialized[art["id"]] = doc.to_serialized()
        if args.parsed:
            with args.parsed.open("wb") as fh:
                pickle.dump(serialized, fh)

    pairs = ((a, sentences_of(Document.from_serialized(serialized[a["id"]]))) for a in articles)
    learned = lexicon.learn(pairs)
    args.out.write_text(json.dumps(learned, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(learned['verbs'])} cue lemmas written to {args.out}")


if __name__ == "__main__":
    main()
