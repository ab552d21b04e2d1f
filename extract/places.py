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
from ..core.textnorm import PREP_CLITICS, has_article, is_arabic, norm_token, strip_article, with_article
from ..geodata.gazetteer import ADMIN_SEATS, Gazetteer, Place, is_acronym
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
#: a GeoNames place smaller than this is a village: it needs its country in the text or a cue noun
TOWN_POPULATION = 20_000
#: a GeoNames place this big is known abroad by name alone (with a preposition)
METROPOLIS_POPULATION = 1_000_000
#: the evidence no name can have: a choice that needs it is dropped
NEVER = 3
#: a name joined by "and" to a place named plainly in a neighbouring country is one of a list within this distance
LIST_ACROSS_BORDER_KM = 150.0


@dataclass(slots=True)
class Candidate:
    """A span of tokens that names one or more gazetteer entries."""

    i: int  # first token
    j: int  # one past the last token
    key: str
    entries: list[tuple[Place, int]]  # (place, ambiguity of this name form)
    clitic: bool = False  # the first token carried a proclitic (ب، ل، و…)

    # written out (the fields above, in order): mypyc compiles an __init__ of the class body, while
    # the one @dataclass generates runs as Python (see README "Where things go": hot records)
    def __init__(self, i: int, j: int, key: str, entries: list[tuple[Place, int]], clitic: bool = False) -> None:
        self.i, self.j, self.key, self.entries, self.clitic = i, j, key, entries, clitic


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

    def __init__(self, start: int, end: int, i: int, j: int, place: Place, precision: int, uncertainty_km: float,
                 confidence: float, via: str = "name", anchor: Place | None = None,
                 scores: list[tuple[Place, float]] | None = None) -> None:
        # written out, as Candidate's
        self.start, self.end, self.i, self.j, self.place = start, end, i, j, place
        self.precision, self.uncertainty_km, self.confidence = precision, uncertainty_km, confidence
        self.via, self.anchor, self.scores = via, anchor, [] if scores is None else scores




# -- recognition ------------------------------------------------------------------------------

#: quotation marks that open a quoted name ("«قناة "عين ليبيا"», محور "خلة الفرجان")
OPEN_QUOTES = "\"«“'‘"
CLOSE_QUOTE = {"«": "»", "“": "”", "‘": "’"}


