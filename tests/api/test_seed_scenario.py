"""The seed scenario from issue 3, through the API, on samples/ parsed by the real Stanza
pipeline: what a journalist asks of the four seed articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from attribution.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

pytestmark = pytest.mark.stanza


@pytest.fixture(scope="module")
def article_ids(seeded_app: Any) -> dict[str, int]:
    """Sample file prefix ("000") → stored article id, matched on the text as received."""
    client = seeded_app.test_client()
    ids = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        for article_id in range(1, 20):
            response = client.get(f"/api/articles/{article_id}")
            if response.status_code == 200 and response.json["text"] == text:
                ids[path.name[:3]] = article_id
                break
    assert sorted(ids) == ["000", "001", "002", "003"]
    return ids


def only_statement(client: FlaskClient, words: str) -> dict[str, Any]:
    """The one statement quoted (in quotation marks) with ``words`` in it, in full.

    Reported speech that merely contains the words (003's "this setback as one of the most
    serious ...") is a statement of its own and does not count.
    """
    page = client.get("/api/statements", query_string={"q": words, "per_page": 100}).json
    details = [client.get(f"/api/statements/{s['id']}").json for s in page["items"]]
    quoted = [
        d for d in details
        if any(o["kind"] in ("direct", "mixed") for o in d["occurrences"])
    ]
    assert len(quoted) == 1, [d["text"] for d in quoted]
    return quoted[0]


def names_in(occurrence: dict[str, Any]) -> set[str]:
    """Every name an occurrence's chain and credits mention."""
    names = {link["entity"] for link in occurrence["chain"]}
    names |= {link["speaker"]["name"] for link in occurrence["chain"] if link["speaker"]}
    names |= {c["outlet"]["name"] for c in occurrence["credits"] if c["outlet"]}
    return names


def test_most_serious_is_one_statement_from_the_politburo(
    seeded: FlaskClient, article_ids: dict[str, int]
) -> None:
    statement = only_statement(seeded, "the most serious")
    speaker = statement["speaker"]["name"]
    assert "Political Bureau" in speaker or "Politburo" in speaker
    by_article: dict[int, set[str]] = {}
    for o in statement["occurrences"]:
        by_article.setdefault(o["article"]["id"], set()).add(o["kind"])
    for prefix in ("000", "001", "002"):
        assert by_article[article_ids[prefix]] & {"direct", "mixed"}, prefix
    assert "paraphrase" in by_article[article_ids["003"]]


def test_most_serious_is_relayed_through_kcna(seeded: FlaskClient) -> None:
    statement = only_statement(seeded, "the most serious")
    assert any("Korean Central News Agency" in names_in(o) for o in statement["occurrences"])


def test_unattributed_rewrite_restates_without_credit(
    seeded: FlaskClient, article_ids: dict[str, int]
) -> None:
    statement = only_statement(seeded, "the most serious")
    paraphrases = [
        o for o in statement["occurrences"]
        if o["article"]["id"] == article_ids["003"] and o["kind"] == "paraphrase"
    ]
    assert len(paraphrases) == 1
    assert "one of the most serious" in paraphrases[0]["text"]
    assert paraphrases[0]["credited"] is False
    assert paraphrases[0]["credits"] == []


def test_lookup_of_partial_quote_finds_most_serious(seeded: FlaskClient) -> None:
    response = seeded.post("/api/lookup", json={"text": "most serious shortcoming"})
    assert response.status_code == 200
    results = response.json["results"]
    assert results, "lookup found nothing"
    top = results[0]
    assert "the most serious" in top["statement"]["text"]
    assert "Political Bureau" in top["statement"]["speaker"]["name"]
    assert len({r["article"]["id"] for r in top["relays"]}) == 4


def test_bitterly_criticised_is_one_statement_with_the_bracket_change(
    seeded: FlaskClient, article_ids: dict[str, int]
) -> None:
    statement = only_statement(seeded, "bitterly criticised the officials")
    quoted = [o for o in statement["occurrences"] if o["kind"] in ("direct", "mixed")]
    assert [o["article"]["id"] for o in quoted] == [article_ids["001"], article_ids["002"]]
    assert "(the)" in quoted[0]["text"] and "[the]" in quoted[1]["text"]
    changes = [op for op in quoted[1]["diff"] if op["op"] != "equal"]
    assert {"op": "replace", "old": "(the)", "new": "[the]"} in changes
    assert all(op["op"] == "equal" for op in quoted[0]["diff"])


def test_brigandish_strategy_is_one_statement_via_kcna(
    seeded: FlaskClient, article_ids: dict[str, int]
) -> None:
    statement = only_statement(seeded, "opposed to the US brigandish strategy for world supremacy")
    articles = {o["article"]["id"] for o in statement["occurrences"]}
    assert articles == {article_ids["000"], article_ids["001"]}
    for occurrence in statement["occurrences"]:
        assert "Korean Central News Agency" in names_in(occurrence)


def test_presstv_reuses_prose_of_the_ap_copy(
    seeded: FlaskClient, article_ids: dict[str, int]
) -> None:
    presstv = seeded.get(f"/api/articles/{article_ids['000']}").json
    reuse = [link for link in presstv["links"] if link["kind"] == "reuse"]
    assert [link["target_article_id"] for link in reuse] == [article_ids["001"]]
    evidence = " ".join(item["text"] for item in reuse[0]["evidence"])
    assert "strengthening solidarity with countries that are" in evidence


def test_unattributed_rewrite_credits_nobody(
    seeded: FlaskClient, article_ids: dict[str, int]
) -> None:
    rewrite = seeded.get(f"/api/articles/{article_ids['003']}").json
    assert rewrite["links"] == []
    assert all(not q["credited"] for q in rewrite["quotes"])


def test_relay_graph_connects_speaker_outlets_and_articles(seeded: FlaskClient) -> None:
    statement = only_statement(seeded, "the most serious")
    graph = seeded.get(f"/api/statements/{statement['id']}/relays").json
    types = {node["type"] for node in graph["nodes"]}
    assert types == {"speaker", "outlet", "article"}
    original = [n for n in graph["nodes"] if n.get("original")]
    assert len(original) == 1 and "Political Bureau" in original[0]["label"]
    edge_types = {edge["type"] for edge in graph["edges"]}
    assert {"quoted_in", "restated_in", "published_by", "credits", "reuses"} <= edge_types
    ids = {node["id"] for node in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])


