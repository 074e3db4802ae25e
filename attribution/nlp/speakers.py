"""Cues, contents and speakers from the dependency parse.

A cue is a word the reporting lexicon trusts (learned from PolNeAR train by word form, see
:mod:`attribution.nlp.lexicon`) *and* a structure around it: a clausal complement (``ccomp``), an
infinitive (vowed to …), an object (criticised …), a passive with an agent, a reported clause it
hangs off (``parataxis``: “…,” she said), *according to X*, or a reporting noun with a
that-clause. How sure the lexicon must be depends on the structure
(:data:`attribution.nlp.evidence.STRUCTURE_MIN_SCORE`).
The speaker is the cue's subject, inherited through ``xcomp``/``conj``/participles, or the name
the parse lost next to the cue (behind brackets, after a quote, before a subjectless cue).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from attribution.nlp import evidence
from attribution.nlp.entities import ROLE_NOUNS, TIME_WORDS
from attribution.nlp.evidence import STRUCTURE_MIN_SCORE
from attribution.nlp.lexicon import Lexicon
from attribution.nlp.syntax import Sentence, Word, phrase_head, roots_of

SUBJECT_RELS = ("nsubj", "nsubj:pass", "csubj")
# Clausal complements that carry what was said / believed.
CONTENT_RELS = ("ccomp",)
# Verbs whose infinitive complement is the content ("vowed to launch", "urged them to act").
XCOMP_CUES = {
    "vow", "promise", "pledge", "plan", "want", "urge", "ask", "call", "threaten", "decline",
    "refuse", "agree", "hope", "expect", "demand", "intend", "seek", "offer", "propose",
    "order", "tell", "warn", "encourage", "invite", "instruct", "push", "press", "appear",
    "seem", "claim", "aim", "wish", "need", "prefer", "decide", "choose", "resolve", "forget",
}
# How a thing seems, or what is said or expected of it, with no one saying it: "Trump is
# expected to deliver a speech", "the speaker appeared closer to an endorsement". PolNeAR takes
# the whole clause, its subject and the cue with it, as the content, and gives it no source:
# 250 of train's attributions with these cues, against about 40 that leave the subject out.
SEEMING_CUES = {"appear", "seem", "look"}
SAID_OF_CUES = {"expect", "consider", "see", "believe", "think", "say", "report", "view"}
# Object-taking cues whose object is the content ("criticised the officials", "called it X").
OBJECT_CUES = {
    "call", "describe", "label", "criticize", "criticise", "praise", "condemn", "blame",
    "cite", "announce", "deny", "confirm", "endorse", "reject", "dismiss", "defend", "question",
    "mention", "reveal", "acknowledge", "support", "oppose", "propose", "predict", "recommend",
    "demand", "accuse", "tout", "attack", "slam", "welcome", "dispute", "characterize",
    "characterise", "brand", "term", "hail", "quote", "emphasize", "emphasise", "stress",
    "applaud", "decry", "deplore", "lament", "tweet", "write", "post",
}
# Cues that say what their passive subject is taken for ("*the island* was known as *the
# Poorhouse of the Caribbean*", "*Rubio* is seen as *the candidate with …*").
REGARDING_CUES = {"see", "view", "regard", "consider", "know", "remember", "count", "bill",
                  "designate", "deem", "portray", "dub", "name", "rank", "rate", "cast"}
# Cues whose object is whom they address, not what they say ("told *reporters* “…”").
ADDRESSING_CUES = {"tell", "inform", "remind", "assure", "brief", "notify", "advise", "ask", "warn"}
# Cues whose passive subject is whom something was given ("*Mourners* were offered …").
_GIVING_CUES = {"offer", "give", "send", "grant", "award", "pay", "deny", "promise", "hand"}
REPORTING_NOUNS = {
    "report", "statement", "announcement", "news", "agency", "media", "newspaper", "spokesman",
    "spokeswoman", "spokesperson", "official", "officials", "source", "sources",
}


@dataclass
class Candidate:
    """One attribution found from a cue in the parse (before quotes and coreference)."""

    cue: Word
    cue_words: list[Word]
    content: list[tuple[int, int]]  # character fragments, in order
    source: list[Word] = field(default_factory=list)  # speaker words (may be empty)
    score: float = 0.5
    how: str = "ccomp"


def _trim(words: list[Word]) -> list[Word]:
    """Drop punctuation and conjunctions hanging at either end of a word list."""
    edge = {"PUNCT", "CCONJ"}
    while words and (words[0].upos in edge or words[0].deprel == "mark" and words[0].lemma in
                     {"as", "while", "because"}):
        words = words[1:]
    while words and words[-1].upos in edge:
        words = words[:-1]
    return words


def _frag(words: list[Word]) -> tuple[int, int] | None:
    words = _trim(words)
    if not words:
        return None
    return words[0].start, words[-1].end


def says_when(w: Word) -> bool:
    """Does the word say when ("Tuesday", "last week", "this morning"), not who or what?"""
    return w.ner[2:] in {"DATE", "TIME"} or w.lemma in TIME_WORDS


#: The words that may stand before "said" in a phrase meaning "even so" (:func:`concessive`).
_CONCESSIVE_OPENERS = {"that", "this", "with", "being", "having", "been"}


def concessive(w: Word) -> bool:
    """Is ``w`` the "said" of a phrase that opens a sentence and means "even so", not that
    anyone spoke: "*That said*, Cruz cannot …", "*Having said that*, …", "*That being said*,
    …", "*That having been said*, …"? The phrase is one to four words, "that" or "this"
    among them, and a comma closes it. No cue, to the rules (:func:`cue_score`) or the tagger."""
    if w.lemma != "say" or w.id > 4:
        return False
    words = _sentence_words(w)
    end = next((i for i, x in enumerate(words) if x.text == ","), None)
    if end is None or not w.id <= end <= 4:
        return False
    opening = {x.text.lower() for x in words[:end] if x is not w}
    return bool(opening & {"that", "this"}) and opening <= _CONCESSIVE_OPENERS


def _can_speak(w: Word) -> bool:
    """Could this word head a speaker? Not a date ("said Tuesday"), not a possessive ("his")."""
    if says_when(w):
        return False
    return not (w.upos == "PRON" and ("Poss=Yes" in w.feats or w.deprel == "nmod:poss"))


def _speaker_np(head: Word) -> list[Word]:
    """A speaker's words: the subject's subtree without dates hung on it ("… on Friday") and
    without a clause the parse hung before it ("A spy satellite is among … the Korean leader")."""
    dated = [c for c in head.children if c is not head and c.rel in ("nmod", "obl", "advmod")
             and says_when(c)]
    clauses = [c for c in head.children if c.id < head.id and any(
        w.upos in {"VERB", "AUX"} for w in c.subtree())]
    return head.subtree(exclude=dated + clauses)


#: Prepositions that open a phrase saying when ("*during* the debate").
_WHEN_PREPOSITIONS = {"during", "after", "before", "since", "until", "amid"}


def speaker_phrase(words: list[Word]) -> list[Word]:
    """A speaker's words cut to the noun phrase that names it, where a candidate (most often
    the span tagger's) ran on into the clause around it: "Mrs. Clinton *shook her head*" (a
    verb heads the words: its subject is the speaker), "Carly Fiorina *during the debate*",
    "Lewandowski *earlier*" (an adverb or a time at the end that hangs on the verb, not on
    the name). What describes the speaker stays, clauses too ("a strategist *who spoke on
    the condition of anonymity*": PolNeAR's sources keep them), and so does a name the parse
    broke into several subjects."""
    if not words:
        return words
    inside = {id(w) for w in words}
    head = phrase_head(words)
    # A capitalised verb among lower-case words is part of a name ("America *Rising*, a
    # conservative group", "Autism *Speaks*"), no verb the speaker did; in a headline's
    # capitals it may be ("Clinton *Wades* In").
    headline = all(w.text[:1].isupper() for w in words if w.text[:1].isalpha())
    subjects = [c for c in head.kids(*SUBJECT_RELS) if id(c) in inside and c.id < head.id] \
        if head.upos in {"VERB", "AUX"} and (head.text[:1].islower() or headline) else []
    # the subjects' words (a name the parse broke is several subjects), unless something
    # of the verb's own comes between them: "Mr. Schmidt, who bought …" is a description
    below = {id(w) for c in subjects for w in c.subtree()}
    if subjects and all(id(w) in below for w in words if w.id < head.id):
        return _whole_words([w for w in words if id(w) in below], words)
    for r in roots_of(words)[1:]:
        # a phrase hung on the verb that ends the words: an adverb, or a time
        below = {id(w) for w in r.subtree()}
        at = next(i for i, w in enumerate(words) if id(w) in below)
        opener = words[at]
        if r.head is not None and r.head.upos in {"VERB", "AUX"} and r.rel in {"obl", "advmod"} \
                and (opener.upos == "ADV" or opener.lemma in _WHEN_PREPOSITIONS or says_when(r)) \
                and all(id(w) in below for w in words[at:]):
            return _whole_words(words[:at], words)
    return words


def _whole_words(cut: list[Word], words: list[Word]) -> list[Word]:
    """``cut``, unless it leaves no noun or splits a word the tokenizer broke ("this Trump
    look-alike"): then the words as they were."""
    if not any(w.upos in {"NOUN", "PROPN", "PRON"} for w in cut):
        return words
    glued = any(w.start == cut[-1].end and (w.text[:1].isalnum() or w.text == "-")
                for w in words)
    return words if glued else cut


def _described(words: list[Word], cue: Word) -> list[Word]:
    """A speaker's words with the description the parse hung on the cue instead: "A person
    *familiar with the planning* says", "sources *close to her campaign* say", "a poll
    *released Monday* showed". The description is an adjective or a participle with no
    subject or auxiliary of its own that begins right after the speaker's words, with no comma
    between, and ends before the cue; PolNeAR's sources hold it. One set off by a comma
    ("Trump, *speaking at a rally*, said") is an aside the speaker is not named by."""
    if not words or words[0].upos == "PRON" or words[-1].upos == "PUNCT":
        return words
    for c in cue.children:
        sub = c.subtree()
        if sub[0].id == words[-1].id + 1 and sub[-1].id < cue.id and (
            c.upos == "ADJ" or c.upos == "VERB" and "VerbForm=Part" in c.feats
        ) and not c.kids(*SUBJECT_RELS, "mark", "aux", "aux:pass") \
                and sub[0].upos != "PUNCT" and sub[-1].id - sub[0].id + 1 == len(sub):
            return words + sub
    return words


def _quoted(w: Word, quotes: list[tuple[int, int]], cue: Word) -> bool:
    """Is ``w`` inside a quotation that does not also hold the cue?"""
    return any(s <= w.start < e and not (s <= cue.start < e) for s, e in quotes)


def subject_of(cue: Word, quotes: list[tuple[int, int]] | None = None,
               depth: int = 0) -> list[Word]:
    """The words naming who speaks for ``cue``: its subject, or one it inherits.

    ``quotes`` are the article's quotation spans: a subject inside a quotation the cue is not in
    is a parse slip (“He better live,” she said → *He* attached to *said*), never the speaker.
    """
    quotes = quotes or []
    subj = [w for w in cue.kids(*SUBJECT_RELS) if not _quoted(w, quotes, cue) and _can_speak(w)]
    if not subj:
        # The parser lost the subject: a pronoun or name right next to the cue ("she said",
        # "said Mulgrew") is the speaker.
        sent_words = {w.id: w for w in _sentence_words(cue)}
        before = cue.id - 1
        if before in sent_words and sent_words[before].text == ")":
            # "Rep. Gwen Moore (D-Wis.) said": look past the bracket
            while before in sent_words and sent_words[before].text != "(":
                before -= 1
            before -= 1
        for nid in (before, cue.id + 1):
            n = sent_words.get(nid)
            if n is not None and n.id > cue.id and n.rel == "nsubj" and n.head is not None \
                    and n.head is not cue and n.head.id > n.id:
                continue  # "saying he would …": the subject of what was said
            after_quote = any(0 <= cue.start - e <= evidence.AFTER_QUOTE_CHARS for _, e in quotes)
            if n is not None and _named(n, cue, quotes) and n.lemma not in {
                "who", "which", "that", "it"
            } and _can_speak(n) and not _quoted(n, quotes, cue) and (
                n.deprel not in ("obj", "iobj") or (after_quote and n.id > cue.id)
                or (cue.id == 1 and n.id == 2)  # "Said Ellis: …"
            ):
                if n.upos not in {"PRON", "PROPN"}:
                    return [n]  # a name the tagger took for a verb: its subtree is a clause
                subj = [n]
                break
        if not subj and cue.deprel == "acl:relcl" and cue.head is not None and \
                cue.head.id < cue.id and cue.head.upos in {"NOUN", "PROPN"}:
            # "the 34-year-old mother of three replied": the parse made the cue a relative
            # clause of its own subject
            return _trim(cue.head.subtree(exclude=[cue]))
        if not subj and cue.deprel in ("root", "parataxis", "ccomp") and (
            "VerbForm=Fin" in cue.feats or cue.upos == "NOUN"
        ):
            # "…,” Scott Pruitt, the Republican attorney general of Oklahoma, said.
            # "… the former secretary of state and current Democratic nominee said …"
            name = _name_after_quote(cue, quotes) or _preceding_name(cue, quotes) or \
                _name_after_inverted_cue(cue, quotes)
            if name:
                return name
    if subj:
        # Several subjects side by side are one name the parser split ("Brian", "Fallon").
        subj.sort(key=lambda w: abs(w.id - cue.id))
        s = subj[0]
        group = [w for w in subj if abs(w.id - s.id) <= evidence.NAME_GROUP_WORDS
                 and w.upos == "PROPN" == s.upos]
        if len(group) > 1:
            words = sorted({x for g in group for x in _speaker_np(g)}, key=lambda w: w.id)
            return _trim(words)
        if s.lemma in {"who", "which", "that"} and cue.deprel == "acl:relcl" and cue.head:
            if s.lemma != "that":
                # "the Chicago Police Department, which reported …": the mention is the
                # relative pronoun; the entity resolver takes it to the noun it stands for.
                return [s]
            # "a letter that says …" ("that" is too often a misparsed conjunction to stand
            # as a mention): the noun the clause modifies.
            return _trim(cue.head.subtree(exclude=[cue]))
        return _trim(_described(_speaker_np(s), cue))
    agent = [c for c in cue.kids("obl") if c.deprel == "obl:agent" or c.marked_by("by")]
    if agent and "Pass" in cue.feats:
        return _trim([w for w in agent[0].subtree() if w.lemma != "by"])
    if depth < evidence.INHERIT_DEPTH and cue.head is not None and cue.deprel in (
        "xcomp", "conj", "advcl", "acl", "ccomp", "parataxis"
    ):
        # "vowed to push … adding that" / "stood up and said": inherit the governing subject.
        # acl on a noun: "a statement saying …" — the noun itself is the source.
        if cue.deprel == "acl" and cue.head.upos in {"NOUN", "PROPN"}:
            return _trim(cue.head.subtree(exclude=[cue]))
        if cue.deprel in ("advcl", "ccomp", "parataxis") and cue.upos == "VERB" and (
            "VerbForm=Fin" in cue.feats
        ):
            return []  # a finite clause with no subject of its own: don't borrow one
        return subject_of(cue.head, quotes, depth + 1)
    return []


def according_to(sentence: Sentence) -> list[Candidate]:
    """``according to X, …`` / ``…, according to X``: X is the source, the clause the content.

    The phrase is set off by commas, and the parse often attaches its noun phrase elsewhere
    ("According to conservative talk radio host Rush Limbaugh, the move …"), so the source runs
    from *to* to the next comma (or the sentence end) and the content is the rest of the sentence.
    """
    out: list[Candidate] = []
    words = sentence.words
    for i, w in enumerate(words[:-1]):
        nxt = words[i + 1]
        if w.text.lower() != "according" or nxt.text.lower() != "to":
            continue
        j = i + 2
        while j < len(words) and words[j].text not in {",", ";", "—", "–"} and not (
            words[j].upos == "PUNCT" and words[j].text in {".", "!", "?"}
        ):
            j += 1
        source = _trim(words[i + 2:j])
        if not source:
            continue
        # Before the phrase (", according to X.") or after it ("According to X, …").
        before = words[:i]
        after = words[j + 1:]
        if fragments(before) and (_ends_at(after) or after[0].upos == "CCONJ"):
            content_words = before  # "…, according to X." / "…, according to X, and said …"
        else:
            content_words = before + after
        frags = fragments(content_words)
        if not frags:
            continue
        out.append(Candidate(cue=w, cue_words=[w, nxt], content=frags, source=source,
                             score=evidence.ACCORDING_TO, how="according"))
    return out


def _ends_at(words: list[Word]) -> bool:
    """Nothing but punctuation left."""
    return all(w.upos == "PUNCT" for w in words)


def fragments(words: list[Word]) -> list[tuple[int, int]]:
    """Character fragments for words, split where the words are not adjacent in the sentence."""
    words = _trim(sorted(words, key=lambda w: w.id))
    if not words:
        return []
    frags: list[list[Word]] = [[words[0]]]
    for w in words[1:]:
        if w.id == frags[-1][-1].id + 1:
            frags[-1].append(w)
        else:
            frags.append([w])
    out = []
    for f in frags:
        span = _frag(f)
        if span:
            out.append(span)
    # Merge fragments separated only by punctuation/whitespace (they are one span to a reader).
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and s - merged[-1][1] <= evidence.FRAGMENT_GAP_CHARS:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def verbal(w: Word) -> bool:
    """A verb, or a word the tagger called a noun but gave verb features ("Times reports:")."""
    return w.upos in {"VERB", "AUX"} or (w.upos == "NOUN" and ("Mood=" in w.feats or (
        "Tense=" in w.feats)))


def cue_score(w: Word, lexicon: Lexicon) -> float:
    """How likely ``w`` is to be a reporting cue (0 when it is not one)."""
    if not verbal(w):
        return 0.0
    if w.lemma == "put" and any(c.lemma == "it" for c in w.kids("obj")):
        return evidence.AS_X_PUT_IT
    if concessive(w):
        return 0.0
    return lexicon.score(w.text, w.lemma)


def cue_words(cue: Word) -> list[Word]:
    """The cue as a reader sees it: the verb with its auxiliaries and negation."""
    extra = [c for c in cue.children if c.deprel in ("aux", "aux:pass", "advmod") and (
        c.deprel != "advmod" or c.lemma in {"not", "also", "later", "previously", "repeatedly"})
        and c.id < cue.id and cue.id - c.id <= evidence.CUE_AUX_WORDS]
    ws = sorted([*extra, cue], key=lambda w: w.id)
    # keep it contiguous from the first aux to the verb
    return [w for w in ws if w.id >= ws[0].id]


def _named(w: Word, cue: Word, quotes: list[tuple[int, int]]) -> bool:
    """Could ``w``, next to ``cue``, name who speaks: a pronoun or a proper noun, or a name
    right after a quotation that the tagger took for a verb ("“…,” *Husted* said", "“…,”
    *Read* said"; not a headline's capitals: "‘Time’ *Just* Announced")."""
    if w.upos in {"PRON", "PROPN"}:
        return True
    return w.text[:1].isupper() and w.text[1:].islower() and cue.text.islower() and any(
        0 <= w.start - e <= 1 for _, e in quotes)


#: Speech verbs that put their speaker after them, behind a quotation: “…,” said X.
_INVERTED_CUES = {"say", "add", "ask", "write", "tell", "explain", "note", "continue", "reply",
                  "respond", "tweet", "recall", "insist", "argue"}


def _preceding_name(cue: Word, quotes: list[tuple[int, int]]) -> list[Word]:
    """The noun phrase right before a cue whose subject the parser lost.

    "…, Korean Central News Agency (KCNA) reported Monday": the name hangs off some other word,
    but a proper-noun chunk ending right before the cue is its subject.
    """
    words = {w.id: w for w in _sentence_words(cue)}
    i = cue.id - 1
    chunk: list[Word] = []
    # an acronym in brackets after the name: "(KCNA)"
    if i in words and words[i].text == ")":
        j = i
        while j in words and words[j].text != "(" and i - j < evidence.BRACKET_WORDS:
            chunk.insert(0, words[j])
            j -= 1
        if j in words and words[j].text == "(":
            chunk.insert(0, words[j])
            i = j - 1
        else:
            chunk, i = [], cue.id - 1
    while i in words and (words[i].upos in {"PROPN", "NOUN", "ADJ", "DET", "NUM", "PRON"}
                          or words[i].upos == "PART" and words[i].text in {"'s", "’s"}) and \
            not _quoted(words[i], quotes, cue):
        chunk.insert(0, words[i])
        if words[i].upos == "DET" or words[i].upos == "PRON":
            break
        i -= 1
    nouns = [w for w in chunk if w.upos in {"PROPN", "NOUN", "PRON"}]
    if not nouns or not any(w.upos == "PROPN" or w.ner != "O" or w.upos == "PRON"
                            or w.lemma in REPORTING_NOUNS or w.lemma in ROLE_NOUNS
                            for w in nouns):
        return []
    return _trim(chunk)


def _name_after_quote(cue: Word, quotes: list[tuple[int, int]]) -> list[Word]:
    """“…,” Douglas Holtz-Eakin, an economist, told me: the name between the closing quote
    mark and the cue, when the parse attached it elsewhere.

    The quotation is the last before the cue that ends as speech does (:func:`_ends_speech`):
    a title among the speaker's words is not it (“…,” Texas delegate Bill Eastland, wearing a
    cowboy hat and “Ted Cruz” campaign pins, said). The name is the one that ends where the
    speaker's phrase does, at its first comma ("Texas delegate *Bill Eastland*,"), else the
    first one after the quote."""
    sentence = _sentence_words(cue)
    closes = [e for _, e in quotes if sentence[0].start <= e <= cue.start]
    if not closes:
        return []
    said = [e for e in closes if _ends_speech(sentence, e)]
    lo = max(said or closes)
    words = [w for w in sentence if lo <= w.start < cue.start]
    phrase = next((words[:i] for i, w in enumerate(words) if w.text == ","), words)
    if phrase and phrase[-1].upos == "PROPN" and not any(
            _quoted(w, quotes, cue) for w in phrase):
        return _trim(_name_run(phrase[::-1])[::-1])
    return _trim(_name_run(words))


def _name_run(words: list[Word]) -> list[Word]:
    """The first run of proper nouns in ``words`` (joined by a hyphen or a dot)."""
    name: list[Word] = []
    for w in words:
        if w.upos == "PROPN" or (name and w.text in {"-", "."} and w.end == w.start + 1):
            name.append(w)
        elif name:
            break
    return name


def _ends_speech(sentence: list[Word], end: int) -> bool:
    """Does the quotation closing at ``end`` end as quoted speech before its speaker and cue
    do: a comma, "?" or "!" inside its closing mark, or a comma right after it (“…,” / “…?”
    / "…",)? A title ("“Ted Cruz” campaign pins") does not."""
    at = next((i for i, w in enumerate(sentence) if w.end == end), None)
    if at is None:
        return False
    return (at > 0 and sentence[at - 1].text in {",", "?", "!"}) or (
        at + 1 < len(sentence) and sentence[at + 1].text == ",")


def _name_after_inverted_cue(cue: Word, quotes: list[tuple[int, int]]) -> list[Word]:
    """“…,” said *undecided Republican voter Stephanie Hooton* of Derry, …: a speech verb right
    after a quoted sentence's closing mark (a comma, "?" or "!" inside it) names its speaker
    after it, when the parse lost the subject (it made "undecided" a verb): the words up to
    the first comma or stop, if a proper noun is among them."""
    if cue.lemma not in _INVERTED_CUES or not cue.text.islower():
        return []
    sentence = _sentence_words(cue)
    before = [w for w in sentence if w.id < cue.id][-1:]
    if not before or not any(
            0 <= cue.start - e <= evidence.AFTER_QUOTE_CHARS and before[0].end == e
            and _ends_speech(sentence, e) for _, e in quotes):
        return []
    words = []
    for w in sentence:
        if w.id <= cue.id:
            continue
        if w.upos == "PUNCT" and w.text not in {"-", "."} or _quoted(w, quotes, cue):
            break
        words.append(w)
    if len(words) > evidence.INVERTED_NAME_WORDS or not any(w.upos == "PROPN" for w in words):
        return []
    return _trim(words)


def _object_after_inverted_cue(cue: Word, sentence: Sentence) -> list[Word]:
    """"… not to move on the Scarborough Shoal, *said an American official* who was briefed …":
    after a comma, a speech verb whose subject the parse took for its object, the phrase right
    after it, names the speaker so."""
    if cue.lemma not in _INVERTED_CUES or not cue.text.islower():
        return []
    named = [o for o in cue.kids("obj", "iobj") if o.upos in {"PROPN", "NOUN"}
             and o.subtree()[0].id == cue.id + 1]
    if not _after_comma(cue, sentence) or not named:
        return []
    return _trim(_speaker_np(named[0]))


def _sentence_words(w: Word) -> list[Word]:
    root = w
    for a in w.ancestors():
        root = a
    return root.subtree()


def _describes(clause: Word, cue: Word) -> bool:
    """Is a complement the parse hung on a cue, after it, a description of the speaker rather
    than what was said: an apposition, no finite verb in it ("said Mr. Bartels, a member of
    the center-left Social Democratic Party"), or a relative clause ("said Hayati Camlica, who
    owns a repair shop")? A participle ("she said, clutching the lectern") is as often what
    was said: on train's folds, leaving those out lost as much as it gained."""
    if clause.id < cue.id or clause.kids("mark"):
        return False
    words = [x for x in clause.subtree() if x.upos != "PUNCT"]
    if not words:
        return False
    if words[0].lemma in _RELATIVE_PRONOUNS:
        return True
    return clause.upos in {"NOUN", "PROPN", "NUM"} and not any(
        x.upos in {"VERB", "AUX"} and "VerbForm=Fin" in x.feats for x in words)


_RELATIVE_PRONOUNS = {"who", "which", "whose"}


def _aside_after_quotation(clause: Word, cue: Word, sentence: Sentence,
                           quotes: list[tuple[int, int]]) -> bool:
    """Is a complement the parse hung on a cue a participle that tells what the speaker did
    while speaking, the cue coming right after a quotation (“…,” Mr. Biden said, *clutching
    the lectern*; “…,” Trump said, *referring to the debate*)? The quotation is what the cue
    reports. In train, of 183 such participles, none is the cue's content: 124 are cues of
    their own ("adding", "referring to"), the rest the reporter's."""
    if clause.id < cue.id or clause.kids("mark", *SUBJECT_RELS) or clause.upos != "VERB" or not (
            "VerbForm=Ger" in clause.feats
            or "VerbForm=Part" in clause.feats and "Tense=Pres" in clause.feats):
        return False
    first = clause.subtree()[0]
    comma_before = any(x.text == "," and x.id == first.id - 1 for x in sentence.words)
    if first.text != "," and not comma_before:
        return False  # "says running for president is hard": a content, no comma before it
    # the cue's clause opens right after a quotation: nothing but its subject between
    lo = _clause_start(cue)
    return opens_with_clause(sentence, cue, quotes) and any(
        sentence.start - 3 <= e <= lo for _, e in quotes)


def _clause_start(cue: Word) -> int:
    """Where a cue's clause begins: its subject, or the cue itself when the subject follows."""
    return min([cue.start, *(x.start for k in cue.kids(*SUBJECT_RELS) for x in k.subtree())])


def opens_with_clause(sentence: Sentence, cue: Word,
                      quotes: Sequence[tuple[int, int]] = ()) -> bool:
    """Does ``sentence`` open with ``cue``'s clause, nothing before its subject (or the cue)
    but punctuation and the quotations in ``quotes``: “…,” Trump said; said Lichtman …?"""
    lo = _clause_start(cue)
    return not any(x.end <= lo and x.upos != "PUNCT"
                   and not any(s <= x.start < e for s, e in quotes) for x in sentence.words)


def has_subject(clause: Word) -> bool:
    """Has the clause a subject of its own (an expletive "it" or "there" too)?"""
    return bool(clause.kids(*SUBJECT_RELS, "expl"))


def verb_candidates(sentence: Sentence, lexicon: Lexicon,
                    quotes: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Attributions headed by a reporting verb (or noun) with a clausal content."""
    quotes = quotes or []
    out: list[Candidate] = []
    for w in sentence.words:
        if w.upos == "NOUN":
            out.extend(_noun_candidate(w, lexicon, quotes))
            continue
        p = cue_score(w, lexicon)
        if p <= 0.0:
            continue
        passive = is_passive(w)
        content_heads = [c for c in w.kids(*CONTENT_RELS) if not _describes(c, w)
                         and not _aside_after_quotation(c, w, sentence, quotes)
                         and not _speech_after_comma(c, w, sentence, lexicon)]
        if not content_heads:
            content_heads = _misattached_that_clauses(w)
        # The content's words, where they are not the heads' subtrees, and whether it has a
        # source at all (what seems or is expected is no one's word: _seeming).
        content_words: list[Word] = []
        said_by_someone = True
        if len(content_heads) > 1:
            # Complements on both sides of the cue are a parse slip; the side after it wins.
            after = [c for c in content_heads if c.id > w.id]
            content_heads = after or content_heads[-1:]
        how = "ccomp"
        if content_heads and not has_subject(content_heads[0]):
            # "KCNA said a report … “bitterly criticised …”": the parser hung the clause's
            # subject on the cue (iobj/obj); it belongs to the content.
            # Before the cue ("Even McCain, chairman of …, are in trouble, Tester said"), the
            # subjects it holds before the clause are the clause's, the one after it speaks.
            c0 = content_heads[0]
            subjects = w.kids(*SUBJECT_RELS)
            lost = [o for o in w.kids("obj", "iobj") if w.id < o.id < c0.id]
            if not lost and c0.id < w.id and any(k.id > c0.id for k in subjects):
                lost = [o for o in subjects if o.id < c0.id]
            content_heads = lost + content_heads
        if not content_heads and passive and w.lemma in OBJECT_CUES | REGARDING_CUES | {
                "say", "report"}:
            # "This failed attempt has been acknowledged by North Korean authorities as …"
            subj = w.kids("nsubj:pass")
            predicate = [c for c in w.kids("obl", "xcomp", "advcl") if c.id > w.id and
                         not c.marked_by("by")]
            # Only with an agent ("by North Korean authorities") or a predicate ("as a
            # shortcoming"): "Nobody is quoted here" reports nothing.
            if subj and subj[0].upos != "PRON" and (passive_agent(w) or predicate):
                content_heads = subj + predicate
                content_words = _without_clauses_after_commas(content_heads, predicate)
                if w.lemma in REGARDING_CUES:
                    # "was known *as*", "is best known *for*": PolNeAR's cue holds the
                    # preposition (74 times in train, against 29 in the content)
                    marks = {id(k) for c in predicate for k in c.kids("case")
                             if k.lemma in {"as", "for"}}
                    content_words = [x for x in content_words if id(x) not in marks]
                how = "passive"
        if not content_heads and (w.lemma in XCOMP_CUES or p >= STRUCTURE_MIN_SCORE["unlisted"]):
            content_heads = [c for c in w.kids("xcomp", "advcl") if c.id > w.id and (
                c.deprel == "xcomp" and c.upos in {"VERB", "AUX", "ADJ"}
                or any(k.lemma == "to" for k in c.kids("mark")))]
            how = "xcomp"
            content_words = _seeming(w, passive, content_heads, sentence.words)
            said_by_someone = not content_words
            if content_heads and said_by_someone and w.id < len(sentence.words) and \
                    sentence.words[w.id].text.lower() == "to":
                # "pledged to ban …": how often the form is a cue where "to" follows it
                p = lexicon.score_before_to(w.text, w.lemma)
            # "urged officials to …", "called on officials to …": who was urged is part of it.
            if content_heads and said_by_someone:
                addressee = w.kids("obj") + [
                    o for o in w.kids("obl") if w.id < o.id < content_heads[0].id
                    and o.marked_by("on")]
                content_heads = addressee + content_heads
        if not content_heads and (w.lemma in OBJECT_CUES or p >= STRUCTURE_MIN_SCORE["unlisted"]):
            # "reported Monday": a date is when, not what
            objs = [o for o in w.kids("obj") if not says_when(o)]
            if objs:
                # "called the launch “the most serious” shortcoming", "acknowledged this
                # setback as one of the most serious": the object and its predicate.
                predicate = [c for c in w.kids("xcomp", "obl") if c.id > objs[0].id
                             and c.upos in {"NOUN", "PROPN", "ADJ", "NUM", "PRON"}
                             and not c.marked_by("in", "on", "at", "during", "after",
                                                 "before", "since")]
                content_heads = objs + predicate
                content_words = _without_clauses_after_commas(content_heads, predicate)
                how = "obj"
        if content_heads and passive and said_by_someone and how in ("xcomp", "obj"):
            described = passive_subject(w, content_heads)
            if described:
                content_words = (content_words or [x for h in content_heads for x in h.subtree()]
                                 ) + described.subtree()
                content_heads = [described, *content_heads]
                how = "passive"
        # a seeming clause by its verb's lemma ("appear" as "appears"), anything else by its form
        seeming = not said_by_someone and lexicon.lemmas.get(
            w.lemma, 0.0) >= STRUCTURE_MIN_SCORE["seeming"]
        if content_heads and p < STRUCTURE_MIN_SCORE[how] and not seeming:
            content_heads = []
        if content_heads:
            frags = fragments(content_words or [x for h in content_heads for x in h.subtree()])
            if frags:
                source = ([] if not said_by_someone else passive_agent(w) if how == "passive"
                          else subject_of(w, quotes))
                out.append(Candidate(cue=w, cue_words=cue_words(w), content=frags,
                                     source=source, score=p, how=how))
                continue
        # Inverted: "X is bad, he said." — the cue hangs off the reported clause.
        if w.deprel in ("parataxis", "advcl", "conj", "ccomp") and w.head is not None and (
            p >= STRUCTURE_MIN_SCORE["inverted"]
        ):
            h = w.head
            if w.deprel == "advcl" and w.kids("mark"):
                continue  # "because he said", "as he said": not the reporting frame
            if w.deprel == "conj" and w.id < h.id:
                continue
            source = subject_of(w, quotes) if w.kids(*SUBJECT_RELS) else []
            if not source and w.id > h.id:
                source = _preceding_name(w, quotes) or _name_after_quote(w, quotes) or \
                    _object_after_inverted_cue(w, sentence)
            if not source:
                continue
            cw = [x for x in h.subtree(exclude=[w])]
            frags = fragments(cw)
            if frags:
                out.append(Candidate(cue=w, cue_words=cue_words(w), content=frags,
                                     source=source, score=p * evidence.INVERTED_DISCOUNT,
                                     how="inverted"))
    return out


def _after_comma(w: Word, sentence: Sentence) -> bool:
    """Does a comma stand right before ``w`` in its sentence?"""
    return w.id > 1 and sentence.words[w.id - 2].text == ","


def _speech_after_comma(clause: Word, cue: Word, sentence: Sentence, lexicon: Lexicon) -> bool:
    """Is a complement the parse hung on a cue, after it and a comma, another act of speech
    ("The former secretary of state will play the “woman card,” Fiorina said, *adding that* …",
    "“…,” said Ed Rendell, a former Pennsylvania governor …, *referring to* …") rather than
    what the cue reports? A reporting verb's participle, the comma opening its phrase or right
    before it."""
    return clause.id > cue.id and clause.xpos == "VBG" and (
        _after_comma(clause, sentence) or clause.subtree()[0].text == ","
    ) and cue_score(clause, lexicon) >= evidence.SPEECH_PARTICIPLE


def _misattached_that_clauses(cue: Word) -> list[Word]:
    """A clause that "that" opens after the cue, which the parse took for a conjunct or an
    aside of it instead of its complement: "Fiorina declared in a heated argument with
    Keyworth *that any new deal … would demand* …" (``conj``). A clause opening with "and
    that" is a conjunct indeed; a cue with an object of its own reports that ("dismissed *the
    critique* …"), unless the object is whom it tells ("told *reporters* … that …"). Failing
    that, a clause with a subject that "that" opens, hung on a phrase after the cue saying
    where ("stating *during the debate that they are* …", ``acl`` of "debate")."""
    if cue.kids("obj") and cue.lemma not in ADDRESSING_CUES:
        return []
    found = [c for c in cue.kids("conj", "parataxis", "advcl", "dep") if c.id > cue.id
             and _opens_with_that(c)]
    return found or [c for o in cue.kids("obl") if o.id > cue.id
                     for c in o.kids("acl", "ccomp") if c.id > o.id and _opens_with_that(c)
                     and c.kids(*SUBJECT_RELS)]


def _opens_with_that(clause: Word) -> bool:
    """Does "that" mark the clause, as its first word ("*that* any new deal …")?"""
    return any(m.lemma == "that" and m is clause.subtree()[0] for m in clause.kids("mark"))


def _without_clauses_after_commas(heads: list[Word], predicates: list[Word]) -> list[Word]:
    """The words of ``heads``' subtrees, without a clause that a comma sets off after a
    predicate (of a passive cue, or of an object): in "acknowledged … as a significant
    shortcoming, leading them to express …" the participle tells what followed, not what was
    acknowledged, wherever the parser hangs it (on the cue, or on "shortcoming")."""
    after_commas = [k for p in predicates for k in p.kids("acl", "advcl")
                    if k.id > p.id and k.subtree()[0].text == ","]
    return [x for h in heads for x in h.subtree(exclude=after_commas)]


def _seeming(cue: Word, passive: bool, complements: list[Word], words: list[Word]
             ) -> list[Word]:
    """The words of "<subject> <cue> <complement>" when ``cue`` says how its subject seems or
    what is said of it (:data:`SEEMING_CUES`, or a passive of :data:`SAID_OF_CUES`) with no
    one saying it (no ``by`` agent): from the subject's first word to the complement's last,
    whatever comes between ("Clinton, casting herself as a champion of working people,
    appeared to assuage …"). Nothing otherwise."""
    if not complements or not (cue.lemma in SEEMING_CUES and not passive
                               or passive and cue.lemma in SAID_OF_CUES and not passive_agent(cue)):
        return []
    subjects = cue.kids("nsubj", "nsubj:pass")
    if not subjects:
        return []
    ends = [x.id for x in subjects[0].subtree()] + [x.id for c in complements
                                                   for x in c.subtree()]
    first, last = min(ends), max(ends)
    return [x for x in words if first <= x.id <= last]


def _noun_candidate(w: Word, lexicon: Lexicon, quotes: list[tuple[int, int]]) -> list[Candidate]:
    """``Trump's claim that …``, ``the warning that …``: a reporting noun with a that-clause."""
    p = lexicon.forms.get(w.text.lower(), 0.0)
    if p < STRUCTURE_MIN_SCORE["noun"]:
        return []
    clauses = [c for c in w.kids("acl", "ccomp", "acl:relcl") if c.id > w.id and any(
        k.lemma == "that" and k.deprel == "mark" for k in c.kids("mark"))]
    if not clauses:
        return []
    frags = fragments(clauses[0].subtree())
    if not frags:
        return []
    owner = [c for c in w.kids("nmod:poss") if _can_speak(c) or c.upos == "PRON"]
    source = _trim(_speaker_np(owner[0])) if owner else []
    return [Candidate(cue=w, cue_words=[w], content=frags, source=source, score=p, how="noun")]


def passive_subject(cue: Word, content_heads: list[Word]) -> Word | None:
    """The subject of a passive cue that its content describes, which belongs to the content:
    "*The new project* will informally be dubbed the “Defeat Crooked Hillary PAC”", "*Trump*
    has been criticized by some of his rivals for failing to …" (PolNeAR's content is both
    pieces, the cue and any agent between left out; in train the subject of a passive cue lies
    in the content 423 times, in the source 122, in neither 94). Not whom an addressing cue
    addressed ("*Trump* was asked whether …", "was told that"), nor who was quoted, and only a
    subject before the cue whose content all comes after it."""
    if cue.lemma in ADDRESSING_CUES or cue.lemma in _GIVING_CUES or cue.lemma == "quote" \
            or not is_passive(cue) or any(h.id < cue.id for h in content_heads):
        return None
    if any(a.text.lower() in {"'s", "\u2019s"} for a in cue.kids("aux:pass")):
        return None  # "he's predicted big wins": "has" as often as "is"
    return _subject_before(cue, "nsubj:pass")


def seeming_subject(cue: Word) -> Word | None:
    """The subject of a cue that says how it seems ("*Hizbollah* seems unlikely to …", "*he*
    looks like a flake"), before the cue: PolNeAR's content holds it (:data:`SEEMING_CUES`,
    an expletive "it" or "there" left out)."""
    if cue.lemma not in SEEMING_CUES or is_passive(cue) or cue.xpos == "VBG":
        return None  # "is looking for a workaround": whoever looks is the one who wants it
    if not cue.kids("xcomp") and not any(o.marked_by("like") for o in cue.kids("obl")):
        return None  # "appeared at a rally": where, not how it seems
    return _subject_before(cue, "nsubj")


def is_passive(verb: Word) -> bool:
    """Is ``verb`` in the passive voice (by its features, or a passive auxiliary)?"""
    return "Voice=Pass" in verb.feats or bool(verb.kids("aux:pass"))


def _subject_before(cue: Word, rel: str) -> Word | None:
    """The cue's first subject of relation ``rel`` before it, an expletive "it" or "there"
    left out."""
    return next((s for s in cue.kids(rel) if s.id < cue.id and s.lemma not in {"it", "there"}),
                None)


def passive_agent(cue: Word) -> list[Word]:
    """The ``by`` phrase of a passive cue."""
    for c in cue.kids("obl"):
        if c.deprel == "obl:agent" or c.marked_by("by"):
            return _trim([w for w in c.subtree() if w.lemma != "by" or w.head is not c])
    return []
