"""Actors: table-driven, Arabic and English side by side, on the real lexicon.

Every sentence here is written for these tests (none is taken from the evaluation articles).
"""

from __future__ import annotations

import pytest
from conflictmap.extract.doc import Doc
from conflictmap.extract.model import Article
from pytest import param

LNA = "Libyan National Army (LNA, Haftar)"
GNA = "Government of National Accord (GNA)"
GNU = "Government of National Unity (GNU, Dbeibah)"
INTERIM = "Interim Government (al-Thinni)"
UN = "United Nations"
SAHEL = "Sahel jihadists (unspecified)"


def mentions(extractor, text: str, lang: str) -> tuple[set[str], set[str]]:
    """(acting, only mentioned) canonical names that the tagger finds in the text."""
    doc = Doc.from_text(text, lang)
    extractor.recogniser.mask(doc)
    found = extractor.actors.find(doc)
    names = extractor.index.actors.actors
    return ({names[m.actor].name for m in found if not m.mentioned and not m.eras},
            {names[m.actor].name for m in found if m.mentioned})


def article_actors(extractor, text: str, lang: str, published: str = "2019-05-02") -> set[str]:
    evs = extractor.extract(Article(id="t", text=text, language=lang, published=published))
    return {a for e in evs for a in e.actors}


# -- names -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,expected", [
    param("ar", "تقدمت قوات حفتر نحو العاصمة", {LNA}, id="ar-haftar"),
    param("en", "Haftar's forces pushed towards the capital", {LNA}, id="en-haftar"),
    param("ar", "قال المشير خليفة حفتار إن قواته ستواصل القتال", {LNA}, id="ar-haftar-variant"),
    param("en", "forces loyal to Khalifa Hafter shelled the district", {LNA}, id="en-hafter-variant"),
    param("ar", "اتهم السراج هافتار بالخيانة", {GNA, LNA}, id="ar-leader-and-variant"),
    param("ar", "وشنت قوات الوفاق هجوما مضادا", {GNA}, id="ar-gna"),
    param("en", "the Government of National Accord launched a counter-attack", {GNA}, id="en-gna"),
    param("ar", "وصل مرتزقة فاغنر إلى قاعدة الجفرة", {"Wagner Group"}, id="ar-wagner"),
    param("en", "Wagner mercenaries arrived at the Jufra air base", {"Wagner Group"}, id="en-wagner"),
    param("ar", "انتشر عناصر الفيلق الأفريقي في شمال مالي", {"Wagner Group"}, id="ar-africa-corps"),
    param("en", "Africa Corps fighters deployed alongside Malian troops", {"Wagner Group", "Mali"}, id="en-africa-corps"),
    param("ar", "قصفت الطائرات التركية مواقع للمسلحين", {"Turkey"}, id="ar-turkish-aircraft"),
    param("en", "Turkish drones hit the convoy", {"Turkey"}, id="en-turkish-drones"),
    param("ar", "دمر الجيش التشادي عربات للمتمردين", {"Chad"}, id="ar-chadian-army"),
    param("en", "Chadian troops pushed back the attackers", {"Chad"}, id="en-chadian-troops"),
    param("en", "Chad forces shelled the hills overnight", {"Chad"}, id="en-country-forces"),
    param("ar", "قتل جنديان من القوات المسلحة المالية", {"Mali"}, id="ar-malian-armed-forces"),
    param("ar", "انسحب الجيش المالي من البلدة", {"Mali"}, id="ar-malian-army"),
    param("en", "FAMa units withdrew from the town", {"Mali"}, id="en-fama"),
    param("en", "the Forces Armees Maliennes took the village", {"Mali"}, id="fr-fama"),
    param("ar", "حامت مروحيات حربية فرنسية فوق المعسكر", {"France"}, id="ar-french-helicopters"),
    param("ar", "تقدمت القوات الفرنسية والتشادية نحو الجبال", {"Barkhane / French forces", "France", "Chad"},
          id="ar-coordinated-demonyms"),
    param("en", "French and Chadian troops advanced into the mountains", {"France", "Chad"},
          id="en-coordinated-demonyms"),
    param("en", "the armed forces of Chad crossed the river", {"Chad"}, id="en-forces-of-country"),
    param("en", "soldiers from Niger secured the bridge", {"Niger"}, id="en-soldiers-from-country"),
    param("ar", "دعت بعثة الأمم المتحدة للدعم في ليبيا الأطراف إلى ضبط النفس", set(), id="ar-unsmil-speaks"),
    param("ar", "تقدمت سرايا الدفاع عن بنغازي نحو راس لانوف", {"Benghazi Defense Brigades (BDB)"}, id="ar-bdb"),
    param("ar", "تجددت الاشتباكات بين مسلحين من قبيلتي التبو والزوية", {"Tebu / Toubou", "Zuwayya / Zway"},
          id="ar-tribes"),
    param("en", "FACT rebels moved south towards Mao", {"FACT (Front for Change and Concord in Chad)"},
          id="en-fact-acronym"),
    param("en", "it is a fact that the road was closed", set(), id="en-fact-lowercase-is-a-word"),
    param("ar", "تبنى تنظيم الدولة التفجير", {"Islamic State"}, id="ar-is"),
    param("ar", "أعلنت جماعة نصرة الإسلام والمسلمين مسؤوليتها عن الكمين", {"JNIM (al-Qaeda in the Sahel)"},
          id="ar-jnim"),
    param("ar", "هجمات لجماعات مرتبطة بتنظيمي القاعدة وداعش قرب ميناكا", {"al-Qaeda / AQIM", "Islamic State"},
          id="ar-dual-two-organisations"),
    param("ar", "كمين نصبته عناصر موالية للقاعدة قرب تمبكتو", {"al-Qaeda / AQIM"}, id="ar-loyal-to-qaeda"),
    param("en", "fighters tied to al-Qaeda and Islamic State near Menaka", {"al-Qaeda / AQIM", "Islamic State"},
          id="en-linked-to-qaeda"),
    param("ar", "هبطت الطائرة في القاعدة الجوية قرب الوطية", set(), id="ar-bare-base-is-no-qaeda"),
    param("en", "since the fall of Gaddafi in 2011 the town has changed hands", set(), id="en-history-is-no-actor"),
    param("ar", "تقع الكفرة قرب الحدود مع تشاد", set(), id="ar-neighbour-named-is-geography"),
    param("ar", "الجيش", set(), id="ar-bare-army"),
])
def test_names(extractor, lang, text, expected):
    acting, _mentioned = mentions(extractor, text, lang)
    assert acting == expected


