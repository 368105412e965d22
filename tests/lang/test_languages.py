"""One table of news sentences per language (written for these tests): what each must yield.

Each row is a sentence and the figures (category, value, qualifier, group) the
extractor must find in it, read through the language's own data files.
"""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.models import Document, text_hash

Row = tuple[str, str, list[tuple[str, int, str, str]]]

TABLE: list[Row] = [
    (
        "fr",
        "Au moins 14 personnes ont été tuées samedi dans l'explosion, selon la préfecture.",
        [("killed", 14, "at_least", "people")],
    ),
    (
        "fr",
        "L'incendie a fait trois morts et une vingtaine de blessés.",
        [("killed", 3, "exact", "people"), ("injured", 20, "about", "people")],
    ),
    (
        "fr",
        "Le bilan s'élève désormais à plus de 1 200 morts, dont 300 enfants.",
        [("killed", 1200, "more_than", "people"), ("killed", 300, "exact", "children")],
    ),
    (
        "de",
        "Bei dem Busunglück kamen mindestens 17 Menschen ums Leben, teilte die Polizei mit.",
        [("killed", 17, "at_least", "people")],
    ),
    (
        "de",
        "Nach Angaben der Feuerwehr wurden vierundzwanzig Menschen verletzt.",
        [("injured", 24, "exact", "people")],
    ),
    (
        "de",
        "Mehr als 2.300 Bewohner mussten evakuiert werden.",
        [("displaced", 2300, "more_than", "civilians")],
    ),
    (
        "es",
        "Al menos 32 personas murieron en el derrumbe, según Protección Civil.",
        [("killed", 32, "at_least", "people")],
    ),
    (
        "es",
        "Las inundaciones dejaron 1.250 desplazados y decenas de heridos.",
        [("displaced", 1250, "exact", "people"), ("injured", 12, "multiples", "people")],
    ),
    (
        "pt",
        "Pelo menos 19 pessoas morreram no deslizamento de terra, segundo a Defesa Civil.",
        [("killed", 19, "at_least", "people")],
    ),
    (
        "pt",
        "O acidente deixou cerca de 40 feridos, entre eles sete crianças.",
        [("injured", 40, "about", "people")],
    ),
    (
        "ru",
        "В результате обрушения погибли не менее 11 человек, сообщили в МЧС.",
        [("killed", 11, "at_least", "people")],
    ),
    (
        "ru",
        "Более 1 500 жителей были эвакуированы из зоны подтопления.",
        [("displaced", 1500, "more_than", "civilians")],
    ),
    (
        "uk",
        "Внаслідок удару загинули щонайменше 9 людей, ще 27 поранені, повідомила ОВА.",
        [("killed", 9, "at_least", "people"), ("injured", 27, "exact", "people")],
    ),
    (
        "uk",
        "За даними рятувальників, під завалами загинули понад двадцять осіб.",
        [("killed", 20, "more_than", "people")],
    ),
    (
        "ar",
        "قتل ما لا يقل عن 23 شخصا في انفجار بالعاصمة، وفقا لوزارة الصحة.",
        [("killed", 23, "at_least", "people")],
    ),
    (
        "ar",
        "وأصيب ١٤٢٩ شخصاً بجروح متفاوتة بحسب الدفاع المدني.",
        [("injured", 1429, "exact", "people")],
    ),
    (
        "es",
        "La tormenta dejó 41 muertos: 30 en Murcia, diez en Almería y uno en Jaén.",
        [
            ("killed", 41, "exact", "people"),
            ("killed", 30, "exact", "people"),
            ("killed", 10, "exact", "people"),
            ("killed", 1, "exact", "people"),
        ],
    ),
    (
        "fr",
        "Les secours ont dénombré 70 blessés, dont 12 dans un état critique.",
        [("injured", 70, "exact", "people"), ("injured", 12, "exact", "people")],
    ),
    (
        "ru",
        "В списках пропавших — 35 человек, из них 12 детей.",
        [("missing", 35, "exact", "people"), ("missing", 12, "exact", "children")],
    ),
    (
        "ar",
        "وانتشلت فرق الإنقاذ جثث 60 شخصا، بينهم 8 على الأقل من عمال المصنع.",
        [("killed", 60, "exact", "people"), ("killed", 8, "at_least", "people")],
    ),
    ("de", "Die Zahl der Toten stieg am Abend auf 27.", [("killed", 27, "exact", "people")]),
    # students are people of any age (pupils are children)
    (
        "es",
        "Habló la madre de una estudiante de Derecho que murió en el incendio.",
        [("killed", 1, "exact", "people")],
    ),
    ("pt", "Dez estudantes morreram no incêndio.", [("killed", 10, "exact", "people")]),
    # a colon adds the count to a clause of harm or of the victims
    (
        "uk",
        "Волонтери вважають, що жертв могло бути більше: близько 90 людей у підвалі школи.",
        [("killed", 90, "about", "people")],
    ),
    (
        "es",
        "Los vecinos creen que las víctimas fueron muchas más: unas 90 personas en el sótano.",
        [("killed", 90, "about", "people")],
    ),
    (
        "fr",
        "Selon les secouristes, le bilan serait plus lourd : environ 90 personnes dans la cave.",
        [("killed", 90, "about", "people")],
    ),
]


