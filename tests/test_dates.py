"""Dates: table-driven, Arabic and English side by side (dateparser's style of test)."""

from __future__ import annotations

from datetime import date

import pytest
from conflictmap.extract.dates import DateResolver, Reference, date_from_url, parse_published
from conflictmap.extract.doc import Doc
from pytest import param

SUN_7_APR_2019 = date(2019, 4, 7)  # a Sunday, three days into the offensive on Tripoli


@pytest.fixture(scope="module")
def resolver(index):
    return DateResolver(index.vocab)


def resolve_first(resolver, lang, text, ref=SUN_7_APR_2019, basis="published"):
    doc = Doc.from_text(text, lang)
    exprs = resolver.find(doc)
    assert exprs, f"no date expression found in {text!r}"
    res = resolver.resolve(exprs[0], Reference(ref, basis))
    return (res.day.isoformat(), res.precision) if res else None


@pytest.mark.parametrize("lang,text,expected", [
    # relative days
    param("ar", "قالت المصادر اليوم الأحد", ("2019-04-07", "day"), id="ar-today-weekday"),
    param("en", "officials said today", ("2019-04-07", "day"), id="en-today"),
    param("ar", "وقعت الاشتباكات أمس السبت", ("2019-04-06", "day"), id="ar-yesterday-weekday"),
    param("en", "clashes erupted yesterday", ("2019-04-06", "day"), id="en-yesterday"),
    param("ar", "قصفت المدينة أول أمس", ("2019-04-05", "day"), id="ar-day-before-yesterday"),
    param("ar", "هجوم شن أول من أمس (الجمعة)", ("2019-04-05", "day"), id="ar-day-before-yesterday-paren"),
    param("en", "the day before yesterday", ("2019-04-05", "day"), id="en-day-before-yesterday"),
    param("ar", "أعلن الجيش صباح اليوم", ("2019-04-07", "day"), id="ar-this-morning"),
    param("en", "the army said this morning", ("2019-04-07", "day"), id="en-this-morning"),
    param("ar", "سمعت انفجارات ليلة أمس", ("2019-04-06", "day"), id="ar-last-night"),
    param("en", "explosions were heard last night", ("2019-04-06", "day"), id="en-last-night"),
    # weekdays
    param("ar", "اندلعت المواجهات يوم السبت", ("2019-04-06", "day"), id="ar-on-saturday"),
    param("en", "fighting broke out on Saturday", ("2019-04-06", "day"), id="en-on-saturday"),
    param("ar", "في هجوم السبت الماضي", ("2019-04-06", "day"), id="ar-last-saturday"),
    param("en", "in an attack last Saturday", ("2019-04-06", "day"), id="en-last-saturday"),
    param("ar", "سقطت قذائف مساء الخميس", ("2019-04-04", "day"), id="ar-thursday-evening"),
    param("en", "shells fell on Thursday", ("2019-04-04", "day"), id="en-thursday"),
    param("ar", "تبدأ المحادثات الأحد المقبل", ("2019-04-14", "day"), id="ar-next-sunday"),
    param("en", "talks start next Sunday", ("2019-04-14", "day"), id="en-next-sunday"),
    # weeks, months, years relative to the publication date
    param("ar", "تجددت الاشتباكات الأسبوع الماضي", ("2019-03-31", "week"), id="ar-last-week"),
    param("en", "fighting resumed last week", ("2019-03-31", "week"), id="en-last-week"),
    param("ar", "قتل العشرات الشهر الماضي", ("2019-03-15", "month"), id="ar-last-month"),
    param("en", "dozens were killed last month", ("2019-03-15", "month"), id="en-last-month"),
    param("ar", "وقع الهجوم العام الماضي", ("2018-07-01", "year"), id="ar-last-year"),
    param("en", "the attack happened last year", ("2018-07-01", "year"), id="en-last-year"),
    param("en", "three weeks ago", ("2019-03-17", "week"), id="en-weeks-ago"),
    param("ar", "قبل ثلاثة أيام", ("2019-04-04", "day"), id="ar-days-ago"),
    # explicit dates in every month series
    param("ar", "في 4 أبريل 2019", ("2019-04-04", "day"), id="ar-gregorian"),
    param("ar", "في 4 نيسان/ أبريل", ("2019-04-04", "day"), id="ar-levantine-gregorian-no-year"),
    param("ar", "يوم 13 يوليو/تموز", ("2018-07-13", "day"), id="ar-double-month-past-year"),
    param("ar", "في 22 شباط (فبراير)", ("2019-02-22", "day"), id="ar-levantine-paren"),
    param("ar", "السادس من يناير/ كانون الثاني 2020", ("2020-01-06", "day"), id="ar-ordinal"),
    param("ar", "الخامس من الطير 2019", ("2019-04-05", "day"), id="ar-libyan-month"),
    param("ar", "يوم 12 الفاتح 2018", ("2018-09-12", "day"), id="ar-libyan-september"),
    param("ar", "في 3 جويلية 2016", ("2016-07-03", "day"), id="ar-maghrebi"),
    param("ar", "٦ يناير ٢٠٢٠", ("2020-01-06", "day"), id="ar-indic-digits"),
    param("ar", "22/07/2019", ("2019-07-22", "day"), id="numeric-dmy"),
    param("en", "on December 28, 2014", ("2014-12-28", "day"), id="en-month-day-year"),
    param("en", "on 31 July 2015", ("2015-07-31", "day"), id="en-day-month-year"),
    param("en", "on April 4", ("2019-04-04", "day"), id="en-month-day"),
    param("ar", "منتصف أيلول سبتمبر الماضي", ("2018-09-15", "week"), id="ar-mid-last-september"),
    param("en", "in August", ("2018-08-15", "month"), id="en-in-august-past"),
    param("en", "last August", ("2018-08-15", "month"), id="en-last-august"),
    param("ar", "في 12 شباط / فبراير من العام الماضي", ("2018-02-12", "day"), id="ar-of-last-year"),
    param("ar", "يومي 11 و12 حزيران/يونيو 2022", ("2022-06-11", "day"), id="ar-day-range"),
    param("en", "on June 11-12, 2022", ("2022-06-11", "day"), id="en-day-range"),
    param("ar", "في السابع من الشهر الجاري", ("2019-04-07", "day"), id="ar-day-of-this-month"),
    param("ar", "في الخامس من الشهر الماضي", ("2019-03-05", "day"), id="ar-day-of-last-month"),
    # years
    param("ar", "مقتل جنود في حادث عام 2016", ("2016-07-01", "year"), id="ar-year"),
    param("en", "clashes in 2014", ("2014-07-01", "year"), id="en-year"),
    param("ar", "ضربات جوية في أواخر 2016", ("2016-11-15", "month"), id="ar-late-year"),
    param("en", "in early 2012", ("2012-02-15", "month"), id="en-early-year"),
    param("en", "In the summer of 2017", ("2017-07-15", "month"), id="en-season"),
    param("ar", "في ربيع 2019", ("2019-04-15", "month"), id="ar-season"),
    param("en", "at the start of this year", ("2019-01-20", "month"), id="en-start-of-year"),
])
def test_expressions(resolver, lang, text, expected):
    assert resolve_first(resolver, lang, text) == expected


