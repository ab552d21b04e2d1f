"""Round places16: the leftovers of the own places batches, fixed by mechanism.

Every sentence here is written for this file (our own words), Arabic and English side by side.
The real index is used (curated rows, vocabulary), as in the last tables of test_places.py.
"""

from __future__ import annotations

import pytest
from conflictmap.extract.model import Article
from pytest import param


def events(ex, text: str, lang: str):
    return ex.extract(Article(id="t", text=text, language=lang, published="2026-05-01"))


def place_ids(ex, text: str, lang: str) -> set[str]:
    return {e.place_id for e in events(ex, text, lang)}


# -- curated rows an analyst adds (public coordinates, see the rows' notes) ---------------------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    param("en", "Fighters in canoes raided a fishing camp near Ngouboua before dawn.", "td.ngouboua", id="en-ngouboua"),
    param("ar", "هاجم مسلحون مخيما للصيادين قرب انغوبوا فجر الأحد.", "td.ngouboua", id="ar-ngouboua"),
    param("en", "The cargo boat never reached the port of Kabara, which serves Timbuktu.", "ml.site.kabara-port",
          id="en-kabara-port"),
    param("ar", "غرق قارب قبل وصوله إلى ميناء كابارا قرب تمبكتو.", "ml.site.kabara-port", id="ar-kabara-port"),
    param("en", "Buses carried the new arrivals to the Farchana camp.", "td.site.farchana-camp", id="en-farchana-camp"),
    param("ar", "نقلت الحافلات الوافدين الجدد إلى مخيم فرشنا.", "td.site.farchana-camp", id="ar-farchana-camp"),
    param("en", "Armed men shut the Wafa gas field on Sunday, the oil corporation said.", "ly.site.wafa-field",
          id="en-wafa-field"),
    param("ar", "أغلق مسلحون حقل الوفاء للغاز يوم الأحد.", "ly.site.wafa-field", id="ar-wafa-field"),
    param("en", "A rocket fell on a farm in al-Karareem, south of Misrata.", "ly.misrata.karareem", id="en-karareem"),
    param("ar", "سقط صاروخ على مزرعة في الكراريم جنوب مصراتة.", "ly.misrata.karareem", id="ar-karareem"),
    param("en", "More families reached the Dar es Salam camp near Baga Sola this week.", "td.site.dar-es-salam-camp",
          id="en-dar-es-salam-camp"),
    param("ar", "وصلت عائلات جديدة إلى مخيم دار السلام قرب باغا سولا.", "td.site.dar-es-salam-camp",
          id="ar-dar-es-salam-camp"),
])
def test_new_curated_rows(extractor, lang, text, expected):
    assert expected in place_ids(extractor, text, lang)


# -- the place of a speaker is a place mention: "officials in Mao said" --------------------------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    param("en", "Officials in Mao said herders had moved their cattle north.", "td.mao", id="en-officials-in"),
    param("en", "Residents of Mao said the market reopened on Friday.", "td.mao", id="en-residents-of"),
    param("ar", "وقال مسؤولون في ماو إن الرعاة نقلوا مواشيهم شمالا.", "td.mao", id="ar-officials-in"),
    param("ar", "وقال أهالي ماو إن السوق فتح أبوابه الجمعة.", "td.mao", id="ar-people-of"),
    param("ar", "وقال مسؤولون في بول إن الدوريات ستستمر.", "td.bol", id="ar-officials-in-bol"),
])
def test_a_speakers_place_is_a_place(extractor, lang, text, expected):
    assert expected in place_ids(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    param("en", "In Mao's China, millions of farmers went hungry.", id="en-mao-the-man"),
    param("ar", "قال الطبيب إن الفحص كشف وجود دم في بول المريض.", id="ar-bol-the-word"),
])
def test_a_speaker_word_needs_its_preposition(extractor, lang, text):
    assert not {"td.mao", "td.bol"} & place_ids(extractor, text, lang)


# -- short Latin names of an Arabic-only flag (Bol) need a preposition, not a cue noun -------------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    param("en", "Reinforcements were sent from Bol after the raid.", "td.bol", id="en-from-bol"),
    param("en", "Two wounded fishermen were treated in Bol.", "td.bol", id="en-in-bol"),
    param("ar", "هاجم مسلحون موقعا للجيش في بول غرب تشاد.", "td.bol", id="ar-bol-west-of-chad"),
    param("en", "Gunmen attacked an army post in Bol, western Chad.", "td.bol", id="en-bol-western-chad"),
])
def test_bol_with_evidence(extractor, lang, text, expected):
    assert expected in place_ids(extractor, text, lang)


# -- clashes that reach a place happen there: not a destination ----------------------------------------

@pytest.mark.parametrize(("lang", "text", "place"), [
    param("ar", "وصلت الاشتباكات مساء الأحد إلى الضاحية الجنوبية لطرابلس.", "southern suburbs of Tripoli",
          id="ar-clashes-reached"),
    param("ar", "امتدت المعارك إلى أطراف سرت.", "Sirte", id="ar-fighting-spread"),
    param("en", "By nightfall the clashes had spread to Tajoura.", "Tajoura", id="en-clashes-spread"),
    param("en", "The fighting later reached the outskirts of Sirte.", "Sirte", id="en-fighting-reached"),
])
def test_violence_that_spreads_to_a_place(extractor, lang, text, place):
    got = {e.place_name: e.event_type for e in events(extractor, text, lang)}
    assert got.get(place) == "Battles", got
    assert "Libya" not in got, got  # no fallback point at the country


