"""Dates: which day each sentence speaks of.

1. The article's reference date (:meth:`DateResolver.reference`, stored by the pipeline in
   ``DocContext.reference``): the publication date from metadata, else the text's own dateline
   ("سبها، ليبيا، 12 يناير 2014 –", "Benghazi. 31 July 2015:"), else a date in the URL
   (/2019/6/26/, 20190317-), else one inferred from the text (step 3), else none.
2. Date expressions in the text (:meth:`DateResolver.find`): numeric dates on the raw text, then
   at each token that can open a date the ORDERED SUB-PARSERS of :attr:`DateResolver.parsers`,
   each of which tries one family and returns a :class:`DateExpr` or None; the first match wins:

   ==================  =====================================================================
   named event         ثورة 17 فبراير، the February 17 revolution (date_events.csv)
   relative phrase     اليوم، أمس الأربعاء، أول من أمس (الجمعة)، الأسبوع الماضي، last week
   units ago           قبل ثلاثة أيام، منذ يومين، قبل نحو أسبوعين، three weeks ago, days ago
   weekday             (يوم|مساء)? السبت (الماضي|الفائتة|قبل الماضي)?, الجمعة من الأسبوع
                       الماضي, (on|last|next)? Saturday, Friday last week; with its date
                       (يوم الخميس الموافق 12 مارس, on Thursday, March 12) it is that date
   day month [year]    4 نيسان/ أبريل، السادس من يناير 2020، 11 و12 حزيران، 31 July 2015,
                       السابع من الشهر الجاري, 12 فبراير من العام الماضي
   month day [year]    December 28, 2014, April 4 (English)
   [part] month [year] منتصف أيلول سبتمبر الماضي، in August, last August، أبريل 2019
   part of a year      أواخر 2016، early 2012، the summer of 2017، ربيع 2019
   bare year           عام 2016، 2019م، in 2014، the 2011 uprising
   ==================  =====================================================================

   Then: a day and month inside a name ("حركة 5 يونيو", "the 17 February Brigade") is dropped;
   a since-word governing an expression ("منذ عام 2014", "since the fall of X in 2011") marks it
   as the start of a period, with the clause it governs; a day and month without a year take
   the year of a full date in the same sentence ("on 5 March 2019 and again on 7 March").

   Every word the grammar reads is in geodata/vocab (months, weekdays, reldates, ordinals,
   numbers and the date_*.csv files), normalised exactly as the text is.
3. Each expression resolved against the reference date, and each place mention given the
   expression nearest to it in its sentence (:meth:`DateResolver.pick`). Without a reference a
   page still dates itself: no report is older than the latest full date it states (a photo
   caption, say), so relative expressions are anchored there ("inferred", lower confidence).

dateparser, which handles most absolute formats in many languages, is used for the
``published`` field of input records; inside sentences it returns nothing for أول أمس,
يوم السبت, السبت الماضي, العام الماضي, صباح اليوم or the Libyan months, and searching whole
articles with it is about a hundred times slower than these rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..geodata.lexicon import PhraseTable, Vocab
from .doc import Doc

#: the day standing for a part of a month ("أواخر أيلول": the 25th), by date_parts role
PART_DAY = {"early": 5, "mid": 15, "late": 25}
#: the month standing for a part of a year ("أواخر 2016": November)
PART_MONTH = {"early": 2, "mid": 7, "late": 11}
#: the month standing for a season ("ربيع 2019": April)
SEASON_MONTH = {"winter": 1, "spring": 4, "summer": 7, "autumn": 10}
#: the first day of the week "Friday last week" counts in (Monday = 0): Sunday in Libya and most
#: Arab states (the working week runs Sunday to Thursday), Monday in English usage
WEEK_STARTS_AR, WEEK_STARTS_EN = 6, 0
#: a since-word ("منذ", "since") this many tokens or fewer before a date still governs it:
#: "منذ سقوط النظام في 2011", "since the fall of Gaddafi in 2011"
SINCE_REACH = 8
#: a relative pronoun this many tokens or fewer before a date with a year opens the clause it is in:
#: "the airport, which was destroyed in a previous round of fighting in 2014"
RELATIVE_REACH = 10
#: years a bare four-digit number may be
YEARS = range(1900, 2036)
#: characters between a mention and a date expression in the same sentence, beyond which they
#: are taken to belong to different clauses: Arabic news often runs a paragraph as one sentence
#: of clauses joined by و and commas; an English sentence is shorter and usually one event
MAX_DISTANCE = {"ar": 120, "en": 300}
#: ... but beyond the shorter of the two only a date BEFORE the place, in the same part of the
#: sentence (between semicolons or dashes): "X launched the offensive last August in a bid to
#: ... in the streets of the capital"
NEAR = min(MAX_DISTANCE.values())
_STRONG_BREAK = re.compile(r"[;؛]|\s[-–—]\s")
#: a dateline's date is a full date that starts a line in the first characters of the article
DATELINE_WITHIN, DATELINE_LINE_START = 400, 40
#: punctuation that ends a clause inside a sentence
_CLAUSE_BREAK = re.compile(r"[,،;؛:()\[\]\"«»“”]|\s[-–—]\s")
NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:(?P<d>[0-3]?\d)[/.-](?P<m>[01]?\d)[/.-](?P<y>(?:19|20)\d\d)"
    r"|(?P<y2>(?:19|20)\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d))(?![\d/])"
)
#: what every NUMERIC_DATE match holds (a digit, a separator, a digit): a text without it has none,
#: and this pattern, opening with a digit, is scanned far faster than NUMERIC_DATE's look-behind
_NUMERIC_HINT = re.compile(r"\d[/.-]\d")
URL_DATE = [
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)"),          # /2019/6/26/
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)[-_/]"),                      # /20190317-
    re.compile(r"[/-](?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:[-/.?]|$)"),           # /2021-04-18-
    re.compile(r"/(?:19|20)\d\d/\d\d/(?P<yy>\d\d)(?P<m>\d\d)(?P<d>\d\d)_"),             # /2015/08/150828_
]


@dataclass(slots=True)
class DateExpr:
    """A date expression in the text: its span and what it says (the fields its family fills)."""

    start: int
    end: int
    i: int  # first token
    j: int  # one past last token
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: int | None = None  # day standing for early/mid/late month
    weekday: int | None = None
    rel: tuple[str, int, str] | None = None  # (unit, offset, precision)
    qualifier: int = 0  # -1 past (الماضي/last), +1 future (المقبل/next)
    ago_days: int | None = None
    coarse: bool = False  # a season or "early/late 2016": month precision at best
    since: bool = False  # "منذ عام 2014", "since 2011": when a state of affairs began
    #: characters of the since-clause ("since the 2019 attack on Tripoli"): from the since-word to
    #: the clause's end; only a place inside it takes a since-date of month or year precision
    scope: tuple[int, int] | None = None
    #: characters of the relative clause the expression is in ("..., which was destroyed in 2014",
    #: "التي سيطر عليها التنظيم عام 2016"): a date with a year there dates only places inside it
    clause: tuple[int, int] | None = None
    kind: str = ""  # the family that read it: numeric, relative, ago, weekday, day_month, ...
    precision: str | None = None  # a named event's own precision ("ثورة 17 فبراير": month)
    week_start: int = 0  # the first day of the week for "Friday last week" (Monday = 0)
    reach: int = MAX_DISTANCE["ar"]  # how far from a mention in its sentence it may still date it
    segment: tuple[int, int] | None = None  # characters of its part of the sentence (beyond NEAR)

    @property
    def explicit(self) -> bool:
        return self.year is not None

    @property
    def full(self) -> bool:
        return self.year is not None and self.month is not None


@dataclass(slots=True)
class Reference:
    day: date | None
    basis: str  # published | dateline | url | inferred | none
    today: date | None = None  # "today" when only inferred (from "اليوم الخميس")

    @property
    def trusted(self) -> bool:
        return self.basis in ("published", "dateline", "url")


@dataclass(slots=True)
class Resolved:
    day: date
    precision: str  # day | week | month | year

    def __init__(self, day: date, precision: str) -> None:
        # written out: mypyc compiles it, the one @dataclass generates runs as Python
        self.day, self.precision = day, precision


#: one family of date expressions: tries to read one at token i of the document
SubParser = Callable[[Doc, int], "DateExpr | None"]


@dataclass(frozen=True, slots=True)
class DateWords:
    """The date grammar's words, normalised as the text is (geodata/vocab: months, weekdays,
    reldates, ordinals, numbers, units and the date_*.csv files)."""

    months: PhraseTable
    weekdays: dict[str, int]
    reldates: PhraseTable
    ordinals: PhraseTable
    numbers: PhraseTable
    distance_units: frozenset[str]
    part: dict[str, str]  # أواخر → late
    season: dict[str, int]  # الربيع → 4
    after: PhraseTable  # الماضي → -1, قبل الماضي → -2, المقبل → +1 (after a weekday or a month)
    before: dict[str, int]  # last → -1, this → 0, next → +1 (before an English weekday or month)
    units: dict[str, int]  # أيام → 1, weeks → 7
    dual: frozenset[str]  # يومين: two units
    plural: frozenset[str]  # أيام, weeks: without a number, a few units
    month_cue: frozenset[str]
    month_noun: frozenset[str]
    year_noun: frozenset[str]
    era: frozenset[str]
    of: frozenset[str]
    weekday_lead: frozenset[str]
    joiners: frozenset[str]  # the "and"/"to" of a day range
    ago: frozenset[str]  # before "N units"
    ago_after: frozenset[str]  # after "N units"
    since: frozenset[str]
    relative: frozenset[str]  # which, التي: opens a relative clause
    article: frozenset[str]
    count_noun: frozenset[str]
    events: PhraseTable  # ثورة 17 فبراير → (event, 2011-02-17, month)
    name_head: frozenset[str]  # حركة, Movement (of June 5): a name, not a date
    name_tail: frozenset[str]  # (the June 5) Movement
    same_day: frozenset[str]  # الموافق: between a weekday and its date
    approx: frozenset[str]  # نحو: between ago and its number
    ordinal_suffix: tuple[str, ...]  # 22nd, 5th
    starters: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_vocab(cls, v: Vocab) -> DateWords:
        def role_map(name: str, roles: tuple[str, ...] | None = None, col: bool = True) -> dict[str, object]:
            out: dict[str, object] = {}
            for key, rows in v.table(name).phrases.items():
                for role, *values in rows:
                    if roles is None or role in roles:
                        out[key] = int(values[0]) if col else role
            return out

        def cues(role: str) -> frozenset[str]:
            return v.words("date_cues", role)

        quals = v.table("date_qualifiers").phrases
        w = cls(
            months=v.months, weekdays=v.weekdays, reldates=v.reldates, ordinals=v.ordinals, numbers=v.numbers,
            distance_units=frozenset(v.units),
            part=role_map("date_parts", tuple(PART_DAY), col=False),  # type: ignore[arg-type]
            season={k: SEASON_MONTH[r] for k, r in role_map("date_parts", tuple(SEASON_MONTH), col=False).items()},  # type: ignore[index]
            after=_table_of_role(v.table("date_qualifiers"), "after"),
            before={k: int(o) for k, rows in quals.items() for r, o in rows if r == "before"},
            units=role_map("date_units"),  # type: ignore[arg-type]
            dual=v.words("date_units", "dual"), plural=v.words("date_units", "plural"),
            month_cue=cues("month_cue"), month_noun=cues("month_noun"), year_noun=cues("year_noun"),
            era=cues("era"), of=cues("of"), weekday_lead=cues("weekday_lead"), joiners=cues("range"),
            ago=cues("ago"), ago_after=cues("ago_after"), since=cues("since"), relative=cues("relative"),
            article=cues("article"),
            count_noun=cues("count_noun"), events=v.table("date_events"),
            name_head=cues("name_head"), name_tail=cues("name_tail"), same_day=cues("same_day"),
            approx=cues("approx"), ordinal_suffix=tuple(sorted(cues("ordinal_suffix"))),
        )
        starters = frozenset({
            *w.reldates.first, *w.months.first, *w.ordinals.first, *w.weekdays, *w.numbers.first,
            *w.part, *w.season, *w.weekday_lead, *w.before, *w.article, *w.ago, *w.month_noun,
            *w.events.first, *w.plural,
        })
        object.__setattr__(w, "starters", starters)
        return w


def _table_of_role(table: PhraseTable, role: str) -> PhraseTable:
    """The rows of ``table`` with ``role``, as a phrase table of their first value (an int)."""
    out = PhraseTable()
    for key, rows in table.phrases.items():
        for r, *values in rows:
            if r == role:
                out.add(key, int(values[0]))
    return out


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day_number(norm: str) -> int | None:
    """A day of the month written as a number (1..31), else None."""
    return int(norm) if norm.isdigit() and len(norm) <= 2 and 1 <= int(norm) <= 31 else None


def _year_number(norm: str, era: frozenset[str]) -> int | None:
    """A year written as four digits, maybe with the era letter joined ("2019م"), else None."""
    if len(norm) >= 4 and norm[:4].isdigit() and (len(norm) == 4 or norm[4:] in era) and int(norm[:4]) in YEARS:
        return int(norm[:4])
    return None


def _ago_precision(e: DateExpr) -> str:
    days = e.ago_days or 0
    if e.coarse:  # "قبل أيام", "منذ أشهر"
        return "week" if days < 30 else "month"
    return "day" if days < 7 else "week"


@lru_cache(maxsize=4096)
def parse_published(value: str) -> str | None:
    """An ISO date from a metadata field in any common format (dateparser), or None."""
    value = (value or "").strip()
    if not value:
        return None
    m = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if m:
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return d.isoformat() if d else None
    import dateparser

    dt = dateparser.parse(value, languages=["en", "ar", "fr"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return dt.date().isoformat() if dt else None


def date_from_url(url: str | None) -> date | None:
    if not url:
        return None
    for rx in URL_DATE:
        m = rx.search(url)
        if m:
            y = int(m["y"]) if "y" in rx.groupindex else 2000 + int(m["yy"])
            d = _safe_date(y, int(m["m"]), int(m["d"]))
            if d and date(1995, 1, 1) <= d <= date.today():
                return d
    return None


class DateResolver:
    """Finds date expressions and resolves them against the article's reference date."""

    def __init__(self, vocab: Vocab) -> None:
        self.w = DateWords.from_vocab(vocab)
        #: the sub-parsers in the order they are tried at a token; the first match wins
        self.parsers: tuple[SubParser, ...] = (
            self.named_event,  # ثورة 17 فبراير (its own date, not this year's 17 February)
            self.relative_phrase,  # اليوم، أمس الأربعاء، الأسبوع الماضي، last week
            self.units_ago,  # قبل ثلاثة أيام، three weeks ago
            self.weekday,  # يوم السبت، الأحد المقبل، on Friday, last Saturday
            self.day_month,  # 4 نيسان/ أبريل، السادس من يناير 2020، 31 July 2015
            self.month_day,  # December 28, 2014; April 4
            self.month,  # منتصف أيلول الماضي، in August, أبريل 2019
            self.part_of_year,  # أواخر 2016، the summer of 2017
            self.bare_year,  # عام 2016، in 2014
        )

    # -- finding ----------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[DateExpr]:
        """Every date expression of the document, in text order."""
        out: list[DateExpr] = []
        toks = doc.tokens
        n = len(toks)
        taken = [False] * n
        starts: list[int] | None = None
        # numeric dates (22/07/2019, 2019-07-22) on the raw text
        for m in NUMERIC_DATE.finditer(doc.text) if _NUMERIC_HINT.search(doc.text) else ():
            y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
            if _safe_date(int(y), int(mo), int(d)) is None:
                continue
            if starts is None:
                starts = [t.start for t in toks]
            span = self._token_span(doc, starts, m.start(), m.end())
            if span is None:
                continue
            i, j = span
            out.append(DateExpr(m.start(), m.end(), i, j, int(y), int(mo), int(d), kind="numeric",
                                reach=MAX_DISTANCE["ar" if doc.arabic else "en"]))
            for k in range(i, j):
                taken[k] = True
        reach = MAX_DISTANCE["ar" if doc.arabic else "en"]
        # an expression opens with a number or a starter word: the walk visits only those tokens
        joiners = self.w.joiners
        opens = {k for forms, at in doc.groups().items()
                 if forms[0][:1].isdigit() or (forms[0][:1] in joiners and forms[0][1:2].isdigit())
                 for k in at}  # _number_start, once per distinct word
        opens.update(doc.starts(self.w.starters))
        i = 0
        for k in sorted(opens):
            if k < i or taken[k]:
                continue
            i = k
            e = self.parse_at(doc, i)
            if e is not None and self._in_name(doc, e):
                i = e.j
                continue
            if e is not None:
                self._mark_since(doc, e, out[-1].j if out else 0)
                if e.year is not None and not e.since:
                    self._mark_relative(doc, e, out[-1].j if out else 0)
                e.reach = reach
                out.append(e)
                i = e.j
        out.sort(key=lambda e: e.start)
        self._share_years(doc, out)
        for e in out:
            if e.reach > NEAR:
                a, b = doc.sentence_span(e.i)
                left = [m.end() for m in _STRONG_BREAK.finditer(doc.text, a, e.start)]
                brk = _STRONG_BREAK.search(doc.text, e.end, b)
                e.segment = (left[-1] if left else a, brk.start() if brk else b)
        return out

    def _mark_since(self, doc: Doc, e: DateExpr, floor: int) -> None:
        """A since-word opening e or before it in the same clause ("منذ عام 2014", "since 2011",
        "منذ سقوط النظام في 2011", "since the fall of Gaddafi in 2011"; not past punctuation,
        another date or the sentence start) makes e the start of a period: e.since, e.scope."""
        toks = doc.tokens
        sent = doc.tok_sent[e.i]
        at = e.i if toks[e.i].norm in self.w.since else None
        k = e.i - 1
        while at is None and k >= max(floor, e.i - 1 - SINCE_REACH):
            if doc.tok_sent[k] != sent or _CLAUSE_BREAK.search(doc.gap(k + 1, k + 1)):
                return
            if toks[k].norm in self.w.since:
                at = k
            k -= 1
        if at is None:
            return
        sent_end = doc.sentence_span(e.i)[1]
        brk = _CLAUSE_BREAK.search(doc.text, e.end, sent_end)
        e.since, e.scope = True, (toks[at].start, brk.start() if brk else sent_end)

    def _mark_relative(self, doc: Doc, e: DateExpr, floor: int) -> None:
        """A relative pronoun before e in the same clause ("the airport, which was destroyed in 2014",
        "المدينة التي سيطر عليها التنظيم عام 2016"; not past punctuation, another date or the
        sentence start) puts e in a relative clause that tells another event of another time:
        e.clause, from the pronoun to the clause's end."""
        toks = doc.tokens
        sent = doc.tok_sent[e.i]
        k = e.i - 1
        while k >= max(floor, e.i - 1 - RELATIVE_REACH):
            if doc.tok_sent[k] != sent or _CLAUSE_BREAK.search(doc.gap(k + 1, k + 1)):
                return
            if toks[k].norm in self.w.relative:
                sent_end = doc.sentence_span(e.i)[1]
                brk = _CLAUSE_BREAK.search(doc.text, e.end, sent_end)
                e.clause = (toks[k].start, brk.start() if brk else sent_end)
                return
            k -= 1

    @staticmethod
    def _share_years(doc: Doc, exprs: list[DateExpr]) -> None:
        """A day and month without a year takes the year of the nearest full date in its sentence:
        "on 5 March 2021 and again on 7 March", "between 28 December and 3 January 2020" (across
        the turn of the year when the months lie more than half a year apart)."""
        full = [f for f in exprs if f.full and f.day is not None and f.precision is None]
        if not full:
            return
        for e in exprs:
            if not (e.month and e.day and e.year is None and e.rel is None and e.qualifier == 0):
                continue
            sent = doc.tok_sent[e.i]
            same = [f for f in full if doc.tok_sent[f.i] == sent]
            if not same:
                continue
            f = min(same, key=lambda f: abs(f.start - e.start))
            year, gap = f.year, e.month - f.month  # type: ignore[operator]
            if e.start < f.start and gap > 6:  # "28 December and 3 January 2020"
                year -= 1  # type: ignore[operator]
            elif e.start > f.start and gap < -6:  # "20 December 2019 ... then 3 January"
                year += 1  # type: ignore[operator]
            e.year = year

    def _in_name(self, doc: Doc, e: DateExpr) -> bool:
        """A day and month without a year inside a name: "حركة 5 يونيو", "the Movement of June 5",
        "كتيبة شهداء 17 فبراير", "the 17 February Brigade" — no date of the report's year."""
        if e.kind not in ("day_month", "month_day") or e.year is not None or e.rel is not None:
            return False
        toks = doc.tokens
        k = e.i - 1
        while k >= 0 and (toks[k].norm in self.w.of or toks[k].norm in self.w.article):
            k -= 1
        if k >= 0 and any(f in self.w.name_head for f in doc.forms(k)):
            return True
        return e.j < len(toks) and toks[e.j].norm in self.w.name_tail

    def parse_at(self, doc: Doc, i: int) -> DateExpr | None:
        """The date expression opening at token i: the first sub-parser that reads one."""
        for parser in self.parsers:
            e = parser(doc, i)
            if e is not None:
                return e
        return None

    @staticmethod
    def _token_span(doc: Doc, starts: list[int], a: int, b: int) -> tuple[int, int] | None:
        """Tokens i..j-1 lying wholly inside characters a..b (by bisection), or None."""
        toks = doc.tokens
        i = bisect.bisect_left(starts, a)
        j = bisect.bisect_left(starts, b)
        while j > i and toks[j - 1].end > b:
            j -= 1
        return (i, j) if j > i else None

    @staticmethod
    def _expr(doc: Doc, i: int, j: int, kind: str, **kw: object) -> DateExpr:
        toks = doc.tokens
        return DateExpr(toks[i].start, toks[j - 1].end, i, j, kind=kind, **kw)  # type: ignore[arg-type]

    # -- pieces the sub-parsers share ---------------------------------------------------------
    def _month_at(self, doc: Doc, k: int) -> tuple[int, int, str] | None:
        """A month name at token k: (end token, month, series)."""
        hit = doc.match_phrases(self.w.months, k)
        if not hit:
            return None
        end, key, _f = hit
        month, series = self.w.months.get(key)[0]
        if not doc.arabic and not doc.tokens[k].upper:
            return None
        return end, month, series

    def _after_month(self, doc: Doc, k: int, month: int) -> int:
        """Skip a second month name of another series: "نيسان/ أبريل", "تموز (يوليو)", "أيلول سبتمبر"."""
        hit = self._month_at(doc, k)
        if hit and hit[1] == month:
            return hit[0]
        return k

    def _year_at(self, doc: Doc, k: int) -> tuple[int, int] | None:
        """A year at token k, maybe after "عام"/"of" and before the era letter: (end, year)."""
        toks = doc.tokens
        w = self.w
        while k < len(toks) and (toks[k].norm in w.year_noun or toks[k].norm in w.of or toks[k].norm in w.era):
            k += 1
        year = _year_number(toks[k].norm, w.era) if k < len(toks) else None
        if year is not None:
            end = k + 1
            if end < len(toks) and toks[end].norm in w.era:  # "2019 م"
                end += 1
            return end, year
        return None

    def _year_rel_at(self, doc: Doc, k: int) -> tuple[int, int] | None:
        """"من العام الماضي", "of last year", "last year" after a day and month: (end, year offset)."""
        toks = doc.tokens
        if k < len(toks) and toks[k].norm in self.w.of:
            k += 1
        hit = doc.match_phrases(self.w.reldates, k)
        if hit:
            unit, off, _p = self.w.reldates.get(hit[1])[0]
            if unit == "year":
                return hit[0], off
        return None

    def _qualifier_at(self, doc: Doc, k: int) -> tuple[int, int]:
        """"الماضي"/"الماضية"/"قبل الماضي"/"المقبل" at token k: (end, offset), else (k, 0)."""
        hit = doc.match_phrases(self.w.after, k)
        if hit:
            return hit[0], self.w.after.get(hit[1])[0]
        return k, 0

    def _week_at(self, doc: Doc, k: int) -> tuple[int, int] | None:
        """"(من) الأسبوع الماضي", "(of) last week" after a weekday: (end, week offset)."""
        toks = doc.tokens
        if k < len(toks) and toks[k].norm in self.w.of:
            k += 1
        hit = doc.match_phrases(self.w.reldates, k)
        if hit:
            unit, off, _p = self.w.reldates.get(hit[1])[0]
            if unit == "week":
                return hit[0], off
        return None

    def _weekday_at(self, doc: Doc, k: int) -> int | None:
        for f in doc.forms(k):
            wd = self.w.weekdays.get(f)
            if wd is not None:
                return wd
        return None

    # -- the sub-parsers, in the order of self.parsers ------------------------------------------
    def named_event(self, doc: Doc, i: int) -> DateExpr | None:
        """A named event whose name holds a date ("ثورة 17 فبراير", "the February 17 revolution"):
        its own date, where the date in its name alone would be read as this year's."""
        hit = doc.match_phrases(self.w.events, i)
        if not hit:
            return None
        _role, iso, precision = self.w.events.get(hit[1])[0]
        d = date.fromisoformat(iso)
        return self._expr(doc, i, hit[0], "named_event", year=d.year, month=d.month, day=d.day,
                          precision=precision)

    def relative_phrase(self, doc: Doc, i: int) -> DateExpr | None:
        """اليوم، أمس، أول من أمس، الأسبوع الماضي، last week — maybe with its weekday
        ("اليوم الأحد", "أمس يوم الأربعاء", "yesterday on Friday")."""
        hit = doc.match_phrases(self.w.reldates, i)
        if not hit:
            return None
        toks = doc.tokens
        end, key, _f = hit
        unit, off, prec = self.w.reldates.get(key)[0]
        k = end + 1 if end < len(toks) and toks[end].norm in self.w.weekday_lead else end
        wd = self.w.weekdays.get(toks[k].norm) if k < len(toks) else None
        if wd is not None:
            end = k + 1
        return self._expr(doc, i, end, "relative", rel=(unit, off, prec), weekday=wd)

    def units_ago(self, doc: Doc, i: int) -> DateExpr | None:
        """"قبل ثلاثة أيام", "منذ يومين", "three weeks ago", "a month ago"."""
        toks = doc.tokens
        n = len(toks)
        w = self.w
        if toks[i].norm in w.ago:  # Arabic: قبل|منذ [N] unit
            if i + 1 >= n:
                return None
            k, num = i + 1, None
            while k < n and toks[k].norm in w.approx:  # "قبل نحو أسبوعين"
                k += 1
            if k < n and toks[k].is_digit:
                num, k = int(toks[k].norm), k + 1
            elif k < n and w.numbers.get(toks[k].norm) and toks[k].norm not in w.units:
                num, k = w.numbers.get(toks[k].norm)[0], k + 1
            if k >= n or toks[k].norm not in w.units:
                return None
            unit = toks[k].norm
            if unit in w.dual:
                return self._expr(doc, i, k + 1, "ago", ago_days=2 * w.units[unit])
            if num is None and unit in w.plural:  # "قبل أيام": a few days ago, loosely
                return self._expr(doc, i, k + 1, "ago", ago_days=3 * w.units[unit], coarse=True)
            return self._expr(doc, i, k + 1, "ago", ago_days=(num or 1) * w.units[unit])
        if doc.arabic or i + 1 >= n:  # English: [N] unit ago
            return None
        if toks[i].norm in w.plural and toks[i + 1].norm in w.ago_after:  # "days ago": a few
            return self._expr(doc, i, i + 2, "ago", ago_days=3 * w.units[toks[i].norm], coarse=True)
        if i + 2 >= n:
            return None
        if toks[i].is_digit:
            num = int(toks[i].norm)
        else:
            v = w.numbers.get(toks[i].norm)
            if not v:
                return None
            num = v[0]
        if toks[i + 1].norm in w.units and toks[i + 2].norm in w.ago_after:
            return self._expr(doc, i, i + 3, "ago", ago_days=num * w.units[toks[i + 1].norm])
        return None

    def weekday(self, doc: Doc, i: int) -> DateExpr | None:
        """(يوم|مساء|on)? السبت (الماضي|المقبل)?, (last|next|this)? Saturday."""
        toks = doc.tokens
        norm = toks[i].norm
        qual = 0
        k = i
        if norm in self.w.weekday_lead:
            k = i + 1
        elif norm in self.w.before:
            qual, k = self.w.before[norm], i + 1
        if k >= len(toks):
            return None
        wd = self._weekday_at(doc, k)
        if wd is None or not (doc.arabic or toks[k].upper):
            return None
        week = self._week_at(doc, k + 1)
        if week is not None:  # "الجمعة من الأسبوع الماضي", "Friday last week": that week's Friday
            return self._expr(doc, i, week[0], "weekday", weekday=wd, rel=("weekdayofweek", week[1], "day"),
                              week_start=WEEK_STARTS_AR if doc.arabic else WEEK_STARTS_EN)
        k2 = k + 2 if k + 1 < len(toks) and toks[k + 1].norm in self.w.same_day else k + 1
        if k2 < len(toks) and doc.tok_sent[k2] == doc.tok_sent[k]:
            dated = self.day_month(doc, k2) or self.month_day(doc, k2)
            if dated is not None:  # "يوم الخميس (الموافق) 12 مارس", "on Thursday, March 12": the date
                dated.start, dated.i, dated.weekday = toks[i].start, i, wd
                return dated
        end, q2 = self._qualifier_at(doc, k + 1)
        return self._expr(doc, i, end, "weekday", weekday=wd, qualifier=qual or q2)

    def day_month(self, doc: Doc, i: int) -> DateExpr | None:
        """day [of] month [month2] [year]: "22 شباط (فبراير)", "السادس من يناير/ كانون الثاني 2020",
        "31 July 2015", a range "11 و12 حزيران"; "السابع من الشهر الجاري"; "12 فبراير من العام الماضي"."""
        toks = doc.tokens
        n = len(toks)
        w = self.w
        t = toks[i]
        day = self._day(t.norm)
        k = i + 1
        if day is not None:
            if k < n and toks[k].norm in w.of:
                k += 1
        else:
            ohit = doc.match_phrases(w.ordinals, i)
            if not (ohit and ohit[0] < n and toks[ohit[0]].norm in w.of):
                return None
            day, k = w.ordinals.get(ohit[1])[0], ohit[0] + 1
        # "11 و12 حزيران", "11-12 June", "11 and 12 June": a range dates from its first day
        if k < n and self._joined_day(toks[k].norm):
            k += 1
        elif k + 1 < n and toks[k].norm in w.joiners and toks[k + 1].is_digit and len(toks[k + 1].norm) <= 2:
            k += 2
        # "السابع من الشهر الجاري", "the 5th of last month"
        rh = doc.match_phrases(w.reldates, k)
        if rh and w.reldates.get(rh[1])[0][0] == "month":
            return self._expr(doc, i, rh[0], "day_month", day=day,
                              rel=("dayofmonth", w.reldates.get(rh[1])[0][1], "day"))
        mh = self._month_at(doc, k)
        if not mh:
            return None
        end, month, series = mh
        end = self._after_month(doc, end, month)
        yh = self._year_at(doc, end)
        if yh:
            return self._expr(doc, i, yh[0], "day_month", year=yh[1], month=month, day=day)
        if series == "libyan":
            return None  # Libyan month names are common words; only with a year
        yr = self._year_rel_at(doc, end)
        if yr:
            return self._expr(doc, i, yr[0], "day_month", month=month, day=day, rel=("yearof", yr[1], "day"))
        end, q = self._qualifier_at(doc, end)
        return self._expr(doc, i, end, "day_month", month=month, day=day, qualifier=q)

    def _number_start(self, norm: str) -> bool:
        """The token starts with a number, maybe after a joined "and" ("12", "2019م", "و3")."""
        return norm[:1].isdigit() or (norm[:1] in self.w.joiners and norm[1:2].isdigit())

    def _day(self, norm: str) -> int | None:
        """A day of the month as a number: "22", "22nd", "و3" (and 3)."""
        if norm[:1] in self.w.joiners and norm[1:2].isdigit():
            norm = norm[1:]
        d = _day_number(norm)
        if d is None and norm[-2:] in self.w.ordinal_suffix:
            d = _day_number(norm[:-2])
        return d

    def _joined_day(self, norm: str) -> bool:
        """The second day of a range as one token: "12" (after "11-"), "و12"."""
        if _day_number(norm) is not None:
            return True
        return any(norm.startswith(j) and _day_number(norm[len(j):]) is not None for j in self.w.joiners)

    def month_day(self, doc: Doc, i: int) -> DateExpr | None:
        """English month day [year]: "December 28, 2014", "April 4", "June 11-12, 2022"."""
        if doc.arabic:
            return None
        mh = self._month_at(doc, i)
        if not mh:
            return None
        toks = doc.tokens
        n = len(toks)
        end, month, _s = mh
        if end >= n:
            return None
        d = self._day(toks[end].norm)
        if d is None:
            return None
        if end + 1 < n and toks[end + 1].is_digit and len(toks[end + 1].norm) <= 2:
            end += 1  # "June 11-12"
        elif end + 2 < n and toks[end + 1].norm in self.w.joiners and _day_number(toks[end + 2].norm):
            end += 2  # "November 1 to 17", "June 11 and 12"
        yh = self._year_at(doc, end + 1)
        if yh:
            return self._expr(doc, i, yh[0], "month_day", year=yh[1], month=month, day=d)
        return self._expr(doc, i, end + 1, "month_day", month=month, day=d)

    def month(self, doc: Doc, i: int) -> DateExpr | None:
        """[part] [شهر] month [year] [الماضي]: "منتصف أيلول سبتمبر الماضي", "in August",
        "last August", "أبريل 2019". Without a year a month needs a cue word before it."""
        toks = doc.tokens
        n = len(toks)
        w = self.w
        k = i
        part = None
        qual = 0
        cue = i > 0 and toks[i - 1].norm in w.month_cue
        for f in doc.forms(i):
            if f in w.part:
                part, k, cue = PART_DAY[w.part[f]], i + 1, True
                break
        if not doc.arabic and toks[i].norm in w.before:
            qual, k, cue = w.before[toks[i].norm], i + 1, True
        if k < n and (toks[k].norm in w.month_noun or toks[k].norm in w.of):
            k += 1
            cue = True
        mh = self._month_at(doc, k)
        if not mh:
            return None
        end, month, series = mh
        end = self._after_month(doc, end, month)
        yh = self._year_at(doc, end)
        if yh:
            if series == "libyan" and not cue:
                return None
            return self._expr(doc, i, yh[0], "month", year=yh[1], month=month, part=part)
        if cue and series != "libyan":
            end, q = self._qualifier_at(doc, end)
            return self._expr(doc, i, end, "month", month=month, part=part, qualifier=qual or q)
        return None

    def part_of_year(self, doc: Doc, i: int) -> DateExpr | None:
        """A part of a year or a season and a year: "أواخر 2016", "early 2012", "the summer of 2017",
        "ربيع 2019" (month precision at best)."""
        toks = doc.tokens
        n = len(toks)
        w = self.w
        k = i + 1 if toks[i].norm in w.article else i
        season = w.season.get(toks[k].norm) if k < n else None
        month = season
        if season is None:
            month = next((PART_MONTH[w.part[f]] for f in doc.forms(i) if f in w.part), None)
        if month is None:
            return None
        k2 = k + 1
        if k2 < n and (toks[k2].norm in w.of or toks[k2].norm in w.year_noun):
            k2 += 1
        yh = self._year_at(doc, k2)
        if yh is None:
            return None
        return self._expr(doc, i, yh[0], "part_of_year", year=yh[1], month=month, part=15, coarse=True)

    def bare_year(self, doc: Doc, i: int) -> DateExpr | None:
        """A year alone: "عام 2016", "in 2014", "the 2011 uprising" — not a count ("2000 km",
        "2000 troops")."""
        toks = doc.tokens
        year = _year_number(toks[i].norm, self.w.era)
        if year is None:
            return None
        nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
        if nxt in self.w.distance_units or nxt in self.w.count_noun:
            return None
        start = i - 1 if i > 0 and toks[i - 1].norm in self.w.year_noun else i
        return self._expr(doc, start, i + 1, "year", year=year)

    # -- reference ---------------------------------------------------------------------------------
    def reference(self, doc: Doc, exprs: list[DateExpr], published: str | None, url: str | None) -> Reference:
        """The date the article's relative dates count from: published, dateline, URL, inferred."""
        if published:
            try:
                return Reference(date.fromisoformat(published[:10]), "published")
            except ValueError:
                pass
        dl = self.dateline(doc, exprs)
        if dl is not None:
            return Reference(dl, "dateline")
        u = date_from_url(url)
        if u is not None:
            return Reference(u, "url")
        return self.infer(doc, exprs)

    def dateline(self, doc: Doc, exprs: list[DateExpr]) -> date | None:
        """The date of the article's dateline (:meth:`dateline_expr`), or None."""
        e = self.dateline_expr(doc, exprs)
        return _safe_date(e.year, e.month, e.day) if e is not None else None  # type: ignore[arg-type]

    @staticmethod
    def dateline_expr(doc: Doc, exprs: list[DateExpr]) -> DateExpr | None:
        """The date side of the dateline: a full date (day, month, year) inside the tokens the
        pipeline marked as the dateline (``doc.dateline``: "سبها، ليبيا، 12 يناير 2014 –"), else
        one opening a line near the top ("Benghazi. 31 July 2015:", "22/07/2019") — but not a
        caption that ends with a date."""
        fallback = None
        for e in exprs:
            if e.start > DATELINE_WITHIN:
                break
            if not e.full or e.day is None:
                continue
            if doc.dateline and any(doc.dateline[e.i:e.j]):
                return e
            line_start = doc.text.rfind("\n", 0, e.start) + 1
            if fallback is None and e.start - line_start <= DATELINE_LINE_START:
                fallback = e
        return fallback

    def infer(self, doc: Doc, exprs: list[DateExpr]) -> Reference:
        """No metadata: anchor on the latest full date the text states."""
        anchor: date | None = None
        day_level = False  # a page dates itself only by a day ("أبريل 2019" alone is too loose)
        for e in exprs:
            if e.full:
                d = _safe_date(e.year, e.month, e.day or e.part or 1)  # type: ignore[arg-type]
                if d and (anchor is None or d > anchor):
                    anchor, day_level = d, e.day is not None
        if anchor is None:
            return Reference(None, "none")
        for e in exprs:  # day-month without a year: the next such day on or after the anchor
            if e.month and e.day and e.year is None and e.qualifier == 0:
                d = _safe_date(anchor.year, e.month, e.day)
                if d and d < anchor:
                    d = _safe_date(anchor.year + 1, e.month, e.day)
                if d and d > anchor and (d - anchor).days < 200:
                    anchor, day_level = d, True
        if not day_level:
            return Reference(None, "none")
        ref = Reference(anchor, "inferred")
        # "اليوم الخميس", "أول من أمس (الأربعاء)", "said on Friday": the first weekday named is on
        # or after the anchor, and it fixes "today" for the other relative expressions
        for e in exprs:
            if e.weekday is not None and e.qualifier == 0 and e.month is None and (e.rel is None or e.rel[0] == "day"):
                day = anchor + timedelta(days=(e.weekday - anchor.weekday()) % 7)
                off = e.rel[1] if e.rel and e.rel[0] == "day" else 0
                ref.today = day - timedelta(days=off)
                break
        return ref

    # -- resolving ---------------------------------------------------------------------------------
    def resolve(self, e: DateExpr, ref: Reference) -> Resolved | None:
        if e.rel is not None and e.rel[0] == "dayafter":
            return None  # "the next day" counts from the day told before it (for_sentences)
        r = ref.day
        if e.precision is not None and e.full:  # a named event: its own date and precision
            return Resolved(date(e.year, e.month, e.day or 1), e.precision)  # type: ignore[arg-type]
        if e.full:
            if e.day:
                d = _safe_date(e.year, e.month, e.day)  # type: ignore[arg-type]
                return Resolved(d, "day") if d else None
            d = _safe_date(e.year, e.month, e.part or 15)  # type: ignore[arg-type]
            return Resolved(d, "month" if e.part is None or e.coarse else "week") if d else None
        if e.year is not None:
            return Resolved(date(e.year, 7, 1), "year")
        if r is None:
            return None
        if e.rel is not None and e.rel[0] == "dayofmonth" and e.day:
            base = ref.today or r
            y, m = base.year, base.month + e.rel[1]
            while m < 1:
                y, m = y - 1, m + 12
            while m > 12:
                y, m = y + 1, m - 12
            d = _safe_date(y, m, e.day)
            return Resolved(d, "day") if d else None
        if e.rel is not None and e.rel[0] == "weekdayofweek" and e.weekday is not None:
            base = ref.today or r
            week = base - timedelta(days=(base.weekday() - e.week_start) % 7) + timedelta(weeks=e.rel[1])
            return Resolved(week + timedelta(days=(e.weekday - e.week_start) % 7), "day")
        if e.rel is not None and e.rel[0] == "yearof" and e.month and e.day:
            base = ref.today or r
            d = _safe_date(base.year + e.rel[1], e.month, e.day)
            return Resolved(d, "day") if d else None
        if ref.basis == "inferred":
            return self._resolve_inferred(e, ref)
        if e.month is not None:
            return self._month_no_year(e, r)
        if e.ago_days is not None:
            return Resolved(r - timedelta(days=e.ago_days), _ago_precision(e))
        if e.rel is not None:
            return self._rel(e.rel, r, e.weekday)
        if e.weekday is not None:
            return Resolved(self._weekday(r, e.weekday, e.qualifier), "day")
        return None

    @staticmethod
    def _weekday(r: date, wd: int, qualifier: int) -> date:
        """The weekday nearest before r (or on it); after r when next (+1); one week further for
        "قبل الماضي"/"before last" (-2)."""
        if qualifier > 0:
            delta = (wd - r.weekday()) % 7 or 7
            return r + timedelta(days=delta + 7 * (qualifier - 1))
        back = (r.weekday() - wd) % 7
        if qualifier < 0 and back == 0:
            back = 7
        return r - timedelta(days=back + 7 * max(0, -qualifier - 1))

    @staticmethod
    def _rel(rel: tuple[str, int, str], r: date, weekday: int | None) -> Resolved:
        unit, off, _prec = rel
        if unit == "day":
            d = r + timedelta(days=off)
            if weekday is not None and d.weekday() != weekday and off <= 0:
                # "أمس الأربعاء" when the stated weekday disagrees: trust the weekday, nearest before
                d = r - timedelta(days=(r.weekday() - weekday) % 7)
            return Resolved(d, "day")
        if unit == "week":
            return Resolved(r + timedelta(days=7 * off - (2 if off == 0 else 0)), "week")
        if unit == "month":
            y, m = r.year, r.month + off
            while m < 1:
                y, m = y - 1, m + 12
            while m > 12:
                y, m = y + 1, m - 12
            d = date(y, m, 15)
            return Resolved(min(d, r) if off == 0 else d, "month")
        if unit == "yearstart":
            return Resolved(min(date(r.year + off, 1, 20), r), "month")
        if unit == "yearend":
            return Resolved(date(r.year + off, 11, 20), "month")
        d = date(r.year + off, 7, 1)
        return Resolved(min(d, r) if off == 0 else d, "year")

    @staticmethod
    def _month_no_year(e: DateExpr, r: date) -> Resolved | None:
        y = r.year
        assert e.month is not None
        if e.day:
            d = _safe_date(y, e.month, e.day)
            if d is None:
                return None
            if e.qualifier > 0:
                if d < r:
                    d = _safe_date(y + 1, e.month, e.day) or d
            elif d > r + timedelta(days=3) or (e.qualifier < 0 and d >= r):
                d = _safe_date(y - 1, e.month, e.day) or d
            if e.qualifier < -1:  # "أكتوبر قبل الماضي": a year further back
                d = _safe_date(d.year + e.qualifier + 1, e.month, e.day) or d
            return Resolved(d, "day")
        if e.qualifier > 0:
            if (y, e.month) <= (r.year, r.month):
                y += 1
        elif (y, e.month) > (r.year, r.month) or (e.qualifier < 0 and (y, e.month) == (r.year, r.month)):
            y -= 1
        if e.qualifier < -1:
            y += e.qualifier + 1
        d = date(y, e.month, e.part or 15)
        return Resolved(d, "month" if e.part is None else "week")

    def _resolve_inferred(self, e: DateExpr, ref: Reference) -> Resolved | None:
        anchor = ref.day
        assert anchor is not None
        if e.month is not None:
            if e.day and e.qualifier == 0:
                d = _safe_date(anchor.year, e.month, e.day)
                if d and d < anchor:
                    d2 = _safe_date(anchor.year + 1, e.month, e.day)
                    d = d2 if d2 and (d2 - anchor).days < 200 else d
                return Resolved(d, "day") if d else None
            return self._month_no_year(e, anchor)
        if ref.today is not None:
            if e.rel is not None:
                return self._rel(e.rel, ref.today, e.weekday)
            if e.weekday is not None:
                return Resolved(self._weekday(ref.today, e.weekday, e.qualifier), "day")
            if e.ago_days is not None:
                return Resolved(ref.today - timedelta(days=e.ago_days), _ago_precision(e))
            return None
        if e.weekday is not None:  # the first such weekday on or after the anchor
            return Resolved(anchor + timedelta(days=(e.weekday - anchor.weekday()) % 7), "day")
        return None

    # -- per mention --------------------------------------------------------------------------------
    def for_sentences(self, doc: Doc, exprs: list[DateExpr], ref: Reference) -> dict[int, list[tuple[DateExpr, Resolved]]]:
        """Resolved expressions grouped by sentence index."""
        out: dict[int, list[tuple[DateExpr, Resolved]]] = {}
        last: date | None = None  # the last day told before: what "the next day" counts from
        for e in exprs:
            if e.rel is not None and e.rel[0] == "dayafter":
                if last is None:
                    continue  # "the next day" with no day told before it: no date of its own
                res: Resolved | None = Resolved(last + timedelta(days=e.rel[1]), "day")
            else:
                res = self.resolve(e, ref)
            if res is None or res.day is None:
                continue
            if res.precision == "day" and not (e.rel is not None and e.rel[0] == "day" and e.rel[1] == 0):
                last = res.day  # (not "today": a report's day, not the event's)
            out.setdefault(doc.sentence_index(e.start), []).append((e, res))
        return out

    @staticmethod
    def pick(cands: list[tuple[DateExpr, Resolved]], start: int, end: int) -> tuple[DateExpr, Resolved] | None:
        """The expression nearest the mention; past or present before future; none farther than
        the expression's reach (MAX_DISTANCE). The start of a long period ("منذ عام 2014",
        "since 2011") dates only a place in its own clause ("since the 2019 attack on Tripoli"),
        not the state of affairs around it. A date with a year in a relative clause after the mention
        ("X, location of the airport, which was destroyed in 2014") dates that clause's event only."""
        cands = [c for c in cands if not (c[0].since and c[1].precision in ("month", "year")
                                          and not (c[0].scope and c[0].scope[0] <= start < c[0].scope[1]))
                 and not (c[0].clause and not c[0].clause[0] <= start < c[0].clause[1])]
        if not cands:
            return None

        def key(c: tuple[DateExpr, Resolved]) -> tuple[int, int]:
            e = c[0]
            future = 1 if (e.qualifier > 0 or (e.rel and e.rel[1] > 0)) else 0
            dist = (start - e.end) if e.end <= start else (e.start - end)
            return future, max(0, dist)

        best = min(cands, key=key)
        if best[1].precision == "year" and best[0].month is None:
            # a year alone names a period ("a landmine left over from the 2019 war exploded on Tuesday"): a
            # day told in the same part of the sentence dates the event
            days = [c for c in cands if c[1].precision == "day" and key(c)[0] == 0 and key(c)[1] <= c[0].reach
                    and c[0].segment == best[0].segment]
            if days:
                best = min(days, key=key)
        dist, e = key(best)[1], best[0]
        if dist > NEAR and (dist > e.reach or e.start > start or not (e.segment and e.segment[0] <= start < e.segment[1])):
            return None  # a date far away in a long run-on sentence belongs to another clause
        return best
