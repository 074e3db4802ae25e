"""The journalists' pages and what they add to the API: relay warnings, CSV for a story's
notes, searchable speakers and outlets, names shared between speakers, and errors a person
can read. (The pages in a real browser, axe-core and screenshots: tests/browser.)"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from attribution.pages import export, timeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from test_identity import said  # noqa: E402  (stores short articles as ingest does)

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def most_serious(seeded: FlaskClient) -> dict[str, Any]:
    found = seeded.post("/api/lookup", json={"text": "most serious"}).json
    statement_id = found["results"][0]["statement"]["id"]
    return seeded.get(f"/api/statements/{statement_id}").json


def test_relays_say_what_deserves_a_second_look(seeded: FlaskClient) -> None:
    relays = most_serious(seeded)["occurrences"]
    by_outlet = {(r["outlet"] or {}).get("name"): r for r in relays if r["kind"] != "paraphrase"}
    # PressTV reuses the AP copy's own words around the quotes and credits only KCNA.
    codes = [w["code"] for w in by_outlet["PressTV"]["warnings"]]
    assert codes == ["uncredited_copy"]
    assert "Associated Press (syndicated copy)" in by_outlet["PressTV"]["warnings"][0]["message"]
    # The AP copy is where the others got it: nothing to flag there.
    assert by_outlet["Associated Press (syndicated copy)"]["warnings"] == []
    paraphrases = [r for r in relays if r["kind"] == "paraphrase"]
    assert paraphrases and all(
        [w["code"] for w in r["warnings"]] == ["unquoted_paraphrase"] for r in paraphrases
    )


def test_a_statement_downloads_as_csv_one_row_per_relay(seeded: FlaskClient) -> None:
    detail = most_serious(seeded)
    answer = seeded.get(f"/statements/{detail['id']}.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert "attachment" in answer.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert len(rows) == len(detail["occurrences"])
    assert [r["wording"] for r in rows] == [o["text"] for o in detail["occurrences"]]
    assert {r["said_first_by"] for r in rows} == {"Political Bureau of the Workers’ Party of Korea"}
    presstv = next(r for r in rows if r["outlet"] == "PressTV")
    assert presstv["credits"] == "Korean Central News Agency"
    assert "without crediting it" in presstv["warnings"]


def test_quoted_words_never_run_as_spreadsheet_formulas(seeded: FlaskClient) -> None:
    detail = most_serious(seeded)
    detail["occurrences"][0]["text"] = '=HYPERLINK("http://evil.example","click")'
    detail["occurrences"][1]["speaker"] = {"text": "@SUM(A1)"}
    rows = list(csv.DictReader(io.StringIO(export.relays_csv(detail))))
    assert rows[0]["wording"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert rows[1]["speaker_as_written"] == "'@SUM(A1)"


def test_the_statement_page_draws_the_chain_and_lists_every_relay(seeded: FlaskClient) -> None:
    detail = most_serious(seeded)
    page = seeded.get(f"/statements/{detail['id']}").get_data(as_text=True)
    assert '<svg viewBox="0 0' in page and 'role="img"' in page
    assert f'<link rel="canonical" href="http://localhost/statements/{detail["id"]}">' in page
    assert page.count('<li id="article-') == len(detail["occurrences"])
    assert f'href="/statements/{detail["id"]}.csv"' in page
    assert f'href="/api/statements/{detail["id"]}"' in page


def test_the_timeline_puts_the_origin_first_and_carriers_in_time_order(
    seeded: FlaskClient,
) -> None:
    detail = most_serious(seeded)
    graph = seeded.get(f"/api/statements/{detail['id']}/relays").json
    drawn = timeline.layout(graph, detail["occurrences"])
    assert drawn.rows[0].original and drawn.rows[0].full_label == detail["speaker"]["name"]
    carriers = [r.full_label for r in drawn.rows if r.type == "article"]
    assert carriers == list(dict.fromkeys(
        (o["outlet"] or {}).get("name", "unnamed outlet") for o in detail["occurrences"]))
    assert [r.y for r in drawn.rows] == sorted(r.y for r in drawn.rows)
    assert {a.type for a in drawn.arcs} >= {"relayed_by", "quoted_in", "restated_in", "reuses"}
    assert drawn.summary.startswith(f"Said first by {detail['speaker']['name']}")


def test_a_relay_cycle_still_draws_every_speaker_once() -> None:
    nodes = [{"id": "speaker:1", "type": "speaker", "label": "A", "original": True},
             {"id": "speaker:2", "type": "speaker", "label": "B"},
             {"id": "speaker:3", "type": "speaker", "label": "C"}]
    edges = [{"source": "speaker:2", "target": "speaker:3", "type": "relayed_by"},
             {"source": "speaker:3", "target": "speaker:2", "type": "relayed_by"}]
    drawn = timeline.layout({"nodes": nodes, "edges": edges}, [])
    assert [r.full_label for r in drawn.rows] == ["A", "B", "C"]
    assert len(drawn.arcs) == 2


def test_speakers_and_outlets_are_searchable(seeded: FlaskClient) -> None:
    found = seeded.get("/api/speakers?q=korea&across_articles=true").json
    names = [s["name"] for s in found["items"]]
    assert "Korean Central News Agency" in names
    assert all(s["article_id"] is None for s in found["items"])
    assert all("korea" in (s["name"] + " ".join(s["aliases"])).casefold()
               for s in found["items"])
    outlets = seeded.get("/api/outlets?q=PRESS").json["items"]
    assert {o["name"] for o in outlets} == {
        "PressTV", "Associated Press", "Associated Press (syndicated copy)"}
    page = seeded.get("/speakers?q=Korean+Central").get_data(as_text=True)
    assert "Korean Central News Agency" in page
    assert "Political Bureau" not in page


def test_browse_lists_page_through_everything(seeded: FlaskClient) -> None:
    total = seeded.get("/api/statements?per_page=1").json["total"]
    first = seeded.get("/statements").get_data(as_text=True)
    assert f"({total} in all)" in first and 'rel="next" href="/statements?page=2' in first
    last_page = (total + 24) // 25
    last = seeded.get(f"/statements?page={last_page}").get_data(as_text=True)
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert seeded.get("/statements?page=banana").status_code == 200  # a bad page is page 1


def test_a_speaker_page_shows_names_shared_with_other_people(app: Flask) -> None:
    said(app, "Hillary Clinton said “we will win this election in November”.",
         "“we will win this election in November”", "Hillary Clinton", "Hillary Clinton",
         "person", ["Clinton"])
    said(app, "Bill Clinton said “my wife will be a great president”.",
         "“my wife will be a great president”", "Bill Clinton", "Bill Clinton", "person",
         ["Clinton"])
    client = app.test_client()
    people = {s["name"]: s for s in client.get("/api/speakers?q=clinton").json["items"]}
    hillary = client.get(f"/api/speakers/{people['Hillary Clinton']['id']}").json
    assert hillary["shared_aliases"] == [{"alias": "Clinton", "speakers": [
        {"id": people["Bill Clinton"]["id"], "name": "Bill Clinton", "kind": "person",
         "article_id": None}]}]
    page = client.get(f"/speakers/{hillary['id']}").get_data(as_text=True)
    assert "Names shared with other speakers" in page and "Bill Clinton" in page


def test_a_browser_gets_an_error_page_and_a_tool_gets_problem_json(seeded: FlaskClient) -> None:
    page = seeded.get("/statements/999999", headers=BROWSER)
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "no statement with id 999999" in page.get_data(as_text=True)
    tool = seeded.get("/statements/999999")
    assert tool.status_code == 404 and tool.mimetype == "application/problem+json"
    api = seeded.get("/api/statements/999999", headers=BROWSER)
    assert api.mimetype == "application/problem+json"  # the API answers in JSON, always


def test_an_article_reusing_several_carriers_gets_one_arc_from_the_earliest() -> None:
    def occurrence(ident: int) -> dict[str, Any]:
        return {"article": {"id": ident}, "kind": "direct", "credits": [], "warnings": []}

    nodes = [{"id": f"article:{i}", "type": "article", "label": f"article {i}",
              "published_at": f"2016-09-2{i}T00:00:00Z"} for i in (1, 2, 3)]
    edges = [{"source": "article:3", "target": "article:2", "type": "reuses"},
             {"source": "article:3", "target": "article:1", "type": "reuses"},
             {"source": "article:2", "target": "article:1", "type": "reuses"}]
    drawn = timeline.layout({"nodes": nodes, "edges": edges}, [occurrence(i) for i in (1, 2, 3)])
    assert sorted(a.description for a in drawn.arcs) == [
        "article 2 reuses the prose of article 1", "article 3 reuses the prose of article 1"]


def test_a_speaker_row_says_whether_it_relayed_or_was_only_named() -> None:
    nodes = [{"id": "speaker:1", "type": "speaker", "label": "Politburo", "original": True},
             {"id": "speaker:2", "type": "speaker", "label": "KCNA"},
             {"id": "speaker:3", "type": "speaker", "label": "she"}]
    edges = [{"source": "speaker:1", "target": "speaker:2", "type": "relayed_by"}]
    drawn = timeline.layout({"nodes": nodes, "edges": edges}, [])
    assert [(r.full_label, r.detail) for r in drawn.rows] == [
        ("Politburo", "said it first"), ("KCNA", "relayed it"), ("she", "named as its speaker")]
    nodes[0]["original"] = False  # no original speaker known: the summary does not invent one
    assert timeline.layout({"nodes": nodes, "edges": edges}, []).summary.startswith(
        "Said first by an unknown speaker")