def _doc(text: str, language: str) -> Document:
    return Document(id=text_hash(text), text=text, kind="text", name="t.txt", language=language)


@pytest.mark.parametrize(("language", "sentence", "expected"), TABLE)
def test_sentence_figures(language: str, sentence: str, expected: list) -> None:
    got = [(f.category, f.value, f.qualifier, f.group) for f in extract(_doc(sentence, language))]
    for want in expected:
        assert want in got, got


@pytest.mark.parametrize(
    ("language", "sentence", "source_word"),
    [
        ("fr", "Selon la préfecture, 14 personnes ont été tuées.", "préfecture"),
        ("de", "Am Abend meldete die Polizei zwölf Tote.", "Polizei"),
        ("es", "El Ministerio de Sanidad informó de 30 fallecidos.", "Sanidad"),
        ("es", "Balance provisional de la noche: 40 muertos y 12 heridos.", "Balance"),
        (
            "fr",
            "Neuf personnes sont mortes dans l'incendie, a annoncé dimanche la préfecture.",
            "préfecture",
        ),
        ("de", "Am Abend hatten die Behörden von 31 Toten gesprochen.", "Behörden"),
        ("ru", "По данным МЧС, погибли 11 человек.", "МЧС"),
        ("uk", "За даними ДСНС, загинули 9 людей.", "ДСНС"),
        ("uk", "Місія ООН дійшла висновку, що загинули 14 людей.", "ООН"),
        ("ar", "وقال وزير الصحة إن 23 شخصا قتلوا.", "وزير"),
    ],
)
def test_attribution(language: str, sentence: str, source_word: str) -> None:
    figures = extract(_doc(sentence, language))
    assert figures and source_word in (figures[0].attribution or ""), figures


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "Le camion de 19 tonnes a été retrouvé, 3 ans après les faits."),
        ("es", "La ciudad tiene 2.300 viviendas y 15 kilómetros de costa."),
        ("de", "Der 19. Dezember 2016 bleibt ein Tag der Trauer."),
        ("ru", "Пожар начался 25 марта около 16 часов."),
        ("ru", "Следствие по делу о пожаре длилось три с лишним года."),
    ],
)
def test_numbers_that_are_not_counts(language: str, sentence: str) -> None:
    assert extract(_doc(sentence, language)) == []


