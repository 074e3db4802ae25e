"""``attribution lookup``: where a quote came from, on the command line, as the API says it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from attribution import ingest
from attribution.cli import main
from attribution.inputs import ArticleInput
from attribution.nlp.types import Analysis, Attribution, ChainLink, Span
from attribution.nlp.types import SpeakerMention as Mention
from attribution.store.db import get_session

WORDS = "we will launch again very soon and with greater force"


def said(text: str, relay: str | None) -> Analysis:
    """What the engine would find in ``text``: Kim Yo Jong's quote, relayed by ``relay``."""
    start = text.index("“")
    end = text.index("”") + 1
    at = text.index("Kim Yo Jong")
    kim = ChainLink("Kim Yo Jong", "Kim Yo Jong", at, at + 11, "person")
    chain = [kim]
    if relay is not None:
        r = text.index(relay)
        chain.append(ChainLink(relay, "Korean Central News Agency", r, r + len(relay), "media"))
    cue = text.index("said")
    quote = Attribution(start, end, text[start:end], "direct",
                        Mention(at, at + 11, "Kim Yo Jong", "Kim Yo Jong", "person"),
                        Span.of(text, cue, cue + 4), chain)
    return Analysis([quote], [], [Span.of(text, 0, len(text))])


ARTICLES = [
    (ArticleInput(text=f"Kim Yo Jong said “{WORDS},” according to KCNA.", outlet="Wire One",
                  published_at=datetime(2023, 6, 19, 8, 30)), "KCNA"),
    (ArticleInput(text=f"“{WORDS.capitalize()},” Kim Yo Jong said on Tuesday.",
                  outlet="Daily Two", published_at=datetime(2023, 6, 20)), None),
]


@pytest.fixture
def stored(app: Flask) -> str:
    """The database URL of ``app`` once both articles are stored (by a fake analyser)."""
    with app.app_context():
        for data, relay in ARTICLES:
            analysis = said(data.text or "", relay)
            ingest.ingest_article(get_session(), data,
                                  lambda texts, a=analysis: iter([a for _ in texts]))
    return str(app.config["DATABASE_URL"])


def lookup(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["lookup", *args], env={"DATABASE_URL": url})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_lookup_names_the_original_speaker_and_every_relaying_outlet(stored: str) -> None:
    code, output = lookup(stored, "launch again very soon")
    assert code == 0, output
    assert "said first by: Kim Yo Jong" in output
    assert "first appeared: Wire One" in output and "2023-06-19 08:30 UTC" in output
    relays = [line.strip() for line in output.splitlines() if line.startswith("     ")]
    assert [line.split(" · ")[0] for line in relays] == ["Wire One", "Daily Two"]
    assert relays[1].split(" · ")[1:3] == ["2023-06-20", "direct"]
    assert all(WORDS in line.casefold() for line in relays)


def test_lookup_json_is_the_apis_response_body(stored: str, client: FlaskClient) -> None:
    for limit in ("1", "5"):
        code, output = lookup(stored, "launch again very soon", "--json", "--limit", limit)
        response = client.post("/api/lookup",
                                json={"text": "launch again very soon", "limit": int(limit)})
        assert code == 0
        assert json.loads(output) == response.json
        assert output == response.get_data(as_text=True)
        assert response.json["results"][0]["statement"]["speaker"]["name"] == "Kim Yo Jong"


def test_lookup_of_unknown_words_says_so_and_exits_1(stored: str) -> None:
    code, output = lookup(stored, "the harvest was the best in a decade")
    assert code == 1
    assert "No stored statement matches" in output
    code, output = lookup(stored, "the harvest was the best in a decade", "--json")
    assert code == 1 and json.loads(output) == {"results": []}


def test_lookup_refuses_a_limit_the_api_refuses(stored: str) -> None:
    result = CliRunner().invoke(main, ["lookup", "launch again", "--limit", "0"],
                                env={"DATABASE_URL": stored})
    assert result.exit_code == 2 and "limit" in result.output


def test_a_speaker_the_article_never_names_is_shown_as_such(app: Flask) -> None:
    # "he" with nothing in the article to say who: the journalist is told it is unresolved,
    # not handed "he" as if it were a name.
    text = f"“{WORDS.capitalize()},” he said on Tuesday."
    start, end, at = text.index("“"), text.index("”") + 1, text.index("he said")
    quote = Attribution(start, end, text[start:end], "direct", Mention(at, at + 2, "he", "he"),
                        Span.of(text, at + 3, at + 7), [])
    analysis = Analysis([quote], [], [Span.of(text, 0, len(text))])
    with app.app_context():
        stored = ingest.ingest_article(get_session(), ArticleInput(text=text, outlet="Daily"),
                                       lambda texts: iter([analysis for _ in texts]))
        article_id = stored.article.id
    code, out = lookup(str(app.config["DATABASE_URL"]), "launch again very soon")
    assert code == 0
    assert f"said first by: he (so article {article_id} calls them; not identified by name)" in out
