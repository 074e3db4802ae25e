"""Quotation spans from the raw characters: pairing, apostrophes, nesting, paragraphs."""

from attribution.nlp.quotes import find_quotations


def spans(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotations(text)]


def test_curly_and_straight_double_quotes_pair():
    text = 'He said “it works” and then "it still works".'
    assert spans(text) == ["“it works”", '"it still works"']


def test_mismatched_glyphs_still_pair_by_context():
    # PressTV opens with a straight mark and closes with a curly one.
    text = 'officials pointed out that "the development is of great significance” in the plan'
    assert spans(text) == ['"the development is of great significance”']


def test_doubled_single_marks_are_one_quote():
    text = "''Hopefully,'' the president said, ''this museum can help us.''"
    assert spans(text) == ["''Hopefully,''", "''this museum can help us.''"]


def test_guillemets():
    assert spans("Il a dit «nous gagnerons» hier.") == ["«nous gagnerons»"]


def test_apostrophes_are_never_quote_marks():
    text = "May’s launch, Kim Jong Un’s bid, the ’90s and the Workers’ Party of Korea."
    assert spans(text) == []


def test_single_quotes_used_as_quotes_in_a_headline():
    text = "North Korea calls failed launch 'the most serious' shortcoming, vows 2nd launch"
    assert spans(text) == ["'the most serious'"]


def test_single_quotes_nested_in_a_double_quote():
    text = "“The ‘Chollima-1’ crashed into the West Sea,” KCNA said."
    (q,) = find_quotations(text)
    assert text[q.start:q.end] == "“The ‘Chollima-1’ crashed into the West Sea,”"
    assert [text[n.start:n.end] for n in q.nested] == ["‘Chollima-1’"]


def test_multi_paragraph_quote_is_one_quotation():
    text = (
        "She said:\n\n“The first paragraph runs on without closing.\n\n"
        "“The second paragraph closes it.”\n\nThen the story goes on."
    )
    (q,) = find_quotations(text)
    assert text[q.start:q.end].startswith("“The first")
    assert text[q.start:q.end].endswith("closes it.”")
    assert len(q.parts) == 2


def test_unclosed_quote_ends_at_its_paragraph():
    text = "He said “this never closes\n\nA new paragraph without quotes."
    (q,) = find_quotations(text)
    assert text[q.start:q.end] == "“this never closes"
    assert not q.closed


def test_double_quote_nested_in_the_other_glyph_family():
    text = '"He asked me: “Do you know?” and I said no," she said.'
    assert spans(text) == ['"He asked me: “Do you know?” and I said no,"']
