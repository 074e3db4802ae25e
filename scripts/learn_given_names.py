"""Learn which pronoun given names take (attribution/nlp/data/given_names.json) from PolNeAR
train.

    python scripts/learn_given_names.py [--train ../shared/eval/polnear/train.jsonl]
                                        [--out attribution/nlp/data/given_names.json]

See attribution.nlp.gender.learn. Only train is read: dev stays for measuring.
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
    ap.add_argument("--out", type=Path,
                    default=ROOT / "attribution" / "nlp" / "data" / "given_names.json")
    args = ap.parse_args()

    from attribution.nlp import gender

    with args.train.open(encoding="utf-8") as fh:
        learned = gender.learn(json.loads(line) for line in fh)
    args.out.write_text(json.dumps(learned, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    counts = {g: sum(1 for v in learned.values() if v == g) for g in ("m", "f")}
    print(f"{len(learned)} given names ({counts['m']} he, {counts['f']} she) written to {args.out}")


if __name__ == "__main__":
    main()
