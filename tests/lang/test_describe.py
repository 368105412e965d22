"""A document's main incident read in its own language: type, event date, place name."""

from __future__ import annotations

import pytest

from tally.lang import load
from tally.lang.describe import event_date, in_language, incident_type, main_place
from tally.models import Document, LocalIncident, text_hash


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("fr", "Les inondations ont ravagé la vallée.", "flood"),
        ("de", "Bei dem Brand in der Lagerhalle starben vier Arbeiter.", "fire"),
        ("es", "El atentado en la estación dejó decenas de heridos.", "attack"),
        ("ru", "Авиаудар по жилому кварталу унес жизни шести человек.", "air strike"),
        ("ar", "أسفرت الفيضانات عن مقتل العشرات.", "flood"),
        ("uk", "Пожежа в торговому центрі забрала життя 12 людей.", "fire"),
    ],
)
def test_incident_type(language: str, text: str, kind: str) -> None:
    assert incident_type(load(language), text) == kind


@pytest.mark.parametrize(
    ("language", "text", "iso"),
    [
        ("fr", "Le drame s'est produit le 3 août 2019 vers minuit.", "2019-08-03"),
        ("de", "Am 19. Dezember 2016 raste ein Lastwagen in die Menge.", "2016-12-19"),
        ("es", "La riada del 14 de octubre de 1957 arrasó la ciudad.", "1957-10-14"),
        ("ru", "Пожар произошел 5 декабря 2009 года.", "2009-12-05"),
        ("uk", "Удар було завдано 9 травня 2023 року.", "2023-05-09"),
        ("ar", "وقعت الكارثة في ١١ سبتمبر/أيلول ٢٠٢٣.", "2023-09-11"),
    ],
)
def test_event_date(language: str, text: str, iso: str) -> None:
    assert event_date(load(language), text, None) == iso


def test_date_after_publication_is_not_the_event() -> None:
    assert event_date(load("fr"), "Le procès s'ouvrira le 5 septembre 2030.", "2025-01-01") is None


def test_main_place_is_the_gazetteer_name() -> None:
    text = "Un camión arrolló a la multitud en Niza. Las autoridades de Niza cerraron el paseo."
    assert main_place(text) == "Nice"


def test_acronyms_and_single_mentions_name_no_place() -> None:
    assert main_place("La DANA dejó lluvias en Murcia. La DANA sigue activa.") is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("اجتاحت السيول مدينة درنة. وقال رئيس بلدية درنة إن المئات فقدوا.", "Darnah"),
        ("Пожежа в Кемерово забрала життя. Жителі Кемерово вийшли на мітинг.", "Kemerovo"),
        ("Погибли сорока человек, сорока семей остались без крова.", None),
    ],
)
def test_places_in_other_scripts(text: str, place: str | None) -> None:
    assert main_place(text) == place


def test_hook_leaves_english_alone() -> None:
    text = "Twelve people were killed in a fire in Nice on Monday, police said."
    doc = Document(id=text_hash(text), text=text, kind="text", name="a.txt")
    main = LocalIncident(doc_id=doc.id, key="main", type="fire", place="Nice")
    assert in_language(doc, [main], []) == [main]
