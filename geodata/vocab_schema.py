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
    "place_media": _schema("medium attribution reporting news_end agency",
                           doc="words around an outlet's name, whose place words are no place: a medium "
                               "(قناة, موقع), a bare ل before a quoted name, a reporting verb, the news word "
                               "a medium's name ends in (الإخباري), a news agency in a dateline ((أ ف ب), Reuters)"),
    "place_person_names": _schema("given particle",
                                  doc="common given names and the particles of a person's name (أبو, بن, Ould, "
                                      "Ag): a place name right after one is a surname (Ibrahim Boubacar Keita)"),
    "place_org_words": _schema("org org_linked link",
                               doc="nouns of a movement's or armed group's name (حركة, جبهة, Front, Movement) and "
                                   "the words that link them to a place (لتحرير, الوطنية, 'for the Liberation of'): "
                                   "a place inside such a name is no place mention; org_linked nouns only with a "
                                   "linking word between (جبهة عين زارة is a front line)"),
    "place_words": _schema("after_noun after_link article of noun_of not_a_name acronym_ok",
                           doc="grammar words around place names: a cue noun after a name (البلدة, 'a town') "
                               "and the word that links it on (التي), the English article and 'of' around a cue "
                               "noun, nouns of 'the town of X', capitalised function words that are no given "
                               "name, words after a country acronym that leave it a place (not an adjective)"),
    # dates --------------------------------------------------------------------------------------
    "months": _schema("gregorian levantine libyan maghrebi en en_abbr", ("month", _int_in(1, 12)),
                      doc="month names of every series, with the series as role"),
    "weekdays": _schema("weekday", ("weekday", _int_in(0, 6)), doc="weekday names, Monday = 0"),
    "reldates": _schema("day week month year yearstart yearend",
                        ("offset", _int_in(-10, 10)), ("precision", _one_of("day", "week", "month", "year")),
                        doc="relative date phrases: the unit as role, the offset in units"),
    "ordinals": _schema("ordinal", ("value", _int_in(1, 31)), doc="ordinal day numbers"),
    "numbers": _schema("cardinal", ("value", _int_in(0, 1_000_000)), doc="number words"),
    # actors -------------------------------------------------------------------------------------
    "actor_words": _schema("force skip jihadist rebel",
                           doc="nouns for forces (with a demonym they name a state's forces), "
                               "filler words between them, and words for unnamed attackers"),
}
