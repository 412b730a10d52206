"""A realistic, deterministic synthetic content directory for benchmarks.

    python -m bench.synthetic 1000 /tmp/content [--seed 7]

For N explainers it writes:

* N explainers, each with 6 statements (mixed stances; a quote in English, Russian or
  Ukrainian with a translation, or a paraphrase under `said`; a locator and a note sometimes),
  a timeline of 2-3 events, 2-3 updates with a status history ending in the explainer's
  status, a place with names in three languages and aliases, 2-3 tags from a pool of 50 and
  1-2 related explainers; summary, context and assessment about as long as those of
  content/explainers/who-says-pokrovsk-fell.yml;
* max(50, N // 10) actors (at most 2000), each with aliases and a description; statements are
  spread over them with a skew (a few actors make many statements, as in real coverage), and
  every actor makes at least one statement;
* one source per explainer, with url and archive, published by one of the media actors;
* pages/about.md and pages/editor-guide.md (the site configuration's nav names them).

Every date is on or before 2026-11-24 and the content passes
`python -m generator check --content DIR --today 2026-11-24` with 0 errors and 0 warnings.
The same (N, seed) always gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

TODAY = datetime.date(2026, 11, 24)
FIRST_DAY = datetime.date(2022, 3, 1)
LAST_START = datetime.date(2026, 9, 30)  # an explainer's first statement; leaves room for dates after it
STALE_DAYS = 29  # an unsettled explainer is updated within this many days of TODAY (else a warning)

STATUSES = ["confirmed", "likely", "contested", "unverified", "unlikely", "false"]
STATUS_WEIGHTS = [20, 20, 15, 10, 20, 15]
UNSETTLED = ("contested", "unverified")
STANCES = ["supports", "disputes", "qualifies", "reports"]
SOURCE_KINDS = ["news", "statement", "briefing", "interview", "video", "social-post", "assessment", "map", "document"]

# name (en), Ukrainian, Russian, other names (Latin, Cyrillic), region, lat, lon
PLACES = [
    ("Pokrovsk", "Покровськ", "Покровск", ["Krasnoarmeysk", "Красноармейск", "Krasnoarmiisk", "Красноармійськ"], "Donetsk Oblast", 48.28, 37.18),
    ("Bakhmut", "Бахмут", "Бахмут", ["Artemovsk", "Артёмовск", "Artemivsk", "Артемівськ"], "Donetsk Oblast", 48.59, 38.0),
    ("Avdiivka", "Авдіївка", "Авдеевка", ["Avdeyevka", "Avdeevka"], "Donetsk Oblast", 48.14, 37.74),
    ("Vuhledar", "Вугледар", "Угледар", ["Ugledar"], "Donetsk Oblast", 47.78, 37.25),
    ("Kupiansk", "Куп'янськ", "Купянск", ["Kupyansk", "Kupjansk"], "Kharkiv Oblast", 49.71, 37.62),
    ("Vovchansk", "Вовчанськ", "Волчанск", ["Volchansk"], "Kharkiv Oblast", 50.29, 36.94),
    ("Chasiv Yar", "Часів Яр", "Часов Яр", ["Chasov Yar"], "Donetsk Oblast", 48.59, 37.83),
    ("Toretsk", "Торецьк", "Торецк", ["Dzerzhinsk", "Дзержинск", "Dzerzhynsk"], "Donetsk Oblast", 48.4, 37.85),
    ("Kurakhove", "Курахове", "Курахово", ["Kurakhovo"], "Donetsk Oblast", 47.98, 37.28),
    ("Myrnohrad", "Мирноград", "Мирноград", ["Dymytrov", "Димитров", "Dimitrov"], "Donetsk Oblast", 48.3, 37.26),
    ("Siversk", "Сіверськ", "Северск", ["Seversk"], "Donetsk Oblast", 48.87, 38.1),
    ("Lyman", "Лиман", "Лиман", ["Krasnyi Lyman", "Красный Лиман"], "Donetsk Oblast", 48.99, 37.8),
    ("Kostiantynivka", "Костянтинівка", "Константиновка", ["Konstantinovka"], "Donetsk Oblast", 48.53, 37.71),
    ("Huliaipole", "Гуляйполе", "Гуляйполе", ["Gulyaipole", "Hulyaipole"], "Zaporizhzhia Oblast", 47.66, 36.26),
    ("Orikhiv", "Оріхів", "Орехов", ["Orekhov"], "Zaporizhzhia Oblast", 47.57, 35.78),
    ("Robotyne", "Роботине", "Работино", ["Rabotino"], "Zaporizhzhia Oblast", 47.45, 35.84),
    ("Kherson", "Херсон", "Херсон", [], "Kherson Oblast", 46.64, 32.61),
    ("Kharkiv", "Харків", "Харьков", ["Kharkov"], "Kharkiv Oblast", 49.99, 36.23),
    ("Sumy", "Суми", "Сумы", [], "Sumy Oblast", 50.91, 34.8),
    ("Sudzha", "Суджа", "Суджа", [], "Kursk Oblast", 51.19, 35.27),
    ("Mariupol", "Маріуполь", "Мариуполь", ["Zhdanov", "Жданов"], "Donetsk Oblast", 47.1, 37.55),
    ("Sievierodonetsk", "Сєвєродонецьк", "Северодонецк", ["Severodonetsk"], "Luhansk Oblast", 48.95, 38.49),
    ("Lysychansk", "Лисичанськ", "Лисичанск", ["Lisichansk"], "Luhansk Oblast", 48.9, 38.43),
    ("Izium", "Ізюм", "Изюм", ["Izyum"], "Kharkiv Oblast", 49.21, 37.26),
    ("Kramatorsk", "Краматорськ", "Краматорск", [], "Donetsk Oblast", 48.72, 37.56),
    ("Sloviansk", "Слов'янськ", "Славянск", ["Slavyansk"], "Donetsk Oblast", 48.85, 37.6),
    ("Druzhkivka", "Дружківка", "Дружковка", ["Druzhkovka"], "Donetsk Oblast", 48.62, 37.53),
    ("Velyka Novosilka", "Велика Новосілка", "Великая Новоселка", ["Velikaya Novoselka"], "Donetsk Oblast", 47.84, 36.82),
    ("Selydove", "Селидове", "Селидово", ["Selidovo"], "Donetsk Oblast", 48.15, 37.3),
    ("Krynky", "Кринки", "Крынки", [], "Kherson Oblast", 46.73, 33.09),
    ("Enerhodar", "Енергодар", "Энергодар", ["Energodar"], "Zaporizhzhia Oblast", 47.5, 34.66),
    ("Nova Kakhovka", "Нова Каховка", "Новая Каховка", ["Novaya Kakhovka"], "Kherson Oblast", 46.75, 33.35),
    ("Tokmak", "Токмак", "Токмак", [], "Zaporizhzhia Oblast", 47.25, 35.71),
    ("Melitopol", "Мелітополь", "Мелитополь", [], "Zaporizhzhia Oblast", 46.85, 35.37),
    ("Berdiansk", "Бердянськ", "Бердянск", ["Osipenko", "Осипенко"], "Zaporizhzhia Oblast", 46.76, 36.79),
    ("Marinka", "Мар'їнка", "Марьинка", ["Maryinka"], "Donetsk Oblast", 47.94, 37.5),
    ("Soledar", "Соледар", "Соледар", ["Karlo-Libknekhtovsk", "Карло-Либкнехтовск"], "Donetsk Oblast", 48.68, 38.08),
    ("Kreminna", "Кремінна", "Кременная", ["Kremennaya"], "Luhansk Oblast", 49.05, 38.22),
    ("Svatove", "Сватове", "Сватово", ["Svatovo"], "Luhansk Oblast", 49.41, 38.15),
    ("Zaporizhzhia", "Запоріжжя", "Запорожье", ["Zaporozhye", "Aleksandrovsk"], "Zaporizhzhia Oblast", 47.84, 35.14),
    ("Odesa", "Одеса", "Одесса", ["Odessa"], "Odesa Oblast", 46.48, 30.72),
    ("Belgorod", "Бєлгород", "Белгород", [], "Belgorod Oblast", 50.6, 36.59),
    ("Kursk", "Курськ", "Курск", [], "Kursk Oblast", 51.73, 36.19),
]
RIVERS = ["Dnipro", "Oskil", "Siverskyi Donets", "Vovcha", "Mokri Yaly", "Kazennyi Torets", "Zherebets", "Haichur"]
CITIES = ["Istanbul", "Riyadh", "Geneva", "Jeddah", "Abu Dhabi", "Minsk", "Moscow", "Miami"]
DIRECTIONS = ["northern", "southern", "eastern", "western", "north-eastern", "south-western"]

# (question, claim, id words): {p} is the place's English name
TOPICS = [
    ("Who says {p} fell?", "Russian forces have taken control of {p}.", "{s}-fell"),
    ("Who says Ukraine retook {p}?", "Ukrainian forces have recaptured {p}.", "ukraine-retook-{s}"),
    ("Who says {p} is encircled?", "{p} is fully encircled by Russian forces.", "{s}-is-encircled"),
    ("Who says the bridge at {p} was destroyed?", "The road bridge at {p} has been destroyed.", "the-bridge-at-{s}-was-destroyed"),
    ("Who says Ukrainian troops withdrew from {p}?", "Ukrainian troops have withdrawn from {p}.", "ukrainian-troops-withdrew-from-{s}"),
    ("Who says a depot near {p} exploded?", "A Russian ammunition depot near {p} has exploded after a drone strike.", "a-depot-near-{s}-exploded"),
    ("Who says the power plant at {p} was hit?", "The thermal power plant at {p} was hit by a missile.", "the-power-plant-at-{s}-was-hit"),
    ("Who says civilians were evacuated from {p}?", "All civilians have been evacuated from {p}.", "civilians-were-evacuated-from-{s}"),
    ("Who says Russian forces crossed the river at {p}?", "Russian forces have crossed the river at {p}.", "russian-forces-crossed-the-river-at-{s}"),
    ("Who says the last supply road to {p} was cut?", "The last supply road to {p} has been cut.", "the-last-supply-road-to-{s}-was-cut"),
    ("Who says a drone struck the refinery near {p}?", "A drone struck the oil refinery near {p}.", "a-drone-struck-the-refinery-near-{s}"),
    ("Who says {p} is back under Ukrainian control?", "{p} is back under Ukrainian control.", "{s}-is-back-under-ukrainian-control"),
]

TAGS = [
    "russia-ukraine-war", "territorial-claims", "donetsk-oblast", "luhansk-oblast", "kharkiv-oblast",
    "zaporizhzhia-oblast", "kherson-oblast", "sumy-oblast", "kursk-oblast", "belgorod-oblast",
    "pokrovsk", "bakhmut", "avdiivka", "kupiansk", "chasiv-yar", "toretsk", "energy-infrastructure",
    "drone-strikes", "missile-strikes", "air-defence", "evacuations", "civilian-casualties",
    "prisoners-of-war", "peace-talks", "ceasefire", "sanctions", "mobilisation", "casualty-figures",
    "encirclement", "river-crossings", "bridges", "railways", "logistics", "black-sea", "crimea",
    "nuclear-safety", "zaporizhzhia-npp", "grain-exports", "disinformation", "deepfakes",
    "geolocation", "satellite-imagery", "front-line-maps", "isw-assessments", "kremlin-statements",
    "general-staff-reports", "war-crimes", "humanitarian-corridors", "refineries", "counteroffensive",
]

# first names and surnames: (Latin, Cyrillic)
UK_FIRST = [("Oleksandr", "Олександр"), ("Andriy", "Андрій"), ("Dmytro", "Дмитро"), ("Serhiy", "Сергій"), ("Yuriy", "Юрій"),
            ("Mykola", "Микола"), ("Viktor", "Віктор"), ("Olena", "Олена"), ("Iryna", "Ірина"), ("Kateryna", "Катерина"),
            ("Taras", "Тарас"), ("Bohdan", "Богдан"), ("Vitaliy", "Віталій"), ("Nataliya", "Наталія")]
UK_LAST = [("Kovalenko", "Коваленко"), ("Shevchenko", "Шевченко"), ("Bondarenko", "Бондаренко"), ("Tkachenko", "Ткаченко"),
           ("Kravchenko", "Кравченко"), ("Melnyk", "Мельник"), ("Lysenko", "Лисенко"), ("Marchenko", "Марченко"),
           ("Savchenko", "Савченко"), ("Rudenko", "Руденко"), ("Moroz", "Мороз"), ("Polishchuk", "Поліщук"),
           ("Hrytsenko", "Гриценко"), ("Oliynyk", "Олійник"), ("Pavlenko", "Павленко"), ("Kostenko", "Костенко")]
RU_FIRST = [("Aleksandr", "Александр"), ("Sergey", "Сергей"), ("Dmitry", "Дмитрий"), ("Andrei", "Андрей"), ("Igor", "Игорь"),
            ("Mikhail", "Михаил"), ("Yevgeny", "Евгений"), ("Viktor", "Виктор"), ("Pavel", "Павел"), ("Nikolai", "Николай"),
            ("Vladimir", "Владимир"), ("Gennady", "Геннадий"), ("Oleg", "Олег"), ("Anatoly", "Анатолий")]
RU_LAST = [("Ivanov", "Иванов"), ("Smirnov", "Смирнов"), ("Kuznetsov", "Кузнецов"), ("Popov", "Попов"), ("Sokolov", "Соколов"),
           ("Lebedev", "Лебедев"), ("Kozlov", "Козлов"), ("Novikov", "Новиков"), ("Morozov", "Морозов"), ("Volkov", "Волков"),
           ("Zaitsev", "Зайцев"), ("Pavlov", "Павлов"), ("Semyonov", "Семёнов"), ("Golubev", "Голубев"), ("Vinogradov", "Виноградов"),
           ("Bogdanov", "Богданов")]
EN_FIRST = ["John", "Sarah", "Michael", "Emma", "David", "Laura", "James", "Anna", "Thomas", "Rachel", "Mehmet", "Ayşe", "Rahul", "Priya"]
EN_LAST = ["Miller", "Thompson", "Clarke", "Harris", "Walker", "Bennett", "Hughes", "Foster", "Yılmaz", "Demir", "Sharma", "Iyer", "Fischer", "Novak"]

AFFILIATIONS = ["russia", "ukraine", "united-states", "united-kingdom", "india", "turkey", "independent"]
COUNTRY = {"russia": "Russia", "ukraine": "Ukraine", "united-states": "the United States", "united-kingdom": "the United Kingdom",
           "india": "India", "turkey": "Turkey", "independent": "no state"}
SIDE = {"russia": "Russian", "ukraine": "Ukrainian"}

OUTLET_WORDS = ["Herald", "Courier", "Daily", "Observer", "Monitor", "Telegraph", "Bulletin", "Review", "Chronicle", "Post",
                "Gazette", "Dispatch", "Reporter", "Tribune", "Journal", "Wire"]
OUTLET_PLACES = ["Kyiv", "Lviv", "Odesa", "Dnipro", "Moscow", "Rostov", "Donbas", "Black Sea", "Eastern", "Frontline",
                 "Ankara", "Delhi", "London", "Washington", "Baltic", "Danube", "Steppe", "Azov"]
RU_OUTLETS = [("Vesti", "Вести"), ("Izvestiya Yuga", "Известия Юга"), ("Voennaya Letopis", "Военная летопись"),
              ("Rossiyskiy Vestnik", "Российский вестник"), ("Front Segodnya", "Фронт сегодня"), ("Novosti Donbassa", "Новости Донбасса")]
UK_OUTLETS = [("Ukrainska Khronika", "Українська хроніка"), ("Frontovi Visti", "Фронтові вісті"), ("Skhidnyi Kurier", "Східний кур'єр"),
              ("Hromadske Radio", "Громадське радіо"), ("Novyny Donbasu", "Новини Донбасу")]


@dataclass
class Actor:
    id: str
    name_en: str
    kind: str
    affiliation: str
    names: dict[str, str] = field(default_factory=dict)  # other languages
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    url: str | None = None
    same_as: str | None = None
    anonymous: bool = False
    domain: str = ""


def slug(text: str) -> str:
    table = str.maketrans({"ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u", "'": ""})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def label(day: datetime.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


# ---------------------------------------------------------------- YAML by hand, as editors write it

PLAIN = re.compile(r"^[A-Za-z0-9«А-Яа-яЁёІіЇїЄєҐґ][^:#\"'\n{}\[\]&*!|>%@`]*(?<=[^ ])$")


def scalar(value: str) -> str:
    """A one-line scalar: plain where YAML reads it back verbatim, else double-quoted."""
    return value if PLAIN.match(value) else json.dumps(value, ensure_ascii=False)


def block(key: str, text: str, indent: int, style: str = ">-") -> list[str]:
    """`key: >-` (one paragraph, folded) or `key: |` (paragraphs), wrapped at 80 columns."""
    pad = " " * (indent + 2)
    lines = [f"{' ' * indent}{key}: {style}"]
    paragraphs = text.split("\n\n")
    for i, paragraph in enumerate(paragraphs):
        if i:
            lines.append("")
        for line in textwrap.wrap(paragraph, width=80 - len(pad), break_long_words=False, break_on_hyphens=False):
            lines.append(pad + line)
    return lines


def text_field(key: str, text: str, indent: int) -> list[str]:
    """Short text on the key's line; longer text folded, as in the bundled records."""
    if len(text) + len(key) + indent + 2 <= 80 or "\n" in text:
        return [f"{' ' * indent}{key}: {scalar(text)}"]
    return block(key, text, indent)


