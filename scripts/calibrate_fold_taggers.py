#!/usr/bin/env python3
"""Set each fold tagger to the shipped tagger's volume before the learned parts learn beside
its spans (``--tags-from folds``). Nothing here reads dev.

Why
    Five span taggers trained with the same settings on four fifths of train each mark very
    different amounts on the fold they never saw (fold 1's marks a third fewer sources than
    fold 0's, which is the shipped one): the CRF stops at a different balance each run. The
    speaker choice, the content bounds and the confidence learn how far to trust spans of one
    volume, and news meets only the shipped tagger's (bench/README.md, "Learning beside honest
    spans": a third more or fewer spans costs 2.2-2.6 e2e soft on fold 0).

How
    For each type (SOURCE, CUE, CONTENT) a fold tagger's emission scores of that type's tags
    (B-, I-, E-, S-) are raised by δ against "O" (the bias of its last layer, before any 8-bit
    conversion), δ chosen on a grid (the same δ for all three types) and refined with the
    others' δ in place (the types compete for tokens), so that its spans of the type on its
    held-out fold stand to that fold's gold attributions as the shipped tagger's spans on fold
    0 stand to fold 0's. A fold's tagger of two models (``fold{k}_spantagger.pt`` and
    ``fold{k}_spantagger_b.pt``, averaged as the shipped ones are) gets one δ, added to both.
    Fold 0's tagger is the shipped one, copied unchanged. The calibrated
    taggers are written with ``calibration.json`` (each δ and the counts before and after) to
    ``--out``, which ``--fold-taggers`` of the training scripts and ``cv_chain.py`` then read.

Usage (one torch thread, a few minutes; ``make calibrated-taggers`` trains folds 1-4 first)::

    OMP_NUM_THREADS=1 .venv/bin/python scripts/calibrate_fold_taggers.py
    OMP_NUM_THREADS=1 .venv/bin/python scripts/cv_chain.py --tags-from folds \\
        --fold-taggers build/span-tagger/calibrated --tags build/train-tags-calibrated.pkl
"""

from __future__ import annotations

import json
import math
import shutil
import sys
import tempfile
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_speaker_choice as speaker  # noqa: E402
from train_span_tagger import fold_split  # noqa: E402

from attribution.nlp import tagger  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GRID = (-0.5, 0.0, 0.5, 1.0, 1.5, 2.0)
#: Rounds of refinement, and how close (in the log of the ratio) is close enough.
REFINE_STEPS, TOLERANCE = 5, 0.02


def gold_counts(articles: list[dict[str, Any]]) -> Counter[str]:
    """Gold attributions with a source, a cue and a content, by the tagger's type."""
    out: Counter[str] = Counter()
    for a in articles:
        for g in a["attributions"]:
            for field, kind in (("source", "SOURCE"), ("cue", "CUE"), ("content", "CONTENT")):
                if g.get(field):
                    out[kind] += 1
    return out


def shifted(models: tuple[Path, ...], deltas: dict[str, float], out: Path
            ) -> tuple[Path, ...]:
    """``models`` (a fold's tagger: one model or several) with each type's tags raised by its
    δ against "O", saved in the folder ``out`` under their names. Raising every model's scores
    raises their average, which an ensemble decodes, by as much."""
    import torch

    written = []
    for model in models:
        saved = torch.load(model, map_location="cpu", weights_only=False)
        tags = saved["vocab"]["tag"]["_id2unit"][0]
        bias = saved["model"]["tag_clfs.0.bias"].clone()
        for i, tag in enumerate(tags):
            label = tag.partition("-")[2]
            if label in deltas:
                bias[i] += deltas[label]
        saved["model"]["tag_clfs.0.bias"] = bias
        torch.save(saved, out / model.name)
        written.append(out / model.name)
    return tuple(written)


def span_counts(models: tuple[Path, ...], articles: list[dict[str, Any]],
                sentences: dict[str, Any]) -> Counter[str]:
    """How many spans of each type ``models`` (a tagger) mark in ``articles``, tagged as the
    engine tags."""
    shipped, vectors = tagger.model_paths()
    trainer = None if models == shipped else tagger.load(models, vectors)
    return Counter(s.type for spans in speaker.tag_articles(articles, sentences, trainer).values()
                   for s in spans if s.type in tagger.TYPES)


