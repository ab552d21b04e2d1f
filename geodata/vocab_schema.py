"""What each word list in ``geodata/vocab/`` holds: its columns, the roles its rows may have and
the type of every value column. The builder compiles the files by it; the data test checks every
row of every file against it (a file without a schema entry fails the test).

Every vocab file starts with the columns ``term,lang,role``: the word or phrase as written (it is
normalised by :func:`conflictmap.core.textnorm.norm_text` when the index is built, exactly as the
text is, so a final hamza or an alef form in a list can never miss), its language, and what rule
code uses it for. Value columns follow, then an optional ``note``.

To add a word list: write ``geodata/vocab/NAME.csv``, add ``NAME`` here with its roles, and read it
in rule code with ``vocab.words("NAME", "role")`` (a set of normalised terms) or
``vocab.table("NAME")`` (longest-phrase lookups; each key maps to its rows' ``(role, *values)``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

LANGS = ("ar", "en", "fr")
DIRECTIONS = ("n", "ne", "e", "se", "s", "sw", "w", "nw", "c")


def _int_in(lo: int, hi: int) -> Callable[[str], str | None]:
    def check(v: str) -> str | None:
        try:
            n = int(v)
        except ValueError:
            return f"{v!r} is not a whole number"
        return None if lo <= n <= hi else f"{n} is outside {lo}..{hi}"

    return check


def _positive_float(v: str) -> str | None:
    try:
        return None if float(v) > 0 else f"{v} must be positive"
    except ValueError:
        return f"{v!r} is not a number"


def _one_of(*choices: str) -> Callable[[str], str | None]:
    def check(v: str) -> str | None:
        return None if v in choices else f"{v!r} is not one of {', '.join(choices)}"

    return check


@dataclass(frozen=True)
class VocabSchema:
    """One vocab file: the roles its rows may have and its value columns (name, check)."""

    roles: frozenset[str]
    columns: tuple[tuple[str, Callable[[str], str | None]], ...] = ()
    doc: str = ""
    #: value columns that may be empty
    optional: frozenset[str] = field(default_factory=frozenset)

    @property
    def header(self) -> tuple[str, ...]:
        return ("term", "lang", "role", *(c for c, _ in self.columns))


def _schema(roles: str, *columns: tuple[str, Callable[[str], str | None]], doc: str = "",
            optional: str = "") -> VocabSchema:
    return VocabSchema(frozenset(roles.split()), tuple(columns), doc, frozenset(optional.split()))


#: roles of event_triggers.csv: ACLED sub-event types and families (extract/events.py maps them)
EVENT_TRIGGER_ROLES = ("clash", "regain", "capture", "transfer", "air", "shelling", "ied", "suicide", "grenade",
                       "chemical", "explosion", "attack", "kill", "atrocity", "fire", "sexual", "abduction", "arrest",
                       "protest", "riot", "mob", "agreement", "change", "disrupted", "base", "looting", "bodies",
                       "none")

VOCAB: dict[str, VocabSchema] = {
    # places -------------------------------------------------------------------------------------
    "place_cues": _schema("noun prep", doc="words before a name that make it a place: a cue noun "
                          "(مدينة, 'town') is strong evidence, a preposition (في, 'in') weak"),
    "directions": _schema("prep adj noun", ("direction", _one_of(*DIRECTIONS)),
                          doc="compass words: before a place (prep), as an adjective, or as a noun"),
    "relative_words": _schema("suburbs outskirts centre", doc="parts of a town"),
    "units": _schema("length", ("km", _positive_float), doc="units of distance in km"),
    "facilities": _schema("airport port base refinery prison hospital hotel university college "
                          "barracks camp gate oil_field border_crossing detention_centre military_camp "
                          "air_college", doc="kinds of site named after a town"),
    "anaphora": _schema("capital city town country", doc="words that stand for a place named before"),
    "stop_phrases": _schema("stop", doc="phrases whose words only look like places (مسقط رأس: birthplace)"),
    "person_titles": _schema("title", doc="titles before a person's name (its last word is no town)"),
    # dates --------------------------------------------------------------------------------------
    "months": _schema("gregorian levantine libyan maghrebi en en_abbr", ("month", _int_in(1, 12)),
                      doc="month names of every series, with the series as role"),
    "weekdays": _schema("weekday", ("weekday", _int_in(0, 6)), doc="weekday names, Monday = 0"),
    "reldates": _schema("day week month year yearstart yearend",
                        ("offset", _int_in(-10, 10)), ("precision", _one_of("day", "week", "month", "year")),
                        doc="relative date phrases: the unit as role, the offset in units"),
    "ordinals": _schema("ordinal", ("value", _int_in(1, 31)), doc="ordinal day numbers"),
    "numbers": _schema("cardinal approx multiplier vague", ("value", _int_in(0, 1_000_000)),
                       doc="number words: exact (cardinal), ACLED's readings of approximate words ('dozens' 12, "
                           "'tens' 10, 'hundreds' 100, 'several' 3: approx), multipliers ('three hundred'), and "
                           "vague quantities that give no number ('a number of': vague, value 0)"),
    # events (extract/events.py) -------------------------------------------------------------------
    "event_triggers": _schema(" ".join(EVENT_TRIGGER_ROLES),
                              doc="words for what happened: a sub-event type (air, ied, arrest, ...) or a family "
                                  "whose sub-type the clause decides (attack, kill, capture, explosion); none: "
                                  "phrases that contain a trigger word but are not one (مركز احتجاز)"),
    "event_modality": _schema("negation denial threat plan hypothetical call condemn fear prevent any none",
                              ("scope", _int_in(-3, 12)),
                              doc="words that make a trigger after them no event (negation, denial, threat, plan, "
                                  "condemnation, ...), with how many tokens they reach (0: to the end of the clause; negative: "
                                  "the tokens before them, as وشيكة 'imminent' after its noun); "
                                  "none: phrases that only look like one (لا يزال 'still', 'not far')"),
    "event_words": _schema("civilian armed protester intervention violent weapon aircraft neutralize state nonstate "
                           "boundary soft_boundary origin destination toward locative near agent property goods crowd report accident",
                           doc="word classes the event rules read: targets (civilian/armed), protest modifiers, "
                               "seized objects, actor sides, clause boundaries and the prepositions before a place"),
    "event_casualties": _schema("death injury casualty person approx subset since during short_span long_span "
                                "cumulative negation nobody aux rise toll and range between indefinite determiner sg_aux total "
                                "alternative",
                                ("count", _int_in(0, 10)), ("side", _one_of("any", "civilian", "state", "nonstate")),
                                optional="count side",
                                doc="death and injury words (count: the number a singular or dual form implies), "
                                    "victim nouns with their side, and the words around a toll: approximations, "
                                    "subsets (including), cumulative spans (since April), negations (no casualties)"),
    # actors -------------------------------------------------------------------------------------
    "actor_words": _schema("force skip jihadist rebel",
                           doc="nouns for forces (with a demonym they name a state's forces), "
                               "filler words between them, and words for unnamed attackers"),
}