# -- coverage: the armies, juntas, brigades and groups of the theatre, in three languages ------

@pytest.mark.parametrize("lang,text,expected", [
    # Sahel states and their juntas
    param("ar", "أعلن المجلس العسكري في النيجر إغلاق الحدود", "Niger", id="ar-niger-junta"),
    param("en", "the Nigerien junta closed the border with Benin", "Niger", id="en-niger-junta"),
    param("en", "Niger's ruling National Council for the Safeguard of the Homeland expelled the envoy", "Niger",
          id="en-cnsp-niger"),
    param("ar", "قالت الحركة الوطنية للحماية والاستعادة إن الجيش استعاد البلدة", "Burkina Faso", id="ar-mpsr"),
    param("en", "the MPSR junta dissolved the assembly", "Burkina Faso", id="en-mpsr"),
    param("en", "the Burkinabe army retook Djibo", "Burkina Faso", id="en-burkinabe-army"),
    param("ar", "تصدى الجيش الوطني التشادي للهجوم", "Chad", id="ar-chad-national-army"),
    param("en", "the Chadian junta extended the transition", "Chad", id="en-chad-junta"),
    param("ar", "قرر المجلس العسكري الانتقالي في تشاد تمديد الفترة", "Chad", id="ar-cmt"),
    param("ar", "أعلنت السلطات الانتقالية في مالي حظر التجول", "Mali", id="ar-mali-transition"),
    param("en", "Malian transitional authorities banned the rally", "Mali", id="en-mali-transition"),
    param("en", "Assimi Goita received the delegation", "Mali", id="en-goita"),
    param("ar", "انتشرت عناصر متطوعي الدفاع عن الوطن في القرية", "VDP (Volunteers for the Defence of the Homeland)",
          id="ar-vdp"),
    param("en", "VDP auxiliaries repelled the raid", "VDP (Volunteers for the Defence of the Homeland)", id="en-vdp"),
    # Libyan brigades
    param("ar", "تحركت قوات اللواء 444 قتال إلى الطريق", "444 Brigade", id="ar-444"),
    param("en", "the 444 Brigade deployed on the airport road", "444 Brigade", id="en-444"),
    param("ar", "وصلت تعزيزات تابعة للواء 444 إلى المطار", "444 Brigade", id="ar-444-with-li"),
    param("ar", "اعتقلت قوة الردع الخاصة ثلاثة أشخاص", "Special Deterrence Force (Rada)", id="ar-rada"),
    param("en", "Radaa fighters detained three men at Mitiga", "Special Deterrence Force (Rada)", id="en-radaa"),
    param("ar", "اشتبكت كتيبة النواصي مع مجموعة منافسة", "Nawasi Brigade", id="ar-nawasi"),
    param("ar", "سيطرت كتيبة ثوار طرابلس على المقر", "Tripoli Revolutionaries Brigade (TRB, Tajouri)", id="ar-trb"),
    param("en", "gunmen from Ghnewa's Stability Support Apparatus blocked the road",
          "Stability Support Apparatus (SSA, Ghneiwa)", id="en-ssa-ghnewa"),
    param("ar", "انتشر جهاز دعم الاستقرار في أبو سليم", "Stability Support Apparatus (SSA, Ghneiwa)", id="ar-ssa"),
    param("ar", "دخلت كتيبة طارق بن زياد إلى المدينة", "Tariq bin Ziyad Brigade", id="ar-tbz"),
    param("en", "the 166 Brigade pulled out of the camp", "166 Brigade", id="en-166"),
    param("ar", "انسحب اللواء 166 من المعسكر", "166 Brigade", id="ar-166"),
    param("en", "the Kaniyat militia shelled the suburbs", "7th Brigade / Kaniyat", id="en-kaniyat"),
    param("ar", "تقدمت كتائب مصراتة نحو سرت", "Misrata brigades", id="ar-misrata"),
    param("en", "Zintani brigades held the airport", "Zintan brigades", id="en-zintan"),
    param("ar", "أغلق حرس المنشآت النفطية الموانئ", "Petroleum Facilities Guard (PFG)", id="ar-pfg"),
    param("en", "the Petroleum Facilities Guard reopened the terminal", "Petroleum Facilities Guard (PFG)", id="en-pfg"),
    # 2011
    param("en", "anti-Gaddafi rebels entered the town", "National Transitional Council (NTC)", id="en-2011-rebels"),
    param("ar", "دخل ثوار 17 فبراير المدينة", "National Transitional Council (NTC)", id="ar-2011-rebels"),
    param("en", "Qaddafi forces shelled the port", "Gaddafi government / loyalists", id="en-qaddafi-forces"),
    param("en", "troops loyal to Muammar Gaddafi shelled the port", "Gaddafi government / loyalists",
          id="en-loyal-to-gaddafi"),
    param("ar", "قصفت القوات الموالية للقذافي الميناء", "Gaddafi government / loyalists", id="ar-loyal-to-gaddafi"),
    param("en", "the National Transitional Council named a new cabinet", "National Transitional Council (NTC)",
          id="en-name-longer-than-an-outlet"),
    param("ar", "قصفت الكتائب الأمنية الميناء", "Gaddafi government / loyalists", id="ar-security-brigades"),
    # Sahel armed groups
    param("en", "EIGS fighters raided the market", "Islamic State in the Greater Sahara (ISGS)", id="fr-eigs"),
    param("en", "the Etat islamique au Grand Sahara claimed the raid", "Islamic State in the Greater Sahara (ISGS)",
          id="fr-isgs-name"),
    param("ar", "أعلن تنظيم الدولة في الساحل مسؤوليته", "Islamic State in the Greater Sahara (ISGS)",
          id="ar-is-sahel"),
    param("en", "ISWAP fighters overran the base", "Islamic State West Africa (ISWAP)", id="en-iswap"),
    param("ar", "هاجمت جماعة بوكو حرام القرية", "Boko Haram", id="ar-boko-haram"),
    param("en", "the FLA said it shot down a drone", "MNLA / CMA (Azawad movements)", id="en-fla"),
    param("ar", "أعلنت جبهة تحرير أزواد سيطرتها على الموقع", "MNLA / CMA (Azawad movements)", id="ar-fla"),
    param("en", "GATIA fighters pursued the attackers", "GATIA / Platform", id="en-gatia"),
    param("en", "the MSA and GATIA patrolled near Menaka", "MSA (Movement for the Salvation of Azawad)", id="en-msa"),
    param("ar", "اشتبكت حركة إنقاذ أزواد مع مسلحين", "MSA (Movement for the Salvation of Azawad)", id="ar-msa"),
    param("ar", "سيطرت حركة أنصار الدين على البلدة", "Ansar Dine", id="ar-ansar-dine"),
    param("en", "MUJAO gunmen held the town", "MUJAO", id="en-mujao"),
    param("en", "Katiba Macina fighters burned the granaries", "Katiba Macina", id="en-macina"),
    param("ar", "هاجمت كتيبة ماسينا نقطة تفتيش", "Katiba Macina", id="ar-macina"),
    param("ar", "تقدم مقاتلو جبهة التناوب والوفاق في تشاد شمالا", "FACT (Front for Change and Concord in Chad)",
          id="ar-fact"),
    param("en", "the CCMSR attacked a gold-mining site", "CCMSR", id="en-ccmsr"),
    param("en", "a UFR column crossed from Libya", "UFR (Union of Resistance Forces)", id="en-ufr"),
    # international forces
    param("ar", "سيرت بعثة مينوسما دورية في كيدال", "MINUSMA", id="ar-minusma"),
    param("en", "Operation Barkhane struck a column", "Barkhane / French forces", id="en-barkhane"),
    param("ar", "نفذت قوة برخان غارة جوية", "Barkhane / French forces", id="ar-barkhane"),
    param("en", "Takuba special forces joined the raid", "Task Force Takuba", id="en-takuba"),
    param("en", "the G5 Sahel joint force launched an operation", "G5 Sahel", id="en-g5"),
    param("ar", "أطلقت القوة المشتركة لدول الساحل الخمس عملية", "G5 Sahel", id="ar-g5"),
    param("en", "EUTM instructors trained the battalion", "European Union", id="en-eutm"),
    param("en", "AFRICOM said its strike killed two militants", "AFRICOM / US forces", id="en-africom"),
    param("ar", "نفذت أفريكوم غارة قرب أوباري", "AFRICOM / US forces", id="ar-africom"),
])
def test_coverage(extractor, lang, text, expected):
    acting, mentioned = mentions(extractor, text, lang)
    assert expected in acting | mentioned


