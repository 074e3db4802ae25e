"""The seed articles (samples/): the attributions the project was started to find."""

from __future__ import annotations

from attribution.nlp import Analysis, Attribution


def quote(analysis: Analysis, needle: str) -> Attribution:
    """The tightest attribution whose content holds ``needle``."""
    hits = [q for q in analysis.quotes if needle in q.text]
    assert hits, f"no attribution holds {needle!r}"
    return min(hits, key=lambda q: q.end - q.start)


def entities(q: Attribution) -> list[str]:
    return [link.entity for link in q.chain]


def test_ap_report_criticism_is_the_reports_relayed_by_kcna(samples):
    text, analysis = samples["001"]
    q = quote(analysis, "bitterly criticised the officials")
    assert q.kind == "direct"
    assert q.text.startswith("“bitterly criticised") and "(the) satellite launch" in q.text
    assert q.speaker is not None
    assert q.speaker.text.startswith("a report to a three-day ruling party meeting")
    assert entities(q) == [q.speaker.entity, "Korean Central News Agency"]


def test_ap_spy_agency_told_lawmakers(samples):
    _, analysis = samples["001"]
    q = quote(analysis, "more than several weeks")
    assert q.kind == "mixed"
    assert q.speaker is not None and q.speaker.text == "South Korea’s spy agency"
    assert q.cue is not None and q.cue.text == "told"


def test_ap_security_situation_is_the_politburo_members_words(samples):
    _, analysis = samples["001"]
    q = quote(analysis, "extremely deteriorating security situation")
    assert q.speaker is not None and q.speaker.text == "Politburo members"
    # relayed by "the report", which resolves to the report named earlier in the article
    assert len(q.chain) == 2
    assert q.chain[1].text == "the report"
    assert q.chain[1].entity.startswith("report to a three-day ruling party meeting")


def test_independent_chollima_quote_is_kcnas(samples):
    _, analysis = samples["002"]
    q = quote(analysis, "crashed into the West Sea of Korea")
    assert q.kind == "direct"
    assert q.text.startswith("“The ‘Chollima-1’ crashed")  # a term in quotes inside a quote
    assert q.speaker is not None and q.speaker.text == "KCNA"


def test_independent_joint_chiefs_indirect_speech(samples):
    _, analysis = samples["002"]
    q = quote(analysis, "the projectile had disappeared from its radar")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "South Korea’s Joint Chiefs of Staff"


def test_independent_state_media_is_kcna(samples):
    _, analysis = samples["002"]
    q = quote(analysis, "officials and top scientists were given tasks")
    assert q.speaker is not None and q.speaker.entity == "KCNA"
    q = quote(analysis, "officials vowed to make a successful launch")
    assert q.speaker is not None and q.speaker.text == "It" and q.speaker.entity == "KCNA"


def test_presstv_most_serious_is_the_political_bureaus_relayed_by_kcna(samples):
    _, analysis = samples["000"]
    q = quote(analysis, "“the most serious”")
    assert q.speaker is not None
    assert q.speaker.text.startswith("The Political Bureau of the Workers’ Party of Korea")
    assert entities(q)[-1] == "Korean Central News Agency"
    assert len(q.chain) == 2


def test_presstv_rocket_name_is_not_a_quote(samples):
    text, analysis = samples["000"]
    start = text.index('"Chollima-1"')
    assert not any(q.start <= start < q.end for q in analysis.quotes)


def test_rewrite_without_quote_marks_still_has_indirect_attributions(samples):
    _, analysis = samples["003"]
    q = quote(analysis, "as a significant shortcoming")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "North Korean authorities"
    assert all(q.kind == "indirect" for q in analysis.quotes if "'" not in q.text)


def test_offsets_are_exact_on_every_seed(samples):
    assert len(samples) == 4
    for text, analysis in samples.values():
        # Every seed reports speech, and at least one attribution in each has a source chain.
        assert analysis.quotes and any(q.chain for q in analysis.quotes)
        for q in analysis.quotes:
            assert text[q.start:q.end] == q.text
            for part in q.parts:
                assert text[part.start:part.end] == part.text
            for link in q.chain:
                assert text[link.start:link.end] == link.text
