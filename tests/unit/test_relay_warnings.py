"""Which relays of a statement a journalist is told to look at twice (provenance.relay_warnings,
a pure rule over the rows it is given)."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from attribution.provenance import relay_warnings

AP = SimpleNamespace(id=1, name="Associated Press")
PRESSTV = SimpleNamespace(id=2, name="PressTV")


def article(ident: int, outlet: Any) -> Any:
    return SimpleNamespace(id=ident, outlet=outlet, outlet_id=outlet.id if outlet else None,
                           published_at=datetime(2023, 6, 19))


def relay(kind: str = "mixed", outlet: Any = PRESSTV, speaker: Any = "KCNA") -> Any:
    return SimpleNamespace(kind=kind, article=article(9, outlet), speaker=speaker,
                           chain=[speaker] if speaker else [], credited=False)


def codes(found: list[Any]) -> list[str]:
    return [w.code for w in found]


def test_reusing_another_outlets_prose_without_crediting_it_is_an_uncredited_copy() -> None:
    found = relay_warnings(relay(), [article(2, AP)], credited_outlet_ids=set())
    assert codes(found) == ["uncredited_copy"]
    assert "Associated Press's article of 2023-06-19 (#2)" in found[0].message


def test_crediting_the_outlet_whose_prose_is_reused_is_no_warning() -> None:
    assert relay_warnings(relay(), [article(2, AP)], credited_outlet_ids={AP.id}) == []


def test_an_outlet_updating_its_own_article_copies_no_one() -> None:
    assert relay_warnings(relay(), [article(3, PRESSTV)], credited_outlet_ids=set()) == []


def test_a_paraphrase_and_a_quote_with_no_speaker_are_flagged() -> None:
    paraphrase = relay_warnings(relay("paraphrase", speaker=None), [], set())
    assert codes(paraphrase) == ["unquoted_paraphrase"]
    assert "credits no source" in paraphrase[0].message
    assert "credits no source" not in relay_warnings(
        relay("paraphrase", speaker=None), [], {AP.id})[0].message
    assert codes(relay_warnings(relay("direct", speaker=None), [], set())) == ["no_speaker"]
    assert relay_warnings(relay("direct"), [], set()) == []
