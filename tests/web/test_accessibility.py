"""Accessibility in Debian's Chromium: axe-core finds no violation on the list, an incident
page and a document page, at desktop and phone widths, and the phone layout fits 390 px."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tally.store import Ledger
from tests.web.test_browser import browser  # noqa: F401 - the module's Chromium fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _pages(db: str) -> list[str]:
    with Ledger(db) as led:
        inc = next(i for i in led.incidents() if not i.background)
        doc = led.figures(incident_id=inc.id)[0].doc_id
    return ["/", f"/incidents/{inc.id}", f"/documents/{doc}"]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation(
    browser: object,  # noqa: F811
    fire_db: str,
    serve: Callable[[str], str],
    width: int,
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    base = serve(fire_db)
    page = browser.new_page(viewport={"width": width, "height": 900})
    found = {}
    for path in _pages(fire_db):
        page.goto(base + path, wait_until="load")
        results = Axe().run(page)
        found[path] = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
        ]
        if width == 390:
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{path} is {overflow} px wider than a 390 px screen"
    page.close()
    assert found == {p: [] for p in found}
