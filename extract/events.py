"""What happened at each place: ACLED's event type and sub-event type, fatalities and injured.

The stage runs once the events (place mentions) of an article are built. For every sentence it

1. finds the **triggers** (``vocab/event_triggers.csv``: اشتباكات, غارة, عبوة ناسفة, abducted,
   protesters, seized ...), Arabic forms matched the way places are (the one normaliser, clitics via
   ``doc.forms``, the article ال and object pronouns set aside, a future سـ read as a plan);
2. drops the triggers a **modality** governs (``vocab/event_modality.csv``: negation, denial, threat,
   plan, call, condemnation, fear, prevention; each with how far it reaches);
3. **ties** the remaining triggers to the places of their clause: the strongest trigger of the
   clause (a specific weapon beats a bare "attack"), the nearest if several are as strong; a place
   named as where the attackers came from (من / from) or went to (إلى / towards) is not where a
   violent event happened, and a country or region that contains another place of the same event
   is left out;
4. resolves a **family** to ACLED's sub-event type: an attack, a killing or gunfire on civilians is
   Violence against civilians, on armed men a battle; a capture by state forces is "Government
   regains territory", by an armed group "Non-state actor overtakes territory"; a protest met with
   tear gas is "Protest with intervention", one with deaths "Excessive force against protesters";
   shelling from aircraft is an air strike; a defused bomb is "Disrupted weapons use";
5. reads the **tolls** (``vocab/event_casualties.csv`` and ``vocab/numbers.csv``): digits and
   number words attached to death and injury words, ACLED's conventions ("dozens" 12, "tens" 10,
   "hundreds" 100, where figures differ the lowest, separate tolls of different sides added up, a
   subset "including 3 children" not added), cumulative tolls ("since April", "منذ بداية العام")
   not counted, no number where the text gives none, 0 only where it says nobody died.

Every decision is kept as a :class:`Coding` so ``conflictmap explain`` can show why a point is a
battle. The stage reads only the vocabulary and the actor lexicon (never the gazetteer).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from ..core.geodesy import haversine_km
from ..core.textnorm import clitic_variants, strip_article
from ..geodata.lexicon import ActorLexicon, PhraseTable, Vocab
from .doc import Doc
from .model import Event

# -- ACLED's taxonomy -------------------------------------------------------------------------------

BAT, EXP, VAC, PRO, RIO, STR = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                                "Riots", "Strategic developments")

#: resolved trigger kind -> (event type, sub-event type)
TAXONOMY: dict[str, tuple[str, str]] = {
    "clash": (BAT, "Armed clash"),
    "regain": (BAT, "Government regains territory"),
    "overtake": (BAT, "Non-state actor overtakes territory"),
    "air": (EXP, "Air/drone strike"),
    "shelling": (EXP, "Shelling/artillery/missile attack"),
    "ied": (EXP, "Remote explosive/landmine/IED"),
    "suicide": (EXP, "Suicide bomb"),
    "grenade": (EXP, "Grenade"),
    "chemical": (EXP, "Chemical weapon"),
    "civilian_attack": (VAC, "Attack"),
    "sexual": (VAC, "Sexual violence"),
    "abduction": (VAC, "Abduction/forced disappearance"),
    "peaceful": (PRO, "Peaceful protest"),
    "intervention": (PRO, "Protest with intervention"),
    "excessive": (PRO, "Excessive force against protesters"),
    "riot": (RIO, "Violent demonstration"),
    "mob": (RIO, "Mob violence"),
    "agreement": (STR, "Agreement"),
    "arrest": (STR, "Arrests"),
    "change": (STR, "Change to group/activity"),
    "disrupted": (STR, "Disrupted weapons use"),
    "base": (STR, "Headquarters or base established"),
    "looting": (STR, "Looting/property destruction"),
    "transfer": (STR, "Non-violent transfer of territory"),
    "bodies": (STR, "Other"),
}

#: how strongly a trigger role says what happened; the strongest trigger of a clause wins
RANK: dict[str, float] = {
    "suicide": 6, "air": 5, "shelling": 5, "ied": 5, "grenade": 5, "chemical": 5,
    "clash": 4, "regain": 4, "capture": 4, "transfer": 4, "protest": 4, "riot": 4, "mob": 4,
    "abduction": 4, "arrest": 4, "sexual": 4, "atrocity": 4,
    "agreement": 3, "disrupted": 3, "base": 3,
    "explosion": 2,
    "attack": 1, "fire": 1, "kill": 1,
    "change": 0.5, "looting": 0.5, "bodies": 0.5,
}
#: families whose victims or target decide between a battle and violence against civilians
_TARGETED = frozenset({"attack", "kill", "fire"})
#: violent roles: a place named as their origin or destination is not where they happened
_VIOLENT = frozenset({"clash", "air", "shelling", "ied", "suicide", "grenade", "chemical", "explosion", "attack",
                      "kill", "atrocity", "fire", "sexual", "abduction"})
_EXPLOSIVE = frozenset({"ied", "explosion", "grenade", "suicide"})
_STATE_TYPES = frozenset({"state", "government", "armed_force"})
_NONSTATE_TYPES = frozenset({"armed_group", "tribe"})
#: how far (tokens) a trigger in another clause of the sentence may still reach a place
_NEAR_OTHER_CLAUSE = 12
_DIGITS = re.compile(r"^[وفب]?(\d+)$")
_THOUSANDS_GAP = (",", "٬", ".", "،")


# -- records ----------------------------------------------------------------------------------------

@dataclass(slots=True)
class Trigger:
    i: int
    j: int
    role: str
    text: str
    suppressed: str | None = None  # the modality that governs it ("denial: نفى")
    absorbed: str | None = None  # why another role was taken ("defused")


@dataclass(slots=True)
class Toll:
    """One number read for one kind of casualty."""

    kind: str  # death | injury
    value: int
    text: str
    side: str = "any"
    group: int = 0  # quantities coordinated with "and" share a group
    dropped: str | None = None  # subset | cumulative | range


@dataclass(slots=True)
class SentenceTolls:
    deaths: int | None = None
    injured: int | None = None
    read: list[Toll] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    anchor: int = -1  # token of the first casualty word (where the toll is)
    sides: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.deaths is None and self.injured is None


@dataclass(slots=True)
class Coding:
    """Why one event got its type and numbers (what ``conflictmap explain`` prints)."""

    event: Event
    trigger: Trigger | None = None
    kind: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    tie: str = ""
    fatalities: int | None = None
    injured: int | None = None
    tolls: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    _parts: list[tuple[str, int, str]] = field(default_factory=list)  # (kind, value, side) read for it


# -- matching ----------------------------------------------------------------------------------------

@lru_cache(maxsize=200_000)
def _ar_keys(norm: str) -> tuple[str, ...]:
    """A normalised Arabic token's lookup keys: as written, its clitics removed, without the article
    ال, without an object pronoun (قصفها, مقتلهم)."""
    out: list[str] = []
    for f in (norm, *clitic_variants(norm)):
        for g in (f, strip_article(f)):
            if g and g not in out:
                out.append(g)
    for g in list(out):
        for suf in ("هما", "هم", "ها", "ه"):
            if g.endswith(suf) and len(g) - len(suf) >= 3:
                stem = g[: -len(suf)]
                if stem not in out:
                    out.append(stem)
                break
    return tuple(out)


def _canon(tok: str) -> str:
    """A phrase word as it is keyed: an Arabic word without its article."""
    return strip_article(tok) or tok


class Lexicon:
    """Several vocab files in one longest-phrase lookup keyed by article-free Arabic forms."""

    def __init__(self, tables: dict[str, PhraseTable]) -> None:
        self.phrases: dict[str, list[tuple[str, tuple]]] = {}
        self.first: dict[str, int] = {}
        for name, table in tables.items():
            for key, rows in table.phrases.items():
                words = key.split(" ")
                ckey = " ".join(_canon(w) for w in words)
                bucket = self.phrases.setdefault(ckey, [])
                for row in rows:
                    if (name, row) not in bucket:
                        bucket.append((name, row))
                head = _canon(words[0])
                self.first[head] = max(self.first.get(head, 0), len(words))
        self.single_triggers = {k for k, rows in self.phrases.items() if " " not in k
                                and any(n == "event_triggers" for n, _ in rows)}

    def scan(self, doc: Doc) -> list[dict[str, tuple[int, tuple]]]:
        """For every token, the longest phrase of each file starting there: file -> (end, rows)."""
        toks = doc.tokens
        n = len(toks)
        canon = [_canon(t.norm) if t.arabic else t.norm for t in toks]
        out: list[dict[str, tuple[int, tuple]]] = [{} for _ in range(n)]
        first, phrases = self.first, self.phrases
        for i, t in enumerate(toks):
            keys = _ar_keys(t.norm) if t.arabic else (t.norm,)
            hits = out[i]
            sent = doc.tok_sent[i]
            for key in keys:
                longest = first.get(key)
                if not longest:
                    continue
                for L in range(min(longest, n - i), 0, -1):
                    if doc.tok_sent[i + L - 1] != sent:
                        continue
                    phrase = key if L == 1 else key + " " + " ".join(canon[i + 1 : i + L])
                    rows = phrases.get(phrase)
                    if rows is None:
                        continue
                    for name in {nm for nm, _ in rows}:
                        if name not in hits or hits[name][0] < i + L:
                            hits[name] = (i + L, tuple(r for nm, r in rows if nm == name))
                    break
        # a phrase inside a longer phrase of the same file is part of it ("قاعدة جوية" is no aircraft)
        reach: dict[str, int] = {}
        for i in range(n):
            hits = out[i]
            for name in list(hits):
                if reach.get(name, 0) > i:
                    del hits[name]
                else:
                    reach[name] = hits[name][0]
        return out


# -- the stage ---------------------------------------------------------------------------------------

class EventCoder:
    """Codes the events of one article (see the module docstring). Build once per process."""

    FILES = ("event_triggers", "event_modality", "event_words", "event_casualties", "numbers")

    def __init__(self, vocab: Vocab, actors: ActorLexicon | None = None) -> None:
        self.lex = Lexicon({name: vocab.table(name) for name in self.FILES})
        self.actors = actors

    # -- the one entry point -------------------------------------------------------------------
    def code(self, doc: Doc, events: Sequence[Event], ctx: object = None) -> list[Coding]:
        """Fill ``event_type``, ``sub_event_type``, ``fatalities`` and ``injured`` of ``events``
        (in place) and return the reasons, one :class:`Coding` per event."""
        codings = [Coding(e) for e in events]
        if not events or not doc.tokens:
            return codings
        a = _Article(self, doc)
        by_sent: dict[int, list[tuple[int, Coding]]] = {}
        for c in codings:
            i = a.token_at(c.event.start)
            by_sent.setdefault(doc.tok_sent[i], []).append((i, c))
        a.sent_tolls = {s: a.tolls(s) for s in a.sent_range}
        for s, items in by_sent.items():
            a.tie(s, items)
        a.adopt_orphans(by_sent)
        for c in codings:
            _finish(c)
        return codings


def _finish(c: Coding) -> None:
    e = c.event
    if c.kind is None:
        e.event_type = e.sub_event_type = None
        e.fatalities = e.injured = None
        return
    e.event_type, e.sub_event_type = TAXONOMY[c.kind]
    c.event_type, c.sub_event_type = e.event_type, e.sub_event_type
    for kind, attr in (("death", "fatalities"), ("injury", "injured")):
        parts = [(v, side) for k, v, side in c._parts if k == kind]
        value = combine(parts)
        setattr(e, attr, value)
        setattr(c, attr, value)


def combine(parts: list[tuple[int, str]]) -> int | None:
    """Tolls of one event read in several places: different sides (soldiers, attackers) are added
    up, ACLED-style; figures for the same people that differ give the lowest."""
    if not parts:
        return None
    sides = {side for _, side in parts}
    if len(parts) > 1 and "any" not in sides and len(sides) == len(parts):
        return sum(v for v, _ in parts)
    by_side: dict[str, int] = {}
    for v, side in parts:
        by_side[side] = min(v, by_side.get(side, v))
    specific = {s: v for s, v in by_side.items() if s != "any"}
    if len(specific) > 1:
        return sum(specific.values())
    return min(by_side.values())


class _Article:
    """The per-article work: lexicon hits, clauses, triggers, tolls."""

    def __init__(self, coder: EventCoder, doc: Doc) -> None:
        self.coder = coder
        self.doc = doc
        self.hits = coder.lex.scan(doc)
        self.starts = [t.start for t in doc.tokens]
        n = len(doc.tokens)
        # sentence token ranges
        self.sent_range: dict[int, tuple[int, int]] = {}
        for i, s in enumerate(doc.tok_sent):
            lo, _ = self.sent_range.get(s, (i, i))
            self.sent_range[s] = (lo, i + 1)
        # word roles by token (the longest phrase covering it) and phrase ends
        self.role_at: list[str | None] = [None] * n
        self.end_role: list[tuple[str, int] | None] = [None] * n  # (role, start) of a word phrase ending here
        for i in range(n):
            h = self.hits[i].get("event_words")
            if h:
                j, rows = h
                role = rows[0][0]
                if self.end_role[j - 1] is None or self.end_role[j - 1][1] > i:
                    self.end_role[j - 1] = (role, i)
        self._seg_cache: dict[int, list[tuple[int, int]]] = {}
        self.sent_tolls: dict[int, SentenceTolls] = {}
        self.triggers = self._triggers()

    # -- helpers -------------------------------------------------------------------------------
    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def roles(self, name: str, i: int) -> tuple[int, tuple[str, ...]] | None:
        h = self.hits[i].get(name)
        if not h:
            return None
        return h[0], tuple(r[0] for r in h[1])

    def has_role(self, name: str, i: int, *roles: str) -> int:
        """End token of a phrase of file ``name`` with one of ``roles`` starting at i, else 0."""
        h = self.hits[i].get(name)
        if h and any(r[0] in roles for r in h[1]):
            return h[0]
        return 0

    def words_in(self, lo: int, hi: int, *roles: str, name: str = "event_words") -> list[int]:
        return [k for k in range(lo, hi) if self.has_role(name, k, *roles)]

    def paragraph_break(self, s1: int, s2: int) -> bool:
        doc = self.doc
        lo, hi = min(s1, s2), max(s1, s2)
        return "\n\n" in doc.text[doc.sentences[lo][0] : doc.sentences[hi][1]]

    # -- clauses -------------------------------------------------------------------------------
    def segments(self, s: int) -> list[tuple[int, int]]:
        """Clauses of sentence s: split at ; : — and at words like بينما / while / but."""
        if s in self._seg_cache:
            return self._seg_cache[s]
        lo, hi = self.sent_range.get(s, (0, 0))
        cuts = [lo]
        for k in range(lo + 1, hi):
            gap = self.doc.gap(k, k)
            if any(ch in gap for ch in ";؛:—") or " - " in gap or " – " in gap or self.has_role("event_words", k, "boundary"):
                cuts.append(k)
        cuts.append(hi)
        segs = [(a, b) for a, b in pairwise(cuts) if b > a]
        self._seg_cache[s] = segs
        return segs

    def segment_of(self, s: int, i: int) -> tuple[int, int]:
        for a, b in self.segments(s):
            if a <= i < b:
                return a, b
        lo, hi = self.sent_range.get(s, (i, i + 1))
        return lo, hi

    # -- triggers ------------------------------------------------------------------------------
    def _triggers(self) -> list[Trigger]:
        doc, toks = self.doc, self.doc.tokens
        found: list[Trigger] = []
        n = len(toks)
        for i in range(n):
            h = self.hits[i].get("event_triggers")
            if h:
                j, rows = h
                found.append(Trigger(i, j, rows[0][0], doc.surface(i, j)))
            elif toks[i].arabic:
                fut = self._future(i)
                if fut:
                    found.append(Trigger(i, i + 1, fut, doc.surface(i, i + 1), suppressed="future: سـ"))
        # a trigger inside a longer one ("general strike" / "strike") is part of it
        found.sort(key=lambda t: (t.i, -(t.j - t.i)))
        kept: list[Trigger] = []
        reach = -1
        for t in found:
            if t.j <= reach and kept:
                continue
            kept.append(t)
            reach = max(reach, t.j)
        kept = [t for t in kept if t.role != "none"]
        for t in kept:
            self._modality(t)
            self._absorb(t)
        return kept

    def _future(self, i: int) -> str | None:
        """سيقصف / ستشن: the future prefix سـ on an imperfect verb the lexicon lists (يقصف)."""
        for key in _ar_keys(self.doc.tokens[i].norm):
            if key.startswith("س") and len(key) > 3 and key[1] in "يتنا":
                rows = self.coder.lex.phrases.get(key[1:])
                if rows and key[1:] in self.coder.lex.single_triggers:
                    role = next((r[0] for nm, r in rows if nm == "event_triggers"), None)
                    if role and role != "none":
                        return role
        return None

    def _modality(self, t: Trigger) -> None:
        """A negation, denial, threat, plan, call ... before the trigger in its clause."""
        if t.suppressed:
            return
        doc = self.doc
        s = doc.tok_sent[t.i]
        a, _ = self.segment_of(s, t.i)
        k = t.i - 1
        while k >= a:
            h = self.hits[k].get("event_modality")
            if h:
                j, rows = h
                role, scope = rows[0][0], int(rows[0][1] or 0)
                if role != "none" and j <= t.i and (scope == 0 or t.i - j < scope):
                    t.suppressed = f"{role}: {doc.surface(k, j)}"
                    return
            k -= 1

    def _absorb(self, t: Trigger) -> None:
        """A bomb defused, found or seized is a disrupted weapon, not an explosion."""
        if t.role not in _EXPLOSIVE:
            return
        s = self.doc.tok_sent[t.i]
        a, _ = self.segment_of(s, t.i)
        for k in range(max(a, t.i - 4), t.i):
            end = self.has_role("event_triggers", k, "disrupted") or self.has_role("event_words", k, "neutralize")
            if end:
                t.absorbed = f"neutralised: {self.doc.surface(k, end)}"
                t.role = "disrupted"
                return

    # -- which place, which type -------------------------------------------------------------------
    def tie(self, s: int, items: list[tuple[int, Coding]]) -> None:
        trig = [t for t in self.triggers if self.doc.tok_sent[t.i] == s]
        live = [t for t in trig if not t.suppressed]
        for i, c in items:
            c.suppressed = [f"{t.text} ({t.suppressed})" for t in trig if t.suppressed]
            a, b = self.segment_of(s, i)
            cands = [t for t in live if a <= t.i < b]
            where = "in its clause"
            if not cands:
                cands = [t for t in live if min(abs(t.i - i), abs(t.j - 1 - i)) <= _NEAR_OTHER_CLAUSE]
                where = "in the sentence, another clause"
            if not cands:
                c.tie = "no trigger in its sentence" if not trig else "every trigger of its sentence is suppressed"
                continue
            best = max(cands, key=lambda t: (RANK.get(t.role, 0), -min(abs(t.i - i), abs(t.j - 1 - i))))
            prep, prep_role = self.preposition(i)
            if prep_role in ("origin", "destination") and best.role in _VIOLENT:
                c.tie = f"not tied: named as {prep_role} ({prep}) of {best.text}"
                continue
            c.trigger = best
            c.kind = self.resolve(best, a, b)
            c.tie = (f"trigger {where}, {abs(best.i - i)} tokens away"
                     + (f", after {prep_role} '{prep}'" if prep else ""))
        self._drop_containers(items)
        self._drop_landmarks(items)
        self._assign_tolls(s, items)

    def preposition(self, i: int) -> tuple[str, str | None]:
        """The preposition before a place (skipping cue nouns and adjectives), and its role."""
        doc = self.doc
        tok = doc.tokens[i]
        if tok.arabic and tok.norm[:1] == "ب" and tok.norm not in self.coder.lex.first:
            return "بـ", "locative"
        lo = self.sent_range.get(doc.tok_sent[i], (0, 0))[0]
        k = i - 1
        steps = 0
        while k >= lo and steps < 5:
            er = self.end_role[k]
            if er and er[0] in ("origin", "destination", "locative", "near"):
                return doc.surface(er[1], k + 1), er[0]
            if self.hits[k].get("event_triggers") or doc.tokens[k].is_digit:
                break
            k -= 1
            steps += 1
        return "", None

    def _drop_containers(self, items: list[tuple[int, Coding]]) -> None:
        """A country (or region) around another place of the same event is not a second event."""
        tied = [c for _, c in items if c.kind]
        for c in tied:
            e = c.event
            if e.kind not in ("country", "region"):
                continue
            for o in tied:
                if o is c or o.trigger is not c.trigger or o.event.kind in ("country", "region"):
                    continue
                inside = (e.kind == "country" and o.event.country == e.country) or (
                    e.kind == "region" and _km(e, o.event) <= max(e.uncertainty_km, 50.0))
                if inside:
                    c.kind = None
                    c.tie = f"not tied: {e.place_name} contains {o.event.place_name}, the place of {c.trigger.text}"
                    c.trigger = None
                    break

    def _drop_landmarks(self, items: list[tuple[int, Coding]]) -> None:
        """In X near Y / في X بالقرب من Y: Y only says where X is."""
        first_tied: dict[int, int] = {}
        for i, c in sorted(items, key=lambda x: x[0]):
            if not c.kind or c.trigger is None:
                continue
            key = id(c.trigger)
            if key not in first_tied:
                first_tied[key] = i
                continue
            prep, role = self.preposition(i)
            if role == "near":
                c.kind = None
                c.tie = f"not tied: a landmark ({prep}) for the place of {c.trigger.text}"
                c.trigger = None

    def resolve(self, t: Trigger, a: int, b: int) -> str:
        """The trigger's sub-event kind, from its clause."""
        role = t.role
        if role in ("air", "shelling", "ied", "suicide", "grenade", "chemical", "clash", "transfer", "sexual",
                    "abduction", "agreement", "change", "disrupted", "base", "looting", "bodies", "riot", "mob"):
            if role == "shelling" and self._aircraft(a, b):
                return "air"
            if role == "abduction":
                return "abduction"
            return role
        if role == "explosion":
            return "air" if self._aircraft(a, b) else "ied"
        if role in ("capture", "regain"):
            if role == "capture" and self.words_in(t.j, min(b, t.j + 4), "weapon"):
                return "disrupted"
            side = self.subject_side(t, a, b)
            if side == "nonstate":
                return "overtake"
            return "regain"
        if role == "arrest":
            return "abduction" if self.subject_side(t, a, b) == "nonstate" and not self.words_in(
                a, b, "state") else "arrest"
        if role == "atrocity":
            return "civilian_attack"
        if role == "protest":
            return self._protest(a, b)
        if role in _TARGETED:
            if self.words_in(a, b, "protester"):
                return "excessive"
            if role == "attack" and self._aircraft(a, b):
                return "air"
            return self._target(t, a, b)
        return "clash"

    def _aircraft(self, a: int, b: int) -> bool:
        return any(self.has_role("event_triggers", k, "air") for k in range(a, b)) or bool(
            self.words_in(a, b, "aircraft"))

    def _protest(self, a: int, b: int) -> str:
        roles = {t.role for t in self.triggers if a <= t.i < b and not t.suppressed}
        if roles & {"kill", "fire"} or self._deaths_in(a, b):
            return "excessive"
        if self.words_in(a, b, "violent") or "looting" in roles:
            return "riot"
        if self.words_in(a, b, "intervention") or "arrest" in roles:
            return "intervention"
        return "peaceful"

    def _deaths_in(self, a: int, b: int) -> bool:
        return any(self.has_role("event_casualties", k, "death") for k in range(a, b))

    def _target(self, t: Trigger, a: int, b: int) -> str:
        """Who was hit — the words after the trigger (up to "by", the attackers) and the victims of
        the sentence's tolls: civilians only (villagers, a market, a man) → violence against
        civilians; anyone armed → a battle."""
        civ = armed = False
        toks = self.doc.tokens
        for k in range(t.j, b):
            if toks[k].norm in ("by",):
                break
            civ |= bool(self.has_role("event_words", k, "civilian"))
            armed |= bool(self.has_role("event_words", k, "armed"))
        st = self.sent_tolls.get(self.doc.tok_sent[t.i])
        if st is not None:
            for tl in st.read:
                if tl.dropped is None:
                    civ |= tl.side == "civilian"
                    armed |= tl.side in ("state", "nonstate")
        if civ and not armed:
            return "civilian_attack"
        return "clash"

    def subject_side(self, t: Trigger, a: int, b: int) -> str | None:
        """state | nonstate: who did it — the actor nearest the trigger on its subject side."""
        doc = self.doc
        sides: list[tuple[int, str]] = []
        for k in range(a, b):
            h = self.hits[k].get("event_words")
            if h:
                for role, *_ in h[1]:
                    if role in ("state", "nonstate"):
                        sides.append((k, role))
        lex = self.coder.actors
        if lex is not None:
            k = a
            while k < b:
                m = doc.match(lex.aliases.phrases, lex.aliases.first, k)
                idx: tuple[int, ...] = ()
                end = k + 1
                if m:
                    end, key, _f = m
                    idx = lex.aliases.phrases[key]
                elif doc.tokens[k].text in lex.acronyms:
                    idx = lex.acronyms[doc.tokens[k].text]
                for x in idx:
                    typ = lex.actors[x].type
                    if typ in _STATE_TYPES:
                        sides.append((k, "state"))
                    elif typ in _NONSTATE_TYPES:
                        sides.append((k, "nonstate"))
                k = end
        if not sides:
            return None
        after = [(k - t.j, sd) for k, sd in sides if k >= t.j]
        before = [(t.i - k, sd) for k, sd in sides if k < t.i]
        passive = t.j < len(doc.tokens) and doc.tokens[t.j].norm in ("by", "to")
        if doc.arabic:
            order = [x for x in after if x[0] <= 4] or before or after
        elif passive:
            order = after or before
        else:
            order = before or after
        return min(order)[1] if order else None

    # -- tolls -------------------------------------------------------------------------------------
    def tolls(self, s: int) -> SentenceTolls:
        lo, hi = self.sent_range.get(s, (0, 0))
        out = SentenceTolls()
        if not any(self.has_role("event_casualties", k, "death", "injury", "casualty") for k in range(lo, hi)):
            return out
        return _TollReader(self, lo, hi, out).read()

    def _assign_tolls(self, s: int, items: list[tuple[int, Coding]]) -> None:
        st = self.sent_tolls.get(s)
        tied = [(i, c) for i, c in items if c.kind]
        if st is None or st.empty or not tied:
            return
        _i, c = min(tied, key=lambda x: (abs(x[0] - st.anchor), x[0]))
        _add_tolls(c, st, "its sentence")

    def adopt_orphans(self, by_sent: dict[int, list[tuple[int, Coding]]]) -> None:
        """A toll or a trigger in a sentence that names no place ("Two soldiers were killed.")
        belongs to the event of the sentence before it in the same paragraph."""
        tolls = self.sent_tolls
        typed_sents = sorted(s for s, items in by_sent.items() if any(c.kind for _, c in items))
        for s, st in tolls.items():
            if st.empty or s in by_sent:
                continue
            prev = [t for t in typed_sents if s - 2 <= t < s and not self.paragraph_break(t, s)]
            if not prev:
                continue
            target = prev[-1]
            tied = [c for _, c in by_sent[target] if c.kind]
            holder = next((c for c in tied if c._parts), tied[0])
            _add_tolls(holder, st, f"sentence {s + 1}, which names no place")
        # a trigger without a place: the untyped places of the sentence before (or after) it
        trig_sents: dict[int, list[Trigger]] = {}
        for t in self.triggers:
            if not t.suppressed:
                trig_sents.setdefault(self.doc.tok_sent[t.i], []).append(t)
        for s, ts in trig_sents.items():
            if s in by_sent:
                continue
            for target in (s - 1, s + 1):
                items = by_sent.get(target)
                if not items or self.paragraph_break(s, target):
                    continue
                untyped = [(i, c) for i, c in items if c.kind is None and not c.tie.startswith("not tied")]
                if not untyped or any(c.kind for _, c in items):
                    continue
                best = max(ts, key=lambda t: RANK.get(t.role, 0))
                lo, hi = self.sent_range[s]
                kind = self.resolve(best, lo, hi)
                for _i, c in untyped:
                    if c.event.kind == "country" and len(untyped) > 1:
                        continue
                    c.trigger, c.kind = best, kind
                    c.tie = f"trigger in sentence {s + 1}, which names no place"
                break


