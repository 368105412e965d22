"""An Arabic document in Debian's Chromium: shown right to left, its figures highlighted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tally.store import Ledger
from tests.conftest import run_tally
from tests.web.test_browser import browser  # noqa: F401 (the module's Chromium fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARABIC = (
    "انهيار مبنى سكني في المدينة\n\n"
    "قتل ما لا يقل عن ٢٣ شخصا وأصيب ٤٧ آخرون بجروح في انهيار مبنى سكني فجر الأحد، "
    "وفقا لوزارة الصحة. وقال مسؤول في الدفاع المدني إن فرق الإنقاذ ما زالت تبحث عن مفقودين.\n"
)


def test_arabic_document_right_to_left(
    browser: object,  # noqa: F811
    tmp_path: Path,
    serve: Callable[[str], str],
) -> None:
    article = tmp_path / "inhiyar.txt"
    article.write_text(ARABIC, encoding="utf-8")
    db = str(tmp_path / "l.db")
    run_tally("ingest", "-q", "--db", db, str(article))
    with Ledger(db) as ledger:
        (doc,) = list(ledger.documents())
    assert doc.language == "ar"
    base = serve(db)
    page = browser.new_page()
    page.goto(f"{base}/documents/{doc.id}", wait_until="load")
    text = page.locator("#doctext")
    assert text.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.getElementById('doctext')).direction") == "rtl"
    marks = page.locator("#doctext mark.fig").all_inner_texts()
    assert any("٢٣" in m for m in marks) and any("٤٧" in m for m in marks), marks
    assert page.locator("#language").inner_text() == "ar"
    page.close()
