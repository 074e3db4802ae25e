#!/usr/bin/env python3
"""Learn the choice of speaker among a cue's candidates (``attribution/nlp/speaker_choice.py``)
from PolNeAR train, cross-validated on train. Nothing here reads dev.

Examples
    The engine runs over each train article (cached parse, the shipped span tagger's spans) and
    records, for every attribution whose speaker the choice decides, its candidates with their
    features (``speaker_choice.candidates``). An attribution is matched to a gold one by content
    tokens, one to one and greedily as the project's scorer matches them; a candidate is right
    when its head tokens meet the gold source's (the scorer's "speaker head": the last token, and
    the last before a comma or bracket); the candidate "no one" is right when the gold source is
    null. Attributions with no right candidate teach nothing and are left out.

Model
    A conditional logit: score = w·features, softmax over one cue's candidates, trained to put
    the probability on the right ones (log of their summed probability), with an L2 penalty;
    features seen in fewer than ``--min-count`` attributions get no weight. L-BFGS in torch.

Folds
    Train's articles in five folds by the span tagger's split (``train_span_tagger.fold_split``,
    seed 8). The shipped tagger was trained on folds 1-4, so its spans there are better than it
    will ever see again; only fold 0 tells honestly what the choice does beside the tagger.
    ``--tags-from folds`` tags each fold by a tagger trained on the other four instead
    (:func:`fold_taggers`, ``make fold-taggers``), so that every fold is honest; measured with
    ``scripts/cv_chain.py`` on 2026-12-04 it did not pay beside the tagger then shipped, trained
    by SGD (bench/README.md, "Learning beside honest spans"). Beside the tagger shipped since
    2026-12-06, trained with Adam, and fold taggers of its recipe set to its volume (``make
    calibrated-taggers``) it does, and the shipped parts learn so (bench/README.md, "The Adam
    tagger shipped"). Hence:

    * ``--no-tagger``: five-fold cross-validation of the choice without the tagger's spans (the
      rules and the parse only), against the rules alone: the L2 penalty is chosen here;
    * default: the choice with the tagger's spans, trained on folds 1-4 or on fold 0 alone (by
      its own inner folds), measured on fold 0 with the project's scorer against the engine
      without the choice (the tagger's speaker taken by rule where it sees one source).

    The shipped weights (``--write``) are the folds 1-4 choice, like the tagger's: fold 0 is
    what measured them (with ``--tags-from folds``, all five folds: :func:`training_ids`).

Usage (one torch thread; the last line writes the shipped file, as ``make models-check`` does)::

    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_speaker_choice.py --no-tagger
    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_speaker_choice.py
    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_speaker_choice.py \\
        --write --tags-from folds --fold-taggers build/span-tagger/calibrated

Parses are read from build/train-parses (scripts/train_parses.py parses what is missing), the
tagger's spans are kept in build/train-tags-shipped.pkl (build/train-tags-folds.pkl).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_parses  # noqa: E402
from cv_thresholds import TRAIN, load_scorer  # noqa: E402
from train_span_tagger import fold_split  # noqa: E402

from attribution.nlp import models, speaker_choice, tagger  # noqa: E402
from attribution.nlp.extract import _CHOSEN, _Article, _clean_speaker, _speaker_span  # noqa: E402
from attribution.nlp.lexicon import default_lexicon  # noqa: E402
from attribution.nlp.quotes import find_quotations  # noqa: E402
from attribution.nlp.speaker_choice import SpeakerChoice  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TAGGER_SEED, FOLDS = 8, 5  # the span tagger's folds: it never saw fold 0
L2_GRID = (0.0003, 0.001, 0.003, 0.01, 0.03)
#: Chosen by ``--no-tagger`` on 2026-12-01: held-out choice right 93.09 / 93.03 / 92.89 / 92.73
#: / 92.42 % of attributions over the grid above (the rules' own speaker: 90.37 %).
CHOSEN_L2 = 0.0003


@dataclass
class Group:
    """One attribution's candidates: features, which are right, which the rules chose."""

    article: str
    features: list[dict[str, float]]
    right: list[bool]
    rules: int | None
    texts: list[str]  # each candidate's words, and the gold source last (to read errors)