def crossing(points: list[tuple[float, float]], target: float) -> float:
    """The δ where the ratio (δ, ratio points, δ ascending) first reaches ``target``, by linear
    interpolation; the nearest end of the grid when it never does."""
    for (d0, r0), (d1, r1) in pairwise(points):
        if (r0 - target) * (r1 - target) <= 0 and r0 != r1:
            return d0 + (target - r0) * (d1 - d0) / (r1 - r0)
    return min(points, key=lambda p: abs(p[1] - target))[0]


def main() -> None:
    ap = speaker.train_arguments(__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "span-tagger" / "calibrated")
    ap.add_argument("--folds", type=int, nargs="+", default=list(range(1, speaker.FOLDS)),
                    help="the folds to calibrate (default: 1-4; fold 0's is the shipped tagger)")
    args = ap.parse_args()
    articles, sentences, _ = speaker.train_articles(args, tagged=False)
    fold = fold_split([a["id"] for a in articles], speaker.FOLDS, speaker.TAGGER_SEED)
    by_fold = [[a for a in articles if fold[a["id"]] == k] for k in range(speaker.FOLDS)]
    args.out.mkdir(parents=True, exist_ok=True)
    shipped, _ = tagger.model_paths()
    for model, fold0 in zip(shipped, speaker.fold_models(args.out, 0), strict=True):
        shutil.copyfile(model, fold0)

    gold0 = gold_counts(by_fold[0])
    spans0 = span_counts(shipped, by_fold[0], sentences)
    target = {t: spans0[t] / gold0[t] for t in tagger.TYPES}
    kept = args.out / "calibration.json"
    report: dict[str, Any] = json.loads(kept.read_text(encoding="utf-8")) if kept.exists() \
        else {"folds": {}}
    report["target"] = target
    report["folds"]["0"] = {"delta": dict.fromkeys(tagger.TYPES, 0.0), "gold": gold0,
                            "spans": spans0}
    print("fold 0 (shipped): " + "  ".join(
        f"{t} {spans0[t]}/{gold0[t]} = {target[t]:.3f}" for t in tagger.TYPES), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.folds:
            t0 = time.time()
            model = speaker.fold_models(args.fold_taggers, k)
            if not all(m.exists() for m in model):
                raise SystemExit(f"no tagger at {', '.join(map(str, model))} "
                                 "(`make -j2 fold-taggers` trains them)")
            gold = gold_counts(by_fold[k])
            points: dict[str, list[tuple[float, float]]] = {t: [] for t in tagger.TYPES}
            for d in GRID:
                got = span_counts(shifted(model, dict.fromkeys(tagger.TYPES, d), Path(tmp)),
                                  by_fold[k], sentences)
                for t in tagger.TYPES:
                    points[t].append((d, got[t] / gold[t]))
                print(f"fold {k} δ {d:+.2f}: " + "  ".join(
                    f"{t} {got[t]}" for t in tagger.TYPES), flush=True)
            deltas = {t: crossing(points[t], target[t]) for t in tagger.TYPES}
            # The types compete for tokens (a longer content swallows the source before it),
            # so each type's δ is refined with the others at theirs: a step on the log of the
            # ratio, at the slope the grid showed between δ 0 and 0.5.
            slope = {t: max(0.5, 2 * math.log(dict(points[t])[0.5] / dict(points[t])[0.0]))
                     for t in tagger.TYPES}
            for _ in range(REFINE_STEPS):
                got = span_counts(shifted(model, deltas, args.out), by_fold[k], sentences)
                off = {t: math.log(target[t] * gold[t] / max(got[t], 1)) for t in tagger.TYPES}
                if all(abs(v) <= TOLERANCE for v in off.values()):
                    break
                deltas = {t: deltas[t] + off[t] / slope[t] for t in tagger.TYPES}
            else:
                got = span_counts(shifted(model, deltas, args.out), by_fold[k], sentences)
            deltas = {t: round(d, 3) for t, d in deltas.items()}
            report["folds"][str(k)] = {"delta": deltas, "gold": gold, "spans": got,
                                       "grid": points}
            print(f"fold {k} calibrated in {time.time() - t0:.0f} s, δ {deltas}: " + "  ".join(
                f"{t} {got[t]}/{gold[t]} = {got[t] / gold[t]:.3f}" for t in tagger.TYPES),
                flush=True)
            kept.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
