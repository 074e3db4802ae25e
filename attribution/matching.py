"""Matching statements across outlets: match keys, candidate keys, verification, diffs, reuse.

Pure functions over strings: no Flask, no SQLAlchemy, no Stanza. The store calls them in two
steps, never comparing a new quote with every stored one:

1. **Candidate search** — ``index_keys(text)`` gives a bounded set of short string keys. The store
   keeps rows ``(key, statement_id)`` indexed on ``key``; candidates for a query are the rows whose
   key is among the query's keys, grouped by statement and ranked by how many keys they share.
   ``article_keys`` does the same for whole articles (prose reuse).
2. **Verification** — ``compare`` (same statement / fragment of it), ``restatement_score`` (a
   sentence without quote marks restating a statement) and ``shared_passages`` (long runs of
   reused prose) decide on the few candidates.

Public API: ``normalise``, ``index_keys``, ``compare`` -> ``Comparison``, ``lookup_match``,
``word_diff`` -> ``DiffOp``, ``restatement_score`` with ``RESTATEMENT_THRESHOLD``,
``shared_passages`` -> ``Passage``, ``article_keys``, ``rank_candidates`` (the in-memory twin
of the candidate query), and ``search_words`` with ``word_pair_keys`` and ``word_pair_keys_of``
(the word search's index).

Everything here works on copies: offsets returned (``Passage``, ``word_diff``'s text slices)
always point into the text exactly as given.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, TypeVar

import numpy as np
from datasketch import MinHash
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

# Quotation marks of every script we meet in news copy; apostrophes inside words are kept (as ').
_DOUBLE_QUOTES = "\"“”„‟«»〝〞〟＂"
_SINGLE_QUOTES = "'‘’‚‛‹›`´"
_BRACKETS = "()[]{}"

# A number glued to its unit ("2.6million", "6.29am") is split so both spellings share tokens;
# ordinals ("8th") stay whole because they are never written apart.
_NUMBER_UNIT = re.compile(r"(\d)(?!(?:st|nd|rd|th)\b)([^\W\d_])")
# Dotted initialisms lose their dots ("U.S." = "US", "a.m." = "am"): house styles differ.
_INITIALISM = re.compile(r"\b(?:[^\W\d_]\.){2,}")
# "per cent" is British for "percent".
_PER_CENT = re.compile(r"\bper cent\b")
# Words (letters, with inner apostrophes) and numbers (with inner separators: 2.6, 1,000).
_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)\b|\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*")

# British -> American spelling. A compact rule set plus a short exception list: rules cover the
# productive families (-ise/-isation, -yse, -our, -ll- before a suffix); the table covers the
# irregular words news copy actually uses. Because the same function normalises both sides, an
# over-applied rule (American "surprise" -> "surprize") is harmless as long as both spellings land
# on one key; the exceptions below just keep the keys readable.
_ISE = re.compile(r"^([^\W\d_]{2,})is(e|ed|es|ing|er|ers|ation|ations|ational)$")


def _wordlist(text: str) -> frozenset[str]:
    """A word list written as prose (one string) so it stays readable in the source."""
    return frozenset(text.split())


_ISE_KEEP_SUFFIXES = ("wise", "prise", "vise", "guise", "chise", "oise", "aise", "uise", "rcise")
_ISE_KEEP = _wordlist(
    "advertise arise chastise circumcise compromise concise demise despise excise expertise "
    "incise merchandise paradise precise premise promise rise surmise treatise mortise anise "
    "chemise valise reprise"
)
_YSE = re.compile(r"^([^\W\d_]*l)ys(e|ed|es|ing|er|ers)$")  # analyse, paralyse, catalyse
_OUR = re.compile(
    r"^([^\W\d_]{2,})our(s|ed|ing|er|ers|ite|ites|able|ably|ful|fully|less|al|ally|hood|hoods"
    r"|ist|ists|ism|y)?$"
)
_OUR_KEEP = _wordlist("fl sc det dev cont am param vel troubad glam")
# Doubled l before a suffix (labelling, travelled, counsellor). American keeps -ll- in stressed
# syllables (compelled) but collapsing it on both sides still yields one key per word.
_DOUBLE_L = re.compile(r"^([^\W\d_]{2,}[ae])ll(ed|ing|er|ers|or|ors)$")
_BRITISH_WORDS: dict[str, str] = {
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "pretence": "pretense", "licence": "license", "licences": "licenses",
    "centre": "center", "centres": "centers", "centred": "centered", "theatre": "theater",
    "theatres": "theaters", "metre": "meter", "metres": "meters", "kilometre": "kilometer",
    "kilometres": "kilometers", "litre": "liter", "litres": "liters", "fibre": "fiber",
    "calibre": "caliber", "sombre": "somber", "spectre": "specter", "meagre": "meager",
    "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "lustre": "luster", "sabre": "saber",
    "programme": "program", "programmes": "programs", "grey": "gray", "tyre": "tire",
    "tyres": "tires", "cheque": "check", "cheques": "checks", "kerb": "curb", "plough": "plow",
    "sceptical": "skeptical", "sceptic": "skeptic", "sceptics": "skeptics",
    "judgement": "judgment", "judgements": "judgments", "ageing": "aging",
    "catalogue": "catalog", "dialogue": "dialog", "analogue": "analog", "mould": "mold",
    "aluminium": "aluminum", "fulfil": "fulfill", "fulfils": "fulfills",
    "fulfilment": "fulfillment", "enrol": "enroll", "enrolment": "enrollment",
    "instalment": "installment", "skilful": "skillful", "wilful": "willful",
    "jewellery": "jewelry", "marvellous": "marvelous", "paediatric": "pediatric",
    "encyclopaedia": "encyclopedia", "foetus": "fetus", "oestrogen": "estrogen",
    "pyjamas": "pajamas", "draught": "draft", "storey": "story", "storeys": "stories",
}


def _american(word: str) -> str:
    """American spelling of one case-folded word (identity for words the rules don't touch)."""
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    if m := _ISE.match(word):
        base = m.group(1) + "ise"
        if base not in _ISE_KEEP and not base.endswith(_ISE_KEEP_SUFFIXES):
            return m.group(1) + "iz" + m.group(2)
        return word
    if m := _YSE.match(word):
        return m.group(1) + "yz" + m.group(2)
    if (m := _OUR.match(word)) and m.group(1) not in _OUR_KEEP:
        return m.group(1) + "or" + (m.group(2) or "")
    if m := _DOUBLE_L.match(word):
        return m.group(1) + "l" + m.group(2)
    return word


_QUOTE_TABLE = str.maketrans({**{c: " " for c in _DOUBLE_QUOTES + _BRACKETS},
                              **{c: "'" for c in _SINGLE_QUOTES}})
# The same for ASCII text, which NFKC leaves as it is: a few replacements, cheaper than a
# translation table, which looks up every character.
_ASCII_REPLACED = [(c, _QUOTE_TABLE[ord(c)]) for c in _DOUBLE_QUOTES + _BRACKETS + _SINGLE_QUOTES
                   if c.isascii() and _QUOTE_TABLE[ord(c)] != c]
# Where an initialism can be: a letter between two dots.
_DOTTED = re.compile(r"\.[^\W\d_]\.")


def _prepare(text: str) -> str:
    """NFKC, quote marks and brackets out, apostrophes unified, case-folded, units split.

    Each step is skipped where it cannot apply (normalising is most of a short comparison's
    cost, and a lookup normalises the text around every candidate's quotes)."""
    if text.isascii():
        for c, replacement in _ASCII_REPLACED:
            if c in text:
                text = text.replace(c, replacement)
    else:
        text = unicodedata.normalize("NFKC", text).translate(_QUOTE_TABLE)
    if _DOTTED.search(text):
        text = _INITIALISM.sub(lambda m: m.group().replace(".", ""), text)
    text = _NUMBER_UNIT.sub(r"\1 \2", text.casefold())
    return _PER_CENT.sub("percent", text) if "per cent" in text else text


@lru_cache(maxsize=65536)
def _normalise_token(token: str) -> str:
    return _american(token)


@lru_cache(maxsize=8192)
def _word_tuple(text: str) -> tuple[str, ...]:
    # A single quote not between two letters is a quotation mark ('the most serious'), dropped
    # by the token pattern, which only allows an apostrophe inside a word.
    return tuple(_normalise_token(t) for t in _TOKEN.findall(_prepare(text)))


def _words(text: str) -> list[str]:
    """Normalised words of ``text`` (the tokens ``normalise`` joins). Cached: a lookup or an
    article's matching compares one text with dozens of others, and normalising is most of a
    short comparison's cost."""
    return list(_word_tuple(text))


def words(text: str) -> list[str]:
    """The normalised words of ``text``: what every comparison here works on."""
    return _words(text)


def normalise(text: str) -> str:
    """The match key of a wording.

    Quote marks (curly or straight) and brackets are removed, keeping what they enclose, so
    ``(the)`` and ``[the]`` both give ``the``; punctuation (a trailing period or comma inside or
    outside the quote, dashes) is dropped; the text is NFKC-normalised and case-folded, numbers are
    split from their units (``2.6million`` -> ``2.6 million``), British spellings become American
    (``criticised`` -> ``criticized``) and whitespace is collapsed to single spaces.
    """
    return " ".join(_words(text))


# ---------------------------------------------------------------------------------------------
# Stop words (for fragment keys and restatement): a small closed-class list, not a topical one.
# ---------------------------------------------------------------------------------------------

# "most", "more" and "very" are not stop words: they carry quotes ("the most serious", "more than
# several weeks", "very great significance").
STOP_WORDS = _wordlist(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    it's its itself just me my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that that's the their theirs
    them themselves then there these they this those through to too under until up was we
    were what when where which while who whom why will with would you your yours yourself also
    said says say one its"""
)


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in STOP_WORDS]


# ---------------------------------------------------------------------------------------------
# What can be a statement
# ---------------------------------------------------------------------------------------------

# A quoted statement needs three words, one of which carries content: “the most serious” (the
# seeds' Politburo fragment) and “will not give up” are statements; “to comment”, “him” or a
# name are not, and as statements they joined dozens of unrelated articles (84 PolNeAR
# articles: one "statement" "Hillary Clinton" held 36 of them).
MIN_STATEMENT_WORDS = 3
MIN_STATEMENT_CONTENT_WORDS = 1
# A wording of up to this many words, every one capitalised, is a name or a title ("Make
# America Great Again", "the Republican Party"), not something said.
MAX_NAME_WORDS = 5
# Lower-case words a name or title may hold: "the Republican Party", "Secretary of State".
_NAME_GLUE = frozenset({"the", "a", "an", "of", "and", "for", "on", "in", "at", "to", "de"})
# Below this many words a wording is a stock phrase as often as a quote ("the American
# people", "a rigged system"): it joins another outlet's statement only when the speakers agree
# and no other statement holds it too. From six words on the words themselves are the evidence
# (six-word runs shared by two articles are the silver standard of bench/statement_clusters.py).
SHORT_MATCH_WORDS = 6


def word_count(text: str) -> int:
    """Words of ``text`` as matching counts them (quote marks and punctuation aside)."""
    return len(_words(text))


def can_stand_alone(text: str, verbatim: bool = True) -> bool:
    """Whether a wording can be a statement that other articles may carry: enough words with
    content, and not just a name or a title. Reported speech (``verbatim`` False) is the
    reporter's own gist, which matches another article's only word for word: short clauses
    ("that he was confident") coincide too often to mean anything, so it needs
    ``SHORT_MATCH_WORDS`` words."""
    words = _words(text)
    least = MIN_STATEMENT_WORDS if verbatim else SHORT_MATCH_WORDS
    if len(words) < least or len(_content(words)) < MIN_STATEMENT_CONTENT_WORDS:
        return False
    raw = re.findall(r"[^\W\d_][\w'’.-]*", text)
    names = [w for w in raw if w.casefold() not in _NAME_GLUE]
    return not (len(raw) <= MAX_NAME_WORDS and all(w[0].isupper() for w in names))


# ---------------------------------------------------------------------------------------------
# Candidate keys
# ---------------------------------------------------------------------------------------------

# MinHash LSH over word 2-shingles: 64 permutations in 16 bands of 4 rows. Two wordings become
# candidates when one band agrees; the probability is 1 - (1 - J^4)^16, ~50 % at Jaccard 0.5 and
# >99 % at 0.75, so near-identical wordings (one word changed in twenty) always meet while
# unrelated ones (J < 0.2: 2.5 %) rarely do. 16 keys per text, whatever its length.
MINHASH_PERMUTATIONS = 64
MINHASH_BANDS = 16
MINHASH_SHINGLE_WORDS = 2
_MINHASH_ROWS = MINHASH_PERMUTATIONS // MINHASH_BANDS
_MINHASH_SEED = 20230619

# Word n-gram keys find a fragment inside a longer statement:
# - every 3-gram holding a content word ("one of the" alone would match half the store);
# - every 2-gram of two content words, so a 2-word query ("important tasks") or a lookup that
#   overlaps a statement by two words ("most serious shortcoming" / "the most serious") meets it;
#   2-grams with a stop word ("the president") are left out: their posting lists grow with the
#   store and a 3-gram key already covers them;
# - the content words themselves only for texts of one or two words (a one-word quote such as
#   “hegemonic”). Indexing the words of every statement would make each common word's posting
#   list grow linearly with the store (measured in bench/matching_speed.py: 7x more postings read
#   per query at 10k statements) for no gain: ``compare`` never links a one-word fragment.
# Bound: a statement of n words gives at most (n - 2) + (n - 1) + 16 keys (~45 for a typical
# 20-word quote). Past MAX_NGRAM_WORDS words (a transcript, a whole speech) the n-grams are
# winnowed: in every window of NGRAM_WINNOW_WINDOW consecutive n-grams the one with the smallest
# hash is kept, which still guarantees that any shared run of NGRAM_WINNOW_WINDOW + 2 words yields
# a common key, at roughly 2 / (window + 1) of the keys. The cost of the bound is recall for
# fragments shorter than that inside very long texts. 200 words: long quotes of a speech are
# news copy's own (1.8 % of the PolNeAR corpus's statements have 61-200 words), and with the
# bound at 60 a lookup of five of their words found the statement 43 times in 54; every n-gram
# of them costs 3.8 % more index rows than winnowing them (bench/README.md, "Lookups").
MAX_NGRAM_WORDS = 200
NGRAM_WINNOW_WINDOW = 6
_KEY_HEX = 12  # 48-bit key hashes: collisions only add a candidate that verification drops


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _key(prefix: str, text: str) -> str:
    return f"{prefix}:{hashlib.blake2b(text.encode(), digest_size=_KEY_HEX // 2).hexdigest()}"


@lru_cache(maxsize=1)
def _permutations() -> Any:
    # Building the permutations is most of a MinHash's cost: make them once per process.
    return MinHash(
        num_perm=MINHASH_PERMUTATIONS, seed=_MINHASH_SEED, scheme="affine32"
    ).permutations


def _minhash_band_keys(words: Sequence[str]) -> set[str]:
    k = MINHASH_SHINGLE_WORDS
    shingles = {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}
    mh = MinHash(num_perm=MINHASH_PERMUTATIONS, permutations=_permutations(), scheme="affine32")
    mh.update_batch([s.encode() for s in shingles])
    values = np.asarray(mh.hashvalues, dtype=np.uint32)
    keys = set()
    for band in range(MINHASH_BANDS):
        chunk = values[band * _MINHASH_ROWS : (band + 1) * _MINHASH_ROWS].tobytes()
        keys.add(f"b{band}:{hashlib.blake2b(chunk, digest_size=_KEY_HEX // 2).hexdigest()}")
    return keys


def _winnow(hashes: Sequence[int], window: int) -> set[int]:
    """Positions picked by winnowing (Schleimer et al. 2003): the rightmost minimum per window."""
    if len(hashes) <= window:
        return {min(range(len(hashes)), key=lambda i: (hashes[i], -i))} if hashes else set()
    picked = set()
    for start in range(len(hashes) - window + 1):
        picked.add(min(range(start, start + window), key=lambda i: (hashes[i], -i)))
    return picked


def index_keys(text: str) -> set[str]:
    """Keys for the inverted index of statements (table ``(key, statement_id)``, indexed on key).

    Candidate search: the stored statements whose keys meet the query's keys, ranked by how many
    they share; only those are verified with ``compare``. Three families, all bounded:

    - ``b{band}:{hex}`` — MinHash LSH bands over word 2-shingles: near-duplicate wordings.
    - ``g3:{hex}`` — word 3-grams holding a content word: a fragment inside a longer statement.
    - ``g2:{hex}`` — 2-grams of two content words: 2-word fragments, partly overlapping lookups.
    - ``w:{hex}`` — the content words of a 1-2 word text.

    Texts over ``MAX_NGRAM_WORDS`` words have their n-gram keys winnowed (see there).
    """
    words = _words(text)
    if not words:
        return set()
    keys = _minhash_band_keys(words)
    grams: list[tuple[str, str]] = []
    for i in range(len(words) - 2):
        if any(w not in STOP_WORDS for w in words[i : i + 3]):
            grams.append(("g3", " ".join(words[i : i + 3])))
    for i in range(len(words) - 1):
        if words[i] not in STOP_WORDS and words[i + 1] not in STOP_WORDS:
            grams.append(("g2", f"{words[i]} {words[i + 1]}"))
    if len(words) <= 2:
        grams.extend(("w", w) for w in dict.fromkeys(_content(words)))
    if len(words) > MAX_NGRAM_WORDS:
        # Winnow each family separately, in text order, so the positional guarantee holds.
        for prefix in ("g3", "g2"):
            family = [g for p, g in grams if p == prefix]
            picked = _winnow([_hash64(g) for g in family], NGRAM_WINNOW_WINDOW)
            keys.update(_key(prefix, family[i]) for i in picked)
        return keys
    keys.update(_key(prefix, gram) for prefix, gram in grams)
    return keys


# ---------------------------------------------------------------------------------------------
# Search words
# ---------------------------------------------------------------------------------------------

# What a journalist's word search (``GET /api/statements?q=``) sees of a text: its words, runs
# of letters and digits in any case ("Clinton’s" is "clinton" and "s"; "100%" is "100").
_SEARCH_WORD = re.compile(r"\w+")


def search_words(text: str) -> list[str]:
    """The words of ``text`` as the statement search matches them, in order, in lower case
    (not case folded: folding makes the Greek final "ς" a "σ" and "ß" an "ss", which the
    database's case-blind match of the words in a text does not)."""
    return _SEARCH_WORD.findall(text.lower())


def word_pair_keys(words: Sequence[str]) -> list[int]:
    """One key for each two neighbouring words (signed 64-bit, for an integer column): the
    statement search index. Words that are each in half of all statements ("the", "to") are
    rarely neighbours ("the to"); their pair finds the few statements that hold both so."""
    return [
        int.from_bytes(hashlib.blake2b(f"{a} {b}".encode(), digest_size=8).digest(), "big",
                       signed=True)
        for a, b in zip(words, words[1:], strict=False)
    ]


def word_pair_keys_of(text: str) -> set[int]:
    """The keys a statement's text is found under by the word search: those of its
    neighbouring words (what ingest, the migration that built the index, and the benchmark
    store write)."""
    return set(word_pair_keys(search_words(text)))


# ---------------------------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------------------------

Relation = Literal["same", "contains", "contained_in", "overlaps"]

# "same": character similarity of the match keys (what's left after normalise: real word changes,
# typos) of at least 88 and word-level similarity of at least 88, i.e. one changed word from nine
# words on, two from seventeen. One changed word in a 9-20 word quote scores char 88-95 / word
# 89-95 (measured in bench/matching_speed.py); unrelated wordings of similar length score < 60.
# Shorter quotes with one different word ("the most serious" / "the most curious": char 87, word
# 67; "Rubio has yet to win a primary" / "Cruz ...": word 86) are different statements: too little
# is left to tell. The price: a changed word in a long quote, even "never" -> "always", is the same
# statement, and word_diff shows the change.
SAME_CHAR_RATIO = 88.0
SAME_WORD_RATIO = 88.0
# ...and of similar length: a wording with a sixth fewer words is a fragment of the other, not the
# same statement, even when every word it has matches.
SAME_MIN_LENGTH_RATIO = 0.85
# "contains": the fragment's words must appear in the longer wording as one run, word-aligned,
# with at most one word in ten changed (score >= 90). A 2-3 word fragment therefore has to occur
# verbatim (after normalise): one changed word out of three is a different fragment.
CONTAIN_WORD_RATIO = 90.0
# A fragment needs two words of which one carries content: "the" or "of the" occur in any quote.
MIN_FRAGMENT_WORDS = 2
MIN_FRAGMENT_CONTENT_WORDS = 1
# "overlaps": two excerpts of one utterance. Outlets cut a long quote differently (“No, I meant
# he's the founder of ISIS. I do. He was the most valuable player. I give him the most valuable
# player award” / “No, I meant he's the founder of ISIS … He was the founder”), so neither holds
# the other, yet they share a long verbatim run. Ten words with four that carry content is more
# than the stock phrases of political news share: the longest common ones on PolNeAR ("to be
# president of the United States of America", "at the end of the day we") are nine or fewer.
OVERLAP_MIN_WORDS = 10
OVERLAP_MIN_CONTENT_WORDS = 4
# The same words in another order ("coal companies and coal miners" / "coal miners and coal
# companies", as two outlets transcribed one sentence): one statement when the quote is long
# enough that its words alone identify it.
REORDERED_MIN_WORDS = 8
REORDERED_SCORE = 0.95
# A fragment quoted with words left out ("has to do with Israel and whether or not Israel's
# willing to sacrifice certain things" of "A lot will have to do with Israel and whether or not
# Israel wants to make the deal - whether or not Israel's willing to sacrifice certain
# things"), with or without an ellipsis mark: at most ELIDED_MAX_RUNS runs of the longer
# wording, in order, each of ELIDED_MIN_RUN_WORDS words or more, together covering
# ELIDED_MIN_COVER of the fragment, which has ELIDED_MIN_WORDS words with ELIDED_MIN_CONTENT_WORDS
# that carry content, the runs lying within ELIDED_MAX_SPREAD times the fragment's length.
# Shorter runs would stitch a "fragment" out of stock phrases any long quote holds.
ELIDED_MIN_WORDS = 10
ELIDED_MIN_CONTENT_WORDS = 4
ELIDED_MIN_RUN_WORDS = 4
ELIDED_MAX_RUNS = 3
ELIDED_MIN_COVER = 0.9
ELIDED_MAX_SPREAD = 3


@dataclass(frozen=True)
class Comparison:
    """How two wordings relate: the same statement, or one a quoted fragment of the other."""

    relation: Relation
    score: float  # 0..1, similarity of the aligned wordings

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "score": round(self.score, 3)}


def _window_ratio(short: Sequence[str], long: Sequence[str]) -> float:
    """Best word-level similarity (0..100) of ``short`` with a run of ``long`` of about its length.

    Windows of len(short) and len(short) + 1 words, so one inserted word still aligns; never
    shorter, because a shorter window scores a dropped word as well as the window of the right
    length does, and for a 3-word statement rewards half of it ("the most" would be 0.8 of "the
    most serious"). rapidfuzz's own ``partial_ratio`` tries such shorter windows at the text's
    edges, hence this loop. rapidfuzz compares word lists as sequences of tokens.
    """
    n = len(short)
    if len(long) <= n:
        return float(fuzz.ratio(short, long))
    best = 0.0
    for size in (n, n + 1):
        if size > len(long):
            continue
        for i in range(len(long) - size + 1):
            best = max(best, fuzz.ratio(short, long[i : i + size], score_cutoff=best))
            if best == 100.0:
                return best
    return best


def _is_fragment(short: list[str], long: list[str]) -> float | None:
    """Score of ``short`` as a contiguous fragment of ``long`` (word-aligned), or None."""
    if len(short) < MIN_FRAGMENT_WORDS or len(_content(short)) < MIN_FRAGMENT_CONTENT_WORDS:
        return None
    score = _window_ratio(short, long)
    return score / 100 if score >= CONTAIN_WORD_RATIO else None


def _elided_fragment(short: list[str], long: list[str]) -> float | None:
    """Score of ``short`` as a fragment of ``long`` with words left out, or None."""
    if len(short) < ELIDED_MIN_WORDS or len(_content(short)) < ELIDED_MIN_CONTENT_WORDS:
        return None
    blocks = [b for b in difflib.SequenceMatcher(a=short, b=long, autojunk=False)
              .get_matching_blocks() if b.size >= ELIDED_MIN_RUN_WORDS]
    if not blocks or len(blocks) > ELIDED_MAX_RUNS:
        return None
    covered = sum(b.size for b in blocks) / len(short)
    spread = blocks[-1].b + blocks[-1].size - blocks[0].b
    if covered < ELIDED_MIN_COVER or spread > ELIDED_MAX_SPREAD * len(short):
        return None
    return covered


def compare(a: str, b: str) -> Comparison | None:
    """Verify a candidate pair of wordings.

    Returns ``same`` when ``a`` and ``b`` are one statement despite quote marks, ``(the)`` vs
    ``[the]``, case, spacing, number spacing, British/American spelling or trailing punctuation;
    ``contains`` when ``b`` is a quoted fragment of ``a`` (words left out of it included);
    ``contained_in`` the reverse;
    ``overlaps`` when they are two excerpts of one utterance sharing a long run; None when they
    are different statements (sharing a few common words is not enough).
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return None
    if not could_relate(wa, wb):
        return None
    return _aligned(wa, wb)


def could_relate(wa: Sequence[str], wb: Sequence[str]) -> bool:
    """Whether two normalised word lists share enough words for any relation ``compare``
    verifies: a cheap necessary condition, so that most candidates of a wording (which share a
    phrase or two) skip the alignment. "same" needs a word ratio of ``SAME_WORD_RATIO`` (at
    least that share of the shorter list's words in common, as the ratio is 2 x common / both
    lengths), a fragment ``CONTAIN_WORD_RATIO`` or ``ELIDED_MIN_COVER`` of the shorter, an
    overlap a run of ``OVERLAP_MIN_WORDS``; words in common counted with repeats bound every
    one of them from above."""
    return _shared_words(wa, wb) >= _least_to_relate(min(len(wa), len(wb)))


#: The least share of the shorter wording's words that any verified relation but an overlap
#: has in common with the other (see ``could_relate``).
_RELATION_SHARE = min(SAME_WORD_RATIO, CONTAIN_WORD_RATIO, 100 * ELIDED_MIN_COVER) / 100


def _shared_words(wa: Sequence[str], wb: Sequence[str]) -> int:
    """Words two word lists have in common, counted with repeats."""
    return sum((Counter(wa) & Counter(wb)).values())


def _least_to_relate(shorter: int) -> float:
    """Words in common below which two wordings, the shorter of ``shorter`` words, can hold
    no relation ``compare`` verifies."""
    least = _RELATION_SHARE * shorter
    return min(least, OVERLAP_MIN_WORDS) if shorter >= OVERLAP_MIN_WORDS else least


def _aligned(wa: list[str], wb: list[str]) -> Comparison | None:
    """``compare`` on normalised word lists, aligned without the shortcut."""
    na, nb = " ".join(wa), " ".join(wb)
    if na == nb:
        return Comparison("same", 1.0)
    if min(len(wa), len(wb)) / max(len(wa), len(wb)) >= SAME_MIN_LENGTH_RATIO:
        char = fuzz.ratio(na, nb)
        if char >= SAME_CHAR_RATIO and fuzz.ratio(wa, wb) >= SAME_WORD_RATIO:
            return Comparison("same", char / 100)
    if len(wa) == len(wb) >= REORDERED_MIN_WORDS and sorted(wa) == sorted(wb):
        return Comparison("same", REORDERED_SCORE)
    if len(wb) < len(wa) and (score := _is_fragment(wb, wa)) is not None:
        return Comparison("contains", score)
    if len(wa) < len(wb) and (score := _is_fragment(wa, wb)) is not None:
        return Comparison("contained_in", score)
    if len(wb) < len(wa) and (score := _elided_fragment(wb, wa)) is not None:
        return Comparison("contains", score)
    if len(wa) < len(wb) and (score := _elided_fragment(wa, wb)) is not None:
        return Comparison("contained_in", score)
    if min(len(wa), len(wb)) >= OVERLAP_MIN_WORDS:
        run = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).find_longest_match()
        shared = wa[run.a : run.a + run.size]
        if run.size >= OVERLAP_MIN_WORDS and len(_content(shared)) >= OVERLAP_MIN_CONTENT_WORDS:
            return Comparison("overlaps", run.size / min(len(wa), len(wb)))
    return None


# A lookup that only overlaps a statement ("most serious shortcoming": the quote was "the most
# serious", "shortcoming" is the reporter's word) still ranks it, below any verified match: the
# overlap needs two content words in one run and is worth at most LOOKUP_OVERLAP_WEIGHT.
LOOKUP_OVERLAP_WEIGHT = 0.8
LOOKUP_THRESHOLD = 0.5


def lookup_match(query: str, wording: str) -> tuple[float, Relation]:
    """Rank a stored wording for a journalist's lookup of a full, partial or altered quote:
    a score 0..1, and how the query relates to the wording.

    A verified ``compare`` relation scores its similarity (0.85-1); otherwise the longest run of
    words both share, if it holds two content words, scores up to ``LOOKUP_OVERLAP_WEIGHT`` by
    the share of the shorter text it covers (relation ``overlaps``). Keep results at or above
    ``LOOKUP_THRESHOLD``; a wording that cannot reach it may score 0 without being aligned.
    """
    wq, ww = _words(query), _words(wording)
    if not wq or not ww:
        return 0.0, "overlaps"
    # Every relation compare() verifies but an overlap needs _RELATION_SHARE of the shorter
    # text's words in the other, and an overlap worth the threshold needs a shared run of
    # THRESHOLD / WEIGHT of it: fewer shared words than both (counted with repeats) and the
    # wording cannot be a hit. Most candidates of a lookup share a phrase or two and stop
    # here, before any alignment.
    shared, shorter = _shared_words(wq, ww), min(len(wq), len(ww))
    if shared < min(_RELATION_SHARE, LOOKUP_THRESHOLD / LOOKUP_OVERLAP_WEIGHT) * shorter:
        return 0.0, "overlaps"
    # compare(), with the words in common counted once.
    result = _aligned(wq, ww) if shared >= _least_to_relate(shorter) else None
    if result is not None and result.relation != "overlaps":
        return result.score, result.relation
    match = difflib.SequenceMatcher(a=wq, b=ww, autojunk=False).find_longest_match()
    run = wq[match.a : match.a + match.size]
    if len(_content(run)) < 2:
        return 0.0, "overlaps"
    return LOOKUP_OVERLAP_WEIGHT * match.size / shorter, "overlaps"


def lookup_score(query: str, wording: str) -> float:
    """The score of :func:`lookup_match`."""
    return lookup_match(query, wording)[0]


def could_be_inside(query: str, text: str) -> bool:
    """Whether ``compare(query, text)`` can find ``query`` inside ``text`` (``contained_in``):
    a cheap necessary condition, so that a lookup skips the alignment for texts that cannot
    hold it. Both ways of being contained need 90 % of the query's words in ``text``: a window
    ratio of ``CONTAIN_WORD_RATIO`` over a window of at most one word more, or an elided
    fragment covering ``ELIDED_MIN_COVER`` of it."""
    wq = Counter(_words(query))
    available = Counter(_words(text))
    shared = sum(min(n, available[w]) for w, n in wq.items())
    need = min(CONTAIN_WORD_RATIO / 100, ELIDED_MIN_COVER) * sum(wq.values()) - 1
    return shared >= need


# ---------------------------------------------------------------------------------------------
# Word diff
# ---------------------------------------------------------------------------------------------

DiffKind = Literal["equal", "replace", "insert", "delete"]
_RAW_TOKEN = re.compile(r"\S+")
_QUOTES_ONLY = str.maketrans("", "", _DOUBLE_QUOTES + "‘’")


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff: ``old`` and ``new`` are the words as written."""

    op: DiffKind
    old: str
    new: str

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "old": self.old, "new": self.new}


def _raw_tokens(text: str) -> list[re.Match[str]]:
    return list(_RAW_TOKEN.finditer(text))


def _slice(text: str, tokens: Sequence[re.Match[str]], i: int, j: int) -> str:
    return text[tokens[i].start() : tokens[j - 1].end()] if j > i else ""


def word_diff(old: str, new: str) -> list[DiffOp]:
    """Word-level diff of two wordings as written (not normalised).

    Words are compared as written except for quote marks, which belong to the article rather than
    the statement (``launch.”`` and ``launch”.`` are the same word); brackets, case and spelling
    count, so ``(the)`` -> ``[the]`` and ``criticised`` -> ``criticized`` show up as
    replacements. Each op carries the original text spans joined as they were written.
    """
    ot, nt = _raw_tokens(old), _raw_tokens(new)

    def key(m: re.Match[str]) -> str:
        return unicodedata.normalize("NFKC", m.group()).translate(_QUOTES_ONLY)

    matcher = difflib.SequenceMatcher(
        a=[key(m) for m in ot], b=[key(m) for m in nt], autojunk=False
    )
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ops.append(DiffOp(tag, _slice(old, ot, i1, i2), _slice(new, nt, j1, j2)))
    return ops


# ---------------------------------------------------------------------------------------------
# Restatement (paraphrase without quote marks)
# ---------------------------------------------------------------------------------------------

# A statement of up to SHORT_STATEMENT_WORDS words carries too few content words to judge by
# overlap: the sentence must contain its whole wording as one run (partial ratio on words, so
# "the most serious" inside "one of the most serious it has encountered" scores 1.0 and "the
# serious" or "most important" do not reach the threshold). Longer statements are judged on their
# content words: the share that reappears in the sentence in the same order (longest common
# subsequence), averaged with rapidfuzz's token_set_ratio on content words.
SHORT_STATEMENT_WORDS = 6
# 0.8: the short rule needs all of a 3-6 word fragment (one changed word in five scores 0.8 only
# for 5+ words); the long rule needs ~80 % of the content words back in order. Measured on the
# seeds (003's sentences against the 14 quotes of 000-002) unrelated pairs score at most 0.5, and
# on 10,000 PolNeAR sentences at most 0.75; only "the most serious" fires there, on sentences
# that really contain it ("launched the most serious challenge"): see ``context``.
RESTATEMENT_THRESHOLD = 0.8
# ...and a statement with fewer content words than this is judged like a short one, whatever
# its length: "What about during 9/11? I was there." has two ("9", "11"), and any sentence
# naming 9/11 would restate it (it was linked as a paraphrase from 12 PolNeAR articles).
LONG_STATEMENT_CONTENT_WORDS = 4
# With a ``context`` (the text the statement was quoted in), a short statement also needs the
# sentence to name something the context names (a capitalised word: "North Korean", "KCNA").
# Shared common words are no evidence ("launched the most serious challenge ... in years" shares
# "launch" and "year" with AP's satellite story); a shared name is. Without one the score is
# capped below the threshold.
CONTEXT_MISSING_CAP = 0.6
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")


def _names(text: str) -> set[str]:
    """Capitalised words of ``text`` (names, mostly), normalised; stop words ("The") left out."""
    return {w for m in _CAPITALISED.findall(text) for w in _words(m)} - STOP_WORDS


def restatement_score(sentence: str, statement: str, context: str | None = None) -> float:
    """How strongly ``sentence`` (no quote marks) restates ``statement``, from 0 to 1.

    Compare with ``RESTATEMENT_THRESHOLD``. Short statements (a quoted fragment such as "the most
    serious") must reappear whole and in order; long statements are scored on their content words
    in order. Sentences that merely share common words with a statement score low.

    A 3-word fragment is common English ("the most serious challenge"): pass ``context``, the
    text around a quote of the statement (its sentence or paragraph), and a short statement then
    counts only if the sentence also names something the context names ("North Korean").
    """
    ss, st = _words(sentence), _words(statement)
    # Names are what the sentence is about, not what it says: "Trump ... protecting the Second
    # Amendment" does not restate “his word does not trump the Second Amendment”, nor "the
    # Republican Party together as ... conservatives" “the Republican party that has disdain
    # for conservatives”. A long statement is restated by its other content words.
    sentence_names = _names(sentence)
    names = _names(statement) | sentence_names
    content = _content(st)
    if not ss or not content:
        return 0.0
    st_content = [w for w in content if w not in names]
    if len(st) <= SHORT_STATEMENT_WORDS or len(st_content) < LONG_STATEMENT_CONTENT_WORDS:
        if len(st) < MIN_FRAGMENT_WORDS:
            return 0.0
        score = _window_ratio(st, ss) / 100
        if context is not None and not (sentence_names & (_names(context) - set(st))):
            score = min(score, CONTEXT_MISSING_CAP)
        return score
    ss_content = [w for w in _content(ss) if w not in names]
    if not ss_content:
        return 0.0
    in_order = LCSseq.similarity(st_content, ss_content) / len(st_content)
    token_set = fuzz.token_set_ratio(" ".join(st_content), " ".join(ss_content)) / 100
    return (in_order + token_set) / 2


# ---------------------------------------------------------------------------------------------
# Prose reuse between articles
# ---------------------------------------------------------------------------------------------

# 12 words: measured on the seeds, PressTV 000 and the AP copy 001 share one 19-word run
# ("important tasks for strengthening solidarity with countries that are opposed to the US
# brigandish strategy for world supremacy, KCNA") and shorter ones (10, 7 words); the unattributed
# rewrite 003 shares nothing longer than 5 words with any seed. Runs of 8-10 words are still
# common news phrasing ("make a successful launch in a short span of time" is 10).
MIN_PASSAGE_WORDS = 12
# Article keys: winnowed hashes of word 6-shingles with a window of 7, so any shared run of
# 6 + 7 - 1 = 12 words (MIN_PASSAGE_WORDS) yields at least one common key; density ~2/(7+1), i.e.
# ~250 keys for a 1,000-word article. Capped at ARTICLE_MAX_KEYS by keeping the smallest hashes
# (a consistent sample, so two long articles sharing much still meet); past the cap (~2,000 words)
# the 12-word guarantee weakens to a probabilistic one.
ARTICLE_SHINGLE_WORDS = 6
ARTICLE_WINNOW_WINDOW = 7
ARTICLE_MAX_KEYS = 512


@dataclass(frozen=True)
class Passage:
    """A run of words two articles share: character offsets into each text as given."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "words": self.words,
        }


def _tokens_with_offsets(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Normalised words of ``text`` with their character offsets in ``text`` as given.

    Tokenised on the original text (NFKC and quote stripping would move offsets), each token then
    normalised on its own: the same key per word as ``normalise`` in all but unit splitting.
    """
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"\w+(?:['’]\w+)*", text):
        token = unicodedata.normalize("NFKC", m.group()).casefold().replace("’", "'")
        if token.replace("_", ""):
            words.append(_normalise_token(token))
            spans.append(m.span())
    return words, spans


