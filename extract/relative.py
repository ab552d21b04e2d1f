"""The relative-place grammar: the phrases around resolved places become points of their own.

"جنوب طرابلس", "الضواحي الجنوبية للمدينة", "70 كلم غرب طرابلس", "40 km south of Tripoli",
"شمال شرقي البلاد", "the Libyan border", "مطار سبها", "بين بلدتي مسكي ويبي بو", "شارع الكيوي",
"the capital". Each rule reads tokens around the mentions the resolver found and returns new
mentions (with the anchor they hang on), or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from ..core.geodesy import destination, haversine_km
from ..geodata.gazetteer import Gazetteer, Place
from ..geodata.lexicon import Vocab
from .context import DocContext
from .doc import Doc
from .places import BEARINGS, DIR_ADJ_EN, DIR_AR, DIR_EN, PRECISION, Mention, uncertainty


@dataclass(slots=True)
class _Ctx:
    """What the grammar knows while walking the article left to right."""

    last_city: Place | None = None
    last_country: str | None = None


class RelativeGrammar:
    """Relative places, anaphora, facilities and borders around resolved mentions."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab) -> None:
        self.g = gazetteer
        self.v = vocab
        self.starters: set[str] = {
            *vocab.directions.first, *vocab.relative_words.first, *vocab.anaphora.first, *vocab.numbers.first,
            "بين", "between", "the", "a", "اقصي", "الحدود", "حدود", "الحدوديه", "الشريط", "المثلث", "border",
            "borders", "frontier", "الصحرا", *self.STREET_AR, *vocab.units,
        }

    # helpers ----------------------------------------------------------------------------------
    def _dir_at(self, doc: Doc, i: int, roles: Sequence[str] = ("prep",)) -> tuple[int, str, str] | None:
        """A direction phrase starting at token i: (end token, direction, role)."""
        hit = doc.match_phrases(self.v.directions, i, self.v.directions.max_tokens)
        if not hit:
            return None
        end, key, _f = hit
        for d, role in self.v.directions.get(key):
            if role in roles:
                return end, d, role
        return None

    def apply(self, doc: Doc, mentions: list[Mention], context: DocContext) -> list[Mention]:
        """The mentions with the relative places around them; ``context.focus`` must be set."""
        toks = doc.tokens
        by_start = {m.i: m for m in mentions}
        covered = [False] * len(toks)
        for m in mentions:
            for k in range(m.i, m.j):
                covered[k] = True
        article_focus = context.focus

        out: list[Mention] = []
        drop: set[int] = set()  # ids of mentions replaced by a relative reading
        ctx = _Ctx()
        i = 0
        n = len(toks)
        while i < n:
            m = by_start.get(i)
            if m is not None:
                if m.place.source == "border":
                    wider = self._extend_border(doc, m, by_start)
                    if wider is not None:
                        out.append(wider)
                        drop.add(id(m))
                        i = wider.j
                        continue
                self._note(ctx, m.place, article_focus)
                fac = self._facility_before(doc, m, by_start)
                if fac:
                    out.append(fac)
                    drop.add(id(m))
                i = m.j
                continue
            if covered[i] or doc.masked[i] or not (toks[i].is_digit or any(f in self.starters for f in doc.forms(i))):
                i += 1
                continue
            got = (self._distance(doc, i, by_start, ctx, article_focus)
                   or self._between(doc, i, by_start, ctx, article_focus)
                   or self._far(doc, i, by_start, ctx, article_focus)
                   or self._street(doc, i, by_start, ctx, article_focus)
                   or self._direction(doc, i, by_start, ctx, article_focus)
                   or self._suburbs(doc, i, by_start, ctx, article_focus)
                   or self._desert(doc, i, by_start, ctx, article_focus)
                   or self._border(doc, i, by_start, ctx, article_focus)
                   or self._anaphora(doc, i, by_start, ctx, article_focus))
            if got:
                rel, consumed = got
                for r in (rel if isinstance(rel, list) else [rel] if rel is not None else []):
                    out.append(r)
                    if r.place.country:
                        ctx.last_country = r.place.country
                i = max(consumed, i + 1)
                continue
            i += 1
        kept = [m for m in mentions if id(m) not in drop]
        return sorted(kept + out, key=lambda m: (m.start, m.end))

    def _note(self, ctx: _Ctx, p: Place, focus: str | None = None) -> None:
        # "the city" refers back to a town of the story, not to Paris where a minister spoke
        local = p.country == focus or (p.country in self.g.countries and self.g.countries[p.country].theatre)
        if (p.kind in ("city",) or (p.kind == "district" and p.parent is None)) and local:
            ctx.last_city = p
        elif p.kind in ("district", "site") and p.parent and local:
            parent = self.g.get(p.parent)
            if parent is not None and parent.kind == "city":
                ctx.last_city = parent
        if p.country:
            ctx.last_country = p.country

    # "70 كلم غرب طرابلس", "40 km south of Tripoli", "على بعد 5 أميال شمال شرق صبراتة"
    def _distance(self, doc: Doc, i: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        toks = doc.tokens
        num = None
        k = i
        if toks[i].is_digit or self.v.numbers.get(toks[i].norm):
            num = (i, float(toks[i].norm) if toks[i].is_digit else float(self.v.numbers.get(toks[i].norm)[0]))
            k = i + 1
        if num is None:
            return None
        unit = None
        for L in (2, 1):
            if k + L <= len(toks):
                key = " ".join(toks[x].norm for x in range(k, k + L))
                if key in self.v.units:
                    unit = self.v.units[key]
                    k += L
                    break
            if unit is None and k < len(toks):
                for f in doc.forms(k):
                    if f in self.v.units:
                        unit = self.v.units[f]
                        k += 1
                        break
                if unit is not None:
                    break
        if unit is None:
            return None
        # skip "(45 miles)", "متراً", "نحو"
        while k < len(toks) and (toks[k].is_digit or toks[k].norm in ("miles", "mile", "km", "مترا", "متر", "نحو", "about", "some")):
            k += 1
        # direction: "غرب X", "west of X", "إلى الغرب من X", "southeast of"
        d = None
        if k < len(toks) and toks[k].norm in ("الي", "to", "غلي", "علي"):
            k2 = k + 1
            if k2 < len(toks) and toks[k2].norm == "the":
                k2 += 1
            hit = self._dir_at(doc, k2, ("noun", "prep"))
            if hit:
                k, d = hit[0], hit[1]
                if k < len(toks) and toks[k].norm in ("من", "of"):
                    k += 1
        if d is None:
            hit = self._dir_at(doc, k, ("prep",))
            if hit:
                k, d = hit[0], hit[1]
                if k < len(toks) and toks[k].norm in ("of", "من"):
                    k += 1
        if d is None or d == "c":
            return None
        anchor = self._anchor_at(doc, k, by_start, ctx, focus)
        if anchor is None:
            return None
        place, end_tok = anchor
        km = num[1] * unit
        if km <= 0 or km > 3000:
            return None
        start_tok = self._extend_back(doc, i)
        descriptive = self._descriptive(doc, start_tok, by_start) or self._distance_verb(doc, start_tok)
        if descriptive:
            return None, end_tok
        lat, lon = destination(place.lat, place.lon, BEARINGS[d], km)
        name = f"{round(km):g} km {DIR_EN[d]} of {place.name}"
        name_ar = f"{round(km):g} كم {DIR_AR[d]} {place.name_ar or place.name}"
        unc = max(3.0, 0.15 * km)
        rel = Place(id=f"{place.id}@{d}{round(km):g}km", name=name, kind="relative", lat=lat, lon=lon,
                    country=place.country, name_ar=name_ar, radius_km=unc, source="relative")
        return self._mention(doc, start_tok, end_tok, rel, 2, unc, 0.7, "distance", place), end_tok

    def _extend_back(self, doc: Doc, i: int) -> int:
        """Include "على بعد (نحو)" / "about" before a distance."""
        toks = doc.tokens
        k = i
        while k > 0 and toks[k - 1].norm in ("نحو", "حوالي", "بعد", "علي", "about", "some", "around", "roughly", "approximately"):
            k -= 1
        return k

    def _descriptive(self, doc: Doc, start_tok: int, by_start: dict[int, Mention]) -> bool:
        """A phrase that only says where a just-named place lies ("غريان (100 كلم جنوب طرابلس)",
        "Tarhouna, a town 65 km southeast of Tripoli", "سومبي التي تبعد نحو 100 كيلومتر ...")."""
        toks = doc.tokens
        k = start_tok - 1
        steps = 0
        glue = {"التي", "الذي", "تقع", "يقع", "تبعد", "يبعد", "الواقعه", "الواقع", "البلده", "المدينه",
                "a", "an", "the", "town", "city", "village", "which", "lies", "is", "located", "some", "about",
                "علي", "بعد", "نحو", "حوالي", "oasis", "settlement", "base", "port"}
        while k >= 0 and steps < 6 and doc.tok_sent[k] == doc.tok_sent[start_tok]:
            m = next((mm for mm in by_start.values() if mm.j == k + 1), None)
            if m is not None and m.place.kind != "country":
                return True
            if toks[k].norm not in glue:
                return False
            k -= 1
            steps += 1
        return False

    LOCATING = frozenset({"يبعد", "تبعد", "يقع", "تقع", "الواقعه", "الواقع", "located", "lies", "situated", "lie"})

    def _distance_verb(self, doc: Doc, start_tok: int) -> bool:
        """The clause locates its subject ("يبعد المعسكر 700 كيلومتر شرق تمبكتو", "which lies 40 km…")."""
        k = start_tok - 1
        while k >= 0 and start_tok - k <= 10 and doc.tok_sent[k] == doc.tok_sent[start_tok]:
            if any(f in self.LOCATING for f in doc.forms(k)):
                return True
            if any(ch in doc.gap(k + 1, k + 1) for ch in ".;،,"):
                return False
            k -= 1
        return False

    def _apposition(self, doc: Doc, i: int, by_start: dict[int, Mention]) -> bool:
        """True when token i directly follows a named town, district or site (only a comma or
        quotes between)."""
        if i == 0 or doc.tok_sent[i - 1] != doc.tok_sent[i]:
            return False
        prev = next((m for m in by_start.values() if m.j == i), None)
        if prev is None or prev.place.kind not in ("city", "district", "site"):
            return False
        gap = doc.gap(i, i)
        return all(c in " ,،\"'»«”“)(" for c in gap)

    def _anchor_at(self, doc: Doc, k: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        """The place a relative phrase hangs on: a named place, or an anaphor (العاصمة, the city)."""
        toks = doc.tokens
        if k >= len(toks):
            return None
        m = by_start.get(k)
        if m is not None:
            return m.place, m.j
        if k < len(toks) and toks[k].norm == "the" and by_start.get(k + 1):
            m = by_start[k + 1]
            return m.place, m.j
        hit = doc.match_phrases(self.v.anaphora, k, self.v.anaphora.max_tokens)
        if hit:
            end, key, _ = hit
            ref = self.v.anaphora.get(key)[0]
            p = self._resolve_anaphor(doc, ref, end, ctx, focus, by_start)
            if p is not None:
                # "العاصمة طرابلس": the name that follows is the anchor itself
                if by_start.get(end) is not None:
                    return by_start[end].place, by_start[end].j
                return p, end
        return None

    def _resolve_anaphor(self, doc: Doc, ref: str, end: int, ctx: _Ctx, focus: str | None,
                         by_start: dict[int, Mention] | None = None) -> Place | None:
        toks = doc.tokens
        if ref == "capital":
            iso = None
            if end < len(toks):  # "العاصمة الليبية", "the Libyan capital" (demonym after)
                for f in doc.forms(end):
                    iso = self.g.demonyms.get(f)
                    if iso:
                        break
            # else the country of the last town of the story: a country named in passing
            # ("workers from Bangladesh") does not move "the capital" to Dhaka
            town_iso = ctx.last_city.country if ctx.last_city is not None else None
            iso = iso or town_iso or focus or ctx.last_country
            return self.g.capital(iso)
        if ref in ("city", "town"):
            return ctx.last_city
        if ref == "country":
            # a place named before it in the sentence, else the country of the story's last town;
            # a demonym ("Russian allies") is weaker evidence than either
            iso = None
            if by_start is not None:
                iso = self._sentence_country(doc, end - 1, end, by_start, exclude=set(), before_first=True,
                                             places_only=True)
            town_iso = ctx.last_city.country if ctx.last_city is not None else None
            if iso is None and town_iso is None and by_start is not None:
                iso = self._sentence_country(doc, end - 1, end, by_start, exclude=set(), before_first=True)
            return self.g.country_place(iso or town_iso or ctx.last_country or focus)
        return None

    # "جنوب طرابلس", "جنوبي العاصمة", "شمال شرقي البلاد", "south of Tripoli", "southern Libya"
    def _direction(self, doc: Doc, i: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        toks = doc.tokens
        k0 = i
        if not doc.arabic and toks[i].norm == "the" and i + 1 < len(toks):
            k0 = i + 1
        hit = self._dir_at(doc, k0, ("prep", "adj", "noun"))
        if not hit:
            return None
        k, d, role = hit
        if not doc.arabic:
            if role == "noun" or (role == "prep" and k0 > i):
                # "the south of the capital", "the centre of Tripoli"
                if k < len(toks) and toks[k].norm == "of":
                    k += 1
                else:
                    return None
            elif role == "prep":
                if k < len(toks) and toks[k].norm == "of":
                    k += 1
                else:
                    return None
        elif role == "noun":
            # "الجنوب الليبي" (the Libyan south)
            if k < len(toks):
                for f in doc.forms(k):
                    iso = self.g.demonyms.get(f)
                    if iso and d != "c":
                        sub = self.g.subregion(iso, d)
                        if sub is not None:
                            return self._mention(doc, i, k + 1, sub, 3, sub.radius_km, 0.7, "subregion", None), k + 1
                        break
            return None
        elif role == "adj":
            return None
        anchor = self._anchor_at(doc, k, by_start, ctx, focus)
        if anchor is None:
            return None
        place, end_tok = anchor
        if self._apposition(doc, i, by_start) and place.kind != "country":
            # "جنزور غرب طرابلس", "Sabratha, west of Tripoli": says where the named place lies
            return None, end_tok
        rel = self.relative_to(place, d)
        if rel is None:
            return None
        # the name itself is still a mention of the anchor place (emitted by the resolver)
        prec = 3 if rel.kind == "region" else 2
        return self._mention(doc, i, end_tok, rel, prec, rel.radius_km, 0.7, "relative", place), end_tok

    def relative_to(self, place: Place, d: str) -> Place | None:
        """The point for "<direction> of <place>"."""
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
            return place  # the centre of a town is the town's own point
        km = max(8.0, 0.8 * place.radius_km)
        lat, lon = destination(place.lat, place.lon, BEARINGS[d], km)
        return Place(id=f"{place.id}@{d}", name=f"{DIR_EN[d]} of {place.name}", kind="relative", lat=lat, lon=lon,
                     country=place.country, name_ar=f"{DIR_AR[d]} {place.name_ar or place.name}",
                     radius_km=round(km, 1), source="relative")

    # "الصحراء الجنوبية", "the southern desert", "جنوب البلاد" handled elsewhere: a part of the country
    def _desert(self, doc: Doc, i: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        toks = doc.tokens
        k = i + 1 if (not doc.arabic and toks[i].norm == "the") else i
        if k >= len(toks):
            return None
        if doc.arabic:
            if not any(f == "الصحرا" for f in doc.forms(k)):  # الصحراء, normalised
                return None
            hit = self._dir_at(doc, k + 1, ("adj",))
            if not hit:
                return None
            end, d = hit[0], hit[1]
        else:
            hit = self._dir_at(doc, k, ("adj",))
            if not hit or hit[0] >= len(toks) or toks[hit[0]].norm != "desert":
                return None
            end, d = hit[0] + 1, hit[1]
        iso = ctx.last_country or focus
        nxt = by_start.get(end)
        if nxt is not None and nxt.place.kind == "country":  # "الصحراء الجنوبية لليبيا"
            iso, end = nxt.place.country, nxt.j
        sub = self.g.subregion(iso, d) if iso and d != "c" else None
        if sub is None:
            return None
        return self._mention(doc, i, end, sub, 3, sub.radius_km, 0.6, "subregion", None), end

    # "الضواحي الجنوبية لطرابلس", "Tripoli's southern suburbs", "southern districts of Tripoli"
    def _suburbs(self, doc: Doc, i: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        toks = doc.tokens
        if doc.arabic:
            types = self.v.relative_words.get(toks[i].norm) or next(
                (self.v.relative_words.get(f) for f in doc.forms(i) if self.v.relative_words.get(f)), ())
            if not types:
                return None
            k = i + 1
            dirs: list[str] = []
            hit = self._dir_at(doc, k, ("adj",))
            if hit:
                k, d, _ = hit
                dirs.append(d)
            anchor = self._anchor_at(doc, k, by_start, ctx, focus)
            if anchor is None:
                return None
            place, end_tok = anchor
        else:
            # English: [the] (dir adj)(, dir adj)* (and dir adj)? suburbs|districts (of|in) X
            k = i
            if toks[k].norm == "the":
                k += 1
            dirs = []
            while k < len(toks):
                hit = self._dir_at(doc, k, ("adj",))
                if not hit:
                    break
                dirs.append(hit[1])
                k = hit[0]
                if k < len(toks) and toks[k].norm == "and":
                    k += 1
            if k >= len(toks) or not self.v.relative_words.get(toks[k].norm):
                return None
            types = self.v.relative_words.get(toks[k].norm)
            k += 1
            if k < len(toks) and toks[k].norm in ("of", "in"):
                k += 1
            else:
                return None
            anchor = self._anchor_at(doc, k, by_start, ctx, focus)
            if anchor is None:
                return None
            place, end_tok = anchor
        if place.kind not in ("city", "district"):
            return None
        kind = types[0]
        if not dirs:
            if kind == "centre":
                return None  # the centre of a town is the town
            dirs = [""]
        rels = []
        for d in dirs:
            if d == "c" or (kind == "centre" and not d):
                continue
            frac = 0.6 if kind == "suburbs" else 0.9
            km = max(6.0, frac * place.radius_km)
            if d:
                lat, lon = destination(place.lat, place.lon, BEARINGS[d], km)
                name = f"{DIR_ADJ_EN[d]} {'outskirts' if kind == 'outskirts' else 'suburbs'} of {place.name}"
                name_ar = f"{'أطراف' if kind == 'outskirts' else 'الضواحي'} {DIR_AR[d]} {place.name_ar or place.name}"
                unc = km
            else:
                # "ضواحي طرابلس", "a suburb of the capital": part of the town, no side given
                rels.append(place)
                continue
            rels.append(Place(id=f"{place.id}@{kind}{'-' + d if d else ''}", name=name, kind="relative",
                              lat=lat, lon=lon, country=place.country, name_ar=name_ar, radius_km=round(unc, 1),
                              source="relative"))
        if not rels:
            return None
        unc0 = rels[0].radius_km if rels[0] is not place else round(1.5 * max(6.0, place.radius_km), 1)
        first = self._mention(doc, i, end_tok, rels[0], 2, unc0, 0.65, "suburbs", place)
        if len(rels) > 1:
            # "southern, central, and western districts": one mention per direction, same span
            first.scores = [(r, 0.0) for r in rels[1:]]
        return first, end_tok

    # "الحدود الليبية التونسية", "الحدود مع النيجر", "the Libyan border", "border with Chad"
    def _border(self, doc: Doc, i: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        toks = doc.tokens
        forms = doc.forms(i)
        words_ar = {"الحدود", "حدود", "الحدوديه", "الشريط", "المثلث"}
        if doc.arabic:
            if not any(f in words_ar for f in forms):
                return None
        elif toks[i].norm not in ("border", "borders", "frontier"):
            return None
        isos: list[str] = []
        k = i + 1
        if doc.arabic and any(f in ("الشريط", "المثلث") for f in forms):
            if k < len(toks) and toks[k].norm == "الحدودي":
                k += 1
            else:
                return None
        # collect countries named right after (Arabic) or just before (English adjectives)
        last_end = i + 1
        while k < len(toks) and k - i <= 8 and doc.tok_sent[k] == doc.tok_sent[i]:
            nk = toks[k].norm
            if nk in ("مع", "بين", "كل", "من", "و", "with", "between", "and", "of", "the", "both"):
                k += 1
                continue
            iso = None
            for f in doc.forms(k):
                iso = self.g.demonyms.get(f)
                if iso:
                    break
            m = by_start.get(k)
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
        k = last_end
        if not doc.arabic:
            b = i - 1
            while b >= 0 and i - b <= 4:
                iso = None
                for f in doc.forms(b):
                    iso = self.g.demonyms.get(f)
                m = next((mm for mm in by_start.values() if mm.j == b + 1 and mm.place.kind == "country"), None)
                if iso is None and m is not None:
                    iso = m.place.country
                if iso is None and toks[b].norm not in ("the", "and", "-", "s"):
                    break
                if iso and iso not in isos:
                    isos.append(iso)
                b -= 1
        if not isos:
            return None
        home = self._sentence_country(doc, i, k, by_start, exclude=set(isos)) or focus or ctx.last_country
        with_ = i + 1 < len(toks) and toks[i + 1].norm in ("مع", "with")
        if with_ and home and home not in isos and len(isos) == 2:
            pair = [self._border_place([home, x]) for x in isos]
            found = [self._mention(doc, i, k, p, 2, p.radius_km, 0.65, "border", None) for p in pair if p is not None]
            if found:
                return found, k
        if home and home not in isos and len(isos) < 3:
            isos.insert(0, home)
        place = self._border_place(isos)
        if place is None:
            return None
        return self._mention(doc, i, k, place, 2, place.radius_km, 0.65, "border", None), k

    def _sentence_country(self, doc: Doc, i: int, j: int, by_start: dict[int, Mention], exclude: set[str],
                          before_first: bool = False, places_only: bool = False) -> str | None:
        """The country the sentence is about, outside tokens i..j: the nearest demonym or place
        (with ``before_first``, evidence before the phrase counts double)."""
        sent = doc.tok_sent[i]
        best: tuple[int, str] | None = None
        for k, _t in enumerate(doc.tokens):
            if doc.tok_sent[k] != sent or i <= k < j:
                continue
            iso = None if places_only else next((self.g.demonyms[f] for f in doc.forms(k) if f in self.g.demonyms),
                                                None)
            m = by_start.get(k)
            if iso is None and m is not None and m.place.country:
                iso = m.place.country
            if iso and iso not in exclude:
                if before_first and k > i:
                    continue  # "في شمال شرقي البلاد قرب الحدود مع النيجر": not Niger's north-east
                d = (i - k) if k < i else (k - j + 1)
                if best is None or d < best[0]:
                    best = (d, iso)
        return best[1] if best else None

    def _extend_border(self, doc: Doc, m: Mention, by_start: dict[int, Mention]) -> Mention | None:
        """"الحدود بين ليبيا وتشاد والنيجر": a named border followed by more countries is a tripoint."""
        isos = [c for k, idx in self.g.borders.items() if self.g.places[idx].id == m.place.id for c in sorted(k)]
        k = m.j
        extra = []
        while k < len(doc.tokens) and doc.tok_sent[k] == doc.tok_sent[m.i]:
            nxt = by_start.get(k)
            if nxt is None or nxt.place.kind != "country" or (doc.tokens[k].norm[:1] != "و" and doc.arabic):
                break
            extra.append(nxt.place.country)
            k = nxt.j
        if not extra:
            return None
        place = self._border_place([*isos, *extra])
        if place is None or place.id == m.place.id:
            return None
        return self._mention(doc, m.i, m.j, place, 2, place.radius_km, 0.65, "border", None)

    def _border_place(self, isos: list[str]) -> Place | None:
        s = frozenset(isos)
        p = self.g.border(s)
        if p is not None:
            return p
        if len(s) >= 3:
            # "حدود ليبيا مع كل من تشاد والسودان ومصر": the tripoint sharing most of them, the
            # first country named (the one whose borders these are) included
            best = max(((len(k & s), -len(k), idx) for k, idx in self.g.borders.items() if isos[0] in k),
                       default=None)
            if best is not None and best[0] >= 2:
                return self.g.places[best[2]]
        return None

    # "بين بلدتي مسكي ويبي بو", "a site between the localities of Miski and Yebibou"
    def _between(self, doc: Doc, i: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        toks = doc.tokens
        if toks[i].norm not in ("بين", "between"):
            return None
        k = i + 1
        while k < len(toks) and (toks[k].norm in ("the", "localities", "locality", "towns", "villages", "cities", "of")
                                 or any(self.v.place_cues.get(f, 0) == 2 for f in doc.forms(k))):
            k += 1
        a = by_start.get(k)
        if a is None or a.place.kind not in ("city", "district", "site"):
            return None
        k = a.j
        if k < len(toks) and toks[k].norm == "and":
            k += 1
        b = by_start.get(k)
        if b is None or b.place.kind not in ("city", "district", "site") or b.place.id == a.place.id:
            return None
        pa, pb = a.place, b.place
        d = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
        if d > 300:
            return None
        mid = Place(id=f"{pa.id}~{pb.id}", name=f"between {pa.name} and {pb.name}", kind="relative",
                    lat=round((pa.lat + pb.lat) / 2, 5), lon=round((pa.lon + pb.lon) / 2, 5), country=pa.country,
                    name_ar=f"بين {pa.name_ar or pa.name} و{pb.name_ar or pb.name}", radius_km=round(max(3.0, d / 2), 1),
                    source="relative")
        # the two named places stay mentions of their own
        return [self._mention(doc, i, b.j, mid, 2, mid.radius_km, 0.6, "between", pa), a, b], b.j

    # "the far north (of the country)", "أقصى شمال البلاد", "أقصى الجنوب"
    def _far(self, doc: Doc, i: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        toks = doc.tokens
        k = i
        if not doc.arabic:
            if toks[k].norm != "the" or k + 2 >= len(toks) or toks[k + 1].norm != "far":
                return None
            k += 2
        else:
            if not any(f == "اقصي" for f in doc.forms(k)):
                return None
            k += 1
        hit = self._dir_at(doc, k, ("prep", "noun"))
        if not hit or hit[1] == "c":
            return None
        end, d = hit[0], hit[1]
        iso = None
        anchor = self._anchor_at(doc, end + (1 if end < len(toks) and toks[end].norm == "of" else 0), by_start, ctx,
                                 focus)
        if anchor is not None and anchor[0].kind == "country":
            iso, end = anchor[0].country, anchor[1]
        iso = iso or ctx.last_country or focus
        sub = self.g.subregion(iso, d) if iso else None
        if sub is None:
            return None
        return self._mention(doc, i, end, sub, 3, sub.radius_km, 0.6, "subregion", None), end

    # "شارع الكيوي", "حي القلعة", "the residential district of Qalaa": an unknown street or
    # district of a known town is mapped to the town, as part of it (precision 2)
    STREET_AR: ClassVar[dict[str, str]] = {"شارع": "street", "ميدان": "square", "حي": "district", "دوار": "roundabout", "جسر": "bridge",
                 "مسجد": "mosque"}
    STREET_EN: ClassVar[dict[str, str]] = {"district": "district", "neighbourhood": "district", "neighborhood": "district", "quarter": "district",
                 "street": "street", "square": "square"}

    def _street(self, doc: Doc, i: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        toks = doc.tokens
        n = len(toks)
        if doc.arabic:
            feature = next((self.STREET_AR[f] for f in doc.forms(i) if f in self.STREET_AR), None)
            if feature is None:
                return None
            k = i + 1
        else:
            if toks[i].norm not in ("the", "a"):
                return None
            k = i + 1
            if k < n and toks[k].norm in ("residential", "old", "central", "southern", "northern", "eastern", "western"):
                k += 1
            if k + 1 >= n or toks[k].norm not in self.STREET_EN or toks[k + 1].norm != "of":
                return None
            feature = self.STREET_EN[toks[k].norm]
            k += 2
        start_name = k
        while k < n and k - start_name < 2 and doc.tok_sent[k] == doc.tok_sent[i] and self._unknown_name(doc, k, by_start):
            if doc.arabic and k > start_name and toks[k].norm[:1] in "وبلف":
                break
            k += 1
            if any(ch in doc.gap(k, k) for ch in ".,،;:()«»\""):
                break
        if k == start_name:
            return None
        # the town: named right after ("في مدينة مرزق", "in the town of Murzuq"), else the last one
        town = None
        j = k
        while j < n and j - k <= 4 and doc.tok_sent[j] == doc.tok_sent[i]:
            m = by_start.get(j)
            if m is not None:
                if m.place.kind == "city":
                    town = m.place
                break
            j += 1
        town = town or ctx.last_city
        if town is None:
            return None
        label = doc.surface(start_name, k)
        key = "-".join(toks[x].norm for x in range(start_name, k))
        site = Place(id=f"{town.id}/{feature}:{key}", name=f"{label} {feature} ({town.name})", kind="district"
                     if feature == "district" else "site", lat=town.lat, lon=town.lon, country=town.country,
                     name_ar=doc.surface(i, k) if doc.arabic else None, radius_km=max(2.0, town.radius_km),
                     source="relative")
        return self._mention(doc, i, k, site, 2, site.radius_km, 0.55, "street", town), k

    def _unknown_name(self, doc: Doc, k: int, by_start: dict[int, Mention]) -> bool:
        t = doc.tokens[k]
        if t.is_digit or doc.masked[k] or k in by_start:
            return False
        if not doc.arabic and not t.upper:
            return False
        f0 = doc.forms(k)[0]
        v = self.v
        if f0 in v.place_cues or f0 in v.facilities.phrases or f0 in v.directions.phrases or f0 in v.anaphora.phrases \
                or f0 in v.relative_words.phrases or f0 in v.weekdays or f0 in v.reldates.phrases:
            return False
        return f0 not in ("في", "من", "علي", "الي", "عن", "قرب", "بالقرب", "الذي", "التي", "حيث", "وسط", "غرب", "شرق",
                          "شمال", "جنوب", "in", "near", "of", "on", "at")

    # "العاصمة", "المدينة", "the capital", "the city" standing for a place named before
    def _anaphora(self, doc: Doc, i: int, by_start: dict[int, Mention], ctx: _Ctx, focus: str | None):
        hit = doc.match_phrases(self.v.anaphora, i, self.v.anaphora.max_tokens)
        if not hit:
            return None
        end, key, _f = hit
        ref = self.v.anaphora.get(key)[0]
        if ref == "country":
            return None  # "في البلاد" alone is not worth a point; it anchors relative phrases only
        if by_start.get(end) is not None or (end < len(doc.tokens) and doc.tokens[end].norm == "of"):
            return None  # "العاصمة طرابلس" / "the city of Sirte": the name follows
        p = self._resolve_anaphor(doc, ref, end, ctx, focus)
        if p is None:
            return None
        consumed = end
        if ref == "capital" and end < len(doc.tokens) and any(self.g.demonyms.get(f) for f in doc.forms(end)):
            consumed = end + 1
        return self._mention(doc, i, consumed, p, PRECISION.get(p.kind, 1), uncertainty(p), 0.6, "anaphora", p), consumed

    # "مطار سبها", "ميناء البريقة", "the airport of Mopti", "Mitiga airport"
    def _facility_before(self, doc: Doc, m: Mention, by_start: dict[int, Mention]) -> Mention | None:
        if m.place.kind not in ("city", "district"):
            return None
        toks = doc.tokens
        fac = None
        start = m.i
        # Arabic / "the airport of X": facility word(s) before the name, with optional adjectives
        k = m.i - 1
        skipped = 0
        while k >= 0 and skipped <= 2 and doc.tok_sent[k] == doc.tok_sent[m.i]:
            hit = None
            for L in (2, 1):
                if k - L + 1 >= 0:
                    key = " ".join(toks[x].norm for x in range(k - L + 1, k + 1))
                    forms = [key] if L == 2 else list(doc.forms(k))
                    for f in forms:
                        if f in self.v.facilities:
                            hit = (k - L + 1, self.v.facilities.get(f)[0])
                            break
                if hit:
                    break
            if hit:
                if any(mm.i <= hit[0] < mm.j for mm in by_start.values()):
                    return None  # "الكلية الجوية" is already a named site
                fac, start = hit[1], hit[0]
                break
            if toks[k].norm in ("of", "the", "في", "الجويه", "العسكريه", "الدولي", "البحري", "النفطي", "international",
                                "military", "air", "naval", "oil") or any(self.v.place_cues.get(f, 0) == 2 for f in doc.forms(k)) \
                    or self._dir_at(doc, k, ("adj",)) or (skipped == 0 and doc.arabic and k + 1 == m.i):
                k -= 1
                skipped += 1
                continue
            break
        if fac is None and not doc.arabic and m.j < len(toks):
            # English "Mitiga airport", "Sabha air base"
            for L in (2, 1):
                if m.j + L <= len(toks):
                    key = " ".join(toks[x].norm for x in range(m.j, m.j + L))
                    if key in self.v.facilities:
                        fac = self.v.facilities.get(key)[0]
                        return self._facility_mention(doc, m, fac, m.i, m.j + L)
        if fac is None:
            return None
        return self._facility_mention(doc, m, fac, start, m.j)

    #: facility kinds worth a point of their own when the gazetteer has no row for them
    SIGNIFICANT = frozenset({"airport", "port", "base", "refinery", "detention centre", "border crossing", "oil field",
                             "air college", "prison", "gate"})

    def _facility_mention(self, doc: Doc, m: Mention, fac: str, i: int, j: int) -> Mention | None:
        place = m.place
        # a curated site of that kind inside the town ("Sabha airport", "Misrata Air College")
        for child in self.g.children_of(place.id):
            if child.kind == "site" and set(fac.split()) <= set(child.name.lower().split()):
                return self._mention(doc, i, j, child, 1, uncertainty(child), 0.75, "facility", place)
        if fac not in self.SIGNIFICANT:
            return None  # "معسكر في سومبي": the camp is the town's point; the town says it
        site = Place(id=f"{place.id}#{fac.replace(' ', '-')}", name=f"{place.name} {fac}", kind="site",
                     lat=place.lat, lon=place.lon, country=place.country,
                     name_ar=None, radius_km=min(place.radius_km, 10.0), source="relative")
        return self._mention(doc, i, j, site, 1, site.radius_km, 0.6, "facility", place)

    def _mention(self, doc: Doc, i: int, j: int, place: Place, prec: int, unc: float, conf: float, via: str,
                 anchor: Place | None) -> Mention:
        j = max(j, i + 1)
        return Mention(doc.tokens[i].start, doc.tokens[j - 1].end, i, j, place, prec, round(unc, 1), conf, via, anchor)


def expand_multi(mentions: list[Mention]) -> list[Mention]:
    """A suburbs phrase naming several directions yields one mention per direction."""
    out = []
    for m in mentions:
        out.append(m)
        if m.via == "suburbs" and m.scores:
            for p, _s in m.scores:
                out.append(replace(m, place=p, scores=[], uncertainty_km=p.radius_km))
            m.scores = []
    return out
