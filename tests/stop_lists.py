"""What the gate checks on every shared corpus besides its scores: no figure counts things
that are not people (houses, vehicles, livestock, power cuts, rounds fired), and no incident
is placed at a word that names no place (a street, an agency, a day).

The nouns are the test's own stop list, in each language of the shared corpora; a figure
is flagged when its quote puts its number right before one ("burned 12 houses", "300 têtes
de bétail").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tally.words import MONTHS, NUMBER_WORDS, WEEKDAYS

NOT_PEOPLE = {
    "en": "houses homes buildings structures vehicles cars trucks buses shops stores hectares "
    "acres head cattle livestock cows goats sheep camels animals dogs horses chickens poultry "
    "outages rounds shots bullets casings rockets missiles drones shells tonnes tons dollars "
    "euros",
    "de": "häuser gebäude wohnungen fahrzeuge autos rinder tiere schüsse raketen drohnen euro",
    "fr": "maisons bâtiments logements véhicules voitures animaux bétail têtes balles roquettes "
    "missiles drones euros",
    "es": "casas edificios viviendas vehículos coches autos animales ganado cabezas balas "
    "disparos cohetes misiles drones dólares",
    "pt": "casas prédios edifícios veículos carros animais gado cabeças balas disparos "
    "foguetes mísseis drones reais",
    "ru": "домов зданий квартир автомобилей машин голов скота животных ракет дронов "
    "беспилотников снарядов рублей",
    "uk": "будинків будівель квартир автомобілів машин голів худоби тварин ракет дронів "
    "безпілотників снарядів гривень",
    "ar": "منازل منزلا مبان مباني سيارات مركبات رأس ماشية صواريخ طائرات قذائف دولار",
}
_NOUNS = "|".join(sorted({w for words in NOT_PEOPLE.values() for w in words.split()}, key=len))
_WORDS = sorted((w for w in NUMBER_WORDS if w != "zero"), key=len, reverse=True)
_NUMBER = rf"(?P<n>\d[\d,.\u202f\u00a0 ]*|{'|'.join(_WORDS)}|dozens?|scores|hundreds?|thousands?)"
_PEOPLE_AFTER = r"thie\w*|owners?|passengers?|drivers?|herders?|rustlers?|keepers?|occupants?"
COUNTED_THING = re.compile(
    rf"(?<!\w){_NUMBER}\s+(?:\w+\s+)?(?:{_NOUNS})(?!\w)(?!\s+(?:{_PEOPLE_AFTER})\b)", re.I
)
"""A number counting things: right before one of `NOT_PEOPLE` (one word between at most),
which no people noun follows ("two cattle thieves" are people)."""


def counts_things(quote: str, value: int) -> bool:
    """Whether the quote's count of `value` counts things ("12 houses" for 12)."""
    for m in COUNTED_THING.finditer(quote):
        n = m["n"].lower().strip()
        digits = re.sub(r"\D", "", n)
        if n in NUMBER_WORDS:
            stated: int | None = NUMBER_WORDS[n]
        else:
            stated = int(digits) if digits else None  # "dozens", "hundreds": any value
        if stated is None or stated == value:
            return True
    return False


def non_person_figures(figures: Path) -> list[str]:
    """The figures of an export (`figures.jsonl`) read from a count of things: a numeral's
    figure (rule `num.*`, `ml.*`) whose quote counts its value of things. The victims
    reader's figures count people it names, never a number."""
    out = []
    for line in figures.read_text(encoding="utf-8").splitlines():
        f = json.loads(line)
        numeral = (f.get("rule") or "num.").startswith(("num.", "ml."))
        if numeral and counts_things(f["quote"], f["value"]):
            out.append(f"{f['doc']}:{f['start']}: {f['value']} {f['category']}: {f['quote']!r}")
    return out


NOT_PLACES_LAST = frozenset(
    [
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "drive",
        "lane",
        "highway",
        "hwy",
        "parkway",
        "police",
        "department",
        "sheriff",
        "hospital",
        "school",
        "office",
        "court",
        "jail",
        "prison",
    ]
)
"""Last words of a name that is a street or an institution, never a town ("Pennsylvania Ave",
"Memorial Hospital"; not "station" or "church": Bean Station, Falls Church)."""
NOT_PLACES = (
    frozenset(WEEKDAYS)
    | {m for m in MONTHS if m != "may"}
    | {
        *("christmas", "thanksgiving", "easter", "police", "sheriff", "officials", "authorities"),
        *("breaking", "update"),
    }
)
"""Words that are no place at all."""


def non_place_incidents(incidents: Path) -> list[str]:
    """The incidents of an export (`incidents.jsonl`) placed at a word of the stop lists."""
    out = []
    for line in incidents.read_text(encoding="utf-8").splitlines():
        inc = json.loads(line)
        place = (inc.get("place") or "").strip()
        words = place.lower().replace(".", "").split()
        if words and (words[-1] in NOT_PLACES_LAST or place.lower() in NOT_PLACES):
            out.append(f"{inc['incident']}: {place!r}")
    return out
