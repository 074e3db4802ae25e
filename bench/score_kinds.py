"""Extraction quality per kind of attribution (direct, mixed, indirect), with the project's scorer.

    python bench/score_kinds.py --pred /tmp/attribution-dev-pred.jsonl \
        [--gold ../shared/eval/polnear/dev.jsonl]

The prediction file is what ``attribution extract --jsonl`` writes (``bench/score_dev.py --out``
keeps it). PolNeAR marks which attributions hold quoted words ("direct", the scorer's (c) rows);
of those, one with words of its content outside the quotation marks is *mixed* (a quoted
fragment inside reported speech), as the engine's ``kind`` says it; the unmarked ones are
*indirect*. Quote marks are found with the engine's character-level quotation finder, which
needs no parse. Each row is the scorer run on one kind alone:
the gold attributions of that kind against the predictions the engine gave that kind. So a
mixed attribution predicted as indirect counts as a miss in both rows, which is what a
journalist filtering by kind would see.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
KINDS = ("direct", "mixed", "indirect")


def gold_kind(quoted: list[tuple[int, int]], text: str, attribution: dict[str, Any]) -> str:
    """direct, mixed or indirect, given the article's quotation spans ``quoted``."""
    if not attribution.get("direct"):
        return "indirect"
    content = attribution["content"]
    parts = [(p["start"], p["end"]) for p in content.get("parts", [])] or [
        (content["start"], content["end"])]
    outside = "".join(text[i] for s, e in parts for i in range(s, e)
                      if not any(a <= i < b for a, b in quoted))
    return "mixed" if re.search(r"\w", outside) else "direct"


def split_by_kind(gold: Path, pred: Path, out: Path) -> dict[str, tuple[Path, Path]]:
    """One gold and one prediction file per kind, in ``out``."""
    from attribution.nlp.quotes import find_quotations

    gold_rows: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    for line in gold.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        quoted = [part for q in find_quotations(article["text"]) for part in q.parts]
        for kind in KINDS:
            kept = [a for a in article["attributions"]
                    if gold_kind(quoted, article["text"], a) == kind]
            gold_rows[kind].append({**article, "attributions": kept})
    pred_rows: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    for line in pred.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        for kind in KINDS:
            kept = [q for q in article["quotes"] if q.get("kind") == kind]
            pred_rows[kind].append({"id": article["id"], "quotes": kept})
    files = {}
    for kind in KINDS:
        g, p = out / f"gold_{kind}.jsonl", out / f"pred_{kind}.jsonl"
        g.write_text("".join(json.dumps(r) + "\n" for r in gold_rows[kind]), encoding="utf-8")
        p.write_text("".join(json.dumps(r) + "\n" for r in pred_rows[kind]), encoding="utf-8")
        files[kind] = (g, p)
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "polnear" / "dev.jsonl")
    ap.add_argument("--pred", type=Path, required=True)
    ap.add_argument("--scorer", type=Path, default=SHARED / "score_attribution.py")
    args = ap.parse_args()
    print(f"{'kind':<9}{'gold':>6}{'pred':>6}{'exact F1':>10}{'partial F1':>12}"
          f"{'spk head':>10}{'e2e soft F1':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, (gold, pred) in split_by_kind(args.gold, args.pred, Path(tmp)).items():
            run = subprocess.run(
                [sys.executable, str(args.scorer), "--gold", str(gold), "--pred", str(pred),
                 "--json"], check=True, capture_output=True, text=True)
            block = json.loads(run.stdout)["all"]

            def pct(x: float | None) -> str:
                return "n/a" if x is None else f"{100 * x:.2f}"

            print(f"{kind:<9}{block['counts']['gold']:>6}{block['counts']['pred']:>6}"
                  f"{pct(block['content_exact']['f1']):>10}{pct(block['content_partial']['f1']):>12}"
                  f"{pct(block['speaker_head']['accuracy']):>10}{pct(block['e2e_soft']['f1']):>13}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