@pytest.mark.parametrize(("lang", "text", "place"), [
    param("ar", "وصلت عائلات فرت من الاشتباكات إلى ترهونة.", "Tarhuna", id="ar-families-reached"),
    param("en", "Families who fled the clashes arrived in Tarhuna.", "Tarhuna", id="en-families-arrived"),
])
def test_people_who_reach_a_place_bring_no_clash_there(extractor, lang, text, place):
    got = {e.place_name: e.event_type for e in events(extractor, text, lang)}
    assert got.get(place) != "Battles", got


# -- words that only look like places -----------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "not_place"), [
    param("en", "UN spokesman Jordan Haddad called for a truce.", "jo", id="en-given-name-jordan"),
    param("en", "A spokesman for the Sirte Oil Company said the plant was working.", "ly.sirte",
          id="en-company-name"),
    param("ar", "قال متحدث باسم شركة سرت للنفط إن المصنع يعمل.", "ly.sirte", id="ar-company-name"),
    param("ar", "قال المحلل إن الأزمة لا تفهم إلا من هذه الزاوية.", "ly.zawiya", id="ar-this-angle"),
    param("ar", "ضبطت شاحنة متجهة إلى الجفرة، وهون المتحدث باسم القوة من شأن الحادث.", "ly.hun",
          id="ar-verb-before-subject"),
])
def test_words_that_are_no_place_here(extractor, lang, text, not_place):
    assert not_place not in place_ids(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    param("en", "The minister flew to Jordan on Monday.", "jo", id="en-jordan-the-country"),
    param("en", "Clashes erupted in Sirte on Monday.", "ly.sirte", id="en-sirte-the-town"),
    param("ar", "اندلعت اشتباكات في الزاوية أمس.", "ly.zawiya", id="ar-zawiya-the-town"),
    param("ar", "وصلت قافلة إلى هون في الجفرة.", "ly.hun", id="ar-hun-the-town"),
])
def test_the_same_words_as_places(extractor, lang, text, expected):
    assert expected in place_ids(extractor, text, lang)


# -- Arabic spellings of Sahel towns with ج (or ق) for the foreign g, as Egyptian, Sudanese and Chadian
#    outlets write them, beside the غ of the rows' usual names -------------------------------------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    param("ar", "وصل مهاجرون إلى أجاديز قادمين من الجنوب.", "ne.agadez", id="ar-agadez-jim"),
    param("en", "Migrants reached Agadez from the south.", "ne.agadez", id="en-agadez"),
    param("ar", "نزحت عائلات إلى كونجوسي بعد الهجوم.", "bf.kongoussi", id="ar-kongoussi-jim"),
    param("en", "Families fled to Kongoussi after the attack.", "bf.kongoussi", id="en-kongoussi"),
    param("ar", "فرضت السلطات حظر تجول في فادا نجورما.", "bf.fada-ngourma", id="ar-fada-jim"),
    param("ar", "قتل جنود في كمين قرب بارسالوجو.", "bf.barsalogho", id="ar-barsalogho-jim"),
    param("ar", "اندلعت اشتباكات في مدينة مونقو وسط تشاد.", "td.mongo", id="ar-mongo-qaf"),
    param("en", "Clashes broke out in the town of Mongo in central Chad.", "td.mongo", id="en-mongo"),
])
def test_sahel_towns_spelt_with_jim_or_qaf(extractor, lang, text, expected):
    assert expected in place_ids(extractor, text, lang)


# -- a town named as where people come from is not the town a named site is placed at -------------------

@pytest.mark.parametrize(("lang", "text", "origin", "story_town"), [
    param("en", "TRIPOLI - Shells fell near Abu Salim, among families displaced from Tawergha who live in "
          "the Hamra camp.", "ly.tawergha", "ly.tripoli", id="en-displaced-from"),
    param("ar", "طرابلس - سقطت قذائف قرب أبوسليم حيث تقيم عائلات نازحة من تاورغاء في مخيم الحمراء.",
          "ly.tawergha", "ly.tripoli", id="ar-displaced-from"),
])
def test_a_site_is_not_placed_at_an_origin_town(extractor, lang, text, origin, story_town):
    sites = [e.place_id for e in events(extractor, text, lang) if "/" in (e.place_id or "")]
    assert sites, "the camp is read as a site"
    assert all(s.startswith(story_town + "/") and not s.startswith(origin) for s in sites), sites


@pytest.mark.parametrize(("lang", "text", "town"), [
    param("en", "Clashes broke out in Tawergha. Residents said the Hamra camp was hit.", "ly.tawergha",
          id="en-the-story-town"),
    param("ar", "اندلعت اشتباكات في تاورغاء. وقال سكان إن مخيم الحمراء أصيب.", "ly.tawergha", id="ar-the-story-town"),
])
def test_a_site_of_the_story_town_stays_there(extractor, lang, text, town):
    sites = [e.place_id for e in events(extractor, text, lang) if "/" in (e.place_id or "")]
    assert sites and all(s.startswith(town + "/") for s in sites), sites
