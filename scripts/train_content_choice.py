#!/usr/bin/env python3
"""Learn where a reported content begins and ends (``attribution/nlp/content_choice.py``)
from PolNeAR train, cross-validated on train. Nothing here reads dev.

Examples
    The engine runs over each train article (cached parse, the shipped span tagger's spans, the
    shipped speaker choice) and records, for every content whose bounds the choice decides, its
    readings with their features (``content_choice.options``). A content is matched to a gold one
    by tokens, one to one and greedily as the project's scorer matches them; a reading is right
    when its word tokens are exactly the gold content's (the scorer's "content exact").
    Contents with no right reading teach nothing and are left out.

Model
    A conditional logit over one content's readings (``train_speaker_choice.fit``: L2 penalty,
    features seen in fewer than ``--min-count`` contents get no weight, L-BFGS in torch).

Folds
    The readings' features read the parse, and whether a reading's bounds are the span
    tagger's. On folds 1-4, which the tagger learned from, its bounds are hardly better than
    on fold 0, which it never saw (the gold content's bounds for 60.3 % of the contents against
    59.3 %), so all five folds of train (the tagger's split, seed 8) cross-validate the choice:
    the L2 penalty is chosen by how often the held-out choice is right. End to end, with the
    project's scorer, on fold 0 (which the tagger never saw): the shipped engine against the
    engine with a choice trained on folds 1-4. ``--write`` trains on all of train and writes
    the shipped file. ``--tags-from folds``: each fold tagged by a tagger that never saw it
    (``train_speaker_choice.fold_taggers``).

Usage (one torch thread; the last line writes the shipped file, as ``make models-check`` does)::

    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_content_choice.py
    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_content_choice.py \\
        --write --tags-from folds --fold-taggers build/span-tagger/calibrated

Parses are read from build/train-parses (scripts/train_parses.py parses what is missing), the
tagger's spans are kept in build/train-tags-shipped.pkl.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cv_thresholds import load_scorer  # noqa: E402
from train_span_tagger import fold_split  # noqa: E402
from train_speaker_choice import (  # noqa: E402
    FOLDS,
    TAGGER_SEED,
    Group,
    accuracy,
    end_to_end,
    fit,
    fmt,
    made_by,
    spans_said,
    train_arguments,
    train_articles,
)

from attribution.nlp import content_choice  # noqa: E402
from attribution.nlp.content_choice import ContentChoice, Option  # noqa: E402
from attribution.nlp.extract import _Article, _Found  # noqa: E402
from attribution.nlp.lexicon import default_lexicon  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
L2_GRID = (0.0001, 0.0003, 0.001, 0.003)
#: Chosen by this script's five folds on 2026-12-01 (see bench/README.md).
CHOSEN_L2 = 0.0003


class _Recording(_Article):
    """The engine, recording each content's readings instead of choosing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, bounds=ContentChoice({}), **kwargs)
        self.recorded: list[tuple[list[tuple[int, int]], list[Option]]] = []

    def _choose_contents(self, found: list[_Found]) -> None:
        for f, readings in self._content_readings(found):
            self.recorded.append((list(f.content), readings))


def groups_of(article: dict[str, Any], sentences: Any, tags: list[Any], scorer: Any
              ) -> list[Group]:
    text = article["text"]
    rec = _Recording(text, sentences, default_lexicon(), tags)
    rec.run()
    gold = article["attributions"]
    toks = scorer.Tokens(text)
    g_toks = [toks.cover(scorer._span(g["content"], "", text, False, False)) for g in gold]
    p_toks = [toks.cover(content) for content, _ in rec.recorded]
    out = []
    for i, j, _ in scorer._greedy_match(g_toks, p_toks):
        options = rec.recorded[j][1]
        right = [toks.cover(o.content) == g_toks[i] for o in options]
        texts = [" | ".join(text[s:e] for s, e in o.content) for o in options]
        texts.append(gold[i]["content"]["text"])
        out.append(Group(article["id"], [o.features for o in options], right, 0, texts))
    return out


def main() -> None:
    ap = train_arguments(__doc__)
    ap.add_argument("--l2", type=float, default=None, help="the L2 penalty (default: a grid)")
    ap.add_argument("--write", action="store_true",
                    help="train on all of train and write attribution/nlp/data/"
                         "content_choice.json")
    args = ap.parse_args()

    articles, sentences, tags = train_articles(args)
    scorer = load_scorer()
    fold = fold_split([a["id"] for a in articles], FOLDS, TAGGER_SEED)
    t0 = time.time()
    groups = {a["id"]: groups_of(a, sentences[a["id"]], tags[a["id"]], scorer)
              for a in articles}
    every = [g for gs in groups.values() for g in gs]
    print(f"{len(every)} contents matched to gold ({time.time() - t0:.0f} s); the rules' bounds "
          f"right {100 * statistics.mean(g.right[0] for g in every):.2f} %, some reading right "
          f"{100 * statistics.mean(any(g.right) for g in every):.2f} %, "
          f"{statistics.mean(len(g.right) for g in every):.1f} readings each", flush=True)

    by_fold = [[a["id"] for a in articles if fold[a["id"]] == k] for k in range(FOLDS)]

    def pooled(ids: list[str]) -> list[Group]:
        return [g for i in ids for g in groups[i]]

    if args.write:
        l2 = args.l2 if args.l2 is not None else CHOSEN_L2
        model = ContentChoice(fit(every, l2, args.min_count))
        path = content_choice.model_path()
        model.save(path, {
            "trained_on": f"PolNeAR train ({len(articles)} articles), {spans_said(args)}, "
                          f"l2 {l2}, min count {args.min_count}",
            "made_by": made_by("train_content_choice.py", args)})
        print(f"wrote {path} ({len(model.weights)} weights)")
        return
    for l2 in ([args.l2] if args.l2 is not None else L2_GRID):
        accs = []
        for k in range(FOLDS):
            rest = [i for j in range(FOLDS) if j != k for i in by_fold[j]]
            model = ContentChoice(fit(pooled(rest), l2, args.min_count))
            accs.append(accuracy(model, pooled(by_fold[k])))
        print(f"l2 {l2}: held-out reading right {100 * statistics.mean(a[0] for a in accs):.2f}"
              f" (folds {', '.join(f'{100 * a[0]:.1f}' for a in accs)}); rules' bounds right "
              f"{100 * statistics.mean(a[1] for a in accs):.2f} of those with a right reading",
              flush=True)
    l2 = args.l2 if args.l2 is not None else CHOSEN_L2
    held = [a for a in articles if fold[a["id"]] == 0]
    rest = [i for j in range(1, FOLDS) for i in by_fold[j]]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        today = end_to_end(held, sentences, tags, scorer, scratch, bounds=None)
        print(f"fold 0, rules' bounds          {fmt(today)}", flush=True)
        model = ContentChoice(fit(pooled(rest), l2, args.min_count))
        after = end_to_end(held, sentences, tags, scorer, scratch, bounds=model)
        print(f"fold 0, choice from folds 1-4  {fmt(after)}", flush=True)


if __name__ == "__main__":
    main()
