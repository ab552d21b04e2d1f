"""Actors: who is named in each sentence, under one canonical name per actor.

Aliases come from geodata/sources/actors.csv (Arabic with clitics handled, English
case-insensitive, acronyms such as LNA or FACT case-sensitive). State actors are also found
through demonyms next to a force word (geodata/vocab/actor_words.csv): "الجيش التشادي",
"القوات المسلحة المالية", "مروحيات عسكرية فرنسية", "Malian soldiers", "Turkish drones".
Attackers described only by a word of a family ("terrorists", "rebels") become that family's
catch-all row ("Sahel jihadists (unspecified)", "Chadian rebels") in the articles it is scoped to.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..geodata.gazetteer import Gazetteer
from ..geodata.lexicon import ActorLexicon, Vocab
from .doc import Doc


@dataclass(slots=True)
class ActorMention:
    i: int
    j: int
    actor: int  # index into the lexicon
    via: str = "alias"  # alias | acronym | demonym


class ActorTagger:
    def __init__(self, lexicon: ActorLexicon, gazetteer: Gazetteer, vocab: Vocab) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.words = vocab.actor_words  # normalised phrase -> (role, ...)
        acronyms = sorted(lexicon.acronyms, key=len, reverse=True)
        self._acronym_re = re.compile(
            r"(?<![\w.])(" + "|".join(re.escape(a) for a in acronyms) + r")(?![\w])") if acronyms else None
        self._backed_en = vocab.words("actor_words", "backed")
        self._backed_by = vocab.words("actor_words", "backed_by")
        #: catch-all rows (no names of their own): (actor index, the family whose words stand for it)
        self._catch_alls = [(i, a) for i, a in enumerate(lexicon.actors) if a.scope and a.family]

    # -- mentions ------------------------------------------------------------------------------

    def find(self, doc: Doc) -> list[ActorMention]:
        """Actor mentions, longest first; tokens already masked (outlet names) are skipped."""
        toks = doc.tokens
        spans: list[ActorMention] = []
        if self._acronym_re is not None:
            starts = [t.start for t in toks]
            for m in self._acronym_re.finditer(doc.text):
                i = j = bisect.bisect_left(starts, m.start())
                while j < len(toks) and toks[j].end <= m.end():
                    j += 1
                if j > i and not self._backer(doc, i, j):
                    spans.extend(ActorMention(i, j, a, "acronym") for a in self.lexicon.acronyms[m.group(1)])
        aliases = self.lexicon.aliases
        for i in range(len(toks)):
            if doc.masked[i]:
                continue
            hit = doc.match_phrases(aliases, i)
            if hit:
                end, key, _form = hit
                if self._backer(doc, i, end):
                    continue
                spans.extend(ActorMention(i, end, a) for a in aliases.get(key) if not self._geography(a, key))
            state = self._state_force(doc, i)
            if state:
                spans.append(state)
        return _longest_first(spans, len(toks))

    def _backer(self, doc: Doc, i: int, j: int) -> bool:
        """"the U.N.-backed government", "الحكومة المدعومة من الأمم المتحدة": a backer, not a party."""
        toks = doc.tokens
        if not doc.arabic:
            return (j < len(toks) and toks[j].norm in self._backed_en
                    and doc.gap(j, j).lstrip(".").strip() == "-")
        k = i - 1
        if k >= 0 and toks[k].norm in self._backed_by:
            k -= 1
        return k >= 0 and self._word_role(doc, k) == "backed"

    def _geography(self, actor_idx: int, key: str) -> bool:
        """A neighbouring country's bare name ("تشاد", "Niger") is geography, not an actor:
        in this theatre such names mostly say where (borders, origins). Distant powers named
        bare ("روسيا", "Turkey") are actors."""
        a = self.lexicon.actors[actor_idx]
        if a.type != "state" or not a.country:
            return False
        info = self.gazetteer.countries.get(a.country)
        if info is None or not info.theatre:
            return False
        place = self.gazetteer.country_place(a.country)
        return place is not None and any(p.id == place.id for p, _a in self.gazetteer.lookup(key))

    def _word(self, doc: Doc, k: int) -> tuple[int, str] | None:
        """The actor word (vocab/actor_words.csv) starting at token k: (end token, role)."""
        hit = doc.match_phrases(self.words, k)
        return (hit[0], self.words.get(hit[1])[0]) if hit else None

    def _word_role(self, doc: Doc, k: int) -> str | None:
        hit = self._word(doc, k)
        return hit[1] if hit else None

    def _country_at(self, doc: Doc, k: int) -> str | None:
        """ISO-2 of a demonym at token k ("التشادي", "Malian"), or of a country's name ("تشاد", "Chad")."""
        if k >= len(doc.tokens):
            return None
        for f in doc.forms(k):
            iso = self.gazetteer.demonyms.get(f)
            if iso:
                return iso
        for f in doc.forms(k):
            for p, _a in self.gazetteer.lookup(f):
                if p.kind == "country":
                    return p.country
        return None

    def _state_force(self, doc: Doc, i: int) -> ActorMention | None:
        """A state's forces named by a force word and a demonym: "القوات المسلحة المالية",
        "مروحيات عسكرية فرنسية" (force word first, up to three fillers), "Malian soldiers"."""
        states = self.lexicon.states
        if doc.arabic:
            word = self._word(doc, i)
            if not word or word[1] != "force":
                return None
            k = word[0]
            for _ in range(3):
                more = self._word(doc, k)
                if not more or more[1] not in ("skip", "force"):
                    break
                k = more[0]
            iso = self._country_at(doc, k)
            return ActorMention(i, k + 1, states[iso], "demonym") if iso in states else None
        if not doc.tokens[i].upper:
            return None
        iso = self._country_at(doc, i)
        if iso not in states:
            return None
        word = self._word(doc, i + 1)
        if word and word[1] == "skip":
            word = self._word(doc, word[0])
        if word and word[1] == "force":
            return ActorMention(i, word[0], states[iso], "demonym")
        return None

    # -- per sentence --------------------------------------------------------------------------

    def by_sentence(self, doc: Doc, mentions: list[ActorMention], focus: str | None = None) -> dict[int, list[str]]:
        """Canonical actor names per sentence index, in order of first mention."""
        actors = self.lexicon.actors
        out: dict[int, list[str]] = {}
        for m in mentions:
            _add(out, doc.tok_sent[m.i], actors[m.actor].name)
        catch_alls = [(idx, a) for idx, a in self._catch_alls if focus in a.scope]
        if not catch_alls:
            return out
        words: dict[str, list[int]] = {}  # family -> sentences with a word of it ("terrorists")
        for k in range(len(doc.tokens)):
            role = self._word_role(doc, k)
            if role:
                words.setdefault(role, []).append(doc.tok_sent[k])
        for _idx, catch_all in catch_alls:
            family = [m for m in mentions if actors[m.actor].family == catch_all.family]
            if catch_all.country:
                # "Chadian rebels": unless the article names a group of that country's family
                if any(actors[m.actor].country == catch_all.country for m in family):
                    continue
                named: set[int] = set()
            else:
                # "Sahel jihadists": in the sentences that name no group of the family
                named = {doc.tok_sent[m.i] for m in family}
            for s in words.get(catch_all.family, ()):
                if s not in named:
                    _add(out, s, catch_all.name)
        return out


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
