"""Choose the cue thresholds (attribution.nlp.evidence.STRUCTURE_MIN_SCORE) by cross-validation
on PolNeAR train, never on dev.

    python scripts/cv_thresholds.py [--parse-cache build/train-parses] [--folds 5]

Train's articles are split into ``--folds`` folds by article (fixed seed). For each fold the cue
lexicon is learned again from the other folds (as scripts/learn_cues.py learns it from all of
train), and the engine, with candidate thresholds, extracts the held-out fold; the project's
scorer scores it. A threshold is kept where it raises the mean held-out end-to-end soft F1 (the
issue's headline metric) without costing the direct-quote metrics; thresholds are tried one at
a time from the current ones (coordinate ascent), each over a small grid. The script prints
every setting tried and the choice; a change goes into evidence.py by hand, with the figures,
only where it gains more than the folds' spread (on 2026-11-30 none did: see the issue 8 note).

Parsing train once takes about 25 minutes on two cores; the parses are kept in
``--parse-cache`` (one pickle per article), so later runs take a few minutes.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TRAIN = EVAL / "polnear" / "train.jsonl"
GRID = (0.5, 0.75, 1.0, 1.25, 1.5)  # multiples of the current threshold tried for each structure
SEED = 20261130


def parses(articles: list[dict[str, Any]], cache: Path) -> dict[str, Any]:
    """Each article's sentences (our word graph), parsed once and kept in ``cache``."""
    import train_parses

    train_parses.parse_missing([a["text"] for a in articles], cache)
    return {a["id"]: train_parses.load(cache, a["text"]) for a in articles}


def load_scorer() -> Any:
    scorer = EVAL / "score_attribution.py"
    spec = importlib.util.spec_from_file_location("score_attribution", scorer)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CrossValidation:
    def __init__(self, articles: list[dict[str, Any]], sentences: dict[str, Any], folds: int,
                 scratch: Path) -> None:
        from attribution.nlp.lexicon import Lexicon, learn

        self.sentences = sentences
        self.scorer = load_scorer()
        order = sorted(a["id"] for a in articles)
        random.Random(SEED).shuffle(order)
        fold_of = {aid: i % folds for i, aid in enumerate(order)}
        self.folds = []
        for k in range(folds):
            held = [a for a in articles if fold_of[a["id"]] == k]
            learned = learn(a for a in articles if fold_of[a["id"]] != k)
            gold_path = scratch / f"gold{k}.jsonl"
            gold_path.write_text("".join(json.dumps(a) + "\n" for a in held), encoding="utf-8")
            self.folds.append((held, Lexicon(learned["forms"], learned["lemmas"]),
                               self.scorer.load_gold(str(gold_path))))

    def run(self) -> dict[str, float]:
        """Mean held-out metrics over the folds, with the thresholds as they are now."""
        from attribution.nlp.extract import _Article

        per_fold = []
        for held, lexicon, gold in self.folds:
            preds = {}
            for i, article in enumerate(held):
                analysis = _Article(article["text"], self.sentences[article["id"]], lexicon).run()
                items = [{
                    "content": self.scorer._span(q, "", article["text"], False, False),
                    "speaker": self.scorer._span(q["speaker"], "", article["text"], False, True),
                    "direct": q["kind"] == "direct"
                    or self.scorer.is_direct(article["text"], [(q["start"], q["end"])]),
                } for q in analysis.to_dict()["quotes"]]
                preds[article["id"]] = {"line": i, "items": items}
            result = self.scorer.score(gold, preds)
            per_fold.append({
                "e2e_soft": result["all"]["e2e_soft"]["f1"],
                "content_exact": result["all"]["content_exact"]["f1"],
                "direct_partial": result["direct"]["content_partial"]["f1"],
                "direct_speaker_head": result["direct"]["speaker_head"]["accuracy"],
            })
        return {m: statistics.mean(f[m] for f in per_fold) for m in per_fold[0]} | {
            "e2e_soft_sd": statistics.stdev(f["e2e_soft"] for f in per_fold)}


def fmt(m: dict[str, float]) -> str:
    return (f"e2e soft {100 * m['e2e_soft']:.2f} (sd {100 * m['e2e_soft_sd']:.2f})  "
            f"content exact {100 * m['content_exact']:.2f}  direct partial "
            f"{100 * m['direct_partial']:.2f}  direct speaker head "
            f"{100 * m['direct_speaker_head']:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--parse-cache", type=Path, default=None,
                    help="where train's parses are kept (default: build/train-parses)")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()

    import tempfile

    import train_parses

    from attribution.nlp.evidence import STRUCTURE_MIN_SCORE

    articles = [json.loads(line) for line in args.train.read_text(encoding="utf-8").splitlines()]
    sentences = parses(articles, args.parse_cache or train_parses.DEFAULT_CACHE)
    with tempfile.TemporaryDirectory() as scratch:
        cv = CrossValidation(articles, sentences, args.folds, Path(scratch))
        best = cv.run()
        print(f"current {dict(STRUCTURE_MIN_SCORE)}\n  {fmt(best)}", flush=True)
        for structure in list(STRUCTURE_MIN_SCORE):
            start = STRUCTURE_MIN_SCORE[structure]
            for factor in GRID:
                value = round(start * factor, 3)
                if value == STRUCTURE_MIN_SCORE[structure]:
                    continue
                kept = STRUCTURE_MIN_SCORE[structure]
                STRUCTURE_MIN_SCORE[structure] = value  # read by the rules at each call
                got = cv.run()
                better = got["e2e_soft"] > best["e2e_soft"] and \
                    got["direct_partial"] >= best["direct_partial"] - 0.001 and \
                    got["direct_speaker_head"] >= best["direct_speaker_head"] - 0.001
                print(f"{structure}={value}: {fmt(got)}{'  <- kept' if better else ''}",
                      flush=True)
                if better:
                    best = got
                else:
                    STRUCTURE_MIN_SCORE[structure] = kept
        print(f"chosen {dict(STRUCTURE_MIN_SCORE)}\n  {fmt(best)}")


if __name__ == "__main__":
    main()
