"""Reading articles from files for ``attribution ingest``: ``.txt``, ``.html``, ``.json``,
``.jsonl``, and directories (with a ``manifest.json`` like ``samples/``, or without one).

Each input becomes an :class:`attribution.services.ArticleInput` or an error message that
names the file (and the line, for JSON lines). Nothing here touches the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from attribution.services import ArticleInput

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")


@dataclass
class Source:
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


def _article(where: str, fields: dict[str, Any]) -> Source:
    try:
        return Source(where, article=ArticleInput.model_validate(fields))
    except ValidationError as exc:
        return Source(where, error=f"{where}: {describe(exc)}")


def read_file(path: Path, extra: dict[str, Any] | None = None) -> Iterator[Source]:
    """The articles in one file; ``extra`` adds metadata (from a manifest) to a text/HTML file."""
    where = str(path)
    try:
        content = _decode(path)
    except UnicodeDecodeError as exc:
        yield Source(where, error=f"{where}: not UTF-8 text (byte {exc.start})")
        return
    except OSError as exc:
        yield Source(where, error=f"{where}: {exc.strerror}")
        return
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        yield _article(where, {**(extra or {}), "html": content})
    elif suffix == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            yield Source(where, error=f"{where}:{exc.lineno}: not valid JSON ({exc.msg})")
            return
        records = data if isinstance(data, list) else [data]
        for i, record in enumerate(records):
            label = f"{where}[{i}]" if isinstance(data, list) else where
            if not isinstance(record, dict):
                yield Source(label, error=f"{label}: expected a JSON object")
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
                yield Source(label, error=f"{label}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                yield Source(label, error=f"{label}: expected a JSON object")
            else:
                yield _article(label, record)
    else:
        yield _article(where, {**(extra or {}), "text": content})


def read_directory(directory: Path) -> Iterator[Source]:
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
        yield Source(where, error=f"{where}: not a valid UTF-8 JSON manifest ({exc})")
        return
    if not isinstance(entries, list):
        yield Source(where, error=f"{where}: expected a JSON list of entries")
        return
    for i, raw in enumerate(entries):
        label = f"{where}[{i}]"
        try:
            entry = ManifestEntry.model_validate(raw)
        except ValidationError as exc:
            yield Source(label, error=f"{label}: {describe(exc)}")
            continue
        extra = entry.model_dump(exclude={"file", "basis"}, exclude_none=True)
        yield from read_file(directory / entry.file, extra)


def read_paths(paths: Iterable[Path]) -> Iterator[Source]:
    """Every article in ``paths`` (files or directories), in the order given."""
    for path in paths:
        if path.is_dir():
            yield from read_directory(path)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Source(str(path), error=f"{path}: no such file or directory")