def localized(key: str, values: dict[str, str], indent: int) -> list[str]:
    lines = [f"{' ' * indent}{key}:"]
    for lang, text in values.items():
        lines += text_field(lang, text, indent + 2)
    return lines


# ---------------------------------------------------------------- text


class Writer:
    """Sentences about one explainer's place and actors, from templates."""

    SUMMARY = [
        "{actor} made the claim on {date}, and {outlet} reported it the same day.",
        "{actor2} denied it the next day, and no independent source confirmed it at the time.",
        "Satellite images published on {date2} show damage consistent with the claim, but not its full extent.",
        "{outlet} reported on {date2} that fighting was continuing in the {dir} part of {p}.",
        "Independent analysts, including those at {org}, found the claim of complete control unsupported at the time.",
        "Later reporting, in {month}, moved the evidence {towards} the claim.",
        "Neither side has published footage that can be geolocated to the centre of {p}.",
        "Open-source analysts geolocated footage to the {dir} outskirts of {p} on {date2}.",
        "The editors rate the claim **{status}** for now and will update this page as evidence appears.",
    ]
    OPENINGS = {
        "confirmed": "Yes: independent evidence now establishes it.",
        "likely": "Probably, but it is not confirmed.",
        "contested": "It is disputed, and the evidence does not settle it.",
        "unverified": "Nobody independent has confirmed or refuted it yet.",
        "unlikely": "Probably not, although it has not been ruled out.",
        "false": "No: independent evidence shows the claim is false.",
    }
    CONTEXT = [
        "{p} is a town in {region}, about {km} kilometres from the front line as it stood in early {year}.",
        "Before the full-scale invasion it had about {pop} inhabitants; local authorities estimate that fewer than {num} remain.",
        "The town sits on the main road between {p2} and {p3}, which made it a supply hub for the forces in the area.",
        "Fighting around {p} intensified in {month} after Russian forces advanced along the {river} river.",
        "The {unit} has been reported in the area since {month}.",
        "The claim came a day before talks between delegations in {city}, and its timing was widely noted.",
        "Both sides have an interest in how the battle is described: gains are announced quickly, and withdrawals late.",
        "Ukrainian commanders describe the town as a grey zone, where small groups from both sides move through the ruins.",
        "The name is {uk} in Ukrainian and {ru} in Russian; official Russian statements use the Russian form.",
        "Much of what is known comes from drone footage published by units on both sides, which is edited before release.",
        "Local volunteers who still deliver food to {p} describe daily shelling of the {dir} districts.",
        "In {city}, negotiators said that territory in {region} would be discussed \"at a later stage\".",
    ]
    ALIAS = "Russian officials call the town by another name, {alias} ({alias_cyr}), and the announcements use only that name."
    ASSESSMENT = [
        "When the claim was first made, nothing independent supported it.",
        "The evidence has since moved {towards} it.",
        "{org}, which follows the front line day by day, had not observed evidence to confirm the claim by {date2}.",
        "The editors rely on reporting of that assessment rather than on its original wording.",
        "That is why the status is `{status}`.",
        "It is not settled beyond doubt: the assessment is itself hedged, and no other independent source cited here establishes it.",
        "Geolocated footage from {date2} places {side} troops {km} kilometres from the centre of {p}.",
        "Statements by officials on either side are treated here as claims, not as evidence.",
        "A single unverified video is not enough to change the status; two independent sources that agree are.",
        "The editors will review the status when {org} publishes its next assessment of the area.",
        "{outlet}'s report of {date2}, which the editors have archived, is the most detailed account so far.",
    ]
    SAID = [
        "Said that {side} forces had taken full control of {p} and were clearing the remaining districts.",
        "Reported that {side} troops had withdrawn from positions on the {dir} edge of {p} to avoid encirclement.",
        "Told {outlet} that the situation around {p} was difficult but under control.",
        "Said that the claim about {p} was false and that defenders still held the {dir} part of the town.",
        "Described the fighting in {p} as the heaviest in the sector since {month}.",
        "Reported the claim, citing officials, without confirming it independently.",
        "Said that reconnaissance groups had entered {p} but that no unit held the centre of the town.",
        "Released a video that it presented as soldiers raising a flag in the centre of {p}.",
        "Said at a briefing that {num} attacks had been repelled near {p} over the previous day.",
        "Relayed a report from the commander of the {unit} that {p} had been taken.",
        "Published a map showing the {dir} districts of {p} as contested and the centre as held by neither side.",
    ]
    QUOTES_EN = [
        "The situation in {p} remains difficult, but our units are holding their positions.",
        "We have not observed evidence to confirm the complete seizure of {p}.",
        "The enemy's claims about {p} do not correspond to reality.",
        "{p} is under our full control.",
        "The defense of {p} continues.",
        "Our forces withdrew to more favourable positions to preserve the lives of our soldiers.",
        "There is no encirclement; logistics are difficult, but they work.",
        "This claim is almost certainly inaccurate.",
        "We see small groups infiltrating the {dir} districts, but nobody controls the centre.",
        "It will take weeks, not days, before anyone can say who holds {p}.",
    ]
    QUOTES_RU = [
        ("«Населённый пункт {ru} полностью освобождён подразделениями группировки войск.»",
         "The settlement of {p} has been completely liberated by units of the group of forces."),
        ("«Заявления киевского режима о ситуации в районе населённого пункта {ru} не соответствуют действительности.»",
         "The Kyiv regime's statements about the situation around the settlement of {p} do not correspond to reality."),
        ("«Наши подразделения продолжают выполнять боевые задачи, населённый пункт {ru} взят под контроль.»",
         "Our units continue to carry out their combat tasks; the settlement of {p} has been taken under control."),
        ("«Освобождение населённого пункта {ru} открывает возможности для дальнейшего продвижения.»",
         "The liberation of the settlement of {p} opens up opportunities for a further advance."),
        ("«Генеральный штаб доложил о взятии под контроль населённого пункта {ru}.»",
         "The General Staff has reported taking control of the settlement of {p}."),
        ("«Противник несёт значительные потери и отступает.»",
         "The enemy is suffering significant losses and is retreating."),
    ]
    QUOTES_UK = [
        ("«Оборона населеного пункту {uk} триває, ситуація складна, але контрольована.»",
         "The defence of the settlement of {p} continues; the situation is difficult but under control."),
        ("«Заяви ворога про захоплення населеного пункту {uk} не відповідають дійсності.»",
         "The enemy's claims to have captured the settlement of {p} do not correspond to reality."),
        ("«Наші підрозділи утримують позиції в північній частині населеного пункту {uk}.»",
         "Our units hold positions in the northern part of the settlement of {p}."),
        ("«Логістика ускладнена, але оточення немає.»",
         "Logistics are difficult, but there is no encirclement."),
        ("«Противник намагається просочуватися малими групами, ми їх знищуємо.»",
         "The enemy is trying to infiltrate in small groups; we are destroying them."),
        ("«Підрозділи відійшли на більш вигідні рубежі, щоб зберегти життя військовослужбовців.»",
         "The units have withdrawn to more favourable lines to save the lives of service members."),
    ]
    NOTES = [
        "Known only from {outlet}'s account; the original statement is not quoted in the source.",
        "Quoted as reported; the editors have not seen the original {kind}.",
        "Not a direct denial: the statement describes the situation without saying who holds the town.",
        "{outlet} does not say when this was said; the date is that of the report.",
        "The words quoted are the source's English rendering of a statement made in Russian.",
        "Said of the claim of complete control of the town, not of its outskirts. See the [archived copy]({archive}) for the full text.",
        "The same statement was repeated at a briefing two days later, with the *same* wording.",
    ]
    EVENTS = [
        "{org} reports heavy fighting on the {dir} outskirts of {p}.",
        "Satellite images show damage to the railway station in {p}.",
        "Local authorities announce the mandatory evacuation of families with children from {p}.",
        "The last road into {p} comes under Russian fire control, according to Ukrainian volunteers.",
        "Talks between delegations open in {city}; territory in {region} is on the agenda.",
        "{org} last observes Ukrainian forces in {p}.",
        "A bridge over the {river} near {p} is destroyed; both sides blame each other.",
    ]
    UPDATE_FIRST = "First published. {actor} makes the claim; there is no independent evidence either way yet."
    UPDATES = [
        "Added {actor2}'s statement and {org}'s assessment of {date2}.",
        "Added the timeline event of {date2} and a link to the archived copy of the source.",
        "Added what {outlet} reported from {p} and a note on the date of {actor}'s statement.",
    ]
    STATUS_CHANGE = "Status changed to {status}. {reason}"
    REASONS = {
        "confirmed": "Geolocated footage and {org}'s assessment of {date2} now establish the claim.",
        "likely": "This rests on {org}'s assessment as reported on {date2}; the editors have not seen its original wording.",
        "contested": "{actor2} denies the claim, and {org} has not observed evidence to confirm it.",
        "unverified": "There is still no independent evidence either way.",
        "unlikely": "Geolocated footage from {date2} shows {side} troops still holding positions in {p}.",
        "false": "{org} and geolocated footage of {date2} establish that the claim is false.",
    }
    CORRECTION = "Correction: an earlier version gave the wrong date for {actor}'s statement; it was made on {date}."

    def __init__(self, rng: random.Random, slots: dict[str, str]):
        self.rng = rng
        self.slots = slots

    def fill(self, template: str, **extra: str) -> str:
        return template.format_map({**self.slots, **extra})

    def sentences(self, pool: list[str], count: int) -> str:
        return " ".join(self.fill(s) for s in self.rng.sample(pool, count))

    def paragraphs(self, pool: list[str], counts: list[int]) -> str:
        """Paragraphs of counts[i] sentences each, no sentence used twice."""
        chosen = [self.fill(s) for s in self.rng.sample(pool, min(len(pool), sum(counts)))]
        out = []
        for count in counts:
            if chosen:
                out.append(" ".join(chosen[:count]))
                chosen = chosen[count:]
        return "\n\n".join(out)


# ---------------------------------------------------------------- actors


def make_actors(rng: random.Random, count: int) -> list[Actor]:
    actors: list[Actor] = []
    seen: set[str] = set()

    def add(actor: Actor) -> None:
        base, n = actor.id, 2
        while actor.id in seen or actor.id == "index":
            actor.id = f"{base}-{n}"
            n += 1
        seen.add(actor.id)
        actor.domain = f"{actor.id}.example.org"
        if actor.kind in ("media", "state-media", "think-tank", "ngo", "government", "military") and rng.random() < 0.8:
            actor.url = f"https://www.{actor.domain}/"
        if rng.random() < 0.3:
            actor.same_as = f"https://www.wikidata.org/wiki/Q{rng.randrange(1000, 99999999)}"
        actors.append(actor)

    media = max(10, count * 15 // 100)
    for i in range(media):  # the publishers come first
        roll = rng.random()
        if roll < 0.25:
            en, cyr = rng.choice(RU_OUTLETS)
            name = f"{en} {rng.choice(OUTLET_PLACES)}" if i >= len(RU_OUTLETS) else en
            add(Actor(slug(name), name, rng.choice(["media", "state-media"]), "russia", {"ru": cyr + (name[len(en):] if name != en else "")},
                      aliases=[cyr], description=f"Russian news outlet; since the full-scale invasion it has reported mainly from the occupied territories and the {rng.choice(OUTLET_PLACES)} region."))
        elif roll < 0.5:
            en, cyr = rng.choice(UK_OUTLETS)
            name = f"{en} {rng.choice(OUTLET_PLACES)}" if i >= len(UK_OUTLETS) else en
            add(Actor(slug(name), name, "media", "ukraine", {"uk": cyr + (name[len(en):] if name != en else "")}, aliases=[cyr],
                      description=f"Ukrainian news outlet with correspondents in {rng.choice(PLACES)[0]} and {rng.choice(PLACES)[0]}; publishes in Ukrainian and English."))
        else:
            name = f"The {rng.choice(OUTLET_PLACES)} {rng.choice(OUTLET_WORDS)}"
            affiliation = rng.choice(["united-states", "united-kingdom", "india", "turkey", "independent"])
            initials = "".join(w[0] for w in name.split()[1:])
            kind = rng.choice(["media", "media", "media", "think-tank"])
            add(Actor(slug(name[4:]), name, kind, affiliation, aliases=[initials, name[4:]],
                      description=f"{'News outlet' if kind == 'media' else 'Research institute'} based in {COUNTRY[affiliation] if affiliation != 'independent' else 'Europe'} that follows the war in Ukraine with **daily** reporting and maps."))
    while len(actors) < count:
        roll = rng.random()
        if roll < 0.55:  # a named person
            affiliation = rng.choice(["russia", "ukraine", "ukraine", "russia", "united-states", "united-kingdom", "turkey", "india"])
            if affiliation in ("russia", "ukraine"):
                first, last = (rng.choice(RU_FIRST), rng.choice(RU_LAST)) if affiliation == "russia" else (rng.choice(UK_FIRST), rng.choice(UK_LAST))
                name = f"{first[0]} {last[0]}"
                cyr = f"{first[1]} {last[1]}"
                lang = "ru" if affiliation == "russia" else "uk"
                names = {lang: cyr}
                aliases = [last[1], cyr, f"{first[0][0]}. {last[0]}"]
            else:
                name = f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"
                names, aliases = {}, [name.split()[-1]]
            place = rng.choice(PLACES)
            role = rng.choice([
                f"Spokesperson for the {SIDE.get(affiliation, 'Allied')} forces in the {place[4]} sector",
                f"Governor of {place[4]}",
                f"Commander of a {SIDE.get(affiliation, 'volunteer')} brigade fighting near {place[0]}",
                f"Military analyst and former officer who comments on the war in {COUNTRY[affiliation]}'s media",
                f"Member of parliament in {COUNTRY[affiliation]} who sits on its defence committee",
                f"War correspondent who has reported from {place[0]} since 2022",
            ])
            kind = "official" if role.startswith(("Spokes", "Governor", "Member")) else "person"
            add(Actor(slug(name), name, kind, affiliation, names, aliases,
                      f"{role}. Statements are usually made on Telegram and repeated by {rng.choice(['state media', 'the national telethon', 'regional outlets', 'wire services'])}."))
        elif roll < 0.8:  # a unit or an administration
            place = rng.choice(PLACES)
            if rng.random() < 0.5:
                number = rng.randrange(3, 160)
                affiliation = rng.choice(["russia", "ukraine"])
                unit = f"{number}th Separate Mechanized Brigade" if affiliation == "ukraine" else f"{number}th Motor Rifle Regiment"
                cyr = f"{number}-та окрема механізована бригада" if affiliation == "ukraine" else f"{number}-й мотострелковый полк"
                add(Actor(slug(unit), unit, "military", affiliation, {"uk" if affiliation == "ukraine" else "ru": cyr}, [cyr, f"{number} OMBr" if affiliation == "ukraine" else f"{number} MSP"],
                          f"{SIDE[affiliation]} army unit; in {rng.randrange(2022, 2027)} it was reported fighting near {place[0]} in {place[4]}."))
            else:
                name = f"{place[0]} City Military Administration"
                add(Actor(slug(name), name, "government", "ukraine", {"uk": f"{place[1]} міська військова адміністрація"}, [f"{place[1]} МВА", f"{place[0]} MVA"],
                          f"The civil-military authority of {place[0]} ({place[1]}), which reports on shelling, damage and evacuations."))
        else:  # a body
            affiliation = rng.choice(AFFILIATIONS)
            kind = rng.choice(["government", "ngo", "think-tank", "other"])
            topic = rng.choice(["Conflict Studies", "Security Policy", "Eastern European Studies", "Strategic Analysis", "Human Rights", "Humanitarian Affairs"])
            name = f"Centre for {topic} in {rng.choice(OUTLET_PLACES)}" if kind != "government" else f"Office of the {rng.choice(['Ombudsman', 'Prosecutor General', 'Presidential Envoy', 'Regional Governor'])} of {rng.choice(PLACES)[4]}"
            add(Actor(slug(name), name, kind, affiliation, aliases=["".join(w[0] for w in name.split() if w[0].isupper())],
                      description=f"{'Body' if kind == 'government' else 'Organisation'} that publishes {rng.choice(['weekly reports', 'daily assessments', 'maps', 'casualty counts'])} on the war; its figures are often quoted by both sides."))
    for actor in actors:
        if rng.random() < 0.03 and actor.kind == "person":
            actor.anonymous = True
    return actors


def actor_yaml(actor: Actor) -> str:
    lines = ["# yaml-language-server: $schema=../../schema/actor.schema.json"]
    lines += localized("name", {"en": actor.name_en, **actor.names}, 0) if actor.names else [f"name: {scalar(actor.name_en)}"]
    lines += [f"kind: {actor.kind}", f"affiliation: {actor.affiliation}"]
    lines += text_field("description", actor.description, 0)
    if actor.url:
        lines.append(f"url: {actor.url}")
    if actor.same_as:
        lines.append(f"same_as: {actor.same_as}")
    if actor.anonymous:
        lines.append("anonymous: true")
    if actor.aliases:
        lines.append("aliases:")
        lines += [f"  - {scalar(a)}" for a in dict.fromkeys(actor.aliases)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- explainers and sources


def pick_day(rng: random.Random, low: datetime.date, high: datetime.date) -> datetime.date:
    return low + datetime.timedelta(days=rng.randrange((high - low).days + 1))


def generate(count: int, out: Path, seed: int = 7) -> dict[str, int]:
    """Write the content for `count` explainers into `out` (which must be empty or absent)."""
    rng = random.Random(f"who-says-what-bench:{seed}:{count}")
    for kind in ("explainers", "actors", "sources", "pages"):
        (out / kind).mkdir(parents=True, exist_ok=True)

    actors = make_actors(rng, min(2000, max(50, count // 10)))
    media = [a for a in actors if a.kind in ("media", "state-media", "think-tank")]
    # a skew: the first actors in a shuffled order make most statements, as in real coverage
    order = actors[:]
    rng.shuffle(order)
    cum: list[float] = []
    total = 0.0
    for rank in range(len(order)):
        total += 1 / (rank + 1) ** 0.8
        cum.append(total)
    media_cum = [sum(1 / (r + 1) ** 0.6 for r in range(i + 1)) for i in range(len(media))]
    slots = count * 6
    coverage = dict(zip(rng.sample(range(slots), len(actors)), actors, strict=True)) if slots >= len(actors) else {}

    ids: list[str] = []
    seen: set[str] = set()
    plans = []
    for _ in range(count):
        place = PLACES[rng.randrange(len(PLACES))]
        topic = TOPICS[rng.randrange(len(TOPICS))]
        start = pick_day(rng, FIRST_DAY, LAST_START)
        base = "who-says-" + topic[2].format(s=slug(place[0]))
        eid = base if base not in seen else f"{base}-{start:%Y-%m}"
        n = 2
        while eid in seen:
            eid = f"{base}-{start:%Y-%m}-{n}"
            n += 1
        seen.add(eid)
        ids.append(eid)
        plans.append((place, topic, start))

    sizes = {"explainers": 0, "actors": 0, "sources": 0}
    for i, (eid, (place, topic, start)) in enumerate(zip(ids, plans, strict=True)):
        p_en, p_uk, p_ru, aliases, region, lat, lon = place
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        speakers = []
        for k in range(6):
            slot = i * 6 + k
            speakers.append(coverage.get(slot) or order[rng.choices(range(len(order)), cum_weights=cum)[0]])
        publisher = media[rng.choices(range(len(media)), cum_weights=media_cum)[0]]
        org = rng.choice(media)
        others = [PLACES[rng.randrange(len(PLACES))][0] for _ in range(2)]
        d2 = start + datetime.timedelta(days=rng.randrange(1, 20))
        slots_ = {
            "p": p_en, "uk": p_uk, "ru": p_ru, "region": region, "p2": others[0], "p3": others[1],
            "actor": speakers[0].name_en, "actor2": speakers[1].name_en, "outlet": publisher.name_en, "org": org.name_en,
            "date": label(start), "date2": label(d2), "month": f"{start:%B %Y}", "year": str(start.year),
            "dir": rng.choice(DIRECTIONS), "river": rng.choice(RIVERS), "city": rng.choice(CITIES),
            "unit": f"{rng.randrange(3, 160)}th Brigade", "km": str(rng.randrange(2, 40)), "num": str(rng.randrange(50, 9000)),
            "pop": f"{rng.randrange(5, 90)},000", "status": status, "side": rng.choice(["Russian", "Ukrainian"]),
            "towards": "towards" if status in ("confirmed", "likely") else "away from" if status in ("unlikely", "false") else "neither towards nor away from",
            "kind": "statement", "archive": "",
        }
        w = Writer(rng, slots_)

        # statements: dates within 25 days of the start; the source is published after the last one
        stance_list = ["supports"] + [rng.choice(STANCES) for _ in range(5)]
        rng.shuffle(stance_list)
        days = sorted(start + datetime.timedelta(days=rng.randrange(0, 26)) for _ in range(6))
        published_source = days[-1] + datetime.timedelta(days=rng.randrange(0, 4))
        if publisher.affiliation == "russia":
            source_lang = "ru" if rng.random() < 0.7 else "en"
        elif publisher.affiliation == "ukraine":
            source_lang = "uk" if rng.random() < 0.4 else "en"
        else:
            source_lang = "en"
        sid_base = f"{publisher.id}-{published_source.isoformat()}"
        sid, n = sid_base, 2
        while sid in seen:
            sid = f"{sid_base}-{n}"
            n += 1
        seen.add(sid)
        source_url = f"https://www.{publisher.domain}/{published_source:%Y/%m/%d}/{eid.removeprefix('who-says-')}-{rng.randrange(10000, 99999)}"
        archive = f"https://web.archive.org/web/{published_source:%Y%m%d}{rng.randrange(0, 240000):06d}/{source_url}"
        w.slots["archive"] = archive

        lines = ["# yaml-language-server: $schema=../../schema/explainer.schema.json"]
        question = topic[0].format(p=p_en)
        claim = topic[1].format(p=p_en)
        lines.append(f"question: {scalar(question)}")
        if rng.random() < 0.15:
            lines += localized("claim", {"en": claim, "uk": f"Твердження щодо населеного пункту {p_uk}."}, 0)
        else:
            lines.append(f"claim: {scalar(claim)}")
        lines.append(f"status: {status}")

        # updates: 2-3, in date order, the last one carries the final status
        published = start + datetime.timedelta(days=1)
        n_updates = rng.choice([2, 3])
        dates = [published]
        for _ in range(n_updates - 1):
            dates.append(min(TODAY, dates[-1] + datetime.timedelta(days=rng.randrange(1, 90))))
        if status in UNSETTLED:
            dates[-1] = max(dates[-2], pick_day(rng, TODAY - datetime.timedelta(days=STALE_DAYS), TODAY))
        first_status = rng.choice(UNSETTLED)
        update_statuses: list[str | None] = [first_status] + [None] * (n_updates - 2) + [status]
        if n_updates == 3 and rng.random() < 0.5:
            update_statuses[1] = rng.choice(STATUSES)
        lines.append(f"published: {published.isoformat()}")
        if rng.random() < 0.8:
            lines.append(f"updated: {dates[-1].isoformat()}")
        lines.append("")
        summary = Writer.OPENINGS[status] + " " + w.sentences(Writer.SUMMARY, rng.randrange(4, 6))
        lines += block("summary", summary, 0, "|")
        lines.append("")
        assessment = w.paragraphs(Writer.ASSESSMENT, [rng.randrange(3, 5) for _ in range(rng.randrange(2, 4))])
        lines += block("assessment", assessment, 0, "|")
        lines.append("")
        context = w.paragraphs(Writer.CONTEXT, [rng.randrange(3, 5) for _ in range(3)])
        latin = [a for a in aliases if a.isascii()]
        cyrillic = [a for a in aliases if not a.isascii()]
        if latin and cyrillic:
            first, rest = context.split("\n\n", 1)
            context = f"{first}\n\n{w.fill(Writer.ALIAS, alias=latin[0], alias_cyr=cyrillic[0])}\n\n{rest}"
        lines += block("context", context, 0, "|")
        lines.append("")
        lines += ["place:", "  name:", f"    en: {scalar(p_en)}", f"    uk: {scalar(p_uk)}", f"    ru: {scalar(p_ru)}"]
        place_aliases = [p_uk, p_ru] + aliases
        lines.append("  aliases:")
        lines += [f"    - {scalar(a)}" for a in dict.fromkeys(place_aliases) if a != p_en]
        lines += [f"  lat: {lat + rng.uniform(-0.05, 0.05):.2f}", f"  lon: {lon + rng.uniform(-0.05, 0.05):.2f}", ""]
        tags = rng.sample(TAGS, rng.choice([2, 3]))
        lines.append("tags:")
        lines += [f"  - {t}" for t in tags]
        lines += ["", "statements:"]
        for k, speaker in enumerate(speakers):
            day = days[k]
            date = f"{day:%Y-%m}" if rng.random() < 0.1 else day.isoformat()
            lines.append(f"  - by: {speaker.id}")
            lines.append(f"    stance: {stance_list[k]}")
            lines.append(f"    date: {date}")
            if rng.random() < 0.55:
                lang = {"russia": "ru", "ukraine": "uk"}.get(speaker.affiliation, "en")
                if lang != "en" and rng.random() < 0.3:
                    lang = "en"
                if lang == "en":
                    lines.append(f"    quote: {scalar(w.fill(rng.choice(Writer.QUOTES_EN)))}")
                    if source_lang != "en":
                        lines.append("    quote_lang: en")
                else:
                    original, translation = rng.choice(Writer.QUOTES_RU if lang == "ru" else Writer.QUOTES_UK)
                    lines.append(f"    quote: {scalar(w.fill(original))}")
                    if lang != source_lang or rng.random() < 0.5:
                        lines.append(f"    quote_lang: {lang}")
                    if rng.random() < 0.9:
                        lines += text_field("translation", w.fill(translation), 4)
            else:
                lines += text_field("said", w.fill(rng.choice(Writer.SAID)), 4)
            lines.append(f"    source: {sid}")
            if rng.random() < 0.3:
                lines.append(f"    locator: {scalar(rng.choice([f'paragraph {rng.randrange(1, 20)}', f'at {rng.randrange(0, 59):02d}:{rng.randrange(0, 59):02d}', f'page {rng.randrange(1, 40)}', 'the third post in the thread']))}")
            if rng.random() < 0.6:
                lines += block("note", w.sentences(Writer.NOTES, rng.choice([1, 2])), 4)
            lines.append("")
        lines.append("timeline:")
        for day in sorted(pick_day(rng, start - datetime.timedelta(days=10), start + datetime.timedelta(days=20)) for _ in range(rng.choice([2, 3]))):
            lines.append(f"  - date: {day.isoformat() if rng.random() < 0.9 else f'{day:%Y-%m}'}")
            lines += text_field("event", w.fill(rng.choice(Writer.EVENTS)), 4)
            if rng.random() < 0.6:
                lines.append(f"    source: {sid}")
        lines += ["", "updates:"]
        for k, (day, update_status) in enumerate(zip(dates, update_statuses, strict=True)):
            lines.append(f"  - date: {day.isoformat()}")
            if update_status:
                lines.append(f"    status: {update_status}")
            if k == 0:
                note = w.fill(Writer.UPDATE_FIRST)
            elif update_status and update_status != update_statuses[k - 1]:
                note = w.fill(Writer.STATUS_CHANGE, status=update_status, reason=w.fill(Writer.REASONS[update_status]))
            elif rng.random() < 0.15:
                note = w.fill(Writer.CORRECTION)
                lines.append("    correction: true")
            else:
                note = w.fill(rng.choice(Writer.UPDATES))
            lines += text_field("note", note, 4)
        others = [x for x in rng.sample(ids, min(len(ids), 3)) if x != eid][: rng.choice([1, 2])]
        if others:
            lines += ["", "related:"] + [f"  - {x}" for x in others]
        text = "\n".join(lines) + "\n"
        (out / "explainers" / f"{eid}.yml").write_text(text, encoding="utf-8")
        sizes["explainers"] += len(text.encode())

        # the source
        if source_lang == "ru":
            title = rng.choice([f"Минобороны сообщило об освобождении населённого пункта {p_ru}", f"Бои в районе населённого пункта {p_ru}: что известно",
                                f"Генштаб доложил о ситуации в районе населённого пункта {p_ru}"])
        elif source_lang == "uk":
            title = rng.choice([f"Бої за {p_uk}: що відомо на цей час", f"Генштаб: оборона населеного пункту {p_uk} триває", f"Ситуація в районі населеного пункту {p_uk}"])
        else:
            title = rng.choice([f"Russia claims capture of {p_en} as fighting continues", f"Battle for {p_en}: what we know on {label(published_source)}",
                                f"Russian offensive campaign assessment, {label(published_source)}", f"[{publisher.name_en} report on the fighting in {p_en}]",
                                f"{p_en}: {rng.choice(['Ukrainian', 'Russian'])} forces {rng.choice(['hold the line', 'advance', 'regroup'])} in {region}"])
        src = ["# yaml-language-server: $schema=../../schema/source.schema.json", f"title: {scalar(title)}", f"publisher: {publisher.id}",
               f"kind: {rng.choice(SOURCE_KINDS)}",
               f"published: {published_source.isoformat() if rng.random() < 0.9 else f'{published_source:%Y-%m}'}",
               f"url: {source_url}", f"archive: {archive}"]
        if rng.random() < 0.5:
            src.append(f"accessed: {pick_day(rng, published_source, min(TODAY, published_source + datetime.timedelta(days=60))).isoformat()}")
        if source_lang != "en" or rng.random() < 0.3:
            src.append(f"language: {source_lang}")
        if rng.random() < 0.4:
            src.append("authors:")
            src += [f"  - {scalar(f'{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}')}" for _ in range(rng.choice([1, 2]))]
        text = "\n".join(src) + "\n"
        (out / "sources" / f"{sid}.yml").write_text(text, encoding="utf-8")
        sizes["sources"] += len(text.encode())

    for actor in actors:
        text = actor_yaml(actor)
        (out / "actors" / f"{actor.id}.yml").write_text(text, encoding="utf-8")
        sizes["actors"] += len(text.encode())
    (out / "pages" / "about.md").write_text(
        "# About\n\nA synthetic site for benchmarks: every record is generated by `bench/synthetic.py`.\n\n"
        "## Methodology\n\nWhat the statuses mean.\n\n## Track records\n\nHow an actor's track record is counted.\n",
        encoding="utf-8",
    )
    (out / "pages" / "editor-guide.md").write_text("# Editor's guide\n\nThe real guide is in `content/pages/`.\n", encoding="utf-8")
    return {"explainers": count, "actors": len(actors), "sources": count, **{f"{k}_bytes": v for k, v in sizes.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description="write synthetic content for N explainers")
    parser.add_argument("count", type=int, help="number of explainers")
    parser.add_argument("out", type=Path, help="content directory to create (must not exist)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"error: '{args.out}' exists", file=sys.stderr)
        return 2
    stats = generate(args.count, args.out, args.seed)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
