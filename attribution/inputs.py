"""Articles as they arrive: the input model (API body, JSON line, manifest entry) and reading
them from files for ``attribution ingest``: ``.txt``, ``.html``, ``.json``, ``.jsonl``, and
directories (with a ``manifest.json`` like ``samples/``, or without one).

Each input becomes an :class:`ArticleInput` or an error message that names the file (and the
line, for JSON lines). Nothing here touches the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from attribution.config import MAX_TEXT_CHARS
from attribution.store.tables import OUTLET_KINDS

OutletKind = Literal["wire", "state media", "newspaper", "broadcaster", "site"]
assert set(OutletKind.__args__) == set(OUTLET_KINDS)  # type: ignore[attr-defined]


def refuse_nul(value: Any) -> Any:
    """A field validator: text holding a NUL character is bad input (no article needs one, and
    PostgreSQL can neither store nor compare it)."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("contains a NUL character (\\x00)")
    return value


#: Control characters, C0 and C1, whitespace aside.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refuse_control(value: Any) -> Any:
    """A field validator for names, titles, ids and URLs: a control character there is noise or
    an attack on whatever displays it (a terminal, a log). An article's text is not checked
    this way: it is stored as received, and real articles carry such characters (10 of
    PolNeAR's 924 hold a mojibake \\x83 or a stray ESC)."""
    refuse_nul(value)
    if isinstance(value, str) and (found := _CONTROL.search(value)):
        raise ValueError(
            f"contains the control character U+{ord(found.group()):04X} at position "
            f"{found.start()}"
        )
    return value


#: How far ahead of this server's clock a publication date may lie: time zones and clock skew.
FUTURE_TOLERANCE = timedelta(days=1)


class ArticleInput(BaseModel):
    """One article to ingest, from the API or a file. ``text`` is stored exactly as given;
    ``html`` instead of ``text`` has its main text and metadata extracted by trafilatura."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    text: str | None = Field(None, max_length=MAX_TEXT_CHARS, description="Article text.")
    html: str | None = Field(
        None, max_length=4 * MAX_TEXT_CHARS, description="Article HTML, instead of text."
    )
    # The JSON lines that `attribution extract --jsonl` reads ({"id", "publisher", "date", ...})
    # are accepted as they are: "id", "publisher" and "date" are other names for these fields.
    id: str | None = Field(
        None, max_length=300, description="The feed's own id for the article (unique per outlet)."
    )
    url: str | None = Field(None, max_length=2048)
    title: str | None = Field(None, max_length=1000)
    author: str | None = Field(None, max_length=500)
    outlet: str | None = Field(
        None, max_length=200, validation_alias=AliasChoices("outlet", "publisher"),
        description='Publisher\'s name (also accepted as "publisher").',
    )
    outlet_domain: str | None = Field(None, max_length=255)
    outlet_kind: OutletKind | None = None
    published_at: datetime | None = Field(
        None, validation_alias=AliasChoices("published_at", "date"),
        description='ISO 8601 date or date-time; a date alone means midnight UTC (also accepted '
        'as "date").',
    )
    # Evaluation files (PolNeAR) carry their gold annotations on the same line: accepted so
    # that one file feeds both `extract` and `ingest`, and never stored.
    annotator: str | None = Field(None, max_length=200, exclude=True,
                                  description="Ignored: an evaluation file's annotator.")
    attributions: list[Any] | None = Field(None, exclude=True,
                                           description="Ignored: gold annotations.")

    _no_nul = field_validator("text", "html")(refuse_nul)

    @field_validator("text")
    @classmethod
    def _not_empty(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("the article text is empty")
        return value
    _no_control = field_validator(
        "id", "url", "title", "author", "outlet", "outlet_domain"
    )(refuse_control)

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        # Feeds number their items as often as they name them.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("published_at", mode="before")
    @classmethod
    def _date_as_text(cls, value: Any) -> Any:
        # A date is written out (the schema's string): lax validation read a number as
        # seconds since 1970, so 1466035200 was stored as 2016-06-16 and 12345 as 1970.
        if isinstance(value, int | float):
            raise ValueError("give the date as ISO 8601 text (2016-06-16 or "
                             "2016-06-16T09:00:00Z), not a number")
        return value

    @field_validator("published_at")
    @classmethod
    def _to_naive_utc(cls, value: datetime | None) -> datetime | None:
        # Stored naive UTC everywhere: SQLite keeps no time zone.
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        latest = datetime.now(UTC).replace(tzinfo=None) + FUTURE_TOLERANCE
        if value is not None and value > latest:
            raise ValueError(f"lies in the future ({value.isoformat()} UTC)")
        return value

    @model_validator(mode="after")
    def _text_or_html(self) -> ArticleInput:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" or "html"')
        if self.html is not None:
            self._from_html(self.html)
        if self.text is None or not self.text.strip():
            raise ValueError("html: the page holds no article text")
        if len(self.text) > MAX_TEXT_CHARS:
            raise ValueError(f"the article text is longer than {MAX_TEXT_CHARS} characters")
        return self

    def _from_html(self, html: str) -> None:
        import trafilatura

        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        if document is None:
            raise ValueError("no article text found in the HTML")
        meta = document.as_dict() if hasattr(document, "as_dict") else dict(document)
        self.text = meta.get("text") or ""
        self.html = None
        self.title = self.title or meta.get("title")
        self.url = self.url or meta.get("url")
        self.outlet = self.outlet or meta.get("sitename")
        self.outlet_domain = self.outlet_domain or meta.get("hostname")
        if self.published_at is None and meta.get("date"):
            # A page's unparseable date is no reason to refuse its text.
            with contextlib.suppress(ValueError):
                self.published_at = datetime.fromisoformat(str(meta["date"]))


def normalised_text(text: str) -> str:
    """The text with every run of whitespace collapsed: what "the same text" means."""
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """sha256 of the whitespace-normalised text."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


