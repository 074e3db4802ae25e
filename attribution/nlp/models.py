"""Where the Stanza models live, and the one pipeline per process.

The pipeline is built lazily on first use and cached: never at import time, never per request.
Models are found through ``STANZA_RESOURCES_DIR`` (Stanza's own convention); nothing here
downloads anything. ``attribution models download`` is the explicit real-world path.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # stanza pulls in torch; keep `import attribution.nlp` cheap
    import stanza

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
#: The processors that run on sentences already split into words (everything after tokenize).
_TAGGERS = "pos,lemma,depparse,ner"
LANG = "en"

#: Longest sentence handed to the tagger and parser, in words; longer ones are cut into pieces of
#: this size. The dependency parser scores every pair of words in a sentence, so its memory grows
#: with the square of the sentence: a 10 KB text of 10,000 quote marks, tokenized as one
#: "sentence", took the process past 21 GB. Of PolNeAR's 34,000 sentences (train and dev) one
#: is longer, a list of some 130 names with their commas; prose stays far below the cut.
MAX_SENTENCE_WORDS = 200

#: Words tagged and parsed per step of one article. The time budget is checked between steps, so
#: a step bounds how far past its budget an article can run (2,000 words take 3-5 s here).
STEP_WORDS = 2_000

#: Batch sizes of the tagger (sentences, and Stanza's cap of 5,000 words a batch, which decides
#: at 300), the parser (words) and the entity recogniser (sentences). Stanza pads a batch to its
#: longest sentence, so batches smaller than its defaults (5,000 words for the parser) waste
#: less; since the parser scores relations on the tree's arcs only (``arcs.py``), a batch's
#: fixed cost per step weighs more. On the 84 dev articles (fifth-generation EPYC, one torch
#: thread, two or more runs each) the parser took 7.5-7.7 s at 200 words, 6.6-6.8 at 400,
#: 6.3-6.6 at 600, 7.0-7.9 at 1,000 and 7.4-7.7 at 1,500; the entity recogniser 2.7 s at 32
#: sentences, 2.5-2.6 at 48, 2.4-2.6 at 64 and 2.3-2.4 at 96 and 128. The 8-bit layers scale by
#: their batch, so new sizes are another parse: train's folds 0 and 1 and dev scored within 0.2
#: (bench/README.md, "Seventeenth round"), and in one seed sentence the parser hung a
#: participle on the predicate of a passive cue instead of on the cue, which the rules now read
#: either way (``speakers._without_clauses_after_commas``, ``content_choice``'s "as" phrases).
POS_BATCH_SIZE = 300
DEPPARSE_BATCH_SIZE = 600
NER_BATCH_SIZE = 96

#: Seconds an article may spend in the tagger and parser before what is left of it is skipped.
#: A long feature (10,000 words) parses in under a minute on one CPU core; the 1,000,000
#: characters an article may have would hold a worker for ten.
TIME_BUDGET_SECONDS = 120.0

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


# A legislator's party and state after the name, as US news writes it: "Sen. Elizabeth Warren
# (D-Mass.) said", 255 times in PolNeAR. The parser took the state for a name of its own ("Fla"
# the speaker of Rubio's words, "Ohio" of Miller's) or the label for the subject of the cue;
# the models see spaces there instead (same length), so the name is the speaker.
PARTY_LABEL = re.compile(
    r"\((?:D|R|I|Ind|Dem|Rep|GOP)\s?[-\u2013\u2014]\s?[A-Z][A-Za-z.]*(?:[ .][A-Z][A-Za-z.]*)?\)")


_DOUBLED_OPEN = re.compile(r"(?<![\w'])''(?=\w)")
_DOUBLED_CLOSE = re.compile(r"(?<=[\w.,?!])''(?![\w'])")

#: The longest run of characters without a space the models read as one word. Stanza's
#: character models pad a batch's words to its longest, so one long run costs memory with every
#: word beside it: a 20,000-character run in an article took the process to 2.4 GB, and memory
#: grows with the run (a 10 KB request must not exhaust a worker). In PolNeAR train and dev
#: (692,252 words) the longest run is 87 characters, three are over 50. In a longer run the
#: models see a space in place of every (MAX_WORD_CHARS + 1)th character, so the copy keeps its
#: length: a run of 20,000 characters becomes 199 words of at most 100.
MAX_WORD_CHARS = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


def _in_pieces(m: re.Match[str]) -> str:
    run = m.group(0)
    step = MAX_WORD_CHARS + 1
    return "".join(run[i:i + MAX_WORD_CHARS] + " " for i in range(0, len(run), step))[:len(run)]


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
    offset into the original. In-word apostrophes are straightened (``Un’s``), British
    ``-ise`` spellings become ``-ize`` (``criticised``, ``analysed``) and a party label after a
    legislator's name (``(D-Mass.)``) becomes spaces; a run of more than MAX_WORD_CHARS
    characters without a space is read in pieces."""
    text = _INWORD_APOSTROPHE.sub("'", text)
    text = PARTY_LABEL.sub(lambda m: " " * len(m.group(0)), text)
    # ''Quotes like this'' (wire style): the tokenizer glues '' to the word ("''I"); a double
    # mark plus a space, on the side away from the word, keeps the length and splits it.
    text = _DOUBLED_OPEN.sub(' "', text)
    text = _DOUBLED_CLOSE.sub('" ', text)
    text = _BRITISH_ISE.sub(_americanise, text)
    return _LONG_RUN.sub(_in_pieces, text)


