"""An on-disk cache of analyses, so that an article is parsed once per engine version.

Parsing is nearly all of an ingest's time (Stanza runs at a few hundred words a second on a
CPU). A newsroom that rebuilds its store (a new database, a migration gone wrong, a second
store for staging) should not parse its archive again. Entries are keyed by the text's sha256
and by the engine's fingerprint (a hash of the engine's own code and learned data), so a
changed engine never serves an old analysis. One JSON file per article, written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from attribution.nlp.models import resources_dir, runs_int8
from attribution.nlp.types import Analysis

Analyser = Callable[[list[str]], Iterable[Analysis]]


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """What identifies the engine's output: its code and learned data, hashed (the Stanza
    models are named by their directory, which decides the parses, and whether they run in
    8-bit integers)."""
    digest = hashlib.sha256(str(resources_dir().resolve()).encode())
    digest.update(b"int8" if runs_int8() else b"float")
    package = Path(__file__).resolve().parent
    for path in sorted([*package.glob("*.py"), *package.glob("data/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class AnalysisCache:
    """Analyses stored under ``directory/<engine fingerprint>/<text sha256>.json``."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory) / engine_fingerprint()

    def _path(self, text: str) -> Path:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return self.directory / digest[:2] / f"{digest}.json"

    def get(self, text: str) -> Analysis | None:
        """The cached analysis of ``text``, or None (a damaged entry counts as missing)."""
        try:
            data = json.loads(self._path(text).read_text(encoding="utf-8"))
            return Analysis.from_dict(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, text: str, analysis: Analysis) -> None:
        """Store ``analysis``; a crash mid-write leaves no half-written entry."""
        path = self._path(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(analysis.to_dict(sentences=True), handle, ensure_ascii=False)
        os.replace(tmp, path)

    def wrap(self, analyse: Analyser) -> Analyser:
        """``analyse`` that reads what it can from the cache and parses only the rest
        (picklable when ``analyse`` is, for a parse in another process)."""
        return _Cached(self, analyse)


@dataclass(frozen=True)
class _Cached:
    """:meth:`AnalysisCache.wrap`'s analyser."""

    cache: AnalysisCache
    analyse: Analyser

    def __call__(self, texts: list[str]) -> Iterator[Analysis]:
        found = [self.cache.get(t) for t in texts]
        missing = [t for t, a in zip(texts, found, strict=True) if a is None]
        fresh = iter(self.analyse(missing)) if missing else iter(())
        for text, analysis in zip(texts, found, strict=True):
            if analysis is None:
                analysis = next(fresh)
                if analysis.complete:  # one cut short by the clock may finish next time
                    self.cache.put(text, analysis)
            yield analysis
