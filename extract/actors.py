"""Actors: who is named in each sentence, under one canonical name per actor.

Aliases come from geodata/sources/actors.csv (Arabic with clitics handled, English
case-insensitive, acronyms such as LNA or FACT case-sensitive). State actors are also found
through demonyms next to a force word: "الجيش التشادي", "القوات المسلحة المالية",
"مروحيات عسكرية فرنسية", "Malian soldiers", "Turkish drones". In an article about the Sahel,
attackers described only as terrorists or jihadists become "Sahel jihadists (unspecified)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..geodata.gazetteer import Gazetteer
from ..geodata.lexicon import ActorLexicon, Vocab
from .doc import Doc

UNSPECIFIED_SAHEL = "Sahel jihadists (unspecified)"
SAHEL = frozenset({"ML", "NE", "BF", "TD", "MR"})
JIHADIST_TYPES = ("armed_group",)


@dataclass(slots=True)
class ActorMention:
    i: int
    j: int
    actor: int  # index into the lexicon
    via: str = "alias"  # alias | acronym | demonym


class ActorTagger:
    def __init__(self, lexicon: ActorLexicon, gazetteer: Gazetteer, vocab: Vocab) -> None:
        self.lex = lexicon
        self.g = gazetteer
        self.v = vocab
        acr = sorted(lexicon.acronyms, key=len, reverse=True)
        self._acronyms = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in acr) + r")(?![\w])") if acr else None
        self._jihadist_named = {i for i, a in enumerate(lexicon.actors)
                                if a.type == "armed_group" and any(w in a.name.lower() for w in
                                   ("qaeda", "islamic state", "jnim", "boko", "ansar", "macina", "mourabitoun", "iswap", "isgs"))}
        self._unspecified = lexicon.by_name.get(UNSPECIFIED_SAHEL)
        #: ISO-2 → the actor for unnamed rebels of that country ("Chadian rebels")
        self._rebels = {a.country: i for i, a in enumerate(lexicon.actors)
                        if a.type == "armed_group" and a.country and a.name.lower().endswith(" rebels")}

    def find(self, doc: Doc) -> list[ActorMention]:
        """Actor mentions, longest first; tokens already masked (outlet names) are skipped."""
        toks = doc.tokens
        n = len(toks)
        spans: list[ActorMention] = []
        if self._acronyms is not None:
            for m in self._acronyms.finditer(doc.text):
                ks = [k for k, t in enumerate(toks) if t.start >= m.start() and t.end <= m.end()]
                if ks and not self._backer(doc, ks[0], ks[-1] + 1):
                    spans.extend(ActorMention(ks[0], ks[-1] + 1, a, "acronym") for a in self.lex.acronyms[m.group(1)])
        for i in range(n):
            if doc.masked[i]:
                continue
            hit = doc.match_phrases(self.lex.aliases, i, self.lex.aliases.max_tokens)
            if hit:
                end, key, _f = hit
                if self._backer(doc, i, end):
                    continue
                for a in self.lex.aliases.get(key):
                    if not self._geography(doc, a, key):
                        spans.append(ActorMention(i, end, a))
            dem = self._demonym_force(doc, i)
            if dem:
                spans.append(dem)
        # longest spans win; equal spans keep every actor they name
        spans.sort(key=lambda m: (-(m.j - m.i), m.i))
        taken = [False] * n
        out: list[ActorMention] = []
        for m in spans:
            if any(taken[k] for k in range(m.i, m.j)) and not any(o.i == m.i and o.j == m.j for o in out):
                continue
            out.append(m)
            for k in range(m.i, m.j):
                taken[k] = True
        out.sort(key=lambda m: m.i)
        return out

    BACKED = re.compile(r"^\s*-\s*(?:backed|brokered|recogni[sz]ed|sponsored|supported|trained|led|mediated|run)\b", re.I)
    BACKED_AR = ("المدعومه", "المدعوم", "المدعومين", "بها", "برعايه", "بوساطه", "بدعم", "من")

    def _backer(self, doc: Doc, i: int, j: int) -> bool:
        """"the U.N.-backed government", "الحكومة المدعومة من الأمم المتحدة": a backer, not a party."""
        if not doc.arabic:
            after = doc.text[doc.tokens[j - 1].end : doc.tokens[j - 1].end + 16].lstrip(".")
            return bool(self.BACKED.match(after))
        k = i - 1
        if k >= 0 and doc.tokens[k].norm == "من":
            k -= 1
        if k >= 0 and doc.tokens[k].norm in ("المدعومه", "المدعوم", "المدعومين", "بها"):
            return True
        return k >= 0 and doc.forms(i)[0][:1] == "ب" and doc.tokens[i].norm.startswith(("برعايه", "بوساطه"))

    def _geography(self, doc: Doc, actor_idx: int, key: str) -> bool:
        """A neighbouring country's bare name ("تشاد", "Niger") is geography, not an actor:
        in this theatre such names mostly say where (borders, origins). Distant powers named
        bare ("روسيا", "Turkey") are actors."""
        a = self.lex.actors[actor_idx]
        if a.type != "state" or not a.country:
            return False
        info = self.g.countries.get(a.country)
        if info is None or not info.theatre:
            return False
        place = self.g.country_place(a.country)
        names = {p.id for p, _a in self.g.lookup(key)}
        return place is not None and place.id in names

    def _role(self, doc: Doc, k: int) -> tuple[int, str] | None:
        hit = doc.match_phrases(self.v.actor_words, k, self.v.actor_words.max_tokens)
        if not hit:
            return None
        return hit[0], self.v.actor_words.get(hit[1])[0]

    def _demonym(self, doc: Doc, k: int) -> str | None:
        """ISO-2 of a demonym at token k ("التشادي", "Malian"), or of a country's name ("تشاد", "Chad")."""
        if k >= len(doc.tokens):
            return None
        for f in doc.forms(k):
            iso = self.g.demonyms.get(f)
            if iso:
                return iso
        for f in doc.forms(k):
            for p, _a in self.g.lookup(f):
                if p.kind == "country":
                    return p.country
        return None

    def _demonym_force(self, doc: Doc, i: int) -> ActorMention | None:
        toks = doc.tokens
        if doc.arabic:
            r = self._role(doc, i)
            if not r or r[1] != "force":
                return None
            k = r[0]
            for _ in range(3):  # "القوات المسلحة المالية", "مروحيات عسكرية فرنسية", "عمليات قصف فرنسية"
                r2 = self._role(doc, k)
                if r2 and r2[1] in ("skip", "force"):
                    k = r2[0]
                elif k < len(toks) and toks[k].norm in ("عسكريه", "حربيه"):
                    k += 1
                else:
                    break
            iso = self._demonym(doc, k)
            if iso and iso in self.lex.states:
                return ActorMention(i, k + 1, self.lex.states[iso], "demonym")
            return None
        iso = self._demonym(doc, i)
        if not iso or iso not in self.lex.states or not toks[i].upper:
            return None
        k = i + 1
        r = self._role(doc, k)
        if r and r[1] == "skip":
            k = r[0]
            r = self._role(doc, k)
        if r and r[1] == "force":
            return ActorMention(i, r[0], self.lex.states[iso], "demonym")
        return None

    def by_sentence(self, doc: Doc, mentions: list[ActorMention], focus: str | None = None) -> dict[int, list[str]]:
        """Canonical actor names per sentence index, in order of first mention."""
        out: dict[int, list[str]] = {}
        for m in mentions:
            s = doc.tok_sent[m.i]
            name = self.lex.actors[m.actor].name
            lst = out.setdefault(s, [])
            if name not in lst:
                lst.append(name)
        sahel_focus = focus in SAHEL
        if sahel_focus and self._unspecified is not None:
            named = {doc.tok_sent[m.i] for m in mentions if m.actor in self._jihadist_named}
            self._unnamed(doc, out, "jihadist", self._unspecified, skip_sentences=named)
        if focus:
            rebels = self._rebels.get(focus)
            named_rebels = any(self.lex.actors[m.actor].type == "armed_group" and self.lex.actors[m.actor].country == focus
                               for m in mentions)
            if rebels is not None and not named_rebels:
                self._unnamed(doc, out, "rebel", rebels, skip_sentences=set())
        return out

    def _unnamed(self, doc: Doc, out: dict[int, list[str]], role: str, actor: int, skip_sentences: set[int]) -> None:
        """Attackers described only as "terrorists" or "rebels": the unnamed actor of that kind."""
        name = self.lex.actors[actor].name
        for k in range(len(doc.tokens)):
            s = doc.tok_sent[k]
            if s in skip_sentences:
                continue
            hit = self._role(doc, k)
            if hit and hit[1] == role:
                lst = out.setdefault(s, [])
                if name not in lst:
                    lst.append(name)