_lock = threading.Lock()
_pipeline: stanza.Pipeline | None = None

#: Environment settings of the models' hardware. ``ATTRIBUTION_TORCH_THREADS``: CPU threads
#: per process (unset: torch's default, every core). Several worker processes on one machine
#: should share the cores out (one each on two cores): torch threads of several processes
#: oversubscribe the cores and run ten times slower. ``ATTRIBUTION_USE_GPU``: 0 or 1 (unset:
#: a GPU when torch sees one).
TORCH_THREADS_ENV = "ATTRIBUTION_TORCH_THREADS"
USE_GPU_ENV = "ATTRIBUTION_USE_GPU"

#: ``ATTRIBUTION_INT8``: 0 keeps Stanza's models in floating point on the CPU (unset or 1: the
#: processors below compute their LSTM and linear layers in 8-bit integers, torch's dynamic
#: quantization, when the models run on the CPU). On 40 PolNeAR dev articles, alternated three
#: times in one process, the parse took 0.85 of its CPU time (30.2, 31.8, 29.7 s in floating
#: point; 26.2, 24.1, 27.0 s). It is another parse: 0.6 % of heads differ, and on train's
#: held-out fold 0 (168 articles) the engine scored end-to-end soft F1 67.63 with it against
#: 67.56 without (content exact 54.81 against 54.68). The parser's relation scorer computes its
#: product of each word with its bilinear form in 8 bits too (``arcs.to_int8``): a third less
#: of the parser's time; on fold 0 it moved one content of 3,630 (e2e soft 67.47 with and
#: without, content exact 54.64 against 54.66). The span tagger runs in 8 bits too
#: (``tagger.load``, each article on its own: ``tagger.tag_many``): 0.62 of its CPU time on 40
#: dev articles, and with the learned parts retrained on its spans train's five folds scored
#: as before, within their noise (e2e soft 68.58 -> 68.49, content exact 56.93 -> 56.90;
#: bench/README.md). The tokenizer stays in floating point (its sentence breaks moved).
INT8_ENV = "ATTRIBUTION_INT8"
INT8_PROCESSORS = ("pos", "depparse", "ner")


def _switch(name: str) -> bool | None:
    """An on/off setting of the environment: None when unset, off for 0, false, no or empty."""
    value = os.environ.get(name)
    return None if value is None else value.strip().lower() not in ("", "0", "false", "no")


