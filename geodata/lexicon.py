"""Actors, outlets and the recogniser's vocabulary: small tables read from the source files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.records import by_fields
from ..core.textnorm import norm_text


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str
    country: str | None = None
    #: the movement the actor belongs to (``jihadist``, ``rebel``), as an actor_words role: words of
    #: that role ("terrorists", "rebels") stand for unnamed members of the family
    family: str = ""
    #: for a catch-all row without names of its own ("Sahel jihadists (unspecified)"): the focus
    #: countries of the articles whose unnamed ``family`` words stand for it
    scope: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # the cached index is read compiled and from source: one pickle for both
        return by_fields(self)


@dataclass(slots=True)
class PhraseTable:
    """Normalised multi-token phrases → values (used for aliases, outlets and vocabulary)."""

    phrases: dict[str, tuple] = field(default_factory=dict)
    max_tokens: int = 1
    #: first token → the most tokens of any phrase starting with it (a fast "can a phrase start here?")
    first: dict[str, int] = field(default_factory=dict)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # the cached index is read compiled and from source: one pickle for both
        return by_fields(self)

    def add(self, phrase: str, value: object) -> None:
        key = norm_text(phrase)
        if not key:
            return
        cur = self.phrases.get(key, ())
        if value not in cur:
            self.phrases[key] = (*cur, value)
        n = key.count(" ") + 1
        self.max_tokens = max(self.max_tokens, n)
        head = key.split(" ", 1)[0]
        self.first[head] = max(self.first.get(head, 0), n)

    def get(self, key: str) -> tuple:
        return self.phrases.get(key, ())

    def __contains__(self, key: str) -> bool:
        return key in self.phrases

    def __len__(self) -> int:
        return len(self.phrases)


@dataclass(slots=True)
class ActorLexicon:
    actors: list[Actor] = field(default_factory=list)
    #: normalised alias → actor indexes (case-insensitive aliases)
    aliases: PhraseTable = field(default_factory=PhraseTable)
    #: exact-case acronyms (LNA, GNA, FACT): surface text → actor indexes
    acronyms: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: ISO-2 → the state actor of that country (for "الجيش التشادي", "Malian troops")
    states: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # the cached index is read compiled and from source: one pickle for both
        return by_fields(self)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[Actor, Iterable[str]]]) -> ActorLexicon:
        lex = cls()
        for actor, aliases in rows:
            lex.add(actor, aliases)
        return lex

    def add(self, actor: Actor, aliases: Iterable[str]) -> int:
        idx = self.by_name.get(actor.name)
        if idx is None:
            idx = len(self.actors)
            self.actors.append(actor)
            self.by_name[actor.name] = idx
            if actor.type == "state" and actor.country:
                self.states.setdefault(actor.country, idx)
        for alias in aliases:
            alias = alias.strip()
            if not alias:
                continue
            if is_acronym(alias):
                self.acronyms[alias] = (*self.acronyms.get(alias, ()), idx)
            else:
                self.aliases.add(alias, idx)
        return idx


def is_acronym(alias: str) -> bool:
    """2–6 capital letters/digits (LNA, GNA, FACT, AQIM, ISWAP): matched case-sensitively."""
    core = alias.replace(".", "").replace("-", "").replace("+", "")
    return 2 <= len(core) <= 6 and core.isascii() and core.upper() == core and any(c.isalpha() for c in core)


@dataclass(slots=True)
class Vocab:
    """Language data (geodata/vocab/*.csv), normalised for lookup.

    Every file is in :attr:`tables` (file name -> normalised term -> ``(role, *values)`` per row)
    and its role sets in :attr:`roles`; rule code asks :meth:`words` and :meth:`table`. The typed
    fields below are views of the same files in the shapes the stages have always read.
    """

    tables: dict[str, PhraseTable] = field(default_factory=dict)
    roles: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)

    place_cues: dict[str, int] = field(default_factory=dict)  # cue word → strength (1 prep, 2 noun)
    directions: PhraseTable = field(default_factory=PhraseTable)  # → (direction, role)
    relative_words: PhraseTable = field(default_factory=PhraseTable)  # → type
    units: dict[str, float] = field(default_factory=dict)  # → km per unit
    facilities: PhraseTable = field(default_factory=PhraseTable)  # → facility label
    anaphora: PhraseTable = field(default_factory=PhraseTable)  # → capital|city|town|country
    stop_phrases: PhraseTable = field(default_factory=PhraseTable)
    months: PhraseTable = field(default_factory=PhraseTable)  # → (month, series)
    weekdays: dict[str, int] = field(default_factory=dict)
    reldates: PhraseTable = field(default_factory=PhraseTable)  # → (unit, offset, precision)
    ordinals: PhraseTable = field(default_factory=PhraseTable)  # → day number
    numbers: PhraseTable = field(default_factory=PhraseTable)  # → value
    outlets: PhraseTable = field(default_factory=PhraseTable)  # → True
    actor_words: PhraseTable = field(default_factory=PhraseTable)  # → force | skip | jihadist
    person_titles: PhraseTable = field(default_factory=PhraseTable)  # → True (President, Gen., Sheikh)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # the cached index is read compiled and from source: one pickle for both
        return by_fields(self)

    def words(self, name: str, *roles: str) -> frozenset[str]:
        """The normalised terms of vocab file ``name`` with any of ``roles`` (every role when none
        is given). A file or role that does not exist is a programming error (KeyError)."""
        by_role = self.roles[name]
        if not roles:
            return frozenset().union(*by_role.values())
        return frozenset().union(*(by_role[r] for r in roles))

    def table(self, name: str) -> PhraseTable:
        """Vocab file ``name`` for longest-phrase lookups (normalised term → ``(role, *values)``)."""
        return self.tables[name]