def _add_tolls(c: Coding, st: SentenceTolls, where: str) -> None:
    if st.deaths is not None:
        c._parts.append(("death", st.deaths, st.sides.get("death", "any")))
    if st.injured is not None:
        c._parts.append(("injury", st.injured, st.sides.get("injury", "any")))
    for tl in st.read:
        c.tolls.append(f"{tl.kind} {tl.value} from '{tl.text}'" + (f" (not counted: {tl.dropped})" if tl.dropped else "")
                       + f" [{where}]")
    c.tolls.extend(f"{n} [{where}]" for n in st.notes)


def _km(e: Event, o: Event) -> float:
    return haversine_km(e.lat, e.lon, o.lat, o.lon)


# -- reading numbers -----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Qty:
    i: int
    j: int
    value: int | None  # None: a vague quantity ("a number of")
    kind: str | None = None
    side: str = "any"
    group: int = -1
    dropped: str | None = None


class _TollReader:
    """The tolls of one sentence (token range lo..hi)."""

    def __init__(self, art: _Article, lo: int, hi: int, out: SentenceTolls) -> None:
        self.a = art
        self.doc = art.doc
        self.lo, self.hi = lo, hi
        self.out = out

    def cas(self, k: int) -> tuple[int, str, int | None, str] | None:
        """A casualty word at k: (end, role, count, side)."""
        h = self.a.hits[k].get("event_casualties")
        if not h:
            return None
        j, rows = h
        for role, count, side in rows:
            if role in ("death", "injury", "casualty", "person"):
                return j, role, int(count) if count else None, side or "any"
        return None

    def role(self, k: int, *roles: str) -> int:
        return self.a.has_role("event_casualties", k, *roles)

    def read(self) -> SentenceTolls:
        qs = self.quantities()
        self.attach(qs)
        self.coordinate(qs)
        self.drop(qs)
        implicit = self.implicit(qs)
        zero = self.zeros(qs)
        out = self.out
        for kind, attr in (("death", "deaths"), ("injury", "injured")):
            mine = [q for q in qs if q.kind == kind and q.value is not None]
            live = [q for q in mine if not q.dropped]
            for q in mine:
                out.read.append(Toll(kind, q.value, self.doc.surface(q.i, q.j), q.side, q.group, q.dropped))
            value, side = self.total(live)
            if value is None and implicit.get(kind):
                value, side = implicit[kind]
                out.read.append(Toll(kind, value, implicit[kind + "_text"], side))  # type: ignore[arg-type]
            if value is None and kind in zero:
                value, side = 0, "any"
                out.notes.append(f"{kind} 0: '{zero[kind]}'")
            if value is None and any(q.kind == kind and q.value is None for q in qs):
                out.notes.append(f"{kind}: a vague number, none given")
            setattr(out, attr, value)
            if value is not None:
                out.sides[kind] = side
        anchors = [k for k in range(self.lo, self.hi) if self.role(k, "death", "injury", "casualty")]
        out.anchor = anchors[0] if anchors else self.lo
        return out

    # numbers ------------------------------------------------------------------------------------
    def quantities(self) -> list[_Qty]:
        doc, toks = self.doc, self.doc.tokens
        out: list[_Qty] = []
        k = self.lo
        while k < self.hi:
            m = _DIGITS.match(toks[k].norm)
            if m:
                v, j = int(m.group(1)), k + 1
                while j < self.hi and re.fullmatch(r"\d{3}", toks[j].norm) and doc.gap(j, j) in _THOUSANDS_GAP:
                    v, j = v * 1000 + int(toks[j].norm), j + 1
                if 1900 <= v <= 2100 and j - k == 1 and self._yearish(k):
                    k = j
                    continue
                out.append(_Qty(k, j, v))
                k = j
                continue
            h = self.a.hits[k].get("numbers")
            if h and toks[k].norm not in ("a", "an"):
                j, rows = h
                role, value = rows[0][0], int(rows[0][1])
                if role == "vague":
                    out.append(_Qty(k, j, None))
                    k = j
                    continue
                v = value
                # compounds: three hundred, ثلاثة آلاف, خمسة وعشرون, twenty five
                while j < self.hi:
                    h2 = self.a.hits[j].get("numbers")
                    if not h2:
                        break
                    r2, v2 = h2[1][0][0], int(h2[1][0][1])
                    if r2 == "multiplier" and v < v2:
                        v, j = v * v2, h2[0]
                    elif r2 == "cardinal" and v >= 20 and v2 < v and ((v % 10 == 0 and v2 < 10) or v % 100 == 0):
                        v, j = v + v2, h2[0]
                    elif r2 == "cardinal" and v < 10 and 20 <= v2 <= 90 and toks[j].norm[:1] in "وف":
                        v, j = v + v2, h2[0]  # خمسة وعشرون
                    else:
                        break
                out.append(_Qty(k, j, v))
                k = j
                continue
            k += 1
        return out

    def _yearish(self, k: int) -> bool:
        """A four-digit number that is a year (the casualty rules would skip it anyway)."""
        nxt = self.cas(k + 1) if k + 1 < self.hi else None
        return not (nxt and nxt[1] in ("death", "injury", "person"))

    # which casualty word a number counts ----------------------------------------------------------
    def attach(self, qs: list[_Qty]) -> None:
        """A casualty word right after the number (19 قتيلا, 5 killed), else right before it (مقتل
        ثلاثة, killing 5), else after its victim noun (5 soldiers were killed)."""
        for q in qs:
            if q.j < self.hi and (c := self.cas(q.j)) and c[1] in ("death", "injury"):
                q.kind = c[1]
                continue
            if self.left(q):
                continue
            self.right(q)

    def _person_after(self, q: _Qty) -> int:
        """Skip the victim noun after a number ("15 soldiers"); set its side."""
        k = q.j
        if k < self.hi:
            c = self.cas(k)
            if c and c[1] == "person":
                q.side = c[3]
                return c[0]
        return k

    def right(self, q: _Qty) -> bool:
        """N soldiers were killed / N people reportedly died (not across "and": N soldiers and
        the wounded ...; not into the next conjunct of an Arabic list: ثلاثة مقاتلين وإصابة)."""
        k = self._person_after(q)
        steps = 0
        toks = self.doc.tokens
        while k < self.hi and steps <= 5:
            c = self.cas(k)
            if toks[k].norm == "and" or (toks[k].arabic and toks[k].norm[:1] == "و" and k > q.j):
                return False
            if c and c[1] in ("death", "injury"):
                q.kind = c[1]
                return True
            if c and c[1] == "person" and q.side == "any":
                q.side = c[3]
            elif self.role(k, "aux", "approx"):
                pass
            elif (self.doc.tokens[k].is_digit or self.a.hits[k].get("numbers")
                  or self.a.has_role("event_words", k, "origin", "destination", "locative", "boundary")
                  or self.role(k, "subset") or self.a.hits[k].get("event_triggers")):
                return False
            k = (self.a.hits[k].get("event_casualties") or (k + 1, ()))[0] if self.cas(k) else k + 1
            steps += 1
        return False

    def left(self, q: _Qty) -> bool:
        """killing N / مقتل N / death toll rose to N / أسفرت عن مقتل ما لا يقل عن N."""
        k = q.i - 1
        steps = 0
        while k >= self.lo and steps < 5:
            er = self._ending(k)
            if er is None:
                return False
            role, start, _row = er
            if role in ("death", "injury"):
                q.kind = role
                self._person_after(q)
                return True
            if role not in ("approx", "rise"):
                return False
            k = start - 1
            steps += 1
        return False

    def _ending(self, k: int) -> tuple[str, int, tuple | None] | None:
        """The casualty-file phrase ending at token k (longest), as (role, start, row)."""
        for start in range(k, max(self.lo, k - 4) - 1, -1):
            h = self.a.hits[start].get("event_casualties")
            if h and h[0] == k + 1:
                role = h[1][0][0]
                return role, start, h[1][0]
        return None

    def coordinate(self, qs: list[_Qty]) -> None:
        """N1 soldiers and N2 civilians were killed: the numbers of a list share the casualty word,
        and are added up; 10 to 15 / between 10 and 15 is a range (the lower is kept)."""
        group = 0
        for a_, b_ in pairwise(qs):
            if a_.value is None or b_.value is None:
                continue
            between = [k for k in range(a_.j, b_.i)]
            gap_text = self.doc.text[self.doc.tokens[a_.j - 1].end : self.doc.tokens[b_.i].start]
            words = [self.doc.tokens[k].norm for k in between]
            if not words and re.fullmatch(r"\s*[-–]\s*", gap_text):
                b_.dropped = "range: the lower figure is kept"
                continue
            if words in (["to"], ["or"], ["او"], ["الى"]) or (
                    words in (["and"],) and a_.i > 0 and self.doc.tokens[a_.i - 1].norm in ("between", "بين")):
                b_.dropped = "range: the lower figure is kept"
                if b_.kind is None:
                    b_.kind = a_.kind
                if a_.kind is None:
                    a_.kind = b_.kind
                continue
            if not words and self.doc.tokens[b_.i].norm[:1] == "و" and self.doc.tokens[a_.i - 1].norm == "بين":
                b_.dropped = "range: the lower figure is kept"
                continue
            persons = [k for k in between if (self.cas(k) or (0, ""))[1] == "person"]
            joiner = ("and" in words or "&" in gap_text or "," in gap_text or "،" in gap_text
                      or self.doc.tokens[b_.i].norm[:1] == "و")
            if joiner and len(between) - len(persons) - words.count("and") <= 1 and len(between) <= 3:
                if a_.kind and b_.kind and a_.kind != b_.kind:
                    continue
                if a_.group < 0:
                    group += 1
                    a_.group = group
                b_.group = a_.group
                a_.kind = a_.kind or b_.kind
                b_.kind = b_.kind or a_.kind
                if b_.side == "any":
                    self._person_after(b_)

    def drop(self, qs: list[_Qty]) -> None:
        """A subset ("including 3 children") and a cumulative toll ("since April") do not count."""
        for q in qs:
            if q.kind is None or q.dropped:
                continue
            for k in range(max(self.lo, q.i - 3), q.i):
                if self.role(k, "subset"):
                    q.dropped = f"a subset ({self.doc.surface(k, self.role(k, 'subset'))})"
                    break
            if q.dropped:
                continue
            span = self.cumulative(max(self.lo, q.i - 14), min(self.hi, q.j + 14))
            if span:
                q.dropped = f"cumulative ({span})"

    def cumulative(self, lo: int, hi: int) -> str | None:
        for k in range(lo, hi):
            end = self.role(k, "cumulative")
            if end:
                return self.doc.surface(k, end)
            end = self.role(k, "since")
            if end:
                after = range(end, min(hi, end + 3))
                if not any(self.role(x, "short_span") for x in after):
                    return self.doc.surface(k, min(hi, end + 2))
            end = self.role(k, "during")
            if end:
                after = range(end, min(hi, end + 4))
                if any(self.role(x, "long_span") for x in after):
                    return self.doc.surface(k, min(hi, end + 3))
        return None

    def implicit(self, qs: list[_Qty]) -> dict[str, object]:
        """قتيلا (one dead), مقتل جندي (a soldier killed), a civilian was killed: 1; قتيلين: 2."""
        out: dict[str, object] = {}
        covered = {k for q in qs for k in range(q.i, q.j + 2)}
        toks = self.doc.tokens
        for k in range(self.lo, self.hi):
            c = self.cas(k)
            if not c or c[1] not in ("death", "injury") or c[1] in out:
                continue
            kind = c[1]
            if any(q.kind == kind for q in qs) or k in covered:
                continue
            if c[2]:  # قتيلا, جريحين
                if self.cumulative(max(self.lo, k - 12), min(self.hi, k + 12)):
                    continue
                out[kind], out[kind + "_text"] = (c[2], "any"), self.doc.surface(k, c[0])
                continue
            # the victim noun next to it
            for p in [c[0], c[0] + 1] + ([k - 1, k - 2, k - 3] if not self.doc.arabic else []):
                if not (self.lo <= p < self.hi):
                    continue
                pc = self.cas(p)
                if not pc or pc[1] != "person" or not pc[2]:
                    continue
                if p > k and p == c[0] + 1 and toks[c[0]].norm not in ("a", "an", "one", "the"):
                    continue
                if not self.doc.arabic and p < k and not (p > self.lo and toks[p - 1].norm in ("a", "an", "one")):
                    continue
                if self.cumulative(max(self.lo, k - 12), min(self.hi, k + 12)):
                    break
                out[kind], out[kind + "_text"] = (pc[2], pc[3]), self.doc.surface(min(p, k), max(pc[0], c[0]))
                break
        return out

    def zeros(self, qs: list[_Qty]) -> dict[str, str]:
        """No casualties / no one was killed / دون وقوع أي أضرار بشرية: 0."""
        out: dict[str, str] = {}
        for k in range(self.lo, self.hi):
            c = self.cas(k)
            if not c or c[1] not in ("death", "injury", "casualty"):
                continue
            for x in range(max(self.lo, k - 5), k):
                if self.role(x, "negation", "nobody") and not any(x < q.i < k for q in qs):
                    text = self.doc.surface(x, c[0])
                    kinds = ("death", "injury") if c[1] == "casualty" else (c[1],)
                    for kind in kinds:
                        out.setdefault(kind, text)
                    break
        return out

    @staticmethod
    def total(live: list[_Qty]) -> tuple[int | None, str]:
        if not live:
            return None, "any"
        groups: dict[int, list[_Qty]] = {}
        for n, q in enumerate(live):
            groups.setdefault(q.group if q.group >= 0 else -1 - n, []).append(q)
        parts = []
        for g in groups.values():
            sides = {q.side for q in g}
            side = sides.pop() if len(sides) == 1 else "mixed"
            parts.append((sum(q.value or 0 for q in g), side))
        if len(parts) == 1:
            return parts[0]
        v = combine([(val, side if side != "mixed" else "any") for val, side in parts])
        return v, "any"


def explain_lines(codings: Iterable[Coding]) -> list[str]:
    """Plain-text reasons, one block per event (the CLI adds colour)."""
    lines: list[str] = []
    for c in codings:
        e = c.event
        head = f"{e.mention} → {e.place_name} ({e.kind})"
        if c.kind:
            lines.append(f"{head}: {c.event_type} / {c.sub_event_type}")
            lines.append(f"  trigger '{c.trigger.text}' ({c.trigger.role}"  # type: ignore[union-attr]
                         + (f"; {c.trigger.absorbed}" if c.trigger and c.trigger.absorbed else "") + f") — {c.tie}")
            lines.append(f"  killed: {_num(c.fatalities)}   injured: {_num(c.injured)}")
        else:
            lines.append(f"{head}: no event — {c.tie}")
        for t in c.tolls:
            lines.append(f"  read: {t}")
        for s in c.suppressed:
            lines.append(f"  suppressed: {s}")
    return lines


def _num(v: int | None) -> str:
    return "no number given" if v is None else str(v)


__all__ = ["TAXONOMY", "Coding", "EventCoder", "combine", "explain_lines"]