def use_gpu() -> bool:
    """Whether the models run on a GPU: ``ATTRIBUTION_USE_GPU`` if set, else whether torch
    sees one. Applies ``ATTRIBUTION_TORCH_THREADS`` on the way (before any model runs)."""
    import torch

    threads = os.environ.get(TORCH_THREADS_ENV)
    if threads:
        torch.set_num_threads(max(1, int(threads)))
    wanted = _switch(USE_GPU_ENV)
    return bool(torch.cuda.is_available()) if wanted is None else wanted


def int8_wanted() -> bool:
    """Whether ``ATTRIBUTION_INT8`` leaves the 8-bit models on (it does unless set to 0)."""
    return _switch(INT8_ENV) is not False


def runs_int8() -> bool:
    """Whether the pipeline's INT8_PROCESSORS run in 8-bit integers: when wanted, on the CPU."""
    return int8_wanted() and not use_gpu()


def pipeline() -> stanza.Pipeline:
    """The process-wide Stanza pipeline, built on first call."""
    global _pipeline
    with _lock:
        if _pipeline is None:
            directory = check_models()
            import stanza

            install_steps()
            with without_optimizers():
                _pipeline = stanza.Pipeline(
                    LANG,
                    dir=str(directory),
                    processors=PROCESSORS,
                    download_method=None,
                    logging_level="WARN",
                    use_gpu=use_gpu(),
                    pos_batch_size=POS_BATCH_SIZE,
                    depparse_batch_size=DEPPARSE_BATCH_SIZE,
                    ner_batch_size=NER_BATCH_SIZE,
                )
            if runs_int8():
                _to_int8(_pipeline)
            keep_for_good()
        return _pipeline


def install_steps() -> None:
    """Put the engine's faster versions of Stanza's steps in place of Stanza's own, each
    giving the same analysis (see their modules). Idempotent; for the pipeline and for
    Stanza models loaded without it (the span tagger)."""
    from attribution.nlp import arcs, char_words, crf, cycles, lemmas, loaders, mwt, windows

    for step in (cycles, arcs, crf, mwt, lemmas, loaders, windows, char_words):
        step.install()


#: Stanza's own version of each step the engine replaced, by (owner, attribute name).
_stanzas: dict[tuple[Any, str], Any] = {}


def replace_step(owner: Any, name: str, ours: Any) -> Any:
    """Put ``ours`` in place of Stanza's ``owner.name`` and return Stanza's own, which the
    replacement calls for the cases it leaves to Stanza and tests compare it with. Idempotent:
    Stanza's own is the first one replaced."""
    stanzas = _stanzas.setdefault((owner, name), getattr(owner, name))
    setattr(owner, name, ours)
    return stanzas


@contextlib.contextmanager
def without_optimizers() -> Iterator[None]:
    """Stanza's trainers, loaded to predict, without the optimizer each builds for training.

    Each of Stanza's trainers makes its optimizers as it loads, which only its training reads;
    and a process's first torch optimizer imports torch's compiler (``torch._dynamo``): about
    2 s of CPU, a third of ``attribution extract`` on one short article, and as much at every
    worker's start. Within this block Stanza's ``get_optimizer`` returns None and its
    ``get_split_optimizer`` no optimizers: a trainer loaded here cannot train.
    """
    from stanza.models.common import utils

    stanzas = utils.get_optimizer, utils.get_split_optimizer
    utils.get_optimizer = lambda *args, **kwargs: None
    utils.get_split_optimizer = lambda *args, **kwargs: {}
    try:
        yield
    finally:
        utils.get_optimizer, utils.get_split_optimizer = stanzas