def shared_passages(text_a: str, text_b: str, min_words: int = MIN_PASSAGE_WORDS) -> list[Passage]:
    """Long runs of words (``min_words`` or more) that two articles share, quotes included.

    Seed-and-extend: every ``seed``-word run of ``a`` is indexed, and each hit in ``b`` where the
    words before differ (the start of a maximal run) is extended forward as far as the words
    agree, so each run is walked once. Words compare by their match key (case, quote marks,
    punctuation, spelling ignored). Sorted by position in ``a``.
    """
    wa, sa = _tokens_with_offsets(text_a)
    wb, sb = _tokens_with_offsets(text_b)
    seed = min(min_words, 5)
    if min_words < 1 or len(wa) < min_words or len(wb) < min_words:
        return []
    where: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(wa) - seed + 1):
        where.setdefault(tuple(wa[i : i + seed]), []).append(i)
    found: list[Passage] = []
    for j in range(len(wb) - seed + 1):
        for i in where.get(tuple(wb[j : j + seed]), ()):
            if i > 0 and j > 0 and wa[i - 1] == wb[j - 1]:
                # Inside a run: its first seed reports it. Extending from every seed of a run
                # is quadratic in its length (two copies of one 3,700-word story took 1.8 s).
                continue
            end_i, end_j = i + seed, j + seed
            while end_i < len(wa) and end_j < len(wb) and wa[end_i] == wb[end_j]:
                end_i, end_j = end_i + 1, end_j + 1
            if end_i - i >= min_words:
                found.append(Passage(sa[i][0], sa[end_i - 1][1], sb[j][0], sb[end_j - 1][1],
                                     end_i - i))
    return sorted(found, key=lambda p: (p.a_start, p.b_start))