@pytest.mark.parametrize("lang,text,kind,surface", [
    param("ar", "أعلن المتحدث أمس الأربعاء", "relative", "أمس الأربعاء", id="ar-relative"),
    param("en", "the spokesman said yesterday", "relative", "yesterday", id="en-relative"),
    param("ar", "وصلت القافلة قبل خمسة أيام", "ago", "قبل خمسة أيام", id="ar-ago"),
    param("en", "the convoy arrived five days ago", "ago", "five days ago", id="en-ago"),
    param("ar", "أغلق الطريق يوم الثلاثاء", "weekday", "يوم الثلاثاء", id="ar-weekday"),
    param("en", "the road was closed on Tuesday", "weekday", "on Tuesday", id="en-weekday"),
    param("ar", "افتتح المعبر في 9 مارس 2021", "day_month", "9 مارس 2021", id="ar-day-month"),
    param("en", "the crossing opened on 9 March 2021", "day_month", "9 March 2021", id="en-day-month"),
    param("en", "the crossing opened on March 9, 2021", "month_day", "March 9, 2021", id="en-month-day"),
    param("ar", "توقف الإنتاج في أواخر أكتوبر الماضي", "month", "أواخر أكتوبر الماضي", id="ar-month"),
    param("en", "production stopped in late October", "month", "late October", id="en-month"),
    param("ar", "جفت الآبار في صيف 2018", "part_of_year", "صيف 2018", id="ar-season"),
    param("en", "the wells ran dry in the summer of 2018", "part_of_year", "the summer of 2018", id="en-season"),
    param("ar", "بني السد عام 1998", "year", "عام 1998", id="ar-year"),
    param("en", "the dam was built in 1998", "year", "1998", id="en-year"),
    param("ar", "صدر القرار بتاريخ 03/05/2020", "numeric", "03/05/2020", id="numeric"),
])
def test_sub_parser_families(resolver, lang, text, kind, surface):
    """Each family of date expression is read by its own sub-parser, over the span it says."""
    doc = Doc.from_text(text, lang)
    (e,) = resolver.find(doc)
    assert (e.kind, doc.text[e.start:e.end]) == (kind, surface)


@pytest.mark.parametrize("lang,text,surface,expected", [
    # these words end in a hamza, which the normaliser drops: as literals in rule code they
    # never matched the text; from the vocab files they do
    param("ar", "سقطت قذائف مساء الخميس", "مساء الخميس", ("2019-04-04", "day"), id="ar-evening-weekday"),
    param("ar", "توقفت الرحلات في شتاء 2017", "شتاء 2017", ("2017-01-15", "month"), id="ar-winter-year"),
    param("ar", "توقفت الرحلات في الشتاء من عام 2017", "الشتاء من عام 2017", ("2017-01-15", "month"),
          id="ar-the-winter-of-year"),
    param("en", "flights stopped in the winter of 2017", "the winter of 2017", ("2017-01-15", "month"),
          id="en-winter-year"),
])
def test_final_hamza_words_match(resolver, lang, text, surface, expected):
    doc = Doc.from_text(text, lang)
    (e,) = resolver.find(doc)
    assert doc.text[e.start:e.end] == surface
    res = resolver.resolve(e, Reference(SUN_7_APR_2019, "published"))
    assert (res.day.isoformat(), res.precision) == expected