class _Recording(_Article):
    """The engine, recording each chosen attribution's candidates instead of choosing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, chooser=SpeakerChoice({}), **kwargs)
        self.recorded: list[tuple[list[tuple[int, int]], list[speaker_choice.Candidate]]] = []

    def _choose_speakers(self, found: list[Any]) -> None:
        for f in found:
            if f.cue and f.how in _CHOSEN:
                self.recorded.append((list(f.content), self._speaker_candidates(f, found)))


def fold_models(folder: Path, k: int) -> tuple[Path, ...]:
    """Fold ``k``'s tagger in ``folder``: a model for each of the shipped tagger's
    (``tagger.MODEL_FILES``), named as ``train_span_tagger.py --fold k [--member M]`` saves
    them (``span_tagger.pt`` -> ``fold{k}_spantagger.pt``, ``span_tagger_b.pt`` ->
    ``fold{k}_spantagger_b.pt``), so that every fold is tagged as news is."""
    return tuple(folder / name.replace("span_tagger", f"fold{k}_spantagger")
                 for name in tagger.MODEL_FILES)


def fold_taggers(folder: Path, ids: list[str]) -> dict[str, tuple[Path, ...]]:
    """The tagger each article of train (``ids``: all of it, which the folds split) is tagged
    with under ``--tags-from folds``: fold k's is the tagger trained on the other four
    (``train_span_tagger.py --fold k``, saved in ``folder``: :func:`fold_models`), so that its
    spans there are as good as on news it never saw, and no better."""
    paths = [fold_models(folder, k) for k in range(FOLDS)]
    missing = [str(p) for models_ in paths for p in models_ if not p.exists()]
    if missing:
        raise SystemExit(
            f"no tagger at {', '.join(missing)}: `make -j2 fold-taggers` trains "
            "the five, `make -j2 calibrated-taggers` also sets them to the shipped tagger's "
            "volume (the Makefile holds their recipe and how long they take)")
    return {i: paths[k] for i, k in fold_split(ids, FOLDS, TAGGER_SEED).items()}


def tag_articles(articles: list[dict[str, Any]], sentences: dict[str, Any],
                 trainer: Any = None) -> dict[str, list[Any]]:
    """Each article's spans by ``trainer`` (from ``tagger.load``; None: the shipped tagger,
    loaded once per process), tagged as the engine tags them, quoted spans left out."""
    spans: dict[str, list[Any]] = {}
    for i in range(0, len(articles), 32):
        batch = articles[i:i + 32]
        got = tagger.tag_many([
            (a["text"], sentences[a["id"]],
             [p for q in find_quotations(a["text"]) for p in q.parts]) for a in batch],
            trainer)
        spans.update({a["id"]: s for a, s in zip(batch, got, strict=True)})
    return spans


def tagged_spans(articles: list[dict[str, Any]], sentences: dict[str, Any], path: Path,
                 taggers: dict[str, tuple[Path, ...]] | None = None) -> dict[str, list[Any]]:
    """The tagger's spans in every article, kept in ``path``: the shipped tagger's, or each
    article's tagger in ``taggers`` (:func:`fold_taggers`). Kept by the models, whether they
    run in 8 bits, and where the articles' parses put their sentences (a tokenizer change
    re-tags)."""
    shipped, vectors = tagger.model_paths()
    models_of = {a["id"]: taggers[a["id"]] if taggers else shipped for a in articles}
    digest = hashlib.sha256()
    for models_ in sorted(set(models_of.values())):
        for model in models_:
            digest.update(hashlib.sha256(model.read_bytes()).digest())
    digest.update(b"int8, each article alone" if models.runs_int8() else b"float")
    # what tagger.tag_many gives beside the spans
    digest.update(b"spans and beliefs (tuples): content begins, ends, inside; source")
    for a in articles:
        digest.update(repr(([m.name for m in models_of[a["id"]]],
                            [(s.start, s.end) for s in sentences[a["id"]]])).encode())
    key = digest.hexdigest()[:16]
    if path.exists():
        try:
            kept = pickle.loads(path.read_bytes())
        except (pickle.UnpicklingError, TypeError, AttributeError, EOFError):
            kept = {}  # kept by an older tagger.py, whose classes no longer read so
        if kept.get("model") == key and all(a["id"] in kept["spans"] for a in articles):
            return kept["spans"]
    spans: dict[str, list[Any]] = {}
    for models_ in sorted(set(models_of.values())):
        # the shipped tagger as the engine loads it, once per process; a fold's of its own
        trainer = tagger.load(models_, vectors) if taggers else None
        spans.update(tag_articles([a for a in articles if models_of[a["id"]] == models_],
                                  sentences, trainer))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps({"model": key, "spans": spans}))
    return spans


def train_spans(args: argparse.Namespace, articles: list[dict[str, Any]],
                sentences: dict[str, Any], source: str) -> dict[str, list[Any]]:
    """Train's spans from ``source`` (``shipped`` or ``folds``), kept in build/train-tags-
    <source>.pkl, or in ``args.tags`` for the source ``--tags-from`` names (cv_chain.py reads
    both sources: one file for both would be re-tagged each time)."""
    taggers = (fold_taggers(args.fold_taggers, [a["id"] for a in articles])
               if source == "folds" else None)
    kept = (args.tags if args.tags and source == args.tags_from
            else ROOT / "build" / f"train-tags-{source}.pkl")
    return tagged_spans(articles, sentences, kept, taggers)


def train_arguments(doc: str | None) -> argparse.ArgumentParser:
    """A training script's command line, with what :func:`train_articles` reads: where train,
    its cached parses and the tagger's spans are, and the features' minimum count."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--parse-cache", type=Path, default=train_parses.DEFAULT_CACHE)
    ap.add_argument("--tags-from", choices=("shipped", "folds"), default="shipped",
                    help="which tagger tags train: the shipped one everywhere (default; in "
                         "sample on folds 1-4), or each fold's by the one that never saw it")
    ap.add_argument("--fold-taggers", type=Path, default=ROOT / "build" / "span-tagger" / "models",
                    help="where train_span_tagger.py --fold K saved fold K's tagger")
    ap.add_argument("--tags", type=Path, default=None,
                    help="where the tags are kept (default: build/train-tags-<tags-from>.pkl)")
    ap.add_argument("--min-count", type=int, default=5)
    return ap


