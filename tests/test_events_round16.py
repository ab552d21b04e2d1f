"""Round 16 of the event rules: the families that unseen text codes worst — shelling in the course of a
fight (a battle, not remote violence), a group's change (allegiance, dissolution, a split, a new name), a
base or headquarters set up, ground handed over without a fight, reports denied and releases sought (no
event), people taken to an unknown place, and crowds that kill.

Every sentence here was written for these tests (none comes from the dev set, ACLED's notes, the
coverage tables or the own-events corpus). The tiny in-memory gazetteer (tests/conftest.py) knows
Tripoli, Janzour, Ain Zara, Sabha, Sabha Airport, Sirte, Khoms, Libya and Chad.
"""

from __future__ import annotations

import pytest

from .conftest import BAT, EXP, RIO, STR, VAC, subs_at, types_at

# -- shelling in the course of a fight: both sides fight, so a battle ------------------------------------
# ACLED: when both sides fight it is an armed clash; the mortars or artillery they use do not make it
# remote violence. Shells fired by one side only stay shelling.

FIGHT = [
    pytest.param("en", "Two armed groups fought with mortars and machine guns in Sirte on Tuesday.", {BAT},
                 id="en-fought-with-mortars"),
    pytest.param("ar", "اندلعت اشتباكات بقذائف الهاون والرشاشات بين مجموعتين مسلحتين في سرت يوم الثلاثاء.", {BAT},
                 id="ar-clashes-with-mortars"),
    pytest.param("en", "Clashes broke out in Sirte as the army advanced under cover of artillery fire.", {BAT},
                 id="en-clashes-under-artillery-cover"),
    pytest.param("ar", "دارت معارك في سرت وسط قصف مدفعي متبادل بين الطرفين.", {BAT}, id="ar-battles-amid-shelling"),
    pytest.param("en", "Mortar rounds fired from the hills hit a market in Sirte.", {EXP}, id="en-one-sided-mortars"),
    pytest.param("ar", "سقطت قذائف هاون على سوق شعبي في سرت.", {EXP}, id="ar-one-sided-mortars"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FIGHT)
def test_shelling_in_a_fight_is_the_battle(ex, lang, text, expected):
    assert types_at(ex, text, lang, "Sirte") == expected


# -- a group's change and a base set up --------------------------------------------------------------

CHANGE = (STR, "Change to group/activity")
BASE = (STR, "Headquarters or base established")

GROUP = [
    pytest.param("en", "A battalion in Sabha pledged allegiance to the defence ministry on Monday.", CHANGE,
                 id="en-pledged-allegiance"),
    pytest.param("ar", "أعلنت كتيبة في سبها ولاءها لوزارة الدفاع يوم الاثنين.", CHANGE, id="ar-declared-allegiance"),
    pytest.param("en", "A militia in Sabha dissolved itself and its fighters joined the police.", CHANGE,
                 id="en-dissolved-itself"),
    pytest.param("ar", "أعلنت ميليشيا في سبها حل نفسها وانضمام عناصرها إلى الشرطة.", CHANGE, id="ar-dissolved-itself"),
    pytest.param("en", "The armed group based in Sabha changed its name last week.", CHANGE, id="en-changed-its-name"),
    pytest.param("ar", "انقسمت الكتيبة المتمركزة في سبها إلى فصيلين.", CHANGE, id="ar-split-in-two"),
    pytest.param("en", "The army set up a forward operations centre in Sabha.", BASE, id="en-set-up-operations-centre"),
    pytest.param("ar", "أقامت القوات الحكومية مركز قيادة جديدا في سبها.", BASE, id="ar-set-up-command-post"),
    pytest.param("en", "Militants installed their headquarters in an old hotel in Sabha.", BASE,
                 id="en-installed-headquarters"),
    pytest.param("ar", "أنشأ المسلحون معسكرا لهم في سبها.", BASE, id="ar-built-a-camp"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GROUP)
def test_a_groups_change_and_a_base_set_up(ex, lang, text, expected):
    assert expected in subs_at(ex, text, lang, "Sabha")


@pytest.mark.parametrize(("lang", "text"), [
    pytest.param("en", "Soldiers opened fire on a militia base in Sabha.", id="en-opened-fire-on-a-base"),
    pytest.param("ar", "هاجم مسلحون مقر الكتيبة في سبها.", id="ar-attack-on-a-headquarters"),
    pytest.param("en", "The relief agency, established in 2011, has its headquarters in Sabha.", id="en-established-long-ago"),
    pytest.param("en", "Soldiers set up a checkpoint near the base in Sabha.", id="en-checkpoint-near-a-base"),
    pytest.param("ar", "أقام الجنود حاجزا قرب القاعدة في سبها.", id="ar-checkpoint-near-a-base"),
])
def test_a_base_attacked_is_no_base_established(ex, lang, text):
    assert BASE not in subs_at(ex, text, lang, "Sabha")


@pytest.mark.parametrize(("lang", "text"), [
    pytest.param("ar", "دعا الأعيان إلى الحفاظ على السلم الأهلي في مدينة سبها.", id="ar-civil-peace-is-no-handover"),
    pytest.param("ar", "تسلم الجيش مدرعات جديدة في سبها.", id="ar-received-vehicles"),
])
def test_peace_and_deliveries_are_no_handover(ex, lang, text):
    assert types_at(ex, text, lang, "Sabha") == set()


# -- ground handed over without a fight ------------------------------------------------------------------

TRANSFER = (STR, "Non-violent transfer of territory")


@pytest.mark.parametrize(("lang", "text"), [
    pytest.param("en", "Control of Sabha passed peacefully to the army on Sunday.", id="en-control-passed"),
    pytest.param("ar", "انتقلت السيطرة على سبها إلى الجيش يوم الأحد بعد انسحاب المقاتلين.", id="ar-control-passed"),
    pytest.param("en", "Government troops entered Sabha unopposed on Friday.", id="en-entered-unopposed"),
    pytest.param("en", "Forces loyal to the government entered Sabha without resistance.", id="en-loyal-to-then-entered"),
    pytest.param("en", "The army took control of Sabha after the armed group left the town overnight.", id="en-left-the-town"),
    pytest.param("en", "Militants entered Sabha after the soldiers fled.", id="en-soldiers-fled"),
    pytest.param("ar", "سلم المسلحون مدينة سبها إلى قوة محايدة.", id="ar-handed-town-subject-between"),
    pytest.param("ar", "تسلمت قوات الشرطة مواقع الكتيبة في سبها بعد وساطة الأعيان.", id="ar-took-over-positions"),
])
def test_ground_handed_over_without_a_fight(ex, lang, text):
    assert TRANSFER in subs_at(ex, text, lang, "Sabha")


# -- no event: a report denied, a release sought or welcomed, protests still to come ----------------------

@pytest.mark.parametrize(("lang", "text"), [
    pytest.param("en", "The ministry rejected as baseless the reports that rockets had hit Sabha.", id="en-rejected"),
    pytest.param("en", "The interior ministry dismissed claims of a bombing in Sabha.", id="en-dismissed-claims"),
    pytest.param("en", "Negotiators in Sabha are seeking the release of three abducted engineers.", id="en-release-sought"),
    pytest.param("ar", "يتفاوض شيوخ القبائل في سبها على إطلاق سراح ثلاثة مهندسين مختطفين.", id="ar-release-sought"),
    pytest.param("en", "The minister greeted the freed hostages at a ceremony in Sabha.", id="en-freed-hostages"),
    pytest.param("ar", "دعا عميد بلدية سبها السكان إلى عدم المشاركة في المظاهرات المرتقبة.", id="ar-upcoming-protests"),
    pytest.param("ar", "وصف المتحدث باسم الجيش الأنباء عن قصف مواقع في سبها بأنها عارية عن الصحة.", id="ar-called-baseless-after"),
    pytest.param("en", "The army dismissed as fabricated the reports of a massacre in Sabha.", id="en-dismissed-as"),
    pytest.param("en", "Officers of both armies met in Sabha to discuss a withdrawal of foreign fighters.",
                 id="en-withdrawal-discussed"),
    pytest.param("ar", "اجتمع ضباط من الطرفين في سبها لبحث انسحاب القوات الأجنبية.", id="ar-withdrawal-discussed"),
    pytest.param("en", "In Sabha three men were charged with the kidnapping of a pharmacist.", id="en-charged-with"),
    pytest.param("en", "The council in Sabha extended the state of emergency by a month.", id="en-emergency-extended"),
    pytest.param("en", "The minister pledged to rebuild the homes destroyed by the floods in Sabha.", id="en-flood-damage"),
    pytest.param("ar", "دمرت السيول عشرات المنازل في سبها.", id="ar-flood-damage"),
    pytest.param("en", "A seminar on the dangers of landmines was held in Sabha.", id="en-seminar-topic"),
    pytest.param("ar", "عقدت في سبها ندوة حول مخاطر الألغام.", id="ar-seminar-topic"),
    pytest.param("en", "Families displaced by last year's fighting returned to their homes in Sabha.", id="en-returned-home"),
    pytest.param("ar", "عاد النازحون بسبب المعارك إلى منازلهم في سبها.", id="ar-returned-home"),
])
def test_no_event_is_told(ex, lang, text):
    assert types_at(ex, text, lang, "Sabha") == set()


# -- people taken away; crowds that kill -------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    pytest.param("en", "Gunmen seized him outside his shop in Sabha on Thursday.", {VAC}, id="en-seized-him"),
    pytest.param("en", "Masked men seized a teacher in Sabha and drove off with him.", {VAC}, id="en-masked-men"),
    pytest.param("ar", "اقتاد مسلحون صحفيا من منزله في سبها إلى جهة مجهولة.", {VAC}, id="ar-unknown-place"),
    pytest.param("ar", "ضرب حشد من الأهالي لصا حتى الموت في سبها ليلة الجمعة.", {RIO}, id="ar-crowd-beat-to-death"),
    pytest.param("en", "A man accused of theft was burned alive by a crowd in Sabha.", {RIO}, id="en-burned-alive"),
    pytest.param("en", "Football fans fought with sticks after a match in Sabha.", {RIO}, id="en-fans-fought"),
    pytest.param("ar", "تشاجر مشجعو ناديين بالحجارة بعد المباراة في سبها.", {RIO}, id="ar-fans-brawled"),
    pytest.param("ar", "قوات الأمن تعتقل ناشطا حقوقيا في سبها", {STR}, id="ar-headline-present-arrest"),
    pytest.param("ar", "أحرق حشد في سبها سيارة رجل اتهموه بالسرقة.", {RIO}, id="ar-bare-crowd-burned"),
    pytest.param("ar", "أوقفت الشرطة في سبها شابا متهما بسرقة سيارة.", {STR}, id="ar-accused-of-theft-no-looting"),
])
def test_taken_away_and_crowd_killings(ex, lang, text, expected):
    assert types_at(ex, text, lang, "Sabha") == expected


# -- headlines and phrasal verbs: a passive without 'was', an attack beaten off, marchers named ------------
# "Councillor shot in X": the person before a participle with a place right after it was hit (a headline's
# passive), not who shot. "beat off an attack": a fight, as "repelled", not a beating. "traders march in X":
# the march named with its marchers.

@pytest.mark.parametrize(("lang", "text", "expected"), [
    pytest.param("en", "Clashes in Tripoli leave two dead; teacher shot in Sabha", {VAC}, id="en-headline-shot-in"),
    pytest.param("en", "Teacher shot dead in Sabha", {VAC}, id="en-headline-shot-dead-in"),
    pytest.param("en", "Police beat off an attack by gunmen on their post in Sabha on Sunday.", {BAT},
                 id="en-beat-off-an-attack"),
    pytest.param("en", "Drone strike near Tripoli kills four, workers march in Sabha\n\nA drone struck a farm near Tripoli "
                 "on Sunday, killing four men. Port workers marched through Sabha on Monday over unpaid wages.", {"Protests"},
                 id="en-headline-workers-march"),
])
def test_headline_passives_and_phrasal_verbs(ex, lang, text, expected):
    assert types_at(ex, text, lang, "Sabha") == expected