# -- acting or only mentioned ----------------------------------------------------------------

@pytest.mark.parametrize("lang,text,acting,mentioned", [
    # a backer is no party to the events
    param("en", "fighters of a U.N.-backed coalition clashed with a rival militia", set(), {UN}, id="en-un-backed"),
    param("ar", "اشتبكت قوات الحكومة المدعومة من الأمم المتحدة مع ميليشيا", set(), set(), id="ar-un-backed-epithet"),
    param("en", "the truce mediated by the United Nations collapsed", set(), {UN}, id="en-brokered-by"),
    param("ar", "انهارت الهدنة التي أبرمت برعاية الأمم المتحدة", set(), {UN}, id="ar-under-auspices"),
    param("ar", "تقدمت قوات حفتر بدعم إماراتي نحو الجنوب", {LNA}, {"United Arab Emirates"}, id="ar-emirati-support"),
    param("en", "with Emirati support, Haftar's forces advanced south", {LNA}, {"United Arab Emirates"},
          id="en-emirati-support"),
    param("ar", "حصلت القوات على أسلحة بمساعدة من الإمارات وروسيا", set(), {"United Arab Emirates", "Russia"},
          id="ar-backers-coordinated"),
    # states and international bodies that speak, call or meet
    param("ar", "دعت الأمم المتحدة إلى وقف القتال في طرابلس", set(), {UN}, id="ar-un-calls"),
    param("en", "the United Nations called for a halt to the fighting in Tripoli", set(), {UN}, id="en-un-calls"),
    param("ar", "قال المتحدث باسم الخارجية الفرنسية إن باريس قلقة", set(), {"France"}, id="ar-french-spokesman"),
    param("en", "a French foreign ministry spokesman voiced concern", set(), {"France"}, id="en-french-ministry"),
    param("en", "UN envoy Ghassan Salame met both sides", set(), {UN, "UNSMIL (UN mission in Libya)"},
          id="en-un-envoy"),
    param("ar", "قال المبعوث الأممي غسان سلامة إن الطرفين وافقا", set(), {UN, "UNSMIL (UN mission in Libya)"},
          id="ar-un-envoy"),
    param("ar", "أجرى وزير الخارجية الروسي اتصالا هاتفيا مع حفتر", {LNA}, {"Russia"}, id="ar-phone-call"),
    param("en", "according to the European Union, the boats left from Zuwara", set(), {"European Union"},
          id="en-according-to"),
    param("ar", "أدانت الجامعة العربية القصف", set(), {"Arab League"}, id="ar-condemns"),
    param("en", "US officials said the talks would resume", set(), {"United States"}, id="en-us-officials"),
    param("en", "U.S. companies run the oil field", set(), {"United States"}, id="en-us-companies"),
    # a state's own country or capital named as a place
    param("ar", "وصلت طائرة الشحن من تركيا إلى مصراتة", set(), {"Turkey"}, id="ar-from-turkey"),
    param("en", "the cargo plane flew in from Turkey", set(), {"Turkey"}, id="en-from-turkey"),
    param("en", "hundreds marched in Bamako on Friday", set(), {"Mali"}, id="en-in-bamako"),
    param("ar", "تظاهر المئات في العاصمة نيامي", set(), {"Niger"}, id="ar-capital-niamey"),
    # a state named bare acts where its sentence speaks of forces
    param("ar", "أرسلت تركيا قوات وطائرات مسيرة إلى طرابلس", {"Turkey"}, set(), id="ar-turkey-sends-troops"),
    param("en", "Turkey sent troops and drones to Tripoli", {"Turkey"}, set(), id="en-turkey-sends-troops"),
    param("ar", "تتابع تركيا الوضع في ليبيا باهتمام", set(), {"Turkey"}, id="ar-turkey-watches"),
    param("en", "Italy is following the situation closely", set(), {"Italy"}, id="en-italy-watches"),
    # a government acts for a state of the theatre, it speaks for a distant one
    param("ar", "أغلقت الحكومة السودانية الحدود مع ليبيا", {"Sudan"}, set(), id="ar-theatre-government-acts"),
    param("en", "Malian authorities imposed a curfew", {"Mali"}, set(), id="en-theatre-authorities-act"),
    param("ar", "أحرج التقرير الحكومة الألمانية", set(), {"Germany"}, id="ar-distant-government-speaks"),
    param("en", "the report embarrassed the German government", set(), {"Germany"}, id="en-distant-government-speaks"),
    # forces that belong to another name do not make a bare state act
    param("ar", "دفعت هزائم قوات حفتر باريس إلى مراجعة موقفها", {LNA}, {"France"}, id="ar-forces-of-another"),
    param("en", "the defeats of Haftar's forces pushed Paris to rethink", {LNA}, {"France"}, id="en-forces-of-another"),
    # a meeting or an agreement named after a capital
    param("ar", "طالب الوزير باحترام مخرجات مؤتمر برلين", set(), {"Germany"}, id="ar-berlin-conference"),
    param("en", "the ministers backed the Berlin process", set(), {"Germany"}, id="en-berlin-process"),
    # a tribe's elders mediate
    param("ar", "توسط أعيان قبيلة الزوية بين الطرفين", set(), {"Zuwayya / Zway"}, id="ar-tribal-elders"),
    param("en", "Warfalla elders tried to broker a truce", set(), {"Warfalla"}, id="en-tribal-elders"),
    # a community's civilians are not its fighters
    param("en", "gunmen killed three Fulani civilians near the well", set(), {"Fulani / Peul"}, id="en-civilians"),
    param("ar", "نزح مئات من أهالي الطوارق عن المدينة", set(), {"Tuareg"}, id="ar-civilians"),
    param("ar", "اشتبك مسلحون من التبو مع مسلحين من الطوارق", {"Tebu / Toubou", "Tuareg"}, set(),
          id="ar-community-fighters"),
    # a conflict party that speaks is still an actor: it claims what it did
    param("ar", "قالت قوات الوفاق إنها سيطرت على غريان", {GNA}, set(), id="ar-party-claims"),
    param("en", "the LNA said it had captured the airport", {LNA}, set(), id="en-party-claims"),
])
def test_acting_or_mentioned(extractor, lang, text, acting, mentioned):
    got_acting, got_mentioned = mentions(extractor, text, lang)
    assert got_acting == acting
    assert got_mentioned == mentioned