# --- reading files --------------------------------------------------------------------------------

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")


@dataclass
class InputItem:
    """One article read from a file, or what was wrong with it."""

    where: str
    article: ArticleInput | None = None
    error: str | None = None


class ManifestEntry(BaseModel):
    """One ``manifest.json`` entry: the file and what is known about it (null when unknown)."""

    model_config = ConfigDict(extra="forbid")

    file: str
    outlet: str | None = None
    outlet_domain: str | None = None
    outlet_kind: str | None = None
    published_at: str | None = None
    url: str | None = None
    title: str | None = None
    # Why the outlet and date are what they are: for people, not stored.
    basis: str | None = None


def describe(error: ValidationError) -> str:
    """A validation error in one line: ``field: message; ...``."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "article"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def _decode(path: Path) -> str:
    # Bytes, not read_text(): the text is stored exactly as received, "\r\n" included.
    return path.read_bytes().decode("utf-8")


def _article(where: str, fields: dict[str, Any]) -> InputItem:
    try:
        return InputItem(where, article=ArticleInput.model_validate(fields))
    except ValidationError as exc:
        return InputItem(where, error=f"{where}: {describe(exc)}")


def read_file(path: Path, extra: dict[str, Any] | None = None) -> Iterator[InputItem]:
    """The articles in one file; ``extra`` adds metadata (from a manifest) to a text/HTML file."""
    where = str(path)
    try:
        content = _decode(path)
    except UnicodeDecodeError as exc:
        yield InputItem(where, error=f"{where}: not UTF-8 text (byte {exc.start})")
        return
    except OSError as exc:
        yield InputItem(where, error=f"{where}: {exc.strerror}")
        return
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        yield _article(where, {**(extra or {}), "html": content})
    elif suffix == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            yield InputItem(where, error=f"{where}:{exc.lineno}: not valid JSON ({exc.msg})")
            return
        records = data if isinstance(data, list) else [data]
        for i, record in enumerate(records):
            label = f"{where}[{i}]" if isinstance(data, list) else where
            if not isinstance(record, dict):
                yield InputItem(label, error=f"{label}: expected a JSON object")
            else:
                yield _article(label, record)
    elif suffix == ".jsonl":
        for lineno, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            label = f"{where}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputItem(label, error=f"{label}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                yield InputItem(label, error=f"{label}: expected a JSON object")
            else:
                yield _article(label, record)
    else:
        yield _article(where, {**(extra or {}), "text": content})


def read_directory(directory: Path) -> Iterator[InputItem]:
    """The articles of a directory: those its ``manifest.json`` lists, with their metadata,
    or else every file with a known suffix, in name order."""
    manifest = directory / "manifest.json"
    if not manifest.exists():
        for path in sorted(p for p in directory.iterdir() if p.suffix.lower() in SUFFIXES):
            yield from read_file(path)
        return
    where = str(manifest)
    try:
        entries = json.loads(_decode(manifest))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield InputItem(where, error=f"{where}: not a valid UTF-8 JSON manifest ({exc})")
        return
    if not isinstance(entries, list):
        yield InputItem(where, error=f"{where}: expected a JSON list of entries")
        return
    for i, raw in enumerate(entries):
        label = f"{where}[{i}]"
        try:
            entry = ManifestEntry.model_validate(raw)
        except ValidationError as exc:
            yield InputItem(label, error=f"{label}: {describe(exc)}")
            continue
        extra = entry.model_dump(exclude={"file", "basis"}, exclude_none=True)
        yield from read_file(directory / entry.file, extra)


def read_paths(paths: Iterable[Path]) -> Iterator[InputItem]:
    """Every article in ``paths`` (files or directories), in the order given."""
    for path in paths:
        if path.is_dir():
            yield from read_directory(path)
        elif path.exists():
            yield from read_file(path)
        else:
            yield InputItem(str(path), error=f"{path}: no such file or directory")
