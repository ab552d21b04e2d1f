"""Actors: who acts in each sentence, under one canonical name per actor.

Aliases come from geodata/sources/actors.csv (Arabic with clitics handled, English
case-insensitive, acronyms such as LNA or FACT case-sensitive). State actors are also found
through demonyms next to a force word (geodata/vocab/actor_words.csv): "الجيش التشادي",
"القوات المسلحة المالية", "مروحيات عسكرية فرنسية", "Malian soldiers", "Turkish drones".

A name is not always an actor of the sentence: the words around it (vocab/actor_contexts.csv)
can make it only *mentioned* — a backer ("the U.N.-backed government", "بدعم إماراتي"), a state
or an international body that speaks, calls or meets ("قالت الأمم المتحدة", "UN envoy"), a
tribe's elders who mediate, or a state's own country or capital used as a place ("in Bamako",
"قادمة من تركيا"). Mentioned names are kept on the mention (:attr:`ActorMention.mentioned`) but
name no actor of the sentence.

Family words stand for unnamed members of an actors.csv family in the articles a catch-all row is
scoped to: "terrorists" in a Sahel story are "Sahel jihadists (unspecified)", "rebels" in a
Chadian one "Chadian rebels", "soldiers" or "the junta" in a Malian one the state of Mali, and
"peacekeepers" there MINUSMA. Epithets (vocab/actor_epithets.csv) such as "the internationally
recognised government" name the actor whose period holds the article's date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from ..geodata.gazetteer import Gazetteer
from ..geodata.lexicon import Actor, ActorLexicon, Vocab
from .doc import Doc

#: actor types whose statements, calls and meetings are commentary, not conflict action
DIPLOMATIC_TYPES = frozenset({"state", "intl_org", "institution"})
#: actor types that name armed men when a family word sits right after them ("Barkhane soldiers")
ARMED_TYPES = frozenset({"armed_force", "armed_group", "tribe", "intl_org"})
#: what a state named by a demonym does, by the noun beside it: acts ("") or is only mentioned
STATE_WORDS = MappingProxyType({"force": "", "force_name": "", "state_force": "", "government": "", "diplomacy": "speech",
                                 "backing": "backer"})
#: how many fillers, titles, demonyms or other names may stand between a cue and the name
MAX_SKIPPED = 4
#: how many distinct words the tagger remembers between articles
_CACHE_WORDS = 300_000


@dataclass(slots=True)
class ActorMention:
    i: int
    j: int
    actor: int  # index into the lexicon
    via: str = "alias"  # alias | acronym | demonym | epithet
    #: why the sentence only mentions the actor (backer | speech | place | named | mediator |
    #: civilians); "" when it acts
    mentioned: str = ""
    #: an epithet's readings: (actor, country, first day, last day); the article's date picks one
    eras: tuple[tuple[int, str, date, date], ...] = ()

    def __init__(self, i: int, j: int, actor: int, via: str = "alias", mentioned: str = "",
                 eras: tuple[tuple[int, str, date, date], ...] = ()) -> None:
        # written out (the fields above, in order): mypyc compiles it, the generated one runs as Python
        self.i, self.j, self.actor, self.via, self.mentioned, self.eras = i, j, actor, via, mentioned, eras


#: actor-word roles of a force ("قوات", "troops", "غارات")
_FORCE_ROLES = frozenset({"force", "force_name", "state_force"})


@dataclass(slots=True)
class WordIndex:
    """A document's actor words (vocab/actor_words.csv), found once."""

    #: token -> (end token, roles) of the actor word starting there, else None
    at: list[tuple[int, tuple[str, ...]] | None]
    #: the tokens where an actor word starts, in order
    words: list[int] = field(default_factory=list)
    #: ... of them the nouns that name a state with a demonym (a role of STATE_WORDS)
    state_nouns: list[int] = field(default_factory=list)
    #: ... of them the force words
    forces: list[int] = field(default_factory=list)
    #: token -> the actor_contexts phrases ending right before it (see ActorTagger._ending_at)
    ending: dict[int, list[tuple[int, frozenset[str]]]] = field(default_factory=dict)


