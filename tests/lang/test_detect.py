"""Language detection of whole documents, and the user's override."""

from __future__ import annotations

import pytest

from tally.lang import detect
from tally.lang.detect import with_language
from tally.models import Document, text_hash


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Twelve people were killed when a truck drove into a crowd, police said.", "en"),
        ("Douze personnes ont été tuées lundi soir sur un marché de Noël, selon la police.", "fr"),
        ("Zwölf Menschen starben, als ein Lastwagen in einen Weihnachtsmarkt raste.", "de"),
        ("Al menos 32 personas murieron en el derrumbe de un edificio en la capital.", "es"),
        ("Pelo menos 19 pessoas morreram no deslizamento de terra na serra.", "pt"),
        ("В результате обрушения погибли не менее 11 человек, сообщили в МЧС.", "ru"),
        ("Внаслідок удару загинули щонайменше 9 людей, повідомила обласна влада.", "uk"),
        ("قتل ما لا يقل عن 23 شخصا في انفجار في العاصمة بحسب وزارة الصحة.", "ar"),
        (
            "Comunitat · València · L'Horta\n"
            "La riada deja al menos 40 muertos en varios municipios de la provincia.\n"
            "Los servicios de emergencia siguen buscando a decenas de desaparecidos.",
            "es",
        ),
    ],
)
def test_detect(text: str, code: str) -> None:
    assert detect(text) == code


def test_given_language_wins() -> None:
    text = "Twelve people were killed when a truck drove into a crowd, police said."
    doc = Document(id=text_hash(text), text=text, kind="text", name="a.txt")
    assert with_language(doc, "fr").language == "fr"
    assert with_language(doc).language == "en"


def test_too_little_text_is_english() -> None:
    assert detect("12 dead") == "en"


LONG_STARTS = [
    (
        "Gunmen opened fire on a crowded market on Saturday, killing at least 14 people and "
        "wounding dozens more, officials said. The attack began shortly after noon, when "
        "stalls were busiest, and lasted for several minutes before police arrived.",
        "en",
    ),
    (
        "Comunitat · València · L'Horta · Ribera Alta · Ribera Baixa · Safor · Camp de Túria\n"
        "La riada deja al menos 40 muertos en varios municipios de la provincia, según el "
        "último balance de los servicios de emergencia, que siguen buscando a decenas de "
        "desaparecidos en las zonas más afectadas por el agua.",
        "es",
    ),
]


@pytest.mark.parametrize(("text", "code"), LONG_STARTS)
def test_a_clear_start_is_named_from_a_glance(
    text: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long sample is read first only as far as `GLANCE`; where that is not clear (a
    dateline of local names), the whole sample and its paragraphs decide, as before."""
    module = __import__("tally.lang.detect", fromlist=["_predict"])
    read: list[int] = []
    predict = module._predict

    def counted(sample: str) -> tuple[str, float] | None:
        read.append(len(sample))
        return predict(sample)

    monkeypatch.setattr(module, "_predict", counted)
    assert detect(text) == code
    assert read[0] <= module.GLANCE
    if code == "en":
        assert read == read[:1]
    else:
        assert len(read) > 1 and read[1] > module.GLANCE