def spans_said(args: argparse.Namespace) -> str:
    """Which tagger's spans a model was trained beside, as its file records it."""
    return ("each fold's spans by the tagger that never saw it" if args.tags_from == "folds"
            else "the shipped tagger's spans (in sample on folds 1-4)")


def made_by(script: str, args: argparse.Namespace, *options: str) -> str:
    """The command that remakes a shipped file, as the file records it: the script, its
    options, and which tagger's spans it learned beside when they are not the shipped one's
    (``--tags-from folds`` and the ``--fold-taggers`` it read)."""
    words = [f"scripts/{script}", "--write", *options]
    if args.tags_from == "folds":
        taggers = args.fold_taggers.resolve()
        shown = taggers.relative_to(ROOT) if taggers.is_relative_to(ROOT) else taggers
        words += ["--tags-from", "folds", "--fold-taggers", str(shown)]
    return " ".join(words)


def training_ids(args: argparse.Namespace, by_fold: list[list[str]]) -> list[str]:
    """The articles a shipped part learns from: all five folds where each is tagged by a
    tagger that never saw it, else folds 1-4, whose spans are the shipped tagger's own
    training data, keeping fold 0 (which it never saw) to measure it."""
    first = 0 if args.tags_from == "folds" else 1
    return [i for k in range(first, FOLDS) for i in by_fold[k]]


def train_articles(args: argparse.Namespace, tagged: bool = True
                   ) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, list[Any]]]:
    """PolNeAR train (``args.train``) for a training script, one torch thread: the articles, each
    one's cached parse (``args.parse_cache``, parsing what is missing) and, when ``tagged``,
    the tagger's spans ``--tags-from`` says (:func:`train_spans`), by article id."""
    import torch

    torch.set_num_threads(1)
    sys.setrecursionlimit(100_000)
    articles = [json.loads(line) for line in args.train.read_text(encoding="utf-8").splitlines()]
    t0 = time.time()
    train_parses.parse_missing([a["text"] for a in articles], args.parse_cache)
    sentences = {a["id"]: train_parses.load(args.parse_cache, a["text"]) for a in articles}
    tags = train_spans(args, articles, sentences, args.tags_from) if tagged else {}
    print(f"{len(articles)} articles parsed and tagged in {time.time() - t0:.0f} s", flush=True)
    return articles, sentences, tags


