"""The compiled index the extractor reads (built and cached by :mod:`geodata.build`)."""

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


def load_index(*, rebuild: bool = False, verbose: bool = False) -> Index:
    """The index from the on-disk cache, built first when a source file changed."""
    from .build import load_index as _load

    return _load(rebuild=rebuild, verbose=verbose)