def keep_for_good() -> None:
    """Take every object alive now out of the garbage collector's sight (``gc.freeze``): called
    once models are loaded, which hold them for the life of the process.

    Python's collector walks every object it tracks when it collects its oldest generation,
    and by then those are mostly the imported modules' (about 228,000 objects) and the
    models' (120,000 more): while articles were analysed that walk took a tenth of the CPU
    time (5.3 s of 57 for 84 dev articles, 18 walks of 0.25 s). Out of its sight
    they are walked no more; the analysis is the same (84 dev articles, alternated in one
    process: 0.89 of the CPU time, bench/README.md). Garbage is collected first, so nothing
    unreachable is kept; an object alive now that is later dropped in a reference cycle is
    kept until the process ends, which only objects of a call in flight can be.
    """
    gc.collect()
    gc.freeze()


def _to_int8(nlp: stanza.Pipeline) -> None:
    """The LSTM and linear layers of the INT8_PROCESSORS' models in 8-bit integers (torch's
    dynamic quantization; a torch without it keeps them as they are)."""
    from attribution.nlp import arcs

    processors = [nlp.processors[n] for n in INT8_PROCESSORS if n in nlp.processors]
    with _quantizing():
        for processor in processors:
            for trainer in getattr(processor, "trainers", None) or [processor._trainer]:
                if to_int8(trainer.model) and processor is nlp.processors.get("depparse"):
                    arcs.to_int8(trainer.model)  # its relation scorer's bilinear form too


def to_int8(model: Any) -> bool:
    """A model's LSTM and linear layers in 8-bit integers, in place (no second copy in
    memory): torch's dynamic quantization. False when this torch no longer has it."""
    import torch

    try:
        from torch.ao.quantization import quantize_dynamic
    except ImportError:  # pragma: no cover - torch dropped eager-mode quantization
        return False
    with _quantizing():
        quantize_dynamic(model, {torch.nn.LSTM, torch.nn.Linear}, dtype=torch.qint8,
                         inplace=True)
    return True


@contextlib.contextmanager
def _quantizing() -> Iterator[None]:
    """Without the warnings torch's eager-mode quantization gives on every call (deprecated
    in favour of torchao, not tried)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.filterwarnings("ignore", "torch.quantize_per_tensor", UserWarning)
        yield


@dataclass
class Parse:
    """One text's Stanza parse, with what was left out to keep memory and time bounded."""

    #: Stanza sentences, in order, each with tokens, words and offsets into the original text.
    sentences: list[Any]
    #: How many sentences longer than MAX_SENTENCE_WORDS were cut into pieces.
    long_sentences_cut: int = 0
    #: Offset where parsing stopped because the time budget ran out; None when the whole text
    #: was parsed.
    stopped_at: int | None = None
    _pieces: list[Any] = field(default_factory=list, repr=False)


#: Which sentences of a text need the full parse: (text, its tokenized Stanza sentences) -> one
#: flag per sentence. The others get only the entity recogniser.
Focus = Callable[[str, list[Any]], list[bool]]


def parse(texts: Sequence[str], time_budget: float | None = TIME_BUDGET_SECONDS,
          focus: Focus | None = None) -> list[Parse]:
    """Parse many texts in bulk (Stanza batches across documents), with bounded memory and time.

    Every text is tokenized whole; sentences longer than MAX_SENTENCE_WORDS are cut; then the
    tagger and parser run in steps of about STEP_WORDS words per text, all texts' first steps in
    one bulk call, then their second steps, and so on. With ``focus``, only the sentences it
    picks are tagged and parsed; the others get the entity recogniser alone (their words have
    no part of speech, lemma or head). After each step, once more than ``time_budget`` seconds
    (None: no limit) have passed, tokenizing included, every text keeps what was parsed and
    records where it stopped. Tokenizing is not interrupted: it is linear in the text, whose
    length the callers bound (a million characters tokenize in about 40 s).
    """
    import stanza

    if not texts:
        return []
    nlp = pipeline()
    started = time.monotonic()
    tokenized = nlp.bulk_process(
        [stanza.Document([], text=tokenizer_text(t)) for t in texts], processors="tokenize,mwt"
    )
    parses: list[Parse] = []
    for text, doc in zip(texts, tokenized, strict=True):
        sentences, cut = _within_limit(doc)
        wanted = focus(text, sentences) if focus else [True] * len(sentences)
        parse_ = Parse(sentences=[], long_sentences_cut=cut)
        parse_._pieces = [
            (_gathered([s for s, w in step if w]), _gathered([s for s, w in step if not w]))
            for step in _steps(list(zip(sentences, wanted, strict=True)), STEP_WORDS)
        ]
        parses.append(parse_)
    while waiting := [p for p in parses if p._pieces]:
        pieces = [p._pieces.pop(0) for p in waiting]
        _run(nlp, [full for full, _ in pieces], _TAGGERS)
        _run(nlp, [light for _, light in pieces], "ner")
        for p, (full, light) in zip(waiting, pieces, strict=True):
            p.sentences.extend(sorted(full.sentences + light.sentences,
                                      key=lambda s: s.tokens[0].start_char))
        # Checked after a step, so every text gets at least its first step parsed.
        if time_budget is not None and time.monotonic() - started > time_budget:
            for p in parses:
                if p._pieces:
                    p.stopped_at = min(s.tokens[0].start_char for d in p._pieces[0]
                                       for s in d.sentences)
                    p._pieces = []
    return parses


