"""Place recognition and resolution.

Small stages, each with the gazetteer and vocabulary passed in:

* :class:`Recogniser` finds spans whose normalised tokens (a proclitic removed from the first
  one when needed) name a gazetteer entry, longest first, outside masked tokens (outlet and
  actor names, stop phrases).
* :class:`Resolver` picks an entry for each span — curated rows, the theatre, the article's
  focus countries, population and nearby places all count — and drops names that are also
  common words unless the text gives evidence (a cue word, a preposition, the same place named
  elsewhere, a nearby place).
* the relative grammar (:mod:`extract.relative`) then turns the phrases around resolved places
  into points of their own: "جنوب طرابلس", "70 كلم غرب طرابلس", "the Libyan border", "the capital".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..core.geodesy import fast_km, haversine_km
from ..geodata.gazetteer import ADMIN_SEATS, Gazetteer, Place
from ..geodata.lexicon import Vocab
from .context import DocContext
from .doc import Doc

DEFAULT_THEATRE: tuple[str, ...] = ("LY", "TN", "DZ", "EG", "SD", "TD", "NE", "ML", "BF")
SAHEL: frozenset[str] = frozenset({"ML", "NE", "BF", "TD", "MR"})

BEARINGS = {"n": 0.0, "ne": 45.0, "e": 90.0, "se": 135.0, "s": 180.0, "sw": 225.0, "w": 270.0, "nw": 315.0}
DIR_EN = {"n": "north", "ne": "north-east", "e": "east", "se": "south-east", "s": "south", "sw": "south-west",
          "w": "west", "nw": "north-west", "c": "centre"}
DIR_ADJ_EN = {"n": "northern", "ne": "north-eastern", "e": "eastern", "se": "south-eastern", "s": "southern",
              "sw": "south-western", "w": "western", "nw": "north-western", "c": "central"}
DIR_AR = {"n": "شمال", "ne": "شمال شرق", "e": "شرق", "se": "جنوب شرق", "s": "جنوب", "sw": "جنوب غرب",
          "w": "غرب", "nw": "شمال غرب", "c": "وسط"}
PRECISION = {"country": 3, "region": 3, "city": 1, "district": 1, "site": 1, "relative": 2}


@dataclass(slots=True)
class Candidate:
    """A span of tokens that names one or more gazetteer entries."""

    i: int  # first token
    j: int  # one past the last token
    key: str
    entries: list[tuple[Place, int]]  # (place, ambiguity of this name form)
    clitic: bool = False  # the first token carried a proclitic (ب، ل، و…)


@dataclass(slots=True)
class Mention:
    """A resolved place mention (one future event)."""

    start: int
    end: int
    i: int
    j: int
    place: Place
    precision: int
    uncertainty_km: float
    confidence: float
    via: str = "name"  # name | relative | distance | suburbs | subregion | border | facility | anaphora
    anchor: Place | None = None
    scores: list[tuple[Place, float]] = field(default_factory=list)




# -- recognition ------------------------------------------------------------------------------

class Recogniser:
    """Finds gazetteer names in a document (longest match, clitics, masks)."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab) -> None:
        self.g = gazetteer
        self.v = vocab
        v = vocab
        self.not_names: set[str] = {
            *v.place_cues, *v.facilities.phrases, *v.directions.phrases, *v.anaphora.phrases,
            *v.relative_words.phrases, *v.months.phrases, *v.weekdays, *v.reldates.phrases, *v.units,
            # words for forces are no names; a force's own name (FAMa) may also be a village's
            *v.words("actor_words", *(set(v.roles["actor_words"]) - {"force_name"})),
        }
        # the same words with the article (الميناء، المنطقة) are not names either
        self.not_names |= {"ال" + w for w in list(self.not_names) if w[:1] >= "\u0600" and not w.startswith("ال")}

    def mask(self, doc: Doc, spans: Iterable[tuple[int, int]] = ()) -> None:
        """Mask outlet names, stop phrases and the given token spans (actor names)."""
        for i, j in spans:
            for k in range(i, j):
                doc.masked[k] = True
        toks = doc.tokens
        n = len(toks)
        i = 0
        while i < n:
            hit = doc.match_phrases(self.v.outlets, i) or doc.match_phrases(self.v.stop_phrases, i)
            ok = hit is not None and (doc.arabic or toks[i].upper or toks[i].norm == "the")
            if ok and hit[0] - i == 1 and doc.arabic and hit[1] not in self.v.stop_phrases:
                # a one-word outlet name (الجزيرة، العربية، الوسط) is a common word too: only in
                # attribution ("قناة الجزيرة", "لـ«الوسط»", "نقلت العربية")
                ok = self._attribution(doc, i)
            if ok:
                for k in range(i, hit[0]):
                    doc.masked[k] = True
                i = hit[0]
                continue
            i += 1
        self._mask_quoted_outlets(doc)

    MEDIA = frozenset({"قناه", "موقع", "صحيفه", "وكاله", "جريده", "مجله", "اذاعه", "تلفزيون", "شبكه", "لقناه",
                       "لموقع", "لصحيفه", "لوكاله", "لجريده", "ل"})
    REPORTING = frozenset({"نقلت", "قالت", "ذكرت", "افادت", "اوردت", "بثت", "نشرت", "اكدت", "وفق", "بحسب", "حسب"})

    def _attribution(self, doc: Doc, i: int) -> bool:
        if i == 0:
            return False
        gap = doc.gap(i, i)
        if any(c in gap for c in "\"«“'‘"):
            return True
        prev = doc.forms(i - 1)
        return any(f in self.MEDIA or f in self.REPORTING for f in prev)

    def _mask_quoted_outlets(self, doc: Doc) -> None:
        self._mask_news_sites(doc)
        self._mask_after_media_word(doc)

    def _mask_news_sites(self, doc: Doc) -> None:
        """"موقع المغرب العربي الإخباري", "وكالة الأنباء الليبية": a medium's name ends in a
        news word; everything from the medium word to it is the outlet's name."""
        toks = doc.tokens
        ends = {"الاخباري", "الاخباريه", "للانباء", "الاخبار", "نيوز"}
        for i in range(len(toks)):
            if not any(f in self.MEDIA for f in doc.forms(i)):
                continue
            for k in range(i + 1, min(i + 6, len(toks))):
                if doc.tok_sent[k] != doc.tok_sent[i]:
                    break
                if toks[k].norm in ends:
                    for x in range(i + 1, k + 1):
                        doc.masked[x] = True
                    break

    def _mask_after_media_word(self, doc: Doc) -> None:
        """«قناة ليبيا الأحرار», موقع "عين ليبيا": a medium's name after قناة/موقع/صحيفة/وكالة."""
        media = {"قناه", "موقع", "صحيفه", "وكاله", "جريده", "مجله", "اذاعه", "تلفزيون", "شبكه"}
        toks = doc.tokens
        for i in range(len(toks)):
            forms = doc.forms(i)
            if not any(f in media for f in forms) or i + 1 >= len(toks):
                continue
            gap = doc.gap(i + 1, i + 1)
            opener = next((c for c in gap if c in "\"«“'‘"), None)
            if opener:
                closer = {"«": "»", "“": "”", "‘": "’"}.get(opener, opener)
                end = doc.text.find(closer, toks[i + 1].start)
                if 0 < end - toks[i + 1].start < 60:
                    k = i + 1
                    while k < len(toks) and toks[k].start < end:
                        doc.masked[k] = True
                        k += 1

    def recognise(self, doc: Doc) -> list[Candidate]:
        g, toks = self.g, doc.tokens
        out: list[Candidate] = []
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if doc.masked[i] or t.is_digit or (not t.arabic and not t.upper):
                i += 1
                continue
            found = None
            hit = doc.match(g.names, g.first, i, skip_masked=True)
            if hit is not None:
                end, key, f = hit
                entries = g.lookup(key)
                if end - i == 1 and key in self.not_names:
                    entries = []
                if f > 0 and doc.tokens[i].norm in g.clitic_block:
                    entries = []
                if entries:
                    found = Candidate(i, end, key, entries, clitic=f > 0)
            if found:
                out.append(found)
                i = found.j
            else:
                i += 1
        return out


