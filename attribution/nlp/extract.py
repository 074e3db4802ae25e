"""The extraction engine: parse in bulk with Stanza, then find every attribution.

Steps for one article:

1. quotation spans from the raw characters (:mod:`quotes`);
2. cue candidates from the parse (:mod:`speakers`): reporting verbs with a clausal content,
   objects and infinitives of verbs the lexicon trusts, passives with an agent, inverted cues
   (“…,” she said), *according to*, reporting nouns with a that-clause;
3. quotations joined to the candidates: a candidate's content is widened to whole quotations,
   a quote interrupted by its cue becomes one statement, a quote with no cue in its sentence takes
   a cue nearby (``he said:``, ``― Name``, a transcript label), closes the clause its cue
   reports, or continues the previous speaker (in the previous attribution, when that one
   quoted too); quote marks with nothing around them that reports speech are dropped; a
   quotation opened by a reporting verb and a comma or colon (``he said, adding: “…”``) is
   that verb's alone;
4. the learned span tagger (:mod:`tagger`) adds attributions the rules missed (where its
   content touches no attribution of the rules), and the learned choice
   (:mod:`speaker_choice`) picks each cue's speaker among the rules' one, the tagger's sources
   and the noun phrases of the cue's sentence (or no one);
5. quotes inside a relayed clause (``KCNA said a report … “bitterly criticised …”``) become
   attributions of their own, with the inner subject as speaker and the outer one as relay;
6. speaker mentions resolved to in-article entities (:mod:`entities`);
7. the learned choice of bounds (:mod:`content_choice`) moves where a reported content
   begins and ends (outside quotation marks) among the readings the parse allows;
8. the learned confidence (:mod:`confidence`) of each attribution; what it doubts is dropped,
   except the links of a chain with a sure attribution and speakers named by form;
9. words of the reported sentence outside what the parse gave the cue: those leading into a
   quotation whose cue follows it, those before a cue set off by commas inside the
   sentence it reports (``At one point, she said, she …``), the subject a passive or seeming
   cue describes (``The island was known as …``), the phrase a quoted word goes on with, and
   a party label after a name; whom a cue tells is left out, and pieces of one statement on
   both sides of its cue and speaker become one attribution;
10. source chains from nesting: the original speaker first, then each relay.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from attribution.nlp import (
    confidence,
    content_choice,
    evidence,
    focus,
    models,
    speaker_choice,
    tagger,
)
from attribution.nlp.confidence import Evidence, Judge
from attribution.nlp.content_choice import ContentChoice, trim_piece
from attribution.nlp.entities import EntityTable
from attribution.nlp.evidence import MIN_SPEECH_WORDS
from attribution.nlp.lexicon import Lexicon, default_lexicon
from attribution.nlp.quotes import ALL_MARKS, Quotation, find_quotations
from attribution.nlp.speaker_choice import SpeakerChoice
from attribution.nlp.speakers import (
    ADDRESSING_CUES,
    REGARDING_CUES,
    SAID_OF_CUES,
    SEEMING_CUES,
    SUBJECT_RELS,
    Candidate,
    according_to,
    concessive,
    cue_score,
    cue_words,
    fragments,
    has_subject,
    opens_with_clause,
    passive_agent,
    passive_subject,
    says_when,
    seeming_subject,
    speaker_phrase,
    subject_of,
    verb_candidates,
)
from attribution.nlp.syntax import (
    Sentence,
    Word,
    glued,
    has_proper_noun,
    phrase_head,
    roots_of,
    sentences_of,
)
from attribution.nlp.tagger import Beliefs, TaggedSpan, TokenBelief
from attribution.nlp.types import Analysis, Attribution, ChainLink, Span, SpeakerMention

_WORD = re.compile(r"\w+")
#: The relations that join a word to the rest of its name ("Peter" -> "Fenn": flat).
_NAME_LINKS = {"flat", "compound", "fixed", "appos"}
#: A party label right after a name (see :data:`models.PARTY_LABEL`).
_AFTER_PARTY_LABEL = re.compile(r"[ \t]*(" + models.PARTY_LABEL.pattern + ")")
# A speaker label opening a line: `WALLACE: …`, `"PENCE: …`, `Rush Limbaugh: …`; or, as
# headlines write it, with whom or what the speaker speaks to or on: `CNN President On Trump:
# …`, `Clinton to Planned Parenthood: …` (the name is the speaker, the rest no part of it;
# PolNeAR's cue is the colon alone: 4 such headlines in train).
_LABEL_WORD = r"(?!(?:[Oo]n|[Tt]o|[Aa]bout)\b)[A-Z][\w.'\u2019-]*"
_LABEL = re.compile(
    rf"^[ \t]*([\"\u201c]?)({_LABEL_WORD}(?:[ \t]+{_LABEL_WORD}){{0,3}})"
    r"(?:[ \t]+(?:[Oo]n|[Tt]o|[Aa]bout)[ \t]+[^:\n]{1,80}?)?:[ \t]+(\S[^\n]*)$",
    re.M,
)
# A quote signed by its speaker: “…” ― Jorge Falcon
_NAME = r"([A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+(?:[A-Z][\w.'\u2019-]*|de|van|von|del)){0,4})"
_SIGNATURE = re.compile(r"[ \t\u00a0]*([\u2015\u2014\u2013]|--)[ \t\u00a0]*" + _NAME)
# ... or by a line of its own under it, a hyphen and the name (fact checks, letters):
# “…”\n\n- Bernie Sanders.   “…”\n\n-Michelle Marks, Philadelphia.
# The name ends its line, so that a list of points ("- Clinton said …") is no signature.
_SIGNATURE_LINE = re.compile(
    r"[ \t\u00a0]*\n\s*(-)[ \t\u00a0]*" + _NAME + r"(?=[ \t\u00a0]*(?:[.,][^\n]*)?(?:\n|$))")


def analyse(text: str) -> Analysis:
    """Every attribution in one article."""
    return next(iter(analyse_many([text])))


def analyse_many(
    texts: Iterable[str],
    batch_size: int = 16,
    time_budget: float | None = models.TIME_BUDGET_SECONDS,
) -> Iterator[Analysis]:
    """Analyse many articles, parsing them with Stanza in batches of ``batch_size``; an article
    gets ``time_budget`` seconds of parsing (None: no limit), and says where it stopped."""
    for batch in models.batched(texts, batch_size):
        parses = models.parse(batch, time_budget, focus.sentences_to_parse)
        yield from _analyse_parsed_many(batch, parses)


def analyse_parsed(text: str, parsed: Any, lexicon: Lexicon | None = None) -> Analysis:
    """Find attributions in ``text`` given its parse (a :class:`models.Parse`, or anything with
    Stanza ``sentences``)."""
    return _analyse_parsed_many([text], [parsed], lexicon)[0]


def _analyse_parsed_many(texts: list[str], parses: list[Any], lexicon: Lexicon | None = None
                         ) -> list[Analysis]:
    """Attributions in parsed texts; the span tagger runs over all of them at once."""
    lexicon = lexicon or default_lexicon()
    sentences = [sentences_of(p) for p in parses]
    quotations = [find_quotations(t) for t in texts]
    tagged = tag_parsed(texts, sentences, quotations)
    out = []
    for text, parsed, sents, tags, quotes in zip(texts, parses, sentences, tagged, quotations,
                                                 strict=True):
        analysis = _Article(text, sents, lexicon, tags, quotes).run()
        analysis.long_sentences_cut = getattr(parsed, "long_sentences_cut", 0)
        analysis.stopped_at = getattr(parsed, "stopped_at", None)
        out.append(analysis)
    return out


def tag_parsed(texts: list[str], sentences: list[list[Sentence]],
               quotations: list[list[Quotation]]) -> list[list[TaggedSpan | TokenBelief]]:
    """The span tagger's spans in parsed texts (none where the package lacks the tagger),
    sentences inside their quotations left untagged."""
    if not tagger.available():
        return [[] for _ in texts]
    return tagger.tag_many([(t, s, [part for q in qs for part in q.parts])
                            for t, s, qs in zip(texts, sentences, quotations, strict=True)])


@dataclass
class _Found:
    """An attribution being assembled."""

    content: list[tuple[int, int]]
    cue: list[Word] | None
    source: list[Word]
    score: float
    how: str
    quotes: list[Quotation] = field(default_factory=list)
    speaker: SpeakerMention | None = None
    chain: list[ChainLink] = field(default_factory=list)
    outer: _Found | None = None
    confidence: float | None = None  # learned (confidence.py), when the package ships it
    #: how sure the learned content choice is of the bounds it chose: that reading's share of
    #: its softmax over the readings (1 where nothing was chosen)
    bounds_sure: float = 1.0

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]

    @property
    def cue_start(self) -> int:
        return self.cue[0].start if self.cue else self.start

    def cued_by(self, word: Word) -> bool:
        """Is ``word`` one of its cue's words?"""
        return any(w.index == word.index for w in self.cue or [])


#: The ways of finding an attribution whose speaker the learned choice may change: those with a
#: cue in a parsed sentence. "According to X", labels and signatures name their speaker by
#: their form; a continuation has no cue; an embedded quote's speaker is its clause's subject.
_CHOSEN = {"ccomp", "xcomp", "obj", "passive", "inverted", "noun", "adjacent", "learned"}
#: The ways of finding an attribution whose content bounds the learned choice may move: those
#: whose content the parse cut out (a continuation or an embedded quote is its quotation).
_BOUNDED = _CHOSEN | {"according"}
_DEFAULT: Any = object()
#: Attributions whose form names their speaker are kept whatever the learned confidence: a
#: transcript label "WALLACE: …" and a signature "― Name", of which PolNeAR's news holds too few
#: for train to judge them, and "according to X", whose form is the attribution: 396 of the 422
#: the rules find on train's five folds are PolNeAR's, and a confidence that reads the span
#: tagger's marks would drop a lone one the tagger leaves unmarked ("According to the Joint
#: Chiefs of Staff, the projectile disappeared from radar.": bench/README.md, "The Adam tagger
#: beside calibrated Adam fold taggers").
_NAMED_BY_FORM = {"label", "signature", "according"}
#: Whose sure attribution keeps a doubted link of its chain: an outlet, a government or an
#: organisation, whose reports relay others' statements (KCNA's of the Politburo's report). A
#: person's doubted links are mostly their reading of others ("Trump said *voters supported*
#: him", "she *thinks* …"): of the 181 links train's five folds kept for a sure attribution,
#: 166 matched no PolNeAR attribution, 78 of them beside a person's, 52 beside a speaker the
#: entities could not place (bench/README.md, "Whose chains").
_RELAYERS = {"media", "government", "organisation"}
#: Pronouns that can name who speaks before a colon ("He then listed …: “…”").
_SPEAKING_PRONOUNS = {"he", "she", "they", "i", "we"}
#: The marks that cue an attribution with no word: a colon ("Bush: …") and the dashes of a
#: signature ("― Name"); PolNeAR marks 145 colons and 11 dashes as cues in train, and no
#: bracket. A tagged cue of other marks is markup the tagger misread (`<tweet pic="" …>`).
_DASHES = {"-", "--", "\u2013", "\u2014"}
_MARK_CUES = {":", "\u2015", *_DASHES}
#: What may stick to such a mark in the tagger's cue (`:"` before a quotation).
_MARKS_AND_SPACE = "".join(sorted(ALL_MARKS)) + " \t\n\u00a0"
#: What ends a sentence, before the next one opens: its stop, and the quotation marks after it
#: (the parse may run ``… on “Meet the Press.” “She lies …`` into one sentence).
_AFTER_A_SENTENCE = re.compile(r"[.?!][\"”'’]*\s*$")
#: The relations under a cue whose phrase is never what it reports: who speaks, and the
#: reporter's own clauses around the cue ("Asked about it, she said, …").
_NOT_SAID = {*SUBJECT_RELS, "advcl", "parataxis", "obl:tmod", "vocative", "expl"}
#: The relations under a cue whose phrase is what it reports, when a quotation lies inside.
_PHRASE_RELS = {"obj", "ccomp", "xcomp"}