def groups_of(article: dict[str, Any], sentences: Any, tags: list[Any], scorer: Any
              ) -> list[Group]:
    text = article["text"]
    rec = _Recording(text, sentences, default_lexicon(), tags)
    rec.run()
    gold = [a for a in article["attributions"]]
    toks = scorer.Tokens(text)
    g_spans = [scorer._span(g["content"], "", text, False, False) for g in gold]
    g_toks = [toks.cover(s) for s in g_spans]
    p_toks = [toks.cover(content) for content, _ in rec.recorded]
    out = []
    for i, j, _ in scorer._greedy_match(g_toks, p_toks):
        source = scorer._span(gold[i].get("source"), "", text, False, True)
        options = rec.recorded[j][1]
        right = []
        for c in options:
            words = _clean_speaker(c.words)
            if source is None or not words:
                right.append(source is None and not words)  # no one named, rightly or not
                continue
            right.append(bool(toks.heads(text, [_speaker_span(text, words)])
                              & toks.heads(text, source)))
        rules = next((k for k, c in enumerate(options) if "by=rules" in c.features), None)
        texts = [" ".join(w.text for w in c.words) for c in options]
        texts.append(" ".join(text[s:e] for s, e in source or []))
        out.append(Group(article["id"], [c.features for c in options], right, rules, texts))
    return out


def design(rows: list[dict[str, float]], vocab: dict[str, int]) -> Any:
    """The rows' features as a sparse matrix, a column per feature of ``vocab`` (others left
    out)."""
    import torch

    ii, jj, vv = [], [], []
    for i, f in enumerate(rows):
        for k, v in f.items():
            if k in vocab:
                ii.append(i)
                jj.append(vocab[k])
                vv.append(v)
    return torch.sparse_coo_tensor(torch.tensor([ii, jj]), torch.tensor(vv),
                                   (len(rows), len(vocab)), check_invariants=True).coalesce()


def learn(vocab: dict[str, int], loss_of: Callable[[Any], Any]) -> dict[str, float]:
    """The weights, by feature name, that L-BFGS finds for ``loss_of(weights)``."""
    import torch

    w = torch.zeros(len(vocab), requires_grad=True)
    opt = torch.optim.LBFGS([w], max_iter=300, line_search_fn="strong_wolfe")

    def closure() -> Any:
        opt.zero_grad()
        value = loss_of(w)
        value.backward()
        return value

    opt.step(closure)
    learned = w.detach()
    return {k: round(float(learned[i]), 5) for k, i in vocab.items()
            if abs(float(learned[i])) > 1e-5}


def fit(groups: list[Group], l2: float, min_count: int) -> dict[str, float]:
    """Weights of a conditional logit over the groups' candidates."""
    import torch

    seen: Counter[str] = Counter()
    for g in groups:
        seen.update({k for f in g.features for k in f})
    vocab = {k: i for i, k in enumerate(sorted(k for k, n in seen.items()
                                                if n >= min_count and k != "bias"))}
    usable = [g for g in groups if any(g.right)]
    x = design([f for g in usable for f in g.features], vocab)
    owner_t = torch.tensor([gi for gi, g in enumerate(usable) for _ in g.features])
    right_t = torch.tensor([ok for g in usable for ok in g.right])

    def group_lse(s: torch.Tensor) -> torch.Tensor:
        # log-sum-exp per group, stable: subtract each group's max
        m = torch.full((len(usable),), -1e9).scatter_reduce(0, owner_t, s, "amax")
        e = torch.zeros(len(usable)).index_add(0, owner_t, torch.exp(s - m[owner_t]))
        return m + torch.log(e)

    def loss(w: torch.Tensor) -> torch.Tensor:
        s = torch.sparse.mm(x, w.unsqueeze(1)).squeeze(1)
        all_ = group_lse(s)
        pos = group_lse(torch.where(right_t, s, torch.full_like(s, -1e4)))
        return (all_ - pos).mean() + l2 * (w * w).sum()

    return learn(vocab, loss)