@pytest.mark.parametrize("lang,text", [
    param("ar", "قصف على محور الربيع", id="ar-libyan-month-word-alone"),
    param("en", "the militias may retreat", id="en-may-modal"),
    param("ar", "مارس الضغط على الحكومة", id="ar-march-verb"),
    param("en", "a 2000 km border", id="en-number-not-year"),
    param("ar", "على بعد 2000 كلم", id="ar-number-not-year"),
])
def test_not_dates(resolver, lang, text):
    assert DateResolver.find(resolver, Doc.from_text(text, lang)) == []


def test_since_does_not_date_an_event(resolver):
    doc = Doc.from_text("تشهد البلاد فوضى منذ عام 2014 وقصفت طرابلس أمس", "ar")
    ex = resolver.find(doc)
    ref = Reference(SUN_7_APR_2019, "published")
    cands = [(e, resolver.resolve(e, ref)) for e in ex]
    pos = doc.text.index("طرابلس")
    assert DateResolver.pick(cands, pos, pos + 6)[1].day == date(2019, 4, 6)
    assert DateResolver.pick([c for c in cands if c[0].since], 0, 5) is None


def test_reference_chain(resolver):
    doc = Doc.from_text("سبها، ليبيا، 12 يناير 2014، أخبار الآن –\nاندلعت المواجهات أمس.", "ar")
    ex = resolver.find(doc)
    assert resolver.reference(doc, ex, "2014-01-13", None) == Reference(date(2014, 1, 13), "published")
    assert resolver.reference(doc, ex, None, None) == Reference(date(2014, 1, 12), "dateline")
    doc2 = Doc.from_text("اندلعت المواجهات أمس في طرابلس.", "ar")
    assert resolver.reference(doc2, [], None, "https://www.aljazeera.net/news/2019/6/26/x").basis == "url"
    assert resolver.reference(doc2, [], None, "https://example.org/a").basis == "none"


def test_dateline_date_is_the_one_in_the_marked_dateline(resolver):
    # the pipeline marks the dateline's tokens (doc.dateline); its date is the article's date even
    # when a caption with another full date opens a line before it
    text = "صورة من الأرشيف، 2 مارس 2015\nمصراتة، ليبيا، الثلاثاء 10 مارس 2015 – قال مسؤولون أمس إن الطريق أغلق."
    doc = Doc.from_text(text, "ar")
    ex = resolver.find(doc)
    assert resolver.dateline(doc, ex) == date(2015, 3, 2)  # nothing marked: the first line-opening date
    first = next(k for k, t in enumerate(doc.tokens) if t.text == "مصراتة")
    last = next(k for k, t in enumerate(doc.tokens) if t.text == "قال")
    doc.dateline[first:last] = [True] * (last - first)
    assert resolver.dateline(doc, ex) == date(2015, 3, 10)


def test_inferred_reference_from_the_latest_stated_date(resolver):
    # no metadata: the caption's date anchors "today Thursday" and "yesterday Wednesday"
    text = ("مركز إيواء المهاجرين في تاجوراء بعد تعرضه للقصف، 3 يوليو 2019\n"
            "قالت الأمم المتحدة اليوم الخميس إن حراسا أطلقوا النار أثناء القصف أمس الأربعاء.")
    doc = Doc.from_text(text, "ar")
    ex = resolver.find(doc)
    ref = resolver.reference(doc, ex, None, None)
    assert ref.basis == "inferred" and ref.today == date(2019, 7, 4)
    got = [resolver.resolve(e, ref).day.isoformat() for e in ex]
    assert got == ["2019-07-03", "2019-07-04", "2019-07-03"]


@pytest.mark.parametrize("url,expected", [
    ("https://www.aljazeera.net/news/politics/2019/6/26/slug", date(2019, 6, 26)),
    ("http://www.bbc.com/arabic/middleeast/2015/08/150828_un_refugees", date(2015, 8, 28)),
    ("https://www.france24.com/en/20190317-mali-army", date(2019, 3, 17)),
    ("https://www.albayan.ae/world/arab/2021-04-18-1.4144321", date(2021, 4, 18)),
    ("https://libyaschannel.com/2015/07/19/slug/", date(2015, 7, 19)),
    ("https://sauress.com/alhayat/20351673", None),
])
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize("value,expected", [
    ("2019-07-22", "2019-07-22"), ("2019-07-22T10:00:00Z", "2019-07-22"),
    ("Mon, 22 Jul 2019 10:00:00 GMT", "2019-07-22"), ("22 يوليو 2019", "2019-07-22"), ("not a date", None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected
