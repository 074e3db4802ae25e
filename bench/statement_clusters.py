"""Cross-article statement clustering: pairwise precision and recall on an ingested store.

Silver standard: two verbatim quotes (direct or mixed; their quoted words, without the cue that
interrupts them) of different articles that share a run of ``--run`` (6) or more words, after the
matching normalisation, are the same statement, provided the run is more than a stock phrase: it
covers at least half of the shorter quote, or is ``--long-run`` (12) words or longer. A bare
six-word run is not enough evidence in political news: "the president of the United States" and
"at the end of the day" are six words each and turn up in hundreds of unrelated quotes (with
them, 353 "silver" pairs on PolNeAR train+dev, most of them unrelated statements; the plain
figure is printed too). The store's clustering gives a pair for every two verbatim quotes of
different articles that it put in one statement.

* recall = silver pairs the store put together / silver pairs;
* precision = store pairs the silver standard confirms / store pairs it can judge (both quotes
  at least ``--run`` words long: a shorter quote can share no such run, so pairs with a short
  side are counted apart and left to the hand check);
* ``--sample N --sample-out FILE`` writes N store pairs (and N/4 silver pairs the store missed)
  at random, with both wordings, speakers and outlets, for checking by hand.

Also prints the store's shape: statements by number of articles, the largest statements, and
how many quotes are one or two words long.

Usage: python bench/statement_clusters.py --database URL [--sample 120 --sample-out pairs.txt]
"""

from __future__ import annotations

import argparse
import difflib
import random
from collections import Counter, defaultdict
from itertools import combinations

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from attribution import matching, queries
from attribution.store.tables import Article, Outlet, Quote, Speaker, Statement