class Recogniser:
    """Finds gazetteer names in a document (longest match, clitics, masks).

    The pipeline calls :meth:`mask_outlets` once per article (outlet names, stop phrases, the
    names of media), then :meth:`mask_spans` with the actor names, then :meth:`recognise`.
    """

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
        self.not_names |= {with_article(w) for w in list(self.not_names) if is_arabic(w[:1]) and not has_article(w)}
        media = vocab.words("place_media", "medium")
        #: a medium word (قناة، موقع), or a bare ل before a quoted name: what a news site's name follows
        self.media_or_prep = media | vocab.words("place_media", "attribution")
        #: before a one-word outlet name, what makes it an attribution (قناة الجزيرة، نقلت العربية)
        self.attributors = self.media_or_prep | vocab.words("place_media", "reporting")
        self.media = media
        self.news_ends = vocab.words("place_media", "news_end")
        self.articles = vocab.words("place_words", "article")
        self.acronym_ok = vocab.words("place_words", "acronym_ok")
        #: "the Tillaberi and Tahoua regions", "منطقتي ديفا وتيلابيري": a plural (English, after the
        #: list) or dual (Arabic, before it) area noun makes each listed name its area
        self.area_plurals = vocab.words("place_words", "area_plural")
        self.ands = vocab.words("place_words", "and")
        #: first tokens that may start an outlet name or a stop phrase (one lookup rejects the rest)
        self._mask_heads = frozenset(vocab.outlets.first) | frozenset(vocab.stop_phrases.first)

    # masks -------------------------------------------------------------------------------------
    def mask(self, doc: Doc, spans: Iterable[tuple[int, int]] = ()) -> None:
        """Mask outlet names and stop phrases, and the given token spans (actor names)."""
        self.mask_outlets(doc)
        self.mask_spans(doc, spans)

    @staticmethod
    def mask_spans(doc: Doc, spans: Iterable[tuple[int, int]]) -> None:
        """Mask the given token spans (the names of actors found in the text)."""
        for i, j in spans:
            for k in range(i, j):
                doc.masked[k] = True

    def mask_outlets(self, doc: Doc) -> None:
        """Mask outlet names, stop phrases and the names of media (once per article)."""
        toks = doc.tokens
        outlets, stops = self.v.outlets, self.v.stop_phrases
        i = 0  # the first token not yet masked as part of an outlet name
        for k in doc.starts(self._mask_heads):  # the tokens where a name or stop phrase can start
            if k < i:
                continue
            i = k
            hit = doc.match_phrases(outlets, i) or doc.match_phrases(stops, i)
            ok = hit is not None and (doc.arabic or toks[i].upper or toks[i].norm in self.articles)
            if ok and hit[0] - i == 1 and doc.arabic and hit[1] not in stops:  # type: ignore[index]
                # a one-word outlet name (الجزيرة، العربية، الوسط) is a common word too: only in
                # attribution ("قناة الجزيرة", "لـ«الوسط»", "نقلت العربية")
                ok = self._attribution(doc, i)
            if ok:
                for x in range(i, hit[0]):  # type: ignore[index]
                    doc.masked[x] = True
                i = hit[0]  # type: ignore[index]
        # every medium word (or ل), also inside a masked name (قناة ليبيا الأحرار)
        self._mask_news_sites(doc, doc.starts(self.media_or_prep))
        self._mask_quoted_media_names(doc, doc.starts(self.media))

    def _attribution(self, doc: Doc, i: int) -> bool:
        if i == 0:
            return False
        if any(c in OPEN_QUOTES for c in doc.gap(i, i)):
            return True
        return not self.attributors.isdisjoint(doc.forms(i - 1))

    def _mask_news_sites(self, doc: Doc, media_at: Sequence[int]) -> None:
        """"موقع المغرب العربي الإخباري", "وكالة الأنباء الليبية": a medium's name ends in a
        news word; everything from the medium word to it is the outlet's name."""
        toks = doc.tokens
        for i in media_at:
            for k in range(i + 1, min(i + 6, len(toks))):
                if doc.tok_sent[k] != doc.tok_sent[i]:
                    break
                if toks[k].norm in self.news_ends:
                    for x in range(i + 1, k + 1):
                        doc.masked[x] = True
                    break

    def _mask_quoted_media_names(self, doc: Doc, media_at: Sequence[int]) -> None:
        """«قناة ليبيا الأحرار», موقع "عين ليبيا": a quoted name after قناة/موقع/صحيفة/وكالة."""
        toks = doc.tokens
        for i in media_at:
            if i + 1 >= len(toks):
                continue
            opener = next((c for c in doc.gap(i + 1, i + 1) if c in OPEN_QUOTES), None)
            if opener:
                end = doc.text.find(CLOSE_QUOTE.get(opener, opener), toks[i + 1].start)
                if 0 < end - toks[i + 1].start < 60:
                    k = i + 1
                    while k < len(toks) and toks[k].start < end:
                        doc.masked[k] = True
                        k += 1

    # names -------------------------------------------------------------------------------------
    def recognise(self, doc: Doc) -> list[Candidate]:
        """Gazetteer names outside masked tokens, longest first; not a vocabulary word alone, not
        a frequent word that only looks like a proclitic + a name, not an adjectival acronym."""
        g, toks = self.g, doc.tokens
        out: list[Candidate] = []
        entries_of: dict[str, list[tuple[Place, int]]] = {}  # a name read twice is looked up once
        i = 0  # the first token past the last name found
        for k in doc.starts(g.first):  # the tokens where a name can start
            if k < i:
                continue
            i = k
            t = toks[i]
            if doc.masked[i] or t.is_digit or (not t.arabic and not t.upper):
                continue
            found = None
            hit = doc.match(g.names, g.first, i, skip_masked=True)
            if hit is not None:
                end, key, f = hit
                entries = entries_of.get(key)
                if entries is None:
                    entries = entries_of[key] = g.lookup(key)
                if end - i == 1 and key in self.not_names:
                    entries = []
                if key in g.caps_only and not is_acronym(doc.surface(i, end)):
                    entries = []  # "Car bomb", "Us": the acronym's letters as a word
                if f > 0 and doc.tokens[i].norm in g.clitic_block:
                    entries = []
                if entries:
                    found = Candidate(i, end, key, entries, clitic=f > 0)
            if found:
                out.append(found)
                i = found.j
        if self.area_plurals:
            self.area_lists(doc, out)
        return [c for c in out if not self.adjectival_acronym(doc, c)]

    def area_lists(self, doc: Doc, cands: list[Candidate]) -> None:
        """A list of names with a plural area noun after it ("the Tillaberi and Tahoua regions") or,
        in Arabic, a dual one before it ("منطقتي ديفا وتيلابيري") names each one's area (the
        gazetteer's "Tahoua region", "منطقة ديفا"), not its town: the candidates are replaced in place."""
        toks = doc.tokens
        for n, last in enumerate(cands):
            if doc.arabic:
                k = last.i - 1
                if k < 0 or toks[k].norm not in self.area_plurals or doc.gap(last.i, last.i).strip():
                    continue
                # the dual construct of a noun in ة (منطقتي) is the singular (منطقة) and the list after it
                noun = toks[k].norm[:-2] + "ه"
                members = [n]
                while members[-1] + 1 < len(cands):
                    nxt = cands[members[-1] + 1]
                    if nxt.i != cands[members[-1]].j or not nxt.clitic or toks[nxt.i].norm[:1] not in self.ands:
                        break
                    members.append(members[-1] + 1)
                keys = [noun + " " + cands[m].key for m in members]
            else:
                k = last.j
                if k >= len(toks) or toks[k].norm not in self.area_plurals or doc.gap(k, k).strip():
                    continue
                noun = toks[k].norm[:-1]  # regions → region
                first = n
                while first > 0:
                    prev, cur = cands[first - 1], cands[first]
                    between = [toks[x].norm for x in range(prev.j, cur.i)]
                    if len(between) > 1 or (between and between[0] not in self.ands) or \
                            (not between and "," not in doc.gap(cur.i, cur.i)):
                        break
                    first -= 1
                members = list(range(first, n + 1))
                keys = [cands[m].key + " " + noun for m in members]
            if len(members) < 2:
                continue
            found = [self.g.lookup(key) for key in keys]
            if not all(any(p.kind == "region" for p, _a in f) for f in found):
                continue
            for m, key, f in zip(members, keys, found, strict=True):
                c = cands[m]
                cands[m] = Candidate(c.i, c.j, key, [(p, a) for p, a in f if p.kind == "region"], clitic=c.clitic)

    def adjectival_acronym(self, doc: Doc, c: Candidate) -> bool:
        """"U.S. companies", "UK officials": a country acronym used as an adjective is no place."""
        if doc.arabic:
            return False
        toks = doc.tokens
        core = doc.surface(c.i, c.j).replace(".", "")
        if not (core.isupper() and len(core) <= 4):
            return False
        return c.j < len(toks) and toks[c.j].text[:1].islower() and toks[c.j].norm not in self.acronym_ok


# -- resolution -------------------------------------------------------------------------------

Choice = tuple[Candidate, Place, int, float, list[tuple[Place, float]]]  # (span, entry, need, score, top 6)


