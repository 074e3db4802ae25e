"""Which pronoun a name takes: the article's honorific first, then the learned given names."""

from __future__ import annotations

import json

import pytest

from attribution.nlp import gender


@pytest.mark.parametrize(("name", "expected"), [
    ("Hillary Clinton", "f"), ("Bill Clinton", "m"), ("Sen. Bernie Sanders", "m"),
    ("Mrs. Clinton", "f"), ("Mr. Clinton", "m"), ("Ms. Lynch", "f"),
    ("Clinton", None), ("the senator", None), ("Zyxwv Qwerty", None),
    ("Warren", None),  # a surname alone, even one that is also a given name
])
def test_a_name_says_which_pronoun_it_takes_or_nothing(name: str, expected: str | None) -> None:
    assert gender.of_name(name) == expected


def test_an_honorific_outweighs_the_given_name() -> None:
    assert gender.of_name("Mr. Hillary Smith") == "m"


def test_given_names_are_learned_from_what_news_copy_says_of_their_bearers() -> None:
    articles = [
        {"text": "Pat Quinn said she would run. Later Pat Quinn said she had won."},
        {"text": "Pat Quinn said he was tired."},  # a third vote against: no longer 90 % one way
        {"text": "Jo March said she would go. Jo March told reporters she was ready."},
        {"text": "Mr. Lee spoke. Robert Lee, the governor, left early. Mr. Lee said no."},
    ]
    learned = gender.learn(articles)
    assert learned["jo"] == "f"
    assert learned["robert"] == "m"  # an honorific on the only Lee the article names
    assert "pat" not in learned  # borne by women and men alike in what it read


def test_the_shipped_list_is_what_the_script_writes() -> None:
    shipped = json.loads(
        (gender.resources.files("attribution.nlp") / "data/given_names.json").read_text()
    )
    assert shipped == gender.given_names() and len(shipped) > 50
    assert set(shipped.values()) == {"m", "f"}
