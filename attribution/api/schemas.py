"""Request and response shapes (pydantic), which apiflask turns into the OpenAPI document.

The response models are the only serialisation: they read the rows and dataclasses that
:mod:`attribution.queries` returns (``from_attributes``), so the API, the pages and the CLI
print the same JSON for the same thing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

from attribution.inputs import ArticleInput, refuse_nul

__all__ = ["ArticleInput", "dump"]

MAX_LOOKUP_CHARS = 10_000


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")

    _no_nul = field_validator("*")(refuse_nul)


#: The last page a list serves: deep offsets cost the database a scan of everything before
#: them, and no reader pages through more than a million results (filter instead).
MAX_PAGE = 10_000


def _iso_date(value: Any) -> Any:
    # pydantic would read "0" or "1700000000" as a Unix time; a query says dates in ISO 8601.
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("give a date as YYYY-MM-DD")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class PageQuery(_In):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=100)


class StatementQuery(PageQuery):
    q: str | None = Field(
        None, max_length=500,
        description="Words the statement holds, whole and in this order, any case and "
                    "whatever punctuation lies between them (\"special place in hell\" finds "
                    "\"a SPECIAL PLACE IN HELL,\"; \"pecial place\" finds nothing). Text with "
                    "no word in it (\"%\") is looked for as it is.")
    speaker: str | None = Field(
        None, max_length=300, description="Speaker id or name/alias (original or relay)."
    )
    outlet: str | None = Field(None, max_length=200, description="Outlet id or name carrying it.")
    since: IsoDate | None = Field(
        None, description="First appeared on or after this date (YYYY-MM-DD)."
    )


class SpeakerQuery(PageQuery):
    q: str | None = Field(None, max_length=300, description="Words its name or an alias holds.")
    across_articles: bool = Field(
        False, description="Only speakers known across articles (no pronoun, description or "
        "surname known only in its own article)."
    )


class OutletQuery(PageQuery):
    q: str | None = Field(None, max_length=200, description="Words its name holds.")


class ArticleQuery(PageQuery):
    external_id: str | None = Field(
        None, max_length=300, description="The feed's own id for the article."
    )
    outlet: str | None = Field(None, max_length=200, description="Outlet id or name.")


class LookupIn(_In):
    text: str = Field(min_length=1, max_length=MAX_LOOKUP_CHARS,
                      description="A full, partial or slightly altered quote.")
    # Strict: a JSON body's number is a number (lax validation took ``true`` for 1).
    limit: int = Field(10, ge=1, le=50, strict=True)


# --- responses -----------------------------------------------------------------------------------


def _utc_iso(value: datetime) -> str:
    # Stored timestamps are naive UTC (see store.tables.utcnow).
    return value.isoformat() + "Z"


#: A stored timestamp, as ISO 8601 UTC with a ``Z``.
Timestamp = Annotated[datetime, PlainSerializer(_utc_iso, return_type=str)]
#: A score or confidence: three decimals say all that the matching can tell apart.
Score = Annotated[float, AfterValidator(lambda value: round(value, 3))]


class _Extended:
    """A computed result read as one object: its own attributes first, then those of the
    stored row it extends (an outlet and its article count, a quote and its credits)."""

    def __init__(self, result: object, row: object) -> None:
        self._result = result
        self._row = row

    def __getattr__(self, name: str) -> Any:
        try:
            return getattr(self._result, name)
        except AttributeError:
            return getattr(self._row, name)


def _extends(row: str) -> Any:
    """A before-validator reading a :mod:`attribution.queries` dataclass as the row in its
    field ``row`` plus its own fields; rows and dicts pass as they are."""

    def read(cls: type[BaseModel], data: Any) -> Any:
        if is_dataclass(data) and not isinstance(data, type) and hasattr(data, row):
            return _Extended(data, getattr(data, row))
        return data

    return model_validator(mode="before")(read)


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class OutletRef(_Out):
    id: int
    name: str
    kind: str | None
    domain: str | None


class SpeakerRef(_Out):
    id: int
    name: str
    kind: str | None
    article_id: int | None = Field(
        None, description="The one article this speaker is known in (a description, or a "
        "surname the article never tied to a full name); null for a speaker known across "
        "articles.",
    )


class ArticleRef(_Out):
    id: int
    title: str | None
    url: str | None
    external_id: str | None = Field(description="The feed's own id for the article.")
    author: str | None
    published_at: Timestamp | None
    outlet: OutletRef | None


class SpanOut(_Out):
    text: str | None
    start: int | None
    end: int | None


class SpeakerMention(SpanOut):
    speaker: SpeakerRef | None


class ChainLinkOut(_Out):
    position: int
    text: str
    entity: str
    entity_kind: str | None
    start: int
    end: int
    speaker: SpeakerRef | None


class _Spans:
    """The speaker mention and the cue, which a stored quote keeps as flat columns."""

    def __init__(self, quote: Any) -> None:
        self.speaker = (
            SpeakerMention(text=quote.speaker_text, start=quote.speaker_start,
                           end=quote.speaker_end, speaker=quote.speaker)
            if quote.speaker_text is not None
            else None
        )
        self.cue = (
            SpanOut(text=quote.cue_text, start=quote.cue_start, end=quote.cue_end)
            if quote.cue_text is not None
            else None
        )


class QuoteOut(_Out):
    id: int
    statement_id: int
    start: int
    end: int
    text: str
    kind: Literal["direct", "mixed", "indirect", "paraphrase"]
    speaker: SpeakerMention | None
    cue: SpanOut | None
    chain: list[ChainLinkOut]
    parts: list[dict[str, Any]]
    credited: bool
    relation: str
    match_score: Score
    confidence: Score

    @model_validator(mode="before")
    @classmethod
    def _mention_and_cue(cls, quote: Any) -> Any:
        return quote if isinstance(quote, dict) else _Extended(_Spans(quote), quote)

    @field_validator("parts", mode="before")
    @classmethod
    def _no_parts(cls, parts: Any) -> Any:
        return parts or []


class LinkOut(_Out):
    id: int
    kind: Literal["credit", "reuse"]
    article_id: int
    article: ArticleRef = Field(description="The article that credits or reuses.")
    target_article_id: int | None
    target_article: ArticleRef | None = Field(
        description="The article credited or reused (a credit: the credited outlet's earliest "
        "article sharing a statement with this one, if stored)."
    )
    target_outlet: OutletRef | None
    words: int
    evidence: list[dict[str, Any]]


class DrawsOn(_Out):
    article_id: int
    depth: int
    kind: str


class ArticleOut(ArticleRef):
    text: str
    content_hash: str
    ingested_at: Timestamp | None
    analysis_status: Literal["complete", "partial"] = Field(
        description="partial: the analysis stopped at its time budget, and analysis_note "
        "says from where the text was not analysed; the quotes are what was found before."
    )
    analysis_note: str | None = Field(
        description="What was left out or cut to bound time and memory (sentences too long "
        "for the parser are parsed in pieces)."
    )
    quotes: list[QuoteOut]
    unattributed: list[SpanOut] = Field(
        description="Quotations that read as speech but that nothing in the article "
        "attributes (no speaker, no cue): for a journalist to check, never statements."
    )
    links: list[LinkOut]
    linked_from: list[LinkOut]
    draws_on: list[DrawsOn]

    _read = _extends("article")


class StatementSummary(_Out):
    id: int
    text: str
    speaker: SpeakerRef | None
    # The stored row calls it first_article.
    first_appearance: ArticleRef | None = Field(
        validation_alias=AliasChoices("first_appearance", "first_article")
    )
    occurrence_count: int | None = None

    _read = _extends("statement")


class PageMeta(_Out):
    page: int
    per_page: int
    total: int
    #: False when a word search matched more statements than it counts
    #: (``queries.SEARCH_COUNT_CAP``): ``total`` is then "at least".
    total_exact: bool = True
    pages: int


class StatementPage(PageMeta):
    items: list[StatementSummary]


class ArticlePage(PageMeta):
    items: list[ArticleRef]


class DiffOpOut(_Out):
    op: Literal["equal", "replace", "insert", "delete"]
    old: str
    new: str


class CreditOut(_Out):
    # An article's credit link: the outlet is its target.
    outlet: OutletRef | None = Field(validation_alias=AliasChoices("outlet", "target_outlet"))
    evidence: list[dict[str, Any]]


class RelayWarningOut(_Out):
    code: Literal["uncredited_copy", "unquoted_paraphrase", "no_speaker"] = Field(
        description="uncredited_copy: the article reuses the prose of another article carrying "
        "the statement without crediting its outlet; unquoted_paraphrase: the words restated "
        "without quotation marks; no_speaker: nobody is named as their speaker."
    )
    message: str


class OccurrenceOut(QuoteOut):
    article: ArticleRef
    outlet: OutletRef | None
    credits: list[CreditOut]
    diff: list[DiffOpOut]
    warnings: list[RelayWarningOut] = Field(
        description="Why this relay deserves a second look (empty: nothing found)."
    )

    _read = _extends("quote")


class StatementOut(StatementSummary):
    occurrences: list[OccurrenceOut] = Field(description="In time order, earliest first.")


class SpeakerNode(_Out):
    id: str
    type: Literal["speaker"]
    label: str
    # Present (true) only on the statement's original speaker.
    original: bool = Field(False, exclude_if=lambda original: not original)


class OutletNode(_Out):
    id: str
    type: Literal["outlet"]
    label: str
    kind: str | None


class ArticleNode(_Out):
    id: str
    type: Literal["article"]
    label: str
    published_at: Timestamp | None


RelayNode = Annotated[SpeakerNode | OutletNode | ArticleNode, Field(discriminator="type")]


class RelayEdge(_Out):
    source: str
    target: str
    type: Literal["relayed_by", "quoted_in", "restated_in", "published_by", "credits", "reuses"]
    evidence: dict[str, Any] = Field(
        description="relayed_by: the chain hop as written; quoted_in, restated_in: the quote; "
        "credits: the credit as written (items); reuses: shared words and passages (items)."
    )

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence_fields(cls, evidence: Any) -> Any:
        if is_dataclass(evidence) and not isinstance(evidence, type):
            return asdict(evidence)
        return evidence


class RelayGraph(_Out):
    statement: StatementSummary
    nodes: list[RelayNode]
    edges: list[RelayEdge]


class LookupResult(_Out):
    score: Score
    relation: str
    matched_wording: str
    statement: StatementSummary
    relays: list[OccurrenceOut]


class LookupOut(_Out):
    results: list[LookupResult]


class SpeakerBrief(SpeakerRef):
    aliases: list[str]

    @field_validator("aliases", mode="before")
    @classmethod
    def _alias_names(cls, aliases: Any) -> Any:
        return [getattr(alias, "alias", alias) for alias in aliases]


class SpeakerPage(PageMeta):
    items: list[SpeakerBrief]


class SharedAliasOut(_Out):
    alias: str
    speakers: list[SpeakerRef] = Field(description="Other speakers known across articles "
                                       "who go by this name too (at most 20).")


class SpeakerOut(SpeakerBrief):
    statements: list[StatementSummary]
    relayed: list[StatementSummary]
    shared_aliases: list[SharedAliasOut] = Field(
        description="Names this speaker shares with others: ambiguity kept, not guessed."
    )

    _read = _extends("speaker")


class OutletBrief(OutletRef):
    articles: int = Field(description="How many of its articles are stored.")

    _read = _extends("outlet")


class OutletPage(PageMeta):
    items: list[OutletBrief]


class CreditedOutlet(_Out):
    outlet: OutletRef | None
    articles: list[int]


class OutletOut(OutletRef):
    articles: list[ArticleRef]
    statements: list[StatementSummary]
    credits: list[CreditedOutlet]
    reuses: list[LinkOut]
    reused_by: list[LinkOut]

    _read = _extends("outlet")


class JobCounts(_Out):
    submitted: int = Field(description="Articles in the job.")
    stored: int = Field(description="Articles this job stored.")
    already_stored: int = Field(
        description="Articles found stored already (the same URL, feed id or text)."
    )
    failed: int = Field(description="Articles that failed, each alone (see articles[].error).")
    quotes: int = Field(description="Quotes stored with the articles this job stored.")


class JobArticleOut(_Out):
    position: int = Field(description="The article's place in the job, from 0.")
    where: str = Field(description='Where it came from: "request body", or a file (and line).')
    outcome: Literal["stored", "already stored", "failed"]
    article_id: int | None = Field(description="The stored article; null when it failed.")
    article: str | None = Field(None, description="The stored article's address in the API.")
    quotes: int = Field(description="Quotes stored with it by this job.")
    error: str | None = Field(description="Why it failed; nothing of it was stored.")

    @model_validator(mode="after")
    def _link(self) -> JobArticleOut:
        if self.article_id is not None:
            self.article = f"/api/articles/{self.article_id}"
        return self


class JobOut(_Out):
    """Articles handed to the workers: poll until ``status`` is ``done`` or ``failed``."""

    id: str = Field(description="The job's id (GET /api/jobs/{id}).")
    status: Literal["queued", "running", "done", "failed"] = Field(
        description="queued: waiting for a worker; done: every article stored, already stored "
        "or failed alone (counts.failed, articles[].error); failed: the job as a whole "
        "stopped (error says why)."
    )
    submitted_at: Timestamp
    started_at: Timestamp | None
    finished_at: Timestamp | None
    counts: JobCounts
    articles: list[JobArticleOut] = Field(
        description="What became of each article processed so far, in submission order."
    )
    error: str | None = Field(description="Why the job as a whole failed.")

    @model_validator(mode="before")
    @classmethod
    def _from_row(cls, job: Any) -> Any:
        if isinstance(job, dict):
            return job
        return {
            "id": job.public_id, "status": job.status, "submitted_at": job.submitted_at,
            "started_at": job.started_at, "finished_at": job.finished_at,
            "counts": job, "articles": job.results, "error": job.error,
        }


def dump(schema: type[BaseModel], data: Any) -> Any:
    """``data`` as JSON-ready values through ``schema``, exactly as the API sends it."""
    return schema.model_validate(data).model_dump(mode="json", by_alias=True)
