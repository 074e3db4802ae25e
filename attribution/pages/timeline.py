"""The picture of how a statement travelled: a vertical timeline drawn as server-side SVG.

Rows, top to bottom: the statement's original speaker, the speakers who relayed it (in the
order the chains name them), then every article that carried it, earliest first. Arcs on the
left of the rail join a source to the row it reached: a speaker relaying another, an article
quoting (solid) or restating (dashed) a speaker, an article reusing another's prose (dotted)
or crediting another carrier's outlet. This module only places things; the template draws
them, and the store's relay graph (``queries.statement_relays``) decides what is connected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The drawing's own units (the SVG scales to the screen; 420 wide stays legible on a phone).
WIDTH = 420
RAIL_X = 112
ROW_HEIGHT = 46
TOP = 26
#: Characters of a label that fit right of the rail at the label's font size.
LABEL_CHARS = 34
DETAIL_CHARS = 44

#: What an arc says, in the direction it is drawn (from the words' source to where they went).
EDGE_SENTENCES = {
    "relayed_by": "{source}, relayed by {target}",
    "quoted_in": "{source}, quoted in {target}",
    "restated_in": "{source}, restated in {target}",
    "reuses": "{target} reuses the prose of {source}",
    "credits": "{target} credits {source}",
}


@dataclass(frozen=True)
class Row:
    """One speaker or article on the rail."""

    y: int
    type: str  # "speaker" | "article"
    label: str
    full_label: str
    detail: str
    when: str = ""
    original: bool = False
    warned: bool = False


@dataclass(frozen=True)
class Arc:
    """A curve from one row to another, left of the rail."""

    path: str
    type: str
    description: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    rail_x: int
    rows: list[Row]
    arcs: list[Arc]
    summary: str


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _date(value: str | None) -> str:
    return value[:10] if value else "date unknown"


def _speaker_order(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[str]:
    """Speaker node ids, the original first, then each relay after the speaker it relays."""
    speakers = [n["id"] for n in nodes if n["type"] == "speaker"]
    after = {s: [e["target"] for e in edges if e["type"] == "relayed_by" and e["source"] == s]
             for s in speakers}
    relayed = {e["target"] for e in edges if e["type"] == "relayed_by"}
    roots = sorted((s for s in speakers if s not in relayed),
                   key=lambda s: not next(n.get("original", False) for n in nodes if n["id"] == s))
    order: list[str] = []

    def visit(node: str) -> None:
        if node in order:
            return
        order.append(node)
        for nxt in after.get(node, []):
            visit(nxt)

    for root in roots:
        visit(root)
    for s in speakers:  # relay cycles ("A told B, B told A") still show every speaker
        visit(s)
    return order


def layout(graph: dict[str, Any], occurrences: list[dict[str, Any]]) -> Timeline:
    """Place the relay graph (as the API serves it) on a timeline. ``occurrences`` (the
    statement's, in time order) give each article's kind of relay and warnings. The picture
    holds no links (an image is not something to tab through): the list of relays beside it
    has them."""
    nodes = graph["nodes"]
    edges = graph["edges"]
    by_id = {n["id"]: n for n in nodes}
    outlet_node_of = {e["source"]: e["target"] for e in edges if e["type"] == "published_by"}
    relay_of: dict[str, dict[str, Any]] = {}
    for occurrence in occurrences:
        relay_of.setdefault(f"article:{occurrence['article']['id']}", occurrence)
    articles = [f"article:{o['article']['id']}" for o in occurrences]
    order = _speaker_order(nodes, edges) + list(dict.fromkeys(articles))
    relays = {e["target"] for e in edges if e["type"] == "relayed_by"}

    rows: list[Row] = []
    for index, node_id in enumerate(order):
        node = by_id[node_id]
        y = TOP + index * ROW_HEIGHT
        if node["type"] == "speaker":
            label = node["label"]
            if node.get("original"):
                detail = "said it first"
            elif node_id in relays:
                detail = "relayed it"
            else:  # an article's own name for the speaker ("she", "North Korean officials")
                detail = "named as its speaker"
            rows.append(Row(y, "speaker", _clip(label, LABEL_CHARS), label, detail,
                            original=bool(node.get("original"))))
            continue
        relay = relay_of[node_id]
        outlet = by_id[outlet_node_of[node_id]]["label"] if node_id in outlet_node_of \
            else "unnamed outlet"
        credits = [c["outlet"]["name"] for c in relay["credits"] if c["outlet"]]
        when = _date(node.get("published_at"))
        parts = [when, relay["kind"]]
        if credits:
            parts.append("credits " + ", ".join(credits))
        if relay["warnings"]:
            parts.insert(0, "⚠ " + relay["warnings"][0]["code"].replace("_", " "))
        rows.append(Row(y, "article", _clip(outlet, LABEL_CHARS), outlet,
                        _clip(" · ".join(parts), DETAIL_CHARS), when=when,
                        warned=bool(relay["warnings"])))

    position = {node_id: i for i, node_id in enumerate(order)}
    # A credit names an outlet; the arc goes to that outlet's earliest carrying article.
    first_article_of: dict[str, str] = {}
    for node_id in articles:
        if node_id in outlet_node_of:
            first_article_of.setdefault(outlet_node_of[node_id], node_id)
    # An article that reuses several carriers' prose (wire copy reprinted down a chain) gets
    # one reuse arc, from the earliest of them: the rest would hide the picture, and the
    # relays below list every one.
    earliest_reused: dict[str, str] = {}
    for edge in edges:
        if edge["type"] == "reuses" and edge["target"] in position:
            reuser, reused = edge["source"], edge["target"]
            known = earliest_reused.get(reuser)
            if known is None or position[reused] < position[known]:
                earliest_reused[reuser] = reused
    arcs: list[Arc] = []
    seen: set[tuple[str, str, str]] = set()
    for edge in edges:
        kind, source, target = edge["type"], edge["source"], edge["target"]
        if kind == "published_by":
            continue
        if kind == "credits":
            target = first_article_of.get(target, "")
            source, target = target, source  # drawn from the credited carrier to the crediting one
        elif kind == "reuses":
            if earliest_reused.get(source) != target:
                continue
            source, target = target, source  # from the article reused to the one reusing it
        if source not in position or target not in position or source == target:
            continue
        if (kind, source, target) in seen:
            continue
        seen.add((kind, source, target))
        a, b = position[source], position[target]
        y1, y2 = TOP + a * ROW_HEIGHT, TOP + b * ROW_HEIGHT
        depth = min(RAIL_X - 8, 16 + 11 * abs(b - a))
        x = RAIL_X - depth
        path = f"M{RAIL_X - 6},{y1} C{x},{y1} {x},{y2} {RAIL_X - 7},{y2}"
        description = EDGE_SENTENCES[kind].format(source=by_id[source]["label"],
                                                  target=by_id[target]["label"])
        arcs.append(Arc(path, kind, description))

    origin = next((r.full_label for r in rows if r.original), "an unknown speaker")
    carriers = [f"{r.full_label} ({r.when})" for r in rows if r.type == "article"]
    summary = (f"Said first by {origin}; "
               f"carried by {len(carriers)} article{'s' if len(carriers) != 1 else ''}"
               + (": " + "; ".join(carriers) if carriers else "") + ".")
    height = TOP + max(len(rows) - 1, 0) * ROW_HEIGHT + 24
    return Timeline(WIDTH, height, RAIL_X, rows, arcs, summary)

