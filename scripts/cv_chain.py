#!/usr/bin/env python3
"""Cross-validate the three learned parts together, as they are trained and shipped: on each
of train's five folds (the span tagger's split, seed 8), the speaker choice, the content
bounds and the confidence are trained in that order on the other four folds, and the engine
with all three is scored on the fold with the project's scorer. Nothing here reads dev.

Each fold is measured on the spans of a tagger that never saw it
(:func:`train_speaker_choice.fold_taggers`: fold k's articles tagged by the tagger trained on
the other folds), as news will be. What the parts *learn from* is ``--tags-from``:

* ``folds``: the same cross-fitted spans, so the parts learn what the tagger misses and adds
  on text it never saw;
* ``shipped``: the shipped tagger's spans on every fold, as the shipped parts learn: on
  folds 1-4 those spans are the tagger's own training data, better than it will ever see
  again.

Measured on 2026-12-04 (bench/README.md, "Learning beside honest spans"): ``folds`` gained on
the mean (e2e soft 65.37 -> 65.70) but lost on the two folds whose tagger marks about as many
spans as the shipped one does (0 and 2). With the fold taggers set to the shipped tagger's
volume (``--fold-taggers build/span-tagger/calibrated``, ``make calibrated-taggers``; "Fold
taggers set to one volume") the two learn alike (66.65 and 66.67). Beside the tagger trained
with Adam, shipped since 2026-12-06, and fold taggers of its recipe so set, ``folds`` gains on
fold 0 (e2e soft 70.16 -> 71.52: bench/README.md, "The Adam tagger shipped"), and the shipped
parts learn from ``folds``; measure with the calibrated taggers, whose spans are news's volume.

The speaker groups and the content readings that the choices learn from are recorded once,
by the engine with the shipped parts beside the one recorded (the speaker choice's candidates
hardly depend on the content bounds and the other way round); the confidence's examples are
recorded per fold with that fold's two choices, as the engine makes them.

The parts' settings can be varied here, every part retrained on each fold as shipped but for
the one changed: ``--speaker-l2``, ``--content-l2``, ``--min-count`` (all three parts),
``--settings`` (the confidence's trees) and ``--learn-both`` (the parts learn beside both
taggers' spans). On 2026-12-06 (bench/README.md, "The learned parts' settings, and a judge of
exact bounds") none gained more than 0.1 on the five folds' means, and ``--learn-both`` lost
0.2.

``--bounds-gates`` measures the gate after the confidence on how sure the content choice is of
the bounds of an unquoted content whose source has no name (``evidence.BOUNDS_GATE``), which
needs no retraining: on 2026-12-07 (bench/README.md, "A gate on doubtful bounds that spares
named sources") 0.4, shipped, gained content exact on every fold (means 59.00 -> 59.46) for
end-to-end soft F1 70.12 -> 69.92.

Usage (one torch thread; about five minutes, once the fold taggers are trained and set to
the shipped tagger's volume: ``make calibrated-taggers``)::

    OMP_NUM_THREADS=1 .venv/bin/python scripts/cv_chain.py --tags-from shipped \
        --fold-taggers build/span-tagger/calibrated
    OMP_NUM_THREADS=1 .venv/bin/python scripts/cv_chain.py --tags-from folds --thresholds 0.45 0.5 \
        --fold-taggers build/span-tagger/calibrated --tags build/train-tags-calibrated.pkl
    OMP_NUM_THREADS=1 .venv/bin/python scripts/cv_chain.py --tags-from folds \
        --fold-taggers build/span-tagger/calibrated --tags build/train-tags-calibrated.pkl \
        --bounds-gates 0 0.3 0.35 0.4
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_confidence  # noqa: E402
import train_content_choice  # noqa: E402
import train_speaker_choice as speaker  # noqa: E402
from cv_thresholds import load_scorer  # noqa: E402
from train_span_tagger import fold_split  # noqa: E402

from attribution.nlp import evidence  # noqa: E402
from attribution.nlp.content_choice import ContentChoice  # noqa: E402
from attribution.nlp.speaker_choice import SpeakerChoice  # noqa: E402


def main() -> None:
    ap = speaker.train_arguments(__doc__)
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.5],
                    help="the confidence's thresholds to measure (default: the shipped 0.5)")
    ap.add_argument("--bounds-gates", type=float, nargs="+", default=[evidence.BOUNDS_GATE],
                    help="the least confidence times the content choice's share for its "
                         "bounds that an unquoted content keeps, to measure (default: the "
                         f"shipped {evidence.BOUNDS_GATE})")
    ap.add_argument("--speaker-l2", type=float, default=speaker.CHOSEN_L2,
                    help=f"the speaker choice's L2 penalty (default: the shipped "
                         f"{speaker.CHOSEN_L2})")
    ap.add_argument("--content-l2", type=float, default=train_content_choice.CHOSEN_L2,
                    help=f"the content choice's L2 penalty (default: the shipped "
                         f"{train_content_choice.CHOSEN_L2})")
    ap.add_argument("--settings", default="{}",
                    help="the confidence trees' settings that differ from the shipped ones "
                         "(train_confidence.TREES), as JSON: '{\"max_leaf_nodes\": 31}'")
    ap.add_argument("--learn-both", action="store_true",
                    help="the parts learn from every article twice: beside the spans "
                         "--tags-from names and beside the other tagger's")
    ap.add_argument("--folds", type=int, nargs="+", default=list(range(speaker.FOLDS)),
                    help="the folds to measure (default: all five; fold 0 alone is the one the "
                         "shipped tagger never saw, where the shipped engine compares)")
    ap.add_argument("--preds", type=Path, default=None,
                    help="a folder to write each held-out fold's extraction to "
                         "(fold<K>-threshold<T>-gate<G>.jsonl, as `attribution extract --jsonl` "
                         "writes it), for reading its errors against train.jsonl")
    args = ap.parse_args()
    trees = {**train_confidence.TREES, **json.loads(args.settings)}
    # what the parts learn from is --tags-from; every fold is measured on honest spans
    articles, sentences, learn = speaker.train_articles(args)
    honest = speaker.train_spans(args, articles, sentences, "folds")
    scorer = load_scorer()
    fold = fold_split([a["id"] for a in articles], speaker.FOLDS, speaker.TAGGER_SEED)
    by_fold = [[a for a in articles if fold[a["id"]] == k] for k in range(speaker.FOLDS)]

    t0 = time.time()
    views = [learn]
    if args.learn_both:
        other = "shipped" if args.tags_from == "folds" else "folds"
        views.append(speaker.train_spans(args, articles, sentences, other))
    speaker_groups = {a["id"]: [g for v in views for g in speaker.groups_of(
        a, sentences[a["id"]], v[a["id"]], scorer)] for a in articles}
    content_groups = {a["id"]: [g for v in views for g in train_content_choice.groups_of(
        a, sentences[a["id"]], v[a["id"]], scorer)] for a in articles}
    print(f"speaker groups and content readings recorded in {time.time() - t0:.0f} s",
          flush=True)

    settings = [(t, g) for t in args.thresholds for g in args.bounds_gates]
    results: dict[tuple[float, float], list[dict[str, float]]] = {s: [] for s in settings}
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.folds:
            rest = [a for j in range(speaker.FOLDS) if j != k for a in by_fold[j]]
            chooser = SpeakerChoice(speaker.fit(
                [g for a in rest for g in speaker_groups[a["id"]]], args.speaker_l2,
                args.min_count))
            bounds = ContentChoice(speaker.fit(
                [g for a in rest for g in content_groups[a["id"]]],
                args.content_l2, args.min_count))
            data = [x for a in rest for v in views for x in train_confidence.examples(
                a, sentences[a["id"]], v[a["id"]], scorer, chooser=chooser, bounds=bounds)]
            judge = train_confidence.fit_trees(data, args.min_count, trees)
            for t, g in settings:
                out = (args.preds / f"fold{k}-threshold{t}-gate{g}.jsonl" if args.preds
                       else None)
                if out is not None:
                    out.parent.mkdir(parents=True, exist_ok=True)
                got = speaker.end_to_end(by_fold[k], sentences, honest, scorer, Path(tmp),
                                         preds_out=out, chooser=chooser, bounds=bounds,
                                         judge=judge.with_threshold(t), bounds_gate=g)
                results[t, g].append(got)
                print(f"fold {k} threshold {t} gate {g}  {speaker.fmt(got)}", flush=True)
    for (t, g), per_fold in results.items():
        mean = {m: statistics.mean(r[m] for r in per_fold) for m in per_fold[0]}
        e2e = ", ".join(f"{r['e2e_soft']:.2f}" for r in per_fold)
        exact = ", ".join(f"{r['content_exact']:.2f}" for r in per_fold)
        print(f"mean, threshold {t} gate {g}  {speaker.fmt(mean)}  (e2e per fold {e2e}; "
              f"content exact per fold {exact}; learned from {args.tags_from} spans)",
              flush=True)
    print(f"{time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