def accuracy(model: SpeakerChoice, groups: list[Group]) -> tuple[float, float, int]:
    """Over the groups with a right candidate: how often the choice is right, how often the
    rules' own speaker is, and how many groups."""
    usable = [g for g in groups if any(g.right)]
    chosen = rules = 0
    for g in usable:
        scores = [sum(model.weights.get(k, 0.0) * v for k, v in f.items()) for f in g.features]
        chosen += g.right[max(range(len(scores)), key=scores.__getitem__)]
        rules += g.rules is not None and g.right[g.rules]
    return chosen / len(usable), rules / len(usable), len(usable)


def end_to_end(articles: list[dict[str, Any]], sentences: dict[str, Any],
               tags: dict[str, list[Any]], scorer: Any, scratch: Path,
               preds_out: Path | None = None, **engine: Any) -> dict[str, float]:
    """The project's scorer over ``articles`` extracted by the engine with the learned parts
    given in ``engine`` (``chooser=``, ``judge=``: None leaves one out, absent takes the
    shipped one); with ``preds_out``, the extraction written there too, one line an article
    as ``attribution extract --jsonl`` writes it, for the scorer or a reader to go through."""
    gold_path = scratch / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    gold = scorer.load_gold(str(gold_path))
    lexicon = default_lexicon()
    preds = {}
    lines = []
    for i, a in enumerate(articles):
        analysis = _Article(a["text"], sentences[a["id"]], lexicon, tags.get(a["id"], []),
                            **engine).run().to_dict()
        if preds_out is not None:
            lines.append(json.dumps({"id": a["id"], "quotes": analysis["quotes"],
                                     "unattributed": analysis["unattributed"]}) + "\n")
        items = [{
            "content": scorer._span(q, "", a["text"], False, False),
            "speaker": scorer._span(q["speaker"], "", a["text"], False, True),
            "direct": q["kind"] == "direct"
            or scorer.is_direct(a["text"], [(q["start"], q["end"])]),
        } for q in analysis["quotes"]]
        preds[a["id"]] = {"line": i, "items": items}
    if preds_out is not None:
        preds_out.write_text("".join(lines), encoding="utf-8")
    r = scorer.score(gold, preds)
    return {
        "e2e_soft": 100 * r["all"]["e2e_soft"]["f1"],
        "e2e_P": 100 * r["all"]["e2e_soft"]["precision"],
        "e2e_R": 100 * r["all"]["e2e_soft"]["recall"],
        "speaker_head": 100 * r["all"]["speaker_head"]["accuracy"],
        "direct_speaker_head": 100 * r["direct"]["speaker_head"]["accuracy"],
        "direct_partial": 100 * r["direct"]["content_partial"]["f1"],
        "content_exact": 100 * r["all"]["content_exact"]["f1"],
    }


def fmt(m: dict[str, float]) -> str:
    return "  ".join(f"{k} {v:.2f}" for k, v in m.items())