@pytest.mark.parametrize(
    ("language", "condition", "toll"),
    [
        (
            "es",
            "Si se confirmara la muerte de los desaparecidos,",
            "la cifra total ascendería a 87.",
        ),
        ("fr", "Si les disparus sont retrouvés morts,", "40 personnes sont mortes."),
        ("de", "Sollten sich die Angaben bestätigen,", "wären 40 Menschen gestorben."),
        ("pt", "Se os desaparecidos forem confirmados mortos,", "o total de mortos chegará a 87."),
        ("ru", "Если пропавшие погибли,", "число жертв достигнет 87."),
        ("uk", "Якщо зниклі загинули,", "кількість жертв сягне 87."),
        ("ar", "وإذا تأكدت وفاة المفقودين", "فإن الحصيلة سترتفع إلى 87 قتيلا."),
    ],
)
def test_a_count_under_a_condition_is_no_figure(language: str, condition: str, toll: str) -> None:
    """A sentence opened by a clause of condition tells what would be: its toll is no
    figure, though the same toll stated outright is one."""
    assert extract(_doc(f"{condition} {toll}", language)) == []
    stated = toll[0].upper() + toll[1:]
    assert [f.value for f in extract(_doc(stated, language))] in ([87], [40])


@pytest.mark.parametrize(
    ("language", "text", "value", "group"),
    [
        ("es", "La riada causó 40 muertos.\nDe ellos, 25 eran mujeres y 15, hombres.", 25, "women"),
        ("pt", "O incêndio matou 50 pessoas.\nEntre elas, 20 eram crianças.", 20, "children"),
    ],
)
def test_breakdown_in_the_next_sentence(language: str, text: str, value: int, group: str) -> None:
    got = {(f.category, f.value, f.group) for f in extract(_doc(text, language))}
    assert ("killed", value, group) in got, got


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "pt",
            "A cheia deixou 400 feridos. Os psicólogos estimam que 300 habitantes da zona "
            "venham a precisar de apoio.",
        ),
        (
            "es",
            "La riada dejó 400 heridos. Los psicólogos calculan que 300 vecinos de la zona "
            "necesitarán apoyo.",
        ),
    ],
)
def test_people_counted_later_without_a_part_marker_are_no_breakdown(
    language: str, text: str
) -> None:
    """A sentence with no harm word of its own continues the count before it only as a
    part of it ("De ellos, 25 eran mujeres"): people it counts otherwise are others."""
    assert [f.value for f in extract(_doc(text, language))] == [400]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "pt",
            "A contagem subiu depressa: 95 mortos na noite de terça-feira, mais de 200 ao fim "
            "de uma semana.",
            {("killed", 95, "exact"), ("killed", 200, "more_than")},
        ),
        (
            "es",
            "El recuento creció cada hora: 40 muertos el miércoles, 95 el jueves y más de 150 "
            "el viernes.",
            {("killed", 40, "exact"), ("killed", 95, "exact"), ("killed", 150, "more_than")},
        ),
        (
            "de",
            "Am ersten Tag meldete die Polizei 30 Tote. Später erlagen weitere Schwerverletzte "
            "im Krankenhaus ihren Verletzungen, die Zahl stieg auf 32 und schließlich auf 35.",
            {("killed", 30, "exact"), ("killed", 32, "exact"), ("killed", 35, "exact")},
        ),
        (
            "de",
            "Bei dem Anschlag am Sonntag, 30. Oktober, starben 14 Menschen.",
            {("killed", 14, "exact")},
        ),
        (
            "ru",
            "Погибли 12 человек, а за три с лишним года после пожара умерли ещё двое.",
            {("killed", 12, "exact"), ("killed", 2, "exact")},
        ),
        (
            "es",
            "Alrededor de medio millar de personas han pasado la noche en los albergues "
            "municipales, según el ayuntamiento.",
            {("displaced", 500, "about")},
        ),
    ],
)
def test_counts_listed_after_the_first(language: str, text: str, expected: set) -> None:
    """A bare number listed after its sentence's count counts what it counts (and only
    counts: a date or a span of years beside it is not one)."""
    got = {(f.category, f.value, f.qualifier) for f in extract(_doc(text, language))}
    assert got == expected


def test_subset_parts_are_marked() -> None:
    text = "La tormenta dejó 41 muertos: 30 en Murcia y uno en Jaén."
    parts = {f.value: f.subset for f in extract(_doc(text, "es"))}
    assert parts == {41: False, 30: True, 1: True}
