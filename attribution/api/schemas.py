"""Request and response shapes (pydantic), which apiflask turns into the OpenAPI document."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from attribution.inputs import ArticleInput, refuse_nul

__all__ = ["ArticleInput"]

MAX_LOOKUP_CHARS = 10_000


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")

    _no_nul = field_validator("*")(refuse_nul)


class PageQuery(_In):
    page: int = Field(1, ge=1)
    per_page: int = Field(20, ge=1, le=100)


class StatementQuery(PageQuery):
    q: str | None = Field(None, max_length=500, description="Words the statement contains.")
    speaker: str | None = Field(
        None, max_length=300, description="Speaker id or name/alias (original or relay)."
    )
    outlet: str | None = Field(None, max_length=200, description="Outlet id or name carrying it.")
    since: date | None = Field(None, description="First appeared on or after this date.")


class LookupIn(_In):
    text: str = Field(min_length=1, max_length=MAX_LOOKUP_CHARS,
                      description="A full, partial or slightly altered quote.")
    limit: int = Field(10, ge=1, le=50)


# --- responses -----------------------------------------------------------------------------------


class OutletRef(BaseModel):
    id: int
    name: str
    kind: str | None
    domain: str | None


class SpeakerRef(BaseModel):
    id: int
    name: str
    kind: str | None


class ArticleRef(BaseModel):
    id: int
    title: str | None
    url: str | None
    published_at: str | None
    outlet: OutletRef | None


class SpanOut(BaseModel):
    text: str | None
    start: int | None
    end: int | None


class SpeakerMention(SpanOut):
    speaker: SpeakerRef | None


class ChainLinkOut(BaseModel):
    position: int
    text: str
    entity: str
    entity_kind: str | None
    start: int
    end: int
    speaker: SpeakerRef | None


class QuoteOut(BaseModel):
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
    match_score: float
    confidence: float


class LinkOut(BaseModel):
    id: int
    kind: Literal["credit", "reuse"]
    article_id: int
    target_article_id: int | None
    target_outlet: OutletRef | None
    words: int
    evidence: list[dict[str, Any]]


class DrawsOn(BaseModel):
    article_id: int
    depth: int
    kind: str


class ArticleOut(ArticleRef):
    text: str
    content_hash: str
    ingested_at: str | None
    quotes: list[QuoteOut]
    links: list[LinkOut]
    linked_from: list[LinkOut]
    draws_on: list[DrawsOn]


class StatementSummary(BaseModel):
    id: int
    text: str
    speaker: SpeakerRef | None
    first_appearance: ArticleRef | None
    occurrence_count: int | None = None


class PageMeta(BaseModel):
    page: int
    per_page: int
    total: int
    pages: int


class StatementPage(PageMeta):
    items: list[StatementSummary]


class DiffOpOut(BaseModel):
    op: Literal["equal", "replace", "insert", "delete"]
    old: str
    new: str


class CreditOut(BaseModel):
    outlet: OutletRef | None
    evidence: list[dict[str, Any]]


class OccurrenceOut(QuoteOut):
    article: ArticleRef
    outlet: OutletRef | None
    credits: list[CreditOut]
    diff: list[DiffOpOut]


class StatementOut(StatementSummary):
    occurrences: list[OccurrenceOut] = Field(description="In time order, earliest first.")


class RelayNode(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    type: Literal["speaker", "outlet", "article"]
    label: str


class RelayEdge(BaseModel):
    source: str
    target: str
    type: str
    evidence: dict[str, Any]


class RelayGraph(BaseModel):
    statement: StatementSummary
    nodes: list[RelayNode]
    edges: list[RelayEdge]


class LookupResult(BaseModel):
    score: float
    relation: str
    matched_wording: str
    statement: StatementSummary
    relays: list[OccurrenceOut]


class LookupOut(BaseModel):
    results: list[LookupResult]


class SpeakerBrief(SpeakerRef):
    aliases: list[str]


class SpeakerPage(PageMeta):
    items: list[SpeakerBrief]


class SpeakerOut(SpeakerBrief):
    statements: list[StatementSummary]
    relayed: list[StatementSummary]


class OutletBrief(OutletRef):
    articles: int


class OutletPage(PageMeta):
    items: list[OutletBrief]


class CreditedOutlet(BaseModel):
    outlet: OutletRef | None
    articles: list[int]


class OutletOut(OutletRef):
    articles: list[ArticleRef]
    statements: list[StatementSummary]
    credits: list[CreditedOutlet]
    reuses: list[LinkOut]
    reused_by: list[LinkOut]
