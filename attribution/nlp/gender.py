"""Which pronoun a person takes, so that "she" is never resolved to Bill Clinton.

Two kinds of evidence, the article's own first:

* in the article: an honorific before the surname ("Mr. Sanders", "Mrs. Clinton", "Ms. Lynch");
* learned: given names and the pronoun that news copy uses for the people who bear them,
  counted in PolNeAR train by ``scripts/learn_given_names.py`` (see :func:`learn`) from
  "<Given> <Surname> said he/she …" and from honorifics in articles that name one person by
  that surname. Only names seen often enough, nearly always with one pronoun, are kept
  (``data/given_names.json``); the rest stay unknown and agree with either pronoun.

No parse is needed to learn, so the list is rebuilt in seconds from train alone.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from attribution.nlp.types import Gender

#: A given name is kept when train shows it this often with a gendered pronoun or honorific …
MIN_VOTES = 2
#: … and this share of those agree (a name borne by women and men alike stays unknown).
MIN_AGREEMENT = 0.9

HONORIFICS: dict[str, Gender] = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
PRONOUNS: dict[str, Gender] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}

# Titles that stand where a given name would ("Senator Tim Kaine said he", "Secretary of State
# John Kerry said he"): never learned as given names.
_TITLES = frozenset(
    "mr mrs ms miss dr sen senator rep representative gov governor president vice former first "
    "secretary state general gen judge justice speaker leader chairman chairwoman chancellor "
    "minister prime lady sir director mayor ambassador attorney congressman congresswoman even"
    .split()
)
_NAME = r"\b([A-Z][a-z]+)(?: [A-Z]\.)? (?:[A-Z][a-z]+ )?([A-Z][a-z]+)\b"
_SAID = (r"(?:said|says|told|added|argued|noted|explained|insisted|claimed|wrote|tweeted|asked|"
         r"replied|stated|declared|acknowledged|admitted|announced|warned|suggested|believes|"
         r"thinks|thought|believed|hopes|hoped|knows|knew|wants|wanted)")
# "Hillary Clinton said she …", "Donald Trump, the Republican nominee, told reporters he …"
_NAME_SAID_PRONOUN = re.compile(
    _NAME + r"(?:,[^,.\n]{1,90},)? " + _SAID + r" (?:\w+ )?(?:that )?(he|she|his|her)\b"
)
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ([A-Z][a-z]+)\b")


def learn(articles: Iterable[dict[str, Any]]) -> dict[str, Gender]:
    """Given names (lower-cased) and their pronoun, from articles' raw text."""
    votes: dict[str, Counter[Gender]] = defaultdict(Counter)
    for article in articles:
        text = article["text"]
        # A capitalised word the article also writes in lower case is a word ("The", "Now",
        # "Senator" opening "Senator Tim Kaine said he"), not a given name.
        lower = set(re.findall(r"\b[a-z]+\b", text))
        given_by_surname: dict[str, set[str]] = defaultdict(set)
        for m in re.finditer(_NAME, text):
            given_by_surname[m.group(2)].add(m.group(1))
        for m in _NAME_SAID_PRONOUN.finditer(text):
            if m.group(1).lower() not in lower | _TITLES:
                votes[m.group(1).lower()][PRONOUNS[m.group(3)]] += 1
        for m in _HONORIFIC.finditer(text):
            given = {g for g in given_by_surname.get(m.group(2), set())
                     if g.lower() not in lower | _TITLES}
            if len(given) == 1:  # "Mr. Clinton" says nothing of Hillary when Bill is there too
                votes[next(iter(given)).lower()][HONORIFICS[m.group(1).lower()]] += 1
    kept: dict[str, Gender] = {}
    for name, counts in sorted(votes.items()):
        gender, top = counts.most_common(1)[0]
        total = sum(counts.values())
        if total >= MIN_VOTES and top / total >= MIN_AGREEMENT:
            kept[name] = gender
    return kept


@lru_cache(maxsize=1)
def given_names() -> dict[str, Gender]:
    """The learned list, loaded once per process."""
    data = resources.files("attribution.nlp").joinpath("data/given_names.json").read_text(
        encoding="utf-8")
    return dict(json.loads(data))


def of_honorific(name: str) -> Gender | None:
    """The pronoun the honorific opening ``name`` implies ("Mr. Clinton": he), if any."""
    words = name.split()
    return HONORIFICS.get(words[0].strip(".").lower()) if words else None


@lru_cache(maxsize=8192)
def of_name(name: str) -> Gender | None:
    """The pronoun a person's name implies, if any: an honorific ("Mrs. Clinton"), else a
    learned given name ("Hillary Clinton", "Sen. Bernie Sanders" after its title)."""
    words = [w.strip(".,").lower() for w in name.replace("\u2019", "'").split()]
    for word in words:
        if word in HONORIFICS:
            return HONORIFICS[word]
    # The given name opens what is left after titles; a surname alone says nothing ("Warren").
    words = [w for w in words if w not in _TITLES and w not in {"the", "a", "u.s.", "us"}]
    return given_names().get(words[0]) if len(words) >= 2 else None


def of_names(names: Iterable[str]) -> Gender | None:
    """The pronoun a person known by ``names`` takes, if any: the names that open with an
    honorific ("Mr. Bannon", not "Both Ms. Conway and Mr. Bannon") decide; else all of them,
    when all that say anything agree."""
    names = list(names)
    for ranked in ([n for n in names if of_honorific(n) is not None], names):
        said = {g for g in map(of_name, ranked) if g is not None}
        if said:
            return said.pop() if len(said) == 1 else None
    return None
