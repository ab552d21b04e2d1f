"""The relative-place grammar: the phrases around resolved places become points of their own.

"جنوب طرابلس", "الضواحي الجنوبية للمدينة", "70 كلم غرب طرابلس", "20 km from Gao", "شمال شرقي
البلاد", "the Libyan border", "مطار سبها", "معسكر التكبالي", "بين بلدتي مسكي ويبي بو", "شارع
الكيوي", "the capital".

:class:`RelativeGrammar` walks the article left to right once, after the resolver. Like CLAVIN's
resolution passes, the rules are tried in a fixed order and the first that matches wins; each
returns a typed :class:`RuleMatch` (the new mentions and the token after the phrase) or ``None``.

At a mention the resolver found, in this order (a match replaces the named mention):

1. :class:`WiderBorder` — "الحدود بين ليبيا وتشاد والنيجر": a named border followed by more
   countries is the tripoint.
2. :class:`FacilityOfTown` — "مطار سبها", "البوابة الجنوبية لبلدة الكفرة", "Mitiga airport": the
   site (curated, or at its town's point on the side named), not the town.

At any other token that can start a phrase, in this order:

1. :class:`Distance` — "70 كلم غرب طرابلس", "40 km south of Tripoli", "12km N of X", and without a
   direction "على بعد 20 كلم من مدينة X", "20 km from X" (the town's point, ± the distance).
2. :class:`Between` — "بين بلدتي مسكي ويبي بو": the midpoint.
3. :class:`FarPart` — "أقصى شمال البلاد", "the far north": a part of a country.
4. :class:`NamedSite` — "شارع الكيوي", "معسكر التكبالي", "حقل X النفطي", "the Takbali camp",
   "Camp X", "X Street": a site named by its own name, at the town the sentence names or the
   story's town (precision 2, the radius of its kind).
5. :class:`Direction` — "جنوب طرابلس", "southern Libya", "northeast Nigeria", "northern and central
   Mali", "الجنوب الليبي", "الجنوب الغربي لمصر".
6. :class:`Suburbs` — "الضواحي الجنوبية للمدينة", "الأطراف الشرقية لمدينة X", "the eastern part of
   Libya", "on the outskirts of X".
7. :class:`Possessive` — "Tripoli's southern suburbs", "Mali's north", "the country's east".
8. :class:`Desert` — "الصحراء الجنوبية", "the southern desert".
9. :class:`Border` — "الحدود الليبية التونسية", "near the border with Chad" (the border between the
   sentence's or the article's country and the one named).
10. :class:`Anaphor` — "العاصمة", "the city", "the Libyan capital", "the capital of Chad".

Anchors ("the place a phrase hangs on") are read by :meth:`Kit.anchor_at`: a named place, with
"the" or a cue noun before it ("لمدينة سبها", "the town of Sabha"), or an anaphor.

A new rule is a class with ``name``, ``starts`` (the normalised words it can begin with) and
``match(doc, i, walk)``, placed in :attr:`RelativeGrammar.passes` where it should win. Its words
live in ``geodata/vocab/relative_*.csv`` (and the shared directions, units, facilities, anaphora
and relative_words lists), read once in :class:`Lexicon`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..core.geodesy import destination, haversine_km
from ..core.textnorm import strip_article
from ..geodata.gazetteer import Gazetteer, Place
from ..geodata.lexicon import Vocab
from .context import DocContext
from .doc import Doc
from .places import BEARINGS, DIR_ADJ_EN, DIR_AR, DIR_EN, PRECISION, Mention, uncertainty

#: what may stand between a named place and the phrase that follows it in apposition ("X، غرب Y")
APPOSITION_GAP = frozenset(" ,،\"'»«”“)(")
#: punctuation that ends an unknown street name or a locating clause
NAME_BREAK = frozenset(".,،;:()«»\"")
CLAUSE_BREAK = frozenset(".;،,")
#: the display words of generated names (output, never matched against the text)
PART_LABEL_EN = {"outskirts": "outskirts", "suburbs": "suburbs", "part": "part"}
PART_LABEL_AR = {"outskirts": "أطراف", "suburbs": "الضواحي", "part": "الجزء"}
#: a proclitic and the article (للـ, بالـ, والـ, فالـ): "for the", "in the" start no site's name
ARTICLE_AFTER_PROCLITIC = ("لل", "بال", "وال", "فال")
#: how an English possessive ends ("Tripoli's", "Libya’s")
POSSESSIVE = ("'s", "’s", "'S", "’S")
MAX_DISTANCE_KM = 3000.0
#: a number with its unit written on to it ("12km", "30كلم")
_GLUED_UNIT = re.compile(r"^(\d+)(\D+)$")
MAX_BETWEEN_KM = 300.0
#: the uncertainty of a border's point placed by the town a text says lies near it
BORDER_NEAR_KM = 50.0


# -- the typed interface -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RuleMatch:
    """What a rule read: the mentions it makes (maybe several: "southern and western suburbs"
    gives one per side) and the token after the phrase.

    No mentions means the phrase was read but makes no point of its own
    (:attr:`consumed_only`): "غريان (100 كلم جنوب طرابلس)" only says where Gharyan lies.
    """

    mentions: tuple[Mention, ...]
    end: int
    #: where the phrase began, when it began before the token the rule matched at (a possessive's owner:
    #: "Sawani, on the capital's southern edge"): a mention read there is part of it and goes too
    start: int = -1

    @property
    def consumed_only(self) -> bool:
        return not self.mentions


class Rule(Protocol):
    """One pass of the grammar: reads the phrase at token ``i`` or declines with ``None``."""

    name: str
    #: normalised words a phrase of this rule can start with (a quick filter; digits always pass)
    starts: frozenset[str]

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None: ...


#: facility kinds a town has one of (its port, its airport): a site of that kind the story names
#: in the town by a name the gazetteer lacks is the town's curated one
ONE_PER_TOWN = ("port", "airport")


@dataclass(slots=True)
class Walk:
    """What the grammar knows while walking one article left to right: the resolved mentions by
    position, and the last town and country the story named."""

    focus: str | None
    by_start: dict[int, Mention]
    #: token k → the (first) mention ending right before k (its ``j`` is k)
    by_end: dict[int, Mention]
    #: token k → a mention covering it, else None
    covering: list[Mention | None]
    last_city: Place | None = None
    #: the story's last town not named as where people came from: the town an unplaced named site
    #: lies in ("families displaced from Tawergha who live in the Falah camp" is no camp at Tawergha)
    site_town: Place | None = None
    last_country: str | None = None
    #: token k → the place a rule read (an anaphor: "المدينة") ending right before k
    read_by_end: dict[int, Mention] = field(default_factory=dict)
    #: sentence → whether it is an English headline (every longer word capitalised)
    headline: dict[int, bool] = field(default_factory=dict)

    @classmethod
    def over(cls, doc: Doc, mentions: Sequence[Mention], focus: str | None) -> Walk:
        by_start = {m.i: m for m in mentions}
        by_end: dict[int, Mention] = {}
        for m in by_start.values():
            by_end.setdefault(m.j, m)
        covering: list[Mention | None] = [None] * len(doc.tokens)
        for m in mentions:
            for k in range(m.i, m.j):
                covering[k] = m
        return cls(focus, by_start, by_end, covering)


@dataclass(frozen=True, slots=True)
class FacilityKind:
    """What a kind of site is worth: its radius when it is placed at its town's point (None: never
    a point of its own) and whether "<facility> <town>" (مطار سبها) is a point apart from the town."""

    radius_km: float | None
    of_town: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The grammar's words, normalised (geodata/vocab/relative_*.csv and the shared lists)."""

    the: frozenset[str]
    indefinite: frozenset[str]
    of: frozenset[str]
    from_: frozenset[str]
    of_or_from: frozenset[str]
    and_: frozenset[str]
    with_: frozenset[str]
    between: frozenset[str]
    between_filler: frozenset[str]
    toward: frozenset[str]
    from_place: frozenset[str]
    before_distance: frozenset[str]
    after_unit: frozenset[str]
    descriptive_glue: frozenset[str]
    locating: frozenset[str]
    #: a preposition between a named place and a part of its town that says where it lies
    #: ("Ganfouda on the western edge of Benghazi", "قنفودة على الأطراف الغربية لبنغازي")
    situating: frozenset[str]
    far: frozenset[str]
    desert: frozenset[str]
    border: frozenset[str]
    border_strip: frozenset[str]
    border_adj: frozenset[str]
    border_link: frozenset[str]
    border_lead: frozenset[str]
    #: words between a town and the border it lies by ("Inates, near the Malian border", "X قرب الحدود"),
    #: and those that link only after one of them ("close to", "القريبة من")
    border_near: frozenset[str]
    border_near_link: frozenset[str]
    #: a single part of town followed by its own name ("Tripoli's southern suburb of X", "ضاحية X")
    one_part: frozenset[str]
    facility_skip: frozenset[str]
    facility_modifiers: frozenset[str]
    not_a_name: frozenset[str]
    not_a_site_name: frozenset[str]
    needs_modifier: frozenset[str]
    naming: frozenset[str]
    #: facility words whose named site lies apart from any town (a border crossing, an oil field)
    apart: frozenset[str]
    #: word → feature ("street", "district", …) and the adjectives allowed before English ones
    street_features: dict[str, str] = field(default_factory=dict)
    street_modifiers: frozenset[str] = frozenset()
    part_of: frozenset[str] = frozenset()
    #: facility label ("airport", "oil field") → what a site of that kind is worth
    facility_kinds: dict[str, FacilityKind] = field(default_factory=dict)

    @classmethod
    def from_vocab(cls, v: Vocab) -> Lexicon:
        def w(*roles: str) -> frozenset[str]:
            return v.words("relative_grammar", *roles)

        streets = v.table("relative_streets")
        features = {term: role for term, rows in streets.phrases.items() for role, *_ in rows if role != "modifier"}
        kinds: dict[str, FacilityKind] = {}
        for rows in v.table("facilities").phrases.values():
            for role, radius, of_town in rows:
                kinds[role.replace("_", " ")] = FacilityKind(float(radius) if radius else None, of_town == "yes")
        return cls(
            the=w("the"), indefinite=w("indefinite"), of=w("of"), from_=w("from"), of_or_from=w("of", "from"),
            and_=w("and"), with_=w("with"), between=w("between"), between_filler=w("the", "of", "locality"),
            toward=w("toward"), from_place=w("from_place"),
            before_distance=w("approx", "at_distance"),
            after_unit=frozenset(v.units) | w("unit_tail", "approx"),
            descriptive_glue=w("relative_pronoun", "locating", "copula", "settlement", "the", "indefinite",
                               "approx", "at_distance"),
            locating=w("locating"), situating=w("situating"), far=w("far"), desert=w("desert"), border=w("border"),
            border_strip=w("border_strip"), border_adj=w("border_adj"),
            border_link=w("with", "between", "and", "of", "from", "the", "each"),
            border_lead=w("the", "and"), border_near=w("border_near"),
            border_near_link=w("border_near_link"), one_part=w("one_part"),
            facility_skip=w("facility_link", "facility_modifier"), facility_modifiers=w("facility_modifier"),
            not_a_name=w("not_a_name"), not_a_site_name=v.words("relative_sites", "not_a_name"),
            needs_modifier=v.words("relative_sites", "needs_modifier"), naming=v.words("relative_sites", "naming"),
            apart=v.words("relative_sites", "apart"),
            street_features=features, street_modifiers=v.words("relative_streets", "modifier"),
            part_of=w("of", "in"), facility_kinds=kinds,
        )


