"""Reviewing in Debian's Chromium against a real `tally serve`: an incident's date edited with
a reason shows in the audit log in words, the list's download gives the filtered rows, and a
signed-in reviewer's page (with its forms) has no axe violation and fits 390 px."""

from __future__ import annotations

import csv
from collections.abc import Callable

import pytest

from tally.store import Ledger
from tests.web.test_browser import _sign_in, browser  # noqa: F401 - the module's Chromium
from tests.web.test_download import three_db  # noqa: F401 - the three-city ledger

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _first(db: str) -> str:
    with Ledger(db) as led:
        return next(i.id for i in led.incidents() if not i.background)


def test_an_edited_date_with_a_reason_shows_in_the_audit_log_in_words(
    browser: object,  # noqa: F811
    fire_db: str,
    token: str,
    serve: Callable[[str], str],
) -> None:
    base, iid = serve(fire_db), _first(fire_db)
    with Ledger(fire_db) as led:
        before = led.incident(iid).date
    page = browser.new_page()
    _sign_in(page, base, token, f"/incidents/{iid}")
    page.click("#edit-incident summary")
    form = page.locator("#edit-incident form")
    form.locator("input[name=date]").fill("2024-03-04")
    form.locator("input[name=reason]").fill("the brigade's report dates the fire to 4 March")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/incidents/{iid}")
    assert "2024-03-04" in page.locator(".summary .meta").inner_text() or "4 March 2024" in (
        page.locator(".summary .meta").inner_text()
    )
    row = page.locator("#audit tbody tr").first
    assert row.locator("td.what").inner_text() == "edited the incident"
    assert row.locator("td.before").inner_text().strip() == f"date {before}"
    assert row.locator("td.after").inner_text().strip() == "date 2024-03-04"
    assert row.locator("td.reason").inner_text() == "the brigade's report dates the fire to 4 March"
    page.close()


def test_the_lists_download_gives_the_filtered_rows(
    browser: object,  # noqa: F811
    three_db: str,  # noqa: F811
    serve: Callable[[str], str],
) -> None:
    base = serve(three_db)
    page = browser.new_page(accept_downloads=True)
    page.goto(base + "/")
    page.click("details.more summary")
    page.select_option("select[name=country]", "KE")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**country=KE**")
    assert page.locator("table.incidents tbody tr").count() == 1
    with page.expect_download() as got:
        page.click("#count a[href^='/incidents.csv']")
    with open(got.value.path(), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["country"] for r in rows] == ["KE"]
    assert rows[0]["incident"] in page.locator("table.incidents").inner_text()
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_reviewers_incident_page_has_no_axe_violation_and_fits_the_screen(
    browser: object,  # noqa: F811
    fire_db: str,
    token: str,
    serve: Callable[[str], str],
    width: int,
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    base, iid = serve(fire_db), _first(fire_db)
    page = browser.new_page(viewport={"width": width, "height": 900})
    _sign_in(page, base, token, f"/incidents/{iid}")
    for summary in page.locator("details > summary").all():
        summary.click()
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the reviewer's page is {overflow} px wider than the screen"
    page.close()
