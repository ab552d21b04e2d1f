"""Dates: which day each sentence speaks of.

1. The article's reference date: the publication date from metadata, else the text's own
   dateline ("سبها، ليبيا، 12 يناير 2014 –", "Benghazi. 31 July 2015:"), else a date in the
   URL (/2019/6/26/, 20190317-), else none.
2. Date expressions in the text, found with rules over the normalised tokens (the vocabulary is
   in geodata/vocab: month names of the Gregorian, Levantine, Libyan and Maghrebi series,
   weekdays, ordinals, relative phrases): "4 نيسان/ أبريل", "السادس من يناير/ كانون الثاني 2020",
   "أول من أمس (الأربعاء)", "السبت الماضي", "منتصف أيلول سبتمبر الماضي", "on Friday",
   "December 28, 2014", "three weeks ago", "in 2014".
3. Each expression resolved against the reference date. Without one, a page still dates
   itself: no report is older than the latest full date it states (a photo caption, say), so
   relative expressions are anchored there ("inferred" reference, lower confidence).

dateparser, which handles most absolute formats in many languages, is used for the
``published`` field of input records; inside sentences it returns nothing for أول أمس,
يوم السبت, السبت الماضي, العام الماضي, صباح اليوم or the Libyan months, and searching whole
articles with it is about a hundred times slower than these rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..geodata.lexicon import Vocab
from .doc import Doc

PARTS = {"بدايه": 5, "مطلع": 5, "اوايل": 5, "اول": 5, "early": 5, "منتصف": 15, "اواسط": 15, "mid": 15,
         "middle": 15, "اواخر": 25, "نهايه": 25, "اخر": 25, "late": 25, "end": 25}
SEASONS = {"summer": 7, "spring": 4, "autumn": 10, "fall": 10, "winter": 1,
           "صيف": 7, "ربيع": 4, "خريف": 10, "شتاء": 1, "الصيف": 7, "الربيع": 4, "الخريف": 10, "الشتاء": 1}
PAST_Q = {"الماضي", "الفايت", "المنصرم", "السابق", "last", "past", "previous"}
FUTURE_Q = {"المقبل", "القادم", "next", "coming"}
MONTH_CUES = {"في", "شهر", "منذ", "خلال", "حتي", "منتصف", "بدايه", "مطلع", "اوايل", "اواسط", "اواخر", "نهايه",
              "in", "since", "during", "until", "by", "last", "early", "mid", "late", "of", "from", "this", "next",
              "between", "before", "after", "end", "and"}
YEAR_CUES = {"عام", "العام", "سنه", "في", "منذ", "خلال", "in", "since", "year", "during", "of", "the", "a", "by",
             "until", "before", "after", "from", "and"}
DURATION_UNITS = {
    "يوم": 1, "ايام": 1, "يوما": 1, "يومين": 1, "اسبوع": 7, "اسابيع": 7, "اسبوعين": 7, "شهر": 30, "اشهر": 30,
    "شهور": 30, "شهرين": 30, "day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30,
}
#: characters between a mention and a date expression in the same sentence, beyond which they
#: are taken to belong to different clauses (Arabic news often runs a paragraph as one sentence)
MAX_DISTANCE = 120
NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:(?P<d>[0-3]?\d)[/.-](?P<m>[01]?\d)[/.-](?P<y>(?:19|20)\d\d)"
    r"|(?P<y2>(?:19|20)\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d))(?![\d/])"
)
URL_DATE = [
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)"),          # /2019/6/26/
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)[-_/]"),                      # /20190317-
    re.compile(r"[/-](?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:[-/.?]|$)"),           # /2021-04-18-
    re.compile(r"/(?:19|20)\d\d/\d\d/(?P<yy>\d\d)(?P<m>\d\d)(?P<d>\d\d)_"),             # /2015/08/150828_
]


@dataclass(slots=True)
class DateExpr:
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
    coarse: bool = False
    since: bool = False  # "منذ عام 2014", "since 2011": when a state of affairs began  # a season or "early/late 2016": month precision at best

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


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


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
        self.v = vocab
        # every token that can open a date expression; the rest are skipped with one lookup
        self.starters: set[str] = {*vocab.reldates.first, *vocab.months.first, *vocab.ordinals.first, *vocab.weekdays,
                                   *PARTS, *SEASONS, "يوم", "on", "last", "next", "this", "past", "the", "قبل", "منذ",
                                   "مساء", "صباح", "فجر", "ليله", "ظهر", "عصر", "ليل", "شهر", "a", "an",
                                   *vocab.numbers.first}

    # -- finding ----------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[DateExpr]:
        out: list[DateExpr] = []
        toks = doc.tokens
        n = len(toks)
        taken = [False] * n
        # numeric dates (22/07/2019, 2019-07-22) on the raw text
        for m in NUMERIC_DATE.finditer(doc.text):
            y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
            if _safe_date(int(y), int(mo), int(d)) is None:
                continue
            i, j = self._tok_range(doc, m.start(), m.end())
            if i is None:
                continue
            out.append(DateExpr(m.start(), m.end(), i, j, int(y), int(mo), int(d)))
            for k in range(i, j):
                taken[k] = True
        i = 0
        starters = self.starters
        while i < n:
            if taken[i] or not (toks[i].is_digit or any(f in starters for f in doc.forms(i))):
                i += 1
                continue
            e = self._at(doc, i)
            if e is not None:
                if (e.i > 0 and toks[e.i - 1].norm in ("منذ", "since")) or toks[e.i].norm in ("منذ",):
                    e.since = True
                out.append(e)
                i = e.j
            else:
                i += 1
        out.sort(key=lambda e: e.start)
        return out

    @staticmethod
    def _tok_range(doc: Doc, a: int, b: int) -> tuple[int | None, int]:
        idx = [k for k, t in enumerate(doc.tokens) if t.start >= a and t.end <= b]
        return (idx[0], idx[-1] + 1) if idx else (None, 0)

    def _month_at(self, doc: Doc, k: int) -> tuple[int, int, str] | None:
        """A month name at token k: (end token, month, series)."""
        hit = doc.match_phrases(self.v.months, k, self.v.months.max_tokens)
        if not hit:
            return None
        end, key, _f = hit
        month, series = self.v.months.get(key)[0]
        if not doc.arabic and not doc.tokens[k].upper:
            return None
        return end, month, series

    def _year_at(self, doc: Doc, k: int) -> tuple[int, int] | None:
        toks = doc.tokens
        while k < len(toks) and toks[k].norm in ("عام", "سنه", "of", "م"):
            k += 1
        if k < len(toks) and toks[k].is_digit and len(toks[k].norm) == 4 and 1900 <= int(toks[k].norm) <= 2035:
            end = k + 1
            if end < len(toks) and toks[end].norm == "م":  # "2019م"
                end += 1
            return end, int(toks[k].norm)
        return None

    def _year_rel_at(self, doc: Doc, k: int) -> tuple[int, int] | None:
        """"من العام الماضي", "of last year", "last year" after a day and month: (end, year offset)."""
        toks = doc.tokens
        if k < len(toks) and toks[k].norm in ("من", "of"):
            k += 1
        hit = doc.match_phrases(self.v.reldates, k, self.v.reldates.max_tokens)
        if hit:
            unit, off, _p = self.v.reldates.get(hit[1])[0]
            if unit == "year":
                return hit[0], off
        return None

    def _qualifier_at(self, doc: Doc, k: int) -> tuple[int, int]:
        if k < len(doc.tokens):
            f = doc.tokens[k].norm
            if f in PAST_Q:
                return k + 1, -1
            if f in FUTURE_Q:
                return k + 1, 1
        return k, 0

    def _after_month(self, doc: Doc, k: int, month: int) -> int:
        """Skip a second month name of another series: "نيسان/ أبريل", "تموز (يوليو)", "أيلول سبتمبر"."""
        hit = self._month_at(doc, k)
        if hit and hit[1] == month:
            return hit[0]
        return k

    def _at(self, doc: Doc, i: int) -> DateExpr | None:
        toks = doc.tokens
        n = len(toks)
        t = toks[i]

        def mk(j: int, **kw: object) -> DateExpr:
            return DateExpr(toks[i].start, toks[j - 1].end, i, j, **kw)  # type: ignore[arg-type]

        # relative phrases (اليوم، أمس، أول من أمس، الأسبوع الماضي، last week), maybe with a weekday
        hit = doc.match_phrases(self.v.reldates, i, self.v.reldates.max_tokens)
        if hit:
            end, key, _f = hit
            unit, off, prec = self.v.reldates.get(key)[0]
            wd = None
            k = end
            if k < n and toks[k].norm in ("يوم",):
                k += 1
            if k < n:
                wd = self.v.weekdays.get(toks[k].norm)
                if wd is None and k + 1 < n and not doc.arabic and toks[k].norm in ("on",):
                    wd = self.v.weekdays.get(toks[k + 1].norm)
                    if wd is not None:
                        k += 1
                if wd is not None:
                    end = k + 1
            return mk(end, rel=(unit, off, prec), weekday=wd)

        # "N days/weeks ago", "قبل ثلاثة أيام", "a week ago"
        e = self._ago(doc, i)
        if e is not None:
            return e

        # weekdays: (يوم)? السبت (الماضي)?, (on|last|next)? Saturday
        k = i
        qual = 0
        if t.norm in ("يوم", "on", "مساء", "صباح", "فجر", "ليله", "ظهر", "عصر", "ليل"):
            k = i + 1
        elif t.norm in ("last", "next", "this", "past"):
            qual = -1 if t.norm in ("last", "past") else (1 if t.norm == "next" else 0)
            k = i + 1
        if k < n:
            wd = None
            for f in doc.forms(k):
                wd = self.v.weekdays.get(f)
                if wd is not None:
                    break
            if wd is not None and (doc.arabic or toks[k].upper):
                end, q2 = self._qualifier_at(doc, k + 1)
                return mk(end, weekday=wd, qualifier=qual or q2)

        # day month [month2] [year]:  "22 شباط (فبراير)", "السادس من يناير/ كانون الثاني 2020"
        day = None
        k = i
        if t.is_digit and 1 <= int(t.norm) <= 31 and len(t.norm) <= 2:
            day, k = int(t.norm), i + 1
            if k < n and toks[k].norm in ("من", "of"):
                k += 1
        else:
            ohit = doc.match_phrases(self.v.ordinals, i, self.v.ordinals.max_tokens)
            if ohit and ohit[0] < n and toks[ohit[0]].norm in ("من", "of"):
                day, k = self.v.ordinals.get(ohit[1])[0], ohit[0] + 1
        if day is not None:
            # "11 و12 حزيران", "11-12 June", "11 and 12 June": a range dates from its first day
            if k < n and re.fullmatch(r"و?\d{1,2}", toks[k].norm) and 1 <= int(toks[k].norm.lstrip("و")) <= 31:
                k += 1
            elif k + 1 < n and toks[k].norm in ("and", "to", "الي", "حتي") and toks[k + 1].is_digit and len(toks[k + 1].norm) <= 2:
                k += 2
            # "السابع من الشهر الجاري", "the 5th of last month"
            rh = doc.match_phrases(self.v.reldates, k)
            if rh and self.v.reldates.get(rh[1])[0][0] == "month":
                return mk(rh[0], day=day, rel=("dayofmonth", self.v.reldates.get(rh[1])[0][1], "day"))
            mh = self._month_at(doc, k)
            if mh:
                end, month, series = mh
                end = self._after_month(doc, end, month)
                yh = self._year_at(doc, end)
                if series == "libyan" and yh is None:
                    return None  # Libyan month names are common words; only with a year
                if yh:
                    return mk(yh[0], year=yh[1], month=month, day=day)
                yr = self._year_rel_at(doc, end)
                if yr:
                    return mk(yr[0], month=month, day=day, rel=("yearof", yr[1], "day"))
                end, q = self._qualifier_at(doc, end)
                return mk(end, month=month, day=day, qualifier=q)

        # month day, year (English): "December 28, 2014", "April 4"
        mh = self._month_at(doc, i)
        if mh and not doc.arabic:
            end, month, _s = mh
            if end < n and toks[end].is_digit and len(toks[end].norm) <= 2 and 1 <= int(toks[end].norm) <= 31:
                d = int(toks[end].norm)
                if end + 1 < n and toks[end + 1].is_digit and len(toks[end + 1].norm) <= 2:
                    end += 1  # "June 11-12"
                yh = self._year_at(doc, end + 1)
                if yh:
                    return mk(yh[0], year=yh[1], month=month, day=d)
                return mk(end + 1, month=month, day=d)

        # [part] month [year] [الماضي]: "منتصف أيلول سبتمبر الماضي", "in August", "last August", "أبريل 2019"
        k = i
        part = None
        qual = 0
        cue = i > 0 and toks[i - 1].norm in MONTH_CUES
        for f in doc.forms(i):
            if f in PARTS:
                part, k, cue = PARTS[f], i + 1, True
                break
        if t.norm in ("last", "next", "this") and not doc.arabic:
            qual, k, cue = (-1 if t.norm == "last" else 1 if t.norm == "next" else 0), i + 1, True
        if k < n and toks[k].norm in ("شهر", "of"):
            k += 1
            cue = True
        mh = self._month_at(doc, k)
        if mh:
            end, month, series = mh
            end = self._after_month(doc, end, month)
            yh = self._year_at(doc, end)
            if yh:
                if series == "libyan" and not cue:
                    return None
                return mk(yh[0], year=yh[1], month=month, part=part)
            if cue and series != "libyan":
                end, q = self._qualifier_at(doc, end)
                return mk(end, month=month, part=part, qualifier=qual or q)
            return None

        # "أواخر 2016", "early 2012", "the summer of 2017", "ربيع 2019"
        k = i + 1 if t.norm == "the" else i
        season = SEASONS.get(toks[k].norm) if k < n else None
        part_y = None
        for f in (doc.forms(i) if season is None else ()):
            if f in PARTS:
                part_y = {5: 2, 15: 7, 25: 11}[PARTS[f]]
                break
        if season or part_y:
            k2 = k + 1
            if k2 < n and toks[k2].norm in ("of", "عام", "العام", "سنه"):
                k2 += 1
            yh = self._year_at(doc, k2)
            if yh:
                return mk(yh[0], year=yh[1], month=season or part_y, part=15, coarse=True)

        # years: "عام 2016", "in 2014", "the 2011 uprising"
        if t.is_digit and len(t.norm) == 4 and 1900 <= int(t.norm) <= 2035:
            nxt = toks[i + 1].norm if i + 1 < n else ""
            if nxt in self.v.units or nxt in ("شخص", "شخصا", "قتيل", "people", "troops", "fighters", "barrels"):
                return None
            start = i - 1 if i > 0 and toks[i - 1].norm in ("عام", "سنه", "العام") else i
            e = DateExpr(toks[start].start, t.end, start, i + 1, year=int(t.norm))
            return e
        return None

    def _ago(self, doc: Doc, i: int) -> DateExpr | None:
        toks = doc.tokens
        n = len(toks)
        # Arabic: قبل|منذ N unit  /  قبل يومين
        if toks[i].norm in ("قبل", "منذ") and i + 1 < n:
            k = i + 1
            num = 1
            if toks[k].is_digit:
                num, k = int(toks[k].norm), k + 1
            elif self.v.numbers.get(toks[k].norm) and toks[k].norm not in DURATION_UNITS:
                num, k = self.v.numbers.get(toks[k].norm)[0], k + 1
            if k < n and toks[k].norm in DURATION_UNITS:
                u = toks[k].norm
                if u in ("يومين", "اسبوعين", "شهرين"):
                    num = 2
                return DateExpr(toks[i].start, toks[k].end, i, k + 1, ago_days=num * DURATION_UNITS[u])
            return None
        # English: N unit ago, a week ago
        if doc.arabic:
            return None
        k = i
        num = None
        if toks[k].is_digit:
            num = int(toks[k].norm)
        else:
            v = self.v.numbers.get(toks[k].norm)
            if v:
                num = v[0]
        if num is None or k + 2 >= n:
            return None
        if toks[k + 1].norm in DURATION_UNITS and toks[k + 2].norm == "ago":
            return DateExpr(toks[i].start, toks[k + 2].end, i, k + 3, ago_days=num * DURATION_UNITS[toks[k + 1].norm])
        return None

    # -- reference ---------------------------------------------------------------------------------
    def reference(self, doc: Doc, exprs: list[DateExpr], published: str | None, url: str | None) -> Reference:
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
        """A full date opening a line near the top: "سبها، ليبيا، 12 يناير 2014 –", "22/07/2019",
        "Benghazi. 31 July 2015:" — but not a caption that ends with a date."""
        for e in exprs:
            if e.start > 400 or not e.full or e.day is None:
                continue
            line_start = doc.text.rfind("\n", 0, e.start) + 1
            if e.start - line_start <= 40:
                return _safe_date(e.year, e.month, e.day)  # type: ignore[arg-type]
        return None

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
            if e.weekday is not None and e.qualifier == 0:
                day = anchor + timedelta(days=(e.weekday - anchor.weekday()) % 7)
                off = e.rel[1] if e.rel and e.rel[0] == "day" else 0
                ref.today = day - timedelta(days=off)
                break
        return ref

    # -- resolving ---------------------------------------------------------------------------------
    def resolve(self, e: DateExpr, ref: Reference) -> Resolved | None:
        r = ref.day
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
        if e.rel is not None and e.rel[0] == "yearof" and e.month and e.day:
            base = ref.today or r
            d = _safe_date(base.year + e.rel[1], e.month, e.day)
            return Resolved(d, "day") if d else None
        if ref.basis == "inferred":
            return self._resolve_inferred(e, ref)
        if e.month is not None:
            return self._month_no_year(e, r)
        if e.ago_days is not None:
            return Resolved(r - timedelta(days=e.ago_days), "day" if e.ago_days < 7 else "week")
        if e.rel is not None:
            return self._rel(e.rel, r, e.weekday)
        if e.weekday is not None:
            return Resolved(self._weekday(r, e.weekday, e.qualifier), "day")
        return None

    @staticmethod
    def _weekday(r: date, wd: int, qualifier: int) -> date:
        if qualifier > 0:
            delta = (wd - r.weekday()) % 7 or 7
            return r + timedelta(days=delta)
        back = (r.weekday() - wd) % 7
        if qualifier < 0 and back == 0:
            back = 7
        return r - timedelta(days=back)

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
            return Resolved(d, "day")
        if e.qualifier > 0:
            if (y, e.month) <= (r.year, r.month):
                y += 1
        elif (y, e.month) > (r.year, r.month) or (e.qualifier < 0 and (y, e.month) == (r.year, r.month)):
            y -= 1
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
                return Resolved(ref.today - timedelta(days=e.ago_days), "day")
            return None
        if e.weekday is not None:  # the first such weekday on or after the anchor
            return Resolved(anchor + timedelta(days=(e.weekday - anchor.weekday()) % 7), "day")
        return None

    # -- per mention --------------------------------------------------------------------------------
    def for_sentences(self, doc: Doc, exprs: list[DateExpr], ref: Reference) -> dict[int, list[tuple[DateExpr, Resolved]]]:
        """Resolved expressions grouped by sentence index."""
        out: dict[int, list[tuple[DateExpr, Resolved]]] = {}
        for e in exprs:
            res = self.resolve(e, ref)
            if res is None or res.day is None:
                continue
            out.setdefault(doc.sentence_index(e.start), []).append((e, res))
        return out

    @staticmethod
    def pick(cands: list[tuple[DateExpr, Resolved]], start: int, end: int) -> tuple[DateExpr, Resolved] | None:
        """The expression nearest the mention; past or present before future. The start of a long
        period ("منذ عام 2014", "since 2011") does not date an event."""
        cands = [c for c in cands if not (c[0].since and c[1].precision in ("month", "year"))]
        if not cands:
            return None

        def key(c: tuple[DateExpr, Resolved]) -> tuple[int, int]:
            e = c[0]
            future = 1 if (e.qualifier > 0 or (e.rel and e.rel[1] > 0)) else 0
            dist = (start - e.end) if e.end <= start else (e.start - end)
            return future, max(0, dist)

        best = min(cands, key=key)
        if key(best)[1] > MAX_DISTANCE:
            return None  # a date far away in a long run-on sentence belongs to another clause
        return best
