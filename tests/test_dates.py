"""Dates: table-driven, Arabic and English side by side (dateparser's style of test).

Every sentence here is written for the tests; the expected dates are worked out by hand from a
calendar (the reference is Wednesday 10 March 2021 unless a test says otherwise).
"""

from __future__ import annotations

from datetime import date

import pytest
from conflictmap.extract.dates import DateResolver, Reference, date_from_url, parse_published
from conflictmap.extract.doc import Doc
from pytest import param

WED_10_MAR_2021 = date(2021, 3, 10)


@pytest.fixture(scope="module")
def resolver(index):
    return DateResolver(index.vocab)


def resolve_first(resolver, lang, text, ref=WED_10_MAR_2021, basis="published"):
    doc = Doc.from_text(text, lang)
    exprs = resolver.find(doc)
    assert exprs, f"no date expression found in {text!r}"
    res = resolver.resolve(exprs[0], Reference(ref, basis))
    return (res.day.isoformat(), res.precision) if res else None


def pick_for(resolver, lang, text, place, ref=WED_10_MAR_2021):
    """The date the expression picked for the mention ``place`` gives, or None (published)."""
    doc = Doc.from_text(text, lang)
    exprs = resolver.find(doc)
    cands = [(e, resolver.resolve(e, Reference(ref, "published"))) for e in exprs]
    cands = [c for c in cands if c[1] is not None]
    pos = text.index(place)
    got = DateResolver.pick(cands, pos, pos + len(place))
    return got[1].day.isoformat() if got else None


@pytest.mark.parametrize("lang,text,expected", [
    # relative days
    param("ar", "أكد مسؤول محلي اليوم الأربعاء أن الطريق مفتوح", ("2021-03-10", "day"), id="ar-today-weekday"),
    param("en", "a local official confirmed today that the road is open", ("2021-03-10", "day"), id="en-today"),
    param("ar", "أغلق المحتجون الميناء أمس الثلاثاء", ("2021-03-09", "day"), id="ar-yesterday-weekday"),
    param("en", "protesters closed the port yesterday", ("2021-03-09", "day"), id="en-yesterday"),
    param("ar", "انفجرت عبوة ناسفة أول أمس", ("2021-03-08", "day"), id="ar-day-before-yesterday"),
    param("ar", "داهمت الشرطة المخزن أول من أمس (الاثنين)", ("2021-03-08", "day"), id="ar-day-before-yesterday-paren"),
    param("en", "police raided the warehouse the day before yesterday", ("2021-03-08", "day"),
          id="en-day-before-yesterday"),
    param("ar", "وصلت التعزيزات فجر اليوم", ("2021-03-10", "day"), id="ar-dawn-today"),
    param("en", "reinforcements arrived this morning", ("2021-03-10", "day"), id="en-this-morning"),
    param("ar", "سمع دوي إطلاق نار ليلة أمس", ("2021-03-09", "day"), id="ar-last-night"),
    param("en", "gunfire was heard last night", ("2021-03-09", "day"), id="en-last-night"),
    param("ar", "سمع دوي إطلاق نار الليلة الماضية", ("2021-03-09", "day"), id="ar-the-past-night"),
    # weekdays
    param("ar", "هاجم مسلحون نقطة تفتيش يوم الأحد", ("2021-03-07", "day"), id="ar-on-sunday"),
    param("en", "gunmen attacked a checkpoint on Sunday", ("2021-03-07", "day"), id="en-on-sunday"),
    param("ar", "في الغارة التي نفذت الجمعة الماضي", ("2021-03-05", "day"), id="ar-last-friday"),
    param("en", "in the raid carried out last Friday", ("2021-03-05", "day"), id="en-last-friday"),
    param("ar", "ارتفعت حصيلة قصف مساء السبت", ("2021-03-06", "day"), id="ar-saturday-evening"),
    param("en", "the toll of Saturday's shelling rose", ("2021-03-06", "day"), id="en-saturday-possessive"),
    param("ar", "تنطلق المفاوضات الاثنين المقبل", ("2021-03-15", "day"), id="ar-next-monday"),
    param("en", "negotiations open next Monday", ("2021-03-15", "day"), id="en-next-monday"),
    # weeks, months, years relative to the publication date
    param("ar", "تجددت الاشتباكات الأسبوع الماضي", ("2021-03-03", "week"), id="ar-last-week"),
    param("en", "fighting resumed last week", ("2021-03-03", "week"), id="en-last-week"),
    param("ar", "قتل العشرات الشهر الماضي", ("2021-02-15", "month"), id="ar-last-month"),
    param("en", "dozens were killed last month", ("2021-02-15", "month"), id="en-last-month"),
    param("ar", "وقع الانفجار العام الماضي", ("2020-07-01", "year"), id="ar-last-year"),
    param("en", "the blast happened last year", ("2020-07-01", "year"), id="en-last-year"),
    param("en", "the well was sabotaged two weeks ago", ("2021-02-24", "week"), id="en-weeks-ago"),
    param("ar", "تعطلت المضخة قبل أربعة أيام", ("2021-03-06", "day"), id="ar-days-ago"),
    param("ar", "تعطلت المضخة منذ يومين", ("2021-03-08", "day"), id="ar-dual-ago"),
    # explicit dates in every month series
    param("ar", "في 18 نوفمبر 2020", ("2020-11-18", "day"), id="ar-gregorian"),
    param("ar", "في 3 آذار/ مارس", ("2021-03-03", "day"), id="ar-levantine-gregorian-no-year"),
    param("ar", "يوم 20 أغسطس/آب", ("2020-08-20", "day"), id="ar-double-month-past-year"),
    param("ar", "في 14 كانون الثاني (يناير)", ("2021-01-14", "day"), id="ar-levantine-paren"),
    param("ar", "الرابع عشر من فبراير/ شباط 2019", ("2019-02-14", "day"), id="ar-ordinal"),
    param("ar", "الثالث من النوار 2018", ("2018-02-03", "day"), id="ar-libyan-month"),
    param("ar", "يوم 7 التمور 2017", ("2017-10-07", "day"), id="ar-libyan-october"),
    param("ar", "في 9 أوت 2016", ("2016-08-09", "day"), id="ar-maghrebi"),
    param("ar", "١٢ مارس ٢٠٢٠", ("2020-03-12", "day"), id="ar-indic-digits"),
    param("ar", "03/11/2018", ("2018-11-03", "day"), id="numeric-dmy"),
    param("en", "on November 3, 2018", ("2018-11-03", "day"), id="en-month-day-year"),
    param("en", "on 3 November 2018", ("2018-11-03", "day"), id="en-day-month-year"),
    param("en", "on March 2", ("2021-03-02", "day"), id="en-month-day"),
    param("ar", "أواخر كانون الأول ديسمبر الماضي", ("2020-12-25", "week"), id="ar-late-last-december"),
    param("en", "in October", ("2020-10-15", "month"), id="en-in-october-past"),
    param("en", "last October", ("2020-10-15", "month"), id="en-last-october"),
    param("ar", "في 5 تموز / يوليو من العام الماضي", ("2020-07-05", "day"), id="ar-of-last-year"),
    param("ar", "يومي 3 و4 أيار/مايو 2019", ("2019-05-03", "day"), id="ar-day-range"),
    param("en", "on May 3-4, 2019", ("2019-05-03", "day"), id="en-day-range"),
    param("en", "from November 1 to 17 2019", ("2019-11-01", "day"), id="en-month-day-range-to"),
    param("ar", "في الثاني من الشهر الجاري", ("2021-03-02", "day"), id="ar-day-of-this-month"),
    param("ar", "في العاشر من الشهر الماضي", ("2021-02-10", "day"), id="ar-day-of-last-month"),
    # years, parts of years, seasons
    param("ar", "أغلق المعبر عام 2017", ("2017-07-01", "year"), id="ar-year"),
    param("en", "the crossing closed in 2017", ("2017-07-01", "year"), id="en-year"),
    param("ar", "تراجع الإنتاج في أواخر 2015", ("2015-11-15", "month"), id="ar-late-year"),
    param("en", "output fell in early 2013", ("2013-02-15", "month"), id="en-early-year"),
    param("en", "in the autumn of 2016", ("2016-10-15", "month"), id="en-season"),
    param("ar", "في خريف 2016", ("2016-10-15", "month"), id="ar-season"),
    param("en", "at the beginning of the year", ("2021-01-20", "month"), id="en-start-of-year"),
])
def test_expressions(resolver, lang, text, expected):
    assert resolve_first(resolver, lang, text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # Arabic weekdays qualified by "last"/"next" in every form, and their English counterparts
    param("ar", "قتل جنديان في كمين الجمعة الماضية", ("2021-03-05", "day"), id="ar-last-friday-feminine"),
    param("ar", "قتل مدنيون في قصف الجمعة الفائتة", ("2021-03-05", "day"), id="ar-past-friday-feminine"),
    param("ar", "أفرج عن المخطوفين السبت الفائت", ("2021-03-06", "day"), id="ar-past-saturday"),
    param("ar", "أعيد فتح السوق يوم الأحد المنصرم", ("2021-03-07", "day"), id="ar-bygone-sunday"),
    param("en", "the market reopened last Sunday", ("2021-03-07", "day"), id="en-last-sunday"),
    param("ar", "تستأنف الرحلات الجمعة المقبلة", ("2021-03-12", "day"), id="ar-next-friday-feminine"),
    param("ar", "يصل الوفد يوم الخميس القادم", ("2021-03-11", "day"), id="ar-coming-thursday"),
    param("en", "flights resume next Friday", ("2021-03-12", "day"), id="en-next-friday"),
    param("ar", "أغلقت المدارس الأحد قبل الماضي", ("2021-02-28", "day"), id="ar-sunday-before-last"),
    param("en", "schools closed on the Sunday before last", ("2021-02-28", "day"), id="en-sunday-before-last"),
    # a weekday of a named week: Sunday starts the Arabic week, Monday the English one
    param("ar", "اندلعت المواجهات الخميس من الأسبوع الماضي", ("2021-03-04", "day"), id="ar-thursday-of-last-week"),
    param("en", "fighting erupted on Thursday last week", ("2021-03-04", "day"), id="en-thursday-last-week"),
    param("ar", "تجتمع اللجنة الثلاثاء من الأسبوع المقبل", ("2021-03-16", "day"), id="ar-tuesday-of-next-week"),
    param("en", "the committee meets on Tuesday of next week", ("2021-03-16", "day"), id="en-tuesday-of-next-week"),
    # relative weeks, months and years in their other Arabic forms
    param("ar", "ارتفعت الأسعار الأسبوع الفائت", ("2021-03-03", "week"), id="ar-past-week"),
    param("ar", "تضررت المحاصيل السنة الفائتة", ("2020-07-01", "year"), id="ar-past-year-feminine"),
    param("ar", "نزح آلاف خلال الأيام القليلة الماضية", ("2021-03-08", "week"), id="ar-past-few-days"),
    param("en", "thousands were displaced over the past few days", ("2021-03-08", "week"), id="en-past-few-days"),
    param("ar", "جفت البئر العام قبل الماضي", ("2019-07-01", "year"), id="ar-year-before-last"),
    param("en", "the well dried up the year before last", ("2019-07-01", "year"), id="en-year-before-last"),
    param("ar", "بدأ الحصار في أكتوبر قبل الماضي", ("2019-10-15", "month"), id="ar-october-before-last"),
    # a named event whose name holds a day and a month has its own date
    param("ar", "شارك أبناء المدينة في ثورة 17 فبراير", ("2011-02-17", "month"), id="ar-named-revolution"),
    param("en", "residents took part in the February 17 revolution", ("2011-02-17", "month"), id="en-named-revolution"),
])
def test_qualified_and_named(resolver, lang, text, expected):
    assert resolve_first(resolver, lang, text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a weekday with its date: the date
    param("ar", "قصفت المدينة يوم الخميس الموافق 12 مارس 2020", ("2020-03-12", "day"), id="ar-weekday-with-date"),
    param("en", "the town was shelled on Thursday, March 12, 2020", ("2020-03-12", "day"), id="en-weekday-with-date"),
    param("ar", "أغلق الطريق الأحد (7 مارس)", ("2021-03-07", "day"), id="ar-weekday-paren-date"),
    param("en", "the road was closed on Sunday, 7 March", ("2021-03-07", "day"), id="en-weekday-comma-date"),
    # "about N units ago", and a plural without a number: a few, loosely
    param("ar", "وصل الوفد قبل نحو أسبوعين", ("2021-02-24", "week"), id="ar-about-two-weeks-ago"),
    param("en", "the delegation arrived about two weeks ago", ("2021-02-24", "week"), id="en-about-two-weeks-ago"),
    param("ar", "نزح السكان قبل أيام", ("2021-03-07", "week"), id="ar-days-ago"),
    param("en", "residents fled days ago", ("2021-03-07", "week"), id="en-days-ago"),
    # the era letter joined to the year, English ordinal endings
    param("ar", "أغلق المعبر في عام 2019م", ("2019-07-01", "year"), id="ar-year-era-joined"),
    param("en", "the crossing was closed in the year 2019", ("2019-07-01", "year"), id="en-the-year"),
    param("ar", "وقعت الغارة في الخامس من الشهر الماضي", ("2021-02-05", "day"), id="ar-fifth-of-last-month"),
    param("en", "the raid took place on the 5th of last month", ("2021-02-05", "day"), id="en-5th-of-last-month"),
    param("ar", "وقعت الغارة في 2 مارس", ("2021-03-02", "day"), id="ar-day-month"),
    param("en", "the raid took place on March 2nd", ("2021-03-02", "day"), id="en-month-ordinal-day"),
])
def test_more_forms(resolver, lang, text, expected):
    assert resolve_first(resolver, lang, text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a day and month without a year take the year of the full date in their sentence
    param("ar", "قتل عشرة في هجومين في 5 مارس 2019 ثم في 7 مارس", ["2019-03-05", "2019-03-07"], id="ar-shared-year"),
    param("en", "attacks on 5 March 2019 and again on 7 March killed ten", ["2019-03-05", "2019-03-07"],
          id="en-shared-year"),
    param("ar", "أغلق الطريق بين 28 ديسمبر و3 يناير 2020", ["2019-12-28", "2020-01-03"], id="ar-across-new-year"),
    param("en", "the road was closed between 28 December and 3 January 2020", ["2019-12-28", "2020-01-03"],
          id="en-across-new-year"),
    # not across sentences
    param("en", "The attack came on 5 March 2019. A second one followed on 7 March.", ["2019-03-05", "2021-03-07"],
          id="en-not-across-sentences"),
])
def test_shared_year(resolver, lang, text, expected):
    doc = Doc.from_text(text, lang)
    ref = Reference(WED_10_MAR_2021, "published")
    assert [resolver.resolve(e, ref).day.isoformat() for e in resolver.find(doc)] == expected