def main() -> None:
    ap = train_arguments(__doc__)
    ap.add_argument("--no-tagger", action="store_true",
                    help="cross-validate without the tagger's spans, on all five folds")
    ap.add_argument("--l2", type=float, default=None, help="the L2 penalty (default: chosen)")
    ap.add_argument("--write", action="store_true",
                    help="train the shipped choice and write attribution/nlp/data/"
                         "speaker_choice.json")
    args = ap.parse_args()

    import tempfile

    articles, sentences, tags = train_articles(args, tagged=not args.no_tagger)
    scorer = load_scorer()
    fold = fold_split([a["id"] for a in articles], FOLDS, TAGGER_SEED)
    t0 = time.time()
    groups = {a["id"]: groups_of(a, sentences[a["id"]], tags.get(a["id"], []), scorer)
              for a in articles}
    n_groups = sum(len(g) for g in groups.values())
    print(f"{n_groups} attributions matched to gold ({time.time() - t0:.0f} s); "
          f"{sum(any(x.right) for g in groups.values() for x in g)} have a right candidate",
          flush=True)

    def pooled(ids: list[str]) -> list[Group]:
        return [g for i in ids for g in groups[i]]

    by_fold = [[a["id"] for a in articles if fold[a["id"]] == k] for k in range(FOLDS)]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)

        def measure(arts: list[dict[str, Any]], spans: dict[str, list[Any]],
                    chooser: SpeakerChoice | None) -> dict[str, float]:
            # the choice alone: without the learned confidence, which came after it
            return end_to_end(arts, sentences, spans, scorer, scratch, chooser=chooser,
                              judge=None)
        if args.no_tagger:
            for l2 in ([args.l2] if args.l2 is not None else L2_GRID):
                accs = []
                for k in range(FOLDS):
                    rest = [i for j in range(FOLDS) if j != k for i in by_fold[j]]
                    model = SpeakerChoice(fit(pooled(rest), l2, args.min_count))
                    accs.append(accuracy(model, pooled(by_fold[k])))
                mean = statistics.mean(a[0] for a in accs)
                print(f"l2 {l2}: held-out choice right {100 * mean:.2f}"
                      f" (folds {', '.join(f'{100 * a[0]:.1f}' for a in accs)}); rules' speaker "
                      f"right {100 * statistics.mean(a[1] for a in accs):.2f}", flush=True)
            if args.l2 is not None:
                for k in range(FOLDS):
                    rest = [i for j in range(FOLDS) if j != k for i in by_fold[j]]
                    model = SpeakerChoice(fit(pooled(rest), args.l2, args.min_count))
                    held = [a for a in articles if fold[a["id"]] == k]
                    before = measure(held, {}, None)
                    after = measure(held, {}, model)
                    print(f"fold {k} rules    {fmt(before)}\nfold {k} + choice {fmt(after)}",
                          flush=True)
            return
        l2 = args.l2 if args.l2 is not None else CHOSEN_L2
        held = [a for a in articles if fold[a["id"]] == 0]
        rest = [i for j in range(1, FOLDS) for i in by_fold[j]]
        if args.write:
            learned = training_ids(args, by_fold)
            model = SpeakerChoice(fit(pooled(learned), l2, args.min_count))
            path = speaker_choice.model_path()
            model.save(path, {
                "trained_on": f"PolNeAR train ({len(learned)} articles), {spans_said(args)}, "
                              f"l2 {l2}, min count {args.min_count}",
                "made_by": made_by("train_speaker_choice.py", args)})
            print(f"wrote {path} ({len(model.weights)} weights)")
            return
        today = measure(held, tags, None)
        print(f"fold 0, today's engine        {fmt(today)}", flush=True)
        model = SpeakerChoice(fit(pooled(rest), l2, args.min_count))
        after = measure(held, tags, model)
        print(f"fold 0, choice from folds 1-4 {fmt(after)}  (candidates right "
              f"{100 * accuracy(model, pooled(by_fold[0]))[0]:.2f})", flush=True)
        # fold 0 alone, by inner folds: the tagger's spans there are as it will see news
        inner = fold_split(by_fold[0], FOLDS, TAGGER_SEED + 1)
        accs, preds_before, preds_after = [], [], []
        for k in range(FOLDS):
            tr = [i for i in by_fold[0] if inner[i] != k]
            te = [i for i in by_fold[0] if inner[i] == k]
            m = SpeakerChoice(fit(pooled(tr), l2, args.min_count))
            accs.append(accuracy(m, pooled(te)))
            part = [a for a in held if a["id"] in set(te)]
            preds_before.append(measure(part, tags, None))
            preds_after.append(measure(part, tags, m))
        mean = {k: statistics.mean(p[k] for p in preds_after) for k in preds_after[0]}
        base = {k: statistics.mean(p[k] for p in preds_before) for k in preds_before[0]}
        print(f"fold 0 inner folds, today's engine   {fmt(base)}\n"
              f"fold 0 inner folds, choice           {fmt(mean)}  (candidates right "
              f"{100 * statistics.mean(a[0] for a in accs):.2f}, rules "
              f"{100 * statistics.mean(a[1] for a in accs):.2f})", flush=True)


if __name__ == "__main__":
    main()
