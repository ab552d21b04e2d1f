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
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from itertools import accumulate, pairwise

from ..core.geodesy import haversine_km
from ..core.textnorm import clitic_variants, norm_text, strip_article
from ..geodata.lexicon import Actor, ActorLexicon, PhraseTable, Vocab
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
    "suicide": 6, "air": 5, "shelling": 5, "ied": 5, "grenade": 5,
    "chemical": 5.5,  # a chemical agent says the kind, whatever carried it ("shells filled with chlorine")
    "regain": 4.5, "capture": 4.5,  # a change of hands is what fighting there came to
    "clash": 4, "transfer": 4, "protest": 4, "riot": 4, "mob": 4,
    "abduction": 4, "arrest": 4, "sexual": 4, "atrocity": 4,
    "agreement": 3, "disrupted": 3, "base": 3,
    "explosion": 2,
    "attack": 1, "fire": 1, "kill": 1,
    "change": 0.5, "looting": 0.5, "bodies": 0.5,
}
#: a verb and its object read as one trigger (see _Article._verb_object): (verb role, noun role, trigger role)
_VERB_OBJECT = (("setup_verb", "base_noun", "base"), ("handover_verb", "post_noun", "transfer"),
                ("exchange_verb", "fire_object", "clash"), ("close_verb", "doors_noun", "none"))
#: the Arabic feminine ending of nouns (ة), which no verb has
_TAA_MARBUTA = "\u0629"
#: trigger roles of what two sides may exchange ("traded mortar fire": the shelling is the exchange's object)
_FIRED = frozenset({"shelling", "fire"})
#: how many words after such a verb (set up, أقام; سلم) its object may come
_SETUP_REACH = 5
#: the farthest a modality after its trigger reaches back (its negative scope): "reports of strikes on X
#: that it called baseless", التقارير عن ضربات على X بأنها عارية عن الصحة
_BACK_SCOPE = 10
#: the word roles that put a place after them (in, near, from, to, towards)
_PLACE_PREPS = ("locative", "near", "origin", "destination", "toward")
#: what a destination does not reach past ("to a military camp at X" is the camp at X, not where people went)
_NOT_IN_DESTINATION = frozenset(_PLACE_PREPS) | {"armed", "state", "nonstate"}
#: a second event at one place: a trigger of another event type this strong, this near
_ALSO_RANK = 3
_ALSO_REACH = 10
#: a resolved kind's strength, where it is weaker than its trigger's ("seized" cattle is looting)
KIND_RANK: dict[str, float] = {"looting": 0.5, "change": 0.5, "disrupted": 3, "arrest": 3.5, "transfer": 3}
#: strategic developments are not deadly: a killing that comes with one is a battle or an attack
_NOT_DEADLY = frozenset({"arrest", "change", "disrupted", "base", "looting", "transfer"})
#: what an attack takes or does on the way: coded as the attack where one is in the clause
_BOOTY = frozenset({"looting", "disrupted", "arrest"})
#: killings that make an arrest in their clause part of them ("arrested six men and executed them")
_ARREST_KILLING = frozenset({"kill", "atrocity"})
#: what the dead found somewhere can be told to have died of
_DEATH_CAUSE = frozenset({"kill", "atrocity", "clash"})
#: strategic developments whose name, heading a report ("Looting: ..."), says what the report tells
_LABELS = frozenset({"arrest", "agreement", "change", "disrupted", "base", "looting", "transfer"})
#: families whose victims or target decide between a battle and violence against civilians
_TARGETED = frozenset({"attack", "kill", "fire"})
#: what a running tally counts: killings, and bodies found ("since 2020, 350 bodies exhumed around X")
_TALLIED = frozenset({"kill", "bodies"})
#: what a protest may be against or answer, told as an event of its own (see _Article._grievance_mark)
_GRIEVANCE_ROLES = frozenset({"attack", "kill", "fire", "atrocity"})
#: modalities that govern some kinds only: talks make no agreement, withdrawal, change or base (what is discussed
#: is not done; "discussed the clashes in X" tells them), a release sought no abduction
_MODAL_ONLY = {"talks": frozenset({"agreement", "transfer", "change", "base"}), "release": frozenset({"abduction"}),
               "state": frozenset({"capture"})}
#: violent roles: a place named as their origin or destination is not where they happened
_VIOLENT = frozenset({"clash", "air", "shelling", "ied", "suicide", "grenade", "chemical", "explosion", "attack",
                      "kill", "atrocity", "fire", "sexual", "abduction"})
#: a killing whose victims the text does not say were armed is violence against civilians
_KILLING = frozenset({"kill"})
#: what a sentence framed by the fighting told before may report as an event of its own ("During the clashes,
#: mortar shells fell on X": the shelling); a killing, an attack or a gunfight there is that fighting's
_FRAME_PART = frozenset({"attack", "kill", "fire", "atrocity", "clash", "none"})
#: how many words from "representatives of" (ممثلون عن) to the side's place ("... of the towns of X and Y")
_PARTY_REACH = 5
#: quotation marks: a number word quoted alone ("dozens") still counts its noun
_QUOTES = frozenset({'"', "“", "”", "«", "»"})
#: how many sentences back a protest told makes "the protesters" of a later one that crowd
_CROWD_BACK = 3
#: how many words from a frame word ("during", خلال) to its event noun ("during Saturday's fighting")
_FRAME_REACH = 3
_EXPLOSIVE = frozenset({"ied", "explosion", "grenade", "suicide"})
#: what can be only heard where the sound reached (blasts, gunfire)
_HEARD = frozenset({"explosion", "fire"})
#: violence that protesters or a crowd commit (a riot, mob violence) rather than suffer
_CROWD_VIOLENCE = frozenset({"attack", "kill", "fire", "atrocity", "clash", "looting"})
_STATE_TYPES = frozenset({"state", "government", "armed_force"})
_NONSTATE_TYPES = frozenset({"armed_group", "tribe"})
#: how far (tokens) a trigger reaches a place in its clause, and in another clause of the sentence
_WINDOW = 20
#: how far a verb of taking place carries its event noun to the place after its locative ("clashes broke out ... near X")
_OCCUR_REACH = 40
_NEAR_OTHER_CLAUSE = 12
#: a trigger's strength (RANK) loses this much per token of distance to the place
_DIST_WEIGHT = 0.25
#: ... beyond this many tokens (nearer triggers are all "near": the stronger wins)
_NEAR = 8
_OTHER_CLAUSE_COST = 6
#: how far (tokens) a toll may be from the place or trigger of the event it is counted for
_TOLL_REACH = 25
#: an event the text places nowhere is looked for in the article's first sentences only
_LEAD_SENTENCES = 3
#: endings of Arabic plural and dual nouns (sound masculine and feminine plurals, duals)
_AR_PLURAL = ("ون", "ين", "ات", "ان")
#: the ending of an Arabic verb that agrees with a plural subject already told (هاجموا، نهبوا): the
#: noun after such a verb is its object, not its subject
_AR_PLURAL_VERB = "وا"
#: last letters of an Arabic noun or of a verb form already inflected (ة ى ا ي و ت): no verb stem to conjugate
_AR_NOT_VERB_END = "ةىايوت"
_MIXED = "a count of the dead and the wounded together"
_POSSESSIVE = ("'s", "’s", "s'", "s’")
_DIGITS = re.compile(r"^[وفب]?(\d+)$")
_CLAUSE_CUT = re.compile(r"[;؛:—]| [-–] ")
#: a digit that ends a word (12, ١٥, و20; not 20km)
_DIGIT_END = re.compile(r"\d(?!\w)")
_NUMBER_ROLES = ("cardinal", "approx", "multiplier", "vague")
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
    """One reading of a toll: a number (or 0, or a number a word implies) for deaths or injuries."""

    kind: str  # death | injury
    value: int
    text: str
    pos: int  # token where it was read
    side: str = "any"  # whose toll: civilian | state | nonstate | any
    group: int = -1  # numbers of one list ("3 soldiers and 1 civilian") share a group and add up
    how: str = "number"  # number | approx ("dozens": only without a figure) | implicit (قتيلا) | zero
    total: bool = False  # said to be the total ("in total", "a total of")
    dropped: str | None = None  # why it does not count: a subset, cumulative, the upper end of a range
    where: str = "its sentence"
    more: bool = False  # "2 other soldiers", "another man": adds to the figure told before it
    days: int = 1  # told over several days ("over three days of fighting"): ACLED codes one event a day

    def describe(self) -> str:
        what = {"number": "", "approx": " (an approximate word, ACLED's reading)", "implicit": " (implied by the word)",
                "zero": " (nobody)", "among": " (named among the dead: only without another figure)"}[self.how]
        what += " (more victims: added)" if self.more else ""
        what += f" (over {self.days} days: shared out)" if self.days > 1 else ""
        return (f"{self.kind} {self.value}{what} from '{self.text}'"
                + (f" — not counted: {self.dropped}" if self.dropped else "") + f" [{self.where}]")


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
    tolls: list[Toll] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    #: other kinds of event the same clause reports at this place (each becomes an event of its own)
    also: list[tuple[Trigger, str]] = field(default_factory=list)
    #: the place heads its paragraph ("Zintan: ..."): the event is dated by its trigger's words, not the place's
    headed: bool = False


@dataclass(slots=True)
class Untied:
    """What an article tells that no place of its own took (:meth:`EventCoder.code` fills it when asked):
    character spans of triggers the pipeline codes at a headline's town or at the article's country."""

    #: no place took an event: the first live trigger of the lead (first three sentences), else None
    unplaced: tuple[int, int] | None = None
    #: after the lead, per paragraph that names no place of its own (or only where an authority sits),
    #: its strongest plain report of an event (:meth:`_Article.orphans`)
    orphans: list[tuple[int, int]] = field(default_factory=list)


# -- matching ----------------------------------------------------------------------------------------

@lru_cache(maxsize=200_000)
def _ar_keys(norm: str) -> tuple[str, ...]:
    """A normalised Arabic token's lookup keys: as written, its clitics removed, without the article
    ال, without an object pronoun (قصفها, مقتلهم, قتلوهم -> قتلوا)."""
    out: list[str] = []
    for f in (norm, *clitic_variants(norm)):
        for g in (f, strip_article(f)):
            if g and g not in out:
                out.append(g)
    for g in list(out):
        for suf in ("هما", "هم", "ها", "ه"):
            if g.endswith(suf) and len(g) - len(suf) >= 3:
                stem = g[: -len(suf)]
                # the plural verb drops its alif before a pronoun: قتلوهم is قتلوا + هم
                for st in (stem, stem + "ا") if stem.endswith("و") else (stem,):
                    if st not in out:
                        out.append(st)
                break
    return tuple(out)