@pytest.mark.parametrize("lang,text,expected", [
    # on a Friday, "Friday" is today, "last Friday" a week ago and "next Friday" a week ahead
    param("ar", "أقيمت الصلاة في الساحة يوم الجمعة", "2021-03-12", id="ar-friday-today"),
    param("en", "prayers were held in the square on Friday", "2021-03-12", id="en-friday-today"),
    param("ar", "أقيمت الصلاة في الساحة الجمعة الماضية", "2021-03-05", id="ar-last-friday-feminine"),
    param("ar", "أقيمت الصلاة في الساحة الجمعة الفائتة", "2021-03-05", id="ar-past-friday-feminine"),
    param("ar", "أقيمت الصلاة في الساحة الجمعة السابقة", "2021-03-05", id="ar-previous-friday-feminine"),
    param("en", "prayers were held in the square last Friday", "2021-03-05", id="en-last-friday"),
    param("ar", "ستقام الصلاة في الساحة الجمعة المقبلة", "2021-03-19", id="ar-next-friday-feminine"),
    param("ar", "ستقام الصلاة في الساحة الجمعة القادمة", "2021-03-19", id="ar-coming-friday-feminine"),
    param("en", "prayers will be held in the square next Friday", "2021-03-19", id="en-next-friday"),
])
def test_qualified_weekday_on_that_weekday(resolver, lang, text, expected):
    assert resolve_first(resolver, lang, text, ref=date(2021, 3, 12)) == (expected, "day")


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
    param("ar", "سقط النظام بعد ثورة 17 فبراير", "named_event", "ثورة 17 فبراير", id="ar-named-event"),
    param("en", "the regime fell after the 17 February revolution", "named_event", "17 February revolution",
          id="en-named-event"),
])
def test_sub_parser_families(resolver, lang, text, kind, surface):
    """Each family of date expression is read by its own sub-parser, over the span it says."""
    doc = Doc.from_text(text, lang)
    (e,) = resolver.find(doc)
    assert (e.kind, doc.text[e.start:e.end]) == (kind, surface)


