"""Where the Stanza models live, and the one pipeline per process.

The pipeline is built lazily on first use and cached: never at import time, never per request.
Models are found through ``STANZA_RESOURCES_DIR`` (Stanza's own convention); nothing here
downloads anything. ``attribution models download`` is the explicit real-world path.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # stanza pulls in torch; keep `import attribution.nlp` cheap
    import stanza

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
LANG = "en"

# A curly apostrophe inside a word (Un’s, don’t, Workers’) becomes a straight one in the copy the
# tokenizer sees. It is a one-for-one character swap, so every offset Stanza reports is an offset
# into the original text.
_INWORD_APOSTROPHE = re.compile(r"(?<=\w)\u2019(?=\w)|(?<=s)\u2019(?=\s)")


# British -ise/-yse spellings, which the English models (trained on American text) mistag
# ("analysed" as an adverb). s -> z is a one-for-one swap, so offsets are unchanged.
_BRITISH_ISE = re.compile(r"\b([a-z]{3,}?)([iy])s(e|ed|es|ing|ation|ations|er|ers)\b")
_ISE_KEEP = frozenset(
    "advert advert adv compr comprom desp dev disgu enterpr exerc expert franch improv merchand "
    "prem prom rev superv surm surpr telev w otherw prec conc no po ra pra ar cru bru chast exc "
    "inc circumc dem treat parad mort gu cl requ vert sunr upr repr appr chem"
    .split()
)


_DOUBLED_OPEN = re.compile(r"(?<![\w'])''(?=\w)")
_DOUBLED_CLOSE = re.compile(r"(?<=[\w.,?!])''(?![\w'])")


class ModelsMissing(RuntimeError):
    """The Stanza models are not where STANZA_RESOURCES_DIR says."""


def resources_dir() -> Path:
    """The directory holding Stanza's ``resources.json`` and the ``en/`` models."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env).expanduser()
    return Path.home() / "stanza_resources"


def check_models(directory: Path | None = None) -> Path:
    """Return the models directory, or raise ModelsMissing naming it and the fix."""
    directory = directory or resources_dir()
    wanted = [directory / "resources.json"] + [
        directory / LANG / proc for proc in PROCESSORS.split(",")
    ]
    missing = [str(p) for p in wanted if not p.exists()]
    if missing:
        raise ModelsMissing(
            f"Stanza models not found in {directory} (missing: {', '.join(missing)}). "
            "Set STANZA_RESOURCES_DIR to a directory holding them, or fetch the published "
            "English models with `attribution models download`."
        )
    return directory


def _americanise(m: re.Match[str]) -> str:
    stem, vowel, ending = m.group(1), m.group(2), m.group(3)
    if stem in _ISE_KEEP or stem.endswith("w"):  # likewise, clockwise
        return m.group(0)
    return f"{stem}{vowel}z{ending}"


def models_available() -> bool:
    """Are the Stanza models where STANZA_RESOURCES_DIR says?"""
    try:
        check_models()
    except ModelsMissing:
        return False
    return True


def tokenizer_text(text: str) -> str:
    """The copy of ``text`` the models see: same length, so every offset Stanza reports is an
    offset into the original. In-word apostrophes are straightened (``Un’s``) and British
    ``-ise`` spellings become ``-ize`` (``criticised``, ``analysed``)."""
    text = _INWORD_APOSTROPHE.sub("'", text)
    # ''Quotes like this'' (wire style): the tokenizer glues '' to the word ("''I"); a double
    # mark plus a space, on the side away from the word, keeps the length and splits it.
    text = _DOUBLED_OPEN.sub(' "', text)
    text = _DOUBLED_CLOSE.sub('" ', text)
    return _BRITISH_ISE.sub(_americanise, text)


_lock = threading.Lock()
_pipeline: stanza.Pipeline | None = None


def pipeline() -> stanza.Pipeline:
    """The process-wide Stanza pipeline, built on first call."""
    global _pipeline
    with _lock:
        if _pipeline is None:
            directory = check_models()
            import stanza

            _pipeline = stanza.Pipeline(
                LANG,
                dir=str(directory),
                processors=PROCESSORS,
                download_method=None,
                logging_level="WARN",
                use_gpu=False,
            )
        return _pipeline


def parse(texts: Sequence[str]) -> list[stanza.Document]:
    """Parse many texts in one bulk call (Stanza batches across documents)."""
    import stanza

    if not texts:
        return []
    docs = [stanza.Document([], text=tokenizer_text(t)) for t in texts]
    return list(pipeline().bulk_process(docs))


def download(directory: Path | None = None) -> Path:
    """Fetch Stanza's published English models (needs the model hub; not used by tests)."""
    import stanza

    directory = directory or resources_dir()
    stanza.download(LANG, model_dir=str(directory), processors=PROCESSORS)
    return directory


T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterable[list[T]]:
    """Yield lists of at most ``size`` items."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