class ActorTagger:
    def __init__(self, lexicon: ActorLexicon, gazetteer: Gazetteer, vocab: Vocab) -> None:
        #: the last document's actor words (see _word_index); read and replaced whole, so threads
        #: sharing a tagger at worst index a document twice
        self._last: tuple[Doc, WordIndex] | None = None
        #: a word's forms -> the country it names or whose demonym it is (see _country_at)
        self._iso_of: dict[tuple[str, ...], str | None] = {}
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.words = vocab.actor_words  # normalised phrase -> roles
        self.contexts = vocab.table("actor_contexts")  # normalised phrase -> ((role,), ...)
        self.directions = vocab.directions  # compass words (a place follows them)
        self.epithets = vocab.table("actor_epithets")  # -> ((role, country, readings),)
        acronyms = sorted(lexicon.acronyms, key=len, reverse=True)
        # not after a letter, a digit or a dot; the test stands after each acronym's first character
        # ("(?<![\w.].)" looks back past it) so that the pattern opens with a letter and the regex
        # engine skips ahead to the acronyms' first characters instead of trying every position
        self._acronym_re = re.compile(
            "(" + "|".join(re.escape(a[0]) + r"(?<![\w.].)" + re.escape(a[1:]) for a in acronyms) + r")(?![\w])"
        ) if acronyms else None
        #: words that tie a family word to the name after it ("soldiers of Barkhane", "جنود من ...")
        self._links = vocab.words("actor_contexts", "link")
        #: "and" between demonyms ("French and Chadian troops"); Arabic writes it on the word (والتشادية)
        self._ands = vocab.words("actor_contexts", "and")
        self._and_clitic = next(iter(vocab.words("actor_contexts", "and_clitic")), "")
        self._families = frozenset(a.family for a in lexicon.actors if a.family)
        #: catch-all rows: (actor index, actor) of the rows scoped to some focus countries
        self._catch_alls = [(i, a) for i, a in enumerate(lexicon.actors) if a.scope and a.family]
        by_id = {a.id: i for i, a in enumerate(lexicon.actors)}
        #: epithet -> its readings (actor, country, first day, last day)
        self._eras = {key: tuple(reading for _role, country, cell in rows for reading in _readings(by_id, country, cell))
                      for key, rows in self.epithets.phrases.items()}

    # -- mentions ------------------------------------------------------------------------------

    def find(self, doc: Doc) -> list[ActorMention]:
        """Actor mentions, longest first where they overlap, each marked acting or mentioned;
        tokens already masked (outlet names) are skipped."""
        toks = doc.tokens
        spans: list[ActorMention] = []
        if self._acronym_re is not None:
            starts = [t.start for t in toks]
            for m in self._acronym_re.finditer(doc.text):
                i = j = bisect.bisect_left(starts, m.start())
                while j < len(toks) and toks[j].end <= m.end():
                    j += 1
                if j > i:
                    spans.extend(ActorMention(i, j, a, "acronym") for a in self.lexicon.acronyms[m.group(1)])
        aliases = self.lexicon.aliases
        masked = doc.masked
        # the tokens where something can start: an alias, a state's noun (or, in English, any
        # capitalised word: a demonym or a country before its noun) or an epithet
        alias_at = doc.start_set(aliases.first)
        epithet_at = doc.start_set(self.epithets.first)
        state_at = set(self._word_index(doc).state_nouns)
        if not doc.arabic:
            state_at.update(k for k, t in enumerate(toks) if t.upper)
        epithets: list[ActorMention] = []
        for i in sorted(alias_at | epithet_at | state_at):
            hit = doc.match_phrases(aliases, i) if i in alias_at else None
            # a name that runs on past an outlet's name wins ("the National Transitional Council"
            # after the outlet "The National"); inside it no name starts
            if hit and not all(masked[i:hit[0]]):
                end, key, _form = hit
                spans.extend(ActorMention(i, end, a) for a in aliases.get(key) if not self._geography(a, key))
            if masked[i]:
                continue
            if i in state_at:
                spans.extend(self._state_forces(doc, i))
            hit = doc.match_phrases(self.epithets, i) if i in epithet_at else None
            if hit and self._eras.get(hit[1]):
                eras = self._eras[hit[1]]
                epithets.append(ActorMention(i, hit[0], eras[0][0], "epithet", eras=eras))
        # an epithet gives way to a name that starts inside it and runs on
        # ("the U.N.-backed Government of National Accord")
        spans.extend(e for e in epithets if not any(e.i < s.i < e.j < s.j for s in spans))
        kept = _longest_first(spans, len(toks))
        armed = self._sentences_with_forces(doc, kept)
        for am in kept:
            am.mentioned = am.mentioned or self._mentioned(doc, am, kept, armed)
        return kept

    def _sentences_with_forces(self, doc: Doc, mentions: list[ActorMention]) -> set[int]:
        """Sentences with a force word ("قوات", "troops", "غارات") that belongs to no name: not
        inside one, not right before one ("قوات حفتر") nor right after one ("LNA forces")."""
        covered = [False] * (len(doc.tokens) + 1)
        starts, ends = set(), set()
        for m in mentions:
            covered[m.i:m.j] = [True] * (m.j - m.i)
            starts.add(m.i)
            ends.add(m.j)
        out = set()
        index = self._word_index(doc)
        for k in index.forces:
            if covered[k] or doc.tok_sent[k] in out or k in ends:
                continue
            if index.at[k][0] not in starts:  # type: ignore[index]
                out.add(doc.tok_sent[k])
        return out

    def _geography(self, actor_idx: int, key: str) -> bool:
        """A neighbouring country's bare name ("تشاد", "Niger") is geography, not an actor:
        in this theatre such names mostly say where (borders, origins). Distant powers named
        bare ("روسيا", "Turkey") are actors unless the words around them say otherwise."""
        a = self.lexicon.actors[actor_idx]
        if a.type != "state" or not a.country:
            return False
        info = self.gazetteer.countries.get(a.country)
        if info is None or not info.theatre:
            return False
        place = self.gazetteer.country_place(a.country)
        return place is not None and any(p.id == place.id for p, _a in self.gazetteer.lookup(key))

    def _roles(self, doc: Doc, k: int) -> tuple[int, tuple[str, ...]] | None:
        """The actor word (vocab/actor_words.csv) starting at token k: (end token, its roles)."""
        at = self._word_index(doc).at
        return at[k] if k < len(at) else None

    def _word_index(self, doc: Doc) -> WordIndex:
        """Every token's actor word, found once per document (the last document is remembered)."""
        last = self._last
        if last is not None and last[0] is doc:
            return last[1]
        words = self.words
        index = WordIndex([None] * len(doc.tokens))
        for k in doc.starts(words.first):
            hit = doc.match_phrases(words, k)
            if hit:
                roles = words.get(hit[1])
                index.at[k] = (hit[0], roles)
                index.words.append(k)
                if _first_of(roles, STATE_WORDS):
                    index.state_nouns.append(k)
                if not _FORCE_ROLES.isdisjoint(roles):
                    index.forces.append(k)
        self._last = (doc, index)
        return index

    def _country_at(self, doc: Doc, k: int) -> str | None:
        """ISO-2 of a demonym at token k ("التشادي", "Malian"), or of a country's name ("تشاد", "Chad")."""
        if k >= len(doc.tokens):
            return None
        forms = doc.forms(k)
        iso = self._iso_of.get(forms, "")
        if iso != "":
            return iso
        if len(self._iso_of) > _CACHE_WORDS:  # a long run meets ever new words: keep the cache bounded
            self._iso_of.clear()
        iso = self._iso_of[forms] = self._country_of(forms)
        return iso

    def _country_of(self, forms: tuple[str, ...]) -> str | None:
        """:meth:`_country_at` for a token's forms (a word's answer never changes: remembered per word)."""
        for f in forms:
            iso = self.gazetteer.demonyms.get(f)
            if iso:
                return iso
        for f in forms:
            for p, _a in self.gazetteer.lookup(f):
                if p.kind == "country":
                    return p.country
        return None

    def _state_forces(self, doc: Doc, i: int) -> list[ActorMention]:
        """States named by a noun and a demonym at token i: their forces ("القوات المسلحة المالية",
        "مروحيات عسكرية فرنسية", "Malian soldiers", "French and Chadian troops", "the armed forces
        of Chad"), their diplomats ("French officials", mentioned) or their support ("بدعم إماراتي",
        "Turkish support", mentioned)."""
        if doc.arabic:
            return self._noun_then_demonyms(doc, i)
        return self._noun_of_countries(doc, i) or self._demonyms_then_noun(doc, i)

    def _noun_then_demonyms(self, doc: Doc, i: int) -> list[ActorMention]:
        """Arabic: the noun, up to three fillers, then one demonym or more joined by و
        ("القوات الفرنسية والتشادية")."""
        toks, states = doc.tokens, self.lexicon.states
        word = self._roles(doc, i)
        kind = _first_of(word[1], STATE_WORDS) if word else None
        if word is None or kind is None:
            return []
        k = word[0]
        for _ in range(3):  # fillers: "القوات المسلحة", "مروحيات عسكرية", "عمليات قصف"
            more = self._roles(doc, k)
            if not more or not {"skip", "force", "force_name", "government"} & set(more[1]):
                break
            k = more[0]
        out: list[ActorMention] = []
        start = i
        while k < len(toks) and (not out or toks[k].norm[:1] == self._and_clitic):
            iso = self._country_at(doc, k)
            if iso not in states:
                break
            out.append(ActorMention(start, k + 1, states[iso], "demonym", self._state_word(kind, iso)))
            start = k = k + 1
        return out

    def _noun_of_countries(self, doc: Doc, i: int) -> list[ActorMention]:
        """English: the noun, "of"/"from", then one country or more joined by "and" ("the armed
        forces of Chad", "soldiers from France and Mali")."""
        toks, states = doc.tokens, self.lexicon.states
        word = self._roles(doc, i)
        kind = _first_of(word[1], STATE_WORDS) if word else None
        if word is None or kind is None or word[0] + 1 >= len(toks) or toks[word[0]].norm not in self._links:
            return []
        out: list[ActorMention] = []
        start, k = i, word[0] + 1
        while k < len(toks) and toks[k].upper and self._country_at(doc, k) in states:
            iso = self._country_at(doc, k) or ""
            out.append(ActorMention(start, k + 1, states[iso], "demonym", self._state_word(kind, iso)))
            start = k = k + 1
            if k + 1 < len(toks) and toks[k].norm in self._ands:
                start = k = k + 1
        return out

    def _demonyms_then_noun(self, doc: Doc, i: int) -> list[ActorMention]:
        """English: a demonym or a country's name, maybe more of them joined by "and", then the
        noun ("Malian soldiers", "Chad forces", "French and Chadian troops"); each demonym is
        found where it stands, so a mention covers the noun only for the last of them."""
        toks, states = doc.tokens, self.lexicon.states
        if not toks[i].upper:
            return []
        iso = self._country_at(doc, i)
        if iso not in states:
            return []
        k = i + 1
        while k < len(toks) and (toks[k].norm in self._ands or (toks[k].upper and self._country_at(doc, k))):
            k += 1
        word = self._roles(doc, k)
        if word and "skip" in word[1]:
            word = self._roles(doc, word[0])
        kind = _first_of(word[1], STATE_WORDS) if word else None
        if word is None or kind is None:
            return []
        return [ActorMention(i, word[0] if k == i + 1 else i + 1, states[iso], "demonym", self._state_word(kind, iso))]

    def _state_word(self, kind: str, iso: str) -> str:
        """Why a state named by a demonym and a noun of ``kind`` is only mentioned, or "": its
        government acts in a country of the theatre ("الحكومة السودانية" closes the border) and
        speaks for a distant one ("the German government")."""
        if kind == "government":
            return "" if self._in_theatre(iso) else "speech"
        return STATE_WORDS[kind]

    def _in_theatre(self, iso: str | None) -> bool:
        info = self.gazetteer.countries.get(iso or "")
        return info is not None and info.theatre

    # -- acting or mentioned -------------------------------------------------------------------

    def _mentioned(self, doc: Doc, m: ActorMention, mentions: list[ActorMention], armed: set[int]) -> str:
        """Why the words around mention m make its actor only mentioned, or "" when it acts.

        ``armed``: the sentences with a force word outside every name."""
        a = self.lexicon.actors[m.actor]
        if self._cue_before(doc, m, mentions, "backer") or self._backed_after(doc, m.j):
            return "backer"
        if a.type == "tribe" and (self._cue_before(doc, m, mentions, "mediator")
                                  or self._cue_after(doc, m.j, "mediator_after")):
            return "mediator"
        if a.type == "tribe" and (self._cue_before(doc, m, mentions, "civilian")
                                  or self._cue_after(doc, m.j, "civilian_after")):
            return "civilians"
        if m.via == "demonym":
            return ""
        if a.type == "state" and self._own_place(doc, m, a):
            return "place"
        forces = self._names(doc, m, "force", "force_name", "state_force") or a.family == "peacekeepers" or (
            self._in_theatre(a.country) and self._names(doc, m, "government"))
        if a.type in DIPLOMATIC_TYPES and not forces and (
                self._names(doc, m, "diplomacy") or self._cue_before(doc, m, mentions, "speech")
                or self._cue_after(doc, m.j, "speech_after")):
            return "speech"
        if a.type == "state" and not forces and doc.tok_sent[m.i] not in armed:
            # a state named bare ("تركيا", "Paris", "Macron") acts where its sentence speaks of forces
            return "named"
        return ""

    def _context_roles(self, doc: Doc, start: int, end: int) -> set[str]:
        """Roles of the actor_contexts phrase that spans tokens start..end-1 exactly."""
        if start < 0 or end > len(doc.tokens) or start >= end or start not in doc.start_set(self.contexts.first):
            return set()
        rest = " ".join(doc.tokens[k].norm for k in range(start + 1, end))
        roles: set[str] = set()
        for head in doc.forms(start):
            key = f"{head} {rest}" if rest else head
            roles.update(row[0] for row in self.contexts.get(key))
        return roles

    def _ending_at(self, doc: Doc, end: int) -> list[tuple[int, frozenset[str]]]:
        """(start, roles) of the actor_contexts phrases that end right before token ``end``, the
        shortest first (found once per document and token: every mention's cues ask)."""
        ending = self._word_index(doc).ending
        got = ending.get(end)
        if got is None:
            can_start = doc.start_set(self.contexts.first)
            got = ending[end] = [(end - n, frozenset(roles)) for n in range(1, min(self.contexts.max_tokens, end) + 1)
                                 if end - n in can_start and (roles := self._context_roles(doc, end - n, end))]
        return got

    def _cue_before(self, doc: Doc, m: ActorMention, mentions: list[ActorMention], role: str) -> bool:
        """A cue of ``role`` ends before mention m, with at most a few fillers, titles,
        demonyms or other names between ("قال الرئيس الفرنسي ماكرون", "said UN chief X")."""
        sent = doc.tok_sent[m.i]
        k = m.i
        for _ in range(MAX_SKIPPED + 1):
            if k == 0 or doc.tok_sent[k - 1] != sent:
                return False
            skip_to = None
            for start, roles in self._ending_at(doc, k):
                if role in roles:
                    return True
                if roles & {"filler", "title"}:
                    skip_to = start if skip_to is None else min(skip_to, start)
            if skip_to is None:
                # another name of the same kind: "بدعم من الإمارات وروسيا", "said UN chief X"; when
                # that name is itself mentioned so, this one is too ("UN envoy Ghassan Salame")
                other = next((o for o in mentions if o.i < k <= o.j and o is not m
                              and self.lexicon.actors[o.actor].type == self.lexicon.actors[m.actor].type), None)
                if other is not None and other.mentioned == role:
                    return True
                if other is not None:
                    skip_to = other.i
                elif self._country_at(doc, k - 1):
                    skip_to = k - 1  # a demonym or a country: "الرئيس الفرنسي", "Libya's National Oil Corporation"
            if skip_to is None:
                return False
            k = skip_to
        return False

    def _cue_after(self, doc: Doc, j: int, role: str) -> bool:
        """A cue of ``role`` starts right after the name: "UN envoy", "الأمم المتحدة تدعو"."""
        if j >= len(doc.tokens) or doc.tok_sent[j] != doc.tok_sent[j - 1]:
            return False
        hit = doc.match_phrases(self.contexts, j)
        return hit is not None and any(row[0] == role for row in self.contexts.get(hit[1]))

    def _backed_after(self, doc: Doc, j: int) -> bool:
        """"UN-backed", "Turkish-trained": a participle joined to the name by a hyphen."""
        if doc.arabic or j >= len(doc.tokens) or doc.gap(j, j).lstrip(".").strip() != "-":
            return False
        return "backed" in self._context_roles(doc, j, j + 1)

    def _own_place(self, doc: Doc, m: ActorMention, a: Actor) -> bool:
        """A state's own country or capital named as a place: after a locative ("in Bamako",
        "قادمة من تركيا", "العاصمة نيامي") or with the preposition ب on it ("بباماكو")."""
        own = {p.id for p in (self.gazetteer.country_place(a.country), self.gazetteer.capital(a.country)) if p}
        rest = " ".join(doc.tokens[k].norm for k in range(m.i + 1, m.j))
        norm = doc.tokens[m.i].norm
        for f, head in enumerate(doc.forms(m.i)):
            key = f"{head} {rest}" if rest else head
            if not any(p.id in own for p, _a in self.gazetteer.lookup(key)):
                continue
            if f > 0 and norm[: len(norm) - len(head)].endswith("ب"):
                return True
            if "locative" in self._context_roles(doc, m.i - 1, m.i) or self._direction_before(doc, m.i):
                return True
        return False

    def _direction_before(self, doc: Doc, i: int) -> bool:
        """A compass word right before the name: "غرب فرنسا", "northern Mali"."""
        for k in range(max(0, i - 2), i):
            hit = doc.match_phrases(self.directions, k)
            if hit and hit[0] == i:
                return True
        return False

    def _names(self, doc: Doc, m: ActorMention, *roles: str) -> bool:
        """The name itself holds an actor word of one of ``roles``: forces ("القوات التركية",
        "Turkish troops") or diplomats ("وزارة الخارجية الأمريكية", "State Department")."""
        return any(r and set(roles) & set(r[1]) for r in (self._roles(doc, k) for k in range(m.i, m.j)))

    # -- per sentence --------------------------------------------------------------------------

    def by_sentence(self, doc: Doc, mentions: list[ActorMention], focus: str | None = None,
                    day: date | None = None) -> dict[int, list[str]]:
        """Canonical names of the actors acting in each sentence, in order of first mention.

        ``focus`` is the article's main country (it scopes catch-all rows and epithets), ``day``
        its date (it picks an epithet's actor)."""
        actors = self.lexicon.actors
        named: list[ActorMention] = []  # every name, epithets read by the date (or dropped)
        for m in mentions:
            if m.eras:
                actor = next((a for a, country, first, last in m.eras
                              if country == focus and day is not None and first <= day <= last), None)
                if actor is None:
                    continue
                m = ActorMention(m.i, m.j, actor, m.via, m.mentioned)
            named.append(m)
        acting = [m for m in named if not m.mentioned]
        out: dict[int, list[str]] = {}
        for m in acting:
            _add(out, doc.tok_sent[m.i], actors[m.actor].name)
        catch_alls = [(idx, a) for idx, a in self._catch_alls if focus in a.scope]
        if catch_alls:
            words = self._family_words(doc, named)
            for idx, catch_all in catch_alls:
                for s in self._catch_all_sentences(doc, idx, catch_all, acting, words.get(catch_all.family, [])):
                    _add(out, s, catch_all.name)
        return out

    def _family_words(self, doc: Doc, mentions: list[ActorMention]) -> dict[str, list[tuple[int, str | None]]]:
        """Family -> (sentence, owner) of its words ("terrorists", "الجنود") that no name claims:
        not inside a name, not right after an armed group's or a state's name ("Barkhane
        soldiers"), not followed by "of"/"من" and such a name. The owner is the country of a
        demonym or country name right before or after the word ("Nigerien soldier", "troops
        from Niger"), else None."""
        toks = doc.tokens
        covered = [False] * (len(toks) + 1)
        armed_end: set[int] = set()
        armed_start: set[int] = set()
        for m in mentions:
            covered[m.i:m.j] = [True] * (m.j - m.i)
            a = self.lexicon.actors[m.actor]
            if a.type in ARMED_TYPES or (a.type == "state" and not m.mentioned):
                armed_end.add(m.j)
                armed_start.add(m.i)
        out: dict[str, list[tuple[int, str | None]]] = {}
        index = self._word_index(doc)
        k = 0  # the first token a family word may start at (past the last one found)
        for w in index.words:
            if w < k or covered[w]:
                continue
            k = w
            word = index.at[k]
            families = [r for r in word[1] if r in self._families]  # type: ignore[index]
            if not families:
                continue
            end = word[0]  # type: ignore[index]
            linked = end + 1 < len(toks) and toks[end].norm in self._links and doc.tok_sent[end + 1] == doc.tok_sent[k]
            claimed = k in armed_end or end in armed_start or (linked and end + 1 in armed_start)
            if not claimed:
                owner = (self._country_at(doc, k - 1) if k > 0 and doc.tok_sent[k - 1] == doc.tok_sent[k] else None) \
                    or (self._country_at(doc, end) if end < len(toks) and doc.tok_sent[end] == doc.tok_sent[k] else None) \
                    or (self._country_at(doc, end + 1) if linked else None)
                for family in families:
                    out.setdefault(family, []).append((doc.tok_sent[k], owner))
            k = end
        return out

    def _catch_all_sentences(self, doc: Doc, idx: int, catch_all: Actor, acting: list[ActorMention],
                             words: list[tuple[int, str | None]]) -> list[int]:
        """The sentences whose family words stand for the catch-all row."""
        actors = self.lexicon.actors
        members = [m for m in acting if actors[m.actor].family == catch_all.family]
        ours = (None, catch_all.country, *catch_all.scope)
        sentences = [s for s, owner in words if owner in ours]
        if catch_all.type == "state":
            # "soldiers" are the focus state's own, unless the article names only foreign forces
            own = any(m.actor == idx for m in acting)
            foreign = any(m.actor != idx and self._is_force(m) for m in acting)
            return [] if foreign and not own else sentences
        if catch_all.country:
            # "Chadian rebels": unless the article names a group of that country's family
            if any(actors[m.actor].country == catch_all.country for m in members):
                return []
            return sentences
        # "Sahel jihadists": in the sentences that name no group of the family
        named = {doc.tok_sent[m.i] for m in members}
        return [s for s in sentences if s not in named]

    def _is_force(self, m: ActorMention) -> bool:
        a = self.lexicon.actors[m.actor]
        return a.type == "armed_force" or a.family in ("state_force", "peacekeepers") or m.via == "demonym"