# -- resolution -------------------------------------------------------------------------------

class Resolver:
    """Chooses an entry for each candidate and keeps only the ones the text supports."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab, theatre: Sequence[str] = DEFAULT_THEATRE) -> None:
        self.g = gazetteer
        self.v = vocab
        self.theatre = frozenset(c.upper() for c in theatre)

    # evidence ---------------------------------------------------------------------------------
    def cue_strength(self, doc: Doc, c: Candidate) -> int:
        """2 for a cue noun before the name (مدينة، بلدة، محور / town of), 1 for a preposition."""
        toks = doc.tokens
        best = 0
        if c.clitic and doc.arabic and c.key.split(" ")[0] not in self.g.common_words:
            first = toks[c.i].norm
            if first[:1] in "بل" or first[1:2] in "بل":
                best = 1
        if c.i == 0:
            return best
        k = c.i - 1
        if doc.tok_sent[k] != doc.tok_sent[c.i]:
            return best
        # a quotation mark between cue and name is fine (محور "خلة الفرجان")
        gap = doc.gap(c.i, c.i)
        if any(ch in gap for ch in ".;:!?؟"):
            return best
        for form in doc.forms(k):
            s = self.v.place_cues.get(form, 0)
            if s:
                if doc.arabic or not toks[k].upper:
                    best = max(best, s)
                break
        if not doc.arabic and toks[k].norm == "of" and k > 0:
            s = self.v.place_cues.get(toks[k - 1].norm, 0)
            if s == 2:
                best = 2
        if self.v.directions.get(toks[k].norm) or self.v.facilities.get(toks[k].norm):
            best = max(best, 1)
        return best

    AFTER_CUES = frozenset({"البلده", "المدينه", "القريه", "الواحه", "البلدات", "town", "city", "village", "oasis",
                            "district", "neighbourhood", "neighborhood", "region", "province", "airport"})

    def cue_after(self, doc: Doc, c: Candidate) -> int:
        """"ماو» البلدة التي…", "Tarhuna, a town…": a cue noun right after the name."""
        toks = doc.tokens
        k = c.j
        if k >= len(toks) or doc.tok_sent[k] != doc.tok_sent[c.i]:
            return 0
        gap = doc.gap(k, k)
        if doc.arabic:
            # "ماو» البلدة التي", "غريان، المدينة الواقعة": punctuation, the noun, then a relative word
            if not any(ch in gap for ch in "»\"”،,)(") or toks[k].norm not in self.AFTER_CUES:
                return 0
            nxt = toks[k + 1].norm if k + 1 < len(toks) else ""
            return 2 if nxt in ("التي", "الذي", "الواقعه", "الواقع", "الحدوديه", "الساحليه", "الليبيه") or "،" in gap else 0
        if not gap.strip() and c.i > 0 and toks[c.i - 1].norm == "the" and self.v.place_cues.get(toks[k].norm, 0) == 2:
            return 2  # "the Sanfara area", "the Wagadou forest": a cue noun after the name
        if "," not in gap:
            return 0
        if toks[k].norm in ("a", "the"):
            k += 1
        return 2 if k < len(toks) and toks[k].norm in self.AFTER_CUES else 0

    def neighbour_evidence(self, place: Place, ok_places: Sequence[Place]) -> int:
        """A district or site whose town is named plainly, or a town near one, is no coincidence."""
        if place.kind in ("district", "site"):
            for q in ok_places:
                if q.id == place.parent or haversine_km(place.lat, place.lon, q.lat, q.lon) <= 25:
                    return 2
        elif place.kind == "city":
            for q in ok_places:
                if q.id != place.id and haversine_km(place.lat, place.lon, q.lat, q.lon) <= 60:
                    return 1
        return 0

    def score(self, place: Place, amb: int, focus: Counter[str], near: Sequence[Place],
              areas: frozenset[str] = frozenset()) -> float:
        s = 0.0
        if place.supplementary:  # a village only a GeoNames dump knows: its seat, its region named
            s += -1.5 + (0.5 if place.feature in ADMIN_SEATS else 0.0) + (2.0 if self.g.in_areas(place, areas) else 0.0) \
                - (0.5 if place.kind == "site" else 0.0)  # a well or a wadi after the village of its name
        if place.curated:
            s += 2.0
        if place.kind == "country":
            s += 2.0
        if place.source == "capital":
            s += 1.0
        if place.country in self.theatre:
            s += 1.5
        total = sum(focus.values())
        if total and place.country:
            s += 3.0 * focus.get(place.country, 0) / total
        s += math.log10(place.population + 10) / 3.0
        others = [q for q in near if q.id != place.id]
        if others and place.kind != "country":
            d = min(fast_km(place.lat, place.lon, q.lat, q.lon) for q in others)
            if d < 250:
                s += 2.0 * (1 - d / 250)
        s -= 1.2 * amb
        return s

    def resolve(self, doc: Doc, cands: list[Candidate], context: DocContext) -> list[Mention]:
        # pass 1: the article's focus, from names that are unambiguous and demonyms
        focus: Counter[str] = Counter()
        anchors: list[Place] = []
        for c in cands:
            base = [(p, a) for p, a in c.entries if not p.supplementary]  # a dump's villages vouch for nothing
            good = [(p, a) for p, a in base if a == 0]
            # one plain reading: a curated row, or the only entry of the name (a GeoNames town
            # that shares a name with a curated district is not evidence for itself)
            if len(good) == 1 and (good[0][0].curated or len(base) == 1) and \
                    (good[0][0].curated or good[0][0].country in self.theatre):
                p = good[0][0]
                if p.country:
                    focus[p.country] += 2 if p.kind == "country" else 1
                if p.kind != "country" and all(a.id != p.id for a in anchors):
                    anchors.append(p)
        focus.update(context.demonyms)

        # pass 2: choose an entry for each span; what evidence does it need? Then again, with the
        # places chosen plainly in the first round as anchors too ("سوق الثلاثاء" next to a
        # "طرابلس" that had a Lebanese namesake is Tripoli's, not a town in Algeria)
        chosen: list[tuple[Candidate, Place, int, float, list[tuple[Place, float]]]] = []
        # the regions and cercles the text names (by their own name, or their chief town's)
        areas = frozenset(p.id for c in cands for p, _a in c.entries if p.kind == "region").union(
            *(self.g.areas.get(c.key, ()) for c in cands))
        for round_ in (1, 2):
            chosen = []
            for c in cands:
                scored = sorted(((p, self.score(p, a, focus, anchors, areas), a) for p, a in c.entries),
                                key=lambda x: -x[1])
                best, s, amb = scored[0]
                chosen.append((c, best, self.needed(best, amb, focus), s, [(p, sc) for p, sc, _ in scored[:6]]))
            if round_ == 1:
                unique = {p.id for c in cands for p, a in c.entries
                          if sum(not q.supplementary for q, _a in c.entries) == 1}
                for _c, best, need, _s, _sc in chosen:
                    if need or best.id in unique:
                        continue  # names with one reading were counted in pass 1
                    if best.country:
                        focus[best.country] += 1
                    if best.kind not in ("country", "region") and all(a.id != best.id for a in anchors):
                        anchors.append(best)
        # pass 3: names that need no evidence first, then the rest (a place named plainly
        # elsewhere in the article vouches for its other mentions)
        ok_ids = {best.id for _c, best, need, _s, _sc in chosen if need == 0}
        ok_places = [best for _c, best, need, _s, _sc in chosen if need == 0 and best.kind != "country"]
        out: list[Mention] = []
        for c, best, need, s, scored in chosen:
            if not doc.arabic and not best.curated and self._titled_name(doc, c):
                continue  # "President Ibrahim Boubacar Keita", "Gen. Kaka": a surname, not the town
            if need:
                have = max(self.cue_strength(doc, c), self.cue_after(doc, c), 2 if best.id in ok_ids else 0,
                           self.neighbour_evidence(best, ok_places), 2 if self.g.in_areas(best, areas) else 0,
                           2 if self._names_its_kind(doc, c) else 0)
                if not doc.arabic and not best.curated and self._person_name(doc, c):
                    have = 0
                if have < need:
                    continue
            start, end = doc.tokens[c.i].start, doc.tokens[c.j - 1].end
            conf = max(0.3, min(0.95, 0.55 + 0.08 * s))
            out.append(Mention(start, end, c.i, c.j, best, PRECISION.get(best.kind, 2),
                               uncertainty(best), round(conf, 2), "name", None, scored))
        return out

    def needed(self, best: Place, amb: int, focus: Counter[str]) -> int:
        """0: no evidence needed; 1: a preposition or cue; 2: a cue noun or the place named plainly."""
        need = amb
        if best.supplementary:  # only a GeoNames dump knows it: a cue in its country (or, in an
            # article that names no country at all, in the theatre), else a cue noun
            home = focus.get(best.country or "", 0) > 0 or (not focus and best.country in self.theatre)
            return max(need, 1 if home else 2)
        if best.source == "geonames":
            in_focus = focus.get(best.country or "", 0) > 0
            if best.country not in self.theatre and not in_focus:
                need = max(need, 1 if best.population >= 1_000_000 else 2)
            elif best.population < 20_000 and not in_focus:
                need = max(need, 2)  # a village far from the story: only with a cue noun
        return need

    def _names_its_kind(self, doc: Doc, c: Candidate) -> bool:
        """"Bankass Cercle", "Mopti Ambodedjo Airport", "مطار موبتي": a name of several words that
        starts (Arabic) or ends (English) with a place noun says itself that it is a place."""
        if c.j - c.i < 2:
            return False
        w = doc.tokens[c.i if doc.arabic else c.j - 1].norm
        return self.v.place_cues.get(w, 0) == 2 or w in self.v.facilities

    def _titled_name(self, doc: Doc, c: Candidate) -> bool:
        """English: the candidate ends a run of capitalised names that starts with a person's
        title (geodata/vocab/person_titles.csv) — "President Ibrahim Boubacar Keita", "Gen. X"."""
        toks, titles = doc.tokens, self.v.person_titles
        k, names = c.i - 1, 0
        while k >= 0 and names <= 3 and doc.tok_sent[k] == doc.tok_sent[c.i] and not doc.masked[k]:
            gap = doc.gap(k + 1, k + 1).strip()
            if toks[k].norm in titles:
                return gap in ("", ".")
            if gap or not toks[k].upper:  # (Arabic tokens are never upper)
                return False
            names += 1
            k -= 1
        return False

    @staticmethod
    def _person_name(doc: Doc, c: Candidate) -> bool:
        """English: 'Victoria Coates', 'Ali al-Hassi' — a capitalised neighbour that is no place."""
        toks = doc.tokens
        nxt = toks[c.j] if c.j < len(toks) else None
        prv = toks[c.i - 1] if c.i > 0 else None
        if nxt and nxt.upper and doc.tok_sent[c.j] == doc.tok_sent[c.i] and not doc.gap(c.j, c.j).strip():
            return True
        return bool(prv and prv.upper and doc.tok_sent[c.i - 1] == doc.tok_sent[c.i] and not doc.gap(c.i, c.i).strip()
                    and prv.norm not in ("the", "in", "of", "at", "near", "from") and not doc.masked[c.i - 1])




def uncertainty(p: Place) -> float:
    if p.kind == "country":
        return round(p.radius_km, 1)
    return round(max(1.0, p.radius_km), 1)
