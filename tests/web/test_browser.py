"""End to end in Debian's Chromium (Playwright) against a real `tally serve` on 127.0.0.1.

The seeds' Khojaly reports are ingested with the real CLI, with one hostile
article written here. Screenshots of each page at 1280 and 390 px go to
tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tally.store import Ledger
from tally.store.corrections import Corrections
from tests.conftest import ROOT, require, run_tally
from tests.web.ledgerdata import HOSTILE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the module."""
    require(CHROMIUM.exists(), "Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def _shoot(page: object, url: str, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url, wait_until="load")
        page.wait_for_function(
            "() => [...document.querySelectorAll('canvas.chartcanvas')]"
            ".every(c => window.Chart && Chart.getChart(c))"
        )
        page.wait_for_timeout(300)  # let the map draw its outlines before the picture
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


def _women_incidents(db: str) -> list[str]:
    with Ledger(db) as led:
        return sorted(
            {f.incident for f in led.figures() if f.category == "killed" and f.group == "women"}
        )


def _sign_in(page: object, base: str, token: str, back: str) -> None:
    page.goto(f"{base}/login?back={back}")
    page.fill("input[name=token]", token)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{base}{back}")


def test_seeds_incident_conflict_chart_corrections_and_safety(
    browser: object, shared: Path, tmp_path: Path, serve: Callable[[str], str]
) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "hostile.txt").write_text(
        "Port Elvar mourns\n\n" + HOSTILE + "The fire in Port Elvar killed 43 people.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "seeds.db")
    run_tally("ingest", "--db", db, str(shared / "corpus" / "seeds"), str(extra))
    with Ledger(db) as led:
        token = Corrections(led.conn).add_reviewer("Ana Reviewer")
        hostile_id = led.document(str(extra / "hostile.txt")).id
    base = serve(db)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    women = _women_incidents(db)
    assert women, "the seeds' women-killed figures (106, 116) were not extracted"
    target = women[0]
    if len(women) > 1:  # the linker left the reports apart: a reviewer merges them
        _sign_in(page, base, token, f"/incidents/{women[1]}")
        page.fill("form[action$='/merge'] input[name=target]", target)
        page.fill("form[action$='/merge'] input[name=reason]", "the same attack")
        page.click("form[action$='/merge'] button[type=submit]")
        page.wait_for_url(f"{base}/incidents/{target}")
        context.clear_cookies()

    page.goto(f"{base}/incidents/{target}")
    row = page.locator("#reconciled tr[data-category=killed][data-group=women]")
    assert row.count() == 1
    assert "conflicting" in (row.get_attribute("class") or "")
    values = row.locator("td.values").inner_text()
    assert "106" in values and "116" in values
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas.chartcanvas')]"
        ".some(c => window.Chart && Chart.getChart(c) && c.width > 0)"
    )

    # Without a token no form is offered, only a way to sign in.
    key = page.locator("li.statement").first.get_attribute("data-key")
    assert page.locator("form[action='/figures/review']").count() == 0
    assert page.locator("#sign-in-to-review a[href^='/login']").count() == 1

    # With the token the correction is kept, reconciled and logged.
    _sign_in(page, base, token, f"/incidents/{target}")
    statement = page.locator(f"li.statement[data-key='{key}']")
    statement.locator("summary").click()
    statement.locator("form.correct input[name=value]").fill("999")
    statement.locator("form.correct input[name=reason]").fill("the ministry's final count")
    statement.locator("form.correct button[value=correct]").click()
    page.wait_for_url(f"{base}/incidents/{target}")
    page.reload()
    assert "999" in page.locator("#reconciled").inner_text()
    assert (
        "corrected by Ana Reviewer" in page.locator(f"li.statement[data-key='{key}']").inner_text()
    )
    audit = page.locator("#audit").inner_text()
    assert "Ana Reviewer" in audit and "value 999" in audit
    assert "the ministry's final count" in audit and key not in audit

    # Article text is data: the hostile document shows its markup as text, and nothing runs.
    page.goto(f"{base}/documents/{hostile_id}")
    assert "<script>__pwned = 1</script>" in page.locator("#doctext").inner_text()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#doctext img, #doctext script").count() == 0

    report = tmp_path / "report.html"
    run_tally("report", "--db", db, "--out", str(report))
    page.goto(report.as_uri())
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas.chartcanvas')]"
        ".some(c => window.Chart && Chart.getChart(c))"
    )
    assert page.evaluate("() => window.__pwned") is None
    assert not [e for e in errors if "Content Security Policy" in e or "pwned" in e], errors

    context.clear_cookies()
    _shoot(page, f"{base}/", "list")
    _shoot(page, f"{base}/incidents/{target}", "incident")
    _shoot(page, f"{base}/documents/{_women_doc(db, target)}", "document")
    context.close()


def _women_doc(db: str, incident_id: str) -> str:
    with Ledger(db) as led:
        figs = [f for f in led.figures(incident_id=incident_id) if f.group == "women"]
    return figs[0].doc_id


def test_map_shows_the_incident_point_on_country_outlines(
    browser: object, fire_db: str, serve: Callable[[str], str]
) -> None:
    base = serve(fire_db)
    with Ledger(fire_db) as led:
        incident_id = led.incidents()[0].id
    page = browser.new_page()
    page.goto(f"{base}/incidents/{incident_id}")
    page.wait_for_function("() => document.querySelectorAll('.map path').length > 50")
    assert page.locator(".map path.leaflet-interactive").count() > 50
    page.close()


def _number(text: str) -> int:
    return int(text.strip().replace(",", ""))


def test_uvalde_headline_killed_is_the_total_its_table_allows(
    browser: object, shared: Path, tmp_path: Path, serve: Callable[[str], str]
) -> None:
    """The dev corpus's Uvalde shooting: the number a reader sees first (the list and the
    page's headline) is one value, and it agrees with the reconciled table's rows."""
    db = str(tmp_path / "dev.db")
    run_tally("ingest", "-q", "--db", db, str(shared / "corpus" / "dev"))
    base = serve(db)
    page = browser.new_page()
    page.goto(f"{base}/?q=uvalde")
    link = page.locator("table.incidents tbody tr").first
    listed = _number(link.locator("td.killed .headline").inner_text())
    link.locator("a").first.click()
    page.wait_for_selector("#totals")
    headline = _number(page.locator("#totals [data-category=killed] .headline").inner_text())
    assert headline == listed
    rows = page.locator("#reconciled tr[data-category=killed]")
    cells = [
        [rows.nth(i).locator("td.num").nth(k).inner_text() for k in range(3)]
        for i in range(rows.count())
    ]
    lows, bests, highs = ([_number(c[k]) for c in cells if c[k].strip()] for k in range(3))
    people = page.locator("#reconciled tr[data-category=killed][data-group=people] td.best")
    assert headline == _number(people.inner_text())  # the widest group's best
    assert max(lows) <= headline <= sum(highs)
    assert max(bests) <= headline
    assert "why" in page.locator("#why-totals summary").inner_text().lower()
    page.close()
