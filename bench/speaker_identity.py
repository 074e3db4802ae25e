"""Cross-article speaker identity: B-cubed precision and recall against hand labels.

``bench/data/speaker_identity.jsonl`` holds speaker mentions from PolNeAR articles, each
labelled with the person or organisation it is (see bench/data/README.md). This bench finds,
for each labelled mention, the stored speaker the service gave it (the quote or chain link whose
speaker span overlaps the mention most) and scores the stored clustering against the labels:

* B-cubed over every mention the store attributed to a speaker (``found``), mention by mention:
  precision = share of the mention's stored cluster that is truly the same, recall = share of
  its true cluster that the store put with it;
* ``cross-article``: the same, counting in each cluster only the mention itself and mentions of
  other articles, which is what a journalist's "every statement by this person" relies on;
* a row per form of mention (full name, surname, pronoun, ...), and a row for the names alone
  (clustered among themselves), which measures the store's identity rules apart from the
  engine's in-article resolution of pronouns and descriptions.

Usage:
    python bench/speaker_identity.py                          # ingest the labelled articles
    python bench/speaker_identity.py --database URL           # score an already-ingested store
Ingesting needs the Stanza models (STANZA_RESOURCES_DIR); --analysis-cache DIR reuses analyses.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "data" / "speaker_identity.jsonl"
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
NAMED_FORMS = ("full_name", "title_name", "surname", "organisation_name")


def load_labels(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def ingest_labelled(url: str, labels: list[dict], cache: Path | None) -> None:
    """Store the labelled articles (their PolNeAR lines, as `attribution ingest` reads them)."""
    from attribution import create_app
    from attribution import ingest as ingesting
    from attribution.inputs import ArticleInput
    from attribution.store import db
    from attribution.store.db import get_session

    wanted = {m["article_id"] for m in labels}
    rows = []
    for split in ("train", "dev"):
        for line in (POLNEAR / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] in wanted:
                rows.append(ArticleInput.model_validate(record))
    db.upgrade(url)
    analyser: ingesting.Analyser = ingesting.stanza_analyser
    if cache is not None:
        from attribution.nlp.cache import AnalysisCache

        analyser = AnalysisCache(cache).wrap(analyser)
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        for result in ingesting.ingest_many(get_session(), rows, analyser):
            if result.error:
                print("failed:", result.error)


def stored_speakers(url: str, labels: list[dict]) -> dict[int, int | None]:
    """For each label (by index), the stored speaker whose mention span overlaps it most."""
    from sqlalchemy import create_engine, select

    from attribution.store.tables import Article, ChainLink, Quote

    engine = create_engine(url)
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    ids = sorted({m["article_id"] for m in labels})
    with engine.connect() as conn:
        for external_id, start, end, speaker_id in conn.execute(
            select(Article.external_id, Quote.speaker_start, Quote.speaker_end, Quote.speaker_id)
            .join(Quote, Quote.article_id == Article.id)
            .where(Article.external_id.in_(ids), Quote.speaker_id.is_not(None))
        ):
            spans[external_id].append((start, end, speaker_id))
        for external_id, start, end, speaker_id in conn.execute(
            select(Article.external_id, ChainLink.start, ChainLink.end, ChainLink.speaker_id)
            .join(Quote, Quote.article_id == Article.id)
            .join(ChainLink, ChainLink.quote_id == Quote.id)
            .where(Article.external_id.in_(ids), ChainLink.speaker_id.is_not(None))
        ):
            spans[external_id].append((start, end, speaker_id))
    engine.dispose()
    out: dict[int, int | None] = {}
    for i, m in enumerate(labels):
        best, best_overlap = None, 0
        for start, end, speaker_id in spans.get(m["article_id"], []):
            overlap = min(end, m["end"]) - max(start, m["start"])
            if overlap > best_overlap:
                best, best_overlap = speaker_id, overlap
        out[i] = best
    return out


def bcubed(
    items: Iterable[int], gold: dict[int, str], pred: dict[int, int], article: dict[int, str],
    cross_article: bool = False,
) -> dict[int, tuple[float, float]]:
    """Per-item B-cubed (precision, recall)."""
    items = list(items)
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_pred: dict[int, list[int]] = defaultdict(list)
    for i in items:
        by_gold[gold[i]].append(i)
        by_pred[pred[i]].append(i)
    out = {}
    for i in items:
        def keep(j: int, i: int = i) -> bool:
            return j == i or not cross_article or article[j] != article[i]

        predicted = [j for j in by_pred[pred[i]] if keep(j)]
        true = [j for j in by_gold[gold[i]] if keep(j)]
        both = sum(1 for j in predicted if gold[j] == gold[i])
        out[i] = (both / len(predicted), both / len(true))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="An ingested store (default: ingest into a temp one).")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--analysis-cache", type=Path,
                        default=os.environ.get("ATTRIBUTION_ANALYSIS_CACHE"))
    args = parser.parse_args()
    labels = load_labels(args.labels)
    url = args.database
    if url is None:
        url = f"sqlite:///{tempfile.mkdtemp()}/speakers.sqlite"
        ingest_labelled(url, labels, args.analysis_cache)
    found = stored_speakers(url, labels)
    items = [i for i, s in found.items() if s is not None]
    gold = {i: m["identity"] for i, m in enumerate(labels)}
    article = {i: m["article_id"] for i, m in enumerate(labels)}
    pred = {i: s for i, s in found.items() if s is not None}
    print(f"labelled mentions: {len(labels)} in {len(set(article.values()))} articles; "
          f"found with a stored speaker: {len(items)} ({100 * len(items) / len(labels):.1f} %)")
    print(f"{'':24} {'B3 P':>7} {'B3 R':>7} {'F1':>7} {'n':>6}")
    forms = Counter(labels[i]["form"] for i in items)
    # The store's own identity rules, apart from the engine's in-article resolution of
    # pronouns and descriptions: mentions that are names, clustered among themselves.
    named = [i for i in items if labels[i]["form"] in NAMED_FORMS]
    scores = bcubed(named, gold, pred, article, cross_article=True)
    p = sum(scores[i][0] for i in named) / max(len(named), 1)
    r = sum(scores[i][1] for i in named) / max(len(named), 1)
    print(f"{'names only, cross-art.':24} {p:7.3f} {r:7.3f} {2 * p * r / (p + r or 1):7.3f} "
          f"{len(named):6d}")
    for cross in (False, True):
        scores = bcubed(items, gold, pred, article, cross_article=cross)
        rows = [("all" + (", cross-article" if cross else ""), items)]
        if cross:
            rows += [(f"  {form}", [i for i in items if labels[i]["form"] == form])
                     for form, _ in forms.most_common()]
        for name, subset in rows:
            if not subset:
                continue
            p = sum(scores[i][0] for i in subset) / len(subset)
            r = sum(scores[i][1] for i in subset) / len(subset)
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{name:24} {p:7.3f} {r:7.3f} {f:7.3f} {len(subset):6d}")
    # The worst merges, for reading by hand: stored speakers holding several true identities.
    clusters: dict[int, Counter[str]] = defaultdict(Counter)
    for i in items:
        clusters[pred[i]][gold[i]] += 1
    mixed = sorted(((sum(c.values()), sid, c) for sid, c in clusters.items() if len(c) > 1),
                   reverse=True)[:10]
    if mixed:
        print("\nstored speakers holding more than one labelled identity:")
        for _, sid, counts in mixed:
            print(f"  speaker {sid}: {dict(counts.most_common())}")


if __name__ == "__main__":
    main()
