"""Quotation spans in raw text: quote marks, pairing, nesting and multi-paragraph quotes.

Works on characters only (no parse), so its offsets are exact by construction. Newsroom text is
messy: a quote may open with a straight mark and close with a curly one, an opening quote may
never close, and a long quote runs over paragraphs by re-opening each paragraph without closing
the previous one. Direction is therefore read from the context of each mark (what stands to its
left and right), with the glyph only breaking ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = "\u201c\u201e\u201f\u00ab"  # “ „ ‟ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
DOUBLE_AMBIGUOUS = '"'
SINGLE_OPEN = "\u2018\u201a\u2039"  # ‘ ‚ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
SINGLE_AMBIGUOUS = "'"

# Two single marks standing for one double mark (``…'' and ''…'' in some wire copy).
_DOUBLED_SINGLE = re.compile(r"''|``|\u2018\u2018|\u2019\u2019")
_OPEN_LEFT = set(" \t\n\r\u00a0([{\u2014\u2013-/:;") | {""}
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[\"\u201c\u2018'«])|\n")


@dataclass
class Quotation:
    """A quotation: its envelope (marks included), its fragments, and quotes nested inside."""

    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)
    nested: list[Quotation] = field(default_factory=list)
    closed: bool = True  # False when the text never closed it (closed at paragraph end)
    single: bool = False  # delimited by single marks

    def inner(self, text: str) -> tuple[int, int]:
        """Offsets of the quoted words, without the marks."""
        s, e = self.start, self.end
        while s < e and (text[s] in ALL_MARKS or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in ALL_MARKS or text[e - 1].isspace()):
            e -= 1
        return s, e

    def words(self, text: str) -> int:
        s, e = self.inner(text)
        return len(re.findall(r"\w+", text[s:e]))

    def is_title(self, text: str) -> bool:
        """Do the quoted words read as a title (a show, a book: “Cake Boss”)?"""
        return title_case(text[slice(*self.inner(text))])


#: Words a title leaves in lower case ("Orange is the New Black", "Dateline on Assignment").
_TITLE_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as is are be vs via per".split())
_TITLE_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")


def title_case(words: str) -> bool:
    """Do the words read as a title: each capitalised but the short words a title leaves
    in lower case, and at least one capitalised?"""
    found = _TITLE_WORD.findall(words)
    return any(w[0].isupper() for w in found) and all(
        w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in found)


#: Every character a quotation mark is written with (the entity table strips them off names too).
ALL_MARKS = frozenset(DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIGUOUS + SINGLE_OPEN
                      + SINGLE_CLOSE + SINGLE_AMBIGUOUS + "`")
#: Any character a mark (or a doubled single mark) can begin with.
_ANY_MARK = re.compile("[" + re.escape("".join(sorted(ALL_MARKS))) + "]")


@dataclass
class _Mark:
    pos: int
    end: int
    double: bool
    opens: bool
    closes: bool


def _left(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _right(text: str, i: int) -> str:
    return text[i] if i < len(text) else ""


def _marks(text: str) -> list[_Mark]:
    """Every quote mark with the directions its context allows."""
    marks: list[_Mark] = []
    i = 0
    n = len(text)
    while i < n:
        next_mark = _ANY_MARK.search(text, i)  # nothing between marks can be one
        if next_mark is None:
            break
        i = next_mark.start()
        m = _DOUBLED_SINGLE.match(text, i)
        if m:
            ch, end = text[i], m.end()
        else:
            ch, end = text[i], i + 1
        if m or ch in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIGUOUS:
            left, right = _left(text, i), _right(text, end)
            can_open = (left in _OPEN_LEFT or left in ALL_MARKS) and right not in ("", " ", "\n")
            can_close = left not in ("", " ", "\n", "\t") and (
                right == "" or not (right.isalnum())
            )
            if m:
                glyph_open = ch in "`\u2018"
                glyph_close = ch == "\u2019"
            else:
                glyph_open, glyph_close = ch in DOUBLE_OPEN, ch in DOUBLE_CLOSE
            if can_open and can_close:  # e.g. `,"“` tight between marks: trust the glyph
                can_open = glyph_open or not glyph_close
                can_close = glyph_close or not glyph_open
            if not can_open and not can_close:
                can_open, can_close = glyph_open, glyph_close or not glyph_open
            marks.append(_Mark(i, end, True, can_open, can_close))
            i = end
            continue
        if ch in SINGLE_OPEN + SINGLE_CLOSE + SINGLE_AMBIGUOUS:
            left, right = _left(text, i), _right(text, i + 1)
            # An apostrophe: inside a word (May’s, Un’s), a plural possessive (Workers’ Party),
            # or an elision before a number or word ('90s, ’em). Never a quote mark.
            inside_word = left.isalnum() and right.isalnum()
            elision = (not left.isalnum()) and right.isdigit()
            if not inside_word and not elision:
                can_open = (left in _OPEN_LEFT or left in ALL_MARKS) and (
                    right.isalnum() or right in ALL_MARKS
                ) and ch not in SINGLE_CLOSE
                can_close = (left not in ("", " ", "\n", "\t")) and not right.isalnum() and (
                    ch not in SINGLE_OPEN
                )
                if can_open or can_close:
                    marks.append(_Mark(i, i + 1, False, can_open, can_close))
        i += 1
    return marks


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\n", text)] + [len(text)]


def find_quotations(text: str) -> list[Quotation]:
    """All top-level double-quoted spans, each with its nested single/double quotes.

    A paragraph that opens a quote and never closes it, followed by a paragraph that opens
    again, is one quotation (newspaper convention for multi-paragraph quotes).
    """
    marks = _marks(text)
    doubles = [m for m in marks if m.double]
    singles = [m for m in marks if not m.double]
    para_ends = _paragraph_ends(text)

    def para_end_after(pos: int) -> int:
        for p in para_ends:
            if p >= pos:
                return p
        return len(text)

    quotes: list[Quotation] = []
    open_mark: _Mark | None = None
    parts: list[tuple[int, int]] = []
    envelope_start = 0
    idx = 0
    while idx < len(doubles):
        m = doubles[idx]
        if open_mark is None:
            if m.opens:
                open_mark, envelope_start, parts = m, m.pos, []
            idx += 1
            continue
        boundary = para_end_after(open_mark.pos)
        if m.pos > boundary:
            # The quote ran to the end of its paragraph without closing.
            nxt_para_start = boundary + 1
            between = text[nxt_para_start:m.pos]
            if m.opens and not between.strip():
                # Multi-paragraph: this paragraph re-opens the same quote.
                parts.append((open_mark.pos, _rstrip(text, boundary)))
                open_mark = m
                idx += 1
                continue
            parts.append((open_mark.pos, _rstrip(text, boundary)))
            quotes.append(_make(envelope_start, parts, closed=False))
            open_mark = None
            continue  # re-examine this mark as a possible opener
        if m.closes and (not m.opens or m.pos > open_mark.end):
            parts.append((open_mark.pos, m.end))
            quotes.append(_make(envelope_start, parts, closed=True))
            open_mark = None
        elif m.opens:
            inner_close = _nested_close(text, doubles, idx, open_mark, boundary)
            if inner_close is not None:
                # A quote inside a quote in the other glyph family: "… read you the question:
                # “As you know …” …" — skip over it, the outer quote goes on.
                idx = inner_close + 1
                continue
            # Two openers in a row in one paragraph: the first was stray; start again here.
            open_mark, envelope_start, parts = m, m.pos, []
        idx += 1
    if open_mark is not None:
        boundary = para_end_after(open_mark.pos)
        parts.append((open_mark.pos, _rstrip(text, boundary)))
        quotes.append(_make(envelope_start, parts, closed=False))

    quotes = [q for q in quotes if q.words(text) > 0]
    _attach_singles(text, singles, quotes)
    return sorted(quotes, key=lambda q: q.start)


def _family(text: str, m: _Mark) -> str:
    """Straight (", '') or typographic (“ ” « ») marks."""
    return "straight" if text[m.pos] in "\"'`" else "curly"


def _nested_close(text: str, doubles: list[_Mark], idx: int, outer: _Mark,
                  boundary: int) -> int | None:
    """Index of the closer of a double quote nested in ``outer``: the other glyph family,
    closed in the same paragraph before any mark of the outer's family. None otherwise."""
    inner = doubles[idx]
    if _family(text, inner) == _family(text, outer):
        return None
    for j in range(idx + 1, len(doubles)):
        m = doubles[j]
        if m.pos > boundary:
            return None
        if _family(text, m) == _family(text, inner) and m.closes:
            return j
        if _family(text, m) == _family(text, outer):
            return None
    return None


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _make(start: int, parts: list[tuple[int, int]], closed: bool) -> Quotation:
    return Quotation(start=start, end=parts[-1][1], parts=list(parts), closed=closed)


def _pair_singles(text: str, singles: list[_Mark], lo: int, hi: int) -> list[Quotation]:
    """Pair single marks between lo and hi within one paragraph each."""
    out: list[Quotation] = []
    pending: _Mark | None = None
    for m in singles:
        if m.pos < lo or m.end > hi:
            continue
        if pending is not None and "\n" in text[pending.pos:m.pos]:
            pending = None
        if pending is None:
            if m.opens:
                pending = m
        elif m.closes:
            q = Quotation(start=pending.pos, end=m.end, parts=[(pending.pos, m.end)], single=True)
            if q.words(text) > 0:
                out.append(q)
            pending = None
        elif m.opens:
            pending = m
    return out


def _attach_singles(text: str, singles: list[_Mark], quotes: list[Quotation]) -> None:
    """Single-quoted spans: nested inside a double quote, or top level where no double
    quote covers them (British style headlines: 'the most serious')."""
    for q in quotes:
        q.nested = _pair_singles(text, singles, q.start + 1, q.end - 1)
    covered = [(q.start, q.end) for q in quotes]
    for sq in _pair_singles(text, singles, 0, len(text)):
        if not any(s <= sq.start and sq.end <= e for s, e in covered) and not any(
            sq.start < e and s < sq.end for s, e in covered
        ):
            quotes.append(sq)