def shingles(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--run", type=int, default=6, help="Shared words that make a silver pair.")
    parser.add_argument("--long-run", type=int, default=12,
                        help="A shared run this long is evidence whatever the quotes' length.")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--sample-out")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--lookups", type=int, default=200,
                        help="Relays of multi-article statements to look up by their wording.")
    args = parser.parse_args()

    engine = create_engine(args.database)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Quote.id, Quote.article_id, Quote.statement_id, Quote.kind, Quote.text,
                   Speaker.name, Outlet.name, Quote.parts)
            .join(Article, Article.id == Quote.article_id)
            .outerjoin(Outlet, Outlet.id == Article.outlet_id)
            .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
        ).all()
        statements = dict(conn.execute(select(Statement.id, Statement.text)).all())
    engine.dispose()

    quotes = {r[0]: r for r in rows}
    verbatim = [r for r in rows if r[3] in ("direct", "mixed")]
    # A quote interrupted by its cue is its parts: the cue's words are the reporter's.
    words = {r[0]: matching.words(" ".join(p["text"] for p in r[7]) if r[7] else r[4])
             for r in verbatim}

    # Silver pairs through an index of word runs, never all pairs of quotes.
    by_run: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for qid, ws in words.items():
        for run in shingles(ws, args.run):
            by_run[run].add(qid)
    plain: set[tuple[int, int]] = set()
    for ids in by_run.values():
        if len(ids) > 200:  # a boilerplate line repeated in hundreds of articles
            continue
        for a, b in combinations(sorted(ids), 2):
            if quotes[a][1] != quotes[b][1]:
                plain.add((a, b))

    def longest_run(a: list[str], b: list[str]) -> int:
        match = difflib.SequenceMatcher(a=a, b=b, autojunk=False).find_longest_match()
        return match.size

    silver = set()
    for a, b in plain:
        run = longest_run(words[a], words[b])
        if run >= args.long_run or run * 2 >= min(len(words[a]), len(words[b])):
            silver.add((a, b))

    by_statement: dict[int, list[int]] = defaultdict(list)
    for r in verbatim:
        by_statement[r[2]].append(r[0])
    stored: set[tuple[int, int]] = set()
    for ids in by_statement.values():
        for a, b in combinations(sorted(ids), 2):
            if quotes[a][1] != quotes[b][1]:
                stored.add((a, b))

    def judgeable(pair: tuple[int, int]) -> bool:
        return all(len(words[q]) >= args.run for q in pair)

    judged = {p for p in stored if judgeable(p)}
    tp = len(judged & silver)
    precision = tp / len(judged) if judged else 1.0
    recall = len(stored & silver) / len(silver) if silver else 1.0
    print(f"verbatim quotes: {len(verbatim)} in {len({r[1] for r in verbatim})} articles; "
          f"statements: {len(statements)}")
    print(f"pairs sharing a run of {args.run}+ words: {len(plain)}; of which silver (the run "
          f"covers half the shorter quote, or is {args.long_run}+ words): {len(silver)}")
    print(f"stored cross-article pairs: {len(stored)}  judgeable: {len(judged)}  "
          f"with a quote under {args.run} words: {len(stored) - len(judged)}")
    print(f"pairwise precision (judgeable pairs): {precision:.4f}  ({tp}/{len(judged)})")
    print(f"pairwise recall:                      {recall:.4f}  "
          f"({len(stored & silver)}/{len(silver)})")

    articles_of = {s: {quotes[q][1] for q in ids} for s, ids in by_statement.items()}
    spread = Counter(min(len(a), 5) for a in articles_of.values())
    print("statements by articles carrying them (5 = 5 or more):",
          dict(sorted(spread.items())))
    all_by_statement: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        all_by_statement[r[2]].append(r[0])
    biggest = sorted(all_by_statement.items(),
                     key=lambda kv: -len({quotes[q][1] for q in kv[1]}))[:8]
    print("largest statements (articles, kinds, text):")
    for sid, ids in biggest:
        kinds = Counter(quotes[q][3] for q in ids)
        print(f"  {len({quotes[q][1] for q in ids}):3d} {dict(kinds)} {statements[sid][:110]!r}")
    tiny = sum(1 for r in rows if matching.word_count(r[4]) <= 2)
    print(f"quotes of one or two words: {tiny} of {len(rows)}")

    # A journalist pastes one relay's wording: its statement, with all its outlets, must come
    # first.
    multi = [(s, ids) for s, ids in all_by_statement.items()
             if len({quotes[q][1] for q in ids if quotes[q][3] != "paraphrase"}) > 1]
    relays = [(s, q) for s, ids in multi for q in ids if quotes[q][3] != "paraphrase"]
    rng = random.Random(args.seed)
    tried = rng.sample(relays, min(args.lookups, len(relays)))
    first = 0
    with Session(create_engine(args.database)) as session:
        for statement_id, qid in tried:
            hits = queries.lookup_quote(session, quotes[qid][4], limit=3)
            first += bool(hits) and hits[0].statement.id == statement_id
    if tried:
        print(f"lookup of a relay's wording ranks its statement first: {first}/{len(tried)} "
              f"({100 * first / len(tried):.1f} %)")

    if args.sample and args.sample_out:
        picked = rng.sample(sorted(stored), min(args.sample, len(stored)))
        missed = rng.sample(sorted(silver - stored), min(args.sample // 4, len(silver - stored)))
        with open(args.sample_out, "w", encoding="utf-8") as out:
            for label, pairs in (("STORED", picked), ("MISSED", missed)):
                for a, b in pairs:
                    qa, qb = quotes[a], quotes[b]
                    silver_says = "silver+" if (a, b) in silver else (
                        "silver-" if judgeable((a, b)) else "short")
                    silver_says += f" run={longest_run(words[a], words[b])}"
                    out.write(f"## {label} {silver_says} statement {qa[2]} / {qb[2]}\n")
                    for q in (qa, qb):
                        out.write(f"  [{q[6]}] ({q[5]}) {q[3]} {q[4][:600]!r}\n")
                    out.write("\n")
        print(f"wrote {len(picked)} stored and {len(missed)} missed pairs to {args.sample_out}")


if __name__ == "__main__":
    main()