def _run(nlp: stanza.Pipeline, docs: list[Any], processors: str) -> None:
    """Run ``processors`` over the documents that have sentences, in one bulk call (Stanza
    annotates the documents in place)."""
    if work := [d for d in docs if d.sentences]:
        nlp.bulk_process(work, processors=processors)


def _within_limit(doc: Any) -> tuple[list[Any], int]:
    """The tokenized document's sentences, the tokenizer's own objects (the processors after it
    annotate them in place), with those longer than MAX_SENTENCE_WORDS cut into pieces (which
    are new sentences); and how many were cut. Only long sentences go through token dicts: a
    round trip for every sentence was a twelfth of the parse's time."""
    import stanza

    out: list[Any] = []
    cut = 0
    for sentence in _mended(doc):
        if len(sentence.words) <= MAX_SENTENCE_WORDS:
            out.append(sentence)
            continue
        pieces, was_cut = _cut_long_sentences([sentence.to_dict()])
        out += stanza.Document(pieces, text=doc.text).sentences
        cut += was_cut
    return out, cut


#: Abbreviated titles, which come before a name and never end a sentence. The English tokenizer
#: ends a sentence after some of them ("... with Florida Sen. | Marco Rubio, in a finish ..."):
#: 118 times in PolNeAR train, "Sen." 85 of them, each sentence parsed in two halves that
#: neither holds the other's subject, cue or content.
TITLES = frozenset({
    "Adm", "Amb", "Atty", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Gen", "Gens", "Gov", "Govs",
    "Hon", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Pres", "Prof", "Pvt", "Rep", "Reps",
    "Rev", "Sen", "Sens", "Sgt", "Supt",
})


def _mended(doc: Any) -> list[Any]:
    """The document's sentences, with each one the tokenizer ended after a title (and the
    sentence after it, on the same line, begun with a capital) joined again, the title and
    its full stop one token ("Sen."), as the tokenizer makes it inside a sentence. Sentences
    it leaves alone are its own objects; joined ones are new."""
    runs: list[list[Any]] = []
    for sentence in doc.sentences:
        if runs and _ends_in_title(runs[-1][-1]) and _begins_on_same_line(
                doc.text, runs[-1][-1], sentence):
            runs[-1].append(sentence)
        else:
            runs.append([sentence])
    return [run[0] if len(run) == 1 else _joined(run, doc.text) for run in runs]


def _ends_in_title(sentence: Any) -> bool:
    tokens = sentence.tokens
    last = tokens[-1].text
    if last.endswith(".") and last[:-1] in TITLES:
        return True
    return (last == "." and len(tokens) > 1 and tokens[-2].text in TITLES
            and tokens[-2].end_char == tokens[-1].start_char)