def article_keys(text: str) -> set[str]:
    """Keys for finding articles that may reuse this one's prose (table ``(key, article_id)``).

    Winnowed hashes of word 6-shingles (``a:{hex}``): any run of ``MIN_PASSAGE_WORDS`` words
    shared with another article gives a common key. At most ``ARTICLE_MAX_KEYS`` keys. Verify the
    candidates with ``shared_passages``.
    """
    words, _ = _tokens_with_offsets(text)
    k = ARTICLE_SHINGLE_WORDS
    hashes = [_hash64(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)]
    picked = {hashes[i] for i in _winnow(hashes, ARTICLE_WINNOW_WINDOW)}
    if len(picked) > ARTICLE_MAX_KEYS:
        picked = set(sorted(picked)[:ARTICLE_MAX_KEYS])
    return {f"a:{h:016x}"[: 2 + _KEY_HEX] for h in picked}


#: An index key, as the store keeps it (``rank_candidates`` works on any).
K = TypeVar("K", bound=Hashable)


def rank_candidates(query_keys: Iterable[K], postings: Mapping[K, Iterable[int]]) -> list[int]:
    """Ids sharing keys with the query, most shared first, then by id (the in-memory twin of
    the SQL query).

    ``SELECT statement_id, count(*) FROM keys WHERE key IN (...) GROUP BY statement_id ORDER BY
    count(*) DESC, statement_id``. The store runs the SQL for one text, and this over the
    posting lists it read once for many (an article's sentences).
    """
    counts: dict[int, int] = {}
    for key in set(query_keys):
        for ident in postings.get(key, ()):
            counts[ident] = counts.get(ident, 0) + 1
    return sorted(counts, key=lambda i: (-counts[i], i))