class _Article:
    def __init__(self, text: str, sentences: list[Sentence], lexicon: Lexicon,
                 tagged: Sequence[TaggedSpan | TokenBelief] | None = None,
                 quotes: list[Quotation] | None = None,
                 chooser: SpeakerChoice | None = _DEFAULT,
                 judge: Judge | None = _DEFAULT,
                 bounds: ContentChoice | None = _DEFAULT,
                 bounds_gate: float = evidence.BOUNDS_GATE):
        self.text = text
        self.bounds_gate = bounds_gate
        self.bounds = content_choice.shipped() if bounds is _DEFAULT else bounds
        self.chooser = speaker_choice.shipped() if chooser is _DEFAULT else chooser
        self.judge = confidence.shipped() if judge is _DEFAULT else judge
        self.tagged = [t for t in tagged or () if isinstance(t, TaggedSpan)]
        by_sentence: dict[int, list[TokenBelief]] = {}
        for t in tagged or ():
            if isinstance(t, TokenBelief):
                by_sentence.setdefault(t.sentence, []).append(t)
        # the tagger's beliefs by sentence, for the learned choices (none where it did not read)
        self.beliefs = {i: Beliefs.of(rows) for i, rows in by_sentence.items()}
        self.sentences = sentences
        self.lexicon = lexicon
        self.quotes = find_quotations(text) if quotes is None else quotes
        self.quote_spans = [p for q in self.quotes for p in q.parts]
        # quotations with no cue that went on no attribution the rules found (:meth:`_attach`)
        self.uncued: list[Quotation] = []
        self.entities = EntityTable(text, sentences, self.quote_spans)
        self.words = [w for s in sentences for w in s.words]
        self.word_starts = [w.start for w in self.words]
        # a first line above the story is its headline (a text of one line has none)
        self.headline_end = max(0, text.find("\n"))

    # -- helpers ------------------------------------------------------------------------------

    def _in_quote(self, pos: int) -> Quotation | None:
        for q in self.quotes:
            if any(s <= pos < e for s, e in q.parts):
                return q
        return None

    def _sentence_at(self, pos: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= pos < s.end + 1:
                return s
        return None

    def _line_of(self, pos: int) -> tuple[int, int]:
        """Start and end offsets of the line holding ``pos``."""
        hi = self.text.find("\n", pos)
        return self.text.rfind("\n", 0, pos) + 1, len(self.text) if hi < 0 else hi

    # -- pipeline -----------------------------------------------------------------------------

    def run(self) -> Analysis:
        found = self._candidates()
        found = self._join_quotes(found)
        found.extend(self._learned(found))
        self._continued(found)
        found.extend(self._embedded(found))
        found.sort(key=lambda f: (f.start, f.cue_start))
        self._resolve(found)
        for f in found:
            self._take_clause_opener(f)
        if self.bounds is not None:
            self._choose_contents(found)
        for f in found:
            self._keep_to_lines(f)
        found = [f for f in found if f.content and not (
            f.how == "embedded" and (f.speaker is None or f.outer is None or f.outer.speaker is None
                                     or f.speaker.entity == f.outer.speaker.entity))]
        found = self._judged(found)
        for f in found:
            self._tidy_speaker(f)
        for f in found:
            self._take_sentence_opening(f, found)
            self._take_lead_after_cue(f, found)
            self._take_lead_before_aside(f, found)
            self._take_relative_pronoun(f, found)
            self._take_phrase_after_quotation(f, found)
            self._take_passive_subject(f, found)
            self._take_party_label(f, found)
        for f in found:
            self._aside_of_speaker(f)
            self._drop_conjoined_lead(f)
            self._drop_participle_tail(f)
            self._drop_narration_after_quotation(f)
            self._take_determiner(f, found)
            self._drop_addressee(f)
            self._drop_speaker_phrase(f)
            self._close_holes(f)
            f.content = [_widened_to_words(self.text, s, e) for s, e in f.content]
            f.content = [(s, _closing_quote(self.text, s, e)) for s, e in f.content]
        found = self._one_per_content(found)
        found = self._joined_around_cue(found)
        self._chains(found)
        quotes = [self._public(f) for f in found]
        return Analysis(
            quotes=quotes,
            entities=self.entities.public(),
            sentences=[Span.of(self.text, s.start, s.end) for s in self.sentences],
            unattributed=self._unattributed(found),
        )

    def _unattributed(self, found: list[_Found]) -> list[Span]:
        """Quotations long enough to be speech that no attribution's content touches."""
        return [
            Span.of(self.text, q.start, q.end)
            for q in self.quotes
            if q.words(self.text) >= MIN_SPEECH_WORDS
            and not _in_a_content(found, q.start, q.end)
        ]

    def _candidates(self) -> list[_Found]:
        cands: list[Candidate] = []
        for s in self.sentences:
            cands.extend(verb_candidates(s, self.lexicon, self.quote_spans))
            cands.extend(according_to(s))
        out: list[_Found] = []
        seen_cues: set[int] = set()
        for c in cands:
            c.content = self._clip_to_lines(c.content, c.cue.start)
            c.content = [(s, e) for s, e in c.content if _WORD.search(self.text[s:e])]
            if not c.content or c.cue.index in seen_cues:
                continue
            if self._in_quote(c.cue.start) is not None:
                # Reporting inside a quotation is the quoted speaker's own words, not an
                # attribution the article makes (PolNeAR annotates none of them either).
                continue
            seen_cues.add(c.cue.index)
            out.append(_Found(content=list(c.content), cue=c.cue_words, source=c.source,
                              score=c.score, how=c.how))
        # Two cues each inside the other's content ("The report called on officials to …, KCNA
        # said"): the parse put the outer cue clause inside the inner content; cut it out.
        for a in out:
            for b in out:
                if a is b or not a.cue or not b.cue:
                    continue
                if _covers(a.content, b.cue_start) and _covers(b.content, a.cue_start):
                    lo = min([w.start for w in b.cue] + [w.start for w in b.source])
                    hi = max([w.end for w in b.cue] + [w.end for w in b.source])
                    a.content = _subtract(a.content, (lo, hi))
                    a.content = [(s, e) for s, e in a.content if _WORD.search(self.text[s:e])]
        return [f for f in out if f.content]

    def _learned(self, found: list[_Found]) -> list[_Found]:
        """What the learned parts add to the rules: whole attributions the span tagger found,
        and the speaker of each cue chosen among its candidates."""
        added = self._learned_attributions(found) if self.tagged else []
        if self.chooser is not None:
            self._choose_speakers([*found, *added])
        elif self.tagged:
            self._learned_speakers(found)
        return added

    def _speaker_candidates(self, f: _Found, found: Sequence[_Found]
                            ) -> list[speaker_choice.Candidate]:
        """Who might speak for ``f``'s cue (see :mod:`speaker_choice`), one of ``found``. The
        span tagger's beliefs are not read for a cue that heads what another cue reports (a
        link of a chain: "KCNA said *the report called on* officials …"): the tagger marks one
        layer, so its sure source there is the other cue's (KCNA, not the report)."""
        assert f.cue
        cue = phrase_head(f.cue)
        tagged = [self._words_in(t.start, t.end) for t in self._tagged_source(cue, f.content)]
        tagged = [t for t in tagged if 0 < len(t) <= evidence.LEARNED_MAX_SOURCE_WORDS]
        relayed = any(g is not f and g.cue and self._reports(g, f) for g in found)
        return speaker_choice.candidates(
            cue, self.sentences[cue.sent].words, f.content, f.source, tagged, f.how,
            self.quote_spans, None if relayed else self.beliefs.get(cue.sent))

    def _choose_speakers(self, found: list[_Found]) -> None:
        """Each cue's speaker, as the learned choice ranks its candidates (perhaps no one)."""
        assert self.chooser is not None
        for f in found:
            if not f.cue or f.how not in _CHOSEN:
                continue
            best = self.chooser.choose(self._speaker_candidates(f, found))
            if best is None:
                continue
            for g in found:
                if g.how == "continuation" and g.source is f.source:
                    g.source = best.words  # the quotation that goes on has the same speaker
            f.source = best.words

    def _content_options(self, f: _Found, kind: str, cue_uses: Counter[int]
                         ) -> list[content_choice.Option]:
        """The readings of ``f``'s bounds (see :mod:`content_choice`); the rules' first.
        ``cue_uses``: how many attributions of the article have each word in their cue."""
        assert f.cue
        cue = phrase_head(f.cue)
        own = Counter(w.index for w in f.cue)
        other_cues = {i for i, n in cue_uses.items() if n > own[i]}
        tagged = [(t.start, t.end) for t in self.tagged
                  if t.type == "CONTENT" and t.sentence == cue.sent]
        return content_choice.options(
            self.text, f.content, self.sentences[cue.sent].words, f.cue, f.source, other_cues,
            self.quote_spans, f.how, kind, tagged, self.beliefs.get(cue.sent))

    def _content_readings(self, found: list[_Found]
                          ) -> Iterator[tuple[_Found, list[content_choice.Option]]]:
        """Each attribution whose bounds the learned choice may move (a reported content with
        words outside quotation marks, found by a cue in a parsed sentence), with its
        readings, read when its turn comes (after the ones before it have moved)."""
        cue_uses = Counter(w.index for g in found if g.cue for w in g.cue)
        for f in found:
            if f.cue and f.content and f.how in _BOUNDED:
                kind = self._kind(f)
                if kind != "direct":
                    yield f, self._content_options(f, kind, cue_uses)

    def _choose_contents(self, found: list[_Found]) -> None:
        """Each reported content's bounds, as the learned choice ranks the readings the parse
        allows: only contents with words outside quotation marks, in the cue's sentence."""
        assert self.bounds is not None
        for f, readings in self._content_readings(found):
            best = self.bounds.choose(readings)
            if best is not None:
                f.bounds_sure = self.bounds.share(best, readings)
            if best is not None and best.content:
                before, f.content = f.content, best.content
                self._absorb_quotes_of_its_cue(f, found, before)

    def _absorb_quotes_of_its_cue(self, f: _Found, found: list[_Found],
                                  before: list[tuple[int, int]]) -> None:
        """A content whose bounds moved over a quotation that its own cue already reports
        alone (`expects to leave Nevada with a “solid share of the delegates”`) takes that
        quotation in: one attribution, a mixed quote, not two. So does one whose bounds the
        learned choice cut short of such a quotation that its rules' bounds (``before``) held:
        the cue reports one clause, not a clause and, apart, the phrase its quotation is in;
        or short of one the cue's own clause goes on to, through words with no subject of
        their own ("He says he’s proud of his campaign *and expects to leave Nevada with* a
        “solid share …”", "expects" a conjunct of "says")."""
        assert f.cue
        cue = {w.index for w in f.cue}
        for g in found:
            if g is f or not g.cue or not g.content or g.how != "adjacent" \
                    or not cue & {w.index for w in g.cue}:
                continue
            if f.start <= g.start < f.end:
                f.content = _merge([*f.content, *g.content])
            elif f.end <= g.start and (_covers(before, g.start)
                                       or self._goes_on_to(f, g.start)):
                f.content = _merge([*f.content, (f.end, g.end)])
            else:
                continue
            f.quotes.extend(g.quotes)
            g.content = []

    def _goes_on_to(self, f: _Found, pos: int) -> bool:
        """Do the words from ``f``'s content's end up to ``pos``, in its cue's sentence, all
        hang under its cue, none a subject?"""
        assert f.cue
        head = phrase_head(f.cue)
        between = self._words_in(f.end, pos)
        return bool(between) and all(
            w.sent == head.sent and w.deprel not in SUBJECT_RELS
            and any(up is head for up in w.ancestors()) for w in between)

    def _tagged_source(self, cue: Word, content: list[tuple[int, int]]) -> list[TaggedSpan]:
        """The tagger's SOURCE spans in the cue's sentence, outside the content, nearest the
        cue first."""
        spans = [t for t in self.tagged if t.type == "SOURCE" and t.sentence == cue.sent
                 and not _covers(content, t.start)]
        return sorted(spans, key=lambda t: _gap(t.start, t.end, cue.start, cue.end))

    def _words_in(self, start: int, end: int) -> list[Word]:
        """The words starting in ``[start, end)`` (the words are in text order)."""
        return self.words[bisect_left(self.word_starts, start):bisect_left(self.word_starts, end)]

    def _learned_speakers(self, found: list[_Found]) -> None:
        """A speaker the rules could not find is the tagger's source nearest the cue; and for a
        quotation, where the tagger sees exactly one source in the cue's sentence and the rules
        chose other words, the tagger's (cross-validated on train: the rules' subject-of-cue
        slips on long appositions and inverted cues)."""
        for f in found:
            if not f.cue:
                continue
            spans = self._tagged_source(f.cue[0], f.content)
            if not spans:
                continue
            words = self._words_in(spans[0].start, spans[0].end)
            if len(words) > evidence.LEARNED_MAX_SOURCE_WORDS:
                continue  # a clause, not who spoke
            disagree = f.quotes and len(spans) == 1 and not any(
                w.start < spans[0].end and spans[0].start < w.end for w in f.source)
            if not f.source or disagree:
                f.source = words

    def _learned_attributions(self, found: list[_Found]) -> list[_Found]:
        """Attributions the tagger found where the rules found none: a CONTENT span no
        attribution touches, with the nearest CUE of its sentence when no rule uses that cue,
        and the SOURCE nearest that cue as speaker."""
        out: list[_Found] = []
        taken = [f.content for f in found]
        cues = [t for t in self.tagged
                if t.type == "CUE" and _may_cue(self.text[t.start:t.end])]
        ruled = {w.index for f in found for w in f.cue or ()}
        for span in (t for t in self.tagged if t.type == "CONTENT"):
            if any(s < span.end and span.start < e for frags in taken for s, e in frags):
                continue
            if len(_WORD.findall(self.text[span.start:span.end])) < evidence.LEARNED_MIN_WORDS:
                continue
            quoted = self._in_quote(span.start)
            if quoted is not None and quoted.end >= span.end and self._names_a_title(quoted):
                continue  # "Sunday on CNN's “Fareed Zakaria GPS,”": where, not what
            near = [c for c in cues if c.sentence == span.sentence
                    and not span.start <= c.start < span.end]
            if not near:
                continue
            cue = min(near, key=lambda c: _gap(c.start, c.end, span.start, span.end))
            cue_words = self._words_in(cue.start, cue.end)
            if not cue_words or any(w.index in ruled or concessive(w) for w in cue_words):
                # The rules already report what this cue says. A second content for it is
                # mostly a phrase the tagger saw beside the cue ("In the early 1990s, Ms.
                # Ripert said, when she …"), or one the bounds then join to the rules' own,
                # two attributions of one statement: end-to-end F1 gained on every fold of
                # train without them (bench/README.md, "One content a cue"). "That said, …"
                # reports nothing (speakers.concessive).
                continue
            content = [(span.start, span.end)]
            sources = self._tagged_source(cue_words[0], content)
            source = self._words_in(sources[0].start, sources[0].end) if sources else []
            if len(source) > evidence.LEARNED_MAX_SOURCE_WORDS:
                source = []
            f = _Found(content=content, cue=cue_words, source=source, score=evidence.LEARNED,
                       how="learned")
            self._widen(f)
            out.append(f)
            taken.append(f.content)
        return out

    def _clip_to_lines(self, frags: list[tuple[int, int]], cue: int) -> list[tuple[int, int]]:
        """Reported speech outside quote marks never crosses a line break (headlines, captions
        and datelines run into one Stanza sentence); quotations are restored by ``_widen``."""
        lo, hi = self._line_of(cue)
        out = []
        for s, e in frags:
            q = self._in_quote(s)
            if q is not None:
                out.append((s, e))
                continue
            s2, e2 = max(s, lo), min(e, hi)
            if e2 > s2:
                out.append((s2, e2))
        return out

    def _keep_to_lines(self, f: _Found) -> None:
        """The tagger's contents and the bounds chosen among readings end at the cue's line
        too, as the rules' do (``_clip_to_lines``; the parse's sentence let them run on: a
        headline into its deck, an article into the byline after it; of train's 19,832
        contents in PolNeAR one crosses a line), keeping whole the quotations they held."""
        if not f.cue:
            return
        kept = self._clip_to_lines(f.content, f.cue_start)
        if kept != f.content:
            touched, f.content = f.content, kept
            self._widen(f, touched)

    def _extend_past_colon(self, f: _Found) -> None:
        """A content cut at a colon or semicolon goes on to the end of its sentence
        ("… three things are happening at once: home values are rising …")."""
        if not f.cue or f.cue_start > f.start:
            return
        sent = self._sentence_at(f.end - 1)
        if sent is None:
            return
        rest = self.text[f.end:sent.end]
        m = re.match(r"\s*[:;]\s*(?=\w)", rest)
        if m:
            end = sent.end
            while end > f.end and self.text[end - 1] in ".!? ":
                end -= 1
            f.content[-1] = (f.content[-1][0], end)

    def _take_clause_opener(self, f: _Found) -> None:
        """A reported clause begins with the word that opens it (said *that* …, asked *whether*
        …); the parse sometimes hangs that word outside the clause, so a content right after
        its cue that begins just after one takes it in."""
        if not f.content or not f.cue or f.cue_start > f.start:
            return
        i = bisect_left(self.word_starts, f.start) - 1
        if i < 0:
            return
        w = self.words[i]
        if w.lemma not in _CLAUSE_OPENERS or w.start < f.cue[-1].end or \
                self.text[w.end:f.start].strip() or any(w is x for x in f.source):
            return
        f.content[0] = (w.start, f.content[0][1])

    def _take_sentence_opening(self, f: _Found, found: list[_Found]) -> None:
        """A quotation that its sentence's own words lead into, with its cue after it, is a
        mixed quote of the whole sentence: in "America needs leaders “who understand …,”
        Clinton said", Clinton said that America needs them too. Only where the words run
        into the quotation mark (not after a colon, a comma or a dash, which set a quotation
        apart: "The old adage, “…”") and hold no other attribution's cue, speaker or content.
        Looked for on train's fold 0 (PolNeAR took the sentence's opening into 12 such
        quotations and left it out of 6, each of those after a colon, comma or dash), checked
        on fold 1: 9 attributions change, content exact F1 54.33 -> 54.40. So too where the
        quotation goes on after its cue ("Biden “has a lot of really good roles to play,” said
        Doyle. “He deservedly has that appeal.”"): the cue after the first quotation, the
        content nothing but quotations (train's five folds: content exact up 0.00-0.10 on
        each, bench/README.md)."""
        if not f.cue or not f.quotes:
            return
        q = min(f.quotes, key=lambda q: q.start)
        if len(f.quotes) == 1:
            if f.cue_start < f.end or f.end > q.end:
                return  # the content is more than the quotation and words of its sentence
        elif f.cue_start < q.end or self._kind(f) != "direct":
            return  # the cue before the first quotation, or words outside the quotations
        sentence = self._sentence_at(q.start)
        if sentence is None or not sentence.start < f.start <= q.start:
            return
        if not self._runs_into(sentence.start, q):
            return
        if self._taken(sentence.start, f.start, f, found):
            return
        f.content[0] = (sentence.start, f.content[0][1])

    def _runs_into(self, lo: int, q: Quotation) -> bool:
        """Do the words from ``lo`` run into ``q``'s opening mark, a word right before it (not a
        colon, a comma or a dash, which set a quotation apart)?"""
        return self.text[lo:q.start].rstrip()[-1:].isalnum()

    def _take_lead_after_cue(self, f: _Found, found: list[_Found]) -> None:
        """A quotation that goes on with a clause its cue opens outside the quote marks is a
        mixed quote of the whole clause: in "Ryan said Obama's words and actions “amount to a
        form of intimidation”", Ryan said that the words amount to it. Only where the words
        between the cue and the quotation run into the quotation mark, the quotation goes on
        in lower case, the span tagger reads those words as content too (the parse, broken by
        the quote marks, seldom does), and no other attribution holds them. Where "that" opens
        the clause (:meth:`_that_before`), the content takes it from "that" on, whatever the
        case of the quotation and whomever the cue tells ("told a town hall … *that
        waterboarding is* “peanuts,”"): on train's folds 20 contents become PolNeAR's
        exactly, none stops."""
        if not f.cue or not f.quotes or f.cue_start > f.start:
            return
        q = min(f.quotes, key=lambda q: q.start)
        if f.start < q.start or self._sentence_at(q.start) is not self._sentence_at(f.cue_start):
            return
        start = self._that_before(f.cue[-1].end, q.start)
        if start is not None:
            if not self._taken(start, q.start, f, found):
                f.content[0] = (start, f.content[0][1])
            return
        if phrase_head(f.cue).lemma in ADDRESSING_CUES:
            return  # "told reporters “…”": whom a cue tells is not what (PolNeAR, 218 of 233)
        lo = max([f.cue[-1].end, *(w.end for w in f.source if w.start < q.start)])
        first = _WORD.search(self.text, q.start)
        if not self._runs_into(lo, q) or first is None or not first[0][0].islower():
            return
        start = next((t.start for t in self.tagged if t.type == "CONTENT"
                      and lo <= t.start < q.start and t.end >= q.start
                      and not self.text[lo:t.start].strip(" ,:")), None)
        if start is None or self._taken(start, q.start, f, found):
            return
        f.content[0] = (start, f.content[0][1])

    def _take_party_label(self, f: _Found, found: list[_Found]) -> None:
        """A content that ends on a legislator's name takes the party label after it: "the
        compromise led by moderate Sen. Susan Collins *(R-Maine)*". The models read the label
        as spaces (:data:`models.PARTY_LABEL`), so the parse never holds it; PolNeAR's content
        does, every time (12 contents of train end on one, none stops before one)."""
        m = _AFTER_PARTY_LABEL.match(self.text, f.end)
        if m is None or self._taken(m.start(1), m.end(), f, found):
            return
        f.content[-1] = (f.content[-1][0], m.end())

    def _take_passive_subject(self, f: _Found, found: list[_Found]) -> None:
        """What a passive cue says of its subject reports the subject too, however the content
        was found ("*Crows and ravens* are considered the “homicide detectives of the avian
        world.”", "*He* is best known for appearances as …"): the subject before the cue
        (:func:`speakers.passive_subject`) opens the content, unless it is the speaker or
        another attribution's."""
        if not f.cue or not f.content or f.cue_start > f.start:
            return
        cue = phrase_head(f.cue)
        subject = passive_subject(cue, []) or seeming_subject(cue)
        if subject is None or subject.upos not in {"NOUN", "PROPN", "PRON"}:
            return
        words = [w for w in subject.subtree() if w.upos != "PUNCT" and w.end <= f.cue_start]
        if not words or words[0].upos in {"ADP", "SCONJ", "CCONJ"}:
            return  # "*After* a Univision host was fired over …": the parse lost the clause
        speaks = any(w.index == subject.index for w in f.source)
        if speaks and (passive_agent(cue)
                       or cue.lemma not in REGARDING_CUES | SAID_OF_CUES | SEEMING_CUES):
            return
        # its own speaker counts against it, unless that speaker is the subject and goes
        if self._taken(words[0].start, words[-1].end, f,
                       [g for g in found if g is not f] if speaks else found):
            return
        if speaks:
            # "He is better known as a Dallas Cowboys fan": no one says it, he is not the speaker
            f.source, f.speaker = [], None
        f.content = [(words[0].start, words[-1].end), *f.content]

    def _take_phrase_after_quotation(self, f: _Found, found: list[_Found]) -> None:
        """A content that ends with a quotation of a few words whose phrase goes on after the
        closing mark goes on with it: "promises to “end” *the Common Core*", "wrote about the
        “creative” *use of forgeries in conjunction with genuine leaks*", "expressed “serious
        concerns” *about a handful of provisions*". The phrase is the subtree of the quoted
        words' top (or of the word after the mark that they modify), from the mark on while
        its words run on without a break, and never over another attribution's words."""
        if not f.cue or not f.quotes or f.cue_start > f.start:
            return
        end = f.content[-1][1]
        q = next((q for q in f.quotes if q.end == end), None)
        if q is None or not re.match(r"[ \t]+\w", self.text[end:end + 2]):
            return
        if re.search(r"[,.;:!?]\W*$", self.text[q.start:q.end]):
            return  # "''my big little brother,''": the quotation closed its own phrase
        quoted = [w for w in self._words_in(q.start, q.end) if w.upos != "PUNCT"]
        if not quoted:
            return
        inside = {w.index for w in quoted}
        top = next(w for w in quoted if w.head is None or w.head.index not in inside)
        if top.head is None:
            return  # the quotation holds the sentence's own root: a clause, not a phrase
        anchor = top.head if top.head.start >= end else top
        phrase = {w.index for w in anchor.subtree()}
        run: list[Word] = []
        sentence = self._sentence_at(end)
        for w in self._words_in(end, sentence.end if sentence else end):
            if w.index not in phrase or self._in_quote(w.start) and not run:
                break
            run.append(w)
        while run and run[-1].upos in {"PUNCT", "CCONJ"}:
            run.pop()
        if not run or self._taken(end, run[-1].end, f, found):
            return
        f.content[-1] = (f.content[-1][0], run[-1].end)

    def _that_before(self, lo: int, hi: int) -> int | None:
        """Where "that" opens the clause of a cue ending at ``lo`` that goes on at ``hi`` (a
        quotation's start, say): "told a town hall … *that* waterboarding is “peanuts,”",
        "stating on NBC's "Meet the Press" *that* Clinton's "judgment" was …". The last "that"
        between the two, with no quotation or sentence end after it; the parse, broken by the
        quote marks, often takes it for a pronoun, so only a determiner ("that night") or a
        relative pronoun (a verb right after it) is passed over."""
        words = self._words_in(lo, hi)
        for w, nxt in reversed(list(zip(words, [*words[1:], None], strict=False))):
            if self._in_quote(w.start) or w.text in {".", ";", "?", "!"}:
                return None
            if w.lemma == "that" and w.deprel != "det":
                # a relative pronoun is the subject or object of its clause: "an email *that
                # could* have come from Trump", "the report *that examined*"
                return None if nxt is not None and nxt.upos in {"VERB", "AUX"} else w.start
        return None

    def _take_lead_before_aside(self, f: _Found, found: list[_Found]) -> None:
        """A cue set off by commas inside the sentence it reports, its speaker just before it
        ("*At one point*, she said, she was considering …", "*Loyalty*, he noted, has long
        been …"), reports the words before it too: PolNeAR's content is both sides of the
        aside, whichever side the parse hung them on. A quotation after the aside takes them
        only where it goes on with their clause ("An economic downturn, he said, “could be a
        good time …”"), not where it opens a sentence of its own ("When he first described
        the wall, he said, “We're going to …”"): train, 20 of 26 and 7 of 60 in PolNeAR's
        content. Never where the words hold another attribution's cue, speaker or content."""
        if not f.cue or not f.source or f.cue_start > f.start:
            return
        if not re.fullmatch(r"\s*,\s*", self.text[f.cue[-1].end:f.start]):
            return
        if self._in_quote(f.start) is not None:
            first = _WORD.search(self.text, f.start)
            if first is None or first[0][0].isupper():
                return
        source_start = min(w.start for w in f.source)
        source_end = max(w.end for w in f.source)
        if source_end > f.cue_start or self.text[source_end:f.cue_start].strip():
            return
        sentence = self._sentence_at(f.cue_start)
        if sentence is None:
            return
        lo = max(sentence.start, self._line_of(f.cue_start)[0])
        head = self.text[lo:source_start].rstrip()
        comma = lo + len(head) - 1
        if not head.endswith(",") or not _WORD.search(self.text[lo:comma]):
            return
        if self._taken(lo, comma, f, found):
            return
        f.content = [(lo, comma), *f.content]

    def _take_relative_pronoun(self, f: _Found, found: list[_Found]) -> None:
        """A cue in a relative clause reports what its relative pronoun stands for: "a wall,
        *which* he said Mexico should pay for", "ending *what* he calls corruption", "a
        candidate *whom* Mr. Trump views as a peer". PolNeAR's content is the pronoun and the
        clause after the cue, the speaker and cue between them left out; the parse puts the
        pronoun in the clause (or, for "what", hangs the clause on it). Never where another
        attribution has words between the pronoun and the content."""
        if not f.cue or not f.content or f.cue_start > f.start:
            return
        cue = phrase_head(f.cue)
        if cue.deprel != "acl:relcl" or cue.head is None:
            return
        first = min((w for w in cue.subtree() if w.upos != "PUNCT"), key=lambda w: w.id)
        if first.lemma in _RELATIVE - {"whose"} and (
                first.upos == "PRON" or first.lemma == "that" and _lacks_subject(
                    self._head_in(f.content))):
            pronoun = first
        elif cue.head.lemma == "what" and cue.head.id == first.id - 1:
            pronoun = cue.head
        else:
            return  # "whose campaign …", "that the media reported it" (a clause of its own)
        if any(w is pronoun or w.start < pronoun.start for w in f.source):
            return  # "the department, which reported …": the pronoun is who spoke
        if self._taken(pronoun.start, f.start, f, [g for g in found if g is not f]):
            return
        f.content = [(pronoun.start, pronoun.end), *f.content]

    def _aside_of_speaker(self, f: _Found) -> None:
        """A piece of content set off by commas between the speaker and the cue describes the
        speaker ("Sembler, *who helped lead fundraising for a pro-Bush super PAC*, has
        agreed", "Tad Devine, *Sanders' senior media adviser*, said"): the parse hung it on
        the cue's clause. It is the speaker's, as PolNeAR's sources keep such descriptions.
        Train's five folds: 24 contents change, 9 become PolNeAR's exactly, none stops."""
        if not f.cue or not f.source or len(f.content) < 2:
            return
        lo, hi = max(w.end for w in f.source), f.cue_start
        for s, e in f.content:
            if lo <= s and e <= hi and re.fullmatch(r"\s*,\s*", self.text[lo:s]) and \
                    re.fullmatch(r"[\s,]*", self.text[e:hi]):
                f.content = [x for x in f.content if x != (s, e)]
                f.source = sorted([*f.source, *self._words_in(s, e)], key=lambda w: w.start)
                self._name_speaker(f)
                return

    def _drop_conjoined_lead(self, f: _Found) -> None:
        """A content does not reach back over the conjunction that joins its cue to an earlier
        verb: in "calling it “disqualifying” *and asserting* that …", "referred to Rubio as “a
        bright, charismatic leader” *but described* …", the words before are the earlier
        verb's (the parse hung them under the later one). Train: 9 contents change, 6 become
        exact, none stops."""
        if not f.cue or len(f.content) < 2 or f.content[0][1] > f.cue_start:
            return
        if re.fullmatch(r"[\s,]*(?:and|but|or)\s+", self.text[f.content[0][1]:f.cue_start]):
            f.content = f.content[1:]

    def _drop_participle_tail(self, f: _Found) -> None:
        """The words after a cue that open with a reporting verb's participle are another act
        of speech, not more of what the cue reports: "“…,” Mr. Manafort said, *adding that* he
        would …", "Mr. Biden added, *noting that* …"."""
        if not f.cue or len(f.content) < 2 or f.content[-1][0] < f.cue[-1].end:
            return
        first = next((w for w in self._words_in(*f.content[-1]) if w.upos != "PUNCT"), None)
        if first is not None and first.upos == "VERB" and first.xpos == "VBG" and \
                cue_score(first, self.lexicon) >= evidence.SPEECH_PARTICIPLE and \
                not f.cued_by(first) and self._in_quote(first.start) is None:
            f.content = f.content[:-1]

    def _drop_narration_after_quotation(self, f: _Found) -> None:
        """A quotation that ends with its comma (or question or exclamation mark) right before
        its speaker and cue is what the cue reports: the reporter's words after the cue are
        not ("“It’s been seven-and-a-half years,” McCain said, *asked about the vagueness in
        an interview*. “Why should I be surprised?”", "“The bullying,” Chris Wallace said,
        *as the crowd cheered*. “The greed. …”"), whatever the parse hung the quotation on.
        The speaker's words go on after the cue only in quotations that follow it at once
        ("…,” she said, “…”) or open a sentence; a title ("on *“Meet the Press.”*") is the
        reporter's. Not where words of the content outside quotation marks come before the
        quotation: the cue interrupts a clause, which goes on after it. PolNeAR train: of the
        3,183 contents in that form, about 1 % go on after the cue in the reporter's own
        words. Train's five folds: 18 contents change, 15 become PolNeAR's exactly, none
        stops."""
        if not f.cue or not f.quotes or not f.source or self._kind(f) == "direct":
            return
        lo, hi = f.cue_start, f.cue[-1].end
        own = {w.index for w in [*f.cue, *f.source]}
        before = [q for q in f.quotes if q.end <= lo]
        if not before:
            return
        last = max(before, key=lambda q: q.end)
        if f.source[0].start < last.end or any(
                w.index not in own for w in self._words_in(last.end, lo)) or \
                self._last_mark(last) not in {",", "?", "!"}:
            return
        held = [(s, min(e, lo)) for s, e in f.content if s < lo]
        if not any(last.start < e and s < last.end for s, e in held) or any(
                _WORD.search(self.text, s, e) for s, e in _gaps(held, before)):
            return  # a clause the cue interrupts goes on after it: Mills “got an immunity
            # agreement,” Jordan said, and still “got to sit in on …”
        going_on = [q for q in f.quotes if q.start >= hi and not q.is_title(self.text)
                    and self._goes_on_speaking(q, hi, own)]
        after = [(max(s, hi), e) for s, e in f.content if e > hi]
        if not any(_WORD.search(self.text, s, e) for s, e in _gaps(after, going_on)):
            return  # nothing but the speaker's quotations after the cue
        quoted = [p for q in going_on for p in q.parts]
        f.content = [*held, *[(max(s, a), min(e, b)) for s, e in after for a, b in quoted
                              if a < e and s < b]]
        f.quotes = [q for q in f.quotes if any(q.start < e and s < q.end for s, e in f.content)]

    def _goes_on_speaking(self, q: Quotation, cue_end: int, own: set[int]) -> bool:
        """Does quotation ``q`` follow the cue ending at ``cue_end`` and its speaker (the words
        ``own``) at once, or open a sentence of its own?"""
        between = self._words_in(cue_end, q.start)
        if all(w.index in own or w.upos == "PUNCT" for w in between):
            return True
        sentence = self._sentence_at(q.start)
        opening = self.text[sentence.start if sentence else 0:q.start]
        return not _WORD.search(opening) or bool(_AFTER_A_SENTENCE.search(opening))

    def _drop_speaker_phrase(self, f: _Found) -> None:
        """Words of the speaker's own name or title are not what was said. Where the speaker
        chosen is the end of a longer name ("Peter *Fenn*", the parse having hung the surname
        on the given name, or the title on the name), a content that runs up to it takes in the
        rest: "“…,” *Democratic pollster Peter* Fenn said. “…”". The words right before the
        speaker, with nothing but spaces between, that belong to its name (they hang on the
        speaker, or the speaker on them by a name's relations) are cut from the content; a
        comma stops them ("…, Mayor Ted Terry noted": the parse may hang the content's last
        word on the name). Train's five folds: 9 contents change, 7 become PolNeAR's exactly,
        none stops."""
        if not f.source or not f.content:
            return
        first = f.source[0]
        n = next((n for n, (_, e) in enumerate(f.content)
                  if e <= first.start and not self.text[e:first.start].strip()), None)
        if n is None:
            return
        s, e = f.content[n]
        source = {w.index for w in f.source}
        # the words of the name the speaker hangs on: the given name of a surname, the title
        # a name is the apposition of ("chairman *Rence Priebus*")
        names: set[int] = set()
        w = phrase_head(f.source)
        while w.head is not None and w.rel in _NAME_LINKS:
            w = w.head
            names.add(w.index)
        words = self._words_in(s, e)
        taken: set[int] = set()  # the words of the name, read back from the speaker
        cut = e
        for i in range(len(words) - 1, -1, -1):
            word = words[i]
            if self._in_quote(word.start) is not None:
                break
            if word.upos == "PUNCT":
                if not glued(words, i):
                    break
                continue  # a hyphen inside a word ("Texas-based") goes with the word
            taken.add(word.index)
            x: Word | None = word
            while x is not None and x.index in taken - names:
                x = x.head
            if x is None or not (x.index in source or x.index in names):
                break
            cut = word.start
        if cut == e:
            return
        s, e = trim_piece(self.text, s, cut)
        if _WORD.search(self.text, s, e):
            f.content[n] = (s, e)
        elif len(f.content) > 1:
            del f.content[n]

    def _drop_addressee(self, f: _Found) -> None:
        """Whom a cue tells is not what it reports: "told *the National Post* he's already
        received hundreds of emails", "telling *cheering supporters* that …". Where the
        content opens with the object of "tell" right after the cue and the cue's clause
        follows the object, the content starts where the clause does: PolNeAR leaves the
        addressee out (train: 50 of the 63 contents that open right after "tell" start later).
        Train's folds: 6 contents change, 4 become exact, none stops."""
        if not f.cue or not f.content or self._kind(f) == "direct":
            return
        cue = phrase_head(f.cue)
        if cue.lemma != "tell" or self.text[f.cue[-1].end:f.start].strip():
            return
        addressee = next((o.subtree() for o in cue.kids("obj", "iobj")
                          if o.subtree()[0].start == f.start), None)
        clause = next((c for c in cue.kids("ccomp")
                       if addressee is not None and c.id > addressee[-1].id), None)
        if addressee is not None and clause is None:
            # the parse hung the clause elsewhere ("is telling *a town hall in Salem that*
            # waterboarding is “peanuts,”"): from a "that" or a colon's quotation after the
            # addressee, where nothing else stands between
            self._drop_addressee_to_marker(f)
            return
        if addressee is None or clause is None:
            return
        first = next((w for w in clause.subtree() if w.upos != "PUNCT"), None)
        if first is None:
            return
        # a verb first: the parse took the clause's subject for the object ("told that Perez
        # *was* …"); a preposition or a relative: the object is what was told ("told the story
        # *of* …"); an infinitive: whom it tells to act is part of it, as for "urge" ("told
        # *Flint residents* not to drink …")
        if first.upos in {"VERB", "AUX", "ADP"} or first.lemma in {"who", "which", "when"} \
                or any(k.lemma == "to" for k in clause.kids("mark")):
            return
        quoted = self._in_quote(first.start)
        start = quoted.start if quoted is not None and quoted.start >= addressee[-1].end \
            else first.start  # “What has happened …”: from its opening mark
        if addressee[-1].end <= start < f.content[0][1]:
            f.content[0] = (start, f.content[0][1])

    def _drop_addressee_to_marker(self, f: _Found) -> None:
        """Start ``f``'s content, which opens with whom its cue tells, where what it tells
        opens within a few words: at a "that" (:meth:`_that_before`), or at a quotation right
        after a colon."""
        words = self._words_in(f.start, f.end)[:evidence.ADDRESSEE_WORDS]
        if len(words) < 2:
            return
        hi = next((w.start for w in words if self._in_quote(w.start)), words[-1].end)
        start = self._that_before(words[0].end, hi)
        if start is None:
            colon = next((w.end for w in words[1:] if w.text == ":" and w.end <= hi), None)
            if colon is not None:
                start = next((q.start for q in self.quotes if colon <= q.start < f.end
                              and not self.text[colon:q.start].strip()), None)
        if start is not None:
            f.content = [(max(s, start), e) for s, e in f.content if e > start]

    def _take_determiner(self, f: _Found, found: list[_Found]) -> None:
        """A content that opens with a quotation takes the determiner right before its mark:
        "warned against *the* “fevered dreams” of a brokered convention", "prefer *the* term
        “undocumented immigrants.”". The quotation goes on the noun phrase the determiner
        opens; PolNeAR's content never starts at the mark after one (train: 0 of 38 matched
        contents). Train's folds: 40 contents change, 4 become exact, none stops (most are
        longer in PolNeAR still, or scare quotes it does not hold at all)."""
        opening = self._in_quote(f.start) if f.content else None
        if opening is None or opening.start != f.start:
            return
        at = bisect_left(self.word_starts, f.start)
        det = self.words[at - 1] if at else None
        if det is None or self.text[det.end:f.start].strip() or not (
                det.upos == "DET" and det.lemma in _ARTICLES
                or "Poss=Yes" in det.feats) or self._taken(det.start, det.end, f, found):
            return
        f.content[0] = (det.start, f.content[0][1])

    def _close_holes(self, f: _Found) -> None:
        """A reported content is one stretch of text, broken only where its own speaker or cue
        interrupts it ("…, he said, …"). The parse leaves holes where it hung a phrase on the
        cue rather than in the clause ("proposed nearly $1 billion *in funds* to help states
        …", "sees the debate *as a second chance* for …"), and where it hung a clause of
        another attribution elsewhere ("pointing out that *the paper's Robert Costa had
        reported* in June that …"); PolNeAR's content runs over both. Train's five folds: 219
        contents change, 69 become PolNeAR's exactly, 2 stop being so (PolNeAR's own parts
        leave out "last year" in "urged Obama last year not to …"). Quotations (a direct
        content) keep the reporter's words between them out."""
        if len(f.content) < 2 or self._kind(f) == "direct":
            return
        own = [(w.start, w.end) for w in [*(f.cue or []), *f.source]]
        content = [f.content[0]]
        for s, e in f.content[1:]:
            if any(content[-1][1] < b and a < s for a, b in own):
                content.append((s, e))
            else:
                content[-1] = (content[-1][0], e)
        f.content = content

    @staticmethod
    def _taken(start: int, end: int, f: _Found, found: list[_Found]) -> bool:
        """Do any words from ``start`` to ``end`` belong to an attribution of ``found``: its
        cue, its speaker, or (for one other than ``f``) its content?"""
        for g in found:
            spans = [*(g.content if g is not f else []),
                     *[(w.start, w.end) for w in [*(g.cue or []), *g.source]]]
            if any(start < e and s < end for s, e in spans):
                return True
        return False

    def _trim_speaker_tail(self, f: _Found) -> None:
        """“…,” Mr. Morgan said: the name the parse hung on the quote is not content."""
        if not f.quotes or not f.cue or f.cue_start < f.end:
            return
        last_q = max(q.end for q in f.quotes)
        tail = self._words_in(last_q, f.end)
        if tail and all(w.upos in {"PROPN", "NOUN", "DET", "PUNCT", "PRON"} for w in tail):
            f.content = _subtract(f.content, (last_q, f.end))

    def _same_line(self, words: list[Word], cue: int) -> list[Word]:
        """Speaker words on the cue's line only: a caption is not part of a name."""
        lo, hi = self._line_of(cue)
        inside = [w for w in words if lo <= w.start < hi]
        return inside if inside else words

    def _widen(self, f: _Found, touched: list[tuple[int, int]] | None = None) -> None:
        """Widen a content to the whole quotations it (or ``touched``, what it was before a
        cut) touches, unless the cue is inside."""
        cue_pos = f.cue_start
        frags = list(f.content)
        for q in self.quotes:
            if not any(q.start < e and s < q.end for s, e in touched or f.content):
                continue
            if f.cue and any(s <= cue_pos < e for s, e in q.parts):
                continue
            if q not in f.quotes:
                f.quotes.append(q)
            frags.extend(q.parts)
        f.content = _merge(frags)

    def _labels(self) -> list[_Found]:
        """Transcript and headline labels: ``WALLACE: Let’s start …``, ``Rush Limbaugh: …``."""
        out: list[_Found] = []
        for m in _LABEL.finditer(self.text):
            name, rest = m.span(2), m.span(3)
            label = self.text[name[0]:name[1]]
            words = self._words_in(*name)
            at = self.text.rindex(":", name[1], rest[0])
            colon = self._words_in(at, at + 1)
            if not words or \
                    len(_WORD.findall(self.text[rest[0]:rest[1]])) < evidence.LABEL_MIN_WORDS:
                continue
            shouted = label.isupper() and len(label) > 2
            named = any(w.ner[2:] in {"PERSON", "ORG"} for w in words)
            if not (shouted or named) or any(w.upos == "VERB" for w in words):
                continue
            end = rest[1]
            while end > rest[0] and self.text[end - 1] in " \t\"”":
                end -= 1
            out.append(_Found(content=[(rest[0], end)], cue=colon or None, source=words,
                              score=evidence.LABEL, how="label"))
        return out

    def _join_quotes(self, found: list[_Found]) -> list[_Found]:
        for f in found:
            self._extend_past_colon(f)
            self._widen(f)
            self._trim_speaker_tail(f)
        labels = self._labels()
        found.extend(labels)
        covered = [q for f in found for q in f.quotes]
        # A transcript quoted paragraph by paragraph belongs to its labels, not to one speaker.
        covered += [q for q in self.quotes if labels and all(
            any(_covers(f.content, s + 2) for f in labels) for s, _ in q.parts)]
        for q in self.quotes:
            if q in covered:
                continue
            attached = self._attach(q, found)
            if attached is not None and attached not in found:
                found.append(attached)
        for q in self.quotes:
            self._quote_after_cue(q, found)
        return [f for f in found if f.content]

    def _cue_before(self, q: Quotation) -> Word | None:
        """The reporting verb that opens ``q`` with a comma or colon between (`Clinton said,
        “I do take responsibility.”`, `…, she said, adding: “I'll tell you what …”`), if any."""
        comma = q.start - 1  # the last character before the quotation's blank, not slicing
        while comma >= 0 and self.text[comma].isspace():  # the article up to it
            comma -= 1
        if comma < 0 or self.text[comma] not in ",:" or q.single or q.is_title(self.text):
            return None
        i = bisect_left(self.word_starts, comma) - 1  # the last word before the comma
        if i < 0 or self.text[self.words[i].end:comma].strip():
            return None
        w = self.words[i]
        if self._in_quote(w.start) is not None or cue_score(w, self.lexicon) <= 0:
            return None
        return w

    def _quote_after_cue(self, q: Quotation, found: list[_Found]) -> None:
        """A quotation opened by a reporting verb and a comma or colon is what that verb
        reports; PolNeAR marks the verb as its cue.

        * The verb's own attribution keeps its quotations and, of the reporter's words, those
          of the quoted clause and what the cue's clause puts before the cue ("*No name
          change*, he said, ''hides what it really is''"), but not the speaker nor a clause of
          the reporter's that the parse hung the quotation on ("Asked a question …, Clinton
          said, “…”", the quotation under *Asked*).
        * Another attribution whose content ran on over the quotation ends before it, and
          before the verb too when the verb has no subject of its own (`he said, adding:
          "…"`); a verb with its own subject inside another's content (`…, reported that
          Adelson said: "…"`) is a nested attribution, and the outer content stays whole.
        * A verb with no attribution of its own (*adding*, which the parse rarely gives a
          clause) gets one, its speaker the verb's subject, else the speaker of the attribution
          it goes on from.
        """
        cue = self._cue_before(q)
        if cue is None:
            return
        own = next((f for f in found if f.cued_by(cue)), None)
        goes_on = not cue.kids(*SUBJECT_RELS)
        outer = None
        if own is None:
            # Whose words the verb goes on with: the attribution it sits in, or the one before
            # it in its sentence (`"…," she said, adding, "…"`); read before any is cut.
            sent = self._sentence_at(cue.start)
            outer = max((g for g in found if g.cue and g.cue_start < cue.start and (
                _covers(g.content, cue.start) or self._sentence_at(g.cue_start) is sent)),
                key=lambda g: g.cue_start, default=None)
        for g in found:
            if g.cued_by(cue) or not any(s < q.end and q.start < e for s, e in g.content):
                continue
            if _covers(g.content, cue.start):
                if not goes_on:
                    continue
                lo = cue.start
            else:
                lo = q.start
            g.content = [(s, e) for s, e in _subtract(g.content, (lo, q.end))
                         if _WORD.search(self.text[s:e])]
            g.quotes = [x for x in g.quotes if x is not q]
        if own is not None:
            if q not in own.quotes:
                own.quotes.append(q)
            quoted = self._head_in([p for x in own.quotes for p in x.parts])
            clause = {w.index for w in quoted.subtree()} if quoted else set()
            # and what the cue's clause puts before it ("*No name change*, he said, …"), but
            # not its speaker nor a clause of the reporter's ("*Asked about it*, she said, …")
            aside = [k for k in cue.children if k.deprel in _NOT_SAID]
            clause |= {w.index for w in cue.subtree(exclude=aside) if w.end <= cue.start}
            clause -= {w.index for w in own.source}
            kept = [w for s, e in _gaps(own.content, own.quotes) for w in self._words_in(s, e)
                    if w.index in clause]
            own.content = _merge([*(p for x in own.quotes for p in x.parts), *fragments(kept)])
            return
        source = subject_of(cue, self.quote_spans) or (outer.source if outer else [])
        found.append(_Found(content=list(q.parts), cue=cue_words(cue), source=source,
                            score=evidence.ADJACENT, how="adjacent", quotes=[q]))

    def _attach(self, q: Quotation, found: list[_Found]) -> _Found | None:
        """Find who said an uncovered quotation."""
        quoted = {w.index for s, e in q.parts for w in self._words_in(s, e) if w.upos != "PUNCT"}
        if quoted and any(quoted <= {w.index for w in f.source} for f in found):
            # Quote marks inside a speaker's description ("said Adam Segal, the author of
            # ''Hacked World Order,'' who …", "said Leslie Feldman, a plaintiff who waited in
            # an "extraordinarily long line"") mark a title, a label or a scare quote of the
            # reporter's: not words the speaker's cue reports, nor anyone's speech here.
            return None
        if self._names_a_title(q):
            return None  # where it was said: "On ABC's “This Week,” Rubio said …"
        # 1. A quote interrupted by its cue: “A,” he said. “B.” / “A,” he said, “is B.” (not a
        #    title in who the speaker is: “…” asked the boy, who wore a 'Make America Great
        #    Again' hat)
        prev = max((f for f in found if f.quotes and f.end <= q.start), key=lambda f: f.end,
                   default=None)
        if prev is not None and prev.cue and prev.end <= prev.cue_start < q.start and \
                self._only_cue_between(prev, prev.end, q.start) and \
                not self._title_describing(q, phrase_head(prev.cue)):
            prev.content = _merge([*prev.content, *q.parts])
            prev.quotes.append(q)
            return prev
        nxt = min((f for f in found if f.quotes and f.start >= q.end), key=lambda f: f.start,
                  default=None)
        if nxt is not None and nxt.cue and q.end <= nxt.cue_start < nxt.start and \
                self._only_cue_between(nxt, q.end, nxt.start) and not self._ends_sentence(q) and \
                not self._another_cue(nxt, q.end, nxt.start) and \
                not self._sentence_ends_between(q.end, nxt.start):
            nxt.content = _merge([*q.parts, *nxt.content])
            nxt.quotes.append(q)
            return nxt
        n_words = q.words(self.text)
        # 2. A signature after the quote: “…” ― Jorge Falcon
        sig = _SIGNATURE.match(self.text, q.end) or _SIGNATURE_LINE.match(self.text, q.end)
        if sig:
            words = self._words_in(*sig.span(2))
            dash = self._words_in(*sig.span(1))
            if words:
                return _Found(content=[(q.start, q.end)], cue=dash or None, source=words,
                              score=evidence.SIGNATURE, how="signature", quotes=[q])
        # 3. A reporting verb in the quote's own sentence (outside the quote) or the sentence
        #    just before it ending in a colon (“Caddell continued:”).
        cue = self._bare_cue(q)
        if cue is not None and n_words < MIN_SPEECH_WORDS and cue.lemma in _NAMING:
            return None  # what he called Machado’s “sex tape”: a label, not speech
        if cue is not None and self._title_describing(q, cue):
            return None  # a title in a description: “…,” he told the program ''Inside Edition''
        if cue is not None:
            owner = self._beside_its_cue(q, cue, found)
            if owner is not None:
                # The parse left the quoted words out of the content their cue reports: they
                # end (or open) it, one mixed quote.
                owner.content = _merge([*owner.content, (q.start, q.end)])
                owner.quotes.append(q)
                return owner
            return _Found(content=self._phrase_around(q, cue), cue=cue_words(cue),
                          source=subject_of(cue, self.quote_spans), score=evidence.ADJACENT,
                          how="adjacent", quotes=[q])
        if n_words < MIN_SPEECH_WORDS or q.single:
            return None  # a name, a term or a scare quote
        # 3b. No cue, but a colon that opens the quotation after a clause naming who speaks:
        #    "Here’s Clinton in December 1992: “Our new direction …”", "He then listed the
        #    qualities …:" and the quotation below (PolNeAR's cue is the colon).
        introduced = self._introduced_by_colon(q)
        if introduced is not None:
            colon, source = introduced
            return _Found(content=[(q.start, q.end)], cue=[colon], source=source,
                          score=evidence.ADJACENT, how="colon", quotes=[q])
        # 4. A quotation right after an attribution whose cue clause ends the sentence before
        #    it ("…, Schiff said. “The other factor …”"), or a paragraph of quotation after a
        #    quoted paragraph: the same speaker goes on, in the same attribution when that one
        #    quoted too.
        went_on = self._continuation(q, found)
        if went_on is None:
            self.uncued.append(q)
        return went_on

    def _continuation(self, q: Quotation, found: list[_Found]) -> _Found | None:
        """The attribution of ``found`` a quotation with no cue goes on (step 4 of
        :meth:`_attach`), ``q`` merged into it when it quoted too; else None."""
        para, _ = self._line_of(q.start)
        at_para_start = self.text[para:q.start].strip() == ""
        before = [f for f in found if _tail(f) <= q.start and (f.quotes or not at_para_start)]
        if before:
            last = max(before, key=_tail)
            between = self.text[_tail(last):q.start]
            same_para = "\n" not in between
            next_para = last.quotes and \
                between.count("\n\n") <= evidence.CONTINUATION_PARAGRAPHS
            if (same_para or next_para) and (not _WORD.search(between) or (
                    last.quotes and self._finishes_its_sentence(last, q))):
                if last.quotes:
                    # The speaker's quotation goes on: one attribution, as PolNeAR marks it
                    # (on train, 60 of the 82 such quotations that PolNeAR marks at all).
                    last.content = _merge([*last.content, (q.start, q.end)])
                    last.quotes.append(q)
                    return last
                return _Found(content=[(q.start, q.end)], cue=None, source=last.source,
                              score=evidence.CONTINUATION, how="continuation", quotes=[q])
        # Quote marks with no cue and no speaker anywhere near: nothing says who speaks, so
        # this is not an attribution the article makes (like a name or a scare quote).
        return None

    def _continued(self, found: list[_Found]) -> None:
        """Quotations with no cue of their own that go on a quotation only the learned parts
        attributed ("“…,” Toomey fumed on Tuesday. “That would have been a demonstration of
        good faith.”": the rules know no "fume", the tagger does) join it, as :meth:`_attach`
        joins them to the rules' attributions."""
        if not any(f.how == "learned" and f.quotes for f in found):
            return
        for q in self.uncued:
            if _in_a_content(found, q.start, q.end):
                continue
            # merged into the attribution it goes on, when that one quoted; a new attribution
            # after one that did not quote is left out (on train's folds these were mostly
            # the reporter's words before someone else's quotation)
            self._continuation(q, found)

    def _finishes_its_sentence(self, f: _Found, q: Quotation) -> bool:
        """Do the words between ``f`` and ``q`` only finish the sentence of ``f``'s cue, ``q``
        opening the next and ending its paragraph ("“…,” Collins told *MSNBC*." and the next
        paragraph's quotation)? Not where words follow ``q``: they may be another speaker's cue
        that the rules do not know ("“…,” Bennett shot back with a laugh.")."""
        if not f.cue:
            return False
        sentence = self.sentences[f.cue[-1].sent]
        _, line_end = self._line_of(q.end - 1)
        return _tail(f) <= sentence.end <= q.start and \
            not _WORD.search(self.text, sentence.end, q.start) and \
            not _WORD.search(self.text, q.end, line_end)

    def _introduced_by_colon(self, q: Quotation) -> tuple[Word, list[Word]] | None:
        """The colon right before ``q`` and who the clause it ends names as its subject, when
        that clause holds no cue and its subject is a name or a personal pronoun."""
        i = bisect_left(self.word_starts, q.start) - 1  # the last word before the quotation
        if i < 0:
            return None
        colon = self.words[i]
        if colon.text != ":" or q.start - colon.end > evidence.COLON_GAP_CHARS or \
                self.text[colon.end:q.start].strip():
            return None
        clause = [w for w in self.sentences[colon.sent].words if w.end <= colon.start]
        if not clause or any(cue_score(w, self.lexicon) > 0 for w in clause):
            return None
        top = next((w for w in roots_of(clause) if w.upos != "PUNCT"), None)
        ids = {id(w) for w in clause}
        source = [w for w in subject_of(top, self.quote_spans) if id(w) in ids] if top else []
        if not any(w.ner[2:] in {"PERSON", "ORG"} or w.upos == "PRON"
                   and w.lemma in _SPEAKING_PRONOUNS for w in source):
            return None
        return colon, source

    def _phrase_around(self, q: Quotation, cue: Word) -> list[tuple[int, int]]:
        """The content of a quotation a cue reports from outside its clause: the phrase the
        parse hangs under the cue that holds the quotation, where there is one ("We've seen
        *this sort of “cover-up in plain sight” from the Obama administration …*", "refuse
        *to look deeper than "free" stuff*"), else the quotation alone. PolNeAR marks the
        phrase (a mixed quote)."""
        words = [w for s, e in q.parts for w in self._words_in(s, e)]
        arg = phrase_head(words) if words else None
        while arg is not None and arg.head is not None and arg.head is not cue:
            arg = arg.head
        if arg is None or arg.head is not cue:
            return [(q.start, q.end)]
        if arg.rel == "obl" and arg.marked_by("as"):
            # "referred to *him as “the most beautiful soul …”*", "heralded *the deal as a
            # “breakthrough.”*": what the cue names, and the "as" phrase that names it
            named = [k for k in cue.children if cue.id < k.id < arg.id and (
                k.deprel == "obj" or k.rel == "obl" and k.upos in {"NOUN", "PROPN", "PRON"}
                and not says_when(k))]
            if not named:
                return [(q.start, q.end)]
            words = named[-1].subtree(exclude=named[-1].kids("case"))
            return _merge([*fragments(words), *fragments(arg.subtree()), (q.start, q.end)])
        if arg.deprel not in _PHRASE_RELS:
            return [(q.start, q.end)]
        phrase = arg.subtree()
        if any(w is cue for w in phrase):
            return [(q.start, q.end)]
        return _merge([*fragments(phrase), (q.start, q.end)])

    def _beside_its_cue(self, q: Quotation, cue: Word, found: list[_Found]) -> _Found | None:
        """The attribution of ``cue`` whose content runs up to the quotation ``q`` (or on
        from it) with no word and no line break between (`told reporters that Clinton “has a
        number of super PACs …”`), or else one that quotes alone in ``q``'s sentence (chants
        of “Send them home,” and “Build the wall.”), if there is one."""
        def touching(gap: str) -> bool:
            return not _WORD.search(gap) and "\n" not in gap

        if q.is_title(self.text):
            return None  # a name in quote marks (said on ''Morning Joe'' that …), not words
        mine = [f for f in found if f.cued_by(cue)]
        for f in mine:
            if f.end <= q.start and touching(self.text[f.end:q.start]) \
                    or q.end <= f.start and touching(self.text[q.end:f.start]):
                return f
        sent = self._sentence_at(q.start)
        return next((f for f in mine if f.quotes and not _gaps(f.content, f.quotes)
                     and self._sentence_at(f.start) is sent), None)

    def _title_describing(self, q: Quotation, cue: Word) -> bool:
        """Is ``q`` a title that the parse hangs on ``cue`` through a relative clause or an
        apposition describing someone or something ("asked the boy, who was wearing a 'Make
        America Great Again' hat", "told the program ''Inside Edition''"), rather than what
        the cue says?"""
        if not q.is_title(self.text):
            return False
        words = [w for s, e in q.parts for w in self._words_in(s, e)]
        w = phrase_head(words) if words else None
        while w is not None and w is not cue:
            if w.deprel in ("acl:relcl", "appos"):
                return True
            w = w.head
        return False

    def _ends_sentence(self, q: Quotation) -> bool:
        """Does ``q`` end with a full stop inside its marks (“… by ''Coco Beach.''”)? Then it
        ends its sentence, and the cue clause after it opens the next, whose content is its own
        ("A spokesman for the buyer said there was …"), not a quotation it goes on from."""
        return self._last_mark(q) == "."

    def _another_cue(self, f: _Found, lo: int, hi: int) -> bool:
        """Does a reporting verb other than ``f``'s cue lie between ``lo`` and ``hi``? Then a
        quotation before it is that verb's ("“…,” Mr. Murphy *said*, adding that …", "“…,”
        she *wrote*, arguing that …"), not the words ``f``'s cue goes on with."""
        return any(w.upos == "VERB" and not f.cued_by(w) and cue_score(w, self.lexicon) > 0
                   for w in self._words_in(lo, hi))

    def _names_a_title(self, q: Quotation) -> bool:
        """Is ``q`` a title that the reporter's words name where something was said ("Sunday
        on Fox News channel's “Sunday Morning Futures,” Rep. Darrell Issa said …", "in an
        appearance on "Morning Joe," …"): title-case words after a possessive or a
        preposition, rather than the first words of a quotation its cue splits (“Judge,”
        Brafman said, “I have never …”) or a shout (“Cruz,” Beck joked)?"""
        i = bisect_left(self.word_starts, q.start) - 1  # the word before the opening mark
        if i < 0 or not q.is_title(self.text):
            return False
        before = self.words[i].text
        return before.lower() in _TITLE_BEFORE or before.endswith(("'s", "\u2019s"))

    def _sentence_ends_between(self, lo: int, hi: int) -> bool:
        """Do the words from ``lo`` to ``hi`` lie in more than one sentence? A quotation
        before them is then not in the sentence of a cue after them, nor part of what it
        reports ("promises to “end” the Common Core. *He told* POLITICO …"). Train's five
        folds: 10 contents change, 4 become PolNeAR's exactly, none stops."""
        return len({w.sent for w in self._words_in(lo, hi) if w.upos != "PUNCT"}) > 1

    def _only_cue_between(self, f: _Found, lo: int, hi: int) -> bool:
        """Is the text between two quotes just ``f``'s cue clause?

        Newsroom style lets the cue clause run long (“A,” said Patrick McGinley, a law
        professor at …, “B.”; “A,” she said of the election, in which …. “B.”): within one
        paragraph, the cue's sentence ending where the next quote begins is enough. Not when
        other sentences come between (“Oh, my God,” a woman exclaimed. Others called friends.
        … calls of “Feel the Bern”): those are the reporter's, and so is the next quote.
        """
        gap = self.text[lo:hi]
        if "\n" in gap or not f.cue:
            return False
        if len(_WORD.findall(gap)) <= evidence.CUE_CLAUSE_WORDS:
            return True
        # The cue's sentence holds the first quote or starts right after it, and ends with no
        # word between it and the next.
        cue_sent = self.sentences[f.cue[0].sent]
        return (cue_sent.start <= lo + 2 and cue_sent.end <= hi + 1
                and not _WORD.search(self.text, max(lo, cue_sent.end), hi))

    def _embedded(self, found: list[_Found]) -> list[_Found]:
        """Quotes whose words belong to someone inside the reported clause.

        In ``KCNA said a report … “bitterly criticised …”`` or ``Politburo members analysed the
        “extremely deteriorating security situation”, the report said`` the quoted words are the
        report's / the members' — the outer speaker only relays them. Each such quote becomes
        its own attribution with the inner agent as speaker and the outer one as relay.
        """
        out: list[_Found] = []
        for f in found:
            if not f.quotes or not f.cue or f.how == "embedded":
                continue
            if f.how != "adjacent" and not any(
                _WORD.search(self.text[a:b]) for a, b in _gaps(f.content, f.quotes)
            ):
                continue  # a plain direct quote: its words are the speaker's own
            for q in f.quotes:
                if any(g is not f and q in g.quotes and f.start <= g.start and g.end <= f.end
                       and g.cue and g.cue_start > f.start for g in found):
                    continue  # a tighter attribution already holds it ("X described … “…”")
                agent = self._agent_of(q, f)
                if agent and self._source_like(agent):
                    out.append(_Found(content=list(q.parts), cue=f.cue, source=agent,
                                      score=f.score * evidence.EMBEDDED_DISCOUNT,
                                      how="embedded", quotes=[q], outer=f))
        return out

    def _source_like(self, words: list[Word]) -> bool:
        """Is a clause subject the kind of thing whose words get quoted (a report, a party
        body, officials, an agency) rather than whatever the clause is about?"""
        head = next((w for w in words if w.head is None or w.head not in words), None)
        if head is None:
            return False
        if head.upos == "PRON":
            if head.lemma != "it":
                return False  # "they" in a relayed clause is rarely a body being quoted
            name = self.entities.peek(words)
            return bool(name) and bool(_SOURCE_NOUNS & set(re.findall(r"[a-z]+", name.lower())))
        return head.lemma in _SOURCE_NOUNS

    def _agent_of(self, q: Quotation, f: _Found) -> list[Word]:
        """The subject of the clause a quotation sits in, when that clause is inside ``f``."""
        s, _ = q.inner(self.text)
        first = next((w for w in self.words if w.start >= s), None)
        if first is None or not f.cue:
            return []
        cue = f.cue[-1]
        if f.how == "adjacent":
            # The quote hangs in the cue's sentence: its clause lies between the cue and it.
            lo, hi = sorted((cue.end, q.start))
            source = {w.index for w in f.source}

            def inside(w: Word) -> bool:
                return w.index not in source and (lo <= w.start < hi or q.start <= w.start < q.end)
        else:

            def inside(w: Word) -> bool:
                return any(a <= w.start < b for a, b in f.content)

        node: Word | None = first
        while node is not None and node is not cue and inside(node):
            subj = [k for k in node.kids(*SUBJECT_RELS) if k.lemma not in _RELATIVE]
            if subj and not _acts(node):
                return []  # "X is “true”", "should release “without delay”": not X's words
            if subj and inside(subj[0]) and not (q.start <= subj[0].start < q.end):
                words = [w for w in subj[0].subtree() if not (q.start <= w.start < q.end)]
                return _clean_speaker(_trim_words(words))
            if node.head is cue:
                # the parser hung the clause subject on the cue: "said a report … “…”"; not
                # when the object is whom the cue asks to act ("urged Americans to “avoid
                # …”") or what it names ("calling it a “Chinese menu”")
                if node.deprel == "xcomp" or cue.lemma in _NAMING:
                    return []
                lost = [o for o in cue.kids("obj", "iobj") if cue.id < o.id < node.id]
                if lost and inside(lost[0]):
                    return _clean_speaker(_trim_words(_np(lost[0])))
                return []
            node = node.head
        return []

    def _closer_cue(self, w: Word, best: Word, q: Quotation) -> bool:
        """Is ``w`` a better cue than ``best`` for a quotation? Distance to the quote, scaled
        by how surely each word reports ("said" a sentence away beats "show" next door)."""
        def cost(x: Word) -> float:
            gap = min(abs(x.start - q.end), abs(x.start - q.start))
            return gap / max(cue_score(x, self.lexicon), evidence.CUE_SCORE_FLOOR)

        return cost(w) < cost(best)

    def _held_by(self, q: Quotation) -> tuple[set[int], set[int]] | None:
        """Where the parse hangs a quotation in a clause with a subject of its own outside it
        ("the crowd *reprised* the chant “Lock her up!”"): the words the quotation hangs under
        and that clause's subjects, by ``id``; None where no such clause holds it."""
        words = [w for s, e in q.parts for w in self._words_in(s, e)]
        if not words:
            return None
        inside = {id(w) for w in words}
        above = list(phrase_head(words).ancestors())
        for a in above:
            subjects = {id(k) for k in a.kids(*SUBJECT_RELS)}
            if id(a) not in inside and subjects:
                return None if subjects <= inside else ({id(x) for x in above}, subjects)
        return None

    def _bare_cue(self, q: Quotation) -> Word | None:
        """The reporting word nearest a quotation outside it, in its sentence; else in the
        sentence before, ending in a colon, or the short one after. Where the parse hangs the
        quotation in a clause with a subject of its own, only a cue in its sentence that the
        quotation hangs under, or one of that subject's, counts: "Boos rained down when Trump
        *mentioned* her, and the crowd loudly reprised the chant “Lock her up!”" is the
        crowd's, not Trump's."""
        inside = [(s, e) for s, e in q.parts]
        sents = [s for s in self.sentences if s.end > q.start and s.start < q.end]
        held = self._held_by(q)

        def may_cue(w: Word) -> bool:
            # a cue the quotation hangs under, or one whose speaker is the holding clause's
            # subject ("Sanders pursued …, stating on NBC that …": the quote marks broke the
            # parse of the that-clause, and "stating" is still Sanders's)
            if held is None:
                return True
            above, subjects = held
            return id(w) in above or any(id(x) in subjects
                                         for x in subject_of(w, self.quote_spans))

        best: Word | None = None
        for s in sents:
            for w in s.words:
                if any(a <= w.start < b for a, b in inside):
                    continue
                if cue_score(w, self.lexicon) > 0 and (
                    w.kids(*SUBJECT_RELS) or subject_of(w, self.quote_spans)
                ) and may_cue(w) and (best is None or self._closer_cue(w, best, q)):
                    best = w
        if best is not None or held is not None:
            return best
        # The sentence before, ending in a colon.
        first = sents[0] if sents else None
        if first is not None and first.index > 0:
            before = self.sentences[first.index - 1]
            tail = self.text[before.start:q.start].rstrip()
            if tail.endswith(":") and q.start - before.end < evidence.COLON_GAP_CHARS:
                for w in reversed(before.words):
                    if cue_score(w, self.lexicon) > 0:
                        return w
        # The tokenizer ended the sentence at the quote's "?" or "!": “… ?” Clinton said.
        last = sents[-1] if sents else None
        if last is not None and last.index + 1 < len(self.sentences):
            after = self.sentences[last.index + 1]
            if after.start - q.end <= evidence.SPLIT_CUE_GAP_CHARS:
                cues = [w for w in after.words if cue_score(w, self.lexicon) > 0 and (
                    w.kids(*SUBJECT_RELS) or subject_of(w, self.quote_spans)) and not w.kids(
                    "ccomp")]
                # a short sentence, or, after a question or an exclamation, one that opens
                # with the cue's clause however long it runs on and quotes nothing itself but
                # a title: “… ?” Trump said of Apple in February, when the company balked …;
                # “… right?” Clinton remarked, alluding to … in “The Revenant.”
                if cues and (len(after.words) <= evidence.SPLIT_CUE_SENTENCE_WORDS or (
                        self._asks(q) and opens_with_clause(after, cues[0]) and not any(
                            after.start <= x.start < after.end and not x.is_title(self.text)
                            for x in self.quotes))):
                    return cues[0]
        return None

    # -- confidence ---------------------------------------------------------------------------

    def _asks(self, q: Quotation) -> bool:
        """Does the quotation end in a question or an exclamation?"""
        return self._last_mark(q) in {"?", "!"}

    def _last_mark(self, q: Quotation) -> str:
        """The last character inside the quotation's marks ("" when it quotes nothing)."""
        s, e = q.inner(self.text)
        return self.text[e - 1] if e > s else ""

    def _judged(self, found: list[_Found]) -> list[_Found]:
        """The attributions the learned confidence keeps, each with its confidence: those it
        puts at its threshold or above; and of those outside quotation marks whose source has
        no name ("he", "a spokesman"), only the ones where that confidence times how sure the
        content choice is of the bounds (:attr:`_Found.bounds_sure`) reaches the bounds gate
        (``evidence.BOUNDS_GATE``). A named source's attribution stays whatever the doubt
        about where its words end: who said it is what a journalist asks first."""
        if self.judge is None:
            return found
        for f in found:
            f.confidence = self.judge.probability(self._evidence(f, found))
        threshold = self.judge.threshold
        sure = [f for f in found if f.how in _NAMED_BY_FORM or (
            f.confidence is not None and f.confidence >= threshold
            and not self._bounds_doubted(f, f.confidence))]

        # A link of a chain with a sure attribution of an institution ("The report called on
        # …, KCNA said") stays whatever its own score: who relayed whom is what a journalist
        # asks the service.
        relayers = [g for g in sure if g.cue and g.speaker is not None
                    and g.speaker.entity_kind in _RELAYERS]

        def relays(f: _Found, g: _Found) -> bool:
            """Is one of ``f`` and ``g`` relaying the other's words, said by someone else?"""
            assert g.speaker is not None
            return f is not g and bool(f.cue) and f.speaker is not None and (
                f.speaker.entity != g.speaker.entity) and (
                self._reports(f, g) or self._reports(g, f))

        sure_ids = {id(f) for f in sure}
        return [f for f in found if id(f) in sure_ids or any(relays(f, g) for g in relayers)]

    def _bounds_doubted(self, f: _Found, confidence: float) -> bool:
        """Is ``f`` an attribution outside quotation marks, of a source with no name, whose
        ``confidence`` times the content choice's share for its bounds is under the gate?"""
        return (confidence * f.bounds_sure < self.bounds_gate and not self._quoting(f)
                and not has_proper_noun(f.source))

    def _quoting(self, f: _Found) -> bool:
        """Does ``f``'s content hold quoted words (a direct or mixed quote)?"""
        return any(_in_a_content([f], s, e) for s, e in self.quote_spans)

    def _joined_around_cue(self, found: list[_Found]) -> list[_Found]:
        """One cue and speaker that interrupt a statement report it once: "*But ultimately*,
        other experts say, *she and her aides weren't trying to be traitors*" is one
        attribution of both pieces, as PolNeAR annotates it, where the engine found a piece on
        each side of the cue with the same cue and speaker. Only pieces in the cue's sentence,
        the first ending right before the speaker and cue (a comma or a dash between), and
        neither a quotation: a quotation and a clause after its cue are two attributions in
        PolNeAR ("“Go back to Univision,” Trump barked as a security guard escorted …")."""
        gone: set[int] = set()
        for f in found:
            if not f.cue or id(f) in gone or f.end > f.cue_start or f.quotes:
                continue
            cue = {w.index for w in f.cue}
            sentence = self._sentence_at(f.cue_start)
            for g in found:
                if g is f or id(g) in gone or not g.cue or g.quotes \
                        or {w.index for w in g.cue} != cue \
                        or g.start < f.cue[-1].end or self._sentence_at(g.start) is not sentence \
                        or [w.index for w in g.source] != [w.index for w in f.source]:
                    continue
                lo = min([f.cue_start, *(w.start for w in f.source)])
                if re.fullmatch(r"[\s,\u2014\u2013-]*", self.text[f.end:lo]):
                    f.content = [*f.content, *g.content]
                    gone.add(id(g))
                break
        return [f for f in found if id(f) not in gone]

    def _one_per_content(self, found: list[_Found]) -> list[_Found]:
        """One attribution for one content: a statement that two cues report ("*issued a
        statement saying* that …", "*says* in a *statement* that …", "*accused* Clinton of …,
        *indicating*") is one attribution, the surer of the two (else the one with a speaker,
        else the first). PolNeAR annotates one: 4 of train's 19,832 attributions have the words
        of another in their article. A second is an error in every figure, and a second copy
        of one quote in the store. Contents are the same when their words are, whatever
        punctuation or space is at their edges."""
        def words(f: _Found) -> tuple[tuple[int, int], ...]:
            out = []
            for s, e in f.content:
                within = [m.span() for m in _WORD.finditer(self.text, s, e)]
                if within:
                    out.append((within[0][0], within[-1][1]))
            return tuple(out)

        def rank(f: _Found) -> tuple[float, bool]:
            return (-1.0 if f.confidence is None else f.confidence, f.speaker is not None)

        key = {id(f): words(f) for f in found}
        kept: dict[tuple[tuple[int, int], ...], _Found] = {}
        for f in found:
            if key[id(f)] not in kept or rank(f) > rank(kept[key[id(f)]]):
                kept[key[id(f)]] = f
        chosen = {id(f) for f in kept.values()}
        # an embedded quotation relayed by the one left out is relayed by the one kept
        instead = {id(f): kept[key[id(f)]] for f in found if id(f) not in chosen}
        for f in found:
            if f.outer is not None and id(f.outer) in instead:
                f.outer = instead[id(f.outer)]
        return [f for f in found if id(f) in chosen]

    def _reports(self, outer: _Found, inner: _Found) -> bool:
        """Is ``inner`` an act that ``outer`` reports: a quotation relayed inside its clause
        (:meth:`_embedded`), or an attribution whose cue heads its content ("KCNA said *the
        report called on* officials …")? Not any cue that its content happens to hold ("… said
        the *enmity escalated* after …", "… said *he showed* a video …"). Of the 37 attributions
        on train's fold 0 that only such a link kept, 7 have a content PolNeAR marks, 8 share
        less than a fifth of their words with any; end to end, every fold of train gains."""
        if inner.outer is outer:
            return True
        if not inner.cue or not _covers(outer.content, inner.cue_start):
            return False
        return self._head_in(outer.content) is phrase_head(inner.cue)

    def _evidence(self, f: _Found, found: list[_Found]) -> Evidence:
        """What :mod:`confidence` judges an attribution by."""
        cue = phrase_head(f.cue) if f.cue else None
        chars = sum(e - s for s, e in f.content) or 1
        tagged = sum(max(0, min(e, t.end) - max(s, t.start)) for t in self.tagged
                     if t.type == "CONTENT" for s, e in f.content)
        sp = f.speaker
        return Evidence(
            how=f.how, kind=self._kind(f), rule_score=f.score,
            cue_lemma=cue.lemma if cue else None,
            cue_share=self.lexicon.score(cue.text, cue.lemma) if cue else 0.0,
            content_words=sum(len(_WORD.findall(self.text[s:e])) for s, e in f.content),
            quoted_words=sum(q.words(self.text) for q in f.quotes),
            speaker_kind=(sp.entity_kind or "unknown") if sp else None,
            speaker_pronoun=bool(sp) and len(f.source) == 1 and f.source[0].upos == "PRON",
            tagged_content=min(1.0, tagged / chars),
            tagged_cue=cue is not None and any(
                t.type == "CUE" and t.start < cue.end and cue.start < t.end
                for t in self.tagged),
            tagged_source=sp is not None and any(
                t.type == "SOURCE" and t.start < sp.end and sp.start < t.end
                for t in self.tagged),
            nested=any(g is not f and g.start <= f.start and f.end <= g.end
                       and (g.start, g.end) != (f.start, f.end) for g in found),
            cue_pos=cue.upos if cue else None,
            cue_governs=cue is not None and self._governs(cue, f),
            cue_gap=self._cue_gap(f),
            speaker_subject=cue is not None and any(
                w.head is cue and w.deprel in (*SUBJECT_RELS, "obl:agent") for w in f.source),
            titles=bool(f.quotes) and all(q.is_title(self.text) for q in f.quotes),
            first_line=f.start < self.headline_end,
            sentences=len({w.sent for w in self._words_in(f.start, f.end)}),
        )

    def _head_in(self, frags: list[tuple[int, int]]) -> Word | None:
        """The word heading the words of ``frags`` in the parse (None when they hold none)."""
        words = [w for s, e in frags for w in self._words_in(s, e)]
        return phrase_head(words) if words else None

    def _governs(self, cue: Word, f: _Found) -> bool:
        """Does the parse hang ``f``'s content under its cue, at most two steps down?"""
        root = self._head_in(f.content)
        if root is None:
            return False
        up = [root.head, root.head.head if root.head else None]
        return any(w is cue for w in up)

    def _cue_gap(self, f: _Found) -> int:
        """Words between ``f``'s cue and its content (0 without a cue or where they touch)."""
        if not f.cue:
            return 0
        lo, hi = (f.cue[-1].end, f.start) if f.cue[-1].end <= f.start else (f.end, f.cue_start)
        return len(_WORD.findall(self.text[lo:hi])) if lo < hi else 0

    def _kind(self, f: _Found) -> str:
        if not f.quotes:
            return "indirect"
        outside = "".join(self.text[a:b] for a, b in _gaps(f.content, f.quotes))
        return "mixed" if _WORD.search(outside) else "direct"

    # -- speakers and chains ------------------------------------------------------------------

    def _resolve(self, found: list[_Found]) -> None:
        for f in sorted(found, key=lambda f: f.cue_start):
            if not f.source:
                continue
            s, e = f.source[0].start, f.source[-1].end
            # A speaker never overlaps the content it speaks: where the parse let them overlap,
            # the content gives way (outside quotations) or the speaker does.
            if any(s < ce and cs < e for cs, ce in f.content):
                if not any(q.start < e and s < q.end for q in f.quotes):
                    f.content = _subtract(f.content, (s, e))
                    described = self._description_after(f, e)
                    if described:
                        f.content = _subtract(f.content, (described[0].start, described[-1].end))
                        f.source = sorted([*f.source, *described], key=lambda w: w.start)
                else:
                    f.source = self._outside_its_quotations(f)
                if not f.content or not f.source:
                    continue
            f.source = _clean_speaker(self._same_line(f.source, f.cue_start))
            if not f.source:
                continue
            self._name_speaker(f)

    def _name_speaker(self, f: _Found) -> None:
        s, e = _speaker_span(self.text, f.source)
        name, kind = self.entities.resolve(_name_core(f.source))
        f.speaker = SpeakerMention(s, e, self.text[s:e], name or self.text[s:e], kind)

    def _tidy_speaker(self, f: _Found) -> None:
        """The speaker cut to the phrase that names it (:func:`speakers.speaker_phrase`).
        After the confidence, which learned from the words as the choice of speaker gave them."""
        cut = speaker_phrase(f.source)
        if cut is f.source:
            return
        cut = _clean_speaker(cut)
        if cut:
            f.source = cut
            self._name_speaker(f)

    def _outside_its_quotations(self, f: _Found) -> list[Word]:
        """The speaker of ``f`` where the parse ran its phrase into a quotation of ``f``'s ("“…
        — overwhelmingly so,” Butz, 49, told …": *so* hung on *Butz*): the words outside the
        quotation, where the quotation's words lie at one end of the phrase and what is left
        is a whole phrase naming someone clear of the content (not "the authors of the" before
        “Growth and Opportunity Project,”); else no one."""
        inside = [w for w in f.source if any(q.start <= w.start < q.end for q in f.quotes)]
        outside = _trim_words([w for w in f.source if w not in inside])
        if not outside or outside[-1].upos in {"DET", "ADP", "CCONJ"}:
            return []
        edge = all(w.start >= outside[-1].end for w in inside) or all(
            w.end <= outside[0].start for w in inside)
        clear = not any(w.start < ce and cs < w.end for w in outside for cs, ce in f.content)
        named = any(w.upos in {"PROPN", "NOUN", "PRON"} for w in outside)
        return outside if edge and clear and named else []

    def _description_after(self, f: _Found, end: int) -> list[Word]:
        """The words describing a speaker that the content ran on over with the speaker's name
        (`“They'd be wrong,” Michael Briggs, a spokesman for Sanders, said`, the parse hanging
        the name in the quotation's clause): the piece of content right after the name, set off
        by a comma, with no quotation, verb or relative pronoun in it. They are the speaker's
        (PolNeAR's sources keep them), not what was said."""
        piece = next(((cs, ce) for cs, ce in f.content
                      if cs >= end and not self.text[end:cs].strip()), None)
        if piece is None or not self.text[piece[0]:piece[1]].lstrip().startswith(",") or any(
                q.start < piece[1] and piece[0] < q.end for q in f.quotes):
            return []
        words = self._words_in(*piece)
        if not any(w.text.isalnum() for w in words) or any(
                w.upos in {"VERB", "AUX"} or w.lemma in _RELATIVE for w in words):
            return []
        return words

    def _chains(self, found: list[_Found]) -> None:
        def outer_of(f: _Found) -> _Found | None:
            best: _Found | None = None
            for g in found:
                if g is f or g.speaker is None or not f.cue:
                    continue
                if any(s <= f.cue_start < e for s, e in g.content) and (
                    best is None or (g.end - g.start) < (best.end - best.start)
                ):
                    best = g
            return best

        def chain(f: _Found, depth: int = 0) -> list[ChainLink]:
            links = [self._link(f.speaker)] if f.speaker else []
            o = (f.outer or outer_of(f)) if depth < evidence.MAX_CHAIN_DEPTH else None
            if o is not None:
                links.extend(link for link in chain(o, depth + 1)
                             if all(link.entity != x.entity for x in links))
            return links

        for f in found:
            f.chain = chain(f)

    def _link(self, sp: SpeakerMention) -> ChainLink:
        return ChainLink(text=sp.text, entity=sp.entity, start=sp.start, end=sp.end,
                         entity_kind=sp.entity_kind)

    def _public(self, f: _Found) -> Attribution:
        text = self.text
        start, end = f.start, f.end
        kind = self._kind(f)
        parts = [Span.of(text, s, e) for s, e in f.content] if len(f.content) > 1 else []
        cue = None
        if f.cue:
            cue = Span.of(text, f.cue[0].start, f.cue[-1].end)
        confidence = f.confidence if f.confidence is not None else min(
            evidence.MAX_CONFIDENCE,
            f.score + (evidence.QUOTED_AND_CUED_BONUS if f.quotes and f.cue else 0.0)
            + (evidence.SPEAKER_BONUS if f.speaker else -evidence.SPEAKER_BONUS),
        )
        return Attribution(
            start=start, end=end, text=text[start:end], kind=kind,  # type: ignore[arg-type]
            speaker=f.speaker, cue=cue, chain=f.chain,
            confidence=max(evidence.MIN_CONFIDENCE, confidence),
            parts=parts,
            quoted=[Span.of(text, s, e) for q in sorted(f.quotes, key=lambda q: q.start)
                    for s, e in q.parts],
        )


_RELATIVE = {"which", "who", "that", "whom", "whose"}
#: The word before a title the reporter names ("on “Meet the Press”", "of “Flip the Script”").
_TITLE_BEFORE = {"on", "of", "in", "from", "titled", "entitled"}
#: Words that open a reported clause, and that PolNeAR's contents begin with: of the train
#: contents next to one, "that" is inside 2,493 times and just before 40; "whether" 135 / 7,
#: "if" 215 / 10, "how" 140 / 4, "why" 70 / 4, "what" 226 / 1.
_CLAUSE_OPENERS = {"that", "whether", "if", "how", "why", "what"}
# Verbs that name rather than report: a short quotation after them is a label.
_NAMING = {"call", "dub", "term", "label", "brand", "describe", "nickname", "title", "name"}
# Subjects whose quoted words a reporter relays: documents, bodies, officials, outlets.
_SOURCE_NOUNS = {
    "report", "statement", "letter", "document", "memo", "communique", "declaration", "resolution",
    "member", "members", "official", "officials", "brass", "leadership", "bureau", "politburo",
    "committee", "party", "government", "ministry", "agency", "spokesman", "spokeswoman",
    "spokesperson", "council", "commission", "administration", "department", "media", "leader",
    "leaders", "authorities", "regime", "military", "command", "chiefs", "staff", "cabinet",
}


def _may_cue(chars: str) -> bool:
    """Can a tagged cue of these characters cue: a word, or a colon or a dash with nothing
    but quote marks and spaces beside it (:data:`_MARK_CUES`)?"""
    return bool(_WORD.search(chars)) or chars.strip(_MARKS_AND_SPACE) in _MARK_CUES


def _clean_speaker(words: list[Word]) -> list[Word]:
    """Drop a dateline before the speaker ("Aug 27 (Reuters) - Democrat Hillary Clinton", the
    parse having run it into the sentence), a leading relative pronoun ("which experts say"),
    stray symbols at the edges and a conjunction or article left at the end."""
    dash = max((i for i, w in enumerate(words) if w.text in _DASHES and not glued(words, i)),
               default=None)
    if dash is not None and 0 < dash < len(words) - 1 and any(
            w.text == ")" or w.ner[2:] == "DATE" or w.text.isupper() and len(w.text) > 2
            for w in words[:dash]):
        words = words[dash + 1:]
    # ("those" has the lemma "that" but is no relative pronoun: "those surveyed said")
    while words and (words[0].text.lower() in _RELATIVE and len(words) > 1 or
                     words[0].upos in {"CCONJ", "SCONJ", "ADP"} and not _counts(words) or
                     not any(ch.isalnum() for ch in words[0].text)):
        words = words[1:]
    # nor a word that only joins what the parse cut off after it ("Mrs. Clinton shook her
    # head and", "a person who attended and", "… hat and": the verb it joined was the cue)
    while words and (not any(ch.isalnum() for ch in words[-1].text) and words[-1].text != ")"
                     or len(words) > 1 and words[-1].upos in {"CCONJ", "DET"}):
        words = words[:-1]
    # When they spoke, or that they all did, is not who: "President Obama on Friday", "Bernie
    # Sanders on Wednesday morning", "John Bolton and Sebastian Gorka both", "Ford itself".
    end = len(words)
    while end > 1 and (words[end - 1].ner[2:] in _WHEN or words[end - 1].lemma in _NOT_WHO
                       or end < len(words) and words[end - 1].upos in {"ADP", "PUNCT"}):
        end -= 1
    dropped, last = words[end:], words[end - 1] if words else None
    # Only after a name: after a common noun the time may say which one ("A Times/CBS News
    # poll in December", "the website from 2010", as PolNeAR's sources keep it); nor inside
    # a description after a comma ("a strategist on McCain's campaign in 2008").
    after_name = last is not None and last.upos in {"PROPN", "PRON"}
    only_who = last is not None and last.upos == "NOUN" and all(
        w.lemma in _NOT_WHO for w in dropped)
    if dropped and not any(w.text == "," for w in words) and (after_name or only_who):
        return words[:end]
    return words


def _counts(words: list[Word]) -> bool:
    """Does the preposition opening ``words`` say how many ("*at* least four senators",
    "*about* half", "*over* 60 percent of voters"), which the parse seldom knows, rather than
    open a phrase cut from its head ("*of* the voters", "*with* 30 percent")?"""
    if len(words) < 2:
        return False
    first, second = words[0].text.lower(), words[1].text.lower()
    return first == "at" and second in {"least", "most"} or first in _ABOUT and (
        words[1].upos == "NUM" or second == "half")


#: Prepositions that say about how many: "about half", "over 60 percent".
_ABOUT = {"about", "around", "over", "under", "nearly", "almost", "roughly", "approximately"}
#: Entity types of the words that say when, ending a speaker's phrase.
_WHEN = {"DATE", "TIME"}
#: Determiners that open a noun phrase a quotation may go on: "the “fevered dreams”".
_ARTICLES = {"the", "a", "an", "this", "that", "these", "those"}
#: Words that end a speaker's phrase without saying who: "both", "himself", "too".
_NOT_WHO = {"both", "also", "too", "alone", "himself", "herself", "themselves", "itself"}

_MODALS = {"should", "would", "could", "must", "may", "might", "will", "shall", "can"}


def _lacks_subject(clause: Word | None) -> bool:
    """Is ``clause`` a verb with no subject of its own? Then a "that" that the parse tagged
    as opening it stands in the subject's place, a relative pronoun ("an event that Carson
    says *led* him to Christ"), not a conjunction ("that the media finally reported it")."""
    return clause is not None and clause.upos in {"VERB", "AUX"} and not has_subject(clause)


def _acts(verb: Word) -> bool:
    """Is this clause its subject doing something (criticised, analysed, set down), rather than
    a description of it (copula, passive) or a wish for it (modal)?"""
    if verb.upos != "VERB" or verb.kids("cop", "aux:pass", "nsubj:pass"):
        return False
    return not any(a.lemma in _MODALS for a in verb.kids("aux"))


def _trim_words(words: list[Word]) -> list[Word]:
    words = sorted(words, key=lambda w: w.id)
    while words and words[-1].upos == "PUNCT" and words[-1].text != ")":
        words = words[:-1]
    return words


def _np(noun: Word) -> list[Word]:
    """A noun phrase without clauses inside it ("a report to a … meeting")."""
    clauses = [w for w in noun.subtree() if w.deprel in ("acl:relcl", "acl") and w is not noun]
    return [w for w in noun.subtree(exclude=clauses) if w.upos != "PUNCT" or w.text in "()"]


def _name_core(words: list[Word]) -> list[Word]:
    """The words of a speaker mention that say who it is, where the mention runs on past a
    comma: the name before it ("Hillary Clinton, in her campaigning", "Dean, a medical
    doctor,"), or a name in apposition after a description ("the spokeswoman, Haley Morris").
    The mention's span keeps every word (PolNeAR's sources do); only resolution reads the core.
    """
    commas = [i for i, w in enumerate(words) if w.text == ","]
    if not commas:
        return words
    before = words[:commas[0]]
    if before and (all(w.upos == "PROPN" or w.text in {".", "-"} for w in before)
                   or before[-1].upos == "PROPN" and before[-1].ner != "O"):
        return before  # a name, perhaps after a role ("Democratic nominee Hillary Clinton")
    after = words[commas[0] + 1:commas[1] if len(commas) > 1 else len(words)]
    # A name in the description is whom it works for, not a person ("the F.B.I. director,
    # James B. Comey"); a person named in it is another's ("Clinton's spokesman, Brian Fallon").
    if after and all(w.upos == "PROPN" for w in after) and not any(
            w.upos == "PROPN" and w.ner[2:] in {"PERSON", ""} for w in before):
        return after
    return words


def _speaker_span(text: str, words: list[Word]) -> tuple[int, int]:
    """Character span of a speaker, with brackets balanced: "Korean Central News Agency (KCNA)"."""
    s, e = words[0].start, words[-1].end
    inner = text[s:e]
    if inner.count("(") > inner.count(")"):
        close = text.find(")", e)
        if 0 <= close - e <= 1:
            e = close + 1
    elif inner.count(")") > inner.count("(") and inner.endswith(")"):
        e -= 1
        while e > s and text[e - 1].isspace():
            e -= 1
    s, e = _widened_to_words(text, s, e)
    return s, _closing_quote(text, s, e)


def _widened_to_words(text: str, s: int, e: int) -> tuple[int, int]:
    """``text[s:e]`` widened to whole hyphenated words: the tokenizer splits "Twenty-four",
    "three-quarters" and "front-runner" at the hyphen, and a speaker or a content that the
    parse began or ended at the hyphen ("four percent said …") is the whole word's."""
    while s > 1 and text[s - 1] == "-" and text[s - 2].isalnum() and text[s:s + 1].isalnum():
        s -= 1
        while s > 0 and text[s - 1].isalnum():
            s -= 1
    while e + 1 < len(text) and text[e] == "-" and text[e - 1:e].isalnum() and \
            text[e + 1].isalnum():
        e += 1
        while e < len(text) and text[e].isalnum():
            e += 1
    return s, e


def _closing_quote(text: str, s: int, e: int) -> int:
    """The end of a span that opened a quotation and stops just short of its closing mark
    (perhaps before a comma or full stop inside it), with that mark: a speaker whose
    description names a title ("the author of “Destiny and Power”", not "… “Destiny and
    Power"), a content that ends where the parse's clause does ("Donald Trump was “absolutely
    right”")."""
    inner = text[s:e]
    for opening, closing in (("\u201c", "\u201d"), ("''", "''"), ('"', '"')):
        if opening == closing:
            unclosed = inner.count(opening) % 2 == 1
        else:
            unclosed = inner.count(opening) > inner.count(closing)
        if unclosed:
            at = text.find(closing, e, e + 2 + len(closing))
            if at >= 0 and not text[e:at].strip(",."):
                return at + len(closing)
            return e
    return e


def _merge(frags: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping or touching fragments, in order."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(frags):
        if out and s <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _in_a_content(found: list[_Found], start: int, end: int) -> bool:
    """Does the content of an attribution of ``found`` hold any of ``[start, end)``?"""
    return any(s < end and start < e for f in found for s, e in f.content)


def _tail(f: _Found) -> int:
    """Where an attribution ends in the text: its content, cue or speaker, whichever is last."""
    ends = [f.end] + [w.end for w in f.cue or []] + [w.end for w in f.source]
    return max(ends)


def _gap(start: int, end: int, other_start: int, other_end: int) -> int:
    """How far apart two spans lie, in characters (whichever comes first)."""
    return min(abs(start - other_end), abs(other_start - end))


def _covers(frags: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in frags)


def _subtract(frags: list[tuple[int, int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    """Fragments with the ``cut`` span removed."""
    out = []
    for s, e in frags:
        if e <= cut[0] or s >= cut[1]:
            out.append((s, e))
            continue
        if s < cut[0]:
            out.append((s, cut[0]))
        if e > cut[1]:
            out.append((cut[1], e))
    return [(s, e) for s, e in out if e > s]



def _gaps(content: list[tuple[int, int]], quotes: list[Quotation]) -> list[tuple[int, int]]:
    """Pieces of the content outside every quotation."""
    out = []
    for s, e in content:
        cur = s
        for q in sorted(quotes, key=lambda q: q.start):
            if q.end <= cur or q.start >= e:
                continue
            if q.start > cur:
                out.append((cur, q.start))
            cur = max(cur, q.end)
        if cur < e:
            out.append((cur, e))
    return out