def en_stem(word: str) -> str:
    """A crude English stem that puts a verb's regular forms together: attack, attacks, attacked,
    attacking -> attack; seize, seized, seizing -> seiz; kidnapped -> kidnap; rallied -> rally."""
    w = word
    if len(w) <= 4:
        return w
    if w.endswith(("ied", "ies")):
        return w[:-3] + "y"
    for suf in ("ing", "ed"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            if w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # kidnapp -> kidnap (shell stays)
            return w[:-1] if w.endswith("e") else w
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w[:-1] if w.endswith("e") else w


def en_gerund(word: str) -> bool:
    """An English -ing verb form ("taking", "stealing"): after "and" it opens a verb phrase of its own."""
    return len(word) > 5 and word.endswith("ing") and word.isalpha()


def _ar_definite(norm: str) -> bool:
    """An Arabic token with the definite article, behind a clitic too (الهجوم، والانفجار، فالهجوم)."""
    return strip_article(norm) is not None or any(strip_article(v) is not None for v in clitic_variants(norm))


def _canon(tok: str) -> str:
    """A phrase word as it is keyed: an Arabic word without its article."""
    return strip_article(tok) or tok


#: the trigger file: a trigger word stays seen inside another file's longer phrase (:meth:`Lexicon.scan`)
_TRIGGERS = "event_triggers"
#: roles of a single word kept inside another file's longer phrase too ("two security sources said": the
#: number counts sources)
_KEPT_INSIDE = frozenset({"source_noun"})


class Lexicon:
    """Several vocab files in one longest-phrase lookup keyed by article-free Arabic forms."""

    def __init__(self, tables: dict[str, PhraseTable]) -> None:
        self.phrases: dict[str, list[tuple[str, tuple]]] = {}
        self.first: dict[str, int] = {}
        for name, table in tables.items():
            for key, rows in table.phrases.items():
                kept = [r for r in rows if r[0] not in _ON_DEMAND]
                if not kept:
                    continue
                words = key.split(" ")
                ckey = " ".join(_canon(w) for w in words)
                bucket = self.phrases.setdefault(ckey, [])
                for row in kept:
                    if (name, row) not in bucket:
                        bucket.append((name, row))
                head = _canon(words[0])
                self.first[head] = max(self.first.get(head, 0), len(words))
        self.single_triggers = {k for k, rows in self.phrases.items() if " " not in k
                                and any(n == "event_triggers" for n, _ in rows)}
        #: an English verb listed in its past form (attacked, opened fire, rounded up) is matched in
        #: its other regular forms too (attacks, attacking; opens fire; rounding up): stem -> listed word
        self.en_verbs: dict[str, str] = {}
        verb_roles = {"event_triggers": None, "event_casualties": {"death", "injury"}}
        for name, roles in verb_roles.items():
            for key, rows in tables[name].phrases.items() if name in tables else ():
                head = key.split(" ")[0]
                if head.isascii() and head.endswith("ed") and len(head) > 4 and \
                        any(r[0] != "none" and (roles is None or r[0] in roles) for r in rows):
                    self.en_verbs.setdefault(en_stem(head), head)
        #: an Arabic verb trigger listed in its masculine perfect (احتجز, اعتصم) is matched in its feminine
        #: (احتجزت) and plural (احتجزوا) forms too, where those are not listed themselves: form -> listed word
        self.ar_verbs: dict[str, str] = {}
        for key, rows in tables["event_triggers"].phrases.items() if "event_triggers" in tables else ():
            if " " not in key and not key.isascii() and 3 <= len(key) <= 5 and key[-1] not in _AR_NOT_VERB_END \
                    and any(r[0] != "none" for r in rows):
                for form in (key + "ت", key + "وا"):
                    if form not in self.phrases:
                        self.ar_verbs.setdefault(form, key)
        #: a token's normalised form -> its keys that can start a phrase, with the longest length
        self._heads: dict[str, tuple[tuple[str, int], ...]] = {}
        self._future: dict[str, str | None] = {}
        # phrase -> file -> (rows, roles): what scan() stores for a match
        self._hit_cache: dict[str, dict[str, tuple[tuple, frozenset[str]]]] = {}
        #: first words of what makes a sentence worth reading: triggers, death and injury words,
        #: protest violence and intervention, accidents, no resistance (a sentence with none of them is skipped)
        self._anchors: set[str] = set()
        self._anchor: dict[str, bool] = {}
        wanted = {"event_triggers": None, "event_casualties": {"death", "injury", "casualty"},
                  "event_words": {"violent", "intervention", "accident", "fire_verb", "unopposed", "take_verb",
                                  "setup_verb", "handover_verb"}}
        for key, bucket in self.phrases.items():
            if any(name in wanted and (wanted[name] is None or row[0] in wanted[name])  # type: ignore[operator]
                   for name, row in bucket):
                self._anchors.add(key.split(" ")[0])
        #: every proper word prefix of a listed phrase ("تبادل إطلاق" of "تبادل إطلاق النار")
        self._prefixes: set[str] = set()
        for key in self.phrases:
            words = key.split(" ")
            self._prefixes.update(" ".join(words[:k]) for k in range(1, len(words)))
        for key, bucket in self.phrases.items():
            by_file: dict[str, list[tuple]] = {}
            for name, row in bucket:
                by_file.setdefault(name, []).append(row)
            self._hit_cache[key] = {nm: (tuple(rows), frozenset(r[0] for r in rows)) for nm, rows in by_file.items()}

    def _en_keys(self, norm: str) -> tuple[str, ...]:
        """An English word the lexicon does not list: the listed past form of its verb, where it is an
        inflected form of one (attacks, attacking -> attacked); a bare stem is not ("fire", "march")."""
        if norm.endswith(("s", "ed", "ing")) and len(norm) > 4:
            form = self.en_verbs.get(en_stem(norm))
            if form:
                return (norm, form)
        return (norm,)

    def _ar_lex_keys(self, norm: str) -> tuple[str, ...]:
        """An Arabic word's lookup keys (:func:`_ar_keys`) and, for a feminine or plural perfect of a listed
        verb (اعتصموا, احتجزت), the listed masculine form."""
        keys = _ar_keys(norm)
        verbs = self.ar_verbs
        extra = tuple(verbs[k] for k in keys if k in verbs)
        return keys + extra if extra else keys

    def future_role(self, norm: str) -> str | None:
        """سيقصف / ستشن: the future prefix سـ on an imperfect verb the lexicon lists (يقصف) —
        the trigger's role, read as a plan; cached per word."""
        if norm in self._future:
            return self._future[norm]
        role = None
        if "س" in norm[:3]:
            for key in _ar_keys(norm):
                if key.startswith("س") and len(key) > 3 and key[1] in "يتنا" and key[1:] in self.single_triggers:
                    role = next((r[0] for nm, r in self.phrases[key[1:]] if nm == "event_triggers"), None)
                    if role == "none":
                        role = None
                    if role:
                        break
        self._future[norm] = role
        return role

    def scan(self, doc: Doc) -> tuple[list[dict[str, tuple[int, tuple, frozenset[str]]]], list[int]]:
        """For every token, the longest phrase of each file starting there: file -> (end, rows,
        roles); and the tokens that start any. A phrase inside a longer phrase of the same file is
        part of it ("قاعدة جوية" is no aircraft); a single word inside another file's longer phrase
        is too, unless it is a trigger."""
        toks = doc.tokens
        n = len(toks)
        tok_sent = doc.tok_sent
        first, cache, heads = self.first, self._hit_cache, self._heads
        out: list[dict] = [_NO_HITS] * n
        found_at: list[int] = []
        if len(heads) > _CACHE_WORDS:  # a long run meets ever new words: keep the cache bounded
            heads.clear()
            self._future.clear()
            self._anchor.clear()
        get = heads.get
        cands_all = [get(t.norm) for t in toks]
        canon: list[str | None] = [None] * n
        reach: dict[str, int] = {}
        anchor, anchors = self._anchor, self._anchors
        for i in [i for i, c in enumerate(cands_all) if c is None]:  # words not seen before
            t = toks[i]
            keys = self._ar_lex_keys(t.norm) if t.arabic else (t.norm,) if t.norm in first else self._en_keys(t.norm)
            cands_all[i] = heads[t.norm] = tuple((key, first[key]) for key in keys if key in first)
            anchor[t.norm] = any(key in anchors for key, _ in cands_all[i])  # type: ignore[union-attr]
        # only sentences where something may happen are read: one look per word
        aget = anchor.get
        live = {tok_sent[i] for i, t in enumerate(toks) if aget(t.norm)}
        prefixes = self._prefixes
        for i in [i for i, c in enumerate(cands_all) if c and tok_sent[i] in live]:
            cands = cands_all[i]
            hits: dict | None = None
            sent = tok_sent[i]
            for key, _longest in cands:  # type: ignore[union-attr]
                # grow the phrase one word at a time while it is the start of a listed phrase;
                # keep each file's longest listed one
                phrase, L, found = key, 1, cache.get(key)
                while True:
                    if found is not None:
                        if hits is None:
                            hits = {}
                        for name, (rows, roles) in found.items():
                            if name not in hits or hits[name][0] < i + L:
                                hits[name] = (i + L, rows, roles)
                    if not (phrase in prefixes and i + L < n and tok_sent[i + L] == sent):
                        break
                    x = i + L
                    w = canon[x]
                    if w is None:
                        w = canon[x] = _canon_token(toks[x].norm) if toks[x].arabic else toks[x].norm
                    phrase = phrase + " " + w
                    L += 1
                    found = cache.get(phrase)
            if hits and len(hits) > 1:
                # a single word of one file inside another file's longer phrase is part of that phrase
                # ("at" of "at least", "a" of "a dozen" or "a group of"), unless it is a trigger: "mortar
                # rounds" is a fire object and "mortar" still the trigger, "tear gas grenades" no
                # grenade and still tear gas
                longest = max(end for end, _, _ in hits.values())
                if longest > i + 1:
                    for name in [nm for nm, h in hits.items()
                                 if h[0] == i + 1 and nm != _TRIGGERS and h[2].isdisjoint(_KEPT_INSIDE)]:
                        del hits[name]
            if hits:
                for name in list(hits):
                    if reach.get(name, 0) > i:
                        del hits[name]
                    else:
                        reach[name] = hits[name][0]
                if hits:
                    out[i] = hits
                    found_at.append(i)
        return out, found_at


_NO_HITS: dict = {}
#: roles of common words ("in", "for", في, "they", ثم) looked up only where asked (EventCoder.on_demand),
#: never scanned
_ON_DEMAND = frozenset({"over_days", "then", "them", "place_noun", "partitive", "clause_that", "cause", "resumptive",
                        "reflexive"})
#: how many distinct words the lexicon remembers between articles
_CACHE_WORDS = 300_000


@lru_cache(maxsize=200_000)
def _canon_token(norm: str) -> str:
    return _canon(norm)


# -- the stage ---------------------------------------------------------------------------------------

class EventCoder:
    """Codes the events of one article (see the module docstring). Build once per process."""

    FILES = ("event_triggers", "event_modality", "event_words", "event_casualties", "numbers", "months")

    def __init__(self, vocab: Vocab, actors: ActorLexicon | None = None) -> None:
        self.lex = Lexicon({name: vocab.table(name) for name in self.FILES})
        self.actors = actors
        self.units = vocab.units  # km, كلم, miles: "11 km from X"
        #: common words read only where a rule asks: duration before a count of days ("over", "in", في),
        #: 'then' and 'them' after people taken ("and later executed them", ثم)
        roles = vocab.roles.get("event_casualties", {})
        self.on_demand = {role: roles.get(role, frozenset()) for role in _ON_DEMAND}
        self.on_demand["place_noun"] = vocab.roles.get("event_words", {}).get("place_noun", frozenset())
        #: words that situate a place by another ("Ber, located 60 km east of Timbuktu", بير، الواقعة شرقي تمبكتو):
        #: the relative grammar's, read here so the second place is no event place
        self.locating = vocab.roles.get("relative_grammar", {}).get("locating", frozenset())
        #: "to", إلى as written (with و/ف or nothing before them, no pronoun after): where people went
        self.destination = vocab.roles.get("event_words", {}).get("destination", frozenset())

    # -- the one entry point -------------------------------------------------------------------
    def code(self, doc: Doc, events: list[Event], ctx: object = None, untied: Untied | None = None) -> list[Coding]:
        """Fill ``event_type``, ``sub_event_type``, ``fatalities`` and ``injured`` of ``events``
        (in place) and return the reasons, one :class:`Coding` per event. Where one clause reports
        two kinds of event at a place ("clashes and air strikes in X"), the second is added to
        ``events`` as a copy of the mention (event id + ``#2``) with its own type. With ``untied``,
        also what no place took (read from the same scan of the text)."""
        codings = [Coding(e) for e in events]
        if not doc.tokens:
            return codings
        if not events:
            if untied is not None:
                _Article(self, doc).untied(codings, untied)
            return codings
        a = _Article(self, doc)
        by_sent: dict[int, list[tuple[int, Coding]]] = {}
        spans = sorted({(c.event.start, c.event.end) for c in codings})
        reach = list(accumulate((en for _st, en in spans), max))  # the furthest end of spans[:k + 1]
        for c in codings:
            i = a.token_at(c.event.start)
            inside = _inside(c.event, spans, reach)
            owner = None if inside is not None else a.possessed(c.event, i, spans)
            if inside is not None:  # "الحدود مع ليبيا", "the border with Libya": Libya names the border's side
                c.tie = f"not tied: part of the place '{doc.text[inside[0]:inside[1]]}'"
            elif owner is not None:  # "Tripoli's southern suburb of X", "Libya's Murzuq": it only locates X
                c.tie = f"not tied: it locates the place after it ('{doc.text[owner[0]:owner[1]]}')"
            elif a.forces_of(c.event):  # "Chad forces bombarded ...": whose forces, not where
                c.tie = "not tied: it names whose forces they are"
            elif a.stance_of(c.event, i):  # "anti-Chad placards", "a pro-Tripoli militia": a stance, not where
                c.tie = "not tied: it names what a stance is for or against"
            else:
                by_sent.setdefault(doc.tok_sent[i], []).append((i, c))
            a.place_tokens.update(range(i, a.end_of(c.event)))
            if doc.arabic and c.event.place_name_ar:
                a.place_names[i] = _ar_name(c.event.place_name_ar)
        a.place_sents = set(by_sent)
        a.taken_places((i, a.end_of(c.event) - 1) for items in by_sent.values()
                       for i, c in items)
        for s, items in by_sent.items():
            a.tie(s, items)
        a.headed_paragraphs(by_sent)
        a.adopt_orphans(by_sent)
        a.ground_assault(by_sent)
        a.answered_later(by_sent)
        a.headline_riot(codings)
        a.note_label(codings)
        _one_place_per_incident(codings)
        a.toll_to_quarter(codings, spans)
        for c in codings:
            if c.kind in _NOT_DEADLY and c.tolls and (toll_value(c.tolls, "death") or 0) > 0 and c.trigger:
                c.kind = "civilian_attack" if a._target(c.trigger, *a.window(c.trigger)) == "civilian_attack" \
                    else "clash"
                c.tie += "; people were killed, so not a strategic development"
            elif c.kind == "abduction" and c.trigger and a.taken_and_killed(c.trigger, c.tolls):
                c.kind = "civilian_attack"
                c.tie += "; people were killed too, and ACLED codes an abduction with deaths as an attack"
            elif c.kind == "bodies" and (killing := a.killing_told()) is not None \
                    and (toll_value(c.tolls, "death") or 0) > 0:
                c.kind = a.bodies_kind(killing, c.tolls)
                c.tie += f"; the text tells how they died ('{killing.text}'), so that killing, not bodies found"
            _finish(c)
        extra: list[Coding] = []
        for c in codings:
            for n, (t, kind) in enumerate(c.also, start=2):
                e = replace(c.event, event_id=f"{c.event.event_id}#{n}", actors=list(c.event.actors))
                x = Coding(e, trigger=t, kind=kind, tie=f"a second kind of event in the clause of {c.event.mention}")
                if t.i in a.headed:  # "Zintan: ... signed a truce. The feud had turned deadly last week when ..."
                    x.tie, x.headed = f"told later in the paragraph that {c.event.mention} heads", True
                elif t.i in a.grievances:
                    x.tie = f"what the protest at {c.event.mention} is against, told as an event of its own"
                if t.i in a.headed or t.i in a.grievances:  # the dead told after it are its own
                    x.tolls = [tl for tl in c.tolls if tl.pos > t.i]
                    c.tolls = [tl for tl in c.tolls if tl.pos <= t.i]
                    _finish(c)
                _finish(x)
                extra.append(x)
        if extra:
            at = {id(c.event): n for n, c in enumerate(codings)}
            for x in reversed(extra):
                src = x.event.event_id.rsplit("#", 1)[0]
                pos = next(n for n, e in enumerate(events) if e.event_id == src)
                events.insert(pos + 1, x.event)
            codings = sorted(codings + extra, key=lambda c: (at.get(id(c.event), -1), c.event.event_id))
        if untied is not None:
            a.untied(codings, untied)
        return codings

    @staticmethod
    def lone_country(focus: str | None, actor_countries: Iterable[str | None], theatre: Iterable[str]) -> str | None:
        """The country of an event the text places nowhere: the article's focus (its places and
        demonyms), else the one country of the actors it names (FAMa, the Malian army: Mali) — only a
        country of the theatre, and only one ("French troops" name who came, not where)."""
        allowed = set(theatre)
        if focus in allowed:
            return focus
        found = {c for c in actor_countries if c in allowed}  # "French troops" neither decide nor block
        return next(iter(found)) if len(found) == 1 else None

    @staticmethod
    def home_country(actor: Actor) -> str | None:
        """The one country an actor acts in, for ``lone_country``: its own (FAMa, MNLA: Mali), else the
        one country of its scope (MINUSMA, a UN mission: Mali); None for one that acts in several
        (AQIM, the Tuareg, a Sahel-wide catch-all)."""
        return actor.country or (actor.scope[0] if len(actor.scope) == 1 else None)

    def inspect(self, doc: Doc) -> list[tuple[int, list[Trigger], list[Toll]]]:
        """Per sentence with a trigger or a toll: (sentence index, triggers, tolls) — what the
        stage reads in a text whether or not it names a place (``conflictmap explain``)."""
        if not doc.tokens:
            return []
        a = _Article(self, doc)
        out = []
        for s in sorted(a.sent_range):
            trig = [t for t in a.triggers if doc.tok_sent[t.i] == s]
            tolls = a.tolls(s)
            if trig or tolls:
                out.append((s, trig, tolls))
        return out


def _inside(e: Event, spans: list[tuple[int, int]], reach: list[int] | None = None) -> tuple[int, int] | None:
    """The span of a longer place mention that contains ``e``'s mention, else None. ``reach[k]``:
    the furthest end of ``spans[:k + 1]`` (when given, most mentions are answered without a scan)."""
    k = bisect.bisect_right(spans, (e.start, 10**12))
    if reach is not None and spans[k - 1] == (e.start, e.end):
        # the spans that start where e does end at or before it; one that starts before e must reach e's end
        j = bisect.bisect_left(spans, (e.start, -1))
        if j == 0 or reach[j - 1] < e.end:
            return None
    for st, en in reversed(spans[:k]):
        if en >= e.end and (st, en) != (e.start, e.end):
            return st, en
    return None


@lru_cache(maxsize=20_000)
def _ar_name(name: str) -> str:
    """A place's Arabic name as its mention's first token is normalised, without the article."""
    first = norm_text(name).split(" ")[0]
    return strip_article(first) or first


def _vague(e: Event) -> bool:
    return e.kind in ("country", "region") or e.geo_precision >= 3


#: how far past a region's radius a town may lie and still be in it ("north-eastern Mali" is drawn as
#: a point with a radius; Menaka, 320 km from that point, is in it)
_REGION_SLACK = 1.25


def _one_place_per_incident(codings: list[Coding]) -> None:
    """An article that reports an event at a town and the same kind of event in the region or
    country around it ("an air raid on Murzuq" ... "the air attack in southern Libya") tells of one
    incident: it stays at the town, which takes the region's toll."""
    specific = [c for c in codings if c.kind and not _vague(c.event)]
    for c in codings:
        e = c.event
        if not c.kind or not _vague(e):
            continue
        etype = TAXONOMY[c.kind][0]
        inside = [o for o in specific if TAXONOMY[o.kind][0] == etype and (  # type: ignore[index]
            (e.kind == "country" and o.event.country == e.country)
            or (e.kind != "country" and _km(e, o.event) <= max(e.uncertainty_km * _REGION_SLACK, 50.0)))]
        if not inside:
            continue
        target = min(inside, key=lambda o: (not o.tolls, abs(o.event.start - e.start)))
        for t in c.tolls:
            t.where = f"{t.where}, said of {e.mention}"
            target.tolls.append(t)
        c.tolls = []
        c.tie = f"not tied: the same {etype.lower()} is placed at {target.event.place_name} in this article"
        c.kind, c.trigger = None, None


#: days apart that a city's toll and the event in a part of that city may be told and still be one incident
_INCIDENT_DAYS = 3


def _days_apart(e: Event, o: Event) -> int:
    """Days between two events' dates; none where neither has one (an undated text), many where one has."""
    if not e.event_date or not o.event_date:
        return 0 if e.event_date == o.event_date else 10_000
    return abs((date.fromisoformat(e.event_date) - date.fromisoformat(o.event_date)).days)


def _finish(c: Coding) -> None:
    e = c.event
    if c.kind is None:
        e.event_type = e.sub_event_type = None
        e.fatalities = e.injured = None
        return
    e.event_type, e.sub_event_type = TAXONOMY[c.kind]
    c.event_type, c.sub_event_type = e.event_type, e.sub_event_type
    if not c.tolls:
        e.fatalities = e.injured = c.fatalities = c.injured = None
        return
    e.fatalities = c.fatalities = toll_value(c.tolls, "death")
    e.injured = c.injured = toll_value(c.tolls, "injury")


def toll_value(tolls: Iterable[Toll], kind: str) -> int | None:
    """One event's figure from what was read for it: the numbers (a list added up; different sides
    added up, ACLED-style; differing figures for the same people: the lowest); else a number a
    word implies (قتيلا, "a soldier was killed"); else 0 where the text says nobody; else None.
    Victims told as more than those before ("2 other soldiers", "another man") are added on top.
    A toll told over several days ("16 killed in two days of fighting") is shared out over them,
    as ACLED codes one event a day: 8 (at least 1)."""
    tolls = list(tolls)
    value = _toll_sum(tolls, kind)
    days = max((t.days for t in tolls if t.kind == kind and not t.dropped), default=1)
    return max(1, value // days) if value and days > 1 else value


def _toll_sum(tolls: list[Toll], kind: str) -> int | None:
    mine = [t for t in tolls if t.kind == kind and not t.dropped]
    more = [t for t in mine if t.more and t.how in ("number", "implicit")]
    if more:
        base = _toll_sum([t for t in mine if not t.more], kind)
        return (base or 0) + sum(t.value for t in more)
    nums = [t for t in mine if t.how == "number"]
    listed = {t.group for t in nums if t.group >= 0}  # "several rebels and one soldier": the list adds up (3 + 1)
    nums = nums + [t for t in mine if t.how == "approx" and t.group in listed] if listed else nums
    nums = nums or [t for t in mine if t.how == "approx"] or [t for t in mine if t.how == "among"]
    totals = [t.value for t in nums if t.total]
    if totals:
        return max(totals)
    if nums:
        groups: dict[int, list[Toll]] = {}
        for n, t in enumerate(nums):
            groups.setdefault(t.group if t.group >= 0 else -1 - n, []).append(t)
        parts = []
        for g in groups.values():
            sides = {t.side for t in g} - {"any"} or {"any"}
            if len(sides) > 1 and all(t.side != "any" for t in g) and len(groups) > 1:
                # a list of both sides beside another source's figure for one of them ("15 soldiers and 30
                # attackers were killed, while a source spoke of 20 soldiers"): side by side, the lowest each
                for sd in sides:
                    parts.append((sum(t.value for t in g if t.side == sd), sd))
                continue
            parts.append((sum(t.value for t in g), "+".join(sorted(sides))))  # "civilian+state": a list of both
        told = {sd for _, side in parts for sd in side.split("+")}
        if "any" not in told:  # "4 soldiers were killed" ... "the bomber was killed": another side, added
            parts += [(t.value, t.side) for t in mine if t.how == "implicit" and t.side != "any" and t.side not in told]
        return combine(parts)
    implied = [(t.value, t.side) for t in mine if t.how == "implicit"]
    if implied:
        return combine(implied)
    if any(t.how == "zero" for t in mine):
        return 0
    return None


def combine(parts: list[tuple[int, str]]) -> int | None:
    """Tolls of different sides (soldiers, attackers, civilians) are added up, ACLED-style; figures
    for the same people (or people not told apart) that differ give the lowest; the dead a teller
    admits "in its own ranks" are added to the others."""
    if not parts:
        return None
    by_side: dict[str, int] = {}
    for v, side in parts:
        by_side[side] = min(v, by_side.get(side, v))
    if "own" in by_side and len(by_side) > 1:  # "... two dead in its own ranks": the teller's side, added
        own = by_side.pop("own")
        return (combine(list((v, sd) for sd, v in by_side.items())) or 0) + own
    specific = {sd: v for sd, v in by_side.items() if sd != "any"}
    if len(specific) > 1:
        return sum(specific.values())
    return min(by_side.values())


class _Article:
    """The per-article work: lexicon hits, clauses, triggers, tolls."""

    def __init__(self, coder: EventCoder, doc: Doc) -> None:
        self.coder = coder
        self.doc = doc
        self.hits, self.hit_at = coder.lex.scan(doc)
        self.starts = [t.start for t in doc.tokens]
        n = len(doc.tokens)
        # sentence token ranges (tok_sent is ascending)
        tok_sent = doc.tok_sent
        self.sent_range: dict[int, tuple[int, int]] = {}
        i = 0
        while i < n:
            s = tok_sent[i]
            j = bisect.bisect_right(tok_sent, s, i)
            self.sent_range[s] = (i, j)
            i = j
        self._seg_cache: dict[int, list[tuple[int, int]]] = {}
        self._kinds: dict[int, str] = {}
        self._recall_cache: dict[int, list[int]] = {}
        self._join_cache: dict[int, list[int]] = {}
        self._actor_at: dict[int, str | None] = {}
        self._digits: list[int] | None = None
        # clause starts: after ; : or a dash (a dateline, a headline's parts), at بينما / while / but
        self._hard_cut = {bisect.bisect_left(self.starts, m.end()) for m in _CLAUSE_CUT.finditer(doc.text)}
        self._cuts = sorted(self._hard_cut)
        self._boundary: set[int] = set()
        self.toll_sents: set[int] = set()
        #: (file, role) -> tokens where a phrase with that role starts (ascending)
        pos: dict[tuple[str, str], list[int]] = {}
        self._pos = pos
        # the word phrase (role, start) ending at each token: the preposition before a place
        end_role: list[tuple[str, int] | None] = [None] * n
        self.end_role = end_role
        #: tokens where a modality phrase starts (ascending)
        self._mod_at: list[int] = []
        hits = self.hits
        for k in self.hit_at:
            h = hits[k]
            for name, hit in h.items():
                for role in hit[2]:
                    lst = pos.get((name, role))
                    if lst is None:
                        pos[name, role] = [k]
                    else:
                        lst.append(k)
            w = h.get("event_words")
            if w:
                e = end_role[w[0] - 1]
                if e is None or e[1] > k:
                    end_role[w[0] - 1] = (w[1][0][0], k)
                if "boundary" in w[2] or ("soft_boundary" in w[2] and k and doc.gap_has(k, ",،")):
                    self._boundary.add(k)
            c = h.get("event_casualties")
            if c and not c[2].isdisjoint(("death", "injury", "casualty", "among_dead", "running", "toll")):
                self.toll_sents.add(tok_sent[k])
            if "event_modality" in h:
                self._mod_at.append(k)
        self.place_sents: set[int] = set()
        #: tokens of the article's place mentions (set by EventCoder.code)
        self.place_tokens: set[int] = set()
        #: first token of a place mention -> the place's Arabic name, normalised (set by EventCoder.code)
        self.place_names: dict[int, str] = {}
        self._preps: dict[int, tuple[str, str | None]] = {}
        self._tolls: dict[int, list[Toll]] = {}
        #: triggers of an attack a protest is against, told as an event of its own (see :meth:`_grievance`)
        self.grievances: set[int] = set()
        #: triggers told in a headed paragraph after its heading sentence: events of their own at the heading
        self.headed: set[int] = set()
        #: sentence -> the coding of the place that heads its paragraph ("Zintan: ...")
        self.headings: dict[int, Coding] = {}
        self.triggers = self._triggers()
        self.by_sent: dict[int, list[Trigger]] = {}
        self._group_by_sentence()
        for t in self.triggers:
            if t.role in _TALLIED and not t.suppressed and (tally := self._tally(t, self.doc.tok_sent[t.i])):
                t.suppressed = f"a running tally, no one event: {tally}"
        self._tolls.clear()  # (a tally's sentence) read again once the places are known

    # -- helpers -------------------------------------------------------------------------------
    def _group_by_sentence(self) -> None:
        """:attr:`by_sent`: the triggers of each sentence, in text order."""
        self.by_sent = {}
        for t in self.triggers:
            self.by_sent.setdefault(self.doc.tok_sent[t.i], []).append(t)

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def end_of(self, e: Event) -> int:
        """One past the last token of an event's mention."""
        return self.token_at(max(e.end - 1, e.start)) + 1

    def has_role(self, name: str, i: int, *roles: str) -> int:
        """End token of a phrase of file ``name`` with one of ``roles`` starting at i, else 0."""
        h = self.hits[i].get(name)
        if h and not h[2].isdisjoint(roles):
            return h[0]
        return 0

    def words_in(self, lo: int, hi: int, *roles: str, name: str = "event_words") -> list[int]:
        """Tokens in lo..hi where a phrase of file ``name`` with one of ``roles`` starts."""
        if lo >= hi:
            return []
        index = self._pos
        out: list[int] = []
        for role in roles:
            pos = index.get((name, role))
            if pos:
                out += pos[bisect.bisect_left(pos, lo) : bisect.bisect_left(pos, hi)]
        return sorted(out) if len(roles) > 1 else out

    def lone_paragraph(self, s: int) -> bool:
        """Sentence s is a paragraph of its own."""
        doc = self.doc
        a, b = doc.sentences[s]
        before = doc.text[doc.sentences[s - 1][1] : a] if s > 0 else "\n\n"
        after = doc.text[b : doc.sentences[s + 1][0]] if s + 1 < len(doc.sentences) else "\n\n"
        return "\n\n" in before and "\n\n" in after

    def _heading(self, s: int, i: int, c: Coding) -> bool:
        """The place heads its paragraph in a round-up: the paragraph opens with its name and a colon
        ("Zintan: Elders signed a truce ...", "سرت: اعتقلت قوات الأمن ..."), so what the paragraph tells
        happened there."""
        doc = self.doc
        if i != self.sent_range[s][0] or s == 0:
            return False
        start = doc.sentences[s][0]
        if "\n\n" not in doc.text[doc.sentences[s - 1][1] : start] or doc.text[start : c.event.start].strip():
            return False
        return doc.text[c.event.end : c.event.end + 2].lstrip(" ").startswith(":")

    def paragraph_break(self, s1: int, s2: int) -> bool:
        doc = self.doc
        lo, hi = min(s1, s2), max(s1, s2)
        return "\n\n" in doc.text[doc.sentences[lo][0] : doc.sentences[hi][1]]

    def possessed(self, e: Event, i: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The span of the place an English possessive place names ("Tripoli's southern suburb of X",
        "Libya's Murzuq"): another place mention starting at most three words after it, in its sentence,
        with no trigger and no punctuation but the possessive between."""
        doc = self.doc
        if doc.arabic or not e.mention.endswith(_POSSESSIVE):
            return None
        end = self.end_of(e)
        hi = self.sent_range[doc.tok_sent[i]][1]
        k = bisect.bisect_left(spans, (e.end, -1))
        for st, en in spans[k : k + 3]:
            j = self.token_at(st)
            if j >= hi or j - end > 3:
                return None
            if j >= end and not any(self.hits[x].get("event_triggers") or doc.gap_has(x, ",;:()")
                                    for x in range(end, j + 1)):
                return st, en
        return None

    def forces_of(self, e: Event) -> bool:
        """A country named right before its forces ("Chad forces", "Mali troops"): an actor, no place."""
        if e.kind != "country" or self.hits[self.token_at(e.start)].get("event_triggers"):
            return False  # (an event the text places nowhere is anchored at its trigger, not at a name)
        k = self.end_of(e)
        if k >= len(self.doc.tokens) or self.doc.gap(k, k).strip():
            return False
        return bool(self.has_role("event_words", k, "armed", "state"))

    def stance_of(self, e: Event, i: int) -> bool:
        """A place glued to "anti-" or "pro-" ("anti-Chad placards", "pro-Tripoli groups"), or right
        after مناهضة / مؤيدة (لافتات مناهضة لتشاد): the words say what a stance is against or for;
        nothing happened there."""
        if i == 0 or not self.has_role("event_words", i - 1, "stance"):
            return False
        return self.doc.arabic or self.doc.gap(i, i) == "-"

    # -- clauses -------------------------------------------------------------------------------
    def segments(self, s: int) -> list[tuple[int, int]]:
        """Clauses of sentence s: split at ; : — and at words like بينما / while / but."""
        if s in self._seg_cache:
            return self._seg_cache[s]
        lo, hi = self.sent_range.get(s, (0, 0))
        inner = {*self._cuts[bisect.bisect_right(self._cuts, lo) : bisect.bisect_left(self._cuts, hi)],
                 *(k for k in self._boundary if lo < k < hi)}
        cuts = [lo, *sorted(inner), hi]
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
        future = self.coder.lex.future_role
        masked = doc.masked
        for i in self.hit_at:
            h = self.hits[i].get("event_triggers")
            if h and not (masked and masked[i]):  # a word of an actor's or outlet's name ("Macina Liberation Front")
                j, rows = h[0], h[1]
                found.append(Trigger(i, j, rows[0][0], doc.surface(i, j)))
        if doc.arabic:
            for i in [i for i, t in enumerate(toks) if "س" in t.norm[:3]]:
                if "event_triggers" not in self.hits[i] and (fut := future(toks[i].norm)):
                    found.append(Trigger(i, i + 1, fut, doc.surface(i, i + 1), suppressed="future: سـ"))
            found += self._split_fire(masked)
        found += self._verb_object()
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
        links = self._link_lines()
        for t in kept:
            if doc.tok_sent[t.i] in links:
                t.suppressed = "a link to another article (Read also: ...)"
                continue
            self._modality(t)
            self._absorb(t)
        return kept

    def _verb_object(self) -> list[Trigger]:
        """A verb and its object a few words on in its sentence (its subject between, in Arabic), one trigger from
        the verb to the noun (:data:`_VERB_OBJECT`): a verb of setting up with a base or a headquarters ("established
        a forward base", أقام الجيش قاعدة متقدمة) is a base established; a verb of handing over with positions, a base
        or a town (سلم المتمردون مدينة X, تسلمت قوات الجيش مواقع الكتيبة) a non-violent transfer; a verb of exchanging with
        fire or shells ("rival brigades trade mortar fire", تبادل الطرفان القصف) an armed clash; a verb of closing with
        doors (أغلقت عدة مدارس أبوابها: schools or shops that shut their doors) no event."""
        out: list[Trigger] = []
        doc = self.doc
        tok_sent = doc.tok_sent
        for verb_role, noun_role, role in _VERB_OBJECT:
            for k in self.words_in(0, len(doc.tokens), verb_role):
                if doc.arabic and _ar_definite(doc.tokens[k].norm):
                    continue  # a noun with the article, not the verb (السلم: peace)
                end = self.hits[k]["event_words"][0]
                hi = min(self.sent_range[tok_sent[k]][1], end + _SETUP_REACH)
                nouns = self.words_in(end, hi, noun_role)
                if role == "clash":  # what is exchanged may be a trigger of its own ("trade mortar fire", تبادلوا القصف)
                    nouns = sorted({*nouns, *(x for x in range(end, hi)
                                              if (h := self.hits[x].get("event_triggers")) and h[2] & _FIRED)})
                # only its object between: no trigger, preposition, number or comma ("set up a checkpoint near the
                # base", "established in 2011, it has its headquarters in X")
                # (shops that shut their doors may have their town between: أغلقت عدة مدارس في X أبوابها)
                if nouns and not any(self.hits[x].get("event_triggers") or (role != "none" and (
                        doc.tokens[x].is_digit or self.has_role("event_words", x, *_PLACE_PREPS))) for x in range(end, nouns[0])) \
                        and not any(doc.gap_has(x, ",،;:") for x in range(end, nouns[0] + 1)):
                    found = self.hits[nouns[0]]
                    j = max(found[name][0] for name in ("event_words", "event_triggers") if name in found)
                    out.append(Trigger(k, j, role, doc.surface(k, j)))
        return out

    def taken_places(self, spans: Iterable[tuple[int, int]]) -> None:
        """A place that is the object of a verb of taking ("rebels took X", "have taken the town of X",
        "occupied X", احتل المسلحون مدينة X) or its subject in the passive ("X was occupied by ..."): ground
        captured, a capture trigger at the verb. A bare "took" or "occupied" is no trigger without its
        place ("took part", "took four hostages", "Islamist-occupied north")."""
        if ("event_words", "take_verb") not in self._pos:
            return  # no verb of taking in the article (most have none): nothing to look at
        doc = self.doc
        nouns = self.coder.on_demand["place_noun"]  # common words (town, of, مدينة): never scanned
        added = False
        for first, last in sorted(set(spans)):
            lo, hi = self.sent_range[doc.tok_sent[first]]
            k, steps = first - 1, 0
            while k >= lo and steps < 4 and not self.has_role("event_words", k, "take_verb"):
                if not (any(f in nouns for f in doc.forms(k)) or self.has_role("event_casualties", k, "determiner")
                        or (doc.arabic and (self.has_role("event_words", k, "state", "nonstate", "armed")
                                            or self.actor_side(k) is not None))):
                    k = lo - 1
                    break
                k, steps = k - 1, steps + 1
            verb = k if k >= lo and self.has_role("event_words", k, "take_verb") else -1
            if verb < 0 and not doc.arabic:  # passive: "X was occupied by the rebels"
                k = last + 1
                while k < hi and k - last <= 3 and self.has_role("event_casualties", k, "aux") and \
                        not self.has_role("event_words", k, "take_verb"):
                    k += 1
                end = self.has_role("event_words", k, "take_verb") if k < hi and k > last + 1 else 0
                if end and end < hi and self.has_role("event_words", end, "agent", "agent_to") and \
                        not self.has_role("event_casualties", end, "aux") and self.preposition(first)[1] != "origin":
                    verb = k
            if verb < 0 or self.hits[verb].get("event_triggers") or (verb > lo and not doc.arabic and (
                    doc.text[doc.tokens[verb].start - 1] in "-‐–" or self.has_role("event_casualties", verb - 1, "determiner")
                    or (self.end_role[verb - 1] or ("",))[0] in ("locative", "near"))):
                continue  # already a trigger ("took control"), or an adjective ("Islamist-occupied", "in occupied X")
            if any(t.i == verb for t in self.triggers):
                continue
            end = self.has_role("event_words", verb, "take_verb")
            t = Trigger(verb, end, "capture", doc.surface(verb, end))
            self._modality(t)
            self.triggers.append(t)
            added = True
        if added:
            self.triggers.sort(key=lambda x: x.i)
            self._group_by_sentence()

    def _split_fire(self, masked: list[bool] | None) -> list[Trigger]:
        """Arabic puts the subject between the verb and its noun: أطلق مسلحون النار على, فتح الجنود
        النار — gunfire, read at the verb (so the words after it are who fired, as for any verb)."""
        doc = self.doc
        out = []
        for k in self.words_in(0, len(doc.tokens), "fire_noun"):
            verbs = self.words_in(max(0, k - 4), k - 1, "fire_verb")
            if not verbs or self.hits[k].get("event_triggers"):
                continue
            v = verbs[-1]
            if doc.tok_sent[v] != doc.tok_sent[k] or (masked and masked[v]) or \
                    any(self.hits[x].get("event_triggers") for x in range(v, k)):
                continue
            out.append(Trigger(v, v + 1, "fire", doc.surface(v, k + 1)))
        return out

    def _link_lines(self) -> set[int]:
        """Sentences that are a link to another article ("Read also: ...", "اقرأ أيضًا: ..."): the
        headline they quote reports nothing of this article; their tolls are dropped too."""
        out = set()
        for s, (lo, hi) in self.sent_range.items():
            end = self.has_role("event_words", lo, "link")
            if end and end < hi and self.doc.gap_has(end, ":：|-–"):
                out.add(s)
        self.toll_sents -= out
        return out

    def _modality(self, t: Trigger) -> None:
        """A negation, denial, threat, plan, call ... before the trigger in its clause."""
        if t.suppressed:
            return
        doc = self.doc
        s = doc.tok_sent[t.i]
        if doc.sentences and doc.text[doc.sentences[s][1] - 1] in "?؟":
            t.suppressed = "a question"
            return
        a, b = self.segment_of(s, t.i)
        if t.role == "agreement" and self.words_in(max(a, t.i - 5), t.i, "breach") and \
                not self.words_in(t.j, min(b, t.j + 3), "made"):  # (not "breaching a truce brokered in May")
            t.suppressed = f"the agreement broken or framing the fighting: {doc.surface(max(a, t.i - 5), t.i)}"
            return
        if (t.role == "explosion" and self.words_in(t.j, min(b, t.j + 3), "heard")) or (
                t.role in _HEARD and self.words_in(max(a, t.i - 2), t.i, "heard")):
            # "blasts heard until dawn", سمع دوي الانفجارات في X, "they heard heavy gunfire", سمعوا إطلاق نار:
            # the sound, not an explosion or a gunfight where it reached ("gunfire was heard in X" is
            # how shooting in X is told: it stays)
            t.suppressed = "only heard: the sound of blasts or gunfire"
            return
        if t.role in ("transfer", "protest") and self._crowd_left(t, a, b):
            t.suppressed = "protesters leaving (withdrew, dispersed): the end of a protest, no transfer of ground"
            return
        if t.role in ("kill", "bodies") and self._mourned(t, a, b):
            t.suppressed = "the dead mourned or buried: a funeral, not a killing there"
            return
        back = self._told_before(t, a, b)
        if back:
            t.suppressed = back
            return
        if self._framing(t, s):
            t.suppressed = "a frame: the fighting told before, during which what the sentence tells happened"
            return
        if t.role == "change" and self.has_role("event_words", t.i, "convoy") and \
                self.words_in(t.j, min(b, t.j + 8), "goods") and \
                not any(not t.i <= k < t.j for k in self.words_in(a, b, "armed", "state", "nonstate")):
            t.suppressed = "a convoy of goods or aid: no move of forces"  # "a convoy of trucks carrying food reached X"
            return
        if self.has_role("event_words", t.i, "state_adj") and t.i > a and (
                self.has_role("event_words", t.i - 1, "anaphor")
                or doc.text[doc.tokens[t.i - 1].start : doc.tokens[t.i].start].rstrip().endswith(_POSSESSIVE)):
            t.suppressed = "an adjective: a state, not an event that day"  # "the besieged town", "Burkina's besieged north"
            return
        if t.role == "agreement" and (self.words_in(t.j, min(b, t.j + 2), "state_adj") or self.words_in(
                max(a, t.i - 2), t.i, "state_adj")) and not self.words_in(t.j, min(b, t.j + 3), "made"):
            # (not "a shaky truce brokered by the UN in May": the brokering is told)
            t.suppressed = "a truce in force (fragile, shaky): no signing"  # هدنة هشة, "a shaky ceasefire"
            return
        if self.has_role("event_words", t.i, "cut_verb") and not self.words_in(max(a, t.i - 8), min(b, t.j + 6),
                                                                                "body_part"):
            # "the town has been cut off by road for months", "they cut off the road": isolation, no mutilation
            # ("the hands of two men were cut off", قطعوا يد: the body part is told)
            t.suppressed = "cut off, with no hand or limb told: isolation or a road closed, no mutilation"
            return
        if t.role == "looting" and self._symbolic(t.i, a, b):
            t.suppressed = "a symbol burned (a flag, an effigy): a gesture, not violence"
            return
        if t.role in ("kill", "bodies", "looting"):  # the dead of a shipwreck or a road accident, houses a flood
            # destroyed, are no conflict event
            acc = self.words_in(max(a, t.i - 8), min(b, t.j + 8), "accident")
            if not acc and t.role == "bodies":
                acc = self._accident_before(s)  # "11 migrants drowned ... The coast guard recovered 11 bodies."
            if acc:
                t.suppressed = f"an accident, not violence: {doc.surface(acc[0], acc[0] + 1)}"
                return
        # "condemned the attack, saying the raid struck X": a modality does not reach past a report
        mods = self._mod_at
        # (a report word inside the modality's own phrase — "dismissed claims", "rejected the reports" — is its object)
        reports = [r for r in self.words_in(a, t.i - 1, "report") if not any(
            k < r < self.hits[k]["event_modality"][0] for k in mods[bisect.bisect_left(mods, r - 3) : bisect.bisect_left(mods, r)])]
        lo = reports[-1] + 1 if reports else a
        for k in reversed(mods[bisect.bisect_left(mods, lo) : bisect.bisect_left(mods, t.i)]):
            h = self.hits[k].get("event_modality")
            if h:
                j, rows = h[0], h[1]
                role, scope = rows[0][0], int(rows[0][1] or 0)
                if role == "negation" and t.i - j > (0 if doc.arabic else 1) and \
                        not self.has_role("event_modality", t.i - 1, "any"):
                    pass  # a negation reaches its word ("no (heavy) fighting", لم يقصف) or "any X" (لم تشهد أي
                    # اشتباكات); in لم تسجل الاشتباكات أي خسائر it is the losses that were not
                elif role == "call" and t.role in ("protest", "riot") and not self._called_for(t, a, k, j):
                    pass  # protesters demand things: "protesters called for the government to resign"
                elif t.role not in _MODAL_ONLY.get(role, (t.role,)):
                    pass  # "met to discuss the truce" is no agreement, but "discussed the clashes in X" tells them
                elif role not in ("none", "any") and (scope >= 0 or role == "habitual") and j <= t.i and \
                        t.i - j < (abs(scope) or _WINDOW):  # (what recurred reaches both ways: شهدت خلال السنوات الماضية هجمات)
                    if role == "prevent" and (t.role in _EXPLOSIVE or t.role == "shelling") and \
                            self.has_role("event_words", k, "foil"):
                        t.absorbed = f"foiled: {doc.surface(k, j)}"  # "foiled a suicide attack", أحبط تفجير عبوة:
                        t.role = "disrupted"  # ACLED's disrupted weapons use, not nothing
                        return
                    t.suppressed = f"{role}: {doc.surface(k, j)}"
                    return
        for k in range(t.j, min(b, t.j + _BACK_SCOPE)):  # (a negative scope reaches back: "... بأنها عارية عن الصحة")
            h = self.hits[k].get("event_modality")
            if not h or h[1][0][0] in ("none", "any", "negation"):
                continue
            role, scope = h[1][0][0], int(h[1][0][1] or 0)
            # اشتباكات وشيكة: a word after its noun; "a ceasefire must be agreed": the noun is the
            # subject of a modal verb right after it
            if (scope < 0 and k - t.j < -scope) or (role == "plan" and 0 < scope <= 3 and k - t.j <= 1
                                                    and not doc.arabic):
                t.suppressed = f"{role}: {doc.surface(k, h[0])}"
                return

    def _crowd_left(self, t: Trigger, a: int, b: int) -> bool:
        """Protesters as the subject of a verb of leaving ("the protesters withdrew", وأن المحتجين انسحبوا): the crowd
        goes home, no ground changes hands — and where a protest or a riot was told in the sentences before, the
        protester noun is that crowd, no new protest."""
        if t.role == "transfer":
            return bool(self.words_in(max(a, t.i - 3), t.i, "protester") or self.words_in(t.j, min(b, t.j + 2), "protester"))
        if not self.has_role("event_words", t.i, "protester") or not any(
                self.has_role("event_triggers", k, "transfer") for k in (*range(max(a, t.i - 2), t.i), *range(t.j, min(b, t.j + 3)))):
            return False
        s = self.doc.tok_sent[t.i]
        before = [x for x in self.sent_range if s - _CROWD_BACK <= x < s]
        return bool(before) and any(self.has_role("event_triggers", k, "protest", "riot")
                                    for k in range(self.sent_range[min(before)][0], self.sent_range[s][0]))

    def _framing(self, t: Trigger, s: int) -> bool:
        """A definite violent event noun after a frame word that opens the sentence, then a comma, and another kind
        of event after it: "During the clashes, mortar shells fell on houses in X", وخلال المواجهات، سقطت قذائف
        على X — the clashes are the ones told before, the shelling is this sentence's event (X is no clash place)."""
        if t.role not in _VIOLENT or t.role in ("kill", "atrocity"):
            return False
        lo, hi = self.sent_range[s]
        frames = self.words_in(lo, min(hi, lo + 2), "frame")
        if not frames or not 0 < t.i - frames[0] <= _FRAME_REACH or t.j >= hi or not self._definite_noun(t) \
                or not self.doc.gap_has(t.j, ",،"):
            return False
        if not any((h := self.hits[x].get("event_triggers")) and t.role in h[2] for x in range(0, lo)):
            return False  # the fighting must have been told before ("During the clashes, which began in X, ...")
        return any((h := self.hits[x].get("event_triggers")) and h[1][0][0] not in _FRAME_PART
                   for x in range(t.j, hi))

    def _tally(self, t: Trigger, s: int) -> str | None:
        """"Violence has killed more than 400 people in X since January", قتل أكثر من 30 شخصا منذ بداية
        العام, "since 2020 investigators have exhumed 350 bodies around X": the killing's (or the bodies')
        only number is a cumulative one and no other event is told in its sentence — a count kept over
        months, not an incident at X."""
        lo, hi = self.sent_range[s]
        if s in self.toll_sents and self.words_in(lo, hi, "cumulative", "since", "during", name="event_casualties"):
            tolls = [x for x in self.sent_tolls(s) if x.kind == "death"]
            if tolls and all(x.dropped and x.dropped.startswith("cumulative") for x in tolls) and \
                    all(x is t or x.role in _TALLIED for x in self.live_in(lo, hi)):
                return tolls[0].dropped
        return None

    def _called_for(self, t: Trigger, a: int, k: int, j: int) -> bool:
        """The protest is what the call asks for, its object ("called for (a) protest(s)", دعت الأحزاب
        إلى التظاهر — in Arabic right after إلى), and no protest or protester is told before the call
        (then the protesters are the ones calling: "protesters called for the governor to resign";
        "called for his return at rallies" held them)."""
        if self.words_in(t.i, t.j, "protester"):
            return False  # (طالب المحتجون ...: the protesters, right after the verb, are who calls)
        if self.doc.arabic:
            if t.i - j > 4 or not self.has_role("event_words", t.i - 1, "destination"):
                return False
        elif t.i - j > 1:
            return False
        return not self.words_in(a, k, "protest", "riot", name="event_triggers") and \
            not self.words_in(a, k, "protester", "crowd")

    def _mourned(self, t: Trigger, a: int, b: int) -> bool:
        """A definite death word (the dead, القتلى) in a clause about a funeral, with no number near it and
        no other violence told there ("families of the dead gathered for the funeral", شيع المئات جثامين
        القتلى)."""
        funeral = [k for k in self.words_in(a, b, "funeral") if not t.i <= k < t.j]
        if not funeral or not (self._definite(t, a) or funeral[0] < t.i):
            return False  # ("soldiers killed and buried a herder": a killing)
        doc = self.doc
        if any(doc.tokens[k].is_digit or self.hits[k].get("numbers") for k in range(max(a, t.i - 2), min(b, t.j + 2))):
            return False  # "killed three mourners at a funeral": a toll, a killing
        for k in range(a, b):  # (read while the triggers are being made: the lexicon's hits)
            h = self.hits[k].get("event_triggers")
            if h and h[1][0][0] not in ("kill", "bodies", "none"):
                return False
        return True

    def _definite(self, t: Trigger, lo: int) -> bool:
        """The event noun is definite: "the (Djibo) attack", "this strike", الهجوم، والقصف."""
        if self.doc.arabic:
            return _ar_definite(self.doc.tokens[t.i].norm) or (
                t.i > lo and bool(self.has_role("event_words", t.i - 1, "anaphor")))
        return bool(self.words_in(max(lo, t.i - 3), t.i, "anaphor"))

    def _told_before(self, t: Trigger, a: int, b: int) -> str | None:
        """Why a definite event noun only points back at the event already told, else None: its
        sequel ("the strike followed the arrest of ...", وجاء القصف عقب اعتقال ...: what came first is
        this sentence's event), a blame ("blamed Y for the attack", حمّل Y مسؤولية الهجوم) or a claim of
        responsibility, made or not ("no group claimed responsibility for the kidnapping", لم تعلن أي جهة مسؤوليتها
        عن خطف السائق)."""
        doc = self.doc
        if self.words_in(max(a, t.i - 6), t.i, "claim") and (self._definite(t, a) or (
                doc.arabic and t.j < b and _ar_definite(doc.tokens[t.j].norm))):  # (خطف السائق: defined by its noun)
            return f"a claim of responsibility for the event told: {doc.surface(max(a, t.i - 6), t.j)}"
        if not self._definite(t, a):
            return None
        if doc.arabic:
            after = t.i > a and bool(self.has_role("event_words", t.i - 1, "sequel_verb")) and \
                bool(self.words_in(t.j, min(b, t.j + 2), "sequel"))
        else:
            after = bool(self.words_in(t.j, min(b, t.j + 1), "sequel"))
        if after:
            return f"the event told before, what came after it: {doc.surface(t.i, min(b, t.j + 2))}"
        fors = self.words_in(max(a, t.i - 4), t.i, "blame_for")
        if fors and self.words_in(max(a, fors[0] - 12), fors[0], "blame"):  # (the accused may be a long phrase)
            return f"who is blamed for the event told: {doc.surface(fors[0], t.j)}"
        return None

    def _accident_before(self, s: int) -> list[int]:
        """Accident words (drowned, capsized, غرقا) in the two sentences before sentence s, when s
        itself reports no violence: the bodies it tells of are the accident's."""
        lo, hi = self.sent_range[s]
        if self.words_in(lo, hi, *_VIOLENT, name="event_triggers"):
            return []
        order = sorted(self.sent_range)
        k = bisect.bisect_left(order, s)
        for prev in reversed(order[max(0, k - 2) : k]):
            acc = self.words_in(*self.sent_range[prev], "accident")
            if acc:
                return acc
        return []

    def _absorb(self, t: Trigger) -> None:
        """A bomb defused, found or seized is a disrupted weapon, not an explosion."""
        if t.role not in _EXPLOSIVE and t.role != "shelling":
            return
        s = self.doc.tok_sent[t.i]
        a, _ = self.segment_of(s, t.i)
        for k in self.words_in(max(a, t.i - 8), t.i, "disrupted", name="event_triggers") + self.words_in(
                max(a, t.i - 8), t.i, "neutralize") + self._neutralised_after(t):
            end = self.has_role("event_triggers", k, "disrupted") or self.has_role("event_words", k, "neutralize")
            if end:
                t.absorbed = f"neutralised: {self.doc.surface(k, end)}"
                t.role = "disrupted"
                return

    def _neutralised_after(self, t: Trigger) -> list[int]:
        """The bomb told first, then what was done with it ("a roadside bomb was defused", "an explosive
        device was found and dismantled", "IED planters", عبوة ناسفة تم تفكيكها): the first event word
        within four tokens after it neutralises it; an explosion told there ("a bomb exploded and a
        second was found") does not leave it."""
        _, b = self.segment_of(self.doc.tok_sent[t.i], t.i)
        for k in range(t.j, min(b, t.j + 4)):
            if self.has_role("event_words", k, "neutralize") or self.has_role("event_triggers", k, "disrupted"):
                return [k]
            if self.hits[k].get("event_triggers"):
                return []
        return []

    # -- which place, which type -------------------------------------------------------------------
    def tie(self, s: int, items: list[tuple[int, Coding]]) -> None:
        """Each place takes the trigger that best explains it: strong and near, in its own clause
        (scraped text often runs many clauses into one "sentence", so nearness counts)."""
        trig = self.by_sent.get(s, [])
        live = [t for t in trig if not t.suppressed]
        if not live:  # nothing happens in this sentence: one look, no clause work
            for i, c in items:
                near = [t for t in trig if _dist(t, i) <= _WINDOW]
                c.suppressed = [f"{t.text} ({t.suppressed})" for t in near]
                c.tie = "every trigger near it is suppressed" if near else "no trigger near it"
            return
        coordinated = self._coordinated(items)
        has_report = bool(self.words_in(*self.sent_range[s], "report"))
        recalls = self.recalls(s)
        joins = self._joined_clauses(s, live, [i for i, _ in items]) if len(items) > 1 and len(live) > 1 else []
        for i, c in items:
            c.suppressed = [f"{t.text} ({t.suppressed})" for t in trig if t.suppressed and _dist(t, i) <= _WINDOW]
            a, b = self.segment_of(s, i)
            cut = False
            for k in joins:  # "drones struck X and gunmen kidnapped two men in Y": two clauses, each its own
                if a < k <= i:
                    a, cut = k, True
                elif i < k < b:
                    b, cut = k, True
            if self._heading(s, i, c):  # "Zintan: Elders signed a truce ...": the round-up's heading is the place
                (a, b), cut = self.sent_range[s], False
                self.headings[s] = c
                c.headed = True
            scored = []
            for t in live:
                d = _dist(t, i)
                other = not (a <= t.i < b)
                if d > (_NEAR_OTHER_CLAUSE if other else _WINDOW) and (other or not self._took_place_at(t, i)):
                    continue
                if other and self._cut_between(min(t.i, i), max(t.i, i)):
                    continue  # not across ; : or a dash
                if any(t.j <= k < i for k in recalls):
                    continue  # "the deadliest since the one on X": X is the place of an earlier event
                rank = self.rank_of(t)
                far = max(0, d - _NEAR) + (_OTHER_CLAUSE_COST if other else 0)
                scored.append((rank - _DIST_WEIGHT * far - d / 1000, t, other))
            if cut and any(not x[2] and x[1].role != "bodies" for x in scored):
                # a clause joined by 'and' / و with its own act keeps it: "shells hit X and a truce was signed in
                # Y", خطف … قرب X ونهب سوق في Y (events14) — the stronger trigger across the join is the other
                # place's; a body found names no act ("X kidnapped and a body found in Y" takes the other's)
                scored = [x for x in scored if not x[2] or not any(min(x[1].i, i) < k <= max(x[1].i, i) for k in joins)]
            if not scored:
                near = [t for t in trig if _dist(t, i) <= _WINDOW]
                c.tie = ("no trigger near it" if not near else "every trigger near it is suppressed"
                         if all(t.suppressed for t in near) else "its clause has no trigger, the next is too far")
                continue
            _score, best, other = max(scored, key=lambda x: x[0])
            booty = None
            if self.kind_of(best) in _BOOTY and (best.role == "capture" or self.kind_of(best) != "disrupted"):
                # "attacked the village and seized the cattle", "attacked the post and seized weapons",
                # "arrested six men and executed them": the attack (or the killing) is the event
                roles = _ARREST_KILLING if self.kind_of(best) == "arrest" else _TARGETED  # "the suspect of an attack"
                violent = [x for x in scored if not x[2] and self.kind_of(x[1]) in ("civilian_attack", "clash")
                           and x[1].role in roles]
                if violent:
                    booty = best
                    _score, best, other = max(violent, key=lambda x: x[0])
            if self.kind_of(best) == "shelling":
                # "fought with mortars", "clashes amid mutual shelling", اشتباكات بقذائف الهاون: both sides fight, so
                # it is a battle; the shelling in the course of it does not make it remote violence (ACLED)
                fight = [x for x in scored if not x[2] and self.kind_of(x[1]) == "clash" and x[1].role == "clash"]
                if fight:
                    booty = best
                    _score, best, other = max(fight, key=lambda x: x[0])
            # an event the text places nowhere is anchored at its own trigger: no preposition or
            # reporter before that word says where it was not
            anchored = any(t.i == i for t in live)
            if has_report and not anchored and not self._self_told(i, best, items) and (self._reporter_place(i, c) or self._witness_place(i, c, items)
                                                or self._said_after(i, best)):
                c.tie = "not tied: where the report comes from (a doctor in X said)"
                continue
            if not anchored and self._issued_at(i):
                c.tie = "not tied: where a statement was issued (a statement issued in X)"
                continue
            if not anchored and self._situates(s, i, items):
                c.tie = "not tied: a landmark that situates the place before it (X, located east of Y)"
                continue
            if not anchored and best.role == "agreement" and self._party_of(i, items):
                c.tie = "not tied: whose representatives signed (ممثلون عن مدينتي X وY), the sentence names where"
                continue
            if not anchored and best.role != "agreement" and self._mediators_of(i, c):
                c.tie = "not tied: whose notables or elders stepped in (تدخل أعيان المدينة, the town's elders)"
                continue
            if not anchored and self._visited(i, best):
                c.tie = "not tied: where a visitor went (visited the wounded in X; visited X, then said what happened)"
                continue
            care = self.words_in(max(a, i - 4), i, "care")  # "the wounded were taken to a hospital in X"
            end = self.end_of(c.event)
            if care and not anchored and (self.words_in(a, care[-1], "evacuate") or self.words_in(
                    end, min(b, end + 6), "evacuate")):  # (or "the hospital in X, which received the wounded")
                c.tie = f"not tied: where the wounded or the dead were taken ({self.doc.surface(care[-1], care[-1] + 1)})"
                continue
            if not anchored and self._hospital_of(a, b, c):
                c.tie = "not tied: whose hospital the wounded died or were treated in (the city's hospital)"
                continue
            refuge = self.words_in(max(a, i - 4), i, "refuge")  # "families who fled the clashes arrived in X"
            if refuge and not anchored and best.i < refuge[-1] and best.role in _VIOLENT and \
                    not any(t.role in _MOVING and best.i < t.i < refuge[-1] for t in live):  # forces arriving
                c.tie = f"not tied: where people fled to ({self.doc.surface(refuge[-1], refuge[-1] + 1)})"
                continue
            prep, prep_role = self.preposition(i) if not anchored else ("", None)
            if i in coordinated and not anchored:  # "in X and Y", "للسودان وتشاد": Y shares X's preposition
                prep, prep_role = coordinated[i]
            if not anchored and self._hyphen_origin(c):  # "a Misrata-based brigade clashed ... in Y"
                prep, prep_role = "-based", "origin"
            if _away(prep_role, best.role) and not (prep_role == "destination" and self._spread_to(best, i)):
                c.tie = f"not tied: named as {prep_role} ({prep}) of {best.text}"
                continue
            if prep_role == "origin" and best.role in _MOVING and (self._arrival(s, i, best, items)
                                                                  or self._sent(s, i, best)):
                c.tie = f"not tied: where {best.text} came from ({prep}); its clause names where they went"
                continue
            c.trigger = best
            c.kind = self.kind_of(best)
            c.tie = (f"trigger {'in another clause' if other else 'in its clause'}, {_dist(best, i)} tokens away"
                     + (f", after {prep_role} '{prep}'" if prep else ""))
            # a second kind of event at the same place ("clashes and air strikes in X")
            types = {TAXONOMY[c.kind][0]}
            for _score, t, oth in sorted(scored, key=lambda x: -x[0]):
                if oth or t is best or t is booty:
                    continue
                grievance = best.role == "protest" and t.i > best.i and \
                    self._grievance(t, *self.window(t))  # (what the protest is against, told as an event)
                if _dist(t, i) > (_WINDOW if grievance else _ALSO_REACH):
                    continue
                if self.rank_of(t) < _ALSO_RANK and not grievance and not (
                        t.role == "fire" and c.kind in _EXPLOSIVE_KINDS and self.kind_of(t) in ("clash", "civilian_attack")):
                    continue  # a bomb, shells or a strike, then gunfire: with armed men a battle too (a complex
                    # attack), on fleeing people an attack on civilians too
                if t.role == "arrest" and c.kind in ("intervention", "excessive"):
                    continue  # "dispersed the march with tear gas and arrested ten": the arrests are the intervention
                kind = self.kind_of(t)
                if kind == "shelling" and c.kind == "clash" and best.role == "clash":
                    continue  # shelling in the course of the fighting told in its clause: the battle (see above)
                if TAXONOMY[kind][0] in types or (kind == "transfer" and best.role in ("capture", "regain")):
                    continue  # (the other side's withdrawal is part of the capture: one change of hands)
                if (_away(prep_role, t.role) and not (grievance and prep_role == "origin")) or \
                        self._nearer_other(t, i, items, coordinated):  # ("residents of X protested against an attack": theirs)
                    continue
                types.add(TAXONOMY[kind][0])
                c.also.append((t, kind))
                if grievance:
                    self.grievances.add(t.i)
        if any(c.kind for _, c in items):
            self._drop_containers(items)
            self._drop_landmarks(items)
            self._drop_admin_units(s, items)
            self._assign_tolls(s, items)

    def _hospital_of(self, a: int, b: int, c: Coding) -> bool:
        """The place names whose hospital it is ("died of his injuries at the city's hospital", "were treated at
        Sabha's medical centre"): a care noun right after its possessive, and in the clause a death from wounds or
        someone taken or treated — where they were cared for, not where they were hurt."""
        end = self.end_of(c.event)
        if end >= b or not self._owned(end, "care"):
            return False
        i = self.token_at(c.event.start)  # the death or the care told before it ("died of his injuries at ...")
        return bool(self.words_in(a, i, "from_wounds", name="event_casualties") or self.words_in(a, i, "evacuate"))

    def _owned(self, end: int, role: str) -> bool:
        """English: the place mention ending before token ``end`` is a possessive ("the city's", "Sabha's")
        and a word of ``role`` follows it ("the city's hospital", "the town's elders")."""
        return not self.doc.arabic and end < len(self.doc.tokens) and \
            self.doc.surface(end - 1, end).endswith(_POSSESSIVE) and bool(self.has_role("event_words", end, role))

    def _party_of(self, i: int, items: list[tuple[int, Coding]]) -> bool:
        """Place i names a side whose representatives or delegates made an agreement ("representatives of X and Y
        signed", وقع ممثلون عن مدينتي X وY) while the sentence names another place not so introduced (where they
        signed: "In Z, ...", وفي Z): the sides' towns are no event places."""
        def party(j: int) -> bool:
            ks = self.words_in(max(self.sent_range[self.doc.tok_sent[j]][0], j - _PARTY_REACH), j, "party")
            return bool(ks) and not any(self.hits[x].get("event_triggers") for x in range(ks[-1], j))
        return party(i) and any(j != i and not party(j) for j, _ in items)

    def _mediators_of(self, i: int, c: Coding) -> bool:
        """Place i, a town told before and named again by a common noun, names whose notables or elders they are:
        right after the noun in Arabic (أعيان المدينة) or with its possessive in English ("the town's elders"): a
        go-between's home, not where what they ended happened (an agreement they sign stays theirs)."""
        doc = self.doc
        end = self.end_of(c.event)
        if i > 0 and self.has_role("event_words", i - 1, "mediator") and not doc.gap_has(i, ",،"):
            found = doc.arabic
        else:
            found = self._owned(end, "mediator") and not doc.gap(end, end).strip()
        if not found:
            return False
        # only the town told before ("the town's elders", أعيان المدينة): "killed three elders of X" stays X's
        e = c.event
        return e.place_name.casefold() not in e.mention.casefold() and not (
            e.place_name_ar and _ar_name(e.place_name_ar) in norm_text(e.mention))

    def _situates(self, s: int, i: int, items: list[tuple[int, Coding]]) -> bool:
        """Place i comes in a clause that situates the place just before it ("Ber, located some 60 km east of
        Timbuktu", "X, which lies south of Y", بير، الواقعة على بعد ستين كيلومترا شرقي تمبكتو, "near X, on the road between
        Y and Z"): a locating word at most
        eight words before it, no live trigger between, and another place ending at most three words before that word."""
        doc, locating = self.doc, self.coder.locating
        lo = max(self.sent_range[s][0], i - 8)
        ks = [k for k in range(lo, i) if any(f in locating for f in doc.forms(k))] + self.words_in(lo, i, "situating")
        if not ks:
            return False
        k = ks[-1]
        if any(k < t.i < i and not t.suppressed for t in self.by_sent.get(s, ())):
            return False
        return any(j < k and k - self.end_of(cj.event) <= 3 for j, cj in items)

    def _visited(self, i: int, t: Trigger) -> bool:
        """Place i is where a visit went, not where the trigger's event happened: a verb of visiting at most five
        words before it and the trigger before the place (the visit's object: "the minister visited the wounded in X",
        زار الوزير الجرحى في X; or told before the visit), or the place its object ("the governor visited X", زار الوزير مدينة X) and a report word between it and the
        trigger ("… and said reinforcements were sent to Y", "…, told reporters that …")."""
        # (a verb never ends in a taa marbuta: وزارة "ministry" is no زار+ه "visited him")
        visits = [k for k in self.words_in(max(0, i - 5), i, "visit") if not self.doc.tokens[k].text.endswith(_TAA_MARBUTA)]
        if not visits:
            return False
        if t.i < i:  # the trigger before the visit or its object ("ambushed … near Y; the minister visited … in X")
            return True
        return t.i > i and visits[-1] >= i - 3 and bool(self.words_in(i + 1, t.i, "report"))

    def _spread_to(self, t: Trigger, i: int) -> bool:
        """"وصلت الاشتباكات إلى X", "the fighting spread to X": the violence itself reached X, so X
        is where it is — a verb of spreading right before the trigger (its subject) or between it
        and the place."""
        if t.i < i and self.words_in(max(0, t.i - 2), t.i, "spread"):
            return True
        return bool(self.words_in(t.j, i, "spread")) if t.j <= i else False

    def _nearer_other(self, t: Trigger, i: int, items: list[tuple[int, Coding]],
                      coordinated: dict[int, tuple[str, str | None]]) -> bool:
        """Another place of the sentence is nearer the trigger, the trigger lies between them, and a comma
        lies between the trigger and place i ("Teachers strike in A, youths riot in B": the riot is B's, not a second event at A);
        or another place not listed with i lies between the trigger and i ("a chief abducted near A as crowds rally in
        B": the abduction is A's, not a second event at B)."""
        d = _dist(t, i)
        lo, hi = min(t.i, i), max(t.i, i)
        if i not in coordinated and any(lo < j < hi and j not in coordinated for j, _ in items):
            return True
        return any(j != i and _dist(t, j) < d and min(i, j) < t.i < max(i, j) for j, _ in items)

    def _joined_clauses(self, s: int, live: list[Trigger], places: list[int]) -> list[int]:
        """Tokens where 'and' / و joins two whole clauses, each with its own trigger and place ("drones
        struck X and clashes erupted in Y", قصفت طائرات سرت واندلعت اشتباكات في غريان): the second
        clause starts with its trigger (or its subject, then the trigger) within three tokens of the
        'and'. Not "clashes and air strikes in X", nor "attacked X and killed five" (no place after)."""
        doc = self.doc
        out = []
        headline = s + 1 < len(doc.sentences) and self.lone_paragraph(s)  # (a one-line note is no headline)
        for a, b in self.segments(s):
            cands = self.words_in(a, b, "and", name="event_casualties") if not doc.arabic else [
                k for k in range(a + 1, b) if doc.tokens[k].norm[:1] == "و" and len(doc.tokens[k].norm) > 2
                and k not in self.place_tokens]
            # "… in X while students marched in Y", "… في X بينما تظاهر الآلاف في Y": a conjunction that opens a
            # clause (English: a subject between; "while fighting raged" is the same clause's circumstance)
            cands = sorted({*cands, *(k for k in self.words_in(a, b, "clause_join") if k > a and (
                doc.arabic or not any(t.i == k + 1 for t in live)))})
            # a headline's comma joins two clauses too: "Teachers strike in X, youths riot in Y" (in the
            # body a comma goes on with the clause: "..., the protesters burned tyres", "..., killing five")
            if headline:
                cands = sorted({*cands, *(k for k in range(a + 1, b) if doc.gap_has(k, ",،")
                                          and not en_gerund(doc.tokens[k].norm) and k not in self.place_tokens)})
            for k in cands:
                if not any(a <= t.i < k for t in live) or not any(a <= p < k for p in places):
                    continue
                if not any(k <= t.i <= k + 3 and t.i < b for t in live) or not any(k < p < b for p in places):
                    continue
                if any(p in self.place_tokens for p in range(k + 1, min(b, k + 3))) and \
                        not any(t.i == k + 1 or t.i == k for t in live):
                    continue  # "in X and Y ..." : the places are coordinated, not the clauses
                out.append(k)
        return out

    def recalls(self, s: int) -> list[int]:
        got = self._recall_cache.get(s)
        if got is None:
            got = self._recall_cache[s] = self._recalls(s, [t for t in self.by_sent.get(s, ()) if not t.suppressed])
        return got

    def _recalls(self, s: int, live: list[Trigger]) -> list[int]:
        """Tokens of a "since" / منذ that recalls an earlier event ("the deadliest since the one on X",
        "since the attack on X", "الأعنف منذ الهجوم على X"): followed by a determiner or an event word,
        not by a time ("since Friday", "منذ ثلاثة أيام", "since last week")."""
        lo, hi = self.sent_range[s]
        out = []
        for k in self.words_in(lo, hi, "since", name="event_casualties"):
            end = self.has_role("event_casualties", k, "since")
            if end >= hi or self.has_role("event_casualties", end, "unit", "short_span", "long_span") or \
                    self.doc.tokens[end].is_digit or self.hits[end].get("numbers") or self.hits[end].get("months"):
                continue
            nxt = end + 1 if self.has_role("event_words", end, "anaphor") and end + 1 < hi else end
            if any(t.i == nxt for t in live) or (nxt > end and self.has_role("event_casualties", nxt, "determiner")):
                out.append(k)
        return out

    def _arrival(self, s: int, i: int, t: Trigger, items: list[tuple[int, Coding]]) -> bool:
        """Another place of the trigger's clause named as where forces went or are ("coming from X,
        entered Y", "reinforcements from X to Y"), or a destination told after the origin without a place
        ("sent from X to the area"): the movement is seen there, not at its origin (a convoy that moved
        from X only towards Y is seen leaving X)."""
        a, b = self.segment_of(s, t.i)
        if self.words_in(i + 1, b, "destination"):
            return True  # "sent reinforcements from X to the area", أعلن من X إرسال تعزيزات إلى المنطقة
        return any(j != i and a <= j < b and self.preposition(j)[1] in ("locative", "destination") for j, _ in items)

    def _sent(self, s: int, i: int, t: Trigger) -> bool:
        """Forces sent from place i (a send verb before it in the movement's clause: "reinforcements
        were sent from X", أرسلت تعزيزات من X): they went where they were sent, told or not; X is the
        sender's base (a column that only "moved from X" is seen leaving X)."""
        a, _b = self.segment_of(s, t.i)
        return bool(self.words_in(a, i, "send"))

    def _hyphen_origin(self, c: Coding) -> bool:
        """English: the place joined by a hyphen to a word that makes it the home or the backer of the
        forces named after it ("a Misrata-based brigade", "Tripoli-backed forces"): not where they acted."""
        doc = self.doc
        if doc.arabic:
            return False
        end = self.end_of(c.event)
        return end < len(doc.tokens) and doc.gap(end, end) == "-" and bool(
            self.has_role("event_words", end, "hyphen_origin"))

    def _cut_between(self, lo: int, hi: int) -> bool:
        """A hard clause cut (; : a dash) at a token in lo+1..hi."""
        cuts = self._cuts
        k = bisect.bisect_right(cuts, lo)
        return k < len(cuts) and cuts[k] <= hi

    def _self_told(self, i: int, best: Trigger, items: list[tuple[int, Coding]]) -> bool:
        """A change to a group is told by the group itself: "the brigade in X announced it was splitting",
        أعلنت الكتيبة في X انفصالها — announcing is the act, so X, the sentence's only town, is its place
        (not a reporter's)."""
        return self.kind_of(best) == "change" and not any(j != i and not _vague(o.event) for j, o in items)

    def _reporter_place(self, i: int, c: Coding) -> bool:
        """The place of who tells it, not of what happened: "..., a doctor in X said", "وقال طبيب في X إن"."""
        end = self.end_of(c.event)
        hi = self.sent_range[self.doc.tok_sent[i]][1]
        lo = self.sent_range[self.doc.tok_sent[i]][0]
        # the speaker, then where they spoke, then what they said: "وقال المتحدث باسم الجيش في مؤتمر صحفي في
        # X إن", "the spokesman told a news conference in X that" (no trigger between the report verb and X)
        before = self.words_in(max(lo, i - 8), i, "report")
        if before and not any(self.hits[k].get("event_triggers") for k in range(before[-1], i)) and not (
                before[-1] > 0 and self.has_role("event_casualties", before[-1] - 1, "be")):  # (not "it was reported in X")
            that = self.words_in(end, min(hi, end + (2 if self.doc.arabic else 3)), "that")
            if that and not any(self.hits[k].get("event_triggers") for k in range(end, that[0])):
                return True
        if self.doc.arabic:
            return False
        er = self.end_role[i - 1] if i else None
        if er is not None and er[0] == "locative" and er[1] > 0:
            # "a spokesman said in X", "the ministry announced in X that": the report verb right before the
            # place's preposition (not the passive "it was reported in X": that is where it happened)
            r = er[1] - 1
            if self.has_role("event_words", r, "report") == er[1] and \
                    not (r > 0 and self.has_role("event_casualties", r - 1, "be")):
                return True
        if self.preposition(i)[1] not in ("locative", "origin"):
            return False  # "the hub of X said it had taken control": X is the subject's, not a reporter's
        for k in range(end, min(hi, end + 3)):
            if self.doc.gap_has(k, ",;:()\"“”"):
                return False
            if self.has_role("event_words", k, "report"):
                return True
            if self.hits[k].get("event_triggers"):
                return False
        return False

    def _issued_at(self, i: int) -> bool:
        """"in a statement issued in X", بيان صدر في X: where it was told — the verb of issuing right before
        the place's preposition, or before the place itself when the preposition is its prefix."""
        lo = self.sent_range[self.doc.tok_sent[i]][0]
        return any(self.has_role("event_words", k, "issued") for k in (i - 2, i - 1) if k >= lo) and \
            self.preposition(i)[1] == "locative"

    def _said_after(self, i: int, best: Trigger) -> bool:
        """Arabic: the place of who reports the event, told after it ("وفق ما أعلنت منظمة ... في X",
        "حسبما أفاد مصدر في X") — a report word between the trigger and the place (at most eight tokens
        before it) and no trigger between that word and the place. (English writes "was reported in X",
        "reported to have taken place in X" for where it happened: the speaker's place is
        :meth:`_reporter_place`'s "a doctor in X said".)"""
        if not self.doc.arabic:
            return False
        lo = max(best.j, i - 8)
        said = self.words_in(lo, i, "report")
        return bool(said) and not any(self.hits[k].get("event_triggers") for k in range(said[-1], i))

    def _witness_place(self, i: int, c: Coding, items: list[tuple[int, Coding]]) -> bool:
        """Where the speaker lives, when the sentence names another place for what happened:
        "a resident of X told Reuters that clashes broke out in Y", "قال أحد سكان X إن ... في Y"."""
        lo, hi = self.sent_range[self.doc.tok_sent[i]]
        w = self.words_in(max(lo, i - 3), i, "witness")
        if not w or any(self.hits[k].get("event_triggers") for k in range(w[-1], i)):
            return False
        end = self.end_of(c.event)
        if not (self.words_in(max(lo, w[0] - 4), w[0], "report") or self.words_in(end, min(hi, end + 4), "report")):
            return False
        return any(j < w[0] or j > end for j, _ in items if j != i)

    def _coordinated(self, items: list[tuple[int, Coding]]) -> dict[int, tuple[str, str | None]]:
        """Places joined by and/و to the place before them: token -> that place's preposition."""
        out: dict[int, tuple[str, str | None]] = {}
        ends: dict[int, int] = {}  # end token of a place -> its first token
        for i, c in sorted(items, key=lambda x: x[0]):
            j = self.end_of(c.event)
            tok = self.doc.tokens[i]
            prev = None
            if i in ends and tok.arabic and tok.norm[:1] in "وف":
                prev = ends[i]
            elif i - 1 in ends and self.has_role("event_casualties", i - 1, "and"):
                prev = ends[i - 1]
            else:  # "based in Libya's capital, Tripoli": a place in apposition to the place before it
                prev = self._apposition(i, ends)
            if prev is not None:
                out[i] = out.get(prev) or self.preposition(prev)
            ends[j] = i
        return out

    def _apposition(self, i: int, ends: dict[int, int]) -> int | None:
        """The first token of a place that ends at most two words before token i, with a comma right
        before i and no trigger, number or clause cut between ("the capital, Tripoli", "Mopti, Sevare")."""
        doc = self.doc
        if i == 0 or not doc.gap_has(i, ",،"):
            return None
        for end in (i, i - 1, i - 2):
            if end in ends:
                between = range(end, i)
                if any(self.hits[k].get("event_triggers") or doc.tokens[k].is_digit for k in between):
                    return None
                if any(doc.gap_has(k, ",،;:") for k in range(end, i)) or self._cut_between(end - 1, i):
                    return None  # only the comma right before i
                return ends[end]
        return None

    def rank_of(self, t: Trigger) -> float:
        """The trigger's strength (:func:`_rank`); resolved only where the kind can change it."""
        if t.role in _RANK_BY_KIND:
            return _rank(t, self.kind_of(t))
        return _STATIC_RANK.get(t.role, 0.0)

    def digit_tokens(self, a: int, b: int) -> list[int]:
        """Tokens in a..b written with digits (٣, 12, و20)."""
        if self._digits is None:  # tokens that end in a digit, found by one pass of a regular expression
            starts = self.starts
            self._digits = sorted({bisect.bisect_right(starts, m.start()) - 1
                                   for m in _DIGIT_END.finditer(self.doc.text)})
        d = self._digits
        return d[bisect.bisect_left(d, a) : bisect.bisect_left(d, b)]

    def live_in(self, a: int, b: int) -> list[Trigger]:
        """The live triggers in tokens a..b (one sentence's range)."""
        if a >= b:
            return []
        return [x for x in self.by_sent.get(self.doc.tok_sent[a], ()) if a <= x.i < b and not x.suppressed]

    def kind_of(self, t: Trigger) -> str:
        """The trigger's resolved kind (cached: it depends on the trigger's clause only)."""
        k = self._kinds.get(id(t))
        if k is None:
            k = self._kinds[id(t)] = self.resolve(t, *self.window(t))
        return k

    def window(self, t: Trigger) -> tuple[int, int]:
        """The context a trigger's sub-type is read from: its clause, at most _WINDOW tokens around;
        a recalled event ("since the attack on X") only from its "since" on."""
        s = self.doc.tok_sent[t.i]
        a, b = self.segment_of(s, t.i)
        if s in self.place_sents:
            a = max([a, *(k for k in self.recalls(s) if k < t.i)])
            for k in self._joins(s):  # "Teachers strike in A, youths riot in B": each clause its own
                if a < k <= t.i:
                    a = k
                elif t.i < k < b:
                    b = k
        return max(a, t.i - _WINDOW), min(b, t.j + _WINDOW)

    def _joins(self, s: int) -> list[int]:
        """:meth:`_joined_clauses` of sentence s over its live triggers and place tokens (cached)."""
        got = self._join_cache.get(s)
        if got is None:
            lo, hi = self.sent_range[s]
            live = [t for t in self.by_sent.get(s, ()) if not t.suppressed]
            places = [p for p in range(lo, hi) if p in self.place_tokens and p - 1 not in self.place_tokens]
            got = self._join_cache[s] = self._joined_clauses(s, live, places) if len(live) > 1 and len(places) > 1 \
                else []
        return got

    def _took_place_at(self, t: Trigger, i: int) -> bool:
        """"Clashes broke out between the fighters of A and those of B near X", وقعت الاشتباكات بين ...
        بالقرب من X: the event noun is the subject of a verb of taking place (right before it in Arabic,
        right after it in English) and X, after a locative, is where it took place — past the usual
        window, up to _OCCUR_REACH tokens, with no other trigger, number, comma or ; : between (", whose
        leader lives in X" is no place of the event)."""
        if not (t.i < i - _WINDOW and i - t.j <= _OCCUR_REACH):
            return False
        verb = t.i - 1 if self.doc.arabic else t.j
        if not (0 <= verb < len(self.doc.tokens) and self.has_role("event_words", verb, "occur")):
            return False
        if self.preposition(i)[1] not in ("locative", "near"):
            return False
        return not self._cut_between(t.i, i) and not any(
            self.hits[k].get("event_triggers") or self.doc.tokens[k].is_digit or self.doc.gap_has(k, ",،")
            for k in range(t.j, i))

    def preposition(self, i: int) -> tuple[str, str | None]:
        """The preposition before a place (skipping cue nouns and adjectives), and its role (cached:
        the tie, the coordination, the landmark and the reporter rules all ask)."""
        got = self._preps.get(i)
        if got is None:
            got = self._preps[i] = self._preposition(i)
        return got

    def _preposition(self, i: int) -> tuple[str, str | None]:
        doc = self.doc
        tok = doc.tokens[i]
        stem = tok.norm[1:] if tok.norm[:1] in "وف" and len(tok.norm) > 4 else tok.norm
        name = self.place_names.get(i, "")
        if tok.arabic and tok.norm not in self.coder.lex.first and stem[:1] in "بل" and not name.startswith(stem[:2]):
            # (ليبيا, بنغازي, بني وليد begin so themselves)
            # بطرابلس "in Tripoli"; للسودان "to/for Sudan"
            return ("بـ", "locative") if stem[:1] == "ب" else ("لـ", "destination")
        lo = self.sent_range.get(doc.tok_sent[i], (0, 0))[0]
        k = i - 1
        steps = 0
        while k >= lo and steps < 5:
            er = self.end_role[k]
            if er and er[0] in ("origin", "destination", "toward", "locative", "near"):
                before = er[1] - 1
                if er[0] == "origin" and before >= lo and self._distance(before):
                    return doc.surface(before, k + 1), "near"  # 11 km from X: X is a landmark
                if er[0] == "locative" and (to := self._destination_before(before, lo)) is not None:
                    return doc.surface(to, k + 1), "destination"  # "fled to camps in X", نزحوا إلى مخيمات في X
                return doc.surface(er[1], k + 1), er[0]
            if self.hits[k].get("event_triggers") or doc.tokens[k].is_digit or k in self.place_tokens:
                break  # not past a trigger, a number or another place ("around Sirte, among them X")
            k -= 1
            steps += 1
        return "", None

    def _destination_before(self, k: int, lo: int) -> int | None:
        """Where "in X" ends a destination ("fled to camps in X", "returned to their homes in X", نزحوا إلى
        مخيمات في X): the start of the destination word up to two words before ``k`` (their homes, a camp),
        with no trigger, casualty word, number, place or armed side between; else None."""
        for m in range(k, max(lo, k - 2) - 1, -1):
            er = self.end_role[m]
            if er and er[0] == "destination":
                tok = self.doc.tokens[er[1]]  # the word itself, not one with an object pronoun (آلية reads إليه)
                dest = self.coder.destination
                return er[1] if not tok.arabic or tok.norm in dest or any(v in dest for v in clitic_variants(tok.norm)) \
                    else None
            hits = self.hits[m]
            if (er and er[0] in _NOT_IN_DESTINATION) or hits.get("event_triggers") \
                    or hits.get("event_casualties") or self.doc.tokens[m].is_digit or m in self.place_tokens:
                # ("broke through the entrance to a military camp at X", "beat a man to death in X": X is where
                # it happened)
                return None
        return None

    def _distance(self, k: int) -> bool:
        """Token k ends a distance: "20 km", "20km", "20 كلم"."""
        tok = self.doc.tokens[k]
        unit = tok.norm.lstrip("0123456789")
        return tok.is_digit or (unit != tok.norm and unit in self.coder.units) or any(
            f in self.coder.units for f in self.doc.forms(k))

    def _drop_containers(self, items: list[tuple[int, Coding]]) -> None:
        """A country (or region) around another place of the same event is not a second event."""
        tied = [c for _, c in items if c.kind]
        for c in tied:
            e = c.event
            if e.kind not in ("country", "region") and e.geo_precision < 3:
                continue
            for o in tied:
                if o is c or o.trigger is not c.trigger or o.event.kind == "country":
                    continue
                if e.kind != "country" and (o.event.kind == "region" or o.event.geo_precision >= 3):
                    continue  # a region contains towns, not other regions
                inside = (o.event.country is not None and o.event.country == e.country) or (
                    _km(e, o.event) <= max(e.uncertainty_km, 50.0))
                if inside:
                    c.kind = None
                    c.tie = f"not tied: {e.place_name} contains {o.event.place_name}, the place of {c.trigger.text}"  # type: ignore[union-attr]
                    c.trigger = None
                    break

    def _drop_landmarks(self, items: list[tuple[int, Coding]]) -> None:
        """In X near Y / في X بالقرب من Y: Y only says where X is; so does a place right after another
        of the same event behind "in" (في تيلوا في منطقة والام, "in Tiloa in the Ouallam area")."""
        first_tied: dict[int, int] = {}
        last_end: dict[int, int] = {}  # trigger -> end token of the last place tied to it
        for i, c in sorted(items, key=lambda x: x[0]):
            if not c.kind or c.trigger is None:
                continue
            key = id(c.trigger)
            end = self.end_of(c.event)
            if key not in first_tied:
                first_tied[key] = i
                last_end[key] = end
                continue
            prep, role = self.preposition(i)
            if role == "near" or (role == "locative" and 0 <= i - last_end[key] <= 3 and not any(
                    self.doc.gap_has(k, ",،;") for k in range(last_end[key], i + 1))):
                c.kind = None
                c.tie = f"not tied: a landmark ({prep}) for the place of {c.trigger.text}"
                c.trigger = None
            else:
                last_end[key] = end

    def _drop_admin_units(self, s: int, items: list[tuple[int, Coding]]) -> None:
        """Places in brackets after a place only say where it lies ("Dounde (Bankass, Mopti)",
        "جنزور (طرابلس)"): none of them is a second event; after a name no gazetteer knows, the first
        (the nearest unit) stands for it and the larger ones after it are dropped."""
        doc = self.doc
        lo = doc.tokens[self.sent_range[s][0]].start
        groups: dict[int, list[Coding]] = {}
        for _i, c in sorted(items, key=lambda x: x[0]):
            before = doc.text[lo : c.event.start]
            opened = before.rfind("(")
            if opened < 0 or before.rfind(")") > opened or ")" not in doc.text[c.event.end : c.event.end + 60]:
                continue
            groups.setdefault(opened, []).append(c)
        for opened, members in groups.items():
            k = self.token_at(opened)  # the token right before the bracket
            k = k if doc.tokens[k].end <= opened else k - 1
            after_place = k >= 0 and k in self.place_tokens
            for n, c in enumerate(members):
                if c.kind and (after_place or n > 0):
                    c.kind, c.trigger = None, None
                    c.tie = "not tied: in brackets, it only says where the place before it lies"

    def resolve(self, t: Trigger, a: int, b: int) -> str:
        """The trigger's sub-event kind, read from its clause (tokens a..b)."""
        role = t.role
        if role in _ANAPHORIC and (prior := self._antecedent(t, a, b)) is not None:
            return self.kind_of(prior)  # "... The attack took place in X": the attack just told
        live = {x.role for x in self.live_in(a, b)}
        # "protested against an attack by gunmen that killed 11", "after gunmen shot dead a teacher": that
        # attack, resolved as any other (not the protesters' riot)
        grievance = "protest" in live and self._grievance(t, a, b)
        if not grievance and (role in ("protest", "riot") or (live & {"protest"} and role in _CROWD_VIOLENCE)):
            return "riot" if role == "riot" else self._protest(t, a, b)
        if role == "attack" and not grievance and self._stormed_in_protests(t, a, b):
            return "riot"  # "protests over fuel spread; council office stormed in X": the protesters' riot
        if role == "abduction" and self._armed_victims(t, a, b):
            return "clash"  # soldiers captured or executed: ACLED counts it a battle
        if role == "clash" and self._crowd_fight(t, a, b):
            return "mob"  # residents or youths fighting (with each other, with gunmen, with police): mob violence
        if role == "clash" and self.has_role("event_words", t.i, "ambush"):
            # an ambush is one-sided: on soldiers a battle, on a herder or a bus of travellers an attack on
            # civilians; with nobody said hit (a convoy, a vehicle) it stays an armed clash
            hit = self._target(t, a, b)
            return "civilian_attack" if hit == "civilian_attack" else "clash"
        if role in ("air", "shelling", "ied", "suicide", "grenade", "chemical", "clash", "transfer", "sexual",
                    "abduction", "agreement", "change", "disrupted", "base", "bodies", "mob"):
            if role == "shelling" and self._aircraft(a, b):
                return "air"
            return role
        if role == "explosion":
            return "air" if self._aircraft(a, b) else "ied"
        if role == "capture":
            passive = self._passive(t, a)  # "weapons were seized", "a car bomb was seized": what was taken comes first
            obj = self.words_in(t.j, min(b, t.j + 4), "weapon", "goods") or (
                self.words_in(max(a, t.i - 6), t.i, "weapon", "goods") if passive else self._seized_thing(t, a, b))
            if obj:
                return "disrupted" if self.has_role("event_words", obj[0], "weapon") else "looting"
            if passive and any(x.role == "disrupted" for x in self.live_in(max(a, t.i - 6), t.i)):
                return "disrupted"
            if self._people_taken(t, b):  # "captured two bandits": people taken, not a town
                side = self.subject_side(t, a, b, crowd=True)
                if side == "crowd":
                    return "mob"  # residents seized a thief
                if side == "nonstate":  # militants captured soldiers: a battle; civilians: an abduction
                    return "clash" if self._armed_victims(t, a, b) else "abduction"
                return "arrest"
        if role in ("capture", "regain"):
            if self.words_in(a, b, "unopposed") or any(self.words_in(lo, hi, "unopposed") for lo, hi in self._follow_on(t)):
                return "transfer"  # taken without a fight ("... They met no resistance."): a non-violent transfer
            live = {x.role for x in self.live_in(a, b)}
            if "transfer" in live and not live & ({"clash", "attack", "fire", "kill"} | _EXPLOSIVE):
                return "transfer"  # "occupied X without violence", "took X after the army withdrew": no fighting told
            return "overtake" if self.subject_side(t, a, b) == "nonstate" else "regain"
        if self.doc.arabic and role in _CROWD_VIOLENCE | {"atrocity"}:
            # a crowd that opens the clause further back than the window (انهال حشد من الأهالي ... حتى فارق الحياة)
            lo = self.sent_range[self.doc.tok_sent[t.i]][0]
            vs = [k for k in self.words_in(max(lo, t.i - 16), a, "crowd") if self._vs_crowd(k, t, [])]
            a = vs[-1] if vs else a
        side = self.subject_side(t, a, b, crowd=True) if (
            role in ("arrest", "looting") or self.words_in(a, b, "crowd")) else None
        if role == "looting":
            return "riot" if side == "crowd" else "looting"
        if role == "arrest":
            if side == "crowd":
                return "mob"
            return "abduction" if side == "nonstate" else "arrest"
        if side == "crowd" and role in _CROWD_VIOLENCE:
            return "mob"  # residents beat / lynched / killed a suspected thief
        if role == "atrocity":
            return "clash" if self._target(t, a, b) == "clash" and self._armed_victims(t, a, b) else "civilian_attack"
        if role == "attack" and self._aircraft(a, b):
            return "air"
        return self._target(t, a, b)

    def _stormed_in_protests(self, t: Trigger, a: int, b: int) -> bool:
        """A building stormed (a verb of storming, اقتحام) in a sentence whose other clause tells of
        protests, with nobody armed, no side and no victim named anywhere in the sentence: the
        protesters' own riot ("Fuel protests spread; council office stormed in X", احتجاجات ...: اقتحام مقر
        الشركة في X)."""
        if not self.has_role("event_words", t.i, "storm"):
            return False
        lo, hi = self.sent_range[self.doc.tok_sent[t.i]]
        if not any(x.role == "protest" for x in self.live_in(lo, hi)):
            return False
        return not (self.words_in(lo, hi, "armed", "state", "nonstate", "civilian")
                    or any(self.actor_side(k) for k in range(lo, hi)) or self._deaths_in(lo, hi))

    def _grievance(self, t: Trigger, a: int, b: int) -> bool:
        return self._grievance_mark(t, a, b) >= 0

    def _grievance_mark(self, t: Trigger, a: int, b: int) -> int:
        """An attack told as an event of its own where a protest names what it is against or what it
        followed: the token of the protest's purpose word ("against", احتجاجا على) or cause word ("after",
        بعد أن) before it, else -1. The attack is indefinite ("an attack", هجوم — not "the attack" just told)
        and told with its own attackers or dead ("against an attack by gunmen on a village that killed
        11", "after gunmen shot dead a teacher", "after relatives of a patient stormed the ward"), and no
        protester is among them ("after protesters threw stones" is their own riot)."""
        if t.role not in _GRIEVANCE_ROLES:
            return -1
        cause = self.coder.on_demand["cause"]  # (after, following, بعد, عقب: common words, looked up here only)
        marks = [k for k in [*self.words_in(a, t.i, "purpose"),
                             *(k for k in range(a, t.i) if any(f in cause for f in self.doc.forms(k)))]
                 if any(x.role == "protest" and x.i < k for x in self.live_in(a, k))]
        if not marks:
            return -1
        k0 = max(marks)
        if self._definite(t, k0) or self.words_in(k0, b, "protester") or \
                self.words_in(max(k0, t.i - 3), t.i, "relative", name="event_casualties"):
            return -1  # ("relatives of a patient who had died": the relative clause's verb is no attack)
        return k0 if self.words_in(k0, b, "nonstate", "armed", "crowd") or self._deaths_in(t.j, b) else -1

    def _antecedent(self, t: Trigger, a: int, b: int) -> Trigger | None:
        """The event a definite bare "the attack" / "this explosion" / وقع الهجوم at the head of a
        sentence refers back to: the strongest live trigger of the sentence before it (same
        paragraph) — when its own clause reports nothing else and names no target."""
        doc = self.doc
        s = doc.tok_sent[t.i]
        lo, _hi = self.sent_range[s]
        if doc.arabic:
            tok = doc.tokens[t.i].norm
            definite = (t.i > lo and self.has_role("event_words", t.i - 1, "anaphor")) or _ar_definite(tok)
            head = t.i - lo <= 2
        else:
            definite = t.i > lo and bool(self.has_role("event_words", t.i - 1, "anaphor"))
            head = t.i - lo <= 2
        if not (definite and head) or any(x is not t for x in self.live_in(a, b)):
            return None
        if self.words_in(a, b, "civilian", "armed", "property", "protester"):
            return None  # "the attack on a military post ...": its own clause says what was hit
        order = sorted(self.sent_range)
        k = bisect.bisect_left(order, s)
        if k == 0:
            return None
        prev = order[k - 1]
        if self.paragraph_break(prev, s) and not (self.lone_paragraph(prev) and self.lone_paragraph(s)):
            return None
        live = [x for x in self.by_sent.get(prev, ()) if not x.suppressed]
        return max(live, key=lambda x: (self.rank_of(x), -x.i)) if live else None

    def _seized_thing(self, t: Trigger, a: int, b: int) -> list[int]:
        """English "... and vehicles seized by the assailants", "equipment seized.": a thing right before
        a participle that has no object (its agent, a comma or the clause's end follows): the thing taken."""
        doc = self.doc
        k = t.i - 1
        if doc.arabic or k < a or doc.gap(t.i, t.i).strip() or not self.has_role("event_words", k, "weapon", "goods"):
            return []
        after = t.j >= b or doc.gap(t.j, t.j).strip() or bool(self.has_role("event_words", t.j, "agent", "agent_to"))
        return [k] if after else []

    def _people_taken(self, t: Trigger, b: int) -> bool:
        """The words right after a capture verb are counted people ("captured two bandits", "a soldier",
        "أسروا ثلاثة جنود"), with no place between: it took people, not ground ("came under the control
        of the rebels" names who took it)."""
        if not self.doc.arabic and t.j < b and any(f in self.coder.on_demand["them"] for f in self.doc.forms(t.j)):
            return True  # "gunmen seized him", "took them away": a pronoun for people
        if not self.doc.arabic and t.j < b - 1 and t.j not in self.place_tokens and t.j + 1 not in self.place_tokens:
            h0 = self.hits[t.j].get("event_casualties")
            if h0 and h0[0] == t.j + 1 and any(r[0] == "person" and not r[1] for r in h0[1]):
                return True  # a bare plural: "captured bandits", "captured soldiers" (not "rebel positions")
        for k in range(t.j + 1, min(b, t.j + 3)):
            if k - 1 in self.place_tokens or k in self.place_tokens:
                return False
            h = self.hits[k].get("event_casualties")
            if h and "person" in h[2]:
                before = k - 1
                return self.doc.tokens[before].is_digit or bool(self.hits[before].get("numbers")) or \
                    bool(self.has_role("event_casualties", before, "indefinite"))
        return False

    def _crowd_fight(self, t: Trigger, a: int, b: int) -> bool:
        """A crowd (residents, youths, students) is a side of the fighting: right before the clash word
        ("youths clashed with police") or among the first six words after it ("clashes between students", "clashes between police and
        local youths")."""
        if not self.words_in(a, b, "crowd"):
            return False
        lo, _ = self.sent_range[self.doc.tok_sent[t.i]]
        if any(x.role == "attack" and x.i < t.i for x in self.live_in(lo, t.i)):
            return False  # villagers answering an attack on their village: a battle (the defence of a village)
        said = self.words_in(max(a, t.i - 4), t.i, "report", "that")  # "residents said clashes ...": who told it
        before = [k for k in self.words_in(max(a, t.i - 3), t.i, "crowd") if not any(k < x < t.i for x in said)]
        near = before + self.words_in(t.j, min(b, t.j + 6), "crowd")
        return any(k not in self.place_tokens for k in near)

    def _aircraft(self, a: int, b: int) -> bool:
        return bool(self.words_in(a, b, "air", name="event_triggers") or self.words_in(a, b, "aircraft"))

    def _protest(self, t: Trigger, a: int, b: int) -> str:
        """A protest's sub-type from its clause and the sentences after it that name no place:
        protesters' own violence (stones, barricades, burning, "turned violent") → a riot, even where
        the police then killed; else protesters killed → excessive force; clashes → a riot; tear gas,
        dispersal, arrests → protest with intervention."""
        aims = self.words_in(t.j, b, "purpose")  # "marched against the attacks": what they protest is no violence
        cut = aims[0] if aims else b
        for x in self.live_in(t.j, cut):  # "protested after gunmen shot dead a teacher": what they answer
            k0 = self._grievance_mark(x, a, b)
            if k0 >= 0:
                cut = k0
                break
        ranges = [(a, cut), *self._follow_on(t)]
        roles: set[str] = set()
        violent = intervention = deaths = hurt = beaten = False
        for lo, hi in ranges:
            live = [x for x in self.live_in(lo, hi) if not (x.role == "looting" and self._symbolic(x.i, lo, hi))]
            hit = [x for x in live if x is not t and self._at_protesters(x.i, x.j, lo, hi)]
            roles |= {x.role for x in live if x not in hit or x.role in ("kill", "fire")}  # (killing them: excessive force)
            violent |= any(not self._symbolic(k, lo, hi) and not any(x.i <= k < x.j for x in hit)
                           and not self._at_protesters(k, k + 1, lo, hi) for k in self.words_in(lo, hi, "violent"))
            intervention |= bool(self.words_in(lo, hi, "intervention") or hit)
            deaths |= self._deaths_in(lo, hi)
            hurt |= bool(self.words_in(lo, hi, "injury", name="event_casualties"))
            beaten |= any(x.role in ("atrocity", "attack", "fire", "kill")  # (not "protesters were injured" itself)
                          and not self.words_in(x.i, x.j, "injury", name="event_casualties") for x in hit)
        if aims and any(x.role == "riot" and x.i > aims[0] + 2 for x in self.live_in(aims[0], b)):
            roles.add("riot")  # "protesting against power cuts, (they) threw stones": past the aim, their own act
        if violent or roles & {"riot", "looting"}:
            return "riot"  # the protesters' own violence: a riot even where the police then killed (ACLED)
        if (deaths and roles & {"kill", "fire"}) or (hurt and beaten):
            return "excessive"  # protesters killed, or shot or beaten and wounded (ACLED: serious injuries)
        if roles & {"clash", "attack"}:
            return "riot"
        if intervention or roles & {"arrest", "fire"}:
            return "intervention"
        return "peaceful"

    def _at_protesters(self, k: int, end: int, lo: int, hi: int) -> bool:
        """Violence done to the protesters, not by them: a protester word is its object (the five words
        after it: "threw stones at the demonstrators", اعتدى مؤيدون على أحد الناشطين) or, in the passive,
        its subject ("one activist was assaulted by ...")."""
        obj = self.words_in(end, min(hi, end + 5), "protester")
        if self.doc.arabic and not self.doc.tokens[k].norm.endswith(_AR_PLURAL_VERB):
            obj = [x for x in obj if x > end]  # أحرق المحتجون مركز الشرطة: right after the verb, its subject
        if obj and not self.words_in(end, obj[0], "agent", "agent_to"):  # ("burned by the protesters": they did it)
            return True
        return k > lo and bool(self.has_role("event_casualties", k - 1, "aux", "sg_aux")) and bool(
            self.words_in(max(lo, k - 5), k, "protester"))

    def _symbolic(self, k: int, lo: int, hi: int) -> bool:
        """A burning whose only object is a symbol ("burned flags", "an effigy was burned", أحرقوا
        أعلاما): a gesture of protest, not the protesters' violence. Its object is the three words
        after it (or before it: "flags were burned"), with no other violent word among them."""
        near = range(max(lo, k - 3), min(hi, k + 4))
        return bool(self.words_in(near.start, near.stop, "symbol")) and not any(
            x != k for x in self.words_in(near.start, near.stop, "violent"))

    def _follow_on(self, t: Trigger) -> list[tuple[int, int]]:
        """Token ranges of the next sentences (up to two) in the same paragraph that name no place."""
        s = self.doc.tok_sent[t.i]
        out = []
        for nxt in sorted(x for x in self.sent_range if x > s)[:2]:
            if self.paragraph_break(s, nxt) or nxt in self.place_sents:
                break
            out.append(self.sent_range[nxt])
        return out

    def _deaths_in(self, a: int, b: int) -> bool:
        return bool(self.words_in(a, b, "death", name="event_casualties"))

    def _armed_victims(self, t: Trigger, a: int, b: int) -> bool:
        """The people the trigger acts on are armed (soldiers, officers) and no civilian among them."""
        civ = armed = False
        if any(not self._where_noun(k) for k in self.words_in(a, b, "civilian")):
            return False  # a girl, a market in the clause: not only armed men ("in the village of X" only says where)
        if self._held(t, a, b):
            return False  # prisoners, suspects held: out of the fight, unarmed whatever they were
        span = []
        for k in range(t.j, min(b, t.j + 6)):
            if self.has_role("event_words", k, "agent", "agent_to"):
                break  # "abducted by militants": those are who did it
            span.append(k)
        if self._passive(t, a):  # "a guardsman was executed"
            span += range(max(a, t.i - 6), t.i)
        for k in span:
            h = self.hits[k].get("event_casualties")
            if h and "person" in h[2]:
                for role, _count, side in h[1]:
                    if role == "person":
                        civ |= side == "civilian"
                        armed |= side in ("state", "nonstate") or (side == "any" and self._of_armed(k))
            civ |= bool(self.has_role("event_words", k, "civilian")) and not self._where_noun(k)
        return armed and not civ

    def _held(self, t: Trigger, a: int, b: int) -> bool:
        """The people the trigger acts on are held (prisoners, detainees, suspects in custody): the
        words right after the verb up to its agent (before it in the passive) — not "killed 20 rebels
        and took a dozen prisoners"."""
        lo, hi = (max(a, t.i - 6), t.i) if self._passive(t, a) else (t.j, min(b, t.j + 7))
        for k in self.words_in(lo, hi, "custody"):
            if not any(self.has_role("event_words", x, "agent", "agent_to") or self.hits[x].get("event_triggers")
                       for x in range(min(k, t.j), max(k, t.j))):
                return True
        return False

    def _where_noun(self, k: int) -> bool:
        """Token k is the noun of a place phrase ("in the village of X", "near a market in X"): a
        locative word ends at most three tokens before it, with no trigger between."""
        for x in range(k - 1, max(0, k - 4), -1):
            er = self.end_role[x]
            if er and er[0] in ("locative", "near"):
                return True
            if self.hits[x].get("event_triggers"):
                return False
        return False

    def _of_armed(self, k: int) -> bool:
        """"a member of the MNLA", "a commander of JNIM": the person word before an armed group's name."""
        return any(self.actor_side(x) in ("state", "nonstate") for x in range(k + 1, min(len(self.hits), k + 4)))

    def _passive(self, t: Trigger, a: int) -> bool:
        """"was executed", "have been killed", "were reportedly killed" (not "are kidnapping": the subject
        comes first there; nor "soldiers reportedly killed", "militants have killed": no form of 'be')."""
        if not (t.i > a and self.has_role("event_casualties", t.i - 1, "aux", "sg_aux")):
            return False
        if self.doc.arabic:
            return True
        if self.doc.tokens[t.i].norm.endswith("ing"):
            return False
        k = t.i - 1
        while k >= max(a, t.i - 4) and self.has_role("event_casualties", k, "aux", "sg_aux"):
            if self.has_role("event_casualties", k, "be"):
                return True
            k -= 1
        return False

    def _target(self, t: Trigger, a: int, b: int) -> str:
        """Who or what was hit — the words from the clause's first trigger on (up to "by", the
        attackers) and the victims of its tolls: civilians only (villagers, a market, a man) →
        violence against civilians; anyone armed → a battle; only property or goods, nobody
        hurt → looting/property destruction."""
        first = min((x.i for x in self.live_in(a, b)), default=t.i)
        passive = self._passive(t, a) or self._reduced_passive(t)
        if passive:
            # passive: "9 farmers have been killed" — the victims come first, after the verb before it if any
            # ("gunmen burned the town hall, and people were assaulted": the gunmen are no victims)
            first = max((x.j for x in self.live_in(a, t.i) if x is not t), default=a)
        if self.doc.arabic and t.role in _TARGETED:
            # لقي سائق حتفه (برصاص مسلحين): the dead are told between the verb "met" and the death noun
            met = self.words_in(max(a, t.i - 6), t.i, "meet_death")
            if met:
                first = min(first, met[-1] + 1)
        # "Toll of village attack near X rises", "a market bombing in X": a noun compound whose first noun is what
        # was hit (the event noun then a preposition, not a verb with its object)
        compound = not self.doc.arabic and not passive and a < t.i < b and t.j < b and \
            bool(self.has_role("event_words", t.i - 1, "civilian")) and bool(self.has_role("event_words", t.j, *_PLACE_PREPS))
        if compound:
            first = min(first, t.i - 1)
        subject = set()
        if self.doc.arabic:  # verb first: قتل مسلحون ثلاثة مدنيين — the word after the verb is who did it
            # (and of a second verb after و: هاجم مسلحون قرية وقتلوا مزارعين — the first verb's subject)
            for v in [t, *(x for x in self.live_in(a, t.i) if x is not t)]:
                if self._ar_plural_verb(v):
                    continue  # هاجموا الجنود: the soldiers are who was hit
                for k in range(v.j, min(b, v.j + 2)):
                    if self.has_role("event_words", k, "state", "nonstate", "armed"):  # هاجم جنود حفل زفاف
                        subject.add(k)
                        break
        elif not passive and not compound:  # "... after a group of gunmen attacked a hotel": the words before an active verb did it
            k = t.i - 1
            while k >= max(a, t.i - 6) and not self.has_role("event_casualties", k, "and") \
                    and not self.hits[k].get("event_triggers") and not self.doc.gap_has(k + 1, ",،"):
                subject.add(k)
                k -= 1
        lo = min(first, t.i)
        reason = self.words_in(t.j, b, "reason")
        if reason:  # "killed a man over his alleged collaboration with the army": the army is no victim
            b = reason[0]
        for ag in self.words_in(t.i + 1, b, "agent", "agent_to"):  # "by gunmen on motorbikes": the attackers
            nxt = self.words_in(ag + 1, b, "locative", "near", "origin", "destination")
            subject.update(range(ag, nxt[0] if nxt else min(b, ag + 6)))
        hi = b
        civ = any(k not in subject for k in self.words_in(lo, hi, "civilian"))
        armed = any(k not in subject for k in self.words_in(lo, hi, "armed")) or any(
            self.actor_side(k) in ("state", "nonstate") for k in range(lo, hi) if k not in subject)  # a JNIM commander
        things = any(k not in subject for k in self.words_in(lo, hi, "property"))
        for k in self.words_in(lo, hi, "person", name="event_casualties"):
            if k in subject:
                continue
            for role, _count, side in self.hits[k]["event_casualties"][1]:
                if role == "person":
                    civ |= side == "civilian" or (side == "any" and t.role in _TARGETED)  # "killed 1 person"
                    armed |= side in ("state", "nonstate")
        hurt = False
        victims = set()
        for tl in self.sent_tolls(self.doc.tok_sent[t.i]):
            if tl.dropped is None and a <= tl.pos < b:
                victims.add(tl.side)
                hurt |= tl.value > 0
        if not victims and not civ and not armed and t.role in _TARGETED | {"clash"}:
            # "Gunmen ambushed a car near X. The driver was killed.": the toll of the next sentences that
            # name no place says who was hit, where the clause does not
            for lo2, _hi2 in self._follow_on(t):
                victims |= {tl.side for tl in self.sent_tolls(self.doc.tok_sent[lo2]) if tl.dropped is None}
        if victims - {"any"}:  # the tolls say who was hit
            civ, armed = "civilian" in victims, bool(victims & {"state", "nonstate"})
        hurt |= self._deaths_in(a, b)
        if t.role in _KILLING and self._held(t, a, b):
            civ, armed = True, False  # "killed 14 militants held in detention": out of the fight, unarmed
        looting = any(x.role == "looting" for x in self.live_in(a, b))
        if not civ and not armed and not hurt and ((things and t.role != "fire") or looting):
            return "looting"  # (shots fired at vehicles or a building: an attack, not property destruction)
        if t.role == "attack" and not hurt and self._stormed_and_looted(t, b):
            return "looting"
        if not civ and not armed and self._named_victim(t, a, b):
            civ = True  # a person killed who is not said to be armed ("killed the head of the clinic"): ACLED's
            # violence against civilians, unless the clause reports fighting
        if civ and not armed:
            # an attack on a village that its defenders answer is a battle
            answered = any(x.role == "clash" and not self.has_role("event_words", x.i, "ambush")
                           for lo, hi in [(a, b), *self._follow_on(t)] for x in self.live_in(lo, hi))
            return "clash" if answered else "civilian_attack"
        return "clash"

    def _stormed_and_looted(self, t: Trigger, b: int) -> bool:
        """A building stormed, then looted or burned in the same sentence, and nobody hurt, said in it or in the
        sentences after it that name no place ("stormed a store, looted food meant for needy families and burned a
        car. Nobody was hurt.", اقتحم مجهولون مخزنا ونهبوا ... مشيرا إلى عدم وقوع إصابات): the families are whom the
        goods were for, nobody was attacked — property destruction."""
        s = self.doc.tok_sent[t.i]
        hi = self.sent_range[s][1]
        if not self.words_in(t.j, min(b, t.j + 4), "property") or not any(
                x.role == "looting" for x in self.live_in(t.j, hi)):
            return False
        sents = [s, *(self.doc.tok_sent[lo] for lo, _ in self._follow_on(t))]
        return any(tl.dropped is None and tl.value == 0 for x in sents for tl in self.sent_tolls(x))

    def _named_victim(self, t: Trigger, a: int, b: int) -> bool:
        """An English killing verb with its victim right after it ("shot dead a teacher", "killed the
        village chief"), the only violent act of its clause (not "attacked a post, killing 10")."""
        if t.role not in _KILLING or t.j >= b or self._passive(t, a):
            return False
        if self.doc.arabic:  # قتل مسلحون مدير المدرسة: the verb, its armed subject, then the victim
            v = t.j
            if not self._ar_plural_verb(t):  # (اغتالوا عضوا: the subject told before, the victim right after)
                if not self.has_role("event_words", t.j, "state", "nonstate", "armed"):
                    return False
                v = t.j + 1
                while v < min(b, t.j + 3) and self.has_role("event_words", v, "state", "nonstate", "armed"):
                    v += 1  # اغتال مسلحون مجهولون عضوا: the subject's adjective
            number = v < b and (self.doc.tokens[v].is_digit or bool(self.has_role("numbers", v, "cardinal")))
            if v >= b or (self.hits[v] and not number) or v in self.place_tokens or self.actor_side(v):
                return False
        elif not (self.has_role("event_casualties", t.j, "indefinite", "determiner") or self.doc.tokens[t.j].is_digit
                  or self.has_role("numbers", t.j, "cardinal")):
            return False  # "killed the imam", "killed five herders"
        return not any(x is not t and x.role in _VIOLENT and x.role not in _KILLING for x in self.live_in(a, b))

    def subject_side(self, t: Trigger, a: int, b: int, crowd: bool = False) -> str | None:
        """state | nonstate (| crowd): who did it — the actor nearest the trigger on its subject side
        (English: before the verb, after "by" in the passive; Arabic: right after the verb, else before)."""
        doc = self.doc
        wanted = ("state", "nonstate", "crowd") if crowd else ("state", "nonstate")
        sides: list[tuple[int, str]] = [(k, role) for role in wanted for k in self.words_in(a, b, role)]
        sides += [(k, "nonstate" if sd == "tribe" else sd) for k in range(a, b) if (sd := self.actor_side(k))]
        # the side a place was taken from is not who took it: "تحرير سرت من تنظيم داعش", "seized X from Y"
        sides = [(k, sd) for k, sd in sides
                 if not any(self.end_role[x] and self.end_role[x][0] == "origin"  # type: ignore[index]
                            for x in (k - 1, k - 2) if x >= a)]
        if not sides:
            return None
        # who reported it is not who did it: "residents told Reuters that gunfire ..."
        said = max((k for k in range(a, t.i) if self.has_role("event_words", k, "report")), default=-1)
        after = [(k - t.j, sd) for k, sd in sides if k >= t.j and not (sd == "crowd" and k - t.j > 3)
                 and not any(doc.gap_has(x, ",،;:") for x in range(t.j, k + 1))]  # (not "…, before the police came")
        shared = not doc.arabic and t.i - 1 > a and (bool(self.has_role("event_casualties", t.i - 1, "and")) or (
            en_gerund(doc.tokens[t.i].norm) and "," in doc.gap(t.i, t.i)))  # ("a crowd attacked them, beating ...")
        reach = 8 if shared else 4  # "residents reacted to the robbery and beat the thief": the first verb's subject
        first = [x for x in self.live_in(a, t.i) if x is not t] if shared else []
        # an Arabic verb in -وا goes on with the subject told before it, across commas (أشعل شبان غاضبون
        # الإطارات ...، ثم اقتحموا المقر): the nearest side word before it, with no other between
        chain = doc.arabic and self._ar_plural_verb(t)
        nearest = max((k for k, _ in sides if said < k < t.i), default=-1)
        if chain and nearest > a and any(  # (not ثلاثة من الأهالي: a number or a killing before it: victims)
                doc.tokens[x].is_digit or self.hits[x].get("numbers") or self.hits[x].get("event_triggers")
                or self.hits[x].get("event_casualties") for x in range(max(a, nearest - 2), nearest)):
            chain = False
        before = [(t.i - k, sd) for k, sd in sides if said < k < t.i and not (
            sd == "crowd" and t.i - k > reach and not self._crowd_subject(k, t) and not (chain and k == nearest)
            and not self._vs_crowd(k, t, sides)
            and not any(k < x.i and self._crowd_subject(k, x) and not self._passive(x, a) for x in first)
            and not (shared and self._crowd_conjoined(k, t, sides)))]
        # ("... stormed the ward and beat"; not "villagers were killed when gunmen ..., shooting": hit, not doers)
        if shared:
            # "the army killed ten JNIM militants and arrested three men": the second verb shares the first's
            # subject; who the first verb hit is no subject
            earlier = [x.j for x in self.live_in(a, t.i) if x is not t]
            before = [(d, sd) for d, sd in before if not any(j <= t.i - d for j in earlier)] or before
        # "fell to the rebels" (to: an agent only after a verb of taking); not "a crowd set fire to the station"
        to = ("agent_to",) if t.role in ("capture", "regain", "transfer") else ()
        passive = bool(self.has_role("event_words", t.j - 1, "agent", *to)) or (
            t.j < len(doc.tokens) and bool(self.has_role("event_words", t.j, "agent", *to)))
        if not passive and (self._passive(t, a) or self._reduced_passive(t)):
            # "villagers were killed when gunmen ...": a crowd before a passive verb is who it hit, not who did it
            before = [(d, sd) for d, sd in before if sd != "crowd"]
        if doc.arabic:
            # نهبوا المحلات ونكلوا بالسكان: after a verb in -وا the subject was told before it
            order = before if self._ar_plural_verb(t) else [x for x in after if x[0] <= 4] or before or after
        elif passive:
            order = after or before
        else:
            order = before
        return min(order)[1] if order else None

    def _vs_crowd(self, k: int, t: Trigger, sides: list[tuple[int, str]]) -> bool:
        """Arabic verb-subject order: a crowd word right after the word that opens its clause (a verb:
        انهال حشد من الأهالي بالضرب على شاب ... حتى فارق الحياة) is the subject of what its clause tells,
        up to 16 words on, with no punctuation and no other side between."""
        doc = self.doc
        v = k - 1
        lo = self.sent_range[doc.tok_sent[k]][0]
        if not doc.arabic or v < lo or t.i - k > 16 or not (v == lo or doc.gap_has(v, ",،")):
            return False
        if self.hits[v] or doc.tokens[v].is_digit or v in self.place_tokens:
            return False  # (not مقتل ثلاثة من الأهالي: a casualty word or a number opens it)
        return not any(k < x < t.i and sd != "crowd" for x, sd in sides) and \
            not any(doc.gap_has(x, ",،;:") for x in range(k + 1, t.i + 1))

    def _crowd_conjoined(self, k: int, t: Trigger, sides: list[tuple[int, str]]) -> bool:
        """The crowd is the subject of a verb joined by 'and' to the trigger: "a crowd caught a man accused
        of theft and beat him" (up to 14 words, no punctuation and no other actor between)."""
        doc = self.doc
        return t.i - k <= 14 and not any(k < x < t.i for x, _ in sides) and \
            not any(doc.gap_has(x, ",،;:") for x in range(k + 1, t.i + 1))

    def _reduced_passive(self, t: Trigger) -> bool:
        """A headline's passive without 'were': "villagers killed near X" (a killing verb in -ed with a
        place word right after it, where an active verb would have its object)."""
        doc = self.doc
        if doc.arabic or t.role not in ("kill", "fire") or t.j >= len(doc.tokens):
            return False
        # "-ed", or an irregular participle ("councillor shot in X", "shot dead near X")
        participle = doc.tokens[t.j - 1].norm.endswith("ed") if t.role == "kill" else False
        participle |= bool(self.has_role("event_words", t.i, "participle"))
        return participle and bool(self.has_role("event_words", t.j, "locative", "near"))

    def _crowd_subject(self, k: int, t: Trigger) -> bool:
        """A crowd word up to eight tokens before the verb, with only its description between (no
        trigger, no punctuation): "dozens of residents angry over the shortages stormed ..."."""
        doc = self.doc
        rel = self.words_in(k + 1, t.i, "relative", name="event_casualties")  # "relatives of a patient who had
        # died stormed ...": a trigger inside a relative clause of the description is no verb of the crowd's
        end = rel[0] if rel else t.i
        return t.i - k <= 8 and not any(self.hits[x].get("event_triggers") for x in range(k + 1, end)) and \
            not any(doc.gap_has(x, ",،;:") for x in range(k + 1, t.i + 1))

    def _ar_plural_verb(self, t: Trigger) -> bool:
        """An Arabic one-word verb trigger in the plural (هاجموا، ونهبوا): its subject is told before it."""
        return self.doc.arabic and t.j == t.i + 1 and self.doc.tokens[t.i].norm.endswith(_AR_PLURAL_VERB)

    def actor_side(self, k: int) -> str | None:
        """state | nonstate when a named actor starts at token k (the actor lexicon's aliases and
        acronyms; its type says the side); looked up once per token."""
        cache = self._actor_at
        if k in cache:
            return cache[k]
        doc, lex = self.doc, self.coder.actors
        side = None
        if lex is not None and k not in self.place_tokens:  # "the capital of Bamako" is a place, not the government
            idx: tuple[int, ...] = ()
            if any(f in lex.aliases.first for f in doc.forms(k)):
                m = doc.match(lex.aliases.phrases, lex.aliases.first, k)
                if m:
                    idx = lex.aliases.phrases[m[1]]
            if not idx:
                idx = lex.acronyms.get(doc.tokens[k].text, ())
            for x in idx:
                typ = lex.actors[x].type
                if typ in _STATE_TYPES or typ in _NONSTATE_TYPES:
                    # a tribe or community is no armed group when it is the victim ("killed two Fulani men")
                    side = "state" if typ in _STATE_TYPES else "tribe" if typ == "tribe" else "nonstate"
                    break
        cache[k] = side
        return side

    # -- tolls -------------------------------------------------------------------------------------
    def tolls(self, s: int) -> list[Toll]:
        if s not in self.toll_sents:
            return []
        lo, hi = self.sent_range[s]
        return _TollReader(self, lo, hi).read()

    def sent_tolls(self, s: int) -> list[Toll]:
        """The tolls of sentence s, read once and only when an event asks for them."""
        got = self._tolls.get(s)
        if got is None:
            got = self._tolls[s] = self.tolls(s)
        return got

    def _assign_tolls(self, s: int, items: list[tuple[int, Coding]]) -> None:
        """Each toll (a list of numbers as one) goes to the nearest place with an event."""
        tied = [(i, c) for i, c in items if c.kind]
        if not tied:
            return
        first_of: dict[int, int] = {}
        for t in self.sent_tolls(s):
            if t.group >= 0:
                first_of.setdefault(t.group, t.pos)
        # one event in the sentence: a long sentence's toll is still its own
        reach = _TOLL_REACH if len({id(c.trigger) for _, c in tied}) > 1 else 2 * _TOLL_REACH
        for t in self.sent_tolls(s):
            pos = first_of.get(t.group, t.pos) if t.group >= 0 else t.pos
            # nearest first; on the toll's side of a ; : or dash before one across it; on a tie, a deadly
            # kind before an arrest or a seizure ("arrested two in X; gunmen killed a guard in Y")
            _i, c = min(tied, key=lambda x: (self._cut_between(min(x[0], pos), max(x[0], pos)),
                                             _near(x[0], x[1], pos), x[1].kind in _NOT_DEADLY, x[0]))
            if abs(_i - pos) > reach and not (c.trigger and _dist(c.trigger, pos) <= reach):
                continue
            c.tolls.append(t)

    @staticmethod
    def _plain_report(triggers: Iterable[Trigger]) -> Trigger | None:
        """The strongest of these triggers when it is a plain report of fighting, a strike, a capture, a
        protest ... (rank 4 or more), the kind that carries to a place told elsewhere; else None."""
        best = max(triggers, key=lambda t: RANK.get(t.role, 0), default=None)
        return best if best is not None and RANK.get(best.role, 0) >= 4 else None

    def headed_paragraphs(self, by_sent: dict[int, list[tuple[int, Coding]]]) -> None:
        """The next sentences of a paragraph a place heads ("Zintan: ..."), when they name no place of
        their own, tell what happened there too: a plain report of fighting, a strike, a capture ... is the
        heading's event, or another event there when it is of another type."""
        order = sorted(self.sent_range)
        for s0, c in self.headings.items():
            for s in (x for x in order if x > s0):
                if self.paragraph_break(s0, s):
                    break
                if s in by_sent:
                    continue
                best = self._plain_report(t for t in self.by_sent.get(s, ()) if not t.suppressed)
                if best is None:
                    continue
                kind = self.resolve(best, *self.sent_range[s])
                if c.kind is None:
                    c.trigger, c.kind = best, kind
                    c.tie = f"trigger in sentence {s + 1}, in the paragraph that {c.event.mention} heads"
                elif TAXONOMY[kind][0] not in {TAXONOMY[k][0] for k in [c.kind, *(k for _, k in c.also)]}:
                    c.also.append((best, kind))
                    self.headed.add(best.i)

    def adopt_orphans(self, by_sent: dict[int, list[tuple[int, Coding]]]) -> None:
        """A toll or a trigger in a sentence that names no place ("Two soldiers were killed.")
        belongs to the event of the sentence before it in the same paragraph."""
        typed_sents = sorted(s for s, items in by_sent.items() if any(c.kind for _, c in items))
        order = sorted(self.sent_range)  # sentences with words, in order
        rank = {s: n for n, s in enumerate(order)}
        for s in sorted(self.toll_sents):
            if s in by_sent and any(c.kind for _, c in by_sent[s]):
                continue  # a sentence whose places took no event passes its tolls on too
            if self.words_in(*self.sent_range[s], "accident") or any(
                    t.suppressed and t.suppressed.startswith(("an accident", "habitual")) for t in self.by_sent.get(s, ())):
                continue  # the dead of a shipwreck or a crash, of attacks over the years, are no other event's toll
            prev = [t for t in typed_sents if rank[s] - 3 <= rank[t] < rank[s] and not self.paragraph_break(t, s)]
            if not prev:  # a toll told first ("Three soldiers were killed. The ambush took place near X.")
                prev = [t for t in typed_sents if rank[s] < rank[t] <= rank[s] + 2 and not self.paragraph_break(t, s)][:1]
            if not prev and self.lone_paragraph(s):  # web pages make every sentence a paragraph
                near = [t for t in typed_sents if abs(rank[t] - rank[s]) <= 2]
                prev = [min(near, key=lambda t: (abs(rank[t] - rank[s]), t > s))] if near else []
            tolls = self.sent_tolls(s) if prev else None
            if not tolls:
                continue
            roles = self._violent_roles(s)
            if roles and all(c.kind in _NOT_DEADLY for _, c in by_sent[prev[-1]] if c.kind):
                # "Army arrests smugglers; bomb kills four soldiers": the headline's dead are not the arrest's
                # when the article tells a deadly event of the same kind near it (a bomb, a killing): they go there
                lone = self.lone_paragraph(s)  # (a headline: its own paragraph)
                near = [t for t in typed_sents if abs(rank[t] - rank[s]) <= 3 and (lone or not self.paragraph_break(t, s))
                        and any(c.kind not in _NOT_DEADLY for _, c in by_sent[t] if c.kind)
                        and roles & self._violent_roles(t)]
                if near:
                    prev = [min(near, key=lambda t: (abs(rank[t] - rank[s]), t > s))]
            tied = [c for _, c in by_sent[prev[-1]] if c.kind]
            holder = next((c for c in tied if c.tolls), tied[0])
            for t in tolls:
                t.where = f"sentence {s + 1}, " + ("whose places took no event" if s in by_sent else "which names no place")
                holder.tolls.append(t)
        # a trigger without a place: the untyped places of the sentence before (or after) it
        trig_sents: dict[int, list[Trigger]] = {}
        for tr in self.triggers:
            if not tr.suppressed:
                trig_sents.setdefault(self.doc.tok_sent[tr.i], []).append(tr)
        for s, ts in trig_sents.items():
            if s in by_sent:
                continue
            prev = [x for x in order if x < s][-1:]
            items = by_sent.get(prev[0]) if prev else None
            if not items or self.paragraph_break(s, prev[0]) or any(c.kind for _, c in items):
                continue
            if any(not t.suppressed for t in self.by_sent.get(prev[0], ())):
                continue  # its places did not take the action their own sentence reports: not this one either
            best = self._plain_report(ts)
            if best is None:
                continue  # only a plain report of fighting, a strike, a capture ... carries over
            lo, hi = self.sent_range[s]
            kind = self.resolve(best, lo, hi)
            for i, c in items:
                if c.kind is None and not c.tie.startswith("not tied") and c.event.kind != "country" and \
                        not self._seat(i):
                    c.trigger, c.kind = best, kind
                    c.tie = f"trigger in the next sentence ({s + 1}), which names no place"

    def _definite_noun(self, t: Trigger) -> bool:
        """"the fighting", الاشتباكات: an event noun with the article, most often the one told before."""
        if self.doc.arabic:
            return _ar_definite(self.doc.tokens[t.i].norm)
        return t.i > 0 and bool(self.has_role("event_words", t.i - 1, "anaphor"))

    def _seat(self, i: int) -> bool:
        """Place i is where a government or an authority sits ("salaries paid by the government in X",
        الحكومة في X): a seat noun a few words before it, then its preposition."""
        lo = self.sent_range[self.doc.tok_sent[i]][0]
        return bool(self.words_in(max(lo, i - 3), i, "seat_noun")) and self.preposition(i)[1] == "locative"

    def untied(self, codings: list[Coding], out: Untied) -> None:
        """Fill ``out`` from this scan: where the article reports an event at none of its places ("Gunmen
        killed two traders on the road to a village." — a village no gazetteer knows, or no place at all),
        the first live trigger of its lead (the pipeline codes it at a headline's town or the article's
        country, as ACLED codes an event at the admin level it knows); and the orphan paragraphs' reports
        after the lead (coded at the town a headline or dateline without a news agency names)."""
        doc = self.doc
        lead = sorted(self.sent_range)[:_LEAD_SENTENCES]
        if not any(c.kind for c in codings):
            out.unplaced = next(((doc.tokens[t.i].start, doc.tokens[t.j - 1].end) for t in self.triggers
                                 if not t.suppressed and doc.tok_sent[t.i] in lead), None)
        placed, taken = set(), set()
        for c in codings:
            s = doc.tok_sent[self.token_at(c.event.start)]
            placed.add(s)
            if c.kind:
                taken.add(s)
        out.orphans = [(doc.tokens[t.i].start, doc.tokens[t.j - 1].end) for t in self.orphans(placed, taken)
                       if doc.tok_sent[t.i] not in lead]

    def orphans(self, placed: set[int], taken: set[int]) -> list[Trigger]:
        """Per paragraph where no place took an event, the strongest plain report of an event (fighting,
        a strike, a protest ...) in its sentences that name no place, or only where an authority sits —
        told of the article's own town ("Outside the municipal building, teachers staged a sit-in").
        ``placed``: sentences with a place mention; ``taken``: sentences whose places took an event."""
        doc = self.doc
        breaks = [m.start() for m in re.finditer("\n\n", doc.text)]
        paragraphs: dict[int, list[int]] = {}
        for s in sorted(self.sent_range):
            paragraphs.setdefault(bisect.bisect_left(breaks, doc.sentences[s][0]), []).append(s)
        out = []
        for sents in paragraphs.values():
            if any(s in taken for s in sents):
                continue
            live = [t for s in sents for t in self.by_sent.get(s, ())
                    if not t.suppressed and not self._definite_noun(t) and (
                s not in placed or all(self._seat(k) for k in self.place_tokens
                                       if self.sent_range[s][0] <= k < self.sent_range[s][1]
                                       and k - 1 not in self.place_tokens))]
            best = self._plain_report(live)
            if best is not None:
                out.append(best)
        return out

    def toll_to_quarter(self, codings: list[Coding], spans: list[tuple[int, int]]) -> None:
        """A toll told at a city ("the toll of the clashes in X rose to 10") where the article places the
        same kind of event, within three days, in one named part of that city — a district of it, or a
        place the text says is the city's ("X's southern suburb of Y") — goes to that part, the most
        precise place of the incident (ACLED codes the most specific location). Not where the article
        names two parts (the toll may be of both), nor to a part with a toll of its own; a bare
        direction ("in the south of the capital") is no part of its own."""
        owner: dict[int, str] = {}  # start of a mention -> the city a possessive names as its owner
        for c in codings:
            if c.tie.startswith("not tied: it locates") and c.event.kind == "city":
                sp = self.possessed(c.event, self.token_at(c.event.start), spans)
                if sp is not None:
                    owner[sp[0]] = c.event.place_id
        for c in codings:
            e = c.event
            if c.kind is None or e.kind != "city" or not c.tolls or toll_value(c.tolls, "death") is None:
                continue
            etype, pid = TAXONOMY[c.kind][0], e.place_id
            parts = [o for o in codings if o.kind is not None and not o.tolls and o.event.place_id != pid
                     and TAXONOMY[o.kind][0] == etype and _days_apart(e, o.event) <= _INCIDENT_DAYS
                     and (o.event.place_id.startswith((pid + ".", pid + "@")) or owner.get(o.event.start) == pid)]
            named = [o for o in parts if not o.event.place_id.startswith(pid + "@")]
            if len({o.event.place_id for o in named}) != 1:
                continue
            target = min(named, key=lambda o: o.event.start)
            for t in c.tolls:
                t.where = f"{t.where}, said of {e.mention}: the part of it where the article places the fighting"
                target.tolls.append(t)
            c.tolls = []

    def _violent_roles(self, s: int) -> set[str]:
        """The violent actions sentence s tells its dead with ("bomb kills four soldiers": ied, kill)."""
        return {t.role for t in self.by_sent.get(s, ()) if not t.suppressed and t.role in _VIOLENT}

    def ground_assault(self, by_sent: dict[int, list[tuple[int, Coding]]]) -> None:
        """A bomb, shells or rockets on a place, then fighting told later in the sentence or in the
        next sentences that name no place ("fired mortars at the camp in X, and gunmen then tried to
        storm it and opened fire on the guards"; "... The peacekeepers returned fire."): a complex
        attack, a battle there too (ACLED codes the ground assault as Battles)."""
        taken = {id(c.trigger) for items in by_sent.values() for _, c in items if c.trigger is not None}
        for s, items in by_sent.items():
            for i, c in items:
                if c.kind not in _EXPLOSIVE_KINDS or c.kind == "air" or c.trigger is None or \
                        any(TAXONOMY[k][0] == BAT for _, k in c.also):
                    continue
                after = max(i, c.trigger.i) + 1
                later = [t for lo, hi in [(after, self.sent_range[s][1]), *self._follow_on(c.trigger)]
                         if lo < hi for t in self.by_sent.get(self.doc.tok_sent[lo], ()) if lo <= t.i < hi
                         and not t.suppressed]
                # armed men's assault verb on armed men in the same sentence, before the bomb or after it
                # ("militants attacked an army post near X, and at the same time two car bombs exploded",
                # "gunmen stormed the base, then one of them set off his car bomb") — not "the attack", which
                # names this one or another, nor a verb the bomb did ("a mine hit the convoy")
                lo0 = self.sent_range[s][0]
                assault = [t for t in self.live_in(lo0, self.sent_range[s][1]) if t is not c.trigger
                           and self.has_role("event_words", t.i, "assault_verb") and not self._named_back(t)
                           and not self._passive(t, self.window(t)[0]) and self._armed_subject(t)]
                fight = next((t for t in later if id(t) not in taken and t.role in ("clash", "fire")
                              and self.kind_of(t) == "clash"), None) or next(
                    (t for t in assault if id(t) not in taken and self.kind_of(t) == "clash"), None)
                if fight is not None:
                    c.also.append((fight, "clash"))
                    taken.add(id(fight))

    def _armed_subject(self, t: Trigger) -> bool:
        """Armed people or a named armed actor did it: the subject side of the trigger is known, or an
        armed word is its subject ("gunmen attacked", هاجم مسلحون)."""
        a, b = self.window(t)
        if self.subject_side(t, a, b) is not None:
            return True
        lo, hi = (t.j, min(b, t.j + 2)) if self.doc.arabic else (max(a, t.i - 3), t.i)
        return bool(self.words_in(lo, hi, "armed"))

    def _named_back(self, t: Trigger) -> bool:
        """The trigger is a noun naming an event already told: "the attack", "this attack", الهجوم."""
        if t.i > 0 and self.has_role("event_words", t.i - 1, "anaphor"):
            return True
        return self.doc.arabic and strip_article(self.doc.tokens[t.i].norm) is not None

    def answered_later(self, by_sent: dict[int, list[tuple[int, Coding]]]) -> None:
        """An attack on civilians that its targets' defenders answer later in the sentence (after a
        semicolon, after the attack's toll) or in the next sentences of the paragraph — ones that name
        no place or only this place again ("Gunmen attacked a village near X. Young men from X repelled
        the attack.") — is a battle (EVENTS.md: an attack a self-defence group answers is Battles). A
        fight tied to another place is that place's event."""
        at: dict[int, set[str]] = {}  # trigger -> the places whose event it is
        for items in by_sent.values():
            for _i, c in items:
                if c.trigger is not None:
                    at.setdefault(id(c.trigger), set()).add(c.event.place_name)
        for s, items in by_sent.items():
            for _i, c in items:
                t = c.trigger
                if t is None or self.has_role("event_words", t.i, "ambush") or not (
                        (c.kind == "civilian_attack" and t.role in _TARGETED) or (c.kind == "looting" and any(
                            x.role == "attack" for x in self.live_in(*self.window(t))))):
                    continue  # (an attack that burned or looted: "attacked the camp and burned houses")
                place = c.event.place_name
                ranges = [(self.window(t)[1], self.sent_range[s][1])]
                for nxt in sorted(x for x in self.sent_range if x > s)[:2]:
                    if self.paragraph_break(s, nxt) or any(
                            x.event.place_name != place for _k, x in by_sent.get(nxt, ())):
                        break
                    ranges.append(self.sent_range[nxt])
                fight = next((x for lo, hi in ranges if lo < hi for x in self.live_in(lo, hi)
                              if ((x.role == "clash" and not self.has_role("event_words", x.i, "ambush"))
                                  or self._routed(x)) and at.get(id(x), {place}) <= {place}), None)
                if fight is not None:
                    c.kind = "clash"
                    c.tie += f"; answered by '{self.doc.text[self.doc.tokens[fight.i].start:self.doc.tokens[fight.j - 1].end]}'"

    def headline_riot(self, codings: list[Coding]) -> None:
        """A headline's protest at a place where the body tells a riot ("Angry protests in X" over
        "protesters burned tyres and blocked the road in X"): one event, the riot ACLED codes."""
        doc = self.doc
        if not doc.sentences or not self.lone_paragraph(0):
            return
        rioted = {c.event.place_id for c in codings if c.kind == "riot" and c.trigger is not None
                  and c.trigger.role in ("protest", "riot") and doc.tok_sent[c.trigger.i] > 0}
        for c in codings:
            if c.kind in ("peaceful", "intervention") and c.event.place_id in rioted and c.trigger is not None \
                    and doc.tok_sent[c.trigger.i] == 0:
                c.kind = "riot"
                c.tie += "; the body tells this protest as a riot"

    def taken_and_killed(self, t: Trigger, tolls: list[Toll]) -> bool:
        """An abduction that comes with deaths: a death toll of its own, or a killing told in its
        sentence ("abducted and killed three teachers", "abducted four men; they were executed")."""
        if (toll_value(tolls, "death") or 0) > 0:
            return True
        return any(x.role in _ARREST_KILLING for x in self.by_sent.get(self.doc.tok_sent[t.i], ()) if not x.suppressed)

    def killing_told(self) -> Trigger | None:
        """The first live killing or fighting the text tells ("were executed", "killed them",
        "clashes broke out"): how the dead found somewhere died."""
        return next((t for t in self.triggers if not t.suppressed and t.role in _DEATH_CAUSE), None)

    def bodies_kind(self, killing: Trigger, tolls: list[Toll]) -> str:
        """Bodies found of people the text says were killed: the killing's kind — fighting told is a
        battle, and so is a killing of armed men only (soldiers, militants); anyone else (civilians,
        people held, people not said to be armed) violence against civilians."""
        if killing.role == "clash":
            return "clash"
        sides = {t.side for t in tolls if t.kind == "death" and t.dropped is None}
        armed = sides & {"state", "nonstate"}
        return "clash" if armed and not sides - armed else "civilian_attack"

    def note_label(self, codings: list[Coding]) -> None:
        """A report that opens with the name of a strategic development and a colon ("Looting: gunmen
        raided ...", "Arrests: ...", "Agreement: ...", "اعتقالات: ..."), the way ACLED's notes and
        incident logs head their entries, says what it reports: every event it codes takes that kind
        (the raid of a looting is the looting, not an attack on civilians)."""
        label = self.label()
        if label is None:
            return
        kind = label.role
        for c in codings:
            if c.kind is not None and c.kind != kind:
                c.kind, c.also = kind, []
                c.tie += f"; the report is headed '{label.text}:', so a {TAXONOMY[kind][1].lower()}"

    def label(self) -> Trigger | None:
        """The trigger of a heading label: the text's first words, a strategic development's name
        ("Looting", "Property destruction", "Arrests") and then a colon within three words."""
        doc = self.doc
        t = self.triggers[0] if self.triggers else None
        if t is None or t.i != 0 or t.suppressed or t.role not in _LABELS:
            return None
        return t if any(":" in doc.gap(k, k) for k in range(t.j, min(t.j + 4, len(doc.tokens) + 1))) else None

    def _routed(self, x: Trigger) -> bool:
        """"routed the militants", "pushed back the attackers", دحر المسلحين: a verb of taking ground
        whose object is armed people, not a place — the attackers driven off, an answer to an attack."""
        if x.role != "regain" or x.j >= len(self.hits):
            return False
        k = x.j + 1 if self.has_role("event_casualties", x.j, "determiner") else x.j  # "the militants"
        return k < len(self.hits) and k not in self.place_tokens and bool(
            self.has_role("event_words", k, "armed", "nonstate") or self.actor_side(k))


def _near(i: int, c: Coding, pos: int) -> int:
    """How far a toll at ``pos`` is from a place at token i (or from the place's trigger)."""
    d = abs(i - pos)
    if c.trigger is not None:
        d = min(d, _dist(c.trigger, pos) + 2)
    return d


#: movements of forces and new bases: where they came from is not where they went
_MOVING = frozenset({"change", "base"})
#: a withdrawal or hand-over: the place left is where ground changed hands, not where the forces went
#: ("withdrew to X", انسحبت إلى X)
_LEFT_BEHIND = frozenset({"transfer"})
#: explosions and strikes that gunfire in their clause makes a second event ("an IED, then gunfire")
_EXPLOSIVE_KINDS = frozenset({"ied", "suicide", "grenade", "shelling", "air"})
#: event nouns that a definite "the" / هذا makes the event just told ("The attack took place in X")
_ANAPHORIC = frozenset({"attack", "explosion"})
#: roles whose strength depends on how they resolve ("seized" cattle, "struck" with warplanes)
_RANK_BY_KIND = frozenset({"capture", "attack", "explosion", "shelling", "arrest"})
#: the other roles' strength: their kind's cap where it has one (a transfer is as strong as a
#: strategic development, not as a capture)
_STATIC_RANK = {r: min(v, KIND_RANK.get(r, 9)) for r, v in RANK.items()}


def _rank(t: Trigger, kind: str) -> float:
    """How strongly a trigger says what happened, once resolved: "struck" with warplanes in the
    clause is as strong as "air strike"; "seized" cattle only as strong as looting."""
    if kind in ("air", "shelling", "ied") and RANK.get(t.role, 0) < RANK[kind]:
        return RANK[kind]
    return min(RANK.get(t.role, 0), KIND_RANK.get(kind, 9))


def _away(prep_role: str | None, role: str) -> bool:
    """A place named as where violence came from or went (من / from, إلى / to), or as where anything
    was only heading (باتجاه / towards), is not where it happened; nor where people arrested come from
    ("arrested three men from X at a checkpoint in Y", اعتقال شبان من X), nor where bodies were taken
    ("the bodies were brought back to X for burial", نقلت الجثث إلى X)."""
    return prep_role == "toward" or (prep_role in ("origin", "destination") and role in _VIOLENT) or (
        prep_role == "destination" and role in _LEFT_BEHIND) or (prep_role == "origin" and role == "arrest") or (
        prep_role == "destination" and role == "bodies")


def _dist(t: Trigger, i: int) -> int:
    """Tokens between a trigger and a place's first token."""
    return t.i - i if t.i > i else max(0, i - (t.j - 1))


def _km(e: Event, o: Event) -> float:
    """Kilometres between two events' points; infinitely far when one has none (unlocated)."""
    if e.lat is None or e.lon is None or o.lat is None or o.lon is None:
        return float("inf")
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
    approx: bool = False  # an approximate word ("dozens", عشرات), not a figure
    word: int = -1  # the casualty word it counts
    more: bool = False  # "2 other soldiers", "another man": adds to a toll told before
    among: bool = False  # named among the dead ("the dead included 4 fighters", بين القتلى): no total


#: tokens from "who" / الذين after a victim noun to the passive verb of the victims ("... who had gone missing ... were found dead")
_RELATIVE_REACH = 16

#: words from a word of cause ("after") to the death word of the clause it opens ("after a young man died")
_CAUSE_CLAUSE = 6


def _gap(q: _Qty, k: int) -> int:
    """Tokens between a number and token k."""
    return q.i - k if k < q.i else max(0, k - (q.j - 1))


class _TollReader:
    """The tolls of one sentence (token range lo..hi)."""

    def __init__(self, art: _Article, lo: int, hi: int) -> None:
        self.a = art
        self.doc = art.doc
        self.lo, self.hi = lo, hi
        self._spans: list[int] | None = None

    def cas(self, k: int) -> tuple[int, str, int | None, str] | None:
        """A casualty word at k: (end, role, count, side)."""
        h = self.a.hits[k].get("event_casualties")
        if not h:
            return None
        j, rows = h[0], h[1]
        for role, count, side in rows:
            if role in ("death", "injury", "casualty", "person"):
                return j, role, int(count) if count else None, side or "any"
        return None

    def role(self, k: int, *roles: str) -> int:
        return self.a.has_role("event_casualties", k, *roles)

    def read(self) -> list[Toll]:
        qs = self.quantities()
        self.attach(qs)
        for q in qs:  # "A civilian was also killed", "two soldiers were also wounded": more victims
            if q.kind and q.word > q.j and any(self.role(x, "additional") for x in range(q.j, q.word)):
                q.more = True
            elif q.kind == "death" and q.word >= 0 and self.later_of_wounds(q.word) is not None:
                q.more = True  # "a third soldier died of his wounds": one more than those killed outright
        for q in qs:  # "two dead in its own ranks", "2 killed in the ranks of the attackers": whose dead
            end = (self.cas(q.word) or (q.word + 1,))[0] if q.word >= q.j else q.j
            if q.kind and q.side == "any" and end < self.hi and self.role(end, "ranks"):
                q.side = self._ranks_side(end)
        for q in qs:  # "one fighter on each side", ثلاثة مقاتلين من كل طرف: as many on each of the two sides
            if q.kind and q.value and any(self.role(x, "each_side") for x in range(q.j, min(self.hi, q.j + 3))):
                q.value *= 2
        self.coordinate(qs)
        self.among_dead(qs)
        if self.doc.arabic:
            qs += self._ar_listed(qs)
        self.drop(qs)
        self.one_report(qs)
        out = [Toll(q.kind, q.value, self.doc.surface(q.i, q.j), q.i, q.side, q.group, dropped=q.dropped,
                    total=self.near_role(q, "total", max(4, q.word - q.j + 4)),
                    how="among" if q.among else "approx" if q.approx else "number",
                    more=q.more and q.group < 0)
               for q in qs if q.kind and q.value is not None]
        out += self.implicit(qs)
        out += self.reflexive(out)
        out += self.zeros(qs)
        out += self.taken_then_killed(out)
        self.wounded_who_died(out)
        self.running_total(out)
        days = self.days()
        if days > 1:
            for t in out:
                t.days = days
        return out

    def running_total(self, out: list[Toll]) -> None:
        """"killing two more, bringing the toll to 9", مقتل شخصين آخرين لترتفع حصيلة القتلى إلى 9: the
        figure after a word of running total is the toll so far — not this event's when the sentence
        gives the event's own dead (it stays the figure where it gives none)."""
        for t in out:
            if t.kind != "death" or t.how != "number" or t.dropped:
                continue
            start = next((x for x in range(t.pos - 1, max(self.lo, t.pos - 7) - 1, -1) if self.role(x, "running")), -1)
            if start < 0:
                continue
            others = [o for o in out if o is not t and o.kind == "death" and o.value > 0 and not o.dropped]
            if others and all(o.pos < start and self._of_wounds(o) for o in others):
                for o in others:  # "a wounded man died, bringing the toll to 4": one of the event's 4
                    o.dropped = f"counted in the running total ({t.text})"
            elif others:
                t.dropped = f"a running total ({self.doc.surface(start, self.role(start, 'running'))})"

    def _of_wounds(self, t: Toll) -> bool:
        """The toll's death word (at its token or within four after it) is told with "of his wounds"."""
        for k in range(t.pos, min(self.hi, t.pos + 5)):
            c = self.cas(k)
            if c and c[1] == "death":
                return self.later_of_wounds(k) is not None
        return False

    def wounded_who_died(self, out: list[Toll]) -> None:
        """"A man wounded in the shooting died of his injuries", توفي جريح متأثرا بإصابته: the wounded
        told next to a death of wounds (the same count, no punctuation between) are the one who died —
        no injury toll."""
        for d in out:
            if d.kind != "death" or d.dropped or d.how not in ("implicit", "number") or not self._of_wounds(d):
                continue
            for t in out:
                if t.kind == "injury" and not t.dropped and t.value == d.value and t.pos != d.pos \
                        and abs(t.pos - d.pos) <= 10 and self.joined(min(t.pos, d.pos), max(t.pos, d.pos)):
                    t.dropped = f"the wounded who died ({d.text})"

    def among_dead(self, qs: list[_Qty]) -> None:
        """Numbers named after "the dead included", "among the dead were", بين القتلى: dead, but those
        named among them — a figure only where the event has no other (its toll may be larger)."""
        for q in qs:
            if q.value is None or q.dropped:
                continue
            x = q.i - 1
            while x > self.lo and x > q.i - 3 and self.role(x, "be", "aux"):
                x -= 1
            if x >= self.lo and self.joined(x, q.i) and any(
                    (h := self.a.hits[st].get("event_casualties")) and h[0] == x + 1 and "among_dead" in h[2]
                    for st in range(x, max(self.lo, x - 4) - 1, -1)):
                for o in qs:
                    if o is q or (q.group >= 0 and o.group == q.group):
                        o.kind, o.among = "death", True

    def reflexive(self, out: list[Toll]) -> list[Toll]:
        """"killing himself (and two soldiers)": the attacker is one of the dead — unless a toll of one
        read before the death word already counts him ("a bomber blew himself up, killing himself ...")."""
        for k in range(self.lo, self.hi):
            c = self.cas(k)
            if not (c and c[1] == "death" and c[0] < self.hi and self.is_word(c[0], "reflexive")
                    and self.joined(k, c[0])):
                continue
            if any(t.kind == "death" and t.value == 1 and t.pos < k for t in out):
                return []
            return [Toll("death", 1, self.doc.surface(k, c[0] + 1), k, "any", how="implicit", more=True)]
        return []

    def taken_then_killed(self, out: list[Toll]) -> list[Toll]:
        """People taken, then killed ("arrested nine herders and later executed them", "five men were
        detained and executed", اعتقلوا تسعة رعاة ثم أعدموهم): the killing, told with no figure of its
        own, takes the count of those taken — when it is coordinated with the taking ('and', 'then',
        ثم) or names them by a pronoun, with no other violent act between."""
        if any(t.kind == "death" and not t.dropped for t in out):
            return []
        a, doc = self.a, self.doc
        takes = [x for x in a.by_sent.get(doc.tok_sent[self.lo], ()) if x.role in ("arrest", "abduction")
                 and not x.suppressed and self.lo <= x.i < self.hi]
        if not takes:
            return []
        for k in range(self.lo, self.hi):
            c = self.cas(k)
            if not c or c[1] != "death":
                continue
            x = max((x for x in takes if x.j <= k), key=lambda x: x.i, default=None)
            if x is None or any(y.role in _VIOLENT and x.j <= y.i < k for y in a.live_in(x.j, k)):
                continue
            back = k - 1  # back over "were", "later" to an 'and' / 'then' / 'they'
            while back > x.j and self.role(back, "aux") and not (self.role(back, "and") or self.is_word(back, "then")):
                back -= 1
            linked = self.role(back, "and") or self.is_word(back, "then") or self.is_word(back, "them") or (
                c[0] < self.hi and self.is_word(c[0], "them"))
            if not linked:
                continue
            n = self._people(x)
            if n is not None:
                return [Toll("death", n[0], doc.surface(n[1], n[1] + 1) + " … " + doc.surface(k, c[0]), k, n[2])]
        return []

    def _ar_listed(self, qs: list[_Qty]) -> list[_Qty]:
        """مقتل ثلاثة جنود ومدني / قتل عشرون مسلحا من ميليشيا محلية وجنديان: a counted victim noun joined
        by و after a toll's number is one more item of its list (a singular one, a dual two)."""
        out: list[_Qty] = []
        for q in qs:
            if q.kind not in ("death", "injury") or q.value is None or q.dropped:
                continue
            x = q.j
            while x < min(self.hi, q.j + 7) and self.joined(x - 1, x):
                c = self.cas(x)
                if self.conj(x):
                    if not (c and c[1] == "person" and c[2]) or (nxt := c[0]) > self.hi:
                        break
                    if q.group < 0:
                        q.group = 2000 + q.i
                    out.append(_Qty(x, nxt, c[2], kind=q.kind, side=c[3], group=q.group, word=q.word, among=q.among))
                    x = nxt
                    continue
                if self.doc.tokens[x].is_digit or self.a.hits[x].get("numbers") or self.a.hits[x].get("event_triggers") \
                        or (c and c[1] != "person") or x in self.a.place_tokens:
                    break
                x = c[0] if c else x + 1
        return out

    def is_word(self, k: int, role: str) -> bool:
        """Token k is one of the common words of ``role`` that are never scanned (``_ON_DEMAND``)."""
        words = self.a.coder.on_demand[role]
        return any(f in words for f in self.doc.forms(k))

    def _people(self, x: Trigger) -> tuple[int, int, str] | None:
        """The counted people a taking verb took: after it ("arrested nine herders"), or before it in
        the passive ("five men were detained"): (count, its token, their side)."""
        for k in [*range(x.j, min(self.hi, x.j + 3)), *range(max(self.lo, x.i - 7), x.i)]:
            n, _ = self._count(k)
            if n is None:
                continue
            for p in range(k + 1, min(self.hi, k + 4)):
                pc = self.cas(p)
                if pc and pc[1] == "person":
                    return n, k, pc[3]
        return None

    def days(self) -> int:
        """The days the sentence's tolls are told over: a span of two days or more after a word of
        duration ("over three days of fighting", "for two days", "in 3 days", خلال يومين, على مدى
        ثلاثة أيام), else 1. "Two days after the attack" names no span."""
        at = self.a.hit_at  # (the tokens where a phrase starts, ascending: a count of days is rare)
        for d in at[bisect.bisect_left(at, self.lo + 1) : bisect.bisect_left(at, self.hi)]:
            if not self.role(d, "days"):
                continue
            n, k = self._count(d)  # "three days": 3; يومين (the dual): 2, itself
            if n is None:
                n, k = self._count(d - 1)
                if n is None:
                    continue
            if n >= 2 and k > self.lo and (
                    self.is_word(k - 1, "over_days")
                    or any(self.role(x, "during") == k for x in range(max(self.lo, k - 3), k))):
                return n  # (a phrase of duration that ends right before the count: على مدى)
        return 1

    def _count(self, k: int) -> tuple[int | None, int]:
        """The number a token says (a digit or a number word) and where it starts."""
        tok = self.doc.tokens[k]
        if tok.is_digit:
            return (int(tok.norm) if tok.norm.isdigit() else None), k
        num = self.a.hits[k].get("numbers")
        if num and num[0] == k + 1:
            for role, value, *_ in num[1]:
                if role == "cardinal" and str(value).isdigit():
                    return int(value), k
        return None, k

    def near_role(self, q: _Qty, role: str, reach: int = 4) -> bool:
        return any(self.role(k, role) for k in range(max(self.lo, q.i - reach), min(self.hi, q.j + reach)))

    def one_report(self, qs: list[_Qty]) -> None:
        """The tolls of one sentence are one report's: separate tolls ("one gendarme was killed ...;
        four of the attackers were killed") add up, ACLED-style — unless the sentence gives
        figures of different sources ("according to", بحسب), where the lowest counts."""
        if any(self.role(k, "alternative") for k in range(self.lo, self.hi)):
            return
        for kind in ("death", "injury"):
            live = [q for q in qs if q.kind == kind and q.value is not None and not q.dropped and not q.among]
            live = [q for q in live if not q.approx] or live
            if len(live) < 2:
                continue
            group = min((q.group for q in live if q.group >= 0), default=-1)
            if group < 0:
                group = 1000 + live[0].i
            for q in live:
                q.group = group

    # numbers ------------------------------------------------------------------------------------
    def quantities(self) -> list[_Qty]:
        doc, toks = self.doc, self.doc.tokens
        out: list[_Qty] = []
        # only tokens that can be numbers are visited: digits and number words
        cands = sorted({*self.a.digit_tokens(self.lo, self.hi), *self.a.words_in(self.lo, self.hi, *_NUMBER_ROLES,
                                                                                   name="numbers")})
        if not doc.arabic:  # "a soldier and a civilian were killed": an indefinite victim counts one
            cands = sorted({*cands, *self.a.words_in(self.lo, self.hi, "indefinite", "additional",
                                                     name="event_casualties")})
        k = self.lo
        for c in cands:
            if c < k:
                continue
            k = c
            nh = self.a.hits[k].get("numbers")
            if not doc.arabic and not toks[k].is_digit and (not nh or (nh[0] == k + 1 and self.role(k, "indefinite"))):
                q = self._indefinite(k)
                if q is not None:
                    out.append(q)
                    k = q.j
                else:
                    k += 1
                continue
            m = _DIGITS.match(toks[k].norm)
            if m and self._date_part(k):
                k += 1  # "On April 8", "12 شباط": a day of the month
                continue
            if m:
                v, j = int(m.group(1)), k + 1
                while j < self.hi and re.fullmatch(r"\d{3}", toks[j].norm) and doc.gap(j, j) in _THOUSANDS_GAP:
                    v, j = v * 1000 + int(toks[j].norm), j + 1
                if (1900 <= v <= 2100 and j - k == 1 and self._yearish(k)) or self._counts_things(j):
                    k = j
                    continue
                out.append(_Qty(k, j, v, more=self._more(k, j)))
                k = j
                continue
            h = self.a.hits[k].get("numbers")
            if h and k > self.lo and self.role(k - 1, "nobody"):
                k += 1  # "no one"
                continue
            if h and not self.a.has_role("event_casualties", k, "indefinite"):
                j, rows = h[0], h[1]
                word_end = j
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
                    if (r2 == "multiplier" or (r2 == "approx" and role == "cardinal" and not self.conj(j))) and v < v2:
                        v, j = v * v2, h2[0]  # (two dozen: 24 — a figure, not "dozens")
                    elif r2 == "cardinal" and v >= 20 and v2 < v and ((v % 10 == 0 and v2 < 10) or v % 100 == 0):
                        v, j = v + v2, h2[0]
                    elif r2 == "cardinal" and v < 10 and 20 <= v2 <= 90 and toks[j].norm[:1] in "وف":
                        v, j = v + v2, h2[0]  # خمسة وعشرون
                    else:
                        break
                if self._counts_things(j):
                    k = j
                    continue
                out.append(_Qty(k, j, v, approx=role == "approx" and j == word_end, more=self._more(k, j)))
                k = j
                continue
            k += 1
        return out

    def _more(self, k: int, j: int) -> bool:
        """"2 other soldiers", "3 others", "another 4", "3 آخرين": more victims than told before."""
        if k > self.lo and self.role(k - 1, "additional"):
            return True
        if j < self.hi and (c := self.cas(j)) and c[1] == "person":
            j = c[0]  # "3 soldiers others", ثلاثة جنود آخرين: after the victim noun
        return j < self.hi and bool(self.role(j, "additional"))

    def _counts_things(self, j: int) -> bool:
        """The number ending before token j counts no people: days, hours, km, times, vehicles
        ("three days of fighting", "72 ساعة", "2 vehicles burned")."""
        for x in (j, j + 1):
            if x >= self.hi:
                return False
            if self.role(x, "unit") or self.doc.tokens[x].norm in self.a.coder.units:
                return True
            if x > j or self.cas(x) or self.a.hits[x].get("numbers") or self.doc.tokens[x].is_digit \
                    or not self.joined(x - 1, x):
                return False  # one modifier may come between ("2 FAMa vehicles"), not a victim noun
        return False

    def _indefinite(self, k: int) -> _Qty | None:
        """An English indefinite victim: "a (local) official", "another soldier" — one person, read as
        a number so that a list adds up ("a soldier and two civilians were killed": 3)."""
        for x in range(k + 1, min(self.hi, k + 7)):  # "a high-ranking Malian army officer"
            if not self.joined(x - 1, x):
                break  # "assassinated a griot (a praise singer)": the object of the verb before, if any
            c = self.cas(x)
            if c:
                if c[1] != "person" or not c[2]:
                    return None
                if c[0] < self.hi and self.a.has_role("event_words", c[0], "report"):
                    return None  # "..., a local official said": the speaker, not a victim
                q = _Qty(k, c[0], c[2], side=c[3])  # ("a couple": two)
                q.more = bool(self.role(k, "additional"))
                self._and_her_son(q)
                return q
            if self.a.hits[x].get("event_triggers") or self.a.hits[x].get("numbers") or self.doc.tokens[x].is_digit \
                    or self.role(x, "aux", "and", "subset"):
                return None
        # "assassinated a griot", "killing a local notable": one victim the lexicon does not know, the object
        # of a death word right before it
        before = self._ending(k - 1) if k > self.lo and self.joined(k - 1, k) else None
        if before and before[0] in ("death", "injury") and k + 1 < self.hi and self.joined(k, k + 1) \
                and not self.cas(k + 1) and not self.a.hits[k + 1].get("numbers"):
            return _Qty(k, k + 2, 1)
        return None

    def _and_her_son(self, q: _Qty) -> None:
        """"a woman and her young son", "a man and his brother": a second victim told by a possessive
        after 'and' (no number of its own) is one more of the list — q then ends after it."""
        x = q.j
        if not (x + 2 < self.hi and self.role(x, "and") and self.role(x + 1, "determiner")
                and not self.role(x + 1, "additional") and not self.a.hits[x + 1].get("numbers")
                and self.joined(x - 1, x + 2)):
            return
        for y in range(x + 2, min(self.hi, x + 5)):
            if not self.joined(y - 1, y) or self.a.hits[y].get("event_triggers") or self.a.hits[y].get("numbers"):
                return
            c = self.cas(y)
            if c:
                if c[1] == "person" and c[2] == 1:
                    q.value, q.j = (q.value or 0) + 1, c[0]
                return

    def _date_part(self, k: int) -> bool:
        """A number next to a month name is a day or a year."""
        hits = self.a.hits
        if k + 1 < self.hi and hits[k + 1].get("months"):
            return True
        for start in range(max(self.lo, k - 3), k):
            h = hits[start].get("months")
            if h and h[0] == k:
                return True
        return False

    def _yearish(self, k: int) -> bool:
        """A four-digit number that is a year (the casualty rules would skip it anyway)."""
        nxt = self.cas(k + 1) if k + 1 < self.hi else None
        return not (nxt and nxt[1] in ("death", "injury", "person") and self.joined(k, k + 1))

    # which casualty word a number counts ----------------------------------------------------------
    def attach(self, qs: list[_Qty]) -> None:
        """A casualty word right after the number (19 قتيلا, 5 killed), else right before it (مقتل
        ثلاثة, killing 5), else after its victim noun (5 soldiers were killed)."""
        for q in qs:
            if q.i > self.lo and self.a.has_role("event_words", q.i - 1, "captive_verb"):
                # "killed six of them and captured two", وقتل ستة وأسر اثنين: people taken, no toll (and no
                # casualty word after it is theirs)
                q.dropped = f"people taken prisoner ({self.doc.surface(q.i - 1, q.i)})"
                continue
            if any(self.a.has_role("event_words", x, "source_noun") and self.joined(x - 1, x)
                   for x in range(q.j, min(self.hi, q.j + 2))):
                continue  # "two security sources put the toll at 18", مصدران: the number counts sources or groups
            if q.j < self.hi and (c := self.cas(q.j)) and c[1] in ("death", "injury") and not self.conj(q.j) \
                    and self.joined(q.j - 1, q.j):
                if not self.doc.arabic and self._has_object(c[0]):
                    continue  # "a soldier killed two civilians": the soldier did the killing
                q.kind = c[1]
                q.word = q.j
            elif not self.left(q) and not self.right(q) and self.doc.arabic:
                self._verb_first(q)
            if q.kind and q.word >= 0 and q.word > q.i and self._mixed(q.word):
                q.dropped = _MIXED

    def _verb_first(self, q: _Qty) -> None:
        """قتلت غارة بطائرة مسيرة قرب غاو ثمانية مسلحين: the death verb opens the sentence, its subject
        (and a place) come between, then the count with its victim noun — no punctuation, number or
        other casualty word between."""
        c = self.cas(q.j) if q.j < self.hi else None
        if not (c and c[1] == "person"):
            return
        for x in range(q.i - 1, max(self.lo, q.i - 10) - 1, -1):
            if not self.joined(x, x + 1) or self.doc.tokens[x].is_digit or self.a.hits[x].get("numbers"):
                return
            cx = self.cas(x)
            if cx:
                if cx[1] in ("death", "injury") and x == self.lo and cx[0] <= q.i:
                    q.kind = cx[1]
                    self._person_after(q)
                return

    def _mixed(self, k: int) -> bool:
        """N killed and wounded / عشرات بين قتيل وجريح: one count of two kinds, no death toll."""
        c = self.cas(k)
        if not c:
            return False
        nxt = c[0]
        if nxt < self.hi and self.role(nxt, "and", "range"):
            nxt += 1
        d = self.cas(nxt) if nxt < self.hi else None
        return bool(d and d[1] in ("death", "injury") and d[1] != c[1] and (nxt > c[0] or self.conj(nxt)))

    def conj(self, k: int) -> bool:
        """An Arabic word carrying و/ف: it opens the next item of a list (وإصابة 19)."""
        t = self.doc.tokens[k]
        return t.arabic and t.norm[:1] in "وف" and t.norm not in self.a.coder.lex.first

    def joined(self, k1: int, k2: int, loose: bool = False) -> bool:
        """No punctuation between tokens k1 and k2 (a year then a comma then قتل is no toll);
        ``loose``: brackets and commas allowed (10 hunters (Bambara) were killed); one word in quotation marks
        stays joined to the words around it."""
        toks = self.doc.tokens
        text = self.doc.text
        gap = text[toks[k1].end : toks[k2].start]
        if gap.strip() in _QUOTES and (text[toks[k1].start - 1 : toks[k1].start] in _QUOTES
                                       or text[toks[k2].end : toks[k2].end + 1] in _QUOTES):
            return True  # one quoted word: killing "dozens" of fighters (the army's word, quoted), «عشرات» القتلى
        return not any(ch in gap for ch in (";؛:." if loose else ",،;؛:.()[]«»\"&"))

    def _person_after(self, q: _Qty) -> int:
        """Skip the victim noun after a number ("15 soldiers"); set its side."""
        k = q.j
        if k < self.hi:
            c = self.cas(k)
            if c and c[1] == "person":
                q.side = c[3]
                return c[0]
            if self.role(k, "ranks"):
                q.side = self._ranks_side(k)
                return k
            if self.is_word(k, "partitive") and k + 1 < self.hi and self.joined(k, k + 1):
                c = self.cas(k + 1)  # "5 of the soldiers", 5 من عناصر الجيش
                if c and c[1] == "person":
                    q.side = self._owner_side(k + 1, c)
        return k

    def _ranks_side(self, k: int) -> str:
        """"two dead in the ranks of the attackers", اثنان في صفوف المهاجمين: the owner's side; "in its own
        ranks", في صفوفه (a pronoun: the side of whoever tells it) — 'own', a side of its own that adds to the
        victims told before, ACLED-style."""
        end = self.role(k, "ranks")
        if end < self.hi and self.role(end, "determiner") and end + 1 < self.hi:
            end += 1  # "in the ranks of the attackers"
        if end < self.hi and self.joined(k, end):
            c = self.cas(end)
            if c and c[1] == "person" and c[3] != "any":
                return c[3]
            if self.a.has_role("event_words", end, "state"):
                return "state"
            if self.a.has_role("event_words", end, "nonstate", "armed"):
                return "nonstate"
            if c or self.a.hits[end] or self.doc.tokens[end].is_digit:
                return "any"
        last = self.doc.surface(k, self.role(k, "ranks")).split()[-1]
        return "any" if last in ("of", "صفوف") else "own"

    def _owner_side(self, k: int, c: tuple[int, str, int | None, str]) -> str:
        """The side of the people a noun at k names: its own, or its owner's (عناصر الجيش, "members of
        the army": the state's)."""
        if c[2] or c[0] >= self.hi or not self.joined(k, c[0]):
            return c[3]
        nk = c[0] + 1 if self.is_word(c[0], "partitive") and c[0] + 1 < self.hi else c[0]
        return ("state" if self.a.has_role("event_words", nk, "state") else
                "nonstate" if self.a.has_role("event_words", nk, "nonstate") else c[3])

    def right(self, q: _Qty) -> bool:
        """N soldiers were killed / N people reportedly died / N migrants and refugees were killed /
        three people, including a child, were killed — not across "and" into another clause (N
        soldiers and the wounded ...), not into the next conjunct of an Arabic list (ثلاثة مقاتلين
        وإصابة), not across another trigger (3 bombs exploded, killing 12: the 3 counts bombs)."""
        k = self._person_after(q)
        if k < self.hi and self.doc.gap_has(q.j, ")]"):
            return False  # "(sector 2), killing four": the number closes a bracket
        if q.j < k < self.hi and (ahead := self._passive_ahead(k)) >= 0:
            q.kind, q.word = (self.cas(ahead) or (0, "death"))[1], ahead
            return True
        x = q.j
        while x < min(self.hi, q.j + 2) and self.role(x, "additional"):
            x += 1
        if x > q.j and x < self.hi and self.role(x, "group_noun"):
            return False  # "a standoff between two other groups, killing a woman": it counts groups
        if k == q.j and k < self.hi and self.is_word(k, "partitive") and self.joined(k - 1, k):
            k += 1  # "4 of the soldiers died", 4 من الجنود لقوا مصرعهم: who the number counts follows
            if any(self.role(x, "group_noun") for x in range(k, min(self.hi, k + 3))):
                return False  # "a spokesman for one of the brigades put the toll at seven": it counts brigades
        steps = 0
        subset = False  # inside "including a man and a woman": its nouns and numbers are passed over
        passive = False  # "were", "have been" before the death word
        listing = False  # "27 militiamen of the X group and one jihadist were killed": a list of counts
        seen_person = k > q.j  # (of people: "two individual and two communal graves" is none)
        comma = False
        while k < self.hi and steps <= (14 if subset or listing else 8):
            c = self.cas(k)
            if (k > q.j and self.conj(k)) or not self.joined(k - 1, k, loose=True):
                return False
            comma = comma or self.doc.gap_has(k, ",،")  # ("X, containing a ...")
            if self.a.has_role("event_words", k, "report") and not self.role(k - 1, "aux", "be") and not (
                    k + 1 < self.hi and ((self.cas(k + 1) or (0, ""))[1] in ("death", "injury")
                                         or self.role(k + 1, "aux", "be"))):
                return False  # "an official said gunmen killed six": who reports is no victim (but "4 reported
                # killed", "were said to have died")
            if self.role(k, "and"):
                nxt = self.cas(k + 1) if k + 1 < self.hi else None
                counted = not self.doc.arabic and k + 1 < self.hi and bool(
                    self.doc.tokens[k + 1].is_digit or self.a.hits[k + 1].get("numbers")) and any(
                    (self.cas(x) or (0, ""))[1] == "person" for x in range(k + 2, min(self.hi, k + 5)))
                listing = listing or (counted and not subset and seen_person)
                if not subset and not (nxt and nxt[1] == "person") and not counted:
                    return False
                k, steps = k + 1, steps + 1
                continue
            if c and c[1] in ("death", "injury"):
                if not passive and self._has_object(c[0]):
                    return False  # "a soldier killed two civilians": the number counts who killed
                q.kind = c[1]
                q.word = k
                return True
            if self.role(k, "aux", "be"):
                passive = True
            if c and c[1] == "person":
                seen_person = True
                if q.side == "any" and not subset:
                    q.side = self._owner_side(k, c)
            elif self.role(k, "subset"):
                subset = True
            elif self.role(k, "aux", "approx") or (self.role(k, "indefinite", "determiner") and (subset or not (
                    self.doc.tokens[k].is_digit or comma or any((self.cas(x) or (0, ""))[1] == "person"
                                                                for x in range(k + 1, min(self.hi, k + 4)))))):
                # ("20 militiamen of a local group and 2 soldiers"; not "a leader of a student group": a victim
                # of its own)
                pass
            elif self.doc.tokens[k].is_digit or self.a.hits[k].get("numbers"):
                if not subset and not listing:
                    return False
            elif self.a.has_role("event_words", k, "origin", "destination", "locative", "boundary"):
                noun = seen_person or (k == q.j and (self.cas(k - 1) or (0, ""))[1] == "person")  # ("a couple")
                if noun and not subset and (ahead := self._passive_ahead(k)) >= 0:
                    q.kind, q.word = (self.cas(ahead) or (0, "death"))[1], ahead  # "two Malian soldiers on board
                    return True  # a truck were killed": a place phrase after the victims, then their verb
                return False
            elif trig := self.a.hits[k].get("event_triggers"):
                # "3 shepherds were found dead", "were shot dead": a passive verb, then its death word (in the
                # trigger's phrase or right after it)
                dead = next((x for x in range(k + 1, min(self.hi, trig[0] + 1))
                             if (self.cas(x) or (0, ""))[1] == "death" and self.joined(x - 1, x)), None)
                if not passive or dead is None:
                    return False
                k, steps = dead, steps + 1
                continue
            k = (self.a.hits[k].get("event_casualties") or (k + 1, ()))[0] if self.cas(k) else k + 1
            steps += 1
        return False

    def _passive_ahead(self, k: int) -> int:
        """A victim noun ending before k, then a relative clause or a place phrase, then the passive
        death or injury verb ("3 soldiers who were guarding a convoy were killed", "two nurses on board
        an ambulance died"): the death (or injury) word's token, else -1. The words between have no
        punctuation, no number and no other casualty word."""
        if not (self.role(k, "relative") or self.a.has_role("event_words", k, "locative", "near", "origin")):
            return -1  # ("three soldiers from Chad were killed")
        passive = False
        # a relative clause may run longer than a place phrase ("2 herders who had gone missing earlier in
        # March on the road to X were found dead")
        for x in range(k + 1, min(self.hi, k + (_RELATIVE_REACH if self.role(k, "relative") else 9))):
            if not self.joined(x - 1, x) or self.doc.tokens[x].is_digit or (
                    self.a.hits[x].get("numbers") and not self.role(x, "indefinite")):
                return -1  # (not "a convoy")
            c = self.cas(x)
            if c and c[1] in ("death", "injury"):
                return x if passive and not self._has_object(c[0]) else -1
            if c and c[1] == "casualty":
                return -1
            trig = self.a.hits[x].get("event_triggers")
            if passive and trig and (dead := next((y for y in range(x + 1, min(self.hi, trig[0] + 1))
                                                   if (self.cas(y) or (0, ""))[1] == "death"), -1)) >= 0:
                return dead  # "... were found dead"
            if self.role(x, "be"):
                passive = True
            elif passive and not self.role(x, "aux"):
                passive = False  # "who were guarding": a verb of its own comes after 'were'
        return -1

    def _has_object(self, k: int) -> bool:
        """A death verb ending before token k has a counted object right after it (killed two, killed a
        civilian, قتلوا جنديا): it is active, and the people before it did the killing."""
        if k >= self.hi or not self.joined(k - 1, k):
            return False
        if self.doc.tokens[k].is_digit or self.a.hits[k].get("numbers"):
            n = self.a.hits[k].get("numbers")
            x = n[0] if n and not self.doc.tokens[k].is_digit else k + 1
            if x < self.hi and (pc := self.cas(x)) and pc[1] == "person":
                x = pc[0]
            # "one soldier killed one wounded": a list of tolls, not an object
            return not (x < self.hi and (self.cas(x) or (0, ""))[1] in ("death", "injury"))
        pc = self.cas(k)
        return bool((pc and pc[1] == "person" and pc[2]) or (not self.doc.arabic and self.role(k, "indefinite")))

    def left(self, q: _Qty) -> bool:
        """killing N / مقتل N / death toll rose to N / أسفرت عن مقتل ما لا يقل عن N."""
        k = q.i - 1
        steps = 0
        subject = 0
        if k > self.lo and not self.doc.arabic and self.role(k, "and") and self._second_object(q, k):
            return True
        if k - 1 > self.lo and not self.doc.arabic and self.role(k, "determiner") and self.role(k - 1, "and") \
                and self._second_object(q, k - 1):
            return True  # "killed the village chief and his two sons"
        if self.doc.arabic and q.i > self.lo and self.conj(q.i) and self._second_object(q, q.i):
            return True  # أودى الانفجار بحياة سائق وثلاثة ركاب: the count after و is a second object
        while k >= self.lo and steps < 5:
            if self.is_word(k, "resumptive") and self.joined(k, k + 1) and k > self.lo:
                k, steps = k - 1, steps + 1  # هجوم قتل فيه خمسة جنود: the relative clause's pronoun
                continue
            if k - 1 > self.lo and self.role(k, "and") and self.is_word(k - 1, "reflexive") \
                    and self.joined(k - 1, k + 1):
                k, steps = k - 2, steps + 1  # "killing himself and two soldiers": the list goes on
                continue
            er = self._ending(k)
            if er is None and self.doc.arabic and steps == 0 and k - 2 >= self.lo and self.a.hits[k].get("event_triggers") \
                    and (self.a.end_role[k - 1] or ("",))[0] == "locative" and self.joined(k - 2, k + 1) \
                    and (e2 := self._ending(k - 2)) and e2[0] in ("death", "injury"):
                k, steps = k - 2, steps + 1  # وقتل في الهجوم عشرة: the verb, where, then its count
                continue
            if er is None and self.doc.arabic and subject < 2 and self.joined(k, k + 1) and (
                    self.a.has_role("event_words", k, "state", "nonstate", "armed", "crowd") or self.a.actor_side(k)):
                k, subject, steps = k - 1, subject + 1, steps + 1  # قتل مسلحون ثلاثة: verb, subject, number
                continue
            if er is None and k - 2 >= self.lo and not self.cas(k) and not self.doc.tokens[k].is_digit \
                    and self.role(k - 1, "and") and self.joined(k - 2, k + 1) and (e2 := self._ending(k - 2)) \
                    and e2[0] in ("death", "injury"):
                er = e2  # "killed and decapitated a man": the man is the object of both verbs
                k -= 2
            if er is None:
                return False
            role, start, _row = er
            if not self.joined(k, k + 1):
                return False
            if role in ("death", "injury"):
                q.kind = role
                self._person_after(q)
                return True
            if role == "running" or (role == "toll" and steps == 0):  # "bringing the death toll to 9"
                q.kind = "death"  # (قدرت مصادر عدد القتلى بستة: a toll word right before its figure)
                return True
            if role not in ("approx", "rise", "between"):
                return False  # (قتل ما بين 10 و15: past the range's opening word)
            if role == "rise" and self._toll_before(start, q):
                return True
            k = start - 1
            steps += 1
        return False

    def _second_object(self, q: _Qty, k: int) -> bool:
        """English "killed the village chief and two teachers", "killed his commander and another
        soldier" (Arabic: مقتل سائق وثلاثة ركاب, k the number's own token): the count after 'and' (at
        k) is a second object of the death verb whose first object is a victim told with no number —
        more dead than the one the verb implies (added to it)."""
        nxt = q.j
        while nxt < self.hi and (c := self.cas(nxt)) and c[1] == "person":
            nxt = c[0]
        if nxt < self.hi and (self.role(nxt, "aux", "be", "additional") or self.cas(nxt)):
            return False  # "killed the chief and two others were wounded": a clause of its own
        person = False
        for x in range(k - 1, max(self.lo, k - 7) - 1, -1):
            if not self.joined(x, x + 1) or self.doc.tokens[x].is_digit or self.a.hits[x].get("numbers") \
                    or x in self.a.place_tokens or self.role(x, "and", "indefinite"):
                return False
            c = self.cas(x)
            if c and c[1] == "person" and c[0] <= k:
                person = True
            er = self._ending(x)
            if er and er[0] in ("death", "injury"):
                if not person or er[1] < self.lo:
                    return False
                q.kind, q.more = er[0], True
                self._person_after(q)
                return True
            if self.a.hits[x].get("event_triggers"):
                return False
        return False

    def _toll_before(self, k: int, q: _Qty) -> bool:
        """"The death toll from the clashes in X rose to N": a toll word earlier in the clause."""
        a, _ = self.a.segment_of(self.doc.tok_sent[q.i], q.i)
        for x in range(k - 1, max(self.lo, a, k - 12) - 1, -1):
            h = self.a.hits[x].get("event_casualties")
            if h and h[0] <= k and any(r[0] == "toll" for r in h[1]):
                q.kind = "death"
                return True
            if self.doc.tokens[x].is_digit:
                return False
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
            if any(ch in gap_text for ch in "()[];؛:"):
                continue  # "(coded at precision 2), four soldiers": a bracket closes, no list goes on; nor across ;
            if not words and re.fullmatch(r"\s*[-–]\s*", gap_text):
                b_.dropped = "range: the lower figure is kept"
                a_.kind = a_.kind or b_.kind  # "6 - 9 civilians were killed": the range shares its word
                b_.kind = b_.kind or a_.kind
                continue
            after_between = a_.i > self.lo and (self._ending(a_.i - 1) or ("",))[0] == "between"
            if (len(between) == 1 and self.role(between[0], "range")) or (
                    len(between) == 1 and self.role(between[0], "and") and after_between):
                b_.dropped = "range: the lower figure is kept"
                if b_.kind is None:
                    b_.kind = a_.kind
                if a_.kind is None:
                    a_.kind = b_.kind
                continue
            if not words and self.conj(b_.i) and after_between:
                b_.dropped = "range: the lower figure is kept"
                continue
            if any(self.role(k, "subset") for k in between):
                continue  # "three people, including a child": the child is one of the three
            persons = [k for k in between if (self.cas(k) or (0, ""))[1] == "person"]
            ands = [k for k in between if self.role(k, "and")]
            if not ands and not self.conj(b_.i) and self._one_of(b_):
                continue  # "a diplomat, one of four hostages": who the victim is, not one more victim
            joiner = bool(ands) or any(ch in gap_text for ch in "&,،") or self.conj(b_.i)
            # words that only qualify an item pass: "and at least 9 of the attackers", "5 من عناصر الشرطة و7"
            # (an approximation before the next number, a partitive, the owner after a victim noun)
            light = self._light_words(between, persons)
            between = [k for k in between if k not in light]
            others = [k for k in between if k not in persons and k not in ands]
            if others and (self.cas(others[0]) or self.a.hits[others[0]].get("event_triggers")):
                continue
            if not self.doc.arabic and any(en_gerund(self.doc.tokens[k].norm) for k in others):
                continue  # "killing one and taking six hostage": the six are no second list item
            if joiner and len(others) <= 1 and len(between) <= 3:
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
        kinds = {q.group: q.kind for q in qs if q.group >= 0 and q.kind}
        for q in qs:  # "two children, two men and a woman were killed": the list shares its word
            if q.kind is None and q.group in kinds:
                q.kind = kinds[q.group]

    def _one_of(self, q: _Qty) -> bool:
        """"one of four hostages", واحد من أربعة: a number, a partitive, then another number: an
        apposition that places a victim among a larger group."""
        k = q.j
        if k + 1 >= self.hi or not self.is_word(k, "partitive") or not self.joined(k, k + 1):
            return False
        nxt = k + 2 if self.role(k + 1, "determiner") and k + 2 < self.hi else k + 1
        return self.doc.tokens[nxt].is_digit or bool(self.a.hits[nxt].get("numbers"))

    def _light_words(self, between: list[int], persons: list[int]) -> set[int]:
        """The words between two numbers of a list that only qualify an item: an approximation
        ("at least", ما لا يقل عن), a partitive right after a number or a victim noun ("of", من) and
        the bare noun that owns a victim noun (عناصر الشرطة, "members of the police")."""
        out: set[int] = set()
        if between and self.is_word(between[0], "partitive") and len(between) <= 4 and not any(
                self.a.hits[k].get("event_triggers") or self.a.hits[k].get("numbers") or self.doc.tokens[k].is_digit
                or k in self.a.place_tokens for k in between):
            out.update(between[1:])  # خمسة من القوات الحكومية وثمانية: whose the first item is, however named
        for k in between:
            end = self.role(k, "approx")
            if end:
                out.update(range(k, end))
        # "a soldier from Chad and two civilians": where a victim is from, after the item's noun
        for end in between[:1] + [(self.cas(k) or (k + 1,))[0] for k in persons]:
            if end in between and self.a.has_role("event_words", end, "origin") and end + 1 in self.a.place_tokens:
                x = end
                while x in between and (x == end or x in self.a.place_tokens):
                    out.add(x)
                    x += 1
        for k in persons:
            if k - 1 in between and self.is_word(k - 1, "partitive"):
                out.add(k - 1)
            nxt = (self.cas(k) or (k + 1,))[0]
            if nxt in between and not self.a.hits[nxt] and self.joined(k, nxt):
                out.add(nxt)
        return out

    def drop(self, qs: list[_Qty]) -> None:
        """A subset ("including 3 children") and a cumulative toll ("since April") do not count."""
        for q in qs:
            if q.kind is None or q.dropped:
                continue
            for k in range(max(self.lo, q.i - 3), q.i):
                if self.role(k, "subset"):
                    if any(self.doc.gap_has(x, ",،;؛") for x in range(k + 1, q.i + 1)):
                        continue  # "killed six of them, while one of our soldiers ...": that phrase is six's
                    if self._died_of_wounded(q, k, qs):
                        break
                    q.dropped = f"a subset ({self.doc.surface(k, self.role(k, 'subset'))})"
                    break
            else:  # "wounding five, two of whom later died", توفي اثنان منهم: the subset word after the number
                if q.j < self.hi and self.role(q.j, "subset"):
                    self._died_of_wounded(q, q.i, qs)
            if q.dropped:
                continue
            other = self.other_event(q.i)
            if other:
                q.dropped = f"the toll of another event ({other})"
                continue
            if q.kind == "death" and (v := self.a.words_in(max(self.lo, q.i - 6), q.i, "verdict")):
                q.dropped = f"a court's sentence ({self.doc.surface(v[-1], v[-1] + 1)})"  # "sentenced six men to death"
                continue
            span = self.cumulative(max(self.lo, q.i - 14), min(self.hi, q.j + 14), q, qs)
            if span:
                q.dropped = f"cumulative ({span})"
        # "including a man, a woman and a girl": the whole list is the subset
        subsets = {q.group: q.dropped for q in qs if q.group >= 0 and q.dropped and q.dropped.startswith("a subset")}
        for q in qs:
            if q.group in subsets and not q.dropped:
                q.dropped = subsets[q.group]

    def _died_of_wounded(self, q: _Qty, k: int, qs: list[_Qty]) -> bool:
        """"six soldiers were wounded, of whom three (later) died", "wounding five, two of whom died": the
        dead named after (or before) a subset word at k are some of the wounded count told right before it — they move from the wounded to the dead
        (more dead than those killed outright, as "died of his wounds"; fewer wounded), and are no subset
        of a death toll."""
        if q.kind != "death":
            return False
        mother = max((o for o in qs if o.j <= k and o is not q and o.value is not None), key=lambda o: o.i,
                     default=None)
        if mother is None or mother.kind != "injury" or mother.dropped or mother.value is None \
                or q.value is None or q.value > mother.value or not self.joined(mother.j, k, loose=True):
            return False
        mother.value -= q.value
        q.more = True
        return True

    def other_event(self, k: int) -> str | None:
        """Words for another incident right before a toll ("near where another attack had killed 1",
        "هجوم سابق أسفر عن مقتل"), or a word of cause before its death word ("in protest against the
        killing of", "in response to the death of", ردا على مقتل): at most six words before it, no other
        number between."""
        for x in range(k - 1, max(self.lo, k - 7) - 1, -1):
            end = self.role(x, "other_event")
            if end:
                return self.doc.surface(x, end)
            if self.is_word(x, "cause") and self._cause_of_death(x, k):
                return self.doc.surface(x, x + 1) + " …"  # "in response to the killing of", احتجاجا على مقتل
            num = self.a.hits[x].get("numbers")
            if self.doc.tokens[x].is_digit or (num and num[1][0][1] != "1"):
                return None  # (a / an / one: "a day after an attack that killed" names no other figure)
        return None

    def _cause_of_death(self, x: int, k: int) -> bool:
        """The word of cause at x governs the death word of the toll at k: a death word at most three
        words after it, not past k ("in response to the killing of", احتجاجا على مقتل), or the death
        word of the clause it opens, whose subject is the victims ("rioted after a young man died in
        custody", "after two guards were killed"): that death is what the event answers. Not across
        punctuation or 'and' ("stormed the post after midnight and killed a guard")."""
        person = False
        for y in range(x + 1, min(self.hi, x + _CAUSE_CLAUSE + 1)):
            if self.doc.gap_has(y, ",;:،؛") or self.role(y, "and") or self.conj(y):
                return False
            c = self.cas(y)
            if c is not None and c[1] == "person":
                person = True
            elif c is not None and c[1] == "death":
                return (y <= min(k, x + 3)) or (person and y >= k)
        return False

    def cumulative(self, lo: int, hi: int, q: _Qty | None = None, qs: Iterable[_Qty] = ()) -> str | None:
        """A cumulative toll's words near lo..hi: "since April", "so far this year", خلال شهرين — not
        those nearer to another number of the sentence than to q ("4 were killed, bringing the toll
        since April to 300": "since April" is the 300's)."""
        if self._spans is None:
            self._spans = [k for k in range(self.lo, self.hi) if self.role(k, "cumulative", "since", "during")]
        for k in self._spans:
            if not lo <= k < hi:
                continue
            if q is not None and any(o is not q and o.value is not None and _gap(o, k) < _gap(q, k) for o in qs):
                continue
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

    def implicit(self, qs: list[_Qty]) -> list[Toll]:
        """قتيلا (one dead), مقتل جندي (a soldier killed), a civilian was killed: 1; قتيلين: 2."""
        out: list[Toll] = []
        # the words a number was read with (and the next two); a death word right after an injury toll is
        # another toll ("10 wounded and the driver was also killed", وأصيب عشرة أشخاص وقتل السائق)
        covered: dict[int, set[str | None]] = {}
        for q in qs:
            for x in range(q.i, max(q.j, q.word + 1) + 2):
                covered.setdefault(x, set()).update(("death", "injury") if q.dropped == _MIXED else (q.kind,))
        wounds = self.wounds_phrases()
        for k in range(self.lo, self.hi):
            c = self.cas(k)
            if c and c[1] == "injury" and any(a <= k < b for a, b in wounds):
                continue  # "died of his wounds", متأثرا بجروحه: a death, no injury toll
            if not c or c[1] not in ("death", "injury") or (k in covered and (
                    covered[k] & {c[1], None} or any(q.i <= k < max(q.j, q.word + 1) for q in qs))):
                continue
            kind = c[1]
            if any(q.kind == kind and abs(q.i - k) <= 6 and not self._apart(q, k) and not (q.more and q.i > c[0])
                   for q in qs):
                continue  # (not "killed the chief and two teachers": the chief is one more)
            found: tuple[int, str, str] | None = None
            more = False
            if c[2]:  # قتيلا, جريحين; فجر انتحاري نفسه: the bomber, of his own side (added to those he killed)
                found = (c[2], c[3], self.doc.surface(k, c[0]))
            else:  # the victim noun next to it
                for p in [c[0], c[0] + 1, c[0] + 2] + ([k - 1, k - 2, k - 3, k - 4] if not self.doc.arabic else []):
                    if not (self.lo <= p < self.hi):
                        continue
                    pc = self.cas(p)
                    if not pc or pc[1] != "person" or not pc[2]:
                        continue
                    if p > c[0] and not self.role(c[0], "indefinite", "determiner") and not (
                            self.doc.arabic and p == c[0] + 1 and self.a.has_role("event_words", c[0], "state", "nonstate", "armed")) \
                            and not self._titled_name(c[0], p, pc):
                        continue  # killing a (local) official / قتل جندي; قتل مسلحون جنديا: verb, subject, victim
                    if not self.doc.arabic and p < k and not any(
                            self.role(x, "indefinite", "determiner") and self.joined(x, p)
                            for x in range(max(self.lo, p - 4), p)) and not self._headline_victim(p, k, c[0]):
                        continue  # (not "a rival group, whose leader lives in X": 'a' is another clause's)
                    value, end = pc[2], pc[0]
                    more = (end < self.hi and bool(self.role(end, "additional"))) or bool(
                        self.role(p - 1, "additional")) or (p < k and any(
                            self.role(y, "additional") for y in range(end, k)))  # وتوفي جنديان آخران, "another
                    # soldier died", "the driver was also killed"
                    if self.doc.arabic and p > k:  # مقتل جندي ومدني: a list of victims adds up
                        while end < self.hi:
                            nx = end
                            if self.a.has_role("event_words", nx, "origin") and nx + 1 in self.a.place_tokens:
                                nx += 1  # جندي من تشاد ومدنيان: where the first is from
                                while nx + 1 < self.hi and nx + 1 in self.a.place_tokens and not self.conj(nx + 1):
                                    nx += 1
                                nx += 1
                                if nx >= self.hi:
                                    break
                            if not self.conj(nx) and not self.doc.tokens[nx].is_digit and not self.cas(nx) and not (
                                    self.a.hits[nx].get("numbers") or self.a.hits[nx].get("event_triggers")) \
                                    and nx + 1 < self.hi and self.joined(nx, nx + 1):
                                nx += 1  # an adjective or an owner between: مقتل ضابط كبير وجندي، شيخ القرية ومعلما
                            nc = self.cas(nx) if self.conj(nx) and (nx == end or self.joined(nx - 1, nx)) else None
                            if not (nc and nc[1] == "person" and nc[2]):
                                break
                            value, end = value + nc[2], nc[0]
                    found = (value, pc[3], self.doc.surface(min(p, k), max(end, c[0])))
                    break
            if found is None and self.doc.arabic and not c[2]:
                found = self._ar_object(k, c[0])
            if found is None and self.doc.arabic and not c[2]:
                sub = self._ar_subject(k, c[0])
                if sub is not None:
                    found, more = sub[:3], sub[3]
            if any(self.role(x, "negation", "nobody") for x in range(max(self.lo, k - 4), k)):
                continue  # no one was killed: zeros() reads it
            if found is None and not self.doc.arabic:
                # "the mayor of X was killed", "he died": one victim, unless a number is near
                for x in (k - 1, k - 2, k - 3, k - 4):
                    if x < k - 2 and not all(self._light(y, k) for y in range(x + 1, k)):
                        break  # further back only over 'later', 'reportedly', 'found': "he was later found dead"
                    if x >= self.lo and self.role(x, "sg_aux") and not any(
                            q.kind == kind and q.i < k and k - q.j <= 8 for q in qs):
                        found = (1, "any", self.doc.surface(x, c[0]))
                        more = any(self.role(y, "additional") for y in range(x, k))  # "the bomber was also killed"
                        break
            wounded = self.later_of_wounds(k) if kind == "death" else None
            if found is None and wounded:  # "a soldier hurt in the attack died of his wounds": one
                found = (wounded, "any", self.doc.surface(k, c[0]))
            if found is None:
                continue
            if wounded is not None:
                more = True  # "the official later died of his wounds": one more than those killed outright
            span = self.cumulative(max(self.lo, k - 12), min(self.hi, k + 12))
            other = self.other_event(k)
            dropped = f"the toll of another event ({other})" if other else f"cumulative ({span})" if span else None
            out.append(Toll(kind, found[0], found[2], k, found[1], how="implicit", dropped=dropped, more=more))
        return out

    def _titled_name(self, end: int, p: int, pc: tuple[int, str, int | None, str]) -> bool:
        """English: a death verb ending before ``end``, then a one-person title noun at p (at most two
        words between: "assassinated local elected official", "killed the group's commander") that a
        capitalised name follows ("... official Moussa Traore"): one named victim."""
        if self.doc.arabic or pc[2] != 1 or pc[0] >= self.hi or not self.joined(end - 1, pc[0]):
            return False
        name = self.doc.tokens[pc[0]]
        if not name.text[:1].isupper() or pc[0] in self.a.place_tokens or self.a.hits[pc[0]]:
            return False
        return not any(self.doc.tokens[x].is_digit or self.a.hits[x].get("numbers")
                       or self.a.hits[x].get("event_triggers") or self.cas(x) for x in range(end, p))

    def wounds_phrases(self) -> list[tuple[int, int]]:
        """Token spans of "of his wounds", متأثرا بجروحه in the sentence (role from_wounds)."""
        return [(k, self.role(k, "from_wounds")) for k in self.a._pos.get(("event_casualties", "from_wounds"), ())
                if self.lo <= k < self.hi]

    def later_of_wounds(self, k: int) -> int | None:
        """The death word at k is told with "of his wounds", متأثرا بجروحه within three words after it
        (someone wounded in the event who died later): the phrase's count (1 for "his", ـه; 0 where it
        gives none), else None."""
        end = (self.cas(k) or (k + 1,))[0]
        for y in range(end, min(self.hi, end + 3)):
            h = self.a.hits[y].get("event_casualties")
            if h and "from_wounds" in h[2]:
                return next((int(n) for role, n, _side in h[1] if role == "from_wounds" and n), 0)
        return None

    def _light(self, y: int, k: int) -> bool:
        """Token y, before a death word at k, is an auxiliary or starts the trigger phrase the death word
        ends ("was later found dead")."""
        trig = self.a.hits[y].get("event_triggers")
        return bool(self.role(y, "aux", "be")) or bool(trig and trig[0] > k)

    def _apart(self, q: _Qty, k: int) -> bool:
        """A death word k after a comma that follows a number read with a word of its own ("killed six
        civilians in X, and that a policeman was also killed"): a toll of its own."""
        if k < q.j or q.word == k or not q.kind:
            return False
        gap = self.doc.text[self.doc.tokens[q.j - 1].end : self.doc.tokens[k].start]
        return any(ch in gap for ch in ",،")

    def _ar_object(self, k: int, end: int) -> tuple[int, str, str] | None:
        """اغتال مسلحون خياطا: an Arabic death verb, its armed subject, then one victim the lexicon does
        not know (a singular word: no plural or dual ending, no number, place or actor)."""
        v = end + 1
        if v >= self.hi or not self.a.has_role("event_words", end, "state", "nonstate", "armed") \
                or not self.joined(end, v) or self.a.hits[v] or self.doc.tokens[v].is_digit \
                or v in self.a.place_tokens or self.a.actor_side(v):
            return None
        if self.doc.tokens[v].norm.endswith(_AR_PLURAL):
            return None
        return 1, "any", self.doc.surface(k, v + 1)

    def _ar_subject(self, k: int, end: int) -> tuple[int, str, str, bool] | None:
        """أن جنديا قتل / «انتحاريا قتل»: a counted victim noun that opens its clause (after أن / إن or
        a quote) right before an Arabic death verb with no object after it: the verb is passive, the
        noun its victim. (count, side, text, more: "أيضا" after the verb adds to the toll before.)"""
        if end < self.hi and (self.doc.tokens[end].is_digit or self.a.hits[end].get("numbers")
                              or (self.cas(end) or (0, ""))[1] == "person"):
            return None
        for p in range(k - 1, max(self.lo, k - 3) - 1, -1):
            if not self.joined(p, p + 1):
                return None
            pc = self.cas(p)
            if pc and pc[1] == "person":
                n = pc[2]
                if not n or pc[0] > k:
                    return None
                while p > self.lo and self.joined(p - 1, p) and (hc := self.cas(p - 1)) and hc[1] == "person" \
                        and hc[2] == n and hc[0] == p:
                    p, pc = p - 1, hc  # انتحاريا إرهابيا: a noun and its adjective
                if p > self.lo and self.joined(p - 1, p) and not self.is_word(p - 1, "clause_that"):
                    return None
                more = end < self.hi and bool(self.role(end, "additional"))
                return n, pc[3], self.doc.surface(p, end), more
            if self.doc.tokens[p].is_digit or self.a.hits[p].get("numbers") or self.cas(p) \
                    or self.a.hits[p].get("event_triggers"):
                return None
        return None

    def _headline_victim(self, p: int, k: int, end: int) -> bool:
        """A bare singular victim at the head of its clause, the death word after it with no object:
        "Soldier killed in an ambush", "UN peacekeeper killed and four injured" (not "Gunman kills 3")."""
        a, _ = self.a.segment_of(self.doc.tok_sent[p], p)
        if p - a > 3 or any(self.cas(x) or self.doc.tokens[x].is_digit or self.a.hits[x].get("numbers")
                            or self.a.hits[x].get("event_triggers") for x in range(a, p)):
            return False
        has_object = end < self.hi and bool(
            self.doc.tokens[end].is_digit or self.a.hits[end].get("numbers")
            or (self.cas(end) or (0, ""))[1] == "person" or self.role(end, "indefinite", "determiner"))
        return not has_object

    def zeros(self, qs: list[_Qty]) -> list[Toll]:
        """No casualties / no one was killed / دون وقوع أي أضرار بشرية: 0."""
        out: list[Toll] = []
        for k in range(self.lo, self.hi):
            c = self.cas(k)
            if not c or c[1] not in ("death", "injury", "casualty"):
                continue
            anyx = k > self.lo and self.a.has_role("event_modality", k - 1, "any")  # لم ... أي خسائر
            if any(self.role(y, "except") for y in range(c[0], min(self.hi, c[0] + 3))):
                continue  # "no one was hurt besides the bomber": someone was
            for x in range(max(self.lo, k - (9 if anyx else 5)), k):
                if self.role(x, "negation", "nobody") and not any(x < q.i < k for q in qs) and not any(
                        self.role(y, "unknown") for y in range(x + 1, k)):  # "not clear who killed them": no zero
                    text = self.doc.surface(x, c[0])
                    kinds = ("death", "injury") if c[1] == "casualty" else (c[1],)
                    out += [Toll(kind, 0, text, k, how="zero") for kind in kinds]
                    break
            else:
                if c[0] < self.hi and self.role(c[0], "nobody") and self.joined(c[0] - 1, c[0]) \
                        and not any(q.i >= c[0] and q.i < c[0] + 3 for q in qs):  # "hurting no one"
                    kinds = ("death", "injury") if c[1] == "casualty" else (c[1],)
                    out += [Toll(kind, 0, self.doc.surface(k, self.role(c[0], "nobody")), k, how="zero")
                            for kind in kinds]
        # "no one was hurt", دون أن يسفر عن إصابات: nobody hurt is nobody killed — when the sentence tells
        # of no death (no death word, no number read as dead)
        if out and not any(t.kind == "death" for t in out) and not any(q.kind == "death" for q in qs) and not any(
                (self.cas(k) or (0, ""))[1] == "death" for k in range(self.lo, self.hi)):
            out.append(Toll("death", 0, out[0].text, out[0].pos, how="zero"))
        return out


def explain_lines(codings: Iterable[Coding]) -> list[str]:
    """Plain-text reasons, one block per event (the CLI adds colour)."""
    lines: list[str] = []
    for c in codings:
        e = c.event
        head = f"{e.mention} → {e.place_name} ({e.kind})"
        if c.kind and c.trigger is not None:
            lines.append(f"{head}: {c.event_type} / {c.sub_event_type}")
            lines.append(f"  trigger '{c.trigger.text}' ({c.trigger.role}"
                         + (f"; {c.trigger.absorbed}" if c.trigger.absorbed else "") + f") — {c.tie}")
            lines.append(f"  killed: {_num(c.fatalities)}   injured: {_num(c.injured)}")
        else:
            lines.append(f"{head}: no event — {c.tie}")
        lines += [f"  read: {t.describe()}" for t in c.tolls]
        lines += [f"  suppressed: {s}" for s in c.suppressed]
    return lines


def _num(v: int | None) -> str:
    return "no number given" if v is None else str(v)


__all__ = ["TAXONOMY", "Coding", "EventCoder", "Untied", "combine", "explain_lines"]
