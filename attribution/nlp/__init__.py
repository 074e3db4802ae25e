"""Language analysis: article text in, attributions out.

This package never imports Flask or SQLAlchemy. Its public surface:

* :func:`analyse` / :func:`analyse_many` — every attribution in an article (direct, mixed and
  indirect), with speaker, cue, source chain and the article's canonical entities;
* the result types in :mod:`attribution.nlp.types`.
"""

from attribution.nlp.extract import analyse, analyse_many, analyse_parsed
from attribution.nlp.types import Analysis, Attribution, ChainLink, Entity, Span, SpeakerMention

__all__ = [
    "Analysis",
    "Attribution",
    "ChainLink",
    "Entity",
    "Span",
    "SpeakerMention",
    "analyse",
    "analyse_many",
    "analyse_parsed",
]
