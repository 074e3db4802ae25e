"""Score the extraction engine on PolNeAR dev with the project's scorer.

    python bench/score_dev.py [--gold ../shared/eval/polnear/dev.jsonl] [--out /tmp/pred.jsonl]

Runs ``attribution extract --jsonl`` (the real pipeline, as users run it) and then
``score_attribution.py``, printing the scorer's table and the wall time of the extraction.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "polnear" / "dev.jsonl")
    ap.add_argument("--scorer", type=Path, default=SHARED / "score_attribution.py")
    ap.add_argument("--out", type=Path, default=Path("/tmp/attribution-dev-pred.jsonl"))
    args = ap.parse_args()

    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "attribution.cli", "extract", "--jsonl", str(args.gold),
         "--out", str(args.out)],
        check=True,
    )
    took = time.perf_counter() - t0
    subprocess.run([sys.executable, str(args.scorer), "--gold", str(args.gold), "--pred",
                    str(args.out)], check=True)
    print(f"\nextraction wall time: {took:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