@dataclass(slots=True)
class Resolution:
    """What the resolver knows about the article between its passes."""

    #: ISO-2 → weight of the article's countries (plain names, demonyms, then the first choices)
    focus: Counter[str] = field(default_factory=Counter)
    #: places the text names plainly: nearby entries of other names score higher
    anchors: list[Place] = field(default_factory=list)
    #: one choice per candidate, in text order
    chosen: list[Choice] = field(default_factory=list)
    #: ids of the regions and cercles the text names (by their own name or their chief town's):
    #: a village a GeoNames dump places in one of them is that one
    areas: frozenset[str] = frozenset()
    #: place id -> (how many of ``anchors`` were measured, the nearest of them in km, at most 250):
    #: the anchors only grow between the passes, so a later pass measures only the new ones
    nearest: dict[str, tuple[int, float]] = field(default_factory=dict)

    #: the ids of ``anchors`` (is a place one already?)
    anchor_ids: set[str] = field(default_factory=set)

    def add_anchor(self, p: Place) -> None:
        if p.id not in self.anchor_ids:
            self.anchor_ids.add(p.id)
            self.anchors.append(p)


class Resolver:
    """Chooses an entry for each candidate and keeps only the ones the text supports.

    Like CLAVIN's resolution, in passes over the article's candidates (:meth:`resolve`):

    1. :meth:`focus_from_plain_names` — the countries and anchor places of names with one plain
       reading (a curated row, or the only entry of its name), plus the article's demonyms;
    2. :meth:`choose_entries` — each candidate's entries scored (curated, theatre, focus,
       population, nearness to the anchors, ambiguity: a village of the focus country beats a
       distant namesake) and the best one taken with the evidence it needs (:meth:`needed`; a
       GeoNames town abroad needs its country named in the text);
    3. :meth:`widen_focus` — the choices that need no evidence join the focus and the anchors,
       and :meth:`choose_entries` runs again with them ("سوق الثلاثاء" beside a "طرابلس" that had
       a Lebanese namesake is Tripoli's);
    4. :meth:`keep_supported` — a choice stays when the text gives the evidence it needs: a cue
       word before or after it, the same place named plainly elsewhere, a nearby place. Names that
       only look like places go: a person's surname (:meth:`titled_name`, :meth:`surname`,
       :meth:`person_name`), a place inside a movement's name (:meth:`in_org_name`), an Arabic
       common word agreeing as an adjective (:meth:`adjective_reading`).
    """

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab, theatre: Sequence[str] = DEFAULT_THEATRE) -> None:
        self.g = gazetteer
        self.v = vocab
        self.theatre = frozenset(c.upper() for c in theatre)
        self.after_nouns = vocab.words("place_words", "after_noun")
        self.after_links = vocab.words("place_words", "after_link")
        #: English: a noun right after a name, no comma, no article before ("Ber town", "in X camp")
        self.bare_after = vocab.words("place_words", "bare_after")
        #: a natural feature's noun: "the Niger delta", "دلتا النيجر" name the feature, not the country
        self.features = vocab.words("place_words", "feature")
        self.fronted_in = vocab.words("place_words", "fronted_in")
        self.articles = vocab.words("place_words", "article")
        self.of = vocab.words("place_words", "of")
        #: people named by where they are: "officials in Mao said", "سكان البيضاء"
        self.speakers = vocab.words("place_cues", "speaker")
        #: "and" between two names of a list (English a word, Arabic a proclitic on the second name)
        self.ands = vocab.words("place_words", "and")
        self.suffixed_nouns = vocab.words("place_words", "suffixed_noun")
        self.not_a_name = vocab.words("place_words", "not_a_name")
        self.demonstratives = vocab.words("place_words", "demonstrative")
        #: conjunctions that open a clause (فيما، بينما): a verb may follow as at a sentence's start
        self.clause_openers = vocab.words("place_words", "clause_opener")
        #: a given name or a kunya particle (أبو، بن، Ould, Ag) right before a name makes it a surname
        self.name_openers = vocab.words("place_person_names", "given", "particle")
        self.lowercase_particles = vocab.words("place_person_names", "particle")
        #: a place's name that is also a given name (صلاح الدين): before a family name it is the person
        self.name_articles = vocab.words("place_spellings", "article")  # al, el
        self.given_places = frozenset(w.replace("-", " ") for w in vocab.words("place_person_names", "given_place"))
        #: Arabic titles (العقيد، الشيخ): a title, one given name, then the surname
        self.titles_ar = frozenset(t for t in vocab.person_titles.phrases if is_arabic(t))
        #: words that are no given name between a title and a place ("زار الرئيس أمس كيدال")
        self.not_given = frozenset({*vocab.place_cues, *vocab.weekdays, *vocab.reldates.phrases,
                                    *vocab.months.phrases, *vocab.numbers.phrases, *vocab.directions.phrases})
        #: cue nouns and words that stand for a place, with and without the article (المدينة، العاصمة)
        self.cue_nouns = frozenset(
            {w for w, strength in vocab.place_cues.items() if strength == 2} | set(vocab.anaphora.phrases) |
            set(vocab.facilities.phrases) | set(vocab.relative_words.phrases) | set(vocab.directions.phrases))
        self.cue_nouns |= {with_article(w) for w in self.cue_nouns if is_arabic(w[:1]) and not has_article(w)}
        self.org_nouns = vocab.words("place_org_words", "org")
        self.org_linked = vocab.words("place_org_words", "org_linked")
        self.org_links = vocab.words("place_org_words", "link")

    def resolve(self, doc: Doc, cands: list[Candidate], context: DocContext) -> list[Mention]:
        """The passes in order (see the class docstring)."""
        r = self.focus_from_plain_names(cands, context)
        r.areas = frozenset(p.id for c in cands for p, _a in c.entries if p.kind == "region").union(
            *(self.g.areas.get(c.key, ()) for c in cands))
        r.chosen = self.choose_entries(cands, r)
        self.widen_focus(cands, r)
        r.chosen = self.choose_entries(cands, r)
        return self.keep_supported(doc, r)

    # passes ------------------------------------------------------------------------------------
    def focus_from_plain_names(self, cands: Sequence[Candidate], context: DocContext) -> Resolution:
        """Pass 1: the article's focus, from names that are unambiguous, and its demonyms."""
        r = Resolution()
        for c in cands:
            if c.key in self.g.made:
                continue  # a spelling the builder made vouches for nothing either
            base = [(p, a) for p, a in c.entries if not p.supplementary]  # a dump's villages vouch for nothing
            good = [(p, a) for p, a in base if a == 0]
            # one plain reading: a curated row, or the only entry of the name (a GeoNames town
            # that shares a name with a curated district is not evidence for itself)
            if len(good) == 1 and (good[0][0].curated or len(base) == 1) and \
                    (good[0][0].curated or good[0][0].country in self.theatre):
                p = good[0][0]
                if p.country:
                    r.focus[p.country] += 2 if p.kind == "country" else 1
                if p.kind != "country":
                    r.add_anchor(p)
        r.focus.update(context.demonyms)
        return r

    def choose_entries(self, cands: Sequence[Candidate], r: Resolution) -> list[Choice]:
        """Passes 2 and 4: the best-scoring entry of each candidate and the evidence it needs.
        A name read twice scores the same (the focus and anchors do not change within a pass)."""
        by_key: dict[str, tuple[Place, int, float, list[tuple[Place, float]]]] = {}
        near: dict[str, float] = {}
        chosen: list[Choice] = []
        for c in cands:
            hit = by_key.get(c.key)
            if hit is None:
                scored = sorted(((p, self.score(p, a, r.focus, r.anchors, near, r.areas, r.nearest), a)
                                 for p, a in c.entries), key=lambda x: -x[1])
                best, s, amb = scored[0]
                need = self.needed(best, amb, r.focus)
                if c.key in self.g.made and not r.focus.get(best.country or "", 0):
                    need = NEVER  # a made spelling holds only in its country's stories
                hit = by_key[c.key] = (best, need, s, [(p, sc) for p, sc, _ in scored[:6]])
            best, need, s, top = hit
            chosen.append((c, best, need, s, top))
        return chosen

    def widen_focus(self, cands: Sequence[Candidate], r: Resolution) -> None:
        """Pass 3: choices that need no evidence count for the focus and become anchors (names with
        one reading were counted in pass 1)."""
        unique = {p.id for c in cands if sum(not q.supplementary for q, _a in c.entries) == 1 for p, _a in c.entries}
        for _c, best, need, _s, _sc in r.chosen:
            if need or best.id in unique:
                continue
            if best.country:
                r.focus[best.country] += 1
            if best.kind not in ("country", "region"):
                r.add_anchor(best)

    def keep_supported(self, doc: Doc, r: Resolution) -> list[Mention]:
        """Pass 5: names that need no evidence first, then the rest (a place named plainly
        elsewhere in the article vouches for its other mentions)."""
        ok_ids = {best.id for _c, best, need, _s, _sc in r.chosen if need == 0}
        ok_places = [best for _c, best, need, _s, _sc in r.chosen if need == 0 and best.kind != "country"]
        #: token spans of the names that need no evidence: (first token, end) → the place
        ok_at: dict[int, Place] = {}
        ok_end: dict[int, Place] = {}
        for c0, best0, need0, _s0, _sc0 in r.chosen:
            if need0 == 0 and best0.kind != "country":
                ok_at[c0.i] = best0
                ok_end[c0.j] = best0
        neighbours: dict[str, int] = {}
        out: list[Mention] = []
        for c, best, need, s, scored in r.chosen:
            if not doc.arabic and not best.curated and self.titled_name(doc, c):
                continue  # "President Ibrahim Boubacar Keita", "Gen. Kaka": a surname, not the town
            if best.kind == "country" and self.titled_given_name(doc, c):
                continue  # "UN spokesman Jordan Haddad": a given name, not the country
            if best.kind != "country" and self.surname(doc, c):
                continue  # "Souleymane Keita", "أبو عبيدة الزاوي", "العقيد X": a person's name
            if self.given_name_first(doc, c):
                continue  # "صلاح الدين الورفلي", "Salah al-Din al-Warfalli": a person, not the district
            if self.in_org_name(doc, c):
                continue  # "the Movement for the Salvation of Azawad", "جبهة تحرير ماسينا"
            if best.kind == "country" and self.names_a_feature(doc, c):
                continue  # "the inner Niger delta", "دلتا النيجر": the river's delta, not the country
            if self.adjective_reading(doc, c):
                continue  # "المرحلة الجديدة", "الراية البيضاء": an adjective, not El Jadida or Bayda
            if self.suffixed_noun(doc, c):
                continue  # "استقبل زواره": his visitors, not Zuwara
            if self.verb_reading(doc, c):
                continue  # "وهون المتحدث من شأن …": a verb and its subject, not Hun
            if need:
                if not doc.arabic and not best.curated and self.person_name(doc, c):
                    continue
                if best.id in ok_ids:
                    have = 2
                else:
                    if best.id not in neighbours:
                        neighbours[best.id] = self.neighbour_evidence(best, ok_places)
                    # English: a preposition (1) and a town named plainly within 60 km (1) add up, "in
                    # San, near Tominian" (capped at 2: no evidence reaches NEVER); Arabic no: a common
                    # noun after a preposition is as ordinary near a town ("في بول جريح", "في بئر")
                    cue, near = self.cue_strength(doc, c), neighbours[best.id]
                    have = max(cue if doc.arabic else min(2, cue + near), near, self.cue_after(doc, c),
                               2 if self.g.in_areas(best, r.areas) else 0, 2 if self.names_its_kind(doc, c) else 0,
                               2 if self.located_in_country(doc, c, best) else 0)
                    if have < need and self.listed_with(doc, c, best, ok_at, ok_end):
                        have = 2
                if have < need:
                    continue
            if best.kind != "country":
                # a place kept on its evidence heads a list too: "بين شحات وسوسه" (Shahat after a
                # preposition, Susah joined to it by "and")
                ok_at.setdefault(c.i, best)
                ok_end.setdefault(c.j, best)
            start, end = doc.tokens[c.i].start, doc.tokens[c.j - 1].end
            conf = max(0.3, min(0.95, 0.55 + 0.08 * s))
            out.append(Mention(start, end, c.i, c.j, best, PRECISION.get(best.kind, 2),
                               uncertainty(best), round(conf, 2), "name", None, scored))
        return out

    # scores and evidence -------------------------------------------------------------------------
    def score(self, place: Place, amb: int, focus: Counter[str], near: Sequence[Place],
              near_cache: dict[str, float] | None = None, areas: frozenset[str] = frozenset(),
              nearest: dict[str, tuple[int, float]] | None = None) -> float:
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
        if place.kind != "country":
            bonus = near_cache.get(place.id) if near_cache is not None else None
            if bonus is None:
                bonus = self.nearness(place, near, nearest)
                if near_cache is not None:
                    near_cache[place.id] = bonus
            s += bonus
        s -= 1.2 * amb
        return s

    @staticmethod
    def nearness(place: Place, near: Sequence[Place], nearest: dict[str, tuple[int, float]] | None = None) -> float:
        """Up to 2 points for an anchor place within 250 km (the place itself does not count).

        ``nearest`` (see :attr:`Resolution.nearest`) carries the search over ``near`` on from
        where an earlier call left it, when ``near`` has only grown since."""
        d, start = 250.0, 0
        if nearest is not None:
            start, d = nearest.get(place.id, (0, 250.0))
        lat = place.lat
        for k in range(start, len(near)):
            q = near[k]
            # a degree of latitude is 111 km: most anchors are rejected without the distance
            if abs(q.lat - lat) * 111.195 < d and q.id != place.id:
                d = min(d, fast_km(lat, place.lon, q.lat, q.lon))
        if nearest is not None:
            nearest[place.id] = (len(near), d)
        return 2.0 * (1 - d / 250) if d < 250 else 0.0

    def needed(self, best: Place, amb: int, focus: Counter[str]) -> int:
        """0: no evidence needed; 1: a preposition or cue; 2: a cue noun or the place named plainly;
        :data:`NEVER`: a GeoNames town abroad — the text names other countries, not its own (nor a
        town of it) — below a metropolis's size. A region whose name is also a common phrase, of a
        country the story does not name (الحوض الشرقي "the eastern basin" in a story from Libya is
        no Mauritanian region), needs a cue noun (ولاية الحوض الشرقي)."""
        need = amb
        if amb and best.kind == "region" and best.country and sum(focus.values()) > 0 and \
                focus.get(best.country, 0) == 0:
            need = max(need, 2)
        if best.supplementary:  # only a GeoNames dump knows it: a cue in its country (or, in an
            # article that names no country at all, in the theatre), else a cue noun
            home = focus.get(best.country or "", 0) > 0 or (not focus and best.country in self.theatre)
            return max(need, 1 if home else 2)
        if best.source == "geonames":
            in_focus = focus.get(best.country or "", 0) > 0
            if not in_focus and best.population < METROPOLIS_POPULATION and sum(focus.values()) > 0:
                return NEVER
            if best.country not in self.theatre and not in_focus:
                need = max(need, 1 if best.population >= METROPOLIS_POPULATION else 2)
            elif best.population < TOWN_POPULATION and not in_focus:
                need = max(need, 2)  # a village far from the story: only with a cue noun
        return need

    def cue_strength(self, doc: Doc, c: Candidate) -> int:
        """2 for a cue noun before the name (مدينة، بلدة، محور / town of), 1 for a preposition."""
        toks = doc.tokens
        best = 0
        if c.clitic and doc.arabic and c.key.split(" ")[0] not in self.g.common_words:
            first = toks[c.i].norm
            if first[:1] in PREP_CLITICS or first[1:2] in PREP_CLITICS:
                best = 1
        if c.i == 0:
            return best
        if c.clitic and doc.arabic and toks[c.i].norm[:1] in self.ands and c.key[:1] != toks[c.i].norm[:1]:
            return best  # "من وسوسة": no preposition or cue noun governs a word that opens with "and"
        k = c.i - 1
        if doc.tok_sent[k] != doc.tok_sent[c.i]:
            return best
        # a quotation mark between cue and name is fine (محور "خلة الفرجان")
        if doc.gap_has(c.i, ".;:!?؟"):
            return best
        for form in doc.forms(k):
            s = self.v.place_cues.get(form, 0)
            if s:
                if doc.arabic or not toks[k].upper:
                    best = max(best, s)
                break
        if best < 2 and self.speaker_before(doc, c.i, k):
            best = 2  # "officials in Mao said", "أهالي البيضاء": a speaker is somewhere
        if not doc.arabic and toks[k].norm in self.of and k > 0:
            s = self.v.place_cues.get(toks[k - 1].norm, 0)
            if s == 2:
                best = 2
        if self.v.directions.get(toks[k].norm) or self.v.facilities.get(toks[k].norm):
            best = max(best, 1)
        return best

    def speaker_before(self, doc: Doc, i: int, k: int) -> bool:
        """A speaker word (officials, سكان) right before the name (Arabic: "سكان البيضاء") or before
        the preposition right before it ("officials in Mao", "مسؤولون في بول")."""
        toks = doc.tokens
        if doc.arabic and any(f in self.speakers for f in doc.forms(k)):
            return True
        if self.v.place_cues.get(toks[k].norm, 0) != 1 or (not doc.arabic and toks[k].upper):
            return False
        p = k - 1
        if p < 0 or doc.tok_sent[p] != doc.tok_sent[i] or doc.gap_has(k, ".;:!?؟,،"):
            return False
        return any(f in self.speakers for f in doc.forms(p))

    def cue_after(self, doc: Doc, c: Candidate) -> int:
        """"ماو» البلدة التي…", "Tarhuna, a town…": a cue noun right after the name."""
        toks = doc.tokens
        k = c.j
        if k >= len(toks) or doc.tok_sent[k] != doc.tok_sent[c.i]:
            return 0
        gap = doc.gap(k, k)
        if doc.arabic:
            # "وفي الخمس، انفجرت …": a sentence that opens with "(and) in" its place and a comma
            p = c.i - 1
            if "،" in gap and p >= 0 and doc.tok_sent[p] == doc.tok_sent[c.i] and \
                    (p == 0 or doc.tok_sent[p - 1] != doc.tok_sent[p]) and \
                    any(f in self.fronted_in for f in doc.forms(p)):
                return 2
            # "ماو» البلدة التي", "غريان، المدينة الواقعة": punctuation, the noun, then a relative word
            if not any(ch in gap for ch in "»\"”،,)(") or toks[k].norm not in self.after_nouns:
                return 0
            nxt = toks[k + 1].norm if k + 1 < len(toks) else ""
            # "… البلدة التي", "… المدينة الليبية": a relative word or a demonym after the noun
            return 2 if nxt in self.after_links or nxt in self.g.demonyms or "،" in gap else 0
        if not gap.strip() and c.i > 0 and toks[c.i - 1].norm in self.articles and \
                self.v.place_cues.get(toks[k].norm, 0) == 2:
            return 2  # "the Sanfara area", "the Wagadou forest": a cue noun after the name
        if not gap.strip() and not toks[k].upper and toks[k].norm in self.bare_after and \
                (c.i == 0 or toks[c.i - 1].norm not in self.articles):
            return 2  # "rebels overran Ber town", "in Intahaka camp": no article, so no faction ("the X camp")
        if "," not in gap:
            return 0
        if toks[k].norm in self.articles:
            k += 1
        if k + 1 < len(toks) and not toks[k].upper and toks[k + 1].norm in self.after_nouns:
            k += 1  # one adjective between: "Tarhuna, a small town", "Kidal, the northern city"
        return 2 if k < len(toks) and toks[k].norm in self.after_nouns else 0

    def listed_with(self, doc: Doc, c: Candidate, best: Place, ok_at: dict[int, Place],
                    ok_end: dict[int, Place]) -> bool:
        """"بين زليتن والخمس", "Segou and San", "راس لانوف والسدرة": a name joined by "and" to a
        place of its country named plainly is one of a list of places, not the word it also is; so is
        one joined to a place across a border close by ("بين تيرا ودوري", Téra in Niger, Dori in
        Burkina Faso: :data:`LIST_ACROSS_BORDER_KM`)."""
        toks = doc.tokens
        if doc.arabic:
            # and written on this name, right after the other: "زليتن والخمس"
            before = ok_end.get(c.i) if c.clitic and toks[c.i].norm[:1] in self.ands else None
            # or on the next name: "الخمس وزليتن"
            after = ok_at.get(c.j) if c.j < len(toks) and toks[c.j].norm[:1] in self.ands else None
            gaps = (doc.gap(c.i, c.i) if before is not None else "", doc.gap(c.j, c.j) if after is not None else "")
        else:
            before = ok_end.get(c.i - 1) if c.i > 1 and toks[c.i - 1].norm in self.ands else None
            after = ok_at.get(c.j + 1) if c.j + 1 < len(toks) and toks[c.j].norm in self.ands else None
            gaps = (doc.gap(c.i - 1, c.i) if before is not None else "",
                    doc.gap(c.j, c.j + 1) if after is not None else "")
        for other, gap in ((before, gaps[0]), (after, gaps[1])):
            if other is None or any(ch in gap for ch in ".;:!?؟"):
                continue
            if other.country == best.country or \
                    haversine_km(other.lat, other.lon, best.lat, best.lon) <= LIST_ACROSS_BORDER_KM:
                return True
        return False

    @staticmethod
    def neighbour_evidence(place: Place, ok_places: Sequence[Place]) -> int:
        """A district or site whose town is named plainly, or a town near one, is no coincidence."""
        # a degree of latitude is more than 110 km of great circle: places further apart in latitude
        # than the distance allows are rejected without it
        lat = place.lat
        if place.kind in ("district", "site"):
            for q in ok_places:
                if q.id == place.parent or (abs(q.lat - lat) * 110.0 <= 25 and
                                            haversine_km(lat, place.lon, q.lat, q.lon) <= 25):
                    return 2
        elif place.kind == "city":
            for q in ok_places:
                if q.id != place.id and abs(q.lat - lat) * 110.0 <= 60 and haversine_km(lat, place.lon, q.lat, q.lon) <= 60:
                    return 1
        return 0

    def located_in_country(self, doc: Doc, c: Candidate, best: Place) -> bool:
        """"في بول غرب تشاد", "in Bol, western Chad": the name followed by a compass word and its own
        country locates itself — a place, not the word it spells."""
        toks, k = doc.tokens, c.j
        # the compass word first: most names have none after them
        if k + 1 >= len(toks) or not self.v.directions.get(toks[k].norm) or doc.tok_sent[k] != doc.tok_sent[c.i] \
                or not best.country or doc.tok_sent[k + 1] != doc.tok_sent[k]:
            return False
        gap = doc.gap(k, k)
        if any(ch in gap for ch in ".;:!?؟()") or (doc.arabic and gap.strip()):
            return False
        for n in (1, 2):  # "تشاد", "بوركينا فاسو"
            if k + 1 + n > len(toks):
                break
            key = " ".join(t.norm for t in toks[k + 1:k + 1 + n])
            if any(p.kind == "country" and p.country == best.country for p, _a in self.g.lookup(key)):
                return True
        return False

    def names_its_kind(self, doc: Doc, c: Candidate) -> bool:
        """"Bankass Cercle", "Mopti Ambodedjo Airport", "مطار موبتي": a name of several words that
        starts (Arabic) or ends (English) with a place noun says itself that it is a place."""
        if c.j - c.i < 2:
            return False
        w = doc.tokens[c.i if doc.arabic else c.j - 1].norm
        return self.v.place_cues.get(w, 0) == 2 or w in self.v.facilities

    def titled_name(self, doc: Doc, c: Candidate) -> bool:
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

    def titled_given_name(self, doc: Doc, c: Candidate) -> bool:
        """English: a one-word name right after a person's title and right before a capitalised
        word that names no place ("spokesman Jordan Haddad", "envoy Chad Morris") is a given name."""
        toks = doc.tokens
        k, n = c.i - 1, c.j
        if doc.arabic or c.j - c.i != 1 or k < 0 or n >= len(toks):
            return False
        if doc.tok_sent[k] != doc.tok_sent[c.i] or doc.tok_sent[n] != doc.tok_sent[c.i]:
            return False
        if doc.gap(c.i, c.i).strip() or doc.gap(n, n).strip() or toks[k].norm not in self.v.person_titles:
            return False
        return toks[n].upper and toks[n].norm not in self.g.names

    def surname(self, doc: Doc, c: Candidate) -> bool:
        """The name follows a given name or a particle of a person's name (Souleymane Keita, Iyad
        Ag Ghaly, أبو عبيدة, ولد X), or in Arabic a title and one more name (العقيد فلان X), with
        nothing between but spaces: it is a surname (geodata/vocab/place_person_names.csv). A
        title right before a place is a subject before its object ("زار الرئيس كيدال")."""
        k = c.i - 1
        if k < 0 or doc.tok_sent[k] != doc.tok_sent[c.i] or doc.gap(c.i, c.i).strip():
            return False
        if c.clitic:
            return False  # a name read through a proclitic ("ميناء قصر أحمد بمصراتة"): no surname carries one
        prev = doc.forms(k)[0]
        if prev in self.name_openers:
            return doc.arabic or doc.tokens[k].upper or prev in self.lowercase_particles
        if not doc.arabic or k == 0 or doc.tok_sent[k - 1] != doc.tok_sent[k] or doc.gap(k, k).strip():
            return False
        # "العقيد فلان X": the word between is a given name — no article, no demonym, no cue word
        return doc.forms(k - 1)[0] in self.titles_ar and not has_article(prev) and not doc.tokens[k].is_digit \
            and prev not in self.not_given and prev not in self.g.demonyms and prev not in self.g.names

    def given_name_first(self, doc: Doc, c: Candidate) -> bool:
        """A place's name that is also a given name (geodata/vocab/place_person_names.csv,
        given_place: صلاح الدين) right before a family name, nothing between but a space, is the
        person: Arabic a nisba with the article (الورفلي) that names no place, English an "al-"
        name ("Salah al-Din al-Warfalli")."""
        if c.key.replace("-", " ") not in self.given_places or c.clitic or c.j >= len(doc.tokens):
            return False
        if doc.tok_sent[c.j] != doc.tok_sent[c.i] or doc.gap(c.j, c.j).strip() or self.cue_strength(doc, c) == 2:
            return False  # "حي صلاح الدين الشعبي": a cue noun names the place, the word after describes it
        nxt = doc.tokens[c.j]
        if doc.arabic:
            bare = strip_article(nxt.norm)
            return bare is not None and len(bare) >= 3 and nxt.norm.endswith("ي") and nxt.norm not in self.g.names \
                and bare not in self.g.names and nxt.norm not in self.cue_nouns and nxt.norm not in self.g.demonyms
        if c.j + 1 >= len(doc.tokens):
            return False
        after = doc.tokens[c.j + 1]  # "al-Warfalli": "al", the hyphen, a capitalised name
        return nxt.norm in self.name_articles and doc.gap(c.j + 1, c.j + 1) == "-" and after.upper \
            and doc.tok_sent[c.j + 1] == doc.tok_sent[c.i] and after.norm not in self.g.names

    def suffixed_noun(self, doc: Doc, c: Candidate) -> bool:
        """Arabic: a one-word name written with ه for ة that is also a common noun + the pronoun
        suffix ه (زواره "his visitors" beside Zuwara) is the noun unless a preposition or a cue
        noun, or a part of a town ("في محيط زواره"), stands before it."""
        if not doc.arabic or c.j - c.i != 1 or c.clitic:
            return False
        text = doc.tokens[c.i].text
        if not text.endswith("ه") or norm_token(text[:-1]) not in self.suffixed_nouns:
            return False
        k = c.i - 1
        if k >= 0 and doc.tok_sent[k] == doc.tok_sent[c.i] and \
                any(f in self.v.relative_words.phrases for f in doc.forms(k)):
            return False  # "في محيط زواره": a part of a town before it
        return self.cue_strength(doc, c) == 0

    def adjective_reading(self, doc: Doc, c: Candidate) -> bool:
        """Arabic: a one-word name with the article that is also a common word (الجديدة "the new",
        البيضاء "the white", الخضراء "the green") right after a definite noun agrees with it as an
        adjective ("المرحلة الجديدة", "الراية البيضاء"). A cue noun (المدينة، العاصمة) before it is
        apposition, not a noun it qualifies ("العاصمة الخرطوم")."""
        if not doc.arabic or c.j - c.i != 1 or c.clitic or not has_article(c.key) or c.i == 0:
            return False
        if c.key not in self.g.common_words and all(a == 0 for _p, a in c.entries):
            return False
        k = c.i - 1
        if doc.tok_sent[k] != doc.tok_sent[c.i] or doc.gap(c.i, c.i).strip() or doc.masked[k]:
            return False
        prev = doc.tokens[k].norm
        if prev in self.demonstratives:
            return True  # "من هذه الزاوية": this angle; a demonstrative points at a common noun
        # a definite noun: the article and a stem of three letters or more (not الى، الذي، التي)
        if strip_article(prev) is None or prev in self.cue_nouns or prev in self.v.place_cues \
                or prev in self.after_links:
            return False
        if strip_article(c.key) in self.v.numbers.phrases:
            return True  # "السنوات الخمس": a number after its noun (numbers agree in reverse)
        # an adjective agrees in gender: "المرحلة الجديدة", "الراية البيضاء", but "مركز النصر الزاوية"
        # is a centre's name and its town
        return _feminine(c.key) == (_feminine(prev) or prev.endswith("ات"))

    def verb_reading(self, doc: Doc, c: Candidate) -> bool:
        """Arabic: a one-word name without the article that is also a word (هون "made light of"),
        opening its clause (after و or at the sentence's start) and followed right away by a
        definite title or speaker noun (المتحدث، الوزير) is a verb before its subject."""
        if not doc.arabic or c.j - c.i != 1 or has_article(c.key) or c.j >= len(doc.tokens):
            return False
        nxt = doc.tokens[c.j].norm  # the subject first: most names have none after them
        # a title or a speaker, with the article or without ("فيما هون مسؤول آخر من شأن …")
        if not (nxt in self.titles_ar or nxt in self.speakers or (has_article(nxt) and strip_article(nxt) in self.speakers)):
            return False
        if c.key not in self.g.common_words and all(a == 0 for _p, a in c.entries):
            return False
        first = doc.tokens[c.i].norm
        opens = c.i == 0 or doc.tok_sent[c.i - 1] != doc.tok_sent[c.i] or \
            doc.gap_has(c.i, ",،;؛") or (first[:1] in self.ands and first[1:] == c.key) or \
            doc.tokens[c.i - 1].norm in self.clause_openers  # "فيما هون", "بينما هون"
        return opens and doc.tok_sent[c.j] == doc.tok_sent[c.i] and not doc.gap(c.j, c.j).strip()

    def in_org_name(self, doc: Doc, c: Candidate) -> bool:
        """The name is part of a movement's or armed group's name: a noun such as حركة / جبهة /
        Movement / Front before it, linked only by words such as لتحرير, الوطنية, 'for the
        Liberation of' (geodata/vocab/place_org_words.csv); in English also a capitalised such
        noun up to three words after it ("the Macina Liberation Front", "the Brega Petroleum Marketing
        Company")."""
        toks = doc.tokens
        k = c.i - 1
        linked = False  # a linking word between the noun and the place
        while k >= 0 and c.i - k <= 6 and doc.tok_sent[k] == doc.tok_sent[c.i]:
            forms = doc.forms(k)
            org = not self.org_nouns.isdisjoint(forms) or (linked and not self.org_linked.isdisjoint(forms))
            if not org and self.org_links.isdisjoint(forms):
                break
            if doc.gap_has(k + 1, ".,;:!?،؛()"):
                break
            if org and (doc.arabic or toks[k].upper):
                return True
            linked = True
            k -= 1
        if doc.arabic:
            return False
        k = c.j
        while k < len(toks) and k - c.j < 3 and toks[k].upper and doc.tok_sent[k] == doc.tok_sent[c.i] \
                and not doc.gap(k, k).strip():
            if toks[k].norm in self.org_nouns or toks[k].norm in self.org_linked:
                return True
            k += 1
        return False

    def names_a_feature(self, doc: Doc, c: Candidate) -> bool:
        """A natural feature's noun (geodata/vocab/place_words.csv, feature) next to the name, with
        nothing between: English right after it ("the Niger delta", Nigeria's "Niger Delta"),
        Arabic right before it (دلتا النيجر)."""
        toks = doc.tokens
        if doc.arabic:
            k = c.i - 1
            return k >= 0 and doc.tok_sent[k] == doc.tok_sent[c.i] and not doc.gap(c.i, c.i).strip() and \
                toks[k].norm in self.features
        k = c.j
        return k < len(toks) and doc.tok_sent[k] == doc.tok_sent[c.i] and not doc.gap(k, k).strip() and \
            toks[k].norm in self.features

    def person_name(self, doc: Doc, c: Candidate) -> bool:
        """English: 'Victoria Coates', 'Ali al-Hassi' — a capitalised neighbour that is no place."""
        toks = doc.tokens
        nxt = toks[c.j] if c.j < len(toks) else None
        prv = toks[c.i - 1] if c.i > 0 else None
        if nxt and nxt.upper and doc.tok_sent[c.j] == doc.tok_sent[c.i] and not doc.gap(c.j, c.j).strip():
            return True
        return bool(prv and prv.upper and doc.tok_sent[c.i - 1] == doc.tok_sent[c.i] and not doc.gap(c.i, c.i).strip()
                    and prv.norm not in self.not_a_name and not doc.masked[c.i - 1])


def _feminine(norm: str) -> bool:
    """A normalised Arabic word that looks feminine: a taa marbuta (ة → ه), or the colour pattern
    that ends in a dropped hamza (البيضاء → البيضا, الخضراء)."""
    return norm.endswith("ه") or (norm.endswith("ا") and len(norm) >= 6)


def uncertainty(p: Place) -> float:
    if p.kind == "country":
        return round(p.radius_km, 1)
    return round(max(1.0, p.radius_km), 1)
