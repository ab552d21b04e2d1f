"""Actors: table-driven, Arabic and English side by side, on the real lexicon."""

from __future__ import annotations

import pytest
from conflictmap.extract.doc import Doc
from conflictmap.extract.model import Article
from pytest import param

LNA = "Libyan National Army (LNA, Haftar)"
GNA = "Government of National Accord (GNA)"


def actors(extractor, text: str, lang: str) -> set[str]:
    doc = Doc.from_text(text, lang)
    extractor.recogniser.mask(doc)
    found = extractor.actors.find(doc)
    return {extractor.index.actors.actors[m.actor].name for m in found}


@pytest.mark.parametrize("lang,text,expected", [
    param("ar", "تقدمت قوات حفتر نحو العاصمة", {LNA}, id="ar-haftar"),
    param("ar", "قال المشير خليفة حفتار إن", {LNA}, id="ar-haftar-variant"),
    param("ar", "اتهم السراج هافتار بالخيانة", {GNA, LNA}, id="ar-hafter-variant-and-leader"),
    param("ar", "أعلن الجيش الوطني الليبي السيطرة", {LNA}, id="ar-lna-name"),
    param("en", "the Libyan National Army (LNA) said", {LNA}, id="en-lna"),
    param("en", "forces loyal to Khalifa Hafter", {LNA}, id="en-hafter"),
    param("ar", "وشنت قوات الوفاق هجوما", {GNA}, id="ar-gna"),
    param("en", "the Government of National Accord said", {GNA}, id="en-gna"),
    param("ar", "وصل مرتزقة فاغنر إلى الجفرة", {"Wagner Group"}, id="ar-wagner"),
    param("en", "Wagner mercenaries arrived", {"Wagner Group"}, id="en-wagner"),
    param("ar", "قصفت الطائرات التركية مواقع", {"Turkey"}, id="ar-turkish-aircraft"),
    param("en", "Turkish drones struck positions", {"Turkey"}, id="en-turkish-drones"),
    param("ar", "أعلن الجيش التشادي أنه دمر رتلا", {"Chad"}, id="ar-chadian-army"),
    param("en", "Chadian troops repelled the attack", {"Chad"}, id="en-chadian-troops"),
    param("en", "Chad forces bombarded rebel positions", {"Chad"}, id="en-country-forces"),
    param("ar", "قتل جنود من القوات المسلحة المالية", {"Mali"}, id="ar-malian-armed-forces"),
    param("ar", "حلقت مروحيات عسكرية فرنسية فوق المنطقة", {"France"}, id="ar-french-military-helicopters"),
    param("ar", "دعت بعثة الأمم المتحدة للدعم في ليبيا إلى التهدئة", {"UNSMIL (UN mission in Libya)"}, id="ar-unsmil"),
    param("en", "UNSMIL called for calm", {"UNSMIL (UN mission in Libya)"}, id="en-unsmil"),
    param("ar", "أدانت الأمم المتحدة الهجوم على ميناكا", {"United Nations"}, id="ar-un-not-unsmil"),
    param("ar", "تقدمت سرايا الدفاع عن بنغازي في الهلال النفطي", {"Benghazi Defense Brigades (BDB)"}, id="ar-bdb"),
    param("ar", "اشتبك مسلحون من قبيلتي التبو والزوية", {"Tebu / Toubou", "Zuwayya / Zway"}, id="ar-tribes"),
    param("ar", "أعلنت جبهة التناوب والتوافق في تشاد السيطرة", {"FACT (Front for Change and Concord in Chad)"},
          id="ar-fact"),
    param("en", "FACT rebels advanced on Mao", {"FACT (Front for Change and Concord in Chad)"}, id="en-fact-acronym"),
    param("en", "a fact that nobody disputes", set(), id="en-fact-lowercase-is-a-word"),
    param("ar", "تبنى تنظيم الدولة الهجوم", {"Islamic State"}, id="ar-is"),
    param("ar", "جماعة نصرة الإسلام والمسلمين تتبنى", {"JNIM (al-Qaeda in the Sahel)"}, id="ar-jnim"),
    param("ar", "هجمات لجماعات مرتبطة بتنظيمي القاعدة وداعش قرب ميناكا", {"al-Qaeda / AQIM", "Islamic State"},
          id="ar-dual-two-organisations"),
    param("ar", "كمين نصبته عناصر موالية للقاعدة قرب تمبكتو", {"al-Qaeda / AQIM"}, id="ar-loyal-to-qaeda"),
    param("en", "militants linked to al-Qaeda and Islamic State near Menaka", {"al-Qaeda / AQIM", "Islamic State"},
          id="en-linked-to-qaeda"),
    param("ar", "هبطت الطائرة في القاعدة الجوية قرب الوطية", set(), id="ar-bare-base-is-no-qaeda"),
    # what is not an actor
    param("en", "the U.N.-backed government in Tripoli", set(), id="en-un-backed-is-no-un-action"),
    param("ar", "الحكومة المدعومة من الأمم المتحدة", set(), id="ar-un-backed"),
    param("ar", "تقع الكفرة قرب الحدود مع تشاد", set(), id="ar-neighbour-named-is-geography"),
    param("en", "since the fall of Gaddafi in 2011", set(), id="en-history-is-no-actor"),
    param("ar", "الجيش", set(), id="ar-bare-army"),
])
def test_actor_table(extractor, lang, text, expected):
    got = actors(extractor, text, lang)
    assert expected <= got
    if not expected:
        assert got == set() or not (got & {"United Nations", "Chad", "Gaddafi government / loyalists"})


def test_unnamed_attackers_in_a_sahel_story(extractor):
    text = ("قُتل جنود في هجوم إرهابي على معسكر في ميناكا شمال شرقي مالي. "
            "وقال الجيش إن الإرهابيين وصلوا على دراجات نارية.")
    evs = extractor.extract(Article(id="s", text=text, language="ar", published="2018-01-28"))
    names = {a for e in evs for a in e.actors}
    assert "Sahel jihadists (unspecified)" in names


def test_named_group_wins_over_unnamed(extractor):
    text = "Suspected JNIM jihadists attacked a camp near Gao, killing ten soldiers."
    evs = extractor.extract(Article(id="s", text=text, language="en", published="2019-03-17"))
    names = {a for e in evs for a in e.actors}
    assert "JNIM (al-Qaeda in the Sahel)" in names and "Sahel jihadists (unspecified)" not in names


def test_actors_carry_to_the_next_sentence_of_a_paragraph(extractor):
    text = "شنت قوات حفتر هجوما جديدا. واشتدت المعارك في عين زارة.\n\nوفي تطور آخر قصفت طرابلس."
    evs = extractor.extract(Article(id="p", text=text, language="ar", published="2019-07-22"))
    by = {e.mention: e.actors for e in evs}
    assert by["عين زارة"] == [LNA]       # same paragraph, previous sentence
    assert by["طرابلس"] == []            # a new paragraph does not inherit