def test_kcna_aliases_are_one_speaker(seeded: FlaskClient) -> None:
    speakers = seeded.get("/api/speakers", query_string={"per_page": 100}).json["items"]
    kcna = [s for s in speakers if "KCNA" in s["aliases"]]
    assert len(kcna) == 1
    assert kcna[0]["name"] == "Korean Central News Agency"
    assert "North Korea’s state-run KCNA news agency" in kcna[0]["aliases"]


def test_outlet_page_shows_credits_and_reuse(
    seeded: FlaskClient, article_ids: dict[str, int]
) -> None:
    outlets = seeded.get("/api/outlets").json["items"]
    presstv = next(o for o in outlets if o["name"] == "PressTV")
    detail = seeded.get(f"/api/outlets/{presstv['id']}").json
    assert [c["outlet"]["name"] for c in detail["credits"]] == ["Korean Central News Agency"]
    assert [r["target_article_id"] for r in detail["reuses"]] == [article_ids["001"]]


def test_ingesting_the_samples_twice_changes_nothing(
    seeded: FlaskClient, seeded_url: str
) -> None:
    def snapshot() -> list[Any]:
        statements = seeded.get("/api/statements", query_string={"per_page": 100}).json
        speakers = seeded.get("/api/speakers", query_string={"per_page": 100}).json
        outlets = seeded.get("/api/outlets", query_string={"per_page": 100}).json
        details = [seeded.get(f"/api/statements/{s['id']}").json for s in statements["items"]]
        return [statements, speakers, outlets, details]

    before = snapshot()
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES)], env={"DATABASE_URL": seeded_url})
    assert result.exit_code == 0, result.output
    assert "0 stored (0 quotes), 4 already stored" in result.output
    assert snapshot() == before