# -- in articles: catch-alls, epithets, sentences without places -------------------------------

@pytest.mark.parametrize("lang,text,published,expected,absent", [
    # unnamed state forces in a Sahel story are the state's own
    param("ar", "قتل ثلاثة جنود في هجوم على موقع للجيش قرب غاو.", "2019-05-02", {"Mali"}, set(), id="ar-soldiers-mali"),
    param("en", "Three soldiers died when gunmen attacked an army post near Gao.", "2019-05-02", {"Mali"}, set(),
          id="en-soldiers-mali"),
    param("en", "Two French soldiers were wounded near Gao. The soldiers were on patrol.", "2019-05-02",
          {"France"}, {"Mali"}, id="en-foreign-soldiers-are-no-malians"),
    param("en", "Troops from Niger reached Menaka on Monday.", "2013-02-10", {"Niger"}, {"Mali"},
          id="en-troops-from-elsewhere"),
    param("en", "Gunmen on motorbikes attacked a military post near Douentza.", "2016-04-10", {"Mali"}, set(),
          id="en-military-post"),
    param("ar", "هاجم مسلحون قاعدة عسكرية قرب دوينتزا.", "2016-04-10", {"Mali"}, set(), id="ar-military-base"),
    param("ar", "رفض المجلس العسكري في واغادوغو الوساطة.", "2023-08-02", {"Burkina Faso"}, set(),
          id="ar-junta-burkina"),
    param("en", "The junta in Niamey closed the airspace.", "2023-08-06", {"Niger"}, set(), id="en-junta-niger"),
    # unnamed peacekeepers in Mali are MINUSMA
    param("en", "Peacekeepers repelled an attack on their camp in Kidal.", "2017-06-01", {"MINUSMA"}, set(),
          id="en-peacekeepers-mali"),
    param("ar", "صدت قوات حفظ السلام هجوما على معسكرها في كيدال.", "2017-06-01", {"MINUSMA"}, set(),
          id="ar-peacekeepers-mali"),
    # unnamed jihadists and rebels
    param("ar", "قتل جنود في كمين نصبه إرهابيون قرب ميناكا شمال شرقي مالي.", "2018-03-04", {SAHEL, "Mali"}, set(),
          id="ar-unnamed-jihadists"),
    param("en", "Suspected JNIM militants ambushed a convoy near Gao, killing six.", "2019-03-17",
          {"JNIM (al-Qaeda in the Sahel)"}, {SAHEL}, id="en-named-group-wins"),
    param("en", "Islamists who hold Timbuktu flogged two men in the main square.", "2012-07-10", {SAHEL}, set(),
          id="en-islamists"),
    param("ar", "قصف الجيش التشادي مواقع للمتمردين قرب فايا.", "2019-02-05", {"Chad", "Chadian rebels"}, set(),
          id="ar-chadian-rebels"),
    # the recognised government depends on the date
    param("en", "The internationally recognised government said its forces entered Gharyan.", "2019-06-27",
          {GNA}, set(), id="en-recognised-2019"),
    param("en", "The internationally recognised government said its forces entered Gharyan.", "2015-03-01",
          {INTERIM}, set(), id="en-recognised-2015"),
    param("ar", "قالت الحكومة المعترف بها دوليا إن قواتها دخلت غريان.", "2022-09-01", {GNU}, set(),
          id="ar-recognised-2022"),
    # in Libya's 2011 war the rebels are the National Transitional Council's side
    param("en", "Rebels pushed Gaddafi's troops out of Ajdabiya.", "2011-03-27",
          {"National Transitional Council (NTC)", "Gaddafi government / loyalists"}, set(), id="en-rebels-2011"),
    param("ar", "سيطر مقاتلو المعارضة على البريقة بعد معارك مع كتائب القذافي.", "2011-08-20",
          {"National Transitional Council (NTC)", "Gaddafi government / loyalists"}, set(), id="ar-rebels-2011"),
    param("en", "Government troops shelled the outskirts of Misrata.", "2011-04-20",
          {"Gaddafi government / loyalists"}, set(), id="en-government-troops-2011"),
    param("ar", "قصفت القوات الحكومية أطراف مصراتة.", "2011-04-20", {"Gaddafi government / loyalists"}, set(),
          id="ar-government-troops-2011"),
    param("en", "Rebels raided a checkpoint near Ajdabiya.", "2016-05-03", set(),
          {"National Transitional Council (NTC)"}, id="en-rebels-later-are-no-ntc"),
    # a sentence that only mentions actors passes none to its neighbours
    param("ar", "اندلعت اشتباكات في ترهونة.\nودعت الأمم المتحدة إلى التهدئة.", "2019-05-02", set(), {UN},
          id="ar-call-does-not-spread"),
    param("en", "Clashes broke out in Tarhuna.\nThe United Nations urged calm.", "2019-05-02", set(), {UN},
          id="en-call-does-not-spread"),
])
def test_in_articles(extractor, lang, text, published, expected, absent):
    got = article_actors(extractor, text, lang, published)
    assert expected <= got
    assert not (absent & got)


@pytest.mark.parametrize("lang,text,place,actors", [
    param("ar", "شنت قوات حفتر هجوما جديدا. واشتدت المعارك في عين زارة.\n\nوفي تطور آخر سقطت قذائف على جنزور.",
          "عين زارة", [LNA], id="ar-same-paragraph-inherits"),
    param("ar", "شنت قوات حفتر هجوما جديدا. واشتدت المعارك في عين زارة.\n\nوفي تطور آخر سقطت قذائف على جنزور.",
          "جنزور", [], id="ar-new-paragraph-does-not"),
    param("en", "Fighting flared in Ain Zara. The 444 Brigade moved in to separate the sides.",
          "Ain Zara", ["444 Brigade"], id="en-orphan-joins-previous"),
])
def test_actors_per_event(extractor, lang, text, place, actors):
    evs = extractor.extract(Article(id="p", text=text, language=lang, published="2019-07-22"))
    by = {e.mention: e.actors for e in evs}
    assert by[place] == actors
