"""What the whole article says about itself, computed once and read by every stage.

The pipeline makes one :class:`DocContext` per article and fills it as the stages run: the
demonyms of the text (before places are resolved), the article's focus country (after the
resolver), the country of its final place mentions (after the relative grammar), and the
reference date (after dates are found). A stage that needs one of these reads it here instead of
working it out again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..geodata.gazetteer import Gazetteer, Place
from .dates import Reference
from .doc import Doc


@dataclass(slots=True)
class DocContext:
    #: ISO-2 → how many tokens of the text are demonyms of that country ("الليبية", "Malian")
    demonyms: Counter[str] = field(default_factory=Counter)
    #: the article's main country: its resolved places and its demonyms (set after resolution)
    focus: str | None = None
    #: the main country of the article's final place mentions (set after the relative grammar)
    place_focus: str | None = None
    #: the date the article's relative dates count from (set by the date stage)
    reference: Reference | None = None

    @classmethod
    def start(cls, doc: Doc, gazetteer: Gazetteer) -> DocContext:
        """The context before any stage has run: the demonyms of the text."""
        demonyms: Counter[str] = Counter()
        for i in range(len(doc.tokens)):
            for f in doc.forms(i):
                iso = gazetteer.demonyms.get(f)
                if iso:
                    demonyms[iso] += 1
                    break
        return cls(demonyms=demonyms)

    def set_focus(self, places: Iterable[Place]) -> str | None:
        """The focus from the resolved places (first named wins a tie), demonyms counted too."""
        cnt = main_countries(places)
        cnt.update(self.demonyms)
        self.focus = cnt.most_common(1)[0][0] if cnt else None
        return self.focus

    def set_place_focus(self, places: Iterable[Place]) -> str | None:
        cnt = main_countries(places)
        self.place_focus = cnt.most_common(1)[0][0] if cnt else None
        return self.place_focus


def main_countries(places: Iterable[Place]) -> Counter[str]:
    """ISO-2 → how many of ``places`` lie in that country (in order of first appearance)."""
    return Counter(p.country for p in places if p.country)
