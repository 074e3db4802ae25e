"""Who is who across articles, and what is one statement across outlets.

Each test stores short articles with the analyses the engine would give them (no Stanza), the
way ingest stores real ones, and checks what a journalist would read back.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select
from test_ingest import attr, ingest

from attribution.nlp.types import Entity, Span
from attribution.store.db import get_session
from attribution.store.tables import Quote, Speaker, SpeakerAlias, Statement


def said(app: Flask, text: str, phrase: str, mention: str, entity: str, kind: str | None,
         aliases: list[str] | None = None, quote_kind: str = "direct") -> int:
    """Store ``text`` whose ``phrase`` is said by ``mention`` (in-article entity ``entity``);
    return the article id."""
    result = ingest(app, text, [attr(text, phrase, quote_kind, chain=[(mention, entity, kind)])],
                    entities=[Entity(entity, kind, aliases or [])])  # type: ignore[arg-type]
    return result.article.id


def hillary_clinton_said(app: Flask, aliases: list[str] | None = None) -> int:
    """An article making Hillary Clinton a speaker known across articles; its id."""
    return said(app, "Hillary Clinton said “we will win this election in November”.",
                "“we will win this election in November”", "Hillary Clinton", "Hillary Clinton",
                "person", aliases)


def howard_dean_said(app: Flask) -> int:
    """An article making Howard Dean a speaker known across articles; its id."""
    return said(app, "Howard Dean said “the party needs a fifty state strategy”.",
                "“the party needs a fifty state strategy”", "Howard Dean", "Howard Dean",
                "person")


def speaker_of(app: Flask, article_id: int) -> Speaker:
    with app.app_context():
        quote = get_session().scalars(select(Quote).where(Quote.article_id == article_id)).one()
        assert quote.speaker is not None
        return quote.speaker


def test_people_who_share_a_surname_stay_apart(app: Flask) -> None:
    hillary = hillary_clinton_said(app, ["Clinton"])
    bill = said(app, "Bill Clinton said “my wife will be a great president”.",
                "“my wife will be a great president”", "Bill Clinton", "Bill Clinton",
                "person", ["Clinton"])
    again = said(app, "Clinton said “the economy needs a raise”, Hillary Clinton added.",
                 "“the economy needs a raise”", "Clinton", "Hillary Clinton", "person",
                 ["Clinton"])
    a, b, c = (speaker_of(app, i) for i in (hillary, bill, again))
    assert a.id != b.id
    assert c.id == a.id and c.name == "Hillary Clinton"
    with app.app_context():
        # The surname is evidence both of them carry, not a key that merges them.
        holders = set(get_session().scalars(
            select(SpeakerAlias.speaker_id).where(SpeakerAlias.key == "clinton")
        ))
    assert holders == {a.id, b.id}


def test_a_son_is_not_his_father(app: Flask) -> None:
    father = said(app, "Donald Trump said “we will build a great wall”.",
                  "“we will build a great wall”", "Donald Trump", "Donald Trump", "person")
    son = said(app, "Donald Trump Jr. said “my father will build the wall”.",
               "“my father will build the wall”", "Donald Trump Jr.", "Donald Trump Jr.",
               "person")
    middle = said(app, "Donald J. Trump said “the wall will be paid for”.",
                  "“the wall will be paid for”", "Donald J. Trump", "Donald J. Trump",
                  "person")
    assert speaker_of(app, father).id != speaker_of(app, son).id
    assert speaker_of(app, middle).id == speaker_of(app, father).id


def test_where_or_when_after_a_name_is_not_part_of_the_name(app: Flask) -> None:
    cruz = said(app, "Ted Cruz said “we will repeal every word of Obamacare”.",
                "“we will repeal every word of Obamacare”", "Ted Cruz", "Ted Cruz", "person")
    from_texas = said(app, "Sen. Ted Cruz of Texas said “the deal is a catastrophe for us”.",
                      "“the deal is a catastrophe for us”", "Ted Cruz of Texas",
                      "Ted Cruz of Texas", "person")
    assert speaker_of(app, from_texas).id == speaker_of(app, cruz).id
    # A day or a list is no one known across articles ("Obama on Friday" was a person).
    for mention in ("Obama on Friday", "Xi and Putin"):
        text = f"{mention} said “the talks went well for both sides this week”."
        article = said(app, text, "“the talks went well for both sides this week”", mention,
                       mention, "person")
        assert speaker_of(app, article).article_id == article, mention


def test_a_phrase_about_a_person_is_not_one_of_their_names(app: Flask) -> None:
    article = said(app, "Marco Rubio said “we will win Florida in March”.",
                   "“we will win Florida in March”", "Marco Rubio", "Marco Rubio", "person",
                   ["Mr. Rubio", "Advisers to Mr. Rubio", "Secretary of State Marco Rubio",
                    "candidates like Marco Rubio"])
    with app.app_context():
        aliases = {a.alias for a in get_session().get(Speaker, speaker_of(app, article).id)
                   .aliases}
    assert {"Mr. Rubio", "Secretary of State Marco Rubio"} <= aliases
    assert not {"Advisers to Mr. Rubio", "candidates like Marco Rubio"} & aliases


def test_a_title_word_inside_a_name_is_the_name(app: Flask) -> None:
    quotes = ["“I have a dream that one day this nation will rise up”",
              "“injustice anywhere is a threat to justice everywhere”"]
    first, second = (said(app, f"Martin Luther King Jr. said {q}.", q, "Martin Luther King Jr.",
                          "Martin Luther King Jr.", "person") for q in quotes)
    speaker = speaker_of(app, first)
    assert speaker.article_id is None and speaker_of(app, second).id == speaker.id


def test_what_an_article_says_of_a_person_after_their_name_is_not_their_name(
    app: Flask
) -> None:
    named = said(app, "Huma Abedin said “we are ready for the debate on Monday night”.",
                 "“we are ready for the debate on Monday night”", "Huma Abedin", "Huma Abedin",
                 "person")
    described = "Huma Abedin, vice chairwoman for Clinton’s presidential campaign"
    text = f"{described}, said “the polls will tighten before November comes”."
    article = said(app, text, "“the polls will tighten before November comes”", described,
                   described, "person")
    assert speaker_of(app, article).id == speaker_of(app, named).id
    # Also when what is said names another person of the article, and the engine filed the
    # mention under the name alone.
    weaver = said(app, "Jeff Weaver said “we are staying in this race until the end”.",
                  "“we are staying in this race until the end”", "Jeff Weaver", "Jeff Weaver",
                  "person")
    described = "Jeff Weaver, Sanders’ campaign manager"
    text = f"Bernie Sanders spoke. {described}, said “the math is on our side this spring”."
    sanders = Entity("Bernie Sanders", "person", [], mentioned(text, "Bernie Sanders"), "m")
    jeff = Entity("Jeff Weaver", "person", [], mentioned(text, "Jeff Weaver"), "m")
    result = ingest(app, text, [attr(text, "“the math is on our side this spring”",
                                     chain=[(described, "Jeff Weaver", "person")])],
                    entities=[sanders, jeff])
    assert speaker_of(app, result.article.id).id == speaker_of(app, weaver).id
    # A party and a state are said of the person too; two names are two people.
    donnelly = said(app, "Joe Donnelly said “the farm bill passed the Senate today”.",
                    "“the farm bill passed the Senate today”", "Joe Donnelly", "Joe Donnelly",
                    "person")
    described = "Senator Joe Donnelly, Democrat of Indiana"
    text = f"{described}, said “we owe the workers of Carrier an answer”."
    article = said(app, text, "“we owe the workers of Carrier an answer”", described,
                   described, "person")
    assert speaker_of(app, article).id == speaker_of(app, donnelly).id
    ingram = said(app, "Howard Ingram said “the fund will not sell the land”.",
                  "“the fund will not sell the land”", "Howard Ingram", "Howard Ingram", "person")
    described = "longtime JNF official, Howard Ingram"  # the description comes first
    text = f"A {described}, said “the land was bought a century ago”."
    article = said(app, text, "“the land was bought a century ago”", described, described,
                   "person")
    assert speaker_of(app, article).id == speaker_of(app, ingram).id
    # A body the engine took for a person is that body, never a person.
    foundation = said(app, "The Clinton Foundation said “the audit found no wrongdoing”.",
                      "“the audit found no wrongdoing”", "The Clinton Foundation",
                      "Clinton Foundation", "organisation")
    text = "The Clinton Foundation said “the gifts were made in good faith years ago”."
    article = said(app, text, "“the gifts were made in good faith years ago”",
                   "The Clinton Foundation", "Clinton Foundation", "person")
    assert speaker_of(app, article).id == speaker_of(app, foundation).id
    assert speaker_of(app, article).kind == "organisation"
    two = "Marco Rubio, Ted Cruz"
    text = f"{two} said “the deal will not survive the next administration”."
    article = said(app, text, "“the deal will not survive the next administration”", two, two,
                   "person")
    assert speaker_of(app, article).article_id == article
    # Two people with what is said of each stay a speaker of their own article.
    both = "Felicia Wong, president of the Roosevelt Institute, and Stan Greenberg, a pollster"
    text = f"{both}, wrote “the economy is rigged against working families today”."
    article = said(app, text, "“the economy is rigged against working families today”", both,
                   both, "person")
    assert speaker_of(app, article).article_id == article


def test_a_bare_surname_joins_no_one_across_articles(app: Flask) -> None:
    named = hillary_clinton_said(app)
    bare = said(app, "Clinton said “the other side has no plan at all”.",
                "“the other side has no plan at all”", "Clinton", "Clinton", "person")
    surname_only = speaker_of(app, bare)
    assert surname_only.id != speaker_of(app, named).id
    assert surname_only.article_id == bare  # known only in its own article


def test_descriptions_and_titles_stay_in_their_article(app: Flask) -> None:
    ids = [
        said(app, f"A White House spokesman said “{words}”.", f"“{words}”",
             "A White House spokesman", "White House spokesman", "person")
        for words in ("the president has no plans to travel", "the meeting went very well")
    ]
    first, second = (speaker_of(app, i) for i in ids)
    assert first.id != second.id
    assert first.article_id == ids[0] and second.article_id == ids[1]


def test_a_person_and_an_organisation_never_merge(app: Flask) -> None:
    person = said(app, "Ford said “the plant will stay open next year”.",
                  "“the plant will stay open next year”", "Ford", "Gerald Ford", "person")
    company = said(app, "Gerald Ford said “sales rose in the third quarter”.",
                   "“sales rose in the third quarter”", "Gerald Ford", "Gerald Ford",
                   "organisation")
    assert speaker_of(app, person).id != speaker_of(app, company).id


def test_an_organisation_is_one_speaker_under_its_acronym(app: Flask) -> None:
    full = said(app, "The Federal Bureau of Investigation said “the review is complete”.",
                "“the review is complete”", "The Federal Bureau of Investigation",
                "Federal Bureau of Investigation", "organisation", ["FBI"])
    short = said(app, "The FBI said “no charges will be brought”.", "“no charges will be brought”",
                 "The FBI", "FBI", "organisation")
    assert speaker_of(app, full).id == speaker_of(app, short).id


def statements_of(app: Flask) -> list[Statement]:
    with app.app_context():
        return list(get_session().scalars(select(Statement).order_by(Statement.id)))


def test_a_stock_phrase_from_two_people_is_two_statements(app: Flask) -> None:
    said(app, "Barack Obama said the plan helps “the American people”.",
         "“the American people”", "Barack Obama", "Barack Obama", "person",
         quote_kind="mixed")
    said(app, "Donald Trump said the deal betrays “the American people”.",
         "“the American people”", "Donald Trump", "Donald Trump", "person",
         quote_kind="mixed")
    assert len(statements_of(app)) == 2


def test_a_name_in_quote_marks_is_not_a_statement_others_join(app: Flask) -> None:
    for outlet in ("Wire A", "Wire B"):
        ingest(app, f"Officials praised “Hillary Clinton” on {outlet}.",
               [attr(f"Officials praised “Hillary Clinton” on {outlet}.", "“Hillary Clinton”",
                     "mixed", chain=[("Officials", "officials", None)])],
               outlet=outlet)
    statements = statements_of(app)
    assert len(statements) == 2  # one per article: no statement relayed by both


def test_the_same_quote_in_three_outlets_is_one_statement(app: Flask) -> None:
    words = "We are not going to raise taxes on the middle class, period"
    variants = [f"“{words}.”", f"\"{words},\"", f"‘{words.upper()}’"]
    for quoted in variants:
        text = f"Hillary Clinton said {quoted} at the rally."
        said(app, text, quoted, "Hillary Clinton", "Hillary Clinton", "person")
    statements = statements_of(app)
    assert len(statements) == 1
    with app.app_context():
        assert len(get_session().scalars(select(Quote)).all()) == 3


def test_a_longer_quote_joins_the_excerpts_it_bridges(app: Flask) -> None:
    first = "“Hillary wants to abolish, essentially abolish the Second Amendment”"
    second = "“if she gets to pick her judges, nothing you can do, folks”"
    for quoted in (first, second):
        said(app, f"Donald Trump said {quoted} at a rally.", quoted, "Donald Trump",
             "Donald Trump", "person", quote_kind="mixed")
    assert len(statements_of(app)) == 2
    whole = ("“Hillary wants to abolish, essentially abolish the Second Amendment. By the way, "
             "if she gets to pick her judges, nothing you can do, folks. Although the Second "
             "Amendment people, maybe there is, I don't know.”")
    said(app, f"Donald Trump said {whole}", whole, "Donald Trump", "Donald Trump", "person")
    statements = statements_of(app)
    assert len(statements) == 1
    with app.app_context():
        assert len(get_session().scalars(select(Quote)).all()) == 3


def test_a_sentence_sharing_few_content_words_is_no_paraphrase(app: Flask) -> None:
    quote = "“What about during 9/11? I was there.”"
    said(app, f"Donald Trump said {quote}", quote, "Donald Trump", "Donald Trump", "person")
    elsewhere = "The attacks of 9/11 changed the city. Donald Trump was there too."
    ingest(app, elsewhere, [])
    with app.app_context():
        kinds = [q.kind for q in get_session().scalars(select(Quote))]
    assert kinds == ["direct"]


def mentioned(text: str, *names: str) -> list[Span]:
    return [Span.of(text, text.index(n), text.index(n) + len(n)) for n in names]


def test_a_pronoun_right_after_another_person_stays_in_its_article(app: Flask) -> None:
    hillary_clinton_said(app)
    text = ("Hillary Clinton was not there. Gary Byrne, a former officer, wrote the book. "
            "He said “she has a temper like no other”.")
    quote = "“she has a temper like no other”"
    hillary = Entity("Hillary Clinton", "person", [], mentioned(text, "Hillary Clinton"))
    byrne = Entity("Gary Byrne", "person", [], mentioned(text, "Gary Byrne"))
    # The engine guessed "He" is Hillary Clinton; Gary Byrne was named just before.
    result = ingest(app, text, [attr(text, quote, chain=[("He", "Hillary Clinton", "person")])],
                    entities=[hillary, byrne])
    speaker = speaker_of(app, result.article.id)
    assert speaker.article_id == result.article.id and speaker.name == "He"


def test_a_pronoun_the_engine_is_sure_of_joins_its_person_next_to_another(app: Flask) -> None:
    said(app, "Donald Trump said “we will build a great wall”.", "“we will build a great wall”",
         "Donald Trump", "Donald Trump", "person")
    quote = "“the mandate has to go right away”"

    def store(law: str, sure: bool) -> Speaker:
        text = (f"Bill Clinton spoke about the {law}. Republican nominee Donald Trump has "
                f"called for its repeal. He said {quote}.")
        bill = Entity("Bill Clinton", "person", [], mentioned(text, "Bill Clinton"), "m")
        trump = Entity("Donald Trump", "person", [], mentioned(text, "Donald Trump"), "m",
                       [text.index("He said")] if sure else [])
        result = ingest(app, text, [attr(text, quote, chain=[("He", "Donald Trump", "person")])],
                        entities=[bill, trump])
        return speaker_of(app, result.article.id)

    # The engine read "He" as the subject of the sentence before, with no rival subject since.
    speaker = store("law", sure=True)
    assert speaker.article_id is None and speaker.name == "Donald Trump"
    # Without that, Bill Clinton named just before makes "He" a guess kept to its article.
    assert store("health law", sure=False).article_id is not None


def test_a_role_the_engine_is_sure_of_joins_its_person_next_to_another(app: Flask) -> None:
    said(app, "Bernie Sanders said “the system is rigged”.", "“the system is rigged”",
         "Bernie Sanders", "Bernie Sanders", "person")
    quote = "“we need a political revolution”"

    def store(place: str, sure: bool) -> Speaker:
        text = (f"Sen. Bernie Sanders spoke in {place} with Hillary Clinton. "
                f"The senator said {quote}.")
        bernie = Entity("Bernie Sanders", "person", ["Sen. Bernie Sanders"],
                        mentioned(text, "Bernie Sanders"), "m",
                        [text.index("The senator")] if sure else [])
        hillary = Entity("Hillary Clinton", "person", [], mentioned(text, "Hillary Clinton"),
                         "f")
        result = ingest(app, text, [attr(text, quote, chain=[("The senator", "Bernie Sanders",
                                                              "person")])],
                        entities=[bernie, hillary])
        return speaker_of(app, result.article.id)

    # The engine read "the senator" as the one senator the article named.
    speaker = store("Iowa", sure=True)
    assert speaker.article_id is None and speaker.name == "Bernie Sanders"
    # Without that, Hillary Clinton named just before makes the role a guess.
    assert store("Des Moines", sure=False).article_id is not None


def test_what_follows_a_name_may_name_others_but_not_namesakes(app: Flask) -> None:
    dean = howard_dean_said(app)
    text = ("Howard Dean was on MSNBC on Tuesday. Dean, a former party chairman, poked at "
            "Trump’s sniffing, tweeting “Notice Trump sniffing all the time”.")
    mention = "Dean, a former party chairman, poked at Trump’s sniffing"
    howard = Entity("Howard Dean", "person", ["Dean"], mentioned(text, "Howard Dean"), "m")
    donald = Entity("Donald Trump", "person", ["Trump"], mentioned(text, "Trump"), "m")
    result = ingest(app, text, [attr(text, "“Notice Trump sniffing all the time”",
                                     chain=[(mention, "Howard Dean", "person")])],
                    entities=[howard, donald])
    assert speaker_of(app, result.article.id).id == speaker_of(app, dean).id


def test_a_campaign_the_tagger_took_for_a_person_is_the_campaign(app: Flask) -> None:
    first = said(app, "The Sanders campaign said “the race is not over”.", "“the race is not over”",
                 "The Sanders campaign", "Sanders campaign", None)
    second = said(app, "Sanders’ campaign called it “a rush to judgment”.",
                  "“a rush to judgment”", "Sanders’ campaign", "Sanders’ campaign", "person")
    campaign = speaker_of(app, first)
    assert campaign.article_id is None
    assert speaker_of(app, second).id == campaign.id


def test_a_party_before_a_name_is_no_first_name(app: Flask) -> None:
    hillary = hillary_clinton_said(app)
    text = "Democrat Hillary Clinton said on Saturday “we will keep our country safe”."
    article = said(app, text, "“we will keep our country safe”", "Democrat Hillary Clinton",
                   "Hillary Clinton", "person")
    assert speaker_of(app, article).id == speaker_of(app, hillary).id


def test_whose_or_what_before_a_name_is_no_first_name(app: Flask) -> None:
    # The engine names the entity by the whole capitalised run it read; each of these is
    # the person named at its end, across articles.
    people = {"Robert Costa": "“the campaign is in a tough spot this week”",
              "Angela Merkel": "“we will take in those who need shelter”",
              "John Cornyn": "“the votes are not there for this bill”",
              "Hillary Clinton": "“we will win this election in November”"}
    known = {name: speaker_of(app, said(app, f"{name} said {words}.", words, name, name,
                                        "person")).id for name, words in people.items()}
    for mention, name in [("Washington Post's Robert Costa", "Robert Costa"),
                          ("German Chancellor Angela Merkel", "Angela Merkel"),
                          ("Senate Majority Whip John Cornyn", "John Cornyn"),
                          ("Rival Hillary Clinton", "Hillary Clinton")]:
        words = f"“{mention.split()[-1]} is sure of one thing today”"
        article = said(app, f"{mention} said {words}.", words, mention, mention, "person")
        assert speaker_of(app, article).id == known[name], mention


def test_a_person_named_inside_a_quotation_is_no_rival_for_the_next_pronoun(
    app: Flask
) -> None:
    said(app, "Donald Trump said “we will build a great wall”.", "“we will build a great wall”",
         "Donald Trump", "Donald Trump", "person")
    text = ("Donald Trump spoke in Watertown. “They control Crooked Bernie Sanders,” he said. "
            "He said “the system is rigged against all of you”.")
    quote = "“the system is rigged against all of you”"
    trump = Entity("Donald Trump", "person", [], mentioned(text, "Donald Trump"), "m")
    sanders = Entity("Bernie Sanders", "person", [], mentioned(text, "Bernie Sanders"), "m")
    result = ingest(app, text, [attr(text, quote, chain=[("He", "Donald Trump", "person")])],
                    entities=[trump, sanders])
    speaker = speaker_of(app, result.article.id)
    assert speaker.article_id is None and speaker.name == "Donald Trump"
    # The same name outside the quotation marks is a rival: the pronoun stays a guess.
    text = ("Donald Trump spoke in Watertown with Bernie Sanders in the crowd. "
            "He said “the system is rigged against all of you”.")
    trump = Entity("Donald Trump", "person", [], mentioned(text, "Donald Trump"), "m")
    sanders = Entity("Bernie Sanders", "person", [], mentioned(text, "Bernie Sanders"), "m")
    result = ingest(app, text, [attr(text, quote, chain=[("He", "Donald Trump", "person")])],
                    entities=[trump, sanders])
    assert speaker_of(app, result.article.id).article_id == result.article.id


def test_a_full_name_is_its_person_whoever_the_engine_filed_it_under(app: Flask) -> None:
    hillary = hillary_clinton_said(app)
    text = "Bill Clinton spoke first. Hillary Clinton said “we will win this election in Ohio”."
    bill = Entity("Bill Clinton", "person", [], mentioned(text, "Bill Clinton"), "m")
    result = ingest(app, text, [attr(text, "“we will win this election in Ohio”",
                                     chain=[("Hillary Clinton", "Bill Clinton", "person")])],
                    entities=[bill])
    assert speaker_of(app, result.article.id).id == speaker_of(app, hillary).id


def test_she_next_to_a_man_is_the_woman_the_article_meant(app: Flask) -> None:
    hillary_clinton_said(app)
    text = ("Hillary Clinton spoke in Ohio on Monday. Bill Clinton, her husband, joined her. "
            "She said “the middle class needs a raise this year”.")
    quote = "“the middle class needs a raise this year”"
    hillary = Entity("Hillary Clinton", "person", [], mentioned(text, "Hillary Clinton"), "f")
    bill = Entity("Bill Clinton", "person", [], mentioned(text, "Bill Clinton"), "m")
    result = ingest(app, text, [attr(text, quote, chain=[("She", "Hillary Clinton", "person")])],
                    entities=[hillary, bill])
    speaker = speaker_of(app, result.article.id)
    assert speaker.article_id is None and speaker.name == "Hillary Clinton"


def test_a_pronoun_the_engine_filed_under_the_other_sex_stays_in_its_article(
    app: Flask
) -> None:
    said(app, "Bill Clinton said “we need a bridge to the next century”.",
         "“we need a bridge to the next century”", "Bill Clinton", "Bill Clinton", "person")
    text = "Bill Clinton waved. She said “the crowd was bigger than last time around”."
    bill = Entity("Bill Clinton", "person", [], mentioned(text, "Bill Clinton"), "m")
    result = ingest(app, text, [attr(text, "“the crowd was bigger than last time around”",
                                     chain=[("She", "Bill Clinton", "person")])],
                    entities=[bill])
    speaker = speaker_of(app, result.article.id)
    assert speaker.article_id == result.article.id and speaker.name == "She"


def test_a_description_of_something_about_a_person_is_not_that_person(app: Flask) -> None:
    hillary = hillary_clinton_said(app)
    for mention, entity in [("supporters of Hillary Clinton", "Hillary Clinton"),
                            ("a lawsuit against Hillary Clinton", "lawsuit against Hillary "
                             "Clinton"),
                            # someone acting for her, or a clause about her
                            ("A spokesman for Democratic presidential candidate Hillary "
                             "Clinton", "spokesman for Democratic presidential candidate "
                             "Hillary Clinton"),
                            ("A woman who has accused Hillary Clinton", "woman who has "
                             "accused Hillary Clinton")]:
        text = f"On Monday {mention} said “the campaign has a lot of explaining to do this week”."
        article = said(app, text, "“the campaign has a lot of explaining to do this week”",
                       mention, entity, "person")
        assert speaker_of(app, article).id != speaker_of(app, hillary).id, mention


def test_a_kind_of_body_is_no_one_body_across_articles(app: Flask) -> None:
    first = said(app, "A super PAC said “the senator cannot be trusted on trade deals”.",
                 "“the senator cannot be trusted on trade deals”", "A super PAC", "Super PAC",
                 "organisation")
    second = said(app, "A pro-Clinton super PAC said “the governor is wrong about jobs”.",
                  "“the governor is wrong about jobs”", "A pro-Clinton super PAC", "Super PAC",
                  "organisation")
    assert speaker_of(app, first).id != speaker_of(app, second).id


def test_a_name_and_what_the_article_says_of_them_is_that_person(app: Flask) -> None:
    dean = howard_dean_said(app)
    text = ("Howard Dean was on MSNBC on Tuesday. Dean, a medical doctor, said “I would never "
            "diagnose anyone through television”.")
    howard = Entity("Howard Dean", "person", ["Dean"], mentioned(text, "Howard Dean"))
    result = ingest(app, text, [attr(text, "“I would never diagnose anyone through television”",
                                     chain=[("Dean, a medical doctor,", "Howard Dean", "person")])],
                    entities=[howard])
    assert speaker_of(app, result.article.id).id == speaker_of(app, dean).id


def test_a_shorter_form_of_the_name_with_what_is_said_of_them_is_that_person(
        app: Flask) -> None:
    # The engine filed each mention under the person the article names in full; the mention's
    # own name is that name shortened ("Suu Kyi"), or with a title before it ("Fr."), which
    # identifies by other words (first name "Suu", "Fr."), and is no one else.
    for full, first, mention in [
            ("Aung San Suu Kyi", "Aung San Suu Kyi led the opposition.", "Suu Kyi, 70,"),
            ("Justin Ki Hong", "Justin Ki Hong runs a shop.", "Ki Hong, 33,"),
            ("Frank Pavone", "Frank Pavone spoke in Ohio.",
             "Fr. Frank Pavone, national director of Priests for Life,")]:
        named = said(app, f"{full} said “the vote this weekend was free and fair”.",
                     "“the vote this weekend was free and fair”", full, full, "person")
        text = f"{first} {mention} said “the count will take at least another week”."
        person = Entity(full, "person", [], mentioned(text, full))
        result = ingest(app, text, [attr(text, "“the count will take at least another week”",
                                         chain=[(mention, full, "person")])],
                        entities=[person])
        speaker = speaker_of(app, result.article.id)
        assert (speaker.id, speaker.name) == (speaker_of(app, named).id, full), mention


def test_a_longer_name_of_another_person_is_not_a_shorter_form(app: Flask) -> None:
    # The engine filed "Donald Trump Jr." under his father: the son's own name, with its
    # suffix, is someone else, as a first name would be ("Bill Clinton" under Hillary).
    father = said(app, "Donald Trump said “we will build a great wall”.",
                  "“we will build a great wall”", "Donald Trump", "Donald Trump", "person")
    for mention in ("Donald Trump Jr., 38,", "Bill Trump, 50,"):
        text = f"Donald Trump spoke. {mention} said “the count will take at least another week”."
        person = Entity("Donald Trump", "person", [], mentioned(text, "Donald Trump"))
        result = ingest(app, text, [attr(text, "“the count will take at least another week”",
                                         chain=[(mention, "Donald Trump", "person")])],
                        entities=[person])
        assert speaker_of(app, result.article.id).id != speaker_of(app, father).id, mention


def test_a_mention_of_several_or_a_headline_is_no_shorter_form(app: Flask) -> None:
    isakson = said(app, "Johnny Isakson said “the bill will pass the Senate this week”.",
                   "“the bill will pass the Senate this week”", "Johnny Isakson",
                   "Johnny Isakson", "person")
    # two senators, filed by the engine under the first: a guess, kept in its article
    mention = ("Sens. Johnny Isakson of Georgia and John Boozman of Arkansas, both up for "
               "reelection,")
    text = f"Johnny Isakson spoke. {mention} said “the count will take at least another week”."
    result = ingest(app, text, [attr(text, "“the count will take at least another week”",
                                     chain=[(mention, "Johnny Isakson", "person")])],
                    entities=[Entity("Johnny Isakson", "person", [],
                                     mentioned(text, "Johnny Isakson"))])
    assert speaker_of(app, result.article.id).id != speaker_of(app, isakson).id
    # a headline the recogniser took for a person is not the bank's full name
    headline = "Elizabeth Warren Hammers Wells Fargo"
    text = f"{headline}. Wells Fargo said “the count will take at least another week”."
    result = ingest(app, text, [attr(text, "“the count will take at least another week”",
                                     chain=[("Wells Fargo", headline, "person")])],
                    entities=[Entity(headline, "person", [], mentioned(text, headline))])
    assert speaker_of(app, result.article.id).name == "Wells Fargo"


def test_they_is_no_one_person(app: Flask) -> None:
    said(app, "Donald Trump said “we will build a great wall”.", "“we will build a great wall”",
         "Donald Trump", "Donald Trump", "person")
    text = "PolitiFact checked the claim. They said “the numbers do not add up at all”."
    result = ingest(app, text, [attr(text, "“the numbers do not add up at all”",
                                     chain=[("They", "Donald Trump", "person")])],
                    entities=[Entity("Donald Trump", "person", [], [])])
    assert speaker_of(app, result.article.id).article_id == result.article.id


def test_a_surname_tagged_as_an_organisation_is_the_articles_person(app: Flask) -> None:
    named = said(app, "Donald Trump said “we will build a great wall”.",
                 "“we will build a great wall”", "Donald Trump", "Donald Trump", "person")
    text = "Donald Trump spoke in Ohio. Trump said “the system is totally rigged”."
    result = ingest(app, text, [attr(text, "“the system is totally rigged”",
                                     chain=[("Trump", "Trump", "organisation")])],
                    entities=[Entity("Donald Trump", "person", [], mentioned(text, "Donald")),
                              Entity("Trump", "organisation", [], [])])
    assert speaker_of(app, result.article.id).id == speaker_of(app, named).id


def test_a_speaker_takes_no_alias_that_names_someone_else(app: Flask) -> None:
    article = hillary_clinton_said(app, [
        "Clinton", "Hillary Rodham Clinton", "Hillary Clinton and Bernie Sanders",
        "Clinton spokesman Jesse Ferguson", "Sanders"])
    with app.app_context():
        speaker = get_session().get(Speaker, speaker_of(app, article).id)
        assert speaker is not None
        keys = {a.key: a.kind for a in speaker.aliases}
    assert keys["hillary clinton"] == "name" and keys["hillary rodham clinton"] == "name"
    assert keys["clinton"] == "surname"
    assert not {"sanders", "ferguson", "jesse ferguson",
                "hillary clinton and bernie sanders"} & set(keys)


def test_a_short_quote_joins_only_where_its_speakers_are_shown_to_agree(app: Flask) -> None:
    said(app, "Claudia Tenney said it cost “well over a million dollars”.",
         "“well over a million dollars”", "Claudia Tenney", "Claudia Tenney", "person",
         quote_kind="mixed")
    # A description shares no name with her; a quote nobody is credited with proves nothing.
    said(app, "Its senior vice president said it paid “well over a million dollars”.",
         "“well over a million dollars”", "Its senior vice president", "senior vice president",
         "person", quote_kind="mixed")
    text = "The bill came to “well over a million dollars”, the filing shows."
    ingest(app, text, [attr(text, "“well over a million dollars”", "mixed")])
    assert len(statements_of(app)) == 3


def test_a_named_speaker_is_the_origin_over_an_unresolved_pronoun(app: Flask) -> None:
    quote = "“he is becoming the best recruiter they have anywhere”"
    text = f"Bill Clinton spoke first. Then she said {quote}."
    bill = Entity("Bill Clinton", "person", [], mentioned(text, "Bill Clinton"))
    hillary = Entity("Hillary Clinton", "person", [], [])
    ingest(app, text, [attr(text, quote, chain=[("she", "Hillary Clinton", "person")])],
           entities=[bill, hillary], published_at="2015-12-20")
    later = f"Hillary Clinton said {quote}."
    said(app, later, quote, "Hillary Clinton", "Hillary Clinton", "person")
    statement = statements_of(app)[0]
    with app.app_context():
        origin = get_session().get(Statement, statement.id).speaker
        assert origin is not None and origin.name == "Hillary Clinton"


def test_a_recurring_short_line_months_apart_is_two_statements(app: Flask) -> None:
    quote = "“radical Islamic terrorism”"
    for when in ("2015-12-07", "2015-12-08", "2016-06-13"):
        text = f"Donald Trump again warned of {quote} on {when}."
        ingest(app, text, [attr(text, quote, "mixed",
                                chain=[("Donald Trump", "Donald Trump", "person")])],
               entities=[Entity("Donald Trump", "person", [], [])], published_at=when)
    with app.app_context():
        sizes = sorted(len(s.quotes) for s in get_session().scalars(select(Statement)))
    assert sizes == [1, 2]  # December's two relays are one statement; June's is another


def test_one_local_speaker_per_person_of_an_article(app: Flask) -> None:
    text = "Clinton said “the plan is ready to go”. Mrs. Clinton added “it will pass this year”."
    entity = Entity("Clinton", "person", ["Mrs. Clinton"], [])
    result = ingest(app, text, [
        attr(text, "“the plan is ready to go”", chain=[("Clinton", "Clinton", "person")]),
        attr(text, "“it will pass this year”", chain=[("Mrs. Clinton", "Clinton", "person")]),
    ], entities=[entity])
    with app.app_context():
        speakers = {q.speaker_id for q in get_session().scalars(
            select(Quote).where(Quote.article_id == result.article.id))}
    assert len(speakers) == 1


def test_a_role_before_a_full_name_is_that_person_even_next_to_another(app: Flask) -> None:
    first = hillary_clinton_said(app)
    hillary = speaker_of(app, first)
    text = ("Bernie Sanders spoke first. Presumptive Democratic presidential nominee Hillary "
            "Clinton said “the primary is over now”, and Clinton, 68, the rival of Bernie "
            "Sanders and Hillary Clinton, said “we are with her”.")
    entities = [Entity("Hillary Clinton", "person", [], mentioned(text, "Hillary Clinton")),
                Entity("Bernie Sanders", "person", [], mentioned(text, "Bernie Sanders"))]
    role = "Presumptive Democratic presidential nominee Hillary Clinton"
    apposition = "Clinton, 68, the rival of Bernie Sanders and Hillary Clinton,"
    result = ingest(app, text, [
        attr(text, "“the primary is over now”", chain=[(role, "Hillary Clinton", "person")]),
        attr(text, "“we are with her”", chain=[(apposition, "Hillary Clinton", "person")]),
    ], entities=entities)
    with app.app_context():
        quotes = get_session().scalars(
            select(Quote).where(Quote.article_id == result.article.id).order_by(Quote.start)
        ).all()
        # The role names its person in full: Hillary Clinton across articles, though Bernie
        # Sanders was named just before. An apposition naming several stays a guess.
        assert quotes[0].speaker_id == hillary.id
        assert quotes[1].speaker is not None and quotes[1].speaker.article_id == result.article.id


def test_a_person_named_after_a_role_is_that_person_whatever_entity_holds_the_mention(
    app: Flask,
) -> None:
    ryan = speaker_of(app, said(app, "Paul Ryan said “we will pass a budget this year”.",
                                "“we will pass a budget this year”", "Paul Ryan", "Paul Ryan",
                                "person"))
    # The engine filed the mention under the entity "House"; its words name Paul Ryan.
    text = "House Speaker Paul Ryan said “his word does not trump the Second Amendment”."
    house = speaker_of(app, said(app, text, "“his word does not trump the Second Amendment”",
                                 "House Speaker Paul Ryan", "House", "organisation"))
    assert house.id == ryan.id
    # Titles end wherever they stand in the run: one Mitch McConnell, not "Senate McConnell".
    leader = speaker_of(app, said(
        app, "Senate Majority Leader Mitch McConnell said “the Senate will not act”.",
        "“the Senate will not act”", "Senate Majority Leader Mitch McConnell",
        "Senate Majority Leader Mitch McConnell", "person"))
    plain = speaker_of(app, said(
        app, "Mitch McConnell said “we will hold no hearings on the nominee”.",
        "“we will hold no hearings on the nominee”", "Mitch McConnell", "Mitch McConnell",
        "person"))
    assert leader.id == plain.id and plain.name == "Mitch McConnell"
    # A name with no role before it stays the organisation the engine found.
    bank = speaker_of(app, said(app, "Goldman Sachs said “rates will rise next quarter”.",
                                "“rates will rise next quarter”", "Goldman Sachs",
                                "Goldman Sachs Group", "organisation"))
    assert bank.kind == "organisation"
    # A body's long name with a capitalised tail is no role before a person.
    politburo = "The Political Bureau of the Workers’ Party of Korea (WPK) Central Committee"
    text = f"{politburo} said “the launch failed”."
    body = speaker_of(app, said(app, text, "“the launch failed”", politburo,
                                "Political Bureau of the Workers’ Party of Korea", "government"))
    assert body.kind == "government" and body.name.startswith("Political Bureau")


def test_a_titled_name_is_the_same_person_before_and_after_that_person_is_stored(
    app: Flask,
) -> None:
    # The tagger gave "Rep. Stephen Lynch" no kind. The first copy of the article used to make
    # an organisation-like speaker that later copies, once the person was stored, no longer
    # found: one person, two speakers (bench/concurrent_writers.py at 8 x 500).
    text = "Rep. Stephen Lynch said “the law does not require witnesses to show up”."
    quote = "“the law does not require witnesses to show up”"
    first = speaker_of(app, said(app, text, quote, "Rep. Stephen Lynch", "Rep. Stephen Lynch",
                                 None))
    named = speaker_of(app, said(app, "Stephen Lynch said “we want the documents today”.",
                                 "“we want the documents today”", "Stephen Lynch",
                                 "Stephen Lynch", "person"))
    again = speaker_of(app, said(app, text + " Edition 2.", quote, "Rep. Stephen Lynch",
                                 "Rep. Stephen Lynch", None))
    assert first.id == named.id == again.id
    assert first.kind == "person" and first.article_id is None


def test_a_speaker_keeps_as_aliases_only_forms_that_name_them(app: Flask) -> None:
    text = ("WASHINGTON (Reuters) - Hillary Clinton's campaign said on Monday it would win. "
            "Hillary Clinton said “we will win this state in November”. Mrs. Clinton said “the "
            "middle class needs a raise”. Reuters reported “the count was slow all night”.")
    dateline = "WASHINGTON (Reuters) - Hillary Clinton"
    # The engine's grouping slips: a form of the other sex, something of hers.
    hillary = Entity("Hillary Clinton", "person", ["Mrs. Clinton", "Hillary Clinton's campaign",
                                                   "Mr. Clinton", "Witness Mrs. Clinton's",
                                                   "ROME - Hillary Clinton",
                                                   "Hollywood Actor Who Endorsed Hillary Clinton"],
                     mentioned(text, "Hillary Clinton"), "f")
    reuters = Entity("Reuters", "media", [dateline], mentioned(text, "Reuters"))
    ingest(app, text, [
        attr(text, "“we will win this state in November”",
             chain=[("Hillary Clinton", "Hillary Clinton", "person")]),
        attr(text, "“the middle class needs a raise”",
             chain=[("Mrs. Clinton", "Hillary Clinton", "person")]),
        attr(text, "“the count was slow all night”", chain=[(dateline, "Reuters", "media")]),
    ], entities=[hillary, reuters])
    with app.app_context():
        def aliases(name: str) -> set[str]:
            speaker = get_session().scalars(select(Speaker).where(Speaker.name == name)).one()
            return {a.alias for a in speaker.aliases}

        assert {"Hillary Clinton", "Mrs. Clinton"} <= aliases("Hillary Clinton")
        assert "Hillary Clinton's campaign" not in aliases("Hillary Clinton")
        assert not {"Mr. Clinton", "Witness Mrs. Clinton's", "ROME - Hillary Clinton",
                    "Hollywood Actor Who Endorsed Hillary Clinton"} & aliases("Hillary Clinton")
        assert "Reuters" in aliases("Reuters") and dateline not in aliases("Reuters")


def test_names_first_stored_in_an_article_join_its_other_entities(app: Flask) -> None:
    # The engine's grouping split one body (and one person) in two; neither was stored before
    # this article, and both halves are still one speaker across articles.
    text = ("The Federal Bureau of Investigation said “the review is complete”. Hillary Rodham "
            "Clinton said “we will win in November”. The FBI said “no charges will follow”. "
            "Hillary Clinton said “the count was slow all night”.")
    ingest(app, text, [
        attr(text, "“the review is complete”", chain=[(
            "The Federal Bureau of Investigation", "Federal Bureau of Investigation",
            "organisation")]),
        attr(text, "“we will win in November”", chain=[(
            "Hillary Rodham Clinton", "Hillary Rodham Clinton", "person")]),
        attr(text, "“no charges will follow”", chain=[("The FBI", "FBI", "organisation")]),
        attr(text, "“the count was slow all night”", chain=[(
            "Hillary Clinton", "Hillary Clinton", "person")]),
    ], entities=[
        Entity("Federal Bureau of Investigation", "organisation", ["FBI"]),
        Entity("Hillary Rodham Clinton", "person"),
        Entity("FBI", "organisation"),
        Entity("Hillary Clinton", "person"),
    ])
    with app.app_context():
        quotes = get_session().scalars(select(Quote).order_by(Quote.start)).all()
        speakers = [q.speaker for q in quotes]
        assert all(s is not None and s.article_id is None for s in speakers)
        assert speakers[0] is speakers[2] and speakers[1] is speakers[3]
        assert speakers[0] is not speakers[1]
        assert get_session().scalar(select(func.count()).select_from(Speaker)) == 2


def test_a_dateline_in_capitals_is_nobody_and_the_article_is_stored(app: Flask) -> None:
    # The entity recogniser filed the dateline under AP; looked up as a person's name, it
    # once recursed until Python gave up, and the article was not stored.
    text = "TRENTON, N.J. (AP) — Chris Christie said “the bridge was never closed”."
    dateline = "TRENTON, N.J. (AP"
    ingest(app, text, [attr(text, "“the bridge was never closed”",
                            chain=[("Chris Christie", "Chris Christie", "person")])],
           entities=[Entity("AP", "media", [dateline], mentioned(text, dateline)),
                     Entity("Chris Christie", "person", [], mentioned(text, "Chris Christie"))])
    with app.app_context():
        quote = get_session().scalars(select(Quote)).one()
        assert quote.speaker is not None and quote.speaker.name == "Chris Christie"
        assert quote.speaker.article_id is None


def test_a_reporter_named_after_their_outlet_is_the_reporter_not_the_outlet(app: Flask) -> None:
    agency = speaker_of(app, said(app, "The Associated Press said “the count is final”.",
                                  "“the count is final”", "The Associated Press",
                                  "Associated Press", "media"))
    reporter = "Associated Press's Lisa Lerer"
    # filed by the engine under the agency, the mention naming the agency and a person whom
    # the analysis found too
    text = f"{reporter} said “the race is close”."
    under_agency = speaker_of(app, ingest(
        app, text, [attr(text, "“the race is close”", "direct",
                         chain=[(reporter, "Associated Press", "media")])],
        entities=[Entity("Associated Press", "media", []), Entity("Lisa Lerer", "person", [])],
    ).article.id)
    # filed under the person, whose mention still names the agency
    under_person = speaker_of(app, said(app, f"{reporter} said “turnout was high”.",
                                        "“turnout was high”", reporter, "Lisa Lerer", "person"))
    plain = speaker_of(app, said(app, "Lisa Lerer said “both campaigns are nervous”.",
                                 "“both campaigns are nervous”", "Lisa Lerer", "Lisa Lerer",
                                 "person"))
    assert under_agency.id == under_person.id == plain.id != agency.id
    assert plain.kind == "person" and plain.name == "Lisa Lerer"
    with app.app_context():
        forms = get_session().scalars(
            select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == agency.id)).all()
    assert forms and not any("Lerer" in form for form in forms)
    # a whole mention the tagger took for an organisation
    critic = "Variety’s Gordon Cox"
    cox = speaker_of(app, said(app, f"{critic} wrote “the show will close in May”.",
                               "“the show will close in May”", critic, critic, "organisation"))
    assert cox.kind == "person" and cox.name == "Gordon Cox"
    # what follows a possessive is no one the article knows, nor a known first name: a body
    paper = "Cleveland’s Plain Dealer"
    dealer = speaker_of(app, said(app, f"{paper} reported “the plant will close”.",
                                  "“the plant will close”", paper, paper, "organisation"))
    assert dealer.kind == "organisation"
    # a known agency described with a place's possessive is still the agency
    kcna = "North Korea’s state-run KCNA news agency"
    relay = speaker_of(app, said(app, f"{kcna} said “the launch succeeded”.",
                                 "“the launch succeeded”", kcna, "KCNA", "media"))
    assert relay.name == "Korean Central News Agency" and relay.kind == "media"


def test_a_surname_with_a_particle_is_a_surname_not_a_first_name(app: Flask) -> None:
    marine = said(app, "Marine Le Pen said “France must leave the euro”.",
                  "“France must leave the euro”", "Marine Le Pen", "Marine Le Pen", "person",
                  ["Le Pen"])
    again = said(app, "Marine Le Pen said “the border will be closed”.",
                 "“the border will be closed”", "Marine Le Pen", "Marine Le Pen", "person")
    father = said(app, "Jean-Marie Le Pen said “my daughter betrayed the party”.",
                  "“my daughter betrayed the party”", "Jean-Marie Le Pen", "Jean-Marie Le Pen",
                  "person", ["Le Pen"])
    # "Le Pen" alone, in two articles that never say which Le Pen: no first name "Le"
    bare = [said(app, f"Le Pen said “{words}”.", f"“{words}”", "Le Pen", "Le Pen", "person")
            for words in ("the vote is a revolt", "the polls are wrong again")]
    assert speaker_of(app, marine).id == speaker_of(app, again).id
    assert speaker_of(app, father).id != speaker_of(app, marine).id
    first, second = (speaker_of(app, i) for i in bare)
    assert first.article_id == bare[0] and second.article_id == bare[1]
    assert first.id != second.id
    with app.app_context():
        surnames = set(get_session().scalars(select(SpeakerAlias.speaker_id).where(
            SpeakerAlias.key == "le pen", SpeakerAlias.kind == "surname")))
    # the surname is evidence both carry: "Pen" is nobody's
    assert {speaker_of(app, marine).id, speaker_of(app, father).id} <= surnames
    # a lone surname of the article's one Le Pen, tagged as an organisation, is that person
    text = "Marine Le Pen spoke in Lyon. Le Pen said “we will win in May”."
    result = ingest(app, text, [attr(text, "“we will win in May”",
                                     chain=[("Le Pen", "Le Pen", "organisation")])],
                    entities=[Entity("Marine Le Pen", "person", [], mentioned(text, "Marine")),
                              Entity("Le Pen", "organisation", [], [])])
    assert speaker_of(app, result.article.id).id == speaker_of(app, marine).id


def test_a_headlines_heres_is_not_part_of_a_name(app: Flask) -> None:
    text = "Here’s Clinton on the economy: “we need an economy that works for everyone”."
    article = said(app, text, "“we need an economy that works for everyone”",
                   "Here’s Clinton", "Here’s Clinton", "person")
    speaker = speaker_of(app, article)
    assert speaker.name == "Clinton" and speaker.article_id == article


def test_a_capitalised_run_longer_than_a_name_keys_no_one(app: Flask) -> None:
    carson = said(app, "Ted Carson said “the county will appeal”.", "“the county will appeal”",
                  "Ted Carson", "Ted Carson", "person")
    # a headline in title case that the engine took for a speaker: not "Ted ... Carson"
    run = "Ted Cruz Apologizes To Ben Carson"
    headline = said(app, f"{run} for “a mistake made in Iowa”.", "“a mistake made in Iowa”",
                    run, run, "person")
    speaker = speaker_of(app, headline)
    assert speaker.id != speaker_of(app, carson).id and speaker.article_id == headline
    # a role the name comes after, however long, is not the first name
    duke = said(app, "David Duke said “I will run for the Senate”.",
                "“I will run for the Senate”", "David Duke", "David Duke", "person")
    role = "Ku Klux Klan Grand Wizard David Duke"
    described = said(app, f"Former {role} said “the party has come to us”.",
                     "“the party has come to us”", role, role, "person")
    assert speaker_of(app, described).id == speaker_of(app, duke).id


def test_a_name_the_tagger_gave_no_kind_is_the_person_of_that_name(app: Flask) -> None:
    kindless = said(app, "Mark Cuban said “the debate will be a circus”.",
                    "“the debate will be a circus”", "Mark Cuban", "Mark Cuban", None)
    person = said(app, "Mark Cuban said “I would vote for either of them”.",
                  "“I would vote for either of them”", "Mark Cuban", "Mark Cuban", "person")
    cuban = speaker_of(app, person)
    assert speaker_of(app, kindless).id == cuban.id and cuban.kind == "person"
    # a title and a surname with no kind: the article's one person of that surname
    obama = said(app, "Barack Obama said “we will not be intimidated”.",
                 "“we will not be intimidated”", "Barack Obama", "Barack Obama", "person")
    text = "Barack Obama spoke on Monday. Pres. Obama said “the economy is growing”."
    result = ingest(app, text, [attr(text, "“the economy is growing”",
                                     chain=[("Pres. Obama", "Pres. Obama", None)])],
                    entities=[Entity("Barack Obama", "person", [], mentioned(text, "Barack")),
                              Entity("Pres. Obama", None, [], [])])  # type: ignore[arg-type]
    assert speaker_of(app, result.article.id).id == speaker_of(app, obama).id
