"""The one sentence splitter, with each language's rules (sentences written for these tests)."""

from __future__ import annotations

import pytest

from tally.extract.sentences import split_sentences
from tally.lang import load


@pytest.mark.parametrize(
    ("language", "text", "count"),
    [
        # a sentence may open with an accented or non-Latin capital, or an uncased letter
        ("fr", "Le camion a été arrêté. Élodie Martin, témoin, raconte.", 2),
        ("ru", "Пожар потушили утром. Через час спасатели нашли ещё двоих.", 2),
        ("ar", "انهار السد ليلا. وقالت السلطات إن المياه غمرت المدينة.", 2),
        ("es", "¿Cuántos murieron? «Nadie lo sabe», dijo el alcalde.", 2),
        # ؟ and … end a sentence
        ("ar", "كم عدد الضحايا؟ لا أحد يعرف.", 2),
        ("fr", "Le bilan pourrait s'alourdir… Les secours fouillent toujours.", 2),
        # a lower-case word after the stop continues the sentence
        ("es", "Viven en el núm. 12 de la calle y tienen 3 hijos.", 1),
        # the language's abbreviations never end one, even before a capital
        ("de", "Die Feuerwehr rückte z. B. nach Köln aus. Dort starben 3 Menschen.", 2),
        ("de", "Betroffen war das Haus Nr. 7 in der Hauptstraße.", 1),
        ("fr", "Selon M. Dupont, le maire, 12 personnes sont mortes.", 1),
        ("es", "Según la Sra. López, hubo 4 heridos.", 1),
        ("ru", "Пострадали 3 тыс. человек. Власти объявили траур.", 2),
        # a day's number before a month name is an ordinal; before other capitals, a stop
        ("de", "Es geschah am 16. März. Die Polizei kam sofort.", 2),
        ("de", "Die Zahl der Toten stieg auf 16. Die Polizei ermittelt.", 2),
        # a line break always ends a sentence
        ("uk", "Загинули 9 людей\nЩе 27 поранені", 2),
    ],
)
def test_language_sentences(language: str, text: str, count: int) -> None:
    spans = split_sentences(text, load(language).splitter)
    assert len(spans) == count, [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Gen. Smith said 12 died. Police confirmed it.", 2),
        ("Élodie said 12 died. élan was low.", 1),
        ("The toll rose to 40. 12 more were hurt.", 2),
        # a crawled page that glued two paragraphs: the join ends a sentence
        ("Two men were taken to the hospital.Police said the driver fled.", 2),
        ("The U.S.Army said nothing about the raid.", 1),
    ],
)
def test_english_rules_are_the_default(text: str, count: int) -> None:
    assert len(split_sentences(text, glued=True)) == count


@pytest.mark.parametrize(
    ("language", "text", "first"),
    [
        ("en", "Dr. Ames said 12 died. Police confirmed it.", "Dr. Ames said 12 died."),
        ("de", "Es geschah am 16. März. Die Polizei kam.", "Es geschah am 16. März."),
        ("ru", "Пожар потушили утром. Через час нашли ещё двоих.", "Пожар потушили утром."),
    ],
)
def test_a_document_is_split_once_with_its_language(language: str, text: str, first: str) -> None:
    """Every stage reads `document_sentences`: the language's splitter, one split per text."""
    from tally.extract.sentences import document_sentences
    from tally.models import Document, text_hash

    doc = Document(id=text_hash(text), text=text, kind="text", name="t", language=language)
    spans = document_sentences(doc)
    assert text[slice(*spans[0])] == first
    assert document_sentences(doc) is spans


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "Two men were taken to the hospital.Police said the driver fled!Nobody else was hurt.",
            [
                "Two men were taken to the hospital.",
                "Police said the driver fled!",
                "Nobody else was hurt.",
            ],
        ),
        ("It is.We are not sure.", ["It is.We are not sure."]),
        ("Shots rang out at 2 a.m.Residents fled.", ["Shots rang out at 2 a.m.Residents fled."]),
        ("The U.S.Army said nothing.", ["The U.S.Army said nothing."]),
    ],
)
def test_a_glued_end_splits_right_after_its_stop(text: str, pieces: list[str]) -> None:
    """Three small letters, a stop and a capitalised word: the stop ends the first sentence."""
    assert [text[s:e] for s, e in split_sentences(text, glued=True)] == pieces
