"""Lookup latency as the store grows: ``POST /api/lookup`` and ``GET /api/statements?q=`` p50 and
p99 on PostgreSQL stores of 1k, 10k, 100k and 1M quotes (issue 9, item 4).

    python bench/lookup_scale.py \\
        --database postgresql+psycopg://postgres@127.0.0.1:5432/attribution_lookup_bench \\
        [--sizes 1000 10000 100000 1000000] [--requests 300] [--out build/bench/lookup_scale]

The database named is dropped and created again, then migrated to head (so the store has exactly
the indexes a real deployment has). The stores are built without Stanza, straight into the
tables with COPY, from real quotes with realistic variation:

* the first statements are the content spans of PolNeAR train + dev's hand-annotated
  attributions (about 20,000 of three words or more), as written;
* past those, each new statement joins the start of one real quote to the end of another and
  replaces each content word, with probability 0.3, by a word of the same corpus drawn by its
  frequency: common phrases ("the United States") stay common and grow with the store, as in
  news, and rare ones stay rare;
* a statement is carried by 1 + Geometric(0.6) quotes (1.67 on average, at most 12), in
  different articles of 30 quotes each, by 50 outlets: the first quote gives it whole, each
  relay either as is, with its punctuation, brackets, spacing or case changed (“(the)” ->
  “[the]”, “2.6 million” -> “2.6million”), as a fragment of 40-90 % of its words, or with one
  word changed; every wording's index keys go into ``quote_key`` as ingest would put them.

At each size, after ``VACUUM ANALYZE``, the app (``create_app``, Flask's test client: the whole
request, validation, queries and JSON, but no network) answers 20 warm-up requests and then
``--requests`` of each kind, timed one at a time:

* lookup: a stored quote's full wording, a fragment of 5-12 of its words, the wording with its
  punctuation changed, or words that are not stored (a new spliced statement; while the real
  quotes are not all stored yet, a stored wording's words in reverse order), a quarter each;
* search: a 2-5 word run of a stored statement's text (nine in ten) or of one not stored.

It prints a table, writes ``<out>.json`` and, with matplotlib (the ``bench`` extra), ``<out>.png``
(p50 and p99 against stored quotes, log scale), and the space the indexes take.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from attribution import create_app, matching
from attribution.store import db
from attribution.store.statements import index_key

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
SEED = 20261201
QUOTES_PER_ARTICLE = 30
OUTLETS = 50
SPEAKERS = 3000
MAX_RELAYS = 12
SUBSTITUTE = 0.3
MAX_WORDS = 60
WARM_UP = 20
_SPACE = re.compile(r"\s+")


def real_quotes(paths: Sequence[Path]) -> tuple[list[str], list[str]]:
    """PolNeAR's attribution contents of three words or more (as written, whitespace folded),
    and its source mentions that look like names (for speakers)."""
    contents: dict[str, None] = {}
    names: dict[str, None] = {}
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                for attribution in json.loads(line)["attributions"]:
                    text = _SPACE.sub(" ", attribution["content"]["text"]).strip()
                    if len(text.split()) >= 3:
                        contents[text] = None
                    source = _SPACE.sub(" ", (attribution.get("source") or {}).get("text", ""))
                    if 2 <= len(source.split()) <= 4 and source.istitle():
                        names[source.strip()] = None
    return list(contents), list(names)


@dataclass
class Corpus:
    """Generates statements and the wordings that carry them, reproducibly."""

    real: list[str]
    rng: random.Random
    next_real: int = 0
    vocabulary: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        counts = Counter(
            w for text in self.real for w in text.split()
            if w.isalpha() and w.lower() not in matching.STOP_WORDS
        )
        self.vocabulary = list(counts)
        self.weights = list(counts.values())

    def statement(self) -> str:
        """The next real quote, then new ones spliced and varied from the real ones."""
        if self.next_real < len(self.real):
            self.next_real += 1
            return self.real[self.next_real - 1]
        a = self.rng.choice(self.real).split()
        b = self.rng.choice(self.real).split()
        words = a[: max(2, int(len(a) * self.rng.uniform(0.3, 0.7)))]
        words += b[int(len(b) * self.rng.uniform(0.3, 0.7)) :]
        words = words[:MAX_WORDS]
        for i, word in enumerate(words):
            if (word.isalpha() and word.lower() not in matching.STOP_WORDS
                    and self.rng.random() < SUBSTITUTE):
                words[i] = self.rng.choices(self.vocabulary, self.weights)[0]
        return " ".join(words)

    def relays(self, text: str) -> list[tuple[str, str]]:
        """(wording, relation to the statement) for each quote carrying ``text``."""
        count = 1
        while count < MAX_RELAYS and self.rng.random() < 0.4:
            count += 1
        wordings = [(text, "same")]
        for _ in range(count - 1):
            wordings.append(self.variant(text))
        return wordings

    def variant(self, text: str) -> tuple[str, str]:
        roll = self.rng.random()
        words = text.split()
        if roll < 0.35:
            return text, "same"
        if roll < 0.6:
            return self.repunctuate(text), "same"
        if roll < 0.9 and len(words) >= 6:
            size = max(4, int(len(words) * self.rng.uniform(0.4, 0.9)))
            start = self.rng.randrange(len(words) - size + 1)
            return " ".join(words[start : start + size]), "contained_in"
        if len(words) >= 10:
            words[self.rng.randrange(len(words))] = self.rng.choices(self.vocabulary,
                                                                     self.weights)[0]
            return " ".join(words), "same"
        return text, "same"

    def repunctuate(self, text: str) -> str:
        """The same words as another outlet prints them."""
        changes = [
            lambda t: t.replace("(", "[").replace(")", "]"),
            lambda t: t.replace(",", ""),
            lambda t: re.sub(r"(\d) (million|billion|percent)", r"\1\2", t),
            lambda t: t.replace("’", "'").replace("“", '"').replace("”", '"'),
            lambda t: t[:1].swapcase() + t[1:],
            lambda t: t.rstrip(".!?,;:") + ".",
        ]
        for change in self.rng.sample(changes, 2):
            text = change(text)
        return text

    def fragment(self, text: str, low: int, high: int) -> str:
        words = text.split()
        size = min(len(words), self.rng.randint(low, high))
        start = self.rng.randrange(len(words) - size + 1)
        return " ".join(words[start : start + size])


@dataclass
class Store:
    """What has been written so far, and the ids to continue from."""

    quotes: int = 0
    statements: int = 0
    articles: int = 0
    wordings: list[str] = field(default_factory=list)   # every stored quote's text
    texts: list[str] = field(default_factory=list)      # every statement's text


def conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def recreate(url: str) -> None:
    parsed = make_url(url)
    admin = conninfo(str(parsed.set(database="postgres")))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{parsed.database}"')
    db.upgrade(url)


def seed_people(conn: psycopg.Connection, names: list[str], rng: random.Random) -> None:
    with conn.cursor().copy("COPY outlet (id, name, domain, kind) FROM STDIN") as copy:
        for i in range(1, OUTLETS + 1):
            copy.write_row((i, f"Outlet {i}", f"outlet{i}.example", "newspaper"))
    people = rng.sample(names, min(SPEAKERS, len(names)))
    with conn.cursor().copy("COPY speaker (id, name, kind) FROM STDIN") as copy:
        for i, name in enumerate(people, 1):
            copy.write_row((i, name, "person"))


#: Quotes written per transaction while growing (bounds the memory the index keys take).
CHUNK = 50_000


def grow(conn: psycopg.Connection, store: Store, corpus: Corpus, target: int,
         speakers: int) -> None:
    """Add statements and their quotes until ``target`` quotes are stored."""
    while store.quotes < target:
        _grow(conn, store, corpus, min(target, store.quotes + CHUNK), speakers)


def _grow(conn: psycopg.Connection, store: Store, corpus: Corpus, target: int,
          speakers: int) -> None:
    rng = corpus.rng
    pending: list[tuple[int, str, str]] = []   # (statement id, wording, relation)
    statements: list[tuple[int, str, int]] = []  # (id, text, speaker id)
    keys: list[tuple[str, int]] = []
    while store.quotes + len(pending) < target:
        text = corpus.statement()
        store.statements += 1
        sid = store.statements
        speaker = min(speakers, int(rng.paretovariate(1.1)))
        statements.append((sid, text, speaker))
        store.texts.append(text)
        wordings = corpus.relays(text)[: target - store.quotes - len(pending)]
        for wording, relation in wordings:
            pending.append((sid, wording, relation))
        for wording in dict.fromkeys(w for w, _ in wordings):
            keys.extend((index_key(k), sid) for k in matching.index_keys(wording))
    rng.shuffle(pending)
    first_article: dict[int, int] = {}
    start = datetime(2015, 1, 1)
    with conn.cursor() as cursor:
        with cursor.copy("COPY statement (id, text, speaker_id, created_at) FROM STDIN") as copy:
            for sid, text, speaker in statements:
                copy.write_row((sid, text, speaker, start))
        article_rows, quote_rows = [], []
        for offset in range(0, len(pending), QUOTES_PER_ARTICLE):
            store.articles += 1
            aid = store.articles
            body = []
            position = 0
            for sid, wording, relation in pending[offset : offset + QUOTES_PER_ARTICLE]:
                first_article.setdefault(sid, aid)
                store.quotes += 1
                store.wordings.append(wording)
                quote_rows.append((
                    store.quotes, aid, sid, position + 1, position + 1 + len(wording), wording,
                    "direct", None, "a speaker", "[]", False, 0.9, relation,
                    1.0 if relation == "same" else 0.95,
                ))
                sentence = f"“{wording}” said a speaker."
                body.append(sentence)
                position += len(sentence) + 1
            published = start + timedelta(minutes=aid * 7)
            article_rows.append((
                aid, rng.randint(1, OUTLETS), f"https://bench.example/{aid}", f"Article {aid}",
                str(aid), published, " ".join(body), f"{aid:064x}", published, "complete", "[]",
            ))
        # One COPY at a time: a connection carries a single COPY.
        with cursor.copy(
            "COPY article (id, outlet_id, url, title, external_id, published_at, text, "
            "content_hash, ingested_at, analysis_status, unattributed) FROM STDIN"
        ) as copy:
            for row in article_rows:
                copy.write_row(row)
        with cursor.copy(
            'COPY quote (id, article_id, statement_id, start, "end", text, kind, speaker_id, '
            "speaker_text, parts, credited, confidence, relation, match_score) FROM STDIN"
        ) as copy:
            for row in quote_rows:
                copy.write_row(row)
        _set_first_articles(cursor, first_article)
        with cursor.copy("COPY quote_key (key, statement_id) FROM STDIN") as copy:
            for row in dict.fromkeys(keys):
                copy.write_row(row)
        # The word search's index, as ingest writes it (statements.index_words).
        with cursor.copy("COPY statement_word_pair (key, statement_id) FROM STDIN") as copy:
            for sid, text, _ in statements:
                for key in matching.word_pair_keys_of(text):
                    copy.write_row((key, sid))
        for table in ("outlet", "speaker", "article", "statement", "quote"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    conn.commit()


def _set_first_articles(cursor: psycopg.Cursor, first_article: dict[int, int]) -> None:
    cursor.execute("CREATE TEMP TABLE first_article (sid int, aid int) ON COMMIT DROP")
    with cursor.copy("COPY first_article (sid, aid) FROM STDIN") as copy:
        for row in first_article.items():
            copy.write_row(row)
    cursor.execute(
        "UPDATE statement SET first_article_id = f.aid FROM first_article f "
        "WHERE statement.id = f.sid"
    )


def lookup_queries(store: Store, corpus: Corpus, n: int) -> Iterator[dict[str, str]]:
    rng = corpus.rng
    for i in range(n):
        wording = rng.choice(store.wordings)
        kind = i % 4
        if kind == 0:
            text = wording
        elif kind == 1:
            text = corpus.fragment(wording, 5, 12)
        elif kind == 2:
            text = corpus.repunctuate(wording)
        else:
            text = corpus.statement() if corpus.next_real >= len(corpus.real) else " ".join(
                reversed(wording.split()))
        yield {"text": text}


def search_queries(store: Store, corpus: Corpus, n: int) -> Iterator[str]:
    rng = corpus.rng
    for i in range(n):
        source = rng.choice(store.texts) if i % 10 else corpus.statement()
        yield corpus.fragment(source, 2, 5)


def timed(call: object, requests: Sequence[object]) -> list[float]:
    times = []
    for request in requests:
        t = time.perf_counter()
        response = call(request)  # type: ignore[operator]
        times.append(1000 * (time.perf_counter() - t))
        assert response.status_code == 200, (response.status_code, response.get_data(True)[:300])
    return times


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else values[0]


def sizes_of(conn: psycopg.Connection) -> dict[str, int]:
    """Bytes on disk of each table with its indexes, and of each index of the statement, quote
    key and word pair tables."""
    found = dict(conn.execute(
        "SELECT relname, pg_total_relation_size(oid) FROM pg_class "
        "WHERE relname IN ('quote_key', 'quote', 'statement', 'article', 'statement_word_pair')"
    ).fetchall())
    found.update(conn.execute(
        "SELECT indexrelname, pg_relation_size(indexrelid) FROM pg_stat_user_indexes "
        "WHERE relname IN ('statement', 'quote_key', 'statement_word_pair')"
    ).fetchall())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="a PostgreSQL URL; dropped and rebuilt")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000, 1000000])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "lookup_scale")
    parser.add_argument("--existing", action="store_true",
                        help="measure the store the database holds (built by an earlier run) "
                             "as it is: no rebuild, --sizes ignored")
    args = parser.parse_args()
    if make_url(args.database).get_backend_name() != "postgresql":
        parser.error("--database must be a PostgreSQL URL")

    rng = random.Random(SEED)
    contents, names = real_quotes([POLNEAR / "train.jsonl", POLNEAR / "dev.jsonl"])
    corpus = Corpus(real=contents, rng=rng)
    print(f"{len(contents)} real quotes, {len(names)} names", flush=True)
    if not args.existing:
        recreate(args.database)
    # The per-client rate limits are a deployment matter, not what is measured here.
    app = create_app({"DATABASE_URL": args.database, "TESTING": True, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    store = Store()
    rows = []
    with psycopg.connect(conninfo(args.database)) as conn:
        speakers = min(SPEAKERS, len(names))
        header = (f"{'quotes':>9} {'statements':>10} {'build s':>8} | {'lookup p50':>10} "
                  f"{'p99':>7} {'max':>7} | {'search p50':>10} {'p99':>7} {'max':>7} "
                  f"| {'hits':>5} {'quote_key MB':>12}")
        print(header, flush=True)
        if args.existing:
            store.wordings = [r[0] for r in conn.execute("SELECT text FROM quote ORDER BY id")]
            store.texts = [r[0] for r in conn.execute("SELECT text FROM statement ORDER BY id")]
            store.quotes, store.statements = len(store.wordings), len(store.texts)
            store.articles = conn.execute("SELECT count(*) FROM article").fetchone()[0]
            corpus.next_real = len(corpus.real)
        else:
            seed_people(conn, names, rng)
        for size in [store.quotes] if args.existing else sorted(args.sizes):
            t = time.perf_counter()
            grow(conn, store, corpus, size, speakers)
            with psycopg.connect(conninfo(args.database), autocommit=True) as maintenance:
                maintenance.execute("VACUUM ANALYZE")
            build = time.perf_counter() - t
            lookups = list(lookup_queries(store, corpus, args.requests + WARM_UP))
            searches = list(search_queries(store, corpus, args.requests + WARM_UP))
            post = lambda body: client.post("/api/lookup", json=body)  # noqa: E731
            get = lambda q: client.get("/api/statements", query_string={"q": q})  # noqa: E731
            timed(post, lookups[:WARM_UP])
            timed(get, searches[:WARM_UP])
            lookup_ms = timed(post, lookups[WARM_UP:])
            search_ms = timed(get, searches[WARM_UP:])
            found = sum(bool(client.post("/api/lookup", json=body).get_json()["results"])
                        for body in lookups[WARM_UP : WARM_UP + 100 : 4])
            space = sizes_of(conn)
            row = {
                "quotes": store.quotes, "statements": store.statements,
                "articles": store.articles, "build_s": round(build, 1),
                "lookup_p50_ms": percentile(lookup_ms, 50),
                "lookup_p99_ms": percentile(lookup_ms, 99), "lookup_max_ms": max(lookup_ms),
                "search_p50_ms": percentile(search_ms, 50),
                "search_p99_ms": percentile(search_ms, 99), "search_max_ms": max(search_ms),
                "full_wording_found": f"{found}/25", "bytes": space,
            }
            rows.append(row)
            print(f"{store.quotes:>9} {store.statements:>10} {build:>8.1f} | "
                  f"{row['lookup_p50_ms']:>10.1f} {row['lookup_p99_ms']:>7.1f} "
                  f"{row['lookup_max_ms']:>7.1f} | {row['search_p50_ms']:>10.1f} "
                  f"{row['search_p99_ms']:>7.1f} {row['search_max_ms']:>7.1f} | "
                  f"{found:>2}/25 {space.get('quote_key', 0) / 2**20:>12.1f}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(rows, indent=2))
    print("index and table sizes at the largest store (MB):")
    for name, size in sorted(rows[-1]["bytes"].items(), key=lambda item: -item[1]):
        print(f"  {name:<40} {size / 2**20:>9.1f}")
    plot(rows, args.out.with_suffix(".png"))


def plot(rows: list[dict[str, object]], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install '.[bench]'): no plot")
        return
    quotes = [r["quotes"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for key, label, style in (
        ("lookup_p50_ms", "POST /api/lookup p50", "o-"),
        ("lookup_p99_ms", "POST /api/lookup p99", "o--"),
        ("search_p50_ms", "GET /api/statements?q= p50", "s-"),
        ("search_p99_ms", "GET /api/statements?q= p99", "s--"),
    ):
        ax.plot(quotes, [r[key] for r in rows], style, label=label)
    ax.axhline(50, color="grey", linestyle=":", label="target p99 50 ms")
    ax.set_xscale("log")
    ax.set_xlabel("stored quotes (PostgreSQL)")
    ax.set_ylabel("ms per request")
    ax.set_title("Lookup latency against store size")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"plot: {path}")


if __name__ == "__main__":
    main()
