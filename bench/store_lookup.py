"""How lookup and statement placement scale with the store: candidates come from the
``quote_key`` index, so time should stay flat as statements grow.

    .venv/bin/python bench/store_lookup.py [--sizes 1000 5000 20000]

Synthetic statements are 8-20 words drawn from a 5,000-word vocabulary (Zipf-like), stored
through ``statements.place_wording`` on a throwaway SQLite file. No Stanza.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from attribution import create_app, queries
from attribution.store import statements
from attribution.store.db import Base, get_engine, get_session

QUERIES = [
    "the most serious shortcoming of the year",
    "bitterly criticized the officials who irresponsibly conducted the preparations",
    "opposed to the US brigandish strategy",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    args = parser.parse_args()
    rng = random.Random(20230619)
    vocabulary = [f"w{i}" for i in range(5000)]
    weights = [1 / (i + 1) for i in range(len(vocabulary))]
    directory = Path(tempfile.mkdtemp())
    app = create_app({"DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite'}"})
    with app.app_context():
        Base.metadata.create_all(get_engine())
        session = get_session()
        statements.place_wording(session, "“the most serious”")
        stored = 1
        print(f"{'statements':>10} {'place ms':>9} {'lookup ms':>10}")
        for size in args.sizes:
            while stored < size:
                words = rng.choices(vocabulary, weights, k=rng.randint(8, 20))
                statements.place_wording(session, " ".join(words))
                stored += 1
            session.commit()
            session.expunge_all()  # as after a request: the next one starts with an empty session
            place, lookup = [], []
            for _ in range(20):
                words = " ".join(rng.choices(vocabulary, weights, k=12))
                t = time.perf_counter()
                statements.match_statement(session, words)
                place.append(time.perf_counter() - t)
                for query in QUERIES:
                    t = time.perf_counter()
                    queries.lookup_quote(session, query)
                    lookup.append(time.perf_counter() - t)
            print(f"{stored:>10} {1000 * statistics.median(place):>9.1f} "
                  f"{1000 * statistics.median(lookup):>10.1f}")


if __name__ == "__main__":
    main()
