"""A statement's relays as CSV, one row per relay, for a story's notes and a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

COLUMNS = (
    "statement_id", "statement", "said_first_by", "relay", "published_at", "outlet",
    "article_id", "article_title", "article_url", "kind", "wording", "changes",
    "speaker_as_written", "chain_as_written", "credits", "warnings",
)

#: A cell starting with one of these is a formula to a spreadsheet: quoted words from the web
#: must not run as one (OWASP's advice: prefix a quote mark).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _changes(diff: list[dict[str, str]]) -> str:
    """What a wording changed against the earliest, as ``-old +new`` pieces."""
    pieces = []
    for op in diff:
        if op["op"] == "equal":
            continue
        if op["old"]:
            pieces.append(f"-{op['old']}")
        if op["new"]:
            pieces.append(f"+{op['new']}")
    return " ".join(pieces)


def relays_csv(statement: dict[str, Any]) -> str:
    """``statement`` (as ``GET /api/statements/<id>`` sends it) as CSV text with a header."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    origin = statement["speaker"]["name"] if statement["speaker"] else ""
    for number, relay in enumerate(statement["occurrences"], start=1):
        article = relay["article"]
        writer.writerow(_cell(v) for v in (
            statement["id"], statement["text"], origin, number, article["published_at"],
            relay["outlet"]["name"] if relay["outlet"] else "", article["id"], article["title"],
            article["url"], relay["kind"], relay["text"], _changes(relay["diff"]),
            relay["speaker"]["text"] if relay["speaker"] else "",
            " → ".join(link["text"] for link in relay["chain"]),
            "; ".join(c["outlet"]["name"] for c in relay["credits"] if c["outlet"]),
            "; ".join(w["message"] for w in relay["warnings"]),
        ))
    return out.getvalue()