@pytest.mark.parametrize("lang,text,surface,expected", [
    # these words end in a hamza, which the normaliser drops: as literals in rule code they
    # never matched the text; from the vocab files they do
    param("ar", "سقطت قذائف مساء الخميس", "مساء الخميس", ("2021-03-04", "day"), id="ar-evening-weekday"),
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
    res = resolver.resolve(e, Reference(WED_10_MAR_2021, "published"))
    assert (res.day.isoformat(), res.precision) == expected


@pytest.mark.parametrize("lang,text", [
    param("ar", "تقدمت القوات على محور الطير", id="ar-libyan-month-word-alone"),
    param("en", "the convoy may stop at the border", id="en-may-modal"),
    param("ar", "مارس الوزير ضغوطا على البلدية", id="ar-march-verb"),
    param("en", "a 1500 km pipeline", id="en-number-not-year"),
    param("ar", "على بعد 1500 كلم", id="ar-number-not-year"),
    param("en", "2000 troops were sent north", id="en-count-not-year"),
    # a day and a month inside a name are no date of the report's year
    param("ar", "تظاهر أنصار حركة 5 يونيو أمام البرلمان", id="ar-movement-name"),
    param("en", "supporters of the Movement of June 5 marched on parliament", id="en-movement-name"),
    param("ar", "انسحبت كتيبة شهداء 17 فبراير من المعسكر", id="ar-brigade-name"),
    param("en", "the 17 February Brigade withdrew from the camp", id="en-brigade-name"),
])
def test_not_dates(resolver, lang, text):
    assert resolver.find(Doc.from_text(text, lang)) == []


@pytest.mark.parametrize("lang,text,place,expected", [
    # "since <year>": the start of a state of affairs dates no event around it ...
    param("ar", "تعاني سبها من انقطاع الكهرباء منذ عام 2016", "سبها", None, id="ar-since-year"),
    param("en", "Sabha has suffered power cuts since 2016", "Sabha", None, id="en-since-year"),
    param("ar", "تعيش درنة حالة من الجمود منذ 2011", "درنة", None, id="ar-since-bare-year"),
    param("en", "Derna has been at a standstill since the 2011 uprising", "Derna", None, id="en-since-the-year"),
    param("ar", "يعاني سكان غات من العزلة منذ سقوط النظام في 2011", "غات", None, id="ar-since-event-in-year"),
    param("en", "Ghat has been cut off since the fall of the regime in 2011", "Ghat", None,
          id="en-since-event-in-year"),
    # ... but another date in the sentence still dates its event
    param("ar", "تعاني المدينة من الفوضى منذ عام 2016 وقصفت مصراتة أمس", "مصراتة", "2021-03-09",
          id="ar-since-then-yesterday"),
    param("en", "the city has been in chaos since 2016, and Misrata was shelled yesterday", "Misrata",
          "2021-03-09", id="en-since-then-yesterday"),
    # the event inside the since-clause takes its own year
    param("ar", "انقسمت طرابلس منذ هجوم 2014 على بنغازي", "بنغازي", "2014-07-01", id="ar-since-clause-place"),
    param("ar", "انقسمت طرابلس منذ هجوم 2014 على بنغازي", "طرابلس", None, id="ar-since-clause-outside"),
    param("en", "Tripoli has been divided since the 2014 attack on Benghazi", "Benghazi", "2014-07-01",
          id="en-since-clause-place"),
    param("en", "Tripoli has been divided since the 2014 attack on Benghazi", "Tripoli", None,
          id="en-since-clause-outside"),
    # a background event's own date: the place in that clause takes that year
    param("ar", "دمرت المدرسة خلال حرب 2019 على طرابلس", "طرابلس", "2019-07-01", id="ar-war-of-year"),
    param("en", "the school was destroyed in the 2019 attack on Tripoli", "Tripoli", "2019-07-01",
          id="en-attack-of-year"),
    param("ar", "شارك أهالي الزاوية في ثورة 17 فبراير", "الزاوية", "2011-02-17", id="ar-revolution-name"),
    param("en", "people from Zawiya joined the 2011 revolution", "Zawiya", "2011-07-01", id="en-revolution-year"),
    # a year alone names a period; a day told in the same part of the sentence dates the event
    param("en", "Misrata: a mine left over from the 2019 war went off under a lorry on Tuesday", "Misrata",
          "2021-03-09", id="en-year-names-a-period-the-day-dates"),
    param("ar", "مصراتة: انفجر لغم من مخلفات حرب 2019 تحت شاحنة يوم الثلاثاء", "مصراتة", "2021-03-09",
          id="ar-year-names-a-period-the-day-dates"),
])
def test_pick(resolver, lang, text, place, expected):
    assert pick_for(resolver, lang, text, place) == expected


@pytest.mark.parametrize("lang,text,place,expected", [
    # a year in a relative clause after the place tells that clause's own (earlier) event, not the place's
    param("ar", "استمر إطلاق النار يومين في حي الهضبة قرب المصنع القديم الذي احترق في حريق كبير عام 2017",
          "الهضبة", None, id="ar-relative-clause-year-not-the-place"),
    param("en", "Gunfire went on for two days in the Hadba district, near the old factory which burned down in a "
                "big fire in 2017", "Hadba", None, id="en-relative-clause-year-not-the-place"),
    param("ar", "اندلعت اشتباكات في غريان التي سيطرت عليها القوات في أبريل 2019", "غريان", None,
          id="ar-relative-clause-month-year"),
    param("en", "Clashes broke out in Gharyan, which the forces took in April 2019", "Gharyan", None,
          id="en-relative-clause-month-year"),
    # a place inside the relative clause takes its year
    param("ar", "زار الوفد المطار الذي دمر في قصف على طرابلس عام 2019", "طرابلس", "2019-07-01",
          id="ar-place-inside-the-relative-clause"),
    param("en", "The delegation visited the airport, which was destroyed in shelling on Tripoli in 2019", "Tripoli",
          "2019-07-01", id="en-place-inside-the-relative-clause"),
    # a date without a relative pronoun, or a weekday in the clause, still dates the place
    param("ar", "دمرت الاشتباكات مطار غريان عام 2019", "غريان", "2019-07-01", id="ar-year-no-relative"),
    param("en", "Clashes destroyed the airport of Gharyan in 2019", "Gharyan", "2019-07-01", id="en-year-no-relative"),
    param("en", "Clashes broke out in Gharyan, which was shelled on Monday", "Gharyan", "2021-03-08",
          id="en-relative-clause-weekday-still-dates"),
])
def test_pick_relative_clause(resolver, lang, text, place, expected):
    assert pick_for(resolver, lang, text, place) == expected


# about 170 characters between the date and the place, in one clause or across a semicolon
_FAR_EN = ("The 9th Brigade and several allied units launched the offensive last October in an attempt to break the "
           "hold of rival groups over the roads, the fuel depots, the bus stations and the markets{sep} mostly "
           "in the old quarter of the capital")
_FAR_AR = ("أطلقت الكتيبة التاسعة وعدة وحدات متحالفة معها الهجوم في أكتوبر الماضي في محاولة لكسر سيطرة المجموعات "
           "المنافسة على الطرق والأسواق ومحطات الوقود ومواقف الحافلات والمعابر والمخازن والأحياء في الحي القديم "
           "من العاصمة")


@pytest.mark.parametrize("lang,text,place,expected", [
    # an English sentence is usually one event: a date far from the place still dates it ...
    param("en", _FAR_EN.format(sep=","), "the capital", "2020-10-15", id="en-far-same-clause"),
    # ... but not across a semicolon
    param("en", _FAR_EN.format(sep=";"), "the capital", None, id="en-far-across-semicolon"),
    # an Arabic sentence often runs a paragraph of clauses: a far date belongs to another one
    param("ar", _FAR_AR, "العاصمة", None, id="ar-far"),
])
def test_pick_distance(resolver, lang, text, place, expected):
    assert 140 < abs(text.index(place) - text.index("ober" if lang == "en" else "أكتوبر")) < 250
    assert pick_for(resolver, lang, text, place) == expected


def test_reference_chain(resolver):
    doc = Doc.from_text("مصراتة، ليبيا، 4 مارس 2015، وكالة محلية –\nأغلق المحتجون الطريق أمس.", "ar")
    ex = resolver.find(doc)
    assert resolver.reference(doc, ex, "2015-03-05", None) == Reference(date(2015, 3, 5), "published")
    assert resolver.reference(doc, ex, None, None) == Reference(date(2015, 3, 4), "dateline")
    doc2 = Doc.from_text("أغلق المحتجون الطريق أمس في سبها.", "ar")
    assert resolver.reference(doc2, [], None, "https://news.example.org/world/2020/11/3/slug").basis == "url"
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
    # no metadata: the caption's date (a Sunday) anchors "today Monday" and "yesterday Sunday"
    text = ("عناصر الدفاع المدني في موقع الانفجار بمدينة درنة، 9 سبتمبر 2018\n"
            "قال مسؤولون اليوم الاثنين إن فرق الإنقاذ انتشلت جثتين بعد الانفجار أمس الأحد.")
    doc = Doc.from_text(text, "ar")
    ex = resolver.find(doc)
    ref = resolver.reference(doc, ex, None, None)
    assert ref.basis == "inferred" and ref.today == date(2018, 9, 10)
    got = [resolver.resolve(e, ref).day.isoformat() for e in ex]
    assert got == ["2018-09-09", "2018-09-10", "2018-09-09"]


@pytest.mark.parametrize("url,expected", [
    ("https://news.example.org/politics/2020/11/3/some-slug", date(2020, 11, 3)),
    ("http://www.example.com/arabic/world/2016/02/160214_slug", date(2016, 2, 14)),
    ("https://www.example.net/en/20210522-sahel-slug", date(2021, 5, 22)),
    ("https://paper.example.ae/world/2018-10-02-1.234567", date(2018, 10, 2)),
    ("https://site.example.ly/2017/09/30/slug/", date(2017, 9, 30)),
    ("https://archive.example.com/paper/20351673", None),
])
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize("value,expected", [
    ("2020-11-03", "2020-11-03"), ("2020-11-03T08:30:00Z", "2020-11-03"),
    ("Tue, 03 Nov 2020 08:30:00 GMT", "2020-11-03"), ("3 نوفمبر 2020", "2020-11-03"), ("not a date", None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected
