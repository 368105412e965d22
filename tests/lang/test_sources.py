"""Who gave each figure, in sentences written for these tests: one table per class of source."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.models import Document, Figure, text_hash


def _figures(text: str, language: str) -> list[Figure]:
    doc = Document(id=text_hash(text), text=text, kind="text", name="t.txt", language=language)
    return extract(doc)


def _source_of(figures: list[Figure], value: int) -> str:
    return next(f.attribution or "" for f in figures if f.value == value)


@pytest.mark.parametrize(
    ("language", "text", "value", "words"),
    [
        # a name set off by commas after the title belongs to the source
        (
            "fr",
            "Trente personnes ont été tuées, a annoncé le préfet du Var, Jean Dumas, lors d'un point presse.",
            30,
            ["préfet", "Jean Dumas"],
        ),
        (
            "es",
            "Al menos 14 personas murieron, según el alcalde de Lorca, Pedro Sánchez.",
            14,
            ["alcalde", "Pedro Sánchez"],
        ),
        # an acronym in brackets stays in the source
        (
            "fr",
            "Selon l'Organisation mondiale de la santé (OMS), 40 personnes sont mortes.",
            40,
            ["(OMS)"],
        ),
        (
            "es",
            "El Servicio de Emergencias (SAMU) informó de 22 heridos.",
            22,
            ["(SAMU)"],
        ),
        # a name before the verb with a phrase set off after it
        (
            "es",
            "La Guardia Civil, el cuerpo encargado del rescate, confirmó 18 muertos.",
            18,
            ["La Guardia Civil"],
        ),
        # a word that opens reported speech ends the source
        (
            "ar",
            "قالت وزارة الصحة في حكومة الإقليم الشرقي من البلاد إن أكثر من 120 شخصا قتلوا.",
            120,
            ["وزارة الصحة"],
        ),
        # the subject between an auxiliary and its reporting verb
        (
            "ar",
            "وكان محافظ المدينة قد حذّر في الأيام الأولى من أن عدد القتلى قد يصل إلى 500 قتيل.",
            500,
            ["محافظ المدينة"],
        ),
        (
            "de",
            "In ihrem Bericht kommt die Kommission zu dem Schluss, dass 16 Menschen getötet wurden.",
            16,
            ["Kommission"],
        ),
        # a language without articles puts a lower-case source after its verb
        ("uk", "Ще 40 людей постраждали, повідомляли місцеві ЗМІ.", 40, ["ЗМІ"]),
        ("ru", "Ещё 25 человек пострадали, сообщили региональные власти.", 25, ["власти"]),
        # the source a report cites
        (
            "fr",
            "L'agence a publié, en citant la Croix-Rouge, un bilan de 75 morts.",
            75,
            ["Croix-Rouge"],
        ),
        ("ru", "ТАСС со ссылкой на МЧС: погибли 19 человек.", 19, ["МЧС"]),
        ("de", "Unter Berufung auf die Feuerwehr wurden 9 Tote gemeldet.", 9, ["Feuerwehr"]),
        ("de", "Nach Einschätzung von Ärzte ohne Grenzen starben 60 Menschen.", 60, ["Ärzte"]),
    ],
)
def test_source_phrase(language: str, text: str, value: int, words: list[str]) -> None:
    source = _source_of(_figures(text, language), value)
    for word in words:
        assert word in source, source


@pytest.mark.parametrize(
    ("language", "text", "value", "word", "not_word"),
    [
        # two sources in one sentence: each figure takes the one nearest to it
        (
            "fr",
            "Douze blessés étaient dans un état grave, selon la préfecture, et trente personnes "
            "restaient hospitalisées, d'après l'hôpital Pasteur.",
            30,
            "Pasteur",
            "préfecture",
        ),
        (
            "es",
            "Hubo 12 muertos, según la policía, y 40 heridos, según el hospital comarcal.",
            12,
            "policía",
            "hospital",
        ),
    ],
)
def test_nearest_source(language: str, text: str, value: int, word: str, not_word: str) -> None:
    source = _source_of(_figures(text, language), value)
    assert word in source and not_word not in source, source


@pytest.mark.parametrize(
    ("language", "text", "value", "word"),
    [
        # a title or report that refers back stands for the source named before it
        (
            "fr",
            "Le procureur de Lyon, Marc Girard, a annoncé 12 morts. Parmi eux, huit étaient "
            "des enfants, a ajouté le magistrat, qui a aussi dénombré 40 blessés.",
            40,
            "Girard",
        ),
        (
            "es",
            "Según la Agencia Estatal de Meteorología (AEMET), la riada dejó 50 muertos.\n\n"
            "El informe contabiliza además 30 desaparecidos.",
            30,
            "AEMET",
        ),
        (
            "fr",
            "L'Organisation internationale pour les migrations (OIM) a compté 5 000 déplacés. "
            "Son dernier relevé fait état de 9 000 personnes déplacées.",
            9000,
            "OIM",
        ),
        # a source in the next sentence of the paragraph
        (
            "es",
            "La localidad más castigada es Alzira, con 31 cuerpos recuperados. El Centro de "
            "Coordinación advierte de que las cifras cambiarán.",
            31,
            "Centro",
        ),
    ],
)
def test_source_from_another_sentence(language: str, text: str, value: int, word: str) -> None:
    source = _source_of(_figures(text, language), value)
    assert word in source, source


def test_shot_dead_attacker_keeps_no_source() -> None:
    text = "L'assaillant a été abattu par la police. Le bilan est de 5 morts, a indiqué le préfet."
    shot = [f for f in _figures(text, "fr") if f.rule == "ml.shot_dead"]
    assert shot and shot[0].attribution is None


@pytest.mark.parametrize(
    ("language", "text", "value", "category", "subset"),
    [
        # a bare number after "already" is the new count of what the text was counting
        (
            "es",
            "La riada deja 90 muertos en Murcia. En toda la región son ya 97, según el 112.",
            97,
            "killed",
            False,
        ),
        (
            "uk",
            "Увечері йшлося про 12 загиблих, уночі — вже про 19, повідомила ОВА.",
            19,
            "killed",
            False,
        ),
        (
            "fr",
            "Le séisme a fait 40 morts lundi. Mardi, on en comptait déjà 65.",
            65,
            "killed",
            False,
        ),
        # a subset opener set off by a comma
        (
            "es",
            "El informe cuenta 80 fallecidos. De ellos, 30 tenían más de 80 años.",
            30,
            "killed",
            True,
        ),
        (
            "pt",
            "O balanço é de 60 mortos. Entre eles, 12 tinham menos de 10 anos.",
            12,
            "killed",
            True,
        ),
        # a harm phrase at the end of a long clause after the number
        (
            "es",
            "Las familias buscan a una treintena de vecinos de los que no se sabe nada.",
            30,
            "missing",
            False,
        ),
        ("uk", "Тисячі людей поховали у братських могилах.", 1000, "killed", False),
    ],
)
def test_count_classes(language: str, text: str, value: int, category: str, subset: bool) -> None:
    got = {(f.value, f.category, f.subset) for f in _figures(text, language)}
    assert (value, category, subset) in got, got


def test_a_sentence_with_its_own_figure_keeps_its_source() -> None:
    text = "Por la mañana se hablaba de 20 muertos. Otros 40 resultaron heridos, informó la prensa."
    figures = {f.value: f.attribution for f in _figures(text, "es")}
    assert figures[20] is None and "prensa" in (figures[40] or ""), figures


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("de", "Beim Angriff starben 18 Menschen.\n2000 Soldaten waren in Bereitschaft.", 2000),
        (
            "es",
            "La riada dejó 40 muertos. Unos 3.000 militares y bomberos siguen en la zona.",
            3000,
        ),
    ],
)
def test_a_part_is_never_larger_than_its_total(language: str, text: str, value: int) -> None:
    assert value not in {f.value for f in _figures(text, language)}
