"""Matching statements across outlets, on real sentences from the seed articles."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution.matching import (
    LOOKUP_THRESHOLD,
    MAX_NGRAM_WORDS,
    RESTATEMENT_THRESHOLD,
    STOP_WORDS,
    Comparison,
    DiffOp,
    _aligned,
    article_keys,
    can_stand_alone,
    compare,
    could_be_inside,
    index_keys,
    lookup_score,
    normalise,
    rank_candidates,
    restatement_score,
    shared_passages,
    word_diff,
    words,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

AP_CRITICISED = (
    "“bitterly criticised the officials who irresponsibly conducted the preparations for (the) "
    "satellite launch.”"
)
INDEPENDENT_CRITICISED = (
    "“bitterly criticised the officials who irresponsibly conducted the preparations for [the] "
    "satellite launch”."
)
BRIGANDISH = "opposed to the US brigandish strategy for world supremacy,"
CHOLLIMA = (
    "The ‘Chollima-1’ crashed into the West Sea of Korea as it lost momentum due to abnormal "
    "start-up of the two-stage engine after one step separation while flying normally,"
)
REWRITE_SENTENCE = (
    "The North Korean regime has acknowledged this setback as one of the most serious it has "
    "encountered in recent times."
)
# Quotes of the seeds that are different statements from each other.
DISTINCT_QUOTES = [
    "the most serious",
    AP_CRITICISED,
    BRIGANDISH,
    CHOLLIMA,
    "the development of military reconnaissance satellite is of very great significance",
    "in making full combat preparations",
    "important tasks",
    "hegemonic policy.",
    "more than several weeks",
    "extremely deteriorating security situation",
    "reckless war moves",
    "cannot be overlooked",
]


def sample(prefix: str) -> str:
    (path,) = SAMPLES.glob(f"{prefix}-*.txt")
    return path.read_text(encoding="utf-8")


# --- normalise ------------------------------------------------------------------------------


def test_bracket_and_quote_variants_share_one_key() -> None:
    assert normalise(AP_CRITICISED) == normalise(INDEPENDENT_CRITICISED)
    assert normalise(AP_CRITICISED) == (
        "bitterly criticized the officials who irresponsibly conducted the preparations for the "
        "satellite launch"
    )


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("criticised", "criticized"),
        ("labelling", "labeling"),
        ("defence", "defense"),
        ("modernising", "modernizing"),
        ("organisation", "organization"),
        ("analysed", "analyzed"),
        ("colour", "color"),
        ("behavioural", "behavioral"),
        ("centre", "center"),
        ("programme", "program"),
        ("travelled", "traveled"),
    ],
)
def test_british_spelling_normalises_to_american(british: str, american: str) -> None:
    assert normalise(british) == normalise(american) == american


@pytest.mark.parametrize("word", ["advise", "surprise", "exercise", "our", "hour", "your", "four"])
def test_words_that_only_look_british_are_left_alone(word: str) -> None:
    assert normalise(word) == word


def test_house_style_variants_share_one_key() -> None:
    assert normalise("the U.S. brigandish strategy") == normalise("the US brigandish strategy")
    assert normalise("5 per cent") == normalise("5 percent")
    assert normalise("Kim Jong-un") == normalise("Kim Jong Un")


def test_number_glued_to_unit_is_split() -> None:
    assert normalise("$2.6million") == normalise("$2.6 million") == "2.6 million"
    assert normalise("the 8th plenary") == "the 8th plenary"


def test_case_spacing_nfkc_and_trailing_period_are_ignored() -> None:
    assert normalise("  The MOST\n serious. ") == normalise("“the most serious”.") == (
        "the most serious"
    )
    assert normalise("ﬁnal") == "final"  # NFKC folds the ligature
    assert normalise("Korea’s") == normalise("Korea's") == "korea's"


# --- compare --------------------------------------------------------------------------------


def test_bracket_variants_are_the_same_statement() -> None:
    assert compare(AP_CRITICISED, INDEPENDENT_CRITICISED) == Comparison("same", 1.0)


def test_one_changed_word_in_a_long_quote_is_still_the_same_statement() -> None:
    altered = AP_CRITICISED.replace("bitterly", "harshly")
    result = compare(AP_CRITICISED, altered)
    assert result is not None and result.relation == "same"
    result = compare(BRIGANDISH, "opposed to the US brigandish strategy for global supremacy")
    assert result is not None and result.relation == "same"


def test_a_changed_word_in_a_short_quote_makes_another_statement() -> None:
    assert compare("Rubio has yet to win a primary.", "Cruz has yet to win a primary.") is None


def test_a_dropped_word_in_a_fragment_still_links_it() -> None:
    fragment = "criticised officials who irresponsibly conducted the preparations for the satellite"
    result = compare(fragment, AP_CRITICISED)
    assert result is not None and result.relation == "contained_in"
    assert 0.9 <= result.score < 1.0


def test_fragment_is_contained_in_full_statement() -> None:
    full = "“the most serious” shortcoming in the first half of the year"
    assert compare(full, "“the most serious”") == Comparison("contains", 1.0)
    assert compare("the most serious", full) == Comparison("contained_in", 1.0)
    fragment = "“criticised the officials who irresponsibly conducted the preparations”"
    assert compare(INDEPENDENT_CRITICISED, fragment) == Comparison("contains", 1.0)


def test_a_fragment_quoted_with_words_left_out_is_contained_in_the_full_statement() -> None:
    # Politico quoted Trump with part of his sentence left out and no ellipsis; the Washington
    # Post ran the sentence whole (PolNeAR train).
    full = ("“A lot will have to do with Israel and whether or not Israel wants to make the deal "
            "- whether or not Israel's willing to sacrifice certain things,” Trump said.")
    cut = "“has to do with Israel and whether or not Israel’s willing to sacrifice certain things”"
    result = compare(full, cut)
    assert result is not None and result.relation == "contains" and result.score >= 0.9
    assert compare(cut, full) == Comparison("contained_in", result.score)
    # An ellipsis marks the same cut.
    said = "“We will not rest until every family in this country has a job that pays the bills.”"
    assert compare(said, "“We will not rest until every family … has a job that pays the bills”"
                   ) is not None


def test_the_same_long_quote_with_two_phrases_swapped_is_one_statement() -> None:
    # Clinton's coal remark as Politico and the Washington Post transcribed it (PolNeAR).
    politico = "“We're going to put a lot of coal companies and coal miners out of business.”"
    post = '"We\'re going to put a lot of coal miners and coal companies out of business."'
    result = compare(politico, post)
    assert result is not None and result.relation == "same"
    # Short quotes are not identified by their words alone.
    assert compare("“the dog bit the man”", "“the man bit the dog”") is None


def test_two_stock_runs_do_not_make_a_fragment_with_words_left_out() -> None:
    long = ("I think the American people want a president who will fight for them, and I will "
            "be that president from day one")
    other = "I think the American people are tired of politicians who will fight for nothing"
    assert compare(long, other) is None


def test_unrelated_quotes_sharing_words_do_not_match() -> None:
    for i, a in enumerate(DISTINCT_QUOTES):
        for b in DISTINCT_QUOTES[i + 1 :]:
            assert compare(a, b) is None, (a, b)
    # Shares "the", "of", "strategy", "world" with BRIGANDISH but is another statement.
    assert compare(BRIGANDISH, "the strategy of the world") is None


def test_stop_word_fragments_and_near_miss_words_are_not_fragments() -> None:
    assert compare(AP_CRITICISED, "“the officials”") is not None  # content word: a fragment
    assert compare(AP_CRITICISED, "“for the”") is None  # stop words only
    assert compare("the most serious shortcoming", "the most curious") is None
    assert compare("the most serious", "the most curious") is None


def test_lookup_of_most_serious_shortcoming_ranks_the_statement() -> None:
    query = "most serious shortcoming"
    assert lookup_score(query, "“the most serious”") >= LOOKUP_THRESHOLD
    assert lookup_score("the most serious", "“the most serious”.") == 1.0
    for other in DISTINCT_QUOTES[1:]:
        assert lookup_score(query, other) < LOOKUP_THRESHOLD, other
    assert lookup_score("the most important", "the most serious") < LOOKUP_THRESHOLD


_WORDS = "the officials who conducted preparations for satellite launch most serious a of".split()


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(st.sampled_from(_WORDS), max_size=12),
    query=st.lists(st.sampled_from(_WORDS), min_size=2, max_size=14),
    after=st.lists(st.sampled_from(_WORDS), max_size=12),
    edits=st.lists(st.tuples(st.integers(0, 30), st.sampled_from(_WORDS + [""])), max_size=3),
)
def test_the_lookups_context_prefilter_never_drops_a_containment(
    before: list[str], query: list[str], after: list[str], edits: list[tuple[int, str]]
) -> None:
    # A lookup skips aligning the query with a quote's surroundings when could_be_inside says
    # it cannot be there: that must never hide a quote compare() would find it inside.
    inner = list(query)
    for position, word in edits:  # words changed or left out inside the surroundings
        if inner:
            inner[position % len(inner)] = word
    text = " ".join(before + [w for w in inner if w] + after)
    if (found := compare(" ".join(query), text)) is not None and found.relation == "contained_in":
        assert could_be_inside(" ".join(query), text)


@settings(max_examples=500, deadline=None)
@given(
    before=st.lists(st.sampled_from(_WORDS), max_size=14),
    middle=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=24),
    after=st.lists(st.sampled_from(_WORDS), max_size=14),
    edits=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(_WORDS + [""])), max_size=4),
    shuffle=st.randoms(use_true_random=False),
    reorder=st.booleans(),
)
def test_the_shared_words_shortcut_never_changes_a_comparison(
    before: list[str], middle: list[str], after: list[str], edits: list[tuple[int, str]],
    shuffle: Any, reorder: bool,
) -> None:
    # compare() skips aligning two wordings whose words in common are too few for any
    # relation (could_relate): same statement, fragment, elided fragment, overlap or the same
    # words reordered. Built to meet every one of them: a run inside a longer text, edited.
    other = list(middle)
    for position, word in edits:
        other[position % len(other)] = word
    other = [w for w in other if w]
    if reorder:
        shuffle.shuffle(other)
    a, b = " ".join(before + middle + after), " ".join(other)
    for x, y in ((a, b), (b, a), (" ".join(middle), b)):
        expected = _aligned(words(x), words(y)) if words(x) and words(y) else None
        assert compare(x, y) == expected


def test_the_lookups_context_prefilter_rules_out_unrelated_text() -> None:
    assert could_be_inside("most serious shortcoming", "“the most serious” shortcoming, he said")
    assert not could_be_inside(BRIGANDISH, AP_CRITICISED)


# --- index_keys -----------------------------------------------------------------------------


def test_index_keys_find_the_same_statement_and_its_fragments() -> None:
    statements = {i: q for i, q in enumerate(DISTINCT_QUOTES)}
    postings: dict[str, list[int]] = {}
    for ident, text in statements.items():
        for key in index_keys(text):
            postings.setdefault(key, []).append(ident)

    def top(query: str) -> int:
        return rank_candidates(index_keys(query), postings)[0]

    assert top(INDEPENDENT_CRITICISED) == 1
    assert top("irresponsibly conducted the preparations") == 1
    assert top("most serious shortcoming") == 0
    assert top("important tasks") == 6
    assert top("brigandish strategy") == 2


def test_a_few_words_of_a_long_quote_share_a_key_with_it() -> None:
    # A long quote of a speech (150 words): any five of its words that hold a content word
    # meet it in the index, so a journalist's lookup of a phrase finds it.
    words = sample("001").split()[:150]
    assert len(words) <= MAX_NGRAM_WORDS
    keys = index_keys(" ".join(words))
    windows = [" ".join(words[i:i + 5]) for i in range(len(words) - 4)]
    checked = [w for w in windows if any(x not in STOP_WORDS for x in normalise(w).split())]
    assert len(checked) > 100
    assert all(index_keys(w) & keys for w in checked), [
        w for w in checked if not index_keys(w) & keys]


def test_index_keys_are_bounded_and_stable() -> None:
    article = " ".join([sample("003")] * 2)
    assert len(article.split()) > MAX_NGRAM_WORDS
    keys = index_keys(article)
    assert len(keys) < len(article.split())  # winnowed past MAX_NGRAM_WORDS
    assert keys == index_keys(article)
    assert all(":" in k and len(k) <= 40 for k in keys)
    assert index_keys("") == set()


# --- word_diff ------------------------------------------------------------------------------


def test_diff_shows_the_bracket_change_as_a_replace() -> None:
    ops = word_diff(AP_CRITICISED, INDEPENDENT_CRITICISED)
    changed = [op for op in ops if op.op != "equal"]
    assert changed == [DiffOp("replace", "(the)", "[the]")]
    assert changed[0].to_dict() == {"op": "replace", "old": "(the)", "new": "[the]"}


def test_diff_reports_inserts_and_deletes_as_written() -> None:
    ops = word_diff("the most serious shortcoming", "the serious shortcoming this year")
    assert [(op.op, op.old, op.new) for op in ops] == [
        ("equal", "the", "the"),
        ("delete", "most", ""),
        ("equal", "serious shortcoming", "serious shortcoming"),
        ("insert", "", "this year"),
    ]


# --- restatement ----------------------------------------------------------------------------


def test_rewrite_restates_most_serious() -> None:
    assert restatement_score(REWRITE_SENTENCE, "the most serious") >= RESTATEMENT_THRESHOLD


def test_rewrite_restates_most_serious_in_the_context_of_every_seed() -> None:
    for prefix in ("000", "001", "002"):
        (context,) = [
            line for line in sample(prefix).splitlines() if "“the most serious”" in line
        ]
        score = restatement_score(REWRITE_SENTENCE, "the most serious", context=context)
        assert score >= RESTATEMENT_THRESHOLD, prefix


def test_same_fragment_in_another_story_is_not_a_restatement_given_context() -> None:
    other_story = (
        "Ann Kirkpatrick (D-Ariz.), who has launched the most serious challenge to the longtime "
        "senator in years."
    )
    context = sample("001").splitlines()[0]
    assert restatement_score(other_story, "the most serious") == 1.0  # the words are there
    assert restatement_score(other_story, "the most serious", context) < RESTATEMENT_THRESHOLD


def test_part_of_a_short_statement_is_not_a_restatement() -> None:
    for sentence in (
        "The most generous plan by far is the one of the leading candidate.",
        "She said that it is the most effective way to do it.",
        "The serious part came later.",
    ):
        assert restatement_score(sentence, "the most serious") < RESTATEMENT_THRESHOLD


def test_sentences_sharing_common_words_are_not_restatements() -> None:
    rewrite = sample("003")
    sentences = [s for s in rewrite.replace("\n", " ").split(". ") if "most serious" not in s]
    for sentence in sentences:
        for quote in DISTINCT_QUOTES:
            assert restatement_score(sentence, quote) < RESTATEMENT_THRESHOLD, (sentence, quote)


def test_long_statement_restated_without_quote_marks() -> None:
    sentence = (
        "Pyongyang said it stands with countries opposed to the US brigandish strategy for "
        "world supremacy."
    )
    assert restatement_score(sentence, BRIGANDISH) >= RESTATEMENT_THRESHOLD


@pytest.mark.parametrize(("sentence", "statement"), [
    # Found restated in the PolNeAR store through the names alone.
    ("Trump reiterated many of the campaign pledges he has been making for months: rebuilding "
     "the military, taking care of veterans, protecting the Second Amendment and building a "
     "wall on the Mexican border.", "“his word does not trump the Second Amendment.”"),
    ("He attended the rally, though he is still not sure whether he will vote for Clinton or "
     "Vermont Sen. Bernie Sanders.", "“He’s doing it the Bernie Sanders way,”"),
    ("More than most, the pair have been responsible for holding the Republican Party "
     "together as populist Tea Party conservatives gained clout.",
     "“It is the Republican party that has disdain for conservatives,”"),
])
def test_sharing_names_is_no_restatement(sentence: str, statement: str) -> None:
    assert restatement_score(sentence, statement) < RESTATEMENT_THRESHOLD


def test_a_restatement_naming_the_speaker_still_counts() -> None:
    sentence = ("North Korea said it will never stop putting spy satellites into orbit despite "
                "the failed launch.")
    statement = "“We will never stop putting our spy satellites into orbit”"
    assert restatement_score(sentence, statement) >= RESTATEMENT_THRESHOLD


# --- prose reuse ----------------------------------------------------------------------------


def test_presstv_reuses_ap_prose() -> None:
    presstv, ap = sample("000"), sample("001")
    passages = shared_passages(presstv, ap)
    assert [p.words for p in passages] == [19]
    (passage,) = passages
    assert presstv[passage.a_start : passage.a_end].startswith("important tasks”")
    assert ap[passage.b_start : passage.b_end].endswith("world supremacy,” KCNA")
    assert passage.to_dict()["words"] == 19


def test_unattributed_rewrite_reuses_nobody() -> None:
    rewrite = sample("003")
    for other in ("000", "001", "002"):
        assert shared_passages(rewrite, sample(other)) == []
        assert not article_keys(rewrite) & article_keys(sample(other))


def test_article_keys_find_the_reused_article() -> None:
    assert article_keys(sample("000")) & article_keys(sample("001"))


def test_passage_offsets_point_into_the_texts_as_given() -> None:
    a = "Intro.  “Opposed to the US brigandish strategy for world supremacy,” it said, again."
    b = "Pyongyang is OPPOSED to the US brigandish strategy for world supremacy, it said."
    (p,) = shared_passages(a, b, min_words=8)
    assert a[p.a_start : p.a_end] == (
        "Opposed to the US brigandish strategy for world supremacy,” it said"
    )
    assert b[p.b_start : p.b_end] == (
        "OPPOSED to the US brigandish strategy for world supremacy, it said"
    )
    assert p.words == 11


def test_two_excerpts_of_one_utterance_overlap() -> None:
    huff = ("No, I meant he's the founder of ISIS. I do. He was the most valuable player. "
            "I give him the most valuable player award")
    politico = "No, I meant he's the founder of ISIS I do. He was the most valuable player. He was"
    result = compare(huff, politico + " the founder.")
    assert result is not None and result.relation == "overlaps"


def test_a_shared_stock_phrase_is_no_overlap() -> None:
    a = ("This man is totally, thoroughly, unqualified to be president of the United States of "
         "America")
    b = ("I wanted to be president of the United States of America. It didn't turn out that "
         "way, voters decided otherwise")
    assert compare(a, b) is None


@pytest.mark.parametrize("wording", ["to comment", "Hillary Clinton", "Make America Great Again",
                                     "him", "the Republican Party"])
def test_names_and_two_word_fragments_cannot_stand_alone(wording: str) -> None:
    assert not can_stand_alone(wording)


@pytest.mark.parametrize("wording", ["“the most serious”", "“a rigged election”",
                                     "we will build a great wall"])
def test_short_quotes_with_content_can_stand_alone(wording: str) -> None:
    assert can_stand_alone(wording)


def _maximal_runs(a: list[str], b: list[str], min_words: int) -> set[tuple[int, int, int]]:
    """Every maximal run of equal words on every diagonal: (start in a, start in b, length)."""
    runs = set()
    for d in range(-len(b) + 1, len(a)):
        i, j, length = max(d, 0), max(-d, 0), 0
        while i <= len(a) and j <= len(b):
            if i < len(a) and j < len(b) and a[i] == b[j]:
                length += 1
            else:
                if length >= min_words:
                    runs.add((i - length, j - length, length))
                length = 0
            i, j = i + 1, j + 1
    return runs


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("a b c".split()), min_size=0, max_size=60),
       st.lists(st.sampled_from("a b c".split()), min_size=0, max_size=60),
       st.integers(min_value=5, max_value=8))
def test_shared_passages_finds_exactly_the_maximal_shared_runs(
    a: list[str], b: list[str], min_words: int
) -> None:
    # Three words make long repeats likely: runs inside runs, on many diagonals.
    text_a, text_b = " ".join(a), " ".join(b)
    found = shared_passages(text_a, text_b, min_words)
    starts_a = [m.start() for m in re.finditer(r"\S+", text_a)]
    starts_b = [m.start() for m in re.finditer(r"\S+", text_b)]
    got = {(starts_a.index(p.a_start), starts_b.index(p.b_start), p.words) for p in found}
    assert got == _maximal_runs(a, b, min_words)


def test_two_copies_of_a_long_story_are_one_passage() -> None:
    story = " ".join(f"word{i % 97} sentence{i % 89}" for i in range(4000))
    (passage,) = shared_passages(story + " Edition one.", story + " Edition two.")
    assert passage.words == 8001  # every word but the edition's own ("Edition" is shared)