def _readings(by_id: dict[str, int], country: str, cell: str) -> tuple[tuple[int, str, date, date], ...]:
    """An epithet's readings ``id@first..last|…`` as (actor, country, first day, last day)."""
    out = []
    for reading in cell.split("|"):
        actor_id, _, period = reading.partition("@")
        first, _, last = period.partition("..")
        if actor_id in by_id:
            out.append((by_id[actor_id], country, date.fromisoformat(first),
                        date.fromisoformat(last) if last else date.max))
    return tuple(out)


def _first_of(roles: Iterable[str], wanted: Mapping[str, str]) -> str | None:
    return next((r for r in roles if r in wanted), None)


def _add(out: dict[int, list[str]], s: int, name: str) -> None:
    names = out.setdefault(s, [])
    if name not in names:
        names.append(name)


def _longest_first(spans: list[ActorMention], n_tokens: int) -> list[ActorMention]:
    """The longest spans win where spans overlap; equal spans keep every actor they name."""
    spans.sort(key=lambda m: (-(m.j - m.i), m.i))
    taken = [False] * n_tokens
    kept: set[tuple[int, int]] = set()
    out: list[ActorMention] = []
    for m in spans:
        if (m.i, m.j) not in kept and any(taken[m.i:m.j]):
            continue
        out.append(m)
        kept.add((m.i, m.j))
        taken[m.i:m.j] = [True] * (m.j - m.i)
    out.sort(key=lambda m: m.i)
    return out


__all__ = ["ActorMention", "ActorTagger"]
