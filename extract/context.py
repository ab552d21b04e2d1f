"""What the whole article says about itself, computed once and read by every stage.

The pipeline makes one :class:`DocContext` per article and fills it as the stages run: the
demonyms of the text (before places are resolved), the tokens of its dateline (from the place
names and the date expressions found at the top), the article's focus country (after the
resolver), the country of its final place mentions (after the relative grammar), and the
reference date (after dates are found). A stage that needs one of these reads it here instead of
working it out again.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..core.textnorm import norm_text
from ..geodata.gazetteer import Gazetteer, Place
from .dates import DateExpr, Reference
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
    #: tokens of the dateline ("TRIPOLI (Reuters) -", "سبها، ليبيا، 12 يناير 2014"): not events
    dateline: range = range(0)

    def in_dateline(self, token: int) -> bool:
        return token in self.dateline

    @classmethod
    def start(cls, doc: Doc, gazetteer: Gazetteer) -> DocContext:
        """The context before any stage has run: the demonyms of the text."""
        demonyms: Counter[str] = Counter()
        for i in doc.starts(gazetteer.demonyms):
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


#: what ends a dateline's place part: a dash, a colon or a bar ("TRIPOLI (Reuters) -")
_DATELINE_SEP = re.compile(r"[-–—:|]")
_PARENTHESES = re.compile(r"\(([^()]{1,30})\)")
_LEAD_LINES = 4


def find_dateline(doc: Doc, name_starts: Collection[int], dates: Sequence[DateExpr],
                  agencies: Collection[str]) -> range:
    """The tokens of the article's dateline, from the first lines (at most four), or ``range(0)``.

    One of three shapes, tried on each line in turn:

    1. a short segment (at most ten tokens) that starts with a place name and ends at a dash or
       colon: "BENGHAZI, Libya (Reuters) -", "طرابلس - ";
    2. a short line that names a news agency in brackets ("أخبار الآن | دبي – (أ ف ب)");
       ``agencies`` are their normalised names with the spaces removed;
    3. a short line that starts with a place name and holds a date expression with a year, as the
       date stage found it ("Benghazi. 31 July 2015:", "سبها، ليبيا، 12 يناير 2014").
    """
    text = doc.text
    years = sorted(e.start for e in dates if e.year is not None)
    # a round-up heads several paragraphs with a place and a colon ("Zintan: ...", "Sirte: ..."): each is
    # its paragraph's place (the event rules read them), none the article's dateline
    headed = sum(1 for _ in _heading_lines(doc, name_starts))
    pos = 0
    for _line in range(_LEAD_LINES):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        seg = text[pos:min(line_end, pos + 90)]
        first = doc.first_token_from(pos)
        if first is None:
            break
        sep = _DATELINE_SEP.search(seg)
        if sep and first in name_starts and not (headed > 1 and sep.group() == ":"):
            k = doc.tokens_before(pos + sep.start(), first)
            if 0 < k - first <= 10:
                return range(first, k)
        line = text[pos:line_end]
        if len(line) <= 100 and any(norm_text(m.group(1)).replace(" ", "") in agencies
                                    for m in _PARENTHESES.finditer(line)):
            return range(first, doc.tokens_before(line_end, first))
        if first in name_starts and len(seg) < 60 and _starts_within(years, pos, pos + len(seg)):
            return range(first, doc.tokens_before(line_end, first))
        pos = line_end + 1
    return range(0)


def _heading_lines(doc: Doc, name_starts: Collection[int]) -> Iterator[int]:
    """The first tokens of the lines that start with a place name and a colon after at most four
    tokens ("Brak al-Shati: ...", "سرت: ...")."""
    text, pos = doc.text, 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        colon = text.find(":", pos, min(end, pos + 40))
        first = doc.first_token_from(pos) if colon > 0 else None
        if first is not None and first in name_starts and 0 < doc.tokens_before(colon, first) - first <= 4:
            yield first
        pos = end + 1


def _starts_within(starts: Sequence[int], lo: int, hi: int) -> bool:
    k = bisect.bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi
