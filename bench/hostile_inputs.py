"""Hostile inputs against the real app: for each, the status it gets, how long it takes and the
peak memory of the process that served it (a fresh process per input, as a worker would be).

Each input is posted to ``POST /api/articles`` (with a key) by a new Python process holding the
app on its own SQLite file; the process reports ``ru_maxrss`` after the request. The issue's
bound is 2 GB per worker whatever the input.

  python bench/hostile_inputs.py              # every input; a markdown table on stdout
  python bench/hostile_inputs.py --only 1mb   # inputs whose name contains "1mb"
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "samples" / "002-independent.txt").read_text(encoding="utf-8")


def inputs() -> dict[str, bytes]:
    """Name -> request body (JSON bytes, or raw bytes where the body itself is the attack)."""

    def article(text: str, **fields: object) -> bytes:
        return json.dumps({"text": text, **fields}).encode("utf-8")

    return {
        "a real article (baseline)": article(SEED),
        "empty text": article(""),
        "whitespace-only text": article(" \n\t\u00a0 "),
        "5 MB body": article("x" * (5 * 1024 * 1024)),
        "binary body": os.urandom(64 * 1024),
        "invalid UTF-8": '{"text": "caf\u00e9 said so"}'.encode("latin-1"),
        "NUL in text": article("A\x00B said so."),
        "control character in title": article(SEED, title="Bell\x07"),
        "10,000 quote marks": article('He said "hello" to them. ' + '"' * 10_000),
        "unbalanced quote marks": article('He said "we will not "back down. ' * 50),
        "mismatched quote marks": article("“We will win,” she said. «Non», ‘he replied\". " * 50),
        "right-to-left and zero-width": article(
            ("\u202eEvil\u202c said “we will\u200b win\u200d today,” \u200freporters "
             "were told.\ufeff ") * 50),
        "1 MB single sentence": article(("the senator said that " + "word " * 200_000)[
            :1_000_000]),
        "a 200,000-character word": article(
            SEED + ' The senator said "the code was ' + "x" * 200_000 + '" and left.'),
        "100,000 nested arrays": b"[" * 100_000 + b"]" * 100_000,
        "wrong types": json.dumps({"text": 42, "published_at": True}).encode(),
        "date that is not a date": article(SEED, published_at="2016-13-45"),
        "date in the future": article(SEED, published_at="2999-01-01"),
        "SQL in every field": article(
            SEED + " '; DROP TABLE article; --", title="'; DROP TABLE article; --",
            outlet="x' OR '1'='1", author="'); DELETE FROM quote; --"),
        "HTML in every field": article(
            SEED + " <script>alert(1)</script>", title="<script>alert(1)</script>",
            outlet="<img src=x onerror=alert(1)>", author="<b>bold</b>"),
    }


WORKER = r"""
import json, resource, sys, time, torch
torch.set_num_threads(int(sys.argv[3]))
from attribution import create_app, keys
from attribution.store.db import Base, get_engine, get_session
app = create_app({"DATABASE_URL": sys.argv[1], "RATELIMIT_ENABLED": False})
with app.app_context():
    Base.metadata.create_all(get_engine())
    _, key = keys.create(get_session(), "bench")
body = open(sys.argv[2], "rb").read()
started = time.perf_counter()
response = app.test_client().post("/api/articles", data=body,
                                  content_type="application/json",
                                  headers={"Authorization": f"Bearer {key}"})
took = time.perf_counter() - started
answer = response.get_json(silent=True) or {}
print(json.dumps({
    "status": response.status_code,
    "seconds": round(took, 1),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    "said": (answer.get("detail") or answer.get("analysis_note") or
             answer.get("analysis_status") or "")[:90],
}))
"""


def run(name: str, body: bytes, threads: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "body"
        path.write_bytes(body)
        done = subprocess.run(
            [sys.executable, "-c", WORKER, f"sqlite:///{tmp}/bench.sqlite", str(path),
             str(threads)],
            capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": str(threads)},
        )
    if done.returncode != 0:
        return {"name": name, "status": f"crashed ({done.returncode})", "seconds": "",
                "peak_mb": "", "said": done.stderr.strip().splitlines()[-1][:90]}
    return {"name": name, **json.loads(done.stdout.strip().splitlines()[-1])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", help="run only inputs whose name contains this")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (one per core)")
    args = ap.parse_args()
    print("| input | status | seconds | peak MB | what the answer said |")
    print("|---|---|---|---|---|")
    worst = 0
    for name, body in inputs().items():
        if args.only and args.only.lower() not in name.lower():
            continue
        row = run(name, body, args.threads)
        said = str(row["said"]).replace("|", "/").replace("\n", " ")
        print(f"| {name} | {row['status']} | {row['seconds']} | {row['peak_mb']} | {said} |",
              flush=True)
        if isinstance(row["peak_mb"], int):
            worst = max(worst, row["peak_mb"])
    print(f"\nworst peak: {worst} MB (bound: 2048 MB)")
    return 0 if worst < 2048 else 1


if __name__ == "__main__":
    sys.exit(main())