def _begins_on_same_line(text: str, before: Any, sentence: Any) -> bool:
    first = sentence.tokens[0]
    return first.text[:1].isupper() and "\n" not in text[before.tokens[-1].end_char:
                                                         first.start_char]


def _joined(run: list[Any], text: str) -> Any:
    """One sentence of a run :func:`_mended` joins, its word ids counted on across the run."""
    import stanza

    tokens: list[Token] = []
    for sentence in run:
        if tokens and tokens[-1]["text"] == ".":  # the title's stop (_ends_in_title)
            stop = tokens.pop()
            title = tokens[-1]
            title["text"] += "."
            title["end_char"] = stop["end_char"]
            title.pop("misc", None)
            if "misc" in stop:
                title["misc"] = stop["misc"]
        words = sum(isinstance(t["id"], int) for t in tokens)
        tokens += [{**t, "id": tuple(i + words for i in t["id"])
                    if isinstance(t["id"], (tuple, list)) else t["id"] + words}
                   for t in sentence.to_dict()]
    return stanza.Document([tokens], text=text).sentences[0]


def _gathered(sentences: list[Any]) -> Any:
    """A document holding sentences that exist already, not copies: how Stanza's own
    ``Processor.bulk_process`` hands the sentences of several documents to a processor."""
    import stanza

    document = stanza.Document([])
    document.sentences = sentences
    document.num_tokens = sum(len(s.tokens) for s in sentences)
    document.num_words = sum(len(s.words) for s in sentences)
    return document


Token = dict[str, Any]


def _cut_long_sentences(sentences: list[list[Token]]) -> tuple[list[list[Token]], int]:
    """Cut sentences of more than MAX_SENTENCE_WORDS words into pieces at token boundaries."""
    out: list[list[Token]] = []
    cut = 0
    for sentence in sentences:
        words = sum(1 for t in sentence if isinstance(t["id"], int))
        if words <= MAX_SENTENCE_WORDS:
            out.append(sentence)
            continue
        cut += 1
        piece: list[Token] = []
        count = 0
        for token in sentence:
            in_mwt = isinstance(token["id"], int) and piece and _inside_mwt(piece, token)
            starts_token = not in_mwt
            if starts_token and count >= MAX_SENTENCE_WORDS:
                out.append(_renumber(piece))
                piece, count = [], 0
            piece.append(token)
            count += isinstance(token["id"], int)
        if piece:
            out.append(_renumber(piece))
    return out, cut


def _inside_mwt(piece: list[Token], token: Token) -> bool:
    # A word belongs to the multi-word token before it when that token's id range covers it.
    for earlier in reversed(piece):
        if isinstance(earlier["id"], (tuple, list)):
            return bool(earlier["id"][0] <= token["id"] <= earlier["id"][-1])
        if earlier["id"] < token["id"] - 1:
            return False
    return False


def _renumber(piece: list[Token]) -> list[Token]:
    """The piece with word ids counted from 1, as Stanza wants each sentence's to be."""
    first = next(t["id"] for t in piece if isinstance(t["id"], int)) - 1
    renumbered = []
    for token in piece:
        token = dict(token)
        ident = token["id"]
        if isinstance(ident, (tuple, list)):
            token["id"] = tuple(i - first for i in ident)
        else:
            token["id"] = ident - first
        renumbered.append(token)
    return renumbered


Flagged = tuple[Any, bool]  # a Stanza sentence, and whether it gets the full parse


def _steps(sentences: list[Flagged], words: int) -> list[list[Flagged]]:
    """Consecutive runs of whole sentences (each with its flag) of about ``words`` words
    each (counted as the sentences' CoNLL-U lines: a token, and the words of a multi-word
    token besides)."""
    steps: list[list[Flagged]] = []
    count = 0
    for sentence in sentences:
        if not steps or count >= words:
            steps.append([])
            count = 0
        steps[-1].append(sentence)
        count += sum(1 + len(t.words) if len(t.words) > 1 else 1 for t in sentence[0].tokens)
    return steps


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
