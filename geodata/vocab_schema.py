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
from datetime import date

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


def _iso_date(v: str) -> str | None:
    try:
        date.fromisoformat(v)
    except ValueError:
        return f"{v!r} is not an ISO date (YYYY-MM-DD)"
    return None


def _latin_letters(v: str) -> str | None:
    """Lower-case Latin letters, several choices separated by "|" (empty: drop the term)."""
    ok = all(x == "" or (x.isascii() and x.isalpha() and x.islower()) for x in v.split("|"))
    return None if ok else f"{v!r} is not lower-case Latin letters (choices separated by |)"


def _spelling_letters(v: str) -> str | None:
    """Lower-case Latin letters or Arabic letters, several choices separated by "|" (may be empty)."""
    ok = all(x == "" or (x.isascii() and x.isalpha() and x.islower()) or all("\u0621" <= c <= "\u064a" for c in x)
             for x in v.split("|"))
    return None if ok else f"{v!r} is not lower-case Latin or Arabic letters (choices separated by |)"


def _iso2(v: str) -> str | None:
    return None if len(v) == 2 and v.isascii() and v.isupper() else f"{v!r} is not an ISO-2 country code"


def _readings(v: str) -> str | None:
    """``id@YYYY-MM-DD..YYYY-MM-DD|…``: the actors an epithet names, each with its period (an
    open end: still so)."""
    for reading in v.split("|"):
        actor, _, period = reading.partition("@")
        first, _, last = period.partition("..")
        if not actor or " " in actor or not first:
            return f"{reading!r} is not actor-id@first..last"
        for d in (first, last) if last else (first,):
            if _iso_date(d):
                return _iso_date(d)
    return None


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
    "place_cues": _schema("noun prep speaker", doc="words before a name that make it a place: a cue noun "
                          "(مدينة, 'town') is strong evidence, a preposition (في, 'in') weak; a speaker "
                          "(officials, مسؤولون) before the preposition makes it strong: 'officials in Mao said'"),
    "directions": _schema("prep adj noun", ("direction", _one_of(*DIRECTIONS)),
                          doc="compass words: before a place (prep), as an adjective, or as a noun"),
    "relative_words": _schema("suburbs outskirts centre part", doc="parts of a town (or of a country: part)"),
    "units": _schema("length", ("km", _positive_float), doc="units of distance in km"),
    "facilities": _schema("airport port base refinery prison hospital hotel university college "
                          "barracks camp gate oil_field border_crossing detention_centre military_camp "
                          "air_college checkpoint mine", ("radius_km", _positive_float),
                          ("of_town", _one_of("yes", "no")),
                          doc="kinds of site: the radius of one placed at its town's point (none: never a "
                              "point of its own); of_town: 'مطار سبها' is a point apart from the town",
                          optional="radius_km"),
    "anaphora": _schema("capital city town country", doc="words that stand for a place named before"),
    "stop_phrases": _schema("stop", doc="phrases whose words only look like places (مسقط رأس: birthplace)"),
    "person_titles": _schema("title", doc="titles before a person's name (its last word is no town)"),
    # the relative-place grammar (extract/relative.py) ---------------------------------------------
    "relative_grammar": _schema(
        "the indefinite of in from and with between toward approx at_distance unit_tail relative_pronoun "
        "locating copula settlement locality far desert border border_strip border_adj each "
        "facility_modifier facility_link not_a_name from_place situating border_near border_near_link one_part",
        doc="the function words of the relative-place grammar, by the part they play in its phrases"),
    "relative_sites": _schema("not_a_name needs_modifier naming apart",
                              doc="common words that follow a facility word and name no site (معسكر تدريب, "
                                  "'a training camp'); facility words that name a site only with an "
                                  "adjective after the name (حقل X النفطي); words that give another name to a site "
                                  "just read ('known as'); facility words whose named site lies apart from any town "
                                  "(a border crossing, an oil field): tied to a town only when the phrase names it"),
    "relative_streets": _schema("street square district roundabout bridge mosque modifier",
                                doc="parts of a town named before an unknown name (شارع X, 'the district "
                                    "of X'), and the adjectives allowed before them"),
    "place_media": _schema("medium attribution reporting news_end agency",
                           doc="words around an outlet's name, whose place words are no place: a medium "
                               "(قناة, موقع), a bare ل before a quoted name, a reporting verb, the news word "
                               "a medium's name ends in (الإخباري), a news agency in a dateline ((أ ف ب), Reuters)"),
    "place_person_names": _schema("given particle given_place",
                                  doc="common given names and the particles of a person's name (أبو, بن, Ould, "
                                      "Ag): a place name right after one is a surname (Ibrahim Boubacar Keita); "
                                      "given_place: a place's name that is also a common given name (صلاح الدين): "
                                      "right before a family name (الورفلي, al-Warfalli) it is the person"),
    "place_org_words": _schema("org org_linked link",
                               doc="nouns of a movement's or armed group's name (حركة, جبهة, Front, Movement) and "
                                   "the words that link them to a place (لتحرير, الوطنية, 'for the Liberation of'): "
                                   "a place inside such a name is no place mention; org_linked nouns only with a "
                                   "linking word between (جبهة عين زارة is a front line)"),
    "place_words": _schema("after_noun after_link article of noun_of not_a_name acronym_ok and suffixed_noun fronted_in "
                           "demonstrative bare_after locative clause_opener feature area_plural",
                           doc="grammar words around place names: demonstratives (هذه الزاوية 'this angle': a noun, no town); a cue noun after a name (البلدة, 'a town') "
                               "and, English, a noun right after a name with no comma and no article before it "
                               "(bare_after: 'Ber town', 'in Intahaka camp'; 'the Keita camp' may be a faction) "
                               "and the word that links it on (التي), the English article and 'of' around a cue "
                               "noun, nouns of 'the town of X', capitalised function words that are no given "
                               "name, words after a country acronym that leave it a place (not an adjective), 'and' "
                               "between two names of a list (Arabic: the proclitic و), common nouns that with the pronoun "
                               "suffix ه spell a place written with ه for ة (زوار+ه 'his visitors', not Zuwara); fronted_in: the "
                               "preposition that opens an Arabic sentence with its place and a comma (وفي X، …: 'and in "
                               "X, …'), which makes X a place even where X is also a word (الخمس); locative: English prepositions of where "
                               "an event happened ('in X,'), which name an event that no row of the gazetteer can place; "
                               "clause_opener: Arabic conjunctions that open a clause (فيما, بينما), after which a word "
                               "such as هون 'played down' is a verb before its subject, as at a sentence's start; feature: a natural "
                               "feature's noun that makes a country's name the feature's (English right after it: "
                               "'the Niger delta', 'the Niger basin'; Arabic right before it: دلتا النيجر); area_plural: a plural area noun after a list of names (English: 'the Tillaberi and Tahoua regions') or a dual one before it (Arabic: منطقتي ديفا وتيلابيري) makes each listed name its area"),
    "place_spellings": _schema("swap end article drop letters", ("to", _spelling_letters),
                               doc="alternations of the Latin romanisations of Arabic and Sahel names (ou/u, "
                                   "q/g, a/e, -ah/-a, dj/j, ch/sh, al/el): the index adds each spelling they make "
                                   "of a curated theatre name that no other place has and that is no English "
                                   "word (Gwarsha for Guwarsha, Zawiyah for Zawiya, Qasr Ahmed for Qasr Ahmad); "
                                   "swap anywhere, end at the end of a word, article a first word; several choices in to are separated by a bar; "
                                   "rows of lang ar do the same for Arabic names (drop: a long vowel left out inside a word, "
                                   "مادما for ماداما; end: بنينا for بنينة), which hold only in a story of the place's country; "
                                   "letters (lang fr): the Arabic letters of a Latin letter group, which write an Arabic "
                                   "name for a GeoNames town of the theatre that has none (Seguedine: سيغيدين)"),
    # dates --------------------------------------------------------------------------------------
    "months": _schema("gregorian levantine libyan maghrebi en en_abbr", ("month", _int_in(1, 12)),
                      doc="month names of every series, with the series as role"),
    "weekdays": _schema("weekday", ("weekday", _int_in(0, 6)), doc="weekday names, Monday = 0"),
    "reldates": _schema("day week month year yearstart yearend dayafter",
                        ("offset", _int_in(-10, 10)), ("precision", _one_of("day", "week", "month", "year")),
                        doc="relative date phrases: the unit as role, the offset in units; dayafter: days after the "
                            "day told before it ('the next day', في اليوم التالي), not after the publication"),
    "ordinals": _schema("ordinal", ("value", _int_in(1, 31)), doc="ordinal day numbers"),
    "numbers": _schema("cardinal approx multiplier vague", ("value", _int_in(0, 1_000_000)),
                       doc="number words: exact (cardinal), ACLED's readings of approximate words ('dozens' 12, "
                           "'tens' 10, 'hundreds' 100, 'several' 3: approx), multipliers ('three hundred'), and "
                           "vague quantities that give no number ('a number of': vague, value 0)"),
    "date_parts": _schema("early mid late winter spring summer autumn",
                          doc="parts of a month or a year (أواخر, mid) and seasons, the part as role"),
    "date_qualifiers": _schema("before after", ("offset", _int_in(-2, 2)),
                               doc="last/this/next: before (English 'last Friday') or after "
                                   "(السبت الماضي) a weekday or a month; offset -1 past, +1 future, "
                                   "-2 the one before the last"),
    "date_units": _schema("unit plural dual", ("days", _int_in(1, 366)),
                          doc="units of 'N units ago' in days; a dual (يومين) counts two, a plural "
                              "without a number (قبل أيام) a few"),
    "date_cues": _schema("month_cue month_noun year_noun era of weekday_lead range ago ago_after since relative "
                         "article count_noun name_head name_tail same_day approx ordinal_suffix",
                         doc="the small words of the date grammar, by what they do (see extract/dates.py)"),
    "date_events": _schema("event", ("date", _iso_date), ("precision", _one_of("day", "month", "year")),
                           doc="named events whose name is or holds a date (ثورة 17 فبراير): their own date"),
    # events (extract/events.py) -------------------------------------------------------------------
    "event_triggers": _schema(" ".join(EVENT_TRIGGER_ROLES),
                              doc="words for what happened: a sub-event type (air, ied, arrest, ...) or a family "
                                  "whose sub-type the clause decides (attack, kill, capture, explosion); none: "
                                  "phrases that contain a trigger word but are not one (مركز احتجاز)"),
    "event_modality": _schema("negation denial threat plan hypothetical call condemn fear prevent talks release anniversary habitual state any none",
                              ("scope", _int_in(-10, 12)),
                              doc="words that make a trigger after them no event (negation, denial, threat, plan, "
                                  "condemnation, talks (of an agreement only), a release sought (of an abduction only), an anniversary marked, "
                                  "habitual: what recurred over years ('repeated battles over the past years', خلال السنوات الماضية), state: who holds a place now (تخضع المدينة لسيطرة X: control held, no capture; of a capture only), ...), with how many tokens they reach (0: to the end of the clause; negative: "
                                  "the tokens before them, as وشيكة 'imminent' after its noun); "
                                  "none: phrases that only look like one (لا يزال 'still', 'not far')"),
    "event_words": _schema("civilian armed protester intervention violent weapon aircraft neutralize state nonstate "
                           "boundary soft_boundary origin destination toward locative near agent agent_to property goods crowd report accident that "
                           "unopposed witness anaphor refuge link purpose fire_verb fire_noun peaceful ambush take_verb place_noun foil custody reason symbol breach made assault_verb heard "
                           "blame blame_for sequel sequel_verb care evacuate funeral toll_verb hyphen_origin send stance meet_death spread occur "
                           "setup_verb base_noun handover_verb post_noun exchange_verb fire_object close_verb doors_noun frame claim mediator situating party captive_verb visit clause_join participle issued storm source_noun convoy state_adj verdict seat_noun cut_verb body_part",
                           doc="word classes the event rules read: targets (civilian/armed), protest modifiers, "
                               "cut_verb: 'cut off' — a mutilation only with a body_part (hand, foot, head) near it; "
                               "seat_noun: a government or authority ('the government in X', السلطات في X): X is where it "
                               "sits, no place for another sentence's event; "
                               "verdict: a court's sentencing ('sentenced six men to death', حكمت): a death figure after it "
                               "is the sentence, no toll; "
                               "convoy: a convoy noun: with goods after it and nobody armed, no move of forces; "
                               "state_adj: a trigger used as an adjective after a determiner or possessive ('the besieged "
                               "town'): a state, no event; "
                               "source_noun: who tells it ('sources', مصادر): a number right before it counts sources, "
                               "no toll; "
                               "storm: a verb of storming (a building stormed, اقتحام): in a sentence that tells of protests "
                               "and names nobody armed, the protesters' riot; "
                               "issued: a verb of issuing ('a statement issued in X', بيان صدر في X) right before the place's "
                               "preposition: where it was told, never an event place; "
                               "participle: an irregular English past participle of shooting ('shot'): in a "
                               "headline with a place right after it ('councillor shot in X') a passive, its victim before it; "
                               "setup_verb, base_noun: a verb of setting up ('established', أقام) with a base or "
                               "headquarters a few words after it ('a forward base', مركز قيادة): a base established; handover_verb, "
                               "post_noun: a verb of handing over (سلم، تسلم) with positions, a base or a town a few words "
                               "after it (سلم المتمردون مدينة X): a non-violent transfer; exchange_verb, fire_object: a verb of exchanging "
                               "('traded', تبادل) with fire or shells a few words after it ('trade mortar fire'): both sides fire, an "
                               "armed clash; captive_verb: a verb of taking prisoners right before a number ('captured two', أسر اثنين): the "
                               "people taken, no toll; party: representatives or delegates of a side ('representatives of X and Y signed', ممثلون "
                               "عن): with another place named, the sides' towns are no place of their agreement; situating: words that situate the place before them on a road ('near X, on the road between "
                               "Y and Z', على الطريق بين): Y and Z only say where X lies; mediator: notables or elders (أعيان، وجهاء, 'elders'): the place they are of (أعيان المدينة, "
                               "'the town's elders') is their home, not the event's place; claim: a claim of responsibility ('claimed responsibility for', مسؤوليتها عن) before a "
                               "definite event noun: the event told before, no new one; frame: a word that opens a sentence with the fighting told before ('During the clashes, "
                               "shells fell on X', وخلال المواجهات): the fighting is no event of that sentence's place; "
                               "close_verb, doors_noun: a verb of closing with doors a few words after it (أغلقت عدة مدارس "
                               "أبوابها, 'shops shut their doors'): shops or schools closing, no event; clause_join: a conjunction that opens a clause with its own act and place, like 'and' between two "
                               "clauses ('abducted near X as crowds rallied in Y', بينما): each clause keeps its own act; visit: a verb of visiting right before a place ('visited X'): the speaker's place when what follows is told "
                               "after a report word ('… and said reinforcements were sent to Y'); "
                               "spread: verbs of violence reaching a place ('the clashes reached X': X is where they are); "
                               "seized objects, actor sides, clause boundaries and the prepositions before a place; "
                               "unopposed: a place taken with no fighting (a capture there is a non-violent transfer); "
                               "witness: who tells it from a place ('a resident of X told ...': X is where the "
                               "speaker lives, not the event's place, where the sentence names another); "
                               "anaphor: a determiner that makes the event noun after it the one just told "
                               "('the attack took place in X', وقع هذا الهجوم في X); refuge: where displaced "
                               "people arrived or sheltered ('families who fled arrived in X'), no event place; "
                               "link: the words of a line that links to another article ('Read also:', "
                               "'اقرأ أيضا:'), whose quoted headline is no event of this one; purpose: the "
                               "words after a protest that say what it is against or for ('marched against the "
                               "attacks', احتجاجا على): the violence named there is not the protesters'; "
                               "fire_verb, fire_noun: an Arabic verb and noun of gunfire with its subject between "
                               "(أطلق مسلحون النار); peaceful: 'non-violent', غير عنيفة — a phrase that holds the "
                               "violent word and says the opposite; ambush: an ambush word (a clash trigger too) — "
                               "its victims decide between a battle and violence against civilians, and it is no "
                               "answer to itself; take_verb: a verb of taking (took, occupied, احتل) — a capture "
                               "only with a place as its object ('took X', 'occupied the town of X') or, in the "
                               "passive, its subject ('X was occupied by'); place_noun: the words between such a "
                               "verb and its place ('the town of', مدينة); foil: a prevention that stops a bomb or "
                               "shells already under way ('foiled a suicide attack', أحبط تفجير): ACLED's disrupted "
                               "weapons use, not nothing; custody: people held (prisoners, detainees, suspects in "
                               "custody): killing or torturing them is violence against civilians, armed or not; "
                               "reason: what a victim was accused of ('over his alleged collaboration with the "
                               "army', بتهمة التعاون مع): the armed men named there are no victims; symbol: what "
                               "protesters burn as a gesture (flags, an effigy, أعلام، دمية): burning only that is "
                               "no violence; breach: what a ceasefire or a deal is named after when it is broken or only "
                               "frames the fighting ('despite the ceasefire', 'in violation of the truce', رغم الهدنة، "
                               "خرقا لوقف إطلاق النار): no agreement there — unless its own words say it was made (made: "
                               "'a ceasefire brokered by the UN in September', الهدنة المبرمة): that is the agreement, "
                               "told in the background; assault_verb: a verb of armed men assaulting (attacked, stormed, "
                               "هاجم، اقتحم) — with a bomb or shells at the same place and armed men hit, the ground "
                               "assault is a battle there too; blame, blame_for: 'blamed Y for the attack', حمّل Y "
                               "مسؤولية الهجوم — the event noun after them is the one told, no second event; sequel, "
                               "sequel_verb: 'the strike followed the arrest of', جاء القصف عقب — the same; care, "
                               "evacuate: 'the wounded were taken to a hospital in X' — where they were treated, "
                               "no event place; funeral: a funeral or burial — the dead told there are mourned, not "
                               "killed there; toll_verb: a verb that tells a toll ('claimed the lives of'), not a "
                               "claim or a report; hyphen_origin: the word after a place and a hyphen that makes it the home or "
                               "backer of the forces named after it ('a Misrata-based brigade'): no event place; send: a "
                               "verb of sending forces ('were sent from X', أرسلت): the place they left is no event place; "
                               "stance: 'anti', 'pro' — a place glued to it by a hyphen "
                               "('anti-Chad placards', 'a pro-Tripoli militia') names what a stance is against "
                               "or for, not where something happened; meet_death: لقي in لقي سائق حتفه — who died "
                               "is told between it and the death noun; occur: a verb of taking place told with "
                               "the event noun as its subject ('clashes broke out', وقعت الاشتباكات): the place "
                               "after its locative is where the event was, however long the phrase between"),
    "event_casualties": _schema("death injury casualty person approx subset since during short_span long_span unit additional "
                                "cumulative negation nobody aux rise toll and range between indefinite determiner sg_aux total "
                                "alternative other_event days over_days be then them partitive clause_that cause resumptive reflexive "
                                "unknown except relative among_dead running from_wounds ranks group_noun each_side",
                                ("count", _int_in(0, 10)), ("side", _one_of("any", "civilian", "state", "nonstate")),
                                optional="count side",
                                doc="death and injury words (count: the number a singular or dual form implies), "
                                    "each_side: 'on each side', من كل طرف after a toll: as many on each of the two sides (twice the figure), "
                                    "group_noun: groups a number may count ('one of the brigades', إحدى الكتائب): no toll, "
                                    "ranks: 'in the ranks of', في صفوف after a toll — whose dead they are (the owner "
                                    "named after it, else the side of whoever tells it: another side than the victims "
                                    "told before), "
                                    "victim nouns with their side, and the words around a toll: approximations, "
                                    "subsets (including), cumulative spans (since April), negations (no casualties); "
                                    "days, over_days: a toll told over several days ('over three days of fighting', "
                                    "خلال يومين), shared out over them as ACLED codes one event a day; be: the forms of 'be' "
                                    "that make a passive ('were reportedly killed'; not 'soldiers reportedly killed'); then, them: "
                                    "a killing told after people were taken ('and later executed them', ثم أعدموهم) "
                                    "takes their count; partitive: 'of' / من after a number ('4 of the soldiers'); clause_that: أن / إن "
                                    "before a victim noun that a passive death verb follows (أن جنديا قتل); cause: a word of cause before "
                                    "a death word ('in response to the killing of', ردا على مقتل): another incident's toll; resumptive: the "
                                    "pronoun that takes an Arabic relative clause back to its noun, between a passive "
                                    "death verb and its number (هجوم قتل فيه خمسة جنود, خلاله); reflexive: 'himself' after "
                                    "a death word ('killing himself and two soldiers': the attacker is one of the dead, "
                                    "and the list goes on after 'and'); unknown: what a negation before a death word may deny "
                                    "instead of the death ('it is not clear who killed them', ولم يتضح من قتلهم): no zero; except: "
                                    "'no one was hurt besides the bomber', لم يصب أحد سوى: no zero either; "
                                    "relative: who / which / الذين after a victim noun, before the passive death verb of "
                                    "its clause ('3 soldiers who were guarding a convoy were killed'); among_dead: 'the dead included', بين القتلى — "
                                    "the people named after it are dead, a figure only where no other toll is given; running: "
                                    "'bringing the death toll to', لترتفع حصيلة — the toll so far, not the event's when its own "
                                    "dead are told"),
    # actors -------------------------------------------------------------------------------------
    "actor_words": _schema("force force_name government diplomacy backing skip jihadist rebel state_force peacekeepers",
                           doc="nouns that name a state with a demonym: its forces (force), its "
                               "government (acting in the theatre, speaking elsewhere), its diplomatic "
                               "voice (diplomacy, mentioned only) or its support (backing, mentioned "
                               "only); filler words between them; and the family words that "
                               "stand for unnamed members of an actors.csv family (jihadist, rebel, "
                               "state_force, peacekeepers); force_name: a force's own name that "
                               "says 'army' (FAMa) — a force word that can also be a place's name"),
    "actor_contexts": _schema("filler title backer backed speech speech_after mediator mediator_after civilian civilian_after "
                              "locative link and and_clitic",
                              doc="words around an actor's name that make it mentioned rather than acting: "
                                  "a backer (before: بدعم, backed by; after: UN-backed), a speaker (before: "
                                  "قال, according to; after: said, envoy), a mediator, a community's civilians, a locative before a "
                                  "state's own place name; fillers and titles are skipped between; links "
                                  "tie a family word to the name after it (soldiers of, جنود من); and joins "
                                  "demonyms (French and Chadian troops), and_clitic is Arabic و"),
    "actor_epithets": _schema("government", ("country", _iso2), ("readings", _readings),
                              doc="descriptions that name different actors in different periods "
                                  "(the internationally recognised government): the actor whose period "
                                  "holds the article's date, in articles about the country"),
}