# -- what the rules share --------------------------------------------------------------------------

class Kit:
    """Helpers every rule uses: directions, anchors, anaphors, the sentence's country, borders."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab) -> None:
        self.g = gazetteer
        self.v = vocab
        self.w = Lexicon.from_vocab(vocab)
        #: border place id → its countries (for widening a named border)
        self.border_countries: dict[str, list[str]] = {}
        for key, idx in gazetteer.borders.items():
            self.border_countries.setdefault(gazetteer.places[idx].id, []).extend(sorted(key))

    def direction_at(self, doc: Doc, i: int, roles: Sequence[str] = ("prep",)) -> tuple[int, str, str] | None:
        """A direction phrase starting at token i: (end token, direction, role)."""
        hit = doc.match_phrases(self.v.directions, i)
        if not hit:
            return None
        end, key, _form = hit
        for d, role in self.v.directions.get(key):
            if role in roles:
                return end, d, role
        return None

    def norm_at(self, doc: Doc, k: int) -> str:
        """The normalised token k ("" past the end)."""
        return doc.tokens[k].norm if k < len(doc.tokens) else ""

    def demonym_at(self, doc: Doc, k: int) -> str | None:
        """The country of a demonym at token k ("الليبية", "Malian"), if it is one."""
        for f in doc.forms(k):
            iso = self.g.demonyms.get(f)
            if iso:
                return iso
        return None

    def anchor_at(self, doc: Doc, k: int, walk: Walk) -> tuple[Place, int] | None:
        """The place a relative phrase hangs on, and the token after it: a named place ("the" and a
        cue noun allowed before it: "لمدينة X", "the town of X"), or an anaphor (العاصمة, the city)."""
        toks = doc.tokens
        if k >= len(toks) or (k > 0 and doc.tok_sent[k] != doc.tok_sent[k - 1]):
            return None  # not across a sentence's end ("... in the eastern districts. Sabha: ...")
        m = walk.by_start.get(k)
        if m is not None:
            return m.place, m.j
        hit = self.anaphor_at(doc, k)
        if hit:
            end, ref, iso = hit
            # "العاصمة طرابلس", "the city of Sirte": the name that follows is the anchor
            after = walk.by_start.get(end)
            if after is None and self.norm_at(doc, end) in self.w.of:
                after = walk.by_start.get(end + 1)
            if after is not None:
                if ref == "capital" and after.place.kind == "country":  # "the capital of Mali"
                    return self.g.capital(after.place.country) or after.place, after.j
                return after.place, after.j
            p = self.resolve_anaphor(doc, ref, end, walk, iso)
            return (p, end) if p is not None else None
        named = self.named_after_cue(doc, k, walk)
        if named is not None:
            return named.place, named.j
        return None

    def named_after_cue(self, doc: Doc, k: int, walk: Walk) -> Mention | None:
        """A mention after "the", a cue noun or both at token k: "the Tripoli", "لمدينة سبها",
        "بلدة X", "the town of X"."""
        toks = doc.tokens
        n = len(toks)
        if toks[k].norm in self.w.the:
            if walk.by_start.get(k + 1):
                return walk.by_start[k + 1]
            k += 1
        if k >= n or not any(self.v.place_cues.get(f, 0) == 2 for f in doc.forms(k)):
            return None
        if not doc.arabic:
            k += 1  # "town of"
            if self.norm_at(doc, k) not in self.w.of:
                return None
        return walk.by_start.get(k + 1)

    def anaphor_at(self, doc: Doc, k: int) -> tuple[int, str, str | None] | None:
        """An anaphor at token k: (token after, what it stands for, the country a demonym inside it
        names): "العاصمة", "the city", "the Libyan capital"."""
        hit = doc.match_phrases(self.v.anaphora, k)
        if hit:
            end, key, _ = hit
            return end, self.v.anaphora.get(key)[0], None
        toks = doc.tokens
        if not doc.arabic and toks[k].norm in self.w.the and k + 2 < len(toks):
            iso = self.demonym_at(doc, k + 1)
            rows = self.v.anaphora.get(f"{toks[k].norm} {toks[k + 2].norm}") if iso else ()
            if rows:
                return k + 3, rows[0], iso
        return None

    def resolve_anaphor(self, doc: Doc, ref: str, end: int, walk: Walk, iso: str | None = None) -> Place | None:
        """The place "the capital" / "the city" / "the country" stands for at token ``end``
        (``iso``: the country a demonym inside the phrase names)."""
        if ref == "capital":
            # "العاصمة الليبية", "the Libyan capital" (demonym after or inside); else the country of
            # the last town of the story: a country named in passing ("workers from Bangladesh")
            # does not move "the capital" to Dhaka
            iso = iso or (self.demonym_at(doc, end) if end < len(doc.tokens) else None)
            town_iso = walk.last_city.country if walk.last_city is not None else None
            return self.g.capital(iso or town_iso or walk.focus or walk.last_country)
        if ref in ("city", "town"):
            return walk.last_city
        if ref == "country":
            if iso:
                return self.g.country_place(iso)
            # a place named before it in the sentence, else the country of the story's last town;
            # a demonym ("Russian allies") is weaker evidence than either
            iso = self.sentence_country(doc, end - 1, end, walk, exclude=(), before_only=True, places_only=True)
            town_iso = walk.last_city.country if walk.last_city is not None else None
            if iso is None and town_iso is None:
                iso = self.sentence_country(doc, end - 1, end, walk, exclude=(), before_only=True)
            return self.g.country_place(iso or town_iso or walk.last_country or walk.focus)
        return None

    def sentence_country(self, doc: Doc, i: int, j: int, walk: Walk, exclude: Iterable[str],
                         before_only: bool = False, places_only: bool = False) -> str | None:
        """The country the sentence is about, outside tokens i..j: the nearest demonym or named
        place (with ``before_only``, only what comes before the phrase: "في شمال شرقي البلاد قرب
        الحدود مع النيجر" is not Niger's north-east)."""
        sent = doc.tok_sent[i]
        lo = bisect.bisect_left(doc.tok_sent, sent)
        hi = i if before_only else bisect.bisect_right(doc.tok_sent, sent)
        excluded = set(exclude)
        best: tuple[int, str] | None = None
        for k in range(lo, hi):
            if i <= k < j:
                continue
            iso = None if places_only else self.demonym_at(doc, k)
            m = walk.by_start.get(k)
            if iso is None and m is not None and m.place.country:
                iso = m.place.country
            if iso and iso not in excluded:
                d = (i - k) if k < i else (k - j + 1)
                if best is None or d < best[0]:
                    best = (d, iso)
        return best[1] if best else None

    def border_place(self, isos: list[str]) -> Place | None:
        """The border of these countries; for three or more without a tripoint of their own, the
        tripoint sharing most of them with the first one named ("حدود ليبيا مع كل من تشاد
        والسودان ومصر")."""
        s = frozenset(isos)
        p = self.g.border(s)
        if p is not None:
            return p
        if len(s) >= 3:
            best = max(((len(k & s), -len(k), idx) for k, idx in self.g.borders.items() if isos[0] in k),
                       default=None)
            if best is not None and best[0] >= 2:
                return self.g.places[best[2]]
        return None

    def relative_to(self, place: Place, d: str) -> Place:
        """The point for "<direction> of <place>" (the centre of a town is the town itself)."""
        if place.kind == "country" or (place.kind == "region" and place.radius_km >= 150):
            if place.kind == "country" and place.country:
                sub = self.g.subregion(place.country, d)
                if sub is not None:
                    return sub
            if d == "c":
                return place
            lat, lon = destination(place.lat, place.lon, BEARINGS[d], 0.5 * place.radius_km)
            return Place(id=f"{place.id}@{d}", name=f"{DIR_ADJ_EN[d]} {place.name}", kind="region", lat=lat,
                         lon=lon, country=place.country, name_ar=f"{DIR_AR[d]} {place.name_ar or place.name}",
                         radius_km=round(0.5 * place.radius_km, 1), source="relative")
        if d == "c":
            return place
        km = max(8.0, 0.8 * place.radius_km)
        lat, lon = destination(place.lat, place.lon, BEARINGS[d], km)
        return Place(id=f"{place.id}@{d}", name=f"{DIR_EN[d]} of {place.name}", kind="relative", lat=lat, lon=lon,
                     country=place.country, name_ar=f"{DIR_AR[d]} {place.name_ar or place.name}",
                     radius_km=round(km, 1), source="relative")

    def parts_of(self, doc: Doc, i: int, end: int, place: Place, kind: str, dirs: Sequence[str]) -> RuleMatch | None:
        """The points for a part of a place over tokens i..end: one per side named ("the southern
        and western suburbs"), the town itself when no side is ("ضواحي طرابلس"); of a country only
        sides of it ("the eastern part of Libya")."""
        if place.kind == "country" or (place.kind == "region" and place.radius_km >= 150):
            if kind != "part" or not dirs:
                return None
            found = []
            for d in dict.fromkeys(dirs):
                rel = self.relative_to(place, d)
                found.append(make_mention(doc, i, end, rel, 3 if rel.kind == "region" else 2, rel.radius_km, 0.65,
                                          "relative", place))
            return RuleMatch(tuple(found), end)
        if place.kind not in ("city", "district"):
            return None
        if not dirs:
            if kind == "centre":
                return None  # the centre of a town is the town
            # "ضواحي طرابلس", "a suburb of the capital": part of the town, no side given
            unc = round(1.5 * max(6.0, place.radius_km), 1)
            return _one(make_mention(doc, i, end, place, 2, unc, 0.65, "suburbs", place), end)
        parts = [self.part_point(place, kind, d) for d in dict.fromkeys(dirs) if d != "c"]
        if not parts:
            return None
        return RuleMatch(tuple(make_mention(doc, i, end, p, 2, p.radius_km, 0.65, "suburbs", place) for p in parts),
                         end)

    @staticmethod
    def part_point(place: Place, kind: str, d: str) -> Place:
        """The point of one side of a town: its suburbs or part on that side, or its outskirts
        further out."""
        km = max(6.0, (0.6 if kind in ("suburbs", "part") else 0.9) * place.radius_km)
        lat, lon = destination(place.lat, place.lon, BEARINGS[d], km)
        label = kind if kind in PART_LABEL_EN else "suburbs"
        return Place(id=f"{place.id}@{kind}-{d}", name=f"{DIR_ADJ_EN[d]} {PART_LABEL_EN[label]} of {place.name}",
                     kind="relative", lat=lat, lon=lon, country=place.country,
                     name_ar=f"{PART_LABEL_AR[label]} {DIR_AR[d]} {place.name_ar or place.name}",
                     radius_km=round(km, 1), source="relative")

    def town_for(self, doc: Doc, i: int, j: int, walk: Walk) -> tuple[Place | None, bool]:
        """The town a site over tokens i..j lies in, and whether the sentence names it: a town named
        right after ("في مدينة مرزق", "in the town of Murzuq", "في العاصمة"), else the story's last
        town."""
        toks = doc.tokens
        k = j
        while k < len(toks) and k - j <= 4 and doc.tok_sent[k] == doc.tok_sent[i]:
            anchor = self.anchor_at(doc, k, walk)
            if anchor is not None:
                if anchor[0].kind == "city":
                    return anchor[0], True
                break
            k += 1
        return walk.site_town, False

    def follows_named_place(self, doc: Doc, i: int, walk: Walk) -> bool:
        """Token i directly follows a named town, district or site (only a comma or quotes
        between): "جنزور، غرب طرابلس" says where Janzour lies."""
        if i == 0 or doc.tok_sent[i - 1] != doc.tok_sent[i]:
            return False
        k = i
        if self.norm_at(doc, k - 1) in self.w.situating | self.w.part_of and "," in doc.gap(k - 1, k - 1):
            k -= 1  # "Arada, in the east of the city": a comma, then one preposition
        if k > 1 and walk.by_end.get(k) is None and doc.tok_sent[k - 2] == doc.tok_sent[i] and \
                not doc.gap(k - 1, k - 1).strip() and doc.forms(k - 1)[0] in self.v.facilities.phrases:
            k -= 1  # "the Rajma base, east of Benghazi": the site's noun after its name
        prev = walk.by_end.get(k)
        if prev is None or prev.place.kind not in ("city", "district", "site"):
            return False
        return all(c in APPOSITION_GAP for c in doc.gap(i, i)) and all(c in APPOSITION_GAP for c in doc.gap(k, k))

    def situates_named_place(self, doc: Doc, i: int, town: Place, walk: Walk) -> bool:
        """"Ganfouda, on the western edge of Benghazi", "Ain Zara on the southern outskirts of
        Tripoli", "قنفودة على الأطراف الغربية لبنغازي", "Sawani, on the capital's southern edge": the part
        (its phrase starting at token i) only says where a district, site or town by the town named just
        before it lies (a comma or one preposition between)."""
        k = i
        if k > 0 and doc.tok_sent[k - 1] == doc.tok_sent[i] and doc.tokens[k - 1].norm in self.w.situating:
            k -= 1
        gap = doc.gap(k, k)
        if k == 0 or doc.tok_sent[k - 1] != doc.tok_sent[i] or not all(c in APPOSITION_GAP for c in gap):
            return False
        if k == i and not any(c in ",،(" for c in gap):
            return False  # "Tripoli's southern suburb of X": no comma nor preposition, no apposition
        prev = walk.by_end.get(k)
        if prev is None or prev.place.kind not in ("district", "site", "city") or prev.place.id == town.id:
            return False
        p = prev.place
        return _in_or_by(p, town)

    def is_unknown_name(self, doc: Doc, k: int, taken: dict[int, Mention] | set[int]) -> bool:
        """Token k can be part of a name no list knows (a street, a district): not a number, not
        masked, not a known place (``taken``: mention starts), not a grammar or cue word."""
        t = doc.tokens[k]
        if t.is_digit or doc.masked[k] or k in taken:
            return False
        if not doc.arabic and not t.upper:
            return False
        f0 = doc.forms(k)[0]
        v = self.v
        if f0 in v.place_cues or f0 in v.facilities.phrases or f0 in v.directions.phrases or f0 in v.anaphora.phrases \
                or f0 in v.relative_words.phrases or f0 in v.weekdays or f0 in v.reldates.phrases:
            return False
        return f0 not in self.w.not_a_name


def _title_case(doc: Doc, sent: int) -> bool:
    """Every longer word of the sentence starts with a capital (an English headline)."""
    lo = bisect.bisect_left(doc.tok_sent, sent)
    hi = bisect.bisect_right(doc.tok_sent, sent)
    words = [t for t in doc.tokens[lo:hi] if not t.is_digit and len(t.text) > 3]
    return len(words) >= 3 and all(t.upper for t in words)


def make_mention(doc: Doc, i: int, j: int, place: Place, precision: int, unc: float, conf: float, via: str,
                 anchor: Place | None) -> Mention:
    """A mention over tokens i..j (at least one token)."""
    j = max(j, i + 1)
    return Mention(doc.tokens[i].start, doc.tokens[j - 1].end, i, j, place, precision, round(unc, 1), conf, via,
                   anchor)


def _one(mention: Mention, end: int) -> RuleMatch:
    return RuleMatch((mention,), end)


class _Pass:
    name = ""
    starts: frozenset[str] = frozenset()

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.g = kit.g
        self.v = kit.v
        self.w = kit.w


# -- rules at a resolved mention -------------------------------------------------------------------

class WiderBorder(_Pass):
    """"الحدود بين ليبيا وتشاد والنيجر": a named border followed by more countries is a tripoint."""

    name = "wider border"

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        m = walk.by_start[i]
        if m.place.source != "border":
            return None
        isos = self.kit.border_countries.get(m.place.id, [])
        k = m.j
        extra = []
        while k < len(doc.tokens) and doc.tok_sent[k] == doc.tok_sent[m.i]:
            nxt = walk.by_start.get(k)
            if nxt is None or nxt.place.kind != "country" or (doc.arabic and doc.tokens[k].norm[:1] != "و"):
                break
            extra.append(nxt.place.country)
            k = nxt.j
        if not extra:
            return None
        place = self.kit.border_place([*isos, *extra])  # type: ignore[list-item]
        if place is None or place.id == m.place.id:
            return None
        return _one(make_mention(doc, m.i, m.j, place, 2, place.radius_km, 0.65, "border", None), m.j)


class FacilityOfTown(_Pass):
    """"مطار سبها", "ميناء البريقة", "البوابة الجنوبية لبلدة الكفرة", "the airport of Mopti", "Mitiga
    airport": a facility named after a town is its own point: a curated site of that kind, else
    the town's point (on the side an adjective names) within the radius of its kind, precision 2."""

    name = "facility of a town"

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        m = walk.by_start[i]
        if m.place.kind not in ("city", "district"):
            return None
        toks = doc.tokens
        # Arabic / "the airport of X": facility word(s) before the name, adjectives allowed between
        k = m.i - 1
        skipped = 0
        side = None  # "البوابة الجنوبية لبلدة X": the side of the town
        described = False  # an adjective or a cue noun between ("القاعدة الجوية في X")
        while k >= 0 and skipped <= 2 and doc.tok_sent[k] == doc.tok_sent[m.i]:
            hit = self._facility_ending_at(doc, k, with_article=described)
            if hit:
                start, fac = hit
                if walk.covering[start] is not None:
                    return None  # "الكلية الجوية" is already a named site
                before = self.kit.direction_at(doc, start - 1, ("adj",)) if start > 0 and not doc.arabic else None
                if before is not None and before[0] == start and side is None:
                    start, side = start - 1, before[1]  # "the eastern gate of X"
                return self._site(doc, m.place, fac, start, m.j, side, walk)
            adjective = self.kit.direction_at(doc, k, ("adj",))
            cue = any(self.v.place_cues.get(f, 0) == 2 for f in doc.forms(k))
            if toks[k].norm in self.w.facility_skip or cue or adjective \
                    or (skipped == 0 and doc.arabic and k + 1 == m.i):
                if adjective:
                    side = adjective[1]
                described = described or cue or bool(adjective) or toks[k].norm in self.w.facility_modifiers
                k -= 1
                skipped += 1
                continue
            break
        if not doc.arabic:
            # English "Mitiga airport", "Sabha air base"
            for L in (2, 1):
                if m.j + L <= len(toks):
                    key = " ".join(toks[x].norm for x in range(m.j, m.j + L))
                    if key in self.v.facilities:
                        return self._site(doc, m.place, self.v.facilities.get(key)[0], m.i, m.j + L, None, walk)
        return None

    def _facility_ending_at(self, doc: Doc, k: int, with_article: bool) -> tuple[int, str] | None:
        """A facility word (or two-word phrase) ending at token k: (its first token, kind). With
        ``with_article``, also the word with the article ("البوابة"): then an adjective or a cue
        noun stood between it and the town, so it is no common word ("القاعدة" is also al-Qaeda)."""
        toks = doc.tokens
        if k >= 1:
            key = f"{toks[k - 1].norm} {toks[k].norm}"
            if key in self.v.facilities:
                return k - 1, self.v.facilities.get(key)[0]
        for f in doc.forms(k):
            if f in self.v.facilities:
                return k, self.v.facilities.get(f)[0]
            bare = strip_article(f) if with_article else None
            if bare and bare in self.v.facilities:
                return k, self.v.facilities.get(bare)[0]
        return None

    def of_anaphor(self, doc: Doc, i: int, end: int, town: Place, walk: Walk) -> RuleMatch | None:
        """"the city's international airport", "the capital's port", "مطار العاصمة": a facility of the
        town an anaphor (tokens i..end) stands for, placed as one named after the town would be."""
        toks = doc.tokens
        if doc.arabic:
            if i == 0 or doc.tok_sent[i - 1] != doc.tok_sent[i]:
                return None
            hit = self._facility_ending_at(doc, i - 1, with_article=False)
            if hit is None or walk.covering[hit[0]] is not None:
                return None
            return self._site(doc, town, hit[1], hit[0], end, None, walk)
        if end >= len(toks) or not toks[end - 1].text.endswith(POSSESSIVE):
            return None
        k = end
        while k < min(end + 3, len(toks)):  # "the city's (international) airport", "the town's air base"
            for L in (2, 1):
                if k + L <= len(toks):
                    key = " ".join(toks[x].norm for x in range(k, k + L))
                    if key in self.v.facilities:
                        return self._site(doc, town, self.v.facilities.get(key)[0], i, k + L, None, walk)
            if toks[k].norm not in self.w.facility_modifiers:
                return None
            k += 1
        return None

    def _site(self, doc: Doc, town: Place, fac: str, i: int, j: int, side: str | None,
              walk: Walk) -> RuleMatch | None:
        # a curated site of that kind inside the town ("Sabha airport", "Misrata Air College"): the
        # one the article names by its own name ("Mitiga" in the story: "Tripoli airport" is Mitiga),
        # else the one named after the town ("Tripoli International Airport", not Mitiga)
        own = town.name.lower().split()
        curated = [c for c in self.g.children_of(town.id)
                   if c.kind == "site" and set(fac.split()) <= set(c.name.lower().split())]
        if len(curated) > 1:
            named = {m.place.id for m in walk.by_start.values()}
            curated.sort(key=lambda c: (c.id not in named, not set(own) <= set(c.name.lower().split())))
        if curated and side is None:
            return _one(make_mention(doc, i, j, curated[0], 1, uncertainty(curated[0]), 0.75, "facility", town), j)
        info = self.w.facility_kinds.get(fac)
        if info is None or info.radius_km is None or not info.of_town:
            return None  # "معسكر في سومبي": the camp is the town's point; the town says it
        radius = max(info.radius_km, min(town.radius_km, 10.0))
        lat, lon, name, key = town.lat, town.lon, f"{town.name} {fac}", fac.replace(" ", "-")
        if side is not None and side != "c":
            # "the southern gate of Kufra": on that side of the town
            lat, lon = destination(town.lat, town.lon, BEARINGS[side], max(2.0, 0.6 * town.radius_km))
            name, key = f"{DIR_ADJ_EN[side]} {fac} of {town.name}", f"{key}-{side}"
            radius = max(info.radius_km, 0.6 * town.radius_km)
        site = Place(id=f"{town.id}#{key}", name=name, kind="site", lat=lat, lon=lon, country=town.country,
                     name_ar=doc.surface(i, j) if doc.arabic else None, radius_km=round(radius, 1),
                     source="relative")
        return _one(make_mention(doc, i, j, site, 2, site.radius_km, 0.6, "facility", town), j)


# -- rules at other tokens ------------------------------------------------------------------------

class Distance(_Pass):
    """"70 كلم غرب طرابلس", "40 km south of Tripoli", "على بعد 5 أميال شمال شرق صبراتة"."""

    name = "distance"

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.starts = frozenset(self.v.numbers.first)

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        toks = doc.tokens
        n = len(toks)
        read = self._number_at(doc, i)
        if read is None:
            return None
        number, k, km_per_unit = read
        if km_per_unit is None:
            unit = self._unit_at(doc, k)
            if unit is None:
                return None
            k, km_per_unit = unit
        # skip "(45 miles)", "كيلو متراً", "نحو"
        while k < n and (toks[k].is_digit or toks[k].norm in self.w.after_unit):
            k += 1
        # the direction: "غرب X", "west of X", "إلى الغرب من X", "southeast of", "25 km S of X"
        d = None
        if self.kit.norm_at(doc, k) in self.w.toward:
            k2 = k + 1
            if self.kit.norm_at(doc, k2) in self.w.the:
                k2 += 1
            hit = self.kit.direction_at(doc, k2, ("noun", "prep"))
            if hit:
                k, d = hit[0], hit[1]
                if self.kit.norm_at(doc, k) in self.w.of_or_from:
                    k += 1
        if d is None:
            hit = self.kit.direction_at(doc, k, ("prep",))
            if hit:
                k, d = hit[0], hit[1]
                if self.kit.norm_at(doc, k) in self.w.of_or_from:
                    k += 1
        if d == "c":
            return None
        if d is None:
            # no direction: "20 km from X", "على بعد 20 كلم من مدينة X", "15 km outside X"
            k0 = k
            while k < n and k - k0 < 2 and toks[k].norm in self.w.from_place:
                k += 1
            if k == k0:
                return None
        anchor = self.kit.anchor_at(doc, k, walk)
        if anchor is None:
            return None
        place, end = anchor
        km = number * km_per_unit
        if km <= 0 or km > MAX_DISTANCE_KM or (d is None and place.kind in ("country", "region")):
            return None
        start = self._extend_back(doc, i)
        if self._describes_named_place(doc, start, walk) or self._locating_clause(doc, start):
            return RuleMatch((), end)
        dist = f"{round(km):g}" if km >= 1 else f"{km:.1f}"
        if d is None:
            unc = max(3.0, km)
            rel = Place(id=f"{place.id}~{dist}km", name=f"{dist} km from {place.name}", kind="relative",
                        lat=place.lat, lon=place.lon, country=place.country,
                        name_ar=f"{dist} كم من {place.name_ar or place.name}", radius_km=unc, source="relative")
            return _one(make_mention(doc, start, end, rel, 2, unc, 0.6, "distance", place), end)
        lat, lon = destination(place.lat, place.lon, BEARINGS[d], km)
        unc = max(3.0, 0.15 * km)
        rel = Place(id=f"{place.id}@{d}{round(km):g}km", name=f"{dist} km {DIR_EN[d]} of {place.name}",
                    kind="relative", lat=lat, lon=lon, country=place.country,
                    name_ar=f"{dist} كم {DIR_AR[d]} {place.name_ar or place.name}", radius_km=unc,
                    source="relative")
        return _one(make_mention(doc, start, end, rel, 2, unc, 0.7, "distance", place), end)

    def _number_at(self, doc: Doc, i: int) -> tuple[float, int, float | None] | None:
        """A number at token i: (value, token after it, km per unit when the unit is written on to
        it: "12km"). "2.5 km" is read whole; its "5" never starts a distance of its own."""
        toks = doc.tokens
        t = toks[i]
        if t.is_digit:
            if i > 0 and toks[i - 1].is_digit and doc.gap(i, i) == ".":
                return None
            if i + 1 < len(toks) and toks[i + 1].is_digit and doc.gap(i + 1, i + 1) == ".":
                return float(f"{t.norm}.{toks[i + 1].norm}"), i + 2, None
            return float(t.norm), i + 1, None
        glued = _GLUED_UNIT.match(t.norm)
        if glued and glued.group(2) in self.v.units:
            return float(glued.group(1)), i + 1, self.v.units[glued.group(2)]
        value = self.v.numbers.get(t.norm)
        return (float(value[0]), i + 1, None) if value else None

    def _unit_at(self, doc: Doc, k: int) -> tuple[int, float] | None:
        """A unit of length at token k ("كلم", "kilometres", "كيلو متر"): (token after, km per unit)."""
        toks = doc.tokens
        units = self.v.units
        if k + 2 <= len(toks):
            key = f"{toks[k].norm} {toks[k + 1].norm}"
            if key in units:
                return k + 2, units[key]
        if k < len(toks):
            for f in doc.forms(k):
                if f in units:
                    return k + 1, units[f]
        return None

    def _extend_back(self, doc: Doc, i: int) -> int:
        """Include "على بعد (نحو)" / "about" before a distance."""
        k = i
        while k > 0 and doc.tokens[k - 1].norm in self.w.before_distance:
            k -= 1
        return k

    def _describes_named_place(self, doc: Doc, start: int, walk: Walk) -> bool:
        """The phrase only says where a just-named place lies ("غريان (100 كلم جنوب طرابلس)",
        "Tarhouna, a town 65 km southeast of Tripoli", "سومبي التي تبعد نحو 100 كيلومتر ...")."""
        k = start - 1
        steps = 0
        while k >= 0 and steps < 6 and doc.tok_sent[k] == doc.tok_sent[start]:
            m = walk.by_end.get(k + 1)
            if m is not None and m.place.kind != "country":
                return True
            if doc.tokens[k].norm not in self.w.descriptive_glue:
                return False
            k -= 1
            steps += 1
        return False

    def _locating_clause(self, doc: Doc, start: int) -> bool:
        """The clause locates its subject ("يبعد المعسكر 700 كيلومتر شرق تمبكتو", "which lies 40 km…")."""
        k = start - 1
        while k >= 0 and start - k <= 10 and doc.tok_sent[k] == doc.tok_sent[start]:
            if any(f in self.w.locating for f in doc.forms(k)):
                return True
            if any(ch in CLAUSE_BREAK for ch in doc.gap(k + 1, k + 1)):
                return False
            k -= 1
        return False


class Between(_Pass):
    """"بين بلدتي مسكي ويبي بو", "a site between the localities of Miski and Yebibou": the
    midpoint of two named towns (which stay mentions of their own)."""

    name = "between"

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.starts = self.w.between

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        toks = doc.tokens
        if toks[i].norm not in self.w.between:
            return None
        k = self._past_cues(doc, i + 1)
        a = walk.by_start.get(k)
        if a is None or a.place.kind not in ("city", "district", "site"):
            return None
        k = a.j
        if self.kit.norm_at(doc, k) in self.w.and_:
            k += 1
        elif not (doc.arabic and self.and_on(doc, k)) and "&" not in doc.gap(k, k):
            return None  # "between Sabratha, Zuwara and the crossing": a list, not the two ends
        if walk.by_start.get(k) is None:
            k = self._past_cues(doc, k)  # "and the town of Sinawen", "وبلدة سيناون"
        b = walk.by_start.get(k)
        if b is None or b.place.kind not in ("city", "district", "site") or b.place.id == a.place.id:
            return None
        k = b.j
        if self.kit.norm_at(doc, k) in self.w.and_:
            k += 1
        elif not (doc.arabic and self.and_on(doc, k)):
            k = -1
        if k >= 0 and walk.by_start.get(k) is not None:
            return None  # a third place joined on: "بين صبراتة وزوارة ورأس اجدير" is a list
        pa, pb = a.place, b.place
        d = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
        if d > MAX_BETWEEN_KM:
            return None
        mid = Place(id=f"{pa.id}~{pb.id}", name=f"between {pa.name} and {pb.name}", kind="relative",
                    lat=round((pa.lat + pb.lat) / 2, 5), lon=round((pa.lon + pb.lon) / 2, 5), country=pa.country,
                    name_ar=f"بين {pa.name_ar or pa.name} و{pb.name_ar or pb.name}", radius_km=round(max(3.0, d / 2), 1),
                    source="relative")
        # the walk goes on at the first town: both are read as the towns of the story
        return RuleMatch((make_mention(doc, i, b.j, mid, 2, mid.radius_km, 0.6, "between", pa),), a.i)


    def _past_cues(self, doc: Doc, k: int) -> int:
        """The token after the fillers and cue nouns from token k on ("the localities of", "the town
        of", "بلدتي", "وبلدة"): where the name should start."""
        toks = doc.tokens
        while k < len(toks) and (toks[k].norm in self.w.between_filler
                                 or any(self.v.place_cues.get(f, 0) == 2 for f in doc.forms(k))):
            k += 1
        return k

    def and_on(self, doc: Doc, k: int) -> bool:
        """Token k carries the Arabic "and" as a proclitic ("وزوارة")."""
        return k < len(doc.tokens) and len(doc.forms(k)) > 1 and doc.tokens[k].norm[:1] in self.w.and_


class FarPart(_Pass):
    """"the far north (of the country)", "أقصى شمال البلاد", "أقصى الجنوب": a part of a country."""

    name = "far part"

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.starts = self.w.far | self.w.the

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        toks = doc.tokens
        if doc.arabic:
            if not any(f in self.w.far for f in doc.forms(i)):
                return None
            k = i + 1
        else:
            if toks[i].norm not in self.w.the or i + 2 >= len(toks) or toks[i + 1].norm not in self.w.far:
                return None
            k = i + 2
        hit = self.kit.direction_at(doc, k, ("prep", "noun"))
        if not hit or hit[1] == "c":
            return None
        end, d = hit[0], hit[1]
        iso = None
        anchor = self.kit.anchor_at(doc, end + (1 if self.kit.norm_at(doc, end) in self.w.of else 0), walk)
        if anchor is not None and anchor[0].kind == "country":
            iso, end = anchor[0].country, anchor[1]
        iso = iso or walk.last_country or walk.focus
        sub = self.g.subregion(iso, d) if iso else None
        if sub is None:
            return None
        return _one(make_mention(doc, i, end, sub, 3, sub.radius_km, 0.6, "subregion", None), end)


class NamedSite(_Pass):
    """A site named by its own name, placed at the town the sentence names (or the story's town),
    precision 2, within the radius of its kind: "شارع الكيوي", "حي القلعة", "معسكر التكبالي",
    "سجن الجديدة بطرابلس", "حقل الوفاء النفطي", "the residential district of Qalaa", "the Takbali
    camp", "Camp Yarmouk", "Omar Mukhtar Street". A site whose name is a known town ("مطار سبها")
    is :class:`FacilityOfTown`'s."""

    name = "named site"

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.starts = (frozenset(self.w.street_features) | frozenset(self.v.facilities.first) | self.w.the
                       | self.w.indefinite)

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        if doc.arabic:
            return self._arabic(doc, i, walk)
        return self._english_feature_of(doc, i, walk) or self._english_name_first(doc, i, walk)

    # "شارع X", "معسكر X", "حقل X النفطي"
    def _arabic(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        toks = doc.tokens
        street = next((self.w.street_features[f] for f in doc.forms(i) if f in self.w.street_features), None)
        if street is not None:
            kind, k = street, i + 1
        else:
            hit = doc.match_phrases(self.v.facilities, i)
            if not hit or hit[1].startswith("ال"):
                return None  # "السجن المركزي": with the article, the next word is an adjective
            kind, k = self.v.facilities.get(hit[1])[0], hit[0]
        needs_modifier = street is None and any(f in self.w.needs_modifier for f in doc.forms(i))
        start_name = k
        while k < len(toks) and k - start_name < 2 and doc.tok_sent[k] == doc.tok_sent[i] \
                and self.kit.is_unknown_name(doc, k, walk.by_start):
            if k > start_name and toks[k].norm[:1] in "وبلف":
                break  # a proclitic starts the next phrase
            if street is None and (any(f in self.w.not_a_site_name for f in doc.forms(k))
                                   or toks[k].norm in self.w.facility_modifiers
                                   or toks[k].norm.startswith(ARTICLE_AFTER_PROCLITIC)):
                break  # "معسكر تدريب", "ميناء نفطي", "مخيم للاجئين": a common word, no name
            k += 1
            if any(ch in NAME_BREAK for ch in doc.gap(k, k)):
                break
        if k == start_name:
            return None
        end = k
        while end < len(toks) and toks[end].norm in self.w.facility_modifiers and not doc.gap(end, end).strip():
            end += 1  # "حقل الشرارة النفطي"
        if street is None and end == k and (needs_modifier or not self._definite(doc, start_name)):
            # "حقل ألغام" is a minefield, "قاعدة قانونية" a rule of law, "بوابة تفتيش" any checkpoint:
            # a site's own name is definite (معسكر التكبالي) or followed by its adjective (حقل X النفطي)
            return None
        return self._site(doc, i, start_name, k, end, kind, street is not None, walk)

    # "the residential district of Qalaa", "the street of X"
    def _english_feature_of(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        toks = doc.tokens
        n = len(toks)
        if toks[i].norm not in self.w.the and toks[i].norm not in self.w.indefinite:
            return None
        k = i + 1
        if k < n and toks[k].norm in self.w.street_modifiers:
            k += 1
        if k + 1 >= n or toks[k].norm not in self.w.street_features or toks[k + 1].norm not in self.w.of:
            return None
        kind = self.w.street_features[toks[k].norm]
        k += 2
        start_name = k
        while k < n and k - start_name < 2 and doc.tok_sent[k] == doc.tok_sent[i] \
                and self.kit.is_unknown_name(doc, k, walk.by_start):
            k += 1
            if any(ch in NAME_BREAK for ch in doc.gap(k, k)):
                break
        if k == start_name:
            return None
        return self._site(doc, i, start_name, k, k, kind, True, walk)

    # "the Takbali camp", "Omar Mukhtar Street", "Camp Yarmouk"
    def _english_name_first(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        toks = doc.tokens
        sent = doc.tok_sent[i]
        if sent not in walk.headline:
            walk.headline[sent] = _title_case(doc, sent)
        if walk.headline[sent]:
            return None  # "Militants Attack Army Camp": a headline capitalises every word
        street = self.w.street_features.get(toks[i].norm)
        if street is not None:
            kind, end = street, i + 1
        else:
            hit = doc.match_phrases(self.v.facilities, i)
            if not hit:
                return None
            kind, end = self.v.facilities.get(hit[1])[0], hit[0]
        # the name before the word: capitalised words no list knows, nothing between
        k = i
        while k > 0 and i - k < 3 and doc.tok_sent[k - 1] == doc.tok_sent[i] and self._name_word(doc, k - 1, walk) \
                and not doc.gap(k, k).strip():
            k -= 1
        if k < i:
            return self._site(doc, k, k, i, end, kind, street is not None, walk)
        # "Camp Yarmouk": the capitalised word first, the name after
        if street is None and toks[i].upper and end - i == 1:
            j = end
            while j < len(toks) and j - end < 2 and doc.tok_sent[j] == doc.tok_sent[i] and self._name_word(doc, j, walk) \
                    and not doc.gap(j, j).strip():
                j += 1
            if j > end:
                return self._site(doc, i, end, j, j, kind, False, walk)
        return None

    @staticmethod
    def _definite(doc: Doc, k: int) -> bool:
        """Token k carries the article (after a proclitic: "والتكبالي")."""
        return any(f.startswith("ال") for f in doc.forms(k))

    def _renames(self, doc: Doc, i: int) -> bool:
        """A naming word ("تسمى", "known as") just before token i, in the same sentence."""
        for k in range(max(0, i - 3), i):
            if doc.tok_sent[k] == doc.tok_sent[i] and any(f in self.w.naming for f in doc.forms(k)):
                return True
        return False

    def _name_word(self, doc: Doc, k: int, walk: Walk) -> bool:
        """A capitalised word no list knows, not an acronym (an organisation: "the MINUSMA camp")
        nor a demonym ("the Malian camp"), nor an article that opens the sentence ("A checkpoint
        south of the town was reinforced")."""
        t = doc.tokens[k]
        return (walk.covering[k] is None and self.kit.is_unknown_name(doc, k, walk.by_start)
                and not (t.text.isupper() and len(t.text) > 1)
                and self.kit.demonym_at(doc, k) is None and t.norm not in self.w.the
                and t.norm not in self.w.indefinite)

    def _site(self, doc: Doc, i: int, name_i: int, name_j: int, end: int, kind: str, street: bool,
              walk: Walk) -> RuleMatch | None:
        """The site of ``kind`` named by tokens name_i..name_j, the phrase over i..end."""
        if self._renames(doc, i):
            return RuleMatch((), end)  # "..., which is called the Students' Gate": a site already read
        if street:
            radius = None
        else:
            info = self.w.facility_kinds.get(kind)
            if info is None or info.radius_km is None:
                return None  # a hospital or a hotel is its town's point
            radius = info.radius_km
        town, named_here = self.kit.town_for(doc, i, end, walk)
        if town is None:
            return None
        toks = doc.tokens
        if not named_here and not street:
            # "the Tummo crossing", "حقل الوفاء النفطي" with no town named right after: a crossing or
            # a field lies far from the story's last town (Tummo is 300 km from Qatrun): no point
            # is better than a wrong one
            fac = range(i, name_i) if doc.arabic else range(name_j, end)
            words = [toks[x].norm for x in fac]
            if " ".join(words) in self.w.apart or any(f in self.w.apart for x in fac for f in doc.forms(x)):
                return RuleMatch((), end)
        if kind in ONE_PER_TOWN:
            # "ميناء المنطقة الحرة" in a story from Misrata: a town has one port (one airport); its
            # curated row is the point, whatever name the story gives it
            own = [c for c in self.g.children_of(town.id) if c.kind == "site" and kind in c.name.lower().split()]
            if len(own) == 1:
                return _one(make_mention(doc, i, end, own[0], 1, uncertainty(own[0]), 0.6, "site", town), end)
        label = doc.surface(name_i, name_j)
        key = "-".join(toks[x].norm for x in range(name_i, name_j))
        unc = max(2.0, town.radius_km) if radius is None else max(radius, min(town.radius_km, 10.0))
        site = Place(id=f"{town.id}/{kind.replace(' ', '-')}:{key}", name=f"{label} {kind} ({town.name})",
                     kind="district" if kind == "district" else "site", lat=town.lat, lon=town.lon,
                     country=town.country, name_ar=doc.surface(i, end) if doc.arabic else None,
                     radius_km=unc, source="relative")
        conf = 0.55 if named_here or street else 0.45
        return _one(make_mention(doc, i, end, site, 2, unc, conf, "street" if street else "site", town), end)


class Direction(_Pass):
    """"جنوب طرابلس", "جنوبي العاصمة", "شمال شرقي البلاد", "جنوب مدينة سبها", "south of Tripoli",
    "southern Libya", "northeast Nigeria", "northern and central Mali", "شمال ووسط مالي", "الجنوب
    الليبي", "الجنوب الغربي لمصر", "في الشمال الشرقي من البلاد"."""

    name = "direction"

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.starts = frozenset(self.v.directions.first) | self.w.the

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        toks = doc.tokens
        k0 = i
        if not doc.arabic and toks[i].norm in self.w.the and i + 1 < len(toks):
            k0 = i + 1
        hit = self.kit.direction_at(doc, k0, ("prep", "adj", "noun"))
        if not hit:
            return None
        k, d, role = hit
        dirs = [d]
        if not doc.arabic:
            if role in ("noun", "prep") and self.kit.norm_at(doc, k) in self.w.of:
                # "south of Tripoli", "the south of the capital", "the centre of Tripoli"
                k += 1
            elif role == "prep" and k0 == i and self._names_a_place_at(doc, k, walk):
                pass  # "northeast Nigeria", "west Tripoli": a compass word used as an adjective
            elif role == "adj":
                k = self._more_directions(doc, k, dirs, ("adj",), walk)  # "northern and central Mali"
            else:
                return None
        elif role == "noun":
            if k < len(toks) and d != "c":
                iso = self.kit.demonym_at(doc, k)  # "الجنوب الليبي" (the Libyan south)
                sub = self.g.subregion(iso, d) if iso else None
                if sub is not None:
                    return _one(make_mention(doc, i, k + 1, sub, 3, sub.radius_km, 0.7, "subregion", None), k + 1)
            # "الجنوب الغربي لمصر", "في الشمال الشرقي من البلاد": the noun, then من or a ل- name
            if self.kit.norm_at(doc, k) in self.w.from_:
                k += 1
            elif k >= len(toks) or len(doc.forms(k)) < 2 or not toks[k].norm.startswith("ل"):
                return None
        elif role == "adj":
            return None
        else:
            k = self._more_directions(doc, k, dirs, ("prep",), walk)  # "شمال ووسط مالي"
        anchor = self.kit.anchor_at(doc, k, walk)
        if anchor is None:
            return None
        place, end = anchor
        if place.source == "subregion" and place.country and self._joined(doc, k):
            # "شمال ووسط مالي", "northern and central Mali": the part the gazetteer names ends the
            # list, the sides before it are of its country
            place = self.g.country_place(place.country) or place
        if self.kit.follows_named_place(doc, i, walk) and place.kind != "country":
            # "جنزور غرب طرابلس", "Sabratha, west of Tripoli": says where the named place lies
            return RuleMatch((), end)
        found = []
        for d in dict.fromkeys(dirs):
            rel = self.kit.relative_to(place, d)
            # the name itself is still a mention of the anchor place (emitted by the resolver)
            precision = 3 if rel.kind == "region" else 2
            found.append(make_mention(doc, i, end, rel, precision, rel.radius_km, 0.7, "relative", place))
        return RuleMatch(tuple(found), end)

    def _more_directions(self, doc: Doc, k: int, dirs: list[str], roles: Sequence[str], walk: Walk) -> int:
        """Further compass words joined by "and", a comma or و: "northern, central and eastern",
        "شمال ووسط"; they are added to ``dirs``; returns the token after the last one. A part the
        gazetteer names itself ("ووسط مالي") ends the list: it is the anchor."""
        toks = doc.tokens
        while k < len(toks) and walk.by_start.get(k) is None:
            nxt = k + 1 if toks[k].norm in self.w.and_ else k
            if nxt == k and not doc.arabic and "," not in doc.gap(k, k):
                break
            if doc.arabic and nxt == k and toks[k].norm[:1] not in self.w.and_:
                break
            if walk.by_start.get(nxt) is not None:
                return nxt
            hit = self.kit.direction_at(doc, nxt, roles)
            if not hit:
                break
            dirs.append(hit[1])
            k = hit[0]
        return k

    def _joined(self, doc: Doc, k: int) -> bool:
        """Token k follows "and" or carries و: it continues a list."""
        toks = doc.tokens
        return k < len(toks) and ((k > 0 and toks[k - 1].norm in self.w.and_)
                                  or (doc.arabic and toks[k].norm[:1] in self.w.and_))

    def _names_a_place_at(self, doc: Doc, k: int, walk: Walk) -> bool:
        """A country, region or town is named right at token k."""
        m = walk.by_start.get(k)
        return m is not None and m.place.kind in ("country", "region", "city", "district")


def _in_or_by(p: Place, town: Place) -> bool:
    """``p`` is filed under ``town`` or lies by it (within 25 km, or twice the town's radius)."""
    return p.parent == town.id or haversine_km(p.lat, p.lon, town.lat, town.lon) <= max(25.0, 2 * town.radius_km)


class Suburbs(_Pass):
    """"الضواحي الجنوبية لطرابلس", "أطراف المدينة", "الأطراف الشرقية لمدينة X", "الجزء الشرقي من
    المدينة", "the southern, central and western districts of Tripoli", "on the outskirts of X", "the
    eastern part of Libya": one point per side named, or the town itself when no side is."""

    name = "suburbs"

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.starts = frozenset(self.v.relative_words.first) | frozenset(self.v.directions.first) | self.w.the

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        read = self._read_arabic(doc, i, walk) if doc.arabic else self._read_english(doc, i, walk)
        if read is None:
            return None
        kind, dirs, place, end, noun = read
        if self.kit.situates_named_place(doc, i, place, walk) or self._names_one_part(doc, i, noun, place, walk):
            return RuleMatch((), end)
        return self.kit.parts_of(doc, i, end, place, kind, dirs)

    def _names_one_part(self, doc: Doc, i: int, noun: int, place: Place, walk: Walk) -> bool:
        """"Tripoli's southern suburb of Qasr bin Ghashir", "the eastern district of Abu Salim",
        "ضاحية تاجوراء": a single part of town followed by its name is that place, not a part of it —
        when the place is itself a part of a town (a district or site, or filed under a town), or lies
        by the town whose possessive comes first. "The southern suburbs of Tripoli" (plural) and "the
        southern suburb of Tripoli" (a town named) stay parts of the town."""
        if not any(f in self.w.one_part for f in doc.forms(noun)):
            return False
        if place.kind in ("district", "site") or place.parent:
            return True
        if doc.arabic or i == 0 or not doc.tokens[i - 1].text.endswith(POSSESSIVE):
            return False
        m = walk.by_end.get(i)
        if m is None or m.place.id == place.id or m.place.kind not in ("city", "district"):
            return False
        return _in_or_by(place, m.place)

    def _kind_at(self, doc: Doc, k: int) -> str | None:
        for f in doc.forms(k):
            kinds = self.v.relative_words.get(f)
            if kinds:
                return kinds[0]
        return None

    def _read_arabic(self, doc: Doc, i: int, walk: Walk) -> tuple[str, list[str], Place, int, int] | None:
        # ضواحي|أطراف|الجزء (الجنوبية (والغربية)*)? (من)? X
        kind = self._kind_at(doc, i)
        if kind is None:
            return None
        k = i + 1
        dirs: list[str] = []
        while k < len(doc.tokens):
            if dirs and doc.tokens[k].norm[:1] not in self.w.and_:
                break
            hit = self.kit.direction_at(doc, k, ("adj",))
            if not hit:
                break
            k = hit[0]
            dirs.append(hit[1])
        if dirs and self.kit.norm_at(doc, k) in self.w.from_:
            k += 1
        anchor = self.kit.anchor_at(doc, k, walk)
        return None if anchor is None else (kind, dirs, anchor[0], anchor[1], i)

    def _read_english(self, doc: Doc, i: int, walk: Walk) -> tuple[str, list[str], Place, int, int] | None:
        # [the] (dir adj)(, dir adj)* (and dir adj)? suburbs|districts|part (of|in) X
        toks = doc.tokens
        k = i + 1 if toks[i].norm in self.w.the else i
        dirs: list[str] = []
        while k < len(toks):
            hit = self.kit.direction_at(doc, k, ("adj",))
            if not hit:
                break
            dirs.append(hit[1])
            k = hit[0]
            if self.kit.norm_at(doc, k) in self.w.and_:
                k += 1
        if k >= len(toks) or not self.v.relative_words.get(toks[k].norm):
            return None
        kind = self.v.relative_words.get(toks[k].norm)[0]
        noun = k
        k += 1
        if self.kit.norm_at(doc, k) not in self.w.part_of:
            return None
        anchor = self.kit.anchor_at(doc, k + 1, walk)
        return None if anchor is None else (kind, dirs, anchor[0], anchor[1], noun)


class Possessive(_Pass):
    """English parts after a possessive: "Tripoli's southern suburbs", "Mali's north", "Libya's
    south-west", "the country's east"."""

    name = "possessive"

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.starts = frozenset(self.v.directions.first) | frozenset(self.v.relative_words.first)

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        if doc.arabic or i == 0:
            return None
        found = self._owner_before(doc, i, walk)
        if found is None:
            return None
        owner, start = found
        dirs: list[str] = []
        k, last_role = i, ""
        while k < len(doc.tokens):
            hit = self.kit.direction_at(doc, k, ("adj", "prep", "noun"))
            if not hit:
                break
            k, d, last_role = hit
            dirs.append(d)
            if self.kit.norm_at(doc, k) in self.w.and_:
                k += 1
        kinds = self.v.relative_words.get(self.kit.norm_at(doc, k))
        if kinds and self.kit.situates_named_place(doc, start, owner, walk):
            return RuleMatch((), k + 1, start)  # "Sawani, on the capital's southern edge": the owner goes too
        if kinds:  # "Tripoli's southern suburbs", "the city's outskirts"
            return self.kit.parts_of(doc, i, k + 1, owner, kinds[0], dirs)
        if dirs and last_role in ("prep", "noun"):  # "Mali's north", "Libya's south-west"
            return self.kit.parts_of(doc, i, k, owner, "part", dirs)
        return None

    def _owner_before(self, doc: Doc, i: int, walk: Walk) -> tuple[Place, int] | None:
        """The place whose possessive ends right before token i ("Tripoli's", "the country's"), and
        the token its phrase starts at."""
        prev = doc.tokens[i - 1]
        if not prev.text.endswith(POSSESSIVE) or doc.tok_sent[i - 1] != doc.tok_sent[i]:
            return None
        m = walk.by_end.get(i)
        if m is not None:
            return m.place, m.i
        for start in (i - 2, i - 3):
            hit = self.kit.anaphor_at(doc, start) if start >= 0 else None
            if hit and hit[0] == i:
                place = self.kit.resolve_anaphor(doc, hit[1], hit[0], walk, hit[2])
                return None if place is None else (place, start)
        return None


class Desert(_Pass):
    """"الصحراء الجنوبية (لليبيا)", "the southern desert": a part of the country."""

    name = "desert"

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.starts = self.w.desert | self.w.the | frozenset(self.v.directions.first)

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        toks = doc.tokens
        k = i + 1 if (not doc.arabic and toks[i].norm in self.w.the) else i
        if k >= len(toks):
            return None
        if doc.arabic:
            if not any(f in self.w.desert for f in doc.forms(k)):
                return None
            hit = self.kit.direction_at(doc, k + 1, ("adj",))
            if not hit:
                return None
            end, d = hit[0], hit[1]
        else:
            hit = self.kit.direction_at(doc, k, ("adj",))
            if not hit or self.kit.norm_at(doc, hit[0]) not in self.w.desert:
                return None
            end, d = hit[0] + 1, hit[1]
        iso = walk.last_country or walk.focus
        nxt = walk.by_start.get(end)
        if nxt is not None and nxt.place.kind == "country":  # "الصحراء الجنوبية لليبيا"
            iso, end = nxt.place.country, nxt.j
        sub = self.g.subregion(iso, d) if iso and d != "c" else None
        if sub is None:
            return None
        return _one(make_mention(doc, i, end, sub, 3, sub.radius_km, 0.6, "subregion", None), end)


class Border(_Pass):
    """"الحدود الليبية التونسية", "الحدود مع النيجر", "الشريط الحدودي مع الجزائر", "the Libyan
    border", "the border with Chad": the border of the countries named (and of the sentence's
    own country when one is missing)."""

    name = "border"

    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)
        self.starts = self.w.border | self.w.border_strip

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        toks = doc.tokens
        forms = doc.forms(i)
        if doc.arabic:
            if not any(f in self.w.border or f in self.w.border_strip for f in forms):
                return None
        elif toks[i].norm not in self.w.border:
            return None
        k = i + 1
        if doc.arabic and any(f in self.w.border_strip for f in forms):
            if self.kit.norm_at(doc, k) not in self.w.border_adj:
                return None
            k += 1
        isos: list[str] = []
        k = self._countries_after(doc, i, k, walk, isos)
        if not doc.arabic:
            self._countries_before(doc, i, walk, isos)
        if not isos:
            return None
        home = self.kit.sentence_country(doc, i, k, walk, exclude=isos) or walk.focus or walk.last_country
        if i + 1 < len(toks) and toks[i + 1].norm in self.w.with_ and home and home not in isos and len(isos) == 2:
            # "الحدود مع تشاد والسودان": two borders of the sentence's country
            pair = [self.kit.border_place([home, x]) for x in isos]
            found = tuple(make_mention(doc, i, k, p, 2, p.radius_km, 0.65, "border", None) for p in pair if p)
            if found:
                return RuleMatch(found, k)
        if home and home not in isos and len(isos) < 3:
            isos.insert(0, home)
        place = self.kit.border_place(isos)
        if place is None:
            return None
        town = self._town_by_it(doc, i, walk, isos) if len(isos) == 2 else None
        if town is not None:
            # "Inates, near the Malian border": the stretch of the border by the town, not the
            # border's middle (the Mali–Niger border runs 800 km)
            place = Place(id=f"{place.id}@{town.id}", name=f"{place.name} near {town.name}", kind=place.kind,
                          lat=town.lat, lon=town.lon, country=town.country, name_ar=place.name_ar,
                          radius_km=min(place.radius_km, BORDER_NEAR_KM), source="relative")
        return _one(make_mention(doc, i, k, place, 2, place.radius_km, 0.65, "border", None), k)

    def _town_by_it(self, doc: Doc, i: int, walk: Walk, isos: list[str]) -> Place | None:
        """The town of one of the two countries named right before the border phrase and linked to
        it by "near" / "close to" / "قرب" / "القريبة من" (a comma between allowed): "Inates, near
        the Malian border", "Tessalit, close to the border with Algeria", "تساليت قرب الحدود"."""
        toks = doc.tokens
        b = i - 1
        near = False
        if doc.arabic and toks[i].norm[:1] in self.w.and_ and toks[i].norm[1:] in doc.forms(i):
            # "الطريق بين المدينة والحدود التونسية": the border where the road from the town meets it
            m = walk.by_end.get(i) or walk.read_by_end.get(i)
            if m is not None and self._between_town_and_border(doc, m, isos):
                return m.place
        while b >= 0 and i - b <= 6 and doc.tok_sent[b] == doc.tok_sent[i]:
            m = walk.by_end.get(b + 1) or walk.read_by_end.get(b + 1)
            if m is not None and m.place.kind != "country" and self.kit.demonym_at(doc, b) is None:
                if near and m.place.kind in ("city", "district", "site") and m.place.country in isos:
                    return m.place
                if not doc.arabic and any(toks[x].norm in self.w.and_ for x in range(m.j, i)) \
                        and self._between_town_and_border(doc, m, isos):
                    return m.place  # "the road between Nalut and the Tunisian border"
                return None
            forms = doc.forms(b)
            if any(f in self.w.border_near for f in forms):
                near = True
            elif any(f in self.w.border_near_link for f in forms):
                if b == 0 or not any(f in self.w.border_near for f in doc.forms(b - 1)):
                    return None  # "from Gao to the Algerian border": a way to the border, not a town by it
            elif not (self.kit.demonym_at(doc, b) is not None or toks[b].norm in self.w.border_lead
                      or (m is not None and m.place.kind == "country")):
                return None
            if doc.gap_has(b + 1, ".;:!?؟"):
                return None
            b -= 1
        return None

    def _between_town_and_border(self, doc: Doc, m: Mention, isos: list[str]) -> bool:
        """The town of mention m opens "between <town> and <the border>" (بين X والحدود): a way
        from the town to the border, which it reaches by the town."""
        return m.i > 0 and doc.tok_sent[m.i - 1] == doc.tok_sent[m.i] and doc.tokens[m.i - 1].norm in self.w.between \
            and m.place.kind in ("city", "district", "site") and m.place.country in isos

    def _countries_after(self, doc: Doc, i: int, k: int, walk: Walk, isos: list[str]) -> int:
        """Countries named right after the border word (Arabic, "border with X"): the token after them."""
        toks = doc.tokens
        last_end = i + 1
        while k < len(toks) and k - i <= 8 and doc.tok_sent[k] == doc.tok_sent[i]:
            if toks[k].norm in self.w.border_link:
                k += 1
                continue
            iso = self.kit.demonym_at(doc, k)
            m = walk.by_start.get(k)
            if iso is None and m is not None and m.place.kind == "country":
                iso = m.place.country
                k = m.j
            elif iso is not None:
                k += 1
            else:
                break
            if iso and iso not in isos:
                isos.append(iso)
            last_end = k
        return last_end

    def _countries_before(self, doc: Doc, i: int, walk: Walk, isos: list[str]) -> None:
        """English adjectives and names just before: "the Libyan-Chadian border", "Chad's border"."""
        b = i - 1
        while b >= 0 and i - b <= 4:
            iso = self.kit.demonym_at(doc, b)
            m = walk.by_end.get(b + 1)
            if iso is None and m is not None and m.place.kind == "country":
                iso = m.place.country
            if iso is None and doc.tokens[b].norm not in self.w.border_lead:
                break
            if iso and iso not in isos:
                isos.append(iso)
            b -= 1


class Anaphor(_Pass):
    """"العاصمة", "المدينة", "the capital", "the city" standing for a place named before."""

    name = "anaphor"

    def __init__(self, kit: Kit, facility: FacilityOfTown) -> None:
        super().__init__(kit)
        self.starts = frozenset(self.v.anaphora.first)
        self.facility = facility

    def match(self, doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        hit = self.kit.anaphor_at(doc, i)
        if not hit:
            return None
        end, ref, iso = hit
        if ref == "country":
            return None  # "في البلاد" alone is not worth a point; it anchors relative phrases only
        if walk.by_start.get(end) is not None:
            return None  # "العاصمة طرابلس": the name follows
        if self.kit.norm_at(doc, end) in self.w.of:
            # "the city of Sirte": the name follows; "the capital of Mali": that country's capital
            country = walk.by_start.get(end + 1)
            if ref != "capital" or country is None or country.place.kind != "country":
                return None
            iso, end = country.place.country, end + 1
        p = self.kit.resolve_anaphor(doc, ref, end, walk, iso)
        if p is None:
            return None
        if ref == "capital" and end < len(doc.tokens) and self.kit.demonym_at(doc, end):
            end += 1  # "العاصمة الليبية"
        if p.kind in ("city", "district"):
            site = self.facility.of_anaphor(doc, i, end, p, walk)
            if site is not None:
                return site
        return _one(make_mention(doc, i, end, p, PRECISION.get(p.kind, 1), uncertainty(p), 0.6, "anaphora", p), end)


# -- the grammar ------------------------------------------------------------------------------------

class RelativeGrammar:
    """Relative places, anaphora, facilities and borders around resolved mentions."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab) -> None:
        self.kit = Kit(gazetteer, vocab)
        self.g = gazetteer
        #: one-word origin prepositions (from, من) of event_words.csv (see _origin)
        self.origin_words = frozenset(w for w in vocab.words("event_words", "origin") if " " not in w)
        #: rules tried at a resolved mention; a match replaces it
        facility = FacilityOfTown(self.kit)
        self.at_mentions: tuple[Rule, ...] = (WiderBorder(self.kit), facility)
        #: rules tried at every other token that can start a phrase, first match wins
        self.passes: tuple[Rule, ...] = (
            Distance(self.kit), Between(self.kit), FarPart(self.kit), NamedSite(self.kit), Direction(self.kit),
            Suburbs(self.kit), Possessive(self.kit), Desert(self.kit), Border(self.kit), Anaphor(self.kit, facility),
        )
        #: word → the passes a phrase starting with it can match, in pass order (the walk tries
        #: only those); a number can only start a distance
        self.by_word: dict[str, tuple[Rule, ...]] = {}
        for rule in self.passes:
            for word in rule.starts:
                self.by_word[word] = (*self.by_word.get(word, ()), rule)
        self.for_numbers: tuple[Rule, ...] = tuple(r for r in self.passes if isinstance(r, Distance))

    def is_unknown_name(self, doc: Doc, k: int, taken: dict[int, Mention] | set[int]) -> bool:
        """See :meth:`Kit.is_unknown_name` (the opt-in online geocoder uses it too)."""
        return self.kit.is_unknown_name(doc, k, taken)

    def relative_to(self, place: Place, d: str) -> Place:
        """The point for "<direction> of <place>"."""
        return self.kit.relative_to(place, d)

    def apply(self, doc: Doc, mentions: list[Mention], context: DocContext) -> list[Mention]:
        """The mentions with the relative places around them; ``context.focus`` must be set."""
        walk = Walk.over(doc, mentions, context.focus)
        out: list[Mention] = []
        replaced: set[int] = set()  # ids of mentions a rule read otherwise
        # the tokens where anything can happen: a mention starts, or a phrase of a pass (a word
        # of its ``starts``, or a number) can; the walk steps from one to the next
        stops = {k for forms, at in doc.groups().items() if forms[0][:1].isdigit() for k in at}
        stops.update(walk.by_start)
        stops.update(doc.starts(self.by_word))
        i = 0
        for k in sorted(stops):
            if k < i:
                continue
            i = k
            m = walk.by_start.get(i)
            if m is not None:
                got = self._first_match(self.at_mentions, doc, i, walk)
                if got is not None:
                    out.extend(got.mentions)
                    replaced.add(id(m))
                self._note(walk, m.place, origin=self._origin(doc, i))
                i = m.j
                continue
            rules = () if walk.covering[i] is not None or doc.masked[i] else self._rules_at(doc, i)
            got = self._first_match(rules, doc, i, walk) if rules else None
            if got is None:
                i += 1
                continue
            if 0 <= got.start < i:  # the phrase took in a mention read before it (the possessive's owner)
                out[:] = [r for r in out if not got.start <= r.i < got.end]
                replaced.update(id(r) for r in mentions if got.start <= r.i < got.end)
            for r in got.mentions:
                out.append(r)
                walk.read_by_end.setdefault(r.j, r)
                if r.place.country:
                    walk.last_country = r.place.country
            i = max(got.end, i + 1)
        self._measured(out)
        kept = [m for m in mentions if id(m) not in replaced]
        return sorted(kept + out, key=lambda m: (m.start, m.end))

    @staticmethod
    def _measured(found: list[Mention]) -> None:
        """"south of Sabha" in the headline, "40 km south of Sabha" in the body: one place, at the
        measured point (when the article measures that direction from that town once)."""
        measured: dict[str, list[Mention]] = {}
        for m in found:
            if m.via == "distance" and m.anchor is not None and "@" in m.place.id:
                d = m.place.id.rpartition("@")[2].rstrip("0123456789.km")
                measured.setdefault(f"{m.anchor.id}@{d}", []).append(m)
        if not measured:
            return
        for m in found:
            got = measured.get(m.place.id)
            if got is not None and len({x.place.id for x in got}) == 1:
                m.place, m.uncertainty_km, m.precision = got[0].place, got[0].uncertainty_km, got[0].precision

    def _rules_at(self, doc: Doc, i: int) -> Sequence[Rule]:
        """The passes a phrase at token i can match, in pass order."""
        if doc.tokens[i].norm[:1].isdigit():  # a number, also with its unit written on to it ("12km")
            return self.for_numbers
        found: Sequence[Rule] = ()
        for f in doc.forms(i):
            rules = self.by_word.get(f)
            if rules:
                found = rules if not found else tuple(r for r in self.passes if r in found or r in rules)
        return found

    @staticmethod
    def _first_match(rules: Sequence[Rule], doc: Doc, i: int, walk: Walk) -> RuleMatch | None:
        for rule in rules:
            got = rule.match(doc, i, walk)
            if got is not None:
                return got
        return None

    def _origin(self, doc: Doc, i: int) -> bool:
        """A town named right after an origin preposition (from, من): where people came from."""
        return i > 0 and doc.tok_sent[i - 1] == doc.tok_sent[i] and doc.tokens[i - 1].norm in self.origin_words

    def _note(self, walk: Walk, p: Place, origin: bool = False) -> None:
        """Remember the story's last town and country ("the city" refers back to a town of the
        story, not to Paris where a minister spoke); a town named as an origin is no site's town."""
        local = p.country == walk.focus or (p.country in self.g.countries and self.g.countries[p.country].theatre)
        town = None
        if (p.kind == "city" or (p.kind == "district" and p.parent is None)) and local:
            town = p
        elif p.kind in ("district", "site") and p.parent and local:
            parent = self.g.get(p.parent)
            if parent is not None and parent.kind == "city":
                town = parent
        if town is not None:
            walk.last_city = town
            if not origin:
                walk.site_town = town
        if p.country:
            walk.last_country = p.country
