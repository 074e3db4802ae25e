"""Learn the reporting-cue lexicon (attribution/nlp/data/cues.json) from PolNeAR train.

    python scripts/learn_cues.py [--train ../shared/eval/polnear/train.jsonl]
                                 [--out attribution/nlp/data/cues.json]

Counts, for each word form, how often annotators marked it as (part of) an attribution cue
(see attribution.nlp.lexicon.learn). Only train is read: dev stays for measuring.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--out", type=Path, default=ROOT / "attribution" / "nlp" / "data" / "cues.json")
    args = ap.parse_args()

    from attribution.nlp import lexicon

    with args.train.open(encoding="utf-8") as fh:
        learned = lexicon.learn(json.loads(line) for line in fh)
    args.out.write_text(json.dumps(learned, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(learned['forms'])} cue forms and {len(learned['lemmas'])} lemmas written to "
          f"{args.out}")


if __name__ == "__main__":
    main()
