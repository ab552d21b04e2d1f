"""The compiled index the extractor reads (built by :mod:`.build`, cached by :mod:`.loader`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .lexicon import ActorLexicon, Vocab


@dataclass(slots=True)
class Index:
    """Everything the extractor reads: gazetteer, actors and vocabulary."""

    gazetteer: Gazetteer
    actors: ActorLexicon
    vocab: Vocab
    key: str = ""
    built_at: float = 0.0
    stats: dict[str, int] = field(default_factory=dict)
