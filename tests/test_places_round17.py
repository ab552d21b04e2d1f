"""Round places17: evidence for names that are also words (extract/places.py, Resolver).

1. English: a settlement noun right after the name, no comma ("rebels overran Ber town"), from
   geodata/vocab/place_words.csv (role bare_after); not after the article ("the Mao camp" may be a
   faction) and not a capitalised noun.
2. English: a preposition (weak, 1) and a town named plainly within 60 km (1) add up to a cue
   noun's 2 ("in Ber, near Gourma-Rharous"). Not in Arabic, where a common noun after a
   preposition is as ordinary beside a town ("في بئر" a well, "في بول" urine).

Every sentence here is written for this file (our own words), Arabic and English side by side.
"""

from __future__ import annotations

import pytest
from conflictmap.extract.model import Article
from pytest import param


def place_ids(ex, text: str, lang: str) -> set[str]:
    return {e.place_id for e in ex.extract(Article(id="t", text=text, language=lang, published="2026-05-01"))}


# -- 1. a noun right after the name, no comma ------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    param("en", "Rebels overran Ber town at dawn on Sunday.", "ml.ber", id="en-town"),
    param("en", "Ber village was shelled overnight, residents said.", "ml.ber", id="en-village-opens-the-sentence"),
    param("en", "Soldiers patrolled San commune for a week.", "ml.san", id="en-commune"),
    param("en", "Herders fled from Mao district after the raid.", "td.mao", id="en-district"),
    param("en", "Jihadists burned Ber hamlet and drove off the cattle.", "ml.ber", id="en-hamlet"),
    param("en", "Displaced families sheltered in Ber camp for a month.", "ml.ber", id="en-camp"),
    # Arabic says it with punctuation and a relative word (the older rule), not bare
    param("ar", "سيطر المتمردون على بير، البلدة الواقعة شرق تمبكتو.", "ml.ber", id="ar-comma-noun-which"),
    param("ar", "داهم الجنود «سان» البلدة التي فر منها السكان.", "ml.san", id="ar-quoted-noun-which"),
])
def test_a_bare_noun_after_the_name(extractor, lang, text, expected):
    assert expected in place_ids(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text", "forbidden"), [
    param("en", "The Mao camp rejected the ruling on Monday.", "td.mao", id="en-the-x-camp-a-faction"),
    param("en", "Rebels reached Ber a week later.", "ml.ber", id="en-no-noun-after"),
    param("en", "Rebels overran San Town at dawn.", "ml.san", id="en-capitalised-noun"),
    param("ar", "وزع المتطوعون على بير القرية كلها ماء.", "ml.ber", id="ar-bare-noun-is-no-cue"),
])
def test_a_bare_noun_needs_its_form(extractor, lang, text, forbidden):
    assert forbidden not in place_ids(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    param("en", "The convoy reached Khoms town a day later.", ["ly.khoms"], id="en-town"),
    param("en", "The convoy reached Khoms a day later.", [], id="en-no-noun"),
    param("en", "The convoy reached Khoms Town a day later.", [], id="en-capitalised-noun"),
    param("ar", "وزعوا الخمس المدينة كلها", [], id="ar-no-punctuation"),
])
def test_a_bare_noun_tiny(ex, lang, text, expected):
    assert sorted(place_ids(ex, text, lang) - {""}) == expected


# -- 2. a preposition and a nearby town add up -------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    param("en", "Gunmen attacked civilians in Ber, near Gourma-Rharous.", "ml.ber", id="en-in-near"),
    param("en", "Two traders were killed on the road to Ber, between Timbuktu and Gourma-Rharous.", "ml.ber",
          id="en-to-between"),
    # a cue noun alone is enough, in either language
    param("ar", "هاجم مسلحون بلدة بير قرب غورما رهاروس.", "ml.ber", id="ar-cue-noun"),
    param("en", "Gunmen attacked the town of Ber near Gourma-Rharous.", "ml.ber", id="en-cue-noun"),
])
def test_a_preposition_and_a_nearby_town(extractor, lang, text, expected):
    assert expected in place_ids(extractor, text, lang)


@pytest.mark.parametrize(("lang", "text", "forbidden"), [
    param("en", "Gunmen attacked civilians in Ber.", "ml.ber", id="en-preposition-alone"),
    param("en", "Ber lies near Gourma-Rharous and was attacked.", "ml.ber", id="en-neighbour-alone"),
    param("ar", "ألقى مسلحون الجثث في بئر قرب غورما رهاروس.", "ml.ber", id="ar-a-well-near-a-town"),
    param("ar", "وجد الطبيب دما في بول جريح نقل من باغا سولا.", "td.bol", id="ar-a-common-noun-near-a-town"),
])
def test_a_preposition_and_a_nearby_town_guards(extractor, lang, text, forbidden):
    assert forbidden not in place_ids(extractor, text, lang)
