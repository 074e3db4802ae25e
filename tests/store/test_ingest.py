"""The store's rules, on hand-built analyses (no Stanza): which statement a quote joins, who
said it first, what counts as credit or reuse, and that ingest is idempotent and atomic."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from attribution import ingest as ingesting
from attribution import matching, provenance
from attribution.inputs import ArticleInput
from attribution.nlp.types import Analysis, Attribution, ChainLink, Entity, Span
from attribution.nlp.types import SpeakerMention as Mention
from attribution.store import links, statements
from attribution.store.db import get_session
from attribution.store.tables import Article, ArticleLink, Outlet, Quote, Speaker, Statement


def attr(
    text: str,
    phrase: str,
    kind: str = "direct",
    chain: Iterable[tuple[str, str, str | None]] = (),
) -> Attribution:
    """An attribution of ``phrase`` in ``text``; ``chain`` is (mention, entity, kind), original
    first, each mention found in ``text``."""
    start = text.index(phrase)
    links = []
    for mention, entity, entity_kind in chain:
        at = text.index(mention)
        links.append(ChainLink(mention, entity, at, at + len(mention), entity_kind))  # type: ignore[arg-type]
    speaker = None
    if links:
        last = links[-1]
        speaker = Mention(last.start, last.end, last.text, last.entity, last.entity_kind)
    return Attribution(start, start + len(phrase), phrase, kind, speaker, None, links)  # type: ignore[arg-type]


def sentences(text: str) -> list[Span]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] in " \n"):
            while text[start] in " \n":
                start += 1
            out.append(Span.of(text, start, i + 1))
            start = i + 1
    return out


def ingest(
    app: Flask,
    text: str,
    quotes: list[Attribution],
    entities: list[Entity] | None = None,
    **fields: Any,
) -> ingesting.Stored:
    analysis = Analysis(quotes, entities or [], sentences(text))

    def analyser(texts: list[str]) -> Iterator[Analysis]:
        for _ in texts:
            yield analysis

    with app.app_context():
        data = ArticleInput(text=text, **fields)
        return ingesting.ingest_article(get_session(), data, analyser)


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(model)) or 0


KCNA = ("KCNA", "Korean Central News Agency", "media")
BUREAU = ("The Political Bureau", "Political Bureau of the Workers’ Party of Korea", "government")

FULL = ("The Political Bureau said the launch was “the most serious shortcoming in the first "
        "half of the year”, KCNA reported.")
FRAGMENT = "North Korean officials called the launch “the most serious” failure, KCNA said."


def statement_of(app: Flask, article_id: int) -> list[int]:
    with app.app_context():
        return list(get_session().scalars(
            select(Quote.statement_id).where(Quote.article_id == article_id).order_by(Quote.start)
        ))


def test_fragment_links_to_full_statement(app: Flask) -> None:
    full = ingest(app, FULL, [attr(FULL, "“the most serious shortcoming in the first half of "
                                         "the year”", chain=[BUREAU, KCNA])])
    fragment = ingest(app, FRAGMENT, [attr(FRAGMENT, "“the most serious”", "mixed",
                                           chain=[KCNA])])
    assert statement_of(app, fragment.article.id) == statement_of(app, full.article.id)
    assert count(app, Statement) == 1


def test_fuller_wording_becomes_the_statement_text(app: Flask) -> None:
    ingest(app, FRAGMENT, [attr(FRAGMENT, "“the most serious”", "mixed", chain=[KCNA])])
    ingest(app, FULL, [attr(FULL, "“the most serious shortcoming in the first half of the year”",
                            chain=[BUREAU, KCNA])])
    with app.app_context():
        statement = get_session().scalars(select(Statement)).one()
        assert "first half of the year" in statement.text


def test_reported_speech_around_its_cue_is_stored_without_the_cue(app: Flask) -> None:
    # "Even then, he said, he has learned …": the reported clause is both sides of the aside;
    # the statement is their words, and another outlet's report of the clause alone joins it.
    text = "Even then, he said, he has learned enough about the senator to oppose her bid."
    reported = attr(text, "Even then, he said, he has learned enough about the senator to "
                          "oppose her bid", "indirect", chain=[("he", "Ed Rollins", "person")])
    reported.parts = [Span.of(text, 0, 9), Span.of(text, 20, len(text) - 1)]
    first = ingest(app, text, [reported])
    with app.app_context():
        statement = get_session().scalars(select(Statement)).one()
        assert statement.text == ("Even then he has learned enough about the senator to "
                                  "oppose her bid")
        quote = get_session().scalars(select(Quote)).one()
        assert [p["text"] for p in quote.parts] == [
            "Even then", "he has learned enough about the senator to oppose her bid"]
    later = "Rollins said even then he has learned enough about the senator to oppose her bid."
    again = ingest(app, later, [attr(later, "even then he has learned enough about the senator"
                                            " to oppose her bid", "indirect",
                                     chain=[("Rollins", "Ed Rollins", "person")])])
    assert statement_of(app, again.article.id) == statement_of(app, first.article.id)


def test_original_speaker_is_the_source_behind_the_relay(app: Flask) -> None:
    ingest(app, FRAGMENT, [attr(FRAGMENT, "“the most serious”", "mixed", chain=[KCNA])],
           published_at="2023-06-18")
    ingest(app, FULL, [attr(FULL, "“the most serious shortcoming in the first half of the year”",
                            chain=[BUREAU, KCNA])], published_at="2023-06-19")
    with app.app_context():
        statement = get_session().scalars(select(Statement)).one()
        assert statement.speaker is not None
        assert statement.speaker.name == "Political Bureau of the Workers’ Party of Korea"
        # First appearance is the earliest publication, whoever it credits.
        assert statement.first_article is not None
        assert statement.first_article.text == FRAGMENT


def test_a_statement_made_here_that_absorbs_an_older_one_dates_from_the_older(
        app: Flask) -> None:
    # The second article first quotes words no one has (a statement of its own), then a
    # wording that holds those words and shares ten more with the first article's quote:
    # excerpts of one utterance, one statement, first published by the first article.
    first = ("KCNA said: “And we will not give up our nuclear weapons program under any "
             "circumstances.”")
    ingest(app, first, [attr(first, "“And we will not give up our nuclear weapons program "
                                    "under any circumstances.”", chain=[KCNA])],
           published_at="2023-06-18")
    second = ("The Political Bureau called it “a historic achievement for the whole nation”. "
              "It said: “This is a historic achievement for the whole nation, and we will not "
              "give up our nuclear weapons program.”")
    ingest(app, second, [
        attr(second, "“a historic achievement for the whole nation”", chain=[BUREAU]),
        attr(second, "“This is a historic achievement for the whole nation, and we will not "
                     "give up our nuclear weapons program.”", chain=[BUREAU]),
    ], published_at="2023-06-19")
    with app.app_context():
        statement = get_session().scalars(select(Statement)).one()
        assert len(statement.quotes) == 3
        assert statement.first_article is not None and statement.first_article.text == first


def test_spelling_and_bracket_variants_are_one_statement(app: Flask) -> None:
    a = "KCNA said the report “bitterly criticised the officials for (the) satellite launch.”"
    b = "The state media said they “bitterly criticized the officials for [the] satellite launch”."
    ingest(app, a, [attr(a, "“bitterly criticised the officials for (the) satellite launch.”",
                         chain=[KCNA])])
    ingest(app, b, [attr(b, "“bitterly criticized the officials for [the] satellite launch”",
                         chain=[("The state media", "KCNA", "media")])])
    assert count(app, Statement) == 1
    assert count(app, Quote) == 2


def test_same_text_with_other_whitespace_returns_the_stored_article(app: Flask) -> None:
    first = ingest(app, FULL, [])
    again = ingest(app, "  " + FULL.replace(" ", "\n  ") + "\n", [])
    assert first.created and not again.created
    assert again.article.id == first.article.id
    assert count(app, Article) == 1


def test_same_url_returns_the_stored_article(app: Flask) -> None:
    first = ingest(app, FULL, [], url="https://example.org/a")
    again = ingest(app, FRAGMENT, [], url="https://example.org/a")
    assert not again.created and again.article.id == first.article.id
    with app.app_context():
        assert get_session().get(Article, first.article.id).text == FULL  # type: ignore[union-attr]


def test_failed_ingest_stores_nothing(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    # Fail at the last step, after the outlet, article, statement, quote and speakers have
    # been written in the transaction: all of them must be rolled back.
    def fail(*args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(links, "store_reuse", fail)
    good = attr(FULL, "“the most serious shortcoming in the first half of the year”",
                chain=[BUREAU, KCNA])
    with pytest.raises(RuntimeError):
        ingest(app, FULL, [good], outlet="PressTV")
    for model in (Article, Quote, Statement, Outlet, Speaker, ArticleLink):
        assert count(app, model) == 0, model.__name__


def test_agency_aliases_are_one_speaker_across_articles(app: Flask) -> None:
    first = "The Korean Central News Agency said the launch “failed completely”."
    ingest(app, first, [attr(first, "“failed completely”",
                             chain=[("The Korean Central News Agency", "Korean Central News "
                                     "Agency", "media")])],
           entities=[Entity("Korean Central News Agency", "media", ["KCNA"])])
    second = "North Korea’s state-run KCNA news agency said it “will try again”."
    ingest(app, second, [attr(second, "“will try again”",
                              chain=[("North Korea’s state-run KCNA news agency", "North Korea",
                                      "government")])],
           entities=[Entity("North Korea", "government",
                            ["North Korea’s state-run KCNA news agency"])])
    with app.app_context():
        speakers = get_session().scalars(select(Speaker)).all()
        assert [s.name for s in speakers] == ["Korean Central News Agency"]
        aliases = {a.alias for a in speakers[0].aliases}
        assert {"KCNA", "North Korea’s state-run KCNA news agency"} <= aliases


def test_descriptions_do_not_join_speakers_across_articles(app: Flask) -> None:
    a = "State media said the launch “failed completely”."
    b = "State media said the rocket “will fly again”."
    for text, phrase, entity in ((a, "“failed completely”", "Korean Central News Agency"),
                                 (b, "“will fly again”", "Xinhua")):
        ingest(app, text, [attr(text, phrase, chain=[("State media", entity, "media")])],
               entities=[Entity(entity, "media", ["state media"])])
    with app.app_context():
        names = sorted(s.name for s in get_session().scalars(select(Speaker)))
    assert names == ["Korean Central News Agency", "Xinhua"]


def test_restatement_without_a_source_is_an_uncredited_paraphrase(app: Flask) -> None:
    ingest(app, FRAGMENT, [attr(FRAGMENT, "“the most serious”", "mixed", chain=[KCNA])])
    rewrite = ("The North Korean regime has acknowledged this setback as one of the most "
               "serious it has encountered. It plans another launch.")
    result = ingest(app, rewrite, [])
    with app.app_context():
        quotes = get_session().scalars(
            select(Quote).where(Quote.article_id == result.article.id)
        ).all()
        assert [(q.kind, q.credited) for q in quotes] == [("paraphrase", False)]
        assert "one of the most serious" in quotes[0].text
        links = get_session().scalars(
            select(ArticleLink).where(ArticleLink.article_id == result.article.id)
        ).all()
        assert links == []


def test_credit_line_links_the_article_to_the_agency(app: Flask) -> None:
    text = "SEOUL (AP) — North Korea said it would launch again."
    result = ingest(app, text, [], outlet="The Daily Example")
    with app.app_context():
        link = get_session().scalars(select(ArticleLink)).one()
        assert link.article_id == result.article.id and link.kind == "credit"
        assert link.target_outlet is not None
        assert link.target_outlet.name == "Associated Press"
        assert link.evidence[0]["text"] == "(AP)"


def test_a_clause_about_an_outlet_is_not_credited_as_one(app: Flask) -> None:
    # PostgreSQL refused the whole article when this clause became an outlet's name (PolNeAR
    # train, line 47): only names are credited.
    source = ("Early results of exit polls conducted by Edison Research for The Associated "
              "Press and television networks in Texas, Virginia and Georgia")
    text = f"{source} show that Trump leads. Reuters said the count was slow."
    quotes = [attr(text, "that Trump leads", "indirect", chain=[(source, source, "media")]),
              attr(text, "the count was slow", "indirect",
                   chain=[("Reuters", "Reuters", "media")])]
    credited = {c.outlet for c in provenance.find_credits(text, Analysis(quotes, []))}
    assert credited == {"Reuters"}
    result = ingest(app, text, quotes)
    assert result.created


def test_an_outlet_is_credited_once_under_its_name(app: Flask) -> None:
    text = ("The New York Times said the race was close. New York Times reporters said the "
            "count was slow. NBC News and The Wall Street Journal said the poll was wrong. "
            "Media titan Rupert Murdoch said the paper would stay. Radio said it was late.")
    quotes = [attr(text, "the race was close", "indirect",
                   chain=[("The New York Times", "The New York Times", "media")]),
              attr(text, "the count was slow", "indirect",
                   chain=[("New York Times reporters", "New York Times", "media")]),
              attr(text, "the poll was wrong", "indirect",
                   chain=[("NBC News and The Wall Street Journal",
                           "NBC News and The Wall Street Journal", "media")]),
              attr(text, "the paper would stay", "indirect",
                   chain=[("Media titan Rupert Murdoch", "Media titan Rupert Murdoch", "media")]),
              attr(text, "it was late", "indirect", chain=[("Radio", "Radio", "media")])]
    credited = [c.outlet for c in provenance.find_credits(text, Analysis(quotes, []))]
    assert credited == ["New York Times"]


PROSE = ("The Politburo members set down unspecified tasks for strengthening solidarity with "
         "countries that share their views on regional security and trade, the agency said. ")


def test_shared_prose_links_the_later_article_to_the_earlier(app: Flask) -> None:
    early = ingest(app, PROSE + "Experts were unsurprised.", [], published_at="2023-06-19")
    late = ingest(app, "Pyongyang was defiant. " + PROSE, [], published_at="2023-06-19T09:39Z")
    with app.app_context():
        link = get_session().scalars(select(ArticleLink)).one()
        assert (link.kind, link.article_id, link.target_article_id) == (
            "reuse", late.article.id, early.article.id)
        assert link.words >= provenance.REUSE_MIN_WORDS


def test_a_shared_quote_alone_is_not_reuse(app: Flask) -> None:
    quote = ("“we will strengthen solidarity with countries that oppose the brigandish strategy "
             "for world supremacy”")
    a = f"KCNA said {quote}. Nothing else happened."
    b = f"The leader said {quote}. Markets fell."
    ingest(app, a, [attr(a, quote, chain=[KCNA])])
    ingest(app, b, [attr(b, quote, chain=[("The leader", "Kim Jong Un", "person")])])
    with app.app_context():
        kinds = [link.kind for link in get_session().scalars(select(ArticleLink))]
    assert "reuse" not in kinds


def test_candidate_search_verifies_only_indexed_candidates(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 150 unrelated statements in store; placing a new wording verifies a bounded few.
    import random

    rng = random.Random(7)
    vocabulary = [f"word{i}" for i in range(3000)]
    with app.app_context():
        session = get_session()
        for _ in range(150):
            statements.place_wording(session, " ".join(rng.sample(vocabulary, 12)))
        session.commit()
        calls = []
        real_compare = matching.compare

        def counting_compare(a: str, b: str) -> matching.Comparison | None:
            calls.append(b)
            return real_compare(a, b)

        monkeypatch.setattr(matching, "compare", counting_compare)
        match = statements.match_statement(session, "the most serious shortcoming of the year")
        assert match is None
        assert len(calls) <= statements.CANDIDATE_LIMIT


def test_reported_speech_does_not_rewrite_a_quoted_statement(app: Flask) -> None:
    ingest(app, FRAGMENT, [attr(FRAGMENT, "“the most serious”", "mixed", chain=[KCNA])])
    rewrite = ("The North Korean regime has acknowledged this setback as one of the most serious "
               "it has faced.")
    ingest(app, rewrite, [attr(rewrite, "this setback as one of the most serious it has faced",
                               "indirect", chain=[("The North Korean regime", "North Korean regime",
                                                   "government")])])
    with app.app_context():
        session = get_session()
        quoted = session.scalars(
            select(Statement).join(Quote).where(Quote.kind == "mixed")
        ).one()
        assert quoted.text == "“the most serious”"
        kinds = sorted(q.kind for q in quoted.quotes)
        assert kinds == ["mixed", "paraphrase"]


def test_naming_an_agency_is_not_crediting_it(app: Flask) -> None:
    text = "Reuters was expelled from Pyongyang years ago. The launch failed on Wednesday."
    ingest(app, text, [], outlet="The Daily Example")
    assert count(app, ArticleLink) == 0


def test_agency_next_to_a_reporting_verb_is_credited(app: Flask) -> None:
    text = "The launch failed, Korean Central News Agency (KCNA) reported Monday."
    ingest(app, text, [], outlet="The Daily Example")
    with app.app_context():
        link = get_session().scalars(select(ArticleLink)).one()
        assert link.target_outlet is not None
        assert link.target_outlet.name == "Korean Central News Agency"


def test_unnamed_media_in_a_chain_is_not_an_outlet(app: Flask) -> None:
    text = "Officials called it “a setback”, state media said."
    ingest(app, text, [attr(text, "“a setback”", chain=[("state media", "state media", "media")])])
    assert count(app, ArticleLink) == 0
    assert count(app, Outlet) == 0


def test_an_articles_key_index_finds_what_the_database_query_finds(app: Flask) -> None:
    # Ingest places an article's quotes through a KeyIndex read once for the article; it must
    # hand verification the same candidates, in the same order, as a query per wording, also
    # for statements the article itself created and keys it has not written yet.
    import random

    rng = random.Random(11)
    vocabulary = [f"word{i}" for i in range(400)]
    stored = [" ".join(rng.sample(vocabulary, 12)) for _ in range(120)]
    with app.app_context():
        session = get_session()
        for text in stored:
            statements.place_wording(session, text)
        session.commit()
        queries = [" ".join(rng.sample(t.split(), 8)) for t in rng.sample(stored, 30)]
        queries += [" ".join(rng.sample(vocabulary, 10)) for _ in range(30)]
        index = statements.KeyIndex(session, queries)
        for query in queries:
            expected = [s.id for s in statements.candidate_statements(session, query)]
            assert expected, query
            assert [s.id for s in index.candidates(query)] == expected, query
        # A wording placed through the index joins a statement the article just created.
        new = " ".join(rng.sample(vocabulary, 14))
        first = statements.place_wording(session, new, index=index)
        again = statements.place_wording(session, new, index=index)
        assert again.statement.id == first.statement.id and again.relation == "same"
        written = lambda: [s.id for s in statements.candidate_statements(session, new)]  # noqa: E731
        assert first.statement.id not in written()  # kept in the index until write()
        index.write()
        assert written()[0] == first.statement.id
        session.rollback()


def test_an_analysis_read_back_stores_the_quote_its_fresh_self_stored() -> None:
    # Two attributions of one quotation (the engine reports it once per reporting clause
    # around it): the surer one is stored. Their confidences differ below what an analysis
    # records (the cache, a job's result), so the analysis read back must pick the same one.
    text = "“The score would change tomorrow,” said John Ulzheimer, who writes about credit."
    named = attr(text, "“The score would change tomorrow,”",
                 chain=[("John Ulzheimer", "John Ulzheimer", "person")])
    relative = attr(text, "“The score would change tomorrow,”", kind="mixed",
                    chain=[("who", "who", None)])
    named.confidence, relative.confidence = 0.91101, 0.91104
    fresh = Analysis([named, relative], [], sentences(text))
    again = Analysis.from_dict(fresh.to_dict(sentences=True))
    assert [s.attribution.to_dict() for s in provenance.quote_spans(text, again)] == [
        s.attribution.to_dict() for s in provenance.quote_spans(text, fresh)]


def test_a_fresh_analysis_and_one_read_back_store_the_same_confidence(app: Flask) -> None:
    # Inline ingest stores a fresh analysis; a cached one or a worker's is read back: the
    # stored quote must not depend on which (the store compared across the two ways, whole).
    text = "“The score would change tomorrow,” said John Ulzheimer, who writes about credit."
    said = attr(text, "“The score would change tomorrow,”",
                chain=[("John Ulzheimer", "John Ulzheimer", "person")])
    said.confidence = 0.7297514
    again = Analysis.from_dict(Analysis([said], [], sentences(text)).to_dict(sentences=True))
    stored = []
    for analysis in ([said], again.quotes):
        ingest(app, text, analysis, url=f"https://example.com/{len(stored)}")
        with app.app_context():
            stored.append(get_session().scalars(
                select(Quote.confidence).order_by(Quote.id.desc()).limit(1)).one())
    assert stored == [said.recorded_confidence] * 2

