"""PolNeAR train parsed once: our word graph per article, kept on disk for the training scripts.

Parsing all 840 train articles takes about 25 minutes on two cores; the scripts that learn from
the parse (train_span_tagger.py, cv_thresholds.py) read this cache and parse only what is
missing. One pickle per article, named by the sha256 of its text: {"sentences", "cut"}.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: Where the parses are kept unless a script is told otherwise (build/ is not committed).
DEFAULT_CACHE = ROOT / "build" / "train-parses"


def cached_path(cache: Path, text: str) -> Path:
    return cache / (hashlib.sha256(text.encode("utf-8")).hexdigest() + ".pkl")


def parse_missing(texts: list[str], cache: Path) -> int:
    """Parse the texts not yet in ``cache`` (with the Stanza models STANZA_RESOURCES_DIR
    names) and keep them there; the number parsed."""
    from attribution.nlp import models
    from attribution.nlp.syntax import sentences_of

    sys.setrecursionlimit(100_000)  # the word graph links heads and children both ways
    cache.mkdir(parents=True, exist_ok=True)
    missing = [t for t in texts if not cached_path(cache, t).exists()]
    for batch in models.batched(missing, 16):
        for text, parsed in zip(batch, models.parse(batch, None), strict=True):
            kept = {"sentences": sentences_of(parsed), "cut": parsed.long_sentences_cut}
            path = cached_path(cache, text)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(kept, protocol=5))
            tmp.replace(path)
    return len(missing)


def load(cache: Path, text: str) -> Any:
    """The cached sentences of ``text``."""
    sys.setrecursionlimit(100_000)
    return pickle.loads(cached_path(cache, text).read_bytes())["sentences"]
